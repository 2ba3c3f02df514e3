//! Two-level training (两级): which colleges run their own college-level training, and the
//! optimal joint-training clusters (联合培训组) for the others.
//!
//! Decided from the rules' `[two_level]` section and the scenario's colleges (campus, discipline,
//! student stage), campuses, travel times and roster (full-time counselors only, i.e. roles with
//! `full_time_counselor = true`).
//!
//! # The decision
//! Let `n_i` be college `i`'s full-time counselors and `T` = `two_level.independent_min`.
//! * `n_i >= T`: college `i` is **independent** (单独培训).
//! * `n_i < T`: college `i` is **joint** (联合培训) and is placed in exactly one cluster `S` with
//!   - `Σ_{j∈S} n_j >= T` (`two_level.independent_min`, the same threshold),
//!   - `|S| <= two_level.max_cluster_colleges`,
//!   - every pair `{i, j} ⊂ S` allowed: same campus, or a travel entry between their campuses of
//!     at most `two_level.max_travel_minutes` minutes (no entry = not allowed).
//!
//! # The objective (minimised)
//! ```text
//! cost(S) = w_per_cluster
//!         + Σ_{{i,j} ⊂ S} ( w_travel_per_minute   · minutes(campus_i, campus_j)
//!                          + w_discipline_mismatch · [discipline_i ≠ discipline_j]
//!                          + w_stage_mismatch      · [stage_i ≠ stage_j] )
//!
//! objective = Σ_S cost(S) + M · |guests|
//! ```
//! summed over unordered pairs of members (same campus = 0 minutes); weights are
//! `two_level.weights.{per_cluster, travel_per_minute, discipline_mismatch, stage_mismatch}`.
//! The named terms are `clusters` (Σ w_per_cluster), `travel`, `discipline_mismatch`,
//! `stage_mismatch`, and `guests` (`M · |guests|`, present only when some college is a guest).
//!
//! A small college that no allowed partners can bring to `T` (or that is left over because its
//! component cannot be partitioned completely) is handled by `two_level.unreachable`: `"guest"`
//! — it joins the training of the nearest independent college (fewest travel minutes, then same
//! discipline, then college order) as a guest; `"infeasible"` — the result is infeasible and the
//! explanation names the rule and the numbers. The guest penalty
//! `M = 1 + Σ_{joint i} (w_per_cluster + (max_cluster_colleges − 1) · P)`, with `P` the largest
//! pair cost among allowed pairs, exceeds the cost of any partition, so the number of guests is
//! minimised first and the cluster cost second ([`guest_penalty`]).
//!
//! # Method
//! The joint colleges form a petgraph [`UnGraph`](petgraph::graph::UnGraph) (edges = allowed
//! pairs, weighted by the pair's cost). Each connected component is solved on its own, in
//! parallel (rayon), and results are collected in component order, so the output does not depend
//! on the thread count. Within a component, colleges with the same campus, discipline, stage and
//! full-time count are interchangeable (same partners, same pair costs) and are grouped into
//! *types* ([`graph::Types`]). Every multiset of pairwise-allowed types of
//! 1..=`max_cluster_colleges` colleges whose total reaches `T` is a candidate cluster
//! (enumerated depth-first in lexicographic order), and a set-partitioning MILP ([`model`])
//! chooses how many copies of each candidate to form:
//! ```text
//! minimise   Σ_S cost(S)·y_S + M·Σ_t g_t
//! subject to Σ_S mult(S,t)·y_S + g_t = count(t)   for every type t
//!            y_S ∈ {0..copies(S)}, g_t ∈ {0..count(t)} integer
//! ```
//! (with one college per type this is the plain `Σ_{S∋i} y_S + g_i = 1`). Colleges of a type are
//! then handed out to the chosen clusters in college order; aggregation removes the symmetric
//! solutions that slow branch and bound down without changing the optimum.
//!
//! # Limits
//! A component with more than [`graph::MAX_CANDIDATES`] candidates (or more than
//! [`graph::MAX_CLIQUES_EXAMINED`] groups to examine) is not solved: the status is
//! [`Status::Unsolved`] with an explanation naming the component, rather than a long wait.
//! Twenty mutually reachable joint colleges of different types with `max_cluster_colleges = 4`
//! give at most 6,195 candidates; the limit can be reached from about 50 different types in one
//! component. A solve that does not prove optimality is reported as [`Status::Error`].

pub mod fixes;
pub mod graph;
pub mod model;
pub mod out;

use rayon::prelude::*;

use crate::domain::{CampusIdx, CollegeIdx, Inputs, Unreachable};

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// `zh / en` on one line.
    pub fn both(&self) -> String {
        format!("{} / {}", self.zh, self.en)
    }
}

/// How a college takes part in college-level training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// Runs its own training (单独培训).
    Independent,
    /// Trains in a joint cluster (联合培训); without a cluster only when the result is not optimal.
    Joint,
    /// Joins an independent college's training as a guest (随训).
    Guest,
}

impl Mode {
    /// The plan-file word.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Independent => "independent",
            Mode::Joint => "joint",
            Mode::Guest => "guest",
        }
    }

    /// Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Mode::Independent => "单独培训",
            Mode::Joint => "联合培训",
            Mode::Guest => "随训",
        }
    }
}

/// One college's decision.
#[derive(Debug, Clone, PartialEq)]
pub struct CollegeDecision {
    /// The college.
    pub college: CollegeIdx,
    /// Its full-time counselors.
    pub full_time: u32,
    /// Independent, joint or guest.
    pub mode: Mode,
    /// Index into [`TwoLevel::clusters`] for a placed joint college.
    pub cluster: Option<usize>,
    /// For a guest: the independent college whose training it joins.
    pub guest_of: Option<CollegeIdx>,
    /// Why, in both languages, naming the rule ids.
    pub reason: Text,
}

/// Objective terms (of one cluster, or summed over all clusters).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Terms {
    /// `w_travel_per_minute · minutes`, over pairs.
    pub travel: f64,
    /// `w_discipline_mismatch`, per pair with different disciplines.
    pub discipline_mismatch: f64,
    /// `w_stage_mismatch`, per pair with different student stages.
    pub stage_mismatch: f64,
    /// `w_per_cluster`, per cluster.
    pub clusters: f64,
}

impl Terms {
    /// The sum of the terms.
    pub fn total(&self) -> f64 {
        self.travel + self.discipline_mismatch + self.stage_mismatch + self.clusters
    }

    /// Add another set of terms.
    pub fn add(&mut self, o: &Terms) {
        self.travel += o.travel;
        self.discipline_mismatch += o.discipline_mismatch;
        self.stage_mismatch += o.stage_mismatch;
        self.clusters += o.clusters;
    }

    /// `(name, value)` pairs in a fixed order.
    pub fn named(&self) -> [(&'static str, f64); 4] {
        [
            ("travel", self.travel),
            ("discipline_mismatch", self.discipline_mismatch),
            ("stage_mismatch", self.stage_mismatch),
            ("clusters", self.clusters),
        ]
    }
}

/// A joint-training cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// `J1`, `J2`, … numbered by smallest member college index.
    pub id: String,
    /// Members, in college order.
    pub members: Vec<CollegeIdx>,
    /// Full-time counselors together.
    pub full_time: u32,
    /// The members' campuses, in campus order, without repeats.
    pub campuses: Vec<CampusIdx>,
    /// Longest travel between two members (0 on one campus).
    pub max_minutes: f64,
    /// This cluster's objective terms.
    pub terms: Terms,
    /// Why these colleges train together.
    pub reason: Text,
}

/// The objective: cluster terms plus the guest penalty.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Objective {
    /// Summed over clusters.
    pub terms: Terms,
    /// Colleges that are guests.
    pub guests: usize,
    /// `M`, the penalty per guest ([`guest_penalty`]).
    pub guest_penalty: f64,
}

impl Objective {
    /// `M · guests`.
    pub fn guest_term(&self) -> f64 {
        self.guest_penalty * self.guests as f64
    }

    /// The objective value.
    pub fn total(&self) -> f64 {
        self.terms.total() + self.guest_term()
    }
}

/// One fact of an explanation, with the rule it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Rule id (`two_level.unreachable`, …).
    pub rule: &'static str,
    /// Colleges concerned, in college order.
    pub colleges: Vec<CollegeIdx>,
    /// The fact, in both languages.
    pub text: Text,
}

/// How the decision ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Every component solved to proven optimality and every college placed.
    Optimal,
    /// Some college cannot be placed under the rules; why.
    Infeasible(Vec<Finding>),
    /// Some component was too large to enumerate; which and what to change.
    Unsolved(Vec<Finding>),
    /// The solver failed (a bug).
    Error(String),
}

impl Status {
    /// The plan-file word: `optimal`, `infeasible`, `unsolved` or `error`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Infeasible(_) => "infeasible",
            Status::Unsolved(_) => "unsolved",
            Status::Error(_) => "error",
        }
    }

    /// The explanation's findings (empty when optimal).
    pub fn findings(&self) -> &[Finding] {
        match self {
            Status::Infeasible(f) | Status::Unsolved(f) => f,
            _ => &[],
        }
    }
}

/// Size of one component's model.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentInfo {
    /// Joint colleges, in college order.
    pub colleges: Vec<CollegeIdx>,
    /// Allowed pairs among them.
    pub edges: usize,
    /// Types of interchangeable colleges (`None` when the enumeration hit its limit).
    pub types: Option<usize>,
    /// Candidate clusters (`None` when the enumeration hit its limit).
    pub candidates: Option<usize>,
}

/// The two-level decision.
#[derive(Debug, Clone, PartialEq)]
pub struct TwoLevel {
    /// Optimal, or why not.
    pub status: Status,
    /// One per college, in college order.
    pub colleges: Vec<CollegeDecision>,
    /// Joint clusters, ordered by their smallest member.
    pub clusters: Vec<Cluster>,
    /// Objective and its terms.
    pub objective: Objective,
    /// The components of the college graph, in order of their first college.
    pub components: Vec<ComponentInfo>,
    /// When infeasible: the smallest change of each rule that makes a plan exist, each
    /// confirmed by deciding again ([`fixes`]).
    pub fixes: Vec<fixes::Fix>,
}

/// A training unit of college-level training: an independent college (with any guests it hosts)
/// or a joint cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingUnit {
    /// The college id of an independent college, or the cluster id (`J1`, …).
    pub id: String,
    /// Colleges whose staff attend: the college or the cluster's members, then guests.
    pub colleges: Vec<CollegeIdx>,
    /// Campuses of those colleges, in campus order, without repeats.
    pub campuses: Vec<CampusIdx>,
}

impl TwoLevel {
    /// The training units, independent colleges first (college order), then clusters (`J1`, …).
    /// Colleges neither independent, placed nor hosted (only when not optimal) are in no unit.
    pub fn units(&self, inputs: &Inputs) -> Vec<TrainingUnit> {
        let sc = &inputs.scenario;
        let campuses = |cs: &[CollegeIdx]| {
            let mut v: Vec<CampusIdx> = cs.iter().map(|&c| sc.colleges[c].campus).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut units = Vec::new();
        for d in self.colleges.iter().filter(|d| d.mode == Mode::Independent) {
            let mut cs = vec![d.college];
            cs.extend(
                self.colleges
                    .iter()
                    .filter(|g| g.mode == Mode::Guest && g.guest_of == Some(d.college))
                    .map(|g| g.college),
            );
            units.push(TrainingUnit {
                id: sc.colleges[d.college].id.clone(),
                campuses: campuses(&cs),
                colleges: cs,
            });
        }
        for cl in &self.clusters {
            units.push(TrainingUnit {
                id: cl.id.clone(),
                colleges: cl.members.clone(),
                campuses: cl.campuses.clone(),
            });
        }
        units
    }
}

/// The guest penalty `M = 1 + Σ_{joint i} (w_per_cluster + (max_cluster_colleges − 1) · P)`,
/// `P` the largest pair cost among allowed pairs of joint colleges: more than any partition costs.
pub fn guest_penalty(inputs: &Inputs) -> f64 {
    let ft = inputs.full_time_counselors();
    let joint: Vec<CollegeIdx> = (0..ft.len())
        .filter(|&c| !inputs.rules.two_level.trains_on_its_own(ft[c]))
        .collect();
    penalty_over(inputs, &joint)
}

fn penalty_over(inputs: &Inputs, colleges: &[CollegeIdx]) -> f64 {
    let tl = &inputs.rules.two_level;
    let mut p: f64 = 0.0;
    for (k, &a) in colleges.iter().enumerate() {
        for &b in &colleges[k + 1..] {
            if let Some(m) = graph::allowed_minutes(inputs, a, b) {
                p = p.max(graph::pair_terms(inputs, a, b, m).total());
            }
        }
    }
    let per = tl.w_per_cluster + f64::from(tl.max_cluster_colleges.saturating_sub(1)) * p;
    1.0 + colleges.len() as f64 * per
}

/// Why a joint college could not be placed in a cluster.
#[derive(Debug, Clone, PartialEq)]
enum Unplaced {
    /// No allowed group containing it reaches the threshold.
    NoGroup {
        partners: Vec<CollegeIdx>,
        best_total: u32,
    },
    /// It fits some cluster, but its component cannot be partitioned completely.
    LeftOver {
        example: Vec<CollegeIdx>,
        example_total: u32,
        component: Vec<CollegeIdx>,
        left_out: usize,
    },
}

enum Outcome {
    Solved {
        clusters: Vec<Vec<CollegeIdx>>,
        unplaced: Vec<(CollegeIdx, Unplaced)>,
        candidates: usize,
        types: usize,
    },
    TooMany {
        candidates: usize,
        examined: usize,
    },
    Failed(String),
}

fn solve_component(
    inputs: &Inputs,
    comp: &graph::Component,
    ft: &[u32],
    log: (&crate::planner::ModelLog, String),
) -> Outcome {
    let limits = (graph::MAX_CANDIDATES, graph::MAX_CLIQUES_EXAMINED);
    let (types, candidates, reach) = match graph::enumerate(inputs, comp, ft, limits) {
        graph::Enumerated::Complete {
            types,
            candidates,
            reach,
        } => (types, candidates, reach),
        graph::Enumerated::TooMany {
            candidates,
            examined,
        } => {
            return Outcome::TooMany {
                candidates,
                examined,
            };
        }
    };
    let penalty = penalty_over(inputs, &comp.colleges);
    let chosen = match model::solve(&types, &candidates, penalty, log) {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let col = |l: usize| comp.colleges[l];
    // Hand out the colleges of each type in college order: candidates by ascending index, copy
    // by copy; whoever is left of a type is a guest.
    let mut next: Vec<usize> = vec![0; types.members.len()];
    let mut clusters: Vec<Vec<CollegeIdx>> = Vec::new();
    for &(s, copies) in &chosen.clusters {
        for _ in 0..copies {
            let mut members = Vec::new();
            for &(t, mult) in &candidates[s].types {
                for _ in 0..mult {
                    if let Some(&l) = types.members[t].get(next[t]) {
                        members.push(col(l));
                    }
                    next[t] += 1;
                }
            }
            members.sort_unstable();
            clusters.push(members);
        }
    }
    let left: Vec<usize> = types
        .members
        .iter()
        .enumerate()
        .flat_map(|(t, m)| m.iter().skip(next[t]).copied())
        .collect();
    let left_out = left.len();
    let mut unplaced: Vec<(CollegeIdx, Unplaced)> = left
        .into_iter()
        .map(|l| {
            // A college whose type is in some candidate was left over by the partition;
            // otherwise no allowed group of at most max_cluster_colleges containing it reaches
            // the threshold.
            let t = types.of[l];
            let why = match candidates.iter().find(|c| c.mult(t) > 0) {
                Some(ex) => Unplaced::LeftOver {
                    example: ex.example(&types, Some(l)).into_iter().map(col).collect(),
                    example_total: ex.total,
                    component: comp.colleges.clone(),
                    left_out,
                },
                None => Unplaced::NoGroup {
                    partners: (0..comp.colleges.len())
                        .filter(|&o| comp.adj[l][o])
                        .map(col)
                        .collect(),
                    best_total: reach[t],
                },
            };
            (col(l), why)
        })
        .collect();
    unplaced.sort_by_key(|u| u.0);
    Outcome::Solved {
        clusters,
        unplaced,
        candidates: candidates.len(),
        types: types.members.len(),
    }
}

/// Decide every college's mode and the optimal joint clusters. See the module documentation for
/// the rules and the objective. Never panics on valid inputs; failures are in [`TwoLevel::status`].
pub fn decide(inputs: &Inputs) -> TwoLevel {
    decide_logged(inputs, &crate::planner::ModelLog::off())
}

/// [`decide`], handing each component's model to `log` (`clusters-<n>.mps`, components in
/// order of their first college).
pub fn decide_logged(inputs: &Inputs, log: &crate::planner::ModelLog) -> TwoLevel {
    let mut r = decide_once(inputs, log);
    r.fixes = fixes::find(inputs, &r);
    r
}

/// The decision alone, without looking for fixes.
fn decide_once(inputs: &Inputs, log: &crate::planner::ModelLog) -> TwoLevel {
    let tl = &inputs.rules.two_level;
    let ft = inputs.full_time_counselors();
    let n = inputs.scenario.colleges.len();
    let joint: Vec<CollegeIdx> = (0..n).filter(|&c| !tl.trains_on_its_own(ft[c])).collect();
    let independent: Vec<CollegeIdx> = (0..n).filter(|&c| tl.trains_on_its_own(ft[c])).collect();

    let g = graph::build(inputs, &joint);
    let comps = graph::components(&g);
    let outcomes: Vec<Outcome> = comps
        .par_iter()
        .enumerate()
        .map(|(i, c)| solve_component(inputs, c, &ft, (log, format!("clusters-{}.mps", i + 1))))
        .collect();

    let mut components = Vec::with_capacity(comps.len());
    let mut members: Vec<Vec<CollegeIdx>> = Vec::new();
    let mut unplaced: Vec<(CollegeIdx, Unplaced)> = Vec::new();
    let mut too_many: Vec<Finding> = Vec::new();
    let mut unsolved: Vec<CollegeIdx> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for (comp, out) in comps.iter().zip(outcomes) {
        let mut info = ComponentInfo {
            colleges: comp.colleges.clone(),
            edges: comp.edges,
            types: None,
            candidates: None,
        };
        match out {
            Outcome::Solved {
                clusters,
                unplaced: u,
                candidates,
                types,
            } => {
                info.types = Some(types);
                info.candidates = Some(candidates);
                members.extend(clusters);
                unplaced.extend(u);
            }
            Outcome::TooMany {
                candidates,
                examined,
            } => {
                too_many.push(too_many_finding(inputs, comp, candidates, examined));
                unsolved.extend(&comp.colleges);
            }
            Outcome::Failed(e) => {
                errors.push(format!("component {}: {e}", ids(inputs, &comp.colleges)));
                unsolved.extend(&comp.colleges);
            }
        }
        components.push(info);
    }
    members.sort_by_key(|m| m.first().copied());
    unplaced.sort_by_key(|u| u.0);

    let clusters: Vec<Cluster> = members
        .into_iter()
        .enumerate()
        .map(|(k, m)| make_cluster(inputs, &ft, format!("J{}", k + 1), m))
        .collect();

    let mut decisions: Vec<CollegeDecision> = (0..n)
        .map(|c| CollegeDecision {
            college: c,
            full_time: ft[c],
            mode: if tl.trains_on_its_own(ft[c]) {
                Mode::Independent
            } else {
                Mode::Joint
            },
            cluster: None,
            guest_of: None,
            reason: Text::default(),
        })
        .collect();
    for d in decisions.iter_mut().filter(|d| d.mode == Mode::Independent) {
        d.reason = Text::new(
            format!(
                "{} 名专职辅导员 ≥ {}（two_level.independent_min），单独开展院级培训",
                d.full_time, tl.independent_min
            ),
            format!(
                "{} full-time counselors >= {} (two_level.independent_min): trains on its own",
                d.full_time, tl.independent_min
            ),
        );
    }
    for (k, cl) in clusters.iter().enumerate() {
        for &c in &cl.members {
            decisions[c].cluster = Some(k);
            decisions[c].reason = joint_reason(inputs, &ft, c, cl);
        }
    }
    for &c in &unsolved {
        let r = small(inputs, &ft, c);
        decisions[c].reason = Text::new(
            format!("{}；所在分量未求解（见说明）", r.zh),
            format!(
                "{}; its component was not solved (see the explanation)",
                r.en
            ),
        );
    }

    let mut infeasible: Vec<Finding> = Vec::new();
    for (c, why) in &unplaced {
        let c = *c;
        let base = unplaced_text(inputs, &ft, c, why);
        let d = &mut decisions[c];
        match tl.unreachable {
            Unreachable::Infeasible => {
                d.reason = Text::new(
                    format!(
                        "{}；按 two_level.unreachable = \"infeasible\"，方案不可行",
                        base.zh
                    ),
                    format!(
                        "{}; two_level.unreachable = \"infeasible\", so the plan is infeasible",
                        base.en
                    ),
                );
                infeasible.push(Finding {
                    rule: "two_level.unreachable",
                    colleges: vec![c],
                    text: d.reason.clone(),
                });
            }
            Unreachable::Guest => match nearest_host(inputs, c, &independent) {
                Some((h, m)) => {
                    d.mode = Mode::Guest;
                    d.guest_of = Some(h);
                    d.reason = guest_reason(inputs, c, h, m, &base);
                }
                None => {
                    let why = if independent.is_empty() {
                        Text::new(
                            "没有任何可单独培训的学院可供随训",
                            "there is no independent college at all to join",
                        )
                    } else {
                        Text::new(
                            format!(
                                "没有可单独培训的学院与{}有交通往来（travel）",
                                campus_name(inputs, c)
                            ),
                            format!(
                                "no independent college has a travel entry to {}",
                                campus_name(inputs, c)
                            ),
                        )
                    };
                    d.reason = Text::new(
                        format!(
                            "{}；按 two_level.unreachable = \"guest\" 应随训，但{}，方案不可行",
                            base.zh, why.zh
                        ),
                        format!(
                            "{}; two_level.unreachable = \"guest\" asks it to join an independent college, but {}, so the plan is infeasible",
                            base.en, why.en
                        ),
                    );
                    infeasible.push(Finding {
                        rule: "two_level.unreachable",
                        colleges: vec![c],
                        text: d.reason.clone(),
                    });
                }
            },
        }
    }

    let mut objective = Objective {
        guest_penalty: guest_penalty(inputs),
        ..Objective::default()
    };
    for cl in &clusters {
        objective.terms.add(&cl.terms);
    }
    objective.guests = decisions.iter().filter(|d| d.mode == Mode::Guest).count();

    let status = if !errors.is_empty() {
        Status::Error(errors.join("; "))
    } else if !too_many.is_empty() {
        Status::Unsolved(too_many)
    } else if !infeasible.is_empty() {
        Status::Infeasible(infeasible)
    } else {
        Status::Optimal
    };
    TwoLevel {
        status,
        colleges: decisions,
        clusters,
        objective,
        components,
        fixes: Vec::new(),
    }
}

/// Format a number without needless decimals (`30`, `12.5`).
pub(crate) fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{:.0}", x)
    } else {
        let s = format!("{:.2}", x);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn ids(inputs: &Inputs, cs: &[CollegeIdx]) -> String {
    cs.iter()
        .map(|&c| inputs.scenario.colleges[c].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `名称（id）` for each college, joined.
fn names(inputs: &Inputs, cs: &[CollegeIdx], sep: &str) -> String {
    cs.iter()
        .map(|&c| {
            let col = &inputs.scenario.colleges[c];
            format!("{}（{}）", col.name, col.id)
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// `名称 (id)` for each college, joined (English punctuation).
fn names_en(inputs: &Inputs, cs: &[CollegeIdx]) -> String {
    cs.iter()
        .map(|&c| {
            let col = &inputs.scenario.colleges[c];
            format!("{} ({})", col.name, col.id)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `id (n)` / `id（n）` for each college.
fn counted(inputs: &Inputs, ft: &[u32], cs: &[CollegeIdx], zh: bool) -> String {
    cs.iter()
        .map(|&c| {
            let id = &inputs.scenario.colleges[c].id;
            if zh {
                format!("{id}（{}）", ft[c])
            } else {
                format!("{id} ({})", ft[c])
            }
        })
        .collect::<Vec<_>>()
        .join(if zh { "、" } else { ", " })
}

fn campus_name(inputs: &Inputs, c: CollegeIdx) -> String {
    let sc = &inputs.scenario;
    sc.campuses[sc.colleges[c].campus].name.clone()
}

fn small(inputs: &Inputs, ft: &[u32], c: CollegeIdx) -> Text {
    let min = inputs.rules.two_level.independent_min;
    Text::new(
        format!(
            "{} 名专职辅导员 < {min}（two_level.independent_min）",
            ft[c]
        ),
        format!(
            "{} full-time counselors < {min} (two_level.independent_min)",
            ft[c]
        ),
    )
}

fn make_cluster(inputs: &Inputs, ft: &[u32], id: String, members: Vec<CollegeIdx>) -> Cluster {
    let sc = &inputs.scenario;
    let terms = graph::cluster_terms(inputs, &members).unwrap_or_default();
    let full_time = members.iter().map(|&c| ft[c]).sum();
    let mut campuses: Vec<CampusIdx> = members.iter().map(|&c| sc.colleges[c].campus).collect();
    campuses.sort_unstable();
    campuses.dedup();
    let mut max_minutes: f64 = 0.0;
    for (k, &a) in members.iter().enumerate() {
        for &b in &members[k + 1..] {
            max_minutes = max_minutes.max(graph::allowed_minutes(inputs, a, b).unwrap_or(0.0));
        }
    }
    let mut cl = Cluster {
        id,
        members,
        full_time,
        campuses,
        max_minutes,
        terms,
        reason: Text::default(),
    };
    let fit = fit_text(inputs, &cl);
    cl.reason = Text::new(
        format!(
            "{}；代价 {} = 车程 {} + 学科差异 {} + 学段差异 {} + 每组 {}（最小代价划分选中）",
            fit.zh,
            num(terms.total()),
            num(terms.travel),
            num(terms.discipline_mismatch),
            num(terms.stage_mismatch),
            num(terms.clusters)
        ),
        format!(
            "{}; cost {} = travel {} + discipline_mismatch {} + stage_mismatch {} + clusters {} (chosen by the minimum-cost partition)",
            fit.en,
            num(terms.total()),
            num(terms.travel),
            num(terms.discipline_mismatch),
            num(terms.stage_mismatch),
            num(terms.clusters)
        ),
    );
    cl
}

/// Why a cluster satisfies the hard rules and how alike its members are.
fn fit_text(inputs: &Inputs, cl: &Cluster) -> Text {
    let sc = &inputs.scenario;
    let tl = &inputs.rules.two_level;
    let k = cl.members.len();
    let pairs = k * k.saturating_sub(1) / 2;
    let travel = if cl.campuses.len() <= 1 {
        let name = cl
            .campuses
            .first()
            .map_or(String::new(), |&c| sc.campuses[c].name.clone());
        Text::new(format!("同在{name}"), format!("all on {name}"))
    } else {
        Text::new(
            format!(
                "最长单程 {} 分钟 ≤ {}（two_level.max_travel_minutes）",
                num(cl.max_minutes),
                num(tl.max_travel_minutes)
            ),
            format!(
                "longest trip {} min <= {} (two_level.max_travel_minutes)",
                num(cl.max_minutes),
                num(tl.max_travel_minutes)
            ),
        )
    };
    let alike = |label_zh: &str, label_en: &str, get: &dyn Fn(CollegeIdx) -> String| -> Text {
        let mut vals: Vec<String> = cl.members.iter().map(|&c| get(c)).collect();
        let mut differ = 0;
        for (i, a) in vals.iter().enumerate() {
            differ += vals[i + 1..].iter().filter(|b| *b != a).count();
        }
        vals.sort();
        vals.dedup();
        if differ == 0 {
            Text::new(
                format!("{label_zh}相同（{}）", vals.join("")),
                format!("same {label_en} ({})", vals.join("")),
            )
        } else {
            Text::new(
                format!("{label_zh}：{}（{differ}/{pairs} 对不同）", vals.join("、")),
                format!(
                    "{label_en}s {} ({differ} of {pairs} pairs differ)",
                    vals.join(", ")
                ),
            )
        }
    };
    let disc = alike("学科", "discipline", &|c| {
        sc.colleges[c].discipline.clone()
    });
    let stage = alike("学段", "stage", &|c| sc.colleges[c].stage.clone());
    Text::new(
        format!(
            "合计 {} ≥ {}（two_level.independent_min），{} 所 ≤ {}（two_level.max_cluster_colleges），{}，{}，{}",
            cl.full_time,
            tl.independent_min,
            k,
            tl.max_cluster_colleges,
            travel.zh,
            disc.zh,
            stage.zh
        ),
        format!(
            "total {} >= {} (two_level.independent_min), {} colleges <= {} (two_level.max_cluster_colleges), {}, {}, {}",
            cl.full_time,
            tl.independent_min,
            k,
            tl.max_cluster_colleges,
            travel.en,
            disc.en,
            stage.en
        ),
    )
}

fn joint_reason(inputs: &Inputs, ft: &[u32], c: CollegeIdx, cl: &Cluster) -> Text {
    let others: Vec<CollegeIdx> = cl.members.iter().copied().filter(|&o| o != c).collect();
    let s = small(inputs, ft, c);
    let fit = fit_text(inputs, cl);
    if others.is_empty() {
        return Text::new(
            format!("{}；单独组成联合培训组 {}：{}", s.zh, cl.id, fit.zh),
            format!("{}; forms joint cluster {} alone: {}", s.en, cl.id, fit.en),
        );
    }
    Text::new(
        format!(
            "{}；与{}联合培训（{}）：{}",
            s.zh,
            names(inputs, &others, "、"),
            cl.id,
            fit.zh
        ),
        format!(
            "{}; trains jointly with {} in {}: {}",
            s.en,
            names_en(inputs, &others),
            cl.id,
            fit.en
        ),
    )
}

fn unplaced_text(inputs: &Inputs, ft: &[u32], c: CollegeIdx, why: &Unplaced) -> Text {
    let tl = &inputs.rules.two_level;
    let min = tl.independent_min;
    let kmax = tl.max_cluster_colleges;
    let col = &inputs.scenario.colleges[c];
    let who_zh = format!(
        "{}（{}）有 {} 名专职辅导员 < {min}（two_level.independent_min）",
        col.name, col.id, ft[c]
    );
    let who_en = format!(
        "{} ({}) has {} full-time counselors < {min} (two_level.independent_min)",
        col.name, col.id, ft[c]
    );
    match why {
        Unplaced::NoGroup { partners, .. } if partners.is_empty() => Text::new(
            format!(
                "{who_zh}，且没有可联合的学院：{}没有其他需联合培训的学院，其他校区也没有在 {} 分钟（two_level.max_travel_minutes）车程内的",
                campus_name(inputs, c),
                num(tl.max_travel_minutes)
            ),
            format!(
                "{who_en}, and no allowed partner: no other joint college on {}, and none on a campus within {} minutes (two_level.max_travel_minutes)",
                campus_name(inputs, c),
                num(tl.max_travel_minutes)
            ),
        ),
        Unplaced::NoGroup {
            partners,
            best_total,
        } => Text::new(
            format!(
                "{who_zh}；可联合的学院 {} 在每组至多 {kmax} 所（two_level.max_cluster_colleges）的条件下最多合计 {best_total} < {min}",
                counted(inputs, ft, partners, true)
            ),
            format!(
                "{who_en}; its allowed partners {} reach at most {best_total} < {min} (two_level.independent_min) within two_level.max_cluster_colleges = {kmax}",
                counted(inputs, ft, partners, false)
            ),
        ),
        Unplaced::LeftOver {
            example,
            example_total,
            component,
            left_out,
        } => Text::new(
            format!(
                "{who_zh}；它本可与其他学院组成联合培训组（如 {}，合计 {example_total} ≥ {min}），但与它经由可联合关系相连的 {} 所学院（含自身）{} 无法全部分入合计 ≥ {min}、至多 {kmax} 所（two_level.max_cluster_colleges）的联合培训组：至少剩下 {left_out} 所，最低代价方案剩下的是它",
                counted(inputs, ft, example, true),
                component.len(),
                counted(inputs, ft, component, true)
            ),
            format!(
                "{who_en}; it could join a cluster (e.g. {}, total {example_total} >= {min}), but the {} colleges linked to it by allowed pairs (itself included), {}, cannot all be placed in clusters of total >= {min} with at most {kmax} colleges (two_level.max_cluster_colleges): at least {left_out} must be left out, and the cheapest such partition leaves out this one",
                counted(inputs, ft, example, false),
                component.len(),
                counted(inputs, ft, component, false)
            ),
        ),
    }
}

/// The nearest independent college for a guest: fewest travel minutes (same campus = 0), then same
/// discipline, then college order. Colleges without a travel entry are not considered.
fn nearest_host(
    inputs: &Inputs,
    c: CollegeIdx,
    independent: &[CollegeIdx],
) -> Option<(CollegeIdx, f64)> {
    let disc = &inputs.scenario.colleges[c].discipline;
    independent
        .iter()
        .filter_map(|&h| graph::minutes(inputs, c, h).map(|m| (h, m)))
        .min_by(|a, b| {
            let da = inputs.scenario.colleges[a.0].discipline != *disc;
            let db = inputs.scenario.colleges[b.0].discipline != *disc;
            a.1.total_cmp(&b.1).then(da.cmp(&db)).then(a.0.cmp(&b.0))
        })
}

fn guest_reason(inputs: &Inputs, c: CollegeIdx, h: CollegeIdx, m: f64, base: &Text) -> Text {
    let sc = &inputs.scenario;
    let tl = &inputs.rules.two_level;
    let host = &sc.colleges[h];
    let same = host.discipline == sc.colleges[c].discipline;
    let (far_zh, far_en) = if m > tl.max_travel_minutes {
        (
            format!(
                "，超过 {} 分钟（two_level.max_travel_minutes），但已是最近",
                num(tl.max_travel_minutes)
            ),
            format!(
                ", beyond {} minutes (two_level.max_travel_minutes) but the nearest there is",
                num(tl.max_travel_minutes)
            ),
        )
    } else {
        (String::new(), String::new())
    };
    Text::new(
        format!(
            "{}；按 two_level.unreachable = \"guest\"，随最近的单独培训学院 {}（{}）参加院级培训：{}，单程 {} 分钟{}{}",
            base.zh,
            host.name,
            host.id,
            sc.campuses[host.campus].name,
            num(m),
            if same { "，学科相同" } else { "" },
            far_zh
        ),
        format!(
            "{}; under two_level.unreachable = \"guest\" it joins the training of the nearest independent college, {} ({}): {}, {} min one way{}{}",
            base.en,
            host.name,
            host.id,
            sc.campuses[host.campus].name,
            num(m),
            if same { ", same discipline" } else { "" },
            far_en
        ),
    )
}

fn too_many_finding(
    inputs: &Inputs,
    comp: &graph::Component,
    candidates: usize,
    examined: usize,
) -> Finding {
    let tl = &inputs.rules.two_level;
    Finding {
        rule: "two_level.max_cluster_colleges",
        colleges: comp.colleges.clone(),
        text: Text::new(
            format!(
                "{} 所经由可联合关系相连的学院（{}）在每组至多 {} 所的条件下候选联合培训组过多（已枚举 {candidates} 个候选、检查 {examined} 个组合，上限 {} / {}），未求解；请减小 two_level.max_cluster_colleges 或 two_level.max_travel_minutes",
                comp.colleges.len(),
                ids(inputs, &comp.colleges),
                tl.max_cluster_colleges,
                graph::MAX_CANDIDATES,
                graph::MAX_CLIQUES_EXAMINED
            ),
            format!(
                "{} joint colleges linked by allowed pairs ({}) with up to {} per cluster give too many candidate clusters ({candidates} candidates found, {examined} groups examined; limits {} / {}), so they were not solved; lower two_level.max_cluster_colleges or two_level.max_travel_minutes",
                comp.colleges.len(),
                ids(inputs, &comp.colleges),
                tl.max_cluster_colleges,
                graph::MAX_CANDIDATES,
                graph::MAX_CLIQUES_EXAMINED
            ),
        ),
    }
}
