//! Time the two-level decision (`fudao clusters`) on the bundled scenarios.
//!
//! `cargo bench --bench two_level`. The `wide` variants raise `two_level.independent_min` to 8 and
//! `two_level.max_travel_minutes` to 80, so more colleges are joint and all campuses connect into
//! one larger component — a harder model than the bundled rules give.

use std::path::Path;

use fudao::domain::Inputs;
use fudao::input::{self, LoadOptions};
use fudao::planner::two_level;

fn main() {
    divan::main();
}

fn load(rel: &str) -> Inputs {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    match input::load(&path, &LoadOptions::default()) {
        Ok(l) => l.inputs,
        Err(e) => panic!("{rel} does not load:\n{e}"),
    }
}

fn wide(mut inputs: Inputs) -> Inputs {
    inputs.rules.two_level.independent_min = 8;
    inputs.rules.two_level.max_travel_minutes = 80.0;
    inputs
}

#[divan::bench(args = ["scenarios/jzmu-2026-fall.toml", "scenarios/small.toml"])]
fn decide(bencher: divan::Bencher, scenario: &str) {
    let inputs = load(scenario);
    bencher.bench(|| two_level::decide(divan::black_box(&inputs)));
}

#[divan::bench(args = ["scenarios/jzmu-2026-fall.toml"])]
fn decide_wide(bencher: divan::Bencher, scenario: &str) {
    let inputs = wide(load(scenario));
    bencher.bench(|| two_level::decide(divan::black_box(&inputs)));
}
