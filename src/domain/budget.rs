//! Funds (校院两级专项经费): how the semester's training fund is split between the school fund
//! and the college funds, and how joint clusters pool their members' funds.
//!
//! school = total × `budget.school_share`; the rest (the college pool) goes to colleges:
//! `budget.college_split = "per_counselor"` gives each college `floor + (pool − n·floor) ·
//! ftc_c / Σ ftc` (ftc = full-time counselors, floor = `budget.college_floor`, n colleges), or
//! `pool / n` each when the floors alone exceed the pool; `"equal"` gives `pool / n` each.
//! Every share is kept to the fen and the shares add up to the total exactly (each rounded down,
//! the fens left over to the largest remainders). A joint cluster's fund is the sum of its
//! members' funds (`budget.cluster_pooling`).

use crate::domain::{CollegeSplit, Inputs};

/// The split of the semester's fund.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The school fund.
    pub school: f64,
    /// Each college's fund, in college order.
    pub colleges: Vec<f64>,
}

/// Split the scenario's fund by the budget rules.
pub fn split(inputs: &Inputs) -> Split {
    let b = &inputs.rules.budget;
    let total = inputs.scenario.funds_total;
    let school = total * b.school_share;
    let pool = total - school;
    let ft = inputs.full_time_counselors();
    let n = ft.len();
    let colleges = if n == 0 {
        Vec::new()
    } else {
        let even = pool / n as f64;
        match b.college_split {
            CollegeSplit::Equal => vec![even; n],
            CollegeSplit::PerCounselor => {
                let floors = b.college_floor * n as f64;
                let sum: u32 = ft.iter().sum();
                if floors > pool || sum == 0 {
                    vec![even; n]
                } else {
                    let rest = pool - floors;
                    ft.iter()
                        .map(|&c| b.college_floor + rest * f64::from(c) / f64::from(sum))
                        .collect()
                }
            }
        }
    };
    // Money is kept to the fen, and the parts add up to the whole exactly.
    let parts: Vec<f64> = std::iter::once(school).chain(colleges).collect();
    let fens = whole_fens(total, &parts);
    Split {
        school: fens[0],
        colleges: fens[1..].to_vec(),
    }
}

/// `parts` (adding up to `total`) rounded to the fen so that they add up to `total` exactly: each
/// rounded down, then the fens left over one each to the parts that lost the most in rounding
/// (largest remainder; ties to the earlier part).
pub fn whole_fens(total: f64, parts: &[f64]) -> Vec<f64> {
    let total_fen = (total * 100.0).round() as i64;
    let exact: Vec<f64> = parts.iter().map(|x| x * 100.0).collect();
    let mut fens: Vec<i64> = exact.iter().map(|x| (x + 1e-6).floor() as i64).collect();
    let left = total_fen - fens.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..fens.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - fens[a] as f64;
        let rb = exact[b] - fens[b] as f64;
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    if !fens.is_empty() {
        for &i in order.iter().cycle().take(left.max(0) as usize) {
            fens[i] += 1;
        }
    }
    fens.into_iter().map(|f| f as f64 / 100.0).collect()
}

#[cfg(test)]
mod tests {
    use super::whole_fens;

    fn fen_sum(v: &[f64]) -> i64 {
        v.iter().map(|x| (x * 100.0).round() as i64).sum()
    }

    #[test]
    fn parts_add_up_to_the_whole() {
        let t = 300_000.0;
        let v = whole_fens(t, &[t * 0.6, t * 0.4 / 3.0, t * 0.4 / 3.0, t * 0.4 / 3.0]);
        assert_eq!(fen_sum(&v), 30_000_000);
        let v = whole_fens(100.0, &[100.0 / 3.0; 3]);
        assert_eq!(v, vec![33.34, 33.33, 33.33]);
        let v = whole_fens(0.05, &[0.01; 5]);
        assert_eq!(fen_sum(&v), 5);
        // the largest remainder gets the fen, not the first part
        let v = whole_fens(1.0, &[0.331, 0.336, 0.333]);
        assert_eq!(v, vec![0.33, 0.34, 0.33]);
        assert!(whole_fens(0.0, &[]).is_empty());
    }
}
