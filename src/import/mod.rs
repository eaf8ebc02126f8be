//! CSV imports: certifications, accreditations, ACE opportunities, references and CSAT responses.
//!
//! Pure: [`plan`] reads CSV text against a store and says what would change ([`ImportPlan`]), or
//! lists every bad row; [`apply`] makes those changes in memory. The CLI does the file reading,
//! the lock and the one atomic save.

mod kinds;
mod rows;
mod table;

pub use table::{CellError, normalize_header, parse_date, parse_yes_no};

use crate::domain::{Catalog, CsatResponse, Opportunity, Person, Reference, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// What a file holds. `as_str`, `Display` and the command line's possible values are the
/// lowercase name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
    strum::Display,
    clap::ValueEnum,
)]
#[strum(serialize_all = "lowercase")]
#[value(rename_all = "lower")]
pub enum ImportKind {
    Certifications,
    Accreditations,
    Opportunities,
    References,
    Csat,
}

impl ImportKind {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [ImportKind; <ImportKind as strum::EnumCount>::COUNT] =
        match <ImportKind as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A kind of file this build cannot import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown import kind '{0}'")]
pub struct UnknownImportKind(pub String);

impl FromStr for ImportKind {
    type Err = UnknownImportKind;
    /// Case-insensitive, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImportKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownImportKind(s.trim().to_string()))
    }
}

/// A row that cannot be imported. `line` is the file's line (the header is line 1); `column` is
/// the normalized column name, `None` when the row as a whole is unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column {c}: {}", self.line, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

/// The kind of entry a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entity {
    Person,
    Certification,
    Accreditation,
    Opportunity,
    Reference,
    Csat,
}

impl Entity {
    pub fn noun(self, n: usize) -> &'static str {
        match (self, n == 1) {
            (Entity::Person, true) => "person",
            (Entity::Person, false) => "people",
            (Entity::Certification, true) => "certification",
            (Entity::Certification, false) => "certifications",
            (Entity::Accreditation, true) => "accreditation",
            (Entity::Accreditation, false) => "accreditations",
            (Entity::Opportunity, true) => "opportunity",
            (Entity::Opportunity, false) => "opportunities",
            (Entity::Reference, true) => "reference",
            (Entity::Reference, false) => "references",
            (Entity::Csat, true) => "CSAT response",
            (Entity::Csat, false) => "CSAT responses",
        }
    }
}

/// One line of "what would change".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub added: bool,
    pub entity: Entity,
    /// e.g. "SAA-C03 earned 2025-01-01: Lee Park" or "O123 Acme: stage Committed -> Launched".
    pub text: String,
}

/// A whole entry to put in the store: replaces the entry with the same id, or is appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Person(Person),
    Opportunity(Opportunity),
    Reference(Reference),
    Csat(CsatResponse),
}

/// What an import would do. Empty `ops` means the store already holds every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub kind: ImportKind,
    /// Data rows read (good and bad).
    pub rows: usize,
    pub ops: Vec<Op>,
    pub changes: Vec<Change>,
    /// Bad rows left out (only with `skip_bad`).
    pub skipped: Vec<BadRow>,
    /// Imported, but worth a look (e.g. an MRR that looks annual).
    pub warnings: Vec<String>,
}

impl ImportPlan {
    /// How many entries of `entity` are added (`true`) or updated (`false`).
    pub fn count(&self, entity: Entity, added: bool) -> usize {
        self.changes
            .iter()
            .filter(|c| c.entity == entity && c.added == added)
            .count()
    }

    /// "2 people, 5 certifications" for the added (or updated) entries; `None` if there are none.
    fn tally(&self, added: bool) -> Option<String> {
        let mut kinds: Vec<Entity> = self
            .changes
            .iter()
            .filter(|c| c.added == added)
            .map(|c| c.entity)
            .collect();
        kinds.sort();
        kinds.dedup();
        let parts: Vec<String> = kinds
            .into_iter()
            .map(|e| {
                let n = self.count(e, added);
                format!("{n} {}", e.noun(n))
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The readable account of the plan: counts, then each change, warnings and skipped rows.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        if self.changes.is_empty() {
            out.push_str("  nothing to change: the store already holds every row\n");
        }
        if let Some(t) = self.tally(true) {
            out.push_str(&format!("  added: {t}\n"));
        }
        if let Some(t) = self.tally(false) {
            out.push_str(&format!("  updated: {t}\n"));
        }
        for c in &self.changes {
            let sign = if c.added { '+' } else { '~' };
            out.push_str(&format!("  {sign} {}: {}\n", c.entity.noun(1), c.text));
        }
        for w in &self.warnings {
            out.push_str(&format!("  ! {w}\n"));
        }
        if !self.skipped.is_empty() {
            let n = self.skipped.len();
            out.push_str(&format!(
                "Skipped {n} bad {}:\n",
                if n == 1 { "row" } else { "rows" }
            ));
            for b in &self.skipped {
                out.push_str(&format!("  {b}\n"));
            }
        }
        out
    }
}

/// Reads `csv_text` as a `kind` file against `store`: every row checked, nothing changed. Any bad
/// row fails the whole import with the list of all of them.
pub fn plan(
    store: &Store,
    csv_text: &str,
    kind: ImportKind,
    catalog: &Catalog,
    today: NaiveDate,
) -> Result<ImportPlan, Vec<BadRow>> {
    let p = kinds::plan(store, csv_text, kind, catalog, today, &mut |_| {})?;
    if p.skipped.is_empty() {
        Ok(p)
    } else {
        Err(p.skipped)
    }
}

/// Like [`plan`], but bad rows are left out and listed in `skipped`. Still fails when the file as
/// a whole is unusable (a required column missing, broken CSV).
pub fn plan_skipping_bad(
    store: &Store,
    csv_text: &str,
    kind: ImportKind,
    catalog: &Catalog,
    today: NaiveDate,
) -> Result<ImportPlan, Vec<BadRow>> {
    kinds::plan(store, csv_text, kind, catalog, today, &mut |_| {})
}

/// How far planning has got: rows read so far and where in the text (bytes), so a caller can
/// show a percentage before the number of rows is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub rows: usize,
    pub bytes: u64,
    pub total_bytes: u64,
    /// The last call: every row is read.
    pub done: bool,
}

/// [`plan`] (or with `skip_bad`, [`plan_skipping_bad`]) that calls `progress` every 10,000 rows
/// and once at the end (`done`), for a progress line on long imports.
pub fn plan_with_progress(
    store: &Store,
    csv_text: &str,
    kind: ImportKind,
    catalog: &Catalog,
    today: NaiveDate,
    skip_bad: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportPlan, Vec<BadRow>> {
    let p = kinds::plan(store, csv_text, kind, catalog, today, progress)?;
    if skip_bad || p.skipped.is_empty() {
        Ok(p)
    } else {
        Err(p.skipped)
    }
}

/// Puts the planned entries into `store`: each replaces the entry with its id, or is appended.
/// Looks ids up through a hash index, so applying a big plan stays linear.
pub fn apply(store: &mut Store, plan: &ImportPlan) {
    struct Upsert<'a, T> {
        list: &'a mut Vec<T>,
        at: HashMap<u64, usize>,
    }
    impl<'a, T: Clone> Upsert<'a, T> {
        fn new(list: &'a mut Vec<T>, id: impl Fn(&T) -> u64) -> Self {
            let mut at = HashMap::with_capacity(list.len());
            for (i, x) in list.iter().enumerate() {
                // The first of duplicate ids, as a scan would find.
                at.entry(id(x)).or_insert(i);
            }
            Upsert { list, at }
        }
        fn put(&mut self, id: u64, item: &T) {
            match self.at.get(&id) {
                Some(&i) => self.list[i] = item.clone(),
                None => {
                    self.at.insert(id, self.list.len());
                    self.list.push(item.clone());
                }
            }
        }
    }
    let mut people = Upsert::new(&mut store.people, |x| x.id);
    let mut opps = Upsert::new(&mut store.opportunities, |x| x.id);
    let mut refs = Upsert::new(&mut store.references, |x| x.id);
    let mut csat = Upsert::new(&mut store.csat, |x| x.id);
    for op in &plan.ops {
        match op {
            Op::Person(p) => people.put(p.id, p),
            Op::Opportunity(o) => opps.put(o.id, o),
            Op::Reference(r) => refs.put(r.id, r),
            Op::Csat(c) => csat.put(c.id, c),
        }
    }
}

#[cfg(test)]
mod tests;
