//! The soft rules bent by the plan.

use std::fmt::Write as _;

use super::{esc, half};
use crate::export::Names;

pub(super) fn bent(n: &Names, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"bent\">\n<h2>{}</h2>\n",
        esc(n.t("放宽的软约束", "Soft rules bent"))
    );
    if n.plan.violations.is_empty() {
        let _ = write!(
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
            "<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(n.t("规则", "rule")),
            esc(n.t("说明", "what happened"))
        );
        for v in &n.plan.violations {
            let _ = write!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                esc(&v.rule),
                esc(half(n, &v.message))
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("\n</section>\n");
}
