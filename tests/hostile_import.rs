//! Random CSV into every import: never a panic; either a plan or bad rows with line and column;
//! an accepted plan leaves a store without problems.

use apn_scorecard::import::{self, ImportKind};
use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use proptest::prelude::*;

fn headers(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Certifications => "name,email,exam,earned,expires,linked,left_on",
        ImportKind::Accreditations => "name,email,accreditation,earned",
        ImportKind::Opportunities => {
            "Opportunity Id,Customer Company Name,Partner Project Title,Stage,Estimated AWS Monthly Recurring Revenue,Target Close Date(MM/DD/YYYY),Launch Date"
        }
        ImportKind::References => "customer,date,title,url",
        ImportKind::Csat => "customer,date,rating,consent,comment",
    }
}

/// Cells that are sometimes valid, often not: dates, money, exams, junk, quotes, unicode.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("2026-02-30".to_string()),
        Just("03/15/2026".to_string()),
        Just("2025-07-01".to_string()),
        Just("SAA-C03".to_string()),
        Just("aws certified cloud practitioner".to_string()),
        Just("Launched".to_string()),
        Just("2,500.50".to_string()),
        Just("-5".to_string()),
        Just("99999999999999999999".to_string()),
        Just("9".to_string()),
        Just("yes".to_string()),
        Just("a@b.c".to_string()),
        Just("technical".to_string()),
        Just("\"quoted, with comma\"".to_string()),
        Just("שלום 🚀 Zoë".to_string()),
        "[a-zA-Z0-9 @.,/-]{0,12}",
    ]
}

fn csv(kind: ImportKind) -> impl Strategy<Value = String> {
    let width = headers(kind).split(',').count();
    prop::collection::vec(prop::collection::vec(cell(), 0..width + 2), 0..12).prop_map(
        move |rows| {
            let mut s = headers(kind).to_string();
            for r in rows {
                s.push('\n');
                s.push_str(&r.join(","));
            }
            s
        },
    )
}

fn kind() -> impl Strategy<Value = ImportKind> {
    prop_oneof![
        Just(ImportKind::Certifications),
        Just(ImportKind::Accreditations),
        Just(ImportKind::Opportunities),
        Just(ImportKind::References),
        Just(ImportKind::Csat),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_rows_never_panic(k in kind(), text in kind().prop_flat_map(csv), raw in ".{0,200}") {
        let today = "2026-11-26".parse().expect("date");
        let program = Program::embedded().expect("program");
        let mut s = apn_scorecard::assets::demo_store(today).expect("demo");
        for t in [text.as_str(), raw.as_str()] {
            match import::plan(&s, t, k, &program.catalog, today) {
                Ok(plan) => {
                    import::apply(&mut s, &plan);
                    prop_assert!(store::check(&s, &program).is_empty(), "{:?}", store::check(&s, &program));
                }
                Err(bad) => {
                    prop_assert!(!bad.is_empty());
                    for b in &bad {
                        prop_assert!(b.to_string().starts_with("line "), "{b}");
                    }
                }
            }
            let _ = import::plan_skipping_bad(&s, t, k, &program.catalog, today);
        }
    }
}
