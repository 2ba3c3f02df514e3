//! The coverage heat map: group × duty, hours per member, required cells outlined.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{esc, wrap};
use crate::export::{Lang, Names};

pub(super) fn coverage(n: &Names, o: &mut String) {
    let r = &n.inputs.rules;
    let required = n.required_cells();
    let hours: BTreeMap<(&str, &str), f64> = n
        .plan
        .coverage
        .iter()
        .map(|c| ((c.group.as_str(), c.duty.as_str()), c.hours))
        .collect();
    let max = hours.values().copied().fold(0.0_f64, f64::max).max(1e-9);
    // room on the left for the longest group name (13 px text: about 13 px per CJK character)
    let text_w = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() { 7.5 } else { 13.5 })
            .sum::<f64>()
    };
    let left = r
        .groups
        .iter()
        .map(|g| text_w(n.t(&g.zh, &g.en)))
        .fold(110.0, f64::max)
        + 24.0;
    let (top, cw, ch) = (78.0, 112.0, 50.0);
    let width = left + cw * r.duties.len() as f64 + 20.0;
    let height = top + ch * r.groups.len() as f64 + 56.0;
    let _ = write!(
        o,
        "<section id=\"coverage\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t("职责覆盖热力图（群体 × 职责，人均学时）", "Coverage heat map (group × duty, hours per member)")),
        esc(n.t(
            "颜色越深，人均学时越多。粗框为培训规则要求覆盖的格子：绿色“达标”表示该群体人人至少参加一次该职责的培训，红色“未达标”表示仍有人未覆盖。",
            "Darker means more hours per member. Outlined cells are required by the training rules: green “met” when every member of the group attends at least one session on the duty, red “not met” otherwise."
        )),
    );
    let _ = write!(
        o,
        "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" role=\"img\" aria-label=\"{}\">",
        esc(n.t("职责覆盖热力图", "coverage heat map"))
    );
    for (j, d) in r.duties.iter().enumerate() {
        let x = left + cw * j as f64 + cw / 2.0;
        let name = n.t(&d.zh, &d.en);
        let lines = wrap(name, if n.lang == Lang::Zh { 12 } else { 17 }, 3);
        let _ = write!(
            o,
            "<text x=\"{x}\" y=\"18\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\" fill=\"#b91c1c\">{}</text>",
            d.no
        );
        for (k, l) in lines.iter().enumerate() {
            let _ = write!(
                o,
                "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#0f172a\">{}</text>",
                34 + 14 * k,
                esc(l)
            );
        }
    }
    for (i, g) in r.groups.iter().enumerate() {
        let y = top + ch * i as f64;
        let members = n.members(&g.id).len();
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"600\" fill=\"#0f172a\">{}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" fill=\"#64748b\">{}</text>",
            left - 10.0,
            y + ch / 2.0 - 2.0,
            esc(n.t(&g.zh, &g.en)),
            left - 10.0,
            y + ch / 2.0 + 13.0,
            esc(&match n.lang {
                Lang::Zh => format!("{members} 人"),
                Lang::En => format!("{members} people"),
            }),
        );
        for (j, d) in r.duties.iter().enumerate() {
            let x = left + cw * j as f64;
            let h = hours.get(&(g.id.as_str(), d.id.as_str())).copied();
            let t = h.unwrap_or(0.0) / max;
            let fill = if h.unwrap_or(0.0) <= 0.0 {
                "#f1f5f9".to_string()
            } else {
                blend((0xe0, 0xf2, 0xfe), (0x1e, 0x3a, 0x8a), 0.12 + 0.88 * t)
            };
            let ink = if t > 0.5 { "#ffffff" } else { "#0f172a" };
            let req = required.contains(&(g.id.clone(), d.id.clone()));
            let met = req && n.cell_met(&g.id, &d.id);
            let _ = write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2\"><title>{}</title></rect>",
                x + 1.0,
                y + 1.0,
                cw - 2.0,
                ch - 2.0,
                esc(&format!(
                    "{} × {}: {}",
                    n.t(&g.zh, &g.en),
                    n.t(&d.zh, &d.en),
                    h.map_or("—".to_string(), |h| format!("{h:.2}"))
                )),
            );
            let shown = match h {
                Some(h) if h > 0.0 => format!("{h:.1}"),
                Some(_) => "0".to_string(),
                None => "—".to_string(),
            };
            let label_y = if req {
                y + ch / 2.0 - 1.0
            } else {
                y + ch / 2.0 + 5.0
            };
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{label_y}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\" fill=\"{ink}\">{}</text>",
                x + cw / 2.0,
                esc(&shown)
            );
            if req {
                let (stroke, word) = if met {
                    ("#16a34a", n.t("✓ 达标", "✓ met"))
                } else {
                    ("#dc2626", n.t("✗ 未达标", "✗ not met"))
                };
                let _ = write!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"3\"/>\
                     <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"{}\">{}</text>",
                    x + 2.5,
                    y + 2.5,
                    cw - 5.0,
                    ch - 5.0,
                    x + cw / 2.0,
                    y + ch / 2.0 + 14.0,
                    if t > 0.5 { "#ffffff" } else { stroke },
                    esc(word)
                );
            }
        }
    }
    // legend
    let ly = top + ch * r.groups.len() as f64 + 22.0;
    for k in 0..6 {
        let t = k as f64 / 5.0;
        let _ = write!(
            o,
            "<rect x=\"{}\" y=\"{ly}\" width=\"34\" height=\"14\" fill=\"{}\"/>",
            left + 34.0 * k as f64,
            if k == 0 {
                "#f1f5f9".to_string()
            } else {
                blend((0xe0, 0xf2, 0xfe), (0x1e, 0x3a, 0x8a), 0.12 + 0.88 * t)
            }
        );
    }
    let _ = write!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#64748b\">0 → {max:.1} {}</text>",
        left + 34.0 * 6.0 + 8.0,
        ly + 11.0,
        esc(n.t("人均学时", "hours per member"))
    );
    o.push_str("</svg>\n</section>\n");
}

/// Linear blend of two colours, `t` in 0..=1.
fn blend(a: (u8, u8, u8), b: (u8, u8, u8), t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blends_colours() {
        assert_eq!(blend((0, 0, 0), (255, 255, 255), 0.0), "#000000");
        assert_eq!(blend((0, 0, 0), (255, 255, 255), 1.0), "#ffffff");
    }
}
