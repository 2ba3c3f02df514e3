//! `fudao plan SCENARIO -o DIR` writes every export into DIR (notices/ and signin/ with one file
//! of each kind per session), all or nothing, byte-identical run to run; `--format html` prints the report; `--lang en` switches the labels.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::export::bundled;

use crate::support::run as fudao;

/// Every file under `dir`: relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, d: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).expect("inside").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn plan_writes_every_export_all_or_nothing_and_the_same_bytes_twice() {
    let (inputs, plan) = bundled();
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    // a calendar of someone no longer in the plan, from an earlier run: it must go
    std::fs::create_dir_all(out.join("ics")).expect("mkdir");
    std::fs::write(out.join("ics/person-GONE.ics"), "old").expect("write");
    let o = out.to_str().expect("utf-8 path");
    let r = fudao(&["plan", "scenarios/jzmu-2026-fall.toml", "-o", o]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let first = tree(&out);
    let names: Vec<String> = first.keys().map(|p| p.display().to_string()).collect();
    for f in [
        "plan.json",
        "plan.txt",
        "report.html",
        "plan.xlsx",
        "csv/sessions.csv",
        "csv/attendance.csv",
        "csv/studios.csv",
        "csv/clusters.csv",
        "csv/budget.csv",
        "csv/coverage.csv",
    ] {
        assert!(names.contains(&f.to_string()), "{f} written; got {names:?}");
    }
    let ics = names.iter().filter(|n| n.starts_with("ics/")).count();
    assert_eq!(ics, inputs.rules.groups.len() + plan.people.len());
    assert!(!names.contains(&"ics/person-GONE.ics".to_string()));
    // a notice and a sign-in sheet (both formats) per session, and the notices' index
    assert!(names.contains(&"notices/index.html".to_string()));
    for s in &plan.sessions {
        for f in [
            format!("notices/{}.html", s.id),
            format!("signin/{}.xlsx", s.id),
            format!("signin/{}.html", s.id),
        ] {
            assert!(names.contains(&f), "{f} written");
        }
    }
    let count = |dir: &str| names.iter().filter(|n| n.starts_with(dir)).count();
    assert_eq!(count("notices/"), plan.sessions.len() + 1);
    assert_eq!(count("signin/"), 2 * plan.sessions.len());
    assert!(
        !names
            .iter()
            .any(|n| n.contains(".fudao-staging") || n.ends_with(".tmp")),
        "no staging left behind: {names:?}"
    );
    // the plan.json written is the plan
    let written: fudao::wire::PlanFile =
        serde_json::from_slice(&first[Path::new("plan.json")]).expect("plan.json parses");
    assert_eq!(&written, plan);

    let r = fudao(&["plan", "scenarios/jzmu-2026-fall.toml", "-o", o]);
    assert!(r.status.success());
    assert_eq!(tree(&out), first, "byte-identical run to run");
}

#[test]
fn an_unwritable_folder_writes_nothing_and_exits_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let blocker = tmp.path().join("file");
    std::fs::write(&blocker, "not a folder").expect("write");
    let out = blocker.join("out");
    let r = fudao(&[
        "plan",
        "scenarios/jzmu-2026-fall.toml",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&blocker).expect("still there"),
        b"not a folder"
    );
}

#[test]
fn format_html_prints_the_report_and_lang_en_switches_labels() {
    let r = fudao(&["plan", "scenarios/jzmu-2026-fall.toml", "--format", "html"]);
    assert!(r.status.success());
    let page = String::from_utf8(r.stdout).expect("utf-8");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("校历日程"));
    let r = fudao(&[
        "plan",
        "scenarios/jzmu-2026-fall.toml",
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    assert!(r.status.success());
    let page = String::from_utf8(r.stdout).expect("utf-8");
    assert!(page.contains("Semester calendar"));
    assert!(!page.contains("校历日程"));
}

/// A run killed with `kill -9` leaves its staging folder and, if killed between moving the old
/// `ics/` aside and the new one in, an `.ics.old-PID` folder and no `ics/`. The next write puts
/// `ics/` back before it starts, removes what dead runs left, and leaves alone what a live run
/// (pid 1, or a fresh leftover where liveness cannot be asked) is using.
#[test]
fn leftovers_of_a_killed_run_are_cleared_and_a_moved_folder_is_put_back() {
    use fudao::export::{OutFile, write_atomically};
    // Linux pids stay below 2^22 (pid_max's ceiling): these runs cannot be alive.
    let dead = |n: u32| 4_194_304 + n;
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let put = |rel: &str, text: &str| {
        let p = d.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    put(&format!(".fudao-staging-{}/ics/half.ics", dead(1)), "half");
    put(&format!(".ics.old-{}/old.ics", dead(2)), "old calendar");
    put("csv/sessions.csv", "current csv");
    put(&format!(".csv.old-{}/stale.csv", dead(3)), "stale");
    put(".fudao-staging-1/busy", "a live run's");
    put("report.html", "old report");

    // A write without calendars: the moved-aside ics/ is put back as it was.
    write_atomically(d, &[OutFile::text("report.html", "new report")]).expect("write");
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names(d),
        [".fudao-staging-1", "csv", "ics", "report.html"],
        "dead runs' leftovers are gone, the live run's stays"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("ics/old.ics")).unwrap(),
        "old calendar"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("csv/sessions.csv")).unwrap(),
        "current csv"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("report.html")).unwrap(),
        "new report"
    );

    // Killed again in the same window; the next full write leaves a fresh ics/ only.
    std::fs::rename(d.join("ics"), d.join(format!(".ics.old-{}", dead(4)))).unwrap();
    put(&format!(".fudao-staging-{}/ics/half.ics", dead(4)), "half");
    write_atomically(
        d,
        &[
            OutFile::text("ics/new.ics", "new calendar"),
            OutFile::text("report.html", "newer report"),
        ],
    )
    .expect("write");
    assert_eq!(names(d), [".fudao-staging-1", "csv", "ics", "report.html"]);
    assert_eq!(names(&d.join("ics")), ["new.ics"]);
    assert_eq!(
        std::fs::read_to_string(d.join("ics/new.ics")).unwrap(),
        "new calendar"
    );
}
