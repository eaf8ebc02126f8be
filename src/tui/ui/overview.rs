//! The standup screen: every row in both windows, a bar per pillar, the verdicts, the next
//! actions and what lapses within the horizon. The two lists take the keys in turn (the
//! switch-table key), scroll, and open full screen, so 80x24 reads every line of them.

use super::{block, scorecard};
use crate::domain::{MetricId, Pillar};
use crate::scoring::{Scorecard, WindowKind};
use crate::tui::action::Action;
use crate::tui::app::{App, Panel};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// Lines the scorecard needs: its rows, header and borders.
const TABLE_H: u16 = MetricId::ALL.len() as u16 + 3;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let o = &app.overview;
    if o.zoomed && o.focus != Panel::Scorecard {
        render_list(app, o.focus, area, buf);
        return;
    }
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
    let table_h = TABLE_H.min(area.height.saturating_sub(4));
    // Short terminals give the gauges' lines to the lists and fold the bars into the
    // scorecard's bottom border.
    let gauges_h = if area.height >= 26 { 3 } else { 0 };
    let [top, gauges, bottom] = Layout::vertical([
        Constraint::Length(table_h),
        Constraint::Length(gauges_h),
        Constraint::Min(0),
    ])
    .areas(area);
    let mut b = block(
        app,
        verdict.unwrap_or_else(|| Line::from(" Scorecard ")),
        o.focus == Panel::Scorecard,
    );
    if gauges_h == 0
        && let Some(sc) = app.scorecard()
    {
        b = b.title_bottom(pillar_line(app, sc));
    }
    let rows = scorecard::render_rows(app, &MetricId::ALL, Some(app.overview_sel), b, top, buf);
    app.hits.borrow_mut().overview_rows = rows;
    render_gauges(app, gauges, buf);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    render_list(app, Panel::Actions, left, buf);
    render_list(app, Panel::Lapses, right, buf);
}

/// Scored upgrade rows of a pillar: (rows, met in renewal, met in upgrade).
fn pillar_counts(sc: &Scorecard, pillar: Pillar) -> (usize, usize, usize) {
    let rows: Vec<_> = sc
        .metrics
        .iter()
        .filter(|r| r.id.pillar() == pillar && r.scored)
        .collect();
    let ren = rows.iter().filter(|r| r.renewal.met).count();
    let up = rows.iter().filter(|r| r.upgrade.met).count();
    (rows.len(), ren, up)
}

fn sym(k: usize, n: usize) -> &'static str {
    if k == n { "✓" } else { "✗" }
}

/// The pillar bars folded into one line: "Knowledge 6/6✓ 5/6✗ · ..." (renewal, then upgrade,
/// as the columns above).
fn pillar_line(app: &App, sc: &Scorecard) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    for (i, pillar) in Pillar::ALL.iter().enumerate() {
        let (n, ren, up) = pillar_counts(sc, *pillar);
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        let style = |k: usize| if k == n { t.met } else { t.unmet };
        spans.push(Span::raw(format!("{} ", pillar.label())));
        spans.push(Span::styled(
            format!("{ren}/{n}{}", sym(ren, n)),
            style(ren),
        ));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!("{up}/{n}{}", sym(up, n)), style(up)));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

/// One bar a pillar: the share of its scored upgrade rows met, with both counts in words.
fn render_gauges(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(sc) = app.scorecard() else {
        return;
    };
    let t = &app.theme;
    let areas = Layout::vertical([Constraint::Length(1); 3]).split(area);
    for (pillar, row_area) in Pillar::ALL.iter().zip(areas.iter()) {
        let (n, ren, up) = pillar_counts(sc, *pillar);
        let ratio = if n == 0 { 1.0 } else { up as f64 / n as f64 };
        let label = format!(
            " {:<16} renewal {ren}/{n} {} · upgrade {up}/{n} {} ",
            pillar.label(),
            sym(ren, n),
            sym(up, n)
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

/// One list item: a styled lead ("3. ", "2026-12-04 ") and its sentence.
struct Item {
    lead: String,
    lead_style: Style,
    text: String,
}

/// The panel's items, made as they are wrapped (lapses can number thousands in a large store)
/// and their count.
fn items(app: &App, panel: Panel) -> (Box<dyn Iterator<Item = Item> + '_>, usize) {
    let t = &app.theme;
    match panel {
        Panel::Lapses => (
            Box::new(app.derived.upcoming.iter().map(|u| Item {
                lead: format!("{} ", u.date),
                lead_style: t.at_risk,
                text: crate::report::wording::upcoming_line(u),
            })),
            app.derived.upcoming.len(),
        ),
        _ => (
            Box::new(app.derived.actions.iter().enumerate().map(|(i, a)| Item {
                lead: format!("{}. ", i + 1),
                lead_style: Style::new(),
                text: a.clone(),
            })),
            app.derived.actions.len(),
        ),
    }
}

/// Wraps items to `width`, continuation lines indented under the sentence, until `enough`
/// lines are made (a long list is not wrapped past what can be seen). Returns the lines and the
/// first line of each item wrapped.
fn wrap(
    items: impl Iterator<Item = Item>,
    width: u16,
    enough: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for it in items {
        if lines.len() >= enough {
            break;
        }
        starts.push(lines.len());
        let lead_w = it.lead.width();
        let indent = " ".repeat(lead_w.min(usize::from(width) / 2));
        let opts = textwrap::Options::new(usize::from(width).max(1))
            .initial_indent(&it.lead)
            .subsequent_indent(&indent);
        for (i, l) in textwrap::wrap(&it.text, opts).into_iter().enumerate() {
            let l = l.into_owned();
            if i == 0 && l.starts_with(&it.lead) {
                let rest = l[it.lead.len()..].to_string();
                lines.push(Line::from(vec![
                    Span::styled(it.lead.clone(), it.lead_style),
                    Span::raw(rest),
                ]));
            } else {
                lines.push(Line::from(l));
            }
        }
    }
    (lines, starts)
}

/// Next actions or lapses: scrolled to the panel's offset, titled with the items in view and,
/// when it has the keys, the keys that move it.
fn render_list(app: &App, panel: Panel, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 4 {
        return;
    }
    let t = &app.theme;
    let o = &app.overview;
    let focused = o.focus == panel;
    let horizon = app.store.profile.settings.horizon_days;
    let (name, scroll) = match panel {
        Panel::Lapses => (format!("Lapses within {horizon} days"), &o.lapses_scroll),
        _ => ("Next actions".to_string(), &o.actions_scroll),
    };
    let inner_w = area.width - 2;
    let inner_h = area.height - 2;
    let (list, n) = items(app, panel);
    let wanted = usize::from(scroll.get());
    // One line past the view tells whether more follows; the end is found only when reached.
    let (mut lines, starts) = wrap(list, inner_w, wanted + usize::from(inner_h) + 1);
    let complete = starts.len() == n;
    let max = if complete {
        lines.len().saturating_sub(usize::from(inner_h))
    } else {
        lines.len()
    };
    let off = wanted.min(max);
    scroll.set(off as u16);
    if focused {
        app.page_rows.set(usize::from(inner_h));
    }
    let end = off + usize::from(inner_h);
    // Items with at least one line in view, 1-based.
    let first = starts.iter().rposition(|&s| s <= off).map_or(0, |i| i + 1);
    let last = starts.iter().rposition(|&s| s < end).map_or(0, |i| i + 1);
    let title = if n == 0 {
        format!(" {name} ")
    } else if first == 1 && last == n && complete && lines.len() <= usize::from(inner_h) {
        format!(" {name}: {n} ")
    } else {
        format!(" {name} {first}–{last} of {n} ")
    };
    let k = |a: Action| app.key(a);
    let hint = if focused && o.zoomed {
        format!(
            " {}/{} scroll · {} back ",
            k(Action::Down),
            k(Action::Up),
            k(Action::ClearFilter)
        )
    } else if focused {
        // Long (rebound) key names: drop the least needed part rather than cut the keys.
        let scroll = format!(" {}/{} scroll ", k(Action::Down), k(Action::Up));
        let full = format!("{scroll}· {} full screen ", k(Action::OpenDetail));
        let next = format!("{full}· {} next ", k(Action::NextTable));
        [next, full]
            .into_iter()
            .find(|h| h.width() + 2 <= usize::from(area.width))
            .unwrap_or(scroll)
    } else if max > 0 {
        format!(" {} to scroll ", k(Action::NextTable))
    } else {
        String::new()
    };
    if lines.is_empty() {
        lines.push(match panel {
            Panel::Lapses => Line::styled(
                format!("Nothing expires or leaves a window in {horizon} days."),
                t.muted,
            ),
            _ => Line::styled("Nothing to do: every row is met.", t.met),
        });
    }
    let mut b = block(app, title, focused);
    if !hint.is_empty() {
        b = b.title_bottom(Line::from(hint).right_aligned());
    }
    Paragraph::new(lines)
        .scroll((off as u16, 0))
        .block(b)
        .render(area, buf);
}
