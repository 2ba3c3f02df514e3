//! `[plan]`: the weights of the planner's objective.

use crate::domain::{PlanWeights, ReplanWeights};
use crate::wire;

use super::Cx;

/// The plan weights.
pub(super) fn plan_weights(cx: &mut Cx<'_>, p: &wire::PlanWeightsIn) -> PlanWeights {
    PlanWeights {
        hour_value: cx.nonneg(&p.hour_value, "plan.hour_value"),
        max_valued_hours_per_duty: cx.nonneg(
            &p.max_valued_hours_per_duty,
            "plan.max_valued_hours_per_duty",
        ),
        duty_value: cx.nonneg(&p.duty_value, "plan.duty_value"),
        speaker_value: p.speaker_value.as_ref().map_or([0.0; 3], |v| {
            [
                cx.nonneg(&v.internal, "plan.speaker_value.internal"),
                cx.nonneg(&v.provincial, "plan.speaker_value.provincial"),
                cx.nonneg(&v.national, "plan.speaker_value.national"),
            ]
        }),
        priority_weight: cx.nonneg(&p.priority_weight, "plan.priority_weight"),
        cost_weight: cx.nonneg(&p.cost_weight, "plan.cost_weight"),
        travel_weight: cx.nonneg(&p.travel_weight, "plan.travel_weight"),
        bunching_penalty: cx.nonneg(&p.bunching_penalty, "plan.bunching_penalty"),
        semesters_per_year: cx.uint(&p.semesters_per_year, "plan.semesters_per_year", 1),
    }
}

/// The change weights of a re-plan.
pub(super) fn replan_weights(cx: &mut Cx<'_>, r: &wire::ReplanIn) -> ReplanWeights {
    ReplanWeights {
        moved: cx.nonneg(&r.moved, "replan.moved"),
        venue_changed: cx.nonneg(&r.venue_changed, "replan.venue_changed"),
        speaker_changed: cx.nonneg(&r.speaker_changed, "replan.speaker_changed"),
        dropped: cx.nonneg(&r.dropped, "replan.dropped"),
        added: cx.nonneg(&r.added, "replan.added"),
        person: cx.nonneg(&r.person, "replan.person"),
    }
}
