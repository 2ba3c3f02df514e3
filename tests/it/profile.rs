//! Five-group membership and studio-role eligibility at their edges.

use crate::support;
use fudao::domain::eligibility::{self, Verdict};
use fudao::domain::profile;

fn person(
    id: &str,
    role: &str,
    hired: &str,
    since: Option<&str>,
    title: &str,
    honors: &str,
    spec: &str,
) -> String {
    let since = since
        .map(|s| format!("counselor_since = {s}\n"))
        .unwrap_or_default();
    format!(
        "[[people]]\nid = \"{id}\"\nname = \"测试{id}\"\ncollege = \"c1\"\nrole = \"{role}\"\nhired = {hired}\n{since}title = \"{title}\"\nhonors = [{honors}]\nspecialties = [{spec}]\n\n"
    )
}

fn groups_of(text: &str, id: &str) -> Vec<String> {
    let l = support::load_text(text).unwrap_or_else(|e| panic!("{e}"));
    let prof = profile::classify(&l.inputs);
    let p = l.inputs.scenario.person(id).expect("person");
    prof.people[p]
        .groups
        .iter()
        .map(|&g| l.inputs.rules.groups[g].id.clone())
        .collect()
}

#[test]
fn new_counselor_boundary_is_twelve_months() {
    // semester starts 2026-08-31; hired 2025-08-31 is exactly 12 months before → new
    let at12 = support::scenario_text(&person(
        "a",
        "counselor",
        "2025-08-31",
        None,
        "助教",
        "",
        "",
    ));
    assert!(groups_of(&at12, "a").contains(&"new_counselors".to_string()));
    // one day earlier is 12 months and a day → still 12 whole months → new
    let d = support::scenario_text(&person(
        "b",
        "counselor",
        "2025-08-30",
        None,
        "助教",
        "",
        "",
    ));
    assert!(groups_of(&d, "b").contains(&"new_counselors".to_string()));
    // hired 2025-07-30 → 13 whole months → not new
    let old = support::scenario_text(&person(
        "c",
        "counselor",
        "2025-07-30",
        None,
        "助教",
        "",
        "",
    ));
    let g = groups_of(&old, "c");
    assert!(!g.contains(&"new_counselors".to_string()), "{g:?}");
    assert!(g.contains(&"all_counselors".to_string()));
}

#[test]
fn new_counselor_reason_names_the_hire_date_and_months() {
    let t = support::scenario_text(&person("a", "counselor", "2026-07-01", None, "", "", ""));
    let l = support::load_text(&t).unwrap_or_else(|e| panic!("{e}"));
    let prof = profile::classify(&l.inputs);
    let r = prof.people[0]
        .reasons
        .iter()
        .find(|r| r.group == "new_counselors")
        .expect("new");
    assert!(
        r.en.contains("hired 2026-07-01, 1 months before the semester, within 12"),
        "{}",
        r.en
    );
    assert!(r.zh.contains("2026-07-01"), "{}", r.zh);
}

#[test]
fn backbone_group_needs_three_full_years() {
    let yes = support::scenario_text(&person(
        "a",
        "counselor",
        "2023-08-31",
        None,
        "讲师",
        "",
        "",
    ));
    assert!(groups_of(&yes, "a").contains(&"backbone_counselors".to_string()));
    let no = support::scenario_text(&person(
        "b",
        "counselor",
        "2023-09-01",
        None,
        "讲师",
        "",
        "",
    ));
    assert!(!groups_of(&no, "b").contains(&"backbone_counselors".to_string()));
}

#[test]
fn deputy_and_cadre_groups_and_people_in_no_group_are_listed() {
    let mut t = String::new();
    t.push_str(&person(
        "d",
        "deputy_secretary",
        "2010-09-01",
        None,
        "副教授",
        "",
        "",
    ));
    t.push_str(&person(
        "m",
        "分管学生工作副书记",
        "2012-09-01",
        None,
        "副教授",
        "",
        "",
    ));
    let text = support::scenario_text(&t);
    assert_eq!(
        groups_of(&text, "d"),
        vec!["deputy_secretaries".to_string()]
    );
    // roles may be written by their Chinese name
    assert_eq!(
        groups_of(&text, "m"),
        vec!["deputy_secretaries".to_string()]
    );
}

fn lead_verdict(title: &str, since: &str, honors: &str) -> (Verdict, String) {
    let t = support::scenario_text(&person(
        "x",
        "counselor",
        since,
        Some(since),
        title,
        honors,
        "\"ideology\"",
    ));
    let l = support::load_text(&t).unwrap_or_else(|e| panic!("{e}"));
    let p = &l.inputs.scenario.people[0];
    let e = eligibility::lead(&l.inputs.rules, p, l.inputs.scenario.semester.start);
    (e.verdict, e.summary_en())
}

#[test]
fn lead_needs_exactly_ten_years() {
    let (v, _) = lead_verdict("副教授", "2016-08-31", "\"校优秀辅导员\"");
    assert_eq!(v, Verdict::Eligible);
    let (v, why) = lead_verdict("副教授", "2016-09-01", "\"校优秀辅导员\"");
    assert_eq!(v, Verdict::Ineligible);
    assert!(why.contains("9 years of 10"), "{why}");
}

#[test]
fn associate_senior_titles_of_every_series_count() {
    for t in [
        "副研究员",
        "高级工程师",
        "副教授（思政）",
        "教授",
        "副研究馆员",
    ] {
        let (v, why) = lead_verdict(t, "2010-09-01", "\"辽宁省高校辅导员年度人物\"");
        assert_eq!(v, Verdict::Eligible, "{t}: {why}");
    }
}

#[test]
fn lecturer_with_suffix_is_intermediate_and_needs_the_waiver() {
    // jzmu.toml marks the title condition waivable (“职称一般在副高以上”)
    let (v, why) = lead_verdict("讲师（思政）", "2010-09-01", "\"校优秀辅导员\"");
    assert_eq!(v, Verdict::WithWaiver);
    assert!(why.contains("讲师（思政） (中级) below 副高级"), "{why}");
}

#[test]
fn title_not_waivable_makes_lecturer_ineligible() {
    let t = support::scenario_text(&person(
        "x",
        "counselor",
        "2010-09-01",
        Some("2010-09-01"),
        "讲师",
        "\"校优秀辅导员\"",
        "",
    ));
    let mut l = support::load_text(&t).unwrap_or_else(|e| panic!("{e}"));
    l.inputs.rules.studios.lead.title_waivable = false;
    let e = eligibility::lead(
        &l.inputs.rules,
        &l.inputs.scenario.people[0],
        l.inputs.scenario.semester.start,
    );
    assert_eq!(e.verdict, Verdict::Ineligible);
}

#[test]
fn honor_is_required_to_lead() {
    let (v, why) = lead_verdict("教授", "2000-09-01", "");
    assert_eq!(v, Verdict::Ineligible);
    assert_eq!(why, "no honor");
}

#[test]
fn title_ladder_reads_suffixes_and_level_names() {
    let t = support::scenario_text("");
    let t = t.replace(
        "[funds]",
        "[[people]]\nid = \"p\"\nname = \"甲\"\nrole = \"cadre\"\nhired = 2020-01-01\n\n[funds]",
    );
    let l = support::load_text(&t).unwrap_or_else(|e| panic!("{e}"));
    let r = &l.inputs.rules;
    let zh = |t: &str| r.title_level(t).map(|i| r.title_levels[i].zh.clone());
    assert_eq!(zh("讲师（思政）").as_deref(), Some("中级"));
    assert_eq!(zh("讲师(思政)").as_deref(), Some("中级"));
    assert_eq!(zh("副研究员").as_deref(), Some("副高级"));
    assert_eq!(zh("高级工程师").as_deref(), Some("副高级"));
    assert_eq!(zh("正高级").as_deref(), Some("正高级"));
    assert_eq!(zh("研究员").as_deref(), Some("正高级"));
    assert_eq!(zh("首席专家"), None);
}
