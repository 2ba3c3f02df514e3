//! `[[roles]]`: the staff roles (岗位); one of them must be the full-time counselor.

use crate::domain::Role;
use crate::wire;

use super::{Cx, Index, index_ids};

/// Index the roles (by id and Chinese name); some role must be marked `full_time_counselor`.
pub(super) fn roles(cx: &mut Cx<'_>, roles_in: &[wire::RoleIn]) -> (Index, Vec<Role>) {
    let role_idx = index_ids(
        cx,
        "roles",
        roles_in
            .iter()
            .map(|r| (&r.id, vec![r.zh.get_ref().as_str()])),
    );
    let roles: Vec<Role> = roles_in
        .iter()
        .map(|r| Role {
            id: r.id.get_ref().clone(),
            zh: r.zh.get_ref().clone(),
            en: r.en.clone(),
            full_time_counselor: r.full_time_counselor,
            is_counselor: r.is_counselor,
        })
        .collect();
    if !roles_in.is_empty() && !roles.iter().any(|r| r.full_time_counselor) {
        cx.missing(
            "roles.full_time_counselor",
            "no role is marked `full_time_counselor = true`".into(),
            "没有任何岗位标记为专职辅导员（full_time_counselor = true）".into(),
            "mark the full-time counselor role; the two-level threshold counts it / 请标记专职辅导员岗位".into(),
        );
    }
    (role_idx, roles)
}
