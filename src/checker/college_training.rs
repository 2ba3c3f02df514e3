//! A unit's own training: on dates its colleges can use, and on a duty at most as often as the
//! rules allow.
//!
//! Rule ids: `colleges.unavailable` — a session of a training unit dated inside one of the
//! `unavailable` ranges of one of the unit's colleges; `college_training.max_sessions_per_duty` —
//! a unit with more sessions of the unit kinds (`audience_mode = "unit"`, all together) on one
//! duty than `max_sessions_per_duty`, or than one of its colleges lists that duty among its
//! `themes` when more; `colleges.themes` — a college's own theme (`themes` in the scenario) that its
//! unit trains fewer times than the college lists it.

use std::collections::BTreeMap;

use crate::domain::{AudienceMode, DutyIdx};

use super::{Ctx, Out};

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    colleges_unavailable(cx, out);
    max_sessions_per_duty(cx, out);
    colleges_themes(cx, out);
}

/// `colleges.themes`.
fn colleges_themes(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    let mut held: BTreeMap<(&str, DutyIdx), usize> = BTreeMap::new();
    for s in &cx.sess {
        let unit_kind = s
            .kind
            .is_some_and(|k| rules.session_kinds[k].audience_mode == AudienceMode::Unit);
        if unit_kind && let (Some(u), Some(d)) = (s.unit.as_deref(), s.duty) {
            *held.entry((u, d)).or_default() += 1;
        }
    }
    for (unit, colleges) in &cx.units.members {
        for &c in colleges {
            let college = &sc.colleges[c];
            let mut asked: BTreeMap<DutyIdx, usize> = BTreeMap::new();
            for &d in &college.themes {
                *asked.entry(d).or_default() += 1;
            }
            for (d, n) in asked {
                let have = held.get(&(unit.as_str(), d)).copied().unwrap_or(0);
                if have < n {
                    let duty = &rules.duties[d];
                    out.add(
                        "colleges.themes",
                        None,
                        None,
                        format!(
                            "{}自选主题“{}”{n} 次，其培训单元（{}）只安排了 {have} 次",
                            college.name,
                            duty.zh,
                            unit_name(cx, unit)
                        ),
                        format!(
                            "{} asks for its own theme `{}` {n} time(s); its unit ({}) holds {have}",
                            college.name,
                            duty.id,
                            unit_name(cx, unit)
                        ),
                    );
                }
            }
        }
    }
}

/// The names of a unit's colleges, joined (`基础医学院、药学院`); the id when unknown.
fn unit_name(cx: &Ctx<'_>, unit: &str) -> String {
    match cx.units.members.get(unit) {
        Some(cs) if !cs.is_empty() => cs
            .iter()
            .map(|&c| cx.inputs.scenario.colleges[c].name.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        _ => unit.to_string(),
    }
}

/// `colleges.unavailable`.
fn colleges_unavailable(cx: &Ctx<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    for s in &cx.sess {
        let (Some(unit), Some(date)) = (s.unit.as_deref(), s.date) else {
            continue;
        };
        for &c in cx.units.members.get(unit).into_iter().flatten() {
            let college = &sc.colleges[c];
            if let Some(r) = college.blocked_on(date) {
                let what = if r.name.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", r.name)
                };
                out.add(
                    "colleges.unavailable",
                    Some(&s.s.id),
                    None,
                    format!(
                        "{} 在 {date} 举行，但{}在 {} 至 {}{what}不能安排培训",
                        s.s.id, college.name, r.start, r.end
                    ),
                    format!(
                        "{} is on {date}, but {} cannot hold training from {} to {}{what}",
                        s.s.id, college.name, r.start, r.end
                    ),
                );
            }
        }
    }
}

/// `college_training.max_sessions_per_duty`.
fn max_sessions_per_duty(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    let mut held: BTreeMap<(&str, DutyIdx), Vec<&str>> = BTreeMap::new();
    for s in &cx.sess {
        let unit_kind = s
            .kind
            .is_some_and(|k| rules.session_kinds[k].audience_mode == AudienceMode::Unit);
        if unit_kind && let (Some(u), Some(d)) = (s.unit.as_deref(), s.duty) {
            held.entry((u, d)).or_default().push(s.s.id.as_str());
        }
    }
    for ((unit, d), ids) in held {
        let colleges = cx
            .units
            .members
            .get(unit)
            .into_iter()
            .flatten()
            .map(|&c| &sc.colleges[c]);
        let Some(max) = rules.college_training.allowance(colleges, d) else {
            return;
        };
        if ids.len() > max as usize {
            let duty = &rules.duties[d];
            out.add(
                "college_training.max_sessions_per_duty",
                None,
                None,
                format!(
                    "{} 有 {} 场“{}”的学院培训（{}），同一职责至多 {max} 场（学院主题中列出更多次的除外）",
                    unit_name(cx, unit),
                    ids.len(),
                    duty.zh,
                    ids.join(", ")
                ),
                format!(
                    "{} holds {} unit sessions on `{}` ({}); at most {max} per duty unless its colleges' themes list it more often",
                    unit_name(cx, unit),
                    ids.len(),
                    duty.id,
                    ids.join(", ")
                ),
            );
        }
    }
}
