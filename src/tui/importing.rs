//! `i` in the dashboard: import a CSV file for the current tab, after a preview of what changes.
//! The import itself is `crate::import`, shared with the `import` command.

use super::app::{App, Tab};
use super::editing::Pending;
use super::keymap::Mode;
use super::tables::TableKind;
use crate::import::{self, ImportKind, ImportPlan};
use tui_input::Input;

impl App {
    /// The kinds of file the current tab takes, the first being the default.
    pub fn import_kinds(&self) -> &'static [ImportKind] {
        match self.tab {
            Tab::Knowledge => &[ImportKind::Certifications, ImportKind::Accreditations],
            Tab::Experience => &[ImportKind::Opportunities],
            Tab::Customers if self.cs_focus == TableKind::Csat => {
                &[ImportKind::Csat, ImportKind::References]
            }
            Tab::Customers => &[ImportKind::References, ImportKind::Csat],
            Tab::Overview | Tab::Outlook => &[],
        }
    }

    /// `i`: ask for the file.
    pub fn start_import(&mut self) {
        if let Some(why) = &self.persist.read_only {
            self.status = Some(format!("Read-only: {why}"));
            return;
        }
        let Some(kind) = self.import_kinds().first().copied() else {
            self.status = Some("Import from a pillar tab (2-4)".into());
            return;
        };
        self.import_kind = kind;
        self.status = None;
        self.input = Input::default();
        self.modes.push(Mode::ImportPath);
    }

    /// Tab in the file prompt: the next kind this tab takes.
    pub fn cycle_import_kind(&mut self) {
        let kinds = self.import_kinds();
        if let Some(i) = kinds.iter().position(|k| *k == self.import_kind) {
            self.import_kind = kinds[(i + 1) % kinds.len()];
        }
    }

    /// Enter in the file prompt: read and check the file, then show the preview. Bad rows keep
    /// the prompt open with the path as typed.
    pub fn preview_import(&mut self) {
        let raw = self.input.value().trim().to_string();
        let path = match raw.strip_prefix("~/") {
            Some(rest) => std::env::var_os("HOME")
                .map(|h| std::path::PathBuf::from(h).join(rest))
                .unwrap_or_else(|| raw.clone().into()),
            None => raw.clone().into(),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                self.status = Some(format!("{}: {e}", path.display()));
                return;
            }
        };
        match import::plan(
            &self.store,
            &text,
            self.import_kind,
            &self.program.catalog,
            self.today,
        ) {
            Err(bad) => {
                let first: Vec<String> = bad.iter().take(3).map(|b| b.to_string()).collect();
                self.status = Some(format!(
                    "{} bad row{}, nothing imported: {}",
                    bad.len(),
                    if bad.len() == 1 { "" } else { "s" },
                    first.join("; ")
                ));
            }
            Ok(plan) if plan.changes.is_empty() => {
                self.modes.pop();
                self.status = Some("Nothing to import: the store already holds every row".into());
            }
            Ok(plan) => {
                self.modes.pop();
                let summary = plan.summary();
                self.import_plan = Some(plan);
                self.pending = Some(Pending::Import(summary));
                self.modes.push(Mode::Confirm);
            }
        }
    }

    /// `y` on the preview: apply the planned import as one undoable change, saved at once.
    pub fn apply_import(&mut self) {
        let Some(plan) = self.import_plan.take() else {
            return;
        };
        let before = self.store.clone();
        import::apply(&mut self.store, &plan);
        let what = import_sentence(&plan);
        self.commit(before, what);
    }
}

fn import_sentence(plan: &ImportPlan) -> String {
    let added = plan.changes.iter().filter(|c| c.added).count();
    let updated = plan.changes.len() - added;
    format!(
        "Imported {}: {added} added, {updated} updated",
        plan.kind.as_str()
    )
}
