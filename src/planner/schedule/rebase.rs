//! A re-plan's schedule: the published sessions carried over to the current inputs with the
//! fewest changes (`fudao replan`).
//!
//! Decides which candidate each published session continues and where it goes:
//! 1. **Match**: a published session continues the candidate with its kind, duty, audience,
//!    cohort, speaker (visit, course) and month. One whose speaker can no longer give it (gone
//!    from the scenario, or without a date left) continues a candidate of the same kind, duty,
//!    audience and month with another speaker — the same standing first — that still has room
//!    (a *speaker change*). A session held before the re-plan's day is kept whatever changed.
//! 2. **Counts** are the published ones: the selection is not solved again (the published plan
//!    met the funds and the count rules; the re-plan changes as little as it can).
//! 3. **Placement** is anchored ([`super::place::place_anchored`]): fixed copies as published,
//!    the others where they were whenever the rules still allow it, else at the nearest legal
//!    date, slot and venue. A copy with no legal option is dropped with the reason; a fund that a
//!    dearer room overspends drops its latest movable session of that candidate and places again.
//!
//! The objective terms are those of a plan (hours, duties, standing, cost, travel, spacing),
//! recomputed from the placed sessions; the change penalty is added by the caller, which
//! compares the two plan files.

use chrono::NaiveDate;

use super::candidates::{self, Resource};
use super::place::{self, Anchor, Anchors, Failure};
use super::{Context, Outcome, Schedule, select};
use crate::domain::{DutyIdx, KindIdx, ReplanWeights};

/// A published session as the re-plan reads it (ids resolved against the current inputs).
#[derive(Debug, Clone, PartialEq)]
pub struct BaseSession {
    /// Its id in the published plan.
    pub id: String,
    /// Kind.
    pub kind: KindIdx,
    /// Duty.
    pub duty: Option<DutyIdx>,
    /// Audience labels as published.
    pub audience: Vec<String>,
    /// Cohort number, if a cohort.
    pub cohort: Option<usize>,
    /// Speaker, visit or course (`None` when it no longer exists; `Some(Resource::None)` when
    /// the kind has none).
    pub resource: Option<Resource>,
    /// Date.
    pub date: NaiveDate,
    /// First slot index.
    pub slot: usize,
    /// Venue index (when it still exists).
    pub venue: Option<usize>,
    /// Held before the re-plan's day, or pinned: kept exactly.
    pub fixed: bool,
    /// Cancelled on its date by the office, but its kind is required: held on another day.
    pub avoid: bool,
}

/// What a re-plan starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct Rebase {
    /// The re-plan's day: sessions before it are facts.
    pub today: NaiveDate,
    /// The change weights (`[replan]`).
    pub weights: ReplanWeights,
    /// The published sessions still wanted (cancelled ones left out), in published order.
    pub sessions: Vec<BaseSession>,
}

/// Plan a re-plan's sessions.
pub(super) fn schedule(cx: &Context<'_>, rb: &Rebase) -> Schedule {
    let built = candidates::build_all(cx);
    let cands = &built.list;
    let month_of = |d: NaiveDate| {
        cx.calendar
            .days
            .iter()
            .find(|x| x.date == d)
            .map(|x| x.month)
    };
    let same = |c: usize, b: &BaseSession, with_resource: bool| {
        let cand = &cands[c];
        let aud = &built.audiences[cand.audience];
        cand.kind == b.kind
            && cand.duty == b.duty
            && aud.label == b.audience
            && aud.cohort.as_ref().map(|h| h.no) == b.cohort
            && (!with_resource || Some(cand.resource) == b.resource)
            && (cand.month.is_none() || cand.month == month_of(b.date))
    };
    let standing = |r: Resource| match r {
        Resource::Speaker(s) => Some(cx.inputs.scenario.speakers[s].level),
        _ => None,
    };
    let mut anchors: Vec<Vec<Anchor>> = vec![Vec::new(); cands.len()];
    let mut dropped: Vec<(usize, String)> = Vec::new();
    // in date order, so earlier sessions keep their candidate when room runs out
    let mut order: Vec<usize> = (0..rb.sessions.len()).collect();
    order.sort_by_key(|&i| (rb.sessions[i].date, rb.sessions[i].slot, i));
    for bi in order {
        let b = &rb.sessions[bi];
        let room = |c: usize, a: &[Vec<Anchor>]| b.fixed || (a[c].len() as u32) < cands[c].hi;
        let exact = (0..cands.len()).find(|&c| same(c, b, true) && room(c, &anchors));
        let pick = exact.or_else(|| {
            if b.fixed {
                return None;
            }
            let mut alts: Vec<usize> = (0..cands.len())
                .filter(|&c| same(c, b, false) && room(c, &anchors))
                .collect();
            let was = b.resource.and_then(standing);
            alts.sort_by_key(|&c| (standing(cands[c].resource) != was, c));
            alts.first().copied()
        });
        match pick {
            Some(c) => anchors[c].push(Anchor {
                base: bi,
                date: b.date,
                slot: b.slot,
                venue: b.venue,
                fixed: b.fixed,
                avoid: b.avoid,
            }),
            None => dropped.push((
                bi,
                "该活动已无法举办：主讲人（考察单位、课程）或参训对象已不在本学期的输入中 / it can no longer be held: its speaker (visit, course) or its audience is no longer in the inputs"
                    .into(),
            )),
        }
    }
    for a in &mut anchors {
        a.sort_by_key(|x| (!x.fixed, x.date, x.slot, x.base));
    }
    let mut counts: Vec<u32> = anchors.iter().map(|a| a.len() as u32).collect();
    let infeasible = |conflicts| Schedule {
        outcome: Outcome::Infeasible(conflicts),
        candidates: built.list.clone(),
        audiences: built.audiences.clone(),
        sessions: Vec::new(),
        funds: cx.funds.clone(),
        terms: Vec::new(),
        notes: Vec::new(),
        home: built.home.clone(),
        selection_value: None,
        selection_bound: None,
        limits: Vec::new(),
        dropped: Vec::new(),
    };
    // each round places everything or drops one movable copy, so this ends
    for _ in 0..=rb.sessions.len() {
        let set = Anchors {
            per_candidate: anchors.clone(),
            today: rb.today,
            weights: rb.weights,
        };
        match place::place_anchored(cx, &built, &counts, &built.home, &set) {
            Ok(placed) => {
                dropped.extend(placed.dropped.iter().map(|(_, b, why)| (*b, why.clone())));
                dropped.sort_by_key(|(b, _)| *b);
                let (hours, duties) = select::attended_terms(cx, &built, &placed.sessions);
                let standing_v: f64 = placed
                    .sessions
                    .iter()
                    .map(|s| select::standing(cx, &built, s.candidate))
                    .sum();
                let spent: f64 = placed
                    .sessions
                    .iter()
                    .map(|s| crate::wire::money(s.cost))
                    .sum();
                let w = &cx.inputs.rules.plan;
                let terms = vec![
                    ("hours".to_string(), hours),
                    ("duties".into(), duties),
                    ("standing".into(), standing_v),
                    ("cost".into(), -w.cost_weight * spent),
                    ("travel".into(), -w.travel_weight * placed.travel),
                    ("spacing".into(), -w.bunching_penalty * placed.bunching),
                ];
                return Schedule {
                    outcome: Outcome::Planned {
                        proven: false,
                        gap: 0.0,
                    },
                    candidates: built.list.clone(),
                    audiences: built.audiences.clone(),
                    sessions: placed.sessions,
                    funds: cx.funds.clone(),
                    terms,
                    notes: Vec::new(),
                    home: built.home.clone(),
                    selection_value: None,
                    selection_bound: None,
                    limits: Vec::new(),
                    dropped,
                };
            }
            Err(Failure::Lower(list)) => {
                let mut any = false;
                for (c, _, why) in list {
                    // the latest movable copy gives way
                    if let Some(k) = anchors[c].iter().rposition(|a| !a.fixed) {
                        let a = anchors[c].remove(k);
                        counts[c] -= 1;
                        dropped.push((a.base, why));
                        any = true;
                    }
                }
                if !any {
                    break;
                }
            }
            Err(Failure::Required(conflict)) => return infeasible(vec![conflict]),
        }
    }
    infeasible(vec![super::Conflict {
        family: "calendar".into(),
        rules: vec!["replan".into()],
        message: "重新排课未能收敛 / the re-plan's placement did not converge".into(),
    }])
}
