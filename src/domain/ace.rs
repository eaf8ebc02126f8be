//! What the store keeps about live ACE syncs, and the exchange rate the user sets for EUR spend.
//!
//! Kept beside the opportunities (keyed by ACE id) rather than inside them, so stores that never
//! sync carry nothing new and their RON stays byte-for-byte the same.

use super::ParseError;
use super::money::Money;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The state of live syncs with one ACE catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AceSync {
    /// `AWS` (production) or `Sandbox`: a store follows one catalog.
    pub catalog: String,
    /// The latest `LastModifiedDate` ACE returned. AWS advises resuming from its own timestamps
    /// (not this machine's clock), so the next sync asks for changes on or after this instant.
    #[serde(default)]
    pub cursor: Option<DateTime<Utc>>,
    /// When the last successful sync finished (shown to the user).
    #[serde(default)]
    pub last_success: Option<DateTime<Utc>>,
    /// ACE id -> the first day a full sync no longer found it in ACE. Never deleted locally.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub missing: BTreeMap<String, NaiveDate>,
    /// ACE id -> spend that could not be converted to USD (e.g. `EUR 1200.00`), left out of MRR.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unconverted: BTreeMap<String, String>,
}

impl AceSync {
    /// The day an opportunity went missing from ACE, by its ACE id (case-insensitive).
    pub fn missing_since(&self, ace_id: &str) -> Option<NaiveDate> {
        let k = ace_key(ace_id);
        self.missing.get(&k).copied()
    }

    /// The spend left out of an opportunity's MRR for want of a rate, by its ACE id.
    pub fn unconverted_of(&self, ace_id: &str) -> Option<&str> {
        self.unconverted.get(&ace_key(ace_id)).map(String::as_str)
    }
}

/// How ACE ids are compared and kept as keys: trimmed, upper case (`O1234567`).
pub fn ace_key(ace_id: &str) -> String {
    ace_id.trim().to_ascii_uppercase()
}

/// US dollars per one unit of a foreign currency, exact to six decimals (stored as `"1.085"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FxRate(u64);

impl FxRate {
    const SCALE: u64 = 1_000_000;

    /// The rate in millionths of a dollar per unit.
    pub fn micros(self) -> u64 {
        self.0
    }

    pub fn from_micros(m: u64) -> Option<FxRate> {
        (m > 0).then_some(FxRate(m))
    }

    /// `amount` (in cents of the foreign currency) in US cents, rounded half up; `None` on
    /// overflow.
    pub fn convert(self, amount: Money) -> Option<Money> {
        let scaled = i128::from(amount.cents()).checked_mul(i128::from(self.0))?;
        let half = i128::from(Self::SCALE / 2);
        let rounded = if scaled >= 0 {
            (scaled + half) / i128::from(Self::SCALE)
        } else {
            (scaled - half) / i128::from(Self::SCALE)
        };
        i64::try_from(rounded).ok().map(Money)
    }
}

impl fmt::Display for FxRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / Self::SCALE;
        let frac = format!("{:06}", self.0 % Self::SCALE);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{frac}")
        }
    }
}

impl FromStr for FxRate {
    type Err = ParseError;
    /// `1.085`, `1`, `0.92`: positive, at most six decimals.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || ParseError::NotARate(t.to_string());
        let (w, f) = t.split_once('.').unwrap_or((t, ""));
        if w.is_empty() || !w.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if f.len() > 6 {
            return Err(ParseError::TooManyDecimals(t.to_string()));
        }
        let whole: u64 = w.parse().map_err(|_| bad())?;
        let frac: u64 = if f.is_empty() {
            0
        } else {
            format!("{f:0<6}").parse().map_err(|_| bad())?
        };
        let m = whole
            .checked_mul(Self::SCALE)
            .and_then(|x| x.checked_add(frac))
            .ok_or_else(|| ParseError::TooLarge(t.to_string()))?;
        FxRate::from_micros(m).ok_or_else(|| ParseError::NotAboveZero(t.to_string()))
    }
}

impl Serialize for FxRate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for FxRate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse_print_and_convert_exactly() {
        let r: FxRate = "1.085".parse().expect("rate");
        assert_eq!(r.micros(), 1_085_000);
        assert_eq!(r.to_string(), "1.085");
        assert_eq!("2".parse::<FxRate>().map(|r| r.to_string()), Ok("2".into()));
        // EUR 1,000.00 at 1.085 is $1,085.00; EUR 0.01 at 1.085 rounds to $0.01.
        assert_eq!(r.convert(Money(100_000)), Some(Money(108_500)));
        assert_eq!(r.convert(Money(1)), Some(Money(1)));
        assert!("0".parse::<FxRate>().is_err());
        assert!("-1".parse::<FxRate>().is_err());
        assert!("1.0000001".parse::<FxRate>().is_err());
        assert!("abc".parse::<FxRate>().is_err());
        let huge = FxRate::from_micros(u64::MAX).expect("rate");
        assert_eq!(huge.convert(Money(i64::MAX)), None);
    }
}
