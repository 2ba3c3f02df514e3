//! Two levels (两级): the colleges' modes and the joint clusters, re-checked from the inputs, and the
//! training units they define.
//!
//! Rules: `two_level.independent_min` (a college at the threshold is independent, one below it is
//! not, and a cluster's full-time counselors reach it), `two_level.max_cluster_colleges`,
//! `two_level.max_travel_minutes` (every pair of members on one campus or close enough),
//! `two_level.unreachable` (guests only when the rules allow them, hosted by an independent college),
//! and the consistency of `colleges` and `clusters` (`plan.colleges`, `plan.clusters`, and
//! `plan.references`, `plan.duplicate_ids` for these keys).
//!
//! The plan's `colleges` and `clusters` are resolved against the inputs once ([`Resolved`]); the
//! training units ([`Units`], in the checker's context) follow from them.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{College, CollegeIdx, PersonIdx, Unreachable};
use crate::wire::{ClusterOut, CollegeOut};

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

/// The plan's `colleges` and `clusters`, resolved against the inputs.
struct Resolved<'a> {
    /// For each input college, the plan's first entry for it.
    entry: Vec<Option<&'a CollegeOut>>,
    /// Each cluster as listed, with its known member colleges (each once, in listed order).
    clusters: Vec<(&'a ClusterOut, Vec<CollegeIdx>)>,
    /// For each input college, the ids of the clusters that list it.
    cluster_of: Vec<Vec<&'a str>>,
    /// Cluster id → how many clusters carry it.
    cluster_ids: BTreeMap<&'a str, usize>,
    /// For each input college, the unit its own entry names: its id when independent, its cluster
    /// when joint and listed there (guests not yet placed).
    of_college: Vec<Option<String>>,
    /// Guest colleges and their (known) hosts, in college order.
    guests: Vec<(CollegeIdx, CollegeIdx)>,
}

impl<'a> Resolved<'a> {
    fn new(cx: &Ctx<'a>) -> Self {
        let n = cx.inputs.scenario.colleges.len();
        let mut entry: Vec<Option<&'a CollegeOut>> = vec![None; n];
        for c in &cx.plan.colleges {
            if let Some(&ci) = cx.college.get(c.id.as_str())
                && entry[ci].is_none()
            {
                entry[ci] = Some(c);
            }
        }
        let mut clusters = Vec::new();
        let mut cluster_of: Vec<Vec<&'a str>> = vec![Vec::new(); n];
        let mut cluster_ids: BTreeMap<&'a str, usize> = BTreeMap::new();
        for cl in &cx.plan.clusters {
            *cluster_ids.entry(cl.id.as_str()).or_default() += 1;
            let mut cs: Vec<CollegeIdx> = Vec::new();
            for c in &cl.colleges {
                if let Some(&ci) = cx.college.get(c.as_str())
                    && !cs.contains(&ci)
                {
                    cs.push(ci);
                    cluster_of[ci].push(cl.id.as_str());
                }
            }
            clusters.push((cl, cs));
        }
        let mut of_college: Vec<Option<String>> = vec![None; n];
        let mut guests: Vec<(CollegeIdx, CollegeIdx)> = Vec::new();
        for (ci, e) in entry.iter().enumerate() {
            let Some(e) = e else { continue };
            match e.mode.as_str() {
                "independent" => of_college[ci] = Some(cx.inputs.scenario.colleges[ci].id.clone()),
                "joint" => {
                    if let (Some(k), Some(l)) = (&e.cluster, cluster_of[ci].first())
                        && k.as_str() == *l
                    {
                        of_college[ci] = Some(k.clone());
                    }
                }
                "guest" => {
                    if let Some(h) = e.guest_of.as_deref()
                        && let Some(&hi) = cx.college.get(h)
                    {
                        guests.push((ci, hi));
                    }
                }
                _ => {}
            }
        }
        Self {
            entry,
            clusters,
            cluster_of,
            cluster_ids,
            of_college,
            guests,
        }
    }

    /// The input colleges the plan lists, with their (first) entries.
    fn entries<'s>(
        &'s self,
        cx: &'s Ctx<'_>,
    ) -> impl Iterator<Item = (CollegeIdx, &'s College, &'a CollegeOut)> + 's {
        self.entry
            .iter()
            .enumerate()
            .filter_map(|(ci, e)| e.map(|e| (ci, &cx.inputs.scenario.colleges[ci], e)))
    }

    /// Whether a guest's host trains on its own: its entry names itself as its unit.
    fn host_independent(&self, cx: &Ctx<'_>, h: CollegeIdx) -> bool {
        self.of_college[h].as_deref() == Some(cx.inputs.scenario.colleges[h].id.as_str())
    }
}

/// The training units the plan defines: each cluster, each independent college, and the guests
/// joined to an independent host.
pub(super) fn units(cx: &Ctx<'_>) -> Units {
    let sc = &cx.inputs.scenario;
    let r = Resolved::new(cx);
    let mut members: BTreeMap<String, Vec<CollegeIdx>> = BTreeMap::new();
    for (cl, cs) in &r.clusters {
        members.entry(cl.id.clone()).or_insert_with(|| cs.clone());
    }
    // Independent colleges are units; guests join their host's unit.
    for (ci, u) in r.of_college.iter().enumerate() {
        if let Some(u) = u
            && u == &sc.colleges[ci].id
        {
            members.insert(u.clone(), vec![ci]);
        }
    }
    for &(g, h) in &r.guests {
        if !r.host_independent(cx, h) {
            continue;
        }
        if let Some(m) = members.get_mut(&sc.colleges[h].id) {
            m.push(g);
        }
    }
    Units { members }
}

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    let r = Resolved::new(cx);
    independent_min(cx, &r, out);
    max_cluster_colleges(cx, &r, out);
    max_travel_minutes(cx, &r, out);
    unreachable(cx, &r, out);
    plan_colleges(cx, &r, out);
    plan_clusters(cx, &r, out);
    plan_references(cx, &r, out);
    plan_duplicate_ids(cx, out);
}

/// `two_level.independent_min`: a cluster's full-time counselors reach the threshold; a college
/// at the threshold is independent, one below it is not.
fn independent_min(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let min = cx.inputs.rules.two_level.independent_min;
    for (cl, cs) in &r.clusters {
        let ftc: u32 = cs.iter().map(|&c| cx.ftc[c]).sum();
        if !cs.is_empty() && !cx.inputs.rules.two_level.cluster_reaches_threshold(ftc) {
            let names = cs
                .iter()
                .map(|&c| sc.colleges[c].id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            out.add(
                "two_level.independent_min",
                None,
                None,
                format!(
                    "联合培训组 {}（{names}）共 {ftc} 名专职辅导员，未达到 {min} 人",
                    cl.id
                ),
                format!(
                    "cluster `{}` ({names}) has {ftc} full-time counselors, below two_level.independent_min = {min}",
                    cl.id
                ),
            );
        }
    }
    for (ci, col, e) in r.entries(cx) {
        let ftc = cx.ftc[ci];
        let independent_ok = cx.inputs.rules.two_level.trains_on_its_own(ftc);
        match e.mode.as_str() {
            "independent" if !independent_ok => out.add(
                "two_level.independent_min",
                None,
                None,
                format!(
                    "学院 {} 只有 {ftc} 名专职辅导员（不足 {min} 人），不能单独开展培训",
                    col.id
                ),
                format!(
                    "college {} has {ftc} full-time counselors, below two_level.independent_min = {min}, \
                     so it cannot train on its own",
                    col.id
                ),
            ),
            "joint" | "guest" if independent_ok => out.add(
                "two_level.independent_min",
                None,
                None,
                format!(
                    "学院 {} 有 {ftc} 名专职辅导员（≥ {min}），应单独开展培训，计划写作 {}",
                    col.id, e.mode
                ),
                format!(
                    "college {} has {ftc} full-time counselors (>= two_level.independent_min = {min}) and \
                     trains on its own, but the plan says `{}`",
                    col.id, e.mode
                ),
            ),
            _ => {}
        }
    }
}

/// `two_level.max_cluster_colleges`: a cluster has at most so many colleges.
fn max_cluster_colleges(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    let max = cx.inputs.rules.two_level.max_cluster_colleges;
    for (cl, cs) in &r.clusters {
        if cs.len() > max as usize {
            out.add(
                "two_level.max_cluster_colleges",
                None,
                None,
                format!("联合培训组 {} 有 {} 个学院，超过上限 {max}", cl.id, cs.len()),
                format!(
                    "cluster `{}` has {} colleges, more than two_level.max_cluster_colleges = {max}",
                    cl.id,
                    cs.len()
                ),
            );
        }
    }
}

/// `two_level.max_travel_minutes`: every pair of a cluster's colleges is on one campus, or its
/// campuses are at most so many minutes apart.
fn max_travel_minutes(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    let max = cx.inputs.rules.two_level.max_travel_minutes;
    for (cl, cs) in &r.clusters {
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
                if minutes.is_some_and(|m| m <= max) {
                    continue;
                }
                let how = minutes.map_or_else(
                    || "no travel time given".to_string(),
                    |m| format!("{m} minutes"),
                );
                let how_zh =
                    minutes.map_or_else(|| "未给出交通时间".to_string(), |m| format!("{m} 分钟"));
                out.add(
                    "two_level.max_travel_minutes",
                    None,
                    None,
                    format!(
                        "联合培训组 {} 中 {} 与 {} 不在同一校区，相距 {how_zh}，超过 {max} 分钟",
                        cl.id, sc.colleges[a].id, sc.colleges[b].id
                    ),
                    format!(
                        "cluster `{}`: {} and {} are on different campuses, {how} apart, more than \
                         two_level.max_travel_minutes = {max}",
                        cl.id, sc.colleges[a].id, sc.colleges[b].id
                    ),
                );
            }
        }
    }
}

/// `two_level.unreachable`: guests only when the rules allow them, each naming a host that is an
/// independent college.
fn unreachable(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    for (_, col, e) in r.entries(cx) {
        if e.mode != "guest" {
            continue;
        }
        if cx.inputs.rules.two_level.unreachable != Unreachable::Guest {
            out.add(
                "two_level.unreachable",
                None,
                None,
                format!(
                    "规则不允许随堂参训（two_level.unreachable 不是 guest），学院 {} 却是 guest",
                    col.id
                ),
                format!(
                    "college {} is a guest, but two_level.unreachable is not `guest`",
                    col.id
                ),
            );
        }
        if e.guest_of.is_none() {
            out.add(
                "two_level.unreachable",
                None,
                None,
                format!("随堂参训的学院 {} 没有写明 guest_of", col.id),
                format!("guest college {} names no host (`guest_of`)", col.id),
            );
        }
    }
    for &(g, h) in &r.guests {
        if !r.host_independent(cx, h) {
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
        }
    }
}

/// `plan.colleges`: every input college is listed, with its full-time counselors, its campus, a
/// known mode, and a host (`guest_of`) only when a guest.
fn plan_colleges(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    let sc = &cx.inputs.scenario;
    for (ci, col) in sc.colleges.iter().enumerate() {
        if r.entry[ci].is_none() {
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
        }
    }
    for (ci, col, e) in r.entries(cx) {
        let ftc = cx.ftc[ci];
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
        let mode = e.mode.as_str();
        if !matches!(mode, "independent" | "joint" | "guest") {
            out.add(
                "plan.colleges",
                None,
                None,
                format!(
                    "学院 {} 的 mode 为 “{mode}”，应为 independent、joint 或 guest",
                    col.id
                ),
                format!(
                    "college {}: mode `{mode}` is not `independent`, `joint` or `guest`",
                    col.id
                ),
            );
        }
        if mode != "guest" && e.guest_of.is_some() {
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
}

/// `plan.clusters`: cluster ids are not college ids, each cluster has members and their
/// full-time counselors, its `campuses` are its members' campuses, its `terms` are what the
/// members make them (`two_level.weights`: per cluster, and per pair of members the travel
/// minutes between their campuses, a different discipline, a different stage), and cluster
/// membership agrees both ways (a college in one cluster at most, a joint college in the cluster
/// it names, any other college in none).
fn plan_clusters(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    for (cl, cs) in &r.clusters {
        cluster_campuses_and_terms(cx, cl, cs, out);
        if cx.college.contains_key(cl.id.as_str()) {
            out.add(
                "plan.clusters",
                None,
                None,
                format!("联合培训组编号 {} 与学院编号重名", cl.id),
                format!("cluster id `{}` is also a college id", cl.id),
            );
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
    }
    for (ci, col, e) in r.entries(cx) {
        let listed_in = &r.cluster_of[ci];
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
        if e.mode == "joint" {
            let first = listed_in.first().copied();
            let agrees = e.cluster.as_deref().is_some_and(|k| Some(k) == first);
            // A cluster id that no cluster carries is a reference error instead.
            let unknown = e
                .cluster
                .as_deref()
                .is_some_and(|k| !r.cluster_ids.contains_key(k));
            if !agrees && !unknown {
                out.add(
                    "plan.clusters",
                    None,
                    None,
                    format!(
                        "联合培训的学院 {} 标注的组 {} 与 clusters 中所在的组 {} 不符",
                        col.id,
                        e.cluster.as_deref().unwrap_or("（无）"),
                        first.unwrap_or("（无）")
                    ),
                    format!(
                        "joint college {} names cluster {} but the clusters list it in {}",
                        col.id,
                        e.cluster.as_deref().unwrap_or("none"),
                        first.unwrap_or("none")
                    ),
                );
            }
        } else if e.cluster.is_some() || !listed_in.is_empty() {
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

/// `plan.references` in `colleges` and `clusters`: every college id is an input college, a joint
/// college's cluster is a listed cluster, a guest's host is an input college.
fn plan_references(cx: &Ctx<'_>, r: &Resolved<'_>, out: &mut Out) {
    for c in &cx.plan.colleges {
        if !cx.college.contains_key(c.id.as_str()) {
            out.unknown("学院", "college", &c.id, "colleges", None);
        }
    }
    for cl in &cx.plan.clusters {
        for c in &cl.colleges {
            if !cx.college.contains_key(c.as_str()) {
                out.unknown("学院", "college", c, &format!("clusters {}", cl.id), None);
            }
        }
    }
    for (_, col, e) in r.entries(cx) {
        if e.mode == "joint"
            && let Some(k) = &e.cluster
            && !r.cluster_ids.contains_key(k.as_str())
        {
            out.unknown(
                "联合培训组",
                "cluster",
                k,
                &format!("colleges {}", col.id),
                None,
            );
        }
        if e.mode == "guest"
            && let Some(h) = e.guest_of.as_deref()
            && !cx.college.contains_key(h)
        {
            out.unknown(
                "学院",
                "college",
                h,
                &format!("colleges {} guest_of", col.id),
                None,
            );
        }
    }
}

/// `plan.duplicate_ids` in `colleges` and `clusters`: each college once in `colleges`, each
/// cluster id once, each college once in a cluster.
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &cx.plan.colleges {
        *count.entry(c.id.as_str()).or_default() += 1;
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
    let mut cluster_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for cl in &cx.plan.clusters {
        *cluster_ids.entry(cl.id.as_str()).or_default() += 1;
        let mut cs: Vec<CollegeIdx> = Vec::new();
        for c in &cl.colleges {
            let Some(&ci) = cx.college.get(c.as_str()) else {
                continue;
            };
            if cs.contains(&ci) {
                out.add(
                    "plan.duplicate_ids",
                    None,
                    None,
                    format!("联合培训组 {} 重复列出学院 {c}", cl.id),
                    format!("cluster `{}` lists college `{c}` twice", cl.id),
                );
            } else {
                cs.push(ci);
            }
        }
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
}

/// The `campuses` and `terms` of one cluster, recomputed from its members (part of
/// `plan.clusters`).
fn cluster_campuses_and_terms(
    cx: &Ctx<'_>,
    cl: &crate::wire::ClusterOut,
    cs: &[CollegeIdx],
    out: &mut Out,
) {
    let sc = &cx.inputs.scenario;
    let tl = &cx.inputs.rules.two_level;
    let want: BTreeSet<&str> = cs
        .iter()
        .map(|&c| sc.campuses[sc.colleges[c].campus].id.as_str())
        .collect();
    let have: BTreeSet<&str> = cl.campuses.iter().map(String::as_str).collect();
    if !cs.is_empty() && want != have {
        let w: Vec<&str> = want.into_iter().collect();
        out.add(
            "plan.clusters",
            None,
            None,
            format!(
                "联合培训组 {} 的校区应为 {}，计划写作 {}",
                cl.id,
                w.join(", "),
                cl.campuses.join(", ")
            ),
            format!(
                "cluster `{}` spans campuses {}, the plan says {}",
                cl.id,
                w.join(", "),
                cl.campuses.join(", ")
            ),
        );
    }
    if cl.terms.is_empty() || cs.is_empty() {
        return;
    }
    let (mut travel, mut discipline, mut stage) = (0.0, 0.0, 0.0);
    for (i, &a) in cs.iter().enumerate() {
        for &b in &cs[i + 1..] {
            let (ca, cb) = (&sc.colleges[a], &sc.colleges[b]);
            let minutes = if ca.campus == cb.campus {
                0.0
            } else {
                sc.travel_minutes[ca.campus][cb.campus].unwrap_or(0.0)
            };
            travel += tl.w_travel_per_minute * minutes;
            if ca.discipline != cb.discipline {
                discipline += tl.w_discipline_mismatch;
            }
            if ca.stage != cb.stage {
                stage += tl.w_stage_mismatch;
            }
        }
    }
    let expected = [
        ("clusters", tl.w_per_cluster),
        ("travel", travel),
        ("discipline_mismatch", discipline),
        ("stage_mismatch", stage),
    ];
    for (term, want) in expected {
        let have = cl.terms.get(term).copied().unwrap_or(0.0);
        if !super::money_eq(have, want) {
            out.add(
                "plan.clusters",
                None,
                None,
                format!(
                    "联合培训组 {} 的分项 {term} 写作 {have:.2}，按成员学院重算为 {want:.2}",
                    cl.id
                ),
                format!(
                    "cluster `{}`: term `{term}` is {have:.2}, its members give {want:.2}",
                    cl.id
                ),
            );
        }
    }
}
