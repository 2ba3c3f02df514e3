//! `fudao plan --write-models DIR`: the stages' MILPs in free MPS format, re-read here by a reader
//! of its own (no fudao code) and re-solved with good_lp (microlp, or HiGHS with the feature) to
//! the optimum fudao reports: every two-level component, both studio phases, and the selection's
//! LP relaxation (the bound of the plan's gap).

use std::collections::BTreeMap;
use std::path::Path;

use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, variable};

use crate::support::{self, fudao};

/// A model as the file states it.
#[derive(Debug, Default)]
struct Mps {
    maximise: bool,
    /// Row name → `N`, `L`, `G` or `E`.
    rows: BTreeMap<String, char>,
    /// Column name, integer, coefficients by row.
    columns: Vec<(String, bool, BTreeMap<String, f64>)>,
    rhs: BTreeMap<String, f64>,
    /// Column → (lower, upper).
    bounds: BTreeMap<String, (Option<f64>, Option<f64>)>,
}

fn read(path: &Path) -> Mps {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut m = Mps::default();
    let mut section = "";
    let mut integer = false;
    let num = |s: &str| -> f64 { s.parse().unwrap_or_else(|_| panic!("not a number: {s}")) };
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            section = f[0];
            continue;
        }
        match section {
            "OBJSENSE" => m.maximise = f[0] == "MAX",
            "ROWS" => {
                m.rows
                    .insert(f[1].to_string(), f[0].chars().next().expect("kind"));
            }
            "COLUMNS" => {
                if f[1] == "'MARKER'" {
                    integer = f[2] == "'INTORG'";
                    continue;
                }
                if m.columns.last().is_none_or(|c| c.0 != f[0]) {
                    m.columns.push((f[0].to_string(), integer, BTreeMap::new()));
                }
                let col = m.columns.last_mut().expect("column");
                for pair in f[1..].chunks(2) {
                    assert!(m.rows.contains_key(pair[0]), "unknown row {}", pair[0]);
                    col.2.insert(pair[0].to_string(), num(pair[1]));
                }
            }
            "RHS" => {
                for pair in f[1..].chunks(2) {
                    m.rhs.insert(pair[0].to_string(), num(pair[1]));
                }
            }
            "BOUNDS" => {
                let b = m.bounds.entry(f[2].to_string()).or_default();
                match f[0] {
                    "FX" => *b = (Some(num(f[3])), Some(num(f[3]))),
                    "LO" => b.0 = Some(num(f[3])),
                    "UP" => b.1 = Some(num(f[3])),
                    "MI" => b.0 = Some(f64::NEG_INFINITY),
                    "PL" => b.1 = Some(f64::INFINITY),
                    other => panic!("bound type {other}"),
                }
            }
            other => panic!("unexpected section {other}"),
        }
    }
    assert_eq!(
        section,
        "ENDATA",
        "{}: the file ends with ENDATA",
        path.display()
    );
    m
}

/// The optimum of the model (integers relaxed when `relax`).
fn solve(m: &Mps, relax: bool) -> f64 {
    let mut vars = ProblemVariables::new();
    let mut x: BTreeMap<&str, Variable> = BTreeMap::new();
    for (name, int, _) in &m.columns {
        let (lo, hi) = m.bounds.get(name).copied().unwrap_or_default();
        let mut def = variable().min(lo.unwrap_or(0.0));
        if let Some(hi) = hi.filter(|h| h.is_finite()) {
            def = def.max(hi);
        }
        if *int && !relax {
            def = def.integer();
        }
        x.insert(name.as_str(), vars.add(def));
    }
    let row_expr = |row: &str| -> Expression {
        m.columns
            .iter()
            .filter_map(|(name, _, coef)| coef.get(row).map(|&k| k * x[name.as_str()]))
            .sum()
    };
    let objective_row = m.rows.iter().find(|r| *r.1 == 'N').expect("an objective").0;
    let offset = -m.rhs.get(objective_row).copied().unwrap_or(0.0);
    let objective = row_expr(objective_row) + offset;
    let unsolved = if m.maximise {
        vars.maximise(objective.clone())
    } else {
        vars.minimise(objective.clone())
    };
    #[cfg(feature = "highs")]
    let mut model = unsolved.using(good_lp::highs);
    #[cfg(not(feature = "highs"))]
    let mut model = unsolved.using(good_lp::microlp);
    for (row, &kind) in &m.rows {
        let e = row_expr(row);
        let b = m.rhs.get(row).copied().unwrap_or(0.0);
        match kind {
            'L' => model.add_constraint(e.leq(b)),
            'G' => model.add_constraint(e.geq(b)),
            'E' => model.add_constraint(e.eq(b)),
            _ => continue,
        };
    }
    let s = model.solve().expect("the written model solves");
    s.eval(&objective)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn written_models_resolve_to_the_reported_optima() {
    let dir = tempfile::tempdir().expect("tmp");
    let models = dir.path().join("models");
    let out = dir.path().join("out");
    let (code, _, err) = fudao(&[
        "plan",
        "scenarios/tiny.toml",
        "--write-models",
        models.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&models)
        .expect("models written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names.iter().any(|n| n.starts_with("clusters-")),
        "{names:?}"
    );
    for want in ["selection.mps", "studios-count.mps", "studios-total.mps"] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    let plan: fudao::wire::PlanFile =
        serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).expect("plan.json"))
            .expect("parses");

    // the two-level stage: the components' optima add up to the plan's clusters objective
    let l = support::load_bundled("scenarios/tiny.toml");
    let tl = fudao::planner::two_level::decide(&l.inputs);
    let clusters: f64 = names
        .iter()
        .filter(|n| n.starts_with("clusters-"))
        .map(|n| solve(&read(&models.join(n)), false))
        .sum();
    assert!(
        close(clusters, tl.objective.total()),
        "clusters re-solved {clusters}, fudao {}",
        tl.objective.total()
    );
    // the studios: the count phase staffs as many studios as the plan, the total phase reaches
    // the staffing objective
    let staffed = plan.studios.iter().filter(|s| s.lead.is_some()).count() as f64;
    let count = solve(&read(&models.join("studios-count.mps")), false);
    assert!(close(count, staffed), "count {count}, staffed {staffed}");
    let st = fudao::planner::studios::staff(&l.inputs).expect("staffed");
    let total = solve(&read(&models.join("studios-total.mps")), false);
    assert!(
        close(total, st.terms.total()),
        "studios re-solved {total}, fudao {}",
        st.terms.total()
    );
    // the selection: its LP relaxation is the bound fudao reports
    let planned = fudao::planner::run(&l.inputs);
    let bound = planned.selection_bound.expect("a selection");
    let sel = read(&models.join("selection.mps"));
    assert!(sel.maximise);
    let lp = solve(&sel, true);
    if plan.status == "optimal" {
        assert!(
            lp >= bound - 1e-6,
            "selection LP re-solved {lp} below the optimum {bound}"
        );
    } else {
        assert!(
            close(lp, bound),
            "selection LP re-solved {lp}, fudao's bound {bound}"
        );
    }
    // … and its value is within that bound
    let value = planned.selection_value.expect("a selection");
    assert!(value <= lp + 1e-6, "{value} above the LP optimum {lp}");
}
