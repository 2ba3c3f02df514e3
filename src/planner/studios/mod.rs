//! Counselor studios (辅导员工作室): who leads, who is backbone and who is a member of the studio of
//! each duty — optimally, with the reasons, and with an explanation for every studio left unstaffed.
//!
//! # What it decides, from what
//! From the validated [`Inputs`]: one studio per duty in `studios.duties`; the roster's people with
//! their role, college, counselor years (counted at the semester's first day), title, honors and
//! specialties; the new-counselor group of [`crate::domain::profile`] (`studios.new_counselor_group`); and
//! the rules of `[studios]`, `[studios.lead]`, `[studios.backbone]` and `[studios.weights]`. It
//! decides, for every person and studio, whether the person is the studio's lead (负责人), a
//! backbone member (骨干) or another member (成员), or not on the team.
//!
//! Eligibility ([`crate::domain::eligibility`]): a lead needs a role in `studios.lead.roles`,
//! `studios.lead.min_years_as_counselor` full years, a title at `studios.lead.min_title_level` or
//! above (waivable when `studios.lead.title_waivable`, at `title_waiver_cost`) and, when
//! `studios.lead.honor_required`, an honorary title; a backbone member needs a role in
//! `studios.backbone.roles` and `studios.backbone.min_years_as_counselor` years. Everyone on a team,
//! the lead included, has a role in `studios.member_roles`.
//!
//! # Hard rules
//! For each studio s with team T(s) = lead ∪ backbone ∪ members:
//! - `studios.lead.*`: exactly one lead when s is staffed, eligible or eligible with a title waiver;
//!   none (and no team) when s is unstaffed;
//! - `studios.min_size` ≤ |T(s)| ≤ `studios.max_size` (the lead counts);
//! - `studios.max_per_college`: at most that many people of one college in T(s) (school-level staff,
//!   who have no college, count toward none);
//! - `studios.min_backbone`: at least that many backbone members besides the lead;
//! - `studios.max_studios_per_person`: each person is in at most that many teams, once per team;
//! - `studios.member_roles`: only these roles are on a team; backbone members are
//!   backbone-eligible.
//!
//! # Objective (maximised, weights from `[studios.weights]`)
//! Lexicographic: first the number of staffed studios, then
//!
//! ```text
//! total =   specialty_match  · Σ_s Σ_{p ∈ T(s)} [duty(s) ∈ specialties(p)]
//!         + new_by_specialty · Σ_s Σ_{p ∈ T(s), p new counselor} [duty(s) ∈ specialties(p)]
//!         + backbone         · Σ_s |backbone(s)|
//!         + lead_seniority   · Σ_{s staffed} min(years(lead(s)) − studios.lead.min_years_as_counselor, 10)
//!         + college_spread   · Σ_s |{college(p) : p ∈ T(s), p has a college}|
//!         + member           · Σ_s |T(s)|
//!         − title_waiver_cost· Σ_{s staffed} [lead(s) below studios.lead.min_title_level]
//! ```
//!
//! The reported `objective.total` is `total`, the sum of its named terms; the number of staffed
//! studios is reported beside it (`staffed`). Lexicographic means: no staffing with more studios
//! exists, and among those with as many, none has a larger total.
//!
//! # Formulation (see `model.rs`)
//! Binary `lead[p,s]` only for people eligible to lead (with or without waiver) and `on[p,s]` (on
//! the team, not as lead) only for people in `studios.member_roles` and studios that have a lead
//! candidate; a continuous `spread[c,s] ∈ [0,1]` per college and studio (at the optimum it equals
//! `min(1, people of c in s)`, so it needs no integrality). A backbone-eligible person on a team who
//! is not its lead is in the backbone role: the backbone weight is ≥ 0 and backbone has no upper
//! bound, so this loses nothing and halves the variables. Staffed-ness is `Σ_p lead[p,s] ≤ 1`.
//!
//! Two MILPs solve the lexicographic objective: first the most studios that can be staffed (with a
//! counting bound as a cut and the studios' symmetry broken), then the best total with exactly
//! that many staffed. With all studios staffed, the people-to-(college, studio)-to-studio structure
//! is close to a network flow, so the LP relaxation is nearly integral and the pure-Rust `microlp`
//! proves optimality quickly: on the bundled scenario (147 people × 9 studios: 1,674 variables,
//! 715 constraints) the two solves take 55–80 ms together in release (divan, `benches/studios.rs`,
//! on a shared 2-core machine). See `model.rs` for the
//! strengthening that keeps rosters which cannot staff every studio as fast.

mod explain;
mod model;
pub mod out;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::eligibility::{self, Eligibility, RuleChange, Verdict};
use crate::domain::profile;
use crate::domain::{CollegeIdx, DutyIdx, Inputs, PersonIdx, StudioWeights};
use crate::planner::solver::{SolveError, SolveStatus};
use crate::wire::ObjectiveOut;

/// What the staffing of one person needs to know, computed once from the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// The person.
    pub person: PersonIdx,
    /// College (`None` for school-level staff).
    pub college: Option<CollegeIdx>,
    /// Full years as a counselor at the semester's first day.
    pub years: u32,
    /// Role in `studios.member_roles`.
    pub on_team: bool,
    /// Lead eligibility with every finding.
    pub lead: Eligibility,
    /// Backbone eligibility with every finding.
    pub backbone: Eligibility,
    /// In `studios.new_counselor_group`.
    pub new: bool,
    /// Specialties among the duties.
    pub specialties: Vec<DutyIdx>,
}

impl Facts {
    /// May lead a studio (eligible, or eligible with the title waived).
    pub fn can_lead(&self) -> bool {
        self.on_team && self.lead.verdict != Verdict::Ineligible
    }

    /// Leads only with the title condition waived.
    pub fn needs_waiver(&self) -> bool {
        self.lead.verdict == Verdict::WithWaiver
    }

    /// May be a backbone member.
    pub fn can_backbone(&self) -> bool {
        self.on_team && self.backbone.verdict == Verdict::Eligible
    }
}

/// The staffing problem: facts per person and the rule values, ready for the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// One studio per entry (`studios.duties`, in rules order).
    pub duties: Vec<DutyIdx>,
    /// One entry per person, in roster order.
    pub people: Vec<Facts>,
    /// `studios.min_size`.
    pub min_size: u32,
    /// `studios.max_size`.
    pub max_size: u32,
    /// `studios.max_per_college`.
    pub max_per_college: u32,
    /// `studios.max_studios_per_person`.
    pub max_per_person: u32,
    /// `studios.min_backbone`.
    pub min_backbone: u32,
    /// `studios.lead.min_years_as_counselor`.
    pub lead_min_years: u32,
    /// `studios.lead.title_waiver_cost`.
    pub waiver_cost: f64,
    /// `[studios.weights]`.
    pub weights: StudioWeights,
    /// When the search must stop.
    pub deadline: crate::planner::Deadline,
    /// Where the models go (`--write-models`; off by default).
    pub models: crate::planner::ModelLog,
}

impl Instance {
    /// Facts and rule values from validated inputs.
    pub fn new(inputs: &Inputs) -> Self {
        let rules = &inputs.rules;
        let sr = &rules.studios;
        let at = inputs.scenario.semester.start;
        let profiles = profile::classify(inputs);
        let people = inputs
            .scenario
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| Facts {
                person: i,
                college: p.college,
                years: p.years_as_counselor(at),
                on_team: sr.member_roles.contains(&p.role),
                lead: eligibility::lead(rules, p, at),
                backbone: eligibility::backbone(rules, p, at),
                new: profiles.is_in(i, sr.new_counselor_group),
                specialties: p.specialties.clone(),
            })
            .collect();
        Self {
            duties: sr.duties.clone(),
            people,
            min_size: sr.min_size,
            max_size: sr.max_size,
            max_per_college: sr.max_per_college,
            max_per_person: sr.max_studios_per_person,
            min_backbone: sr.min_backbone,
            lead_min_years: sr.lead.min_years_as_counselor,
            waiver_cost: sr.lead.title_waiver_cost,
            weights: sr.weights.clone(),
            deadline: crate::planner::Deadline::unlimited(),
            models: crate::planner::ModelLog::off(),
        }
    }

    /// Value of `p` on the team of studio `s` in any role, without the role's own terms
    /// (member, specialty match, new counselor by specialty).
    fn base_value(&self, p: PersonIdx, s: usize) -> f64 {
        let f = &self.people[p];
        let w = &self.weights;
        let matched = f.specialties.contains(&self.duties[s]);
        let mut v = w.member;
        if matched {
            v += w.specialty_match;
            if f.new {
                v += w.new_by_specialty;
            }
        }
        v
    }

    /// Seniority steps of a lead: `min(years − min_years, 10)`.
    pub fn seniority(&self, p: PersonIdx) -> u32 {
        self.people[p]
            .years
            .saturating_sub(self.lead_min_years)
            .min(10)
    }

    /// Objective coefficient of `p` leading studio `s` (college spread aside).
    pub fn lead_value(&self, p: PersonIdx, s: usize) -> f64 {
        let mut v =
            self.base_value(p, s) + self.weights.lead_seniority * f64::from(self.seniority(p));
        if self.people[p].needs_waiver() {
            v -= self.waiver_cost;
        }
        v
    }

    /// Objective coefficient of `p` on studio `s`'s team, not as lead (college spread aside):
    /// backbone when eligible.
    pub fn member_value(&self, p: PersonIdx, s: usize) -> f64 {
        let mut v = self.base_value(p, s);
        if self.people[p].can_backbone() {
            v += self.weights.backbone;
        }
        v
    }

    /// The objective terms of a staffing: the total and one [`Terms`] per studio.
    pub fn terms(&self, teams: &[Option<Team>]) -> (Terms, Vec<Terms>) {
        let w = &self.weights;
        let mut per = Vec::with_capacity(teams.len());
        for (s, team) in teams.iter().enumerate() {
            let mut t = Terms::default();
            if let Some(team) = team {
                let duty = self.duties[s];
                let mut colleges = std::collections::BTreeSet::new();
                for p in team.all() {
                    let f = &self.people[p];
                    let matched = f.specialties.contains(&duty);
                    if matched {
                        t.specialty_match += w.specialty_match;
                        if f.new {
                            t.new_by_specialty += w.new_by_specialty;
                        }
                    }
                    t.member += w.member;
                    if let Some(c) = f.college {
                        colleges.insert(c);
                    }
                }
                t.backbone = w.backbone * team.backbone.len() as f64;
                t.lead_seniority = w.lead_seniority * f64::from(self.seniority(team.lead));
                t.college_spread = w.college_spread * colleges.len() as f64;
                if team.waived {
                    t.title_waiver = -self.waiver_cost;
                }
            }
            per.push(t);
        }
        let mut total = Terms::default();
        for t in &per {
            total.add(t);
        }
        (total, per)
    }
}

/// One studio's team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// The lead.
    pub lead: PersonIdx,
    /// The lead's title condition is waived (`studios.lead.title_waivable`).
    pub waived: bool,
    /// Backbone members, in roster order.
    pub backbone: Vec<PersonIdx>,
    /// Other members, in roster order.
    pub members: Vec<PersonIdx>,
}

impl Team {
    /// Everyone on the team: lead, backbone, members.
    pub fn all(&self) -> impl Iterator<Item = PersonIdx> + '_ {
        std::iter::once(self.lead)
            .chain(self.backbone.iter().copied())
            .chain(self.members.iter().copied())
    }

    /// Team size, the lead included.
    pub fn size(&self) -> usize {
        1 + self.backbone.len() + self.members.len()
    }
}

/// The named objective terms (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Terms {
    /// `specialty_match`.
    pub specialty_match: f64,
    /// `new_by_specialty`.
    pub new_by_specialty: f64,
    /// `backbone`.
    pub backbone: f64,
    /// `lead_seniority`.
    pub lead_seniority: f64,
    /// `college_spread`.
    pub college_spread: f64,
    /// `member`.
    pub member: f64,
    /// `title_waiver` (zero or negative).
    pub title_waiver: f64,
}

impl Terms {
    /// The sum of the terms.
    pub fn total(&self) -> f64 {
        self.specialty_match
            + self.new_by_specialty
            + self.backbone
            + self.lead_seniority
            + self.college_spread
            + self.member
            + self.title_waiver
    }

    fn add(&mut self, o: &Terms) {
        self.specialty_match += o.specialty_match;
        self.new_by_specialty += o.new_by_specialty;
        self.backbone += o.backbone;
        self.lead_seniority += o.lead_seniority;
        self.college_spread += o.college_spread;
        self.member += o.member;
        self.title_waiver += o.title_waiver;
    }

    /// Named terms in a stable order.
    pub fn named(&self) -> [(&'static str, f64); 7] {
        [
            ("specialty_match", self.specialty_match),
            ("new_by_specialty", self.new_by_specialty),
            ("backbone", self.backbone),
            ("lead_seniority", self.lead_seniority),
            ("college_spread", self.college_spread),
            ("member", self.member),
            ("title_waiver", self.title_waiver),
        ]
    }

    /// As the plan file's `objective`.
    pub fn to_out(&self) -> ObjectiveOut {
        ObjectiveOut {
            total: self.total(),
            terms: self
                .named()
                .iter()
                .map(|&(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        }
    }
}

/// How the solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal (lexicographically: staffed studios, then the total).
    Optimal,
    /// A staffing that holds every rule; optimality not proven.
    Feasible,
    /// No studio can be staffed; every studio is explained in `unstaffed`.
    Infeasible,
}

impl Status {
    /// The plan file's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
        }
    }
}

/// Where a person ended up in one studio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Leads the studio.
    Lead,
    /// Backbone member.
    Backbone,
    /// Other member.
    Member,
}

/// Another person who could have led a studio.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// The person.
    pub person: PersonIdx,
    /// Would lead only with the title waived.
    pub waiver: bool,
    /// [`Instance::lead_value`] of the person for this studio.
    pub value: f64,
    /// Where the person is instead: (studio index, role), possibly several.
    pub placed: Vec<(usize, Place)>,
}

/// What the best staffing without the chosen lead (for this studio) would give up.
#[derive(Debug, Clone, PartialEq)]
pub struct Regret {
    /// Staffed studios lost (0 when the same number can be staffed).
    pub staffed_lost: usize,
    /// The total lost (≥ 0 when both solves are optimal).
    pub total_lost: f64,
    /// Who would lead this studio then.
    pub next_lead: Option<PersonIdx>,
}

/// Why a studio's lead was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadChoice {
    /// [`Instance::lead_value`] of the lead for this studio.
    pub value: f64,
    /// The other people who may lead, best value first (at most five).
    pub alternatives: Vec<Alternative>,
    /// The re-solve without this lead, when computed ([`Options::lead_regret`]).
    pub regret: Option<Regret>,
}

/// One studio of the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Studio {
    /// The duty.
    pub duty: DutyIdx,
    /// The team, `None` when unstaffed (see [`Staffing::unstaffed`]).
    pub team: Option<Team>,
    /// Its objective terms.
    pub terms: Terms,
    /// Why the lead (when staffed).
    pub choice: Option<LeadChoice>,
}

/// Why a studio is unstaffed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Nobody in the roster may lead a studio.
    NoEligibleLead,
    /// Everyone who may lead is already used by other studios.
    LeadsExhausted,
    /// A lead is free, but the team rules (size, backbone, college cap, studios per person) cannot
    /// be met for one more studio.
    TeamRules,
}

/// A person who misses the lead conditions, and what they lack.
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    /// The person.
    pub person: PersonIdx,
    /// Full years as a counselor.
    pub years: u32,
    /// The conditions missed.
    pub missing: Vec<eligibility::Finding>,
    /// The rule changes that would make the person eligible.
    pub fixes: Vec<RuleChange>,
}

/// A rule change and its effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The changes, all needed.
    pub changes: Vec<RuleChange>,
    /// People who would become eligible to lead.
    pub makes_eligible: Vec<PersonIdx>,
    /// Studios staffed with the change (when computed by re-solving).
    pub staffed_with: Option<usize>,
}

/// An unstaffed studio and its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Unstaffed {
    /// Studio index.
    pub studio: usize,
    /// Its duty.
    pub duty: DutyIdx,
    /// The cause.
    pub cause: Cause,
    /// Explanation, English (the same for every studio unstaffed for the same reason; see
    /// [`Unstaffed::full_en`]).
    pub en: String,
    /// Explanation, Chinese.
    pub zh: String,
    /// The nearest lead candidates (fewest missed conditions, then most years), at most five.
    pub candidates: Vec<Near>,
    /// Rule changes that would help.
    pub changes: Vec<Suggestion>,
}

impl Unstaffed {
    /// “studio DUTY is unstaffed: …” in English.
    pub fn full_en(&self, inputs: &Inputs) -> String {
        let d = &inputs.rules.duties[self.duty];
        format!("studio {} ({}) is unstaffed: {}", d.id, d.en, self.en)
    }

    /// “……工作室未组建：……” in Chinese.
    pub fn full_zh(&self, inputs: &Inputs) -> String {
        format!(
            "{}工作室未组建：{}",
            inputs.rules.duties[self.duty].zh, self.zh
        )
    }
}

/// Model size (variables and constraints of the main solve).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ModelSize {
    /// Variables.
    pub variables: usize,
    /// Binary variables.
    pub binaries: usize,
    /// Constraints.
    pub constraints: usize,
}

/// The staffing of every studio.
#[derive(Debug, Clone, PartialEq)]
pub struct Staffing {
    /// How the solve ended.
    pub status: Status,
    /// One per `studios.duties` entry, in that order.
    pub studios: Vec<Studio>,
    /// The objective's named terms over all studios.
    pub terms: Terms,
    /// Studios staffed.
    pub staffed: usize,
    /// Unstaffed studios, explained, in studio order.
    pub unstaffed: Vec<Unstaffed>,
    /// The main model's size.
    pub model: ModelSize,
    /// The facts the staffing was decided from.
    pub instance: Instance,
}

/// Options for [`staff_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Re-solve once per staffed studio without its lead, to say what choosing someone else would
    /// cost ([`Regret`]).
    pub lead_regret: bool,
    /// When the search must stop (`--time-limit`; none by default).
    pub deadline: crate::planner::Deadline,
    /// Where the models go (`--write-models`; off by default).
    pub models: crate::planner::ModelLog,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            lead_regret: true,
            deadline: crate::planner::Deadline::unlimited(),
            models: crate::planner::ModelLog::off(),
        }
    }
}

/// Why staffing failed: a solver failure, which is a bug (the model is always feasible).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudioError(pub String);

impl std::fmt::Display for StudioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "studio staffing: {}", self.0)
    }
}

impl std::error::Error for StudioError {}

fn solver_error(e: SolveError) -> StudioError {
    StudioError(e.to_string())
}

/// Staff every studio with the default [`Options`].
pub fn staff(inputs: &Inputs) -> Result<Staffing, StudioError> {
    staff_with(inputs, &Options::default())
}

/// Staff every studio: the optimal teams, why each lead, and an explanation per unstaffed studio.
pub fn staff_with(inputs: &Inputs, opts: &Options) -> Result<Staffing, StudioError> {
    let mut inst = Instance::new(inputs);
    inst.deadline = opts.deadline.clone();
    inst.models = opts.models.clone();
    let sol = model::optimise(&inst, None).map_err(solver_error)?;
    let (terms, per) = inst.terms(&sol.teams);
    let staffed = sol.teams.iter().filter(|t| t.is_some()).count();
    let status = match (staffed, sol.status) {
        (0, _) if !inst.duties.is_empty() => Status::Infeasible,
        (_, SolveStatus::Optimal) => Status::Optimal,
        (_, SolveStatus::Feasible) => Status::Feasible,
    };
    let mut studios = Vec::with_capacity(inst.duties.len());
    for (s, (team, t)) in sol.teams.iter().zip(per).enumerate() {
        let choice = match team {
            Some(team) => Some(lead_choice(
                &inst,
                &sol.teams,
                s,
                team,
                terms.total(),
                staffed,
                opts,
            )?),
            None => None,
        };
        studios.push(Studio {
            duty: inst.duties[s],
            team: team.clone(),
            terms: t,
            choice,
        });
    }
    let unstaffed = explain::unstaffed(inputs, &inst, &sol.teams).map_err(solver_error)?;
    Ok(Staffing {
        status,
        studios,
        terms,
        staffed,
        unstaffed,
        model: sol.size,
        instance: inst,
    })
}

/// Where person `p` is in a staffing.
pub fn placements(teams: &[Option<Team>], p: PersonIdx) -> Vec<(usize, Place)> {
    let mut out = Vec::new();
    for (s, t) in teams.iter().enumerate() {
        let Some(t) = t else { continue };
        if t.lead == p {
            out.push((s, Place::Lead));
        } else if t.backbone.contains(&p) {
            out.push((s, Place::Backbone));
        } else if t.members.contains(&p) {
            out.push((s, Place::Member));
        }
    }
    out
}

fn lead_choice(
    inst: &Instance,
    teams: &[Option<Team>],
    s: usize,
    team: &Team,
    total: f64,
    staffed: usize,
    opts: &Options,
) -> Result<LeadChoice, StudioError> {
    let mut alternatives: Vec<Alternative> = inst
        .people
        .iter()
        .filter(|f| f.can_lead() && f.person != team.lead)
        .map(|f| Alternative {
            person: f.person,
            waiver: f.needs_waiver(),
            value: inst.lead_value(f.person, s),
            placed: placements(teams, f.person),
        })
        .collect();
    alternatives.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then(
                inst.people[b.person]
                    .years
                    .cmp(&inst.people[a.person].years),
            )
            .then(a.person.cmp(&b.person))
    });
    alternatives.truncate(5);
    let regret = if opts.lead_regret {
        let alt =
            model::optimise_forbidding(inst, (s, team.lead), staffed).map_err(solver_error)?;
        let (t, _) = inst.terms(&alt.teams);
        let alt_staffed = alt.teams.iter().filter(|t| t.is_some()).count();
        Some(Regret {
            staffed_lost: staffed.saturating_sub(alt_staffed),
            total_lost: total - t.total(),
            next_lead: alt.teams.get(s).and_then(|t| t.as_ref()).map(|t| t.lead),
        })
    } else {
        None
    };
    Ok(LeadChoice {
        value: inst.lead_value(team.lead, s),
        alternatives,
        regret,
    })
}
