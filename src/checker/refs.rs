//! Plan-file consistency: the status word and its honesty (an `optimal` plan carries no gap
//! and dropped no session; a gap is a finite number ≥ 0), the objective's sum, and the `people`
//! key against the five-group profiles recomputed from the inputs, the `records` key against
//! what the inputs' record gives (`plan.status`, `plan.objective`, `plan.people`, `plan.records`, and `plan.references`, `plan.duplicate_ids` for the `people`
//! key).

use std::collections::{BTreeMap, BTreeSet};

use super::{Ctx, Out};

pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    plan_status(cx, out);
    plan_objective(cx, out);
    plan_people(cx, out);
    plan_records(cx, out);
    plan_references(cx, out);
    plan_duplicate_ids(cx, out);
}

/// Largest `gap` an `optimal` plan may carry (solver tolerance).
const OPTIMAL_GAP: f64 = 0.005;

/// `plan.status`: the status is a known word, an infeasible plan lists no sessions, and the status
/// is honest: an `optimal` plan carries no `gap` above 0.005 and no `plan.placement` note (a
/// session dropped for want of room); any `gap` is a finite number ≥ 0.
fn plan_status(cx: &Ctx<'_>, out: &mut Out) {
    plan_status_word(cx, out);
    let st = cx.plan.status.as_str();
    if let Some(gap) = cx.plan.gap {
        if !gap.is_finite() || gap < 0.0 {
            out.add(
                "plan.status",
                None,
                None,
                format!("gap 为 {gap}，应为不小于 0 的有限数"),
                format!("gap is {gap}; a gap is a finite number ≥ 0"),
            );
        } else if st == "optimal" && gap > OPTIMAL_GAP {
            out.add(
                "plan.status",
                None,
                None,
                format!("status 为 optimal，却带有 gap {gap}（超过 {OPTIMAL_GAP}），未证明最优的计划应为 feasible"),
                format!(
                    "status is `optimal` but the plan carries a gap of {gap} (over {OPTIMAL_GAP}); \
                     a plan not proven optimal is `feasible`"
                ),
            );
        }
    }
    if st == "optimal" {
        let dropped = cx
            .plan
            .violations
            .iter()
            .filter(|v| v.rule == "plan.placement")
            .count();
        if dropped > 0 {
            out.add(
                "plan.status",
                None,
                None,
                format!(
                    "status 为 optimal，却列出 {dropped} 条 plan.placement（有会话未能排入日历而被舍弃），应为 feasible"
                ),
                format!(
                    "status is `optimal` but the plan lists {dropped} `plan.placement` note(s) \
                     (sessions dropped for want of room in the calendar); such a plan is `feasible`"
                ),
            );
        }
        if cx
            .plan
            .violations
            .iter()
            .any(|v| v.rule == "plan.time_limit")
        {
            out.add(
                "plan.status",
                None,
                None,
                "status 为 optimal，却注明已达时间上限（plan.time_limit），应为 feasible".into(),
                "status is `optimal` but the plan says its search stopped at the time limit \
                 (`plan.time_limit`); such a plan is `feasible`"
                    .into(),
            );
        }
    }
}

/// The `plan.status` word: a known word, and an infeasible plan lists no sessions.
fn plan_status_word(cx: &Ctx<'_>, out: &mut Out) {
    let st = cx.plan.status.as_str();
    let known = matches!(st, "optimal" | "feasible" | "infeasible");
    if !known {
        out.add(
            "plan.status",
            None,
            None,
            format!("status 为 “{st}”，应为 optimal、feasible 或 infeasible"),
            format!("status is `{st}`, expected `optimal`, `feasible` or `infeasible`"),
        );
    } else if st == "infeasible" && !cx.plan.sessions.is_empty() {
        out.add(
            "plan.status",
            None,
            None,
            format!(
                "status 为 infeasible，却列出了 {} 场培训",
                cx.plan.sessions.len()
            ),
            format!(
                "status is `infeasible` but the plan lists {} sessions; a plan with sessions is \
                 `optimal` or `feasible`",
                cx.plan.sessions.len()
            ),
        );
    }
}

/// `plan.objective`: the objective's total is finite and the sum of its terms.
fn plan_objective(cx: &Ctx<'_>, out: &mut Out) {
    let o = &cx.plan.objective;
    let sum: f64 = o.terms.values().sum();
    if o.terms.is_empty() || !o.total.is_finite() {
        if !o.total.is_finite() {
            out.add(
                "plan.objective",
                None,
                None,
                "目标值不是有限数".into(),
                "objective.total is not a finite number".into(),
            );
        }
        return;
    }
    if (o.total - sum).abs() > 0.01 + 1e-6 * o.total.abs() {
        out.add(
            "plan.objective",
            None,
            None,
            format!("目标总值 {:.2} 不等于各分项之和 {sum:.2}", o.total),
            format!(
                "objective.total {:.2} is not the sum of its terms, {sum:.2}",
                o.total
            ),
        );
    }
}

/// `plan.records`: what the plan took from the programme's record is what the inputs' record
/// gives now — the semesters read, every need (person, duty, weight), every yearly target's hours
/// done and due, who is due for external training. A record that changed since (another import)
/// is fine as long as it gives the same; a plan made from another record, or without the record
/// the inputs name, is not.
fn plan_records(cx: &Ctx<'_>, out: &mut Out) {
    let scores = cx.plan.records.as_ref().is_none_or(|r| r.scores);
    let want = cx.inputs.history.to_wire(cx.inputs, scores);
    let (got, want) = match (&cx.plan.records, want) {
        (None, None) => return,
        (Some(_), None) => {
            out.add(
                "plan.records",
                None,
                None,
                "计划含 records，但输入没有培训记录，规则也没有 [records]".to_string(),
                "the plan has `records` but the inputs have no record and the rules no [records]"
                    .to_string(),
            );
            return;
        }
        (None, Some(w)) => {
            if !w.needs.is_empty() || !w.targets.is_empty() {
                out.add(
                    "plan.records",
                    None,
                    None,
                    format!(
                        "计划没有 records，但输入的培训记录给出 {} 项薄弱职责、{} 项学年学时：计划不是按这份记录制定的",
                        w.needs.len(),
                        w.targets.len()
                    ),
                    format!(
                        "the plan has no `records`, but the inputs' record gives {} needs and {} yearly targets: the plan was not made from it",
                        w.needs.len(),
                        w.targets.len()
                    ),
                );
            }
            return;
        }
        (Some(g), Some(w)) => (g, w),
    };
    if got.semesters != want.semesters {
        // everything else follows from reading another record: one violation, with the fix
        out.add(
            "plan.records",
            None,
            None,
            format!(
                "计划读取的学期为 {:?}，输入的培训记录给出 {:?}：请用 --db 指定制定计划时所用的培训记录",
                got.semesters, want.semesters
            ),
            format!(
                "the plan read the semesters {:?}; the inputs' record gives {:?}: give the record the plan was made from with --db",
                got.semesters, want.semesters
            ),
        );
        return;
    }
    let key = |p: &str, d: &str| (p.to_string(), d.to_string());
    let who = |id: &str| {
        cx.person.get(id).map_or(id.to_string(), |&p| {
            format!("{}（{id}）", cx.inputs.scenario.people[p].name)
        })
    };
    let got_needs: BTreeMap<_, f64> = got
        .needs
        .iter()
        .map(|n| (key(&n.person, &n.duty), n.weight))
        .collect();
    let want_needs: BTreeMap<_, f64> = want
        .needs
        .iter()
        .map(|n| (key(&n.person, &n.duty), n.weight))
        .collect();
    for (k, w) in &want_needs {
        match got_needs.get(k) {
            Some(g) if (g - w).abs() <= 1e-9 => {}
            Some(g) => out.add(
                "plan.records",
                None,
                Some(&k.0),
                format!(
                    "{} 在职责 {} 上的权重为 {g}，培训记录给出 {w}",
                    who(&k.0),
                    k.1
                ),
                format!(
                    "{}'s weight on {} is {g}; the record gives {w}",
                    who(&k.0),
                    k.1
                ),
            ),
            None => out.add(
                "plan.records",
                None,
                Some(&k.0),
                format!(
                    "培训记录给出 {} 需加强 {}（权重 {w}），计划未列出",
                    who(&k.0),
                    k.1
                ),
                format!(
                    "the record gives {} a need on {} (weight {w}); the plan lists none",
                    who(&k.0),
                    k.1
                ),
            ),
        }
    }
    for k in got_needs.keys().filter(|k| !want_needs.contains_key(*k)) {
        out.add(
            "plan.records",
            None,
            Some(&k.0),
            format!("计划列出 {} 需加强 {}，培训记录中没有", who(&k.0), k.1),
            format!(
                "the plan lists a need of {} on {}; the record has none",
                who(&k.0),
                k.1
            ),
        );
    }
    let got_t: BTreeMap<_, (f64, f64)> = got
        .targets
        .iter()
        .map(|t| (key(&t.person, &t.target), (t.done, t.hours)))
        .collect();
    let want_t: BTreeMap<_, (f64, f64)> = want
        .targets
        .iter()
        .map(|t| (key(&t.person, &t.target), (t.done, t.hours)))
        .collect();
    for k in got_t.keys().chain(want_t.keys()).collect::<BTreeSet<_>>() {
        let (g, w) = (got_t.get(k), want_t.get(k));
        let same = match (g, w) {
            (Some(a), Some(b)) => (a.0 - b.0).abs() <= 0.01 && (a.1 - b.1).abs() <= 0.01,
            _ => false,
        };
        if !same {
            let show = |x: Option<&(f64, f64)>| {
                x.map_or("—".to_string(), |(d, h)| format!("done {d} h, due {h} h"))
            };
            out.add(
                "plan.records",
                None,
                Some(&k.0),
                format!(
                    "{} 的学年目标 {}：计划为 {}，培训记录给出 {}",
                    who(&k.0),
                    k.1,
                    show(g),
                    show(w)
                ),
                format!(
                    "{}'s yearly target {}: the plan has {}, the record gives {}",
                    who(&k.0),
                    k.1,
                    show(g),
                    show(w)
                ),
            );
        }
    }
    let due = |r: &crate::wire::RecordsOut| {
        r.external_due
            .iter()
            .map(|d| d.person.clone())
            .collect::<BTreeSet<_>>()
    };
    let (gd, wd) = (due(got), due(&want));
    if gd != wd {
        let only_plan: Vec<_> = gd.difference(&wd).collect();
        let only_rec: Vec<_> = wd.difference(&gd).collect();
        out.add(
            "plan.records",
            None,
            None,
            format!("应安排省级以上培训的人员不一致：仅计划列出 {only_plan:?}，仅记录给出 {only_rec:?}"),
            format!("who is due for external training differs: only in the plan {only_plan:?}, only from the record {only_rec:?}"),
        );
    }
}

/// `plan.people`: each known person of `people` has the college, role and groups the inputs and
/// the recomputed profiles give, and everyone on the roster is listed.
fn plan_people(cx: &Ctx<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let rules = &cx.inputs.rules;
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for p in &cx.plan.people {
        seen.insert(p.id.as_str());
        let Some(&pi) = cx.person.get(p.id.as_str()) else {
            continue;
        };
        let person = &sc.people[pi];
        let college = person.college.map(|c| sc.colleges[c].id.as_str());
        if p.college.as_deref() != college {
            out.add(
                "plan.people",
                None,
                Some(&p.id),
                format!(
                    "{} 的学院应为 {}，计划写作 {}",
                    cx.pname(pi),
                    college.unwrap_or("（校级）"),
                    p.college.as_deref().unwrap_or("（校级）")
                ),
                format!(
                    "{}: college is {} in the inputs, {} in the plan",
                    cx.pname(pi),
                    college.unwrap_or("none"),
                    p.college.as_deref().unwrap_or("none")
                ),
            );
        }
        let role = rules.roles[person.role].id.as_str();
        if p.role != role {
            out.add(
                "plan.people",
                None,
                Some(&p.id),
                format!("{} 的岗位应为 {role}，计划写作 {}", cx.pname(pi), p.role),
                format!(
                    "{}: role is `{role}` in the inputs, `{}` in the plan",
                    cx.pname(pi),
                    p.role
                ),
            );
        }
        let want: BTreeSet<&str> = cx.profiles.people[pi]
            .groups
            .iter()
            .map(|&g| rules.groups[g].id.as_str())
            .collect();
        let have: BTreeSet<&str> = p.groups.iter().map(String::as_str).collect();
        if want != have {
            let missing: Vec<&str> = want.difference(&have).copied().collect();
            let extra: Vec<&str> = have.difference(&want).copied().collect();
            out.add(
                "plan.people",
                None,
                Some(&p.id),
                format!(
                    "{} 的群体与画像不符：缺少 [{}]，多出 [{}]",
                    cx.pname(pi),
                    missing.join(", "),
                    extra.join(", ")
                ),
                format!(
                    "{}: groups differ from the profile (fudao::domain::profile): missing [{}], extra [{}]",
                    cx.pname(pi),
                    missing.join(", "),
                    extra.join(", ")
                ),
            );
        }
    }
    for (pi, person) in sc.people.iter().enumerate() {
        if !seen.contains(person.id.as_str()) {
            out.add(
                "plan.people",
                None,
                Some(&person.id),
                format!("名单中的 {} 不在计划的 people 中", cx.pname(pi)),
                format!(
                    "{} is on the roster but missing from the plan's `people`",
                    cx.pname(pi)
                ),
            );
        }
    }
}

/// `plan.references` in `people`: every person id is on the roster, and every group id of a known
/// person is a group of the rules.
fn plan_references(cx: &Ctx<'_>, out: &mut Out) {
    for p in &cx.plan.people {
        if !cx.person.contains_key(p.id.as_str()) {
            out.unknown("人员", "person", &p.id, "people", None);
            continue;
        }
        for g in &p.groups {
            if !cx.group.contains_key(g.as_str()) {
                out.unknown("群体", "group", g, &format!("people {}", p.id), None);
            }
        }
    }
}

/// `plan.duplicate_ids` in `people`: each person once.
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &cx.plan.people {
        *seen.entry(p.id.as_str()).or_default() += 1;
    }
    for (id, n) in &seen {
        if *n > 1 {
            out.add(
                "plan.duplicate_ids",
                None,
                Some(id),
                format!("people 中人员 {id} 出现 {n} 次"),
                format!("person `{id}` appears {n} times in `people`"),
            );
        }
    }
}
