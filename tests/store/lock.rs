//! The writer lock, change detection and where the store lives.

use super::demo_store;
use apn_scorecard::store::{self, StoreError};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn second_lock_fails_while_the_first_is_held() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let first = store::lock(&path).expect("first lock");
    assert_eq!(first.store_path(), path);
    let err = store::lock(&path).expect_err("second lock");
    assert!(matches!(&err, StoreError::Locked { path: p } if p == &path));
    assert_eq!(
        err.to_string(),
        format!(
            "{} is open in another apn-scorecard (read-only here)",
            path.display()
        )
    );
    drop(first);
    let again = store::lock(&path).expect("lock after drop");
    assert!(!path.exists(), "locking does not create the store");
    drop(again);
}

#[cfg(unix)]
#[test]
fn lock_through_a_symlink_is_the_same_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&path, &link).expect("symlink");
    let _held = store::lock(&path).expect("lock");
    assert!(matches!(store::lock(&link), Err(StoreError::Locked { .. })));
}

#[cfg(target_os = "linux")]
#[test]
fn lock_is_seen_by_another_process() {
    use std::process::Command;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let held = store::lock(&path).expect("lock");
    // util-linux `flock -n` uses the same flock(2) lock as std's File::try_lock on Linux.
    let probe = |lock_file: &Path| {
        Command::new("flock")
            .arg("-n")
            .arg(lock_file)
            .arg("true")
            .status()
    };
    let Ok(status) = probe(held.lock_path()) else {
        crate::hygiene::cannot_set_up("no `flock` command for the cross-process lock check");
        return;
    };
    assert!(!status.success(), "another process must not get the lock");
    let lock_file = held.lock_path().to_path_buf();
    drop(held);
    let status = probe(&lock_file).expect("flock ran before");
    assert!(status.success(), "free after drop");
}

#[test]
fn fingerprint_notices_changes_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    assert_eq!(store::fingerprint(&path).expect("no file"), None);
    let mut s = demo_store();
    store::save(&path, &s).expect("save");
    let (loaded, at_load) = store::load_with_fingerprint(&path).expect("load");
    assert_eq!(loaded, s);
    assert_eq!(
        store::fingerprint(&path).expect("fp"),
        Some(at_load.clone())
    );
    assert_eq!(at_load.len, fs::metadata(&path).expect("meta").len());

    // Same length, different content, same modification time: only the hash can tell.
    let text = fs::read_to_string(&path).expect("read");
    let mtime = fs::metadata(&path)
        .expect("meta")
        .modified()
        .expect("mtime");
    let edited = text.replacen("Ada", "Eva", 1);
    assert_eq!(edited.len(), text.len());
    fs::write(&path, &edited).expect("write");
    fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(mtime)
        .expect("set mtime");
    let now = store::fingerprint(&path).expect("fp").expect("file");
    assert_eq!(now.len, at_load.len);
    assert_ne!(now, at_load, "content change detected");

    s.profile.partner = "Changed".into();
    store::save(&path, &s).expect("save");
    assert_ne!(store::fingerprint(&path).expect("fp"), Some(now));
}

// ---------------------------------------------------------------- paths

#[test]
fn resolve_path_prefers_flag_then_env_then_default() {
    let flag = Path::new("/flag/s.ron");
    let env = Some(OsString::from("/env/s.ron"));
    assert_eq!(
        store::resolve_path(Some(flag), env.clone()).expect("flag"),
        flag
    );
    assert_eq!(
        store::resolve_path(None, env).expect("env"),
        Path::new("/env/s.ron")
    );
    let default = store::default_path();
    match store::resolve_path(None, Some(OsString::new())) {
        Ok(p) => {
            assert_eq!(Some(p.clone()), default, "empty env counts as unset");
            assert!(
                p.ends_with("apn-scorecard/scorecard.ron"),
                "{}",
                p.display()
            );
        }
        Err(e) => {
            assert!(default.is_none(), "error only without a default: {e}");
            assert!(matches!(e, StoreError::NoDefaultPath));
        }
    }
    assert_eq!(store::resolve_path(None, None).ok(), default);
}

#[cfg(target_os = "linux")]
#[test]
fn default_path_is_in_the_xdg_data_folder() {
    let Some(p) = store::default_path() else {
        panic!("Linux with a home folder has a data folder");
    };
    let expected_dir = std::env::var_os("XDG_DATA_HOME")
        .filter(|x| Path::new(x).is_absolute())
        .map(PathBuf::from)
        .or_else(|| std::env::home_dir().map(|h| h.join(".local/share")))
        .expect("a home folder");
    assert_eq!(p, expected_dir.join("apn-scorecard/scorecard.ron"));
}

#[test]
fn taking_the_lock_clears_temp_files_a_killed_save_left_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let stale = dir.path().join(".scorecard.ron.Ab12Cd.tmp");
    let stale_bak = dir.path().join(".scorecard.ron.bak.Xy34Zw.tmp");
    let other = dir.path().join(".notes.txt.tmp");
    for p in [&stale, &stale_bak, &other] {
        fs::write(p, b"half a save").expect("write");
    }
    let held = store::lock(&path).expect("lock");
    assert!(
        !stale.exists() && !stale_bak.exists(),
        "stale temps removed"
    );
    assert!(other.exists(), "other files are left alone");
    assert!(
        path.exists() && store::load(&path).is_ok(),
        "the store is untouched"
    );
    drop(held);
}

#[test]
fn a_deleted_lock_file_is_noticed_before_the_next_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let mut first = store::lock(&path).expect("first lock");
    let lock_file = first.lock_path().to_path_buf();
    first.check().expect("nothing happened yet");

    // Someone deletes the sidecar; a second writer can now take a fresh one...
    fs::remove_file(&lock_file).expect("rm .lock");
    let second = store::lock(&path).expect("a fresh sidecar is free");
    // ...but the first writer notices before saving and refuses.
    let err = first.check().expect_err("the lock was lost");
    let shown = err.to_string();
    assert!(shown.starts_with(&path.display().to_string()), "{shown}");
    assert!(
        shown.contains("was deleted, and another apn-scorecard has taken the lock"),
        "{shown}"
    );
    drop(second);

    // Deleted while nobody else is around: the first writer takes the lock again, and a
    // second writer is refused as usual.
    fs::remove_file(&lock_file).expect("rm .lock again");
    first.check().expect("lock taken again");
    assert!(lock_file.exists(), "sidecar recreated");
    assert!(matches!(store::lock(&path), Err(StoreError::Locked { .. })));
}

#[cfg(unix)]
#[test]
fn a_store_with_a_hard_link_is_refused_for_writing_under_either_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let other = dir.path().join("other.ron");
    fs::hard_link(&path, &other).expect("hard link");
    for p in [&path, &other] {
        let err = store::lock(p).expect_err("two names, two sidecars: refused");
        let shown = err.to_string();
        assert!(shown.starts_with(&p.display().to_string()), "{shown}");
        assert!(shown.contains("it has 2 hard links"), "{shown}");
    }
    // Reading is fine, and once it is one file again it can be written.
    assert!(store::load(&other).is_ok());
    fs::remove_file(&other).expect("rm link");
    assert!(store::lock(&path).is_ok());
}

#[test]
fn a_blank_data_variable_or_flag_counts_as_unset() {
    let default = store::default_path();
    for blank in [" ", "\t", "  \n"] {
        assert_eq!(
            store::resolve_path(None, Some(OsString::from(blank))).ok(),
            default,
            "{blank:?}"
        );
        assert_eq!(
            store::resolve_path(Some(Path::new(blank)), None).ok(),
            default,
            "{blank:?}"
        );
    }
    // A name with spaces inside is a real name.
    assert_eq!(
        store::resolve_path(None, Some(OsString::from(" a b.ron"))).expect("env"),
        Path::new(" a b.ron")
    );
}
