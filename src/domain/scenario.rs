//! One semester's scenario, validated.

use chrono::{Datelike, NaiveDate};

use super::{DutyIdx, RoleIdx};

/// Index into [`Scenario::campuses`].
pub type CampusIdx = usize;
/// Index into [`Scenario::colleges`].
pub type CollegeIdx = usize;
/// Index into [`Scenario::people`].
pub type PersonIdx = usize;

/// A named date range (inclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct DateRange {
    /// Name.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl DateRange {
    /// Whether `d` is inside.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// The semester and its calendar facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Semester {
    /// Name.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Public holidays.
    pub holidays: Vec<DateRange>,
    /// Make-up working days (weekends that are workdays).
    pub makeup_workdays: Vec<NaiveDate>,
    /// Exam weeks.
    pub exam_weeks: Vec<DateRange>,
}

/// A campus.
#[derive(Debug, Clone, PartialEq)]
pub struct Campus {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A college.
#[derive(Debug, Clone, PartialEq)]
pub struct College {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Campus.
    pub campus: CampusIdx,
    /// Discipline family (学科专业特色).
    pub discipline: String,
    /// Student stage (学段).
    pub stage: String,
    /// Duties the college asks its own training to cover (`colleges.themes`), in the order
    /// written; a duty listed twice asks for two sessions on it.
    pub themes: Vec<DutyIdx>,
    /// Date ranges the college cannot hold its training on (`colleges.unavailable`: its own
    /// events, clinical rotations, …).
    pub unavailable: Vec<DateRange>,
}

impl College {
    /// The range, if any, that keeps the college's training off date `d`.
    pub fn blocked_on(&self, d: NaiveDate) -> Option<&DateRange> {
        self.unavailable.iter().find(|r| r.contains(d))
    }
}

/// A venue.
#[derive(Debug, Clone, PartialEq)]
pub struct Venue {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Campus.
    pub campus: CampusIdx,
    /// Seats.
    pub capacity: u32,
    /// Cost per half-day.
    pub cost: f64,
    /// Date ranges the venue cannot be used (`venues.unavailable`).
    pub unavailable: Vec<DateRange>,
}

impl Venue {
    /// The closure covering `d`, if any.
    pub fn blocked_on(&self, d: NaiveDate) -> Option<&DateRange> {
        self.unavailable.iter().find(|r| r.contains(d))
    }
}

/// Speaker level, which sets the usual fee band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeakerLevel {
    /// From the university.
    Internal,
    /// From the province.
    Provincial,
    /// From outside the province.
    National,
}

impl SpeakerLevel {
    /// Parse a scenario word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "internal" => Self::Internal,
            "provincial" => Self::Provincial,
            "national" => Self::National,
            _ => return None,
        })
    }
    /// In Chinese: 校内, 省级, 国家级.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Internal => "校内",
            Self::Provincial => "省级",
            Self::National => "国家级",
        }
    }
    /// The scenario word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::Provincial => "provincial",
            Self::National => "national",
        }
    }
}

/// A speaker who can be invited.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: SpeakerLevel,
    /// A role model (典型人物) rather than an expert.
    pub role_model: bool,
    /// Free-text note.
    pub note: String,
    /// Fee per session.
    pub fee: f64,
    /// Duties taught.
    pub duties: Vec<DutyIdx>,
    /// Available dates, sorted.
    pub dates: Vec<NaiveDate>,
}

/// A “go out” destination.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// Stable id.
    pub id: String,
    /// Host institution.
    pub name: String,
    /// City.
    pub city: String,
    /// Duties covered.
    pub duties: Vec<DutyIdx>,
    /// Round-trip cost per person.
    pub cost_per_person: f64,
    /// One-way minutes.
    pub travel_minutes: f64,
    /// At most this many visitors.
    pub max_attendees: u32,
    /// Dates the host receives visitors, sorted.
    pub dates: Vec<NaiveDate>,
}

/// An online course.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlineCourse {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Platform.
    pub provider: String,
    /// Duties covered.
    pub duties: Vec<DutyIdx>,
    /// Cost per participant.
    pub cost_per_person: f64,
    /// First day open.
    pub open_from: NaiveDate,
    /// Last day open.
    pub open_to: NaiveDate,
}

/// A member of the student-affairs staff.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// College; `None` for school-level offices.
    pub college: Option<CollegeIdx>,
    /// Role.
    pub role: RoleIdx,
    /// Hire date.
    pub hired: NaiveDate,
    /// Start of counselor work, if ever a counselor.
    pub counselor_since: Option<NaiveDate>,
    /// The roster gave only year and month for [`Person::counselor_since`] (任辅导员时间
    /// `2019.07`); the day was taken as the 1st, and the profile's reasons say so.
    pub counselor_since_month_only: bool,
    /// Title as written (empty when none).
    pub title: String,
    /// Title level index, when the person has a title.
    pub title_level: Option<usize>,
    /// Honorary titles.
    pub honors: Vec<String>,
    /// Specialties among the duties.
    pub specialties: Vec<DutyIdx>,
    /// Last day at the post, if the person leaves during the semester.
    pub left: Option<NaiveDate>,
    /// Dates the person cannot attend, ascending.
    pub unavailable: Vec<NaiveDate>,
    /// Last national or provincial training (roster column 最近省级以上培训), if known.
    pub last_external: Option<NaiveDate>,
}

impl Person {
    /// Whether the person can attend a session on `d`: hired by then, not yet left, and `d` is
    /// not one of their unavailable dates.
    pub fn available_on(&self, d: NaiveDate) -> bool {
        d >= self.hired
            && self.left.is_none_or(|l| d <= l)
            && self.unavailable.binary_search(&d).is_err()
    }

    /// Full years as a counselor on `at` (0 when never a counselor).
    pub fn years_as_counselor(&self, at: NaiveDate) -> u32 {
        self.counselor_since.map_or(0, |s| full_years(s, at))
    }

    /// Whole months from hire to `at` (negative when hired later).
    pub fn months_since_hire(&self, at: NaiveDate) -> i32 {
        months_between(self.hired, at)
    }
}

/// Full years from `from` to `to` (birthday-style: 2016-09-01 → 2026-09-01 is 10).
pub fn full_years(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let mut y = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y.max(0) as u32
}

/// Whole months from `from` to `to` (2026-07-01 → 2026-08-31 is 1; → 2026-09-01 is 2).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to >= from && to.day() < from.day() {
        m -= 1;
    } else if to < from && to.day() > from.day() {
        m += 1;
    }
    m
}

/// The semester's scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// `meta.id`.
    pub id: String,
    /// `meta.name`.
    pub name: String,
    /// Semester and calendar facts.
    pub semester: Semester,
    /// Campuses.
    pub campuses: Vec<Campus>,
    /// Travel minutes between campuses (`None` when not given; 0 on the diagonal).
    pub travel_minutes: Vec<Vec<Option<f64>>>,
    /// Travel cost per person between campuses (one way).
    pub travel_cost: Vec<Vec<f64>>,
    /// Colleges.
    pub colleges: Vec<College>,
    /// Venues.
    pub venues: Vec<Venue>,
    /// Speakers.
    pub speakers: Vec<Speaker>,
    /// Visit destinations.
    pub visits: Vec<Visit>,
    /// Online courses.
    pub online_courses: Vec<OnlineCourse>,
    /// The semester's training fund.
    pub funds_total: f64,
    /// Staff.
    pub people: Vec<Person>,
}

impl Scenario {
    /// Index of a college by id.
    pub fn college(&self, id: &str) -> Option<CollegeIdx> {
        self.colleges.iter().position(|c| c.id == id)
    }

    /// Index of a person by id.
    pub fn person(&self, id: &str) -> Option<PersonIdx> {
        self.people.iter().position(|p| p.id == id)
    }

    /// Every person's index by id, for reading many ids (a plan's attendees).
    pub fn person_index(&self) -> std::collections::BTreeMap<&str, PersonIdx> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }
}
