//! The dashboard's cached table views give the rows a fresh computation gives, and follow edits.

use apn_scorecard::domain::Store;
use apn_scorecard::scoring::Program;
use apn_scorecard::tui::tables::{SortKey, TableKind};
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn app(store: Store) -> App {
    let program = Program::embedded().expect("program");
    let mut app = App::new(store, program, today(), today());
    app.tab = Tab::Knowledge;
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The rows of the people table computed from scratch: filter on the haystack, full sort.
fn expected(app: &App, needle: &str, col: usize, desc: bool) -> Vec<usize> {
    let ctx = app.ctx();
    let kind = TableKind::People;
    let mut keyed: Vec<(SortKey, usize)> = (0..kind.len(&app.store))
        .filter(|&i| ctx.haystack(kind, i).contains(needle))
        .map(|i| (ctx.sort_key(kind, i, col), i))
        .collect();
    keyed.sort();
    if desc {
        keyed.reverse();
    }
    keyed.into_iter().map(|(_, i)| i).collect()
}

#[test]
fn filtering_and_sorting_match_a_fresh_computation() {
    let mut app = app(apn_scorecard::sample::generate(300, 50, 4, today()));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "ma");
    let rows = app.table(TableKind::People).rows.clone();
    assert!(!rows.is_empty() && rows.len() < 300, "{}", rows.len());
    assert_eq!(rows, expected(&app, "ma", 0, false));
    type_str(&mut app, "t");
    assert_eq!(
        app.table(TableKind::People).rows,
        expected(&app, "mat", 0, false)
    );
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.table(TableKind::People).rows, rows);
    press(&mut app, KeyCode::Enter);
    // Sort by the next column (highest level), then reverse it: same rows as a full sort.
    press(&mut app, KeyCode::Char('s'));
    let col = app.table(TableKind::People).sort_col;
    assert_eq!(col, 1);
    assert_eq!(
        app.table(TableKind::People).rows,
        expected(&app, "ma", 1, false)
    );
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(
        app.table(TableKind::People).rows,
        expected(&app, "ma", 1, true)
    );
}

#[test]
fn an_edit_reaches_the_cached_filter_text() {
    let mut app = app(apn_scorecard::sample::generate(200, 20, 5, today()));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "zyxw");
    assert!(app.table(TableKind::People).rows.is_empty());
    press(&mut app, KeyCode::Esc);
    // A rename: the cached filter text must not keep the old name.
    app.store.people[17].name = "Zyxw Quinn".into();
    app.recompute();
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "zyxw");
    assert_eq!(app.table(TableKind::People).rows, vec![17]);
}
