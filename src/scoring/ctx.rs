//! `Ctx`: an edition and exam index resolved once, and the scorecard it builds for a day. Shared by
//! `evaluate`, `forecast` and `changes`, so those files need not import each other.

use super::count::{Tally, tally};
use super::knowledge::ExamIndex;
use super::windows::windows;
use super::{Cell, MetricRow, Program, ScoreError, Scorecard, WindowKind, Windows};
use crate::domain::{Edition, MetricId, Store, Tier};
use chrono::NaiveDate;

pub(crate) struct Ctx<'a> {
    pub store: &'a Store,
    pub edition: &'a Edition,
    pub ix: ExamIndex,
}

impl<'a> Ctx<'a> {
    pub fn new(store: &'a Store, program: &'a Program) -> Result<Ctx<'a>, ScoreError> {
        let edition = program
            .edition(&store.profile.program)
            .ok_or_else(|| ScoreError::UnknownEdition(store.profile.program.clone()))?;
        Ok(Ctx {
            store,
            edition,
            ix: ExamIndex::new(&program.catalog),
        })
    }

    pub fn scorecard(&self, day: NaiveDate, known: NaiveDate) -> Result<Scorecard, ScoreError> {
        let p = &self.store.profile;
        let w = windows(p, day);
        let t = tally(self.store, &self.ix, day, known, w)?;
        Ok(build(self.store, self.edition, day, w, t))
    }
}

/// The requirement of a row for a tier; Registered has none whatever the overrides say.
pub(crate) fn required(store: &Store, edition: &Edition, tier: Tier, m: MetricId) -> i64 {
    if tier == Tier::Registered {
        return 0;
    }
    edition.required(tier, m, &store.threshold_overrides)
}

pub(crate) fn cell(value: i64, required: i64) -> Cell {
    Cell {
        value,
        required,
        met: value >= required,
        short_by: (required - value).max(0),
        at_risk: None,
    }
}

fn build(
    store: &Store,
    edition: &Edition,
    as_of: NaiveDate,
    windows: Windows,
    t: Tally,
) -> Scorecard {
    let p = &store.profile;
    let target = p.target_tier();
    let metrics: Vec<MetricRow> = MetricId::ALL
        .into_iter()
        .map(|m| MetricRow {
            id: m,
            scored: edition.scored(m),
            renewal: cell(
                t.value(m, WindowKind::Renewal),
                required(store, edition, p.tier, m),
            ),
            upgrade: cell(
                t.value(m, WindowKind::Upgrade),
                required(store, edition, target, m),
            ),
        })
        .collect();
    let all_met = |k: WindowKind| metrics.iter().filter(|r| r.scored).all(|r| r.cell(k).met);
    Scorecard {
        as_of,
        program: edition.id.clone(),
        partner: p.partner.clone(),
        tier: p.tier,
        target_tier: target,
        windows,
        renewal_met: all_met(WindowKind::Renewal),
        upgrade_met: all_met(WindowKind::Upgrade),
        metrics,
        unlinked: t.unlinked,
    }
}
