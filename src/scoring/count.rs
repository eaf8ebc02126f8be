//! Per-entry predicates ("which entries make each number") and the one-pass tally behind
//! `evaluate` and `project`.

use super::knowledge::{ExamIndex, flags};
use super::{ScoreError, Window, WindowKind, Windows};
use crate::domain::{
    BusinessPlan, CsatResponse, Id, MetricId, Opportunity, Reference, Stage, Store,
};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A Launched opportunity whose launch date falls in `w` (counts in `launched_opportunities` and
/// its MRR in `launched_mrr`). Other stages never count.
pub fn opportunity_counts(o: &Opportunity, w: Window) -> bool {
    o.stage == Stage::Launched && o.launch_date.is_some_and(|d| w.contains(d))
}

/// A Launched opportunity marked publicly referenceable, launched in `w`: a public reference.
pub fn referenceable_opportunity_counts(o: &Opportunity, w: Window) -> bool {
    o.referenceable && opportunity_counts(o, w)
}

/// A reference approved in `w`. Several for one customer count once (see [`customer_key`]).
pub fn reference_counts(r: &Reference, w: Window) -> bool {
    w.contains(r.approved)
}

pub fn csat_counts(c: &CsatResponse, w: Window) -> bool {
    w.contains(c.date)
}

/// A business plan validated in `w` (a draft never counts).
pub fn business_plan_counts(b: &BusinessPlan, w: Window) -> bool {
    b.validated_on.is_some_and(|d| w.contains(d))
}

pub use crate::domain::customer_key;

/// The windowed values of one window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Windowed {
    pub launched: i64,
    pub mrr: i64,
    pub plan: bool,
    pub references: i64,
    pub csat: i64,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub acc_technical: i64,
    pub acc_business: i64,
    pub foundational: i64,
    pub technical: i64,
    pub pro_specialty: i64,
    pub renewal: Windowed,
    pub upgrade: Windowed,
    pub unlinked: Vec<Id>,
}

impl Tally {
    pub fn value(&self, m: MetricId, k: WindowKind) -> i64 {
        let w = match k {
            WindowKind::Renewal => &self.renewal,
            WindowKind::Upgrade => &self.upgrade,
        };
        match m {
            MetricId::AccreditedTotal => self.acc_technical + self.acc_business,
            MetricId::AccreditedTechnical => self.acc_technical,
            MetricId::AccreditedBusiness => self.acc_business,
            MetricId::CertifiedFoundational => self.foundational,
            MetricId::CertifiedTechnical => self.technical,
            MetricId::CertifiedProSpecialty => self.pro_specialty,
            MetricId::LaunchedOpportunities => w.launched,
            MetricId::LaunchedMrr => w.mrr,
            MetricId::BusinessPlan => i64::from(w.plan),
            MetricId::PublicReferences => w.references,
            MetricId::CsatResponses => w.csat,
        }
    }
}

/// Counts everything on `day` in `windows`, using only entries dated on or before `known`
/// (`known == day` for a plain evaluation; earlier for "if nothing is added" projections).
/// One pass over each list; the only allocations are the customer-name set and `unlinked`.
pub(crate) fn tally(
    store: &Store,
    ix: &ExamIndex,
    day: NaiveDate,
    known: NaiveDate,
    windows: Windows,
) -> Result<Tally, ScoreError> {
    let clip = |w: Window| Window {
        start: w.start,
        end: w.end.min(known),
    };
    let (rw, uw) = (clip(windows.renewal), clip(windows.upgrade));
    let higher = store.profile.settings.higher_implies_foundational;
    let mut t = Tally::default();

    for p in &store.people {
        if !p.employed_on(day) {
            continue;
        }
        let f = flags(p, |x| ix.level(x), day, known, higher).map_err(|exam| {
            ScoreError::UnknownExam {
                person: p.name.clone(),
                exam: exam.0,
            }
        })?;
        if !p.linked {
            if f.any() {
                t.unlinked.push(p.id);
            }
            continue;
        }
        t.acc_technical += i64::from(f.acc_technical);
        t.acc_business += i64::from(f.acc_business);
        t.foundational += i64::from(f.foundational);
        t.technical += i64::from(f.technical);
        t.pro_specialty += i64::from(f.pro_specialty);
    }

    let mut refs_r: HashSet<String> = HashSet::new();
    let mut refs_u: HashSet<String> = HashSet::new();
    for o in &store.opportunities {
        for (w, acc, refs) in [
            (rw, &mut t.renewal, &mut refs_r),
            (uw, &mut t.upgrade, &mut refs_u),
        ] {
            if opportunity_counts(o, w) {
                acc.launched += 1;
                // Never saturate: a wrong total that looks plausible is worse than an error.
                acc.mrr = acc.mrr.checked_add(o.mrr.cents()).ok_or_else(|| {
                    ScoreError::MoneyTooLarge {
                        field: format!("opportunities[id={} {:?}].mrr", o.id, o.customer),
                    }
                })?;
                if o.referenceable {
                    refs.insert(customer_key(&o.customer));
                }
            }
        }
    }
    for r in &store.references {
        if reference_counts(r, rw) {
            refs_r.insert(customer_key(&r.customer));
        }
        if reference_counts(r, uw) {
            refs_u.insert(customer_key(&r.customer));
        }
    }
    t.renewal.references = count(refs_r.len());
    t.upgrade.references = count(refs_u.len());
    for b in &store.business_plans {
        t.renewal.plan |= business_plan_counts(b, rw);
        t.upgrade.plan |= business_plan_counts(b, uw);
    }
    for c in &store.csat {
        t.renewal.csat += i64::from(csat_counts(c, rw));
        t.upgrade.csat += i64::from(csat_counts(c, uw));
    }
    Ok(t)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
