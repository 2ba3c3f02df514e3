//! Staff rosters as CSV (UTF-8, optional BOM; Chinese or English headers), with the columns of
//! [`super::ROSTER_COLUMNS`], read by the same header reader ([`super::read_header`]) and date
//! reader ([`super::parse_text_date`]) as a spreadsheet roster: the same columns skipped (序号,
//! 性别, …), the same date forms. Each cell's span points into the CSV text, so every problem
//! carries line and column.

use toml::Spanned;

use super::{
    CellDate, bad_date, empty_cell, month_only_allowed, name_the_person, parse_text_date,
    read_header, split_list,
};
use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::source::{FileId, Sources};
use crate::wire::PersonIn;

/// Read a CSV roster (UTF-8, optional BOM; Chinese or English headers) into person rows.
/// Each cell's span points into the CSV text, so errors carry line and column.
pub fn roster_csv(sources: &Sources, file: FileId, diags: &mut Diags) -> Vec<PersonIn> {
    roster_csv_with(sources, file, diags, &mut Vec::new())
}

/// [`roster_csv`], also collecting into `broken_values` the placeholders it put in place of
/// missing or empty cells (already reported; validation must not report them again).
pub fn roster_csv_with(
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
    broken_values: &mut Vec<String>,
) -> Vec<PersonIn> {
    let text = &sources.get(file).text;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            diags.push(csv_error(sources, file, &e));
            return Vec::new();
        }
        None => {
            diags.push(
                Diagnostic::new(Code::Missing, "the roster is empty", "名单文件为空")
                    .help("the first row holds the headers: 工号,姓名,学院,岗位,入职日期,从事辅导员工作时间,职称,荣誉称号,专业特长")
                    .in_file(sources.path(file)),
            );
            return Vec::new();
        }
    };
    let header_start = header.position().map_or(0, |p| p.byte() as usize);
    let header_cells: Vec<(String, std::ops::Range<usize>)> = header
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            (
                String::from_utf8_lossy(cell).trim().to_string(),
                cell_span(&header, header_start, i),
            )
        })
        .collect();
    let header_line = sources.get(file).line_text(1).len();
    let col_of = read_header(
        &header_cells,
        ("first row", "首行"),
        header_start..header_start + header_line.max(1),
        sources,
        file,
        diags,
    );
    // Placeholder for a hire date that is missing or unreadable (already reported).
    let no_date: toml::value::Datetime = "1900-01-01".parse().expect("valid date literal");
    let mut people = Vec::new();
    for rec in records {
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
        let first_diag = diags.len();
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let cell = |c: usize| -> Option<Spanned<String>> {
            let i = col_of[c]?;
            let raw = rec.get(i)?;
            let s = String::from_utf8_lossy(raw).trim().to_string();
            if s.is_empty() {
                return None;
            }
            Some(Spanned::new(cell_span(&rec, start, i), s))
        };
        let row_span = start..start + 1;
        // A required cell; an empty one is reported (a missing column was reported above) and
        // replaced by `fallback`.
        let req = |c: usize, fallback: &str, diags: &mut Diags| -> Spanned<String> {
            cell(c).unwrap_or_else(|| {
                if let Some(i) = col_of[c] {
                    let span = match rec.get(i) {
                        Some(_) => cell_span(&rec, start, i),
                        None => row_span.clone(),
                    };
                    diags.push(empty_cell(c).at(sources, file, span));
                }
                Spanned::new(row_span.clone(), fallback.to_string())
            })
        };
        let date = |c: usize, diags: &mut Diags| -> Option<Spanned<CellDate>> {
            let s = cell(c)?;
            match parse_text_date(s.get_ref(), month_only_allowed(c)) {
                Some(d) => Some(Spanned::new(s.span(), d)),
                None => {
                    diags.push(bad_date(c, s.get_ref()).at(sources, file, s.span()));
                    None
                }
            }
        };
        let full_date = |c: usize, diags: &mut Diags| -> Option<Spanned<toml::value::Datetime>> {
            date(c, diags).map(|d| Spanned::new(d.span(), d.get_ref().date))
        };
        let list = |c: usize| -> Vec<Spanned<String>> {
            cell(c).map(|s| split_list(&s)).unwrap_or_default()
        };
        let id = req(0, &format!("(line {line})"), diags);
        let name = req(1, id.get_ref(), diags);
        let role = req(3, "", diags);
        if role.get_ref().is_empty() {
            // reported above; keep validation from calling the empty role unknown
            broken_values.push(String::new());
        }
        let hired = match full_date(4, diags) {
            Some(d) => d,
            None => {
                if cell(4).is_none() {
                    let _ = req(4, "", diags);
                }
                Spanned::new(row_span.clone(), no_date)
            }
        };
        let since = date(5, diags);
        name_the_person(diags, first_diag, id.get_ref(), name.get_ref());
        people.push(PersonIn {
            id,
            name,
            college: cell(2),
            role,
            hired,
            counselor_since_month_only: since.as_ref().is_some_and(|d| d.get_ref().month_only),
            counselor_since: since.map(|d| Spanned::new(d.span(), d.get_ref().date)),
            title: cell(6),
            honors: list(7),
            specialties: list(8),
            left: full_date(9, diags),
            unavailable: super::date_list(list(10), 10, sources, file, diags),
            last_external: full_date(11, diags),
        });
    }
    people
}

/// Byte span of field `i` of a record that starts at `start` in the file (exact for unquoted cells).
pub(crate) fn cell_span(rec: &csv::ByteRecord, start: usize, i: usize) -> std::ops::Range<usize> {
    let r = rec.range(i).unwrap_or(0..0);
    // Quoted cells shift by the quote characters; count the quotes before this field.
    let quotes = (0..i)
        .filter_map(|j| rec.get(j))
        .filter(|f| f.contains(&b',') || f.contains(&b'"'))
        .count()
        * 2;
    (start + r.start + i + quotes)..(start + r.end + i + quotes)
}

/// An error of the CSV reader, at its position in the file.
pub(crate) fn csv_error(sources: &Sources, file: FileId, e: &csv::Error) -> Diagnostic {
    let d = Diagnostic::new(
        Code::Syntax,
        format!("CSV error: {e}"),
        "CSV 格式错误".to_string(),
    )
    .help("check quotes and separators in this row / 请检查此行的引号和分隔符");
    match e.position() {
        Some(p) => {
            let b = p.byte() as usize;
            d.at(sources, file, b..b + 1)
        }
        None => d.in_file(sources.path(file)),
    }
}
