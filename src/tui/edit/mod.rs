//! Editing: which form edits what (`forms`), applying a saved form to the store (`apply`),
//! and deleting. Every confirmed change is saved at once by `editing`.

mod apply;
mod forms;
mod picker;

pub use apply::{Refusal, apply};
pub use forms::form_for;

use super::history::{Part, Touched};
use crate::domain::{Id, MetricId, Person, Store};
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

impl Target {
    /// The part of the store a form or a delete on this target changes: its undo step compares
    /// only that part.
    pub fn touches(self) -> Touched {
        let (part, id) = match self {
            Target::Person(id) => (Part::People, id),
            Target::Certification { person, .. }
            | Target::Accreditation { person, .. }
            | Target::PlannedExam { person, .. } => (Part::People, Some(person)),
            Target::Opportunity(id) => (Part::Opportunities, id),
            Target::BusinessPlan(id) => (Part::BusinessPlans, id),
            Target::Reference(id) => (Part::References, id),
            Target::Csat(id) => (Part::Csat, id),
            Target::Profile | Target::Premier => (Part::Rest, None),
            Target::Threshold(_) => (Part::Thresholds, None),
        };
        Touched { part, id }
    }
}

pub(crate) fn d(x: Option<NaiveDate>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// The position of the one entry with `id` in `list`; `None` when no entry or several have it.
/// Edits and deletes find their entry this way, so they reach exactly one entry, never every
/// entry that shares an id (a hand edit or a merge of old copies can leave two).
pub(crate) fn only<T>(list: &[T], id: Id, id_of: impl Fn(&T) -> Id) -> Option<usize> {
    let mut at = list
        .iter()
        .enumerate()
        .filter(|(_, x)| id_of(x) == id)
        .map(|(i, _)| i);
    match (at.next(), at.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// The person with `id`, when exactly one has it.
pub(crate) fn person(store: &Store, id: Id) -> Option<&Person> {
    only(&store.people, id, |p| p.id).map(|i| &store.people[i])
}

pub(crate) fn person_mut(store: &mut Store, id: Id) -> Option<&mut Person> {
    only(&store.people, id, |p| p.id).map(|i| &mut store.people[i])
}

/// Whether `target` names exactly one entry of the store (adding, the profile, the Premier
/// checklist and thresholds always do).
pub fn exact(store: &Store, target: Target) -> bool {
    let holding =
        |person: Id, find: &dyn Fn(&Person) -> bool| self::person(store, person).is_some_and(find);
    match target {
        Target::Person(Some(id)) => person(store, id).is_some(),
        Target::Certification {
            person,
            id: Some(id),
        } => holding(person, &|p| only(&p.certifications, id, |c| c.id).is_some()),
        Target::Accreditation {
            person,
            id: Some(id),
        } => holding(person, &|p| only(&p.accreditations, id, |a| a.id).is_some()),
        Target::PlannedExam {
            person,
            id: Some(id),
        } => holding(person, &|p| only(&p.planned_exams, id, |x| x.id).is_some()),
        Target::Opportunity(Some(id)) => only(&store.opportunities, id, |o| o.id).is_some(),
        Target::BusinessPlan(Some(id)) => only(&store.business_plans, id, |b| b.id).is_some(),
        Target::Reference(Some(id)) => only(&store.references, id, |r| r.id).is_some(),
        Target::Csat(Some(id)) => only(&store.csat, id, |c| c.id).is_some(),
        _ => true,
    }
}

/// What a delete removes, for the confirm dialog.
pub fn describe(store: &Store, target: Target) -> Option<String> {
    Some(match target {
        Target::Person(Some(id)) => {
            let p = person(store, id)?;
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
            let p = self::person(store, person)?;
            let c = &p.certifications[only(&p.certifications, id, |c| c.id)?];
            format!("{} ({}) of {}", c.exam, c.earned, p.name)
        }
        Target::Accreditation {
            person,
            id: Some(id),
        } => {
            let p = self::person(store, person)?;
            let a = &p.accreditations[only(&p.accreditations, id, |a| a.id)?];
            format!("{} accreditation of {}", a.kind.label(), p.name)
        }
        Target::PlannedExam {
            person,
            id: Some(id),
        } => {
            let p = self::person(store, person)?;
            let x = &p.planned_exams[only(&p.planned_exams, id, |x| x.id)?];
            format!("planned {} of {}", x.exam, p.name)
        }
        Target::Opportunity(Some(id)) => {
            let o = &store.opportunities[only(&store.opportunities, id, |o| o.id)?];
            format!("opportunity {} {} ({})", o.ace_id, o.customer, o.stage).replace("  ", " ")
        }
        Target::BusinessPlan(Some(id)) => {
            let b = &store.business_plans[only(&store.business_plans, id, |b| b.id)?];
            format!("business plan validated {}", d(b.validated_on))
        }
        Target::Reference(Some(id)) => {
            let r = &store.references[only(&store.references, id, |r| r.id)?];
            format!("reference {} ({})", r.customer, r.approved)
        }
        Target::Csat(Some(id)) => {
            let c = &store.csat[only(&store.csat, id, |c| c.id)?];
            format!("CSAT response of {} ({})", c.customer, c.date)
        }
        _ => return None,
    })
}

/// Removes the target: exactly one entry, and nothing when its id is not one entry's alone.
/// Returns whether anything was removed.
pub fn delete(store: &mut Store, target: Target) -> bool {
    fn rm<T>(v: &mut Vec<T>, id: Id, id_of: impl Fn(&T) -> Id) -> bool {
        only(v, id, id_of).map(|i| v.remove(i)).is_some()
    }
    match target {
        Target::Person(Some(id)) => rm(&mut store.people, id, |p| p.id),
        Target::Certification {
            person,
            id: Some(id),
        } => person_mut(store, person).is_some_and(|p| rm(&mut p.certifications, id, |c| c.id)),
        Target::Accreditation {
            person,
            id: Some(id),
        } => person_mut(store, person).is_some_and(|p| rm(&mut p.accreditations, id, |a| a.id)),
        Target::PlannedExam {
            person,
            id: Some(id),
        } => person_mut(store, person).is_some_and(|p| rm(&mut p.planned_exams, id, |x| x.id)),
        Target::Opportunity(Some(id)) => rm(&mut store.opportunities, id, |o| o.id),
        Target::BusinessPlan(Some(id)) => rm(&mut store.business_plans, id, |b| b.id),
        Target::Reference(Some(id)) => rm(&mut store.references, id, |r| r.id),
        Target::Csat(Some(id)) => rm(&mut store.csat, id, |c| c.id),
        _ => false,
    }
}
