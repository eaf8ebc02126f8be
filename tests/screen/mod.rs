//! Drawing the dashboard in tests: the screen as text, shared by the dashboard's test files.

use apn_scorecard::tui::App;
use ratatui::{Terminal, backend::TestBackend};

/// The dashboard drawn at `w` x `h`, one line per row, trailing spaces trimmed.
pub fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
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
