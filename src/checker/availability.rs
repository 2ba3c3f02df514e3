//! Availability: nobody attends a session on a day they cannot come.
//!
//! Rule id: `people.availability` — an attendee of a session dated before their hire date
//! (`hired`), after their last day (`left`), or on one of their `unavailable` dates. One
//! violation per person and session, saying which of the three.

use super::{Ctx, Out};

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    people_availability(cx, out);
}

/// `people.availability`.
fn people_availability(cx: &Ctx<'_>, out: &mut Out) {
    for s in &cx.sess {
        let Some(date) = s.date else { continue };
        for &p in &s.attendees {
            let person = &cx.inputs.scenario.people[p];
            let (zh, en) = if date < person.hired {
                (
                    format!("入职日期为 {}", person.hired),
                    format!("is hired on {}", person.hired),
                )
            } else if let Some(left) = person.left.filter(|&l| date > l) {
                (format!("已于 {left} 离职"), format!("left on {left}"))
            } else if person.unavailable.binary_search(&date).is_ok() {
                (
                    "当日不能参加".to_string(),
                    "cannot attend that day".to_string(),
                )
            } else {
                continue;
            };
            out.add(
                "people.availability",
                Some(&s.s.id),
                Some(&person.id),
                format!("{} {}，却被安排参加 {date} 的 {}", cx.pname(p), zh, s.s.id),
                format!("{} {en}, yet attends {} on {date}", cx.pname(p), s.s.id),
            );
        }
    }
}
