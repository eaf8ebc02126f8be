//! Wording a user reads in the built binary: counts in the singular, and a text report that fits
//! the terminal it is printed to.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .env_remove("APN_SCORECARD_DATA")
        .env_remove("NO_COLOR")
        .output()
        .expect("run apn-scorecard")
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

#[test]
fn one_of_a_thing_reads_in_the_singular() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one.ron");
    let p = path.to_str().expect("utf-8 path");
    let wrote = ok(&[
        "sample",
        "--people",
        "1",
        "--opportunities",
        "1",
        "--data",
        p,
    ]);
    assert!(wrote.contains(": 1 person, "), "{wrote}");
    assert!(wrote.contains(", 1 opportunity (seed 1)"), "{wrote}");
    assert!(
        !wrote.contains("1 people") && !wrote.contains("1 opportunities"),
        "{wrote}"
    );
    let checked = ok(&["validate", "--data", p]);
    assert!(
        checked.ends_with(": OK (1 person, 1 opportunity)\n"),
        "{checked}"
    );
}

/// Runs the binary with its stdout on a pseudo-terminal `cols` wide (util-linux `script`).
fn on_a_terminal(cols: u16, args: &str) -> String {
    let cmd = format!("stty cols {cols} rows 50; NO_COLOR=1 '{BIN}' {args}");
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .env_remove("APN_SCORECARD_DATA")
        .output()
        .expect("util-linux script runs the binary on a pseudo-terminal");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n")
}

fn widest(t: &str) -> usize {
    t.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_text_report_fits_an_80_column_terminal_and_a_pipe_keeps_the_full_width() {
    let piped = ok(&["--demo", "report", "--since", "7d"]);
    assert!(
        widest(&piped) > 80,
        "the demo's table is wider than 80:\n{piped}"
    );
    let tty = on_a_terminal(80, "--demo report --since 7d");
    assert!(widest(&tty) <= 80, "{tty}");
    // Nothing lost: the same words (rules aside), only the "Metric" column heading goes with
    // the column.
    let words = |t: &str| {
        let mut w: Vec<String> = t
            .split_whitespace()
            .filter(|x| *x != "Metric" && !x.starts_with('─'))
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    assert_eq!(
        words(&piped),
        words(&tty),
        "piped:\n{piped}\nterminal:\n{tty}"
    );
    assert!(tty.contains("Changes since 2026-11-19"), "{tty}");
    let wide = on_a_terminal(500, "--demo report --since 7d");
    assert_eq!(wide, piped);
}

#[test]
fn a_one_day_horizon_reads_in_the_singular() {
    let fixture = std::fs::read_to_string("tests/fixtures/since/store.ron").expect("fixture");
    let one = fixture.replace("horizon_days: 90", "horizon_days: 1");
    assert_ne!(one, fixture, "the fixture sets the horizon");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("store.ron");
    std::fs::write(&path, one).expect("write");
    let out = ok(&["report", "--data", path.to_str().expect("utf-8")]);
    assert!(
        out.contains("within 1 day\n") || out.contains("leaves a window in 1 day."),
        "{out}"
    );
    assert!(!out.contains("1 days"), "{out}");
}
