//! Next actions: one sentence for each unmet row saying how much is missing and who or what
//! could close it, then the rows at risk, then unlinked people.

use super::count::{customer_key, opportunity_counts, reference_counts};
use super::knowledge::{Flags, person_flags_lenient};
use super::{Program, Scorecard, WindowKind};
use crate::domain::{MetricId, Money, Person, Stage, Store};
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextAction {
    /// The column it is about; `None` for a Knowledge row at risk in both, or a warning.
    pub window: Option<WindowKind>,
    /// The row it closes; `None` for a warning such as unlinked people.
    pub metric: Option<MetricId>,
    /// How much is missing in the row's units (cents for MRR); 0 for at-risk rows and warnings.
    pub missing: i64,
    pub text: String,
}

/// At most this many names are spelled out in a sentence.
const MAX_NAMES: usize = 5;

/// In this order: unmet renewal rows, unmet upgrade rows (both in `MetricId::ALL` order, launched
/// opportunities and MRR merged into one sentence when both are short), met rows at risk (earliest
/// first), then unlinked people.
pub fn next_actions(store: &Store, program: &Program, scorecard: &Scorecard) -> Vec<NextAction> {
    let as_of = scorecard.as_of;
    let staff: Vec<(&Person, Flags)> = store
        .people
        .iter()
        .filter(|p| p.employed_on(as_of))
        .map(|p| (p, person_flags_lenient(p, &program.catalog, as_of)))
        .collect();
    let mut out = Vec::new();

    for k in [WindowKind::Renewal, WindowKind::Upgrade] {
        let purpose = purpose(scorecard, k);
        let short = |m: MetricId| {
            scorecard
                .row(m)
                .filter(|r| r.scored && !r.cell(k).met)
                .map(|r| r.cell(k).short_by)
        };
        for row in scorecard.metrics.iter().filter(|r| r.scored) {
            let cell = row.cell(k);
            if cell.met {
                continue;
            }
            let m = row.id;
            let missing = cell.short_by;
            let text = match m {
                MetricId::LaunchedOpportunities => {
                    let mrr = short(MetricId::LaunchedMrr)
                        .map(|c| format!(" and {} more MRR", Money(c).display()))
                        .unwrap_or_default();
                    let need = (missing, short(MetricId::LaunchedMrr).unwrap_or(0));
                    format!(
                        "{}{mrr} {purpose}: {}",
                        more(missing, m),
                        pipeline(store, need)
                    )
                }
                MetricId::LaunchedMrr if short(MetricId::LaunchedOpportunities).is_some() => {
                    continue; // said together with the launched opportunities
                }
                MetricId::LaunchedMrr => format!(
                    "{} more MRR {purpose}: {}",
                    Money(missing).display(),
                    pipeline(store, (0, missing))
                ),
                MetricId::BusinessPlan => {
                    let last = store
                        .business_plans
                        .iter()
                        .filter_map(|b| b.validated_on)
                        .max()
                        .map_or("none validated yet".to_string(), |d| {
                            format!("last validated {d}")
                        });
                    format!(
                        "validate the business plan with the AWS partner development contact \
                         {purpose} ({last})"
                    )
                }
                MetricId::PublicReferences => {
                    let w = scorecard.windows.get(k);
                    let referenced: HashSet<String> = store
                        .references
                        .iter()
                        .filter(|r| reference_counts(r, w))
                        .map(|r| customer_key(&r.customer))
                        .chain(
                            store
                                .opportunities
                                .iter()
                                .filter(|o| o.referenceable && opportunity_counts(o, w))
                                .map(|o| customer_key(&o.customer)),
                        )
                        .collect();
                    let mut seen = HashSet::new();
                    let names: Vec<&str> = store
                        .opportunities
                        .iter()
                        .filter(|o| opportunity_counts(o, w))
                        .filter(|o| !referenced.contains(&customer_key(&o.customer)))
                        .filter(|o| seen.insert(customer_key(&o.customer)))
                        .map(|o| o.customer.trim())
                        .collect();
                    let who = if names.is_empty() {
                        "no customer launched in the window is without one".to_string()
                    } else {
                        format!(
                            "{} launched in the window could publish one ({})",
                            count_of(names.len(), "customer", "customers"),
                            list(&names)
                        )
                    };
                    format!("{} {purpose}: {who}", more(missing, m))
                }
                MetricId::CsatResponses => {
                    let w = scorecard.windows.get(k);
                    let mut seen = HashSet::new();
                    let names: Vec<&str> = store
                        .opportunities
                        .iter()
                        .filter(|o| opportunity_counts(o, w))
                        .filter(|o| seen.insert(customer_key(&o.customer)))
                        .map(|o| o.customer.trim())
                        .collect();
                    let who = if names.is_empty() {
                        "no customer launched in the window to ask yet".to_string()
                    } else {
                        format!(
                            "ask {} launched in the window to \"Rate the Partner\" ({})",
                            count_of(names.len(), "customer", "customers"),
                            list(&names)
                        )
                    };
                    format!("{} {purpose}: {who}", more(missing, m))
                }
                _ => format!("{} {purpose}: {}", more(missing, m), candidates(m, &staff)),
            };
            out.push(NextAction {
                window: Some(k),
                metric: Some(m),
                missing,
                text,
            });
        }
    }

    let mut risks: Vec<(chrono::NaiveDate, NextAction)> = Vec::new();
    for row in scorecard.metrics.iter().filter(|r| r.scored) {
        let (r, u) = (row.renewal.at_risk, row.upgrade.at_risk);
        let both = row.id.is_point_in_time() && r.is_some() && r == u;
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            let Some(date) = row.cell(k).at_risk else {
                continue;
            };
            if both && k == WindowKind::Upgrade {
                continue;
            }
            let text = if row.id == crate::domain::MetricId::BusinessPlan {
                format!("re-validate the business plan before {date}")
            } else {
                let scope = if both {
                    String::new()
                } else {
                    format!(" {}", purpose(scorecard, k))
                };
                format!(
                    "{}{scope} falls below {} on {date} if nothing is added",
                    row.id.label().trim(),
                    amount(row.id, row.cell(k).required)
                )
            };
            let window = if both { None } else { Some(k) };
            risks.push((
                date,
                NextAction {
                    window,
                    metric: Some(row.id),
                    missing: 0,
                    text,
                },
            ));
        }
    }
    risks.sort_by_key(|(d, _)| *d);
    out.extend(risks.into_iter().map(|(_, a)| a));

    if !scorecard.unlinked.is_empty() {
        let names: Vec<&str> = scorecard
            .unlinked
            .iter()
            .filter_map(|id| store.person(*id))
            .map(|p| p.name.trim())
            .collect();
        let n = scorecard.unlinked.len();
        let verb = if n == 1 { "holds" } else { "hold" };
        out.push(NextAction {
            window: None,
            metric: None,
            missing: 0,
            text: format!(
                "{} {verb} certifications that AWS does not credit yet (not linked): {}",
                count_of(n, "person", "people"),
                list(&names)
            ),
        });
    }
    out
}

fn purpose(card: &Scorecard, k: WindowKind) -> String {
    match k {
        WindowKind::Renewal => format!("to keep {}", card.tier),
        WindowKind::Upgrade if card.target_tier > card.tier => {
            format!("to reach {}", card.target_tier)
        }
        WindowKind::Upgrade => format!("for {} over 12 months", card.target_tier),
    }
}

/// "1 more launched opportunity", "2 more launched opportunities".
fn more(n: i64, m: MetricId) -> String {
    let noun = m.noun();
    if n == 1 {
        format!("1 more {noun}")
    } else {
        format!("{n} more {}", plural(noun))
    }
}

fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

fn amount(m: MetricId, v: i64) -> String {
    if m == MetricId::LaunchedMrr {
        Money(v).display()
    } else {
        v.to_string()
    }
}

fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "A, B, C" or "A, B, C, D, E and 2 more".
fn list(names: &[&str]) -> String {
    let shown = names
        .iter()
        .take(MAX_NAMES)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    match names.len().saturating_sub(MAX_NAMES) {
        0 => shown,
        rest => format!("{shown} and {rest} more"),
    }
}

/// Who could close a Knowledge row, from the employed, linked staff.
fn candidates(m: MetricId, staff: &[(&Person, Flags)]) -> String {
    let pick = |f: &dyn Fn(&Flags) -> bool| -> Vec<&str> {
        staff
            .iter()
            .filter(|(p, fl)| p.linked && f(fl))
            .map(|(p, _)| p.name.trim())
            .collect()
    };
    let counts = |f: &Flags| match m {
        MetricId::AccreditedTotal => f.acc_technical || f.acc_business,
        MetricId::AccreditedTechnical => f.acc_technical,
        MetricId::AccreditedBusiness => f.acc_business,
        MetricId::CertifiedFoundational => f.foundational,
        MetricId::CertifiedTechnical => f.technical,
        MetricId::CertifiedProSpecialty => f.pro_specialty,
        _ => false,
    };
    let unlinked: Vec<&str> = staff
        .iter()
        .filter(|(p, fl)| !p.linked && counts(fl))
        .map(|(p, _)| p.name.trim())
        .collect();
    let link = if unlinked.is_empty() {
        String::new()
    } else {
        format!("; linking {} would count", list(&unlinked))
    };
    let (names, one, many) = match m {
        MetricId::CertifiedProSpecialty => (
            pick(&|f| f.technical && !f.pro_specialty),
            "person holds an Associate and no Pro",
            "people hold an Associate and no Pro",
        ),
        MetricId::CertifiedTechnical => (
            pick(&|f| f.foundational && !f.technical),
            "person holds only a Foundational certification",
            "people hold only a Foundational certification",
        ),
        MetricId::CertifiedFoundational => (
            pick(&|f| !f.foundational),
            "person has no Foundational certification",
            "people have no Foundational certification",
        ),
        MetricId::AccreditedTechnical => (
            pick(&|f| !f.acc_technical && (f.technical || f.acc_business)),
            "certified or accredited person has no technical accreditation",
            "certified or accredited people have no technical accreditation",
        ),
        MetricId::AccreditedBusiness => (
            pick(&|f| !f.acc_business && f.acc_technical),
            "person with the technical accreditation has no business one",
            "people with the technical accreditation have no business one",
        ),
        _ => (
            pick(&|f| !f.acc_technical || !f.acc_business),
            "person can still take an accreditation",
            "people can still take an accreditation",
        ),
    };
    if names.is_empty() {
        return format!("nobody on staff is one step away{link}");
    }
    let n = names.len();
    let what = if n == 1 { one } else { many };
    format!("{n} {what} ({}){link}", list(&names))
}

/// What the open pipeline could bring towards `need` (launches, MRR cents): Committed
/// opportunities first, else any open one.
fn pipeline(store: &Store, need: (i64, i64)) -> String {
    let sum = |f: &dyn Fn(Stage) -> bool| {
        store
            .opportunities
            .iter()
            .filter(|o| f(o.stage))
            .fold((0usize, Money::ZERO), |(n, m), o| (n + 1, m + o.mrr))
    };
    let (n, worth) = sum(&|s| s == Stage::Committed);
    if n > 0 {
        let what = count_of(n, "Committed opportunity", "Committed opportunities");
        let enough = i64::try_from(n).unwrap_or(i64::MAX) >= need.0 && worth.cents() >= need.1;
        let effect = if enough {
            "could close it"
        } else {
            "would close part of it"
        };
        return format!("{what} worth {} {effect}", worth.display());
    }
    let (n, worth) = sum(&|s| s.is_open());
    if n > 0 {
        let what = count_of(n, "open opportunity", "open opportunities");
        let verb = if n == 1 { "is" } else { "are" };
        return format!("{what} worth {} {verb} in the pipeline", worth.display());
    }
    "no open opportunities in the pipeline".to_string()
}
