//! The data side of live ACE sync (issue 13), below the model: the job, the source it reads
//! from, the blocking worker that runs it, and the overlay's state. Nothing here knows the
//! dashboard's `App`, overlays or effects; `sync.rs` holds the keys and `effect.rs` maps this
//! file's `SyncEvent`s to replies.

use crate::ace::{AceProblem, Catalog, Fetched, OtherCatalog, Progress, SyncPlan};
use crate::domain::Problem;
use chrono::{DateTime, Utc};
use std::fmt;
use std::sync::Arc;

/// What one sync asks the source for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncJob {
    /// Which sync this is, so answers to one the user discarded are dropped.
    pub id: u64,
    pub catalog: Catalog,
    /// Changes on or after this instant; `None` lists everything (first sync).
    pub since: Option<DateTime<Utc>>,
}

/// Where opportunities come from. Called on a background thread; blocking is fine there.
/// Errors read as whole sentences that say what to do (the client's `AceError` messages).
pub trait SyncSource: Send + Sync {
    fn fetch(
        &self,
        job: &SyncJob,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Fetched, SyncError>;
}

/// Why a sync changed nothing: it could not start, ACE could not be read, or its answer cannot
/// be applied. The overlay shows the message, one line per line.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// This dashboard may not write; holds why (another apn-scorecard has the store open).
    #[error("Read-only: {0}")]
    ReadOnly(String),
    /// A build with the feature, launched without a source (tests, embedding).
    #[error("no connection to ACE was set up for this dashboard")]
    NoSource,
    /// A build without live sync; holds the keys that sync and import, to say what to do.
    #[error(
        "This apn-scorecard was built without live ACE sync. Install it with\n  \
         cargo install --locked --path . --features ace\nthen press {sync_key} on the Experience \
         tab again. Meanwhile, import a CSV export from Partner Central with {import_key}."
    )]
    NotBuilt {
        sync_key: String,
        import_key: String,
    },
    /// The store follows the other catalog.
    #[error(transparent)]
    OtherCatalog(#[from] OtherCatalog),
    /// The thread that would fetch could not be started.
    #[error("the sync thread could not start")]
    ThreadNotStarted,
    /// The ACE client found no AWS credentials. Its own advice names the command's `--profile`,
    /// which the dashboard lacks, so the dashboard's way follows it.
    #[cfg(feature = "ace")]
    #[error(
        "{0}.\nFor the dashboard, start it with AWS_PROFILE=NAME set (after `aws sso login \
         --profile NAME` for SSO)."
    )]
    NoCredentials(crate::ace::client::AceError),
    /// Any other failure of the ACE client (access, network, throttling, a bad answer).
    #[cfg(feature = "ace")]
    #[error(transparent)]
    Ace(crate::ace::client::AceError),
    /// A source other than the ACE client failed (a file, a test's fake).
    #[error(transparent)]
    Source(Box<dyn std::error::Error + Send + Sync>),
    /// ACE sent values the scorecard cannot take: nothing is applied.
    #[error(
        "ACE sent {} the scorecard cannot take:\n{}",
        values(.0.len()),
        indented(.0, "  ", "\n")
    )]
    Unacceptable(Vec<AceProblem>),
    /// Applying the plan would add these problems to the store.
    #[error("the store would have problems:\n  {}", indented(.0, "", "\n  "))]
    StoreProblems(Vec<Problem>),
}

/// "1 value", "3 values".
fn values(n: usize) -> String {
    format!("{n} {}", if n == 1 { "value" } else { "values" })
}

/// Each item on its own, after `lead`, joined by `sep`.
fn indented<T: fmt::Display>(items: &[T], lead: &str, sep: &str) -> String {
    let lines: Vec<String> = items.iter().map(|i| format!("{lead}{i}")).collect();
    lines.join(sep)
}

#[cfg(feature = "ace")]
impl From<crate::ace::client::AceError> for SyncError {
    fn from(e: crate::ace::client::AceError) -> SyncError {
        match e {
            e @ crate::ace::client::AceError::NoCredentials { .. } => SyncError::NoCredentials(e),
            other => SyncError::Ace(other),
        }
    }
}

/// A shared source, cheap to hand to each sync effect.
#[derive(Clone)]
pub struct Source(pub Arc<dyn SyncSource>);

impl Source {
    pub fn new(s: impl SyncSource + 'static) -> Source {
        Source(Arc::new(s))
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Source")
    }
}

/// The real Partner Central Selling API, through the standard AWS chain (`AWS_PROFILE`, SSO,
/// environment, ...), like `apn-scorecard sync ace` without `--profile`.
#[cfg(feature = "ace")]
#[derive(Debug, Default)]
pub struct AceSource {
    pub profile: Option<String>,
}

#[cfg(feature = "ace")]
impl SyncSource for AceSource {
    fn fetch(
        &self,
        job: &SyncJob,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Fetched, SyncError> {
        use crate::ace::client::Session;
        let session = Session::connect(job.catalog, self.profile.as_deref())?;
        // Only the connection's missing credentials get the dashboard's advice, as before.
        let (opportunities, pages) = session.list(job.since, progress).map_err(SyncError::Ace)?;
        Ok(Fetched {
            catalog: job.catalog,
            full: job.since.is_none(),
            pages,
            opportunities,
            titles: Default::default(),
        })
    }
}

/// One step of a running sync, as `run_job` reports it (`effect.rs` turns each into a reply).
#[derive(Debug)]
pub enum SyncEvent {
    /// A page arrived (does not end the sync).
    Progress { id: u64, progress: Progress },
    /// The sync ended: every page, or why not; `at` is when it finished.
    Done {
        id: u64,
        fetched: Result<Box<Fetched>, SyncError>,
        at: DateTime<Utc>,
    },
}

/// Runs one sync to its end, blocking, sending each step through `emit`: progress events,
/// then the one `Done`. On a thread of its own in the event loop, inline in tests.
pub fn run_job(job: SyncJob, source: &Source, emit: &mut dyn FnMut(SyncEvent)) {
    let id = job.id;
    let result = {
        let mut progress = |p: Progress| emit(SyncEvent::Progress { id, progress: p });
        source.0.fetch(&job, &mut progress)
    };
    emit(SyncEvent::Done {
        id,
        fetched: result.map(Box::new),
        at: Utc::now(),
    });
}

/// The dashboard's sync slot: the source (none in a build without the feature) and the number
/// of the next sync.
#[derive(Debug, Default)]
pub struct SyncSlot {
    pub source: Option<Source>,
    next_id: u64,
}

impl SyncSlot {
    /// The number of a new sync, one past the last.
    pub fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

/// How far the sync in the overlay has got.
#[derive(Debug)]
pub enum SyncStage {
    Running(Progress),
    /// The plan, waiting for `y`; `lines` is its account, worded once.
    Preview {
        plan: Box<SyncPlan>,
        lines: Vec<String>,
    },
    /// Nothing changed; why, and what to do.
    Failed(SyncError),
}

/// The state of `Overlay::Sync`.
#[derive(Debug)]
pub struct SyncView {
    pub id: u64,
    pub catalog: Catalog,
    pub incremental: bool,
    pub stage: SyncStage,
    pub scroll: u16,
}

impl SyncView {
    /// The preview's counts, in the order the overlay shows them.
    pub fn counts(&self) -> Option<[(&'static str, usize); 6]> {
        match &self.stage {
            SyncStage::Preview { plan, .. } => Some([
                ("added", plan.added.len()),
                ("updated", plan.updated.len()),
                ("unchanged", plan.unchanged),
                ("flagged", plan.flagged.len()),
                ("missing", plan.missing.len()),
                ("EUR left out", plan.unconverted.len()),
            ]),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overlay shows each error as the dashboard always worded it: one problem a line.
    #[test]
    fn errors_read_one_problem_a_line() {
        let ace = |id: &str| AceProblem {
            ace_id: id.into(),
            field: "LifeCycle.Stage".into(),
            message: "unknown stage 'Almost There'".into(),
        };
        assert_eq!(
            SyncError::Unacceptable(vec![ace("O1")]).to_string(),
            "ACE sent 1 value the scorecard cannot take:\n  opportunity O1, LifeCycle.Stage: \
             unknown stage 'Almost There'"
        );
        assert!(
            SyncError::Unacceptable(vec![ace("O1"), ace("")])
                .to_string()
                .starts_with("ACE sent 2 values the scorecard cannot take:\n  opportunity O1,")
        );
        let problem = |place: &str| Problem {
            place: place.into(),
            message: "duplicate id".into(),
        };
        assert_eq!(
            SyncError::StoreProblems(vec![
                problem("opportunities[id=3]"),
                problem("people[id=4]")
            ])
            .to_string(),
            "the store would have problems:\n  opportunities[id=3]: duplicate id\n  \
             people[id=4]: duplicate id"
        );
        assert_eq!(
            SyncError::ThreadNotStarted.to_string(),
            "the sync thread could not start"
        );
        assert_eq!(
            SyncError::ReadOnly("x is open elsewhere".into()).to_string(),
            "Read-only: x is open elsewhere"
        );
    }
}
