//! Sheets an office keeps by hand (a sign-in sheet, camp scores): CSV or a spreadsheet, one header
//! row with Chinese or English headers, read as a plain table of text cells that remember where
//! they are. A spreadsheet is shown as text the way the roster reader shows it (one line per row,
//! see [`super::roster::xlsx`]), so every problem found in a cell is reported at its sheet, row
//! and column; a CSV cell at its line and column.
//!
//! Rows above the header with a single filled cell (a merged title, `场次编号：S001`) are kept as
//! captions ([`Table::captions`]), in a CSV as in a spreadsheet; [`Table::caption`] finds the
//! value after a label in them. Which headers mean what is the caller's: [`Table::column`] finds a
//! column by any of its names.

use std::io::Cursor;
use std::ops::Range;
use std::path::Path;

use calamine::Reader;

use super::diag::{Code, Diagnostic, Diags};
use super::roster::xlsx::{Grid, display, is_spreadsheet, merged_regions};
use super::source::{FileId, SourceFile, Sources};

/// A cell: its text (trimmed) and where it is in the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Text as shown (dates of a spreadsheet as `2026-10-12`, whole numbers without `.0`).
    pub text: String,
    /// Byte range in the file's text.
    pub span: Range<usize>,
}

/// A row below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Row number as people see it (line of a CSV, row of a sheet).
    pub number: u32,
    /// Cells in header order (missing trailing cells are absent).
    pub cells: Vec<Cell>,
    /// The row's first position, for problems of a whole row.
    pub span: Range<usize>,
}

impl Row {
    /// The non-empty cell in column `col`.
    pub fn get(&self, col: Option<usize>) -> Option<&Cell> {
        col.and_then(|c| self.cells.get(c))
            .filter(|c| !c.text.is_empty())
    }
}

/// A read table.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file (in `sources`) that the spans point into.
    pub file: FileId,
    /// Header cells.
    pub header: Vec<Cell>,
    /// The rows below the header that hold anything.
    pub rows: Vec<Row>,
    /// Captions: the one filled cell of each row above the header (a title, `场次编号：S001`).
    pub captions: Vec<Cell>,
}

impl Table {
    /// The first column whose header is one of `names` (trimmed, ASCII case ignored).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header
            .iter()
            .position(|h| names.iter().any(|n| n.eq_ignore_ascii_case(h.text.trim())))
    }

    /// The value after one of `labels` and a colon (`：` or `:`) in a caption, with the caption:
    /// `场次编号：S001　日期：…` gives `S001` for the label `场次编号`. Longer labels are tried first,
    /// so `编号` does not match inside `场次编号`; the value ends at a blank or a separator.
    pub fn caption(&self, labels: &[&str]) -> Option<(String, &Cell)> {
        let mut labels: Vec<String> = labels.iter().map(|l| l.to_ascii_lowercase()).collect();
        labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        for c in &self.captions {
            // ASCII lowercasing keeps every byte offset, so `lower` indexes `c.text` too
            let lower = c.text.to_ascii_lowercase();
            for l in &labels {
                for (i, _) in lower.match_indices(l.as_str()) {
                    if lower[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    {
                        continue; // inside a longer label (场次编号 for 编号)
                    }
                    let rest = c.text[i + l.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))
                    else {
                        continue;
                    };
                    let value: String = rest
                        .trim_start()
                        .chars()
                        .take_while(|ch| !ch.is_whitespace() && !"，,；;、|".contains(*ch))
                        .collect();
                    if !value.is_empty() {
                        return Some((value, c));
                    }
                }
            }
        }
        None
    }

    /// Where the header row is, for problems of a missing column.
    pub fn header_span(&self) -> Range<usize> {
        match (self.header.first(), self.header.last()) {
            (Some(a), Some(b)) => a.span.start..b.span.end.max(a.span.start + 1),
            _ => 0..0,
        }
    }
}

/// Read a sheet: a spreadsheet (by extension) on its sheet `sheet` or its first sheet, else CSV
/// (UTF-8). `what` names the file in problems (English, Chinese). `None`, with the problem, when
/// the file cannot be read at all or holds no header.
pub fn read(
    sources: &mut Sources,
    diags: &mut Diags,
    path: &Path,
    sheet: Option<&str>,
    what: (&str, &str),
) -> Option<Table> {
    if is_spreadsheet(path) {
        read_book(sources, diags, path, sheet, what)
    } else {
        let file = super::source::read_file(sources, diags, path, what.0, what.1)?;
        read_csv(sources, diags, file, what)
    }
}

fn empty(sources: &Sources, file: FileId, what: (&str, &str)) -> Diagnostic {
    Diagnostic::new(
        Code::Missing,
        format!("the {} is empty", what.0),
        format!("{}为空", what.1),
    )
    .help("the first row holds the headers, one row per line below it / 第一行为标题行，其下每行一条记录")
    .in_file(sources.path(file))
}

fn read_csv(
    sources: &Sources,
    diags: &mut Diags,
    file: FileId,
    what: (&str, &str),
) -> Option<Table> {
    use super::roster::csv::{cell_span, csv_error};
    let text = &sources.get(file).text;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<Cell>> = None;
    let mut rows = Vec::new();
    let mut captions = Vec::new();
    for rec in rdr.byte_records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(sources, file, &e));
                continue;
            }
        };
        if rec.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let line = rec.position().map_or(0, |p| p.line() as u32);
        let cells: Vec<Cell> = rec
            .iter()
            .enumerate()
            .map(|(i, raw)| Cell {
                text: String::from_utf8_lossy(raw).trim().to_string(),
                span: cell_span(&rec, start, i),
            })
            .collect();
        match header {
            // rows above the header with one filled cell are captions, as in a spreadsheet
            None if cells.iter().filter(|c| !c.text.is_empty()).count() == 1 => {
                captions.extend(cells.into_iter().filter(|c| !c.text.is_empty()));
            }
            None => header = Some(cells),
            Some(_) => rows.push(Row {
                number: line,
                cells,
                span: start..start + 1,
            }),
        }
    }
    let Some(header) = header else {
        diags.push(empty(sources, file, what));
        return None;
    };
    Some(Table {
        file,
        header,
        rows,
        captions,
    })
}

fn read_book(
    sources: &mut Sources,
    diags: &mut Diags,
    path: &Path,
    sheet: Option<&str>,
    what: (&str, &str),
) -> Option<Table> {
    let fail = |en: String, zh: String, help: &str| {
        Diagnostic::new(Code::Io, en, zh).help(help).in_file(path)
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(fail(
                format!("cannot read {} `{}`: {e}", what.0, path.display()),
                format!("无法读取{}“{}”", what.1, path.display()),
                "check the path; paths on the command line are relative to the current directory / 请检查路径",
            ));
            return None;
        }
    };
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(fail(
                format!("{} `{}` is not a readable workbook ({e})", what.0, path.display()),
                format!("{}“{}”不是可读取的 Excel 工作簿", what.1, path.display()),
                "open it in Excel/WPS and save it again as .xlsx, or save it as “CSV UTF-8” / 请用 Excel/WPS 重新另存为 .xlsx 或“CSV UTF-8”",
            ));
            return None;
        }
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => match names.iter().find(|n| n.trim() == s.trim()) {
            Some(n) => n.clone(),
            None => {
                diags.push(fail(
                    format!("{} `{}` has no sheet `{s}`", what.0, path.display()),
                    format!("{}“{}”中没有工作表“{s}”", what.1, path.display()),
                    &format!(
                        "use one of its sheets: {} / 请填写已有的工作表名",
                        names.join(", ")
                    ),
                ));
                return None;
            }
        },
        None => names.first()?.clone(),
    };
    let range = match book.worksheet_range(&name) {
        Ok(r) => r,
        Err(e) => {
            diags.push(fail(
                format!("cannot read sheet `{name}` of `{}`: {e}", path.display()),
                format!("无法读取“{}”的工作表“{name}”", path.display()),
                "open it in Excel/WPS and save it again as .xlsx / 请用 Excel/WPS 重新另存为 .xlsx",
            ));
            return None;
        }
    };
    let merged = merged_regions(&mut book, &name);
    let grid = Grid::new(&range, &merged);
    let view = grid.text_view(&name);
    let file = sources.add(SourceFile::with_cells(path, view.text, view.map));
    let row_cells = |r: usize| -> Vec<Cell> {
        (0..grid.width)
            .map(|c| Cell {
                text: display(grid.get(r, c)).trim().to_string(),
                span: view.spans[r][c].clone(),
            })
            .collect()
    };
    // the header: the first row with more than one filled cell (rows above with one are captions)
    let filled = |r: usize| {
        (0..grid.width)
            .filter(|&c| !display(grid.get(r, c)).trim().is_empty())
            .count()
    };
    let Some(h) = (0..grid.cells.len()).find(|&r| filled(r) > 1) else {
        diags.push(empty(sources, file, what));
        return None;
    };
    let header = row_cells(h);
    let captions = (0..h)
        .flat_map(|r| row_cells(r).into_iter().filter(|c| !c.text.is_empty()))
        .collect();
    let rows = (h + 1..grid.cells.len())
        .filter(|&r| !grid.row_is_empty(r))
        .map(|r| Row {
            number: r as u32 + 1,
            cells: row_cells(r),
            span: view.spans[r][0].clone(),
        })
        .collect();
    Some(Table {
        file,
        header,
        rows,
        captions,
    })
}
