//! The form for each kind of entry, filled from the store or with defaults.

use super::{Target, d};
use crate::domain::{AccreditationKind, MetricId, Person, Stage, Store, Tier};
use crate::tui::form::{Field, FieldKind, Form};
use chrono::NaiveDate;

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
