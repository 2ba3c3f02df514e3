//! The selection against brute force: on small slices of a real candidate set, every count
//! vector is enumerated, checked against the selection's rows and valued with the objective as
//! the README writes it (per person, recomputed here, not by [`super::select::terms_of`]); the
//! selection must find the best of them, within the gap it is allowed to keep (`DIVE_GAP`), and
//! value its own counts as the formula does.

use std::collections::BTreeMap;

use super::candidates::{self, Built, CountRule, Resource};
use super::{Context, rows, select};
use crate::domain::{AudienceMode, Inputs};

/// The objective of the README for counts `n` over `built`, person by person.
fn value(cx: &Context<'_>, built: &Built, n: &[u32]) -> f64 {
    let rules = &cx.inputs.rules;
    let w = &rules.plan;
    let nd = rules.duties.len();
    let np = cx.inputs.scenario.people.len();
    let mut other = vec![vec![0.0; nd]; np];
    let mut unit = vec![vec![0.0; nd]; np];
    let mut none = vec![0.0; np];
    let mut total = 0.0;
    for (c, cand) in built.list.iter().enumerate() {
        let copies = f64::from(n[c]);
        if copies == 0.0 {
            continue;
        }
        total -= w.cost_weight * cand.cost * copies;
        if let Resource::Speaker(s) = cand.resource {
            total += w.speaker_value[cx.inputs.scenario.speakers[s].level as usize] * copies;
        }
        let is_unit = rules.session_kinds[cand.kind].audience_mode == AudienceMode::Unit;
        for &p in &built.audiences[cand.audience].people {
            let h = cand.hours * copies;
            match cand.duty {
                Some(d) if is_unit => unit[p][d] += h,
                Some(d) => other[p][d] += h,
                None => none[p] += h,
            }
        }
    }
    for p in 0..np {
        if cx.profiles.people[p].groups.is_empty() {
            continue;
        }
        total += w.hour_value * none[p];
        for d in 0..nd {
            let wd = if rules.duties[d].priority {
                w.priority_weight
            } else {
                1.0
            } * cx.inputs.need_weight(p, d);
            let nu = match cx.inputs.scenario.people[p].college {
                Some(c) => {
                    rules
                        .college_training
                        .need(&cx.inputs.scenario.colleges[c], d)
                        .0
                }
                None => 1.0,
            };
            total += w.hour_value
                * wd
                * (other[p][d].min(w.max_valued_hours_per_duty) + nu * unit[p][d]);
            if other[p][d] + unit[p][d] > 0.0 {
                total += w.duty_value * wd;
            }
        }
    }
    total
}

/// The candidates `keep` of `full` as a model of their own: counting rules restricted to them
/// (a rule with a minimum that loses members is dropped, its maximum still holds).
fn slice(full: &Built, keep: &[usize]) -> Built {
    let at: BTreeMap<usize, usize> = keep.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    let rules = full
        .rules
        .iter()
        .filter_map(|r| {
            let members: Vec<usize> = r
                .members
                .iter()
                .filter_map(|c| at.get(c).copied())
                .collect();
            let whole = members.len() == r.members.len();
            (!members.is_empty() && (whole || r.lo == 0)).then(|| CountRule {
                members,
                ..r.clone()
            })
        })
        .collect();
    Built {
        list: keep.iter().map(|&c| full.list[c].clone()).collect(),
        audiences: full.audiences.clone(),
        rules,
        home: full.home.clone(),
    }
}

/// The best value over every count vector within `bounds` that keeps every row.
fn brute_force(cx: &Context<'_>, built: &Built, bounds: &[u32]) -> Option<(f64, Vec<u32>)> {
    let classes = select::classes(cx, built);
    let rows = rows::rows(cx, built, &classes, bounds);
    let mut n = vec![0u32; bounds.len()];
    let mut best: Option<(f64, Vec<u32>)> = None;
    loop {
        let ok = rows.iter().all(|r| {
            let a: f64 = r.terms.iter().map(|&(c, k)| k * f64::from(n[c])).sum();
            r.bound.holds(a)
        });
        if ok {
            let v = value(cx, built, &n);
            if best.as_ref().is_none_or(|b| v > b.0 + 1e-9) {
                best = Some((v, n.clone()));
            }
        }
        // next vector (odometer)
        let mut i = 0;
        loop {
            if i == n.len() {
                return best;
            }
            if n[i] < bounds[i] {
                n[i] += 1;
                break;
            }
            n[i] = 0;
            i += 1;
        }
    }
}

fn inputs(total: f64) -> Inputs {
    let mut inputs = crate::test_inputs("tests/fixtures/tiny-checker.toml");
    // the slices hold no required sessions: targets and required duties would leave nothing
    // feasible
    inputs.rules.hour_targets.clear();
    inputs.rules.coverage.clear();
    inputs.scenario.funds_total = total;
    inputs
}

/// Slices of tiny-checker's invited and online sessions (two copies at most each), with a loose
/// and a tight fund, a tight load cap, and few valued hours per duty.
#[test]
fn selection_finds_the_brute_force_optimum() {
    let mut cases = 0;
    for (total, cap, valued) in [
        (60000.0, None, None),
        (9000.0, None, None),
        (60000.0, Some(9.0), None),
        (60000.0, None, Some(3.0)),
    ] {
        let mut inputs = inputs(total);
        if let Some(v) = valued {
            inputs.rules.plan.max_valued_hours_per_duty = v;
        }
        if let Some(cap) = cap {
            for g in &mut inputs.rules.groups {
                g.max_hours_per_semester = Some(cap);
            }
        }
        let stages = crate::planner::run::stages(&inputs);
        let cx = Context::new(&inputs, &stages.profiles, &stages.units, &stages.studios);
        let full = candidates::build_all(&cx);
        let kinds = ["special_invite", "online_course", "theme_lecture"];
        let pool: Vec<usize> = (0..full.list.len())
            .filter(|&c| kinds.contains(&inputs.rules.session_kinds[full.list[c].kind].id.as_str()))
            .collect();
        assert!(
            pool.len() >= 24,
            "tiny-checker has {} such candidates",
            pool.len()
        );
        // three slices of eight: every third candidate, so speakers and courses recur
        for start in 0..3 {
            let keep: Vec<usize> = pool
                .iter()
                .copied()
                .skip(start)
                .step_by(3)
                .take(8)
                .collect();
            let built = slice(&full, &keep);
            let bounds: Vec<u32> = built.list.iter().map(|c| c.hi.min(2)).collect();
            let Some((best, at)) = brute_force(&cx, &built, &bounds) else {
                continue;
            };
            let sel = select::solve(&cx, &built, &bounds)
                .unwrap_or_else(|_| panic!("brute force found {at:?} feasible"));
            let got = value(&cx, &built, &sel.counts);
            let reported: f64 = sel.terms.iter().map(|(_, v)| v).sum();
            assert!(
                (got - reported).abs() < 1e-6,
                "the selection values its counts at {reported}, the formula at {got}"
            );
            assert!(
                got <= best + 1e-6,
                "{:?} is worth {got}, above the best feasible {best}: it breaks a row",
                sel.counts
            );
            assert!(
                got >= best - 5e-3 * best.abs().max(1.0) - 1e-6,
                "selection {:?} = {got}, brute force {at:?} = {best} (total {total}, cap {cap:?})",
                sel.counts
            );
            assert!(
                sel.bound >= best - 1e-6,
                "bound {} below the optimum {best}",
                sel.bound
            );
            if sel.optimal {
                assert!(
                    (got - best).abs() < 1e-6,
                    "proven optimal at {got}, optimum {best}"
                );
            }
            cases += 1;
        }
    }
    assert!(cases >= 9, "only {cases} slices had a feasible selection");
}

/// Each limit the selection reports is what one more copy of its candidate breaks: rows of that
/// rule only, by `needs` at most, for the gain the README's objective (recomputed here) gives.
#[test]
fn each_limit_is_what_one_more_copy_breaks() {
    let mut seen = 0;
    for (total, cap) in [(9000.0, None), (60000.0, Some(9.0)), (60000.0, None)] {
        let mut inputs = inputs(total);
        if let Some(cap) = cap {
            for g in &mut inputs.rules.groups {
                g.max_hours_per_semester = Some(cap);
            }
        }
        let stages = crate::planner::run::stages(&inputs);
        let cx = Context::new(&inputs, &stages.profiles, &stages.units, &stages.studios);
        let built = candidates::build_all(&cx);
        let bounds: Vec<u32> = built.list.iter().map(|c| c.hi).collect();
        let Ok(sel) = select::solve(&cx, &built, &bounds) else {
            continue;
        };
        let classes = select::classes(&cx, &built);
        let rows = rows::rows(&cx, &built, &classes, &bounds);
        let act = |r: &rows::Row, n: &[u32]| -> f64 {
            r.terms.iter().map(|&(c, a)| a * f64::from(n[c])).sum()
        };
        for l in &sel.limits {
            let mut n = sel.counts.clone();
            n[l.cand] += 1;
            assert!(n[l.cand] <= bounds[l.cand], "{}: beyond its bound", l.best);
            let broken: Vec<&rows::Row> =
                rows.iter().filter(|r| !r.bound.holds(act(r, &n))).collect();
            assert!(
                !broken.is_empty(),
                "{}: one more copy breaks nothing",
                l.best
            );
            for r in &broken {
                assert_eq!(r.rule, l.rule, "{} also breaks {}", l.best, r.rule);
                let over = match r.bound {
                    rows::Bound::AtMost(hi) => act(r, &n) - hi,
                    rows::Bound::AtLeast(lo) => lo - act(r, &n),
                };
                assert!(
                    over <= l.needs + 0.01,
                    "{}: {over} over, needs {}",
                    l.rule,
                    l.needs
                );
            }
            let gain = value(&cx, &built, &n) - value(&cx, &built, &sel.counts);
            assert!(
                (gain - l.value).abs() < 0.01,
                "{}: one more {} gains {gain}, reported {}",
                l.rule,
                l.best,
                l.value
            );
            assert!(l.value > 0.0 && l.blocked >= 1);
            seen += 1;
        }
    }
    assert!(
        seen >= 2,
        "only {seen} limits reported on tight funds and caps"
    );
}
