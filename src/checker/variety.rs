//! Variety, per person: nobody is given the same thing twice.
//!
//! Rule ids: `variety.speaker_duty` (two sessions with the same invited speaker on the same duty),
//! `variety.course` (two sessions with the same online course), `variety.visit` (two sessions with
//! the same visit). One violation per person and speaker (with the duty), course or visit, listing
//! the sessions. The speaker, course or visit of a session is the one its `speaker` key names for
//! the kind's need (as `sessions` resolves it); sessions naming none, or an unknown one, do not
//! count, nor do speaker sessions without a known duty.

use std::collections::BTreeMap;

use crate::domain::PersonIdx;

use super::sessions::{Resource, Sess};
use super::{Ctx, Out};

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    speaker_duty(cx, out);
    course(cx, out);
    visit(cx, out);
}

/// For each person and key, the sessions with that key the person attends, when more than one
/// (`key` gives `None` for a session that does not count).
fn repeats<'a, K: Ord + Copy>(
    cx: &Ctx<'a>,
    key: impl Fn(&Sess<'a>) -> Option<K>,
) -> BTreeMap<(PersonIdx, K), Vec<&'a str>> {
    let mut m: BTreeMap<(PersonIdx, K), Vec<&'a str>> = BTreeMap::new();
    for s in &cx.sess {
        let Some(k) = key(s) else { continue };
        for &p in &s.attendees {
            m.entry((p, k)).or_default().push(s.s.id.as_str());
        }
    }
    m.retain(|_, ids| ids.len() > 1);
    m
}

/// `variety.speaker_duty`: nobody attends two sessions with the same invited speaker (a
/// `[[speakers]]` entry) on the same duty.
fn speaker_duty(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    let m = repeats(cx, |s| match (s.resource, s.duty) {
        (Some(Resource::Speaker(i)), Some(d)) => Some((i, d)),
        _ => None,
    });
    for ((p, (i, d)), ids) in m {
        let (sp, duty) = (&sc.speakers[i], &rules.duties[d]);
        out.add(
            "variety.speaker_duty",
            None,
            Some(&sc.people[p].id),
            format!(
                "{} 参加了 {} 场由 {} {} 主讲的“{}”培训（{}），同一主讲人的同一职责只应安排一次",
                cx.pname(p),
                ids.len(),
                sp.id,
                sp.name,
                duty.zh,
                ids.join(", ")
            ),
            format!(
                "{} attends {} sessions by speaker {} {} on `{}` ({}); at most one per speaker and duty",
                cx.pname(p),
                ids.len(),
                sp.id,
                sp.name,
                duty.id,
                ids.join(", ")
            ),
        );
    }
}

/// `variety.course`: nobody attends two sessions with the same online course.
fn course(cx: &Ctx<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let m = repeats(cx, |s| match s.resource {
        Some(Resource::Online(i)) => Some(i),
        _ => None,
    });
    for ((p, i), ids) in m {
        let o = &sc.online_courses[i];
        out.add(
            "variety.course",
            None,
            Some(&sc.people[p].id),
            format!(
                "{} 参加了 {} 场同一线上课程 {} {}（{}），同一课程只应安排一次",
                cx.pname(p),
                ids.len(),
                o.id,
                o.name,
                ids.join(", ")
            ),
            format!(
                "{} attends {} sessions of the same online course {} {} ({}); at most one per course",
                cx.pname(p),
                ids.len(),
                o.id,
                o.name,
                ids.join(", ")
            ),
        );
    }
}

/// `variety.visit`: nobody attends two sessions with the same visit.
fn visit(cx: &Ctx<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let m = repeats(cx, |s| match s.resource {
        Some(Resource::Visit(i)) => Some(i),
        _ => None,
    });
    for ((p, i), ids) in m {
        let v = &sc.visits[i];
        out.add(
            "variety.visit",
            None,
            Some(&sc.people[p].id),
            format!(
                "{} 参加了 {} 次赴 {} {} 的考察（{}），同一考察单位只应安排一次",
                cx.pname(p),
                ids.len(),
                v.id,
                v.name,
                ids.join(", ")
            ),
            format!(
                "{} attends {} visits to {} {} ({}); at most one per visit",
                cx.pname(p),
                ids.len(),
                v.id,
                v.name,
                ids.join(", ")
            ),
        );
    }
}
