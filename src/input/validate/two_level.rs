//! `[two_level]`: when a college trains on its own, in a cluster, or as a guest, and the weights
//! for forming clusters.

use crate::domain::{TwoLevelRules, Unreachable};
use crate::wire;

use super::Cx;

/// The two-level (school and college) training rules.
pub(super) fn two_level_rules(cx: &mut Cx<'_>, t: &wire::TwoLevelIn) -> TwoLevelRules {
    TwoLevelRules {
        independent_min: cx.uint(&t.independent_min, "two_level.independent_min", 1),
        max_cluster_colleges: cx.uint(&t.max_cluster_colleges, "two_level.max_cluster_colleges", 1),
        max_travel_minutes: cx.nonneg(&t.max_travel_minutes, "two_level.max_travel_minutes"),
        unreachable: cx
            .word(
                &t.unreachable,
                "two_level.unreachable",
                &["guest", "infeasible"],
                |s| match s {
                    "guest" => Some(Unreachable::Guest),
                    "infeasible" => Some(Unreachable::Infeasible),
                    _ => None,
                },
            )
            .unwrap_or(Unreachable::Guest),
        w_travel_per_minute: cx.nonneg(
            &t.weights.travel_per_minute,
            "two_level.weights.travel_per_minute",
        ),
        w_discipline_mismatch: cx.nonneg(
            &t.weights.discipline_mismatch,
            "two_level.weights.discipline_mismatch",
        ),
        w_stage_mismatch: cx.nonneg(
            &t.weights.stage_mismatch,
            "two_level.weights.stage_mismatch",
        ),
        w_per_cluster: cx.nonneg(&t.weights.per_cluster, "two_level.weights.per_cluster"),
    }
}
