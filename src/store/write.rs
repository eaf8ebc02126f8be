//! Atomic saving: temp file in the same folder, fsync, `.bak` of the old file, rename, fsync the
//! folder. A failure at any step leaves the old file as it was.

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
        if no_clobber {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        if !m.is_file() {
            return Err(fail("save")(io::Error::other("it is not a regular file")));
        }
        write_backup(&target, &dir).map_err(fail("write the backup (.bak)"))?;
    }

    let mut tmp = temp_in(&dir, &target).map_err(fail("create a temp file to save"))?;
    tmp.write_all(text.as_bytes())
        .map_err(fail("write the temp file"))?;
    match &old {
        Some(m) => tmp.as_file().set_permissions(m.permissions()),
        None => owner_only(tmp.as_file()),
    }
    .map_err(fail("set the file mode"))?;
    tmp.as_file()
        .sync_all()
        .map_err(fail("sync the temp file"))?;

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
    sync_dir(&dir).map_err(fail("sync its folder"))?;
    Ok(())
}

/// Copies the current file to `<name>.bak` through a temp file, so the backup is never partial.
fn write_backup(target: &Path, dir: &Path) -> io::Result<()> {
    let bak = with_suffix(target, ".bak");
    let mut src = File::open(target)?;
    let mut tmp = temp_in(dir, &bak)?;
    io::copy(&mut src, tmp.as_file_mut())?;
    tmp.as_file()
        .set_permissions(src.metadata()?.permissions())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&bak).map_err(|e| e.error)?;
    Ok(())
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
