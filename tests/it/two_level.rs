//! Two-level decision and joint clusters: a brute-force oracle, the invariants of the stage oracle
//! [`crate::oracles::two_level`] on every result, edge cases, rule changes on the bundled
//! scenario, and determinism across thread counts.

use crate::oracles::two_level as oracle;
use crate::support;

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use fudao::domain::{Campus, College, Inputs, Person, TwoLevelRules, Unreachable};
use fudao::planner::two_level::{self, Mode, Status, TwoLevel};
use fudao::report::two_level as report;

// ── building instances in code ───────────────────────────────────────────────────────────────

/// One college of a test instance.
#[derive(Debug, Clone)]
struct Col {
    campus: usize,
    discipline: &'static str,
    stage: &'static str,
    /// Full-time counselors.
    ft: u32,
}

/// A test instance: travel between campuses (symmetric, `None` = no entry), colleges, rules.
#[derive(Debug, Clone)]
struct Inst {
    travel: Vec<Vec<Option<f64>>>,
    colleges: Vec<Col>,
    tl: TwoLevelRules,
}

fn rules(min: u32, kmax: u32, max_travel: f64, unreachable: Unreachable) -> TwoLevelRules {
    TwoLevelRules {
        independent_min: min,
        max_cluster_colleges: kmax,
        max_travel_minutes: max_travel,
        unreachable,
        w_travel_per_minute: 1.0,
        w_discipline_mismatch: 20.0,
        w_stage_mismatch: 10.0,
        w_per_cluster: 30.0,
    }
}

/// Travel matrix for `n` campuses from `(a, b, minutes)` entries.
fn travel(n: usize, entries: &[(usize, usize, f64)]) -> Vec<Vec<Option<f64>>> {
    let mut t = vec![vec![None; n]; n];
    for (i, row) in t.iter_mut().enumerate() {
        row[i] = Some(0.0);
    }
    for &(a, b, m) in entries {
        t[a][b] = Some(m);
        t[b][a] = Some(m);
    }
    t
}

fn col(campus: usize, discipline: &'static str, stage: &'static str, ft: u32) -> Col {
    Col {
        campus,
        discipline,
        stage,
        ft,
    }
}

/// The minimal valid scenario of tests/common, loaded once.
fn base() -> Inputs {
    static BASE: OnceLock<Inputs> = OnceLock::new();
    let one = "[[people]]\nid = \"t0\"\nname = \"测试\"\ncollege = \"c1\"\nrole = \"counselor\"\nhired = 2020-07-01\n";
    BASE.get_or_init(|| match support::load_text(&support::scenario_text(one)) {
        Ok(l) => l.inputs,
        Err(e) => panic!("base scenario does not load:\n{e}"),
    })
    .clone()
}

fn role(inputs: &Inputs, id: &str) -> usize {
    inputs
        .rules
        .roles
        .iter()
        .position(|r| r.id == id)
        .expect("role in rules/jzmu.toml")
}

fn person(id: String, college: usize, role: usize) -> Person {
    let d = NaiveDate::from_ymd_opt(2020, 7, 1).expect("date");
    Person {
        id,
        name: "测试".to_string(),
        college: Some(college),
        role,
        hired: d,
        counselor_since: Some(d),
        left: None,
        unavailable: Vec::new(),
        last_external: None,
        counselor_since_month_only: false,
        title: String::new(),
        title_level: None,
        honors: Vec::new(),
        specialties: Vec::new(),
    }
}

/// Domain inputs for an instance: the rules of rules/jzmu.toml with `[two_level]` replaced, and a
/// scenario with the instance's campuses, travel, colleges and full-time counselors (plus one
/// deputy secretary per college, who must not count).
fn build(inst: &Inst) -> Inputs {
    let mut inp = base();
    let n = inst.travel.len();
    let sc = &mut inp.scenario;
    sc.campuses = (0..n)
        .map(|i| Campus {
            id: format!("p{i}"),
            name: format!("校区{i}"),
        })
        .collect();
    sc.travel_minutes = inst.travel.clone();
    sc.travel_cost = vec![vec![0.0; n]; n];
    sc.colleges = inst
        .colleges
        .iter()
        .enumerate()
        .map(|(i, c)| College {
            id: format!("c{:02}", i + 1),
            name: format!("学院{:02}", i + 1),
            campus: c.campus,
            discipline: c.discipline.to_string(),
            stage: c.stage.to_string(),
            themes: Vec::new(),
            unavailable: Vec::new(),
        })
        .collect();
    let counselor = role(&inp, "counselor");
    let deputy = role(&inp, "deputy_secretary");
    let mut people = Vec::new();
    for (i, c) in inst.colleges.iter().enumerate() {
        for k in 0..c.ft {
            people.push(person(format!("t{i}_{k}"), i, counselor));
        }
        people.push(person(format!("d{i}"), i, deputy));
    }
    inp.scenario.people = people;
    inp.rules.two_level = inst.tl.clone();
    inp
}

/// Decide and run the checker; every result in these tests must pass it.
fn decide_checked(inputs: &Inputs) -> TwoLevel {
    let r = two_level::decide(inputs);
    let violations = oracle::check_result(inputs, &r);
    assert!(
        violations.is_empty(),
        "checker found violations: {violations:#?}\nresult: {r:#?}"
    );
    r
}

fn ids_of(inputs: &Inputs, cs: &[usize]) -> Vec<String> {
    cs.iter()
        .map(|&c| inputs.scenario.colleges[c].id.clone())
        .collect()
}

fn cluster_ids(inputs: &Inputs, r: &TwoLevel) -> Vec<Vec<String>> {
    r.clusters
        .iter()
        .map(|c| ids_of(inputs, &c.members))
        .collect()
}

// ── the oracle: brute force over every set partition ─────────────────────────────────────────

/// Minutes between two colleges if they may train together, computed from scratch.
fn allowed(inst: &Inst, a: usize, b: usize) -> Option<f64> {
    let (ca, cb) = (inst.colleges[a].campus, inst.colleges[b].campus);
    if ca == cb {
        return Some(0.0);
    }
    inst.travel[ca][cb].filter(|&m| m <= inst.tl.max_travel_minutes)
}

/// Cost of a block as a cluster, or `None` when it breaks a hard rule.
fn block_cost(inst: &Inst, block: &[usize]) -> Option<f64> {
    let tl = &inst.tl;
    let total: u32 = block.iter().map(|&c| inst.colleges[c].ft).sum();
    if block.is_empty()
        || block.len() > tl.max_cluster_colleges as usize
        || total < tl.independent_min
    {
        return None;
    }
    let mut cost = tl.w_per_cluster;
    for (k, &a) in block.iter().enumerate() {
        for &b in &block[k + 1..] {
            let m = allowed(inst, a, b)?;
            let (x, y) = (&inst.colleges[a], &inst.colleges[b]);
            cost += tl.w_travel_per_minute * m;
            if x.discipline != y.discipline {
                cost += tl.w_discipline_mismatch;
            }
            if x.stage != y.stage {
                cost += tl.w_stage_mismatch;
            }
        }
    }
    Some(cost)
}

/// The best (fewest guests, then lowest cluster cost) over all set partitions of the joint
/// colleges; a block that is not a valid cluster must be a single guest.
fn brute_force(inst: &Inst) -> (usize, f64) {
    let joint: Vec<usize> = (0..inst.colleges.len())
        .filter(|&c| inst.colleges[c].ft < inst.tl.independent_min)
        .collect();
    let n = joint.len();
    let mut best = (usize::MAX, f64::INFINITY);
    if n == 0 {
        return (0, 0.0);
    }
    // Restricted growth strings: a[0] = 0, a[i] <= 1 + max(a[..i]).
    let mut a = vec![0usize; n];
    loop {
        let blocks = a.iter().max().map_or(0, |m| m + 1);
        let mut guests = 0;
        let mut cost = 0.0;
        let mut ok = true;
        for b in 0..blocks {
            let block: Vec<usize> = (0..n).filter(|&i| a[i] == b).map(|i| joint[i]).collect();
            match block_cost(inst, &block) {
                Some(c) => cost += c,
                None if block.len() == 1 => guests += 1,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && (guests < best.0 || (guests == best.0 && cost < best.1)) {
            best = (guests, cost);
        }
        // next restricted growth string
        let mut i = n - 1;
        loop {
            if i == 0 {
                return best;
            }
            let m = a[..i].iter().max().copied().unwrap_or(0);
            if a[i] <= m {
                a[i] += 1;
                for x in a.iter_mut().skip(i + 1) {
                    *x = 0;
                }
                break;
            }
            i -= 1;
        }
    }
}

#[test]
fn brute_force_counts_bell_numbers() {
    // Sanity of the oracle itself: with no rule in the way, every partition is valid, so the
    // enumeration must reach the all-singletons partition (guests = n) and the all-pairs optimum.
    let inst = Inst {
        travel: travel(1, &[]),
        colleges: vec![col(0, "a", "u", 1); 4],
        tl: TwoLevelRules {
            w_travel_per_minute: 0.0,
            w_discipline_mismatch: 0.0,
            w_stage_mismatch: 0.0,
            w_per_cluster: 1.0,
            ..rules(2, 4, 0.0, Unreachable::Guest)
        },
    };
    // one block of all four costs 1; any split costs more
    assert_eq!(brute_force(&inst), (0, 1.0));
    let inst3 = Inst {
        colleges: vec![col(0, "a", "u", 3); 3],
        tl: rules(6, 2, 0.0, Unreachable::Guest),
        ..inst
    };
    // three colleges of 3, at most 2 per cluster: one pair (30 per cluster, alike) and one guest
    assert_eq!(brute_force(&inst3), (1, 30.0));
}

const DISCIPLINES: [&str; 3] = ["clinical", "nursing", "humanities"];
const STAGES: [&str; 2] = ["undergraduate", "graduate"];

fn instance() -> impl Strategy<Value = Inst> {
    (2u32..=8, 1usize..=3, 2usize..=9, 0usize..=2, 2u32..=4).prop_flat_map(
        |(min, campuses, joint, indep, kmax)| {
            let pairs = campuses * (campuses - 1) / 2;
            let small = (0usize..campuses, 0usize..3, 0usize..2, 1u32..min);
            let big = (0usize..campuses, 0usize..3, 0usize..2, min..min + 4);
            (
                Just((min, campuses, kmax)),
                prop::collection::vec(prop::option::weighted(0.75, 0u32..=60), pairs),
                prop::collection::vec(small, joint),
                prop::collection::vec(big, indep),
                0u32..=60,
                (0u32..=4, 0u32..=30, 0u32..=30, 0u32..=60),
            )
                .prop_map(
                    |((min, campuses, kmax), tr, small, big, max_travel, (wt, wd, ws, wc))| {
                        let mut entries = Vec::new();
                        let mut k = 0;
                        for a in 0..campuses {
                            for b in a + 1..campuses {
                                if let Some(m) = tr[k] {
                                    entries.push((a, b, f64::from(m)));
                                }
                                k += 1;
                            }
                        }
                        // joint and independent colleges interleaved by a fixed rule
                        let mut colleges: Vec<Col> = Vec::new();
                        let mut bi = big.into_iter();
                        for (i, (c, d, s, n)) in small.into_iter().enumerate() {
                            colleges.push(col(c, DISCIPLINES[d], STAGES[s], n));
                            if i % 3 == 1
                                && let Some((c, d, s, n)) = bi.next()
                            {
                                colleges.push(col(c, DISCIPLINES[d], STAGES[s], n));
                            }
                        }
                        for (c, d, s, n) in bi {
                            colleges.push(col(c, DISCIPLINES[d], STAGES[s], n));
                        }
                        Inst {
                            travel: travel(campuses, &entries),
                            colleges,
                            tl: TwoLevelRules {
                                w_travel_per_minute: f64::from(wt) * 0.5,
                                w_discipline_mismatch: f64::from(wd),
                                w_stage_mismatch: f64::from(ws),
                                w_per_cluster: f64::from(wc),
                                ..rules(min, kmax, f64::from(max_travel), Unreachable::Guest)
                            },
                        }
                    },
                )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The MILP finds the brute-force optimum: the same number of colleges left out, then the same
    /// cluster cost (and so the same objective with the documented guest penalty). Every result
    /// passes the checker, under both `unreachable` rules.
    #[test]
    fn milp_matches_brute_force(inst in instance()) {
        let inputs = build(&inst);
        let (guests, cost) = brute_force(&inst);
        let r = decide_checked(&inputs);
        let joint = r.colleges.iter().filter(|d| d.mode != Mode::Independent).count();
        let placed: usize = r.clusters.iter().map(|c| c.members.len()).sum();
        prop_assert_eq!(joint - placed, guests, "left-out colleges differ: {:#?}", r);
        prop_assert!((r.objective.terms.total() - cost).abs() < 1e-6,
            "cluster cost {} != brute force {}", r.objective.terms.total(), cost);
        // Optimal unless some left-out college has no independent college to join (no travel entry).
        let hostless = r.colleges.iter().filter(|d| d.mode != Mode::Independent && d.cluster.is_none()).any(|d| {
            !inst.colleges.iter().enumerate().any(|(h, hc)| {
                let gc = inst.colleges[d.college].campus;
                hc.ft >= inst.tl.independent_min && (hc.campus == gc || inst.travel[gc][hc.campus].is_some()) && h != d.college
            })
        });
        prop_assert_eq!(matches!(r.status, Status::Optimal), !hostless, "{:?}", r.status);
        if !hostless {
            let m = two_level::guest_penalty(&inputs);
            prop_assert_eq!(r.objective.guests, guests);
            prop_assert!((r.objective.total() - (cost + m * guests as f64)).abs() < 1e-6);
        }

        let mut strict = inst.clone();
        strict.tl.unreachable = Unreachable::Infeasible;
        let si = build(&strict);
        let rs = decide_checked(&si);
        prop_assert_eq!(matches!(rs.status, Status::Infeasible(_)), guests > 0);
        prop_assert!((rs.objective.terms.total() - cost).abs() < 1e-6);
        prop_assert!(rs.colleges.iter().all(|d| d.mode != Mode::Guest));
        for f in rs.status.findings() {
            prop_assert_eq!(f.rule, "two_level.unreachable");
        }
    }
}

// ── the checker catches broken results ───────────────────────────────────────────────────────

#[test]
fn checker_rejects_tampered_results() {
    let inst = Inst {
        travel: travel(2, &[(0, 1, 30.0)]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 7),
            col(0, "clinical", "undergraduate", 3),
            col(0, "nursing", "undergraduate", 3),
            col(1, "clinical", "graduate", 4),
            col(1, "humanities", "undergraduate", 2),
        ],
        tl: rules(6, 4, 40.0, Unreachable::Guest),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    let colleges = report::colleges_out(&inputs, &r);
    let clusters = report::clusters_out(&inputs, &r);
    let objective = report::objective_out(&r);
    let run = |cols: &[fudao::wire::CollegeOut],
               cls: &[fudao::wire::ClusterOut],
               obj: &fudao::wire::ObjectiveOut| {
        oracle::check(&inputs, "optimal", cols, cls, obj)
    };
    assert!(run(&colleges, &clusters, &objective).is_empty());

    // a college lost from its cluster
    let mut cls = clusters.clone();
    cls[0].colleges.pop();
    let v = run(&colleges, &cls, &objective);
    assert!(!v.is_empty(), "lost college not caught");

    // a term misreported
    let mut obj = objective.clone();
    if let Some(t) = obj.terms.get_mut("travel") {
        *t += 1.0;
    }
    assert!(
        run(&colleges, &clusters, &obj)
            .iter()
            .any(|v| v.rule == "two_level.weights")
    );

    // an independent college declared joint
    let mut cols = colleges.clone();
    cols[0].mode = "joint".into();
    assert!(
        run(&cols, &clusters, &objective)
            .iter()
            .any(|v| v.rule == "two_level.independent_min")
    );

    // a cluster below the threshold
    let mut cls = clusters.clone();
    let mut cols = colleges.clone();
    cls.push(fudao::wire::ClusterOut {
        id: format!("J{}", cls.len() + 1),
        colleges: vec!["c05".into()],
        full_time_counselors: 2,
        campuses: vec!["p1".into()],
        terms: Default::default(),
        reason: String::new(),
    });
    cols[4].cluster = cls.last().map(|c| c.id.clone());
    cols[4].mode = "joint".into();
    cols[4].guest_of = None;
    assert!(
        run(&cols, &cls, &objective)
            .iter()
            .any(|v| v.rule == "two_level.independent_min")
    );

    // a pair that may not train together (travel over the limit)
    let mut far = inst.clone();
    far.tl.max_travel_minutes = 20.0;
    let far_inputs = build(&far);
    let v = oracle::check(&far_inputs, "optimal", &colleges, &clusters, &objective);
    assert!(
        r.clusters.iter().all(|c| c.campuses.len() == 1)
            || v.iter().any(|v| v.rule == "two_level.max_travel_minutes"),
        "{v:#?}"
    );
}

// ── edge cases ───────────────────────────────────────────────────────────────────────────────

#[test]
fn every_college_independent_gives_no_clusters() {
    let inst = Inst {
        travel: travel(2, &[(0, 1, 30.0)]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 6),
            col(1, "nursing", "undergraduate", 9),
        ],
        tl: rules(6, 4, 40.0, Unreachable::Infeasible),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    assert_eq!(r.status, Status::Optimal);
    assert!(r.clusters.is_empty());
    assert!(r.components.is_empty());
    assert_eq!(r.objective.total(), 0.0);
    assert!(r.colleges.iter().all(|d| d.mode == Mode::Independent));
    assert!(
        r.colleges[0]
            .reason
            .en
            .contains("6 full-time counselors >= 6 (two_level.independent_min)")
    );
    assert!(
        r.colleges[0]
            .reason
            .zh
            .contains("6 名专职辅导员 ≥ 6（two_level.independent_min）")
    );
}

#[test]
fn only_full_time_counselors_count() {
    // 5 full-time counselors plus a deputy secretary (added by `build`) is still below 6.
    let inst = Inst {
        travel: travel(1, &[]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 5),
            col(0, "clinical", "undergraduate", 1),
        ],
        tl: rules(6, 4, 40.0, Unreachable::Infeasible),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    assert_eq!(r.colleges[0].full_time, 5);
    assert_eq!(r.colleges[0].mode, Mode::Joint);
    assert_eq!(cluster_ids(&inputs, &r), vec![vec!["c01", "c02"]]);
}

/// Campus 0: an independent college and three small ones; campus 1 (no travel entry to campus 0):
/// one small college alone.
fn isolated(unreachable: Unreachable) -> Inst {
    Inst {
        travel: travel(3, &[(0, 2, 25.0), (1, 2, 90.0)]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 8),
            col(0, "clinical", "undergraduate", 3),
            col(0, "nursing", "undergraduate", 4),
            col(1, "humanities", "undergraduate", 2),
            col(2, "humanities", "undergraduate", 7),
            col(2, "clinical", "undergraduate", 1),
        ],
        tl: rules(6, 4, 40.0, unreachable),
    }
}

#[test]
fn isolated_small_college_is_a_guest_of_the_nearest_independent_college() {
    let inputs = build(&isolated(Unreachable::Guest));
    let r = decide_checked(&inputs);
    assert_eq!(r.status, Status::Optimal);
    // c04 (campus 1) has no allowed partner; its only travel entry is to campus 2 (90 minutes).
    let g = &r.colleges[3];
    assert_eq!(g.mode, Mode::Guest);
    assert_eq!(
        g.guest_of,
        Some(4),
        "nearest independent college with a travel entry is c05"
    );
    assert!(
        g.reason.en.contains("two_level.unreachable"),
        "{}",
        g.reason.en
    );
    assert!(
        g.reason.en.contains("no allowed partner"),
        "{}",
        g.reason.en
    );
    assert!(g.reason.en.contains("90 min"), "{}", g.reason.en);
    assert!(g.reason.en.contains("beyond 40 minutes"), "{}", g.reason.en);
    assert_eq!(r.objective.guests, 1);
    let obj = report::objective_out(&r);
    assert!(obj.terms.contains_key("guests"));
    // c06 (1, campus 2, 25 minutes away) only reaches 6 with both c02 (3) and c03 (4); guests
    // are minimised first, so all three cluster although {c02, c03} alone would be cheaper.
    assert_eq!(cluster_ids(&inputs, &r), vec![vec!["c02", "c03", "c06"]]);
}

/// Whether the decision with `change` applied to a copy of the inputs places every college.
fn feasible_with(inputs: &Inputs, change: impl FnOnce(&mut TwoLevelRules)) -> bool {
    let mut changed = inputs.clone();
    change(&mut changed.rules.two_level);
    two_level::decide(&changed).status == Status::Optimal
}

#[test]
fn each_fix_is_the_smallest_change_of_its_rule_that_makes_a_plan_exist() {
    // The isolated college alone (no entry to campus 0), and with a 185-minute road to campus 0.
    let mut far = isolated(Unreachable::Infeasible);
    far.travel = travel(3, &[(0, 2, 25.0), (1, 2, 90.0), (0, 1, 185.0)]);
    let cases = [
        (
            isolated(Unreachable::Infeasible),
            vec![
                ("two_level.unreachable", "\"guest\""),
                ("two_level.independent_min", "1"),
            ],
        ),
        (
            far,
            vec![
                ("two_level.unreachable", "\"guest\""),
                ("two_level.max_travel_minutes", "185"),
                ("two_level.independent_min", "1"),
            ],
        ),
    ];
    for (inst, expected) in cases {
        let inputs = build(&inst);
        let r = two_level::decide(&inputs);
        assert!(matches!(r.status, Status::Infeasible(_)), "{:?}", r.status);
        let got: Vec<(&str, &str)> = r.fixes.iter().map(|f| (f.rule, f.value.as_str())).collect();
        assert_eq!(got, expected);
        let tl = inputs.rules.two_level.clone();
        for f in &r.fixes {
            assert!(
                f.text.en.contains("confirmed by solving again"),
                "{}",
                f.text.en
            );
            match f.rule {
                "two_level.unreachable" => {
                    assert!(feasible_with(&inputs, |t| t.unreachable = Unreachable::Guest));
                }
                "two_level.max_travel_minutes" => {
                    let m: f64 = f.value.parse().unwrap();
                    assert!(feasible_with(&inputs, |t| t.max_travel_minutes = m));
                    // nothing in between works: every minute from the current limit up
                    for lower in (tl.max_travel_minutes as u32)..(m as u32) {
                        assert!(
                            !feasible_with(&inputs, |t| t.max_travel_minutes = f64::from(lower)),
                            "{lower} minutes would already do"
                        );
                    }
                }
                "two_level.independent_min" => {
                    let k: u32 = f.value.parse().unwrap();
                    assert!(feasible_with(&inputs, |t| t.independent_min = k));
                    for higher in k + 1..tl.independent_min {
                        assert!(
                            !feasible_with(&inputs, |t| t.independent_min = higher),
                            "a threshold of {higher} would already do"
                        );
                    }
                }
                other => panic!("unexpected fix {other}"),
            }
        }
        // the rendered explanation lists each fix with its rule and value
        let text = report::explanation_text(&inputs, &r);
        for (rule, value) in &expected {
            assert!(text.contains(&format!("{rule} = {value}")), "{text}");
        }
    }
    // a feasible decision has no fixes
    let r = two_level::decide(&build(&isolated(Unreachable::Guest)));
    assert!(r.fixes.is_empty());
}

#[test]
fn isolated_small_college_makes_the_plan_infeasible_when_the_rules_say_so() {
    let inputs = build(&isolated(Unreachable::Infeasible));
    let r = decide_checked(&inputs);
    let Status::Infeasible(findings) = &r.status else {
        panic!("expected infeasible, got {:?}", r.status)
    };
    let f = findings
        .iter()
        .find(|f| f.colleges == vec![3])
        .expect("a finding for c04");
    assert_eq!(f.rule, "two_level.unreachable");
    assert!(f.text.en.contains("c04"), "{}", f.text.en);
    assert!(
        f.text.en.contains("2 full-time counselors < 6"),
        "{}",
        f.text.en
    );
    assert!(
        f.text.en.contains("two_level.unreachable = \"infeasible\""),
        "{}",
        f.text.en
    );
    assert!(
        f.text.zh.contains("two_level.max_travel_minutes"),
        "{}",
        f.text.zh
    );
    assert_eq!(r.colleges[3].mode, Mode::Joint);
    assert_eq!(r.colleges[3].cluster, None);
}

#[test]
fn partners_that_cannot_reach_the_threshold_are_named_with_numbers() {
    // c01 (2) and c02 (1) on one campus, threshold 6: together 3 < 6.
    let inst = Inst {
        travel: travel(1, &[]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 2),
            col(0, "clinical", "undergraduate", 1),
            col(0, "clinical", "undergraduate", 9),
        ],
        tl: rules(6, 4, 40.0, Unreachable::Infeasible),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    let f = &r.status.findings()[0];
    assert!(
        f.text.en.contains("its allowed partners c02 (1) reach at most 3 < 6 (two_level.independent_min) within two_level.max_cluster_colleges = 4"),
        "{}",
        f.text.en
    );
}

#[test]
fn all_colleges_small() {
    // Everyone joint; on two campuses 30 minutes apart all can be placed.
    let inst = Inst {
        travel: travel(2, &[(0, 1, 30.0)]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 3),
            col(0, "clinical", "undergraduate", 3),
            col(1, "nursing", "undergraduate", 2),
            col(1, "nursing", "graduate", 4),
        ],
        tl: rules(6, 4, 40.0, Unreachable::Guest),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    assert_eq!(r.status, Status::Optimal);
    assert_eq!(
        cluster_ids(&inputs, &r),
        vec![vec!["c01", "c02"], vec!["c03", "c04"]]
    );

    // With one more small college that nobody can reach, there is no independent college to join.
    let mut more = inst.clone();
    more.travel = travel(3, &[(0, 1, 30.0)]);
    more.colleges.push(col(2, "humanities", "undergraduate", 2));
    let inputs = build(&more);
    let r = decide_checked(&inputs);
    let Status::Infeasible(f) = &r.status else {
        panic!("expected infeasible, got {:?}", r.status)
    };
    assert_eq!(f.len(), 1);
    assert!(
        f[0].text.en.contains("no independent college at all"),
        "{}",
        f[0].text.en
    );
}

#[test]
fn a_campus_with_a_single_small_college_clusters_across_campuses_when_near_enough() {
    let near = Inst {
        travel: travel(2, &[(0, 1, 30.0)]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 9),
            col(0, "clinical", "undergraduate", 4),
            col(1, "clinical", "undergraduate", 2),
        ],
        tl: rules(6, 4, 40.0, Unreachable::Guest),
    };
    let inputs = build(&near);
    let r = decide_checked(&inputs);
    assert_eq!(cluster_ids(&inputs, &r), vec![vec!["c02", "c03"]]);
    assert_eq!(r.clusters[0].campuses, vec![0, 1]);
    assert!(
        r.colleges[2]
            .reason
            .en
            .contains("longest trip 30 min <= 40 (two_level.max_travel_minutes)")
    );
    assert_eq!(r.objective.terms.travel, 30.0);

    let mut far = near.clone();
    far.travel = travel(2, &[(0, 1, 50.0)]);
    let inputs = build(&far);
    let r = decide_checked(&inputs);
    assert!(r.clusters.is_empty());
    assert_eq!(r.colleges[1].mode, Mode::Guest);
    assert_eq!(r.colleges[2].mode, Mode::Guest);
    assert_eq!(r.colleges[2].guest_of, Some(0));
}

#[test]
fn a_component_that_cannot_be_partitioned_completely_is_explained() {
    // Three colleges of 3 on one campus, at most 2 per cluster: each fits a pair, not all three.
    let inst = Inst {
        travel: travel(1, &[]),
        colleges: vec![
            col(0, "clinical", "undergraduate", 3),
            col(0, "clinical", "undergraduate", 3),
            col(0, "nursing", "undergraduate", 3),
            col(0, "clinical", "undergraduate", 6),
        ],
        tl: rules(6, 2, 40.0, Unreachable::Infeasible),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    // the same-discipline pair is cheaper, so c03 is left out
    assert_eq!(cluster_ids(&inputs, &r), vec![vec!["c01", "c02"]]);
    let f = r.status.findings();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].colleges, vec![2]);
    assert!(
        f[0].text.en.contains("cannot all be placed"),
        "{}",
        f[0].text.en
    );
    assert!(
        f[0].text.en.contains("at least 1 must be left out"),
        "{}",
        f[0].text.en
    );
}

#[test]
fn too_many_candidates_is_reported_not_hung() {
    // 60 colleges of 2 on one campus, all of different disciplines (so none are interchangeable),
    // threshold 6, up to 4 per cluster: C(60,3) + C(60,4) candidates, over the limit.
    let colleges = (0..60)
        .map(|i| {
            let d: &'static str = Box::leak(format!("d{i}").into_boxed_str());
            col(0, d, "undergraduate", 2)
        })
        .collect();
    let inst = Inst {
        travel: travel(1, &[]),
        colleges,
        tl: rules(6, 4, 40.0, Unreachable::Guest),
    };
    let inputs = build(&inst);
    let r = two_level::decide(&inputs);
    let Status::Unsolved(f) = &r.status else {
        panic!("expected unsolved, got {:?}", r.status)
    };
    assert!(
        f[0].text.en.contains("too many candidate clusters"),
        "{}",
        f[0].text.en
    );
    assert_eq!(f[0].rule, "two_level.max_cluster_colleges");
    assert_eq!(r.components[0].candidates, None);
    assert!(r.clusters.is_empty());
    assert!(r.colleges.iter().all(|d| d.cluster.is_none()));
}

#[test]
fn interchangeable_colleges_are_counted_not_enumerated() {
    // 60 identical colleges of 2: one type, a handful of candidate shapes, solved exactly.
    let inst = Inst {
        travel: travel(1, &[]),
        colleges: vec![col(0, "clinical", "undergraduate", 2); 60],
        tl: rules(6, 4, 40.0, Unreachable::Guest),
    };
    let inputs = build(&inst);
    let r = decide_checked(&inputs);
    assert_eq!(r.status, Status::Optimal);
    assert_eq!(r.components[0].types, Some(1));
    assert_eq!(r.components[0].candidates, Some(2)); // {T,T,T} and {T,T,T,T}
    // 15 clusters of 4 (8 counselors each) at 30 per cluster
    assert_eq!(r.clusters.len(), 15);
    assert_eq!(r.objective.total(), 450.0);
    assert_eq!(
        r.clusters[0].members,
        vec![0, 1, 2, 3],
        "colleges handed out in college order"
    );
}

// ── the bundled scenario ─────────────────────────────────────────────────────────────────────

const BUNDLED: &str = "scenarios/jzmu-2026-fall.toml";

fn bundled() -> Inputs {
    support::load_bundled(BUNDLED).inputs
}

fn joint_count(r: &TwoLevel) -> usize {
    r.colleges
        .iter()
        .filter(|d| d.mode != Mode::Independent)
        .count()
}

#[test]
fn bundled_scenario_is_optimal_and_valid() {
    let inputs = bundled();
    let r = decide_checked(&inputs);
    assert_eq!(r.status, Status::Optimal);
    let ft = inputs.full_time_counselors();
    for d in &r.colleges {
        assert_eq!(d.mode == Mode::Independent, ft[d.college] >= 6);
        if d.mode != Mode::Independent {
            let cl = &r.clusters[d.cluster.expect("every small college in a cluster")];
            assert!(cl.full_time >= 6);
        }
    }
}

#[test]
fn threshold_8_makes_more_colleges_joint_and_3_fewer() {
    let inputs = bundled();
    let base = decide_checked(&inputs);

    let mut high = inputs.clone();
    high.rules.two_level.independent_min = 8;
    let r8 = decide_checked(&high);
    assert!(
        joint_count(&r8) > joint_count(&base),
        "{} vs {}",
        joint_count(&r8),
        joint_count(&base)
    );
    assert!(r8.clusters.iter().all(|c| c.full_time >= 8));

    let mut low = inputs.clone();
    low.rules.two_level.independent_min = 3;
    let r3 = decide_checked(&low);
    assert!(
        joint_count(&r3) < joint_count(&base),
        "{} vs {}",
        joint_count(&r3),
        joint_count(&base)
    );
    assert!(r3.clusters.iter().all(|c| c.full_time >= 3));
}

#[test]
fn max_cluster_size_2_changes_the_clusters() {
    let inputs = bundled();
    let base = decide_checked(&inputs);
    let mut two = inputs.clone();
    two.rules.two_level.max_cluster_colleges = 2;
    let r2 = decide_checked(&two);
    assert!(r2.clusters.iter().all(|c| c.members.len() <= 2));
    if base.clusters.iter().any(|c| c.members.len() > 2) {
        assert_ne!(cluster_ids(&inputs, &r2), cluster_ids(&inputs, &base));
    }
}

#[test]
fn same_result_with_one_and_two_threads() {
    let run = |threads: usize, inputs: &Inputs| -> String {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let r = pool.install(|| two_level::decide(inputs));
        serde_json::to_string(&report::clusters_json(inputs, &r)).expect("json")
            + &report::table(inputs, &r)
    };
    let mut cases = vec![bundled(), build(&isolated(Unreachable::Guest))];
    let mut low = bundled();
    low.rules.two_level.max_cluster_colleges = 2;
    low.rules.two_level.max_travel_minutes = 80.0;
    cases.push(low);
    for inputs in &cases {
        let one = run(1, inputs);
        for _ in 0..3 {
            assert_eq!(one, run(2, inputs));
        }
    }
}

// ── the command line ─────────────────────────────────────────────────────────────────────────

use support::run as fudao;

#[test]
fn cli_json_on_the_bundled_scenario() {
    let out = fudao(&["clusters", BUNDLED, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["status"], "optimal");
    let colleges = v["colleges"].as_array().expect("colleges");
    let clusters = v["clusters"].as_array().expect("clusters");
    for c in colleges {
        let n = c["full_time_counselors"].as_u64().expect("count");
        if n >= 6 {
            assert_eq!(c["mode"], "independent");
            assert!(c["cluster"].is_null());
        } else {
            assert_eq!(c["mode"], "joint");
            let id = c["cluster"].as_str().expect("cluster id");
            let holding: Vec<_> = clusters
                .iter()
                .filter(|k| {
                    k["colleges"]
                        .as_array()
                        .is_some_and(|m| m.iter().any(|x| x == &c["id"]))
                })
                .collect();
            assert_eq!(
                holding.len(),
                1,
                "{} is in {} clusters",
                c["id"],
                holding.len()
            );
            assert_eq!(holding[0]["id"], id);
            assert!(holding[0]["full_time_counselors"].as_u64().expect("total") >= 6);
        }
    }
    assert!(v["objective"]["total"].is_number());
    for k in [
        "travel",
        "discipline_mismatch",
        "stage_mismatch",
        "clusters",
    ] {
        assert!(v["objective"]["terms"][k].is_number(), "term {k}");
    }
}

#[test]
fn cli_exits_3_with_the_explanation_when_infeasible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(support::root().join("rules/jzmu.toml")).expect("rules");
    let strict = text
        .replace("unreachable = \"guest\"", "unreachable = \"infeasible\"")
        .replace("max_travel_minutes = 40", "max_travel_minutes = 0");
    assert_ne!(strict, text);
    let rules = dir.path().join("strict.toml");
    std::fs::write(&rules, strict).expect("write rules");
    let rules = rules.to_string_lossy().to_string();
    // tiny: k2 (east) can only reach 6 with k3 and k4 (west); with no travel allowed it cannot.
    let out = fudao(&[
        "clusters",
        "scenarios/tiny.toml",
        "--rules",
        &rules,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("two_level.unreachable"), "{err}");
    assert!(err.contains("k2"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["status"], "infeasible");
    assert!(!v["explanation"].as_array().expect("explanation").is_empty());
}

#[test]
fn cli_table_lists_colleges_clusters_status_and_objective() {
    let out = fudao(&["clusters", "scenarios/tiny.toml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "临床医学院",
        "J1",
        "状态 status: 最优 optimal",
        "目标 objective: 130.00",
        "two_level.independent_min",
    ] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
}

#[test]
fn training_units_cover_every_college_once_when_optimal() {
    for inputs in [bundled(), build(&isolated(Unreachable::Guest))] {
        let r = decide_checked(&inputs);
        assert_eq!(r.status, Status::Optimal);
        let units = r.units(&inputs);
        let mut seen: Vec<usize> = units.iter().flat_map(|u| u.colleges.clone()).collect();
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..inputs.scenario.colleges.len()).collect::<Vec<_>>()
        );
        assert_eq!(
            units.len(),
            r.colleges
                .iter()
                .filter(|d| d.mode == Mode::Independent)
                .count()
                + r.clusters.len()
        );
    }
    // the guest c04 attends its host c05's unit
    let inputs = build(&isolated(Unreachable::Guest));
    let r = decide_checked(&inputs);
    let host = r
        .units(&inputs)
        .into_iter()
        .find(|u| u.id == "c05")
        .expect("unit c05");
    assert_eq!(host.colleges, vec![4, 3]);
    assert_eq!(host.campuses, vec![1, 2]);
}
