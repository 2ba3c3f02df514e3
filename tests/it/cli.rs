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
