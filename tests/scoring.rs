//! The scoring rules of DOMAIN.md, one test per rule: breaking a rule fails a test here.

mod common;

use apn_scorecard::domain::{AccreditationKind, MetricId, Stage, Tier, TierChange};
use apn_scorecard::scoring::{Scorecard, WindowKind, evaluate, windows};
use common::*;

fn cell(card: &Scorecard, m: MetricId, k: WindowKind) -> (i64, i64, bool) {
    let c = card.row(m).expect("every metric has a row").cell(k);
    (c.value, c.required, c.met)
}

#[test]
fn worked_example_of_domain_md() {
    let s = worked_example();
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    use MetricId::*;
    use WindowKind::*;

    let w = windows(&s.profile, d("2026-06-30"));
    assert_eq!(
        (w.upgrade.start, w.upgrade.end),
        (d("2025-07-01"), d("2026-06-30"))
    );
    assert_eq!(
        (w.renewal.start, w.renewal.end),
        (d("2026-04-01"), d("2026-06-30"))
    );
    assert_eq!(card.windows, w);
    assert_eq!(
        (card.tier, card.target_tier),
        (Tier::Select, Tier::Advanced)
    );

    // Knowledge: the same in both windows.
    for k in [Renewal, Upgrade] {
        let v = |m| cell(&card, m, k).0;
        assert_eq!(v(AccreditedTechnical), 1, "{k:?}");
        assert_eq!(v(AccreditedBusiness), 1, "{k:?}");
        assert_eq!(v(AccreditedTotal), 2, "{k:?}");
        assert_eq!(v(CertifiedFoundational), 1, "Mia, {k:?}");
        assert_eq!(v(CertifiedTechnical), 1, "Lee, {k:?}");
        assert_eq!(v(CertifiedProSpecialty), 1, "Lee, {k:?}");
    }
    assert_eq!(card.unlinked, vec![4], "Oli is not linked");

    // Experience.
    assert_eq!(cell(&card, LaunchedOpportunities, Renewal).0, 1);
    assert_eq!(cell(&card, LaunchedMrr, Renewal).0, 120_000);
    assert_eq!(cell(&card, LaunchedOpportunities, Upgrade).0, 2);
    assert_eq!(cell(&card, LaunchedMrr, Upgrade).0, 200_000);
    assert_eq!(cell(&card, BusinessPlan, Upgrade).0, 1);
    assert_eq!(cell(&card, BusinessPlan, Renewal).0, 0);

    // Renewal against Select.
    assert_eq!(cell(&card, AccreditedTotal, Renewal), (2, 4, false));
    let row = card.row(AccreditedTotal).expect("row");
    assert_eq!(row.renewal.short_by, 2);
    assert_eq!(cell(&card, LaunchedOpportunities, Renewal), (1, 3, false));
    assert_eq!(
        card.row(LaunchedOpportunities)
            .expect("row")
            .renewal
            .short_by,
        2
    );
    assert_eq!(cell(&card, LaunchedMrr, Renewal), (120_000, 150_000, false));
    assert_eq!(card.row(LaunchedMrr).expect("row").renewal.short_by, 30_000);
    assert_eq!(cell(&card, CertifiedProSpecialty, Renewal), (1, 0, true));
    assert_eq!(cell(&card, BusinessPlan, Renewal), (0, 0, true));
    assert!(!card.renewal_met);

    // Upgrade against Advanced.
    assert_eq!(cell(&card, CertifiedProSpecialty, Upgrade), (1, 3, false));
    assert_eq!(cell(&card, BusinessPlan, Upgrade), (1, 1, true));
    assert!(!card.upgrade_met);

    let ids: Vec<MetricId> = card.metrics.iter().map(|r| r.id).collect();
    assert_eq!(ids, MetricId::ALL.to_vec());
}

fn launched(id: u64, day: &str) -> apn_scorecard::domain::Opportunity {
    opp(id, &format!("Customer {id}"), Stage::Launched, day, 100)
}

fn launched_count(s: &apn_scorecard::domain::Store, as_of: &str) -> (i64, i64) {
    let card = evaluate(s, &program(), d(as_of)).expect("scores");
    (
        cell(&card, MetricId::LaunchedOpportunities, WindowKind::Renewal).0,
        cell(&card, MetricId::LaunchedOpportunities, WindowKind::Upgrade).0,
    )
}

#[test]
fn upgrade_window_first_and_last_day_and_the_days_outside() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let w = windows(&s.profile, d("2026-06-30")).upgrade;
    assert_eq!((w.start, w.end), (d("2025-07-01"), d("2026-06-30")));
    s.opportunities = vec![launched(1, "2025-07-01"), launched(2, "2026-06-30")];
    assert_eq!(launched_count(&s, "2026-06-30").1, 2);
    s.opportunities = vec![launched(1, "2025-06-30"), launched(2, "2026-07-01")];
    assert_eq!(launched_count(&s, "2026-06-30").1, 0);
    // Month-end clamping: as of March 31 the window opens on April 1.
    assert_eq!(
        windows(&s.profile, d("2026-03-31")).upgrade.start,
        d("2025-04-01")
    );
}

#[test]
fn renewal_window_first_and_last_day_and_the_days_outside() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.opportunities = vec![launched(1, "2026-04-01"), launched(2, "2026-06-30")];
    assert_eq!(launched_count(&s, "2026-06-30"), (2, 2));
    s.opportunities = vec![launched(1, "2026-03-31"), launched(2, "2026-07-01")];
    assert_eq!(launched_count(&s, "2026-06-30"), (0, 1));
}

#[test]
fn leap_day_windows_and_expiry() {
    let mut s = store(Tier::Select, "2027-05-01", "2024-05-01");
    let w = windows(&s.profile, d("2028-02-29"));
    assert_eq!(w.upgrade.start, d("2027-03-01"));
    s.opportunities = vec![launched(1, "2027-02-28"), launched(2, "2027-03-01")];
    assert_eq!(launched_count(&s, "2028-02-29").1, 1);

    let mut p = person(1, "Leap Year");
    p.certifications.push(cert(1, "SAA-C03", "2024-02-29"));
    assert_eq!(p.certifications[0].expiry(), d("2027-02-28"));
    s.people = vec![p];
    let tech = |as_of: &str| {
        let card = evaluate(&s, &program(), d(as_of)).expect("scores");
        cell(&card, MetricId::CertifiedTechnical, WindowKind::Upgrade).0
    };
    assert_eq!(tech("2027-02-27"), 1);
    assert_eq!(tech("2027-02-28"), 0);
}

#[test]
fn renewal_window_restarts_on_the_apn_renewal_anniversary() {
    let mut s = store(Tier::Select, "2025-01-10", "2024-04-01");
    s.opportunities = vec![launched(1, "2025-05-01")];
    let w = windows(&s.profile, d("2026-03-31")).renewal;
    assert_eq!(w.start, d("2025-04-01"));
    assert_eq!(launched_count(&s, "2026-03-31"), (1, 1));
    let w = windows(&s.profile, d("2026-04-01")).renewal;
    assert_eq!((w.start, w.end), (d("2026-04-01"), d("2026-04-01")));
    assert_eq!(launched_count(&s, "2026-04-01"), (0, 1));
}

#[test]
fn tier_upgrade_restarts_the_renewal_window_but_a_downgrade_does_not() {
    let mut s = store(Tier::Advanced, "2026-01-15", "2026-04-01");
    s.opportunities = vec![launched(1, "2026-05-09"), launched(2, "2026-05-10")];
    assert_eq!(launched_count(&s, "2026-06-30"), (2, 2));
    s.profile.tier_history.push(TierChange {
        date: d("2026-05-10"),
        from: Tier::Select,
        to: Tier::Advanced,
    });
    assert_eq!(
        windows(&s.profile, d("2026-06-30")).renewal.start,
        d("2026-05-10")
    );
    assert_eq!(launched_count(&s, "2026-06-30"), (1, 2));
    // Before the upgrade day the upgrade has not happened.
    assert_eq!(
        windows(&s.profile, d("2026-05-09")).renewal.start,
        d("2026-04-01")
    );
    s.profile.tier_history[0] = TierChange {
        date: d("2026-05-10"),
        from: Tier::Premier,
        to: Tier::Advanced,
    };
    assert_eq!(
        windows(&s.profile, d("2026-06-30")).renewal.start,
        d("2026-04-01")
    );
}

#[test]
fn tier_review_later_than_the_anniversary_starts_the_renewal_window() {
    let mut s = store(Tier::Select, "2026-05-01", "2026-04-01");
    assert_eq!(
        windows(&s.profile, d("2026-06-30")).renewal.start,
        d("2026-05-01")
    );
    // A review entered for a day after as_of has not happened yet: the anniversary rules.
    s.profile.last_tier_review = d("2026-08-01");
    let w = windows(&s.profile, d("2026-06-30")).renewal;
    assert_eq!((w.start, w.end), (d("2026-04-01"), d("2026-06-30")));
}

fn knowledge(s: &apn_scorecard::domain::Store, as_of: &str) -> [i64; 6] {
    let card = evaluate(s, &program(), d(as_of)).expect("scores");
    let mut out = [0; 6];
    for (i, m) in MetricId::ALL[..6].iter().enumerate() {
        out[i] = cell(&card, *m, WindowKind::Renewal).0;
        assert_eq!(
            out[i],
            cell(&card, *m, WindowKind::Upgrade).0,
            "{m} is point-in-time"
        );
    }
    out
}

/// Index of certified_technical in `knowledge`'s result.
const TECH: usize = 4;

#[test]
fn certification_expired_on_the_as_of_day_and_earned_on_it() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut p = person(1, "Ana");
    p.certifications.push(cert(1, "SAA-C03", "2023-06-30"));
    s.people = vec![p];
    assert_eq!(knowledge(&s, "2026-06-29")[TECH], 1, "last active day");
    assert_eq!(knowledge(&s, "2026-06-30")[TECH], 0, "expired on the day");
    s.people[0].certifications = vec![cert(1, "SAA-C03", "2026-06-30")];
    assert_eq!(knowledge(&s, "2026-06-30")[TECH], 1, "earned on the day");
    assert_eq!(knowledge(&s, "2026-06-29")[TECH], 0, "not yet earned");
}

#[test]
fn imported_expiry_wins_over_the_computed_one() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut early = cert(1, "SAA-C03", "2025-01-01");
    early.expires = Some(d("2026-06-01"));
    let mut late = cert(2, "SAP-C02", "2022-01-01");
    late.expires = Some(d("2026-12-31"));
    let mut a = person(1, "Ana");
    a.certifications.push(early);
    let mut b = person(2, "Ben");
    b.certifications.push(late);
    s.people = vec![a, b];
    // Ana's moved expiry has passed; Ben's would have by default (2025-01-01) but was extended.
    assert_eq!(knowledge(&s, "2026-06-30"), [0, 0, 0, 0, 1, 1]);
}

#[test]
fn people_count_only_while_employed() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut p = person(1, "Ana");
    p.certifications.push(cert(1, "SAA-C03", "2025-01-01"));
    p.left_on = Some(d("2026-07-01"));
    s.people = vec![p];
    assert_eq!(knowledge(&s, "2026-06-30")[TECH], 1, "leaves the day after");
    s.people[0].left_on = Some(d("2026-06-30"));
    assert_eq!(knowledge(&s, "2026-06-30")[TECH], 0, "left on the day");
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert!(card.unlinked.is_empty());
}

#[test]
fn unlinked_people_do_not_count_and_are_listed() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut a = person(1, "Ana");
    a.certifications.push(cert(1, "SAP-C02", "2025-01-01"));
    a.accreditations
        .push(acc(2, AccreditationKind::Technical, "2025-01-01"));
    a.linked = false;
    let mut b = person(2, "Ben");
    b.certifications.push(cert(3, "CLF-C02", "2025-01-01"));
    b.linked = false;
    b.left_on = Some(d("2026-01-01"));
    let mut c = person(3, "Cy");
    c.certifications.push(cert(4, "SAA-C03", "2025-01-01"));
    s.people = vec![a, b, c];
    assert_eq!(knowledge(&s, "2026-06-30"), [0, 0, 0, 0, 1, 0]);
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert_eq!(card.unlinked, vec![1], "only employed unlinked holders");
}

#[test]
fn one_person_with_certifications_of_every_level_counts_once_per_row() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut p = person(1, "Ana");
    for (i, exam) in [
        "CLF-C02", "AIF-C01", "SAA-C03", "DVA-C02", "SAP-C02", "ANS-C01",
    ]
    .iter()
    .enumerate()
    {
        p.certifications
            .push(cert(i as u64 + 1, exam, "2025-01-01"));
    }
    s.people = vec![p];
    assert_eq!(knowledge(&s, "2026-06-30"), [0, 0, 0, 1, 1, 1]);
}

#[test]
fn higher_certification_implies_foundational_only_by_setting() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut p = person(1, "Ana");
    p.certifications.push(cert(1, "saa-c03", "2025-01-01"));
    let mut q = person(2, "Ben");
    q.certifications
        .push(cert(2, "AWS Certified Cloud Practitioner", "2025-01-01"));
    s.people = vec![p, q];
    assert_eq!(knowledge(&s, "2026-06-30"), [0, 0, 0, 1, 1, 0]);
    s.profile.settings.higher_implies_foundational = true;
    assert_eq!(knowledge(&s, "2026-06-30"), [0, 0, 0, 2, 1, 0]);
}

#[test]
fn accreditation_kinds_and_expiry() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut both = person(1, "Ana");
    both.accreditations
        .push(acc(1, AccreditationKind::Technical, "2025-01-01"));
    both.accreditations
        .push(acc(2, AccreditationKind::Business, "2025-01-01"));
    let mut econ = person(2, "Ben");
    econ.accreditations
        .push(acc(3, AccreditationKind::CloudEconomics, "2025-01-01"));
    let mut expiring = person(3, "Cy");
    let mut a = acc(4, AccreditationKind::Business, "2025-01-01");
    a.expires = Some(d("2026-07-01"));
    expiring.accreditations.push(a);
    let mut future = person(4, "Di");
    future
        .accreditations
        .push(acc(5, AccreditationKind::Technical, "2026-07-01"));
    s.people = vec![both, econ, expiring, future];
    // total = technical + business: Ana counts in each.
    assert_eq!(knowledge(&s, "2026-06-30"), [3, 1, 2, 0, 0, 0]);
    // Cy's accreditation expires on 2026-07-01; Di's is earned that day.
    assert_eq!(knowledge(&s, "2026-07-01"), [3, 2, 1, 0, 0, 0]);
    // An unlinked Cloud-Economics-only holder would not count even if linked: not listed.
    s.people[1].linked = false;
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert!(card.unlinked.is_empty());
}

#[test]
fn only_launched_opportunities_count() {
    for stage in Stage::ALL {
        let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
        s.opportunities = vec![opp(1, "Acme", stage, "2026-05-01", 700)];
        let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
        let want = i64::from(stage == Stage::Launched);
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            assert_eq!(
                cell(&card, MetricId::LaunchedOpportunities, k).0,
                want,
                "{stage}"
            );
            assert_eq!(
                cell(&card, MetricId::LaunchedMrr, k).0,
                want * 70_000,
                "{stage}"
            );
        }
    }
}

#[test]
fn entries_dated_after_as_of_never_count() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut o = opp(1, "Acme", Stage::Launched, "2026-07-01", 500);
    o.referenceable = true;
    s.opportunities = vec![o];
    s.references = vec![reference(1, "Birch", "2026-07-01")];
    s.csat = vec![csat(1, "Birch", "2026-07-01")];
    s.business_plans = vec![plan(1, "2026-07-01")];
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    for m in &MetricId::ALL[6..] {
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            assert_eq!(cell(&card, *m, k).0, 0, "{m} {k:?}");
        }
    }
    // The same entries count once the as-of date reaches them.
    let card = evaluate(&s, &program(), d("2026-07-01")).expect("scores");
    for m in &MetricId::ALL[6..] {
        assert!(cell(&card, *m, WindowKind::Upgrade).0 > 0, "{m}");
    }
}

#[test]
fn business_plan_inside_and_outside_each_window() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let plan_cells = |s: &apn_scorecard::domain::Store| {
        let card = evaluate(s, &program(), d("2026-06-30")).expect("scores");
        (
            cell(&card, MetricId::BusinessPlan, WindowKind::Renewal).0,
            cell(&card, MetricId::BusinessPlan, WindowKind::Upgrade).0,
        )
    };
    for (day, want) in [
        ("2026-04-01", (1, 1)),
        ("2026-03-31", (0, 1)),
        ("2025-07-01", (0, 1)),
        ("2025-06-30", (0, 0)),
    ] {
        s.business_plans = vec![plan(1, day)];
        assert_eq!(plan_cells(&s), want, "validated {day}");
    }
    // Two validations are still one plan; a draft never counts.
    s.business_plans = vec![plan(1, "2026-05-01"), plan(2, "2026-06-01")];
    assert_eq!(plan_cells(&s), (1, 1));
    s.business_plans[0].validated_on = None;
    s.business_plans.truncate(1);
    assert_eq!(plan_cells(&s), (0, 0));
}

#[test]
fn references_count_distinct_customers_from_case_studies_and_referenceable_launches() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.references = vec![
        reference(1, "Acme", "2026-05-01"),
        reference(2, "  ACME ", "2026-06-01"),
    ];
    let refs = |s: &apn_scorecard::domain::Store| {
        let card = evaluate(s, &program(), d("2026-06-30")).expect("scores");
        (
            cell(&card, MetricId::PublicReferences, WindowKind::Renewal).0,
            cell(&card, MetricId::PublicReferences, WindowKind::Upgrade).0,
        )
    };
    assert_eq!(refs(&s), (1, 1), "one customer, two case studies");
    let mut same = opp(1, "acme", Stage::Launched, "2026-05-05", 100);
    same.referenceable = true;
    let mut other = opp(2, "Birch", Stage::Launched, "2026-02-01", 100);
    other.referenceable = true;
    let plain = opp(3, "Cedar", Stage::Launched, "2026-05-05", 100);
    let mut not_launched = opp(4, "Dune", Stage::Committed, "2026-05-05", 100);
    not_launched.referenceable = true;
    s.opportunities = vec![same, other, plain, not_launched];
    // Acme still once; Birch (launched before the renewal window) only in the upgrade window.
    assert_eq!(refs(&s), (1, 2));
    s.references[0].approved = d("2025-06-30");
    s.references[1].approved = d("2025-06-30");
    s.opportunities[0].referenceable = false;
    assert_eq!(refs(&s), (0, 1), "references outside both windows");
}

#[test]
fn csat_responses_count_in_their_window() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.csat = vec![
        csat(1, "Acme", "2025-06-30"),
        csat(2, "Acme", "2025-07-01"),
        csat(3, "Acme", "2026-04-01"),
        csat(4, "Birch", "2026-06-30"),
    ];
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert_eq!(
        cell(&card, MetricId::CsatResponses, WindowKind::Renewal).0,
        2
    );
    assert_eq!(
        cell(&card, MetricId::CsatResponses, WindowKind::Upgrade).0,
        3
    );
}
