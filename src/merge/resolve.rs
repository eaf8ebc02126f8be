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

/// Keeps one side of conflict `index` (0-based, as `validate` lists them) and drops it from the
/// list. An entry conflict (deleted on one side) keeps or removes the whole entry. Returns a
/// sentence saying what was kept; the store is unchanged on error.
pub fn resolve(store: &mut Store, index: usize, side: Side) -> Result<String, String> {
    let Some(c) = store.conflicts.get(index) else {
        return Err(format!(
            "there is no conflict {} ({} open)",
            index + 1,
            store.conflicts.len()
        ));
    };
    let place = c.place.clone();
    let value = match side {
        Side::Ours => c.ours.clone(),
        Side::Theirs => c.theirs.clone(),
    };
    let Some(all) = steps(&place) else {
        return Err(format!(
            "conflict {}: cannot read the place '{place}'",
            index + 1
        ));
    };
    let gone = || format!("conflict {}: {place} is no longer in the store", index + 1);
    let mut root = serde_json::to_value(&*store).map_err(|e| e.to_string())?;
    let (last, parents) = all.split_last().ok_or_else(gone)?;
    let parent = find_mut(&mut root, parents).ok_or_else(gone)?;
    let slot = parent.get_mut(last.field).ok_or_else(gone)?;
    match last.id {
        None => *slot = value,
        Some(id) => {
            let list = slot.as_array_mut().ok_or_else(gone)?;
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
    let mut next: Store = serde_json::from_value(root)
        .map_err(|e| format!("conflict {}: the chosen value does not fit: {e}", index + 1))?;
    next.conflicts.remove(index);
    next.sort_by_id();
    *store = next;
    let which = match side {
        Side::Ours => "ours",
        Side::Theirs => "theirs",
    };
    Ok(format!("{place}: kept {which}"))
}
