//! Property tests of the three-way store merge on random edits made on two branches from a random
//! base: nothing added is lost, nothing shares an id, a delete against an untouched entry sticks,
//! every same-field disagreement is a recorded conflict, the resolved result validates, merging
//! a side with itself changes nothing, and swapping the sides only swaps the conflicts' sides.

use apn_scorecard::domain::{
    Certification, Id, MIN_NEW_ID, Money, Opportunity, Person, Profile, Settings, Stage, Store,
    Tier,
};
use apn_scorecard::merge::{self, Side};
use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::BTreeSet;

const NAMES: [&str; 3] = ["Ann", "Ben", "Cat"];
const EXAMS: [&str; 2] = ["SAA-C03", "DVA-C02"];

fn day(n: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid") + chrono::Days::new(u64::from(n))
}

fn base_store(people: &[(u8, u8)], opps: u8) -> Store {
    let mut s = Store::new(Profile {
        partner: "P".into(),
        tier: Tier::Select,
        target: None,
        program: "services-path-2023".into(),
        last_tier_review: day(0),
        apn_renewal: day(0),
        tier_history: Vec::new(),
        settings: Settings::default(),
    });
    let mut next = MIN_NEW_ID;
    let mut id = || {
        next += 1;
        next
    };
    for (i, &(name, certs)) in people.iter().enumerate() {
        let mut p = Person::new(id(), NAMES[usize::from(name) % 3]);
        p.email = format!("base{i}@x.com");
        for c in 0..certs {
            p.certifications.push(Certification {
                id: id(),
                exam: EXAMS[usize::from(c) % 2].into(),
                earned: day(c),
                expires: None,
                added: None,
                changed: None,
            });
        }
        s.people.push(p);
    }
    for o in 0..opps {
        s.opportunities.push(Opportunity {
            id: id(),
            ace_id: format!("O{o}"),
            customer: format!("C{o}"),
            title: String::new(),
            stage: Stage::Committed,
            mrr: Money(100),
            launch_date: None,
            referenceable: false,
            added: None,
            changed: None,
        });
    }
    s
}

/// One edit: (what, which entry, a value).
type Op = (u8, u8, u8);

/// Applies edits on one branch; new ids come from the branch's own range, as random ids would.
fn edited(base: &Store, ops: &[Op], branch: u64) -> (Store, BTreeSet<Id>) {
    let mut s = base.clone();
    let mut added = BTreeSet::new();
    let mut next = MIN_NEW_ID + branch * 1_000_000;
    for (n, &(what, which, value)) in ops.iter().enumerate() {
        next += 1;
        let np = s.people.len();
        let at = usize::from(which) % np.max(1);
        match what % 7 {
            0 => {
                let mut p = Person::new(next, NAMES[usize::from(value) % 3]);
                p.email = format!("b{branch}-{n}@x.com");
                s.people.push(p);
                added.insert(next);
            }
            1 if np > 0 => {
                s.people.remove(at);
            }
            2 if np > 0 => s.people[at].name = NAMES[usize::from(value) % 3].into(),
            3 if np > 0 => s.people[at].left_on = Some(day(value % 4)),
            4 if np > 0 => {
                s.people[at].certifications.push(Certification {
                    id: next,
                    exam: EXAMS[usize::from(value) % 2].into(),
                    earned: day(value / 2 + 100),
                    expires: None,
                    added: None,
                    changed: None,
                });
                added.insert(next);
            }
            5 if !s.opportunities.is_empty() => {
                let i = usize::from(which) % s.opportunities.len();
                s.opportunities[i].mrr = Money(i64::from(value % 3) * 100);
            }
            6 if np > 0 => s.people[at].linked = value % 2 == 0,
            _ => {}
        }
    }
    (s, added)
}

fn ids(s: &Store) -> BTreeSet<Id> {
    s.all_ids().collect()
}

fn resolved_all(mut s: Store, side: Side) -> Store {
    while !s.conflicts.is_empty() {
        merge::resolve(&mut s, 0, side).expect("resolves");
    }
    s
}

fn sorted(s: &Store) -> Store {
    let mut s = s.clone();
    s.sort_by_id();
    s
}

fn people() -> impl Strategy<Value = Vec<(u8, u8)>> {
    prop::collection::vec((0u8..3, 0u8..3), 0..5)
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec((0u8..7, any::<u8>(), any::<u8>()), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merge_keeps_adds_drops_clean_deletes_and_records_every_clash(
        people in people(), opps in 0u8..3, a in ops(), b in ops(),
    ) {
        let base = base_store(&people, opps);
        let (ours, added_o) = edited(&base, &a, 1);
        let (theirs, added_t) = edited(&base, &b, 2);
        let m = merge::merge(&base, &ours, &theirs).expect("merges");
        let got = ids(&m);

        for id in added_o.iter().chain(&added_t) {
            let still = ids(&ours).contains(id) || ids(&theirs).contains(id);
            prop_assert!(!still || got.contains(id), "added entry {} lost", id);
        }
        prop_assert!(merge::findings(&m).is_empty(), "{:?}", merge::findings(&m));
        prop_assert_eq!(m.all_ids().count(), got.len(), "an id is shared");

        for bp in &base.people {
            let o = ours.person(bp.id);
            let t = theirs.person(bp.id);
            match (o, t) {
                (None, Some(t)) if t == bp => prop_assert!(m.person(bp.id).is_none()),
                (Some(o), None) if o == bp => prop_assert!(m.person(bp.id).is_none()),
                (None, Some(_)) | (Some(_), None) => {
                    prop_assert!(m.person(bp.id).is_some(), "edited entry kept");
                    let place = format!("people[id={}]", bp.id);
                    prop_assert!(m.conflicts.iter().any(|c| c.place == place));
                }
                (Some(o), Some(t)) => {
                    if o.name != bp.name && t.name != bp.name && o.name != t.name {
                        let place = format!("people[id={}].name", bp.id);
                        let c = m.conflicts.iter().find(|c| c.place == place);
                        prop_assert!(c.is_some(), "clash on {} not recorded", place);
                        let c = c.expect("checked");
                        prop_assert_eq!(c.ours.as_str(), Some(o.name.as_str()));
                        prop_assert_eq!(c.theirs.as_str(), Some(t.name.as_str()));
                    }
                    if o.left_on != bp.left_on && t.left_on != bp.left_on && o.left_on != t.left_on {
                        let place = format!("people[id={}].left_on", bp.id);
                        prop_assert!(m.conflicts.iter().any(|c| c.place == place));
                    }
                }
                (None, None) => prop_assert!(m.person(bp.id).is_none()),
            }
        }

        let program = Program::embedded().expect("assets");
        for side in [Side::Ours, Side::Theirs] {
            let r = resolved_all(m.clone(), side);
            let problems = store::check(&r, &program);
            prop_assert!(problems.is_empty(), "{:?}", problems);
            prop_assert!(merge::findings(&r).is_empty());
            // And it survives the file format.
            let text = store::to_ron(&r).expect("serialises");
            prop_assert_eq!(store::parse(&text, std::path::Path::new("m")).expect("parses"), r);
        }
    }

    #[test]
    fn merging_a_side_with_itself_or_the_base_changes_nothing(
        people in people(), opps in 0u8..3, a in ops(),
    ) {
        let base = base_store(&people, opps);
        let (x, _) = edited(&base, &a, 1);
        prop_assert_eq!(merge::merge(&base, &x, &x).expect("merges"), sorted(&x));
        prop_assert_eq!(merge::merge(&base, &x, &base).expect("merges"), sorted(&x));
        prop_assert_eq!(merge::merge(&base, &base, &x).expect("merges"), sorted(&x));
    }

    #[test]
    fn swapping_sides_only_swaps_the_conflicts(
        people in people(), opps in 0u8..3, a in ops(), b in ops(),
    ) {
        let base = base_store(&people, opps);
        let (ours, _) = edited(&base, &a, 1);
        let (theirs, _) = edited(&base, &b, 2);
        let ot = merge::merge(&base, &ours, &theirs).expect("merges");
        let to = merge::merge(&base, &theirs, &ours).expect("merges");
        prop_assert_eq!(ot.conflicts.len(), to.conflicts.len());
        prop_assert_eq!(resolved_all(ot.clone(), Side::Theirs), resolved_all(to.clone(), Side::Ours));
        prop_assert_eq!(resolved_all(ot, Side::Ours), resolved_all(to, Side::Theirs));
    }
}
