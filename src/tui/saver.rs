//! Writing the store off the input thread. A save of a large store takes tens of milliseconds
//! (serialise, back up, fsync), longer than a frame: the dashboard hands a copy to this writer
//! and keeps answering keys. One save is in flight at a time; edits made meanwhile are saved
//! together when it ends.

use crate::domain::Store;
use crate::store::{self, Fingerprint};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

/// How one save ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written; the file's new fingerprint.
    Saved(Option<Fingerprint>),
    /// The file on disk is not the one we last read or wrote: not overwritten.
    ChangedOnDisk,
    /// The write failed; the old file is intact.
    Failed(String),
}

/// Writes `store` to `path` unless the file changed on disk since `expect` was taken.
pub fn write_checked(path: &Path, store: &Store, expect: Option<&Fingerprint>) -> Outcome {
    let on_disk = match store::fingerprint(path) {
        Ok(fp) => fp,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if on_disk.is_some() && on_disk.as_ref() != expect {
        return Outcome::ChangedOnDisk;
    }
    match store::save(path, store) {
        Ok(()) => Outcome::Saved(store::fingerprint(path).ok().flatten()),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

struct Job {
    path: PathBuf,
    store: Store,
    expect: Option<Fingerprint>,
}

/// The background writer thread and its two channels.
#[derive(Debug)]
pub struct Saver {
    jobs: Option<Sender<Job>>,
    results: Receiver<Outcome>,
    handle: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({})", self.path.display())
    }
}

impl Saver {
    pub fn spawn() -> std::io::Result<Saver> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, results) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("apn-scorecard-saver".into())
            .spawn(move || {
                for job in inbox {
                    let outcome = write_checked(&job.path, &job.store, job.expect.as_ref());
                    if outbox.send(outcome).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Saver {
            jobs: Some(jobs),
            results,
            handle: Some(handle),
        })
    }

    /// Queues a save. Returns false if the writer is gone (then save in the foreground).
    pub fn send(&self, path: PathBuf, store: Store, expect: Option<Fingerprint>) -> bool {
        self.jobs.as_ref().is_some_and(|j| {
            j.send(Job {
                path,
                store,
                expect,
            })
            .is_ok()
        })
    }

    /// The outcome of the save in flight, if it has ended.
    pub fn try_result(&self) -> Option<Outcome> {
        match self.results.try_recv() {
            Ok(o) => Some(o),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Outcome::Failed("the background writer stopped".into()))
            }
        }
    }

    /// Waits for the save in flight to end.
    pub fn wait_result(&self) -> Outcome {
        self.results
            .recv()
            .unwrap_or_else(|_| Outcome::Failed("the background writer stopped".into()))
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the queue ends the thread after the job it is on; wait so no write is cut off.
        self.jobs = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
