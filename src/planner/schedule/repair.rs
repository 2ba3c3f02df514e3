//! A feasible selection from an almost feasible one, when the dive gets stuck (a tight fund: every
//! rounding of its last fractional counts breaks a row). From the dive's last LP point rounded
//! down — which keeps every `≤` row (funds, loads, variety, counts' maxima) — sessions are added
//! greedily to meet the `≥` rows (required counts, hour targets, required duties): each step the
//! count that removes the most shortfall per yuan while every `≤` row still holds. When no single
//! addition helps, a session of the start that no `≥` row needs is given up to make room (a
//! session the repair added is never given up, so it cannot cycle). Deterministic; ends within
//! `4 · candidates + Σ start` steps.

use super::candidates::Built;
use super::rows::{Bound, Row};

/// Row activities of `counts`.
fn activities(rows: &[Row], counts: &[u32]) -> Vec<f64> {
    rows.iter()
        .map(|r| r.terms.iter().map(|&(c, a)| a * f64::from(counts[c])).sum())
        .collect()
}

fn shortfall(rows: &[Row], act: &[f64]) -> f64 {
    rows.iter()
        .zip(act)
        .map(|(r, &a)| match r.bound {
            Bound::AtLeast(x) => (x - a).max(0.0),
            Bound::AtMost(_) => 0.0,
        })
        .sum()
}

/// The LP optimum rounded down (within the bounds): keeps every `≤` row the LP point keeps.
pub fn floor(bounds: &[u32], lp: &[f64]) -> Vec<u32> {
    lp.iter()
        .zip(bounds)
        .map(|(&x, &b)| (x + 1e-6).floor().clamp(0.0, f64::from(b)) as u32)
        .collect()
}

/// `counts` with every row kept, or `None` when the greedy steps run out.
pub fn repair(built: &Built, rows: &[Row], bounds: &[u32], start: &[u32]) -> Option<Vec<u32>> {
    let nc = built.list.len();
    let mut rows_of: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nc];
    for (r, row) in rows.iter().enumerate() {
        for &(c, a) in &row.terms {
            rows_of[c].push((r, a));
        }
    }
    let mut counts: Vec<u32> = start.iter().zip(bounds).map(|(&x, &b)| x.min(b)).collect();
    let mut act = activities(rows, &counts);
    // a start that breaks a `≤` row is no start
    if rows
        .iter()
        .zip(&act)
        .any(|(r, &a)| matches!(r.bound, Bound::AtMost(_)) && !r.bound.holds(a))
    {
        return None;
    }
    let fits = |act: &[f64], c: usize, step: f64| {
        rows_of[c].iter().all(|&(r, a)| match rows[r].bound {
            Bound::AtMost(x) => act[r] + a * step <= x + 1e-6,
            Bound::AtLeast(x) => step > 0.0 || act[r] + a * step >= x - 1e-6 || a <= 0.0,
        })
    };
    let mut added = vec![0u32; nc];
    let steps = 4 * nc + counts.iter().map(|&x| x as usize).sum::<usize>() + 16;
    for _ in 0..steps {
        let short = shortfall(rows, &act);
        if short <= 1e-6 {
            return Some(counts);
        }
        // the addition that removes the most shortfall per yuan
        let mut best: Option<(f64, usize)> = None;
        for c in 0..nc {
            if counts[c] >= bounds[c] || !fits(&act, c, 1.0) {
                continue;
            }
            let gain: f64 = rows_of[c]
                .iter()
                .map(|&(r, a)| match rows[r].bound {
                    Bound::AtLeast(x) => (x - act[r]).max(0.0) - (x - act[r] - a).max(0.0),
                    Bound::AtMost(_) => 0.0,
                })
                .sum();
            if gain <= 1e-9 {
                continue;
            }
            let score = gain / (built.list[c].cost + 1.0);
            if best.is_none_or(|b| score > b.0 + 1e-12) {
                best = Some((score, c));
            }
        }
        if let Some((_, c)) = best {
            counts[c] += 1;
            added[c] += 1;
            for &(r, a) in &rows_of[c] {
                act[r] += a;
            }
            continue;
        }
        // no addition fits: give up the dearest session no `≥` row is short without
        let drop = (0..nc)
            .filter(|&c| counts[c] > added[c] && fits(&act, c, -1.0))
            .max_by(|&a, &b| {
                built.list[a]
                    .cost
                    .total_cmp(&built.list[b].cost)
                    .then(b.cmp(&a))
            })?;
        counts[drop] -= 1;
        for &(r, a) in &rows_of[drop] {
            act[r] -= a;
        }
    }
    None
}
