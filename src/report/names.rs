//! Names for the ids a plan file carries: people read names, never raw ids.

use crate::domain::Inputs;
use crate::wire::PlanFile;

/// A college's name, or the id when it is not in the scenario.
pub fn college(inputs: &Inputs, id: &str) -> String {
    inputs
        .scenario
        .colleges
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}

/// A training unit: the college's name, or for a joint cluster its id with its first college and
/// how many train together (`J1 基础医学院等 4 院`).
pub fn unit(inputs: &Inputs, plan: &PlanFile, id: &str) -> String {
    match plan.clusters.iter().find(|c| c.id == id) {
        Some(c) if !c.colleges.is_empty() => format!(
            "{id} {}等 {} 院",
            college(inputs, &c.colleges[0]),
            c.colleges.len()
        ),
        _ => college(inputs, id),
    }
}

/// A person's name, or the id when the plan does not list them.
pub fn person(plan: &PlanFile, id: &str) -> String {
    plan.people
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// A studio, named after its lead as offices name them (`谢晓东工作室`); by its duty when it has
/// no lead in the plan.
pub fn studio(inputs: &Inputs, plan: &PlanFile, duty: &str) -> String {
    let rules = &inputs.rules;
    match plan
        .studios
        .iter()
        .find(|s| s.duty == duty)
        .and_then(|s| s.lead.as_deref())
    {
        Some(lead) => format!("{}工作室", person(plan, lead)),
        None => rules.duty(duty).map_or_else(
            || duty.to_string(),
            |d| format!("{}工作室", rules.duties[d].zh),
        ),
    }
}

/// One audience entry of a session: a group's name, a unit (`unit:<id>`), or a studio
/// (`studio:<duty>`).
pub fn audience(inputs: &Inputs, plan: &PlanFile, id: &str) -> String {
    let rules = &inputs.rules;
    if let Some(u) = id.strip_prefix("unit:") {
        return unit(inputs, plan, u);
    }
    if let Some(d) = id.strip_prefix("studio:") {
        return studio(inputs, plan, d);
    }
    rules
        .groups
        .iter()
        .find(|g| g.id == id)
        .map_or_else(|| id.to_string(), |g| g.zh.clone())
}

/// A session's whole audience, named and joined with `、`.
pub fn audiences(inputs: &Inputs, plan: &PlanFile, ids: &[String]) -> String {
    ids.iter()
        .map(|a| audience(inputs, plan, a))
        .collect::<Vec<_>>()
        .join("、")
}

/// A session's audience as people read it: its groups, and which part of the group when it
/// attends in cohorts (`骨干辅导员·第1组（共2组）`).
pub fn session_audience(inputs: &Inputs, plan: &PlanFile, s: &crate::wire::SessionOut) -> String {
    let all = audiences(inputs, plan, &s.audience);
    match s.cohort {
        Some(c) => format!("{all}·第{}组（共{}组）", c.no, c.of),
        None => all,
    }
}

/// A speaker with their standing (`王某（省级）`); a course or visit by its name; `—` for none.
pub fn speaker(inputs: &Inputs, id: Option<&str>) -> String {
    let sc = &inputs.scenario;
    let Some(id) = id else {
        return "—".into();
    };
    if let Some(s) = sc.speakers.iter().find(|s| s.id == id) {
        return format!("{}（{}）", s.name, s.level.zh());
    }
    if let Some(v) = sc.visits.iter().find(|v| v.id == id) {
        return v.name.clone();
    }
    if let Some(o) = sc.online_courses.iter().find(|o| o.id == id) {
        return o.name.clone();
    }
    id.to_string()
}

/// A fund: `校级` for the school's, else the unit's name.
pub fn fund(inputs: &Inputs, plan: &PlanFile, id: &str, level: &str) -> String {
    if level == "school" {
        "校级经费".into()
    } else {
        unit(inputs, plan, id)
    }
}
