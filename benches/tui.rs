//! The dashboard at demo, large and xl: start to first frame, drawing each tab, and one key
//! press with its redraw, into a 120x40 `TestBackend`. `cargo bench --bench tui`.

mod common;

use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use apn_scorecard::tui::editing::UNDO_DEPTH;
use apn_scorecard::tui::effect::Worker;
use apn_scorecard::tui::history::{History, Part, Touched};
use apn_scorecard::tui::{App, Tab};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("test terminal")
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
}

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&press(code));
}

/// Counts the bytes allocated less those freed while `COUNTING` is on, to weigh the undo
/// history. Off during the timed benchmarks: a shared counter would slow every allocation.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);

// SAFETY: forwards to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            HELD.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// What 100 undo steps of one-entry edits (a person renamed, as the form does it) cost in
/// memory, against the file and a whole store.
fn undo_memory(app: &mut App, path: &std::path::Path) {
    COUNTING.store(true, Ordering::Relaxed);
    let held = || HELD.load(Ordering::Relaxed);
    let file = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
    let base = held();
    let copy = app.store.clone();
    let store_bytes = held().wrapping_sub(base);
    drop(copy);
    let h0 = held();
    let fresh = History::new(&app.store);
    let current = held().wrapping_sub(h0);
    app.history = fresh;
    let before = held();
    let n = app.store.people.len();
    for i in 0..UNDO_DEPTH {
        let p = &mut app.store.people[(i * 7919) % n];
        p.name = format!("{} {i}", p.name);
        app.commit(format!("rename {i}"));
    }
    let history = held().wrapping_sub(before);
    COUNTING.store(false, Ordering::Relaxed);
    println!(
        "tui/undo_memory/xl: file {:.1} MB, store in memory {:.1} MB, history's shared state \
         {:.1} MB, then {} undo steps {:.1} MB more (whole-store snapshots: {:.0} MB)",
        mb(file),
        mb(store_bytes),
        mb(current),
        app.history.undo_len(),
        mb(history),
        mb(store_bytes * UNDO_DEPTH),
    );
}

fn tui(c: &mut Criterion) {
    let _cache = common::private_cache();
    let program = Program::embedded().expect("embedded program");
    let today = common::today();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("tui");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for (name, s) in common::sizes() {
        // Start to first frame, as `apn-scorecard --data FILE` does it: read and parse the file,
        // the embedded program, the scorecard and tables, one draw.
        let path = dir.path().join(format!("{name}.ron"));
        store::save(&path, &s).expect("write store");
        g.bench_function(BenchmarkId::new("start_to_first_frame", name), |b| {
            b.iter(|| {
                let s = store::load(&path).expect("load");
                let program = Program::embedded().expect("program");
                let app = App::new(s, program, today, today);
                let mut t = terminal();
                draw(&mut t, &app);
                black_box(t.backend().buffer().area.width)
            })
        });

        // The same without the cache: the first start after the file changed.
        g.bench_function(BenchmarkId::new("start_uncached", name), |b| {
            b.iter(|| {
                let text = std::fs::read_to_string(&path).expect("read");
                let s = store::parse(&text, &path).expect("parse");
                let program = Program::embedded().expect("program");
                let app = App::new(s, program, today, today);
                let mut t = terminal();
                draw(&mut t, &app);
                black_box(t.backend().buffer().area.width)
            })
        });

        let mut app = App::new(s, program.clone(), today, today);
        let mut t = terminal();
        for tab in Tab::ALL {
            // By its key, so the Outlook's series are asked for (and computed, in this harness).
            let digit = char::from_digit(tab.index() as u32 + 1, 10).expect("tab key");
            key(&mut app, KeyCode::Char(digit));
            assert_eq!(app.tab, tab);
            let id = format!("render_{}", tab.title().to_lowercase().replace(' ', "_"));
            g.bench_function(BenchmarkId::new(id, name), |b| {
                b.iter(|| draw(&mut t, &app))
            });
        }

        // One key press and the frame it causes. `j` moves the cursor down the people; back to
        // the top at the end so every press moves it.
        app.tab = Tab::Knowledge;
        g.bench_function(BenchmarkId::new("key_move_selection", name), |b| {
            b.iter(|| {
                if app
                    .table(apn_scorecard::tui::tables::TableKind::People)
                    .selected
                    + 1
                    >= app
                        .table(apn_scorecard::tui::tables::TableKind::People)
                        .rows
                        .len()
                {
                    app.tables[0].selected = 0;
                }
                key(&mut app, KeyCode::Char('j'));
                draw(&mut t, &app);
            })
        });

        // One filter keystroke: typing `t` after "ma", then deleting it, alternately; both
        // re-filter every row.
        key(&mut app, KeyCode::Char('/'));
        key(&mut app, KeyCode::Char('m'));
        key(&mut app, KeyCode::Char('a'));
        let mut typed = false;
        g.bench_function(BenchmarkId::new("key_filter", name), |b| {
            b.iter(|| {
                let k = if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('t')
                };
                typed = !typed;
                key(&mut app, k);
                draw(&mut t, &app);
            })
        });
        key(&mut app, KeyCode::Esc);

        g.bench_function(BenchmarkId::new("key_switch_tab", name), |b| {
            b.iter(|| {
                key(&mut app, KeyCode::Tab);
                draw(&mut t, &app);
            })
        });

        // One confirmed edit as the dashboard does it: a person renamed in the form and saved
        // with `enter`, measured from that key to its frame: the change, the undo step, the
        // re-sorted people table, the engine request and the save handed to their threads, the
        // redraw. Opening the form and typing the name are not measured; the engine's counting
        // and the write run on their own threads meanwhile (`engine/recompute`, `engine/save`).
        let edit_path = dir.path().join(format!("{name}-edit.ron"));
        store::save(&edit_path, &app.store).expect("write store");
        app.attach_file(edit_path);
        key(&mut app, KeyCode::Char('2'));
        let mut worker = Worker::spawn().expect("worker");
        let mut round = 0u64;
        g.bench_function(
            BenchmarkId::new("key_edit_saved_in_background", name),
            |b| {
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        round += 1;
                        let (_, fx) = app.on_event(&press(KeyCode::Char('e')));
                        worker.send(fx);
                        for c in format!("Bench Person {round}").chars() {
                            let (_, fx) = app.on_event(&press(KeyCode::Char(c)));
                            worker.send(fx);
                        }
                        let start = Instant::now();
                        let (_, fx) = app.on_event(&press(KeyCode::Enter));
                        worker.send(fx);
                        draw(&mut t, &app);
                        spent += start.elapsed();
                        // What the event loop does between keys; the work runs on.
                        while let Some(r) = worker.try_recv() {
                            let more = app.receive(r);
                            worker.send(more);
                        }
                    }
                    assert!(
                        app.store
                            .people
                            .iter()
                            .any(|p| p.name == format!("Bench Person {round}")),
                        "the form saved the rename"
                    );
                    spent
                })
            },
        );
        worker.settle(&mut app);
        drop(worker);
        app.persist.path = None;

        // The undo step an edit records on the input thread: the shared state against the
        // whole-store copy it replaces.
        g.bench_function(BenchmarkId::new("undo_step_shared", name), |b| {
            b.iter(|| {
                app.store.profile.settings.horizon_days ^= 1;
                app.history.record(&app.store, "toggle".into());
            })
        });
        // The same step when the change names what it touched, as forms and deletes do.
        g.bench_function(BenchmarkId::new("undo_step_touched", name), |b| {
            b.iter(|| {
                app.store.profile.settings.horizon_days ^= 1;
                let touched = Touched {
                    part: Part::Rest,
                    id: None,
                };
                app.history
                    .record_touched(&app.store, "toggle".into(), touched);
            })
        });
        g.bench_function(BenchmarkId::new("undo_step_whole_clone", name), |b| {
            b.iter(|| black_box(app.store.clone()))
        });
        // One merge conflict resolved with its key (`o` in the conflict list), as the event
        // loop does it: `merge::resolve`, the undo step (every entry compared: a resolution does
        // not name one entry), the tables, the engine request handed to its thread, the redraw.
        // The conflict is put back after each press, so each one resolves.
        let base = app.store.clone();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.people[0].name.push_str(" (ours)");
        theirs.people[0].name.push_str(" (theirs)");
        let merged = apn_scorecard::merge::merge(&base, &ours, &theirs).expect("merge");
        let conflict = merged.conflicts[0].clone();
        let mut team = App::new(merged, program.clone(), today, today);
        // Filtered out (`cargo bench -- key_edit`), the benchmark never presses.
        let mut pressed = false;
        let mut engine = Worker::spawn().expect("worker");
        g.bench_function(BenchmarkId::new("key_resolve_conflict", name), |b| {
            b.iter(|| {
                if team.store.conflicts.is_empty() {
                    team.store.conflicts.push(conflict.clone());
                }
                if team.mode() != apn_scorecard::tui::keymap::Mode::Conflicts {
                    key(&mut team, KeyCode::Char('M'));
                }
                let (_, fx) = team.on_event(&press(KeyCode::Char('o')));
                engine.send(fx);
                pressed = true;
                draw(&mut t, &team);
                while let Some(r) = engine.try_recv() {
                    let more = team.receive(r);
                    engine.send(more);
                }
            })
        });
        engine.settle(&mut team);
        drop(engine);
        assert!(
            !pressed || team.store.conflicts.is_empty(),
            "each press resolves"
        );
        drop(team);
        if name == "xl" {
            undo_memory(&mut app, &path);
        }
    }
    g.finish();
}

criterion_group!(benches, tui);
criterion_main!(benches);
