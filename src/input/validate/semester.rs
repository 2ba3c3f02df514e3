//! `[semester]`: the semester's dates, holidays, exam weeks and make-up workdays; and the check
//! that other dates of the scenario lie inside the semester.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::domain::{DateRange, Semester};
use crate::input::diag::Code;
use crate::wire::{self, SDate};

use super::Cx;

/// The semester; `None` when its start or end is not a valid date or they are out of order.
pub(super) fn semester(cx: &mut Cx<'_>, s: &wire::SemesterIn) -> Option<Semester> {
    let start = cx.date(&s.start, "semester.start");
    let end = cx.date(&s.end, "semester.end");
    let (start, end) = (start?, end?);
    if end < start {
        cx.err(
            Code::EndBeforeStart,
            s.end.span(),
            "semester.end",
            format!("the semester ends on {end}, before it starts on {start}"),
            format!("学期结束日期 {end} 早于开始日期 {start}"),
            "swap start and end, or correct the year / 请交换开始与结束日期或更正年份".into(),
        );
        return None;
    }
    let holidays: Vec<DateRange> = s
        .holidays
        .iter()
        .filter_map(|r| range(cx, r, "semester.holidays", start, end))
        .collect();
    let exam_weeks: Vec<DateRange> = s
        .exam_weeks
        .iter()
        .filter_map(|r| range(cx, r, "semester.exam_weeks", start, end))
        .collect();
    let mut makeup = Vec::new();
    for v in &s.makeup_workdays {
        let Some(d) = cx.date(v, "semester.makeup_workdays") else {
            continue;
        };
        if d < start || d > end {
            cx.err(
                Code::BadDate,
                v.span(),
                "semester.makeup_workdays",
                format!("{d} is outside the semester ({start} to {end})"),
                format!("{d} 不在本学期内（{start} 至 {end}）"),
                "remove it or correct the date / 请删除或更正日期".into(),
            );
            continue;
        }
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            cx.err(
                Code::BadDate,
                v.span(),
                "semester.makeup_workdays",
                format!("{d} is a {}, not a weekend day; a make-up workday (调休上班) is a Saturday or Sunday", d.format("%A")),
                format!("{d} 是{}，不是周末；调休上班日应为周六或周日", WEEKDAY_ZH[d.weekday().num_days_from_monday() as usize]),
                "remove it, or use the Saturday/Sunday that the State Council's holiday table for the year names as a workday / 请删除，或按国务院当年节假日安排填写调休上班的周六或周日".into(),
            );
            continue;
        }
        makeup.push(d);
    }
    makeup.sort_unstable();
    makeup.dedup();
    Some(Semester {
        name: s.name.clone(),
        start,
        end,
        holidays,
        makeup_workdays: makeup,
        exam_weeks,
    })
}

/// A named date range inside the semester (`start` to `end`); a range out of order or outside the
/// semester is reported at its dates and gives `None`.
pub(super) fn range(
    cx: &mut Cx<'_>,
    r: &wire::RangeIn,
    key: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<DateRange> {
    let a = cx.date(&r.start, &format!("{key}.start"))?;
    let b = cx.date(&r.end, &format!("{key}.end"))?;
    if b < a {
        cx.err(
            Code::EndBeforeStart,
            r.end.span(),
            &format!("{key}.end"),
            format!("range ends on {b}, before it starts on {a}"),
            format!("结束日期 {b} 早于开始日期 {a}"),
            "make end the same as or later than start / 结束日期不能早于开始日期".into(),
        );
        return None;
    }
    if b < start || a > end {
        cx.err(
            Code::BadDate,
            r.start.span(),
            &format!("{key}.start"),
            format!("{a} to {b} lies outside the semester ({start} to {end})"),
            format!("{a} 至 {b} 不在本学期内（{start} 至 {end}）"),
            "remove it or correct the dates / 请删除或更正日期".into(),
        );
        return None;
    }
    Some(DateRange {
        name: r.name.clone().unwrap_or_default(),
        start: a,
        end: b,
    })
}

/// Chinese weekday names, Monday first.
const WEEKDAY_ZH: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

/// `d`, unless it lies outside the semester: then report it (at `v`) and give `None`. Without a
/// semester every date is accepted.
pub(super) fn in_semester(
    cx: &mut Cx<'_>,
    semester: Option<&Semester>,
    d: Option<NaiveDate>,
    v: &SDate,
    key: &str,
) -> Option<NaiveDate> {
    if let (Some(d), Some(s)) = (d, semester)
        && (d < s.start || d > s.end)
    {
        cx.err(
            Code::BadDate,
            v.span(),
            key,
            format!("{d} is outside the semester ({} to {})", s.start, s.end),
            format!("{d} 不在本学期内（{} 至 {}）", s.start, s.end),
            "use a date inside [semester] start..end, or move the semester / 请使用学期内的日期"
                .into(),
        );
        return None;
    }
    d
}
