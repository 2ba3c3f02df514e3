//! The Excel workbook and the CSV files of the bundled plan, re-read with calamine and the csv
//! crate and compared with plan.json: the six sheets, their row counts, and values per sheet
//! (real dates, money, names). The workbook's bytes are the same run to run.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use fudao::export::{self, Lang, OutFile};
use fudao::wire::PlanFile;

use crate::support::export::bundled;

fn exports(lang: Lang) -> Vec<OutFile> {
    let (inputs, plan) = bundled();
    export::all(inputs, plan, lang).expect("exports build")
}

fn file<'f>(files: &'f [OutFile], path: &str) -> &'f [u8] {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} exported"))
        .bytes
}

/// Every sheet: name → rows of cells (header first).
fn sheets(bytes: &[u8]) -> BTreeMap<String, Vec<Vec<Data>>> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("the workbook opens");
    let names = book.sheet_names();
    names
        .iter()
        .map(|n| {
            let range = book.worksheet_range(n).expect("sheet reads");
            (n.clone(), range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

fn date(d: &Data) -> String {
    match d {
        Data::DateTime(dt) => {
            assert!(dt.is_datetime(), "a date cell");
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => panic!("expected an Excel date, got {other:?}"),
    }
}

fn col(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| text(h) == header)
        .unwrap_or_else(|| panic!("column {header}"))
}

#[test]
fn workbook_has_the_six_sheets_in_order() {
    let (_, plan) = bundled();
    let files = exports(Lang::Zh);
    let book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(file(&files, "plan.xlsx").to_vec()))
            .expect("opens");
    // the bundled rules have [records]: a record sheet follows (no camp without a record)
    let rec = plan.records.as_ref().expect("the bundled plan has records");
    assert!(
        !rec.external_due.is_empty(),
        "the roster has people due for external training"
    );
    assert_eq!(
        book.sheet_names(),
        [
            "日程",
            "出勤",
            "工作室",
            "联合培训",
            "经费",
            "覆盖",
            "培训记录"
        ]
    );
    let sheet = &sheets(file(&files, "plan.xlsx"))["培训记录"];
    let due = col(sheet, "应安排省级以上培训");
    let id = col(sheet, "工号");
    let listed: Vec<String> = sheet[1..]
        .iter()
        .filter(|r| !text(&r[due]).is_empty())
        .map(|r| text(&r[id]))
        .collect();
    let mut want: Vec<String> = rec.external_due.iter().map(|d| d.person.clone()).collect();
    let mut got = listed.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want, "one row per person due, as plan.json says");
}

#[test]
fn sessions_sheet_gives_back_the_plans_sessions() {
    let (inputs, plan) = bundled();
    let s = &sheets(file(&exports(Lang::Zh), "plan.xlsx"))["日程"];
    assert_eq!(
        s.len(),
        plan.sessions.len() + 1,
        "header + one row per session"
    );
    let (id, d, cost, n, hours, venue) = (
        col(s, "编号"),
        col(s, "日期"),
        col(s, "费用（元）"),
        col(s, "人数"),
        col(s, "学时"),
        col(s, "地点"),
    );
    for (row, x) in s[1..].iter().zip(&plan.sessions) {
        assert_eq!(text(&row[id]), x.id);
        assert_eq!(date(&row[d]), x.date, "{}: a real Excel date", x.id);
        assert!((num(&row[cost]) - x.cost).abs() < 0.005, "{}", x.id);
        assert_eq!(num(&row[n]) as usize, x.attendees.len());
        assert!((num(&row[hours]) - x.hours).abs() < 1e-9);
        if let Some(v) = &x.venue {
            let name = &inputs
                .scenario
                .venues
                .iter()
                .find(|y| &y.id == v)
                .expect("venue")
                .name;
            assert_eq!(&text(&row[venue]), name);
        }
    }
    let kinds: BTreeMap<String, usize> = s[1..].iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(text(&r[col(s, "活动")])).or_default() += 1;
        m
    });
    let monthly = &inputs.rules.session_kinds[inputs.rules.kind("monthly_meeting").expect("kind")];
    assert_eq!(
        kinds.get(&monthly.zh).copied(),
        Some(
            plan.sessions
                .iter()
                .filter(|x| x.kind == "monthly_meeting")
                .count()
        )
    );
}

#[test]
fn attendance_studios_clusters_budget_coverage_sheets() {
    let (_, plan) = bundled();
    let book = sheets(file(&exports(Lang::Zh), "plan.xlsx"));
    check_tables(plan, &book);
}

fn check_tables(plan: &PlanFile, book: &BTreeMap<String, Vec<Vec<Data>>>) {
    // 出勤: one row per (person, session)
    let a = &book["出勤"];
    let pairs: usize = plan.sessions.iter().map(|s| s.attendees.len()).sum();
    assert_eq!(a.len(), pairs + 1);
    let first = &plan.people[0];
    let mine: Vec<String> = a[1..]
        .iter()
        .filter(|r| text(&r[0]) == first.id)
        .map(|r| text(&r[col(a, "编号")]))
        .collect();
    let want: Vec<String> = plan
        .sessions
        .iter()
        .filter(|s| s.attendees.contains(&first.id))
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(mine, want);
    assert_eq!(text(&a[1][col(a, "姓名")]), first.name);

    // 工作室: one row per member (lead, backbone, members)
    let st = &book["工作室"];
    let members: usize = plan
        .studios
        .iter()
        .map(|s| {
            if s.lead.is_some() {
                1 + s.backbone.len() + s.members.len()
            } else {
                1
            }
        })
        .sum();
    assert_eq!(st.len(), members + 1);
    let leads: Vec<String> = st[1..]
        .iter()
        .filter(|r| text(&r[col(st, "角色")]).starts_with("负责人"))
        .map(|r| text(&r[col(st, "工号")]))
        .collect();
    let want: Vec<String> = plan.studios.iter().filter_map(|s| s.lead.clone()).collect();
    assert_eq!(leads, want);

    // 联合培训: one row per college, cluster ids as in plan.json
    let cl = &book["联合培训"];
    assert_eq!(cl.len(), plan.colleges.len() + 1);
    for (row, c) in cl[1..].iter().zip(&plan.colleges) {
        assert_eq!(text(&row[0]), c.id);
        assert_eq!(
            num(&row[col(cl, "专职辅导员")]) as u32,
            c.full_time_counselors
        );
        if let Some(id) = &c.cluster {
            assert_eq!(&text(&row[col(cl, "联合培训组")]), id);
        }
    }

    // 经费: one row per fund, money to the fen
    let b = &book["经费"];
    assert_eq!(b.len(), plan.budget.funds.len() + 1);
    for (row, f) in b[1..].iter().zip(&plan.budget.funds) {
        assert_eq!(text(&row[0]), f.id);
        assert!((num(&row[col(b, "预算（元）")]) - f.allocated).abs() < 0.005);
        assert!((num(&row[col(b, "支出（元）")]) - f.spent).abs() < 0.005);
    }

    // 覆盖: one row per coverage cell
    let c = &book["覆盖"];
    assert_eq!(c.len(), plan.coverage.len() + 1);
    for (row, x) in c[1..].iter().zip(&plan.coverage) {
        assert_eq!(
            (text(&row[0]), text(&row[2])),
            (x.group.clone(), x.duty.clone())
        );
        assert!((num(&row[col(c, "人均学时")]) - x.hours).abs() < 1e-9);
    }
    // the bundled plan meets every required cell
    let required: Vec<&Vec<Data>> = c[1..]
        .iter()
        .filter(|r| text(&r[col(c, "要求覆盖")]) == "是")
        .collect();
    assert!(!required.is_empty());
    assert!(
        required
            .iter()
            .all(|r| text(&r[col(c, "人人覆盖")]) == "是")
    );
}

#[test]
fn workbook_bytes_are_deterministic() {
    let a = exports(Lang::Zh);
    // a second later: a workbook stamped with the clock would differ
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = exports(Lang::Zh);
    assert_eq!(file(&a, "plan.xlsx"), file(&b, "plan.xlsx"));
    assert_eq!(a, b, "every export is byte-identical run to run");
}

#[test]
fn english_workbook_has_english_sheets() {
    let files = exports(Lang::En);
    let book = sheets(file(&files, "plan.xlsx"));
    let names: Vec<&str> = book.keys().map(String::as_str).collect();
    for n in [
        "Sessions",
        "Attendance",
        "Studios",
        "Clusters",
        "Budget",
        "Coverage",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
}

#[test]
fn csv_files_have_a_bom_and_the_same_rows() {
    let (_, plan) = bundled();
    let files = exports(Lang::Zh);
    let book = sheets(file(&files, "plan.xlsx"));
    for (stem, sheet) in [
        ("sessions", "日程"),
        ("attendance", "出勤"),
        ("studios", "工作室"),
        ("clusters", "联合培训"),
        ("budget", "经费"),
        ("coverage", "覆盖"),
    ] {
        let bytes = file(&files, &format!("csv/{stem}.csv"));
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{stem}.csv starts with a UTF-8 BOM"
        );
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("csv row")).collect();
        let sheet_rows = &book[sheet];
        assert_eq!(
            rows.len(),
            sheet_rows.len(),
            "{stem}: same rows as the sheet"
        );
        let header: Vec<String> = sheet_rows[0].iter().map(text).collect();
        assert_eq!(
            rows[0].iter().collect::<Vec<_>>(),
            header,
            "{stem}: same header"
        );
    }
    // values: the sessions file has ISO dates and two-decimal money
    let bytes = file(&files, "csv/sessions.csv");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    for (r, s) in rdr.records().zip(&plan.sessions) {
        let r = r.expect("row");
        assert_eq!(&r[0], s.id);
        assert_eq!(&r[1], s.date);
        assert_eq!(r[15].to_string(), format!("{:.2}", s.cost));
    }
}
