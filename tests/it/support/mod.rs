//! Test helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fudao::input::{self, LoadOptions, Loaded};

pub mod export;

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the `fudao` binary from the crate root.
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_fudao"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run fudao")
}

/// Run the `fudao` binary from the crate root: exit code (-1 when killed), stdout, stderr.
pub fn fudao(args: &[&str]) -> (i32, String, String) {
    let out = run(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A minimal valid scenario using rules/jzmu.toml; `people` is appended as `[[people]]` entries.
pub fn scenario_text(people: &str) -> String {
    let rules = root().join("rules/jzmu.toml");
    format!(
        r#"
[meta]
id = "unit"
name = "单元测试"
rules = "{}"

[semester]
name = "2026—2027学年第一学期"
start = 2026-08-31
end = 2027-01-22
holidays = [{{ name = "国庆节", start = 2026-10-01, end = 2026-10-07 }}]
makeup_workdays = [2026-10-10]
exam_weeks = [{{ name = "考试周", start = 2027-01-11, end = 2027-01-22 }}]

[[campuses]]
id = "main"
name = "主校区"

[[colleges]]
id = "c1"
name = "第一临床医学院"
campus = "main"
discipline = "clinical"
stage = "undergraduate"

[[venues]]
id = "hall"
name = "报告厅"
campus = "main"
capacity = 300
cost = 500

[funds]
total = 100000

{people}
"#,
        rules.display()
    )
}

/// Write `text` as a scenario in a fresh temp dir and load it.
pub fn load_text(text: &str) -> Result<Loaded, fudao::input::diag::InputError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, text).expect("write scenario");
    input::load(&path, &LoadOptions::default())
}

/// Load a bundled scenario by path relative to the crate root.
pub fn load_bundled(rel: &str) -> Loaded {
    let path = root().join(rel);
    match input::load(Path::new(&path), &LoadOptions::default()) {
        Ok(l) => l,
        Err(e) => panic!("{rel} does not load:\n{e}"),
    }
}

/// The segments the bundled rules give a session kind (what a session of it lists), for tests
/// that build sessions by hand.
pub fn kind_segments(kind: &str) -> Vec<String> {
    static INPUTS: std::sync::OnceLock<fudao::domain::Inputs> = std::sync::OnceLock::new();
    let inputs = INPUTS.get_or_init(|| load_bundled("tests/fixtures/tiny-checker.toml").inputs);
    inputs
        .rules
        .kind(kind)
        .map(|k| inputs.rules.session_kinds[k].segments.clone())
        .unwrap_or_default()
}
