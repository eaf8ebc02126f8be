//! Where the dashboard's changes go and what stands in the way: plain state, read by the model
//! and changed by the editing code.

use crate::store::{Fingerprint, StoreLock};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where changes go and what stands in the way.
#[derive(Debug, Default)]
pub struct Persist {
    /// `None` for the demo: edits stay in memory.
    pub path: Option<PathBuf>,
    /// Held for the life of the dashboard: one writer per store.
    /// Shared with the worker, which checks it before each save.
    pub lock: Option<Arc<Mutex<StoreLock>>>,
    /// Why this dashboard may not write (another instance holds the lock).
    pub read_only: Option<String>,
    /// What the file looked like when we last read or wrote it.
    pub fingerprint: Option<Fingerprint>,
    /// A change is in memory but not yet on disk (a save is under way, failed or was refused).
    pub dirty: bool,
    /// A save was asked for and has not answered yet.
    pub in_flight: bool,
    /// Edits were made while a save was under way: save again when it ends.
    pub queued: bool,
    /// A check of the file found it changed under us (warned once; cleared by a reload).
    pub changed_on_disk: bool,
    /// The file is gone from disk (deleted or moved): the next save asks before writing it again.
    pub gone: bool,
    /// A read-only dashboard has asked for the writer lock and not heard back yet.
    pub lock_asked: bool,
    /// The writer lock was just taken (said once more by a reload that follows).
    pub became_writable: bool,
    /// The last message that said a save failed, to tell it from others when another failure
    /// follows.
    pub unsaved_status: Option<String>,
}
