//! The CLI as a user runs it: exit codes, readable summaries, JSON for tools.

use crate::support;

use support::fudao;

#[test]
fn check_bundled_prints_threshold_groups_and_lead_candidates() {
    let (code, out, err) = fudao(&["check", "scenarios/jzmu-2026-fall.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("inputs are valid"), "{out}");
    // colleges against the threshold, with counts
    assert!(
        out.contains("第一临床医学院") && out.contains("independent (9 >= 6)"),
        "{out}"
    );
    assert!(out.contains("joint (2 < 6)"), "{out}");
    // counts per group and lead candidates per duty
    assert!(
        out.contains("新入职辅导员") && out.contains("all_counselors"),
        "{out}"
    );
    assert!(out.contains("Studio-lead candidates per duty"), "{out}");
    assert!(out.contains("9. 理论和实践研究"), "{out}");
}

#[test]
fn classify_json_gives_every_person_with_groups_and_reasons() {
    let (code, out, err) = fudao(&[
        "classify",
        "scenarios/jzmu-2026-fall.toml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let people = v["people"].as_array().expect("people array");
    let l = support::load_bundled("scenarios/jzmu-2026-fall.toml");
    assert_eq!(people.len(), l.inputs.scenario.people.len());
    for p in people {
        let groups = p["groups"].as_array().expect("groups");
        let reasons = p["reasons"].as_array().expect("reasons");
        assert!(p["id"].is_string() && p["name"].is_string());
        // one reason per group, or one saying why the person fits no group
        assert_eq!(reasons.len(), groups.len().max(1), "{p}");
    }
    // a new counselor's reason names the hire date and the month count
    let new = people
        .iter()
        .find(|p| {
            p["groups"]
                .as_array()
                .is_some_and(|g| g.iter().any(|x| x == "new_counselors"))
        })
        .expect("a new counselor");
    let r = new["reasons"].to_string();
    assert!(r.contains("hired") && r.contains("within 12"), "{r}");
}

#[test]
fn classify_table_is_readable() {
    let (code, out, _) = fudao(&["classify", "scenarios/tiny.toml"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("工号 id") && out.contains("群体 groups"),
        "{out}"
    );
    assert!(out.contains("人数 people"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = fudao(&["classify"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = fudao(&["classify", "scenarios/tiny.toml", "--format", "yaml"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = fudao(&["check", "no/such/file.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.toml"), "{err}");
}

/// `fudao classify … | head -1`: the reader goes away after one line while fudao still has
/// output to write (a generated scenario makes the output far larger than a pipe's buffer, so
/// the write must hit the closed pipe). fudao ends quietly: exit 0, nothing on stderr.
#[test]
fn closed_stdout_pipe_ends_quietly() {
    use std::io::BufRead as _;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("big.toml");
    let rules = support::root().join("rules/jzmu.toml");
    let (code, _, err) = fudao(&[
        "gen",
        "--colleges",
        "30",
        "--staff",
        "1000",
        "--seed",
        "1",
        "--rules",
        rules.to_str().unwrap(),
        "-o",
        scenario.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // The whole output is much larger than a pipe buffer (64 KiB on Linux).
    let (code, full, _) = fudao(&["classify", scenario.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    assert!(full.len() > 256 * 1024, "output only {} bytes", full.len());

    let mut child = Command::new(env!("CARGO_BIN_EXE_fudao"))
        .args(["classify", scenario.to_str().unwrap(), "--format", "json"])
        .current_dir(support::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fudao");
    let mut first = String::new();
    {
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut first).unwrap();
    } // the read end is closed here, like `head -1` exiting
    assert_eq!(first.trim(), "{");
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
    assert_eq!(done.status.code(), Some(0), "stderr: {stderr}");
}

/// An unknown college written as a short name gets the nearest full name and the names one can
/// type (`公卫学院` → 公共卫生学院).
#[test]
fn an_unknown_college_suggests_the_nearest_name() {
    let person = "[[people]]\nid = \"p1\"\nname = \"王建华\"\ncollege = \"公卫学院\"\nrole = \"counselor\"\nhired = 2016-09-01\n";
    let text = support::scenario_text(person).replacen(
        "[[venues]]",
        "[[colleges]]\nid = \"c2\"\nname = \"公共卫生学院\"\ncampus = \"main\"\ndiscipline = \"clinical\"\nstage = \"undergraduate\"\n\n[[venues]]",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("scenario.toml");
    std::fs::write(&p, text).unwrap();
    let (code, _, err) = fudao(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown college `公卫学院`"), "{err}");
    assert!(
        err.contains("did you mean 公共卫生学院 (c2)? / 是否应为“公共卫生学院”？"),
        "{err}"
    );
    assert!(
        err.contains("第一临床医学院 (c1), 公共卫生学院 (c2)"),
        "{err}"
    );
}
