//! Undo and redo without a whole store per step. A `Shared` state holds every entry behind an
//! `Arc`; recording a change shares each entry (and each list) that did not change with the
//! state before it, so a step costs its changed entries plus a pointer per entry of a changed
//! list. The same `Shared` goes to the writer thread, which builds the `Store` it writes there,
//! off the input thread.

use crate::domain::{Id, Store};
use std::collections::VecDeque;
use std::sync::Arc;

/// How many changes `u` can take back.
pub const UNDO_DEPTH: usize = 100;

type List<T> = Arc<Vec<Arc<T>>>;

/// A store whose entries are shared between the states of the history.
#[derive(Debug, Clone)]
pub struct Shared {
    /// Everything but the lists below (profile, Premier checklist, version): small.
    rest: Arc<Store>,
    people: List<crate::domain::Person>,
    opportunities: List<crate::domain::Opportunity>,
    business_plans: List<crate::domain::BusinessPlan>,
    references: List<crate::domain::Reference>,
    csat: List<crate::domain::CsatResponse>,
    threshold_overrides: List<crate::domain::ThresholdOverride>,
}

/// The part of the store one change touched, when the change knows it (a form names its
/// entry): the undo step then compares only that part, not every entry of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touched {
    pub part: Part,
    /// The one entry of `part` changed or deleted; `None` when the change only adds one (or,
    /// for thresholds, which have no ids).
    pub id: Option<Id>,
}

/// A part of the store: everything but the lists, or one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Rest,
    People,
    Opportunities,
    BusinessPlans,
    References,
    Csat,
    Thresholds,
}

/// An entry's id, for matching entries without comparing them field by field.
trait Keyed {
    fn key(&self) -> Option<Id>;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> Option<Id> {
                Some(self.id)
            }
        }
    )*};
}
keyed!(
    crate::domain::Person,
    crate::domain::Opportunity,
    crate::domain::BusinessPlan,
    crate::domain::Reference,
    crate::domain::CsatResponse
);

impl Keyed for crate::domain::ThresholdOverride {
    fn key(&self) -> Option<Id> {
        None
    }
}

/// `live` as a list sharing every entry it has in common with `prev`, comparing each pair.
fn share<T: PartialEq + Clone>(live: &[T], prev: &List<T>) -> List<T> {
    share_by(live, prev, |a, x| a == x)
}

/// `share` for a list where only the entry `touched` may have changed in place: any other
/// entry at the matching place with its id is the same entry (compared by id alone).
fn share_touched<T: PartialEq + Clone + Keyed>(
    live: &[T],
    prev: &List<T>,
    touched: Option<Id>,
) -> List<T> {
    share_by(live, prev, |a, x| match (a.key(), x.key()) {
        (Some(ka), Some(kx)) if ka == kx && touched != Some(kx) => true,
        _ => a == x,
    })
}

/// Edits insert, remove or change an entry in place, so a match for each entry of `live` is
/// looked for at the same position of `prev` and one further on.
fn share_by<T: Clone>(live: &[T], prev: &List<T>, same: impl Fn(&T, &T) -> bool) -> List<T> {
    let mut j = 0;
    let mut all_shared = live.len() == prev.len();
    let out: Vec<Arc<T>> = live
        .iter()
        .map(|x| {
            if let Some(a) = prev.get(j).filter(|a| same(a, x)) {
                j += 1;
                return Arc::clone(a);
            }
            all_shared = false;
            if let Some(a) = prev.get(j + 1).filter(|a| same(a, x)) {
                j += 2;
                return Arc::clone(a);
            }
            Arc::new(x.clone())
        })
        .collect();
    if all_shared {
        Arc::clone(prev)
    } else {
        Arc::new(out)
    }
}

fn own<T: Clone>(list: &List<T>) -> Vec<T> {
    list.iter().map(|x| T::clone(x)).collect()
}

fn fresh<T: Clone>(live: &[T]) -> List<T> {
    Arc::new(live.iter().cloned().map(Arc::new).collect())
}

/// The store without its lists (cloned without copying them).
fn rest_of(store: &Store) -> Store {
    Store {
        version: store.version,
        profile: store.profile.clone(),
        premier: store.premier.clone(),
        people: Vec::new(),
        opportunities: Vec::new(),
        business_plans: Vec::new(),
        references: Vec::new(),
        csat: Vec::new(),
        threshold_overrides: Vec::new(),
        conflicts: store.conflicts.clone(),
        ace_sync: store.ace_sync.clone(),
    }
}

impl Shared {
    /// A first state: every entry copied once.
    pub fn of(store: &Store) -> Shared {
        Shared {
            rest: Arc::new(rest_of(store)),
            people: fresh(&store.people),
            opportunities: fresh(&store.opportunities),
            business_plans: fresh(&store.business_plans),
            references: fresh(&store.references),
            csat: fresh(&store.csat),
            threshold_overrides: fresh(&store.threshold_overrides),
        }
    }

    /// `store` as a state sharing what it has in common with `self`.
    pub fn next(&self, store: &Store) -> Shared {
        self.next_with(store, None)
    }

    /// `store`, changed only in `touched`, as a state sharing the rest with `self`: the other
    /// lists are not looked at, and in the touched one only the touched entry is compared.
    pub fn next_touched(&self, store: &Store, touched: Touched) -> Shared {
        self.next_with(store, Some(touched))
    }

    fn next_with(&self, store: &Store, touched: Option<Touched>) -> Shared {
        fn part<T: PartialEq + Clone + Keyed>(
            live: &[T],
            prev: &List<T>,
            this: Part,
            touched: Option<Touched>,
        ) -> List<T> {
            match touched {
                Some(t) if t.part == this => share_touched(live, prev, t.id),
                Some(_) if live.len() == prev.len() => Arc::clone(prev),
                // No part named, or not this one after all (its length moved): compare it whole.
                _ => share(live, prev),
            }
        }
        let rest = rest_of(store);
        Shared {
            rest: if rest == *self.rest {
                Arc::clone(&self.rest)
            } else {
                Arc::new(rest)
            },
            people: part(&store.people, &self.people, Part::People, touched),
            opportunities: part(
                &store.opportunities,
                &self.opportunities,
                Part::Opportunities,
                touched,
            ),
            business_plans: part(
                &store.business_plans,
                &self.business_plans,
                Part::BusinessPlans,
                touched,
            ),
            references: part(
                &store.references,
                &self.references,
                Part::References,
                touched,
            ),
            csat: part(&store.csat, &self.csat, Part::Csat, touched),
            threshold_overrides: part(
                &store.threshold_overrides,
                &self.threshold_overrides,
                Part::Thresholds,
                touched,
            ),
        }
    }

    /// The plain store of this state (a copy of every entry).
    pub fn to_store(&self) -> Store {
        Store {
            people: own(&self.people),
            opportunities: own(&self.opportunities),
            business_plans: own(&self.business_plans),
            references: own(&self.references),
            csat: own(&self.csat),
            threshold_overrides: own(&self.threshold_overrides),
            ..rest_of(&self.rest)
        }
    }

    /// How many entries the list `part` holds (0 for the rest).
    pub fn len(&self, part: Part) -> usize {
        match part {
            Part::People => self.people.len(),
            Part::Opportunities => self.opportunities.len(),
            Part::BusinessPlans => self.business_plans.len(),
            Part::References => self.references.len(),
            Part::Csat => self.csat.len(),
            Part::Thresholds => self.threshold_overrides.len(),
            Part::Rest => 0,
        }
    }

    /// Where the entry `id` sits in the list `part` (lists with ids only).
    pub fn position(&self, part: Part, id: Id) -> Option<usize> {
        fn find<T: Keyed>(list: &List<T>, id: Id) -> Option<usize> {
            list.iter().position(|x| x.key() == Some(id))
        }
        match part {
            Part::People => find(&self.people, id),
            Part::Opportunities => find(&self.opportunities, id),
            Part::BusinessPlans => find(&self.business_plans, id),
            Part::References => find(&self.references, id),
            Part::Csat => find(&self.csat, id),
            Part::Rest | Part::Thresholds => None,
        }
    }

    /// Whether `other` is this very state (shares every part), without comparing entries.
    pub fn same(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.rest, &other.rest)
            && Arc::ptr_eq(&self.people, &other.people)
            && Arc::ptr_eq(&self.opportunities, &other.opportunities)
            && Arc::ptr_eq(&self.business_plans, &other.business_plans)
            && Arc::ptr_eq(&self.references, &other.references)
            && Arc::ptr_eq(&self.csat, &other.csat)
            && Arc::ptr_eq(&self.threshold_overrides, &other.threshold_overrides)
    }

    /// Which of the tables' lists (people, opportunities, references, CSAT, in `TableKind`
    /// order) differ from `before`'s: a list shared whole by `next` is the very same `Arc`.
    pub fn lists_changed(&self, before: &Shared) -> [bool; 4] {
        [
            !Arc::ptr_eq(&self.people, &before.people),
            !Arc::ptr_eq(&self.opportunities, &before.opportunities),
            !Arc::ptr_eq(&self.references, &before.references),
            !Arc::ptr_eq(&self.csat, &before.csat),
        ]
    }

    /// Whether `store` holds exactly this state.
    pub fn matches(&self, store: &Store) -> bool {
        fn same<T: PartialEq>(a: &[Arc<T>], b: &[T]) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| **x == *y)
        }
        *self.rest == rest_of(store)
            && same(&self.people, &store.people)
            && same(&self.opportunities, &store.opportunities)
            && same(&self.business_plans, &store.business_plans)
            && same(&self.references, &store.references)
            && same(&self.csat, &store.csat)
            && same(&self.threshold_overrides, &store.threshold_overrides)
    }
}

/// One undo (or redo) step: the state to go back to, and what the change was.
#[derive(Debug, Clone)]
pub struct Step {
    pub state: Shared,
    pub what: String,
}

/// The states before (undo) and after (redo) the current one.
#[derive(Debug, Clone)]
pub struct History {
    current: Shared,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl History {
    pub fn new(store: &Store) -> History {
        History {
            current: Shared::of(store),
            undo: VecDeque::new(),
            redo: Vec::new(),
        }
    }

    /// The state the store is in since the last record, undo or redo.
    pub fn current(&self) -> &Shared {
        &self.current
    }

    /// The state before the last change (the top undo step).
    pub fn before(&self) -> Option<&Shared> {
        self.undo.back().map(|s| &s.state)
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Takes `store`, changed outside the history, as the current state (no undo step).
    pub fn resync(&mut self, store: &Store) {
        self.current = self.current.next(store);
    }

    /// Forgets every step: after a reload.
    pub fn reset(&mut self, store: &Store) {
        *self = History::new(store);
    }

    /// `store` was changed by `what`: the state before becomes an undo step. Returns which
    /// tables' lists changed (see `Shared::lists_changed`), so the others keep their caches.
    pub fn record(&mut self, store: &Store, what: String) -> [bool; 4] {
        let next = self.current.next(store);
        self.push(next, what)
    }

    /// `record` for a change that names the part it touched (see `Touched`).
    pub fn record_touched(&mut self, store: &Store, what: String, touched: Touched) -> [bool; 4] {
        let next = self.current.next_touched(store, touched);
        // Every test that edits through a form checks that the change touched what it named.
        debug_assert!(next.matches(store), "{what}: changed more than {touched:?}");
        self.push(next, what)
    }

    fn push(&mut self, next: Shared, what: String) -> [bool; 4] {
        let changed = next.lists_changed(&self.current);
        let before = std::mem::replace(&mut self.current, next);
        self.undo.push_back(Step {
            state: before,
            what,
        });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.pop_front();
        }
        self.redo.clear();
        changed
    }

    /// Steps back (or forward): the store to show and what the step was.
    pub fn step(&mut self, back: bool) -> Option<(Store, String)> {
        let step = if back {
            self.undo.pop_back()?
        } else {
            self.redo.pop()?
        };
        let current = std::mem::replace(&mut self.current, step.state);
        let other = Step {
            state: current,
            what: step.what.clone(),
        };
        if back {
            self.redo.push(other);
        } else {
            self.undo.push_back(other);
        }
        Some((self.current.to_store(), step.what))
    }

    /// Puts `store` back to the current state if a refused change touched it.
    pub fn restore(&self, store: &mut Store) {
        if !self.current.matches(store) {
            *store = self.current.to_store();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CsatResponse;

    fn demo() -> Store {
        crate::assets::demo_store("2026-11-26".parse().expect("date")).expect("demo")
    }

    #[test]
    fn unchanged_entries_and_lists_are_shared_and_undo_redo_round_trip() {
        let mut s = demo();
        let original = s.clone();
        let mut h = History::new(&s);
        s.people[1].name = "Changed".into();
        assert_eq!(h.record(&s, "rename".into()), [true, false, false, false]);
        let (before, now) = (&h.undo[0].state, h.current());
        assert!(Arc::ptr_eq(&before.opportunities, &now.opportunities));
        assert!(Arc::ptr_eq(&before.people[0], &now.people[0]));
        assert!(!Arc::ptr_eq(&before.people[1], &now.people[1]));
        assert!(Arc::ptr_eq(&before.people[2], &now.people[2]));
        s.people.remove(0);
        h.record(&s, "delete".into());
        let (before, now) = (&h.undo[1].state, h.current());
        // After a removal the rest of the list is still shared.
        assert!(Arc::ptr_eq(&before.people[2], &now.people[1]));
        assert_eq!(h.current().to_store(), s);
        let (back, what) = h.step(true).expect("undo");
        assert_eq!(what, "delete");
        assert_eq!(back.people[0].name, original.people[0].name);
        let (back, _) = h.step(true).expect("undo");
        assert_eq!(back, original);
        assert!(h.step(true).is_none());
        let (fwd, what) = h.step(false).expect("redo");
        assert_eq!(what, "rename");
        assert_eq!(fwd.people[1].name, "Changed");
    }

    #[test]
    fn a_change_that_names_its_entry_shares_the_rest_and_undoes_exactly() {
        let mut s = demo();
        let original = s.clone();
        let mut h = History::new(&s);
        let id = s.people[2].id;
        s.people[2].name = "Renamed".into();
        let touched = Touched {
            part: Part::People,
            id: Some(id),
        };
        assert_eq!(
            h.record_touched(&s, "rename".into(), touched),
            [true, false, false, false]
        );
        let (before, now) = (&h.undo[0].state, h.current());
        assert!(Arc::ptr_eq(&before.people[1], &now.people[1]));
        assert!(!Arc::ptr_eq(&before.people[2], &now.people[2]));
        assert_eq!(now.people[2].name, "Renamed");
        // A delete and an add, each naming its part.
        let gone = s.opportunities.remove(3);
        h.record_touched(
            &s,
            "delete".into(),
            Touched {
                part: Part::Opportunities,
                id: Some(gone.id),
            },
        );
        s.csat.push(CsatResponse {
            id: 999_999_999_999,
            ..s.csat[0].clone()
        });
        h.record_touched(
            &s,
            "add".into(),
            Touched {
                part: Part::Csat,
                id: None,
            },
        );
        assert_eq!(h.current().to_store(), s);
        for _ in 0..3 {
            h.step(true).expect("undo");
        }
        assert_eq!(h.current().to_store(), original);
    }

    #[test]
    fn a_list_the_change_did_not_name_is_still_compared_when_its_length_moved() {
        let mut s = demo();
        let mut h = History::new(&s);
        s.references.clear();
        let touched = Touched {
            part: Part::Rest,
            id: None,
        };
        h.record_touched(&s, "cleared".into(), touched);
        assert!(h.current().references.is_empty());
    }

    #[test]
    fn the_history_keeps_the_last_hundred_steps() {
        let mut s = demo();
        let mut h = History::new(&s);
        for i in 0..UNDO_DEPTH + 3 {
            s.profile.settings.horizon_days = i as u32 % 7 + 30;
            // A profile change leaves every table's list as it was.
            assert_eq!(h.record(&s, format!("step {i}")), [false; 4]);
        }
        assert_eq!(h.undo_len(), UNDO_DEPTH);
        assert_eq!(h.undo.front().map(|s| s.what.as_str()), Some("step 3"));
    }
}
