//! `i` in the dashboard: import a CSV file for the current tab, after a preview of what changes.
//! The import itself is `crate::import`, shared with the `import` command.

use super::app::{App, Tab};
use super::effect::Effect;
use super::overlay::{Confirm, Overlay};
use super::tables::TableKind;
use crate::import::{self, ImportKind, ImportPlan};
use std::path::PathBuf;
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
        if !self.can_edit() {
            return;
        }
        let Some(kind) = self.import_kinds().first().copied() else {
            self.status = Some(format!(
                "Import from a pillar tab ({})",
                self.pillar_tab_keys()
            ));
            return;
        };
        self.status = None;
        self.overlays.push(Overlay::ImportPath {
            input: Input::default(),
            kind,
        });
    }

    /// Tab in the file prompt: the next kind this tab takes.
    pub fn cycle_import_kind(&mut self) {
        let kinds = self.import_kinds();
        if let Some(Overlay::ImportPath { kind, .. }) = self.overlays.last_mut()
            && let Some(i) = kinds.iter().position(|k| k == kind)
        {
            *kind = kinds[(i + 1) % kinds.len()];
        }
    }

    /// Which kind of file the import prompt reads.
    pub fn import_kind(&self) -> Option<ImportKind> {
        match self.top() {
            Some(Overlay::ImportPath { kind, .. }) => Some(*kind),
            _ => None,
        }
    }

    /// Enter in the file prompt: ask for the file to be read; the preview follows.
    pub fn preview_import(&mut self) {
        let Some(Overlay::ImportPath { input, kind }) = self.top() else {
            return;
        };
        let raw = input.value().trim().to_string();
        let path = match raw.strip_prefix("~/") {
            Some(rest) => std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(rest))
                .unwrap_or_else(|| raw.clone().into()),
            None => raw.clone().into(),
        };
        let kind = *kind;
        self.status = Some(format!("Reading {}…", path.display()));
        self.out.push(Effect::ReadImport { path, kind });
    }

    /// The file was read: check it and show the preview. Bad rows keep the prompt open with
    /// the path as typed.
    pub(crate) fn finish_import_read(
        &mut self,
        _path: PathBuf,
        kind: ImportKind,
        text: Result<String, String>,
    ) {
        // The prompt was closed (esc) while the file was read: nothing to preview.
        if self.import_kind() != Some(kind) {
            return;
        }
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                self.status = Some(e);
                return;
            }
        };
        match import::plan(&self.store, &text, kind, &self.program.catalog, self.today) {
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
                self.overlays.pop();
                self.status = Some("Nothing to import: the store already holds every row".into());
            }
            Ok(plan) => {
                self.overlays.pop();
                self.status = None;
                let summary = plan.summary();
                self.overlays
                    .push(Overlay::Confirm(Confirm::Import { plan, summary }));
            }
        }
    }

    /// `y` on the preview: apply the planned import as one undoable change, saved at once.
    pub fn apply_import(&mut self, plan: ImportPlan) {
        import::apply(&mut self.store, &plan);
        let what = import_sentence(&plan);
        self.commit(what);
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
