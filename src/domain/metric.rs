//! Tiers, pillars and the eleven scorecard rows, in the order every listing uses.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use strum::{IntoStaticStr, VariantArray};

/// APN Services Path tiers, lowest first so `Ord` follows the climb. `as_str` is the lowercase
/// name (files, command line); the label and `Display` are the variant's name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
    strum::EnumCount,
)]
#[strum(serialize_all = "lowercase")]
pub enum Tier {
    Registered,
    Select,
    Advanced,
    Premier,
}

impl Tier {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [Tier; <Tier as strum::EnumCount>::COUNT] =
        match <Tier as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    /// The tier above, or `None` at Premier.
    pub fn next(self) -> Option<Tier> {
        match self {
            Tier::Registered => Some(Tier::Select),
            Tier::Select => Some(Tier::Advanced),
            Tier::Advanced => Some(Tier::Premier),
            Tier::Premier => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        match self {
            Tier::Registered => "Registered",
            Tier::Select => "Select",
            Tier::Advanced => "Advanced",
            Tier::Premier => "Premier",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Tier {
    type Err = ParseError;
    /// Case-insensitive, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Tier::ALL
            .iter()
            .copied()
            .find(|tier| tier.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| ParseError::Tier(t.to_string()))
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
    strum::EnumCount,
)]
#[strum(serialize_all = "snake_case")]
pub enum Pillar {
    Knowledge,
    Experience,
    CustomerSuccess,
}

impl Pillar {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [Pillar; <Pillar as strum::EnumCount>::COUNT] =
        match <Pillar as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Sentence case, which no derive spells ("Customer success").
    pub fn label(self) -> &'static str {
        match self {
            Pillar::Knowledge => "Knowledge",
            Pillar::Experience => "Experience",
            Pillar::CustomerSuccess => "Customer success",
        }
    }
}

/// How a metric's integer value is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// People or entries.
    Count,
    /// US cents (money is never a float).
    Cents,
    /// 1 = yes, 0 = no.
    YesNo,
}

/// The scorecard rows. Declaration order is DOMAIN.md's listing order. `as_str` and `Display`
/// are the snake_case id used in files and JSON.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
    strum::EnumCount,
    strum::Display,
)]
#[strum(serialize_all = "snake_case")]
pub enum MetricId {
    AccreditedTotal,
    AccreditedTechnical,
    AccreditedBusiness,
    CertifiedFoundational,
    CertifiedTechnical,
    CertifiedProSpecialty,
    LaunchedOpportunities,
    LaunchedMrr,
    BusinessPlan,
    PublicReferences,
    CsatResponses,
}

impl MetricId {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [MetricId; <MetricId as strum::EnumCount>::COUNT] =
        match <MetricId as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn label(self) -> &'static str {
        match self {
            MetricId::AccreditedTotal => "AWS Accredited Individuals",
            MetricId::AccreditedTechnical => "  Technical accreditations",
            MetricId::AccreditedBusiness => "  Business accreditations",
            MetricId::CertifiedFoundational => "AWS Foundational Certified Individuals",
            MetricId::CertifiedTechnical => "AWS Technical Certified Individuals",
            MetricId::CertifiedProSpecialty => "AWS Pro/Specialty Certified Individuals",
            MetricId::LaunchedOpportunities => "Launched opportunities",
            MetricId::LaunchedMrr => "Launched opportunities MRR",
            MetricId::BusinessPlan => "Validated business plan",
            MetricId::PublicReferences => "Public customer references",
            MetricId::CsatResponses => "Customer satisfaction responses",
        }
    }

    /// A label that fits narrow terminals.
    pub fn short_label(self) -> &'static str {
        match self {
            MetricId::AccreditedTotal => "Accredited individuals",
            MetricId::AccreditedTechnical => "  technical",
            MetricId::AccreditedBusiness => "  business",
            MetricId::CertifiedFoundational => "Foundational certified",
            MetricId::CertifiedTechnical => "Technical certified",
            MetricId::CertifiedProSpecialty => "Pro/Specialty certified",
            MetricId::LaunchedOpportunities => "Launched opportunities",
            MetricId::LaunchedMrr => "Launched MRR",
            MetricId::BusinessPlan => "Business plan",
            MetricId::PublicReferences => "Public references",
            MetricId::CsatResponses => "CSAT responses",
        }
    }

    /// `noun()` for `n` of them ("1 launched opportunity", "3 launched opportunities").
    pub fn noun_n(self, n: i64) -> String {
        let noun = self.noun();
        if n == 1 || self.unit() != Unit::Count {
            noun.to_string()
        } else if let Some(stem) = noun.strip_suffix('y') {
            format!("{stem}ies")
        } else {
            format!("{noun}s")
        }
    }

    /// A short noun for sentences such as "1 more Pro/Specialty-certified individual".
    pub fn noun(self) -> &'static str {
        match self {
            MetricId::AccreditedTotal => "accredited individual",
            MetricId::AccreditedTechnical => "technically accredited individual",
            MetricId::AccreditedBusiness => "business-accredited individual",
            MetricId::CertifiedFoundational => "Foundational-certified individual",
            MetricId::CertifiedTechnical => "technically certified individual",
            MetricId::CertifiedProSpecialty => "Pro/Specialty-certified individual",
            MetricId::LaunchedOpportunities => "launched opportunity",
            MetricId::LaunchedMrr => "launched MRR",
            MetricId::BusinessPlan => "validated business plan",
            MetricId::PublicReferences => "public customer reference",
            MetricId::CsatResponses => "customer satisfaction response",
        }
    }

    pub fn pillar(self) -> Pillar {
        match self {
            MetricId::AccreditedTotal
            | MetricId::AccreditedTechnical
            | MetricId::AccreditedBusiness
            | MetricId::CertifiedFoundational
            | MetricId::CertifiedTechnical
            | MetricId::CertifiedProSpecialty => Pillar::Knowledge,
            MetricId::LaunchedOpportunities | MetricId::LaunchedMrr | MetricId::BusinessPlan => {
                Pillar::Experience
            }
            MetricId::PublicReferences | MetricId::CsatResponses => Pillar::CustomerSuccess,
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            MetricId::LaunchedMrr => Unit::Cents,
            MetricId::BusinessPlan => Unit::YesNo,
            _ => Unit::Count,
        }
    }

    /// Knowledge rows are point-in-time (the same value in both windows).
    pub fn is_point_in_time(self) -> bool {
        self.pillar() == Pillar::Knowledge
    }
}

impl FromStr for MetricId {
    type Err = ParseError;
    /// Case-insensitive, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        MetricId::ALL
            .iter()
            .copied()
            .find(|m| m.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| ParseError::Metric(t.to_string()))
    }
}
