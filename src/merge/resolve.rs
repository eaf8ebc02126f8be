//! Settling a recorded conflict: the chosen side's value goes into the store at the conflict's
//! place and the conflict leaves the list.

use super::id_of;
use crate::domain::{Id, Store};
use serde_json::Value;

/// Which value of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// One step of a place such as `people[id=5].email`: a field, or the entry with this id in it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Step<'a> {
    pub field: &'a str,
    pub id: Option<Id>,
}

/// Splits a place into steps; `None` when it is not one this program writes.
pub(crate) fn steps(place: &str) -> Option<Vec<Step<'_>>> {
    place
        .split('.')
        .map(|s| match s.split_once("[id=") {
            Some((field, rest)) => {
                let id = rest.strip_suffix(']')?.parse().ok()?;
                Some(Step {
                    field,
                    id: Some(id),
                })
            }
            None => (!s.is_empty()).then_some(Step { field: s, id: None }),
        })
        .collect()
}

/// The top-level field a place starts in, and the entry of it when it is one
/// (`people[id=5].email` gives `people` and 5, `profile.partner` gives `profile`).
pub fn place_root(place: &str) -> Option<(&str, Option<Id>)> {
    let first = steps(place)?.into_iter().next()?;
    Some((first.field, first.id))
}

/// The value the steps lead to, if every step exists.
pub(crate) fn find<'v>(root: &'v Value, steps: &[Step<'_>]) -> Option<&'v Value> {
    let mut v = root;
    for s in steps {
        v = v.get(s.field)?;
        if let Some(id) = s.id {
            v = v.as_array()?.iter().find(|e| id_of(e) == id)?;
        }
    }
    Some(v)
}

fn find_mut<'v>(root: &'v mut Value, steps: &[Step<'_>]) -> Option<&'v mut Value> {
    let mut v = root;
    for s in steps {
        v = v.get_mut(s.field)?;
        if let Some(id) = s.id {
            v = v.as_array_mut()?.iter_mut().find(|e| id_of(e) == id)?;
        }
    }
    Some(v)
}

/// Why a chosen value could not be put in place.
enum Fail {
    /// The place is not in the store (any more).
    Gone,
    /// The value does not make a valid entry or field there.
    Fit(serde_json::Error),
}

fn fit<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, Fail> {
    serde_json::from_value(v).map_err(Fail::Fit)
}

/// Why conflict `index` (0-based; messages count from 1, as `validate` lists them) was not
/// resolved. The store is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// There are only `open` conflicts.
    #[error("there is no conflict {} ({open} open)", .index + 1)]
    NoConflict { index: usize, open: usize },
    /// The conflict's place is not one this program writes (a hand-edited store).
    #[error("conflict {}: cannot read the place '{place}'", .index + 1)]
    BadPlace { index: usize, place: String },
    /// The place is no longer in the store (the entry was deleted since).
    #[error("conflict {}: {place} is no longer in the store", .index + 1)]
    Gone { index: usize, place: String },
    /// The chosen value does not make a valid entry or field at its place.
    #[error("conflict {}: the chosen value does not fit: {error}", .index + 1)]
    DoesNotFit {
        index: usize,
        error: serde_json::Error,
    },
}

/// Puts `value` at the place `all` leads to inside `root`. A place ending in an entry
/// (`[id=N]`) keeps, replaces or removes that entry (`null` = the side deleted it).
fn set(root: &mut Value, all: &[Step<'_>], value: Value) -> Result<(), Fail> {
    let (last, parents) = all.split_last().ok_or(Fail::Gone)?;
    let parent = find_mut(root, parents).ok_or(Fail::Gone)?;
    let slot = parent.get_mut(last.field).ok_or(Fail::Gone)?;
    match last.id {
        None => *slot = value,
        Some(id) => {
            let list = slot.as_array_mut().ok_or(Fail::Gone)?;
            let at = list.iter().position(|e| id_of(e) == id);
            match (at, value.is_null()) {
                (Some(i), true) => {
                    list.remove(i);
                }
                (Some(i), false) => list[i] = value,
                (None, true) => {}
                (None, false) => list.push(value),
            }
        }
    }
    Ok(())
}

/// The conflict is inside the entry `id` of `list` (or is that entry, when `rest` is empty):
/// only that entry goes through `Value`, so resolving costs the same in a store of any size.
/// The list is unchanged on error.
fn in_entry<T: serde::Serialize + serde::de::DeserializeOwned>(
    list: &mut Vec<T>,
    id_of_entry: impl Fn(&T) -> Id,
    id: Id,
    rest: &[Step<'_>],
    value: Value,
) -> Result<(), Fail> {
    let at = list.iter().position(|e| id_of_entry(e) == id);
    if rest.is_empty() {
        match (at, value.is_null()) {
            (Some(i), true) => {
                list.remove(i);
            }
            (Some(i), false) => list[i] = fit(value)?,
            (None, true) => {}
            // Back where its id sorts, so a sorted list stays sorted without sorting it all.
            (None, false) => {
                let at = list.partition_point(|e| id_of_entry(e) < id);
                list.insert(at, fit(value)?);
            }
        }
        return Ok(());
    }
    let i = at.ok_or(Fail::Gone)?;
    let mut v = serde_json::to_value(&list[i]).map_err(Fail::Fit)?;
    set(&mut v, rest, value)?;
    list[i] = fit(v)?;
    Ok(())
}

/// Any other place (the profile, the Premier checklist, ...): the store goes through `Value`
/// without its entry lists, which are put back as they were.
fn in_rest(store: &mut Store, all: &[Step<'_>], value: Value) -> Result<(), Fail> {
    let lists = (
        std::mem::take(&mut store.people),
        std::mem::take(&mut store.opportunities),
        std::mem::take(&mut store.business_plans),
        std::mem::take(&mut store.references),
        std::mem::take(&mut store.csat),
    );
    let result = serde_json::to_value(&*store)
        .map_err(Fail::Fit)
        .and_then(|mut root| {
            set(&mut root, all, value)?;
            fit::<Store>(root)
        });
    if let Ok(next) = result.as_ref() {
        *store = next.clone();
    }
    (
        store.people,
        store.opportunities,
        store.business_plans,
        store.references,
        store.csat,
    ) = lists;
    result.map(|_| ())
}

/// Keeps one side of conflict `index` (0-based, as `validate` lists them) and drops it from the
/// list. An entry conflict (deleted on one side) keeps or removes the whole entry. Returns a
/// sentence saying what was kept; the store is unchanged on error.
pub fn resolve(store: &mut Store, index: usize, side: Side) -> Result<String, ResolveError> {
    let Some(c) = store.conflicts.get(index) else {
        return Err(ResolveError::NoConflict {
            index,
            open: store.conflicts.len(),
        });
    };
    let place = c.place.clone();
    let value = match side {
        Side::Ours => c.ours.clone(),
        Side::Theirs => c.theirs.clone(),
    };
    let Some(all) = steps(&place) else {
        return Err(ResolveError::BadPlace { index, place });
    };
    let Some((first, rest)) = all.split_first() else {
        return Err(ResolveError::Gone { index, place });
    };
    let done = match (first.field, first.id) {
        ("people", Some(id)) => in_entry(&mut store.people, |p| p.id, id, rest, value),
        ("opportunities", Some(id)) => {
            in_entry(&mut store.opportunities, |o| o.id, id, rest, value)
        }
        ("business_plans", Some(id)) => {
            in_entry(&mut store.business_plans, |b| b.id, id, rest, value)
        }
        ("references", Some(id)) => in_entry(&mut store.references, |r| r.id, id, rest, value),
        ("csat", Some(id)) => in_entry(&mut store.csat, |c| c.id, id, rest, value),
        ("people" | "opportunities" | "business_plans" | "references" | "csat", None) => {
            Err(Fail::Gone)
        }
        _ => in_rest(store, &all, value),
    };
    match done {
        Ok(()) => {}
        Err(Fail::Gone) => {
            return Err(ResolveError::Gone { index, place });
        }
        Err(Fail::Fit(error)) => {
            return Err(ResolveError::DoesNotFit { index, error });
        }
    }
    store.conflicts.remove(index);
    let which = match side {
        Side::Ours => "ours",
        Side::Theirs => "theirs",
    };
    Ok(format!("{place}: kept {which}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::merge;

    /// The demo merged with a profile clash and a certification deleted on ours but edited on
    /// theirs: places outside the entry lists and inside a person's list.
    #[test]
    fn resolves_profile_fields_and_nested_entries_leaving_the_rest_alone() {
        let base = crate::assets::demo_store("2026-11-26".parse().expect("date")).expect("demo");
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.profile.partner = "Ours Ltd".into();
        theirs.profile.partner = "Theirs Ltd".into();
        let who = base
            .people
            .iter()
            .position(|p| !p.certifications.is_empty())
            .expect("someone certified");
        let cert = base.people[who].certifications[0].clone();
        ours.people[who].certifications.remove(0);
        theirs.people[who].certifications[0].expires = Some("2030-01-01".parse().expect("date"));
        let m = merge(&base, &ours, &theirs).expect("merge");
        assert_eq!(m.conflicts.len(), 2, "{:#?}", m.conflicts);
        let at = |s: &Store, tail: &str| {
            s.conflicts
                .iter()
                .position(|c| c.place.ends_with(tail))
                .expect("conflict")
        };

        let mut s = m.clone();
        resolve(&mut s, at(&m, "profile.partner"), Side::Theirs).expect("resolves");
        assert_eq!(s.profile.partner, "Theirs Ltd");
        assert_eq!(s.people, m.people, "entry lists untouched");
        let i = at(&s, &format!("certifications[id={}]", cert.id));
        resolve(&mut s, i, Side::Theirs).expect("resolves");
        let kept = s.people[who]
            .certifications
            .iter()
            .find(|c| c.id == cert.id)
            .expect("theirs kept it");
        assert_eq!(kept.expires, Some("2030-01-01".parse().expect("date")));
        assert!(s.conflicts.is_empty());

        // Ours deleted it: keeping ours removes exactly that certification.
        let mut s = m.clone();
        let i = at(&s, &format!("certifications[id={}]", cert.id));
        resolve(&mut s, i, Side::Ours).expect("resolves");
        let p = &s.people[who];
        assert!(p.certifications.iter().all(|c| c.id != cert.id));
        assert_eq!(
            p.certifications.len(),
            m.people[who].certifications.len() - 1
        );
        // A value that cannot be the field's is refused and changes nothing.
        let mut bad = m.clone();
        let i = at(&bad, "profile.partner");
        bad.conflicts[i].theirs = Value::from(42);
        let before = bad.clone();
        let err = resolve(&mut bad, i, Side::Theirs).expect_err("refused");
        assert!(
            matches!(err, ResolveError::DoesNotFit { index, .. } if index == i),
            "{err:?}"
        );
        assert!(err.to_string().contains("does not fit"), "{err}");
        assert_eq!(bad, before);
    }

    /// Each refusal is its own variant, worded as `apn-scorecard resolve` and the dashboard show
    /// it (counting from 1), and leaves the store as it was.
    #[test]
    fn a_refusal_says_which_conflict_and_why() {
        let mut s = crate::assets::demo_store("2026-11-26".parse().expect("date")).expect("demo");
        let gone = s.all_ids().max().unwrap_or(0) + 1;
        let conflict = |place: &str| crate::domain::Conflict {
            place: place.into(),
            entry: String::new(),
            ours: Value::Null,
            theirs: Value::from("x"),
        };
        s.conflicts = vec![
            conflict("people[id=oops"),
            conflict(&format!("people[id={gone}].name")),
        ];
        let before = s.clone();

        let e = resolve(&mut s, 2, Side::Ours).expect_err("no third conflict");
        assert!(
            matches!(e, ResolveError::NoConflict { index: 2, open: 2 }),
            "{e:?}"
        );
        assert_eq!(e.to_string(), "there is no conflict 3 (2 open)");

        let e = resolve(&mut s, 0, Side::Ours).expect_err("unreadable place");
        assert!(
            matches!(&e, ResolveError::BadPlace { index: 0, place } if place == "people[id=oops")
        );
        assert_eq!(
            e.to_string(),
            "conflict 1: cannot read the place 'people[id=oops'"
        );

        let e = resolve(&mut s, 1, Side::Theirs).expect_err("no such person");
        let place = format!("people[id={gone}].name");
        assert!(matches!(&e, ResolveError::Gone { index: 1, place: p } if *p == place));
        assert_eq!(
            e.to_string(),
            format!("conflict 2: {place} is no longer in the store")
        );
        assert_eq!(s, before);
    }
}
