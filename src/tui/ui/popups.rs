//! The form and confirm popups.

use super::block;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::Tab;
use crate::tui::edit::Target;
use crate::tui::form::{FieldKind, Picker};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::overlay::Overlay;
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
    let first = |a: Action| app.key_in(Mode::Form, a);
    let keys = if form.picker_open() {
        let p = |a: Action| app.key_in(Mode::Picker, a);
        format!(
            "{}/{} choose an exam · {} accept · {} accept and save · {} close the list",
            p(Action::Down),
            p(Action::Up),
            p(Action::NextField),
            p(Action::AcceptInput),
            p(Action::Back)
        )
    } else {
        format!(
            "{} save · {}/{} next/previous field · {} cancel",
            first(Action::AcceptInput),
            first(Action::NextField),
            first(Action::PrevField),
            first(Action::Back)
        )
    };
    // Wide enough for the key line, however the keys are spelled.
    let w = (keys.width() as u16 + 2).max(86).min(area.width);
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
                // A value the first keystroke replaces shows selected, as in any form.
                if focused && f.fresh {
                    t.selected
                } else if focused {
                    t.title
                } else {
                    ratatui::style::Style::new()
                },
            ),
        ];
        let mut picker_lines: Vec<Line> = Vec::new();
        match &f.kind {
            FieldKind::Choice(_) | FieldKind::YesNo if focused => {
                spans.push(Span::styled(choose.clone(), t.muted))
            }
            FieldKind::Exam => match (&f.picker, focused) {
                (Some(p), true) => {
                    let room = usize::from(w.saturating_sub(2));
                    picker_lines = candidate_lines(app, p, label_w as usize + 3, room);
                }
                _ => {
                    if let Some(e) = app.program.catalog.find(f.text()) {
                        spans.push(Span::styled(format!("  {} · {}", e.name, e.level), t.muted));
                    }
                }
            },
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
        lines.append(&mut picker_lines);
        if let Some(e) = &f.error {
            lines.push(Line::styled(
                format!("{:>w$}✗ {e}", "", w = label_w as usize + 3),
                t.error,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(keys, t.muted));
    let h = (lines.len() as u16 + 2).min(area.height);
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

/// How many candidates the picker shows at once.
const PICKER_ROWS: usize = 6;

/// The picker's candidates under the exam field, one line each cut to `room` columns, the
/// chosen one marked `▸`, a window of them kept around the choice.
fn candidate_lines<'a>(app: &App, p: &Picker, indent: usize, room: usize) -> Vec<Line<'a>> {
    use unicode_truncate::UnicodeTruncateStr;
    let t = &app.theme;
    let n = p.candidates.len();
    let first = p
        .sel
        .saturating_sub(PICKER_ROWS - 1)
        .min(n.saturating_sub(PICKER_ROWS));
    let fit = |s: String| -> String {
        if s.width() <= room {
            s
        } else {
            format!("{}…", s.unicode_truncate(room.saturating_sub(1)).0)
        }
    };
    let mut out: Vec<Line> = p
        .candidates
        .iter()
        .enumerate()
        .skip(first)
        .take(PICKER_ROWS)
        .map(|(i, c)| {
            let here = i == p.sel;
            // Every name starts so; the rest tells the exams apart.
            let name = c.name.trim_start_matches("AWS Certified ");
            // The level where the name does not say it, and a retired version's last day.
            let mut notes: Vec<String> = Vec::new();
            if !name.contains(c.level) {
                notes.push(c.level.to_string());
            }
            match c.retired {
                Some(d) if !c.current => notes.push(format!("retired {d}")),
                Some(d) => notes.push(format!("until {d}")),
                None => {}
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join(", "))
            };
            let text = format!(
                "{:indent$}{} {:<8} {name}{notes}",
                "",
                if here { "▸" } else { " " },
                c.code,
            );
            let line = Line::raw(fit(text));
            if here { line.style(t.selected) } else { line }
        })
        .collect();
    if n > PICKER_ROWS {
        out.push(Line::styled(
            format!("{:indent$}  {} of {n}", "", p.sel + 1),
            t.muted,
        ));
    }
    out
}

/// An import's bad rows, every one reachable by scrolling, wrapped at word boundaries; a line
/// says what the good rows would do and which key imports them.
pub fn render_import_errors(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(Overlay::ImportErrors {
        kind,
        file,
        bad,
        good,
        sel,
        top,
    }) = app.top()
    else {
        return;
    };
    let t = &app.theme;
    let n = bad.len();
    let w = area.width.saturating_sub(4).clamp(20, 110).min(area.width);
    let width = usize::from(w.saturating_sub(2)).max(1);
    let wrap = |text: &str, indent: &str| -> Vec<String> {
        // Break at spaces only: `SAA-C03` and dates stay whole.
        let opts = textwrap::Options::new(width)
            .subsequent_indent(indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::wrap(text, opts)
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    };
    let k = |a: Action| app.key_in(Mode::ImportErrors, a);
    let head = match good {
        Some(plan) => format!(
            "{file}: nothing imported yet. The good rows would have {}.",
            crate::tui::importing::plan_tally(plan)
        ),
        None => format!("{file}: nothing can be imported until these rows are fixed."),
    };
    let mut foot = format!(
        "{} of {n} · {}/{} scroll",
        (*sel + 1).min(n),
        k(Action::Down),
        k(Action::Up)
    );
    if good.is_some() {
        foot.push_str(&format!(
            " · {} import the good rows, skip the bad",
            k(Action::SkipBad)
        ));
    }
    foot.push_str(&format!(" · {} back to the file", k(Action::Back)));
    let head = wrap(&head, "");
    let foot = wrap(&foot, "");
    // Each bad row wrapped whole, marker first; the view keeps the chosen row in sight.
    let rows: Vec<Vec<String>> = bad
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mark = if i == *sel { "▸ " } else { "  " };
            wrap(&format!("{mark}{b}"), "    ")
        })
        .collect();
    let fixed = head.len() + foot.len() + 2;
    let all = rows.iter().map(Vec::len).sum::<usize>();
    // As tall as the rows need, at most the screen less a line above and below.
    let h = u16::try_from(fixed + all + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2))
        .max(5)
        .min(area.height);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    Clear.render(popup, buf);
    let title = format!(
        " Import {kind}: {n} bad row{} ",
        if n == 1 { "" } else { "s" }
    );
    let frame = block(app, title, true);
    let inner = frame.inner(popup);
    frame.render(popup, buf);
    let room = usize::from(inner.height).saturating_sub(fixed).max(1);
    let mut first = top.get().min(*sel);
    while first < *sel && rows[first..=*sel].iter().map(Vec::len).sum::<usize>() > room {
        first += 1;
    }
    top.set(first);
    let mut lines: Vec<Line> = head.into_iter().map(|l| Line::styled(l, t.title)).collect();
    lines.push(Line::raw(""));
    let mut used = 0;
    for (i, row) in rows.iter().enumerate().skip(first) {
        // Whole rows only, unless one row alone is taller than the box.
        if used + row.len() > room && used > 0 {
            break;
        }
        for l in row.iter().take(room - used) {
            let style = if i == *sel { t.selected } else { t.error };
            lines.push(Line::styled(l.clone(), style));
        }
        used = (used + row.len()).min(room);
    }
    lines.extend(std::iter::repeat_n(Line::raw(""), room - used + 1));
    lines.extend(foot.into_iter().map(|l| Line::styled(l, t.muted)));
    Paragraph::new(lines).render(inner, buf);
}

/// A binding's word in the hint bar. In a detail, `j`/`k` say what they move to: the person's
/// next certification (accreditation, planned exam), or the next opportunity behind the popup.
pub fn bar_hint(app: &App, b: &Binding) -> String {
    let step = match (b.mode, b.action) {
        (Mode::Detail, Action::Down) => 1,
        (Mode::Detail, Action::Up) => -1,
        // Skipping bad rows is offered only when some rows are good.
        (Mode::ImportErrors, Action::SkipBad) => {
            return match app.top() {
                Some(Overlay::ImportErrors { good: Some(_), .. }) => b.hint.to_string(),
                _ => String::new(),
            };
        }
        _ => return b.hint.to_string(),
    };
    let which = if step > 0 { "next" } else { "previous" };
    if app.tab != Tab::Knowledge {
        return match app.focused_table() {
            Some(kind) => format!("{which} {}", kind.noun()),
            None => b.hint.to_string(),
        };
    }
    let holdings = app.holdings();
    let at = app.detail_sel() as isize + step;
    let Some(t) = usize::try_from(at).ok().and_then(|i| holdings.get(i)) else {
        // Nothing further that way: the key does nothing, so the bar offers nothing.
        return String::new();
    };
    let noun = match t {
        Target::Certification { .. } => "certification",
        Target::Accreditation { .. } => "accreditation",
        _ => "planned exam",
    };
    format!("{which} {noun}")
}
