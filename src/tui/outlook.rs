//! What the Outlook tab shows, computed once per store or as-of change (in `derive`), never on a
//! cursor move: monthly values of every row, the expiry calendar, last week's changes and the
//! review-day table.

use crate::domain::MetricId;
use crate::domain::Store;
use crate::domain::dates::next_anniversary;
use crate::scoring::{
    self, Changes, ExpiryMonth, Program, ScoreError, Scorecard, WindowKind, month_end,
};
use chrono::{Days, NaiveDate};

/// Months of history and of outlook in the charts.
pub const PAST_MONTHS: i32 = 12;
pub const FUTURE_MONTHS: i32 = 6;
/// Months in the expiry calendar.
pub const CALENDAR_MONTHS: u32 = 12;
/// "Changes since last week".
pub const CHANGES_DAYS: u64 = 7;

/// The charted value of a row: the upgrade window (rolling 12 months) against the target tier,
/// which is what the tier climb is judged on. Knowledge rows are the same in both windows.
pub const CHART_WINDOW: WindowKind = WindowKind::Upgrade;

/// One point of the charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub date: NaiveDate,
    /// Days from the as-of date (negative in the past): the x axis.
    pub offset: i64,
    /// Per metric (in `MetricId::ALL` order): the value as the data stand (past and now), or if
    /// nothing is added (future).
    pub as_is: [i64; 11],
    /// From now on: the value if the plans land by that day.
    pub with_plans: Option<[i64; 11]>,
}

/// The review-day table: the scorecard on the next tier review as is and with plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub date: NaiveDate,
    pub as_is: Scorecard,
    pub with_plans: Scorecard,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outlook {
    /// Month ends of the past months, the as-of day, month ends of the coming months.
    pub points: Vec<Point>,
    /// Upgrade requirement per metric (target tier) as of now.
    pub required: [i64; 11],
    pub review: Option<Review>,
    pub calendar: Vec<ExpiryMonth>,
    pub changes: Option<Changes>,
    /// Why nothing could be computed (unknown edition or exam).
    pub error: Option<String>,
    /// Opportunities whose MRR looks annual (flagged on import and in the table).
    pub flagged_mrr: usize,
    /// The highest charted MRR without the flagged opportunities: the MRR chart's scale, so one
    /// annual figure typed as monthly does not squash the requirement line to the bottom.
    pub mrr_scale: Option<i64>,
}

fn values(sc: &Scorecard) -> [i64; 11] {
    let mut v = [0; 11];
    for (slot, m) in v.iter_mut().zip(MetricId::ALL) {
        *slot = sc.row(m).map_or(0, |r| r.cell(CHART_WINDOW).value);
    }
    v
}

pub fn outlook(store: &Store, program: &Program, as_of: NaiveDate) -> Outlook {
    match compute(store, program, as_of) {
        Ok(o) => o,
        Err(e) => Outlook {
            error: Some(e.to_string()),
            ..Outlook::default()
        },
    }
}

fn compute(store: &Store, program: &Program, as_of: NaiveDate) -> Result<Outlook, ScoreError> {
    let points = chart_points(store, program, as_of)?;
    let flagged_mrr = store
        .opportunities
        .iter()
        .filter(|o| o.mrr_looks_annual())
        .count();
    // Only when something is flagged: the points again without it, for the scale alone.
    let mrr_scale = if flagged_mrr > 0 {
        let mut clean = store.clone();
        clean.opportunities.retain(|o| !o.mrr_looks_annual());
        let idx = MetricId::ALL
            .iter()
            .position(|m| *m == MetricId::LaunchedMrr)
            .unwrap_or(0);
        chart_points(&clean, program, as_of)?
            .iter()
            .flat_map(|p| [Some(p.as_is), p.with_plans].into_iter().flatten())
            .filter_map(|v| v.get(idx).copied())
            .max()
    } else {
        None
    };
    let now = scoring::project(store, program, as_of, as_of)?;
    let mut required = [0; 11];
    for (slot, m) in required.iter_mut().zip(MetricId::ALL) {
        *slot = now.row(m).map_or(0, |r| r.cell(CHART_WINDOW).required);
    }
    let review_day = next_anniversary(store.profile.last_tier_review, as_of);
    let review = Review {
        date: review_day,
        as_is: scoring::project(store, program, as_of, review_day)?,
        with_plans: scoring::with_plans(store, program, as_of, review_day)?,
    };
    let since = as_of
        .checked_sub_days(Days::new(CHANGES_DAYS))
        .unwrap_or(as_of);
    Ok(Outlook {
        points,
        required,
        review: Some(review),
        calendar: scoring::expiry_calendar(store, as_of, CALENDAR_MONTHS),
        changes: Some(scoring::changes_since(store, program, since, as_of)?),
        error: None,
        flagged_mrr,
        mrr_scale,
    })
}

/// Month ends of the past months, the as-of day, month ends of the coming months.
fn chart_points(
    store: &Store,
    program: &Program,
    as_of: NaiveDate,
) -> Result<Vec<Point>, ScoreError> {
    let offset = |d: NaiveDate| (d - as_of).num_days();
    let mut points = Vec::new();
    for k in (1..=PAST_MONTHS).rev() {
        let d = month_end(as_of, -k);
        // The scorecard as it read that day: only entries dated on or before it.
        let sc = scoring::project(store, program, d, d)?;
        points.push(Point {
            date: d,
            offset: offset(d),
            as_is: values(&sc),
            with_plans: None,
        });
    }
    let now = scoring::project(store, program, as_of, as_of)?;
    let now_values = values(&now);
    points.push(Point {
        date: as_of,
        offset: 0,
        as_is: now_values,
        with_plans: Some(now_values),
    });
    for k in 1..=FUTURE_MONTHS {
        let d = month_end(as_of, k);
        points.push(Point {
            date: d,
            offset: offset(d),
            as_is: values(&scoring::project(store, program, as_of, d)?),
            with_plans: Some(values(&scoring::with_plans(store, program, as_of, d)?)),
        });
    }
    Ok(points)
}
