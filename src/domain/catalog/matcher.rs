//! Finding an exam from what a person types or a spreadsheet holds: `solutions architect
//! associate`, `saa c03`, `AWS Certified Cloud Practitioner`. Words match in any order, ignoring
//! case, dashes and the words every exam name shares; among the versions of one exam the one that
//! could be taken on the earned date comes first. Pure: the form's picker and the CSV import share
//! it, so both understand the same names.

use super::{Catalog, Exam, UnknownExam};
use chrono::NaiveDate;

/// Words in every (or nearly every) exam name; they neither narrow nor widen a match.
const FILLER: [&str; 4] = ["aws", "certified", "certification", "exam"];

/// Why a query names no single exam. The form's picker offers candidates only for `Ambiguous`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExamLookupError {
    /// No exam's code or name matches the query.
    #[error(transparent)]
    Unknown(#[from] UnknownExam),
    /// Several lines of exams match equally well; `candidates` holds one code per line, best
    /// first.
    #[error(
        "exam '{query}' could be {}: write more of the name, or the code",
        .candidates.join(" or ")
    )]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

/// One candidate for a query, best first in [`Catalog::candidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExamMatch<'a> {
    pub exam: &'a Exam,
    /// The query is this exam's code (`saa-c03`, `SAA C03`, `saac03`).
    pub exact_code: bool,
    /// The query's words are exactly the name's (in any order), less the filler words.
    pub exact_name: bool,
    /// Whether the exam could be taken on the earned date (or, with none, can still be taken).
    pub current: bool,
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect()
}

fn squashed(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Exact code, exact name, query words matched whole, minus the name words left over.
type Quality = (bool, bool, usize, isize);

/// How well an exam's code and name cover the query; `None` when some query word finds nothing.
/// Larger is better: exact code, exact name, words matched whole, fewest name words left over.
fn quality(e: &Exam, query: &[String], query_squashed: &str) -> Option<Quality> {
    if query.is_empty() {
        return None;
    }
    let exact_code = squashed(&e.code) == query_squashed;
    let mut own = words(&e.code);
    let name = words(&e.name);
    own.extend(name.iter().cloned());
    let mut whole = 0;
    for q in query {
        if own.iter().any(|w| w == q) {
            whole += 1;
        } else if !own.iter().any(|w| w.starts_with(q.as_str())) {
            return (exact_code).then_some((true, false, 0, 0));
        }
    }
    let mut left: Vec<&String> = name.iter().collect();
    left.retain(|w| !query.contains(w));
    let exact_name = left.is_empty() && query.iter().all(|q| name.contains(q));
    Some((exact_code, exact_name, whole, -(left.len() as isize)))
}

impl Catalog {
    /// Exams matching `query`, best first. Versions of one exam (linked by `replaced_by`) stay
    /// together, the one that could be taken on `earned` first, then newest first; a renamed
    /// successor current on `earned` joins its line even when its new name does not match
    /// (`sysops administrator` earned in 2026 offers SOA-C03, CloudOps Engineer).
    pub fn candidates(&self, query: &str, earned: Option<NaiveDate>) -> Vec<ExamMatch<'_>> {
        let q = words(query);
        let qs = squashed(query);
        // Best quality per line, keyed by the line's newest code.
        let mut lines: Vec<(&str, Quality, usize)> = Vec::new();
        for (pos, e) in self.exams.iter().enumerate() {
            let Some(k) = quality(e, &q, &qs) else {
                continue;
            };
            let line = self.latest_of(e).code.as_str();
            match lines.iter_mut().find(|(l, _, _)| *l == line) {
                Some(entry) => entry.1 = entry.1.max(k),
                None => lines.push((line, k, pos)),
            }
        }
        // Stable sort: equal lines keep catalogue order (Associate before Professional...).
        lines.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        for (line, _, _) in lines {
            let mut members: Vec<(usize, ExamMatch<'_>)> = self
                .exams
                .iter()
                .enumerate()
                .filter(|(_, e)| self.latest_of(e).code == line)
                .filter_map(|(pos, e)| {
                    let current = e.current_on(earned);
                    let k = quality(e, &q, &qs);
                    (k.is_some() || current).then_some((
                        pos,
                        ExamMatch {
                            exam: e,
                            exact_code: k.is_some_and(|k| k.0),
                            exact_name: k.is_some_and(|k| k.1),
                            current,
                        },
                    ))
                })
                .collect();
            // A typed code wins; then the version current on the day; then newest.
            members.sort_by(|(pa, a), (pb, b)| {
                (b.exact_code, b.current)
                    .cmp(&(a.exact_code, a.current))
                    .then(pb.cmp(pa))
            });
            out.extend(members.into_iter().map(|(_, m)| m));
        }
        // An exact code outranks every other line.
        out.sort_by_key(|m| !m.exact_code);
        out
    }

    /// The one exam `query` names, for an import row or a form: an exact code, or the best
    /// line of versions (current on `earned` first). Two lines matching equally well is an error
    /// that lists them, so a vague name never picks an exam silently.
    pub fn resolve(
        &self,
        query: &str,
        earned: Option<NaiveDate>,
    ) -> Result<&Exam, ExamLookupError> {
        let q = words(query);
        let qs = squashed(query);
        let c = self.candidates(query, earned);
        let Some(first) = c.first() else {
            return Err(UnknownExam(query.trim().to_string()).into());
        };
        if first.exact_code {
            return Ok(first.exam);
        }
        let line = |e: &Exam| self.latest_of(e).code.clone();
        let best = |l: &str| {
            self.exams
                .iter()
                .filter(|e| self.latest_of(e).code == l)
                .filter_map(|e| quality(e, &q, &qs))
                // Left-over name words order the list but do not settle a choice: `machine
                // learning` is as much MLA-C01 as MLS-C01.
                .map(|(code, name, whole, _)| (code, name, whole))
                .max()
        };
        let top = line(first.exam);
        let top_q = best(&top);
        let mut rivals: Vec<&str> = Vec::new();
        for m in &c {
            let l = line(m.exam);
            if l != top && best(&l) == top_q && !rivals.contains(&m.exam.code.as_str()) {
                rivals.push(&m.exam.code);
            }
        }
        if rivals.is_empty() {
            return Ok(first.exam);
        }
        let mut named = vec![first.exam.code.clone()];
        // One code a line is enough to tell the user which words to add.
        let mut seen = vec![top];
        for r in rivals {
            if let Some(e) = self.exams.iter().find(|e| e.code == r) {
                let l = line(e);
                if !seen.contains(&l) {
                    seen.push(l);
                    named.push(r.to_string());
                }
            }
        }
        Err(ExamLookupError::Ambiguous {
            query: query.trim().to_string(),
            candidates: named,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ExamLookupError;
    use crate::domain::{Catalog, UnknownExam};
    use chrono::NaiveDate;

    fn catalog() -> Catalog {
        crate::assets::catalog().expect("embedded catalogue")
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().expect("test date"))
    }

    fn codes(c: &Catalog, q: &str, on: Option<NaiveDate>) -> Vec<String> {
        c.candidates(q, on)
            .into_iter()
            .map(|m| m.exam.code.clone())
            .collect()
    }

    fn resolved(c: &Catalog, q: &str, on: Option<NaiveDate>) -> String {
        match c.resolve(q, on) {
            Ok(e) => e.code.clone(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn words_in_any_order_without_dashes_or_case() {
        let c = catalog();
        assert_eq!(
            codes(&c, "solutions architect associate", None),
            ["SAA-C03", "SAA-C02"]
        );
        assert_eq!(
            codes(&c, "Associate ARCHITECT solutions", None),
            ["SAA-C03", "SAA-C02"]
        );
        assert_eq!(
            codes(&c, "AWS Certified Solutions Architect - Associate", None),
            ["SAA-C03", "SAA-C02"]
        );
        assert_eq!(
            codes(&c, "cloud practitioner", None),
            ["CLF-C02", "CLF-C01"]
        );
        assert_eq!(codes(&c, "sol arch pro", None), ["SAP-C02", "SAP-C01"]);
    }

    #[test]
    fn the_version_current_on_the_earned_day_comes_first() {
        let c = catalog();
        assert_eq!(
            codes(&c, "cloud practitioner", d("2022-05-01")),
            ["CLF-C01", "CLF-C02"]
        );
        // The switch-over day itself: the old version's last day, then the new one's first.
        assert_eq!(
            resolved(&c, "security specialty", d("2025-12-01")),
            "SCS-C02"
        );
        assert_eq!(
            resolved(&c, "security specialty", d("2025-12-02")),
            "SCS-C03"
        );
        assert_eq!(
            resolved(&c, "security specialty", d("2021-01-01")),
            "SCS-C01"
        );
        assert_eq!(resolved(&c, "security specialty", None), "SCS-C03");
    }

    #[test]
    fn a_renamed_successor_joins_its_line_on_its_dates() {
        let c = catalog();
        assert_eq!(
            resolved(&c, "sysops administrator", d("2025-09-29")),
            "SOA-C02"
        );
        assert_eq!(
            resolved(&c, "sysops administrator", d("2025-09-30")),
            "SOA-C03"
        );
        assert_eq!(
            codes(&c, "sysops administrator", d("2026-01-10")),
            ["SOA-C03", "SOA-C02", "SOA-C01"]
        );
        // Before SOA-C03 existed it is not offered for the old name.
        assert_eq!(codes(&c, "sysops", d("2024-01-10")), ["SOA-C02", "SOA-C01"]);
        assert_eq!(
            resolved(&c, "cloudops engineer", d("2026-01-10")),
            "SOA-C03"
        );
    }

    #[test]
    fn a_typed_code_wins_even_off_its_dates() {
        let c = catalog();
        assert_eq!(resolved(&c, "saa-c02", d("2025-01-01")), "SAA-C02");
        assert_eq!(resolved(&c, "SAA C02", None), "SAA-C02");
        assert_eq!(resolved(&c, "saac03", None), "SAA-C03");
        assert_eq!(codes(&c, "SAA-C02", None)[0], "SAA-C02");
    }

    #[test]
    fn a_vague_name_is_an_error_that_lists_the_choices() {
        let c = catalog();
        assert_eq!(
            codes(&c, "solutions architect", d("2024-03-01")),
            ["SAA-C03", "SAA-C02", "SAP-C02", "SAP-C01"]
        );
        assert_eq!(
            resolved(&c, "solutions architect", d("2024-03-01")),
            "exam 'solutions architect' could be SAA-C03 or SAP-C02: write more of the name, or the code"
        );
        assert_eq!(
            c.resolve("  solutions architect ", d("2024-03-01")),
            Err(ExamLookupError::Ambiguous {
                query: "solutions architect".into(),
                candidates: vec!["SAA-C03".into(), "SAP-C02".into()],
            })
        );
        let e = resolved(&c, "machine learning", None);
        assert!(e.contains("MLA-C01") && e.contains("MLS-C01"), "{e}");
        // An exact name beats a looser one that merely contains the words.
        assert_eq!(
            resolved(&c, "AWS Certified Machine Learning - Specialty", None),
            "MLS-C01"
        );
    }

    #[test]
    fn nothing_matches_is_an_error_naming_the_exam() {
        let c = catalog();
        assert!(codes(&c, "underwater basket weaving", None).is_empty());
        assert!(codes(&c, "", None).is_empty());
        assert!(codes(&c, "aws certified", None).is_empty());
        assert_eq!(resolved(&c, "  XYZ-C09 ", None), "unknown exam 'XYZ-C09'");
        assert_eq!(
            c.resolve("  XYZ-C09 ", None),
            Err(ExamLookupError::Unknown(UnknownExam("XYZ-C09".into())))
        );
    }
}
