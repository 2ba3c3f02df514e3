//! `[budget]`: how the funds are shared between the school and the colleges.

use crate::domain::{BudgetRules, CollegeSplit};
use crate::wire;

use super::Cx;

/// The budget rules.
pub(super) fn budget_rules(cx: &mut Cx<'_>, b: &wire::BudgetRulesIn) -> BudgetRules {
    BudgetRules {
        school_share: cx.within(&b.school_share, "budget.school_share", 0.0, 1.0),
        college_split: cx
            .word(
                &b.college_split,
                "budget.college_split",
                &["per_counselor", "equal"],
                |s| match s {
                    "per_counselor" => Some(CollegeSplit::PerCounselor),
                    "equal" => Some(CollegeSplit::Equal),
                    _ => None,
                },
            )
            .unwrap_or(CollegeSplit::PerCounselor),
        college_floor: cx.nonneg(&b.college_floor, "budget.college_floor"),
        cluster_pooling: b.cluster_pooling,
        execution_target: b
            .execution_target
            .as_ref()
            .map(|v| cx.within(v, "budget.execution_target", 0.0, 1.0)),
    }
}
