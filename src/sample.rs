//! A realistic synthetic store of any size, the same bytes for the same seed: for trying the tool
//! at scale and as the input of every benchmark.
//!
//! Shape per person: about 3 certifications and 1.5 accreditations (exact totals: `3 x people`
//! and `3 x people / 2`, spread at random so some hold none and some many); per opportunity:
//! one public reference for every 10 and one CSAT response for every 2.5.

use crate::assets;
use crate::domain::dates::add_years;
use crate::domain::{
    Accreditation, AccreditationKind, BusinessPlan, Catalog, Certification, Competency,
    CsatResponse, Exam, Id, Level, Money, Opportunity, Person, PlannedExam, PremierChecklist,
    Profile, Reference, Settings, Stage, Store, Tier, TierChange,
};
use chrono::{Days, NaiveDate};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and its output is fixed by the algorithm,
/// so a seed gives the same store on every platform and build. `rand` would add a dependency
/// whose generators may change between versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the modulo bias is far below anything a sample shows.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in (0, 1].
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: [&str; 24] = [
    "Emma", "Rahul", "Sofia", "Liam", "Aisha", "Kenji", "Olivia", "Mateo", "Chloe", "Noah",
    "Priya", "Lukas", "Amara", "Diego", "Hannah", "Yusuf", "Mei", "Jonas", "Fatima", "Oscar",
    "Ingrid", "Tomas", "Zara", "Elias",
];
const LAST: [&str; 24] = [
    "Lindqvist",
    "Mehta",
    "Alvarez",
    "Murphy",
    "Okafor",
    "Tanaka",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Nowak",
    "Kowalski",
    "Haddad",
    "Fernandes",
    "Nguyen",
    "Larsen",
    "Costa",
    "Petrov",
    "Ahmed",
    "Moreau",
    "Jensen",
    "Silva",
    "Novak",
    "Ibrahim",
    "Weber",
];
const CUSTOMER_A: [&str; 16] = [
    "Acme",
    "Blue Harbor",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Northwind",
    "Umbrella",
    "Stark",
    "Wayne",
    "Tyrell",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Wonka",
    "Cyberdyne",
];
const CUSTOMER_B: [&str; 8] = [
    "Retail",
    "Health",
    "Logistics",
    "Bank",
    "Energy",
    "Media",
    "Foods",
    "Insurance",
];
const WORK: [&str; 10] = [
    "Data platform migration",
    "SAP on AWS",
    "Landing zone",
    "Contact centre modernisation",
    "Serverless API rebuild",
    "Data lake and analytics",
    "Windows workloads to EC2",
    "Generative AI assistant",
    "Disaster recovery",
    "Container platform on EKS",
];
const COMMENTS: [&str; 5] = [
    "Delivered on time.",
    "Strong architects, clear communication.",
    "Good outcome; handover could be smoother.",
    "Would work with them again.",
    "Cut our AWS bill noticeably.",
];

/// `d` plus `days` (negative goes back), saturating at the calendar's ends.
fn offset(d: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let moved = if days < 0 {
        d.checked_sub_days(n)
    } else {
        d.checked_add_days(n)
    };
    moved.unwrap_or(d)
}

/// A day in the last `span` days before `today` (today included).
fn past(rng: &mut Rng, today: NaiveDate, span: u64) -> NaiveDate {
    offset(today, -(rng.below(span) as i64))
}

/// Exam levels in roughly the mix a services partner holds.
fn level(rng: &mut Rng) -> Level {
    match rng.below(100) {
        0..30 => Level::Foundational,
        30..72 => Level::Associate,
        72..88 => Level::Professional,
        _ => Level::Specialty,
    }
}

/// An exam of `level` that could be taken on `d` (not before it was offered, not after it was
/// retired), else any such exam, else `None`.
fn exam_on<'a>(rng: &mut Rng, exams: &'a [Exam], level: Level, d: NaiveDate) -> Option<&'a Exam> {
    let open =
        |e: &&Exam| e.available_from.is_none_or(|a| a <= d) && e.retired.is_none_or(|r| d <= r);
    let of_level: Vec<&Exam> = exams
        .iter()
        .filter(open)
        .filter(|e| e.level == level)
        .collect();
    if !of_level.is_empty() {
        return Some(*rng.pick(&of_level));
    }
    let any: Vec<&Exam> = exams.iter().filter(open).collect();
    (!any.is_empty()).then(|| *rng.pick(&any))
}

/// Long-tailed monthly revenue: most deals a few thousand dollars, a few very large (Pareto,
/// shape 1.2, capped below the "looks annual" warning).
fn mrr(rng: &mut Rng) -> Money {
    let dollars = (800.0 / rng.unit().powf(1.0 / 1.2)).min(95_000.0);
    Money::from_dollars(dollars.round() as i64)
}

/// A deterministic store with `people` people and `opportunities` opportunities, dated around
/// `today` (the generator never reads the clock). Every entry is valid: `store::check` is empty.
pub fn generate(people: usize, opportunities: usize, seed: u64, today: NaiveDate) -> Store {
    let mut rng = Rng(seed);
    // The embedded catalogue is checked by a test; an empty one would only mean no certifications.
    let exams = assets::catalog().map_or_else(|_| Vec::new(), |c: Catalog| c.exams);
    let mut store = Store::new(Profile {
        partner: format!("Sample Partner {seed}"),
        tier: Tier::Advanced,
        target: Some(Tier::Premier),
        program: crate::domain::DEFAULT_PROGRAM.to_string(),
        last_tier_review: offset(today, -200),
        apn_renewal: offset(today, -100),
        tier_history: vec![TierChange {
            date: offset(today, -200),
            from: Tier::Select,
            to: Tier::Advanced,
        }],
        settings: Settings::default(),
    });

    for n in 0..people {
        let id = n as Id + 1;
        let (first, last) = (FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
        let mut p = Person::new(id, format!("{first} {last}"));
        // The id keeps emails unique beyond the 576 name combinations.
        p.email = format!(
            "{}.{}.{id}@sample.example",
            first.to_lowercase(),
            last.to_lowercase()
        );
        p.added = Some(past(&mut rng, today, 5 * 365));
        if rng.chance(4) {
            p.left_on = Some(past(&mut rng, today, 365));
        }
        p.linked = !rng.chance(5);
        store.people.push(p);
    }

    let mut holding: Id = 0;
    let mut next_holding = || {
        holding += 1;
        holding
    };
    if !store.people.is_empty() && !exams.is_empty() {
        for _ in 0..people * 3 {
            let who = rng.below(people as u64) as usize;
            let earned = past(&mut rng, today, 4 * 365);
            let lvl = level(&mut rng);
            let Some(exam) = exam_on(&mut rng, &exams, lvl, earned) else {
                continue;
            };
            // A few imported records carry their own expiry (e.g. extended by a recertification).
            let expires = rng
                .chance(3)
                .then(|| offset(add_years(earned, 3), rng.below(180) as i64 + 1));
            let id = next_holding();
            store.people[who].certifications.push(Certification {
                id,
                exam: exam.code.clone(),
                earned,
                expires,
                added: Some(earned),
                changed: None,
            });
        }
        for _ in 0..people * 3 / 2 {
            let who = rng.below(people as u64) as usize;
            let earned = past(&mut rng, today, 4 * 365);
            let kind = match rng.below(10) {
                0..5 => AccreditationKind::Technical,
                5..9 => AccreditationKind::Business,
                _ => AccreditationKind::CloudEconomics,
            };
            let expires = rng.chance(10).then(|| add_years(earned, 2));
            let id = next_holding();
            store.people[who].accreditations.push(Accreditation {
                id,
                kind,
                earned,
                expires,
                added: Some(earned),
                changed: None,
            });
        }
        for _ in 0..people / 10 {
            let who = rng.below(people as u64) as usize;
            let target = offset(today, rng.below(180) as i64 + 1);
            let lvl = level(&mut rng);
            let Some(exam) = exam_on(&mut rng, &exams, lvl, target) else {
                continue;
            };
            let id = next_holding();
            store.people[who].planned_exams.push(PlannedExam {
                id,
                exam: exam.code.clone(),
                target,
                added: Some(today),
                changed: None,
            });
        }
    }

    // A customer base a third the size of the deal flow, so customers repeat as they do.
    let customers = (opportunities / 3).max(1);
    let customer = |k: usize| {
        let a = CUSTOMER_A[k % CUSTOMER_A.len()];
        let b = CUSTOMER_B[(k / CUSTOMER_A.len()) % CUSTOMER_B.len()];
        let n = k / (CUSTOMER_A.len() * CUSTOMER_B.len());
        if n == 0 {
            format!("{a} {b}")
        } else {
            format!("{a} {b} {}", n + 1)
        }
    };
    for n in 0..opportunities {
        let id = n as Id + 1;
        let stage = match rng.below(100) {
            0..45 => Stage::Launched,
            45..55 => Stage::ClosedLost,
            55..67 => Stage::Prospect,
            67..77 => Stage::Qualified,
            77..85 => Stage::TechnicalValidation,
            85..92 => Stage::BusinessValidation,
            _ => Stage::Committed,
        };
        let launch_date = match stage {
            Stage::Launched => Some(past(&mut rng, today, 3 * 365)),
            Stage::ClosedLost => None,
            _ if rng.chance(10) => None,
            _ => Some(offset(today, rng.below(270) as i64 + 1)),
        };
        let lead = rng.below(180) as i64;
        let added = match launch_date {
            Some(d) => offset(d.min(today), -lead),
            None => offset(today, -lead * 2),
        };
        store.opportunities.push(Opportunity {
            id,
            // Entries not yet registered in ACE have no id.
            ace_id: if rng.chance(5) {
                String::new()
            } else {
                format!("O{}", 1_000_000 + id)
            },
            customer: customer(rng.below(customers as u64) as usize),
            title: rng.pick(&WORK).to_string(),
            stage,
            mrr: mrr(&mut rng),
            launch_date,
            referenceable: stage == Stage::Launched && rng.chance(20),
            added: Some(added),
            changed: None,
        });
    }

    for n in 0..opportunities / 10 {
        let approved = past(&mut rng, today, 3 * 365);
        let who = customer(rng.below(customers as u64) as usize);
        store.references.push(Reference {
            id: n as Id + 1,
            url: format!("https://sample.example/case-studies/{}", n + 1),
            title: format!("{who}: {}", rng.pick(&WORK)),
            customer: who,
            approved,
            added: Some(approved),
            changed: None,
        });
    }

    for n in 0..opportunities * 2 / 5 {
        let date = past(&mut rng, today, 3 * 365);
        let rating = match rng.below(100) {
            0..55 => 5,
            55..85 => 4,
            85..94 => 3,
            94..98 => 2,
            _ => 1,
        };
        store.csat.push(CsatResponse {
            id: n as Id + 1,
            customer: customer(rng.below(customers as u64) as usize),
            date,
            rating,
            consent: rng.chance(70),
            comment: if rng.chance(40) {
                rng.pick(&COMMENTS).to_string()
            } else {
                String::new()
            },
            added: Some(date),
            changed: None,
        });
    }

    store.business_plans.push(BusinessPlan {
        id: 1,
        objectives: "Reach Premier: 25 technical certifications, 50 launches a year.".into(),
        validated_on: Some(offset(today, -120)),
        validated_by: "Sample Partner Development Manager".into(),
        added: Some(offset(today, -150)),
        changed: Some(offset(today, -120)),
    });
    store.premier = PremierChecklist {
        competencies: ["Migration", "DevOps"]
            .iter()
            .enumerate()
            .map(|(i, name)| Competency {
                id: i as Id + 1,
                name: (*name).into(),
                achieved: Some(offset(today, -400 - 200 * i as i64)),
            })
            .collect(),
        executive_business_review: Some(offset(today, -60)),
        sustained_since: None,
    };
    store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{self, Program};
    use crate::store;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
    }

    fn holdings(s: &Store) -> (usize, usize) {
        s.people.iter().fold((0, 0), |(c, a), p| {
            (c + p.certifications.len(), a + p.accreditations.len())
        })
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = store::to_ron(&generate(200, 300, 7, day())).expect("ron");
        let b = store::to_ron(&generate(200, 300, 7, day())).expect("ron");
        let c = store::to_ron(&generate(200, 300, 8, day())).expect("ron");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn large_has_the_issue_counts_and_validates() {
        let s = generate(2000, 5000, 1, day());
        assert_eq!(s.people.len(), 2000);
        assert_eq!(s.opportunities.len(), 5000);
        assert_eq!(holdings(&s), (6000, 3000));
        assert_eq!(s.references.len(), 500);
        assert_eq!(s.csat.len(), 2000);
        let program = Program::embedded().expect("embedded program");
        assert_eq!(store::check(&s, &program), Vec::new());
        assert!(scoring::evaluate(&s, &program, day()).is_ok());
    }

    #[test]
    fn spread_looks_like_a_real_partner() {
        let s = generate(1000, 2000, 3, day());
        let certs: Vec<&Certification> = s.people.iter().flat_map(|p| &p.certifications).collect();
        let expired = certs.iter().filter(|c| !c.active_on(day())).count();
        assert!(expired > 100 && expired < certs.len() / 2, "{expired}");
        let program = Program::embedded().expect("embedded program");
        for l in Level::ALL {
            let n = certs
                .iter()
                .filter(|c| program.catalog.level_of(&c.exam) == Ok(l))
                .count();
            assert!(n > 50, "{l}: {n}");
        }
        for st in Stage::ALL {
            assert!(s.opportunities.iter().any(|o| o.stage == st), "{st}");
        }
        let left = s.people.iter().filter(|p| p.left_on.is_some()).count();
        let unlinked = s.people.iter().filter(|p| !p.linked).count();
        assert!((10..100).contains(&left), "{left}");
        assert!((10..100).contains(&unlinked), "{unlinked}");
        // Long tail: the top 5% of deals carry far more than 5% of the revenue.
        let mut m: Vec<i64> = s.opportunities.iter().map(|o| o.mrr.cents()).collect();
        m.sort_unstable();
        let total: i64 = m.iter().sum();
        let top: i64 = m[m.len() * 95 / 100..].iter().sum();
        assert!(top * 4 > total, "top 5% = {top} of {total}");
    }

    #[test]
    fn empty_sizes_give_an_empty_valid_store() {
        let s = generate(0, 0, 1, day());
        assert!(s.people.is_empty() && s.opportunities.is_empty() && s.csat.is_empty());
        let program = Program::embedded().expect("embedded program");
        assert_eq!(store::check(&s, &program), Vec::new());
    }
}
