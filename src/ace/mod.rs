//! Live ACE sync: opportunities from the Partner Central Selling API into the store.
//!
//! Two halves. [`map`] is pure and always built: it turns plain [`AceOpportunity`] summaries into
//! a [`SyncPlan`] against the store, like a CSV import plan, and applies it. `client` (feature
//! `ace`) talks to the API with the official SDK and yields those summaries; nothing in it
//! touches the store.

pub mod map;

#[cfg(feature = "ace")]
pub mod client;

pub use map::{AceOpportunity, AceProblem, Fetched, Spend, SyncPlan, apply, plan, titles_wanted};

use crate::domain::Store;
use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

/// Which ACE catalog to read: production or the Sandbox for trying things out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Catalog {
    Aws,
    Sandbox,
}

impl Catalog {
    /// The value the API expects in `Catalog`.
    pub fn as_str(self) -> &'static str {
        match self {
            Catalog::Aws => "AWS",
            Catalog::Sandbox => "Sandbox",
        }
    }
}

impl fmt::Display for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A catalog name other than AWS or Sandbox (trimmed as written); `--catalog` shows it after
/// clap's `invalid value` line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown catalog '{0}' (expected AWS or Sandbox)")]
pub struct UnknownCatalog(pub String);

impl FromStr for Catalog {
    type Err = UnknownCatalog;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            t if t.eq_ignore_ascii_case("aws") => Ok(Catalog::Aws),
            t if t.eq_ignore_ascii_case("sandbox") => Ok(Catalog::Sandbox),
            t => Err(UnknownCatalog(t.to_string())),
        }
    }
}

/// A sync asked of a store that already follows the other catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "this store follows the {followed} catalog; sync the {asked} catalog into another store \
     (--data FILE)"
)]
pub struct OtherCatalog {
    /// The catalog the store's sync state names, as written in the file.
    pub followed: String,
    pub asked: Catalog,
}

/// How far a running sync has got, for a progress line or the dashboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// `ListOpportunities` pages received.
    pub pages: usize,
    /// Opportunities received so far.
    pub opportunities: usize,
    /// Titles fetched with `GetOpportunity`, and how many are to be fetched (`--titles`).
    pub titles_done: usize,
    pub titles_total: usize,
}

/// Where the next sync starts: `None` fetches everything (a first or `--full` sync), else the
/// changes on or after the latest `LastModifiedDate` ACE gave last time.
///
/// Refuses a catalog other than the one the store already follows: mixing Sandbox test data
/// with production opportunities would mark one set as missing on every full sync of the other.
pub fn starting_point(
    store: &Store,
    catalog: Catalog,
    full: bool,
) -> Result<Option<DateTime<Utc>>, OtherCatalog> {
    match &store.ace_sync {
        Some(s) if !s.catalog.eq_ignore_ascii_case(catalog.as_str()) => Err(OtherCatalog {
            followed: s.catalog.clone(),
            asked: catalog,
        }),
        Some(s) if !full => Ok(s.cursor),
        _ => Ok(None),
    }
}
