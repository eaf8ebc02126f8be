//! What sits above the dashboard: one stack, topmost last. Each overlay owns its state, so
//! closing one (`App::back`) drops everything it held and nothing is left to keep in step.

use super::edit::Target;
use super::form::Form;
use super::keymap::Mode;
use super::sync_job::SyncView;
use crate::import::{BadRow, ImportKind, ImportPlan};
use std::cell::Cell;
use tui_input::Input;

#[derive(Debug)]
pub enum Overlay {
    /// Typing the focused table's filter (applied live).
    Filter { input: Input },
    /// Typing an as-of date; `fresh` while it still shows the date it opened with (the first
    /// typed character replaces it).
    AsOf { input: Input, fresh: bool },
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
    /// The bad rows of a CSV file read for import, above its path prompt: `sel` is the row at
    /// the cursor, `top` the first shown (kept by drawing). `good` is the plan of the good rows,
    /// which the skip-bad key imports.
    ImportErrors {
        kind: ImportKind,
        file: String,
        bad: Vec<BadRow>,
        good: Option<ImportPlan>,
        sel: usize,
        top: Cell<usize>,
    },
    /// A live ACE sync: its progress, then the plan waiting for `y`, or why it failed.
    Sync(SyncView),
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
    /// The store file is gone from disk: write it again at this path?
    Recreate(std::path::PathBuf),
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
            Confirm::QuitDiscarding => {
                "Changes not saved to the file. Discard them and quit?".into()
            }
            Confirm::ReloadDiscarding => {
                "Reload from disk and drop the changes not saved here?".into()
            }
            Confirm::Import { summary, .. } => format!("Import this?\n{summary}"),
            Confirm::Recreate(path) => format!(
                "{} is gone from disk (deleted or moved). Write the store there again?",
                path.display()
            ),
        }
    }
}

impl Overlay {
    /// A key typed into this overlay's text: a form's focused field, or a prompt's input.
    /// A value not yet typed by the user (a default, the as-of date) is replaced by the first
    /// character typed. Returns whether anything changed.
    pub fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        use tui_input::backend::crossterm::EventHandler;
        match self {
            Overlay::Form { form, .. } => form.type_key(key),
            Overlay::AsOf { input, fresh } => super::form::type_key(input, fresh, key),
            other => other.input_mut().is_some_and(|i| {
                i.handle_event(&ratatui::crossterm::event::Event::Key(*key))
                    .is_some()
            }),
        }
    }

    /// Pasted text, typed into this overlay's text as `type_key` types a key.
    pub fn paste(&mut self, text: &str) {
        match self {
            Overlay::Form { form, .. } => form.paste(text),
            Overlay::AsOf { input, fresh } => super::form::paste_fresh(input, fresh, text),
            other => {
                if let Some(i) = other.input_mut() {
                    super::paste::paste_into(i, text);
                }
            }
        }
    }

    /// Which keymap applies while this overlay is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Filter { .. } => Mode::Filter,
            Overlay::AsOf { .. } => Mode::AsOf,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Detail { .. } => Mode::Detail,
            Overlay::Form { form, .. } if form.picker_open() => Mode::Picker,
            Overlay::Form { .. } => Mode::Form,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::ImportPath { .. } => Mode::ImportPath,
            Overlay::ImportErrors { .. } => Mode::ImportErrors,
            Overlay::Sync(_) => Mode::Sync,
            Overlay::Conflicts { .. } => Mode::Conflicts,
        }
    }

    /// The one-line text input this overlay types into, if any (forms have one per field).
    pub fn input(&self) -> Option<&Input> {
        match self {
            Overlay::Filter { input }
            | Overlay::AsOf { input, .. }
            | Overlay::ImportPath { input, .. } => Some(input),
            _ => None,
        }
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self {
            Overlay::Filter { input }
            | Overlay::AsOf { input, .. }
            | Overlay::ImportPath { input, .. } => Some(input),
            Overlay::Form { form, .. } => form.focused().map(|f| {
                f.error = None;
                &mut f.input
            }),
            _ => None,
        }
    }
}
