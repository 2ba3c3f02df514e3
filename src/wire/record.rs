//! Wire form of the programme's record (`records/*.sqlite`, see [`crate::records`]): what past
//! semesters planned and delivered, and what the camp measured, as the database holds it (ids
//! and labels as written when recorded). Read back by the planner through
//! [`crate::domain::history`].

use serde::{Deserialize, Serialize};

/// The whole record, as read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecordFile {
    /// The database file, as named.
    pub path: String,
    /// Fingerprint of the content (not of the file's bytes: the same record gives the same digest).
    pub digest: String,
    /// Recorded semesters, by start date.
    pub semesters: Vec<SemesterRec>,
}

/// One recorded semester: its plan, who came, and its camp.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SemesterRec {
    /// Scenario id (`jzmu-2026-fall`).
    pub id: String,
    /// Semester name (2026—2027学年第一学期).
    pub name: String,
    /// First day (ISO).
    pub start: String,
    /// Last day (ISO).
    pub end: String,
    /// Fingerprint of the recorded plan file.
    pub plan_digest: String,
    /// Labels as the semester's rules and scenario wrote them: (what, id) → (zh, en); `what` is
    /// `duty`, `kind`, `group`, `college`, `speaker` or `slot`.
    pub labels: Vec<LabelRec>,
    /// The staff of that semester.
    pub people: Vec<PersonRec>,
    /// Its sessions.
    pub sessions: Vec<SessionRec>,
    /// Camp results.
    pub camp: Vec<CampRec>,
}

/// A label of an id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LabelRec {
    /// `duty`, `kind`, `group`, `college`, `speaker` or `slot`.
    pub what: String,
    /// The id.
    pub id: String,
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A person on a recorded semester's staff.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonRec {
    /// Id (工号).
    pub id: String,
    /// Name.
    pub name: String,
    /// College id.
    pub college: Option<String>,
    /// Group ids that semester.
    pub groups: Vec<String>,
}

/// A recorded session and who was there.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SessionRec {
    /// Session id in its plan.
    pub id: String,
    /// Kind id.
    pub kind: String,
    /// `school` | `college`.
    pub level: String,
    /// ISO date.
    pub date: String,
    /// First slot id.
    pub slot: String,
    /// Duty id.
    pub duty: Option<String>,
    /// Hours.
    pub hours: f64,
    /// Speaker, visit or course id.
    pub speaker: Option<String>,
    /// Person ids the plan sent.
    pub planned: Vec<String>,
    /// The sign-in sheet, when imported: (person id, present). `None`: only planned.
    pub attendance: Option<Vec<(String, bool)>>,
}

/// One camp score.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CampRec {
    /// Person id.
    pub person: String,
    /// Segment (环节) as written.
    pub segment: String,
    /// Question or case, as written (empty for a whole segment).
    pub item: String,
    /// Duty id the item tests, when the sheet says.
    pub duty: Option<String>,
    /// Score.
    pub score: f64,
    /// Full marks.
    pub full: f64,
}

impl SemesterRec {
    /// The Chinese label of an id (`what` as in [`LabelRec`]), or the id itself.
    pub fn zh<'a>(&'a self, what: &str, id: &'a str) -> &'a str {
        self.labels
            .iter()
            .find(|l| l.what == what && l.id == id)
            .map_or(id, |l| l.zh.as_str())
    }

    /// Whether the semester has camp results.
    pub fn has_camp(&self) -> bool {
        !self.camp.is_empty()
    }
}
