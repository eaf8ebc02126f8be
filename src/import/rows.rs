//! Each import's columns and how one CSV row becomes a checked record. Fallible and read-only:
//! a record is merged into the store only once the whole row is known to be good.

use super::table::Row;
use super::{BadRow, ImportKind};
use crate::domain::{AccreditationKind, Catalog, Money, Opportunity, ParseError, Stage};
use chrono::NaiveDate;

/// Normalized names of the columns each kind needs in its header.
pub(super) fn required(kind: ImportKind) -> &'static [&'static str] {
    match kind {
        ImportKind::Certifications => &["name", "email", "exam", "earned"],
        ImportKind::Accreditations => &["name", "email", "accreditation", "earned"],
        ImportKind::Opportunities => &[OPP_ID, OPP_CUSTOMER, OPP_STAGE, OPP_MRR, OPP_TARGET_CLOSE],
        ImportKind::References => &["customer", "date"],
        ImportKind::Csat => &["customer", "date", "rating"],
    }
}

const OPP_ID: &str = "opportunity id";
const OPP_CUSTOMER: &str = "customer company name";
const OPP_TITLE: &str = "partner project title";
const OPP_STAGE: &str = "stage";
const OPP_MRR: &str = "estimated aws monthly recurring revenue";
const OPP_TARGET_CLOSE: &str = "target close date";
const OPP_LAUNCH: &str = "launch date";

/// The person columns shared by certifications and accreditations.
pub(super) struct Who {
    pub(super) name: String,
    pub(super) email: String,
}

pub(super) fn who(row: &Row) -> Result<Who, BadRow> {
    let email = row.required("email")?;
    if !email.contains('@') {
        return Err(row.bad("email", format!("'{email}' is not an email address")));
    }
    Ok(Who {
        name: row.get("name").to_string(),
        email: email.to_string(),
    })
}

pub(super) struct CertRow {
    pub(super) who: Who,
    pub(super) exam: String,
    pub(super) earned: NaiveDate,
    pub(super) expires: Option<NaiveDate>,
    pub(super) linked: Option<bool>,
    pub(super) left_on: Option<NaiveDate>,
}

pub(super) fn cert_row(row: &Row, catalog: &Catalog) -> Result<CertRow, BadRow> {
    let who = who(row)?;
    let exam_text = row.required("exam")?;
    let earned = row.date("earned")?;
    let exam = catalog
        .resolve(exam_text, Some(earned))
        .map_err(|e| row.bad("exam", e.to_string()))?
        .code
        .clone();
    let expires = row.opt_date("expires")?;
    if let Some(e) = expires
        && e <= earned
    {
        return Err(row.bad("expires", format!("{e} is not after earned {earned}")));
    }
    Ok(CertRow {
        who,
        exam,
        earned,
        expires,
        linked: row.opt_bool("linked")?,
        left_on: row.opt_date("left on")?,
    })
}

pub(super) struct AccRow {
    pub(super) who: Who,
    pub(super) kind: AccreditationKind,
    pub(super) earned: NaiveDate,
}

pub(super) fn acc_row(row: &Row) -> Result<AccRow, BadRow> {
    let who = who(row)?;
    let kind = row
        .required("accreditation")?
        .parse()
        .map_err(|e: ParseError| row.bad("accreditation", e.to_string()))?;
    Ok(AccRow {
        who,
        kind,
        earned: row.date("earned")?,
    })
}

pub(super) struct OppRow {
    pub(super) ace_id: String,
    pub(super) customer: String,
    /// `None` when the file has no title column: the stored title is kept.
    pub(super) title: Option<String>,
    pub(super) stage: Stage,
    pub(super) mrr: Money,
    pub(super) launch_date: Option<NaiveDate>,
}

pub(super) fn opp_row(row: &Row) -> Result<OppRow, BadRow> {
    let ace_id = row.required(OPP_ID)?.to_string();
    let customer = row.required(OPP_CUSTOMER)?.to_string();
    let stage: Stage = row
        .required(OPP_STAGE)?
        .parse()
        .map_err(|e: ParseError| row.bad(OPP_STAGE, e.to_string()))?;
    // Early-stage ACE rows often have no estimate yet: blank is $0, not an error.
    let mrr = match row.get(OPP_MRR) {
        "" => Money::ZERO,
        v => v
            .parse()
            .map_err(|e: ParseError| row.bad(OPP_MRR, e.to_string()))?,
    };
    if mrr < Money::ZERO {
        return Err(row.bad(OPP_MRR, format!("{mrr} is negative")));
    }
    if mrr > Opportunity::MAX_MRR {
        return Err(row.bad(
            OPP_MRR,
            format!(
                "{mrr} is more than {} a month, too large to add up safely",
                Opportunity::MAX_MRR
            ),
        ));
    }
    let target = row.opt_date(OPP_TARGET_CLOSE)?;
    let launch = row.opt_date(OPP_LAUNCH)?;
    let launch_date = if stage == Stage::Launched {
        let d = launch.or(target).ok_or_else(|| {
            row.bad(
                OPP_LAUNCH,
                "a Launched opportunity needs a Launch Date or a Target Close Date",
            )
        })?;
        Some(d)
    } else {
        // Open (and lost) opportunities keep the target close date as the expected launch.
        target
    };
    Ok(OppRow {
        ace_id,
        customer,
        title: row.has(OPP_TITLE).then(|| row.get(OPP_TITLE).to_string()),
        stage,
        mrr,
        launch_date,
    })
}

pub(super) struct RefRow {
    pub(super) customer: String,
    pub(super) date: NaiveDate,
    pub(super) title: String,
    pub(super) url: String,
}

pub(super) fn ref_row(row: &Row) -> Result<RefRow, BadRow> {
    Ok(RefRow {
        customer: row.required("customer")?.to_string(),
        date: row.date("date")?,
        title: row.get("title").to_string(),
        url: row.get("url").to_string(),
    })
}

pub(super) struct CsatRow {
    pub(super) customer: String,
    pub(super) date: NaiveDate,
    pub(super) rating: u8,
    pub(super) consent: Option<bool>,
    pub(super) comment: String,
}

pub(super) fn csat_row(row: &Row) -> Result<CsatRow, BadRow> {
    let customer = row.required("customer")?.to_string();
    let date = row.date("date")?;
    let r = row.required("rating")?;
    let rating = match r.parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => n,
        Ok(n) => return Err(row.bad("rating", format!("{n} is not between 1 and 5"))),
        Err(_) => {
            return Err(row.bad("rating", format!("'{r}' is not a whole number from 1 to 5")));
        }
    };
    Ok(CsatRow {
        customer,
        date,
        rating,
        consent: row.opt_bool("consent")?,
        comment: row.get("comment").to_string(),
    })
}
