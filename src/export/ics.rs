//! Calendar files (iCalendar, RFC 5545) for phones and desktop calendars: one per group
//! (`group-<group id>.ics`) and one per person (`person-<person id>.ics`).
//!
//! **Which sessions.** A group's file holds the sessions whose `audience` names that group (the
//! school-level sessions for whole groups: monthly meetings, lectures, special training, online
//! courses, the camp). Studio sessions (`studio:<duty>`) and college/cluster sessions
//! (`unit:<id>`) are not for a whole group, so they are only in the files of the people who attend
//! them. A person's file holds exactly the sessions that list the person among `attendees`.
//!
//! **Times.** Events are written in China Standard Time as local wall-clock times with
//! `DTSTART;TZID=Asia/Shanghai:20260901T083000`, and the file carries a `VTIMEZONE` for
//! `Asia/Shanghai` (UTC+8, no daylight saving). The times are the rules' slot times
//! (`calendar.slots`: the first slot's start to the last slot's end). Why this form rather than UTC:
//! Apple Calendar, Google Calendar, Outlook and Android calendars all know the IANA id
//! `Asia/Shanghai` and place the event at 08:30 Beijing time whatever the phone's own zone; the
//! `VTIMEZONE` (required by RFC 5545 for every `TZID` used) covers the clients that do not look the
//! id up, such as older Outlook; and a person reading the file sees the planned 08:30, not 00:30Z.
//!
//! **Format.** CRLF line ends; lines folded at 75 octets counting UTF-8 bytes, never inside a
//! character; `\`, `;`, `,` and line breaks escaped in text; a stable `UID` (`<session id>-<scenario
//! id>@fudao`, the same in every file that holds the session, so importing a group's and a
//! person's file does not duplicate it); `DTSTAMP` fixed at midnight CST of the semester's first
//! day, so files are byte-identical run to run.
//!
//! **Re-plans** ([`calendars_replan`]). A session keeps its id, so its event keeps its `UID`;
//! `SEQUENCE` is the number of re-plans that changed it (`sessions[].sequence`) and `DTSTAMP`
//! midnight CST of the re-plan's day, so a calendar that imported the published file takes the
//! moved event as an update of the same event (RFC 5545 §3.8.7.4: a higher `SEQUENCE` wins). A
//! published session no longer held — and, in a person's file, one the person no longer
//! attends — is written with its `UID`, the next `SEQUENCE` and `STATUS:CANCELLED`, so
//! re-importing leaves exactly the new plan; `ics/cancelled.ics` holds the same cancellations
//! with `METHOD:CANCEL` (RFC 5546 §3.2.5) for the clients that expect one.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Lang, Names, file_safe};
use crate::wire::SessionOut;

/// The time zone id used in every file.
pub const TZID: &str = "Asia/Shanghai";

/// Escape a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, a fold is CRLF
/// followed by one space, and a multi-byte character is never split. Ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for ch in line.chars() {
        let w = ch.len_utf8();
        if used + w > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(ch);
        used += w;
    }
    out.push_str("\r\n");
    out
}

/// A calendar being written.
struct Cal {
    out: String,
}

impl Cal {
    fn line(&mut self, s: &str) {
        self.out.push_str(&fold(s));
    }
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

/// `YYYYMMDDTHHMMSS`.
fn local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `DTSTAMP` value: midnight CST of `day`, in UTC.
fn stamp_of(day: chrono::NaiveDateTime) -> String {
    (day - chrono::Duration::hours(8))
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// One calendar file's text (`PUBLISH`; `cancelled`: published events withdrawn).
fn calendar(n: &Names, name: &str, sessions: &[&SessionOut]) -> String {
    let stamp = stamp_of(n.stamp());
    calendar_with(n, name, sessions, &[], &stamp, "PUBLISH")
}

fn calendar_with(
    n: &Names,
    name: &str,
    sessions: &[&SessionOut],
    cancelled: &[&SessionOut],
    stamp: &str,
    method: &str,
) -> String {
    let sc = &n.inputs.scenario;
    let mut c = Cal { out: String::new() };
    c.line("BEGIN:VCALENDAR");
    c.line("VERSION:2.0");
    c.line(&format!(
        "PRODID:-//fudao//fudao {}//{}",
        env!("CARGO_PKG_VERSION"),
        match n.lang {
            Lang::Zh => "ZH",
            Lang::En => "EN",
        }
    ));
    c.line("CALSCALE:GREGORIAN");
    c.line(&format!("METHOD:{method}"));
    c.text("X-WR-CALNAME", name);
    c.line(&format!("X-WR-TIMEZONE:{TZID}"));
    c.line("BEGIN:VTIMEZONE");
    c.line(&format!("TZID:{TZID}"));
    c.line(&format!("X-LIC-LOCATION:{TZID}"));
    c.line("BEGIN:STANDARD");
    c.line("TZOFFSETFROM:+0800");
    c.line("TZOFFSETTO:+0800");
    c.line("TZNAME:CST");
    c.line("DTSTART:19700101T000000");
    c.line("END:STANDARD");
    c.line("END:VTIMEZONE");
    let all = sessions
        .iter()
        .map(|s| (*s, false))
        .chain(cancelled.iter().map(|s| (*s, true)));
    for (s, gone) in all {
        c.line("BEGIN:VEVENT");
        c.text("UID", &format!("{}-{}@fudao", s.id, sc.id));
        c.line(&format!("DTSTAMP:{stamp}"));
        match n.times(s) {
            Some((a, b)) => {
                c.line(&format!("DTSTART;TZID={TZID}:{}", local(a)));
                c.line(&format!("DTEND;TZID={TZID}:{}", local(b)));
            }
            None => {
                // No slot times (cannot happen for a checked plan): an all-day event.
                let d = s.date.replace('-', "");
                c.line(&format!("DTSTART;VALUE=DATE:{d}"));
            }
        }
        c.text("SUMMARY", &summary(n, s));
        c.text("LOCATION", &n.location(s));
        c.text("DESCRIPTION", &description(n, s));
        c.text("CATEGORIES", &n.platform(&s.platform));
        if gone {
            c.line("STATUS:CANCELLED");
            c.line("TRANSP:TRANSPARENT");
            c.line(&format!("SEQUENCE:{}", s.sequence + 1));
        } else {
            c.line("STATUS:CONFIRMED");
            c.line("TRANSP:OPAQUE");
            c.line(&format!("SEQUENCE:{}", s.sequence));
        }
        c.line("END:VEVENT");
    }
    c.line("END:VCALENDAR");
    c.out
}

/// The event title: kind and duty, e.g. `素质能力提升主题讲堂·心理健康教育与咨询工作`.
pub fn summary(n: &Names, s: &SessionOut) -> String {
    match &s.duty {
        Some(d) => format!("{}{}{}", n.kind(&s.kind), n.t("·", " · "), n.duty(Some(d))),
        None => n.kind(&s.kind),
    }
}

/// The event description: duty, audience, speaker (or host, course), segments, hours, headcount.
pub fn description(n: &Names, s: &SessionOut) -> String {
    let mut out = String::new();
    let sep = n.t("：", ": ");
    let _ = writeln!(
        out,
        "{}{sep}{}",
        n.t("职责", "Duty"),
        n.duty(s.duty.as_deref())
    );
    let _ = writeln!(out, "{}{sep}{}", n.t("对象", "Audience"), n.audience(s));
    let speaker = n.speaker(s);
    if !speaker.is_empty() {
        let _ = writeln!(out, "{}{sep}{speaker}", n.speaker_role(s));
    }
    if !s.segments.is_empty() {
        let _ = writeln!(
            out,
            "{}{sep}{}",
            n.t("环节", "Segments"),
            s.segments.join(n.t("；", "; "))
        );
    }
    let _ = writeln!(out, "{}{sep}{}", n.t("学时", "Hours"), s.hours);
    let _ = writeln!(
        out,
        "{}{sep}{}",
        n.t("人数", "Attendees"),
        s.attendees.len()
    );
    let _ = write!(
        out,
        "{}{sep}{} · {}",
        n.t("编号", "Session"),
        s.id,
        n.level(&s.level)
    );
    out
}

/// The sessions in a group's file: those whose audience names the group.
pub fn group_sessions<'p>(n: &Names<'p>, group: &str) -> Vec<&'p SessionOut> {
    n.plan
        .sessions
        .iter()
        .filter(|s| s.audience.iter().any(|a| a == group))
        .collect()
}

/// Every calendar: `(file name, text)`, groups in rules order, then people in plan order. Ids are
/// made safe for file names ([`file_safe`]); should two ids give the same name, the later gets a
/// `-2`, `-3` … suffix.
pub fn calendars(n: &Names) -> Vec<(String, String)> {
    let sc = &n.inputs.scenario;
    let mut used = BTreeSet::new();
    let mut unique = |stem: String| {
        let mut name = format!("{stem}.ics");
        let mut k = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}-{k}.ics");
            k += 1;
        }
        name
    };
    let mut out = Vec::new();
    for g in &n.inputs.rules.groups {
        let title = match n.lang {
            Lang::Zh => format!("{}·{}培训日程", sc.semester.name, g.zh),
            Lang::En => format!("{} · {} training", sc.semester.name, g.en),
        };
        let text = calendar(n, &title, &group_sessions(n, &g.id));
        out.push((unique(format!("group-{}", file_safe(&g.id))), text));
    }
    for p in &n.plan.people {
        let title = match n.lang {
            Lang::Zh => format!("{}的培训日程（{}）", p.name, sc.semester.name),
            Lang::En => format!("{} — training ({})", p.name, sc.semester.name),
        };
        let text = calendar(n, &title, n.sessions_of(&p.id));
        out.push((unique(format!("person-{}", file_safe(&p.id))), text));
    }
    out
}

/// Every calendar of a re-plan of `published` (module docs), then `cancelled.ics`.
pub fn calendars_replan(
    n: &Names,
    published: &crate::wire::PlanFile,
    today: chrono::NaiveDate,
) -> Vec<(String, String)> {
    let sc = &n.inputs.scenario;
    let stamp = stamp_of(today.and_hms_opt(0, 0, 0).unwrap_or_default());
    let now: std::collections::BTreeMap<&str, &SessionOut> =
        n.plan.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    let gone: Vec<&SessionOut> = published
        .sessions
        .iter()
        .filter(|s| !now.contains_key(s.id.as_str()))
        .collect();
    let mut used = BTreeSet::new();
    let mut unique = |stem: String| {
        let mut name = format!("{stem}.ics");
        let mut k = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}-{k}.ics");
            k += 1;
        }
        name
    };
    let mut out = Vec::new();
    for g in &n.inputs.rules.groups {
        let title = match n.lang {
            Lang::Zh => format!("{}·{}培训日程", sc.semester.name, g.zh),
            Lang::En => format!("{} · {} training", sc.semester.name, g.en),
        };
        let cancelled: Vec<&SessionOut> = gone
            .iter()
            .copied()
            .filter(|s| s.audience.iter().any(|a| a == &g.id))
            .collect();
        let text = calendar_with(
            n,
            &title,
            &group_sessions(n, &g.id),
            &cancelled,
            &stamp,
            "PUBLISH",
        );
        out.push((unique(format!("group-{}", file_safe(&g.id))), text));
    }
    for p in &n.plan.people {
        let title = match n.lang {
            Lang::Zh => format!("{}的培训日程（{}）", p.name, sc.semester.name),
            Lang::En => format!("{} — training ({})", p.name, sc.semester.name),
        };
        // published sessions of the person's that are gone, or that they no longer attend
        let cancelled: Vec<&SessionOut> = published
            .sessions
            .iter()
            .filter(|s| s.attendees.iter().any(|a| a == &p.id))
            .filter(|s| {
                now.get(s.id.as_str())
                    .is_none_or(|x| !x.attendees.iter().any(|a| a == &p.id))
            })
            .collect();
        let text = calendar_with(
            n,
            &title,
            n.sessions_of(&p.id),
            &cancelled,
            &stamp,
            "PUBLISH",
        );
        out.push((unique(format!("person-{}", file_safe(&p.id))), text));
    }
    let title = match n.lang {
        Lang::Zh => format!("{}·取消的培训", sc.semester.name),
        Lang::En => format!("{} · cancelled sessions", sc.semester.name),
    };
    out.push((
        unique("cancelled".into()),
        calendar_with(n, &title, &[], &gone, &stamp, "CANCEL"),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("x\r\ny"), "x\\ny");
        assert_eq!(escape_text("中文，全角；不转义"), "中文，全角；不转义");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "心理健康教育与咨询工作".repeat(5));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 1);
        for (i, p) in physical.iter().enumerate() {
            assert!(p.len() <= 75, "line {i} has {} octets", p.len());
            if i > 0 {
                assert!(p.starts_with(' '));
            }
        }
        // unfolding gives the line back
        let unfolded: String = physical
            .iter()
            .enumerate()
            .map(|(i, p)| if i == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(unfolded, line);
        // a short line is left alone
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        // exactly 75 octets: no fold
        let l75 = "X".repeat(75);
        assert_eq!(fold(&l75), format!("{l75}\r\n"));
    }
}
