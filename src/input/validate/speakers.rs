//! `[[speakers]]`, `[[visits]]` and `[[online_courses]]`: who can speak (and when), where staff
//! can visit, and which online courses are open — each with the duties it serves.

use chrono::NaiveDate;

use crate::domain::{OnlineCourse, Semester, Speaker, SpeakerLevel, Visit};
use crate::input::diag::Code;
use crate::wire;

use super::semester::in_semester;
use super::{Cx, Index, index_ids};

/// The speakers; their dates must lie inside the semester.
pub(super) fn speakers(
    cx: &mut Cx<'_>,
    speakers_in: &[wire::SpeakerIn],
    duty_idx: &Index,
    semester: Option<&Semester>,
) -> Vec<Speaker> {
    let speaker_idx = index_ids(cx, "speakers", speakers_in.iter().map(|s| (&s.id, vec![])));
    drop(speaker_idx);
    let mut speakers = Vec::new();
    for s in speakers_in {
        let level = cx.word(
            &s.level,
            "speakers.level",
            &["internal", "provincial", "national"],
            SpeakerLevel::parse,
        );
        let kind = cx.word(
            &s.kind,
            "speakers.kind",
            &["role_model", "expert"],
            |k| match k {
                "role_model" => Some(true),
                "expert" => Some(false),
                _ => None,
            },
        );
        let fee = cx.nonneg(&s.fee, "speakers.fee");
        let duties = cx.refs(&s.duties, "speakers.duties", "duty", "职责", duty_idx);
        let mut dates: Vec<NaiveDate> = s
            .dates
            .iter()
            .filter_map(|d| {
                let x = cx.date(d, "speakers.dates");
                in_semester(cx, semester, x, d, "speakers.dates")
            })
            .collect();
        dates.sort_unstable();
        dates.dedup();
        speakers.push(Speaker {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            level: level.unwrap_or(SpeakerLevel::Internal),
            role_model: kind.unwrap_or(false),
            note: s.note.clone().unwrap_or_default(),
            fee,
            duties,
            dates,
        });
    }
    speakers
}

/// The visits; their dates must lie inside the semester.
pub(super) fn visits(
    cx: &mut Cx<'_>,
    visits_in: &[wire::VisitIn],
    duty_idx: &Index,
    semester: Option<&Semester>,
) -> Vec<Visit> {
    let visit_idx = index_ids(cx, "visits", visits_in.iter().map(|v| (&v.id, vec![])));
    drop(visit_idx);
    visits_in
        .iter()
        .map(|v| {
            let mut dates: Vec<NaiveDate> = v
                .dates
                .iter()
                .filter_map(|d| {
                    let x = cx.date(d, "visits.dates");
                    in_semester(cx, semester, x, d, "visits.dates")
                })
                .collect();
            dates.sort_unstable();
            dates.dedup();
            Visit {
                id: v.id.get_ref().clone(),
                name: v.name.clone(),
                city: v.city.clone(),
                duties: cx.refs(&v.duties, "visits.duties", "duty", "职责", duty_idx),
                cost_per_person: cx.nonneg(&v.cost_per_person, "visits.cost_per_person"),
                travel_minutes: cx.nonneg(&v.travel_minutes, "visits.travel_minutes"),
                max_attendees: cx.uint(&v.max_attendees, "visits.max_attendees", 1),
                dates,
            }
        })
        .collect()
}

/// The online courses; each opens before it closes, inside the semester.
pub(super) fn online_courses(
    cx: &mut Cx<'_>,
    courses_in: &[wire::OnlineCourseIn],
    duty_idx: &Index,
    semester: Option<&Semester>,
) -> Vec<OnlineCourse> {
    let course_idx = index_ids(
        cx,
        "online_courses",
        courses_in.iter().map(|c| (&c.id, vec![])),
    );
    drop(course_idx);
    courses_in
        .iter()
        .map(|c| {
            let from = cx.date(&c.open_from, "online_courses.open_from");
            let to = cx.date(&c.open_to, "online_courses.open_to");
            if let (Some(f), Some(t)) = (from, to)
                && t < f
            {
                cx.err(
                    Code::EndBeforeStart,
                    c.open_to.span(),
                    "online_courses.open_to",
                    format!(
                        "course `{}` closes on {t}, before it opens on {f}",
                        c.id.get_ref()
                    ),
                    format!("课程“{}”关闭日期早于开放日期", c.name),
                    "make open_to the same as or later than open_from / 关闭日期不能早于开放日期"
                        .into(),
                );
            }
            let from = in_semester(cx, semester, from, &c.open_from, "online_courses.open_from");
            let to = in_semester(cx, semester, to, &c.open_to, "online_courses.open_to");
            OnlineCourse {
                id: c.id.get_ref().clone(),
                name: c.name.clone(),
                provider: c.provider.clone(),
                duties: cx.refs(&c.duties, "online_courses.duties", "duty", "职责", duty_idx),
                cost_per_person: c
                    .cost_per_person
                    .as_ref()
                    .map_or(0.0, |v| cx.nonneg(v, "online_courses.cost_per_person")),
                open_from: from.unwrap_or(NaiveDate::MIN),
                open_to: to.unwrap_or(NaiveDate::MIN),
            }
        })
        .collect()
}
