//! The independent plan checker on a hand-built plan for tests/fixtures/tiny-checker.toml
//! (tests/fixtures/tiny-plan.json): the plan passes, and each mutation is caught under its rule id.
//!
//! The fixture was worked out by hand: attendees from the five groups (T06 and T08 are the new
//! counselors; ten counselors have three or more years), costs from the kinds' fixed and per-attendee
//! costs plus fees, venue half-days and the attendees' campus fares (2 × 10 yuan between east and
//! west; e.g. the monthly meeting on the east campus: 300 + 10 × 19 + 150 + 7 × 20 = 780 yuan; the
//! studio exchange after it travels from the meeting's campus, so no fare), funds from the split
//! (school 36000; k1 9384.61; J1 = 4461.54 + 4461.54 + 5692.31 = 14615.39, largest remainder).
//! Covering all nine duties for a new counselor takes ten sessions in tiny's three usable weeks (the
//! camp covers no duty), so the base inputs raise `calendar.max_sessions_per_person_per_week` from
//! 3 to 4; the cap test puts it back.

use crate::support;
use std::path::Path;

use chrono::NaiveDate;
use fudao::checker::{self, Violation};
use fudao::domain::{DateRange, Inputs, Unreachable};
use fudao::wire::{PlanFile, SessionOut, ViolationOut};

fn fixture() -> std::path::PathBuf {
    support::root().join("tests/fixtures/tiny-plan.json")
}

/// tiny's inputs (with a weekly cap of 4) and the hand-built plan.
fn base() -> (Inputs, PlanFile) {
    let mut l = support::load_bundled("tests/fixtures/tiny-checker.toml");
    l.inputs.rules.calendar.max_sessions_per_person_per_week = 4;
    let mut plan = fudao::input::plan_file::read_plan(&fixture())
        .unwrap_or_else(|e| panic!("fixture does not parse:\n{e}"));
    // these tests edit sessions one rule at a time; the value terms, which follow every session
    // (`plan.terms`), are tested in checker_value, so the edited copies carry none
    plan.objective.terms.clear();
    plan.objective.total = 0.0;
    (l.inputs, plan)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn sess<'a>(plan: &'a mut PlanFile, id: &str) -> &'a mut SessionOut {
    plan.sessions
        .iter_mut()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no session {id}"))
}

fn remove(plan: &mut PlanFile, id: &str) {
    let n = plan.sessions.len();
    plan.sessions.retain(|s| s.id != id);
    assert_eq!(plan.sessions.len(), n - 1, "no session {id}");
}

fn show(vs: &[Violation]) -> String {
    vs.iter()
        .map(|v| format!("  {} | {}\n", v.rule, v.message))
        .collect()
}

/// The violations of `rule`; fails when there are none.
fn expect(inputs: &Inputs, plan: &PlanFile, rule: &str) -> Vec<Violation> {
    let all = checker::check(inputs, plan);
    let hits: Vec<Violation> = all.iter().filter(|v| v.rule == rule).cloned().collect();
    assert!(
        !hits.is_empty(),
        "expected a `{rule}` violation, got:\n{}",
        show(&all)
    );
    hits
}

/// Fails when any violation is reported.
fn expect_clean(inputs: &Inputs, plan: &PlanFile) {
    let all = checker::check(inputs, plan);
    assert!(
        all.is_empty(),
        "expected no violations, got:\n{}",
        show(&all)
    );
}

// ── The base plan ─────────────────────────────────────────────────────────────────────────────

#[test]
fn hand_built_plan_passes() {
    let (inputs, plan) = base();
    assert_eq!(plan.sessions.len(), 14);
    expect_clean(&inputs, &plan);
    let o = checker::verify(&inputs, &plan);
    assert!(o.is_ok() && o.declared.is_empty());
}

#[test]
fn output_is_sorted_and_deterministic() {
    let (mut inputs, mut plan) = base();
    inputs.rules.calendar.max_sessions_per_person_per_week = 2;
    sess(&mut plan, "S01").cost = 1.0;
    sess(&mut plan, "S09").venue = Some("e_room1".into());
    let a = checker::check(&inputs, &plan);
    let b = checker::check(&inputs, &plan);
    assert_eq!(a, b);
    assert!(a.len() > 3);
    let keys: Vec<(&str, &str)> = a
        .iter()
        .map(|v| (v.rule.as_str(), v.message.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn messages_are_chinese_then_english() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S01").cost = 781.0;
    let v = &expect(&inputs, &plan, "plan.cost")[0];
    assert_eq!(v.session.as_deref(), Some("S01"));
    let (zh, en) = v.message.split_once(" / ").expect("bilingual");
    assert!(zh.contains("780.00") && zh.contains("元"), "{zh}");
    assert!(en.contains("780.00") && en.contains("781.00"), "{en}");
}

// ── Calendar ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn saturday_that_is_not_a_makeup_day() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S10").date = "2026-11-21".into();
    let v = expect(&inputs, &plan, "calendar.allow_weekends");
    assert_eq!(v[0].session.as_deref(), Some("S10"));
    assert_eq!(
        checker::check(&inputs, &plan).len(),
        1,
        "only the weekend is wrong"
    );
}

#[test]
fn makeup_workday_is_allowed() {
    let (mut inputs, mut plan) = base();
    inputs
        .scenario
        .semester
        .makeup_workdays
        .push(date("2026-11-21"));
    sess(&mut plan, "S10").date = "2026-11-21".into();
    expect_clean(&inputs, &plan);
}

#[test]
fn weekend_allowed_by_rule() {
    let (mut inputs, mut plan) = base();
    inputs.rules.calendar.allow_weekends = true;
    sess(&mut plan, "S10").date = "2026-11-21".into();
    expect_clean(&inputs, &plan);
}

#[test]
fn national_day_holiday() {
    let (mut inputs, plan) = base();
    // tiny has no holiday in November; declare the camp's day 国庆-like to test the rule.
    inputs.scenario.semester.holidays.push(DateRange {
        name: "国庆节".into(),
        start: date("2026-11-18"),
        end: date("2026-11-18"),
    });
    let v = expect(&inputs, &plan, "calendar.allow_holidays");
    assert!(v[0].message.contains("国庆节"), "{}", v[0].message);
    inputs.rules.calendar.allow_holidays = true;
    expect_clean(&inputs, &plan);
}

#[test]
fn exam_week() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S12").date = "2026-11-24".into();
    let v = expect(&inputs, &plan, "calendar.allow_exam_weeks");
    assert_eq!(v[0].session.as_deref(), Some("S12"));
}

#[test]
fn outside_the_semester() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S12").date = "2026-12-01".into();
    expect(&inputs, &plan, "calendar.semester");
}

#[test]
fn person_in_two_sessions_at_once() {
    let (inputs, mut plan) = base();
    // the new counselors' online course moved onto their special training of 11-05
    sess(&mut plan, "S07").date = "2026-11-05".into();
    let v = expect(&inputs, &plan, "calendar.no_double_booking");
    assert!(
        v[0].message.contains("T06") && v[0].message.contains("T08"),
        "{}",
        v[0].message
    );
}

#[test]
fn weekly_cap() {
    let (mut inputs, plan) = base();
    inputs.rules.calendar.max_sessions_per_person_per_week = 3;
    let v = expect(&inputs, &plan, "calendar.max_sessions_per_person_per_week");
    let people: Vec<&str> = v.iter().filter_map(|v| v.person.as_deref()).collect();
    assert_eq!(people, ["T06", "T06", "T08", "T08"]);
    assert_eq!(checker::check(&inputs, &plan).len(), 4);
}

#[test]
fn month_without_the_monthly_meeting() {
    let (inputs, mut plan) = base();
    remove(&mut plan, "S01");
    expect(&inputs, &plan, "session_kinds.monthly_meeting.per_month");
    expect(&inputs, &plan, "session_kinds.monthly_meeting.required");
}

#[test]
fn two_meetings_in_a_month() {
    let (inputs, mut plan) = base();
    let mut extra = sess(&mut plan, "S01").clone();
    extra.id = "S15".into();
    extra.date = "2026-11-20".into();
    plan.sessions.push(extra);
    expect(&inputs, &plan, "session_kinds.monthly_meeting.per_month");
    // the new meeting has no studio exchange after it
    expect(&inputs, &plan, "session_kinds.studio_exchange.with_kind");
}

#[test]
fn studio_exchange_not_right_after_the_meeting() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S02").date = "2026-11-06".into();
    let v = expect(&inputs, &plan, "session_kinds.studio_exchange.with_kind");
    assert!(v.iter().any(|v| v.session.as_deref() == Some("S02")));
}

#[test]
fn camp_outside_its_window() {
    let (mut inputs, mut plan) = base();
    // one week before the exam week: 2026-11-16 .. 2026-11-22
    inputs.rules.calendar.camp_window_weeks = 1;
    expect_clean(&inputs, &plan);
    sess(&mut plan, "S10").date = "2026-11-06".into();
    let v = expect(&inputs, &plan, "calendar.camp_window_weeks");
    assert!(v[0].message.contains("2026-11-16"), "{}", v[0].message);
}

#[test]
fn venue_double_booked() {
    let (inputs, mut plan) = base();
    // J1's training on 11-03 morning moved into the room k1 uses then (k2 is on the east campus)
    let s = sess(&mut plan, "S13");
    s.venue = Some("e_seminar".into());
    s.cost = 590.0; // 450 + the fares of J1's seven west-campus people
    let v = expect(&inputs, &plan, "venues.no_double_booking");
    assert!(v[0].message.contains("S11") && v[0].message.contains("S13"));
}

#[test]
fn speaker_double_booked() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S04").date = "2026-11-05".into();
    expect(&inputs, &plan, "speakers.no_double_booking");
}

// ── One session ───────────────────────────────────────────────────────────────────────────────

#[test]
fn venue_too_small() {
    let (inputs, mut plan) = base();
    let s = sess(&mut plan, "S09");
    s.venue = Some("e_room1".into());
    s.cost = 3395.0;
    let v = expect(&inputs, &plan, "venues.capacity");
    assert!(
        v[0].message.contains("13") && v[0].message.contains("12"),
        "{}",
        v[0].message
    );
}

#[test]
fn unit_venue_on_another_campus() {
    let (inputs, mut plan) = base();
    let s = sess(&mut plan, "S11");
    s.venue = Some("w_seminar".into());
    s.cost = 560.0; // 420 + the fares of k1's seven east-campus people
    expect(&inputs, &plan, "venues.campus");
}

#[test]
fn visit_and_online_take_no_venue() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S07").venue = Some("e_room2".into());
    expect(&inputs, &plan, "venues.required");
    sess(&mut plan, "S07").venue = None;
    sess(&mut plan, "S09").venue = None;
    expect(&inputs, &plan, "venues.required");
}

#[test]
fn speaker_not_available() {
    let (inputs, mut plan) = base();
    // S01 宋晓梅 comes on 11-04, 11-11, 11-18 only
    let s = sess(&mut plan, "S09");
    s.date = "2026-11-09".into();
    s.slot = "pm".into();
    s.slots = vec!["pm".into()];
    let v = expect(&inputs, &plan, "speakers.dates");
    assert_eq!(
        checker::check(&inputs, &plan).len(),
        1,
        "{}",
        show(&checker::check(&inputs, &plan))
    );
    assert_eq!(v[0].session.as_deref(), Some("S09"));
}

#[test]
fn speaker_of_the_wrong_kind_or_duty() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S09").speaker = Some("S03".into()); // an expert, not a role model
    expect(&inputs, &plan, "session_kinds.theme_lecture.speaker");
    let (inputs, mut plan) = base();
    sess(&mut plan, "S05").duty = Some("ideology".into()); // S03 谢文军 does not teach it
    expect(&inputs, &plan, "speakers.duties");
}

#[test]
fn online_course_closed() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S08").date = "2026-11-20".into();
    expect_clean(&inputs, &plan);
    let (mut inputs, plan) = base();
    inputs.scenario.online_courses[2].open_to = date("2026-11-13");
    expect(&inputs, &plan, "online_courses.open_to");
}

#[test]
fn visit_rules() {
    let (inputs, mut plan) = base();
    // backbone counselors (10) to V01, which receives 10 on 11-13 and 11-16
    plan.sessions.push(SessionOut {
        id: "S15".into(),
        kind: "special_visit".into(),
        platform: "centralized".into(),
        level: "school".into(),
        date: "2026-11-16".into(),
        slot: "am".into(),
        slots: vec!["am".into(), "pm".into()],
        duty: Some("ideology".into()),
        audience: vec!["deputy_secretaries".into()],
        attendees: vec!["D01".into(), "D02".into(), "D03".into(), "D04".into()],
        venue: None,
        speaker: Some("V01".into()),
        hours: 6.0,
        cost: 500.0 + 300.0 * 4.0,
        fund: "school".into(),
        segments: support::kind_segments("special_visit"),
        reason: None,
        cohort: None,
        sequence: 0,
    });
    plan.budget.funds[0].spent += 1700.0;
    expect_clean(&inputs, &plan);
    let mut p2 = plan.clone();
    sess(&mut p2, "S15").date = "2026-11-19".into();
    expect(&inputs, &p2, "visits.dates");
    let mut p3 = plan.clone();
    sess(&mut p3, "S15").duty = Some("research".into());
    expect(&inputs, &p3, "visits.duties");
    let (mut i4, p4) = (inputs.clone(), plan.clone());
    i4.scenario.visits[0].max_attendees = 3;
    expect(&i4, &p4, "visits.max_attendees");
}

#[test]
fn wrong_cost() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S04").cost = 8500.0; // forgot the five west-campus backbone's fares
    let v = expect(&inputs, &plan, "plan.cost");
    assert!(v[0].message.contains("8600.00"), "{}", v[0].message);
    // a cent of rounding is tolerated
    sess(&mut plan, "S04").cost = 8600.01;
    expect_clean(&inputs, &plan);
}

#[test]
fn attendees_not_matching_the_audience() {
    let (inputs, mut plan) = base();
    let s = sess(&mut plan, "S09");
    s.attendees.retain(|a| a != "T05");
    s.cost -= 5.0;
    let v = expect(&inputs, &plan, "session_kinds.theme_lecture.audience");
    assert!(v[0].message.contains("T05"), "{}", v[0].message);
}

#[test]
fn extra_attendee_in_a_unit_session() {
    let (inputs, mut plan) = base();
    let s = sess(&mut plan, "S11");
    s.attendees.push("T07".into()); // T07 is in k2, which trains with J1
    s.cost += 20.0;
    let v = expect(&inputs, &plan, "session_kinds.college_training.audience");
    assert!(v[0].message.contains("T07"), "{}", v[0].message);
}

#[test]
fn audience_shape() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S03").audience = vec!["new_counselors".into(), "cadres".into()];
    expect(&inputs, &plan, "session_kinds.special_invite.audience_mode");
    let (inputs, mut plan) = base();
    sess(&mut plan, "S01").audience.pop();
    expect(
        &inputs,
        &plan,
        "session_kinds.monthly_meeting.audience_mode",
    );
    let (inputs, mut plan) = base();
    sess(&mut plan, "S11").audience = vec!["unit:k2".into()];
    expect(
        &inputs,
        &plan,
        "session_kinds.college_training.audience_mode",
    );
    let (inputs, mut plan) = base();
    sess(&mut plan, "S02").audience = vec!["studio:research".into()];
    expect(
        &inputs,
        &plan,
        "session_kinds.studio_exchange.audience_mode",
    );
}

#[test]
fn duty_modes() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S10").duty = Some("ideology".into());
    expect(&inputs, &plan, "session_kinds.camp.duty_mode");
    let (inputs, mut plan) = base();
    sess(&mut plan, "S01").duty = None;
    expect(&inputs, &plan, "session_kinds.monthly_meeting.duty_mode");
    let (inputs, mut plan) = base();
    sess(&mut plan, "S02").duty = Some("research".into());
    expect(&inputs, &plan, "session_kinds.studio_exchange.duty_mode");
}

#[test]
fn slots_of_a_whole_day_session() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S03").slots = vec!["am".into()];
    expect(&inputs, &plan, "session_kinds.special_invite.slots");
    let (inputs, mut plan) = base();
    let s = sess(&mut plan, "S03");
    s.slot = "pm".into();
    s.slots = vec!["pm".into()];
    expect(&inputs, &plan, "session_kinds.special_invite.slots");
}

#[test]
fn fields_the_kind_fixes() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S01").hours = 4.0;
    expect(&inputs, &plan, "plan.hours");
    let (inputs, mut plan) = base();
    sess(&mut plan, "S01").level = "college".into();
    expect(&inputs, &plan, "plan.session");
}

#[test]
fn session_paid_by_the_wrong_fund() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S11").fund = "school".into();
    expect(&inputs, &plan, "budget.session_fund");
    // and the funds' spending no longer adds up
    expect(&inputs, &plan, "budget.funds");
}

// ── Budget ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn fund_overspent() {
    let (mut inputs, mut plan) = base();
    // 40000 yuan: the school keeps 24000 but the plan spends 27695 from it
    inputs.scenario.funds_total = 40_000.0;
    plan.budget.funds[0].allocated = 24_000.0;
    let v = expect(&inputs, &plan, "budget.funds");
    assert!(
        v.iter()
            .any(|v| v.message.contains("overspent") && v.message.contains("`school`")),
        "{}",
        show(&v)
    );
}

#[test]
fn fund_allocation_and_spending_recomputed() {
    let (inputs, mut plan) = base();
    plan.budget.funds[1].allocated = 9999.0;
    let v = expect(&inputs, &plan, "budget.funds");
    assert!(v[0].message.contains("9384.61"), "{}", v[0].message);
    let (inputs, mut plan) = base();
    plan.budget.funds[2].spent = 900.0;
    let v = expect(&inputs, &plan, "budget.funds");
    assert!(v[0].message.contains("1080.00"), "{}", v[0].message);
    let (inputs, mut plan) = base();
    plan.budget.funds.pop();
    expect(&inputs, &plan, "budget.funds");
}

// ── Targets ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn new_counselor_short_of_hours() {
    let (inputs, mut plan) = base();
    remove(&mut plan, "S06"); // 44 − 6 = 38 hours < 40
    plan.budget.funds[0].spent -= 980.0;
    let v = expect(&inputs, &plan, "hour_targets.new_pre_job");
    let people: Vec<&str> = v.iter().filter_map(|v| v.person.as_deref()).collect();
    assert_eq!(people, ["T06", "T08"]);
    assert!(v[0].message.contains("38"), "{}", v[0].message);
}

#[test]
fn yearly_target_counts_school_level_only() {
    let (mut inputs, plan) = base();
    // T05 has 12 school-level hours (meeting, lecture, camp); raise the yearly target to 26 (13 a semester)
    let t = inputs
        .rules
        .hour_targets
        .iter_mut()
        .find(|t| t.id == "school_level_yearly")
        .expect("target");
    t.hours = 26.0;
    let v = expect(&inputs, &plan, "hour_targets.school_level_yearly");
    assert!(
        v.iter().any(|v| v.person.as_deref() == Some("T05")),
        "{}",
        show(&v)
    );
}

#[test]
fn required_duty_not_covered() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S12").duty = Some("ideology".into());
    sess(&mut plan, "S14").duty = Some("ideology".into());
    let v = expect(&inputs, &plan, "coverage.new_all_duties");
    assert!(v[0].message.contains("party_league"), "{}", v[0].message);
    // the plan's coverage cell for deputies on party_league is now stale too
    expect(&inputs, &plan, "plan.coverage");
}

#[test]
fn coverage_cell_recomputed() {
    let (inputs, mut plan) = base();
    plan.coverage[2].hours = 6.0; // backbone × mental_health is (10 × 6 + 3 × 2) / 10 = 6.6
    let v = expect(&inputs, &plan, "plan.coverage");
    assert!(v[0].message.contains("6.60"), "{}", v[0].message);
}

#[test]
fn declared_soft_bends_do_not_fail_but_hard_ones_do() {
    let (inputs, mut plan) = base();
    remove(&mut plan, "S06");
    plan.budget.funds[0].spent -= 980.0;
    plan.coverage.clear();
    let o = checker::verify(&inputs, &plan);
    assert!(!o.is_ok());
    plan.violations = vec![
        ViolationOut {
            rule: "hour_targets.new_pre_job".into(),
            message: "T06, T08 short".into(),
        },
        ViolationOut {
            rule: "coverage.new_all_duties".into(),
            message: "career".into(),
        },
    ];
    let o = checker::verify(&inputs, &plan);
    assert!(o.is_ok(), "{}", show(&o.broken));
    assert_eq!(o.declared.len(), 4);
    let text = checker::render(&plan, &o);
    assert!(text.starts_with("plan verified"), "{text}");
    // a hard rule stays hard when declared
    let mut inputs = inputs;
    inputs.rules.calendar.max_sessions_per_person_per_week = 3;
    plan.violations.push(ViolationOut {
        rule: "calendar.max_sessions_per_person_per_week".into(),
        message: String::new(),
    });
    let o = checker::verify(&inputs, &plan);
    assert!(
        o.broken
            .iter()
            .all(|v| v.rule == "calendar.max_sessions_per_person_per_week")
    );
    assert!(!o.is_ok());
}

// ── Counts of session kinds ───────────────────────────────────────────────────────────────────

#[test]
fn per_unit_and_per_semester_counts() {
    let (inputs, mut plan) = base();
    remove(&mut plan, "S12");
    expect(
        &inputs,
        &plan,
        "session_kinds.college_training.per_unit_min",
    );
    let (inputs, mut plan) = base();
    remove(&mut plan, "S10");
    expect(&inputs, &plan, "session_kinds.camp.per_semester");
    expect(&inputs, &plan, "session_kinds.camp.required");
    let (mut inputs, plan) = base();
    let k = inputs
        .rules
        .session_kinds
        .iter_mut()
        .find(|k| k.id == "special_invite")
        .expect("kind");
    k.max_per_semester = Some(3);
    expect(
        &inputs,
        &plan,
        "session_kinds.special_invite.max_per_semester",
    );
    let (mut inputs, plan) = base();
    let k = inputs
        .rules
        .session_kinds
        .iter_mut()
        .find(|k| k.id == "college_training")
        .expect("kind");
    k.per_unit_max = Some(1);
    expect(
        &inputs,
        &plan,
        "session_kinds.college_training.per_unit_max",
    );
}

// ── A unit's own training ─────────────────────────────────────────────────────────────────────

#[test]
fn unit_training_on_a_date_its_college_cannot_use() {
    let (mut inputs, plan) = base();
    expect_clean(&inputs, &plan);
    // k1 (the independent unit) holds S11 on 2026-11-03; k2, in J1, holds S13 the same day
    let k2 = inputs
        .scenario
        .colleges
        .iter()
        .position(|c| c.id == "k2")
        .expect("k2");
    inputs.scenario.colleges[k2].unavailable = vec![DateRange {
        name: "运动会".into(),
        start: date("2026-11-02"),
        end: date("2026-11-04"),
    }];
    let v = expect(&inputs, &plan, "colleges.unavailable");
    // only J1's session: a cluster avoids every member's dates, k1's unit is not concerned
    assert_eq!(v.len(), 1, "{}", show(&v));
    assert_eq!(v[0].session.as_deref(), Some("S13"));
    assert!(v[0].message.contains("运动会"), "{}", v[0].message);
}

#[test]
fn unit_repeats_a_duty_only_when_a_college_asked() {
    let (mut inputs, mut plan) = base();
    assert_eq!(inputs.rules.college_training.max_sessions_per_duty, Some(1));
    // k1's two trainings both on crisis response
    sess(&mut plan, "S12").duty = Some("crisis_response".into());
    let v = expect(&inputs, &plan, "college_training.max_sessions_per_duty");
    assert_eq!(v.len(), 1, "{}", show(&v));
    assert!(v[0].message.contains("S11") && v[0].message.contains("S12"));
    // a college that lists the duty twice among its themes asks for two sessions on it
    let crisis = inputs.rules.duty("crisis_response").expect("duty");
    let k1 = inputs
        .scenario
        .colleges
        .iter()
        .position(|c| c.id == "k1")
        .expect("k1");
    inputs.scenario.colleges[k1].themes = vec![crisis];
    expect(&inputs, &plan, "college_training.max_sessions_per_duty");
    inputs.scenario.colleges[k1].themes = vec![crisis, crisis];
    let all = checker::check(&inputs, &plan);
    assert!(
        all.iter()
            .all(|v| v.rule != "college_training.max_sessions_per_duty"),
        "{}",
        show(&all)
    );
}

// ── Two levels ────────────────────────────────────────────────────────────────────────────────

#[test]
fn cluster_campuses_and_terms_are_recomputed() {
    let (inputs, mut plan) = base();
    // J1 = k2 (east) + k3, k4 (west)
    plan.clusters[0].campuses = vec!["east".into()];
    let v = expect(&inputs, &plan, "plan.clusters");
    assert!(v[0].message.contains("east, west"), "{}", v[0].message);
    // the terms, when the plan carries them, follow the members: one cluster weight, and per
    // pair the travel minutes (k2–k3, k2–k4 cross campuses) and the mismatches
    let (inputs, mut plan) = base();
    let tl = &inputs.rules.two_level;
    let sc = &inputs.scenario;
    let col = |id: &str| sc.colleges.iter().find(|c| c.id == id).expect("college");
    let (k2, k3, k4) = (col("k2"), col("k3"), col("k4"));
    let minutes = sc.travel_minutes[k2.campus][k3.campus].expect("east–west");
    let pairs = [(k2, k3), (k2, k4), (k3, k4)];
    let mismatch = |f: &dyn Fn(&fudao::domain::College) -> &str| {
        pairs.iter().filter(|(a, b)| f(a) != f(b)).count() as f64
    };
    let mut terms = std::collections::BTreeMap::new();
    terms.insert("clusters".to_string(), tl.w_per_cluster);
    terms.insert("travel".to_string(), 2.0 * minutes * tl.w_travel_per_minute);
    terms.insert(
        "discipline_mismatch".to_string(),
        mismatch(&|c| c.discipline.as_str()) * tl.w_discipline_mismatch,
    );
    terms.insert(
        "stage_mismatch".to_string(),
        mismatch(&|c| c.stage.as_str()) * tl.w_stage_mismatch,
    );
    plan.clusters[0].terms = terms;
    expect_clean(&inputs, &plan);
    *plan.clusters[0].terms.get_mut("travel").expect("travel") += 5.0;
    let v = expect(&inputs, &plan, "plan.clusters");
    assert!(v[0].message.contains("travel"), "{}", v[0].message);
}

#[test]
fn cluster_below_the_threshold() {
    let (inputs, mut plan) = base();
    // k4 leaves J1 as k1's guest: J1 = k2 + k3 = 4 full-time counselors < 6
    plan.clusters[0].colleges.retain(|c| c != "k4");
    plan.clusters[0].full_time_counselors = 4;
    let k4 = plan.colleges.iter_mut().find(|c| c.id == "k4").expect("k4");
    k4.mode = "guest".into();
    k4.cluster = None;
    k4.guest_of = Some("k1".into());
    let v = expect(&inputs, &plan, "two_level.independent_min");
    assert!(
        v.iter()
            .any(|v| v.message.contains("J1") && v.message.contains('4')),
        "{}",
        show(&v)
    );
    // k4's people now belong to k1's unit, so k1's trainings miss them
    expect(&inputs, &plan, "session_kinds.college_training.audience");
}

#[test]
fn independence_follows_the_threshold() {
    let (inputs, mut plan) = base();
    plan.colleges[0].mode = "joint".into();
    expect(&inputs, &plan, "two_level.independent_min");
    let (inputs, mut plan) = base();
    plan.colleges[3].mode = "independent".into();
    plan.colleges[3].cluster = None;
    expect(&inputs, &plan, "two_level.independent_min");
}

#[test]
fn cluster_colleges_too_far_apart() {
    let (mut inputs, plan) = base();
    inputs.rules.two_level.max_travel_minutes = 15.0; // east–west is 20 minutes
    let v = expect(&inputs, &plan, "two_level.max_travel_minutes");
    assert!(v[0].message.contains("20"), "{}", v[0].message);
}

#[test]
fn cluster_too_large() {
    let (mut inputs, plan) = base();
    inputs.rules.two_level.max_cluster_colleges = 2;
    expect(&inputs, &plan, "two_level.max_cluster_colleges");
}

#[test]
fn guests_need_the_rule_and_an_independent_host() {
    let (mut inputs, mut plan) = base();
    let k4 = plan.colleges.iter_mut().find(|c| c.id == "k4").expect("k4");
    k4.mode = "guest".into();
    k4.cluster = None;
    k4.guest_of = Some("k2".into());
    plan.clusters[0].colleges.retain(|c| c != "k4");
    inputs.rules.two_level.unreachable = Unreachable::Infeasible;
    let v = expect(&inputs, &plan, "two_level.unreachable");
    assert_eq!(v.len(), 2, "{}", show(&v)); // the rule forbids guests, and k2 is no host
}

#[test]
fn college_and_cluster_listing_consistency() {
    let (inputs, mut plan) = base();
    plan.colleges[1].cluster = Some("J2".into());
    expect(&inputs, &plan, "plan.references");
    let (inputs, mut plan) = base();
    plan.clusters[0].full_time_counselors = 9;
    expect(&inputs, &plan, "plan.clusters");
    let (inputs, mut plan) = base();
    plan.colleges[2].full_time_counselors = 5;
    expect(&inputs, &plan, "plan.colleges");
    let (inputs, mut plan) = base();
    plan.colleges.pop();
    expect(&inputs, &plan, "plan.colleges");
}

// ── Studios ───────────────────────────────────────────────────────────────────────────────────

fn studio(plan: &mut PlanFile) -> &mut fudao::wire::StudioOut {
    plan.studios
        .iter_mut()
        .find(|s| s.duty == "mental_health")
        .expect("studio")
}

#[test]
fn ineligible_studio_lead() {
    let (inputs, mut plan) = base();
    // T02 李静: 8 years, 讲师, no honor
    studio(&mut plan).lead = Some("T02".into());
    let v = expect(&inputs, &plan, "studios.lead");
    assert_eq!(v[0].person.as_deref(), Some("T02"));
    assert!(v[0].message.contains("不足 10 年"), "{}", v[0].message);
}

#[test]
fn title_waiver_is_allowed_only_when_waivable() {
    let (mut inputs, mut plan) = base();
    // T09 周立新: 11 years, honor, but 讲师（思政）
    let st = studio(&mut plan);
    st.lead = Some("T09".into());
    st.backbone = vec!["T01".into(), "T11".into()];
    st.title_waived = true;
    let att: Vec<String> = ["T09", "T01", "T11", "T06", "T08"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    sess(&mut plan, "S02").attendees = att;
    expect_clean(&inputs, &plan);
    inputs.rules.studios.lead.title_waivable = false;
    expect(&inputs, &plan, "studios.lead");
}

#[test]
fn studio_team_rules() {
    let (inputs, mut plan) = base();
    studio(&mut plan).backbone.push("T05".into()); // 1 year
    expect(&inputs, &plan, "studios.backbone");
    let (inputs, mut plan) = base();
    studio(&mut plan).members.pop();
    expect(&inputs, &plan, "studios.min_size");
    let (inputs, mut plan) = base();
    studio(&mut plan)
        .members
        .extend(["T02".to_string(), "T03".to_string()]); // k1 then has 4
    expect(&inputs, &plan, "studios.max_per_college");
    let (inputs, mut plan) = base();
    let bb = std::mem::take(&mut studio(&mut plan).backbone);
    studio(&mut plan).members.extend(bb);
    expect(&inputs, &plan, "studios.min_backbone");
    let (inputs, mut plan) = base();
    let other = plan
        .studios
        .iter_mut()
        .find(|s| s.duty == "research")
        .expect("research");
    other.lead = Some("M01".into());
    other.backbone = vec!["T01".into(), "D03".into()];
    other.members = vec!["T07".into(), "T12".into()];
    let v = expect(&inputs, &plan, "studios.max_studios_per_person");
    assert_eq!(v[0].person.as_deref(), Some("T01"));
    // and the research studio holds no exchange after the meeting
    expect(&inputs, &plan, "session_kinds.studio_exchange.with_kind");
    expect(&inputs, &plan, "session_kinds.studio_exchange.per_month");
}

#[test]
fn unstaffed_studio_has_no_team() {
    let (inputs, mut plan) = base();
    let other = plan
        .studios
        .iter_mut()
        .find(|s| s.duty == "research")
        .expect("research");
    other.members = vec!["T07".into()];
    expect(&inputs, &plan, "studios.lead");
}

// ── Plan-file consistency ─────────────────────────────────────────────────────────────────────

#[test]
fn unknown_ids() {
    for (what, f) in [
        (
            "kind",
            (|p: &mut PlanFile| sess(p, "S12").kind = "bogus".into()) as fn(&mut PlanFile),
        ),
        ("duty", |p| sess(p, "S12").duty = Some("bogus".into())),
        ("group", |p| sess(p, "S03").audience = vec!["bogus".into()]),
        ("venue", |p| sess(p, "S12").venue = Some("bogus".into())),
        ("speaker", |p| sess(p, "S05").speaker = Some("S99".into())),
        ("person", |p| sess(p, "S12").attendees.push("X99".into())),
        ("college", |p| p.clusters[0].colleges.push("k9".into())),
        ("cluster", |p| {
            sess(p, "S13").audience = vec!["unit:J9".into()]
        }),
        ("fund", |p| sess(p, "S12").fund = "k9".into()),
        ("slot", |p| sess(p, "S12").slot = "evening".into()),
    ] {
        let (inputs, mut plan) = base();
        f(&mut plan);
        let all = checker::check(&inputs, &plan);
        assert!(
            all.iter().any(|v| v.rule == "plan.references"),
            "unknown {what}: expected plan.references, got:\n{}",
            show(&all)
        );
    }
}

#[test]
fn duplicate_session_ids() {
    let (inputs, mut plan) = base();
    sess(&mut plan, "S08").id = "S07".into();
    let v = expect(&inputs, &plan, "plan.duplicate_ids");
    assert_eq!(v[0].session.as_deref(), Some("S07"));
}

#[test]
fn status_of_a_plan_with_sessions() {
    let (inputs, mut plan) = base();
    plan.status = "feasible".into();
    expect_clean(&inputs, &plan);
    plan.status = "infeasible".into();
    expect(&inputs, &plan, "plan.status");
    plan.status = "done".into();
    expect(&inputs, &plan, "plan.status");
}

#[test]
fn people_match_the_profiles() {
    let (inputs, mut plan) = base();
    plan.people[4].groups.push("new_counselors".into()); // T05 was hired 14 months before
    let v = expect(&inputs, &plan, "plan.people");
    assert_eq!(v[0].person.as_deref(), Some("T05"));
    let (inputs, mut plan) = base();
    plan.people.pop();
    expect(&inputs, &plan, "plan.people");
}

#[test]
fn objective_total_is_the_sum_of_terms() {
    let (inputs, mut plan) = base();
    plan.objective.terms.insert("travel".into(), -10.0);
    plan.objective.total = -5.0;
    expect(&inputs, &plan, "plan.objective");
}

// ── Malformed plans never panic ───────────────────────────────────────────────────────────────

#[test]
fn truncated_and_mutated_json_never_panics() {
    let (inputs, _) = base();
    let text = std::fs::read_to_string(fixture()).expect("fixture");
    let path = Path::new("plan.json");
    // every truncation: an error with a position, never a panic
    let mut cut = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            let e = fudao::input::plan_file::parse_plan(&text[..cut], path)
                .expect_err("truncated plan parses");
            let d = &e.0.items[0];
            assert!(d.at.is_some(), "no position for a cut at {cut}");
        }
        cut += 37;
    }
    // byte mutations that keep the JSON well-formed often: digits, letters and quotes swapped
    let bytes = text.as_bytes();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut parsed = 0;
    for _ in 0..400 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut b = bytes.to_vec();
        let at = (seed % b.len() as u64) as usize;
        let choices = b"0123456789-.,\"[]{}aSTnul ";
        b[at] = choices[((seed >> 32) % choices.len() as u64) as usize];
        let Ok(t) = String::from_utf8(b) else {
            continue;
        };
        if let Ok(plan) = fudao::input::plan_file::parse_plan(&t, path) {
            parsed += 1;
            let _ = checker::check(&inputs, &plan);
        }
    }
    assert!(
        parsed > 10,
        "too few mutations parsed ({parsed}) to exercise the checker"
    );
}

#[test]
fn structurally_odd_plans_never_panic() {
    let (inputs, plan) = base();
    let mut odd = Vec::new();
    let mut p = plan.clone();
    for s in &mut p.sessions {
        s.slots = vec!["pm".into(), "am".into(), "pm".into(), "nope".into()];
        s.date = "11/04/2026".into();
        s.attendees.extend(s.attendees.clone());
        s.cost = f64::NAN;
        s.audience = vec![];
    }
    odd.push(p);
    let mut p = plan.clone();
    p.sessions.iter_mut().for_each(|s| {
        s.kind = "studio_exchange".into();
        s.audience = vec!["studio:".into()];
        s.speaker = Some(String::new());
        s.venue = Some(String::new());
        s.fund = String::new();
    });
    p.studios
        .iter_mut()
        .for_each(|s| s.lead = Some("T01".into()));
    p.budget.funds.clear();
    p.colleges.iter_mut().for_each(|c| {
        c.mode = "guest".into();
        c.guest_of = Some(c.id.clone());
    });
    odd.push(p);
    let mut p = plan.clone();
    p.people.clear();
    p.colleges.clear();
    p.clusters = vec![fudao::wire::ClusterOut {
        id: "k1".into(),
        colleges: vec!["k1".into(), "k1".into(), "zz".into()],
        full_time_counselors: u32::MAX,
        campuses: vec![],
        terms: Default::default(),
        reason: String::new(),
    }];
    odd.push(p);
    for p in &odd {
        let v = checker::check(&inputs, p);
        assert!(!v.is_empty());
    }
}

// ── The command line ──────────────────────────────────────────────────────────────────────────

use support::fudao;

/// rules/jzmu.toml with the weekly cap raised to 4, in a temp dir.
fn rules_cap4(dir: &Path) -> String {
    let text = std::fs::read_to_string(support::root().join("rules/jzmu.toml")).expect("rules");
    let text = text.replace(
        "max_sessions_per_person_per_week = 3",
        "max_sessions_per_person_per_week = 4",
    );
    let path = dir.join("jzmu4.toml");
    std::fs::write(&path, text).expect("write rules");
    path.display().to_string()
}

#[test]
fn cli_clean_plan_exits_0() {
    let dir = tempfile::tempdir().expect("tmp");
    let rules = rules_cap4(dir.path());
    let fx = fixture().display().to_string();
    let (code, out, err) = fudao(&[
        "check",
        "tests/fixtures/tiny-checker.toml",
        "--rules",
        &rules,
        "--plan",
        &fx,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "plan verified: 14 sessions, 19 people, 3 funds — no violations / 计划校验通过\n"
    );
}

#[test]
fn cli_violations_exit_3_grouped_by_rule() {
    let fx = fixture().display().to_string();
    let (code, out, _) = fudao(&["check", "tests/fixtures/tiny-checker.toml", "--plan", &fx]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.starts_with(
            "plan rejected: 14 sessions, 19 people, 3 funds — 4 violation(s) of 1 rule(s)"
        ),
        "{out}"
    );
    assert!(
        out.contains("\ncalendar.max_sessions_per_person_per_week (4)\n"),
        "{out}"
    );
}

#[test]
fn cli_malformed_plan_exits_2_with_position() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.json");
    std::fs::write(
        &path,
        "{\n  \"status\": \"optimal\",\n  \"objective\": 5\n}\n",
    )
    .expect("write");
    let p = path.display().to_string();
    let (code, out, err) = fudao(&["check", "tests/fixtures/tiny-checker.toml", "--plan", &p]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("plan.json:3:"), "{err}");
    assert!(err.contains("invalid type"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let (code, _, err) = fudao(&[
        "check",
        "tests/fixtures/tiny-checker.toml",
        "--plan",
        "no/such/plan.json",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/plan.json"), "{err}");
}

#[test]
fn cli_without_plan_is_unchanged() {
    let (code, out, _) = fudao(&["check", "tests/fixtures/tiny-checker.toml"]);
    assert_eq!(code, 0);
    assert!(!out.contains("plan verified"), "{out}");
}

#[test]
fn every_session_mutation_is_caught() {
    let (inputs, plan) = base();
    for i in 0..plan.sessions.len() {
        let id = plan.sessions[i].id.clone();
        let kind = plan.sessions[i].kind.clone();
        let has = |p: &PlanFile, rule: &str| {
            checker::check(&inputs, p)
                .iter()
                .any(|v| v.rule == rule && v.session.as_deref() == Some(id.as_str()))
        };
        let mut p = plan.clone();
        p.sessions[i].cost += 1.0;
        assert!(has(&p, "plan.cost"), "{id}: cost");
        let mut p = plan.clone();
        p.sessions[i].attendees.remove(0);
        let chosen = inputs
            .rules
            .session_kinds
            .iter()
            .any(|k| k.id == kind && k.audience_mode == fudao::domain::AudienceMode::ChooseOne);
        // a choose_one session's attendees are chosen per session: fewer is fine, an outsider
        // is not
        assert_eq!(
            has(&p, &format!("session_kinds.{kind}.audience")),
            !chosen,
            "{id}: attendee dropped"
        );
        if chosen {
            let outsider = inputs
                .scenario
                .people
                .iter()
                .find(|x| !plan.sessions[i].attendees.contains(&x.id))
                .map(|x| x.id.clone())
                .expect("someone outside the session");
            let mut p = plan.clone();
            p.sessions[i].attendees.push(outsider);
            assert!(
                has(&p, &format!("session_kinds.{kind}.audience")),
                "{id}: outsider added"
            );
        }
        let mut p = plan.clone();
        p.sessions[i].date = "2026-11-14".into();
        assert!(has(&p, "calendar.allow_weekends"), "{id}: Saturday");
        let mut p = plan.clone();
        p.sessions[i].fund = if p.sessions[i].fund == "school" {
            "k1".into()
        } else {
            "school".into()
        };
        assert!(has(&p, "budget.session_fund"), "{id}: fund");
    }
}
