//! Properties of the engine over generated stores.

mod common;

use apn_scorecard::domain::{
    Accreditation, AccreditationKind, Certification, Money, Person, Stage, Store, Tier,
};
use apn_scorecard::scoring::{Scorecard, WindowKind, evaluate, forecast, project};
use chrono::{Days, NaiveDate};
use common::*;
use proptest::prelude::*;

const EXAMS: [&str; 6] = [
    "CLF-C02", "SAA-C03", "DVA-C02", "SAP-C02", "ANS-C01", "aif-c01",
];
const CUSTOMERS: [&str; 4] = ["Acme", "acme ", "Birch", "Cedar"];

fn day(n: u32) -> NaiveDate {
    d("2023-01-01") + Days::new(u64::from(n))
}

fn arb_cert() -> impl Strategy<Value = Certification> {
    (0..EXAMS.len(), 0u32..1400, prop::option::of(100u32..1500)).prop_map(|(e, earned, exp)| {
        Certification {
            id: 0,
            exam: EXAMS[e].into(),
            earned: day(earned),
            expires: exp.map(|x| day(earned + x)),
            added: None,
            changed: None,
        }
    })
}

fn arb_acc() -> impl Strategy<Value = Accreditation> {
    (0..3usize, 0u32..1400, prop::option::of(30u32..900)).prop_map(|(k, earned, exp)| {
        Accreditation {
            id: 0,
            kind: AccreditationKind::ALL[k],
            earned: day(earned),
            expires: exp.map(|x| day(earned + x)),
            added: None,
            changed: None,
        }
    })
}

fn arb_person() -> impl Strategy<Value = Person> {
    (
        prop::collection::vec(arb_cert(), 0..4),
        prop::collection::vec(arb_acc(), 0..3),
        prop::option::of(0u32..1600),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(certs, accs, left, linked)| {
            let mut p = Person::new(0, "P");
            p.certifications = certs;
            p.accreditations = accs;
            p.left_on = left.map(day);
            p.linked = linked;
            p
        })
}

fn arb_store() -> impl Strategy<Value = Store> {
    (
        prop::collection::vec(arb_person(), 0..7),
        prop::collection::vec(
            (
                0..7usize,
                0u32..1500,
                0i64..3000,
                any::<bool>(),
                0..CUSTOMERS.len(),
            ),
            0..10,
        ),
        prop::collection::vec((0..CUSTOMERS.len(), 0u32..1500), 0..4),
        prop::collection::vec((0..CUSTOMERS.len(), 0u32..1500), 0..6),
        prop::collection::vec(0u32..1500, 0..3),
        (0u32..1500, 0u32..1500, any::<bool>()),
    )
        .prop_map(
            |(people, opps, refs, csats, plans, (review, renewal, high))| {
                let mut s = store(Tier::Select, "2024-01-01", "2024-01-01");
                s.profile.last_tier_review = day(review);
                s.profile.apn_renewal = day(renewal);
                s.profile.settings.higher_implies_foundational = high;
                s.profile.settings.horizon_days = 120;
                s.people = people
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut p)| {
                        p.id = i as u64 + 1;
                        p.name = format!("Person {i}");
                        p
                    })
                    .collect();
                s.opportunities = opps
                    .into_iter()
                    .enumerate()
                    .map(|(i, (st, l, mrr, r, c))| {
                        let mut o =
                            opp(i as u64 + 1, CUSTOMERS[c], Stage::ALL[st], "2024-01-01", 0);
                        o.launch_date = Some(day(l));
                        o.mrr = Money(mrr * 100);
                        o.referenceable = r;
                        o
                    })
                    .collect();
                s.references = refs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (c, a))| {
                        let mut r = reference(i as u64 + 1, CUSTOMERS[c], "2024-01-01");
                        r.approved = day(a);
                        r
                    })
                    .collect();
                s.csat = csats
                    .into_iter()
                    .enumerate()
                    .map(|(i, (c, a))| {
                        let mut x = csat(i as u64 + 1, CUSTOMERS[c], "2024-01-01");
                        x.date = day(a);
                        x
                    })
                    .collect();
                s.business_plans = plans
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let mut b = plan(i as u64 + 1, "2024-01-01");
                        b.validated_on = Some(day(v));
                        b
                    })
                    .collect();
                s
            },
        )
}

fn values(c: &Scorecard, k: WindowKind) -> Vec<i64> {
    c.metrics.iter().map(|r| r.cell(k).value).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_count_is_negative(s in arb_store(), as_of in 300u32..1500) {
        let card = evaluate(&s, &program(), day(as_of)).expect("scores");
        for r in &card.metrics {
            for k in [WindowKind::Renewal, WindowKind::Upgrade] {
                prop_assert!(r.cell(k).value >= 0, "{} {:?}", r.id, k);
                prop_assert!(r.cell(k).short_by >= 0);
                prop_assert_eq!(r.cell(k).met, r.cell(k).short_by == 0);
            }
        }
    }

    #[test]
    fn reordering_entries_changes_nothing(s in arb_store(), as_of in 300u32..1500) {
        let a = evaluate(&s, &program(), day(as_of)).expect("scores");
        let mut r = s.clone();
        r.people.reverse();
        for p in &mut r.people {
            p.certifications.reverse();
            p.accreditations.reverse();
        }
        r.opportunities.reverse();
        r.references.reverse();
        r.csat.reverse();
        r.business_plans.reverse();
        let mut b = evaluate(&r, &program(), day(as_of)).expect("scores");
        b.unlinked.sort_unstable();
        let mut a2 = a.clone();
        a2.unlinked.sort_unstable();
        prop_assert_eq!(a2, b);
    }

    #[test]
    fn moving_an_entry_out_of_a_window_never_raises_its_count(
        s in arb_store(),
        as_of in 300u32..1500,
        pick in 0usize..10,
        after in any::<bool>(),
    ) {
        let p = program();
        let before = evaluate(&s, &p, day(as_of)).expect("scores");
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            let w = before.windows.get(k);
            let out = if after { w.end + Days::new(1) } else { w.start - Days::new(1) };
            let mut m = s.clone();
            if let Some(o) = m.opportunities.get_mut(pick) { o.launch_date = Some(out); }
            if let Some(r) = m.references.get_mut(pick % 4) { r.approved = out; }
            if let Some(c) = m.csat.get_mut(pick % 6) { c.date = out; }
            if let Some(b) = m.business_plans.get_mut(pick % 3) { b.validated_on = Some(out); }
            let moved = evaluate(&m, &p, day(as_of)).expect("scores");
            for (x, y) in values(&moved, k).into_iter().zip(values(&before, k)) {
                prop_assert!(x <= y, "{:?}: {} > {}", k, x, y);
            }
        }
    }

    /// The event-based forecast agrees with re-counting from scratch on the change days.
    #[test]
    fn forecast_agrees_with_a_fresh_count(s in arb_store(), as_of in 300u32..1400) {
        let p = program();
        let as_of = day(as_of);
        let card = evaluate(&s, &p, as_of).expect("scores");
        let f = forecast(&s, &p, as_of, 120).expect("forecast");
        for r in &f {
            if let Some(c) = &r.next_change {
                let on = project(&s, &p, as_of, c.date).expect("projects");
                let prev = project(&s, &p, as_of, c.date - Days::new(1)).expect("projects");
                let cell = |x: &Scorecard| x.row(r.metric).expect("row").cell(r.window).value;
                prop_assert_eq!(cell(&on), c.value, "{} {:?} on {}", r.metric, r.window, c.date);
                prop_assert_eq!(cell(&prev), r.value, "{} {:?} before {}", r.metric, r.window, c.date);
            } else {
                let end = project(&s, &p, as_of, as_of + Days::new(120)).expect("projects");
                prop_assert_eq!(end.row(r.metric).expect("row").cell(r.window).value, r.value);
            }
            let risk = card.row(r.metric).expect("row").cell(r.window).at_risk;
            prop_assert_eq!(risk, r.status_change.as_ref().map(|c| c.date));
        }
    }
}
