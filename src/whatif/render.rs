//! A sweep as text: aligned tables for people, CSV for Excel/WPS, JSON for tools.
//!
//! Decides the columns and their bilingual headings, how numbers are written (money to the fen,
//! shares as percentages in tables and fractions in CSV/JSON), and the order of everything
//! (grid order; groups and kinds in rules order; funds school first, then by id). Nothing here
//! depends on the thread count or on the clock, so the same sweep gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::marginal::{Line, Saturation, is_money};
use super::{PointResult, Sweep};
use crate::input::overrides::show;
use crate::report::table::Table;

/// Chinese heading of an objective term.
fn term_zh(t: &str) -> &str {
    match t {
        "hours" => "学时",
        "coverage" | "duties" => "职责覆盖",
        "standing" => "专家层次",
        "cost" => "费用",
        "travel" => "交通",
        "spacing" => "间隔",
        _ => "",
    }
}

fn status_zh(s: &str) -> &str {
    match s {
        "optimal" => "最优",
        "feasible" => "可行",
        "infeasible" => "不可行",
        "check_failed" => "校验失败",
        _ => "",
    }
}

/// Money for tables: whole yuan without decimals, otherwise to the fen.
fn yuan(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn signed(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |d| format!("{d:+.2}"))
}

/// Terms present in any point, in name order.
fn term_names(points: &[PointResult]) -> Vec<String> {
    let set: BTreeSet<&String> = points.iter().flat_map(|p| p.terms.keys()).collect();
    set.into_iter().cloned().collect()
}

/// A fund's label at a point ([`PointResult::fund_labels`], else its id).
fn fund_label<'a>(p: &'a PointResult, id: &'a str) -> &'a str {
    p.fund_labels.get(id).map_or(id, String::as_str)
}

/// Fund labels present in any point — the school's first, then colleges and joint clusters by
/// their names: a column is one college (or one set of colleges training together) in every row.
fn fund_ids(points: &[PointResult]) -> Vec<String> {
    let mut set: BTreeSet<(bool, &str)> = BTreeSet::new();
    for p in points {
        for f in &p.funds {
            set.insert((f.level != "school", fund_label(p, &f.id)));
        }
    }
    set.into_iter().map(|(_, l)| l.to_string()).collect()
}

fn value_cells(p: &PointResult) -> Vec<String> {
    p.values.iter().map(|&v| show(v)).collect()
}

/// The aligned tables: objective, coverage and spending, hours per member, sessions by kind,
/// marginal value along each id, and the saturation findings in words.
pub fn table(s: &Sweep) -> String {
    let ids = s.grid.ids();
    let n = ids.len();
    let mut out = String::new();
    let ranges = s
        .grid
        .varies
        .iter()
        .map(|v| {
            if v.count() == 1 {
                format!("{} = {}", s.names.varied(&v.id), show(v.from))
            } else {
                format!(
                    "{} = {}..{} step 步长 {}",
                    s.names.varied(&v.id),
                    show(v.from),
                    show(v.to),
                    show(v.step)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let _ = writeln!(
        out,
        "假设分析 What-if: {} — {} 个方案 points\n{ranges}\n",
        if s.names.scenario.is_empty() {
            &s.scenario
        } else {
            &s.names.scenario
        },
        s.points.len()
    );
    let head = |extra: Vec<String>| -> Vec<String> {
        ids.iter()
            .map(|i| s.names.varied_zh(i))
            .chain(extra)
            .collect()
    };
    let right_from = |k: usize, m: usize| -> Vec<usize> { (0..n).chain(k..k + m).collect() };

    // 1. objective
    let terms = term_names(&s.points);
    let mut cols = vec![
        "状态 status".to_string(),
        "目标 objective".into(),
        "差距 gap".into(),
    ];
    cols.extend(terms.iter().map(|t| format!("{} {t}", term_zh(t))));
    cols.push("原因 reason".into());
    let mut t = Table::new(head(cols)).right(&right_from(n + 1, 2 + terms.len()));
    for p in &s.points {
        let mut r = value_cells(p);
        r.push(format!("{} {}", p.status, status_zh(&p.status)));
        r.push(p.objective.map_or("—".into(), |o| format!("{o:.2}")));
        r.push(p.gap.map_or(String::new(), |g| format!("{g:.2}")));
        for name in &terms {
            r.push(p.terms.get(name).map_or("—".into(), |v| format!("{v:.2}")));
        }
        r.push(p.reason.clone().unwrap_or_default());
        t.row(r);
    }
    let _ = writeln!(out, "目标 Objective\n{}", t.render());

    // 2. coverage and spending
    let cols = vec![
        "必修覆盖 required".to_string(),
        "覆盖 any".into(),
        "校级支出/经费 school spent/allocated".into(),
        "院级支出/经费 college spent/allocated".into(),
        "场次 sessions".into(),
        "联合组 clusters".into(),
        "工作室 studios".into(),
    ];
    let mut t = Table::new(head(cols)).right(&right_from(n, 7));
    for p in &s.points {
        let mut r = value_cells(p);
        match &p.coverage {
            Some(c) => {
                r.push(format!(
                    "{} ({}/{})",
                    pct(c.required_share),
                    c.required_met,
                    c.required_cells
                ));
                r.push(format!(
                    "{} ({}/{})",
                    pct(c.any_share),
                    c.cells_with_hours,
                    c.cells
                ));
            }
            None => r.extend(["—".to_string(), "—".to_string()]),
        }
        let sp = &p.spend;
        r.push(format!(
            "{} / {}",
            yuan(sp.school_spent),
            yuan(sp.school_allocated)
        ));
        r.push(format!(
            "{} / {}",
            yuan(sp.college_spent),
            yuan(sp.college_allocated)
        ));
        r.push(if p.feasible() {
            p.sessions_total().to_string()
        } else {
            "—".into()
        });
        r.push(p.clusters.to_string());
        r.push(p.studios_staffed.to_string());
        t.row(r);
    }
    let _ = writeln!(out, "覆盖与经费 Coverage and spending\n{}", t.render());

    // 3. hours per member
    let groups: Vec<&(String, String)> = s
        .names
        .groups
        .iter()
        .filter(|(g, _)| s.points.iter().any(|p| p.hours_per_member.contains_key(g)))
        .collect();
    if !groups.is_empty() {
        let cols: Vec<String> = groups.iter().map(|(_, zh)| zh.clone()).collect();
        let mut t = Table::new(head(cols)).right(&right_from(n, groups.len()));
        for p in &s.points {
            let mut r = value_cells(p);
            for (g, _) in &groups {
                r.push(
                    p.hours_per_member
                        .get(g)
                        .map_or("—".into(), |h| format!("{h:.1}")),
                );
            }
            t.row(r);
        }
        let _ = writeln!(out, "人均学时 Hours per member, by group\n{}", t.render());
    }

    // 4. sessions by kind
    let kinds = &s.names.kinds;
    if !kinds.is_empty() {
        let cols: Vec<String> = kinds.iter().map(|(k, _)| k.clone()).collect();
        let mut t = Table::new(head(cols)).right(&right_from(n, kinds.len()));
        for p in &s.points {
            let mut r = value_cells(p);
            for (k, _) in kinds {
                r.push(if p.feasible() {
                    p.sessions.get(k).copied().unwrap_or(0).to_string()
                } else {
                    "—".into()
                });
            }
            t.row(r);
        }
        let legend = kinds
            .iter()
            .map(|(k, zh)| format!("{k} {zh}"))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(out, "各类场次 Sessions by kind\n{}({legend})\n", t.render());
    }

    // 5. joint training at each point
    if s.points
        .iter()
        .any(|p| !p.joint.is_empty() || !p.independent.is_empty())
    {
        let mut t = Table::new(head(vec![
            "独立 independent".to_string(),
            "联合组（成员学院，车程代价） joint clusters (members, travel)".into(),
        ]))
        .right(&right_from(n, 1));
        for p in &s.points {
            let mut r = value_cells(p);
            if p.feasible() {
                r.push(p.independent.len().to_string());
                r.push(if p.joint.is_empty() {
                    "—".into()
                } else {
                    p.joint
                        .iter()
                        .map(|j| format!("{}（{}）", j.label(), yuan(j.travel)))
                        .collect::<Vec<_>>()
                        .join("；")
                });
            } else {
                r.extend(["—".to_string(), "—".into()]);
            }
            t.row(r);
        }
        let _ = writeln!(out, "联合培训 Joint training\n{}", t.render());
    }

    // 6. what binds the plan at each point
    if s.points.iter().any(|p| !p.limits.is_empty()) {
        let mut t = Table::new(head(vec![
            "起限制作用的规则 binding rule".to_string(),
            "挡住的活动 kept out".into(),
            "需放宽 needs".into(),
            "其次 next".into(),
        ]))
        .right(&right_from(n + 1, 2));
        for p in &s.points {
            let mut r = value_cells(p);
            match p.limits.first() {
                Some(l) => {
                    let (uz, _) = l.unit();
                    r.push(l.rule.clone());
                    r.push(l.blocked.to_string());
                    r.push(format!("{} {uz}", show(l.needs)));
                    r.push(
                        p.limits
                            .iter()
                            .skip(1)
                            .take(2)
                            .map(|x| format!("{} ({})", x.rule, x.blocked))
                            .collect::<Vec<_>>()
                            .join("; "),
                    );
                }
                None => r.extend(std::iter::repeat_n("—".to_string(), 4)),
            }
            t.row(r);
        }
        let _ = writeln!(
            out,
            "限制 What binds (the rule that alone keeps the most valuable sessions out)\n{}",
            t.render()
        );
    }

    // 7. what each step buys, in sessions, hours, people and yuan
    for id in &ids {
        let lines: Vec<&Line> = s.lines.iter().filter(|l| l.id == *id).collect();
        if lines.is_empty() {
            continue;
        }
        let others: Vec<String> = lines[0].fixed.iter().map(|(i, _)| i.clone()).collect();
        let money = is_money(id);
        let mut cols: Vec<String> = others.clone();
        cols.extend([
            format!("步 step ({id})"),
            "Δ场次 sessions".into(),
            "Δ省级以上专家场次 invited".into(),
            "Δ人均学时 h/person".into(),
            "Δ达标人数 at target".into(),
            "Δ必修覆盖 required (pp)".into(),
            "Δ支出（元） spent (yuan)".into(),
            "执行率 execution".into(),
        ]);
        if money {
            cols.push("每万元人均学时 h/person per 10k yuan".into());
        }
        let k = others.len();
        let m = if money { 8 } else { 7 };
        let right: Vec<usize> = (0..k).chain(k + 1..k + 1 + m).collect();
        let mut t = Table::new(cols).right(&right);
        let mut said = Vec::new();
        for l in &lines {
            for st in &l.steps {
                let mut r: Vec<String> = l.fixed.iter().map(|(_, v)| show(*v)).collect();
                r.push(format!("{} → {}", show(st.from), show(st.to)));
                match &st.change {
                    Some(c) => {
                        r.push(format!("{:+}", c.sessions));
                        r.push(format!(
                            "{:+}",
                            c.speakers.iter().map(|(_, d)| d).sum::<i64>()
                        ));
                        r.push(format!("{:+.2}", c.hours_per_person));
                        r.push(format!("{:+}", c.targets));
                        r.push(signed(st.d_required_coverage_pp));
                        r.push(signed(st.d_spent));
                        r.push(c.execution.map_or("—".into(), pct));
                        if money {
                            r.push(signed(c.hours_per_10000_yuan));
                        }
                    }
                    None => r.extend(std::iter::repeat_n("—".to_string(), m)),
                }
                t.row(r);
                let pre = if l.fixed.is_empty() {
                    String::new()
                } else {
                    let f = l
                        .fixed
                        .iter()
                        .map(|(i, v)| format!("{i} = {}", show(*v)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("[{f}] ")
                };
                said.push(format!("  {pre}{}\n  {pre}{}", st.zh, st.en));
            }
        }
        let _ = writeln!(
            out,
            "每步变化 What each step buys, along {id}\n{}{}\n",
            t.render(),
            said.join("\n")
        );
    }
    if !s.lines.is_empty() {
        let _ = writeln!(out, "饱和点 Saturation");
        for l in &s.lines {
            let _ = writeln!(out, "  {}\n  {}", l.zh, l.en);
        }
    }
    let money_fell = s.lines.iter().any(|l| {
        is_money(&l.id)
            && l.steps.iter().any(|st| {
                st.d_objective
                    .is_some_and(|d| d < -super::marginal::TOLERANCE)
            })
    });
    if money_fell {
        let _ = writeln!(
            out,
            "\n注：经费增加时目标值可能略降：计划先在经费约束下选定活动（学时+覆盖−费用，这一部分不会变差），再为选定的活动安排时间地点（交通、间隔）。\nNote: the objective can fall when money rises: the planner first chooses sessions under the funds (hours + coverage − cost, which never gets worse with more money), then places the chosen sessions (travel, spacing)."
        );
    }
    out
}

/// CSV for Excel/WPS: a UTF-8 BOM, one bilingual header row, one row per point.
pub fn csv(s: &Sweep) -> String {
    let ids = s.grid.ids();
    let terms = term_names(&s.points);
    let funds = fund_ids(&s.points);
    let mut header: Vec<String> = ids
        .iter()
        .map(|i| match s.names.varied_zh(i) {
            zh if zh == *i => i.to_string(),
            zh => format!("{zh} {i}"),
        })
        .collect();
    header.extend([
        "状态 status".to_string(),
        "原因 reason".into(),
        "目标 objective".into(),
        "差距 gap".into(),
    ]);
    header.extend(terms.iter().map(|t| format!("目标项 term:{t}")));
    header.extend([
        "必修覆盖率 required_coverage".to_string(),
        "必修覆盖格 required_cells_met".into(),
        "必修格数 required_cells".into(),
        "覆盖率 any_coverage".into(),
    ]);
    header.extend(
        s.names
            .groups
            .iter()
            .map(|(g, zh)| format!("人均学时 hours_per_member:{g} {zh}")),
    );
    header.extend(
        s.names
            .kinds
            .iter()
            .map(|(k, zh)| format!("场次 sessions:{k} {zh}")),
    );
    header.extend([
        "场次合计 sessions_total".to_string(),
        "校级经费 school_allocated".into(),
        "校级支出 school_spent".into(),
        "院级经费 college_allocated".into(),
        "院级支出 college_spent".into(),
    ]);
    for f in &funds {
        header.push(format!("经费 allocated:{f}"));
        header.push(format!("支出 spent:{f}"));
    }
    header.extend([
        "联合组 clusters".to_string(),
        "工作室 studios_staffed".into(),
        "省外知名专家场次 sessions_by:national".into(),
        "省内专家场次 sessions_by:provincial".into(),
        "人均学时 hours_per_person".into(),
        "学时达标人数 people_at_targets".into(),
        "有学时目标人数 people_with_targets".into(),
        "经费执行率 execution".into(),
        "独立培训学院 independent".into(),
        "联合组成员 joint_clusters".into(),
    ]);
    for id in &ids {
        header.push(format!("Δ目标 d_objective:{id}"));
        header.push(format!("Δ必修覆盖 d_required_coverage_pp:{id}"));
        header.push(format!("本步变化 step:{id}"));
    }
    // The step that ends at each point, along each id.
    let mut steps_to: BTreeMap<(usize, usize), &super::Step> = BTreeMap::new();
    for l in &s.lines {
        let k = ids.iter().position(|i| *i == l.id).unwrap_or(0);
        for (st, &p) in l.steps.iter().zip(l.points.iter().skip(1)) {
            steps_to.insert((p, k), st);
        }
    }
    let num = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.2}"));
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![header];
    for (i, p) in s.points.iter().enumerate() {
        let mut r: Vec<String> = p.values.iter().map(|&v| show(v)).collect();
        r.push(p.status.clone());
        r.push(p.reason.clone().unwrap_or_default());
        r.push(num(p.objective));
        r.push(num(p.gap));
        for t in &terms {
            r.push(num(p.terms.get(t).copied()));
        }
        match &p.coverage {
            Some(c) => r.extend([
                format!("{:.4}", c.required_share),
                c.required_met.to_string(),
                c.required_cells.to_string(),
                format!("{:.4}", c.any_share),
            ]),
            None => r.extend(std::iter::repeat_n(String::new(), 4)),
        }
        for (g, _) in &s.names.groups {
            r.push(num(p.hours_per_member.get(g).copied()));
        }
        for (k, _) in &s.names.kinds {
            r.push(if p.feasible() {
                p.sessions.get(k).copied().unwrap_or(0).to_string()
            } else {
                String::new()
            });
        }
        r.push(if p.feasible() {
            p.sessions_total().to_string()
        } else {
            String::new()
        });
        let sp = &p.spend;
        for x in [
            sp.school_allocated,
            sp.school_spent,
            sp.college_allocated,
            sp.college_spent,
        ] {
            r.push(format!("{x:.2}"));
        }
        for f in &funds {
            let hit = p.funds.iter().find(|x| fund_label(p, &x.id) == f);
            r.push(num(hit.map(|x| x.allocated)));
            r.push(num(hit.map(|x| x.spent)));
        }
        r.push(p.clusters.to_string());
        r.push(p.studios_staffed.to_string());
        let by = |s: &str| {
            if p.feasible() {
                p.speakers.get(s).copied().unwrap_or(0).to_string()
            } else {
                String::new()
            }
        };
        r.push(by("national"));
        r.push(by("provincial"));
        r.push(num(p.hours_per_person));
        r.push(p.targets.map_or(String::new(), |(m, _)| m.to_string()));
        r.push(p.targets.map_or(String::new(), |(_, o)| o.to_string()));
        r.push(p.execution.map_or(String::new(), |x| format!("{x:.4}")));
        r.push(p.independent.join("、"));
        r.push(
            p.joint
                .iter()
                .map(super::metrics::Joint::label)
                .collect::<Vec<_>>()
                .join("；"),
        );
        for k in 0..ids.len() {
            let st = steps_to.get(&(i, k));
            r.push(num(st.and_then(|s| s.d_objective)));
            r.push(num(st.and_then(|s| s.d_required_coverage_pp)));
            r.push(st.map_or(String::new(), |s| s.zh.clone()));
        }
        rows.push(r);
    }
    for r in &rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(r);
    }
    let body = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}

#[derive(Serialize)]
struct VaryOut<'a> {
    id: &'a str,
    zh: String,
    en: String,
    from: f64,
    to: f64,
    step: f64,
    values: Vec<f64>,
}

#[derive(Serialize)]
struct NameOut<'a> {
    id: &'a str,
    zh: &'a str,
}

#[derive(Serialize)]
struct LineOut<'a> {
    id: &'a str,
    fixed: BTreeMap<&'a str, f64>,
    steps: &'a [super::Step],
    saturation: &'a Saturation,
    en: &'a str,
    zh: &'a str,
}

#[derive(Serialize)]
struct SweepOut<'a> {
    scenario: &'a str,
    vary: Vec<VaryOut<'a>>,
    groups: Vec<NameOut<'a>>,
    kinds: Vec<NameOut<'a>>,
    points: Vec<serde_json::Value>,
    marginal: Vec<LineOut<'a>>,
}

/// JSON: the grid, every point (values keyed by id) and the marginal analysis.
pub fn json(s: &Sweep) -> Result<String, serde_json::Error> {
    let ids = s.grid.ids();
    let points = s
        .points
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p)?;
            if let Some(obj) = v.as_object_mut() {
                let values: serde_json::Map<String, serde_json::Value> = ids
                    .iter()
                    .zip(&p.values)
                    .map(|(i, x)| (i.to_string(), serde_json::json!(x)))
                    .collect();
                obj.insert("values".into(), serde_json::Value::Object(values));
            }
            Ok(v)
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    let out = SweepOut {
        scenario: &s.scenario,
        vary: s
            .grid
            .varies
            .iter()
            .map(|v| VaryOut {
                id: &v.id,
                zh: s.names.varied_zh(&v.id),
                en: s.names.varied_en(&v.id),
                from: v.from,
                to: v.to,
                step: v.step,
                values: v.values(),
            })
            .collect(),
        groups: s
            .names
            .groups
            .iter()
            .map(|(id, zh)| NameOut { id, zh })
            .collect(),
        kinds: s
            .names
            .kinds
            .iter()
            .map(|(id, zh)| NameOut { id, zh })
            .collect(),
        points,
        marginal: s
            .lines
            .iter()
            .map(|l| LineOut {
                id: &l.id,
                fixed: l.fixed.iter().map(|(i, v)| (i.as_str(), *v)).collect(),
                steps: &l.steps,
                saturation: &l.saturation,
                en: &l.en,
                zh: &l.zh,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).map(|t| t + "\n")
}
