//! Drawing. `impl Widget for &App`: reads the model, never changes it (except the scroll offset
//! and click map, which are view caches in `Cell`s).

pub mod cells;
mod conflicts;
mod entries;
mod help;
mod outlook;
mod overview;
mod popups;
mod scorecard;
pub mod theme;

use super::action::Action;
use super::app::{App, Tab};
use super::keymap::{Binding, Mode};
use super::overlay::Overlay;
use crate::domain::dates::next_anniversary;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!(
                "terminal too small (need {MIN_WIDTH} x {MIN_HEIGHT}, have {} x {})",
                area.width, area.height
            );
            Paragraph::new(msg)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            *self.hits.borrow_mut() = Default::default();
            return;
        }
        let team_banner = self.team_banner();
        let [title, tabs, banner, team, body, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(u16::from(self.warning.is_some())),
            Constraint::Length(u16::from(team_banner.is_some())),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_title(title, buf);
        self.render_tabs(tabs, buf);
        if let Some(w) = &self.warning {
            Paragraph::new(format!(" ⚠ {w}"))
                .style(self.theme.warning)
                .render(banner, buf);
        }
        if let Some(w) = &team_banner {
            Paragraph::new(format!(" ⚠ {w}"))
                .style(self.theme.warning)
                .render(team, buf);
        }
        {
            let mut hits = self.hits.borrow_mut();
            hits.table = None;
            hits.overview_rows = None;
        }
        match self.tab {
            Tab::Overview => overview::render(self, body, buf),
            Tab::Outlook => outlook::render(self, body, buf),
            _ => entries::render_pillar_tab(self, body, buf),
        }
        self.render_bar(bar, buf);
        match self.top() {
            Some(Overlay::Help { .. }) => help::render(self, area, buf),
            Some(Overlay::Detail { .. }) => entries::render_detail_popup(self, area, buf),
            Some(Overlay::AsOf { .. }) => self.render_as_of_popup(area, buf),
            Some(Overlay::Form { .. }) => popups::render_form(self, area, buf),
            Some(Overlay::ImportPath { .. }) => popups::render_import_prompt(self, area, buf),
            Some(Overlay::Conflicts { .. }) => conflicts::render(self, area, buf),
            Some(Overlay::Confirm(_)) => {
                if self.in_detail() {
                    entries::render_detail_popup(self, area, buf);
                }
                popups::render_confirm(self, area, buf)
            }
            Some(Overlay::Filter { .. }) | None => {}
        }
    }
}

impl App {
    fn render_title(&self, area: Rect, buf: &mut Buffer) {
        let p = &self.store.profile;
        let target = p.target_tier();
        let today = self.as_of == self.today;
        let when = if today {
            format!("as of {} (today)", self.as_of)
        } else {
            format!("as of {} (time travel)", self.as_of)
        };
        let renewal_in = (next_anniversary(p.apn_renewal, self.as_of) - self.as_of).num_days();
        let review_in = (next_anniversary(p.last_tier_review, self.as_of) - self.as_of).num_days();
        let head = format!(" {} ", p.partner);
        let tiers = format!("· {} → {} · ", p.tier, target);
        // Drop words, not facts, when the line is narrow.
        let long = format!(" · APN renewal in {renewal_in} d · tier review in {review_in} d");
        let short = format!(" · renewal {renewal_in}d · review {review_in}d");
        // Drop words, then the countdowns, never the as-of date, when the line is narrow.
        let fixed = head.width() + tiers.width();
        let room = usize::from(area.width).saturating_sub(fixed);
        let bare = format!("as of {}", self.as_of);
        let (when, tail) = [
            (when.clone(), long),
            (when.clone(), short.clone()),
            (if today { bare } else { when.clone() }, short),
        ]
        .into_iter()
        .find(|(w, t)| w.width() + t.width() <= room)
        .unwrap_or((when, String::new()));
        let spans = vec![
            Span::styled(head, self.theme.title),
            Span::raw(tiers),
            Span::styled(
                when,
                if today {
                    Style::new()
                } else {
                    self.theme.at_risk
                },
            ),
            Span::styled(tail, self.theme.muted),
        ];
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer) {
        let mut x = area.x;
        let mut hits = Vec::new();
        for (i, tab) in Tab::ALL.iter().enumerate() {
            let label = format!(" {} {} ", i + 1, tab.title());
            let w = label.width() as u16;
            if x + w > area.right() {
                break;
            }
            let style = if *tab == self.tab {
                self.theme.tab_active
            } else {
                self.theme.tab
            };
            let r = Rect::new(x, area.y, w, 1);
            buf.set_string(x, area.y, &label, style);
            hits.push((r, *tab));
            x += w + 1;
        }
        // The window filter is global: say which entries the tables show.
        let wf = format!(
            " [{}] {} ",
            self.key(Action::CycleWindow),
            self.window_filter.label()
        );
        let wfw = wf.width() as u16;
        if x + wfw < area.right() {
            buf.set_string(area.right() - wfw, area.y, &wf, self.theme.muted);
        }
        self.hits.borrow_mut().tabs = hits;
    }

    fn render_bar(&self, area: Rect, buf: &mut Buffer) {
        let mode = self.mode();
        let mut spans: Vec<Span> = Vec::new();
        match mode {
            Mode::Filter => {
                spans.push(Span::styled(
                    format!(" {} ", self.key(Action::StartFilter)),
                    self.theme.key,
                ));
                spans.push(Span::raw(
                    self.input().map_or("", |i| i.value()).to_string(),
                ));
                if let Some(kind) = self.focused_table() {
                    let n = self.table(kind).rows.len();
                    spans.push(Span::styled(
                        format!("  {n} match{}", if n == 1 { "" } else { "es" }),
                        self.theme.muted,
                    ));
                }
            }
            _ => {
                let person_keys = [
                    Action::AddCertification,
                    Action::AddAccreditation,
                    Action::AddPlannedExam,
                ];
                // Holdings keys only mean something in a person's detail.
                let shown = |b: &&Binding| {
                    !b.hint.is_empty()
                        && (self.tab == Tab::Knowledge || !person_keys.contains(&b.action))
                };
                for b in self.keymap.for_mode(mode).filter(shown) {
                    spans.push(Span::styled(format!(" {}", b.key), self.theme.key));
                    spans.push(Span::raw(format!(" {} ", b.hint)));
                }
            }
        }
        let hints = Line::from(spans);
        if let Some(s) = &self.status {
            let sw = (s.width() as u16 + 2).min(area.width);
            let [left, right] =
                Layout::horizontal([Constraint::Min(0), Constraint::Length(sw)]).areas(area);
            Paragraph::new(hints).render(left, buf);
            Paragraph::new(format!(" {s} "))
                .style(self.theme.status)
                .render(right, buf);
        } else {
            Paragraph::new(hints).render(area, buf);
        }
        if mode == Mode::Filter {
            let lead = self.key(Action::StartFilter).width() as u16 + 2;
            let cursor = self.input().map_or(0, |i| i.visual_cursor()) as u16;
            let x = area.x + lead + cursor;
            if x < area.right() {
                buf.set_style(Rect::new(x, area.y, 1, 1), self.theme.selected);
            }
        }
    }

    fn render_as_of_popup(&self, area: Rect, buf: &mut Buffer) {
        let keys = format!(
            "YYYY-MM-DD, today, +30d, -2w, +3m   {} ok · {} cancel",
            self.key_in(Mode::AsOf, Action::AcceptInput),
            self.key_in(Mode::AsOf, Action::Back)
        );
        // Wide enough for the key line, however the keys are spelled.
        let w = (keys.width() as u16 + 2).max(52).min(area.width);
        let popup = area.centered(Constraint::Length(w), Constraint::Length(6));
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focus)
            .title(" As-of date (time travel) ");
        let inner = block.inner(popup);
        block.render(popup, buf);
        let input = self.input();
        let lines = vec![
            Line::from(vec![
                Span::raw("Date: "),
                Span::styled(
                    input.map_or("", |i| i.value()).to_string(),
                    self.theme.title,
                ),
            ]),
            Line::styled(keys, self.theme.muted),
            Line::styled(self.status.clone().unwrap_or_default(), self.theme.error),
        ];
        Paragraph::new(lines).render(inner, buf);
        let x = inner.x + 6 + input.map_or(0, |i| i.visual_cursor()) as u16;
        if x < inner.right() {
            buf.set_style(Rect::new(x, inner.y, 1, 1), self.theme.selected);
        }
    }
}

/// A bordered block whose border shows focus.
pub(crate) fn block<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            app.theme.border_focus
        } else {
            app.theme.border
        })
        .title(title)
}
