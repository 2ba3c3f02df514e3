//! `fudao whatif`: overrides validated like file values, grids, determinism across thread
//! counts, the one-point sweep against `plan`, monotonicity in the budget, and the outputs.
//!
//! Sweeps here use the bundled scenario at budgets where its selection MILP solves in well under a
//! second (from 240000 yuan up); below that the school fund binds hard and single points take
//! seconds to minutes (see README “What-if”), which belongs in the benchmark, not in CI.

use crate::support;
use std::path::{Path, PathBuf};

use fudao::input::{self, LoadOptions, Override};
use fudao::whatif::{self, Grid, Options, Vary};

const BUNDLED: &str = "scenarios/jzmu-2026-fall.toml";
const TINY: &str = "scenarios/tiny.toml";

use support::fudao;

fn sweep(scenario: &str, vary: &[&str], jobs: usize) -> whatif::Sweep {
    let grid = Grid::new(
        vary.iter()
            .map(|v| Vary::parse(v).expect("valid --vary"))
            .collect(),
    )
    .expect("grid");
    let path = support::root().join(scenario);
    match whatif::run(
        &path,
        grid,
        &Options {
            rules: None,
            jobs,
            time_limit: None,
        },
        &|| {},
    ) {
        Ok(s) => s,
        Err(whatif::SweepError::Input { point, error, .. }) => panic!("{point}:\n{error}"),
        Err(whatif::SweepError::Ids(e)) => panic!("{e}"),
        Err(whatif::SweepError::Pool(e)) => panic!("{e}"),
    }
}

/// The selection stage's objective (hours + coverage + cost): what the planner optimizes first,
/// under the funds; travel and spacing are optimized afterwards for the sessions chosen.
fn selection_value(p: &whatif::PointResult) -> f64 {
    ["hours", "duties", "standing", "cost"]
        .iter()
        .map(|t| p.terms.get(*t).copied().unwrap_or(0.0))
        .sum()
}

#[test]
fn overrides_replace_values_by_path_and_by_entry_id() {
    let path = support::root().join(BUNDLED);
    let base = input::load(&path, &LoadOptions::default()).expect("bundled loads");
    let venue = base.inputs.scenario.venues[0].id.clone();
    let kind = "theme_lecture";
    let l = input::load(
        &path,
        &LoadOptions {
            rules: None,
            overrides: vec![
                Override::new("funds.total", 123_456.0),
                Override::new(format!("venues.{venue}.capacity"), 7.0),
                Override::new(format!("session_kinds.{kind}.max_per_semester"), 2.0),
                Override::new("budget.school_share", 0.5),
            ],
            ..LoadOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sc = &l.inputs.scenario;
    assert_eq!(sc.funds_total, 123_456.0);
    assert_eq!(sc.venues[0].capacity, 7);
    assert_eq!(l.inputs.rules.budget.school_share, 0.5);
    let k = l
        .inputs
        .rules
        .session_kinds
        .iter()
        .find(|k| k.id == kind)
        .expect("kind");
    assert_eq!(k.max_per_semester, Some(2));
    // Nothing else moved.
    assert_eq!(sc.venues[1..], base.inputs.scenario.venues[1..]);
    assert_eq!(l.inputs.rules.two_level, base.inputs.rules.two_level);
}

#[test]
fn unknown_id_exits_2_naming_the_valid_ids() {
    let (code, out, err) = fudao(&[
        "whatif",
        BUNDLED,
        "--vary",
        "two_level.independent_mn=4..8:1",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("E003"), "{err}");
    assert!(!err.contains("what-if points have invalid inputs"), "{err}");
    assert!(
        err.contains("unknown id `two_level.independent_mn`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `two_level.independent_min`"),
        "{err}"
    );
    // both groups, with rule and scenario ids
    assert!(err.contains("rules / 规则"), "{err}");
    assert!(err.contains("scenario / 场景"), "{err}");
    assert!(err.contains("budget.school_share = 0.6"), "{err}");
    assert!(err.contains("funds.total = 300000"), "{err}");
    assert!(err.contains("session_kinds.<id>.{"), "{err}");
    assert!(err.contains("venues.<id>.{capacity, cost}"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // An id in no section at all, and one that names text or a table.
    let (code, _, err) = fudao(&["whatif", BUNDLED, "--vary", "budget_total=1..2:1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("funds.total"), "{err}");
    let (code, _, err) = fudao(&["whatif", BUNDLED, "--vary", "two_level.unreachable=1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a number"), "{err}");
    let (code, _, err) = fudao(&["whatif", BUNDLED, "--vary", "two_level.weights=1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("two_level.weights.per_cluster"), "{err}");
}

#[test]
fn malformed_ranges_exit_2_with_the_expected_form() {
    for bad in [
        "funds.total=300000..200000:1000",
        "funds.total=200000..300000",
        "funds.total=200000..300000:0",
        "funds.total=200000..300000:-5",
        "funds.total=lots",
        "funds.total",
        "funds.total=0..1000000:1",
    ] {
        let (code, out, err) = fudao(&["whatif", BUNDLED, "--vary", bad]);
        assert_eq!(code, 2, "{bad}: {out}{err}");
        assert!(err.contains("ID=FROM..TO:STEP"), "{bad}: {err}");
        assert!(err.contains("编号=起..止:步长"), "{bad}: {err}");
        assert!(!err.contains("panicked"), "{bad}: {err}");
    }
    // Too many points in all, and the same id twice.
    let (code, _, err) = fudao(&[
        "whatif",
        BUNDLED,
        "--vary",
        "funds.total=200000..300000:100",
        "--vary",
        "budget.school_share=0.1..0.9:0.05",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at most 10000"), "{err}");
    let (code, _, err) = fudao(&[
        "whatif",
        BUNDLED,
        "--vary",
        "funds.total=1",
        "--vary",
        "funds.total=2",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("twice"), "{err}");
}

#[test]
fn overrides_are_validated_like_file_values() {
    // independent_min = 0 is the usual E011, pointing at the rules file line, naming --vary.
    let (code, out, err) = fudao(&[
        "whatif",
        BUNDLED,
        "--vary",
        "two_level.independent_min=0..6:3",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("E011"), "{err}");
    assert!(
        err.contains("1 of 3 what-if points have invalid inputs"),
        "{err}"
    );
    assert!(err.contains("two_level.independent_min = 0"), "{err}");
    assert!(err.contains("value set by --vary"), "{err}");
    assert!(err.contains("rules/jzmu.toml:"), "{err}");
    // An integer rule given a fraction is the usual “whole number” error.
    let (code, _, err) = fudao(&[
        "whatif",
        BUNDLED,
        "--vary",
        "two_level.independent_min=4..8:0.5",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("E004") && err.contains("whole number"),
        "{err}"
    );
    // A share above 1 is out of range, as in the file.
    let (code, _, err) = fudao(&["whatif", BUNDLED, "--vary", "budget.school_share=1.5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("budget.school_share"), "{err}");
}

#[test]
fn one_point_sweep_equals_plan() {
    // At the file's own value: the same as planning the file.
    let l = support::load_bundled(BUNDLED);
    let planned = fudao::planner::run(&l.inputs);
    let s = sweep(BUNDLED, &["funds.total=300000"], 1);
    assert_eq!(s.points.len(), 1);
    let p = &s.points[0];
    assert_eq!(p.status, planned.file.status);
    assert_eq!(p.objective, Some(planned.file.objective.total));
    assert_eq!(p.terms, planned.file.objective.terms);

    // At another value: the same as planning a copy of the file with that value written in.
    let dir = tempfile::tempdir().expect("temp dir");
    let root = support::root();
    let text = std::fs::read_to_string(root.join(BUNDLED)).expect("read");
    let edited = text.replace("total = 300000.0", "total = 260000.0");
    assert_ne!(edited, text, "the bundled scenario's funds.total moved");
    let copy = dir.path().join("s.toml");
    std::fs::write(&copy, edited).expect("write");
    std::fs::copy(
        root.join("scenarios/jzmu-2026-fall-staff.csv"),
        dir.path().join("jzmu-2026-fall-staff.csv"),
    )
    .expect("copy roster");
    let l = input::load(
        &copy,
        &LoadOptions {
            rules: Some(root.join("rules/jzmu.toml")),
            ..LoadOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let planned = fudao::planner::run(&l.inputs);
    let s = sweep(BUNDLED, &["funds.total=260000"], 2);
    let p = &s.points[0];
    assert_eq!(p.status, planned.file.status);
    assert_eq!(p.objective, Some(planned.file.objective.total));
    assert_eq!(p.terms, planned.file.objective.terms);
    let spent: f64 = planned.file.budget.funds.iter().map(|f| f.spent).sum();
    let ours = p.spend.school_spent + p.spend.college_spent;
    assert!((spent - ours).abs() < 0.005, "{spent} vs {ours}");
    assert_eq!(p.sessions_total(), planned.file.sessions.len());
}

#[test]
fn more_budget_never_lowers_the_selection_objective_beyond_its_gap() {
    // The school fund binds over the whole range. The selection is a heuristic's (within the LP
    // bound, not proven optimal), so one step may find a plan a little below the last; but a
    // point's plan is feasible at the next, larger budget, so the next point's value plus its
    // gap (which bounds the optimum) can never fall below it. And the money buys something.
    let s = sweep(BUNDLED, &["funds.total=160000..220000:20000"], 2);
    assert!(
        s.points
            .iter()
            .all(|p| p.status == "optimal" || p.status == "feasible"),
        "{:?}",
        s.points
    );
    let sel: Vec<f64> = s.points.iter().map(selection_value).collect();
    let gaps: Vec<f64> = s.points.iter().map(|p| p.gap.unwrap_or(0.0)).collect();
    for i in 1..sel.len() {
        assert!(
            sel[i] + gaps[i] >= sel[i - 1] - 1e-6,
            "more money lowered the selection objective beyond the gap: {sel:?}, gaps {gaps:?}"
        );
    }
    assert!(sel[sel.len() - 1] > sel[0] + 1.0, "{sel:?}");
    // And no saturation is claimed inside the range.
    let line = &s.lines[0];
    assert_eq!(
        line.saturation,
        whatif::Saturation::NotReached,
        "{}",
        line.zh
    );
}

#[test]
fn each_step_is_told_from_its_rows_and_clusters_match_the_two_level_stage() {
    // a threshold sweep: clusters at every point named by their member colleges, equal to what
    // the two-level stage decides with the rule changed; every step's change and sentence agree
    // with the two rows it joins
    let s = sweep(TINY, &["two_level.independent_min=3..8:1"], 2);
    let path = support::root().join(TINY);
    for p in &s.points {
        let l = input::load(
            &path,
            &LoadOptions {
                rules: None,
                overrides: vec![Override::new("two_level.independent_min", p.values[0])],
                ..LoadOptions::default()
            },
        )
        .expect("valid");
        let colleges = &l.inputs.scenario.colleges;
        let tl = fudao::planner::two_level::decide(&l.inputs);
        let want: Vec<Vec<String>> = tl
            .clusters
            .iter()
            .map(|c| {
                c.members
                    .iter()
                    .map(|&m| colleges[m].name.clone())
                    .collect()
            })
            .collect();
        if p.feasible() {
            let got: Vec<Vec<String>> = p.joint.iter().map(|j| j.colleges.clone()).collect();
            assert_eq!(got, want, "clusters at {:?}", p.values);
            assert_eq!(
                p.independent.len() + p.joint.iter().map(|j| j.colleges.len()).sum::<usize>(),
                colleges.len(),
                "every college is independent or in a cluster at {:?}",
                p.values
            );
        }
    }
    let zh_kind = |k: &str| {
        s.names
            .kinds
            .iter()
            .find(|(id, _)| id == k)
            .map(|(_, zh)| zh.clone())
            .expect("kind")
    };
    let line = &s.lines[0];
    for (st, w) in line.steps.iter().zip(line.points.windows(2)) {
        let (a, b) = (&s.points[w[0]], &s.points[w[1]]);
        let Some(c) = &st.change else {
            assert!(
                !(a.feasible() && b.feasible()),
                "a change between two plans"
            );
            continue;
        };
        assert_eq!(
            c.sessions,
            b.sessions_total() as i64 - a.sessions_total() as i64
        );
        assert_eq!(c.kinds.iter().map(|(_, d)| d).sum::<i64>(), c.sessions);
        assert_eq!(c.clusters, (a.clusters, b.clusters));
        for (k, d) in &c.kinds {
            let n = |p: &whatif::PointResult| p.sessions[k] as i64;
            assert_eq!(*d, n(b) - n(a), "{k}");
            let said = if *d > 0 {
                format!("增加 {d} 场{}", zh_kind(k))
            } else {
                format!("减少 {} 场{}", -d, zh_kind(k))
            };
            assert!(st.zh.contains(&said), "{said} not in: {}", st.zh);
        }
        for (college, before, after) in &c.colleges {
            assert_ne!(before, after);
            assert!(
                st.zh.contains(college.as_str()) || st.zh.contains("另有"),
                "{}",
                st.zh
            );
        }
        if a.clusters != b.clusters {
            assert!(
                st.zh
                    .contains(&format!("联合组 {} → {} 个", a.clusters, b.clusters)),
                "{}",
                st.zh
            );
        }
    }
    // a saturation claimed holds for every figure it names
    if let whatif::Saturation::Beyond(v) | whatif::Saturation::Throughout(v) = line.saturation {
        let from = line
            .points
            .iter()
            .position(|&i| s.points[i].values[0] == v)
            .expect("value");
        let same = &line.points[from..];
        for w in same.windows(2) {
            let (a, b) = (&s.points[w[0]], &s.points[w[1]]);
            assert_eq!(a.sessions, b.sessions, "{}", line.zh);
            assert_eq!(a.joint, b.joint, "{}", line.zh);
            assert_eq!(a.hours_per_member, b.hours_per_member, "{}", line.zh);
        }
    }
}

#[test]
fn a_budget_step_is_said_in_yuan_sessions_and_hours() {
    let s = sweep(TINY, &["funds.total=20000..40000:10000"], 2);
    let line = &s.lines[0];
    for st in &line.steps {
        if let Some(c) = &st.change {
            assert!(st.zh.starts_with("再增加 1 万元"), "{}", st.zh);
            assert!(st.en.starts_with("10000 more yuan"), "{}", st.en);
            let x = c.execution.expect("execution");
            assert!(
                st.zh.contains(&format!("经费执行率 {:.1}%", x * 100.0)),
                "{}",
                st.zh
            );
            for (g, d) in &c.hours {
                let zh = &s
                    .names
                    .groups
                    .iter()
                    .find(|(id, _)| id == g)
                    .expect("group")
                    .1;
                assert!(
                    st.zh.contains(&format!("{zh}人均 {d:+.1} 学时")),
                    "{}",
                    st.zh
                );
            }
        }
    }
    let table = whatif::render::table(&s);
    assert!(table.contains("每万元人均学时"), "{table}");
    assert!(
        !table.contains("Δ目标"),
        "the marginal table is in yuan and hours: {table}"
    );
}

/// The total objective (selection terms plus travel and spacing) is not monotone in the budget:
/// the planner is lexicographic — it chooses sessions first (that part is monotone, above), then
/// places them with the least travel and bunching for that choice, and with more money it
/// chooses sessions whose best placement travels more. Kept, ignored, so the finding stays
/// visible; it passes once the planner optimizes the weighted total.
#[test]
#[ignore = "known: lexicographic placement — funds.total 240000 → 260000 lowers the total by 17.96 (travel −37.5)"]
fn more_budget_never_lowers_the_total_objective() {
    let s = sweep(BUNDLED, &["funds.total=240000..300000:20000"], 2);
    let totals: Vec<f64> = s.points.iter().filter_map(|p| p.objective).collect();
    for w in totals.windows(2) {
        assert!(w[1] >= w[0] - 1e-6, "{totals:?}");
    }
}

fn out_file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

#[test]
fn jobs_1_and_2_give_identical_bytes_and_the_csv_reads_back() {
    // A 2-D grid with an infeasible row (one session a week cannot hold the required sessions),
    // on the tiny scenario (every other point a checked plan, never a `check_failed` row).
    let dir = tempfile::tempdir().expect("temp dir");
    let vary = [
        "--vary",
        "calendar.max_sessions_per_person_per_week=1..3:1",
        "--vary",
        "two_level.independent_min=6..7:1",
    ];
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let csv = out_file(dir.path(), &format!("sweep-{jobs}.csv"));
        let csv_arg = csv.display().to_string();
        let mut args = vec!["whatif", TINY];
        args.extend(vary);
        args.extend(["--jobs", jobs, "-o", &csv_arg]);
        let (code, table, err) = fudao(&args);
        assert_eq!(code, 0, "{err}");
        let mut args = vec!["whatif", TINY];
        args.extend(vary);
        args.extend(["--jobs", jobs, "--format", "json"]);
        let (code, json, err) = fudao(&args);
        assert_eq!(code, 0, "{err}");
        assert!(err.is_empty(), "no progress bar into a pipe: {err}");
        outputs.push((std::fs::read(&csv).expect("csv written"), json, table));
    }
    assert_eq!(
        outputs[0].0, outputs[1].0,
        "CSV differs between --jobs 1 and 2"
    );
    assert_eq!(
        outputs[0].1, outputs[1].1,
        "JSON differs between --jobs 1 and 2"
    );
    assert_eq!(
        outputs[0].2, outputs[1].2,
        "table differs between --jobs 1 and 2"
    );

    // CSV: a BOM, a bilingual header, one row per point in grid order, infeasible rows kept.
    let bytes = &outputs[0].0;
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no UTF-8 BOM");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let header = rdr.headers().expect("header").clone();
    assert_eq!(
        &header[0],
        "每人每周最多场次 calendar.max_sessions_per_person_per_week"
    );
    assert_eq!(
        &header[1],
        "单独培训门槛（专职辅导员人数） two_level.independent_min"
    );
    assert!(header.iter().any(|h| h == "状态 status"), "{header:?}");
    assert!(
        header.iter().any(|h| h == "必修覆盖率 required_coverage"),
        "{header:?}"
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 6);
    let status = header
        .iter()
        .position(|h| h == "状态 status")
        .expect("status");
    let reason = header
        .iter()
        .position(|h| h == "原因 reason")
        .expect("reason");
    let keys: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert_eq!(
        keys,
        [
            ("1", "6"),
            ("1", "7"),
            ("2", "6"),
            ("2", "7"),
            ("3", "6"),
            ("3", "7")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    for r in &rows[..2] {
        assert_eq!(&r[status], "infeasible");
        assert!(!r[reason].is_empty(), "an infeasible row names its reason");
    }
    // every cell short but the step sentences (and the names of the clusters' colleges)
    let wordy: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.starts_with("本步变化") || h.starts_with("联合组成员"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(wordy.len(), 3, "{header:?}");
    for r in &rows[2..] {
        assert!(matches!(&r[status], "feasible" | "optimal"), "{r:?}");
        assert!(
            r.iter()
                .enumerate()
                .all(|(i, c)| wordy.contains(&i) || c.len() < 200),
            "{r:?}"
        );
    }

    // JSON: points keyed by id, the marginal analysis along both ids.
    let v: serde_json::Value = serde_json::from_str(&outputs[0].1).expect("json");
    let points = v["points"].as_array().expect("points");
    assert_eq!(points.len(), 6);
    assert_eq!(points[5]["values"]["two_level.independent_min"], 7.0);
    assert_eq!(points[0]["status"], "infeasible");
    assert!(points[2]["funds"].as_array().is_some_and(|f| !f.is_empty()));
    let marginal = v["marginal"].as_array().expect("marginal");
    // along the first id: one line per value of the second (2); along the second: 3 lines
    assert_eq!(marginal.len(), 5);
}

#[test]
fn three_shards_merge_into_the_bytes_of_one_sweep() {
    // the grid of the test above: an infeasible row and feasible ones, 6 points over 3 shards,
    // each shard its own process; merged in another order than planned
    let dir = tempfile::tempdir().expect("temp dir");
    let vary = [
        "--vary",
        "calendar.max_sessions_per_person_per_week=1..3:1",
        "--vary",
        "two_level.independent_min=6..7:1",
    ];
    let path = |name: &str| out_file(dir.path(), name).display().to_string();
    let mut shards = Vec::new();
    for k in 1..=3 {
        let shard = path(&format!("shard-{k}.json"));
        let spec = format!("{k}/3");
        let mut args = vec!["whatif", TINY];
        args.extend(vary);
        args.extend(["--shard", &spec, "-o", &shard, "--jobs", "1"]);
        let (code, out, err) = fudao(&args);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("shard {k}/3: 2 points")), "{out}");
        shards.push(shard);
    }
    for ext in ["csv", "json", "svg", "txt"] {
        let one = path(&format!("one.{ext}"));
        let mut args = vec!["whatif", TINY];
        args.extend(vary);
        args.extend(["-o", &one]);
        let (code, table_one, err) = fudao(&args);
        assert_eq!(code, 0, "{err}");
        let merged = path(&format!("merged.{ext}"));
        let (code, table_merged, err) = fudao(&[
            "whatif", "merge", &shards[2], &shards[0], &shards[1], "-o", &merged,
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            std::fs::read(&one).expect("one"),
            std::fs::read(&merged).expect("merged"),
            "{ext}: merged shards differ from the single sweep"
        );
        assert_eq!(table_one, table_merged, "{ext}: the tables differ");
    }
    // shards that do not make one sweep: exit 2, said why, nothing written
    let never = path("never.csv");
    let (code, _, err) = fudao(&["whatif", "merge", &shards[0], &shards[1], "-o", &never]);
    assert_eq!(code, 2);
    assert!(err.contains("3/3"), "names the missing shard: {err}");
    let (code, _, err) = fudao(&["whatif", "merge", &shards[0], &shards[0], &shards[1]]);
    assert_eq!(code, 2);
    assert!(err.contains("both shard 1/3"), "{err}");
    let other = path("other.json");
    let (code, _, err) = fudao(&[
        "whatif",
        TINY,
        "--vary",
        "two_level.independent_min=6..7:1",
        "--shard",
        "3/3",
        "-o",
        &other,
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = fudao(&["whatif", "merge", &shards[0], &shards[1], &other]);
    assert_eq!(code, 2);
    assert!(err.contains("--vary"), "{err}");
    assert!(!Path::new(&never).exists(), "a failed merge writes nothing");
    let (code, _, err) = fudao(&[
        "whatif",
        TINY,
        "--vary",
        "funds.total=1..2:1",
        "--shard",
        "4/3",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("K/N"), "{err}");
}

#[test]
fn output_format_follows_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("chart.svg");
    let json = dir.path().join("sweep.json");
    let html = dir.path().join("sweep.html");
    for (path, starts) in [(&svg, "<svg"), (&json, "{"), (&html, "<!DOCTYPE html>")] {
        let arg = path.display().to_string();
        let (code, table, err) = fudao(&[
            "whatif",
            BUNDLED,
            "--vary",
            "funds.total=280000..300000:20000",
            "-o",
            &arg,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            table.contains("假设分析 What-if"),
            "the table still goes to the terminal"
        );
        let body = std::fs::read_to_string(path).expect("written");
        assert!(body.starts_with(starts), "{body}");
    }
    let body = std::fs::read_to_string(&svg).expect("svg");
    assert!(body.ends_with("</svg>\n"));
    // the axis is labelled in words, not by the id
    assert!(body.contains("专项经费总额（元）"), "{body}");
    assert!(!body.contains(">funds.total<"), "{body}");
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(page.contains("<svg") && page.ends_with("</html>\n"));
    let (code, _, err) = fudao(&[
        "whatif",
        BUNDLED,
        "--vary",
        "funds.total=300000",
        "-o",
        "sweep.xlsx",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--format"), "{err}");
}

#[test]
fn list_names_the_ids() {
    let (code, out, err) = fudao(&["whatif", BUNDLED, "--list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("two_level.independent_min = 6"), "{out}");
    assert!(out.contains("funds.total = 300000"), "{out}");
}

#[test]
fn a_threshold_page_names_who_trains_with_whom_at_every_point() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("t.html");
    let json = dir.path().join("t.json");
    for path in [&html, &json] {
        let arg = path.display().to_string();
        let (code, _, err) = fudao(&[
            "whatif",
            TINY,
            "--vary",
            "two_level.independent_min=2..7:1",
            "-o",
            &arg,
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let page = std::fs::read_to_string(&html).expect("html");
    let sweep: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("parses");
    assert!(!page.contains("<script"), "no scripts");
    assert!(
        page.contains("单独培训门槛（专职辅导员人数）"),
        "the id in words"
    );
    let points = sweep["points"].as_array().expect("points");
    assert_eq!(points.len(), 6);
    let mut labels = std::collections::BTreeSet::new();
    for p in points {
        for j in p["joint"].as_array().expect("joint") {
            let names: Vec<&str> = j["colleges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            labels.insert(names.join("+"));
        }
        for c in p["independent"].as_array().expect("independent") {
            assert!(page.contains(c.as_str().unwrap()));
        }
    }
    assert!(
        labels.len() >= 2,
        "the clusters change along the sweep: {labels:?}"
    );
    for l in &labels {
        assert!(
            page.contains(l.as_str()),
            "cluster {l} is named on the page"
        );
    }
    // every step's sentence is on the page
    for line in sweep["marginal"].as_array().expect("marginal") {
        for st in line["steps"].as_array().unwrap() {
            assert!(page.contains(st["zh"].as_str().unwrap()));
        }
    }
    // the chart plots what the threshold moves: the joint colleges come first
    let first_panel = page
        .split("font-size=\"14\" font-weight=\"bold\">")
        .nth(1)
        .expect("a panel title");
    assert!(first_panel.starts_with("联合培训的学院数"), "{first_panel}");
}
