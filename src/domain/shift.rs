//! Moving every date of a store by a number of days: the demo is written around a fixed base
//! date and shifted to "today" so it looks the same whenever it is run.

use super::Store;
use chrono::{NaiveDate, TimeDelta};

/// `d` moved by `days`, clamped at the calendar's ends rather than failing.
fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    TimeDelta::try_days(days)
        .and_then(|t| d.checked_add_signed(t))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

fn shift_opt(d: &mut Option<NaiveDate>, days: i64) {
    if let Some(x) = d {
        *x = shift(*x, days);
    }
}

impl Store {
    /// Moves every date in the store (profile, entries, their added/changed days) by `days`.
    /// Pure: a store shifted by `n` then `-n` is unchanged (short of the calendar's ends).
    pub fn shift_dates(&mut self, days: i64) {
        let s = |d: &mut NaiveDate| *d = shift(*d, days);
        let p = &mut self.profile;
        s(&mut p.last_tier_review);
        s(&mut p.apn_renewal);
        for c in &mut p.tier_history {
            s(&mut c.date);
        }
        for person in &mut self.people {
            shift_opt(&mut person.left_on, days);
            shift_opt(&mut person.added, days);
            shift_opt(&mut person.changed, days);
            for c in &mut person.certifications {
                s(&mut c.earned);
                shift_opt(&mut c.expires, days);
                shift_opt(&mut c.added, days);
                shift_opt(&mut c.changed, days);
            }
            for a in &mut person.accreditations {
                s(&mut a.earned);
                shift_opt(&mut a.expires, days);
                shift_opt(&mut a.added, days);
                shift_opt(&mut a.changed, days);
            }
            for x in &mut person.planned_exams {
                s(&mut x.target);
                shift_opt(&mut x.added, days);
                shift_opt(&mut x.changed, days);
            }
        }
        for o in &mut self.opportunities {
            shift_opt(&mut o.launch_date, days);
            shift_opt(&mut o.added, days);
            shift_opt(&mut o.changed, days);
        }
        for b in &mut self.business_plans {
            shift_opt(&mut b.validated_on, days);
            shift_opt(&mut b.added, days);
            shift_opt(&mut b.changed, days);
        }
        for r in &mut self.references {
            s(&mut r.approved);
            shift_opt(&mut r.added, days);
            shift_opt(&mut r.changed, days);
        }
        for c in &mut self.csat {
            s(&mut c.date);
            shift_opt(&mut c.added, days);
            shift_opt(&mut c.changed, days);
        }
        for c in &mut self.premier.competencies {
            shift_opt(&mut c.achieved, days);
        }
        shift_opt(&mut self.premier.executive_business_review, days);
        shift_opt(&mut self.premier.sustained_since, days);
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{
        Certification, Competency, Opportunity, Person, Profile, Settings, Stage, Store, Tier,
        TierChange,
    };
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn sample() -> Store {
        let mut s = Store::new(Profile {
            partner: "P".into(),
            tier: Tier::Select,
            target: None,
            program: "services-path-2023".into(),
            last_tier_review: d("2026-01-15"),
            apn_renewal: d("2026-04-01"),
            tier_history: vec![TierChange {
                date: d("2025-02-01"),
                from: Tier::Registered,
                to: Tier::Select,
            }],
            settings: Settings::default(),
        });
        let mut p = Person::new(1, "Lee");
        p.left_on = Some(d("2026-12-31"));
        p.certifications.push(Certification {
            id: 1,
            exam: "SAA-C03".into(),
            earned: d("2024-02-29"),
            expires: Some(d("2027-01-01")),
            added: None,
            changed: Some(d("2026-03-01")),
        });
        s.people.push(p);
        s.opportunities.push(Opportunity {
            id: 1,
            ace_id: String::new(),
            customer: "C".into(),
            title: String::new(),
            stage: Stage::Launched,
            mrr: Default::default(),
            launch_date: Some(d("2026-05-05")),
            referenceable: false,
            added: None,
            changed: None,
        });
        s.premier.competencies.push(Competency {
            id: 1,
            name: "MSP".into(),
            achieved: Some(d("2026-02-02")),
        });
        s
    }

    #[test]
    fn shifts_every_kind_of_date() {
        let mut s = sample();
        s.shift_dates(10);
        assert_eq!(s.profile.last_tier_review, d("2026-01-25"));
        assert_eq!(s.profile.apn_renewal, d("2026-04-11"));
        assert_eq!(s.profile.tier_history[0].date, d("2025-02-11"));
        let p = &s.people[0];
        assert_eq!(p.left_on, Some(d("2027-01-10")));
        assert_eq!(p.certifications[0].earned, d("2024-03-10"));
        assert_eq!(p.certifications[0].expires, Some(d("2027-01-11")));
        assert_eq!(p.certifications[0].added, None);
        assert_eq!(p.certifications[0].changed, Some(d("2026-03-11")));
        assert_eq!(s.opportunities[0].launch_date, Some(d("2026-05-15")));
        assert_eq!(s.premier.competencies[0].achieved, Some(d("2026-02-12")));
    }

    #[test]
    fn shifting_back_restores_the_store() {
        let orig = sample();
        let mut s = orig.clone();
        s.shift_dates(-400);
        assert_ne!(s, orig);
        s.shift_dates(400);
        assert_eq!(s, orig);
    }

    #[test]
    fn huge_shifts_clamp_instead_of_failing() {
        let mut s = sample();
        s.shift_dates(i64::MAX);
        assert_eq!(s.profile.apn_renewal, NaiveDate::MAX);
        s.shift_dates(i64::MIN);
        assert_eq!(s.profile.apn_renewal, NaiveDate::MIN);
    }
}
