//! `apn-scorecard sample`, run as a user would: the file it writes validates, reports, is the same
//! for the same seed, and is never written over an existing file.

use std::fs;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .env_remove("APN_SCORECARD_DATA")
        .env("NO_COLOR", "1")
        .output()
        .expect("run apn-scorecard")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sample(path: &str, seed: &str) -> Output {
    run(&[
        "--data",
        path,
        "sample",
        "--people",
        "120",
        "--opportunities",
        "300",
        "--seed",
        seed,
    ])
}

#[test]
fn sample_writes_a_valid_store_that_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    let p = path.to_str().expect("utf-8 path");
    let o = sample(p, "5");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("120 people, 360 certifications, 300 opportunities"));

    let v = run(&["--data", p, "validate"]);
    assert!(v.status.success(), "{}", text(&v.stdout));
    assert!(text(&v.stdout).contains("OK (120 people, 300 opportunities)"));

    let r = run(&["--data", p, "report", "--format", "json"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    let j: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json report");
    assert_eq!(j["partner"], "Sample Partner 5", "{j}");
}

#[test]
fn same_seed_same_file_and_no_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    let c = dir.path().join("c.ron");
    for (path, seed) in [(&a, "9"), (&b, "9"), (&c, "10")] {
        let o = sample(path.to_str().expect("utf-8"), seed);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let bytes = |p: &std::path::Path| fs::read(p).expect("read");
    assert_eq!(bytes(&a), bytes(&b));
    assert_ne!(bytes(&a), bytes(&c));

    let before = bytes(&a);
    let o = sample(a.to_str().expect("utf-8"), "10");
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("already exists"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(bytes(&a), before);
}

#[test]
fn sample_refuses_the_demo() {
    let o = run(&["--demo", "sample", "--people", "1", "--opportunities", "1"]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("--demo never writes"),
        "{}",
        text(&o.stderr)
    );
}
