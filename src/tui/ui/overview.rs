//! The standup screen: every row in both windows, a bar per pillar, the verdicts, the next
//! actions and what lapses within the horizon.

use super::{block, scorecard};
use crate::domain::{MetricId, Pillar};
use crate::scoring::WindowKind;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget, Wrap};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let verdict = app.scorecard().map(|sc| {
        let v = |k: WindowKind, tier: &str| {
            if sc.tier_met(k) {
                Span::styled(format!(" {tier} ✓ met "), t.met)
            } else {
                Span::styled(format!(" {tier} ✗ not met "), t.unmet)
            }
        };
        Line::from(vec![
            Span::raw(" Scorecard · renewal:"),
            v(WindowKind::Renewal, sc.tier.label()),
            Span::raw("· upgrade:"),
            v(WindowKind::Upgrade, sc.target_tier.label()),
        ])
    });
    let table_h = (MetricId::ALL.len() as u16 + 3).min(area.height.saturating_sub(4));
    // Short terminals give the gauges' lines to the next actions.
    let gauges_h = if area.height >= 26 { 3 } else { 0 };
    let [top, gauges, bottom] = Layout::vertical([
        Constraint::Length(table_h),
        Constraint::Length(gauges_h),
        Constraint::Min(0),
    ])
    .areas(area);
    let b = block(
        app,
        verdict.unwrap_or_else(|| Line::from(" Scorecard ")),
        true,
    );
    let rows = scorecard::render_rows(app, &MetricId::ALL, Some(app.overview_sel), b, top, buf);
    app.hits.borrow_mut().overview_rows = rows;
    render_gauges(app, gauges, buf);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    render_actions(app, left, buf);
    render_upcoming(app, right, buf);
}

/// One bar a pillar: the share of its scored upgrade rows met, with both counts in words.
fn render_gauges(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(sc) = app.scorecard() else {
        return;
    };
    let t = &app.theme;
    let areas = Layout::vertical([Constraint::Length(1); 3]).split(area);
    for (pillar, row_area) in Pillar::ALL.iter().zip(areas.iter()) {
        let rows: Vec<_> = sc
            .metrics
            .iter()
            .filter(|r| r.id.pillar() == *pillar && r.scored)
            .collect();
        let n = rows.len();
        let ren = rows.iter().filter(|r| r.renewal.met).count();
        let up = rows.iter().filter(|r| r.upgrade.met).count();
        let ratio = if n == 0 { 1.0 } else { up as f64 / n as f64 };
        let sym = |k: usize| if k == n { "✓" } else { "✗" };
        let label = format!(
            " {:<16} renewal {ren}/{n} {} · upgrade {up}/{n} {} ",
            pillar.label(),
            sym(ren),
            sym(up)
        );
        let style = if up == n { t.met } else { t.unmet };
        LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label)
            .filled_style(style)
            .unfilled_style(t.muted)
            .render(*row_area, buf);
    }
}

fn render_actions(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines: Vec<Line> = app
        .derived
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| Line::from(format!("{}. {a}", i + 1)))
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("Nothing to do: every row is met.", t.met));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block(app, " Next actions ", false))
        .render(area, buf);
}

fn render_upcoming(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let horizon = app.store.profile.settings.horizon_days;
    let mut lines: Vec<Line> = app
        .derived
        .upcoming
        .iter()
        // Each line takes at least one row: more than fit are never seen, so never built.
        .take(usize::from(area.height))
        .map(|u| {
            Line::from(vec![
                Span::styled(format!("{} ", u.date), t.at_risk),
                Span::raw(crate::report::wording::upcoming_line(u)),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("Nothing expires or leaves a window in {horizon} days."),
            t.muted,
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block(app, format!(" Lapses within {horizon} days "), false))
        .render(area, buf);
}
