//! Time 200-point what-if sweeps of the bundled scenario with 1 and 2 threads (`fudao whatif`:
//! every point validated, then planned in full — profiles, two levels, studios, sessions — and
//! re-verified by the checker; then the marginal analysis).
//!
//! `cargo bench --bench whatif` runs 200 points above the binding budgets
//! (`funds.total=260000..459000:1000`) and the sweep (`funds.total=200000..399000:1000`,
//! where the school fund binds below 200000). Figures and the machine's load are in the README
//! (“What-if”).

use std::path::Path;

use fudao::whatif::{self, Grid, Options, Vary};

fn main() {
    divan::main();
}

fn sweep(vary: &str, jobs: usize) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/jzmu-2026-fall.toml");
    let grid = match Vary::parse(vary).and_then(|v| Grid::new(vec![v])) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(grid.points.len(), 200);
    let opts = Options {
        rules: None,
        jobs,
        time_limit: None,
    };
    match whatif::run(&path, grid, &opts, &|| {}) {
        Ok(s) => s.points.len(),
        Err(e) => panic!("{e:?}"),
    }
}

/// 200 points where no fund binds: the parallel machinery, each point a full plan.
#[divan::bench(args = [1, 2], sample_count = 1, sample_size = 1)]
fn funds_total_260k_459k(jobs: usize) -> usize {
    sweep("funds.total=260000..459000:1000", divan::black_box(jobs))
}

/// The 200 points.
#[divan::bench(args = [1, 2], sample_count = 1, sample_size = 1)]
fn funds_total_200k_399k(jobs: usize) -> usize {
    sweep("funds.total=200000..399000:1000", divan::black_box(jobs))
}
