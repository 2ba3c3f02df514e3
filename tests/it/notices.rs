//! Per-session notices (`notices/<id>.html`) and sign-in sheets (`signin/<id>.xlsx`, `.html`) of
//! the bundled plan: one of each per session, the notice's time, place and speaker as in the plan,
//! names and never raw ids in the text, the sheet's 工号 column the session's attendees in plan
//! order with blank rows for walk-ins, the same bytes twice; an exported sheet, 签到 filled in,
//! goes into the record with `fudao record attendance` as it is; and the longest notice prints
//! on one A4 page in headless Chromium (`pdfinfo` counts the pages; without Chromium or pdfinfo
//! the test prints a note and passes, unless `FUDAO_REQUIRE_BROWSER=1`).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::Reader;
use fudao::export::{self, Lang, Names, OutFile, notice, signin};

use crate::support::{self, export::bundled};

const FALL: &str = "scenarios/jzmu-2026-fall.toml";

/// Every export of the bundled plan, by path.
fn files(lang: Lang) -> BTreeMap<String, Vec<u8>> {
    let (inputs, plan) = bundled();
    export::all(inputs, plan, lang)
        .expect("exports")
        .into_iter()
        .map(|OutFile { path, bytes }| (path, bytes))
        .collect()
}

/// The text a reader sees: tags dropped, the escapes undone.
fn visible(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap_or(0)..];
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in body.chars() {
        match (c, tag.as_mut()) {
            ('<', None) => tag = Some(String::new()),
            ('>', Some(t)) => {
                // a line break and cells apart; inline tags (b, a) join their text
                match t.as_str() {
                    "br" => out.push('\n'),
                    "/td" | "/th" => out.push(' '),
                    _ => {}
                }
                tag = None;
            }
            (c, Some(t)) => t.push(c),
            (c, None) => out.push(c),
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The rows of a workbook's first sheet as text (empty cells as "").
fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).expect("workbook");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn every_session_has_one_notice_and_one_sign_in_sheet_in_both_formats() {
    let (_, plan) = bundled();
    let out = files(Lang::Zh);
    let index = String::from_utf8(out["notices/index.html"].clone()).expect("utf-8");
    for s in &plan.sessions {
        for p in [
            format!("notices/{}.html", s.id),
            format!("signin/{}.xlsx", s.id),
            format!("signin/{}.html", s.id),
        ] {
            assert_eq!(out.keys().filter(|k| **k == p).count(), 1, "{p}");
        }
        assert!(
            index.contains(&format!("href=\"{}.html\"", s.id)),
            "index links {}",
            s.id
        );
    }
    let count = |dir: &str, ext: &str| {
        out.keys()
            .filter(|k| k.starts_with(dir) && k.ends_with(ext))
            .count()
    };
    assert_eq!(
        count("notices/", ".html"),
        plan.sessions.len() + 1,
        "one per session and the index"
    );
    assert_eq!(count("signin/", ".xlsx"), plan.sessions.len());
    assert_eq!(count("signin/", ".html"), plan.sessions.len());
    assert_eq!(files(Lang::Zh), out, "the same bytes twice");
}

#[test]
fn a_notice_says_when_where_and_who_speaks_as_the_plan_does_in_words() {
    let (inputs, plan) = bundled();
    let n = Names::new(inputs, plan, Lang::Zh);
    let out = files(Lang::Zh);
    let duty_ids: Vec<&str> = inputs.rules.duties.iter().map(|d| d.id.as_str()).collect();
    let mut with_speaker = 0;
    for s in &plan.sessions {
        let page =
            String::from_utf8(out[&format!("notices/{}.html", s.id)].clone()).expect("utf-8");
        assert!(page.contains("@page{size:A4;margin:20mm}"), "{}: A4", s.id);
        assert!(
            !page.contains("<script") && !page.contains("http"),
            "{}: self-contained",
            s.id
        );
        let text = visible(&page);
        assert!(
            text.contains("关于") && text.contains("的通知"),
            "{}: title",
            s.id
        );
        let d = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").expect("date");
        use chrono::Datelike;
        let day = format!("{}年{}月{}日", d.year(), d.month(), d.day());
        let time = n.time_range(s);
        assert!(!time.is_empty());
        let line = |label: &str| -> &str {
            let i = text
                .find(label)
                .unwrap_or_else(|| panic!("{}: no {label} in\n{text}", s.id));
            text[i..].lines().next().unwrap_or("")
        };
        let when = line("一、时间");
        assert!(
            when.contains(&day) && when.contains(&time),
            "{}: {when} vs {day} {time}",
            s.id
        );
        assert!(when.contains(n.weekday(d)), "{}: weekday in {when}", s.id);
        let place = line("二、地点");
        let venue = s.venue.as_deref().map(|v| {
            inputs
                .scenario
                .venues
                .iter()
                .find(|x| x.id == v)
                .expect("venue")
                .name
                .clone()
        });
        assert!(
            place.contains(venue.as_deref().unwrap_or(&n.location(s))),
            "{}: {place}",
            s.id
        );
        let who = line("三、参加对象");
        assert!(who.contains(&n.audience(s)), "{}: {who}", s.id);
        assert!(
            who.contains(&format!("共 {} 人", s.attendees.len())),
            "{}: {who}",
            s.id
        );
        if let Some(sp) = s.speaker.as_deref() {
            let name = n.speaker(s);
            assert!(
                text.contains(&format!("四、{}：{name}", n.speaker_role(s))),
                "{}: speaker {name}",
                s.id
            );
            if let Some(x) = inputs.scenario.speakers.iter().find(|x| x.id == sp) {
                with_speaker += 1;
                assert!(
                    text.contains(&format!("{}·{}", x.level.zh(), x.note.trim())),
                    "{}: standing of {name}",
                    s.id
                );
            }
        }
        for seg in &s.segments {
            assert!(text.contains(seg.as_str()), "{}: segment {seg}", s.id);
        }
        assert!(
            text.contains("签到") && text.contains("请假"),
            "{}: requirements",
            s.id
        );
        assert!(text.contains("党委学生工作部"), "{}: organizer", s.id);
        for raw in [
            "all_counselors",
            "studio:",
            "unit:",
            "school",
            "centralized",
        ] {
            assert!(!text.contains(raw), "{}: raw `{raw}` in\n{text}", s.id);
        }
        for id in &duty_ids {
            assert!(!text.contains(id), "{}: duty id `{id}` in\n{text}", s.id);
        }
    }
    assert!(with_speaker > 0, "the bundled plan invites speakers");
    // English labels with --lang en; Chinese by default
    let en = files(Lang::En);
    let s = &plan.sessions[0];
    let text = visible(std::str::from_utf8(&en[&format!("notices/{}.html", s.id)]).expect("utf-8"));
    assert!(
        text.contains("1. Time") && text.contains("Participants"),
        "{text}"
    );
    assert!(!text.contains("参加对象"), "{text}");
}

#[test]
fn a_sign_in_sheet_lists_the_attendees_in_plan_order_with_blank_rows_for_walk_ins() {
    let (inputs, plan) = bundled();
    let n = Names::new(inputs, plan, Lang::Zh);
    let out = files(Lang::Zh);
    for s in &plan.sessions {
        let rows = sheet_rows(&out[&format!("signin/{}.xlsx", s.id)]);
        let h = rows
            .iter()
            .position(|r| r.first().map(String::as_str) == Some("序号"))
            .unwrap_or_else(|| panic!("{}: header row", s.id));
        assert_eq!(
            rows[h],
            ["序号", "工号", "姓名", "学院", "签到", "备注"],
            "{}",
            s.id
        );
        assert!(
            rows[..h]
                .iter()
                .any(|r| r[0] == format!("场次编号：{}", s.id)),
            "{}: the caption names the session",
            s.id
        );
        let body = &rows[h + 1..];
        let ids: Vec<&str> = body
            .iter()
            .map(|r| r[1].as_str())
            .filter(|x| !x.is_empty())
            .collect();
        assert_eq!(
            ids,
            s.attendees.iter().map(String::as_str).collect::<Vec<_>>(),
            "{}",
            s.id
        );
        for (r, a) in body.iter().zip(&s.attendees) {
            assert_eq!(r[2], n.person(a));
            assert_eq!(r[3], n.person_college(a));
        }
        let blank = body.len() - s.attendees.len();
        assert!(
            blank >= 10 && blank >= s.attendees.len() / 10,
            "{}: {blank} blank rows",
            s.id
        );
        for (i, r) in body.iter().enumerate() {
            assert_eq!(r[0], (i + 1).to_string(), "{}: numbered", s.id);
        }
        // the page: the same people in the same order, the header row repeated when printed
        let page = String::from_utf8(out[&format!("signin/{}.html", s.id)].clone()).expect("utf-8");
        assert!(page.contains("thead{display:table-header-group}") && page.contains("<thead>"));
        let mut at = 0;
        for a in &s.attendees {
            let cell = format!("<td>{a}</td>");
            at += page[at..]
                .find(&cell)
                .unwrap_or_else(|| panic!("{}: {a} in order", s.id));
        }
        let text = visible(&page);
        assert!(text.contains(&n.time_range(s)) && text.contains(&format!("场次编号：{}", s.id)));
    }
    assert_eq!(signin::blank_rows(147), 15);
    assert_eq!(signin::blank_rows(12), 10);
}

fn p(x: &Path) -> &str {
    x.to_str().expect("utf-8 path")
}

#[test]
fn an_exported_sign_in_sheet_filled_in_goes_into_the_record_as_it_is() {
    let (_, plan) = bundled();
    let out = files(Lang::Zh);
    let tmp = tempfile::tempdir().expect("tmp");
    let plan_json = tmp.path().join("plan.json");
    std::fs::write(&plan_json, serde_json::to_string(plan).expect("json")).expect("write");
    let db = tmp.path().join("a.sqlite");
    let (code, o, e) = support::fudao(&[
        "record",
        "plan",
        p(&plan_json),
        "--scenario",
        FALL,
        "--db",
        p(&db),
    ]);
    assert_eq!(code, 0, "{o}{e}");
    let db2 = tmp.path().join("b.sqlite");
    std::fs::copy(&db, &db2).expect("copy");
    // a small session, and someone not on its plan who walks in
    let s = plan
        .sessions
        .iter()
        .min_by_key(|s| s.attendees.len())
        .expect("a session");
    let walk_in = plan
        .people
        .iter()
        .find(|x| !s.attendees.contains(&x.id))
        .expect("someone else");

    // as exported, nothing filled in: everyone is recorded absent, the blank rows are skipped
    let xlsx = tmp.path().join(format!("{}.xlsx", s.id));
    std::fs::write(&xlsx, &out[&format!("signin/{}.xlsx", s.id)]).expect("write");
    let (code, o, e) = support::fudao(&["record", "attendance", p(&xlsx), "--db", p(&db)]);
    assert_eq!(code, 0, "{o}{e}");
    let rec = fudao::records::store::read(&db).expect("record");
    let got = rec.semesters[0]
        .sessions
        .iter()
        .find(|x| x.id == s.id)
        .expect("session");
    let sorted = |mut v: Vec<(String, bool)>| {
        v.sort();
        v
    };
    let want: Vec<(String, bool)> = s.attendees.iter().map(|a| (a.clone(), false)).collect();
    assert_eq!(got.attendance.clone().map(sorted), Some(sorted(want)));

    // filled in: √ for every other attendee, one walk-in written into the first blank row
    let mut rows = sheet_rows(&out[&format!("signin/{}.xlsx", s.id)]);
    let h = rows.iter().position(|r| r[0] == "序号").expect("header");
    for (i, r) in rows[h + 1..].iter_mut().enumerate() {
        if i < s.attendees.len() {
            r[4] = if i % 2 == 0 {
                "√".into()
            } else {
                String::new()
            };
        } else if i == s.attendees.len() {
            r[1] = walk_in.id.clone();
            r[2] = walk_in.name.clone();
            r[4] = "√".into();
        }
    }
    let filled = tmp.path().join("filled.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write_string(r as u32, c as u16, v).expect("cell");
        }
    }
    wb.save(&filled).expect("save");
    // and the same as CSV (what Excel's “save as CSV” gives: the captions in the first column)
    let csv = tmp.path().join("filled.csv");
    let quote = |v: &String| {
        if v.contains([',', '"', '\n']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.clone()
        }
    };
    let text: String = rows
        .iter()
        .map(|r| format!("{}\n", r.iter().map(quote).collect::<Vec<_>>().join(",")))
        .collect();
    std::fs::write(&csv, format!("\u{feff}{text}")).expect("write");
    for (sheet, db) in [(&filled, &db), (&csv, &db2)] {
        let (code, o, e) = support::fudao(&["record", "attendance", p(sheet), "--db", p(db)]);
        assert_eq!(code, 0, "{}: {o}{e}", sheet.display());
        let rec = fudao::records::store::read(db).expect("record");
        let got = rec.semesters[0]
            .sessions
            .iter()
            .find(|x| x.id == s.id)
            .expect("session");
        let mut want: Vec<(String, bool)> = s
            .attendees
            .iter()
            .enumerate()
            .map(|(i, a)| (a.clone(), i % 2 == 0))
            .collect();
        want.push((walk_in.id.clone(), true));
        assert_eq!(
            got.attendance.clone().map(sorted),
            Some(sorted(want)),
            "{}",
            sheet.display()
        );
    }

    // a caption naming a session the plan does not have is reported at its cell
    let bad = tmp.path().join("bad.csv");
    std::fs::write(
        &bad,
        text.replace(&format!("场次编号：{}", s.id), "场次编号：S999"),
    )
    .expect("write");
    let (code, _, e) = support::fudao(&["record", "attendance", p(&bad), "--db", p(&db2)]);
    assert_eq!(code, 2, "{e}");
    assert!(e.contains("S999"), "{e}");
}

#[test]
fn the_longest_notice_prints_on_one_a4_page() {
    let Some(browser) = crate::browser::chromium() else {
        assert!(
            std::env::var_os("FUDAO_REQUIRE_BROWSER").is_none(),
            "no Chromium on PATH"
        );
        eprintln!("note: no Chromium on PATH; the notice's page count is not checked");
        return;
    };
    if Command::new("pdfinfo").arg("-v").output().is_err() {
        assert!(
            std::env::var_os("FUDAO_REQUIRE_BROWSER").is_none(),
            "no pdfinfo on PATH"
        );
        eprintln!("note: no pdfinfo (poppler-utils); the notice's page count is not checked");
        return;
    }
    let (inputs, plan) = bundled();
    let n = Names::new(inputs, plan, Lang::Zh);
    let longest = plan
        .sessions
        .iter()
        .map(|s| notice::notice(&n, s))
        .max_by_key(|page| visible(page).chars().count())
        .expect("a notice");
    let tmp = tempfile::tempdir().expect("tmp");
    let page = tmp.path().join("notice.html");
    std::fs::write(&page, &longest).expect("write");
    let pdf = tmp.path().join("notice.pdf");
    let o = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            tmp.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(str::trim)
        .unwrap_or_else(|| panic!("pdfinfo: {info}"));
    assert_eq!(pages, "1", "{info}");
    assert!(info.contains("(A4)"), "A4: {info}");
}
