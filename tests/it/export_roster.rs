//! Rosters straight from Excel (`roster = "staff.xlsx"` in a scenario's [meta]).
//!
//! - The bundled CSV roster written as a workbook (Excel date cells, Chinese headers) loads into
//!   exactly the same people as the CSV.
//! - A checked-in roster laid out the way an office types one by hand
//!   (`tests/fixtures/roster-xlsx/staff.xlsx`: a title row, 序号/性别/备注 columns, numeric ids,
//!   a 学院 cell merged down, dates as Excel dates, as `2016/9/1`, `2018年7月1日` and `20190701`)
//!   loads without edits. It is written by [`hand_roster`]; `FUDAO_BLESS_FIXTURES=1 cargo test
//!   --test it export_roster` rewrites it, and a test keeps the file and the helper in step.
//! - Damaged workbooks (missing column, unknown college, bad dates, duplicate id, unknown
//!   sheet) exit 2 with every problem at its sheet, row and column, all in one run.

use std::path::{Path, PathBuf};
use std::process::Command;

use fudao::input::{self, LoadOptions};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::export::root;

/// A cell the helper writes.
#[derive(Clone, Debug)]
enum Cell {
    /// Text.
    T(&'static str),
    /// An owned text.
    S(String),
    /// A number.
    N(f64),
    /// An Excel date cell (y, m, d).
    D(u16, u8, u8),
    /// Nothing.
    E,
}
use Cell::{D, E, N, S, T};

/// Write rows to a sheet with rust_xlsxwriter; `merge` merges (first_row, last_row, col) ranges
/// (0-based), keeping the first row's value.
fn workbook(sheet: &str, rows: &[Vec<Cell>], merges: &[(u32, u32, u16)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    // a fixed creation date, so the fixture's bytes do not depend on the day it was written
    let created = ExcelDateTime::from_ymd(2026, 8, 1).expect("date");
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_author("学生工作部")
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(sheet).expect("sheet name");
    let date = Format::new().set_num_format("yyyy/m/d");
    let plain = Format::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                T(s) => {
                    ws.write_string(r, c, *s).expect("write");
                }
                S(s) => {
                    ws.write_string(r, c, s).expect("write");
                }
                N(x) => {
                    ws.write_number(r, c, *x).expect("write");
                }
                D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                    ws.write_datetime_with_format(r, c, &dt, &date)
                        .expect("write");
                }
                E => {}
            }
        }
    }
    for (r0, r1, c) in merges {
        let value = match &rows[*r0 as usize][*c as usize] {
            T(s) => s.to_string(),
            S(s) => s.clone(),
            _ => String::new(),
        };
        ws.merge_range(*r0, *c, *r1, *c, &value, &plain)
            .expect("merge");
    }
    wb.save_to_buffer().expect("workbook")
}

const HEADERS_ZH: [&str; 9] = [
    "工号",
    "姓名",
    "学院",
    "岗位",
    "入职日期",
    "从事辅导员工作时间",
    "职称",
    "荣誉称号",
    "专业特长",
];

/// A scenario in `dir` (a copy of the bundled one, or `text`) whose roster is `roster`.
fn bundled_with_roster(dir: &Path, roster: &str, sheet: Option<&str>) -> PathBuf {
    let text = std::fs::read_to_string(root().join("scenarios/jzmu-2026-fall.toml"))
        .expect("bundled scenario");
    let rules = root().join("rules/jzmu.toml");
    let sheet = sheet.map_or(String::new(), |s| format!("\nroster_sheet = \"{s}\""));
    let text = text
        .replace(
            "rules = \"../rules/jzmu.toml\"",
            &format!("rules = \"{}\"", rules.display()),
        )
        .replace(
            "roster = \"jzmu-2026-fall-staff.csv\"",
            &format!("roster = \"{roster}\"{sheet}"),
        );
    let p = dir.join("scenario.toml");
    std::fs::write(&p, text).expect("write scenario");
    p
}

/// The bundled CSV roster as rows for a workbook: dates as Excel date cells.
fn bundled_roster_rows() -> Vec<Vec<Cell>> {
    let mut rdr = csv::Reader::from_path(root().join("scenarios/jzmu-2026-fall-staff.csv"))
        .expect("bundled roster");
    let headers: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = vec![headers.iter().map(|h| S(h.clone())).collect::<Vec<_>>()];
    for rec in rdr.records() {
        let rec = rec.expect("row");
        rows.push(
            rec.iter()
                .enumerate()
                .map(|(i, v)| {
                    let is_date = matches!(headers[i].as_str(), "入职日期" | "从事辅导员工作时间");
                    match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                        Ok(d) if is_date => {
                            use chrono::Datelike;
                            D(d.year() as u16, d.month() as u8, d.day() as u8)
                        }
                        _ if v.is_empty() => E,
                        _ => S(v.to_string()),
                    }
                })
                .collect(),
        );
    }
    rows
}

#[test]
fn the_bundled_roster_as_a_workbook_loads_the_same_people() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = bundled_roster_rows();
    assert!(rows.len() > 100);
    std::fs::write(dir.path().join("staff.xlsx"), workbook("名单", &rows, &[])).expect("write");
    let from_xlsx = input::load(
        &bundled_with_roster(dir.path(), "staff.xlsx", Some("名单")),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("the workbook roster loads:\n{e}"));
    let from_csv = input::load(
        &root().join("scenarios/jzmu-2026-fall.toml"),
        &LoadOptions::default(),
    )
    .expect("bundled loads");
    assert_eq!(
        from_xlsx.inputs.scenario.people,
        from_csv.inputs.scenario.people
    );
}

/// The “hand-written” roster: how an office lays a roster out in Excel/WPS.
fn hand_roster() -> Vec<u8> {
    let rows = vec![
        vec![T("2026—2027学年第一学期学工队伍名单")],
        vec![
            T("序号"),
            T("工号"),
            T("姓名"),
            T("性别"),
            T("学院"),
            T("岗位"),
            T("入职日期"),
            T("从事辅导员工作时间"),
            T("职称"),
            T("荣誉称号"),
            T("专业特长"),
            T("备注"),
        ],
        vec![
            N(1.0),
            N(20120701.0),
            T("王建华"),
            T("男"),
            T("第一临床医学院"),
            T("专职辅导员"),
            D(2012, 7, 1),
            D(2012, 7, 1),
            T("副教授（思政）"),
            T("辽宁省高校辅导员年度人物；校优秀辅导员"),
            T("心理健康教育与咨询工作；校园危机事件应对"),
            E,
        ],
        vec![
            N(2.0),
            N(20160901.0),
            T("李静"),
            T("女"),
            E, // merged with the cell above
            T("专职辅导员"),
            T("2016/9/1"),
            E,
            T("讲师"),
            E,
            T("daily_affairs"),
            T("兼任年级辅导员"),
        ],
        vec![
            N(3.0),
            N(20180701.0),
            T("张磊"),
            T("男"),
            T("护理学院"),
            T("专职辅导员"),
            T("2018年7月1日"),
            T("2018年7月1日"),
            T("讲师（思政）"),
            E,
            T("思想理论教育和价值引领、党团和班级建设"),
            E,
        ],
        vec![
            N(4.0),
            N(20190701.0),
            T("刘婷"),
            T("女"),
            T("护理学院"),
            T("分管学生工作副书记"),
            N(20190701.0),
            E,
            T("副研究员"),
            T("优秀共产党员"),
            E,
            E,
        ],
        vec![
            N(5.0),
            T("X2025"),
            T("陈宇"),
            T("男"),
            E,
            T("学工管理干部"),
            D(2025, 9, 1),
            E,
            E,
            E,
            T("career_guidance"),
            T("学生工作部"),
        ],
    ];
    workbook("Sheet1", &rows, &[(2, 3, 4)])
}

fn hand_dir() -> PathBuf {
    root().join("tests/fixtures/roster-xlsx")
}

/// Every cell of every sheet, as calamine reads it.
fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("opens");
    book.sheet_names()
        .iter()
        .map(|n| {
            let r = book.worksheet_range(n).expect("sheet");
            (
                n.clone(),
                r.rows().map(<[calamine::Data]>::to_vec).collect(),
            )
        })
        .collect()
}

#[test]
fn hand_fixture_is_what_the_helper_writes() {
    let path = hand_dir().join("staff.xlsx");
    let fresh = hand_roster();
    if std::env::var_os("FUDAO_BLESS_FIXTURES").is_some() {
        std::fs::write(&path, &fresh).expect("write fixture");
    }
    let checked_in = std::fs::read(&path).expect("tests/fixtures/roster-xlsx/staff.xlsx");
    assert_eq!(
        cells(&checked_in),
        cells(&fresh),
        "the checked-in fixture is stale: FUDAO_BLESS_FIXTURES=1 cargo test --test it export_roster"
    );
}

#[test]
fn a_hand_written_roster_loads_without_edits() {
    let l = input::load(&hand_dir().join("scenario.toml"), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("the hand-written roster loads:\n{e}"));
    let sc = &l.inputs.scenario;
    let r = &l.inputs.rules;
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let got: Vec<_> = sc
        .people
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.name.as_str(),
                p.college.map(|c| sc.colleges[c].id.as_str()),
                r.roles[p.role].id.as_str(),
                p.hired,
                p.counselor_since,
                p.title.as_str(),
                p.honors.clone(),
                p.specialties
                    .iter()
                    .map(|&s| r.duties[s].id.as_str())
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        vec![
            (
                "20120701",
                "王建华",
                Some("c1"),
                "counselor",
                d(2012, 7, 1),
                Some(d(2012, 7, 1)),
                "副教授（思政）",
                s(&["辽宁省高校辅导员年度人物", "校优秀辅导员"]),
                vec!["mental_health", "crisis_response"],
            ),
            (
                "20160901",
                "李静",
                Some("c1"),
                "counselor",
                d(2016, 9, 1),
                Some(d(2016, 9, 1)),
                "讲师",
                vec![],
                vec!["daily_affairs"],
            ),
            (
                "20180701",
                "张磊",
                Some("c2"),
                "counselor",
                d(2018, 7, 1),
                Some(d(2018, 7, 1)),
                "讲师（思政）",
                vec![],
                vec!["ideology", "party_league"],
            ),
            (
                "20190701",
                "刘婷",
                Some("c2"),
                "deputy_secretary",
                d(2019, 7, 1),
                None,
                "副研究员",
                s(&["优秀共产党员"]),
                vec![],
            ),
            (
                "X2025",
                "陈宇",
                None,
                "cadre",
                d(2025, 9, 1),
                None,
                "",
                vec![],
                vec!["career_guidance"],
            ),
        ]
    );
}

/// Run `fudao check` on a scenario; (exit code, stdout, stderr).
fn check(scenario: &Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fudao"))
        .arg("check")
        .arg(scenario)
        .output()
        .expect("fudao runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A row of the damaged roster.
fn row(id: &'static str, name: &'static str, college: &'static str, hired: Cell) -> Vec<Cell> {
    vec![
        T(id),
        T(name),
        T(college),
        T("专职辅导员"),
        hired,
        E,
        T("讲师"),
        E,
        T("ideology"),
    ]
}

#[test]
fn a_damaged_roster_reports_every_problem_at_its_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = vec![
        HEADERS_ZH.iter().map(|&h| T(h)).collect(),
        row("T01", "王建华", "第一临床医学院", D(2012, 7, 1)),
        row("T02", "李静", "外星学院", D(2018, 7, 1)),
        row("T03", "张磊", "c01", T("2016-13-45")),
        row("T02", "刘婷", "c02", D(2022, 7, 1)),
        {
            let mut r = row("T05", "陈宇", "c01", N(20250901.0));
            r[5] = T("去年九月");
            r
        },
    ];
    std::fs::write(
        dir.path().join("staff.xlsx"),
        workbook("教职工名单", &rows, &[]),
    )
    .expect("write");
    let (code, stdout, stderr) = check(&bundled_with_roster(dir.path(), "staff.xlsx", None));
    assert_eq!(code, Some(2), "bad input exits 2:\n{stderr}");
    assert!(stdout.is_empty());
    let at = |r: u32, c: &str| {
        format!(
            "staff.xlsx 工作表 教职工名单 第 {r} 行 {c} 列 / sheet 教职工名单, row {r}, column {c}"
        )
    };
    // (code, where, words)
    let expected = [
        ("E007", at(3, "C"), "外星学院"),
        ("E008", at(4, "E"), "2016-13-45"),
        ("E006", at(5, "A"), "T02"),
        ("E008", at(6, "F"), "去年九月"),
    ];
    let blocks: Vec<&str> = stderr.split("\n\n").collect();
    for (code, place, word) in &expected {
        assert!(
            blocks.iter().any(|b| b.contains(&format!("error[{code}]"))
                && b.contains(place.as_str())
                && b.contains(word)),
            "expected {code} at `{place}` about {word} in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("4 problem(s) found"),
        "all four problems, nothing else:\n{stderr}"
    );
    // the row's values are shown under the location, with a caret under the cell
    assert!(stderr.contains("3 | T02 | 李静 | 外星学院 |"), "{stderr}");
}

#[test]
fn a_missing_column_is_reported_where_it_would_go_and_rows_are_still_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    // no 入职日期 column; the rows' other problems still show
    let rows: Vec<Vec<Cell>> = vec![
        vec![T("工号"), T("姓名"), T("学院"), T("岗位"), T("职称")],
        vec![T("T01"), T("王建华"), T("c01"), T("专职辅导员"), T("讲师")],
        vec![
            T("T02"),
            T("李静"),
            T("不存在学院"),
            T("专职辅导员"),
            T("讲师"),
        ],
    ];
    std::fs::write(
        dir.path().join("staff.xlsx"),
        workbook("Sheet1", &rows, &[]),
    )
    .expect("write");
    let (code, _, stderr) = check(&bundled_with_roster(dir.path(), "staff.xlsx", None));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("staff.xlsx 工作表 Sheet1 第 1 行 F 列 / sheet Sheet1, row 1, column F"),
        "the missing column points at the first free header cell:\n{stderr}"
    );
    assert!(stderr.contains("名单缺少“入职日期”列"), "{stderr}");
    assert!(
        stderr.contains("第 3 行 C 列"),
        "the unknown college too:\n{stderr}"
    );
    assert!(stderr.contains("2 problem(s) found"), "{stderr}");
}

#[test]
fn an_unknown_sheet_points_at_roster_sheet_in_the_scenario() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = vec![HEADERS_ZH.iter().map(|&h| T(h)).collect::<Vec<_>>()];
    std::fs::write(dir.path().join("staff.xlsx"), workbook("名单", &rows, &[])).expect("write");
    let (code, _, stderr) = check(&bundled_with_roster(dir.path(), "staff.xlsx", Some("人员")));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("没有工作表“人员”"), "{stderr}");
    assert!(
        stderr.contains("\"名单\""),
        "lists the sheets there are:\n{stderr}"
    );
    assert!(
        stderr.contains("scenario.toml:"),
        "points into the scenario:\n{stderr}"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("staff.xlsx"), "工号,姓名\n").expect("write");
    let (code, _, stderr) = check(&bundled_with_roster(dir.path(), "staff.xlsx", None));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("不是可读取的 Excel 工作簿"), "{stderr}");
}

/// 任辅导员时间 with only year and month, as text or as the number `2019.07`, reads as the 1st
/// of the month and marks the person, as in a CSV roster; in 入职日期 it is a bad date.
#[test]
fn year_and_month_in_counselor_since_count_from_the_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut header: Vec<Cell> = HEADERS_ZH.iter().map(|&h| T(h)).collect();
    header[5] = T("任辅导员时间");
    let with_since = |id: &'static str, since: Cell| {
        let mut r = row(id, "王建华", "c01", D(2016, 9, 1));
        r[5] = since;
        r
    };
    let rows = vec![
        header.clone(),
        with_since("T01", T("2019.07")),
        with_since("T02", N(2019.07)),
        with_since("T03", T("2019年7月")),
        with_since("T04", D(2019, 7, 3)),
    ];
    std::fs::write(dir.path().join("staff.xlsx"), workbook("名单", &rows, &[])).expect("write");
    let scenario = bundled_with_roster(dir.path(), "staff.xlsx", None);
    let l = input::load(&scenario, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(String, String, bool)> = l
        .inputs
        .scenario
        .people
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.counselor_since.map(|d| d.to_string()).unwrap_or_default(),
                p.counselor_since_month_only,
            )
        })
        .collect();
    let want = |id: &str, since: &str, m: bool| (id.to_string(), since.to_string(), m);
    assert_eq!(
        got,
        [
            want("T01", "2019-07-01", true),
            want("T02", "2019-07-01", true),
            want("T03", "2019-07-01", true),
            want("T04", "2019-07-03", false),
        ]
    );

    // only 任辅导员时间 takes a year and month
    let rows = vec![header, row("T01", "王建华", "c01", T("2016.09"))];
    std::fs::write(dir.path().join("staff.xlsx"), workbook("名单", &rows, &[])).expect("write");
    let (code, _, stderr) = check(&scenario);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("`2016.09` is not a date (hired)"),
        "{stderr}"
    );
    assert!(stderr.contains("row 2, column E"), "{stderr}");
}
