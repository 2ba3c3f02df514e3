//! Input: loading a scenario and its rules — read, parse, validate, all problems at once.
//!
//! - [`source`]: the files read and held in memory, byte spans turned into line and column;
//! - [`diag`]: diagnostics (code, bilingual message, help, location) and their rendering;
//! - [`toml`]: the TOML files read into [`crate::wire`] types, syntax and shape errors with spans;
//! - [`roster`]: the staff roster from CSV or a spreadsheet, one header matcher for both;
//! - [`overrides`]: `--vary` ids and the patching of numeric values before validation;
//! - [`plan_file`]: a finished plan.json read back (for the checker and `fudao diff`);
//! - [`validate`]: wire types to [`crate::domain`] types, one file per section.
//!
//! [`load`] puts them together.

pub mod diag;
pub mod overrides;
pub mod plan_file;
pub mod record_db;
pub mod roster;
pub mod sheet;
pub mod source;
pub mod suggest;
pub mod toml;
pub mod validate;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::domain::Inputs;
use diag::{Code, Diags, InputError};
use roster::xlsx;
use source::{FileId, Sources};

pub use overrides::Override;

/// Options for loading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Use this rules file instead of the one the scenario names.
    pub rules: Option<PathBuf>,
    /// Numeric rule or scenario values to replace before validation (`whatif --vary`), by id.
    /// Each is validated like the value in the file; an id that names no number is bad input.
    pub overrides: Vec<Override>,
    /// Read the programme's record from this file instead of the one `[meta] records` names.
    pub records: Option<PathBuf>,
}

/// Inputs together with the files they came from (for later diagnostics).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Validated rules and scenario.
    pub inputs: Inputs,
    /// The files read.
    pub sources: Sources,
    /// Path of the rules file used.
    pub rules_path: PathBuf,
    /// The record named by the scenario's `[meta] records` (or `--db`), whether or not it exists yet.
    pub records_path: Option<PathBuf>,
}

/// Whether reading `file` found a TOML syntax error (its parse is partial; checking it further
/// would report guesses).
fn has_syntax_error(sources: &Sources, diags: &Diags, file: FileId) -> bool {
    let path = sources.path(file);
    diags
        .items
        .iter()
        .any(|d| d.code == Code::Syntax && d.file.as_deref() == Some(path))
}

/// Read and validate a scenario, its rules and its roster. Every problem in every file is reported:
/// a broken rules file does not hide the scenario's own problems, and the other way round.
pub fn load(scenario_path: &Path, opts: &LoadOptions) -> Result<Loaded, InputError> {
    let mut sources = Sources::default();
    let mut diags = Diags::default();
    let mut broken = Vec::new();

    let Some(sfile) = source::read_file(
        &mut sources,
        &mut diags,
        scenario_path,
        "scenario file",
        "场景文件",
    ) else {
        return Err(InputError(diags));
    };
    let mut patched = toml::Patched::default();
    let mut wire_sc = toml::scenario_file_with(
        &sources,
        sfile,
        &mut diags,
        &mut broken,
        &opts.overrides,
        &mut patched,
    );
    let scenario_readable = !has_syntax_error(&sources, &diags, sfile);

    // The rules file: from --rules, or named by `rules = "..."` in [meta] (then a read error points there).
    let rules_at = match (&opts.rules, &wire_sc.meta) {
        (Some(p), _) => Some((p.clone(), None)),
        (None, Some(m)) => Some((
            source::relative_to(scenario_path, m.rules.get_ref()),
            Some((sfile, m.rules.span())),
        )),
        (None, None) => None,
    };
    let rules_path = rules_at.as_ref().map(|(p, _)| p.clone());
    let rfile = rules_at.and_then(|(p, at)| {
        source::read_file_at(&mut sources, &mut diags, &p, "rules file", "规则文件", at)
    });
    let wire_rules = rfile.map(|f| {
        toml::rules_file_with(
            &sources,
            f,
            &mut diags,
            &mut broken,
            &opts.overrides,
            &mut patched,
        )
    });
    let rules_readable = rfile.is_some_and(|f| !has_syntax_error(&sources, &diags, f));

    if let Some(roster) = wire_sc.meta.as_ref().and_then(|m| m.roster.clone()) {
        let path = source::relative_to(scenario_path, roster.get_ref());
        let sheet = wire_sc.meta.as_ref().and_then(|m| m.roster_sheet.clone());
        let at = Some((sfile, roster.span()));
        // The reader by extension: a spreadsheet (calamine) or CSV.
        let read = if xlsx::is_spreadsheet(&path) {
            let named = xlsx::NamedAt {
                file: sfile,
                roster: roster.span(),
                sheet: sheet.as_ref().map(|s| s.span()),
            };
            xlsx::read(
                &mut sources,
                &mut diags,
                &path,
                sheet.as_ref(),
                Some(&named),
                &mut broken,
            )
            .map(|r| (r.file, r.people))
        } else {
            if let Some(s) = &sheet {
                diags.push(
                    crate::input::diag::Diagnostic::new(
                        Code::Inconsistent,
                        "`roster_sheet` names a sheet, but the roster is not a spreadsheet",
                        "roster_sheet 指定了工作表，但名单不是 Excel 工作簿",
                    )
                    .key("meta.roster_sheet")
                    .help("remove `roster_sheet`, or point `roster` at the .xlsx file / 请删除 roster_sheet，或把 roster 改为 .xlsx 文件")
                    .at(&sources, sfile, s.span()),
                );
            }
            source::read_file_at(&mut sources, &mut diags, &path, "roster", "人员名单", at).map(
                |f| {
                    (
                        f,
                        roster::csv::roster_csv_with(&sources, f, &mut diags, &mut broken),
                    )
                },
            )
        };
        if let Some((f, mut rows)) = read {
            if !wire_sc.people.is_empty() {
                // Both a roster and inline people: keep the roster, report the clash.
                diags.push(
                    crate::input::diag::Diagnostic::new(
                        crate::input::diag::Code::Inconsistent,
                        "the scenario has both `roster` and [[people]] entries",
                        "场景同时指定了 roster 名单和 [[people]]",
                    )
                    .help("keep one source of staff: the roster file or the [[people]] entries / 请只保留一种人员来源")
                    .at(&sources, sfile, roster.span()),
                );
            }
            std::mem::swap(&mut wire_sc.people, &mut rows);
            wire_sc.people_file = f;
        }
    }

    let broken: BTreeSet<String> = broken.into_iter().collect();
    // Rules with wrong values are still good enough to check the scenario against; rules that
    // could not be parsed are not, and then only the checks that need no rules run.
    let rules = match (rfile, &wire_rules) {
        (Some(f), Some(w)) if rules_readable => {
            validate::rules_lenient(&sources, f, w, &broken, &mut diags)
        }
        _ => None,
    };
    let scenario = if scenario_readable {
        validate::scenario_with(
            &sources,
            sfile,
            &wire_sc,
            rules.as_ref(),
            &broken,
            &mut diags,
        )
    } else {
        None
    };

    if !opts.overrides.is_empty() {
        overrides::report(
            &sources,
            (rfile, sfile),
            &opts.overrides,
            &patched,
            &mut diags,
        );
    }

    // The record (`[meta] records`, or --db): read when the file exists (a programme's first
    // semester has none yet).
    let records_at = match (
        &opts.records,
        wire_sc.meta.as_ref().and_then(|m| m.records.as_ref()),
    ) {
        (Some(p), _) => Some((p.clone(), None)),
        (None, Some(r)) => Some((
            source::relative_to(scenario_path, r.get_ref()),
            Some(r.span()),
        )),
        (None, None) => None,
    };
    let mut record = None;
    if let Some((path, span)) = &records_at
        && (opts.records.is_some() || path.exists())
    {
        match record_db::read(path) {
            Ok(r) => record = Some(r),
            Err(e) => {
                let d = e.diagnostic(path);
                diags.push(match span {
                    Some(sp) => d.at(&sources, sfile, sp.clone()),
                    None => d,
                });
            }
        }
    }

    match (rules, scenario) {
        (Some(rules), Some(scenario)) if diags.is_empty() => {
            let mut inputs = Inputs {
                rules,
                scenario,
                history: Default::default(),
            };
            if record.is_some() || inputs.rules.records.is_some() {
                inputs.history = crate::domain::history::derive(&inputs, record.as_ref());
            }
            Ok(Loaded {
                inputs,
                sources,
                rules_path: rules_path.unwrap_or_default(),
                records_path: records_at.map(|(p, _)| p),
            })
        }
        _ => {
            if diags.is_empty() {
                // Cannot happen: every path to a missing result reports why. Say so rather than
                // exit 2 with an empty list.
                diags.push(crate::input::diag::Diagnostic::new(
                    Code::Inconsistent,
                    "the inputs could not be read, but no problem was recorded (a bug in fudao; please report it)",
                    "无法读取输入，但未记录任何问题（这是 fudao 的缺陷，请反馈）",
                ));
            }
            diags.sort();
            Err(InputError(diags))
        }
    }
}
