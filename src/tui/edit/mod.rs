//! Editing: which form edits what (`forms`), applying a saved form to the store (`apply`),
//! and deleting. Every confirmed change is saved at once by `editing`.

mod apply;
mod forms;
mod picker;

pub use apply::{Refusal, apply};
pub use forms::form_for;

use crate::domain::{Id, MetricId, Store};
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

pub(crate) fn d(x: Option<NaiveDate>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// What a delete removes, for the confirm dialog.
pub fn describe(store: &Store, target: Target) -> Option<String> {
    Some(match target {
        Target::Person(Some(id)) => {
            let p = store.person(id)?;
            let n = p.certifications.len();
            let noun = if n == 1 {
                "certification"
            } else {
                "certifications"
            };
            format!("person {} ({n} {noun})", p.name)
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
