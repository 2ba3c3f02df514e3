//! The college graph (petgraph): which joint colleges may train together, its connected
//! components, and each component's candidate clusters (cliques that reach the threshold).
//!
//! Nothing here touches the solver: [`super::model`] turns candidates into a MILP.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::Bfs;

use crate::domain::{CollegeIdx, Inputs};

use super::Terms;

/// Most candidate clusters enumerated in one component before giving up (see the module doc of
/// [`super`]): beyond this the set-partitioning model would be too large to solve quickly.
pub const MAX_CANDIDATES: usize = 200_000;
/// Most cliques (below or above the threshold) examined in one component before giving up.
pub const MAX_CLIQUES_EXAMINED: usize = 2_000_000;

/// Travel minutes between two colleges when the rules let them train together: always when they
/// share a campus (0 minutes), otherwise when the scenario has a travel entry of at most
/// `two_level.max_travel_minutes`. `None` when the pair is not allowed.
pub fn allowed_minutes(inputs: &Inputs, a: CollegeIdx, b: CollegeIdx) -> Option<f64> {
    let sc = &inputs.scenario;
    let (ca, cb) = (sc.colleges[a].campus, sc.colleges[b].campus);
    if ca == cb {
        return Some(0.0);
    }
    let m = sc
        .travel_minutes
        .get(ca)
        .and_then(|row| row.get(cb))
        .copied()
        .flatten()?;
    (m <= inputs.rules.two_level.max_travel_minutes).then_some(m)
}

/// Travel minutes between two colleges' campuses regardless of the limit (`None`: no travel entry).
pub fn minutes(inputs: &Inputs, a: CollegeIdx, b: CollegeIdx) -> Option<f64> {
    let sc = &inputs.scenario;
    let (ca, cb) = (sc.colleges[a].campus, sc.colleges[b].campus);
    if ca == cb {
        return Some(0.0);
    }
    sc.travel_minutes
        .get(ca)
        .and_then(|row| row.get(cb))
        .copied()
        .flatten()
}

/// The objective terms one unordered pair of members adds to its cluster (no per-cluster term).
pub fn pair_terms(inputs: &Inputs, a: CollegeIdx, b: CollegeIdx, minutes: f64) -> Terms {
    let w = &inputs.rules.two_level;
    let (ca, cb) = (&inputs.scenario.colleges[a], &inputs.scenario.colleges[b]);
    Terms {
        travel: w.w_travel_per_minute * minutes,
        discipline_mismatch: if ca.discipline == cb.discipline {
            0.0
        } else {
            w.w_discipline_mismatch
        },
        stage_mismatch: if ca.stage == cb.stage {
            0.0
        } else {
            w.w_stage_mismatch
        },
        clusters: 0.0,
    }
}

/// A cluster's objective terms (`w_per_cluster` plus every pair's terms), or `None` when some pair
/// of members may not train together.
pub fn cluster_terms(inputs: &Inputs, members: &[CollegeIdx]) -> Option<Terms> {
    let mut t = Terms {
        clusters: inputs.rules.two_level.w_per_cluster,
        ..Terms::default()
    };
    for (k, &a) in members.iter().enumerate() {
        for &b in &members[k + 1..] {
            let m = allowed_minutes(inputs, a, b)?;
            t.add(&pair_terms(inputs, a, b, m));
        }
    }
    Some(t)
}

/// The graph over joint colleges: one node per college (weight = college index, nodes in the
/// order given), one edge per allowed pair (weight = the pair's cost).
pub fn build(inputs: &Inputs, joint: &[CollegeIdx]) -> UnGraph<CollegeIdx, f64> {
    let mut g = UnGraph::with_capacity(joint.len(), 0);
    let nodes: Vec<NodeIndex> = joint.iter().map(|&c| g.add_node(c)).collect();
    for (i, &a) in joint.iter().enumerate() {
        for (j, &b) in joint.iter().enumerate().skip(i + 1) {
            if let Some(m) = allowed_minutes(inputs, a, b) {
                g.add_edge(nodes[i], nodes[j], pair_terms(inputs, a, b, m).total());
            }
        }
    }
    g
}

/// One connected component of the college graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Member colleges, in college order.
    pub colleges: Vec<CollegeIdx>,
    /// Adjacency among members (local indices): `adj[i][j]` when the pair may train together.
    pub adj: Vec<Vec<bool>>,
    /// Number of edges.
    pub edges: usize,
}

/// Connected components, each listed in college order, ordered by their first college.
pub fn components(g: &UnGraph<CollegeIdx, f64>) -> Vec<Component> {
    let mut seen = vec![false; g.node_count()];
    let mut out = Vec::new();
    for start in g.node_indices() {
        if seen[start.index()] {
            continue;
        }
        let mut nodes = Vec::new();
        let mut bfs = Bfs::new(g, start);
        while let Some(n) = bfs.next(g) {
            seen[n.index()] = true;
            nodes.push(n);
        }
        nodes.sort_by_key(|&n| g[n]);
        let local = |n: NodeIndex| nodes.iter().position(|&m| m == n);
        let mut adj = vec![vec![false; nodes.len()]; nodes.len()];
        let mut edges = 0;
        for (i, &n) in nodes.iter().enumerate() {
            for nb in g.neighbors(n) {
                if let Some(j) = local(nb) {
                    adj[i][j] = true;
                    if i < j {
                        edges += 1;
                    }
                }
            }
        }
        out.push(Component {
            colleges: nodes.iter().map(|&n| g[n]).collect(),
            adj,
            edges,
        });
    }
    out
}

/// A feasible cluster: a clique of the allowed graph, of at most `two_level.max_cluster_colleges`
/// colleges, whose full-time counselors reach `two_level.independent_min`.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Members (local indices into [`Component::colleges`]), ascending.
    pub members: Vec<usize>,
    /// Full-time counselors together.
    pub total: u32,
    /// The cluster's cost (sum of its objective terms).
    pub cost: f64,
}

/// For one college, the largest total any allowed group of at most `max_cluster_colleges`
/// colleges containing it reaches (used to explain why it cannot be placed).
#[derive(Debug, Clone, PartialEq)]
pub struct Reach {
    /// The largest total.
    pub total: u32,
    /// A group reaching it (local indices, ascending; the first such group in enumeration order).
    pub group: Vec<usize>,
}

/// The candidates of one component, or why they were not all enumerated.
#[derive(Debug, Clone, PartialEq)]
pub enum Enumerated {
    /// Every candidate, in lexicographic order of their member lists, and each college's reach.
    Complete {
        /// Candidates.
        candidates: Vec<Candidate>,
        /// Per local college.
        reach: Vec<Reach>,
    },
    /// The enumeration hit [`MAX_CANDIDATES`] or [`MAX_CLIQUES_EXAMINED`].
    TooMany {
        /// Candidates found before stopping.
        candidates: usize,
        /// Cliques examined before stopping.
        examined: usize,
    },
}

/// Enumerate the candidate clusters of a component: every clique of size `1..=max_size` (a
/// singleton only qualifies if it alone reaches the threshold) with total `>= threshold`.
/// Cliques are visited depth-first in lexicographic order of their sorted member lists, so the
/// result does not depend on anything but the inputs.
pub fn enumerate(
    inputs: &Inputs,
    comp: &Component,
    full_time: &[u32],
    limits: (usize, usize),
) -> Enumerated {
    let tl = &inputs.rules.two_level;
    let max_size = tl.max_cluster_colleges as usize;
    let threshold = tl.independent_min;
    let n = comp.colleges.len();
    let ft: Vec<u32> = comp.colleges.iter().map(|&c| full_time[c]).collect();
    let mut e = Enum {
        inputs,
        comp,
        ft: &ft,
        max_size,
        threshold,
        limits,
        candidates: Vec::new(),
        reach: (0..n)
            .map(|v| Reach {
                total: ft[v],
                group: vec![v],
            })
            .collect(),
        examined: 0,
        stopped: false,
    };
    for (v, &n_v) in ft.iter().enumerate() {
        let next: Vec<usize> = (v + 1..n).filter(|&u| comp.adj[v][u]).collect();
        let mut clique = vec![v];
        e.grow(&mut clique, n_v, &next);
        if e.stopped {
            return Enumerated::TooMany {
                candidates: e.candidates.len(),
                examined: e.examined,
            };
        }
    }
    Enumerated::Complete {
        candidates: e.candidates,
        reach: e.reach,
    }
}

struct Enum<'a> {
    inputs: &'a Inputs,
    comp: &'a Component,
    ft: &'a [u32],
    max_size: usize,
    threshold: u32,
    limits: (usize, usize),
    candidates: Vec<Candidate>,
    reach: Vec<Reach>,
    examined: usize,
    stopped: bool,
}

impl Enum<'_> {
    fn grow(&mut self, clique: &mut Vec<usize>, total: u32, next: &[usize]) {
        self.examined += 1;
        if self.examined > self.limits.1 {
            self.stopped = true;
            return;
        }
        for &v in clique.iter() {
            if total > self.reach[v].total {
                self.reach[v] = Reach {
                    total,
                    group: clique.clone(),
                };
            }
        }
        if total >= self.threshold && clique.len() <= self.max_size {
            let members: Vec<CollegeIdx> = clique.iter().map(|&l| self.comp.colleges[l]).collect();
            // Every pair of a clique is allowed, so the terms always exist.
            if let Some(t) = cluster_terms(self.inputs, &members) {
                self.candidates.push(Candidate {
                    members: clique.clone(),
                    total,
                    cost: t.total(),
                });
                if self.candidates.len() > self.limits.0 {
                    self.stopped = true;
                    return;
                }
            }
        }
        if clique.len() >= self.max_size {
            return;
        }
        for (k, &u) in next.iter().enumerate() {
            let further: Vec<usize> = next[k + 1..]
                .iter()
                .copied()
                .filter(|&w| self.comp.adj[u][w])
                .collect();
            clique.push(u);
            self.grow(clique, total + self.ft[u], &further);
            clique.pop();
            if self.stopped {
                return;
            }
        }
    }
}
