//! The scorecard rows, "X of Y" for both windows side by side.

use super::cells;
use crate::domain::MetricId;
use crate::scoring::{Scorecard, WindowKind};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

/// Column header for a window: "Renewal since 2026-04-01" (the tiers are in the block title).
pub fn window_header(sc: &Scorecard, k: WindowKind, narrow: bool) -> String {
    match k {
        WindowKind::Upgrade if narrow => format!("Upgrade to {}", sc.windows.upgrade.end),
        WindowKind::Renewal => format!("Renewal since {}", sc.windows.renewal.start),
        WindowKind::Upgrade => format!("Upgrade 12 mo to {}", sc.windows.upgrade.end),
    }
}

/// Renders the rows of `metrics` in a table inside `block`. `selected` highlights a row
/// (the Overview's cursor). Returns the rows area for click mapping.
pub fn render_rows(
    app: &App,
    metrics: &[MetricId],
    selected: Option<usize>,
    block: Block<'_>,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Rect> {
    let Some(sc) = app.scorecard() else {
        let msg = match &app.derived.scorecard {
            Err(e) => format!("Cannot score this store: {e}"),
            Ok(_) => String::new(),
        };
        Paragraph::new(msg)
            .style(app.theme.error)
            .block(block)
            .render(area, buf);
        return None;
    };
    let t = &app.theme;
    // The engine is counting a change off the input thread: these figures are the last ones.
    let block = if app.recounting() {
        block.title_bottom(Line::styled(" recounting… ", t.muted).right_aligned())
    } else {
        block
    };
    let inner_w = block.inner(area).width;
    let wide = inner_w >= 110;
    let label_w = if wide { 40 } else { 23 };
    // Two cell columns share what the label leaves (one space between columns).
    let cell_w = inner_w.saturating_sub(label_w + 2) / 2;
    let rows: Vec<Row> = metrics
        .iter()
        .filter_map(|m| sc.row(*m))
        .map(|r| {
            let both = [r.cell(WindowKind::Renewal), r.cell(WindowKind::Upgrade)];
            let [ren, up] = cells::row_texts(r.id, both, r.scored, sc.as_of, cell_w);
            let cell = |c, text: String| {
                let st = cells::state(c, r.scored);
                Line::from(Span::styled(text, cells::style(t, st)))
            };
            Row::new(vec![
                Line::from(if wide {
                    r.id.label()
                } else {
                    r.id.short_label()
                }),
                cell(both[0], ren),
                cell(both[1], up),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(label_w),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ],
    )
    .header(
        Row::new(vec![
            format!("{} → {}", sc.tier.label(), sc.target_tier.label()),
            window_header(sc, WindowKind::Renewal, cell_w < 28),
            window_header(sc, WindowKind::Upgrade, cell_w < 28),
        ])
        .style(t.header),
    )
    .row_highlight_style(t.selected)
    .column_spacing(1)
    .block(block.clone());
    let mut state = TableState::default().with_selected(selected);
    StatefulWidget::render(table, area, buf, &mut state);
    let inner = block.inner(area);
    Some(Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    })
}
