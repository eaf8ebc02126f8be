//! Three-way merge of stores, entry by entry and field by field, for `apn-scorecard merge` (git's
//! merge driver), plus the conflicts it leaves in the store and the id checks run on every load.
//!
//! Entries are matched by id, and entries added on both sides by natural key too: the same email
//! is the same person, the same exam + earned date the same certification, the same kind + earned
//! date the same accreditation, the same ACE id the same opportunity. Each store is compared as
//! serde values, so a field added to an entry later is merged without code here.

mod check;
mod resolve;

pub use check::{Finding, FindingKind, findings, plan_fix, read_only_banner};
pub use resolve::{ResolveError, Side, place_root, resolve};

use crate::domain::{Conflict, Id, IdAlloc, MIN_NEW_ID, Store};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Lists whose elements are entries with an `id`.
const KEYED: [&str; 9] = [
    "people",
    "certifications",
    "accreditations",
    "planned_exams",
    "opportunities",
    "business_plans",
    "references",
    "csat",
    "competencies",
];

/// Fields that record when, not what: two sides that set them differently take the later day
/// (`changed`) or the earlier one (`added`) instead of a conflict.
const LATER_WINS: [&str; 1] = ["changed"];
const EARLIER_WINS: [&str; 1] = ["added"];

/// Seed of the ids given to entries that collide: a merge is a function of its three inputs.
const SEED: u64 = 0x5eed_a9c0_4e26;

/// Why a merge produced no store. Neither happens with stores this program read; the message is
/// serde's own (no `source`: the text already ends with it, and a reporter would repeat it).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// One input (`base`, `ours` or `theirs`) could not be turned into a tree of values.
    #[error("{error}")]
    Encode {
        input: &'static str,
        error: serde_json::Error,
    },
    /// The merged tree does not make a store.
    #[error("{error}")]
    Decode { error: serde_json::Error },
}

/// Merges `ours` and `theirs`, both descended from `base`. The result holds our value for every
/// disagreement and records each one in `conflicts` (new ones after those kept from the inputs).
pub fn merge(base: &Store, ours: &Store, theirs: &Store) -> Result<Store, MergeError> {
    let mut alloc = IdAlloc::seeded(ours, SEED);
    for id in base.all_ids().chain(theirs.all_ids()) {
        alloc.reserve(id);
    }
    let mut cx = Cx {
        conflicts: Vec::new(),
        alloc,
    };
    let [b, o, t] = [(base, "base"), (ours, "ours"), (theirs, "theirs")].map(|(s, input)| {
        let mut v = serde_json::to_value(s).map_err(|error| MergeError::Encode { input, error })?;
        if let Some(m) = v.as_object_mut() {
            m.remove("conflicts");
        }
        Ok::<Value, MergeError>(v)
    });
    let merged = cx.value(&b?, &o?, &t?, "", "", "");
    let mut store: Store =
        serde_json::from_value(merged).map_err(|error| MergeError::Decode { error })?;
    store.version = crate::domain::CURRENT_VERSION;
    store.conflicts = kept_conflicts(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for c in cx.conflicts {
        if !store.conflicts.contains(&c) {
            store.conflicts.push(c);
        }
    }
    store.sort_by_id();
    Ok(store)
}

/// Conflicts already in the inputs: kept unless one side resolved (removed) one from the base.
fn kept_conflicts(b: &[Conflict], o: &[Conflict], t: &[Conflict]) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    for c in o.iter().chain(t) {
        let keep = (o.contains(c) && t.contains(c)) || !b.contains(c);
        if keep && !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

struct Cx {
    conflicts: Vec<Conflict>,
    alloc: IdAlloc,
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

impl Cx {
    /// Merges one value at `place` (`name` is its field name, `entry` the entry's label).
    fn value(
        &mut self,
        b: &Value,
        o: &Value,
        t: &Value,
        place: &str,
        name: &str,
        entry: &str,
    ) -> Value {
        if o == t || t == b {
            return o.clone();
        }
        if o == b {
            return t.clone();
        }
        if LATER_WINS.contains(&name) {
            return later(o, t, true);
        }
        if EARLIER_WINS.contains(&name) {
            return later(o, t, false);
        }
        match (o, t) {
            (Value::Object(om), Value::Object(tm)) => {
                let empty = Map::new();
                let bm = b.as_object().unwrap_or(&empty);
                Value::Object(self.object(bm, om, tm, place, entry))
            }
            (Value::Array(oa), Value::Array(ta)) if KEYED.contains(&name) => {
                let ba = b.as_array().map_or(&[][..], Vec::as_slice);
                Value::Array(self.list(ba, oa, ta, place, name))
            }
            _ => {
                self.conflicts.push(Conflict {
                    place: place.to_string(),
                    entry: entry.to_string(),
                    ours: o.clone(),
                    theirs: t.clone(),
                });
                o.clone()
            }
        }
    }

    fn object(
        &mut self,
        b: &Map<String, Value>,
        o: &Map<String, Value>,
        t: &Map<String, Value>,
        place: &str,
        entry: &str,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        // Ours first, then any field only theirs has (a newer build's field).
        let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
        for k in keys {
            let get = |m: &Map<String, Value>| m.get(k).cloned().unwrap_or(Value::Null);
            let v = self.value(&get(b), &get(o), &get(t), &join(place, k), k, entry);
            out.insert(k.clone(), v);
        }
        out
    }

    /// Merges a list of entries with ids; `place` is the list's place, e.g. `people[id=5].certifications`.
    fn list(
        &mut self,
        b: &[Value],
        o: &[Value],
        t: &[Value],
        place: &str,
        name: &str,
    ) -> Vec<Value> {
        let mut slots: Vec<[Option<Value>; 3]> = Vec::new();
        let mut index: HashMap<(Id, usize), usize> = HashMap::new();
        for (side, list) in [b, o, t].into_iter().enumerate() {
            let mut seen: HashMap<Id, usize> = HashMap::new();
            for e in list {
                let id = id_of(e);
                let n = seen.entry(id).or_default();
                let key = (id, *n);
                *n += 1;
                let i = *index.entry(key).or_insert_with(|| {
                    slots.push([None, None, None]);
                    slots.len() - 1
                });
                slots[i][side] = Some(e.clone());
            }
        }
        // The same id added on both sides but for different entries (small ids from before
        // version 3, or different natural keys): two entries, theirs under a new id.
        let mut split = Vec::new();
        for s in &mut slots {
            if let [None, Some(o), Some(t)] = s
                && !same_entry(name, o, t)
            {
                let mut t = t.clone();
                set_id(&mut t, self.alloc.next_id());
                s[2] = None;
                split.push([None, None, Some(t)]);
            }
        }
        slots.extend(split);
        // Added on both sides under different ids but the same natural key: one entry, under
        // the smaller id (so the merge does not depend on which side is ours).
        for i in 0..slots.len() {
            let Some(key) = only(&slots[i], 1).and_then(|o| natural_key(name, o)) else {
                continue;
            };
            let found = (0..slots.len()).find(|&j| {
                j != i && only(&slots[j], 2).and_then(|t| natural_key(name, t)) == Some(key.clone())
            });
            if let Some(j) = found
                && let Some(mut t) = slots[j][2].take()
                && let Some(o) = slots[i][1].as_mut()
            {
                let id = id_of(o).min(id_of(&t));
                set_id(o, id);
                set_id(&mut t, id);
                slots[i][2] = Some(t);
            }
        }
        let mut out = Vec::new();
        for s in slots {
            let at = |e: &Value| format!("{place}[id={}]", id_of(e));
            match s {
                [_, None, None] => {}
                [None, Some(o), None] => out.push(o),
                [None, None, Some(t)] => out.push(t),
                [b, Some(o), Some(t)] => {
                    let b = b.unwrap_or(Value::Null);
                    out.push(self.value(&b, &o, &t, &at(&o), "", &label(&o)));
                }
                [Some(b), Some(o), None] => {
                    if o != b {
                        self.deleted_and_edited(at(&o), &o, Some(&o), None);
                        out.push(o);
                    }
                }
                [Some(b), None, Some(t)] => {
                    if t != b {
                        self.deleted_and_edited(at(&t), &t, None, Some(&t));
                        out.push(t);
                    }
                }
            }
        }
        out.sort_by_key(id_of);
        out
    }

    fn deleted_and_edited(
        &mut self,
        place: String,
        e: &Value,
        o: Option<&Value>,
        t: Option<&Value>,
    ) {
        self.conflicts.push(Conflict {
            place,
            entry: label(e),
            ours: o.cloned().unwrap_or(Value::Null),
            theirs: t.cloned().unwrap_or(Value::Null),
        });
    }
}

/// The later (or earlier) of two dates written as `YYYY-MM-DD` text; a missing one loses.
fn later(o: &Value, t: &Value, later: bool) -> Value {
    let (os, ts) = (o.as_str(), t.as_str());
    match (os, ts) {
        (Some(a), Some(b)) => {
            if (a >= b) == later {
                o.clone()
            } else {
                t.clone()
            }
        }
        (Some(_), None) => o.clone(),
        _ => t.clone(),
    }
}

fn only(s: &[Option<Value>; 3], side: usize) -> Option<&Value> {
    let alone = (0..3).all(|i| i == side || s[i].is_none());
    if alone { s[side].as_ref() } else { None }
}

pub(crate) fn id_of(e: &Value) -> Id {
    e.get("id").and_then(Value::as_u64).unwrap_or(0)
}

fn set_id(e: &mut Value, id: Id) {
    if let Some(m) = e.as_object_mut() {
        m.insert("id".into(), Value::from(id));
    }
}

/// The entry's name for people: a person's name, a customer, an exam, ...
pub(crate) fn label(e: &Value) -> String {
    ["name", "customer", "exam", "kind", "objectives"]
        .iter()
        .find_map(|k| e.get(*k).and_then(Value::as_str))
        .unwrap_or("")
        .to_string()
}

fn text(e: &Value, k: &str) -> String {
    e.get(k)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// What makes two entries added apart the same entry, when it is known.
fn natural_key(list: &str, e: &Value) -> Option<String> {
    let key = match list {
        "people" => text(e, "email"),
        "opportunities" => text(e, "ace_id"),
        "certifications" => format!("{}|{}", text(e, "exam"), text(e, "earned")),
        "accreditations" => format!("{}|{}", text(e, "kind"), text(e, "earned")),
        _ => return None,
    };
    (!key.is_empty() && key != "|").then_some(key)
}

/// Whether two entries added on both sides under one id are one entry. Random ids (version 3)
/// are the same entry unless their natural keys disagree; small ids (handed out by counting
/// before version 3, so two clones reused them) only when the content or natural key agrees.
fn same_entry(list: &str, o: &Value, t: &Value) -> bool {
    let (ko, kt) = (natural_key(list, o), natural_key(list, t));
    if let (Some(a), Some(b)) = (&ko, &kt) {
        return a == b;
    }
    o == t || id_of(o) >= MIN_NEW_ID
}
