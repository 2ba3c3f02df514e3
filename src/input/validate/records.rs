//! `[records]`: how the record of past semesters (`fudao record`) feeds the next plan — the
//! academic year, the camp's score bands and the weights of the needs they raise.

use crate::domain::{ExternalRule, RecordsRules, ScoreLevel};
use crate::input::diag::Code;
use crate::wire;

use super::{Cx, Index};

/// The records rules.
pub(super) fn records_rules(
    cx: &mut Cx<'_>,
    r: &wire::RecordsIn,
    duty_idx: &Index,
    group_idx: &Index,
) -> RecordsRules {
    let month = cx.uint(&r.year_starts_month, "records.year_starts_month", 1);
    let month = if month > 12 {
        cx.err(
            Code::OutOfRange,
            r.year_starts_month.span(),
            "records.year_starts_month",
            format!("`records.year_starts_month` is {month}, but a month is 1 to 12"),
            format!("`records.year_starts_month` 为 {month}，月份应为 1～12"),
            "write the month the academic year begins, e.g. 8 / 请填写学年开始的月份，例如 8"
                .into(),
        );
        12
    } else {
        month
    };
    let full_marks = cx.nonneg(&r.full_marks, "records.full_marks");
    if full_marks == 0.0 {
        cx.err(
            Code::OutOfRange,
            r.full_marks.span(),
            "records.full_marks",
            "`records.full_marks` must be more than 0".into(),
            "`records.full_marks`（满分）必须大于 0".into(),
            "write the full marks of a camp item, e.g. 100 / 请填写满分，例如 100".into(),
        );
    }
    let mut levels = Vec::new();
    let mut last_below = f64::NEG_INFINITY;
    for (i, l) in r.levels.iter().enumerate() {
        let below = l
            .below
            .as_ref()
            .map(|b| cx.within(b, "records.levels.below", 0.0, 100.0));
        let top = i + 1 == r.levels.len();
        match (below, top) {
            (None, false) | (Some(_), true) => {
                let span = l.below.as_ref().map_or(l.id.span(), |b| b.span());
                cx.err(
                    Code::Inconsistent,
                    span,
                    "records.levels.below",
                    "every score band but the last has `below`; the last (the top band) has none".into(),
                    "除最后一档（最高档）外，每一档成绩都要写 `below`，最后一档不写".into(),
                    "list the bands lowest first, e.g. below = 60, below = 80, then one without / 请按从低到高列出各档".into(),
                );
            }
            (Some(b), false) if b <= last_below => {
                cx.err(
                    Code::Inconsistent,
                    l.below.as_ref().map_or(l.id.span(), |b| b.span()),
                    "records.levels.below",
                    format!("score bands must rise: {b} is not above {last_below}"),
                    format!("成绩档次应从低到高：{b} 不高于上一档的 {last_below}"),
                    "list the bands lowest first / 请按从低到高列出各档".into(),
                );
            }
            _ => {}
        }
        if let Some(b) = below {
            last_below = b;
        }
        levels.push(ScoreLevel {
            id: l.id.get_ref().clone(),
            zh: l.zh.get_ref().clone(),
            en: l.en.get_ref().clone(),
            below,
            weight: cx.nonneg(&l.weight, "records.levels.weight"),
        });
    }
    if levels.is_empty() {
        cx.missing(
            "records.levels",
            "`[records]` has no `[[records.levels]]` score bands".into(),
            "`[records]` 缺少成绩档次 `[[records.levels]]`".into(),
            "add bands lowest first, e.g. { id = \"weak\", zh = \"需加强\", below = 60, weight = 2.5 } / 请添加成绩档次".into(),
        );
    }
    let segments = r
        .segments
        .iter()
        .map(|s| {
            let duties = s
                .duties
                .iter()
                .filter_map(|d| {
                    cx.reference(d, "records.segments.duties", "duty", "职责", duty_idx)
                })
                .collect();
            (s.segment.get_ref().trim().to_string(), duties)
        })
        .collect();
    let external = r.external.as_ref().map(|e| ExternalRule {
        every_years: cx.uint(&e.every_years, "records.external.every_years", 1),
        groups: e
            .groups
            .iter()
            .filter_map(|g| cx.reference(g, "records.external.groups", "group", "群体", group_idx))
            .collect(),
    });
    RecordsRules {
        year_starts_month: month,
        full_marks: if full_marks > 0.0 { full_marks } else { 100.0 },
        levels,
        segments,
        group_weak_share: cx.within(&r.group_weak_share, "records.group_weak_share", 0.0, 1.0),
        group_min_tested: cx.uint(&r.group_min_tested, "records.group_min_tested", 1),
        group_weight: cx.nonneg(&r.group_weight, "records.group_weight"),
        recommend_min: cx.within(&r.recommend_min, "records.recommend_min", 0.0, 100.0),
        recommend_count: cx.uint(&r.recommend_count, "records.recommend_count", 0),
        external,
    }
}
