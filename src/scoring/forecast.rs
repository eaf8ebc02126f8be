//! What lapses when, if nothing is added: `at_risk`, `forecast` and `upcoming`.
//!
//! With no new entries every value can only fall, and only on a few days: a certification or
//! accreditation expires, a person leaves, an entry leaves the rolling 12 months, or the renewal
//! window restarts. So instead of re-counting day by day, each of those events becomes a signed
//! change (a "delta") of the cells it affects, and a cell's future is its value now plus the
//! deltas so far. Cost: O(n) to find the events, plus for each person with events one re-check
//! of their holdings per event day, plus sorting the deltas: O(n + k log k) for k events, however
//! long the horizon. `project` re-counts from scratch and is the reference the tests compare with.

use super::count::{customer_key, opportunity_counts, reference_counts};
use super::ctx::Ctx;
use super::knowledge::{ExamIndex, Flags, flags};
use super::windows::{RestartReason, add_days, leaves_upgrade_window, next_renewal_reset, windows};
use super::{Program, ScoreError, Scorecard, WindowKind};
use crate::domain::{
    AccreditationKind, CsatResponse, Level, MetricId, Money, Opportunity, Person, Store,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// A future change of one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The first day with the new value.
    pub date: NaiveDate,
    /// The value from that day on.
    pub value: i64,
    /// Why, at most [`MAX_CAUSES`] distinct causes in the order they were found
    /// (`report::wording::change_cause` words them, e.g. "SAA-C03 of Lee Park expires").
    pub causes: Vec<ChangeCause>,
    /// How many more distinct causes the same day has.
    pub more: usize,
}

/// Why a cell's value changes on a day, as data: the report words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ChangeCause {
    /// The person leaves the company.
    Leaves { person: String },
    /// Certifications (exam codes, as entered) and accreditations of one person expire.
    Expires {
        person: String,
        exams: Vec<String>,
        accreditations: Vec<AccreditationKind>,
    },
    /// A launched opportunity leaves the rolling 12 months.
    Launch {
        customer: String,
        launched: Option<NaiveDate>,
    },
    /// An approved public reference leaves the rolling 12 months.
    Reference { customer: String },
    /// A CSAT response leaves the rolling 12 months.
    Csat { customer: String, date: NaiveDate },
    /// The business plan validated that day leaves the rolling 12 months.
    Plan { validated: NaiveDate },
    /// The renewal window restarts; `reason` says which date restarts it.
    WindowRestarts { reason: RestartReason },
}

/// The outlook of one cell if nothing is added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowForecast {
    pub metric: MetricId,
    pub window: WindowKind,
    pub scored: bool,
    pub value: i64,
    pub required: i64,
    pub met: bool,
    /// The next day within the horizon on which the value changes.
    pub next_change: Option<Change>,
    /// The day within the horizon on which a met scored cell becomes unmet.
    pub status_change: Option<Change>,
}

/// Something that stops counting soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Upcoming {
    /// The first day it no longer counts.
    pub date: NaiveDate,
    /// What happens (`report::wording::lapse` words it, e.g. "SAA-C03 expires").
    pub what: Lapse,
    /// The person or customer concerned (empty for the renewal window restart).
    pub who: String,
    /// The rows it feeds (a row may not fall if something else still covers it).
    pub metrics: Vec<MetricId>,
    /// `None` for Knowledge rows (both windows alike).
    pub window: Option<WindowKind>,
}

/// What stops counting on an [`Upcoming`] day, as data: the report words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Lapse {
    /// The person leaves the company.
    Leaves,
    /// A certification (exam code as entered) expires.
    CertificationExpires {
        exam: String,
    },
    AccreditationExpires {
        kind: AccreditationKind,
    },
    /// A launch leaves the rolling 12 months.
    Launch {
        launched: NaiveDate,
        mrr: Money,
    },
    /// A reference approved that day leaves the rolling 12 months.
    Reference {
        approved: NaiveDate,
    },
    /// A business plan validated that day leaves the rolling 12 months.
    Plan {
        validated: NaiveDate,
    },
    /// A CSAT response of that day leaves the rolling 12 months.
    Csat {
        date: NaiveDate,
    },
    /// The renewal window restarts; `reason` says which date restarts it.
    WindowRestarts {
        reason: RestartReason,
    },
}

impl Lapse {
    /// Orders entries of one day for one person or customer as their wording sorts (exam code
    /// or accreditation label first, then CSAT, plan, launch, leaving, reference, restart), so
    /// lists read in the order they always did.
    fn tie_key(&self) -> (u8, String) {
        match self {
            Lapse::CertificationExpires { exam } => (0, exam.clone()),
            Lapse::AccreditationExpires { kind } => (0, kind.label().to_string()),
            Lapse::Csat { date } => (1, date.to_string()),
            Lapse::Plan { validated } => (2, validated.to_string()),
            Lapse::Launch { launched, mrr } => (3, format!("{launched} {}", mrr.display())),
            Lapse::Leaves => (4, String::new()),
            Lapse::Reference { approved } => (5, approved.to_string()),
            // One restart at most in a list: nothing to order it against.
            Lapse::WindowRestarts { .. } => (6, String::new()),
        }
    }
}

/// Why a delta happens; rendered to text only when asked for.
#[derive(Debug, Clone, Copy)]
enum Cause<'a> {
    /// Whatever happens to this person on this day (leaving, expiries).
    Person(&'a Person, NaiveDate),
    Opportunity(&'a Opportunity),
    Reference(&'a str),
    Csat(&'a CsatResponse),
    Plan(NaiveDate),
    Reset(RestartReason),
}

#[derive(Debug, Clone, Copy)]
struct Delta<'a> {
    date: NaiveDate,
    metric: MetricId,
    /// `None`: a Knowledge row, both windows.
    window: Option<WindowKind>,
    amount: i64,
    cause: Cause<'a>,
}

const WINDOWED: [MetricId; 5] = [
    MetricId::LaunchedOpportunities,
    MetricId::LaunchedMrr,
    MetricId::BusinessPlan,
    MetricId::PublicReferences,
    MetricId::CsatResponses,
];

/// Every change in (as_of, until], sorted by date. `card` supplies today's values.
fn deltas<'a>(
    store: &'a Store,
    ix: &ExamIndex,
    card: &Scorecard,
    until: NaiveDate,
) -> Result<Vec<Delta<'a>>, ScoreError> {
    let as_of = card.as_of;
    let soon = |d: NaiveDate| as_of < d && d <= until;
    let higher = store.profile.settings.higher_implies_foundational;
    let mut out = Vec::new();

    let mut days = Vec::new();
    for p in &store.people {
        if !p.linked || !p.employed_on(as_of) {
            continue;
        }
        days.clear();
        days.extend(p.left_on.filter(|d| soon(*d)));
        days.extend(
            p.certifications
                .iter()
                .filter(|c| c.active_on(as_of) && soon(c.expiry()))
                .map(|c| c.expiry()),
        );
        days.extend(
            p.accreditations
                .iter()
                .filter(|a| a.active_on(as_of))
                .filter_map(|a| a.expires.filter(|d| soon(*d))),
        );
        if days.is_empty() {
            continue;
        }
        days.sort_unstable();
        days.dedup();
        let unknown = |exam: crate::domain::UnknownExam| ScoreError::UnknownExam {
            person: p.name.clone(),
            exam: exam.0,
        };
        let mut prev = flags(p, |x| ix.level(x), as_of, as_of, higher).map_err(unknown)?;
        for &d in days.iter() {
            let now = if p.employed_on(d) {
                flags(p, |x| ix.level(x), d, as_of, higher).map_err(unknown)?
            } else {
                Flags::default()
            };
            let cause = Cause::Person(p, d);
            for (m, was, is) in knowledge_pairs(prev, now) {
                if was != is {
                    out.push(Delta {
                        date: d,
                        metric: m,
                        window: None,
                        amount: i64::from(is) - i64::from(was),
                        cause,
                    });
                }
            }
            prev = now;
        }
    }

    let uw = card.windows.upgrade;
    let mut leave = |e: NaiveDate, metric: MetricId, amount: i64, cause: Cause<'a>| {
        let d = leaves_upgrade_window(e);
        if soon(d) && amount != 0 {
            out.push(Delta {
                date: d,
                metric,
                window: Some(WindowKind::Upgrade),
                amount,
                cause,
            });
        }
    };
    // A customer stops counting when the last of its references leaves the window.
    let mut customers: HashMap<String, (NaiveDate, &'a str)> = HashMap::new();
    let mut last_of = |name: &'a str, e: NaiveDate| {
        let slot = customers.entry(customer_key(name)).or_insert((e, name));
        if e > slot.0 {
            slot.0 = e;
        }
    };
    for o in &store.opportunities {
        if let Some(l) = o.launch_date.filter(|_| opportunity_counts(o, uw)) {
            leave(
                l,
                MetricId::LaunchedOpportunities,
                -1,
                Cause::Opportunity(o),
            );
            leave(
                l,
                MetricId::LaunchedMrr,
                -o.mrr.cents(),
                Cause::Opportunity(o),
            );
            if o.referenceable {
                last_of(&o.customer, l);
            }
        }
    }
    for r in &store.references {
        if reference_counts(r, uw) {
            last_of(&r.customer, r.approved);
        }
    }
    for (_, (e, name)) in customers {
        leave(e, MetricId::PublicReferences, -1, Cause::Reference(name));
    }
    if let Some(e) = store
        .business_plans
        .iter()
        .filter_map(|b| b.validated_on)
        .filter(|d| uw.contains(*d))
        .max()
    {
        leave(e, MetricId::BusinessPlan, -1, Cause::Plan(e));
    }
    for c in &store.csat {
        if uw.contains(c.date) {
            leave(c.date, MetricId::CsatResponses, -1, Cause::Csat(c));
        }
    }

    // The renewal window restarts empty: nothing dated on or before as_of lies in it any more.
    let (reset, what) = next_renewal_reset(&store.profile, as_of);
    if soon(reset) {
        for m in WINDOWED {
            let v = card.row(m).map_or(0, |r| r.renewal.value);
            if v != 0 {
                out.push(Delta {
                    date: reset,
                    metric: m,
                    window: Some(WindowKind::Renewal),
                    amount: -v,
                    cause: Cause::Reset(what),
                });
            }
        }
    }
    out.sort_by_key(|d| d.date);
    Ok(out)
}

fn knowledge_pairs(a: Flags, b: Flags) -> [(MetricId, bool, bool); 7] {
    [
        (MetricId::AccreditedTotal, a.acc_technical, b.acc_technical),
        (MetricId::AccreditedTotal, a.acc_business, b.acc_business),
        (
            MetricId::AccreditedTechnical,
            a.acc_technical,
            b.acc_technical,
        ),
        (MetricId::AccreditedBusiness, a.acc_business, b.acc_business),
        (
            MetricId::CertifiedFoundational,
            a.foundational,
            b.foundational,
        ),
        (MetricId::CertifiedTechnical, a.technical, b.technical),
        (
            MetricId::CertifiedProSpecialty,
            a.pro_specialty,
            b.pro_specialty,
        ),
    ]
}

/// A day a cell changes: the date, the value from then on and the deltas behind it.
type Step<'a, 'b> = Option<(NaiveDate, i64, Vec<&'b Delta<'a>>)>;

/// The future of one cell: (first change, first change to unmet), each with its deltas' causes.
fn cell_future<'a, 'b>(
    ds: &'b [Delta<'a>],
    m: MetricId,
    k: WindowKind,
    value: i64,
    required: i64,
    scored: bool,
) -> (Step<'a, 'b>, Step<'a, 'b>) {
    let mut v = value;
    let mut first = None;
    let mut i = 0;
    while i < ds.len() {
        let date = ds[i].date;
        let mut j = i;
        let mut day = Vec::new();
        while j < ds.len() && ds[j].date == date {
            let d = &ds[j];
            if d.metric == m && d.window.is_none_or(|w| w == k) {
                day.push(d);
            }
            j += 1;
        }
        i = j;
        let net: i64 = day.iter().map(|d| d.amount).sum();
        if net == 0 {
            continue;
        }
        let was_met = v >= required;
        v += net;
        if first.is_none() {
            first = Some((date, v, day.clone()));
        }
        if scored && was_met && v < required {
            return (first, Some((date, v, day)));
        }
    }
    (first, None)
}

/// Fills `at_risk` of every met scored cell over the profile's horizon.
pub(crate) fn fill_at_risk(
    store: &Store,
    ix: &ExamIndex,
    card: &mut Scorecard,
) -> Result<(), ScoreError> {
    let until = add_days(card.as_of, store.profile.settings.horizon_days);
    let ds = deltas(store, ix, card, until)?;
    for row in &mut card.metrics {
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            let c = match k {
                WindowKind::Renewal => &mut row.renewal,
                WindowKind::Upgrade => &mut row.upgrade,
            };
            if row.scored && c.met {
                let (_, unmet) = cell_future(&ds, row.id, k, c.value, c.required, true);
                c.at_risk = unmet.map(|u| u.0);
            }
        }
    }
    Ok(())
}

/// For every row and window (in `MetricId::ALL` order, renewal first): the value now, the next
/// change of value and the day a met scored cell turns unmet, within `horizon_days`, counting
/// only entries dated on or before `as_of`.
pub fn forecast(
    store: &Store,
    program: &Program,
    as_of: NaiveDate,
    horizon_days: u32,
) -> Result<Vec<RowForecast>, ScoreError> {
    let ctx = Ctx::new(store, program)?;
    let card = ctx.scorecard(as_of, as_of)?;
    let ds = deltas(store, &ctx.ix, &card, add_days(as_of, horizon_days))?;
    let mut out = Vec::with_capacity(card.metrics.len() * 2);
    for row in &card.metrics {
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            let c = row.cell(k);
            let (next, unmet) = cell_future(&ds, row.id, k, c.value, c.required, row.scored);
            let change = |x: Option<(NaiveDate, i64, Vec<&Delta>)>| {
                x.map(|(date, value, day)| {
                    let (causes, more) = describe(&day, as_of);
                    Change {
                        date,
                        value,
                        causes,
                        more,
                    }
                })
            };
            out.push(RowForecast {
                metric: row.id,
                window: k,
                scored: row.scored,
                value: c.value,
                required: c.required,
                met: c.met,
                next_change: change(next),
                status_change: change(unmet),
            });
        }
    }
    Ok(out)
}

/// At most this many causes are kept; the rest are counted.
pub const MAX_CAUSES: usize = 3;

/// The distinct causes of one day's deltas (at most [`MAX_CAUSES`]) and how many more there are.
fn describe(day: &[&Delta], as_of: NaiveDate) -> (Vec<ChangeCause>, usize) {
    let mut causes: Vec<ChangeCause> = Vec::new();
    for d in day {
        let c = owned(d.cause, as_of);
        if !causes.contains(&c) {
            causes.push(c);
        }
    }
    let more = causes.len().saturating_sub(MAX_CAUSES);
    causes.truncate(MAX_CAUSES);
    (causes, more)
}

fn owned(c: Cause, as_of: NaiveDate) -> ChangeCause {
    match c {
        Cause::Person(p, d) => {
            if p.left_on == Some(d) {
                return ChangeCause::Leaves {
                    person: p.name.clone(),
                };
            }
            ChangeCause::Expires {
                person: p.name.clone(),
                exams: p
                    .certifications
                    .iter()
                    .filter(|c| c.active_on(as_of) && c.expiry() == d)
                    .map(|c| c.exam.trim().to_string())
                    .collect(),
                accreditations: p
                    .accreditations
                    .iter()
                    .filter(|a| a.active_on(as_of) && a.expires == Some(d))
                    .map(|a| a.kind)
                    .collect(),
            }
        }
        Cause::Opportunity(o) => ChangeCause::Launch {
            customer: o.customer.trim().to_string(),
            launched: o.launch_date,
        },
        Cause::Reference(name) => ChangeCause::Reference {
            customer: name.trim().to_string(),
        },
        Cause::Csat(c) => ChangeCause::Csat {
            customer: c.customer.trim().to_string(),
            date: c.date,
        },
        Cause::Plan(d) => ChangeCause::Plan { validated: d },
        Cause::Reset(reason) => ChangeCause::WindowRestarts { reason },
    }
}

/// Entries that stop counting within `days` after `as_of`, earliest first: certifications and
/// accreditations expiring and people leaving (of employed, linked people), entries leaving the
/// rolling 12 months, and the renewal window restart. Certifications of unknown exams are listed
/// with no rows (`evaluate` reports them).
pub fn upcoming(store: &Store, program: &Program, as_of: NaiveDate, days: u32) -> Vec<Upcoming> {
    let until = add_days(as_of, days);
    let soon = |d: NaiveDate| as_of < d && d <= until;
    let ix = ExamIndex::new(&program.catalog);
    let higher = store.profile.settings.higher_implies_foundational;
    let mut out = Vec::new();
    let mut push = |date, what: Lapse, who: &str, metrics: Vec<MetricId>, window| {
        out.push(Upcoming {
            date,
            what,
            who: who.trim().to_string(),
            metrics,
            window,
        })
    };

    for p in &store.people {
        if !p.linked || !p.employed_on(as_of) {
            continue;
        }
        if let Some(l) = p.left_on.filter(|d| soon(*d)) {
            let f = super::knowledge::person_flags_lenient(p, &program.catalog, as_of);
            let metrics = knowledge_pairs(f, Flags::default())
                .into_iter()
                .filter(|(_, was, _)| *was)
                .map(|(m, _, _)| m)
                .fold(Vec::new(), |mut v, m| {
                    if !v.contains(&m) {
                        v.push(m);
                    }
                    v
                });
            push(l, Lapse::Leaves, &p.name, metrics, None);
        }
        for c in &p.certifications {
            let e = c.expiry();
            if c.active_on(as_of) && soon(e) && p.employed_on(e) {
                let metrics = ix
                    .level(&c.exam)
                    .map_or_else(Vec::new, |l| cert_rows(l, higher));
                push(
                    e,
                    Lapse::CertificationExpires {
                        exam: c.exam.trim().to_string(),
                    },
                    &p.name,
                    metrics,
                    None,
                );
            }
        }
        for a in &p.accreditations {
            let row = match a.kind {
                AccreditationKind::Technical => MetricId::AccreditedTechnical,
                AccreditationKind::Business => MetricId::AccreditedBusiness,
                AccreditationKind::CloudEconomics => continue,
            };
            if let Some(e) = a
                .expires
                .filter(|e| a.active_on(as_of) && soon(*e) && p.employed_on(*e))
            {
                push(
                    e,
                    Lapse::AccreditationExpires { kind: a.kind },
                    &p.name,
                    vec![MetricId::AccreditedTotal, row],
                    None,
                );
            }
        }
    }

    let uw = windows(&store.profile, as_of).upgrade;
    let up = Some(WindowKind::Upgrade);
    for o in &store.opportunities {
        if let Some(l) = o.launch_date.filter(|_| opportunity_counts(o, uw)) {
            let d = leaves_upgrade_window(l);
            if soon(d) {
                let mut metrics = vec![MetricId::LaunchedOpportunities, MetricId::LaunchedMrr];
                if o.referenceable {
                    metrics.push(MetricId::PublicReferences);
                }
                let what = Lapse::Launch {
                    launched: l,
                    mrr: o.mrr,
                };
                push(d, what, &o.customer, metrics, up);
            }
        }
    }
    for r in &store.references {
        let d = leaves_upgrade_window(r.approved);
        if reference_counts(r, uw) && soon(d) {
            let what = Lapse::Reference {
                approved: r.approved,
            };
            push(d, what, &r.customer, vec![MetricId::PublicReferences], up);
        }
    }
    for b in &store.business_plans {
        if let Some(v) = b.validated_on.filter(|v| uw.contains(*v)) {
            let d = leaves_upgrade_window(v);
            if soon(d) {
                let what = Lapse::Plan { validated: v };
                push(d, what, &b.validated_by, vec![MetricId::BusinessPlan], up);
            }
        }
    }
    for c in &store.csat {
        let d = leaves_upgrade_window(c.date);
        if uw.contains(c.date) && soon(d) {
            let what = Lapse::Csat { date: c.date };
            push(d, what, &c.customer, vec![MetricId::CsatResponses], up);
        }
    }
    let (reset, why) = next_renewal_reset(&store.profile, as_of);
    if soon(reset) {
        let what = Lapse::WindowRestarts { reason: why };
        push(
            reset,
            what,
            "",
            WINDOWED.to_vec(),
            Some(WindowKind::Renewal),
        );
    }
    out.sort_by(|a, b| {
        (a.date, &a.who)
            .cmp(&(b.date, &b.who))
            .then_with(|| a.what.tie_key().cmp(&b.what.tie_key()))
    });
    out
}

/// The rows a certification of this level feeds.
fn cert_rows(l: Level, higher_implies_foundational: bool) -> Vec<MetricId> {
    let mut v = Vec::new();
    if l == Level::Foundational || higher_implies_foundational {
        v.push(MetricId::CertifiedFoundational);
    }
    if l.is_technical() {
        v.push(MetricId::CertifiedTechnical);
    }
    if l.is_pro_specialty() {
        v.push(MetricId::CertifiedProSpecialty);
    }
    v
}
