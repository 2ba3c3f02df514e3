//! The studio oracle: re-verifies a staffing from the plan file's `studios` key and the inputs
//! alone, without trusting the solver — every hard rule of `[studios]` — and recomputes the
//! documented objective from the assignment.

use std::collections::{BTreeMap, BTreeSet};

use fudao::domain::eligibility::{self, Verdict};
use fudao::domain::profile;
use fudao::domain::{Inputs, PersonIdx};
use fudao::wire::{ObjectiveOut, StudioOut, ViolationOut};

/// What the checker found.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// Hard rules broken (empty when the staffing holds every rule).
    pub violations: Vec<ViolationOut>,
    /// The objective recomputed from the assignment.
    pub objective: ObjectiveOut,
    /// Studios with a lead.
    pub staffed: usize,
}

/// Check `studios` (as in plan.json) against the inputs' rules.
pub fn check(inputs: &Inputs, studios: &[StudioOut]) -> CheckReport {
    let rules = &inputs.rules;
    let sr = &rules.studios;
    let sc = &inputs.scenario;
    let at = sc.semester.start;
    let profiles = profile::classify(inputs);
    let mut v = Vec::new();
    let mut bad = |rule: &str, message: String| {
        v.push(ViolationOut {
            rule: rule.to_string(),
            message,
        })
    };

    // One studio per listed duty.
    let mut want: BTreeMap<&str, usize> = BTreeMap::new();
    for &d in &sr.duties {
        *want.entry(rules.duties[d].id.as_str()).or_default() += 1;
    }
    let mut have: BTreeMap<&str, usize> = BTreeMap::new();
    for s in studios {
        *have.entry(s.duty.as_str()).or_default() += 1;
    }
    for (d, &n) in &want {
        let h = have.get(d).copied().unwrap_or(0);
        if h != n {
            bad(
                "studios.duties",
                format!("duty {d}: {h} studio entries, expected {n}"),
            );
        }
    }
    for d in have.keys().filter(|d| !want.contains_key(*d)) {
        bad(
            "studios.duties",
            format!("duty {d} is not in studios.duties"),
        );
    }

    let w = &sr.weights;
    let mut terms: BTreeMap<String, f64> = [
        "specialty_match",
        "new_by_specialty",
        "backbone",
        "lead_seniority",
        "college_spread",
        "member",
        "title_waiver",
    ]
    .iter()
    .map(|k| (k.to_string(), 0.0))
    .collect();
    let mut add = |k: &str, x: f64| {
        if let Some(t) = terms.get_mut(k) {
            *t += x;
        }
    };
    let mut per_person: BTreeMap<PersonIdx, usize> = BTreeMap::new();
    let mut staffed = 0;
    for s in studios {
        let duty = rules.duty(&s.duty);
        let resolve = |id: &String| sc.person(id);
        let Some(lead_id) = &s.lead else {
            if !s.backbone.is_empty() || !s.members.is_empty() {
                bad(
                    "studios.lead",
                    format!("studio {} has a team but no lead", s.duty),
                );
            }
            continue;
        };
        staffed += 1;
        let mut team: Vec<PersonIdx> = Vec::new();
        let mut backbone = 0usize;
        for (id, role) in std::iter::once((lead_id, "lead"))
            .chain(s.backbone.iter().map(|b| (b, "backbone")))
            .chain(s.members.iter().map(|m| (m, "member")))
        {
            let Some(p) = resolve(id) else {
                bad(
                    "studios",
                    format!("studio {}: unknown person id {id}", s.duty),
                );
                continue;
            };
            let person = &sc.people[p];
            if team.contains(&p) {
                bad(
                    "studios",
                    format!(
                        "studio {}: {} ({id}) is on the team twice",
                        s.duty, person.name
                    ),
                );
                continue;
            }
            team.push(p);
            *per_person.entry(p).or_default() += 1;
            if !sr.member_roles.contains(&person.role) {
                bad(
                    "studios.member_roles",
                    format!(
                        "studio {}: {} ({id}) has role {}, not a team role",
                        s.duty, person.name, rules.roles[person.role].id
                    ),
                );
            }
            match role {
                "lead" => {
                    let e = eligibility::lead(rules, person, at);
                    match e.verdict {
                        Verdict::Ineligible => {
                            for g in e.gaps() {
                                bad(
                                    &g.rule,
                                    format!(
                                        "studio {}: lead {} ({id}) — {}",
                                        s.duty, person.name, g.en
                                    ),
                                );
                            }
                        }
                        Verdict::WithWaiver => {
                            if !s.title_waived {
                                bad(
                                    "studios.lead.title_waivable",
                                    format!(
                                        "studio {}: lead {} ({id}) needs the title waiver but title_waived is false",
                                        s.duty, person.name
                                    ),
                                );
                            }
                            add("title_waiver", -sr.lead.title_waiver_cost);
                        }
                        Verdict::Eligible => {
                            if s.title_waived {
                                bad(
                                    "studios.lead.title_waivable",
                                    format!(
                                        "studio {}: lead {} ({id}) meets the title condition but title_waived is true",
                                        s.duty, person.name
                                    ),
                                );
                            }
                        }
                    }
                    let years = person.years_as_counselor(at);
                    let steps = years.saturating_sub(sr.lead.min_years_as_counselor).min(10);
                    add("lead_seniority", w.lead_seniority * f64::from(steps));
                }
                "backbone" => {
                    let e = eligibility::backbone(rules, person, at);
                    if e.verdict != Verdict::Eligible {
                        for g in e.gaps() {
                            bad(
                                &g.rule,
                                format!(
                                    "studio {}: backbone {} ({id}) — {}",
                                    s.duty, person.name, g.en
                                ),
                            );
                        }
                    }
                    backbone += 1;
                    add("backbone", w.backbone);
                }
                _ => {}
            }
            add("member", w.member);
            if duty.is_some_and(|d| person.specialties.contains(&d)) {
                add("specialty_match", w.specialty_match);
                if profiles.is_in(p, sr.new_counselor_group) {
                    add("new_by_specialty", w.new_by_specialty);
                }
            }
        }
        let size = team.len() as u32;
        if size < sr.min_size || size > sr.max_size {
            bad(
                if size < sr.min_size {
                    "studios.min_size"
                } else {
                    "studios.max_size"
                },
                format!(
                    "studio {}: {size} people, allowed {}..{}",
                    s.duty, sr.min_size, sr.max_size
                ),
            );
        }
        if (backbone as u32) < sr.min_backbone {
            bad(
                "studios.min_backbone",
                format!(
                    "studio {}: {backbone} backbone members, at least {} required",
                    s.duty, sr.min_backbone
                ),
            );
        }
        let mut colleges: BTreeMap<usize, u32> = BTreeMap::new();
        for &p in &team {
            if let Some(c) = sc.people[p].college {
                *colleges.entry(c).or_default() += 1;
            }
        }
        for (&c, &k) in &colleges {
            if k > sr.max_per_college {
                bad(
                    "studios.max_per_college",
                    format!(
                        "studio {}: {k} people from {}, at most {}",
                        s.duty, sc.colleges[c].name, sr.max_per_college
                    ),
                );
            }
        }
        add("college_spread", w.college_spread * colleges.len() as f64);
    }
    let seen: BTreeSet<PersonIdx> = per_person.keys().copied().collect();
    for p in seen {
        let k = per_person.get(&p).copied().unwrap_or(0);
        if k > sr.max_studios_per_person as usize {
            bad(
                "studios.max_studios_per_person",
                format!(
                    "{} ({}) is in {k} studios, at most {}",
                    sc.people[p].name, sc.people[p].id, sr.max_studios_per_person
                ),
            );
        }
    }
    let total = terms.values().sum();
    CheckReport {
        violations: v,
        objective: ObjectiveOut { total, terms },
        staffed,
    }
}
