//! Studio staffing: eligibility edges as the stage applies them, explanations for unstaffed
//! studios, invariants (the stage oracle [`crate::oracles::studios`]) on every result,
//! determinism, the CLI, and an oracle — brute force over every assignment of tiny instances
//! agrees with the MILP.

use crate::oracles::studios as oracle;
use crate::support;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use fudao::domain::eligibility::{self, Verdict};
use fudao::domain::profile;
use fudao::domain::{Inputs, Person};
use fudao::planner::studios::{self, Cause, Staffing, Status};
use fudao::report::studios as report;

// ── helpers ───────────────────────────────────────────────────────────────────────────────

/// Three more colleges besides the common scenario's `c1`.
const MORE_COLLEGES: &str = r#"
[[colleges]]
id = "c2"
name = "基础医学院"
campus = "main"
discipline = "basic_medicine"
stage = "undergraduate"

[[colleges]]
id = "c3"
name = "药学院"
campus = "main"
discipline = "pharmacy"
stage = "undergraduate"

[[colleges]]
id = "c4"
name = "护理学院"
campus = "main"
discipline = "nursing"
stage = "undergraduate"

"#;

/// A `[[people]]` entry; `since` is both the hire date and the start of counselor work.
fn person(
    id: &str,
    college: &str,
    role: &str,
    since: &str,
    title: &str,
    honors: &str,
    spec: &str,
) -> String {
    format!(
        "[[people]]\nid = \"{id}\"\nname = \"测试{id}\"\ncollege = \"{college}\"\nrole = \"{role}\"\nhired = {since}\ncounselor_since = {since}\ntitle = \"{title}\"\nhonors = [{honors}]\nspecialties = [{spec}]\n\n"
    )
}

/// `n` backbone-eligible counselors (5 years, no specialty), spread over c1..c4.
fn backbone_pool(n: usize) -> String {
    (0..n)
        .map(|i| {
            person(
                &format!("b{i}"),
                &format!("c{}", 1 + i % 4),
                "counselor",
                "2021-08-01",
                "讲师",
                "",
                "",
            )
        })
        .collect()
}

/// Load a scenario made of the common frame, c2..c4 and `people`, with studios for `duties`.
fn inputs(people: &str, duties: &[&str]) -> Inputs {
    let text = support::scenario_text(&format!("{MORE_COLLEGES}{people}"));
    let mut l = support::load_text(&text).unwrap_or_else(|e| panic!("{e}"));
    let rules = &mut l.inputs.rules;
    rules.studios.duties = duties.iter().filter_map(|d| rules.duty(d)).collect();
    assert_eq!(rules.studios.duties.len(), duties.len());
    l.inputs
}

fn staff(i: &Inputs) -> Staffing {
    let st = studios::staff(i).unwrap_or_else(|e| panic!("{e}"));
    assert_invariants(i, &st);
    st
}

/// The checker on the plan-file form of a result: no rule broken, the objective it recomputes is
/// the reported one, the staffed count agrees, every unstaffed studio is explained.
fn assert_invariants(i: &Inputs, st: &Staffing) {
    let plan = report::plan_studios(i, st);
    let c = oracle::check(i, &plan);
    assert!(c.violations.is_empty(), "violations: {:#?}", c.violations);
    assert_eq!(c.staffed, st.staffed);
    assert!(
        (c.objective.total - st.terms.total()).abs() < 1e-6,
        "checker {} vs reported {}",
        c.objective.total,
        st.terms.total()
    );
    for (k, v) in &c.objective.terms {
        let named = st.terms.named();
        let mine = named.iter().find(|(n, _)| n == k).map(|x| x.1);
        assert_eq!(
            mine.map(|m| (m - v).abs() < 1e-6),
            Some(true),
            "term {k}: {mine:?} vs {v}"
        );
    }
    let unstaffed = st.studios.iter().filter(|s| s.team.is_none()).count();
    assert_eq!(st.unstaffed.len(), unstaffed);
    for u in &st.unstaffed {
        assert!(!u.en.is_empty() && !u.zh.is_empty());
        if u.cause == Cause::NoEligibleLead {
            assert!(!u.candidates.is_empty() || i.scenario.people.is_empty());
        }
    }
    if st.staffed > 0 {
        assert_ne!(st.status, Status::Infeasible);
    }
    // The re-solve without each lead is never better (both are proven optimal).
    for s in &st.studios {
        if let Some(r) = s.choice.as_ref().and_then(|c| c.regret.as_ref()) {
            assert!(r.staffed_lost > 0 || r.total_lost > -1e-6, "{r:?}");
        }
    }
}

fn lead_of(i: &Inputs, st: &Staffing, duty: &str) -> Option<String> {
    let d = i.rules.duty(duty)?;
    let s = st.studios.iter().find(|s| s.duty == d)?;
    s.team
        .as_ref()
        .map(|t| i.scenario.people[t.lead].id.clone())
}

const HONOR: &str = "\"校优秀辅导员\"";

// ── eligibility edges, as staffing applies them ──────────────────────────────────────────

#[test]
fn exactly_ten_years_leads_and_one_day_short_does_not() {
    // semester starts 2026-08-31: since 2016-08-31 is exactly 10 years; 2016-09-01 is 9 years 364 days.
    // The short one matches the duty and would be worth more, so only the rule keeps them out.
    let people = format!(
        "{}{}{}",
        person("ten", "c1", "counselor", "2016-08-31", "副教授", HONOR, ""),
        person(
            "short",
            "c2",
            "counselor",
            "2016-09-01",
            "教授",
            HONOR,
            "\"ideology\""
        ),
        backbone_pool(6)
    );
    let i = inputs(&people, &["ideology"]);
    let st = staff(&i);
    assert_eq!(lead_of(&i, &st, "ideology").as_deref(), Some("ten"));
    let short = i.scenario.person("short").expect("short");
    let e = eligibility::lead(
        &i.rules,
        &i.scenario.people[short],
        i.scenario.semester.start,
    );
    assert_eq!(e.verdict, Verdict::Ineligible);
    assert_eq!(e.summary_en(), "9 years of 10");
    // and the fix says exactly what would change it
    let fixes = eligibility::lead_fixes(
        &i.rules,
        &i.scenario.people[short],
        i.scenario.semester.start,
    );
    assert_eq!(fixes.len(), 1);
    assert_eq!(
        fixes[0].en,
        "lower studios.lead.min_years_as_counselor to 9"
    );
}

#[test]
fn associate_senior_research_and_engineering_titles_lead_without_waiver() {
    let people = format!(
        "{}{}{}",
        person("yj", "c1", "counselor", "2010-08-01", "副研究员", HONOR, ""),
        person("gc", "c2", "cadre", "2010-08-01", "高级工程师", HONOR, ""),
        backbone_pool(8)
    );
    let i = inputs(&people, &["ideology", "research"]);
    let st = staff(&i);
    assert_eq!(st.staffed, 2);
    let mut leads: Vec<String> = ["ideology", "research"]
        .iter()
        .filter_map(|d| lead_of(&i, &st, d))
        .collect();
    leads.sort();
    assert_eq!(leads, vec!["gc".to_string(), "yj".to_string()]);
    assert!(
        st.studios
            .iter()
            .all(|s| s.team.as_ref().is_some_and(|t| !t.waived))
    );
    assert_eq!(st.terms.title_waiver, 0.0);
}

#[test]
fn lecturer_si_zheng_leads_only_with_the_waiver_and_says_so() {
    let people = format!(
        "{}{}",
        person(
            "js",
            "c1",
            "counselor",
            "2010-08-01",
            "讲师（思政）",
            HONOR,
            ""
        ),
        backbone_pool(6)
    );
    let i = inputs(&people, &["ideology"]);
    let js = i.scenario.person("js").expect("js");
    let level = i.scenario.people[js]
        .title_level
        .map(|l| i.rules.title_levels[l].zh.clone());
    assert_eq!(level.as_deref(), Some("中级"));
    let st = staff(&i);
    assert_eq!(lead_of(&i, &st, "ideology").as_deref(), Some("js"));
    let team = st.studios[0].team.as_ref().expect("staffed");
    assert!(team.waived);
    assert_eq!(
        st.terms.title_waiver,
        -i.rules.studios.lead.title_waiver_cost
    );
    let plan = report::plan_studios(&i, &st);
    assert!(plan[0].title_waived);
    assert!(
        plan[0].reason.contains("title condition waived"),
        "{}",
        plan[0].reason
    );
    assert!(
        plan[0].reason.contains("职称条件豁免"),
        "{}",
        plan[0].reason
    );
    let table = report::table(&i, &st);
    assert!(table.contains("title waived"), "{table}");
}

#[test]
fn not_waivable_title_leaves_the_studio_unstaffed_with_the_fix() {
    let people = format!(
        "{}{}",
        person(
            "js",
            "c1",
            "counselor",
            "2010-08-01",
            "讲师（思政）",
            HONOR,
            ""
        ),
        backbone_pool(6)
    );
    let mut i = inputs(&people, &["ideology"]);
    i.rules.studios.lead.title_waivable = false;
    let st = staff(&i);
    assert_eq!(st.staffed, 0);
    assert_eq!(st.status, Status::Infeasible);
    let u = &st.unstaffed[0];
    assert_eq!(u.cause, Cause::NoEligibleLead);
    let near = &u.candidates[0];
    assert_eq!(i.scenario.people[near.person].id, "js");
    assert!(
        near.missing
            .iter()
            .any(|f| f.en == "title 讲师（思政） (中级) below 副高级"),
        "{:?}",
        near.missing
    );
    let fix = &u.changes[0];
    assert_eq!(fix.changes[0].rule, "studios.lead.title_waivable");
    assert!(
        fix.changes[0]
            .en
            .starts_with("set studios.lead.title_waivable = true")
    );
    assert!(
        fix.changes[0]
            .en
            .contains("lower studios.lead.min_title_level to \"intermediate\"")
    );
    assert_eq!(fix.staffed_with, Some(1));
}

#[test]
fn missing_honor_is_named_and_the_rule_change_staffs_the_studio() {
    let people = format!(
        "{}{}{}",
        person("nh", "c1", "counselor", "2005-08-01", "教授", "", ""),
        person("y8", "c2", "counselor", "2018-08-01", "副教授", HONOR, ""),
        backbone_pool(6)
    );
    let i = inputs(&people, &["ideology"]);
    let st = staff(&i);
    assert_eq!(st.staffed, 0);
    let u = &st.unstaffed[0];
    assert_eq!(u.cause, Cause::NoEligibleLead);
    // both miss one condition; the more senior is nearer
    let ids: Vec<&str> = u
        .candidates
        .iter()
        .map(|n| i.scenario.people[n.person].id.as_str())
        .collect();
    assert_eq!(&ids[..2], &["nh", "y8"]);
    assert_eq!(u.candidates[0].missing.len(), 1);
    assert_eq!(u.candidates[0].missing[0].en, "no honor");
    assert_eq!(u.candidates[1].missing[0].en, "8 years of 10");
    let rules: Vec<(&str, &str)> = u
        .changes
        .iter()
        .map(|c| (c.changes[0].rule.as_str(), c.changes[0].value.as_str()))
        .collect();
    assert!(
        rules.contains(&("studios.lead.honor_required", "false")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("studios.lead.min_years_as_counselor", "8")),
        "{rules:?}"
    );
    assert!(u.changes.iter().all(|c| c.staffed_with == Some(1)));
    let json = serde_json::to_value(report::json(&i, &st)).expect("json");
    assert_eq!(json["status"], "infeasible");
    assert_eq!(json["unstaffed"][0]["duty"], "ideology");
    assert_eq!(json["unstaffed"][0]["cause"], "no_eligible_lead");
    assert_eq!(json["studios"][0]["lead"], serde_json::Value::Null);
}

#[test]
fn roles_outside_the_lead_roles_cannot_lead_even_when_senior() {
    let people = format!(
        "{}{}{}",
        person(
            "pt",
            "c1",
            "part_time_counselor",
            "2000-08-01",
            "教授",
            HONOR,
            "\"ideology\""
        ),
        person("ok", "c2", "counselor", "2012-08-01", "副教授", HONOR, ""),
        backbone_pool(6)
    );
    let i = inputs(&people, &["ideology"]);
    let st = staff(&i);
    assert_eq!(lead_of(&i, &st, "ideology").as_deref(), Some("ok"));
    let pt = &i.scenario.people[i.scenario.person("pt").expect("pt")];
    let fixes = eligibility::lead_fixes(&i.rules, pt, i.scenario.semester.start);
    assert_eq!(fixes.len(), 1);
    assert_eq!(
        fixes[0].en,
        "add \"part_time_counselor\" to studios.lead.roles"
    );
    assert_eq!(
        fixes[0].value,
        "[\"counselor\", \"deputy_secretary\", \"cadre\", \"part_time_counselor\"]"
    );
}

#[test]
fn people_outside_the_team_roles_are_on_no_team() {
    let people = format!(
        "{}{}{}",
        person(
            "cd",
            "c1",
            "cadre",
            "2000-08-01",
            "教授",
            HONOR,
            "\"ideology\""
        ),
        person("ok", "c2", "counselor", "2012-08-01", "副教授", HONOR, ""),
        backbone_pool(6)
    );
    let mut i = inputs(&people, &["ideology"]);
    let cadre = i
        .rules
        .roles
        .iter()
        .position(|r| r.id == "cadre")
        .expect("cadre");
    i.rules.studios.member_roles.retain(|&r| r != cadre);
    let st = staff(&i);
    assert_eq!(lead_of(&i, &st, "ideology").as_deref(), Some("ok"));
    let cd = i.scenario.person("cd").expect("cd");
    assert!(
        st.studios
            .iter()
            .filter_map(|s| s.team.as_ref())
            .all(|t| t.all().all(|p| p != cd))
    );
    let e = eligibility::lead(&i.rules, &i.scenario.people[cd], i.scenario.semester.start);
    assert_eq!(e.verdict, Verdict::Ineligible);
    assert!(e.gaps().any(|f| f.rule == "studios.member_roles"));
    let fixes =
        eligibility::lead_fixes(&i.rules, &i.scenario.people[cd], i.scenario.semester.start);
    assert_eq!(fixes[0].rule, "studios.member_roles");
}

// ── explanations ─────────────────────────────────────────────────────────────────────────

#[test]
fn leads_exhausted_names_the_count_and_the_fix() {
    let people = format!(
        "{}{}{}{}",
        person("l1", "c1", "counselor", "2010-08-01", "副教授", HONOR, ""),
        person("l2", "c2", "counselor", "2010-08-01", "副教授", HONOR, ""),
        person("l3", "c3", "counselor", "2010-08-01", "副教授", HONOR, ""),
        backbone_pool(20)
    );
    let i = inputs(
        &people,
        &["ideology", "party_league", "study_culture", "research"],
    );
    let st = staff(&i);
    assert_eq!(st.staffed, 3);
    assert_eq!(st.status, Status::Optimal);
    let u = &st.unstaffed[0];
    assert_eq!(u.cause, Cause::LeadsExhausted);
    assert!(
        u.en.contains(
            "with studios.max_studios_per_person = 1 there are 3 eligible leads for 4 studios"
        ),
        "{}",
        u.en
    );
    assert!(!u.candidates.is_empty());
    let more = u
        .changes
        .iter()
        .find(|c| c.changes[0].rule == "studios.max_studios_per_person")
        .expect("suggests more studios per person");
    assert_eq!(more.changes[0].value, "2");
    assert_eq!(more.staffed_with, Some(4));
}

#[test]
fn a_lead_without_enough_backbone_is_left_unstaffed_and_the_binding_rule_named() {
    let people = format!(
        "{}{}{}{}",
        person("l1", "c1", "counselor", "2010-08-01", "副教授", HONOR, ""),
        person("l2", "c2", "counselor", "2010-08-01", "副教授", HONOR, ""),
        backbone_pool(3),
        // new counselors: members, never backbone
        (0..6)
            .map(|k| person(
                &format!("n{k}"),
                &format!("c{}", 1 + k % 4),
                "counselor",
                "2026-07-01",
                "",
                "",
                ""
            ))
            .collect::<String>()
    );
    let i = inputs(&people, &["ideology", "research"]);
    let st = staff(&i);
    assert_eq!(st.staffed, 1);
    let u = &st.unstaffed[0];
    assert_eq!(u.cause, Cause::TeamRules);
    let rules: Vec<(&str, &str, Option<usize>)> = u
        .changes
        .iter()
        .map(|c| {
            (
                c.changes[0].rule.as_str(),
                c.changes[0].value.as_str(),
                c.staffed_with,
            )
        })
        .collect();
    // 3 backbone + the other eligible lead = 4 people for 2 × 2 backbone: lowering it to 1 staffs both
    assert!(
        rules.contains(&("studios.min_backbone", "1", Some(2))),
        "{rules:?}"
    );
    assert!(u.en.contains("studios.min_backbone"), "{}", u.en);
}

#[test]
fn nobody_eligible_in_the_bundled_scenario_lists_candidates_and_changes() {
    let mut l = support::load_bundled("scenarios/jzmu-2026-fall.toml");
    l.inputs.rules.studios.lead.min_years_as_counselor = 40;
    let st = staff(&l.inputs);
    assert_eq!(st.status, Status::Infeasible);
    assert_eq!(st.unstaffed.len(), 9);
    for u in &st.unstaffed {
        assert_eq!(u.cause, Cause::NoEligibleLead);
        assert_eq!(u.candidates.len(), 5);
        // ranked: fewest misses, then most years
        let years: Vec<u32> = u.candidates.iter().map(|n| n.years).collect();
        // the title condition is waivable in jzmu.toml, so it is not a miss that counts
        let misses: Vec<usize> = u
            .candidates
            .iter()
            .map(|n| {
                n.missing
                    .iter()
                    .filter(|f| f.rule != "studios.lead.min_title_level")
                    .count()
            })
            .collect();
        assert!(misses.windows(2).all(|w| w[0] <= w[1]), "{misses:?}");
        assert!(
            misses
                .windows(2)
                .zip(years.windows(2))
                .all(|(m, y)| m[0] < m[1] || y[0] >= y[1]),
            "{misses:?} {years:?}"
        );
        let years_fix = u
            .changes
            .iter()
            .find(|c| c.changes[0].rule == "studios.lead.min_years_as_counselor")
            .expect("a years change");
        assert!(years_fix.staffed_with.is_some_and(|k| k >= 1));
    }
}

// ── the bundled scenarios ────────────────────────────────────────────────────────────────

#[test]
fn bundled_scenarios_hold_every_rule() {
    for (path, want) in [
        ("scenarios/jzmu-2026-fall.toml", 9),
        ("scenarios/small.toml", 9),
        ("scenarios/tiny.toml", 3),
    ] {
        let l = support::load_bundled(path);
        let st = staff(&l.inputs);
        assert_eq!(st.staffed, want, "{path}");
        assert_eq!(st.status, Status::Optimal, "{path}");
        for s in st.studios.iter().filter_map(|s| s.team.as_ref()) {
            let f = &st.instance.people[s.lead];
            assert!(f.can_lead());
        }
    }
}

#[test]
fn same_result_on_repeated_runs() {
    let l = support::load_bundled("scenarios/jzmu-2026-fall.toml");
    let a = serde_json::to_string(&report::json(&l.inputs, &staff(&l.inputs))).expect("json");
    let b = serde_json::to_string(&report::json(&l.inputs, &staff(&l.inputs))).expect("json");
    assert_eq!(a, b);
    let t1 = report::table(&l.inputs, &staff(&l.inputs));
    let t2 = report::table(&l.inputs, &staff(&l.inputs));
    assert_eq!(t1, t2);
}

#[test]
fn the_checker_catches_broken_staffings() {
    let l = support::load_bundled("scenarios/jzmu-2026-fall.toml");
    let i = &l.inputs;
    let st = staff(i);
    let plan = report::plan_studios(i, &st);
    let rule_hits = |p: &[fudao::wire::StudioOut], rule: &str| {
        oracle::check(i, p)
            .violations
            .iter()
            .any(|v| v.rule == rule)
    };
    // an ineligible lead: a new counselor
    let profiles = profile::classify(i);
    let new = i.rules.studios.new_counselor_group;
    let newbie = (0..i.scenario.people.len())
        .find(|&p| profiles.is_in(p, new))
        .expect("a new counselor");
    let mut bad = plan.clone();
    let old_lead = bad[0].lead.replace(i.scenario.people[newbie].id.clone());
    bad[0]
        .members
        .retain(|m| m != &i.scenario.people[newbie].id);
    bad[0].backbone.extend(old_lead);
    for p in bad.iter_mut().skip(1) {
        p.members.retain(|m| m != &i.scenario.people[newbie].id);
    }
    assert!(rule_hits(&bad, "studios.lead.min_years_as_counselor"));
    // a person in two studios
    let mut bad = plan.clone();
    let someone = bad[0].backbone[0].clone();
    bad[1].members.push(someone);
    assert!(rule_hits(&bad, "studios.max_studios_per_person"));
    // too small
    let mut bad = plan.clone();
    bad[2].backbone.truncate(1);
    bad[2].members.clear();
    assert!(rule_hits(&bad, "studios.min_size"));
    assert!(rule_hits(&bad, "studios.min_backbone"));
    // a waiver not declared
    let mut bad = plan.clone();
    bad[3].title_waived = true;
    assert!(rule_hits(&bad, "studios.lead.title_waivable"));
    // a missing duty
    let bad: Vec<_> = plan.iter().skip(1).cloned().collect();
    assert!(rule_hits(&bad, "studios.duties"));
}

#[test]
fn college_cap_and_spread_are_respected_on_the_bundled_scenario() {
    let mut l = support::load_bundled("scenarios/jzmu-2026-fall.toml");
    l.inputs.rules.studios.max_per_college = 1;
    l.inputs.rules.studios.max_studios_per_person = 2;
    let st = staff(&l.inputs);
    assert_eq!(st.staffed, 9);
}

// ── the CLI ──────────────────────────────────────────────────────────────────────────────

#[test]
fn cli_json_has_the_contract_keys_and_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_fudao");
    let scen = support::root().join("scenarios/jzmu-2026-fall.toml");
    let out = std::process::Command::new(bin)
        .args(["studios", &scen.display().to_string(), "--format", "json"])
        .output()
        .expect("run fudao");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for k in ["status", "objective", "studios", "unstaffed"] {
        assert!(v.get(k).is_some(), "missing key {k}");
    }
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["studios"].as_array().map(Vec::len), Some(9));
    for t in [
        "specialty_match",
        "new_by_specialty",
        "backbone",
        "lead_seniority",
        "college_spread",
        "member",
        "title_waiver",
    ] {
        assert!(v["objective"]["terms"].get(t).is_some(), "missing term {t}");
    }
    // the plan file's studio keys read back
    let plan: Vec<fudao::wire::StudioOut> =
        serde_json::from_value(v["studios"].clone()).expect("StudioOut");
    assert!(plan.iter().all(|s| s.lead.is_some()));

    // nobody can lead: exit 3, the explanation still printed
    let rules = std::fs::read_to_string(support::root().join("rules/jzmu.toml")).expect("rules");
    let rules = rules.replacen(
        "min_years_as_counselor = 10",
        "min_years_as_counselor = 45",
        1,
    );
    let dir = tempfile::tempdir().expect("tmp");
    let rpath = dir.path().join("rules.toml");
    std::fs::write(&rpath, rules).expect("write");
    let out = std::process::Command::new(bin)
        .args([
            "studios",
            &scen.display().to_string(),
            "--rules",
            &rpath.display().to_string(),
        ])
        .output()
        .expect("run fudao");
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("lower studios.lead.min_years_as_counselor to"),
        "{text}"
    );
    assert!(
        text.contains("最接近的负责人人选 nearest lead candidates"),
        "{text}"
    );
}

// ── the oracle ───────────────────────────────────────────────────────────────────────────

/// A generated person: (college 0..=2 where 0 = none, role 0..4, days of counselor work before
/// the semester, title level 0..=4 where 0 = none, honor, specialty bitmask over the studios).
type Gen = (usize, usize, i64, usize, bool, u8);

/// Generated rules: (studios 1..=3, min_size, max_size, max_per_college, min_backbone,
/// max_per_person, title_waivable, waiver cost, lead min years, weights ×6, dropped member role).
#[derive(Debug, Clone)]
struct GenRules {
    studios: usize,
    min_size: u32,
    max_size: u32,
    max_per_college: u32,
    min_backbone: u32,
    max_per_person: u32,
    waivable: bool,
    waiver_cost: f64,
    lead_years: u32,
    weights: [f64; 6],
    drop_role: Option<usize>,
}

fn base_inputs() -> Inputs {
    let people = format!(
        "{MORE_COLLEGES}{}",
        person("x", "c1", "counselor", "2010-08-01", "讲师", "", "")
    );
    let text = support::scenario_text(&people);
    support::load_text(&text)
        .unwrap_or_else(|e| panic!("{e}"))
        .inputs
}

fn build(base: &Inputs, r: &GenRules, people: &[Gen]) -> Inputs {
    let mut i = base.clone();
    let start: NaiveDate = i.scenario.semester.start;
    let duties: Vec<usize> = (0..r.studios).collect();
    let s = &mut i.rules.studios;
    s.duties = duties.clone();
    s.min_size = r.min_size;
    s.max_size = r.max_size;
    s.max_per_college = r.max_per_college;
    s.min_backbone = r.min_backbone;
    s.max_studios_per_person = r.max_per_person;
    s.lead.title_waivable = r.waivable;
    s.lead.title_waiver_cost = r.waiver_cost;
    s.lead.min_years_as_counselor = r.lead_years;
    let [a, b, c, d, e, f] = r.weights;
    s.weights.specialty_match = a;
    s.weights.new_by_specialty = b;
    s.weights.backbone = c;
    s.weights.lead_seniority = d;
    s.weights.college_spread = e;
    s.weights.member = f;
    if let Some(drop) = r.drop_role {
        s.member_roles.retain(|&x| x != drop);
    }
    let titles: Vec<String> = i
        .rules
        .title_levels
        .iter()
        .map(|l| l.titles[0].clone())
        .collect();
    i.scenario.people = people
        .iter()
        .enumerate()
        .map(|(k, &(college, role, days, title, honor, spec))| {
            let since = start - Duration::days(days);
            let counselor = i.rules.roles[role].is_counselor || days > 200;
            Person {
                id: format!("p{k}"),
                name: format!("人{k}"),
                college: if college == 0 {
                    None
                } else {
                    Some(college - 1)
                },
                role,
                hired: since,
                counselor_since: counselor.then_some(since),
                left: None,
                unavailable: Vec::new(),
                last_external: None,
                counselor_since_month_only: false,
                title: if title == 0 {
                    String::new()
                } else {
                    titles[title - 1].clone()
                },
                title_level: if title == 0 { None } else { Some(title - 1) },
                honors: if honor {
                    vec!["校优秀辅导员".to_string()]
                } else {
                    Vec::new()
                },
                specialties: duties
                    .iter()
                    .copied()
                    .filter(|&d| spec & (1 << d) != 0)
                    .collect(),
            }
        })
        .collect();
    i
}

/// Evaluates a complete assignment: `(staffed, total)`, or `None` when a rule is broken.
type Eval<'a> = dyn Fn(&[usize]) -> Option<(usize, f64)> + 'a;

/// What a person can do, from the eligibility functions and the rules directly.
struct Can {
    lead: bool,
    waiver: bool,
    backbone: bool,
    member: bool,
}

/// Every assignment of every person to {none, studio k as lead / backbone / member} (up to
/// `max_studios_per_person` studios each); the best (staffed, total) under the documented
/// objective.
fn brute_force(i: &Inputs) -> (usize, f64) {
    let rules = &i.rules;
    let sr = &rules.studios;
    let at = i.scenario.semester.start;
    let profiles = profile::classify(i);
    let n = sr.duties.len();
    let people = &i.scenario.people;
    let can: Vec<Can> = people
        .iter()
        .map(|p| {
            let team = sr.member_roles.contains(&p.role);
            let l = eligibility::lead(rules, p, at).verdict;
            Can {
                lead: team && l != Verdict::Ineligible,
                waiver: l == Verdict::WithWaiver,
                backbone: team && eligibility::backbone(rules, p, at).verdict == Verdict::Eligible,
                member: team,
            }
        })
        .collect();
    // options per person: a list of (studio, role) with distinct studios, at most m of them
    let mut single: Vec<Vec<(usize, u8)>> = vec![Vec::new(); people.len()];
    for (k, c) in can.iter().enumerate() {
        for s in 0..n {
            if c.lead {
                single[k].push((s, 0));
            }
            if c.backbone {
                single[k].push((s, 1));
            }
            if c.member {
                single[k].push((s, 2));
            }
        }
    }
    let options: Vec<Vec<Vec<(usize, u8)>>> = single
        .iter()
        .map(|opts| {
            let mut out: Vec<Vec<(usize, u8)>> = vec![Vec::new()];
            for &o in opts {
                out.push(vec![o]);
            }
            if sr.max_studios_per_person >= 2 {
                for (x, &a) in opts.iter().enumerate() {
                    for &b in &opts[x + 1..] {
                        if a.0 != b.0 {
                            out.push(vec![a, b]);
                        }
                    }
                }
            }
            out
        })
        .collect();
    let mut best = (0usize, f64::NEG_INFINITY);
    let mut chosen: Vec<usize> = vec![0; people.len()];
    let mut size = vec![0u32; n];
    let mut leads = vec![0u32; n];
    #[allow(clippy::too_many_arguments)]
    fn dfs(
        k: usize,
        i: &Inputs,
        options: &[Vec<Vec<(usize, u8)>>],
        chosen: &mut Vec<usize>,
        size: &mut Vec<u32>,
        leads: &mut Vec<u32>,
        eval: &Eval<'_>,
        best: &mut (usize, f64),
    ) {
        if k == options.len() {
            if let Some(v) = eval(chosen)
                && (v.0 > best.0 || (v.0 == best.0 && v.1 > best.1))
            {
                *best = v;
            }
            return;
        }
        let max = i.rules.studios.max_size;
        for (o, opt) in options[k].iter().enumerate() {
            if opt
                .iter()
                .any(|&(s, r)| size[s] + 1 > max || (r == 0 && leads[s] == 1))
            {
                continue;
            }
            for &(s, r) in opt {
                size[s] += 1;
                if r == 0 {
                    leads[s] += 1;
                }
            }
            chosen[k] = o;
            dfs(k + 1, i, options, chosen, size, leads, eval, best);
            for &(s, r) in opt {
                size[s] -= 1;
                if r == 0 {
                    leads[s] -= 1;
                }
            }
        }
    }
    let w = &sr.weights;
    let eval = |chosen: &[usize]| -> Option<(usize, f64)> {
        let mut staffed = 0;
        let mut total = 0.0;
        for s in 0..n {
            let team: Vec<(usize, u8)> = chosen
                .iter()
                .enumerate()
                .flat_map(|(k, &o)| {
                    options[k][o]
                        .iter()
                        .filter(|x| x.0 == s)
                        .map(move |x| (k, x.1))
                })
                .collect();
            let lead = team.iter().find(|x| x.1 == 0).map(|x| x.0);
            let Some(lead) = lead else {
                if !team.is_empty() {
                    return None;
                }
                continue;
            };
            let size = team.len() as u32;
            let backbone = team.iter().filter(|x| x.1 == 1).count() as u32;
            if size < sr.min_size || size > sr.max_size || backbone < sr.min_backbone {
                return None;
            }
            let mut per_college = [0u32; 8];
            for &(k, _) in &team {
                if let Some(c) = people[k].college {
                    per_college[c] += 1;
                }
            }
            if per_college.iter().any(|&c| c > sr.max_per_college) {
                return None;
            }
            staffed += 1;
            let duty = sr.duties[s];
            for &(k, _) in &team {
                if people[k].specialties.contains(&duty) {
                    total += w.specialty_match;
                    if profiles.is_in(k, sr.new_counselor_group) {
                        total += w.new_by_specialty;
                    }
                }
            }
            total += w.backbone * f64::from(backbone);
            let years = people[lead].years_as_counselor(at);
            total += w.lead_seniority
                * f64::from(years.saturating_sub(sr.lead.min_years_as_counselor).min(10));
            total += w.college_spread * per_college.iter().filter(|&&c| c > 0).count() as f64;
            total += w.member * f64::from(size);
            if can[lead].waiver {
                total -= sr.lead.title_waiver_cost;
            }
        }
        Some((staffed, total))
    };
    dfs(
        0,
        i,
        &options,
        &mut chosen,
        &mut size,
        &mut leads,
        &eval,
        &mut best,
    );
    best
}

fn gen_rules() -> impl Strategy<Value = GenRules> {
    (
        1usize..=3,
        1u32..=3,
        0u32..=2,
        1u32..=3,
        0u32..=2,
        1u32..=2,
        any::<bool>(),
        0u32..=30,
        prop_oneof![Just(10u32), 3u32..=12],
        proptest::array::uniform6(0u32..=10),
        prop_oneof![3 => Just(None), 1 => (1usize..4).prop_map(Some)],
    )
        .prop_map(
            |(studios, min_size, extra, cap, bb, m, waivable, cost, years, w, drop)| {
                let max_size = (min_size + extra).min(4);
                GenRules {
                    studios,
                    min_size: min_size.min(max_size),
                    max_size,
                    max_per_college: cap,
                    min_backbone: bb.min(max_size - 1),
                    max_per_person: if studios == 2 { m } else { 1 },
                    waivable,
                    waiver_cost: f64::from(cost),
                    lead_years: years,
                    weights: w.map(f64::from),
                    drop_role: drop,
                }
            },
        )
}

fn gen_person() -> impl Strategy<Value = Gen> {
    (
        0usize..=2,
        prop_oneof![4 => Just(0usize), 1 => Just(1usize), 1 => Just(2usize), 1 => Just(3usize)],
        prop_oneof![0i64..400, 900i64..1500, 3400i64..4300, 4300i64..9000],
        0usize..=4,
        prop::bool::weighted(0.6),
        any::<u8>(),
    )
}

fn gen_case() -> impl Strategy<Value = (GenRules, Vec<Gen>)> {
    gen_rules().prop_flat_map(|r| {
        let max_people = match (r.studios, r.max_per_person) {
            (3, _) => 6,
            (2, 2) => 5,
            (2, _) => 6,
            _ => 7,
        };
        (
            Just(r),
            proptest::collection::vec(gen_person(), 3..=max_people),
        )
    })
}

fn agree(i: &Inputs) {
    let (staffed, total) = brute_force(i);
    let st = staff(i);
    assert_eq!(
        st.staffed, staffed,
        "staffed: MILP {} vs brute force {staffed}",
        st.staffed
    );
    assert!(
        (st.terms.total() - total).abs() < 1e-6,
        "total: MILP {} vs brute force {total}",
        st.terms.total()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn milp_agrees_with_brute_force((r, people) in gen_case()) {
        let base = base_inputs();
        let i = build(&base, &r, &people);
        agree(&i);
    }
}

#[test]
fn oracle_fixed_case_with_a_waiver_trade_off() {
    // One studio: a lead needing the waiver (cost 30) who matches the duty vs an eligible lead who
    // does not; brute force and MILP must agree on the trade-off.
    let base = base_inputs();
    let r = GenRules {
        studios: 2,
        min_size: 2,
        max_size: 3,
        max_per_college: 2,
        min_backbone: 1,
        max_per_person: 1,
        waivable: true,
        waiver_cost: 30.0,
        lead_years: 10,
        weights: [10.0, 6.0, 4.0, 1.0, 3.0, 1.0],
        drop_role: None,
    };
    let people: Vec<Gen> = vec![
        (1, 0, 5000, 2, true, 0b01), // 讲师, honor, 13 years: waiver lead, matches studio 0
        (2, 0, 4000, 3, true, 0b10), // 副教授, honor: eligible lead, matches studio 1
        (1, 0, 1500, 2, false, 0b01),
        (2, 0, 1200, 2, false, 0b11),
        (0, 3, 1300, 2, false, 0b10),
        (1, 0, 100, 0, false, 0b11),
    ];
    agree(&build(&base, &r, &people));
}

#[test]
fn oracle_fixed_case_two_studios_per_person() {
    let base = base_inputs();
    let r = GenRules {
        studios: 2,
        min_size: 3,
        max_size: 3,
        max_per_college: 1,
        min_backbone: 1,
        max_per_person: 2,
        waivable: false,
        waiver_cost: 0.0,
        lead_years: 10,
        weights: [5.0, 2.0, 3.0, 1.0, 4.0, 1.0],
        drop_role: None,
    };
    let people: Vec<Gen> = vec![
        (1, 0, 5000, 3, true, 0b11),
        (2, 0, 1500, 2, false, 0b01),
        (0, 2, 1500, 2, false, 0b10),
        (2, 0, 100, 0, false, 0b11),
        (1, 1, 100, 0, false, 0b10),
    ];
    agree(&build(&base, &r, &people));
}
