//! The form and confirm popups.

use super::block;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::form::FieldKind;
use crate::tui::keymap::Mode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render_form(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(form) = app.form() else {
        return;
    };
    let t = &app.theme;
    let k = |a: Action| app.keymap.keys_for(Mode::Form, a);
    let choose = format!("  {}/{}", k(Action::ChoicePrev), k(Action::ChoiceNext));
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(10)
        .min(34) as u16;
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(u16, u16)> = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "›" } else { " " };
        let mut spans = vec![
            Span::styled(
                format!("{marker}{:>w$}: ", f.label, w = label_w as usize),
                if focused { t.key } else { t.header },
            ),
            Span::styled(
                f.text().to_string(),
                if focused {
                    t.title
                } else {
                    ratatui::style::Style::new()
                },
            ),
        ];
        match &f.kind {
            FieldKind::Choice(_) | FieldKind::YesNo if focused => {
                spans.push(Span::styled(choose.clone(), t.muted))
            }
            FieldKind::Exam => {
                if let Some(e) = app.program.catalog.find(f.text()) {
                    spans.push(Span::styled(format!("  {} · {}", e.name, e.level), t.muted));
                } else if focused {
                    let c = app.program.catalog.complete(f.text());
                    let names: Vec<&str> = c.iter().take(4).map(|e| e.code.as_str()).collect();
                    if !names.is_empty() {
                        spans.push(Span::styled(format!("  {}", names.join(" ")), t.muted));
                    }
                }
            }
            FieldKind::Date { .. } if focused => {
                spans.push(Span::styled("  YYYY-MM-DD, today, +30d", t.muted))
            }
            _ => {}
        }
        if focused {
            // +1 for the border, +3 for marker, colon and space.
            let x = 1 + 1 + label_w + 2 + f.input.visual_cursor() as u16;
            cursor = Some((x, lines.len() as u16 + 1));
        }
        lines.push(Line::from(spans));
        if let Some(e) = &f.error {
            lines.push(Line::styled(
                format!("{:>w$}✗ {e}", "", w = label_w as usize + 3),
                t.error,
            ));
        }
    }
    lines.push(Line::raw(""));
    let first = |a: Action| app.key_in(Mode::Form, a);
    lines.push(Line::styled(
        format!(
            "{} save · {}/{} next/previous field · {} cancel",
            first(Action::AcceptInput),
            first(Action::NextField),
            first(Action::PrevField),
            first(Action::Back)
        ),
        t.muted,
    ));
    let h = (lines.len() as u16 + 2).min(area.height);
    let w = 86.min(area.width);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(app, format!(" {} ", form.title), true))
        .render(popup, buf);
    if let Some((x, y)) = cursor {
        let (x, y) = (popup.x + x, popup.y + y);
        if x < popup.right().saturating_sub(1) && y < popup.bottom().saturating_sub(1) {
            buf.set_style(Rect::new(x, y, 1, 1), t.selected);
        }
    }
}

pub fn render_confirm(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(p) = app.confirming() else {
        return;
    };
    let t = &app.theme;
    let q = p.question();
    let mut qlines = q.lines();
    let mut lines = vec![Line::styled(
        qlines.next().unwrap_or("").to_string(),
        t.title,
    )];
    lines.extend(qlines.map(|l| Line::raw(l.to_string())));
    let widest = q.lines().map(|l| l.width()).max().unwrap_or(20) as u16;
    let w = (widest + 4).clamp(30, area.width);
    let h = (lines.len() as u16 + 4).min(area.height);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    Clear.render(popup, buf);
    lines.extend([
        Line::raw(""),
        Line::from(vec![
            Span::styled(app.key_in(Mode::Confirm, Action::Confirm), t.key),
            Span::raw(" yes   "),
            Span::styled(app.keymap.keys_for(Mode::Confirm, Action::Back), t.key),
            Span::raw(" no (default)"),
        ]),
    ]);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block(app, " Confirm ", true))
        .render(popup, buf);
}

pub fn render_import_prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let popup = area.centered(
        Constraint::Length(70.min(area.width)),
        Constraint::Length(7),
    );
    Clear.render(popup, buf);
    let kinds: Vec<&str> = app.import_kinds().iter().map(|k| k.as_str()).collect();
    let input = app.input();
    let k = |a: Action| app.key_in(Mode::ImportPath, a);
    let lines = vec![
        Line::from(vec![
            Span::raw("CSV file: "),
            Span::styled(input.map_or("", |i| i.value()).to_string(), t.title),
        ]),
        Line::styled(
            format!(
                "kind: {}{}",
                app.import_kind().map_or("", |k| k.as_str()),
                if kinds.len() > 1 {
                    format!("  ({} switches)", k(Action::NextField))
                } else {
                    String::new()
                }
            ),
            t.muted,
        ),
        Line::styled(
            format!(
                "{} preview · {} cancel",
                k(Action::AcceptInput),
                k(Action::Back)
            ),
            t.muted,
        ),
        Line::styled(app.status.clone().unwrap_or_default(), t.error),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block(app, " Import ", true))
        .render(popup, buf);
    let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width.saturating_sub(2), 1);
    let x = inner.x + 10 + input.map_or(0, |i| i.visual_cursor()) as u16;
    if x < inner.right() {
        buf.set_style(Rect::new(x, inner.y, 1, 1), t.selected);
    }
}
