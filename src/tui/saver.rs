//! One checked save. A save of a large store takes tens of milliseconds (serialise, back up,
//! fsync), longer than a frame: the dashboard asks for it as an `Effect::Save` that the worker
//! thread carries out. One save is in flight at a time; edits made meanwhile are saved together
//! when it ends.

use crate::domain::Store;
use crate::store::{self, Fingerprint, StoreError, StoreLock};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why the worker could not read or write the store file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The store's own error, which names the file.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The worker thread is gone, so the effect was never carried out.
    #[error("the background worker stopped")]
    WorkerStopped,
}

/// Why a change is in memory but not on disk: what the status line says after "NOT SAVED: ".
#[derive(Debug, thiserror::Error)]
pub enum NotSaved {
    /// Another apn-scorecard holds the writer lock.
    #[error("read-only")]
    ReadOnly,
    /// The file was deleted or moved; writing it again waits for the user's yes.
    #[error("{} is gone from disk", .0.display())]
    Gone(PathBuf),
    /// Someone else wrote the file since we read it: not overwritten.
    #[error("the file changed on disk")]
    ChangedOnDisk,
    /// The write failed; the old file is intact.
    #[error(transparent)]
    Failed(FileError),
}

/// How one save ended.
#[derive(Debug)]
pub enum Outcome {
    /// Written; the file's new fingerprint.
    Saved(Option<Fingerprint>),
    /// The file on disk is not the one we last read or wrote: not overwritten.
    ChangedOnDisk,
    /// The file is gone (deleted or moved) since we read it: not written again without asking.
    Gone,
    /// The write failed; the old file is intact.
    Failed(FileError),
}

/// Writes `store` to `path` unless the file changed on disk since `expect` was taken, or is
/// gone although `expect` says it was there, or our writer `lock` no longer holds.
pub fn write_checked(
    path: &Path,
    store: &Store,
    expect: Option<&Fingerprint>,
    lock: Option<&Mutex<StoreLock>>,
) -> Outcome {
    if let Some(lock) = lock {
        // A poisoned lock only means a panic elsewhere; the file lock itself is still ours.
        let mut held = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Err(e) = held.check() {
            return Outcome::Failed(e.into());
        }
    }
    let on_disk = match store::fingerprint(path) {
        Ok(fp) => fp,
        Err(e) => return Outcome::Failed(e.into()),
    };
    if on_disk.is_none() && expect.is_some() {
        return Outcome::Gone;
    }
    if on_disk.is_some() && on_disk.as_ref() != expect {
        return Outcome::ChangedOnDisk;
    }
    match store::save(path, store) {
        Ok(()) => Outcome::Saved(store::fingerprint(path).ok().flatten()),
        Err(e) => Outcome::Failed(e.into()),
    }
}
