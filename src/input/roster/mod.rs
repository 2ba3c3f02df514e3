//! The staff roster: CSV ([`csv`]) or a spreadsheet ([`xlsx`]), read with one header matcher.
//!
//! What both readers share lives here: the columns and the headers accepted for each
//! ([`ROSTER_COLUMNS`]), which header cell names which column ([`match_header`]), the splitting of
//! list cells ([`split_list`]) and the problems both report in the same words (a missing column,
//! an empty cell, an unknown header). Where the readers differ, the difference is a parameter: a
//! spreadsheet skips the columns in [`xlsx::IGNORED_COLUMNS`], a CSV roster skips none.

pub mod csv;
pub mod xlsx;

use toml::Spanned;

use crate::input::diag::{Code, Diagnostic, Diags};

/// Columns of a roster and the headers accepted for each (English key first, then Chinese).
pub const ROSTER_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id", "工号", "编号"]),
    ("name", &["name", "姓名"]),
    ("college", &["college", "学院", "所在学院", "单位"]),
    ("role", &["role", "岗位", "角色", "身份"]),
    ("hired", &["hired", "入职日期", "入职时间"]),
    (
        "counselor_since",
        &["counselor_since", "从事辅导员工作时间", "辅导员工作起始"],
    ),
    ("title", &["title", "职称"]),
    ("honors", &["honors", "荣誉称号", "荣誉"]),
    ("specialties", &["specialties", "专业特长", "特长"]),
    ("left", &["left", "离职日期", "离岗日期", "调离日期"]),
    (
        "unavailable",
        &["unavailable", "不能参加日期", "不可参加日期", "请假日期"],
    ),
    (
        "last_external",
        &["last_external", "最近省级以上培训", "最近一次省级以上培训", "省级以上培训日期"],
    ),
];

/// Keys of the columns (of [`ROSTER_COLUMNS`]) that every roster must have.
pub const REQUIRED_COLUMNS: &[&str] = &["id", "name", "role", "hired"];

/// Separators accepted inside a list cell (honors, specialties, dates).
pub const LIST_SEPARATORS: &[char] = &['；', ';', '、', '，', ',', '|'];

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// A roster column: index into [`ROSTER_COLUMNS`].
    Column(usize),
    /// Nothing fudao reads: an empty header, or one of the reader's skipped headers.
    Skipped,
    /// A header fudao does not know (a problem: [`unknown_column`]).
    Unknown,
}

/// Which column a header cell names. The header is trimmed and compared without regard to ASCII
/// case with every name in [`ROSTER_COLUMNS`], then with `skipped` (headers the reader ignores;
/// empty for CSV, [`xlsx::IGNORED_COLUMNS`] for a spreadsheet).
pub fn match_header(header: &str, skipped: &[&str]) -> Header {
    let h = header.trim();
    let is = |n: &&str| n.eq_ignore_ascii_case(h);
    match ROSTER_COLUMNS
        .iter()
        .position(|(_, names)| names.iter().any(is))
    {
        Some(k) => Header::Column(k),
        None if h.is_empty() || skipped.iter().any(is) => Header::Skipped,
        None => Header::Unknown,
    }
}

/// The problem for a header that names no column; the help lists the columns, and a few of
/// `skipped` when the reader skips any. Without a location (the reader adds it).
pub fn unknown_column(name: &str, skipped: &[&str]) -> Diagnostic {
    let skipped_note = if skipped.is_empty() {
        String::new()
    } else {
        format!(
            " (columns such as {} are skipped)",
            skipped[..skipped.len().min(4)].join("、")
        )
    };
    Diagnostic::new(
        Code::UnknownKey,
        format!("unknown roster column `{name}`"),
        format!("未知的名单列“{name}”"),
    )
    .help(format!(
        "use one of: {}{skipped_note} / 请使用上述列名之一",
        ROSTER_COLUMNS
            .iter()
            .map(|(k, n)| format!("{k} ({})", n[1]))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The problem for a required column `k` (of [`ROSTER_COLUMNS`]) that the roster lacks; `row`
/// names the row that holds the headers (English, Chinese). Without a location.
pub fn missing_column(k: usize, (row_en, row_zh): (&str, &str)) -> Diagnostic {
    let (key, names) = ROSTER_COLUMNS[k];
    Diagnostic::new(
        Code::Missing,
        format!("the roster has no `{key}` column ({})", names[1]),
        format!("名单缺少“{}”列", names[1]),
    )
    .key(format!("people.{key}"))
    .help(format!(
        "add a column headed `{}` to the {row_en} (also accepted: {}) / 请在{row_zh}添加“{}”列",
        names[1],
        names
            .iter()
            .filter(|n| **n != names[1])
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
        names[1]
    ))
}

/// The problem for an empty cell in required column `k` (of [`ROSTER_COLUMNS`]). Without a
/// location.
pub fn empty_cell(k: usize) -> Diagnostic {
    let (key, names) = ROSTER_COLUMNS[k];
    Diagnostic::new(
        Code::Missing,
        format!("empty `{key}` cell ({})", names[1]),
        format!("“{}”为空", names[1]),
    )
    .key(format!("people.{key}"))
    .help(format!(
        "fill in {key} for this row / 请填写此行的{}",
        names[1]
    ))
}

/// Name the row's person in each problem found in the row (those from `first` on), as
/// validation does.
pub fn name_the_person(diags: &mut Diags, first: usize, who: &str, name_shown: &str) {
    for d in &mut diags.items[first..] {
        d.en = format!("person `{who}` ({name_shown}): {}", d.en);
        d.zh = format!("人员 {who}（{name_shown}）：{}", d.zh);
    }
}

/// The items of a list cell (`优秀辅导员；十佳`), each with its own span inside the cell.
pub fn split_list(s: &Spanned<String>) -> Vec<Spanned<String>> {
    let base = s.span().start;
    let text = s.get_ref();
    let mut out = Vec::new();
    let mut off = 0;
    for part in text.split(LIST_SEPARATORS) {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let lead = part.len() - part.trim_start().len();
            let a = base + off + lead;
            out.push(Spanned::new(a..a + trimmed.len(), trimmed.to_string()));
        }
        off += part.len()
            + text[off + part.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    out
}


/// A date written as text: `2016-09-01`, `2016/9/1`, `2016.9.1`, `2016年9月1日`, each optionally
/// followed by a midnight time (`2016-09-01 00:00:00`, `2016-09-01T00:00:00`); a real calendar
/// date or `None`.
pub fn text_date(s: &str) -> Option<toml::value::Datetime> {
    let s = s.trim();
    let date_part = match s.split_once([' ', 'T']) {
        Some((d, t)) if matches!(t.trim(), "00:00" | "00:00:00" | "0:00:00" | "00:00:00.000") => d,
        Some(_) => return None,
        None => s,
    };
    let norm: String = date_part
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = norm.split('-').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        || parts[0].len() != 4
    {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    format!("{y:04}-{m:02}-{d:02}").parse().ok()
}

/// The dates of a list cell (`unavailable`); each item that is not a date is reported.
pub fn date_list(
    items: Vec<Spanned<String>>,
    k: usize,
    sources: &crate::input::source::Sources,
    file: crate::input::source::FileId,
    diags: &mut Diags,
) -> Vec<Spanned<toml::value::Datetime>> {
    let (key, names) = ROSTER_COLUMNS[k];
    let mut out = Vec::new();
    for item in items {
        match text_date(item.get_ref()) {
            Some(d) => out.push(Spanned::new(item.span(), d)),
            None => diags.push(
                Diagnostic::new(
                    Code::BadDate,
                    format!("`{}` is not a date ({key})", item.get_ref()),
                    format!("{}“{}”不是有效日期", names[1], item.get_ref()),
                )
                .key(format!("people.{key}"))
                .help("list real dates as 2026-10-01；2026-11-12 / 请填写真实存在的日期，多个日期用“；”分隔")
                .at(sources, file, item.span()),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_spans_inside_the_cell() {
        let text = "优秀辅导员；十佳, 先进";
        let s = Spanned::new(10..10 + text.len(), text.to_string());
        let items = split_list(&s);
        let got: Vec<_> = items.iter().map(|i| i.get_ref().as_str()).collect();
        assert_eq!(got, ["优秀辅导员", "十佳", "先进"]);
        // each item's span is exactly its text inside the cell
        for i in &items {
            let r = i.span();
            assert_eq!(&text[r.start - 10..r.end - 10], i.get_ref());
        }
    }

    #[test]
    fn headers_name_columns_in_either_language() {
        assert_eq!(match_header(" 工号 ", &[]), Header::Column(0));
        assert_eq!(match_header("ID", &[]), Header::Column(0));
        assert_eq!(match_header("Specialties", &[]), Header::Column(8));
        assert_eq!(match_header("  ", &[]), Header::Skipped);
        assert_eq!(match_header("性别", &[]), Header::Unknown);
        assert_eq!(match_header("性别", xlsx::IGNORED_COLUMNS), Header::Skipped);
        assert_eq!(
            match_header("Phone", xlsx::IGNORED_COLUMNS),
            Header::Skipped
        );
    }
}
