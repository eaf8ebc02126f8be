//! The expiry calendar: certifications that stop counting, month by month.

use crate::domain::{Store, dates};
use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

/// One certification that expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expiry {
    /// The first day it no longer counts.
    pub date: NaiveDate,
    pub who: String,
    pub exam: String,
}

/// One calendar month of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpiryMonth {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Earliest first.
    pub expiries: Vec<Expiry>,
}

/// The `months` calendar months starting with the month of `as_of`, each with the
/// certifications expiring in it after `as_of`: of linked people employed on `as_of` and still
/// employed on the expiry day, certifications active on `as_of`. A certification whose exam the
/// person already holds again past that day (renewed early) is left out: nothing lapses.
pub fn expiry_calendar(store: &Store, as_of: NaiveDate, months: u32) -> Vec<ExpiryMonth> {
    let first = as_of.with_day(1).unwrap_or(as_of);
    let mut out: Vec<ExpiryMonth> = (0..months)
        .map(|i| ExpiryMonth {
            month: dates::add_months(first, i32::try_from(i).unwrap_or(i32::MAX)),
            expiries: Vec::new(),
        })
        .collect();
    let end = dates::add_months(first, i32::try_from(months).unwrap_or(i32::MAX));
    for p in &store.people {
        if !p.linked || !p.employed_on(as_of) {
            continue;
        }
        for c in &p.certifications {
            let e = c.expiry();
            if !c.active_on(as_of) || e <= as_of || e >= end || !p.employed_on(e) {
                continue;
            }
            let renewed = p.certifications.iter().any(|o| {
                o.id != c.id && o.exam.trim().eq_ignore_ascii_case(c.exam.trim()) && o.active_on(e)
            });
            if renewed {
                continue;
            }
            let slot = out.iter_mut().rev().find(|m| m.month <= e);
            if let Some(m) = slot {
                m.expiries.push(Expiry {
                    date: e,
                    who: p.name.trim().to_string(),
                    exam: c.exam.trim().to_string(),
                });
            }
        }
    }
    for m in &mut out {
        m.expiries
            .sort_by(|a, b| (a.date, &a.who).cmp(&(b.date, &b.who)));
    }
    out
}

/// The last day of the month `n` months after the month of `d` (n may be negative).
pub fn month_end(d: NaiveDate, n: i32) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    let next = dates::add_months(first, n.saturating_add(1));
    next.checked_sub_days(Days::new(1)).unwrap_or(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn month_ends() {
        assert_eq!(month_end(d("2026-11-26"), 0), d("2026-11-30"));
        assert_eq!(month_end(d("2026-11-26"), -9), d("2026-02-28"));
        assert_eq!(month_end(d("2026-11-26"), 3), d("2027-02-28"));
        assert_eq!(month_end(d("2026-01-31"), -1), d("2025-12-31"));
    }
}
