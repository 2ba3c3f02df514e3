//! The plan for people: the calendar week by week, the coverage matrix, the budget per fund, and
//! any soft rules bent.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Datelike;

use crate::domain::Inputs;
use crate::report::names;
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
            "主讲 speaker",
            "对象 audience",
            "人数",
            "场地 venue",
            "费用 cost",
        ])
        .right(&[6, 8]);
        for s in sessions {
            let d = chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").unwrap_or(monday);
            t.row([
                format!("{} 周{}", s.date, weekday_zh(d)),
                s.slots.join("+"),
                kind_name(&s.kind),
                duty_name(&s.duty),
                names::speaker(inputs, s.speaker.as_deref()),
                names::session_audience(inputs, plan, s),
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
    out.push_str(&unit_training(inputs, plan));

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

    out.push_str(&hours_per_person(inputs, plan));

    // budget
    out.push_str("经费 Budget per fund (yuan)\n");
    let mut t = Table::new([
        "经费 fund",
        "级别 level",
        "分配 allocated",
        "支出 spent",
        "结余 left",
        "执行率 execution",
    ])
    .right(&[2, 3, 4, 5]);
    let (mut a, mut s) = (0.0, 0.0);
    let rate = |spent: f64, allocated: f64| {
        if allocated > 0.0 {
            format!("{:.1}%", 100.0 * spent / allocated)
        } else {
            "—".into()
        }
    };
    for f in &plan.budget.funds {
        a += f.allocated;
        s += f.spent;
        t.row([
            names::fund(inputs, plan, &f.id, &f.level),
            f.level.clone(),
            format!("{:.2}", f.allocated),
            format!("{:.2}", f.spent),
            format!("{:.2}", f.allocated - f.spent),
            rate(f.spent, f.allocated),
        ]);
    }
    t.row([
        "合计 total".to_string(),
        String::new(),
        format!("{a:.2}"),
        format!("{s:.2}"),
        format!("{:.2}", a - s),
        rate(s, a),
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
    if !plan.limits.is_empty() {
        out.push_str(
            "\n起限制作用的规则 What binds (sessions worth adding that one rule keeps out)\n",
        );
        for l in &plan.limits {
            let (uz, ue) = l.unit();
            let _ = writeln!(
                out,
                "  [{}] {}：挡住 {} 项 / keeps {} out；最值得增加的是“{}”，需放宽 {:.2} {uz} {ue}",
                l.rule, l.what, l.blocked, l.blocked, l.best, l.needs
            );
        }
    }
    out.push_str(&super::history::plan_section(inputs, plan));
    out
}

/// Hours per person, by group: members, least, median and most hours in the semester, against the
/// group's cap (`groups.max_hours_per_semester`) and each hour target (`hour_targets.*`, counted
/// on the target's levels), with how many members fall short of it.
pub fn hours_per_person(inputs: &Inputs, plan: &PlanFile) -> String {
    let rules = &inputs.rules;
    let mut total: BTreeMap<&str, f64> = BTreeMap::new();
    let mut by_level: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for s in &plan.sessions {
        for p in &s.attendees {
            *total.entry(p.as_str()).or_default() += s.hours;
            *by_level.entry((p.as_str(), s.level.as_str())).or_default() += s.hours;
        }
    }
    let mut out = String::from("每人学时 Hours per person, by group\n");
    let mut t = Table::new([
        "群体 group",
        "人数 members",
        "最少 min",
        "中位 median",
        "最多 max",
        "本组上限 cap",
        "超上限 over",
        "目标 target",
        "未达 short",
    ])
    .right(&[1, 2, 3, 4, 5, 6, 8]);
    for g in &rules.groups {
        let members: Vec<&str> = plan
            .people
            .iter()
            .filter(|p| p.groups.iter().any(|x| x == &g.id))
            .map(|p| p.id.as_str())
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut hours: Vec<f64> = members
            .iter()
            .map(|p| total.get(p).copied().unwrap_or(0.0))
            .collect();
        hours.sort_by(f64::total_cmp);
        let median = if hours.len() % 2 == 1 {
            hours[hours.len() / 2]
        } else {
            f64::midpoint(hours[hours.len() / 2 - 1], hours[hours.len() / 2])
        };
        let gi = rules.groups.iter().position(|x| x.id == g.id);
        let targets: Vec<_> = rules
            .hour_targets
            .iter()
            .filter(|t| Some(t.group) == gi)
            .collect();
        let target = targets
            .iter()
            .map(|t| {
                let levels: Vec<&str> = t.levels.iter().map(|l| l.as_str()).collect();
                // with a record, each member's remainder of the year
                let need: Vec<f64> = members
                    .iter()
                    .map(|p| inputs.target_hours_of(t, p))
                    .collect();
                let lo = need.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = need.iter().copied().fold(0.0, f64::max);
                if need.is_empty() || (hi - lo).abs() < 1e-9 {
                    format!(
                        "≥{} ({})",
                        if need.is_empty() {
                            rules.semester_hours(t)
                        } else {
                            hi
                        },
                        levels.join("+")
                    )
                } else {
                    format!("≥{lo}–{hi} ({})", levels.join("+"))
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        // over their own cap: the largest of their groups' (a new counselor is also in 全体辅导员)
        let over = plan
            .people
            .iter()
            .filter(|p| p.groups.iter().any(|x| x == &g.id))
            .filter(|p| {
                let cap = p
                    .groups
                    .iter()
                    .filter_map(|x| rules.groups.iter().find(|r| &r.id == x))
                    .filter_map(|r| r.max_hours_per_semester)
                    .reduce(f64::max);
                cap.is_some_and(|c| total.get(p.id.as_str()).copied().unwrap_or(0.0) > c + 1e-9)
            })
            .count();
        let short = members
            .iter()
            .filter(|p| {
                targets.iter().any(|t| {
                    let got: f64 = t
                        .levels
                        .iter()
                        .map(|l| by_level.get(&(**p, l.as_str())).copied().unwrap_or(0.0))
                        .sum();
                    got + 1e-9 < inputs.target_hours_of(t, p)
                })
            })
            .count();
        t.row([
            g.zh.clone(),
            members.len().to_string(),
            format!("{:.1}", hours[0]),
            format!("{median:.1}"),
            format!("{:.1}", hours[hours.len() - 1]),
            g.max_hours_per_semester
                .map_or("—".into(), |c| format!("{c}")),
            over.to_string(),
            if target.is_empty() {
                "—".into()
            } else {
                target
            },
            short.to_string(),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');
    out
}

/// The college-level training unit by unit: each session's date, kind and duty, and why it is on
/// that duty (the plan's `reason`: the college's theme, its discipline's or stage's need).
pub fn unit_training(inputs: &Inputs, plan: &PlanFile) -> String {
    let rules = &inputs.rules;
    let mut by_unit: BTreeMap<&str, Vec<&crate::wire::SessionOut>> = BTreeMap::new();
    for s in &plan.sessions {
        if let Some(u) = s.audience.first().and_then(|a| a.strip_prefix("unit:")) {
            by_unit.entry(u).or_default().push(s);
        }
    }
    if by_unit.is_empty() {
        return String::new();
    }
    let mut out = String::from("学院培训 College-level training, by unit\n");
    let mut t = Table::new([
        "培训单元 unit",
        "日期 date",
        "活动 session",
        "职责 duty",
        "为何此职责 why this duty",
    ]);
    for (unit, sessions) in &by_unit {
        for (i, s) in sessions.iter().enumerate() {
            let duty = s
                .duty
                .as_ref()
                .and_then(|d| rules.duty(d))
                .map_or("—".to_string(), |d| rules.duties[d].zh.clone());
            let kind = rules
                .kind(&s.kind)
                .map_or(s.kind.clone(), |k| rules.session_kinds[k].zh.clone());
            let why = s
                .reason
                .as_deref()
                .map_or("—", |r| r.split(" / ").next().unwrap_or(r));
            t.row([
                if i == 0 {
                    names::unit(inputs, plan, unit)
                } else {
                    String::new()
                },
                s.date.clone(),
                kind,
                duty,
                why.to_string(),
            ]);
        }
    }
    for line in t.render().lines() {
        let _ = writeln!(out, "  {line}");
    }
    out.push('\n');
    out
}

/// Why no plan exists: the conflicts of an infeasible plan, grouped by family and rule, a few
/// examples each.
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
            for line in m.lines() {
                let _ = writeln!(out, "      {line}");
            }
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
