//! The CSV import resolves exam names with the catalogue's matcher: words in any order, no
//! dashes, the version current on the earned date, and a vague name refused with the choices.

use apn_scorecard::domain::{Profile, Settings, Store, Tier};
use apn_scorecard::import::{self, ImportKind};
use apn_scorecard::scoring::Program;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn empty() -> Store {
    Store::new(Profile {
        partner: "P".into(),
        tier: Tier::Select,
        target: None,
        program: "services-path-2023".into(),
        last_tier_review: d("2026-01-15"),
        apn_renewal: d("2026-04-01"),
        tier_history: Vec::new(),
        settings: Settings::default(),
    })
}

fn imported_exams(csv: &str) -> Vec<(String, NaiveDate)> {
    let catalog = Program::embedded().expect("assets").catalog;
    let mut store = empty();
    let plan = import::plan(
        &store,
        csv,
        ImportKind::Certifications,
        &catalog,
        d("2026-11-26"),
    )
    .unwrap_or_else(|bad| panic!("{bad:?}"));
    import::apply(&mut store, &plan);
    let mut out: Vec<(String, NaiveDate)> = store
        .people
        .iter()
        .flat_map(|p| p.certifications.iter().map(|c| (c.exam.clone(), c.earned)))
        .collect();
    out.sort_by_key(|x| x.1);
    out
}

#[test]
fn names_resolve_to_the_version_taken_on_the_earned_day() {
    let csv = "name,email,exam,earned\n\
               Ada,ada@x.org,cloud practitioner,2022-05-01\n\
               Bo,bo@x.org,Cloud Practitioner,2024-05-01\n\
               Cy,cy@x.org,solutions architect associate,2022-08-29\n\
               Di,di@x.org,Associate Architect Solutions,2022-08-30\n\
               Ed,ed@x.org,AWS Certified SysOps Administrator - Associate,2025-10-02\n\
               Fa,fa@x.org,security specialty,2025-12-01\n";
    assert_eq!(
        imported_exams(csv),
        [
            ("CLF-C01".to_string(), d("2022-05-01")),
            ("SAA-C02".to_string(), d("2022-08-29")),
            ("SAA-C03".to_string(), d("2022-08-30")),
            ("CLF-C02".to_string(), d("2024-05-01")),
            // Renamed on 2025-09-30: the old name still finds the version then on offer.
            ("SOA-C03".to_string(), d("2025-10-02")),
            ("SCS-C02".to_string(), d("2025-12-01")),
        ]
    );
}

#[test]
fn a_vague_name_is_a_bad_row_naming_the_choices() {
    let catalog = Program::embedded().expect("assets").catalog;
    let csv = "name,email,exam,earned\nAda,ada@x.org,solutions architect,2024-05-01\n\
               Bo,bo@x.org,basket weaving,2024-05-01\n";
    let bad = import::plan(
        &empty(),
        csv,
        ImportKind::Certifications,
        &catalog,
        d("2026-11-26"),
    )
    .expect_err("vague and unknown names");
    let shown: Vec<String> = bad.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 2, column exam: exam 'solutions architect' could be SAA-C03 or SAP-C02: write more of the name, or the code",
            "line 3, column exam: unknown exam 'basket weaving'",
        ]
    );
}
