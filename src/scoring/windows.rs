//! The two windows of DOMAIN.md and the calendar facts the forecast derives from them.

use super::{Window, Windows};
use crate::domain::{Profile, dates};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// What restarts the renewal window on a day (`report::wording::restart_reason` words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RestartReason {
    /// The yearly anniversary of the APN renewal date.
    ApnRenewal,
    /// A tier review already entered for a later day.
    TierReview,
    /// A tier upgrade already entered for a later day.
    TierUpgrade,
}

/// The upgrade and renewal windows on `as_of` (both inclusive, both ending on `as_of`).
///
/// Upgrade: the rolling 12 calendar months, `as_of - 12 months < d <= as_of`, so as of
/// 2028-02-29 it starts 2027-03-01.
///
/// Renewal: from the latest of the last tier review, the last tier upgrade on or before `as_of`
/// and the most recent APN renewal anniversary on or before `as_of`. A review date after `as_of`
/// (typed in advance, or an as-of date moved into the past) has not happened yet on `as_of`, so
/// it is ignored rather than producing a window that starts after it ends; the anniversary is
/// always on or before `as_of`, so the window is never empty.
pub fn windows(profile: &Profile, as_of: NaiveDate) -> Windows {
    Windows {
        renewal: Window {
            start: renewal_start(profile, as_of),
            end: as_of,
        },
        upgrade: Window {
            start: upgrade_start(as_of),
            end: as_of,
        },
    }
}

/// First day of the rolling 12 months ending on `d`.
pub fn upgrade_start(d: NaiveDate) -> NaiveDate {
    next_day(dates::add_months(d, -12))
}

fn renewal_start(profile: &Profile, as_of: NaiveDate) -> NaiveDate {
    let anniversary = dates::last_anniversary(profile.apn_renewal, as_of);
    let review = Some(profile.last_tier_review).filter(|r| *r <= as_of);
    let upgrade = profile.last_upgrade_on_or_before(as_of);
    [review, upgrade]
        .into_iter()
        .flatten()
        .fold(anniversary, NaiveDate::max)
}

/// The first day after `as_of` on which the renewal window starts afresh (next APN renewal
/// anniversary, or a tier review / tier upgrade already entered for a later day).
pub fn next_renewal_reset(profile: &Profile, as_of: NaiveDate) -> (NaiveDate, RestartReason) {
    let mut best = (
        dates::next_anniversary(profile.apn_renewal, as_of),
        RestartReason::ApnRenewal,
    );
    if profile.last_tier_review > as_of && profile.last_tier_review < best.0 {
        best = (profile.last_tier_review, RestartReason::TierReview);
    }
    for c in &profile.tier_history {
        if c.to > c.from && c.date > as_of && c.date < best.0 {
            best = (c.date, RestartReason::TierUpgrade);
        }
    }
    best
}

/// The first day on which an entry dated `e` is no longer inside the rolling 12 months.
/// Month-end clamping can make that one or two days after `e + 12 months` (2024-02-29 leaves
/// on 2025-03-01), so step until the window start has passed `e`.
pub fn leaves_upgrade_window(e: NaiveDate) -> NaiveDate {
    let mut d = dates::add_months(e, 12);
    while upgrade_start(d) <= e {
        let n = next_day(d);
        if n == d {
            break; // the end of the calendar: nothing leaves after it
        }
        d = n;
    }
    d
}

pub(crate) fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

pub(crate) fn add_days(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MAX)
}
