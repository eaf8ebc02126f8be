//! Why a word or an amount in a file or on the command line could not be read. The messages are
//! what users see after a file, line and column, so they name the text and what was expected.

/// A domain value that could not be parsed from text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("unknown tier '{0}' (expected registered, select, advanced or premier)")]
    Tier(String),
    #[error("unknown metric '{0}'")]
    Metric(String),
    #[error(
        "unknown accreditation '{0}' (expected technical, business, cloud_economics or a full course name)"
    )]
    Accreditation(String),
    #[error(
        "unknown stage '{0}' (expected Prospect, Qualified, Technical Validation, Business Validation, Committed, Launched or Closed Lost)"
    )]
    Stage(String),
    #[error("'{0}' is not an amount (use 12500, 12,500 or 12500.50)")]
    NotAnAmount(String),
    #[error("'{0}' has more than two decimals (cents)")]
    TooManyCents(String),
    #[error("'{0}' is not an exchange rate (expected e.g. 1.085 dollars per euro)")]
    NotARate(String),
    #[error("'{0}' has more than six decimals")]
    TooManyDecimals(String),
    #[error("'{0}' is not above zero")]
    NotAboveZero(String),
    #[error("'{0}' is too large")]
    TooLarge(String),
}
