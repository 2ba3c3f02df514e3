//! The staff roster: CSV ([`csv`]) or a spreadsheet ([`xlsx`]), read with one header matcher.
//!
//! What both readers share lives here, so that a CSV roster accepts exactly what a spreadsheet
//! accepts: the columns and the headers accepted for each ([`ROSTER_COLUMNS`]), the columns both
//! skip ([`IGNORED_COLUMNS`]: 序号, 性别, …), the reading of the header row ([`read_header`]:
//! which cell names which column, unknown and repeated headers, missing columns), the reading of a
//! date written as text ([`parse_text_date`]: `2016-09-01`, `2016/9/1`, `2016年9月1日`,
//! `20160901`, and for 任辅导员时间 also a year and month, `2019.07`) with its one problem
//! ([`bad_date`]), the splitting of list cells ([`split_list`]) and the problems both report in
//! the same words (a missing column, an empty cell). The readers differ only in what a cell is:
//! CSV cells are text; a spreadsheet cell may also be an Excel date or a number
//! ([`xlsx::cell_date`]), and its text goes through the same [`parse_text_date`].

pub mod csv;
pub mod xlsx;

use std::ops::Range;

use toml::Spanned;

use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::source::{FileId, Sources};

/// Columns of a roster and the headers accepted for each (English key first, then Chinese).
pub const ROSTER_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id", "工号", "编号"]),
    ("name", &["name", "姓名"]),
    ("college", &["college", "学院", "所在学院", "单位"]),
    ("role", &["role", "岗位", "角色", "身份"]),
    ("hired", &["hired", "入职日期", "入职时间"]),
    (
        "counselor_since",
        &[
            "counselor_since",
            "从事辅导员工作时间",
            "辅导员工作起始",
            "任辅导员时间",
        ],
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
        &[
            "last_external",
            "最近省级以上培训",
            "最近一次省级以上培训",
            "省级以上培训日期",
        ],
    ),
];

/// Keys of the columns (of [`ROSTER_COLUMNS`]) that every roster must have.
pub const REQUIRED_COLUMNS: &[&str] = &["id", "name", "role", "hired"];

/// Headers of columns that rosters often carry and fudao does not use; both readers skip them.
pub const IGNORED_COLUMNS: &[&str] = &[
    "序号",
    "no",
    "no.",
    "性别",
    "gender",
    "出生日期",
    "出生年月",
    "民族",
    "政治面貌",
    "学历",
    "学位",
    "职务",
    "联系电话",
    "电话",
    "手机",
    "手机号",
    "phone",
    "邮箱",
    "email",
    "备注",
    "note",
    "notes",
];

/// Separators accepted inside a list cell (honors, specialties, dates).
pub const LIST_SEPARATORS: &[char] = &['；', ';', '、', '，', ',', '|'];

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// A roster column: index into [`ROSTER_COLUMNS`].
    Column(usize),
    /// Nothing fudao reads: an empty header, or one of [`IGNORED_COLUMNS`].
    Skipped,
    /// A header fudao does not know (a problem: [`unknown_column`]).
    Unknown,
}

/// Which column a header cell names. The header is trimmed and compared without regard to ASCII
/// case with every name in [`ROSTER_COLUMNS`], then with [`IGNORED_COLUMNS`].
pub fn match_header(header: &str) -> Header {
    let h = header.trim();
    let is = |n: &&str| n.eq_ignore_ascii_case(h);
    match ROSTER_COLUMNS
        .iter()
        .position(|(_, names)| names.iter().any(is))
    {
        Some(k) => Header::Column(k),
        None if h.is_empty() || IGNORED_COLUMNS.iter().any(is) => Header::Skipped,
        None => Header::Unknown,
    }
}

/// Read the header row, the same way for both readers: `cells` are the header cells in order
/// (text, span); `row` names the header row (English, Chinese) and `end` is where a missing
/// column would go. Returns, for each column of [`ROSTER_COLUMNS`], the position of the cell
/// that holds it. An unknown header, a second column of the same kind (the first is read) and a
/// missing required column are reported.
pub fn read_header(
    cells: &[(String, Range<usize>)],
    (row_en, row_zh): (&str, &str),
    end: Range<usize>,
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
) -> Vec<Option<usize>> {
    let mut col_of: Vec<Option<usize>> = vec![None; ROSTER_COLUMNS.len()];
    for (c, (name, span)) in cells.iter().enumerate() {
        let name = name.trim();
        match match_header(name) {
            Header::Column(k) if col_of[k].is_none() => col_of[k] = Some(c),
            Header::Column(k) => {
                let first = crate::input::diag::Cell::column_letters(col_of[k].unwrap_or(0) as u32);
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        format!(
                            "a second `{}` column (`{name}`); column {first} already is one",
                            ROSTER_COLUMNS[k].0
                        ),
                        format!("重复的“{}”列（{first} 列已是该列）", ROSTER_COLUMNS[k].1[1]),
                    )
                    .help("keep one column per item; delete or rename this one / 每项只保留一列，请删除或重命名此列")
                    .at(sources, file, span.clone()),
                );
            }
            Header::Skipped => {}
            Header::Unknown => {
                diags.push(unknown_column(name).at(sources, file, span.clone()));
            }
        }
    }
    // A missing column is reported once, here; the rows are still read (with a placeholder for
    // that column) so that their own problems show up in the same run.
    for (k, (key, _)) in ROSTER_COLUMNS.iter().enumerate() {
        if REQUIRED_COLUMNS.contains(key) && col_of[k].is_none() {
            diags.push(missing_column(k, (row_en, row_zh)).at(sources, file, end.clone()));
        }
    }
    col_of
}

/// The problem for a header that names no column; the help lists the columns and a few of the
/// skipped ones. Without a location (the reader adds it).
pub fn unknown_column(name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownKey,
        format!("unknown roster column `{name}`"),
        format!("未知的名单列“{name}”"),
    )
    .help(format!(
        "use one of: {} (columns such as {} are skipped) / 请使用上述列名之一",
        ROSTER_COLUMNS
            .iter()
            .map(|(k, n)| format!("{k} ({})", n[1]))
            .collect::<Vec<_>>()
            .join(", "),
        IGNORED_COLUMNS[..4].join("、")
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

/// Whether column `k` (of [`ROSTER_COLUMNS`]) may hold only a year and month (任辅导员时间,
/// `2019.07`): rosters often record when counselor work began to the month. Every other date
/// column needs a full date.
pub fn month_only_allowed(k: usize) -> bool {
    ROSTER_COLUMNS[k].0 == "counselor_since"
}

/// A date read from a roster cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellDate {
    /// The date (the 1st of the month when only year and month were written).
    pub date: toml::value::Datetime,
    /// Only year and month were written (`2019.07`, `2019-07`, `2019年7月`); the day was taken
    /// as the 1st.
    pub month_only: bool,
}

/// A date written as text: `2016-09-01`, `2016/9/1`, `2016.9.1`, `2016年9月1日`, `20160901`, each
/// optionally followed by a midnight time (`2016-09-01 00:00:00`, `2016-09-01T00:00:00`); a real
/// calendar date or `None`.
pub fn text_date(s: &str) -> Option<toml::value::Datetime> {
    parse_text_date(s, false).map(|d| d.date)
}

/// [`text_date`], and with `month_ok` also a year and month alone (`2019.07`, `2019-07`,
/// `2019/7`, `2019年7月`), read as the 1st of that month.
pub fn parse_text_date(s: &str, month_ok: bool) -> Option<CellDate> {
    let s = s.trim();
    let date_part = match s.split_once([' ', 'T']) {
        Some((d, t)) if matches!(t.trim(), "00:00" | "00:00:00" | "0:00:00" | "00:00:00.000") => d,
        Some(_) => return None,
        None => s,
    };
    let ymd = |y: i32, m: u32, d: u32| -> Option<toml::value::Datetime> {
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        format!("{y:04}-{m:02}-{d:02}").parse().ok()
    };
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        // 20160901
        let n: u32 = date_part.parse().ok()?;
        return Some(CellDate {
            date: ymd((n / 10_000) as i32, n / 100 % 100, n % 100)?,
            month_only: false,
        });
    }
    let trimmed = date_part
        .strip_suffix('日')
        .or_else(|| date_part.strip_suffix('号'))
        .or_else(|| {
            // 2019年7月: year and month only
            date_part.strip_suffix('月').filter(|_| month_ok)
        })
        .unwrap_or(date_part);
    let norm: String = trimmed
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '-' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = norm.split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4)
        || parts[0].len() != 4
        || parts[1..].iter().any(|p| p.len() > 2)
    {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1..].first()?.parse().ok()?;
    match parts.len() {
        3 => Some(CellDate {
            date: ymd(y, m, parts[2].parse().ok()?)?,
            month_only: false,
        }),
        2 if month_ok => Some(CellDate {
            date: ymd(y, m, 1)?,
            month_only: true,
        }),
        _ => None,
    }
}

/// The problem for a date cell of column `k` that holds `shown`, which is not a date; the help
/// says which forms are read (with year and month for a column that takes them).
pub fn bad_date(k: usize, shown: &str) -> Diagnostic {
    let (key, names) = ROSTER_COLUMNS[k];
    let (month_en, month_zh) = if month_only_allowed(k) {
        (
            "; year and month alone (2016.09, 2016-09, 2016年9月) count from the 1st",
            "；也可只写年月（2016.09、2016-09、2016年9月），按 1 日计",
        )
    } else {
        ("", "")
    };
    Diagnostic::new(
        Code::BadDate,
        format!("`{shown}` is not a date ({key})"),
        format!("{}“{shown}”不是有效日期", names[1]),
    )
    .key(format!("people.{key}"))
    .help(format!("write a real calendar date as 2016-09-01, 2016/9/1, 2016年9月1日 or 20160901{month_en} (in Excel, a date cell also works) / 请填写真实存在的日期，例如 2016-09-01、2016/9/1、2016年9月1日、20160901{month_zh}（Excel 中也可设为日期格式）"))
}

/// The dates of a list cell (`unavailable`); each item that is not a date is reported.
pub fn date_list(
    items: Vec<Spanned<String>>,
    k: usize,
    sources: &Sources,
    file: FileId,
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
    fn year_and_month_only_where_allowed() {
        let d =
            |s: &str, m: bool| parse_text_date(s, m).map(|d| (d.date.to_string(), d.month_only));
        for s in ["2019.07", "2019-07", "2019/7", "2019年7月", "2019.7"] {
            assert_eq!(d(s, true), Some(("2019-07-01".into(), true)), "{s}");
            assert_eq!(d(s, false), None, "{s}");
        }
        assert_eq!(d("2019年7月3日", true), Some(("2019-07-03".into(), false)));
        assert_eq!(d("2019.13", true), None);
        assert_eq!(d("2019", true), None);
        assert_eq!(d("20251015", false), Some(("2025-10-15".into(), false)));
        assert_eq!(d("20251315", false), None);
        assert_eq!(
            d("2025年10月15日", false),
            Some(("2025-10-15".into(), false))
        );
    }

    #[test]
    fn headers_name_columns_in_either_language() {
        assert_eq!(match_header(" 工号 "), Header::Column(0));
        assert_eq!(match_header("ID"), Header::Column(0));
        assert_eq!(match_header("Specialties"), Header::Column(8));
        assert_eq!(match_header("任辅导员时间"), Header::Column(5));
        assert_eq!(match_header("  "), Header::Skipped);
        assert_eq!(match_header("性别"), Header::Skipped);
        assert_eq!(match_header("Phone"), Header::Skipped);
        assert_eq!(match_header("籍贯"), Header::Unknown);
    }
}
