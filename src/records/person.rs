//! One person's record (`fudao history PERSON`): per semester the sessions and hours (signed in
//! where a sheet was imported, else as planned), hours by level and duty, the camp's results, and
//! per academic year the totals that yearly targets count.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::RecordsRules;
use crate::input::diag::{Code, Diagnostic};
use crate::wire::RecordFile;

/// One person's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonHistory {
    /// Id (工号).
    pub id: String,
    /// Name.
    pub name: String,
    /// Semesters the person was on the staff, oldest first.
    pub semesters: Vec<SemesterLine>,
    /// Per academic year (with `[records]` rules): (year, school hours, college hours).
    pub years: Vec<(i32, f64, f64)>,
}

/// One semester of a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SemesterLine {
    /// Semester id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day.
    pub start: String,
    /// College name.
    pub college: String,
    /// Group names.
    pub groups: Vec<String>,
    /// Sessions attended (or planned, without a sheet).
    pub sessions: usize,
    /// Sessions planned for the person that the sheet shows them absent from.
    pub missed: usize,
    /// School-level hours.
    pub school: f64,
    /// College-level hours.
    pub college_hours: f64,
    /// Of all hours, those known only from the plan (no sign-in sheet).
    pub planned_only: f64,
    /// Hours by duty (name), largest first.
    pub duties: Vec<(String, f64)>,
    /// Camp scores: (segment, item, duty name, score, full marks).
    pub camp: Vec<(String, String, String, f64, f64)>,
}

/// Everyone in the record, once each (by 工号, in the order first recorded), with their 姓名.
fn recorded_people(rec: &RecordFile) -> Vec<crate::input::suggest::Candidate> {
    let mut out: Vec<crate::input::suggest::Candidate> = Vec::new();
    for s in &rec.semesters {
        for p in &s.people {
            if !out.iter().any(|c| c.id == p.id) {
                out.push(crate::input::suggest::Candidate::new(
                    p.id.clone(),
                    [p.name.clone()],
                ));
            }
        }
    }
    out
}

/// The history of `who` (工号 or 姓名) in `rec`.
#[allow(clippy::result_large_err)] // one diagnostic, once per command
pub fn person(
    rec: &RecordFile,
    who: &str,
    rules: Option<&RecordsRules>,
) -> Result<PersonHistory, Diagnostic> {
    let who = who.trim();
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for s in &rec.semesters {
        for p in &s.people {
            if (p.id == who || p.name == who) && !ids.iter().any(|(i, _)| *i == p.id) {
                ids.push((&p.id, &p.name));
            }
        }
    }
    let (id, name) = match ids.as_slice() {
        [one] => *one,
        [] => {
            return Err(Diagnostic::new(
                Code::UnknownRef,
                format!("`{who}` is in no recorded semester of `{}`", rec.path),
                format!("培训记录中没有“{who}”"),
            )
            .help(crate::input::suggest::help(
                who,
                "工号 or 姓名 of a recorded person",
                "人员（工号或姓名）",
                &recorded_people(rec),
            )));
        }
        many => {
            return Err(Diagnostic::new(
                Code::Inconsistent,
                format!("{} people are named {who}", many.len()),
                format!("有 {} 人同名“{who}”", many.len()),
            )
            .help(format!(
                "give the 工号: {} / 请改用工号",
                many.iter().map(|(i, _)| *i).collect::<Vec<_>>().join(", ")
            )));
        }
    };
    let mut semesters = Vec::new();
    let mut years: BTreeMap<i32, (f64, f64)> = BTreeMap::new();
    for s in &rec.semesters {
        let Some(p) = s.people.iter().find(|p| p.id == id) else {
            continue;
        };
        let mut line = SemesterLine {
            id: s.id.clone(),
            name: s.name.clone(),
            start: s.start.clone(),
            college: p
                .college
                .as_deref()
                .map_or_else(|| "校级".to_string(), |c| s.zh("college", c).to_string()),
            groups: p
                .groups
                .iter()
                .map(|g| s.zh("group", g).to_string())
                .collect(),
            sessions: 0,
            missed: 0,
            school: 0.0,
            college_hours: 0.0,
            planned_only: 0.0,
            duties: Vec::new(),
            camp: Vec::new(),
        };
        let mut duties: BTreeMap<String, f64> = BTreeMap::new();
        for x in &s.sessions {
            let came = match &x.attendance {
                Some(a) => {
                    let here = a.iter().any(|(q, h)| q == id && *h);
                    if !here && x.planned.iter().any(|q| q == id) {
                        line.missed += 1;
                    }
                    here
                }
                None => x.planned.iter().any(|q| q == id),
            };
            if !came {
                continue;
            }
            line.sessions += 1;
            if x.level == "college" {
                line.college_hours += x.hours;
            } else {
                line.school += x.hours;
            }
            if x.attendance.is_none() {
                line.planned_only += x.hours;
            }
            if let Some(d) = &x.duty {
                *duties.entry(s.zh("duty", d).to_string()).or_default() += x.hours;
            }
        }
        let mut duties: Vec<(String, f64)> = duties.into_iter().collect();
        duties.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        line.duties = duties;
        line.camp = s
            .camp
            .iter()
            .filter(|c| c.person == id)
            .map(|c| {
                (
                    c.segment.clone(),
                    c.item.clone(),
                    c.duty
                        .as_deref()
                        .map_or_else(String::new, |d| s.zh("duty", d).to_string()),
                    c.score,
                    c.full,
                )
            })
            .collect();
        if let (Some(r), Ok(d)) = (rules, NaiveDate::parse_from_str(&s.start, "%Y-%m-%d")) {
            let y = years.entry(r.academic_year(d)).or_default();
            y.0 += line.school;
            y.1 += line.college_hours;
        }
        semesters.push(line);
    }
    Ok(PersonHistory {
        id: id.to_string(),
        name: name.to_string(),
        semesters,
        years: years.into_iter().map(|(y, (a, b))| (y, a, b)).collect(),
    })
}
