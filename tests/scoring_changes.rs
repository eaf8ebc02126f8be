//! `changes_since`: one test per cause of a change; `with_plans`: plans landing by a day.

mod common;

use apn_scorecard::domain::{MetricId, Money, PlannedExam, Stage, Store};
use apn_scorecard::report::wording::change_what;
use apn_scorecard::scoring::{
    ChangeKind, ChangeWhat, Changes, EditedEntry, ExamName, RowMove, WindowKind, changes_since,
    project, with_plans,
};
use common::*;

fn changes(s: &Store, since: &str, as_of: &str) -> Changes {
    changes_since(s, &program(), d(since), d(as_of)).expect("scores")
}

fn kinds(c: &Changes) -> Vec<(ChangeKind, String)> {
    c.items.iter().map(|i| (i.kind, i.who.clone())).collect()
}

/// The catalogue's SAA-C03, as a change item names it.
fn saa_c03() -> ChangeWhat {
    ChangeWhat::Exam(ExamName {
        code: "SAA-C03".into(),
        name: Some("AWS Certified Solutions Architect - Associate".into()),
    })
}

fn moved(c: &Changes, m: MetricId, w: WindowKind) -> Option<(i64, i64)> {
    c.moved
        .iter()
        .find(|r: &&RowMove| r.metric == m && r.window == w)
        .map(|r| (r.before.value, r.after.value))
}

#[test]
fn nothing_happened_means_no_items_and_no_moves() {
    let c = changes(&worked_example(), "2026-07-05", "2026-07-10");
    assert!(c.items.is_empty(), "{:?}", c.items);
    assert!(c.moved.is_empty(), "{:?}", c.moved);
    assert!(c.is_empty());
}

#[test]
fn a_new_certification_names_the_person_and_moves_the_row() {
    let mut s = worked_example();
    let mut zoe = person(9, "Zoe Ng");
    zoe.added = Some(d("2026-07-05"));
    let mut c = cert(90, "SAA-C03", "2026-07-05");
    c.added = Some(d("2026-07-05"));
    zoe.certifications.push(c);
    s.people.push(zoe);
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(
        kinds(&ch),
        vec![
            (ChangeKind::NewCertification, "Zoe Ng".to_string()),
            (ChangeKind::Joined, "Zoe Ng".to_string()),
        ]
    );
    assert_eq!(ch.items[0].what, saa_c03());
    assert_eq!(
        change_what(&ch.items[0].what),
        "SAA-C03 AWS Certified Solutions Architect - Associate"
    );
    assert_eq!(ch.items[0].date, d("2026-07-05"));
    // Knowledge rows move in each window (same value, verdicts against each window's tier).
    // On 07-01 Lee (SAP-C02) and Mia (DVA-C02) hold technical ones.
    for w in [WindowKind::Renewal, WindowKind::Upgrade] {
        assert_eq!(moved(&ch, MetricId::CertifiedTechnical, w), Some((2, 3)));
    }
}

#[test]
fn a_certification_typed_in_late_counts_as_new_and_was_not_there_before() {
    // Earned long ago, recorded in the period: the dashboard last week did not show it.
    let mut s = worked_example();
    let mut c = cert(91, "DBS-C01", "2025-02-02");
    c.added = Some(d("2026-07-06"));
    s.people[1].certifications.push(c);
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(
        kinds(&ch),
        vec![(ChangeKind::NewCertification, "Mia Chen".to_string())]
    );
    assert_eq!(
        moved(&ch, MetricId::CertifiedProSpecialty, WindowKind::Upgrade),
        Some((1, 2))
    );
}

#[test]
fn a_launch_moves_both_windows_and_the_mrr() {
    let mut s = worked_example();
    s.opportunities
        .push(opp(5, "Elm", Stage::Launched, "2026-07-05", 500));
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(kinds(&ch), vec![(ChangeKind::Launched, "Elm".to_string())]);
    assert_eq!(
        ch.items[0].what,
        ChangeWhat::Launch {
            title: String::new(),
            mrr: Money::from_dollars(500),
        }
    );
    assert_eq!(change_what(&ch.items[0].what), "$500 MRR");
    // Renewal from 2026-04-01: Acme. Upgrade from 2025-07-02: Acme and Birch.
    let lo = MetricId::LaunchedOpportunities;
    assert_eq!(moved(&ch, lo, WindowKind::Renewal), Some((1, 2)));
    assert_eq!(moved(&ch, lo, WindowKind::Upgrade), Some((2, 3)));
    assert_eq!(
        moved(&ch, MetricId::LaunchedMrr, WindowKind::Renewal),
        Some((120_000, 170_000))
    );
}

#[test]
fn new_references_and_csat_responses_are_listed() {
    let mut s = worked_example();
    s.references.push(reference(1, "Acme", "2026-07-03"));
    s.references.push(reference(2, "Old Co", "2026-06-01"));
    s.csat.push(csat(1, "Birch", "2026-07-04"));
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(
        kinds(&ch),
        vec![
            (ChangeKind::NewReference, "Acme".to_string()),
            (ChangeKind::NewCsat, "Birch".to_string()),
        ]
    );
    assert_eq!(
        moved(&ch, MetricId::PublicReferences, WindowKind::Upgrade),
        Some((1, 2))
    );
    assert_eq!(
        moved(&ch, MetricId::CsatResponses, WindowKind::Renewal),
        Some((0, 1))
    );
}

#[test]
fn a_person_who_left_is_listed_and_their_rows_fall() {
    let mut s = worked_example();
    s.people[0].left_on = Some(d("2026-07-05"));
    s.people[0].changed = Some(d("2026-07-05"));
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(kinds(&ch), vec![(ChangeKind::Left, "Lee Park".to_string())]);
    assert_eq!(ch.items[0].date, d("2026-07-05"));
    assert_eq!(
        moved(&ch, MetricId::CertifiedProSpecialty, WindowKind::Upgrade),
        Some((1, 0))
    );
    assert_eq!(
        moved(&ch, MetricId::AccreditedTechnical, WindowKind::Renewal),
        Some((1, 0))
    );
}

#[test]
fn an_expiry_in_the_period_is_listed_unless_renewed() {
    // Lee's SAA-C03 of 2023-06-30 stops counting on 2026-06-30.
    let s = worked_example();
    let ch = changes(&s, "2026-06-25", "2026-07-02");
    let expired: Vec<_> = ch.of_kind(ChangeKind::Expired).collect();
    assert_eq!(expired.len(), 1, "{:?}", ch.items);
    assert_eq!(expired[0].who, "Lee Park");
    assert_eq!(expired[0].date, d("2026-06-30"));
    assert_eq!(expired[0].what, saa_c03());

    let mut renewed = worked_example();
    renewed.people[0]
        .certifications
        .push(cert(13, "SAA-C03", "2026-06-20"));
    let ch = changes(&renewed, "2026-06-25", "2026-07-02");
    assert_eq!(ch.of_kind(ChangeKind::Expired).count(), 0, "{:?}", ch.items);
}

#[test]
fn an_edit_in_the_period_is_listed_once_as_edited() {
    let mut s = worked_example();
    s.opportunities[3].changed = Some(d("2026-07-06"));
    s.opportunities[3].mrr = apn_scorecard::domain::Money::from_dollars(3_500);
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(kinds(&ch), vec![(ChangeKind::Edited, "Delta".to_string())]);
    assert_eq!(
        ch.items[0].what,
        ChangeWhat::Edited(EditedEntry::Opportunity {
            stage: Stage::Committed
        })
    );
    assert_eq!(change_what(&ch.items[0].what), "opportunity, now Committed");
}

#[test]
fn a_new_pipeline_opportunity_is_listed_but_moves_nothing() {
    let mut s = worked_example();
    let mut o = opp(6, "Fir", Stage::Qualified, "2026-12-01", 900);
    o.added = Some(d("2026-07-02"));
    s.opportunities.push(o);
    let ch = changes(&s, "2026-07-01", "2026-07-08");
    assert_eq!(
        kinds(&ch),
        vec![(ChangeKind::NewOpportunity, "Fir".to_string())]
    );
    assert!(ch.moved.is_empty(), "{:?}", ch.moved);
}

#[test]
fn an_entry_leaving_the_rolling_year_moves_a_row_without_an_item() {
    // Birch launched 2026-03-31 leaves the rolling 12 months on 2027-03-31; Acme stays.
    let s = worked_example();
    let ch = changes(&s, "2027-03-30", "2027-03-31");
    assert_eq!(
        moved(&ch, MetricId::LaunchedOpportunities, WindowKind::Upgrade),
        Some((2, 1))
    );
    assert!(ch.of_kind(ChangeKind::Launched).next().is_none());
}

fn planned(id: u64, exam: &str, target: &str) -> PlannedExam {
    PlannedExam {
        id,
        exam: exam.into(),
        target: d(target),
        added: None,
        changed: None,
    }
}

#[test]
fn with_plans_counts_exams_and_launches_due_by_the_day() {
    let mut s = worked_example();
    // Mia plans a Pro by 2026-09-01, Lee another one after the day.
    s.people[1]
        .planned_exams
        .push(planned(50, "SAP-C02", "2026-09-01"));
    s.people[0]
        .planned_exams
        .push(planned(51, "DOP-C02", "2026-12-01"));
    // Delta (Committed, expected 2026-05-05) is overdue; add one due and one lost.
    s.opportunities
        .push(opp(7, "Gum", Stage::Prospect, "2026-08-15", 700));
    s.opportunities
        .push(opp(8, "Hazel", Stage::ClosedLost, "2026-08-01", 9_000));
    s.opportunities
        .push(opp(9, "Ivy", Stage::Qualified, "2026-10-15", 100));
    let (as_of, on) = (d("2026-07-10"), d("2026-10-01"));
    let plain = project(&s, &program(), as_of, on).expect("project");
    let plans = with_plans(&s, &program(), as_of, on).expect("plans");
    let v = |sc: &apn_scorecard::scoring::Scorecard, m, k| sc.row(m).expect("row").cell(k).value;
    let (pro, lo, mrr) = (
        MetricId::CertifiedProSpecialty,
        MetricId::LaunchedOpportunities,
        MetricId::LaunchedMrr,
    );
    assert_eq!(v(&plain, pro, WindowKind::Upgrade), 1);
    assert_eq!(v(&plans, pro, WindowKind::Upgrade), 2);
    // Upgrade window 2025-10-02..2026-10-01: Acme, Birch as is; plus Delta and Gum.
    assert_eq!(v(&plain, lo, WindowKind::Upgrade), 2);
    assert_eq!(v(&plans, lo, WindowKind::Upgrade), 4);
    assert_eq!(
        v(&plans, mrr, WindowKind::Upgrade),
        2_000 * 100 + 3_700 * 100
    );
    // Nothing planned (Delta was the only open opportunity): the same as project.
    let mut bare = worked_example();
    bare.opportunities.retain(|o| !o.stage.is_open());
    assert_eq!(
        with_plans(&bare, &program(), as_of, on).expect("plans"),
        project(&bare, &program(), as_of, on).expect("project")
    );
}

#[test]
fn with_plans_ignores_entries_dated_after_as_of_like_project() {
    let mut s = worked_example();
    s.opportunities.retain(|o| !o.stage.is_open());
    // A certification typed in ahead of the day it is earned is not a plan.
    s.people[1]
        .certifications
        .push(cert(60, "SAP-C02", "2026-08-01"));
    let (as_of, on) = (d("2026-07-10"), d("2026-10-01"));
    let plans = with_plans(&s, &program(), as_of, on).expect("plans");
    let plain = project(&s, &program(), as_of, on).expect("project");
    assert_eq!(plans, plain);
    assert_eq!(
        plans
            .row(MetricId::CertifiedProSpecialty)
            .expect("row")
            .upgrade
            .value,
        1
    );
}

#[test]
fn expiry_calendar_counts_by_month_without_leavers_or_renewals() {
    use apn_scorecard::scoring::expiry_calendar;
    let mut s = worked_example();
    // Mia's CLF-C02 of 2025-09-09 expires 2028-09-09: out of range. Add three that lapse soon.
    s.people[1]
        .certifications
        .push(cert(70, "SAA-C03", "2023-08-20")); // 2026-08-20
    s.people[1]
        .certifications
        .push(cert(71, "SOA-C02", "2023-12-01")); // 2026-12-01
    // Lee's SAA-C03 renewal: the old one (2023-06-30) already lapsed; renew DVA early instead.
    s.people[0]
        .certifications
        .push(cert(72, "DVA-C02", "2023-08-02")); // 2026-08-02
    s.people[0]
        .certifications
        .push(cert(73, "DVA-C02", "2026-07-01")); // renewed early
    // A leaver's certification does not lapse for the partner.
    s.people[2].left_on = Some(d("2026-07-15"));
    s.people[2]
        .certifications
        .push(cert(74, "SAA-C03", "2023-08-25"));
    let cal = expiry_calendar(&s, d("2026-07-10"), 12);
    assert_eq!(cal.len(), 12);
    assert_eq!(cal[0].month, d("2026-07-01"));
    assert_eq!(cal[11].month, d("2027-06-01"));
    let counts: Vec<usize> = cal.iter().map(|m| m.expiries.len()).collect();
    // Aug: Mia's SAA-C03; Dec: Mia's SOA-C02; Feb 2027: Lee's SAP-C02 (2024-02-01).
    assert_eq!(counts, [0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
    assert_eq!(cal[1].expiries[0].who, "Mia Chen");
    assert_eq!(cal[1].expiries[0].date, d("2026-08-20"));
    assert_eq!(cal[7].expiries[0].exam, "SAP-C02");
}
