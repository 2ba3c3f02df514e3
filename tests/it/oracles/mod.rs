//! Test oracles for the planner's stages: independent re-verifications of a stage's result from its
//! plan-file form and the inputs alone, without the planner's solving code.
//!
//! - [`two_level`]: the colleges' modes, the joint clusters and the objective terms;
//! - [`studios`]: the staffing of the counselor studios and its objective.
//!
//! The full plan checker is [`fudao::checker`]; these oracles check one stage each, with the
//! stage's own rule ids, and recompute its objective.

pub mod studios;
pub mod two_level;
