//! Studio staffing on the bundled scenario: the whole stage, and the main solve alone.
//! Run with `cargo bench --bench studios`.

use std::path::PathBuf;

use fudao::domain::Inputs;
use fudao::input::{self, LoadOptions};
use fudao::planner::studios::{self, Options};

fn main() {
    divan::main();
}

fn bundled() -> Inputs {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/jzmu-2026-fall.toml");
    match input::load(&path, &LoadOptions::default()) {
        Ok(l) => l.inputs,
        Err(e) => panic!("bundled scenario does not load:\n{e}"),
    }
}

/// Facts per person (eligibility, profiles): no solver.
#[divan::bench]
fn instance(b: divan::Bencher) {
    let inputs = bundled();
    b.bench(|| studios::Instance::new(divan::black_box(&inputs)));
}

/// The main MILP solve plus explanations, without the per-lead regret re-solves.
#[divan::bench]
fn staff_without_regret(b: divan::Bencher) {
    let inputs = bundled();
    let opts = Options {
        lead_regret: false,
        ..Options::default()
    };
    b.bench(|| studios::staff_with(divan::black_box(&inputs), &opts));
}

/// Everything `fudao studios` computes: the main solve and one re-solve per lead.
#[divan::bench(sample_count = 10)]
fn staff_with_regret(b: divan::Bencher) {
    let inputs = bundled();
    b.bench(|| studios::staff(divan::black_box(&inputs)));
}

/// A roster that cannot staff every studio (`scenarios/tiny.toml`: 3 of 9), with the
/// explanations' re-solves.
#[divan::bench]
fn staff_tiny_with_unstaffed(b: divan::Bencher) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/tiny.toml");
    let inputs = match input::load(&path, &LoadOptions::default()) {
        Ok(l) => l.inputs,
        Err(e) => panic!("tiny scenario does not load:\n{e}"),
    };
    let opts = Options {
        lead_regret: false,
        ..Options::default()
    };
    b.bench(|| studios::staff_with(divan::black_box(&inputs), &opts));
}
