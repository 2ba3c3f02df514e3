//! A sign-in sheet (签到表) per session, as a workbook `signin/<session id>.xlsx` and as a
//! printable page `signin/<session id>.html`: the session's name, 场次编号, time and place above a
//! table 序号 · 工号 · 姓名 · 学院 · 签到 · 备注 that lists the plan's attendees in plan order, then
//! blank numbered rows for walk-ins (at least [`MIN_BLANK`], or a tenth of the attendees).
//!
//! The workbook is what `fudao record attendance` reads back as it is, once 签到 is filled in
//! (√, or the person's own name): the rows above the table are captions, one filled cell each, and
//! the caption `场次编号：S001` names the session for every row (see
//! `crate::records::import::attendance`); the blank walk-in rows are skipped. Print setup: A4
//! portrait, one page wide, the table's header row repeated on every page, the session in the page
//! header and the page number in the footer. Its bytes are deterministic (the creation time is
//! fixed as in [`super::xlsx`]). The page repeats its header row too (`thead`) and every piece of
//! data goes through [`esc`].

use std::fmt::Write as _;

use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook};

use super::escape::esc;
use super::notice::{head, place, session_name, when};
use super::xlsx::{created, err};
use super::{ExportError, Lang, Names, OutFile, file_safe};
use crate::wire::SessionOut;

/// Blank rows for walk-ins, at least.
pub const MIN_BLANK: usize = 10;

/// How many blank rows a sheet gets: [`MIN_BLANK`] or a tenth of the attendees, rounded up.
pub fn blank_rows(attendees: usize) -> usize {
    MIN_BLANK.max(attendees.div_ceil(10))
}

/// The column headers (the importer's words: 工号, 姓名, 签到 / id, name, present).
fn columns(n: &Names) -> [&'static str; 6] {
    match n.lang {
        Lang::Zh => ["序号", "工号", "姓名", "学院", "签到", "备注"],
        Lang::En => ["No.", "ID", "Name", "College", "Present", "Note"],
    }
}

/// The sheet's title: `“校园危机事件应对”素质能力提升专题培训签到表`.
pub fn title(n: &Names, s: &SessionOut) -> String {
    match n.lang {
        Lang::Zh => format!("{}签到表", session_name(n, s)),
        Lang::En => format!("Sign-in sheet — {}", session_name(n, s)),
    }
}

/// The caption naming the session, read back by the importer: `场次编号：S001`.
pub fn session_caption(n: &Names, s: &SessionOut) -> String {
    format!("{}{}{}", n.t("场次编号", "Session"), n.colon(), s.id)
}

/// The caption with time and place.
fn where_when(n: &Names, s: &SessionOut) -> String {
    format!(
        "{}{}{}　{}{}{}",
        n.t("时间", "Time"),
        n.colon(),
        when(n, s),
        n.t("地点", "Place"),
        n.colon(),
        place(n, s)
    )
}

/// The filled rows: (工号, 姓名, 学院) per attendee, in plan order.
fn rows(n: &Names, s: &SessionOut) -> Vec<(String, String, String)> {
    s.attendees
        .iter()
        .map(|a| (a.clone(), n.person(a), n.person_college(a)))
        .collect()
}

/// The page.
pub fn html(n: &Names, s: &SessionOut) -> String {
    let t = title(n, s);
    let mut o = head(n, &t);
    let _ = writeln!(o, "<h1>{}</h1>", esc(&t));
    let expected = match n.lang {
        Lang::Zh => format!("应到 {} 人　实到＿＿＿人", s.attendees.len()),
        Lang::En => format!("expected {}, present ____", s.attendees.len()),
    };
    let _ = writeln!(
        o,
        "<p class=\"meta\">{}<br>{}<br>{}{}{}　{}</p>",
        esc(&session_caption(n, s)),
        esc(&where_when(n, s)),
        n.t("参加对象", "Participants"),
        n.colon(),
        esc(&n.audience(s)),
        esc(&expected)
    );
    o.push_str("<table>\n<thead><tr>");
    for (i, c) in columns(n).iter().enumerate() {
        let class = if i == 0 { " class=\"num\"" } else { "" };
        let _ = write!(o, "<th{class}>{}</th>", esc(c));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    let filled = rows(n, s);
    for (i, (id, name, college)) in filled.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td></td><td></td></tr>",
            i + 1,
            esc(id),
            esc(name),
            esc(college)
        );
    }
    for i in 0..blank_rows(filled.len()) {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td class=\"blank\"></td><td></td><td></td><td></td><td></td></tr>",
            filled.len() + i + 1
        );
    }
    o.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    o
}

/// Text for an Excel page header or footer: `&` doubled.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// The workbook.
pub fn workbook(n: &Names, s: &SessionOut) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let t = title(n, s);
    let sc = &n.inputs.scenario;
    let props = DocProperties::new()
        .set_title(&t)
        .set_subject(format!("{} — {}", sc.name, sc.semester.name))
        .set_author("fudao")
        .set_comment(format!("scenario {} session {}", sc.id, s.id))
        .set_creation_datetime(&created(n)?);
    wb.set_properties(&props);

    let title_f = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let caption = Format::new()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let num = Format::new()
        .set_num_format("0")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);

    let ws = wb.add_worksheet();
    ws.set_name(n.t("签到表", "Sign-in")).map_err(err)?;
    let cols = columns(n);
    let last = cols.len() as u16 - 1;
    for (c, w) in [6.0, 12.0, 12.0, 30.0, 16.0, 14.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    ws.set_row_height(0, 36).map_err(err)?;
    ws.merge_range(0, 0, 0, last, &t, &title_f).map_err(err)?;
    ws.merge_range(1, 0, 1, last, &session_caption(n, s), &caption)
        .map_err(err)?;
    ws.set_row_height(2, 34).map_err(err)?;
    ws.merge_range(2, 0, 2, last, &where_when(n, s), &caption)
        .map_err(err)?;
    let h = 3u32;
    ws.set_row_height(h, 22).map_err(err)?;
    for (c, name) in cols.iter().enumerate() {
        ws.write_string_with_format(h, c as u16, *name, &header)
            .map_err(err)?;
    }
    let filled = rows(n, s);
    let total = filled.len() + blank_rows(filled.len());
    for i in 0..total {
        let r = h + 1 + i as u32;
        ws.set_row_height(r, 24).map_err(err)?;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &num)
            .map_err(err)?;
        let (id, name, college) = filled.get(i).map_or(("", "", ""), |(a, b, c)| {
            (a.as_str(), b.as_str(), c.as_str())
        });
        for (c, v) in [id, name, college, "", ""].iter().enumerate() {
            if v.is_empty() {
                ws.write_blank(r, c as u16 + 1, &cell).map_err(err)?;
            } else {
                ws.write_string_with_format(r, c as u16 + 1, *v, &cell)
                    .map_err(err)?;
            }
        }
    }
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
    ws.set_repeat_rows(h, h).map_err(err)?;
    ws.set_header(format!("&C{}", header_text(&t)));
    ws.set_footer(match n.lang {
        Lang::Zh => "&C第 &P 页，共 &N 页".to_string(),
        Lang::En => "&CPage &P of &N".to_string(),
    });
    wb.save_to_buffer().map_err(err)
}

/// Every sheet, both formats, as files under `signin/`.
pub fn all(n: &Names) -> Result<Vec<OutFile>, ExportError> {
    let mut out = Vec::with_capacity(2 * n.plan.sessions.len());
    for s in &n.plan.sessions {
        let f = file_safe(&s.id);
        out.push(OutFile {
            path: format!("signin/{f}.xlsx"),
            bytes: workbook(n, s)?,
        });
        out.push(OutFile::text(format!("signin/{f}.html"), html(n, s)));
    }
    Ok(out)
}
