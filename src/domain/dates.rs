//! Calendar arithmetic the rules depend on. Pure: no clock.

use chrono::{Datelike, Months, NaiveDate};

/// `d` plus `n` calendar months, clamped at the month's end (Jan 31 + 1 month = Feb 28/29).
pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let r = if n >= 0 {
        d.checked_add_months(Months::new(n.unsigned_abs()))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    };
    r.unwrap_or(d)
}

/// `d` plus `n` years; Feb 29 becomes Feb 28 in a non-leap year.
pub fn add_years(d: NaiveDate, n: i32) -> NaiveDate {
    add_months(d, n.saturating_mul(12))
}

/// The most recent anniversary of `anchor` (same month and day, Feb 29 -> Feb 28) on or
/// before `as_of`. If `anchor` itself is after `as_of`, the anniversary one or more years
/// earlier is returned, so the result is always <= `as_of`.
pub fn last_anniversary(anchor: NaiveDate, as_of: NaiveDate) -> NaiveDate {
    let years = as_of.year() - anchor.year();
    let this_year = add_years(anchor, years);
    if this_year <= as_of {
        this_year
    } else {
        add_years(anchor, years - 1)
    }
}

/// The next anniversary of `anchor` strictly after `as_of`.
pub fn next_anniversary(anchor: NaiveDate, as_of: NaiveDate) -> NaiveDate {
    let last = last_anniversary(anchor, as_of);
    let years = last.year() - anchor.year() + 1;
    add_years(anchor, years)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn months_clamp_at_month_end() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2028-02-29"), -12), d("2027-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 3), d("2027-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4), d("2028-02-29"));
    }

    #[test]
    fn anniversaries() {
        assert_eq!(
            last_anniversary(d("2024-04-01"), d("2026-06-30")),
            d("2026-04-01")
        );
        assert_eq!(
            last_anniversary(d("2024-04-01"), d("2026-04-01")),
            d("2026-04-01")
        );
        assert_eq!(
            last_anniversary(d("2024-04-01"), d("2026-03-31")),
            d("2025-04-01")
        );
        assert_eq!(
            last_anniversary(d("2027-04-01"), d("2026-06-30")),
            d("2026-04-01")
        );
        assert_eq!(
            next_anniversary(d("2024-04-01"), d("2026-04-01")),
            d("2027-04-01")
        );
        assert_eq!(
            next_anniversary(d("2024-04-01"), d("2026-03-31")),
            d("2026-04-01")
        );
    }
}
