//! The `fudao` command: parses arguments, calls the library, prints, and maps errors to exit codes
//! (0 success · 1 internal error · 2 bad input or usage · 3 no feasible plan, or a plan given to
//! `check --plan` that breaks hard rules).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use fudao::domain::profile;
use fudao::r#gen as generator;
use fudao::input::{self, LoadOptions, Loaded};
use fudao::planner::{studios, two_level};
use fudao::report::summary;
use fudao::{checker, export, report, whatif};

/// fudao (辅导): plan a semester of counselor training — groups, joint clusters, studios, sessions.
#[derive(Parser, Debug)]
#[command(name = "fudao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

/// Output format.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Aligned text for people.
    Table,
    /// JSON for tools.
    Json,
}

/// Output format of `fudao plan`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum PlanFormat {
    /// Aligned text for people.
    Table,
    /// plan.json for tools.
    Json,
    /// The HTML report (the same page as DIR/report.html).
    Html,
}

/// Language of the labels in the exports (HTML report, calendars, workbook, CSV).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

/// Output format of `whatif`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum WhatifFormat {
    /// Aligned tables for people, with the marginal value and saturation in words.
    Table,
    /// CSV with a UTF-8 BOM and bilingual headers (opens in Excel/WPS).
    Csv,
    /// JSON for tools: every point and the marginal analysis.
    Json,
    /// An SVG chart of the figures the varied value moves.
    Svg,
    /// One HTML page: findings, the chart, each step, every point, who trains with whom.
    Html,
}

/// `fudao whatif merge`.
#[derive(Subcommand, Debug)]
enum WhatifAction {
    /// Merge shards (合并分片): the outputs of `--shard 1/N` … `--shard N/N` into the sweep, byte
    /// for byte what one `fudao whatif` on one machine writes.
    Merge {
        /// The shard files, in any order (all N of one sweep).
        #[arg(required = true, value_name = "SHARD")]
        shards: Vec<PathBuf>,
        /// Write the output to FILE (format from --format, else from the extension); the table
        /// still goes to the terminal.
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<PathBuf>,
        /// Output format [default: table, or from the extension of -o].
        #[arg(long, value_enum)]
        format: Option<WhatifFormat>,
    },
}

fn whatif_shard(s: &str) -> Result<whatif::shard::Shard, String> {
    whatif::shard::Shard::parse(s)
}

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DiffFormat {
    /// Readable lists with bilingual headings.
    Table,
    /// JSON for tools.
    Json,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Validate the inputs and print a summary (校验输入并汇总); with --plan, verify a plan.
    ///
    /// With --plan, the plan file is re-verified from the inputs alone (independent checker):
    /// exit 0 when it breaks no hard rule, 3 when it does (every violation listed on stdout,
    /// grouped by rule id), 2 when the inputs or the plan file are unreadable or malformed.
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// A plan (plan.json) to verify against the inputs; exit 3 when it breaks rules.
        #[arg(long, value_name = "PLAN.json")]
        plan: Option<PathBuf>,
        /// With --plan: the published plan a re-plan continues; also verify the re-plan against
        /// it (past sessions unchanged, pins held, the change count recomputed).
        #[arg(long, value_name = "PLAN.json", requires = "plan")]
        base: Option<PathBuf>,
        /// The programme's record the plan was made from (default: the file the scenario's
        /// `[meta] records` names, when it exists).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// The whole semester plan (学期培训计划): clusters, studios, sessions, budget, coverage.
    ///
    /// The plan is verified by the independent checker before anything is written. With `-o DIR`,
    /// writes into DIR: plan.json, plan.txt, report.html, plan.xlsx, csv/*.csv,
    /// ics/group-*.ics, ics/person-*.ics, a notice per session notices/<id>.html (and
    /// notices/index.html) and a sign-in sheet per session signin/<id>.xlsx and .html (filled in,
    /// `fudao record attendance` reads it back) — all or nothing. Exit 3 with the conflicting
    /// rules when no plan exists.
    Plan {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output folder for the plan and its exports.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// What to print: the readable summary, plan.json, or the HTML report.
        #[arg(long, value_enum, default_value = "table")]
        format: PlanFormat,
        /// Language of the labels in the HTML report, calendars, workbook and CSV files.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// Stop searching after this many seconds and keep the best plan found (status
        /// `feasible`, its gap, and a `plan.time_limit` note) [default: 300].
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = seconds)]
        time_limit: f64,
        /// Also write each stage's MILP in free MPS format into DIR, with named rows and
        /// columns, for an independent solver to re-solve: clusters-<n>.mps (one per group of
        /// colleges that may train together), studios-count.mps, studios-total.mps,
        /// selection.mps (the first selection; its LP optimum is the bound of the plan's gap).
        #[arg(long, value_name = "DIR")]
        write_models: Option<PathBuf>,
        /// The programme's record to read (default: the file the scenario's `[meta] records`
        /// names, when it exists).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// Leave camp scores out of every output (the needs keep their reasons, without numbers).
        #[arg(long)]
        no_scores: bool,
    },
    /// Record what happened (记录培训情况) in the programme's record (SQLite): a finished
    /// semester's plan, its sign-in sheets, the camp's scores. Every problem of a sheet is listed
    /// with its cell and nothing is written (exit 2); otherwise it is written in one transaction.
    Record {
        #[command(subcommand)]
        what: RecordCmd,
    },
    /// One person's record (个人培训档案): semesters, hours by level and duty, camp results.
    History {
        /// 工号 or 姓名.
        person: String,
        /// The record (default: the file the scenario's `[meta] records` names).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// A scenario whose `[meta] records` names the record and whose rules band the scores.
        #[arg(long, value_name = "SCENARIO")]
        scenario: Option<PathBuf>,
        /// Leave camp scores out.
        #[arg(long)]
        no_scores: bool,
        /// Table for people, JSON for tools.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Re-plan mid-semester with the fewest changes (重新排课): sessions before --today stay as
    /// they were, the others stay where the current inputs allow; prints the change notice and
    /// writes, with -o DIR, the same files as `plan` plus notice.txt.
    Replan {
        /// Scenario file (TOML), as it is now.
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// The published plan (its plan.json).
        #[arg(long, value_name = "PLAN.json")]
        base: PathBuf,
        /// The re-plan's day (YYYY-MM-DD): sessions before it are facts.
        #[arg(long, value_name = "DATE", value_parser = iso_date)]
        today: chrono::NaiveDate,
        /// A session to keep exactly (its id; repeatable).
        #[arg(long = "pin", value_name = "ID")]
        pins: Vec<String>,
        /// A session the office cancels (its id; repeatable).
        #[arg(long = "cancel", value_name = "ID")]
        cancel: Vec<String>,
        /// Output folder for the re-plan and its exports.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// What to print: the change notice and summary, or plan.json.
        #[arg(long, value_enum, default_value = "table")]
        format: ReplanFormat,
        /// Language of the labels in the exports.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// Stop the stages' searches after this many seconds [default: 300].
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = seconds)]
        time_limit: f64,
    },
    /// Five-group profiles with reasons (五类画像).
    Classify {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Studio leads, backbone and members, with eligibility and reasons (辅导员工作室).
    Studios {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Stop searching after this many seconds and keep the best staffing found (status
        /// `feasible`, its gap) [default: 300].
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = seconds)]
        time_limit: f64,
    },
    /// Two-level decision and optimal joint-training clusters (两级：单独培训与联合培训组).
    ///
    /// Exit 3 when some small college cannot be placed under the rules (the explanation, naming
    /// the rules and the numbers, goes to stderr; the table or JSON still goes to stdout).
    Clusters {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// What-if analysis (假设分析): re-plan under every combination of varied values, in parallel.
    ///
    /// Each --vary names a numeric rule or scenario value by its id (the same ids as in error
    /// messages, e.g. funds.total, budget.school_share, two_level.independent_min,
    /// session_kinds.theme_lecture.max_per_semester, venues.<id>.capacity) and a range. Several
    /// --vary give the grid of all combinations. Every variant is validated like the files
    /// (exit 2 on a bad value), then planned; an infeasible variant is a row with its reason.
    /// Reports per point: status, objective and terms, coverage, hours per member, sessions by
    /// kind, spending, clusters, studios; across points: what each step buys and where more
    /// stops buying anything. Output is the same whatever --jobs is.
    #[command(
        after_help = "Examples 示例:\n  fudao whatif scenarios/jzmu-2026-fall.toml --vary funds.total=150000..400000:50000\n  fudao whatif scenarios/jzmu-2026-fall.toml --vary budget.school_share=0.5..0.6:0.1 --vary funds.total=250000..350000:50000 -o sweep.csv\n  fudao whatif scenarios/jzmu-2026-fall.toml --list\n  # in shards, anywhere (same files, same --vary), then merged: same bytes as one sweep\n  fudao whatif scenarios/jzmu-2026-fall.toml --vary funds.total=40000..400000:10000 --shard 1/3 -o shard-1.json\n  fudao whatif merge shard-1.json shard-2.json shard-3.json -o sweep.csv",
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true
    )]
    Whatif {
        /// `merge`: put shards back together.
        #[command(subcommand)]
        action: Option<WhatifAction>,
        /// Scenario file (TOML).
        #[arg(required = true)]
        scenario: Option<PathBuf>,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// A value to vary: ID=FROM..TO:STEP (FROM, FROM+STEP, … up to TO) or ID=VALUE; repeat
        /// for a grid (at most 10000 points in all).
        #[arg(
            long = "vary",
            value_name = "ID=FROM..TO:STEP",
            required_unless_present = "list"
        )]
        vary: Vec<String>,
        /// Plan this many points at once [default: the available cores].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
        jobs: Option<u16>,
        /// Write the output to FILE (format from --format, else from the extension: .csv,
        /// .json, .svg, .txt); the table still goes to the terminal.
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<PathBuf>,
        /// Output format [default: table, or from the extension of -o].
        #[arg(long, value_enum, conflicts_with = "shard")]
        format: Option<WhatifFormat>,
        /// Plan only shard K of N (every N-th point from the K-th) and write a shard file
        /// (JSON) to -o or stdout; `fudao whatif merge` puts the N shards back together.
        #[arg(long, value_name = "K/N", value_parser = whatif_shard)]
        shard: Option<whatif::shard::Shard>,
        /// List the ids that can be varied and exit.
        #[arg(long)]
        list: bool,
        /// Per point: stop searching after this many seconds and keep the best plan found (the
        /// row says the limit was reached) [default: 300].
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = seconds)]
        time_limit: f64,
    },
    /// Compare two plans (比较两个计划): sessions added, removed or moved; clusters; studios;
    /// budget; objective.
    ///
    /// Sessions are matched by kind, duty, audience and speaker (not by id); a matched session
    /// at another date, slot or venue is “moved”. Exit 0 whether or not they differ.
    Diff {
        /// The first plan (plan.json).
        #[arg(value_name = "A/plan.json")]
        a: PathBuf,
        /// The second plan (plan.json).
        #[arg(value_name = "B/plan.json")]
        b: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: DiffFormat,
        /// The scenario the plans were made from: duties, groups, kinds, venues and speakers are
        /// then named in words (people and colleges always are).
        #[arg(long, value_name = "SCENARIO")]
        scenario: Option<PathBuf>,
    },
    /// Write a valid synthetic scenario for scale tests (生成规模测试用的合成场景).
    ///
    /// The same N, M and S always give the same bytes. Staff are written inline as [[people]].
    #[command(
        after_help = "Example 示例: fudao gen --colleges 20 --staff 150 --seed 1 --rules \"$PWD/rules/jzmu.toml\" -o /tmp/gen.toml"
    )]
    Gen {
        /// Number of colleges, 1..=500 (学院数). Required.
        #[arg(long, value_name = "N", value_parser = generator::parse_whole, allow_hyphen_values = true)]
        colleges: Option<u64>,
        /// Number of staff, N..=20000 (学工人员数); about 7 per college is realistic. Required.
        #[arg(long, value_name = "M", value_parser = generator::parse_whole, allow_hyphen_values = true)]
        staff: Option<u64>,
        /// Seed of the pseudo-random choices (随机种子).
        #[arg(long, value_name = "S", default_value = "1", value_parser = generator::parse_whole, allow_hyphen_values = true)]
        seed: u64,
        /// Output file [default: gen-<N>-<M>-<S>.toml in the current directory].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Rules path written verbatim into [meta] (relative to the output file, or absolute)
        /// [default: ../rules/jzmu.toml].
        #[arg(long, value_name = "PATH")]
        rules: Option<String>,
    },
}

/// `fudao record …`.
#[derive(Subcommand, Debug)]
enum RecordCmd {
    /// A finished semester's plan (its plan.json): hours delivered are known from it until the
    /// sign-in sheets are imported.
    Plan {
        /// plan.json written by `fudao plan` or `fudao replan`.
        plan: PathBuf,
        /// The scenario the plan was made from (required: its rules and names are recorded with it).
        #[arg(long, value_name = "SCENARIO")]
        scenario: PathBuf,
        /// The record (default: the file the scenario's `[meta] records` names; created when missing).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// A sign-in sheet (签到表, CSV or Excel): 场次编号 or 日期 (+ 培训类型, 时段), 工号 and/or 姓名,
    /// 签到 (√ / × / empty); without a 签到 column every line counts as present.
    Attendance {
        /// The sheet.
        sheet: PathBuf,
        #[command(flatten)]
        at: RecordAt,
    },
    /// Camp scores (训练营成绩, CSV or Excel): 工号/姓名, 环节, optional 题目 and 职责, 得分,
    /// optional 满分 — or one column per segment (案例研讨（校园危机事件应对）names the duty).
    Camp {
        /// The sheet.
        sheet: PathBuf,
        #[command(flatten)]
        at: RecordAt,
    },
}

/// Where a sheet is recorded.
#[derive(clap::Args, Debug)]
struct RecordAt {
    /// The record (default: the file the scenario's `[meta] records` names).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// A scenario whose `[meta] records` names the record.
    #[arg(long, value_name = "SCENARIO")]
    scenario: Option<PathBuf>,
    /// The recorded semester (its scenario id; default: the newest recorded).
    #[arg(long, value_name = "ID")]
    semester: Option<String>,
    /// The spreadsheet's sheet (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet_name: Option<String>,
}

/// The record a command uses: `--db`, else the scenario's `[meta] records`.
fn records_db(
    db: Option<&std::path::Path>,
    scenario: Option<&std::path::Path>,
) -> Result<PathBuf, Failure> {
    let named = match (db, scenario) {
        (None, Some(s)) => load(s, &None)?.records_path,
        _ => None,
    };
    fudao::records::db_path(db, named.as_deref())
        .map_err(|d| Failure::Input(fudao::input::diag::InputError(d)))
}

fn recorded(r: Result<fudao::records::Done, fudao::input::diag::Diags>) -> Result<String, Failure> {
    let d = r.map_err(|d| Failure::Input(fudao::input::diag::InputError(d)))?;
    let mut out = format!(
        "{}：{}（{}）\n",
        d.db.display(),
        d.semester_name,
        d.semester
    );
    for l in d.lines {
        out.push_str(&format!("  {l}\n"));
    }
    Ok(out)
}

/// What went wrong, mapped to an exit code in one place.
enum Failure {
    Input(fudao::input::diag::InputError),
    Usage(String),
    Internal(String),
    /// A plan that breaks hard rules (exit 3); the report goes to stdout.
    Rejected(String),
    /// No feasible plan (exit 3); the explanation goes to stderr.
    Infeasible(String),
    /// An output folder that cannot be written (exit 2).
    Output(String),
    /// No feasible plan: the explanation (already formatted) goes to stdout, exit code 3.
    NoPlan(String),
    /// Output produced, but a bug was found on the way (exit 1): the output goes to stdout, the
    /// message to stderr.
    Bug {
        out: String,
        msg: String,
    },
}

fn load(scenario: &std::path::Path, rules: &Option<PathBuf>) -> Result<Loaded, Failure> {
    input::load(
        scenario,
        &LoadOptions {
            rules: rules.clone(),
            ..LoadOptions::default()
        },
    )
    .map_err(Failure::Input)
}

/// A time limit in seconds: a positive number of at most a day.
fn iso_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        format!("`{s}` is not a date: write YYYY-MM-DD, e.g. 2026-10-20 / 请写成 YYYY-MM-DD")
    })
}

/// Output of `replan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReplanFormat {
    /// The change notice and the plan summary.
    Table,
    /// plan.json.
    Json,
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 86400.0 => Ok(x),
        _ => Err(format!(
            "`{s}` is not a number of seconds between 0 and 86400 / 请填写 0 到 86400 之间的秒数"
        )),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Internal(format!("JSON serialization failed: {e}")))
}

/// The output format of a sweep: `--format`, else from the extension of `-o`, else the table.
fn whatif_format(
    format: Option<WhatifFormat>,
    out: Option<&std::path::Path>,
) -> Result<WhatifFormat, Failure> {
    match (format, out) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(WhatifFormat::Table),
        (None, Some(path)) => match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(WhatifFormat::Csv),
            Some("json") => Ok(WhatifFormat::Json),
            Some("svg") => Ok(WhatifFormat::Svg),
            Some("html" | "htm") => Ok(WhatifFormat::Html),
            Some("txt") => Ok(WhatifFormat::Table),
            _ => Err(Failure::Usage(format!(
                "error: cannot tell the format from `{}`; add --format table|csv|json|svg|html or name the file .csv, .json, .svg, .html or .txt\n错误: 无法从文件名判断输出格式，请加 --format 或使用 .csv/.json/.svg/.html/.txt 扩展名\n",
                path.display()
            ))),
        },
    }
}

fn sweep_failure(e: whatif::SweepError) -> Failure {
    match e {
        whatif::SweepError::Input {
            point,
            bad,
            of,
            error,
        } => Failure::Usage(format!(
            "{bad} of {of} what-if points have invalid inputs; the first is {point}:\n{bad}/{of} 个方案的输入无效，第一个为 {point}：\n\n{error}"
        )),
        whatif::SweepError::Ids(e) => Failure::Input(e),
        whatif::SweepError::Pool(e) => Failure::Internal(format!("cannot start threads: {e}")),
    }
}

/// Points whose plan the checker rejected (a bug), as `values: reason` lines.
fn check_failures<'a>(points: impl Iterator<Item = &'a whatif::PointResult>) -> Vec<String> {
    points
        .filter(|p| p.status == "check_failed")
        .map(|p| {
            format!(
                "{}: {}",
                p.values
                    .iter()
                    .map(|v| input::overrides::show(*v))
                    .collect::<Vec<_>>()
                    .join(", "),
                p.reason.clone().unwrap_or_default()
            )
        })
        .collect()
}

fn checked(stdout: String, broken: Vec<String>) -> Result<String, Failure> {
    if broken.is_empty() {
        Ok(stdout)
    } else {
        Err(Failure::Bug {
            out: stdout,
            msg: format!(
                "the independent checker rejected the plans of these points 以下方案未通过独立校验:\n  {}",
                broken.join("\n  ")
            ),
        })
    }
}

/// Write a sweep: `format` to `out` (the table to stdout), or `format` to stdout.
fn emit_sweep(
    sweep: &whatif::Sweep,
    out: Option<&std::path::Path>,
    format: WhatifFormat,
) -> Result<String, Failure> {
    let text = |f: WhatifFormat| -> Result<String, Failure> {
        Ok(match f {
            WhatifFormat::Table => whatif::render::table(sweep),
            WhatifFormat::Csv => whatif::render::csv(sweep),
            WhatifFormat::Json => whatif::render::json(sweep)
                .map_err(|e| Failure::Internal(format!("JSON serialization failed: {e}")))?,
            WhatifFormat::Svg => whatif::svg::chart(sweep),
            WhatifFormat::Html => whatif::html::page(sweep),
        })
    };
    let stdout = match out {
        Some(path) => {
            let body = text(format)?;
            write_file_atomically(path, &body)
                .map_err(|e| Failure::Output(format!("cannot write {}: {e}", path.display())))?;
            note(&format!("wrote 已写出 {}\n", path.display()));
            text(WhatifFormat::Table)?
        }
        None => text(format)?,
    };
    checked(stdout, check_failures(sweep.points.iter()))
}

/// `fudao whatif`.
#[allow(clippy::too_many_arguments)]
fn run_whatif(
    scenario: PathBuf,
    rules: Option<PathBuf>,
    vary: Vec<String>,
    jobs: Option<u16>,
    out: Option<PathBuf>,
    format: Option<WhatifFormat>,
    shard: Option<whatif::shard::Shard>,
    time_limit: f64,
) -> Result<String, Failure> {
    let varies = vary
        .iter()
        .map(|v| whatif::Vary::parse(v))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::Usage(e.0))?;
    let grid = whatif::Grid::new(varies).map_err(|e| Failure::Usage(e.0))?;
    let opts = whatif::Options {
        rules,
        jobs: jobs.map_or(0, usize::from),
        time_limit: Some(time_limit),
    };
    if let Some(shard) = shard {
        let progress = whatif::progress::Progress::new(shard.indices(grid.points.len()).len());
        let result = whatif::run_shard(&scenario, grid, shard, &opts, &|| progress.tick());
        progress.finish();
        let file = result.map_err(sweep_failure)?;
        let body = file
            .to_json()
            .map_err(|e| Failure::Internal(format!("JSON serialization failed: {e}")))?;
        let broken = check_failures(file.points.iter().map(|(_, p)| p));
        let stdout = match &out {
            Some(path) => {
                write_file_atomically(path, &body).map_err(|e| {
                    Failure::Output(format!("cannot write {}: {e}", path.display()))
                })?;
                format!(
                    "shard {}/{}: {} points planned, wrote {} / 分片 {}/{}：已规划 {} 个方案，已写出 {}\n",
                    shard.k,
                    shard.n,
                    file.points.len(),
                    path.display(),
                    shard.k,
                    shard.n,
                    file.points.len(),
                    path.display()
                )
            }
            None => body,
        };
        return checked(stdout, broken);
    }
    let format = whatif_format(format, out.as_deref())?;
    let progress = whatif::progress::Progress::new(grid.points.len());
    let result = whatif::run(&scenario, grid, &opts, &|| progress.tick());
    progress.finish();
    let sweep = result.map_err(sweep_failure)?;
    emit_sweep(&sweep, out.as_deref(), format)
}

/// `fudao whatif merge`.
fn run_merge(
    shards: &[PathBuf],
    out: Option<&std::path::Path>,
    format: Option<WhatifFormat>,
) -> Result<String, Failure> {
    let format = whatif_format(format, out)?;
    let mut files = Vec::new();
    for path in shards {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!(
                "error: cannot read {name}: {e}\n错误: 无法读取 {name}：{e}\n"
            ))
        })?;
        let file = whatif::shard::read(&name, &text).map_err(|e| Failure::Usage(e.0))?;
        files.push((name, file));
    }
    let sweep = whatif::shard::merge(files).map_err(|e| Failure::Usage(e.0))?;
    emit_sweep(&sweep, out, format)
}

fn run(cli: Cli) -> Result<String, Failure> {
    match cli.cmd {
        Cmd::Whatif {
            action: Some(WhatifAction::Merge {
                shards,
                out,
                format,
            }),
            ..
        } => run_merge(&shards, out.as_deref(), format),
        Cmd::Whatif {
            scenario: Some(scenario),
            rules,
            list: true,
            ..
        } => input::overrides::list(&scenario, rules.as_deref()).map_err(Failure::Input),
        Cmd::Whatif {
            scenario: Some(scenario),
            rules,
            vary,
            jobs,
            out,
            format,
            shard,
            list: false,
            time_limit,
            ..
        } => run_whatif(scenario, rules, vary, jobs, out, format, shard, time_limit),
        Cmd::Whatif { scenario: None, .. } => Err(Failure::Usage(
            "error: give a scenario file, or `merge` and shard files\n错误: 请给出方案文件，或 merge 与分片文件\n".into(),
        )),
        Cmd::Diff {
            a,
            b,
            format,
            scenario,
        } => {
            let pa = input::plan_file::read_plan(&a).map_err(Failure::Input)?;
            let pb = input::plan_file::read_plan(&b).map_err(Failure::Input)?;
            let d = fudao::diff::diff(&pa, &pb);
            let loaded = match &scenario {
                Some(s) => Some(load(s, &None)?),
                None => None,
            };
            let namer = fudao::diff::Namer::new(loaded.as_ref().map(|l| &l.inputs), &pa, &pb);
            let (na, nb) = (namer.with_units(&pa), namer.with_units(&pb));
            match format {
                DiffFormat::Table => Ok(fudao::diff::render(
                    &d,
                    &a.display().to_string(),
                    &b.display().to_string(),
                    &na,
                    &nb,
                )),
                DiffFormat::Json => json(&d),
            }
        }
        Cmd::Gen {
            colleges,
            staff,
            seed,
            output,
            rules,
        } => {
            let w = generator::run(colleges, staff, seed, output.as_deref(), rules.as_deref())
                .map_err(|e| Failure::Usage(e.to_string()))?;
            for hint in &w.hints {
                note(&format!("{hint}\n"));
            }
            Ok(format!("wrote {}: {}\n", w.path.display(), w.summary))
        }
        Cmd::Record { what } => match what {
            RecordCmd::Plan { plan, scenario, db } => {
                let l = input::load(
                    &scenario,
                    &LoadOptions {
                        rules: None,
                        // the semester's own record is not read into it
                        ..LoadOptions::default()
                    },
                )
                .map_err(Failure::Input)?;
                let db = fudao::records::db_path(db.as_deref(), l.records_path.as_deref())
                    .map_err(|d| Failure::Input(fudao::input::diag::InputError(d)))?;
                recorded(fudao::records::record_plan(&db, &l.inputs, &plan))
            }
            RecordCmd::Attendance { sheet, at } => {
                let db = records_db(at.db.as_deref(), at.scenario.as_deref())?;
                recorded(fudao::records::record_attendance(
                    &db,
                    &sheet,
                    at.semester.as_deref(),
                    at.sheet_name.as_deref(),
                ))
            }
            RecordCmd::Camp { sheet, at } => {
                let db = records_db(at.db.as_deref(), at.scenario.as_deref())?;
                recorded(fudao::records::record_camp(
                    &db,
                    &sheet,
                    at.semester.as_deref(),
                    at.sheet_name.as_deref(),
                ))
            }
        },
        Cmd::History {
            person,
            db,
            scenario,
            no_scores,
            format,
        } => {
            let loaded = match &scenario {
                Some(s) => Some(load(s, &None)?),
                None => None,
            };
            let named = loaded.as_ref().and_then(|l| l.records_path.clone());
            let db = fudao::records::db_path(db.as_deref(), named.as_deref())
                .map_err(|d| Failure::Input(fudao::input::diag::InputError(d)))?;
            let rec = fudao::records::read(&db)
                .map_err(|d| Failure::Input(fudao::input::diag::InputError(d)))?;
            let rr = loaded.as_ref().and_then(|l| l.inputs.rules.records.as_ref());
            let mut h = fudao::records::person::person(&rec, &person, rr).map_err(|d| {
                let mut ds = fudao::input::diag::Diags::default();
                ds.push(d);
                Failure::Input(fudao::input::diag::InputError(ds))
            })?;
            if no_scores {
                for s in &mut h.semesters {
                    s.camp.clear();
                }
            }
            Ok(match format {
                Format::Table => fudao::report::history::person_text(&h, rr, !no_scores),
                Format::Json => json(&h)?,
            })
        }
        Cmd::Check {
            scenario,
            rules,
            plan: Some(plan),
            base,
            db,
        } => {
            let l = input::load(
                &scenario,
                &LoadOptions {
                    rules: rules.clone(),
                    records: db,
                    ..LoadOptions::default()
                },
            )
            .map_err(Failure::Input)?;
            let file = input::plan_file::read_plan(&plan).map_err(Failure::Input)?;
            let outcome = checker::verify(&l.inputs, &file);
            let mut text = checker::render(&file, &outcome);
            let mut against = Vec::new();
            if let Some(b) = &base {
                let published = input::plan_file::read_plan(b).map_err(Failure::Input)?;
                against = checker::replan::verify(&l.inputs, &published, &file);
                if against.is_empty() {
                    text.push_str(&format!(
                        "重新排课与已发布计划 {} 相符（已举行的未变，固定的未变，变更数已复核） / the re-plan keeps to {}: past and pinned sessions unchanged, change counts recomputed\n",
                        b.display(),
                        b.display()
                    ));
                }
                for v in &against {
                    text.push_str(&format!("[{}] {}\n", v.rule, v.message));
                }
            }
            if outcome.is_ok() && against.is_empty() {
                Ok(text)
            } else {
                Err(Failure::Rejected(text))
            }
        }
        Cmd::Check {
            scenario,
            rules,
            plan: None,
            ..
        } => {
            let l = load(&scenario, &rules)?;
            let profiles = profile::classify(&l.inputs);
            let files = vec![
                scenario.display().to_string(),
                l.rules_path.display().to_string(),
            ];
            Ok(summary::check_summary(&l.inputs, &profiles, &files))
        }
        Cmd::Clusters {
            scenario,
            rules,
            format,
        } => {
            let l = load(&scenario, &rules)?;
            let r = two_level::decide(&l.inputs);
            let out = match format {
                Format::Table => report::two_level::table(&l.inputs, &r),
                Format::Json => json(&report::two_level::clusters_json(&l.inputs, &r))?,
            };
            match &r.status {
                two_level::Status::Optimal => Ok(out),
                two_level::Status::Error(e) => Err(Failure::Internal(e.clone())),
                _ => {
                    note(&report::two_level::explanation_text(&l.inputs, &r));
                    Err(Failure::Rejected(out))
                }
            }
        }
        Cmd::Plan {
            scenario,
            rules,
            out,
            format,
            lang,
            time_limit,
            write_models,
            db,
            no_scores,
        } => {
            let l = input::load(
                &scenario,
                &LoadOptions {
                    rules: rules.clone(),
                    records: db.clone(),
                    ..LoadOptions::default()
                },
            )
            .map_err(Failure::Input)?;
            let deadline = fudao::planner::Deadline::after(time_limit);
            let log = if write_models.is_some() {
                fudao::planner::ModelLog::on()
            } else {
                fudao::planner::ModelLog::off()
            };
            let mut planned = fudao::planner::run_logged(&l.inputs, &deadline, &log);
            if no_scores {
                planned.file.records = l.inputs.history.to_wire(&l.inputs, false);
            }
            if let Some(dir) = &write_models {
                // written even when no plan exists: the models show why
                let files: Vec<export::OutFile> = log
                    .taken()
                    .into_iter()
                    .map(|(name, text)| export::OutFile::text(name, text))
                    .collect();
                export::write_atomically(dir, &files).map_err(|e| {
                    Failure::Output(format!("cannot write to {}: {e}", dir.display()))
                })?;
            }
            if planned.file.status == "infeasible" {
                let text = fudao::report::plan_text::render_conflicts(&planned.conflicts);
                return Err(Failure::Infeasible(text));
            }
            let outcome = checker::verify(&l.inputs, &planned.file);
            if !outcome.is_ok() {
                return Err(Failure::Internal(format!(
                    "the plan failed its own independent check 计划未通过独立校验:\n{}",
                    checker::render(&planned.file, &outcome)
                )));
            }
            let summary = fudao::report::plan_text::render(&l.inputs, &planned.file);
            let body = json(&planned.file)?;
            let lang = match lang {
                Lang::Zh => export::Lang::Zh,
                Lang::En => export::Lang::En,
            };
            if let Some(dir) = &out {
                let mut files = vec![
                    export::OutFile::text("plan.json", body.clone()),
                    export::OutFile::text("plan.txt", summary.clone()),
                ];
                files.extend(
                    export::all(&l.inputs, &planned.file, lang)
                        .map_err(|e| Failure::Internal(e.to_string()))?,
                );
                export::write_atomically(dir, &files).map_err(|e| {
                    Failure::Output(format!("cannot write to {}: {e}", dir.display()))
                })?;
            }
            Ok(match format {
                PlanFormat::Table => summary,
                PlanFormat::Json => body,
                PlanFormat::Html => {
                    export::html::report(&export::Names::new(&l.inputs, &planned.file, lang))
                }
            })
        }
        Cmd::Replan {
            scenario,
            rules,
            base,
            today,
            pins,
            cancel,
            out,
            format,
            lang,
            time_limit,
        } => {
            let l = load(&scenario, &rules)?;
            let published = input::plan_file::read_plan(&base).map_err(Failure::Input)?;
            let bytes = std::fs::read(&base)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", base.display())))?;
            let opts = fudao::planner::replan::Options {
                base_path: base.display().to_string(),
                base_digest: fudao::planner::replan::digest(&bytes),
                today,
                pins,
                cancel,
            };
            let deadline = fudao::planner::Deadline::after(time_limit);
            let planned = fudao::planner::replan::replan(&l.inputs, &published, &opts, &deadline)
                .map_err(|e| {
                    let hint = match &e {
                        fudao::planner::replan::ReplanError::UnknownSessions(ids) => {
                            session_hints(&l.inputs, &published, ids)
                        }
                        _ => String::new(),
                    };
                    Failure::Usage(format!("error: {e}\n{hint}"))
                })?;
            if planned.file.status == "infeasible" {
                let text = fudao::report::plan_text::render_conflicts(&planned.conflicts);
                return Err(Failure::Infeasible(text));
            }
            let outcome = checker::verify(&l.inputs, &planned.file);
            let against = checker::replan::verify(&l.inputs, &published, &planned.file);
            if !outcome.is_ok() || !against.is_empty() {
                let mut text = checker::render(&planned.file, &outcome);
                for v in &against {
                    text.push_str(&format!("[{}] {}\n", v.rule, v.message));
                }
                return Err(Failure::Internal(format!(
                    "the re-plan failed its own independent check 重新排课未通过独立校验:\n{text}"
                )));
            }
            let notice = fudao::report::notice::render(&l.inputs, &planned.file);
            let summary = fudao::report::plan_text::render(&l.inputs, &planned.file);
            let body = json(&planned.file)?;
            let lang = match lang {
                Lang::Zh => export::Lang::Zh,
                Lang::En => export::Lang::En,
            };
            if let Some(dir) = &out {
                let mut files = vec![
                    export::OutFile::text("plan.json", body.clone()),
                    export::OutFile::text("plan.txt", summary.clone()),
                    export::OutFile::text("notice.txt", notice.clone()),
                ];
                files.extend(
                    export::all_replan(&l.inputs, &planned.file, &published, lang)
                        .map_err(|e| Failure::Internal(e.to_string()))?,
                );
                export::write_atomically(dir, &files).map_err(|e| {
                    Failure::Output(format!("cannot write to {}: {e}", dir.display()))
                })?;
            }
            Ok(match format {
                ReplanFormat::Table => format!("{notice}\n{summary}"),
                ReplanFormat::Json => body,
            })
        }
        Cmd::Classify {
            scenario,
            rules,
            format,
        } => {
            let l = load(&scenario, &rules)?;
            let profiles = profile::classify(&l.inputs);
            match format {
                Format::Table => Ok(summary::classify_table(&l.inputs, &profiles)),
                Format::Json => json(&serde_json::json!({
                    "people": summary::people_out(&l.inputs, &profiles)
                })),
            }
        }
        Cmd::Studios {
            scenario,
            rules,
            format,
            time_limit,
        } => {
            let l = load(&scenario, &rules)?;
            let opts = studios::Options {
                deadline: fudao::planner::Deadline::after(time_limit),
                ..studios::Options::default()
            };
            let st = studios::staff_with(&l.inputs, &opts)
                .map_err(|e| Failure::Internal(e.to_string()))?;
            let out = match format {
                Format::Table => report::studios::table(&l.inputs, &st),
                Format::Json => json(&report::studios::json(&l.inputs, &st))?,
            };
            if st.status == studios::Status::Infeasible {
                Err(Failure::NoPlan(out))
            } else {
                Ok(out)
            }
        }
    }
}

/// For session ids that the published plan does not have (`replan --cancel/--pin`): the nearest
/// id for each, and the sessions one can name (id, date and kind).
fn session_hints(
    inputs: &fudao::domain::Inputs,
    published: &fudao::wire::PlanFile,
    ids: &[String],
) -> String {
    use fudao::input::suggest::{self, Candidate};
    let kind = |k: &str| {
        inputs
            .rules
            .kind(k)
            .map_or(k.to_string(), |i| inputs.rules.session_kinds[i].zh.clone())
    };
    let sessions: Vec<Candidate> = published
        .sessions
        .iter()
        .map(|s| Candidate::new(s.id.clone(), [format!("{} {}", s.date, kind(&s.kind))]))
        .collect();
    let mut out = String::new();
    for id in ids {
        if let Some((c, _)) = suggest::nearest(id, &sessions) {
            out.push_str(&format!(
                "  = help: `{id}`: did you mean {}? / 是否应为“{}”？\n",
                c.id, c.id
            ));
        }
    }
    out.push_str(&format!(
        "  = help: sessions of the published plan 已发布计划的活动: {}\n",
        suggest::short_list(&sessions)
    ));
    out
}

/// The message printed after an internal error (exit 1).
const BUG_NOTE: &str = "This is a bug in fudao. Please report it with the command and input files. 这是 fudao 的缺陷，请附上命令和输入文件反馈。\n";

/// Write `text` to stdout and end the program with `code`. When the reader has gone (a closed
/// pipe, as in `fudao plan … | head -1`) the rest of the output is dropped without a word, the
/// way ripgrep does: no message, and the exit code is the one the command meant (0 on success).
/// Any other write error is reported on stderr with exit code 2.
fn finish(text: &str, code: u8) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(e) => {
            note(&format!("cannot write to stdout 无法写出到标准输出: {e}\n"));
            ExitCode::from(2)
        }
    }
}

/// Write `text` to stderr; if stderr itself cannot be written (closed), there is no one left to
/// tell, so the error is dropped rather than turned into a panic.
fn note(text: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(out) => finish(&out, 0),
        Err(Failure::Input(e)) => {
            note(&e.to_string());
            finish("", 2)
        }
        Err(Failure::Rejected(out)) => finish(&out, 3),
        Err(Failure::Usage(msg)) => {
            note(&msg);
            finish("", 2)
        }
        Err(Failure::Infeasible(msg)) => {
            note(&msg);
            finish("", 3)
        }
        Err(Failure::Output(msg)) => {
            note(&format!(
                "{msg}\n请检查输出目录是否可写 / check that the output folder can be written\n"
            ));
            finish("", 2)
        }
        Err(Failure::NoPlan(out)) => finish(&out, 3),
        Err(Failure::Bug { out, msg }) => {
            // The output first, then the bug note, as before.
            let code = finish(&out, 1);
            note(&format!("internal error 内部错误: {msg}\n{BUG_NOTE}"));
            code
        }
        Err(Failure::Internal(msg)) => {
            note(&format!("internal error 内部错误: {msg}\n{BUG_NOTE}"));
            finish("", 1)
        }
    }
}

/// Write one file so that it appears complete or not at all: written in full to a temporary file
/// in the same folder (a [`tempfile::NamedTempFile`], removed again when anything fails), then
/// renamed over `path`.
fn write_file_atomically(path: &std::path::Path, body: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let prefix = format!(".{name}.");
    // The temporary file is opened the way `std::fs::write` opens one, so the file written gets
    // the usual permissions (not tempfile's owner-only 0600) and an error is the plain OS error
    // (`NamedTempFile::new_in` would add “at path …” to the message).
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .make_in(&dir, |p| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(p)
        })?;
    tmp.as_file_mut().write_all(body.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
