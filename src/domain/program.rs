//! Program editions: the tier thresholds, loaded from `assets/programs.ron`.

use super::metric::{MetricId, Tier, Unit};
use super::profile::ThresholdOverride;
use serde::{Deserialize, Serialize};

/// The thresholds of one tier, in the assets' units (MRR in whole USD).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub accredited_total: i64,
    pub accredited_technical: i64,
    pub accredited_business: i64,
    pub certified_foundational: i64,
    pub certified_technical: i64,
    pub certified_pro_specialty: i64,
    pub launched_opportunities: i64,
    pub launched_mrr_usd: i64,
    pub business_plan: bool,
    pub public_references: i64,
    pub csat_responses: i64,
}

impl Thresholds {
    /// The requirement in the engine's units (MRR in cents, business plan 0/1).
    pub fn required(&self, m: MetricId) -> i64 {
        match m {
            MetricId::AccreditedTotal => self.accredited_total,
            MetricId::AccreditedTechnical => self.accredited_technical,
            MetricId::AccreditedBusiness => self.accredited_business,
            MetricId::CertifiedFoundational => self.certified_foundational,
            MetricId::CertifiedTechnical => self.certified_technical,
            MetricId::CertifiedProSpecialty => self.certified_pro_specialty,
            MetricId::LaunchedOpportunities => self.launched_opportunities,
            MetricId::LaunchedMrr => self.launched_mrr_usd.saturating_mul(100),
            MetricId::BusinessPlan => i64::from(self.business_plan),
            MetricId::PublicReferences => self.public_references,
            MetricId::CsatResponses => self.csat_responses,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierThresholds {
    pub tier: Tier,
    pub thresholds: Thresholds,
}

/// One edition of the program, e.g. `services-path-2023`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub id: String,
    pub title: String,
    /// Where the numbers come from.
    pub source: String,
    /// Rows still tracked and shown but not required ("not required").
    #[serde(default)]
    pub not_required: Vec<MetricId>,
    /// Registered has no thresholds and is absent here.
    pub tiers: Vec<TierThresholds>,
}

impl Edition {
    pub fn scored(&self, m: MetricId) -> bool {
        !self.not_required.contains(&m)
    }

    /// The requirement for `m` at `tier` in engine units; 0 where the tier has no thresholds or
    /// the row is not required.
    pub fn required(&self, tier: Tier, m: MetricId, overrides: &[ThresholdOverride]) -> i64 {
        if !self.scored(m) {
            return 0;
        }
        if let Some(o) = overrides
            .iter()
            .rev()
            .find(|o| o.tier == tier && o.metric == m)
        {
            return match m.unit() {
                Unit::Cents => o.value.saturating_mul(100),
                Unit::YesNo => i64::from(o.value != 0),
                Unit::Count => o.value,
            };
        }
        self.tiers
            .iter()
            .find(|t| t.tier == tier)
            .map_or(0, |t| t.thresholds.required(m))
    }
}

/// All editions known to this build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programs {
    pub editions: Vec<Edition>,
}

impl Programs {
    pub fn get(&self, id: &str) -> Option<&Edition> {
        self.editions
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(id.trim()))
    }

    pub fn ids(&self) -> Vec<&str> {
        self.editions.iter().map(|e| e.id.as_str()).collect()
    }
}

/// The edition a new store uses unless told otherwise.
pub const DEFAULT_PROGRAM: &str = "services-path-2023";

/// Everything the engine needs besides the store: editions and the exam catalogue.
/// (`Program::embedded` lives in `assets`, which holds the compiled-in files.)
#[derive(Debug, Clone)]
pub struct Program {
    pub programs: Programs,
    pub catalog: super::Catalog,
}

impl Program {
    pub fn edition(&self, id: &str) -> Option<&Edition> {
        self.programs.get(id)
    }
}
