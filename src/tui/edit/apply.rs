//! Applying validated form values to the store. Values are read by typed key (`forms::k`);
//! refusals name their field by id. Every check runs before the store is touched.

use super::Target;
use super::forms::k;
use crate::domain::{
    Accreditation, BusinessPlan, Certification, CsatResponse, Id, Opportunity, Person, PlannedExam,
    PremierChecklist, Profile, Reference, Store, ThresholdOverride, Tier, TierChange,
};
use crate::tui::form::{FieldId, Values};
use chrono::NaiveDate;

pub use crate::tui::form::Refusal;

/// The earned day and an optional expiry after it.
fn earned_expiry(v: &Values) -> Result<(NaiveDate, Option<NaiveDate>), Refusal> {
    let (earned, expires) = (v.get(k::EARNED)?, v.get(k::EXPIRES)?);
    match expires {
        Some(e) if e <= earned => Err((
            FieldId::Expires,
            format!("{e} is not after earned {earned}"),
        )),
        _ => Ok((earned, expires)),
    }
}

/// The person a holding belongs to, a free id if the holding is new (`id` is `None`), and
/// their name for messages.
fn holder(
    store: &mut Store,
    person: Id,
    id: Option<Id>,
    on: FieldId,
) -> Result<(&mut Person, Id, String), Refusal> {
    let next = fresh_id(store, id);
    let p = super::person_mut(store, person).ok_or((on, GONE.to_string()))?;
    let name = p.name.clone();
    Ok((p, next, name))
}

/// A free id when adding (`id` is `None`), else 0, never used: drawing one scans every id in
/// the store (some 10 ms at 25,000 people), which an edit need not pay.
fn fresh_id(store: &Store, id: Option<Id>) -> Id {
    if id.is_some() { 0 } else { store.new_id() }
}

/// Why an edit of an entry that is gone, or whose id another entry shares, changes nothing.
const GONE: &str = "this entry is no longer one entry of the store (deleted, or its id is shared: \
                    `apn-scorecard validate --fix` repairs that); nothing changed";

/// The one entry with `id` in `list`, or (no id) a new one pushed from `new()`. Returns whether
/// it is new. An id that is not one entry's alone is refused on field `on`, so an edit never
/// reaches an entry other than the one it was opened on.
fn upsert<T>(
    list: &mut Vec<T>,
    id: Option<Id>,
    id_of: impl Fn(&T) -> Id,
    on: FieldId,
    new: impl FnOnce() -> T,
) -> Result<(&mut T, bool), Refusal> {
    match id {
        Some(id) => {
            let i = super::only(list, id, id_of).ok_or((on, GONE.to_string()))?;
            Ok((&mut list[i], false))
        }
        None => {
            list.push(new());
            let last = list.len() - 1;
            Ok((&mut list[last], true))
        }
    }
}

fn verb(added: bool) -> &'static str {
    if added { "Added" } else { "Updated" }
}

/// What a form edits, as it stands, less its `changed` stamp: equal before and after a save
/// means the save changed nothing.
#[derive(Debug, PartialEq)]
enum Entry {
    Person(Person),
    Certification(Certification),
    Accreditation(Accreditation),
    PlannedExam(PlannedExam),
    Opportunity(Opportunity),
    BusinessPlan(BusinessPlan),
    Reference(Reference),
    Csat(CsatResponse),
    Profile(Profile),
    Premier(PremierChecklist),
    Overrides(Vec<ThresholdOverride>),
}

/// The entry `target` edits; `None` for a new one.
fn entry(store: &Store, target: Target) -> Option<Entry> {
    fn find<T: Clone>(list: &[T], id: Option<Id>, id_of: impl Fn(&T) -> Id) -> Option<T> {
        let id = id?;
        list.iter().find(|x| id_of(x) == id).cloned()
    }
    let holder = |person: Id| store.person(person);
    Some(match target {
        Target::Person(id) => Entry::Person(Person {
            changed: None,
            ..find(&store.people, id, |p| p.id)?
        }),
        Target::Certification { person, id } => Entry::Certification(Certification {
            changed: None,
            ..find(&holder(person)?.certifications, id, |c| c.id)?
        }),
        Target::Accreditation { person, id } => Entry::Accreditation(Accreditation {
            changed: None,
            ..find(&holder(person)?.accreditations, id, |a| a.id)?
        }),
        Target::PlannedExam { person, id } => Entry::PlannedExam(PlannedExam {
            changed: None,
            ..find(&holder(person)?.planned_exams, id, |x| x.id)?
        }),
        Target::Opportunity(id) => Entry::Opportunity(Opportunity {
            changed: None,
            ..find(&store.opportunities, id, |o| o.id)?
        }),
        Target::BusinessPlan(id) => Entry::BusinessPlan(BusinessPlan {
            changed: None,
            ..find(&store.business_plans, id, |b| b.id)?
        }),
        Target::Reference(id) => Entry::Reference(Reference {
            changed: None,
            ..find(&store.references, id, |r| r.id)?
        }),
        Target::Csat(id) => Entry::Csat(CsatResponse {
            changed: None,
            ..find(&store.csat, id, |c| c.id)?
        }),
        Target::Profile => Entry::Profile(store.profile.clone()),
        Target::Premier => Entry::Premier(store.premier.clone()),
        Target::Threshold(_) => Entry::Overrides(store.threshold_overrides.clone()),
    })
}

/// Applies validated form values to the store. Returns a sentence for the status bar, or
/// `None` when the values are what the entry already held: nothing to record or save (the
/// caller puts the `changed` stamp back by restoring the store).
pub fn apply(
    store: &mut Store,
    target: Target,
    v: &Values,
    today: NaiveDate,
    editions: &[String],
) -> Result<Option<String>, Refusal> {
    let before = entry(store, target);
    let msg = apply_values(store, target, v, today, editions)?;
    let same = before.is_some() && before == entry(store, target);
    Ok((!same).then_some(msg))
}

fn apply_values(
    store: &mut Store,
    target: Target,
    v: &Values,
    today: NaiveDate,
    editions: &[String],
) -> Result<String, Refusal> {
    let stamp = Some(today);
    match target {
        Target::Person(id) => {
            let (name, email) = (v.get(k::NAME)?, v.get(k::EMAIL)?);
            let (linked, left_on) = (v.get(k::LINKED)?, v.get(k::LEFT_ON)?);
            if let Some(other) = store.person_by_email(&email)
                && Some(other.id) != id
            {
                let msg = format!("{email} is already {}", other.name);
                return Err((FieldId::Email, msg));
            }
            let next = fresh_id(store, id);
            let (p, added) = upsert(
                &mut store.people,
                id,
                |p| p.id,
                FieldId::Name,
                || {
                    let mut p = Person::new(next, "");
                    p.added = stamp;
                    p
                },
            )?;
            (p.name, p.email, p.linked, p.left_on) = (name.clone(), email, linked, left_on);
            p.changed = stamp;
            Ok(format!("{} {name}", verb(added)))
        }
        Target::Certification { person, id } => {
            let exam = v.get(k::EXAM)?;
            let (earned, expires) = earned_expiry(v)?;
            // The same exam on the same day is the same certification (as the CSV import
            // matches them): a second one would count twice.
            if let Some(p) = store.person(person)
                && p.certifications
                    .iter()
                    .any(|c| c.exam == exam && c.earned == earned && Some(c.id) != id)
            {
                let msg = format!("{} already holds {exam} earned {earned}", p.name);
                return Err((FieldId::Exam, msg));
            }
            let (p, next, name) = holder(store, person, id, FieldId::Exam)?;
            let (c, added) = upsert(
                &mut p.certifications,
                id,
                |c| c.id,
                FieldId::Exam,
                || Certification {
                    id: next,
                    exam: String::new(),
                    earned,
                    expires: None,
                    added: stamp,
                    changed: None,
                },
            )?;
            (c.exam, c.earned, c.expires, c.changed) = (exam.clone(), earned, expires, stamp);
            Ok(format!("{} {exam} for {name}", verb(added)))
        }
        Target::Accreditation { person, id } => {
            let kind = v.pick(k::ACCREDITATION)?;
            let (earned, expires) = earned_expiry(v)?;
            let (p, next, name) = holder(store, person, id, FieldId::AccreditationKind)?;
            let (a, added) = upsert(
                &mut p.accreditations,
                id,
                |a| a.id,
                FieldId::AccreditationKind,
                || Accreditation {
                    id: next,
                    kind,
                    earned,
                    expires: None,
                    added: stamp,
                    changed: None,
                },
            )?;
            (a.kind, a.earned, a.expires, a.changed) = (kind, earned, expires, stamp);
            Ok(format!(
                "{} {} accreditation for {name}",
                verb(added),
                kind.label()
            ))
        }
        Target::PlannedExam { person, id } => {
            let (exam, target) = (v.get(k::EXAM)?, v.get(k::TARGET_DATE)?);
            let (p, next, name) = holder(store, person, id, FieldId::Exam)?;
            let (x, added) = upsert(
                &mut p.planned_exams,
                id,
                |x| x.id,
                FieldId::Exam,
                || PlannedExam {
                    id: next,
                    exam: String::new(),
                    target,
                    added: stamp,
                    changed: None,
                },
            )?;
            (x.exam, x.target, x.changed) = (exam.clone(), target, stamp);
            Ok(if added {
                format!("Planned {exam} for {name} by {target}")
            } else {
                format!("Updated planned {exam} for {name}")
            })
        }
        Target::Opportunity(id) => {
            let (customer, ace_id, title) =
                (v.get(k::CUSTOMER)?, v.get(k::ACE_ID)?, v.get(k::TITLE)?);
            let (stage, mrr, launch) = (v.pick(k::STAGE)?, v.get(k::MRR)?, v.get(k::LAUNCH_DATE)?);
            let referenceable = v.get(k::PUBLIC_REFERENCE)?;
            if let Some(other) = store.opportunity_by_ace_id(&ace_id)
                && Some(other.id) != id
            {
                let msg = format!("{ace_id} is already the opportunity of {}", other.customer);
                return Err((FieldId::AceId, msg));
            }
            if stage == crate::domain::Stage::Launched && launch.is_none() {
                let msg = "a Launched opportunity needs its launch date".to_string();
                return Err((FieldId::LaunchDate, msg));
            }
            let next = fresh_id(store, id);
            let (o, added) = upsert(
                &mut store.opportunities,
                id,
                |o| o.id,
                FieldId::Customer,
                || Opportunity {
                    id: next,
                    ace_id: String::new(),
                    customer: String::new(),
                    title: String::new(),
                    stage,
                    mrr,
                    launch_date: None,
                    referenceable: false,
                    added: stamp,
                    changed: None,
                },
            )?;
            (o.customer, o.ace_id, o.title, o.stage) = (customer.clone(), ace_id, title, stage);
            (o.mrr, o.launch_date, o.referenceable, o.changed) =
                (mrr, launch, referenceable, stamp);
            Ok(format!("{} opportunity {customer}", verb(added)))
        }
        Target::BusinessPlan(id) => {
            let objectives = v.get(k::OBJECTIVES)?;
            let (validated_on, validated_by) = (v.get(k::VALIDATED_ON)?, v.get(k::VALIDATED_BY)?);
            let next = fresh_id(store, id);
            let (b, added) = upsert(
                &mut store.business_plans,
                id,
                |b| b.id,
                FieldId::Objectives,
                || BusinessPlan {
                    id: next,
                    objectives: String::new(),
                    validated_on: None,
                    validated_by: String::new(),
                    added: stamp,
                    changed: None,
                },
            )?;
            (b.objectives, b.validated_on, b.validated_by, b.changed) =
                (objectives, validated_on, validated_by, stamp);
            Ok(if added {
                "Added a business plan validation".into()
            } else {
                "Updated the business plan".into()
            })
        }
        Target::Reference(id) => {
            let (customer, title, url) = (v.get(k::CUSTOMER)?, v.get(k::TITLE)?, v.get(k::URL)?);
            let approved = v.get(k::APPROVED)?;
            let next = fresh_id(store, id);
            let (r, added) = upsert(
                &mut store.references,
                id,
                |r| r.id,
                FieldId::Customer,
                || Reference {
                    id: next,
                    customer: String::new(),
                    title: String::new(),
                    url: String::new(),
                    approved,
                    added: stamp,
                    changed: None,
                },
            )?;
            (r.customer, r.title, r.url, r.approved, r.changed) =
                (customer.clone(), title, url, approved, stamp);
            Ok(format!("{} reference {customer}", verb(added)))
        }
        Target::Csat(id) => {
            let (customer, date, comment) =
                (v.get(k::CUSTOMER)?, v.get(k::DATE)?, v.get(k::COMMENT)?);
            let rating = u8::try_from(v.get(k::RATING)?)
                .map_err(|_| (FieldId::Rating, "must be between 1 and 5".to_string()))?;
            let consent = v.get(k::CONSENT)?;
            let next = fresh_id(store, id);
            let (c, added) = upsert(
                &mut store.csat,
                id,
                |c| c.id,
                FieldId::Customer,
                || CsatResponse {
                    id: next,
                    customer: String::new(),
                    date,
                    rating,
                    consent: false,
                    comment: String::new(),
                    added: stamp,
                    changed: None,
                },
            )?;
            (c.customer, c.date, c.rating) = (customer.clone(), date, rating);
            (c.consent, c.comment, c.changed) = (consent, comment, stamp);
            Ok(if added {
                format!("Added CSAT response of {customer} ({rating}/5)")
            } else {
                format!("Updated CSAT response of {customer}")
            })
        }
        Target::Profile => {
            let (partner, tier) = (v.get(k::PARTNER)?, v.pick(k::TIER)?);
            let target = match v.get(k::TARGET_TIER)? {
                0 => None,
                i => Tier::ALL.get(i - 1).copied(),
            };
            let (old, kept) = (store.profile.tier, store.profile.target);
            // Raising the tier to (or past) a target left as it was moves the target on: the
            // next tier is the goal now (Premier stays Premier's own target).
            let target = match target {
                Some(t) if tier > old && t <= tier && target == kept => None,
                Some(t) if t == tier && tier != Tier::Premier => None,
                other => other,
            };
            if let Some(t) = target
                && t < tier
            {
                return Err((FieldId::TargetTier, format!("{t} is below the tier {tier}")));
            }
            let program = editions
                .get(v.get(k::EDITION)?)
                .cloned()
                .unwrap_or_else(|| store.profile.program.clone());
            let (review, renewal) = (v.get(k::LAST_REVIEW)?, v.get(k::RENEWAL)?);
            let on = match v.get(k::UPGRADED_ON)? {
                Some(_) if tier == old => {
                    let msg = "the tier did not change: leave this blank, or change the tier";
                    return Err((FieldId::UpgradedOn, msg.to_string()));
                }
                on => on.unwrap_or(today),
            };
            let moved = target.is_none() && kept.is_some_and(|k| k <= tier) && kept != target;
            let p = &mut store.profile;
            let mut msg = "Updated the partner profile".to_string();
            if tier != old {
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
            (p.partner, p.tier, p.target, p.program) = (partner, tier, target, program);
            (p.last_tier_review, p.apn_renewal) = (review, renewal);
            if moved {
                msg.push_str(&format!("; the target is now {}", p.target_tier()));
            }
            Ok(msg)
        }
        Target::Premier => {
            let names: Vec<String> = v
                .get(k::COMPETENCIES)?
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let (review, sustained) = (v.get(k::BUSINESS_REVIEW)?, v.get(k::SUSTAINED_SINCE)?);
            // A fresh id like every other entry's: `max + 1` could overflow or collide.
            let mut fresh = crate::domain::IdAlloc::new(store);
            let c = &mut store.premier;
            c.competencies.retain(|x| names.contains(&x.name));
            for n in names {
                if !c.competencies.iter().any(|x| x.name == n) {
                    let id = fresh.next_id();
                    c.competencies.push(crate::domain::Competency {
                        id,
                        name: n,
                        achieved: stamp,
                    });
                }
            }
            (c.executive_business_review, c.sustained_since) = (review, sustained);
            Ok("Updated the Premier checklist".into())
        }
        Target::Threshold(metric) => {
            let (tier, raw) = (v.pick(k::TIER)?, v.get(k::VALUE)?);
            let value: Option<i64> = if raw.is_empty() {
                None
            } else {
                let n = raw
                    .replace(',', "")
                    .parse()
                    .ok()
                    .filter(|n: &i64| (0..=1_000_000_000).contains(n));
                let msg = format!("'{raw}' is not a whole number from 0 to 1,000,000,000");
                Some(n.ok_or((FieldId::Value, msg))?)
            };
            store
                .threshold_overrides
                .retain(|o| !(o.tier == tier && o.metric == metric));
            let Some(value) = value else {
                return Ok(format!(
                    "{} at {tier}: back to the edition's number",
                    metric.as_str()
                ));
            };
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
