//! The appendix for auditors (附录：供审计核对), last in the report: how the solver judged the
//! plan (status and gap, the objective's terms), the decisions' reasons as the planner wrote them
//! (with rule ids and values), every note and soft rule bent with its rule id, and the rules that
//! bind. Everything here is also in `plan.json`; the pages above say the same in words.

use std::fmt::Write as _;

use super::{esc, half};
use crate::export::Names;

pub(super) fn appendix(n: &Names, o: &mut String) {
    let plan = n.plan;
    let _ = write!(
        o,
        "<section id=\"appendix\" class=\"appendix\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t("附录：供审计核对", "Appendix for auditors")),
        esc(n.t(
            "以下为求解器的判断与规则编号，供核对 plan.json 与规则文件之用；正文已用文字说明同样的内容。",
            "The solver's figures and rule ids, to check against plan.json and the rules file; the pages above say the same in words."
        )),
    );
    // status and objective
    let gap = plan
        .gap
        .map(|g| format!("gap ≤ {g:.4}"))
        .unwrap_or_else(|| {
            n.t("无 gap（已证明最优）", "no gap (proven optimal)")
                .to_string()
        });
    let _ = write!(
        o,
        "<h3>{}</h3><p>{}{}{} · {}</p>\n<div class=\"scroll\"><table class=\"compact\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("求解状态与目标函数", "Status and objective")),
        esc(n.t("状态", "status")),
        n.colon(),
        esc(&n.status()),
        esc(&gap),
        esc(n.t("项", "term")),
        esc(n.t("含义", "meaning")),
        esc(n.t("取值", "value")),
    );
    for (k, v) in &plan.objective.terms {
        let meaning = match k.as_str() {
            "hours" => n.t(
                "参训学时（人·学时，按职责优先级与需要加权）",
                "person-hours of training, weighted by duty priority and need",
            ),
            "duties" => n.t("各职责参训的价值", "value of the duties attended"),
            "standing" => n.t("主讲人层次的价值", "value of the speakers' standing"),
            "coverage" => n.t("群体×职责覆盖的价值", "value of group × duty cells covered"),
            "cost" => n.t("培训费用（负项）", "cost of the sessions (negative)"),
            "travel" => n.t(
                "跨校区交通时间（负项）",
                "travel between campuses (negative)",
            ),
            "spacing" => n.t(
                "同一周过于集中（负项）",
                "sessions bunched in one week (negative)",
            ),
            "change" => n.t(
                "调整已发布计划的代价（负项）",
                "changes to the published plan (negative)",
            ),
            _ => "",
        };
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(k),
            esc(meaning),
            esc(&n.money(*v))
        );
    }
    let _ = writeln!(
        o,
        "<tr><th colspan=\"2\">{}</th><th class=\"num\">{}</th></tr></tbody></table></div>",
        esc(n.t("合计", "total")),
        esc(&n.money(plan.objective.total))
    );

    // notes and soft rules bent, with rule ids
    let _ = writeln!(
        o,
        "<h3>{}</h3>",
        esc(n.t("说明与放宽的软约束", "Notes and soft rules bent"))
    );
    if plan.violations.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"ok\">{}</p>",
            esc(n.t(
                "无：本方案满足全部规则。",
                "None: the plan keeps every rule."
            ))
        );
    } else {
        let _ = write!(
            o,
            "<div class=\"scroll\"><table class=\"compact\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(n.t("规则", "rule")),
            esc(n.t("说明", "what happened"))
        );
        for v in &plan.violations {
            let _ = write!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                esc(&v.rule),
                esc(half(n, &v.message))
            );
        }
        o.push_str("</tbody></table></div>\n");
    }
    if !plan.limits.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><div class=\"scroll\"><table class=\"compact\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            esc(n.t("起约束作用的规则", "Rules that bind")),
            esc(n.t("规则", "rule")),
            esc(n.t("最紧的一处", "tightest row")),
            esc(n.t("因此未排场次", "sessions kept out")),
            esc(n.t("目标可增加", "objective gain")),
        );
        for l in &plan.limits {
            let _ = write!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&l.rule),
                esc(half(n, &l.what)),
                l.blocked,
                esc(&n.money(l.value))
            );
        }
        o.push_str("</tbody></table></div>\n");
    }

    // the decisions' reasons as written by the planner
    let _ = write!(
        o,
        "<h3>{}</h3><div class=\"scroll\"><table class=\"compact\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(n.t(
            "两级与工作室决策依据（原文）",
            "Two-level and studio reasons (as written)"
        )),
        esc(n.t("对象", "what")),
        esc(n.t("依据", "reason")),
    );
    for c in &plan.colleges {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&c.name),
            esc(half(n, &c.reason))
        );
    }
    for cl in &plan.clusters {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&n.unit(&cl.id)),
            esc(half(n, &cl.reason))
        );
    }
    for st in &plan.studios {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&match n.lang {
                crate::export::Lang::Zh => format!("{}工作室", n.duty(Some(&st.duty))),
                crate::export::Lang::En => format!("{} studio", n.duty(Some(&st.duty))),
            }),
            esc(half(n, &st.reason))
        );
    }
    o.push_str("</tbody></table></div>\n</section>\n");
}
