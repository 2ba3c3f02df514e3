//! Counselor studios (辅导员工作室), re-checked: each lead eligible (`studios.lead`, the title
//! condition waived only when `studios.lead.title_waivable`), each backbone member eligible
//! (`studios.backbone`), team roles (`studios.member_roles`), sizes (`studios.min_size`,
//! `studios.max_size`), `studios.min_backbone`, `studios.max_per_college`,
//! `studios.max_studios_per_person`, and one studio per duty of `studios.duties`; the consistency
//! of the title waiver (`plan.studios`), and `plan.references`, `plan.duplicate_ids` for the
//! `studios` key.
//!
//! A studio with `lead = null` is unstaffed and must have no team.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::PersonIdx;
use crate::domain::eligibility::{self, Verdict};
use crate::wire::StudioOut;

use super::{Ctx, Out};

/// Staffed studios: duty id → team (lead first, then backbone, then members; known people only).
pub(super) type Teams = BTreeMap<String, Vec<PersonIdx>>;

/// A staffed studio of the plan (one with a lead), its people resolved against the roster.
struct Staffed<'a> {
    /// The studio as written.
    st: &'a StudioOut,
    /// The lead, when known.
    lead: Option<PersonIdx>,
    /// The known backbone members, as listed (repeats kept).
    backbone: Vec<(&'a str, PersonIdx)>,
    /// The known lead, backbone members and members, as listed (repeats kept).
    listed: Vec<PersonIdx>,
    /// The team: `listed`, each person once.
    team: Vec<PersonIdx>,
}

/// The plan's staffed studios, in plan order.
fn staffed<'a>(cx: &Ctx<'a>) -> Vec<Staffed<'a>> {
    let known = |id: &str| cx.person.get(id).copied();
    let mut all = Vec::new();
    for st in &cx.plan.studios {
        let Some(lead_id) = st.lead.as_deref() else {
            continue;
        };
        let lead = known(lead_id);
        let backbone: Vec<(&str, PersonIdx)> = st
            .backbone
            .iter()
            .filter_map(|id| known(id).map(|p| (id.as_str(), p)))
            .collect();
        let listed: Vec<PersonIdx> = lead
            .into_iter()
            .chain(backbone.iter().map(|&(_, p)| p))
            .chain(st.members.iter().filter_map(|id| known(id)))
            .collect();
        let mut team: Vec<PersonIdx> = Vec::new();
        for &p in &listed {
            if !team.contains(&p) {
                team.push(p);
            }
        }
        all.push(Staffed {
            st,
            lead,
            backbone,
            listed,
            team,
        });
    }
    all
}

/// The staffed studios' teams, by duty id (the first studio of a duty).
pub(super) fn teams(cx: &Ctx<'_>) -> Teams {
    let mut teams = Teams::new();
    for s in staffed(cx) {
        teams.entry(s.st.duty.clone()).or_insert(s.team);
    }
    teams
}

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    let staffed = staffed(cx);
    duties(cx, out);
    lead(cx, &staffed, out);
    backbone(cx, &staffed, out);
    member_roles(cx, &staffed, out);
    min_size(cx, &staffed, out);
    max_size(cx, &staffed, out);
    min_backbone(cx, &staffed, out);
    max_per_college(cx, &staffed, out);
    max_studios_per_person(cx, &staffed, out);
    plan_studios(cx, &staffed, out);
    plan_references(cx, out);
    plan_duplicate_ids(cx, out);
}

/// `studios.duties`: a studio only for a duty of `studios.duties`.
fn duties(cx: &Ctx<'_>, out: &mut Out) {
    for st in &cx.plan.studios {
        let duty = st.duty.as_str();
        if let Some(d) = cx.duty.get(duty)
            && !cx.inputs.rules.studios.duties.contains(d)
        {
            out.add(
                "studios.duties",
                None,
                None,
                format!("职责 {duty} 不在 studios.duties 之列，不设工作室"),
                format!("duty `{duty}` is not in studios.duties, so it has no studio"),
            );
        }
    }
}

/// `studios.lead`: a staffed studio's lead is eligible; an unstaffed studio has no team.
fn lead(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    for st in &cx.plan.studios {
        let duty = st.duty.as_str();
        if st.lead.is_none() && (!st.backbone.is_empty() || !st.members.is_empty()) {
            out.add(
                "studios.lead",
                None,
                None,
                format!("工作室 {duty} 没有负责人，却列出了 {} 名成员", st.backbone.len() + st.members.len()),
                format!(
                    "studio `{duty}` has no lead but lists {} team members; an unstaffed studio has no team",
                    st.backbone.len() + st.members.len()
                ),
            );
        }
    }
    let sc = &cx.inputs.scenario;
    for s in staffed {
        let Some(p) = s.lead else { continue };
        let duty = s.st.duty.as_str();
        let e = eligibility::lead(&cx.inputs.rules, &sc.people[p], sc.semester.start);
        if e.verdict == Verdict::Ineligible {
            out.add(
                "studios.lead",
                None,
                s.st.lead.as_deref(),
                format!(
                    "工作室 {duty} 的负责人 {} 不符合条件：{}",
                    cx.pname(p),
                    e.summary_zh()
                ),
                format!(
                    "studio `{duty}`: lead {} is not eligible: {}",
                    cx.pname(p),
                    e.summary_en()
                ),
            );
        }
    }
}

/// `plan.studios`: `title_waived` says whether the lead needs the title waiver (and an unstaffed
/// studio waives nothing).
fn plan_studios(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    for st in &cx.plan.studios {
        if st.lead.is_none() && st.title_waived {
            let duty = st.duty.as_str();
            out.add(
                "plan.studios",
                None,
                None,
                format!("工作室 {duty} 没有负责人，却标注了 title_waived"),
                format!("studio `{duty}` has no lead but says title_waived"),
            );
        }
    }
    let sc = &cx.inputs.scenario;
    for s in staffed {
        let Some(p) = s.lead else { continue };
        let duty = s.st.duty.as_str();
        let lead_id = s.st.lead.as_deref();
        let e = eligibility::lead(&cx.inputs.rules, &sc.people[p], sc.semester.start);
        match e.verdict {
            Verdict::WithWaiver if !s.st.title_waived => out.add(
                "plan.studios",
                None,
                lead_id,
                format!(
                    "工作室 {duty} 的负责人 {} 职称破格，但未标注 title_waived",
                    cx.pname(p)
                ),
                format!(
                    "studio `{duty}`: lead {} needs the title waiver but title_waived is false",
                    cx.pname(p)
                ),
            ),
            Verdict::Eligible if s.st.title_waived => out.add(
                "plan.studios",
                None,
                lead_id,
                format!(
                    "工作室 {duty} 的负责人 {} 职称达标，却标注了 title_waived",
                    cx.pname(p)
                ),
                format!(
                    "studio `{duty}`: lead {} meets the title condition but title_waived is true",
                    cx.pname(p)
                ),
            ),
            _ => {}
        }
    }
}

/// `studios.backbone`: every backbone member is eligible.
fn backbone(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let sc = &cx.inputs.scenario;
    for s in staffed {
        let duty = s.st.duty.as_str();
        for &(id, p) in &s.backbone {
            let e = eligibility::backbone(&cx.inputs.rules, &sc.people[p], sc.semester.start);
            if e.verdict != Verdict::Eligible {
                out.add(
                    "studios.backbone",
                    None,
                    Some(id),
                    format!(
                        "工作室 {duty} 的骨干 {} 不符合条件：{}",
                        cx.pname(p),
                        e.summary_zh()
                    ),
                    format!(
                        "studio `{duty}`: backbone member {} is not eligible: {}",
                        cx.pname(p),
                        e.summary_en()
                    ),
                );
            }
        }
    }
}

/// `studios.member_roles`: everyone on a team has a role of `studios.member_roles`.
fn member_roles(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let rules = &cx.inputs.rules;
    for s in staffed {
        let duty = s.st.duty.as_str();
        for &p in &s.listed {
            let role = sc.people[p].role;
            if !rules.studios.member_roles.contains(&role) {
                out.add(
                    "studios.member_roles",
                    None,
                    Some(&sc.people[p].id),
                    format!(
                        "工作室 {duty} 的 {} 岗位为 {}，不在 studios.member_roles 之列",
                        cx.pname(p),
                        rules.roles[role].zh
                    ),
                    format!(
                        "studio `{duty}`: {} has role `{}`, not in studios.member_roles",
                        cx.pname(p),
                        rules.roles[role].id
                    ),
                );
            }
        }
    }
}

/// `studios.min_size`: a staffed studio has at least so many people.
fn min_size(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let min = cx.inputs.rules.studios.min_size;
    for s in staffed {
        let (duty, size) = (s.st.duty.as_str(), s.team.len());
        if size < min as usize {
            out.add(
                "studios.min_size",
                None,
                None,
                format!("工作室 {duty} 有 {size} 人，少于 {min} 人"),
                format!("studio `{duty}` has {size} people, fewer than studios.min_size = {min}"),
            );
        }
    }
}

/// `studios.max_size`: a studio has at most so many people.
fn max_size(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let max = cx.inputs.rules.studios.max_size;
    for s in staffed {
        let (duty, size) = (s.st.duty.as_str(), s.team.len());
        if size > max as usize {
            out.add(
                "studios.max_size",
                None,
                None,
                format!("工作室 {duty} 有 {size} 人，多于 {max} 人"),
                format!("studio `{duty}` has {size} people, more than studios.max_size = {max}"),
            );
        }
    }
}

/// `studios.min_backbone`: a staffed studio has at least so many backbone members.
fn min_backbone(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let min = cx.inputs.rules.studios.min_backbone;
    for s in staffed {
        let (duty, n) = (s.st.duty.as_str(), s.backbone.len());
        if n < min as usize {
            out.add(
                "studios.min_backbone",
                None,
                None,
                format!("工作室 {duty} 有 {n} 名骨干，少于 {min} 名"),
                format!(
                    "studio `{duty}` has {n} backbone members, fewer than studios.min_backbone = {min}"
                ),
            );
        }
    }
}

/// `studios.max_per_college`: at most so many people of a team from one college.
fn max_per_college(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let max = cx.inputs.rules.studios.max_per_college;
    for s in staffed {
        let duty = s.st.duty.as_str();
        let mut per_college: BTreeMap<usize, usize> = BTreeMap::new();
        for &p in &s.team {
            if let Some(c) = sc.people[p].college {
                *per_college.entry(c).or_default() += 1;
            }
        }
        for (c, k) in per_college {
            if k > max as usize {
                out.add(
                    "studios.max_per_college",
                    None,
                    None,
                    format!("工作室 {duty} 有 {k} 人来自 {}，超过 {max} 人", sc.colleges[c].id),
                    format!(
                        "studio `{duty}` has {k} people from college {}, more than studios.max_per_college = {max}",
                        sc.colleges[c].id
                    ),
                );
            }
        }
    }
}

/// `studios.max_studios_per_person`: a person is on at most so many studio teams.
fn max_studios_per_person(cx: &Ctx<'_>, staffed: &[Staffed<'_>], out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let max = cx.inputs.rules.studios.max_studios_per_person;
    let mut studios_of: BTreeMap<PersonIdx, Vec<&str>> = BTreeMap::new();
    for s in staffed {
        for &p in &s.listed {
            studios_of.entry(p).or_default().push(s.st.duty.as_str());
        }
    }
    for (p, ds) in studios_of {
        if ds.len() > max as usize {
            let uniq: BTreeSet<&str> = ds.iter().copied().collect();
            let list = uniq.into_iter().collect::<Vec<_>>().join(", ");
            out.add(
                "studios.max_studios_per_person",
                None,
                Some(&sc.people[p].id),
                format!("{} 在工作室名单中出现 {} 次（{list}），超过 {max} 次", cx.pname(p), ds.len()),
                format!(
                    "{} is on studio teams {} times ({list}), more than studios.max_studios_per_person = {max}",
                    cx.pname(p),
                    ds.len(),
                ),
            );
        }
    }
}

/// `plan.references` in `studios`: every duty is a duty of the rules, and the people of a staffed
/// studio are on the roster.
fn plan_references(cx: &Ctx<'_>, out: &mut Out) {
    for st in &cx.plan.studios {
        let duty = st.duty.as_str();
        if !cx.duty.contains_key(duty) {
            out.unknown("职责", "duty", duty, "studios", None);
        }
        let Some(lead_id) = st.lead.as_deref() else {
            continue;
        };
        let place = format!("studios {duty}");
        let ids = std::iter::once(lead_id)
            .chain(st.backbone.iter().map(String::as_str))
            .chain(st.members.iter().map(String::as_str));
        for id in ids {
            if !cx.person.contains_key(id) {
                out.unknown("人员", "person", id, &place, None);
            }
        }
    }
}

/// `plan.duplicate_ids` in `studios`: one studio per duty.
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    let mut seen_duty: BTreeMap<&str, usize> = BTreeMap::new();
    for st in &cx.plan.studios {
        *seen_duty.entry(st.duty.as_str()).or_default() += 1;
    }
    for (duty, k) in &seen_duty {
        if *k > 1 {
            out.add(
                "plan.duplicate_ids",
                None,
                None,
                format!("职责 {duty} 的工作室出现 {k} 次"),
                format!("the studio of duty `{duty}` appears {k} times"),
            );
        }
    }
}
