//! The engine runs off the input thread: an edit shows the last figures, marked as being
//! recounted, until the engine answers; an answer overtaken by a later change is dropped; the
//! Outlook tab says it is computing until its series arrive.

mod screen;

use apn_scorecard::domain::MetricId;
use apn_scorecard::scoring::Program;
use apn_scorecard::tui::effect::{Effect, Worker, perform};
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen::draw;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn demo_app() -> App {
    let s = apn_scorecard::assets::demo_store(today()).expect("demo");
    App::new(s, Program::embedded().expect("program"), today(), today())
}

fn launched(app: &App) -> i64 {
    app.scorecard()
        .and_then(|s| s.row(MetricId::LaunchedOpportunities))
        .expect("row")
        .upgrade
        .value
}

/// The engine requests among `effects`, in order; the rest are dropped (a demo saves nothing).
fn engine_requests(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|e| matches!(e, Effect::Engine(_)))
        .collect()
}

#[test]
fn an_edit_shows_the_last_figures_marked_until_the_engine_answers() {
    let mut app = demo_app();
    let before = launched(&app);
    assert!(before > 0, "the demo has launches");
    assert!(!draw(&app, 120, 40).contains("recounting"));
    app.store.opportunities.clear();
    app.commit("cleared the pipeline".into());
    let asked = engine_requests(app.take_effects());
    assert_eq!(asked.len(), 1, "one request per change");
    // The table follows at once (it reads the store); the scorecard waits for the engine.
    assert_eq!(
        app.table(apn_scorecard::tui::tables::TableKind::Opportunities)
            .rows
            .len(),
        0
    );
    assert_eq!(launched(&app), before);
    assert!(app.recounting());
    assert!(draw(&app, 120, 40).contains("recounting…"));
    for e in asked {
        let more = app.receive(perform(e));
        assert!(more.is_empty(), "{more:?}");
    }
    assert_eq!(launched(&app), 0);
    assert!(!app.recounting());
    assert!(!draw(&app, 120, 40).contains("recounting"));
}

#[test]
fn an_answer_overtaken_by_a_later_change_is_dropped() {
    let mut app = demo_app();
    let all = app.store.opportunities.clone();
    app.store.opportunities.clear();
    app.commit("cleared".into());
    let first = engine_requests(app.take_effects());
    app.store.opportunities = all;
    app.commit("put back".into());
    let second = engine_requests(app.take_effects());
    let expected = {
        let fresh = App::new(app.store.clone(), app.program.clone(), today(), today());
        launched(&fresh)
    };
    // The later answer arrives first; the earlier one, late, must not undo it.
    for e in second {
        app.receive(perform(e));
    }
    assert_eq!(launched(&app), expected);
    for e in first {
        app.receive(perform(e));
    }
    assert_eq!(launched(&app), expected, "a stale answer was taken");
    assert!(!app.recounting());
}

#[test]
fn the_outlook_tab_says_it_is_computing_until_its_series_arrive() {
    let mut app = demo_app();
    let (_, effects) = app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('5'),
        KeyModifiers::NONE,
    )));
    assert_eq!(app.tab, Tab::Outlook);
    let asked = engine_requests(effects);
    assert_eq!(asked.len(), 1, "showing the tab asks for its series");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Computing the outlook…"), "{screen}");
    // Another key while it computes does not ask again.
    let (_, again) = app.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::NONE,
    )));
    assert!(engine_requests(again).is_empty());
    for e in asked {
        app.receive(perform(e));
    }
    let screen = draw(&app, 120, 40);
    assert!(!screen.contains("Computing"), "{screen}");
    assert!(screen.contains("Expiring, next 12 months"), "{screen}");
}

#[test]
fn the_engine_thread_answers_the_latest_of_many_quick_changes() {
    let mut app = demo_app();
    let mut worker = Worker::spawn().expect("worker");
    let all = app.store.opportunities.clone();
    for n in 0..=all.len() {
        app.store.opportunities = all[..n].to_vec();
        app.commit(format!("{n} opportunities"));
        worker.send(app.take_effects());
    }
    worker.settle(&mut app);
    assert!(!worker.busy(), "every request answered or overtaken");
    assert!(!app.recounting());
    let fresh = App::new(app.store.clone(), app.program.clone(), today(), today());
    assert_eq!(launched(&app), launched(&fresh));
}

#[test]
fn quitting_does_not_wait_for_the_engine() {
    let mut app = demo_app();
    let mut worker = Worker::spawn().expect("worker");
    app.store.opportunities.clear();
    app.commit("cleared".into());
    worker.send(app.take_effects());
    assert!(worker.busy());
    // Nothing to write (the demo), so there is nothing to wait for: the engine's answer is
    // not taken in, however soon it comes.
    assert!(worker.finish(&mut app, std::time::Duration::from_secs(60)));
    assert!(app.recounting(), "the quit waited for the engine");
}
