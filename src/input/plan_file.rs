//! A finished plan read back from its `plan.json` (for `fudao check --plan`, `fudao diff` and
//! re-plans). A file that cannot be read or is not a plan is bad input, reported with its file,
//! line and column.

use std::path::Path;

use crate::input::diag::{Code, Diagnostic, Diags, InputError, Location};
use crate::wire::PlanFile;

/// Read and parse a plan file. A file that cannot be read or is not a plan is bad input, reported
/// with its file, line and column.
pub fn read_plan(path: &Path) -> Result<PlanFile, InputError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        one(Diagnostic::new(
            Code::Io,
            format!("cannot read the plan file: {e}"),
            format!("无法读取计划文件：{e}"),
        )
        .help("check the path given to --plan / 请检查 --plan 指定的路径")
        .in_file(path))
    })?;
    parse_plan(&text, path)
}

/// Parse the text of a plan file; `path` names it in diagnostics.
pub fn parse_plan(text: &str, path: &Path) -> Result<PlanFile, InputError> {
    serde_json::from_str::<PlanFile>(text).map_err(|e| {
        let line = e.line().max(1);
        let snippet = text.lines().nth(line - 1).unwrap_or("").to_string();
        // serde_json counts columns in bytes; the renderer counts characters.
        let byte_col = e.column().max(1) - 1;
        let mut cut = byte_col.min(snippet.len());
        while !snippet.is_char_boundary(cut) {
            cut -= 1;
        }
        let column = snippet[..cut].chars().count() + 1;
        let full = e.to_string();
        // serde_json appends " at line L column C"; the location is shown separately.
        let what = full.split(" at line ").next().unwrap_or(&full).to_string();
        let (code, zh) = match e.classify() {
            serde_json::error::Category::Syntax => (Code::Syntax, format!("JSON 语法错误：{what}")),
            serde_json::error::Category::Eof => (Code::Syntax, format!("文件意外结束：{what}")),
            serde_json::error::Category::Io => (Code::Io, format!("读取失败：{what}")),
            serde_json::error::Category::Data if what.starts_with("missing field") => {
                (Code::Missing, format!("缺少必需的键：{what}"))
            }
            serde_json::error::Category::Data => {
                (Code::InvalidValue, format!("值的类型或形式不对：{what}"))
            }
        };
        let mut d = Diagnostic::new(code, format!("the plan file is not a valid plan.json: {what}"), zh)
            .help(
                "write the plan with `fudao plan`, or fix the JSON at this position (keys and \
                 types: docs/plan-semantics.md “The plan file”) / 请用 `fudao plan` 重新生成计划，或按提示位置修正 JSON",
            )
            .in_file(path);
        d.at = Some(Location {
            file: path.to_path_buf(),
            line,
            column,
            width: 1,
            snippet,
        });
        one(d)
    })
}

fn one(d: Diagnostic) -> InputError {
    let mut diags = Diags::default();
    diags.push(d);
    InputError(diags)
}
