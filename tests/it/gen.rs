//! `fudao gen`: synthetic scenarios load cleanly, are deterministic, and have the realistic shape.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Datelike, Weekday};
use fudao::domain::Inputs;
use fudao::domain::eligibility::{self, Verdict};
use fudao::r#gen::{self as generator, GenOptions};
use fudao::input::{self, LoadOptions};

fn rules_path() -> String {
    crate::support::root()
        .join("rules/jzmu.toml")
        .display()
        .to_string()
}

fn opts(n: u32, m: u32, s: u64) -> GenOptions {
    GenOptions {
        rules: rules_path(),
        ..GenOptions::new(n, m, s)
    }
}

fn text(n: u32, m: u32, s: u64) -> String {
    generator::generate(&opts(n, m, s))
        .expect("valid arguments")
        .toml
}

/// Generate into a temporary directory and load through the same path as `fudao check`.
fn load(n: u32, m: u32, s: u64) -> Inputs {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(opts(n, m, s).file_name());
    std::fs::write(&path, text(n, m, s)).expect("write");
    match input::load(&path, &LoadOptions::default()) {
        Ok(l) => l.inputs,
        Err(e) => panic!("gen {n}/{m}/{s} does not load:\n{e}"),
    }
}

const CASES: [(u32, u32, u64); 3] = [(5, 40, 1), (20, 150, 7), (60, 1500, 3)];

#[test]
fn generated_scenarios_load() {
    for (n, m, s) in CASES {
        let i = load(n, m, s);
        assert_eq!(i.scenario.colleges.len(), n as usize);
        assert_eq!(i.scenario.people.len(), m as usize);
    }
}

#[test]
fn edge_sizes_load() {
    for (n, m) in [
        (1, 1),
        (1, 6),
        (2, 2),
        (4, 14),
        (7, 8),
        (26, 150),
        (500, 500),
        (500, 1700),
    ] {
        let i = load(n, m, 11);
        assert_eq!(i.scenario.people.len(), m as usize, "{n}/{m}");
        assert_eq!(i.full_time_counselors().len(), n as usize);
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    for (n, m, s) in CASES {
        let a = text(n, m, s);
        assert_eq!(a, text(n, m, s), "{n}/{m}/{s} is not deterministic");
        assert_ne!(
            a,
            text(n, m, s + 1),
            "{n}/{m}: seeds {s} and {} give the same file",
            s + 1
        );
    }
}

#[test]
fn small_and_large_colleges_and_small_ones_can_cluster() {
    for (n, m, s) in CASES {
        let i = load(n, m, s);
        let ft = i.full_time_counselors();
        let min = i.rules.two_level.independent_min;
        assert!(
            ft.iter().any(|&k| k < min),
            "{n}/{m}: no small college: {ft:?}"
        );
        assert!(
            ft.iter().any(|&k| k >= min),
            "{n}/{m}: no large college: {ft:?}"
        );
        let small = ft.iter().filter(|&&k| k < min).count() as f64 / n as f64;
        assert!(
            (0.3..=0.5).contains(&small),
            "{n}/{m}: {small:.2} of colleges small"
        );
        for (c, campus) in i.scenario.campuses.iter().enumerate() {
            let on: Vec<u32> = (0..n as usize)
                .filter(|&k| i.scenario.colleges[k].campus == c && ft[k] < min)
                .map(|k| ft[k])
                .collect();
            assert!(
                on.is_empty() || (on.len() >= 2 && on.iter().sum::<u32>() >= min),
                "{n}/{m}: small colleges on {} cannot cluster: {on:?}",
                campus.id
            );
            assert!(on.iter().all(|&k| k >= 2), "{n}/{m}: {on:?}");
        }
    }
}

#[test]
fn every_duty_has_two_eligible_leads() {
    for (n, m, s) in CASES {
        let i = load(n, m, s);
        let at = i.scenario.semester.start;
        for (d, duty) in i.rules.duties.iter().enumerate() {
            let eligible = i
                .scenario
                .people
                .iter()
                .filter(|p| p.specialties.contains(&d))
                .filter(|p| eligibility::lead(&i.rules, p, at).verdict == Verdict::Eligible)
                .count();
            assert!(
                eligible >= 2,
                "{n}/{m}: duty {} has {eligible} eligible leads",
                duty.id
            );
        }
    }
}

#[test]
fn speaker_and_visit_dates_are_workdays() {
    for (n, m, s) in CASES {
        let i = load(n, m, s);
        let sem = &i.scenario.semester;
        let workday = |d: chrono::NaiveDate| {
            d >= sem.start
                && d <= sem.end
                && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
                && !sem.holidays.iter().any(|h| h.contains(d))
                && !sem.exam_weeks.iter().any(|e| e.contains(d))
        };
        assert!(i.scenario.speakers.len() >= 12);
        for sp in &i.scenario.speakers {
            assert!(
                (4..=8).contains(&sp.dates.len()),
                "{}: {} dates",
                sp.id,
                sp.dates.len()
            );
            for &d in &sp.dates {
                assert!(workday(d), "{n}/{m}: speaker {} on {d}", sp.id);
            }
        }
        assert_eq!(i.scenario.visits.len(), 3);
        for v in &i.scenario.visits {
            assert!(v.dates.iter().all(|&d| workday(d)), "visit {}", v.id);
        }
    }
}

#[test]
fn calendar_matches_the_bundled_scenario() {
    let i = load(5, 40, 1);
    let sem = &i.scenario.semester;
    assert_eq!(
        (sem.start.to_string(), sem.end.to_string()),
        ("2026-08-31".into(), "2027-01-22".into())
    );
    let names: Vec<&str> = sem.holidays.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["中秋节", "国庆节", "元旦"]);
    let makeup: Vec<String> = sem.makeup_workdays.iter().map(|d| d.to_string()).collect();
    assert_eq!(makeup, ["2026-09-20", "2026-10-10"]);
    assert_eq!(sem.exam_weeks[0].start.to_string(), "2027-01-11");
    assert_eq!(sem.exam_weeks[0].end.to_string(), "2027-01-22");
}

#[test]
fn speakers_courses_campuses_and_venues() {
    for (n, m, s) in CASES {
        let i = load(n, m, s);
        let sc = &i.scenario;
        for d in 0..i.rules.duties.len() {
            let experts = sc
                .speakers
                .iter()
                .filter(|x| !x.role_model && x.duties.contains(&d))
                .count();
            let models = sc
                .speakers
                .iter()
                .filter(|x| x.role_model && x.duties.contains(&d))
                .count();
            assert!(
                experts >= 2 && models >= 1,
                "{n}/{m}: duty {d}: {experts} experts, {models} role models"
            );
            assert!(sc.online_courses.iter().any(|c| c.duties.contains(&d)));
        }
        assert_eq!(sc.online_courses.len(), 8);
        let c = sc.campuses.len();
        assert!((2..=5).contains(&c), "{n}: {c} campuses");
        let mut near = false;
        let mut far = false;
        for a in 0..c {
            for b in 0..c {
                let t = sc.travel_minutes[a][b].unwrap_or_else(|| panic!("no travel {a}-{b}"));
                near |= a != b && t < 40.0;
                far |= t > 40.0;
            }
        }
        assert!(
            near && (c == 2 || far),
            "{n}: travel times {:?}",
            sc.travel_minutes
        );
        let hall = sc
            .venues
            .iter()
            .filter(|v| v.campus == 0)
            .map(|v| v.capacity)
            .max()
            .unwrap_or(0);
        assert!(
            hall as usize >= sc.people.len(),
            "{n}/{m}: main hall seats {hall}"
        );
        for k in 0..c {
            let rooms = sc
                .venues
                .iter()
                .filter(|v| v.campus == k && (20..=60).contains(&v.capacity))
                .count();
            assert!(
                rooms >= if k == 0 { 10 } else { 3 },
                "campus {k}: {rooms} seminar rooms"
            );
            let big = sc
                .venues
                .iter()
                .filter(|v| v.campus == k)
                .map(|v| v.capacity)
                .max()
                .unwrap_or(0);
            assert!(big >= 200, "campus {k}: biggest venue {big}");
        }
        let names: BTreeSet<&str> = sc.colleges.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), n as usize, "college names repeat");
        assert!(sc.funds_total >= 3000.0 * m as f64);
    }
}

#[test]
fn staff_proportions_follow_the_bundled_roster() {
    let i = load(60, 1500, 3);
    let sc = &i.scenario;
    let role = |id: &str| {
        sc.people
            .iter()
            .filter(|p| i.rules.roles[p.role].id == id)
            .count() as f64
            / 1500.0
    };
    assert!(
        (0.68..=0.82).contains(&role("counselor")),
        "{}",
        role("counselor")
    );
    assert!((0.06..=0.08).contains(&role("part_time_counselor")));
    assert!((0.09..=0.11).contains(&role("cadre")));
    assert_eq!(
        sc.people
            .iter()
            .filter(|p| i.rules.roles[p.role].id == "deputy_secretary")
            .count(),
        60
    );
    let at = sc.semester.start;
    let new = sc
        .people
        .iter()
        .filter(|p| i.rules.roles[p.role].is_counselor && p.months_since_hire(at) <= 12)
        .count() as f64
        / 1500.0;
    assert!((0.07..=0.14).contains(&new), "new counselors {new:.3}");
    let honored = sc.people.iter().filter(|p| !p.honors.is_empty()).count() as f64 / 1500.0;
    assert!((0.10..=0.20).contains(&honored), "honors {honored:.3}");
    assert!(
        sc.people
            .iter()
            .all(|p| (1..=3).contains(&p.specialties.len()))
    );
    assert!(
        sc.people.iter().any(|p| p.title.contains('（')),
        "no suffixed title"
    );
    let names: BTreeSet<&str> = sc.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), sc.people.len(), "staff names repeat");
}

fn fudao(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fudao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run fudao")
}

#[test]
fn cli_writes_the_default_file_and_check_accepts_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = rules_path();
    let out = fudao(
        &[
            "gen",
            "--colleges",
            "5",
            "--staff",
            "40",
            "--seed",
            "2",
            "--rules",
            &rules,
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("5 colleges") && stdout.contains("40 staff"),
        "{stdout}"
    );
    let file: PathBuf = dir.path().join("gen-5-40-2.toml");
    assert_eq!(
        std::fs::read_to_string(&file).expect("default file"),
        text(5, 40, 2)
    );
    let check = fudao(&["check", "gen-5-40-2.toml"], dir.path());
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // -o FILE and the default rules path (with its hint)
    let out = fudao(
        &["gen", "--colleges", "3", "--staff", "30", "-o", "x.toml"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--rules"));
    let x = std::fs::read_to_string(dir.path().join("x.toml")).expect("-o file");
    assert!(x.contains("rules = \"../rules/jzmu.toml\""));
}

#[test]
fn cli_bad_arguments_exit_2_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["gen", "--colleges", "0", "--staff", "10"][..],
        &["gen", "--colleges", "10", "--staff", "5"],
        &["gen", "--colleges", "501", "--staff", "5000"],
        &["gen", "--colleges", "5", "--staff", "20001"],
        &["gen", "--colleges", "5", "--staff", "0"],
        &["gen", "--staff", "40"],
        &["gen", "--colleges", "five", "--staff", "40"],
        &["gen", "--colleges", "-3", "--staff", "40"],
        &[
            "gen",
            "--colleges",
            "5",
            "--staff",
            "40",
            "-o",
            "no/such/dir/x.toml",
        ],
    ] {
        let out = fudao(args, dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{args:?}: no Chinese: {err}"
        );
        assert!(
            err.chars().any(|c| c.is_ascii_alphabetic()),
            "{args:?}: no English: {err}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "bad arguments wrote a file"
    );
}
