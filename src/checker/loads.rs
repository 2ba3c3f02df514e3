//! Loads: how many training hours each person is given in the semester.
//!
//! Rule id: `groups.max_hours_per_semester` — a person's hours (the sum of the hours of the
//! sessions that list them as attendees) are at most their cap,
//! [`crate::domain::profile::Profiles::hour_cap`]: the largest `max_hours_per_semester` among their
//! groups (no cap when none of their groups sets one). A session of a known kind counts the kind's
//! hours (a plan that writes other hours is `plan.hours`), one of an unknown kind the hours it
//! writes; a person listed twice in one session counts once.

use crate::domain::{GroupIdx, PersonIdx};

use super::{Ctx, Out};

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    groups_max_hours_per_semester(cx, out);
}

/// Room for floating-point noise when comparing hours with a cap.
const TOLERANCE: f64 = 1e-6;

/// Each person's hours in the plan and the sessions that give them, in roster order.
fn hours<'a>(cx: &Ctx<'a>) -> Vec<(f64, Vec<&'a str>)> {
    let kinds = &cx.inputs.rules.session_kinds;
    let mut h: Vec<(f64, Vec<&'a str>)> = vec![(0.0, Vec::new()); cx.inputs.scenario.people.len()];
    for s in &cx.sess {
        let hours = s.kind.map_or(s.s.hours, |k| kinds[k].hours);
        if !hours.is_finite() {
            continue;
        }
        for &p in &s.attendees {
            h[p].0 += hours;
            h[p].1.push(s.s.id.as_str());
        }
    }
    h
}

/// `groups.max_hours_per_semester`: nobody is given more hours in the semester than the largest
/// cap among their groups.
fn groups_max_hours_per_semester(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (p, (have, ids)) in hours(cx).into_iter().enumerate() {
        let Some(cap) = cx.profiles.hour_cap(rules, p) else {
            continue;
        };
        if have <= cap + TOLERANCE {
            continue;
        }
        let g = &rules.groups[cap_group(cx, p, cap)];
        out.add(
            "groups.max_hours_per_semester",
            None,
            Some(&cx.inputs.scenario.people[p].id),
            format!(
                "{} 本学期共 {have} 学时（{} 场：{}），超过上限 {cap} 学时（{}）",
                cx.pname(p),
                ids.len(),
                ids.join(", "),
                g.zh
            ),
            format!(
                "{} is given {have} hours this semester ({} sessions: {}), over the cap of {cap} \
                 hours (group {})",
                cx.pname(p),
                ids.len(),
                ids.join(", "),
                g.id
            ),
        );
    }
}

/// The first of a person's groups whose cap is the person's cap.
fn cap_group(cx: &Ctx<'_>, p: PersonIdx, cap: f64) -> GroupIdx {
    let rules = &cx.inputs.rules;
    let groups = &cx.profiles.people[p].groups;
    groups
        .iter()
        .copied()
        .find(|&g| rules.groups[g].max_hours_per_semester == Some(cap))
        .unwrap_or(groups[0])
}
