//! US dollars as integer cents, so sums are exact.

use super::ParseError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

/// An amount in US cents. Stored in RON as a string such as `"1200.00"` so the file stays
/// readable and exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_dollars(d: i64) -> Money {
        Money(d.saturating_mul(100))
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// `1200.00` without separators (JSON, RON).
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// `$1,200` or `$1,200.50` for people: cents only when there are some.
    pub fn display(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = group_thousands(abs / 100);
        if abs.is_multiple_of(100) {
            format!("{sign}${dollars}")
        } else {
            format!("{sign}${dollars}.{:02}", abs % 100)
        }
    }

    /// The amount as a JSON-friendly float of dollars (only for output, never for sums).
    pub fn as_f64_dollars(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

fn group_thousands(mut n: u64) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(",")
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl FromStr for Money {
    type Err = ParseError;

    /// Accepts `12500`, `12,500`, `12500.5`, `12500.50`, `$12,500.50` and a leading `-`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let raw = s.trim();
        let bad = || ParseError::NotAnAmount(raw.to_string());
        let (neg, rest) = match raw.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, raw),
        };
        let rest = rest.trim_start_matches('$').trim();
        if rest.is_empty() {
            return Err(bad());
        }
        let (whole, frac) = match rest.split_once('.') {
            Some((w, f)) => (w, f),
            None => (rest, ""),
        };
        // Thousands separators must sit in groups of three.
        if whole.contains(',') {
            let groups: Vec<&str> = whole.split(',').collect();
            let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
            if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
                return Err(bad());
            }
        }
        let digits: String = whole.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() && frac.is_empty() {
            return Err(bad());
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        if frac.len() > 2 {
            return Err(ParseError::TooManyCents(raw.to_string()));
        }
        let dollars: i64 = if digits.is_empty() {
            0
        } else {
            digits
                .parse()
                .map_err(|_| ParseError::TooLarge(raw.to_string()))?
        };
        let cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac.parse::<i64>().map_err(|_| bad())?,
        };
        let total = dollars
            .checked_mul(100)
            .and_then(|c| c.checked_add(cents))
            .ok_or_else(|| ParseError::TooLarge(raw.to_string()))?;
        Ok(Money(if neg { -total } else { total }))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 = self.0.saturating_add(o.0);
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0.saturating_sub(o.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_users_type() {
        assert_eq!("12500".parse::<Money>(), Ok(Money(1_250_000)));
        assert_eq!("12,500".parse::<Money>(), Ok(Money(1_250_000)));
        assert_eq!("12500.50".parse::<Money>(), Ok(Money(1_250_050)));
        assert_eq!("2,500.5".parse::<Money>(), Ok(Money(250_050)));
        assert_eq!("$1,200.00".parse::<Money>(), Ok(Money(120_000)));
        assert_eq!("-3".parse::<Money>(), Ok(Money(-300)));
        assert!("12,50".parse::<Money>().is_err());
        assert!("1.234".parse::<Money>().is_err());
        assert!("abc".parse::<Money>().is_err());
        assert!("".parse::<Money>().is_err());
        assert!("99999999999999999999".parse::<Money>().is_err());
    }

    #[test]
    fn displays_with_separators() {
        assert_eq!(Money(120_000).display(), "$1,200");
        assert_eq!(Money(1_250_050).display(), "$12,500.50");
        assert_eq!(Money(1_250_050).plain(), "12500.50");
        assert_eq!(Money(-5).plain(), "-0.05");
    }
}
