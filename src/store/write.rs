//! Atomic saving: temp file in the same folder, fsync, rename, fsync the folder; the old file
//! becomes `.bak` only after the new one is in place. A failure at any step leaves the old file
//! and the old `.bak` as they were.

use super::{StoreError, to_ron};
use crate::domain::Store;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes `store` to `path`, replacing any existing file atomically and keeping the previous one
/// as `<name>.bak`. A symlink is followed: its target gets the new content and the link stays.
/// New files are readable by the owner only (0600 on Unix); an existing file keeps its mode.
pub fn save(path: &Path, store: &Store) -> Result<(), StoreError> {
    save_inner(path, store, false)
}

/// For `init`: writes `store` to `path` only if nothing is there yet. The final rename refuses to
/// replace a file, so a file created meanwhile by someone else is not clobbered either.
pub fn create_new(path: &Path, store: &Store) -> Result<(), StoreError> {
    save_inner(path, store, true)
}

/// Where `save` keeps the previous version: `<name>.bak` next to the real file (after symlinks).
pub fn backup_path(path: &Path) -> PathBuf {
    let target = real_target(path).unwrap_or_else(|_| path.to_path_buf());
    with_suffix(&target, ".bak")
}

/// Writes unsaved work that could not go into the store (a forced quit, a save that cannot
/// complete) to a new file beside the store, `<name>.recovery-<YYYYMMDD-HHMMSS>.ron`, and returns
/// its path. Written atomically like a save, owner-only, never over an existing file. When the
/// store's folder refuses it, the platform data folder is tried.
pub fn write_recovery(path: &Path, store: &Store) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    write_recovery_stamped(path, store, &stamp)
}

/// [`write_recovery`] with the time stamp given (tests).
pub fn write_recovery_stamped(
    path: &Path,
    store: &Store,
    stamp: &str,
) -> Result<PathBuf, StoreError> {
    let text = to_ron(store)?;
    let target = real_target(path).unwrap_or_else(|_| path.to_path_buf());
    let name = target
        .file_name()
        .map_or_else(|| OsString::from(super::FILE_NAME), |n| n.to_os_string());
    let mut places = vec![dir_of(&target)];
    if let Some(d) = super::default_path().map(|p| dir_of(&p))
        && !places.contains(&d)
    {
        places.push(d);
    }
    let mut first_error = None;
    for dir in places {
        match recovery_in(&dir, &name, stamp, &text) {
            Ok(p) => return Ok(p),
            Err(e) => {
                first_error.get_or_insert(StoreError::Io {
                    path: dir.join(&name),
                    action: "write a recovery file",
                    source: e,
                });
            }
        }
    }
    Err(first_error.unwrap_or(StoreError::NoDefaultPath))
}

/// One try at `<dir>/<name>.recovery-<stamp>[-N].ron`.
fn recovery_in(dir: &Path, name: &OsString, stamp: &str, text: &str) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let mut tmp = temp_in(dir, Path::new(name))?;
    tmp.write_all(text.as_bytes())?;
    owner_only(tmp.as_file())?;
    tmp.as_file().sync_all()?;
    for n in 1..100 {
        let mut file = name.clone();
        file.push(format!(".recovery-{stamp}"));
        if n > 1 {
            file.push(format!("-{n}"));
        }
        file.push(".ron");
        let dest = dir.join(file);
        match tmp.persist_noclobber(&dest) {
            Ok(_) => {
                sync_dir(dir)?;
                return Ok(dest);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::other(
        "too many recovery files with the same time stamp",
    ))
}

fn save_inner(path: &Path, store: &Store, no_clobber: bool) -> Result<(), StoreError> {
    let fail = |action: &'static str| {
        move |source: io::Error| StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    };
    // Serialise first: a store that cannot be written must not touch the disk at all.
    let text = to_ron(store)?;
    let target = real_target(path).map_err(fail("follow the symlink"))?;
    let dir = dir_of(&target);
    fs::create_dir_all(&dir).map_err(fail("create its folder"))?;

    let old = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail("read the existing file")(e)),
    };
    if let Some(m) = &old {
        if m.is_dir() {
            // `init --data DIR`: "already exists" would hide that a file path was expected.
            return Err(fail("use it as the store")(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!(
                    "it is a folder; give a file path such as {}",
                    target.join(super::FILE_NAME).display()
                ),
            )));
        }
        if no_clobber {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        if !m.is_file() {
            return Err(fail("save")(super::read::not_regular(m.file_type())));
        }
        // The backup is renamed into place after the store; anything there that a rename
        // cannot replace (a folder) must stop the save now, while nothing has changed.
        if let Ok(b) = fs::symlink_metadata(with_suffix(&target, ".bak"))
            && b.is_dir()
        {
            return Err(fail("write the backup (.bak)")(super::read::not_regular(
                b.file_type(),
            )));
        }
    }

    let mut tmp = temp_in(&dir, &target).map_err(fail("create a temp file to save"))?;
    tmp.write_all(text.as_bytes())
        .map_err(fail("write the temp file"))?;
    match &old {
        Some(m) => keep_owner_and_mode(tmp.as_file(), m),
        None => owner_only(tmp.as_file()),
    }
    .map_err(fail("set the file mode"))?;
    tmp.as_file()
        .sync_all()
        .map_err(fail("sync the temp file"))?;
    // The old version goes to a temp file now, but becomes the `.bak` only once the new store is
    // in place: a save that fails at any step leaves the store and the old `.bak` as they were.
    let backup = match &old {
        Some(_) => Some(copy_for_backup(&target, &dir).map_err(fail("write the backup (.bak)"))?),
        None => None,
    };

    // On failure the PersistError still owns the temp file; dropping it deletes the temp file.
    let persisted = if no_clobber {
        tmp.persist_noclobber(&target)
    } else {
        tmp.persist(&target)
    };
    if let Err(e) = persisted {
        if no_clobber && e.error.kind() == io::ErrorKind::AlreadyExists {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        return Err(fail("replace the file")(e.error));
    }
    // The store is saved now; a rename in the same folder that fails after that would only
    // leave the older `.bak` (its temp file is cleared at the next lock), so it does not fail
    // the save: reporting a saved store as unsaved would make the dashboard refuse its own file.
    if let Some(b) = backup {
        let _ = b.persist(with_suffix(&target, ".bak"));
    }
    sync_dir(&dir).map_err(fail("sync its folder"))?;
    Ok(())
}

/// Copies the current file to a synced temp file beside it, to be renamed to `<name>.bak`
/// once the new version is in place (so the backup is never partial and never early).
fn copy_for_backup(target: &Path, dir: &Path) -> io::Result<NamedTempFile> {
    let bak = with_suffix(target, ".bak");
    let mut src = super::read::open_regular(target)?;
    let mut tmp = temp_in(dir, &bak)?;
    io::copy(&mut src, tmp.as_file_mut())?;
    keep_owner_and_mode(tmp.as_file(), &src.metadata()?)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Gives a new file the old one's group and mode, so in a group-writable shared folder a save by
/// one member leaves the file writable for the others. The group is best effort: only a member
/// of the group (or root) may set it, and then the owner is kept too where allowed (root).
#[cfg(unix)]
fn keep_owner_and_mode(f: &File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = f.metadata()?;
    if now.uid() != old.uid() || now.gid() != old.gid() {
        // Changing the owner needs root; otherwise keep at least the group. A group we are
        // not a member of cannot be set: the file then keeps ours, as before.
        if std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(f, None, Some(old.gid()));
        }
    }
    // After chown, which may clear set-id bits.
    f.set_permissions(old.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(f: &File, old: &fs::Metadata) -> io::Result<()> {
    f.set_permissions(old.permissions())
}

/// A temp file named `.<name>.XXXXXX.tmp` next to `target` (same file system, so rename is
/// atomic; a leftover after a crash is recognisable).
fn temp_in(dir: &Path, target: &Path) -> io::Result<NamedTempFile> {
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or_default());
    prefix.push(".");
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
}

#[cfg(unix)]
fn owner_only(f: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn owner_only(_f: &File) -> io::Result<()> {
    Ok(())
}

/// Makes the renames durable: on Unix a rename is only on disk once its folder is synced.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// `path` with every symlink along the final component followed, so saving replaces the link's
/// target and leaves the link in place. A dangling link resolves to the file it names.
pub(super) fn real_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // Same limit as Linux's ELOOP, so a link cycle is an error rather than a hang.
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = fs::read_link(&p)?;
                p = if next.is_absolute() {
                    next
                } else {
                    dir_of(&p).join(next)
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The folder holding `p`; `.` for a bare file name.
pub(super) fn dir_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `scorecard.ron` + `.bak` = `scorecard.ron.bak` (appended, not an extension swap).
pub(super) fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}
