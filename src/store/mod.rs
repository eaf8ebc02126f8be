//! The RON store on disk: where it lives, reading it (with schema migration and path:line:col
//! errors), writing it atomically with a `.bak` of the previous version, and the one-writer lock.
//!
//! Loading never writes the store or anything next to it; for a file over 1 MiB it keeps a JSON
//! copy in the platform cache folder, trusted only for the same bytes (see [`cache`]). Saving never leaves a half-written file: the new text goes to a temp file
//! in the same folder, is synced, and is renamed over the old one.

pub mod cache;
mod error;
mod format;
mod lock;
mod path;
mod read;
mod write;

pub use error::StoreError;
pub use format::{HEADER, parse, to_ron};
pub use lock::{Fingerprint, StoreLock, fingerprint, load_with_fingerprint, lock};
pub use path::{ENV_VAR, FILE_NAME, default_path, resolve_path};
pub use read::{MAX_READ_BYTES, open_regular, read_capped};
pub use write::{backup_path, create_new, save, write_recovery, write_recovery_stamped};

use crate::domain::{Problem, Program, Store};
use std::path::Path;

/// Reads and parses the store at `path`. Never writes the store, also not on failure.
pub fn load(path: &Path) -> Result<Store, StoreError> {
    load_with_fingerprint(path).map(|(store, _)| store)
}

/// Everything wrong with a parsed store against the program editions and exam catalogue (unknown
/// exams, duplicate ids, ...). Kept apart from `load` so `validate` can list all of them.
pub fn check(store: &Store, program: &Program) -> Vec<Problem> {
    store.validate(&program.catalog, &program.programs)
}

#[cfg(test)]
mod proptests;
