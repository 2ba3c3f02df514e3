//! The semester's sessions: which are held, on which duty, for whom, when, where, paid by which
//! fund — decided from the profiles, the training units (two-level) and the studio teams.
//!
//! Two optimizations in sequence (a lexicographic objective, documented in the README):
//! 1. **Selection** ([`select`]): a MILP over candidate sessions (kind × speaker/visit/course ×
//!    duty × audience, or unit × duty) with integer counts, maximising weighted person-hours and
//!    group × duty coverage minus weighted cost, subject to the funds, the session-count rules,
//!    speaker capacity, hour targets and required coverage (each for every class of members).
//! 2. **Placement** ([`place`]): every selected session gets a date, slot(s), venue and speaker
//!    date so that nobody is double-booked, the weekly cap holds, and people's sessions spread over
//!    the weeks with the least travel. A session that cannot be placed lowers its candidate's
//!    bound and selection is solved again (a logic-based cut), until everything fits.
//!
//! Solver variables live in `select`; this module holds the plain result types.

pub mod candidates;
mod improve;
#[cfg(test)]
mod oracle;
mod place;
pub mod rebase;
mod repair;
mod rows;
mod select;

use chrono::NaiveDate;

use crate::domain::calendar::Calendar;
use crate::domain::profile::Profiles;
use crate::domain::{CampusIdx, CollegeIdx, DutyIdx, Inputs, KindIdx, Level, PersonIdx};

pub use candidates::{Audience, Candidate, Cohort, Resource};

/// A training unit: an independent college (with any guests) or a joint cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Unit id (the college id, or the cluster id `J1`, …).
    pub id: String,
    /// Colleges whose staff attend the unit's training.
    pub colleges: Vec<CollegeIdx>,
    /// Campuses of those colleges.
    pub campuses: Vec<CampusIdx>,
}

impl Unit {
    /// The unit as people read it: the college's name, or for a joint cluster its id with its
    /// first college and how many train together (`J1 基础医学院等 4 院`), as the reports name it.
    pub fn name(&self, scenario: &crate::domain::Scenario) -> String {
        match self.colleges[..] {
            // an independent college, alone or hosting guests
            [c, ..] if scenario.colleges[c].id == self.id => scenario.colleges[c].name.clone(),
            [c, ..] => format!(
                "{} {}等 {} 院",
                self.id,
                scenario.colleges[c].name,
                self.colleges.len()
            ),
            [] => self.id.clone(),
        }
    }
}

/// A staffed studio team.
#[derive(Debug, Clone, PartialEq)]
pub struct StudioTeam {
    /// The studio's duty.
    pub duty: DutyIdx,
    /// Everyone on the team (lead, backbone, members).
    pub people: Vec<PersonIdx>,
}

/// A fund.
#[derive(Debug, Clone, PartialEq)]
pub struct Fund {
    /// `school` or a unit id.
    pub id: String,
    /// School or college level.
    pub level: Level,
    /// Allocated yuan.
    pub allocated: f64,
}

/// A placed session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The candidate it instantiates.
    pub candidate: usize,
    /// Session kind.
    pub kind: KindIdx,
    /// Date.
    pub date: NaiveDate,
    /// First slot index.
    pub slot: usize,
    /// Number of slots.
    pub slots: usize,
    /// Venue index, if any.
    pub venue: Option<usize>,
    /// Cost in yuan (with the venue actually used).
    pub cost: f64,
    /// Who attends: the audience members available on the date (ascending).
    pub attendees: Vec<PersonIdx>,
    /// Travel minutes of all attendees to the venue.
    pub travel: f64,
    /// In a re-plan: the published session it continues (index into the base list).
    pub base: Option<usize>,
}

/// Why the plan is impossible.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Family: `budget`, `calendar`, `coverage`, `hours`, `resources`.
    pub family: String,
    /// Rule ids involved.
    pub rules: Vec<String>,
    /// Chinese / English explanation with the numbers.
    pub message: String,
}

/// The outcome of scheduling.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A plan; `proven` when every term reached its bound.
    Planned {
        /// Proven optimal (lexicographically).
        proven: bool,
        /// Distance to the bound of the placement terms (0 when proven).
        gap: f64,
    },
    /// No plan satisfies the rules.
    Infeasible(Vec<Conflict>),
}

/// Schedule result: candidates, selected and placed sessions, funds, objective terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Optimal, feasible or infeasible.
    pub outcome: Outcome,
    /// Candidate sessions considered.
    pub candidates: Vec<Candidate>,
    /// Audiences referenced by candidates.
    pub audiences: Vec<Audience>,
    /// Placed sessions, sorted by date, slot, kind.
    pub sessions: Vec<Session>,
    /// Funds.
    pub funds: Vec<Fund>,
    /// Objective terms (hours, coverage, cost, travel, spacing), maximised in total.
    pub terms: Vec<(String, f64)>,
    /// Soft-rule notes (e.g. a cut made while placing).
    pub notes: Vec<String>,
    /// Home campus of each person (for travel).
    pub home: Vec<CampusIdx>,
    /// Value of the first (uncut) selection: hours + duties + standing + cost.
    pub selection_value: Option<f64>,
    /// Upper bound on that value (the value itself when proven optimal, else the LP bound).
    pub selection_bound: Option<f64>,
    /// The rules that bind the final selection ([`select::Limit`]).
    pub limits: Vec<select::Limit>,
    /// A re-plan: published sessions no longer held (index into the base list) and why.
    pub dropped: Vec<(usize, String)>,
}

impl Schedule {
    /// Objective total.
    pub fn total(&self) -> f64 {
        self.terms.iter().map(|(_, v)| v).sum()
    }
}

/// Everything the schedule builds on.
pub struct Context<'a> {
    /// Validated inputs.
    pub inputs: &'a Inputs,
    /// Group membership.
    pub profiles: &'a Profiles,
    /// Training units.
    pub units: &'a [Unit],
    /// For each college, the index of its unit (None for none).
    pub unit_of_college: Vec<Option<usize>>,
    /// Staffed studio teams.
    pub studios: &'a [StudioTeam],
    /// Usable days.
    pub calendar: Calendar,
    /// Funds: index 0 is the school; then one per unit, in unit order.
    pub funds: Vec<Fund>,
    /// When the searches must stop (none by default).
    pub deadline: crate::planner::Deadline,
    /// Where the selection's model goes (`--write-models`; off by default).
    pub models: crate::planner::ModelLog,
    /// A re-plan: the published plan to keep as much of as the inputs allow.
    pub rebase: Option<rebase::Rebase>,
}

impl<'a> Context<'a> {
    /// Assemble the context: calendar and funds (school + each unit pooling its colleges).
    pub fn new(
        inputs: &'a Inputs,
        profiles: &'a Profiles,
        units: &'a [Unit],
        studios: &'a [StudioTeam],
    ) -> Self {
        let calendar = Calendar::new(&inputs.scenario.semester, &inputs.rules.calendar);
        let split = crate::domain::budget::split(inputs);
        let mut unit_of_college = vec![None; inputs.scenario.colleges.len()];
        for (u, unit) in units.iter().enumerate() {
            for &c in &unit.colleges {
                unit_of_college[c] = Some(u);
            }
        }
        let mut funds = vec![Fund {
            id: "school".into(),
            level: Level::School,
            allocated: split.school,
        }];
        for unit in units {
            let sum: f64 = unit.colleges.iter().map(|&c| split.colleges[c]).sum();
            funds.push(Fund {
                id: unit.id.clone(),
                level: Level::College,
                allocated: (sum * 100.0).round() / 100.0,
            });
        }
        Self {
            inputs,
            profiles,
            units,
            unit_of_college,
            studios,
            calendar,
            funds,
            deadline: crate::planner::Deadline::unlimited(),
            models: crate::planner::ModelLog::off(),
            rebase: None,
        }
    }
}

/// Plan the semester's sessions.
pub fn schedule(cx: &Context<'_>) -> Schedule {
    if let Some(rb) = &cx.rebase {
        return rebase::schedule(cx, rb);
    }
    let built = candidates::build_all(cx);
    let mut bounds: Vec<u32> = built.list.iter().map(|c| c.hi).collect();
    let (candidates, audiences, home) = (
        built.list.clone(),
        built.audiences.clone(),
        built.home.clone(),
    );
    let infeasible = |conflicts: Vec<Conflict>, notes: Vec<String>| Schedule {
        outcome: Outcome::Infeasible(conflicts),
        candidates: built.list.clone(),
        audiences: built.audiences.clone(),
        sessions: Vec::new(),
        funds: cx.funds.clone(),
        terms: Vec::new(),
        notes,
        home: built.home.clone(),
        selection_value: None,
        selection_bound: None,
        limits: Vec::new(),
        dropped: Vec::new(),
    };
    let mut notes = Vec::new();
    let mut cut = false;
    let mut first_value: Option<f64> = None;
    let mut first_bound: Option<f64> = None;
    // Each round either places everything or lowers at least one bound, so this ends.
    for _round in 0..=candidates.len() {
        let sel = match select::solve(cx, &built, &bounds) {
            Ok(s) => s,
            Err(conflicts) => return infeasible(conflicts, notes),
        };
        match place::place(cx, &built, &sel.counts, &home) {
            Ok(placed) => {
                let mut terms = sel.terms.clone();
                // hours and duties as attended (the selection counted whole audiences), and the
                // cost as placed (the selection used estimates): what the checker recomputes
                let (hours, duties) = select::attended_terms(cx, &built, &placed.sessions);
                let spent: f64 = placed
                    .sessions
                    .iter()
                    .map(|s| crate::wire::money(s.cost))
                    .sum();
                for (name, v) in &mut terms {
                    match name.as_str() {
                        "hours" => *v = hours,
                        "duties" => *v = duties,
                        "cost" => *v = -cx.inputs.rules.plan.cost_weight * spent,
                        _ => {}
                    }
                }
                let w = &cx.inputs.rules.plan;
                terms.push(("travel".into(), -w.travel_weight * placed.travel));
                terms.push(("spacing".into(), -w.bunching_penalty * placed.bunching));
                // Upper bound on the objective: this selection's bound (its value when proven
                // optimal, else the LP bound) with placement at its bounds; after a cut, the
                // first (uncut) selection's bound, as placement terms are never positive.
                let value: f64 = sel.terms.iter().map(|(_, v)| v).sum();
                let upper = match first_bound {
                    Some(b) => b,
                    None => {
                        sel.bound
                            - w.travel_weight * placed.travel_bound
                            - w.bunching_penalty * placed.bunching_bound
                    }
                };
                let total: f64 = terms.iter().map(|(_, v)| v).sum();
                let gap = (upper - total).max(0.0);
                if !sel.optimal {
                    notes.push("选择阶段未证明最优：启发式求得，与 LP 上界的差距见 gap / selection not proven optimal: found by the heuristics, its distance to the LP bound is the gap".into());
                }
                if placed.venue_cost_raised {
                    notes.push("有场地费用高于选择阶段的估计 / a venue cost more than the selection estimated".into());
                }
                if cut {
                    notes.push("排课时下调了候选上限，最优性未证明 / bounds were lowered while placing, so optimality is not proven".into());
                }
                let proven = sel.optimal && gap < 1e-6 && !placed.venue_cost_raised && !cut;
                return Schedule {
                    outcome: Outcome::Planned { proven, gap },
                    candidates,
                    audiences,
                    sessions: placed.sessions,
                    funds: cx.funds.clone(),
                    terms,
                    notes,
                    home,
                    selection_value: Some(first_value.unwrap_or(value)),
                    selection_bound: Some(first_bound.unwrap_or(sel.bound)),
                    limits: sel.limits,
                    dropped: Vec::new(),
                };
            }
            Err(place::Failure::Lower(list)) => {
                cut = true;
                first_value.get_or_insert(sel.terms.iter().map(|(_, v)| v).sum());
                first_bound.get_or_insert(sel.bound);
                for (candidate, to, why) in list {
                    notes.push(why);
                    bounds[candidate] = to;
                }
            }
            Err(place::Failure::Required(conflict)) => return infeasible(vec![conflict], notes),
        }
    }
    infeasible(
        vec![Conflict {
            family: "calendar".into(),
            rules: vec!["calendar".into()],
            message: "排课未能收敛 / placement did not converge".into(),
        }],
        notes,
    )
}
