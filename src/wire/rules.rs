//! Wire form of a rules file (`rules/*.toml`). Field docs name the rule ids.

use serde::Deserialize;

use super::{SInt, SNum, SStr};

/// `[meta]`: which policy this is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesMeta {
    /// Short id of the policy.
    pub id: SStr,
    /// Full name.
    pub name: String,
    /// Version of the policy file.
    #[serde(default)]
    pub version: Option<i64>,
}

/// `[[duties]]`: one of the nine duties.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyIn {
    /// Stable id.
    pub id: SStr,
    /// Number in the MoE list (1..=9).
    pub no: SInt,
    /// Chinese name.
    pub zh: SStr,
    /// English name.
    pub en: String,
    /// Priority duties count `plan.priority_weight` times more.
    #[serde(default)]
    pub priority: bool,
}

/// `[[roles]]`: a role a person can hold in the roster.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    /// Stable id.
    pub id: SStr,
    /// Chinese name (accepted in rosters too).
    pub zh: SStr,
    /// English name.
    pub en: String,
    /// Counted by the two-level threshold.
    #[serde(default)]
    pub full_time_counselor: bool,
    /// Is a counselor (years of counselor service make sense).
    #[serde(default)]
    pub is_counselor: bool,
}

/// `[[groups]]`: one of the five target groups and its membership conditions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupIn {
    /// Stable id.
    pub id: SStr,
    /// Chinese name.
    pub zh: SStr,
    /// English name.
    pub en: String,
    /// Any of these roles.
    pub roles: Vec<SStr>,
    /// At least this many full years as a counselor.
    #[serde(default)]
    pub min_years_as_counselor: Option<SInt>,
    /// At most this many full years as a counselor.
    #[serde(default)]
    pub max_years_as_counselor: Option<SInt>,
    /// Hired at most this many months before the semester.
    #[serde(default)]
    pub max_months_since_hire: Option<SInt>,
    /// `max_hours_per_semester`: the load cap of the group's members.
    #[serde(default)]
    pub max_hours_per_semester: Option<SNum>,
}

/// `[[title_levels]]`: one rung of the title ladder with the titles of every series.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleLevelIn {
    /// Stable id.
    pub id: SStr,
    /// Chinese name of the level (初级, 中级, 副高级, 正高级).
    pub zh: SStr,
    /// Rank, higher is more senior.
    pub rank: SInt,
    /// Titles at this level.
    pub titles: Vec<SStr>,
}

/// `[[session_kinds]]`: a kind of training session.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionKindIn {
    /// Stable id.
    pub id: SStr,
    /// Chinese name.
    pub zh: SStr,
    /// English name.
    pub en: String,
    /// centralized | studio | meeting | college | camp.
    pub platform: SStr,
    /// school | college.
    pub level: SStr,
    /// Segments (环节) of the session.
    #[serde(default)]
    pub segments: Vec<String>,
    /// Groups that may attend.
    #[serde(default)]
    pub audience: Vec<SStr>,
    /// all | choose_one | studio | unit.
    pub audience_mode: SStr,
    /// choose | studio | speaker | all.
    pub duty_mode: SStr,
    /// none | role_model | expert | visit | online.
    pub speaker: SStr,
    /// Half-day slots occupied.
    pub slots: SInt,
    /// Hours counted toward targets.
    pub hours: SNum,
    /// Cost per session held.
    #[serde(default)]
    pub fixed_cost: Option<SNum>,
    /// Cost per attendee.
    #[serde(default)]
    pub per_attendee_cost: Option<SNum>,
    /// Held the same day as this kind, in the following slot.
    #[serde(default)]
    pub with_kind: Option<SStr>,
    /// Sessions per calendar month.
    #[serde(default)]
    pub per_month: Option<SInt>,
    /// At most this many sessions per training unit on one duty.
    #[serde(default)]
    pub per_unit_duty_max: Option<SInt>,
    /// Two sessions of the kind in a row are at least this many days apart.
    #[serde(default)]
    pub min_days_apart: Option<SInt>,
    /// … and at most this many.
    #[serde(default)]
    pub max_days_apart: Option<SInt>,
    /// internal | provincial | national: the least standing of an invited speaker.
    #[serde(default)]
    pub min_speaker_level: Option<SStr>,
    /// A month needs at least this many usable days to require `per_month` sessions.
    #[serde(default)]
    pub per_month_min_days: Option<SInt>,
    /// Sessions per semester (exactly).
    #[serde(default)]
    pub per_semester: Option<SInt>,
    /// At most this many per semester.
    #[serde(default)]
    pub max_per_semester: Option<SInt>,
    /// At most this many attendees per session (a `choose_one` kind's groups are split into
    /// cohorts of at most this size).
    #[serde(default)]
    pub max_attendees: Option<SInt>,
    /// Per training unit (independent college or cluster): at least.
    #[serde(default)]
    pub per_unit_min: Option<SInt>,
    /// Per training unit: at most.
    #[serde(default)]
    pub per_unit_max: Option<SInt>,
    /// The plan must hold it.
    #[serde(default)]
    pub required: bool,
}

/// `[two_level.weights]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoLevelWeightsIn {
    /// `two_level.weights.travel_per_minute`.
    pub travel_per_minute: SNum,
    /// `two_level.weights.discipline_mismatch`.
    pub discipline_mismatch: SNum,
    /// `two_level.weights.stage_mismatch`.
    pub stage_mismatch: SNum,
    /// `two_level.weights.per_cluster`.
    pub per_cluster: SNum,
}

/// `[two_level]`: school/college levels and joint clusters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoLevelIn {
    /// `two_level.independent_min`.
    pub independent_min: SInt,
    /// `two_level.max_cluster_colleges`.
    pub max_cluster_colleges: SInt,
    /// `two_level.max_travel_minutes`.
    pub max_travel_minutes: SNum,
    /// `two_level.unreachable`: guest | infeasible.
    pub unreachable: SStr,
    /// `two_level.weights`.
    pub weights: TwoLevelWeightsIn,
}

/// `[studios.lead]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadRuleIn {
    /// `studios.lead.min_years_as_counselor`.
    pub min_years_as_counselor: SInt,
    /// `studios.lead.min_title_level`.
    pub min_title_level: SStr,
    /// `studios.lead.title_waivable`.
    pub title_waivable: bool,
    /// `studios.lead.title_waiver_cost`.
    #[serde(default)]
    pub title_waiver_cost: Option<SNum>,
    /// `studios.lead.honor_required`.
    pub honor_required: bool,
    /// `studios.lead.roles`.
    pub roles: Vec<SStr>,
}

/// `[studios.backbone]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackboneRuleIn {
    /// `studios.backbone.min_years_as_counselor`.
    pub min_years_as_counselor: SInt,
    /// `studios.backbone.roles`.
    pub roles: Vec<SStr>,
}

/// `[studios.weights]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudioWeightsIn {
    /// `studios.weights.specialty_match`.
    pub specialty_match: SNum,
    /// `studios.weights.new_by_specialty`.
    pub new_by_specialty: SNum,
    /// `studios.weights.backbone`.
    pub backbone: SNum,
    /// `studios.weights.lead_seniority`.
    pub lead_seniority: SNum,
    /// `studios.weights.college_spread`.
    pub college_spread: SNum,
    /// `studios.weights.member`.
    pub member: SNum,
}

/// `[studios]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudiosIn {
    /// `studios.duties`.
    pub duties: Vec<SStr>,
    /// `studios.member_roles`.
    pub member_roles: Vec<SStr>,
    /// `studios.min_size`.
    pub min_size: SInt,
    /// `studios.max_size`.
    pub max_size: SInt,
    /// `studios.max_per_college`.
    pub max_per_college: SInt,
    /// `studios.max_studios_per_person`.
    pub max_studios_per_person: SInt,
    /// `studios.min_backbone`.
    pub min_backbone: SInt,
    /// `studios.new_counselor_group`.
    pub new_counselor_group: SStr,
    /// `studios.lead`.
    pub lead: LeadRuleIn,
    /// `studios.backbone`.
    pub backbone: BackboneRuleIn,
    /// `studios.weights`.
    pub weights: StudioWeightsIn,
}

/// `[budget]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRulesIn {
    /// `budget.school_share`.
    pub school_share: SNum,
    /// `budget.college_split`: per_counselor | equal.
    pub college_split: SStr,
    /// `budget.college_floor`.
    pub college_floor: SNum,
    /// `budget.cluster_pooling`.
    pub cluster_pooling: bool,
    /// `budget.execution_target`.
    #[serde(default)]
    pub execution_target: Option<SNum>,
}

/// One half-day slot in `calendar.slots`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotIn {
    /// Stable id.
    pub id: SStr,
    /// Chinese name.
    pub zh: String,
    /// Start time, `HH:MM`.
    pub start: SStr,
    /// End time, `HH:MM`.
    pub end: SStr,
}

/// `[calendar]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarRulesIn {
    /// `calendar.allow_weekends`.
    pub allow_weekends: bool,
    /// `calendar.allow_holidays`.
    pub allow_holidays: bool,
    /// `calendar.allow_exam_weeks`.
    pub allow_exam_weeks: bool,
    /// `calendar.slots`.
    pub slots: Vec<SlotIn>,
    /// `calendar.max_sessions_per_person_per_week`.
    pub max_sessions_per_person_per_week: SInt,
    /// `calendar.camp_window_weeks`.
    pub camp_window_weeks: SInt,
    /// `calendar.max_sessions_per_speaker`.
    #[serde(default)]
    pub max_sessions_per_speaker: Option<SInt>,
}

/// `[[hour_targets]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HourTargetIn {
    /// Stable id.
    pub id: SStr,
    /// Group the target applies to.
    pub group: SStr,
    /// Hours.
    pub hours: SNum,
    /// Levels that count (school, college).
    pub levels: Vec<SStr>,
    /// semester | year.
    pub per: SStr,
}

/// `duties = "all"` or a list of duty ids.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DutySetIn {
    /// Every duty (`"all"`).
    Word(String),
    /// A list of duty ids.
    List(Vec<String>),
}

/// `[[coverage]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageIn {
    /// Stable id.
    pub id: SStr,
    /// Group.
    pub group: SStr,
    /// Duties the group must cover.
    pub duties: toml::Spanned<DutySetIn>,
}

/// `[college_training]`: what tailors a unit's own training.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollegeTrainingIn {
    /// `college_training.max_sessions_per_duty`.
    #[serde(default)]
    pub max_sessions_per_duty: Option<SInt>,
    /// `college_training.theme_weight`.
    pub theme_weight: SNum,
    /// `[[college_training.needs]]`.
    #[serde(default)]
    pub needs: Vec<CollegeNeedIn>,
}

/// `[[college_training.needs]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollegeNeedIn {
    /// Colleges of this discipline.
    #[serde(default)]
    pub discipline: Option<SStr>,
    /// Colleges of this student stage.
    #[serde(default)]
    pub stage: Option<SStr>,
    /// Duty ids.
    pub duties: Vec<SStr>,
    /// Weight of a member's hour on one of the duties.
    pub weight: SNum,
    /// Why, in words.
    #[serde(default)]
    pub why: Option<String>,
}

/// `[plan]`: objective weights of the semester plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanWeightsIn {
    /// `plan.hour_value`.
    pub hour_value: SNum,
    /// `plan.max_valued_hours_per_duty`.
    pub max_valued_hours_per_duty: SNum,
    /// `plan.duty_value`.
    pub duty_value: SNum,
    /// `plan.speaker_value`.
    #[serde(default)]
    pub speaker_value: Option<SpeakerValueIn>,
    /// `plan.priority_weight`.
    pub priority_weight: SNum,
    /// `plan.cost_weight`.
    pub cost_weight: SNum,
    /// `plan.travel_weight`.
    pub travel_weight: SNum,
    /// `plan.bunching_penalty`.
    pub bunching_penalty: SNum,
    /// `plan.semesters_per_year`.
    pub semesters_per_year: SInt,
}

/// `plan.speaker_value`: value per session by the speaker's standing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerValueIn {
    /// `plan.speaker_value.internal`.
    pub internal: SNum,
    /// `plan.speaker_value.provincial`.
    pub provincial: SNum,
    /// `plan.speaker_value.national`.
    pub national: SNum,
}

/// `[replan]`: the weights of the change penalty of a re-plan (`fudao replan`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplanIn {
    /// `replan.moved`: per kept session at another date or slot.
    pub moved: SNum,
    /// `replan.venue_changed`: per kept session in another venue.
    pub venue_changed: SNum,
    /// `replan.speaker_changed`: per kept session with another speaker, visit or course.
    pub speaker_changed: SNum,
    /// `replan.dropped`: per published session no longer held.
    pub dropped: SNum,
    /// `replan.added`: per session not in the published plan.
    pub added: SNum,
    /// `replan.person`: per person whose calendar changes.
    pub person: SNum,
}

/// `[records]`: how the record of past semesters (`fudao record`) feeds the next plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordsIn {
    /// `records.year_starts_month`: the month the academic year (学年) begins.
    pub year_starts_month: SInt,
    /// `records.full_marks`: full marks of a camp item when the sheet gives none.
    pub full_marks: SNum,
    /// `records.levels`: score bands (percent of full marks), lowest first.
    pub levels: Vec<ScoreLevelIn>,
    /// `records.segments`: camp segments that test given duties unless a row names its duty.
    #[serde(default)]
    pub segments: Vec<SegmentDutiesIn>,
    /// `records.group_weak_share`: share of a group's tested members weak on a duty that makes
    /// the duty weak across the group.
    pub group_weak_share: SNum,
    /// `records.group_min_tested`: a group needs this many tested members for that.
    pub group_min_tested: SInt,
    /// `records.group_weight`: the weight of a group-wide weak duty for every member.
    pub group_weight: SNum,
    /// `records.recommend_min`: the lowest mean percent to be recommended (以赛促建).
    pub recommend_min: SNum,
    /// `records.recommend_count`: at most this many recommendations per list.
    pub recommend_count: SInt,
    /// `records.external`: national or provincial training once every so many years.
    #[serde(default)]
    pub external: Option<ExternalIn>,
}

/// `[[records.levels]]`: one score band.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreLevelIn {
    /// Stable id (`weak`, `fair`, `good`).
    pub id: SStr,
    /// Chinese label (需加强).
    pub zh: SStr,
    /// English label.
    pub en: SStr,
    /// Scores below this percent fall in the band (absent for the top band).
    #[serde(default)]
    pub below: Option<SNum>,
    /// How many times more a person's hours on a duty in this band count (1 = no need).
    pub weight: SNum,
}

/// `[[records.segments]]`: a camp segment and the duties it tests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentDutiesIn {
    /// Segment name as in the camp's `segments` (人物辨识).
    pub segment: SStr,
    /// Duties it tests.
    pub duties: Vec<SStr>,
}

/// `[records.external]`: national or provincial training.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalIn {
    /// `records.external.every_years`: at least once every this many years.
    pub every_years: SInt,
    /// `records.external.groups`: the groups the rule is for.
    pub groups: Vec<SStr>,
}

/// A whole rules file, assembled section by section by [`crate::input::toml`].
#[derive(Debug, Clone, Default)]
pub struct RulesFile {
    /// `[meta]`.
    pub meta: Option<RulesMeta>,
    /// `[[duties]]`.
    pub duties: Vec<DutyIn>,
    /// `[[roles]]`.
    pub roles: Vec<RoleIn>,
    /// `[[groups]]`.
    pub groups: Vec<GroupIn>,
    /// `[[title_levels]]`.
    pub title_levels: Vec<TitleLevelIn>,
    /// `[[session_kinds]]`.
    pub session_kinds: Vec<SessionKindIn>,
    /// `[two_level]`.
    pub two_level: Option<TwoLevelIn>,
    /// `[college_training]`.
    pub college_training: Option<CollegeTrainingIn>,
    /// `[studios]`.
    pub studios: Option<StudiosIn>,
    /// `[budget]`.
    pub budget: Option<BudgetRulesIn>,
    /// `[calendar]`.
    pub calendar: Option<CalendarRulesIn>,
    /// `[[hour_targets]]`.
    pub hour_targets: Vec<HourTargetIn>,
    /// `[[coverage]]`.
    pub coverage: Vec<CoverageIn>,
    /// `[plan]`.
    pub plan: Option<PlanWeightsIn>,
    /// `[replan]`.
    pub replan: Option<ReplanIn>,
    /// `[records]`.
    pub records: Option<RecordsIn>,
}
