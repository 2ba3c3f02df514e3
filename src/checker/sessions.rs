//! Each session on its own: its kind, day and slots, duty, audience and attendees, speaker, venue,
//! cost, fund, and (for the camp) the camp window. The costs recomputed here (travel fares
//! included) are authoritative for the budget; the attendees listed here feed loads, hours and
//! coverage.
//!
//! Rule ids: `calendar.allow_weekends` / `calendar.allow_holidays` / `calendar.allow_exam_weeks` /
//! `calendar.semester` (the day), `session_kinds.<kind>.slots`, `session_kinds.<kind>.duty_mode`,
//! `session_kinds.<kind>.audience_mode` (the `audience` key), `session_kinds.<kind>.audience` (the
//! attendees the audience implies), `session_kinds.<kind>.speaker`,
//! `session_kinds.<kind>.min_speaker_level`, `session_kinds.<kind>.max_attendees`, `speakers.dates`, `speakers.duties`, `visits.dates`,
//! `visits.duties`, `visits.max_attendees`, `online_courses.open_from`, `online_courses.open_to`,
//! `online_courses.duties`, `venues.required`, `venues.capacity`, `venues.campus`,
//! `budget.session_fund`, `calendar.camp_window_weeks`, and plan consistency: `plan.cost` (with the
//! attendees' travel fares), `plan.hours`, `plan.segments`, `plan.session`, `plan.format`, `plan.references`,
//! `plan.duplicate_ids`.
//!
//! Each session is resolved once into a [`Sess`] (in the checker's context), which the rules of
//! this file and of `calendar`, `budget` and `targets` read.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::{
    AudienceMode, DutyIdx, DutyMode, GroupIdx, KindIdx, Level, OnlineCourse, PersonIdx, Platform,
    SessionKind, Speaker, SpeakerNeed, Venue, Visit,
};
use crate::wire::{SessionOut, money};

use super::{Ctx, Out, money_eq, parse_date};

/// A session as the checker understands it.
pub(super) struct Sess<'a> {
    /// The session as written.
    pub s: &'a SessionOut,
    /// Its kind, when the id is known.
    pub kind: Option<KindIdx>,
    /// Its date, when it parses.
    pub date: Option<NaiveDate>,
    /// Slots occupied (indices into `calendar.slots`), in order.
    pub slots: Vec<usize>,
    /// Known attendees, each once, in roster order.
    pub attendees: Vec<PersonIdx>,
    /// Its duty, when known.
    pub duty: Option<DutyIdx>,
    /// Recomputed cost, to the fen.
    pub cost: f64,
    /// The training unit of a unit session.
    pub unit: Option<String>,
    /// The studio (duty id) of a studio session.
    pub studio: Option<String>,
    /// The speaker, visit or online course the session names, when known and of the kind's need.
    pub resource: Option<Resource>,
}

/// What a session's `speaker` names, as an index into the scenario's list of that need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Resource {
    /// Into `scenario.speakers` (a role model or an expert).
    Speaker(usize),
    /// Into `scenario.visits`.
    Visit(usize),
    /// Into `scenario.online_courses`.
    Online(usize),
}

/// The plan's sessions as the checker understands them, in plan order.
pub(super) fn sessions<'a>(cx: &Ctx<'a>) -> Vec<Sess<'a>> {
    cx.plan.sessions.iter().map(|s| resolve(cx, s)).collect()
}

/// One session, resolved against the inputs (the units must be known already).
fn resolve<'a>(cx: &Ctx<'a>, s: &'a SessionOut) -> Sess<'a> {
    let rules = &cx.inputs.rules;
    // Attendees: known ids, each once.
    let mut attendees: Vec<PersonIdx> = Vec::new();
    for a in &s.attendees {
        if let Some(&p) = cx.person.get(a.as_str())
            && !attendees.contains(&p)
        {
            attendees.push(p);
        }
    }
    attendees.sort_unstable();
    let start_slot = cx.slot.get(s.slot.as_str()).copied();
    let kind = cx.kind.get(s.kind.as_str()).copied();
    let mut sess = Sess {
        s,
        kind,
        date: parse_date(&s.date),
        slots: Vec::new(),
        attendees,
        duty: s
            .duty
            .as_ref()
            .and_then(|d| cx.duty.get(d.as_str()).copied()),
        cost: 0.0,
        unit: None,
        studio: None,
        resource: None,
    };
    let Some(k) = kind.map(|ki| &rules.session_kinds[ki]) else {
        // Without the kind, occupy the slots as listed so double booking can still be seen.
        sess.slots = s
            .slots
            .iter()
            .filter_map(|x| cx.slot.get(x.as_str()).copied())
            .collect();
        if sess.slots.is_empty() {
            sess.slots.extend(start_slot);
        }
        return sess;
    };
    // kind.slots consecutive slots from `slot`, cut at the end of the day.
    if let Some(first) = start_slot {
        let end = (first + k.slots as usize).min(rules.calendar.slots.len());
        sess.slots = (first..end).collect();
    }
    match k.audience_mode {
        AudienceMode::Studio => sess.studio = tagged(s, "studio:").map(str::to_string),
        AudienceMode::Unit => {
            sess.unit = tagged(s, "unit:")
                .filter(|u| cx.units.members.contains_key(*u))
                .map(str::to_string);
        }
        AudienceMode::All | AudienceMode::ChooseOne => {}
    }
    let id = s.speaker.as_deref().unwrap_or_default();
    sess.resource = match k.speaker {
        SpeakerNeed::None => None,
        SpeakerNeed::RoleModel | SpeakerNeed::Expert => {
            cx.speaker.get(id).map(|&i| Resource::Speaker(i))
        }
        SpeakerNeed::Visit => cx.visit.get(id).map(|&i| Resource::Visit(i)),
        SpeakerNeed::Online => cx.online.get(id).map(|&i| Resource::Online(i)),
    };
    sess.cost = cost(cx, k, s);
    sess
}

/// The recomputed cost, to the fen: the kind's fixed and per-attendee costs, the speaker's fee or
/// the visit's or online course's cost per person, the venue per slot, and, for a session with a
/// venue, every attendee's campus travel fare to it ([`fares`]).
fn cost(cx: &Ctx<'_>, k: &SessionKind, s: &SessionOut) -> f64 {
    let n = s.attendees.len();
    let mut cost = k.fixed_cost + k.per_attendee_cost * n as f64;
    cost += match k.speaker {
        SpeakerNeed::None => 0.0,
        SpeakerNeed::RoleModel | SpeakerNeed::Expert => {
            speaker_of(cx, k, s).map_or(0.0, |sp| sp.fee)
        }
        SpeakerNeed::Visit => visit_of(cx, k, s).map_or(0.0, |v| v.cost_per_person * n as f64),
        SpeakerNeed::Online => online_of(cx, k, s).map_or(0.0, |o| o.cost_per_person * n as f64),
    };
    if let Some(venue) = venue_of(cx, s) {
        cost += venue.cost * f64::from(k.slots);
        cost += fares(cx, k, s, venue.campus);
    }
    money(cost)
}

/// The attendees' campus travel fares to a session held on campus `to`: for each attendee (as
/// listed, like the per-attendee cost; ids not on the roster pay none) `2 × travel_cost[from][to]`,
/// there and back. `from` is the campus of the attendee's college (campus 0 for school-level
/// staff); for a kind held with another (`with_kind`, the studio exchange after the monthly
/// meeting) it is the campus of the venue of that kind's session on the same date, when there is
/// one (the one ending in the slot just before, else the first listed).
fn fares(cx: &Ctx<'_>, k: &SessionKind, s: &SessionOut, to: usize) -> f64 {
    let sc = &cx.inputs.scenario;
    let fare = |from: usize| {
        sc.travel_cost
            .get(from)
            .and_then(|row| row.get(to))
            .copied()
            .unwrap_or(0.0)
            * 2.0
    };
    let host = host_campus(cx, k, s);
    s.attendees
        .iter()
        .filter_map(|a| cx.person.get(a.as_str()))
        .map(|&p| {
            let home = sc.people[p].college.map_or(0, |c| sc.colleges[c].campus);
            fare(host.unwrap_or(home))
        })
        .sum()
}

/// The travel minutes of a session's attendees (the plan's `travel` term, before its weight): for
/// a session with a venue, each known attendee's minutes from `from` (as in [`fares`]) to the
/// venue's campus — a pair without a `[[travel]]` entry counts the longest entry; for a study
/// visit, `visit.travel_minutes` per attendee; nothing for online courses.
pub(super) fn travel_minutes(cx: &Ctx<'_>, sess: &Sess<'_>) -> f64 {
    let sc = &cx.inputs.scenario;
    let Some(k) = sess.kind.map(|k| &cx.inputs.rules.session_kinds[k]) else {
        return 0.0;
    };
    if let Some(Resource::Visit(v)) = sess.resource {
        return sc.visits[v].travel_minutes * sess.attendees.len() as f64;
    }
    let Some(venue) = venue_of(cx, sess.s) else {
        return 0.0;
    };
    let longest = sc
        .travel_minutes
        .iter()
        .flatten()
        .flatten()
        .fold(0.0_f64, |m, &x| m.max(x));
    let host = host_campus(cx, k, sess.s);
    sess.attendees
        .iter()
        .map(|&p| {
            let from =
                host.unwrap_or_else(|| sc.people[p].college.map_or(0, |c| sc.colleges[c].campus));
            sc.travel_minutes
                .get(from)
                .and_then(|row| row.get(venue.campus))
                .copied()
                .flatten()
                .unwrap_or(longest)
        })
        .sum()
}

/// For a kind held with another (`with_kind`): the campus of the venue of the other kind's session
/// on the same date (preferring the one that ends in the slot just before this one), when known.
fn host_campus(cx: &Ctx<'_>, k: &SessionKind, s: &SessionOut) -> Option<usize> {
    let w = cx.inputs.rules.session_kinds.get(k.with_kind?)?;
    let hosts: Vec<&SessionOut> = cx
        .plan
        .sessions
        .iter()
        .filter(|h| h.kind == w.id && h.date == s.date && venue_of(cx, h).is_some())
        .collect();
    let first = cx.slot.get(s.slot.as_str()).copied();
    let ends_before = |h: &&SessionOut| {
        let start = cx.slot.get(h.slot.as_str()).copied();
        matches!((start, first), (Some(a), Some(b)) if a + w.slots as usize == b)
    };
    let host = hosts
        .iter()
        .find(|h| ends_before(h))
        .or_else(|| hosts.first())?;
    venue_of(cx, host).map(|v| v.campus)
}

/// The sessions of a known kind, with the kind.
fn kinded<'c, 'a>(cx: &'c Ctx<'a>) -> impl Iterator<Item = (&'c Sess<'a>, &'c SessionKind)> {
    cx.sess
        .iter()
        .filter_map(|s| s.kind.map(|ki| (s, &cx.inputs.rules.session_kinds[ki])))
}

/// `会话 S001` and `session S001`, for messages.
fn here(s: &SessionOut) -> (String, String) {
    (format!("会话 {}", s.id), format!("session {}", s.id))
}

/// A rule of the session's kind: `session_kinds.<kind>.<key>`.
fn kind_rule(k: &SessionKind, key: &str) -> String {
    format!("session_kinds.{}.{key}", k.id)
}

/// The only entry of `audience`, when it carries this tag (`studio:`, `unit:`), without the tag.
fn tagged<'s>(s: &'s SessionOut, tag: &str) -> Option<&'s str> {
    match s.audience.as_slice() {
        [a] => a.strip_prefix(tag),
        _ => None,
    }
}

/// For `audience_mode = choose_one`: the one group the audience names, when it is one of the
/// kind's.
fn chosen_group(cx: &Ctx<'_>, k: &SessionKind, s: &SessionOut) -> Option<GroupIdx> {
    match s.audience.as_slice() {
        [g] => cx
            .group
            .get(g.as_str())
            .copied()
            .filter(|gi| k.audience.contains(gi)),
        _ => None,
    }
}

/// The speaker a role-model or expert session names, when known.
fn speaker_of<'c>(cx: &'c Ctx<'_>, k: &SessionKind, s: &SessionOut) -> Option<&'c Speaker> {
    if !matches!(k.speaker, SpeakerNeed::RoleModel | SpeakerNeed::Expert) {
        return None;
    }
    let &i = cx.speaker.get(s.speaker.as_deref()?)?;
    Some(&cx.inputs.scenario.speakers[i])
}

/// The visit a visit session names, when known.
fn visit_of<'c>(cx: &'c Ctx<'_>, k: &SessionKind, s: &SessionOut) -> Option<&'c Visit> {
    if k.speaker != SpeakerNeed::Visit {
        return None;
    }
    let &i = cx.visit.get(s.speaker.as_deref()?)?;
    Some(&cx.inputs.scenario.visits[i])
}

/// The online course an online session names, when known.
fn online_of<'c>(cx: &'c Ctx<'_>, k: &SessionKind, s: &SessionOut) -> Option<&'c OnlineCourse> {
    if k.speaker != SpeakerNeed::Online {
        return None;
    }
    let &i = cx.online.get(s.speaker.as_deref()?)?;
    Some(&cx.inputs.scenario.online_courses[i])
}

/// The venue a session names, when known.
fn venue_of<'c>(cx: &'c Ctx<'_>, s: &SessionOut) -> Option<&'c Venue> {
    let &i = cx.venue.get(s.venue.as_deref()?)?;
    Some(&cx.inputs.scenario.venues[i])
}

/// The people a session's audience implies, when that is determined.
fn expected_audience(
    cx: &Ctx<'_>,
    k: &SessionKind,
    sess: &Sess<'_>,
) -> Option<BTreeSet<PersonIdx>> {
    let groups_of = |ids: &[GroupIdx]| -> BTreeSet<PersonIdx> {
        ids.iter().flat_map(|&g| cx.profiles.members(g)).collect()
    };
    match k.audience_mode {
        AudienceMode::All => Some(groups_of(&k.audience)),
        AudienceMode::ChooseOne => chosen_group(cx, k, sess.s).map(|g| groups_of(&[g])),
        AudienceMode::Studio => sess
            .studio
            .as_deref()
            .and_then(|d| cx.teams.get(d))
            .map(|team| team.iter().copied().collect()),
        AudienceMode::Unit => sess.unit.as_deref().map(|u| cx.units.people(cx, u)),
    }
}

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    calendar_usable_day(cx, out);
    calendar_camp_window_weeks(cx, out);
    session_kinds_slots(cx, out);
    session_kinds_audience_mode(cx, out);
    session_kinds_audience(cx, out);
    session_kinds_duty_mode(cx, out);
    session_kinds_speaker(cx, out);
    session_kinds_min_speaker_level(cx, out);
    speakers_dates(cx, out);
    speakers_duties(cx, out);
    visits_dates(cx, out);
    visits_duties(cx, out);
    visits_max_attendees(cx, out);
    session_kinds_max_attendees(cx, out);
    online_courses_open_from(cx, out);
    online_courses_open_to(cx, out);
    online_courses_duties(cx, out);
    venues_required(cx, out);
    venues_capacity(cx, out);
    venues_unavailable(cx, out);
    venues_campus(cx, out);
    budget_session_fund(cx, out);
    plan_cost(cx, out);
    plan_hours(cx, out);
    plan_segments(cx, out);
    plan_session(cx, out);
    plan_format(cx, out);
    plan_references(cx, out);
    plan_duplicate_ids(cx, out);
}

/// `calendar.allow_weekends`, `calendar.allow_holidays`, `calendar.allow_exam_weeks` and
/// `calendar.semester`: a session is on a day that can hold sessions (the rule named is the one
/// [`crate::domain::calendar::DayStatus::usable`] gives for the day).
fn calendar_usable_day(cx: &Ctx<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    for sess in &cx.sess {
        let Some(d) = sess.date else { continue };
        let (here, here_en) = here(sess.s);
        let st = crate::domain::calendar::day_status(&sc.semester, d);
        if let Err(rule) = st.usable(&cx.inputs.rules.calendar) {
            let rule = if rule == "semester" {
                "calendar.semester"
            } else {
                rule
            };
            out.add(
                rule,
                Some(&sess.s.id),
                None,
                format!("{here} 安排在 {d}，该日为{}，不能安排培训", st.describe()),
                format!(
                    "{here_en} is on {d}, a day that cannot hold sessions: {}",
                    st.describe()
                ),
            );
        }
    }
}

/// `calendar.camp_window_weeks`: a camp session is inside the camp window.
fn calendar_camp_window_weeks(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        if k.platform == Platform::Camp
            && let Some(d) = sess.date
            && !cx.cal.in_camp_window(d)
        {
            let (here, here_en) = here(sess.s);
            let (a, b) = cx.cal.camp_window;
            out.add(
                "calendar.camp_window_weeks",
                Some(&sess.s.id),
                None,
                format!("{here}（训练营）安排在 {d}，不在训练营窗口 {a} 至 {b} 内"),
                format!("{here_en} (camp) is on {d}, outside the camp window {a} .. {b}"),
            );
        }
    }
}

/// `session_kinds.<kind>.slots`: a session takes its kind's number of consecutive slots from
/// `slot`, within the day, and `slots` (when given) lists exactly those.
fn session_kinds_slots(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    let nslots = rules.calendar.slots.len();
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        let Some(first) = cx.slot.get(s.slot.as_str()).copied() else {
            continue;
        };
        let sid = Some(s.id.as_str());
        let (here, here_en) = here(s);
        let want = k.slots as usize;
        let expected: Vec<usize> = (first..first + want).collect();
        if first + want > nslots {
            out.add(
                kind_rule(k, "slots"),
                sid,
                None,
                format!(
                    "{here} 需占用 {want} 个连续时段，从 {} 开始超出当天",
                    cx.slot_name(first)
                ),
                format!(
                    "{here_en} takes {want} consecutive slots; starting at {} it runs past the day",
                    cx.slot_name(first)
                ),
            );
        }
        if s.slots.is_empty() {
            continue;
        }
        let listed: Option<Vec<usize>> = s
            .slots
            .iter()
            .map(|x| cx.slot.get(x.as_str()).copied())
            .collect();
        if listed.as_ref() != Some(&expected) {
            let want_ids: Vec<&str> = expected
                .iter()
                .filter_map(|&i| rules.calendar.slots.get(i).map(|x| x.id.as_str()))
                .collect();
            out.add(
                kind_rule(k, "slots"),
                sid,
                None,
                format!(
                    "{here} 的 slots 应为 [{}]，计划写作 [{}]",
                    want_ids.join(", "),
                    s.slots.join(", ")
                ),
                format!(
                    "{here_en}: slots should be [{}] ({} from `slot`), the plan says [{}]",
                    want_ids.join(", "),
                    k.slots,
                    s.slots.join(", ")
                ),
            );
        }
    }
}

/// `session_kinds.<kind>.audience_mode`: the `audience` key has the form the kind's audience mode
/// asks for (exactly the kind's groups, one of them, a staffed studio, a training unit).
fn session_kinds_audience_mode(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        let kind_groups: Vec<&str> = k
            .audience
            .iter()
            .map(|&g| rules.groups[g].id.as_str())
            .collect();
        let wrong: Option<(String, String)> = match k.audience_mode {
            AudienceMode::All => {
                let want: BTreeSet<&str> = kind_groups.iter().copied().collect();
                let have: BTreeSet<&str> = s.audience.iter().map(String::as_str).collect();
                (want != have || have.len() != s.audience.len()).then(|| {
                    (
                        format!("应恰为 [{}]（audience_mode = all）", kind_groups.join(", ")),
                        format!(
                            "it must be exactly [{}] (audience_mode = all)",
                            kind_groups.join(", ")
                        ),
                    )
                })
            }
            AudienceMode::ChooseOne => chosen_group(cx, k, s).is_none().then(|| {
                (
                    format!(
                        "应为 [{}] 中的一个群体（audience_mode = choose_one）",
                        kind_groups.join(", ")
                    ),
                    format!(
                        "it must be one group of [{}] (audience_mode = choose_one)",
                        kind_groups.join(", ")
                    ),
                )
            }),
            AudienceMode::Studio => match tagged(s, "studio:") {
                None => Some((
                    "应为 [\"studio:<职责>\"]".into(),
                    "it must be [\"studio:<duty>\"]".into(),
                )),
                // A duty that does not exist is a reference error instead.
                Some(duty) if !cx.teams.contains_key(duty) && cx.duty.contains_key(duty) => Some((
                    format!("职责 {duty} 的工作室没有负责人和团队"),
                    format!("the studio of `{duty}` is not staffed (no lead, no team)"),
                )),
                Some(_) => None,
            },
            AudienceMode::Unit => match tagged(s, "unit:") {
                None => Some((
                    "应为 [\"unit:<培训单元>\"]".into(),
                    "it must be [\"unit:<unit id>\"]".into(),
                )),
                // An id that is neither a unit nor a college is a reference error instead.
                Some(unit)
                    if !cx.units.members.contains_key(unit) && cx.college.contains_key(unit) =>
                {
                    Some((
                        format!("{unit} 不是培训单元（联合培训或随堂参训的学院随其单元参训）"),
                        format!(
                            "`{unit}` is not a training unit (a joint or guest college trains with its unit)"
                        ),
                    ))
                }
                Some(_) => None,
            },
        };
        if let Some((want_zh, want_en)) = wrong {
            let (here, here_en) = here(s);
            out.add(
                kind_rule(k, "audience_mode"),
                Some(&s.id),
                None,
                format!("{here} 的对象 [{}] 不对：{want_zh}", s.audience.join(", ")),
                format!(
                    "{here_en}: audience [{}] is wrong: {want_en}",
                    s.audience.join(", ")
                ),
            );
        }
    }
}

/// `session_kinds.<kind>.audience`: the attendees are exactly the people the audience implies
/// who can come that day (an audience member not yet hired, gone, or unavailable on the date is
/// left out; one listed anyway is `people.availability`'s, not counted twice here). A
/// `choose_one` session is for members of its group chosen per session (a cohort of a group its
/// sessions cannot seat at once): its attendees are some of the group, nobody outside it.
fn session_kinds_audience(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let Some(mut exp) = expected_audience(cx, k, sess) else {
            continue;
        };
        if let Some(d) = sess.date {
            let people = &cx.inputs.scenario.people;
            let listed: BTreeSet<PersonIdx> = sess.attendees.iter().copied().collect();
            exp.retain(|&p| people[p].available_on(d) || listed.contains(&p));
        }
        let s = sess.s;
        let have: BTreeSet<PersonIdx> = sess.attendees.iter().copied().collect();
        let missing: Vec<PersonIdx> = if k.audience_mode == AudienceMode::ChooseOne {
            Vec::new()
        } else {
            exp.difference(&have).copied().collect()
        };
        let extra: Vec<PersonIdx> = have.difference(&exp).copied().collect();
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut zh = Vec::new();
        let mut en = Vec::new();
        if !missing.is_empty() {
            zh.push(format!(
                "缺少 {} 人 [{}]",
                missing.len(),
                cx.pnames(&missing)
            ));
            en.push(format!(
                "{} missing [{}]",
                missing.len(),
                cx.pnames(&missing)
            ));
        }
        if !extra.is_empty() {
            zh.push(format!("多出 {} 人 [{}]", extra.len(), cx.pnames(&extra)));
            en.push(format!("{} extra [{}]", extra.len(), cx.pnames(&extra)));
        }
        let (here, here_en) = here(s);
        out.add(
            kind_rule(k, "audience"),
            Some(&s.id),
            None,
            format!(
                "{here} 的参训人员与对象 [{}] 不符：{}",
                s.audience.join(", "),
                zh.join("，")
            ),
            format!(
                "{here_en}: attendees do not match the audience [{}]: {}",
                s.audience.join(", "),
                en.join(", ")
            ),
        );
    }
}

/// `session_kinds.<kind>.duty_mode`: a duty exactly when the kind's duty mode asks for one, and
/// a studio exchange on its studio's duty.
fn session_kinds_duty_mode(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        let sid = Some(s.id.as_str());
        let (here, here_en) = here(s);
        match (k.duty_mode, &s.duty) {
            (DutyMode::None, Some(d)) => out.add(
                kind_rule(k, "duty_mode"),
                sid,
                None,
                format!(
                    "{here}（{}）不针对单一职责，duty 应为空，计划写作 {d}",
                    k.id
                ),
                format!(
                    "{here_en} ({}) covers no single duty (duty_mode = none) but names `{d}`",
                    k.id
                ),
            ),
            (DutyMode::None, None) => {}
            (_, None) => out.add(
                kind_rule(k, "duty_mode"),
                sid,
                None,
                format!("{here}（{}）需要一个职责，计划未写", k.id),
                format!("{here_en} ({}) needs a duty and names none", k.id),
            ),
            (DutyMode::Studio, Some(d)) => {
                if let Some(st) = &sess.studio
                    && st != d
                {
                    out.add(
                        kind_rule(k, "duty_mode"),
                        sid,
                        None,
                        format!("{here} 是工作室 {st} 的交流，职责应为 {st}，计划写作 {d}"),
                        format!("{here_en} is an exchange of studio `{st}`, so its duty is `{st}`, not `{d}`"),
                    );
                }
            }
            (DutyMode::Choose | DutyMode::Speaker, Some(_)) => {}
        }
    }
}

/// `session_kinds.<kind>.speaker`: a speaker, visit or online course exactly when the kind needs
/// one, and a role model or an expert as the kind asks.
fn session_kinds_speaker(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        let sid = Some(s.id.as_str());
        let (here, here_en) = here(s);
        let need_word = match k.speaker {
            SpeakerNeed::None => "none",
            SpeakerNeed::RoleModel => "role_model",
            SpeakerNeed::Expert => "expert",
            SpeakerNeed::Visit => "visit",
            SpeakerNeed::Online => "online",
        };
        match (s.speaker.as_deref(), k.speaker) {
            (None, SpeakerNeed::None) => {}
            (None, _) => out.add(
                kind_rule(k, "speaker"),
                sid,
                None,
                format!("{here}（{}）需要{}，计划未安排", k.id, need_zh(k.speaker)),
                format!(
                    "{here_en} ({}) needs a speaker of kind `{need_word}` and names none",
                    k.id
                ),
            ),
            (Some(id), SpeakerNeed::None) => out.add(
                kind_rule(k, "speaker"),
                sid,
                None,
                format!("{here}（{}）不需要主讲人，计划却写了 {id}", k.id),
                format!(
                    "{here_en} ({}) takes no speaker (speaker = none) but names `{id}`",
                    k.id
                ),
            ),
            (Some(_), _) => {
                let want_rm = k.speaker == SpeakerNeed::RoleModel;
                if let Some(sp) = speaker_of(cx, k, s)
                    && sp.role_model != want_rm
                {
                    out.add(
                        kind_rule(k, "speaker"),
                        sid,
                        None,
                        format!(
                            "{here}（{}）需要{}，{} {} 不是",
                            k.id,
                            need_zh(k.speaker),
                            sp.id,
                            sp.name
                        ),
                        format!(
                            "{here_en} ({}) needs a speaker of kind `{need_word}`; {} {} is not one",
                            k.id, sp.id, sp.name
                        ),
                    );
                }
            }
        }
    }
}

/// `session_kinds.<kind>.min_speaker_level`: a session of a kind that sets a least standing has a
/// speaker of at least that standing (internal < provincial < national).
fn session_kinds_min_speaker_level(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let Some(min) = k.min_speaker_level else {
            continue;
        };
        let Some(sp) = speaker_of(cx, k, sess.s) else {
            continue;
        };
        if sp.level >= min {
            continue;
        }
        let (here, here_en) = here(sess.s);
        out.add(
            kind_rule(k, "min_speaker_level"),
            Some(&sess.s.id),
            None,
            format!(
                "{here}（{}）的主讲人应至少为{}，{} {} 为{}",
                k.zh,
                min.zh(),
                sp.id,
                sp.name,
                sp.level.zh()
            ),
            format!(
                "{here_en} ({}) needs a speaker of at least `{}` standing; {} {} is `{}`",
                k.id,
                min.as_str(),
                sp.id,
                sp.name,
                sp.level.as_str()
            ),
        );
    }
}

/// `speakers.dates`: a speaker is available on the session's date.
fn speakers_dates(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        if let Some(sp) = speaker_of(cx, k, sess.s)
            && let Some(d) = sess.date
            && !sp.dates.contains(&d)
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "speakers.dates",
                Some(&sess.s.id),
                None,
                format!("{here}：主讲人 {} {} 在 {d} 没有空", sp.id, sp.name),
                format!(
                    "{here_en}: speaker {} {} is not available on {d}",
                    sp.id, sp.name
                ),
            );
        }
    }
}

/// `speakers.duties`: when the speaker sets the duty, the speaker teaches it.
fn speakers_duties(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (sess, k) in kinded(cx) {
        if k.duty_mode == DutyMode::Speaker
            && let Some(sp) = speaker_of(cx, k, sess.s)
            && let Some(d) = sess.duty
            && !sp.duties.contains(&d)
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "speakers.duties",
                Some(&sess.s.id),
                None,
                format!(
                    "{here}：主讲人 {} {} 不讲授“{}”",
                    sp.id, sp.name, rules.duties[d].zh
                ),
                format!(
                    "{here_en}: speaker {} {} does not teach `{}`",
                    sp.id, sp.name, rules.duties[d].id
                ),
            );
        }
    }
}

/// `visits.dates`: a visit's host receives visitors on the session's date.
fn visits_dates(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        if let Some(v) = visit_of(cx, k, sess.s)
            && let Some(d) = sess.date
            && !v.dates.contains(&d)
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "visits.dates",
                Some(&sess.s.id),
                None,
                format!("{here}：考察单位 {} {} 在 {d} 不接待", v.id, v.name),
                format!(
                    "{here_en}: visit {} {} does not receive visitors on {d}",
                    v.id, v.name
                ),
            );
        }
    }
}

/// `visits.duties`: when the visit sets the duty, the visit covers it.
fn visits_duties(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (sess, k) in kinded(cx) {
        if k.duty_mode == DutyMode::Speaker
            && let Some(v) = visit_of(cx, k, sess.s)
            && let Some(d) = sess.duty
            && !v.duties.contains(&d)
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "visits.duties",
                Some(&sess.s.id),
                None,
                format!(
                    "{here}：考察单位 {} {} 不涉及“{}”",
                    v.id, v.name, rules.duties[d].zh
                ),
                format!(
                    "{here_en}: visit {} {} does not cover `{}`",
                    v.id, v.name, rules.duties[d].id
                ),
            );
        }
    }
}

/// `session_kinds.<kind>.max_attendees`: no more attendees than one session of the kind takes.
fn session_kinds_max_attendees(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let n = sess.s.attendees.len();
        if let Some(m) = k.max_attendees
            && n > m as usize
        {
            let (here, here_en) = here(sess.s);
            out.add(
                kind_rule(k, "max_attendees"),
                Some(&sess.s.id),
                None,
                format!("{here}：{n} 人参训，{}每次至多 {m} 人", k.zh),
                format!("{here_en}: {n} attendees, a {} takes at most {m}", k.id),
            );
        }
    }
}

/// `visits.max_attendees`: no more visitors than the host receives.
fn visits_max_attendees(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let n = sess.s.attendees.len();
        if let Some(v) = visit_of(cx, k, sess.s)
            && n > v.max_attendees as usize
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "visits.max_attendees",
                Some(&sess.s.id),
                None,
                format!(
                    "{here}：{n} 人前往 {} {}，最多接待 {} 人",
                    v.id, v.name, v.max_attendees
                ),
                format!(
                    "{here_en}: {n} visitors to {} {}, which receives at most {}",
                    v.id, v.name, v.max_attendees
                ),
            );
        }
    }
}

/// `online_courses.open_from`: an online course is open on the session's date (not before).
fn online_courses_open_from(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        if let Some(o) = online_of(cx, k, sess.s)
            && let Some(d) = sess.date
            && d < o.open_from
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "online_courses.open_from",
                Some(&sess.s.id),
                None,
                format!(
                    "{here}：线上课程 {} 自 {} 起开放，{d} 尚未开放",
                    o.id, o.open_from
                ),
                format!(
                    "{here_en}: online course {} opens on {}, after {d}",
                    o.id, o.open_from
                ),
            );
        }
    }
}

/// `online_courses.open_to`: an online course is open on the session's date (not after).
fn online_courses_open_to(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        if let Some(o) = online_of(cx, k, sess.s)
            && let Some(d) = sess.date
            && d > o.open_to
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "online_courses.open_to",
                Some(&sess.s.id),
                None,
                format!(
                    "{here}：线上课程 {} 于 {} 关闭，{d} 已不开放",
                    o.id, o.open_to
                ),
                format!(
                    "{here_en}: online course {} closes on {}, before {d}",
                    o.id, o.open_to
                ),
            );
        }
    }
}

/// `online_courses.duties`: when the online course sets the duty, the course covers it.
fn online_courses_duties(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (sess, k) in kinded(cx) {
        if k.duty_mode == DutyMode::Speaker
            && let Some(o) = online_of(cx, k, sess.s)
            && let Some(d) = sess.duty
            && !o.duties.contains(&d)
        {
            let (here, here_en) = here(sess.s);
            out.add(
                "online_courses.duties",
                Some(&sess.s.id),
                None,
                format!("{here}：线上课程 {} 不涉及“{}”", o.id, rules.duties[d].zh),
                format!(
                    "{here_en}: online course {} does not cover `{}`",
                    o.id, rules.duties[d].id
                ),
            );
        }
    }
}

/// `venues.required`: a venue exactly when the session is not a visit or an online course.
fn venues_required(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        let sid = Some(s.id.as_str());
        let (here, here_en) = here(s);
        let needs_venue = !matches!(k.speaker, SpeakerNeed::Visit | SpeakerNeed::Online);
        match (&s.venue, needs_venue) {
            (None, true) => out.add(
                "venues.required",
                sid,
                None,
                format!("{here}（{}）需要场地，计划未安排", k.id),
                format!("{here_en} ({}) needs a venue and has none", k.id),
            ),
            (Some(v), false) => out.add(
                "venues.required",
                sid,
                None,
                format!("{here}（{}）是走出去考察或线上课程，不应占用场地 {v}", k.id),
                format!(
                    "{here_en} ({}) is a visit or an online course and takes no venue, but names `{v}`",
                    k.id
                ),
            ),
            _ => {}
        }
    }
}

/// `venues.unavailable`: no session in a venue on a date it is closed.
fn venues_unavailable(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, _) in kinded(cx) {
        let s = sess.s;
        let (Some(venue), Some(d)) = (venue_of(cx, s), sess.date) else {
            continue;
        };
        if let Some(r) = venue.blocked_on(d) {
            let (here, here_en) = here(s);
            out.add(
                "venues.unavailable",
                Some(&s.id),
                None,
                format!(
                    "{here} 安排在场地 {} {}，但该场地 {} 至 {} 不可用（{}）",
                    venue.id, venue.name, r.start, r.end, r.name
                ),
                format!(
                    "{here_en} is in venue {} {}, which is closed from {} to {} ({})",
                    venue.id, venue.name, r.start, r.end, r.name
                ),
            );
        }
    }
}

/// `venues.capacity`: no more attendees than the venue seats.
fn venues_capacity(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, _) in kinded(cx) {
        let s = sess.s;
        let Some(venue) = venue_of(cx, s) else {
            continue;
        };
        if s.attendees.len() > venue.capacity as usize {
            let (here, here_en) = here(s);
            out.add(
                "venues.capacity",
                Some(&s.id),
                None,
                format!(
                    "{here} 有 {} 人参训，场地 {} {} 只有 {} 个座位",
                    s.attendees.len(),
                    venue.id,
                    venue.name,
                    venue.capacity
                ),
                format!(
                    "{here_en} has {} attendees but venue {} {} seats {}",
                    s.attendees.len(),
                    venue.id,
                    venue.name,
                    venue.capacity
                ),
            );
        }
    }
}

/// `venues.campus`: a training unit's session is on a campus of the unit's colleges.
fn venues_campus(cx: &Ctx<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    for (sess, _) in kinded(cx) {
        let s = sess.s;
        let (Some(venue), Some(u)) = (venue_of(cx, s), &sess.unit) else {
            continue;
        };
        let campuses = cx.units.campuses(cx, u);
        if campuses.contains(&venue.campus) {
            continue;
        }
        let names: Vec<&str> = campuses
            .iter()
            .map(|&c| sc.campuses[c].id.as_str())
            .collect();
        let (here, here_en) = here(s);
        out.add(
            "venues.campus",
            Some(&s.id),
            None,
            format!(
                "{here} 是培训单元 {u} 的培训，场地 {} 在校区 {}，不在其学院所在校区 [{}]",
                venue.id,
                sc.campuses[venue.campus].id,
                names.join(", ")
            ),
            format!(
                "{here_en} belongs to unit {u}; venue {} is on campus `{}`, not a campus of its \
                 colleges [{}]",
                venue.id,
                sc.campuses[venue.campus].id,
                names.join(", ")
            ),
        );
    }
}

/// `budget.session_fund`: a school-level session is paid by the school fund, a unit's session by
/// the unit's fund.
fn budget_session_fund(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        let want_fund = match k.level {
            Level::School => Some("school".to_string()),
            Level::College => sess.unit.clone(),
        };
        if let Some(f) = want_fund
            && s.fund != f
        {
            let (here, here_en) = here(s);
            out.add(
                "budget.session_fund",
                Some(&s.id),
                None,
                format!(
                    "{here}（{}级）应由经费 {f} 支出，计划写作 {}",
                    if k.level == Level::School {
                        "校"
                    } else {
                        "院"
                    },
                    s.fund
                ),
                format!(
                    "{here_en} ({} level) is paid by fund `{f}`, the plan says `{}`",
                    k.level.as_str(),
                    s.fund
                ),
            );
        }
    }
}

/// `plan.cost`: a session's cost is the recomputed one.
fn plan_cost(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, _) in kinded(cx) {
        let s = sess.s;
        if !s.cost.is_finite() || !money_eq(s.cost, sess.cost) {
            let (here, here_en) = here(s);
            out.add(
                "plan.cost",
                Some(&s.id),
                None,
                format!(
                    "{here} 的费用应为 {:.2} 元，计划写作 {:.2} 元",
                    sess.cost, s.cost
                ),
                format!(
                    "{here_en} costs {:.2} yuan as recomputed, the plan says {:.2}",
                    sess.cost, s.cost
                ),
            );
        }
    }
}

/// `plan.hours`: a session counts its kind's hours.
fn plan_hours(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        if (s.hours - k.hours).abs() > 1e-6 {
            let (here, here_en) = here(s);
            out.add(
                "plan.hours",
                Some(&s.id),
                None,
                format!(
                    "{here}（{}）应计 {} 学时，计划写作 {}",
                    k.id, k.hours, s.hours
                ),
                format!(
                    "{here_en} ({}) counts {} hours, the plan says {}",
                    k.id, k.hours, s.hours
                ),
            );
        }
    }
}

/// `plan.segments`: a session lists its kind's segments (`session_kinds.<kind>.segments`: the
/// parts of a monthly meeting, in order).
fn plan_segments(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        if s.segments != k.segments {
            let (here, here_en) = here(s);
            out.add(
                "plan.segments",
                Some(&s.id),
                None,
                format!(
                    "{here}（{}）的环节应为 [{}]，计划写作 [{}]",
                    k.id,
                    k.segments.join("、"),
                    s.segments.join("、")
                ),
                format!(
                    "{here_en} ({}) has the segments [{}], the plan says [{}]",
                    k.id,
                    k.segments.join(", "),
                    s.segments.join(", ")
                ),
            );
        }
    }
}

/// `plan.session`: a session has its kind's platform and level.
fn plan_session(cx: &Ctx<'_>, out: &mut Out) {
    for (sess, k) in kinded(cx) {
        let s = sess.s;
        if s.platform != k.platform.as_str() || s.level != k.level.as_str() {
            let (here, here_en) = here(s);
            out.add(
                "plan.session",
                Some(&s.id),
                None,
                format!(
                    "{here}（{}）的平台/层级应为 {}/{}，计划写作 {}/{}",
                    k.id,
                    k.platform.as_str(),
                    k.level.as_str(),
                    s.platform,
                    s.level
                ),
                format!(
                    "{here_en} ({}): platform/level is {}/{} for this kind, the plan says {}/{}",
                    k.id,
                    k.platform.as_str(),
                    k.level.as_str(),
                    s.platform,
                    s.level
                ),
            );
        }
    }
}

/// `plan.format`: a session's date is an ISO date.
fn plan_format(cx: &Ctx<'_>, out: &mut Out) {
    for sess in &cx.sess {
        let s = sess.s;
        if sess.date.is_none() {
            let (here, here_en) = here(s);
            out.add(
                "plan.format",
                Some(&s.id),
                None,
                format!("{here} 的日期 “{}” 不是 ISO 日期（如 2026-10-12）", s.date),
                format!(
                    "{here_en}: date `{}` is not an ISO date such as 2026-10-12",
                    s.date
                ),
            );
        }
    }
}

/// `plan.references` in `sessions`: attendees, duty, slots, kind, audience, speaker (visit, online
/// course) and venue name what the inputs define. Without a known kind only the attendees, the
/// duty, the first slot and the kind are looked up.
fn plan_references(cx: &Ctx<'_>, out: &mut Out) {
    for sess in &cx.sess {
        let s = sess.s;
        let sid = Some(s.id.as_str());
        let place = format!("sessions {}", s.id);
        for a in &s.attendees {
            if !cx.person.contains_key(a.as_str()) {
                let at = format!("sessions {} attendees", s.id);
                out.unknown("人员", "person", a, &at, sid);
            }
        }
        if let Some(d) = &s.duty
            && !cx.duty.contains_key(d.as_str())
        {
            out.unknown("职责", "duty", d, &place, sid);
        }
        let start_known = cx.slot.contains_key(s.slot.as_str());
        if !start_known {
            out.unknown("时段", "slot", &s.slot, &place, sid);
        }
        let Some(ki) = sess.kind else {
            out.unknown("培训类型", "session kind", &s.kind, &place, sid);
            continue;
        };
        let k = &cx.inputs.rules.session_kinds[ki];
        if start_known {
            for x in &s.slots {
                if !cx.slot.contains_key(x.as_str()) {
                    let at = format!("sessions {} slots", s.id);
                    out.unknown("时段", "slot", x, &at, sid);
                }
            }
        }
        audience_references(cx, k, s, out);
        if let Some(id) = s.speaker.as_deref() {
            match k.speaker {
                SpeakerNeed::RoleModel | SpeakerNeed::Expert if !cx.speaker.contains_key(id) => {
                    out.unknown("主讲人", "speaker", id, &place, sid);
                }
                SpeakerNeed::Visit if !cx.visit.contains_key(id) => {
                    out.unknown("考察单位", "visit", id, &place, sid);
                }
                SpeakerNeed::Online if !cx.online.contains_key(id) => {
                    out.unknown("线上课程", "online course", id, &place, sid);
                }
                _ => {}
            }
        }
        if let Some(v) = &s.venue
            && !cx.venue.contains_key(v.as_str())
        {
            out.unknown("场地", "venue", v, &place, sid);
        }
    }
}

/// The `plan.references` of a session's `audience`: the groups of an `all` or `choose_one`
/// audience, the duty of a studio audience with no staffed studio, the id of a unit audience that
/// is neither a unit nor a college.
fn audience_references(cx: &Ctx<'_>, k: &SessionKind, s: &SessionOut, out: &mut Out) {
    let sid = Some(s.id.as_str());
    let place = format!("sessions {} audience", s.id);
    match k.audience_mode {
        AudienceMode::All | AudienceMode::ChooseOne => {
            for a in &s.audience {
                if !cx.group.contains_key(a.as_str()) {
                    out.unknown("群体", "group", a, &place, sid);
                }
            }
        }
        AudienceMode::Studio => {
            if let Some(duty) = tagged(s, "studio:")
                && !cx.teams.contains_key(duty)
                && !cx.duty.contains_key(duty)
            {
                out.unknown("职责", "duty", duty, &place, sid);
            }
        }
        AudienceMode::Unit => {
            if let Some(unit) = tagged(s, "unit:")
                && !cx.units.members.contains_key(unit)
                && !cx.college.contains_key(unit)
            {
                out.unknown("培训单元", "training unit", unit, &place, sid);
            }
        }
    }
}

/// `plan.duplicate_ids` in a session's `attendees`: each person once.
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    for sess in &cx.sess {
        let s = sess.s;
        let mut seen: Vec<PersonIdx> = Vec::new();
        let mut dup: BTreeSet<&str> = BTreeSet::new();
        for a in &s.attendees {
            if let Some(&p) = cx.person.get(a.as_str()) {
                if seen.contains(&p) {
                    dup.insert(a.as_str());
                } else {
                    seen.push(p);
                }
            }
        }
        if !dup.is_empty() {
            let (here, here_en) = here(s);
            let list = dup.into_iter().collect::<Vec<_>>().join(", ");
            out.add(
                "plan.duplicate_ids",
                Some(&s.id),
                None,
                format!("{here} 的参训人员重复列出：{list}"),
                format!("{here_en} lists attendees more than once: {list}"),
            );
        }
    }
}

fn need_zh(n: SpeakerNeed) -> &'static str {
    match n {
        SpeakerNeed::None => "无主讲人",
        SpeakerNeed::RoleModel => "典型人物主讲",
        SpeakerNeed::Expert => "专家主讲",
        SpeakerNeed::Visit => "考察单位",
        SpeakerNeed::Online => "线上课程",
    }
}
