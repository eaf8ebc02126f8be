//! Tiers, targets, editions, overrides, errors and the per-entry predicates.

mod common;

use apn_scorecard::domain::{AccreditationKind, Level, MetricId, Stage, ThresholdOverride, Tier};
use apn_scorecard::scoring::{
    ScoreError, Window, WindowKind, business_plan_counts, csat_counts, evaluate,
    highest_active_level, nearest_expiry, opportunity_counts, person_counts, reference_counts,
    referenceable_opportunity_counts,
};
use common::*;

#[test]
fn registered_tier_requires_nothing_for_renewal() {
    let s = store(Tier::Registered, "2026-01-15", "2026-04-01");
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert_eq!(
        card.target_tier,
        Tier::Select,
        "default target is the tier above"
    );
    for r in &card.metrics {
        assert_eq!((r.renewal.required, r.renewal.met), (0, true), "{}", r.id);
    }
    assert!(card.renewal_met);
    // The upgrade column is compared with Select, and nothing is held.
    let acc = card.row(MetricId::AccreditedTotal).expect("row");
    assert_eq!((acc.upgrade.value, acc.upgrade.required), (0, 4));
    assert!(!card.upgrade_met);
}

#[test]
fn registered_ignores_overrides_for_its_own_tier() {
    let mut s = store(Tier::Registered, "2026-01-15", "2026-04-01");
    s.threshold_overrides.push(ThresholdOverride {
        tier: Tier::Registered,
        metric: MetricId::AccreditedTotal,
        value: 3,
    });
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert!(card.renewal_met);
}

#[test]
fn target_tier_default_explicit_and_premier() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let req = |s: &apn_scorecard::domain::Store| {
        let card = evaluate(s, &program(), d("2026-06-30")).expect("scores");
        let r = card.row(MetricId::CertifiedTechnical).expect("row");
        (card.target_tier, r.renewal.required, r.upgrade.required)
    };
    assert_eq!(req(&s), (Tier::Advanced, 2, 6));
    s.profile.target = Some(Tier::Premier);
    assert_eq!(req(&s), (Tier::Premier, 2, 25));
    s.profile.tier = Tier::Premier;
    s.profile.target = None;
    assert_eq!(req(&s), (Tier::Premier, 25, 25));
}

#[test]
fn services_path_2024_does_not_score_customer_success() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.program = "services-path-2024".into();
    s.csat = vec![csat(1, "Acme", "2026-05-01")];
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    for m in [MetricId::PublicReferences, MetricId::CsatResponses] {
        let r = card.row(m).expect("row");
        assert!(!r.scored, "{m}");
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            assert_eq!((r.cell(k).required, r.cell(k).met), (0, true), "{m}");
        }
    }
    // Still tracked and shown.
    let c = card.row(MetricId::CsatResponses).expect("row");
    assert_eq!(c.renewal.value, 1);
    // The scored rows still decide: nothing else is held.
    assert!(!card.renewal_met);
    let row = card.row(MetricId::LaunchedOpportunities).expect("row");
    assert!(row.scored);
    assert_eq!(row.renewal.required, 3);
}

#[test]
fn a_store_meeting_every_scored_row_meets_the_tier() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    // Override every Select threshold down to 0 except one, then meet that one.
    for m in MetricId::ALL {
        s.threshold_overrides.push(ThresholdOverride {
            tier: Tier::Select,
            metric: m,
            value: 0,
        });
    }
    s.threshold_overrides.push(ThresholdOverride {
        tier: Tier::Select,
        metric: MetricId::LaunchedMrr,
        value: 1_000,
    });
    s.opportunities = vec![opp(1, "Acme", Stage::Launched, "2026-05-01", 999)];
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    let mrr = card.row(MetricId::LaunchedMrr).expect("row");
    assert_eq!((mrr.renewal.value, mrr.renewal.required), (99_900, 100_000));
    assert_eq!(mrr.renewal.short_by, 100);
    assert!(!card.renewal_met);
    s.opportunities[0].mrr = apn_scorecard::domain::Money::from_dollars(1_000);
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    assert!(card.renewal_met);
}

#[test]
fn threshold_override_replaces_one_number_of_one_tier() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.threshold_overrides.push(ThresholdOverride {
        tier: Tier::Select,
        metric: MetricId::AccreditedTotal,
        value: 1,
    });
    let mut p = person(1, "Ana");
    p.accreditations
        .push(acc(1, AccreditationKind::Business, "2025-01-01"));
    s.people = vec![p];
    let card = evaluate(&s, &program(), d("2026-06-30")).expect("scores");
    let r = card.row(MetricId::AccreditedTotal).expect("row");
    assert_eq!((r.renewal.required, r.renewal.met), (1, true));
    assert_eq!(r.upgrade.required, 8, "Advanced is untouched");
    let b = card.row(MetricId::AccreditedBusiness).expect("row");
    assert_eq!(b.renewal.required, 2, "other rows untouched");
}

#[test]
fn unknown_exam_is_an_error_naming_it() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let mut p = person(1, "Ana Lima");
    p.certifications.push(cert(1, "XYZ-C09", "2025-01-01"));
    s.people = vec![p];
    let err = evaluate(&s, &program(), d("2026-06-30")).expect_err("unknown exam");
    assert_eq!(
        err,
        ScoreError::UnknownExam {
            person: "Ana Lima".into(),
            exam: "XYZ-C09".into()
        }
    );
    assert!(err.to_string().contains("XYZ-C09"), "{err}");
    // Unlinked people are checked too: linking them later must not surprise.
    s.people[0].linked = false;
    assert!(evaluate(&s, &program(), d("2026-06-30")).is_err());
    // A long-expired certificate cannot change any number and does not block the scorecard.
    s.people[0].certifications[0].earned = d("2020-01-01");
    assert!(evaluate(&s, &program(), d("2026-06-30")).is_ok());
}

#[test]
fn unknown_edition_is_an_error_naming_it() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.program = "services-path-1999".into();
    let err = evaluate(&s, &program(), d("2026-06-30")).expect_err("unknown edition");
    assert!(err.to_string().contains("services-path-1999"), "{err}");
}

#[test]
fn per_entry_predicates_agree_with_the_counts() {
    let w = Window {
        start: d("2026-04-01"),
        end: d("2026-06-30"),
    };
    let mut o = opp(1, "Acme", Stage::Launched, "2026-04-01", 10);
    assert!(opportunity_counts(&o, w));
    assert!(!referenceable_opportunity_counts(&o, w));
    o.referenceable = true;
    assert!(referenceable_opportunity_counts(&o, w));
    o.launch_date = Some(d("2026-03-31"));
    assert!(!opportunity_counts(&o, w));
    o.launch_date = None;
    assert!(!opportunity_counts(&o, w));
    let o = opp(2, "Acme", Stage::Committed, "2026-05-01", 10);
    assert!(!opportunity_counts(&o, w));
    assert!(reference_counts(&reference(1, "A", "2026-06-30"), w));
    assert!(!reference_counts(&reference(1, "A", "2026-07-01"), w));
    assert!(csat_counts(&csat(1, "A", "2026-04-01"), w));
    assert!(!csat_counts(&csat(1, "A", "2026-03-31"), w));
    assert!(business_plan_counts(&plan(1, "2026-05-01"), w));
    let mut draft = plan(2, "2026-05-01");
    draft.validated_on = None;
    assert!(!business_plan_counts(&draft, w));
}

#[test]
fn person_predicates_level_and_expiry() {
    let catalog = program().catalog;
    let mut p = person(1, "Ana");
    p.certifications.push(cert(1, "CLF-C02", "2025-01-01"));
    p.certifications.push(cert(2, "SAP-C02", "2024-01-01"));
    let mut a = acc(3, AccreditationKind::Technical, "2025-01-01");
    a.expires = Some(d("2026-09-01"));
    p.accreditations.push(a);
    let day = d("2026-06-30");
    assert_eq!(
        highest_active_level(&p, &catalog, day),
        Some(Level::Professional)
    );
    assert_eq!(nearest_expiry(&p, day), Some(d("2026-09-01")));
    assert!(person_counts(&p, &catalog, day));
    // SAP expires 2027-01-01; from then only the Foundational remains.
    assert_eq!(
        highest_active_level(&p, &catalog, d("2027-01-01")),
        Some(Level::Foundational)
    );
    assert_eq!(nearest_expiry(&p, d("2027-01-01")), Some(d("2028-01-01")));
    p.linked = false;
    assert!(!person_counts(&p, &catalog, day), "unlinked");
    p.linked = true;
    p.left_on = Some(day);
    assert!(!person_counts(&p, &catalog, day), "left");
    let mut econ = person(2, "Ben");
    econ.accreditations
        .push(acc(4, AccreditationKind::CloudEconomics, "2025-01-01"));
    assert!(!person_counts(&econ, &catalog, day));
    assert_eq!(highest_active_level(&econ, &catalog, day), None);
}
