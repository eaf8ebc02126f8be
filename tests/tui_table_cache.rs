//! After an edit, tables whose list did not change keep their cached sort order and filter
//! text; these tests check that what they show is still what a fresh start would show.

use apn_scorecard::scoring::Program;
use apn_scorecard::tui::App;
use apn_scorecard::tui::tables::TableKind;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn demo_app() -> App {
    let s = apn_scorecard::assets::demo_store(today()).expect("demo");
    App::new(s, Program::embedded().expect("program"), today(), today())
}

/// The rows of `kind` a freshly started dashboard on the same store and view settings shows.
fn fresh_rows(app: &App, kind: TableKind) -> Vec<usize> {
    let mut fresh = App::new(app.store.clone(), app.program.clone(), app.today, app.as_of);
    fresh.window_filter = app.window_filter;
    let (v, f) = (app.table(kind), &mut fresh.tables[kind.index()]);
    f.sort_col = v.sort_col;
    f.sort_desc = v.sort_desc;
    f.filter = v.filter.clone();
    fresh.refresh_all_tables();
    fresh.table(kind).rows.clone()
}

#[test]
fn an_edit_that_moves_the_renewal_window_resorts_the_renew_column() {
    let mut app = demo_app();
    let kind = TableKind::Opportunities;
    let renew = kind
        .columns()
        .iter()
        .position(|c| *c == "Renew")
        .expect("Renew column");
    app.tables[kind.index()].sort_col = renew;
    app.tables[kind.index()].sort_desc = true;
    app.refresh_table(kind);
    let before = app.table(kind).rows.clone();
    // A tier review today leaves the renewal window one day long: the ✓ marks go.
    app.store.profile.last_tier_review = today();
    app.commit("tier review".into());
    let after = app.table(kind).rows.clone();
    assert_ne!(
        before, after,
        "the demo's Renew marks moved, so the order did"
    );
    assert_eq!(after, fresh_rows(&app, kind));
}

#[test]
fn renaming_a_person_resorts_the_people_and_leaves_the_other_tables_as_a_fresh_start() {
    let mut app = demo_app();
    app.tables[TableKind::Opportunities.index()].filter = "a".into();
    app.refresh_all_tables();
    let last = *app.table(TableKind::People).rows.last().expect("people");
    app.store.people[last].name = "Aaron Aardvark".into();
    app.commit("rename".into());
    assert_eq!(app.table(TableKind::People).rows.first(), Some(&last));
    for kind in TableKind::ALL {
        assert_eq!(app.table(kind).rows, fresh_rows(&app, kind), "{kind:?}");
    }
}

#[test]
fn the_filter_matches_within_one_entry_never_across_two() {
    let mut app = demo_app();
    app.store.people[0].email = "zz@example.qq".into();
    app.store.people[1].name = "Jj Smith".into();
    app.commit("two people".into());
    let people = TableKind::People;
    let shown = |app: &mut App, text: &str| {
        app.tables[people.index()].filter = text.into();
        app.refresh_table(people);
        app.table(people).rows.clone()
    };
    // The first one's text ends with its email and the second's starts with its name.
    assert_eq!(shown(&mut app, "QQ"), vec![0]);
    assert_eq!(shown(&mut app, "jj smith"), vec![1]);
    assert!(shown(&mut app, "qqjj").is_empty());
    assert!(shown(&mut app, "qq jj").is_empty());
    assert_eq!(shown(&mut app, "").len(), app.store.people.len());
}

fn keys(app: &mut App, text: &str) {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

/// A form's edit, add or delete moves just that entry in the cached order (instead of sorting
/// every row again); what the table shows must be what a fresh sort shows.
#[test]
fn a_form_edit_add_or_delete_moves_its_entry_to_where_a_fresh_sort_puts_it() {
    let mut app = demo_app();
    let kind = TableKind::People;
    keys(&mut app, "2");
    let name_of = |app: &App, row: usize| {
        let i = app.table(kind).rows[row];
        app.store.people[i].name.clone()
    };
    // Rename the first person (by name) so they sort last.
    let first = name_of(&app, 0);
    keys(&mut app, "eZz Last Person\n");
    assert!(app.store.people.iter().all(|p| p.name != first));
    assert_eq!(app.table(kind).rows, fresh_rows(&app, kind));
    let n = app.table(kind).rows.len();
    assert_eq!(name_of(&app, n - 1), "Zz Last Person");
    // Add one who sorts first.
    keys(&mut app, "aAaa First Person\n");
    assert_eq!(app.table(kind).rows, fresh_rows(&app, kind));
    assert_eq!(app.table(kind).rows.len(), n + 1);
    assert_eq!(name_of(&app, 0), "Aaa First Person");
    // Delete someone in the middle: every entry after them in the store moves up one.
    for _ in 0..5 {
        keys(&mut app, "j");
    }
    let gone = name_of(&app, app.table(kind).selected);
    keys(&mut app, "dy");
    assert!(app.store.people.iter().all(|p| p.name != gone), "{gone}");
    assert_eq!(app.table(kind).rows, fresh_rows(&app, kind));
    assert_eq!(app.table(kind).rows.len(), n);
}
