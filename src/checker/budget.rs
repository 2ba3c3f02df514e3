//! Funds (校院两级专项经费), re-checked (`budget.funds`): the plan lists the school fund and one fund
//! per training unit; each fund's `allocated` is the split of [`crate::domain::budget::split`] (a unit's fund
//! is the sum of its colleges' funds), its `spent` is the sum of the recomputed costs of the
//! sessions it pays for, and spending stays within the allocation; `budget.allocations`: the
//! allocations the plan lists add up to the semester's fund (`funds.total`) exactly, to the fen;
//! and `plan.references`, `plan.duplicate_ids` for the funds.

use std::collections::BTreeMap;

use crate::wire::money;

use super::{Ctx, Out, money_eq};

/// The funds the plan should have, and what the sessions spend from each.
struct Ledger<'a> {
    /// Expected funds: id → (level, allocated).
    want: BTreeMap<String, (&'static str, f64)>,
    /// Recomputed spending per fund, by the fund each session names.
    spent: BTreeMap<&'a str, f64>,
}

impl<'a> Ledger<'a> {
    fn new(cx: &Ctx<'a>) -> Self {
        let mut want: BTreeMap<String, (&'static str, f64)> = BTreeMap::new();
        want.insert("school".to_string(), ("school", cx.split.school));
        for (u, cs) in &cx.units.members {
            let alloc: f64 = cs.iter().filter_map(|&c| cx.split.colleges.get(c)).sum();
            want.insert(u.clone(), ("college", money(alloc)));
        }
        let mut spent: BTreeMap<&'a str, f64> = BTreeMap::new();
        for s in &cx.sess {
            *spent.entry(s.s.fund.as_str()).or_default() += s.cost;
        }
        Self { want, spent }
    }

    /// What the sessions spend from a fund, to the fen.
    fn used(&self, id: &str) -> f64 {
        money(self.spent.get(id).copied().unwrap_or(0.0))
    }
}

/// Every rule of this file.
pub(super) fn check(cx: &Ctx<'_>, out: &mut Out) {
    let ledger = Ledger::new(cx);
    funds(cx, &ledger, out);
    allocations(cx, out);
    plan_references(cx, &ledger, out);
    plan_duplicate_ids(cx, out);
}

/// `budget.funds`: the plan lists every fund with its level, its allocation by the split and its
/// recomputed spending, and no fund is overspent.
fn funds(cx: &Ctx<'_>, ledger: &Ledger<'_>, out: &mut Out) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &cx.plan.budget.funds {
        *seen.entry(f.id.as_str()).or_default() += 1;
        let Some(&(level, alloc)) = ledger.want.get(&f.id) else {
            continue;
        };
        if f.level != level {
            out.add(
                "budget.funds",
                None,
                None,
                format!("经费 {} 的层级应为 {level}，计划写作 {}", f.id, f.level),
                format!(
                    "fund `{}` has level `{level}`, the plan says `{}`",
                    f.id, f.level
                ),
            );
        }
        if !f.allocated.is_finite() || !money_eq(f.allocated, alloc) {
            out.add(
                "budget.funds",
                None,
                None,
                format!(
                    "经费 {} 应分配 {alloc:.2} 元，计划写作 {:.2} 元",
                    f.id, f.allocated
                ),
                format!(
                    "fund `{}` is allocated {alloc:.2} yuan by the split, the plan says {:.2}",
                    f.id, f.allocated
                ),
            );
        }
        let used = ledger.used(&f.id);
        if !f.spent.is_finite() || !money_eq(f.spent, used) {
            out.add(
                "budget.funds",
                None,
                None,
                format!("经费 {} 的支出按各场费用合计为 {used:.2} 元，计划写作 {:.2} 元", f.id, f.spent),
                format!(
                    "fund `{}` spends {used:.2} yuan by the recomputed session costs, the plan says {:.2}",
                    f.id, f.spent
                ),
            );
        }
    }
    for (id, &(_, alloc)) in &ledger.want {
        if !seen.contains_key(id.as_str()) {
            out.add(
                "budget.funds",
                None,
                None,
                format!("计划的 budget.funds 缺少经费 {id}（应分配 {alloc:.2} 元）"),
                format!("budget.funds is missing fund `{id}` (allocated {alloc:.2} yuan)"),
            );
        }
        let used = ledger.used(id);
        if used > alloc + 0.005 {
            out.add(
                "budget.funds",
                None,
                None,
                format!("经费 {id} 超支：支出 {used:.2} 元，分配 {alloc:.2} 元，超出 {:.2} 元", used - alloc),
                format!(
                    "fund `{id}` is overspent: {used:.2} yuan spent of {alloc:.2} allocated ({:.2} over)",
                    used - alloc
                ),
            );
        }
    }
}

/// `budget.allocations`: the `allocated` amounts of the plan's funds add up to the scenario's
/// `funds.total` to the fen (the split gives every fen to some fund, none twice).
fn allocations(cx: &Ctx<'_>, out: &mut Out) {
    let total = cx.inputs.scenario.funds_total;
    let funds = &cx.plan.budget.funds;
    let sum: f64 = funds.iter().map(|f| f.allocated).sum();
    // Equal to the fen: less than half a fen apart.
    if sum.is_finite() && ((sum - total) * 100.0).abs() < 0.5 {
        return;
    }
    let (diff_zh, diff_en) = if sum.is_finite() {
        let d = money(sum - total);
        (format!("相差 {d:+.2} 元"), format!("{d:+.2} yuan off"))
    } else {
        (
            "合计不是有限数".to_string(),
            "the sum is not a finite number".to_string(),
        )
    };
    out.add(
        "budget.allocations",
        None,
        None,
        format!(
            "budget.funds 的 {} 项经费分配合计 {sum:.2} 元，应恰为本学期经费总额 {total:.2} 元（{diff_zh}）",
            funds.len()
        ),
        format!(
            "the allocations of the {} funds in budget.funds add up to {sum:.2} yuan, not the \
             semester's fund of {total:.2} yuan to the fen ({diff_en})",
            funds.len()
        ),
    );
}

/// `plan.references` for funds: every fund a session names, and every fund of `budget.funds`, is
/// the school fund or a training unit's fund.
fn plan_references(cx: &Ctx<'_>, ledger: &Ledger<'_>, out: &mut Out) {
    for s in &cx.sess {
        if !ledger.want.contains_key(s.s.fund.as_str()) {
            out.unknown(
                "经费",
                "fund",
                &s.s.fund,
                &format!("sessions {}", s.s.id),
                Some(&s.s.id),
            );
        }
    }
    for f in &cx.plan.budget.funds {
        if !ledger.want.contains_key(&f.id) {
            out.unknown("经费", "fund", &f.id, "budget.funds", None);
        }
    }
}

/// `plan.duplicate_ids` in `budget.funds`: each fund once.
fn plan_duplicate_ids(cx: &Ctx<'_>, out: &mut Out) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &cx.plan.budget.funds {
        *seen.entry(f.id.as_str()).or_default() += 1;
    }
    for (id, n) in &seen {
        if *n > 1 {
            out.add(
                "plan.duplicate_ids",
                None,
                None,
                format!("经费 {id} 出现 {n} 次"),
                format!("fund `{id}` appears {n} times in budget.funds"),
            );
        }
    }
}
