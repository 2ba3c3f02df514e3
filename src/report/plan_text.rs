//! The plan for people: the calendar week by week, the coverage matrix, the budget per fund, and
//! any soft rules bent.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Datelike;

use crate::domain::Inputs;
use crate::report::table::Table;
use crate::wire::PlanFile;

fn weekday_zh(d: chrono::NaiveDate) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "日"][d.weekday().num_days_from_monday() as usize]
}

/// The readable summary printed by `fudao plan`.
pub fn render(inputs: &Inputs, plan: &PlanFile) -> String {
    let rules = &inputs.rules;
    let sc = &inputs.scenario;
    let mut out = String::new();
    let gap = plan
        .gap
        .map(|g| format!("（与上界相差至多 gap ≤ {g:.2}）"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} — {}\n状态 status: {}{gap}   目标值 objective: {:.2}",
        sc.name, sc.semester.name, plan.status, plan.objective.total
    );
    let terms: Vec<String> = plan
        .objective
        .terms
        .iter()
        .map(|(k, v)| format!("{k} {v:.2}"))
        .collect();
    let _ = writeln!(out, "  terms: {}\n", terms.join(" · "));

    // calendar week by week
    let cal = crate::domain::calendar::Calendar::new(&sc.semester, &rules.calendar);
    let mut by_week: BTreeMap<usize, Vec<&crate::wire::SessionOut>> = BTreeMap::new();
    for s in &plan.sessions {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d") {
            by_week.entry(cal.week_of(d)).or_default().push(s);
        }
    }
    out.push_str("校历 Calendar, week by week\n");
    let kind_name = |id: &str| {
        rules
            .kind(id)
            .map_or(id.to_string(), |k| rules.session_kinds[k].zh.clone())
    };
    let duty_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|d| rules.duty(d))
            .map_or("—".to_string(), |d| rules.duties[d].zh.clone())
    };
    let venue_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|v| sc.venues.iter().find(|x| &x.id == v))
            .map_or("—".to_string(), |v| v.name.clone())
    };
    for (week, sessions) in &by_week {
        let monday = cal.first_monday + chrono::Days::new(*week as u64 * 7);
        let _ = writeln!(out, "第{}周 week {} (from {monday})", week + 1, week + 1);
        let mut t = Table::new([
            "日期 date",
            "时段 slot",
            "活动 session",
            "职责 duty",
            "对象 audience",
            "人数",
            "场地 venue",
            "费用 cost",
        ])
        .right(&[5, 7]);
        for s in sessions {
            let d = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").unwrap_or(monday);
            t.row([
                format!("{} 周{}", s.date, weekday_zh(d)),
                s.slots.join("+"),
                kind_name(&s.kind),
                duty_name(&s.duty),
                s.audience.join(","),
                s.attendees.len().to_string(),
                venue_name(&s.venue),
                format!("{:.2}", s.cost),
            ]);
        }
        for line in t.render().lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out.push('\n');

    // coverage matrix
    out.push_str("覆盖 Coverage — hours per member, group × duty\n");
    let mut header = vec!["群体 group".to_string()];
    header.extend(rules.duties.iter().map(|d| format!("{}", d.no)));
    let mut t = Table::new(header).right(&(1..=rules.duties.len()).collect::<Vec<_>>());
    for g in &rules.groups {
        let mut row = vec![g.zh.clone()];
        for d in &rules.duties {
            let h = plan
                .coverage
                .iter()
                .find(|c| c.group == g.id && c.duty == d.id)
                .map_or(0.0, |c| c.hours);
            row.push(if h > 0.0 {
                format!("{h:.1}")
            } else {
                "·".into()
            });
        }
        t.row(row);
    }
    out.push_str(&t.render());
    let legend: Vec<String> = rules
        .duties
        .iter()
        .map(|d| format!("{}={}", d.no, d.zh))
        .collect();
    let _ = writeln!(out, "  ({})\n", legend.join("，"));

    // budget
    out.push_str("经费 Budget per fund (yuan)\n");
    let mut t = Table::new([
        "经费 fund",
        "级别 level",
        "分配 allocated",
        "支出 spent",
        "结余 left",
    ])
    .right(&[2, 3, 4]);
    let (mut a, mut s) = (0.0, 0.0);
    for f in &plan.budget.funds {
        a += f.allocated;
        s += f.spent;
        t.row([
            f.id.clone(),
            f.level.clone(),
            format!("{:.2}", f.allocated),
            format!("{:.2}", f.spent),
            format!("{:.2}", f.allocated - f.spent),
        ]);
    }
    t.row([
        "合计 total".to_string(),
        String::new(),
        format!("{a:.2}"),
        format!("{s:.2}"),
        format!("{:.2}", a - s),
    ]);
    out.push_str(&t.render());
    out.push('\n');
    if plan.violations.is_empty() {
        out.push_str("软性规则 Soft rules: none bent 无\n");
    } else {
        out.push_str("软性规则 Soft rules bent\n");
        for v in &plan.violations {
            let _ = writeln!(out, "  [{}] {}", v.rule, v.message);
        }
    }
    out
}

/// Why no plan exists: conflicts grouped by family and rule, a few examples each.
pub fn render_conflicts(conflicts: &[crate::planner::schedule::Conflict]) -> String {
    let mut groups: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for c in conflicts {
        let key = (c.family.clone(), c.rules.join(", "));
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(&c.message);
    }
    let mut out = String::from(
        "没有满足全部规则的计划 / no plan satisfies every rule. 冲突的规则 conflicting rules:\n",
    );
    for key in order {
        let msgs = &groups[&key];
        let _ = writeln!(
            out,
            "  [{}] {} ({} 处 / {} case(s))",
            key.0,
            key.1,
            msgs.len(),
            msgs.len()
        );
        for m in msgs.iter().take(3) {
            let _ = writeln!(out, "      {m}");
        }
        if msgs.len() > 3 {
            let _ = writeln!(
                out,
                "      … 另有 {} 处 / and {} more",
                msgs.len() - 3,
                msgs.len() - 3
            );
        }
    }
    out
}
