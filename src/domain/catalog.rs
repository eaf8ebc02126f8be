//! The certification catalogue (exam -> level), loaded from `assets/catalog.ron`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Certification levels, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    Foundational,
    Associate,
    Professional,
    Specialty,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Foundational,
        Level::Associate,
        Level::Professional,
        Level::Specialty,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Level::Foundational => "Foundational",
            Level::Associate => "Associate",
            Level::Professional => "Professional",
            Level::Specialty => "Specialty",
        }
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
}
