//! Snapshots of the three report formats for hand-built scorecards (no engine involved), so a
//! change to the wording or layout shows up in review.

use apn_scorecard::domain::{MetricId, Tier};
use apn_scorecard::report;
use apn_scorecard::scoring::{Cell, MetricRow, Scorecard, Window, Windows};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn cell(value: i64, required: i64) -> Cell {
    Cell {
        value,
        required,
        met: value >= required,
        short_by: (required - value).max(0),
        at_risk: None,
    }
}

/// `rows` gives (renewal value, renewal required, upgrade value, upgrade required) per metric in
/// listing order; the tier verdicts are derived from the scored rows, as the engine does.
fn card(
    partner: &str,
    tier: Tier,
    target: Tier,
    unscored: &[MetricId],
    rows: [(i64, i64, i64, i64); 11],
) -> Scorecard {
    let metrics: Vec<MetricRow> = MetricId::ALL
        .iter()
        .zip(rows)
        .map(|(&id, (rv, rr, uv, ur))| {
            let scored = !unscored.contains(&id);
            let req = |r: i64| if scored { r } else { 0 };
            MetricRow {
                id,
                scored,
                renewal: cell(rv, req(rr)),
                upgrade: cell(uv, req(ur)),
            }
        })
        .collect();
    let all = |f: fn(&MetricRow) -> &Cell| metrics.iter().all(|r| !r.scored || f(r).met);
    Scorecard {
        as_of: d("2026-11-26"),
        program: "services-path-2023".into(),
        partner: partner.into(),
        tier,
        target_tier: target,
        windows: Windows {
            renewal: Window {
                start: d("2026-08-15"),
                end: d("2026-11-26"),
            },
            upgrade: Window {
                start: d("2025-11-27"),
                end: d("2026-11-26"),
            },
        },
        renewal_met: all(|r| &r.renewal),
        upgrade_met: all(|r| &r.upgrade),
        metrics,
        unlinked: Vec::new(),
    }
}

/// A Select partner short of Advanced in several rows, one row at risk, one unlinked person.
fn select_to_advanced() -> Scorecard {
    let mut sc = card(
        "Example Cloud",
        Tier::Select,
        Tier::Advanced,
        &[],
        [
            (8, 4, 8, 8),
            (5, 2, 5, 4),
            (3, 2, 3, 4),
            (4, 2, 4, 4),
            (11, 2, 11, 6),
            (3, 0, 3, 3),
            (5, 3, 17, 20),
            (283_725, 150_000, 960_775, 1_000_000),
            (0, 0, 1, 1),
            (0, 1, 2, 2),
            (3, 5, 10, 20),
        ],
    );
    sc.metrics[5].upgrade.at_risk = Some(d("2026-12-15"));
    sc.unlinked = vec![18];
    sc
}

/// Services Path 2024: customer-success rows not required; every scored row met.
fn advanced_all_met_2024() -> Scorecard {
    let mut sc = card(
        "Contoso Cloud | Data",
        Tier::Advanced,
        Tier::Premier,
        &[MetricId::PublicReferences, MetricId::CsatResponses],
        [
            (21, 8, 21, 20),
            (11, 4, 11, 10),
            (10, 4, 10, 10),
            (12, 4, 12, 10),
            (30, 6, 30, 25),
            (14, 3, 14, 10),
            (25, 20, 61, 50),
            (1_200_000, 1_000_000, 5_600_010, 5_000_000),
            (1, 1, 1, 1),
            (1, 2, 4, 6),
            (9, 20, 31, 30),
        ],
    );
    sc.program = "services-path-2024".into();
    sc
}

#[test]
fn text_select_to_advanced() {
    insta::assert_snapshot!(report::text(
        &select_to_advanced(),
        "Services Path, three-pillar scorecard (December 2023)",
        false
    ));
}

#[test]
fn text_in_colour_marks_met_and_unmet() {
    let t = report::text(&select_to_advanced(), "E", true);
    assert!(t.contains("\x1b[31m✗ 3 of 4  need 1"), "{t}");
    assert!(t.contains("\x1b[32m✓ 8 of 4"), "{t}");
}

#[test]
fn text_all_met_2024() {
    insta::assert_snapshot!(report::text(
        &advanced_all_met_2024(),
        "Services Path without customer-success requirements (from 2024-07-10)",
        false
    ));
}

#[test]
fn markdown_select_to_advanced() {
    insta::assert_snapshot!(report::markdown(&select_to_advanced()));
}

#[test]
fn markdown_all_met_2024() {
    insta::assert_snapshot!(report::markdown(&advanced_all_met_2024()));
}

#[test]
fn json_select_to_advanced() {
    let v = report::json(&select_to_advanced());
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).expect("json"));
}

#[test]
fn json_all_met_2024() {
    let v = report::json(&advanced_all_met_2024());
    assert_eq!(v["tier_met"]["upgrade"], true);
    assert_eq!(
        v["metrics"][7]["upgrade"]["value"],
        serde_json::json!(56000.1)
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).expect("json"));
}

/// What the report lists under the table for `select_to_advanced`: actions and lapses.
fn outlook() -> report::Agenda {
    use apn_scorecard::domain::Money;
    use apn_scorecard::scoring::{Lapse, Upcoming, WindowKind};
    report::Agenda {
        horizon_days: 90,
        next_actions: vec![
            "1 more business-accredited individual to reach Advanced: 2 people with the technical accreditation have no business one (Ada, Bo)".into(),
            "3 more launched opportunities and $392.25 more MRR to reach Advanced: 2 Committed opportunities worth $3,100 could close it".into(),
            "2 people hold certifications that AWS does not credit yet (not linked): Cy, Di".into(),
        ],
        upcoming: vec![
            Upcoming {
                date: d("2026-12-04"),
                what: Lapse::Launch {
                    launched: d("2025-12-04"),
                    mrr: Money(42_000),
                },
                who: "Meridian Health".into(),
                metrics: vec![MetricId::LaunchedOpportunities, MetricId::LaunchedMrr],
                window: Some(WindowKind::Upgrade),
            },
            Upcoming {
                date: d("2026-12-15"),
                what: Lapse::CertificationExpires {
                    exam: "SAP-C02".into(),
                },
                who: "Marcus Chen".into(),
                metrics: vec![MetricId::CertifiedProSpecialty],
                window: None,
            },
        ],
    }
}

#[test]
fn text_with_outlook() {
    let sc = select_to_advanced();
    insta::assert_snapshot!(
        report::text(&sc, "E", false) + &report::outlook_text(&sc, &outlook(), false)
    );
}

#[test]
fn markdown_with_outlook() {
    let sc = select_to_advanced();
    insta::assert_snapshot!(report::markdown(&sc) + &report::outlook_markdown(&sc, &outlook()));
}

#[test]
fn outlook_with_nothing_to_do_says_so() {
    let sc = advanced_all_met_2024();
    let empty = report::Agenda {
        horizon_days: 30,
        next_actions: Vec::new(),
        upcoming: Vec::new(),
    };
    for t in [
        report::outlook_text(&sc, &empty, false),
        report::outlook_markdown(&sc, &empty),
    ] {
        assert!(t.contains("Nothing to do: every row is met."), "{t}");
        assert!(t.contains("At risk / lapses within 30 days"), "{t}");
        assert!(
            t.contains("Nothing is at risk; nothing expires or leaves a window in 30 days."),
            "{t}"
        );
    }
    let coloured = report::outlook_text(&select_to_advanced(), &outlook(), true);
    assert!(
        coloured.contains("\x1b[1mNext actions\x1b[0m"),
        "{coloured}"
    );
}
