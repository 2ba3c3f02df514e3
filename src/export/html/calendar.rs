//! The semester calendar: weeks × weekdays, every session as a card (studio sessions sharing a
//! slot grouped), and the sessions outside the grid.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::{esc, platform_legend};
use crate::domain::calendar::{Calendar, DayStatus, day_status};
use crate::export::{Lang, Names};
use crate::wire::SessionOut;

/// The full one-line description of a session (tooltips).
fn session_title(n: &Names, s: &SessionOut) -> String {
    format!(
        "{} {} {} · {} · {} · {} · {} {}",
        s.id,
        s.date,
        n.time_range(s),
        n.kind(&s.kind),
        n.duty(s.duty.as_deref()),
        audience_with_count(n, s),
        n.location(s),
        n.speaker_with_standing(s)
    )
}

/// `全体辅导员（112人）`.
fn audience_with_count(n: &Names, s: &SessionOut) -> String {
    match n.lang {
        Lang::Zh => format!("{}（{}人）", n.audience(s), s.attendees.len()),
        Lang::En => format!("{} ({})", n.audience(s), s.attendees.len()),
    }
}

/// One session as a card: time and id, kind, duty, audience, place.
fn event(n: &Names, s: &SessionOut, o: &mut String) {
    let _ = write!(
        o,
        "<div class=\"ev p-{}\" id=\"{}\" title=\"{}\"><div class=\"h\"><span>{}</span><span class=\"id\">{}</span></div>\
         <div class=\"k\">{}</div><div class=\"d\">{}</div><div class=\"a\">{}{}{}</div><div class=\"v\">{}{}{}</div>{}</div>",
        esc(&s.platform),
        esc(&s.id),
        esc(&session_title(n, s)),
        esc(&n.time_range(s)),
        esc(&s.id),
        esc(&n.kind(&s.kind)),
        esc(&n.duty(s.duty.as_deref())),
        esc(n.t("对象", "for")),
        n.colon(),
        esc(&audience_with_count(n, s)),
        esc(n.t("地点", "at")),
        n.colon(),
        esc(&n.location(s)),
        speaker_line(n, s),
    );
}

/// `主讲：王明（省级·…）` (or the host of a visit, the course online); empty without one.
fn speaker_line(n: &Names, s: &SessionOut) -> String {
    let who = n.speaker_with_standing(s);
    if who.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"s\">{}{}{}</div>",
        esc(n.speaker_role(s)),
        n.colon(),
        esc(&who)
    )
}

/// Studio sessions held at the same time (one per studio, after the monthly meeting) as one card
/// with a line pair per session: duty and audience (the studio), and place.
fn studio_group(n: &Names, group: &[&SessionOut], o: &mut String) {
    let Some(first) = group.first() else {
        return;
    };
    let _ = write!(
        o,
        "<div class=\"ev p-{}\"><div class=\"h\"><span>{}</span><span class=\"id\">{}</span></div><div class=\"k\">{}</div>",
        esc(&first.platform),
        esc(&n.time_range(first)),
        esc(&match n.lang {
            Lang::Zh => format!("{} 场", group.len()),
            Lang::En => format!("{} sessions", group.len()),
        }),
        esc(&n.kind(&first.kind)),
    );
    for s in group {
        let _ = write!(
            o,
            "<div class=\"sub\" id=\"{}\" title=\"{}\"><div class=\"h\"><span class=\"d\">{}</span><span class=\"id\">{}</span></div><div class=\"v\">{} · <span class=\"a\">{}</span></div></div>",
            esc(&s.id),
            esc(&session_title(n, s)),
            esc(&n.duty(s.duty.as_deref())),
            esc(&s.id),
            esc(&n.location(s)),
            esc(&match n.lang {
                Lang::Zh => format!("本工作室 {} 人", s.attendees.len()),
                Lang::En => format!("its {} members", s.attendees.len()),
            }),
        );
    }
    o.push_str("</div>");
}

/// A day's sessions: studio sessions sharing kind and slot are grouped, the rest one card each.
fn day_sessions(n: &Names, sessions: &[&SessionOut], o: &mut String) {
    let mut i = 0;
    while i < sessions.len() {
        let s = sessions[i];
        let mut j = i + 1;
        if s.platform == "studio" {
            while j < sessions.len()
                && sessions[j].platform == "studio"
                && sessions[j].kind == s.kind
                && sessions[j].slots == s.slots
            {
                j += 1;
            }
        }
        if j - i > 1 {
            studio_group(n, &sessions[i..j], o);
        } else {
            event(n, s, o);
        }
        i = j;
    }
}

pub(super) fn calendar(n: &Names, o: &mut String) {
    let sc = &n.inputs.scenario;
    let cal = Calendar::new(&sc.semester, &n.inputs.rules.calendar);
    let slot_order = |s: &SessionOut| {
        n.inputs
            .rules
            .calendar
            .slots
            .iter()
            .position(|x| x.id == s.slot)
            .unwrap_or(usize::MAX)
    };
    let mut by_day: BTreeMap<NaiveDate, Vec<&SessionOut>> = BTreeMap::new();
    let mut undated = Vec::new();
    for s in &n.plan.sessions {
        match n.date(s) {
            Some(d) => by_day.entry(d).or_default().push(s),
            None => undated.push(s),
        }
    }
    for v in by_day.values_mut() {
        v.sort_by_key(|s| (slot_order(s), s.id.clone()));
    }
    let _ = write!(
        o,
        "<section id=\"calendar\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t("校历日程（周次 × 星期）", "Semester calendar (weeks × weekdays)")),
        esc(n.t(
            "每场培训：时间、编号、类型、职责、对象、地点。颜色表示平台；粉色为法定节假日，斜纹为考试周。",
            "Each session: time, id, kind, duty, audience, place. Colour shows the platform; pink days are public holidays, hatched days exam weeks."
        )),
    );
    platform_legend(n, o);
    let _ = write!(
        o,
        "<table class=\"cal\"><colgroup><col class=\"wk\">{}</colgroup><thead><tr><th>{}</th>",
        "<col class=\"wd\">".repeat(5) + &"<col class=\"we\">".repeat(2),
        esc(n.t("周次", "week"))
    );
    let monday = cal.first_monday;
    for i in 0..7 {
        let d = monday + chrono::Days::new(i);
        let _ = write!(o, "<th>{}</th>", esc(n.weekday(d)));
    }
    o.push_str("</tr></thead><tbody>\n");
    let mut week_start = monday;
    let mut week = 0;
    while week_start <= sc.semester.end {
        let sunday = week_start + chrono::Days::new(6);
        let busy = (0..7).any(|i| by_day.contains_key(&(week_start + chrono::Days::new(i))));
        let _ = write!(
            o,
            "<tr{}><td class=\"wk\">{}<small>{}–{}</small></td>",
            if busy { "" } else { " class=\"none\"" },
            esc(&match n.lang {
                Lang::Zh => format!("第{}周", week + 1),
                Lang::En => format!("Week {}", week + 1),
            }),
            week_start.format("%m/%d"),
            sunday.format("%m/%d"),
        );
        for i in 0..7 {
            let d = week_start + chrono::Days::new(i);
            let status = day_status(&sc.semester, d);
            let (class, tag) = match &status {
                DayStatus::Holiday(h) => ("hol", h.clone()),
                DayStatus::ExamWeek(e) => ("exam", e.clone()),
                DayStatus::MakeupWorkday => ("mk", n.t("调休上班", "make-up workday").to_string()),
                DayStatus::Weekend => ("wkend", String::new()),
                DayStatus::OutsideSemester => ("out", String::new()),
                DayStatus::Workday => ("", String::new()),
            };
            let none = if by_day.contains_key(&d) { "" } else { " none" };
            let _ = write!(
                o,
                "<td class=\"{class}{none}\"><span class=\"dn\">{}/{}<span class=\"wdn\"> {}</span></span>",
                d.month(),
                d.day(),
                esc(n.weekday(d)),
            );
            if !tag.is_empty() {
                let _ = write!(o, "<span class=\"tag\">{}</span>", esc(&tag));
            }
            day_sessions(n, by_day.get(&d).map_or(&[][..], Vec::as_slice), o);
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
        week_start = week_start + chrono::Days::new(7);
        week += 1;
    }
    o.push_str("</tbody></table>\n");
    // Sessions outside the grid (dates before the first week or unreadable): listed, never lost.
    let outside: Vec<&SessionOut> = by_day
        .iter()
        .filter(|(d, _)| **d < monday || **d > sc.semester.end + chrono::Days::new(6))
        .flat_map(|(_, v)| v.iter().copied())
        .chain(undated)
        .collect();
    if !outside.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3>",
            esc(n.t("学期之外的日程", "Sessions outside the semester"))
        );
        for s in outside {
            event(n, s, o);
        }
    }
    o.push_str("</section>\n");
}
