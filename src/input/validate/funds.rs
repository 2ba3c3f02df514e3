//! `[funds]`: the money available for the semester's training.

use crate::wire;

use super::Cx;

/// The funds' total; a missing or unreadable `[funds]` was reported when the file was read.
pub(super) fn funds_total(cx: &mut Cx<'_>, funds: Option<&wire::FundsIn>) -> f64 {
    funds.map_or(0.0, |f| cx.nonneg(&f.total, "funds.total"))
}
