//! Wire form of the plan file (`plan.json`): the keys other tools read (listed in docs/plan-semantics.md, “The plan file”).
//! Serialized by the reports, read back by the checker; never holds solver state.

use serde::{Deserialize, Serialize};

/// A person in `plan.json` (`people`): groups and the reason for each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonOut {
    /// Person id.
    pub id: String,
    /// Name as in the roster.
    pub name: String,
    /// College id, `null` for school-level offices.
    pub college: Option<String>,
    /// Role id.
    pub role: String,
    /// Group ids.
    pub groups: Vec<String>,
    /// One reason per group (Chinese, then English), or why the person fits no group.
    pub reasons: Vec<String>,
}

/// Round money to fen (two decimals) for output.
pub fn money(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    // no "-0.00" (an empty f64 sum is -0.0)
    if r == 0.0 { 0.0 } else { r }
}

/// `objective`: the total and its named terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ObjectiveOut {
    /// Total (the sum of the terms).
    pub total: f64,
    /// Named terms, e.g. `travel`, `coverage`, `cost`.
    pub terms: std::collections::BTreeMap<String, f64>,
}

/// A college in `plan.json` (`colleges`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegeOut {
    /// College id.
    pub id: String,
    /// Name as in the scenario.
    pub name: String,
    /// Campus id.
    pub campus: String,
    /// Full-time counselors (counted by `two_level.independent_min`).
    pub full_time_counselors: u32,
    /// `independent` | `joint` | `guest`.
    pub mode: String,
    /// Cluster id for joint colleges.
    pub cluster: Option<String>,
    /// For a guest: the independent college whose training it joins.
    #[serde(default)]
    pub guest_of: Option<String>,
    /// Why, in words (Chinese / English).
    pub reason: String,
}

/// A joint-training cluster in `plan.json` (`clusters`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterOut {
    /// Cluster id (`J1`, `J2`, …).
    pub id: String,
    /// Member college ids.
    pub colleges: Vec<String>,
    /// Sum of the members' full-time counselors.
    pub full_time_counselors: u32,
    /// Campus ids of the members.
    #[serde(default)]
    pub campuses: Vec<String>,
    /// This cluster's objective terms.
    #[serde(default)]
    pub terms: std::collections::BTreeMap<String, f64>,
    /// Why these colleges train together.
    #[serde(default)]
    pub reason: String,
}

/// A studio in `plan.json` (`studios`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioOut {
    /// Duty id.
    pub duty: String,
    /// Lead person id, `null` when unstaffed.
    pub lead: Option<String>,
    /// Backbone person ids.
    pub backbone: Vec<String>,
    /// Other member person ids.
    pub members: Vec<String>,
    /// The lead was chosen with the title condition waived.
    #[serde(default)]
    pub title_waived: bool,
    /// Why this lead (or why no one could lead).
    #[serde(default)]
    pub reason: String,
}

/// A session in `plan.json` (`sessions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionOut {
    /// Session id (`S001`, …).
    pub id: String,
    /// Session kind id.
    pub kind: String,
    /// Platform (`centralized`, `studio`, `meeting`, `college`, `camp`).
    pub platform: String,
    /// `school` | `college`.
    pub level: String,
    /// ISO date.
    pub date: String,
    /// First slot id (a two-slot session also takes the next slot).
    pub slot: String,
    /// Slots occupied, in order.
    #[serde(default)]
    pub slots: Vec<String>,
    /// Duty id (`null` when the session covers all duties).
    pub duty: Option<String>,
    /// Audience: group ids, a studio (`studio:DUTY`) or a training unit (`unit:ID`).
    pub audience: Vec<String>,
    /// Person ids attending.
    pub attendees: Vec<String>,
    /// Venue id (`null` for online courses and visits).
    pub venue: Option<String>,
    /// Speaker, visit or online-course id.
    pub speaker: Option<String>,
    /// Hours counted.
    #[serde(default)]
    pub hours: f64,
    /// Cost in yuan.
    pub cost: f64,
    /// Fund id that pays.
    pub fund: String,
    /// Segments (环节).
    #[serde(default)]
    pub segments: Vec<String>,
    /// Why these people, on this duty (`zh / en`): for a unit's own training, the college's own
    /// theme, the need of its discipline or stage, or neither; for a cohort, how its group was
    /// split and which colleges this part holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For a group that attends a kind's sessions in parts (`session_kinds.<kind>.max_attendees`,
    /// a visit's or venue's size): which part attends this one. `attendees` stay the truth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<CohortOut>,
    /// How many times a re-plan changed it (the calendar event's `SEQUENCE`; 0 when never).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sequence: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `sessions[].cohort`: part `no` of `of` of the session's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortOut {
    /// 1-based part number.
    pub no: u32,
    /// Number of parts.
    pub of: u32,
}

/// A fund in `plan.json` (`budget.funds`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundOut {
    /// Fund id (`school`, a college id or a cluster id).
    pub id: String,
    /// `school` | `college`.
    pub level: String,
    /// Allocated yuan.
    pub allocated: f64,
    /// Spent yuan.
    pub spent: f64,
    /// Execution rate (专项经费执行率): spent / allocated, to four decimals.
    #[serde(default)]
    pub execution: Option<f64>,
}

/// `budget`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BudgetOut {
    /// Every fund.
    pub funds: Vec<FundOut>,
}

/// One cell of the coverage matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageOut {
    /// Group id.
    pub group: String,
    /// Duty id.
    pub duty: String,
    /// Hours per member of the group on this duty.
    pub hours: f64,
}

/// A soft rule bent (or, from the checker, a hard rule broken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationOut {
    /// Rule id.
    pub rule: String,
    /// What happened.
    pub message: String,
}

/// The whole `plan.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFile {
    /// `optimal` | `feasible` | `infeasible`.
    pub status: String,
    /// For a `feasible` plan: how far the placement terms may be from their bounds (objective units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Objective and its terms.
    pub objective: ObjectiveOut,
    /// Five-group profiles.
    pub people: Vec<PersonOut>,
    /// Colleges and their two-level mode.
    pub colleges: Vec<CollegeOut>,
    /// Joint clusters.
    pub clusters: Vec<ClusterOut>,
    /// Studios.
    pub studios: Vec<StudioOut>,
    /// Sessions.
    pub sessions: Vec<SessionOut>,
    /// Funds.
    pub budget: BudgetOut,
    /// Coverage matrix.
    pub coverage: Vec<CoverageOut>,
    /// Soft rules bent.
    pub violations: Vec<ViolationOut>,
    /// The rules that keep sessions worth adding out of the plan, most valuable first (what to
    /// relax for more): empty when nothing worth adding is kept out by a single rule.
    #[serde(default)]
    pub limits: Vec<LimitOut>,
    /// A re-plan: the published plan it continues and what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseOut>,
    /// What the programme's record brought into this plan (absent without a record or `[records]` rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordsOut>,
}

/// `records`: the record the plan read and what it took from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RecordsOut {
    /// The record file, as named (`null` when there is none yet).
    pub file: Option<String>,
    /// Fingerprint of its content.
    pub digest: Option<String>,
    /// Earlier semesters read (ids), oldest first.
    pub semesters: Vec<String>,
    /// The reasons carry camp scores (personal data); `false` after `--no-scores`.
    pub scores: bool,
    /// Needs from the camp: a person weak on a duty, or a duty weak across their group.
    pub needs: Vec<NeedOut>,
    /// Yearly targets counted with what earlier semesters of the academic year delivered.
    pub targets: Vec<TargetOut>,
    /// Due for national or provincial training (`records.external`), most overdue first.
    pub external_due: Vec<DueOut>,
}

/// `records.needs[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedOut {
    /// Person id.
    pub person: String,
    /// Duty id.
    pub duty: String,
    /// How many times more an hour on the duty counts for the person.
    pub weight: f64,
    /// The group whose result raised it (`null`: the person's own result).
    pub group: Option<String>,
    /// Why (Chinese / English).
    pub reason: String,
}

/// `records.targets[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetOut {
    /// Person id.
    pub person: String,
    /// Hour target id.
    pub target: String,
    /// Hours done earlier this academic year at the target's levels.
    pub done: f64,
    /// Of them, known only from a plan (no sign-in sheet).
    pub planned_only: f64,
    /// Hours this semester must give.
    pub hours: f64,
}

/// `records.external_due[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueOut {
    /// Person id.
    pub person: String,
    /// Why (Chinese / English).
    pub reason: String,
}

/// `base`: the published plan a re-plan continues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseOut {
    /// The published plan file, as given.
    pub plan: String,
    /// Its fingerprint (FNV-1a of the file's bytes, hex).
    pub digest: String,
    /// The re-plan's day: sessions before it are facts, kept as they were.
    pub today: String,
    /// Sessions the office pinned (kept exactly).
    #[serde(default)]
    pub pinned: Vec<String>,
    /// Sessions the office cancelled.
    #[serde(default)]
    pub cancelled: Vec<String>,
    /// The highest session number ever given in this plan's line (ids are never reused).
    pub last_id: u32,
    /// Every change, in the published date order.
    pub changes: Vec<ChangeOut>,
    /// How many of each kind: `moved`, `venue_changed`, `speaker_changed`, `dropped`, `added`,
    /// and `people` (persons whose calendar changes).
    pub counts: std::collections::BTreeMap<String, u32>,
    /// The change penalty (`replan.*` weights times the counts).
    pub penalty: f64,
}

/// One change of a re-plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeOut {
    /// Session id.
    pub session: String,
    /// What changed: any of `moved`, `venue_changed`, `speaker_changed`, or alone `dropped`,
    /// `added`, `attendees` (only who attends).
    pub what: Vec<String>,
    /// Before (absent for an added session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<SlotOut>,
    /// After (absent for a dropped session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<SlotOut>,
    /// People who join it and who no longer attend it.
    #[serde(default)]
    pub joined: Vec<String>,
    /// People who no longer attend it.
    #[serde(default)]
    pub left: Vec<String>,
    /// Why (`中文 / English`).
    pub why: String,
    /// The change as a notice the office can send (Chinese).
    pub zh: String,
    /// The same in English.
    pub en: String,
}

/// When and where a session is (a change's before and after).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotOut {
    /// ISO date.
    pub date: String,
    /// First slot id.
    pub slot: String,
    /// Venue id.
    pub venue: Option<String>,
    /// Speaker, visit or course id.
    pub speaker: Option<String>,
}

/// A rule that binds the plan (`limits`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitOut {
    /// Rule id.
    pub rule: String,
    /// Its tightest row, in words (bilingual).
    pub what: String,
    /// Sessions worth adding that this rule alone keeps out.
    pub blocked: u32,
    /// The most valuable of them, in words.
    pub best: String,
    /// What it would add to the objective.
    pub value: f64,
    /// How far the rule would have to give for it: yuan for `budget.funds`, hours for
    /// `groups.max_hours_per_semester`, sessions for a count.
    pub needs: f64,
}

impl LimitOut {
    /// The unit `needs` is in: (Chinese, English).
    pub fn unit(&self) -> (&'static str, &'static str) {
        match self.rule.as_str() {
            "budget.funds" => ("元", "yuan"),
            "groups.max_hours_per_semester" => ("学时", "h"),
            _ => ("场", "sessions"),
        }
    }
}
