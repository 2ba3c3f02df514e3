//! Loading a scenario and its rules: read, parse, validate, all problems at once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diags, InputError};
use crate::domain::Inputs;
use crate::load;
use crate::source::Sources;
use crate::validate;

/// Options for loading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Use this rules file instead of the one the scenario names.
    pub rules: Option<PathBuf>,
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
}

/// Read and validate a scenario, its rules and its roster. Every problem in every file is reported.
pub fn load(scenario_path: &Path, opts: &LoadOptions) -> Result<Loaded, InputError> {
    let mut sources = Sources::default();
    let mut diags = Diags::default();
    let mut broken = Vec::new();

    let Some(sfile) = load::read_file(
        &mut sources,
        &mut diags,
        scenario_path,
        "scenario file",
        "场景文件",
    ) else {
        return Err(InputError(diags));
    };
    let mut wire_sc = load::scenario_file(&sources, sfile, &mut diags, &mut broken);

    let rules_path = match (&opts.rules, &wire_sc.meta) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(m)) => Some(load::relative_to(scenario_path, m.rules.get_ref())),
        (None, None) => None,
    };
    let rfile = rules_path
        .as_ref()
        .and_then(|p| load::read_file(&mut sources, &mut diags, p, "rules file", "规则文件"));
    let wire_rules = rfile.map(|f| load::rules_file(&sources, f, &mut diags, &mut broken));

    if let Some(roster) = wire_sc.meta.as_ref().and_then(|m| m.roster.clone()) {
        let path = load::relative_to(scenario_path, roster.get_ref());
        if let Some(f) = load::read_file(&mut sources, &mut diags, &path, "roster", "人员名单")
        {
            let mut rows = load::roster_csv(&sources, f, &mut diags);
            if !wire_sc.people.is_empty() {
                // Both a roster and inline people: keep the roster, report the clash.
                diags.push(
                    crate::diag::Diagnostic::new(
                        crate::diag::Code::Inconsistent,
                        "the scenario has both `roster` and [[people]] entries",
                        "场景同时指定了 roster 名单和 [[people]]",
                    )
                    .help("keep one source of staff: the roster file or the [[people]] entries / 请只保留一种人员来源")
                    .in_file(scenario_path),
                );
            }
            std::mem::swap(&mut wire_sc.people, &mut rows);
            wire_sc.people_file = f;
        }
    }

    let broken: BTreeSet<String> = broken.into_iter().collect();
    let rules = match (rfile, &wire_rules) {
        (Some(f), Some(w)) => validate::rules(&sources, f, w, &broken, &mut diags),
        _ => None,
    };
    let scenario = rules
        .as_ref()
        .and_then(|r| validate::scenario(&sources, sfile, &wire_sc, r, &broken, &mut diags));

    match (rules, scenario) {
        (Some(rules), Some(scenario)) if diags.is_empty() => Ok(Loaded {
            inputs: Inputs { rules, scenario },
            sources,
            rules_path: rules_path.unwrap_or_default(),
        }),
        _ => {
            diags.sort();
            Err(InputError(diags))
        }
    }
}
