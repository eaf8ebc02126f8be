//! Editing: which form edits what, applying a saved form to the store, delete, undo and redo.
//! Every confirmed change is saved at once through `persist`.

use super::form::{Field, FieldKind, Form, Value};
use crate::domain::{
    Accreditation, AccreditationKind, BusinessPlan, Certification, CsatResponse, Id, MetricId,
    Opportunity, Person, PlannedExam, Reference, Stage, Store, ThresholdOverride, Tier, TierChange,
};
use chrono::NaiveDate;

/// What a form edits; `None` ids add a new entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Person(Option<Id>),
    Certification { person: Id, id: Option<Id> },
    Accreditation { person: Id, id: Option<Id> },
    PlannedExam { person: Id, id: Option<Id> },
    Opportunity(Option<Id>),
    BusinessPlan(Option<Id>),
    Reference(Option<Id>),
    Csat(Option<Id>),
    Profile,
    Premier,
    Threshold(MetricId),
}

fn d(x: Option<NaiveDate>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

fn yn(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

fn date(optional: bool) -> FieldKind {
    FieldKind::Date { optional }
}

fn tiers() -> Vec<String> {
    Tier::ALL.iter().map(|t| t.label().to_string()).collect()
}

/// The form for a target, filled from the store (or defaults for a new entry).
pub fn form_for(
    store: &Store,
    target: Target,
    today: NaiveDate,
    editions: &[String],
) -> Option<Form> {
    let t = today.to_string();
    let form = match target {
        Target::Person(id) => {
            let p = match id {
                Some(id) => store.person(id)?.clone(),
                None => Person::new(0, ""),
            };
            Form::new(
                if id.is_some() {
                    format!("Edit {}", p.name)
                } else {
                    "Add person".into()
                },
                vec![
                    Field::new("Name", FieldKind::Text, p.name).required(),
                    Field::new("Email", FieldKind::Text, p.email),
                    Field::new("Linked to partner", FieldKind::YesNo, yn(p.linked)),
                    Field::new("Left on", date(true), d(p.left_on)),
                ],
            )
        }
        Target::Certification { person, id } => {
            let p = store.person(person)?;
            let c = id.and_then(|id| p.certifications.iter().find(|c| c.id == id));
            Form::new(
                format!(
                    "{} certification · {}",
                    if c.is_some() { "Edit" } else { "Add" },
                    p.name
                ),
                vec![
                    Field::new(
                        "Exam",
                        FieldKind::Exam,
                        c.map(|c| c.exam.clone()).unwrap_or_default(),
                    )
                    .required(),
                    Field::new(
                        "Earned",
                        date(false),
                        c.map_or(t.clone(), |c| c.earned.to_string()),
                    )
                    .required(),
                    Field::new("Expires", date(true), d(c.and_then(|c| c.expires))),
                ],
            )
        }
        Target::Accreditation { person, id } => {
            let p = store.person(person)?;
            let a = id.and_then(|id| p.accreditations.iter().find(|a| a.id == id));
            Form::new(
                format!(
                    "{} accreditation · {}",
                    if a.is_some() { "Edit" } else { "Add" },
                    p.name
                ),
                vec![
                    Field::new(
                        "Kind",
                        FieldKind::Choice(
                            AccreditationKind::ALL
                                .iter()
                                .map(|k| k.label().to_string())
                                .collect(),
                        ),
                        a.map_or("Technical", |a| a.kind.label()),
                    ),
                    Field::new(
                        "Earned",
                        date(false),
                        a.map_or(t.clone(), |a| a.earned.to_string()),
                    )
                    .required(),
                    Field::new("Expires", date(true), d(a.and_then(|a| a.expires))),
                ],
            )
        }
        Target::PlannedExam { person, id } => {
            let p = store.person(person)?;
            let x = id.and_then(|id| p.planned_exams.iter().find(|x| x.id == id));
            Form::new(
                format!(
                    "{} planned exam · {}",
                    if x.is_some() { "Edit" } else { "Add" },
                    p.name
                ),
                vec![
                    Field::new(
                        "Exam",
                        FieldKind::Exam,
                        x.map(|x| x.exam.clone()).unwrap_or_default(),
                    )
                    .required(),
                    Field::new(
                        "Target date",
                        date(false),
                        x.map_or(String::new(), |x| x.target.to_string()),
                    )
                    .required(),
                ],
            )
        }
        Target::Opportunity(id) => {
            let o = id.and_then(|id| store.opportunities.iter().find(|o| o.id == id));
            Form::new(
                if o.is_some() {
                    "Edit opportunity"
                } else {
                    "Add opportunity"
                },
                vec![
                    Field::new(
                        "Customer",
                        FieldKind::Text,
                        o.map(|o| o.customer.clone()).unwrap_or_default(),
                    )
                    .required(),
                    Field::new(
                        "ACE id",
                        FieldKind::Text,
                        o.map(|o| o.ace_id.clone()).unwrap_or_default(),
                    ),
                    Field::new(
                        "Title",
                        FieldKind::Text,
                        o.map(|o| o.title.clone()).unwrap_or_default(),
                    ),
                    Field::new(
                        "Stage",
                        FieldKind::Choice(
                            Stage::ALL.iter().map(|s| s.label().to_string()).collect(),
                        ),
                        o.map_or("Prospect", |o| o.stage.label()),
                    ),
                    Field::new(
                        "MRR (USD)",
                        FieldKind::Money,
                        o.map_or("0".into(), |o| o.mrr.plain()),
                    ),
                    Field::new("Launch date", date(true), d(o.and_then(|o| o.launch_date))),
                    Field::new(
                        "Public reference",
                        FieldKind::YesNo,
                        yn(o.is_some_and(|o| o.referenceable)),
                    ),
                ],
            )
        }
        Target::BusinessPlan(id) => {
            let b = id.and_then(|id| store.business_plans.iter().find(|b| b.id == id));
            Form::new(
                if b.is_some() {
                    "Edit business plan"
                } else {
                    "Add business plan"
                },
                vec![
                    Field::new(
                        "Objectives",
                        FieldKind::Text,
                        b.map(|b| b.objectives.clone()).unwrap_or_default(),
                    ),
                    Field::new(
                        "Validated on",
                        date(true),
                        b.map_or(t.clone(), |b| d(b.validated_on)),
                    ),
                    Field::new(
                        "Validated by",
                        FieldKind::Text,
                        b.map(|b| b.validated_by.clone()).unwrap_or_default(),
                    ),
                ],
            )
        }
        Target::Reference(id) => {
            let r = id.and_then(|id| store.references.iter().find(|r| r.id == id));
            Form::new(
                if r.is_some() {
                    "Edit reference"
                } else {
                    "Add reference"
                },
                vec![
                    Field::new(
                        "Customer",
                        FieldKind::Text,
                        r.map(|r| r.customer.clone()).unwrap_or_default(),
                    )
                    .required(),
                    Field::new(
                        "Title",
                        FieldKind::Text,
                        r.map(|r| r.title.clone()).unwrap_or_default(),
                    ),
                    Field::new(
                        "URL",
                        FieldKind::Text,
                        r.map(|r| r.url.clone()).unwrap_or_default(),
                    ),
                    Field::new(
                        "Approved",
                        date(false),
                        r.map_or(t.clone(), |r| r.approved.to_string()),
                    )
                    .required(),
                ],
            )
        }
        Target::Csat(id) => {
            let c = id.and_then(|id| store.csat.iter().find(|c| c.id == id));
            Form::new(
                if c.is_some() {
                    "Edit CSAT response"
                } else {
                    "Add CSAT response"
                },
                vec![
                    Field::new(
                        "Customer",
                        FieldKind::Text,
                        c.map(|c| c.customer.clone()).unwrap_or_default(),
                    )
                    .required(),
                    Field::new(
                        "Date",
                        date(false),
                        c.map_or(t.clone(), |c| c.date.to_string()),
                    )
                    .required(),
                    Field::new(
                        "Rating (1-5)",
                        FieldKind::Number { min: 1, max: 5 },
                        c.map_or("5".into(), |c| c.rating.to_string()),
                    )
                    .required(),
                    Field::new(
                        "Consent to share",
                        FieldKind::YesNo,
                        yn(c.is_some_and(|c| c.consent)),
                    ),
                    Field::new(
                        "Comment",
                        FieldKind::Text,
                        c.map(|c| c.comment.clone()).unwrap_or_default(),
                    ),
                ],
            )
        }
        Target::Profile => {
            let p = &store.profile;
            let mut targets = vec!["Next tier".to_string()];
            targets.extend(tiers());
            Form::new(
                "Edit partner profile",
                vec![
                    Field::new("Partner", FieldKind::Text, p.partner.clone()).required(),
                    Field::new("Tier", FieldKind::Choice(tiers()), p.tier.label()),
                    Field::new(
                        "Target tier",
                        FieldKind::Choice(targets),
                        p.target.map_or("Next tier", Tier::label),
                    ),
                    Field::new(
                        "Edition",
                        FieldKind::Choice(editions.to_vec()),
                        p.program.clone(),
                    ),
                    Field::new(
                        "Last tier review",
                        date(false),
                        p.last_tier_review.to_string(),
                    )
                    .required(),
                    Field::new("APN renewal date", date(false), p.apn_renewal.to_string())
                        .required(),
                    Field::new("Upgraded on (if tier raised)", date(true), t.clone()),
                ],
            )
        }
        Target::Premier => {
            let c = &store.premier;
            let names: Vec<String> = c.competencies.iter().map(|c| c.name.clone()).collect();
            Form::new(
                "Premier checklist",
                vec![
                    Field::new(
                        "Competencies (comma-separated)",
                        FieldKind::Text,
                        names.join(", "),
                    ),
                    Field::new(
                        "Executive business review",
                        date(true),
                        d(c.executive_business_review),
                    ),
                    Field::new(
                        "Sustained attainment since",
                        date(true),
                        d(c.sustained_since),
                    ),
                ],
            )
        }
        Target::Threshold(metric) => {
            let tier = store.profile.target_tier();
            let cur = store
                .threshold_overrides
                .iter()
                .rev()
                .find(|o| o.metric == metric && o.tier == tier)
                .map(|o| o.value.to_string())
                .unwrap_or_default();
            Form::new(
                format!("Threshold override · {}", metric.label().trim()),
                vec![
                    Field::new("Tier", FieldKind::Choice(tiers()), tier.label()),
                    Field::new(
                        if metric == MetricId::LaunchedMrr {
                            "Value (whole USD; blank = edition's)"
                        } else {
                            "Value (blank = edition's)"
                        },
                        FieldKind::Text,
                        cur,
                    ),
                ],
            )
        }
    };
    Some(form)
}

fn text(v: &[Value], i: usize) -> String {
    match v.get(i) {
        Some(Value::Text(s)) => s.clone(),
        _ => String::new(),
    }
}

fn date_at(v: &[Value], i: usize) -> Option<NaiveDate> {
    match v.get(i) {
        Some(Value::Date(d)) => *d,
        _ => None,
    }
}

fn flag(v: &[Value], i: usize) -> bool {
    matches!(v.get(i), Some(Value::Bool(true)))
}

fn choice(v: &[Value], i: usize) -> usize {
    match v.get(i) {
        Some(Value::Choice(c)) => *c,
        _ => 0,
    }
}

/// A check that needs the whole store failed: (field label, message).
pub type Refusal = (&'static str, String);

/// Applies validated form values to the store. Returns a sentence for the status bar.
pub fn apply(
    store: &mut Store,
    target: Target,
    v: &[Value],
    today: NaiveDate,
    editions: &[String],
) -> Result<String, Refusal> {
    match target {
        Target::Person(id) => {
            let email = text(v, 1);
            if let Some(other) = store.person_by_email(&email)
                && Some(other.id) != id
            {
                return Err((
                    "Email",
                    format!("{email} is already {} (id {})", other.name, other.id),
                ));
            }
            let (name, linked, left_on) = (text(v, 0), flag(v, 2), date_at(v, 3));
            match id.and_then(|id| store.person_mut(id)) {
                Some(p) => {
                    (p.name, p.email, p.linked, p.left_on) = (name.clone(), email, linked, left_on);
                    p.changed = Some(today);
                    Ok(format!("Updated {name}"))
                }
                None => {
                    let mut p = Person::new(store.next_person_id(), name.clone());
                    (p.email, p.linked, p.left_on) = (email, linked, left_on);
                    (p.added, p.changed) = (Some(today), Some(today));
                    store.people.push(p);
                    Ok(format!("Added {name}"))
                }
            }
        }
        Target::Certification { person, id } => {
            let (exam, earned, expires) = (text(v, 0), date_at(v, 1), date_at(v, 2));
            let earned = earned.ok_or(("Earned", "Earned is required".to_string()))?;
            if let Some(e) = expires
                && e <= earned
            {
                return Err(("Expires", format!("{e} is not after earned {earned}")));
            }
            let next = store.next_holding_id();
            let p = store
                .person_mut(person)
                .ok_or(("Exam", "that person was deleted".to_string()))?;
            let name = p.name.clone();
            match id.and_then(|id| p.certifications.iter_mut().find(|c| c.id == id)) {
                Some(c) => {
                    (c.exam, c.earned, c.expires, c.changed) =
                        (exam.clone(), earned, expires, Some(today));
                    Ok(format!("Updated {exam} for {name}"))
                }
                None => {
                    p.certifications.push(Certification {
                        id: next,
                        exam: exam.clone(),
                        earned,
                        expires,
                        added: Some(today),
                        changed: Some(today),
                    });
                    Ok(format!("Added {exam} for {name}"))
                }
            }
        }
        Target::Accreditation { person, id } => {
            let kind = AccreditationKind::ALL
                .get(choice(v, 0))
                .copied()
                .unwrap_or(AccreditationKind::Technical);
            let earned = date_at(v, 1).ok_or(("Earned", "Earned is required".to_string()))?;
            let expires = date_at(v, 2);
            if let Some(e) = expires
                && e <= earned
            {
                return Err(("Expires", format!("{e} is not after earned {earned}")));
            }
            let next = store.next_holding_id();
            let p = store
                .person_mut(person)
                .ok_or(("Kind", "that person was deleted".to_string()))?;
            let name = p.name.clone();
            match id.and_then(|id| p.accreditations.iter_mut().find(|a| a.id == id)) {
                Some(a) => {
                    (a.kind, a.earned, a.expires, a.changed) = (kind, earned, expires, Some(today));
                    Ok(format!("Updated {} accreditation for {name}", kind.label()))
                }
                None => {
                    p.accreditations.push(Accreditation {
                        id: next,
                        kind,
                        earned,
                        expires,
                        added: Some(today),
                        changed: Some(today),
                    });
                    Ok(format!("Added {} accreditation for {name}", kind.label()))
                }
            }
        }
        Target::PlannedExam { person, id } => {
            let exam = text(v, 0);
            let target =
                date_at(v, 1).ok_or(("Target date", "Target date is required".to_string()))?;
            let next = store.next_holding_id();
            let p = store
                .person_mut(person)
                .ok_or(("Exam", "that person was deleted".to_string()))?;
            let name = p.name.clone();
            match id.and_then(|id| p.planned_exams.iter_mut().find(|x| x.id == id)) {
                Some(x) => {
                    (x.exam, x.target, x.changed) = (exam.clone(), target, Some(today));
                    Ok(format!("Updated planned {exam} for {name}"))
                }
                None => {
                    p.planned_exams.push(PlannedExam {
                        id: next,
                        exam: exam.clone(),
                        target,
                        added: Some(today),
                        changed: Some(today),
                    });
                    Ok(format!("Planned {exam} for {name} by {target}"))
                }
            }
        }
        Target::Opportunity(id) => {
            let ace_id = text(v, 1);
            if let Some(other) = store.opportunity_by_ace_id(&ace_id)
                && Some(other.id) != id
            {
                return Err((
                    "ACE id",
                    format!(
                        "{ace_id} is already the opportunity of {} (id {})",
                        other.customer, other.id
                    ),
                ));
            }
            let stage = Stage::ALL
                .get(choice(v, 3))
                .copied()
                .unwrap_or(Stage::Prospect);
            let mrr = match v.get(4) {
                Some(Value::Money(m)) => *m,
                _ => crate::domain::Money::ZERO,
            };
            let launch = date_at(v, 5);
            if stage == Stage::Launched && launch.is_none() {
                return Err((
                    "Launch date",
                    "a Launched opportunity needs its launch date".into(),
                ));
            }
            let customer = text(v, 0);
            let fill = |o: &mut Opportunity| {
                (o.customer, o.ace_id, o.title, o.stage) =
                    (customer.clone(), ace_id.clone(), text(v, 2), stage);
                (o.mrr, o.launch_date, o.referenceable, o.changed) =
                    (mrr, launch, flag(v, 6), Some(today));
            };
            match id.and_then(|id| store.opportunities.iter_mut().find(|o| o.id == id)) {
                Some(o) => {
                    fill(o);
                    Ok(format!("Updated opportunity {customer}"))
                }
                None => {
                    let mut o = Opportunity {
                        id: store.next_opportunity_id(),
                        ace_id: String::new(),
                        customer: String::new(),
                        title: String::new(),
                        stage,
                        mrr,
                        launch_date: None,
                        referenceable: false,
                        added: Some(today),
                        changed: None,
                    };
                    fill(&mut o);
                    store.opportunities.push(o);
                    Ok(format!("Added opportunity {customer}"))
                }
            }
        }
        Target::BusinessPlan(id) => {
            let (objectives, validated_on, validated_by) = (text(v, 0), date_at(v, 1), text(v, 2));
            match id.and_then(|id| store.business_plans.iter_mut().find(|b| b.id == id)) {
                Some(b) => {
                    (b.objectives, b.validated_on, b.validated_by, b.changed) =
                        (objectives, validated_on, validated_by, Some(today));
                    Ok("Updated the business plan".into())
                }
                None => {
                    let id = store.next_business_plan_id();
                    store.business_plans.push(BusinessPlan {
                        id,
                        objectives,
                        validated_on,
                        validated_by,
                        added: Some(today),
                        changed: Some(today),
                    });
                    Ok("Added a business plan validation".into())
                }
            }
        }
        Target::Reference(id) => {
            let approved = date_at(v, 3).ok_or(("Approved", "Approved is required".to_string()))?;
            let customer = text(v, 0);
            match id.and_then(|id| store.references.iter_mut().find(|r| r.id == id)) {
                Some(r) => {
                    (r.customer, r.title, r.url, r.approved, r.changed) = (
                        customer.clone(),
                        text(v, 1),
                        text(v, 2),
                        approved,
                        Some(today),
                    );
                    Ok(format!("Updated reference {customer}"))
                }
                None => {
                    let id = store.next_reference_id();
                    store.references.push(Reference {
                        id,
                        customer: customer.clone(),
                        title: text(v, 1),
                        url: text(v, 2),
                        approved,
                        added: Some(today),
                        changed: Some(today),
                    });
                    Ok(format!("Added reference {customer}"))
                }
            }
        }
        Target::Csat(id) => {
            let date = date_at(v, 1).ok_or(("Date", "Date is required".to_string()))?;
            let rating = match v.get(2) {
                Some(Value::Number(n)) => u8::try_from(*n).unwrap_or(5),
                _ => 5,
            };
            let customer = text(v, 0);
            match id.and_then(|id| store.csat.iter_mut().find(|c| c.id == id)) {
                Some(c) => {
                    (
                        c.customer, c.date, c.rating, c.consent, c.comment, c.changed,
                    ) = (
                        customer.clone(),
                        date,
                        rating,
                        flag(v, 3),
                        text(v, 4),
                        Some(today),
                    );
                    Ok(format!("Updated CSAT response of {customer}"))
                }
                None => {
                    let id = store.next_csat_id();
                    store.csat.push(CsatResponse {
                        id,
                        customer: customer.clone(),
                        date,
                        rating,
                        consent: flag(v, 3),
                        comment: text(v, 4),
                        added: Some(today),
                        changed: Some(today),
                    });
                    Ok(format!("Added CSAT response of {customer} ({rating}/5)"))
                }
            }
        }
        Target::Profile => {
            let tier = Tier::ALL
                .get(choice(v, 1))
                .copied()
                .unwrap_or(Tier::Registered);
            let target = match choice(v, 2) {
                0 => None,
                i => Tier::ALL.get(i - 1).copied(),
            };
            if let Some(t) = target
                && t < tier
            {
                return Err(("Target tier", format!("{t} is below the tier {tier}")));
            }
            let program = editions
                .get(choice(v, 3))
                .cloned()
                .unwrap_or_else(|| store.profile.program.clone());
            let review = date_at(v, 4).ok_or(("Last tier review", "required".to_string()))?;
            let renewal = date_at(v, 5).ok_or(("APN renewal date", "required".to_string()))?;
            let p = &mut store.profile;
            let old = p.tier;
            let mut msg = "Updated the partner profile".to_string();
            if tier != old {
                let on = date_at(v, 6).unwrap_or(today);
                p.tier_history.push(TierChange {
                    date: on,
                    from: old,
                    to: tier,
                });
                msg = if tier > old {
                    format!("Upgraded to {tier} on {on}: the renewal window restarts there")
                } else {
                    format!("Tier changed to {tier} on {on}")
                };
            }
            (p.partner, p.tier, p.target, p.program) = (text(v, 0), tier, target, program);
            (p.last_tier_review, p.apn_renewal) = (review, renewal);
            Ok(msg)
        }
        Target::Premier => {
            let names: Vec<String> = text(v, 0)
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let c = &mut store.premier;
            c.competencies.retain(|x| names.contains(&x.name));
            for n in names {
                if !c.competencies.iter().any(|x| x.name == n) {
                    let id = c
                        .competencies
                        .iter()
                        .map(|x| x.id)
                        .max()
                        .map_or(1, |m| m + 1);
                    c.competencies.push(crate::domain::Competency {
                        id,
                        name: n,
                        achieved: Some(today),
                    });
                }
            }
            c.executive_business_review = date_at(v, 1);
            c.sustained_since = date_at(v, 2);
            Ok("Updated the Premier checklist".into())
        }
        Target::Threshold(metric) => {
            let tier = Tier::ALL.get(choice(v, 0)).copied().unwrap_or(Tier::Select);
            let raw = text(v, 1);
            store
                .threshold_overrides
                .retain(|o| !(o.tier == tier && o.metric == metric));
            if raw.is_empty() {
                return Ok(format!(
                    "{} at {tier}: back to the edition's number",
                    metric.as_str()
                ));
            }
            let value: i64 = raw
                .replace(',', "")
                .parse()
                .ok()
                .filter(|n: &i64| (0..=1_000_000_000).contains(n))
                .ok_or((
                    "Value",
                    format!("'{raw}' is not a whole number from 0 to 1,000,000,000"),
                ))?;
            store.threshold_overrides.push(ThresholdOverride {
                tier,
                metric,
                value,
            });
            Ok(format!(
                "{} at {tier} now requires {value}",
                metric.as_str()
            ))
        }
    }
}

/// What a delete removes, for the confirm dialog.
pub fn describe(store: &Store, target: Target) -> Option<String> {
    Some(match target {
        Target::Person(Some(id)) => {
            let p = store.person(id)?;
            format!(
                "person {} ({} certifications)",
                p.name,
                p.certifications.len()
            )
        }
        Target::Certification {
            person,
            id: Some(id),
        } => {
            let p = store.person(person)?;
            let c = p.certifications.iter().find(|c| c.id == id)?;
            format!("{} ({}) of {}", c.exam, c.earned, p.name)
        }
        Target::Accreditation {
            person,
            id: Some(id),
        } => {
            let p = store.person(person)?;
            let a = p.accreditations.iter().find(|a| a.id == id)?;
            format!("{} accreditation of {}", a.kind.label(), p.name)
        }
        Target::PlannedExam {
            person,
            id: Some(id),
        } => {
            let p = store.person(person)?;
            let x = p.planned_exams.iter().find(|x| x.id == id)?;
            format!("planned {} of {}", x.exam, p.name)
        }
        Target::Opportunity(Some(id)) => {
            let o = store.opportunities.iter().find(|o| o.id == id)?;
            format!("opportunity {} {} ({})", o.ace_id, o.customer, o.stage).replace("  ", " ")
        }
        Target::BusinessPlan(Some(id)) => {
            let b = store.business_plans.iter().find(|b| b.id == id)?;
            format!("business plan validated {}", d(b.validated_on))
        }
        Target::Reference(Some(id)) => {
            let r = store.references.iter().find(|r| r.id == id)?;
            format!("reference {} ({})", r.customer, r.approved)
        }
        Target::Csat(Some(id)) => {
            let c = store.csat.iter().find(|c| c.id == id)?;
            format!("CSAT response of {} ({})", c.customer, c.date)
        }
        _ => return None,
    })
}

/// Removes the target. Returns whether anything was removed.
pub fn delete(store: &mut Store, target: Target) -> bool {
    fn rm<T>(v: &mut Vec<T>, keep: impl Fn(&T) -> bool) -> bool {
        let n = v.len();
        v.retain(keep);
        v.len() != n
    }
    match target {
        Target::Person(Some(id)) => rm(&mut store.people, |p| p.id != id),
        Target::Certification {
            person,
            id: Some(id),
        } => store
            .person_mut(person)
            .is_some_and(|p| rm(&mut p.certifications, |c| c.id != id)),
        Target::Accreditation {
            person,
            id: Some(id),
        } => store
            .person_mut(person)
            .is_some_and(|p| rm(&mut p.accreditations, |a| a.id != id)),
        Target::PlannedExam {
            person,
            id: Some(id),
        } => store
            .person_mut(person)
            .is_some_and(|p| rm(&mut p.planned_exams, |x| x.id != id)),
        Target::Opportunity(Some(id)) => rm(&mut store.opportunities, |o| o.id != id),
        Target::BusinessPlan(Some(id)) => rm(&mut store.business_plans, |b| b.id != id),
        Target::Reference(Some(id)) => rm(&mut store.references, |r| r.id != id),
        Target::Csat(Some(id)) => rm(&mut store.csat, |c| c.id != id),
        _ => false,
    }
}
