//! The keys of the exam picker: a form's exam field listing the catalogue's candidates for what
//! was typed. `↓`/`↑` choose, `tab` takes the choice and moves on, `enter` takes it and saves
//! (`Form::validate` takes an open choice first), `esc` closes the list and keeps the typing.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::overlay::Overlay;

impl App {
    /// Carries out `action` if the picker is open and the action is one of its own. Returns
    /// whether it was.
    pub(crate) fn picker_action(&mut self, mode: Mode, action: Action) -> bool {
        if mode != Mode::Picker {
            return false;
        }
        let Some(Overlay::Form { form, .. }) = self.overlays.last_mut() else {
            return false;
        };
        match action {
            Action::Down | Action::Up => form.picker_move(action == Action::Down),
            Action::NextField => {
                form.accept_pick();
                form.next_field(true);
            }
            Action::PrevField => {
                form.close_picker();
                form.next_field(false);
            }
            Action::Back => form.close_picker(),
            _ => return false,
        }
        true
    }
}
