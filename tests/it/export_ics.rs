//! The calendar files of the bundled plan: strict RFC 5545 form (CRLF, folding at 75 octets
//! without splitting a character, balanced components), parsed with a real iCalendar parser (the
//! `icalendar` crate), and holding exactly the plan's sessions with the right times, titles and
//! places. Expected values are computed here from the inputs and plan.json, not by the exporter.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use fudao::export::{Lang, Names, ics};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

use crate::support::export::bundled;

/// Every calendar of the bundled plan, in Chinese.
fn calendars() -> Vec<(String, String)> {
    let (inputs, plan) = bundled();
    ics::calendars(&Names::new(inputs, plan, Lang::Zh))
}

/// Strict checks the lenient parser does not make; returns the unfolded content lines.
fn strict_lines(name: &str, text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"), "{name}: ends with CRLF");
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(
                i > 0 && bytes[i - 1] == b'\r',
                "{name}: bare LF at byte {i}"
            );
        }
        if *b == b'\r' {
            assert_eq!(
                bytes.get(i + 1),
                Some(&b'\n'),
                "{name}: bare CR at byte {i}"
            );
        }
    }
    let physical: Vec<&[u8]> = bytes[..bytes.len() - 2]
        .split(|b| *b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for (i, p) in physical.iter().enumerate() {
        assert!(
            p.len() <= 75,
            "{name}: physical line {} has {} octets",
            i + 1,
            p.len()
        );
        // each physical line is valid UTF-8 on its own: no character split by a fold
        let s = std::str::from_utf8(p)
            .unwrap_or_else(|e| panic!("{name}: line {} splits a character: {e}", i + 1));
        match s.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .unwrap_or_else(|| panic!("{name}: starts with a continuation"))
                .push_str(rest),
            None => {
                assert!(!s.starts_with('\t'), "{name}: folds use one space");
                lines.push(s.to_string());
            }
        }
    }
    let mut stack = Vec::new();
    for l in &lines {
        let (head, _) = l
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: content line without `:`: {l}"));
        assert!(
            head.chars().next().is_some_and(|c| c.is_ascii_alphabetic()),
            "{name}: property name: {l}"
        );
        if let Some(c) = l.strip_prefix("BEGIN:") {
            stack.push(c.to_string());
        } else if let Some(c) = l.strip_prefix("END:") {
            assert_eq!(
                stack.pop().as_deref(),
                Some(c),
                "{name}: unbalanced END:{c}"
            );
        }
    }
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    lines
}

/// One parsed event.
struct Ev {
    uid: String,
    start: Option<DatePerhapsTime>,
    end: Option<DatePerhapsTime>,
    summary: String,
    location: String,
    description: String,
    stamp: Option<String>,
}

/// Parse with the `icalendar` crate's parser.
fn parse(name: &str, text: &str) -> Vec<Ev> {
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    let has_tz = parsed.components.iter().any(|c| {
        c.name == "VTIMEZONE"
            && c.find_prop("TZID")
                .is_some_and(|p| p.val == "Asia/Shanghai")
    });
    assert!(has_tz, "{name}: VTIMEZONE Asia/Shanghai");
    let cal: icalendar::Calendar = parsed.into();
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(Ev {
                uid: e.get_uid().unwrap_or_default().to_string(),
                start: e.get_start(),
                end: e.get_end(),
                summary: e.get_summary().unwrap_or_default().to_string(),
                location: e.get_location().unwrap_or_default().to_string(),
                description: e.get_description().unwrap_or_default().to_string(),
                stamp: e.property_value("DTSTAMP").map(str::to_string),
            }),
            _ => None,
        })
        .collect()
}

fn uid(s: &fudao::wire::SessionOut) -> String {
    format!("{}-{}@fudao", s.id, bundled().0.scenario.id)
}

fn in_shanghai(d: &Option<DatePerhapsTime>) -> NaiveDateTime {
    match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            assert_eq!(tzid, "Asia/Shanghai");
            *date_time
        }
        other => panic!("expected a local time in Asia/Shanghai, got {other:?}"),
    }
}

#[test]
fn every_file_is_strict_rfc5545_and_parses() {
    let cals = calendars();
    let (inputs, plan) = bundled();
    assert_eq!(
        cals.len(),
        inputs.rules.groups.len() + plan.people.len(),
        "one file per group and per person"
    );
    for (name, text) in &cals {
        let lines = strict_lines(name, text);
        assert!(lines.iter().any(|l| l == "VERSION:2.0"), "{name}");
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")), "{name}");
        let events = parse(name, text);
        let begins = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(events.len(), begins, "{name}: the parser saw every event");
    }
    // some lines really are folded, so folding is exercised
    assert!(cals.iter().any(|(_, t)| t.contains("\r\n ")));
}

#[test]
fn group_files_hold_exactly_the_sessions_for_that_group() {
    let (inputs, plan) = bundled();
    let cals = calendars();
    for g in &inputs.rules.groups {
        let name = format!("group-{}.ics", g.id);
        let text = &cals
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} written"))
            .1;
        let got: BTreeSet<String> = parse(&name, text).into_iter().map(|e| e.uid).collect();
        let want: BTreeSet<String> = plan
            .sessions
            .iter()
            .filter(|s| s.audience.contains(&g.id))
            .map(uid)
            .collect();
        assert!(
            !want.is_empty(),
            "{name}: the bundled plan has sessions for {}",
            g.id
        );
        assert_eq!(got, want, "{name}");
        assert!(!got.iter().any(|u| {
            plan.sessions
                .iter()
                .any(|s| uid(s) == *u && s.audience.iter().any(|a| a.contains(':')))
        }));
    }
}

#[test]
fn person_files_hold_exactly_the_sessions_they_attend() {
    let (_, plan) = bundled();
    let cals = calendars();
    let mut seen = BTreeSet::new();
    for p in &plan.people {
        let name = format!("person-{}.ics", p.id);
        let text = &cals
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} written"))
            .1;
        let got: Vec<String> = parse(&name, text).into_iter().map(|e| e.uid).collect();
        let want: Vec<String> = plan
            .sessions
            .iter()
            .filter(|s| s.attendees.contains(&p.id))
            .map(uid)
            .collect();
        assert_eq!(
            got, want,
            "{name}: same sessions, in plan order, no duplicates"
        );
        seen.extend(got);
    }
    // every session with attendees is in someone's calendar
    let all: BTreeSet<String> = plan
        .sessions
        .iter()
        .filter(|s| !s.attendees.is_empty())
        .map(uid)
        .collect();
    assert_eq!(seen, all);
}

#[test]
fn events_carry_times_titles_places_and_descriptions() {
    let (inputs, plan) = bundled();
    let r = &inputs.rules;
    let sc = &inputs.scenario;
    let cals = calendars();
    let stamp = format!(
        "{}T160000Z",
        (sc.semester.start - chrono::Days::new(1)).format("%Y%m%d")
    );
    let mut checked = 0;
    for s in &plan.sessions {
        let Some(person) = s.attendees.first() else {
            continue;
        };
        let name = format!("person-{person}.ics");
        let text = &cals.iter().find(|(n, _)| *n == name).expect("file").1;
        let ev = parse(&name, text)
            .into_iter()
            .find(|e| e.uid == uid(s))
            .expect("event");
        // times from the rules' slots, China Standard Time
        let date = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").expect("date");
        let slot = |id: &str| r.calendar.slots.iter().find(|x| x.id == id).expect("slot");
        assert_eq!(
            in_shanghai(&ev.start),
            date.and_time(slot(&s.slot).start),
            "{}",
            s.id
        );
        let last = s.slots.last().expect("slots");
        assert_eq!(
            in_shanghai(&ev.end),
            date.and_time(slot(last).end),
            "{}",
            s.id
        );
        assert_eq!(
            ev.stamp.as_deref(),
            Some(stamp.as_str()),
            "DTSTAMP from the semester start"
        );
        // title: kind and duty in Chinese
        let kind = &r.session_kinds[r.kind(&s.kind).expect("kind")].zh;
        match &s.duty {
            Some(d) => {
                let duty = &r.duties[r.duty(d).expect("duty")].zh;
                assert_eq!(ev.summary, format!("{kind}·{duty}"), "{}", s.id);
                assert!(ev.description.contains(duty.as_str()), "{}", s.id);
            }
            None => assert_eq!(&ev.summary, kind),
        }
        // place: the venue, the visit's host and city, or online
        if let Some(v) = &s.venue {
            let venue = sc.venues.iter().find(|x| &x.id == v).expect("venue");
            assert_eq!(ev.location, venue.name, "{}", s.id);
        } else if let Some(v) = sc.visits.iter().find(|x| Some(&x.id) == s.speaker.as_ref()) {
            assert!(
                ev.location.contains(&v.name) && ev.location.contains(&v.city),
                "{}",
                s.id
            );
            assert!(ev.description.contains(&v.name));
        } else {
            assert!(ev.location.starts_with("线上"), "{}: {}", s.id, ev.location);
        }
        if let Some(sp) = sc
            .speakers
            .iter()
            .find(|x| Some(&x.id) == s.speaker.as_ref())
        {
            assert!(
                ev.description.contains(&format!("主讲：{}", sp.name)),
                "{}",
                s.id
            );
        }
        for seg in &s.segments {
            assert!(
                ev.description.contains(seg.as_str()),
                "{}: segment {seg}",
                s.id
            );
        }
        assert!(
            ev.description
                .contains(&format!("人数：{}", s.attendees.len()))
        );
        checked += 1;
    }
    assert_eq!(checked, plan.sessions.len());
}

#[test]
fn text_is_escaped_and_read_back_unchanged() {
    let (inputs, plan) = bundled();
    let mut inputs = inputs.clone();
    let s = &plan.sessions[0];
    let v = s.venue.as_ref().expect("the first session has a venue");
    let tricky = "报告厅, 东侧; 入口\\北门\n（二楼）";
    inputs
        .scenario
        .venues
        .iter_mut()
        .find(|x| &x.id == v)
        .expect("venue")
        .name = tricky.to_string();
    let cals = ics::calendars(&Names::new(&inputs, plan, Lang::Zh));
    let person = &s.attendees[0];
    let name = format!("person-{person}.ics");
    let text = &cals.iter().find(|(n, _)| *n == name).expect("file").1;
    strict_lines(&name, text);
    assert!(text.contains("报告厅\\, 东侧\\; 入口\\\\北门\\n（二楼）"));
    let ev = parse(&name, text)
        .into_iter()
        .find(|e| e.uid == uid(s))
        .expect("event");
    assert_eq!(ev.location, tricky);
}

#[test]
fn calendars_are_byte_identical_run_to_run() {
    assert_eq!(calendars(), calendars());
}

#[test]
fn english_labels() {
    let (inputs, plan) = bundled();
    let cals = ics::calendars(&Names::new(inputs, plan, Lang::En));
    let (_, text) = &cals[0];
    assert!(text.contains("Duty: "));
    assert!(!text.contains("职责："));
}
