//! The funds chart: allocated and spent per fund, school and college funds each on its own scale.

use std::fmt::Write as _;

use super::{esc, wrap};
use crate::export::{Lang, Names};

pub(super) fn budget(n: &Names, o: &mut String) {
    let funds = &n.plan.budget.funds;
    let allocated: f64 = funds.iter().map(|f| f.allocated).sum();
    let spent: f64 = funds.iter().map(|f| f.spent).sum();
    let _ = write!(
        o,
        "<section id=\"budget\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t(
            "经费（校院两级专项经费）",
            "Budget (school and college funds)"
        )),
        esc(&match n.lang {
            Lang::Zh => format!(
                "预算合计 {} 元，计划支出 {} 元，结余 {} 元。浅色条为预算，深色条为支出；校级与院级分别按各自比例尺绘制。",
                n.money(allocated),
                n.money(spent),
                n.money(allocated - spent)
            ),
            Lang::En => format!(
                "Allocated {} yuan in total, planned spending {} yuan, {} yuan left. Light bars are allocations, dark bars spending; school and college funds each have their own scale.",
                n.money(allocated),
                n.money(spent),
                n.money(allocated - spent)
            ),
        }),
    );
    let school: Vec<_> = funds.iter().filter(|f| f.level == "school").collect();
    let college: Vec<_> = funds.iter().filter(|f| f.level != "school").collect();
    for (title, list) in [
        (n.t("校级经费", "School fund"), school),
        (
            n.t(
                "院级经费（学院与联合培训组）",
                "College funds (colleges and joint clusters)",
            ),
            college,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(o, "<h3>{}</h3>", esc(title));
        let (label_w, bar_w, row_h) = (330.0, 620.0, 30.0);
        let width = label_w + bar_w + 250.0;
        let height = row_h * list.len() as f64 + 16.0;
        let scale = list
            .iter()
            .map(|f| f.allocated.max(f.spent))
            .fold(0.0_f64, f64::max)
            .max(1e-9);
        let _ = write!(
            o,
            "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" role=\"img\" aria-label=\"{}\">",
            esc(title)
        );
        for (i, f) in list.iter().enumerate() {
            let y = 8.0 + row_h * i as f64;
            let wa = bar_w * f.allocated / scale;
            let ws = bar_w * f.spent / scale;
            let over = f.spent > f.allocated + 0.005;
            let label = wrap(&n.fund(&f.id), 44, 1).join("");
            let used = if f.allocated > 0.0 {
                format!("{:.0}%", f.spent / f.allocated * 100.0)
            } else {
                "—".into()
            };
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0f172a\">{}<title>{}</title></text>\
                 <rect x=\"{label_w}\" y=\"{}\" width=\"{wa:.1}\" height=\"18\" rx=\"3\" fill=\"#cbd5e1\"><title>{}</title></rect>\
                 <rect x=\"{label_w}\" y=\"{}\" width=\"{ws:.1}\" height=\"10\" rx=\"2\" fill=\"{}\"><title>{}</title></rect>\
                 <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#0f172a\">{} / {} {}{}</text>",
                label_w - 10.0,
                y + 14.0,
                esc(&label),
                esc(&n.fund(&f.id)),
                y + 2.0,
                esc(&format!(
                    "{}: {}",
                    n.t("预算", "allocated"),
                    n.money(f.allocated)
                )),
                y + 6.0,
                if over { "#dc2626" } else { "#1e3a8a" },
                esc(&format!("{}: {}", n.t("支出", "spent"), n.money(f.spent))),
                label_w + wa.max(ws) + 8.0,
                y + 14.0,
                esc(&n.money(f.spent)),
                esc(&n.money(f.allocated)),
                esc(n.t("元", "yuan")),
                esc(&n.paren(&used)),
            );
        }
        o.push_str("</svg>\n");
    }
    let _ = write!(
        o,
        "<div class=\"legend\"><span><span class=\"sw\" style=\"background:#cbd5e1\"></span>{}</span><span><span class=\"sw\" style=\"background:#1e3a8a\"></span>{}</span></div>\n</section>\n",
        esc(n.t("预算", "allocated")),
        esc(n.t("支出", "spent"))
    );
}
