//! Saving: atomic replace, `.bak`, file modes, symlinks, failures that leave the old file.

use super::{demo_store, fixture, names};
use apn_scorecard::store::{self, StoreError};
use std::fs;
use std::path::Path;

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn save_creates_folder_and_owner_only_file_with_the_ron() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new/sub/scorecard.ron");
    let s = demo_store();
    store::save(&path, &s).expect("save");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        store::to_ron(&s).expect("ron")
    );
    assert_eq!(store::load(&path).expect("load"), s);
    let folder = path.parent().expect("parent");
    assert_eq!(
        names(folder),
        vec!["scorecard.ron"],
        "no .bak, no temp files"
    );
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn second_save_keeps_the_previous_bytes_as_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    // The first version is hand-written, so the backup must be a copy of bytes, not a re-render.
    fs::copy(fixture("valid.ron"), &path).expect("copy");
    let first = fs::read(&path).expect("read");
    let mut s = store::load(&path).expect("load");
    s.profile.partner = "Renamed".into();
    store::save(&path, &s).expect("save 1");
    let bak = dir.path().join("scorecard.ron.bak");
    assert_eq!(store::backup_path(&path), bak);
    assert_eq!(fs::read(&bak).expect("bak"), first);
    let second = fs::read(&path).expect("read");

    s.profile.partner = "Renamed again".into();
    store::save(&path, &s).expect("save 2");
    assert_eq!(fs::read(&bak).expect("bak"), second);
    assert_eq!(
        store::load(&path).expect("load").profile.partner,
        "Renamed again"
    );
    assert_eq!(
        names(dir.path()),
        vec!["scorecard.ron", "scorecard.ron.bak"],
        "temp files cleaned up"
    );
}

#[cfg(unix)]
#[test]
fn save_keeps_an_existing_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    store::save(&path, &demo_store()).expect("save again");
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(&dir.path().join("scorecard.ron.bak")), 0o640);
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("repo");
    let link_dir = dir.path().join("home");
    fs::create_dir_all(&real_dir).expect("mkdir");
    fs::create_dir_all(&link_dir).expect("mkdir");
    let target = real_dir.join("scorecard.ron");
    let link = link_dir.join("scorecard.ron");
    let mut s = demo_store();
    store::save(&target, &s).expect("save target");
    // A relative link, as `ln -s ../repo/scorecard.ron` makes.
    std::os::unix::fs::symlink("../repo/scorecard.ron", &link).expect("symlink");

    s.profile.partner = "Through the link".into();
    store::save(&link, &s).expect("save via link");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "still a symlink"
    );
    assert_eq!(
        store::load(&target).expect("load").profile.partner,
        "Through the link"
    );
    assert_eq!(
        names(&link_dir),
        vec!["scorecard.ron"],
        "nothing written beside the link"
    );
    assert_eq!(names(&real_dir), vec!["scorecard.ron", "scorecard.ron.bak"]);
    // The backup sits beside the real file (compared canonically: the link was relative).
    let bak = store::backup_path(&link);
    assert_eq!(
        fs::canonicalize(&bak).expect("bak exists"),
        fs::canonicalize(real_dir.join("scorecard.ron.bak")).expect("bak exists")
    );
}

#[test]
fn save_into_a_path_under_a_regular_file_fails_naming_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "x").expect("write");
    let path = blocker.join("scorecard.ron");
    let err = store::save(&path, &demo_store()).expect_err("cannot save under a file");
    assert!(
        matches!(&err, StoreError::Io { path: p, .. } if p == &path),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(&blocker).expect("read"), b"x");
}

#[test]
fn failed_save_leaves_the_old_file_intact_and_no_temp_files() {
    // A folder where the backup must go makes the save fail even for root.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let before = fs::read(&path).expect("read");
    let bak = dir.path().join("scorecard.ron.bak");
    fs::create_dir(&bak).expect("mkdir");
    fs::write(bak.join("keep"), "x").expect("write");

    let mut s = demo_store();
    s.profile.partner = "Never written".into();
    let err = store::save(&path, &s).expect_err("backup cannot replace a folder");
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    assert!(err.to_string().contains("backup"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(
        names(dir.path()),
        vec!["scorecard.ron", "scorecard.ron.bak"]
    );
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_folder_fails_with_the_old_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let before = fs::read(&path).expect("read");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root (as in CI containers) ignores permission bits: make the folder immutable instead.
    let probe = folder.join("probe");
    let mut immutable = false;
    if fs::write(&probe, "x").is_ok() {
        fs::remove_file(&probe).expect("remove probe");
        immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(&folder)
            .status()
            .is_ok_and(|s| s.success());
        if !immutable || fs::write(&probe, "x").is_ok() {
            let _ = fs::remove_file(&probe);
            if immutable {
                let _ = std::process::Command::new("chattr")
                    .arg("-i")
                    .arg(&folder)
                    .status();
            }
            fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
            crate::hygiene::cannot_set_up("cannot make a folder read-only (root without chattr)");
            return;
        }
    }
    let mut s = demo_store();
    s.profile.partner = "Never written".into();
    let result = store::save(&path, &s);
    if immutable {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&folder)
            .status();
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
    let err = result.expect_err("read-only folder");
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(names(&folder), vec!["scorecard.ron"]);
}

#[test]
fn create_new_refuses_an_existing_file_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    fs::write(&path, "my precious data").expect("write");
    let err = store::create_new(&path, &demo_store()).expect_err("exists");
    assert!(matches!(&err, StoreError::Exists { path: p } if p == &path));
    assert_eq!(
        err.to_string(),
        format!("{} already exists; not overwriting", path.display())
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "my precious data");
    assert_eq!(names(dir.path()), vec!["scorecard.ron"]);

    let fresh = dir.path().join("a/b/new.ron");
    store::create_new(&fresh, &demo_store()).expect("creates");
    assert_eq!(store::load(&fresh).expect("load"), demo_store());
    #[cfg(unix)]
    assert_eq!(mode(&fresh), 0o600);
}

/// The groups this process may give a file: root any, others their supplementary groups.
#[cfg(unix)]
fn other_group(current: u32) -> Option<u32> {
    // SAFETY: plain libc queries; the buffer is sized by the first call.
    unsafe {
        if libc::geteuid() == 0 {
            return Some(current.wrapping_add(4242));
        }
        let n = libc::getgroups(0, std::ptr::null_mut());
        let mut groups = vec![0 as libc::gid_t; usize::try_from(n).unwrap_or(0)];
        let n = libc::getgroups(n, groups.as_mut_ptr());
        groups.truncate(usize::try_from(n).unwrap_or(0));
        groups.into_iter().find(|g| *g != current)
    }
}

/// A shared, group-writable folder: a save by one member keeps the store's group and mode (and,
/// when saving as root, its owner), so the other members are not locked out.
#[cfg(unix)]
#[test]
fn save_keeps_the_stores_group_and_mode_for_a_shared_folder() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let gid = fs::metadata(&path).expect("meta").gid();
    let Some(group) = other_group(gid) else {
        // Nothing to set the group to: the case cannot be set up as this user.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run this test as root or with a supplementary group"
        );
        eprintln!("skipping: no other group to give the file");
        return;
    };
    // SAFETY: plain libc query.
    let root = unsafe { libc::geteuid() } == 0;
    let owner = if root { Some(4343) } else { None };
    std::os::unix::fs::chown(&path, owner, Some(group)).expect("chgrp");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o660)).expect("chmod");

    let mut s = demo_store();
    s.profile.partner = "Saved by another member".into();
    store::save(&path, &s).expect("save");
    let meta = fs::metadata(&path).expect("meta");
    assert_eq!(meta.gid(), group, "group kept");
    assert_eq!(mode(&path), 0o660, "mode kept");
    if let Some(uid) = owner {
        assert_eq!(meta.uid(), uid, "owner kept when saving as root");
    }
    let bak = fs::metadata(dir.path().join("scorecard.ron.bak")).expect("bak");
    assert_eq!(bak.gid(), group, "the .bak keeps the group too");
    assert_eq!(bak.permissions().mode() & 0o777, 0o660);
    assert_eq!(
        store::load(&path).expect("load").profile.partner,
        "Saved by another member"
    );
}

#[test]
fn a_recovery_file_is_written_beside_the_store_and_never_over_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let before = fs::read(&path).expect("read");
    let mut unsaved = demo_store();
    unsaved.profile.partner = "Unsaved work".into();

    let first = store::write_recovery_stamped(&path, &unsaved, "20261126-101500").expect("first");
    assert_eq!(
        first,
        dir.path()
            .join("scorecard.ron.recovery-20261126-101500.ron")
    );
    let second = store::write_recovery_stamped(&path, &unsaved, "20261126-101500").expect("second");
    assert_eq!(
        second,
        dir.path()
            .join("scorecard.ron.recovery-20261126-101500-2.ron")
    );
    for p in [&first, &second] {
        assert_eq!(store::load(p).expect("recovery loads"), unsaved);
        #[cfg(unix)]
        assert_eq!(mode(p), 0o600, "private like the store");
    }
    assert_eq!(fs::read(&path).expect("read"), before, "store untouched");

    // The clock-stamped form names itself after the store too.
    let stamped = store::write_recovery(&path, &unsaved).expect("now");
    let name = stamped
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("scorecard.ron.recovery-"), "{name}");
    assert!(name.ends_with(".ron"), "{name}");
    assert_eq!(
        names(dir.path())
            .iter()
            .filter(|n| n.ends_with(".tmp"))
            .count(),
        0
    );
}

#[test]
fn create_new_on_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = store::create_new(dir.path(), &demo_store()).expect_err("a folder");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: could not use it as the store: it is a folder; give a file path such as {}",
            dir.path().display(),
            dir.path().join("scorecard.ron").display()
        )
    );
}
