//! Hostile paths and a hostile machine, through the real binary: a store path that is a FIFO or a
//! device, a huge (sparse) file, a file-size limit (`ulimit -f`) set on the process itself with no
//! shell trap, a blank `APN_SCORECARD_DATA`, and `init` pointed at a folder. Each ends quickly
//! with a clear error naming the file, and the store and its `.bak` stay as they were.
#![cfg(unix)]

use apn_scorecard::store;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");

fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .env_remove("APN_SCORECARD_DATA")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs `c`, killing it (and failing the test) if it has not ended within `limit`.
fn run_within(mut c: Command, limit: Duration) -> Output {
    let mut child = c.spawn().expect("spawn apn-scorecard");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "still running after {limit:?} (killed); stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mkfifo(p: &Path) {
    let c = CString::new(p.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path; mkfifo does not keep the pointer.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o600) };
    assert_eq!(rc, 0, "mkfifo: {}", std::io::Error::last_os_error());
}

fn init(path: &Path) {
    let o = run_within(
        cmd(&[
            "init",
            "--data",
            path.to_str().expect("utf-8 path"),
            "--partner",
            "Acme",
            "--tier",
            "select",
            "--tier-review",
            "2026-01-15",
            "--apn-renewal",
            "2026-04-01",
        ]),
        Duration::from_secs(20),
    );
    assert!(o.status.success(), "init: {}", stderr(&o));
}

#[test]
fn a_fifo_as_the_store_is_refused_at_once_instead_of_hanging() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("scorecard.ron");
    mkfifo(&fifo);
    let p = fifo.to_str().expect("utf-8");
    for args in [vec!["report", "--data", p], vec!["validate", "--data", p]] {
        let o = run_within(cmd(&args), Duration::from_secs(10));
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        // `validate` lists problems, this one included, on stdout.
        let e = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        assert!(e.contains(p), "names the file: {e}");
        assert!(
            e.contains("it is a FIFO (named pipe), not a regular file"),
            "{args:?}: {e}"
        );
    }
    // The writer side neither blocks: a save to a FIFO fails at once in the library too.
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let demo =
            apn_scorecard::assets::demo_store("2026-11-26".parse().expect("date")).expect("demo");
        let save = store::save(&path, &demo).map_err(|e| e.to_string());
        let fp = store::fingerprint(&path).map_err(|e| e.to_string());
        let _ = tx.send((save, fp));
    });
    let (save, fp) = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("save and fingerprint return instead of blocking on the FIFO");
    assert!(
        save.expect_err("save refused")
            .contains("not a regular file")
    );
    assert!(fp.expect_err("fingerprint refused").contains("FIFO"));
}

#[test]
fn an_import_file_that_is_a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    init(&path);
    let fifo = dir.path().join("certs.csv");
    mkfifo(&fifo);
    let o = run_within(
        cmd(&[
            "import",
            "certifications",
            fifo.to_str().expect("utf-8"),
            "--data",
            path.to_str().expect("utf-8"),
        ]),
        Duration::from_secs(10),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("FIFO"), "{}", stderr(&o));
}

#[test]
fn dev_zero_as_the_store_is_refused_without_reading_it() {
    let o = run_within(
        cmd(&["report", "--data", "/dev/zero"]),
        Duration::from_secs(10),
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("/dev/zero: could not read: it is a character device, not a regular file"),
        "{e}"
    );
}

#[test]
fn a_huge_sparse_store_is_refused_by_size_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    // 1 GiB of holes: takes no disk, but reading it would take 1 GiB of memory.
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(1 << 30).expect("sparse");
    drop(f);
    let o = run_within(
        cmd(&["report", "--data", path.to_str().expect("utf-8")]),
        Duration::from_secs(10),
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains(&path.display().to_string()), "{e}");
    assert!(
        e.contains("it is 1024 MiB or more, over the 256 MiB limit"),
        "{e}"
    );
    // Just past the limit is refused too; the limit itself is what the README promises.
    assert_eq!(store::MAX_READ_BYTES, 256 * 1024 * 1024);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open")
        .set_len(store::MAX_READ_BYTES + 1)
        .expect("shrink");
    let err = store::load(&path).expect_err("over the cap");
    assert!(err.to_string().contains("257 MiB or more"), "{err}");
}

/// Sets a file-size limit of `bytes` in the child only, between fork and exec. SIGXFSZ keeps its
/// default action (the test harness does not ignore it), so only the program's own handling
/// stands between a too-large write and death by signal.
fn limit_file_size(c: &mut Command, bytes: u64) {
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        c.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn past_a_file_size_limit_an_import_fails_cleanly_and_keeps_store_and_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let p = path.to_str().expect("utf-8");
    init(&path);
    // A second version, so there is an older `.bak` that differs from the store.
    let csv = dir.path().join("one.csv");
    std::fs::write(
        &csv,
        "name,email,exam,earned\nLee Park,lee@example.com,SAA-C03,2025-06-01\n",
    )
    .expect("csv");
    let o = run_within(
        cmd(&[
            "import",
            "certifications",
            csv.to_str().expect("utf-8"),
            "--data",
            p,
        ]),
        Duration::from_secs(20),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let store_before = std::fs::read(&path).expect("store");
    let bak_before = std::fs::read(store::backup_path(&path)).expect("bak");
    assert_ne!(store_before, bak_before, "the .bak is the older version");

    // 400 people: far more than the 16 KiB limit once written.
    let mut big = String::from("name,email,exam,earned\n");
    for i in 0..400 {
        big.push_str(&format!("Person {i},p{i}@example.com,SAA-C03,2025-06-01\n"));
    }
    let big_csv = dir.path().join("big.csv");
    std::fs::write(&big_csv, big).expect("csv");
    let mut c = cmd(&[
        "import",
        "certifications",
        big_csv.to_str().expect("utf-8"),
        "--data",
        p,
    ]);
    limit_file_size(&mut c, 16 * 1024);
    let o = run_within(c, Duration::from_secs(20));
    let e = stderr(&o);
    // An ordinary error (exit 1), not death by SIGXFSZ (exit 153 from a shell, a signal here).
    assert_eq!(o.status.code(), Some(1), "status {:?}: {e}", o.status);
    assert!(e.contains(p), "{e}");
    assert!(e.contains("File too large"), "{e}");
    assert_eq!(
        std::fs::read(&path).expect("store"),
        store_before,
        "store unchanged"
    );
    assert_eq!(
        std::fs::read(store::backup_path(&path)).expect("bak"),
        bak_before,
        "the older .bak is unchanged to the byte"
    );
    assert_eq!(
        names(dir.path()),
        vec![
            "big.csv",
            "one.csv",
            "scorecard.ron",
            "scorecard.ron.bak",
            "scorecard.ron.lock"
        ],
        "no temp file left"
    );
}

#[test]
fn a_blank_data_variable_counts_as_unset() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut c = cmd(&["report"]);
    c.env("APN_SCORECARD_DATA", "  ")
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .current_dir(home.path());
    let o = run_within(c, Duration::from_secs(10));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    // The default path is used (and does not exist yet), not a file named "  ".
    assert!(
        e.contains("apn-scorecard/scorecard.ron; create one with"),
        "{e}"
    );
    assert!(!home.path().join("  ").exists());
}

#[test]
fn init_on_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8");
    let o = run_within(
        cmd(&[
            "init",
            "--data",
            d,
            "--partner",
            "Acme",
            "--tier",
            "select",
            "--tier-review",
            "2026-01-15",
            "--apn-renewal",
            "2026-04-01",
        ]),
        Duration::from_secs(10),
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "{d}: could not use it as the store: it is a folder; give a file path such as \
             {d}/scorecard.ron"
        )),
        "{e}"
    );
    assert!(!e.contains("already exists"), "{e}");
}
