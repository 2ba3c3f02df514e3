//! `[calendar]`: which days may hold sessions, the half-day slots, and weekly limits.

use chrono::NaiveTime;

use crate::domain::{CalendarRules, Slot};
use crate::input::diag::Code;
use crate::wire::{self, SStr};

use super::{Cx, index_ids};

/// The calendar rules; slots must be valid times, in order, without overlap.
pub(super) fn calendar_rules(cx: &mut Cx<'_>, c: &wire::CalendarRulesIn) -> CalendarRules {
    let slot_idx = index_ids(
        cx,
        "calendar.slots",
        c.slots.iter().map(|s| (&s.id, vec![])),
    );
    drop(slot_idx);
    let mut time = |v: &SStr, key: &str| -> NaiveTime {
        NaiveTime::parse_from_str(v.get_ref(), "%H:%M").unwrap_or_else(|_| {
            cx.err(
                Code::InvalidValue,
                v.span(),
                key,
                format!("`{}` is not a time", v.get_ref()),
                format!("“{}”不是时间", v.get_ref()),
                "write times as HH:MM, e.g. 08:30 / 时间请写成 08:30".into(),
            );
            NaiveTime::MIN
        })
    };
    let mut slots = Vec::new();
    for s in &c.slots {
        let start = time(&s.start, "calendar.slots.start");
        let end = time(&s.end, "calendar.slots.end");
        slots.push((s, start, end));
    }
    let mut out = Vec::new();
    let mut prev_end: Option<NaiveTime> = None;
    for (s, start, end) in slots {
        if end <= start {
            cx.err(
                Code::EndBeforeStart,
                s.end.span(),
                "calendar.slots.end",
                format!(
                    "slot `{}` ends at {end} before it starts at {start}",
                    s.id.get_ref()
                ),
                format!("时段“{}”结束时间早于开始时间", s.zh),
                "make end later than start / 结束时间应晚于开始时间".into(),
            );
        }
        if prev_end.is_some_and(|p| start < p) {
            cx.err(
                Code::Inconsistent,
                s.start.span(),
                "calendar.slots.start",
                format!(
                    "slot `{}` starts before the previous slot ends",
                    s.id.get_ref()
                ),
                format!("时段“{}”与前一时段重叠", s.zh),
                "list slots in time order without overlap / 请按时间顺序列出且不重叠".into(),
            );
        }
        prev_end = Some(end);
        out.push(Slot {
            id: s.id.get_ref().clone(),
            zh: s.zh.clone(),
            start,
            end,
        });
    }
    if out.is_empty() {
        cx.missing(
            "calendar.slots",
            "calendar.slots is empty".into(),
            "calendar.slots 为空".into(),
            "define at least one half-day slot / 请至少定义一个时段".into(),
        );
    }
    CalendarRules {
        allow_weekends: c.allow_weekends,
        allow_holidays: c.allow_holidays,
        allow_exam_weeks: c.allow_exam_weeks,
        slots: out,
        max_sessions_per_person_per_week: cx.uint(
            &c.max_sessions_per_person_per_week,
            "calendar.max_sessions_per_person_per_week",
            1,
        ),
        camp_window_weeks: cx.uint(&c.camp_window_weeks, "calendar.camp_window_weeks", 1),
        max_sessions_per_speaker: c
            .max_sessions_per_speaker
            .as_ref()
            .map(|v| cx.uint(v, "calendar.max_sessions_per_speaker", 1)),
    }
}
