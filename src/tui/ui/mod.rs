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
mod sync;
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
        // Messages get their own line above the key hints, only while there is one.
        let [title, tabs, banner, team, body, message, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(u16::from(self.warning.is_some())),
            Constraint::Length(u16::from(team_banner.is_some())),
            Constraint::Min(0),
            Constraint::Length(u16::from(self.status.is_some())),
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
        if let Some(s) = &self.status {
            Paragraph::new(format!(" {s}"))
                .style(self.theme.status)
                .render(message, buf);
        }
        self.render_bar(bar, buf);
        match self.top() {
            Some(Overlay::Help { .. }) => help::render(self, area, buf),
            Some(Overlay::Detail { .. }) => entries::render_detail_popup(self, area, buf),
            Some(Overlay::AsOf { .. }) => self.render_as_of_popup(area, buf),
            Some(Overlay::Form { .. }) => popups::render_form(self, area, buf),
            Some(Overlay::ImportPath { .. }) => popups::render_import_prompt(self, area, buf),
            Some(Overlay::ImportErrors { .. }) => popups::render_import_errors(self, area, buf),
            Some(Overlay::Sync(_)) => sync::render(self, area, buf),
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
        let tiers = format!("· {} → {} · ", p.tier, target);
        let long = format!(" · APN renewal in {renewal_in} d · tier review in {review_in} d");
        let short = format!(" · renewal {renewal_in}d · review {review_in}d");
        let bare = if today {
            format!("as of {}", self.as_of)
        } else {
            when.clone()
        };
        // Drop words, then "(today)", then the tiers (the scorecard's header repeats them), then
        // cut the partner's name: never the as-of date or the two countdowns a standup asks for.
        let name_w = p.partner.width() + 2;
        let min_name = name_w.min(12);
        let width = usize::from(area.width);
        let ladder = [
            (tiers.as_str(), when.as_str(), long.as_str()),
            (tiers.as_str(), when.as_str(), short.as_str()),
            (tiers.as_str(), bare.as_str(), short.as_str()),
            ("· ", bare.as_str(), short.as_str()),
        ];
        let (tiers, when, tail) = ladder
            .iter()
            .find(|(t, w, l)| name_w + t.width() + w.width() + l.width() <= width)
            .or_else(|| {
                ladder
                    .iter()
                    .find(|(t, w, l)| min_name + t.width() + w.width() + l.width() <= width)
            })
            .copied()
            .unwrap_or(ladder[3]);
        let room = width.saturating_sub(tiers.width() + when.width() + tail.width());
        let head = if name_w <= room {
            format!(" {} ", p.partner)
        } else {
            let keep = room.saturating_sub(3).max(1);
            let cut: String = p
                .partner
                .chars()
                .scan(0, |w, c| {
                    *w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    (*w <= keep).then_some(c)
                })
                .collect();
            format!(" {}… ", cut.trim_end())
        };
        let spans = vec![
            Span::styled(head, self.theme.title),
            Span::raw(tiers.to_string()),
            Span::styled(
                when.to_string(),
                if today {
                    Style::new()
                } else {
                    self.theme.at_risk
                },
            ),
            Span::styled(tail.to_string(), self.theme.muted),
        ];
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer) {
        let mut x = area.x;
        let mut hits = Vec::new();
        let full = |i: usize, tab: &Tab| format!(" {} {} ", i + 1, tab.title());
        let all_w: usize = Tab::ALL
            .iter()
            .enumerate()
            .map(|(i, t)| full(i, t).width() + 1)
            .sum();
        // Narrow: the other tabs shrink to their numbers so the active one shows whole.
        let fits = all_w <= usize::from(area.width);
        for (i, tab) in Tab::ALL.iter().enumerate() {
            let label = if fits || *tab == self.tab {
                full(i, tab)
            } else {
                format!(" {} ", i + 1)
            };
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
                        && (self.tab == Tab::Experience || b.action != Action::SyncAce)
                        && (mode != Mode::Sync
                            || b.action != Action::Confirm
                            || self.sync_previewing())
                };
                for b in self.keymap.for_mode(mode).filter(shown) {
                    let hint = popups::bar_hint(self, b);
                    if hint.is_empty() {
                        continue;
                    }
                    spans.push(Span::styled(format!(" {}", b.key), self.theme.key));
                    spans.push(Span::raw(format!(" {hint} ")));
                }
            }
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
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
                    // Selected while the first keystroke replaces it.
                    if matches!(self.top(), Some(Overlay::AsOf { fresh: true, .. })) {
                        self.theme.selected
                    } else {
                        self.theme.title
                    },
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
