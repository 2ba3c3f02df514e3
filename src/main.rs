//! The `fudao` command: parses arguments, calls the library, prints, and maps errors to exit codes
//! (0 success · 1 internal error · 2 bad input or usage · 3 no feasible plan, or a plan given to
//! `check --plan` that breaks hard rules).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use fudao::r#gen as generator;
use fudao::inputs::{self, LoadOptions, Loaded};
use fudao::{checker, export, profile, studio, summary, two_level};

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
    },
    /// The whole semester plan (学期培训计划): clusters, studios, sessions, budget, coverage.
    ///
    /// The plan is verified by the independent checker before anything is written. With `-o DIR`,
    /// writes into DIR: plan.json, plan.txt, report.html, plan.xlsx, csv/*.csv and
    /// ics/group-*.ics, ics/person-*.ics — all or nothing. Exit 3 with the conflicting rules when
    /// no plan exists.
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

/// What went wrong, mapped to an exit code in one place.
enum Failure {
    Input(fudao::diag::InputError),
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
}

fn load(scenario: &std::path::Path, rules: &Option<PathBuf>) -> Result<Loaded, Failure> {
    inputs::load(
        scenario,
        &LoadOptions {
            rules: rules.clone(),
        },
    )
    .map_err(Failure::Input)
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Internal(format!("JSON serialization failed: {e}")))
}

fn run(cli: Cli) -> Result<String, Failure> {
    match cli.cmd {
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
                eprintln!("{hint}");
            }
            Ok(format!("wrote {}: {}\n", w.path.display(), w.summary))
        }
        Cmd::Check {
            scenario,
            rules,
            plan: Some(plan),
        } => {
            let l = load(&scenario, &rules)?;
            let file = checker::read_plan(&plan).map_err(Failure::Input)?;
            let outcome = checker::verify(&l.inputs, &file);
            let text = checker::render(&file, &outcome);
            if outcome.is_ok() {
                Ok(text)
            } else {
                Err(Failure::Rejected(text))
            }
        }
        Cmd::Check {
            scenario,
            rules,
            plan: None,
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
                Format::Table => two_level::report::table(&l.inputs, &r),
                Format::Json => json(&two_level::report::clusters_json(&l.inputs, &r))?,
            };
            match &r.status {
                two_level::Status::Optimal => Ok(out),
                two_level::Status::Error(e) => Err(Failure::Internal(e.clone())),
                _ => {
                    eprint!("{}", two_level::report::explanation_text(&l.inputs, &r));
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
        } => {
            let l = load(&scenario, &rules)?;
            let planned = fudao::plan::run(&l.inputs);
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
        } => {
            let l = load(&scenario, &rules)?;
            let st = studio::staff(&l.inputs).map_err(|e| Failure::Internal(e.to_string()))?;
            let out = match format {
                Format::Table => studio::report::table(&l.inputs, &st),
                Format::Json => json(&studio::report::json(&l.inputs, &st))?,
            };
            if st.status == studio::Status::Infeasible {
                Err(Failure::NoPlan(out))
            } else {
                Ok(out)
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Failure::Input(e)) => {
            eprint!("{e}");
            ExitCode::from(2)
        }
        Err(Failure::Rejected(out)) => {
            print!("{out}");
            ExitCode::from(3)
        }
        Err(Failure::Usage(msg)) => {
            eprint!("{msg}");
            ExitCode::from(2)
        }
        Err(Failure::Infeasible(msg)) => {
            eprint!("{msg}");
            ExitCode::from(3)
        }
        Err(Failure::Output(msg)) => {
            eprintln!(
                "{msg}\n请检查输出目录是否可写 / check that the output folder can be written"
            );
            ExitCode::from(2)
        }
        Err(Failure::NoPlan(out)) => {
            print!("{out}");
            ExitCode::from(3)
        }
        Err(Failure::Internal(msg)) => {
            eprintln!("internal error 内部错误: {msg}");
            eprintln!(
                "This is a bug in fudao. Please report it with the command and input files. 这是 fudao 的缺陷，请附上命令和输入文件反馈。"
            );
            ExitCode::from(1)
        }
    }
}
