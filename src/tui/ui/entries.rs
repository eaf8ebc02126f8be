//! Pillar tabs: the pillar's rows above the entries behind them, and the detail of one entry.

use super::{block, scorecard};
use crate::domain::{MetricId, Person};
use crate::scoring;
use crate::tui::app::{App, Tab};
use crate::tui::tables::{KEEP_SORTED, SPACING, TableKind, Want, clip, fit, header};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

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
                // The table takes what shows its columns whole; the person pane the rest.
                let laid = lay_out(app, TableKind::People, entries.height);
                let table_w = laid.need().clamp(60, entries.width - PANE_MIN);
                let [l, r] = Layout::horizontal([Constraint::Length(table_w), Constraint::Min(0)])
                    .areas(entries);
                draw_table(app, TableKind::People, true, &laid, l, buf);
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

/// The narrowest the person pane beside the people table gets.
const PANE_MIN: u16 = 44;

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
            // The table's wording: a window whose tier asks for no plan says "not required".
            let required = |k: scoring::WindowKind| {
                app.scorecard()
                    .and_then(|sc| sc.row(MetricId::BusinessPlan))
                    .is_none_or(|r| {
                        super::cells::state(r.cell(k), r.scored)
                            != super::cells::CellState::NotRequired
                    })
            };
            let mark = |k: scoring::WindowKind, b: bool| match (required(k), b) {
                (false, _) => "not required",
                (true, true) => "✓",
                (true, false) => "✗",
            };
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
                    mark(
                        scoring::WindowKind::Renewal,
                        scoring::business_plan_counts(bp, w.renewal)
                    ),
                    mark(
                        scoring::WindowKind::Upgrade,
                        scoring::business_plan_counts(bp, w.upgrade)
                    )
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

/// One entry table measured for its area: the rows in view, their cells, and what each column
/// asks of the width. Only the visible rows are built, so a 20,000-row table draws as fast as a
/// 20-row one, and columns are sized to what is on screen.
struct Laid {
    offset: usize,
    /// Cells of each visible row (one per shown column) and whether it counts in a window.
    rows: Vec<(Vec<String>, bool)>,
    headers: Vec<String>,
    wants: Vec<Want>,
}

impl Laid {
    /// Width the table needs to show every column whole, borders included.
    fn need(&self) -> u16 {
        let gaps = u16::try_from(self.wants.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.wants
            .iter()
            .fold(gaps.saturating_mul(SPACING), |n, w| {
                n.saturating_add(w.ideal)
            })
            .saturating_add(2)
    }
}

fn lay_out(app: &App, kind: TableKind, height: u16) -> Laid {
    let view = app.table(kind);
    // Borders and the header row.
    let visible = usize::from(height.saturating_sub(3)).max(1);
    // Keep the cursor on screen: the offset moves only when the cursor leaves the view.
    let mut offset = view.offset.get();
    if view.selected < offset {
        offset = view.selected;
    } else if view.selected >= offset + visible {
        offset = view.selected + 1 - visible;
    }
    offset = offset.min(view.rows.len().saturating_sub(visible));
    let ctx = app.ctx();
    let rows: Vec<(Vec<String>, bool)> = view
        .rows
        .iter()
        .skip(offset)
        .take(visible)
        .map(|&i| {
            let (r, u) = ctx.counted(kind, i);
            (ctx.cells(kind, i), r || u)
        })
        .collect();
    let specs = kind.specs();
    let headers: Vec<String> = specs
        .iter()
        .enumerate()
        .map(|(c, s)| header(s.title, (c == view.sort_col).then_some(view.sort_desc)))
        .collect();
    let wants = specs
        .iter()
        .enumerate()
        .map(|(c, s)| {
            let cells = rows
                .iter()
                .filter_map(|(cells, _)| cells.get(c).map(String::as_str));
            let mut want = Want::measure(s, &headers[c], cells);
            if c == view.sort_col {
                want.keep = want.keep.max(KEEP_SORTED);
            }
            want
        })
        .collect();
    Laid {
        offset,
        rows,
        headers,
        wants,
    }
}

/// One entry table, its columns fitted to the area: names whole first, the least useful
/// columns dropped at narrow widths.
fn render_table(app: &App, kind: TableKind, focused: bool, area: Rect, buf: &mut Buffer) {
    let laid = lay_out(app, kind, area.height);
    draw_table(app, kind, focused, &laid, area, buf);
}

fn draw_table(
    app: &App,
    kind: TableKind,
    focused: bool,
    laid: &Laid,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let view = app.table(kind);
    let total = kind.len(&app.store);
    let mut title = format!(" {} {}", kind.title(), view.rows.len());
    if view.rows.len() != total {
        title.push_str(&format!(" of {total}"));
    }
    // The window filter says itself where it hides rows, at any width.
    if let Some(w) = app.window_filter.short_label() {
        title.push_str(&format!(" · {w}"));
    }
    if !view.filter.is_empty() {
        title.push_str(&format!(" · filter \"{}\"", view.filter));
    }
    title.push(' ');
    let b = block(app, title, focused);
    let inner = b.inner(area);
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    view.offset.set(laid.offset);
    if focused {
        app.page_rows.set(visible);
    }
    let shown: Vec<(usize, u16)> = fit(&laid.wants, inner.width)
        .into_iter()
        .enumerate()
        .filter_map(|(c, w)| w.map(|w| (c, w)))
        .collect();
    let cells = |texts: &[String]| -> Vec<String> {
        shown
            .iter()
            .map(|&(c, w)| texts.get(c).map_or_else(String::new, |s| clip(s, w)))
            .collect()
    };
    let rows: Vec<Row> = laid
        .rows
        .iter()
        .map(|(texts, counted)| {
            let row = Row::new(cells(texts));
            if *counted { row } else { row.style(t.muted) }
        })
        .collect();
    let empty = view.rows.is_empty();
    let table = Table::new(rows, shown.iter().map(|&(_, w)| Constraint::Length(w)))
        .header(Row::new(cells(&laid.headers)).style(t.header))
        .row_highlight_style(if focused {
            t.selected
        } else {
            ratatui::style::Style::new()
        })
        .column_spacing(SPACING)
        .block(b);
    let sel = (!empty).then(|| view.selected.saturating_sub(laid.offset));
    let mut state = TableState::default().with_selected(sel);
    StatefulWidget::render(table, area, buf, &mut state);
    if empty {
        let k = |a| app.key(a);
        let msg = if total == 0 {
            format!(
                "No {} yet: {} adds one",
                kind.title().to_lowercase(),
                k(crate::tui::action::Action::Add)
            )
        } else if view.filter.is_empty() {
            format!(
                "None {}: {} shows the others",
                app.window_filter.label(),
                k(crate::tui::action::Action::CycleWindow)
            )
        } else {
            format!(
                "No entries match: {} clears the filter, {} changes the window",
                k(crate::tui::action::Action::ClearFilter),
                k(crate::tui::action::Action::CycleWindow)
            )
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

/// Lines describing one person: what they hold and whether it counts. `cursor` picks a holding
/// (certifications, then accreditations, then planned exams), marked with `▸` as well as colour.
/// A holding too wide for `width` puts its dates on a line of their own rather than let them
/// wrap mid-date.
pub fn person_lines<'a>(app: &App, p: &Person, cursor: Option<usize>, width: u16) -> Vec<Line<'a>> {
    let t = &app.theme;
    let d = app.as_of;
    let mut lines = vec![Line::styled(p.name.clone(), t.title)];
    let mut k = 0usize;
    let mut holding = |lines: &mut Vec<Line<'a>>, head: Vec<Span<'a>>, sep: &str, rest: String| {
        let here = cursor == Some(k);
        k += 1;
        let mut first = vec![Span::raw(if here { "▸ " } else { "  " })];
        first.extend(head);
        let one = first.iter().map(Span::width).sum::<usize>() + sep.width() + rest.width();
        let mut out = if one <= usize::from(width) {
            first.push(Span::raw(format!("{sep}{rest}")));
            vec![Line::from(first)]
        } else {
            vec![Line::from(first), Line::from(format!("      {rest}"))]
        };
        if here {
            out = out.into_iter().map(|l| l.style(t.selected)).collect();
        }
        lines.extend(out);
    };
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
    // In the detail the key that adds one works: name it (the pane beside the table has no keys).
    let none = |a: crate::tui::action::Action| {
        if app.in_detail() {
            format!(
                "  none yet: {} adds one",
                app.key_in(crate::tui::keymap::Mode::Detail, a)
            )
        } else {
            "  none".to_string()
        }
    };
    if p.certifications.is_empty() {
        lines.push(Line::styled(
            none(crate::tui::action::Action::AddCertification),
            t.muted,
        ));
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
        holding(
            &mut lines,
            vec![
                Span::styled(format!("{sym} {} ", c.exam), style),
                Span::raw(level),
            ],
            " · ",
            format!("{} → {}", c.earned, c.expiry()),
        );
    }
    lines.push(Line::styled("Accreditations", t.header));
    if p.accreditations.is_empty() {
        lines.push(Line::styled(
            none(crate::tui::action::Action::AddAccreditation),
            t.muted,
        ));
    }
    for a in &p.accreditations {
        let sym = if a.active_on(d) { "✓" } else { "✗" };
        let until = a.expires.map_or(String::new(), |e| format!(" → {e}"));
        holding(
            &mut lines,
            vec![Span::raw(format!("{sym} {}", a.kind.label()))],
            " · ",
            format!("{}{until}", a.earned),
        );
    }
    if !p.planned_exams.is_empty() {
        lines.push(Line::styled("Planned exams", t.header));
        for x in &p.planned_exams {
            holding(
                &mut lines,
                vec![Span::raw(format!("· {}", x.exam))],
                " ",
                format!("by {}", x.target),
            );
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
            |p| person_lines(app, p, None, area.width.saturating_sub(2)),
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
    let popup_w = area
        .centered(Constraint::Percentage(80), Constraint::Length(1))
        .width;
    let (r, u) = ctx.counted(kind, i);
    let lines: Vec<Line> = match kind {
        TableKind::People => app
            .store
            .people
            .get(i)
            .map(|p| {
                let mut l = person_lines(app, p, Some(app.detail_sel()), popup_w.saturating_sub(2));
                l.push(Line::raw(""));
                l.push(Line::styled(app.detail_hint(), app.theme.muted));
                l
            })
            .unwrap_or_default(),
        _ => {
            let fields = ctx.detail(kind, i);
            // Labels right-aligned to the longest, so the values line up.
            let w = fields
                .iter()
                .map(|(c, _)| c.width())
                .fold("Renewal".len(), usize::max);
            let label = |c: &str| Span::styled(format!("{c:>w$}: "), t.header);
            let mut lines: Vec<Line> = fields
                .into_iter()
                .map(|(c, v)| Line::from(vec![label(c), Span::raw(v)]))
                .collect();
            let word = |b: bool| if b { "✓ counted" } else { "· not counted" };
            lines.push(Line::from(vec![label("Renewal"), Span::raw(word(r))]));
            lines.push(Line::from(vec![label("Upgrade"), Span::raw(word(u))]));
            if let (TableKind::Opportunities, Some(o)) = (kind, app.store.opportunities.get(i))
                && o.mrr_looks_annual()
            {
                lines.push(Line::styled(
                    "! This MRR looks like an annual figure: AWS asks for ARR / 12.",
                    t.at_risk,
                ));
            }
            lines
        }
    };
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
