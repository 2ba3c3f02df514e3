//! Time the what-if budget sweep of the bundled scenario (`fudao whatif`: every point validated,
//! then planned in full — profiles, two levels, studios, sessions — and re-verified by the
//! checker; then the marginal analysis): `funds.total` from 30,000 to 400,000 in steps of 10,000
//! (38 points; below 90,000 the required sessions do not fit, and the point says so at once), with
//! 1 and 2 jobs, and each point's status, gap and time printed. Figures are in the README
//! (“What-if”).

use std::path::Path;

use fudao::whatif::{self, Grid, Options, Vary};

fn main() {
    divan::main();
}

fn sweep(vary: &str, jobs: usize, points: usize) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/jzmu-2026-fall.toml");
    let grid = match Vary::parse(vary).and_then(|v| Grid::new(vec![v])) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(grid.points.len(), points);
    let opts = Options {
        rules: None,
        jobs,
        time_limit: None,
    };
    match whatif::run(&path, grid, &opts, &|| {}) {
        Ok(s) => {
            for p in &s.points {
                eprintln!("  {:?}: {} gap {:?}", p.values, p.status, p.gap);
            }
            s.points.len()
        }
        Err(e) => panic!("{e:?}"),
    }
}

/// The budgets that matter: 30,000 to 400,000 (the tight ones first).
#[divan::bench(args = [1, 2], sample_count = 1, sample_size = 1)]
fn funds_total_30k_400k(jobs: usize) -> usize {
    sweep(
        "funds.total=30000..400000:10000",
        divan::black_box(jobs),
        38,
    )
}

/// One tight point and one loose one on their own, to time a single plan at each.
#[divan::bench(args = ["funds.total=100000..100000:1", "funds.total=300000..300000:1"], sample_count = 3, sample_size = 1)]
fn one_point(vary: &str) -> usize {
    sweep(vary, 1, 1)
}
