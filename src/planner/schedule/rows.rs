//! The selection's constraints as plain rows `lo ≤ Σ a_c n_c ≤ hi` over the candidate counts:
//! one list that the MILP ([`super::select`]), its elastic explanation and the local search
//! ([`super::improve`]) all read, so the three cannot disagree on what is allowed.

use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use super::candidates::{Built, Resource};
use super::select::Class;

/// Which bound of a row may bend when the rules conflict (the elastic model puts a slack on it),
/// and under which family the explanation reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A session-count rule's minimum.
    Count,
    /// A fund's allocation.
    Budget,
    /// A person's semester load cap.
    Load,
    /// An hour target.
    Hours,
    /// A required duty.
    Coverage,
}

impl Family {
    /// Its name in conflicts.
    pub fn name(self) -> &'static str {
        match self {
            Family::Count => "count",
            Family::Budget => "budget",
            Family::Load => "load",
            Family::Hours => "hours",
            Family::Coverage => "coverage",
        }
    }
}

/// A row's one bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// `Σ a_c n_c ≥ x`.
    AtLeast(f64),
    /// `Σ a_c n_c ≤ x`.
    AtMost(f64),
}

impl Bound {
    /// Whether a row activity satisfies it (with a small tolerance for sums of hours and yuan).
    pub fn holds(self, activity: f64) -> bool {
        match self {
            Bound::AtLeast(x) => activity >= x - 1e-6,
            Bound::AtMost(x) => activity <= x + 1e-6,
        }
    }
}

/// One row: `Σ a_c n_c` against its bound.
#[derive(Debug, Clone)]
pub struct Row {
    /// `(candidate, coefficient)`, candidates ascending.
    pub terms: Vec<(usize, f64)>,
    /// Its bound.
    pub bound: Bound,
    /// Whether the bound may bend in the elastic model (`None`: a row that never bends).
    pub bend: Option<Family>,
    /// The rule id.
    pub rule: String,
    /// What it is about, bilingual.
    pub what: String,
}

/// Variety groups within a class's reach: candidates that share a speaker and duty, a course or a
/// visit (a person attends at most one of each). Keyed by rule id and resource.
pub fn variety_groups(
    built: &Built,
    reach: &[usize],
) -> BTreeMap<(&'static str, Resource, Option<usize>), Vec<usize>> {
    let mut out: BTreeMap<(&'static str, Resource, Option<usize>), Vec<usize>> = BTreeMap::new();
    for &c in reach {
        let cand = &built.list[c];
        let key = match cand.resource {
            Resource::Speaker(_) => ("variety.speaker_duty", cand.resource, cand.duty),
            Resource::Course(_) => ("variety.course", cand.resource, None),
            Resource::Visit(_) => ("variety.visit", cand.resource, None),
            Resource::None => continue,
        };
        out.entry(key).or_default().push(c);
    }
    out
}

/// Every row of the selection: the counting rules (per month, per semester, per unit, per unit
/// and duty, speakers), the funds, and per class of people the weekly and semester loads,
/// variety, hour targets and required coverage. Rows that several classes share (same members,
/// same bound) appear once.
#[allow(clippy::too_many_lines)]
pub fn rows(cx: &Context<'_>, built: &Built, classes: &[Class], bounds: &[u32]) -> Vec<Row> {
    let rules = &cx.inputs.rules;
    let cands = &built.list;
    let ones =
        |members: &[usize]| -> Vec<(usize, f64)> { members.iter().map(|&c| (c, 1.0)).collect() };
    let hours = |members: &[usize]| -> Vec<(usize, f64)> {
        members.iter().map(|&c| (c, cands[c].hours)).collect()
    };
    let mut out = Vec::new();
    for r in &built.rules {
        if r.lo > 0 {
            out.push(Row {
                terms: ones(&r.members),
                bound: Bound::AtLeast(f64::from(r.lo)),
                bend: Some(Family::Count),
                rule: r.rule.clone(),
                what: r.what.clone(),
            });
        }
        if let Some(hi) = r.hi {
            out.push(Row {
                terms: ones(&r.members),
                bound: Bound::AtMost(f64::from(hi)),
                bend: None,
                rule: r.rule.clone(),
                what: r.what.clone(),
            });
        }
    }
    for (f, fund) in cx.funds.iter().enumerate() {
        let terms: Vec<(usize, f64)> = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.fund == f)
            .map(|(i, c)| (i, c.cost))
            .collect();
        out.push(Row {
            terms,
            bound: Bound::AtMost(fund.allocated),
            bend: Some(Family::Budget),
            rule: "budget.funds".into(),
            what: format!(
                "经费 {} 已分配 {:.2} 元 / fund {} allocated {:.2}",
                fund.id, fund.allocated, fund.id, fund.allocated
            ),
        });
    }
    let weeks: BTreeSet<usize> = cx.calendar.days.iter().map(|d| d.week).collect();
    let per_week = rules.calendar.max_sessions_per_person_per_week;
    let week_limit = f64::from(per_week) * weeks.len() as f64;
    let mut seen: BTreeSet<(String, Vec<usize>)> = BTreeSet::new();
    let mut once = |key: &str, members: &[usize]| seen.insert((key.to_string(), members.to_vec()));
    for k in classes {
        if k.reach.is_empty() {
            continue;
        }
        if once("week", &k.reach) {
            out.push(Row {
                terms: ones(&k.reach),
                bound: Bound::AtMost(week_limit),
                bend: None,
                rule: "calendar.max_sessions_per_person_per_week".into(),
                what: format!(
                    "{} 每周至多 {per_week} 次 / at most {per_week} sessions a week",
                    k.label(cx)
                ),
            });
        }
        if let Some(cap) = k.cap
            && once(&format!("cap{cap}"), &k.reach)
        {
            out.push(Row {
                terms: hours(&k.reach),
                bound: Bound::AtMost(cap),
                bend: Some(Family::Load),
                rule: "groups.max_hours_per_semester".into(),
                what: format!(
                    "{} 每学期至多 {cap} 学时 / at most {cap} h a semester",
                    k.label(cx)
                ),
            });
        }
        for ((rule, _, _), members) in variety_groups(built, &k.reach) {
            if members.len() == 1 && bounds[members[0]] <= 1 {
                continue;
            }
            if once(rule, &members) {
                out.push(Row {
                    terms: ones(&members),
                    bound: Bound::AtMost(1.0),
                    bend: None,
                    rule: rule.into(),
                    what: format!("{} 同一项至多一次 / at most once each", k.label(cx)),
                });
            }
        }
    }
    for k in classes {
        for (ti, t) in rules
            .hour_targets
            .iter()
            .enumerate()
            .filter(|(_, t)| k.groups.contains(&t.group))
        {
            let at_levels: Vec<usize> = k
                .reach
                .iter()
                .copied()
                .filter(|&c| t.levels.contains(&rules.session_kinds[cands[c].kind].level))
                .collect();
            // counted with the record: what earlier semesters of the year delivered
            let need = k.targets[ti];
            out.push(Row {
                terms: hours(&at_levels),
                bound: Bound::AtLeast(need),
                bend: Some(Family::Hours),
                rule: format!("hour_targets.{}", t.id),
                what: format!("{} 需 {need} 学时 / needs {need} h", k.label(cx)),
            });
        }
        for req in rules
            .coverage
            .iter()
            .filter(|r| k.groups.contains(&r.group))
        {
            for &d in &req.duties {
                let on_d: Vec<usize> = k
                    .reach
                    .iter()
                    .copied()
                    .filter(|&c| cands[c].duty == Some(d))
                    .collect();
                out.push(Row {
                    terms: ones(&on_d),
                    bound: Bound::AtLeast(1.0),
                    bend: Some(Family::Coverage),
                    rule: format!("coverage.{}", req.id),
                    what: format!(
                        "{} 需覆盖职责 {} / must cover {}",
                        k.label(cx),
                        rules.duties[d].zh,
                        rules.duties[d].id
                    ),
                });
            }
        }
    }
    out
}
