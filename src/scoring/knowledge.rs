//! The Knowledge pillar: who holds what on a day, and the exam lookup it needs.

use crate::domain::{AccreditationKind, Catalog, Level, Person, UnknownExam};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Exam code or name (upper case) -> level, built once per evaluation so a certification costs
/// one hash lookup instead of a scan of the catalogue.
#[derive(Debug, Clone)]
pub struct ExamIndex {
    levels: HashMap<String, Level>,
}

/// Codes and names are short; upper-casing into a stack buffer avoids an allocation per lookup.
const KEY_BUF: usize = 128;

impl ExamIndex {
    pub fn new(catalog: &Catalog) -> ExamIndex {
        let mut levels = HashMap::with_capacity(catalog.exams.len() * 2);
        // Names first, in order, so a name shared by versions resolves to the last listed (as
        // `Catalog::find` does); then codes, first listed wins, and a code beats a name.
        for e in &catalog.exams {
            levels.insert(e.name.trim().to_uppercase(), e.level);
        }
        let mut seen = std::collections::HashSet::new();
        for e in &catalog.exams {
            let k = e.code.trim().to_uppercase();
            if seen.insert(k.clone()) {
                levels.insert(k, e.level);
            }
        }
        ExamIndex { levels }
    }

    /// The level of an exam given by code or name, case-insensitively.
    pub fn level(&self, code_or_name: &str) -> Option<Level> {
        let q = code_or_name.trim();
        if q.is_empty() {
            return None;
        }
        if q.is_ascii() && q.len() <= KEY_BUF {
            let mut buf = [0u8; KEY_BUF];
            let b = &mut buf[..q.len()];
            b.copy_from_slice(q.as_bytes());
            b.make_ascii_uppercase();
            let key = std::str::from_utf8(b).ok()?;
            self.levels.get(key).copied()
        } else {
            self.levels.get(&q.to_uppercase()).copied()
        }
    }
}

/// What one person contributes to the six Knowledge rows on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags {
    pub foundational: bool,
    pub technical: bool,
    pub pro_specialty: bool,
    pub acc_technical: bool,
    pub acc_business: bool,
}

impl Flags {
    pub fn any(self) -> bool {
        self.foundational
            || self.technical
            || self.pro_specialty
            || self.acc_technical
            || self.acc_business
    }
}

/// The person's holdings active on `day`, counting only those earned on or before `known`
/// (later ones are plans). Employment and linking are the caller's business. An active
/// certification whose exam `level` cannot name is returned as that error.
pub(crate) fn flags<L>(
    p: &Person,
    level: L,
    day: NaiveDate,
    known: NaiveDate,
    higher_implies_foundational: bool,
) -> Result<Flags, UnknownExam>
where
    L: Fn(&str) -> Option<Level>,
{
    flags_inner(p, level, day, known, higher_implies_foundational, true)
}

fn flags_inner<L>(
    p: &Person,
    level: L,
    day: NaiveDate,
    known: NaiveDate,
    higher_implies_foundational: bool,
    strict: bool,
) -> Result<Flags, UnknownExam>
where
    L: Fn(&str) -> Option<Level>,
{
    let mut f = Flags::default();
    for c in &p.certifications {
        if c.earned > known || !c.active_on(day) {
            continue;
        }
        let Some(l) = level(&c.exam) else {
            if strict {
                return Err(UnknownExam(c.exam.trim().to_string()));
            }
            continue;
        };
        if l == Level::Foundational || higher_implies_foundational {
            f.foundational = true;
        }
        f.technical |= l.is_technical();
        f.pro_specialty |= l.is_pro_specialty();
    }
    for a in &p.accreditations {
        if a.earned > known || !a.active_on(day) {
            continue;
        }
        match a.kind {
            AccreditationKind::Technical => f.acc_technical = true,
            AccreditationKind::Business => f.acc_business = true,
            AccreditationKind::CloudEconomics => {}
        }
    }
    Ok(f)
}

/// Whether the person is counted in at least one Knowledge row on `as_of`: employed, linked and
/// holding an active certification or a Technical/Business accreditation. Certifications of
/// exams missing from the catalogue are skipped here (`evaluate` reports them as an error).
pub fn person_counts(p: &Person, catalog: &Catalog, as_of: NaiveDate) -> bool {
    p.employed_on(as_of) && p.linked && person_flags_lenient(p, catalog, as_of).any()
}

/// Flags of a person on `d` ignoring unknown exams (for display predicates).
pub(crate) fn person_flags_lenient(p: &Person, catalog: &Catalog, d: NaiveDate) -> Flags {
    flags_inner(p, |x| catalog.find(x).map(|e| e.level), d, d, false, false).unwrap_or_default()
}

/// The highest level among the person's certifications active on `d` (regardless of employment
/// or linking; unknown exams are skipped). Specialty ranks above Professional.
pub fn highest_active_level(p: &Person, catalog: &Catalog, d: NaiveDate) -> Option<Level> {
    p.certifications
        .iter()
        .filter(|c| c.active_on(d))
        .filter_map(|c| catalog.find(&c.exam).map(|e| e.level))
        .max()
}

/// The earliest expiry among the person's certifications and accreditations active on `d`.
pub fn nearest_expiry(p: &Person, d: NaiveDate) -> Option<NaiveDate> {
    let certs = p
        .certifications
        .iter()
        .filter(|c| c.active_on(d))
        .map(|c| c.expiry());
    let accs = p
        .accreditations
        .iter()
        .filter(|a| a.active_on(d))
        .filter_map(|a| a.expires);
    certs.chain(accs).min()
}
