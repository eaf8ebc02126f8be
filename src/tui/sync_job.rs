//! The data side of live ACE sync (issue 13), below the model: the job, the source it reads
//! from, the blocking worker that runs it, and the overlay's state. Nothing here knows the
//! dashboard's `App`, overlays or effects; `sync.rs` holds the keys and `effect.rs` maps this
//! file's `SyncEvent`s to replies.

use crate::ace::{Catalog, Fetched, Progress, SyncPlan};
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
/// Errors are whole sentences that say what to do (the client's `AceError` messages).
pub trait SyncSource: Send + Sync {
    fn fetch(&self, job: &SyncJob, progress: &mut dyn FnMut(Progress)) -> Result<Fetched, String>;
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
    fn fetch(&self, job: &SyncJob, progress: &mut dyn FnMut(Progress)) -> Result<Fetched, String> {
        use crate::ace::client::{AceError, Session};
        let session =
            Session::connect(job.catalog, self.profile.as_deref()).map_err(|e| match e {
                // The client's advice names the command's --profile; the dashboard has none.
                AceError::NoCredentials { .. } => format!(
                    "{e}.\nFor the dashboard, start it with AWS_PROFILE=NAME set (after \
                     `aws sso login --profile NAME` for SSO)."
                ),
                other => other.to_string(),
            })?;
        let (opportunities, pages) = session
            .list(job.since, progress)
            .map_err(|e| e.to_string())?;
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
        fetched: Result<Box<Fetched>, String>,
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
    Failed(String),
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
