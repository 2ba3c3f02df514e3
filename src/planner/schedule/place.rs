//! Placement: a date, slot(s) and venue for every selected session.
//!
//! Sessions are placed most-constrained first (monthly meetings and the studio exchanges that
//! follow them, the camp, speakers and visits with few dates, unit training, online courses). Each
//! takes the option that adds the fewest same-week doubles for its attendees, then the least
//! travel, then the cheapest venue within the selection's estimate, then the earliest date. Hard
//! rules are never bent here: if a session has no legal option, its candidate's bound is lowered
//! and selection runs again (or, for a required session, the plan is infeasible with the reason).
//!
//! Bounds reported with the result: travel ≥ Σ sessions' least travel over venues that fit;
//! bunching ≥ Σ persons max(forced same-day pairs, sessions − usable weeks) / staff.
//!
//! **Anchored** ([`place_anchored`], a re-plan): copies with an [`Anchor`] — the published
//! session they continue — are placed first, in the published date order. A *fixed* anchor (held
//! before the re-plan's day, or pinned) takes exactly its published date, slot and venue without
//! any check (it happened, or the office says so). Any other anchored copy weighs, before
//! everything else, its distance from the anchor: `replan.moved` when the date or slot differs
//! (plus a thousandth per day, so the nearest date wins), `replan.venue_changed` when the venue
//! differs — so it stays where it was whenever the rules still allow it. Nothing but fixed copies
//! is placed before the re-plan's day. A copy with no legal option is dropped and reported (a
//! required one still makes the plan infeasible).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::candidates::{Built, Resource, travel_cost as fare, travel_minutes as minutes};
use super::{Conflict, Context, Session};
use crate::domain::{Platform, SpeakerNeed};

/// A successful placement.
pub struct Placed {
    /// Sessions, sorted by date, slot, kind.
    pub sessions: Vec<Session>,
    /// Total attendee travel minutes.
    pub travel: f64,
    /// Lower bound of travel.
    pub travel_bound: f64,
    /// Average extra same-week sessions per person.
    pub bunching: f64,
    /// Lower bound of bunching.
    pub bunching_bound: f64,
    /// Some venue cost more than the selection estimated.
    pub venue_cost_raised: bool,
    /// Anchored copies that found no legal option: (candidate, anchor's base session, why).
    pub dropped: Vec<(usize, usize, String)>,
}

/// Where a copy of a candidate was published (a re-plan).
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// Index of the published session in the re-plan's base list.
    pub base: usize,
    /// Its date.
    pub date: NaiveDate,
    /// Its first slot.
    pub slot: usize,
    /// Its venue.
    pub venue: Option<usize>,
    /// Held before the re-plan's day, or pinned: placed exactly as published.
    pub fixed: bool,
    /// Cancelled on its date by the office but required by the rules: held on another day.
    pub avoid: bool,
}

/// The anchors of a re-plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchors {
    /// Per candidate, its copies' anchors in date order (copy `k` continues `anchors[c][k]`).
    pub per_candidate: Vec<Vec<Anchor>>,
    /// The re-plan's day: nothing that is not fixed is placed before it.
    pub today: NaiveDate,
    /// The change weights.
    pub weights: crate::domain::ReplanWeights,
}

/// Why placement stopped.
pub enum Failure {
    /// Lower these candidates' bounds and select again: (candidate, new bound, bilingual note).
    Lower(Vec<(usize, u32, String)>),
    /// A required session cannot be placed.
    Required(Conflict),
}

struct State {
    /// person → set of (day index, slot)
    busy: Vec<BTreeSet<(usize, usize)>>,
    /// person → week → load
    load: Vec<Vec<u32>>,
    /// venue → set of (day, slot)
    venue_busy: Vec<BTreeSet<(usize, usize)>>,
    /// resource → days used
    resource_busy: std::collections::BTreeMap<Resource, BTreeSet<usize>>,
    /// per fund: what the placed sessions cost plus the estimates of those still to place (the
    /// selection kept the estimates within the fund; a dearer room may only use what is left)
    spend: Vec<f64>,
}

/// Place the selected copies.
pub fn place(
    cx: &Context<'_>,
    built: &Built,
    counts: &[u32],
    home: &[usize],
) -> Result<Placed, Failure> {
    // A candidate that did not fit is tried again placed first (up to a few times) before its
    // bound is lowered: the greedy order, not the rules, is often what blocked it.
    let mut first: Vec<usize> = Vec::new();
    for _ in 0..3 {
        match place_once(cx, built, counts, home, &first, None) {
            Err(Failure::Lower(list)) if list.iter().any(|(c, ..)| !first.contains(c)) => {
                let new: Vec<usize> = list
                    .iter()
                    .map(|(c, ..)| *c)
                    .filter(|c| !first.contains(c))
                    .collect();
                first.extend(new);
            }
            other => return other,
        }
    }
    place_once(cx, built, counts, home, &first, None)
}

/// Place the copies of a re-plan, each as near its anchor as the rules allow (module docs).
pub fn place_anchored(
    cx: &Context<'_>,
    built: &Built,
    counts: &[u32],
    home: &[usize],
    anchors: &Anchors,
) -> Result<Placed, Failure> {
    place_once(cx, built, counts, home, &[], Some(anchors))
}

fn place_once(
    cx: &Context<'_>,
    built: &Built,
    counts: &[u32],
    home: &[usize],
    first: &[usize],
    anchors: Option<&Anchors>,
) -> Result<Placed, Failure> {
    let anchor_of = |c: usize, copy: usize| anchors.and_then(|a| a.per_candidate[c].get(copy));
    // a follower's anchor: the published copy of its candidate on the leader's date
    let follower_anchor = |fc: usize, date: NaiveDate| {
        anchors.and_then(|a| a.per_candidate[fc].iter().find(|x| x.date == date))
    };
    let mut dropped: Vec<(usize, usize, String)> = Vec::new();
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    let cands = &built.list;
    let nslots = rules.calendar.slots.len();
    let ndays = cx.calendar.days.len();
    let cap = rules.calendar.max_sessions_per_person_per_week;
    let mut st = State {
        busy: vec![BTreeSet::new(); sc.people.len()],
        load: vec![vec![0; cx.calendar.weeks + 1]; sc.people.len()],
        venue_busy: vec![BTreeSet::new(); sc.venues.len()],
        resource_busy: Default::default(),
        spend: vec![0.0; cx.funds.len()],
    };
    for (c, cand) in cands.iter().enumerate() {
        st.spend[cand.fund] += cand.cost * f64::from(counts[c]);
    }
    let followers: BTreeSet<usize> = rules
        .session_kinds
        .iter()
        .filter_map(|k| k.with_kind)
        .collect();

    // Days each candidate may use at all (month, camp window, resource dates, course window).
    let allowed: Vec<Vec<usize>> = cands
        .iter()
        .map(|cand| {
            let k = &rules.session_kinds[cand.kind];
            (0..ndays)
                .filter(|&d| {
                    let day = &cx.calendar.days[d];
                    if cand.month.is_some_and(|m| m != day.month) {
                        return false;
                    }
                    if k.platform == Platform::Camp && !cx.calendar.in_camp_window(day.date) {
                        return false;
                    }
                    // a unit's training avoids the dates any of its colleges cannot use
                    if let Some(u) = cand.unit
                        && cx.units[u]
                            .colleges
                            .iter()
                            .any(|&c| sc.colleges[c].blocked_on(day.date).is_some())
                    {
                        return false;
                    }
                    match cand.resource {
                        Resource::Speaker(s) => sc.speakers[s].dates.contains(&day.date),
                        Resource::Visit(v) => sc.visits[v].dates.contains(&day.date),
                        Resource::Course(o) => {
                            let co = &sc.online_courses[o];
                            co.open_from <= day.date && day.date <= co.open_to
                        }
                        Resource::None => true,
                    }
                })
                .collect()
        })
        .collect();
    // Order: the kinds others follow (monthly meetings) first, then most-constrained first.
    let mut order: Vec<(u32, usize, usize)> = Vec::new(); // (priority, candidate, copy)
    for (c, cand) in cands.iter().enumerate() {
        let k = &rules.session_kinds[cand.kind];
        if k.with_kind.is_some() {
            continue; // placed with their leader
        }
        let pri = if followers.contains(&cand.kind) {
            0
        } else if first.contains(&c) {
            1
        } else {
            2 + allowed[c].len() as u32
        };
        for copy in 0..counts[c] {
            order.push((pri, c, copy as usize));
        }
    }
    if anchors.is_some() {
        // fixed copies first, then the other anchored ones, each in published date order
        let key = |&(p, c, copy): &(u32, usize, usize)| match anchor_of(c, copy) {
            Some(a) => (u32::from(!a.fixed), Some(a.date), a.slot, c, copy),
            None => (2 + p, None, 0, c, copy),
        };
        order.sort_by_key(key);
    } else {
        order.sort_by_key(|&(p, c, copy)| (p, cands[c].month, c, copy));
    }
    // Expected demand on each day from sessions not yet placed (least-constraining choice).
    let mut demand = vec![0.0_f64; ndays];
    for &(_, c, _) in &order {
        let n = allowed[c].len().max(1) as f64;
        for &d in &allowed[c] {
            demand[d] += 1.0 / n;
        }
    }

    let mut sessions = Vec::new();
    let mut lowered: Vec<(usize, u32, String)> = Vec::new();
    let mut travel_bound = 0.0;
    let mut venue_cost_raised = false;
    // A re-plan places in two rounds: first every anchored copy only where it was published (a
    // room may change); the copies that cannot stay are then placed with every option, so a
    // moved session never takes the place of one that could have stayed.
    let mut work: Vec<(usize, usize, bool)> = order
        .iter()
        .map(|&(_, c, copy)| {
            let stay = anchor_of(c, copy).is_some_and(|a| !a.fixed && !a.avoid);
            (c, copy, stay)
        })
        .collect();
    let mut wi = 0;
    while wi < work.len() {
        let (c, copy, stay) = work[wi];
        let retry = wi >= order.len();
        wi += 1;
        let cand = &cands[c];
        let k = &rules.session_kinds[cand.kind];
        let slots = k.slots as usize;
        let anchor = anchor_of(c, copy);
        let force = anchor.is_some_and(|a| a.fixed);
        let audience = &built.audiences[cand.audience].people;
        let follower_kinds: Vec<usize> = rules
            .session_kinds
            .iter()
            .enumerate()
            .filter(|(_, f)| f.with_kind == Some(cand.kind))
            .map(|(i, _)| i)
            .collect();
        let need_next = !follower_kinds.is_empty();
        // sessions that will follow this one the same day count toward the weekly cap too
        let mut follow = vec![0u32; sc.people.len()];
        for (fc, f) in cands.iter().enumerate() {
            if follower_kinds.contains(&f.kind) && counts[fc] > 0 {
                for &p in &built.audiences[f.audience].people {
                    follow[p] += 1;
                }
            }
        }
        // (score, day, slot, venue, travel, venue cost, attendees)
        type Option_ = (Vec<f64>, usize, usize, Option<usize>, f64, f64, Vec<usize>);
        let mut best: Option<Option_> = None;
        let mut lb = f64::INFINITY;
        if !retry {
            let n = allowed[c].len().max(1) as f64;
            for &d in &allowed[c] {
                demand[d] -= 1.0 / n;
            }
        }
        // a fixed copy takes its published day, even one the rules no longer allow; a copy in
        // the first round of a re-plan only its published day, if still allowed
        let fixed_day: Vec<usize> = match anchor {
            Some(a) if a.fixed || stay => cx
                .calendar
                .days
                .iter()
                .position(|x| x.date == a.date)
                .filter(|d| a.fixed || allowed[c].contains(d))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        let days: &[usize] = if force || stay {
            &fixed_day
        } else {
            &allowed[c]
        };
        for &d in days {
            if let Some(a) = anchors
                && !force
                && cx.calendar.days[d].date < a.today
            {
                continue;
            }
            if anchor.is_some_and(|a| a.avoid && a.date == cx.calendar.days[d].date) {
                continue;
            }
            if !force
                && let Resource::Speaker(_) | Resource::Visit(_) = cand.resource
                && st
                    .resource_busy
                    .get(&cand.resource)
                    .is_some_and(|s| s.contains(&d))
            {
                continue;
            }
            if !force && !in_rhythm(k, cand.kind, cx.calendar.days[d].date, &sessions) {
                continue;
            }
            let week = cx.calendar.days[d].week;
            let extra = if need_next { 1 } else { 0 };
            // who can come that day (hired, not yet left, not on one of their unavailable dates)
            let date = cx.calendar.days[d].date;
            let people: Vec<usize> = audience
                .iter()
                .copied()
                .filter(|&p| sc.people[p].available_on(date))
                .collect();
            let missed = (audience.len() - people.len()) as f64;
            if !force && people.is_empty() && !audience.is_empty() {
                continue;
            }
            if !force
                && people
                    .iter()
                    .any(|&p| st.load[p][week] + 1 + follow[p] > cap)
            {
                continue;
            }
            for s in 0..nslots {
                if (force || stay) && anchor.is_some_and(|a| a.slot != s) {
                    continue;
                }
                if s + slots + extra > nslots && !force {
                    break;
                }
                if !force
                    && people
                        .iter()
                        .any(|&p| (s..s + slots + extra).any(|x| st.busy[p].contains(&(d, x))))
                {
                    continue;
                }
                // venue
                let (venue, travel, vcost, raised) =
                    if matches!(cand.resource, Resource::None | Resource::Speaker(_)) {
                        let campuses = &built.audiences[cand.audience].campuses;
                        let mut pick: Option<(bool, bool, f64, f64, usize)> = None;
                        let want = anchor.and_then(|a| a.venue);
                        for (vi, v) in sc.venues.iter().enumerate() {
                            if force {
                                // a fixed copy keeps its venue (or, if it is gone, the first)
                                if want.is_some_and(|w| w != vi) {
                                    continue;
                                }
                            } else if (v.capacity as usize) < people.len()
                                || campuses.as_ref().is_some_and(|cs| !cs.contains(&v.campus))
                                || v.blocked_on(date).is_some()
                            {
                                continue;
                            }
                            let tr: f64 =
                                people.iter().map(|&p| minutes(cx, home[p], v.campus)).sum();
                            let fares: f64 =
                                people.iter().map(|&p| fare(cx, home[p], v.campus)).sum();
                            let vc = v.cost * slots as f64 + fares;
                            let raised = vc > cand.venue_cost + 1e-9;
                            if !raised {
                                lb = lb.min(tr);
                            }
                            if !force && (s..s + slots).any(|x| st.venue_busy[vi].contains(&(d, x)))
                            {
                                continue;
                            }
                            if raised && !force {
                                let headroom =
                                    cx.funds[cand.fund].allocated - st.spend[cand.fund] + cand.cost;
                                if cand.cost - cand.venue_cost + vc > headroom + 1e-9 {
                                    continue;
                                }
                            }
                            let moved = want.is_some_and(|w| w != vi);
                            if pick.is_none_or(|p| (moved, raised, tr, vc) < (p.0, p.1, p.2, p.3)) {
                                pick = Some((moved, raised, tr, vc, vi));
                            }
                        }
                        match pick {
                            Some((_, raised, tr, vc, vi)) => (Some(vi), tr, vc, raised),
                            None => continue,
                        }
                    } else {
                        let tr = match cand.resource {
                            Resource::Visit(v) => sc.visits[v].travel_minutes * people.len() as f64,
                            _ => 0.0,
                        };
                        lb = lb.min(tr);
                        (None, tr, 0.0, false)
                    };
                let bunch: f64 = people.iter().filter(|&&p| st.load[p][week] >= 1).count() as f64;
                let load: f64 = people.iter().map(|&p| f64::from(st.load[p][week])).sum();
                let contention = (demand[d] * 1000.0).round() / 1000.0;
                // a re-plan: the distance from the published session comes first
                let displaced = anchor.map_or(0.0, |a| {
                    let w = &anchors.expect("anchored").weights;
                    let date = cx.calendar.days[d].date;
                    let mut x = 0.0;
                    if date != a.date || s != a.slot {
                        x += w.moved + 1e-3 * (date - a.date).num_days().abs() as f64;
                    }
                    if venue != a.venue {
                        x += w.venue_changed;
                    }
                    x
                });
                let score = vec![
                    displaced,
                    missed,
                    f64::from(u8::from(raised)),
                    bunch,
                    contention,
                    travel,
                    vcost,
                    load,
                ];
                if best.as_ref().is_none_or(|b| score < b.0) {
                    best = Some((score, d, s, venue, travel, vcost, people.clone()));
                }
            }
        }
        let Some((_, d, s, venue, travel, vcost, people)) = best else {
            if stay {
                // it cannot stay: the second round gives it every option
                work.push((c, copy, false));
                continue;
            }
            if let Some(a) = anchor {
                // a re-plan drops what no longer fits and says why (a required kind still fails)
                match fail(cx, built, c, counts[c], &sessions) {
                    Failure::Lower(l) => {
                        let why = l.into_iter().next().map(|(_, _, w)| w).unwrap_or_default();
                        dropped.push((c, a.base, why));
                        continue;
                    }
                    required => return Err(required),
                }
            }
            match fail(cx, built, c, counts[c], &sessions) {
                Failure::Lower(mut l) => {
                    if !lowered.iter().any(|(x, ..)| *x == c) {
                        lowered.append(&mut l);
                    }
                    continue;
                }
                required => return Err(required),
            }
        };
        if lb.is_finite() {
            travel_bound += lb;
        }
        // the estimate less the per-attendee costs of whoever cannot come, with the venue chosen
        let absent = (audience.len() - people.len()) as f64;
        let cost = cand.cost - cand.per_attendee * absent - cand.venue_cost + vcost;
        if vcost > cand.venue_cost + 1e-9 {
            venue_cost_raised = true;
        }
        let week = cx.calendar.days[d].week;
        for &p in &people {
            for x in s..s + slots {
                st.busy[p].insert((d, x));
            }
            st.load[p][week] += 1;
        }
        if let Some(v) = venue {
            for x in s..s + slots {
                st.venue_busy[v].insert((d, x));
            }
        }
        if !matches!(cand.resource, Resource::None) {
            st.resource_busy.entry(cand.resource).or_default().insert(d);
        }
        st.spend[cand.fund] += cost - cand.cost;
        sessions.push(Session {
            candidate: c,
            kind: cand.kind,
            date: cx.calendar.days[d].date,
            slot: s,
            slots,
            venue,
            cost,
            travel,
            attendees: people,
            base: anchor.map(|a| a.base),
        });
        // followers: one per follower candidate, right after this session
        for &fk in &follower_kinds {
            // cheapest estimates choose first, so each finds a venue within its estimate
            let mut due: Vec<usize> = (0..cands.len())
                .filter(|&fc| cands[fc].kind == fk && counts[fc] > 0)
                .collect();
            due.sort_by(|&a, &b| {
                cands[a]
                    .venue_cost
                    .total_cmp(&cands[b].venue_cost)
                    .then(
                        built.audiences[cands[b].audience]
                            .people
                            .len()
                            .cmp(&built.audiences[cands[a].audience].people.len()),
                    )
                    .then(a.cmp(&b))
            });
            for fc in due {
                let f = &cands[fc];
                {}
                let placed_already = sessions.iter().filter(|x| x.candidate == fc).count() as u32;
                if placed_already >= counts[fc] {
                    continue;
                }
                let date = cx.calendar.days[d].date;
                let fpeople: Vec<usize> = built.audiences[f.audience]
                    .people
                    .iter()
                    .copied()
                    .filter(|&p| sc.people[p].available_on(date))
                    .collect();
                let fslot = s + slots;
                let fslots = rules.session_kinds[fk].slots as usize;
                // the follower that followed this leader where it was published
                let fanchor = follower_anchor(fc, anchor.map_or(date, |a| a.date))
                    .filter(|a| !sessions.iter().any(|x| x.base == Some(a.base)));
                let fforce = fanchor.is_some_and(|a| a.fixed);
                let clash = fslot + fslots > nslots
                    || fpeople
                        .iter()
                        .any(|&p| (fslot..fslot + fslots).any(|x| st.busy[p].contains(&(d, x))))
                    || fpeople.iter().any(|&p| st.load[p][week] + 1 > cap);
                if clash && !fforce {
                    return Err(required_conflict(
                        cx,
                        fk,
                        d,
                        "参加者时间冲突或超出每周上限 / attendees busy or over the weekly cap",
                    ));
                }
                // from the leader's venue: the least travel first (rooms where everyone already
                // is), then the cheapest; a room dearer than the estimate (venue and fares) only
                // when the fund can pay for it
                let campus = venue.map(|v| sc.venues[v].campus);
                let mut pick: Option<(bool, f64, f64, usize, bool, bool)> = None;
                let mut flb = f64::INFINITY;
                let fwant = fanchor.and_then(|a| a.venue);
                for (vi, v) in sc.venues.iter().enumerate() {
                    if fforce {
                        if fwant.is_some_and(|w| w != vi) {
                            continue;
                        }
                    } else if (v.capacity as usize) < fpeople.len() || v.blocked_on(date).is_some()
                    {
                        continue;
                    }
                    let from = |p: usize| campus.unwrap_or(home[p]);
                    let tr: f64 = fpeople
                        .iter()
                        .map(|&p| minutes(cx, from(p), v.campus))
                        .sum();
                    flb = flb.min(tr);
                    if !fforce
                        && (fslot..fslot + fslots).any(|x| st.venue_busy[vi].contains(&(d, x)))
                    {
                        continue;
                    }
                    let fares: f64 = fpeople.iter().map(|&p| fare(cx, from(p), v.campus)).sum();
                    let vc = v.cost * fslots as f64 + fares;
                    let raised = vc > f.venue_cost + 1e-9;
                    // a dearer room than the fund has left is the last resort: the fund's
                    // overspend then lowers another of its sessions (below)
                    let unpaid = raised && {
                        let headroom = cx.funds[f.fund].allocated - st.spend[f.fund] + f.cost;
                        f.cost - f.venue_cost + vc > headroom + 1e-9
                    };
                    // a re-plan keeps the published room first
                    let moved = fwant.is_some_and(|w| w != vi);
                    if pick
                        .is_none_or(|p| (moved, unpaid, raised, tr, vc) < (p.5, p.4, p.0, p.1, p.2))
                    {
                        pick = Some((raised, tr, vc, vi, unpaid, moved));
                    }
                }
                let Some((raised, tr, vc, vi, _, _)) = pick else {
                    return Err(required_conflict(
                        cx,
                        fk,
                        d,
                        "同一时段没有足够的空闲场地 / not enough free venues in that slot",
                    ));
                };
                if flb.is_finite() {
                    travel_bound += flb;
                }
                if raised {
                    venue_cost_raised = true;
                }
                for &p in &fpeople {
                    for x in fslot..fslot + fslots {
                        st.busy[p].insert((d, x));
                    }
                    st.load[p][week] += 1;
                }
                for x in fslot..fslot + fslots {
                    st.venue_busy[vi].insert((d, x));
                }
                let absent = (built.audiences[f.audience].people.len() - fpeople.len()) as f64;
                let fcost = f.cost - f.per_attendee * absent - f.venue_cost + vc;
                st.spend[f.fund] += fcost - f.cost;
                sessions.push(Session {
                    candidate: fc,
                    kind: fk,
                    date: cx.calendar.days[d].date,
                    slot: fslot,
                    slots: fslots,
                    venue: Some(vi),
                    cost: fcost,
                    travel: tr,
                    attendees: fpeople,
                    base: fanchor.map(|a| a.base),
                });
            }
        }
    }
    if !lowered.is_empty() {
        // the bound is what fitted: count the copies actually placed
        for (c, to, why) in &mut lowered {
            *to = sessions.iter().filter(|x| x.candidate == *c).count() as u32;
            if let Failure::Lower(l) = fail(cx, built, *c, counts[*c], &sessions)
                && let Some((_, _, w)) = l.into_iter().next()
            {
                *why = w;
            }
        }
        return Err(Failure::Lower(lowered));
    }
    // a fund that a required session's dearer room overspent gives up its dearest optional
    // session: select again with one copy less of it
    for (fi, fund) in cx.funds.iter().enumerate() {
        if st.spend[fi] <= fund.allocated + 0.005 {
            continue;
        }
        let forced = super::select::forced(built, counts);
        let give_up = sessions
            .iter()
            .map(|x| x.candidate)
            .filter(|&c| {
                cands[c].fund == fi
                    && !forced[c]
                    && rules.session_kinds[cands[c].kind].with_kind.is_none()
                    && !followers.contains(&cands[c].kind)
            })
            .max_by(|&a, &b| cands[a].cost.total_cmp(&cands[b].cost).then(b.cmp(&a)));
        if let Some(c) = give_up {
            let k = &rules.session_kinds[cands[c].kind];
            return Err(Failure::Lower(vec![(
                c,
                counts[c] - 1,
                format!(
                    "经费 {} 须为必办活动支付更贵的场地，少办一场“{}” / fund {} pays a dearer room for a required session: one `{}` less",
                    fund.id, k.zh, fund.id, k.id
                ),
            )]));
        }
    }
    // bunching and its bound
    let p_count = sc.people.len().max(1) as f64;
    let weeks_with_days: BTreeSet<usize> = cx.calendar.days.iter().map(|d| d.week).collect();
    let mut bunching = 0.0;
    let mut bound = 0.0;
    let mut forced = vec![0u32; sc.people.len()];
    for s in &sessions {
        if rules.session_kinds[s.kind].with_kind.is_some() {
            for &p in &s.attendees {
                forced[p] += 1;
            }
        }
    }
    for (p, loads) in st.load.iter().enumerate() {
        let n: u32 = loads.iter().sum();
        bunching += loads
            .iter()
            .map(|&l| f64::from(l.saturating_sub(1)))
            .sum::<f64>();
        bound += f64::from(forced[p].max(n.saturating_sub(weeks_with_days.len() as u32)));
    }
    sessions.sort_by_key(|a| (a.date, a.slot, a.kind, a.candidate));
    let travel: f64 = sessions.iter().map(|s| s.travel).sum();
    Ok(Placed {
        sessions,
        travel,
        travel_bound,
        bunching: bunching / p_count,
        bunching_bound: bound / p_count,
        venue_cost_raised,
        dropped,
    })
}

fn required_conflict(cx: &Context<'_>, kind: usize, day: usize, why: &str) -> Failure {
    let k = &cx.inputs.rules.session_kinds[kind];
    let date: NaiveDate = cx.calendar.days[day].date;
    Failure::Required(Conflict {
        family: "calendar".into(),
        rules: vec![
            format!("session_kinds.{}.with_kind", k.id),
            "calendar.no_double_booking".into(),
        ],
        message: format!("{}（{}）无法在 {date} 紧随其后举行：{why}", k.zh, k.id),
    })
}

fn fail(cx: &Context<'_>, built: &Built, c: usize, count: u32, sessions: &[Session]) -> Failure {
    let rules = &cx.inputs.rules;
    let cand = &built.list[c];
    let k = &rules.session_kinds[cand.kind];
    let placed = sessions.iter().filter(|s| s.candidate == c).count() as u32;
    let who = match cand.resource {
        Resource::Speaker(s) => format!("，主讲人 {}", cx.inputs.scenario.speakers[s].name),
        Resource::Visit(v) => format!("，考察点 {}", cx.inputs.scenario.visits[v].name),
        Resource::Course(o) => format!("，课程 {}", cx.inputs.scenario.online_courses[o].name),
        Resource::None => String::new(),
    };
    let fixed =
        k.required && (k.per_month.is_some() || k.per_semester.is_some() || k.with_kind.is_some());
    if fixed
        || (k.speaker == SpeakerNeed::None
            && k.per_unit_min.is_some()
            && placed < k.per_unit_min.unwrap_or(0))
    {
        let window = if k.platform == Platform::Camp {
            format!(
                "（训练营窗口 camp window {} – {}）",
                cx.calendar.camp_window.0, cx.calendar.camp_window.1
            )
        } else {
            String::new()
        };
        return Failure::Required(Conflict {
            family: "calendar".into(),
            rules: vec![
                format!("session_kinds.{}", k.id),
                "calendar.max_sessions_per_person_per_week".into(),
                "calendar.no_double_booking".into(),
            ],
            message: format!(
                "必须举行的“{}”第 {} 次{who}找不到可用的日期、时段和场地{window}：参加者 {} 人均需有空且不超过每周 {} 次 / the required {} #{} has no free date, slot and venue for its {} attendees",
                k.zh,
                placed + 1,
                built.audiences[cand.audience].people.len(),
                rules.calendar.max_sessions_per_person_per_week,
                k.id,
                placed + 1,
                built.audiences[cand.audience].people.len(),
            ),
        });
    }
    Failure::Lower(vec![(
        c,
        placed,
        format!(
            "“{}”{who}只能排入 {placed} 次（原选 {count} 次）/ only {placed} of {count} copies fit the calendar",
            k.zh
        ),
    )])
}

/// `session_kinds.<kind>.min_days_apart` / `max_days_apart`: a session of the kind on `date`
/// keeps its rhythm with the sessions of the kind placed so far — at least the least and at
/// most the most days from its neighbours before and after.
fn in_rhythm(
    k: &crate::domain::SessionKind,
    kind: usize,
    date: chrono::NaiveDate,
    placed: &[Session],
) -> bool {
    if k.min_days_apart.is_none() && k.max_days_apart.is_none() {
        return true;
    }
    let before = placed
        .iter()
        .filter(|x| x.kind == kind && x.date <= date)
        .map(|x| x.date)
        .max();
    let after = placed
        .iter()
        .filter(|x| x.kind == kind && x.date > date)
        .map(|x| x.date)
        .min();
    let fits = |days: i64| {
        k.min_days_apart.is_none_or(|m| days >= i64::from(m))
            && k.max_days_apart.is_none_or(|m| days <= i64::from(m))
    };
    before.is_none_or(|b| fits((date - b).num_days()))
        && after.is_none_or(|a| fits((a - date).num_days()))
}
