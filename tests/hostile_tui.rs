//! Hostile input to the dashboard never panics and never corrupts the store: 10,000 random key
//! presses, mouse events, resizes (down to 1x1) and pastes, drawn after every event; and every
//! form field given huge, control, emoji and right-to-left text, odd money and impossible dates.

use apn_scorecard::domain::Store;
use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use apn_scorecard::tui::App;
use apn_scorecard::tui::edit::Target;
use apn_scorecard::tui::keymap::Mode;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::path::{Path, PathBuf};
use tui_input::Input;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn program() -> Program {
    Program::embedded().expect("program")
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    // In memory where available: every save fsyncs three times, which on a disk costs more than
    // the rest of the 10,000 events; durability is tests/kill.rs's business, not this file's.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    store::save(&path, &demo).expect("save demo");
    (dir, path)
}

fn open(path: &Path) -> App {
    let s = store::load(path).expect("the store on disk loads");
    let mut app = App::new(s, program(), today(), today());
    app.attach_file(path.to_path_buf());
    assert!(
        app.persist.read_only.is_none(),
        "{:?}",
        app.persist.read_only
    );
    app
}

/// xorshift64*: reproducible without a crate; the seed is printed on failure via the messages.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const HOSTILE_TEXT: &[&str] = &[
    "Ada Lovelace",
    "😀👩‍👩‍👧‍👦🏳️‍🌈",
    "עִבְרִית مرحبا بالعالم",
    "\u{202e}evil\u{202c}",
    "a\tb\nc\r\u{7}\u{1b}[31m",
    "\u{0}",
    "-12,500.50",
    "0",
    "-0",
    "99999999999999999999",
    "2026-02-30",
    "0000-01-01",
    "+99999d",
    "-2w",
    "today",
    "SAA-C03",
    "yes",
    "Premier",
    "e\u{301}\u{301}\u{301}",
    "\u{fffd}\u{feff}",
];

fn random_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "x".repeat(rng.below(3_000)),
        1 => (0..rng.below(40))
            .filter_map(|_| char::from_u32(rng.below(0x11_0000) as u32))
            .collect(),
        _ => rng.pick(HOSTILE_TEXT).to_string(),
    }
}

fn random_event(rng: &mut Rng, size: (u16, u16)) -> Event {
    // Bound keys most of the time, so forms are opened, filled and saved often.
    const CHARS: &[char] = &[
        'q', 'j', 'k', 'g', 'G', 'l', 'h', '/', 's', 'S', 'w', 't', 'T', 'a', 'e', 'd', 'u', 'b',
        'R', 'P', 'C', '?', '1', '2', '3', '4', 'y', 'n', 'c', 'p', 'x', '0', '-', '.', ' ', 'é',
        '😀', 'م',
    ];
    const CODES: &[KeyCode] = &[
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
        KeyCode::Insert,
        KeyCode::Null,
    ];
    let key = |code, mods| Event::Key(KeyEvent::new(code, mods));
    match rng.below(100) {
        0..=49 => {
            let c = *rng.pick(CHARS);
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            key(KeyCode::Char(c), m)
        }
        50..=74 => key(*rng.pick(CODES), KeyModifiers::NONE),
        75..=79 => {
            // Ctrl-C quits (the test restarts the dashboard); ctrl-r redoes; ctrl-u clears.
            let c = *rng.pick(&['c', 'r', 'u', 'w', 'a', 'e', 'k']);
            key(KeyCode::Char(c), KeyModifiers::CONTROL)
        }
        80..=81 => {
            let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('?');
            let mods = KeyModifiers::from_bits_truncate(rng.below(64) as u8);
            key(KeyCode::Char(c), mods)
        }
        82..=87 => Event::Paste(random_text(rng)),
        88..=91 => {
            const SIZES: &[(u16, u16)] = &[
                (1, 1),
                (2, 1),
                (1, 40),
                (300, 3),
                (20, 5),
                (80, 24),
                (100, 30),
                (160, 50),
            ];
            let (w, h) = *rng.pick(SIZES);
            Event::Resize(w, h)
        }
        92..=97 => {
            let kind = *rng.pick(&[
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
                MouseEventKind::Moved,
            ]);
            Event::Mouse(MouseEvent {
                kind,
                // Sometimes outside the screen: terminals report stale positions after a resize.
                column: rng.below(usize::from(size.0) + 5) as u16,
                row: rng.below(usize::from(size.1) + 5) as u16,
                modifiers: KeyModifiers::NONE,
            })
        }
        _ => Event::FocusLost,
    }
}

/// The store as the file holds it: every list in id order (see `store::to_ron`).
fn by_id(s: &apn_scorecard::domain::Store) -> apn_scorecard::domain::Store {
    let mut s = s.clone();
    s.sort_by_id();
    s
}

/// What a user would see as loss: a dashboard saying all is saved while the file says otherwise.
fn assert_saved(app: &App, path: &Path, when: &str) {
    let disk = store::load(path).unwrap_or_else(|e| panic!("{when}: store no longer loads: {e}"));
    assert_eq!(
        store::check(&disk, &app.program),
        vec![],
        "{when}: store on disk has problems"
    );
    if !app.persist.dirty {
        assert!(
            disk == by_id(&app.store),
            "{when}: clean dashboard differs from disk"
        );
    }
}

fn fuzz(seed: u64, events: usize) {
    let (_dir, path) = setup();
    let mut rng = Rng(seed);
    let mut app = open(&path);
    let mut size = (100u16, 30u16);
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
    let mut restarts = 0;
    let mut saves = 0;
    for i in 0..events {
        // One time in ten, a user who knows the keys: open a tab's add form, paste, save.
        let evs = if rng.below(10) == 0 {
            let tab = *rng.pick(&['2', '3', '4']);
            let ch = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            vec![
                ch(tab),
                ch('a'),
                Event::Paste(random_text(&mut rng)),
                Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            ]
        } else {
            vec![random_event(&mut rng, size)]
        };
        for ev in evs {
            if let Event::Resize(w, h) = ev {
                size = (w, h);
                term.backend_mut().resize(w, h);
            }
            let before = app.history.undo_len();
            app.handle_event(&ev);
            if app.history.undo_len() != before {
                saves += 1;
            }
            term.draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        }
        if app.should_quit {
            // Quit and start again from the file, as a user would.
            assert_saved(&app, &path, &format!("seed {seed} event {i} quit"));
            drop(app);
            app = open(&path);
            restarts += 1;
        }
    }
    assert_saved(&app, &path, &format!("seed {seed} end"));
    // The run must have exercised what it claims to: edits saved to disk, and restarts.
    assert!(saves > 20, "seed {seed}: only {saves} edits");
    assert!(restarts > 0, "seed {seed}: never quit");
}

#[test]
fn ten_thousand_random_events_never_panic_or_lose_the_store() {
    for seed in [0x9e37_79b9_7f4a_7c15, 42, 7_777_777] {
        fuzz(seed, 10_000 / 3 + 1);
    }
}

// ---- Form fields ---------------------------------------------------------------------------

fn all_targets(s: &Store) -> Vec<Target> {
    use apn_scorecard::domain::MetricId;
    let p = s.people.first().expect("a person");
    let c = p.certifications.first().map(|c| c.id);
    let a = p.accreditations.first().map(|a| a.id);
    let x = p.planned_exams.first().map(|x| x.id);
    let mut v = vec![
        Target::Person(None),
        Target::Person(Some(p.id)),
        Target::Certification {
            person: p.id,
            id: None,
        },
        Target::Certification {
            person: p.id,
            id: c,
        },
        Target::Accreditation {
            person: p.id,
            id: None,
        },
        Target::Accreditation {
            person: p.id,
            id: a,
        },
        Target::PlannedExam {
            person: p.id,
            id: None,
        },
        Target::PlannedExam {
            person: p.id,
            id: x,
        },
        Target::Opportunity(None),
        Target::Opportunity(s.opportunities.first().map(|o| o.id)),
        Target::BusinessPlan(None),
        Target::BusinessPlan(s.business_plans.first().map(|b| b.id)),
        Target::Reference(None),
        Target::Reference(s.references.first().map(|r| r.id)),
        Target::Csat(None),
        Target::Csat(s.csat.first().map(|c| c.id)),
        Target::Profile,
        Target::Premier,
    ];
    v.extend(MetricId::ALL.iter().map(|m| Target::Threshold(*m)));
    v
}

fn form_values() -> Vec<String> {
    [
        "😀👩‍👩‍👧‍👦🏳️‍🌈",
        "עִבְרִית مرحبا بالعالم",
        "\u{202e}evil\u{202c}",
        "a\tb\nc\r\u{7}\u{1b}[31m",
        "\u{0}",
        "",
        "0",
        "-1",
        "-0.01",
        "99999999999999999999",
        "2026-02-30",
        "0000-01-01",
        "+99999d",
        "today",
        "yes",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(["A".repeat(100 * 1024), "😀".repeat(25 * 1024)])
    .collect()
}

/// Every field of every form, given every hostile value, saved: either the form stays open with
/// a message on a field, or the change is kept and survives the trip through RON exactly.
/// In memory (no file) so the ~3,000 saves stay fast; tests below check the disk round trip.
#[test]
fn every_form_field_survives_hostile_values_and_what_is_saved_round_trips() {
    let base = apn_scorecard::assets::demo_store(today()).expect("demo");
    let mut app = App::new(base.clone(), program(), today(), today());
    let values = form_values();
    let (mut saved, mut refused) = (0, 0);
    for target in all_targets(&app.store) {
        app.open_form(target);
        let Some(form) = app.form() else {
            panic!("{target:?}: no form opened");
        };
        let nfields = form.fields.len();
        app.overlays.clear();
        for field in 0..nfields {
            for value in &values {
                app.open_form(target);
                assert_eq!(app.mode(), Mode::Form, "{target:?}");
                let Some(form) = app.form_mut() else {
                    panic!("{target:?}: form vanished");
                };
                let label = form.fields[field].label;
                form.fields[field].input = Input::new(value.clone());
                app.handle_event(&Event::Key(KeyEvent::new(
                    KeyCode::Enter,
                    KeyModifiers::NONE,
                )));
                let what = format!("{target:?} field {label:?} = {value:.40?}");
                if app.mode() == Mode::Form {
                    let form = app.form().expect("form open");
                    let errors: Vec<_> =
                        form.fields.iter().filter_map(|f| f.error.clone()).collect();
                    assert!(
                        !errors.is_empty(),
                        "{what}: form kept open without a message"
                    );
                    assert!(
                        errors
                            .iter()
                            .all(|e| !e.is_empty() && e.chars().count() <= 201),
                        "{what}: unhelpful message {errors:.400?}"
                    );
                    refused += 1;
                } else {
                    let text = store::to_ron(&app.store).expect("to_ron");
                    let back = store::parse(&text, Path::new("mem.ron"))
                        .unwrap_or_else(|e| panic!("{what}: saved text does not load: {e}"));
                    assert!(
                        back == by_id(&app.store),
                        "{what}: changed on the way through RON"
                    );
                    assert_eq!(store::check(&back, &app.program), vec![], "{what}");
                    saved += 1;
                    // Back to the demo, so 100 KB names do not pile up.
                    app.store = base.clone();
                    app.history.reset(&app.store);
                }
                app.overlays.clear();
            }
        }
    }
    assert!(
        saved > 50 && refused > 50,
        "saved {saved}, refused {refused}"
    );
}

/// Specific values get the specific answer a user needs.
#[test]
fn impossible_dates_negative_money_and_control_characters_are_refused_by_name() {
    let (_dir, path) = setup();
    let mut app = open(&path);
    let bytes = std::fs::read(&path).expect("read");
    let cases: &[(Target, &str, &str, &str)] = &[
        (
            Target::Reference(None),
            "Approved",
            "2026-02-30",
            "not a date",
        ),
        (
            Target::Reference(None),
            "Approved",
            "0000-01-01",
            "out of range",
        ),
        (Target::Opportunity(None), "MRR", "-5", "cannot be negative"),
        (
            Target::Opportunity(None),
            "MRR",
            "99999999999999999999",
            "too large",
        ),
        (
            Target::Person(None),
            "Name",
            "Ada\u{7}",
            "control characters",
        ),
    ];
    for (target, label, value, expect) in cases {
        app.open_form(*target);
        let form = app.form_mut().expect("form");
        let Some(i) = form.fields.iter().position(|f| f.label.starts_with(label)) else {
            panic!(
                "{target:?} has no field {label}: {:?}",
                form.fields.iter().map(|f| f.label).collect::<Vec<_>>()
            );
        };
        if i != 0 {
            // Fill the required first field so only the hostile one can fail.
            form.fields[0].input = Input::new("Globex".into());
        }
        form.fields[i].input = Input::new(value.to_string());
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        )));
        let form = app.form().expect("form kept open");
        let err = form.fields[i].error.clone().unwrap_or_default();
        assert!(
            err.contains(expect),
            "{target:?} {label}={value:?}: {err:?}"
        );
        assert_eq!(form.fields[i].text(), *value, "typing kept");
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "nothing written"
    );
}

/// Zero money, emoji, right-to-left text and 100 KB names are kept byte for byte.
#[test]
fn unusual_but_valid_values_round_trip_exactly() {
    let (_dir, path) = setup();
    let mut app = open(&path);
    let long = "Ω".repeat(50 * 1024);
    let names = [
        "👩‍💻 Zoë Ångström",
        "עִבְרִית مرحبا",
        "\u{202e}reversed",
        long.as_str(),
    ];
    for name in names {
        app.open_form(Target::Opportunity(None));
        let form = app.form_mut().expect("form");
        form.fields[0].input = Input::new(name.to_string());
        let mrr = form
            .fields
            .iter()
            .position(|f| f.label.starts_with("MRR"))
            .expect("MRR field");
        form.fields[mrr].input = Input::new("0".into());
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE,
        )));
        assert_eq!(
            app.mode(),
            Mode::Normal,
            "{:?}",
            app.form()
                .map(|f| f.fields.iter().map(|f| f.error.clone()).collect::<Vec<_>>())
        );
        let disk = store::load(&path).expect("load");
        let o = disk
            .opportunities
            .iter()
            .find(|o| o.customer == name)
            .unwrap_or_else(|| panic!("{:.20} not on disk", name));
        assert_eq!(o.mrr.cents(), 0);
    }
}

// ---- Quitting, vanished files, locks (issue 12) --------------------------------------------

fn key(app: &mut App, code: KeyCode, m: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, m)));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        let m = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        key(app, KeyCode::Char(c), m);
    }
}

fn add_person(app: &mut App, name: &str) {
    typ(app, "2a");
    assert_eq!(app.mode(), Mode::Form);
    typ(app, name);
    key(app, KeyCode::Enter, KeyModifiers::NONE);
}

/// The recovery files beside the store.
fn recoveries(path: &Path) -> Vec<PathBuf> {
    let dir = path.parent().expect("folder");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("scorecard.ron.recovery-"))
        })
        .collect();
    v.sort();
    v
}

/// The file changes on disk, then six people are added: NOT SAVED. `q` asks; `ctrl-c` there
/// quits, and the six people are in a recovery file the farewell names.
#[test]
fn ctrl_c_at_the_quit_prompt_keeps_unsaved_changes_in_a_recovery_file() {
    let (_d, path) = setup();
    let mut app = open(&path);
    let mut outside = store::load(&path).expect("load");
    outside.profile.partner = "Changed Outside".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &outside).expect("outside save");
    let names: Vec<String> = (1..=6).map(|i| format!("Unsaved Person {i}")).collect();
    for n in &names {
        add_person(&mut app, n);
    }
    assert!(app.status.as_deref().unwrap_or("").contains("NOT SAVED"));
    typ(&mut app, "q");
    assert_eq!(app.mode(), Mode::Confirm, "unsaved changes: q asks");
    // Any answer but "discard" keeps them: n, then Esc, stay in the dashboard.
    typ(&mut app, "n");
    assert!(!app.should_quit);
    typ(&mut app, "q");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!app.should_quit);
    typ(&mut app, "q");
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit, "ctrl-c still quits");
    let msg = apn_scorecard::tui::quit::farewell(&app).expect_err("a forced quit exits non-zero");
    let files = recoveries(&path);
    assert_eq!(files.len(), 1, "{msg}");
    assert!(
        msg.contains(&files[0].display().to_string()),
        "says where: {msg}"
    );
    let rec = store::load(&files[0]).expect("the recovery file is a store");
    for n in &names {
        assert!(rec.people.iter().any(|p| &p.name == n), "{n} recovered");
        assert!(
            !store::load(&path)
                .expect("load")
                .people
                .iter()
                .any(|p| &p.name == n),
            "the changed file was not overwritten"
        );
    }
}

/// `y` at the prompt is the explicit discard: no recovery file, a quiet exit.
#[test]
fn only_the_explicit_discard_answer_drops_unsaved_changes() {
    let (_d, path) = setup();
    let mut app = open(&path);
    let mut outside = store::load(&path).expect("load");
    outside.profile.partner = "Changed Outside".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &outside).expect("outside save");
    add_person(&mut app, "To Be Discarded");
    typ(&mut app, "q");
    assert!(
        app.confirming()
            .expect("asks")
            .question()
            .contains("Discard"),
        "the question names the discard"
    );
    typ(&mut app, "y");
    assert!(app.should_quit);
    assert_eq!(apn_scorecard::tui::quit::farewell(&app), Ok(None));
    assert!(recoveries(&path).is_empty());
}

/// Adds a person named `name` and presses `q`, through `on_event` (not `handle_event`): the
/// save is asked for exactly once and never carried out, as on a stalled disk.
fn add_then_quit_while_the_save_hangs(app: &mut App, name: &str) {
    typ(app, "2a");
    typ(app, name);
    let (_, effects) = app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, apn_scorecard::tui::effect::Effect::Save { .. }))
            .count(),
        1,
        "one save asked for, never answered"
    );
    app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    )));
}

/// A save that never answers (a stalled disk): `q` waits and says so; `q` again quits at once
/// and the change goes to a recovery file.
#[test]
fn quit_again_while_a_save_hangs_quits_with_a_recovery_file() {
    let (_d, path) = setup();
    let mut app = open(&path);
    add_then_quit_while_the_save_hangs(&mut app, "Stuck In Flight");
    assert!(!app.should_quit, "waits for the save");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("Saving") && status.contains("again quits now"),
        "{status}"
    );
    app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    )));
    assert!(app.should_quit, "a second quit does not wait");
    let msg = apn_scorecard::tui::quit::farewell(&app).expect_err("non-zero");
    let files = recoveries(&path);
    assert_eq!(files.len(), 1, "{msg}");
    let rec = store::load(&files[0]).expect("recovery loads");
    assert!(rec.people.iter().any(|p| p.name == "Stuck In Flight"));
}

/// The worker stuck in a write never keeps the dashboard from ending.
#[test]
fn finishing_the_worker_gives_up_on_a_save_that_never_ends() {
    use apn_scorecard::tui::effect::{Effect, Reply, Worker};
    let (_d, path) = setup();
    let mut app = open(&path);
    let (_hold, stall) = std::sync::mpsc::channel::<()>();
    let stall = std::sync::Mutex::new(stall);
    let mut worker = Worker::spawn_with(move |_e: Effect| -> Reply {
        // Blocks until the test ends, like open() on a stalled network mount.
        let _ = stall.lock().map(|r| r.recv());
        Reply::DiskGone
    })
    .expect("worker");
    worker.send(app.tick());
    assert!(worker.busy());
    let (done_tx, done) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let finished = worker.finish(&mut app, std::time::Duration::from_millis(100));
        let _ = done_tx.send(finished);
    });
    let finished = done
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("finish returned instead of waiting forever");
    assert!(!finished, "reports that the job did not end");
}

/// The store is deleted while open: the check shows a banner (reload key first), and the next
/// edit asks before writing the file again; `y` writes it with the edit.
#[test]
fn a_store_deleted_while_open_gets_a_banner_and_the_next_edit_asks() {
    let (_d, path) = setup();
    let mut app = open(&path);
    std::fs::remove_file(&path).expect("delete");
    assert!(app.check_disk(), "the check notices");
    let banner = app.warning.clone().unwrap_or_default();
    assert!(banner.starts_with("R "), "key first: {banner}");
    assert!(banner.contains("gone from disk"), "{banner}");
    add_person(&mut app, "After Deletion");
    assert!(!path.exists(), "not silently recreated");
    let q = app.confirming().expect("asks").question();
    assert!(q.contains("gone from disk") && q.contains("again"), "{q}");
    typ(&mut app, "y");
    let s = store::load(&path).expect("written again");
    assert!(s.people.iter().any(|p| p.name == "After Deletion"));
    assert!(app.warning.is_none(), "{:?}", app.warning);
}

/// Deleted and edited before any check: the save itself refuses to recreate it.
#[test]
fn a_save_never_recreates_a_deleted_store_unasked() {
    let (_d, path) = setup();
    let mut app = open(&path);
    std::fs::remove_file(&path).expect("delete");
    add_person(&mut app, "Edited Blind");
    assert!(!path.exists());
    assert!(
        app.status.as_deref().unwrap_or("").contains("NOT SAVED"),
        "{:?}",
        app.status
    );
    assert!(
        app.warning
            .as_deref()
            .unwrap_or("")
            .contains("gone from disk")
    );
}

/// A read-only dashboard takes the writer lock once the writing one closes: on the periodic
/// check, and on R.
#[test]
fn a_read_only_dashboard_becomes_writable_when_the_writer_closes() {
    for via_reload in [false, true] {
        let (_d, path) = setup();
        let first = open(&path);
        let s = store::load(&path).expect("load");
        let mut second = App::new(s, program(), today(), today());
        second.attach_file(path.clone());
        assert!(second.persist.read_only.is_some());
        second.check_disk();
        assert!(
            second.persist.read_only.is_some(),
            "still locked by the first"
        );
        drop(first);
        if via_reload {
            typ(&mut second, "R");
        } else {
            second.check_disk();
        }
        assert!(second.persist.read_only.is_none(), "via R: {via_reload}");
        assert!(
            second
                .status
                .as_deref()
                .unwrap_or("")
                .contains("now writable"),
            "{:?}",
            second.status
        );
        assert!(second.warning.is_none(), "{:?}", second.warning);
        add_person(&mut second, "Written By The Second");
        let s = store::load(&path).expect("load");
        assert!(s.people.iter().any(|p| p.name == "Written By The Second"));
    }
}

/// After R the cursor stays on the same person even when the entries before it moved.
#[test]
fn after_reload_the_selection_stays_on_the_same_entry() {
    let (_d, path) = setup();
    let mut app = open(&path);
    typ(&mut app, "2jj");
    let kind = apn_scorecard::tui::tables::TableKind::People;
    let chosen = app.detail_person().expect("selected").clone();
    // Someone removes the first person in the file, so every later entry moves up one place.
    assert!(
        app.table(kind).selected_entry() > Some(0),
        "the chosen person is not the first in the file"
    );
    let mut outside = store::load(&path).expect("load");
    outside.people.remove(0);
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &outside).expect("outside save");
    typ(&mut app, "R");
    assert!(app.status.as_deref().unwrap_or("").contains("Reloaded"));
    assert_eq!(app.store.people.len(), outside.people.len());
    let now = app.detail_person().expect("still selected");
    assert_eq!(now.id, chosen.id, "{} vs {}", now.name, chosen.name);
    assert!(app.table(kind).selected < app.table(kind).rows.len());
}

/// Someone deletes the `.lock` sidecar and a second writer takes a new one: this dashboard
/// refuses to save over it.
#[test]
fn a_deleted_lock_file_taken_by_another_writer_stops_saving() {
    let (_d, path) = setup();
    let mut app = open(&path);
    let sidecar = path.with_file_name("scorecard.ron.lock");
    std::fs::remove_file(&sidecar).expect("delete the lock file");
    let _other = store::lock(&path).expect("a second writer gets in");
    let bytes = std::fs::read(&path).expect("read");
    add_person(&mut app, "Must Not Land");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "not written");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("NOT SAVED") && status.contains("lock"),
        "{status}"
    );
}

/// Importing from a FIFO names it and returns at once instead of hanging the dashboard.
#[cfg(unix)]
#[test]
fn importing_from_a_fifo_is_refused_without_blocking() {
    let (d, path) = setup();
    let mut app = open(&path);
    let fifo = d.path().join("people.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    typ(&mut app, "2i");
    assert_eq!(app.mode(), Mode::ImportPath);
    typ(&mut app, &fifo.display().to_string());
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("FIFO"), "{status}");
}

/// A FIFO where `keys.ron` should be: the dashboard starts with the default keys and says why.
#[cfg(unix)]
#[test]
fn a_fifo_as_keys_ron_is_refused_without_blocking() {
    let d = tempfile::tempdir().expect("tempdir");
    let fifo = d.path().join("keys.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (map, warning) = apn_scorecard::tui::run::load_keymap(Some(&fifo));
    let warning = warning.unwrap_or_default();
    assert!(
        warning.contains("FIFO") && warning.contains("default keys"),
        "{warning}"
    );
    assert_eq!(
        map.first_key(Mode::Normal, apn_scorecard::tui::action::Action::Quit),
        apn_scorecard::tui::keymap::Keymap::default()
            .first_key(Mode::Normal, apn_scorecard::tui::action::Action::Quit)
    );
}

/// The texts added here name keys from the keymap: remapped, they follow.
#[test]
fn quit_and_vanished_file_texts_name_the_keys_of_the_keymap() {
    let (_d, path) = setup();
    let mut app = open(&path);
    app.keymap = apn_scorecard::tui::keymap::Keymap::with_overrides(
        r#"{ Normal: { Quit: ["f1"], Reload: ["f8"] } }"#,
    )
    .expect("remap");
    typ(&mut app, "2a");
    typ(&mut app, "Remapped");
    app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::F(1),
        KeyModifiers::NONE,
    )));
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("f1 again quits now"), "{status}");
    let (_d2, other) = setup();
    let mut app = open(&other);
    app.keymap =
        apn_scorecard::tui::keymap::Keymap::with_overrides(r#"{ Normal: { Reload: ["f8"] } }"#)
            .expect("remap");
    std::fs::remove_file(&other).expect("delete");
    app.check_disk();
    let banner = app.warning.clone().unwrap_or_default();
    assert!(banner.starts_with("f8 reloads"), "{banner}");
    assert!(!banner.contains("R reloads"), "{banner}");
}

/// A quit waiting for a save that never ends goes on by itself after the wait, keeping the
/// change in a recovery file.
#[test]
fn a_quit_waiting_on_a_stuck_save_gives_up_after_the_wait() {
    use apn_scorecard::tui::quit::{QuitTimer, SAVE_WAIT};
    use std::time::{Duration, Instant};
    let (_d, path) = setup();
    let mut app = open(&path);
    add_then_quit_while_the_save_hangs(&mut app, "Never Written");
    let mut timer = QuitTimer::default();
    let t0 = Instant::now();
    timer.step(&mut app, t0);
    timer.step(&mut app, t0 + SAVE_WAIT - Duration::from_millis(1));
    assert!(!app.should_quit, "still waiting");
    timer.step(&mut app, t0 + SAVE_WAIT);
    assert!(app.should_quit, "gave up");
    let msg = apn_scorecard::tui::quit::farewell(&app).expect_err("non-zero");
    assert!(msg.contains("did not finish"), "{msg}");
    let files = recoveries(&path);
    assert_eq!(files.len(), 1, "{msg}");
    let rec = store::load(&files[0]).expect("recovery loads");
    assert!(rec.people.iter().any(|p| p.name == "Never Written"));
}
