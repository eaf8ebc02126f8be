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

/// The demo company, drawn without colour.
fn demo_app() -> App {
    let program = Program::embedded().expect("program");
    let store = apn_scorecard::assets::demo_store(today()).expect("demo store");
    let mut app = App::new(store, program, today(), today());
    app.theme = apn_scorecard::tui::ui::theme::Theme::plain();
    app
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The table rows of a screen: lines between the table's header line (holding `header`) and the
/// block's bottom border.
fn table_lines<'s>(screen: &'s str, header: &str) -> Vec<&'s str> {
    screen
        .lines()
        .skip_while(|l| !l.contains(header))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .collect()
}

/// Every name that starts a table row is shown whole: a cut name (`Aisha Rahma`, `Harbor & …`)
/// would leave its row without any whole name. Returns how many rows were checked.
fn assert_whole_names(screen: &str, header: &str, names: &[String]) -> usize {
    let rows = table_lines(screen, header);
    let mut checked = 0;
    for row in rows {
        let cells = row.trim_start_matches('│');
        if cells.trim_matches(|c| c == '│' || c == ' ').is_empty() {
            continue;
        }
        assert!(
            names.iter().any(|n| cells.contains(n.as_str())),
            "a row without a whole name: {row:?}\n{screen}"
        );
        checked += 1;
    }
    checked
}

fn people(app: &App) -> Vec<String> {
    app.store.people.iter().map(|p| p.name.clone()).collect()
}

fn customers(app: &App, kind: TableKind) -> Vec<String> {
    let s = &app.store;
    match kind {
        TableKind::Opportunities => s.opportunities.iter().map(|o| o.customer.clone()).collect(),
        TableKind::References => s.references.iter().map(|r| r.customer.clone()).collect(),
        _ => s.csat.iter().map(|c| c.customer.clone()).collect(),
    }
}

#[test]
fn people_show_whole_names_and_the_sort_arrow() {
    let mut a = demo_app();
    type_str(&mut a, "2");
    let names = people(&a);
    let s = draw(&a, 120, 40);
    assert!(s.contains("│Aisha Rahman "), "{s}");
    assert_eq!(assert_whole_names(&s, "Name ▲", &names), 25, "{s}");
    // `Next expiry` is shown whole, at 120 and at 200.
    assert!(s.contains("Next expiry "), "{s}");
    assert!(draw(&a, 200, 50).contains("Next expiry "));
    insta::assert_snapshot!("people_120x40", s);
    let s = draw(&a, 80, 24);
    assert!(assert_whole_names(&s, "Name ▲", &names) >= 8, "{s}");
    insta::assert_snapshot!("people_80x24", s);
    // The arrow follows the sort: next column ascending, then reversed.
    type_str(&mut a, "s");
    let s = draw(&a, 80, 24);
    assert!(s.contains("Highest ▲") && !s.contains("Name ▲"), "{s}");
    type_str(&mut a, "S");
    assert!(draw(&a, 80, 24).contains("Highest ▼"));
}

#[test]
fn opportunities_show_whole_customers_and_drop_columns_instead() {
    let mut a = demo_app();
    type_str(&mut a, "3");
    let names = customers(&a, TableKind::Opportunities);
    let s = draw(&a, 80, 24);
    assert!(assert_whole_names(&s, "ACE id ▲", &names) >= 10, "{s}");
    assert!(s.contains("Ironbridge Construction "), "{s}");
    // At 80 the launch date gives way; the window marks stay.
    let header = s.lines().find(|l| l.contains("ACE id ▲")).unwrap_or("");
    assert!(header.contains("Renew Upgr"), "{s}");
    assert!(!header.contains("Launch"), "{s}");
    // Long titles are cut with a visible ellipsis, never silently.
    assert!(s.contains("Smart-mete…"), "{s}");
    insta::assert_snapshot!("opportunities_80x24", s);
    let s = draw(&a, 120, 40);
    assert!(assert_whole_names(&s, "ACE id ▲", &names) >= 25, "{s}");
    assert!(
        s.contains("Launch") && s.contains("Smart-meter ingestion "),
        "{s}"
    );
    insta::assert_snapshot!("opportunities_120x40", s);
    // The column dropped at 80 is still in the entry's detail.
    press(&mut a, KeyCode::Enter);
    let s = draw(&a, 80, 24);
    assert!(s.contains("Launch: 2027-07-30"), "{s}");
    press(&mut a, KeyCode::Esc);
    // Sorting by a column that would be dropped keeps it on screen, with its arrow.
    type_str(&mut a, "sssss");
    assert_eq!(a.table(TableKind::Opportunities).sort_col, 5);
    let s = draw(&a, 80, 24);
    assert!(s.contains("Launch ▲"), "{s}");
    assert!(assert_whole_names(&s, "Launch ▲", &names) >= 10, "{s}");
}

#[test]
fn references_and_csat_show_whole_customers() {
    let mut a = demo_app();
    type_str(&mut a, "4");
    let refs = customers(&a, TableKind::References);
    let csat = customers(&a, TableKind::Csat);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = draw(&a, w, h);
        assert_eq!(assert_whole_names(&s, "Customer ▲  ", &refs), 3, "{s}");
        let csat_rows = table_lines(&s, "Date").len();
        assert!(csat_rows >= 5, "{s}");
        assert!(assert_whole_names(&s, "Date", &csat) >= 5, "{s}");
        assert!(s.contains("Meridian Health Partners "), "{s}");
        insta::assert_snapshot!(format!("customers_{w}x{h}"), s);
    }
    // CSAT focused and sorted by date, descending: the arrow moves to that table's header.
    type_str(&mut a, "lsS");
    let s = draw(&a, 80, 24);
    assert!(s.contains("Date ▼"), "{s}");
    assert!(
        s.contains("Customer ▲"),
        "the references keep their own sort:\n{s}"
    );
}

#[test]
fn the_person_pane_uses_the_width_it_has() {
    let mut a = demo_app();
    type_str(&mut a, "2");
    // At 200 the table takes what it needs and the pane the rest: one line per certification.
    let s = draw(&a, 200, 50);
    assert!(
        s.contains("✓ CLF-C02 Foundational · 2025-04-03 → 2028-04-03"),
        "{s}"
    );
    // At 120 the pane is narrower: the dates move to their own line, never cut mid-date.
    let s = draw(&a, 120, 40);
    assert!(s.contains("✓ CLF-C02 Foundational  "), "{s}");
    assert!(s.contains("      2025-04-03 → 2028-04-03"), "{s}");
}

#[test]
fn the_person_popup_marks_the_selected_holding_with_a_symbol() {
    let mut a = demo_app();
    type_str(&mut a, "2");
    press(&mut a, KeyCode::Enter);
    let s = draw(&a, 80, 24);
    assert!(s.contains("▸ ✓ CLF-C02"), "{s}");
    type_str(&mut a, "j");
    let s = draw(&a, 80, 24);
    assert!(
        s.contains("▸ ✓ AIF-C01") && !s.contains("▸ ✓ CLF-C02"),
        "{s}"
    );
}
