//! The programme's record (`fudao record`, `fudao history`, the next plan reading it): a damaged
//! sheet changes nothing and names every bad cell, an import killed midway leaves the record as
//! it was, and a spring plan made after the fall's plan, sign-in sheets and camp were recorded
//! asks for exactly the year's remaining hours and trains the people the camp found weak on the
//! duties they were weak on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fudao::input::{self, LoadOptions};
use fudao::wire::{PlanFile, RecordFile};

use crate::support;

const TINY: &str = "scenarios/tiny.toml";
const FALL: &str = "scenarios/jzmu-2026-fall.toml";
const SPRING: &str = "scenarios/jzmu-2027-spring.toml";

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Plan `scenario` into `dir` and read its plan.json.
fn plan(scenario: &str, dir: &Path, extra: &[&str]) -> PlanFile {
    let mut args = vec!["plan", scenario, "-o", s(dir)];
    args.extend_from_slice(extra);
    let (code, _, err) = support::fudao(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&std::fs::read_to_string(dir.join("plan.json")).expect("plan.json"))
        .expect("plan.json parses")
}

/// Record `plan.json` of `scenario` into `db`.
fn record_plan(db: &Path, plan_json: &Path, scenario: &str) {
    let (code, out, err) = support::fudao(&[
        "record",
        "plan",
        s(plan_json),
        "--scenario",
        scenario,
        "--db",
        s(db),
    ]);
    assert_eq!(code, 0, "{out}{err}");
}

fn content(db: &Path) -> RecordFile {
    fudao::records::store::read(db).expect("the record reads")
}

fn names(p: &PlanFile) -> BTreeMap<&str, &str> {
    p.people
        .iter()
        .map(|x| (x.id.as_str(), x.name.as_str()))
        .collect()
}

fn tiny_recorded(tmp: &Path) -> (PathBuf, PlanFile) {
    let p = plan(TINY, &tmp.join("plan"), &[]);
    let db = tmp.join("records").join("tiny.sqlite");
    record_plan(&db, &tmp.join("plan").join("plan.json"), TINY);
    (db, p)
}

#[test]
fn a_damaged_sign_in_sheet_names_every_bad_cell_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (db, p) = tiny_recorded(tmp.path());
    let before = content(&db);
    let bytes_before = std::fs::read(&db).expect("db");
    let s0 = &p.sessions[0];
    let a = &s0.attendees[0];
    let n = names(&p);
    let sheet = tmp.path().join("签到表.csv");
    std::fs::write(
        &sheet,
        format!(
            "\u{feff}场次编号,工号,姓名,签到\n{id},{a},{na},√\nS999,{a},{na},√\n{id},X0000,无此人,√\n{id},{a},{na},√\n",
            id = s0.id,
            na = n[a.as_str()]
        ),
    )
    .expect("write sheet");
    let (code, out, err) = support::fudao(&["record", "attendance", s(&sheet), "--db", s(&db)]);
    assert_eq!(code, 2, "{out}{err}");
    // every problem, each at its cell (line 3 column 1: the session; line 4 column …: the person;
    // line 5: the duplicate)
    assert!(err.contains("S999") && err.contains(":3:1"), "{err}");
    assert!(err.contains("X0000") && err.contains(":4:"), "{err}");
    assert!(
        err.contains("重复") && err.contains(":5:") && err.contains("第 2 行"),
        "{err}"
    );
    assert!(err.contains("3 problem"), "{err}");
    assert_eq!(content(&db), before, "the record changed");
    assert_eq!(
        std::fs::read(&db).expect("db"),
        bytes_before,
        "the file changed"
    );

    // the same sheet as a workbook: the problems name sheet, row and column
    let xlsx = tmp.path().join("签到表.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("签到").expect("name");
    let rows = [
        ["场次编号", "工号", "姓名", "签到"],
        [s0.id.as_str(), a.as_str(), n[a.as_str()], "√"],
        [s0.id.as_str(), "X0000", "无此人", "√"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    wb.save(&xlsx).expect("save");
    let (code, _, err) = support::fudao(&["record", "attendance", s(&xlsx), "--db", s(&db)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("工作表 签到 第 3 行 B 列"), "{err}");
    assert_eq!(content(&db), before);

    // a sheet without problems is recorded
    let good = tmp.path().join("good.csv");
    let mut text = String::from("场次编号,工号,姓名,签到\n");
    for (i, x) in s0.attendees.iter().enumerate() {
        text.push_str(&format!(
            "{},{x},{},{}\n",
            s0.id,
            n[x.as_str()],
            if i == 0 { "×" } else { "√" }
        ));
    }
    std::fs::write(&good, text).expect("write");
    let (code, out, err) = support::fudao(&["record", "attendance", s(&good), "--db", s(&db)]);
    assert_eq!(code, 0, "{out}{err}");
    let after = content(&db);
    let rec = after.semesters[0]
        .sessions
        .iter()
        .find(|x| x.id == s0.id)
        .expect("session");
    let signed = rec.attendance.as_ref().expect("the sheet is recorded");
    assert_eq!(signed.len(), s0.attendees.len());
    assert_eq!(signed.iter().filter(|(_, here)| !*here).count(), 1);
}

#[test]
fn an_import_killed_midway_leaves_the_record_as_it_was() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (db, p) = tiny_recorded(tmp.path());
    let before = content(&db);
    let camp = p
        .sessions
        .iter()
        .find(|x| x.kind == "camp")
        .expect("a camp");
    let sheet = tmp.path().join("camp.csv");
    let mut text = String::from("工号,环节,得分\n");
    for a in &camp.attendees {
        text.push_str(&format!("{a},案例研讨,55\n"));
    }
    std::fs::write(&sheet, text).expect("write");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fudao"))
        .args(["record", "camp", s(&sheet), "--db", s(&db)])
        .env("FUDAO_IMPORT_PAUSE_MS", "60000")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // wait until the rows are written inside the open transaction, then kill it
    let mut err = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    std::io::BufRead::read_line(&mut err, &mut line).expect("read");
    assert!(line.contains("pausing"), "{line}");
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert_eq!(content(&db), before, "a killed import changed the record");
    // and the record still takes the import afterwards
    let (code, out, e) = support::fudao(&["record", "camp", s(&sheet), "--db", s(&db)]);
    assert_eq!(code, 0, "{out}{e}");
    assert_eq!(content(&db).semesters[0].camp.len(), camp.attendees.len());
}

/// Fall → its sign-in sheets and camp sheet → spring: yearly targets ask for exactly what
/// remains, and the camp's weak duties go to the people who were weak on them.
#[test]
fn the_spring_plan_starts_from_the_fall_record() {
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    let fall = plan(FALL, &t.join("fall"), &[]);
    let db = t.join("jzmu.sqlite");
    record_plan(&db, &t.join("fall").join("plan.json"), FALL);
    let n = names(&fall);

    // sign-in: every school-level session of the fall is on the sheet; people sign in only at
    // the first monthly meeting, and only every second one of them (so some did 3 h, some 0)
    let first_meeting = fall
        .sessions
        .iter()
        .find(|x| x.kind == "monthly_meeting")
        .expect("a meeting")
        .id
        .clone();
    let mut sheet = String::from("\u{feff}场次编号,工号,姓名,签到\n");
    let mut done: BTreeMap<&str, f64> = BTreeMap::new();
    for x in fall.sessions.iter().filter(|x| x.level == "school") {
        for (i, a) in x.attendees.iter().enumerate() {
            let here = x.id == first_meeting && i % 2 == 0;
            if here {
                *done.entry(a.as_str()).or_default() += x.hours;
            }
            sheet.push_str(&format!(
                "{},{a},{},{}\n",
                x.id,
                n[a.as_str()],
                if here { "√" } else { "" }
            ));
        }
    }
    let sheet_path = t.join("签到汇总.csv");
    std::fs::write(&sheet_path, sheet).expect("write");
    let (code, out, err) =
        support::fudao(&["record", "attendance", s(&sheet_path), "--db", s(&db)]);
    assert_eq!(code, 0, "{out}{err}");

    // the camp: every fourth camper scores 50 on a crisis case (weak), the rest 88
    let camp = fall
        .sessions
        .iter()
        .find(|x| x.kind == "camp")
        .expect("camp");
    let mut weak: BTreeSet<&str> = BTreeSet::new();
    let mut camp_sheet = String::from("工号,姓名,环节,题目,职责,得分,满分\n");
    for (i, a) in camp.attendees.iter().enumerate() {
        let score = if i % 4 == 0 {
            weak.insert(a.as_str());
            50
        } else {
            88
        };
        camp_sheet.push_str(&format!(
            "{a},{},案例研讨,宿舍突发事件,校园危机事件应对,{score},100\n{a},{},基础知识测试,,,80,100\n",
            n[a.as_str()],
            n[a.as_str()]
        ));
    }
    let camp_path = t.join("训练营成绩.csv");
    std::fs::write(&camp_path, camp_sheet).expect("write");
    let (code, out, err) = support::fudao(&["record", "camp", s(&camp_path), "--db", s(&db)]);
    assert_eq!(code, 0, "{out}{err}");

    // the spring plan with the record
    let spring = plan(SPRING, &t.join("spring"), &["--db", s(&db)]);
    let loaded = input::load(
        &support::root().join(SPRING),
        &LoadOptions {
            records: Some(db.clone()),
            ..LoadOptions::default()
        },
    )
    .expect("spring loads");
    let outcome = fudao::checker::verify(&loaded.inputs, &spring);
    assert!(
        outcome.is_ok(),
        "{}",
        fudao::checker::render(&spring, &outcome)
    );
    let rec = spring.records.as_ref().expect("the plan says what it read");
    assert_eq!(rec.semesters, vec!["jzmu-2026-fall".to_string()]);

    // yearly targets: exactly the year's hours less what the fall's sheets show
    let rules = &loaded.inputs.rules;
    let yearly = rules
        .hour_targets
        .iter()
        .find(|t| t.per == fudao::domain::Per::Year)
        .expect("a yearly target");
    let fall_people: BTreeSet<&str> = fall.people.iter().map(|p| p.id.as_str()).collect();
    let mut school: BTreeMap<&str, f64> = BTreeMap::new();
    for x in spring.sessions.iter().filter(|x| x.level == "school") {
        for a in &x.attendees {
            *school.entry(a.as_str()).or_default() += x.hours;
        }
    }
    let mut checked = 0;
    for t in rec.targets.iter().filter(|t| t.target == yearly.id) {
        assert!(fall_people.contains(t.person.as_str()));
        let d = done.get(t.person.as_str()).copied().unwrap_or(0.0);
        assert_eq!(t.done, d, "{}", t.person);
        assert_eq!(t.hours, (yearly.hours - d).max(0.0), "{}", t.person);
        let got = school.get(t.person.as_str()).copied().unwrap_or(0.0);
        assert!(
            got + 1e-9 >= t.hours,
            "{} has {got} h, needs {}",
            t.person,
            t.hours
        );
        checked += 1;
    }
    assert!(checked > 50, "only {checked} yearly targets counted");
    assert!(done.values().any(|&h| h > 0.0) && rec.targets.iter().any(|t| t.done == 0.0));

    // the weak: a need on the duty, with its reason, and training on it this spring
    let mut on_duty: BTreeMap<&str, f64> = BTreeMap::new();
    for x in spring
        .sessions
        .iter()
        .filter(|x| x.duty.as_deref() == Some("crisis_response"))
    {
        for a in &x.attendees {
            *on_duty.entry(a.as_str()).or_default() += x.hours;
        }
    }
    let mut needs = 0;
    for w in &weak {
        if loaded.inputs.scenario.person(w).is_none() {
            continue;
        }
        let need = rec
            .needs
            .iter()
            .find(|x| x.person == *w && x.duty == "crisis_response" && x.group.is_none())
            .unwrap_or_else(|| panic!("{w} weak on crisis_response has no need"));
        assert!(
            need.reason.contains("案例研讨")
                && need.reason.contains("50 分")
                && need.reason.contains("校园危机事件应对")
                && need.reason.contains("需加强"),
            "{}",
            need.reason
        );
        assert!(need.weight > 1.0);
        assert!(
            on_duty.get(w).copied().unwrap_or(0.0) > 0.0,
            "{w} gets no crisis training"
        );
        needs += 1;
    }
    assert!(needs > 10, "{needs}");
    // nobody else has a need of their own (a group's share of weak members may raise the duty
    // for the whole group; that need names the group)
    assert!(
        rec.needs
            .iter()
            .all(|x| x.group.is_some() || weak.contains(x.person.as_str())),
        "{:?}",
        rec.needs
            .iter()
            .filter(|x| !weak.contains(x.person.as_str()))
            .collect::<Vec<_>>()
    );

    // --no-scores keeps the needs and drops the numbers
    let quiet = plan(SPRING, &t.join("quiet"), &["--db", s(&db), "--no-scores"]);
    let q = quiet.records.expect("records");
    assert!(!q.scores && q.needs.len() == rec.needs.len());
    assert!(
        q.needs.iter().all(|x| !x.reason.contains("50 分")),
        "{:?}",
        q.needs[0]
    );

    // one person's history: both imports show
    let someone = weak.iter().next().expect("a weak camper");
    let (code, out, err) =
        support::fudao(&["history", someone, "--db", s(&db), "--scenario", SPRING]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(n[someone]) && out.contains("2026—2027学年第一学期"),
        "{out}"
    );
    assert!(
        out.contains("宿舍突发事件") && out.contains("需加强"),
        "{out}"
    );
    let (_, out, _) = support::fudao(&["history", someone, "--db", s(&db), "--no-scores"]);
    assert!(!out.contains("50/100"), "{out}");

    // the checker holds the plan to the record: with it, fine; without it, `plan.records`
    let spring_json = t.join("spring").join("plan.json");
    let (code, out, err) =
        support::fudao(&["check", SPRING, "--plan", s(&spring_json), "--db", s(&db)]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = support::fudao(&["check", SPRING, "--plan", s(&spring_json)]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("plan.records") && out.contains("--db"),
        "{out}"
    );

    // the report's record section: the camp table shows the crisis duty weakest (50 for a
    // quarter, 88 for the rest: mean below every other duty's 80), the weak by name
    let html = std::fs::read_to_string(t.join("spring").join("report.html")).expect("report");
    let sec = &html[html
        .find("<section id=\"record\">")
        .expect("record section")..];
    let sec = &sec[..sec.find("</section>").expect("end")];
    assert!(
        sec.contains("训练营结果") && sec.contains("<table class=\"camp\">"),
        "{sec}"
    );
    let weakest = sec.find("最弱的职责：").expect("weakest duties");
    assert!(
        sec[weakest..].starts_with("最弱的职责：校园危机事件应对"),
        "{}",
        &sec[weakest..weakest + 200]
    );
    let first_weak = weak
        .iter()
        .find(|w| loaded.inputs.scenario.person(w).is_some())
        .expect("weak");
    assert!(
        sec.contains(n[*first_weak]),
        "{first_weak} named in the needs table"
    );
    // with --no-scores the section keeps the names, drops the personal numbers
    let quiet_html = std::fs::read_to_string(t.join("quiet").join("report.html")).expect("report");
    let qs = &quiet_html[quiet_html
        .find("<section id=\"record\">")
        .expect("record section")..];
    let qs = &qs[..qs.find("</section>").expect("end")];
    assert!(qs.contains("--no-scores") && !qs.contains("50 分"), "{qs}");
    // the workbook's camp sheet and CSV: one row per (group, duty) cell of the camp
    let camp_csv =
        std::fs::read_to_string(t.join("spring").join("csv").join("camp.csv")).expect("camp.csv");
    let crisis: Vec<&str> = camp_csv
        .lines()
        .filter(|l| l.contains(",crisis_response,"))
        .collect();
    assert!(!crisis.is_empty(), "{camp_csv}");
    assert!(camp_csv.lines().count() > crisis.len());
    // 个人档案: one row per person of the fall still on the staff, school hours as signed in
    let hist = std::fs::read_to_string(t.join("spring").join("csv").join("history.csv"))
        .expect("history.csv");
    let mut rows = 0;
    for line in hist.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let want = done.get(c[0]).copied().unwrap_or(0.0);
        assert_eq!(c[4].parse::<f64>().expect("school hours"), want, "{line}");
        rows += 1;
    }
    let staying = fall
        .people
        .iter()
        .filter(|p| loaded.inputs.scenario.person(&p.id).is_some())
        .count();
    assert_eq!(rows, staying, "{hist}");
    assert!(
        sec.contains("个人培训档案与学年学时"),
        "the year view in the report"
    );
}
