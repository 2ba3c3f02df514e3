//! Explanations for unstaffed studios: never a bare “infeasible”.
//!
//! Three causes, checked in order: nobody may lead (the nearest candidates, what each lacks, and the
//! rule changes that would make one eligible); every eligible lead is used by other studios (`k`
//! eligible leads for `n` studios with `studios.max_studios_per_person = m`); or a lead is free but
//! the team rules cannot be met for one more studio — then each team rule is relaxed on its own
//! and the model re-solved for the number of studios it can staff, to name the rules that bind.

use std::collections::BTreeMap;

use super::model;
use super::{Cause, Instance, Near, Suggestion, Team, Unstaffed};
use crate::domain::eligibility::{self, RuleChange};
use crate::domain::{Inputs, PersonIdx, Rules};
use crate::planner::solver::SolveError;

/// How many nearest candidates to list.
const NEAREST: usize = 5;

/// People who may not lead, nearest first: fewest missed conditions (a waivable title does not
/// count), then most years, then the highest title, then roster order.
pub(crate) fn nearest(inputs: &Inputs, inst: &Instance, limit: usize) -> Vec<Near> {
    let rules = &inputs.rules;
    let at = inputs.scenario.semester.start;
    let waivable = rules.studios.lead.title_waivable;
    let mut v: Vec<(usize, u32, u32, PersonIdx)> = inst
        .people
        .iter()
        .filter(|f| !f.can_lead())
        .map(|f| {
            let rank = inputs.scenario.people[f.person]
                .title_level
                .map_or(0, |l| rules.title_levels[l].rank);
            // a waivable title is not a missed condition
            let hard = f
                .lead
                .gaps()
                .filter(|g| !(waivable && g.rule == "studios.lead.min_title_level"))
                .count();
            (hard, f.years, rank, f.person)
        })
        .collect();
    v.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
            .then(a.3.cmp(&b.3))
    });
    v.into_iter()
        .take(limit)
        .map(|(_, years, _, p)| Near {
            person: p,
            years,
            missing: inst.people[p].lead.gaps().cloned().collect(),
            fixes: eligibility::lead_fixes(rules, &inputs.scenario.people[p], at),
        })
        .collect()
}

/// Apply a lead-eligibility rule change (as produced by [`eligibility::lead_fixes`]) to a copy of
/// the rules. `false` when the change is not one of those.
fn apply(rules: &mut Rules, c: &RuleChange) -> bool {
    let role_ids = |v: &str| -> Vec<usize> {
        v.split('"')
            .skip(1)
            .step_by(2)
            .filter_map(|id| rules.roles.iter().position(|r| r.id == id))
            .collect()
    };
    match c.rule.as_str() {
        "studios.lead.min_years_as_counselor" => match c.value.parse() {
            Ok(y) => rules.studios.lead.min_years_as_counselor = y,
            Err(_) => return false,
        },
        "studios.lead.title_waivable" => rules.studios.lead.title_waivable = c.value == "true",
        "studios.lead.honor_required" => rules.studios.lead.honor_required = c.value == "true",
        "studios.lead.roles" => rules.studios.lead.roles = role_ids(&c.value),
        "studios.member_roles" => rules.studios.member_roles = role_ids(&c.value),
        _ => return false,
    }
    true
}

/// How many studios the rules could staff with these changes (re-solved for the count only).
fn staffed_with(inputs: &Inputs, changes: &[RuleChange]) -> Result<Option<usize>, SolveError> {
    let mut changed = inputs.clone();
    for c in changes {
        if !apply(&mut changed.rules, c) {
            return Ok(None);
        }
    }
    let inst = Instance::new(&changed);
    Ok(Some(model::max_staffed(&inst, None)?.0))
}

/// Single rule changes that make someone eligible to lead, most people first; when no single
/// change suffices, the nearest candidate's combined changes. Each is re-solved to say how many
/// studios could then be staffed.
fn suggestions(inputs: &Inputs, inst: &Instance) -> Result<Vec<Suggestion>, SolveError> {
    let out = suggestions_unsolved(inputs, inst);
    out.into_iter()
        .map(|mut s| {
            s.staffed_with = staffed_with(inputs, &s.changes)?;
            Ok(s)
        })
        .collect()
}

fn suggestions_unsolved(inputs: &Inputs, inst: &Instance) -> Vec<Suggestion> {
    let rules = &inputs.rules;
    let at = inputs.scenario.semester.start;
    // Group people whose fix is a single change by that change; for the years rule keep only the
    // mildest lowering (the largest value), which makes the most senior of them eligible.
    let mut single: BTreeMap<RuleChange, Vec<PersonIdx>> = BTreeMap::new();
    let mut best_years: Option<(u32, Vec<PersonIdx>, RuleChange)> = None;
    for f in inst.people.iter().filter(|f| !f.can_lead()) {
        let fixes = eligibility::lead_fixes(rules, &inputs.scenario.people[f.person], at);
        if fixes.len() != 1 {
            continue;
        }
        let fix = fixes.into_iter().next();
        let Some(fix) = fix else { continue };
        if fix.rule == "studios.lead.min_years_as_counselor" {
            match &mut best_years {
                Some((y, ps, _)) if *y == f.years => ps.push(f.person),
                Some((y, _, _)) if *y > f.years => {}
                _ => best_years = Some((f.years, vec![f.person], fix)),
            }
        } else {
            single.entry(fix).or_default().push(f.person);
        }
    }
    let mut out: Vec<Suggestion> = single
        .into_iter()
        .map(|(c, ps)| Suggestion {
            changes: vec![c],
            makes_eligible: ps,
            staffed_with: None,
        })
        .collect();
    if let Some((_, ps, c)) = best_years {
        out.push(Suggestion {
            changes: vec![c],
            makes_eligible: ps,
            staffed_with: None,
        });
    }
    out.sort_by(|a, b| {
        b.makes_eligible
            .len()
            .cmp(&a.makes_eligible.len())
            .then(a.changes.cmp(&b.changes))
    });
    if out.is_empty()
        && let Some(n) = nearest(inputs, inst, 1).into_iter().next()
        && !n.fixes.is_empty()
    {
        out.push(Suggestion {
            changes: n.fixes,
            makes_eligible: vec![n.person],
            staffed_with: None,
        });
    }
    out
}

/// The team rules, each relaxed on its own by the mildest step that lets more studios be staffed.
fn relaxations(inst: &Instance, staffed: usize) -> Result<Vec<Suggestion>, SolveError> {
    let count = |i: &Instance| -> Result<usize, SolveError> { Ok(model::max_staffed(i, None)?.0) };
    let n = inst.duties.len();
    let mut out = Vec::new();
    let mut try_values = |rule: &str,
                          values: Vec<u32>,
                          set: &dyn Fn(&mut Instance, u32)|
     -> Result<(), SolveError> {
        for v in values {
            let mut i = inst.clone();
            set(&mut i, v);
            let k = count(&i)?;
            if k > staffed {
                out.push(Suggestion {
                    changes: vec![RuleChange {
                        rule: rule.to_string(),
                        value: v.to_string(),
                        en: format!("set {rule} = {v}"),
                        zh: format!("将 {rule} 改为 {v}"),
                    }],
                    makes_eligible: Vec::new(),
                    staffed_with: Some(k),
                });
                break;
            }
        }
        Ok(())
    };
    try_values(
        "studios.min_backbone",
        (0..inst.min_backbone).rev().collect(),
        &|i, v| i.min_backbone = v,
    )?;
    try_values(
        "studios.min_size",
        (1..inst.min_size).rev().collect(),
        &|i, v| i.min_size = v,
    )?;
    try_values(
        "studios.max_per_college",
        (inst.max_per_college + 1..=inst.max_size).collect(),
        &|i, v| i.max_per_college = v,
    )?;
    try_values(
        "studios.max_studios_per_person",
        (inst.max_per_person + 1..=n as u32).take(1).collect(),
        &|i, v| i.max_per_person = v,
    )?;
    Ok(out)
}

fn names(inputs: &Inputs, ps: &[PersonIdx]) -> String {
    ps.iter()
        .map(|&p| inputs.scenario.people[p].name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// One explanation per unstaffed studio, in studio order.
pub(crate) fn unstaffed(
    inputs: &Inputs,
    inst: &Instance,
    teams: &[Option<Team>],
) -> Result<Vec<Unstaffed>, SolveError> {
    let rules = &inputs.rules;
    let n = inst.duties.len();
    let staffed = teams.iter().filter(|t| t.is_some()).count();
    if staffed == n {
        return Ok(Vec::new());
    }
    let eligible: Vec<PersonIdx> = inst
        .people
        .iter()
        .filter(|f| f.can_lead())
        .map(|f| f.person)
        .collect();
    let used: Vec<PersonIdx> = teams.iter().flatten().map(|t| t.lead).collect();
    let free: Vec<PersonIdx> = eligible
        .iter()
        .copied()
        .filter(|p| !used.contains(p))
        .collect();
    let m = inst.max_per_person;
    let lead_slots = eligible.len() * m as usize;
    let short_of_leads = lead_slots < n;
    let lead_count_en = format!(
        "with studios.max_studios_per_person = {m} there are {} eligible leads for {n} studios",
        eligible.len()
    );
    let lead_count_zh = format!(
        "每人至多参加 {m} 个工作室（studios.max_studios_per_person），{} 名合格负责人对应 {n} 个工作室",
        eligible.len()
    );

    // The explanation is the same for every unstaffed studio; only the duty differs.
    let (cause, en, zh, candidates, changes) = if eligible.is_empty() {
        (
            Cause::NoEligibleLead,
            "nobody in the roster meets the lead conditions of studios.lead (the nearest candidates and what each lacks are listed)".to_string(),
            "名单中无人符合工作室负责人条件（studios.lead），以下列出最接近的人选及其差距".to_string(),
            nearest(inputs, inst, NEAREST),
            suggestions(inputs, inst)?,
        )
    } else if short_of_leads && staffed >= lead_slots {
        let mut changes = suggestions(inputs, inst)?;
        changes.extend(relaxations(inst, staffed)?.into_iter().filter(|s| {
            s.changes
                .iter()
                .any(|c| c.rule == "studios.max_studios_per_person")
        }));
        let leads: Vec<String> = teams
            .iter()
            .enumerate()
            .filter_map(|(s, t)| {
                t.as_ref().map(|t| {
                    format!(
                        "{}→{}",
                        inputs.scenario.people[t.lead].name, rules.duties[inst.duties[s]].zh
                    )
                })
            })
            .collect();
        (
            Cause::LeadsExhausted,
            format!(
                "every eligible lead is already used by another studio: {lead_count_en} ({}); the eligible leads went to the studios where they add more to the objective",
                leads.join(", ")
            ),
            format!(
                "符合条件的负责人均已在其他工作室任职：{lead_count_zh}（{}）；合格负责人已安排到对目标贡献更大的工作室",
                leads.join("，")
            ),
            nearest(inputs, inst, NEAREST),
            changes,
        )
    } else {
        let mut changes = relaxations(inst, staffed)?;
        let backbone_pool = inst.people.iter().filter(|f| f.can_backbone()).count();
        let team_pool = inst.people.iter().filter(|f| f.on_team).count();
        let binding: Vec<String> = changes
            .iter()
            .flat_map(|s| s.changes.iter().map(|c| c.rule.clone()))
            .collect();
        let because_en = if binding.is_empty() {
            "no single team rule relaxed on its own staffs one more studio; the team rules together limit it".to_string()
        } else {
            format!(
                "relaxing any one of {} staffs more (see the rule changes)",
                binding.join(", ")
            )
        };
        let because_zh = if binding.is_empty() {
            "单独放宽任何一条团队规则都不能多组建一个工作室，是多条规则共同限制".to_string()
        } else {
            format!(
                "放宽 {} 中任意一条即可多组建（见调整建议）",
                binding.join("、")
            )
        };
        let (also_en, also_zh, near) = if short_of_leads {
            changes.extend(suggestions(inputs, inst)?);
            (
                format!("; leads are short as well: {lead_count_en}"),
                format!("；负责人也不足：{lead_count_zh}"),
                nearest(inputs, inst, NEAREST),
            )
        } else {
            (String::new(), String::new(), Vec::new())
        };
        (
            Cause::TeamRules,
            format!(
                "a lead is free ({}), but only {staffed} of {n} studios can meet the team rules together — each staffed studio needs {}..{} people (studios.min_size/max_size) and at least {} backbone members besides the lead (studios.min_backbone), with at most {} people per college (studios.max_per_college) and each person in at most {m} studio(s) (studios.max_studios_per_person); the roster has {team_pool} people who may be on teams, {backbone_pool} of them backbone-eligible; {because_en}{also_en}; the studios left unstaffed are those that add least to the objective",
                names(inputs, &free),
                inst.min_size,
                inst.max_size,
                inst.min_backbone,
                inst.max_per_college,
            ),
            format!(
                "有可任负责人者（{}），但团队规则下 {n} 个工作室中至多组建 {staffed} 个——每个工作室 {}–{} 人（studios.min_size/max_size），负责人外至少 {} 名骨干（studios.min_backbone），同一学院至多 {} 人（studios.max_per_college），每人至多参加 {m} 个工作室（studios.max_studios_per_person）；名单中可入团队者 {team_pool} 人，其中符合骨干条件者 {backbone_pool} 人；{because_zh}{also_zh}；未组建的是对目标贡献最小的工作室",
                names(inputs, &free),
                inst.min_size,
                inst.max_size,
                inst.min_backbone,
                inst.max_per_college,
            ),
            near,
            changes,
        )
    };
    Ok(teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_none())
        .map(|(s, _)| Unstaffed {
            studio: s,
            duty: inst.duties[s],
            cause,
            en: en.clone(),
            zh: zh.clone(),
            candidates: candidates.clone(),
            changes: changes.clone(),
        })
        .collect())
}
