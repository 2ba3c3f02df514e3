//! Sessions together: nobody and nothing in two places at once, weekly loads, and how often each
//! kind of session happens.
//!
//! Rule ids: `calendar.no_double_booking` (a person in two sessions in one date and slot),
//! `venues.no_double_booking`, `speakers.no_double_booking` (a speaker or visit used twice in one
//! date and slot), `calendar.max_sessions_per_person_per_week`, and per kind
//! `session_kinds.<kind>.per_month`, `.with_kind`, `.per_semester`, `.max_per_semester`,
//! `.per_unit_min`, `.per_unit_max`, `.required`; duplicate session ids are `plan.duplicate_ids`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::{AudienceMode, PersonIdx, SpeakerNeed};

use super::sessions::Sess;
use super::studios::Teams;
use super::two_level::Units;
use super::{Ctx, Out};

pub(super) fn check(cx: &Ctx<'_>, units: &Units, teams: &Teams, sess: &[Sess<'_>], out: &mut Out) {
    duplicate_ids(sess, out);
    double_booking(cx, sess, out);
    weekly(cx, sess, out);
    per_month(cx, teams, sess, out);
    with_kind(cx, teams, sess, out);
    counts(cx, units, teams, sess, out);
}

fn duplicate_ids(sess: &[Sess<'_>], out: &mut Out) {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for s in sess {
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

fn double_booking(cx: &Ctx<'_>, sess: &[Sess<'_>], out: &mut Out) {
    let mut pairs: BTreeMap<(usize, usize), (NaiveDate, usize)> = BTreeMap::new();
    for (&(d, sl), list) in &by_time(sess) {
        for (x, &i) in list.iter().enumerate() {
            for &j in list[x + 1..].iter().filter(|&&j| j != i) {
                pairs.entry((i, j)).or_insert((d, sl));
            }
        }
    }
    for (&(i, j), &(d, sl)) in &pairs {
        let (a, b) = (&sess[i], &sess[j]);
        let (ida, idb) = (a.s.id.as_str(), b.s.id.as_str());
        let when = format!("{d} {}", cx.slot_name(sl));
        let bset: BTreeSet<PersonIdx> = b.attendees.iter().copied().collect();
        let both: Vec<PersonIdx> = a
            .attendees
            .iter()
            .copied()
            .filter(|p| bset.contains(p))
            .collect();
        if !both.is_empty() {
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
        let needs_person = |s: &Sess<'_>| {
            s.kind.is_some_and(|k| {
                matches!(
                    cx.inputs.rules.session_kinds[k].speaker,
                    SpeakerNeed::RoleModel | SpeakerNeed::Expert | SpeakerNeed::Visit
                )
            })
        };
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

fn weekly(cx: &Ctx<'_>, sess: &[Sess<'_>], out: &mut Out) {
    let cap = cx.inputs.rules.calendar.max_sessions_per_person_per_week as usize;
    let mut load: BTreeMap<(PersonIdx, usize), Vec<&str>> = BTreeMap::new();
    for s in sess {
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

/// Usable days per calendar month (year, month).
fn usable_days(cx: &Ctx<'_>) -> BTreeMap<(i32, u32), u32> {
    let mut m: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    for d in &cx.cal.days {
        *m.entry((d.date.year(), d.date.month())).or_default() += 1;
    }
    m
}

fn per_month(cx: &Ctx<'_>, teams: &Teams, sess: &[Sess<'_>], out: &mut Out) {
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
            teams.keys().map(|d| Some(d.as_str())).collect()
        } else {
            vec![None]
        };
        for scope in scopes {
            for (&(y, m), &n) in &days {
                if n < min_days {
                    continue;
                }
                let held: Vec<&str> = sess
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

fn with_kind(cx: &Ctx<'_>, teams: &Teams, sess: &[Sess<'_>], out: &mut Out) {
    let kinds = &cx.inputs.rules.session_kinds;
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
            for duty in teams.keys() {
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

fn counts(cx: &Ctx<'_>, units: &Units, teams: &Teams, sess: &[Sess<'_>], out: &mut Out) {
    for (ki, k) in cx.inputs.rules.session_kinds.iter().enumerate() {
        let mine: Vec<&Sess<'_>> = sess.iter().filter(|s| s.kind == Some(ki)).collect();
        let n = mine.len();
        let key = |x: &str| format!("session_kinds.{}.{x}", k.id);
        if let Some(want) = k.per_semester
            && n != want as usize
        {
            out.add(
                key("per_semester"),
                None,
                None,
                format!("本学期应有 {want} 场{}，实有 {n} 场", k.zh),
                format!(
                    "the semester needs exactly {want} `{}` session(s), the plan has {n}",
                    k.id
                ),
            );
        }
        if let Some(max) = k.max_per_semester
            && n > max as usize
        {
            out.add(
                key("max_per_semester"),
                None,
                None,
                format!("本学期{}至多 {max} 场，实有 {n} 场", k.zh),
                format!(
                    "at most {max} `{}` session(s) per semester, the plan has {n}",
                    k.id
                ),
            );
        }
        if (k.per_unit_min.is_some() || k.per_unit_max.is_some())
            && k.audience_mode == AudienceMode::Unit
        {
            for unit in units.members.keys() {
                let m = mine
                    .iter()
                    .filter(|s| s.unit.as_deref() == Some(unit.as_str()))
                    .count();
                if let Some(min) = k.per_unit_min
                    && m < min as usize
                {
                    out.add(
                        key("per_unit_min"),
                        None,
                        None,
                        format!("培训单元 {unit} 应至少有 {min} 场{}，实有 {m} 场", k.zh),
                        format!(
                            "unit {unit} needs at least {min} `{}` session(s), the plan has {m}",
                            k.id
                        ),
                    );
                }
                if let Some(max) = k.per_unit_max
                    && m > max as usize
                {
                    out.add(
                        key("per_unit_max"),
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
        let impossible = match k.audience_mode {
            AudienceMode::Studio => teams.is_empty(),
            AudienceMode::Unit => units.members.is_empty(),
            _ => false,
        };
        if k.required && n == 0 && !impossible {
            out.add(
                key("required"),
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
