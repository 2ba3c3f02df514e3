//! Local search on a feasible selection: add a session, drop one, or swap one for another,
//! whenever the move keeps every row ([`super::rows`]) and raises the exact objective (the one
//! [`super::select::terms_of`] reports). Deterministic: candidates are tried in index order and
//! the best move wins, ties to the lower index.
//!
//! A dive on the LP relaxation rounds one count at a time and leaves money, hours and duties on
//! the table where its roundings collide; these moves collect them. Each accepted move raises
//! the objective by more than [`EPS`], so the search ends.

use super::Context;
use super::candidates::Built;
use super::rows::{Bound, Row};
use super::select::Class;
use crate::domain::AudienceMode;

/// The least improvement a move must bring.
const EPS: f64 = 1e-7;

/// At most this many rounds of moves (each round tries every add, drop and swap once).
const MAX_ROUNDS: usize = 50;

/// The exact objective, kept per class and duty so that a move's change is local.
struct State<'a> {
    counts: Vec<u32>,
    /// Row activities.
    act: Vec<f64>,
    /// Per class: non-unit hours per duty, unit hours per duty, hours without a duty.
    h: Vec<Vec<f64>>,
    unit: Vec<Vec<f64>>,
    none: Vec<f64>,
    model: &'a Model<'a>,
}

/// What the moves need to know, built once.
struct Model<'a> {
    rows: &'a [Row],
    /// Per candidate: (row, coefficient).
    rows_of: Vec<Vec<(usize, f64)>>,
    /// Per candidate: the classes it reaches.
    reach_of: Vec<Vec<usize>>,
    /// Class sizes.
    size: Vec<f64>,
    /// Per class and duty: the weight of an hour of unit training ([`Class::need`]).
    need: Vec<Vec<f64>>,
    /// Per class and duty: the record's need weight ([`Class::weight`]).
    kw: Vec<Vec<f64>>,
    /// Per candidate: duty, hours, whether it is a unit's own training, and its linear value
    /// (standing − weighted cost).
    duty: Vec<Option<usize>>,
    hours: Vec<f64>,
    is_unit: Vec<bool>,
    linear: Vec<f64>,
    bounds: &'a [u32],
    /// Duty weights, `plan.hour_value`, `plan.duty_value`, `plan.max_valued_hours_per_duty`.
    wd: Vec<f64>,
    hour_value: f64,
    duty_value: f64,
    per_duty_cap: f64,
}

impl Model<'_> {
    /// The value of class `k`'s hours on duty `d` (or without a duty), per member.
    fn f(&self, k: usize, d: Option<usize>, h: f64, unit: f64) -> f64 {
        match d {
            None => self.hour_value * h,
            Some(d) => {
                let covered = if h + unit > 1e-9 {
                    self.duty_value
                } else {
                    0.0
                };
                let unit = self.need[k][d] * unit;
                self.wd[d]
                    * self.kw[k][d]
                    * (self.hour_value * (h.min(self.per_duty_cap) + unit) + covered)
            }
        }
    }
}

impl State<'_> {
    /// The change of the objective when candidate `c` gains `delta` copies.
    fn gain(&self, c: usize, delta: f64) -> f64 {
        let m = self.model;
        let x = m.hours[c] * delta;
        let mut g = m.linear[c] * delta;
        for &k in &m.reach_of[c] {
            let (old, new) = match m.duty[c] {
                None => (
                    m.f(k, None, self.none[k], 0.0),
                    m.f(k, None, self.none[k] + x, 0.0),
                ),
                Some(d) => {
                    let (h, u) = (self.h[k][d], self.unit[k][d]);
                    let (h2, u2) = if m.is_unit[c] { (h, u + x) } else { (h + x, u) };
                    (m.f(k, Some(d), h, u), m.f(k, Some(d), h2, u2))
                }
            };
            g += m.size[k] * (new - old);
        }
        g
    }

    /// Apply `delta` copies of `c` (no checks).
    fn apply(&mut self, c: usize, delta: i64) {
        let m = self.model;
        self.counts[c] = (i64::from(self.counts[c]) + delta) as u32;
        let df = delta as f64;
        for &(r, a) in &m.rows_of[c] {
            self.act[r] += a * df;
        }
        let x = m.hours[c] * df;
        for &k in &m.reach_of[c] {
            match m.duty[c] {
                None => self.none[k] += x,
                Some(d) if m.is_unit[c] => self.unit[k][d] += x,
                Some(d) => self.h[k][d] += x,
            }
        }
    }

    /// Whether `delta` copies of `c` keep `c`'s rows and the rows in `also` within bounds.
    fn fits(&self, c: usize, delta: f64, also: &[usize]) -> bool {
        let m = self.model;
        let next = i64::from(self.counts[c]) + delta as i64;
        if next < 0 || next > i64::from(m.bounds[c]) {
            return false;
        }
        let own = m.rows_of[c]
            .iter()
            .all(|&(r, a)| m.rows[r].bound.holds(self.act[r] + a * delta));
        own && also.iter().all(|&r| {
            let extra = m.rows_of[c]
                .iter()
                .find(|&&(r2, _)| r2 == r)
                .map_or(0.0, |&(_, a)| a * delta);
            m.rows[r].bound.holds(self.act[r] + extra)
        })
    }
}

/// What the moves read, from the rows, classes and candidates.
fn model<'a>(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    rows: &'a [Row],
    bounds: &'a [u32],
    standing: &[f64],
) -> Model<'a> {
    let rules = &cx.inputs.rules;
    let w = &rules.plan;
    let nc = built.list.len();
    let mut rows_of: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nc];
    for (r, row) in rows.iter().enumerate() {
        for &(c, a) in &row.terms {
            rows_of[c].push((r, a));
        }
    }
    let mut reach_of: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for (k, class) in classes.iter().enumerate() {
        for &c in &class.reach {
            reach_of[c].push(k);
        }
    }
    Model {
        rows,
        rows_of,
        reach_of,
        size: classes.iter().map(|k| k.people.len() as f64).collect(),
        need: classes.iter().map(|k| k.need.clone()).collect(),
        kw: classes.iter().map(|k| k.weight.clone()).collect(),
        duty: built.list.iter().map(|c| c.duty).collect(),
        hours: built.list.iter().map(|c| c.hours).collect(),
        is_unit: built
            .list
            .iter()
            .map(|c| rules.session_kinds[c.kind].audience_mode == AudienceMode::Unit)
            .collect(),
        linear: (0..nc)
            .map(|c| standing[c] - w.cost_weight * built.list[c].cost)
            .collect(),
        bounds,
        wd: rules
            .duties
            .iter()
            .map(|d| if d.priority { w.priority_weight } else { 1.0 })
            .collect(),
        hour_value: w.hour_value,
        duty_value: w.duty_value,
        per_duty_cap: w.max_valued_hours_per_duty,
    }
}

/// The state of `counts` under `model`.
fn state<'a>(model: &'a Model<'a>, classes: usize, nd: usize, counts: &[u32]) -> State<'a> {
    let mut st = State {
        counts: vec![0; counts.len()],
        act: vec![0.0; model.rows.len()],
        h: vec![vec![0.0; nd]; classes],
        unit: vec![vec![0.0; nd]; classes],
        none: vec![0.0; classes],
        model,
    };
    for (c, &x) in counts.iter().enumerate() {
        if x > 0 {
            st.apply(c, i64::from(x));
        }
    }
    st
}

/// A session worth adding that rows keep out.
#[derive(Debug, Clone)]
pub struct Blocked {
    /// The candidate.
    pub cand: usize,
    /// What one more copy would add to the objective.
    pub gain: f64,
    /// The rows one more copy would break.
    pub rows: Vec<usize>,
}

/// Every candidate below its bound whose one more copy would raise the objective of `counts`
/// (a feasible selection) but break some rows: the limits that bind the plan, each with what it
/// keeps out. Candidates in index order.
pub fn blocked(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    rows: &[Row],
    bounds: &[u32],
    standing: &[f64],
    counts: &[u32],
) -> Vec<Blocked> {
    let model = model(cx, built, classes, rows, bounds, standing);
    let st = state(&model, classes.len(), cx.inputs.rules.duties.len(), counts);
    (0..counts.len())
        .filter(|&c| counts[c] < bounds[c])
        .filter_map(|c| {
            let gain = st.gain(c, 1.0);
            if gain <= EPS {
                return None;
            }
            let broken: Vec<usize> = model.rows_of[c]
                .iter()
                .filter(|&&(r, a)| !rows[r].bound.holds(st.act[r] + a))
                .map(|&(r, _)| r)
                .collect();
            (!broken.is_empty()).then_some(Blocked {
                cand: c,
                gain,
                rows: broken,
            })
        })
        .collect()
}

/// Improve a feasible selection `start` by local moves; returns the improved counts.
pub fn improve(
    cx: &Context<'_>,
    built: &Built,
    classes: &[Class],
    rows: &[Row],
    bounds: &[u32],
    standing: &[f64],
    start: &[u32],
) -> Vec<u32> {
    let nc = built.list.len();
    let model = model(cx, built, classes, rows, bounds, standing);
    let mut st = state(&model, classes.len(), cx.inputs.rules.duties.len(), start);

    // an insertion that failed is tried again only after some move was accepted since (the same
    // state gives the same failure): the last round, which only confirms, then costs nothing
    let mut version = 0usize;
    let mut failed_at: Vec<Option<usize>> = vec![None; nc];
    for round in 0..MAX_ROUNDS {
        // past the time limit, one round and no more
        if round > 0 && cx.deadline.passed() {
            break;
        }
        let mut moved = false;
        // adds, best first, until none helps
        loop {
            let best = (0..nc)
                .filter(|&c| st.fits(c, 1.0, &[]))
                .map(|c| (c, st.gain(c, 1.0)))
                .filter(|&(_, g)| g > EPS)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            match best {
                Some((c, _)) => {
                    st.apply(c, 1);
                    moved = true;
                    version += 1;
                }
                None => break,
            }
        }
        // drops that pay for themselves (cost above value)
        for c in 0..nc {
            if st.counts[c] > 0 && st.fits(c, -1.0, &[]) && st.gain(c, -1.0) > EPS {
                st.apply(c, -1);
                moved = true;
                version += 1;
            }
        }
        // swaps: one copy of `a` out, the best `b` in
        for a in 0..nc {
            if st.counts[a] == 0 {
                continue;
            }
            let out_gain = st.gain(a, -1.0);
            st.apply(a, -1);
            let broken: Vec<usize> = model.rows_of[a]
                .iter()
                .map(|&(r, _)| r)
                .filter(|&r| !rows[r].bound.holds(st.act[r]))
                .collect();
            let best = (0..nc)
                .filter(|&b| b != a && st.fits(b, 1.0, &broken))
                .map(|b| (b, out_gain + st.gain(b, 1.0)))
                .filter(|&(_, g)| g > EPS)
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            match best {
                Some((b, _)) => {
                    st.apply(b, 1);
                    moved = true;
                    version += 1;
                }
                None => st.apply(a, 1),
            }
        }
        // insertions with ejection: `b` in, then the copies that make least loss out until
        // every row holds again (a better speaker paid for by two cheaper sessions)
        for b in 0..nc {
            if failed_at[b] == Some(version)
                || st.fits(b, 1.0, &[])
                || i64::from(st.counts[b]) >= i64::from(bounds[b])
            {
                continue;
            }
            let g = st.gain(b, 1.0);
            if g <= EPS {
                continue;
            }
            if eject(&mut st, b, g) {
                moved = true;
                version += 1;
            } else {
                failed_at[b] = Some(version);
            }
        }
        if !moved {
            break;
        }
    }
    st.counts
}

/// At most this many copies leave to make room for one (a lecture for everyone may need one
/// session less for each of many classes at their semester cap).
const MAX_EJECT: usize = 40;

/// How far row `r` is from its bound (0 when it holds).
fn off(st: &State<'_>, r: usize, act: f64) -> f64 {
    let v = match st.model.rows[r].bound {
        Bound::AtLeast(x) => x - act,
        Bound::AtMost(x) => act - x,
    };
    if v > 1e-6 { v } else { 0.0 }
}

/// Put one copy of `b` in (worth `g`) and take copies out, one at a time, each the least loss
/// per unit of violation repaired among those that break no other row, until every row holds
/// (at most [`MAX_EJECT`]). Keeps the move (and returns true) when every row holds and the
/// objective rises; otherwise undoes everything.
fn eject(st: &mut State<'_>, b: usize, g: f64) -> bool {
    let m = st.model;
    st.apply(b, 1);
    let mut total = g;
    let mut out = Vec::new();
    let mut broken: Vec<usize> = m.rows_of[b]
        .iter()
        .map(|&(r, _)| r)
        .filter(|&r| off(st, r, st.act[r]) > 0.0)
        .collect();
    while !broken.is_empty() && out.len() < MAX_EJECT {
        let mut pool: Vec<usize> = broken
            .iter()
            .flat_map(|&r| m.rows[r].terms.iter().map(|&(c, _)| c))
            .filter(|&c| c != b && st.counts[c] > 0)
            .collect();
        pool.sort_unstable();
        pool.dedup();
        let mut best: Option<(usize, f64, f64)> = None;
        for c in pool {
            // the violation repaired by one copy less of c, and whether it breaks a row
            let mut repaired = 0.0;
            let mut breaks = false;
            for &(r, a) in &m.rows_of[c] {
                let (now, next) = (off(st, r, st.act[r]), off(st, r, st.act[r] - a));
                if now == 0.0 && next > 0.0 {
                    breaks = true;
                    break;
                }
                repaired += now - next;
            }
            if breaks || repaired <= 1e-9 {
                continue;
            }
            let loss = st.gain(c, -1.0);
            let score = loss / repaired;
            if best.is_none_or(|(_, s, _)| score > s) {
                best = Some((c, score, loss));
            }
        }
        let Some((c, _, loss)) = best else { break };
        st.apply(c, -1);
        total += loss;
        out.push(c);
        broken.retain(|&r| off(st, r, st.act[r]) > 0.0);
    }
    if !broken.is_empty() {
        undo(st, b, &out, &[]);
        return false;
    }
    if total > EPS {
        return true;
    }
    // refill: what the ejections freed may take other copies (one lecture for everyone in, a
    // unit session out for each class at its cap, then those classes' own best sessions back)
    let mut near: Vec<usize> = out
        .iter()
        .flat_map(|&c| m.rows_of[c].iter())
        .flat_map(|&(r, _)| m.rows[r].terms.iter().map(|&(c, _)| c))
        .filter(|&c| c != b)
        .collect();
    near.sort_unstable();
    near.dedup();
    let mut added = Vec::new();
    while added.len() < MAX_EJECT {
        let best = near
            .iter()
            .copied()
            .filter(|&c| !out.contains(&c) && st.fits(c, 1.0, &[]))
            .map(|c| (c, st.gain(c, 1.0)))
            .filter(|&(_, g)| g > EPS)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        let Some((c, g)) = best else { break };
        st.apply(c, 1);
        total += g;
        added.push(c);
    }
    if total > EPS {
        return true;
    }
    undo(st, b, &out, &added);
    false
}

/// Undo an insertion of `b` with its ejections `out` and refills `added`.
fn undo(st: &mut State<'_>, b: usize, out: &[usize], added: &[usize]) {
    for &c in added {
        st.apply(c, -1);
    }
    for &c in out {
        st.apply(c, 1);
    }
    st.apply(b, -1);
}
