//! The two-level oracle: re-verify a two-level result from its plan-file form (`status`,
//! `colleges`, `clusters`, `objective`) and the inputs alone, without trusting the solver or
//! [`fudao::planner::two_level::decide`]'s code: every hard rule, the modes, and the objective
//! terms recomputed from the clusters.
//!
//! Values in the plan file are rounded to two decimals, so sums are compared with a tolerance of
//! half a fen per rounded summand.

use std::collections::BTreeMap;

use fudao::domain::{CollegeIdx, Inputs, Unreachable};
use fudao::planner::two_level::{TwoLevel, guest_penalty};
use fudao::report::two_level as report;
use fudao::wire::{ClusterOut, CollegeOut, ObjectiveOut, ViolationOut, money};

fn v(rule: &str, message: String) -> ViolationOut {
    ViolationOut {
        rule: rule.to_string(),
        message,
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Check a [`TwoLevel`] result (through its plan-file form).
pub fn check_result(inputs: &Inputs, r: &TwoLevel) -> Vec<ViolationOut> {
    check(
        inputs,
        r.status.as_str(),
        &report::colleges_out(inputs, r),
        &report::clusters_out(inputs, r),
        &report::objective_out(r),
    )
}

/// Check the plan-file form of a two-level result. Returns every violation found (empty = valid).
pub fn check(
    inputs: &Inputs,
    status: &str,
    colleges: &[CollegeOut],
    clusters: &[ClusterOut],
    objective: &ObjectiveOut,
) -> Vec<ViolationOut> {
    let sc = &inputs.scenario;
    let tl = &inputs.rules.two_level;
    let min = tl.independent_min;
    let mut out = Vec::new();

    // Full-time counselors, counted again from the roster.
    let mut ft = vec![0u32; sc.colleges.len()];
    for p in &sc.people {
        if let Some(c) = p.college
            && inputs
                .rules
                .roles
                .get(p.role)
                .is_some_and(|r| r.full_time_counselor)
        {
            ft[c] += 1;
        }
    }
    let idx: BTreeMap<&str, CollegeIdx> = sc
        .colleges
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    // Colleges: one entry each, in scenario order, with the right mode.
    if colleges.len() != sc.colleges.len() {
        out.push(v(
            "two_level",
            format!(
                "{} colleges reported, the scenario has {}",
                colleges.len(),
                sc.colleges.len()
            ),
        ));
    }
    let by_id: BTreeMap<&str, &CollegeOut> = colleges.iter().map(|c| (c.id.as_str(), c)).collect();
    for (i, col) in sc.colleges.iter().enumerate() {
        let Some(c) = colleges.get(i).filter(|c| c.id == col.id) else {
            out.push(v(
                "two_level",
                format!("college {} missing or out of order", col.id),
            ));
            continue;
        };
        if c.full_time_counselors != ft[i] {
            out.push(v(
                "two_level.independent_min",
                format!(
                    "{}: {} full-time counselors reported, the roster has {}",
                    c.id, c.full_time_counselors, ft[i]
                ),
            ));
        }
        let independent = ft[i] >= min;
        match c.mode.as_str() {
            "independent" if independent => {
                if c.cluster.is_some() || c.guest_of.is_some() {
                    out.push(v(
                        "two_level",
                        format!("{}: independent but has a cluster or host", c.id),
                    ));
                }
            }
            "independent" => out.push(v(
                "two_level.independent_min",
                format!(
                    "{}: independent with {} < {min} full-time counselors",
                    c.id, ft[i]
                ),
            )),
            _ if independent => out.push(v(
                "two_level.independent_min",
                format!(
                    "{}: {} but has {} >= {min} full-time counselors",
                    c.id, c.mode, ft[i]
                ),
            )),
            "joint" => {
                if c.guest_of.is_some() {
                    out.push(v("two_level", format!("{}: joint but has a host", c.id)));
                }
                match &c.cluster {
                    Some(k) => {
                        let holds = clusters.iter().find(|cl| &cl.id == k);
                        if !holds.is_some_and(|cl| cl.colleges.contains(&c.id)) {
                            out.push(v(
                                "two_level",
                                format!("{}: cluster {k} does not list it", c.id),
                            ));
                        }
                    }
                    None if status == "optimal" => {
                        out.push(v(
                            "two_level",
                            format!("{}: joint college in no cluster", c.id),
                        ));
                    }
                    None => {}
                }
            }
            "guest" => {
                if tl.unreachable != Unreachable::Guest {
                    out.push(v(
                        "two_level.unreachable",
                        format!(
                            "{}: guest, but two_level.unreachable is not \"guest\"",
                            c.id
                        ),
                    ));
                }
                if c.cluster.is_some() {
                    out.push(v("two_level", format!("{}: guest but in a cluster", c.id)));
                }
                let host_ok = c
                    .guest_of
                    .as_deref()
                    .and_then(|h| by_id.get(h))
                    .is_some_and(|h| h.mode == "independent");
                if !host_ok {
                    out.push(v(
                        "two_level.unreachable",
                        format!(
                            "{}: a guest must join an independent college's training",
                            c.id
                        ),
                    ));
                }
            }
            m => out.push(v("two_level", format!("{}: unknown mode {m}", c.id))),
        }
    }

    // Clusters: hard rules, numbering, terms.
    let mut seen: BTreeMap<CollegeIdx, &str> = BTreeMap::new();
    let mut sum: BTreeMap<String, f64> = [
        "travel",
        "discipline_mismatch",
        "stage_mismatch",
        "clusters",
    ]
    .iter()
    .map(|k| (k.to_string(), 0.0))
    .collect();
    let mut prev_first: Option<CollegeIdx> = None;
    for (k, cl) in clusters.iter().enumerate() {
        if cl.id != format!("J{}", k + 1) {
            out.push(v(
                "two_level",
                format!("cluster {} should be numbered J{}", cl.id, k + 1),
            ));
        }
        let mut members = Vec::new();
        for id in &cl.colleges {
            match idx.get(id.as_str()) {
                Some(&i) => members.push(i),
                None => out.push(v("two_level", format!("{}: unknown college {id}", cl.id))),
            }
        }
        if !members.windows(2).all(|w| w[0] < w[1]) {
            out.push(v(
                "two_level",
                format!("{}: members not in college order", cl.id),
            ));
        }
        if let Some(&first) = members.first() {
            if prev_first.is_some_and(|p| p >= first) {
                out.push(v(
                    "two_level",
                    format!("{}: clusters not ordered by first member", cl.id),
                ));
            }
            prev_first = Some(first);
        } else {
            out.push(v("two_level", format!("{}: empty cluster", cl.id)));
        }
        for &i in &members {
            if let Some(other) = seen.insert(i, cl.id.as_str()) {
                out.push(v(
                    "two_level",
                    format!("{} is in both {other} and {}", sc.colleges[i].id, cl.id),
                ));
            }
            if ft[i] >= min {
                out.push(v(
                    "two_level.independent_min",
                    format!(
                        "{}: {} is independent ({} >= {min})",
                        cl.id, sc.colleges[i].id, ft[i]
                    ),
                ));
            }
            if colleges
                .get(i)
                .is_some_and(|c| c.cluster.as_deref() != Some(cl.id.as_str()))
            {
                out.push(v(
                    "two_level",
                    format!(
                        "{}: {} does not name this cluster",
                        cl.id, sc.colleges[i].id
                    ),
                ));
            }
        }
        let total: u32 = members.iter().map(|&i| ft[i]).sum();
        if total != cl.full_time_counselors {
            out.push(v(
                "two_level.independent_min",
                format!(
                    "{}: total reported {}, recounted {total}",
                    cl.id, cl.full_time_counselors
                ),
            ));
        }
        if total < min {
            out.push(v(
                "two_level.independent_min",
                format!("{}: {total} full-time counselors < {min}", cl.id),
            ));
        }
        if members.len() > tl.max_cluster_colleges as usize {
            out.push(v(
                "two_level.max_cluster_colleges",
                format!(
                    "{}: {} colleges > {}",
                    cl.id,
                    members.len(),
                    tl.max_cluster_colleges
                ),
            ));
        }
        let mut campuses: Vec<usize> = members.iter().map(|&i| sc.colleges[i].campus).collect();
        campuses.sort_unstable();
        campuses.dedup();
        let campus_ids: Vec<String> = campuses
            .iter()
            .map(|&c| sc.campuses[c].id.clone())
            .collect();
        if campus_ids != cl.campuses {
            out.push(v(
                "two_level",
                format!(
                    "{}: campuses {:?}, expected {:?}",
                    cl.id, cl.campuses, campus_ids
                ),
            ));
        }
        // Terms, recomputed pair by pair.
        let mut terms = BTreeMap::from([
            ("travel".to_string(), 0.0),
            ("discipline_mismatch".to_string(), 0.0),
            ("stage_mismatch".to_string(), 0.0),
            ("clusters".to_string(), tl.w_per_cluster),
        ]);
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (ca, cb) = (&sc.colleges[a], &sc.colleges[b]);
                let minutes = if ca.campus == cb.campus {
                    Some(0.0)
                } else {
                    sc.travel_minutes[ca.campus][cb.campus].filter(|&m| m <= tl.max_travel_minutes)
                };
                let Some(m) = minutes else {
                    out.push(v(
                        "two_level.max_travel_minutes",
                        format!(
                            "{}: {} and {} may not train together (different campuses, no travel entry within {} minutes)",
                            cl.id, ca.id, cb.id, tl.max_travel_minutes
                        ),
                    ));
                    continue;
                };
                *terms.entry("travel".into()).or_default() += tl.w_travel_per_minute * m;
                if ca.discipline != cb.discipline {
                    *terms.entry("discipline_mismatch".into()).or_default() +=
                        tl.w_discipline_mismatch;
                }
                if ca.stage != cb.stage {
                    *terms.entry("stage_mismatch".into()).or_default() += tl.w_stage_mismatch;
                }
            }
        }
        for (name, &val) in &terms {
            let got = cl.terms.get(name).copied();
            if !got.is_some_and(|g| close(g, money(val), 0.011)) {
                out.push(v(
                    "two_level.weights",
                    format!(
                        "{}: term {name} reported {got:?}, recomputed {:.2}",
                        cl.id, val
                    ),
                ));
            }
            *sum.entry(name.clone()).or_default() += val;
        }
    }

    // No joint college lost or counted twice (when optimal every joint college is placed).
    if status == "optimal" {
        for (i, c) in colleges.iter().enumerate().take(sc.colleges.len()) {
            if c.mode == "joint" && !seen.contains_key(&i) {
                out.push(v(
                    "two_level",
                    format!("{}: joint college lost (in no cluster)", c.id),
                ));
            }
        }
    }

    // Objective: the sum of the clusters' terms plus the guest penalty.
    let guests = colleges.iter().filter(|c| c.mode == "guest").count();
    if guests > 0 {
        sum.insert("guests".into(), guest_penalty(inputs) * guests as f64);
    }
    let tol = 0.011 + 0.005 * clusters.len() as f64;
    for (name, &val) in &sum {
        let got = objective.terms.get(name).copied();
        if !got.is_some_and(|g| close(g, val, tol)) {
            out.push(v(
                "two_level.weights",
                format!("objective term {name} reported {got:?}, recomputed {val:.2}"),
            ));
        }
    }
    for name in objective.terms.keys() {
        if !sum.contains_key(name) {
            out.push(v(
                "two_level.weights",
                format!("objective term {name} has nothing to sum"),
            ));
        }
    }
    let total: f64 = sum.values().sum();
    if !close(objective.total, total, tol + 0.005 * sum.len() as f64) {
        out.push(v(
            "two_level.weights",
            format!(
                "objective total reported {:.2}, recomputed {total:.2}",
                objective.total
            ),
        ));
    }
    out
}
