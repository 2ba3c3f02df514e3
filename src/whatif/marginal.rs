//! Across points: what each step of a varied value buys, and where more of it stops buying.
//!
//! Decides, for every varied id and every combination of the other ids' values (a *line*):
//! each step's change in objective, in required and in any coverage, and in spending (per step,
//! and per 10,000 yuan when the id is an amount of money); what it changes in the plan in the
//! office's terms ([`Change`]: sessions by kind and by the speakers' standing, hours per member,
//! people at their hour targets, execution, which colleges train with whom) and that in one
//! sentence; and the *saturation point*: the first value after which no further step changes
//! the objective (by [`TOLERANCE`] or more: objectives are kept to 0.01), the coverage or any
//! figure of the change — so the saturation sentence holds for everything it names. A step
//! touching an infeasible point has no differences and is never flat.

use serde::Serialize;

use std::collections::BTreeMap;

use super::{Grid, Names, PointResult};
use crate::input::overrides::show;

/// Objective changes smaller than this count as none (objectives are rounded to 0.01).
pub const TOLERANCE: f64 = 0.005;

/// Ids that are amounts of money available to spend: their steps are also given per 10,000 yuan.
pub fn is_money(id: &str) -> bool {
    matches!(id, "funds.total" | "budget.college_floor")
}

/// Changes per 10,000 yuan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rates {
    /// Objective change per 10,000 yuan.
    pub d_objective: f64,
    /// Required-coverage share change (percentage points) per 10,000 yuan.
    pub d_required_coverage_pp: f64,
}

/// One step along a line: from one value to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Value before.
    pub from: f64,
    /// Value after.
    pub to: f64,
    /// Objective change (absent when either end is infeasible).
    pub d_objective: Option<f64>,
    /// Required-coverage share change, in percentage points.
    pub d_required_coverage_pp: Option<f64>,
    /// Any-coverage share change, in percentage points.
    pub d_any_coverage_pp: Option<f64>,
    /// Spending change (school + college), yuan.
    pub d_spent: Option<f64>,
    /// The same per 10,000 yuan, for money ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_10000_yuan: Option<Rates>,
    /// What the step changes in the plan, in the office's terms (absent when either end is
    /// infeasible).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// The step in one sentence (Chinese).
    pub zh: String,
    /// The step in one sentence (English).
    pub en: String,
}

/// What one step changes in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Sessions held, change.
    pub sessions: i64,
    /// Sessions by kind id, changes (nonzero only, rules order).
    pub kinds: Vec<(String, i64)>,
    /// Sessions with an invited speaker by standing, changes (nonzero only, highest first).
    pub speakers: Vec<(String, i64)>,
    /// Hours per member by group id, changes (nonzero only, rules order).
    pub hours: Vec<(String, f64)>,
    /// Hours per person (everyone), change.
    pub hours_per_person: f64,
    /// People reaching all their hour targets, change.
    pub targets: i64,
    /// Execution rate (spent / allocated) after the step.
    pub execution: Option<f64>,
    /// Colleges whose arrangement changed: name, before, after (`independent` or the cluster
    /// `A+B`).
    pub colleges: Vec<(String, String, String)>,
    /// Joint clusters before and after.
    pub clusters: (usize, usize),
    /// Hours per person per 10,000 yuan (money ids only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_per_10000_yuan: Option<f64>,
}

impl Change {
    /// Nothing in the plan changes.
    fn none(&self) -> bool {
        self.sessions == 0
            && self.kinds.is_empty()
            && self.speakers.is_empty()
            && self.hours.is_empty()
            && self.hours_per_person.abs() < TOLERANCE
            && self.targets == 0
            && self.colleges.is_empty()
    }
}

impl Step {
    /// Neither the objective nor anything the office reads changes.
    fn flat(&self) -> bool {
        self.d_objective.is_some_and(|d| d.abs() < TOLERANCE)
            && self
                .d_required_coverage_pp
                .is_some_and(|d| d.abs() < TOLERANCE)
            && self.d_any_coverage_pp.is_some_and(|d| d.abs() < TOLERANCE)
            && self.change.as_ref().is_some_and(Change::none)
    }
}

/// Standings, highest first, with their Chinese words.
const STANDINGS: [(&str, &str); 3] = [
    ("national", "省外知名专家"),
    ("provincial", "省内专家"),
    ("internal", "校内专家"),
];

/// Each college's arrangement: `independent` or its cluster's label.
fn arrangement(p: &PointResult) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = p
        .independent
        .iter()
        .map(|c| (c.clone(), "independent".to_string()))
        .collect();
    for j in &p.joint {
        for c in &j.colleges {
            out.insert(c.clone(), j.label());
        }
    }
    out
}

fn change(
    names: &Names,
    money: bool,
    a: &PointResult,
    b: &PointResult,
    from: f64,
    to: f64,
) -> Change {
    let di = |x: usize, y: usize| y as i64 - x as i64;
    let kinds: Vec<(String, i64)> = names
        .kinds
        .iter()
        .map(|(k, _)| {
            let get = |p: &PointResult| p.sessions.get(k).copied().unwrap_or(0);
            (k.clone(), di(get(a), get(b)))
        })
        .filter(|(_, d)| *d != 0)
        .collect();
    let speakers: Vec<(String, i64)> = STANDINGS
        .iter()
        .map(|(s, _)| {
            let get = |p: &PointResult| p.speakers.get(*s).copied().unwrap_or(0);
            (s.to_string(), di(get(a), get(b)))
        })
        .filter(|(s, d)| *d != 0 && s != "internal")
        .collect();
    let hours: Vec<(String, f64)> = names
        .groups
        .iter()
        .filter_map(|(g, _)| {
            let d = round2(b.hours_per_member.get(g)? - a.hours_per_member.get(g)?);
            // shown to 0.1 h: a smaller change is none
            (d.abs() >= 0.05).then(|| (g.clone(), d))
        })
        .collect();
    let hpp = round2(b.hours_per_person.unwrap_or(0.0) - a.hours_per_person.unwrap_or(0.0));
    let (ta, tb) = (arrangement(a), arrangement(b));
    let colleges: Vec<(String, String, String)> = tb
        .iter()
        .filter_map(|(c, after)| {
            let before = ta.get(c)?;
            (before != after).then(|| (c.clone(), before.clone(), after.clone()))
        })
        .collect();
    Change {
        sessions: di(a.sessions_total(), b.sessions_total()),
        kinds,
        speakers,
        hours,
        hours_per_person: hpp,
        targets: match (a.targets, b.targets) {
            (Some((x, _)), Some((y, _))) => di(x, y),
            _ => 0,
        },
        execution: b.execution,
        colleges,
        clusters: (a.clusters, b.clusters),
        hours_per_10000_yuan: (money && to > from).then(|| round2(hpp / ((to - from) / 10_000.0))),
    }
}

/// The Chinese name of `id` in a list of `(id, name)` (the id itself when absent).
fn zh_of<'a>(list: &'a [(String, String)], id: &'a str) -> &'a str {
    list.iter()
        .find(|(x, _)| x == id)
        .map_or(id, |(_, zh)| zh.as_str())
}

fn arrangement_words(a: &str) -> (String, String) {
    if a == "independent" {
        ("单独培训".into(), "on its own".into())
    } else {
        (format!("联合培训（{a}）"), format!("jointly ({a})"))
    }
}

/// The step in one sentence each: what it changes, in sessions, speakers, hours, targets,
/// money and clusters.
fn sentence(id: &str, names: &Names, money: bool, st: &Step) -> (String, String) {
    let (zid, eid) = (names.varied_zh(id), names.varied_en(id));
    let head_zh = if money {
        let d = st.to - st.from;
        if d > 0.0 && (d / 10_000.0).fract() == 0.0 {
            format!(
                "再增加 {} 万元（{} → {}）",
                show(d / 10_000.0),
                show(st.from),
                show(st.to)
            )
        } else {
            format!(
                "再增加 {} 元（{} → {}）",
                show(d),
                show(st.from),
                show(st.to)
            )
        }
    } else {
        format!("{zid} {} → {}", show(st.from), show(st.to))
    };
    let head_en = if money {
        format!(
            "{} more yuan ({} → {})",
            show(st.to - st.from),
            show(st.from),
            show(st.to)
        )
    } else {
        format!("{eid} {} → {}", show(st.from), show(st.to))
    };
    let Some(c) = &st.change else {
        return (
            format!("{head_zh}：一端无可行计划，无法比较"),
            format!("{head_en}: no plan at one end, nothing to compare"),
        );
    };
    if st.flat() {
        return (
            format!("{head_zh}：计划不变（场次、专家、学时、达标人数、覆盖、联合组均相同）"),
            format!(
                "{head_en}: the plan stays the same (sessions, speakers, hours, targets, coverage, clusters)"
            ),
        );
    }
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let count = |d: i64| {
        if d > 0 {
            format!("增加 {d} 场")
        } else {
            format!("减少 {} 场", -d)
        }
    };
    let count_en = |d: i64| {
        if d > 0 {
            format!("{d} more")
        } else {
            format!("{} fewer", -d)
        }
    };
    for (k, d) in &c.kinds {
        zh.push(format!("{}{}", count(*d), zh_of(&names.kinds, k)));
        en.push(format!("{} {k} sessions", count_en(*d)));
    }
    for (s, d) in &c.speakers {
        let w = STANDINGS
            .iter()
            .find(|(x, _)| x == s)
            .map_or(s.as_str(), |(_, w)| w);
        zh.push(format!("{}{w}主讲", count(*d)));
        en.push(format!("{} sessions by {s} speakers", count_en(*d)));
    }
    for (g, d) in &c.hours {
        zh.push(format!("{}人均 {d:+.1} 学时", zh_of(&names.groups, g)));
        en.push(format!("{g} {d:+.1} h per member"));
    }
    if c.targets != 0 {
        zh.push(format!("学时达标 {:+} 人", c.targets));
        en.push(format!("{:+} people reach their hour targets", c.targets));
    }
    if let Some(d) = st.d_required_coverage_pp.filter(|d| d.abs() >= TOLERANCE) {
        zh.push(format!("必修覆盖 {d:+.1} 个百分点"));
        en.push(format!("required coverage {d:+.1} pp"));
    }
    if c.clusters.0 != c.clusters.1 {
        zh.push(format!("联合组 {} → {} 个", c.clusters.0, c.clusters.1));
        en.push(format!(
            "joint clusters {} → {}",
            c.clusters.0, c.clusters.1
        ));
    }
    // changed colleges, by their new arrangement (a new cluster once, with the colleges that
    // moved into it)
    let mut moved: Vec<(&str, Vec<&str>)> = Vec::new();
    for (college, _, after) in &c.colleges {
        match moved.iter_mut().find(|(a, _)| a == after) {
            Some((_, list)) => list.push(college),
            None => moved.push((after, vec![college])),
        }
    }
    for (after, list) in moved.iter().take(4) {
        let (z, e) = arrangement_words(after);
        zh.push(format!("{}改为{z}", list.join("、")));
        en.push(format!("{} now train {e}", list.join(", ")));
    }
    if moved.len() > 4 {
        let rest: usize = moved[4..].iter().map(|(_, l)| l.len()).sum();
        zh.push(format!("另有 {rest} 个学院的安排改变"));
        en.push(format!("{rest} more colleges change arrangement"));
    }
    if money && let Some(x) = c.execution {
        zh.push(format!("经费执行率 {:.1}%", x * 100.0));
        en.push(format!("funds {:.1} % spent", x * 100.0));
    }
    if zh.is_empty() {
        zh.push("场次不变，仅日期、地点或人员安排调整".into());
        en.push("the same sessions, placed or attended differently".into());
    }
    (
        format!("{head_zh}：{}", zh.join("，")),
        format!("{head_en}: {}", en.join(", ")),
    )
}

/// Where more of a value stops changing anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Saturation {
    /// Every step after this value is flat (and the one before it is not).
    Beyond(f64),
    /// Every step of the line is flat: the value does not matter over the range.
    Throughout(f64),
    /// The last step still changes the objective (or touches an infeasible point).
    NotReached,
}

/// One line: a varied id with the other ids fixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The id varied along the line.
    pub id: String,
    /// The other ids and their fixed values.
    pub fixed: Vec<(String, f64)>,
    /// Point indices along the line, ascending in the id's value.
    #[serde(skip)]
    pub points: Vec<usize>,
    /// Steps.
    pub steps: Vec<Step>,
    /// Saturation point.
    pub saturation: Saturation,
    /// The finding in words (English).
    pub en: String,
    /// The finding in words (Chinese).
    pub zh: String,
}

/// What binds a point's plan, in one clause each: the rule, how many sessions worth adding it
/// keeps out, and how far it would have to give for the best of them.
pub fn limit_words(p: &PointResult) -> Option<(String, String)> {
    let l = p.limits.first()?;
    let (zh, en) = l.what.split_once(" / ").unwrap_or((&l.what, &l.what));
    let (uz, ue) = l.unit();
    Some((
        format!(
            "此时起限制作用的是 {}（{zh}）：挡住 {} 项值得增加的活动，放宽 {} {uz} 即可增加“{}”",
            l.rule,
            l.blocked,
            show(l.needs),
            l.best
        ),
        format!(
            "what binds there is {} ({en}): it keeps {} sessions worth adding out; {} {ue} more would let in “{}”",
            l.rule,
            l.blocked,
            show(l.needs),
            l.best
        ),
    ))
}

fn signed_money(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:+.0}")
    } else {
        format!("{x:+.2}")
    }
}

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

fn step(id: &str, names: &Names, a: &PointResult, b: &PointResult, from: f64, to: f64) -> Step {
    let both = a.feasible() && b.feasible();
    let d = |f: &dyn Fn(&PointResult) -> Option<f64>| -> Option<f64> {
        if !both {
            return None;
        }
        Some(round2(f(b)? - f(a)?))
    };
    let d_objective = d(&|p| p.objective);
    let d_req = d(&|p| p.coverage.as_ref().map(|c| c.required_share * 100.0));
    let d_any = d(&|p| p.coverage.as_ref().map(|c| c.any_share * 100.0));
    let d_spent = d(&|p| Some(p.spend.school_spent + p.spend.college_spent));
    let per_10000_yuan = match (is_money(id), d_objective, d_req) {
        (true, Some(o), Some(c)) if to > from => {
            let units = (to - from) / 10_000.0;
            Some(Rates {
                d_objective: round2(o / units),
                d_required_coverage_pp: round2(c / units),
            })
        }
        _ => None,
    };
    let mut st = Step {
        from,
        to,
        d_objective,
        d_required_coverage_pp: d_req,
        d_any_coverage_pp: d_any,
        d_spent,
        per_10000_yuan,
        change: both.then(|| change(names, is_money(id), a, b, from, to)),
        zh: String::new(),
        en: String::new(),
    };
    (st.zh, st.en) = sentence(id, names, is_money(id), &st);
    st
}

/// Steps and saturation along every varied id (with at least two values), for every combination
/// of the other ids; lines come in grid order.
pub fn analyse(grid: &Grid, names: &Names, points: &[PointResult]) -> Vec<Line> {
    let counts: Vec<usize> = grid.varies.iter().map(|v| v.count()).collect();
    let mut lines = Vec::new();
    for (k, vary) in grid.varies.iter().enumerate() {
        if counts[k] < 2 {
            continue;
        }
        let stride: usize = counts[k + 1..].iter().product();
        for base in (0..points.len()).filter(|i| (i / stride).is_multiple_of(counts[k])) {
            let idx: Vec<usize> = (0..counts[k]).map(|j| base + j * stride).collect();
            let fixed: Vec<(String, f64)> = grid
                .varies
                .iter()
                .enumerate()
                .filter(|(m, _)| *m != k)
                .map(|(m, v)| (v.id.clone(), grid.points[base][m]))
                .collect();
            let vals: Vec<f64> = idx.iter().map(|&i| grid.points[i][k]).collect();
            let steps: Vec<Step> = idx
                .windows(2)
                .zip(vals.windows(2))
                .map(|(i, v)| step(&vary.id, names, &points[i[0]], &points[i[1]], v[0], v[1]))
                .collect();
            let mut first_flat = steps.len();
            while first_flat > 0 && steps[first_flat - 1].flat() {
                first_flat -= 1;
            }
            let saturation = if first_flat == steps.len() {
                Saturation::NotReached
            } else if first_flat == 0 {
                Saturation::Throughout(vals[0])
            } else {
                Saturation::Beyond(vals[first_flat])
            };
            let (en, zh) = words(
                (
                    &vary.id,
                    &names.varied_zh(&vary.id),
                    &names.varied_en(&vary.id),
                ),
                &fixed,
                &vals,
                &steps,
                &saturation,
                &idx,
                points,
            );
            lines.push(Line {
                id: vary.id.clone(),
                fixed,
                points: idx,
                steps,
                saturation,
                en,
                zh,
            });
        }
    }
    lines
}

#[allow(clippy::too_many_arguments)]
fn words(
    (id, zid, eid): (&str, &str, &str),
    fixed: &[(String, f64)],
    vals: &[f64],
    steps: &[Step],
    sat: &Saturation,
    idx: &[usize],
    points: &[PointResult],
) -> (String, String) {
    let (pre_en, pre_zh) = if fixed.is_empty() {
        (String::new(), String::new())
    } else {
        let f = fixed
            .iter()
            .map(|(i, v)| format!("{i} = {}", show(*v)))
            .collect::<Vec<_>>()
            .join(", ");
        (format!("with {f}: "), format!("当 {f} 时："))
    };
    let last = vals.last().copied().unwrap_or_default();
    let money = is_money(id);
    let (en, zh) = match sat {
        Saturation::Beyond(v) => {
            let v = show(*v);
            if money {
                (
                    format!(
                        "beyond {eid} = {v} more money buys nothing: sessions, speakers, hours, targets, coverage, clusters and the objective stay the same up to {}",
                        show(last)
                    ),
                    format!(
                        "超过 {zid} = {v} 后增加经费不再带来收益：直到 {}，场次、专家、学时、达标人数、覆盖、联合组和目标值均不变",
                        show(last)
                    ),
                )
            } else {
                (
                    format!(
                        "beyond {eid} = {v} raising it further changes nothing: sessions, speakers, hours, targets, coverage, clusters and the objective stay the same up to {}",
                        show(last)
                    ),
                    format!(
                        "{zid} 超过 {v} 后继续增加不再改变结果：直到 {}，场次、专家、学时、达标人数、覆盖、联合组和目标值均不变",
                        show(last)
                    ),
                )
            }
        }
        Saturation::Throughout(v) => (
            format!(
                "{eid} from {} to {} changes nothing: sessions, speakers, hours, targets, coverage, clusters and the objective stay the same",
                show(*v),
                show(last)
            ),
            format!(
                "{zid} 在 {} 到 {} 之间变化不改变计划：场次、专家、学时、达标人数、覆盖、联合组和目标值均不变",
                show(*v),
                show(last)
            ),
        ),
        Saturation::NotReached => {
            let s = steps.last();
            let infeasible_end = idx.iter().rev().take(2).any(|&i| !points[i].feasible());
            let all_infeasible = idx.iter().all(|&i| !points[i].feasible());
            match (s, infeasible_end) {
                _ if all_infeasible => (
                    format!("no plan is feasible anywhere along {eid}"),
                    format!("沿 {zid} 的所有取值均无可行计划"),
                ),
                (Some(s), false) => {
                    let (sessions, hpp, spent) = s.change.as_ref().map_or((0, 0.0, 0.0), |c| {
                        (c.sessions, c.hours_per_person, s.d_spent.unwrap_or(0.0))
                    });
                    // the arrangement of colleges, when the step moves it
                    let (moved_zh, moved_en) = s
                        .change
                        .as_ref()
                        .filter(|c| !c.colleges.is_empty())
                        .map_or((String::new(), String::new()), |c| {
                            (
                                format!(
                                    "，联合组 {} → {} 个、{} 所学院改变培训方式",
                                    c.clusters.0,
                                    c.clusters.1,
                                    c.colleges.len()
                                ),
                                format!(
                                    ", joint clusters {} → {}, {} colleges change arrangement",
                                    c.clusters.0,
                                    c.clusters.1,
                                    c.colleges.len()
                                ),
                            )
                        });
                    (
                        format!(
                            "no saturation up to {eid} = {}: the last step ({} → {}) still changes the plan ({sessions:+} sessions, {hpp:+.2} h per person, {} yuan spent{moved_en})",
                            show(last),
                            show(s.from),
                            show(s.to),
                            signed_money(spent)
                        ),
                        format!(
                            "直到 {zid} = {} 仍未饱和：最后一步（{} → {}）仍改变计划（场次 {sessions:+}，人均 {hpp:+.2} 学时，支出 {} 元{moved_zh}）",
                            show(last),
                            show(s.from),
                            show(s.to),
                            signed_money(spent)
                        ),
                    )
                }
                _ => (
                    format!(
                        "no saturation found along {eid}: the plan at one of its last values is infeasible"
                    ),
                    format!("沿 {zid} 未找到饱和点：最后的取值中有无可行计划的方案"),
                ),
            }
        }
    };
    // a saturation names what limits the plan there (the first point of the flat stretch)
    let at = match sat {
        Saturation::Beyond(v) | Saturation::Throughout(v) => {
            vals.iter().position(|x| x == v).map(|j| idx[j])
        }
        Saturation::NotReached => None,
    };
    let (en, zh) = match at.and_then(|i| limit_words(&points[i])) {
        Some((lz, le)) => (format!("{en}; {le}"), format!("{zh}；{lz}")),
        None => (en, zh),
    };
    (format!("{pre_en}{en}"), format!("{pre_zh}{zh}"))
}
