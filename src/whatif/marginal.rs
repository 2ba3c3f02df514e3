//! Across points: what each step of a varied value buys, and where more of it stops buying.
//!
//! Decides, for every varied id and every combination of the other ids' values (a *line*):
//! each step's change in objective, in required and in any coverage, and in spending (per step,
//! and per 10,000 yuan when the id is an amount of money); and the *saturation point*: the first
//! value after which every further step changes the objective by less than [`TOLERANCE`]
//! (objective values are kept to 0.01, so that is “no change at all”). A step touching an
//! infeasible point has no differences and is never flat.

use serde::Serialize;

use super::{Grid, PointResult};
use crate::input::overrides::show;

/// Objective changes smaller than this count as none (objectives are rounded to 0.01).
pub const TOLERANCE: f64 = 0.005;

/// Ids that are amounts of money available to spend: their steps are also given per 10,000 yuan.
pub fn is_money(id: &str) -> bool {
    matches!(id, "funds.total" | "budget.college_floor")
}

/// Changes per 10,000 yuan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rates {
    /// Objective change per 10,000 yuan.
    pub d_objective: f64,
    /// Required-coverage share change (percentage points) per 10,000 yuan.
    pub d_required_coverage_pp: f64,
}

/// One step along a line: from one value to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Value before.
    pub from: f64,
    /// Value after.
    pub to: f64,
    /// Objective change (absent when either end is infeasible).
    pub d_objective: Option<f64>,
    /// Required-coverage share change, in percentage points.
    pub d_required_coverage_pp: Option<f64>,
    /// Any-coverage share change, in percentage points.
    pub d_any_coverage_pp: Option<f64>,
    /// Spending change (school + college), yuan.
    pub d_spent: Option<f64>,
    /// The same per 10,000 yuan, for money ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_10000_yuan: Option<Rates>,
}

impl Step {
    fn flat(&self) -> bool {
        self.d_objective.is_some_and(|d| d.abs() < TOLERANCE)
    }
}

/// Where more of a value stops changing anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Saturation {
    /// Every step after this value is flat (and the one before it is not).
    Beyond(f64),
    /// Every step of the line is flat: the value does not matter over the range.
    Throughout(f64),
    /// The last step still changes the objective (or touches an infeasible point).
    NotReached,
}

/// One line: a varied id with the other ids fixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The id varied along the line.
    pub id: String,
    /// The other ids and their fixed values.
    pub fixed: Vec<(String, f64)>,
    /// Point indices along the line, ascending in the id's value.
    #[serde(skip)]
    pub points: Vec<usize>,
    /// Steps.
    pub steps: Vec<Step>,
    /// Saturation point.
    pub saturation: Saturation,
    /// The finding in words (English).
    pub en: String,
    /// The finding in words (Chinese).
    pub zh: String,
}

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

fn step(id: &str, a: &PointResult, b: &PointResult, from: f64, to: f64) -> Step {
    let both = a.feasible() && b.feasible();
    let d = |f: &dyn Fn(&PointResult) -> Option<f64>| -> Option<f64> {
        if !both {
            return None;
        }
        Some(round2(f(b)? - f(a)?))
    };
    let d_objective = d(&|p| p.objective);
    let d_req = d(&|p| p.coverage.as_ref().map(|c| c.required_share * 100.0));
    let d_any = d(&|p| p.coverage.as_ref().map(|c| c.any_share * 100.0));
    let d_spent = d(&|p| Some(p.spend.school_spent + p.spend.college_spent));
    let per_10000_yuan = match (is_money(id), d_objective, d_req) {
        (true, Some(o), Some(c)) if to > from => {
            let units = (to - from) / 10_000.0;
            Some(Rates {
                d_objective: round2(o / units),
                d_required_coverage_pp: round2(c / units),
            })
        }
        _ => None,
    };
    Step {
        from,
        to,
        d_objective,
        d_required_coverage_pp: d_req,
        d_any_coverage_pp: d_any,
        d_spent,
        per_10000_yuan,
    }
}

/// Steps and saturation along every varied id (with at least two values), for every combination
/// of the other ids; lines come in grid order.
pub fn analyse(grid: &Grid, points: &[PointResult]) -> Vec<Line> {
    let counts: Vec<usize> = grid.varies.iter().map(|v| v.count()).collect();
    let mut lines = Vec::new();
    for (k, vary) in grid.varies.iter().enumerate() {
        if counts[k] < 2 {
            continue;
        }
        let stride: usize = counts[k + 1..].iter().product();
        for base in (0..points.len()).filter(|i| (i / stride).is_multiple_of(counts[k])) {
            let idx: Vec<usize> = (0..counts[k]).map(|j| base + j * stride).collect();
            let fixed: Vec<(String, f64)> = grid
                .varies
                .iter()
                .enumerate()
                .filter(|(m, _)| *m != k)
                .map(|(m, v)| (v.id.clone(), grid.points[base][m]))
                .collect();
            let vals: Vec<f64> = idx.iter().map(|&i| grid.points[i][k]).collect();
            let steps: Vec<Step> = idx
                .windows(2)
                .zip(vals.windows(2))
                .map(|(i, v)| step(&vary.id, &points[i[0]], &points[i[1]], v[0], v[1]))
                .collect();
            let mut first_flat = steps.len();
            while first_flat > 0 && steps[first_flat - 1].flat() {
                first_flat -= 1;
            }
            let saturation = if first_flat == steps.len() {
                Saturation::NotReached
            } else if first_flat == 0 {
                Saturation::Throughout(vals[0])
            } else {
                Saturation::Beyond(vals[first_flat])
            };
            let (en, zh) = words(&vary.id, &fixed, &vals, &steps, &saturation, &idx, points);
            lines.push(Line {
                id: vary.id.clone(),
                fixed,
                points: idx,
                steps,
                saturation,
                en,
                zh,
            });
        }
    }
    lines
}

fn words(
    id: &str,
    fixed: &[(String, f64)],
    vals: &[f64],
    steps: &[Step],
    sat: &Saturation,
    idx: &[usize],
    points: &[PointResult],
) -> (String, String) {
    let (pre_en, pre_zh) = if fixed.is_empty() {
        (String::new(), String::new())
    } else {
        let f = fixed
            .iter()
            .map(|(i, v)| format!("{i} = {}", show(*v)))
            .collect::<Vec<_>>()
            .join(", ");
        (format!("with {f}: "), format!("当 {f} 时："))
    };
    let last = vals.last().copied().unwrap_or_default();
    let money = is_money(id);
    let (en, zh) = match sat {
        Saturation::Beyond(v) => {
            let v = show(*v);
            if money {
                (
                    format!(
                        "beyond {id} = {v} more money buys nothing (the objective stays the same up to {})",
                        show(last)
                    ),
                    format!(
                        "超过 {id} = {v} 后增加经费不再带来收益（直到 {} 目标值不变）",
                        show(last)
                    ),
                )
            } else {
                (
                    format!(
                        "beyond {id} = {v} raising it further changes nothing (the objective stays the same up to {})",
                        show(last)
                    ),
                    format!(
                        "{id} 超过 {v} 后继续增加不再改变结果（直到 {} 目标值不变）",
                        show(last)
                    ),
                )
            }
        }
        Saturation::Throughout(v) => (
            format!(
                "{id} from {} to {} changes nothing: the objective stays the same",
                show(*v),
                show(last)
            ),
            format!(
                "{id} 在 {} 到 {} 之间变化不改变目标值",
                show(*v),
                show(last)
            ),
        ),
        Saturation::NotReached => {
            let s = steps.last();
            let infeasible_end = idx.iter().rev().take(2).any(|&i| !points[i].feasible());
            let all_infeasible = idx.iter().all(|&i| !points[i].feasible());
            match (s, infeasible_end) {
                _ if all_infeasible => (
                    format!("no plan is feasible anywhere along {id}"),
                    format!("沿 {id} 的所有取值均无可行计划"),
                ),
                (Some(s), false) => (
                    format!(
                        "no saturation up to {id} = {}: the last step ({} → {}) still changes the objective by {:+.2}",
                        show(last),
                        show(s.from),
                        show(s.to),
                        s.d_objective.unwrap_or_default()
                    ),
                    format!(
                        "直到 {id} = {} 仍未饱和：最后一步（{} → {}）目标值仍变化 {:+.2}",
                        show(last),
                        show(s.from),
                        show(s.to),
                        s.d_objective.unwrap_or_default()
                    ),
                ),
                _ => (
                    format!(
                        "no saturation found along {id}: the plan at one of its last values is infeasible"
                    ),
                    format!("沿 {id} 未找到饱和点：最后的取值中有无可行计划的方案"),
                ),
            }
        }
    };
    (format!("{pre_en}{en}"), format!("{pre_zh}{zh}"))
}
