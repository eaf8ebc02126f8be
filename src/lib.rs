//! apn-scorecard: track the AWS Partner Network Services Path Partner Scorecard.
//!
//! Flow: `store::load` -> [`domain::Store`] -> `scoring::evaluate` -> `Scorecard` -> tui / report.
#![deny(clippy::unwrap_used)]

pub mod ace;
pub mod assets;
pub mod cli;
pub mod domain;
pub mod import;
pub mod merge;
pub mod report;
pub mod sample;
pub mod scoring;
pub mod signals;
pub mod store;
pub mod tui;
