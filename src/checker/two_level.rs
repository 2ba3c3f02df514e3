//! Two levels (两级): the colleges' modes and the joint clusters, re-checked from the inputs, and the
//! training units they define.
//!
//! Rules: `two_level.independent_min` (a college at the threshold is independent, one below it is
//! not, and a cluster's full-time counselors reach it), `two_level.max_cluster_colleges`,
//! `two_level.max_travel_minutes` (every pair of members on one campus or close enough),
//! `two_level.unreachable` (guests only when the rules allow them, hosted by an independent college),
//! and the consistency of `colleges` and `clusters` (`plan.colleges`, `plan.clusters`).

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{CollegeIdx, PersonIdx, Unreachable};

use super::{Ctx, Out};

/// Training units as the plan defines them: an independent college (with its guests) or a cluster.
#[derive(Debug, Default)]
pub(super) struct Units {
    /// Unit id → its colleges (host first for an independent college, then its guests).
    pub members: BTreeMap<String, Vec<CollegeIdx>>,
}

impl Units {
    /// Every person whose college belongs to the unit, any role.
    pub fn people(&self, cx: &Ctx<'_>, unit: &str) -> BTreeSet<PersonIdx> {
        let cs: BTreeSet<CollegeIdx> = self
            .members
            .get(unit)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        cx.inputs
            .scenario
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.college.is_some_and(|c| cs.contains(&c)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Campuses of the unit's colleges.
    pub fn campuses(&self, cx: &Ctx<'_>, unit: &str) -> BTreeSet<usize> {
        self.members
            .get(unit)
            .into_iter()
            .flatten()
            .map(|&c| cx.inputs.scenario.colleges[c].campus)
            .collect()
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) -> Units {
    let sc = &cx.inputs.scenario;
    let tl = &cx.inputs.rules.two_level;
    let n = sc.colleges.len();

    // The plan's entry for each input college.
    let mut entry: Vec<Option<usize>> = vec![None; n];
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in cx.plan.colleges.iter().enumerate() {
        *count.entry(c.id.as_str()).or_default() += 1;
        match cx.college.get(c.id.as_str()) {
            Some(&ci) => {
                if entry[ci].is_none() {
                    entry[ci] = Some(i);
                }
            }
            None => out.unknown("学院", "college", &c.id, "colleges", None),
        }
    }
    for (id, k) in &count {
        if *k > 1 {
            out.add(
                "plan.duplicate_ids",
                None,
                None,
                format!("colleges 中学院 {id} 出现 {k} 次"),
                format!("college `{id}` appears {k} times in `colleges`"),
            );
        }
    }

    // Clusters: ids, members, sizes, distances.
    let mut cluster_of: Vec<Vec<&str>> = vec![Vec::new(); n];
    let mut cluster_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut members: BTreeMap<String, Vec<CollegeIdx>> = BTreeMap::new();
    for cl in &cx.plan.clusters {
        *cluster_ids.entry(cl.id.as_str()).or_default() += 1;
        if cx.college.contains_key(cl.id.as_str()) {
            out.add(
                "plan.clusters",
                None,
                None,
                format!("联合培训组编号 {} 与学院编号重名", cl.id),
                format!("cluster id `{}` is also a college id", cl.id),
            );
        }
        let mut cs: Vec<CollegeIdx> = Vec::new();
        for c in &cl.colleges {
            match cx.college.get(c.as_str()) {
                Some(&ci) if !cs.contains(&ci) => {
                    cs.push(ci);
                    cluster_of[ci].push(cl.id.as_str());
                }
                Some(_) => out.add(
                    "plan.duplicate_ids",
                    None,
                    None,
                    format!("联合培训组 {} 重复列出学院 {c}", cl.id),
                    format!("cluster `{}` lists college `{c}` twice", cl.id),
                ),
                None => out.unknown("学院", "college", c, &format!("clusters {}", cl.id), None),
            }
        }
        if cs.is_empty() {
            out.add(
                "plan.clusters",
                None,
                None,
                format!("联合培训组 {} 没有成员学院", cl.id),
                format!("cluster `{}` has no member college", cl.id),
            );
        }
        let ftc: u32 = cs.iter().map(|&c| cx.ftc[c]).sum();
        if cl.full_time_counselors != ftc {
            out.add(
                "plan.clusters",
                None,
                None,
                format!(
                    "联合培训组 {} 专职辅导员应为 {ftc} 人，计划写作 {}",
                    cl.id, cl.full_time_counselors
                ),
                format!(
                    "cluster `{}` has {ftc} full-time counselors, the plan says {}",
                    cl.id, cl.full_time_counselors
                ),
            );
        }
        let names = |cs: &[CollegeIdx]| {
            cs.iter()
                .map(|&c| sc.colleges[c].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !cs.is_empty() && ftc < tl.independent_min {
            out.add(
                "two_level.independent_min",
                None,
                None,
                format!(
                    "联合培训组 {}（{}）共 {ftc} 名专职辅导员，未达到 {} 人",
                    cl.id,
                    names(&cs),
                    tl.independent_min
                ),
                format!(
                    "cluster `{}` ({}) has {ftc} full-time counselors, below two_level.independent_min = {}",
                    cl.id,
                    names(&cs),
                    tl.independent_min
                ),
            );
        }
        if cs.len() > tl.max_cluster_colleges as usize {
            out.add(
                "two_level.max_cluster_colleges",
                None,
                None,
                format!(
                    "联合培训组 {} 有 {} 个学院，超过上限 {}",
                    cl.id,
                    cs.len(),
                    tl.max_cluster_colleges
                ),
                format!(
                    "cluster `{}` has {} colleges, more than two_level.max_cluster_colleges = {}",
                    cl.id,
                    cs.len(),
                    tl.max_cluster_colleges
                ),
            );
        }
        for (i, &a) in cs.iter().enumerate() {
            for &b in &cs[i + 1..] {
                let (ca, cb) = (sc.colleges[a].campus, sc.colleges[b].campus);
                if ca == cb {
                    continue;
                }
                let minutes = sc
                    .travel_minutes
                    .get(ca)
                    .and_then(|row| row.get(cb))
                    .copied()
                    .flatten();
                let ok = minutes.is_some_and(|m| m <= tl.max_travel_minutes);
                if !ok {
                    let how = minutes.map_or_else(
                        || "no travel time given".to_string(),
                        |m| format!("{m} minutes"),
                    );
                    let how_zh = minutes
                        .map_or_else(|| "未给出交通时间".to_string(), |m| format!("{m} 分钟"));
                    out.add(
                        "two_level.max_travel_minutes",
                        None,
                        None,
                        format!(
                            "联合培训组 {} 中 {} 与 {} 不在同一校区，相距 {how_zh}，超过 {} 分钟",
                            cl.id, sc.colleges[a].id, sc.colleges[b].id, tl.max_travel_minutes
                        ),
                        format!(
                            "cluster `{}`: {} and {} are on different campuses, {how} apart, more than \
                             two_level.max_travel_minutes = {}",
                            cl.id, sc.colleges[a].id, sc.colleges[b].id, tl.max_travel_minutes
                        ),
                    );
                }
            }
        }
        members.entry(cl.id.clone()).or_insert(cs);
    }
    for (id, k) in &cluster_ids {
        if *k > 1 {
            out.add(
                "plan.duplicate_ids",
                None,
                None,
                format!("联合培训组编号 {id} 出现 {k} 次"),
                format!("cluster id `{id}` appears {k} times"),
            );
        }
    }

    // Each college's mode.
    let mut of_college: Vec<Option<String>> = vec![None; n];
    let mut guests: Vec<(CollegeIdx, CollegeIdx)> = Vec::new();
    for ci in 0..n {
        let col = &sc.colleges[ci];
        let ftc = cx.ftc[ci];
        let Some(e) = entry[ci].and_then(|i| cx.plan.colleges.get(i)) else {
            out.add(
                "plan.colleges",
                None,
                None,
                format!("学院 {} {} 不在计划的 colleges 中", col.id, col.name),
                format!(
                    "college {} {} is missing from the plan's `colleges`",
                    col.id, col.name
                ),
            );
            continue;
        };
        if e.full_time_counselors != ftc {
            out.add(
                "plan.colleges",
                None,
                None,
                format!(
                    "学院 {} 专职辅导员应为 {ftc} 人，计划写作 {}",
                    col.id, e.full_time_counselors
                ),
                format!(
                    "college {} has {ftc} full-time counselors, the plan says {}",
                    col.id, e.full_time_counselors
                ),
            );
        }
        let campus = &sc.campuses[col.campus].id;
        if &e.campus != campus {
            out.add(
                "plan.colleges",
                None,
                None,
                format!("学院 {} 位于校区 {campus}，计划写作 {}", col.id, e.campus),
                format!(
                    "college {} is on campus `{campus}`, the plan says `{}`",
                    col.id, e.campus
                ),
            );
        }
        let independent_ok = ftc >= tl.independent_min;
        match e.mode.as_str() {
            "independent" => {
                if !independent_ok {
                    out.add(
                        "two_level.independent_min",
                        None,
                        None,
                        format!(
                            "学院 {} 只有 {ftc} 名专职辅导员（不足 {} 人），不能单独开展培训",
                            col.id, tl.independent_min
                        ),
                        format!(
                            "college {} has {ftc} full-time counselors, below two_level.independent_min = {}, \
                             so it cannot train on its own",
                            col.id, tl.independent_min
                        ),
                    );
                }
                of_college[ci] = Some(col.id.clone());
            }
            "joint" | "guest" if independent_ok => {
                out.add(
                    "two_level.independent_min",
                    None,
                    None,
                    format!(
                        "学院 {} 有 {ftc} 名专职辅导员（≥ {}），应单独开展培训，计划写作 {}",
                        col.id, tl.independent_min, e.mode
                    ),
                    format!(
                        "college {} has {ftc} full-time counselors (>= two_level.independent_min = {}) and \
                         trains on its own, but the plan says `{}`",
                        col.id, tl.independent_min, e.mode
                    ),
                );
            }
            "joint" | "guest" => {}
            other => out.add(
                "plan.colleges",
                None,
                None,
                format!(
                    "学院 {} 的 mode 为 “{other}”，应为 independent、joint 或 guest",
                    col.id
                ),
                format!(
                    "college {}: mode `{other}` is not `independent`, `joint` or `guest`",
                    col.id
                ),
            ),
        }
        // Cluster membership must agree both ways.
        let listed_in = &cluster_of[ci];
        if listed_in.len() > 1 {
            out.add(
                "plan.clusters",
                None,
                None,
                format!(
                    "学院 {} 同时属于多个联合培训组：{}",
                    col.id,
                    listed_in.join(", ")
                ),
                format!(
                    "college {} is in several clusters: {}",
                    col.id,
                    listed_in.join(", ")
                ),
            );
        }
        match e.mode.as_str() {
            "joint" => match (&e.cluster, listed_in.first()) {
                (Some(k), Some(l)) if k == l => of_college[ci] = Some(k.clone()),
                (Some(k), _) if !cluster_ids.contains_key(k.as_str()) => out.unknown(
                    "联合培训组",
                    "cluster",
                    k,
                    &format!("colleges {}", col.id),
                    None,
                ),
                _ => out.add(
                    "plan.clusters",
                    None,
                    None,
                    format!(
                        "联合培训的学院 {} 标注的组 {} 与 clusters 中所在的组 {} 不符",
                        col.id,
                        e.cluster.as_deref().unwrap_or("（无）"),
                        listed_in.first().copied().unwrap_or("（无）")
                    ),
                    format!(
                        "joint college {} names cluster {} but the clusters list it in {}",
                        col.id,
                        e.cluster.as_deref().unwrap_or("none"),
                        listed_in.first().copied().unwrap_or("none")
                    ),
                ),
            },
            _ => {
                if e.cluster.is_some() || !listed_in.is_empty() {
                    out.add(
                        "plan.clusters",
                        None,
                        None,
                        format!("学院 {} 的 mode 为 {}，却属于联合培训组", col.id, e.mode),
                        format!(
                            "college {} has mode `{}` but is in a cluster",
                            col.id, e.mode
                        ),
                    );
                }
            }
        }
        if e.mode == "guest" {
            if tl.unreachable != Unreachable::Guest {
                out.add(
                    "two_level.unreachable",
                    None,
                    None,
                    format!("规则不允许随堂参训（two_level.unreachable 不是 guest），学院 {} 却是 guest", col.id),
                    format!(
                        "college {} is a guest, but two_level.unreachable is not `guest`",
                        col.id
                    ),
                );
            }
            match e.guest_of.as_deref() {
                None => out.add(
                    "two_level.unreachable",
                    None,
                    None,
                    format!("随堂参训的学院 {} 没有写明 guest_of", col.id),
                    format!("guest college {} names no host (`guest_of`)", col.id),
                ),
                Some(h) => match cx.college.get(h) {
                    None => out.unknown(
                        "学院",
                        "college",
                        h,
                        &format!("colleges {} guest_of", col.id),
                        None,
                    ),
                    Some(&hi) => guests.push((ci, hi)),
                },
            }
        } else if e.guest_of.is_some() {
            out.add(
                "plan.colleges",
                None,
                None,
                format!("学院 {} 的 mode 为 {}，却写了 guest_of", col.id, e.mode),
                format!(
                    "college {} has mode `{}` but names a host (`guest_of`)",
                    col.id, e.mode
                ),
            );
        }
    }

    // Independent colleges are units; guests join their host's unit.
    for (ci, u) in of_college.iter().enumerate() {
        if let Some(u) = u
            && u == &sc.colleges[ci].id
        {
            members.insert(u.clone(), vec![ci]);
        }
    }
    for (g, h) in guests {
        let host_independent = of_college[h].as_deref() == Some(sc.colleges[h].id.as_str());
        if !host_independent {
            out.add(
                "two_level.unreachable",
                None,
                None,
                format!(
                    "学院 {} 随堂参加的 {} 不是单独开展培训的学院",
                    sc.colleges[g].id, sc.colleges[h].id
                ),
                format!(
                    "guest college {} joins {}, which is not an independent college",
                    sc.colleges[g].id, sc.colleges[h].id
                ),
            );
            continue;
        }
        if let Some(m) = members.get_mut(&sc.colleges[h].id) {
            m.push(g);
        }
        of_college[g] = Some(sc.colleges[h].id.clone());
    }
    Units { members }
}
