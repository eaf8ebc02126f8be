//! Kill at any moment: a child process saves two large stores in turn as fast as it can and is
//! killed with SIGKILL at a random moment, at least 200 times. After every kill the store and its
//! `.bak` both load, and each is exactly one of the two versions: never a mix, never cut short.
//!
//! Slow in debug builds; run with `cargo test --release --test kill -- --ignored --exact
//! killing_a_saving_process_never_loses_the_store`.

mod common;
mod hygiene;

use apn_scorecard::domain::{Stage, Store, Tier};
use apn_scorecard::store;
use common::{cert, opp, person};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "APN_KILL_CHILD";
const KILLS: usize = 200;

/// A large store: `people` people with three certifications each and one opportunity per two
/// people. `tag` makes two versions of the same size differ in every person's name.
fn large(people: u64, tag: &str) -> Store {
    let mut s = common::store(Tier::Select, "2026-01-15", "2026-04-01");
    for i in 0..people {
        let mut p = person(i + 1, &format!("Person {i} {tag}"));
        p.email = format!("person{i}@example.com");
        for (k, exam) in ["SAA-C03", "CLF-C02", "SAP-C02"].iter().enumerate() {
            let id = 10_000 + i * 3 + k as u64;
            p.certifications.push(cert(id, exam, "2025-03-01"));
        }
        s.people.push(p);
        if i % 2 == 0 {
            s.opportunities.push(opp(
                i + 1,
                &format!("Customer {i} {tag}"),
                Stage::Launched,
                "2026-02-01",
                1_000 + i as i64,
            ));
        }
    }
    s
}

/// The two versions the child alternates between; different sizes, so a torn write of one over
/// the other cannot pass for either.
fn versions() -> (Store, Store) {
    (large(2_000, "old"), large(2_100, "new"))
}

/// Child: save the two versions in turn until killed.
#[test]
#[ignore = "the child process of killing_a_saving_process_never_loses_the_store"]
fn writer_loop() {
    let path = PathBuf::from(hygiene::child_arg(CHILD_ENV));
    let (a, b) = versions();
    println!("READY");
    loop {
        store::save(&path, &a).expect("save a");
        store::save(&path, &b).expect("save b");
    }
}

/// xorshift64*, so a failing run can be repeated from its seed.
fn rng(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect()
}

#[test]
#[ignore = "slow: run in release by .ci/run (cargo test --release --test kill -- --ignored --exact ...)"]
fn killing_a_saving_process_never_loses_the_store() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let (a, b) = versions();
    let (text_a, text_b) = (
        store::to_ron(&a).expect("ron").into_bytes(),
        store::to_ron(&b).expect("ron").into_bytes(),
    );
    for (text, s) in [(&text_a, &a), (&text_b, &b)] {
        let back = store::parse(std::str::from_utf8(text).expect("utf-8"), &path).expect("parse");
        assert!(back == *s, "the text of each version loads as that version");
    }
    store::save(&path, &a).expect("initial save");
    store::save(&path, &a).expect("initial save, for a .bak");
    let exe = std::env::current_exe().expect("test binary");
    let mut seed = std::env::var("APN_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_u64);
    println!("seed {seed}");
    let (mut seen_a, mut seen_b, mut torn_saves) = (0, 0, 0);
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--ignored", "--exact", "writer_loop", "--nocapture"])
            .args(["--test-threads=1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        // Wait until the child is saving, then kill it at a random moment 0-300 ms later.
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines.any(|l| l.is_ok_and(|l| l.contains("READY")));
        assert!(ready, "round {round}: child never got ready");
        let delay = rng(&mut seed) % 300;
        std::thread::sleep(Duration::from_millis(delay));
        if let Some(status) = child.try_wait().expect("try_wait") {
            panic!("round {round}: child stopped by itself ({status}): a save failed");
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        // Byte-equal to one of the two texts (each checked to load as its store, above) is as
        // strong as loading and comparing, and ten times cheaper; a real load every 10th round.
        let version = |p: &Path, what: &str| {
            let bytes = std::fs::read(p)
                .unwrap_or_else(|e| panic!("round {round} ({delay} ms): {what} lost: {e}"));
            if round % 10 == 0 {
                let s = store::load(p)
                    .unwrap_or_else(|e| panic!("round {round}: {what} does not load: {e}"));
                assert!(s == a || s == b, "round {round}: {what} is neither version");
            }
            match (bytes == text_a, bytes == text_b) {
                (true, _) => 'a',
                (_, true) => 'b',
                _ => panic!(
                    "round {round} ({delay} ms): {what} is neither version ({} bytes)",
                    bytes.len()
                ),
            }
        };
        match version(&path, "the store") {
            'a' => seen_a += 1,
            _ => seen_b += 1,
        }
        version(&store::backup_path(&path), "the .bak");
        // A kill between writing the temp file and renaming it leaves the temp file: proof that
        // the kill landed inside a save. Remove it, as the next round starts afresh.
        let tmps = temp_files(dir.path());
        if !tmps.is_empty() {
            torn_saves += 1;
        }
        for t in tmps {
            std::fs::remove_file(t).expect("remove temp");
        }
    }
    println!(
        "{KILLS} kills in {:?}: old {seen_a}, new {seen_b}, killed mid-save {torn_saves}",
        started.elapsed()
    );
    // The kills must have landed at different points: both versions on disk at some kill, and
    // some kills in the middle of writing.
    assert!(seen_a > 0 && seen_b > 0, "old {seen_a}, new {seen_b}");
    assert!(torn_saves > 0, "no kill landed inside a save");
}
