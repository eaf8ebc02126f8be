//! The pure scoring engine: windows, metric counts, evaluate() -> Scorecard, forecast, next actions.
//! Takes `as_of` as an argument; never reads the clock.

mod actions;
mod calendar;
mod changes;
mod count;
mod ctx;
mod evaluate;
mod forecast;
mod knowledge;
mod windows;

pub use actions::{Ask, NextAction, Pipeline, Purpose, next_actions};
pub use calendar::{Expiry, ExpiryMonth, expiry_calendar, month_end};
pub use changes::{
    ChangeItem, ChangeKind, ChangeWhat, Changes, EditedEntry, ExamName, RowMove, changes_since,
    with_plans,
};
pub use count::{
    business_plan_counts, csat_counts, customer_key, opportunity_counts, reference_counts,
    referenceable_opportunity_counts,
};
pub use evaluate::{evaluate, project};
pub use forecast::{
    Change, ChangeCause, Lapse, MAX_CAUSES, RowForecast, Upcoming, forecast, upcoming,
};
pub use knowledge::{ExamIndex, highest_active_level, nearest_expiry, person_counts};
pub use windows::{
    RestartReason, leaves_upgrade_window, next_renewal_reset, upgrade_start, windows,
};

use crate::domain::{Id, MetricId, Tier};
use chrono::NaiveDate;
use serde::Serialize;

/// Re-exported so callers keep `scoring::Program`; the plain data lives in `domain`.
pub use crate::domain::Program;

/// An inclusive day range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Window {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum WindowKind {
    Renewal,
    Upgrade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Windows {
    pub renewal: Window,
    pub upgrade: Window,
}

impl Windows {
    pub fn get(&self, k: WindowKind) -> Window {
        match k {
            WindowKind::Renewal => self.renewal,
            WindowKind::Upgrade => self.upgrade,
        }
    }
}

/// One cell "X of Y".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Count, cents (MRR) or 0/1 (business plan).
    pub value: i64,
    pub required: i64,
    pub met: bool,
    /// `required - value`, never negative.
    pub short_by: i64,
    /// Met now but unmet on this day within the horizon if nothing is added.
    pub at_risk: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricRow {
    pub id: MetricId,
    /// False when the edition does not require the row (then required 0, met).
    pub scored: bool,
    pub renewal: Cell,
    pub upgrade: Cell,
}

impl MetricRow {
    pub fn cell(&self, k: WindowKind) -> &Cell {
        match k {
            WindowKind::Renewal => &self.renewal,
            WindowKind::Upgrade => &self.upgrade,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scorecard {
    pub as_of: NaiveDate,
    pub program: String,
    pub partner: String,
    pub tier: Tier,
    pub target_tier: Tier,
    pub windows: Windows,
    /// Every metric of DOMAIN.md, in its order.
    pub metrics: Vec<MetricRow>,
    /// Every scored renewal row met against the current tier.
    pub renewal_met: bool,
    /// Every scored upgrade row met against the target tier.
    pub upgrade_met: bool,
    /// Employed people holding active certifications or accreditations whose account is not linked.
    pub unlinked: Vec<Id>,
}

impl Scorecard {
    pub fn row(&self, id: MetricId) -> Option<&MetricRow> {
        self.metrics.iter().find(|r| r.id == id)
    }

    pub fn tier_met(&self, k: WindowKind) -> bool {
        match k {
            WindowKind::Renewal => self.renewal_met,
            WindowKind::Upgrade => self.upgrade_met,
        }
    }
}

/// Why a store cannot be scored; names the thing at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreError {
    UnknownEdition(String),
    UnknownExam {
        person: String,
        exam: String,
    },
    /// Adding this amount to the others would overflow; `field` names it.
    MoneyTooLarge {
        field: String,
    },
}

impl std::fmt::Display for ScoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScoreError::UnknownEdition(e) => write!(f, "unknown program edition '{e}'"),
            ScoreError::UnknownExam { person, exam } => {
                write!(f, "unknown exam '{exam}' (held by {person})")
            }
            ScoreError::MoneyTooLarge { field } => write!(
                f,
                "{field}: the amounts add up to more than apn-scorecard can count; check this \
                 amount"
            ),
        }
    }
}

impl std::error::Error for ScoreError {}
