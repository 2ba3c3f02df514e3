//! The college graph (petgraph): which joint colleges may train together, its connected
//! components, and each component's candidate clusters (cliques that reach the threshold).
//!
//! Nothing here touches the solver: [`super::model`] turns candidates into a MILP.

use std::collections::BTreeMap;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::Bfs;

use crate::domain::{CollegeIdx, Inputs};

use super::Terms;

/// Most candidate clusters enumerated in one component before giving up (see the module doc of
/// [`super`]): beyond this the set-partitioning model would be too large to solve quickly.
pub const MAX_CANDIDATES: usize = 200_000;
/// Most groups (below or above the threshold) examined in one component before giving up.
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

/// Interchangeable colleges of a component: colleges on the same campus with the same
/// discipline, stage and full-time count have the same pair costs with everyone and may train
/// with the same partners, so the model counts them instead of naming them (fewer, less
/// symmetric variables; the optimum is unchanged).
#[derive(Debug, Clone, PartialEq)]
pub struct Types {
    /// The type of each local college.
    pub of: Vec<usize>,
    /// The local colleges of each type, ascending; types are ordered by their first college.
    pub members: Vec<Vec<usize>>,
}

/// Group a component's colleges into [`Types`].
pub fn types(inputs: &Inputs, comp: &Component, full_time: &[u32]) -> Types {
    let sc = &inputs.scenario;
    let mut index: BTreeMap<(usize, &str, &str, u32), usize> = BTreeMap::new();
    let mut of = Vec::with_capacity(comp.colleges.len());
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (l, &c) in comp.colleges.iter().enumerate() {
        let col = &sc.colleges[c];
        let key = (
            col.campus,
            col.discipline.as_str(),
            col.stage.as_str(),
            full_time[c],
        );
        let t = *index.entry(key).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[t].push(l);
        of.push(t);
    }
    Types { of, members }
}

/// A feasible cluster shape: a multiset of college types, pairwise allowed to train together,
/// of at most `two_level.max_cluster_colleges` colleges, whose full-time counselors reach
/// `two_level.independent_min`. The model may use it several times (`copies`).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// `(type, how many colleges of it)`, by ascending type.
    pub types: Vec<(usize, u32)>,
    /// Colleges in the cluster.
    pub size: u32,
    /// Full-time counselors together.
    pub total: u32,
    /// The cluster's cost (sum of its objective terms).
    pub cost: f64,
    /// How many disjoint copies the type counts allow.
    pub copies: u32,
}

impl Candidate {
    /// How many colleges of type `t` the cluster has.
    pub fn mult(&self, t: usize) -> u32 {
        self.types.iter().find(|x| x.0 == t).map_or(0, |x| x.1)
    }

    /// Representative members (local indices, ascending): the first colleges of each type, with
    /// `must` among them when its type is in the cluster.
    pub fn example(&self, types: &Types, must: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        for &(t, m) in &self.types {
            let mut take: Vec<usize> = Vec::new();
            if let Some(l) = must.filter(|&l| types.of.get(l) == Some(&t)) {
                take.push(l);
            }
            for &l in &types.members[t] {
                if take.len() >= m as usize {
                    break;
                }
                if !take.contains(&l) {
                    take.push(l);
                }
            }
            out.extend(take);
        }
        out.sort_unstable();
        out
    }
}

/// The candidates of one component, or why they were not all enumerated.
#[derive(Debug, Clone, PartialEq)]
pub enum Enumerated {
    /// Every candidate, in lexicographic order of their type sequences, and each type's reach.
    Complete {
        /// The component's college types.
        types: Types,
        /// Candidates.
        candidates: Vec<Candidate>,
        /// Per type: the largest total any allowed group of at most `max_cluster_colleges`
        /// colleges containing a college of this type reaches.
        reach: Vec<u32>,
    },
    /// The enumeration hit [`MAX_CANDIDATES`] or [`MAX_CLIQUES_EXAMINED`].
    TooMany {
        /// Candidates found before stopping.
        candidates: usize,
        /// Groups examined before stopping.
        examined: usize,
    },
}

/// Enumerate the candidate clusters of a component: every multiset of pairwise-allowed types of
/// `1..=max_size` colleges (a single college only qualifies if it alone reaches the threshold)
/// with total `>= threshold`. Groups are visited depth-first in lexicographic order of their
/// sorted type sequences, so the result depends on nothing but the inputs.
pub fn enumerate(
    inputs: &Inputs,
    comp: &Component,
    full_time: &[u32],
    limits: (usize, usize),
) -> Enumerated {
    let tl = &inputs.rules.two_level;
    let types = types(inputs, comp, full_time);
    let nt = types.members.len();
    let first = |t: usize| types.members[t][0];
    // Colleges of one type share a campus, so they may always train together.
    let tadj: Vec<Vec<bool>> = (0..nt)
        .map(|a| {
            (0..nt)
                .map(|b| a == b || comp.adj[first(a)][first(b)])
                .collect()
        })
        .collect();
    let count: Vec<u32> = types.members.iter().map(|m| m.len() as u32).collect();
    let ft: Vec<u32> = (0..nt)
        .map(|t| full_time[comp.colleges[first(t)]])
        .collect();
    let mut e = Enum {
        inputs,
        comp,
        types: &types,
        tadj: &tadj,
        count: &count,
        ft: &ft,
        max_size: tl.max_cluster_colleges as usize,
        rules: tl,
        limits,
        used: vec![0; nt],
        candidates: Vec::new(),
        reach: ft.clone(),
        examined: 0,
        stopped: false,
    };
    for t in 0..nt {
        let next: Vec<usize> = (t..nt)
            .filter(|&u| if u == t { count[t] > 1 } else { tadj[t][u] })
            .collect();
        let mut seq = vec![t];
        e.used[t] += 1;
        e.grow(&mut seq, ft[t], &next);
        e.used[t] -= 1;
        if e.stopped {
            return Enumerated::TooMany {
                candidates: e.candidates.len(),
                examined: e.examined,
            };
        }
    }
    let (candidates, reach) = (e.candidates, e.reach);
    Enumerated::Complete {
        types,
        candidates,
        reach,
    }
}

struct Enum<'a> {
    inputs: &'a Inputs,
    comp: &'a Component,
    types: &'a Types,
    tadj: &'a [Vec<bool>],
    count: &'a [u32],
    ft: &'a [u32],
    max_size: usize,
    rules: &'a crate::domain::TwoLevelRules,
    limits: (usize, usize),
    used: Vec<u32>,
    candidates: Vec<Candidate>,
    reach: Vec<u32>,
    examined: usize,
    stopped: bool,
}

impl Enum<'_> {
    /// `seq` is a non-decreasing sequence of types, pairwise allowed; `next` the types that may
    /// extend it (at least its last type, allowed with every type in it, with colleges left).
    fn grow(&mut self, seq: &mut Vec<usize>, total: u32, next: &[usize]) {
        self.examined += 1;
        if self.examined > self.limits.1 {
            self.stopped = true;
            return;
        }
        for &t in seq.iter() {
            self.reach[t] = self.reach[t].max(total);
        }
        if self.rules.cluster_reaches_threshold(total) && seq.len() <= self.max_size {
            let mut types: Vec<(usize, u32)> = Vec::new();
            for &t in seq.iter() {
                match types.last_mut() {
                    Some(last) if last.0 == t => last.1 += 1,
                    _ => types.push((t, 1)),
                }
            }
            let copies = types
                .iter()
                .map(|&(t, m)| self.count[t] / m)
                .min()
                .unwrap_or(0);
            let mut cand = Candidate {
                types,
                size: seq.len() as u32,
                total,
                cost: 0.0,
                copies,
            };
            let members: Vec<CollegeIdx> = cand
                .example(self.types, None)
                .iter()
                .map(|&l| self.comp.colleges[l])
                .collect();
            // Every pair of a candidate is allowed, so the terms always exist.
            if let Some(t) = cluster_terms(self.inputs, &members) {
                cand.cost = t.total();
                self.candidates.push(cand);
                if self.candidates.len() > self.limits.0 {
                    self.stopped = true;
                    return;
                }
            }
        }
        if seq.len() >= self.max_size {
            return;
        }
        for (k, &u) in next.iter().enumerate() {
            let further: Vec<usize> = next[k..]
                .iter()
                .copied()
                .filter(|&w| {
                    if w == u {
                        self.used[u] + 1 < self.count[u]
                    } else {
                        self.tadj[u][w]
                    }
                })
                .collect();
            seq.push(u);
            self.used[u] += 1;
            self.grow(seq, total + self.ft[u], &further);
            self.used[u] -= 1;
            seq.pop();
            if self.stopped {
                return;
            }
        }
    }
}
