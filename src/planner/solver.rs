//! A thin, backend-agnostic layer over `good_lp` for the stages' MILP models.
//!
//! Stages build a [`Model`] (variables recorded in creation order, an objective, constraints) and
//! get back plain `f64` values by variable — solver types never leave the stage's model code.
//! The backend is pure-Rust `microlp` by default and HiGHS with the `highs` cargo feature.

#[cfg(feature = "highs")]
use good_lp::{Solution, SolverModel};
use std::collections::HashMap;

use good_lp::{Constraint, Expression, ProblemVariables, ResolutionError, Variable, variable};

/// Optimization direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// Minimise the objective.
    Minimise,
    /// Maximise the objective.
    Maximise,
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SolveStatus {
    /// Proven optimal.
    Optimal,
    /// A feasible solution; optimality not proven (time or gap limit).
    Feasible,
}

/// Why there is no solution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SolveError {
    /// The constraints cannot all hold.
    Infeasible,
    /// The objective is unbounded (a modelling bug).
    Unbounded,
    /// The backend failed.
    Other(String),
}

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SolveError::Infeasible => f.write_str("infeasible"),
            SolveError::Unbounded => f.write_str("unbounded"),
            SolveError::Other(s) => write!(f, "solver error: {s}"),
        }
    }
}

/// A MILP under construction.
pub struct Model {
    vars: ProblemVariables,
    list: Vec<Variable>,
    constraints: Vec<Constraint>,
    /// Time limit in seconds (none by default).
    pub time_limit: Option<f64>,
    /// Integer (and binary) variables so far.
    integers: usize,
    /// Relative MIP gap at which the search may stop (none: prove optimality).
    pub mip_gap: Option<f32>,
    /// A (partial) assignment to start the search from.
    pub initial: Option<Vec<(Variable, f64)>>,
    /// At most this many branch-and-bound nodes (a deterministic bound on the search, unlike a
    /// time limit); the best plan found so far is returned.
    pub node_limit: Option<u64>,
    /// Column names for [`Model::mps`], by variable.
    names: HashMap<Variable, String>,
}

impl Default for Model {
    fn default() -> Self {
        Self::new()
    }
}

impl Model {
    /// An empty model.
    pub fn new() -> Self {
        Self {
            vars: ProblemVariables::new(),
            list: Vec::new(),
            constraints: Vec::new(),
            time_limit: None,
            integers: 0,
            mip_gap: None,
            initial: None,
            node_limit: None,
            names: HashMap::new(),
        }
    }

    /// Name a variable for [`Model::mps`] (spaces become `_`; the column's number is prefixed,
    /// so names need not be unique).
    pub fn name(&mut self, v: Variable, name: &str) {
        self.names.insert(v, name.to_string());
    }

    /// The model in free MPS format, with named rows and columns, for an independent solver to
    /// re-solve exactly what fudao solves. Rows are `c_<n>_<name>` (a constraint's name, see
    /// `good_lp::Constraint::set_name`), columns `x_<n>_<name>` in creation order; every
    /// constraint is written as fudao's backends receive it (`Σ a x ≤ b` or `= b`); integer columns
    /// sit between `MARKER INTORG/INTEND` with explicit bounds; the objective's constant is the
    /// objective row's RHS, negated (the usual convention: HiGHS, CPLEX, Gurobi).
    pub fn mps(&self, name: &str, sense: Sense, objective: &Expression) -> String {
        use good_lp::IntoAffineExpression;
        use std::fmt::Write as _;
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| if c.is_whitespace() { '_' } else { c })
                .collect()
        };
        let index: HashMap<Variable, usize> =
            self.list.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let col = |i: usize| -> String {
            match self.names.get(&self.list[i]) {
                Some(n) => format!("x_{}_{}", i + 1, clean(n)),
                None => format!("x_{}", i + 1),
            }
        };
        let rows: Vec<String> = self
            .constraints
            .iter()
            .enumerate()
            .map(|(r, c)| match c.name() {
                Some(n) => format!("c_{}_{}", r + 1, clean(n)),
                None => format!("c_{}", r + 1),
            })
            .collect();
        // per column: (row, coefficient), objective first, rows in order
        let mut entries: Vec<Vec<(String, f64)>> = vec![Vec::new(); self.list.len()];
        let mut enter = |row: &str, e: &Expression| {
            let mut terms: Vec<(usize, f64)> = e
                .clone()
                .linear_coefficients()
                .filter_map(|(v, k)| index.get(&v).map(|&i| (i, k)))
                .filter(|&(_, k)| k != 0.0)
                .collect();
            terms.sort_by_key(|x| x.0);
            for (i, k) in terms {
                entries[i].push((row.to_string(), k));
            }
        };
        enter("obj", objective);
        let mut rhs = Vec::new();
        for (r, c) in self.constraints.iter().enumerate() {
            let e = c.expression();
            enter(&rows[r], e);
            let b = -e.constant();
            if b != 0.0 {
                rhs.push((rows[r].clone(), b));
            }
        }
        let defs: Vec<_> = self
            .vars
            .iter_variables_with_def()
            .map(|(_, d)| d)
            .collect();
        let mut out = String::new();
        let _ = writeln!(out, "NAME {}", clean(name));
        let _ = writeln!(out, "OBJSENSE");
        let _ = writeln!(
            out,
            "    {}",
            if sense == Sense::Maximise {
                "MAX"
            } else {
                "MIN"
            }
        );
        let _ = writeln!(out, "ROWS");
        let _ = writeln!(out, " N  obj");
        for (r, c) in self.constraints.iter().enumerate() {
            let kind = if c.is_equality() { "E" } else { "L" };
            let _ = writeln!(out, " {kind}  {}", rows[r]);
        }
        let _ = writeln!(out, "COLUMNS");
        let mut in_int = false;
        for (i, def) in defs.iter().enumerate() {
            if def.is_integer() != in_int {
                let m = if def.is_integer() { "INTORG" } else { "INTEND" };
                let _ = writeln!(out, "    MARKER  'MARKER'  '{m}'");
                in_int = def.is_integer();
            }
            let name = col(i);
            if entries[i].is_empty() {
                // a column in no row still exists (with its bounds)
                let _ = writeln!(out, "    {name}  obj  0");
            }
            for (row, k) in &entries[i] {
                let _ = writeln!(out, "    {name}  {row}  {k:?}");
            }
        }
        if in_int {
            let _ = writeln!(out, "    MARKER  'MARKER'  'INTEND'");
        }
        let _ = writeln!(out, "RHS");
        let constant = objective.constant();
        if constant != 0.0 {
            let _ = writeln!(out, "    RHS  obj  {:?}", -constant);
        }
        for (row, b) in rhs {
            let _ = writeln!(out, "    RHS  {row}  {b:?}");
        }
        let _ = writeln!(out, "BOUNDS");
        for (i, def) in defs.iter().enumerate() {
            let name = col(i);
            let (lo, hi) = (def.get_min(), def.get_max());
            if lo == hi {
                let _ = writeln!(out, " FX BND  {name}  {lo:?}");
                continue;
            }
            if lo == f64::NEG_INFINITY {
                let _ = writeln!(out, " MI BND  {name}");
            } else if lo != 0.0 || def.is_integer() {
                let _ = writeln!(out, " LO BND  {name}  {lo:?}");
            }
            if hi.is_finite() {
                let _ = writeln!(out, " UP BND  {name}  {hi:?}");
            } else if def.is_integer() {
                let _ = writeln!(out, " PL BND  {name}");
            }
        }
        let _ = writeln!(out, "ENDATA");
        out
    }

    /// A 0/1 variable.
    pub fn binary(&mut self) -> Variable {
        let v = self.vars.add(variable().binary());
        self.list.push(v);
        self.integers += 1;
        v
    }

    /// An integer variable in `[lo, hi]`.
    pub fn integer(&mut self, lo: f64, hi: f64) -> Variable {
        let v = self.vars.add(variable().integer().min(lo).max(hi));
        self.list.push(v);
        self.integers += 1;
        v
    }

    /// A continuous variable in `[lo, hi]` (use `f64::INFINITY` for no upper bound).
    pub fn continuous(&mut self, lo: f64, hi: f64) -> Variable {
        let mut def = variable().min(lo);
        if hi.is_finite() {
            def = def.max(hi);
        }
        let v = self.vars.add(def);
        self.list.push(v);
        v
    }

    /// Add a constraint.
    pub fn add(&mut self, c: Constraint) {
        self.constraints.push(c);
    }

    /// Number of variables.
    pub fn num_vars(&self) -> usize {
        self.list.len()
    }

    /// Number of constraints.
    pub fn num_constraints(&self) -> usize {
        self.constraints.len()
    }

    /// Solve; read values with [`Solved::value`].
    pub fn solve(self, sense: Sense, objective: Expression) -> Result<Solved, SolveError> {
        let Model {
            vars,
            list,
            constraints,
            time_limit,
            integers,
            mip_gap,
            initial,
            node_limit,
            names: _,
        } = self;
        if list.is_empty() {
            // Nothing to decide (e.g. no studios in the rules). Some backends reject an empty
            // model, so answer it here: the objective is its constant.
            return Ok(Solved {
                values: HashMap::new(),
                status: SolveStatus::Optimal,
                objective: objective.eval_with(&HashMap::<Variable, f64>::new()),
            });
        }
        let trace = std::env::var_os("FUDAO_TRACE").is_some();
        let started = std::time::Instant::now();
        let (nv, nc, ni) = (list.len(), constraints.len(), integers);
        #[cfg(not(feature = "highs"))]
        let result = microlp_solve(
            &vars,
            &constraints,
            sense,
            &objective,
            MicrolpLimits {
                nodes: node_limit,
                gap: mip_gap,
                start: initial,
                seconds: time_limit,
            },
        );
        #[cfg(feature = "highs")]
        let result = {
            let unsolved = match sense {
                Sense::Minimise => vars.minimise(objective.clone()),
                Sense::Maximise => vars.maximise(objective.clone()),
            };
            use good_lp::solvers::WithTimeLimit;
            let mut m = unsolved.using(good_lp::highs);
            m.set_verbose(false);
            if let Some(t) = time_limit {
                m = m.with_time_limit(t);
            }
            if let Some(g) = mip_gap {
                use good_lp::solvers::WithMipGap;
                m = m
                    .with_mip_gap(g)
                    .map_err(|e| SolveError::Other(e.to_string()))?;
            }
            if let Some(start) = initial {
                use good_lp::solvers::WithInitialSolution;
                m = m.with_initial_solution(start);
            }
            m = m.set_threads(1);
            m.with_all(constraints).solve().map(|s| {
                let status = match s.status() {
                    good_lp::SolutionStatus::Optimal => SolveStatus::Optimal,
                    _ => SolveStatus::Feasible,
                };
                (
                    list.iter()
                        .map(|&v| (v, s.value(v)))
                        .collect::<HashMap<_, _>>(),
                    status,
                    s.eval(&objective),
                )
            })
        };
        if trace {
            eprintln!(
                "solve: {nv} vars ({ni} integer), {nc} rows, {:.3} s, {}",
                started.elapsed().as_secs_f64(),
                if result.is_ok() { "ok" } else { "failed" }
            );
        }
        match result {
            Ok((values, status, objective)) => Ok(Solved {
                values,
                status,
                objective,
            }),
            Err(ResolutionError::Infeasible) => Err(SolveError::Infeasible),
            Err(ResolutionError::Unbounded) => Err(SolveError::Unbounded),
            Err(e) => Err(SolveError::Other(e.to_string())),
        }
    }
}

/// A solved model's values.
#[derive(Debug, Clone)]
pub struct Solved {
    values: HashMap<Variable, f64>,
    /// Optimal or merely feasible.
    pub status: SolveStatus,
    /// Objective value as the solver computed it.
    pub objective: f64,
}

impl Solved {
    /// The value of a variable of this model.
    pub fn value(&self, v: Variable) -> f64 {
        self.values.get(&v).copied().unwrap_or(0.0)
    }

    /// A binary variable read as a bool (robust to solver round-off).
    pub fn is_on(&self, v: Variable) -> bool {
        self.value(v) > 0.5
    }

    /// An integer variable rounded.
    pub fn int(&self, v: Variable) -> i64 {
        self.value(v).round() as i64
    }
}

/// Limits of one microlp solve.
#[cfg(not(feature = "highs"))]
struct MicrolpLimits {
    nodes: Option<u64>,
    gap: Option<f32>,
    start: Option<Vec<(Variable, f64)>>,
    seconds: Option<f64>,
}

/// A microlp problem built from the model: its variables, rows and objective copied over as they
/// are (integers stay integers unless `relaxed`). Returns the problem and the variable map.
#[allow(clippy::type_complexity)]
fn microlp_problem(
    vars: &ProblemVariables,
    constraints: &[Constraint],
    sense: Sense,
    objective: &Expression,
    relaxed: bool,
) -> (
    microlp::Problem,
    HashMap<Variable, microlp::Variable>,
    Vec<Variable>,
) {
    use good_lp::IntoAffineExpression;
    let dir = match sense {
        Sense::Minimise => microlp::OptimizationDirection::Minimize,
        Sense::Maximise => microlp::OptimizationDirection::Maximize,
    };
    let mut p = microlp::Problem::new(dir);
    let obj: HashMap<Variable, f64> = objective.clone().linear_coefficients().collect();
    let mut map: HashMap<Variable, microlp::Variable> = HashMap::new();
    let mut order: Vec<Variable> = Vec::new();
    for (v, def) in vars.iter_variables_with_def() {
        let c = obj.get(&v).copied().unwrap_or(0.0);
        let (lo, hi) = (def.get_min(), def.get_max());
        let x = if def.is_integer() && !relaxed {
            let clamp = |x: f64| x.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
            p.add_integer_var(c, (clamp(lo.ceil()), clamp(hi.floor())))
        } else {
            p.add_var(c, (lo, hi))
        };
        map.insert(v, x);
        order.push(v);
    }
    for c in constraints {
        let e = c.expression();
        let mut le = microlp::LinearExpr::empty();
        for (v, k) in e.clone().linear_coefficients() {
            le.add(map[&v], k);
        }
        let op = if c.is_equality() {
            microlp::ComparisonOp::Eq
        } else {
            microlp::ComparisonOp::Le
        };
        p.add_constraint(le, op, -e.constant());
    }
    (p, map, order)
}

/// Solve with microlp directly (good_lp's wrapper has no node limit).
#[cfg(not(feature = "highs"))]
#[allow(clippy::type_complexity)]
fn microlp_solve(
    vars: &ProblemVariables,
    constraints: &[Constraint],
    sense: Sense,
    objective: &Expression,
    limits: MicrolpLimits,
) -> Result<(HashMap<Variable, f64>, SolveStatus, f64), ResolutionError> {
    let (p, map, order) = microlp_problem(vars, constraints, sense, objective, false);
    let mut opts = microlp::SolveOptions::default();
    opts.node_limit = limits.nodes;
    opts.mip_gap = f64::from(limits.gap.unwrap_or(0.0));
    opts.time_limit = limits.seconds.map(std::time::Duration::from_secs_f64);
    opts.warm_start = limits
        .start
        .map(|s| s.into_iter().map(|(v, x)| (map[&v], x)).collect());
    let outcome = p.solve_with(opts).map_err(ResolutionError::from)?;
    let proven = outcome.is_optimal();
    let sol = outcome.into_solution().map_err(|_| {
        ResolutionError::Other("the search stopped before finding a feasible solution")
    })?;
    let values: HashMap<Variable, f64> =
        order.iter().map(|v| (*v, sol.var_value(map[v]))).collect();
    let status = if proven {
        SolveStatus::Optimal
    } else {
        SolveStatus::Feasible
    };
    let value = objective.eval_with(&values);
    Ok((values, status, value))
}

/// The LP relaxation of a model, kept warm through a sequence of bound changes (a dive): each
/// change is a few dual-simplex pivots from the last basis, not a solve from scratch. Always
/// solved with microlp (exact, deterministic and quick to re-solve), whatever the MILP backend.
pub struct Relaxation {
    sol: microlp::Solution,
    map: HashMap<Variable, microlp::Variable>,
    constant: f64,
}

impl Model {
    /// Solve the LP relaxation (integers relaxed to their bounds) and keep it for [`Relaxation::restrict`].
    pub fn relax(self, sense: Sense, objective: Expression) -> Result<Relaxation, SolveError> {
        use good_lp::IntoAffineExpression;
        let started = std::time::Instant::now();
        let (p, map, _) = microlp_problem(&self.vars, &self.constraints, sense, &objective, true);
        let sol = p
            .solve()
            .map_err(|e| lp_error(&e))?
            .into_solution()
            .map_err(|_| SolveError::Other("the LP stopped before its optimum".into()))?;
        if std::env::var_os("FUDAO_TRACE").is_some() {
            eprintln!(
                "relax: {} vars, {} rows, {:.3} s",
                self.list.len(),
                self.constraints.len(),
                started.elapsed().as_secs_f64()
            );
        }
        Ok(Relaxation {
            sol,
            map,
            constant: objective.constant(),
        })
    }
}

fn lp_error(e: &microlp::Error) -> SolveError {
    match e {
        microlp::Error::Infeasible => SolveError::Infeasible,
        microlp::Error::Unbounded => SolveError::Unbounded,
        other => SolveError::Other(other.to_string()),
    }
}

impl Relaxation {
    /// The value of a variable at the relaxation's optimum.
    pub fn value(&self, v: Variable) -> f64 {
        self.map.get(&v).map_or(0.0, |&x| self.sol.var_value(x))
    }

    /// The relaxation's optimum.
    pub fn objective(&self) -> f64 {
        self.sol.objective() + self.constant
    }

    /// Narrow the bounds of some variables (a new lower bound, a new upper bound, or both) and
    /// re-solve from the current basis. When that leaves no feasible point the relaxation stays
    /// as it was and `Infeasible` is returned.
    pub fn restrict(
        &mut self,
        changes: &[(Variable, Option<f64>, Option<f64>)],
    ) -> Result<(), SolveError> {
        use microlp::ComparisonOp::{Ge, Le};
        let lost = || SolveError::Other("the LP stopped before its optimum".into());
        let mut s = self.sol.clone();
        for &(v, lo, hi) in changes {
            let x = self.map[&v];
            let one = || {
                let mut e = microlp::LinearExpr::empty();
                e.add(x, 1.0);
                e
            };
            if let (Some(lo), Some(hi)) = (lo, hi)
                && (hi - lo).abs() < 1e-9
            {
                s = s
                    .fix_var(x, lo)
                    .map_err(|e| lp_error(&e))?
                    .into_solution()
                    .map_err(|_| lost())?;
                continue;
            }
            if let Some(lo) = lo {
                s = s
                    .add_constraint(one(), Ge, lo)
                    .map_err(|e| lp_error(&e))?
                    .into_solution()
                    .map_err(|_| lost())?;
            }
            if let Some(hi) = hi {
                s = s
                    .add_constraint(one(), Le, hi)
                    .map_err(|e| lp_error(&e))?
                    .into_solution()
                    .map_err(|_| lost())?;
            }
        }
        self.sol = s;
        Ok(())
    }
}
