//! The two levels: independent colleges (with their guests) and joint clusters.

use std::fmt::Write as _;

use super::esc;
use crate::export::{Lang, Names};

pub(super) fn two_level(n: &Names, o: &mut String) {
    let plan = n.plan;
    let _ = write!(
        o,
        "<section id=\"two-level\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t(
            "两级培训：单独培训的学院与联合培训组",
            "Two levels: independent colleges and joint clusters"
        )),
        esc(&match n.lang {
            Lang::Zh => format!(
                "专职辅导员不少于 {} 人的学院单独设计开展院级培训；不足 {} 人的学院联合设计开展培训。",
                n.inputs.rules.two_level.independent_min, n.inputs.rules.two_level.independent_min
            ),
            Lang::En => format!(
                "Colleges with at least {} full-time counselors design and run their own training; smaller colleges train jointly.",
                n.inputs.rules.two_level.independent_min
            ),
        }),
    );
    let _ = write!(
        o,
        "<div class=\"two\"><div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("单独培训的学院", "Independent colleges")),
        esc(n.t("学院", "college")),
        esc(n.t("校区", "campus")),
        esc(n.t("专职辅导员", "full-time counselors")),
    );
    for c in plan.colleges.iter().filter(|c| c.mode == "independent") {
        let guests: Vec<String> = plan
            .colleges
            .iter()
            .filter(|g| g.guest_of.as_deref() == Some(c.id.as_str()))
            .map(|g| g.name.clone())
            .collect();
        let extra = if guests.is_empty() {
            String::new()
        } else {
            format!(
                "<br><small>{}{}{}</small>",
                esc(n.t("随训学院", "guests")),
                n.colon(),
                esc(&guests.join(n.t("、", ", ")))
            )
        };
        let _ = write!(
            o,
            "<tr><td>{}{extra}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&c.name),
            esc(&n.campus(&c.campus)),
            c.full_time_counselors
        );
    }
    let _ = write!(
        o,
        "</tbody></table></div><div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("联合培训组", "Joint clusters")),
        esc(n.t("组", "cluster")),
        esc(n.t("学院（专职辅导员数）", "colleges (full-time counselors)")),
        esc(n.t("合计", "total")),
    );
    for (k, cl) in plan.clusters.iter().enumerate() {
        let label = match n.lang {
            Lang::Zh => format!("组{}", crate::export::zh_numeral(k + 1)),
            Lang::En => format!("cluster {}", k + 1),
        };
        let members: Vec<String> = cl
            .colleges
            .iter()
            .map(|id| {
                let ftc = plan
                    .colleges
                    .iter()
                    .find(|c| &c.id == id)
                    .map_or(0, |c| c.full_time_counselors);
                format!("{}{}", n.college(id), n.paren(&ftc.to_string()))
            })
            .collect();
        let _ = write!(
            o,
            "<tr><td><b>{}</b></td><td>{}<div class=\"why\">{}</div></td><td class=\"num\">{}</td></tr>",
            esc(&label),
            esc(&members.join(n.t("、", ", "))),
            esc(&cluster_why(n, cl)),
            cl.full_time_counselors
        );
    }
    if plan.clusters.is_empty() {
        let _ = write!(
            o,
            "<tr><td colspan=\"3\">{}</td></tr>",
            esc(n.t(
                "无（所有学院均单独培训）",
                "none (every college trains on its own)"
            ))
        );
    }
    o.push_str("</tbody></table></div></div>\n</section>\n");
}

/// Why a cluster, in words (the rule ids and costs are in the appendix).
fn cluster_why(n: &Names, cl: &crate::wire::ClusterOut) -> String {
    let min = n.inputs.rules.two_level.independent_min;
    let campuses: Vec<String> = cl.campuses.iter().map(|c| n.campus(c)).collect();
    let k = cl.colleges.len();
    match n.lang {
        Lang::Zh => {
            let place = if campuses.len() == 1 {
                format!("同在{}", campuses[0])
            } else {
                format!("分属{}", campuses.join("、"))
            };
            format!(
                "{k} 个学院各自不足 {min} 名专职辅导员，合计 {} 名，联合后可开展院级培训；{place}。",
                cl.full_time_counselors
            )
        }
        Lang::En => {
            let place = if campuses.len() == 1 {
                format!("all on the {} campus", campuses[0])
            } else {
                format!("on the campuses {}", campuses.join(", "))
            };
            format!(
                "{k} colleges, each under {min} full-time counselors, {} together: enough to train jointly; {place}.",
                cl.full_time_counselors
            )
        }
    }
}
