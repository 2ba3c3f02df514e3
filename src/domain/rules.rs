//! The programme's rules, validated.

use chrono::NaiveTime;

/// Index into [`Rules::duties`].
pub type DutyIdx = usize;
/// Index into [`Rules::roles`].
pub type RoleIdx = usize;
/// Index into [`Rules::groups`].
pub type GroupIdx = usize;
/// Index into [`Rules::session_kinds`].
pub type KindIdx = usize;

/// One of the nine duties (九维).
#[derive(Debug, Clone, PartialEq)]
pub struct Duty {
    /// Stable id.
    pub id: String,
    /// Number in the MoE list.
    pub no: u32,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Counts `plan.priority_weight` times more.
    pub priority: bool,
}

/// A role in the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Counted by the two-level threshold.
    pub full_time_counselor: bool,
    /// A counselor role.
    pub is_counselor: bool,
}

/// One of the five groups (五类) and its membership conditions (all must hold).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Any of these roles.
    pub roles: Vec<RoleIdx>,
    /// At least this many full years as a counselor.
    pub min_years_as_counselor: Option<u32>,
    /// At most this many full years as a counselor.
    pub max_years_as_counselor: Option<u32>,
    /// Hired at most this many months before the semester.
    pub max_months_since_hire: Option<u32>,
    /// `groups.max_hours_per_semester`: the most training hours a member may be given in one
    /// semester (a person in several groups may have the largest of their groups' caps).
    pub max_hours_per_semester: Option<f64>,
}

/// A rung of the title ladder (初级, 中级, 副高级, 正高级).
#[derive(Debug, Clone, PartialEq)]
pub struct TitleLevel {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// Rank, higher is more senior.
    pub rank: u32,
    /// Titles at this level, in every series.
    pub titles: Vec<String>,
}

/// Which platform a session kind belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    /// 集中培训.
    Centralized,
    /// 辅导员工作室.
    Studio,
    /// 月度交流例会.
    Meeting,
    /// 学院（联合）培训.
    College,
    /// 训练营.
    Camp,
}

impl Platform {
    /// Parse a rules-file word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "centralized" => Self::Centralized,
            "studio" => Self::Studio,
            "meeting" => Self::Meeting,
            "college" => Self::College,
            "camp" => Self::Camp,
            _ => return None,
        })
    }
    /// The rules-file word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Centralized => "centralized",
            Self::Studio => "studio",
            Self::Meeting => "meeting",
            Self::College => "college",
            Self::Camp => "camp",
        }
    }
    /// Words accepted.
    pub const WORDS: &'static [&'static str] =
        &["centralized", "studio", "meeting", "college", "camp"];
}

/// School or college level (两级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 校级.
    School,
    /// 院级.
    College,
}

impl Level {
    /// Parse a rules-file word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "school" => Some(Self::School),
            "college" => Some(Self::College),
            _ => None,
        }
    }
    /// The rules-file word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::School => "school",
            Self::College => "college",
        }
    }
}

/// Who attends a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AudienceMode {
    /// Every listed group.
    All,
    /// One listed group, chosen by the optimizer.
    ChooseOne,
    /// The members of a studio.
    Studio,
    /// The staff of a training unit (an independent college or a joint cluster).
    Unit,
}

impl AudienceMode {
    /// Parse a rules-file word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "all" => Self::All,
            "choose_one" => Self::ChooseOne,
            "studio" => Self::Studio,
            "unit" => Self::Unit,
            _ => return None,
        })
    }
    /// Words accepted.
    pub const WORDS: &'static [&'static str] = &["all", "choose_one", "studio", "unit"];
}

/// Which duty a session covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DutyMode {
    /// The optimizer picks one duty.
    Choose,
    /// The studio's duty.
    Studio,
    /// One of the speaker's (visit's, course's) duties.
    Speaker,
    /// No single duty: hours count, duty coverage does not (the camp tests every duty).
    None,
}

impl DutyMode {
    /// Parse a rules-file word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "choose" => Self::Choose,
            "studio" => Self::Studio,
            "speaker" => Self::Speaker,
            "none" => Self::None,
            _ => return None,
        })
    }
    /// Words accepted.
    pub const WORDS: &'static [&'static str] = &["choose", "studio", "speaker", "none"];
}

/// What kind of speaker or resource a session needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerNeed {
    /// No speaker.
    None,
    /// A role model (典型人物).
    RoleModel,
    /// An expert (知名专家).
    Expert,
    /// A “go out” visit destination.
    Visit,
    /// An online course.
    Online,
}

impl SpeakerNeed {
    /// Parse a rules-file word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "none" => Self::None,
            "role_model" => Self::RoleModel,
            "expert" => Self::Expert,
            "visit" => Self::Visit,
            "online" => Self::Online,
            _ => return None,
        })
    }
    /// Words accepted.
    pub const WORDS: &'static [&'static str] = &["none", "role_model", "expert", "visit", "online"];
}

/// A kind of training session and how often it happens.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionKind {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Platform.
    pub platform: Platform,
    /// Level.
    pub level: Level,
    /// Segments (环节).
    pub segments: Vec<String>,
    /// Groups that may attend.
    pub audience: Vec<GroupIdx>,
    /// How the audience is formed.
    pub audience_mode: AudienceMode,
    /// How the duty is chosen.
    pub duty_mode: DutyMode,
    /// Speaker or resource needed.
    pub speaker: SpeakerNeed,
    /// Half-day slots occupied.
    pub slots: u32,
    /// Hours counted.
    pub hours: f64,
    /// Cost per session.
    pub fixed_cost: f64,
    /// Cost per attendee.
    pub per_attendee_cost: f64,
    /// Held the same day as this kind, in the following slot.
    pub with_kind: Option<KindIdx>,
    /// Per calendar month.
    pub per_month: Option<u32>,
    /// A month needs at least this many usable days to require `per_month` sessions.
    pub per_month_min_days: u32,
    /// Exactly this many per semester.
    pub per_semester: Option<u32>,
    /// At most this many per semester.
    pub max_per_semester: Option<u32>,
    /// `session_kinds.<id>.max_attendees`: at most this many attendees per session. A
    /// `choose_one` kind's group larger than this attends in cohorts (chosen per session).
    pub max_attendees: Option<u32>,
    /// Per training unit, at least.
    pub per_unit_min: Option<u32>,
    /// Per training unit, at most.
    pub per_unit_max: Option<u32>,
    /// `session_kinds.<id>.per_unit_duty_max`: at most this many sessions of the kind per training
    /// unit on one duty (so a college's own training is not all on one duty).
    pub per_unit_duty_max: Option<u32>,
    /// `session_kinds.<id>.min_days_apart` / `max_days_apart`: two consecutive sessions of the
    /// kind are this many days apart at least / at most (the rhythm of a monthly meeting).
    pub min_days_apart: Option<u32>,
    /// See `min_days_apart`.
    pub max_days_apart: Option<u32>,
    /// `session_kinds.<id>.min_speaker_level`: speakers below this standing are not invited for
    /// the kind.
    pub min_speaker_level: Option<crate::domain::SpeakerLevel>,
    /// Must be held.
    pub required: bool,
}

/// `[college_training]`: what makes a unit's own training its own (“结合学院人才培养目标、学段学生
/// 特点、学科专业特色，自主量身定制培训内容”).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CollegeTrainingRules {
    /// `college_training.max_sessions_per_duty`: a training unit holds at most this many
    /// college-level sessions (all unit kinds together) on one duty, unless one of its colleges
    /// lists the duty more often among its `themes`.
    pub max_sessions_per_duty: Option<u32>,
    /// `college_training.theme_weight`: a member's hours of unit training on a duty their college
    /// names among its `themes` count this many times.
    pub theme_weight: f64,
    /// `[[college_training.needs]]`, in the order written.
    pub needs: Vec<CollegeNeed>,
}

/// `[[college_training.needs]]`: duties colleges of a discipline or student stage need most.
#[derive(Debug, Clone, PartialEq)]
pub struct CollegeNeed {
    /// `discipline`: colleges of this discipline (any when absent).
    pub discipline: Option<String>,
    /// `stage`: colleges of this student stage (any when absent).
    pub stage: Option<String>,
    /// `duties`.
    pub duties: Vec<DutyIdx>,
    /// `weight`: a member's hours of unit training on one of these duties count this many times.
    pub weight: f64,
    /// Why, in the rules' words (`why`), for reports.
    pub why: String,
}

impl CollegeNeed {
    /// Whether the need applies to `college`.
    pub fn matches(&self, college: &crate::domain::College) -> bool {
        self.discipline
            .as_ref()
            .is_none_or(|d| *d == college.discipline)
            && self.stage.as_ref().is_none_or(|s| *s == college.stage)
    }
}

/// Why a duty weighs what it does for a college's training.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NeedSource {
    /// The college lists it among its themes.
    Theme,
    /// `[[college_training.needs]]` entry of this index.
    Rule(usize),
    /// Nothing singles it out.
    None,
}

impl CollegeTrainingRules {
    /// How much a member of `college` values an hour of unit training on `duty`, and why: the
    /// largest of `theme_weight` (when the college lists the duty among its themes) and the
    /// weights of the needs that match the college and name the duty; 1 when none does.
    pub fn need(&self, college: &crate::domain::College, duty: DutyIdx) -> (f64, NeedSource) {
        let mut best = (1.0, NeedSource::None);
        if college.themes.contains(&duty) && self.theme_weight > best.0 {
            best = (self.theme_weight, NeedSource::Theme);
        }
        for (i, n) in self.needs.iter().enumerate() {
            if n.weight > best.0 && n.duties.contains(&duty) && n.matches(college) {
                best = (n.weight, NeedSource::Rule(i));
            }
        }
        best
    }

    /// How many unit sessions on `duty` a unit of `colleges` may hold: `max_sessions_per_duty`,
    /// or as many times as one of its colleges lists the duty among its themes, if more.
    pub fn allowance<'a>(
        &self,
        colleges: impl IntoIterator<Item = &'a crate::domain::College>,
        duty: DutyIdx,
    ) -> Option<u32> {
        let max = self.max_sessions_per_duty?;
        let asked = colleges
            .into_iter()
            .map(|c| c.themes.iter().filter(|&&t| t == duty).count() as u32)
            .max()
            .unwrap_or(0);
        Some(max.max(asked))
    }
}

/// What happens to a small college no allowed partner can bring to the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreachable {
    /// It joins the nearest independent college's training as a guest.
    Guest,
    /// The plan is infeasible.
    Infeasible,
}

/// `[two_level]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TwoLevelRules {
    /// `two_level.independent_min`.
    pub independent_min: u32,
    /// `two_level.max_cluster_colleges`.
    pub max_cluster_colleges: u32,
    /// `two_level.max_travel_minutes`.
    pub max_travel_minutes: f64,
    /// `two_level.unreachable`.
    pub unreachable: Unreachable,
    /// `two_level.weights.travel_per_minute`.
    pub w_travel_per_minute: f64,
    /// `two_level.weights.discipline_mismatch`.
    pub w_discipline_mismatch: f64,
    /// `two_level.weights.stage_mismatch`.
    pub w_stage_mismatch: f64,
    /// `two_level.weights.per_cluster`.
    pub w_per_cluster: f64,
}

impl TwoLevelRules {
    /// Whether a college with `full_time_counselors` full-time counselors trains on its own
    /// (`two_level.independent_min`): the one place the threshold is compared.
    pub fn trains_on_its_own(&self, full_time_counselors: u32) -> bool {
        full_time_counselors >= self.independent_min
    }

    /// Whether a joint cluster with `full_time_counselors` in all reaches the threshold
    /// (`two_level.independent_min`, the same number as for one college).
    pub fn cluster_reaches_threshold(&self, full_time_counselors: u32) -> bool {
        self.trains_on_its_own(full_time_counselors)
    }
}

/// `[studios.lead]`.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRule {
    /// `studios.lead.min_years_as_counselor`.
    pub min_years_as_counselor: u32,
    /// `studios.lead.min_title_level` (index into [`Rules::title_levels`]).
    pub min_title_level: usize,
    /// `studios.lead.title_waivable`.
    pub title_waivable: bool,
    /// `studios.lead.title_waiver_cost`.
    pub title_waiver_cost: f64,
    /// `studios.lead.honor_required`.
    pub honor_required: bool,
    /// `studios.lead.roles`.
    pub roles: Vec<RoleIdx>,
}

/// `[studios.backbone]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BackboneRule {
    /// `studios.backbone.min_years_as_counselor`.
    pub min_years_as_counselor: u32,
    /// `studios.backbone.roles`.
    pub roles: Vec<RoleIdx>,
}

/// `[studios.weights]`.
#[derive(Debug, Clone, PartialEq)]
pub struct StudioWeights {
    /// `studios.weights.specialty_match`.
    pub specialty_match: f64,
    /// `studios.weights.new_by_specialty`.
    pub new_by_specialty: f64,
    /// `studios.weights.backbone`.
    pub backbone: f64,
    /// `studios.weights.lead_seniority`.
    pub lead_seniority: f64,
    /// `studios.weights.college_spread`.
    pub college_spread: f64,
    /// `studios.weights.member`.
    pub member: f64,
}

/// `[studios]`.
#[derive(Debug, Clone, PartialEq)]
pub struct StudioRules {
    /// `studios.duties`.
    pub duties: Vec<DutyIdx>,
    /// `studios.member_roles`.
    pub member_roles: Vec<RoleIdx>,
    /// `studios.min_size`.
    pub min_size: u32,
    /// `studios.max_size`.
    pub max_size: u32,
    /// `studios.max_per_college`.
    pub max_per_college: u32,
    /// `studios.max_studios_per_person`.
    pub max_studios_per_person: u32,
    /// `studios.min_backbone`.
    pub min_backbone: u32,
    /// `studios.new_counselor_group`.
    pub new_counselor_group: GroupIdx,
    /// `studios.lead`.
    pub lead: LeadRule,
    /// `studios.backbone`.
    pub backbone: BackboneRule,
    /// `studios.weights`.
    pub weights: StudioWeights,
}

/// How college funds are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollegeSplit {
    /// In proportion to full-time counselors, with a floor.
    PerCounselor,
    /// Equally among colleges.
    Equal,
}

/// `[budget]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRules {
    /// `budget.school_share`.
    pub school_share: f64,
    /// `budget.college_split`.
    pub college_split: CollegeSplit,
    /// `budget.college_floor`.
    pub college_floor: f64,
    /// `budget.cluster_pooling`.
    pub cluster_pooling: bool,
    /// `budget.execution_target`: the share of each fund a plan should spend (专项经费执行率, a soft
    /// rule: a fund below it is reported with what stops the spending).
    pub execution_target: Option<f64>,
}

/// A half-day slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// Start time.
    pub start: NaiveTime,
    /// End time.
    pub end: NaiveTime,
}

/// `[calendar]`.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarRules {
    /// `calendar.allow_weekends`.
    pub allow_weekends: bool,
    /// `calendar.allow_holidays`.
    pub allow_holidays: bool,
    /// `calendar.allow_exam_weeks`.
    pub allow_exam_weeks: bool,
    /// `calendar.slots`.
    pub slots: Vec<Slot>,
    /// `calendar.max_sessions_per_person_per_week`.
    pub max_sessions_per_person_per_week: u32,
    /// `calendar.camp_window_weeks`.
    pub camp_window_weeks: u32,
    /// `calendar.max_sessions_per_speaker`: the most sessions one speaker gives in a semester.
    pub max_sessions_per_speaker: Option<u32>,
}

/// Per semester or per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Per semester.
    Semester,
    /// Per year (the semester's share is `hours / plan.semesters_per_year`).
    Year,
}

/// `[[hour_targets]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct HourTarget {
    /// Stable id.
    pub id: String,
    /// Group.
    pub group: GroupIdx,
    /// Hours as written.
    pub hours: f64,
    /// Levels that count.
    pub levels: Vec<Level>,
    /// Per semester or per year.
    pub per: Per,
}

/// `[[coverage]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageReq {
    /// Stable id.
    pub id: String,
    /// Group.
    pub group: GroupIdx,
    /// Duties the group must cover.
    pub duties: Vec<DutyIdx>,
}

/// `[replan]`: the change penalty of a re-plan, per change (see the README, “Re-planning”).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplanWeights {
    /// `replan.moved`: a kept session at another date or slot.
    pub moved: f64,
    /// `replan.venue_changed`: a kept session in another venue.
    pub venue_changed: f64,
    /// `replan.speaker_changed`: a kept session with another speaker, visit or course.
    pub speaker_changed: f64,
    /// `replan.dropped`: a published session no longer held.
    pub dropped: f64,
    /// `replan.added`: a session that was not published.
    pub added: f64,
    /// `replan.person`: a person whose calendar changes.
    pub person: f64,
}

/// `[[records.levels]]`: a band of camp scores (percent of full marks).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLevel {
    /// Stable id.
    pub id: String,
    /// Chinese label (需加强).
    pub zh: String,
    /// English label.
    pub en: String,
    /// Scores below this percent fall in the band; `None` for the top band.
    pub below: Option<f64>,
    /// How many times more a person's hours on a duty in this band count (1: no need).
    pub weight: f64,
}

/// `[records.external]`: national or provincial training at least once every so many years.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalRule {
    /// `records.external.every_years`.
    pub every_years: u32,
    /// `records.external.groups`.
    pub groups: Vec<GroupIdx>,
}

/// `[records]`: how the record of past semesters feeds the next plan.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordsRules {
    /// `records.year_starts_month` (1..=12).
    pub year_starts_month: u32,
    /// `records.full_marks`.
    pub full_marks: f64,
    /// `records.levels`, lowest band first; the last has no `below`.
    pub levels: Vec<ScoreLevel>,
    /// `records.segments`: segment name → duties it tests.
    pub segments: Vec<(String, Vec<DutyIdx>)>,
    /// `records.group_weak_share`.
    pub group_weak_share: f64,
    /// `records.group_min_tested`.
    pub group_min_tested: u32,
    /// `records.group_weight`.
    pub group_weight: f64,
    /// `records.recommend_min` (percent).
    pub recommend_min: f64,
    /// `records.recommend_count`.
    pub recommend_count: u32,
    /// `records.external`.
    pub external: Option<ExternalRule>,
}

impl RecordsRules {
    /// The band of a percent score.
    pub fn level_of(&self, percent: f64) -> usize {
        self.levels
            .iter()
            .position(|l| l.below.is_none_or(|b| percent < b))
            .unwrap_or(self.levels.len().saturating_sub(1))
    }

    /// The duties a camp segment tests when its rows name none.
    pub fn segment_duties(&self, segment: &str) -> &[DutyIdx] {
        self.segments
            .iter()
            .find(|(s, _)| s == segment.trim())
            .map_or(&[], |(_, d)| d.as_slice())
    }

    /// The academic year (学年) a date falls in, named by the calendar year it begins.
    pub fn academic_year(&self, d: chrono::NaiveDate) -> i32 {
        use chrono::Datelike;
        if d.month() >= self.year_starts_month {
            d.year()
        } else {
            d.year() - 1
        }
    }
}

/// `[plan]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanWeights {
    /// `plan.hour_value`: per person and hour on a duty, up to `max_valued_hours_per_duty`.
    pub hour_value: f64,
    /// `plan.max_valued_hours_per_duty`: a person's hours on one duty count up to this many.
    pub max_valued_hours_per_duty: f64,
    /// `plan.duty_value`: per person and duty they attend at least one session on.
    pub duty_value: f64,
    /// `plan.speaker_value.<level>`: per session given by a speaker of that standing (index by
    /// [`crate::domain::SpeakerLevel`]: internal, provincial, national).
    pub speaker_value: [f64; 3],
    /// `plan.priority_weight`.
    pub priority_weight: f64,
    /// `plan.cost_weight`.
    pub cost_weight: f64,
    /// `plan.travel_weight`.
    pub travel_weight: f64,
    /// `plan.bunching_penalty`.
    pub bunching_penalty: f64,
    /// `plan.semesters_per_year`.
    pub semesters_per_year: u32,
}

/// The programme's rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// `meta.id`.
    pub id: String,
    /// `meta.name`.
    pub name: String,
    /// The nine duties.
    pub duties: Vec<Duty>,
    /// Roster roles.
    pub roles: Vec<Role>,
    /// The five groups.
    pub groups: Vec<Group>,
    /// Title ladder, sorted by rank.
    pub title_levels: Vec<TitleLevel>,
    /// Session kinds.
    pub session_kinds: Vec<SessionKind>,
    /// Two-level rules.
    pub two_level: TwoLevelRules,
    /// What tailors a unit's own training.
    pub college_training: CollegeTrainingRules,
    /// Studio rules.
    pub studios: StudioRules,
    /// Budget rules.
    pub budget: BudgetRules,
    /// Calendar rules.
    pub calendar: CalendarRules,
    /// Hour targets.
    pub hour_targets: Vec<HourTarget>,
    /// Coverage requirements.
    pub coverage: Vec<CoverageReq>,
    /// Plan objective weights.
    pub plan: PlanWeights,
    /// `[replan]` (absent: the rules cannot re-plan).
    pub replan: Option<ReplanWeights>,
    /// `[records]` (absent: the record of past semesters is not read).
    pub records: Option<RecordsRules>,
}

impl Rules {
    /// The ladder level of a title as written in a roster (`讲师（思政）` reads as `讲师`), or of a
    /// level name itself (`副高级`). `None` when the title is not on the ladder.
    pub fn title_level(&self, title: &str) -> Option<usize> {
        let base = title_base(title);
        self.title_levels
            .iter()
            .position(|l| l.titles.iter().any(|t| title_base(t) == base))
            .or_else(|| {
                self.title_levels
                    .iter()
                    .position(|l| l.zh == base || l.id == base)
            })
    }

    /// Index of a duty by id.
    pub fn duty(&self, id: &str) -> Option<DutyIdx> {
        self.duties.iter().position(|d| d.id == id)
    }

    /// Index of a group by id.
    pub fn group(&self, id: &str) -> Option<GroupIdx> {
        self.groups.iter().position(|g| g.id == id)
    }

    /// Index of a session kind by id.
    pub fn kind(&self, id: &str) -> Option<KindIdx> {
        self.session_kinds.iter().position(|k| k.id == id)
    }

    /// Semester hours of a target (a yearly target is divided by `plan.semesters_per_year`).
    pub fn semester_hours(&self, t: &HourTarget) -> f64 {
        match t.per {
            Per::Semester => t.hours,
            Per::Year => t.hours / f64::from(self.plan.semesters_per_year.max(1)),
        }
    }
}

/// A title without its parenthesised suffix and surrounding blanks: `讲师（思政）` → `讲师`.
pub fn title_base(title: &str) -> &str {
    let t = title.trim();
    let cut = t.find(['（', '(']).unwrap_or(t.len());
    t[..cut].trim()
}

/// Words that mean “no title” in a roster.
pub const NO_TITLE: &[&str] = &["无", "暂无", "none", "-", "—"];
