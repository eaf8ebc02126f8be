//! The ACE sync overlay: live progress, then the plan as a scrollable preview, or the error.

use super::block;
use crate::tui::app::App;
use crate::tui::sync::SyncStage;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(v) = app.sync_view() else {
        return;
    };
    let t = &app.theme;
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(4);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    Clear.render(popup, buf);
    let kind = if v.incremental {
        "changes since the last sync"
    } else {
        "full"
    };
    let title = format!(" ACE sync · {} catalog · {kind} ", v.catalog);
    let b = block(app, title, true);
    let inner = b.inner(popup);
    b.render(popup, buf);
    let [head, body, keys] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);

    let (head_lines, body_lines): (Vec<Line>, Vec<Line>) = match &v.stage {
        SyncStage::Running(p) => (
            vec![
                Line::styled("Fetching opportunities from ACE…", t.title),
                Line::from(vec![
                    Span::styled(format!("pages: {}", p.pages), t.key),
                    Span::raw(" · "),
                    Span::styled(format!("opportunities: {}", p.opportunities), t.key),
                ]),
                Line::styled("Nothing is written until you apply the preview.", t.muted),
            ],
            Vec::new(),
        ),
        SyncStage::Preview { plan, lines } => {
            let counts = v.counts().unwrap_or_default();
            let mut spans = Vec::new();
            for (i, (label, n)) in counts.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw(" · "));
                }
                let style = match *label {
                    "flagged" | "EUR left out" | "missing" if *n > 0 => t.at_risk,
                    _ => t.key,
                };
                spans.push(Span::styled(format!("{label} {n}"), style));
            }
            (
                vec![
                    Line::styled(
                        format!(
                            "{} {} in {} {} from ACE. Apply?",
                            plan.fetched,
                            if plan.fetched == 1 {
                                "opportunity"
                            } else {
                                "opportunities"
                            },
                            plan.pages,
                            if plan.pages == 1 { "page" } else { "pages" },
                        ),
                        t.title,
                    ),
                    Line::from(spans),
                    Line::raw(""),
                ],
                lines.iter().map(|l| Line::raw(l.as_str())).collect(),
            )
        }
        SyncStage::Failed(e) => (
            vec![
                Line::styled("ACE sync stopped: nothing changed.", t.error),
                Line::raw(""),
            ],
            e.to_string()
                .lines()
                .map(|l| Line::raw(l.to_string()))
                .collect(),
        ),
    };
    Paragraph::new(head_lines)
        .wrap(Wrap { trim: false })
        .render(head, buf);
    // Long lines wrap; the scroll stops when the last line shows.
    let rows = body_lines.len() as u16;
    let max_scroll = rows.saturating_sub(body.height);
    Paragraph::new(body_lines)
        .wrap(Wrap { trim: false })
        .scroll((v.scroll.min(max_scroll), 0))
        .render(body, buf);
    Paragraph::new(Line::styled(app.sync_hint(), t.muted)).render(keys, buf);
}
