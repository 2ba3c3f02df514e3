//! The objective's value terms recomputed from the sessions, each on its own (a plan whose terms
//! add up but do not match its sessions is caught here, not only one whose sum is off).
//!
//! Rule id: `plan.terms` — one violation per term whose value differs from the recomputation by
//! more than a cent (and a millionth of its size):
//! - `hours = plan.hour_value · Σ_person Σ_d w(d) · ( min(h_{p,d}, plan.max_valued_hours_per_duty)
//!   + ν_{p,d} · u_{p,d} ) + n_p` over the people in at least one group, with `h` the hours of
//!   attended sessions on duty d other than unit kinds, `u` those of unit kinds
//!   (`audience_mode = "unit"`), `ν` the weight of such an hour for the person's college
//!   (`college_training`: `theme_weight` for its themes, the largest matching `needs.weight`, else 1),
//!   `n` sessions without a duty, and `w(d) = plan.priority_weight` for priority duties, else 1,
//!   times the person's need weight from the record (`records.levels.weight` of a weak camp
//!   result, `records.group_weight` of a duty weak across their group; 1 without one);
//! - `duties = plan.duty_value · Σ_person Σ_d w(d) · [h_{p,d} + u_{p,d} > 0]`;
//! - `standing = Σ_sessions plan.speaker_value.<level of the session's speaker>`;
//! - `cost = − plan.cost_weight · Σ_sessions cost` (the costs as the plan states them, which
//!   `plan.cost` recomputes).
//!
//! - `travel = − plan.travel_weight · Σ_sessions travel minutes` (each attendee's minutes to a
//!   session's venue campus, from home or from the venue of the session a `with_kind` session
//!   follows; `visit.travel_minutes` per visitor);
//! - `spacing = − plan.bunching_penalty · Σ_person Σ_week max(0, sessions − 1) / people`.
//!
//! Terms the plan does not carry are not checked.

use crate::domain::AudienceMode;

use super::sessions::Resource;
use super::{Ctx, Out};

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    plan_terms(cx, out);
}

/// `plan.terms`.
fn plan_terms(cx: &Ctx<'_>, out: &mut Out) {
    let rules = &cx.inputs.rules;
    let w = &rules.plan;
    let nd = rules.duties.len();
    let np = cx.inputs.scenario.people.len();
    let mut h = vec![vec![0.0; nd]; np];
    let mut u = vec![vec![0.0; nd]; np];
    let mut none = vec![0.0; np];
    let mut standing = 0.0;
    let mut cost = 0.0;
    let mut travel = 0.0;
    let mut week_load: std::collections::BTreeMap<(usize, usize), u32> = Default::default();
    for s in &cx.sess {
        cost += s.s.cost;
        travel += super::sessions::travel_minutes(cx, s);
        if let Some(d) = s.date {
            let wk = cx.cal.week_of(d);
            for &p in &s.attendees {
                *week_load.entry((p, wk)).or_default() += 1;
            }
        }
        if let Some(Resource::Speaker(i)) = s.resource {
            standing += w.speaker_value[cx.inputs.scenario.speakers[i].level as usize];
        }
        let is_unit = s
            .kind
            .is_some_and(|k| rules.session_kinds[k].audience_mode == AudienceMode::Unit);
        for &p in &s.attendees {
            match s.duty {
                Some(d) if is_unit => u[p][d] += s.s.hours,
                Some(d) => h[p][d] += s.s.hours,
                None => none[p] += s.s.hours,
            }
        }
    }
    let weight = |d: usize| {
        if rules.duties[d].priority {
            w.priority_weight
        } else {
            1.0
        }
    };
    let (mut hours, mut duties) = (0.0, 0.0);
    for p in 0..np {
        if cx.profiles.people[p].groups.is_empty() {
            continue;
        }
        hours += w.hour_value * none[p];
        for d in 0..nd {
            let need = match cx.inputs.scenario.people[p].college {
                Some(c) if u[p][d] > 0.0 => {
                    rules
                        .college_training
                        .need(&cx.inputs.scenario.colleges[c], d)
                        .0
                }
                _ => 1.0,
            };
            let weight = |d: usize| weight(d) * cx.inputs.need_weight(p, d);
            hours += w.hour_value
                * weight(d)
                * (h[p][d].min(w.max_valued_hours_per_duty) + need * u[p][d]);
            if h[p][d] + u[p][d] > 0.0 {
                duties += w.duty_value * weight(d);
            }
        }
    }
    let bunching = week_load
        .values()
        .map(|&n| f64::from(n.saturating_sub(1)))
        .sum::<f64>()
        / np.max(1) as f64;
    let expected = [
        ("hours", hours),
        ("duties", duties),
        ("standing", standing),
        ("cost", -w.cost_weight * cost),
        ("travel", -w.travel_weight * travel),
        ("spacing", -w.bunching_penalty * bunching),
    ];
    for (term, want) in expected {
        let Some(&have) = cx.plan.objective.terms.get(term) else {
            continue;
        };
        if (have - want).abs() > 0.01 + 1e-6 * want.abs() {
            out.add(
                "plan.terms",
                None,
                None,
                format!("目标分项 {term} 写作 {have:.2}，按各场活动重算为 {want:.2}"),
                format!("objective term `{term}` is {have:.2}, the sessions give {want:.2}"),
            );
        }
    }
}
