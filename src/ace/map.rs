//! From ACE opportunity summaries to a plan against the store, and applying it. Pure: the day
//! and the instant of the sync are arguments, nothing here reads the clock or does I/O.

use super::Catalog;
use crate::domain::ace::ace_key;
use crate::domain::{AceSync, Money, Opportunity, Stage, Store};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// One `Project.ExpectedCustomerSpend` entry, as ACE sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spend {
    /// Decimal string such as `1200.50`; `None` or empty when no estimate was given.
    pub amount: Option<String>,
    /// `USD`, `EUR`, ...
    pub currency: String,
    /// `Monthly` (the only frequency ACE knows today).
    pub frequency: String,
    /// `AWS` for the AWS MRR estimate; `Self` for the partner's own contract value.
    pub target_company: String,
}

/// The parts of one ACE `OpportunitySummary` the scorecard uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AceOpportunity {
    pub id: String,
    pub last_modified: Option<DateTime<Utc>>,
    /// `LifeCycle.Stage`, e.g. `Technical Validation`.
    pub stage: Option<String>,
    /// `LifeCycle.TargetCloseDate`, `YYYY-MM-DD`.
    pub target_close_date: Option<String>,
    /// `Customer.Account.CompanyName`.
    pub company_name: Option<String>,
    pub spend: Vec<Spend>,
}

/// Everything one sync brought back from ACE, all pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub catalog: Catalog,
    /// Every opportunity was listed (no `AfterLastModifiedDate` filter): the ones not seen are
    /// missing from ACE.
    pub full: bool,
    pub pages: usize,
    pub opportunities: Vec<AceOpportunity>,
    /// ACE id -> project title from `GetOpportunity` (`--titles`).
    pub titles: BTreeMap<String, String>,
}

/// An ACE answer the scorecard cannot take, naming the opportunity and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AceProblem {
    pub ace_id: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for AceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = if self.ace_id.is_empty() {
            "(no id)"
        } else {
            &self.ace_id
        };
        write!(f, "opportunity {id}, {}: {}", self.field, self.message)
    }
}

/// What a sync would do. `ops` are whole opportunities that replace the one with the same id or
/// are appended; `state` replaces the store's sync state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPlan {
    pub catalog: Catalog,
    pub full: bool,
    pub pages: usize,
    /// Opportunities received (after dropping repeats across pages).
    pub fetched: usize,
    pub ops: Vec<Opportunity>,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
    /// MRR of $100,000 a month or more: probably an annual figure.
    pub flagged: Vec<String>,
    /// Newly marked as missing from ACE (never deleted).
    pub missing: Vec<String>,
    /// Marked missing before, found in ACE again.
    pub returned: Vec<String>,
    /// Spend left out of MRR for want of an exchange rate.
    pub unconverted: Vec<String>,
    pub state: AceSync,
}

impl SyncPlan {
    /// Whether applying changes any opportunity or mark (the sync time is always recorded).
    pub fn changes_entries(&self, store: &Store) -> bool {
        let old = store.ace_sync.as_ref();
        !self.ops.is_empty()
            || old.map(|s| (&s.missing, &s.unconverted))
                != Some((&self.state.missing, &self.state.unconverted))
    }

    /// The readable account: counts, then each line.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "  {} {} in {} {} ({} sync of the {} catalog)\n",
            self.fetched,
            if self.fetched == 1 {
                "opportunity"
            } else {
                "opportunities"
            },
            self.pages,
            if self.pages == 1 { "page" } else { "pages" },
            if self.full { "full" } else { "incremental" },
            self.catalog
        );
        out.push_str(&format!(
            "  added: {}, updated: {}, unchanged: {}, flagged: {}, missing from ACE: {}\n",
            self.added.len(),
            self.updated.len(),
            self.unchanged,
            self.flagged.len(),
            self.missing.len()
        ));
        for a in &self.added {
            out.push_str(&format!("  + {a}\n"));
        }
        for u in &self.updated {
            out.push_str(&format!("  ~ {u}\n"));
        }
        for m in &self.missing {
            out.push_str(&format!("  - {m}\n"));
        }
        for r in &self.returned {
            out.push_str(&format!("  ~ {r}\n"));
        }
        for f in &self.flagged {
            out.push_str(&format!("  ! {f}\n"));
        }
        for u in &self.unconverted {
            out.push_str(&format!("  ! {u}\n"));
        }
        out
    }
}

/// A checked ACE opportunity, ready to merge.
struct Checked {
    key: String,
    id: String,
    stage: Stage,
    launch_date: Option<NaiveDate>,
    customer: Option<String>,
    mrr: Money,
    /// e.g. `EUR 1200.00`, when some spend could not be converted.
    unconverted: Option<String>,
}

/// Reads the fetched opportunities against `store`: every one checked, nothing changed. Any
/// opportunity the scorecard cannot take fails the whole plan with the list of all of them.
/// `today` dates the entries; `now` is recorded as the last successful sync.
pub fn plan(
    store: &Store,
    fetched: &Fetched,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<SyncPlan, Vec<AceProblem>> {
    let rate = store.profile.settings.eur_usd_rate;
    // The same opportunity can come twice when it changed while the pages were read: keep
    // the latest version.
    let mut latest: Vec<&AceOpportunity> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for o in &fetched.opportunities {
        let k = ace_key(&o.id);
        match at.get(&k) {
            Some(&i) if latest[i].last_modified > o.last_modified => {}
            Some(&i) => latest[i] = o,
            None => {
                at.insert(k, latest.len());
                latest.push(o);
            }
        }
    }

    let known: HashMap<String, usize> = store
        .opportunities
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.ace_id.trim().is_empty())
        .map(|(i, o)| (ace_key(&o.ace_id), i))
        .collect();

    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for o in &latest {
        match check(o, rate, known.contains_key(&ace_key(&o.id))) {
            Ok(c) => checked.push(c),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut state = match &store.ace_sync {
        Some(s) => s.clone(),
        None => AceSync {
            catalog: fetched.catalog.as_str().to_string(),
            ..AceSync::default()
        },
    };
    state.catalog = fetched.catalog.as_str().to_string();
    state.last_success = Some(now);
    let newest = latest.iter().filter_map(|o| o.last_modified).max();
    state.cursor = state.cursor.max(newest);

    let mut p = SyncPlan {
        catalog: fetched.catalog,
        full: fetched.full,
        pages: fetched.pages,
        fetched: checked.len(),
        ops: Vec::new(),
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        flagged: Vec::new(),
        missing: Vec::new(),
        returned: Vec::new(),
        unconverted: Vec::new(),
        state,
    };
    let titles: HashMap<String, &str> = fetched
        .titles
        .iter()
        .map(|(k, t)| (ace_key(k), t.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    // Fresh ids never taken anywhere in the store (nor earlier in this sync).
    let mut ids = crate::domain::IdAlloc::new(store);
    let show = |d: Option<NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
    for c in checked {
        let title = titles.get(&c.key).map(|t| t.to_string());
        let merged = match known.get(&c.key).map(|&i| &store.opportunities[i]) {
            None => {
                let o = Opportunity {
                    id: ids.next_id(),
                    ace_id: c.id.clone(),
                    customer: c.customer.clone().unwrap_or_default(),
                    title: title.unwrap_or_default(),
                    stage: c.stage,
                    mrr: c.mrr,
                    launch_date: c.launch_date,
                    referenceable: false,
                    added: Some(today),
                    changed: Some(today),
                };
                p.added.push(format!(
                    "{} {}: {}, {} MRR{}",
                    o.ace_id,
                    o.customer,
                    o.stage,
                    o.mrr,
                    o.launch_date
                        .map_or(String::new(), |d| format!(", launch {d}"))
                ));
                p.ops.push(o.clone());
                o
            }
            Some(old) => {
                let mut o = old.clone();
                let mut what = Vec::new();
                if let Some(cust) = c.customer.as_ref().filter(|n| **n != o.customer) {
                    what.push(format!("customer {} -> {cust}", o.customer));
                    o.customer = cust.clone();
                }
                // A title kept locally wins; ACE's only fills an empty one.
                if let Some(t) = title.filter(|_| o.title.trim().is_empty()) {
                    what.push(format!("title '{t}'"));
                    o.title = t;
                }
                if o.stage != c.stage {
                    what.push(format!("stage {} -> {}", o.stage, c.stage));
                    o.stage = c.stage;
                }
                if o.mrr != c.mrr {
                    what.push(format!("MRR {} -> {}", o.mrr, c.mrr));
                    o.mrr = c.mrr;
                }
                if o.launch_date != c.launch_date {
                    what.push(format!(
                        "launch {} -> {}",
                        show(o.launch_date),
                        show(c.launch_date)
                    ));
                    o.launch_date = c.launch_date;
                }
                if what.is_empty() {
                    p.unchanged += 1;
                } else {
                    o.changed = Some(today);
                    p.updated
                        .push(format!("{} {}: {}", o.ace_id, o.customer, what.join(", ")));
                    p.ops.push(o.clone());
                }
                o
            }
        };
        if merged.mrr_looks_annual() {
            p.flagged.push(format!(
                "{} {}: MRR {} looks like an annual figure (ACE asks for monthly)",
                merged.ace_id, merged.customer, merged.mrr
            ));
        }
        if p.state.missing.remove(&c.key).is_some() {
            p.returned.push(format!(
                "{} {}: back in ACE",
                merged.ace_id, merged.customer
            ));
        }
        match &c.unconverted {
            Some(u) => {
                p.unconverted.push(format!(
                    "{} {}: {u} left out of MRR (set eur_usd_rate in the store's settings to count it)",
                    merged.ace_id, merged.customer
                ));
                p.state.unconverted.insert(c.key.clone(), u.clone());
            }
            None => {
                p.state.unconverted.remove(&c.key);
            }
        }
    }

    if fetched.full {
        let seen: HashSet<String> = latest.iter().map(|o| ace_key(&o.id)).collect();
        for o in &store.opportunities {
            let k = ace_key(&o.ace_id);
            if k.is_empty() || seen.contains(&k) || p.state.missing.contains_key(&k) {
                continue;
            }
            p.state.missing.insert(k, today);
            p.missing.push(format!(
                "{} {}: no longer in ACE; kept, marked missing since {today}",
                o.ace_id, o.customer
            ));
        }
    }
    Ok(p)
}

/// The ACE ids among `fetched` that have no title in the store (new ones included): the ones
/// `--titles` asks `GetOpportunity` about.
pub fn titles_wanted(store: &Store, fetched: &[AceOpportunity]) -> Vec<String> {
    let titled: HashSet<String> = store
        .opportunities
        .iter()
        .filter(|o| !o.title.trim().is_empty())
        .map(|o| ace_key(&o.ace_id))
        .collect();
    let mut seen = HashSet::new();
    fetched
        .iter()
        .map(|o| o.id.trim())
        .filter(|id| !id.is_empty() && !titled.contains(&ace_key(id)) && seen.insert(ace_key(id)))
        .map(str::to_string)
        .collect()
}

/// Puts the planned opportunities and sync state into `store`.
pub fn apply(store: &mut Store, plan: &SyncPlan) {
    for o in &plan.ops {
        match store.opportunities.iter_mut().find(|x| x.id == o.id) {
            Some(slot) => *slot = o.clone(),
            None => store.opportunities.push(o.clone()),
        }
    }
    store.ace_sync = Some(plan.state.clone());
}

fn check(
    o: &AceOpportunity,
    rate: Option<crate::domain::FxRate>,
    known: bool,
) -> Result<Checked, Vec<AceProblem>> {
    let mut problems = Vec::new();
    let id = o.id.trim().to_string();
    let mut bad = |field: &str, message: String| {
        problems.push(AceProblem {
            ace_id: id.clone(),
            field: field.to_string(),
            message,
        });
    };
    if id.is_empty() {
        bad("Id", "is missing".into());
    }
    let stage = match o.stage.as_deref().map(str::trim) {
        None | Some("") => {
            bad("LifeCycle.Stage", "is missing".into());
            None
        }
        Some(s) => s
            .parse::<Stage>()
            .map_err(|e| bad("LifeCycle.Stage", e.to_string()))
            .ok(),
    };
    let raw_date = o
        .target_close_date
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let target = match raw_date {
        None => None,
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| {
                bad(
                    "LifeCycle.TargetCloseDate",
                    format!("'{t}' is not a date (YYYY-MM-DD)"),
                )
            })
            .ok(),
    };
    if stage == Some(Stage::Launched) && raw_date.is_none() {
        bad(
            "LifeCycle.TargetCloseDate",
            "is missing; a Launched opportunity needs it as its launch date".into(),
        );
    }
    let customer = o
        .company_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if customer.is_none() && !known {
        bad(
            "Customer.Account.CompanyName",
            "is missing (needed to add the opportunity)".into(),
        );
    }

    // MRR: the AWS monthly estimates only; `Self` is the partner's own contract value.
    let mut usd = Money::ZERO;
    let mut eur = Money::ZERO;
    let mut other: BTreeMap<String, Money> = BTreeMap::new();
    let mut overflow = false;
    for (i, s) in o.spend.iter().enumerate() {
        if !s.target_company.trim().eq_ignore_ascii_case("AWS")
            || !s.frequency.trim().eq_ignore_ascii_case("Monthly")
        {
            continue;
        }
        let field = format!("Project.ExpectedCustomerSpend[{i}].Amount");
        let amount = match s.amount.as_deref().map(str::trim) {
            None | Some("") => Money::ZERO,
            Some(a) if !a.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
                bad(&field, format!("'{a}' is not an amount"));
                continue;
            }
            Some(a) => match a.parse::<Money>() {
                Ok(m) => m,
                Err(e) => {
                    bad(&field, e.to_string());
                    continue;
                }
            },
        };
        let cur = s.currency.trim().to_ascii_uppercase();
        let sum = match cur.as_str() {
            "USD" => &mut usd,
            "EUR" => &mut eur,
            _ => other.entry(cur).or_default(),
        };
        match sum.cents().checked_add(amount.cents()) {
            Some(c) => *sum = Money(c),
            None => overflow = true,
        }
    }
    let mut unconverted = Vec::new();
    let mut mrr = Some(usd);
    if eur > Money::ZERO {
        match rate {
            Some(r) => {
                mrr = r
                    .convert(eur)
                    .and_then(|e| mrr.and_then(|m| m.cents().checked_add(e.cents())))
                    .map(Money);
            }
            None => unconverted.push(format!("EUR {}", eur.plain())),
        }
    }
    for (cur, m) in &other {
        if *m > Money::ZERO {
            unconverted.push(format!("{cur} {}", m.plain()));
        }
    }
    let mrr = match mrr {
        Some(m) if !overflow => m,
        _ => {
            bad(
                "Project.ExpectedCustomerSpend",
                "the monthly AWS spend adds up to more than the scorecard can hold".into(),
            );
            Money::ZERO
        }
    };

    match stage {
        Some(stage) if problems.is_empty() => Ok(Checked {
            key: ace_key(&id),
            id,
            stage,
            launch_date: target,
            customer,
            mrr,
            unconverted: (!unconverted.is_empty()).then(|| unconverted.join(", ")),
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests;
