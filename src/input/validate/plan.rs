//! `[plan]`: the weights of the planner's objective.

use crate::domain::PlanWeights;
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
        cell_value: cx.nonneg(&p.cell_value, "plan.cell_value"),
        priority_weight: cx.nonneg(&p.priority_weight, "plan.priority_weight"),
        cost_weight: cx.nonneg(&p.cost_weight, "plan.cost_weight"),
        travel_weight: cx.nonneg(&p.travel_weight, "plan.travel_weight"),
        bunching_penalty: cx.nonneg(&p.bunching_penalty, "plan.bunching_penalty"),
        semesters_per_year: cx.uint(&p.semesters_per_year, "plan.semesters_per_year", 1),
    }
}
