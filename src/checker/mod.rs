//! The independent plan checker (`fudao check SCENARIO --plan PLAN.json`).
//!
//! It re-verifies a finished plan from the plan file and the validated inputs alone, without
//! trusting the planner: it uses only inputs-only library logic ([`crate::domain::profile::classify`],
//! [`crate::domain::eligibility`], [`crate::domain::calendar`], [`crate::domain::budget::split`]) and recomputes
//! everything else — attendees, costs, fund sums, hours, coverage, weekly loads, the validity of
//! clusters and studios — from the inputs and the decisions the plan lists. The contract is
//! `docs/plan-semantics.md`; every broken rule comes back as a [`Violation`] named by its rule id.
//!
//! One file per family of rules, and in it one function per rule id, named after the rule id in
//! snake case (without the file's own prefix: `calendar.no_double_booking` is
//! `calendar::no_double_booking`, `venues.no_double_booking` is `calendar::venues_no_double_booking`,
//! the family `session_kinds.<kind>.per_month` is `calendar::session_kinds_per_month`), with a doc
//! comment naming the full rule id. The rules that span every key of the plan file,
//! `plan.references` and `plan.duplicate_ids`, have one function per file (`plan_references`,
//! `plan_duplicate_ids`) for the keys that file reads:
//! - `refs`: plan-file consistency (`plan.status`, with the honesty of an `optimal` status and of
//!   the `gap`, `plan.objective`, `plan.people`, `plan.records` (what the plan took from the
//!   record), and the references and duplicates of `people`);
//! - `two_level`: colleges, clusters and guests (`two_level.*`, `plan.colleges`, `plan.clusters`);
//! - `studios`: leads, backbone and teams (`studios.*`, `plan.studios`);
//! - `sessions`: each session on its own (calendar day, slots, duty, audience, attendees, speaker
//!   and its least standing `session_kinds.<kind>.min_speaker_level`, venue, cost with the
//!   attendees' travel fares, fund, camp window);
//! - `calendar`: sessions together (double booking, weekly load, sessions per speaker
//!   `calendar.max_sessions_per_speaker`, per-month, with-kind and count rules of the session
//!   kinds, `session_kinds.<kind>.per_unit_duty_max`, the rhythm `min_days_apart` and
//!   `max_days_apart`);
//! - `college_training`: a unit's own training on dates its colleges can use
//!   (`colleges.unavailable`) and on a duty no more often than allowed
//!   (`college_training.max_sessions_per_duty`);
//! - `variety`: nobody given the same thing twice (`variety.speaker_duty`, `variety.course`,
//!   `variety.visit`);
//! - `availability`: nobody attends before their hire date, after leaving, or on a day they
//!   cannot (`people.availability`);
//! - `loads`: each person's semester hours within their cap (`groups.max_hours_per_semester`);
//! - `budget`: funds (`budget.funds`, `budget.allocations`);
//! - `targets`: hour targets, duty coverage and the plan's coverage matrix;
//! - `terms`: the objective's value terms recomputed from the sessions (`plan.terms`).
//!
//! What the rules share is derived once, before any rule runs, and kept in `Ctx`: the inputs'
//! indices and inputs-only facts, then the plan's training units, staffed studios and sessions as
//! the checker understands them. Every rule adds what it finds to `Out`, which sorts the
//! violations (by rule id, then message) and drops repeats at the end, so the order in which the
//! rules run does not show.
//!
//! Soft rules: `hour_targets.*` and `coverage.*` may be bent by a plan that says so in its
//! `violations` list (same rule id). [`verify`] separates such declared bends from the hard
//! violations; every other rule is hard and a declaration does not excuse it.

mod availability;
mod budget;
mod calendar;
mod college_training;
mod loads;
mod refs;
pub mod replan;
mod sessions;
mod studios;
mod targets;
mod terms;
mod two_level;
mod variety;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::budget::Split;
use crate::domain::calendar::Calendar;
use crate::domain::profile::Profiles;
use crate::domain::{Inputs, PersonIdx};
use crate::wire::PlanFile;

use sessions::Sess;
use studios::Teams;
use two_level::Units;

/// A rule the plan breaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Violation {
    /// Rule id, e.g. `calendar.no_double_booking` or `session_kinds.monthly_meeting.per_month`.
    pub rule: String,
    /// What is wrong: Chinese, then English.
    pub message: String,
    /// The session concerned, if one.
    pub session: Option<String>,
    /// The person concerned, if one.
    pub person: Option<String>,
}

/// The checker's verdict on a plan: hard violations, and soft-rule bends the plan declared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Violations that make the plan wrong.
    pub broken: Vec<Violation>,
    /// Violations of soft rules (`hour_targets.*`, `coverage.*`) that the plan lists in its own
    /// `violations` key: bent openly, reported but not failing.
    pub declared: Vec<Violation>,
}

impl Outcome {
    /// No hard rule is broken.
    pub fn is_ok(&self) -> bool {
        self.broken.is_empty()
    }
}

/// Whether a rule id names a soft rule that a plan may bend when it declares it.
pub fn is_soft(rule: &str) -> bool {
    rule.starts_with("hour_targets.") || rule.starts_with("coverage.")
}

/// Check a plan against the inputs: every violation, sorted by rule id, then message.
pub fn check(inputs: &Inputs, plan: &PlanFile) -> Vec<Violation> {
    let cx = Ctx::new(inputs, plan);
    let mut out = Out::default();
    refs::check(&cx, &mut out);
    two_level::check(&cx, &mut out);
    studios::check(&cx, &mut out);
    sessions::check(&cx, &mut out);
    calendar::check(&cx, &mut out);
    college_training::check(&cx, &mut out);
    variety::check(&cx, &mut out);
    availability::check(&cx, &mut out);
    loads::check(&cx, &mut out);
    budget::check(&cx, &mut out);
    targets::check(&cx, &mut out);
    terms::check(&cx, &mut out);
    out.finish()
}

/// Check a plan and separate hard violations from the soft-rule bends the plan declares.
pub fn verify(inputs: &Inputs, plan: &PlanFile) -> Outcome {
    let declared_rules: BTreeSet<&str> = plan.violations.iter().map(|v| v.rule.as_str()).collect();
    let (declared, broken) = check(inputs, plan)
        .into_iter()
        .partition(|v| is_soft(&v.rule) && declared_rules.contains(v.rule.as_str()));
    Outcome { broken, declared }
}

/// Render an outcome for people: a one-line verdict, then every violation grouped by rule id with a
/// count per rule, then the soft-rule bends the plan declared.
pub fn render(plan: &PlanFile, outcome: &Outcome) -> String {
    let mut out = String::new();
    let counts = format!(
        "{} sessions, {} people, {} funds",
        plan.sessions.len(),
        plan.people.len(),
        plan.budget.funds.len()
    );
    if outcome.broken.is_empty() && outcome.declared.is_empty() {
        let _ = writeln!(
            out,
            "plan verified: {counts} — no violations / 计划校验通过"
        );
        return out;
    }
    if outcome.broken.is_empty() {
        let _ = writeln!(
            out,
            "plan verified: {counts} — no violations of hard rules; {} declared soft-rule bend(s) \
             / 计划校验通过（另有 {} 处计划已声明的软约束偏离）",
            outcome.declared.len(),
            outcome.declared.len()
        );
    } else {
        let rules: BTreeSet<&str> = outcome.broken.iter().map(|v| v.rule.as_str()).collect();
        let _ = writeln!(
            out,
            "plan rejected: {counts} — {} violation(s) of {} rule(s) / 计划校验未通过：{} 条规则共 {} 处违反",
            outcome.broken.len(),
            rules.len(),
            rules.len(),
            outcome.broken.len()
        );
        grouped(&mut out, &outcome.broken);
    }
    if !outcome.declared.is_empty() {
        let _ = writeln!(
            out,
            "\nsoft rules bent, as the plan declares / 计划已声明的软约束偏离:"
        );
        grouped(&mut out, &outcome.declared);
    }
    out
}

fn grouped(out: &mut String, list: &[Violation]) {
    let mut by_rule: BTreeMap<&str, Vec<&Violation>> = BTreeMap::new();
    for v in list {
        by_rule.entry(v.rule.as_str()).or_default().push(v);
    }
    for (rule, vs) in by_rule {
        let _ = writeln!(out, "\n{rule} ({})", vs.len());
        for v in vs {
            let _ = writeln!(out, "  - {}", v.message);
        }
    }
}

/// Violations collected by the rule families.
#[derive(Default)]
pub(crate) struct Out {
    list: Vec<Violation>,
}

impl Out {
    /// Record a violation; `zh` and `en` become the bilingual message.
    fn add(
        &mut self,
        rule: impl Into<String>,
        session: Option<&str>,
        person: Option<&str>,
        zh: String,
        en: String,
    ) {
        self.list.push(Violation {
            rule: rule.into(),
            message: format!("{zh} / {en}"),
            session: session.map(str::to_string),
            person: person.map(str::to_string),
        });
    }

    /// A reference to an id the inputs do not define (`plan.references`).
    fn unknown(
        &mut self,
        what_zh: &str,
        what_en: &str,
        id: &str,
        place: &str,
        session: Option<&str>,
    ) {
        self.add(
            "plan.references",
            session,
            None,
            format!("{place}：未知的{what_zh} “{id}”"),
            format!("{place}: unknown {what_en} `{id}`"),
        );
    }

    /// Every violation, sorted by rule id, then message (then session and person), each once.
    fn finish(mut self) -> Vec<Violation> {
        self.list.sort();
        self.list.dedup();
        self.list
    }
}

/// The inputs, indexed for look-ups by id, what the checker derives from inputs alone, and the
/// plan's units, studios and sessions as the checker understands them: what the rules share.
pub(crate) struct Ctx<'a> {
    inputs: &'a Inputs,
    plan: &'a PlanFile,
    profiles: Profiles,
    cal: Calendar,
    split: Split,
    ftc: Vec<u32>,
    person: BTreeMap<&'a str, PersonIdx>,
    college: BTreeMap<&'a str, usize>,
    venue: BTreeMap<&'a str, usize>,
    speaker: BTreeMap<&'a str, usize>,
    visit: BTreeMap<&'a str, usize>,
    online: BTreeMap<&'a str, usize>,
    kind: BTreeMap<&'a str, usize>,
    duty: BTreeMap<&'a str, usize>,
    group: BTreeMap<&'a str, usize>,
    slot: BTreeMap<&'a str, usize>,
    /// The training units the plan's colleges and clusters define.
    units: Units,
    /// The plan's staffed studios.
    teams: Teams,
    /// The plan's sessions, resolved against the inputs, in plan order.
    sess: Vec<Sess<'a>>,
}

fn index<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> BTreeMap<&'a str, usize> {
    items.iter().enumerate().map(|(i, x)| (id(x), i)).collect()
}

impl<'a> Ctx<'a> {
    fn new(inputs: &'a Inputs, plan: &'a PlanFile) -> Self {
        let sc = &inputs.scenario;
        let r = &inputs.rules;
        let mut cx = Self {
            inputs,
            plan,
            profiles: crate::domain::profile::classify(inputs),
            cal: Calendar::new(&sc.semester, &r.calendar),
            split: crate::domain::budget::split(inputs),
            ftc: inputs.full_time_counselors(),
            person: index(&sc.people, |p| p.id.as_str()),
            college: index(&sc.colleges, |c| c.id.as_str()),
            venue: index(&sc.venues, |v| v.id.as_str()),
            speaker: index(&sc.speakers, |s| s.id.as_str()),
            visit: index(&sc.visits, |v| v.id.as_str()),
            online: index(&sc.online_courses, |o| o.id.as_str()),
            kind: index(&r.session_kinds, |k| k.id.as_str()),
            duty: index(&r.duties, |d| d.id.as_str()),
            group: index(&r.groups, |g| g.id.as_str()),
            slot: index(&r.calendar.slots, |s| s.id.as_str()),
            units: Units::default(),
            teams: Teams::new(),
            sess: Vec::new(),
        };
        // The plan's decisions, in dependency order: a session's audience names a unit or studio.
        cx.units = two_level::units(&cx);
        cx.teams = studios::teams(&cx);
        cx.sess = sessions::sessions(&cx);
        cx
    }

    /// `T01 王建华`.
    fn pname(&self, p: PersonIdx) -> String {
        let x = &self.inputs.scenario.people[p];
        format!("{} {}", x.id, x.name)
    }

    /// A list of people, at most ten named.
    fn pnames(&self, ps: &[PersonIdx]) -> String {
        let mut v: Vec<String> = ps.iter().take(10).map(|&p| self.pname(p)).collect();
        if ps.len() > 10 {
            v.push(format!("… (+{})", ps.len() - 10));
        }
        v.join(", ")
    }

    /// Slot id and Chinese name, e.g. `am 上午`.
    fn slot_name(&self, s: usize) -> String {
        self.inputs
            .rules
            .calendar
            .slots
            .get(s)
            .map_or_else(|| format!("#{s}"), |x| format!("{} {}", x.id, x.zh))
    }
}

/// Parse an ISO date (`2026-10-12`).
fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Money equality to the fen, with room for floating-point noise.
fn money_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01 + 1e-6
}
