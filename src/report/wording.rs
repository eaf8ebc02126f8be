//! English for what the engine returns as data, in one place: the reports and the dashboard call
//! these, so a sentence reads the same everywhere.

use crate::scoring::{Change, ChangeCause, Lapse, Upcoming};

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
        ChangeCause::WindowRestarts { reason } => format!("renewal window restarts ({reason})"),
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
        Lapse::WindowRestarts { reason } => format!("renewal window restarts ({reason})"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AccreditationKind;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
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
