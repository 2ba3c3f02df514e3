//! Time the whole semester plan (`fudao plan`: profiles, two levels, studios, sessions) on the
//! bundled scenarios and on generated ones of growing size.
//!
//! `cargo bench --bench plan`. Generated scenarios are written with `fudao::r#gen` into a temp
//! directory first; the figures are in the README.

use std::path::Path;

use fudao::domain::Inputs;
use fudao::input::{self, LoadOptions};
use fudao::planner;

fn main() {
    divan::main();
}

fn load(path: &Path) -> Inputs {
    match input::load(path, &LoadOptions::default()) {
        Ok(l) => l.inputs,
        Err(e) => panic!("{} does not load:\n{e}", path.display()),
    }
}

#[divan::bench(args = ["scenarios/jzmu-2026-fall.toml", "scenarios/small.toml", "scenarios/tiny.toml"], sample_count = 5)]
fn bundled(bencher: divan::Bencher, scenario: &str) {
    let inputs = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(scenario));
    bencher.bench(|| planner::run(divan::black_box(&inputs)));
}

#[divan::bench(args = [(20, 150), (60, 1500), (120, 3000)], sample_count = 3)]
fn generated(bencher: divan::Bencher, size: (u64, u64)) {
    let dir = std::env::temp_dir().join("fudao-bench");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/jzmu.toml");
    let out = dir.join(format!("gen-{}-{}.toml", size.0, size.1));
    let rules = rules.display().to_string();
    if let Err(e) = fudao::r#gen::run(Some(size.0), Some(size.1), 3, Some(&out), Some(&rules)) {
        panic!("gen: {e}");
    }
    let inputs = load(&out);
    bencher.bench(|| planner::run(divan::black_box(&inputs)));
}
