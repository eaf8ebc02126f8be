//! The Partner Central Selling API through the official SDK (feature `ace`).
//!
//! Blocking on purpose: a [`Session`] owns a small current-thread runtime, so the CLI calls it
//! directly and the dashboard calls it from a background thread, with no async anywhere else.
//!
//! Configuration is the standard AWS chain (environment, shared config and credentials files,
//! SSO, `--profile`); region `us-east-1` unless one is configured; the endpoint moves with the
//! SDK's `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING`. Throttling and
//! transient failures (5xx, timeouts, dropped connections) are retried by the SDK's standard
//! retry mode: up to [`MAX_ATTEMPTS`] attempts with exponential backoff and jitter from
//! [`INITIAL_BACKOFF`].

use super::map::{AceOpportunity, Spend};
use super::{Catalog, Progress};
use aws_config::BehaviorVersion;
use aws_sdk_partnercentralselling as pcs;
use chrono::{DateTime, Utc};
use pcs::config::retry::RetryConfig;
use pcs::config::{ProvideCredentials, Region};
use pcs::error::{ProvideErrorMetadata, SdkError};
use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

/// The SDK's attempts per call (1 try + 4 retries) for throttling and transient failures.
pub const MAX_ATTEMPTS: u32 = 5;
/// The first retry waits up to this long; each later one up to twice the one before.
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
/// ACE allows 10 reads a second; titles are fetched one at most every this often (9 a second).
pub const TITLE_PACE: Duration = Duration::from_millis(112);
/// `MaxResults` for `ListOpportunities`: the API's largest page.
pub const PAGE_SIZE: i32 = 100;
/// The region the API is served from.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Why a sync could not finish. Each message says what to do; nothing has been written.
#[derive(Debug)]
pub enum AceError {
    NoCredentials {
        profile: Option<String>,
        detail: String,
    },
    AccessDenied {
        message: String,
    },
    Unreachable {
        endpoint: String,
        detail: String,
    },
    Malformed {
        what: String,
        detail: String,
    },
    Service {
        what: String,
        code: String,
        status: Option<u16>,
        message: String,
    },
    Runtime(std::io::Error),
}

impl fmt::Display for AceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AceError::NoCredentials { profile, detail } => {
                let who = profile
                    .as_ref()
                    .map_or(String::new(), |p| format!(" for profile '{p}'"));
                write!(
                    f,
                    "no AWS credentials{who} ({detail}).\n\
                     Configure a profile with `aws configure --profile NAME` (access keys) or \
                     `aws configure sso` (IAM Identity Center; then `aws sso login --profile \
                     NAME`), and run `apn-scorecard sync ace --profile NAME`"
                )
            }
            AceError::AccessDenied { message } => write!(
                f,
                "ACE denied access ({message}).\n\
                 The AWS account must be linked to your Partner Central account, and the role or \
                 user needs Partner Central opportunity permissions: \
                 partnercentral:ListOpportunities (and partnercentral:GetOpportunity for --titles), \
                 e.g. AWS's managed policy AWSPartnerCentralOpportunityManagement"
            ),
            AceError::Unreachable { endpoint, detail } => write!(
                f,
                "could not reach the Partner Central Selling API at {endpoint} ({detail}).\n\
                 Check the network connection, and AWS_ENDPOINT_URL / \
                 AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING if set"
            ),
            AceError::Malformed { what, detail } => write!(
                f,
                "ACE sent an answer to {what} that apn-scorecard cannot read ({detail}); \
                 try again later, and report it if it keeps happening"
            ),
            AceError::Service {
                what,
                code,
                status,
                message,
            } => {
                let st = status.map_or(String::new(), |s| format!(", HTTP {s}"));
                write!(
                    f,
                    "ACE could not answer {what}: {code}{st}: {message} (gave up after \
                     {MAX_ATTEMPTS} attempts); try again later"
                )
            }
            AceError::Runtime(e) => write!(f, "could not start the network runtime: {e}"),
        }
    }
}

impl std::error::Error for AceError {}

/// A configured client for one catalog.
pub struct Session {
    rt: tokio::runtime::Runtime,
    client: pcs::Client,
    catalog: Catalog,
    endpoint: String,
}

impl Session {
    /// Loads the AWS configuration and checks that credentials resolve, so a missing profile or
    /// an expired SSO login is reported before any request.
    pub fn connect(catalog: Catalog, profile: Option<&str>) -> Result<Session, AceError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(AceError::Runtime)?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(p) = profile {
            loader = loader.profile_name(p);
        }
        let conf = rt.block_on(loader.load());
        let no_creds = |detail: String| AceError::NoCredentials {
            profile: profile.map(str::to_string),
            detail,
        };
        let provider = conf
            .credentials_provider()
            .ok_or_else(|| no_creds("no credential provider configured".into()))?;
        rt.block_on(provider.provide_credentials())
            .map_err(|e| no_creds(causes(&e)))?;
        let region = conf
            .region()
            .cloned()
            .unwrap_or_else(|| Region::new(DEFAULT_REGION));
        let endpoint = endpoint_name(&region);
        let config = pcs::config::Builder::from(&conf)
            .region(region)
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(MAX_ATTEMPTS)
                    .with_initial_backoff(INITIAL_BACKOFF),
            )
            .build();
        Ok(Session {
            rt,
            client: pcs::Client::from_conf(config),
            catalog,
            endpoint,
        })
    }

    /// Every opportunity (or, with `since`, every one modified on or after it), page by page.
    /// Returns the summaries and the number of pages; any failed page fails the whole list.
    pub fn list(
        &self,
        since: Option<DateTime<Utc>>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(Vec<AceOpportunity>, usize), AceError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = 0;
        loop {
            let what = format!("ListOpportunities (page {})", pages + 1);
            let mut req = self
                .client
                .list_opportunities()
                .catalog(self.catalog.as_str())
                .max_results(PAGE_SIZE)
                .set_next_token(token.clone());
            if let Some(s) = since {
                let at = pcs::primitives::DateTime::from_secs_and_nanos(
                    s.timestamp(),
                    s.timestamp_subsec_nanos(),
                );
                req = req.last_modified_date(
                    pcs::types::LastModifiedDate::builder()
                        .after_last_modified_date(at)
                        .build(),
                );
            }
            let page = self
                .rt
                .block_on(req.send())
                .map_err(|e| self.classify(e, &what))?;
            pages += 1;
            for s in page.opportunity_summaries() {
                out.push(summary(s, &what)?);
            }
            progress(Progress {
                pages,
                opportunities: out.len(),
                ..Progress::default()
            });
            match page.next_token().filter(|t| !t.is_empty()) {
                None => break,
                // The same token twice would page forever.
                Some(t) if token.as_deref() == Some(t) => {
                    return Err(AceError::Malformed {
                        what,
                        detail: "the same NextToken twice".into(),
                    });
                }
                Some(t) => token = Some(t.to_string()),
            }
        }
        Ok((out, pages))
    }

    /// Project titles with `GetOpportunity`, one call at a time at most every [`TITLE_PACE`].
    pub fn titles(
        &self,
        ids: &[String],
        done_before: Progress,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<BTreeMap<String, String>, AceError> {
        let mut out = BTreeMap::new();
        let mut last: Option<Instant> = None;
        for (i, id) in ids.iter().enumerate() {
            if let Some(wait) = last.and_then(|l| TITLE_PACE.checked_sub(l.elapsed())) {
                std::thread::sleep(wait);
            }
            last = Some(Instant::now());
            let what = format!("GetOpportunity {id}");
            let got = self
                .rt
                .block_on(
                    self.client
                        .get_opportunity()
                        .catalog(self.catalog.as_str())
                        .identifier(id)
                        .send(),
                )
                .map_err(|e| self.classify(e, &what))?;
            if let Some(t) = got.project().and_then(|p| p.title()) {
                out.insert(id.clone(), t.to_string());
            }
            progress(Progress {
                titles_done: i + 1,
                titles_total: ids.len(),
                ..done_before
            });
        }
        Ok(out)
    }

    fn classify<E>(&self, e: SdkError<E>, what: &str) -> AceError
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        let status = e.raw_response().map(|r| r.status().as_u16());
        match &e {
            SdkError::ServiceError(s) => {
                let err = s.err();
                let message = err.message().unwrap_or("no message").to_string();
                match err.code() {
                    Some("AccessDeniedException") => AceError::AccessDenied { message },
                    Some(code) => AceError::Service {
                        what: what.to_string(),
                        code: code.to_string(),
                        status,
                        message,
                    },
                    // No error code: a body the SDK could not parse.
                    None if status.is_none_or(|s| s < 300) => AceError::Malformed {
                        what: what.to_string(),
                        detail: causes(&e),
                    },
                    None => AceError::Service {
                        what: what.to_string(),
                        code: "unknown error".into(),
                        status,
                        message: causes(&e),
                    },
                }
            }
            SdkError::ResponseError(_) => AceError::Malformed {
                what: what.to_string(),
                detail: causes(&e),
            },
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => AceError::Unreachable {
                endpoint: self.endpoint.clone(),
                detail: causes(&e),
            },
            _ => AceError::Service {
                what: what.to_string(),
                code: "request failed".into(),
                status,
                message: causes(&e),
            },
        }
    }
}

/// An error and its causes in one line, each said once (the SDK's own report appends Debug
/// dumps, too much for a user).
fn causes(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(c) = next {
        let m = c.to_string();
        if !m.is_empty() && !out.contains(&m) {
            out.push_str(": ");
            out.push_str(&m);
        }
        next = c.source();
    }
    out
}

/// The endpoint the SDK will call, for messages: the override variables first (the SDK reads
/// the same ones), else the API's regional endpoint.
fn endpoint_name(region: &Region) -> String {
    [
        "AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING",
        "AWS_ENDPOINT_URL",
    ]
    .iter()
    .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
    .unwrap_or_else(|| format!("https://partnercentral-selling.{region}.api.aws"))
}

fn summary(s: &pcs::types::OpportunitySummary, what: &str) -> Result<AceOpportunity, AceError> {
    let last_modified = match s.last_modified_date() {
        None => None,
        Some(d) => Some(
            DateTime::<Utc>::from_timestamp(d.secs(), d.subsec_nanos()).ok_or_else(|| {
                AceError::Malformed {
                    what: what.to_string(),
                    detail: format!(
                        "opportunity {}: LastModifiedDate out of range",
                        s.id().unwrap_or("(no id)")
                    ),
                }
            })?,
        ),
    };
    let life = s.life_cycle();
    Ok(AceOpportunity {
        id: s.id().unwrap_or_default().to_string(),
        last_modified,
        stage: life
            .and_then(|l| l.stage())
            .map(|st| st.as_str().to_string()),
        target_close_date: life.and_then(|l| l.target_close_date()).map(str::to_string),
        company_name: s
            .customer()
            .and_then(|c| c.account())
            .map(|a| a.company_name().to_string()),
        spend: s
            .project()
            .map(|p| p.expected_customer_spend())
            .unwrap_or_default()
            .iter()
            .map(|e| Spend {
                amount: Some(e.amount().to_string()),
                currency: e.currency_code().as_str().to_string(),
                frequency: e.frequency().as_str().to_string(),
                target_company: e.target_company().to_string(),
            })
            .collect(),
    })
}
