//! fudao (辅导) plans a university's counselor-training semester under the
//! “九维五类三体两级一营” model: it reads the programme's rules and one semester's scenario,
//! and decides who belongs to which group, which colleges train jointly, who staffs each studio,
//! and which sessions happen when, within which fund — optimally, with reasons, verified.
//!
//! Data flows one way: [`inputs::load`] (files → [`wire`] → [`validate`] → [`domain`]) →
//! stages ([`profile`], …) → reports. The CLI in `src/main.rs` is a thin layer over this library.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod budget;
pub mod calendar;
pub mod checker;
pub mod diag;
pub mod diff;
pub mod domain;
pub mod eligibility;
pub mod export;
pub mod r#gen;
pub mod inputs;
pub mod load;
pub mod plan;
pub mod profile;
pub mod report;
pub mod roster_xlsx;
pub mod schedule;
pub mod solver;
pub mod source;
pub mod studio;
pub mod summary;
pub mod two_level;
pub mod validate;
pub mod whatif;
pub mod wire;
