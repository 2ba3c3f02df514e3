//! `[college_training]`: what tailors a training unit's own sessions — the duties colleges of a
//! discipline or student stage need most, the weight of a college's own themes, and how often a
//! unit may repeat a duty.

use crate::domain::{CollegeNeed, CollegeTrainingRules};
use crate::wire;

use super::{Cx, Index};

/// The college-training rules; without the section, no duty is singled out and nothing caps a
/// unit's sessions per duty beyond the kinds' own `per_unit_duty_max`.
pub(super) fn college_training_rules(
    cx: &mut Cx<'_>,
    t: Option<&wire::CollegeTrainingIn>,
    duty_idx: &Index,
) -> CollegeTrainingRules {
    let Some(t) = t else {
        return CollegeTrainingRules {
            max_sessions_per_duty: None,
            theme_weight: 1.0,
            needs: Vec::new(),
        };
    };
    let needs = t
        .needs
        .iter()
        .map(|n| CollegeNeed {
            discipline: n.discipline.as_ref().map(|d| d.get_ref().clone()),
            stage: n.stage.as_ref().map(|s| s.get_ref().clone()),
            duties: cx.refs(
                &n.duties,
                "college_training.needs.duties",
                "duty",
                "职责",
                duty_idx,
            ),
            weight: cx.nonneg(&n.weight, "college_training.needs.weight"),
            why: n.why.clone().unwrap_or_default(),
        })
        .collect();
    CollegeTrainingRules {
        max_sessions_per_duty: t
            .max_sessions_per_duty
            .as_ref()
            .map(|v| cx.uint(v, "college_training.max_sessions_per_duty", 1)),
        theme_weight: cx.nonneg(&t.theme_weight, "college_training.theme_weight"),
        needs,
    }
}
