//! The dashboard on a store a team shares (issue 10): merge conflicts written by the real merge
//! code are listed and resolved with keys, each choice saved and undoable; a store with duplicate
//! ids opens read-only and says why; edits and deletes reach exactly one entry.

use apn_scorecard::domain::{Money, Store};
use apn_scorecard::scoring::Program;
use apn_scorecard::tui::edit::{self, Target};
use apn_scorecard::tui::keymap::{Keymap, Mode};
use apn_scorecard::tui::ui::theme::Theme;
use apn_scorecard::tui::{App, Tab};
use apn_scorecard::{merge, store};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn demo() -> Store {
    apn_scorecard::assets::demo_store(today()).expect("demo store")
}

/// The demo as the base, two copies edited apart, and the real three-way merge of them:
/// person 0 renamed on both sides, opportunity 0's MRR changed on both sides, person 2 deleted
/// on ours and given a new email on theirs. Three conflicts.
fn merged() -> Store {
    let base = demo();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.people[0].name = "Ana Ours".into();
    theirs.people[0].name = "Ana Theirs".into();
    ours.opportunities[0].mrr = Money::from_dollars(1_111);
    theirs.opportunities[0].mrr = Money::from_dollars(2_222);
    ours.people.remove(2);
    theirs.people[2].email = "moved@example.com".into();
    let m = merge::merge(&base, &ours, &theirs).expect("merge");
    assert_eq!(m.conflicts.len(), 3, "{:#?}", m.conflicts);
    m
}

fn saved(s: &Store) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, s).expect("save");
    (dir, path)
}

fn open(path: &Path) -> App {
    let s = store::load(path).expect("load");
    let mut app = App::new(s, Program::embedded().expect("program"), today(), today());
    app.theme = Theme::plain();
    app.attach_file(path.to_path_buf());
    app
}

fn on_disk(path: &Path) -> Store {
    store::load(path).expect("read back")
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

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

/// Moves the conflict list's cursor to the conflict whose place ends with `tail`.
fn select(app: &mut App, tail: &str) {
    let at = app
        .store
        .conflicts
        .iter()
        .position(|c| c.place.ends_with(tail))
        .unwrap_or_else(|| panic!("no conflict at {tail}: {:#?}", app.store.conflicts));
    typ(app, &"k".repeat(app.store.conflicts.len()));
    typ(app, &"j".repeat(at));
    assert_eq!(app.conflict_sel(), at);
}

#[test]
fn conflicts_are_listed_resolved_with_keys_saved_and_undone() {
    let m = merged();
    let (ana, opp) = (m.people[0].id, m.opportunities[0].id);
    let gone = demo().people[2].clone();
    let (_d, path) = saved(&m);
    let mut a = open(&path);

    // The banner: the key first, then how many.
    let screen = draw(&a, 100, 30);
    assert!(
        screen.contains("M resolve · 3 open conflicts from a merge"),
        "{screen}"
    );
    // The rest of the dashboard still works, edits included.
    typ(&mut a, "3");
    assert_eq!(a.tab, Tab::Experience);
    typ(&mut a, "1");

    typ(&mut a, "M");
    assert_eq!(a.mode(), Mode::Conflicts);
    let screen = draw(&a, 120, 40);
    for seen in [
        "person Ana Ours",
        "Ana Theirs",
        "1111.00",
        "2222.00",
        "(deleted)",
        "whole entry",
        "Merge conflicts · 1 of 3",
    ] {
        assert!(screen.contains(seen), "{seen:?} not shown:\n{screen}");
    }

    // Theirs for the name: saved at once, one conflict fewer on disk.
    select(&mut a, &format!("people[id={ana}].name"));
    typ(&mut a, "t");
    let s = on_disk(&path);
    assert_eq!(s.conflicts.len(), 2);
    assert_eq!(
        s.people
            .iter()
            .find(|p| p.id == ana)
            .map(|p| p.name.as_str()),
        Some("Ana Theirs")
    );
    assert!(
        status(&a)
            .contains("Kept theirs for person Ana Ours · name: Ana Theirs (2 conflicts left)"),
        "{}",
        status(&a)
    );
    assert_eq!(
        a.mode(),
        Mode::Conflicts,
        "the list stays open while any is left"
    );

    // Ours for the MRR: the store already holds ours; the conflict goes.
    select(&mut a, &format!("opportunities[id={opp}].mrr"));
    typ(&mut a, "o");
    let s = on_disk(&path);
    assert_eq!(s.conflicts.len(), 1);
    let mrr = |s: &Store| {
        s.opportunities
            .iter()
            .find(|o| o.id == opp)
            .map(|o| o.mrr.cents())
    };
    assert_eq!(mrr(&s), Some(111_100));

    // Undo brings the MRR conflict back, on disk too.
    typ(&mut a, "u");
    let s = on_disk(&path);
    assert_eq!(s.conflicts.len(), 2);
    assert!(s.conflicts.iter().any(|c| c.place.ends_with(".mrr")));
    assert!(
        a.team_banner()
            .is_some_and(|b| b.starts_with("M resolve · 2 open conflicts"))
    );

    // Theirs for the MRR, then theirs for the person deleted on our side: kept, with their edit.
    select(&mut a, ".mrr");
    typ(&mut a, "t");
    assert_eq!(mrr(&on_disk(&path)), Some(222_200));
    select(&mut a, &format!("people[id={}]", gone.id));
    typ(&mut a, "t");
    let s = on_disk(&path);
    assert!(s.conflicts.is_empty());
    let back = s.people.iter().find(|p| p.id == gone.id).expect("kept");
    assert_eq!(back.email, "moved@example.com");
    assert_eq!(back.name, gone.name);
    // None left: the list closes and the banner goes; the store is valid.
    assert_eq!(a.mode(), Mode::Normal);
    assert!(status(&a).contains("(no conflicts left)"), "{}", status(&a));
    assert!(!draw(&a, 100, 30).contains("open conflict"));
    let program = Program::embedded().expect("program");
    assert!(store::check(&s, &program).is_empty());
    assert!(merge::findings(&s).is_empty());
}

#[test]
fn deleting_an_entry_the_other_side_edited_keeps_or_drops_it_whole() {
    let m = merged();
    let gone = demo().people[2].id;
    let (_d, path) = saved(&m);
    let mut a = open(&path);
    typ(&mut a, "M");
    select(&mut a, &format!("people[id={gone}]"));
    typ(&mut a, "o");
    let s = on_disk(&path);
    assert!(s.people.iter().all(|p| p.id != gone), "ours deleted it");
    assert_eq!(s.people.len(), m.people.len() - 1);
    assert_eq!(s.conflicts.len(), 2);
    assert!(
        status(&a).contains(" · whole entry: (deleted) (2 conflicts left)"),
        "{}",
        status(&a)
    );
}

#[test]
fn no_conflicts_no_banner_and_the_key_says_so() {
    let (_d, path) = saved(&demo());
    let mut a = open(&path);
    assert!(a.team_banner().is_none());
    typ(&mut a, "M");
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(status(&a), "No open merge conflicts");
}

/// The demo with two people sharing an id, as a hand edit or a merge of old copies leaves it.
fn with_duplicate_ids() -> (Store, u64, [String; 2]) {
    let mut s = demo();
    let id = s.people[0].id;
    s.people[1].id = id;
    let names = [s.people[0].name.clone(), s.people[1].name.clone()];
    (s, id, names)
}

#[test]
fn duplicate_ids_open_read_only_with_a_banner_and_every_edit_key_says_why() {
    let (s, id, [n0, n1]) = with_duplicate_ids();
    let (_d, path) = saved(&s);
    let bytes = std::fs::read(&path).expect("read");
    let mut a = open(&path);
    let banner = a.team_banner().expect("banner");
    assert!(
        banner.starts_with("`apn-scorecard validate --fix` repairs, R reloads · read-only:"),
        "{banner}"
    );
    assert!(
        banner.contains(&format!("2 people share id {id}: {n0}, {n1}")),
        "{banner}"
    );
    assert!(draw(&a, 100, 30).contains("validate --fix"));

    let why = format!("Read-only: 2 people share id {id}: {n0}, {n1}");
    // Every key that changes the store: add, edit, delete, undo, redo, import, the forms of
    // the profile, business plan and Premier checklist, a threshold, a person's holdings.
    let redo = Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    for k in [
        "2a", "2e", "2d", "3a", "3d", "4e", "u", "redo", "2i", "P", "b", "C", "1e",
    ] {
        a.status = None;
        if k == "redo" {
            a.handle_event(&redo);
        } else {
            typ(&mut a, k);
        }
        assert_eq!(a.mode(), Mode::Normal, "{k:?} opened something");
        assert!(status(&a).starts_with(&why), "{k:?}: {}", status(&a));
        assert!(
            status(&a).contains("validate --fix") && status(&a).contains("R reloads"),
            "{k:?}: {}",
            status(&a)
        );
    }
    // A person's detail: +cert refused too.
    typ(&mut a, "2");
    press(&mut a, KeyCode::Enter);
    a.status = None;
    typ(&mut a, "c");
    assert_eq!(a.mode(), Mode::Detail);
    assert!(status(&a).starts_with(&why), "{}", status(&a));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "nothing written"
    );
}

#[test]
fn reload_finds_duplicate_ids_and_a_repaired_file_opens_for_edits_again() {
    let (_d, path) = saved(&demo());
    let mut a = open(&path);
    assert!(a.team_banner().is_none());
    // A hand edit (or a merge by hand) leaves a duplicate: R shows it and edits stop.
    let (dup, id, _) = with_duplicate_ids();
    store::save(&path, &dup).expect("save");
    typ(&mut a, "R");
    assert!(
        a.team_banner()
            .is_some_and(|b| b.contains(&format!("share id {id}"))),
        "{:?}",
        a.team_banner()
    );
    typ(&mut a, "2a");
    assert_eq!(a.mode(), Mode::Normal);
    // `validate --fix` repairs it; R again and edits work.
    let (fixed, lines) = merge::plan_fix(&dup);
    assert_eq!(lines.len(), 1, "{lines:?}");
    store::save(&path, &fixed).expect("save");
    typ(&mut a, "R");
    assert!(a.team_banner().is_none());
    typ(&mut a, "2a");
    assert_eq!(a.mode(), Mode::Form);
}

#[test]
fn edit_and_delete_never_reach_two_entries_sharing_an_id() {
    let (mut s, id, _) = with_duplicate_ids();
    let n = s.people.len();
    // By the id the two share: nothing, rather than both or the wrong one.
    assert!(!edit::exact(&s, Target::Person(Some(id))));
    assert!(!edit::delete(&mut s, Target::Person(Some(id))));
    assert_eq!(s.people.len(), n);
    // A holding of either of them: its person is not one entry, so it is refused too.
    let cert = s.people[1].certifications.first().map(|c| c.id);
    if let Some(cert) = cert {
        let t = Target::Certification {
            person: id,
            id: Some(cert),
        };
        assert!(!edit::exact(&s, t));
        assert!(!edit::delete(&mut s, t));
    }
    // An id that is one entry's alone: exactly that entry goes.
    let other = s.people[2].clone();
    assert!(edit::exact(&s, Target::Person(Some(other.id))));
    assert!(edit::delete(&mut s, Target::Person(Some(other.id))));
    assert_eq!(s.people.len(), n - 1);
    assert!(!s.people.contains(&other));
    // Two opportunities sharing an id: a delete removes neither.
    let oid = s.opportunities[0].id;
    s.opportunities[1].id = oid;
    let m = s.opportunities.len();
    assert!(!edit::delete(&mut s, Target::Opportunity(Some(oid))));
    assert_eq!(s.opportunities.len(), m);
}

#[test]
fn keys_in_the_conflict_texts_come_from_the_keymap() {
    let remapped = r#"{
        Normal: { OpenConflicts: ["f2"], Reload: ["f8"], Undo: ["f3"] },
        Conflicts: { TakeOurs: ["f5"], TakeTheirs: ["f6"], Down: ["ctrl-n"], Up: ["ctrl-p"],
                     Undo: ["f4"], Back: ["ctrl-q"] },
    }"#;
    let (_d, path) = saved(&merged());
    let mut a = open(&path);
    a.keymap = Keymap::with_overrides(remapped).expect("valid remap");
    let mut seen = draw(&a, 160, 40);
    press(&mut a, KeyCode::F(2));
    assert_eq!(a.mode(), Mode::Conflicts);
    seen.push_str(&draw(&a, 160, 40));
    press(&mut a, KeyCode::F(5));
    seen.push_str(&status(&a));
    typ(&mut a, "?");
    seen.push_str(&draw(&a, 160, 40));
    for new in [
        "f2 resolve · 3 open conflicts",
        "f5 keep ours · f6 keep theirs · ctrl-n/ctrl-p move · f4 undo · ctrl-q close",
        "f4: undo",
        "f5  keep ours (this copy's value)",
    ] {
        assert!(
            seen.contains(new),
            "the remapped key is not shown: {new:?}\n{seen}"
        );
    }
    for old in [
        "M resolve",
        "o keep ours",
        "t keep theirs",
        "j/k move",
        "u: undo",
    ] {
        assert!(
            !seen.contains(old),
            "UI text names a key literally: {old:?}"
        );
    }
    // The read-only banner names the reload key as mapped.
    let (dup, _, _) = with_duplicate_ids();
    let (_d2, path2) = saved(&dup);
    let mut b = open(&path2);
    b.keymap = Keymap::with_overrides(remapped).expect("valid remap");
    assert!(b.team_banner().is_some_and(|t| t.contains("f8 reloads")));
    typ(&mut b, "2a");
    assert!(status(&b).contains("f8 reloads"), "{}", status(&b));
}

#[test]
fn conflict_list_snapshots() {
    // Ids are random (the merge's own seed makes them repeatable, the demo's are small), so
    // the snapshot is stable.
    let (_d, path) = saved(&merged());
    let mut a = open(&path);
    typ(&mut a, "Mj");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = draw(&a, w, h);
        insta::assert_snapshot!(format!("conflicts_{w}x{h}"), s);
    }
}

#[test]
fn readme_shows_the_conflict_keys_and_banners_as_the_dashboard_has_them() {
    use apn_scorecard::domain::Person;
    use apn_scorecard::tui::action::Action;
    let readme = include_str!("../README.md");
    let team = readme
        .split("## Working as a team")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a Working as a team section");
    let keys = Keymap::default();
    let key = |mode: Mode, action: Action| {
        keys.first_key(mode, action)
            .map(|k| format!("`{k}`"))
            .expect("bound")
    };
    for (mode, action) in [
        (Mode::Normal, Action::OpenConflicts),
        (Mode::Conflicts, Action::TakeOurs),
        (Mode::Conflicts, Action::TakeTheirs),
        (Mode::Conflicts, Action::Down),
        (Mode::Conflicts, Action::Up),
        (Mode::Conflicts, Action::Undo),
    ] {
        let k = key(mode, action);
        assert!(team.contains(&k), "README lacks {k} ({action:?})");
    }
    // The banners quoted are the ones drawn.
    let (_d, path) = saved(&merged());
    let banner = open(&path).team_banner().expect("conflict banner");
    let quoted = banner.split(':').next().expect("text");
    assert!(team.contains(&format!("`{quoted}`")), "{quoted}");
    let mut s = demo();
    s.people = vec![Person::new(5, "Ana"), Person::new(5, "Bo")];
    let a = App::new(s, Program::embedded().expect("program"), today(), today());
    let banner = a.team_banner().expect("id banner");
    assert!(team.contains(&format!("`` {banner} ``")), "{banner}");
}
