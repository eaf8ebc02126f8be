//! Id trouble found on every load: ids shared by two entries (a hand edit, or a merge of copies
//! from before version 3) and conflicts pointing at entries that are gone.

use super::resolve::{find, steps};
use crate::domain::{Id, IdAlloc, Store};
use std::collections::{BTreeMap, HashSet};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// Two or more entries of one list (holdings: of the whole store) share an id.
    DuplicateId,
    /// A recorded conflict names a place that is not in the store.
    DanglingConflict,
}

/// One id problem: which kind, in which list, which id, and the names of the entries involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// `people`, `holdings` (certifications, accreditations and planned exams share ids),
    /// `opportunities`, ..., or `conflicts`.
    pub list: &'static str,
    pub id: Id,
    /// The entries sharing the id, or the conflict's place.
    pub names: Vec<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.names.iter().map(|n| format!("{n:?}")).collect();
        match self.kind {
            FindingKind::DuplicateId => write!(
                f,
                "{}: id {} is used by {} entries: {}",
                self.list,
                self.id,
                self.names.len(),
                names.join(", ")
            ),
            FindingKind::DanglingConflict => write!(
                f,
                "conflicts: conflict {} is about {}, which is not in the store",
                self.id,
                names.join(", ")
            ),
        }
    }
}

/// Every list's entries as (id, name), holdings of all people together.
fn lists(s: &Store) -> Vec<(&'static str, Vec<(Id, String)>)> {
    let mut holdings = Vec::new();
    for p in &s.people {
        for c in &p.certifications {
            holdings.push((c.id, format!("{} {}", p.name, c.exam)));
        }
        for a in &p.accreditations {
            holdings.push((a.id, format!("{} {}", p.name, a.kind)));
        }
        for x in &p.planned_exams {
            holdings.push((x.id, format!("{} plans {}", p.name, x.exam)));
        }
    }
    vec![
        (
            "people",
            s.people.iter().map(|p| (p.id, p.name.clone())).collect(),
        ),
        ("holdings", holdings),
        (
            "opportunities",
            s.opportunities
                .iter()
                .map(|o| (o.id, o.customer.clone()))
                .collect(),
        ),
        (
            "business_plans",
            s.business_plans
                .iter()
                .map(|b| (b.id, b.objectives.clone()))
                .collect(),
        ),
        (
            "references",
            s.references
                .iter()
                .map(|r| (r.id, r.customer.clone()))
                .collect(),
        ),
        (
            "csat",
            s.csat.iter().map(|c| (c.id, c.customer.clone())).collect(),
        ),
        (
            "premier.competencies",
            s.premier
                .competencies
                .iter()
                .map(|c| (c.id, c.name.clone()))
                .collect(),
        ),
    ]
}

/// Whether any id repeats within one list (holdings: within the store). Ids only, no names, so
/// the check every command runs stays cheap on a healthy store.
fn any_duplicate(s: &Store) -> bool {
    fn dup(ids: impl Iterator<Item = Id>) -> bool {
        let mut seen = HashSet::new();
        ids.into_iter().any(|id| !seen.insert(id))
    }
    dup(s.people.iter().map(|p| p.id))
        || dup(s.people.iter().flat_map(|p| {
            p.certifications
                .iter()
                .map(|c| c.id)
                .chain(p.accreditations.iter().map(|a| a.id))
                .chain(p.planned_exams.iter().map(|x| x.id))
        }))
        || dup(s.opportunities.iter().map(|o| o.id))
        || dup(s.business_plans.iter().map(|b| b.id))
        || dup(s.references.iter().map(|r| r.id))
        || dup(s.csat.iter().map(|c| c.id))
        || dup(s.premier.competencies.iter().map(|c| c.id))
}

/// Duplicate ids and dangling conflicts, in list order. Empty for a healthy store.
pub fn findings(s: &Store) -> Vec<Finding> {
    let mut out = Vec::new();
    let lists = if any_duplicate(s) {
        lists(s)
    } else {
        Vec::new()
    };
    for (list, entries) in lists {
        let mut by_id: BTreeMap<Id, Vec<String>> = BTreeMap::new();
        for (id, name) in entries {
            by_id.entry(id).or_default().push(name);
        }
        for (id, names) in by_id {
            if names.len() > 1 {
                out.push(Finding {
                    kind: FindingKind::DuplicateId,
                    list,
                    id,
                    names,
                });
            }
        }
    }
    if !s.conflicts.is_empty() {
        let root = serde_json::to_value(s).unwrap_or_default();
        for (i, c) in s.conflicts.iter().enumerate() {
            // An entry conflict needs its list to exist; a field conflict, its entry.
            let parent = steps(&c.place)
                .and_then(|st| find(&root, &st[..st.len().saturating_sub(1)]).map(|_| ()));
            if parent.is_none() {
                out.push(Finding {
                    kind: FindingKind::DanglingConflict,
                    list: "conflicts",
                    id: i as Id + 1,
                    names: vec![c.place.clone()],
                });
            }
        }
    }
    out
}

/// The one-line banner the dashboard shows when it opens a store with id trouble read-only.
pub fn read_only_banner(s: &Store) -> Option<String> {
    let f = findings(s);
    let first = f.first()?;
    let more = match f.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Some(format!(
        "Read-only: {first}{more}. Run `apn-scorecard validate --fix` to repair."
    ))
}

/// The repaired store and one line per repair: every entry sharing an id but the first gets a
/// fresh id (holdings stay with their person, so nothing that refers to them changes), and each
/// conflict about an entry that is gone is dropped (its values are shown in the line).
pub fn plan_fix(s: &Store) -> (Store, Vec<String>) {
    let mut fixed = s.clone();
    let mut lines = Vec::new();
    let mut alloc = IdAlloc::new(s);
    let mut seen: BTreeMap<(&str, Id), ()> = BTreeMap::new();
    let mut renew = |list: &'static str, id: &mut Id, name: &str, lines: &mut Vec<String>| {
        if seen.insert((list, *id), ()).is_some() {
            let new = alloc.next_id();
            lines.push(format!("{list}: {name:?} id {} -> {new}", *id));
            *id = new;
        }
    };
    for p in &mut fixed.people {
        renew("people", &mut p.id, &p.name.clone(), &mut lines);
        let who = p.name.clone();
        for c in &mut p.certifications {
            renew(
                "holdings",
                &mut c.id,
                &format!("{who} {}", c.exam),
                &mut lines,
            );
        }
        for a in &mut p.accreditations {
            renew(
                "holdings",
                &mut a.id,
                &format!("{who} {}", a.kind),
                &mut lines,
            );
        }
        for x in &mut p.planned_exams {
            renew(
                "holdings",
                &mut x.id,
                &format!("{who} plans {}", x.exam),
                &mut lines,
            );
        }
    }
    for o in &mut fixed.opportunities {
        renew("opportunities", &mut o.id, &o.customer.clone(), &mut lines);
    }
    for b in &mut fixed.business_plans {
        renew(
            "business_plans",
            &mut b.id,
            &b.objectives.clone(),
            &mut lines,
        );
    }
    for r in &mut fixed.references {
        renew("references", &mut r.id, &r.customer.clone(), &mut lines);
    }
    for c in &mut fixed.csat {
        renew("csat", &mut c.id, &c.customer.clone(), &mut lines);
    }
    for c in &mut fixed.premier.competencies {
        renew(
            "premier.competencies",
            &mut c.id,
            &c.name.clone(),
            &mut lines,
        );
    }
    let dangling: Vec<usize> = findings(s)
        .iter()
        .filter(|f| f.kind == FindingKind::DanglingConflict)
        .map(|f| f.id as usize - 1)
        .collect();
    for &i in dangling.iter().rev() {
        let c = fixed.conflicts.remove(i);
        lines.push(format!(
            "conflicts: drop conflict {} about {} (its entry is gone; ours {}, theirs {})",
            i + 1,
            c.place,
            c.ours,
            c.theirs
        ));
    }
    fixed.sort_by_id();
    (fixed, lines)
}
