//! The two-level result in plan-file form: the `colleges`, `clusters` and `objective` keys of
//! plan.json, and the explanation's findings, from [`TwoLevel`] and the inputs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::domain::Inputs;
use crate::wire::{ClusterOut, CollegeOut, ObjectiveOut, money};

use super::{Status, Terms, TwoLevel};

/// One finding of the explanation, as written to JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingOut {
    /// Rule id.
    pub rule: String,
    /// College ids concerned.
    pub colleges: Vec<String>,
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// Named objective terms, rounded to the fen.
pub fn terms_map(t: &Terms) -> BTreeMap<String, f64> {
    t.named()
        .iter()
        .map(|&(k, v)| (k.to_string(), money(v)))
        .collect()
}

/// The `colleges` key of plan.json.
pub fn colleges_out(inputs: &Inputs, r: &TwoLevel) -> Vec<CollegeOut> {
    let sc = &inputs.scenario;
    r.colleges
        .iter()
        .map(|d| {
            let c = &sc.colleges[d.college];
            CollegeOut {
                id: c.id.clone(),
                name: c.name.clone(),
                campus: sc.campuses[c.campus].id.clone(),
                full_time_counselors: d.full_time,
                mode: d.mode.as_str().to_string(),
                cluster: d
                    .cluster
                    .and_then(|k| r.clusters.get(k))
                    .map(|cl| cl.id.clone()),
                guest_of: d.guest_of.map(|h| sc.colleges[h].id.clone()),
                reason: d.reason.both(),
            }
        })
        .collect()
}

/// The `clusters` key of plan.json.
pub fn clusters_out(inputs: &Inputs, r: &TwoLevel) -> Vec<ClusterOut> {
    let sc = &inputs.scenario;
    r.clusters
        .iter()
        .map(|cl| ClusterOut {
            id: cl.id.clone(),
            colleges: cl
                .members
                .iter()
                .map(|&c| sc.colleges[c].id.clone())
                .collect(),
            full_time_counselors: cl.full_time,
            campuses: cl
                .campuses
                .iter()
                .map(|&c| sc.campuses[c].id.clone())
                .collect(),
            terms: terms_map(&cl.terms),
            reason: cl.reason.both(),
        })
        .collect()
}

/// The `objective` key: total and named terms (`guests` only when some college is a guest).
pub fn objective_out(r: &TwoLevel) -> ObjectiveOut {
    let mut terms = terms_map(&r.objective.terms);
    if r.objective.guests > 0 {
        terms.insert("guests".to_string(), money(r.objective.guest_term()));
    }
    ObjectiveOut {
        total: money(r.objective.total()),
        terms,
    }
}

/// The explanation's findings for JSON.
pub fn explanation_out(inputs: &Inputs, r: &TwoLevel) -> Vec<FindingOut> {
    r.status
        .findings()
        .iter()
        .map(|f| FindingOut {
            rule: f.rule.to_string(),
            colleges: f
                .colleges
                .iter()
                .map(|&c| inputs.scenario.colleges[c].id.clone())
                .collect(),
            zh: f.text.zh.clone(),
            en: f.text.en.clone(),
        })
        .collect()
}

/// Why the result is not optimal, for stderr (empty when optimal).
pub fn explanation_text(inputs: &Inputs, r: &TwoLevel) -> String {
    let mut out = String::new();
    match &r.status {
        Status::Optimal => {}
        Status::Infeasible(_) => out.push_str("两级培训方案不可行 / no feasible two-level plan:\n"),
        Status::Unsolved(_) => {
            out.push_str("两级培训方案未求解 / the two-level plan was not solved:\n")
        }
        Status::Error(e) => {
            let _ = writeln!(out, "求解器出错 / solver error: {e}");
        }
    }
    for f in explanation_out(inputs, r) {
        let _ = writeln!(out, "- [{}] {}\n  {}", f.rule, f.zh, f.en);
    }
    if !r.fixes.is_empty() {
        out.push_str(
            "能让方案成立的最小修改（任选其一，均已重新求解确认）/ the smallest change that makes a plan exist (any one of these, each confirmed by solving again):\n",
        );
        for f in &r.fixes {
            let _ = writeln!(
                out,
                "- {} = {}: {}\n  {}",
                f.rule, f.value, f.text.zh, f.text.en
            );
        }
    }
    out
}

/// One fix for JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixOut {
    /// Rule id.
    pub rule: String,
    /// The new value as written in TOML.
    pub value: String,
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// The fixes for JSON.
pub fn fixes_out(r: &TwoLevel) -> Vec<FixOut> {
    r.fixes
        .iter()
        .map(|f| FixOut {
            rule: f.rule.to_string(),
            value: f.value.clone(),
            zh: f.text.zh.clone(),
            en: f.text.en.clone(),
        })
        .collect()
}
