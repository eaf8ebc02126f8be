//! Next actions: for each unmet row how much is missing and who or what could close it, then
//! the rows at risk, then unlinked people. As data: `report::wording::action_line` words them.

use super::count::{customer_key, opportunity_counts, reference_counts};
use super::knowledge::{Flags, person_flags_lenient};
use super::{Program, Scorecard, WindowKind};
use crate::domain::{MetricId, Money, Person, Stage, Store, Tier};
use chrono::NaiveDate;
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
    /// What to do, with the numbers and names the sentence needs.
    pub ask: Ask,
}

/// What a next action asks for. Name lists are complete and in store order; the wording
/// decides how many to spell out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Ask {
    /// Launch more: opportunities and MRR (cents) short, 0 for a row that is met (never
    /// both); the open pipeline that could help.
    Launch {
        launches: i64,
        mrr: i64,
        purpose: Purpose,
        pipeline: Pipeline,
    },
    /// Have the business plan validated; the day of the last validation, if any.
    ValidatePlan {
        purpose: Purpose,
        last_validated: Option<NaiveDate>,
    },
    /// More public references: the customers launched in the window without one.
    References {
        missing: i64,
        purpose: Purpose,
        customers: Vec<String>,
    },
    /// More CSAT responses: the customers launched in the window, who could be asked.
    Csat {
        missing: i64,
        purpose: Purpose,
        customers: Vec<String>,
    },
    /// More people in a Knowledge row: linked staff one step away from counting, and unlinked
    /// staff who would count once linked.
    Knowledge {
        metric: MetricId,
        missing: i64,
        purpose: Purpose,
        one_step: Vec<String>,
        unlinked: Vec<String>,
    },
    /// The validated business plan stops counting on `before`.
    Revalidate { before: NaiveDate },
    /// A met row falls below `required` on `on` if nothing is added; `purpose` is `None` for a
    /// Knowledge row at risk in both windows alike.
    AtRisk {
        metric: MetricId,
        purpose: Option<Purpose>,
        required: i64,
        on: NaiveDate,
    },
    /// `count` employed people hold certifications AWS does not credit, their accounts not
    /// being linked; `names` of those found in the store.
    Unlinked { count: usize, names: Vec<String> },
}

/// What a window's row is needed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Purpose {
    /// Renewal: to keep the current tier.
    Keep(Tier),
    /// Upgrade, to a target above the current tier.
    Reach(Tier),
    /// Upgrade, when the target is the current tier: to hold it over the rolling 12 months.
    Sustain(Tier),
}

/// What the open pipeline could bring towards a launch gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Pipeline {
    /// Committed opportunities, their MRR, and whether they cover the whole gap.
    Committed {
        count: usize,
        worth: Money,
        enough: bool,
    },
    /// No Committed one: the other open opportunities and their MRR.
    Open { count: usize, worth: Money },
    /// No open opportunity at all.
    Empty,
}

/// In this order: unmet renewal rows, unmet upgrade rows (both in `MetricId::ALL` order, launched
/// opportunities and MRR merged into one action when both are short), met rows at risk (earliest
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
            let ask = match m {
                MetricId::LaunchedOpportunities => {
                    let mrr = short(MetricId::LaunchedMrr).unwrap_or(0);
                    Ask::Launch {
                        launches: missing,
                        mrr,
                        purpose,
                        pipeline: pipeline(store, (missing, mrr)),
                    }
                }
                MetricId::LaunchedMrr if short(MetricId::LaunchedOpportunities).is_some() => {
                    continue; // asked for together with the launched opportunities
                }
                MetricId::LaunchedMrr => Ask::Launch {
                    launches: 0,
                    mrr: missing,
                    purpose,
                    pipeline: pipeline(store, (0, missing)),
                },
                MetricId::BusinessPlan => Ask::ValidatePlan {
                    purpose,
                    last_validated: store
                        .business_plans
                        .iter()
                        .filter_map(|b| b.validated_on)
                        .max(),
                },
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
                    let customers = store
                        .opportunities
                        .iter()
                        .filter(|o| opportunity_counts(o, w))
                        .filter(|o| !referenced.contains(&customer_key(&o.customer)))
                        .filter(|o| seen.insert(customer_key(&o.customer)))
                        .map(|o| o.customer.trim().to_string())
                        .collect();
                    Ask::References {
                        missing,
                        purpose,
                        customers,
                    }
                }
                MetricId::CsatResponses => {
                    let w = scorecard.windows.get(k);
                    let mut seen = HashSet::new();
                    let customers = store
                        .opportunities
                        .iter()
                        .filter(|o| opportunity_counts(o, w))
                        .filter(|o| seen.insert(customer_key(&o.customer)))
                        .map(|o| o.customer.trim().to_string())
                        .collect();
                    Ask::Csat {
                        missing,
                        purpose,
                        customers,
                    }
                }
                _ => {
                    let (one_step, unlinked) = candidates(m, &staff);
                    Ask::Knowledge {
                        metric: m,
                        missing,
                        purpose,
                        one_step,
                        unlinked,
                    }
                }
            };
            out.push(NextAction {
                window: Some(k),
                metric: Some(m),
                missing,
                ask,
            });
        }
    }

    let mut risks: Vec<(NaiveDate, NextAction)> = Vec::new();
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
            let ask = if row.id == MetricId::BusinessPlan {
                Ask::Revalidate { before: date }
            } else {
                Ask::AtRisk {
                    metric: row.id,
                    purpose: (!both).then(|| purpose(scorecard, k)),
                    required: row.cell(k).required,
                    on: date,
                }
            };
            let window = if both { None } else { Some(k) };
            risks.push((
                date,
                NextAction {
                    window,
                    metric: Some(row.id),
                    missing: 0,
                    ask,
                },
            ));
        }
    }
    risks.sort_by_key(|(d, _)| *d);
    out.extend(risks.into_iter().map(|(_, a)| a));

    if !scorecard.unlinked.is_empty() {
        let names = scorecard
            .unlinked
            .iter()
            .filter_map(|id| store.person(*id))
            .map(|p| p.name.trim().to_string())
            .collect();
        out.push(NextAction {
            window: None,
            metric: None,
            missing: 0,
            ask: Ask::Unlinked {
                count: scorecard.unlinked.len(),
                names,
            },
        });
    }
    out
}

fn purpose(card: &Scorecard, k: WindowKind) -> Purpose {
    match k {
        WindowKind::Renewal => Purpose::Keep(card.tier),
        WindowKind::Upgrade if card.target_tier > card.tier => Purpose::Reach(card.target_tier),
        WindowKind::Upgrade => Purpose::Sustain(card.target_tier),
    }
}

/// Who could close a Knowledge row, from the employed staff: the linked people one step away
/// (which step depends on the row) and the unlinked people who would count once linked.
fn candidates(m: MetricId, staff: &[(&Person, Flags)]) -> (Vec<String>, Vec<String>) {
    let pick = |f: &dyn Fn(&Flags) -> bool| -> Vec<String> {
        staff
            .iter()
            .filter(|(p, fl)| p.linked && f(fl))
            .map(|(p, _)| p.name.trim().to_string())
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
    let unlinked = staff
        .iter()
        .filter(|(p, fl)| !p.linked && counts(fl))
        .map(|(p, _)| p.name.trim().to_string())
        .collect();
    let one_step = match m {
        MetricId::CertifiedProSpecialty => pick(&|f| f.technical && !f.pro_specialty),
        MetricId::CertifiedTechnical => pick(&|f| f.foundational && !f.technical),
        MetricId::CertifiedFoundational => pick(&|f| !f.foundational),
        MetricId::AccreditedTechnical => {
            pick(&|f| !f.acc_technical && (f.technical || f.acc_business))
        }
        MetricId::AccreditedBusiness => pick(&|f| !f.acc_business && f.acc_technical),
        _ => pick(&|f| !f.acc_technical || !f.acc_business),
    };
    (one_step, unlinked)
}

/// What the open pipeline could bring towards `need` (launches, MRR cents): Committed
/// opportunities first, else any open one.
fn pipeline(store: &Store, need: (i64, i64)) -> Pipeline {
    let sum = |f: &dyn Fn(Stage) -> bool| {
        store
            .opportunities
            .iter()
            .filter(|o| f(o.stage))
            .fold((0usize, Money::ZERO), |(n, m), o| (n + 1, m + o.mrr))
    };
    let (count, worth) = sum(&|s| s == Stage::Committed);
    if count > 0 {
        let enough = i64::try_from(count).unwrap_or(i64::MAX) >= need.0 && worth.cents() >= need.1;
        return Pipeline::Committed {
            count,
            worth,
            enough,
        };
    }
    let (count, worth) = sum(&|s| s.is_open());
    if count > 0 {
        return Pipeline::Open { count, worth };
    }
    Pipeline::Empty
}
