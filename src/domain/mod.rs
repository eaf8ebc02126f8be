//! Plain data and its invariants. No ratatui, no I/O, no clock.

pub mod ace;
pub mod catalog;
pub mod dates;
pub mod entities;
pub mod ids;
pub mod metric;
pub mod money;
mod parse;
pub mod profile;
pub mod program;
mod shift;

pub use ace::{AceSync, FxRate};
pub use catalog::{Catalog, Exam, ExamLookupError, Level, UnknownExam};
pub use entities::{
    Accreditation, AccreditationKind, BusinessPlan, Certification, Competency, CsatResponse, Id,
    Opportunity, Person, PlannedExam, PremierChecklist, Reference, Stage,
};
pub use ids::{IdAlloc, MAX_NEW_ID, MIN_NEW_ID};
pub use metric::{MetricId, Pillar, Tier, Unit};
pub use money::Money;
pub use parse::ParseError;
pub use profile::{Profile, Settings, ThresholdOverride, TierChange};
pub use program::{DEFAULT_PROGRAM, Edition, Program, Programs, Thresholds, TierThresholds};

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Customers are the same when their names match ignoring case and surrounding spaces.
pub fn customer_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The schema version this build writes. Older versions are migrated on load.
/// 3: ids are random and wide (see [`ids`]), lists are written sorted by id, and merge
/// conflicts are kept in `conflicts`.
pub const CURRENT_VERSION: u32 = 3;

/// Everything one partner keeps: the contents of one RON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub version: u32,
    pub profile: Profile,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// Every validation of the business plan; the latest is the current plan.
    #[serde(default)]
    pub business_plans: Vec<BusinessPlan>,
    #[serde(default)]
    pub references: Vec<Reference>,
    #[serde(default)]
    pub csat: Vec<CsatResponse>,
    #[serde(default)]
    pub premier: PremierChecklist,
    #[serde(default)]
    pub threshold_overrides: Vec<ThresholdOverride>,
    /// Disagreements a merge could not settle, each keeping both values until resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Live ACE sync state; absent (and not written) until the first sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ace_sync: Option<AceSync>,
}

/// One field (or entry) two merged versions set differently. The store holds `ours` until the
/// conflict is resolved; `theirs` is kept here so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Where, e.g. `people[id=5].email`, or `people[id=5]` for an entry deleted on one side and
    /// edited on the other.
    pub place: String,
    /// The entry's name for people reading the list, e.g. the person's name.
    #[serde(default)]
    pub entry: String,
    /// Our value (`()` = the entry was deleted on our side).
    pub ours: serde_json::Value,
    /// Their value (`()` = the entry was deleted on their side).
    pub theirs: serde_json::Value,
}

/// One thing wrong with a store, naming the entry and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: e.g. `people[id=3 "Ada Lovelace"].certifications[id=7].exam`.
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl Store {
    pub fn new(profile: Profile) -> Store {
        Store {
            version: CURRENT_VERSION,
            profile,
            people: Vec::new(),
            opportunities: Vec::new(),
            business_plans: Vec::new(),
            references: Vec::new(),
            csat: Vec::new(),
            premier: PremierChecklist::default(),
            threshold_overrides: Vec::new(),
            conflicts: Vec::new(),
            ace_sync: None,
        }
    }

    /// A fresh id for a new person (see [`ids`]: random, never one in use).
    pub fn next_person_id(&self) -> Id {
        self.new_id()
    }

    /// A fresh id for a certification, accreditation or planned exam; unique across the whole
    /// store, so an id alone addresses it.
    pub fn next_holding_id(&self) -> Id {
        self.new_id()
    }

    pub fn next_opportunity_id(&self) -> Id {
        self.new_id()
    }

    pub fn next_business_plan_id(&self) -> Id {
        self.new_id()
    }

    pub fn next_reference_id(&self) -> Id {
        self.new_id()
    }

    pub fn next_csat_id(&self) -> Id {
        self.new_id()
    }

    pub fn next_competency_id(&self) -> Id {
        self.new_id()
    }

    pub fn person(&self, id: Id) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn person_mut(&mut self, id: Id) -> Option<&mut Person> {
        self.people.iter_mut().find(|p| p.id == id)
    }

    /// The person with this email, case-insensitively (empty emails match nobody).
    pub fn person_by_email(&self, email: &str) -> Option<&Person> {
        let e = email.trim();
        if e.is_empty() {
            return None;
        }
        self.people
            .iter()
            .find(|p| p.email.trim().eq_ignore_ascii_case(e))
    }

    /// The opportunity with this ACE id (empty ids match nothing).
    pub fn opportunity_by_ace_id(&self, ace_id: &str) -> Option<&Opportunity> {
        let a = ace_id.trim();
        if a.is_empty() {
            return None;
        }
        self.opportunities
            .iter()
            .find(|o| o.ace_id.trim().eq_ignore_ascii_case(a))
    }

    /// The most recently validated business plan, else the last drafted one.
    pub fn current_business_plan(&self) -> Option<&BusinessPlan> {
        self.business_plans
            .iter()
            .filter(|b| b.validated_on.is_some())
            .max_by_key(|b| b.validated_on)
            .or_else(|| self.business_plans.last())
    }

    /// Everything that makes the store unusable or untrustworthy, each naming its place.
    pub fn validate(&self, catalog: &Catalog, programs: &Programs) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut push = |place: String, message: String| out.push(Problem { place, message });

        if self.version != CURRENT_VERSION {
            push(
                "version".into(),
                format!("is {}, expected {CURRENT_VERSION}", self.version),
            );
        }
        if programs.get(&self.profile.program).is_none() {
            push(
                "profile.program".into(),
                format!(
                    "unknown program edition '{}' (known: {})",
                    self.profile.program,
                    programs.ids().join(", ")
                ),
            );
        }
        if self.profile.partner.trim().is_empty() {
            push("profile.partner".into(), "is empty".into());
        }
        if let Some(t) = self.profile.target
            && t < self.profile.tier
        {
            push(
                "profile.target".into(),
                format!("{t} is below the current tier {}", self.profile.tier),
            );
        }

        dup_ids("people", self.people.iter().map(|p| p.id), &mut push);
        let mut holding_ids = BTreeMap::new();
        let mut emails: BTreeMap<String, &Person> = BTreeMap::new();
        for p in &self.people {
            let at = format!("people[id={} {:?}]", p.id, p.name);
            if p.name.trim().is_empty() {
                push(format!("{at}.name"), "is empty".into());
            }
            let e = p.email.trim().to_ascii_lowercase();
            if !e.is_empty() {
                if let Some(other) = emails.get(&e) {
                    push(
                        format!("{at}.email"),
                        format!(
                            "'{}' is also the email of {} (id {})",
                            p.email, other.name, other.id
                        ),
                    );
                } else {
                    emails.insert(e, p);
                }
            }
            for c in &p.certifications {
                let cat = format!("{at}.certifications[id={}]", c.id);
                if catalog.find(&c.exam).is_none() {
                    push(format!("{cat}.exam"), format!("unknown exam '{}'", c.exam));
                }
                if c.expiry() <= c.earned {
                    push(
                        format!("{cat}.expires"),
                        format!("{} is not after earned {}", c.expiry(), c.earned),
                    );
                }
                if let Some(prev) = holding_ids.insert(c.id, cat.clone()) {
                    push(cat, format!("id {} is also used by {prev}", c.id));
                }
            }
            for a in &p.accreditations {
                let aat = format!("{at}.accreditations[id={}]", a.id);
                if let Some(e) = a.expires
                    && e <= a.earned
                {
                    push(
                        format!("{aat}.expires"),
                        format!("{e} is not after earned {}", a.earned),
                    );
                }
                if let Some(prev) = holding_ids.insert(a.id, aat.clone()) {
                    push(aat, format!("id {} is also used by {prev}", a.id));
                }
            }
            for x in &p.planned_exams {
                let xat = format!("{at}.planned_exams[id={}]", x.id);
                if catalog.find(&x.exam).is_none() {
                    push(format!("{xat}.exam"), format!("unknown exam '{}'", x.exam));
                }
                if let Some(prev) = holding_ids.insert(x.id, xat.clone()) {
                    push(xat, format!("id {} is also used by {prev}", x.id));
                }
            }
        }

        dup_ids(
            "opportunities",
            self.opportunities.iter().map(|o| o.id),
            &mut push,
        );
        let mut ace: BTreeMap<String, &Opportunity> = BTreeMap::new();
        for o in &self.opportunities {
            let at = format!("opportunities[id={} {:?}]", o.id, o.customer);
            if o.customer.trim().is_empty() {
                push(format!("{at}.customer"), "is empty".into());
            }
            if o.mrr < Money::ZERO {
                push(format!("{at}.mrr"), format!("{} is negative", o.mrr));
            }
            if o.mrr > Opportunity::MAX_MRR {
                push(
                    format!("{at}.mrr"),
                    format!(
                        "{} is more than {} a month, too large to add up safely",
                        o.mrr,
                        Opportunity::MAX_MRR
                    ),
                );
            }
            if o.stage == Stage::Launched && o.launch_date.is_none() {
                push(
                    format!("{at}.launch_date"),
                    "a Launched opportunity needs its launch date".into(),
                );
            }
            let key = o.ace_id.trim().to_ascii_lowercase();
            if !key.is_empty() {
                if let Some(other) = ace.get(&key) {
                    push(
                        format!("{at}.ace_id"),
                        format!(
                            "'{}' is also the ACE id of {} (id {})",
                            o.ace_id, other.customer, other.id
                        ),
                    );
                } else {
                    ace.insert(key, o);
                }
            }
        }
        dup_ids(
            "business_plans",
            self.business_plans.iter().map(|b| b.id),
            &mut push,
        );
        dup_ids(
            "references",
            self.references.iter().map(|r| r.id),
            &mut push,
        );
        for r in &self.references {
            if r.customer.trim().is_empty() {
                push(
                    format!("references[id={}].customer", r.id),
                    "is empty".into(),
                );
            }
        }
        dup_ids("csat", self.csat.iter().map(|c| c.id), &mut push);
        for c in &self.csat {
            if !(1..=5).contains(&c.rating) {
                push(
                    format!("csat[id={} {:?}].rating", c.id, c.customer),
                    format!("{} is not between 1 and 5", c.rating),
                );
            }
        }
        dup_ids(
            "premier.competencies",
            self.premier.competencies.iter().map(|c| c.id),
            &mut push,
        );
        out
    }
}

fn dup_ids(list: &str, ids: impl Iterator<Item = Id>, push: &mut impl FnMut(String, String)) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            push(format!("{list}[id={id}]"), "duplicate id".into());
        }
    }
}
