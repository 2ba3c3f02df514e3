//! `fudao diff`: matching sessions by what they are (not by id), clusters, studios, budget.

use crate::support;

use fudao::diff::diff;
use fudao::input::{self, LoadOptions, Override};
use fudao::wire::PlanFile;

const BUNDLED: &str = "scenarios/jzmu-2026-fall.toml";

use support::fudao;

fn plan_with(overrides: Vec<Override>) -> PlanFile {
    let l = input::load(
        &support::root().join(BUNDLED),
        &LoadOptions {
            rules: None,
            overrides,
            ..LoadOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let p = fudao::planner::run(&l.inputs);
    assert_ne!(p.file.status, "infeasible");
    p.file
}

#[test]
fn a_plan_compared_with_itself_has_no_differences() {
    let a = plan_with(Vec::new());
    let d = diff(&a, &a.clone());
    assert!(d.is_empty(), "{d:?}");

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&a).expect("json")).expect("write");
    let arg = path.display().to_string();
    let (code, out, err) = fudao(&["diff", &arg, &arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the plans are the same"), "{out}");
    let (code, out, err) = fudao(&["diff", &arg, &arg, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["sessions"]["added"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["budget"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["objective"].as_array().map(Vec::len), Some(0));
}

#[test]
fn more_funds_show_as_budget_differences() {
    // 300000 → 320000: every allocation grows (the school's 60 % from 180000 to 192000) and the
    // money buys sessions, so spending and the objective change too; the diff shows each fund
    // with both plans' figures.
    let a = plan_with(Vec::new());
    let b = plan_with(vec![Override::new("funds.total", 320_000.0)]);
    let d = diff(&a, &b);
    let school = d
        .budget
        .iter()
        .find(|f| f.id == "school")
        .expect("school fund");
    assert_eq!(school.allocated_a, Some(180_000.0));
    assert_eq!(school.allocated_b, Some(192_000.0));
    // every fund grew, so every fund is listed, with the figures of its plan
    assert_eq!(d.budget.len(), a.budget.funds.len(), "{:?}", d.budget);
    for f in &d.budget {
        let fa = a.budget.funds.iter().find(|x| x.id == f.id).expect("in A");
        let fb = b.budget.funds.iter().find(|x| x.id == f.id).expect("in B");
        assert_eq!(
            (f.allocated_a, f.spent_a),
            (Some(fa.allocated), Some(fa.spent)),
            "{f:?}"
        );
        assert_eq!(
            (f.allocated_b, f.spent_b),
            (Some(fb.allocated), Some(fb.spent)),
            "{f:?}"
        );
        assert!(fb.allocated > fa.allocated, "{f:?}");
    }
    // the objective rows are exactly the terms that differ
    for (term, va) in &a.objective.terms {
        let vb = b.objective.terms[term];
        let listed = d.objective.iter().any(|o| &o.term == term);
        assert_eq!(
            listed,
            (va - vb).abs() > 1e-9,
            "{term}: {va} → {vb}: {:?}",
            d.objective
        );
    }
    assert!(d.clusters.colleges.is_empty() && d.studios.is_empty());

    let dir = tempfile::tempdir().expect("temp dir");
    let (pa, pb) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&pa, serde_json::to_string(&a).expect("json")).expect("write");
    std::fs::write(&pb, serde_json::to_string(&b).expect("json")).expect("write");
    let (code, out, err) = fudao(&["diff", &pa.display().to_string(), &pb.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("经费 Budget"), "{out}");
    assert!(
        out.contains("180000.00") && out.contains("192000.00"),
        "{out}"
    );
    assert!(out.contains("+12000.00"), "{out}");
}

#[test]
fn sessions_are_matched_by_what_they_are_not_by_id() {
    let a = plan_with(Vec::new());
    let mut b = a.clone();
    // Remove the first session, move the last to another date and venue, then renumber every id
    // as a new plan would: one removal and one move, nothing else.
    let removed = b.sessions.remove(0);
    let last = b.sessions.len() - 1;
    let moved_kind = b.sessions[last].kind.clone();
    b.sessions[last].date = "2027-01-08".into();
    b.sessions[last].venue = Some("elsewhere".into());
    for (i, s) in b.sessions.iter_mut().enumerate() {
        s.id = format!("S{:03}", i + 1);
    }
    let d = diff(&a, &b);
    assert_eq!(d.sessions.removed.len(), 1, "{:?}", d.sessions);
    assert_eq!(d.sessions.removed[0].id, removed.id);
    assert_eq!(d.sessions.moved.len(), 1, "{:?}", d.sessions.moved);
    assert_eq!(d.sessions.moved[0].b.kind, moved_kind);
    assert_eq!(d.sessions.moved[0].b.date, "2027-01-08");
    assert!(d.sessions.added.is_empty() && d.sessions.changed.is_empty());

    // The reverse direction: an addition and the same move back.
    let back = diff(&b, &a);
    assert_eq!(back.sessions.added.len(), 1);
    assert_eq!(back.sessions.moved.len(), 1);
    assert!(back.sessions.removed.is_empty());
}

#[test]
fn clusters_and_studios_are_compared_by_members() {
    let a = plan_with(Vec::new());
    let mut b = a.clone();
    // Renumbering clusters is not a change.
    for c in &mut b.clusters {
        c.id = format!("X{}", c.id);
    }
    for c in &mut b.colleges {
        if let Some(id) = &c.cluster {
            c.cluster = Some(format!("X{id}"));
        }
    }
    assert!(diff(&a, &b).clusters.colleges.is_empty());
    assert!(diff(&a, &b).clusters.formed.is_empty());
    // Moving one member of the first cluster out to train alone is.
    let moved = b.clusters[0].colleges.pop().expect("a cluster member");
    if let Some(c) = b.colleges.iter_mut().find(|c| c.id == moved) {
        c.mode = "independent".into();
        c.cluster = None;
    }
    // And a new studio lead, one member gone.
    let lead_before = b.studios[0].lead.clone();
    b.studios[0].lead = Some("NEW".into());
    let gone = b.studios[0].members.pop();
    let d = diff(&a, &b);
    let changed: Vec<&str> = d
        .clusters
        .colleges
        .iter()
        .map(|c| c.college.as_str())
        .collect();
    // the moved college and the ones it left
    assert!(changed.contains(&moved.as_str()), "{changed:?}");
    assert_eq!(changed.len(), a.clusters[0].colleges.len(), "{changed:?}");
    assert_eq!(d.clusters.formed.len(), 1);
    assert_eq!(d.clusters.dissolved.len(), 1);
    let s = &d.studios[0];
    assert_eq!(s.lead, Some((lead_before, Some("NEW".into()))));
    assert_eq!(s.members_left, gone.into_iter().collect::<Vec<_>>());
}
