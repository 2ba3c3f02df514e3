//! A re-plan checked against the plan it continues (`fudao check --plan NEW --base PUBLISHED`,
//! and every `fudao replan`), from the two plan files alone.
//!
//! Rule ids:
//! - `replan.past`: every published session dated before `base.today` is in the re-plan with the
//!   same id, kind, duty, audience, date, slot, venue and speaker; no other session is dated
//!   before it;
//! - `replan.pinned`: every pinned session is unchanged (date, slot, venue, speaker);
//! - `replan.ids`: a session not in the published plan has a number above every number the
//!   published line gave (`base.last_id` of the published plan, its sessions' numbers), and the
//!   re-plan's `base.last_id` covers every number it uses;
//! - `replan.changes`: the counts in `base.counts` — sessions moved (date or slot), in another
//!   venue, with another speaker, dropped, added, and persons whose calendar (the sessions they
//!   attend with date and slot) changes — equal the counts recomputed from the two files, every
//!   counted session has its entry in `base.changes`, and the penalty and the objective's `change`
//!   term equal the `[replan]` weights times the counts.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::Inputs;
use crate::wire::{PlanFile, SessionOut};

use super::Violation;

fn v(rule: &str, session: Option<&str>, zh: String, en: String) -> Violation {
    Violation {
        rule: rule.into(),
        message: format!("{zh} / {en}"),
        session: session.map(str::to_string),
        person: None,
    }
}

fn num(id: &str) -> u32 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(0)
}

fn same_place(a: &SessionOut, b: &SessionOut) -> bool {
    a.date == b.date && a.slot == b.slot && a.venue == b.venue && a.speaker == b.speaker
}

/// Every rule of this file; empty when the re-plan keeps them all.
pub fn verify(inputs: &Inputs, base: &PlanFile, plan: &PlanFile) -> Vec<Violation> {
    let mut out = Vec::new();
    let Some(b) = &plan.base else {
        out.push(v(
            "replan.changes",
            None,
            "该计划没有 base（不是重新排课的结果）".into(),
            "the plan has no `base` (it is not a re-plan)".into(),
        ));
        return out;
    };
    let today = b.today.as_str(); // ISO dates compare as text
    let old: BTreeMap<&str, &SessionOut> =
        base.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    let new: BTreeMap<&str, &SessionOut> =
        plan.sessions.iter().map(|s| (s.id.as_str(), s)).collect();

    // replan.past
    for s in base.sessions.iter().filter(|s| s.date.as_str() < today) {
        match new.get(s.id.as_str()) {
            Some(n)
                if same_place(s, n)
                    && n.kind == s.kind
                    && n.duty == s.duty
                    && n.audience == s.audience => {}
            _ => out.push(v(
                "replan.past",
                Some(&s.id),
                format!("{} 前已举行的活动 {} 被改动或删除", b.today, s.id),
                format!(
                    "session {} held before {} was changed or removed",
                    s.id, b.today
                ),
            )),
        }
    }
    for s in plan.sessions.iter().filter(|s| s.date.as_str() < today) {
        if !old.contains_key(s.id.as_str()) {
            out.push(v(
                "replan.past",
                Some(&s.id),
                format!("新活动 {} 安排在 {} 之前", s.id, b.today),
                format!("new session {} is dated before {}", s.id, b.today),
            ));
        }
    }
    // replan.pinned
    for id in &b.pinned {
        let ok = match (old.get(id.as_str()), new.get(id.as_str())) {
            (Some(a), Some(n)) => same_place(a, n),
            _ => false,
        };
        if !ok {
            out.push(v(
                "replan.pinned",
                Some(id),
                format!("固定的活动 {id} 被改动或删除"),
                format!("pinned session {id} was changed or removed"),
            ));
        }
    }
    // replan.ids
    let published_last = base
        .base
        .as_ref()
        .map_or(0, |x| x.last_id)
        .max(base.sessions.iter().map(|s| num(&s.id)).max().unwrap_or(0));
    for s in plan
        .sessions
        .iter()
        .filter(|s| !old.contains_key(s.id.as_str()))
    {
        if num(&s.id) <= published_last {
            out.push(v(
                "replan.ids",
                Some(&s.id),
                format!(
                    "新活动的编号 {} 不大于已发布计划用过的 {published_last}",
                    s.id
                ),
                format!(
                    "new session id {} reuses a number at or below {published_last}",
                    s.id
                ),
            ));
        }
    }
    if let Some(m) = plan.sessions.iter().map(|s| num(&s.id)).max()
        && m > b.last_id
    {
        out.push(v(
            "replan.ids",
            None,
            format!("base.last_id = {} 小于使用的编号 {m}", b.last_id),
            format!(
                "base.last_id = {} is below the number {m} in use",
                b.last_id
            ),
        ));
    }
    // replan.changes
    let mut counted: BTreeMap<&str, u32> = BTreeMap::new();
    let mut sessions_changed: BTreeSet<&str> = BTreeSet::new();
    for (id, a) in &old {
        match new.get(id) {
            None => {
                *counted.entry("dropped").or_default() += 1;
                sessions_changed.insert(id);
            }
            Some(n) => {
                let mut any = false;
                if a.date != n.date || a.slot != n.slot {
                    *counted.entry("moved").or_default() += 1;
                    any = true;
                }
                if a.venue != n.venue {
                    *counted.entry("venue_changed").or_default() += 1;
                    any = true;
                }
                if a.speaker != n.speaker {
                    *counted.entry("speaker_changed").or_default() += 1;
                    any = true;
                }
                let sa: BTreeSet<&String> = a.attendees.iter().collect();
                let sn: BTreeSet<&String> = n.attendees.iter().collect();
                if any || sa != sn {
                    sessions_changed.insert(id);
                }
            }
        }
    }
    for id in new.keys().filter(|id| !old.contains_key(*id)) {
        *counted.entry("added").or_default() += 1;
        sessions_changed.insert(id);
    }
    type Calendar<'a> = BTreeMap<&'a str, BTreeSet<(&'a str, &'a str, &'a str)>>;
    let mut cal: [Calendar<'_>; 2] = Default::default();
    for (k, p) in [base, plan].iter().enumerate() {
        for s in &p.sessions {
            for a in &s.attendees {
                cal[k].entry(a.as_str()).or_default().insert((
                    s.id.as_str(),
                    s.date.as_str(),
                    s.slot.as_str(),
                ));
            }
        }
    }
    let everyone: BTreeSet<&str> = cal[0].keys().chain(cal[1].keys()).copied().collect();
    let people = everyone
        .into_iter()
        .filter(|p| cal[0].get(p) != cal[1].get(p))
        .count() as u32;
    counted.insert("people", people);
    for k in [
        "moved",
        "venue_changed",
        "speaker_changed",
        "dropped",
        "added",
        "people",
    ] {
        let have = b.counts.get(k).copied().unwrap_or(0);
        let want = counted.get(k).copied().unwrap_or(0);
        if have != want {
            out.push(v(
                "replan.changes",
                None,
                format!("base.counts.{k} = {have}，按两份计划重新统计为 {want}"),
                format!("base.counts.{k} = {have}, the two plans give {want}"),
            ));
        }
    }
    let listed: BTreeSet<&str> = b.changes.iter().map(|c| c.session.as_str()).collect();
    if listed != sessions_changed {
        let missing: Vec<&str> = sessions_changed.difference(&listed).copied().collect();
        let extra: Vec<&str> = listed.difference(&sessions_changed).copied().collect();
        out.push(v(
            "replan.changes",
            None,
            format!(
                "base.changes 与两份计划的差异不符：缺少 [{}]，多出 [{}]",
                missing.join(", "),
                extra.join(", ")
            ),
            format!(
                "base.changes does not match the two plans: missing [{}], extra [{}]",
                missing.join(", "),
                extra.join(", ")
            ),
        ));
    }
    if let Some(w) = inputs.rules.replan {
        let n = |k: &str| f64::from(counted.get(k).copied().unwrap_or(0));
        let penalty = w.moved * n("moved")
            + w.venue_changed * n("venue_changed")
            + w.speaker_changed * n("speaker_changed")
            + w.dropped * n("dropped")
            + w.added * n("added")
            + w.person * n("people");
        // a re-plan without changes carries no `change` term
        let term = plan.objective.terms.get("change").copied().unwrap_or(0.0);
        if (penalty - b.penalty).abs() > 0.005 || (term + penalty).abs() > 0.005 {
            out.push(v(
                "replan.changes",
                None,
                format!(
                    "调整代价应为 {penalty:.2}，base.penalty 为 {:.2}，目标项 change 为 {term:.2}",
                    b.penalty
                ),
                format!(
                    "the change penalty is {penalty:.2}; base.penalty says {:.2} and the objective's change term {term:.2}",
                    b.penalty
                ),
            ));
        }
    }
    out
}
