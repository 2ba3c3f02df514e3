//! The studios: one card per duty with its lead, backbone and members.

use std::fmt::Write as _;

use super::{esc, half};
use crate::export::Names;

pub(super) fn studios(n: &Names, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"studios\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n<div class=\"studios\">",
        esc(n.t("辅导员工作室（一职责一工作室）", "Counselor studios (one per duty)")),
        esc(n.t(
            "负责人：从事辅导员工作 10 年以上、副高级以上职称、具备荣誉称号；骨干：3 年以上。",
            "Lead: 10+ years as a counselor, associate-senior title or above, an honorary title; backbone: 3+ years."
        )),
    );
    let who = |id: &str| format!("{}{}", n.person(id), n.paren(&n.person_college(id)));
    for st in &n.plan.studios {
        let no = n
            .duty_no(&st.duty)
            .map(|x| x.to_string())
            .unwrap_or_default();
        let _ = write!(
            o,
            "<div class=\"card studio\"><h3><span class=\"no\">{}</span>{}</h3><dl>",
            esc(&no),
            esc(&n.duty(Some(&st.duty)))
        );
        match &st.lead {
            Some(lead) => {
                let waived = if st.title_waived {
                    format!(
                        " <span class=\"tag\" style=\"background:#fef3c7\">{}</span>",
                        esc(n.t("职称破格", "title waived"))
                    )
                } else {
                    String::new()
                };
                let _ = write!(
                    o,
                    "<dt>{}</dt><dd><b>{}</b>{waived}</dd>",
                    esc(n.t("负责人", "lead")),
                    esc(&who(lead))
                );
                let names = |ids: &[String]| {
                    if ids.is_empty() {
                        "—".to_string()
                    } else {
                        ids.iter()
                            .map(|p| n.person(p))
                            .collect::<Vec<_>>()
                            .join(n.t("、", ", "))
                    }
                };
                let _ = write!(
                    o,
                    "<dt>{}{}</dt><dd>{}</dd><dt>{}{}</dt><dd>{}</dd>",
                    esc(n.t("骨干", "backbone")),
                    esc(&n.paren(&st.backbone.len().to_string())),
                    esc(&names(&st.backbone)),
                    esc(n.t("成员", "members")),
                    esc(&n.paren(&st.members.len().to_string())),
                    esc(&names(&st.members)),
                );
            }
            None => {
                let _ = write!(
                    o,
                    "<dt>{}</dt><dd class=\"bad\">{}</dd>",
                    esc(n.t("负责人", "lead")),
                    esc(n.t("未组建", "unstaffed"))
                );
            }
        }
        let _ = write!(
            o,
            "</dl><div class=\"why\">{}</div></div>",
            esc(&studio_why(n, st))
        );
    }
    o.push_str("</div>\n</section>\n");
}

/// Why this lead, in words: role, years as counselor, title, honors (the rule ids and the
/// solver's values are in the appendix). An unstaffed studio keeps the planner's reason, which
/// names the nearest candidates.
fn studio_why(n: &Names, st: &crate::wire::StudioOut) -> String {
    let sc = &n.inputs.scenario;
    let Some(p) = st.lead.as_deref().and_then(|id| sc.person(id)) else {
        return half(n, &st.reason).to_string();
    };
    let x = &sc.people[p];
    let at = sc.semester.start;
    let role = &n.inputs.rules.roles[x.role];
    let mut parts = vec![n.t(&role.zh, &role.en).to_string()];
    parts.push(match n.lang {
        crate::export::Lang::Zh => format!("从事辅导员工作 {} 年", x.years_as_counselor(at)),
        crate::export::Lang::En => format!("{} years as counselor", x.years_as_counselor(at)),
    });
    if !x.title.is_empty() {
        parts.push(x.title.clone());
    }
    if !x.honors.is_empty() {
        parts.push(x.honors.join(n.t("、", ", ")));
    }
    if st.title_waived {
        parts.push(
            n.t(
                "职称要求按规则放宽",
                "title requirement waived by the rules",
            )
            .to_string(),
        );
    }
    format!("{}{}{}", x.name, n.colon(), parts.join(n.t("；", "; ")))
}
