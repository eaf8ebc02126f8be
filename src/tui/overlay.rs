//! What sits above the dashboard: one stack, topmost last. Each overlay owns its state, so
//! closing one (`App::back`) drops everything it held and nothing is left to keep in step.

use super::edit::Target;
use super::form::Form;
use super::keymap::Mode;
use crate::import::{ImportKind, ImportPlan};
use tui_input::Input;

#[derive(Debug)]
pub enum Overlay {
    /// Typing the focused table's filter (applied live).
    Filter { input: Input },
    /// Typing an as-of date.
    AsOf { input: Input },
    /// The key list of the overlay below (or the dashboard).
    Help { scroll: u16 },
    /// The focused table's entry; `sel` is the cursor among a person's holdings.
    Detail { sel: usize },
    /// A form and what saving it changes.
    Form { form: Form, target: Target },
    /// A step waiting for yes or no.
    Confirm(Confirm),
    /// Typing the path of a CSV file to import, and which kind of file it is.
    ImportPath { input: Input, kind: ImportKind },
    /// The open merge conflicts; `sel` is the cursor among them (see `conflicts.rs`).
    Conflicts { sel: usize },
    // Later issues add their overlays here, each owning its state, e.g.
    // `Conflicts { .. }` (merge conflicts list, issue 10), `Sync { .. }` (ACE sync progress
    // and preview, issue 13), `Recovery { .. }` and quit prompts (issue 12). Give each a
    // `Mode` so the keymap (and `keys.ron`) can bind its keys.
}

/// A destructive step waiting for `y`, holding what it will do.
#[derive(Debug)]
pub enum Confirm {
    Delete(Target, String),
    QuitDiscarding,
    ReloadDiscarding,
    /// A previewed import, applied as is on `y`; its summary is worded once.
    Import {
        plan: ImportPlan,
        summary: String,
    },
}

impl Confirm {
    pub fn question(&self) -> String {
        match self {
            Confirm::Delete(_, what) => format!("Delete {what}?"),
            Confirm::QuitDiscarding => "Unsaved changes will be lost. Quit anyway?".into(),
            Confirm::ReloadDiscarding => {
                "Reload from disk and drop the changes not saved here?".into()
            }
            Confirm::Import { summary, .. } => format!("Import this?\n{summary}"),
        }
    }
}

impl Overlay {
    /// Which keymap applies while this overlay is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Filter { .. } => Mode::Filter,
            Overlay::AsOf { .. } => Mode::AsOf,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Detail { .. } => Mode::Detail,
            Overlay::Form { .. } => Mode::Form,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::ImportPath { .. } => Mode::ImportPath,
            Overlay::Conflicts { .. } => Mode::Conflicts,
        }
    }

    /// The one-line text input this overlay types into, if any (forms have one per field).
    pub fn input(&self) -> Option<&Input> {
        match self {
            Overlay::Filter { input }
            | Overlay::AsOf { input }
            | Overlay::ImportPath { input, .. } => Some(input),
            _ => None,
        }
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self {
            Overlay::Filter { input }
            | Overlay::AsOf { input }
            | Overlay::ImportPath { input, .. } => Some(input),
            Overlay::Form { form, .. } => form.focused().map(|f| {
                f.error = None;
                &mut f.input
            }),
            _ => None,
        }
    }
}
