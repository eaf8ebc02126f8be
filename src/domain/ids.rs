//! Entry ids that two copies of a store edited apart never both hand out.
//!
//! New ids are drawn at random from `[2^32, 2^53)`: far above the small `max + 1` ids of version
//! 2 stores (kept as they are, so two clones migrated apart still agree), below 2^53 so every id
//! stays exact in JSON, and wide enough (about 9 * 10^15 values) that two people adding entries
//! at the same time practically never pick the same one. A draw that is already taken anywhere in
//! the store is drawn again, so allocation never overflows, wraps, or returns an existing id.

use super::{Id, Store};
use std::collections::HashSet;

/// The smallest id handed out.
pub const MIN_NEW_ID: Id = 1 << 32;
/// One past the largest id handed out (2^53: JSON numbers are exact below it).
pub const MAX_NEW_ID: Id = 1 << 53;

/// Hands out ids not used anywhere in a store (any list) nor handed out before by this value.
#[derive(Debug, Clone)]
pub struct IdAlloc {
    taken: HashSet<Id>,
    rng: fastrand::Rng,
}

impl IdAlloc {
    /// Ids free in `store`, drawn from a randomly seeded generator.
    pub fn new(store: &Store) -> IdAlloc {
        IdAlloc::with_rng(store, fastrand::Rng::new())
    }

    /// The same, but the same seed gives the same ids: for the merge driver (a merge must be a
    /// function of its inputs) and for tests.
    pub fn seeded(store: &Store, seed: u64) -> IdAlloc {
        IdAlloc::with_rng(store, fastrand::Rng::with_seed(seed))
    }

    fn with_rng(store: &Store, rng: fastrand::Rng) -> IdAlloc {
        IdAlloc {
            taken: store.all_ids().collect(),
            rng,
        }
    }

    /// Marks `id` as used, so it is never handed out.
    pub fn reserve(&mut self, id: Id) {
        self.taken.insert(id);
    }

    /// A fresh id in `[MIN_NEW_ID, MAX_NEW_ID)`, never one in use.
    pub fn next_id(&mut self) -> Id {
        loop {
            let id = self.rng.u64(MIN_NEW_ID..MAX_NEW_ID);
            if self.taken.insert(id) {
                return id;
            }
        }
    }
}

impl Store {
    /// Every entry id in the store, in every list (with repeats if the store has duplicates).
    pub fn all_ids(&self) -> impl Iterator<Item = Id> + '_ {
        let people = self.people.iter().flat_map(|p| {
            std::iter::once(p.id)
                .chain(p.certifications.iter().map(|c| c.id))
                .chain(p.accreditations.iter().map(|a| a.id))
                .chain(p.planned_exams.iter().map(|e| e.id))
        });
        people
            .chain(self.opportunities.iter().map(|o| o.id))
            .chain(self.business_plans.iter().map(|b| b.id))
            .chain(self.references.iter().map(|r| r.id))
            .chain(self.csat.iter().map(|c| c.id))
            .chain(self.premier.competencies.iter().map(|c| c.id))
    }

    /// A fresh id for a new entry of any list (people, holdings, opportunities, ...).
    pub fn new_id(&self) -> Id {
        // One id: a scan of the ids in place beats building a set of them all (at 25,000
        // people and 60,000 opportunities the set took some 200 ms of a form's save). A clash
        // is one in billions, and then the scan simply runs again.
        let mut rng = fastrand::Rng::new();
        loop {
            let id = rng.u64(MIN_NEW_ID..MAX_NEW_ID);
            if !self.all_ids().any(|x| x == id) {
                return id;
            }
        }
    }

    /// Sorts every list by id (stable, so entries sharing an id keep their order). Written
    /// files are sorted, so entries added on two branches land in different places of the file.
    pub fn sort_by_id(&mut self) {
        self.people.sort_by_key(|p| p.id);
        for p in &mut self.people {
            p.certifications.sort_by_key(|c| c.id);
            p.accreditations.sort_by_key(|a| a.id);
            p.planned_exams.sort_by_key(|e| e.id);
        }
        self.opportunities.sort_by_key(|o| o.id);
        self.business_plans.sort_by_key(|b| b.id);
        self.references.sort_by_key(|r| r.id);
        self.csat.sort_by_key(|c| c.id);
        self.premier.competencies.sort_by_key(|c| c.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Person, Profile, Settings, Tier};

    fn store_with(ids: &[Id]) -> Store {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
        let mut s = Store::new(Profile {
            partner: "P".into(),
            tier: Tier::Select,
            target: None,
            program: "services-path-2023".into(),
            last_tier_review: day,
            apn_renewal: day,
            tier_history: Vec::new(),
            settings: Settings::default(),
        });
        for &id in ids {
            s.people.push(Person::new(id, format!("P{id}")));
        }
        s
    }

    #[test]
    fn new_ids_are_in_range_and_never_taken() {
        let s = store_with(&[1, 2, u64::MAX, MIN_NEW_ID]);
        let mut a = IdAlloc::seeded(&s, 7);
        let mut seen = HashSet::new();
        for _ in 0..10_000 {
            let id = a.next_id();
            assert!((MIN_NEW_ID..MAX_NEW_ID).contains(&id), "{id}");
            assert!(![1, 2, u64::MAX, MIN_NEW_ID].contains(&id));
            assert!(seen.insert(id), "{id} handed out twice");
        }
    }

    #[test]
    fn a_hand_edited_max_id_does_not_stop_allocation() {
        let s = store_with(&[u64::MAX]);
        let id = s.new_id();
        assert_ne!(id, u64::MAX);
        assert!(id < MAX_NEW_ID);
    }
}
