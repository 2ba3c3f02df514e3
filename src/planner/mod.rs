//! The planner: the only place with solver variables. Each stage is a function of validated
//! [`crate::domain`] inputs to a result with its status, objective terms and reasons as data:
//!
//! - [`two_level`]: which colleges train on their own and the optimal joint clusters;
//! - [`studios`]: who leads and staffs each counselor studio;
//! - [`schedule`]: which sessions happen when, where, for whom and from which fund;
//! - [`run`]: the orchestration of the stages into the plan file (`plan.json`).
//!
//! The planner neither checks nor prints: [`crate::checker`] verifies its plans and
//! [`crate::report`] words them.

pub mod deadline;
pub mod models;
pub mod replan;
pub mod run;
pub mod schedule;
pub mod solver;
pub mod studios;
pub mod two_level;

pub use deadline::Deadline;
pub use models::ModelLog;
pub use run::{Planned, Stages, assemble, run, run_logged, run_with, stages, stages_with};
