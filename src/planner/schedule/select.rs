//! Selection MILP: how many copies of each candidate session to hold.
//!
//! maximise  Σ_c n_c · (hour_value · hours_c · |A_c| · w(d_c) − cost_weight · cost_c)
//!         + Σ_{g,d} cell_value · w(d) · cov_{g,d}
//! subject to the counting rules (per month, per semester, per unit, speaker dates, …), each fund
//! Σ cost_c n_c ≤ allocated, and for every class K (the members of a group in one training unit,
//! or the group's school-level staff): hours reaching all of K ≥ each hour target, at least one
//! session on each required duty reaching all of K, and cov_{g,d} ≤ sessions on d reaching K.
//! w(d) = `plan.priority_weight` for priority duties, else 1.

use std::collections::BTreeSet;

use good_lp::{Expression, Variable};

use super::candidates::{Built, Candidate};
use super::{Conflict, Context};
use crate::domain::PersonIdx;
use crate::planner::solver::{Model, Sense, SolveError, SolveStatus};

/// The selection.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Copies per candidate.
    pub counts: Vec<u32>,
    /// Proven optimal.
    pub optimal: bool,
    /// Terms: hours, coverage, cost.
    pub terms: Vec<(String, f64)>,
}

/// A class of members of a group that every session must reach as a whole.
struct Class {
    group: usize,
    label: String,
    people: Vec<PersonIdx>,
}

fn classes(cx: &Context<'_>) -> Vec<Class> {
    let sc = &cx.inputs.scenario;
    let mut out = Vec::new();
    for (g, gr) in cx.inputs.rules.groups.iter().enumerate() {
        let members = cx.profiles.members(g);
        let mut by_unit: std::collections::BTreeMap<Option<usize>, Vec<PersonIdx>> =
            Default::default();
        for p in members {
            let u = sc.people[p].college.and_then(|c| cx.unit_of_college[c]);
            by_unit.entry(u).or_default().push(p);
        }
        for (u, people) in by_unit {
            let label = match u {
                Some(u) => format!("{}@{}", gr.id, cx.units[u].id),
                None => format!("{}@school", gr.id),
            };
            out.push(Class {
                group: g,
                label,
                people,
            });
        }
    }
    out
}

fn duty_weight(cx: &Context<'_>, d: Option<usize>) -> f64 {
    match d {
        Some(d) if cx.inputs.rules.duties[d].priority => cx.inputs.rules.plan.priority_weight,
        _ => 1.0,
    }
}

/// Candidates pooled by (audience with the same people, duty): their hours are valued together.
fn hour_pools(built: &Built) -> std::collections::BTreeMap<(usize, Option<usize>), Vec<usize>> {
    // audiences with the same people share a pool (the first such audience names it)
    let mut same: std::collections::BTreeMap<&[PersonIdx], usize> = Default::default();
    let canon: Vec<usize> = built
        .audiences
        .iter()
        .enumerate()
        .map(|(i, a)| *same.entry(a.people.as_slice()).or_insert(i))
        .collect();
    let mut pools: std::collections::BTreeMap<(usize, Option<usize>), Vec<usize>> =
        Default::default();
    for (c, cand) in built.list.iter().enumerate() {
        pools
            .entry((canon[cand.audience], cand.duty))
            .or_default()
            .push(c);
    }
    pools
}

/// The hours term of a selection: `hour_value · |A| · w(d) · min(cap, Σ hours)` per pool
/// (no cap for sessions without a duty, such as the camp).
pub fn hours_value(cx: &Context<'_>, built: &Built, counts: &[u32]) -> f64 {
    let w = &cx.inputs.rules.plan;
    hour_pools(built)
        .into_iter()
        .map(|((a, d), members)| {
            let h: f64 = members
                .iter()
                .map(|&c| built.list[c].hours * f64::from(counts[c]))
                .sum();
            let h = if d.is_some() {
                h.min(w.max_valued_hours_per_duty)
            } else {
                h
            };
            w.hour_value * built.audiences[a].people.len() as f64 * duty_weight(cx, d) * h
        })
        .sum()
}

/// Solve the selection; on infeasibility, explain which rule families conflict.
pub fn solve(cx: &Context<'_>, built: &Built, bounds: &[u32]) -> Result<Selection, Vec<Conflict>> {
    // The LP relaxation answers “is it impossible?” at once; branch and bound would take long to
    // prove it. Explanations come from the relaxed elastic model, so they are quick too.
    if let Err(SolveError::Infeasible) = model(cx, built, bounds, false, true) {
        return Err(explain(cx, built, bounds));
    }
    match model(cx, built, bounds, false, false) {
        Ok(s) => Ok(s),
        Err(SolveError::Infeasible) => Err(explain(cx, built, bounds)),
        Err(e) => Err(vec![Conflict {
            family: "solver".into(),
            rules: Vec::new(),
            message: format!("求解器错误 / solver error: {e}"),
        }]),
    }
}

struct Slacks {
    vars: Vec<(Variable, String, String, String)>, // var, family, rule, what
}

fn model(
    cx: &Context<'_>,
    built: &Built,
    bounds: &[u32],
    elastic: bool,
    relaxed: bool,
) -> Result<Selection, SolveError> {
    let rules = &cx.inputs.rules;
    let cands = &built.list;
    let mut m = Model::new();
    let n: Vec<Variable> = cands
        .iter()
        .zip(bounds)
        .map(|(_, &hi)| {
            if relaxed {
                m.continuous(0.0, f64::from(hi))
            } else {
                m.integer(0.0, f64::from(hi))
            }
        })
        .collect();
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

    // counting rules
    for r in &built.rules {
        let sum: Expression = r.members.iter().map(|&c| n[c]).sum();
        if r.lo > 0 {
            let s = slack(&mut m, "count", &r.rule, r.what.clone());
            m.add((sum.clone() + s).geq(f64::from(r.lo)));
        }
        if let Some(hi) = r.hi {
            m.add(sum.leq(f64::from(hi)));
        }
    }
    // weekly cap, summed over the semester: nobody can attend more than cap × usable weeks.
    // People who attend exactly the same candidates share one row.
    {
        let weeks: BTreeSet<usize> = cx.calendar.days.iter().map(|d| d.week).collect();
        let limit = f64::from(rules.calendar.max_sessions_per_person_per_week) * weeks.len() as f64;
        let mut of_person: Vec<Vec<usize>> = vec![Vec::new(); cx.inputs.scenario.people.len()];
        for (c, cand) in cands.iter().enumerate() {
            for &p in &built.audiences[cand.audience].people {
                of_person[p].push(c);
            }
        }
        let signatures: BTreeSet<Vec<usize>> =
            of_person.into_iter().filter(|v| !v.is_empty()).collect();
        for sig in signatures {
            let load: Expression = sig.iter().map(|&c| n[c]).sum();
            m.add(load.leq(limit));
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
    // classes: hours, required coverage, coverage value
    let classes = classes(cx);
    let aud_sets: Vec<BTreeSet<PersonIdx>> = built
        .audiences
        .iter()
        .map(|a| a.people.iter().copied().collect())
        .collect();
    let reaches =
        |c: &Candidate, k: &Class| k.people.iter().all(|p| aud_sets[c.audience].contains(p));
    let nd = rules.duties.len();
    let ng = rules.groups.len();
    let mut cov = vec![vec![None; nd]; ng];
    for (g, row) in cov.iter_mut().enumerate() {
        if cx.profiles.members(g).is_empty() {
            continue;
        }
        for slot in row.iter_mut() {
            *slot = Some(if relaxed {
                m.continuous(0.0, 1.0)
            } else {
                m.binary()
            });
        }
    }
    for k in &classes {
        let reach: Vec<usize> = (0..cands.len())
            .filter(|&c| reaches(&cands[c], k))
            .collect();
        for t in rules.hour_targets.iter().filter(|t| t.group == k.group) {
            let hours: Expression = reach
                .iter()
                .filter(|&&c| t.levels.contains(&rules.session_kinds[cands[c].kind].level))
                .map(|&c| cands[c].hours * n[c])
                .sum();
            let need = rules.semester_hours(t);
            let s = slack(
                &mut m,
                "hours",
                &format!("hour_targets.{}", t.id),
                format!("{} 需 {need} 学时 / needs {need} h", k.label),
            );
            m.add((hours + s).geq(need));
        }
        for (d, cov_d) in cov[k.group].iter().enumerate() {
            let on_d: Expression = reach
                .iter()
                .filter(|&&c| cands[c].duty == Some(d))
                .map(|&c| n[c])
                .sum();
            for req in rules
                .coverage
                .iter()
                .filter(|r| r.group == k.group && r.duties.contains(&d))
            {
                let s = slack(
                    &mut m,
                    "coverage",
                    &format!("coverage.{}", req.id),
                    format!(
                        "{} 需覆盖职责 {} / must cover {}",
                        k.label, rules.duties[d].zh, rules.duties[d].id
                    ),
                );
                m.add((on_d.clone() + s).geq(1.0));
            }
            if let Some(v) = cov_d {
                m.add(Expression::from(*v).leq(on_d));
            }
        }
    }
    // objective
    let w = &rules.plan;
    // hours: per (audience, duty), valued up to plan.max_valued_hours_per_duty
    let mut hours_term = Expression::from(0.0);
    let mut cost_term = Expression::from(0.0);
    for (i, c) in cands.iter().enumerate() {
        cost_term += w.cost_weight * c.cost * n[i];
    }
    for (key, members) in hour_pools(built) {
        let people = built.audiences[key.0].people.len() as f64;
        let weight = w.hour_value * people * duty_weight(cx, key.1);
        let hours: Expression = members.iter().map(|&c| cands[c].hours * n[c]).sum();
        match key.1 {
            Some(_) => {
                let y = m.continuous(0.0, w.max_valued_hours_per_duty);
                m.add(Expression::from(y).leq(hours));
                hours_term += weight * y;
            }
            None => hours_term += weight * hours,
        }
    }
    let mut cov_term = Expression::from(0.0);
    for row in &cov {
        for (d, v) in row.iter().enumerate() {
            if let Some(v) = v {
                cov_term += w.cell_value * duty_weight(cx, Some(d)) * *v;
            }
        }
    }
    if elastic {
        // minimise the bending only
        let total: Expression = slacks
            .vars
            .iter()
            .map(|(v, fam, _, _)| {
                // what a user would change first: money, then hours, then coverage, and only then
                // the number of sessions the rules require
                let w = match fam.as_str() {
                    "budget" => 0.001,
                    "hours" => 10.0,
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
            counts,
            optimal: false,
            terms: bent,
        });
    }
    let objective = hours_term.clone() + cov_term.clone() - cost_term.clone();
    let sol = m.solve(Sense::Maximise, objective)?;
    let counts: Vec<u32> = n.iter().map(|&v| sol.int(v).max(0) as u32).collect();
    // terms from the integral counts
    let cost: f64 = cands
        .iter()
        .zip(&counts)
        .map(|(c, &k)| w.cost_weight * c.cost * f64::from(k))
        .sum();
    let hours = hours_value(cx, built, &counts);
    let mut coverage = 0.0;
    for row in &cov {
        for (d, v) in row.iter().enumerate() {
            if let Some(v) = v
                && sol.is_on(*v)
            {
                coverage += w.cell_value * duty_weight(cx, Some(d));
            }
        }
    }
    Ok(Selection {
        counts,
        optimal: sol.status == SolveStatus::Optimal,
        terms: vec![
            ("hours".into(), hours),
            ("coverage".into(), coverage),
            ("cost".into(), -cost),
        ],
    })
}

/// Re-solve with slack on every family and report what had to bend, with the numbers.
fn explain(cx: &Context<'_>, built: &Built, bounds: &[u32]) -> Vec<Conflict> {
    match model(cx, built, bounds, true, true) {
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
