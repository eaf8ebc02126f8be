//! The Outlook tab: the selected row over the past 12 months and the next 6 (as is and with
//! plans, against the requirement), the expiry calendar, changes since last week, and where
//! every row stands on the review day. Reads `Derived::outlook` only: nothing is computed here.

use super::block;
use crate::domain::{MetricId, Unit};
use crate::report::{amount, item_line, move_line};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::outlook::{CHANGES_DAYS, Outlook, Point};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, Widget,
    Wrap,
};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let o = app.outlook();
    if let Some(e) = &o.error {
        Paragraph::new(format!("Cannot compute the outlook: {e}"))
            .style(app.theme.error)
            .wrap(Wrap { trim: true })
            .block(block(app, " Outlook ", true))
            .render(area, buf);
        return;
    }
    let bottom_h = (area.height / 2).clamp(0, 12);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(bottom_h)]).areas(area);
    let [chart, review] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(top);
    let [calendar, changes] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    let metric = MetricId::ALL
        .get(app.overview_sel)
        .copied()
        .unwrap_or(MetricId::AccreditedTotal);
    render_chart(app, o, metric, chart, buf);
    render_review(app, o, review, buf);
    render_calendar(app, o, calendar, buf);
    render_changes(app, o, changes, buf);
}

/// Chart units: dollars for money (cents would make the axis unreadable), else the value.
fn y(m: MetricId, v: i64) -> f64 {
    match m.unit() {
        Unit::Cents => v as f64 / 100.0,
        _ => v as f64,
    }
}

/// Axis labels: money in whole dollars, or thousands past $10,000.
fn y_label(m: MetricId, v: f64) -> String {
    match m.unit() {
        Unit::Cents if v >= 10_000.0 => format!("${:.0}k", v / 1000.0),
        Unit::Cents => format!("${v:.0}"),
        _ => format!("{v:.0}"),
    }
}

fn series(points: &[Point], idx: usize, m: MetricId, plans: bool) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter_map(|p| {
            let v = if plans {
                p.with_plans?.get(idx).copied()?
            } else {
                p.as_is.get(idx).copied()?
            };
            Some((p.offset as f64, y(m, v)))
        })
        .collect()
}

fn render_chart(app: &App, o: &Outlook, m: MetricId, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let idx = app.overview_sel.min(MetricId::ALL.len() - 1);
    let target = app.store.profile.target_tier();
    let (down, up) = (app.key(Action::Down), app.key(Action::Up));
    let title = format!(
        " {} · upgrade vs {target} · {down}/{up} ",
        m.short_label().trim()
    );
    let req = o.required.get(idx).copied().unwrap_or(0);
    // The key sits in the bottom border: an overlaid legend would hide the lines it explains.
    let mut key = vec![
        Span::styled("⣀ history ", t.title),
        Span::styled("• as is ", t.at_risk),
        Span::styled("█ with plans ", t.met),
    ];
    if req > 0 {
        key.push(Span::styled(format!("⠤ need {} ", amount(m, req)), t.unmet));
    }
    let b = block(app, title, true).title_bottom(Line::from(key));
    let (Some(first), Some(last)) = (o.points.first(), o.points.last()) else {
        b.render(area, buf);
        return;
    };
    let past: Vec<(f64, f64)> = series(&o.points, idx, m, false)
        .into_iter()
        .filter(|(x, _)| *x <= 0.0)
        .collect();
    let as_is: Vec<(f64, f64)> = series(&o.points, idx, m, false)
        .into_iter()
        .filter(|(x, _)| *x >= 0.0)
        .collect();
    let plans = series(&o.points, idx, m, true);
    let (x0, x1) = (first.offset as f64, last.offset as f64);
    let required = [(x0, y(m, req)), (x1, y(m, req))];
    let top = past
        .iter()
        .chain(&as_is)
        .chain(&plans)
        .map(|p| p.1)
        .fold(y(m, req), f64::max);
    let y_max = (top * 1.15).ceil().max(1.0);

    // The requirement goes first: later datasets are drawn over earlier ones, and a value
    // sitting exactly on the line must stay visible.
    let mut datasets = Vec::new();
    if req > 0 {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.unmet)
                .data(&required),
        );
    }
    datasets.extend([
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.title)
            .data(&past),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(t.at_risk)
            .data(&as_is),
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(t.met)
            .data(&plans),
    ]);
    let month = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
    Chart::new(datasets)
        .block(b)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .style(t.muted)
                .bounds([x0, x1.max(x0 + 1.0)])
                .labels([month(first.date), "now".to_string(), month(last.date)]),
        )
        .y_axis(Axis::default().style(t.muted).bounds([0.0, y_max]).labels([
            y_label(m, 0.0),
            y_label(m, y_max / 2.0),
            y_label(m, y_max),
        ]))
        .render(area, buf);
}

/// Money in whole dollars (cents would not fit the columns); other units as they are.
fn whole(m: MetricId, v: i64) -> i64 {
    if m.unit() == Unit::Cents {
        v - v % 100
    } else {
        v
    }
}

/// "3 ✓" / "2 ✗": the value and whether it meets the requirement (symbols, not only colour).
fn mark(m: MetricId, c: &crate::scoring::Cell) -> String {
    let v = match m.unit() {
        Unit::YesNo if c.value != 0 => "yes".to_string(),
        Unit::YesNo => "no".to_string(),
        _ => amount(m, whole(m, c.value)),
    };
    format!("{v} {}", if c.met { "✓" } else { "✗" })
}

fn render_review(app: &App, o: &Outlook, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(r) = &o.review else {
        block(app, " Review day ", false).render(area, buf);
        return;
    };
    let title = format!(" Review {} · {} ", r.date, r.as_is.target_tier);
    // Narrow: the requirement is on the chart's key already; the row names need the room.
    let wide = area.width >= 42;
    let heads: &[&str] = if wide {
        &["Row", "Need", "As is", "Plans"]
    } else {
        &["Row", "As is", "Plans"]
    };
    let header = Row::new(heads.iter().copied()).style(t.header);
    let rows: Vec<Row> = r
        .as_is
        .metrics
        .iter()
        .zip(&r.with_plans.metrics)
        .filter(|(a, _)| a.scored)
        .map(|(a, p)| {
            let (ca, cp) = (
                a.cell(crate::tui::outlook::CHART_WINDOW),
                p.cell(crate::tui::outlook::CHART_WINDOW),
            );
            let style = |c: &crate::scoring::Cell| if c.met { t.met } else { t.unmet };
            let selected = MetricId::ALL.get(app.overview_sel) == Some(&a.id);
            let mut cells = vec![Cell::from(tiny_label(a.id))];
            if wide {
                cells.push(Cell::from(amount(a.id, whole(a.id, ca.required))));
            }
            cells.push(Cell::from(mark(a.id, ca)).style(style(ca)));
            cells.push(Cell::from(mark(a.id, cp)).style(style(cp)));
            Row::new(cells).style(if selected { t.selected } else { Style::new() })
        })
        .collect();
    let widths: &[Constraint] = if wide {
        &[
            Constraint::Min(6),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(9),
        ]
    } else {
        &[
            Constraint::Min(6),
            Constraint::Length(8),
            Constraint::Length(9),
        ]
    };
    Table::new(rows, widths.iter().copied())
        .header(header)
        .column_spacing(1)
        .block(block(app, title, false))
        .render(area, buf);
}

fn render_calendar(app: &App, o: &Outlook, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let total: usize = o.calendar.iter().map(|m| m.expiries.len()).sum();
    let b = block(app, format!(" Expiring, next 12 months: {total} "), false);
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.width == 0 || inner.height == 0 || o.calendar.is_empty() {
        return;
    }
    let names_h = if inner.height >= 6 { 2 } else { 0 };
    let [bars_area, names_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(names_h)]).areas(inner);
    let n = o.calendar.len() as u16;
    let gap = u16::from(inner.width >= n * 2 + n);
    let width = ((inner.width + gap) / n).saturating_sub(gap).max(1);
    let bars: Vec<Bar> = o
        .calendar
        .iter()
        .map(|m| {
            Bar::default()
                .value(m.expiries.len() as u64)
                .label(Line::from(month_label(m.month, width)))
                .style(t.at_risk)
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(gap)
        .value_style(t.title)
        .render(bars_area, buf);
    // Who, for the first months that have any.
    let lines: Vec<Line> = o
        .calendar
        .iter()
        .filter(|m| !m.expiries.is_empty())
        .map(|m| {
            let who: Vec<String> = m
                .expiries
                .iter()
                .map(|e| format!("{} {}", e.who, e.exam))
                .collect();
            Line::from(format!("{}: {}", m.month.format("%b %Y"), who.join(", ")))
        })
        .collect();
    Paragraph::new(lines).style(t.muted).render(names_area, buf);
}

fn render_changes(app: &App, o: &Outlook, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(c) = &o.changes else {
        block(app, " Changes ", false).render(area, buf);
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    for r in &c.moved {
        let style = if r.after.met { t.met } else { t.unmet };
        lines.push(Line::styled(move_line(r), style));
    }
    let mut kind = None;
    for i in &c.items {
        if kind != Some(i.kind) {
            kind = Some(i.kind);
            lines.push(Line::styled(i.kind.heading(), t.header));
        }
        lines.push(Line::from(format!(" {}", item_line(i))));
    }
    if lines.is_empty() {
        lines.push(Line::styled("Nothing changed.", t.muted));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(
            app,
            format!(" Changes since {} (last {CHANGES_DAYS} days) ", c.since),
            false,
        ))
        .render(area, buf);
}

/// Labels short enough for the review table beside the chart.
fn tiny_label(m: MetricId) -> &'static str {
    match m {
        MetricId::AccreditedTotal => "Accredited",
        MetricId::AccreditedTechnical => " technical",
        MetricId::AccreditedBusiness => " business",
        MetricId::CertifiedFoundational => "Foundation",
        MetricId::CertifiedTechnical => "Technical",
        MetricId::CertifiedProSpecialty => "Pro/Spec.",
        MetricId::LaunchedOpportunities => "Launched",
        MetricId::LaunchedMrr => "MRR",
        MetricId::BusinessPlan => "Plan",
        MetricId::PublicReferences => "References",
        MetricId::CsatResponses => "CSAT",
    }
}

/// "Dec" when the bar is wide enough, else "D".
fn month_label(month: chrono::NaiveDate, width: u16) -> String {
    let name = month.format("%b").to_string();
    if width >= 3 {
        name
    } else {
        name.chars().take(usize::from(width)).collect()
    }
}
