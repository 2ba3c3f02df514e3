//! Helpers shared by the export tests: the bundled plan, planned once per test binary and checked
//! by the independent checker before anything is exported from it.
#![allow(dead_code)]

use std::sync::OnceLock;

use fudao::domain::Inputs;
use fudao::input::{self, LoadOptions};
use fudao::wire::PlanFile;

pub use super::root;

/// The bundled scenario's inputs and its checked plan.
pub fn bundled() -> &'static (Inputs, PlanFile) {
    static PLAN: OnceLock<(Inputs, PlanFile)> = OnceLock::new();
    PLAN.get_or_init(|| {
        let l = input::load(
            &root().join("scenarios/jzmu-2026-fall.toml"),
            &LoadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("bundled scenario loads:\n{e}"));
        let planned = fudao::planner::run(&l.inputs);
        assert!(
            ["optimal", "feasible"].contains(&planned.file.status.as_str()),
            "the bundled scenario is planned: {}",
            planned.file.status
        );
        let outcome = fudao::checker::verify(&l.inputs, &planned.file);
        assert!(outcome.is_ok(), "the bundled plan passes the checker");
        (l.inputs, planned.file)
    })
}
