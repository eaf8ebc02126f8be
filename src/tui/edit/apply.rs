//! Applying validated form values to the store.

use super::Target;
use crate::domain::{
    Accreditation, AccreditationKind, BusinessPlan, Certification, CsatResponse, Opportunity,
    Person, PlannedExam, Reference, Stage, Store, ThresholdOverride, Tier, TierChange,
};
use crate::tui::form::Value;
use chrono::NaiveDate;

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

/// The earned day (fields `i`) and an optional expiry (field `i + 1`) after it.
fn earned_expiry(v: &[Value], i: usize) -> Result<(NaiveDate, Option<NaiveDate>), Refusal> {
    let earned = date_at(v, i).ok_or(("Earned", "Earned is required".to_string()))?;
    let expires = date_at(v, i + 1);
    match expires {
        Some(e) if e <= earned => Err(("Expires", format!("{e} is not after earned {earned}"))),
        _ => Ok((earned, expires)),
    }
}

/// The person a holding belongs to, the next free holding id, and their name for messages.
fn holder<'s>(
    store: &'s mut Store,
    person: crate::domain::Id,
    label: &'static str,
) -> Result<(&'s mut Person, crate::domain::Id, String), Refusal> {
    let next = store.next_holding_id();
    let p = store
        .person_mut(person)
        .ok_or((label, "that person was deleted".to_string()))?;
    let name = p.name.clone();
    Ok((p, next, name))
}

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
            let exam = text(v, 0);
            let (earned, expires) = earned_expiry(v, 1)?;
            let (p, next, name) = holder(store, person, "Exam")?;
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
            let (earned, expires) = earned_expiry(v, 1)?;
            let (p, next, name) = holder(store, person, "Kind")?;
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
            let (p, next, name) = holder(store, person, "Exam")?;
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
