//! One writer at a time, and noticing that the file changed on disk since it was loaded.

use super::StoreError;
use super::write::{dir_of, real_target, with_suffix};
use crate::domain::Store;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The writer lock on a store, held until this value is dropped. Another `lock` on the same file
/// fails meanwhile, in this process or any other (OS file lock on a `<name>.lock` sidecar). The
/// sidecar file stays on disk afterwards: deleting it could race with the next locker.
///
/// Deleting the sidecar by hand would let a second writer in; [`StoreLock::check`] notices that
/// before a save, takes the lock again if it is free and refuses to save if it is not. A store
/// with several hard links is refused, since a writer through another name would use another
/// sidecar.
#[derive(Debug)]
pub struct StoreLock {
    // Holding the open handle is what holds the lock; the OS releases it on close or crash.
    file: File,
    store: PathBuf,
    lock_file: PathBuf,
}

impl StoreLock {
    /// The store path this lock was taken for.
    pub fn store_path(&self) -> &Path {
        &self.store
    }

    /// The sidecar file carrying the OS lock.
    pub fn lock_path(&self) -> &Path {
        &self.lock_file
    }

    /// Call before each save: checks that the sidecar on disk is still the file we hold the lock
    /// on. If it was deleted or replaced, the lock is taken again on the new sidecar; if another
    /// apn-scorecard took that one meanwhile, this fails and nothing must be saved.
    pub fn check(&mut self) -> Result<(), StoreError> {
        if same_file(&self.file, &self.lock_file) {
            return Ok(());
        }
        let file = open_lock_file(&self.lock_file).map_err(|source| StoreError::Io {
            path: self.store.clone(),
            action: "open its lock file",
            source,
        })?;
        match file.try_lock() {
            Ok(()) => {
                self.file = file;
                Ok(())
            }
            Err(TryLockError::WouldBlock) => Err(StoreError::Io {
                path: self.store.clone(),
                action: "keep the writer lock",
                source: io::Error::new(
                    io::ErrorKind::ResourceBusy,
                    format!(
                        "its lock file {} was deleted, and another apn-scorecard has taken the lock \
                         since; not saving over its changes",
                        self.lock_file.display()
                    ),
                ),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::Io {
                path: self.store.clone(),
                action: "lock",
                source,
            }),
        }
    }
}

/// Whether `path` names the very file `held` is open on (same device and inode).
#[cfg(unix)]
fn same_file(held: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (held.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_held: &File, path: &Path) -> bool {
    path.exists()
}

/// Opens (creating, owner-only) the sidecar; refuses anything but a regular file, without
/// blocking on a FIFO put in its place.
fn open_lock_file(lock_file: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(lock_file)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(super::read::not_regular(meta.file_type()));
    }
    Ok(file)
}

/// Takes the writer lock for the store at `path` without waiting. Fails with
/// [`StoreError::Locked`] if another apn-scorecard holds it: open the store read-only then.
/// Creates the store's folder if needed (the lock file lives next to the store).
pub fn lock(path: &Path) -> Result<StoreLock, StoreError> {
    let fail = |action: &'static str| {
        move |source: io::Error| StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    };
    // Lock the real file, so two symlinks to one store share one lock.
    let target = real_target(path).map_err(fail("follow the symlink"))?;
    fs::create_dir_all(dir_of(&target)).map_err(fail("create its folder"))?;
    let lock_file = with_suffix(&target, ".lock");
    let file = open_lock_file(&lock_file).map_err(fail("open its lock file"))?;
    match file.try_lock() {
        Ok(()) => {
            refuse_hard_links(&target).map_err(fail("lock"))?;
            remove_stale_temps(&target);
            Ok(StoreLock {
                file,
                store: path.to_path_buf(),
                lock_file,
            })
        }
        Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
            path: path.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => Err(fail("lock")(e)),
    }
}

/// A store with more than one hard link has other names, each with its own `.lock` sidecar, so
/// two writers could each hold "the" lock; and the first save would split the names apart.
#[cfg(unix)]
fn refuse_hard_links(target: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    match fs::metadata(target) {
        Ok(m) if m.is_file() && m.nlink() > 1 => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it has {} hard links (other names for the same file), so another writer \
                 could open it under another name; keep one name (or use a symlink) to edit it",
                m.nlink()
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn refuse_hard_links(_target: &Path) -> io::Result<()> {
    Ok(())
}

/// Deletes `.<name>.*.tmp` files that a save killed midway left beside the store. Only called
/// with the lock held, so no other writer can be in the middle of a save. Best effort: a file
/// that cannot be removed is left for next time.
fn remove_stale_temps(target: &Path) {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir_of(target)) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(f) = file_name.to_str() else {
            continue;
        };
        if f.starts_with(&prefix) && f.ends_with(".tmp") && e.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// What the file looked like when read: compare two to see whether it changed on disk. The
/// content hash catches same-size edits within the file system's time resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    fn of(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            // Stable across builds and Rust releases (the JSON cache keys on it).
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        }
    }
}

/// The fingerprint of the file at `path` now, or `None` if there is no file.
pub fn fingerprint(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
    match read_with_fingerprint(path) {
        Ok((_, f)) => Ok(Some(f)),
        Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// `load` plus the fingerprint of exactly the bytes that were parsed, so a later
/// `fingerprint(path) != loaded` means someone else changed the file.
pub fn load_with_fingerprint(path: &Path) -> Result<(Store, Fingerprint), StoreError> {
    let (bytes, f) = read_with_fingerprint(path)?;
    let text = super::format::decode_utf8(&bytes, path)?;
    let dir = super::cache::cache_dir();
    if let Some(s) = dir.as_deref().and_then(|d| super::cache::get(d, path, &f)) {
        return Ok((s, f));
    }
    let store = super::parse(text, path)?;
    if let Some(d) = &dir {
        super::cache::put(d, path, &f, &store);
    }
    Ok((store, f))
}

fn read_with_fingerprint(path: &Path) -> Result<(Vec<u8>, Fingerprint), StoreError> {
    let fail = |source: io::Error| StoreError::Io {
        path: path.to_path_buf(),
        action: "read",
        source,
    };
    // Never a FIFO or device (it could block or never end), never more than the cap.
    let file = super::read::open_regular(path).map_err(fail)?;
    // Metadata from the same handle as the bytes, so both describe one version of the file.
    let modified = file.metadata().and_then(|m| m.modified()).ok();
    let bytes = super::read::read_capped_from(file, super::read::MAX_READ_BYTES).map_err(fail)?;
    let f = Fingerprint::of(&bytes, modified);
    Ok((bytes, f))
}
