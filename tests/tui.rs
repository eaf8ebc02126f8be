//! The dashboard driven by key events, with assertions on its state and on what it draws.

mod screen;
use apn_scorecard::domain::{MetricId, Store};
use apn_scorecard::scoring::{Program, WindowKind};
use apn_scorecard::tui::keymap::Mode;
use apn_scorecard::tui::tables::{TableKind, WindowFilter};
use apn_scorecard::tui::ui::cells;
use apn_scorecard::tui::ui::theme::Theme;
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen::draw;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn demo() -> Store {
    apn_scorecard::assets::demo_store(today()).expect("demo store")
}

fn app() -> App {
    let program = Program::embedded().expect("program");
    let mut app = App::new(demo(), program, today(), today());
    app.theme = Theme::plain();
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

#[test]
fn tabs_switch_with_numbers_and_tab_keys() {
    let mut a = app();
    assert_eq!(a.tab, Tab::Overview);
    typ(&mut a, "3");
    assert_eq!(a.tab, Tab::Experience);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Customers);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Outlook);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Overview);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.tab, Tab::Outlook);
    typ(&mut a, "2");
    assert_eq!(a.tab, Tab::Knowledge);
}

#[test]
fn cursor_moves_and_clamps() {
    let mut a = app();
    typ(&mut a, "2");
    let n = a.table(TableKind::People).rows.len();
    assert!(n > 5, "demo has people");
    typ(&mut a, "jjj");
    assert_eq!(a.table(TableKind::People).selected, 3);
    typ(&mut a, "k");
    assert_eq!(a.table(TableKind::People).selected, 2);
    typ(&mut a, "G");
    assert_eq!(a.table(TableKind::People).selected, n - 1);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.table(TableKind::People).selected, n - 1);
    typ(&mut a, "g");
    assert_eq!(a.table(TableKind::People).selected, 0);
    press(&mut a, KeyCode::End);
    assert_eq!(a.table(TableKind::People).selected, n - 1);
    press(&mut a, KeyCode::Home);
    assert_eq!(a.table(TableKind::People).selected, 0);
}

#[test]
fn filter_narrows_live_and_esc_clears() {
    let mut a = app();
    typ(&mut a, "2");
    let all = a.table(TableKind::People).rows.len();
    let first = a.store.people[0].name.clone();
    let needle: String = first
        .split_whitespace()
        .last()
        .unwrap_or("x")
        .to_lowercase();
    typ(&mut a, "/");
    assert_eq!(a.mode(), Mode::Filter);
    typ(&mut a, &needle);
    let n = a.table(TableKind::People).rows.len();
    assert!(n >= 1 && n < all, "filter '{needle}' left {n} of {all}");
    for &i in &a.table(TableKind::People).rows {
        let p = &a.store.people[i];
        // What the row shows that can match: the name, the email, an exam held.
        let exams = p.certifications.iter().map(|c| c.exam.as_str());
        let text = std::iter::once(p.name.as_str())
            .chain(std::iter::once(p.email.as_str()))
            .chain(exams)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(text.contains(&needle), "{} does not match", p.name);
    }
    let screen = draw(&a, 100, 30);
    assert!(
        screen.contains(&format!("{n} match")),
        "match count shown:\n{screen}"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(
        a.table(TableKind::People).rows.len(),
        n,
        "filter kept after enter"
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.table(TableKind::People).rows.len(), all, "esc clears");
}

#[test]
fn sort_cycles_and_reverses() {
    let mut a = app();
    typ(&mut a, "3");
    let names = |a: &App| -> Vec<String> {
        a.table(TableKind::Opportunities)
            .rows
            .iter()
            .map(|&i| a.store.opportunities[i].customer.to_lowercase())
            .collect()
    };
    typ(&mut a, "s");
    assert_eq!(a.table(TableKind::Opportunities).sort_col, 1);
    let asc = names(&a);
    let mut sorted = asc.clone();
    sorted.sort();
    assert_eq!(asc, sorted, "sorted by customer ascending");
    typ(&mut a, "S");
    let desc = names(&a);
    let mut rev = sorted.clone();
    rev.reverse();
    assert_eq!(desc, rev, "reversed");
    typ(&mut a, "sss");
    assert_eq!(a.table(TableKind::Opportunities).sort_col, 4, "MRR column");
    let mrr: Vec<i64> = a
        .table(TableKind::Opportunities)
        .rows
        .iter()
        .map(|&i| a.store.opportunities[i].mrr.cents())
        .collect();
    assert!(mrr.windows(2).all(|w| w[0] <= w[1]), "MRR sorts as money");
}

#[test]
fn window_filter_shows_exactly_the_counted_entries() {
    let mut a = app();
    typ(&mut a, "3");
    let sc = a.scorecard().expect("scorecard").clone();
    typ(&mut a, "w");
    assert_eq!(a.window_filter, WindowFilter::Renewal);
    let renewal_rows = a.table(TableKind::Opportunities).rows.len() as i64;
    let launched = sc.row(MetricId::LaunchedOpportunities).expect("row");
    assert_eq!(renewal_rows, launched.renewal.value);
    typ(&mut a, "w");
    assert_eq!(a.window_filter, WindowFilter::Upgrade);
    assert_eq!(
        a.table(TableKind::Opportunities).rows.len() as i64,
        launched.upgrade.value
    );
    let mrr: i64 = a
        .table(TableKind::Opportunities)
        .rows
        .iter()
        .map(|&i| a.store.opportunities[i].mrr.cents())
        .sum();
    assert_eq!(
        mrr,
        sc.row(MetricId::LaunchedMrr).expect("mrr").upgrade.value
    );
    typ(&mut a, "w");
    assert_eq!(a.window_filter, WindowFilter::All);
    assert_eq!(
        a.table(TableKind::Opportunities).rows.len(),
        a.store.opportunities.len()
    );
}

#[test]
fn time_travel_sets_and_resets_the_as_of_date() {
    let mut a = app();
    typ(&mut a, "t");
    assert_eq!(a.mode(), Mode::AsOf);
    ctrl(&mut a, 'u');
    typ(&mut a, "2027-03-01");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(a.as_of, "2027-03-01".parse::<NaiveDate>().expect("d"));
    assert_eq!(a.scorecard().expect("sc").as_of, a.as_of);
    assert!(draw(&a, 100, 30).contains("as of 2027-03-01 (time travel)"));
    typ(&mut a, "T");
    assert_eq!(a.as_of, today());
    // A bad date keeps the popup open with the typing intact.
    typ(&mut a, "t");
    ctrl(&mut a, 'u');
    typ(&mut a, "2026-02-30");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::AsOf);
    assert_eq!(a.input().map(|i| i.value()), Some("2026-02-30"));
    assert!(a.status.as_deref().unwrap_or("").contains("not a date"));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.as_of, today());
    typ(&mut a, "t");
    ctrl(&mut a, 'u');
    typ(&mut a, "+30d");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.as_of, "2026-12-26".parse::<NaiveDate>().expect("d"));
}

#[test]
fn help_lists_every_key_of_the_mode() {
    let mut a = app();
    typ(&mut a, "?");
    assert_eq!(a.mode(), Mode::Help);
    let screen = draw(&a, 100, 50);
    for b in a.keymap.for_mode(Mode::Normal) {
        assert!(
            screen.contains(b.action.describe()),
            "help lacks {:?}:\n{screen}",
            b.action
        );
    }
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
}

#[test]
fn quit_with_q_and_ctrl_c() {
    let mut a = app();
    typ(&mut a, "q");
    assert!(a.should_quit);
    let mut b = app();
    typ(&mut b, "/");
    ctrl(&mut b, 'c');
    assert!(b.should_quit, "ctrl-c quits from any mode");
}

#[test]
fn enter_on_overview_row_opens_its_pillar_and_detail_opens_on_tables() {
    let mut a = app();
    for _ in 0..6 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Experience, "row 7 is launched_opportunities");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail);
    let screen = draw(&a, 100, 30);
    let i = a
        .table(TableKind::Opportunities)
        .selected_entry()
        .expect("sel");
    assert!(screen.contains(&a.store.opportunities[i].customer));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
}

#[test]
fn renders_at_tiny_and_small_sizes_without_panic() {
    let mut a = app();
    for tab in ["1", "2", "3", "4", "5"] {
        typ(&mut a, tab);
        for (w, h) in [
            (1, 1),
            (20, 5),
            (59, 14),
            (60, 15),
            (61, 16),
            (80, 24),
            (120, 40),
            (250, 15),
            (60, 80),
        ] {
            let s = draw(&a, w, h);
            if w < 60 || h < 15 {
                assert!(
                    s.contains("terminal") || w < 10,
                    "too-small message at {w}x{h}"
                );
            }
        }
    }
    typ(&mut a, "?");
    draw(&a, 20, 5);
    draw(&a, 80, 24);
}

#[test]
fn numbers_on_screen_are_the_engines_and_unmet_rows_carry_a_symbol() {
    let a = app();
    let sc = a.scorecard().expect("scorecard");
    let screen = draw(&a, 140, 40);
    let mut unmet = 0;
    for r in &sc.metrics {
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            let text = cells::text(r.id, r.cell(k), r.scored, sc.as_of);
            assert!(
                screen.contains(&text),
                "{} {k:?} '{text}' not on screen",
                r.id
            );
            if r.scored && !r.cell(k).met {
                unmet += 1;
                // Plain theme: no colour at all, so the symbol must carry it.
                assert!(text.contains('✗'), "{text}");
            }
        }
    }
    assert!(unmet > 0, "the demo has unmet rows");
}

#[test]
fn mouse_click_selects_tab_and_row() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    draw(&a, 100, 30);
    let tab_rect = a.hits.borrow().tabs[2].0;
    let click = |x, y| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.handle_event(&click(tab_rect.x + 1, tab_rect.y));
    assert_eq!(a.tab, Tab::Experience);
    draw(&a, 100, 30);
    let (rows, _) = a.hits.borrow().table.expect("table area");
    a.handle_event(&click(rows.x + 2, rows.y + 2));
    assert_eq!(a.table(TableKind::Opportunities).selected, 2);
}

#[test]
fn snapshots_of_every_tab_and_help() {
    let mut a = app();
    insta::assert_snapshot!("overview_100x30", draw(&a, 100, 30));
    typ(&mut a, "2");
    insta::assert_snapshot!("knowledge_100x30", draw(&a, 100, 30));
    typ(&mut a, "3");
    insta::assert_snapshot!("experience_100x30", draw(&a, 100, 30));
    typ(&mut a, "4");
    insta::assert_snapshot!("customers_100x30", draw(&a, 100, 30));
    typ(&mut a, "5");
    insta::assert_snapshot!("outlook_100x30", draw(&a, 100, 30));
    typ(&mut a, "1?");
    insta::assert_snapshot!("help_100x30", draw(&a, 100, 30));
}

#[test]
fn page_keys_move_by_the_visible_rows() {
    let mut a = app();
    typ(&mut a, "3");
    draw(&a, 100, 30);
    let page = a.page_rows.get();
    assert!(page > 3, "{page}");
    press(&mut a, KeyCode::PageDown);
    assert_eq!(a.table(TableKind::Opportunities).selected, page);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.table(TableKind::Opportunities).selected, 0);
}

#[test]
fn a_bad_keys_file_warns_and_keeps_the_defaults() {
    use apn_scorecard::tui::run::load_keymap;
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("keys.ron");
    std::fs::write(&p, "{ Normal: { Quit: [\"j\"] } }").expect("write");
    let (map, warning) = load_keymap(Some(&p));
    let w = warning.expect("warns");
    assert!(w.contains("keys.ron") && w.contains("bound twice"), "{w}");
    assert_eq!(
        map.lookup(Mode::Normal, "q".parse().expect("q")),
        Some(apn_scorecard::tui::action::Action::Quit)
    );
    std::fs::write(&p, "{ Normal: { Quit: [\"x\"] } }").expect("write");
    let (map, warning) = load_keymap(Some(&p));
    assert!(warning.is_none());
    assert_eq!(
        map.lookup(Mode::Normal, "x".parse().expect("x")),
        Some(apn_scorecard::tui::action::Action::Quit)
    );
    let (_, none) = load_keymap(Some(&dir.path().join("absent.ron")));
    assert!(none.is_none(), "a missing file is fine");
}

#[test]
fn key_5_opens_the_outlook_and_j_changes_the_charted_row() {
    let mut a = app();
    typ(&mut a, "5");
    assert_eq!(a.tab, Tab::Outlook);
    let first = draw(&a, 100, 30);
    assert!(
        first.contains(" Accredited individuals · upgrade vs Advanced"),
        "{first}"
    );
    // Seven rows down: Launched opportunities.
    typ(&mut a, "jjjjjj");
    assert_eq!(a.overview_sel, 6);
    let screen = draw(&a, 100, 30);
    assert!(
        screen.contains(" Launched opportunities · upgrade vs Advanced"),
        "{screen}"
    );
    // The requirement line's legend names the target tier's number for that row.
    let sc = a.scorecard().expect("scorecard");
    let need = sc
        .row(MetricId::LaunchedOpportunities)
        .expect("row")
        .upgrade
        .required;
    // The requirement is labelled on the y axis, on its own line (drawn ┄).
    let line = screen.lines().find(|l| l.contains('┄')).unwrap_or("");
    let label = line.split('│').nth(1).unwrap_or("").trim();
    assert_eq!(label, need.to_string(), "{screen}");
    // Nothing to add or filter here; e edits the charted row's threshold, as on the Overview.
    typ(&mut a, "a/");
    assert_eq!(a.mode(), Mode::Normal);
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("pillar tab"))
    );
    typ(&mut a, "e");
    assert_eq!(a.mode(), Mode::Form);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Normal);
    // Tab cycles through all five and wraps.
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Overview);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.tab, Tab::Outlook);
}

#[test]
fn outlook_series_are_cached_and_match_the_engine() {
    use apn_scorecard::scoring::{project, with_plans};
    let mut a = app();
    assert!(
        a.derived.outlook.is_none(),
        "not computed before the tab is shown"
    );
    // Showing the tab asks the engine for its series (answered at once in this harness; the
    // dashboard's engine thread answers while the tab says it is computing).
    typ(&mut a, "5");
    let before = a.derived.outlook.clone().expect("asked for by the tab");
    typ(&mut a, "jjj");
    draw(&a, 100, 30);
    // A cursor move draws from the same series: nothing recomputed.
    let after = a.derived.outlook.clone().expect("kept");
    assert!(std::sync::Arc::ptr_eq(&before, &after));
    let o = a.outlook().expect("series");
    assert_eq!(o.points.len(), 12 + 1 + 6);
    let program = Program::embedded().expect("program");
    let lo = MetricId::ALL
        .iter()
        .position(|m| *m == MetricId::LaunchedOpportunities)
        .expect("index");
    let last = o.points.last().expect("a future point");
    let as_is = project(&a.store, &program, a.as_of, last.date).expect("project");
    let plans = with_plans(&a.store, &program, a.as_of, last.date).expect("plans");
    assert_eq!(
        last.as_is[lo],
        as_is
            .row(MetricId::LaunchedOpportunities)
            .expect("row")
            .upgrade
            .value
    );
    assert_eq!(
        last.with_plans.map(|v| v[lo]),
        Some(
            plans
                .row(MetricId::LaunchedOpportunities)
                .expect("row")
                .upgrade
                .value
        )
    );
    // The demo's pipeline lands by then: with plans is above as is.
    assert!(last.with_plans.map(|v| v[lo]) > Some(last.as_is[lo]));
    // Review day: the next anniversary of the last tier review.
    let review = o.review.as_ref().expect("review");
    assert_eq!(
        review.date,
        apn_scorecard::domain::dates::next_anniversary(a.store.profile.last_tier_review, a.as_of)
    );
    let screen = draw(&a, 100, 30);
    assert!(
        screen.contains(&format!("Review {}", review.date)),
        "{screen}"
    );
}

#[test]
fn outlook_panels_show_last_weeks_changes_and_the_expiry_calendar() {
    let mut a = app();
    typ(&mut a, "5");
    let screen = draw(&a, 120, 40);
    assert!(screen.contains("Changes since 2026-11-19"), "{screen}");
    assert!(screen.contains("Meadowbrook Schools"), "{screen}");
    let total: usize = a
        .outlook()
        .expect("series")
        .calendar
        .iter()
        .map(|m| m.expiries.len())
        .sum();
    assert!(total > 0, "the demo has expiries within a year");
    assert!(
        screen.contains(&format!("Expiring, next 12 months: {total}")),
        "{screen}"
    );
    // Time travel recomputes the outlook for the new day.
    typ(&mut a, "t");
    for _ in 0..10 {
        press(&mut a, KeyCode::Backspace);
    }
    typ(&mut a, "2026-12-10");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.as_of.to_string(), "2026-12-10");
    let c = a
        .outlook()
        .expect("series")
        .changes
        .as_ref()
        .expect("changes");
    assert_eq!(c.since.to_string(), "2026-12-03");
}

/// Every key the dashboard names in its text comes from the keymap: with each such action bound
/// to another key, the default keys vanish from every screen and message, and the new ones show.
#[test]
fn hints_name_the_keys_of_the_keymap_never_literal_ones() {
    use apn_scorecard::tui::keymap::Keymap;
    let remapped = r#"{
        Normal: {
            EditBusinessPlan: ["f2"], CycleWindow: ["f3"], Undo: ["f4"], Redo: ["f6"],
            AsOfToday: ["f7"], Reload: ["f8"], EditProfile: ["f9"], Down: ["ctrl-n"],
            Up: ["ctrl-p"], StartFilter: ["f10"], GoTab(2): ["f11"], GoTab(4): ["f12"],
            SyncAce: ["ctrl-g"],
            NextTable: ["f1"], OpenDetail: ["ctrl-o"], ClearFilter: ["ctrl-x"],
        },
        Sync: { Back: ["ctrl-w"], Down: ["ctrl-n"], Up: ["ctrl-p"] },
        Form: {
            AcceptInput: ["ctrl-s"], Back: ["ctrl-q"], NextField: ["ctrl-j"],
            PrevField: ["ctrl-k"], ChoiceNext: ["ctrl-l"], ChoicePrev: ["ctrl-h"],
        },
        Confirm: { Confirm: ["ctrl-y"], Back: ["ctrl-n"] },
        AsOf: { AcceptInput: ["ctrl-s"], Back: ["ctrl-q"] },
        ImportPath: { AcceptInput: ["ctrl-s"], Back: ["ctrl-q"], NextField: ["ctrl-t"] },
        Help: { Back: ["ctrl-q"] },
        Detail: { AddCertification: ["f5"], Down: ["ctrl-n"], Up: ["ctrl-p"] },
        Picker: {
            Down: ["ctrl-n"], Up: ["ctrl-p"], NextField: ["ctrl-j"], AcceptInput: ["ctrl-s"],
            Back: ["ctrl-q"],
        },
        ImportErrors: { Down: ["ctrl-n"], Up: ["ctrl-p"], SkipBad: ["f5"], Back: ["ctrl-q"] },
    }"#;
    let keymap = Keymap::with_overrides(remapped).expect("valid remap");
    let mut a = app();
    a.keymap = keymap;
    let mut seen = String::new();
    let mut look = |a: &App| {
        seen.push_str(&draw(a, 200, 50));
        seen.push_str(a.status.as_deref().unwrap_or(""));
        seen.push('\n');
    };
    for tab in Tab::ALL {
        a.tab = tab;
        look(&a);
    }
    // Overlays: help, filter, as-of, import prompt (a tab with two kinds), detail, form, confirm.
    a.tab = Tab::Overview;
    typ(&mut a, "?");
    look(&a);
    ctrl(&mut a, 'q');
    typ(&mut a, "t");
    look(&a);
    ctrl(&mut a, 'q');
    a.tab = Tab::Knowledge;
    press(&mut a, KeyCode::F(10));
    look(&a);
    press(&mut a, KeyCode::Esc);
    typ(&mut a, "i");
    look(&a);
    ctrl(&mut a, 'q');
    ctrl(&mut a, 'o');
    look(&a);
    typ(&mut a, "d");
    look(&a);
    ctrl(&mut a, 'n');
    // The exam picker of a certification form.
    press(&mut a, KeyCode::F(5));
    typ(&mut a, "solutions architect");
    assert_eq!(a.mode(), Mode::Picker);
    look(&a);
    ctrl(&mut a, 'q');
    ctrl(&mut a, 'q');
    press(&mut a, KeyCode::Esc);
    // An import's bad rows.
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "name,email,exam,earned\nA,a@example.com,SAA-C03,2026-01-01\nB,b@example.com,XYZ,2026-01-01\n",
    )
    .expect("write");
    typ(&mut a, "i");
    a.handle_event(&Event::Paste(bad.display().to_string()));
    ctrl(&mut a, 's');
    assert_eq!(a.mode(), Mode::ImportErrors, "{:?}", a.status);
    look(&a);
    ctrl(&mut a, 'q');
    ctrl(&mut a, 'q');
    a.tab = Tab::Experience;
    typ(&mut a, "a");
    ctrl(&mut a, 'j');
    ctrl(&mut a, 'j');
    ctrl(&mut a, 'j');
    look(&a);
    ctrl(&mut a, 'q');
    // Messages: an edit, its undo, time travel, the Overview's pointers to the pillar tabs.
    press(&mut a, KeyCode::F(9));
    // A real change (an unchanged profile saves as "No change", with no undo step).
    typ(&mut a, "Renamed Partner");
    ctrl(&mut a, 's');
    look(&a);
    press(&mut a, KeyCode::F(4));
    look(&a);
    a.set_as_of("2026-01-01".parse().expect("date"));
    // Called directly, not through a key: carry out the engine request it made.
    let asked = a.take_effects();
    a.perform_now(asked);
    look(&a);
    a.tab = Tab::Overview;
    typ(&mut a, "a");
    look(&a);
    press(&mut a, KeyCode::F(10));
    look(&a);
    // A partner with no business plan yet.
    a.store.business_plans.clear();
    a.recompute();
    a.tab = Tab::Experience;
    look(&a);
    // The ACE sync overlay (no source here: it says why, with its keys).
    ctrl(&mut a, 'g');
    look(&a);
    ctrl(&mut a, 'w');
    // The Overview's panels at the standup size: focused, full screen, back.
    a.tab = Tab::Overview;
    press(&mut a, KeyCode::F(1));
    seen.push_str(&draw(&a, 80, 24));
    seen.push_str(&draw(&a, 120, 40));
    ctrl(&mut a, 'o');
    seen.push_str(&draw(&a, 80, 24));
    ctrl(&mut a, 'x');
    assert!(!a.overview.zoomed, "the remapped key leaves full screen");

    let literal = [
        "(a to add)",
        "(b edits)",
        "u: undo",
        "ctrl-r: redo",
        "T returns",
        "P edits",
        "[w]",
        "enter save",
        "esc cancel",
        "enter ok",
        "enter preview",
        "tab switches",
        "esc closes",
        "n/esc/enter",
        "←/→",
        "j/k",
        "(2-4)",
        "tab/shift-tab",
        "c +cert",
        "↓/↑ choose",
        "tab accept",
        "enter accept and save",
        "esc close the list",
        "esc close list",
        "j/k scroll",
        "s import the good rows",
        "esc back to the file",
        "A ACE sync",
        "n/esc",
        "l to scroll",
        "enter full screen",
        "esc back",
        "l next",
    ];
    for old in literal {
        assert!(
            !seen.contains(old),
            "UI text names a key literally: {old:?}"
        );
    }
    let remapped_keys = [
        "(f2 to add)",
        "(f2 edits)",
        "[f3]",
        "f4: undo",
        "f6: redo",
        "f7 returns to today",
        "f9 edits the profile",
        "(f11-f12)",
        "ctrl-s save",
        "ctrl-j/ctrl-k next/previous field",
        "ctrl-q cancel",
        "ctrl-s ok · ctrl-q cancel",
        "ctrl-s preview",
        "ctrl-t switches",
        "ctrl-q closes",
        "ctrl-y yes",
        "ctrl-n no",
        "ctrl-h/ctrl-l",
        "ctrl-n/ctrl-p",
        "ctrl-n/ctrl-p move ▸ · e edit",
        "· f5 +cert",
        "ctrl-n/ctrl-p choose an exam · ctrl-j accept",
        "ctrl-s accept and save",
        "ctrl-q close the list",
        "ctrl-n/ctrl-p scroll · f5 import the good rows, skip the bad · ctrl-q back to the file",
        "ctrl-g ACE sync",
        "ctrl-w close · ctrl-n/ctrl-p scroll",
        "f1 to scroll",
        "ctrl-n/ctrl-p scroll · ctrl-o full screen · f1 next",
        "ctrl-n/ctrl-p scroll · ctrl-x back",
    ];
    for new in remapped_keys {
        assert!(seen.contains(new), "the remapped key is not shown: {new:?}");
    }
}
