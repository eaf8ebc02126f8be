//! Next actions: how much is missing and who could close it.

mod common;

use apn_scorecard::domain::{MetricId, Stage, Store, Tier};
use apn_scorecard::scoring::{NextAction, WindowKind, evaluate, next_actions};
use common::*;

fn actions(s: &Store, as_of: &str) -> Vec<NextAction> {
    let p = program();
    let card = evaluate(s, &p, d(as_of)).expect("scores");
    next_actions(s, &p, &card)
}

fn texts(s: &Store, as_of: &str) -> Vec<String> {
    actions(s, as_of).into_iter().map(|a| a.text).collect()
}

#[test]
fn worked_example_actions_name_the_gap_and_the_people() {
    let mut s = worked_example();
    s.opportunities
        .push(opp(5, "Elm", Stage::Committed, "2026-08-01", 100));
    let all = actions(&s, "2026-06-30");
    let renewal: Vec<&NextAction> = all
        .iter()
        .filter(|a| a.window == Some(WindowKind::Renewal))
        .collect();
    // Renewal comes first, in row order; MRR is merged into the launched sentence.
    let ids: Vec<MetricId> = renewal.iter().filter_map(|a| a.metric).collect();
    use MetricId::*;
    assert_eq!(
        ids,
        vec![
            AccreditedTotal,
            AccreditedTechnical,
            AccreditedBusiness,
            CertifiedFoundational,
            CertifiedTechnical,
            LaunchedOpportunities,
            PublicReferences,
            CsatResponses
        ]
    );
    assert_eq!(all[0].window, Some(WindowKind::Renewal));
    assert_eq!(
        renewal[5].text,
        "2 more launched opportunities and $300 more MRR to keep Select: \
         2 Committed opportunities worth $3,100 could close it"
    );
    assert_eq!(renewal[5].missing, 2);
    assert_eq!(
        renewal[4].text,
        "1 more technically certified individual to keep Select: 1 person holds only a \
         Foundational certification (Mia Chen); linking Oli Haas would count"
    );
    let texts: Vec<&str> = all.iter().map(|a| a.text.as_str()).collect();
    assert!(texts.contains(
        &"18 more launched opportunities and $8,000 more MRR to reach Advanced: \
          2 Committed opportunities worth $3,100 would close part of it"
    ));
    assert!(texts.contains(
        &"2 more public customer references to reach Advanced: 2 customers launched in the \
          window could publish one (Acme, Birch)"
    ));
    assert_eq!(
        all.last().map(|a| a.text.as_str()),
        Some("1 person holds certifications that AWS does not credit yet (not linked): Oli Haas")
    );
    // Met rows get no action.
    assert!(!all.iter().any(|a| a.metric == Some(BusinessPlan)));
}

#[test]
fn pro_specialty_gap_names_associate_holders() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.target = Some(Tier::Advanced);
    for (i, name) in ["Ana", "Ben", "Cy"].iter().enumerate() {
        let mut p = person(i as u64 + 1, name);
        p.certifications
            .push(cert(i as u64 + 10, "SAA-C03", "2025-01-01"));
        s.people.push(p);
    }
    let mut pro = person(9, "Dee");
    pro.certifications.push(cert(20, "SAP-C02", "2025-01-01"));
    s.people.push(pro);
    let all = actions(&s, "2026-06-30");
    let a = all
        .iter()
        .find(|a| a.metric == Some(MetricId::CertifiedProSpecialty))
        .expect("pro/specialty is short for Advanced");
    assert_eq!(a.missing, 2);
    assert_eq!(
        a.text,
        "2 more Pro/Specialty-certified individuals to reach Advanced: 3 people hold an \
         Associate and no Pro (Ana, Ben, Cy)"
    );
}

#[test]
fn mrr_alone_and_unlinked_plural() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.opportunities = (1..=3)
        .map(|i| opp(i, "Acme", Stage::Launched, "2026-05-01", 100))
        .collect();
    for (i, name) in ["Ana", "Ben"].iter().enumerate() {
        let mut p = person(i as u64 + 1, name);
        p.certifications
            .push(cert(i as u64 + 10, "CLF-C02", "2025-01-01"));
        p.linked = false;
        s.people.push(p);
    }
    let t = texts(&s, "2026-06-30");
    assert!(
        t.contains(
            &"$1,200 more MRR to keep Select: no open opportunities in the pipeline".to_string()
        ),
        "{t:?}"
    );
    assert!(
        t.contains(
            &"2 people hold certifications that AWS does not credit yet (not linked): Ana, Ben"
                .to_string()
        ),
        "{t:?}"
    );
}

#[test]
fn business_plan_about_to_lapse_says_when_to_revalidate() {
    let mut s = store(Tier::Advanced, "2025-06-01", "2025-06-01");
    s.profile.target = Some(Tier::Advanced);
    s.business_plans = vec![plan(1, "2025-07-01")];
    let t = texts(&s, "2026-06-15");
    assert!(
        t.contains(&"re-validate the business plan before 2026-07-01".to_string()),
        "{t:?}"
    );
    // Once lapsed, the action asks for a validation and says when the last one was.
    let t = texts(&s, "2026-07-01");
    assert!(
        t.contains(
            &"validate the business plan with the AWS partner development contact to keep \
              Advanced (last validated 2025-07-01)"
                .to_string()
        ),
        "{t:?}"
    );
}

#[test]
fn a_partner_meeting_everything_gets_no_actions() {
    let s = store(Tier::Registered, "2026-01-15", "2026-04-01");
    let mut s2 = s.clone();
    s2.profile.target = Some(Tier::Registered);
    assert!(texts(&s2, "2026-06-30").is_empty());
    // With the default target (Select) there is work to do.
    assert!(!texts(&s, "2026-06-30").is_empty());
}
