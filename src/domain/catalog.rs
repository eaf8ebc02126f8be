//! The certification catalogue (exam -> level), loaded from `assets/catalog.ron`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

mod matcher;
pub use matcher::{ExamLookupError, ExamMatch};

/// Certification levels, lowest first. The label is the variant's name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
)]
pub enum Level {
    Foundational,
    Associate,
    Professional,
    Specialty,
}

impl Level {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [Level; <Level as strum::EnumCount>::COUNT] =
        match <Level as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    pub fn label(self) -> &'static str {
        self.into()
    }

    /// Counts in `certified_technical` (Associate and above).
    pub fn is_technical(self) -> bool {
        self != Level::Foundational
    }

    /// Counts in `certified_pro_specialty`.
    pub fn is_pro_specialty(self) -> bool {
        matches!(self, Level::Professional | Level::Specialty)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    /// e.g. `SAA-C03`.
    pub code: String,
    /// e.g. `AWS Certified Solutions Architect - Associate`.
    pub name: String,
    pub level: Level,
    /// The last day the exam could be taken; certifications stay valid until they expire.
    #[serde(default)]
    pub retired: Option<NaiveDate>,
    /// First day the exam could be taken, where the catalogue knows it.
    #[serde(default)]
    pub available_from: Option<NaiveDate>,
    /// The code of the version that replaced this one (SOA-C02 -> SOA-C03).
    #[serde(default)]
    pub replaced_by: Option<String>,
}

impl Exam {
    /// Could the exam be taken on `d`? With no day, whether it can still be taken at all.
    pub fn current_on(&self, d: Option<NaiveDate>) -> bool {
        match d {
            Some(d) => {
                self.available_from.is_none_or(|a| a <= d) && self.retired.is_none_or(|r| d <= r)
            }
            None => self.retired.is_none(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub exams: Vec<Exam>,
}

/// An exam code or name the catalogue does not know (trimmed as the user wrote it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown exam '{0}'")]
pub struct UnknownExam(pub String);

impl Catalog {
    /// Finds an exam by code or by name, case-insensitively. A name shared by several versions
    /// (SAA-C02, SAA-C03) resolves to the last one listed, the current version.
    pub fn find(&self, code_or_name: &str) -> Option<&Exam> {
        let q = code_or_name.trim();
        if q.is_empty() {
            return None;
        }
        self.exams
            .iter()
            .find(|e| e.code.eq_ignore_ascii_case(q))
            .or_else(|| {
                self.exams
                    .iter()
                    .rev()
                    .find(|e| e.name.eq_ignore_ascii_case(q))
            })
    }

    /// The level of an exam, or an error that names it.
    pub fn level_of(&self, code_or_name: &str) -> Result<Level, UnknownExam> {
        self.find(code_or_name)
            .map(|e| e.level)
            .ok_or_else(|| UnknownExam(code_or_name.trim().to_string()))
    }

    /// Exams whose code or name starts with (or contains) `prefix`, for completion.
    pub fn complete(&self, prefix: &str) -> Vec<&Exam> {
        let p = prefix.trim().to_ascii_lowercase();
        if p.is_empty() {
            return Vec::new();
        }
        let mut starts: Vec<&Exam> = self
            .exams
            .iter()
            .filter(|e| e.code.to_ascii_lowercase().starts_with(&p))
            .collect();
        for e in &self.exams {
            if !starts.iter().any(|s| s.code == e.code) && e.name.to_ascii_lowercase().contains(&p)
            {
                starts.push(e);
            }
        }
        starts
    }

    /// Problems with the `replaced_by` links, each naming the exam: a successor that is missing,
    /// of another level, not starting the day after its predecessor's last day, claimed by two
    /// exams, or a chain that loops. Empty for a consistent catalogue.
    pub fn link_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut claimed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for e in &self.exams {
            let Some(next) = e.replaced_by.as_deref() else {
                continue;
            };
            claimed.entry(next).or_default().push(&e.code);
            let Some(n) = self.exams.iter().find(|x| x.code == next) else {
                out.push(format!(
                    "{}: successor {next} is not in the catalogue",
                    e.code
                ));
                continue;
            };
            if n.code == e.code {
                out.push(format!("{}: replaced by itself", e.code));
                continue;
            }
            if n.level != e.level {
                out.push(format!(
                    "{}: {next} is {}, not {}",
                    e.code, n.level, e.level
                ));
            }
            match (e.retired, n.available_from) {
                (None, _) => out.push(format!(
                    "{}: replaced by {next} but has no last day",
                    e.code
                )),
                (Some(_), None) => out.push(format!("{}: {next} has no first day", e.code)),
                (Some(r), Some(a)) if r.succ_opt() != Some(a) => out.push(format!(
                    "{}: last day {r}, but {next} starts {a}, not the next day",
                    e.code
                )),
                _ => {}
            }
        }
        for (next, by) in claimed {
            if by.len() > 1 {
                out.push(format!("{next}: named as successor by {}", by.join(", ")));
            }
        }
        for e in &self.exams {
            let mut at = e;
            let mut steps = 0;
            while let Some(n) = self.successor(at) {
                at = n;
                steps += 1;
                if steps > self.exams.len() {
                    out.push(format!("{}: its successors loop", e.code));
                    break;
                }
            }
        }
        out
    }

    /// The exam that replaced `e`, if the catalogue holds it (a self-link counts as none).
    fn successor(&self, e: &Exam) -> Option<&Exam> {
        let next = e.replaced_by.as_deref()?;
        self.exams
            .iter()
            .find(|x| x.code == next && x.code != e.code)
    }

    /// The newest version in `e`'s line (follows `replaced_by`): exams of one line share it.
    pub fn latest_of<'a>(&'a self, e: &'a Exam) -> &'a Exam {
        let mut at = e;
        // Bounded: a looping catalogue (reported by `link_problems`) must not hang a lookup.
        for _ in 0..self.exams.len() {
            match self.successor(at) {
                Some(n) => at = n,
                None => break,
            }
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn exam(code: &str, level: Level) -> Exam {
        Exam {
            code: code.into(),
            name: format!("Exam {code}"),
            level,
            retired: None,
            available_from: None,
            replaced_by: None,
        }
    }

    #[test]
    fn the_catalogue_successor_links_are_consistent() {
        let c = crate::assets::catalog().expect("embedded catalogue");
        assert_eq!(c.link_problems(), Vec::<String>::new());
        // Every exam that names a successor has a last day, and vice versa for the known lines.
        for code in [
            "SOA-C02", "SCS-C02", "SAA-C02", "CLF-C01", "SAP-C01", "DVA-C01", "DOP-C01",
        ] {
            let e = c.find(code).expect(code);
            assert!(e.retired.is_some() && e.replaced_by.is_some(), "{code}");
        }
        let soa = c.find("SOA-C02").expect("SOA-C02");
        assert_eq!(soa.retired, Some(day("2025-09-29")));
        assert_eq!(c.latest_of(soa).code, "SOA-C03");
        assert_eq!(c.latest_of(c.find("SOA-C01").expect("C01")).code, "SOA-C03");
        let scs = c.find("SCS-C02").expect("SCS-C02");
        assert_eq!(scs.retired, Some(day("2025-12-01")));
        assert_eq!(scs.replaced_by.as_deref(), Some("SCS-C03"));
        // Retired with no successor: the line ends there.
        for code in ["PAS-C01", "DAS-C01", "DBS-C01", "MLS-C01"] {
            let e = c.find(code).expect(code);
            assert!(e.retired.is_some() && e.replaced_by.is_none(), "{code}");
        }
        assert_eq!(
            c.find("PAS-C01").and_then(|e| e.retired),
            Some(day("2024-04-29"))
        );
    }

    #[test]
    fn broken_links_are_named() {
        let mut old = exam("OLD-C01", Level::Associate);
        old.replaced_by = Some("NEW-C01".into());
        let c = Catalog {
            exams: vec![old.clone()],
        };
        assert_eq!(
            c.link_problems(),
            ["OLD-C01: successor NEW-C01 is not in the catalogue"]
        );

        old.retired = Some(day("2025-01-31"));
        let mut new = exam("NEW-C01", Level::Professional);
        new.available_from = Some(day("2025-03-01"));
        let c = Catalog {
            exams: vec![old.clone(), new.clone()],
        };
        assert_eq!(
            c.link_problems(),
            [
                "OLD-C01: NEW-C01 is Professional, not Associate",
                "OLD-C01: last day 2025-01-31, but NEW-C01 starts 2025-03-01, not the next day",
            ]
        );

        // Two exams replaced by each other loop; a lookup still ends.
        let mut a = exam("A-C01", Level::Associate);
        let mut b = exam("B-C01", Level::Associate);
        a.replaced_by = Some("B-C01".into());
        b.replaced_by = Some("A-C01".into());
        a.retired = Some(day("2025-01-01"));
        b.retired = Some(day("2025-01-01"));
        let c = Catalog { exams: vec![a, b] };
        let p = c.link_problems();
        assert!(p.iter().any(|x| x == "A-C01: its successors loop"), "{p:?}");
        let _ = c.latest_of(&c.exams[0]);
    }

    #[test]
    fn current_on_uses_first_and_last_days() {
        let mut e = exam("X-C02", Level::Associate);
        e.available_from = Some(day("2023-02-28"));
        e.retired = Some(day("2025-09-29"));
        assert!(!e.current_on(Some(day("2023-02-27"))));
        assert!(e.current_on(Some(day("2023-02-28"))));
        assert!(e.current_on(Some(day("2025-09-29"))));
        assert!(!e.current_on(Some(day("2025-09-30"))));
        assert!(!e.current_on(None));
    }
}
