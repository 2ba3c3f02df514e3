//! Selection MILP: how many copies of each candidate session to hold.
//!
//! People who attend exactly the same candidates and belong to the same groups form a *class*
//! K (their schedules, loads and needs are identical, so one set of rows serves them all and
//! every per-person rule holds exactly). With `n_c` copies of candidate c, `R(K)` the candidates
//! reaching K, `h_{K,d} = Σ_{c∈R(K), duty(c)=d} hours_c n_c`:
//!
//! ```text
//! maximise  hours + duties + standing + cost
//!   hours    = plan.hour_value · Σ_K |K| · ( Σ_d w(d) · min(h_{K,d}, plan.max_valued_hours_per_duty)
//!                                            + h_{K,none} )
//!   duties   = plan.duty_value · Σ_K |K| · Σ_d w(d) · [h_{K,d} > 0]
//!   standing = Σ_c n_c · plan.speaker_value.<level of c's speaker>
//!   cost     = − plan.cost_weight · Σ_c n_c · cost_c
//! subject to
//!   the counting rules (per month, per semester, per unit, per unit and duty, speaker dates and
//!   calendar.max_sessions_per_speaker, …); every fund Σ_{c∈f} cost_c n_c ≤ allocated;
//!   per class K:  Σ_{c∈R(K)} hours_c n_c ≤ cap(K)              (groups.max_hours_per_semester)
//!                 Σ_{c∈R(K)} n_c ≤ weeks · calendar.max_sessions_per_person_per_week
//!                 Σ_{c∈R(K) at the target's levels} hours_c n_c ≥ target   (hour_targets.*)
//!                 Σ_{c∈R(K), duty(c)=d} n_c ≥ 1 for every required duty d  (coverage.*)
//!                 Σ_{c∈R(K) with speaker s and duty d} n_c ≤ 1   (variety.speaker_duty)
//!                 Σ_{c∈R(K) with course o} n_c ≤ 1, Σ_{c∈R(K) with visit v} n_c ≤ 1
//!                                                               (variety.course, variety.visit)
//! ```
//! w(d) = `plan.priority_weight` for priority duties, else 1; `cap(K)` is the largest
//! `max_hours_per_semester` of the class's groups. `min(·)` and `[· > 0]` are linearised with
//! continuous variables (`y ≤ cap`, `y ≤ h`; `z ≤ 1`, `z ≤ Σ n`), which are integral at the optimum
//! because the counts are.

use std::collections::{BTreeMap, BTreeSet};

use good_lp::{Expression, Variable};

use super::candidates::{Built, Resource};
use super::{Conflict, Context};
use crate::domain::{AudienceMode, GroupIdx, PersonIdx};
use crate::planner::solver::{Model, Sense, SolveError, SolveStatus};

/// The selection.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Copies per candidate.
    pub counts: Vec<u32>,
    /// Proven optimal.
    pub optimal: bool,
    /// Terms: hours, duties, standing, cost.
    pub terms: Vec<(String, f64)>,
    /// An upper bound on the selection's value: its value when proven optimal, else the LP
    /// relaxation's optimum.
    pub bound: f64,
    /// The solver's values of the counts (fractional in a relaxation).
    values: Vec<f64>,
}

/// The selection MILP stops after this many branch-and-bound nodes with its best plan (and the
/// LP bound for the gap): a bound on the work that, unlike a clock, gives the same plan on any
/// machine.
const NODE_LIMIT: u64 = 2000;

/// … or once its best plan is proven within this relative gap of the optimum.
const MIP_GAP: f32 = 2e-3;
/// A dive this close to the LP bound (relative) is kept without a search: the gap reported is
/// still the distance to the LP bound.
const DIVE_GAP: f64 = 5e-3;

/// People who attend exactly the same candidates and belong to the same groups.
#[derive(Debug, Clone)]
pub struct Class {
    /// Members, in roster order.
    pub people: Vec<PersonIdx>,
    /// Their groups.
    pub groups: Vec<GroupIdx>,
    /// Candidates whose audience holds them, ascending.
    pub reach: Vec<usize>,
    /// The semester load cap (`groups.max_hours_per_semester`), if any group sets one.
    pub cap: Option<f64>,
}

impl Class {
    /// A short label for messages: the first member's name and the class size.
    fn label(&self, cx: &Context<'_>) -> String {
        let first = &cx.inputs.scenario.people[self.people[0]].name;
        if self.people.len() == 1 {
            first.clone()
        } else {
            format!("{first} 等 {} 人 / and {} others", self.people.len(), self.people.len() - 1)
        }
    }
}

/// The classes of a candidate set.
pub fn classes(cx: &Context<'_>, built: &Built) -> Vec<Class> {
    let n = cx.inputs.scenario.people.len();
    let mut reach: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, cand) in built.list.iter().enumerate() {
        for &p in &built.audiences[cand.audience].people {
            reach[p].push(c);
        }
    }
    let mut by_key: BTreeMap<(Vec<usize>, Vec<GroupIdx>), Vec<PersonIdx>> = BTreeMap::new();
    for (p, r) in reach.into_iter().enumerate() {
        let groups = cx.profiles.people[p].groups.clone();
        if groups.is_empty() {
            continue;
        }
        by_key.entry((r, groups)).or_default().push(p);
    }
    let mut out: Vec<Class> = by_key
        .into_iter()
        .map(|((reach, groups), people)| {
            let cap = cx.profiles.hour_cap(&cx.inputs.rules, people[0]);
            Class {
                people,
                groups,
                reach,
                cap,
            }
        })
        .collect();
    out.sort_by_key(|k| k.people[0]);
    out
}

fn duty_weight(cx: &Context<'_>, d: Option<usize>) -> f64 {
    match d {
        Some(d) if cx.inputs.rules.duties[d].priority => cx.inputs.rules.plan.priority_weight,
        _ => 1.0,
    }
}

/// Candidates the counting rules force on their own (a rule over that candidate alone with a
/// positive minimum), such as a studio's exchanges with every monthly meeting.
fn forced_candidates(built: &Built, bounds: &[u32]) -> Vec<bool> {
    let mut out = vec![false; built.list.len()];
    for r in &built.rules {
        if let [c] = r.members[..]
            && r.lo >= 1
            && bounds[c] >= r.lo
        {
            out[c] = true;
        }
    }
    out
}

/// The standing value of one session of a candidate (`plan.speaker_value`).
fn standing(cx: &Context<'_>, built: &Built, c: usize) -> f64 {
    match built.list[c].resource {
        Resource::Speaker(s) => {
            cx.inputs.rules.plan.speaker_value[cx.inputs.scenario.speakers[s].level as usize]
        }
        _ => 0.0,
    }
}

/// Variety groups within a class's reach: candidates that share a speaker and duty, a course or a
/// visit (a person attends at most one of each). Keyed by rule id and resource.
fn variety_groups(built: &Built, reach: &[usize]) -> BTreeMap<(&'static str, Resource, Option<usize>), Vec<usize>> {
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

/// The terms of a selection, from integral counts: per person exactly as the plan file will show
/// (the checker recomputes them from plan.json).
pub fn terms_of(cx: &Context<'_>, built: &Built, classes: &[Class], counts: &[u32]) -> Vec<(String, f64)> {
    let w = &cx.inputs.rules.plan;
    let nd = cx.inputs.rules.duties.len();
    let mut hours = 0.0;
    let mut duties = 0.0;
    for k in classes {
        // h: hours per duty of sessions other than the unit's own training (valued up to the
        // cap); unit: the unit's training (valued per hour); any: attended at all
        let mut h = vec![0.0; nd];
        let mut unit = vec![0.0; nd];
        let mut none = 0.0;
        for &c in &k.reach {
            let x = built.list[c].hours * f64::from(counts[c]);
            let is_unit = cx.inputs.rules.session_kinds[built.list[c].kind].audience_mode
                == AudienceMode::Unit;
            match built.list[c].duty {
                Some(d) if is_unit => unit[d] += x,
                Some(d) => h[d] += x,
                None => none += x,
            }
        }
        let size = k.people.len() as f64;
        let mut v = none;
        let mut dv = 0.0;
        for d in 0..nd {
            let wd = duty_weight(cx, Some(d));
            v += wd * (h[d].min(w.max_valued_hours_per_duty) + unit[d]);
            if h[d] + unit[d] > 0.0 {
                dv += wd;
            }
        }
        hours += w.hour_value * size * v;
        duties += w.duty_value * size * dv;
    }
    let standing_v: f64 = (0..counts.len())
        .map(|c| f64::from(counts[c]) * standing(cx, built, c))
        .sum();
    let cost: f64 = built
        .list
        .iter()
        .zip(counts)
        .map(|(c, &k)| w.cost_weight * c.cost * f64::from(k))
        .sum();
    vec![
        ("hours".into(), hours),
        ("duties".into(), duties),
        ("standing".into(), standing_v),
        ("cost".into(), -cost),
    ]
}

/// Solve the selection; on infeasibility, explain which rule families conflict.
///
/// The LP relaxation first: it answers “is it impossible?” at once (branch and bound would take
/// long to prove it) and gives the upper bound for the gap. Then a dive (fix the counts the LP
/// already has integral, round the largest fractional one, re-solve) finds a feasible selection
/// quickly, and the MILP starts from it within its time limit.
pub fn solve(cx: &Context<'_>, built: &Built, bounds: &[u32]) -> Result<Selection, Vec<Conflict>> {
    let classes = classes(cx, built);
    let relaxed = Mode {
        elastic: false,
        relaxed: true,
        lo: None,
        start: None,
    };
    let lp = match model(cx, built, &classes, bounds, relaxed) {
        Err(SolveError::Infeasible) => return Err(explain(cx, built, &classes, bounds)),
        Ok(lp) => Some(lp),
        Err(_) => None,
    };
    let start = lp.as_ref().and_then(|lp| dive(cx, built, &classes, bounds, lp));
    // A dive within the gap of the LP bound is as good as the search would prove: keep it.
    if let (Some(lp), Some(counts)) = (&lp, &start) {
        let terms = terms_of(cx, built, &classes, counts);
        let value: f64 = terms.iter().map(|(_, v)| v).sum();
        if std::env::var_os("FUDAO_TRACE").is_some() {
            eprintln!("dive: {value:.2} of LP bound {:.2}", lp.bound);
        }
        if lp.bound - value <= DIVE_GAP * lp.bound.abs().max(1.0) {
            let optimal = lp.bound - value <= 1e-6;
            return Ok(Selection {
                values: counts.iter().map(|&c| f64::from(c)).collect(),
                counts: counts.clone(),
                terms,
                optimal,
                bound: if optimal { value } else { lp.bound },
            });
        }
    }
    let exact = Mode {
        elastic: false,
        relaxed: false,
        lo: None,
        start: start.as_deref(),
    };
    match model(cx, built, &classes, bounds, exact) {
        Ok(mut s) => {
            if !s.optimal {
                let lp_bound = lp.as_ref().map_or(f64::INFINITY, |lp| lp.bound);
                s.bound = lp_bound.max(s.bound);
            }
            Ok(s)
        }
        Err(SolveError::Infeasible) => Err(explain(cx, built, &classes, bounds)),
        Err(e) => Err(vec![Conflict {
            family: "solver".into(),
            rules: Vec::new(),
            message: format!("求解器错误 / solver error: {e}"),
        }]),
    }
}

/// A feasible selection by diving on the LP relaxation: every count the LP has integral is
/// fixed, the fractional count with the largest value is rounded up (or, when that is
/// infeasible, down), and the LP is solved again, until every count is integral. `None` when a
/// rounding leaves no feasible LP either way.
fn dive(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    bounds: &[u32],
    root: &Selection,
) -> Option<Vec<u32>> {
    let nc = built.list.len();
    let mut lo = vec![0u32; nc];
    let mut hi = bounds.to_vec();
    let mut values = root.values.clone();
    for _ in 0..=nc {
        let frac = |x: f64| (x - x.round()).abs() > 1e-6;
        // fix what the LP already wants (integral and positive); zeros stay free, so later
        // rounds can still bring a session in where a rounding freed money or hours
        for c in 0..nc {
            if !frac(values[c]) && values[c] > 0.5 {
                let r = values[c].round().clamp(f64::from(lo[c]), f64::from(hi[c])) as u32;
                lo[c] = lo[c].max(r);
            }
        }
        let mut fractional: Vec<usize> = (0..nc).filter(|&c| frac(values[c])).collect();
        if fractional.is_empty() {
            return Some(lo);
        }
        fractional.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
        // Round a quarter of the fractional counts up at once (the largest first); if the LP
        // cannot take that, the largest alone, up or else down.
        let batch = (fractional.len() / 4).max(1);
        let mut tries: Vec<Vec<(usize, u32, u32)>> = Vec::new();
        let up = |c: usize| (c, values[c].ceil() as u32, hi[c]);
        if batch > 1 {
            tries.push(fractional[..batch].iter().map(|&c| up(c)).collect());
        }
        let pick = fractional[0];
        tries.push(vec![up(pick)]);
        tries.push(vec![(pick, lo[pick], (values[pick].ceil() as u32).saturating_sub(1))]);
        let mut next = None;
        for fixes in tries {
            if fixes.iter().any(|&(_, l, h)| l > h) {
                continue;
            }
            let (mut l2, mut h2) = (lo.clone(), hi.clone());
            for &(c, l, h) in &fixes {
                l2[c] = l;
                h2[c] = h;
            }
            let mode = Mode {
                elastic: false,
                relaxed: true,
                lo: Some(&l2),
                start: None,
            };
            if let Ok(s) = model(cx, built, classes, &h2, mode) {
                next = Some((l2, h2, s.values));
                break;
            }
        }
        let (l2, h2, v) = next?;
        lo = l2;
        hi = h2;
        values = v;
    }
    None
}

struct Slacks {
    vars: Vec<(Variable, String, String, String)>, // var, family, rule, what
}

/// How the selection model is solved.
#[derive(Clone, Copy)]
struct Mode<'a> {
    /// Minimise the bending of the rules (slack on every family) instead of the plan objective.
    elastic: bool,
    /// Solve the LP relaxation.
    relaxed: bool,
    /// Lower bounds of the counts (a dive fixes some).
    lo: Option<&'a [u32]>,
    /// A feasible selection to start the search from.
    start: Option<&'a [u32]>,
}

#[allow(clippy::too_many_lines)]
fn model(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    bounds: &[u32],
    mode: Mode<'_>,
) -> Result<Selection, SolveError> {
    let Mode {
        elastic,
        relaxed,
        lo,
        start,
    } = mode;
    let rules = &cx.inputs.rules;
    let cands = &built.list;
    let mut m = Model::new();
    let n: Vec<Variable> = cands
        .iter()
        .zip(bounds)
        .enumerate()
        .map(|(c, (_, &hi))| {
            let low = lo.map_or(0.0, |l| f64::from(l[c]));
            if relaxed {
                m.continuous(low, f64::from(hi))
            } else {
                m.integer(low, f64::from(hi))
            }
        })
        .collect();
    if let Some(start) = start {
        m.initial = Some(n.iter().zip(start).map(|(&v, &x)| (v, f64::from(x))).collect());
    }
    let mut slacks = Slacks { vars: Vec::new() };
    let mut slack = |m: &mut Model, family: &str, rule: &str, what: String| -> Expression {
        if elastic {
            let v = m.continuous(0.0, f64::INFINITY);
            slacks
                .vars
                .push((v, family.to_string(), rule.to_string(), what));
            Expression::from(v)
        } else {
            Expression::from(0.0)
        }
    };
    let sum_of = |members: &[usize]| -> Expression { members.iter().map(|&c| n[c]).sum() };
    let hours_of = |members: &[usize]| -> Expression {
        members.iter().map(|&c| cands[c].hours * n[c]).sum()
    };

    // counting rules
    for r in &built.rules {
        let sum = sum_of(&r.members);
        if r.lo > 0 {
            let s = slack(&mut m, "count", &r.rule, r.what.clone());
            m.add((sum.clone() + s).geq(f64::from(r.lo)));
        }
        if let Some(hi) = r.hi {
            m.add(sum.leq(f64::from(hi)));
        }
    }
    // funds
    for (f, fund) in cx.funds.iter().enumerate() {
        let spend: Expression = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.fund == f)
            .map(|(i, c)| c.cost * n[i])
            .sum();
        let s = slack(
            &mut m,
            "budget",
            "budget.funds",
            format!(
                "经费 {} 已分配 {:.2} 元 / fund {} allocated {:.2}",
                fund.id, fund.allocated, fund.id, fund.allocated
            ),
        );
        m.add((spend - s).leq(fund.allocated));
    }
    // per class: loads, variety, targets, required coverage. Rows that several classes share
    // (same members, same bound) are added once.
    let weeks: BTreeSet<usize> = cx.calendar.days.iter().map(|d| d.week).collect();
    let week_limit =
        f64::from(rules.calendar.max_sessions_per_person_per_week) * weeks.len() as f64;
    let mut seen_rows: BTreeSet<(String, Vec<usize>)> = BTreeSet::new();
    let mut once = |key: &str, members: &[usize]| seen_rows.insert((key.to_string(), members.to_vec()));
    for k in classes {
        if k.reach.is_empty() {
            continue;
        }
        if once("week", &k.reach) {
            m.add(sum_of(&k.reach).leq(week_limit));
        }
        if let Some(cap) = k.cap
            && once(&format!("cap{cap}"), &k.reach)
        {
            let s = slack(
                &mut m,
                "load",
                "groups.max_hours_per_semester",
                format!("{} 每学期至多 {cap} 学时 / at most {cap} h a semester", k.label(cx)),
            );
            m.add((hours_of(&k.reach) - s).leq(cap));
        }
        for ((rule, _, _), members) in variety_groups(built, &k.reach) {
            if members.len() == 1 && bounds[members[0]] <= 1 {
                continue;
            }
            if once(rule, &members) {
                m.add(sum_of(&members).leq(1.0));
            }
        }
    }
    for k in classes {
        for t in rules.hour_targets.iter().filter(|t| k.groups.contains(&t.group)) {
            let at_levels: Vec<usize> = k
                .reach
                .iter()
                .copied()
                .filter(|&c| t.levels.contains(&rules.session_kinds[cands[c].kind].level))
                .collect();
            let need = rules.semester_hours(t);
            let s = slack(
                &mut m,
                "hours",
                &format!("hour_targets.{}", t.id),
                format!("{} 需 {need} 学时 / needs {need} h", k.label(cx)),
            );
            m.add((hours_of(&at_levels) + s).geq(need));
        }
        for req in rules.coverage.iter().filter(|r| k.groups.contains(&r.group)) {
            for &d in &req.duties {
                let on_d: Vec<usize> = k
                    .reach
                    .iter()
                    .copied()
                    .filter(|&c| cands[c].duty == Some(d))
                    .collect();
                let s = slack(
                    &mut m,
                    "coverage",
                    &format!("coverage.{}", req.id),
                    format!(
                        "{} 需覆盖职责 {} / must cover {}",
                        k.label(cx),
                        rules.duties[d].zh,
                        rules.duties[d].id
                    ),
                );
                m.add((sum_of(&on_d) + s).geq(1.0));
            }
        }
    }
    // objective
    let w = &rules.plan;
    let mut cost_term = Expression::from(0.0);
    let mut standing_term = Expression::from(0.0);
    for (i, c) in cands.iter().enumerate() {
        cost_term += w.cost_weight * c.cost * n[i];
        let v = standing(cx, built, i);
        if v != 0.0 {
            standing_term += v * n[i];
        }
    }
    // Hours and duties. Classes that differ only in sessions the rules force (a studio's
    // exchanges, held with every monthly meeting) or in their unit's own training share the
    // variables: unit training is valued per hour without a cap (`per_unit_duty_max` spreads it
    // over the duties), and a forced session's duty is covered whatever the counts.
    let forced = forced_candidates(built, bounds);
    let unit_kind = |c: usize| rules.session_kinds[cands[c].kind].audience_mode == AudienceMode::Unit;
    let mut hours_term = Expression::from(0.0);
    let mut duty_term = Expression::from(0.0);
    let mut capped: BTreeMap<Vec<usize>, f64> = BTreeMap::new();
    let mut lacking: BTreeMap<Vec<usize>, Vec<f64>> = BTreeMap::new();
    let nd = rules.duties.len();
    for k in classes {
        let size = k.people.len() as f64;
        let key: Vec<usize> = k.reach.iter().copied().filter(|&c| !unit_kind(c)).collect();
        *capped.entry(key).or_default() += size;
        for &c in k.reach.iter().filter(|&&c| unit_kind(c)) {
            let wd = duty_weight(cx, cands[c].duty);
            hours_term += w.hour_value * size * wd * cands[c].hours * n[c];
        }
        let sure: BTreeSet<usize> = k
            .reach
            .iter()
            .filter(|&&c| forced[c])
            .filter_map(|&c| cands[c].duty)
            .collect();
        let key: Vec<usize> = k.reach.iter().copied().filter(|&c| !forced[c]).collect();
        let row = lacking.entry(key).or_insert_with(|| vec![0.0; nd]);
        for (d, x) in row.iter_mut().enumerate() {
            if sure.contains(&d) {
                // covered whatever the counts: a constant of the objective
                duty_term += w.duty_value * size * duty_weight(cx, Some(d));
            } else {
                *x += size;
            }
        }
    }
    for (reach, size) in &capped {
        let mut by_duty: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
        for &c in reach {
            by_duty.entry(cands[c].duty).or_default().push(c);
        }
        for (d, members) in by_duty {
            let h = hours_of(&members);
            match d {
                None => hours_term += w.hour_value * size * h,
                Some(d) => {
                    let y = m.continuous(0.0, w.max_valued_hours_per_duty);
                    m.add(Expression::from(y).leq(h));
                    hours_term += w.hour_value * size * duty_weight(cx, Some(d)) * y;
                }
            }
        }
    }
    if w.duty_value > 0.0 {
        for (reach, sizes) in &lacking {
            for (d, &size) in sizes.iter().enumerate() {
                let on_d: Vec<usize> = reach
                    .iter()
                    .copied()
                    .filter(|&c| cands[c].duty == Some(d))
                    .collect();
                if size == 0.0 || on_d.is_empty() {
                    continue;
                }
                let z = m.continuous(0.0, 1.0);
                m.add(Expression::from(z).leq(sum_of(&on_d)));
                duty_term += w.duty_value * size * duty_weight(cx, Some(d)) * z;
            }
        }
    }
    if elastic {
        // minimise the bending only
        let total: Expression = slacks
            .vars
            .iter()
            .map(|(v, fam, _, _)| {
                // what a user would change first: money, then hours, then the load caps, then
                // coverage, and only then the number of sessions the rules require
                let w = match fam.as_str() {
                    "budget" => 0.001,
                    "hours" => 10.0,
                    "load" => 30.0,
                    "coverage" => 100.0,
                    _ => 1000.0,
                };
                w * *v
            })
            .sum();
        let sol = m.solve(Sense::Minimise, total)?;
        let counts = n.iter().map(|&v| sol.int(v).max(0) as u32).collect();
        let bent: Vec<(String, f64)> = slacks
            .vars
            .iter()
            .filter(|(v, ..)| sol.value(*v) > 1e-6)
            .map(|(v, fam, rule, what)| (format!("{fam}\u{1f}{rule}\u{1f}{what}"), sol.value(*v)))
            .collect();
        return Ok(Selection {
            values: n.iter().map(|&v| sol.value(v)).collect(),
            counts,
            optimal: false,
            terms: bent,
            bound: sol.objective,
        });
    }
    let objective = hours_term + duty_term + standing_term - cost_term;
    if !relaxed {
        m.node_limit = Some(NODE_LIMIT);
        m.mip_gap = Some(MIP_GAP);
    }
    let sol = m.solve(Sense::Maximise, objective)?;
    let counts: Vec<u32> = n.iter().map(|&v| sol.int(v).max(0) as u32).collect();
    let terms = terms_of(cx, built, classes, &counts);
    let value: f64 = terms.iter().map(|(_, v)| v).sum();
    let optimal = sol.status == SolveStatus::Optimal;
    Ok(Selection {
        values: n.iter().map(|&v| sol.value(v)).collect(),
        terms,
        counts,
        optimal,
        bound: if relaxed { sol.objective } else { value },
    })
}

/// Re-solve with slack on every family and report what had to bend, with the numbers.
fn explain(cx: &Context<'_>, built: &Built, classes: &[Class], bounds: &[u32]) -> Vec<Conflict> {
    let mode = Mode {
        elastic: true,
        relaxed: true,
        lo: None,
        start: None,
    };
    match model(cx, built, classes, bounds, mode) {
        Ok(sel) => {
            let mut out: Vec<Conflict> = sel
                .terms
                .iter()
                .map(|(key, amount)| {
                    let mut parts = key.split('\u{1f}');
                    let family = parts.next().unwrap_or("").to_string();
                    let rule = parts.next().unwrap_or("").to_string();
                    let what = parts.next().unwrap_or("").to_string();
                    let message = match family.as_str() {
                        "budget" => {
                            format!("{what}：约差 {amount:.2} 元 / short by about {amount:.2} yuan")
                        }
                        "hours" => {
                            format!("{what}：约差 {amount:.1} 学时 / short by about {amount:.1} h")
                        }
                        "load" => {
                            format!("{what}：约超 {amount:.1} 学时 / over by about {amount:.1} h")
                        }
                        "coverage" => {
                            format!("{what}：无法安排 / no session can be afforded or placed")
                        }
                        _ => format!("{what}：还差 {amount:.0} 次 / short by {amount:.0}"),
                    };
                    Conflict {
                        family,
                        rules: vec![rule],
                        message,
                    }
                })
                .collect();
            if out
                .iter()
                .any(|c| c.family == "hours" || c.family == "coverage")
            {
                // the calendar's capacity is the usual root cause: say how much there is
                let weeks: BTreeSet<usize> = cx.calendar.days.iter().map(|d| d.week).collect();
                let cap = cx.inputs.rules.calendar.max_sessions_per_person_per_week;
                out.insert(
                    0,
                    Conflict {
                        family: "calendar".into(),
                        rules: vec!["calendar.max_sessions_per_person_per_week".into()],
                        message: format!(
                            "本学期可用 {} 周、每人每周至多 {cap} 次，每人至多 {} 次活动；可用日 {} 天 / {} usable weeks at {cap} sessions a week allow at most {} sessions per person ({} usable days)",
                            weeks.len(),
                            weeks.len() as u32 * cap,
                            cx.calendar.days.len(),
                            weeks.len(),
                            weeks.len() as u32 * cap,
                            cx.calendar.days.len()
                        ),
                    },
                );
            }
            if out.is_empty() {
                out.push(Conflict {
                    family: "unknown".into(),
                    rules: Vec::new(),
                    message: "规则相互冲突，但未能定位 / the rules conflict but no single family explains it".into(),
                });
            }
            out
        }
        Err(e) => vec![Conflict {
            family: "count".into(),
            rules: vec!["session_kinds".into()],
            message: format!(
                "会议数量规则本身无法满足（例如可用日期或主讲人不足）/ the session-count rules alone cannot hold (e.g. not enough dates or speakers): {e}"
            ),
        }],
    }
}
