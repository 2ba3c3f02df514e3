//! The house keeps its floors: arrows point down only (see `src/lib.rs` and the README's Layout).
//! The test reads every source file under `src/`, takes the crate modules each one names
//! (`crate::x`, `crate::{x, y::z}`, outside comments and string literals) and the external solver
//! crates it uses, and fails when a floor reaches up or sideways:
//!
//! - `input` knows no stage (no planner, checker, report, export, what-if);
//! - `wire` names only itself; `domain` only `wire` and itself;
//! - the `planner` neither checks nor prints (no checker, report, export, input, what-if);
//! - the `checker` reads only `wire` and `domain`;
//! - `report` and `export` never solve (no solver crate) and never check;
//! - solver crates (`good_lp`, `microlp`, `highs`) appear only under `src/planner/`.
//!
//! The rules are run on synthetic sources too, so the test can fail.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support;

/// Floors (top-level modules of the library) each floor may name besides itself.
const ALLOWED: &[(&str, &[&str])] = &[
    ("input", &["wire", "domain"]),
    ("wire", &[]),
    ("domain", &["wire"]),
    ("planner", &["wire", "domain"]),
    ("checker", &["wire", "domain"]),
    (
        "report",
        &["wire", "domain", "planner", "checker", "records"],
    ),
    ("export", &["wire", "domain"]),
    (
        "whatif",
        &[
            "input", "wire", "domain", "planner", "checker", "report", "export",
        ],
    ),
    ("diff", &["input", "wire", "domain", "report"]),
    ("gen", &["wire", "domain"]),
    ("records", &["input", "wire", "domain"]),
];

/// The floors that may use a solver crate.
const SOLVER_FLOORS: &[&str] = &["planner"];
const SOLVER_CRATES: &[&str] = &["good_lp", "microlp", "highs"];

/// Source text without `//` comments and without the contents of string and char literals
/// (so that a message mentioning `crate::planner` does not count).
fn code_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let b: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && b.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        // raw strings r"..." / r#"..."#
        if c == 'r' && matches!(b.get(i + 1), Some('"') | Some('#')) {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) == Some(&'"') {
                j += 1;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j;
                continue;
            }
        }
        if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            continue;
        }
        // a char literal 'x' or '\n' (lifetimes such as 'a are left alone)
        if c == '\'' {
            if b.get(i + 1) == Some(&'\\') {
                if let Some(end) = (i + 2..b.len().min(i + 12)).find(|&k| b[k] == '\'') {
                    i = end + 1;
                    out.push_str("' '");
                    continue;
                }
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn ident_at(s: &str, from: usize) -> &str {
    let rest = &s[from..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '#'))
        .unwrap_or(rest.len());
    rest[..end].trim_start_matches("r#")
}

/// The top-level crate modules a source names: `crate::x…` and every first segment inside
/// `crate::{…}` (nested braces included at their top level).
fn crate_modules(src: &str) -> BTreeSet<String> {
    let code = code_only(src);
    let mut out = BTreeSet::new();
    let mut at = 0;
    while let Some(k) = code[at..].find("crate::") {
        let start = at + k;
        // `fudao_crate::` or `$crate::` are not this crate's paths
        let before = code[..start].chars().next_back();
        at = start + "crate::".len();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if code[at..].starts_with('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            let body = &code[at..];
            for (i, ch) in body.char_indices() {
                match ch {
                    '{' => {
                        depth += 1;
                        item_start = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 1 => {
                        let name = ident_at(body, i);
                        if !name.is_empty() {
                            out.insert(name.to_string());
                        }
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident_at(&code, at);
            if !name.is_empty() {
                out.insert(name.to_string());
            }
        }
    }
    out
}

/// Solver crates a source names (`good_lp::…`, `use good_lp`, `microlp::…`).
fn solver_crates(src: &str) -> BTreeSet<String> {
    let code = code_only(src);
    SOLVER_CRATES
        .iter()
        .filter(|c| {
            code.match_indices(*c).any(|(i, _)| {
                let before = code[..i].chars().next_back();
                let after = &code[i + c.len()..];
                !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == '_')
                    && after.starts_with("::")
            })
        })
        .map(|c| c.to_string())
        .collect()
}

/// Problems of one source file that sits on `floor`.
fn problems(floor: &str, file: &str, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some((_, allowed)) = ALLOWED.iter().find(|(f, _)| *f == floor) else {
        return vec![format!(
            "{file}: `{floor}` is not a known floor of the house"
        )];
    };
    for m in crate_modules(src) {
        if m == floor || m == "self" || m == "super" {
            continue;
        }
        let is_floor = ALLOWED.iter().any(|(f, _)| *f == m);
        if is_floor && !allowed.contains(&m.as_str()) {
            out.push(format!("{file}: `{floor}` must not use `crate::{m}`"));
        }
    }
    if !SOLVER_FLOORS.contains(&floor) {
        for c in solver_crates(src) {
            out.push(format!(
                "{file}: `{floor}` must not use the solver crate `{c}`"
            ));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_floor_points_down_only() {
    let src = support::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    let mut seen_floors = BTreeSet::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("component");
        let first = first.as_os_str().to_string_lossy();
        let floor = first.trim_end_matches(".rs");
        if floor == "lib" || floor == "main" {
            continue;
        }
        seen_floors.insert(floor.to_string());
        let text = std::fs::read_to_string(path).expect("read source");
        found.extend(problems(floor, &rel.display().to_string(), &text));
    }
    assert!(
        found.is_empty(),
        "arrows pointing up or sideways:\n{}",
        found.join("\n")
    );
    let expected: BTreeSet<String> = ALLOWED.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(
        seen_floors, expected,
        "src/ holds exactly the floors of the Layout (add a new one to ALLOWED with its arrows)"
    );
}

#[test]
fn a_forbidden_import_is_caught() {
    let ok = "use crate::domain::Inputs;\nuse crate::wire::{PlanFile, money};\n";
    assert!(problems("checker", "x.rs", ok).is_empty());
    for bad in [
        "use crate::planner::run;\n",
        "use crate::{domain::Inputs, planner::schedule};\n",
        "use crate::{\n    domain,\n    input::{diag, source},\n};\n",
        "fn f() { let _ = crate::report::table::Table::new([\"a\"]); }\n",
        "pub(crate) use crate::input::plan_file::read_plan;\n",
    ] {
        assert!(
            !problems("checker", "x.rs", bad).is_empty(),
            "not caught in the checker: {bad}"
        );
    }
    assert!(!problems("input", "x.rs", "use crate::planner::solver;\n").is_empty());
    assert!(
        !problems(
            "domain",
            "x.rs",
            "use crate::planner::two_level::TwoLevel;\n"
        )
        .is_empty()
    );
    assert!(!problems("planner", "x.rs", "use crate::report::studios;\n").is_empty());
    assert!(!problems("planner", "x.rs", "use crate::checker::verify;\n").is_empty());
    assert!(!problems("report", "x.rs", "use good_lp::variable;\n").is_empty());
    assert!(problems("planner", "x.rs", "use good_lp::{variable, Solution};\n").is_empty());
}

#[test]
fn comments_and_strings_do_not_count() {
    let text = "//! see [`crate::planner`]\n/// and crate::report\nfn f() -> &'static str { \"crate::planner::run\" }\nconst C: char = '\"';\nuse crate::wire::money;\n";
    assert_eq!(crate_modules(text), BTreeSet::from(["wire".to_string()]));
    let raw = "const R: &str = r#\"use crate::planner;\"#;\nuse crate::domain;\n";
    assert_eq!(crate_modules(raw), BTreeSet::from(["domain".to_string()]));
}
