//! Wire form of a scenario file (`scenarios/*.toml`) and of a roster row.

use serde::Deserialize;

use super::{SDate, SInt, SNum, SStr};

/// `[meta]`: what the scenario is and where its rules and roster are.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMeta {
    /// Short id.
    pub id: SStr,
    /// Full name.
    pub name: String,
    /// Path of the rules file, relative to the scenario file.
    pub rules: SStr,
    /// Optional staff roster (CSV, or a spreadsheet: `.xlsx`, `.xls`, `.ods`, …), relative to the
    /// scenario file; otherwise `[[people]]`.
    #[serde(default)]
    pub roster: Option<SStr>,
    /// The roster's sheet, for a spreadsheet roster (default: the first sheet).
    #[serde(default)]
    pub roster_sheet: Option<SStr>,
    /// The programme's record (`fudao record`, SQLite), relative to the scenario file: what past
    /// semesters delivered and the camp's results, read by the plan when the file exists.
    #[serde(default)]
    pub records: Option<SStr>,
}

/// A date range (inclusive).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeIn {
    /// Optional name (e.g. 国庆节).
    #[serde(default)]
    pub name: Option<String>,
    /// First day.
    pub start: SDate,
    /// Last day.
    pub end: SDate,
}

/// `[semester]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SemesterIn {
    /// Name, e.g. 2026—2027学年第一学期.
    pub name: String,
    /// First day.
    pub start: SDate,
    /// Last day.
    pub end: SDate,
    /// Public holidays (法定节假日).
    #[serde(default)]
    pub holidays: Vec<RangeIn>,
    /// Make-up working days (调休上班), weekends that count as workdays.
    #[serde(default)]
    pub makeup_workdays: Vec<SDate>,
    /// Exam weeks (考试周).
    #[serde(default)]
    pub exam_weeks: Vec<RangeIn>,
}

/// `[[campuses]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampusIn {
    /// Stable id.
    pub id: SStr,
    /// Name.
    pub name: String,
}

/// `[[travel]]`: travel between two campuses (symmetric).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TravelIn {
    /// Campus id.
    pub from: SStr,
    /// Campus id.
    pub to: SStr,
    /// One-way minutes.
    pub minutes: SNum,
    /// One-way cost per person (yuan).
    #[serde(default)]
    pub cost_per_person: Option<SNum>,
}

/// `[[colleges]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollegeIn {
    /// Stable id.
    pub id: SStr,
    /// Name.
    pub name: SStr,
    /// Campus id.
    pub campus: SStr,
    /// Discipline family (学科专业特色), e.g. clinical, basic_medicine, humanities.
    pub discipline: SStr,
    /// Student stage (学段), e.g. undergraduate, graduate, vocational.
    pub stage: SStr,
    /// Duty ids the college asks its own training to cover (a duty twice: two sessions on it).
    #[serde(default)]
    pub themes: Vec<SStr>,
    /// Date ranges the college cannot hold its training on.
    #[serde(default)]
    pub unavailable: Vec<RangeIn>,
}

/// `[[venues]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueIn {
    /// Stable id.
    pub id: SStr,
    /// Name.
    pub name: String,
    /// Campus id.
    pub campus: SStr,
    /// Seats.
    pub capacity: SInt,
    /// Cost per half-day (yuan).
    #[serde(default)]
    pub cost: Option<SNum>,
    /// Date ranges the venue cannot be used (repairs, exams held in it).
    #[serde(default)]
    pub unavailable: Vec<RangeIn>,
}

/// `[[speakers]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerIn {
    /// Stable id.
    pub id: SStr,
    /// Name.
    pub name: String,
    /// internal | provincial | national.
    pub level: SStr,
    /// role_model | expert.
    pub kind: SStr,
    /// Affiliation and honors, free text.
    #[serde(default)]
    pub note: Option<String>,
    /// Fee per session (yuan), travel included.
    pub fee: SNum,
    /// Duties the speaker can teach.
    pub duties: Vec<SStr>,
    /// Dates the speaker is available.
    pub dates: Vec<SDate>,
}

/// `[[visits]]`: a “go out” destination.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitIn {
    /// Stable id.
    pub id: SStr,
    /// Host institution.
    pub name: String,
    /// City.
    pub city: String,
    /// Duties the visit covers.
    pub duties: Vec<SStr>,
    /// Round-trip travel cost per person (yuan).
    pub cost_per_person: SNum,
    /// One-way travel minutes.
    pub travel_minutes: SNum,
    /// At most this many visitors.
    pub max_attendees: SInt,
    /// Dates the host can receive visitors.
    pub dates: Vec<SDate>,
}

/// `[[online_courses]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlineCourseIn {
    /// Stable id.
    pub id: SStr,
    /// Course name.
    pub name: String,
    /// Platform (e.g. 全国医科院校学生思想政治教育工作联盟).
    pub provider: String,
    /// Duties covered.
    pub duties: Vec<SStr>,
    /// Cost per participant (yuan).
    #[serde(default)]
    pub cost_per_person: Option<SNum>,
    /// First day the course is open.
    pub open_from: SDate,
    /// Last day the course is open.
    pub open_to: SDate,
}

/// `[funds]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundsIn {
    /// The semester's training fund (yuan), split by `budget.*` rules.
    pub total: SNum,
}

/// `[[people]]` in the scenario, or one row of the roster.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonIn {
    /// Stable id (工号).
    pub id: SStr,
    /// Name (姓名).
    pub name: SStr,
    /// College id; empty for school-level offices (学生工作部).
    #[serde(default)]
    pub college: Option<SStr>,
    /// Role id or its Chinese name.
    pub role: SStr,
    /// Hire date at the university (入职日期).
    pub hired: SDate,
    /// Start of counselor work (从事辅导员工作时间); defaults to `hired` for counselors.
    #[serde(default)]
    pub counselor_since: Option<SDate>,
    /// The roster gave only year and month for `counselor_since` (任辅导员时间 `2019.07`); the
    /// day was taken as the 1st. Set by the roster readers, never read from a file.
    #[serde(skip)]
    pub counselor_since_month_only: bool,
    /// Title (职称), empty when none.
    #[serde(default)]
    pub title: Option<SStr>,
    /// Honorary titles (荣誉称号).
    #[serde(default)]
    pub honors: Vec<SStr>,
    /// Specialties among the nine duties (专业特长).
    #[serde(default)]
    pub specialties: Vec<SStr>,
    /// Last day at the post (离职日期), if the person leaves during the semester.
    #[serde(default)]
    pub left: Option<SDate>,
    /// Dates the person cannot attend training (不能参加日期: leave, duty, a student trip).
    #[serde(default)]
    pub unavailable: Vec<SDate>,
    /// Last national or provincial training (最近省级以上培训), for `records.external`.
    #[serde(default)]
    pub last_external: Option<SDate>,
}

/// A whole scenario file, assembled section by section by [`crate::input::toml`].
#[derive(Debug, Clone, Default)]
pub struct ScenarioFile {
    /// `[meta]`.
    pub meta: Option<ScenarioMeta>,
    /// `[semester]`.
    pub semester: Option<SemesterIn>,
    /// `[[campuses]]`.
    pub campuses: Vec<CampusIn>,
    /// `[[travel]]`.
    pub travel: Vec<TravelIn>,
    /// `[[colleges]]`.
    pub colleges: Vec<CollegeIn>,
    /// `[[venues]]`.
    pub venues: Vec<VenueIn>,
    /// `[[speakers]]`.
    pub speakers: Vec<SpeakerIn>,
    /// `[[visits]]`.
    pub visits: Vec<VisitIn>,
    /// `[[online_courses]]`.
    pub online_courses: Vec<OnlineCourseIn>,
    /// `[funds]`.
    pub funds: Option<FundsIn>,
    /// `[[people]]` (or the roster's rows).
    pub people: Vec<PersonIn>,
    /// The file the people's spans point into (the scenario or the roster).
    pub people_file: crate::wire::FileId,
}
