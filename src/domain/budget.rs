//! Funds (校院两级专项经费): how the semester's training fund is split between the school fund
//! and the college funds, and how joint clusters pool their members' funds.
//!
//! school = total × `budget.school_share`; the rest (the college pool) goes to colleges:
//! `budget.college_split = "per_counselor"` gives each college `floor + (pool − n·floor) ·
//! ftc_c / Σ ftc` (ftc = full-time counselors, floor = `budget.college_floor`, n colleges), or
//! `pool / n` each when the floors alone exceed the pool; `"equal"` gives `pool / n` each.
//! A joint cluster's fund is the sum of its members' funds (`budget.cluster_pooling`).

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
    // Money is kept to the fen, rounded down so the parts never exceed the whole.
    let fen = |x: f64| (x * 100.0 + 1e-6).floor() / 100.0;
    Split {
        school: fen(school),
        colleges: colleges.into_iter().map(fen).collect(),
    }
}
