//! Editing through the dashboard: every change is on disk at once, and undo/redo, failures,
//! outside edits and a second instance behave as a user expects.

use apn_scorecard::domain::{Stage, Store, Tier};
use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use apn_scorecard::tui::effect::Worker;
use apn_scorecard::tui::keymap::Mode;
use apn_scorecard::tui::tables::TableKind;
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

/// A temp folder holding the demo store as `scorecard.ron`.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    store::save(&path, &demo).expect("save demo");
    (dir, path)
}

fn open(path: &Path) -> App {
    let s = store::load(path).expect("load");
    let mut app = App::new(s, Program::embedded().expect("program"), today(), today());
    app.attach_file(path.to_path_buf());
    app
}

fn on_disk(path: &Path) -> Store {
    store::load(path).expect("reload from disk")
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        let m = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), m)));
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

#[test]
fn add_person_saves_at_once_and_empty_name_keeps_the_form() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let before = on_disk(&path).people.len();
    typ(&mut a, "2a");
    assert_eq!(a.mode(), Mode::Form);
    let form = a.form().expect("form");
    assert_eq!(form.focus, 0);
    assert_eq!(form.fields[0].label, "Name");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Form, "empty name keeps the form open");
    let err = a.form().expect("form").fields[0].error.clone();
    assert_eq!(err.as_deref(), Some("Name is required"));
    assert_eq!(on_disk(&path).people.len(), before, "nothing written");
    typ(&mut a, "Ada Lovelace");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    let s = on_disk(&path);
    assert_eq!(s.people.len(), before + 1);
    let ada = s
        .people
        .iter()
        .find(|p| p.name == "Ada Lovelace")
        .expect("ada on disk");
    assert!(ada.linked, "default linked");
    assert_eq!(ada.added, Some(today()));
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Added Ada Lovelace")
    );
    assert!(path.with_extension("ron.bak").exists(), "backup kept");
}

#[test]
fn add_opportunity_with_defaults() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "3a");
    assert_eq!(a.form().expect("form").fields[0].label, "Customer");
    typ(&mut a, "Contoso Ltd");
    press(&mut a, KeyCode::Enter);
    let s = on_disk(&path);
    let o = s
        .opportunities
        .iter()
        .find(|o| o.customer == "Contoso Ltd")
        .expect("saved");
    assert_eq!(o.stage, Stage::Prospect);
    assert_eq!(o.mrr.cents(), 0);
}

#[test]
fn delete_confirms_names_the_entry_and_undo_redo_round_trip_on_disk() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "3");
    let i = a
        .table(TableKind::Opportunities)
        .selected_entry()
        .expect("sel");
    let victim = a.store.opportunities[i].clone();
    typ(&mut a, "d");
    assert_eq!(a.mode(), Mode::Confirm);
    let q = a.confirming().expect("pending").question();
    assert!(q.contains(&victim.customer), "{q}");
    typ(&mut a, "n");
    assert_eq!(
        on_disk(&path).opportunities.len(),
        a.store.opportunities.len()
    );
    typ(&mut a, "d");
    press(&mut a, KeyCode::Enter); // default is No
    assert!(
        on_disk(&path)
            .opportunities
            .iter()
            .any(|o| o.id == victim.id)
    );
    typ(&mut a, "dy");
    assert!(
        !on_disk(&path)
            .opportunities
            .iter()
            .any(|o| o.id == victim.id),
        "deleted on disk"
    );
    typ(&mut a, "u");
    let back = on_disk(&path);
    assert_eq!(
        back.opportunities.iter().find(|o| o.id == victim.id),
        Some(&victim),
        "undo restores it exactly"
    );
    ctrl(&mut a, 'r');
    assert!(
        !on_disk(&path)
            .opportunities
            .iter()
            .any(|o| o.id == victim.id),
        "redo deletes again"
    );
}

#[test]
fn duplicate_email_and_ace_id_are_refused_naming_the_existing_entry() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let existing = a
        .store
        .people
        .iter()
        .find(|p| !p.email.is_empty())
        .expect("someone has an email")
        .clone();
    typ(&mut a, "2a");
    typ(&mut a, "Someone Else");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, &existing.email.to_uppercase());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Form);
    let err = a.form().expect("form").fields[1]
        .error
        .clone()
        .unwrap_or_default();
    assert!(err.contains(&existing.name), "{err}");
    assert_eq!(
        a.form().expect("form").fields[0].text(),
        "Someone Else",
        "typing kept"
    );
    press(&mut a, KeyCode::Esc);

    let ace = a
        .store
        .opportunities
        .iter()
        .find(|o| !o.ace_id.is_empty())
        .expect("an ACE id")
        .clone();
    typ(&mut a, "3a");
    typ(&mut a, "Dup Co");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, &ace.ace_id);
    press(&mut a, KeyCode::Enter);
    let err = a.form().expect("form").fields[1]
        .error
        .clone()
        .unwrap_or_default();
    assert!(err.contains(&ace.customer), "{err}");
}

#[test]
fn bad_date_shows_an_error_and_keeps_the_typing() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "4a"); // references
    typ(&mut a, "Globex");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typ(&mut a, "2026-02-30");
    press(&mut a, KeyCode::Enter);
    let f = a.form().expect("form still open");
    assert_eq!(f.fields[3].text(), "2026-02-30");
    assert!(
        f.fields[3]
            .error
            .as_deref()
            .unwrap_or("")
            .contains("not a date")
    );
    assert_eq!(f.fields[0].text(), "Globex");
}

#[test]
fn add_certification_from_the_person_detail_moves_the_numbers() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "2");
    // Pick someone employed and linked with no Pro/Specialty cert.
    let pro_before = a
        .scorecard()
        .and_then(|s| s.row(apn_scorecard::domain::MetricId::CertifiedProSpecialty))
        .expect("row")
        .upgrade
        .value;
    let target = a
        .table(TableKind::People)
        .rows
        .iter()
        .position(|&i| {
            let p = &a.store.people[i];
            p.linked
                && p.left_on.is_none()
                && !p.certifications.iter().any(|c| c.exam.starts_with("SAP"))
        })
        .expect("candidate");
    for _ in 0..target {
        typ(&mut a, "j");
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail);
    typ(&mut a, "c");
    assert_eq!(a.mode(), Mode::Form);
    typ(&mut a, "sap-c02");
    press(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typ(&mut a, "-1d");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail, "back to the person");
    let pro_after = a
        .scorecard()
        .and_then(|s| s.row(apn_scorecard::domain::MetricId::CertifiedProSpecialty))
        .expect("row")
        .upgrade
        .value;
    assert_eq!(pro_after, pro_before + 1, "the number moved");
    let pid = a.detail_person().expect("person").id;
    let disk = on_disk(&path);
    let p = disk.person(pid).expect("person on disk");
    let c = p
        .certifications
        .iter()
        .find(|c| c.exam == "SAP-C02")
        .expect("cert on disk");
    assert_eq!(c.earned, "2026-11-25".parse::<NaiveDate>().expect("d"));
    assert_eq!(c.expiry(), "2029-11-25".parse::<NaiveDate>().expect("d"));
}

#[test]
fn raising_the_tier_records_the_upgrade_date() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "P");
    assert_eq!(a.mode(), Mode::Form);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // Select -> Advanced
    for _ in 0..5 {
        press(&mut a, KeyCode::Tab);
    }
    ctrl(&mut a, 'u');
    typ(&mut a, "2026-11-20");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.mode(),
        Mode::Normal,
        "{:?}",
        a.form()
            .map(|f| f.fields.iter().map(|x| x.error.clone()).collect::<Vec<_>>())
    );
    let s = on_disk(&path);
    assert_eq!(s.profile.tier, Tier::Advanced);
    let change = s.profile.tier_history.last().expect("recorded");
    assert_eq!((change.from, change.to), (Tier::Select, Tier::Advanced));
    assert_eq!(change.date, "2026-11-20".parse::<NaiveDate>().expect("d"));
    let sc = a.scorecard().expect("sc");
    assert_eq!(
        sc.windows.renewal.start, change.date,
        "renewal window restarts at the upgrade"
    );
}

#[test]
fn a_failed_save_keeps_the_change_in_memory_and_quitting_asks() {
    let (dir, path) = setup();
    let mut a = open(&path);
    // Point the dashboard at a file under a regular file: every write fails, even as root.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").expect("blocker");
    a.persist.path = Some(blocker.join("scorecard.ron"));
    a.persist.fingerprint = None;
    typ(&mut a, "2a");
    typ(&mut a, "Grace Hopper");
    press(&mut a, KeyCode::Enter);
    assert!(
        a.store.people.iter().any(|p| p.name == "Grace Hopper"),
        "kept in memory"
    );
    assert!(
        a.status.as_deref().unwrap_or("").contains("NOT SAVED"),
        "{:?}",
        a.status
    );
    assert!(
        a.warning.as_deref().unwrap_or("").contains("Not saved"),
        "{:?}",
        a.warning
    );
    typ(&mut a, "q");
    assert!(!a.should_quit, "asks first");
    assert_eq!(a.mode(), Mode::Confirm);
    typ(&mut a, "n");
    assert!(!a.should_quit);
    typ(&mut a, "q");
    typ(&mut a, "y");
    assert!(a.should_quit);
}

#[test]
fn a_store_changed_on_disk_is_not_overwritten_and_r_reloads() {
    let (_d, path) = setup();
    let mut a = open(&path);
    // Someone edits the file by hand (or git pull).
    let mut outside = on_disk(&path);
    outside.profile.partner = "Renamed Outside".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &outside).expect("outside save");
    let bytes = std::fs::read(&path).expect("read");
    typ(&mut a, "2a");
    typ(&mut a, "Katherine Johnson");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "not overwritten"
    );
    assert!(
        a.warning
            .as_deref()
            .unwrap_or("")
            .contains("changed on disk")
    );
    typ(&mut a, "R");
    assert_eq!(
        a.mode(),
        Mode::Confirm,
        "reload would drop the unsaved change: asks"
    );
    typ(&mut a, "y");
    assert_eq!(a.store.profile.partner, "Renamed Outside");
    assert!(!a.store.people.iter().any(|p| p.name == "Katherine Johnson"));
}

#[test]
fn a_second_instance_is_read_only_and_never_writes() {
    let (_d, path) = setup();
    let first = open(&path);
    let mut second = open(&path);
    assert!(second.persist.read_only.is_some());
    assert!(
        second
            .warning
            .as_deref()
            .unwrap_or("")
            .contains("Read-only")
    );
    let bytes = std::fs::read(&path).expect("read");
    typ(&mut second, "2a");
    assert_eq!(second.mode(), Mode::Normal, "no form in read-only");
    assert!(second.status.as_deref().unwrap_or("").contains("Read-only"));
    typ(&mut second, "dy");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
    drop(first);
}

/// A save the dashboard refuses says why as a variant the caller can branch on, and in the
/// words the status line has always used.
#[test]
fn a_refused_save_names_its_reason() {
    use apn_scorecard::tui::saver::NotSaved;
    let (_d, path) = setup();
    let first = open(&path);
    let mut second = open(&path);
    let bytes = std::fs::read(&path).expect("read");
    let refused = second.persist_now().expect_err("read-only");
    assert!(matches!(refused, NotSaved::ReadOnly), "{refused:?}");
    assert_eq!(refused.to_string(), "read-only");
    assert!(
        !second
            .take_effects()
            .iter()
            .any(|e| matches!(e, apn_scorecard::tui::effect::Effect::Save { .. })),
        "no save asked for"
    );
    drop(first);

    let mut a = open(&path);
    a.persist.gone = true;
    let refused = a.persist_now().expect_err("gone");
    assert!(
        matches!(&refused, NotSaved::Gone(p) if p == &path),
        "{refused:?}"
    );
    assert_eq!(
        refused.to_string(),
        format!("{} is gone from disk", path.display())
    );
    assert_eq!(a.mode(), Mode::Confirm, "asks before writing it again");
    assert!(
        !a.take_effects()
            .iter()
            .any(|e| matches!(e, apn_scorecard::tui::effect::Effect::Save { .. })),
        "no save asked for"
    );
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn after_a_restart_everything_is_as_left() {
    let (_d, path) = setup();
    {
        let mut a = open(&path);
        typ(&mut a, "4");
        typ(&mut a, "l"); // CSAT table
        typ(&mut a, "a");
        typ(&mut a, "Initech");
        press(&mut a, KeyCode::Tab);
        press(&mut a, KeyCode::Tab);
        ctrl(&mut a, 'u');
        typ(&mut a, "4");
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.tab, Tab::Customers);
        typ(&mut a, "q");
        assert!(a.should_quit);
    }
    let a = open(&path);
    let c = a
        .store
        .csat
        .iter()
        .find(|c| c.customer == "Initech")
        .expect("kept");
    assert_eq!(c.rating, 4);
    assert_eq!(c.date, today());
}

#[test]
fn a_holding_is_edited_and_deleted_from_the_person_detail() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "2");
    let row = a
        .table(TableKind::People)
        .rows
        .iter()
        .position(|&i| a.store.people[i].certifications.len() >= 2)
        .expect("someone with two certifications");
    for _ in 0..row {
        typ(&mut a, "j");
    }
    press(&mut a, KeyCode::Enter);
    let pid = a.detail_person().expect("person").id;
    let second = a.store.person(pid).expect("p").certifications[1].clone();
    typ(&mut a, "j"); // second holding
    typ(&mut a, "e");
    assert_eq!(a.form().expect("form").fields[0].text(), second.exam);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typ(&mut a, "2030-01-01");
    press(&mut a, KeyCode::Enter);
    let disk = on_disk(&path);
    let c = disk
        .person(pid)
        .and_then(|p| p.certifications.iter().find(|c| c.id == second.id))
        .expect("still there");
    assert_eq!(
        c.expires,
        "2030-01-01".parse().ok(),
        "imported-style expiry wins"
    );
    typ(&mut a, "d");
    assert!(
        a.confirming()
            .expect("asks")
            .question()
            .contains(&second.exam)
    );
    typ(&mut a, "y");
    let disk = on_disk(&path);
    assert!(
        !disk
            .person(pid)
            .expect("p")
            .certifications
            .iter()
            .any(|c| c.id == second.id),
        "deleted on disk"
    );
    assert!(disk.person(pid).is_some(), "the person stays");
}

#[test]
fn e_on_an_overview_row_overrides_its_threshold() {
    let (_d, path) = setup();
    let mut a = open(&path);
    for _ in 0..6 {
        typ(&mut a, "j"); // launched_opportunities
    }
    typ(&mut a, "e");
    assert_eq!(a.mode(), Mode::Form);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "15");
    press(&mut a, KeyCode::Enter);
    let sc = a.scorecard().expect("sc");
    let row = sc
        .row(apn_scorecard::domain::MetricId::LaunchedOpportunities)
        .expect("row");
    assert_eq!(row.upgrade.required, 15);
    let disk = on_disk(&path);
    assert_eq!(disk.threshold_overrides.len(), 1);
    assert_eq!(disk.threshold_overrides[0].tier, Tier::Advanced);
    assert_eq!(disk.threshold_overrides[0].value, 15);
}

#[test]
fn b_re_validates_the_business_plan_and_the_renewal_row_moves() {
    use apn_scorecard::domain::MetricId;
    let (_d, path) = setup();
    let mut a = open(&path);
    let plan_row = |a: &App| {
        a.scorecard()
            .and_then(|s| s.row(MetricId::BusinessPlan).cloned())
            .expect("row")
    };
    assert_eq!(
        plan_row(&a).renewal.value,
        0,
        "demo plan predates the renewal window"
    );
    typ(&mut a, "b");
    assert_eq!(a.mode(), Mode::Form);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    typ(&mut a, "b");
    press(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typ(&mut a, "today");
    press(&mut a, KeyCode::Enter);
    assert_eq!(plan_row(&a).renewal.value, 1);
    let disk = on_disk(&path);
    assert_eq!(
        disk.current_business_plan().and_then(|b| b.validated_on),
        Some(today())
    );
}

#[test]
fn i_imports_a_csv_after_a_preview_and_u_undoes_it() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    let before = on_disk(&path).opportunities.len();
    typ(&mut a, "3i");
    assert_eq!(a.mode(), Mode::ImportPath);
    // A file with bad rows: nothing imported, the rows listed; esc goes back to the prompt,
    // which keeps the path.
    let bad = format!("{fixtures}/opportunities_bad.csv");
    typ(&mut a, &bad);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::ImportErrors, "{:?}", a.status);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::ImportPath);
    assert_eq!(a.input().map(|i| i.value()), Some(bad.as_str()));
    ctrl(&mut a, 'u');
    typ(&mut a, &format!("{fixtures}/opportunities.csv"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Confirm, "preview first: {:?}", a.status);
    let q = a.confirming().expect("preview").question();
    assert!(q.contains("Acme Corp"), "{q}");
    assert_eq!(
        on_disk(&path).opportunities.len(),
        before,
        "nothing written before y"
    );
    typ(&mut a, "y");
    let after = on_disk(&path);
    assert!(after.opportunities.len() > before);
    assert!(after.opportunities.iter().any(|o| o.ace_id == "O1000001"));
    typ(&mut a, "u");
    assert_eq!(
        on_disk(&path).opportunities.len(),
        before,
        "one undo takes the whole import back"
    );
}

/// Drives `app` as the event loop does: effects go to the worker thread, replies come back.
fn key_via(app: &mut App, worker: &mut Worker, code: KeyCode, mods: KeyModifiers) {
    let (_, effects) = app.on_event(&Event::Key(KeyEvent::new(code, mods)));
    worker.send(effects);
}

fn typ_via(app: &mut App, worker: &mut Worker, s: &str) {
    for c in s.chars() {
        let m = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        key_via(app, worker, KeyCode::Char(c), m);
    }
}

/// The dashboard saves off the input thread; every change still reaches the disk, in order.
#[test]
fn background_saves_land_in_order_and_quit_waits_for_them() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let mut w = Worker::spawn().expect("worker thread");
    typ_via(&mut a, &mut w, "2");
    for (i, name) in ["Ann One", "Bob Two", "Cy Three"].into_iter().enumerate() {
        typ_via(&mut a, &mut w, "a");
        typ_via(&mut a, &mut w, name);
        key_via(&mut a, &mut w, KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(a.mode(), Mode::Normal);
        // The key returns before the write: the save is in flight, later edits queue behind it.
        assert!(a.persist.in_flight, "save {i} handed to the writer");
        assert_eq!(a.persist.queued, i > 0, "edit {i} queued");
    }
    typ_via(&mut a, &mut w, "q");
    w.settle(&mut a);
    assert!(a.should_quit, "nothing failed: quits after the saves land");
    assert!(!a.persist.in_flight && !a.persist.dirty);
    let disk = on_disk(&path);
    for name in ["Ann One", "Bob Two", "Cy Three"] {
        assert!(disk.people.iter().any(|p| p.name == name), "{name} saved");
    }
    // The fingerprint is ours: a further edit is not mistaken for an outside change.
    drop(a);
    let mut b = open(&path);
    for name in ["Dee Four", "Eve Five"] {
        typ_via(&mut b, &mut w, "2a");
        typ_via(&mut b, &mut w, name);
        key_via(&mut b, &mut w, KeyCode::Enter, KeyModifiers::NONE);
        w.settle(&mut b);
    }
    assert!(b.warning.is_none(), "{:?}", b.warning);
    let disk = on_disk(&path);
    assert!(disk.people.iter().any(|p| p.name == "Eve Five"));
}

#[test]
fn a_background_save_that_fails_is_reported_and_kept_in_memory() {
    let (dir, path) = setup();
    let mut a = open(&path);
    let mut w = Worker::spawn().expect("worker thread");
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").expect("blocker");
    a.persist.path = Some(blocker.join("scorecard.ron"));
    a.persist.fingerprint = None;
    typ_via(&mut a, &mut w, "2a");
    typ_via(&mut a, &mut w, "Grace Hopper");
    key_via(&mut a, &mut w, KeyCode::Enter, KeyModifiers::NONE);
    w.settle(&mut a);
    assert!(
        a.warning.as_deref().unwrap_or("").contains("Not saved"),
        "{:?}",
        a.warning
    );
    assert!(
        a.status.as_deref().unwrap_or("").contains("NOT SAVED"),
        "{:?}",
        a.status
    );
    assert!(a.store.people.iter().any(|p| p.name == "Grace Hopper"));
    typ_via(&mut a, &mut w, "q");
    w.settle(&mut a);
    assert!(!a.should_quit, "asks before dropping the unsaved change");
}

#[test]
fn undo_keeps_the_last_hundred_changes() {
    use apn_scorecard::tui::editing::UNDO_DEPTH;
    let (_d, path) = setup();
    let mut a = open(&path);
    a.persist.path = None; // in memory: this test is about the history, not the disk
    typ(&mut a, "2");
    for i in 0..UNDO_DEPTH + 5 {
        typ(&mut a, "a");
        typ(&mut a, &format!("Person {i}"));
        press(&mut a, KeyCode::Enter);
    }
    assert_eq!(a.history.undo_len(), UNDO_DEPTH);
    for _ in 0..UNDO_DEPTH {
        typ(&mut a, "u");
    }
    assert!(
        a.store.people.iter().any(|p| p.name == "Person 4"),
        "the oldest steps are kept"
    );
    assert!(!a.store.people.iter().any(|p| p.name == "Person 5"));
    typ(&mut a, "u");
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Nothing to undo")
    );
}

#[test]
fn an_outside_edit_is_noticed_while_the_dashboard_sits_open() {
    let (_d, path) = setup();
    let mut a = open(&path);
    assert!(!a.check_disk(), "nothing changed yet");
    let mut outside = on_disk(&path);
    outside.profile.partner = "Pulled From Git".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &outside).expect("outside save");
    assert!(a.check_disk(), "noticed");
    assert!(
        a.warning
            .as_deref()
            .unwrap_or("")
            .contains("changed on disk"),
        "{:?}",
        a.warning
    );
    assert!(!a.check_disk(), "warned once");
    typ(&mut a, "R");
    assert_eq!(a.mode(), Mode::Normal, "nothing unsaved: reloads at once");
    assert_eq!(a.store.profile.partner, "Pulled From Git");
    assert!(!a.check_disk());
}

#[test]
fn person_keys_do_nothing_in_an_opportunity_detail() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "3");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail);
    typ(&mut a, "c");
    assert_eq!(
        a.mode(),
        Mode::Detail,
        "no certification form for an opportunity"
    );
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("t");
    term.draw(|f| f.render_widget(&a, f.area())).expect("draw");
    let buf = term.backend().buffer().clone();
    let last: String = (0..120)
        .map(|x| buf[(x, 29)].symbol().to_string())
        .collect();
    assert!(!last.contains("+cert"), "{last}");
    assert!(last.contains("edit"), "{last}");
}

/// `update` does no I/O: an edit, a save's answer, an import preview and a quit run against a
/// path that does not exist, with every file step an effect the test answers itself.
#[test]
fn key_paths_ask_for_file_work_as_effects_and_touch_no_file() {
    use apn_scorecard::tui::action::Action;
    use apn_scorecard::tui::effect::{Effect, Reply};
    use apn_scorecard::tui::import_job::ImportReadError;
    use apn_scorecard::tui::saver::Outcome;
    let nowhere = PathBuf::from("/nonexistent-apn-scorecard-dir/scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    let mut a = App::new(
        demo,
        Program::embedded().expect("program"),
        today(),
        today(),
    );
    a.persist.path = Some(nowhere.clone());
    let key = |a: &mut App, c: char| {
        a.on_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
        .1
    };
    for c in "2a".chars() {
        assert!(key(&mut a, c).is_empty());
    }
    a.on_event(&Event::Paste("Ada Effect".into()));
    let effects = a.update(Action::AcceptInput);
    // The save, and the engine's recount of the new state (both off the input thread).
    let [Effect::Engine(job), Effect::Save { path, state, .. }] = effects.as_slice() else {
        panic!("one recount and one save asked for: {effects:?}");
    };
    assert!(job.state.same(state), "the engine counts what is saved");
    assert_eq!(path, &nowhere);
    assert!(
        state
            .to_store()
            .people
            .iter()
            .any(|p| p.name == "Ada Effect")
    );
    assert!(a.persist.in_flight && a.persist.dirty);
    // A quit while the save is under way waits for it, then goes on.
    assert!(key(&mut a, 'q').is_empty());
    assert!(!a.should_quit, "waits for the save");
    assert!(a.receive(Reply::Saved(Outcome::Saved(None))).is_empty());
    assert!(a.should_quit, "quits once the save landed");
    assert!(!a.persist.dirty);

    // The import prompt asks for the file to be read; the preview follows the reply.
    a.should_quit = false;
    for c in "3i".chars() {
        key(&mut a, c);
    }
    a.on_event(&Event::Paste("opps.csv".into()));
    let effects = a.update(Action::AcceptInput);
    assert!(
        matches!(effects.as_slice(), [Effect::ReadImport { path, .. }] if path.ends_with("opps.csv")),
        "{effects:?}"
    );
    assert_eq!(a.mode(), Mode::ImportPath, "waits for the file");
    // The test plays the worker: the same effect, pointed at a fixture, read and planned here.
    let Some(Effect::ReadImport {
        kind,
        state,
        program,
        today,
        ..
    }) = effects.into_iter().next()
    else {
        panic!("one read asked for");
    };
    let fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/opportunities.csv"
    ));
    let reply = apn_scorecard::tui::effect::perform(Effect::ReadImport {
        path: fixture,
        kind,
        state: state.clone(),
        program,
        today,
    });
    assert!(a.receive(reply).is_empty());
    assert_eq!(a.mode(), Mode::Confirm);
    let q = a.confirming().expect("preview").question();
    assert!(q.contains("Acme Corp"), "{q}");
    let effects = a.update(Action::Confirm);
    assert!(
        matches!(effects.as_slice(), [Effect::Engine(_), Effect::Save { .. }]),
        "{effects:?}"
    );
    assert!(a.store.opportunities.iter().any(|o| o.ace_id == "O1000001"));
    // A file that cannot be read keeps the prompt open with the reason.
    for c in "i".chars() {
        key(&mut a, c);
    }
    let reply = Reply::ImportRead {
        path: "gone.csv".into(),
        kind,
        state: a.history.current().clone(),
        result: Err(ImportReadError::Read {
            path: "gone.csv".into(),
            cause: std::io::ErrorKind::NotFound.into(),
        }),
    };
    a.receive(reply);
    assert_eq!(a.mode(), Mode::ImportPath);
    assert!(a.status.as_deref().unwrap_or("").contains("gone.csv"));
}

/// A reload asked for while a save is under way waits for the save, then reloads what it wrote.
#[test]
fn a_reload_during_a_save_waits_for_it() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let mut w = Worker::spawn().expect("worker thread");
    typ_via(&mut a, &mut w, "2a");
    typ_via(&mut a, &mut w, "Rita Reload");
    key_via(&mut a, &mut w, KeyCode::Enter, KeyModifiers::NONE);
    assert!(a.persist.in_flight);
    typ_via(&mut a, &mut w, "R");
    assert_eq!(
        a.mode(),
        Mode::Normal,
        "no question: the change is being saved"
    );
    w.settle(&mut a);
    assert!(
        a.status.as_deref().unwrap_or("").starts_with("Reloaded"),
        "{:?}",
        a.status
    );
    assert!(a.store.people.iter().any(|p| p.name == "Rita Reload"));
    assert!(!a.persist.dirty);
}
