//! `[studios]`: counselor studios (工作室) — size, who may lead, who is backbone, and weights.

use crate::domain::{BackboneRule, LeadRule, StudioRules, StudioWeights};
use crate::input::diag::Code;
use crate::wire;

use super::{Cx, Index};

/// The studio rules; duties, roles, groups and title levels are resolved against their indices.
pub(super) fn studio_rules(
    cx: &mut Cx<'_>,
    s: &wire::StudiosIn,
    duty_idx: &Index,
    role_idx: &Index,
    group_idx: &Index,
    level_idx: &Index,
) -> StudioRules {
    let min_size = cx.uint(&s.min_size, "studios.min_size", 1);
    let max_size = cx.uint(&s.max_size, "studios.max_size", 1);
    if max_size < min_size {
        cx.err(
            Code::Inconsistent,
            s.max_size.span(),
            "studios.max_size",
            format!("studios.max_size ({max_size}) is below studios.min_size ({min_size})"),
            format!("工作室人数上限（{max_size}）小于下限（{min_size}）"),
            "make max_size at least min_size / 上限不能小于下限".into(),
        );
    }
    let min_backbone = cx.uint(&s.min_backbone, "studios.min_backbone", 0);
    if min_backbone + 1 > max_size {
        cx.err(
            Code::Inconsistent,
            s.min_backbone.span(),
            "studios.min_backbone",
            format!("a lead plus {min_backbone} backbone members do not fit in max_size {max_size}"),
            format!("负责人加 {min_backbone} 名骨干超过工作室人数上限 {max_size}"),
            "lower studios.min_backbone or raise studios.max_size / 请降低骨干人数下限或提高人数上限".into(),
        );
    }
    let new_group = cx.reference(
        &s.new_counselor_group,
        "studios.new_counselor_group",
        "group",
        "群体",
        group_idx,
    );
    let min_title_level = cx.reference(
        &s.lead.min_title_level,
        "studios.lead.min_title_level",
        "title level",
        "职称级别",
        level_idx,
    );
    let wt = &s.weights;
    StudioRules {
        duties: cx.refs(&s.duties, "studios.duties", "duty", "职责", duty_idx),
        member_roles: cx.refs(
            &s.member_roles,
            "studios.member_roles",
            "role",
            "岗位",
            role_idx,
        ),
        min_size,
        max_size,
        max_per_college: cx.uint(&s.max_per_college, "studios.max_per_college", 1),
        max_studios_per_person: cx.uint(
            &s.max_studios_per_person,
            "studios.max_studios_per_person",
            1,
        ),
        min_backbone,
        new_counselor_group: new_group.unwrap_or(0),
        lead: LeadRule {
            min_years_as_counselor: cx.uint(
                &s.lead.min_years_as_counselor,
                "studios.lead.min_years_as_counselor",
                0,
            ),
            min_title_level: min_title_level.unwrap_or(0),
            title_waivable: s.lead.title_waivable,
            title_waiver_cost: s
                .lead
                .title_waiver_cost
                .as_ref()
                .map_or(0.0, |v| cx.nonneg(v, "studios.lead.title_waiver_cost")),
            honor_required: s.lead.honor_required,
            roles: cx.refs(
                &s.lead.roles,
                "studios.lead.roles",
                "role",
                "岗位",
                role_idx,
            ),
        },
        backbone: BackboneRule {
            min_years_as_counselor: cx.uint(
                &s.backbone.min_years_as_counselor,
                "studios.backbone.min_years_as_counselor",
                0,
            ),
            roles: cx.refs(
                &s.backbone.roles,
                "studios.backbone.roles",
                "role",
                "岗位",
                role_idx,
            ),
        },
        weights: StudioWeights {
            specialty_match: cx.nonneg(&wt.specialty_match, "studios.weights.specialty_match"),
            new_by_specialty: cx.nonneg(&wt.new_by_specialty, "studios.weights.new_by_specialty"),
            backbone: cx.nonneg(&wt.backbone, "studios.weights.backbone"),
            lead_seniority: cx.nonneg(&wt.lead_seniority, "studios.weights.lead_seniority"),
            college_spread: cx.nonneg(&wt.college_spread, "studios.weights.college_spread"),
            member: cx.nonneg(&wt.member, "studios.weights.member"),
        },
    }
}
