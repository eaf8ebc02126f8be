//! The three store sizes every benchmark runs on, built once per bench binary.

use apn_scorecard::domain::Store;
use apn_scorecard::{assets, sample};
use chrono::NaiveDate;

/// Fixed, so the figures do not move with the calendar.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

/// `demo`: the embedded demo partner; `large`: 2,000 people, 6,000 certifications, 3,000
/// accreditations, 5,000 opportunities, 500 references, 2,000 CSAT responses; `xl`: 4 x large.
pub fn sizes() -> Vec<(&'static str, Store)> {
    let demo = assets::demo_store(today()).expect("embedded demo parses");
    vec![
        ("demo", demo),
        ("large", sample::generate(2_000, 5_000, 1, today())),
        ("xl", sample::generate(8_000, 20_000, 1, today())),
    ]
}

/// Points the platform cache folder (where `store::load` keeps its JSON copy of large stores) at
/// a fresh temp folder, so benchmarks neither read nor leave copies in the user's cache.
pub fn private_cache() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    // SAFETY: called first thing in the benchmark function, before this process starts threads
    // that read the environment.
    unsafe { std::env::set_var(apn_scorecard::store::cache::CACHE_DIR_ENV, dir.path()) };
    dir
}
