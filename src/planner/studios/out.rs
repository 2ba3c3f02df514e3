//! The studio staffing in plan-file form: the `studios` key of plan.json, with each lead's reason
//! in words (Chinese / English).

use crate::domain::{Inputs, PersonIdx};
use crate::wire::StudioOut;

use super::{LeadChoice, Staffing};

/// A person's id.
pub fn pid(inputs: &Inputs, p: PersonIdx) -> String {
    inputs.scenario.people[p].id.clone()
}

/// A number with at most two decimals, without trailing `.00`.
pub fn num(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.2}")
    }
}

/// The lead's reason in words (Chinese / English), for `StudioOut::reason`.
pub fn lead_reason(inputs: &Inputs, st: &Staffing, s: usize) -> String {
    let studio = &st.studios[s];
    let (Some(team), Some(choice)) = (&studio.team, &studio.choice) else {
        return st
            .unstaffed
            .iter()
            .find(|u| u.studio == s)
            .map(|u| format!("{} / {}", u.full_zh(inputs), u.full_en(inputs)))
            .unwrap_or_default();
    };
    let f = &st.instance.people[team.lead];
    let name = &inputs.scenario.people[team.lead].name;
    let conds_zh: Vec<&str> = f.lead.findings.iter().map(|x| x.zh.as_str()).collect();
    let conds_en: Vec<&str> = f.lead.findings.iter().map(|x| x.en.as_str()).collect();
    let waiver_zh = if team.waived {
        format!(
            "；职称条件豁免（studios.lead.title_waivable），计 −{}",
            num(st.instance.waiver_cost)
        )
    } else {
        String::new()
    };
    let waiver_en = if team.waived {
        format!(
            "; title condition waived (studios.lead.title_waivable), −{}",
            num(st.instance.waiver_cost)
        )
    } else {
        String::new()
    };
    let (rz, re) = regret_text(inputs, choice);
    format!(
        "{name}：{}{waiver_zh}；任本工作室负责人贡献 {}{rz} / {name}: {}{waiver_en}; value as this studio's lead {}{re}",
        conds_zh.join("；"),
        num(choice.value),
        conds_en.join("; "),
        num(choice.value),
    )
}

fn regret_text(inputs: &Inputs, c: &LeadChoice) -> (String, String) {
    let Some(r) = &c.regret else {
        return (String::new(), String::new());
    };
    let next = r.next_lead.map(|p| inputs.scenario.people[p].name.clone());
    if r.staffed_lost > 0 {
        return (
            format!("；若不由其担任，将少组建 {} 个工作室", r.staffed_lost),
            format!(
                "; without them {} fewer studio(s) could be staffed",
                r.staffed_lost
            ),
        );
    }
    match next {
        Some(n) if r.total_lost > 1e-6 => (
            format!(
                "；换作他人（最佳为 {n}）总目标至少减少 {}",
                num(r.total_lost)
            ),
            format!(
                "; with anyone else (best: {n}) the total drops by at least {}",
                num(r.total_lost)
            ),
        ),
        Some(n) => (
            format!("；换作 {n} 总目标相同（并列，求解器取其一）"),
            format!("; {n} instead would score the same (a tie the solver broke)"),
        ),
        None => (String::new(), String::new()),
    }
}

/// The plan file's `studios` key.
pub fn plan_studios(inputs: &Inputs, st: &Staffing) -> Vec<StudioOut> {
    let rules = &inputs.rules;
    st.studios
        .iter()
        .enumerate()
        .map(|(s, studio)| {
            let ids = |v: &[PersonIdx]| v.iter().map(|&p| pid(inputs, p)).collect::<Vec<_>>();
            StudioOut {
                duty: rules.duties[studio.duty].id.clone(),
                lead: studio.team.as_ref().map(|t| pid(inputs, t.lead)),
                backbone: studio
                    .team
                    .as_ref()
                    .map_or_else(Vec::new, |t| ids(&t.backbone)),
                members: studio
                    .team
                    .as_ref()
                    .map_or_else(Vec::new, |t| ids(&t.members)),
                title_waived: studio.team.as_ref().is_some_and(|t| t.waived),
                reason: lead_reason(inputs, st, s),
            }
        })
        .collect()
}
