//! Each session on its own: its kind, day and slots, duty, audience and attendees, speaker, venue,
//! cost, fund, and (for the camp) the camp window. The costs recomputed here are authoritative for
//! the budget; the attendees listed here feed loads, hours and coverage.
//!
//! Rule ids: `calendar.allow_weekends` / `calendar.allow_holidays` / `calendar.allow_exam_weeks` /
//! `calendar.semester` (the day), `session_kinds.<kind>.slots`, `session_kinds.<kind>.duty_mode`,
//! `session_kinds.<kind>.audience_mode` (the `audience` key), `session_kinds.<kind>.audience` (the
//! attendees the audience implies), `session_kinds.<kind>.speaker`, `speakers.dates`,
//! `speakers.duties`, `visits.dates`, `visits.duties`, `visits.max_attendees`,
//! `online_courses.open_from`, `online_courses.open_to`, `online_courses.duties`,
//! `venues.required`, `venues.capacity`, `venues.campus`, `budget.session_fund`,
//! `calendar.camp_window_weeks`, and plan consistency: `plan.cost`, `plan.hours`, `plan.session`,
//! `plan.format`, `plan.references`, `plan.duplicate_ids`.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::{
    AudienceMode, DutyIdx, DutyMode, KindIdx, Level, PersonIdx, Platform, SessionKind, SpeakerNeed,
};
use crate::wire::{SessionOut, money};

use super::studios::Teams;
use super::two_level::Units;
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
}

pub(super) fn check<'a>(
    cx: &Ctx<'a>,
    units: &Units,
    teams: &Teams,
    out: &mut Out,
) -> Vec<Sess<'a>> {
    cx.plan
        .sessions
        .iter()
        .map(|s| one(cx, units, teams, s, out))
        .collect()
}

fn one<'a>(
    cx: &Ctx<'a>,
    units: &Units,
    teams: &Teams,
    s: &'a SessionOut,
    out: &mut Out,
) -> Sess<'a> {
    let sc = &cx.inputs.scenario;
    let rules = &cx.inputs.rules;
    let sid = Some(s.id.as_str());
    let here = format!("会话 {}", s.id);
    let here_en = format!("session {}", s.id);

    // Attendees: known ids, each once.
    let mut attendees: Vec<PersonIdx> = Vec::new();
    let mut dup: BTreeSet<&str> = BTreeSet::new();
    for a in &s.attendees {
        match cx.person.get(a.as_str()) {
            Some(&p) if attendees.contains(&p) => {
                dup.insert(a.as_str());
            }
            Some(&p) => attendees.push(p),
            None => out.unknown(
                "人员",
                "person",
                a,
                &format!("sessions {} attendees", s.id),
                sid,
            ),
        }
    }
    attendees.sort_unstable();
    if !dup.is_empty() {
        let list = dup.into_iter().collect::<Vec<_>>().join(", ");
        out.add(
            "plan.duplicate_ids",
            sid,
            None,
            format!("{here} 的参训人员重复列出：{list}"),
            format!("{here_en} lists attendees more than once: {list}"),
        );
    }

    let date = parse_date(&s.date);
    if date.is_none() {
        out.add(
            "plan.format",
            sid,
            None,
            format!("{here} 的日期 “{}” 不是 ISO 日期（如 2026-10-12）", s.date),
            format!(
                "{here_en}: date `{}` is not an ISO date such as 2026-10-12",
                s.date
            ),
        );
    }

    let mut sess = Sess {
        s,
        kind: None,
        date,
        slots: Vec::new(),
        attendees,
        duty: None,
        cost: 0.0,
        unit: None,
        studio: None,
    };

    if let Some(d) = &s.duty {
        match cx.duty.get(d.as_str()) {
            Some(&di) => sess.duty = Some(di),
            None => out.unknown("职责", "duty", d, &format!("sessions {}", s.id), sid),
        }
    }
    let start_slot = cx.slot.get(s.slot.as_str()).copied();
    if start_slot.is_none() {
        out.unknown("时段", "slot", &s.slot, &format!("sessions {}", s.id), sid);
    }

    // The day.
    if let Some(d) = date {
        let st = crate::domain::calendar::day_status(&sc.semester, d);
        if let Err(rule) = st.usable(&rules.calendar) {
            let rule = if rule == "semester" {
                "calendar.semester"
            } else {
                rule
            };
            out.add(
                rule,
                sid,
                None,
                format!("{here} 安排在 {d}，该日为{}，不能安排培训", st.describe()),
                format!(
                    "{here_en} is on {d}, a day that cannot hold sessions: {}",
                    st.describe()
                ),
            );
        }
    }

    let Some(&ki) = cx.kind.get(s.kind.as_str()) else {
        out.unknown(
            "培训类型",
            "session kind",
            &s.kind,
            &format!("sessions {}", s.id),
            sid,
        );
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
    sess.kind = Some(ki);
    let k = &rules.session_kinds[ki];
    let kr = |key: &str| format!("session_kinds.{}.{key}", k.id);

    // Fields the kind fixes.
    if s.platform != k.platform.as_str() || s.level != k.level.as_str() {
        out.add(
            "plan.session",
            sid,
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
    if (s.hours - k.hours).abs() > 1e-6 {
        out.add(
            "plan.hours",
            sid,
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

    // Slots: kind.slots consecutive slots from `slot`, within the day.
    let nslots = rules.calendar.slots.len();
    if let Some(first) = start_slot {
        let want = k.slots as usize;
        let expected: Vec<usize> = (first..first + want).collect();
        if first + want > nslots {
            out.add(
                kr("slots"),
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
            sess.slots = (first..nslots).collect();
        } else {
            sess.slots = expected.clone();
        }
        if !s.slots.is_empty() {
            let listed: Vec<Option<usize>> = s
                .slots
                .iter()
                .map(|x| cx.slot.get(x.as_str()).copied())
                .collect();
            for (x, l) in s.slots.iter().zip(&listed) {
                if l.is_none() {
                    out.unknown("时段", "slot", x, &format!("sessions {} slots", s.id), sid);
                }
            }
            if listed.iter().copied().collect::<Option<Vec<_>>>().as_ref() != Some(&expected) {
                let want_ids: Vec<&str> = expected
                    .iter()
                    .filter_map(|&i| rules.calendar.slots.get(i).map(|x| x.id.as_str()))
                    .collect();
                out.add(
                    kr("slots"),
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

    // Audience and the attendees it implies.
    let expected = audience(cx, units, teams, k, &kr, &mut sess, out);
    if let Some(exp) = expected {
        let have: BTreeSet<PersonIdx> = sess.attendees.iter().copied().collect();
        let missing: Vec<PersonIdx> = exp.difference(&have).copied().collect();
        let extra: Vec<PersonIdx> = have.difference(&exp).copied().collect();
        if !missing.is_empty() || !extra.is_empty() {
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
            out.add(
                kr("audience"),
                sid,
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

    // Duty.
    duty(k, &kr, &sess, out);

    // Speaker, visit or online course.
    let n = s.attendees.len() as f64;
    let mut cost = k.fixed_cost + k.per_attendee_cost * n;
    cost += speaker(cx, k, &kr, &sess, out);

    // Venue.
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
    if let Some(v) = &s.venue {
        match cx.venue.get(v.as_str()) {
            None => out.unknown("场地", "venue", v, &format!("sessions {}", s.id), sid),
            Some(&vi) => {
                let venue = &sc.venues[vi];
                cost += venue.cost * f64::from(k.slots);
                if s.attendees.len() > venue.capacity as usize {
                    out.add(
                        "venues.capacity",
                        sid,
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
                if let Some(u) = &sess.unit {
                    let campuses = units.campuses(cx, u);
                    if !campuses.contains(&venue.campus) {
                        let names: Vec<&str> = campuses
                            .iter()
                            .map(|&c| sc.campuses[c].id.as_str())
                            .collect();
                        out.add(
                            "venues.campus",
                            sid,
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
            }
        }
    }
    sess.cost = money(cost);
    if !s.cost.is_finite() || !money_eq(s.cost, sess.cost) {
        out.add(
            "plan.cost",
            sid,
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

    // Fund.
    let want_fund = match k.level {
        Level::School => Some("school".to_string()),
        Level::College => sess.unit.clone(),
    };
    if let Some(f) = want_fund
        && s.fund != f
    {
        out.add(
            "budget.session_fund",
            sid,
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

    // The camp window.
    if k.platform == Platform::Camp
        && let Some(d) = date
        && !cx.cal.in_camp_window(d)
    {
        let (a, b) = cx.cal.camp_window;
        out.add(
            "calendar.camp_window_weeks",
            sid,
            None,
            format!("{here}（训练营）安排在 {d}，不在训练营窗口 {a} 至 {b} 内"),
            format!("{here_en} (camp) is on {d}, outside the camp window {a} .. {b}"),
        );
    }
    sess
}

/// Check the `audience` key; return the people it implies, when that is determined.
fn audience(
    cx: &Ctx<'_>,
    units: &Units,
    teams: &Teams,
    k: &SessionKind,
    kr: &dyn Fn(&str) -> String,
    sess: &mut Sess<'_>,
    out: &mut Out,
) -> Option<BTreeSet<PersonIdx>> {
    let rules = &cx.inputs.rules;
    let s = sess.s;
    let sid = Some(s.id.as_str());
    let here = format!("会话 {}", s.id);
    let here_en = format!("session {}", s.id);
    let groups_of = |ids: &[usize]| -> BTreeSet<PersonIdx> {
        ids.iter().flat_map(|&g| cx.profiles.members(g)).collect()
    };
    let kind_groups: Vec<&str> = k
        .audience
        .iter()
        .map(|&g| rules.groups[g].id.as_str())
        .collect();
    let bad = |out: &mut Out, want_zh: String, want_en: String| {
        out.add(
            kr("audience_mode"),
            sid,
            None,
            format!("{here} 的对象 [{}] 不对：{want_zh}", s.audience.join(", ")),
            format!(
                "{here_en}: audience [{}] is wrong: {want_en}",
                s.audience.join(", ")
            ),
        );
    };
    match k.audience_mode {
        AudienceMode::All | AudienceMode::ChooseOne => {
            for a in &s.audience {
                if !cx.group.contains_key(a.as_str()) {
                    out.unknown(
                        "群体",
                        "group",
                        a,
                        &format!("sessions {} audience", s.id),
                        sid,
                    );
                }
            }
            if k.audience_mode == AudienceMode::All {
                let want: BTreeSet<&str> = kind_groups.iter().copied().collect();
                let have: BTreeSet<&str> = s.audience.iter().map(String::as_str).collect();
                if want != have || have.len() != s.audience.len() {
                    bad(
                        out,
                        format!("应恰为 [{}]（audience_mode = all）", kind_groups.join(", ")),
                        format!(
                            "it must be exactly [{}] (audience_mode = all)",
                            kind_groups.join(", ")
                        ),
                    );
                }
                Some(groups_of(&k.audience))
            } else {
                let one = match s.audience.as_slice() {
                    [g] => cx
                        .group
                        .get(g.as_str())
                        .copied()
                        .filter(|gi| k.audience.contains(gi)),
                    _ => None,
                };
                if one.is_none() {
                    bad(
                        out,
                        format!(
                            "应为 [{}] 中的一个群体（audience_mode = choose_one）",
                            kind_groups.join(", ")
                        ),
                        format!(
                            "it must be one group of [{}] (audience_mode = choose_one)",
                            kind_groups.join(", ")
                        ),
                    );
                }
                one.map(|g| groups_of(&[g]))
            }
        }
        AudienceMode::Studio => {
            let duty = match s.audience.as_slice() {
                [a] => a.strip_prefix("studio:"),
                _ => None,
            };
            let Some(duty) = duty else {
                bad(
                    out,
                    "应为 [\"studio:<职责>\"]".into(),
                    "it must be [\"studio:<duty>\"]".into(),
                );
                return None;
            };
            sess.studio = Some(duty.to_string());
            match teams.get(duty) {
                Some(team) => Some(team.iter().copied().collect()),
                None if !cx.duty.contains_key(duty) => {
                    out.unknown(
                        "职责",
                        "duty",
                        duty,
                        &format!("sessions {} audience", s.id),
                        sid,
                    );
                    None
                }
                None => {
                    bad(
                        out,
                        format!("职责 {duty} 的工作室没有负责人和团队"),
                        format!("the studio of `{duty}` is not staffed (no lead, no team)"),
                    );
                    None
                }
            }
        }
        AudienceMode::Unit => {
            let unit = match s.audience.as_slice() {
                [a] => a.strip_prefix("unit:"),
                _ => None,
            };
            let Some(unit) = unit else {
                bad(
                    out,
                    "应为 [\"unit:<培训单元>\"]".into(),
                    "it must be [\"unit:<unit id>\"]".into(),
                );
                return None;
            };
            if units.members.contains_key(unit) {
                sess.unit = Some(unit.to_string());
                Some(units.people(cx, unit))
            } else if cx.college.contains_key(unit) {
                bad(
                    out,
                    format!("{unit} 不是培训单元（联合培训或随堂参训的学院随其单元参训）"),
                    format!(
                        "`{unit}` is not a training unit (a joint or guest college trains with its unit)"
                    ),
                );
                None
            } else {
                out.unknown(
                    "培训单元",
                    "training unit",
                    unit,
                    &format!("sessions {} audience", s.id),
                    sid,
                );
                None
            }
        }
    }
}

fn duty(k: &SessionKind, kr: &dyn Fn(&str) -> String, sess: &Sess<'_>, out: &mut Out) {
    let s = sess.s;
    let sid = Some(s.id.as_str());
    let here = format!("会话 {}", s.id);
    let here_en = format!("session {}", s.id);
    match (k.duty_mode, &s.duty) {
        (DutyMode::None, Some(d)) => out.add(
            kr("duty_mode"),
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
            kr("duty_mode"),
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
                    kr("duty_mode"),
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

/// Check the speaker, visit or online course; return its cost (fee, or per-person cost × attendees).
fn speaker(
    cx: &Ctx<'_>,
    k: &SessionKind,
    kr: &dyn Fn(&str) -> String,
    sess: &Sess<'_>,
    out: &mut Out,
) -> f64 {
    let sc = &cx.inputs.scenario;
    let rules = &cx.inputs.rules;
    let s = sess.s;
    let sid = Some(s.id.as_str());
    let here = format!("会话 {}", s.id);
    let here_en = format!("session {}", s.id);
    let n = s.attendees.len();
    let check_duty = k.duty_mode == DutyMode::Speaker;
    let duty_zh = |d: DutyIdx| rules.duties[d].zh.clone();
    let need_word = match k.speaker {
        SpeakerNeed::None => "none",
        SpeakerNeed::RoleModel => "role_model",
        SpeakerNeed::Expert => "expert",
        SpeakerNeed::Visit => "visit",
        SpeakerNeed::Online => "online",
    };
    let Some(id) = s.speaker.as_deref() else {
        if k.speaker != SpeakerNeed::None {
            out.add(
                kr("speaker"),
                sid,
                None,
                format!("{here}（{}）需要{}，计划未安排", k.id, need_zh(k.speaker)),
                format!(
                    "{here_en} ({}) needs a speaker of kind `{need_word}` and names none",
                    k.id
                ),
            );
        }
        return 0.0;
    };
    match k.speaker {
        SpeakerNeed::None => {
            out.add(
                kr("speaker"),
                sid,
                None,
                format!("{here}（{}）不需要主讲人，计划却写了 {id}", k.id),
                format!(
                    "{here_en} ({}) takes no speaker (speaker = none) but names `{id}`",
                    k.id
                ),
            );
            0.0
        }
        SpeakerNeed::RoleModel | SpeakerNeed::Expert => {
            let Some(&i) = cx.speaker.get(id) else {
                out.unknown("主讲人", "speaker", id, &format!("sessions {}", s.id), sid);
                return 0.0;
            };
            let sp = &sc.speakers[i];
            let want_rm = k.speaker == SpeakerNeed::RoleModel;
            if sp.role_model != want_rm {
                out.add(
                    kr("speaker"),
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
            if let Some(d) = sess.date
                && !sp.dates.contains(&d)
            {
                out.add(
                    "speakers.dates",
                    sid,
                    None,
                    format!("{here}：主讲人 {} {} 在 {d} 没有空", sp.id, sp.name),
                    format!(
                        "{here_en}: speaker {} {} is not available on {d}",
                        sp.id, sp.name
                    ),
                );
            }
            if check_duty
                && let Some(d) = sess.duty
                && !sp.duties.contains(&d)
            {
                out.add(
                    "speakers.duties",
                    sid,
                    None,
                    format!(
                        "{here}：主讲人 {} {} 不讲授“{}”",
                        sp.id,
                        sp.name,
                        duty_zh(d)
                    ),
                    format!(
                        "{here_en}: speaker {} {} does not teach `{}`",
                        sp.id, sp.name, rules.duties[d].id
                    ),
                );
            }
            sp.fee
        }
        SpeakerNeed::Visit => {
            let Some(&i) = cx.visit.get(id) else {
                out.unknown("考察单位", "visit", id, &format!("sessions {}", s.id), sid);
                return 0.0;
            };
            let v = &sc.visits[i];
            if let Some(d) = sess.date
                && !v.dates.contains(&d)
            {
                out.add(
                    "visits.dates",
                    sid,
                    None,
                    format!("{here}：考察单位 {} {} 在 {d} 不接待", v.id, v.name),
                    format!(
                        "{here_en}: visit {} {} does not receive visitors on {d}",
                        v.id, v.name
                    ),
                );
            }
            if check_duty
                && let Some(d) = sess.duty
                && !v.duties.contains(&d)
            {
                out.add(
                    "visits.duties",
                    sid,
                    None,
                    format!(
                        "{here}：考察单位 {} {} 不涉及“{}”",
                        v.id,
                        v.name,
                        duty_zh(d)
                    ),
                    format!(
                        "{here_en}: visit {} {} does not cover `{}`",
                        v.id, v.name, rules.duties[d].id
                    ),
                );
            }
            if n > v.max_attendees as usize {
                out.add(
                    "visits.max_attendees",
                    sid,
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
            v.cost_per_person * n as f64
        }
        SpeakerNeed::Online => {
            let Some(&i) = cx.online.get(id) else {
                out.unknown(
                    "线上课程",
                    "online course",
                    id,
                    &format!("sessions {}", s.id),
                    sid,
                );
                return 0.0;
            };
            let o = &sc.online_courses[i];
            if let Some(d) = sess.date {
                if d < o.open_from {
                    out.add(
                        "online_courses.open_from",
                        sid,
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
                if d > o.open_to {
                    out.add(
                        "online_courses.open_to",
                        sid,
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
            if check_duty
                && let Some(d) = sess.duty
                && !o.duties.contains(&d)
            {
                out.add(
                    "online_courses.duties",
                    sid,
                    None,
                    format!("{here}：线上课程 {} 不涉及“{}”", o.id, duty_zh(d)),
                    format!(
                        "{here_en}: online course {} does not cover `{}`",
                        o.id, rules.duties[d].id
                    ),
                );
            }
            o.cost_per_person * n as f64
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
