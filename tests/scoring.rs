//! The scoring rules of DOMAIN.md, one test per rule: breaking a rule fails a test here.

mod common;

use apn_scorecard::domain::{MetricId, Tier};
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
