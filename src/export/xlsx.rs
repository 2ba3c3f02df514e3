//! The plan as an Excel workbook (rust_xlsxwriter): one sheet per table of [`super::tables`] —
//! 日程 sessions, 出勤 attendance, 工作室 studios, 联合培训 clusters, 经费 budget, 覆盖 coverage —
//! each with a bold header row that stays frozen while scrolling, an autofilter, column widths,
//! print setup (A4 landscape, fit to one page wide, the header row repeated, a title and page
//! numbers),
//! dates as real Excel dates (`yyyy-mm-dd`), times as times (`hh:mm`) and money with two decimals.
//!
//! The bytes are deterministic: rust_xlsxwriter stamps every zip entry with a fixed time, and the
//! workbook's creation date (the only clock it would read) is set to midnight China Standard Time
//! at the start of the semester.

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::tables::{Table, Value};
use super::{ExportError, Names};

pub(super) fn err(e: XlsxError) -> ExportError {
    ExportError(format!("Excel workbook: {e}"))
}

/// Text for an Excel header: `&` doubled (it starts a control code there), at most 200 characters.
fn xl_header_text(s: &str) -> String {
    s.replace('&', "&&").chars().take(200).collect()
}

/// The fixed creation time of every workbook fudao writes: midnight China Standard Time at the
/// semester's start ([`Names::stamp`]), in UTC (CST is UTC+8, no daylight saving).
pub(super) fn created(n: &Names) -> Result<ExcelDateTime, ExportError> {
    let created = n.stamp() - chrono::Duration::hours(8);
    ExcelDateTime::from_ymd(
        u16::try_from(created.year()).map_err(|e| ExportError(format!("year: {e}")))?,
        created.month() as u8,
        created.day() as u8,
    )
    .and_then(|d| d.and_hms(created.hour() as u16, created.minute() as u8, 0))
    .map_err(err)
}

/// The workbook's bytes.
pub fn workbook(n: &Names, tables: &[Table]) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let created = created(n)?;
    let sc = &n.inputs.scenario;
    let props = DocProperties::new()
        .set_title(format!("{} — {}", sc.name, sc.semester.name))
        .set_subject(n.t("学工队伍培训学期计划", "counselor-training semester plan"))
        .set_author("fudao")
        .set_comment(format!("scenario {}", sc.id))
        .set_creation_datetime(&created);
    wb.set_properties(&props);

    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F_4E_79))
        .set_font_color(Color::White)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin);
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("hh:mm");
    let money = Format::new().set_num_format("#,##0.00");
    let hours = Format::new().set_num_format("0.0");
    let int = Format::new().set_num_format("0");

    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(&t.sheet).map_err(err)?;
        ws.set_row_height(0, 30).map_err(err)?;
        for (c, col) in t.columns.iter().enumerate() {
            let c = c as u16;
            ws.set_column_width(c, col.width).map_err(err)?;
            ws.write_string_with_format(0, c, &col.header, &header)
                .map_err(err)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(s) => ws.write_string_with_format(r, c, s, &plain),
                    Value::Int(i) => ws.write_number_with_format(r, c, *i as f64, &int),
                    Value::Num(x) => ws.write_number_with_format(r, c, *x, &hours),
                    Value::Money(x) => {
                        ws.write_number_with_format(r, c, crate::wire::money(*x), &money)
                    }
                    Value::Date(d) => ws.write_datetime_with_format(r, c, d, &date),
                    Value::Time(t) => ws.write_datetime_with_format(r, c, t, &time),
                    Value::Empty => continue,
                }
                .map_err(err)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        // print as a document: A4 landscape, one page wide, the header row on every page, a title
        // and page numbers
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_print_center_horizontally(true)
            .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
            .set_header(format!(
                "&C&\"-,Bold\"{}",
                xl_header_text(&format!("{} {} · {}", sc.name, sc.semester.name, t.sheet))
            ))
            .set_footer(n.t("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
        ws.set_repeat_rows(0, 0).map_err(err)?;
        if !t.columns.is_empty() {
            ws.autofilter(0, 0, t.rows.len() as u32, t.columns.len() as u16 - 1)
                .map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}
