//! The MILP of one component: set partitioning over the enumerated candidate clusters,
//! aggregated over interchangeable colleges ([`Types`]), with guest variables so the model is
//! always feasible.
//!
//! ```text
//! minimise   Σ_S cost(S)·y_S + M·Σ_t g_t
//! subject to Σ_S mult(S, t)·y_S + g_t = count(t)     for every college type t of the component
//!            y_S ∈ {0, …, copies(S)},  g_t ∈ {0, …, count(t)}   (integers; binary when the bound is 1)
//! ```
//! With one college per type this is the plain set-partitioning model
//! `Σ_{S∋i} y_S + g_i = 1`. Solver variables live only here; the caller gets candidate indices,
//! copy counts and guest counts back.

use good_lp::{Expression, Variable};

use crate::planner::solver::{Model, Sense, SolveError, SolveStatus};

use super::graph::{Candidate, Types};

/// What the solver chose for one component.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// `(candidate index, copies)` for every candidate used, by ascending index.
    pub clusters: Vec<(usize, u32)>,
    /// Per type: how many of its colleges are left out (guests).
    pub guests: Vec<u32>,
}

fn var(m: &mut Model, hi: u32) -> Variable {
    if hi <= 1 {
        m.binary()
    } else {
        m.integer(0.0, f64::from(hi))
    }
}

/// Solve the aggregated set-partitioning model of a component.
///
/// `penalty` is the cost of leaving one college out; it must exceed the cost of any partition
/// (see [`super::guest_penalty`]) so that the fewest colleges are left out.
pub fn solve(
    types: &Types,
    candidates: &[Candidate],
    penalty: f64,
    log: (&crate::planner::ModelLog, String),
) -> Result<Chosen, SolveError> {
    let count: Vec<u32> = types.members.iter().map(|m| m.len() as u32).collect();
    if candidates.is_empty() {
        return Ok(Chosen {
            clusters: Vec::new(),
            guests: count,
        });
    }
    let mut m = Model::new();
    let y: Vec<Variable> = candidates.iter().map(|c| var(&mut m, c.copies)).collect();
    let g: Vec<Variable> = count.iter().map(|&n| var(&mut m, n)).collect();
    let mut rows: Vec<Expression> = g.iter().map(|&gt| Expression::from(gt)).collect();
    for (s, cand) in candidates.iter().enumerate() {
        for &(t, mult) in &cand.types {
            match rows.get_mut(t) {
                Some(row) => row.add_mul(f64::from(mult), y[s]),
                None => {
                    return Err(SolveError::Other(format!(
                        "candidate type {t} outside component with {} types",
                        count.len()
                    )));
                }
            }
        }
    }
    for (row, &n) in rows.into_iter().zip(&count) {
        m.add(row.eq(f64::from(n)));
    }
    let mut obj = Expression::from(0.0);
    for (s, cand) in candidates.iter().enumerate() {
        obj.add_mul(cand.cost, y[s]);
    }
    for &gt in &g {
        obj.add_mul(penalty, gt);
    }
    if log.0.wants() {
        for (s, &v) in y.iter().enumerate() {
            m.name(v, &format!("cluster_{}", s + 1));
        }
        for (t, &v) in g.iter().enumerate() {
            m.name(v, &format!("guests_of_type_{}", t + 1));
        }
        log.0.record(&log.1, || {
            m.mps(log.1.trim_end_matches(".mps"), Sense::Minimise, &obj)
        });
    }
    let sol = m.solve(Sense::Minimise, obj)?;
    if sol.status != SolveStatus::Optimal {
        return Err(SolveError::Other(
            "the solver stopped before proving optimality".into(),
        ));
    }
    let clusters: Vec<(usize, u32)> = (0..candidates.len())
        .filter_map(|s| {
            let k = sol.int(y[s]);
            (k > 0).then(|| (s, u32::try_from(k).unwrap_or(0)))
        })
        .collect();
    let guests: Vec<u32> = g
        .iter()
        .map(|&gt| u32::try_from(sol.int(gt)).unwrap_or(u32::MAX))
        .collect();
    // Re-verify the partition without trusting the solver's tolerances.
    let mut used = guests.clone();
    for &(s, k) in &clusters {
        if k > candidates[s].copies {
            return Err(SolveError::Other(format!(
                "solver used candidate {s} {k} times, at most {} fit",
                candidates[s].copies
            )));
        }
        for &(t, mult) in &candidates[s].types {
            used[t] = used[t].saturating_add(mult * k);
        }
    }
    if let Some(t) = (0..count.len()).find(|&t| used[t] != count[t]) {
        return Err(SolveError::Other(format!(
            "solver returned a non-partition: type {t} has {} colleges, covered {} times",
            count[t], used[t]
        )));
    }
    Ok(Chosen { clusters, guests })
}
