//! Sessions together: nobody and nothing in two places at once, weekly loads, and how often each
//! kind of session happens.
//!
//! Rule ids: `calendar.no_double_booking` (a person in two sessions in one date and slot),
//! `venues.no_double_booking`, `speakers.no_double_booking` (a speaker or visit used twice in one
//! date and slot), `calendar.max_sessions_per_person_per_week`, `calendar.max_sessions_per_speaker`
//! (how many sessions one invited speaker gives), and per kind `session_kinds.<kind>.per_month`,
//! `.with_kind`, `.per_semester`, `.max_per_semester`, `.per_unit_min`, `.per_unit_max`,
//! `.per_unit_duty_max`, `.required`; duplicate session ids are `plan.duplicate_ids`.
//!
//! The three double-booking rules share the pairs of sessions that meet in one date and slot
//! ([`clashes`]), computed once.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::{AudienceMode, DutyIdx, KindIdx, PersonIdx, SpeakerNeed};

use super::sessions::{Resource, Sess};
use super::{Ctx, Out};

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    let clashes = clashes(&cx.sess);
    no_double_booking(cx, &clashes, out);
    venues_no_double_booking(cx, &clashes, out);
    speakers_no_double_booking(cx, &clashes, out);
    max_sessions_per_person_per_week(cx, out);
    max_sessions_per_speaker(cx, out);
    session_kinds_per_month(cx, out);
    session_kinds_with_kind(cx, out);
    session_kinds_per_semester(cx, out);
    session_kinds_max_per_semester(cx, out);
    session_kinds_per_unit_min(cx, out);
    session_kinds_per_unit_max(cx, out);
    session_kinds_per_unit_duty_max(cx, out);
    session_kinds_days_apart(cx, out);
    session_kinds_required(cx, out);
    plan_duplicate_ids(cx, out);
}

/// `plan.duplicate_ids` in `sessions`: each session id once.
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &cx.sess {
        *n.entry(s.s.id.as_str()).or_default() += 1;
    }
    for (id, k) in n {
        if k > 1 {
            out.add(
                "plan.duplicate_ids",
                Some(id),
                None,
                format!("会话编号 {id} 出现 {k} 次"),
                format!("session id `{id}` appears {k} times"),
            );
        }
    }
}

/// Sessions by (date, slot).
fn by_time(sess: &[Sess<'_>]) -> BTreeMap<(NaiveDate, usize), Vec<usize>> {
    let mut m: BTreeMap<(NaiveDate, usize), Vec<usize>> = BTreeMap::new();
    for (i, s) in sess.iter().enumerate() {
        if let Some(d) = s.date {
            for &sl in &s.slots {
                m.entry((d, sl)).or_default().push(i);
            }
        }
    }
    m
}

/// Pairs of sessions `(i, j)` (indices into the sessions, `i` listed first) that share a date and
/// slot, with the first such date and slot.
type Clashes = BTreeMap<(usize, usize), (NaiveDate, usize)>;

/// Every pair of sessions that meet in one date and slot.
fn clashes(sess: &[Sess<'_>]) -> Clashes {
    let mut pairs = Clashes::new();
    for (&(d, sl), list) in &by_time(sess) {
        for (x, &i) in list.iter().enumerate() {
            for &j in list[x + 1..].iter().filter(|&&j| j != i) {
                pairs.entry((i, j)).or_insert((d, sl));
            }
        }
    }
    pairs
}

/// The two sessions of a clash, their ids and `date slot` for messages.
fn clash<'c, 'a>(
    cx: &'c Ctx<'a>,
    (i, j): (usize, usize),
    (d, sl): (NaiveDate, usize),
) -> (&'c Sess<'a>, &'c Sess<'a>, String) {
    (
        &cx.sess[i],
        &cx.sess[j],
        format!("{d} {}", cx.slot_name(sl)),
    )
}

/// `calendar.no_double_booking`: nobody attends two sessions in one date and slot.
fn no_double_booking(cx: &Ctx<'_>, clashes: &Clashes, out: &mut Out) {
    for (&ij, &at) in clashes {
        let (a, b, when) = clash(cx, ij, at);
        let (ida, idb) = (a.s.id.as_str(), b.s.id.as_str());
        let bset: BTreeSet<PersonIdx> = b.attendees.iter().copied().collect();
        let both: Vec<PersonIdx> = a
            .attendees
            .iter()
            .copied()
            .filter(|p| bset.contains(p))
            .collect();
        if both.is_empty() {
            continue;
        }
        let person = match both.as_slice() {
            [p] => Some(cx.inputs.scenario.people[*p].id.as_str()),
            _ => None,
        };
        out.add(
            "calendar.no_double_booking",
            Some(ida),
            person,
            format!(
                "会话 {ida} 与 {idb} 同在 {when}，{} 人同时参加：{}",
                both.len(),
                cx.pnames(&both)
            ),
            format!(
                "sessions {ida} and {idb} are both at {when}, and {} people attend both: {}",
                both.len(),
                cx.pnames(&both)
            ),
        );
    }
}

/// `venues.no_double_booking`: a venue holds one session in a date and slot.
fn venues_no_double_booking(cx: &Ctx<'_>, clashes: &Clashes, out: &mut Out) {
    for (&ij, &at) in clashes {
        let (a, b, when) = clash(cx, ij, at);
        let (ida, idb) = (a.s.id.as_str(), b.s.id.as_str());
        if let (Some(va), Some(vb)) = (&a.s.venue, &b.s.venue)
            && va == vb
        {
            out.add(
                "venues.no_double_booking",
                Some(ida),
                None,
                format!("场地 {va} 在 {when} 同时安排了会话 {ida} 与 {idb}"),
                format!("venue `{va}` holds both {ida} and {idb} at {when}"),
            );
        }
    }
}

/// `speakers.no_double_booking`: a speaker or visit serves one session in a date and slot (online
/// courses may be shared).
fn speakers_no_double_booking(cx: &Ctx<'_>, clashes: &Clashes, out: &mut Out) {
    let needs_person = |s: &Sess<'_>| {
        s.kind.is_some_and(|k| {
            matches!(
                cx.inputs.rules.session_kinds[k].speaker,
                SpeakerNeed::RoleModel | SpeakerNeed::Expert | SpeakerNeed::Visit
            )
        })
    };
    for (&ij, &at) in clashes {
        let (a, b, when) = clash(cx, ij, at);
        let (ida, idb) = (a.s.id.as_str(), b.s.id.as_str());
        if let (Some(sa), Some(sb)) = (&a.s.speaker, &b.s.speaker)
            && sa == sb
            && needs_person(a)
            && needs_person(b)
        {
            out.add(
                "speakers.no_double_booking",
                Some(ida),
                None,
                format!("主讲人/考察单位 {sa} 在 {when} 同时用于会话 {ida} 与 {idb}"),
                format!("speaker or visit `{sa}` serves both {ida} and {idb} at {when}"),
            );
        }
    }
}

/// `calendar.max_sessions_per_person_per_week`: nobody attends more than so many sessions in a
/// week of the semester.
fn max_sessions_per_person_per_week(cx: &Ctx<'_>, out: &mut Out) {
    let cap = cx.inputs.rules.calendar.max_sessions_per_person_per_week as usize;
    let mut load: BTreeMap<(PersonIdx, usize), Vec<&str>> = BTreeMap::new();
    for s in &cx.sess {
        let Some(d) = s.date else { continue };
        let w = cx.cal.week_of(d);
        for &p in &s.attendees {
            load.entry((p, w)).or_default().push(s.s.id.as_str());
        }
    }
    for ((p, w), ids) in load {
        if ids.len() > cap {
            let monday = cx.cal.first_monday + chrono::Days::new(7 * w as u64);
            out.add(
                "calendar.max_sessions_per_person_per_week",
                None,
                Some(&cx.inputs.scenario.people[p].id),
                format!(
                    "{} 在第 {} 周（{monday} 起）参加 {} 场培训（{}），超过每周 {cap} 场",
                    cx.pname(p),
                    w + 1,
                    ids.len(),
                    ids.join(", ")
                ),
                format!(
                    "{} attends {} sessions in week {} (from {monday}): {}; the cap is {cap}",
                    cx.pname(p),
                    ids.len(),
                    w + 1,
                    ids.join(", ")
                ),
            );
        }
    }
}

/// `calendar.max_sessions_per_speaker`: an invited speaker (a `[[speakers]]` entry; visits and
/// online courses do not count) gives at most so many sessions in the semester.
fn max_sessions_per_speaker(cx: &Ctx<'_>, out: &mut Out) {
    let Some(cap) = cx.inputs.rules.calendar.max_sessions_per_speaker else {
        return;
    };
    let mut given: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for s in &cx.sess {
        if let Some(Resource::Speaker(i)) = s.resource {
            given.entry(i).or_default().push(s.s.id.as_str());
        }
    }
    for (i, ids) in given {
        if ids.len() > cap as usize {
            let sp = &cx.inputs.scenario.speakers[i];
            out.add(
                "calendar.max_sessions_per_speaker",
                None,
                None,
                format!(
                    "主讲人 {} {} 本学期主讲 {} 场（{}），超过每人 {cap} 场",
                    sp.id,
                    sp.name,
                    ids.len(),
                    ids.join(", ")
                ),
                format!(
                    "speaker {} {} gives {} sessions this semester ({}); the cap is {cap}",
                    sp.id,
                    sp.name,
                    ids.len(),
                    ids.join(", ")
                ),
            );
        }
    }
}

/// Usable days per calendar month (year, month).
fn usable_days(cx: &Ctx<'_>) -> BTreeMap<(i32, u32), u32> {
    let mut m: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    for d in &cx.cal.days {
        *m.entry((d.date.year(), d.date.month())).or_default() += 1;
    }
    m
}

/// `session_kinds.<kind>.per_month`: exactly so many sessions of the kind in each calendar month
/// with enough usable days (per staffed studio for studio sessions).
fn session_kinds_per_month(cx: &Ctx<'_>, out: &mut Out) {
    let kinds = &cx.inputs.rules.session_kinds;
    let days = usable_days(cx);
    for (ki, k) in kinds.iter().enumerate() {
        let Some(want) = k.per_month else { continue };
        // A kind held with another (`with_kind`) follows that kind's months too.
        let min_days = k
            .with_kind
            .and_then(|w| kinds.get(w))
            .map_or(k.per_month_min_days, |w| {
                w.per_month_min_days.max(k.per_month_min_days)
            });
        // For studio sessions the count is per staffed studio.
        let scopes: Vec<Option<&str>> = if k.audience_mode == AudienceMode::Studio {
            cx.teams.keys().map(|d| Some(d.as_str())).collect()
        } else {
            vec![None]
        };
        for scope in scopes {
            for (&(y, m), &n) in &days {
                if n < min_days {
                    continue;
                }
                let held: Vec<&str> = cx
                    .sess
                    .iter()
                    .filter(|s| s.kind == Some(ki))
                    .filter(|s| s.date.is_some_and(|d| d.year() == y && d.month() == m))
                    .filter(|s| scope.is_none() || s.studio.as_deref() == scope)
                    .map(|s| s.s.id.as_str())
                    .collect();
                if held.len() != want as usize {
                    let list = if held.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", held.join(", "))
                    };
                    let (sc_zh, sc_en) = match scope {
                        Some(d) => (format!("工作室 {d} "), format!(" for studio `{d}`")),
                        None => (String::new(), String::new()),
                    };
                    out.add(
                        format!("session_kinds.{}.per_month", k.id),
                        None,
                        None,
                        format!(
                            "{y} 年 {m} 月（{n} 个可用日）{sc_zh}应有 {want} 场{}，实有 {} 场{list}",
                            k.zh,
                            held.len(),
                        ),
                        format!(
                            "{y}-{m:02} ({n} usable days) needs exactly {want} `{}` session(s){sc_en}, the plan has {}{list}",
                            k.id,
                            held.len(),
                        ),
                    );
                }
            }
        }
    }
}

/// `session_kinds.<kind>.with_kind`: a session of a kind held with another follows a session of
/// that kind on the same day, in the next slot; for studio sessions, each staffed studio has
/// exactly one after each.
fn session_kinds_with_kind(cx: &Ctx<'_>, out: &mut Out) {
    let kinds = &cx.inputs.rules.session_kinds;
    let sess = &cx.sess;
    for (ki, k) in kinds.iter().enumerate() {
        let Some(wi) = k.with_kind else { continue };
        let Some(w) = kinds.get(wi) else { continue };
        let rule = format!("session_kinds.{}.with_kind", k.id);
        // Which W-session each K-session follows.
        let mut attached: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, s) in sess.iter().enumerate() {
            if s.kind != Some(ki) {
                continue;
            }
            let (Some(d), Some(&first)) = (s.date, s.slots.first()) else {
                continue;
            };
            let host = sess.iter().position(|h| {
                h.kind == Some(wi)
                    && h.date == Some(d)
                    && h.slots.last().is_some_and(|&l| l + 1 == first)
            });
            match host {
                Some(j) => attached.entry(j).or_default().push(i),
                None => out.add(
                    rule.clone(),
                    Some(&s.s.id),
                    None,
                    format!(
                        "会话 {}（{}）应紧接在同日一场{}之后，{d} {} 之前没有",
                        s.s.id,
                        k.zh,
                        w.zh,
                        cx.slot_name(first)
                    ),
                    format!(
                        "session {} ({}) must be on the same day as a `{}` session, in the slot right after it; \
                         there is none just before {d} {}",
                        s.s.id,
                        k.id,
                        w.id,
                        cx.slot_name(first)
                    ),
                ),
            }
        }
        if k.audience_mode != AudienceMode::Studio {
            continue;
        }
        // Each staffed studio has exactly one K-session per W-session.
        for (j, h) in sess.iter().enumerate() {
            if h.kind != Some(wi) || h.date.is_none() {
                continue;
            }
            let after = attached.get(&j).map_or(&[][..], Vec::as_slice);
            for duty in cx.teams.keys() {
                let n = after
                    .iter()
                    .filter(|&&i| sess[i].studio.as_deref() == Some(duty.as_str()))
                    .count();
                if n != 1 {
                    out.add(
                        rule.clone(),
                        Some(&h.s.id),
                        None,
                        format!("{}（会话 {}）之后，工作室 {duty} 应有 1 场{}，实有 {n} 场", w.zh, h.s.id, k.zh),
                        format!(
                            "after `{}` session {}, studio `{duty}` needs exactly one `{}` session, the plan has {n}",
                            w.id, h.s.id, k.id
                        ),
                    );
                }
            }
        }
    }
}

/// `session_kinds.<kind>.per_semester`: exactly so many sessions of the kind in the semester.
fn session_kinds_per_semester(cx: &Ctx<'_>, out: &mut Out) {
    for (ki, k) in cx.inputs.rules.session_kinds.iter().enumerate() {
        let n = count(cx, ki);
        if let Some(want) = k.per_semester
            && n != want as usize
        {
            out.add(
                format!("session_kinds.{}.per_semester", k.id),
                None,
                None,
                format!("本学期应有 {want} 场{}，实有 {n} 场", k.zh),
                format!(
                    "the semester needs exactly {want} `{}` session(s), the plan has {n}",
                    k.id
                ),
            );
        }
    }
}

/// `session_kinds.<kind>.max_per_semester`: at most so many sessions of the kind in the semester.
fn session_kinds_max_per_semester(cx: &Ctx<'_>, out: &mut Out) {
    for (ki, k) in cx.inputs.rules.session_kinds.iter().enumerate() {
        let n = count(cx, ki);
        if let Some(max) = k.max_per_semester
            && n > max as usize
        {
            out.add(
                format!("session_kinds.{}.max_per_semester", k.id),
                None,
                None,
                format!("本学期{}至多 {max} 场，实有 {n} 场", k.zh),
                format!(
                    "at most {max} `{}` session(s) per semester, the plan has {n}",
                    k.id
                ),
            );
        }
    }
}

/// `session_kinds.<kind>.per_unit_min`: each training unit has at least so many sessions of a
/// unit kind.
fn session_kinds_per_unit_min(cx: &Ctx<'_>, out: &mut Out) {
    for (ki, k) in cx.inputs.rules.session_kinds.iter().enumerate() {
        let Some(min) = k.per_unit_min else { continue };
        if k.audience_mode != AudienceMode::Unit {
            continue;
        }
        for unit in cx.units.members.keys() {
            let m = count_in_unit(cx, ki, unit);
            if m < min as usize {
                out.add(
                    format!("session_kinds.{}.per_unit_min", k.id),
                    None,
                    None,
                    format!("培训单元 {unit} 应至少有 {min} 场{}，实有 {m} 场", k.zh),
                    format!(
                        "unit {unit} needs at least {min} `{}` session(s), the plan has {m}",
                        k.id
                    ),
                );
            }
        }
    }
}

/// `session_kinds.<kind>.per_unit_max`: each training unit has at most so many sessions of a unit
/// kind.
fn session_kinds_per_unit_max(cx: &Ctx<'_>, out: &mut Out) {
    for (ki, k) in cx.inputs.rules.session_kinds.iter().enumerate() {
        let Some(max) = k.per_unit_max else { continue };
        if k.audience_mode != AudienceMode::Unit {
            continue;
        }
        for unit in cx.units.members.keys() {
            let m = count_in_unit(cx, ki, unit);
            if m > max as usize {
                out.add(
                    format!("session_kinds.{}.per_unit_max", k.id),
                    None,
                    None,
                    format!("培训单元 {unit} 至多 {max} 场{}，实有 {m} 场", k.zh),
                    format!(
                        "unit {unit} may have at most {max} `{}` session(s), the plan has {m}",
                        k.id
                    ),
                );
            }
        }
    }
}

/// `session_kinds.<kind>.min_days_apart` and `max_days_apart`: consecutive sessions of the kind
/// (by date; sessions without a readable date are not counted) are at least / at most so many
/// days apart. One violation per pair.
fn session_kinds_days_apart(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (ki, k) in rules.session_kinds.iter().enumerate() {
        if k.min_days_apart.is_none() && k.max_days_apart.is_none() {
            continue;
        }
        let mut dated: Vec<(chrono::NaiveDate, &str)> = cx
            .sess
            .iter()
            .filter(|s| s.kind == Some(ki))
            .filter_map(|s| Some((s.date?, s.s.id.as_str())))
            .collect();
        dated.sort_unstable();
        for w in dated.windows(2) {
            let ((d0, a), (d1, b)) = (w[0], w[1]);
            let days = (d1 - d0).num_days();
            if let Some(min) = k.min_days_apart
                && days < i64::from(min)
            {
                out.add(
                    format!("session_kinds.{}.min_days_apart", k.id),
                    Some(b),
                    None,
                    format!("“{}” {a}（{d0}）与 {b}（{d1}）只隔 {days} 天，至少应隔 {min} 天", k.zh),
                    format!("`{}` {a} ({d0}) and {b} ({d1}) are {days} days apart, at least {min} required", k.id),
                );
            }
            if let Some(max) = k.max_days_apart
                && days > i64::from(max)
            {
                out.add(
                    format!("session_kinds.{}.max_days_apart", k.id),
                    Some(b),
                    None,
                    format!("“{}” {a}（{d0}）与 {b}（{d1}）相隔 {days} 天，至多应隔 {max} 天", k.zh),
                    format!("`{}` {a} ({d0}) and {b} ({d1}) are {days} days apart, at most {max} allowed", k.id),
                );
            }
        }
    }
}

/// `session_kinds.<kind>.per_unit_duty_max`: each training unit has at most so many sessions of a
/// unit kind on one duty (sessions without a known duty are not counted).
fn session_kinds_per_unit_duty_max(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    for (ki, k) in rules.session_kinds.iter().enumerate() {
        let Some(max) = k.per_unit_duty_max else {
            continue;
        };
        if k.audience_mode != AudienceMode::Unit {
            continue;
        }
        let mut held: BTreeMap<(&str, DutyIdx), Vec<&str>> = BTreeMap::new();
        for s in &cx.sess {
            if s.kind == Some(ki)
                && let (Some(u), Some(d)) = (s.unit.as_deref(), s.duty)
            {
                held.entry((u, d)).or_default().push(s.s.id.as_str());
            }
        }
        for ((unit, d), ids) in held {
            if ids.len() > max as usize {
                let duty = &rules.duties[d];
                out.add(
                    format!("session_kinds.{}.per_unit_duty_max", k.id),
                    None,
                    None,
                    format!(
                        "培训单元 {unit} 有 {} 场“{}”的{}（{}），每个职责至多 {max} 场",
                        ids.len(),
                        duty.zh,
                        k.zh,
                        ids.join(", ")
                    ),
                    format!(
                        "unit {unit} has {} `{}` sessions on `{}` ({}); at most {max} per duty",
                        ids.len(),
                        k.id,
                        duty.id,
                        ids.join(", ")
                    ),
                );
            }
        }
    }
}

/// `session_kinds.<kind>.required`: a required kind is held at least once, unless nothing could
/// hold it (a studio kind with no staffed studio, a unit kind with no unit).
fn session_kinds_required(cx: &Ctx<'_>, out: &mut Out) {
    for (ki, k) in cx.inputs.rules.session_kinds.iter().enumerate() {
        let impossible = match k.audience_mode {
            AudienceMode::Studio => cx.teams.is_empty(),
            AudienceMode::Unit => cx.units.members.is_empty(),
            _ => false,
        };
        if k.required && count(cx, ki) == 0 && !impossible {
            out.add(
                format!("session_kinds.{}.required", k.id),
                None,
                None,
                format!("必须举办的{}一场也没有安排", k.zh),
                format!(
                    "`{}` is required (required = true) and the plan holds none",
                    k.id
                ),
            );
        }
    }
}

/// How many sessions of a kind the plan holds.
fn count(cx: &Ctx<'_>, ki: KindIdx) -> usize {
    cx.sess.iter().filter(|s| s.kind == Some(ki)).count()
}

/// How many sessions of a kind the plan holds for a training unit.
fn count_in_unit(cx: &Ctx<'_>, ki: KindIdx, unit: &str) -> usize {
    cx.sess
        .iter()
        .filter(|s| s.kind == Some(ki) && s.unit.as_deref() == Some(unit))
        .count()
}
