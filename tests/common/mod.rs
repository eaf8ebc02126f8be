//! Builders shared by the scoring tests.
#![allow(dead_code)]

use apn_scorecard::domain::{
    Accreditation, AccreditationKind, BusinessPlan, Certification, CsatResponse, Money,
    Opportunity, Person, Profile, Reference, Settings, Stage, Store, Tier,
};
use apn_scorecard::scoring::Program;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub fn program() -> Program {
    Program::embedded().expect("embedded assets parse")
}

pub fn profile(tier: Tier, review: &str, renewal: &str) -> Profile {
    Profile {
        partner: "Example Partner".into(),
        tier,
        target: None,
        program: "services-path-2023".into(),
        last_tier_review: d(review),
        apn_renewal: d(renewal),
        tier_history: Vec::new(),
        settings: Settings::default(),
    }
}

pub fn store(tier: Tier, review: &str, renewal: &str) -> Store {
    Store::new(profile(tier, review, renewal))
}

pub fn person(id: u64, name: &str) -> Person {
    Person::new(id, name)
}

pub fn cert(id: u64, exam: &str, earned: &str) -> Certification {
    Certification {
        id,
        exam: exam.into(),
        earned: d(earned),
        expires: None,
        added: None,
        changed: None,
    }
}

pub fn acc(id: u64, kind: AccreditationKind, earned: &str) -> Accreditation {
    Accreditation {
        id,
        kind,
        earned: d(earned),
        expires: None,
        added: None,
        changed: None,
    }
}

pub fn opp(id: u64, customer: &str, stage: Stage, launch: &str, dollars: i64) -> Opportunity {
    Opportunity {
        id,
        ace_id: format!("O{id}"),
        customer: customer.into(),
        title: String::new(),
        stage,
        mrr: Money::from_dollars(dollars),
        launch_date: Some(d(launch)),
        referenceable: false,
        added: None,
        changed: None,
    }
}

pub fn plan(id: u64, validated: &str) -> BusinessPlan {
    BusinessPlan {
        id,
        objectives: String::new(),
        validated_on: Some(d(validated)),
        validated_by: "PDM".into(),
        added: None,
        changed: None,
    }
}

pub fn reference(id: u64, customer: &str, approved: &str) -> Reference {
    Reference {
        id,
        customer: customer.into(),
        title: String::new(),
        url: String::new(),
        approved: d(approved),
        added: None,
        changed: None,
    }
}

pub fn csat(id: u64, customer: &str, date: &str) -> CsatResponse {
    CsatResponse {
        id,
        customer: customer.into(),
        date: d(date),
        rating: 5,
        consent: true,
        comment: String::new(),
        added: None,
        changed: None,
    }
}

/// DOMAIN.md's worked example, exactly.
pub fn worked_example() -> Store {
    let mut s = store(Tier::Select, "2026-01-15", "2026-04-01");
    s.profile.target = Some(Tier::Advanced);
    let mut lee = person(1, "Lee Park");
    lee.certifications.push(cert(10, "SAA-C03", "2023-06-30"));
    lee.certifications.push(cert(11, "SAP-C02", "2024-02-01"));
    lee.accreditations
        .push(acc(12, AccreditationKind::Technical, "2024-01-01"));
    let mut mia = person(2, "Mia Chen");
    mia.certifications.push(cert(20, "CLF-C02", "2025-09-09"));
    mia.certifications.push(cert(21, "DVA-C02", "2026-07-01"));
    mia.accreditations
        .push(acc(22, AccreditationKind::Business, "2025-10-10"));
    let mut noa = person(3, "Noa Berg");
    noa.certifications.push(cert(30, "SAA-C03", "2025-01-01"));
    noa.left_on = Some(d("2026-06-30"));
    let mut oli = person(4, "Oli Haas");
    oli.certifications.push(cert(40, "ANS-C01", "2025-05-05"));
    oli.linked = false;
    s.people = vec![lee, mia, noa, oli];
    s.opportunities = vec![
        opp(1, "Acme", Stage::Launched, "2026-04-01", 1_200),
        opp(2, "Birch", Stage::Launched, "2026-03-31", 800),
        opp(3, "Cedar", Stage::Launched, "2025-06-30", 5_000),
        opp(4, "Delta", Stage::Committed, "2026-05-05", 3_000),
    ];
    s.business_plans = vec![plan(1, "2026-02-01")];
    s
}
