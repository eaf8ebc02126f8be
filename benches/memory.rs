//! Peak memory of the dashboard with a full undo history, against the size of the file:
//! opens a store in the dashboard and makes 100 confirmed edits (each one an undo step), then
//! prints the process's peak resident memory (Linux `VmHWM`). `cargo bench --bench memory`;
//! `APN_BENCH_SIZES=xxl` picks sizes as for the other benchmarks. Not a criterion benchmark: it
//! measures one high-water mark, not a time.

mod common;

use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use apn_scorecard::tui::App;
use apn_scorecard::tui::effect::Worker;

const UNDO_STEPS: usize = 100;

/// Peak resident memory of this process so far, in KiB (`None` off Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let _cache = common::private_cache();
    let today = common::today();
    let dir = tempfile::tempdir().expect("tempdir");
    let sizes = common::sizes();
    // One size per process, so each high-water mark is its own: re-run self for each.
    if let Ok(only) = std::env::var("APN_MEMORY_CHILD") {
        let (name, s) = sizes
            .into_iter()
            .find(|(n, _)| *n == only)
            .expect("known size");
        let path = dir.path().join(format!("{name}.ron"));
        store::save(&path, &s).expect("write store");
        let file = std::fs::metadata(&path).expect("stat").len();
        drop(s);
        let loaded = store::load(&path).expect("load");
        let program = Program::embedded().expect("program");
        let mut app = App::new(loaded, program, today, today);
        let opened = peak_kib().unwrap_or(0);
        for i in 0..UNDO_STEPS {
            // One person renamed per step: the common edit, touching one entry of a big list.
            let n = app.store.people.len().max(1);
            if let Some(p) = app.store.people.get_mut(i % n) {
                p.name = format!("Edited {i}");
            }
            app.commit(format!("edit {i}"));
        }
        assert_eq!(
            app.history.undo_len(),
            UNDO_STEPS,
            "every edit is an undo step"
        );
        let peak = peak_kib().unwrap_or(0);
        // Then as the dashboard runs: each edit's engine request and save carried out on their
        // threads (each builds its own copy of the store from the shared state), ten times.
        app.attach_file(path.clone());
        let mut worker = Worker::spawn().expect("worker");
        for i in 0..10 {
            if let Some(p) = app.store.people.get_mut(i) {
                p.name = format!("Saved {i}");
            }
            app.commit(format!("saved edit {i}"));
            worker.send(app.take_effects());
            worker.settle(&mut app);
        }
        assert!(!app.persist.dirty, "every edit saved");
        let running = peak_kib().unwrap_or(0);
        let mib = |k: u64| k as f64 / 1024.0;
        let x = |k: u64| k as f64 * 1024.0 / file as f64;
        println!(
            "{name}: file {:.1} MiB; peak after opening {:.1} MiB ({:.1}x); with {UNDO_STEPS} undo \
             steps {:.1} MiB ({:.1}x); with saves and engine runs {:.1} MiB ({:.1}x)",
            file as f64 / 1048576.0,
            mib(opened),
            x(opened),
            mib(peak),
            x(peak),
            mib(running),
            x(running),
        );
        return;
    }
    let exe = std::env::current_exe().expect("bench binary");
    for (name, _) in sizes {
        let status = std::process::Command::new(&exe)
            .env("APN_MEMORY_CHILD", name)
            .env("APN_BENCH_SIZES", name)
            .status()
            .expect("run child");
        assert!(status.success(), "{name} failed");
    }
}
