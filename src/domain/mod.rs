//! Domain types: validated rules and scenario, with references resolved to indices, and the facts
//! that follow from them alone: the [`calendar`], the [`budget`] split, studio [`eligibility`]
//! and the five-group [`profile`]s.
//!
//! Everything here has passed [`crate::input::validate`]: ids are unique, references resolve, numbers
//! are in range, dates are inside the semester. Stages take these types and nothing else.

pub mod budget;
pub mod calendar;
pub mod eligibility;
pub mod history;
pub mod profile;
mod rules;
mod scenario;

pub use rules::*;
pub use scenario::*;

/// Validated rules and scenario, the input of every stage.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The programme's rules.
    pub rules: Rules,
    /// The semester's scenario.
    pub scenario: Scenario,
    /// What the programme's record says about this semester (empty without one).
    pub history: history::History,
}

impl Inputs {
    /// Full-time counselors (roles with `full_time_counselor = true`) per college, in college order.
    pub fn full_time_counselors(&self) -> Vec<u32> {
        let mut n = vec![0u32; self.scenario.colleges.len()];
        for p in &self.scenario.people {
            if let Some(c) = p.college
                && self.rules.roles[p.role].full_time_counselor
            {
                n[c] += 1;
            }
        }
        n
    }
}

/// A small number in Chinese numerals (一 … 九十九), as offices number groups; larger ones in digits.
pub fn zh_numeral(k: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match k {
        0..=9 => D[k].to_string(),
        10..=19 => format!("十{}", if k == 10 { "" } else { D[k - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[k / 10],
            if k.is_multiple_of(10) { "" } else { D[k % 10] }
        ),
        _ => k.to_string(),
    }
}
