//! What-if analysis (`fudao whatif`): re-plan a scenario under every combination of varied
//! numbers, in parallel, and say what each step buys.
//!
//! Decides: which variants exist (the grid of all combinations of `--vary ID=FROM..TO:STEP`
//! ranges, sorted by the varied values, first id slowest — [`Grid`]); that every variant's inputs
//! pass the normal validation before anything is planned (a bad value is bad input, exit 2, not a
//! row); how each variant is planned (the whole [`crate::planner::run`] pipeline and the independent
//! checker, one variant per task on a pool of `jobs` threads — results are collected by grid
//! position, so the output does not depend on the thread count); and what is reported per variant
//! ([`metrics`]) and across variants ([`marginal`]). An infeasible variant is a row with its
//! reason, never an error that stops the sweep.
//!
//! Submodules: [`overrides`] (ids and how a value is replaced before validation), [`metrics`]
//! (per-point figures from a plan file), [`marginal`] (steps and saturation), [`render`] (table,
//! CSV, JSON), [`svg`] (the chart), [`progress`] (the terminal progress bar).

pub mod html;
pub mod labels;
pub mod marginal;
pub mod metrics;
pub mod progress;
pub mod render;
pub mod shard;
pub mod svg;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::input::diag::InputError;
use crate::input::{self, LoadOptions, Override};

pub use marginal::{Line, Saturation, Step};
pub use metrics::{Coverage, PointResult};

/// Most points a sweep may have (all combinations together).
pub const MAX_POINTS: usize = 10_000;

/// The form of a `--vary` argument, for messages.
pub const VARY_FORM: &str = "ID=FROM..TO:STEP (e.g. funds.total=200000..300000:50000) or ID=VALUE";

/// One `--vary`: an id and its values.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Vary {
    /// Rule or scenario id, e.g. `funds.total`.
    pub id: String,
    /// First value.
    pub from: f64,
    /// Last value (reached when `to - from` is a multiple of `step`).
    pub to: f64,
    /// Step (> 0); 0 for a single value.
    pub step: f64,
    /// Decimals the values are rounded to (from the way FROM and STEP are written).
    decimals: i32,
}

/// A bad `--vary` argument or grid (exit 2), in words with the expected form.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn bad(arg: &str, en: &str, zh: &str) -> UsageError {
    UsageError(format!(
        "error: --vary {arg}: {en}\n错误: --vary {arg}：{zh}\n  = expected form 应为: {VARY_FORM}\n    编号=起..止:步长（如 funds.total=200000..300000:50000）或 编号=值\n"
    ))
}

/// Decimals written after the point in a number (9 for exponent notation).
fn decimals(s: &str) -> i32 {
    if s.contains(['e', 'E']) {
        return 9;
    }
    s.split_once('.').map_or(0, |(_, f)| f.len().min(9) as i32)
}

fn number(arg: &str, what: &str, what_zh: &str, s: &str) -> Result<f64, UsageError> {
    let clean: String = s.trim().chars().filter(|c| *c != '_').collect();
    match clean.parse::<f64>() {
        Ok(x) if x.is_finite() && !clean.is_empty() => Ok(x),
        _ => Err(bad(
            arg,
            &format!("{what} `{s}` is not a number"),
            &format!("{what_zh}“{s}”不是数字"),
        )),
    }
}

impl Vary {
    /// Read `ID=FROM..TO:STEP` or `ID=VALUE`.
    pub fn parse(arg: &str) -> Result<Self, UsageError> {
        let Some((id, range)) = arg.split_once('=') else {
            return Err(bad(
                arg,
                "no `=` between the id and the range",
                "编号和范围之间缺少 =",
            ));
        };
        let id = id.trim();
        let id_ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
            && !id.starts_with('.')
            && !id.ends_with('.');
        if !id_ok {
            return Err(bad(
                arg,
                &format!("`{id}` is not an id such as funds.total or two_level.independent_min"),
                &format!("“{id}”不是有效的编号（如 funds.total、two_level.independent_min）"),
            ));
        }
        let range = range.trim();
        let (from_s, to_s, step_s) = match range.split_once("..") {
            None => {
                if range.contains(':') {
                    return Err(bad(
                        arg,
                        "a step needs a range FROM..TO before it",
                        "步长前须写范围 起..止",
                    ));
                }
                (range, range, None)
            }
            Some((from, rest)) => match rest.split_once(':') {
                Some((to, step)) => (from, to, Some(step)),
                None => {
                    return Err(bad(
                        arg,
                        "the range has no step: write FROM..TO:STEP",
                        "范围缺少步长，应写为 起..止:步长",
                    ));
                }
            },
        };
        let from = number(arg, "FROM", "起始值", from_s)?;
        let to = number(arg, "TO", "终止值", to_s)?;
        let step = match step_s {
            Some(s) => number(arg, "STEP", "步长", s)?,
            None => 0.0,
        };
        if step_s.is_some() && step <= 0.0 {
            return Err(bad(
                arg,
                &format!("STEP must be greater than 0, not {step_s:?}"),
                "步长必须大于 0",
            ));
        }
        if from > to {
            return Err(bad(
                arg,
                &format!("FROM ({from_s}) is greater than TO ({to_s})"),
                &format!("起始值 {from_s} 大于终止值 {to_s}"),
            ));
        }
        let v = Vary {
            id: id.to_string(),
            from,
            to,
            step,
            decimals: decimals(from_s).max(step_s.map_or(0, decimals)),
        };
        let n = v.count();
        if n > MAX_POINTS {
            return Err(bad(
                arg,
                &format!("{n} values; at most {MAX_POINTS} points are allowed — use a larger STEP"),
                &format!("共 {n} 个取值，最多允许 {MAX_POINTS} 个，请加大步长"),
            ));
        }
        Ok(v)
    }

    /// Number of values.
    pub fn count(&self) -> usize {
        if self.step <= 0.0 {
            return 1;
        }
        let n = ((self.to - self.from) / self.step + 1e-9).floor();
        if n >= MAX_POINTS as f64 {
            MAX_POINTS + 1
        } else {
            n as usize + 1
        }
    }

    /// The values, ascending: FROM, FROM + STEP, … up to TO.
    pub fn values(&self) -> Vec<f64> {
        let scale = 10f64.powi(self.decimals);
        (0..self.count())
            .map(|i| {
                let v = self.from + i as f64 * self.step;
                let r = (v * scale).round() / scale;
                if r == 0.0 { 0.0 } else { r }
            })
            .collect()
    }
}

/// Every combination of the varied values: the first id varies slowest, so points are sorted
/// by their values (first id, then the next).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The varied ids, in the order given.
    pub varies: Vec<Vary>,
    /// Each point's values, in the order of `varies`.
    pub points: Vec<Vec<f64>>,
}

impl Grid {
    /// The grid of several `--vary`s. The same id twice, or more than [`MAX_POINTS`] points in
    /// all, is a usage error.
    pub fn new(varies: Vec<Vary>) -> Result<Self, UsageError> {
        if varies.is_empty() {
            return Err(UsageError(format!(
                "error: give at least one --vary {VARY_FORM}\n错误: 至少需要一个 --vary 编号=起..止:步长\n"
            )));
        }
        for (i, v) in varies.iter().enumerate() {
            if varies[..i].iter().any(|w| w.id == v.id) {
                return Err(UsageError(format!(
                    "error: `{}` is given to --vary twice; give each id once\n错误: `{}` 在 --vary 中出现了两次，每个编号只能给一次\n",
                    v.id, v.id
                )));
            }
        }
        let total = varies
            .iter()
            .try_fold(1usize, |acc, v| acc.checked_mul(v.count()))
            .unwrap_or(usize::MAX);
        if total > MAX_POINTS {
            return Err(UsageError(format!(
                "error: the grid has {total} points (all combinations of the --vary ranges); at most {MAX_POINTS} are allowed — use larger steps or fewer ids\n错误: 各 --vary 范围组合后共 {total} 个方案，最多允许 {MAX_POINTS} 个，请加大步长或减少变化的编号\n"
            )));
        }
        let mut points: Vec<Vec<f64>> = vec![Vec::new()];
        for v in &varies {
            let vals = v.values();
            points = points
                .into_iter()
                .flat_map(|p| {
                    vals.iter().map(move |&x| {
                        let mut q = p.clone();
                        q.push(x);
                        q
                    })
                })
                .collect();
        }
        Ok(Self { varies, points })
    }

    /// The ids, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.varies.iter().map(|v| v.id.as_str()).collect()
    }

    /// The overrides of point `i`.
    pub fn overrides(&self, i: usize) -> Vec<Override> {
        self.varies
            .iter()
            .zip(&self.points[i])
            .map(|(v, &x)| Override::new(v.id.clone(), x))
            .collect()
    }
}

/// How to run a sweep.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rules file to use instead of the one the scenario names.
    pub rules: Option<PathBuf>,
    /// Threads (0 = the machine's available parallelism).
    pub jobs: usize,
    /// Seconds each point may search (none: no limit).
    pub time_limit: Option<f64>,
}

/// Why a sweep did not run.
#[derive(Debug)]
pub enum SweepError {
    /// A varied id names no number in the rules or the scenario (exit 2); the problems list the
    /// valid ids.
    Ids(InputError),
    /// Some variant's inputs are invalid (exit 2): how many, and the first one's problems.
    Input {
        /// The first invalid point's values, as `id = value` text.
        point: String,
        /// Invalid points of all.
        bad: usize,
        /// Points in all.
        of: usize,
        /// The first invalid point's problems.
        error: InputError,
    },
    /// The thread pool could not be built (exit 1).
    Pool(String),
}

/// Names of the rules' groups and session kinds, for headers.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Names {
    /// Groups: id and Chinese name, in rules order.
    pub groups: Vec<(String, String)>,
    /// Session kinds: id and Chinese name, in rules order.
    pub kinds: Vec<(String, String)>,
    /// The scenario's name (`[meta] name`).
    #[serde(default)]
    pub scenario: String,
    /// Each varied id in words, in the grid's order.
    #[serde(default)]
    pub varied: Vec<labels::Label>,
}

impl Names {
    /// The words of varied id `id` (`id` itself when it has none).
    pub fn varied(&self, id: &str) -> String {
        self.varied
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), labels::Label::both)
    }

    /// The Chinese words of varied id `id` (`id` itself when it has none).
    pub fn varied_zh(&self, id: &str) -> String {
        self.varied
            .iter()
            .find(|l| l.id == id && !l.zh.is_empty())
            .map_or_else(|| id.to_string(), |l| l.zh.clone())
    }

    /// The English words of varied id `id` (`id` itself when it has none).
    pub fn varied_en(&self, id: &str) -> String {
        self.varied
            .iter()
            .find(|l| l.id == id && !l.en.is_empty())
            .map_or_else(|| id.to_string(), |l| l.en.clone())
    }
}

/// A finished sweep: the grid, one result per point (in grid order) and the analysis across them.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The scenario path as given.
    pub scenario: String,
    /// The grid.
    pub grid: Grid,
    /// Group and kind names.
    pub names: Names,
    /// One result per point.
    pub points: Vec<PointResult>,
    /// Steps and saturation along each id.
    pub lines: Vec<Line>,
}

/// The thread count to use for `jobs` (0 = available parallelism).
pub fn threads(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

fn point_text(grid: &Grid, i: usize) -> String {
    grid.varies
        .iter()
        .zip(&grid.points[i])
        .map(|(v, &x)| format!("{} = {}", v.id, crate::input::overrides::show(x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Plan every point of `grid` on `opts.jobs` threads. `tick` is called once per planned point
/// (from worker threads), e.g. to draw progress.
pub fn run(
    scenario: &Path,
    grid: Grid,
    opts: &Options,
    tick: &(dyn Fn() + Sync),
) -> Result<Sweep, SweepError> {
    let all: Vec<usize> = (0..grid.points.len()).collect();
    let planned = plan_points(scenario, &grid, opts, &all, tick)?;
    let points: Vec<PointResult> = planned.points.into_iter().map(|(_, p)| p).collect();
    let lines = marginal::analyse(&grid, &planned.names, &points);
    Ok(Sweep {
        scenario: scenario.display().to_string(),
        grid,
        names: planned.names,
        points,
        lines,
    })
}

/// Plan shard `shard` of `grid` (every point is validated, only the shard's are planned): the
/// shard file that [`shard::merge`] puts together with the others.
pub fn run_shard(
    scenario: &Path,
    grid: Grid,
    shard: shard::Shard,
    opts: &Options,
    tick: &(dyn Fn() + Sync),
) -> Result<shard::ShardFile, SweepError> {
    let indices = shard.indices(grid.points.len());
    let planned = plan_points(scenario, &grid, opts, &indices, tick)?;
    Ok(shard::ShardFile {
        format: shard::FORMAT.into(),
        scenario: scenario.display().to_string(),
        inputs: planned.digest,
        varies: grid.varies,
        shard,
        names: planned.names,
        points: planned.points,
    })
}

/// Points planned: names, the inputs' fingerprint, and `(grid index, result)` in index order.
struct Planned {
    names: Names,
    digest: String,
    points: Vec<(usize, PointResult)>,
}

/// Validate every point of `grid`, then plan those in `indices` (ascending).
fn plan_points(
    scenario: &Path,
    grid: &Grid,
    opts: &Options,
    indices: &[usize],
    tick: &(dyn Fn() + Sync),
) -> Result<Planned, SweepError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads(opts.jobs))
        .build()
        .map_err(|e| SweepError::Pool(e.to_string()))?;
    let load = |i: usize| {
        input::load(
            scenario,
            &LoadOptions {
                rules: opts.rules.clone(),
                overrides: grid.overrides(i),
                ..LoadOptions::default()
            },
        )
    };
    // The ids first: one load tells whether each names a number (whatever the values).
    let mut digest = String::new();
    match load(0) {
        Ok(l) => digest = l.sources.digest(),
        Err(e) => {
            let ids = grid.ids();
            let id_problem =
                e.0.items
                    .iter()
                    .any(|d| d.at.is_none() && d.key.as_deref().is_some_and(|k| ids.contains(&k)));
            if id_problem {
                return Err(SweepError::Ids(e));
            }
        }
    }
    // Every variant must be valid input before anything is planned.
    let checked: Vec<Result<Names, InputError>> = pool.install(|| {
        (0..grid.points.len())
            .into_par_iter()
            .with_max_len(1)
            .map(|i| load(i).map(|l| names(&l.inputs, grid)))
            .collect()
    });
    let bad = checked.iter().filter(|r| r.is_err()).count();
    let mut names_first = Names::default();
    for (i, r) in checked.into_iter().enumerate() {
        match r {
            Ok(n) if i == 0 => names_first = n,
            Ok(_) => {}
            Err(error) => {
                return Err(SweepError::Input {
                    point: point_text(grid, i),
                    bad,
                    of: grid.points.len(),
                    error,
                });
            }
        }
    }
    // One task per point (`with_max_len(1)`): points differ in cost many times over (a binding
    // fund makes the selection harder), and a thread must be able to take any point still
    // waiting instead of a fixed half of the grid.
    let points: Vec<(usize, PointResult)> = pool.install(|| {
        indices
            .par_iter()
            .with_max_len(1)
            .map(|&i| {
                let r = match load(i) {
                    Ok(l) => {
                        metrics::plan_point(&l.inputs, grid.points[i].clone(), opts.time_limit)
                    }
                    // Validated above; a file changed under us.
                    Err(e) => PointResult::unreadable(grid.points[i].clone(), &e),
                };
                tick();
                (i, r)
            })
            .collect()
    });
    Ok(Planned {
        names: names_first,
        digest,
        points,
    })
}

fn names(inputs: &crate::domain::Inputs, grid: &Grid) -> Names {
    Names {
        scenario: inputs.scenario.name.clone(),
        varied: grid
            .ids()
            .iter()
            .map(|id| labels::label(id, inputs))
            .collect(),
        groups: inputs
            .rules
            .groups
            .iter()
            .map(|g| (g.id.clone(), g.zh.clone()))
            .collect(),
        kinds: inputs
            .rules
            .session_kinds
            .iter()
            .map(|k| (k.id.clone(), k.zh.clone()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_and_expand() {
        let v = Vary::parse("funds.total=200000..300000:50000").expect("valid");
        assert_eq!(v.values(), [200000.0, 250000.0, 300000.0]);
        let v = Vary::parse("budget.school_share=0.5..0.7:0.1").expect("valid");
        assert_eq!(v.values(), [0.5, 0.6, 0.7]);
        let v = Vary::parse("two_level.independent_min=6").expect("valid");
        assert_eq!(v.values(), [6.0]);
        let v = Vary::parse("funds.total=200_000..210_000:4_000").expect("valid");
        assert_eq!(v.values(), [200000.0, 204000.0, 208000.0]);
    }

    #[test]
    fn malformed_ranges_name_the_form() {
        for bad in [
            "funds.total",
            "funds.total=1..2",
            "funds.total=2..1:1",
            "funds.total=1..2:0",
            "funds.total=1..2:-1",
            "funds.total=a..2:1",
            "=1..2:1",
            "funds.total=0..100000:1",
            "funds.total=5:1",
        ] {
            let e = Vary::parse(bad).expect_err(bad);
            assert!(e.0.contains("FROM..TO:STEP"), "{bad}: {e}");
        }
    }

    #[test]
    fn grid_is_sorted_first_id_slowest() {
        let g = Grid::new(vec![
            Vary::parse("a.x=1..2:1").expect("valid"),
            Vary::parse("b.y=10..30:10").expect("valid"),
        ])
        .expect("grid");
        assert_eq!(g.points.len(), 6);
        let mut sorted = g.points.clone();
        sorted.sort_by(|p, q| p.partial_cmp(q).expect("finite"));
        assert_eq!(g.points, sorted);
        assert!(
            Grid::new(vec![
                Vary::parse("a.x=1..100:1").expect("valid"),
                Vary::parse("b.y=1..200:1").expect("valid"),
            ])
            .is_err()
        );
    }
}
