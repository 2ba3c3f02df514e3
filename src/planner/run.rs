//! The whole semester plan: profiles → training units → studio teams → sessions, turned into the
//! plan file (`plan.json`) that reports and the checker read.

use std::collections::BTreeMap;

use crate::domain::profile::{self, Profiles};
use crate::domain::{Inputs, Level};

use crate::planner::schedule::{self, Context, Outcome, Schedule, StudioTeam, Unit};
use crate::planner::{Deadline, ModelLog};
use crate::wire::{
    BudgetOut, ClusterOut, CollegeOut, CoverageOut, FundOut, ObjectiveOut, PersonOut, PlanFile,
    SessionOut, StudioOut, ViolationOut, money,
};

/// Decisions of the earlier stages the schedule builds on.
pub struct Stages {
    /// Profiles.
    pub profiles: Profiles,
    /// Training units.
    pub units: Vec<Unit>,
    /// Staffed studio teams.
    pub studios: Vec<StudioTeam>,
    /// plan.json `colleges`.
    pub colleges: Vec<CollegeOut>,
    /// plan.json `clusters`.
    pub clusters: Vec<ClusterOut>,
    /// plan.json `studios`.
    pub studios_out: Vec<StudioOut>,
    /// Studios left unstaffed, with their explanation (soft outcomes for `violations`).
    pub unstaffed: Vec<ViolationOut>,
    /// Infeasibility of an earlier stage, if any.
    pub blocked: Option<String>,
    /// The stages that failed (`two_level`, `studios`): only these are blamed.
    pub blocked_by: Vec<String>,
}

/// The result of planning.
pub struct Planned {
    /// The plan file.
    pub file: PlanFile,
    /// Explanation when infeasible.
    pub conflicts: Vec<schedule::Conflict>,
    /// The first selection's value (see [`schedule::Schedule::selection_value`]).
    pub selection_value: Option<f64>,
    /// Its upper bound (see [`schedule::Schedule::selection_bound`]).
    pub selection_bound: Option<f64>,
    /// A re-plan: for each session of the file, the published session it continues (index into
    /// the base list).
    pub bases: Vec<Option<usize>>,
    /// A re-plan: published sessions no longer held, and why.
    pub dropped: Vec<(usize, String)>,
}

/// Build the plan file from the stages and the schedule.
pub fn assemble(
    inputs: &Inputs,
    stages: &Stages,
    people: Vec<PersonOut>,
    deadline: &Deadline,
    log: &ModelLog,
) -> Planned {
    assemble_rebased(inputs, stages, people, deadline, log, None)
}

/// [`assemble`], for a re-plan when `rebase` is given (the published sessions to keep).
pub fn assemble_rebased(
    inputs: &Inputs,
    stages: &Stages,
    people: Vec<PersonOut>,
    deadline: &Deadline,
    log: &ModelLog,
    rebase: Option<schedule::rebase::Rebase>,
) -> Planned {
    let mut cx = Context::new(inputs, &stages.profiles, &stages.units, &stages.studios);
    cx.deadline = deadline.clone();
    cx.models = log.clone();
    let rebased = rebase.is_some();
    cx.rebase = rebase;
    let s = schedule::schedule(&cx);
    let limited = deadline.reached();
    let (status, conflicts) = match &s.outcome {
        Outcome::Planned { proven: true, .. } if !limited => ("optimal", Vec::new()),
        Outcome::Planned { .. } => ("feasible", Vec::new()),
        Outcome::Infeasible(c) => ("infeasible", c.clone()),
    };
    let sessions = sessions_out(&cx, &s);
    let budget = budget_out(&s, &sessions);
    let coverage = coverage_out(inputs, &stages.profiles, &sessions);
    let mut terms = BTreeMap::new();
    for (k, v) in &s.terms {
        terms.insert(k.clone(), money(*v));
    }
    let gap = match s.outcome {
        _ if rebased => None,
        Outcome::Planned { gap, proven } if !proven || limited => Some(money(gap)),
        _ => None,
    };
    let total = money(s.terms.iter().map(|(_, v)| v).sum());
    let violations = stages
        .unstaffed
        .iter()
        .cloned()
        .chain(s.notes.iter().map(|n| ViolationOut {
            rule: "plan.placement".into(),
            message: n.clone(),
        }))
        .chain(execution_notes(&cx, &s, &sessions))
        .chain(missed_notes(&cx, &s, &sessions))
        .chain(limited.then(|| time_limit_note(deadline)))
        .collect();
    Planned {
        file: PlanFile {
            status: status.into(),
            gap,
            objective: ObjectiveOut { total, terms },
            people,
            colleges: stages.colleges.clone(),
            clusters: stages.clusters.clone(),
            studios: stages.studios_out.clone(),
            sessions,
            budget,
            coverage,
            violations,
            limits: s
                .limits
                .iter()
                .map(|l| crate::wire::LimitOut {
                    rule: l.rule.clone(),
                    what: l.what.clone(),
                    blocked: l.blocked as u32,
                    best: l.best.clone(),
                    value: l.value,
                    needs: l.needs,
                })
                .collect(),
            base: None,
            records: inputs.history.to_wire(inputs, true),
        },
        conflicts,
        selection_value: s.selection_value,
        selection_bound: s.selection_bound,
        bases: s.sessions.iter().map(|x| x.base).collect(),
        dropped: s.dropped.clone(),
    }
}

fn sessions_out(cx: &Context<'_>, s: &Schedule) -> Vec<SessionOut> {
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    s.sessions
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let c = &s.candidates[x.candidate];
            let k = &rules.session_kinds[x.kind];
            let aud = &s.audiences[c.audience];
            let speaker = match c.resource {
                schedule::Resource::Speaker(i) => Some(sc.speakers[i].id.clone()),
                schedule::Resource::Visit(i) => Some(sc.visits[i].id.clone()),
                schedule::Resource::Course(i) => Some(sc.online_courses[i].id.clone()),
                schedule::Resource::None => None,
            };
            SessionOut {
                id: format!("S{:03}", i + 1),
                kind: k.id.clone(),
                platform: k.platform.as_str().into(),
                level: k.level.as_str().into(),
                date: x.date.to_string(),
                slot: rules.calendar.slots[x.slot].id.clone(),
                slots: (x.slot..x.slot + x.slots)
                    .map(|j| rules.calendar.slots[j].id.clone())
                    .collect(),
                duty: c.duty.map(|d| rules.duties[d].id.clone()),
                audience: aud.label.clone(),
                attendees: x
                    .attendees
                    .iter()
                    .map(|&p| sc.people[p].id.clone())
                    .collect(),
                venue: x.venue.map(|v| sc.venues[v].id.clone()),
                speaker,
                hours: k.hours,
                cost: money(x.cost),
                fund: s.funds[c.fund].id.clone(),
                segments: k.segments.clone(),
                reason: match (c.unit, c.duty, &aud.cohort) {
                    (Some(u), Some(d), _) => Some(duty_reason(cx, &cx.units[u], d)),
                    (_, _, Some(h)) => Some(cohort_reason(cx, h, &aud.people)),
                    _ => None,
                },
                cohort: aud.cohort.as_ref().map(|h| crate::wire::CohortOut {
                    no: h.no as u32,
                    of: h.of as u32,
                }),

                sequence: 0,
            }
        })
        .collect()
}

/// The note of a plan whose search stopped at the time limit.
fn time_limit_note(deadline: &Deadline) -> ViolationOut {
    let secs = deadline.limit().unwrap_or(0.0);
    ViolationOut {
        rule: "plan.time_limit".into(),
        message: format!(
            "已达时间上限 {secs} 秒：给出至此找到的最好计划，与上界的差距见 gap；放宽 --time-limit 可得更好的计划 / the time limit of {secs} s was reached: this is the best plan found by then, its distance to the bound is the gap; a larger --time-limit may find a better plan"
        ),
    }
}

/// Who a cohort is: how the group was split, by which limit, and the colleges of this part.
fn cohort_reason(cx: &Context<'_>, h: &schedule::Cohort, people: &[usize]) -> String {
    let sc = &cx.inputs.scenario;
    let group = &cx.inputs.rules.groups[h.group];
    let mut colleges: Vec<usize> = people
        .iter()
        .filter_map(|&p| sc.people[p].college)
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    colleges.retain(|c| seen.insert(*c));
    let names: Vec<&str> = colleges
        .iter()
        .map(|&c| sc.colleges[c].name.as_str())
        .collect();
    let school = people.iter().any(|&p| sc.people[p].college.is_none());
    let mut whose = if names.len() > 3 {
        format!("{}等 {} 院", names[..3].join("、"), names.len())
    } else {
        names.join("、")
    };
    if school {
        if !whose.is_empty() {
            whose.push('、');
        }
        whose.push_str("校级部门");
    }
    let (left, left_en) = if h.left_out > 0 {
        (
            format!(
                "；本类活动一学期至多 {} 组，其余 {} 人按学院轮流未排入",
                h.of, h.left_out
            ),
            format!(
                "; at most {} parts a semester, the other {} members left out college by college in turn",
                h.of, h.left_out
            ),
        )
    } else {
        (String::new(), String::new())
    };
    format!(
        "{}分 {} 组参训（每次至多 {} 人，{}），本组 {} 人：{whose}{left} / {} attend in {} parts (at most {} per session, {}); this part, {} people: {whose}{left_en}",
        group.zh,
        h.of,
        h.limit,
        h.limit_rule,
        people.len(),
        group.en,
        h.of,
        h.limit,
        h.limit_rule,
        people.len(),
    )
}

/// Why a unit's session is on duty `d` (`college_training`): the colleges of the unit for which
/// the duty weighs most, and what makes it weigh (their own theme, their discipline's or stage's
/// need), or that nothing singles it out.
fn duty_reason(cx: &Context<'_>, unit: &schedule::Unit, d: usize) -> String {
    use crate::domain::NeedSource;
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    let duty = &rules.duties[d];
    let needs: Vec<(usize, f64, NeedSource)> = unit
        .colleges
        .iter()
        .map(|&c| {
            let (w, why) = rules.college_training.need(&sc.colleges[c], d);
            (c, w, why)
        })
        .collect();
    let best = needs.iter().map(|x| x.1).fold(1.0, f64::max);
    let top: Vec<&(usize, f64, NeedSource)> =
        needs.iter().filter(|x| x.1 >= best && best > 1.0).collect();
    let names = |pick: &dyn Fn(&NeedSource) -> bool| -> String {
        top.iter()
            .filter(|x| pick(&x.2))
            .map(|x| sc.colleges[x.0].name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    match top.first().map(|x| x.2) {
        Some(NeedSource::Theme) => format!(
            "{}自选主题“{}” / the college's own theme `{}`",
            names(&|s| *s == NeedSource::Theme),
            duty.zh,
            duty.id
        ),
        Some(NeedSource::Rule(i)) => {
            let need = &rules.college_training.needs[i];
            let what = [need.discipline.as_deref(), need.stage.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let why = if need.why.is_empty() {
                String::new()
            } else {
                format!("（{}）", need.why)
            };
            format!(
                "{}的学院需求“{}”{why} / college need of {what}: `{}`",
                names(&|s| *s == NeedSource::Rule(i)),
                duty.zh,
                duty.id
            )
        }
        _ if duty.priority => format!(
            "重点职责“{}”（学院需求与主题未列） / `{}` is a priority duty (not among the colleges' needs or themes)",
            duty.zh, duty.id
        ),
        _ => format!(
            "学院需求与主题未列“{}”：为学时与职责覆盖安排 / `{}` is not among the colleges' needs or themes: held for hours and duty coverage",
            duty.zh, duty.id
        ),
    }
}

fn spent(sessions: &[SessionOut], fund: &str) -> f64 {
    sessions
        .iter()
        .filter(|x| x.fund == fund)
        .map(|x| x.cost)
        .sum()
}

/// Why a person cannot attend all the semester: hired after it starts, leaving before it ends,
/// or dates they cannot come (`None` when nothing keeps them away).
fn absence(cx: &Context<'_>, p: usize) -> Option<(String, String)> {
    let person = &cx.inputs.scenario.people[p];
    let sem = &cx.inputs.scenario.semester;
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if person.hired > sem.start {
        zh.push(format!("{} 入职", person.hired));
        en.push(format!("hired on {}", person.hired));
    }
    if let Some(l) = person.left.filter(|&l| l < sem.end) {
        zh.push(format!("{l} 离职"));
        en.push(format!("leaves on {l}"));
    }
    let days = person
        .unavailable
        .iter()
        .filter(|&&d| d >= sem.start && d <= sem.end)
        .count();
    if days > 0 {
        zh.push(format!("{days} 天不能参加"));
        en.push(format!("cannot attend on {days} days"));
    }
    (!zh.is_empty()).then(|| (zh.join("，"), en.join(", ")))
}

/// In a re-plan, what else keeps a person from a target: the re-plan's own changes (a session
/// cancelled or dropped).
fn replanned(cx: &Context<'_>) -> Option<(String, String)> {
    cx.rebase.as_ref().map(|_| {
        (
            "因本次重新排课取消或调整的活动".to_string(),
            "because of the sessions this re-plan cancels or moves".to_string(),
        )
    })
}

/// Hour targets and required duties (soft) that a person misses because they cannot attend all
/// the semester (the selection counts whole audiences; placement leaves out who cannot come on
/// a session's date): each such person with the target, what they attend, and why.
fn missed_notes(cx: &Context<'_>, s: &Schedule, sessions: &[SessionOut]) -> Vec<ViolationOut> {
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    if !matches!(s.outcome, Outcome::Planned { .. }) {
        return Vec::new();
    }
    let index = sc.person_index();
    let mut by_level: BTreeMap<(usize, &str), f64> = BTreeMap::new();
    let mut duties: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for x in sessions {
        for a in &x.attendees {
            if let Some(&p) = index.get(a.as_str()) {
                *by_level.entry((p, x.level.as_str())).or_default() += x.hours;
                if let Some(d) = &x.duty {
                    duties.entry(p).or_default().push(d.as_str());
                }
            }
        }
    }
    let mut out = Vec::new();
    for t in &rules.hour_targets {
        for p in cx.profiles.members(t.group) {
            let need = cx.inputs.target_hours(t, p);
            let Some((why_zh, why_en)) = absence(cx, p).or_else(|| replanned(cx)) else {
                continue;
            };
            let have: f64 = t
                .levels
                .iter()
                .map(|l| by_level.get(&(p, l.as_str())).copied().unwrap_or(0.0))
                .sum();
            if have + 1e-9 < need {
                let name = &sc.people[p].name;
                out.push(ViolationOut {
                    rule: format!("hour_targets.{}", t.id),
                    message: format!(
                        "{name}（{why_zh}）本学期可参加 {have} 学时，不足 {need} 学时 / {name} ({why_en}) can attend {have} h this semester, short of {need} h"
                    ),
                });
            }
        }
    }
    for req in &rules.coverage {
        for p in cx.profiles.members(req.group) {
            let Some((why_zh, why_en)) = absence(cx, p).or_else(|| replanned(cx)) else {
                continue;
            };
            let got = duties.get(&p).cloned().unwrap_or_default();
            for &d in &req.duties {
                if !got.contains(&rules.duties[d].id.as_str()) {
                    let name = &sc.people[p].name;
                    out.push(ViolationOut {
                        rule: format!("coverage.{}", req.id),
                        message: format!(
                            "{name}（{why_zh}）本学期未能参加“{}”方面的培训 / {name} ({why_en}) attends no session on {}",
                            rules.duties[d].zh, rules.duties[d].id
                        ),
                    });
                }
            }
        }
    }
    out
}

/// `budget.execution_target` (soft): each fund spent below the target, with what stops the
/// spending — the kinds it pays for at their most, or the people at their load caps.
fn execution_notes(cx: &Context<'_>, s: &Schedule, sessions: &[SessionOut]) -> Vec<ViolationOut> {
    let rules = &cx.inputs.rules;
    let Some(target) = rules.budget.execution_target else {
        return Vec::new();
    };
    if !matches!(s.outcome, Outcome::Planned { .. }) {
        return Vec::new();
    }
    let mut hours: BTreeMap<&str, f64> = BTreeMap::new();
    for x in sessions {
        for a in &x.attendees {
            *hours.entry(a.as_str()).or_default() += x.hours;
        }
    }
    let mut out = Vec::new();
    for (fi, f) in s.funds.iter().enumerate() {
        let used = spent(sessions, &f.id);
        if f.allocated <= 0.0 || used >= target * f.allocated - 0.005 {
            continue;
        }
        let rate = used / f.allocated * 100.0;
        // kinds this fund pays for, and how many of each the rules still allow
        let mut why_zh = Vec::new();
        let mut why_en = Vec::new();
        let kinds: std::collections::BTreeSet<usize> = s
            .candidates
            .iter()
            .filter(|c| c.fund == fi)
            .map(|c| c.kind)
            .collect();
        for &k in &kinds {
            let kind = &rules.session_kinds[k];
            let held = s
                .sessions
                .iter()
                .filter(|x| x.kind == k && s.candidates[x.candidate].fund == fi)
                .count() as u32;
            let most = if f.level == Level::College {
                kind.per_unit_max.or(kind.max_per_semester)
            } else {
                kind.max_per_semester.or(kind.per_semester)
            };
            if let Some(most) = most
                && held >= most
            {
                let key = if f.level == Level::College && kind.per_unit_max.is_some() {
                    "per_unit_max"
                } else if kind.max_per_semester.is_some() {
                    "max_per_semester"
                } else {
                    "per_semester"
                };
                why_zh.push(format!(
                    "“{}”已达上限 {most} 次（session_kinds.{}.{key}）",
                    kind.zh, kind.id
                ));
                why_en.push(format!(
                    "{} is at its most, {most} (session_kinds.{}.{key})",
                    kind.en, kind.id
                ));
            }
        }
        // people this fund trains who are within one (shortest) session of their load cap
        let shortest = rules
            .session_kinds
            .iter()
            .map(|k| k.hours)
            .fold(f64::INFINITY, f64::min);
        let members: std::collections::BTreeSet<&str> = sessions
            .iter()
            .filter(|x| x.fund == f.id)
            .flat_map(|x| x.attendees.iter().map(String::as_str))
            .collect();
        let at_cap = members
            .iter()
            .filter(|&&id| {
                let Some(p) = cx.inputs.scenario.people.iter().position(|q| q.id == id) else {
                    return false;
                };
                cx.profiles.hour_cap(rules, p).is_some_and(|cap| {
                    hours.get(id).copied().unwrap_or(0.0) + shortest > cap + 1e-9
                })
            })
            .count();
        if at_cap > 0 {
            why_zh.push(format!(
                "{at_cap} 名参训人员已接近每学期学时上限（groups.max_hours_per_semester）"
            ));
            why_en.push(format!(
                "{at_cap} of its attendees are within one session of their semester cap (groups.max_hours_per_semester)"
            ));
        }
        if why_zh.is_empty() {
            why_zh.push("其余可安排的活动价值低于其费用（plan.cost_weight）".into());
            why_en.push(
                "no further session the rules allow is worth its cost (plan.cost_weight)".into(),
            );
        }
        out.push(ViolationOut {
            rule: "budget.execution_target".into(),
            message: format!(
                "经费 {} 执行率 {rate:.1}%，低于目标 {:.0}%：{} / fund {} spends {rate:.1} %, below the target of {:.0} %: {}",
                f.id,
                target * 100.0,
                why_zh.join("；"),
                f.id,
                target * 100.0,
                why_en.join("; ")
            ),
        });
    }
    out
}

fn budget_out(s: &Schedule, sessions: &[SessionOut]) -> BudgetOut {
    BudgetOut {
        funds: s
            .funds
            .iter()
            .map(|f| FundOut {
                id: f.id.clone(),
                level: match f.level {
                    Level::School => "school".into(),
                    Level::College => "college".into(),
                },
                allocated: money(f.allocated),
                spent: money(spent(sessions, &f.id)),
                execution: (f.allocated > 0.0)
                    .then(|| (spent(sessions, &f.id) / f.allocated * 1e4).round() / 1e4),
            })
            .collect(),
    }
}

/// Hours per member of each group on each duty (average over the group's members).
fn coverage_out(inputs: &Inputs, profiles: &Profiles, sessions: &[SessionOut]) -> Vec<CoverageOut> {
    let rules = &inputs.rules;
    let sc = &inputs.scenario;
    let index = sc.person_index();
    let mut hours = vec![vec![0.0; rules.duties.len()]; sc.people.len()];
    for s in sessions {
        let Some(d) = s.duty.as_ref().and_then(|d| rules.duty(d)) else {
            continue;
        };
        for a in &s.attendees {
            if let Some(&p) = index.get(a.as_str()) {
                hours[p][d] += s.hours;
            }
        }
    }
    let mut out = Vec::new();
    for (g, gr) in rules.groups.iter().enumerate() {
        let members = profiles.members(g);
        if members.is_empty() {
            continue;
        }
        for (d, duty) in rules.duties.iter().enumerate() {
            let sum: f64 = members.iter().map(|&p| hours[p][d]).sum();
            out.push(CoverageOut {
                group: gr.id.clone(),
                duty: duty.id.clone(),
                hours: (sum / members.len() as f64 * 100.0).round() / 100.0,
            });
        }
    }
    out
}

/// The `people` key of plan.json, from the profiles.
pub fn people_out(inputs: &Inputs, profiles: &Profiles) -> Vec<PersonOut> {
    let sc = &inputs.scenario;
    let rules = &inputs.rules;
    profiles
        .people
        .iter()
        .map(|pr| {
            let p = &sc.people[pr.person];
            PersonOut {
                id: p.id.clone(),
                name: p.name.clone(),
                college: p.college.map(|c| sc.colleges[c].id.clone()),
                role: rules.roles[p.role].id.clone(),
                groups: pr
                    .groups
                    .iter()
                    .map(|&g| rules.groups[g].id.clone())
                    .collect(),
                reasons: pr
                    .reasons
                    .iter()
                    .map(|r| {
                        let g = rules.group(&r.group).map(|g| rules.groups[g].zh.clone());
                        match g {
                            Some(g) => format!("{g}：{} / {}", r.zh, r.en),
                            None => format!("{} / {}", r.zh, r.en),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Run every stage: profiles, two levels, studios, then the sessions, without a time limit.
pub fn run(inputs: &Inputs) -> Planned {
    run_with(inputs, &Deadline::unlimited())
}

/// [`run`] within a time limit: at the limit each stage keeps the best it has found, and the plan
/// says so (`plan.time_limit` in `violations`, status `feasible`).
pub fn run_with(inputs: &Inputs, deadline: &Deadline) -> Planned {
    run_logged(inputs, deadline, &ModelLog::off())
}

/// [`run_with`], handing every stage's MILP to `log` (`--write-models`): `clusters-<n>.mps` per
/// component of the two-level stage, `studios-count.mps` and `studios-total.mps`, and
/// `selection.mps` (the first, uncut selection; its LP relaxation's optimum is the bound of the
/// plan's gap).
pub fn run_logged(inputs: &Inputs, deadline: &Deadline, log: &ModelLog) -> Planned {
    let stages = stages_logged(inputs, deadline, log);
    let people = people_out(inputs, &stages.profiles);
    if let Some(why) = &stages.blocked {
        return Planned {
            file: PlanFile {
                status: "infeasible".into(),
                gap: None,
                objective: ObjectiveOut::default(),
                people,
                colleges: stages.colleges.clone(),
                clusters: stages.clusters.clone(),
                studios: stages.studios_out.clone(),
                sessions: Vec::new(),
                budget: BudgetOut::default(),
                coverage: Vec::new(),
                violations: Vec::new(),
                limits: Vec::new(),
                base: None,
                records: inputs.history.to_wire(inputs, true),
            },
            conflicts: vec![schedule::Conflict {
                family: "stages".into(),
                rules: stages.blocked_by.clone(),
                message: why.clone(),
            }],
            selection_value: None,
            selection_bound: None,
            bases: Vec::new(),
            dropped: Vec::new(),
        };
    }
    assemble(inputs, &stages, people, deadline, log)
}

/// The stages before the schedule, without a time limit.
pub fn stages(inputs: &Inputs) -> Stages {
    stages_with(inputs, &Deadline::unlimited())
}

/// The stages before the schedule, the studio search within `deadline`.
pub fn stages_with(inputs: &Inputs, deadline: &Deadline) -> Stages {
    stages_logged(inputs, deadline, &ModelLog::off())
}

/// [`stages_with`], handing the stages' models to `log`.
fn stages_logged(inputs: &Inputs, deadline: &Deadline, log: &ModelLog) -> Stages {
    let profiles = profile::classify(inputs);
    let tl = crate::planner::two_level::decide_logged(inputs, log);
    let mut blocked_by: Vec<String> = Vec::new();
    let blocked = match &tl.status {
        crate::planner::two_level::Status::Optimal => None,
        _ => {
            blocked_by.push("two_level".into());
            Some(crate::planner::two_level::out::explanation_text(
                inputs, &tl,
            ))
        }
    };
    let units = tl
        .units(inputs)
        .into_iter()
        .map(|u| Unit {
            id: u.id,
            colleges: u.colleges,
            campuses: u.campuses,
        })
        .collect();
    let colleges = crate::planner::two_level::out::colleges_out(inputs, &tl);
    let clusters = crate::planner::two_level::out::clusters_out(inputs, &tl);
    // Studios: a studio nobody can lead is reported (a soft outcome), not a reason to stop.
    let opts = crate::planner::studios::Options {
        lead_regret: false,
        deadline: deadline.clone(),
        models: log.clone(),
    };
    let (studios, studios_out, unstaffed, blocked) =
        match crate::planner::studios::staff_with(inputs, &opts) {
            Ok(st) => {
                let teams = st
                    .studios
                    .iter()
                    .filter_map(|s| {
                        s.team.as_ref().map(|t| StudioTeam {
                            duty: s.duty,
                            people: t.all().collect(),
                        })
                    })
                    .collect();
                let notes = st
                    .unstaffed
                    .iter()
                    .map(|u| ViolationOut {
                        rule: "studios.unstaffed".into(),
                        message: format!("{} / {}", u.full_zh(inputs), u.full_en(inputs)),
                    })
                    .collect();
                (
                    teams,
                    crate::planner::studios::out::plan_studios(inputs, &st),
                    notes,
                    blocked,
                )
            }
            Err(e) => {
                blocked_by.push("studios".into());
                (
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    blocked.or(Some(format!("工作室配置失败 / {e}"))),
                )
            }
        };
    Stages {
        profiles,
        units,
        studios,
        colleges,
        clusters,
        studios_out,
        unstaffed,
        blocked,
        blocked_by,
    }
}
