//! `[[hour_targets]]` and `[[coverage]]`: the training hours each group must reach, and the
//! duties each group must be trained in.

use crate::domain::{CoverageReq, Duty, HourTarget, Level, Per};
use crate::input::diag::Code;
use crate::wire::{self, DutySetIn, SStr};

use super::{Cx, Index, index_ids};

/// The hour targets; entries whose group or period is wrong are left out (and reported).
pub(super) fn hour_targets(
    cx: &mut Cx<'_>,
    targets_in: &[wire::HourTargetIn],
    group_idx: &Index,
) -> Vec<HourTarget> {
    let hour_target_idx = index_ids(
        cx,
        "hour_targets",
        targets_in.iter().map(|t| (&t.id, vec![])),
    );
    drop(hour_target_idx);
    targets_in
        .iter()
        .filter_map(|t| {
            let group = cx.reference(&t.group, "hour_targets.group", "group", "群体", group_idx);
            let hours = cx.nonneg(&t.hours, "hour_targets.hours");
            let levels: Vec<Level> = t
                .levels
                .iter()
                .filter_map(|l| {
                    cx.word(
                        l,
                        "hour_targets.levels",
                        &["school", "college"],
                        Level::parse,
                    )
                })
                .collect();
            let per = cx.word(
                &t.per,
                "hour_targets.per",
                &["semester", "year"],
                |s| match s {
                    "semester" => Some(Per::Semester),
                    "year" => Some(Per::Year),
                    _ => None,
                },
            );
            Some(HourTarget {
                id: t.id.get_ref().clone(),
                group: group?,
                hours,
                levels,
                per: per?,
            })
        })
        .collect()
}

/// The coverage requirements; `duties` are the rules' duties (for `duties = "all"`).
pub(super) fn coverage(
    cx: &mut Cx<'_>,
    coverage_in: &[wire::CoverageIn],
    group_idx: &Index,
    duty_idx: &Index,
    duties: &[Duty],
) -> Vec<CoverageReq> {
    let coverage_idx = index_ids(cx, "coverage", coverage_in.iter().map(|c| (&c.id, vec![])));
    drop(coverage_idx);
    coverage_in
        .iter()
        .filter_map(|c| {
            let group = cx.reference(&c.group, "coverage.group", "group", "群体", group_idx);
            let span = c.duties.span();
            let duties = match c.duties.get_ref() {
                DutySetIn::Word(s) if s == "all" => (0..duties.len()).collect(),
                DutySetIn::Word(s) => {
                    cx.err(
                        Code::InvalidValue,
                        span,
                        "coverage.duties",
                        format!("`{s}` is not a duty list"),
                        format!("“{s}”不是职责列表"),
                        "write \"all\" or a list of duty ids, e.g. [\"ideology\", \"mental_health\"] / 请写 \"all\" 或职责 id 列表".into(),
                    );
                    Vec::new()
                }
                DutySetIn::List(l) => {
                    let spanned: Vec<SStr> = l.iter().map(|d| toml::Spanned::new(span.clone(), d.clone())).collect();
                    cx.refs(&spanned, "coverage.duties", "duty", "职责", duty_idx)
                }
            };
            Some(CoverageReq {
                id: c.id.get_ref().clone(),
                group: group?,
                duties,
            })
        })
        .collect()
}
