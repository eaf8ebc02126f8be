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
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(o) = app.outlook() else {
        Paragraph::new("Computing the outlook…")
            .style(app.theme.muted)
            .block(block(app, " Outlook ", true))
            .render(area, buf);
        return;
    };
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

/// What the chart draws, one glyph each, so the key matches the lines and every series reads
/// without colour (NO_COLOR): the key in the bottom border shows these very glyphs.
const HISTORY: (Marker, &str) = (Marker::Dot, "•");
const AS_IS: (Marker, &str) = (Marker::Bar, "▄");
const PLANS: (Marker, &str) = (Marker::Block, "█");
/// Drawn over the empty cells of the plot after the chart, so data points stay on top.
const NEED: &str = "┄";
const REVIEW: &str = "┆";

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
    let review = o.review.as_ref().map(|r| r.date);
    // The key sits in the bottom border: an overlaid legend would hide the lines it explains.
    let mut key = vec![
        Span::styled(format!("{} history ", HISTORY.1), t.title),
        Span::styled(format!("{} as is ", AS_IS.1), t.at_risk),
        Span::styled(format!("{} plans ", PLANS.1), t.met),
    ];
    if req > 0 {
        key.push(Span::styled(format!("{NEED} need "), t.unmet));
    }
    if review.is_some() {
        key.push(Span::styled(format!("{REVIEW} review "), t.header));
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
    let (x0, x1) = (
        first.offset as f64,
        last.offset.max(first.offset + 1) as f64,
    );
    let data_top = past
        .iter()
        .chain(&as_is)
        .chain(&plans)
        .map(|p| p.1)
        .fold(0.0, f64::max);
    // A flagged MRR (annual-looking) does not set the scale: its points leave the top.
    let off_scale = m == MetricId::LaunchedMrr && o.flagged_mrr > 0;
    let top = match o.mrr_scale {
        Some(clean) if off_scale => y(m, clean),
        _ => data_top,
    }
    .max(y(m, req));
    let y_max = (top * 1.15).ceil().max(1.0);
    let mut inner = b.inner(area);
    b.render(area, buf);
    // Said on its own line over the plot: a border title would be cut at 80 columns.
    if off_scale && data_top > y_max && inner.height > 4 {
        let n = o.flagged_mrr;
        Paragraph::new(format!(
            "↑ off scale: {n} MRR{} flagged as annual",
            if n == 1 { "" } else { "s" }
        ))
        .style(t.at_risk)
        .render(Rect { height: 1, ..inner }, buf);
        inner.y += 1;
        inner.height -= 1;
    }
    let datasets = vec![
        Dataset::default()
            .marker(HISTORY.0)
            .graph_type(GraphType::Line)
            .style(t.title)
            .data(&past),
        Dataset::default()
            .marker(AS_IS.0)
            .graph_type(GraphType::Line)
            .style(t.at_risk)
            .data(&as_is),
        Dataset::default()
            .marker(PLANS.0)
            .graph_type(GraphType::Scatter)
            .style(t.met)
            .data(&plans),
    ];
    // The requirement is labelled at its own height (drawn below); the axis labels the ends,
    // padded to the requirement label's width so the plot does not move under it.
    let req_label = (req > 0).then(|| y_label(m, y(m, req)));
    let label_w = [y_label(m, 0.0), y_label(m, y_max)]
        .iter()
        .chain(req_label.iter())
        .map(|l| l.width())
        .max()
        .unwrap_or(1);
    let pad = |l: String| format!("{l:>label_w$}");
    let x_labels = month_labels(o, inner.width.saturating_sub(label_w as u16 + 1));
    let first_x_w = x_labels.first().map_or(0, |l| l.width());
    Chart::new(datasets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .style(t.muted)
                .bounds([x0, x1])
                .labels(x_labels),
        )
        .y_axis(
            Axis::default()
                .style(t.muted)
                .bounds([0.0, y_max])
                .labels([pad(y_label(m, 0.0)), pad(y_label(m, y_max))]),
        )
        .render(inner, buf);
    // The plot area as the chart lays it out: labels column, the y axis, then the plot; the
    // x axis and its labels take the last two lines.
    let left = label_w
        .max(first_x_w.saturating_sub(1))
        .min(usize::from(inner.width / 3)) as u16;
    let plot = Rect {
        x: inner.x + left + 1,
        y: inner.y,
        width: inner.width.saturating_sub(left + 1),
        height: inner.height.saturating_sub(2),
    };
    if plot.width < 2 || plot.height < 2 {
        return;
    }
    let row_of = |v: f64| {
        let r = ((y_max - v) * f64::from(plot.height - 1) / y_max).round();
        plot.y + (r.clamp(0.0, f64::from(plot.height - 1)) as u16)
    };
    let col_of = |x: f64| {
        let c = ((x - x0) * f64::from(plot.width - 1) / (x1 - x0)).round();
        plot.x + (c.clamp(0.0, f64::from(plot.width - 1)) as u16)
    };
    let empty = |buf: &Buffer, x: u16, y: u16| buf.cell((x, y)).is_some_and(|c| c.symbol() == " ");
    if let Some(label) = req_label {
        let ry = row_of(y(m, req));
        for x in plot.x..plot.right() {
            if empty(buf, x, ry) {
                buf.set_string(x, ry, NEED, t.unmet);
            }
        }
        buf.set_string(inner.x, ry, pad(label), t.unmet);
    }
    if let Some(d) = review {
        let off = (d - app.as_of).num_days() as f64;
        if (x0..=x1).contains(&off) {
            let rx = col_of(off);
            for yy in plot.y..plot.bottom() {
                if empty(buf, rx, yy) {
                    buf.set_string(rx, yy, REVIEW, t.header);
                }
            }
        }
    }
}

/// Month names under the chart, evenly spaced as the chart places them: every third month with
/// "now" where it falls (`Nov Feb May Aug now Feb May`), or the ends, six months back and now
/// when the plot is narrow.
fn month_labels(o: &Outlook, width: u16) -> Vec<String> {
    let name = |i: usize| {
        o.points.get(i).map_or_else(String::new, |p| {
            if p.offset == 0 {
                "now".to_string()
            } else {
                p.date.format("%b").to_string()
            }
        })
    };
    let n = o.points.len();
    let now = o.points.iter().position(|p| p.offset == 0).unwrap_or(0);
    // Seven labels need some five columns each; each must sit on a point at its share of the
    // range, which holds when now splits it in whole thirds of the twelve-month past.
    let step = |k: usize| (n.saturating_sub(1)) * k / 6;
    if width >= 36 && n == 19 && now == 12 {
        (0..=6).map(|k| name(step(k))).collect()
    } else {
        let y = |i: usize| {
            o.points
                .get(i)
                .map_or_else(String::new, |p| p.date.format("%b %y").to_string())
        };
        if n == 19 && now == 12 {
            vec![y(0), name(6), name(12), y(18)]
        } else {
            vec![y(0), y(n.saturating_sub(1))]
        }
    }
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
    // Bars narrower than a month's name: the names go on a line of their own, every third
    // month in full ("Dec Mar Jun Sep"), rather than cut to "De Ma Ju".
    let narrow = width < 3;
    let [bars_area, months_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(u16::from(narrow))])
            .areas(bars_area);
    let bars: Vec<Bar> = o
        .calendar
        .iter()
        .map(|m| {
            let bar = Bar::default()
                .value(m.expiries.len() as u64)
                .style(t.at_risk);
            if narrow {
                bar
            } else {
                bar.label(Line::from(m.month.format("%b").to_string()))
            }
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(gap)
        .value_style(t.title)
        .render(bars_area, buf);
    if narrow {
        for (i, m) in o.calendar.iter().enumerate().step_by(3) {
            let x = months_area.x + i as u16 * (width + gap);
            if x + 3 <= months_area.right() {
                buf.set_string(x, months_area.y, m.month.format("%b").to_string(), t.muted);
            }
        }
    }
    // Who, for the first months that have any: only as many names as the line can show (a
    // large partner has thousands of expiries a month).
    let room = usize::from(names_area.width);
    let lines: Vec<Line> = o
        .calendar
        .iter()
        .filter(|m| !m.expiries.is_empty())
        .take(usize::from(names_area.height))
        .map(|m| {
            let mut line = format!("{}: ", m.month.format("%b %Y"));
            for (i, e) in m.expiries.iter().enumerate() {
                if line.width() > room {
                    break;
                }
                if i > 0 {
                    line.push_str(", ");
                }
                line.push_str(&format!("{} {}", e.who, e.exam));
            }
            Line::from(line)
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
    // No more lines than the panel can show: a busy week at a large partner has thousands.
    let room = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    for r in &c.moved {
        let style = if r.after.met { t.met } else { t.unmet };
        lines.push(Line::styled(move_line(r), style));
    }
    let mut kind = None;
    for i in &c.items {
        if lines.len() >= room {
            break;
        }
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
