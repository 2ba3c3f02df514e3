//! Counselor studios (辅导员工作室), re-checked: each lead eligible (`studios.lead`, the title
//! condition waived only when `studios.lead.title_waivable`), each backbone member eligible
//! (`studios.backbone`), team roles (`studios.member_roles`), sizes (`studios.min_size`,
//! `studios.max_size`), `studios.min_backbone`, `studios.max_per_college`,
//! `studios.max_studios_per_person`, and one studio per duty of `studios.duties`.
//!
//! A studio with `lead = null` is unstaffed and must have no team.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::PersonIdx;
use crate::domain::eligibility::{self, Verdict};

use super::{Ctx, Out};

/// Staffed studios: duty id → team (lead first, then backbone, then members; known people only).
pub(super) type Teams = BTreeMap<String, Vec<PersonIdx>>;

pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) -> Teams {
    let sc = &cx.inputs.scenario;
    let rules = &cx.inputs.rules;
    let sr = &rules.studios;
    let at = sc.semester.start;
    let mut teams = Teams::new();
    let mut seen_duty: BTreeMap<&str, usize> = BTreeMap::new();
    let mut studios_of: BTreeMap<PersonIdx, Vec<&str>> = BTreeMap::new();

    for st in &cx.plan.studios {
        let duty = st.duty.as_str();
        *seen_duty.entry(duty).or_default() += 1;
        let place = format!("studios {duty}");
        match cx.duty.get(duty) {
            None => out.unknown("职责", "duty", duty, "studios", None),
            Some(&d) if !sr.duties.contains(&d) => out.add(
                "studios.duties",
                None,
                None,
                format!("职责 {duty} 不在 studios.duties 之列，不设工作室"),
                format!("duty `{duty}` is not in studios.duties, so it has no studio"),
            ),
            Some(_) => {}
        }
        let resolve = |id: &str, out: &mut Out| -> Option<PersonIdx> {
            let p = cx.person.get(id).copied();
            if p.is_none() {
                out.unknown("人员", "person", id, &place, None);
            }
            p
        };
        let Some(lead_id) = st.lead.as_deref() else {
            if !st.backbone.is_empty() || !st.members.is_empty() {
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
            if st.title_waived {
                out.add(
                    "plan.studios",
                    None,
                    None,
                    format!("工作室 {duty} 没有负责人，却标注了 title_waived"),
                    format!("studio `{duty}` has no lead but says title_waived"),
                );
            }
            continue;
        };
        let mut team: Vec<PersonIdx> = Vec::new();
        let mut listed: Vec<PersonIdx> = Vec::new();
        let lead = resolve(lead_id, out);
        if let Some(p) = lead {
            listed.push(p);
            let e = eligibility::lead(rules, &sc.people[p], at);
            match e.verdict {
                Verdict::Ineligible => out.add(
                    "studios.lead",
                    None,
                    Some(lead_id),
                    format!("工作室 {duty} 的负责人 {} 不符合条件：{}", cx.pname(p), e.summary_zh()),
                    format!("studio `{duty}`: lead {} is not eligible: {}", cx.pname(p), e.summary_en()),
                ),
                Verdict::WithWaiver if !st.title_waived => out.add(
                    "plan.studios",
                    None,
                    Some(lead_id),
                    format!("工作室 {duty} 的负责人 {} 职称破格，但未标注 title_waived", cx.pname(p)),
                    format!(
                        "studio `{duty}`: lead {} needs the title waiver but title_waived is false",
                        cx.pname(p)
                    ),
                ),
                Verdict::Eligible if st.title_waived => out.add(
                    "plan.studios",
                    None,
                    Some(lead_id),
                    format!("工作室 {duty} 的负责人 {} 职称达标，却标注了 title_waived", cx.pname(p)),
                    format!(
                        "studio `{duty}`: lead {} meets the title condition but title_waived is true",
                        cx.pname(p)
                    ),
                ),
                _ => {}
            }
        }
        let mut backbone_n = 0usize;
        for id in &st.backbone {
            let Some(p) = resolve(id, out) else { continue };
            listed.push(p);
            backbone_n += 1;
            let e = eligibility::backbone(rules, &sc.people[p], at);
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
        for id in &st.members {
            if let Some(p) = resolve(id, out) {
                listed.push(p);
            }
        }
        for &p in &listed {
            studios_of.entry(p).or_default().push(duty);
            if !team.contains(&p) {
                team.push(p);
            }
            let role = sc.people[p].role;
            if !sr.member_roles.contains(&role) {
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
        let size = team.len();
        if size < sr.min_size as usize {
            out.add(
                "studios.min_size",
                None,
                None,
                format!("工作室 {duty} 有 {size} 人，少于 {} 人", sr.min_size),
                format!(
                    "studio `{duty}` has {size} people, fewer than studios.min_size = {}",
                    sr.min_size
                ),
            );
        }
        if size > sr.max_size as usize {
            out.add(
                "studios.max_size",
                None,
                None,
                format!("工作室 {duty} 有 {size} 人，多于 {} 人", sr.max_size),
                format!(
                    "studio `{duty}` has {size} people, more than studios.max_size = {}",
                    sr.max_size
                ),
            );
        }
        if backbone_n < sr.min_backbone as usize {
            out.add(
                "studios.min_backbone",
                None,
                None,
                format!("工作室 {duty} 有 {backbone_n} 名骨干，少于 {} 名", sr.min_backbone),
                format!(
                    "studio `{duty}` has {backbone_n} backbone members, fewer than studios.min_backbone = {}",
                    sr.min_backbone
                ),
            );
        }
        let mut per_college: BTreeMap<usize, usize> = BTreeMap::new();
        for &p in &team {
            if let Some(c) = sc.people[p].college {
                *per_college.entry(c).or_default() += 1;
            }
        }
        for (c, k) in per_college {
            if k > sr.max_per_college as usize {
                out.add(
                    "studios.max_per_college",
                    None,
                    None,
                    format!("工作室 {duty} 有 {k} 人来自 {}，超过 {} 人", sc.colleges[c].id, sr.max_per_college),
                    format!(
                        "studio `{duty}` has {k} people from college {}, more than studios.max_per_college = {}",
                        sc.colleges[c].id, sr.max_per_college
                    ),
                );
            }
        }
        if teams.contains_key(duty) {
            continue;
        }
        teams.insert(duty.to_string(), team);
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
    for (p, ds) in studios_of {
        if ds.len() > sr.max_studios_per_person as usize {
            let uniq: BTreeSet<&str> = ds.iter().copied().collect();
            let list = uniq.into_iter().collect::<Vec<_>>().join(", ");
            out.add(
                "studios.max_studios_per_person",
                None,
                Some(&sc.people[p].id),
                format!("{} 在工作室名单中出现 {} 次（{list}），超过 {} 次", cx.pname(p), ds.len(), sr.max_studios_per_person),
                format!(
                    "{} is on studio teams {} times ({list}), more than studios.max_studios_per_person = {}",
                    cx.pname(p),
                    ds.len(),
                    sr.max_studios_per_person
                ),
            );
        }
    }
    teams
}
