//! Targets: hours (`hour_targets.<id>`), duty coverage (`coverage.<id>`), and the plan's own
//! coverage matrix (`plan.coverage`), all recomputed from the attendees the plan lists and the
//! hours, levels and duties of the session kinds.
//!
//! A `coverage` cell of the plan holds the hours per member of the group on the duty: the hours the
//! group's members attend on sessions of that duty, summed over the members and divided by their
//! number (0 for an empty group). Duplicate and unknown cells are `plan.duplicate_ids` and
//! `plan.references`.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{DutyIdx, Level, PersonIdx};
use crate::wire::CoverageOut;

use super::{Ctx, Out};

/// The hours each person attends, recomputed from the sessions' attendees and kinds.
struct Hours {
    /// Person → level → hours.
    by_level: Vec<BTreeMap<Level, f64>>,
    /// Person → duty → hours.
    by_duty: Vec<BTreeMap<DutyIdx, f64>>,
}

impl Hours {
    fn new(cx: &Ctx<'_>) -> Self {
        let rules = &cx.inputs.rules;
        let n = cx.inputs.scenario.people.len();
        let mut by_level: Vec<BTreeMap<Level, f64>> = vec![BTreeMap::new(); n];
        let mut by_duty: Vec<BTreeMap<DutyIdx, f64>> = vec![BTreeMap::new(); n];
        for s in &cx.sess {
            let Some(k) = s.kind.and_then(|k| rules.session_kinds.get(k)) else {
                continue;
            };
            for &p in &s.attendees {
                *by_level[p].entry(k.level).or_default() += k.hours;
                if let Some(d) = s.duty {
                    *by_duty[p].entry(d).or_default() += k.hours;
                }
            }
        }
        Self { by_level, by_duty }
    }
}

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    let hours = Hours::new(cx);
    hour_targets(cx, &hours, out);
    coverage(cx, &hours, out);
    plan_coverage(cx, &hours, out);
    plan_references(cx, out);
    plan_duplicate_ids(cx, out);
}

/// `hour_targets.<id>`: every member of the target's group attends the semester's hours of the
/// target's levels.
fn hour_targets(cx: &Ctx<'_>, hours: &Hours, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for t in &rules.hour_targets {
        let g = &rules.groups[t.group];
        for p in cx.profiles.members(t.group) {
            // counted with the record: what earlier semesters of the year delivered
            let need = cx.inputs.target_hours(t, p);
            let have: f64 = t
                .levels
                .iter()
                .map(|l| hours.by_level[p].get(l).copied().unwrap_or(0.0))
                .sum();
            if have + 1e-9 < need {
                let levels: Vec<&str> = t.levels.iter().map(|l| l.as_str()).collect();
                out.add(
                    format!("hour_targets.{}", t.id),
                    None,
                    Some(&cx.inputs.scenario.people[p].id),
                    format!(
                        "{}（{}）本学期 {} 级培训 {have} 学时，不足 {need} 学时",
                        cx.pname(p),
                        g.zh,
                        levels.join("/")
                    ),
                    format!(
                        "{} ({}) attends {have} hours of {} level sessions this semester, short of {need}",
                        cx.pname(p),
                        g.id,
                        levels.join("/")
                    ),
                );
            }
        }
    }
}

/// `coverage.<id>`: every member of the requirement's group attends a session on each of its
/// duties.
fn coverage(cx: &Ctx<'_>, hours: &Hours, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for c in &rules.coverage {
        let g = &rules.groups[c.group];
        for p in cx.profiles.members(c.group) {
            let missing: Vec<DutyIdx> = c
                .duties
                .iter()
                .copied()
                .filter(|d| !hours.by_duty[p].contains_key(d))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let zh: Vec<&str> = missing
                .iter()
                .map(|&d| rules.duties[d].zh.as_str())
                .collect();
            let en: Vec<&str> = missing
                .iter()
                .map(|&d| rules.duties[d].id.as_str())
                .collect();
            out.add(
                format!("coverage.{}", c.id),
                None,
                Some(&cx.inputs.scenario.people[p].id),
                format!(
                    "{}（{}）没有参加以下职责的培训：{}",
                    cx.pname(p),
                    g.zh,
                    zh.join("、")
                ),
                format!(
                    "{} ({}) attends no session on: {}",
                    cx.pname(p),
                    g.id,
                    en.join(", ")
                ),
            );
        }
    }
}

/// The plan's coverage cells, each with whether it is the first for its (group, duty).
fn cells<'a>(cx: &Ctx<'a>) -> Vec<(&'a CoverageOut, bool)> {
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    cx.plan
        .coverage
        .iter()
        .map(|cell| (cell, seen.insert((cell.group.as_str(), cell.duty.as_str()))))
        .collect()
}

/// `plan.coverage`: each cell of the coverage matrix holds the recomputed hours per member of the
/// group on the duty.
fn plan_coverage(cx: &Ctx<'_>, hours: &Hours, out: &mut Out) {
    for (cell, first) in cells(cx) {
        let g = cx.group.get(cell.group.as_str()).copied();
        let d = cx.duty.get(cell.duty.as_str()).copied();
        let (true, Some(g), Some(d)) = (first, g, d) else {
            continue;
        };
        let members: Vec<PersonIdx> = cx.profiles.members(g);
        let total: f64 = members
            .iter()
            .map(|&p| hours.by_duty[p].get(&d).copied().unwrap_or(0.0))
            .sum();
        let per = if members.is_empty() {
            0.0
        } else {
            total / members.len() as f64
        };
        if !cell.hours.is_finite() || (cell.hours - per).abs() > 0.01 + 1e-9 {
            out.add(
                "plan.coverage",
                None,
                None,
                format!(
                    "coverage ({}, {}) 应为人均 {per:.2} 学时（{} 人共 {total} 学时），计划写作 {}",
                    cell.group,
                    cell.duty,
                    members.len(),
                    cell.hours
                ),
                format!(
                    "coverage ({}, {}) is {per:.2} hours per member ({total} hours over {} members), the plan says {}",
                    cell.group,
                    cell.duty,
                    members.len(),
                    cell.hours
                ),
            );
        }
    }
}

/// `plan.references` in `coverage`: each cell names a group and a duty of the rules.
fn plan_references(cx: &Ctx<'_>, out: &mut Out) {
    for (cell, first) in cells(cx) {
        if !first {
            continue;
        }
        if !cx.group.contains_key(cell.group.as_str()) {
            out.unknown("群体", "group", &cell.group, "coverage", None);
        }
        if !cx.duty.contains_key(cell.duty.as_str()) {
            out.unknown("职责", "duty", &cell.duty, "coverage", None);
        }
    }
}

/// `plan.duplicate_ids` in `coverage`: one cell per (group, duty).
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    for (cell, first) in cells(cx) {
        if !first {
            out.add(
                "plan.duplicate_ids",
                None,
                None,
                format!("coverage 中 ({}, {}) 出现不止一次", cell.group, cell.duty),
                format!(
                    "coverage cell ({}, {}) appears more than once",
                    cell.group, cell.duty
                ),
            );
        }
    }
}
