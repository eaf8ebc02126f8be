//! English for what the engine returns as data, in one place: the reports and the dashboard call
//! these, so a sentence reads the same everywhere.

use crate::domain::{MetricId, Money};
use crate::scoring::{
    Ask, Change, ChangeCause, ChangeWhat, EditedEntry, ExamName, Lapse, NextAction, Pipeline,
    Purpose, RestartReason, Upcoming,
};

/// At most this many names are spelled out in a sentence.
pub const MAX_NAMES: usize = 5;

/// Why a forecast cell changes: its causes joined by "; ", then "(and N more)" when some were
/// left out, e.g. "SAA-C03 of Lee Park expires; Mia Chen leaves".
pub fn change_cause(c: &Change) -> String {
    let mut s = c.causes.iter().map(cause).collect::<Vec<_>>().join("; ");
    if c.more > 0 {
        s.push_str(&format!(" (and {} more)", c.more));
    }
    s
}

/// One cause, e.g. "Acme launch of 2025-08-10 leaves the 12-month window".
pub fn cause(c: &ChangeCause) -> String {
    const LEAVES: &str = "leaves the 12-month window";
    match c {
        ChangeCause::Leaves { person } => format!("{person} leaves"),
        ChangeCause::Expires {
            person,
            exams,
            accreditations,
        } => {
            let items: Vec<String> = exams
                .iter()
                .cloned()
                .chain(
                    accreditations
                        .iter()
                        .map(|k| format!("{} accreditation", k.label())),
                )
                .collect();
            let verb = if items.len() > 1 { "expire" } else { "expires" };
            format!("{} of {person} {verb}", items.join(" and "))
        }
        ChangeCause::Launch { customer, launched } => {
            let when = launched.map_or_else(String::new, |d| d.to_string());
            format!("{customer} launch of {when} {LEAVES}")
        }
        ChangeCause::Reference { customer } => {
            format!("{customer} is no longer a reference in the 12-month window")
        }
        ChangeCause::Csat { customer, date } => {
            format!("CSAT response of {customer} ({date}) {LEAVES}")
        }
        ChangeCause::Plan { validated } => format!("business plan validated {validated} {LEAVES}"),
        ChangeCause::WindowRestarts { reason } => {
            format!("renewal window restarts ({})", restart_reason(*reason))
        }
    }
}

/// What stops counting, e.g. "SAA-C03 expires", "launch of 2025-08-10 ($1,000) leaves the
/// 12-month window".
pub fn lapse(w: &Lapse) -> String {
    const LEAVES: &str = "leaves the 12-month window";
    match w {
        Lapse::Leaves => "leaves".to_string(),
        Lapse::CertificationExpires { exam } => format!("{exam} expires"),
        Lapse::AccreditationExpires { kind } => format!("{} accreditation expires", kind.label()),
        Lapse::Launch { launched, mrr } => {
            format!("launch of {launched} ({}) {LEAVES}", mrr.display())
        }
        Lapse::Reference { approved } => format!("reference approved {approved} {LEAVES}"),
        Lapse::Plan { validated } => format!("business plan validated {validated} {LEAVES}"),
        Lapse::Csat { date } => format!("CSAT response of {date} {LEAVES}"),
        Lapse::WindowRestarts { reason } => {
            format!("renewal window restarts ({})", restart_reason(*reason))
        }
    }
}

/// One line of the upcoming list: "who: what", or just what when nobody is concerned.
pub fn upcoming_line(u: &Upcoming) -> String {
    if u.who.is_empty() {
        lapse(&u.what)
    } else {
        format!("{}: {}", u.who, lapse(&u.what))
    }
}

/// The date that restarts the renewal window: "APN renewal anniversary".
pub fn restart_reason(r: RestartReason) -> &'static str {
    match r {
        RestartReason::ApnRenewal => "APN renewal anniversary",
        RestartReason::TierReview => "tier review",
        RestartReason::TierUpgrade => "tier upgrade",
    }
}

/// What a change item is, e.g. "SAA-C03 AWS Certified Solutions Architect - Associate",
/// "Migration, $1,200.00 MRR"; empty when there is nothing to add to who and when.
pub fn change_what(w: &ChangeWhat) -> String {
    // "Title, " before the rest, or nothing for an untitled opportunity.
    let titled = |title: &str| {
        if title.is_empty() {
            String::new()
        } else {
            format!("{title}, ")
        }
    };
    match w {
        ChangeWhat::Nothing => String::new(),
        ChangeWhat::Exam(e) => exam_name(e),
        ChangeWhat::Accreditation(kind) => kind.course_name().to_string(),
        ChangeWhat::PlannedExam { exam, target } => format!("{} by {target}", exam_name(exam)),
        ChangeWhat::Launch { title, mrr } => format!("{}{} MRR", titled(title), mrr.display()),
        ChangeWhat::Opportunity {
            title,
            stage,
            mrr,
            expected,
        } => {
            let when = expected.map_or(String::new(), |d| format!(", expected {d}"));
            format!("{}{stage}, {} MRR{when}", titled(title), mrr.display())
        }
        ChangeWhat::Reference { title } => title.clone(),
        ChangeWhat::Rating(r) => format!("rated {r}/5"),
        ChangeWhat::Edited(e) => match e {
            EditedEntry::Person => "person".to_string(),
            EditedEntry::Certification { exam } => format!("certification {exam}"),
            EditedEntry::Accreditation(kind) => format!("{} accreditation", kind.label()),
            EditedEntry::Opportunity { stage } => format!("opportunity, now {stage}"),
            EditedEntry::Reference => "reference".to_string(),
            EditedEntry::Csat => "CSAT response".to_string(),
            EditedEntry::BusinessPlan => "drafted or edited".to_string(),
        },
    }
}

/// "SAA-C03 AWS Certified Solutions Architect - Associate", or the bare code if the catalogue
/// does not know it.
pub fn exam_name(e: &ExamName) -> String {
    match &e.name {
        Some(name) => format!("{} {name}", e.code),
        None => e.code.clone(),
    }
}

/// One next action as a sentence, e.g. "2 more launched opportunities and $1,200 more MRR to
/// keep Select: 2 Committed opportunities worth $3,100 could close it".
pub fn action_line(a: &NextAction) -> String {
    ask(&a.ask)
}

/// The sentence for what an action asks.
pub fn ask(a: &Ask) -> String {
    match a {
        Ask::Launch {
            launches,
            mrr,
            purpose: p,
            pipeline: pl,
        } => {
            let money = Money(*mrr).display();
            let gap = match (*launches, *mrr) {
                (0, _) => format!("{money} more MRR"),
                (n, 0) => more(n, MetricId::LaunchedOpportunities),
                (n, _) => format!(
                    "{} and {money} more MRR",
                    more(n, MetricId::LaunchedOpportunities)
                ),
            };
            format!("{gap} {}: {}", purpose(*p), pipeline(pl))
        }
        Ask::ValidatePlan {
            purpose: p,
            last_validated,
        } => {
            let last = last_validated.map_or("none validated yet".to_string(), |d| {
                format!("last validated {d}")
            });
            format!(
                "validate the business plan with the AWS partner development contact {} \
                 ({last})",
                purpose(*p)
            )
        }
        Ask::References {
            missing,
            purpose: p,
            customers,
        } => {
            let who = if customers.is_empty() {
                "no customer launched in the window is without one".to_string()
            } else {
                format!(
                    "{} launched in the window could publish one ({})",
                    count_of(customers.len(), "customer", "customers"),
                    list(customers)
                )
            };
            let row = MetricId::PublicReferences;
            format!("{} {}: {who}", more(*missing, row), purpose(*p))
        }
        Ask::Csat {
            missing,
            purpose: p,
            customers,
        } => {
            let who = if customers.is_empty() {
                "no customer launched in the window to ask yet".to_string()
            } else {
                format!(
                    "ask {} launched in the window to \"Rate the Partner\" ({})",
                    count_of(customers.len(), "customer", "customers"),
                    list(customers)
                )
            };
            let row = MetricId::CsatResponses;
            format!("{} {}: {who}", more(*missing, row), purpose(*p))
        }
        Ask::Knowledge {
            metric,
            missing,
            purpose: p,
            one_step,
            unlinked,
        } => format!(
            "{} {}: {}",
            more(*missing, *metric),
            purpose(*p),
            candidates(*metric, one_step, unlinked)
        ),
        Ask::Revalidate { before } => format!("re-validate the business plan before {before}"),
        Ask::AtRisk {
            metric,
            purpose: p,
            required,
            on,
        } => {
            let scope = p.map_or(String::new(), |p| format!(" {}", purpose(p)));
            format!(
                "{}{scope} falls below {} on {on} if nothing is added",
                metric.label().trim(),
                super::amount(*metric, *required)
            )
        }
        Ask::Unlinked { count, names } => {
            let verb = if *count == 1 { "holds" } else { "hold" };
            format!(
                "{} {verb} certifications that AWS does not credit yet (not linked): {}",
                count_of(*count, "person", "people"),
                list(names)
            )
        }
    }
}

/// "to keep Select", "to reach Advanced", "for Advanced over 12 months".
pub fn purpose(p: Purpose) -> String {
    match p {
        Purpose::Keep(t) => format!("to keep {t}"),
        Purpose::Reach(t) => format!("to reach {t}"),
        Purpose::Sustain(t) => format!("for {t} over 12 months"),
    }
}

/// "2 Committed opportunities worth $3,100 could close it".
pub fn pipeline(p: &Pipeline) -> String {
    match p {
        Pipeline::Committed {
            count,
            worth,
            enough,
        } => {
            let what = count_of(*count, "Committed opportunity", "Committed opportunities");
            let effect = if *enough {
                "could close it"
            } else {
                "would close part of it"
            };
            format!("{what} worth {} {effect}", worth.display())
        }
        Pipeline::Open { count, worth } => {
            let what = count_of(*count, "open opportunity", "open opportunities");
            let verb = if *count == 1 { "is" } else { "are" };
            format!("{what} worth {} {verb} in the pipeline", worth.display())
        }
        Pipeline::Empty => "no open opportunities in the pipeline".to_string(),
    }
}

/// Who could close a Knowledge row: "1 person holds only a Foundational certification (Mia
/// Chen); linking Oli Haas would count".
fn candidates(m: MetricId, names: &[String], unlinked: &[String]) -> String {
    let link = if unlinked.is_empty() {
        String::new()
    } else {
        format!("; linking {} would count", list(unlinked))
    };
    if names.is_empty() {
        return format!("nobody on staff is one step away{link}");
    }
    let (one, many) = match m {
        MetricId::CertifiedProSpecialty => (
            "person holds an Associate and no Pro",
            "people hold an Associate and no Pro",
        ),
        MetricId::CertifiedTechnical => (
            "person holds only a Foundational certification",
            "people hold only a Foundational certification",
        ),
        MetricId::CertifiedFoundational => (
            "person has no Foundational certification",
            "people have no Foundational certification",
        ),
        MetricId::AccreditedTechnical => (
            "certified or accredited person has no technical accreditation",
            "certified or accredited people have no technical accreditation",
        ),
        MetricId::AccreditedBusiness => (
            "person with the technical accreditation has no business one",
            "people with the technical accreditation have no business one",
        ),
        _ => (
            "person can still take an accreditation",
            "people can still take an accreditation",
        ),
    };
    format!(
        "{} ({}){link}",
        count_of(names.len(), one, many),
        list(names)
    )
}

/// "1 more launched opportunity", "2 more launched opportunities".
fn more(n: i64, m: MetricId) -> String {
    format!("{n} more {}", m.noun_n(n))
}

/// "1 customer", "3 customers".
fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "A, B, C" or "A, B, C, D, E and 2 more": at most [`MAX_NAMES`] names spelled out.
fn list(names: &[String]) -> String {
    let shown = names
        .iter()
        .take(MAX_NAMES)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match names.len().saturating_sub(MAX_NAMES) {
        0 => shown,
        rest => format!("{shown} and {rest} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AccreditationKind;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn change_items_read_as_before() {
        use crate::domain::{AccreditationKind as K, Stage};
        let saa = ExamName {
            code: "SAA-C03".into(),
            name: Some("AWS Certified Solutions Architect - Associate".into()),
        };
        let cases = [
            (ChangeWhat::Nothing, ""),
            (
                ChangeWhat::Exam(ExamName {
                    code: "XYZ-01".into(),
                    name: None,
                }),
                "XYZ-01",
            ),
            (
                ChangeWhat::PlannedExam {
                    exam: saa,
                    target: d("2026-12-01"),
                },
                "SAA-C03 AWS Certified Solutions Architect - Associate by 2026-12-01",
            ),
            (
                ChangeWhat::Accreditation(K::Business),
                "AWS Partner: Sales Accreditation (Business)",
            ),
            (
                ChangeWhat::Launch {
                    title: "Data lake".into(),
                    mrr: Money(120_050),
                },
                "Data lake, $1,200.50 MRR",
            ),
            (
                ChangeWhat::Opportunity {
                    title: String::new(),
                    stage: Stage::Qualified,
                    mrr: Money(90_000),
                    expected: Some(d("2026-12-01")),
                },
                "Qualified, $900 MRR, expected 2026-12-01",
            ),
            (ChangeWhat::Rating(4), "rated 4/5"),
            (
                ChangeWhat::Edited(EditedEntry::Certification {
                    exam: "SAA-C03".into(),
                }),
                "certification SAA-C03",
            ),
            (
                ChangeWhat::Edited(EditedEntry::Accreditation(K::Technical)),
                "Technical accreditation",
            ),
            (
                ChangeWhat::Edited(EditedEntry::BusinessPlan),
                "drafted or edited",
            ),
        ];
        for (what, want) in cases {
            assert_eq!(change_what(&what), want, "{what:?}");
        }
    }

    #[test]
    fn actions_name_at_most_five_and_count_the_rest() {
        use crate::domain::Tier;
        let a = Ask::References {
            missing: 1,
            purpose: Purpose::Reach(Tier::Advanced),
            customers: names(&["A", "B", "C", "D", "E"]),
        };
        assert_eq!(
            ask(&a),
            "1 more public customer reference to reach Advanced: 5 customers launched in the \
             window could publish one (A, B, C, D, E)"
        );
        let a = Ask::Knowledge {
            metric: MetricId::AccreditedBusiness,
            missing: 2,
            purpose: Purpose::Keep(Tier::Select),
            one_step: Vec::new(),
            unlinked: names(&["A", "B", "C", "D", "E", "F", "G"]),
        };
        assert_eq!(
            ask(&a),
            "2 more business-accredited individuals to keep Select: nobody on staff is one step \
             away; linking A, B, C, D, E and 2 more would count"
        );
        let a = Ask::Launch {
            launches: 1,
            mrr: 0,
            purpose: Purpose::Sustain(Tier::Advanced),
            pipeline: Pipeline::Committed {
                count: 1,
                worth: Money(50_000),
                enough: false,
            },
        };
        assert_eq!(
            ask(&a),
            "1 more launched opportunity for Advanced over 12 months: 1 Committed opportunity \
             worth $500 would close part of it"
        );
        let a = Ask::ValidatePlan {
            purpose: Purpose::Reach(Tier::Advanced),
            last_validated: None,
        };
        assert_eq!(
            ask(&a),
            "validate the business plan with the AWS partner development contact to reach \
             Advanced (none validated yet)"
        );
    }

    #[test]
    fn several_items_of_one_person_expire_together() {
        let c = ChangeCause::Expires {
            person: "Lee Park".into(),
            exams: vec!["SAA-C03".into()],
            accreditations: vec![AccreditationKind::Technical],
        };
        assert_eq!(
            cause(&c),
            "SAA-C03 and Technical accreditation of Lee Park expire"
        );
    }

    #[test]
    fn causes_beyond_the_limit_are_counted() {
        let ch = Change {
            date: d("2026-09-01"),
            value: 0,
            causes: vec![
                ChangeCause::Leaves {
                    person: "Mia Chen".into(),
                },
                ChangeCause::Csat {
                    customer: "Acme".into(),
                    date: d("2025-09-01"),
                },
                ChangeCause::Plan {
                    validated: d("2025-09-01"),
                },
            ],
            more: 2,
        };
        assert_eq!(
            change_cause(&ch),
            "Mia Chen leaves; CSAT response of Acme (2025-09-01) leaves the 12-month window; \
             business plan validated 2025-09-01 leaves the 12-month window (and 2 more)"
        );
    }
}
