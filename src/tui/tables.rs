//! The entry tables behind the numbers: columns, cells, sort keys, filter text and which window
//! counts each entry. Pure functions of the store, so views and tests share them.

use crate::domain::{Level, Store};
use crate::scoring::{self, Program, Windows};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    People,
    Opportunities,
    References,
    Csat,
}

impl TableKind {
    pub const ALL: [TableKind; 4] = [
        TableKind::People,
        TableKind::Opportunities,
        TableKind::References,
        TableKind::Csat,
    ];

    pub fn index(self) -> usize {
        match self {
            TableKind::People => 0,
            TableKind::Opportunities => 1,
            TableKind::References => 2,
            TableKind::Csat => 3,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TableKind::People => "People",
            TableKind::Opportunities => "Opportunities",
            TableKind::References => "Public references",
            TableKind::Csat => "CSAT responses",
        }
    }

    /// Singular noun for messages ("Deleted opportunity ...").
    pub fn noun(self) -> &'static str {
        match self {
            TableKind::People => "person",
            TableKind::Opportunities => "opportunity",
            TableKind::References => "reference",
            TableKind::Csat => "CSAT response",
        }
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::People => &[
                "Name",
                "Highest",
                "Certifications",
                "Accred.",
                "Next expiry",
                "Linked",
                "Left",
            ],
            TableKind::Opportunities => &[
                "ACE id", "Customer", "Title", "Stage", "MRR", "Launch", "Renew", "Upgr",
            ],
            TableKind::References => &["Customer", "Title", "Approved", "URL", "Renew", "Upgr"],
            TableKind::Csat => &[
                "Customer", "Date", "Rating", "Consent", "Comment", "Renew", "Upgr",
            ],
        }
    }

    pub fn len(self, store: &Store) -> usize {
        match self {
            TableKind::People => store.people.len(),
            TableKind::Opportunities => store.opportunities.len(),
            TableKind::References => store.references.len(),
            TableKind::Csat => store.csat.len(),
        }
    }
}

/// Which entries the tables show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WindowFilter {
    #[default]
    All,
    Renewal,
    Upgrade,
}

impl WindowFilter {
    pub fn next(self) -> WindowFilter {
        match self {
            WindowFilter::All => WindowFilter::Renewal,
            WindowFilter::Renewal => WindowFilter::Upgrade,
            WindowFilter::Upgrade => WindowFilter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WindowFilter::All => "all entries",
            WindowFilter::Renewal => "counted in renewal",
            WindowFilter::Upgrade => "counted in upgrade",
        }
    }
}

/// A comparable sort key for one cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Text(String),
    Date(Option<NaiveDate>),
    Num(i64),
}

/// Everything needed to describe the rows of a table at an as-of date.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub program: &'a Program,
    pub as_of: NaiveDate,
    pub windows: Windows,
}

fn mark(b: bool) -> String {
    if b { "✓".into() } else { "·".into() }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Ctx<'_> {
    /// Whether entry `i` of `kind` is counted in (renewal, upgrade).
    pub fn counted(&self, kind: TableKind, i: usize) -> (bool, bool) {
        let w = self.windows;
        match kind {
            TableKind::People => {
                let c =
                    self.store.people.get(i).is_some_and(|p| {
                        scoring::person_counts(p, &self.program.catalog, self.as_of)
                    });
                (c, c)
            }
            TableKind::Opportunities => {
                self.store.opportunities.get(i).map_or((false, false), |o| {
                    (
                        scoring::opportunity_counts(o, w.renewal),
                        scoring::opportunity_counts(o, w.upgrade),
                    )
                })
            }
            TableKind::References => self.store.references.get(i).map_or((false, false), |r| {
                (
                    scoring::reference_counts(r, w.renewal),
                    scoring::reference_counts(r, w.upgrade),
                )
            }),
            TableKind::Csat => self.store.csat.get(i).map_or((false, false), |c| {
                (
                    scoring::csat_counts(c, w.renewal),
                    scoring::csat_counts(c, w.upgrade),
                )
            }),
        }
    }

    pub fn passes_window(&self, kind: TableKind, i: usize, f: WindowFilter) -> bool {
        match f {
            WindowFilter::All => true,
            WindowFilter::Renewal => self.counted(kind, i).0,
            WindowFilter::Upgrade => self.counted(kind, i).1,
        }
    }

    /// The display cells of entry `i`.
    pub fn cells(&self, kind: TableKind, i: usize) -> Vec<String> {
        let (r, u) = self.counted(kind, i);
        match kind {
            TableKind::People => {
                let Some(p) = self.store.people.get(i) else {
                    return Vec::new();
                };
                let d = self.as_of;
                let level = scoring::highest_active_level(p, &self.program.catalog, d)
                    .map_or("-", Level::label);
                let certs: Vec<&str> = p
                    .certifications
                    .iter()
                    .filter(|c| c.active_on(d))
                    .map(|c| c.exam.as_str())
                    .collect();
                let accs: Vec<&str> = p
                    .accreditations
                    .iter()
                    .filter(|a| a.active_on(d))
                    .map(|a| match a.kind {
                        crate::domain::AccreditationKind::Technical => "Tech",
                        crate::domain::AccreditationKind::Business => "Bus",
                        crate::domain::AccreditationKind::CloudEconomics => "Econ",
                    })
                    .collect();
                vec![
                    p.name.clone(),
                    level.to_string(),
                    certs.join(" "),
                    accs.join(" "),
                    date(scoring::nearest_expiry(p, d)),
                    if p.linked {
                        "yes".into()
                    } else {
                        "no ✗".into()
                    },
                    date(p.left_on),
                ]
            }
            TableKind::Opportunities => {
                let Some(o) = self.store.opportunities.get(i) else {
                    return Vec::new();
                };
                let mrr = if o.mrr_looks_annual() {
                    format!("{} !", o.mrr.display())
                } else {
                    o.mrr.display()
                };
                vec![
                    o.ace_id.clone(),
                    o.customer.clone(),
                    o.title.clone(),
                    o.stage.label().into(),
                    mrr,
                    date(o.launch_date),
                    mark(r),
                    mark(u),
                ]
            }
            TableKind::References => {
                let Some(x) = self.store.references.get(i) else {
                    return Vec::new();
                };
                vec![
                    x.customer.clone(),
                    x.title.clone(),
                    x.approved.to_string(),
                    x.url.clone(),
                    mark(r),
                    mark(u),
                ]
            }
            TableKind::Csat => {
                let Some(x) = self.store.csat.get(i) else {
                    return Vec::new();
                };
                vec![
                    x.customer.clone(),
                    x.date.to_string(),
                    format!("{} {}", x.rating, "★".repeat(usize::from(x.rating.min(5)))),
                    if x.consent { "yes".into() } else { "no".into() },
                    x.comment.clone(),
                    mark(r),
                    mark(u),
                ]
            }
        }
    }

    /// A plain text column without building the whole row: sorting thousands of rows by name
    /// must not format every certification list.
    fn plain_cell(&self, kind: TableKind, i: usize, col: usize) -> Option<String> {
        let s = self.store;
        match (kind, col) {
            (TableKind::People, 0) => s.people.get(i).map(|p| p.name.clone()),
            (TableKind::Opportunities, 0) => s.opportunities.get(i).map(|o| o.ace_id.clone()),
            (TableKind::Opportunities, 1) => s.opportunities.get(i).map(|o| o.customer.clone()),
            (TableKind::Opportunities, 2) => s.opportunities.get(i).map(|o| o.title.clone()),
            (TableKind::References, 0) => s.references.get(i).map(|r| r.customer.clone()),
            (TableKind::References, 1) => s.references.get(i).map(|r| r.title.clone()),
            (TableKind::References, 3) => s.references.get(i).map(|r| r.url.clone()),
            (TableKind::Csat, 0) => s.csat.get(i).map(|c| c.customer.clone()),
            (TableKind::Csat, 4) => s.csat.get(i).map(|c| c.comment.clone()),
            _ => None,
        }
    }

    /// The sort key of column `col` of entry `i`: dates and money sort as such, not as text.
    pub fn sort_key(&self, kind: TableKind, i: usize, col: usize) -> SortKey {
        let d = self.as_of;
        match (kind, col) {
            (TableKind::People, 1) => SortKey::Num(self.store.people.get(i).map_or(-1, |p| {
                scoring::highest_active_level(p, &self.program.catalog, d).map_or(-1, |l| l as i64)
            })),
            (TableKind::People, 4) => SortKey::Date(
                self.store
                    .people
                    .get(i)
                    .and_then(|p| scoring::nearest_expiry(p, d)),
            ),
            (TableKind::People, 6) => {
                SortKey::Date(self.store.people.get(i).and_then(|p| p.left_on))
            }
            (TableKind::Opportunities, 3) => SortKey::Num(
                self.store
                    .opportunities
                    .get(i)
                    .map_or(0, |o| o.stage as i64),
            ),
            (TableKind::Opportunities, 4) => {
                SortKey::Num(self.store.opportunities.get(i).map_or(0, |o| o.mrr.cents()))
            }
            (TableKind::Opportunities, 5) => {
                SortKey::Date(self.store.opportunities.get(i).and_then(|o| o.launch_date))
            }
            (TableKind::References, 2) => {
                SortKey::Date(self.store.references.get(i).map(|r| r.approved))
            }
            (TableKind::Csat, 1) => SortKey::Date(self.store.csat.get(i).map(|c| c.date)),
            (TableKind::Csat, 2) => {
                SortKey::Num(self.store.csat.get(i).map_or(0, |c| i64::from(c.rating)))
            }
            _ => SortKey::Text(
                self.plain_cell(kind, i, col)
                    .or_else(|| self.cells(kind, i).get(col).cloned())
                    .unwrap_or_default()
                    .to_lowercase(),
            ),
        }
    }

    /// Text the live filter matches against (all cells, lower case).
    pub fn haystack(&self, kind: TableKind, i: usize) -> String {
        let mut s = self.cells(kind, i).join(" ").to_lowercase();
        if let (TableKind::People, Some(p)) = (kind, self.store.people.get(i)) {
            s.push(' ');
            s.push_str(&p.email.to_lowercase());
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path for text columns gives the same text as the full row.
    #[test]
    fn plain_cells_equal_the_displayed_cells() {
        let today = "2026-11-26".parse().expect("date");
        let store = crate::assets::demo_store(today).expect("demo");
        let program = Program::embedded().expect("program");
        let ctx = Ctx {
            store: &store,
            program: &program,
            as_of: today,
            windows: scoring::windows(&store.profile, today),
        };
        let mut checked = 0;
        for kind in TableKind::ALL {
            for i in 0..kind.len(&store) {
                let cells = ctx.cells(kind, i);
                for col in 0..kind.columns().len() {
                    if let Some(fast) = ctx.plain_cell(kind, i, col) {
                        assert_eq!(Some(&fast), cells.get(col), "{kind:?} row {i} col {col}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }
}
