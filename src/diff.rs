//! Comparing two plans (`fudao diff A/plan.json B/plan.json`): what changed between them.
//!
//! Decides what counts as the same session in both plans: when either plan is a re-plan (it has a
//! `base`), its ids are identities kept through re-plans, and sessions pair by id (a session
//! with another date, slot, venue or speaker is *moved*). Otherwise sessions are matched by what
//! they are — kind, duty, audience and speaker — never by their ids (the ids of plans made from
//! scratch are positions and shift when one session is added). Among sessions with the same key, those at the same date, slot and venue
//! pair first; the rest pair in date order and are *moved* (date, slot or venue changed); what is
//! left over was *added* or *removed*. A matched session whose attendees differ is *changed*.
//! Colleges are compared by mode and by the colleges they train with (cluster ids are
//! renumbered between plans, so clusters are compared by their members); studios by duty (lead,
//! backbone and members joined or left); funds by id (allocated and spent); the objective term by
//! term. Everything is listed in a fixed order, so the same two files give the same output.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::report::table::Table;
use crate::wire::{PlanFile, SessionOut, money};

/// Differences smaller than this (yuan or objective units) are none.
const EPS: f64 = 0.005;

/// Words for the ids a diff shows: groups, duties, kinds, slots, colleges, units, people,
/// speakers, visits, courses, venues and funds — from the inputs when a scenario is given, and
/// always the people's and colleges' names the two plans carry. An id nobody names stays as it is.
#[derive(Debug, Clone, Default)]
pub struct Namer {
    map: BTreeMap<String, String>,
}

impl Namer {
    /// Names from the two plans and, when given, the inputs.
    pub fn new(inputs: Option<&crate::domain::Inputs>, a: &PlanFile, b: &PlanFile) -> Self {
        let mut map = BTreeMap::new();
        if let Some(i) = inputs {
            let r = &i.rules;
            let sc = &i.scenario;
            for s in &r.calendar.slots {
                map.insert(s.id.clone(), s.zh.clone());
            }
            for k in &r.session_kinds {
                map.insert(k.id.clone(), k.zh.clone());
            }
            for d in &r.duties {
                map.insert(d.id.clone(), d.zh.clone());
                map.insert(format!("studio:{}", d.id), format!("{}工作室", d.zh));
            }
            for g in &r.groups {
                map.insert(g.id.clone(), g.zh.clone());
            }
            for v in &sc.venues {
                map.insert(v.id.clone(), v.name.clone());
            }
            for x in &sc.speakers {
                map.insert(x.id.clone(), x.name.clone());
            }
            for x in &sc.visits {
                map.insert(x.id.clone(), x.name.clone());
            }
            for x in &sc.online_courses {
                map.insert(x.id.clone(), x.name.clone());
            }
            for c in &sc.colleges {
                map.insert(c.id.clone(), c.name.clone());
            }
            for p in &sc.people {
                map.insert(p.id.clone(), p.name.clone());
            }
        }
        for plan in [a, b] {
            for c in &plan.colleges {
                map.insert(c.id.clone(), c.name.clone());
            }
            for p in &plan.people {
                if !p.name.is_empty() {
                    map.insert(p.id.clone(), p.name.clone());
                }
            }
        }
        map.insert("school".into(), "校级".into());
        map.insert("college".into(), "院级".into());
        Self { map }
    }

    /// This namer with the training units of `plan` (a cluster id means different colleges in
    /// different plans): `unit:<id>` and the cluster id as 联合培训组（its colleges）.
    pub fn with_units(&self, plan: &PlanFile) -> Self {
        let mut map = self.map.clone();
        for cl in &plan.clusters {
            let names: Vec<String> = cl.colleges.iter().map(|c| self.name(c)).collect();
            let text = format!("联合培训组（{}）", names.join("、"));
            map.insert(format!("unit:{}", cl.id), text.clone());
            map.insert(cl.id.clone(), text);
        }
        for c in &plan.colleges {
            map.insert(format!("unit:{}", c.id), self.name(&c.id));
        }
        Self { map }
    }

    /// The words for an id (the id itself when unknown).
    pub fn name(&self, id: &str) -> String {
        self.map.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    fn names(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|x| self.name(x))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// A session as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRef {
    /// Session id in its plan.
    pub id: String,
    /// Kind.
    pub kind: String,
    /// Duty, if any.
    pub duty: Option<String>,
    /// Audience.
    pub audience: Vec<String>,
    /// Speaker, visit or course.
    pub speaker: Option<String>,
    /// Date.
    pub date: String,
    /// First slot.
    pub slot: String,
    /// Venue.
    pub venue: Option<String>,
    /// Attendees.
    pub attendees: usize,
}

impl SessionRef {
    fn of(s: &SessionOut) -> Self {
        Self {
            id: s.id.clone(),
            kind: s.kind.clone(),
            duty: s.duty.clone(),
            audience: s.audience.clone(),
            speaker: s.speaker.clone(),
            date: s.date.clone(),
            slot: s.slot.clone(),
            venue: s.venue.clone(),
            attendees: s.attendees.len(),
        }
    }

    fn what(&self, n: &Namer) -> String {
        let mut parts = vec![n.name(&self.kind)];
        parts.extend(self.duty.as_deref().map(|d| n.name(d)));
        parts.push(n.names(&self.audience));
        parts.extend(self.speaker.as_deref().map(|x| n.name(x)));
        parts.join(" · ")
    }

    fn when(&self, n: &Namer) -> String {
        format!(
            "{} {} {}",
            self.date,
            n.name(&self.slot),
            self.venue
                .as_deref()
                .map_or_else(|| "—".to_string(), |v| n.name(v))
        )
    }
}

/// A session in both plans with a different date, slot or venue (or attendees).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// In plan A.
    pub a: SessionRef,
    /// In plan B.
    pub b: SessionRef,
}

/// Session changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SessionsDiff {
    /// Only in B.
    pub added: Vec<SessionRef>,
    /// Only in A.
    pub removed: Vec<SessionRef>,
    /// In both, at another date, slot or venue.
    pub moved: Vec<Moved>,
    /// In both, same place and time, other attendees.
    pub changed: Vec<Moved>,
}

/// How a college trains in one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// `independent` | `joint` | `guest`.
    pub mode: String,
    /// Cluster id, for a joint college.
    pub cluster: Option<String>,
    /// The colleges of its cluster (joint), or its host (guest).
    pub with: Vec<String>,
}

impl Placement {
    fn text(&self, n: &Namer) -> String {
        match self.mode.as_str() {
            "joint" => format!("联合培训 joint（{}）", n.names(&self.with)),
            "guest" => format!("随训 guest（{}）", n.names(&self.with)),
            "independent" => "单独培训 independent".to_string(),
            m => m.to_string(),
        }
    }
}

/// A college whose two-level placement changed (`None`: not in that plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollegeChange {
    /// College id.
    pub college: String,
    /// In A.
    pub a: Option<Placement>,
    /// In B.
    pub b: Option<Placement>,
}

/// Cluster changes, by member sets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClustersDiff {
    /// Colleges whose mode or partners changed.
    pub colleges: Vec<CollegeChange>,
    /// Clusters (member lists) only in B.
    pub formed: Vec<Vec<String>>,
    /// Clusters only in A.
    pub dissolved: Vec<Vec<String>>,
}

/// A studio whose team changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudioChange {
    /// Duty.
    pub duty: String,
    /// Lead in A and B, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<(Option<String>, Option<String>)>,
    /// Backbone members who joined.
    pub backbone_joined: Vec<String>,
    /// Backbone members who left.
    pub backbone_left: Vec<String>,
    /// Members who joined.
    pub members_joined: Vec<String>,
    /// Members who left.
    pub members_left: Vec<String>,
}

/// A fund whose allocation or spending changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundDiff {
    /// Fund id.
    pub id: String,
    /// Level.
    pub level: String,
    /// Allocated in A (absent: no such fund).
    pub allocated_a: Option<f64>,
    /// Allocated in B.
    pub allocated_b: Option<f64>,
    /// Spent in A.
    pub spent_a: Option<f64>,
    /// Spent in B.
    pub spent_b: Option<f64>,
}

/// An objective term (or `total`) that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermDiff {
    /// Term name, or `total`.
    pub term: String,
    /// In A.
    pub a: Option<f64>,
    /// In B.
    pub b: Option<f64>,
    /// B − A.
    pub delta: f64,
}

/// Everything that differs between plan A and plan B.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlanDiff {
    /// Status in A and B, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<(String, String)>,
    /// Objective terms that changed (`total` first).
    pub objective: Vec<TermDiff>,
    /// Sessions.
    pub sessions: SessionsDiff,
    /// Two levels.
    pub clusters: ClustersDiff,
    /// Studios.
    pub studios: Vec<StudioChange>,
    /// Funds.
    pub budget: Vec<FundDiff>,
}

impl PlanDiff {
    /// The plans are the same in everything compared.
    pub fn is_empty(&self) -> bool {
        *self == PlanDiff::default()
    }
}

type Key = (String, Option<String>, Vec<String>, Option<String>);

fn key(s: &SessionOut) -> Key {
    (
        s.kind.clone(),
        s.duty.clone(),
        s.audience.clone(),
        s.speaker.clone(),
    )
}

/// Plans of one line (one is a re-plan, so ids are identities): sessions pair by id.
fn sessions_by_id(a: &PlanFile, b: &PlanFile) -> SessionsDiff {
    let bs: BTreeMap<&str, &SessionOut> = b.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    let as_: BTreeMap<&str, &SessionOut> = a.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = SessionsDiff::default();
    for x in &a.sessions {
        match bs.get(x.id.as_str()) {
            None => out.removed.push(SessionRef::of(x)),
            Some(y) => {
                let mut ax = x.attendees.clone();
                let mut bx = y.attendees.clone();
                ax.sort();
                bx.sort();
                let pair = Moved {
                    a: SessionRef::of(x),
                    b: SessionRef::of(y),
                };
                if x.date != y.date
                    || x.slot != y.slot
                    || x.venue != y.venue
                    || x.speaker != y.speaker
                {
                    out.moved.push(pair);
                } else if ax != bx {
                    out.changed.push(pair);
                }
            }
        }
    }
    out.added.extend(
        b.sessions
            .iter()
            .filter(|y| !as_.contains_key(y.id.as_str()))
            .map(SessionRef::of),
    );
    let by_date = |s: &SessionRef| (s.date.clone(), s.slot.clone(), s.id.clone());
    out.added.sort_by_key(by_date);
    out.removed.sort_by_key(by_date);
    out.moved.sort_by_key(|m| by_date(&m.a));
    out.changed.sort_by_key(|m| by_date(&m.a));
    out
}

fn sessions(a: &PlanFile, b: &PlanFile) -> SessionsDiff {
    if a.base.is_some() || b.base.is_some() {
        return sessions_by_id(a, b);
    }
    let mut by_key: BTreeMap<Key, (Vec<&SessionOut>, Vec<&SessionOut>)> = BTreeMap::new();
    for s in &a.sessions {
        by_key.entry(key(s)).or_default().0.push(s);
    }
    for s in &b.sessions {
        by_key.entry(key(s)).or_default().1.push(s);
    }
    let order = |s: &&SessionOut| {
        (
            s.date.clone(),
            s.slot.clone(),
            s.venue.clone(),
            s.id.clone(),
        )
    };
    let mut out = SessionsDiff::default();
    for (_, (mut xs, mut ys)) in by_key {
        xs.sort_by_key(order);
        ys.sort_by_key(order);
        let mut used = vec![false; ys.len()];
        let mut rest = Vec::new();
        for x in xs {
            let same = (0..ys.len()).find(|&j| {
                !used[j] && ys[j].date == x.date && ys[j].slot == x.slot && ys[j].venue == x.venue
            });
            match same {
                Some(j) => {
                    used[j] = true;
                    let mut ax = x.attendees.clone();
                    let mut bx = ys[j].attendees.clone();
                    ax.sort();
                    bx.sort();
                    if ax != bx {
                        out.changed.push(Moved {
                            a: SessionRef::of(x),
                            b: SessionRef::of(ys[j]),
                        });
                    }
                }
                None => rest.push(x),
            }
        }
        let mut free = (0..ys.len()).filter(|&j| !used[j]);
        for x in rest {
            match free.next() {
                Some(j) => out.moved.push(Moved {
                    a: SessionRef::of(x),
                    b: SessionRef::of(ys[j]),
                }),
                None => out.removed.push(SessionRef::of(x)),
            }
        }
        out.added.extend(free.map(|j| SessionRef::of(ys[j])));
    }
    let by_date = |s: &SessionRef| (s.date.clone(), s.slot.clone(), s.id.clone());
    out.added.sort_by_key(by_date);
    out.removed.sort_by_key(by_date);
    out.moved.sort_by_key(|m| by_date(&m.a));
    out.changed.sort_by_key(|m| by_date(&m.a));
    out
}

fn placements(p: &PlanFile) -> BTreeMap<String, Placement> {
    let members: BTreeMap<&str, Vec<String>> = p
        .clusters
        .iter()
        .map(|c| {
            let mut m = c.colleges.clone();
            m.sort();
            (c.id.as_str(), m)
        })
        .collect();
    p.colleges
        .iter()
        .map(|c| {
            let with = match (c.mode.as_str(), &c.cluster, &c.guest_of) {
                ("joint", Some(id), _) => members.get(id.as_str()).cloned().unwrap_or_default(),
                (_, _, Some(host)) => vec![host.clone()],
                _ => Vec::new(),
            };
            (
                c.id.clone(),
                Placement {
                    mode: c.mode.clone(),
                    cluster: c.cluster.clone(),
                    with,
                },
            )
        })
        .collect()
}

fn clusters(a: &PlanFile, b: &PlanFile) -> ClustersDiff {
    let (pa, pb) = (placements(a), placements(b));
    let ids: BTreeSet<&String> = pa.keys().chain(pb.keys()).collect();
    let mut out = ClustersDiff::default();
    for id in ids {
        let (x, y) = (pa.get(id), pb.get(id));
        // The cluster id alone is not a change (clusters are renumbered).
        let same = match (x, y) {
            (Some(x), Some(y)) => x.mode == y.mode && x.with == y.with,
            _ => false,
        };
        if !same {
            out.colleges.push(CollegeChange {
                college: id.clone(),
                a: x.cloned(),
                b: y.cloned(),
            });
        }
    }
    let sets = |p: &PlanFile| -> BTreeSet<Vec<String>> {
        p.clusters
            .iter()
            .map(|c| {
                let mut m = c.colleges.clone();
                m.sort();
                m
            })
            .collect()
    };
    let (sa, sb) = (sets(a), sets(b));
    out.formed = sb.difference(&sa).cloned().collect();
    out.dissolved = sa.difference(&sb).cloned().collect();
    out
}

fn diff_sets(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let (x, y): (BTreeSet<&String>, BTreeSet<&String>) = (a.iter().collect(), b.iter().collect());
    (
        y.difference(&x).map(|s| s.to_string()).collect(),
        x.difference(&y).map(|s| s.to_string()).collect(),
    )
}

fn studios(a: &PlanFile, b: &PlanFile) -> Vec<StudioChange> {
    let index = |p: &PlanFile| -> BTreeMap<String, crate::wire::StudioOut> {
        p.studios
            .iter()
            .map(|s| (s.duty.clone(), s.clone()))
            .collect()
    };
    let (ia, ib) = (index(a), index(b));
    let duties: BTreeSet<&String> = ia.keys().chain(ib.keys()).collect();
    let empty = crate::wire::StudioOut {
        duty: String::new(),
        lead: None,
        backbone: Vec::new(),
        members: Vec::new(),
        title_waived: false,
        reason: String::new(),
    };
    let mut out = Vec::new();
    for d in duties {
        let x = ia.get(d).unwrap_or(&empty);
        let y = ib.get(d).unwrap_or(&empty);
        let lead = (x.lead != y.lead).then(|| (x.lead.clone(), y.lead.clone()));
        let (backbone_joined, backbone_left) = diff_sets(&x.backbone, &y.backbone);
        let (members_joined, members_left) = diff_sets(&x.members, &y.members);
        let c = StudioChange {
            duty: d.clone(),
            lead,
            backbone_joined,
            backbone_left,
            members_joined,
            members_left,
        };
        if c.lead.is_some()
            || !(c.backbone_joined.is_empty()
                && c.backbone_left.is_empty()
                && c.members_joined.is_empty()
                && c.members_left.is_empty())
        {
            out.push(c);
        }
    }
    out
}

fn differs(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() >= EPS,
        (None, None) => false,
        _ => true,
    }
}

fn budget(a: &PlanFile, b: &PlanFile) -> Vec<FundDiff> {
    let fa: BTreeMap<&str, &crate::wire::FundOut> =
        a.budget.funds.iter().map(|f| (f.id.as_str(), f)).collect();
    let fb: BTreeMap<&str, &crate::wire::FundOut> =
        b.budget.funds.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut ids: Vec<&str> = fa.keys().chain(fb.keys()).copied().collect();
    ids.sort_by_key(|id| (*id != "school", id.to_string()));
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| {
            let (x, y) = (fa.get(id), fb.get(id));
            let d = FundDiff {
                id: id.to_string(),
                level: x.or(y).map(|f| f.level.clone()).unwrap_or_default(),
                allocated_a: x.map(|f| f.allocated),
                allocated_b: y.map(|f| f.allocated),
                spent_a: x.map(|f| f.spent),
                spent_b: y.map(|f| f.spent),
            };
            (differs(d.allocated_a, d.allocated_b) || differs(d.spent_a, d.spent_b)).then_some(d)
        })
        .collect()
}

fn objective(a: &PlanFile, b: &PlanFile) -> Vec<TermDiff> {
    let mut out = Vec::new();
    let mut push = |term: &str, x: Option<f64>, y: Option<f64>| {
        if differs(x, y) {
            out.push(TermDiff {
                term: term.to_string(),
                a: x,
                b: y,
                delta: money(y.unwrap_or(0.0) - x.unwrap_or(0.0)),
            });
        }
    };
    push("total", Some(a.objective.total), Some(b.objective.total));
    let names: BTreeSet<&String> = a
        .objective
        .terms
        .keys()
        .chain(b.objective.terms.keys())
        .collect();
    for n in names {
        push(
            n,
            a.objective.terms.get(n).copied(),
            b.objective.terms.get(n).copied(),
        );
    }
    out
}

/// Compare plan A with plan B.
pub fn diff(a: &PlanFile, b: &PlanFile) -> PlanDiff {
    PlanDiff {
        status: (a.status != b.status).then(|| (a.status.clone(), b.status.clone())),
        objective: objective(a, b),
        sessions: sessions(a, b),
        clusters: clusters(a, b),
        studios: studios(a, b),
        budget: budget(a, b),
    }
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{v:.2}"))
}

fn delta(a: Option<f64>, b: Option<f64>) -> String {
    format!("{:+.2}", b.unwrap_or(0.0) - a.unwrap_or(0.0))
}

/// The differences for people, with bilingual headings; `a` and `b` name the two files.
pub fn render(d: &PlanDiff, a: &str, b: &str, na: &Namer, nb: &Namer) -> String {
    let n = na;
    let mut out = String::new();
    let _ = writeln!(out, "比较计划 Plan diff\n  A: {a}\n  B: {b}\n");
    if d.is_empty() {
        out.push_str("两个计划没有差别 / the plans are the same\n");
        return out;
    }
    if let Some((x, y)) = &d.status {
        let _ = writeln!(out, "状态 Status: {x} → {y}\n");
    }
    if !d.objective.is_empty() {
        let mut t = Table::new(["项 term", "A", "B", "Δ"]).right(&[1, 2, 3]);
        for x in &d.objective {
            t.row([
                x.term.clone(),
                opt(x.a),
                opt(x.b),
                format!("{:+.2}", x.delta),
            ]);
        }
        let _ = writeln!(out, "目标 Objective\n{}", t.render());
    }
    let s = &d.sessions;
    let _ = writeln!(
        out,
        "场次 Sessions: 新增 added {}, 取消 removed {}, 调整 moved {}, 参加人员变化 attendees changed {}",
        s.added.len(),
        s.removed.len(),
        s.moved.len(),
        s.changed.len()
    );
    for (title, list, n) in [
        ("新增 Added", &s.added, nb),
        ("取消 Removed", &s.removed, na),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut t = Table::new([
            "编号 id",
            "类别 · 职责 · 对象 · 主讲 what",
            "日期 时段 场地 when",
            "人数 people",
        ])
        .right(&[3]);
        for x in list {
            t.row([x.id.clone(), x.what(n), x.when(n), x.attendees.to_string()]);
        }
        let _ = writeln!(out, "\n{title}\n{}", t.render().trim_end());
    }
    for (title, list) in [
        ("调整 Moved", &s.moved),
        ("参加人员变化 Attendees changed", &s.changed),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut t = Table::new([
            "A → B",
            "类别 · 职责 · 对象 · 主讲 what",
            "A 日期 时段 场地",
            "B 日期 时段 场地",
            "人数 people",
        ]);
        for m in list {
            t.row([
                format!("{} → {}", m.a.id, m.b.id),
                m.a.what(n),
                m.a.when(n),
                m.b.when(nb),
                format!("{} → {}", m.a.attendees, m.b.attendees),
            ]);
        }
        let _ = writeln!(out, "\n{title}\n{}", t.render().trim_end());
    }
    out.push('\n');
    let c = &d.clusters;
    if !(c.colleges.is_empty() && c.formed.is_empty() && c.dissolved.is_empty()) {
        let _ = writeln!(out, "两级 Two levels");
        let none = || "—".to_string();
        for x in &c.colleges {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                n.name(&x.college),
                x.a.as_ref().map_or_else(none, |p| p.text(n)),
                x.b.as_ref().map_or_else(none, |p| p.text(n))
            );
        }
        for m in &c.formed {
            let _ = writeln!(out, "  新组 formed: {}", n.names(m));
        }
        for m in &c.dissolved {
            let _ = writeln!(out, "  解散 dissolved: {}", n.names(m));
        }
        out.push('\n');
    }
    if !d.studios.is_empty() {
        let _ = writeln!(out, "工作室 Studios");
        for x in &d.studios {
            let mut parts = Vec::new();
            if let Some((p, q)) = &x.lead {
                parts.push(format!(
                    "负责人 lead {} → {}",
                    p.as_deref().map_or_else(|| "—".to_string(), |x| n.name(x)),
                    q.as_deref().map_or_else(|| "—".to_string(), |x| n.name(x))
                ));
            }
            let list = |v: &[String]| n.names(v);
            if !x.backbone_joined.is_empty() {
                parts.push(format!(
                    "骨干加入 backbone joined {}",
                    list(&x.backbone_joined)
                ));
            }
            if !x.backbone_left.is_empty() {
                parts.push(format!("骨干离开 backbone left {}", list(&x.backbone_left)));
            }
            if !x.members_joined.is_empty() {
                parts.push(format!(
                    "成员加入 members joined {}",
                    list(&x.members_joined)
                ));
            }
            if !x.members_left.is_empty() {
                parts.push(format!("成员离开 members left {}", list(&x.members_left)));
            }
            let _ = writeln!(
                out,
                "  {}: {}",
                n.name(&format!("studio:{}", x.duty)),
                parts.join("; ")
            );
        }
        out.push('\n');
    }
    if !d.budget.is_empty() {
        let mut t = Table::new([
            "经费 fund",
            "级别 level",
            "A 经费 allocated",
            "B 经费 allocated",
            "Δ",
            "A 支出 spent",
            "B 支出 spent",
            "Δ ",
        ])
        .right(&[2, 3, 4, 5, 6, 7]);
        for f in &d.budget {
            t.row([
                if f.id == "school" {
                    "校级专项经费".to_string()
                } else {
                    // a cluster id may mean other colleges in each plan: say both when so
                    let (la, lb) = (na.name(&f.id), nb.name(&f.id));
                    match (f.allocated_a.is_some(), f.allocated_b.is_some()) {
                        (true, true) if la != lb => format!("{la} → {lb}"),
                        (false, true) => lb,
                        _ => la,
                    }
                },
                n.name(&f.level),
                opt(f.allocated_a),
                opt(f.allocated_b),
                delta(f.allocated_a, f.allocated_b),
                opt(f.spent_a),
                opt(f.spent_b),
                delta(f.spent_a, f.spent_b),
            ]);
        }
        let _ = writeln!(out, "经费 Budget\n{}", t.render());
    }
    out
}
