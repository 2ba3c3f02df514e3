//! What one what-if point reports, computed from its plan file and inputs alone.
//!
//! Decides the figures of a point: status (and for an infeasible point, the first conflict's
//! family and rule as its reason), gap, objective and its terms, coverage (the share of required
//! group × duty cells — from `[[coverage]]` — met by every member of the group, and the share of
//! all group × duty cells with hours > 0), hours attended per member of each group, sessions held
//! per kind, every fund's allocation and spending (with school and college totals), joint
//! clusters and staffed studios. Cells of groups without members are not counted.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::Inputs;
use crate::input::diag::InputError;
use crate::wire::{FundOut, LimitOut, PlanFile, money};

/// Coverage of a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Required cells (group × duty from `[[coverage]]`, groups with members) met by every member.
    pub required_met: usize,
    /// Required cells.
    pub required_cells: usize,
    /// `required_met / required_cells` (1 when nothing is required).
    pub required_share: f64,
    /// Group × duty cells (groups with members, every duty) with hours > 0.
    pub cells_with_hours: usize,
    /// Group × duty cells.
    pub cells: usize,
    /// `cells_with_hours / cells`.
    pub any_share: f64,
}

/// Spending totals by level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Spend {
    /// School fund allocated.
    pub school_allocated: f64,
    /// School fund spent.
    pub school_spent: f64,
    /// College funds allocated (all units).
    pub college_allocated: f64,
    /// College funds spent (all units).
    pub college_spent: f64,
}

/// A joint-training cluster at a point, named by its member colleges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Joint {
    /// Member colleges' names, in the plan's order.
    pub colleges: Vec<String>,
    /// Full-time counselors in all.
    pub full_time_counselors: u32,
    /// Campuses the members are on.
    pub campuses: usize,
    /// The cluster's travel cost term (`two_level` objective; 0 when all on one campus).
    pub travel: f64,
    /// Its mismatch cost (discipline and stage terms).
    pub mismatch: f64,
    /// The longest one-way trip between two members' campuses, minutes (0 on one campus).
    #[serde(default)]
    pub longest_minutes: f64,
}

impl Joint {
    /// `A+B+C`.
    pub fn label(&self) -> String {
        self.colleges.join("+")
    }
}

/// One point of a sweep.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PointResult {
    /// The varied values, in the order of the grid's ids.
    pub values: Vec<f64>,
    /// `optimal` | `feasible` | `infeasible` | `check_failed` (a bug: the plan broke a rule).
    pub status: String,
    /// Why it is infeasible (first conflict: `family: rule`), or which rule the checker found broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The first conflict's explanation, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// For `feasible`: distance to the bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Objective total (absent when infeasible).
    pub objective: Option<f64>,
    /// Objective terms.
    pub terms: BTreeMap<String, f64>,
    /// Coverage (absent when infeasible).
    pub coverage: Option<Coverage>,
    /// Hours attended per member, by group id (groups with members).
    pub hours_per_member: BTreeMap<String, f64>,
    /// Sessions held, by kind id (every kind of the rules).
    pub sessions: BTreeMap<String, usize>,
    /// Every fund: allocated and spent.
    pub funds: Vec<FundOut>,
    /// Totals by level.
    pub spend: Spend,
    /// Joint clusters.
    pub clusters: usize,
    /// Studios with a team.
    pub studios_staffed: usize,
    /// Sessions with an invited speaker, by the speaker's standing (`internal`, `provincial`,
    /// `national`; standings without sessions left out).
    #[serde(default)]
    pub speakers: BTreeMap<String, usize>,
    /// People who reach every hour target of their groups, and people with a target.
    #[serde(default)]
    pub targets: Option<(usize, usize)>,
    /// Spent over allocated, all funds.
    #[serde(default)]
    pub execution: Option<f64>,
    /// Hours attended per person of the plan (everyone trained).
    #[serde(default)]
    pub hours_per_person: Option<f64>,
    /// Colleges that train on their own (names, in the plan's order).
    #[serde(default)]
    pub independent: Vec<String>,
    /// Joint clusters, by member colleges.
    #[serde(default)]
    pub joint: Vec<Joint>,
    /// Each fund's label for people, by fund id: the school's, a college's name, or a joint
    /// cluster's member colleges (`A+B`) — a cluster id names other colleges at other points.
    #[serde(default)]
    pub fund_labels: BTreeMap<String, String>,
    /// The rules that keep sessions worth adding out of the plan (`plan.json` `limits`).
    #[serde(default)]
    pub limits: Vec<LimitOut>,
    /// College-level sessions (level `college`: independent colleges' and clusters' own).
    #[serde(default)]
    pub college_sessions: Option<usize>,
}

impl PointResult {
    /// A point whose inputs could not be read on the second pass (the files changed meanwhile).
    pub fn unreadable(values: Vec<f64>, e: &InputError) -> Self {
        let first =
            e.0.items
                .first()
                .map(|d| format!("{}: {}", d.code.as_str(), d.en))
                .unwrap_or_default();
        Self {
            values,
            status: "invalid".into(),
            reason: Some("inputs changed during the sweep / 分析期间输入文件被修改".into()),
            explanation: Some(first),
            gap: None,
            objective: None,
            terms: BTreeMap::new(),
            coverage: None,
            hours_per_member: BTreeMap::new(),
            sessions: BTreeMap::new(),
            funds: Vec::new(),
            spend: Spend::default(),
            clusters: 0,
            studios_staffed: 0,
            speakers: BTreeMap::new(),
            targets: None,
            execution: None,
            hours_per_person: None,
            independent: Vec::new(),
            joint: Vec::new(),
            fund_labels: BTreeMap::new(),
            limits: Vec::new(),
            college_sessions: None,
        }
    }

    /// Planned and not infeasible.
    pub fn feasible(&self) -> bool {
        self.objective.is_some()
    }

    /// Sessions held in all.
    pub fn sessions_total(&self) -> usize {
        self.sessions.values().sum()
    }
}

/// Plan one point and measure it (the checker re-verifies every plan it reports).
pub fn plan_point(inputs: &Inputs, values: Vec<f64>, time_limit: Option<f64>) -> PointResult {
    let deadline = time_limit.map_or_else(
        crate::planner::Deadline::unlimited,
        crate::planner::Deadline::after,
    );
    let planned = crate::planner::run_with(inputs, &deadline);
    let mut r = measure(inputs, &planned.file, values);
    if planned.file.status == "infeasible" {
        if let Some(c) = planned.conflicts.first() {
            let rule = c.rules.first().cloned().unwrap_or_default();
            r.reason = Some(format!("{}: {rule}", c.family));
            r.explanation = Some(c.message.clone());
        }
    } else {
        let outcome = crate::checker::verify(inputs, &planned.file);
        if let Some(v) = outcome.broken.first() {
            r.status = "check_failed".into();
            r.reason = Some(format!("checker: {}", v.rule));
            r.explanation = Some(v.message.clone());
        } else if deadline.reached() {
            r.reason = Some("time limit / 已达时间上限".into());
            r.explanation = planned
                .file
                .violations
                .iter()
                .find(|v| v.rule == "plan.time_limit")
                .map(|v| v.message.clone());
        }
    }
    r
}

/// The figures of a plan file.
pub fn measure(inputs: &Inputs, plan: &PlanFile, values: Vec<f64>) -> PointResult {
    let rules = &inputs.rules;
    let feasible = plan.status != "infeasible";
    // Members of each group, from the plan's own profiles.
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in &plan.people {
        for g in &p.groups {
            members.entry(g.as_str()).or_default().push(p.id.as_str());
        }
    }
    // Duties attended and hours per person.
    let mut attended: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut hours: BTreeMap<&str, f64> = BTreeMap::new();
    for s in &plan.sessions {
        for a in &s.attendees {
            *hours.entry(a.as_str()).or_default() += s.hours;
            if let Some(d) = &s.duty {
                attended.entry(a.as_str()).or_default().insert(d.as_str());
            }
        }
    }
    let mut required: BTreeSet<(&str, &str)> = BTreeSet::new();
    for c in &rules.coverage {
        let g = rules.groups[c.group].id.as_str();
        if members.get(g).is_none_or(Vec::is_empty) {
            continue;
        }
        for &d in &c.duties {
            required.insert((g, rules.duties[d].id.as_str()));
        }
    }
    let required_met = required
        .iter()
        .filter(|(g, d)| {
            members[g]
                .iter()
                .all(|p| attended.get(p).is_some_and(|s| s.contains(d)))
        })
        .count();
    let cells = plan.coverage.len();
    let cells_with_hours = plan.coverage.iter().filter(|c| c.hours > 0.0).count();
    let share = |a: usize, b: usize| {
        if b == 0 {
            1.0
        } else {
            ((a as f64 / b as f64) * 10_000.0).round() / 10_000.0
        }
    };
    let coverage = feasible.then(|| Coverage {
        required_met,
        required_cells: required.len(),
        required_share: share(required_met, required.len()),
        cells_with_hours,
        cells,
        any_share: share(cells_with_hours, cells),
    });
    let hours_per_member = if feasible {
        rules
            .groups
            .iter()
            .filter_map(|g| {
                let m = members.get(g.id.as_str()).filter(|m| !m.is_empty())?;
                let sum: f64 = m.iter().map(|p| hours.get(p).copied().unwrap_or(0.0)).sum();
                Some((g.id.clone(), money(sum / m.len() as f64)))
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut sessions: BTreeMap<String, usize> = BTreeMap::new();
    if feasible {
        for k in &rules.session_kinds {
            sessions.insert(k.id.clone(), 0);
        }
        for s in &plan.sessions {
            *sessions.entry(s.kind.clone()).or_default() += 1;
        }
    }
    let mut spend = Spend::default();
    for f in &plan.budget.funds {
        if f.level == "school" {
            spend.school_allocated += f.allocated;
            spend.school_spent += f.spent;
        } else {
            spend.college_allocated += f.allocated;
            spend.college_spent += f.spent;
        }
    }
    spend = Spend {
        school_allocated: money(spend.school_allocated),
        school_spent: money(spend.school_spent),
        college_allocated: money(spend.college_allocated),
        college_spent: money(spend.college_spent),
    };
    let speakers = if feasible {
        speaker_sessions(inputs, plan)
    } else {
        BTreeMap::new()
    };
    let targets = feasible.then(|| targets_met(inputs, plan)).flatten();
    let allocated = spend.school_allocated + spend.college_allocated;
    let execution = (feasible && allocated > 0.0).then(|| {
        let x = (spend.school_spent + spend.college_spent) / allocated;
        (x * 10_000.0).round() / 10_000.0
    });
    let college_name = |id: &str| {
        plan.colleges
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let independent: Vec<String> = plan
        .colleges
        .iter()
        .filter(|c| c.mode == "independent")
        .map(|c| c.name.clone())
        .collect();
    let sc = &inputs.scenario;
    let campus_of = |id: &str| sc.colleges.iter().find(|c| c.id == id).map(|c| c.campus);
    let longest = |ids: &[String]| -> f64 {
        let cs: Vec<usize> = ids.iter().filter_map(|id| campus_of(id)).collect();
        let mut m: f64 = 0.0;
        for (i, &a) in cs.iter().enumerate() {
            for &b in &cs[i + 1..] {
                if a != b
                    && let Some(t) = sc
                        .travel_minutes
                        .get(a)
                        .and_then(|r| r.get(b))
                        .copied()
                        .flatten()
                {
                    m = m.max(t);
                }
            }
        }
        m
    };
    let joint: Vec<Joint> = plan
        .clusters
        .iter()
        .map(|c| Joint {
            longest_minutes: longest(&c.colleges),
            colleges: c.colleges.iter().map(|id| college_name(id)).collect(),
            full_time_counselors: c.full_time_counselors,
            campuses: c.campuses.len(),
            travel: money(c.terms.get("travel").copied().unwrap_or(0.0)),
            mismatch: money(
                c.terms
                    .iter()
                    .filter(|(k, _)| k.ends_with("_mismatch"))
                    .map(|(_, v)| v)
                    .sum(),
            ),
        })
        .collect();
    let fund_labels: BTreeMap<String, String> = plan
        .budget
        .funds
        .iter()
        .map(|f| {
            let label = if f.level == "school" {
                "校级 school".to_string()
            } else if let Some(c) = plan.clusters.iter().find(|c| c.id == f.id) {
                c.colleges
                    .iter()
                    .map(|id| college_name(id))
                    .collect::<Vec<_>>()
                    .join("+")
            } else {
                college_name(&f.id)
            };
            (f.id.clone(), label)
        })
        .collect();
    PointResult {
        values,
        status: plan.status.clone(),
        reason: None,
        explanation: None,
        gap: plan.gap,
        objective: feasible.then_some(plan.objective.total),
        terms: if feasible {
            plan.objective.terms.clone()
        } else {
            BTreeMap::new()
        },
        coverage,
        hours_per_member,
        sessions,
        funds: plan.budget.funds.clone(),
        spend,
        clusters: plan.clusters.len(),
        studios_staffed: plan.studios.iter().filter(|s| s.lead.is_some()).count(),
        speakers,
        targets,
        execution,
        hours_per_person: (feasible && !plan.people.is_empty()).then(|| {
            let sum: f64 = plan
                .people
                .iter()
                .map(|p| hours.get(p.id.as_str()).copied().unwrap_or(0.0))
                .sum();
            money(sum / plan.people.len() as f64)
        }),
        independent,
        joint,
        fund_labels,
        limits: plan.limits.clone(),
        college_sessions: feasible.then(|| {
            plan.sessions
                .iter()
                .filter(|s| s.level == "college")
                .count()
        }),
    }
}

/// Sessions with a speaker from the scenario, by the speaker's standing.
fn speaker_sessions(inputs: &Inputs, plan: &PlanFile) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for s in &plan.sessions {
        let Some(id) = &s.speaker else { continue };
        if let Some(sp) = inputs.scenario.speakers.iter().find(|sp| &sp.id == id) {
            *out.entry(sp.level.as_str().to_string()).or_default() += 1;
        }
    }
    out
}

/// People with an hour target (`[[hour_targets]]` of one of their groups) and those who reach
/// every one of theirs: hours attended at the target's levels against its semester share.
fn targets_met(inputs: &Inputs, plan: &PlanFile) -> Option<(usize, usize)> {
    let rules = &inputs.rules;
    let mut hours: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for s in &plan.sessions {
        for a in &s.attendees {
            *hours.entry((a.as_str(), s.level.as_str())).or_default() += s.hours;
        }
    }
    let (mut met, mut of) = (0, 0);
    for p in &plan.people {
        let mine: Vec<_> = rules
            .hour_targets
            .iter()
            .filter(|t| p.groups.contains(&rules.groups[t.group].id))
            .collect();
        if mine.is_empty() {
            continue;
        }
        of += 1;
        let reached = mine.iter().all(|t| {
            let h: f64 = t
                .levels
                .iter()
                .map(|l| {
                    hours
                        .get(&(p.id.as_str(), l.as_str()))
                        .copied()
                        .unwrap_or(0.0)
                })
                .sum();
            h >= inputs.target_hours_of(t, &p.id) - 1e-6
        });
        if reached {
            met += 1;
        }
    }
    (of > 0).then_some((met, of))
}
