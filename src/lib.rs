//! fudao (辅导) plans a university's counselor-training semester under the
//! “九维五类三体两级一营” model: it reads the programme's rules and one semester's scenario,
//! and decides who belongs to which group, which colleges train jointly, who staffs each studio,
//! and which sessions happen when, within which fund — optimally, with reasons, verified.
//!
//! The modules are the floors of one pipeline, listed in the order data flows through them; an
//! arrow only points down (`tests/it/architecture.rs` keeps it so):
//!
//! 1. [`input`] — files, sources and spans, diagnostics, TOML and roster reading, `--vary`
//!    overrides, plan.json read back, and validation (all problems at once);
//! 2. [`wire`] — the file formats in and out (serde mirrors of the files);
//! 3. [`domain`] — validated inputs and the facts that follow from them alone (calendar, budget
//!    split, eligibility, five-group profiles);
//! 4. [`planner`] — the only place with solver variables: two levels, studios, sessions, and the
//!    orchestration that assembles the plan file;
//! 5. [`checker`] — the independent re-verification of a finished plan (reads only [`wire`] and
//!    [`domain`]);
//! 6. [`report`] (terminal text) and [`export`] (files for the office);
//! 7. beside them: [`whatif`] (sweeps), [`diff`] (two plans compared), [`gen`] (synthetic
//!    scenarios).
//!
//! The CLI in `src/main.rs` is a thin layer over this library.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod checker;
pub mod diff;
pub mod domain;
pub mod export;
pub mod r#gen;
pub mod input;
pub mod planner;
pub mod records;
pub mod report;
pub mod whatif;
pub mod wire;

/// Unit tests of the lower floors read a bundled file through this root (which may use every
/// floor) rather than reaching up to [`input`] themselves.
#[cfg(test)]
pub(crate) fn test_inputs(rel: &str) -> domain::Inputs {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    input::load(&path, &Default::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .inputs
}
