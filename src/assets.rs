//! Data files compiled into the binary: program editions, the exam catalogue, the demo store.

use crate::domain::{Catalog, Program, Programs, Store};
use chrono::NaiveDate;

pub const PROGRAMS_RON: &str = include_str!("../assets/programs.ron");
pub const CATALOG_RON: &str = include_str!("../assets/catalog.ron");
pub const DEMO_RON: &str = include_str!("../assets/demo.ron");

/// The day the dates in `assets/demo.ron` are written around.
pub const DEMO_BASE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 26) {
    Some(d) => d,
    None => panic!("demo base date is a valid date"),
};

/// The program editions. The embedded file is checked by a test, so this cannot fail at run time
/// unless the build itself is broken.
pub fn programs() -> Result<Programs, ron::error::SpannedError> {
    ron::from_str(PROGRAMS_RON)
}

pub fn catalog() -> Result<Catalog, ron::error::SpannedError> {
    ron::from_str(CATALOG_RON)
}

// An inherent impl outside `domain` keeps `domain` free of the compiled-in files.
impl Program {
    /// The embedded editions and catalogue.
    pub fn embedded() -> Result<Program, ron::error::SpannedError> {
        Ok(Program {
            programs: programs()?,
            catalog: catalog()?,
        })
    }
}

/// The demo store with every date moved by `today - DEMO_BASE_DATE`, so that as of `today` it
/// shows what it shows as of the base date: some rows met, some not, certifications expiring.
pub fn demo_store(today: NaiveDate) -> Result<Store, ron::error::SpannedError> {
    let mut store: Store = ron::from_str(DEMO_RON)?;
    store.shift_dates((today - DEMO_BASE_DATE).num_days());
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Level, MetricId, Tier};

    #[test]
    fn embedded_assets_parse() {
        let p = programs().expect("programs.ron parses");
        assert!(p.get("services-path-2023").is_some());
        assert!(p.get("services-path-2024").is_some());
        let c = catalog().expect("catalog.ron parses");
        assert!(c.exams.len() >= 25);
    }

    #[test]
    fn thresholds_match_domain_table() {
        let p = programs().expect("programs");
        let e = p.get("services-path-2023").expect("2023");
        let none: &[crate::domain::ThresholdOverride] = &[];
        assert_eq!(e.required(Tier::Select, MetricId::AccreditedTotal, none), 4);
        assert_eq!(
            e.required(Tier::Advanced, MetricId::CertifiedTechnical, none),
            6
        );
        assert_eq!(
            e.required(Tier::Premier, MetricId::CertifiedTechnical, none),
            25
        );
        assert_eq!(
            e.required(Tier::Select, MetricId::LaunchedMrr, none),
            150_000
        );
        assert_eq!(
            e.required(Tier::Premier, MetricId::LaunchedMrr, none),
            5_000_000
        );
        assert_eq!(e.required(Tier::Select, MetricId::BusinessPlan, none), 0);
        assert_eq!(e.required(Tier::Advanced, MetricId::BusinessPlan, none), 1);
        assert_eq!(e.required(Tier::Premier, MetricId::CsatResponses, none), 30);
        assert_eq!(
            e.required(Tier::Registered, MetricId::AccreditedTotal, none),
            0
        );
        let e24 = p.get("services-path-2024").expect("2024");
        assert!(!e24.scored(MetricId::PublicReferences));
        assert!(!e24.scored(MetricId::CsatResponses));
        assert_eq!(
            e24.required(Tier::Premier, MetricId::CsatResponses, none),
            0
        );
        assert_eq!(
            e24.required(Tier::Premier, MetricId::LaunchedOpportunities, none),
            50
        );
    }

    #[test]
    fn catalog_levels_and_lookup() {
        let c = catalog().expect("catalog");
        assert_eq!(c.level_of("saa-c03"), Ok(Level::Associate));
        assert_eq!(c.level_of("CLF-C01"), Ok(Level::Foundational));
        assert_eq!(c.level_of("AIF-C01"), Ok(Level::Foundational));
        assert_eq!(c.level_of("SAP-C02"), Ok(Level::Professional));
        assert_eq!(c.level_of("DBS-C01"), Ok(Level::Specialty));
        assert_eq!(c.level_of("SOA-C03"), Ok(Level::Associate));
        assert_eq!(
            c.level_of("aws certified solutions architect - professional"),
            Ok(Level::Professional)
        );
        let err = c.level_of("XYZ-C09").expect_err("unknown");
        assert_eq!(err.to_string(), "unknown exam 'XYZ-C09'");
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    /// Anchors around leap days, month ends and years away from the base date.
    const ANCHORS: [&str; 6] = [
        "2024-02-29",
        "2025-03-01",
        "2026-11-26",
        "2027-01-31",
        "2028-12-31",
        "2031-07-15",
    ];

    #[test]
    fn demo_is_a_realistic_valid_store() {
        use crate::domain::{Stage, Tier};
        let s = demo_store(DEMO_BASE_DATE).expect("demo parses");
        let problems = s.validate(&catalog().expect("catalog"), &programs().expect("programs"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.profile.partner, "Northwind Cloud Consulting");
        assert_eq!(
            (s.profile.tier, s.profile.target_tier()),
            (Tier::Select, Tier::Advanced)
        );
        assert_eq!(s.people.len(), 25);
        assert_eq!(s.people.iter().filter(|p| p.left_on.is_some()).count(), 2);
        assert_eq!(s.people.iter().filter(|p| !p.linked).count(), 2);
        assert_eq!(s.opportunities.len(), 60);
        for st in Stage::ALL {
            assert!(
                s.opportunities.iter().any(|o| o.stage == st),
                "no {st} opportunity"
            );
        }
        assert!(s.opportunities.iter().any(|o| o.mrr_looks_annual()));
        assert!(
            s.current_business_plan()
                .and_then(|b| b.validated_on)
                .is_some()
        );
        assert!(s.csat.len() >= 12 && s.references.len() >= 3);
    }

    #[test]
    fn demo_holds_a_retired_exam_still_valid() {
        let c = catalog().expect("catalog");
        let s = demo_store(DEMO_BASE_DATE).expect("demo");
        let held = s
            .people
            .iter()
            .filter(|p| p.employed_on(DEMO_BASE_DATE))
            .any(|p| {
                p.certifications.iter().any(|x| {
                    x.active_on(DEMO_BASE_DATE)
                        && c.find(&x.exam)
                            .and_then(|e| e.retired)
                            .is_some_and(|r| r < DEMO_BASE_DATE)
                })
            });
        assert!(held);
    }

    #[test]
    fn demo_looks_the_same_relative_to_any_today() {
        let base = demo_store(DEMO_BASE_DATE).expect("demo");
        for a in ANCHORS {
            let today = d(a);
            let s = demo_store(today).expect("demo");
            let offset = |x: NaiveDate, t: NaiveDate| (x - t).num_days();
            for (o, b) in s.opportunities.iter().zip(&base.opportunities) {
                assert_eq!(
                    o.launch_date.map(|x| offset(x, today)),
                    b.launch_date.map(|x| offset(x, DEMO_BASE_DATE)),
                    "{a}: {}",
                    o.customer
                );
            }
            // Something expires within the 90-day horizon, and someone plans an exam ahead.
            let expiring = s
                .people
                .iter()
                .filter(|p| p.employed_on(today) && p.linked)
                .flat_map(|p| &p.certifications)
                .filter(|c| c.active_on(today) && (c.expiry() - today).num_days() <= 90)
                .count();
            assert!(expiring >= 2, "{a}: {expiring} expiring");
            let planned = s
                .people
                .iter()
                .flat_map(|p| &p.planned_exams)
                .filter(|x| x.target > today)
                .count();
            assert!(planned >= 3, "{a}: {planned} planned");
        }
    }

    #[test]
    fn demo_scorecard_at_the_base_date() {
        use crate::domain::MetricId::*;
        use crate::scoring::{Program, WindowKind, evaluate};
        let program = Program::embedded().expect("program");
        let s = demo_store(DEMO_BASE_DATE).expect("demo");
        let sc = evaluate(&s, &program, DEMO_BASE_DATE).expect("scores");
        let unmet = |k: WindowKind| {
            sc.metrics
                .iter()
                .filter(|r| r.scored && !r.cell(k).met)
                .map(|r| r.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            unmet(WindowKind::Renewal),
            [PublicReferences, CsatResponses]
        );
        assert_eq!(
            unmet(WindowKind::Upgrade),
            [
                AccreditedBusiness,
                LaunchedOpportunities,
                LaunchedMrr,
                CsatResponses
            ]
        );
        let up = |m| sc.row(m).map(|r| (r.upgrade.value, r.upgrade.required));
        assert_eq!(up(LaunchedOpportunities), Some((17, 20)));
        assert_eq!(up(LaunchedMrr), Some((960_775, 1_000_000)));
        assert_eq!(up(CertifiedProSpecialty), Some((3, 3)));
        assert_eq!(sc.unlinked.len(), 2);
    }

    #[test]
    fn demo_has_met_and_unmet_rows_in_both_windows_whatever_the_day() {
        use crate::scoring::{Program, WindowKind, evaluate};
        let program = Program::embedded().expect("program");
        let base = {
            let s = demo_store(DEMO_BASE_DATE).expect("demo");
            evaluate(&s, &program, DEMO_BASE_DATE).expect("scores")
        };
        for a in ANCHORS {
            let today = d(a);
            let s = demo_store(today).expect("demo");
            let sc = evaluate(&s, &program, today).expect("scores");
            for k in [WindowKind::Renewal, WindowKind::Upgrade] {
                let met = sc
                    .metrics
                    .iter()
                    .filter(|r| r.scored && r.cell(k).met)
                    .count();
                assert!(met > 0 && met < sc.metrics.len(), "{a} {k:?}: {met} met");
                assert!(!sc.tier_met(k), "{a} {k:?}");
            }
            assert!(
                sc.metrics.iter().any(|r| r.upgrade.at_risk.is_some()),
                "{a}"
            );
            // Shifting everything by the same number of days keeps every count.
            for (r, b) in sc.metrics.iter().zip(&base.metrics) {
                assert_eq!(
                    (r.renewal.value, r.upgrade.value),
                    (b.renewal.value, b.upgrade.value),
                    "{a} {}",
                    r.id
                );
            }
        }
    }
}
