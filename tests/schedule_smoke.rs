//! Smoke test of the scheduler with naive units (each campus's small colleges pooled) and no
//! studios; the full pipeline tests live in tests/plan.rs.
mod common;

use fudao::profile;
use fudao::schedule::{self, Context, Outcome, Unit};

#[test]
fn bundled_schedules_with_naive_units() {
    let path =
        std::env::var("FUDAO_SCENARIO").unwrap_or_else(|_| "scenarios/jzmu-2026-fall.toml".into());
    let l = common::load_bundled(&path);
    let inputs = &l.inputs;
    let prof = profile::classify(inputs);
    let ft = inputs.full_time_counselors();
    let sc = &inputs.scenario;
    let mut units = Vec::new();
    for (c, col) in sc.colleges.iter().enumerate() {
        if ft[c] >= inputs.rules.two_level.independent_min {
            units.push(Unit {
                id: col.id.clone(),
                colleges: vec![c],
                campuses: vec![col.campus],
            });
        }
    }
    for campus in 0..sc.campuses.len() {
        let small: Vec<usize> = (0..sc.colleges.len())
            .filter(|&c| {
                sc.colleges[c].campus == campus && ft[c] < inputs.rules.two_level.independent_min
            })
            .collect();
        if !small.is_empty() {
            units.push(Unit {
                id: format!("J{}", campus + 1),
                colleges: small,
                campuses: vec![campus],
            });
        }
    }
    let t = std::time::Instant::now();
    let cx = Context::new(inputs, &prof, &units, &[]);
    let s = schedule::schedule(&cx);
    eprintln!("time {:?}", t.elapsed());
    eprintln!("{:?}", s.outcome);
    eprintln!("terms {:?}", s.terms);
    eprintln!("sessions {}", s.sessions.len());
    for n in &s.notes {
        eprintln!("note {n}");
    }
    assert!(
        matches!(s.outcome, Outcome::Planned { .. }),
        "{:?}",
        s.outcome
    );
}
