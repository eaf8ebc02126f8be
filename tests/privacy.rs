//! Privacy: the store, its backup and its lock file are created readable by their owner only
//! (0600), whatever the umask; a mode the user chose is kept, and the backup never gets a wider
//! one. And the program makes no network connection (checked with strace where available).
#![cfg(unix)]

mod hygiene;

use apn_scorecard::store;
use chrono::NaiveDate;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("stat").permissions().mode() & 0o777
}

#[test]
fn store_backup_and_lock_file_are_owner_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new/scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    store::save(&path, &demo).expect("save");
    assert_eq!(mode(&path), 0o600, "store");
    store::save(&path, &demo).expect("save again");
    assert_eq!(mode(&path), 0o600, "store after a save");
    assert_eq!(mode(&store::backup_path(&path)), 0o600, "backup");
    let lock = store::lock(&path).expect("lock");
    assert_eq!(mode(lock.lock_path()), 0o600, "lock file");

    let init = dir.path().join("init.ron");
    store::create_new(&init, &demo).expect("create_new");
    assert_eq!(mode(&init), 0o600, "init");
}

#[test]
fn a_mode_the_user_chose_is_kept_and_the_backup_is_no_wider() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    store::save(&path, &demo).expect("save");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    store::save(&path, &demo).expect("save");
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(&store::backup_path(&path)), 0o640);
    // Back to private: the next backup follows.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    store::save(&path, &demo).expect("save");
    assert_eq!(mode(&store::backup_path(&path)), 0o600);
}

/// `init`, `validate` and `report` open no socket at all. Skipped where strace is missing.
#[test]
fn the_cli_opens_no_socket() {
    if Command::new("strace").arg("-V").output().is_err() {
        hygiene::cannot_set_up("strace is not installed; the no-socket check needs it");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("scorecard.ron");
    let exe = env!("CARGO_BIN_EXE_apn-scorecard");
    let runs: [&[&str]; 4] = [
        &[
            "init",
            "--partner",
            "Example",
            "--tier",
            "select",
            "--tier-review",
            "2026-01-15",
            "--apn-renewal",
            "2026-04-01",
        ],
        &["validate"],
        &["report"],
        &["report", "--format", "json"],
    ];
    for args in runs {
        let trace = dir.path().join("trace");
        let out = Command::new("strace")
            .args(["-f", "-e", "trace=socket,connect,sendto,sendmsg", "-o"])
            .arg(&trace)
            .arg(exe)
            .arg("--data")
            .arg(&data)
            .args(args)
            .env("APN_SCORECARD_TODAY", "2026-11-26")
            .output()
            .expect("strace");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let log = std::fs::read_to_string(&trace).expect("trace");
        // Proof that strace really followed the program (and would have seen a socket).
        assert!(log.contains("exited with 0"), "{args:?}: no trace: {log}");
        let calls: Vec<&str> = log
            .lines()
            .filter(|l| {
                ["socket(", "connect(", "sendto(", "sendmsg("]
                    .iter()
                    .any(|c| l.contains(c))
            })
            .collect();
        assert!(calls.is_empty(), "{args:?} used the network: {calls:?}");
    }
}
