//! The page's header (scenario, semester, rules, the plan's status) and the overview section:
//! key figures and the sessions by kind (the objective's terms are in the appendix).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{esc, on_targets};
use crate::export::Names;

pub(super) fn hero(n: &Names, o: &mut String) {
    let sc = &n.inputs.scenario;
    let _ = write!(
        o,
        "<header class=\"hero\">\n<div class=\"eyebrow\">{}</div>\n<h1>{}</h1>\n\
         <div class=\"sub\">{} · {} {} {} · {}</div>\n\
         <span class=\"badge {}\">{}{}{}</span>\n</header>\n",
        esc(n.t(
            "学工队伍培训学期计划 · 九维五类三体两级一营",
            "Counselor-training semester plan · nine duties, five groups, three platforms, two levels, one camp"
        )),
        esc(&sc.name),
        esc(&sc.semester.name),
        sc.semester.start,
        esc(n.t("至", "to")),
        sc.semester.end,
        esc(&n.inputs.rules.name),
        esc(&n.plan.status),
        esc(n.t("方案状态", "Status")),
        n.colon(),
        esc(&n.status()),
    );
}

pub(super) fn overview(n: &Names, o: &mut String) {
    let plan = n.plan;
    let attendances: usize = plan.sessions.iter().map(|s| s.attendees.len()).sum();
    let person_hours: f64 = plan
        .sessions
        .iter()
        .map(|s| s.hours * s.attendees.len() as f64)
        .sum();
    let people = plan.people.len().max(1);
    let allocated: f64 = plan.budget.funds.iter().map(|f| f.allocated).sum();
    let spent: f64 = plan.budget.funds.iter().map(|f| f.spent).sum();
    let required = n.required_cells();
    let met = required.iter().filter(|(g, d)| n.cell_met(g, d)).count();
    let (on_target, with_targets) = on_targets(n);
    let pct = if allocated > 0.0 {
        spent / allocated * 100.0
    } else {
        0.0
    };
    let kpis = [
        (plan.sessions.len().to_string(), n.t("培训场次", "sessions")),
        (attendances.to_string(), n.t("参训人次", "attendances")),
        (
            format!("{:.1}", person_hours / people as f64),
            n.t("人均学时", "hours per person"),
        ),
        (
            format!("{pct:.1}%"),
            n.t("经费执行率（支出/预算）", "budget used (spent/allocated)"),
        ),
        (
            format!("{met}/{}", required.len()),
            n.t("覆盖要求达成（群体×职责）", "required coverage cells met"),
        ),
        (
            format!("{on_target}/{}", with_targets),
            n.t("学时目标达成（人）", "people on their hour targets"),
        ),
    ];
    let _ = write!(
        o,
        "<section id=\"overview\">\n<h2>{}</h2>\n<div class=\"kpis\">",
        esc(n.t("概况", "Overview"))
    );
    for (v, l) in kpis {
        let _ = write!(
            o,
            "<div class=\"kpi\"><div class=\"v\">{}</div><div class=\"l\">{}</div></div>",
            esc(&v),
            esc(l)
        );
    }
    o.push_str("</div>\n<div style=\"margin-top:14px\">\n");

    // sessions by kind
    let mut by_kind: BTreeMap<usize, (String, &str, usize, f64, f64)> = BTreeMap::new();
    for s in &plan.sessions {
        let order = n
            .inputs
            .rules
            .kind(&s.kind)
            .unwrap_or(usize::MAX / 2 + by_kind.len());
        let e = by_kind
            .entry(order)
            .or_insert((n.kind(&s.kind), s.platform.as_str(), 0, 0.0, 0.0));
        e.2 += 1;
        e.3 += s.hours * s.attendees.len() as f64;
        e.4 += s.cost;
    }
    let _ = write!(
        o,
        "<div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("各类培训", "Sessions by kind")),
        esc(n.t("类型", "kind")),
        esc(n.t("场次", "sessions")),
        esc(n.t("人·学时", "person-hours")),
        esc(n.t("费用（元）", "cost (yuan)")),
    );
    for (name, platform, count, ph, cost) in by_kind.values() {
        let _ = write!(
            o,
            "<tr><td><span class=\"sw p-{}\"></span>{}</td><td class=\"num\">{count}</td><td class=\"num\">{ph:.0}</td><td class=\"num\">{}</td></tr>",
            esc(platform),
            esc(name),
            esc(&n.money(*cost))
        );
    }
    o.push_str("</tbody></table></div>\n</div>\n</section>\n");
}
