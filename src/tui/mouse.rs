//! Mouse: a click selects a tab or a row, the wheel scrolls. Hit areas come from the last frame.

use super::action::Action;
use super::app::App;
use super::keymap::Mode;
use crate::domain::MetricId;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    pub(crate) fn handle_mouse(&mut self, m: &MouseEvent) -> bool {
        let pos = Position::new(m.column, m.row);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if self.mode() == Mode::Normal => {
                let hits = self.hits.borrow().clone();
                if let Some((_, tab)) = hits.tabs.iter().find(|(r, _)| r.contains(pos)) {
                    self.tab = *tab;
                    // The message was about the tab left behind.
                    self.status = None;
                    return true;
                }
                if let Some((area, kind)) = hits.table
                    && area.contains(pos)
                {
                    let view = self.table(kind);
                    let row = view.offset.get() + usize::from(pos.y - area.y);
                    if row < view.rows.len() {
                        self.table_mut(kind).selected = row;
                    }
                    return true;
                }
                if let Some(area) = hits.overview_rows
                    && area.contains(pos)
                {
                    let row = usize::from(pos.y - area.y);
                    if row < MetricId::ALL.len() {
                        self.overview_sel = row;
                    }
                    return true;
                }
                false
            }
            MouseEventKind::ScrollDown if self.mode() == Mode::Normal => {
                self.dispatch(Action::Down);
                true
            }
            MouseEventKind::ScrollUp if self.mode() == Mode::Normal => {
                self.dispatch(Action::Up);
                true
            }
            _ => false,
        }
    }
}
