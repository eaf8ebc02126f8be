//! `report --since`: the built binary on a fixture store and on the demo, with a fixed today.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");
const FIXTURE: &str = "tests/fixtures/since/store.ron";

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

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).expect("json")
}

/// The text after the "Changes since" heading.
fn section(out: &str) -> &str {
    let at = out.find("Changes since").expect("a changes section");
    &out[at..]
}

#[test]
fn text_lists_each_cause_and_the_rows_that_moved() {
    let out = ok(&["--data", FIXTURE, "report", "--since", "7d"]);
    let s = section(&out);
    assert!(
        s.starts_with("Changes since 2026-11-19 (to 2026-11-26)\n"),
        "{s}"
    );
    for line in [
        // Knowledge rows get a line a window, like the others: the renewal verdict changed
        // while the upgrade one did not.
        "  AWS Pro/Specialty Certified Individuals (renewal): 0 → 1\n",
        "  AWS Pro/Specialty Certified Individuals (upgrade): 0 → 1\n",
        "  AWS Technical Certified Individuals (renewal): 2 → 1, now short by 1\n",
        "  AWS Technical Certified Individuals (upgrade): 2 → 1\n",
        "  AWS Foundational Certified Individuals (renewal): 1 → 0\n",
        "  AWS Foundational Certified Individuals (upgrade): 1 → 0\n",
        "  Launched opportunities (renewal): 1 → 2\n",
        "  Launched opportunities (upgrade): 2 → 3\n",
        "  Launched opportunities MRR (renewal): $600 → $1,600, now met\n",
        "  Public customer references (upgrade): 0 → 1\n",
        "New certifications (1)\n  2026-11-20  Ada Quinn: SAP-C02 ",
        "Launched opportunities (1)\n  2026-11-21  Delta Dairy: $1,000 MRR\n",
        "New public references (1)\n  2026-11-25  Delta Dairy: Cheese at scale\n",
        "Expired (1)\n  2026-11-22  Cy Okafor: CLF-C02 ",
        "People who left (1)\n  2026-11-24  Bo Reyes\n",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
    // The CSAT response of 2026-11-01 is older than the period.
    assert!(!s.contains("Alder Foods"), "{s}");
    // The scorecard is still printed above the section.
    assert!(out.starts_with("Since Test Ltd: Select, working toward Advanced\n"));
}

#[test]
fn a_date_and_a_span_give_the_same_section() {
    let a = ok(&["--data", FIXTURE, "report", "--since", "2026-11-19"]);
    let b = ok(&["--data", FIXTURE, "report", "--since", "1w"]);
    assert_eq!(a, b);
    let none = ok(&["--data", FIXTURE, "report"]);
    assert!(!none.contains("Changes since"), "{none}");
}

#[test]
fn as_of_moves_the_period_with_it() {
    // Seven days back from 2026-11-22: Ada's certification and the launch, not Bo's leaving.
    let out = ok(&[
        "--data",
        FIXTURE,
        "--as-of",
        "2026-11-22",
        "report",
        "--since",
        "7d",
    ]);
    let s = section(&out);
    assert!(
        s.starts_with("Changes since 2026-11-15 (to 2026-11-22)"),
        "{s}"
    );
    assert!(s.contains("Ada Quinn"), "{s}");
    assert!(s.contains("2026-11-21  Delta Dairy"), "{s}");
    assert!(!s.contains("Bo Reyes"), "{s}");
    assert!(!s.contains("Cheese at scale"), "{s}");
}

#[test]
fn markdown_is_bullets_under_bold_headings() {
    let out = ok(&[
        "--data", FIXTURE, "report", "--since", "7d", "--format", "markdown",
    ]);
    let s = section(&out);
    assert!(
        s.starts_with("Changes since 2026-11-19 (to 2026-11-26)**\n"),
        "{s}"
    );
    assert!(
        s.contains("- ✅ Launched opportunities MRR (renewal): $600 → $1,600, now met\n"),
        "{s}"
    );
    assert!(
        s.contains("*People who left* (1)\n\n- 2026-11-24  Bo Reyes\n"),
        "{s}"
    );
    // A row that became met is never marked ❌: each window has its own line and verdict.
    assert!(
        s.contains("- ✅ Public customer references (renewal): 0 → 1, now met\n"),
        "{s}"
    );
    assert!(
        s.contains("- ❌ AWS Technical Certified Individuals (renewal): 2 → 1, now short by 1\n"),
        "{s}"
    );
    for line in s.lines().filter(|l| l.starts_with("- ❌")) {
        assert!(!line.contains("now met"), "{line}");
    }
}

#[test]
fn json_adds_a_changes_object() {
    let v = json(&[
        "--data", FIXTURE, "report", "--since", "7d", "--format", "json",
    ]);
    let c = &v["changes"];
    assert_eq!(c["since"], "2026-11-19");
    assert_eq!(c["as_of"], "2026-11-26");
    let kinds: Vec<&str> = c["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "new_certification",
            "launched",
            "new_reference",
            "expired",
            "left"
        ]
    );
    let lo = c["moved"]
        .as_array()
        .expect("moved")
        .iter()
        .find(|m| m["id"] == "launched_opportunities" && m["window"] == "upgrade")
        .expect("launched upgrade moved");
    assert_eq!(
        (lo["before"].as_i64(), lo["after"].as_i64()),
        (Some(2), Some(3))
    );
    // Without --since the contract is unchanged.
    let plain = json(&["--data", FIXTURE, "report", "--format", "json"]);
    assert!(plain.get("changes").is_none());
}

#[test]
fn the_demo_week_and_fortnight() {
    let week = ok(&["--demo", "report", "--since", "7d"]);
    let s = section(&week);
    assert!(s.contains("New in the pipeline (2)\n"), "{s}");
    assert!(s.contains("2026-11-23  Meadowbrook Schools: "), "{s}");
    assert!(s.contains("2026-11-24  Beacon Travel: "), "{s}");

    // "Before" is the scorecard as it stood on the first day: the same number the report
    // printed as of that day.
    let fortnight = json(&["--demo", "report", "--since", "2w", "--format", "json"]);
    let then = json(&[
        "--demo",
        "--as-of",
        "2026-11-12",
        "report",
        "--format",
        "json",
    ]);
    let now = json(&["--demo", "report", "--format", "json"]);
    let upgrade_value = |v: &serde_json::Value| {
        v["metrics"]
            .as_array()
            .expect("metrics")
            .iter()
            .find(|m| m["id"] == "launched_opportunities")
            .map(|m| m["upgrade"]["value"].clone())
    };
    let mv = fortnight["changes"]["moved"]
        .as_array()
        .expect("moved")
        .iter()
        .find(|m| m["id"] == "launched_opportunities" && m["window"] == "upgrade")
        .cloned()
        .expect("the upgrade count moved in the demo fortnight");
    assert_eq!(Some(mv["before"].clone()), upgrade_value(&then));
    assert_eq!(Some(mv["after"].clone()), upgrade_value(&now));
}

#[test]
fn bad_since_values_are_refused_with_the_reason() {
    for (arg, want) in [
        ("+3d", "after the as-of date"),
        ("2026-11-26", "is not before the as-of date 2026-11-26"),
        ("2026-12-01", "is not before the as-of date"),
        ("lastweek", "is not a date or a span"),
    ] {
        let o = run(&["--demo", "report", "--since", arg]);
        assert_eq!(o.status.code(), Some(1), "{arg}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("--since") && err.contains(want),
            "{arg}: {err}"
        );
        assert!(o.stdout.is_empty(), "{arg}");
    }
}
