//! The built binary, run as a user would: fixed "today", a temporary `--data` path.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");
const TODAY: &str = "2026-11-26";
const IDS: [&str; 11] = [
    "accredited_total",
    "accredited_technical",
    "accredited_business",
    "certified_foundational",
    "certified_technical",
    "certified_pro_specialty",
    "launched_opportunities",
    "launched_mrr",
    "business_plan",
    "public_references",
    "csat_responses",
];

fn run_with_today(today: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("APN_SCORECARD_TODAY", today)
        .env_remove("APN_SCORECARD_DATA")
        .env_remove("NO_COLOR")
        .output()
        .expect("run apn-scorecard")
}

fn run(args: &[&str]) -> Output {
    run_with_today(TODAY, args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("json: {e}\n{}", stdout(o)))
}

fn fixture_copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    fs::copy(Path::new("tests/fixtures/cli").join(name), &to).expect("copy fixture");
    to
}

fn init_args(path: &str) -> Vec<&str> {
    vec![
        "--data",
        path,
        "init",
        "--partner",
        "Example Cloud",
        "--tier",
        "select",
        "--tier-review",
        "2026-01-15",
        "--apn-renewal",
        "2026-04-01",
    ]
}

#[test]
fn init_creates_a_store_that_report_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/scorecard.ron");
    let p = path.to_str().expect("utf-8 path");
    let o = run(&init_args(p));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(path.exists());
    assert!(stdout(&o).contains("Created"), "{}", stdout(&o));

    let o = run(&["--data", p, "report", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["partner"], "Example Cloud");
    assert_eq!(v["tier"], "select");
    assert_eq!(v["target_tier"], "advanced");
    assert_eq!(v["program"], "services-path-2023");
    assert_eq!(v["as_of"], TODAY);
    // Renewal window: the 2026-04-01 anniversary beats the 2026-01-15 review.
    assert_eq!(v["windows"]["renewal"]["start"], "2026-04-01");
    // An empty store meets nothing that Select requires.
    assert_eq!(v["tier_met"]["renewal"], false);
    assert_eq!(v["metrics"][0]["renewal"]["value"], 0);
}

#[test]
fn init_twice_refuses_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    let p = path.to_str().expect("utf-8 path");
    assert!(run(&init_args(p)).status.success());
    let before = fs::read(&path).expect("read");

    let mut again = init_args(p);
    again[4] = "Other Name";
    let o = run(&again);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn init_rejects_an_unknown_edition_and_a_target_below_the_tier() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    let p = path.to_str().expect("utf-8 path");
    let mut args = init_args(p);
    args.extend(["--program", "services-path-1999"]);
    let o = run(&args);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--program"), "{}", stderr(&o));
    assert!(stderr(&o).contains("services-path-2024"), "{}", stderr(&o));

    let mut args = init_args(p);
    args.extend(["--target", "registered"]);
    let o = run(&args);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("below the current tier"),
        "{}",
        stderr(&o)
    );
    assert!(!path.exists());
}

#[test]
fn demo_json_has_every_metric_in_order_and_consistent_verdicts() {
    let o = run(&["--demo", "report", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["partner"], "Northwind Cloud Consulting");
    let metrics = v["metrics"].as_array().expect("metrics");
    let ids: Vec<&str> = metrics.iter().filter_map(|m| m["id"].as_str()).collect();
    assert_eq!(ids, IDS);
    for k in ["renewal", "upgrade"] {
        let all_met = metrics
            .iter()
            .all(|m| m["scored"] == false || m[k]["met"] == true);
        assert_eq!(v["tier_met"][k], all_met, "{k}");
        for m in metrics {
            let (val, req) = (&m[k]["value"], &m[k]["required"]);
            let met = val.as_f64() >= req.as_f64();
            assert_eq!(m[k]["met"], met || m["scored"] == false, "{k} {}", m["id"]);
        }
    }
    // The demo is short somewhere in both windows, so neither verdict is met.
    assert_eq!(
        v["tier_met"],
        serde_json::json!({"renewal": false, "upgrade": false})
    );
}

#[test]
fn demo_with_as_of_is_deterministic_and_scores_that_day() {
    let args = [
        "--demo",
        "report",
        "--format",
        "json",
        "--as-of",
        "2027-03-01",
    ];
    let a = run(&args);
    let b = run(&args);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(json(&a)["as_of"], "2027-03-01");
    // Moving the as-of date ahead of today changes the picture: certifications lapse.
    let now = json(&run(&["--demo", "report", "--format", "json"]));
    assert_ne!(json(&a)["metrics"], now["metrics"]);
}

#[test]
fn as_of_works_before_and_after_the_command() {
    let before = run(&[
        "--as-of",
        "2026-12-20",
        "--demo",
        "report",
        "--format",
        "json",
    ]);
    let after = run(&[
        "--demo",
        "report",
        "--format",
        "json",
        "--as-of",
        "2026-12-20",
    ]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(before.stdout, after.stdout);
    assert_eq!(json(&after)["as_of"], "2026-12-20");
}

#[test]
fn demo_looks_the_same_on_another_today() {
    let a = json(&run_with_today(
        "2026-11-26",
        &["--demo", "report", "--format", "json"],
    ));
    let b = json(&run_with_today(
        "2029-05-03",
        &["--demo", "report", "--format", "json"],
    ));
    assert_eq!(b["as_of"], "2029-05-03");
    assert_eq!(a["metrics"], b["metrics"]);
}

#[test]
fn text_and_markdown_reports_show_symbols_and_money() {
    let o = run(&["--demo", "report"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    // Output is not a terminal here, so no colour.
    assert!(!t.contains('\x1b'));
    assert!(t.contains("✗ $9,607.75 of $10,000.00  need $392.25"), "{t}");
    assert!(t.contains("✗ Renewal (Select): not met"), "{t}");

    let m = stdout(&run(&["--demo", "report", "--format", "markdown"]));
    assert!(
        m.contains("| Launched opportunities | ✅ 5 of 3 | ❌ 17 of 20 (need 3) |"),
        "{m}"
    );
}

#[test]
fn corrupt_store_names_line_and_column_and_is_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture_copy(dir.path(), "corrupt.ron");
    let before = fs::read(&path).expect("read");
    let p = path.to_str().expect("utf-8 path");
    let o = run(&["--data", p, "report"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains(&format!("{p}:13:5")), "{err}");
    assert!(o.stdout.is_empty());
    assert_eq!(fs::read(&path).expect("read"), before);
    let names: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(names.len(), 1, "nothing else written: {names:?}");

    let o = run(&["--data", p, "validate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(&format!("{p}:13:5")), "{}", stdout(&o));
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn validate_exits_zero_when_clean_and_one_listing_every_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ok.ron");
    let p = path.to_str().expect("utf-8 path");
    assert!(run(&init_args(p)).status.success());
    let o = run(&["--data", p, "validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("OK"));

    let o = run(&["validate", "--demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let bad = fixture_copy(dir.path(), "problems.ron");
    let b = bad.to_str().expect("utf-8 path");
    let o = run(&["--data", b, "validate"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("unknown exam 'XYZ-C09'"), "{out}");
    assert!(out.contains("people[id=1]: duplicate id"), "{out}");
    assert!(out.contains("rating: 7 is not between 1 and 5"), "{out}");
    assert!(out.contains("3 problems"), "{out}");
}

#[test]
fn bad_values_name_their_flag() {
    let o = run(&["--demo", "report", "--as-of", "2026-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("--as-of"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");

    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("s.ron");
    let mut args = init_args(p.to_str().expect("utf-8 path"));
    args[6] = "gold";
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("--tier"), "{err}");
    assert!(err.contains("unknown tier 'gold'"), "{err}");
    assert!(!p.exists());
}

#[test]
fn data_and_demo_conflict() {
    let o = run(&["--demo", "report", "--data", "x.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

#[test]
fn missing_store_suggests_init_or_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("none.ron");
    let o = run(&["--data", p.to_str().expect("utf-8 path"), "report"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("apn-scorecard init"), "{err}");
    assert!(err.contains("--demo"), "{err}");
    assert!(!p.exists());
}

#[test]
fn data_path_comes_from_the_environment_when_no_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("env.ron");
    let p = path.to_str().expect("utf-8 path");
    assert!(run(&init_args(p)).status.success());
    let o = Command::new(BIN)
        .args(["report", "--format", "json"])
        .env("APN_SCORECARD_TODAY", TODAY)
        .env("APN_SCORECARD_DATA", p)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["partner"], "Example Cloud");
}

#[test]
fn a_bad_today_hook_is_reported() {
    let o = run_with_today("26/11/2026", &["--demo", "report"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("APN_SCORECARD_TODAY"), "{}", stderr(&o));
}

#[test]
fn demo_never_writes_anything() {
    let home = tempfile::tempdir().expect("tempdir");
    let run_home = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("APN_SCORECARD_TODAY", TODAY)
            .env_remove("APN_SCORECARD_DATA")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .output()
            .expect("run")
    };
    for args in [
        &["--demo", "report"][..],
        &["--demo", "validate"],
        &["--demo", "report", "--format", "json"],
    ] {
        let o = run_home(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let o = run_home(&[
        "--demo",
        "init",
        "--partner",
        "X",
        "--tier",
        "select",
        "--tier-review",
        "2026-01-15",
        "--apn-renewal",
        "2026-04-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--demo never writes"), "{}", stderr(&o));
    let written: Vec<_> = fs::read_dir(home.path()).expect("dir").collect();
    assert!(written.is_empty(), "{written:?}");
}
