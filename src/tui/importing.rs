//! `i` in the dashboard: import a CSV file for the current tab, after a preview of what changes.
//! The import itself is `crate::import`, shared with the `import` command. Reading the file and
//! planning the import run on the worker thread (`read_and_plan`); a file with bad rows lists
//! them all in a scrolling box, with a key that imports the good rows and skips the bad, as the
//! command's `--skip-bad` does.

use super::action::Action;
use super::app::{App, Tab};
use super::effect::Effect;
use super::history::Shared;
use super::import_job::{ImportReadError, Preview};
use super::keymap::Mode;
use super::overlay::{Confirm, Overlay};
use super::tables::TableKind;
use crate::import::{self, BadRow, ImportKind, ImportPlan};
use std::cell::Cell;
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

    /// Enter in the file prompt: ask for the file to be read and planned; the preview follows.
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
        self.out.push(Effect::ReadImport {
            path,
            kind,
            state: self.history.current().clone(),
            program: Box::new(self.program.clone()),
            today: self.today,
        });
    }

    /// The file was read and planned: show the preview, or its bad rows above the prompt
    /// (which keeps the path as typed).
    pub(crate) fn finish_import_read(
        &mut self,
        path: PathBuf,
        kind: ImportKind,
        state: Shared,
        result: Result<Preview, ImportReadError>,
    ) {
        // The prompt was closed (esc) while the file was read: nothing to preview.
        if self.import_kind() != Some(kind) {
            return;
        }
        // The store changed meanwhile (a reload that waited for a save): plan again against it.
        if !state.same(self.history.current()) {
            self.preview_import();
            return;
        }
        let preview = match result {
            Ok(p) => p,
            Err(e) => {
                self.status = Some(e.to_string());
                return;
            }
        };
        if !preview.bad.is_empty() {
            self.status = None;
            self.overlays.push(Overlay::ImportErrors {
                kind,
                file: path.display().to_string(),
                bad: preview.bad,
                good: preview.plan.filter(|p| !p.changes.is_empty()),
                sel: 0,
                top: Cell::new(0),
            });
            return;
        }
        match preview.plan {
            Some(plan) if !plan.changes.is_empty() => {
                self.overlays.pop();
                self.status = None;
                let summary = plan.summary();
                self.overlays
                    .push(Overlay::Confirm(Confirm::Import { plan, summary }));
            }
            _ => {
                self.overlays.pop();
                self.status = Some("Nothing to import: the store already holds every row".into());
            }
        }
    }

    /// `y` on the preview: apply the planned import as one undoable change, saved at once.
    pub fn apply_import(&mut self, plan: ImportPlan) {
        import::apply(&mut self.store, &plan);
        let what = import_sentence(&plan);
        self.commit(what);
    }

    /// Carries out `action` if an import's bad rows are on top and it is one of theirs.
    pub(crate) fn import_errors_action(&mut self, mode: Mode, action: Action) -> bool {
        if mode != Mode::ImportErrors {
            return false;
        }
        if action == Action::SkipBad {
            self.skip_bad();
            return true;
        }
        let page = self.page_rows.get().clamp(1, 10) as isize;
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            _ => return false,
        };
        if let Some(Overlay::ImportErrors { bad, sel, .. }) = self.overlays.last_mut() {
            let last = bad.len().saturating_sub(1) as isize;
            *sel = (*sel as isize + delta).clamp(0, last) as usize;
        }
        true
    }

    /// The skip-bad key: import the good rows as one undoable change and say which were left.
    fn skip_bad(&mut self) {
        let Some(Overlay::ImportErrors { good, bad, .. }) = self.overlays.last_mut() else {
            return;
        };
        let Some(plan) = good.take() else {
            self.status = Some("No good rows to import: fix the file and read it again".into());
            return;
        };
        let bad = std::mem::take(bad);
        self.overlays.pop();
        if matches!(self.top(), Some(Overlay::ImportPath { .. })) {
            self.overlays.pop();
        }
        import::apply(&mut self.store, &plan);
        let what = format!("{}; {}", import_sentence(&plan), skipped_sentence(&bad));
        self.commit(what);
    }
}

/// "skipped 3 bad rows (lines 4, 7, 9)": the lines, so the user can find them in the file.
fn skipped_sentence(bad: &[BadRow]) -> String {
    const SHOWN: usize = 8;
    let mut lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
    lines.dedup();
    let mut list: Vec<String> = lines.iter().take(SHOWN).map(u64::to_string).collect();
    if lines.len() > SHOWN {
        list.push(format!("… {} more", lines.len() - SHOWN));
    }
    format!(
        "skipped {} bad row{} (line{} {})",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        if lines.len() == 1 { "" } else { "s" },
        list.join(", ")
    )
}

fn import_sentence(plan: &ImportPlan) -> String {
    format!("Imported {}: {}", plan.kind.as_str(), plan_tally(plan))
}

/// "added 3 people and 3 certifications, updated 1 opportunity": what a plan changes, by kind.
pub fn plan_tally(plan: &ImportPlan) -> String {
    use crate::import::Entity as E;
    let kinds = [
        E::Person,
        E::Certification,
        E::Accreditation,
        E::Opportunity,
        E::Reference,
        E::Csat,
    ];
    let part = |added: bool| {
        let items: Vec<String> = kinds
            .iter()
            .map(|&e| (e, plan.count(e, added)))
            .filter(|&(_, n)| n > 0)
            .map(|(e, n)| format!("{n} {}", e.noun(n)))
            .collect();
        match items.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
        }
    };
    let mut out: Vec<String> = Vec::new();
    if let Some(a) = part(true) {
        out.push(format!("added {a}"));
    }
    if let Some(u) = part(false) {
        out.push(format!("updated {u}"));
    }
    if out.is_empty() {
        "nothing changed".into()
    } else {
        out.join(", ")
    }
}
