//! The `fudao` command: parses arguments, calls the library, prints, and maps errors to exit codes
//! (0 success · 1 internal error · 2 bad input or usage · 3 no feasible plan).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use fudao::inputs::{self, LoadOptions, Loaded};
use fudao::{profile, studio, summary};

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

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Validate the inputs and print a summary (校验输入并汇总).
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Rules file to use instead of the one the scenario names.
        #[arg(long)]
        rules: Option<PathBuf>,
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
}

/// What went wrong, mapped to an exit code in one place.
enum Failure {
    Input(fudao::diag::InputError),
    Internal(String),
    /// No feasible plan: the explanation (already formatted) goes to stdout, exit code 3.
    NoPlan(String),
}

fn load(scenario: &PathBuf, rules: &Option<PathBuf>) -> Result<Loaded, Failure> {
    inputs::load(scenario, &LoadOptions { rules: rules.clone() }).map_err(Failure::Input)
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Internal(format!("JSON serialization failed: {e}")))
}

fn run(cli: Cli) -> Result<String, Failure> {
    match cli.cmd {
        Cmd::Check { scenario, rules } => {
            let l = load(&scenario, &rules)?;
            let profiles = profile::classify(&l.inputs);
            let files = vec![scenario.display().to_string(), l.rules_path.display().to_string()];
            Ok(summary::check_summary(&l.inputs, &profiles, &files))
        }
        Cmd::Classify { scenario, rules, format } => {
            let l = load(&scenario, &rules)?;
            let profiles = profile::classify(&l.inputs);
            match format {
                Format::Table => Ok(summary::classify_table(&l.inputs, &profiles)),
                Format::Json => json(&serde_json::json!({
                    "people": summary::people_out(&l.inputs, &profiles)
                })),
            }
        }
        Cmd::Studios { scenario, rules, format } => {
            let l = load(&scenario, &rules)?;
            let st = studio::staff(&l.inputs).map_err(|e| Failure::Internal(e.to_string()))?;
            let out = match format {
                Format::Table => studio::report::table(&l.inputs, &st),
                Format::Json => json(&studio::report::json(&l.inputs, &st))?,
            };
            if st.status == studio::Status::Infeasible { Err(Failure::NoPlan(out)) } else { Ok(out) }
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
