//! At-risk cells, the forecast and the upcoming list: one test per cause.

mod common;

use apn_scorecard::domain::Stage;
use apn_scorecard::domain::{
    AccreditationKind, MetricId, Store, ThresholdOverride, Tier, TierChange,
};
use apn_scorecard::report::wording::{change_cause, lapse};
use apn_scorecard::scoring::{
    ChangeCause, Lapse, RestartReason, RowForecast, WindowKind, evaluate, forecast, project,
    upcoming,
};
use common::*;

fn at_risk(s: &Store, as_of: &str, m: MetricId, k: WindowKind) -> Option<chrono::NaiveDate> {
    let card = evaluate(s, &program(), d(as_of)).expect("scores");
    card.row(m).expect("row").cell(k).at_risk
}

fn row(f: &[RowForecast], m: MetricId, k: WindowKind) -> &RowForecast {
    f.iter()
        .find(|r| r.metric == m && r.window == k)
        .expect("every row and window is forecast")
}

/// Select needs 2 technically certified people; give exactly 2.
fn two_certified() -> Store {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut lee = person(1, "Lee Park");
    lee.certifications.push(cert(1, "SAA-C03", "2023-08-15"));
    let mut mia = person(2, "Mia Chen");
    mia.certifications.push(cert(2, "DVA-C02", "2025-01-01"));
    s.people = vec![lee, mia];
    s
}

#[test]
fn certification_expiry_puts_a_row_at_risk() {
    let s = two_certified();
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::CertifiedTechnical,
            WindowKind::Renewal
        ),
        Some(d("2026-08-15"))
    );
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    let r = row(&f, MetricId::CertifiedTechnical, WindowKind::Renewal);
    assert_eq!((r.value, r.required, r.met), (2, 2, true));
    let change = r.status_change.as_ref().expect("turns unmet");
    assert_eq!((change.date, change.value), (d("2026-08-15"), 1));
    assert_eq!(
        (change.causes.as_slice(), change.more),
        (
            &[ChangeCause::Expires {
                person: "Lee Park".into(),
                exams: vec!["SAA-C03".into()],
                accreditations: vec![],
            }][..],
            0
        )
    );
    assert_eq!(change_cause(change), "SAA-C03 of Lee Park expires");
    assert_eq!(r.next_change, r.status_change);
    // Beyond the horizon it is not at risk yet.
    assert_eq!(
        at_risk(
            &s,
            "2026-05-01",
            MetricId::CertifiedTechnical,
            WindowKind::Renewal
        ),
        None
    );
    let f = forecast(&s, &program(), d("2026-05-01"), 200).expect("forecast");
    let r = row(&f, MetricId::CertifiedTechnical, WindowKind::Renewal);
    assert_eq!(
        r.status_change.as_ref().map(|c| c.date),
        Some(d("2026-08-15"))
    );
}

#[test]
fn a_second_certificate_of_the_same_person_keeps_the_row() {
    let mut s = two_certified();
    s.people[0]
        .certifications
        .push(cert(3, "SOA-C02", "2025-03-01"));
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::CertifiedTechnical,
            WindowKind::Renewal
        ),
        None
    );
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    assert_eq!(
        row(&f, MetricId::CertifiedTechnical, WindowKind::Upgrade).next_change,
        None
    );
}

#[test]
fn a_person_leaving_puts_a_row_at_risk() {
    let mut s = two_certified();
    s.people[0].certifications[0].earned = d("2025-01-01");
    s.people[1].left_on = Some(d("2026-07-20"));
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::CertifiedTechnical,
            WindowKind::Renewal
        ),
        Some(d("2026-07-20"))
    );
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    let c = row(&f, MetricId::CertifiedTechnical, WindowKind::Upgrade)
        .next_change
        .clone()
        .expect("changes");
    assert_eq!(
        (c.date, c.value, c.causes.as_slice()),
        (
            d("2026-07-20"),
            1,
            &[ChangeCause::Leaves {
                person: "Mia Chen".into()
            }][..]
        )
    );
    assert_eq!(change_cause(&c), "Mia Chen leaves");
}

#[test]
fn accreditation_expiry_puts_total_and_its_kind_at_risk() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    for (i, name) in ["A", "B"].iter().enumerate() {
        let mut p = person(i as u64 + 1, name);
        let mut t = acc(10 + i as u64, AccreditationKind::Technical, "2025-01-01");
        if i == 0 {
            t.expires = Some(d("2026-08-01"));
        }
        p.accreditations.push(t);
        p.accreditations.push(acc(
            20 + i as u64,
            AccreditationKind::Business,
            "2025-01-01",
        ));
        s.people.push(p);
    }
    for m in [MetricId::AccreditedTechnical, MetricId::AccreditedTotal] {
        assert_eq!(
            at_risk(&s, "2026-06-30", m, WindowKind::Renewal),
            Some(d("2026-08-01")),
            "{m}"
        );
    }
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::AccreditedBusiness,
            WindowKind::Renewal
        ),
        None
    );
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    let c = row(&f, MetricId::AccreditedTotal, WindowKind::Renewal)
        .next_change
        .clone()
        .expect("changes");
    assert_eq!(
        (c.value, c.causes.as_slice()),
        (
            3,
            &[ChangeCause::Expires {
                person: "A".into(),
                exams: vec![],
                accreditations: vec![AccreditationKind::Technical],
            }][..]
        )
    );
    assert_eq!(change_cause(&c), "Technical accreditation of A expires");
}

#[test]
fn an_entry_leaving_the_rolling_12_months_puts_the_upgrade_row_at_risk() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.target = Some(Tier::Select);
    s.opportunities = vec![
        opp(1, "Acme", Stage::Launched, "2025-08-10", 1_000),
        opp(2, "Birch", Stage::Launched, "2025-09-01", 1_000),
        opp(3, "Cedar", Stage::Launched, "2026-05-01", 1_000),
    ];
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::LaunchedOpportunities,
            WindowKind::Upgrade
        ),
        Some(d("2026-08-10"))
    );
    // MRR 3,000 of 1,500: still met after Acme leaves, unmet after Birch.
    assert_eq!(
        at_risk(&s, "2026-06-30", MetricId::LaunchedMrr, WindowKind::Upgrade),
        Some(d("2026-09-01"))
    );
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    let r = row(&f, MetricId::LaunchedMrr, WindowKind::Upgrade);
    let next = r.next_change.as_ref().expect("changes");
    assert_eq!((next.date, next.value), (d("2026-08-10"), 200_000));
    assert_eq!(
        next.causes,
        vec![ChangeCause::Launch {
            customer: "Acme".into(),
            launched: Some(d("2025-08-10")),
        }]
    );
    assert_eq!(
        change_cause(next),
        "Acme launch of 2025-08-10 leaves the 12-month window"
    );
    let status = r.status_change.as_ref().expect("turns unmet");
    assert_eq!((status.date, status.value), (d("2026-09-01"), 100_000));
    // The reference answer: a fresh count on that day with only known entries.
    let later = project(&s, &program(), d("2026-06-30"), d("2026-09-01")).expect("projects");
    assert_eq!(
        later.row(MetricId::LaunchedMrr).expect("row").upgrade.value,
        100_000
    );
    let before = project(&s, &program(), d("2026-06-30"), d("2026-08-31")).expect("projects");
    assert_eq!(
        before
            .row(MetricId::LaunchedMrr)
            .expect("row")
            .upgrade
            .value,
        200_000
    );
}

#[test]
fn leap_day_entry_leaves_the_window_on_march_first() {
    let mut s = store(Tier::Select, "2024-01-15", "2024-04-01");
    s.business_plans = vec![plan(1, "2024-02-29")];
    s.profile.target = Some(Tier::Advanced);
    assert_eq!(
        at_risk(
            &s,
            "2025-01-31",
            MetricId::BusinessPlan,
            WindowKind::Upgrade
        ),
        Some(d("2025-03-01"))
    );
    let on = |day: &str| {
        project(&s, &program(), d("2025-01-31"), d(day))
            .expect("projects")
            .row(MetricId::BusinessPlan)
            .expect("row")
            .upgrade
            .value
    };
    assert_eq!((on("2025-02-28"), on("2025-03-01")), (1, 0));
}

#[test]
fn the_renewal_anniversary_puts_windowed_renewal_rows_at_risk() {
    let mut s = store(Tier::Select, "2025-06-01", "2024-09-01");
    s.threshold_overrides.push(ThresholdOverride {
        tier: Tier::Select,
        metric: MetricId::LaunchedOpportunities,
        value: 1,
    });
    s.opportunities = vec![opp(1, "Acme", Stage::Launched, "2026-05-01", 2_000)];
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::LaunchedOpportunities,
            WindowKind::Renewal
        ),
        Some(d("2026-09-01"))
    );
    assert_eq!(
        at_risk(&s, "2026-06-30", MetricId::LaunchedMrr, WindowKind::Renewal),
        Some(d("2026-09-01"))
    );
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    let c = row(&f, MetricId::LaunchedOpportunities, WindowKind::Renewal)
        .status_change
        .clone()
        .expect("turns unmet");
    assert_eq!(
        (c.date, c.value, c.causes.as_slice()),
        (
            d("2026-09-01"),
            0,
            &[ChangeCause::WindowRestarts {
                reason: RestartReason::ApnRenewal
            }][..]
        )
    );
    assert_eq!(
        change_cause(&c),
        "renewal window restarts (APN renewal anniversary)"
    );
    // Met rows with no requirement are never at risk; the upgrade column keeps the launch.
    assert_eq!(
        at_risk(
            &s,
            "2026-06-30",
            MetricId::BusinessPlan,
            WindowKind::Renewal
        ),
        None
    );
    let up = row(&f, MetricId::LaunchedOpportunities, WindowKind::Upgrade);
    assert_eq!(up.next_change, None);
}

#[test]
fn unmet_and_unscored_rows_are_never_at_risk() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.program = "services-path-2024".into();
    s.csat = vec![csat(1, "A", "2025-08-01")];
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    for r in &card.metrics {
        assert_eq!(r.renewal.at_risk, None, "{}", r.id);
        assert_eq!(r.upgrade.at_risk, None, "{}", r.id);
    }
    // The unscored CSAT row still reports its change, but no status change.
    let f = forecast(&s, &program(), d("2026-06-30"), 90).expect("forecast");
    let r = row(&f, MetricId::CsatResponses, WindowKind::Upgrade);
    assert_eq!(
        r.next_change.as_ref().map(|c| (c.date, c.value)),
        Some((d("2026-08-01"), 0))
    );
    assert_eq!(r.status_change, None);
}

#[test]
fn upcoming_lists_what_stops_counting_soon() {
    let mut s = worked_example();
    s.people[1].left_on = Some(d("2026-08-01"));
    s.csat = vec![csat(1, "Birch", "2025-08-15")];
    let list = upcoming(&s, &program(), d("2026-06-30"), 120);
    let lines: Vec<(String, String, String)> = list
        .iter()
        .map(|u| (u.date.to_string(), u.who.clone(), lapse(&u.what)))
        .collect();
    let want = [
        ("2026-08-01", "Mia Chen", "leaves"),
        (
            "2026-08-15",
            "Birch",
            "CSAT response of 2025-08-15 leaves the 12-month window",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(lines, want);
    let mia = &list[0];
    assert_eq!(
        mia.metrics,
        vec![
            MetricId::AccreditedTotal,
            MetricId::AccreditedBusiness,
            MetricId::CertifiedFoundational
        ]
    );
    assert_eq!(
        (&list[0].what, &list[1].what),
        (
            &Lapse::Leaves,
            &Lapse::Csat {
                date: d("2025-08-15")
            }
        )
    );
    assert_eq!(list[1].window, Some(WindowKind::Upgrade));
    assert_eq!(list[1].metrics, vec![MetricId::CsatResponses]);
    // Over a longer span: Lee's SAP-C02 expiry and the renewal restart appear, in date order.
    let list = upcoming(&s, &program(), d("2026-06-30"), 400);
    let whats: Vec<String> = list
        .iter()
        .map(|u| format!("{} {}", u.date, lapse(&u.what)))
        .collect();
    assert!(
        whats.contains(&"2027-02-01 SAP-C02 expires".to_string()),
        "{whats:?}"
    );
    assert!(
        whats.contains(&"2027-04-01 renewal window restarts (APN renewal anniversary)".to_string()),
        "{whats:?}"
    );
    let dates: Vec<_> = list.iter().map(|u| u.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

/// Entries of one day for one person or customer list in the order their wording sorts, as they
/// did when the engine sorted its own sentences.
#[test]
fn same_day_entries_of_one_person_or_customer_list_in_wording_order() {
    let mut s = worked_example();
    let lee = s
        .people
        .iter_mut()
        .find(|p| p.name == "Lee Park")
        .expect("Lee");
    lee.certifications.push(cert(89, "DVA-C02", "2023-08-15"));
    lee.certifications.push(cert(90, "ANS-C01", "2023-08-15"));
    for (id, kind) in [
        (91, AccreditationKind::Technical),
        (92, AccreditationKind::Business),
    ] {
        let mut a = acc(id, kind, "2025-01-01");
        a.expires = Some(d("2026-08-15"));
        lee.accreditations.push(a);
    }
    s.csat.push(csat(93, "Zephyr", "2025-08-20"));
    s.references.push(reference(94, "Zephyr", "2025-08-20"));
    s.opportunities
        .push(opp(95, "Zephyr", Stage::Launched, "2025-08-20", 1_000));
    let list = upcoming(&s, &program(), d("2026-06-30"), 90);
    let on = |day: &str, who: &str| -> Vec<String> {
        list.iter()
            .filter(|u| u.date == d(day) && u.who == who)
            .map(|u| lapse(&u.what))
            .collect()
    };
    assert_eq!(
        on("2026-08-15", "Lee Park"),
        [
            "ANS-C01 expires",
            "Business accreditation expires",
            "DVA-C02 expires",
            "Technical accreditation expires"
        ]
    );
    assert_eq!(
        on("2026-08-20", "Zephyr"),
        [
            "CSAT response of 2025-08-20 leaves the 12-month window",
            "launch of 2025-08-20 ($1,000) leaves the 12-month window",
            "reference approved 2025-08-20 leaves the 12-month window"
        ]
    );
}

/// The renewal window restart names the first date after as-of that restarts it: the APN
/// renewal anniversary, or a tier review or tier upgrade already entered for an earlier day.
#[test]
fn the_window_restart_says_what_restarts_it() {
    let restarts = |s: &Store| -> Vec<(Lapse, String)> {
        upcoming(s, &program(), d("2026-06-30"), 400)
            .into_iter()
            .filter(|u| matches!(u.what, Lapse::WindowRestarts { .. }))
            .map(|u| (u.what.clone(), format!("{} {}", u.date, lapse(&u.what))))
            .collect()
    };
    let one = |reason, line: &str| vec![(Lapse::WindowRestarts { reason }, line.to_string())];
    let mut s = worked_example();
    assert_eq!(
        restarts(&s),
        one(
            RestartReason::ApnRenewal,
            "2027-04-01 renewal window restarts (APN renewal anniversary)"
        )
    );
    s.profile.last_tier_review = d("2026-10-01");
    assert_eq!(
        restarts(&s),
        one(
            RestartReason::TierReview,
            "2026-10-01 renewal window restarts (tier review)"
        )
    );
    s.profile.tier_history.push(TierChange {
        date: d("2026-09-01"),
        from: Tier::Select,
        to: Tier::Advanced,
    });
    assert_eq!(
        restarts(&s),
        one(
            RestartReason::TierUpgrade,
            "2026-09-01 renewal window restarts (tier upgrade)"
        )
    );
}
