//! The three store sizes every benchmark runs on, built once per bench binary.

use apn_scorecard::domain::Store;
use apn_scorecard::{assets, sample};
use chrono::NaiveDate;

/// Fixed, so the figures do not move with the calendar.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

/// `demo`: the embedded demo partner; `large`: 2,000 people, 6,000 certifications, 3,000
/// accreditations, 5,000 opportunities, 500 references, 2,000 CSAT responses; `xl`: 4 x large;
/// `xxl`: 25,000 people and 60,000 opportunities, the largest global integrators.
/// `APN_BENCH_SIZES=xxl` (comma-separated names) builds only the sizes named.
pub fn sizes() -> Vec<(&'static str, Store)> {
    let wanted = std::env::var("APN_BENCH_SIZES").unwrap_or_default();
    let want = |n: &str| wanted.is_empty() || wanted.split(',').any(|w| w.trim() == n);
    let mut out = Vec::new();
    if want("demo") {
        out.push((
            "demo",
            assets::demo_store(today()).expect("embedded demo parses"),
        ));
    }
    for (name, people, opps) in [
        ("large", 2_000, 5_000),
        ("xl", 8_000, 20_000),
        ("xxl", 25_000, 60_000),
    ] {
        if want(name) {
            out.push((name, sample::generate(people, opps, 1, today())));
        }
    }
    out
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
