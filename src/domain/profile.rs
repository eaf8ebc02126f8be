//! The partner profile: who, which tier, which program edition, and the dates the windows hang on.

use super::metric::{MetricId, Tier};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub partner: String,
    pub tier: Tier,
    /// The tier to compare the upgrade column with; `None` = the tier above the current one.
    #[serde(default)]
    pub target: Option<Tier>,
    /// Program edition id, e.g. `services-path-2023`.
    pub program: String,
    pub last_tier_review: NaiveDate,
    /// The APN renewal date; its anniversaries reset the renewal window.
    pub apn_renewal: NaiveDate,
    #[serde(default)]
    pub tier_history: Vec<TierChange>,
    #[serde(default)]
    pub settings: Settings,
}

impl Profile {
    /// The target tier: the explicit one, else the tier above, else (at Premier) Premier itself.
    pub fn target_tier(&self) -> Tier {
        self.target
            .or_else(|| self.tier.next())
            .unwrap_or(self.tier)
    }

    /// The date of the most recent upgrade on or before `as_of` (a move to a higher tier).
    pub fn last_upgrade_on_or_before(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.tier_history
            .iter()
            .filter(|c| c.to > c.from && c.date <= as_of)
            .map(|c| c.date)
            .max()
    }
}

/// A recorded tier move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierChange {
    pub date: NaiveDate,
    pub from: Tier,
    pub to: Tier,
}

/// Rules DOMAIN.md leaves to the partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Days ahead in which a met row that turns unmet is "at risk".
    #[serde(default = "default_horizon")]
    pub horizon_days: u32,
    /// Whether an Associate/Professional/Specialty certification also counts as Foundational.
    /// DOMAIN.md's assumption: it does not.
    #[serde(default)]
    pub higher_implies_foundational: bool,
    /// US dollars per euro for ACE spend entered in EUR; without it EUR spend is left out of MRR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eur_usd_rate: Option<super::ace::FxRate>,
}

fn default_horizon() -> u32 {
    90
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            horizon_days: default_horizon(),
            higher_implies_foundational: false,
            eur_usd_rate: None,
        }
    }
}

/// A store-level override of one threshold of one tier, in the units of the assets: whole US
/// dollars for `LaunchedMrr`, 0/1 for `BusinessPlan`, a count otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdOverride {
    pub tier: Tier,
    pub metric: MetricId,
    pub value: i64,
}
