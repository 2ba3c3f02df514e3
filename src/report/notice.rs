//! The change notice of a re-plan (`notice.txt`, and the top of `fudao replan`'s output): what
//! changed and why, in published date order, in Chinese then English, as the office sends it.

use std::fmt::Write as _;

use crate::domain::Inputs;
use crate::wire::PlanFile;

/// The notice; empty when the plan is not a re-plan.
pub fn render(inputs: &Inputs, plan: &PlanFile) -> String {
    let Some(b) = &plan.base else {
        return String::new();
    };
    let n = |k: &str| b.counts.get(k).copied().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "培训计划变更通知 Change notice — {}",
        inputs.scenario.semester.name
    );
    let _ = writeln!(
        out,
        "依据已发布的计划（{}），自 {} 起调整：共 {} 项变更，{} 人的日程有变化。",
        b.plan,
        b.today,
        b.changes.len(),
        n("people")
    );
    let _ = writeln!(
        out,
        "Re-plan of the published plan ({}) from {}: {} changes; {} people's calendars change.",
        b.plan,
        b.today,
        b.changes.len(),
        n("people")
    );
    let _ = writeln!(
        out,
        "（改期 moved {}，换场地 venue {}，换主讲 speaker {}，取消 dropped {}，新增 added {}；调整代价 penalty {:.2}）\n",
        n("moved"),
        n("venue_changed"),
        n("speaker_changed"),
        n("dropped"),
        n("added"),
        b.penalty
    );
    let stages: Vec<&str> = plan
        .violations
        .iter()
        .filter(|v| v.rule.starts_with("replan."))
        .map(|v| v.message.as_str())
        .collect();
    if !stages.is_empty() {
        let _ = writeln!(out, "联合培训与工作室 Clusters and studios:");
        for m in stages {
            let (zh, en) = m.split_once(" / ").unwrap_or((m, ""));
            let _ = writeln!(out, "- {zh}\n  {en}");
        }
        out.push('\n');
    }
    if b.changes.is_empty() {
        let _ = writeln!(
            out,
            "已发布的计划无需调整。 The published plan stands as it is."
        );
    }
    for (i, c) in b.changes.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, c.zh);
        let _ = writeln!(out, "   {}", c.en);
    }
    if !b.pinned.is_empty() {
        let _ = writeln!(
            out,
            "\n按要求保持不变的活动 pinned: {}",
            b.pinned.join(", ")
        );
    }
    out
}
