//! `[[duties]]`: the training duties (职责) — ids, numbers, names, priority.

use std::collections::BTreeMap;

use crate::domain::Duty;
use crate::input::diag::Code;
use crate::wire;

use super::{Cx, Index, index_ids};

/// Index the duties (by id and Chinese name) and validate their numbers; at least one is needed.
pub(super) fn duties(cx: &mut Cx<'_>, duties_in: &[wire::DutyIn]) -> (Index, Vec<Duty>) {
    let duty_idx = index_ids(
        cx,
        "duties",
        duties_in
            .iter()
            .map(|d| (&d.id, vec![d.zh.get_ref().as_str()])),
    );
    let mut nos = BTreeMap::new();
    let duties: Vec<Duty> = duties_in
        .iter()
        .map(|d| {
            let no = cx.uint(&d.no, "duties.no", 1);
            if let Some(prev) = nos.insert(no, d.id.get_ref().clone()) {
                cx.err(
                    Code::DuplicateId,
                    d.no.span(),
                    "duties.no",
                    format!("duty number {no} is used by `{prev}` too"),
                    format!("职责编号 {no} 与“{prev}”重复"),
                    "number the duties 1, 2, 3, … without repeats / 职责编号不能重复".into(),
                );
            }
            Duty {
                id: d.id.get_ref().clone(),
                no,
                zh: d.zh.get_ref().clone(),
                en: d.en.clone(),
                priority: d.priority,
            }
        })
        .collect();
    if duties_in.is_empty() {
        cx.missing(
            "duties",
            "no [[duties]] defined".into(),
            "未定义任何职责 [[duties]]".into(),
            "list the nine duties as [[duties]] entries / 请以 [[duties]] 列出九项职责".into(),
        );
    }
    (duty_idx, duties)
}
