//! Two writers: the writer lock holds across processes. While one process holds it, a dashboard
//! in another opens read-only with a clear message and never writes; a killed writer's lock goes
//! with it (the OS releases it), so a crash never leaves a store locked for good.
//! Children are this test binary re-run on one ignored test (the `*_child` tests below).

mod hygiene;

use apn_scorecard::scoring::Program;
use apn_scorecard::store::{self, StoreError};
use apn_scorecard::tui::App;
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CHILD_ENV: &str = "APN_WRITERS_CHILD";

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    store::save(&path, &demo).expect("save demo");
    (dir, path)
}

fn child(test: &str, path: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("test binary"));
    c.args([
        "--ignored",
        "--exact",
        test,
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, path);
    c
}

fn run_child(test: &str, path: &Path) -> String {
    let out = child(test, path).output().expect("run child");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{test} failed:\n{text}");
    assert!(text.contains("1 passed"), "{test} did not run:\n{text}");
    text
}

#[test]
fn a_dashboard_in_another_process_is_read_only_while_the_lock_is_held() {
    let (_dir, path) = setup();
    let held = store::lock(&path).expect("first writer");
    let bytes = std::fs::read(&path).expect("read");
    let out = run_child("refused_child", &path);
    assert!(out.contains("REFUSED:"), "{out}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "never written");
    drop(held);
    // Once the first writer is gone, the next one gets the lock and saves.
    let out = run_child("writer_child", &path);
    assert!(out.contains("SAVED"), "{out}");
    let disk = store::load(&path).expect("load");
    assert!(disk.people.iter().any(|p| p.name == "Second Process"));
}

/// Child: another process holds the lock.
#[test]
#[ignore = "child of a_dashboard_in_another_process_is_read_only_while_the_lock_is_held"]
fn refused_child() {
    let path = PathBuf::from(hygiene::child_arg(CHILD_ENV));
    match store::lock(&path) {
        Err(e @ StoreError::Locked { .. }) => {
            let shown = e.to_string();
            assert!(shown.contains(&path.display().to_string()), "{shown}");
            assert!(shown.contains("another apn-scorecard"), "{shown}");
            println!("REFUSED: {shown}");
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    let mut app = open(&path);
    assert!(app.persist.read_only.is_some());
    assert!(app.warning.as_deref().unwrap_or("").contains("Read-only"));
    for c in ['2', 'a'] {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    assert!(app.form().is_none(), "no form in read-only");
    assert!(app.status.as_deref().unwrap_or("").contains("Read-only"));
}

/// Child: the lock is free; take it and save a change.
#[test]
#[ignore = "child of a_dashboard_in_another_process_is_read_only_while_the_lock_is_held"]
fn writer_child() {
    let path = PathBuf::from(hygiene::child_arg(CHILD_ENV));
    let mut app = open(&path);
    assert!(
        app.persist.read_only.is_none(),
        "{:?}",
        app.persist.read_only
    );
    for c in ['2', 'a'] {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    app.handle_event(&Event::Paste("Second Process".into()));
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    assert!(!app.persist.dirty, "{:?}", app.warning);
    println!("SAVED");
}

fn open(path: &Path) -> App {
    let s = store::load(path).expect("load");
    let mut app = App::new(s, Program::embedded().expect("program"), today(), today());
    app.attach_file(path.to_path_buf());
    app
}

#[test]
fn a_killed_writer_releases_its_lock() {
    let (_dir, path) = setup();
    let mut holder = child("holder_child", &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = holder.stdout.take().expect("stdout");
    let locked = BufReader::new(stdout)
        .lines()
        .any(|l| l.is_ok_and(|l| l.contains("LOCKED")));
    assert!(locked, "child never took the lock");
    assert!(
        matches!(store::lock(&path), Err(StoreError::Locked { .. })),
        "held by the child"
    );
    holder.kill().expect("SIGKILL");
    holder.wait().expect("reap");
    store::lock(&path).expect("free again after the holder died");
}

/// Child: take the lock and hold it until killed.
#[test]
#[ignore = "child of a_killed_writer_releases_its_lock"]
fn holder_child() {
    let path = PathBuf::from(hygiene::child_arg(CHILD_ENV));
    let _lock = store::lock(&path).expect("lock");
    println!("LOCKED");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}
