//! What `App::update` asks for instead of doing it: file work, carried out by the event loop on a
//! worker thread and answered with a `Reply` that `App::receive` takes in. `update` itself never
//! touches the file system, so no key can wait on a disk.

use super::derived::{Derived, EngineJob};
use super::history::Shared;
use super::import_job::{ImportReadError, Preview, read_and_plan};
use super::saver::{self, FileError, Outcome};
use super::sync_job::{Source, SyncError, SyncEvent, SyncJob, run_job};
use crate::ace::{Fetched, Progress};
use crate::domain::Store;
use crate::import::ImportKind;
use crate::scoring::Program;
use crate::store::{self, Fingerprint, StoreLock};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Debug)]
pub enum Effect {
    /// Write `state` to `path` unless the file changed on disk since `expect`.
    Save {
        path: PathBuf,
        state: Shared,
        expect: Option<Fingerprint>,
        /// The writer lock, checked before writing (its sidecar may have been deleted).
        lock: Option<Arc<Mutex<StoreLock>>>,
    },
    /// Read the store again (R).
    Reload { path: PathBuf },
    /// Has the file changed since `known`? (Hand edits, `git pull`.)
    CheckDisk { path: PathBuf, known: Fingerprint },
    /// Read a CSV file and plan importing it into `state`, to preview the import.
    ReadImport {
        path: PathBuf,
        kind: ImportKind,
        state: Shared,
        program: Box<Program>,
        today: NaiveDate,
    },
    /// A read-only dashboard tries to take the writer lock (the other writer may have closed).
    TryLock { path: PathBuf },
    /// Fetch opportunities from ACE (issue 13). Runs on a thread of its own, not the file
    /// worker's: a sync takes seconds, and saves must not wait behind it. Answers with
    /// `SyncProgress` replies as pages arrive, then one `Synced`.
    Sync { job: SyncJob, source: Source },
    /// The engine's results for a new state or as-of date. Runs on a thread of its own that
    /// takes only the latest request: one waiting behind it is overtaken, never run.
    Engine(EngineJob),
}

/// What takes replies in and may ask for more effects: the dashboard's `App`. A trait, so the
/// worker does not depend on the model it serves.
pub trait Receive {
    fn receive(&mut self, reply: Reply) -> Vec<Effect>;
}

/// How an effect ended, fed back to `App::receive`.
#[derive(Debug)]
pub enum Reply {
    Saved(Outcome),
    Loaded(Result<Box<(Store, Fingerprint)>, FileError>),
    /// The file's new fingerprint if it differs from the one known; `None` if unchanged.
    DiskChecked(Option<Fingerprint>),
    /// The file's plan, against the `state` it was planned for.
    ImportRead {
        path: PathBuf,
        kind: ImportKind,
        state: Shared,
        result: Result<Preview, ImportReadError>,
    },
    /// The store file is no longer there (deleted or moved).
    DiskGone,
    /// The writer lock, if it was free.
    Locked(Option<StoreLock>),
    /// A page of a sync arrived (does not end the effect).
    SyncProgress {
        id: u64,
        progress: Progress,
    },
    /// A sync ended: every page, or why not; `at` is when it finished (recorded as the last
    /// successful sync, so the model never reads the clock).
    Synced {
        id: u64,
        fetched: Result<Box<Fetched>, SyncError>,
        at: DateTime<Utc>,
    },
    /// The engine's results for request `generation`.
    Engine {
        generation: u64,
        derived: Box<Derived>,
    },
}

impl From<SyncEvent> for Reply {
    fn from(e: SyncEvent) -> Reply {
        match e {
            SyncEvent::Progress { id, progress } => Reply::SyncProgress { id, progress },
            SyncEvent::Done { id, fetched, at } => Reply::Synced { id, fetched, at },
        }
    }
}

/// Carries out one effect, blocking: on the worker thread, or inline in tests. Every reply but
/// the last goes to `emit` (a sync's progress); the last is returned.
pub fn perform_streaming(effect: Effect, emit: &mut dyn FnMut(Reply)) -> Reply {
    match effect {
        Effect::Sync { job, source } => {
            let mut last = None;
            run_job(job, &source, &mut |e| {
                if let Some(prev) = last.replace(Reply::from(e)) {
                    emit(prev);
                }
            });
            last.unwrap_or_else(|| refused_sync(0))
        }
        other => perform(other),
    }
}

fn refused_sync(id: u64) -> Reply {
    Reply::Synced {
        id,
        fetched: Err(SyncError::ThreadNotStarted),
        at: Utc::now(),
    }
}

/// Carries out one effect, blocking: on the worker thread, or inline in tests.
pub fn perform(effect: Effect) -> Reply {
    match effect {
        // Progress is dropped here; `perform_streaming` passes it on.
        sync @ Effect::Sync { .. } => perform_streaming(sync, &mut |_| {}),
        Effect::Save {
            path,
            state,
            expect,
            lock,
        } => Reply::Saved(saver::write_checked(
            &path,
            &state.to_store(),
            expect.as_ref(),
            lock.as_deref(),
        )),
        Effect::Reload { path } => Reply::Loaded(
            store::load_with_fingerprint(&path)
                .map(Box::new)
                .map_err(FileError::Store),
        ),
        Effect::CheckDisk { path, known } => {
            // The cheap length and time check first, the content hash only when they differ.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Reply::DiskGone,
                Err(_) => return Reply::DiskChecked(None),
            };
            if meta.len() == known.len && meta.modified().ok() == known.modified {
                return Reply::DiskChecked(None);
            }
            Reply::DiskChecked(match store::fingerprint(&path) {
                Ok(Some(fp)) if fp != known => Some(fp),
                _ => None,
            })
        }
        Effect::ReadImport {
            path,
            kind,
            state,
            program,
            today,
        } => {
            let result = read_and_plan(&path, kind, &state, &program, today);
            Reply::ImportRead {
                path,
                kind,
                state,
                result,
            }
        }
        Effect::TryLock { path } => Reply::Locked(store::lock(&path).ok()),
        Effect::Engine(job) => engine_reply(job),
    }
}

fn engine_reply(job: EngineJob) -> Reply {
    let (generation, derived) = job.run();
    Reply::Engine {
        generation,
        derived: Box::new(derived),
    }
}

/// The answer to an effect that could not be handed to the worker (it stopped).
fn refused(effect: Effect) -> Reply {
    match effect {
        Effect::Save { .. } => Reply::Saved(Outcome::Failed(FileError::WorkerStopped)),
        Effect::Reload { .. } => Reply::Loaded(Err(FileError::WorkerStopped)),
        Effect::CheckDisk { .. } => Reply::DiskChecked(None),
        Effect::ReadImport {
            path, kind, state, ..
        } => Reply::ImportRead {
            path,
            kind,
            state,
            result: Err(ImportReadError::WorkerStopped),
        },
        Effect::TryLock { .. } => Reply::Locked(None),
        Effect::Sync { job, .. } => refused_sync(job.id),
        // Without its thread the engine runs here: late figures are worse than a slow key.
        Effect::Engine(job) => engine_reply(job),
    }
}

/// The engine's thread: it waits for a request, runs the latest one, and answers on the
/// worker's queue. A request that arrives while another waits replaces it.
#[derive(Debug)]
struct EngineThread {
    slot: Arc<EngineSlot>,
    handle: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct EngineSlot {
    /// The next request, and whether the dashboard has closed.
    next: Mutex<(Option<EngineJob>, bool)>,
    wake: Condvar,
}

impl EngineThread {
    fn spawn(out: Sender<Reply>) -> std::io::Result<EngineThread> {
        let slot = Arc::new(EngineSlot::default());
        let shared = Arc::clone(&slot);
        let handle = std::thread::Builder::new()
            .name("apn-scorecard-engine".into())
            .spawn(move || {
                loop {
                    let job = {
                        let Ok(mut next) = shared.next.lock() else {
                            return;
                        };
                        loop {
                            if next.1 {
                                return;
                            }
                            if let Some(job) = next.0.take() {
                                break job;
                            }
                            next = match shared.wake.wait(next) {
                                Ok(n) => n,
                                Err(_) => return,
                            };
                        }
                    };
                    if out.send(engine_reply(job)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(EngineThread {
            slot,
            handle: Some(handle),
        })
    }

    /// Hands `job` over; `Err` gives it back if the thread is gone. `Ok(true)` if it
    /// replaced a request that had not started (that one will never be answered).
    fn offer(&self, job: EngineJob) -> Result<bool, EngineJob> {
        let Ok(mut next) = self.slot.next.lock() else {
            return Err(job);
        };
        if self.handle.as_ref().is_none_or(|h| h.is_finished()) {
            return Err(job);
        }
        let replaced = next.0.replace(job).is_some();
        self.slot.wake.notify_one();
        Ok(replaced)
    }
}

impl Drop for EngineThread {
    fn drop(&mut self) {
        if let Ok(mut next) = self.slot.next.lock() {
            next.1 = true;
        }
        self.slot.wake.notify_one();
        // Not joined: a long Outlook computation must not hold up quitting; it writes nothing.
        self.handle = None;
    }
}

/// One thread that carries out effects in the order given, so saves land in order and a read
/// after a save sees it.
#[derive(Debug)]
pub struct Worker {
    jobs: Option<Sender<Effect>>,
    replies: Receiver<Reply>,
    handle: Option<JoinHandle<()>>,
    /// File effects sent and not yet answered: quitting waits for these.
    outstanding: usize,
    /// Engine runs and ACE syncs under way on their own threads: quitting does not wait for
    /// them (they write nothing).
    background: usize,
    /// Replies for effects the thread never got.
    local: VecDeque<Reply>,
    /// Where a sync's own thread sends its replies: the same queue as the worker's.
    outbox: Sender<Reply>,
    /// The engine's thread, started on the first request.
    engine: Option<EngineThread>,
}

impl Worker {
    pub fn spawn() -> std::io::Result<Worker> {
        Worker::spawn_with(perform)
    }

    /// A worker carrying out effects with `perform` (tests give one that stalls like a disk).
    pub fn spawn_with(
        perform: impl Fn(Effect) -> Reply + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (jobs, inbox) = mpsc::channel::<Effect>();
        let (outbox, replies) = mpsc::channel();
        let sync_outbox = outbox.clone();
        let handle = std::thread::Builder::new()
            .name("apn-scorecard-worker".into())
            .spawn(move || {
                for effect in inbox {
                    if outbox.send(perform(effect)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker {
            jobs: Some(jobs),
            replies,
            handle: Some(handle),
            outstanding: 0,
            background: 0,
            local: VecDeque::new(),
            outbox: sync_outbox,
            engine: None,
        })
    }

    pub fn send(&mut self, effects: Vec<Effect>) {
        for e in effects {
            let e = match e {
                Effect::Sync { job, source } => {
                    self.spawn_sync(job, source);
                    continue;
                }
                Effect::Engine(job) => {
                    self.run_engine(job);
                    continue;
                }
                other => other,
            };
            match self.jobs.as_ref().map(|j| j.send(e)) {
                Some(Ok(())) => self.outstanding += 1,
                Some(Err(mpsc::SendError(e))) => self.local.push_back(refused(e)),
                None => {}
            }
        }
    }

    /// A sync on a thread of its own, so saves and disk checks never queue behind the network.
    /// If the user quits meanwhile, the thread is left to end with the process: it writes
    /// nothing.
    fn spawn_sync(&mut self, job: SyncJob, source: Source) {
        let out = self.outbox.clone();
        let id = job.id;
        let spawned = std::thread::Builder::new()
            .name("apn-scorecard-ace-sync".into())
            .spawn(move || {
                run_job(job, &source, &mut |e| {
                    let _ = out.send(Reply::from(e));
                })
            });
        match spawned {
            Ok(_) => self.background += 1,
            Err(_) => self.local.push_back(refused_sync(id)),
        }
    }

    fn run_engine(&mut self, job: EngineJob) {
        if self.engine.is_none() {
            self.engine = EngineThread::spawn(self.outbox.clone()).ok();
        }
        let offered = match &self.engine {
            Some(t) => t.offer(job),
            None => Err(job),
        };
        match offered {
            // The overtaken request is never answered: it no longer counts as under way.
            Ok(true) => {}
            Ok(false) => self.background += 1,
            Err(job) => self.local.push_back(engine_reply(job)),
        }
    }

    /// Whether effects are under way (the loop then wakes often to show how they end).
    pub fn busy(&self) -> bool {
        self.outstanding > 0 || self.background > 0 || !self.local.is_empty()
    }

    /// Counts `r` off what is under way if it ends its effect.
    fn ended(&mut self, r: &Reply) {
        match r {
            Reply::SyncProgress { .. } => {}
            Reply::Synced { .. } | Reply::Engine { .. } => {
                self.background = self.background.saturating_sub(1);
            }
            _ => self.outstanding = self.outstanding.saturating_sub(1),
        }
    }

    /// A reply if one has arrived.
    pub fn try_recv(&mut self) -> Option<Reply> {
        if let Some(r) = self.local.pop_front() {
            return Some(r);
        }
        match self.replies.try_recv() {
            Ok(r) => {
                self.ended(&r);
                Some(r)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.outstanding = 0;
                self.background = 0;
                None
            }
        }
    }

    /// Waits up to `timeout` for a reply.
    pub fn recv_timeout(&mut self, timeout: Duration) -> Option<Reply> {
        if let Some(r) = self.try_recv() {
            return Some(r);
        }
        if self.outstanding == 0 && self.background == 0 {
            return None;
        }
        let r = self.replies.recv_timeout(timeout).ok()?;
        self.ended(&r);
        Some(r)
    }

    /// Feeds every reply to `app` until nothing is under way: what the event loop does over
    /// many frames, at once (for tests and benches).
    pub fn settle(&mut self, app: &mut impl Receive) {
        while self.busy() {
            match self.recv_timeout(Duration::from_secs(60)) {
                Some(r) => {
                    let more = app.receive(r);
                    self.send(more);
                }
                None => break,
            }
        }
    }
}

impl Worker {
    /// At quit: feeds replies to `app` until no file work is under way or `timeout` has
    /// passed. Returns whether it all finished; if not, the thread is left behind (it may be
    /// stuck in a write that never returns) instead of waited for, so quitting cannot hang.
    /// Engine runs and syncs are not waited for: they write nothing.
    pub fn finish(mut self, app: &mut impl Receive, timeout: Duration) -> bool {
        let end = std::time::Instant::now() + timeout;
        while self.outstanding > 0 || !self.local.is_empty() {
            let left = end.saturating_duration_since(std::time::Instant::now());
            match self.recv_timeout(left) {
                Some(r) => {
                    let more = app.receive(r);
                    self.send(more);
                }
                None if self.outstanding == 0 && self.local.is_empty() => break,
                None => {
                    // Detach: dropping the handle does not join the thread.
                    self.handle = None;
                    return false;
                }
            }
        }
        true
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the queue ends the thread after its last job; wait so no write is cut off.
        self.jobs = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
