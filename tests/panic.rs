//! A panic in the dashboard: the terminal is released before the report prints, and the last
//! line says where the data file is. `tui::run` needs a real terminal, so this checks the hook it
//! installs (ratatui's screen restore wraps it and runs first; that part is ratatui's own).
//! One test in this binary: a panic hook is process-wide.

use apn_scorecard::tui::run::{crash_note, panic_hook};
use std::path::Path;
use std::sync::{Arc, Mutex};

#[test]
fn a_panic_releases_the_terminal_then_reports_then_says_where_the_data_is() {
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let push = |log: &Arc<Mutex<Vec<String>>>, s: String| {
        log.lock().expect("log").push(s);
    };
    let (l1, l2, l3) = (log.clone(), log.clone(), log.clone());
    let note = crash_note(Path::new(
        "/home/me/.local/share/apn-scorecard/scorecard.ron",
    ));
    let hook = panic_hook(
        move |info| {
            push(
                &l1,
                format!("report: {}", info.payload_as_str().unwrap_or("")),
            )
        },
        move || push(&l2, "release".into()),
        Some(note.clone()),
        move |s| push(&l3, s.to_string()),
    );
    let saved = std::panic::take_hook();
    std::panic::set_hook(Box::new(hook));
    let result = std::panic::catch_unwind(|| panic!("boom"));
    std::panic::set_hook(saved);
    assert!(result.is_err());
    let log = log.lock().expect("log").clone();
    assert_eq!(
        log,
        vec!["release".to_string(), "report: boom".into(), note.clone()]
    );
    assert!(note.contains("/home/me/.local/share/apn-scorecard/scorecard.ron"));
    assert!(note.contains("scorecard.ron.bak"));
}
