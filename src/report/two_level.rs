//! Reports of the two-level decision: the plan-file keys (`colleges`, `clusters`, `objective`),
//! the JSON of `fudao clusters --format json`, and the table for people.

use std::fmt::Write as _;

use serde::Serialize;

use crate::domain::Inputs;
use crate::report::table::Table;
use crate::wire::{ClusterOut, CollegeOut, ObjectiveOut};

pub use crate::planner::two_level::out::{
    FindingOut, FixOut, clusters_out, colleges_out, explanation_out, explanation_text, fixes_out,
    objective_out, terms_map,
};
use crate::planner::two_level::{Mode, Status, TwoLevel, num};

/// One component of the college graph, as written to JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentOut {
    /// College ids.
    pub colleges: Vec<String>,
    /// Allowed pairs.
    pub edges: usize,
    /// Types of interchangeable colleges (the model's rows; `null` when not enumerated).
    pub types: Option<usize>,
    /// Candidate clusters in its model (`null` when too many to enumerate).
    pub candidates: Option<usize>,
}

/// The whole output of `fudao clusters --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClustersOut {
    /// `optimal` | `infeasible` | `unsolved` | `error`.
    pub status: String,
    /// Objective and its terms (2 decimals).
    pub objective: ObjectiveOut,
    /// Every college with its mode and reason.
    pub colleges: Vec<CollegeOut>,
    /// Every joint cluster.
    pub clusters: Vec<ClusterOut>,
    /// Why the status is not optimal (empty when optimal).
    pub explanation: Vec<FindingOut>,
    /// When infeasible: the smallest change of each rule that makes a plan exist (each
    /// confirmed by solving again).
    pub fixes: Vec<FixOut>,
    /// The components solved, with their model sizes.
    pub components: Vec<ComponentOut>,
}

/// Everything `fudao clusters --format json` prints.
pub fn clusters_json(inputs: &Inputs, r: &TwoLevel) -> ClustersOut {
    let sc = &inputs.scenario;
    ClustersOut {
        status: r.status.as_str().to_string(),
        objective: objective_out(r),
        colleges: colleges_out(inputs, r),
        clusters: clusters_out(inputs, r),
        explanation: explanation_out(inputs, r),
        fixes: fixes_out(r),
        components: r
            .components
            .iter()
            .map(|c| ComponentOut {
                colleges: c
                    .colleges
                    .iter()
                    .map(|&k| sc.colleges[k].id.clone())
                    .collect(),
                edges: c.edges,
                types: c.types,
                candidates: c.candidates,
            })
            .collect(),
    }
}

fn status_zh(s: &Status) -> &'static str {
    match s {
        Status::Optimal => "最优",
        Status::Infeasible(_) => "不可行",
        Status::Unsolved(_) => "未求解",
        Status::Error(_) => "出错",
    }
}

/// `fudao clusters --format table`: colleges, clusters, status, objective and model size (the
/// explanation of a non-optimal status is separate: [`explanation_text`]).
pub fn table(inputs: &Inputs, r: &TwoLevel) -> String {
    let sc = &inputs.scenario;
    let tl = &inputs.rules.two_level;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "两级培训 Two-level training — two_level.independent_min = {}, two_level.max_cluster_colleges = {}, two_level.max_travel_minutes = {}",
        tl.independent_min,
        tl.max_cluster_colleges,
        num(tl.max_travel_minutes)
    );
    let mut t = Table::new([
        "学院 college",
        "id",
        "校区 campus",
        "专职 full-time",
        "方式 mode",
        "组 cluster",
        "依据 reason",
    ])
    .right(&[3]);
    for d in &r.colleges {
        let c = &sc.colleges[d.college];
        let unit = match (d.mode, d.cluster, d.guest_of) {
            (_, Some(k), _) => r
                .clusters
                .get(k)
                .map_or("—".to_string(), |cl| cl.id.clone()),
            (Mode::Guest, _, Some(h)) => format!("随 {}", sc.colleges[h].id),
            _ => "—".to_string(),
        };
        t.row([
            c.name.clone(),
            c.id.clone(),
            sc.campuses[c.campus].name.clone(),
            d.full_time.to_string(),
            format!("{} {}", d.mode.zh(), d.mode.as_str()),
            unit,
            d.reason.zh.clone(),
        ]);
    }
    let count = |m: Mode| r.colleges.iter().filter(|d| d.mode == m).count();
    t.row([
        "合计 total".to_string(),
        String::new(),
        String::new(),
        r.colleges
            .iter()
            .map(|d| d.full_time)
            .sum::<u32>()
            .to_string(),
        format!(
            "{} independent, {} joint, {} guest",
            count(Mode::Independent),
            count(Mode::Joint),
            count(Mode::Guest)
        ),
        format!("{} clusters", r.clusters.len()),
        String::new(),
    ]);
    out.push_str(&t.render());
    out.push('\n');

    if r.clusters.is_empty() {
        out.push_str("联合培训组 Joint clusters: 无 none\n\n");
    } else {
        out.push_str("联合培训组 Joint clusters\n");
        let mut t = Table::new([
            "组 cluster",
            "成员 members",
            "合计 total",
            "校区 campuses",
            "车程 travel",
            "学科 discipline",
            "学段 stage",
            "每组 per cluster",
            "小计 cost",
        ])
        .right(&[2, 4, 5, 6, 7, 8]);
        for cl in &r.clusters {
            let members: Vec<String> = cl
                .members
                .iter()
                .map(|&c| format!("{}（{}）", sc.colleges[c].name, sc.colleges[c].id))
                .collect();
            let campuses: Vec<&str> = cl
                .campuses
                .iter()
                .map(|&c| sc.campuses[c].name.as_str())
                .collect();
            t.row([
                cl.id.clone(),
                members.join("、"),
                cl.full_time.to_string(),
                campuses.join("、"),
                format!("{:.2}", cl.terms.travel),
                format!("{:.2}", cl.terms.discipline_mismatch),
                format!("{:.2}", cl.terms.stage_mismatch),
                format!("{:.2}", cl.terms.clusters),
                format!("{:.2}", cl.terms.total()),
            ]);
        }
        let o = &r.objective.terms;
        t.row([
            "合计 total".to_string(),
            format!(
                "{} colleges",
                r.clusters.iter().map(|c| c.members.len()).sum::<usize>()
            ),
            r.clusters
                .iter()
                .map(|c| c.full_time)
                .sum::<u32>()
                .to_string(),
            String::new(),
            format!("{:.2}", o.travel),
            format!("{:.2}", o.discipline_mismatch),
            format!("{:.2}", o.stage_mismatch),
            format!("{:.2}", o.clusters),
            format!("{:.2}", o.total()),
        ]);
        out.push_str(&t.render());
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "状态 status: {} {}",
        status_zh(&r.status),
        r.status.as_str()
    );
    let o = &r.objective;
    let mut terms: Vec<String> = o
        .terms
        .named()
        .iter()
        .map(|(k, v)| format!("{k} {v:.2}"))
        .collect();
    if o.guests > 0 {
        terms.push(format!("guests {:.2}", o.guest_term()));
    }
    let _ = writeln!(
        out,
        "目标 objective: {:.2} = {}",
        o.total(),
        terms.join(" + ")
    );
    if r.objective.guests > 0 {
        let _ = writeln!(
            out,
            "（guests = {} 所随训 × 惩罚 M {:.2}，M 大于任何划分的代价，故先使随训学院最少 / {} guest(s) × penalty M, larger than any partition's cost, so guests are minimised first）",
            r.objective.guests, r.objective.guest_penalty, r.objective.guests
        );
    }
    let sizes: Vec<String> = r
        .components
        .iter()
        .map(|c| match (c.types, c.candidates) {
            (Some(t), Some(k)) => {
                format!("{} colleges/{t} types/{k} candidates", c.colleges.len())
            }
            _ => format!("{} colleges/too many candidates", c.colleges.len()),
        })
        .collect();
    let _ = writeln!(
        out,
        "模型 model: {} component(s) of the college graph: {}",
        r.components.len(),
        if sizes.is_empty() {
            "—".to_string()
        } else {
            sizes.join("; ")
        }
    );
    out
}
