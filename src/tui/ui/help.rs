//! The `?` popup: every key of the mode below it, generated from the keymap itself.

use super::block;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::overlay::Overlay;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

/// The help text of a mode: one line an action, its keys joined, in keymap order.
pub fn help_lines(app: &App, mode: Mode) -> Vec<(String, &'static str)> {
    let mut seen: Vec<Action> = Vec::new();
    let mut out = Vec::new();
    for b in app.keymap.for_mode(mode) {
        if seen.contains(&b.action) {
            continue;
        }
        seen.push(b.action);
        out.push((app.keymap.keys_for(mode, b.action), b.action.describe()));
    }
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    // Help describes the mode it was opened from.
    let below = app
        .overlays
        .iter()
        .rev()
        .nth(1)
        .map_or(Mode::Normal, |o| o.mode());
    let scroll = match app.top() {
        Some(Overlay::Help { scroll }) => *scroll,
        _ => 0,
    };
    let t = &app.theme;
    let mut lines: Vec<Line> = help_lines(app, below)
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:>20}  "), t.key),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Cells: ✓ met · ✗ unmet, with what is missing · ! in Nd met now, unmet",
        t.muted,
    ));
    lines.push(Line::styled(
        "in N days if nothing is added · – not required by the tier.",
        t.muted,
    ));
    lines.push(Line::styled(
        "Mouse: click a tab or a row to select it; the wheel scrolls.",
        t.muted,
    ));
    let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = area.centered(
        Constraint::Length(84.min(area.width)),
        Constraint::Length(h),
    );
    Clear.render(popup, buf);
    let max_scroll = (lines.len() as u16).saturating_sub(h.saturating_sub(2));
    Paragraph::new(lines)
        .scroll((scroll.min(max_scroll), 0))
        .block(block(
            app,
            format!(
                " Keys: {} ({} closes) ",
                below.label(),
                app.key_in(Mode::Help, Action::Back)
            ),
            true,
        ))
        .render(popup, buf);
}
