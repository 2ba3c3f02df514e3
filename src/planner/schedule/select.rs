//! Selection MILP: how many copies of each candidate session to hold.
//!
//! People who attend exactly the same candidates and belong to the same groups form a *class*
//! K (their schedules, loads and needs are identical, so one set of rows serves them all and
//! every per-person rule holds exactly). With `n_c` copies of candidate c, `R(K)` the candidates
//! reaching K, `h_{K,d} = Σ_{c∈R(K), duty(c)=d} hours_c n_c`:
//!
//! ```text
//! maximise  hours + duties + standing + cost
//!   hours    = plan.hour_value · Σ_K |K| · ( Σ_d w(d) · ( min(h_{K,d}, plan.max_valued_hours_per_duty)
//!                                                     + ν_{K,d} · u_{K,d} )
//!                                            + h_{K,none} )
//!   duties   = plan.duty_value · Σ_K |K| · Σ_d w(d) · [h_{K,d} > 0]
//!   standing = Σ_c n_c · plan.speaker_value.<level of c's speaker>
//!   cost     = − plan.cost_weight · Σ_c n_c · cost_c
//! subject to
//!   the counting rules (per month, per semester, per unit, per unit and duty, speaker dates and
//!   calendar.max_sessions_per_speaker, …); every fund Σ_{c∈f} cost_c n_c ≤ allocated;
//!   per class K:  Σ_{c∈R(K)} hours_c n_c ≤ cap(K)              (groups.max_hours_per_semester)
//!                 Σ_{c∈R(K)} n_c ≤ weeks · calendar.max_sessions_per_person_per_week
//!                 Σ_{c∈R(K) at the target's levels} hours_c n_c ≥ target   (hour_targets.*)
//!                 Σ_{c∈R(K), duty(c)=d} n_c ≥ 1 for every required duty d  (coverage.*)
//!                 Σ_{c∈R(K) with speaker s and duty d} n_c ≤ 1   (variety.speaker_duty)
//!                 Σ_{c∈R(K) with course o} n_c ≤ 1, Σ_{c∈R(K) with visit v} n_c ≤ 1
//!                                                               (variety.course, variety.visit)
//! ```
//! `h_{K,d}` counts the sessions other than the unit's own training, `u_{K,d}` the unit's own
//! training (`audience_mode = "unit"`, valued per hour: a unit repeats a duty only where its
//! colleges asked, `college_training.max_sessions_per_duty`), `ν_{K,d}` the members' mean weight of
//! such an hour (`college_training`: `theme_weight` on their college's themes, the largest matching
//! `needs.weight`, else 1). w(d) = `plan.priority_weight` for priority duties, else 1, times the
//! members' need weight from the record (the camp: `records.levels.weight`, `records.group_weight`;
//! members of a class share it); a target counts what the record says earlier semesters of the
//! academic year delivered (the members' largest remainder); `cap(K)` is the largest
//! `max_hours_per_semester` of the class's groups. `min(·)` and `[· > 0]` are linearised with
//! continuous variables (`y ≤ cap`, `y ≤ h`; `z ≤ 1`, `z ≤ Σ n`), which are integral at the optimum
//! because the counts are.

use std::collections::{BTreeMap, BTreeSet};

use good_lp::{Expression, Variable};

use super::candidates::{Built, Resource};
use super::improve;
use super::repair;
use super::rows::{self, Bound};
use super::{Conflict, Context};
use crate::domain::{AudienceMode, GroupIdx, PersonIdx};
use crate::planner::solver::{Model, Relaxation, Sense, SolveError, SolveStatus};

/// The selection.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Copies per candidate.
    pub counts: Vec<u32>,
    /// Proven optimal.
    pub optimal: bool,
    /// Terms: hours, duties, standing, cost.
    pub terms: Vec<(String, f64)>,
    /// An upper bound on the selection's value: its value when proven optimal, else the LP
    /// relaxation's optimum.
    pub bound: f64,
    /// The rules that keep sessions worth adding out, most valuable first.
    pub limits: Vec<Limit>,
}

/// A rule that binds the selection: one more copy of some candidates would raise the objective
/// but break this rule's rows (and no other rule's).
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    /// The rule id (`budget.funds`, `session_kinds.special_invite.max_per_semester`, …).
    pub rule: String,
    /// The most valuable candidate it keeps out.
    pub cand: usize,
    /// The tightest row of it, in words (bilingual).
    pub what: String,
    /// Sessions worth adding that this rule alone keeps out.
    pub blocked: usize,
    /// The most valuable of them, in words.
    pub best: String,
    /// What that one would add to the objective.
    pub value: f64,
    /// How far its row would have to give for it (yuan for a fund, hours for a load cap,
    /// sessions for a count).
    pub needs: f64,
}

/// At most this many limits are reported (most valuable first).
const MAX_LIMITS: usize = 8;

/// The limits binding `counts`: candidates worth one more copy, grouped by the one rule whose
/// rows keep each out (a candidate kept out by several rules at once is no single rule's, and
/// the variety rows — a person attends a talk once — are no knob and not reported).
fn limits(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    rows: &[rows::Row],
    bounds: &[u32],
    standing: &[f64],
    counts: &[u32],
) -> Vec<Limit> {
    let blocked = improve::blocked(cx, built, classes, rows, bounds, standing, counts);
    let mut act = vec![0.0; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        act[r] = row
            .terms
            .iter()
            .map(|&(c, a)| a * f64::from(counts[c]))
            .sum();
    }
    let mut by_rule: BTreeMap<&str, Vec<&improve::Blocked>> = BTreeMap::new();
    for b in &blocked {
        let first = rows[b.rows[0]].rule.as_str();
        if first.starts_with("variety.") || b.rows.iter().any(|&r| rows[r].rule != first) {
            continue;
        }
        by_rule.entry(first).or_default().push(b);
    }
    let mut out: Vec<Limit> = by_rule
        .into_iter()
        .map(|(rule, list)| {
            let best = list
                .iter()
                .max_by(|a, b| a.gain.total_cmp(&b.gain).then(b.cand.cmp(&a.cand)))
                .copied()
                .expect("a rule with blocked candidates");
            let (row, needs) = best
                .rows
                .iter()
                .map(|&r| {
                    let a = rows[r]
                        .terms
                        .iter()
                        .find(|t| t.0 == best.cand)
                        .map_or(0.0, |t| t.1);
                    let over = match rows[r].bound {
                        Bound::AtMost(hi) => act[r] + a - hi,
                        Bound::AtLeast(lo) => lo - (act[r] + a),
                    };
                    (r, over)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .expect("a blocked candidate breaks a row");
            // the rule's rows this one breaks: one class of people (or one fund), or several
            let what = match best.rows.len() {
                1 => rows[row].what.clone(),
                n => {
                    let (zh, en) = rows[row]
                        .what
                        .split_once(" / ")
                        .unwrap_or((&rows[row].what, &rows[row].what));
                    format!("{zh}（等 {n} 处） / {en} (and {} more)", n - 1)
                }
            };
            Limit {
                rule: rule.to_string(),
                cand: best.cand,
                what,
                blocked: list.len(),
                best: candidate_label(cx, built, best.cand),
                value: crate::wire::money(best.gain),
                needs: crate::wire::money(needs),
            }
        })
        .collect();
    out.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.rule.cmp(&b.rule)));
    out.truncate(MAX_LIMITS);
    out
}

/// A candidate in words: kind, speaker, visit or course, duty, audience (Chinese names).
fn candidate_label(cx: &Context<'_>, built: &Built, c: usize) -> String {
    let sc = &cx.inputs.scenario;
    let rules = &cx.inputs.rules;
    let cand = &built.list[c];
    let mut parts = vec![rules.session_kinds[cand.kind].zh.clone()];
    match cand.resource {
        Resource::Speaker(i) => parts.push(sc.speakers[i].name.clone()),
        Resource::Visit(i) => parts.push(sc.visits[i].name.clone()),
        Resource::Course(i) => parts.push(sc.online_courses[i].name.clone()),
        Resource::None => {}
    }
    if let Some(d) = cand.duty {
        parts.push(rules.duties[d].zh.clone());
    }
    let aud = &built.audiences[cand.audience];
    let who: Vec<String> = aud
        .label
        .iter()
        .map(|l| {
            if let Some(u) = l.strip_prefix("unit:") {
                cx.units
                    .iter()
                    .find(|x| x.id == u)
                    .map_or_else(|| u.to_string(), |x| x.name(sc))
            } else if let Some(d) = l.strip_prefix("studio:") {
                rules.duty(d).map_or_else(
                    || d.to_string(),
                    |d| format!("{}工作室", rules.duties[d].zh),
                )
            } else {
                rules
                    .groups
                    .iter()
                    .find(|g| &g.id == l)
                    .map_or_else(|| l.clone(), |g| g.zh.clone())
            }
        })
        .collect();
    parts.push(who.join("、"));
    if let Some(h) = &aud.cohort {
        parts.push(format!("第{}组（共{}组）", h.no, h.of));
    }
    parts.join("·")
}

/// The selection MILP stops after this many branch-and-bound nodes with its best plan (and the
/// LP bound for the gap): a bound on the work that, unlike a clock, gives the same plan on any
/// machine.
const NODE_LIMIT: u64 = 500;

/// RINS (the search over the counts where the plan and the LP optimum disagree) stops after this
/// many nodes: on the bundled scenario 50 nodes find what 500 did, in a tenth of the time.
const RINS_NODE_LIMIT: u64 = 50;

/// … or once its best plan is proven within this relative gap of the optimum.
const MIP_GAP: f32 = 2e-3;
/// A dive round tries this many fractional counts alone (largest first) before it gives up.
const DIVE_PICKS: usize = 3;

/// A dive this close to the LP bound (relative) is kept without a search: the gap reported is
/// still the distance to the LP bound.
const DIVE_GAP: f64 = 5e-3;

/// People who attend exactly the same candidates and belong to the same groups.
#[derive(Debug, Clone)]
pub struct Class {
    /// Members, in roster order.
    pub people: Vec<PersonIdx>,
    /// Their groups.
    pub groups: Vec<GroupIdx>,
    /// Candidates whose audience holds them, ascending.
    pub reach: Vec<usize>,
    /// The semester load cap (`groups.max_hours_per_semester`), if any group sets one.
    pub cap: Option<f64>,
    /// Per duty: the members' mean weight of an hour of their unit's own training on it
    /// (`college_training`: their college's themes and needs; 1 when nothing singles it out).
    pub need: Vec<f64>,
    /// Per duty: how many times more an hour on it counts for every member, from the record
    /// (the camp's needs, [`crate::domain::Inputs::need_weight`]; 1 without a need). Members of
    /// a class share it: people with other needs are in other classes.
    pub weight: Vec<f64>,
    /// The largest record-adjusted target of the members, per hour target
    /// ([`crate::domain::Inputs::target_hours`]), in rules order.
    pub targets: Vec<f64>,
}

impl Class {
    /// A short label for messages: the first member's name and the class size.
    pub(super) fn label(&self, cx: &Context<'_>) -> String {
        let first = &cx.inputs.scenario.people[self.people[0]].name;
        if self.people.len() == 1 {
            first.clone()
        } else {
            format!(
                "{first} 等 {} 人 / and {} others",
                self.people.len(),
                self.people.len() - 1
            )
        }
    }
}

/// The classes of a candidate set.
pub fn classes(cx: &Context<'_>, built: &Built) -> Vec<Class> {
    let n = cx.inputs.scenario.people.len();
    let mut reach: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, cand) in built.list.iter().enumerate() {
        for &p in &built.audiences[cand.audience].people {
            reach[p].push(c);
        }
    }
    let nd = cx.inputs.rules.duties.len();
    type Key = (Vec<usize>, Vec<GroupIdx>, Vec<u64>);
    let mut by_key: BTreeMap<Key, Vec<PersonIdx>> = BTreeMap::new();
    for (p, r) in reach.into_iter().enumerate() {
        let groups = cx.profiles.people[p].groups.clone();
        if groups.is_empty() {
            continue;
        }
        let weights = (0..nd)
            .map(|d| cx.inputs.need_weight(p, d).to_bits())
            .collect();
        by_key.entry((r, groups, weights)).or_default().push(p);
    }
    let mut out: Vec<Class> = by_key
        .into_iter()
        .map(|((reach, groups, weights), people)| {
            let cap = cx.profiles.hour_cap(&cx.inputs.rules, people[0]);
            let targets = cx
                .inputs
                .rules
                .hour_targets
                .iter()
                .map(|t| {
                    people
                        .iter()
                        .map(|&p| cx.inputs.target_hours(t, p))
                        .fold(0.0, f64::max)
                })
                .collect();
            let need = (0..nd)
                .map(|d| {
                    people.iter().map(|&p| unit_need(cx, p, d)).sum::<f64>() / people.len() as f64
                })
                .collect();
            Class {
                people,
                groups,
                reach,
                cap,
                need,
                weight: weights.into_iter().map(f64::from_bits).collect(),
                targets,
            }
        })
        .collect();
    out.sort_by_key(|k| k.people[0]);
    out
}

/// The weight of person `p`'s hour of unit training on duty `d` (`college_training`).
pub(super) fn unit_need(cx: &Context<'_>, p: PersonIdx, d: usize) -> f64 {
    let sc = &cx.inputs.scenario;
    sc.people[p].college.map_or(1.0, |c| {
        cx.inputs.rules.college_training.need(&sc.colleges[c], d).0
    })
}

fn duty_weight(cx: &Context<'_>, d: Option<usize>) -> f64 {
    match d {
        Some(d) if cx.inputs.rules.duties[d].priority => cx.inputs.rules.plan.priority_weight,
        _ => 1.0,
    }
}

/// Candidates the counting rules force on their own (a rule over that candidate alone with a
/// positive minimum), such as a studio's exchanges with every monthly meeting.
pub(super) fn forced(built: &Built, bounds: &[u32]) -> Vec<bool> {
    let mut out = vec![false; built.list.len()];
    for r in &built.rules {
        if let [c] = r.members[..]
            && r.lo >= 1
            && bounds[c] >= r.lo
        {
            out[c] = true;
        }
    }
    out
}

/// The standing value of one session of a candidate (`plan.speaker_value`).
pub(super) fn standing(cx: &Context<'_>, built: &Built, c: usize) -> f64 {
    match built.list[c].resource {
        Resource::Speaker(s) => {
            cx.inputs.rules.plan.speaker_value[cx.inputs.scenario.speakers[s].level as usize]
        }
        _ => 0.0,
    }
}

/// The terms of a selection, from integral counts: per person exactly as the plan file will show
/// (the checker recomputes them from plan.json).
pub fn terms_of(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    counts: &[u32],
) -> Vec<(String, f64)> {
    let w = &cx.inputs.rules.plan;
    let nd = cx.inputs.rules.duties.len();
    let mut hours = 0.0;
    let mut duties = 0.0;
    for k in classes {
        // h: hours per duty of sessions other than the unit's own training (valued up to the
        // cap); unit: the unit's training (valued per hour); any: attended at all
        let mut h = vec![0.0; nd];
        let mut unit = vec![0.0; nd];
        let mut none = 0.0;
        for &c in &k.reach {
            let x = built.list[c].hours * f64::from(counts[c]);
            let is_unit = cx.inputs.rules.session_kinds[built.list[c].kind].audience_mode
                == AudienceMode::Unit;
            match built.list[c].duty {
                Some(d) if is_unit => unit[d] += x,
                Some(d) => h[d] += x,
                None => none += x,
            }
        }
        let size = k.people.len() as f64;
        let mut v = none;
        let mut dv = 0.0;
        for d in 0..nd {
            let wd = duty_weight(cx, Some(d)) * k.weight[d];
            v += wd * (h[d].min(w.max_valued_hours_per_duty) + k.need[d] * unit[d]);
            if h[d] + unit[d] > 0.0 {
                dv += wd;
            }
        }
        hours += w.hour_value * size * v;
        duties += w.duty_value * size * dv;
    }
    let standing_v: f64 = (0..counts.len())
        .map(|c| f64::from(counts[c]) * standing(cx, built, c))
        .sum();
    let cost: f64 = built
        .list
        .iter()
        .zip(counts)
        .map(|(c, &k)| w.cost_weight * c.cost * f64::from(k))
        .sum();
    vec![
        ("hours".into(), hours),
        ("duties".into(), duties),
        ("standing".into(), standing_v),
        ("cost".into(), -cost),
    ]
}

/// The hours and duties terms of placed sessions, per person from who actually attends (a person
/// not yet hired, already gone or unavailable on a session's date misses it): the same formula
/// as [`terms_of`], which counts the audiences.
pub fn attended_terms(cx: &Context<'_>, built: &Built, sessions: &[super::Session]) -> (f64, f64) {
    let rules = &cx.inputs.rules;
    let w = &rules.plan;
    let nd = rules.duties.len();
    let np = cx.inputs.scenario.people.len();
    let mut h = vec![vec![0.0; nd]; np];
    let mut unit = vec![vec![0.0; nd]; np];
    let mut none = vec![0.0; np];
    for s in sessions {
        let cand = &built.list[s.candidate];
        let is_unit = rules.session_kinds[cand.kind].audience_mode == AudienceMode::Unit;
        for &p in &s.attendees {
            match cand.duty {
                Some(d) if is_unit => unit[p][d] += cand.hours,
                Some(d) => h[p][d] += cand.hours,
                None => none[p] += cand.hours,
            }
        }
    }
    let (mut hours, mut duties) = (0.0, 0.0);
    for p in 0..np {
        if cx.profiles.people[p].groups.is_empty() {
            continue;
        }
        let mut v = none[p];
        for d in 0..nd {
            let wd = duty_weight(cx, Some(d)) * cx.inputs.need_weight(p, d);
            let need = if unit[p][d] > 0.0 {
                unit_need(cx, p, d)
            } else {
                1.0
            };
            v += wd * (h[p][d].min(w.max_valued_hours_per_duty) + need * unit[p][d]);
            if h[p][d] + unit[p][d] > 0.0 {
                duties += w.duty_value * wd;
            }
        }
        hours += w.hour_value * v;
    }
    (hours, duties)
}

/// A count's column name in `selection.mps`: kind, resource, duty and audience of the candidate.
fn column_name(cx: &Context<'_>, built: &Built, c: usize) -> String {
    let sc = &cx.inputs.scenario;
    let cand = &built.list[c];
    let mut name = format!("n_{}", cx.inputs.rules.session_kinds[cand.kind].id);
    match cand.resource {
        Resource::Speaker(i) => name.push_str(&format!("_{}", sc.speakers[i].id)),
        Resource::Visit(i) => name.push_str(&format!("_{}", sc.visits[i].id)),
        Resource::Course(i) => name.push_str(&format!("_{}", sc.online_courses[i].id)),
        Resource::None => {}
    }
    if let Some(d) = cand.duty {
        name.push_str(&format!("_{}", cx.inputs.rules.duties[d].id));
    }
    let aud = &built.audiences[cand.audience];
    name.push_str(&format!("_{}", aud.label.join("+")));
    if let Some(h) = &aud.cohort {
        name.push_str(&format!("_part{}of{}", h.no, h.of));
    }
    if let Some(m) = cand.month {
        name.push_str(&format!("_m{}", m + 1));
    }
    name
}

/// Solve the selection; on infeasibility, explain which rule families conflict.
///
/// The LP relaxation first: it answers “is it impossible?” at once (branch and bound would take
/// long to prove it) and gives the upper bound for the gap. Its optimum rounded down and repaired
/// ([`repair::repair`]; a [`dive`] when that fails) is the first plan, which the local search
/// ([`improve::improve`]) and RINS (a node-limited MILP over the counts where the plan and the LP
/// disagree) improve.
pub fn solve(cx: &Context<'_>, built: &Built, bounds: &[u32]) -> Result<Selection, Vec<Conflict>> {
    let classes = classes(cx, built);
    let trace = std::env::var_os("FUDAO_TRACE").is_some();
    let started = std::time::Instant::now();
    let at = || started.elapsed().as_secs_f64();
    let value_of = |counts: &[u32]| -> f64 {
        terms_of(cx, built, &classes, counts)
            .iter()
            .map(|(_, v)| v)
            .sum()
    };
    let solver_error = |e: SolveError| {
        vec![Conflict {
            family: "solver".into(),
            rules: Vec::new(),
            message: format!("求解器错误 / solver error: {e}"),
        }]
    };
    if cx.models.wants() {
        let exact = formulate(cx, built, &classes, bounds, None, Counts::Integer, false);
        cx.models.record("selection.mps", || {
            exact.m.mps("selection", Sense::Maximise, &exact.objective)
        });
    }
    let relaxed = formulate(cx, built, &classes, bounds, None, Counts::Relaxed, false);
    let n = relaxed.n.clone();
    let mut lp = match relaxed.m.relax(Sense::Maximise, relaxed.objective) {
        Err(SolveError::Infeasible) => return Err(explain(cx, built, &classes, bounds)),
        Err(e) => return Err(solver_error(e)),
        Ok(lp) => lp,
    };
    let lp_bound = lp.objective();
    let root: Vec<f64> = n.iter().map(|&v| lp.value(v)).collect();
    let close = |value: f64| lp_bound - value <= DIVE_GAP * lp_bound.abs().max(1.0);
    let rows = rows::rows(cx, built, &classes, bounds);
    let standing: Vec<f64> = (0..n.len()).map(|c| standing(cx, built, c)).collect();
    let polish =
        |counts: &[u32]| improve::improve(cx, built, &classes, &rows, bounds, &standing, counts);

    let deadline = &cx.deadline;
    // a first plan: the LP optimum rounded down, repaired greedily (measured: as good after the
    // local search as a dive, and on 60 colleges / 800 staff two minutes faster) and polished by
    // the local search. Rounding up where the `≤` rows leave room (`repair::round`) was measured
    // too: about as good over the bundled budget sweep and faster, but the fuller selection it
    // gave could not be placed on one generated scenario (60 colleges / 800 staff, seed 1: a
    // monthly meeting found no date), so it is not used. When the repair finds no
    // plan, a dive on the relaxation, its stuck point repaired in turn
    let mut starts: Vec<Vec<u32>> = Vec::new();
    if let Some(start) = repair::repair(built, &rows, bounds, &repair::floor(bounds, &root)) {
        starts.push(start);
    }
    if starts.is_empty()
        && let Ok(start) = dive(&mut lp, &n, bounds, deadline)
            .or_else(|stuck| repair::repair(built, &rows, bounds, &stuck).ok_or(()))
    {
        starts.push(start);
    }
    if trace {
        eprintln!("starts: {} at {:.2} s", starts.len(), at());
    }
    let mut best: Option<(Vec<u32>, bool)> = None;
    for start in starts {
        if trace {
            eprintln!(
                "first plan: {:.2} of LP bound {lp_bound:.2} at {:.2} s",
                value_of(&start),
                at()
            );
        }
        let polished = polish(&start);
        if best
            .as_ref()
            .is_none_or(|(inc, _)| value_of(&polished) > value_of(inc) + 1e-9)
        {
            best = Some((polished, false));
        }
    }
    if let Some((inc, _)) = &best {
        let value = value_of(inc);
        if trace {
            eprintln!(
                "local search: {value:.2} of LP bound {lp_bound:.2} at {:.2} s",
                at()
            );
        }
        if !close(value) && !deadline.passed() {
            // RINS: fix every count where the incumbent agrees with the LP optimum and search
            // the rest exactly, from the incumbent
            let fixed = |c: usize| (root[c] - f64::from(inc[c])).abs() <= 1e-6;
            let hi: Vec<u32> = (0..n.len())
                .map(|c| if fixed(c) { inc[c] } else { bounds[c] })
                .collect();
            let lo: Vec<u32> = (0..n.len())
                .map(|c| if fixed(c) { inc[c] } else { 0 })
                .collect();
            if trace {
                eprintln!(
                    "rins: {} of {} counts free",
                    (0..n.len()).filter(|&c| !fixed(c)).count(),
                    n.len()
                );
            }
            if let Ok((found, _)) = search(cx, built, &classes, &hi, Some(&lo), Some(inc), deadline)
            {
                let found = if found == *inc { found } else { polish(&found) };
                if value_of(&found) > value + 1e-9 {
                    best = Some((found, false));
                }
            }
        }
    }
    // the full search: when the heuristics found nothing (a dive can fail where a plan exists),
    // or with a backend that closes gaps
    let need_search = match &best {
        None => true,
        Some((inc, _)) => FULL_SEARCH && !close(value_of(inc)) && !deadline.passed(),
    };
    if need_search {
        let start = best.as_ref().map(|(inc, _)| inc.as_slice());
        match search(cx, built, &classes, bounds, None, start, deadline) {
            Ok((found, optimal)) => {
                if best
                    .as_ref()
                    .is_none_or(|(inc, _)| value_of(&found) >= value_of(inc) - 1e-9)
                {
                    best = Some((found, optimal));
                }
            }
            Err(SolveError::Infeasible) if best.is_none() => {
                return Err(explain(cx, built, &classes, bounds));
            }
            Err(e) if best.is_none() => return Err(solver_error(e)),
            Err(_) => {}
        }
    }
    let Some((counts, proven)) = best else {
        return Err(explain(cx, built, &classes, bounds));
    };
    let terms = terms_of(cx, built, &classes, &counts);
    let value: f64 = terms.iter().map(|(_, v)| v).sum();
    let optimal = proven || lp_bound - value <= 1e-6;
    if trace {
        eprintln!(
            "selection: {value:.2} of LP bound {lp_bound:.2} at {:.2} s",
            at()
        );
    }
    let limits = limits(cx, built, &classes, &rows, bounds, &standing, &counts);
    Ok(Selection {
        counts,
        terms,
        optimal,
        bound: if optimal { value } else { lp_bound.max(value) },
        limits,
    })
}

/// Whether the full branch and bound runs after the heuristics when they end short of the LP
/// bound: HiGHS closes such gaps in seconds; microlp's search seldom improves a polished plan in
/// its node budget, so the default build keeps the heuristics' plan (and reports the gap).
const FULL_SEARCH: bool = cfg!(feature = "highs");

/// Branch and bound over the counts within `[lo, hi]`, from `start`, within [`NODE_LIMIT`] and
/// [`MIP_GAP`]: the counts and whether they are proven optimal.
fn search(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    hi: &[u32],
    lo: Option<&[u32]>,
    start: Option<&[u32]>,
    deadline: &crate::planner::Deadline,
) -> Result<(Vec<u32>, bool), SolveError> {
    let mut exact = formulate(cx, built, classes, hi, lo, Counts::Integer, false);
    exact.m.time_limit = deadline.left();
    if let Some(start) = start {
        exact.m.initial = Some(
            exact
                .n
                .iter()
                .zip(start)
                .map(|(&v, &x)| (v, f64::from(x)))
                .collect(),
        );
    }
    exact.m.node_limit = Some(if lo.is_some() {
        RINS_NODE_LIMIT
    } else {
        NODE_LIMIT
    });
    exact.m.mip_gap = Some(MIP_GAP);
    let sol = exact.m.solve(Sense::Maximise, exact.objective)?;
    // a search that ran into the limit has reached it
    deadline.passed();
    let counts = exact.n.iter().map(|&v| sol.int(v).max(0) as u32).collect();
    Ok((counts, sol.status == SolveStatus::Optimal))
}

/// A feasible selection by diving on the LP relaxation: every count the LP has integral and
/// positive is fixed from below, a quarter of the fractional counts (the largest first) are
/// rounded up — at most half as many as the last batch the LP could not take — or, when the LP
/// cannot take that, the largest alone, up or else down (or the next of the first
/// [`DIVE_PICKS`], when neither fits), and the LP is re-solved, until every count is integral.
/// Past the time limit every fractional count is rounded up at once first; when that fails, the
/// dive stops. A dive that stops or gets stuck returns its last LP point rounded down (`Err`), for
/// [`repair::repair`].
fn dive(
    lp: &mut Relaxation,
    n: &[Variable],
    bounds: &[u32],
    deadline: &crate::planner::Deadline,
) -> Result<Vec<u32>, Vec<u32>> {
    let nc = n.len();
    // where a stuck dive stands: its last LP point rounded down
    let floor = |lp: &Relaxation| -> Vec<u32> {
        n.iter()
            .zip(bounds)
            .map(|(&v, &b)| (lp.value(v) + 1e-6).floor().clamp(0.0, f64::from(b)) as u32)
            .collect()
    };
    let mut lo = vec![0u32; nc];
    let frac = |x: f64| (x - x.round()).abs() > 1e-6;
    let mut all_up_failed = false;
    // a batch the LP could not take halves the next one (the same rounding seldom fits later)
    let mut batch_most = usize::MAX;
    for _ in 0..=nc {
        let values: Vec<f64> = n.iter().map(|&v| lp.value(v)).collect();
        // fix what the LP already wants (integral and positive); zeros stay free, so later
        // rounds can still bring a session in where a rounding freed money or hours
        let mut keep = Vec::new();
        for c in 0..nc {
            if !frac(values[c]) && values[c] > 0.5 {
                let r = values[c].round().min(f64::from(bounds[c])) as u32;
                if r > lo[c] {
                    lo[c] = r;
                    keep.push((n[c], Some(f64::from(r)), None));
                }
            }
        }
        if !keep.is_empty()
            && let Err(e) = lp.restrict(&keep)
        {
            if std::env::var_os("FUDAO_TRACE").is_some() {
                eprintln!("dive: keeping {} integral counts failed: {e}", keep.len());
            }
            return Err(floor(lp));
        }
        let mut fractional: Vec<usize> = (0..nc).filter(|&c| frac(values[c])).collect();
        if fractional.is_empty() {
            return Ok(lo);
        }
        fractional.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
        let batch = (fractional.len() / 4).min(batch_most).max(1);
        let up = |c: usize| (c, values[c].ceil() as u32, None);
        let mut tries: Vec<Vec<(usize, u32, Option<u32>)>> = Vec::new();
        // past the time limit: every fractional count up at once first; once that fails, the
        // dive stops where it is and its point is repaired
        if all_up_failed && deadline.passed() {
            return Err(floor(lp));
        }
        let hurry = !all_up_failed && deadline.passed() && fractional.len() > batch;
        if hurry {
            tries.push(fractional.iter().map(|&c| up(c)).collect());
        }
        if batch > 1 {
            tries.push(fractional[..batch].iter().map(|&c| up(c)).collect());
        }
        // one count at a time, the largest first: up, else down; a count that fits neither way
        // now may fit after another has moved (a few tries; a stuck dive is repaired instead)
        for &pick in fractional.iter().take(DIVE_PICKS) {
            tries.push(vec![up(pick)]);
            let down = (values[pick].ceil() as u32).saturating_sub(1);
            tries.push(vec![(pick, lo[pick], Some(down))]);
        }
        let mut moved = false;
        for (t, fixes) in tries.into_iter().enumerate() {
            if fixes
                .iter()
                .any(|&(c, l, h)| l > bounds[c] || h.is_some_and(|h| l > h))
            {
                continue;
            }
            let changes: Vec<_> = fixes
                .iter()
                .map(|&(c, l, h)| (n[c], (l > lo[c]).then_some(f64::from(l)), h.map(f64::from)))
                .collect();
            if lp.restrict(&changes).is_ok() {
                for &(c, l, _) in &fixes {
                    lo[c] = lo[c].max(l);
                }
                moved = true;
                break;
            }
            if hurry && t == 0 {
                all_up_failed = true;
            } else if fixes.len() == batch && batch > 1 {
                batch_most = batch / 2;
            }
        }
        if !moved {
            if std::env::var_os("FUDAO_TRACE").is_some() {
                eprintln!(
                    "dive: no rounding of {} fractional counts fits",
                    fractional.len()
                );
            }
            return Err(floor(lp));
        }
    }
    Err(floor(lp))
}

struct Slacks {
    vars: Vec<(Variable, String, String, String)>, // var, family, rule, what
}

/// The selection model, built but not solved.
struct Formulation {
    m: Model,
    /// Copies per candidate (continuous until [`Formulation::integral`]).
    n: Vec<Variable>,
    objective: Expression,
    slacks: Slacks,
}

/// How the counts are modelled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Counts {
    /// Continuous (the LP relaxation).
    Relaxed,
    /// Integer (the MILP).
    Integer,
}

/// Build the selection model. `elastic`: minimise the bending of the rules (slack on every
/// family) instead of the plan objective.
#[allow(clippy::too_many_lines)]
fn formulate(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    bounds: &[u32],
    floor: Option<&[u32]>,
    counts: Counts,
    elastic: bool,
) -> Formulation {
    let rules = &cx.inputs.rules;
    let cands = &built.list;
    let mut m = Model::new();
    let n: Vec<Variable> = bounds
        .iter()
        .enumerate()
        .map(|(c, &hi)| {
            let lo = floor.map_or(0.0, |f| f64::from(f[c]));
            let v = match counts {
                Counts::Relaxed => m.continuous(lo, f64::from(hi)),
                Counts::Integer => m.integer(lo, f64::from(hi)),
            };
            if cx.models.wants() {
                m.name(v, &column_name(cx, built, c));
            }
            v
        })
        .collect();
    let mut slacks = Slacks { vars: Vec::new() };
    let mut slack = |m: &mut Model, family: &str, rule: &str, what: String| -> Expression {
        if elastic {
            let v = m.continuous(0.0, f64::INFINITY);
            slacks
                .vars
                .push((v, family.to_string(), rule.to_string(), what));
            Expression::from(v)
        } else {
            Expression::from(0.0)
        }
    };
    let sum_of = |members: &[usize]| -> Expression { members.iter().map(|&c| n[c]).sum() };
    let hours_of =
        |members: &[usize]| -> Expression { members.iter().map(|&c| cands[c].hours * n[c]).sum() };

    for row in rows::rows(cx, built, classes, bounds) {
        let sum: Expression = row.terms.iter().map(|&(c, a)| a * n[c]).sum();
        let s = match row.bend {
            Some(family) => slack(&mut m, family.name(), &row.rule, row.what.clone()),
            None => Expression::from(0.0),
        };
        let c = match row.bound {
            Bound::AtLeast(lo) => (sum + s).geq(lo),
            Bound::AtMost(hi) => (sum - s).leq(hi),
        };
        m.add(c.set_name(row.rule.clone()));
    }
    // objective
    let w = &rules.plan;
    let mut cost_term = Expression::from(0.0);
    let mut standing_term = Expression::from(0.0);
    for (i, c) in cands.iter().enumerate() {
        cost_term += w.cost_weight * c.cost * n[i];
        let v = standing(cx, built, i);
        if v != 0.0 {
            standing_term += v * n[i];
        }
    }
    // Hours and duties. Classes that differ only in sessions the rules force (a studio's
    // exchanges, held with every monthly meeting) or in their unit's own training share the
    // variables: unit training is valued per hour without a cap (`per_unit_duty_max` spreads it
    // over the duties), and a forced session's duty is covered whatever the counts.
    let forced = forced(built, bounds);
    let unit_kind =
        |c: usize| rules.session_kinds[cands[c].kind].audience_mode == AudienceMode::Unit;
    let mut hours_term = Expression::from(0.0);
    let mut duty_term = Expression::from(0.0);
    // per reach: members weighted by their need weight, per duty (index nd: no duty)
    let mut capped: BTreeMap<Vec<usize>, Vec<f64>> = BTreeMap::new();
    let mut lacking: BTreeMap<Vec<usize>, Vec<f64>> = BTreeMap::new();
    let nd = rules.duties.len();
    for k in classes {
        let size = k.people.len() as f64;
        let key: Vec<usize> = k.reach.iter().copied().filter(|&c| !unit_kind(c)).collect();
        let row = capped.entry(key).or_insert_with(|| vec![0.0; nd + 1]);
        for (d, x) in row.iter_mut().enumerate() {
            *x += size * k.weight.get(d).copied().unwrap_or(1.0);
        }
        for &c in k.reach.iter().filter(|&&c| unit_kind(c)) {
            let wd = duty_weight(cx, cands[c].duty) * cands[c].duty.map_or(1.0, |d| k.weight[d]);
            let need = cands[c].duty.map_or(1.0, |d| k.need[d]);
            hours_term += w.hour_value * size * wd * need * cands[c].hours * n[c];
        }
        let sure: BTreeSet<usize> = k
            .reach
            .iter()
            .filter(|&&c| forced[c])
            .filter_map(|&c| cands[c].duty)
            .collect();
        let key: Vec<usize> = k.reach.iter().copied().filter(|&c| !forced[c]).collect();
        let row = lacking.entry(key).or_insert_with(|| vec![0.0; nd]);
        for (d, x) in row.iter_mut().enumerate() {
            if sure.contains(&d) {
                // covered whatever the counts: a constant of the objective
                duty_term += w.duty_value * size * k.weight[d] * duty_weight(cx, Some(d));
            } else {
                *x += size * k.weight[d];
            }
        }
    }
    for (reach, sizes) in &capped {
        let mut by_duty: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
        for &c in reach {
            by_duty.entry(cands[c].duty).or_default().push(c);
        }
        for (d, members) in by_duty {
            let h = hours_of(&members);
            match d {
                None => hours_term += w.hour_value * sizes[nd] * h,
                Some(d) => {
                    let size = sizes[d];
                    let y = m.continuous(0.0, w.max_valued_hours_per_duty);
                    m.name(y, &format!("valued_hours_{}", rules.duties[d].id));
                    m.add(
                        Expression::from(y)
                            .leq(h)
                            .set_name("plan.max_valued_hours_per_duty".into()),
                    );
                    hours_term += w.hour_value * size * duty_weight(cx, Some(d)) * y;
                }
            }
        }
    }
    if w.duty_value > 0.0 {
        for (reach, sizes) in &lacking {
            for (d, &size) in sizes.iter().enumerate() {
                let on_d: Vec<usize> = reach
                    .iter()
                    .copied()
                    .filter(|&c| cands[c].duty == Some(d))
                    .collect();
                if size == 0.0 || on_d.is_empty() {
                    continue;
                }
                let z = m.continuous(0.0, 1.0);
                m.name(z, &format!("covered_{}", rules.duties[d].id));
                m.add(
                    Expression::from(z)
                        .leq(sum_of(&on_d))
                        .set_name("plan.duty_value".into()),
                );
                duty_term += w.duty_value * size * duty_weight(cx, Some(d)) * z;
            }
        }
    }
    let objective = if elastic {
        // minimise the bending only: what a user would change first — money, then hours, then
        // the load caps, then coverage, and only then the number of sessions the rules require
        slacks
            .vars
            .iter()
            .map(|(v, fam, _, _)| {
                let w = match fam.as_str() {
                    "budget" => 0.001,
                    "hours" => 10.0,
                    "load" => 30.0,
                    "coverage" => 100.0,
                    _ => 1000.0,
                };
                w * *v
            })
            .sum()
    } else {
        hours_term + duty_term + standing_term - cost_term
    };
    Formulation {
        m,
        n,
        objective,
        slacks,
    }
}

/// Re-solve with slack on every family and report what had to bend, with the numbers.
fn explain(cx: &Context<'_>, built: &Built, classes: &[Class], bounds: &[u32]) -> Vec<Conflict> {
    let f = formulate(cx, built, classes, bounds, None, Counts::Relaxed, true);
    let slacks = f.slacks;
    match f.m.solve(Sense::Minimise, f.objective) {
        Ok(sol) => {
            let mut out: Vec<Conflict> = slacks
                .vars
                .iter()
                .filter(|(v, ..)| sol.value(*v) > 1e-6)
                .map(|(v, family, rule, what)| {
                    let amount = sol.value(*v);
                    let (family, rule, what) = (family.clone(), rule.clone(), what.clone());
                    let message = match family.as_str() {
                        "budget" => {
                            format!("{what}：约差 {amount:.2} 元 / short by about {amount:.2} yuan")
                        }
                        "hours" => {
                            format!("{what}：约差 {amount:.1} 学时 / short by about {amount:.1} h")
                        }
                        "load" => {
                            format!("{what}：约超 {amount:.1} 学时 / over by about {amount:.1} h")
                        }
                        "coverage" => {
                            format!("{what}：无法安排 / no session can be afforded or placed")
                        }
                        _ => format!("{what}：还差 {amount:.0} 次 / short by {amount:.0}"),
                    };
                    Conflict {
                        family,
                        rules: vec![rule],
                        message,
                    }
                })
                .collect();
            if out
                .iter()
                .any(|c| c.family == "hours" || c.family == "coverage")
            {
                // the calendar's capacity is the usual root cause: say how much there is
                let weeks: BTreeSet<usize> = cx.calendar.days.iter().map(|d| d.week).collect();
                let cap = cx.inputs.rules.calendar.max_sessions_per_person_per_week;
                out.insert(
                    0,
                    Conflict {
                        family: "calendar".into(),
                        rules: vec!["calendar.max_sessions_per_person_per_week".into()],
                        message: format!(
                            "本学期可用 {} 周、每人每周至多 {cap} 次，每人至多 {} 次活动；可用日 {} 天 / {} usable weeks at {cap} sessions a week allow at most {} sessions per person ({} usable days)",
                            weeks.len(),
                            weeks.len() as u32 * cap,
                            cx.calendar.days.len(),
                            weeks.len(),
                            weeks.len() as u32 * cap,
                            cx.calendar.days.len()
                        ),
                    },
                );
            }
            if out.is_empty() {
                out.push(Conflict {
                    family: "unknown".into(),
                    rules: Vec::new(),
                    message: "规则相互冲突，但未能定位 / the rules conflict but no single family explains it".into(),
                });
            }
            out
        }
        Err(e) => vec![Conflict {
            family: "count".into(),
            rules: vec!["session_kinds".into()],
            message: format!(
                "会议数量规则本身无法满足（例如可用日期或主讲人不足）/ the session-count rules alone cannot hold (e.g. not enough dates or speakers): {e}"
            ),
        }],
    }
}
