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

/// Whether `message` is one of chrono's date parse errors, which reach us only as text (through
/// serde, inside the RON parser's error). The messages come from chrono itself, by parsing one
/// input of each kind, so a chrono release that rewords them cannot silently break the match.
pub fn is_chrono_parse_message(message: &str) -> bool {
    static MESSAGES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let messages = MESSAGES.get_or_init(|| {
        let date = |s: &str, f: &str| NaiveDate::parse_from_str(s, f).err();
        [
            "2025-13-01".parse::<NaiveDate>().err(),  // out of range
            "2025-xx-01".parse::<NaiveDate>().err(),  // invalid characters
            "2025-01".parse::<NaiveDate>().err(),     // premature end
            "2025-01-01x".parse::<NaiveDate>().err(), // trailing input
            date("2025-01-01 Fri", "%Y-%m-%d %a"),    // impossible (a Wednesday)
            date("2025", "%Y"),                       // not enough
        ]
        .into_iter()
        .flatten()
        .map(|e| e.to_string())
        .collect()
    });
    messages.iter().any(|m| m == message)
}

/// A date a user typed that could not be read; the message shows what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("enter a date (YYYY-MM-DD, today, +30d, -2w)")]
    Empty,
    #[error("'{0}' is not a date (use YYYY-MM-DD, today, +30d, -2w, +3m)")]
    NotADate(String),
    #[error("'{0}' is after the as-of date (use a date or a span back such as 7d, 2w)")]
    AfterAsOf(String),
    #[error("'{0}' is not a date or a span (use YYYY-MM-DD, 7d, 2w, 1m)")]
    NotASpan(String),
}

/// Parses a date as a user types it: `YYYY-MM-DD`, `today`, or an offset from today such as
/// `+30d`, `-2w`, `+3m`, `1y` (no sign means ahead).
pub fn parse_user_date(s: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(DateError::Empty);
    }
    if t.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') => (1i64, &t[1..]),
        Some(b'-') => (-1i64, &t[1..]),
        _ => (1i64, t),
    };
    let unit = body.chars().last().map(|c| c.to_ascii_lowercase());
    let num: Option<i64> = body
        .get(..body.len().saturating_sub(1))
        .and_then(|n| n.parse().ok());
    let bad = || DateError::NotADate(t.to_string());
    let (Some(n), Some(u)) = (num, unit) else {
        return Err(bad());
    };
    if n > 100_000 {
        return Err(bad());
    }
    let n = n * sign;
    let r = match u {
        'd' => today.checked_add_signed(chrono::Duration::days(n)),
        'w' => today.checked_add_signed(chrono::Duration::weeks(n)),
        'm' => i32::try_from(n).ok().map(|n| add_months(today, n)),
        'y' => i32::try_from(n).ok().map(|n| add_years(today, n)),
        _ => None,
    };
    r.ok_or_else(bad)
}

/// Parses the start of a "changes since" period: `YYYY-MM-DD`, or a span back from `as_of`
/// such as `7d`, `2w`, `1m` (a bare span, or one with `-`, means that long before `as_of`).
pub fn parse_since(s: &str, as_of: NaiveDate) -> Result<NaiveDate, DateError> {
    let t = s.trim();
    if t.starts_with('+') {
        return Err(DateError::AfterAsOf(t.to_string()));
    }
    if NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok() || t.starts_with('-') {
        return parse_user_date(t, as_of);
    }
    if t.eq_ignore_ascii_case("today") {
        return Ok(as_of);
    }
    parse_user_date(&format!("-{t}"), as_of).map_err(|_| DateError::NotASpan(t.to_string()))
}

#[cfg(test)]
mod user_date_tests {
    use super::*;

    #[test]
    fn user_dates() {
        let today: NaiveDate = "2026-11-26".parse().expect("date");
        let p = |s| parse_user_date(s, today);
        assert_eq!(p("2027-01-02"), Ok("2027-01-02".parse().expect("d")));
        assert_eq!(p("today"), Ok(today));
        assert_eq!(p("+30d"), Ok("2026-12-26".parse().expect("d")));
        assert_eq!(p("-2w"), Ok("2026-11-12".parse().expect("d")));
        assert_eq!(p("+3m"), Ok("2027-02-26".parse().expect("d")));
        assert!(p("2026-02-30").is_err());
        assert!(p("soon").is_err());
        assert!(p("").is_err());
        assert!(p("+99999999999d").is_err());
    }

    #[test]
    fn since_spans_count_back_from_as_of() {
        let as_of: NaiveDate = "2026-11-26".parse().expect("date");
        let p = |s| parse_since(s, as_of);
        assert_eq!(p("7d"), Ok("2026-11-19".parse().expect("d")));
        assert_eq!(p("-7d"), Ok("2026-11-19".parse().expect("d")));
        assert_eq!(p("2w"), Ok("2026-11-12".parse().expect("d")));
        assert_eq!(p("1m"), Ok("2026-10-26".parse().expect("d")));
        assert_eq!(p("2026-11-01"), Ok("2026-11-01".parse().expect("d")));
        assert_eq!(p("+7d"), Err(DateError::AfterAsOf("+7d".into())));
        assert!(
            p("+7d")
                .expect_err("ahead")
                .to_string()
                .contains("after the as-of date")
        );
        assert_eq!(p("lastweek"), Err(DateError::NotASpan("lastweek".into())));
        assert!(p("lastweek").expect_err("junk").to_string().contains("7d"));
        assert!(p("").is_err());
    }
}

#[cfg(test)]
mod chrono_message_tests {
    use super::*;

    #[test]
    fn chrono_date_errors_are_recognised_and_nothing_else() {
        for bad in ["2025-02-30", "2025-01-0x", "2025-", "2025-01-01x"] {
            let e = bad.parse::<NaiveDate>().expect_err(bad).to_string();
            assert!(is_chrono_parse_message(&e), "{bad}: {e}");
        }
        assert!(!is_chrono_parse_message("unknown field `nmae`"));
        assert!(!is_chrono_parse_message(""));
    }
}
