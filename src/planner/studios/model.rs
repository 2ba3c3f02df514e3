//! The studio-staffing MILP: the only place that holds solver variables.
//!
//! Variables (pruned before they are created):
//! - `lead[p,s]` ∈ {0,1} for people who may lead (eligible, or eligible with the title waived) and
//!   are in `studios.member_roles`;
//! - `on[p,s]` ∈ {0,1}, on the team not as lead, for people in `studios.member_roles`, only in
//!   studios with at least one lead variable; the role is backbone when the person is
//!   backbone-eligible, member otherwise;
//! - `spread[c,s]` ∈ [0,1] continuous, for colleges with people on teams, when the college-spread
//!   weight is positive.
//!
//! Constraints per studio s (`staffed(s) = Σ_p lead[p,s]`):
//! `staffed(s) ≤ 1`; `min_size·staffed(s) ≤ Σ_p (on+lead)[p,s] ≤ max_size·staffed(s)`;
//! `Σ_{p backbone-eligible} on[p,s] ≥ min_backbone·staffed(s)`;
//! `Σ_{p ∈ c} (on+lead)[p,s] ≤ max_per_college` (only when college c has more people than that);
//! `spread[c,s] ≤ Σ_{p ∈ c} (on+lead)[p,s]`; `on[p,s] + lead[p,s] ≤ 1`.
//! Per person: `Σ_s (on+lead)[p,s] ≤ max_studios_per_person` (only when that is below the studio
//! count).
//!
//! Two lexicographic phases, each a MILP over these variables:
//! 1. **Count**: maximise `Σ_s staffed(s)` subject to `Σ_s staffed(s) ≤ K`, where `K` is
//!    [`staffed_bound`] (a counting bound: leads, team sizes, backbone, college caps). Studios are
//!    interchangeable for feasibility, so their symmetry is broken: `staffed(s) ≥ staffed(s+1)` and
//!    the leads' candidate ranks increase from studio to studio.
//! 2. **Total**: maximise the documented total subject to `Σ_s staffed(s) = K*` from phase 1.
//!    When `K* < n`, which studios to staff is part of the choice, and the constraints are
//!    disaggregated (`on[p,s] ≤ staffed(s)`, college cap `≤ max_per_college·staffed(s)`,
//!    `spread[c,s] ≤ staffed(s)`) so the LP cannot spread fractional teams over every studio.
//!
//! Without the bound, the symmetry breaking and the disaggregation, `microlp` needed seconds to
//! minutes whenever some studio could not be staffed (a 19-person roster: 3.4 s for the main solve,
//! 35 s for one explanation re-solve); with them every solve on the bundled scenarios and their
//! rule variants takes well under 0.2 s.

use std::collections::BTreeMap;

use good_lp::{Expression, Variable};

use super::{Instance, ModelSize, Team};
use crate::domain::{CollegeIdx, PersonIdx};
use crate::planner::solver::{Model, Sense, SolveError, SolveStatus};

/// Which of the two lexicographic phases a model is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Maximise the number of staffed studios, at most `at_most` (a valid upper bound), with the
    /// studios' symmetry broken (only when no lead is forbidden, so studios are interchangeable).
    Count { at_most: usize, symmetric: bool },
    /// Maximise the documented total with exactly `staffed` studios staffed.
    Total { staffed: usize },
}

/// A solved model, in domain terms.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// One per studio.
    pub teams: Vec<Option<Team>>,
    /// Optimal or merely feasible.
    pub status: SolveStatus,
    /// Model size (of the total phase).
    pub size: ModelSize,
}

fn sum(vars: impl IntoIterator<Item = Variable>) -> Expression {
    let mut e = Expression::default();
    for v in vars {
        e.add_mul(1.0, v);
    }
    e
}

/// A combinatorial upper bound on the number of studios the rules can staff together (each
/// person has `min(max_studios_per_person, n)` places): leads, team sizes, backbone members,
/// and the college cap. Used as a cut `Σ staffed ≤ bound` that closes most of the LP gap.
pub(crate) fn staffed_bound(inst: &Instance) -> usize {
    let n = inst.duties.len();
    let places = (inst.max_per_person as usize).min(n);
    let leads = inst.people.iter().filter(|f| f.can_lead()).count();
    let team = inst.people.iter().filter(|f| f.on_team).count();
    let backbone = inst.people.iter().filter(|f| f.can_backbone()).count();
    let lead_or_backbone = inst
        .people
        .iter()
        .filter(|f| f.can_lead() || f.can_backbone())
        .count();
    let mut k = n.min(leads * places);
    k = k.min(team * places / (inst.min_size.max(1) as usize));
    k = k.min(lead_or_backbone * places / (1 + inst.min_backbone as usize));
    if inst.min_backbone > 0 {
        k = k.min(backbone * places / inst.min_backbone as usize);
    }
    // with at most `cap` people of a college per studio, k studios hold at most
    // Σ_c min(|c|·places, cap·k) + (school-level people)·places
    let mut by_college: BTreeMap<Option<CollegeIdx>, usize> = BTreeMap::new();
    for f in inst.people.iter().filter(|f| f.on_team) {
        *by_college.entry(f.college).or_default() += 1;
    }
    let cap = inst.max_per_college as usize;
    let min_size = inst.min_size as usize;
    while k > 0 {
        let room: usize = by_college
            .iter()
            .map(|(c, &m)| match c {
                Some(_) => (m * places).min(cap * k),
                None => m * places,
            })
            .sum();
        if room >= k * min_size {
            break;
        }
        k -= 1;
    }
    k
}

/// The lexicographic optimum: the most studios staffed, then the best total with that many.
/// `forbid` = (studio, person): that person may not lead that studio (for the regret re-solves).
pub(crate) fn optimise(
    inst: &Instance,
    forbid: Option<(usize, PersonIdx)>,
) -> Result<Outcome, SolveError> {
    let count = max_staffed(inst, forbid)?;
    let mut total = solve(inst, Phase::Total { staffed: count.0 }, forbid)?;
    if count.1 == SolveStatus::Feasible {
        total.status = SolveStatus::Feasible;
    }
    Ok(total)
}

/// Like [`optimise`] when the most studios staffed without the `forbid` is already known to be
/// `staffed`: forbidding one lead for one studio leaves that count unchanged whenever some studio
/// is unstaffed (studios are interchangeable for feasibility, so the team can move) and lowers it
/// by at most one otherwise. Try `staffed` first and count only when that is infeasible.
pub(crate) fn optimise_forbidding(
    inst: &Instance,
    forbid: (usize, PersonIdx),
    staffed: usize,
) -> Result<Outcome, SolveError> {
    match solve(inst, Phase::Total { staffed }, Some(forbid)) {
        Err(SolveError::Infeasible) => optimise(inst, Some(forbid)),
        other => other,
    }
}

/// The most studios the rules can staff together, and whether that is proven.
pub(crate) fn max_staffed(
    inst: &Instance,
    forbid: Option<(usize, PersonIdx)>,
) -> Result<(usize, SolveStatus), SolveError> {
    let bound = staffed_bound(inst);
    if bound == 0 {
        return Ok((0, SolveStatus::Optimal));
    }
    let out = solve(
        inst,
        Phase::Count {
            at_most: bound,
            symmetric: forbid.is_none(),
        },
        forbid,
    )?;
    Ok((out.teams.iter().filter(|t| t.is_some()).count(), out.status))
}

/// Build and solve one phase. `forbid` = (studio, person): that person may not lead that studio.
/// Within the time left ([`Instance::deadline`]); a search the limit stopped before it found any
/// staffing runs again without it (the staffing is needed for every later stage).
fn solve(
    inst: &Instance,
    phase: Phase,
    forbid: Option<(usize, PersonIdx)>,
) -> Result<Outcome, SolveError> {
    let left = inst.deadline.left();
    match solve_within(inst, phase, forbid, left) {
        Err(SolveError::Other(_)) if left.is_some() => {
            inst.deadline.mark();
            solve_within(inst, phase, forbid, None)
        }
        other => other,
    }
}

/// [`solve`] with this time limit.
fn solve_within(
    inst: &Instance,
    phase: Phase,
    forbid: Option<(usize, PersonIdx)>,
    time_limit: Option<f64>,
) -> Result<Outcome, SolveError> {
    let n = inst.duties.len();
    let mut m = Model::new();
    let mut binaries = 0usize;

    // lead[p][s]
    let mut lead: Vec<Vec<Option<Variable>>> = vec![vec![None; n]; inst.people.len()];
    let mut has_lead = vec![false; n];
    for f in inst.people.iter().filter(|f| f.can_lead()) {
        for s in 0..n {
            if forbid == Some((s, f.person)) {
                continue;
            }
            lead[f.person][s] = Some(m.binary());
            binaries += 1;
            has_lead[s] = true;
        }
    }
    // on[p][s]
    let mut on: Vec<Vec<Option<Variable>>> = vec![vec![None; n]; inst.people.len()];
    for f in inst.people.iter().filter(|f| f.on_team) {
        for s in (0..n).filter(|&s| has_lead[s]) {
            on[f.person][s] = Some(m.binary());
            binaries += 1;
        }
    }

    let mut objective = Expression::default();
    let full = matches!(phase, Phase::Total { .. });
    let by_college: BTreeMap<CollegeIdx, Vec<PersonIdx>> = inst
        .people
        .iter()
        .filter(|f| f.on_team)
        .fold(BTreeMap::new(), |mut acc, f| {
            if let Some(c) = f.college {
                acc.entry(c).or_insert_with(Vec::new).push(f.person);
            }
            acc
        });
    let both = |p: PersonIdx, s: usize| lead[p][s].into_iter().chain(on[p][s]);

    let staffed_of = |s: usize| sum((0..inst.people.len()).filter_map(|p| lead[p][s]));
    let mut all_staffed = Expression::default();
    for s in (0..n).filter(|&s| has_lead[s]) {
        let staffed = staffed_of(s);
        m.add(staffed.clone().leq(1.0));
        all_staffed += staffed.clone();
        let team = sum((0..inst.people.len()).flat_map(|p| both(p, s)));
        let mut lo = team.clone();
        lo.add_mul(-f64::from(inst.min_size), staffed.clone());
        m.add(lo.geq(0.0));
        let mut hi = team;
        hi.add_mul(-f64::from(inst.max_size), staffed.clone());
        m.add(hi.leq(0.0));
        if inst.min_backbone > 0 {
            let mut bb = sum(inst
                .people
                .iter()
                .filter(|f| f.can_backbone())
                .filter_map(|f| on[f.person][s]));
            bb.add_mul(-f64::from(inst.min_backbone), staffed.clone());
            m.add(bb.geq(0.0));
        }
        let partial = matches!(phase, Phase::Total { staffed } if staffed < n);
        for ps in by_college.values() {
            let here = sum(ps.iter().flat_map(|&p| both(p, s)));
            if ps.len() > inst.max_per_college as usize {
                // `≤ cap · staffed(s)`: the same when staffed, tighter in the LP otherwise
                let mut cap = here.clone();
                if partial {
                    cap.add_mul(-f64::from(inst.max_per_college), staffed.clone());
                    m.add(cap.leq(0.0));
                } else {
                    m.add(cap.leq(f64::from(inst.max_per_college)));
                }
            }
            if full && inst.weights.college_spread > 0.0 {
                let c = m.continuous(0.0, 1.0);
                let mut link = Expression::from(c);
                link.add_mul(-1.0, here);
                m.add(link.leq(0.0));
                if partial {
                    let mut tie = Expression::from(c);
                    tie.add_mul(-1.0, staffed.clone());
                    m.add(tie.leq(0.0));
                }
                objective.add_mul(inst.weights.college_spread, c);
            }
        }
        // When only some studios can be staffed, which ones is part of the choice: tie each
        // person's place to the studio being staffed (on ≤ staffed), which keeps the LP from
        // spreading fractional teams over every studio.
        for p in 0..inst.people.len() {
            if let (Some(l), Some(o)) = (lead[p][s], on[p][s]) {
                m.add(sum([l, o]).leq(1.0));
            }
            if partial && let Some(o) = on[p][s] {
                let mut x = Expression::from(o);
                x.add_mul(-1.0, staffed.clone());
                m.add(x.leq(0.0));
            }
            if full {
                if let Some(l) = lead[p][s] {
                    objective.add_mul(inst.lead_value(p, s), l);
                }
                if let Some(o) = on[p][s] {
                    objective.add_mul(inst.member_value(p, s), o);
                }
            } else if let Some(l) = lead[p][s] {
                objective.add_mul(1.0, l);
            }
        }
    }
    if (inst.max_per_person as usize) < n {
        for p in 0..inst.people.len() {
            let vars: Vec<Variable> = (0..n).flat_map(|s| both(p, s)).collect();
            // With at most one variable per studio, a person with few studios open needs no row.
            let studios_open = (0..n)
                .filter(|&s| lead[p][s].is_some() || on[p][s].is_some())
                .count();
            if studios_open > inst.max_per_person as usize {
                m.add(sum(vars).leq(f64::from(inst.max_per_person)));
            }
        }
    }

    match phase {
        Phase::Total { staffed } => m.add(all_staffed.eq(staffed as f64)),
        Phase::Count { at_most, symmetric } => {
            m.add(all_staffed.leq(at_most as f64));
            if symmetric {
                // Studios are interchangeable for feasibility: staff them in order, and order
                // their leads by a candidate rank (strictly when a lead leads one studio only).
                let rank: Vec<f64> = {
                    let mut r = vec![0.0; inst.people.len()];
                    for (k, f) in inst.people.iter().filter(|f| f.can_lead()).enumerate() {
                        r[f.person] = (k + 1) as f64;
                    }
                    r
                };
                let e = inst.people.iter().filter(|f| f.can_lead()).count() as f64;
                let strict = inst.max_per_person <= 1;
                let ranked = |s: usize| {
                    let mut x = Expression::default();
                    for p in 0..inst.people.len() {
                        if let Some(l) = lead[p][s] {
                            x.add_mul(rank[p], l);
                        }
                    }
                    x
                };
                for s in 0..n.saturating_sub(1) {
                    if !(has_lead[s] && has_lead[s + 1]) {
                        continue;
                    }
                    let mut order = staffed_of(s);
                    order.add_mul(-1.0, staffed_of(s + 1));
                    m.add(order.geq(0.0));
                    // ℓ(s+1) − ℓ(s) ≥ [strict] − (E + [strict])·(1 − y(s+1))
                    let slack = e + if strict { 1.0 } else { 0.0 };
                    let mut lx = ranked(s + 1);
                    lx.add_mul(-1.0, ranked(s));
                    lx.add_mul(-slack, staffed_of(s + 1));
                    let rhs = if strict { 1.0 } else { 0.0 } - slack;
                    m.add(lx.geq(rhs));
                }
            }
        }
    }
    let size = ModelSize {
        variables: m.num_vars(),
        binaries,
        constraints: m.num_constraints(),
    };
    m.time_limit = time_limit;
    if forbid.is_none() && inst.models.wants() {
        // person and studio by their positions in the roster and in `studios.duties`
        for p in 0..inst.people.len() {
            for s in 0..n {
                if let Some(v) = lead[p][s] {
                    m.name(v, &format!("lead_p{}_s{}", p + 1, s + 1));
                }
                if let Some(v) = on[p][s] {
                    m.name(v, &format!("on_p{}_s{}", p + 1, s + 1));
                }
            }
        }
        let file = match phase {
            Phase::Count { .. } => "studios-count.mps",
            Phase::Total { .. } => "studios-total.mps",
        };
        inst.models.record(file, || {
            m.mps(file.trim_end_matches(".mps"), Sense::Maximise, &objective)
        });
    }
    let solved = m.solve(Sense::Maximise, objective)?;
    if solved.status == SolveStatus::Feasible {
        // no node limit here: only the time limit stops this search short
        inst.deadline.mark();
    }
    let mut teams = Vec::with_capacity(n);
    for s in 0..n {
        let chosen = (0..inst.people.len()).find(|&p| lead[p][s].is_some_and(|v| solved.is_on(v)));
        let Some(l) = chosen else {
            teams.push(None);
            continue;
        };
        let mut backbone = Vec::new();
        let mut members = Vec::new();
        for f in &inst.people {
            if on[f.person][s].is_some_and(|v| solved.is_on(v)) {
                if f.can_backbone() {
                    backbone.push(f.person);
                } else {
                    members.push(f.person);
                }
            }
        }
        teams.push(Some(Team {
            lead: l,
            waived: inst.people[l].needs_waiver(),
            backbone,
            members,
        }));
    }
    Ok(Outcome {
        teams,
        status: solved.status,
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::StudioWeights;
    use crate::domain::eligibility::{Eligibility, Verdict};
    use crate::planner::studios::Facts;

    fn facts(
        person: usize,
        college: Option<usize>,
        lead: Verdict,
        backbone: bool,
        on_team: bool,
    ) -> Facts {
        let e = |verdict| Eligibility {
            verdict,
            findings: Vec::new(),
        };
        Facts {
            person,
            college,
            years: 12,
            on_team,
            lead: e(lead),
            backbone: e(if backbone {
                Verdict::Eligible
            } else {
                Verdict::Ineligible
            }),
            new: false,
            specialties: vec![person % 2],
        }
    }

    fn instance(people: Vec<Facts>, studios: usize) -> Instance {
        Instance {
            duties: (0..studios).collect(),
            people,
            min_size: 2,
            max_size: 3,
            max_per_college: 2,
            max_per_person: 1,
            min_backbone: 1,
            lead_min_years: 10,
            waiver_cost: 5.0,
            weights: StudioWeights {
                specialty_match: 10.0,
                new_by_specialty: 6.0,
                backbone: 4.0,
                lead_seniority: 1.0,
                college_spread: 3.0,
                member: 1.0,
            },
            deadline: crate::planner::Deadline::unlimited(),
            models: crate::planner::ModelLog::off(),
        }
    }

    #[test]
    fn variables_the_rules_forbid_are_never_created() {
        use Verdict::*;
        let people = vec![
            facts(0, Some(0), Eligible, true, true),   // lead or backbone
            facts(1, Some(0), Ineligible, true, true), // backbone only
            facts(2, Some(1), Ineligible, false, true), // member only
            facts(3, Some(1), Eligible, true, false),  // not a team role: nothing at all
        ];
        let inst = instance(people, 2);
        let out = optimise(&inst, None).expect("solves");
        // lead: 1 person × 2 studios; on: 3 people × 2 studios
        assert_eq!(out.size.binaries, 2 + 6);
        assert_eq!(
            out.teams.iter().flatten().count(),
            1,
            "one lead, one studio"
        );
        let team = out.teams.iter().flatten().next().expect("a team");
        assert_eq!(team.lead, 0);
        assert_eq!(team.backbone, vec![1]);
        assert_eq!(team.members, vec![2]);
    }

    #[test]
    fn without_a_lead_candidate_there_is_no_team_variable() {
        let people = vec![
            facts(0, None, Verdict::Ineligible, true, true),
            facts(1, None, Verdict::Ineligible, false, true),
        ];
        let inst = instance(people, 3);
        assert_eq!(staffed_bound(&inst), 0);
        let out = optimise(&inst, None).expect("solves");
        assert_eq!(out.size.binaries, 0);
        assert!(out.teams.iter().all(Option::is_none));
    }

    #[test]
    fn a_forbidden_lead_leads_another_studio() {
        use Verdict::*;
        let people = vec![
            facts(0, Some(0), Eligible, true, true),
            facts(1, Some(1), Ineligible, true, true),
            facts(2, Some(2), Ineligible, true, true),
        ];
        let inst = instance(people, 2);
        let out = optimise(&inst, Some((0, 0))).expect("solves");
        assert!(out.teams[0].is_none());
        assert_eq!(out.teams[1].as_ref().map(|t| t.lead), Some(0));
    }

    #[test]
    fn the_staffed_bound_counts_leads_sizes_backbone_and_college_caps() {
        use Verdict::*;
        // 3 leads, 7 team people in one college, min size 2, cap 2 per college per studio
        let mut people: Vec<Facts> = (0..3)
            .map(|p| facts(p, Some(0), Eligible, true, true))
            .collect();
        people.extend((3..7).map(|p| facts(p, Some(0), Ineligible, false, true)));
        let mut inst = instance(people, 5);
        assert_eq!(
            staffed_bound(&inst),
            1,
            "lead + 1 backbone from 3 lead-or-backbone people"
        );
        inst.min_backbone = 0;
        assert_eq!(staffed_bound(&inst), 3, "three leads");
        inst.min_size = 3; // 2 per studio from the only college < 3
        assert_eq!(staffed_bound(&inst), 0);
        inst.max_per_college = 3;
        assert_eq!(staffed_bound(&inst), 2, "7 people / 3 per studio");
        inst.max_per_person = 2;
        assert_eq!(staffed_bound(&inst), 4, "14 places / 3 per studio");
    }
}
