//! Data files compiled into the binary: program editions, the exam catalogue, the demo store.

use crate::domain::{Catalog, Programs};

pub const PROGRAMS_RON: &str = include_str!("../assets/programs.ron");
pub const CATALOG_RON: &str = include_str!("../assets/catalog.ron");

/// The program editions. The embedded file is checked by a test, so this cannot fail at run time
/// unless the build itself is broken.
pub fn programs() -> Result<Programs, ron::error::SpannedError> {
    ron::from_str(PROGRAMS_RON)
}

pub fn catalog() -> Result<Catalog, ron::error::SpannedError> {
    ron::from_str(CATALOG_RON)
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
        assert_eq!(e.required(Tier::Advanced, MetricId::CertifiedTechnical, none), 6);
        assert_eq!(e.required(Tier::Premier, MetricId::CertifiedTechnical, none), 25);
        assert_eq!(e.required(Tier::Select, MetricId::LaunchedMrr, none), 150_000);
        assert_eq!(e.required(Tier::Premier, MetricId::LaunchedMrr, none), 5_000_000);
        assert_eq!(e.required(Tier::Select, MetricId::BusinessPlan, none), 0);
        assert_eq!(e.required(Tier::Advanced, MetricId::BusinessPlan, none), 1);
        assert_eq!(e.required(Tier::Premier, MetricId::CsatResponses, none), 30);
        assert_eq!(e.required(Tier::Registered, MetricId::AccreditedTotal, none), 0);
        let e24 = p.get("services-path-2024").expect("2024");
        assert!(!e24.scored(MetricId::PublicReferences));
        assert!(!e24.scored(MetricId::CsatResponses));
        assert_eq!(e24.required(Tier::Premier, MetricId::CsatResponses, none), 0);
        assert_eq!(e24.required(Tier::Premier, MetricId::LaunchedOpportunities, none), 50);
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
        assert!(err.contains("XYZ-C09"), "{err}");
    }
}
