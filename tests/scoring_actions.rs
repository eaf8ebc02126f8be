//! Next actions: how much is missing and who could close it (as data), and how the report words
//! it (`report::wording::action_line`).

mod common;

use apn_scorecard::domain::{MetricId, Money, Stage, Store, Tier};
use apn_scorecard::report::wording::action_line;
use apn_scorecard::scoring::{
    Ask, NextAction, Pipeline, Purpose, WindowKind, evaluate, next_actions,
};
use common::*;

fn actions(s: &Store, as_of: &str) -> Vec<NextAction> {
    let p = program();
    let card = evaluate(s, &p, d(as_of)).expect("scores");
    next_actions(s, &p, &card)
}

fn texts(s: &Store, as_of: &str) -> Vec<String> {
    actions(s, as_of).iter().map(action_line).collect()
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
        renewal[5].ask,
        Ask::Launch {
            launches: 2,
            mrr: 30_000,
            purpose: Purpose::Keep(Tier::Select),
            pipeline: Pipeline::Committed {
                count: 2,
                worth: Money::from_dollars(3_100),
                enough: true,
            },
        }
    );
    assert_eq!(
        action_line(renewal[5]),
        "2 more launched opportunities and $300 more MRR to keep Select: \
         2 Committed opportunities worth $3,100 could close it"
    );
    assert_eq!(renewal[5].missing, 2);
    assert_eq!(
        renewal[4].ask,
        Ask::Knowledge {
            metric: CertifiedTechnical,
            missing: 1,
            purpose: Purpose::Keep(Tier::Select),
            one_step: vec!["Mia Chen".to_string()],
            unlinked: vec!["Oli Haas".to_string()],
        }
    );
    assert_eq!(
        action_line(renewal[4]),
        "1 more technically certified individual to keep Select: 1 person holds only a \
         Foundational certification (Mia Chen); linking Oli Haas would count"
    );
    let texts: Vec<String> = all.iter().map(action_line).collect();
    assert!(
        texts.contains(
            &"18 more launched opportunities and $8,000 more MRR to reach Advanced: \
          2 Committed opportunities worth $3,100 would close part of it"
                .to_string()
        )
    );
    assert!(
        texts.contains(
            &"2 more public customer references to reach Advanced: 2 customers launched in the \
          window could publish one (Acme, Birch)"
                .to_string()
        )
    );
    assert_eq!(
        all.last().map(|a| &a.ask),
        Some(&Ask::Unlinked {
            count: 1,
            names: vec!["Oli Haas".to_string()],
        })
    );
    assert_eq!(
        texts.last().map(String::as_str),
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
        action_line(a),
        "2 more Pro/Specialty-certified individuals to reach Advanced: 3 people hold an \
         Associate and no Pro (Ana, Ben, Cy)"
    );
}

/// Certified people named `names`, not linked to the partner in Partner Central.
fn add_unlinked(s: &mut Store, names: &[&str]) {
    for (i, name) in names.iter().enumerate() {
        let mut p = person(i as u64 + 1, name);
        p.certifications
            .push(cert(i as u64 + 10, "CLF-C02", "2025-01-01"));
        p.linked = false;
        s.people.push(p);
    }
}

#[test]
fn mrr_alone_and_unlinked_plural() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.opportunities = (1..=3)
        .map(|i| opp(i, "Acme", Stage::Launched, "2026-05-01", 100))
        .collect();
    add_unlinked(&mut s, &["Ana", "Ben"]);
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

#[test]
fn csat_asks_each_launched_customer_once_and_the_sentence_names_five() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.target = Some(Tier::Select);
    let names = ["Acme", "Birch", "Cedar", "Delta", "Elm", "Fir", "Gum"];
    s.opportunities = names
        .iter()
        .enumerate()
        .map(|(i, n)| opp(i as u64 + 1, n, Stage::Launched, "2026-05-01", 100))
        .collect();
    // The same customer launched twice, typed differently: asked once.
    s.opportunities
        .push(opp(20, " acme ", Stage::Launched, "2026-05-02", 100));
    let all = actions(&s, "2026-06-30");
    let csat = |k: WindowKind| {
        all.iter()
            .find(|a| a.metric == Some(MetricId::CsatResponses) && a.window == Some(k))
            .expect("CSAT is short")
    };
    let renewal = csat(WindowKind::Renewal);
    assert_eq!(
        renewal.ask,
        Ask::Csat {
            missing: 5,
            purpose: Purpose::Keep(Tier::Select),
            customers: names.iter().map(|n| n.to_string()).collect(),
        }
    );
    assert_eq!(
        action_line(renewal),
        "5 more customer satisfaction responses to keep Select: ask 7 customers launched in the \
         window to \"Rate the Partner\" (Acme, Birch, Cedar, Delta, Elm and 2 more)"
    );
    // The target is the current tier: the upgrade column is about holding it.
    let upgrade = csat(WindowKind::Upgrade);
    assert!(
        action_line(upgrade).starts_with(
            "5 more customer satisfaction responses for Select over 12 months: ask 7 customers"
        ),
        "{}",
        action_line(upgrade)
    );
}

#[test]
fn an_open_pipeline_without_committed_opportunities_is_counted() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.opportunities = (1..=3)
        .map(|i| opp(i, "Acme", Stage::Launched, "2026-05-01", 100))
        .collect();
    s.opportunities
        .push(opp(4, "Birch", Stage::Qualified, "2026-09-01", 500));
    let all = actions(&s, "2026-06-30");
    let a = all
        .iter()
        .find(|a| a.metric == Some(MetricId::LaunchedMrr) && a.window == Some(WindowKind::Renewal))
        .expect("MRR is short");
    assert_eq!(
        a.ask,
        Ask::Launch {
            launches: 0,
            mrr: 120_000,
            purpose: Purpose::Keep(Tier::Select),
            pipeline: Pipeline::Open {
                count: 1,
                worth: Money::from_dollars(500),
            },
        }
    );
    assert_eq!(
        action_line(a),
        "$1,200 more MRR to keep Select: 1 open opportunity worth $500 is in the pipeline"
    );
}

#[test]
fn rows_at_risk_say_which_column_unless_both_fall_alike() {
    // Renewal window from the review (2026-01-15); it restarts on the anniversary 2026-07-15.
    let mut s = store(Tier::Select, "2026-01-15", "2025-07-15");
    s.profile.target = Some(Tier::Select);
    s.opportunities = (1..=3)
        .map(|i| opp(i, "Acme", Stage::Launched, "2026-02-01", 600))
        .collect();
    // Two technical certifications; one stops counting on 2026-08-01.
    for (i, (name, earned)) in [("Ana", "2023-08-01"), ("Ben", "2025-01-01")]
        .iter()
        .enumerate()
    {
        let mut p = person(i as u64 + 1, name);
        p.certifications
            .push(cert(i as u64 + 10, "SAA-C03", earned));
        s.people.push(p);
    }
    let all = actions(&s, "2026-06-30");
    let risk = |m: MetricId| {
        all.iter()
            .find(|a| a.metric == Some(m) && matches!(a.ask, Ask::AtRisk { .. }))
            .unwrap_or_else(|| panic!("{m:?} at risk in {all:?}"))
    };
    let mrr = risk(MetricId::LaunchedMrr);
    assert_eq!(mrr.window, Some(WindowKind::Renewal));
    assert_eq!(
        mrr.ask,
        Ask::AtRisk {
            metric: MetricId::LaunchedMrr,
            purpose: Some(Purpose::Keep(Tier::Select)),
            required: 150_000,
            on: d("2026-07-15"),
        }
    );
    assert_eq!(
        action_line(mrr),
        "Launched opportunities MRR to keep Select falls below $1,500 on 2026-07-15 if nothing \
         is added"
    );
    let tech = risk(MetricId::CertifiedTechnical);
    assert_eq!(tech.window, None, "both columns alike: one action");
    assert_eq!(
        action_line(tech),
        "AWS Technical Certified Individuals falls below 2 on 2026-08-01 if nothing is added"
    );
    // Earliest first.
    let days: Vec<_> = all
        .iter()
        .filter_map(|a| match a.ask {
            Ask::AtRisk { on, .. } => Some(on),
            _ => None,
        })
        .collect();
    assert!(days.is_sorted(), "{days:?}");
}

#[test]
fn unlinked_people_beyond_five_are_counted_not_named() {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    let names = ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay"];
    add_unlinked(&mut s, &names);
    let all = actions(&s, "2026-06-30");
    let last = all.last().expect("the unlinked warning");
    assert_eq!((last.window, last.metric, last.missing), (None, None, 0));
    assert_eq!(
        last.ask,
        Ask::Unlinked {
            count: 6,
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    );
    assert_eq!(
        action_line(last),
        "6 people hold certifications that AWS does not credit yet (not linked): Ana, Ben, Cy, \
         Dee, Eve and 1 more"
    );
}
