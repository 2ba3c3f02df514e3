//! The MILP of one component: set partitioning over the enumerated candidate clusters, with one
//! guest variable per college so the model is always feasible.
//!
//! ```text
//! minimise   Σ_S cost(S)·y_S + M·Σ_i g_i
//! subject to Σ_{S ∋ i} y_S + g_i = 1        for every college i of the component
//!            y_S, g_i ∈ {0, 1}
//! ```
//! Solver variables live only here; the caller gets candidate and college indices back.

use good_lp::Expression;

use crate::solver::{Model, Sense, SolveError, SolveStatus};

use super::graph::Candidate;

/// What the solver chose for one component.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// Indices into the candidate list, ascending.
    pub clusters: Vec<usize>,
    /// Local indices of colleges left out (guests), ascending.
    pub guests: Vec<usize>,
}

/// Solve the set-partitioning model of a component with `n` colleges.
///
/// `penalty` is the cost of leaving one college out; it must exceed the cost of any partition
/// (see [`super::guest_penalty`]) so that the fewest colleges are left out.
pub fn solve(n: usize, candidates: &[Candidate], penalty: f64) -> Result<Chosen, SolveError> {
    if candidates.is_empty() {
        return Ok(Chosen {
            clusters: Vec::new(),
            guests: (0..n).collect(),
        });
    }
    let mut m = Model::new();
    let y: Vec<_> = candidates.iter().map(|_| m.binary()).collect();
    let g: Vec<_> = (0..n).map(|_| m.binary()).collect();
    let mut covers: Vec<Expression> = g.iter().map(|&gi| Expression::from(gi)).collect();
    for (s, cand) in candidates.iter().enumerate() {
        for &i in &cand.members {
            if let Some(row) = covers.get_mut(i) {
                row.add_mul(1.0, y[s]);
            } else {
                return Err(SolveError::Other(format!(
                    "candidate member {i} outside component of {n}"
                )));
            }
        }
    }
    for row in covers {
        m.add(row.eq(1.0));
    }
    let mut obj = Expression::from(0.0);
    for (s, cand) in candidates.iter().enumerate() {
        obj.add_mul(cand.cost, y[s]);
    }
    for &gi in &g {
        obj.add_mul(penalty, gi);
    }
    let sol = m.solve(Sense::Minimise, obj)?;
    if sol.status != SolveStatus::Optimal {
        return Err(SolveError::Other(
            "the solver stopped before proving optimality".into(),
        ));
    }
    let clusters: Vec<usize> = (0..candidates.len()).filter(|&s| sol.is_on(y[s])).collect();
    let guests: Vec<usize> = (0..n).filter(|&i| sol.is_on(g[i])).collect();
    // Re-verify the partition without trusting the solver's tolerances.
    let mut count = vec![0u32; n];
    for &s in &clusters {
        for &i in &candidates[s].members {
            count[i] += 1;
        }
    }
    for &i in &guests {
        count[i] += 1;
    }
    if let Some(i) = count.iter().position(|&c| c != 1) {
        return Err(SolveError::Other(format!(
            "solver returned a non-partition: local college {i} covered {} times",
            count[i]
        )));
    }
    Ok(Chosen { clusters, guests })
}
