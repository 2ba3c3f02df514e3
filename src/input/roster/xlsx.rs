//! Staff rosters straight from a spreadsheet (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`; read with
//! calamine), with the same columns and header names as the CSV roster
//! ([`super::ROSTER_COLUMNS`]: 工号/id, 姓名/name, 学院/college, …), matched by the same
//! [`super::match_header`].
//!
//! The sheet is turned into the same wire rows ([`PersonIn`]) as a CSV roster, so validation is
//! shared. To keep every problem pointing at a cell, the sheet is also shown as text, one row per
//! line (line *n* is sheet row *n*, cells separated by ` | `), and each cell's byte range in that
//! text is recorded ([`crate::input::source::CellMap`]): a span found by validation (unknown college,
//! duplicate id, unknown title …) turns back into `staff.xlsx 工作表 Sheet1 第 12 行 C 列 /
//! sheet Sheet1, row 12, column C`, and the row's values are shown under it.
//!
//! What a hand-made sheet may hold, beyond the CSV rules:
//! - dates as Excel date cells, as date serial numbers, as the number `20160901`, or as text
//!   (read as in a CSV roster, [`super::parse_text_date`]); for 任辅导员时间 also the number
//!   `2019.07` (year and month);
//! - ids typed as numbers (`20160001`, not `20160001.0`);
//! - title rows above the header (a row with a single filled cell, e.g. a merged caption);
//! - merged cells (a 学院 cell merged down over its staff counts for every row it spans; `.xlsx`
//!   and `.xls`);
//! - columns that are common in rosters but not used by fudao ([`IGNORED_COLUMNS`], e.g. 序号,
//!   性别, 联系电话, 备注) are skipped, as in a CSV roster; any other unknown header is a problem.

use std::io::Cursor;
use std::ops::Range;
use std::path::Path;

use calamine::{Data, Reader, Sheets};
use toml::Spanned;

use super::{
    CellDate, Header, ROSTER_COLUMNS, bad_date, empty_cell, match_header, month_only_allowed,
    name_the_person, parse_text_date, read_header, split_list,
};
use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::source::{CellMap, FileId, SourceFile, Sources};
use crate::wire::{PersonIn, SStr};

/// File extensions read as spreadsheets (case-insensitive); every other roster is CSV.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

pub use super::IGNORED_COLUMNS;

/// Header rows are looked for in the first rows of the sheet only.
const HEADER_SEARCH_ROWS: usize = 10;

/// Whether a roster path names a spreadsheet (by extension).
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A read roster: the text view of the sheet (in `sources`) and its rows.
pub struct SheetRoster {
    /// The sheet's text view, where the rows' spans point.
    pub file: FileId,
    /// One wire row per person.
    pub people: Vec<PersonIn>,
}

/// Where the roster file is named, for problems of the whole file (cannot read, no such sheet).
pub struct NamedAt {
    /// The scenario file.
    pub file: FileId,
    /// Span of `roster = "..."`.
    pub roster: Range<usize>,
    /// Span of `roster_sheet = "..."`, when given.
    pub sheet: Option<Range<usize>>,
}

/// Read a roster sheet: `sheet` by name, or the first sheet. Every problem goes to `diags` with
/// its sheet, row and column; `broken_values` collects placeholders put in place of missing cells
/// (already reported; validation must not report them again). `None` when the workbook or the
/// sheet cannot be read at all.
pub fn read(
    sources: &mut Sources,
    diags: &mut Diags,
    path: &Path,
    sheet: Option<&SStr>,
    named_at: Option<&NamedAt>,
    broken_values: &mut Vec<String>,
) -> Option<SheetRoster> {
    let place = |d: Diagnostic, sources: &Sources, span: Option<Range<usize>>| match named_at {
        Some(n) => d.at(sources, n.file, span.unwrap_or_else(|| n.roster.clone())),
        None => d.in_file(path),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::new(
                Code::Io,
                format!("cannot read roster `{}`: {e}", path.display()),
                format!("无法读取人员名单“{}”", path.display()),
            )
            .help("check the path; paths inside a scenario are relative to the scenario file / 请检查路径（场景文件中的路径相对于场景文件所在目录）");
            diags.push(place(d, sources, None));
            return None;
        }
    };
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::new(
                Code::Io,
                format!("roster `{}` is not a readable workbook ({e})", path.display()),
                format!("人员名单“{}”不是可读取的 Excel 工作簿", path.display()),
            )
            .help("open it in Excel/WPS and save it again as .xlsx, or save the sheet as “CSV UTF-8” and name the .csv file / 请用 Excel/WPS 重新另存为 .xlsx，或另存为“CSV UTF-8”后在场景中改用 .csv 文件");
            diags.push(place(d, sources, None));
            return None;
        }
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => match names.iter().find(|n| n.trim() == s.get_ref().trim()) {
            Some(n) => n.clone(),
            None => {
                let d = Diagnostic::new(
                    Code::UnknownRef,
                    format!("roster `{}` has no sheet `{}`", path.display(), s.get_ref()),
                    format!("人员名单“{}”中没有工作表“{}”", path.display(), s.get_ref()),
                )
                .key("meta.roster_sheet")
                .help(format!(
                    "use one of its sheets: {} / 请填写已有的工作表名",
                    names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                diags.push(place(d, sources, named_at.and_then(|n| n.sheet.clone())));
                return None;
            }
        },
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                let d = Diagnostic::new(
                    Code::Missing,
                    format!("roster `{}` has no sheets", path.display()),
                    format!("人员名单“{}”中没有工作表", path.display()),
                )
                .help("put the roster on the first sheet / 请把名单放在第一个工作表中");
                diags.push(place(d, sources, None));
                return None;
            }
        },
    };
    let range = match book.worksheet_range(&name) {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::new(
                Code::Io,
                format!("cannot read sheet `{name}` of `{}`: {e}", path.display()),
                format!("无法读取“{}”的工作表“{name}”", path.display()),
            )
            .help(
                "open it in Excel/WPS and save it again as .xlsx / 请用 Excel/WPS 重新另存为 .xlsx",
            );
            diags.push(place(d, sources, None));
            return None;
        }
    };
    let merged = merged_regions(&mut book, &name);
    let grid = Grid::new(&range, &merged);
    let view = grid.text_view(&name);
    let file = sources.add(SourceFile::with_cells(path, view.text, view.map));
    let people = rows(sources, file, diags, &grid, &view.spans, broken_values);
    Some(SheetRoster { file, people })
}

/// Merged regions of a sheet (0-based, absolute), where the format records them.
pub(crate) fn merged_regions(
    book: &mut Sheets<Cursor<Vec<u8>>>,
    sheet: &str,
) -> Vec<calamine::Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xls(x) => {
            #[allow(deprecated)]
            let m = x.worksheet_merge_cells(sheet);
            m.unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The sheet as a dense grid of values, rows and columns absolute (row 0 is sheet row 1, column 0
/// is `A`), merged cells filled from their top-left cell.
pub(crate) struct Grid {
    pub(crate) cells: Vec<Vec<Data>>,
    pub(crate) width: usize,
}

impl Grid {
    pub(crate) fn new(range: &calamine::Range<Data>, merged: &[calamine::Dimensions]) -> Self {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (r0, c0) = (r0 as usize, c0 as usize);
        let mut cells: Vec<Vec<Data>> = vec![Vec::new(); r0];
        let mut width = 0;
        for row in range.rows() {
            let mut line = vec![Data::Empty; c0];
            line.extend(row.iter().cloned());
            while matches!(line.last(), Some(Data::Empty)) {
                line.pop();
            }
            width = width.max(line.len());
            cells.push(line);
        }
        let mut g = Self { cells, width };
        // Only merges down one column (a 学院 cell spanning its staff's rows) are filled; a merge
        // across columns is a caption, read once.
        for m in merged.iter().filter(|m| m.start.1 == m.end.1) {
            let (sr, sc) = (m.start.0 as usize, m.start.1 as usize);
            let v = g.get(sr, sc).clone();
            if matches!(v, Data::Empty) {
                continue;
            }
            for r in sr + 1..=(m.end.0 as usize).min(g.cells.len().saturating_sub(1)) {
                let line = &mut g.cells[r];
                if line.len() <= sc {
                    line.resize(sc + 1, Data::Empty);
                }
                line[sc] = v.clone();
            }
        }
        g
    }

    pub(crate) fn get(&self, r: usize, c: usize) -> &Data {
        self.cells
            .get(r)
            .and_then(|l| l.get(c))
            .unwrap_or(&Data::Empty)
    }

    pub(crate) fn row_is_empty(&self, r: usize) -> bool {
        (0..self.width).all(|c| display(self.get(r, c)).trim().is_empty())
    }

    /// The text view: one line per row; `spans[r][c]` is cell (r, c)'s byte range in the text.
    /// Each row gets one more (empty) cell past the widest row, where a missing column would go.
    pub(crate) fn text_view(&self, sheet: &str) -> TextView {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(self.cells.len());
        let mut cells = Vec::new();
        for r in 0..self.cells.len() {
            let mut row_spans = Vec::with_capacity(self.width + 1);
            for c in 0..=self.width {
                if c > 0 {
                    text.push_str(" | ");
                }
                let shown: String = display(self.get(r, c))
                    .chars()
                    .map(|ch| if ch.is_control() { ' ' } else { ch })
                    .collect();
                let start = text.len();
                text.push_str(&shown);
                let span = start..text.len();
                cells.push((span.clone(), r as u32 + 1, c as u32));
                row_spans.push(span);
            }
            text.push('\n');
            spans.push(row_spans);
        }
        TextView {
            text,
            spans,
            map: CellMap {
                sheet: sheet.to_string(),
                cells,
            },
        }
    }
}

pub(crate) struct TextView {
    pub(crate) text: String,
    pub(crate) spans: Vec<Vec<Range<usize>>>,
    pub(crate) map: CellMap,
}

/// A cell's value as a person would read it: whole numbers without `.0`, dates as `2016-09-01`.
pub(crate) fn display(v: &Data) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if dt.is_datetime() && (hh, mm, ss) == (0, 0, 0) && dt.as_f64() >= 1.0 {
                format!("{y:04}-{m:02}-{d:02}")
            } else if dt.is_datetime() && dt.as_f64() >= 1.0 {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            } else {
                number(dt.as_f64())
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A full date from a cell: an Excel date, a serial number, `20160901`, or text.
pub(crate) fn cell_date(v: &Data) -> Option<toml::value::Datetime> {
    read_cell_date(v, false).map(|d| d.date)
}

/// A date from a cell: an Excel date, a serial number, `20160901`, or text
/// ([`parse_text_date`]); with `month_ok` also a year and month alone, as text (`2019.07`) or
/// as a number with two decimals (`2019.07` typed into a number cell; `2019.1` is ambiguous —
/// January or October — and not read).
pub(crate) fn read_cell_date(v: &Data, month_ok: bool) -> Option<CellDate> {
    let full = |y: i32, m: u32, d: u32| -> Option<CellDate> {
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        Some(CellDate {
            date: format!("{y:04}-{m:02}-{d:02}").parse().ok()?,
            month_only: false,
        })
    };
    match v {
        Data::DateTime(dt) if dt.is_datetime() && dt.as_f64() >= 1.0 => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            full(i32::from(y), u32::from(m), u32::from(d))
        }
        Data::Int(_) | Data::Float(_) => {
            let f = match v {
                Data::Int(i) => *i as f64,
                Data::Float(f) => *f,
                _ => return None,
            };
            if f.fract() != 0.0 {
                // 2019.07 typed into a number cell: as text, with exactly two decimals
                let shown = number(f);
                return match shown.split_once('.') {
                    Some((_, m)) if month_ok && m.len() == 2 => parse_text_date(&shown, true),
                    _ => None,
                };
            }
            if (19_000_101.0..=21_001_231.0).contains(&f) {
                // 20160901 typed as a number
                let n = f as i64;
                full(
                    (n / 10_000) as i32,
                    (n / 100 % 100) as u32,
                    (n % 100) as u32,
                )
            } else if (10_000.0..=2_958_465.0).contains(&f) {
                // an Excel date serial (1927 … 9999) in a cell formatted as a number
                let dt =
                    calamine::ExcelDateTime::new(f, calamine::ExcelDateTimeType::DateTime, false);
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                full(i32::from(y), u32::from(m), u32::from(d))
            } else {
                None
            }
        }
        Data::String(s) | Data::DateTimeIso(s) => parse_text_date(s, month_ok),
        _ => None,
    }
}

/// One data row being read: its cells, where they are, and the problems found so far.
struct Row<'a> {
    sources: &'a Sources,
    file: FileId,
    grid: &'a Grid,
    spans: &'a [Vec<Range<usize>>],
    col_of: &'a [Option<usize>],
    /// 0-based grid row.
    r: usize,
}

impl Row<'_> {
    fn span(&self, c: usize) -> Range<usize> {
        cell_span(self.spans, self.r, c)
    }

    /// The value and span of column `k` (of [`ROSTER_COLUMNS`]), when the sheet has that column.
    fn value(&self, k: usize) -> Option<(&Data, Range<usize>)> {
        let c = self.col_of[k]?;
        Some((self.grid.get(self.r, c), self.span(c)))
    }

    /// The cell's text; `None` when empty. An Excel error value (`#N/A`) is reported and counts
    /// as empty.
    fn text(&self, k: usize, diags: &mut Diags) -> Option<Spanned<String>> {
        let (v, sp) = self.value(k)?;
        if let Data::Error(e) = v {
            let (key, names) = ROSTER_COLUMNS[k];
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("the `{key}` cell holds the Excel error #{e:?}"),
                    format!("“{}”单元格是 Excel 错误值 #{e:?}", names[1]),
                )
                .key(format!("people.{key}"))
                .help("replace the formula with the value itself / 请把公式改为直接填写的值")
                .at(self.sources, self.file, sp),
            );
            return None;
        }
        let s = display(v).trim().to_string();
        (!s.is_empty()).then(|| Spanned::new(sp, s))
    }

    /// A required cell; an empty one is reported (a missing column was reported with the header)
    /// and replaced by `fallback`.
    fn required(&self, k: usize, fallback: &str, diags: &mut Diags) -> Spanned<String> {
        if let Some(t) = self.text(k, diags) {
            return t;
        }
        if let Some((v, sp)) = self.value(k)
            && !matches!(v, Data::Error(_))
        {
            diags.push(empty_cell(k).at(self.sources, self.file, sp));
        }
        Spanned::new(self.span(0), fallback.to_string())
    }

    /// A date cell; a required one that is empty is reported as empty, one that is not a date as
    /// a bad date.
    fn date(&self, k: usize, required: bool, diags: &mut Diags) -> Option<Spanned<CellDate>> {
        let (v, sp) = self.value(k)?;
        if matches!(v, Data::Error(_)) || display(v).trim().is_empty() {
            if required || matches!(v, Data::Error(_)) {
                let _ = self.required(k, "", diags);
            }
            return None;
        }
        if let Some(d) = read_cell_date(v, month_only_allowed(k)) {
            return Some(Spanned::new(sp, d));
        }
        diags.push(bad_date(k, &display(v)).at(self.sources, self.file, sp));
        None
    }

    /// A date cell that must hold a full date.
    fn full_date(
        &self,
        k: usize,
        required: bool,
        diags: &mut Diags,
    ) -> Option<Spanned<toml::value::Datetime>> {
        self.date(k, required, diags)
            .map(|d| Spanned::new(d.span(), d.get_ref().date))
    }

    fn list(&self, k: usize, diags: &mut Diags) -> Vec<Spanned<String>> {
        self.text(k, diags)
            .map(|s| split_list(&s))
            .unwrap_or_default()
    }
}

/// Cell (r, c)'s span in the text view (a column past the row's end maps to the row's last,
/// empty cell).
fn cell_span(spans: &[Vec<Range<usize>>], r: usize, c: usize) -> Range<usize> {
    spans
        .get(r)
        .and_then(|l| l.get(c.min(l.len().saturating_sub(1))))
        .cloned()
        .unwrap_or(0..0)
}

/// Non-empty cells of a row, as text.
fn filled(grid: &Grid, r: usize) -> Vec<String> {
    (0..grid.width)
        .map(|c| display(grid.get(r, c)).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The header row: the first row naming a known column; rows above it with a single filled cell
/// are captions (e.g. a merged title “2026年学工队伍名单”). `None` when the sheet is empty.
fn header_row(grid: &Grid) -> Option<usize> {
    let first = (0..grid.cells.len()).find(|&r| !grid.row_is_empty(r))?;
    for r in first..grid.cells.len().min(first + HEADER_SEARCH_ROWS) {
        let cells = filled(grid, r);
        if cells
            .iter()
            .any(|c| matches!(match_header(c), Header::Column(_)))
        {
            return Some(r);
        }
        if cells.len() > 1 {
            break;
        }
    }
    Some(first)
}

/// The rows of a sheet into wire rows, with every problem at its cell.
fn rows(
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
    grid: &Grid,
    spans: &[Vec<Range<usize>>],
    broken_values: &mut Vec<String>,
) -> Vec<PersonIn> {
    let Some(header) = header_row(grid) else {
        diags.push(
            Diagnostic::new(Code::Missing, "the roster sheet is empty", "名单工作表为空")
                .help("the first row holds the headers: 工号 姓名 学院 岗位 入职日期 从事辅导员工作时间 职称 荣誉称号 专业特长 / 第一行为标题行")
                .in_file(sources.path(file)),
        );
        return Vec::new();
    };
    let header_cells: Vec<(String, Range<usize>)> = (0..grid.width)
        .map(|c| {
            (
                display(grid.get(header, c)).trim().to_string(),
                cell_span(spans, header, c),
            )
        })
        .collect();
    // A missing column is reported at the first free cell of the header row (where it would go).
    let col_of = read_header(
        &header_cells,
        ("header row", "标题行"),
        cell_span(spans, header, grid.width),
        sources,
        file,
        diags,
    );

    let no_date: toml::value::Datetime = "1900-01-01".parse().expect("valid date literal");
    let mut people = Vec::new();
    for r in header + 1..grid.cells.len() {
        if grid.row_is_empty(r) {
            continue;
        }
        let first_diag = diags.len();
        let row = Row {
            sources,
            file,
            grid,
            spans,
            col_of: &col_of,
            r,
        };
        let id = row.required(0, &format!("(row {})", r + 1), diags);
        let name = row.required(1, id.get_ref(), diags);
        let role = row.required(3, "", diags);
        if role.get_ref().is_empty() {
            // reported above; keep validation from calling the empty role unknown
            broken_values.push(String::new());
        }
        let hired = row
            .full_date(4, true, diags)
            .unwrap_or_else(|| Spanned::new(row.span(0), no_date));
        let since = row.date(5, false, diags);
        let college = row.text(2, diags);
        let title = row.text(6, diags);
        let honors = row.list(7, diags);
        let specialties = row.list(8, diags);
        let left = row.full_date(9, false, diags);
        let unavailable = match row.value(10) {
            Some((v, sp)) if cell_date(v).is_some() => cell_date(v)
                .map(|d| Spanned::new(sp, d))
                .into_iter()
                .collect(),
            _ => super::date_list(row.list(10, diags), 10, sources, file, diags),
        };
        let last_external = row.full_date(11, false, diags);
        name_the_person(diags, first_diag, id.get_ref(), name.get_ref());
        people.push(PersonIn {
            id,
            name,
            college,
            role,
            hired,
            counselor_since_month_only: since.as_ref().is_some_and(|d| d.get_ref().month_only),
            counselor_since: since.map(|d| Spanned::new(d.span(), d.get_ref().date)),
            title,
            honors,
            specialties,
            left,
            unavailable,
            last_external,
        });
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_dates() {
        let d = |s: &str| super::super::text_date(s).map(|d| d.to_string());
        assert_eq!(d("2016-09-01").as_deref(), Some("2016-09-01"));
        assert_eq!(d("2016/9/1").as_deref(), Some("2016-09-01"));
        assert_eq!(d("2016.9.1").as_deref(), Some("2016-09-01"));
        assert_eq!(d("2016年9月1日").as_deref(), Some("2016-09-01"));
        assert_eq!(d("2016-09-01 00:00:00").as_deref(), Some("2016-09-01"));
        assert_eq!(d("2016-09-01 12:00:00"), None);
        assert_eq!(d("2016-02-30"), None);
        assert_eq!(d("16-9-1"), None);
        assert_eq!(d("去年九月"), None);
    }

    #[test]
    fn number_dates() {
        let d = |v: Data| cell_date(&v).map(|d| d.to_string());
        assert_eq!(d(Data::Int(20160901)), Some("2016-09-01".into()));
        // Excel serial 42614 is 2016-09-01
        assert_eq!(d(Data::Float(42614.0)), Some("2016-09-01".into()));
        assert_eq!(d(Data::Int(2016)), None);
        assert_eq!(d(Data::Int(20161301)), None);
        assert_eq!(d(Data::String("2016/2/30".into())), None);
        let m = |v: Data| read_cell_date(&v, true).map(|d| (d.date.to_string(), d.month_only));
        assert_eq!(m(Data::Float(2019.07)), Some(("2019-07-01".into(), true)));
        assert_eq!(m(Data::Float(2019.12)), Some(("2019-12-01".into(), true)));
        // 2019.1 in a number cell: January or October? not read
        assert_eq!(m(Data::Float(2019.1)), None);
        assert_eq!(d(Data::Float(2019.07)), None);
    }

    #[test]
    fn whole_numbers_show_without_fraction() {
        assert_eq!(display(&Data::Float(20160001.0)), "20160001");
        assert_eq!(display(&Data::Float(1.5)), "1.5");
    }
}
