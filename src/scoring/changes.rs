//! "What changed since last week" and "where will we stand if the plans land".
//!
//! Both are built on `project`: `changes_since` compares two scorecards of the store as it
//! stood on two days, `with_plans` scores a copy of the store in which the plans have landed.
//! Simple copies beat clever bookkeeping here: a store is small and these run once per redraw
//! of the data, never per key press.

use super::ctx::Ctx;
use super::{Cell, Program, ScoreError, Scorecard, WindowKind, project};
use crate::domain::{AccreditationKind, Catalog, Certification, Money, Stage, Store};
use chrono::NaiveDate;
use serde::Serialize;

/// What kind of change a [`ChangeItem`] is; the order is the order reports list them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ChangeKind {
    NewCertification,
    NewAccreditation,
    Launched,
    NewReference,
    NewCsat,
    PlanValidated,
    Expired,
    Left,
    Joined,
    NewPlannedExam,
    NewOpportunity,
    Edited,
}

impl ChangeKind {
    /// A heading for the group ("New certifications").
    pub fn heading(self) -> &'static str {
        match self {
            ChangeKind::NewCertification => "New certifications",
            ChangeKind::NewAccreditation => "New accreditations",
            ChangeKind::Launched => "Launched opportunities",
            ChangeKind::NewReference => "New public references",
            ChangeKind::NewCsat => "New CSAT responses",
            ChangeKind::PlanValidated => "Business plan validated",
            ChangeKind::Expired => "Expired",
            ChangeKind::Left => "People who left",
            ChangeKind::Joined => "New people",
            ChangeKind::NewPlannedExam => "New planned exams",
            ChangeKind::NewOpportunity => "New in the pipeline",
            ChangeKind::Edited => "Edited",
        }
    }
}

/// One entry that appeared, lapsed or was edited in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeItem {
    pub kind: ChangeKind,
    /// The day it happened (earned, launched, expired, left...) or was recorded.
    pub date: NaiveDate,
    /// The person or customer it concerns.
    pub who: String,
    /// What, as data (`report::wording::change_what` words it, e.g. "SAA-C03 AWS Certified
    /// Solutions Architect - Associate", "$1,200.00 MRR").
    pub what: ChangeWhat,
}

/// An exam as the catalogue knows it: its code and name, or only the code as entered when the
/// catalogue does not know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExamName {
    pub code: String,
    pub name: Option<String>,
}

/// What a [`ChangeItem`] is about, beyond its kind, who and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ChangeWhat {
    /// Nothing more to say (a person joined or left, a plan was validated).
    Nothing,
    /// A certification earned or expired.
    Exam(ExamName),
    /// An accreditation earned or expired.
    Accreditation(AccreditationKind),
    /// An exam planned for a day.
    PlannedExam { exam: ExamName, target: NaiveDate },
    /// A launch; `title` is empty when the opportunity has none.
    Launch { title: String, mrr: Money },
    /// An opportunity new in the pipeline.
    Opportunity {
        title: String,
        stage: Stage,
        mrr: Money,
        expected: Option<NaiveDate>,
    },
    /// A public reference, by its title (may be empty).
    Reference { title: String },
    /// A CSAT response and its rating out of 5.
    Rating(u8),
    /// An entry edited in the period.
    Edited(EditedEntry),
}

/// Which entry a [`ChangeWhat::Edited`] item is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EditedEntry {
    Person,
    /// A certification, by its exam code as entered.
    Certification {
        exam: String,
    },
    Accreditation(AccreditationKind),
    /// An opportunity, and the stage it is in now.
    Opportunity {
        stage: Stage,
    },
    Reference,
    Csat,
    BusinessPlan,
}

/// How one row moved in one window (Knowledge rows too: their value is the same in both
/// windows, their verdict need not be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowMove {
    pub metric: crate::domain::MetricId,
    pub window: WindowKind,
    pub before: Cell,
    pub after: Cell,
}

/// Everything `changes_since` found for the period (since, as_of].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub since: NaiveDate,
    pub as_of: NaiveDate,
    /// Ordered by kind, then date, then who.
    pub items: Vec<ChangeItem>,
    /// Scored rows whose value or verdict differs, in listing order (renewal before upgrade).
    pub moved: Vec<RowMove>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.moved.is_empty()
    }

    pub fn of_kind(&self, k: ChangeKind) -> impl Iterator<Item = &ChangeItem> {
        self.items.iter().filter(move |i| i.kind == k)
    }
}

/// The entries added, changed or lapsed in (since, as_of], and how each scored row moved from
/// the scorecard on `since` to the one on `as_of`.
///
/// Each scorecard is computed from the store as it stood that day: entries recorded (`added`)
/// after it are left out, entries without an `added` day are taken to have always been there.
/// Deletions and edits cannot be undone (there is no history), so the "before" uses the current
/// values of entries that existed then.
pub fn changes_since(
    store: &Store,
    program: &Program,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Result<Changes, ScoreError> {
    let before = project(&recorded_by(store, since), program, since, since)?;
    let after = project(&recorded_by(store, as_of), program, as_of, as_of)?;
    let in_range = |d: NaiveDate| since < d && d <= as_of;
    let in_opt = |d: Option<NaiveDate>| d.is_some_and(in_range);
    let mut items = Vec::new();
    let mut push = |kind, date, who: &str, what: ChangeWhat| {
        items.push(ChangeItem {
            kind,
            date,
            who: who.to_string(),
            what,
        })
    };

    for p in &store.people {
        if in_opt(p.added) {
            push(
                ChangeKind::Joined,
                p.added.unwrap_or(as_of),
                &p.name,
                ChangeWhat::Nothing,
            );
        }
        if let Some(l) = p.left_on.filter(|l| in_range(*l)) {
            push(ChangeKind::Left, l, &p.name, ChangeWhat::Nothing);
        }
        for c in &p.certifications {
            let new = in_opt(c.added) || (c.added.is_none() && in_range(c.earned));
            if new {
                push(
                    ChangeKind::NewCertification,
                    c.earned,
                    &p.name,
                    ChangeWhat::Exam(exam_name(&program.catalog, &c.exam)),
                );
            } else if in_opt(c.changed) {
                push(
                    ChangeKind::Edited,
                    c.changed.unwrap_or(as_of),
                    &p.name,
                    ChangeWhat::Edited(EditedEntry::Certification {
                        exam: c.exam.trim().to_string(),
                    }),
                );
            }
            // A lapse matters only while the person is still there and has not renewed it.
            if in_range(c.expiry())
                && p.employed_on(c.expiry())
                && !renewed(&p.certifications, c, as_of)
            {
                push(
                    ChangeKind::Expired,
                    c.expiry(),
                    &p.name,
                    ChangeWhat::Exam(exam_name(&program.catalog, &c.exam)),
                );
            }
        }
        for a in &p.accreditations {
            if in_opt(a.added) || (a.added.is_none() && in_range(a.earned)) {
                push(
                    ChangeKind::NewAccreditation,
                    a.earned,
                    &p.name,
                    ChangeWhat::Accreditation(a.kind),
                );
            } else if in_opt(a.changed) {
                push(
                    ChangeKind::Edited,
                    a.changed.unwrap_or(as_of),
                    &p.name,
                    ChangeWhat::Edited(EditedEntry::Accreditation(a.kind)),
                );
            }
            if let Some(e) = a.expires.filter(|e| in_range(*e) && p.employed_on(*e)) {
                push(
                    ChangeKind::Expired,
                    e,
                    &p.name,
                    ChangeWhat::Accreditation(a.kind),
                );
            }
        }
        for x in &p.planned_exams {
            if in_opt(x.added) {
                push(
                    ChangeKind::NewPlannedExam,
                    x.added.unwrap_or(as_of),
                    &p.name,
                    ChangeWhat::PlannedExam {
                        exam: exam_name(&program.catalog, &x.exam),
                        target: x.target,
                    },
                );
            }
        }
        if in_opt(p.changed) && !in_opt(p.added) && !p.left_on.is_some_and(in_range) {
            push(
                ChangeKind::Edited,
                p.changed.unwrap_or(as_of),
                &p.name,
                ChangeWhat::Edited(EditedEntry::Person),
            );
        }
    }

    for o in &store.opportunities {
        let who = o.customer.trim();
        let title = o.title.trim().to_string();
        let launched_now =
            o.stage == Stage::Launched && (o.launch_date.is_some_and(in_range) || in_opt(o.added));
        if launched_now {
            let d = o.launch_date.unwrap_or(as_of);
            push(
                ChangeKind::Launched,
                d,
                who,
                ChangeWhat::Launch { title, mrr: o.mrr },
            );
        } else if o.stage.is_open() && in_opt(o.added) {
            push(
                ChangeKind::NewOpportunity,
                o.added.unwrap_or(as_of),
                who,
                ChangeWhat::Opportunity {
                    title,
                    stage: o.stage,
                    mrr: o.mrr,
                    expected: o.launch_date,
                },
            );
        } else if in_opt(o.changed) || in_opt(o.added) {
            let d = o.changed.or(o.added).unwrap_or(as_of);
            push(
                ChangeKind::Edited,
                d,
                who,
                ChangeWhat::Edited(EditedEntry::Opportunity { stage: o.stage }),
            );
        }
    }
    for r in &store.references {
        if in_range(r.approved) || in_opt(r.added) {
            push(
                ChangeKind::NewReference,
                r.approved,
                r.customer.trim(),
                ChangeWhat::Reference {
                    title: r.title.trim().to_string(),
                },
            );
        } else if in_opt(r.changed) {
            push(
                ChangeKind::Edited,
                r.changed.unwrap_or(as_of),
                r.customer.trim(),
                ChangeWhat::Edited(EditedEntry::Reference),
            );
        }
    }
    for c in &store.csat {
        if in_range(c.date) || in_opt(c.added) {
            push(
                ChangeKind::NewCsat,
                c.date,
                c.customer.trim(),
                ChangeWhat::Rating(c.rating),
            );
        } else if in_opt(c.changed) {
            push(
                ChangeKind::Edited,
                c.changed.unwrap_or(as_of),
                c.customer.trim(),
                ChangeWhat::Edited(EditedEntry::Csat),
            );
        }
    }
    for b in &store.business_plans {
        if let Some(v) = b.validated_on.filter(|v| in_range(*v) || in_opt(b.added)) {
            let by = b.validated_by.trim();
            push(
                ChangeKind::PlanValidated,
                v,
                if by.is_empty() { "AWS" } else { by },
                ChangeWhat::Nothing,
            );
        } else if in_opt(b.changed) || in_opt(b.added) {
            push(
                ChangeKind::Edited,
                b.changed.or(b.added).unwrap_or(as_of),
                "business plan",
                ChangeWhat::Edited(EditedEntry::BusinessPlan),
            );
        }
    }
    items.sort_by(|a, b| (a.kind, a.date, &a.who).cmp(&(b.kind, b.date, &b.who)));

    Ok(Changes {
        since,
        as_of,
        items,
        moved: moves(&before, &after),
    })
}

/// Scored rows whose value, requirement or verdict differs between two scorecards.
fn moves(before: &Scorecard, after: &Scorecard) -> Vec<RowMove> {
    let mut out = Vec::new();
    for (b, a) in before.metrics.iter().zip(&after.metrics) {
        if !a.scored {
            continue;
        }
        // Knowledge rows too get a move per window: the same count can meet the current tier
        // and still fall short of the target's.
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            let (cb, ca) = (b.cell(k), a.cell(k));
            if cb.value != ca.value || cb.met != ca.met {
                out.push(RowMove {
                    metric: a.id,
                    window: k,
                    before: *cb,
                    after: *ca,
                });
            }
        }
    }
    out
}

/// The store as it stood on `day`: entries recorded after it are left out.
fn recorded_by(store: &Store, day: NaiveDate) -> Store {
    let known = |a: Option<NaiveDate>| a.is_none_or(|a| a <= day);
    let mut s = store.clone();
    s.people.retain(|p| known(p.added));
    for p in &mut s.people {
        p.certifications.retain(|c| known(c.added));
        p.accreditations.retain(|a| known(a.added));
    }
    s.opportunities.retain(|o| known(o.added));
    s.references.retain(|r| known(r.added));
    s.csat.retain(|c| known(c.added));
    s.business_plans.retain(|b| known(b.added));
    s
}

/// The same exam held again and active on `as_of`: the lapse was a renewal, not a loss.
fn renewed(all: &[Certification], c: &Certification, as_of: NaiveDate) -> bool {
    all.iter().any(|o| {
        o.id != c.id && o.exam.trim().eq_ignore_ascii_case(c.exam.trim()) && o.active_on(as_of)
    })
}

/// The catalogue's code and name of `exam`, or the code as entered if the catalogue lacks it.
fn exam_name(catalog: &Catalog, exam: &str) -> ExamName {
    match catalog.find(exam) {
        Some(e) => ExamName {
            code: e.code.clone(),
            name: Some(e.name.clone()),
        },
        None => ExamName {
            code: exam.trim().to_string(),
            name: None,
        },
    }
}

/// The scorecard on `on` if the plans land: every planned exam with a target on or before `on`
/// counts as a certification earned on its target day, and every open opportunity (Prospect to
/// Committed) with an expected launch date on or before `on` counts as Launched that day.
/// Everything else is as `project(store, program, as_of, on)`: entries dated after `as_of` do not
/// count, expiries, leavers and the windows move on to `on`. `at_risk` is not filled.
pub fn with_plans(
    store: &Store,
    program: &Program,
    as_of: NaiveDate,
    on: NaiveDate,
) -> Result<Scorecard, ScoreError> {
    let planned = plans_landed(store, as_of, on);
    // The landed copy holds nothing dated after `as_of` except the plans, so it is scored with
    // everything up to `on` known.
    Ctx::new(&planned, program)?.scorecard(on, on)
}

/// A copy of the store without entries dated after `as_of`, plus the plans landed by `on`.
fn plans_landed(store: &Store, as_of: NaiveDate, on: NaiveDate) -> Store {
    let mut s = store.clone();
    // Seeded: the engine stays a pure function of its inputs (the ids never leave this copy).
    // Built only when a plan lands, as it indexes every id of the store.
    let mut ids = None;
    for p in &mut s.people {
        p.certifications.retain(|c| c.earned <= as_of);
        p.accreditations.retain(|a| a.earned <= as_of);
        for x in p.planned_exams.iter().filter(|x| x.target <= on) {
            p.certifications.push(Certification {
                id: ids
                    .get_or_insert_with(|| crate::domain::IdAlloc::seeded(store, 0))
                    .next_id(),
                exam: x.exam.clone(),
                earned: x.target,
                expires: None,
                added: None,
                changed: None,
            });
        }
    }
    s.opportunities.retain_mut(|o| {
        if o.stage.is_open() && o.launch_date.is_some_and(|d| d <= on) {
            o.stage = Stage::Launched;
            return true;
        }
        !(o.stage == Stage::Launched && o.launch_date.is_some_and(|d| d > as_of))
    });
    s.references.retain(|r| r.approved <= as_of);
    s.csat.retain(|c| c.date <= as_of);
    for b in &mut s.business_plans {
        if b.validated_on.is_some_and(|v| v > as_of) {
            b.validated_on = None;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MetricId, Person, PlannedExam, Profile, Settings, Tier};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn store() -> Store {
        Store::new(Profile {
            partner: "P".into(),
            tier: Tier::Select,
            target: None,
            program: "services-path-2023".into(),
            last_tier_review: d("2026-03-01"),
            apn_renewal: d("2026-01-15"),
            tier_history: Vec::new(),
            settings: Settings::default(),
        })
    }

    #[test]
    fn a_plan_landing_exactly_on_the_day_counts_and_one_day_later_does_not() {
        let program = Program::embedded().expect("program");
        let mut s = store();
        let mut p = Person::new(1, "Ada");
        p.planned_exams.push(PlannedExam {
            id: 1,
            exam: "SAP-C02".into(),
            target: d("2027-01-10"),
            added: None,
            changed: None,
        });
        s.people.push(p);
        let pro = |on: &str| {
            with_plans(&s, &program, d("2026-11-26"), d(on))
                .expect("score")
                .row(MetricId::CertifiedProSpecialty)
                .map(|r| r.upgrade.value)
        };
        assert_eq!(pro("2027-01-10"), Some(1));
        assert_eq!(pro("2027-01-09"), Some(0));
    }
}
