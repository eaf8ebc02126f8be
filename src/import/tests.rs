//! The pure half: `plan` against hand-built stores, then `apply`.

use super::*;
use crate::domain::{Certification, Person, Profile, Settings, Tier};
use crate::scoring::Program;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn catalog() -> Catalog {
    Program::embedded().expect("embedded assets").catalog
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

const TODAY: &str = "2026-11-26";

fn plan_of(store: &Store, kind: ImportKind, csv: &str) -> Result<ImportPlan, Vec<BadRow>> {
    plan(store, csv, kind, &catalog(), d(TODAY))
}

/// Lee, who left on 2026-10-01, is not linked, and holds SAA-C03 (id 5) and an accreditation (id 6).
fn with_lee() -> Store {
    let mut s = empty();
    let mut lee = Person::new(1, "Lee Park");
    lee.email = "Lee@Example.com".into();
    lee.left_on = Some(d("2026-10-01"));
    lee.linked = false;
    lee.certifications.push(Certification {
        id: 5,
        exam: "SAA-C03".into(),
        earned: d("2025-01-10"),
        expires: None,
        added: None,
        changed: None,
    });
    lee.accreditations.push(crate::domain::Accreditation {
        id: 6,
        kind: crate::domain::AccreditationKind::Technical,
        earned: d("2024-01-01"),
        expires: None,
        added: None,
        changed: None,
    });
    s.people.push(lee);
    s
}

#[test]
fn plan_changes_nothing_and_apply_then_replan_is_empty() {
    let store = with_lee();
    let csv = "name,email,exam,earned\nLee Park,lee@example.com,DVA-C02,2026-02-02\nAda,ada@x.org,CLF-C02,2026-03-03\n";
    let p = plan_of(&store, ImportKind::Certifications, csv).expect("good file");
    assert_eq!(store, with_lee(), "plan is read-only");
    assert_eq!(p.count(Entity::Certification, true), 2);
    assert_eq!(p.count(Entity::Person, true), 1);
    let mut after = store.clone();
    apply(&mut after, &p);
    assert_eq!(after.people.len(), 2);
    let again = plan_of(&after, ImportKind::Certifications, csv).expect("good file");
    assert!(
        again.ops.is_empty() && again.changes.is_empty(),
        "{again:?}"
    );
}

#[test]
fn new_holdings_take_ids_unused_across_the_store() {
    let store = with_lee();
    let csv = "name,email,exam,earned\nLee Park,LEE@example.com,DVA-C02,2026-02-02\n";
    let p = plan_of(&store, ImportKind::Certifications, csv).expect("good file");
    let mut after = store.clone();
    apply(&mut after, &p);
    let ids: Vec<u64> = after.people[0]
        .certifications
        .iter()
        .map(|c| c.id)
        .collect();
    // The new one is a fresh random id (see domain::ids): not Lee's 1, 5 or 6.
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], 5);
    assert!(ids[1] >= crate::domain::MIN_NEW_ID, "{ids:?}");
}

#[test]
fn blank_optional_cells_keep_what_the_store_says() {
    let store = with_lee();
    let csv = "name,email,exam,earned,expires,linked,left_on\nLee Park,lee@example.com,SAA-C03,2025-01-10,,,\n";
    let p = plan_of(&store, ImportKind::Certifications, csv).expect("good file");
    assert!(p.ops.is_empty(), "{:?}", p.changes);
    let csv = "name,email,exam,earned,linked\nLee P.,lee@example.com,SAA-C03,2025-01-10,yes\n";
    let p = plan_of(&store, ImportKind::Certifications, csv).expect("good file");
    let mut after = store.clone();
    apply(&mut after, &p);
    let lee = &after.people[0];
    assert_eq!((lee.name.as_str(), lee.linked), ("Lee P.", true));
    assert_eq!(lee.left_on, Some(d("2026-10-01")), "blank left_on kept");
    assert_eq!(lee.changed, Some(d(TODAY)));
}

#[test]
fn every_bad_row_or_only_the_good_ones() {
    let csv = "customer,date,rating\nA,2026-01-01,5\nB,2026-01-02,0\nC,2026-02-29,3\n";
    let bad = plan_of(&empty(), ImportKind::Csat, csv).expect_err("two bad rows");
    let lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
    assert_eq!(lines, vec![3, 4]);
    assert_eq!(
        bad[0].to_string(),
        "line 3, column rating: 0 is not between 1 and 5"
    );
    let p =
        plan_skipping_bad(&empty(), csv, ImportKind::Csat, &catalog(), d(TODAY)).expect("skipping");
    assert_eq!((p.rows, p.ops.len(), p.skipped.len()), (3, 1, 2));
}

#[test]
fn a_new_person_needs_a_name() {
    let csv = "name,email,accreditation,earned\n,ada@x.org,business,2026-01-01\n";
    let bad = plan_of(&empty(), ImportKind::Accreditations, csv).expect_err("no name");
    assert_eq!(bad[0].column.as_deref(), Some("name"));
    // A known email needs none.
    let csv = "name,email,accreditation,earned\n,lee@example.com,business,2026-01-01\n";
    let p = plan_of(&with_lee(), ImportKind::Accreditations, csv).expect("known person");
    assert_eq!(p.count(Entity::Accreditation, true), 1);
}

#[test]
fn repeated_rows_in_one_file_are_one_entry() {
    let csv = "customer,date,title\nAcme,2026-05-01,Case\nACME ,05/01/2026,Case\n";
    let p = plan_of(&empty(), ImportKind::References, csv).expect("good file");
    assert_eq!(p.ops.len(), 1);
    assert_eq!(p.changes.len(), 1);
}

#[test]
fn annual_looking_mrr_is_imported_with_a_warning() {
    let csv = "Opportunity Id,Customer Company Name,Stage,Estimated AWS Monthly Recurring Revenue,Target Close Date\nO1,Acme,Launched,\"120,000\",2026-05-01\n";
    let p = plan_of(&empty(), ImportKind::Opportunities, csv).expect("good file");
    assert_eq!(p.ops.len(), 1);
    assert_eq!(p.warnings.len(), 1);
    assert!(p.warnings[0].contains("line 2: O1 Acme MRR $120,000 looks like an annual figure"));
}
