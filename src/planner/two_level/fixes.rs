//! When no two-level plan exists: for each rule in the conflict, the smallest change of that one
//! rule that makes a plan exist, each confirmed by deciding again with the change.
//!
//! The rules tried, one at a time (the others as they are):
//! * `two_level.unreachable`: `"guest"` when it is `"infeasible"` (a college that cannot reach
//!   the threshold joins the nearest independent college);
//! * `two_level.max_travel_minutes`: the travel times of the scenario above the current limit,
//!   smallest first — the first that lets every college be placed;
//! * `two_level.independent_min`: from one below the current threshold down to 1, the largest
//!   that works;
//! * `two_level.max_cluster_colleges`: from one above the current limit up to
//!   [`MAX_CLUSTER_STEPS`] more (larger clusters are not a realistic change).
//!
//! A change is reported only when the decision with it is optimal — every college placed. At most
//! [`MAX_TRIES`] decisions per rule, so an infeasible input never makes this search unbounded.

use super::{Status, Text, TwoLevel, decide_once, num};
use crate::domain::{Inputs, Unreachable};
use crate::planner::ModelLog;

/// Decisions tried per rule at most.
pub const MAX_TRIES: usize = 40;
/// How far above the current `max_cluster_colleges` to look.
pub const MAX_CLUSTER_STEPS: u32 = 4;

/// One rule change that makes a two-level plan exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The rule id.
    pub rule: &'static str,
    /// The new value as written in TOML (`"guest"`, `185`).
    pub value: String,
    /// The change and what deciding again with it gives, in both languages.
    pub text: Text,
}

/// The decision with `change` applied to a copy of the rules, when it places every college.
fn confirmed(inputs: &Inputs, change: impl FnOnce(&mut Inputs)) -> Option<TwoLevel> {
    let mut changed = inputs.clone();
    change(&mut changed);
    let r = decide_once(&changed, &ModelLog::off());
    (r.status == Status::Optimal).then_some(r)
}

fn outcome(r: &TwoLevel) -> Text {
    let guests = r.objective.guests;
    Text::new(
        format!(
            "重新求解确认：每个学院都有安排（联合培训组 {} 个，随训学院 {guests} 个）",
            r.clusters.len()
        ),
        format!(
            "confirmed by solving again: every college placed ({} joint clusters, {guests} guest colleges)",
            r.clusters.len()
        ),
    )
}

/// The smallest single-rule changes that make the two-level decision feasible, in the order of
/// the module documentation; empty when none of them does (or the decision is not infeasible).
pub fn find(inputs: &Inputs, r: &TwoLevel) -> Vec<Fix> {
    if !matches!(r.status, Status::Infeasible(_)) {
        return Vec::new();
    }
    let tl = &inputs.rules.two_level;
    let mut out = Vec::new();

    if tl.unreachable == Unreachable::Infeasible
        && let Some(d) = confirmed(inputs, |i| {
            i.rules.two_level.unreachable = Unreachable::Guest
        })
    {
        let o = outcome(&d);
        out.push(Fix {
            rule: "two_level.unreachable",
            value: "\"guest\"".into(),
            text: Text::new(
                format!(
                    "把 two_level.unreachable 改为 \"guest\"（现为 \"infeasible\"）：凑不足人数的学院随最近的单独培训学院参训；{}",
                    o.zh
                ),
                format!(
                    "set two_level.unreachable = \"guest\" (now \"infeasible\"): a college that cannot reach the threshold joins the nearest independent college; {}",
                    o.en
                ),
            ),
        });
    }

    let mut minutes: Vec<f64> = inputs
        .scenario
        .travel_minutes
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|m| m.is_finite() && *m > tl.max_travel_minutes)
        .collect();
    minutes.sort_by(f64::total_cmp);
    minutes.dedup();
    if let Some((m, d)) = minutes.iter().take(MAX_TRIES).find_map(|&m| {
        confirmed(inputs, |i| i.rules.two_level.max_travel_minutes = m).map(|d| (m, d))
    }) {
        let o = outcome(&d);
        out.push(Fix {
            rule: "two_level.max_travel_minutes",
            value: num(m),
            text: Text::new(
                format!(
                    "把 two_level.max_travel_minutes 提高到 {}（现为 {}）：允许相距 {} 分钟的校区联合培训；{}",
                    num(m),
                    num(tl.max_travel_minutes),
                    num(m),
                    o.zh
                ),
                format!(
                    "raise two_level.max_travel_minutes to {} (now {}): campuses {} minutes apart may train together; {}",
                    num(m),
                    num(tl.max_travel_minutes),
                    num(m),
                    o.en
                ),
            ),
        });
    }

    let lowest = tl.independent_min.saturating_sub(MAX_TRIES as u32).max(1);
    if let Some((t, d)) = (lowest..tl.independent_min)
        .rev()
        .find_map(|t| confirmed(inputs, |i| i.rules.two_level.independent_min = t).map(|d| (t, d)))
    {
        let o = outcome(&d);
        out.push(Fix {
            rule: "two_level.independent_min",
            value: t.to_string(),
            text: Text::new(
                format!(
                    "把 two_level.independent_min 降到 {t}（现为 {}）：专职辅导员 {t} 人及以上的学院即可单独培训，联合组合计达到 {t} 人即可；{}",
                    tl.independent_min, o.zh
                ),
                format!(
                    "lower two_level.independent_min to {t} (now {}): a college with {t} or more full-time counselors trains on its own, and a joint cluster needs {t} in all; {}",
                    tl.independent_min, o.en
                ),
            ),
        });
    }

    let n = inputs.scenario.colleges.len() as u32;
    let highest = tl
        .max_cluster_colleges
        .saturating_add(MAX_CLUSTER_STEPS)
        .min(n);
    if let Some((k, d)) = (tl.max_cluster_colleges.saturating_add(1)..=highest).find_map(|k| {
        confirmed(inputs, |i| i.rules.two_level.max_cluster_colleges = k).map(|d| (k, d))
    }) {
        let o = outcome(&d);
        out.push(Fix {
            rule: "two_level.max_cluster_colleges",
            value: k.to_string(),
            text: Text::new(
                format!(
                    "把 two_level.max_cluster_colleges 提高到 {k}（现为 {}）：一个联合组最多 {k} 个学院；{}",
                    tl.max_cluster_colleges, o.zh
                ),
                format!(
                    "raise two_level.max_cluster_colleges to {k} (now {}): up to {k} colleges in one joint cluster; {}",
                    tl.max_cluster_colleges, o.en
                ),
            ),
        });
    }
    out
}
