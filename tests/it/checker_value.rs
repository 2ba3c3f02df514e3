//! The checker's value rules: loads (`groups.max_hours_per_semester`), variety
//! (`variety.speaker_duty`, `variety.course`, `variety.visit`), invited speakers
//! (`calendar.max_sessions_per_speaker`, `session_kinds.<kind>.min_speaker_level`), a unit's duties
//! (`session_kinds.<kind>.per_unit_duty_max`), travel fares in `plan.cost`, the allocations adding
//! up (`budget.allocations`) and the honesty of the status (`plan.status`).
//!
//! Each test takes a passing plan — the hand-built tests/fixtures/tiny-plan.json for
//! tests/fixtures/tiny-checker.toml (see tests/it/checker.rs), or scenarios/tiny.toml planned once
//! by the planner — breaks exactly one rule, and asserts that the checker reports that rule (and
//! only the rules the mutation breaks).
//!
//! The fixture's numbers used here: T06 杨雪 and T08 黄佳 (new counselors, caps 64 and 80, so 80)
//! are given 44 hours; speaker S02 郑国栋 (national) gives S03 and S04, S03 谢文军 (internal) gives
//! S05 and S06, S01 宋晓梅 (provincial) gives the theme lecture S09; k1 and J1 each hold two college
//! trainings, on crisis_response and party_league; fares are 2 × 10 yuan between east and west.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fudao::checker::{self, Violation};
use fudao::domain::{Inputs, SpeakerLevel};
use fudao::wire::{PlanFile, SessionOut, ViolationOut};
use proptest::prelude::*;

use crate::support;

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

/// tiny-checker's inputs (with a weekly cap of 4, as in tests/it/checker.rs) and the hand-built
/// plan.
fn base() -> (Inputs, PlanFile) {
    static BASE: OnceLock<(Inputs, PlanFile)> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut l = support::load_bundled("tests/fixtures/tiny-checker.toml");
        l.inputs.rules.calendar.max_sessions_per_person_per_week = 4;
        let path = support::root().join("tests/fixtures/tiny-plan.json");
        let mut plan = fudao::input::plan_file::read_plan(&path)
            .unwrap_or_else(|e| panic!("fixture does not parse:\n{e}"));
        // edited one rule at a time: the value terms (`plan.terms`) are tested on their own
        plan.objective.terms.clear();
        plan.objective.total = 0.0;
        (l.inputs, plan)
    })
    .clone()
}

/// scenarios/tiny.toml and the planner's plan for it, planned once.
fn planned() -> &'static (Inputs, PlanFile) {
    static PLANNED: OnceLock<(Inputs, PlanFile)> = OnceLock::new();
    PLANNED.get_or_init(|| {
        let l = support::load_bundled("scenarios/tiny.toml");
        let planned = fudao::planner::run(&l.inputs);
        assert_ne!(planned.file.status, "infeasible", "tiny is plannable");
        (l.inputs, planned.file)
    })
}

/// The rule ids this module is about.
const NEW_RULES: &[&str] = &[
    "groups.max_hours_per_semester",
    "variety.speaker_duty",
    "variety.course",
    "variety.visit",
    "calendar.max_sessions_per_speaker",
    "session_kinds.theme_lecture.min_speaker_level",
    "session_kinds.special_invite.min_speaker_level",
    "session_kinds.special_invite.max_attendees",
    "session_kinds.college_training.per_unit_duty_max",
    "college_training.max_sessions_per_duty",
    "colleges.unavailable",
    "colleges.themes",
    "budget.allocations",
    "plan.status",
];

fn show(vs: &[Violation]) -> String {
    vs.iter()
        .map(|v| format!("  {} | {}\n", v.rule, v.message))
        .collect()
}

/// The rule ids the checker reports.
fn rules(inputs: &Inputs, plan: &PlanFile) -> BTreeSet<String> {
    checker::check(inputs, plan)
        .into_iter()
        .map(|v| v.rule)
        .collect()
}

/// Asserts the checker reports exactly these rule ids, and returns the violations of the first.
fn expect_only(inputs: &Inputs, plan: &PlanFile, want: &[&str]) -> Vec<Violation> {
    let all = checker::check(inputs, plan);
    let got: BTreeSet<&str> = all.iter().map(|v| v.rule.as_str()).collect();
    let want_set: BTreeSet<&str> = want.iter().copied().collect();
    assert_eq!(got, want_set, "reported:\n{}", show(&all));
    all.into_iter().filter(|v| v.rule == want[0]).collect()
}

fn expect_clean(inputs: &Inputs, plan: &PlanFile) {
    let all = checker::check(inputs, plan);
    assert!(
        all.is_empty(),
        "expected no violations, got:\n{}",
        show(&all)
    );
}

fn sess<'a>(plan: &'a mut PlanFile, id: &str) -> &'a mut SessionOut {
    plan.sessions
        .iter_mut()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no session {id}"))
}

/// The people a list of violations names.
fn people(vs: &[Violation]) -> Vec<&str> {
    vs.iter().filter_map(|v| v.person.as_deref()).collect()
}

/// A violation's Chinese and English halves.
fn halves(v: &Violation) -> (&str, &str) {
    v.message
        .split_once(" / ")
        .unwrap_or_else(|| panic!("not bilingual: {}", v.message))
}

/// Adds a session to the plan and keeps what follows from it consistent: the fund's spending
/// (by the costs the plan writes) and the coverage cells the plan lists (hours per member of the
/// group on the duty, from the people's groups in the plan).
fn add(plan: &mut PlanFile, s: SessionOut) {
    plan.sessions.push(s);
    settle(plan);
}

/// Recomputes the plan's fund spending and coverage cells from its sessions.
fn settle(plan: &mut PlanFile) {
    // the terms follow the sessions (`plan.terms`, tested on its own): an edited plan carries none
    plan.objective.terms.clear();
    plan.objective.total = 0.0;
    for f in &mut plan.budget.funds {
        let spent: f64 = plan
            .sessions
            .iter()
            .filter(|s| s.fund == f.id)
            .map(|s| s.cost)
            .sum();
        f.spent = fudao::wire::money(spent);
    }
    let sessions = plan.sessions.clone();
    let people = plan.people.clone();
    for cell in &mut plan.coverage {
        let members: BTreeSet<&str> = people
            .iter()
            .filter(|p| p.groups.contains(&cell.group))
            .map(|p| p.id.as_str())
            .collect();
        let total: f64 = sessions
            .iter()
            .filter(|s| s.duty.as_deref() == Some(cell.duty.as_str()))
            .map(|s| {
                s.hours
                    * s.attendees
                        .iter()
                        .filter(|a| members.contains(a.as_str()))
                        .count() as f64
            })
            .sum();
        cell.hours = if members.is_empty() {
            0.0
        } else {
            total / members.len() as f64
        };
    }
}

/// A session of the fixture's shape.
#[allow(clippy::too_many_arguments)]
fn session(
    id: &str,
    kind: &str,
    date: &str,
    slots: &[&str],
    duty: &str,
    audience: &str,
    attendees: &[&str],
    venue: Option<&str>,
    speaker: Option<&str>,
    hours: f64,
    cost: f64,
    fund: &str,
) -> SessionOut {
    let level = if kind == "college_training" {
        "college"
    } else {
        "school"
    };
    let platform = match kind {
        "college_training" => "college",
        "monthly_meeting" => "meeting",
        _ => "centralized",
    };
    SessionOut {
        id: id.into(),
        kind: kind.into(),
        platform: platform.into(),
        level: level.into(),
        date: date.into(),
        slot: slots[0].into(),
        slots: slots.iter().map(|s| s.to_string()).collect(),
        duty: Some(duty.into()),
        audience: vec![audience.into()],
        attendees: attendees.iter().map(|s| s.to_string()).collect(),
        venue: venue.map(str::to_string),
        speaker: speaker.map(str::to_string),
        hours,
        cost,
        fund: fund.into(),
        segments: support::kind_segments(kind),
        reason: None,
        cohort: None,
        sequence: 0,
    }
}

/// The hours a plan gives a person: the `hours` of the sessions that list them.
fn planned_hours(plan: &PlanFile, person: &str) -> f64 {
    plan.sessions
        .iter()
        .filter(|s| s.attendees.iter().any(|a| a == person))
        .map(|s| s.hours)
        .sum()
}

/// Sets the cap of every group of `person` (as the plan lists them) to `cap`, so that `cap` is
/// the person's cap.
fn cap_person(inputs: &mut Inputs, plan: &PlanFile, person: &str, cap: f64) {
    let p = plan
        .people
        .iter()
        .find(|p| p.id == person)
        .unwrap_or_else(|| panic!("no person {person}"));
    for g in &mut inputs.rules.groups {
        if p.groups.contains(&g.id) {
            g.max_hours_per_semester = Some(cap);
        }
    }
}

fn kind<'a>(inputs: &'a mut Inputs, id: &str) -> &'a mut fudao::domain::SessionKind {
    inputs
        .rules
        .session_kinds
        .iter_mut()
        .find(|k| k.id == id)
        .unwrap_or_else(|| panic!("no kind {id}"))
}

// ── The base plans ────────────────────────────────────────────────────────────────────────────

#[test]
fn hand_built_plan_keeps_the_new_rules() {
    let (inputs, plan) = base();
    expect_clean(&inputs, &plan);
    assert_eq!(planned_hours(&plan, "T06"), 44.0);
}

#[test]
fn planned_tiny_keeps_the_new_rules() {
    let (inputs, plan) = planned();
    let all = checker::check(inputs, plan);
    let broken: Vec<Violation> = all
        .into_iter()
        .filter(|v| NEW_RULES.contains(&v.rule.as_str()) || v.rule.starts_with("variety."))
        .collect();
    assert!(
        broken.is_empty(),
        "the planner's tiny plan breaks:\n{}",
        show(&broken)
    );
}

#[test]
fn the_new_rules_are_hard() {
    for rule in NEW_RULES {
        assert!(!checker::is_soft(rule), "{rule} is soft");
    }
    // declaring a broken new rule does not excuse it
    let (mut inputs, mut plan) = base();
    inputs.rules.calendar.max_sessions_per_speaker = Some(1);
    plan.violations.push(ViolationOut {
        rule: "calendar.max_sessions_per_speaker".into(),
        message: "declared".into(),
    });
    let o = checker::verify(&inputs, &plan);
    assert!(!o.is_ok());
    assert!(o.declared.is_empty());
    assert!(
        o.broken
            .iter()
            .all(|v| v.rule == "calendar.max_sessions_per_speaker")
    );
}

// ── groups.max_hours_per_semester ─────────────────────────────────────────────────────────────

#[test]
fn hours_over_the_cap() {
    let (mut inputs, plan) = base();
    // the new counselors' cap alone lowered: T06 and T08 still have the 64 h of all counselors
    let new = inputs.rules.group("new_counselors").expect("group");
    inputs.rules.groups[new].max_hours_per_semester = Some(40.0);
    expect_clean(&inputs, &plan);
    // both caps below 44 h: the larger one, 42, is theirs
    let all = inputs.rules.group("all_counselors").expect("group");
    inputs.rules.groups[all].max_hours_per_semester = Some(42.0);
    let v = expect_only(&inputs, &plan, &["groups.max_hours_per_semester"]);
    assert_eq!(people(&v), ["T06", "T08"]);
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("T06 杨雪") && zh.contains("44") && zh.contains("42"),
        "{zh}"
    );
    assert!(zh.contains("全体辅导员"), "{zh}");
    assert!(
        en.contains("T06 杨雪") && en.contains("44") && en.contains("42"),
        "{en}"
    );
    assert!(en.contains("all_counselors"), "{en}");
    // a cap equal to the hours is kept
    inputs.rules.groups[all].max_hours_per_semester = Some(44.0);
    expect_clean(&inputs, &plan);
    // no cap at all
    for g in &mut inputs.rules.groups {
        g.max_hours_per_semester = None;
    }
    expect_clean(&inputs, &plan);
}

#[test]
fn hours_over_the_cap_by_adding_a_session() {
    let (mut inputs, mut plan) = base();
    // deputy secretaries: D01 has 9 hours (S01, S11, S12); a cap of 12 leaves room for one
    // college training, not for a two-day visit
    let g = inputs.rules.group("deputy_secretaries").expect("group");
    inputs.rules.groups[g].max_hours_per_semester = Some(12.0);
    expect_clean(&inputs, &plan);
    add(
        &mut plan,
        session(
            "S15",
            "special_visit",
            "2026-11-16",
            &["am", "pm"],
            "party_league",
            "deputy_secretaries",
            &["D01", "D02", "D03", "D04"],
            None,
            Some("V01"),
            6.0,
            500.0 + 300.0 * 4.0,
            "school",
        ),
    );
    let v = expect_only(&inputs, &plan, &["groups.max_hours_per_semester"]);
    assert_eq!(people(&v), ["D01", "D02", "D03", "D04"]);
    assert!(
        v[0].message.contains("S15") && v[0].message.contains("15"),
        "{}",
        v[0].message
    );
}

fn cap_case(
    which: bool,
    person: prop::sample::Index,
    below: bool,
    frac: f64,
    above: f64,
) -> Result<(), TestCaseError> {
    let (mut inputs, plan) = if which {
        let (i, p) = planned();
        (i.clone(), p.clone())
    } else {
        base()
    };
    let given: Vec<(String, f64)> = plan
        .people
        .iter()
        .filter(|p| !p.groups.is_empty())
        .map(|p| (p.id.clone(), planned_hours(&plan, &p.id)))
        .filter(|(_, h)| *h > 0.0)
        .collect();
    prop_assume!(!given.is_empty());
    let (id, hours) = &given[person.index(given.len())];
    // below: somewhere in [0, hours − 0.01]; at or above: hours + [0, 100]
    let cap = if below {
        (hours - 0.01) * frac
    } else {
        hours + above
    };
    cap_person(&mut inputs, &plan, id, cap);
    let hit = checker::check(&inputs, &plan)
        .into_iter()
        .any(|v| v.rule == "groups.max_hours_per_semester" && v.person.as_deref() == Some(id));
    prop_assert_eq!(
        hit,
        below,
        "{} given {} h, cap {} ({})",
        id,
        hours,
        cap,
        if which { "planned tiny" } else { "fixture" }
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A cap below a person's planned hours is always reported for that person; a cap at or above
    /// them never is.
    #[test]
    fn hour_cap_below_the_planned_hours_is_always_caught(
        which in any::<bool>(),
        person in any::<prop::sample::Index>(),
        below in any::<bool>(),
        frac in 0.0f64..=1.0,
        above in prop_oneof![Just(0.0), 0.0f64..100.0],
    ) {
        cap_case(which, person, below, frac, above)?;
    }
}

// ── variety.* ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn same_speaker_on_the_same_duty_twice() {
    let (mut inputs, mut plan) = base();
    // S03 谢文军 already gives the new counselors daily_affairs (S05); a second time on 11-20
    inputs.rules.calendar.max_sessions_per_speaker = None;
    add(
        &mut plan,
        session(
            "S15",
            "special_invite",
            "2026-11-20",
            &["am", "pm"],
            "daily_affairs",
            "new_counselors",
            &["T06", "T08"],
            Some("e_room1"),
            Some("S03"),
            6.0,
            980.0,
            "school",
        ),
    );
    let v = expect_only(&inputs, &plan, &["variety.speaker_duty"]);
    assert_eq!(people(&v), ["T06", "T08"]);
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("T06 杨雪") && zh.contains("谢文军") && zh.contains("学生日常事务管理"),
        "{zh}"
    );
    assert!(zh.contains("S05") && zh.contains("S15"), "{zh}");
    assert!(
        en.contains("S03 谢文军") && en.contains("`daily_affairs`"),
        "{en}"
    );
    // the same speaker on another duty is variety enough
    let s = sess(&mut plan, "S15");
    s.duty = Some("research".into());
    settle(&mut plan);
    expect_clean(&inputs, &plan);
}

#[test]
fn same_online_course_twice() {
    let (inputs, mut plan) = base();
    // the new counselors took O02 on 11-09 (S07, online_education); O02 again on mental_health
    add(
        &mut plan,
        session(
            "S15",
            "online_course",
            "2026-11-20",
            &["am"],
            "mental_health",
            "new_counselors",
            &["T06", "T08"],
            None,
            Some("O02"),
            3.0,
            60.0,
            "school",
        ),
    );
    let v = expect_only(&inputs, &plan, &["variety.course"]);
    assert_eq!(people(&v), ["T06", "T08"]);
    let (zh, en) = halves(&v[1]);
    assert!(
        zh.contains("T08 黄佳") && zh.contains("学生事务、心理健康与网络思政"),
        "{zh}"
    );
    assert!(
        en.contains("O02") && en.contains("S07") && en.contains("S15"),
        "{en}"
    );
    // another course is fine
    sess(&mut plan, "S15").speaker = Some("O01".into());
    sess(&mut plan, "S15").duty = Some("ideology".into());
    sess(&mut plan, "S15").cost = 0.0;
    settle(&mut plan);
    expect_clean(&inputs, &plan);
}

#[test]
fn same_visit_twice() {
    let (inputs, mut plan) = base();
    // the cadres visit V01 on 11-13 and again on 11-16 (on its other duty)
    for (id, date, duty) in [
        ("S15", "2026-11-13", "ideology"),
        ("S16", "2026-11-16", "party_league"),
    ] {
        add(
            &mut plan,
            session(
                id,
                "special_visit",
                date,
                &["am", "pm"],
                duty,
                "cadres",
                &["M01", "M02"],
                None,
                Some("V01"),
                6.0,
                500.0 + 300.0 * 2.0,
                "school",
            ),
        );
    }
    let v = expect_only(&inputs, &plan, &["variety.visit"]);
    assert_eq!(people(&v), ["M01", "M02"]);
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("M01 郭振宇") && zh.contains("中国医科大学学生工作部"),
        "{zh}"
    );
    assert!(
        en.contains("V01") && en.contains("S15") && en.contains("S16"),
        "{en}"
    );
    // one visit each is fine
    plan.sessions.retain(|s| s.id != "S16");
    settle(&mut plan);
    expect_clean(&inputs, &plan);
}

// ── Invited speakers ──────────────────────────────────────────────────────────────────────────

#[test]
fn speaker_gives_too_many_sessions() {
    let (mut inputs, plan) = base();
    inputs.rules.calendar.max_sessions_per_speaker = Some(1);
    let v = expect_only(&inputs, &plan, &["calendar.max_sessions_per_speaker"]);
    // S02 郑国栋 gives S03 and S04, S03 谢文军 S05 and S06; S01 宋晓梅 only S09
    assert_eq!(v.len(), 2, "{}", show(&v));
    let text = show(&v);
    assert!(
        text.contains("郑国栋") && text.contains("S03, S04"),
        "{text}"
    );
    assert!(
        text.contains("谢文军") && text.contains("S05, S06"),
        "{text}"
    );
    assert!(!text.contains("宋晓梅"), "{text}");
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("主讲人") && en.contains("the cap is 1"),
        "{zh} / {en}"
    );
    // visits and online courses are not speakers: the new counselors' two courses are fine
    inputs.rules.calendar.max_sessions_per_speaker = Some(2);
    expect_clean(&inputs, &plan);
    inputs.rules.calendar.max_sessions_per_speaker = None;
    expect_clean(&inputs, &plan);
}

#[test]
fn speaker_below_the_kinds_standing() {
    // S09's role model S01 宋晓梅 is provincial, as the theme lecture asks
    let (mut inputs, plan) = base();
    inputs.scenario.speakers[0].level = SpeakerLevel::Internal;
    let v = expect_only(
        &inputs,
        &plan,
        &["session_kinds.theme_lecture.min_speaker_level"],
    );
    assert_eq!(v[0].session.as_deref(), Some("S09"));
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("宋晓梅") && zh.contains("省级") && zh.contains("校内"),
        "{zh}"
    );
    assert!(
        en.contains("`provincial`") && en.contains("`internal`"),
        "{en}"
    );
    // a national speaker is above provincial
    inputs.scenario.speakers[0].level = SpeakerLevel::National;
    expect_clean(&inputs, &plan);
    // the special training asking for national speakers: S02 is, S03 (internal) is not
    let (mut inputs, plan) = base();
    kind(&mut inputs, "special_invite").min_speaker_level = Some(SpeakerLevel::National);
    let v = expect_only(
        &inputs,
        &plan,
        &["session_kinds.special_invite.min_speaker_level"],
    );
    let sessions: Vec<&str> = v.iter().filter_map(|v| v.session.as_deref()).collect();
    assert_eq!(sessions, ["S05", "S06"]);
}

// ── colleges.themes ──────────────────────────────────────────────────────────────────────────

#[test]
fn a_colleges_own_theme_is_trained() {
    // k1 trains on crisis_response (S11) and party_league (S12)
    let (mut inputs, plan) = base();
    let k1 = inputs
        .scenario
        .colleges
        .iter()
        .position(|c| c.id == "k1")
        .expect("k1");
    let duty = |id: &str| {
        inputs
            .rules
            .duties
            .iter()
            .position(|d| d.id == id)
            .expect("duty")
    };
    let (research, crisis) = (duty("research"), duty("crisis_response"));
    inputs.scenario.colleges[k1].themes = vec![crisis];
    expect_clean(&inputs, &plan);
    // asked twice, held once
    inputs.scenario.colleges[k1].themes = vec![crisis, crisis];
    let v = expect_only(&inputs, &plan, &["colleges.themes"]);
    assert!(halves(&v[0]).0.contains("2 次"), "{}", show(&v));
    // never held
    inputs.scenario.colleges[k1].themes = vec![research];
    let v = expect_only(&inputs, &plan, &["colleges.themes"]);
    let (zh, en) = halves(&v[0]);
    assert!(zh.contains("理论和实践研究") && zh.contains("0 次"), "{zh}");
    assert!(en.contains("`research`") && en.contains("holds 0"), "{en}");
}

// ── session_kinds.<kind>.max_attendees and cohorts ──────────────────────────────────────────

#[test]
fn a_cohort_is_some_of_its_group_within_the_kinds_size() {
    // S04: the special training for the backbone counselors, 10 of them
    let (mut inputs, plan) = base();
    kind(&mut inputs, "special_invite").max_attendees = Some(6);
    let v = expect_only(
        &inputs,
        &plan,
        &["session_kinds.special_invite.max_attendees"],
    );
    assert_eq!(v.len(), 1, "{}", show(&v));
    assert_eq!(v[0].session.as_deref(), Some("S04"));
    let (zh, en) = halves(&v[0]);
    assert!(zh.contains("10 人") && zh.contains("至多 6 人"), "{zh}");
    assert!(
        en.contains("10 attendees") && en.contains("at most 6"),
        "{en}"
    );
    // a cohort of six of the ten: fewer hours for the four left out, nothing else changes
    let mut cut = plan.clone();
    sess(&mut cut, "S04").attendees.truncate(6);
    settle(&mut cut);
    let vs = checker::check(&inputs, &cut);
    assert!(
        !vs.iter()
            .any(|v| v.rule.starts_with("session_kinds.special_invite.")),
        "{}",
        show(&vs)
    );
    // … but nobody from outside the group: T05 is not a backbone counselor
    let mut outsider = cut.clone();
    sess(&mut outsider, "S04").attendees.push("T05".into());
    settle(&mut outsider);
    let vs = checker::check(&inputs, &outsider);
    assert!(
        vs.iter()
            .any(|v| v.rule == "session_kinds.special_invite.audience"
                && v.session.as_deref() == Some("S04")),
        "{}",
        show(&vs)
    );
}

// ── session_kinds.<kind>.per_unit_duty_max ────────────────────────────────────────────────────

#[test]
fn unit_trains_twice_on_one_duty() {
    let (mut inputs, mut plan) = base();
    // the kind's own cap alone (the rules' cap over all unit kinds is tested in checker.rs)
    inputs.rules.college_training.max_sessions_per_duty = None;
    kind(&mut inputs, "college_training").per_unit_duty_max = Some(1);
    // a third training for k1, again on crisis_response (S11)
    add(
        &mut plan,
        session(
            "S15",
            "college_training",
            "2026-11-19",
            &["am"],
            "crisis_response",
            "unit:k1",
            &["T01", "T02", "T03", "T04", "T05", "T06", "D01"],
            Some("e_seminar"),
            None,
            3.0,
            200.0 + 20.0 * 7.0 + 50.0,
            "k1",
        ),
    );
    let v = expect_only(
        &inputs,
        &plan,
        &["session_kinds.college_training.per_unit_duty_max"],
    );
    assert_eq!(v.len(), 1, "{}", show(&v));
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("k1") && zh.contains("校园危机事件应对") && zh.contains("S11, S15"),
        "{zh}"
    );
    assert!(
        en.contains("`crisis_response`") && en.contains("at most 1"),
        "{en}"
    );
    // allowed twice per duty, or on another duty
    kind(&mut inputs, "college_training").per_unit_duty_max = Some(2);
    expect_clean(&inputs, &plan);
    kind(&mut inputs, "college_training").per_unit_duty_max = Some(1);
    sess(&mut plan, "S15").duty = Some("research".into());
    settle(&mut plan);
    expect_clean(&inputs, &plan);
}

// ── Travel fares in plan.cost ─────────────────────────────────────────────────────────────────

#[test]
fn cost_without_the_fares() {
    let (inputs, mut plan) = base();
    // the monthly meeting on the east campus: seven west-campus people pay 2 × 10 yuan each
    sess(&mut plan, "S01").cost = 640.0;
    let v = expect_only(&inputs, &plan, &["plan.cost"]);
    assert_eq!(v[0].session.as_deref(), Some("S01"));
    assert!(v[0].message.contains("780.00"), "{}", v[0].message);
    // the camp on the west campus: eight east-campus counselors
    let (inputs, mut plan) = base();
    sess(&mut plan, "S10").cost = 3990.0;
    let v = expect_only(&inputs, &plan, &["plan.cost"]);
    assert!(v[0].message.contains("4150.00"), "{}", v[0].message);
    // with no fare between the campuses the fixture's costs are 620 yuan too high
    let (mut inputs, plan) = base();
    inputs.scenario.travel_cost = vec![vec![0.0; 2]; 2];
    let v = expect_only(&inputs, &plan, &["plan.cost", "budget.funds"]);
    let sessions: Vec<&str> = v.iter().filter_map(|v| v.session.as_deref()).collect();
    assert_eq!(sessions, ["S01", "S04", "S09", "S10", "S13", "S14"]);
}

#[test]
fn studio_exchange_travels_from_the_meeting() {
    let (inputs, mut plan) = base();
    // S02 follows the meeting S01 on the east campus, in the east seminar room: no fare, although
    // T09 and T11 live on the west campus (from home it would be 150 + 2 × 20 = 190)
    sess(&mut plan, "S02").cost = 190.0;
    let v = expect_only(&inputs, &plan, &["plan.cost"]);
    assert_eq!(v[0].session.as_deref(), Some("S02"));
    assert!(v[0].message.contains("150.00"), "{}", v[0].message);
    // the meeting moved to the west hall: twelve east-campus people (M01, M02 with no college
    // count from the first campus) pay their fare to it, and the whole studio travels back east
    let (inputs, mut plan) = base();
    let s = sess(&mut plan, "S01");
    s.venue = Some("w_hall".into());
    s.cost = 300.0 + 10.0 * 19.0 + 300.0 + 12.0 * 20.0;
    sess(&mut plan, "S02").cost = 150.0 + 5.0 * 20.0;
    settle(&mut plan);
    expect_clean(&inputs, &plan);
    // with no meeting that day the exchange travels from home (and is out of place)
    let (inputs, mut plan) = base();
    sess(&mut plan, "S01").date = "2026-11-05".into();
    let v: Vec<Violation> = checker::check(&inputs, &plan)
        .into_iter()
        .filter(|v| v.rule == "plan.cost")
        .collect();
    assert!(
        v.iter()
            .any(|v| v.session.as_deref() == Some("S02") && v.message.contains("190.00")),
        "{}",
        show(&v)
    );
    assert!(rules(&inputs, &plan).contains("session_kinds.studio_exchange.with_kind"));
}

#[test]
fn visits_and_online_courses_pay_no_fare() {
    let (inputs, mut plan) = base();
    // deputy secretaries from both campuses visit V01: 500 + 300 × 4, nothing for the campuses
    add(
        &mut plan,
        session(
            "S15",
            "special_visit",
            "2026-11-16",
            &["am", "pm"],
            "party_league",
            "deputy_secretaries",
            &["D01", "D02", "D03", "D04"],
            None,
            Some("V01"),
            6.0,
            1700.0,
            "school",
        ),
    );
    expect_clean(&inputs, &plan);
    sess(&mut plan, "S15").cost = 1740.0;
    let v = expect_only(&inputs, &plan, &["plan.cost"]);
    assert!(v[0].message.contains("1700.00"), "{}", v[0].message);
}

// ── budget.allocations ────────────────────────────────────────────────────────────────────────

#[test]
fn allocations_add_up_to_the_fund_to_the_fen() {
    let (inputs, mut plan) = base();
    // a fen off is within budget.funds' tolerance, but the allocations no longer add up
    plan.budget.funds[2].allocated += 0.01;
    let v = expect_only(&inputs, &plan, &["budget.allocations"]);
    let (zh, en) = halves(&v[0]);
    assert!(
        zh.contains("60000.01") && zh.contains("60000.00") && zh.contains("+0.01"),
        "{zh}"
    );
    assert!(en.contains("60000.01") && en.contains("+0.01"), "{en}");
    let (inputs, mut plan) = base();
    plan.budget.funds[0].allocated -= 0.01;
    expect_only(&inputs, &plan, &["budget.allocations"]);
    // the old fixture's split rounded each part down: 3 fens lost
    let (inputs, mut plan) = base();
    plan.budget.funds[2].allocated = 14_615.36;
    let v = expect_only(&inputs, &plan, &["budget.allocations", "budget.funds"]);
    assert!(v[0].message.contains("-0.03"), "{}", v[0].message);
    // a fund listed twice counts twice
    let (inputs, mut plan) = base();
    let again = plan.budget.funds[1].clone();
    plan.budget.funds.push(again);
    assert!(rules(&inputs, &plan).contains("budget.allocations"));
    // not a number
    let (inputs, mut plan) = base();
    plan.budget.funds[1].allocated = f64::NAN;
    assert!(rules(&inputs, &plan).contains("budget.allocations"));
}

// ── plan.status ───────────────────────────────────────────────────────────────────────────────

#[test]
fn optimal_plan_with_a_gap() {
    let (inputs, mut plan) = base();
    plan.gap = Some(12.5);
    let v = expect_only(&inputs, &plan, &["plan.status"]);
    let (zh, en) = halves(&v[0]);
    assert!(zh.contains("optimal") && zh.contains("12.5"), "{zh}");
    assert!(en.contains("`feasible`"), "{en}");
    // a feasible plan may carry it
    plan.status = "feasible".into();
    expect_clean(&inputs, &plan);
    // a solver's rounding is tolerated in an optimal plan, and a gap of 0 is honest
    plan.status = "optimal".into();
    plan.gap = Some(0.005);
    expect_clean(&inputs, &plan);
    plan.gap = Some(0.0);
    expect_clean(&inputs, &plan);
    plan.gap = Some(0.006);
    expect_only(&inputs, &plan, &["plan.status"]);
}

#[test]
fn gap_is_finite_and_not_negative() {
    for status in ["optimal", "feasible"] {
        for gap in [-0.1, f64::NAN, f64::INFINITY] {
            let (inputs, mut plan) = base();
            plan.status = status.into();
            plan.gap = Some(gap);
            let v = expect_only(&inputs, &plan, &["plan.status"]);
            assert!(v[0].message.contains("gap"), "{}", v[0].message);
        }
    }
}

#[test]
fn optimal_plan_that_stopped_at_the_time_limit() {
    let (inputs, mut plan) = base();
    plan.violations.push(ViolationOut {
        rule: "plan.time_limit".into(),
        message: "the time limit of 2 s was reached".into(),
    });
    let v = expect_only(&inputs, &plan, &["plan.status"]);
    assert!(v[0].message.contains("plan.time_limit"), "{}", v[0].message);
    plan.status = "feasible".into();
    plan.gap = Some(30.0);
    expect_clean(&inputs, &plan);
}

#[test]
fn optimal_plan_that_dropped_a_session() {
    let (inputs, mut plan) = base();
    plan.violations.push(ViolationOut {
        rule: "plan.placement".into(),
        message: "a theme lecture did not fit".into(),
    });
    let v = expect_only(&inputs, &plan, &["plan.status"]);
    assert!(v[0].message.contains("plan.placement"), "{}", v[0].message);
    plan.status = "feasible".into();
    plan.gap = Some(30.0);
    expect_clean(&inputs, &plan);
    // other notes do not make an optimal plan dishonest
    let (inputs, mut plan) = base();
    plan.violations.push(ViolationOut {
        rule: "studios.unstaffed".into(),
        message: "no lead for research".into(),
    });
    expect_clean(&inputs, &plan);
}

// ── people.availability ───────────────────────────────────────────────────────────────────────

/// Make `person` unable to attend on `date` in one of three ways: hired the day after, left the
/// day before, or the date listed as unavailable.
fn keep_away(inputs: &mut Inputs, person: &str, date: chrono::NaiveDate, how: u8) {
    let p = inputs
        .scenario
        .people
        .iter_mut()
        .find(|p| p.id == person)
        .expect("person on the roster");
    match how % 3 {
        0 => p.hired = date + chrono::Days::new(1),
        1 => p.left = Some(date - chrono::Days::new(1)),
        _ => {
            p.unavailable.push(date);
            p.unavailable.sort_unstable();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// An attendee kept away from a session's date (not yet hired, already gone, or unavailable
    /// that day) is always reported under `people.availability`, for that person and session.
    #[test]
    fn attending_on_a_day_one_cannot_is_always_caught(
        session in any::<prop::sample::Index>(),
        attendee in any::<prop::sample::Index>(),
        how in 0u8..3,
    ) {
        let (inputs, plan) = planned();
        let mut inputs = inputs.clone();
        let attended: Vec<&SessionOut> = plan.sessions.iter().filter(|s| !s.attendees.is_empty()).collect();
        let s = session.get(&attended);
        let who = attendee.get(&s.attendees).clone();
        let date = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").expect("date");
        keep_away(&mut inputs, &who, date, how);
        let found = checker::check(&inputs, plan);
        prop_assert!(
            found.iter().any(|v| v.rule == "people.availability"
                && v.person.as_deref() == Some(who.as_str())
                && v.session.as_deref() == Some(s.id.as_str())),
            "not caught:\n{}", show(&found)
        );
    }
}

#[test]
fn availability_on_the_day_itself_is_fine() {
    // hired on the session's date, leaving on it: both may attend
    let (inputs, plan) = planned();
    let mut inputs = inputs.clone();
    let s = &plan.sessions[0];
    let date = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").expect("date");
    let p = inputs
        .scenario
        .people
        .iter_mut()
        .find(|p| p.id == s.attendees[0])
        .expect("person");
    p.hired = date;
    p.left = Some(date);
    let found = checker::check(&inputs, plan);
    let on_that_day: Vec<&Violation> = found
        .iter()
        .filter(|v| v.rule == "people.availability" && v.session.as_deref() == Some(s.id.as_str()))
        .collect();
    assert!(on_that_day.is_empty(), "{}", show(&found));
    // … and the day after they are gone is caught (so the check above can fail)
    let later = plan
        .sessions
        .iter()
        .find(|x| x.date > s.date && x.attendees.contains(&s.attendees[0]))
        .expect("a later session of the same person");
    assert!(
        found
            .iter()
            .any(|v| v.rule == "people.availability"
                && v.session.as_deref() == Some(later.id.as_str())),
        "{}",
        show(&found)
    );
}

// ── session_kinds.<kind>.min_days_apart / max_days_apart ──────────────────────────────────────

#[test]
fn monthly_meetings_keep_their_rhythm() {
    let (inputs, plan) = planned();
    let meetings: Vec<&SessionOut> = plan
        .sessions
        .iter()
        .filter(|s| s.kind == "monthly_meeting")
        .collect();
    assert!(meetings.len() >= 2, "tiny has two meetings");
    // the planned plan keeps the rhythm of the rules
    let found = checker::check(inputs, plan);
    assert!(
        !found.iter().any(|v| v.rule.ends_with("days_apart")),
        "{}",
        show(&found)
    );
    // a rule stricter than the plan's spacing is caught, both ways
    let first = chrono::NaiveDate::parse_from_str(&meetings[0].date, "%Y-%m-%d").expect("date");
    let second = chrono::NaiveDate::parse_from_str(&meetings[1].date, "%Y-%m-%d").expect("date");
    let apart = u32::try_from((second - first).num_days()).expect("ordered");
    let mut strict = inputs.clone();
    let k = kind(&mut strict, "monthly_meeting");
    k.min_days_apart = Some(apart + 1);
    k.max_days_apart = None;
    let v = expect_only(
        &strict,
        plan,
        &["session_kinds.monthly_meeting.min_days_apart"],
    );
    assert_eq!(v.len(), 1, "{}", show(&v));
    assert_eq!(v[0].session.as_deref(), Some(meetings[1].id.as_str()));
    let mut strict = inputs.clone();
    let k = kind(&mut strict, "monthly_meeting");
    k.min_days_apart = None;
    k.max_days_apart = Some(apart - 1);
    expect_only(
        &strict,
        plan,
        &["session_kinds.monthly_meeting.max_days_apart"],
    );
}

// ── plan.terms ────────────────────────────────────────────────────────────────────────────────

#[test]
fn each_term_is_recomputed_from_the_sessions() {
    let (inputs, plan) = planned();
    let found = checker::check(inputs, plan);
    assert!(
        !found.iter().any(|v| v.rule == "plan.terms"),
        "{}",
        show(&found)
    );
    // move value from one term to another: the total still adds up, the terms do not
    for (from, to) in [
        ("hours", "duties"),
        ("standing", "cost"),
        ("travel", "spacing"),
    ] {
        let mut bad = plan.clone();
        *bad.objective.terms.get_mut(from).expect("term") -= 5.0;
        *bad.objective.terms.get_mut(to).expect("term") += 5.0;
        let v = expect_only(inputs, &bad, &["plan.terms"]);
        assert_eq!(v.len(), 2, "{}", show(&v));
        assert!(
            v.iter().any(|x| x.message.contains(from)) && v.iter().any(|x| x.message.contains(to))
        );
    }
    // a session's attendee dropped changes hours (and the duties when it was their only one)
    let mut fewer = plan.clone();
    let s = fewer
        .sessions
        .iter_mut()
        .find(|s| s.kind == "theme_lecture" || s.kind == "special_invite")
        .expect("a school-level session");
    s.attendees.pop();
    let found = checker::check(inputs, &fewer);
    assert!(
        found
            .iter()
            .any(|v| v.rule == "plan.terms" && v.message.contains("hours")),
        "{}",
        show(&found)
    );
    // a session moved to a venue on another campus changes the travel; two sessions in one
    // week for the same people change the spacing
    let venues = &inputs.scenario.venues;
    let mut moved = plan.clone();
    let s = moved
        .sessions
        .iter_mut()
        .find(|s| s.venue.is_some() && s.kind != "studio_exchange")
        .expect("a session with a venue");
    let here = venues
        .iter()
        .find(|v| Some(&v.id) == s.venue.as_ref())
        .expect("venue");
    let there = venues
        .iter()
        .find(|v| v.campus != here.campus && v.capacity >= here.capacity)
        .expect("a venue on another campus");
    s.venue = Some(there.id.clone());
    let found = checker::check(inputs, &moved);
    assert!(
        found
            .iter()
            .any(|v| v.rule == "plan.terms" && v.message.contains("`travel`")),
        "{}",
        show(&found)
    );
    // moving a session into the first session's week bunches its attendees there (unless the
    // week it leaves was as bunched): some session's move must show in `spacing`
    let date = plan.sessions[0].date.clone();
    let caught = (1..plan.sessions.len()).rev().any(|i| {
        let mut bunched = plan.clone();
        bunched.sessions[i].date = date.clone();
        checker::check(inputs, &bunched)
            .iter()
            .any(|v| v.rule == "plan.terms" && v.message.contains("`spacing`"))
    });
    assert!(caught, "no moved session changed the spacing term");
}

// ── plan.segments ─────────────────────────────────────────────────────────────────────────────

#[test]
fn a_meeting_keeps_its_kinds_segments() {
    let (inputs, plan) = planned();
    let found = checker::check(inputs, plan);
    assert!(
        !found.iter().any(|v| v.rule == "plan.segments"),
        "{}",
        show(&found)
    );
    let mut bad = plan.clone();
    let m = bad
        .sessions
        .iter_mut()
        .find(|s| s.kind == "monthly_meeting")
        .expect("a monthly meeting");
    assert!(!m.segments.is_empty(), "the meeting has its segments");
    let id = m.id.clone();
    m.segments.reverse();
    m.segments.pop();
    let v = expect_only(inputs, &bad, &["plan.segments"]);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].session.as_deref(), Some(id.as_str()));
}
