//! The entry tables behind the numbers. Each table is described once, as a list of columns: its
//! title, how it fits a narrow screen, its cell text, its sort key and where it shows (table,
//! detail popup, filter). Views, sorting, filtering and the detail popup all read that one list.
//! Pure functions of the store, so views and tests share them.

use super::history::Part;
use crate::domain::{
    AccreditationKind, CsatResponse, Level, Opportunity, Person, Reference, Store,
};
use crate::scoring::{self, Program, Windows};
use chrono::NaiveDate;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;
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

    /// The titles of the columns the table shows, in order; sort columns count in this list.
    pub fn columns(self) -> Vec<&'static str> {
        self.specs().into_iter().map(|s| s.title).collect()
    }

    /// The columns the table shows, in order.
    pub fn specs(self) -> Vec<&'static Spec> {
        self.described()
            .specs()
            .into_iter()
            .filter(|s| s.shown.in_table())
            .collect()
    }

    /// Position in the full column list of the table's `col`-th shown column. Called once per
    /// entry while sorting, so it walks the list without collecting it.
    fn table_col(self, col: usize) -> Option<usize> {
        let d = self.described();
        (0..d.count())
            .filter(|&c| d.spec(c).is_some_and(|s| s.shown.in_table()))
            .nth(col)
    }

    fn described(self) -> &'static dyn Described {
        match self {
            TableKind::People => &PEOPLE,
            TableKind::Opportunities => &OPPORTUNITIES,
            TableKind::References => &REFERENCES,
            TableKind::Csat => &CSAT,
        }
    }

    /// The id of entry `i` of this table's list.
    pub fn id_at(self, store: &Store, i: usize) -> Option<crate::domain::Id> {
        match self {
            TableKind::People => store.people.get(i).map(|e| e.id),
            TableKind::Opportunities => store.opportunities.get(i).map(|e| e.id),
            TableKind::References => store.references.get(i).map(|e| e.id),
            TableKind::Csat => store.csat.get(i).map(|e| e.id),
        }
    }

    /// The part of the store this table lists.
    pub fn part(self) -> Part {
        match self {
            TableKind::People => Part::People,
            TableKind::Opportunities => Part::Opportunities,
            TableKind::References => Part::References,
            TableKind::Csat => Part::Csat,
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

    /// The window a filtered table is limited to, for its title: `None` when it shows all.
    pub fn short_label(self) -> Option<&'static str> {
        match self {
            WindowFilter::All => None,
            WindowFilter::Renewal => Some("renewal"),
            WindowFilter::Upgrade => Some("upgrade"),
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

/// How a column gives way when the table is narrower than its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Shown whole or not at all: names, dates, amounts, marks. A cut date reads as a wrong one.
    Whole,
    /// Long free text (titles, comments, URLs) that may be cut down to this many cells, with `…`.
    CutTo(u16),
}

/// Where a column appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// In the table and in the entry's detail popup.
    Everywhere,
    /// Only in the table: the window marks, which the popup words in full.
    Table,
    /// Only in the detail popup: fields too minor for a column.
    Detail,
    /// Nowhere, but the filter matches it (a person's email).
    Filter,
}

impl Shown {
    pub fn in_table(self) -> bool {
        matches!(self, Shown::Everywhere | Shown::Table)
    }

    pub fn in_detail(self) -> bool {
        matches!(self, Shown::Everywhere | Shown::Detail)
    }
}

/// Everything about a column except how its cells are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub title: &'static str,
    pub fit: Fit,
    /// When the table is too narrow, the column with the lowest `keep` is dropped first.
    pub keep: u8,
    pub shown: Shown,
}

/// `keep` of the name column of each table: names are never dropped.
pub const KEEP_NAME: u8 = u8::MAX;
/// `keep` given to the sorted column while drawing: after the name, it is the last to go, so
/// the sort arrow stays in view.
pub const KEEP_SORTED: u8 = u8::MAX - 1;

/// One column of a table of `T`: its spec, its cell text and, when text order is not the right
/// one (dates, money, levels), its sort key.
struct Column<T> {
    spec: Spec,
    cell: fn(&Ctx<'_>, &T) -> String,
    key: Option<fn(&Ctx<'_>, &T) -> SortKey>,
}

const fn col<T>(
    title: &'static str,
    fit: Fit,
    keep: u8,
    shown: Shown,
    cell: fn(&Ctx<'_>, &T) -> String,
) -> Column<T> {
    Column {
        spec: Spec {
            title,
            fit,
            keep,
            shown,
        },
        cell,
        key: None,
    }
}

const fn keyed<T>(
    title: &'static str,
    keep: u8,
    cell: fn(&Ctx<'_>, &T) -> String,
    key: fn(&Ctx<'_>, &T) -> SortKey,
) -> Column<T> {
    Column {
        spec: Spec {
            title,
            fit: Fit::Whole,
            keep,
            shown: Shown::Everywhere,
        },
        cell,
        key: Some(key),
    }
}

/// A table of `T`: where its entries live in the store, and its columns.
struct TableDef<T: 'static> {
    list: fn(&Store) -> &[T],
    columns: &'static [Column<T>],
}

/// A described table with its entry type erased, so `TableKind` can hand out any of the four.
trait Described: Sync {
    fn count(&self) -> usize;
    fn spec(&self, col: usize) -> Option<&'static Spec>;
    fn specs(&self) -> Vec<&'static Spec> {
        (0..self.count()).filter_map(|c| self.spec(c)).collect()
    }
    /// Column `col` (of the full list) of entry `i`; `None` past the end of either.
    fn cell(&self, ctx: &Ctx<'_>, i: usize, col: usize) -> Option<String>;
    fn sort_key(&self, ctx: &Ctx<'_>, i: usize, col: usize) -> SortKey;
}

impl<T> Described for TableDef<T> {
    fn count(&self) -> usize {
        self.columns.len()
    }

    fn spec(&self, col: usize) -> Option<&'static Spec> {
        let columns: &'static [Column<T>] = self.columns;
        columns.get(col).map(|c| &c.spec)
    }

    fn cell(&self, ctx: &Ctx<'_>, i: usize, col: usize) -> Option<String> {
        let entry = (self.list)(ctx.store).get(i)?;
        self.columns.get(col).map(|c| (c.cell)(ctx, entry))
    }

    fn sort_key(&self, ctx: &Ctx<'_>, i: usize, col: usize) -> SortKey {
        let (Some(entry), Some(c)) = ((self.list)(ctx.store).get(i), self.columns.get(col)) else {
            return SortKey::Text(String::new());
        };
        match c.key {
            Some(key) => key(ctx, entry),
            // Only this column's text is made: sorting thousands of people by name must not
            // format every certification list.
            None => SortKey::Text((c.cell)(ctx, entry).to_lowercase()),
        }
    }
}

fn mark(b: bool) -> String {
    if b { "✓".into() } else { "·".into() }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn level(ctx: &Ctx<'_>, p: &Person) -> Option<Level> {
    scoring::highest_active_level(p, &ctx.program.catalog, ctx.as_of)
}

static PEOPLE: TableDef<Person> = TableDef {
    list: |s| &s.people,
    columns: &[
        col("Name", Fit::Whole, KEEP_NAME, Shown::Everywhere, |_, p| {
            p.name.clone()
        }),
        keyed(
            "Highest",
            60,
            |c, p| level(c, p).map_or("-", Level::label).to_string(),
            |c, p| SortKey::Num(level(c, p).map_or(-1, |l| l as i64)),
        ),
        col(
            "Certifications",
            Fit::CutTo(14),
            50,
            Shown::Everywhere,
            |c, p| {
                let active: Vec<&str> = p
                    .certifications
                    .iter()
                    .filter(|x| x.active_on(c.as_of))
                    .map(|x| x.exam.as_str())
                    .collect();
                active.join(" ")
            },
        ),
        col("Accred.", Fit::Whole, 30, Shown::Everywhere, |c, p| {
            let active: Vec<&str> = p
                .accreditations
                .iter()
                .filter(|a| a.active_on(c.as_of))
                .map(|a| match a.kind {
                    AccreditationKind::Technical => "Tech",
                    AccreditationKind::Business => "Bus",
                    AccreditationKind::CloudEconomics => "Econ",
                })
                .collect();
            active.join(" ")
        }),
        keyed(
            "Next expiry",
            55,
            |c, p| date(scoring::nearest_expiry(p, c.as_of)),
            |c, p| SortKey::Date(scoring::nearest_expiry(p, c.as_of)),
        ),
        col("Linked", Fit::Whole, 45, Shown::Everywhere, |_, p| {
            if p.linked { "yes" } else { "no ✗" }.to_string()
        }),
        keyed(
            "Left",
            20,
            |_, p| date(p.left_on),
            |_, p| SortKey::Date(p.left_on),
        ),
        col("Email", Fit::Whole, 0, Shown::Filter, |_, p| {
            p.email.clone()
        }),
    ],
};

static OPPORTUNITIES: TableDef<Opportunity> = TableDef {
    list: |s| &s.opportunities,
    columns: &[
        col("ACE id", Fit::Whole, 20, Shown::Everywhere, |_, o| {
            o.ace_id.clone()
        }),
        col(
            "Customer",
            Fit::Whole,
            KEEP_NAME,
            Shown::Everywhere,
            |_, o| o.customer.clone(),
        ),
        col("Title", Fit::CutTo(10), 40, Shown::Everywhere, |_, o| {
            o.title.clone()
        }),
        keyed(
            "Stage",
            60,
            |_, o| o.stage.label().to_string(),
            |_, o| SortKey::Num(o.stage as i64),
        ),
        keyed(
            "MRR",
            60,
            |_, o| {
                if o.mrr_looks_annual() {
                    format!("{} !", o.mrr.display())
                } else {
                    o.mrr.display()
                }
            },
            |_, o| SortKey::Num(o.mrr.cents()),
        ),
        keyed(
            "Launch",
            35,
            |_, o| date(o.launch_date),
            |_, o| SortKey::Date(o.launch_date),
        ),
        col("Renew", Fit::Whole, 80, Shown::Table, |c, o| {
            mark(scoring::opportunity_counts(o, c.windows.renewal))
        }),
        col("Upgr", Fit::Whole, 80, Shown::Table, |c, o| {
            mark(scoring::opportunity_counts(o, c.windows.upgrade))
        }),
        col("Referenceable", Fit::Whole, 0, Shown::Detail, |_, o| {
            if o.referenceable { "yes" } else { "no" }.to_string()
        }),
    ],
};

static REFERENCES: TableDef<Reference> = TableDef {
    list: |s| &s.references,
    columns: &[
        col(
            "Customer",
            Fit::Whole,
            KEEP_NAME,
            Shown::Everywhere,
            |_, r| r.customer.clone(),
        ),
        col("Title", Fit::CutTo(10), 50, Shown::Everywhere, |_, r| {
            r.title.clone()
        }),
        keyed(
            "Approved",
            60,
            |_, r| r.approved.to_string(),
            |_, r| SortKey::Date(Some(r.approved)),
        ),
        col("URL", Fit::CutTo(12), 30, Shown::Everywhere, |_, r| {
            r.url.clone()
        }),
        col("Renew", Fit::Whole, 80, Shown::Table, |c, r| {
            mark(scoring::reference_counts(r, c.windows.renewal))
        }),
        col("Upgr", Fit::Whole, 80, Shown::Table, |c, r| {
            mark(scoring::reference_counts(r, c.windows.upgrade))
        }),
    ],
};

static CSAT: TableDef<CsatResponse> = TableDef {
    list: |s| &s.csat,
    columns: &[
        col(
            "Customer",
            Fit::Whole,
            KEEP_NAME,
            Shown::Everywhere,
            |_, x| x.customer.clone(),
        ),
        keyed(
            "Date",
            60,
            |_, x| x.date.to_string(),
            |_, x| SortKey::Date(Some(x.date)),
        ),
        keyed(
            "Rating",
            55,
            |_, x| format!("{} {}", x.rating, "★".repeat(usize::from(x.rating.min(5)))),
            |_, x| SortKey::Num(i64::from(x.rating)),
        ),
        col("Consent", Fit::Whole, 40, Shown::Everywhere, |_, x| {
            if x.consent { "yes" } else { "no" }.to_string()
        }),
        col("Comment", Fit::CutTo(10), 30, Shown::Everywhere, |_, x| {
            x.comment.clone()
        }),
        col("Renew", Fit::Whole, 80, Shown::Table, |c, x| {
            mark(scoring::csat_counts(x, c.windows.renewal))
        }),
        col("Upgr", Fit::Whole, 80, Shown::Table, |c, x| {
            mark(scoring::csat_counts(x, c.windows.upgrade))
        }),
    ],
};

/// What one column asks of the screen, measured on the rows in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Want {
    /// Its widest cell or header: at this width nothing in it is cut.
    pub ideal: u16,
    /// The narrowest it may be cut to; rather than go below, it is dropped.
    pub min: u16,
    pub keep: u8,
}

impl Want {
    /// The want of a column whose header and visible cells are these.
    pub fn measure<'s>(spec: &Spec, header: &str, cells: impl Iterator<Item = &'s str>) -> Want {
        let head = width_of(header);
        let ideal = cells.map(width_of).fold(head, u16::max);
        let min = match spec.fit {
            Fit::Whole => ideal,
            Fit::CutTo(m) => m.max(head).min(ideal),
        };
        Want {
            ideal,
            min,
            keep: spec.keep,
        }
    }
}

/// Cells between two columns.
pub const SPACING: u16 = 1;

fn width_of(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}

/// Column widths within `width` cells, `None` for a column left out. Free text is cut before
/// anything is dropped; then the least kept columns go, one at a time, until the rest fit whole.
/// Spare cells go to cut columns, narrowest first, until each shows whole; the rest stays blank
/// rather than spread blanks between columns.
pub fn fit(wants: &[Want], width: u16) -> Vec<Option<u16>> {
    let mut shown: Vec<usize> = (0..wants.len()).collect();
    let min = |c: usize| wants[c].min.min(wants[c].ideal);
    let need = |shown: &[usize]| -> u32 {
        let gaps = u32::try_from(shown.len().saturating_sub(1)).unwrap_or(u32::MAX);
        shown.iter().map(|&c| u32::from(min(c))).sum::<u32>() + u32::from(SPACING) * gaps
    };
    while need(&shown) > u32::from(width) {
        if shown.len() <= 1 {
            // The one column left (the name) is cut to the width there is.
            let mut out = vec![None; wants.len()];
            if let Some(&c) = shown.first() {
                out[c] = Some(width);
            }
            return out;
        }
        // The least kept goes; of equals, the rightmost.
        if let Some(pos) = (0..shown.len()).min_by_key(|&p| (wants[shown[p]].keep, usize::MAX - p))
        {
            shown.remove(pos);
        }
    }
    let mut out: Vec<Option<u16>> = vec![None; wants.len()];
    for &c in &shown {
        out[c] = Some(min(c));
    }
    let mut spare = u32::from(width).saturating_sub(need(&shown));
    while spare > 0 {
        let narrowest = shown
            .iter()
            .copied()
            .filter(|&c| out[c].is_some_and(|w| w < wants[c].ideal))
            .min_by_key(|&c| (out[c], c));
        let Some(c) = narrowest else { break };
        out[c] = out[c].map(|w| w + 1);
        spare -= 1;
    }
    out
}

/// `s` within `width` cells: whole if it fits, else cut with a `…` so a cut never passes for
/// the whole text.
pub fn clip(s: &str, width: u16) -> String {
    let w = usize::from(width);
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let (head, _) = s.unicode_truncate(w - 1);
    format!("{head}…")
}

/// A column header, with the sort arrow when the table is sorted by it: ▲ ascending, ▼ descending.
pub fn header(title: &str, sorted: Option<bool>) -> String {
    match sorted {
        None => title.to_string(),
        Some(false) => format!("{title} ▲"),
        Some(true) => format!("{title} ▼"),
    }
}

/// Everything needed to describe the rows of a table at an as-of date.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub program: &'a Program,
    pub as_of: NaiveDate,
    pub windows: Windows,
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

    /// The cells of entry `i` for the columns the table shows, in order.
    pub fn cells(&self, kind: TableKind, i: usize) -> Vec<String> {
        self.columns_where(kind, i, Shown::in_table)
            .into_iter()
            .map(|(_, v)| v)
            .collect()
    }

    /// The fields of entry `i` its detail popup lists: (title, text).
    pub fn detail(&self, kind: TableKind, i: usize) -> Vec<(&'static str, String)> {
        self.columns_where(kind, i, Shown::in_detail)
    }

    fn columns_where(
        &self,
        kind: TableKind,
        i: usize,
        shown: fn(Shown) -> bool,
    ) -> Vec<(&'static str, String)> {
        let d = kind.described();
        d.specs()
            .iter()
            .enumerate()
            .filter(|(_, s)| shown(s.shown))
            .filter_map(|(c, s)| d.cell(self, i, c).map(|v| (s.title, v)))
            .collect()
    }

    /// The sort key of the table's column `col` for entry `i`: dates and money sort as such,
    /// not as text.
    pub fn sort_key(&self, kind: TableKind, i: usize, col: usize) -> SortKey {
        match kind.table_col(col) {
            Some(c) => kind.described().sort_key(self, i, c),
            None => SortKey::Text(String::new()),
        }
    }

    /// Text the live filter matches against: every column, shown or not (lower case).
    pub fn haystack(&self, kind: TableKind, i: usize) -> String {
        self.columns_where(kind, i, |_| true)
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(ideal: u16, min: u16, keep: u8) -> Want {
        Want { ideal, min, keep }
    }

    #[test]
    fn columns_that_fit_show_whole_and_leave_the_rest_blank() {
        let w = [want(12, 12, KEEP_NAME), want(10, 10, 50), want(30, 10, 40)];
        assert_eq!(fit(&w, 80), vec![Some(12), Some(10), Some(30)]);
    }

    #[test]
    fn free_text_is_cut_before_any_column_is_dropped() {
        let w = [want(12, 12, KEEP_NAME), want(10, 10, 5), want(30, 10, 40)];
        // 12 + 10 + 30 + 2 gaps = 54 > 40: the title gives 14 cells, nothing is dropped.
        assert_eq!(fit(&w, 40), vec![Some(12), Some(10), Some(16)]);
    }

    #[test]
    fn the_least_kept_column_goes_before_a_name_is_cut() {
        let w = [
            want(20, 20, KEEP_NAME),
            want(10, 10, 60),
            want(10, 10, 20),
            want(4, 4, 80),
        ];
        // All whole need 47; at 40 the keep-20 column goes and the name stays whole.
        assert_eq!(fit(&w, 40), vec![Some(20), Some(10), None, Some(4)]);
        // At 22 only the name is left whole; at 12 the name alone is cut to what there is.
        assert_eq!(fit(&w, 22), vec![Some(20), None, None, None]);
        assert_eq!(fit(&w, 12), vec![Some(12), None, None, None]);
    }

    #[test]
    fn spare_cells_go_to_the_narrowest_cut_column() {
        let w = [want(10, 10, KEEP_NAME), want(40, 10, 40), want(14, 10, 30)];
        // Mins need 32; 18 spare: both cut columns grow evenly until the URL is whole at 14.
        assert_eq!(fit(&w, 50), vec![Some(10), Some(24), Some(14)]);
    }

    #[test]
    fn clip_marks_a_cut_with_an_ellipsis() {
        assert_eq!(
            clip("Harbor & Pine Insurance", 30),
            "Harbor & Pine Insurance"
        );
        assert_eq!(clip("Harbor & Pine Insurance", 10), "Harbor & …");
        assert_eq!(clip("5 ★★★★★", 7), "5 ★★★★★");
        assert_eq!(clip("abc", 0), "");
    }

    fn demo_ctx(f: impl FnOnce(&Ctx<'_>)) {
        let today = "2026-11-26".parse().expect("date");
        let store = crate::assets::demo_store(today).expect("demo");
        let program = Program::embedded().expect("program");
        let ctx = Ctx {
            store: &store,
            program: &program,
            as_of: today,
            windows: scoring::windows(&store.profile, today),
        };
        f(&ctx);
    }

    /// Every row has one cell per shown column, and text columns sort by the text shown.
    #[test]
    fn cells_and_sort_keys_follow_the_one_column_list() {
        demo_ctx(|ctx| {
            let mut checked = 0;
            for kind in TableKind::ALL {
                let specs = kind.specs();
                assert_eq!(specs.len(), kind.columns().len());
                for i in 0..kind.len(ctx.store) {
                    let cells = ctx.cells(kind, i);
                    assert_eq!(cells.len(), specs.len(), "{kind:?} row {i}");
                    for (c, cell) in cells.iter().enumerate() {
                        if let SortKey::Text(t) = ctx.sort_key(kind, i, c) {
                            assert_eq!(t, cell.to_lowercase(), "{kind:?} row {i} col {c}");
                            checked += 1;
                        }
                    }
                }
            }
            assert!(checked > 100, "{checked}");
        });
    }

    #[test]
    fn the_detail_lists_fields_and_leaves_the_window_marks_to_its_own_lines() {
        demo_ctx(|ctx| {
            let o = &ctx.store.opportunities[0];
            let detail = ctx.detail(TableKind::Opportunities, 0);
            let titles: Vec<&str> = detail.iter().map(|(t, _)| *t).collect();
            assert_eq!(
                titles,
                [
                    "ACE id",
                    "Customer",
                    "Title",
                    "Stage",
                    "MRR",
                    "Launch",
                    "Referenceable"
                ]
            );
            assert_eq!(detail[1].1, o.customer);
            assert!(!kind_titles(TableKind::Opportunities).contains(&"Referenceable"));
            // A person is found by email though no column shows it.
            let p = &ctx.store.people[0];
            assert!(!p.email.is_empty());
            assert!(
                ctx.haystack(TableKind::People, 0)
                    .contains(&p.email.to_lowercase())
            );
            assert!(!kind_titles(TableKind::People).contains(&"Email"));
        });
    }

    fn kind_titles(kind: TableKind) -> Vec<&'static str> {
        kind.columns()
    }
}
