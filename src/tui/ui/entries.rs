//! Pillar tabs: the pillar's rows above the entries behind them, and the detail of one entry.

use super::{block, scorecard};
use crate::domain::{MetricId, Person};
use crate::scoring;
use crate::tui::app::{App, Tab};
use crate::tui::tables::TableKind;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

pub fn render_pillar_tab(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(pillar) = app.tab.pillar() else {
        return;
    };
    let metrics: Vec<MetricId> = MetricId::ALL
        .into_iter()
        .filter(|m| m.pillar() == pillar)
        .collect();
    let rows_h = (metrics.len() as u16 + 3).min(area.height / 2);
    let extra_h = u16::from(app.tab == Tab::Experience);
    let [rows_area, extra, entries] = Layout::vertical([
        Constraint::Length(rows_h),
        Constraint::Length(extra_h),
        Constraint::Min(0),
    ])
    .areas(area);
    let title = format!(" {} ", pillar.label());
    scorecard::render_rows(
        app,
        &metrics,
        None,
        block(app, title, false),
        rows_area,
        buf,
    );
    if app.tab == Tab::Experience {
        render_business_plan(app, extra, buf);
    }
    match app.tab {
        Tab::Knowledge => {
            if entries.width >= 110 {
                let [l, r] = Layout::horizontal([Constraint::Min(60), Constraint::Length(44)])
                    .areas(entries);
                render_table(app, TableKind::People, true, l, buf);
                render_person_pane(app, r, buf);
            } else {
                render_table(app, TableKind::People, true, entries, buf);
            }
        }
        Tab::Experience => render_table(app, TableKind::Opportunities, true, entries, buf),
        Tab::Customers => {
            let [a, b] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(entries);
            let focus = app.cs_focus;
            render_table(
                app,
                TableKind::References,
                focus == TableKind::References,
                a,
                buf,
            );
            render_table(app, TableKind::Csat, focus == TableKind::Csat, b, buf);
        }
        Tab::Overview | Tab::Outlook => {}
    }
}

fn render_business_plan(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let ctx = app.ctx();
    let line = match app.store.current_business_plan() {
        None => Line::styled(
            format!(
                " Business plan: none recorded ({} to add)",
                app.key(crate::tui::action::Action::EditBusinessPlan)
            ),
            t.muted,
        ),
        Some(bp) => {
            let w = ctx.windows;
            let mark = |b: bool| if b { "✓" } else { "✗" };
            let validated = bp
                .validated_on
                .map_or("not validated".to_string(), |d| format!("validated {d}"));
            let by = if bp.validated_by.is_empty() {
                String::new()
            } else {
                format!(" by {}", bp.validated_by)
            };
            Line::from(vec![
                Span::raw(format!(
                    " Business plan: renewal {} · upgrade {} · ",
                    mark(scoring::business_plan_counts(bp, w.renewal)),
                    mark(scoring::business_plan_counts(bp, w.upgrade))
                )),
                Span::raw(format!(
                    "{validated}{by} ({} edits)",
                    app.key(crate::tui::action::Action::EditBusinessPlan)
                )),
            ])
        }
    };
    Paragraph::new(line).render(area, buf);
}

fn widths(kind: TableKind) -> Vec<Constraint> {
    use Constraint::{Fill, Length};
    match kind {
        TableKind::People => vec![
            Fill(2),
            Length(12),
            Fill(2),
            Length(8),
            Length(10),
            Length(6),
            Length(10),
        ],
        TableKind::Opportunities => vec![
            Length(10),
            Fill(2),
            Fill(2),
            Length(12),
            Length(11),
            Length(10),
            Length(5),
            Length(4),
        ],
        TableKind::References => vec![Fill(2), Fill(3), Length(10), Fill(2), Length(5), Length(4)],
        TableKind::Csat => vec![
            Fill(2),
            Length(10),
            Length(9),
            Length(7),
            Fill(3),
            Length(5),
            Length(4),
        ],
    }
}

/// One entry table. Only the visible rows are built, so a 20,000-row table draws as fast as a
/// 20-row one.
fn render_table(app: &App, kind: TableKind, focused: bool, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let view = app.table(kind);
    let total = kind.len(&app.store);
    let mut title = format!(" {} {}", kind.title(), view.rows.len());
    if view.rows.len() != total {
        title.push_str(&format!(" of {total}"));
    }
    if !view.filter.is_empty() {
        title.push_str(&format!(" · filter \"{}\"", view.filter));
    }
    title.push(' ');
    let b = block(app, title, focused);
    let inner = b.inner(area);
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    // Keep the cursor on screen: the offset moves only when the cursor leaves the view.
    let mut offset = view.offset.get();
    if view.selected < offset {
        offset = view.selected;
    } else if view.selected >= offset + visible {
        offset = view.selected + 1 - visible;
    }
    offset = offset.min(view.rows.len().saturating_sub(visible));
    view.offset.set(offset);
    if focused {
        app.page_rows.set(visible);
    }
    let ctx = app.ctx();
    let rows: Vec<Row> = view
        .rows
        .iter()
        .skip(offset)
        .take(visible)
        .map(|&i| {
            let (r, u) = ctx.counted(kind, i);
            let row = Row::new(ctx.cells(kind, i));
            if r || u { row } else { row.style(t.muted) }
        })
        .collect();
    let header: Vec<String> = kind
        .columns()
        .iter()
        .enumerate()
        .map(|(c, name)| {
            if c == view.sort_col {
                format!("{name} {}", if view.sort_desc { "↓" } else { "↑" })
            } else {
                (*name).to_string()
            }
        })
        .collect();
    let empty = view.rows.is_empty();
    let table = Table::new(rows, widths(kind))
        .header(Row::new(header).style(t.header))
        .row_highlight_style(if focused {
            t.selected
        } else {
            ratatui::style::Style::new()
        })
        .column_spacing(1)
        .block(b);
    let sel = (!empty).then(|| view.selected.saturating_sub(offset));
    let mut state = TableState::default().with_selected(sel);
    StatefulWidget::render(table, area, buf, &mut state);
    if empty {
        let msg = if total == 0 {
            format!("No {} yet.", kind.title().to_lowercase())
        } else {
            "No entries match (esc clears the filter, w changes the window).".to_string()
        };
        let y = inner.y.saturating_add(1);
        if y < inner.bottom() {
            Paragraph::new(msg)
                .style(t.muted)
                .render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
    if focused {
        app.hits.borrow_mut().table = Some((
            Rect {
                y: inner.y.saturating_add(1),
                height: inner.height.saturating_sub(1),
                ..inner
            },
            kind,
        ));
    }
}

/// Lines describing one person: what they hold and whether it counts.
pub fn person_lines<'a>(app: &App, p: &Person, cursor: Option<usize>) -> Vec<Line<'a>> {
    let mut k = 0usize;
    let mut mark = |line: Line<'a>| -> Line<'a> {
        let here = cursor == Some(k);
        k += 1;
        if here {
            line.style(app.theme.selected)
        } else {
            line
        }
    };
    let t = &app.theme;
    let d = app.as_of;
    let mut lines = vec![Line::styled(p.name.clone(), t.title)];
    if !p.email.is_empty() {
        lines.push(Line::from(p.email.clone()));
    }
    let status = match (p.employed_on(d), p.linked) {
        (false, _) => Span::styled(
            format!(
                "left on {} ✗ not counted",
                p.left_on.map(|x| x.to_string()).unwrap_or_default()
            ),
            t.unmet,
        ),
        (true, false) => Span::styled("account not linked ✗ AWS does not credit", t.unmet),
        (true, true) => Span::styled("employed, linked ✓", t.met),
    };
    lines.push(Line::from(status));
    lines.push(Line::styled("Certifications", t.header));
    if p.certifications.is_empty() {
        lines.push(Line::styled("  none", t.muted));
    }
    for c in &p.certifications {
        let level = app
            .program
            .catalog
            .find(&c.exam)
            .map_or("unknown exam", |e| e.level.label());
        let (sym, style) = if c.active_on(d) {
            ("✓", t.met)
        } else if c.earned > d {
            ("·", t.muted)
        } else {
            ("✗", t.muted)
        };
        lines.push(mark(Line::from(vec![
            Span::styled(format!("  {sym} {} ", c.exam), style),
            Span::raw(format!("{level} · {} → {}", c.earned, c.expiry())),
        ])));
    }
    lines.push(Line::styled("Accreditations", t.header));
    if p.accreditations.is_empty() {
        lines.push(Line::styled("  none", t.muted));
    }
    for a in &p.accreditations {
        let sym = if a.active_on(d) { "✓" } else { "✗" };
        let until = a.expires.map_or(String::new(), |e| format!(" → {e}"));
        lines.push(mark(Line::from(format!(
            "  {sym} {} · {}{until}",
            a.kind.label(),
            a.earned
        ))));
    }
    if !p.planned_exams.is_empty() {
        lines.push(Line::styled("Planned exams", t.header));
        for x in &p.planned_exams {
            lines.push(mark(Line::from(format!("  · {} by {}", x.exam, x.target))));
        }
    }
    lines
}

fn render_person_pane(app: &App, area: Rect, buf: &mut Buffer) {
    let view = app.table(TableKind::People);
    let lines = view
        .selected_entry()
        .and_then(|i| app.store.people.get(i))
        .map_or_else(
            || vec![Line::styled("No person selected.", app.theme.muted)],
            |p| person_lines(app, p, None),
        );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(app, " Person ", false))
        .render(area, buf);
}

/// Every field of the selected entry, in a popup.
pub fn render_detail_popup(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(kind) = app.focused_table() else {
        return;
    };
    let Some(i) = app.table(kind).selected_entry() else {
        return;
    };
    let t = &app.theme;
    let ctx = app.ctx();
    let (r, u) = ctx.counted(kind, i);
    let mut lines: Vec<Line> = match kind {
        TableKind::People => app
            .store
            .people
            .get(i)
            .map(|p| {
                let mut l = person_lines(app, p, Some(app.detail_sel()));
                l.push(Line::raw(""));
                l.push(Line::styled(app.detail_hint(), app.theme.muted));
                l
            })
            .unwrap_or_default(),
        _ => kind
            .columns()
            .iter()
            .zip(ctx.cells(kind, i))
            .filter(|(c, _)| !matches!(**c, "Renew" | "Upgr"))
            .map(|(c, v)| {
                Line::from(vec![
                    Span::styled(format!("{c:>10}: "), t.header),
                    Span::raw(v),
                ])
            })
            .collect(),
    };
    if kind != TableKind::People {
        let word = |b: bool| if b { "✓ counted" } else { "· not counted" };
        lines.push(Line::from(format!("{:>10}: {}", "Renewal", word(r))));
        lines.push(Line::from(format!("{:>10}: {}", "Upgrade", word(u))));
        if let (TableKind::Opportunities, Some(o)) = (kind, app.store.opportunities.get(i))
            && o.mrr_looks_annual()
        {
            lines.push(Line::styled(
                "! This MRR looks like an annual figure: AWS asks for ARR / 12.",
                t.at_risk,
            ));
        }
    }
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(5);
    let popup = area.centered(Constraint::Percentage(80), Constraint::Length(h));
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block(app, format!(" {} ", kind.noun()), true))
        .render(popup, buf);
}
