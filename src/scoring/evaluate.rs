//! `evaluate`: the scorecard on a day.

use super::ctx::Ctx;
use super::forecast::fill_at_risk;
use super::{Program, ScoreError, Scorecard};
use crate::domain::Store;
use chrono::NaiveDate;

/// The scorecard on `as_of`: every row of `MetricId::ALL` in both windows, with `at_risk` filled
/// over `profile.settings.horizon_days`. Fails on an unknown edition, or on an exam missing from
/// the catalogue held (active, by an employed person) on `as_of`.
pub fn evaluate(
    store: &Store,
    program: &Program,
    as_of: NaiveDate,
) -> Result<Scorecard, ScoreError> {
    let ctx = Ctx::new(store, program)?;
    let mut card = ctx.scorecard(as_of, as_of)?;
    fill_at_risk(store, &ctx.ix, &mut card)?;
    Ok(card)
}

/// The scorecard on `on` if nothing is added after `as_of`: only entries dated on or before
/// `as_of` count, while expiries, leavers and the windows move on to `on`. `at_risk` is not
/// filled. This answers "where do we stand on the review date if nothing changes".
pub fn project(
    store: &Store,
    program: &Program,
    as_of: NaiveDate,
    on: NaiveDate,
) -> Result<Scorecard, ScoreError> {
    Ctx::new(store, program)?.scorecard(on, as_of.min(on))
}
