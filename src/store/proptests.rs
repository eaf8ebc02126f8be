//! Round trip of generated stores: any text a user can type must survive save and load.

use super::{parse, to_ron};
use crate::domain::*;
use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use std::path::Path;

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2200, 1u32..=366).prop_map(|(y, o)| {
        NaiveDate::from_yo_opt(y, o)
            .or_else(|| NaiveDate::from_yo_opt(y, 365))
            .unwrap_or(NaiveDate::MIN)
    })
}

fn odate() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(date())
}

/// Any Unicode, including quotes, backslashes, control characters and `//`.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z \"\\\\/\n\r\t#()\\[\\],:]{0,12}"]
}

fn money() -> impl Strategy<Value = Money> {
    // Money's parser rejects amounts beyond ±92 trillion dollars; nothing real gets near.
    (-1_000_000_000_000_000i64..1_000_000_000_000_000).prop_map(Money)
}

fn person() -> impl Strategy<Value = Person> {
    let cert = (any::<u64>(), text(), date(), odate(), odate(), odate()).prop_map(
        |(id, exam, earned, expires, added, changed)| Certification {
            id,
            exam,
            earned,
            expires,
            added,
            changed,
        },
    );
    let accr = (
        any::<u64>(),
        select(AccreditationKind::ALL.to_vec()),
        date(),
        odate(),
    )
        .prop_map(|(id, kind, earned, expires)| Accreditation {
            id,
            kind,
            earned,
            expires,
            added: None,
            changed: Some(earned),
        });
    let plan = (any::<u64>(), text(), date()).prop_map(|(id, exam, target)| PlannedExam {
        id,
        exam,
        target,
        added: Some(target),
        changed: None,
    });
    (
        (any::<u64>(), text(), text(), odate(), any::<bool>()),
        vec(cert, 0..3),
        vec(accr, 0..3),
        vec(plan, 0..2),
        (odate(), odate()),
    )
        .prop_map(
            |(
                (id, name, email, left_on, linked),
                certifications,
                accreditations,
                planned,
                (a, c),
            )| {
                Person {
                    id,
                    name,
                    email,
                    left_on,
                    linked,
                    certifications,
                    accreditations,
                    planned_exams: planned,
                    added: a,
                    changed: c,
                }
            },
        )
}

fn opportunity() -> impl Strategy<Value = Opportunity> {
    (
        (any::<u64>(), text(), text(), text()),
        select(Stage::ALL.to_vec()),
        money(),
        odate(),
        any::<bool>(),
    )
        .prop_map(
            |((id, ace_id, customer, title), stage, mrr, launch_date, referenceable)| Opportunity {
                id,
                ace_id,
                customer,
                title,
                stage,
                mrr,
                launch_date,
                referenceable,
                added: launch_date,
                changed: None,
            },
        )
}

fn store() -> impl Strategy<Value = Store> {
    let tier = || select(Tier::ALL.to_vec());
    let profile = (
        (text(), tier(), proptest::option::of(tier()), text()),
        (date(), date()),
        vec(
            (date(), tier(), tier()).prop_map(|(date, from, to)| TierChange { date, from, to }),
            0..3,
        ),
        (any::<u32>(), any::<bool>()),
    )
        .prop_map(
            |((partner, tier, target, program), (review, renewal), tier_history, (h, f))| Profile {
                partner,
                tier,
                target,
                program,
                last_tier_review: review,
                apn_renewal: renewal,
                tier_history,
                settings: Settings {
                    horizon_days: h,
                    higher_implies_foundational: f,
                    eur_usd_rate: None,
                },
            },
        );
    let plan =
        (any::<u64>(), text(), odate(), text()).prop_map(|(id, objectives, v, by)| BusinessPlan {
            id,
            objectives,
            validated_on: v,
            validated_by: by,
            added: None,
            changed: v,
        });
    let reference = (any::<u64>(), text(), text(), text(), date()).prop_map(
        |(id, customer, title, url, approved)| Reference {
            id,
            customer,
            title,
            url,
            approved,
            added: None,
            changed: None,
        },
    );
    let csat = (
        any::<u64>(),
        text(),
        date(),
        any::<u8>(),
        any::<bool>(),
        text(),
    )
        .prop_map(
            |(id, customer, date, rating, consent, comment)| CsatResponse {
                id,
                customer,
                date,
                rating,
                consent,
                comment,
                added: Some(date),
                changed: None,
            },
        );
    let premier = (
        vec(
            (any::<u64>(), text(), odate()).prop_map(|(id, name, achieved)| Competency {
                id,
                name,
                achieved,
            }),
            0..3,
        ),
        odate(),
        odate(),
    )
        .prop_map(|(competencies, ebr, since)| PremierChecklist {
            competencies,
            executive_business_review: ebr,
            sustained_since: since,
        });
    let over =
        (tier(), select(MetricId::ALL.to_vec()), any::<i64>()).prop_map(|(tier, metric, value)| {
            ThresholdOverride {
                tier,
                metric,
                value,
            }
        });
    (
        profile,
        vec(person(), 0..3),
        vec(opportunity(), 0..3),
        vec(plan, 0..3),
        vec(reference, 0..2),
        vec(csat, 0..2),
        premier,
        vec(over, 0..2),
    )
        .prop_map(
            |(profile, people, opportunities, business_plans, references, csat, premier, o)| {
                let mut s = Store {
                    version: CURRENT_VERSION,
                    profile,
                    people,
                    opportunities,
                    business_plans,
                    references,
                    csat,
                    premier,
                    threshold_overrides: o,
                    conflicts: Vec::new(),
                    ace_sync: None,
                };
                // Files are written sorted by id; a round trip compares against that order.
                s.sort_by_id();
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_stores_round_trip_byte_identically(s in store()) {
        let text = to_ron(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = parse(&text, Path::new("gen.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &s);
        let again = to_ron(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, text);
    }
}
