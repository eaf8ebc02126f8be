//! The entries a partner manager keeps: people and what they hold, opportunities, the business
//! plan, references, CSAT responses and the Premier checklist.
//!
//! Every entry has a stable `id` (unique within its list, never its position) and the days it
//! was `added` and last `changed`, for "changes since". Added fields carry `#[serde(default)]`
//! so older files keep loading.

use super::ParseError;
use super::dates::add_years;
use super::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A stable entry id, unique within its list.
pub type Id = u64;

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub email: String,
    /// Last day of employment is the day before; the person no longer counts from this day on.
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
    /// Whether their AWS Certification account is linked to the partner (AWS credits only those).
    #[serde(default = "yes")]
    pub linked: bool,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    #[serde(default)]
    pub accreditations: Vec<Accreditation>,
    #[serde(default)]
    pub planned_exams: Vec<PlannedExam>,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

impl Person {
    pub fn new(id: Id, name: impl Into<String>) -> Person {
        Person {
            id,
            name: name.into(),
            email: String::new(),
            left_on: None,
            linked: true,
            certifications: Vec::new(),
            accreditations: Vec::new(),
            planned_exams: Vec::new(),
            added: None,
            changed: None,
        }
    }

    /// Employed on day `d`: no leaving date, or `d` is before it.
    pub fn employed_on(&self, d: NaiveDate) -> bool {
        self.left_on.is_none_or(|l| d < l)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub id: Id,
    /// Exam code from the catalogue, e.g. `SAA-C03`.
    pub exam: String,
    pub earned: NaiveDate,
    /// Stored expiry; `None` means the default, earned + 3 years. An imported or edited date wins.
    #[serde(default)]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

impl Certification {
    pub const VALID_YEARS: i32 = 3;

    /// The first day the certification is no longer active.
    pub fn expiry(&self) -> NaiveDate {
        self.expires
            .unwrap_or_else(|| add_years(self.earned, Self::VALID_YEARS))
    }

    /// Active on `d` when earned <= d < expires.
    pub fn active_on(&self, d: NaiveDate) -> bool {
        self.earned <= d && d < self.expiry()
    }
}

/// `as_str` is the snake_case kind used in files; the label is the title-cased kind.
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
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
)]
#[strum(serialize_all = "snake_case")]
pub enum AccreditationKind {
    /// "AWS Partner: Accreditation (Technical)".
    Technical,
    /// "AWS Partner: Sales Accreditation (Business)".
    Business,
    /// "AWS Partner: Cloud Economics Accreditation": tracked, never counted.
    CloudEconomics,
}

impl AccreditationKind {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [AccreditationKind; <AccreditationKind as strum::EnumCount>::COUNT] =
        match <AccreditationKind as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn course_name(self) -> &'static str {
        match self {
            AccreditationKind::Technical => "AWS Partner: Accreditation (Technical)",
            AccreditationKind::Business => "AWS Partner: Sales Accreditation (Business)",
            AccreditationKind::CloudEconomics => "AWS Partner: Cloud Economics Accreditation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccreditationKind::Technical => "Technical",
            AccreditationKind::Business => "Business",
            AccreditationKind::CloudEconomics => "Cloud Economics",
        }
    }
}

impl FromStr for AccreditationKind {
    type Err = ParseError;
    /// Accepts the short kind (`technical`) or the full course name, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let norm = t.replace([' ', '-'], "_");
        AccreditationKind::ALL
            .iter()
            .copied()
            .find(|k| {
                k.as_str().eq_ignore_ascii_case(&norm)
                    || k.course_name().eq_ignore_ascii_case(t)
                    || k.label().eq_ignore_ascii_case(t)
            })
            .ok_or_else(|| ParseError::Accreditation(t.to_string()))
    }
}

impl fmt::Display for AccreditationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accreditation {
    pub id: Id,
    pub kind: AccreditationKind,
    pub earned: NaiveDate,
    /// Accreditations do not expire unless a date is entered.
    #[serde(default)]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

impl Accreditation {
    pub fn active_on(&self, d: NaiveDate) -> bool {
        self.earned <= d && self.expires.is_none_or(|e| d < e)
    }
}

/// An exam someone plans to take: the knowledge plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedExam {
    pub id: Id,
    pub exam: String,
    pub target: NaiveDate,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

/// ACE opportunity stages. Only `Launched` counts. The label (and `Display`) is ACE's title-cased
/// name ("Closed Lost").
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
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
    strum::Display,
)]
#[strum(serialize_all = "title_case")]
pub enum Stage {
    Prospect,
    Qualified,
    TechnicalValidation,
    BusinessValidation,
    Committed,
    Launched,
    ClosedLost,
}

impl Stage {
    /// Every variant in declaration order, as an array so callers iterate by value.
    pub const ALL: [Stage; <Stage as strum::EnumCount>::COUNT] =
        match <Stage as strum::VariantArray>::VARIANTS.first_chunk() {
            Some(all) => *all,
            None => unreachable!(),
        };

    pub fn label(self) -> &'static str {
        self.into()
    }

    /// Still in the pipeline: may launch later.
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Launched | Stage::ClosedLost)
    }
}

impl FromStr for Stage {
    type Err = ParseError;
    /// Case-insensitive; spaces, dashes and underscores are ignored ("closed-lost", "Closed Lost").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = |x: &str| {
            x.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let k = key(s);
        Stage::ALL
            .iter()
            .copied()
            .find(|st| key(st.label()) == k)
            .ok_or_else(|| ParseError::Stage(s.trim().to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    pub id: Id,
    /// ACE opportunity id, e.g. `O1234567`. May be empty for an entry not yet in ACE.
    #[serde(default)]
    pub ace_id: String,
    pub customer: String,
    #[serde(default)]
    pub title: String,
    pub stage: Stage,
    /// Estimated AWS monthly recurring revenue (USD).
    #[serde(default)]
    pub mrr: Money,
    /// For a Launched opportunity the launch date; for an open one the expected launch date.
    #[serde(default)]
    pub launch_date: Option<NaiveDate>,
    #[serde(default)]
    pub referenceable: bool,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

impl Opportunity {
    /// Monthly figures above this look like annual ones (AWS asks for ARR / 12).
    pub const ANNUAL_LOOKING_MRR: Money = Money(10_000_000);

    /// The largest MRR accepted: $1,000,000,000 a month. Far above any real figure, and small
    /// enough that no store that fits in memory can add its amounts past what an i64 of cents
    /// holds (that would take over 92 million such opportunities).
    pub const MAX_MRR: Money = Money(100_000_000_000);

    /// $100,000 a month or more is more likely an annual figure typed as monthly.
    pub fn mrr_looks_annual(&self) -> bool {
        self.mrr >= Self::ANNUAL_LOOKING_MRR
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessPlan {
    pub id: Id,
    #[serde(default)]
    pub objectives: String,
    /// Day the AWS partner development contact validated it; `None` = drafted, not validated.
    #[serde(default)]
    pub validated_on: Option<NaiveDate>,
    #[serde(default)]
    pub validated_by: String,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

/// A public customer reference (case study) approved on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub id: Id,
    pub customer: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
    pub approved: NaiveDate,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

/// A "Rate the Partner" response on Partner Solutions Finder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsatResponse {
    pub id: Id,
    pub customer: String,
    pub date: NaiveDate,
    /// 1 to 5.
    pub rating: u8,
    #[serde(default)]
    pub consent: bool,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub added: Option<NaiveDate>,
    #[serde(default)]
    pub changed: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: Id,
    /// e.g. "MSP", "DevOps", "CloudOps", "Migration".
    pub name: String,
    #[serde(default)]
    pub achieved: Option<NaiveDate>,
}

/// Premier asks for more than thresholds: tracked as a checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PremierChecklist {
    #[serde(default)]
    pub competencies: Vec<Competency>,
    #[serde(default)]
    pub executive_business_review: Option<NaiveDate>,
    /// First day of the current run of Premier-level attainment (6 months are required).
    #[serde(default)]
    pub sustained_since: Option<NaiveDate>,
}

impl PremierChecklist {
    pub const COMPETENCIES_REQUIRED: usize = 3;
    /// One of these must be among the competencies.
    pub const OPERATIONS_COMPETENCIES: [&'static str; 3] = ["MSP", "DevOps", "CloudOps"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrr_of_100k_a_month_or_more_looks_annual() {
        let mut o = Opportunity {
            id: 1,
            ace_id: String::new(),
            customer: "X".into(),
            title: String::new(),
            stage: Stage::Launched,
            mrr: Money(9_999_999),
            launch_date: None,
            referenceable: false,
            added: None,
            changed: None,
        };
        assert!(!o.mrr_looks_annual());
        o.mrr = Money(10_000_000);
        assert!(o.mrr_looks_annual());
    }
}
