//! `[[groups]]`: the groups of staff that sessions and targets address, by role and seniority.

use crate::domain::Group;
use crate::wire;

use super::{Cx, Index, index_ids};

/// Index the groups (by id and Chinese name) and resolve their roles.
pub(super) fn groups(
    cx: &mut Cx<'_>,
    groups_in: &[wire::GroupIn],
    role_idx: &Index,
) -> (Index, Vec<Group>) {
    let group_idx = index_ids(
        cx,
        "groups",
        groups_in
            .iter()
            .map(|g| (&g.id, vec![g.zh.get_ref().as_str()])),
    );
    let groups: Vec<Group> = groups_in
        .iter()
        .map(|g| Group {
            id: g.id.get_ref().clone(),
            zh: g.zh.get_ref().clone(),
            en: g.en.clone(),
            roles: cx.refs(&g.roles, "groups.roles", "role", "岗位", role_idx),
            min_years_as_counselor: g
                .min_years_as_counselor
                .as_ref()
                .map(|v| cx.uint(v, "groups.min_years_as_counselor", 0)),
            max_years_as_counselor: g
                .max_years_as_counselor
                .as_ref()
                .map(|v| cx.uint(v, "groups.max_years_as_counselor", 0)),
            max_months_since_hire: g
                .max_months_since_hire
                .as_ref()
                .map(|v| cx.uint(v, "groups.max_months_since_hire", 0)),
            max_hours_per_semester: g
                .max_hours_per_semester
                .as_ref()
                .map(|v| cx.nonneg(v, "groups.max_hours_per_semester")),
        })
        .collect();
    (group_idx, groups)
}
