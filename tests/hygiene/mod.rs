//! Test hygiene shared by the test crates that need it: a test that cannot set up its environment
//! may skip on a developer's machine but must fail under CI (`CI` set), and a child-process helper
//! run on its own fails instead of passing with nothing tested.
#![allow(dead_code)]

use std::ffi::OsString;

/// Call where a test is about to return early because this machine cannot set it up: under CI
/// that is a failure (the check would otherwise silently never run); elsewhere it says why.
pub fn cannot_set_up(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run this test, but: {why}"
    );
    eprintln!("skipped here (would fail under CI): {why}");
}

/// The argument a child-process helper was started with (in `var`). A helper is `#[ignore]`d and
/// only meaningful as a child; run any other way it fails rather than count as a passing test.
pub fn child_arg(var: &str) -> OsString {
    std::env::var_os(var).unwrap_or_else(|| {
        panic!("a child-process helper, not a test: run only by its parent test (set {var})")
    })
}
