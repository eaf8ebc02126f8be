//! The merge conflict list: one row a conflict (entry, field, ours, theirs), and the selected
//! one in full below, since long values are cut in the rows.

use super::block;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::conflicts::ConflictView;
use crate::tui::keymap::Mode;
use crate::tui::tables::{SPACING, Want, clip, fit};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// Lines under the list for the selected conflict in full.
const DETAIL_H: u16 = 5;
const HEADERS: [&str; 5] = ["#", "Entry", "Field", "Ours", "Theirs"];

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let views: Vec<ConflictView> = app.store.conflicts.iter().map(ConflictView::of).collect();
    let sel = app.conflict_sel();
    // As tall as the list needs (header, rows, a gap, the detail, the keys, the border).
    let rows_h = u16::try_from(views.len().max(1)).unwrap_or(u16::MAX);
    let want_h = rows_h.saturating_add(DETAIL_H + 5);
    let popup = area.centered(
        Constraint::Length(area.width.saturating_sub(4).min(140)),
        Constraint::Length(want_h.min(area.height.saturating_sub(2))),
    );
    Clear.render(popup, buf);
    let title = if views.is_empty() {
        " Merge conflicts ".to_string()
    } else {
        format!(" Merge conflicts · {} of {} ", sel + 1, views.len())
    };
    let frame = block(app, title, true);
    let inner = frame.inner(popup);
    frame.render(popup, buf);
    let [head, list, _, detail, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(DETAIL_H),
        Constraint::Length(1),
    ])
    .areas(inner);
    Paragraph::new(app.conflicts_hint())
        .style(t.muted)
        .render(hint, buf);
    if views.is_empty() {
        Paragraph::new(format!(
            "No open merge conflicts. {} closes.",
            app.key_in(Mode::Conflicts, Action::Back)
        ))
        .render(list, buf);
        return;
    }
    let rows: Vec<[String; 5]> = views
        .iter()
        .enumerate()
        .map(|(i, v)| {
            [
                (i + 1).to_string(),
                v.what(),
                v.field.clone(),
                v.ours.clone(),
                v.theirs.clone(),
            ]
        })
        .collect();
    // Columns fit the rows: the values are cut before anything goes; the number goes first.
    let marker = 2;
    let wants: Vec<Want> = (0..HEADERS.len())
        .map(|c| {
            let ideal = rows
                .iter()
                .map(|r| r[c].width())
                .chain([HEADERS[c].width()])
                .max()
                .unwrap_or(1);
            let ideal = u16::try_from(ideal).unwrap_or(u16::MAX);
            let (cut_to, keep) = match c {
                0 => (ideal, 1),
                1 => (14, 8),
                2 => (8, 7),
                _ => (10, 9),
            };
            Want {
                ideal,
                min: cut_to.min(ideal),
                keep,
            }
        })
        .collect();
    let widths = fit(&wants, inner.width.saturating_sub(marker));
    let line = |cells: &[String; 5]| -> String {
        let parts: Vec<String> = widths
            .iter()
            .zip(cells)
            .filter_map(|(w, s)| {
                w.map(|w| {
                    let s = clip(s, w);
                    let pad = usize::from(w).saturating_sub(s.width());
                    format!("{s}{}", " ".repeat(pad))
                })
            })
            .collect();
        parts.join(&" ".repeat(usize::from(SPACING)))
    };
    let header = HEADERS.map(str::to_string);
    Paragraph::new(Line::styled(format!("  {}", line(&header)), t.header)).render(head, buf);
    // Keep the cursor in view: scroll by the rows below it.
    let h = usize::from(list.height);
    let first = (sel + 1).saturating_sub(h);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, r)| {
            if i == sel {
                let text = format!("› {}", line(r));
                let pad = usize::from(list.width).saturating_sub(text.width());
                Line::styled(format!("{text}{}", " ".repeat(pad)), t.selected)
            } else {
                Line::raw(format!("  {}", line(r)))
            }
        })
        .collect();
    Paragraph::new(lines).render(list, buf);
    if let Some(v) = views.get(sel) {
        let field = if v.field == "whole entry" {
            "whole entry (one side deleted it)".to_string()
        } else {
            v.field.clone()
        };
        // Each value gets two lines of its own, so a long one never hides the other.
        let [what, ours, theirs] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(2),
        ])
        .areas(detail);
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} · {field}", v.what()), t.title),
            Span::styled(format!("  ({})", v.place), t.muted),
        ]))
        .render(what, buf);
        for (label, value, at) in [("Ours:   ", &v.ours, ours), ("Theirs: ", &v.theirs, theirs)] {
            Paragraph::new(Line::from(vec![
                Span::styled(label, t.header),
                Span::raw(value.clone()),
            ]))
            .wrap(Wrap { trim: false })
            .render(at, buf);
        }
    }
}
