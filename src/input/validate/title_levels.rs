//! `[[title_levels]]`: the title ladder (职称级别), junior to senior, each title at one level.

use std::collections::BTreeMap;

use crate::domain::{TitleLevel, title_base};
use crate::input::diag::Code;
use crate::wire;

use super::{Cx, Index, index_ids};

/// Index the title levels (by id and Chinese name); titles must be unique and ranks ascend.
pub(super) fn title_levels(
    cx: &mut Cx<'_>,
    levels_in: &[wire::TitleLevelIn],
) -> (Index, Vec<TitleLevel>) {
    let level_idx = index_ids(
        cx,
        "title_levels",
        levels_in
            .iter()
            .map(|l| (&l.id, vec![l.zh.get_ref().as_str()])),
    );
    let mut seen_titles: BTreeMap<String, String> = BTreeMap::new();
    let mut title_levels: Vec<TitleLevel> = levels_in
        .iter()
        .map(|l| {
            for t in &l.titles {
                let base = title_base(t.get_ref()).to_string();
                if let Some(prev) = seen_titles.insert(base.clone(), l.zh.get_ref().clone()) {
                    cx.err(
                        Code::DuplicateId,
                        t.span(),
                        "title_levels.titles",
                        format!("title `{base}` is also listed under {prev}"),
                        format!("职称“{base}”同时出现在“{prev}”中"),
                        "list each title at one level only / 每个职称只能属于一个级别".into(),
                    );
                }
            }
            TitleLevel {
                id: l.id.get_ref().clone(),
                zh: l.zh.get_ref().clone(),
                rank: cx.uint(&l.rank, "title_levels.rank", 1),
                titles: l
                    .titles
                    .iter()
                    .map(|t| t.get_ref().trim().to_string())
                    .collect(),
            }
        })
        .collect();
    // Sorting would break indices held by `level_idx`; keep file order, but ranks must ascend.
    for pair in title_levels.windows(2) {
        if pair[1].rank <= pair[0].rank {
            let span = levels_in
                .iter()
                .find(|l| l.id.get_ref() == &pair[1].id)
                .map(|l| l.rank.span())
                .unwrap_or(0..0);
            cx.err(
                Code::Inconsistent,
                span,
                "title_levels.rank",
                format!(
                    "title level `{}` has rank {} but follows `{}` with rank {}",
                    pair[1].id, pair[1].rank, pair[0].id, pair[0].rank
                ),
                format!("职称级别“{}”的 rank 应大于前一级“{}”", pair[1].zh, pair[0].zh),
                "list title levels from junior to senior with increasing ranks / 请按由低到高列出职称级别，rank 递增".into(),
            );
        }
    }
    title_levels.shrink_to_fit();
    (level_idx, title_levels)
}
