//! The App side of editing: opening forms, saving them, confirm dialogs, undo/redo, and writing
//! every confirmed change to disk at once.

use super::app::{App, Tab};
use super::edit::{self, Target};
use super::form::Form;
use super::keymap::Mode;
use super::saver::{self, Outcome, Saver};
use super::tables::TableKind;
use crate::domain::{MetricId, Store};
use crate::store::{self, Fingerprint, StoreLock};
use std::path::PathBuf;

/// Where changes go and what stands in the way.
#[derive(Debug, Default)]
pub struct Persist {
    /// `None` for the demo: edits stay in memory.
    pub path: Option<PathBuf>,
    /// Held for the life of the dashboard: one writer per store.
    pub lock: Option<StoreLock>,
    /// Why this dashboard may not write (another instance holds the lock).
    pub read_only: Option<String>,
    /// What the file looked like when we last read or wrote it.
    pub fingerprint: Option<Fingerprint>,
    /// A change is in memory but not yet on disk (a save is under way, failed or was refused).
    pub dirty: bool,
    /// Writes off the input thread when set (the dashboard); tests may leave it unset to save
    /// in the foreground.
    pub saver: Option<Saver>,
    /// A background save is under way.
    pub in_flight: bool,
    /// Edits were made while a save was under way: save again when it ends.
    pub queued: bool,
    /// `check_disk` saw the file change under us (warned once; cleared by a reload).
    pub changed_on_disk: bool,
}

/// A destructive step waiting for `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Delete(Target, String),
    QuitDiscarding,
    ReloadDiscarding,
    /// A previewed import: the summary of what it changes.
    Import(String),
}

impl Pending {
    pub fn question(&self) -> String {
        match self {
            Pending::Delete(_, what) => format!("Delete {what}?"),
            Pending::QuitDiscarding => "Unsaved changes will be lost. Quit anyway?".into(),
            Pending::ReloadDiscarding => {
                "Reload from disk and drop the changes not saved here?".into()
            }
            Pending::Import(summary) => format!("Import this?\n{summary}"),
        }
    }
}

/// How many changes `u` can take back.
pub const UNDO_DEPTH: usize = 100;

/// One undo step: the store before the change, and what the change was.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub store: Store,
    pub what: String,
}

impl App {
    fn editions(&self) -> Vec<String> {
        self.program
            .programs
            .ids()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn can_edit(&mut self) -> bool {
        if let Some(why) = &self.persist.read_only {
            self.status = Some(format!("Read-only: {why}"));
            return false;
        }
        true
    }

    /// The person whose detail is open, and the holding under the cursor there.
    pub fn detail_person(&self) -> Option<&crate::domain::Person> {
        let i = self.table(TableKind::People).selected_entry()?;
        self.store.people.get(i)
    }

    /// The holdings of the detail person in display order: certifications, accreditations,
    /// planned exams.
    pub fn holdings(&self) -> Vec<Target> {
        let Some(p) = self.detail_person() else {
            return Vec::new();
        };
        let person = p.id;
        p.certifications
            .iter()
            .map(|c| Target::Certification {
                person,
                id: Some(c.id),
            })
            .chain(p.accreditations.iter().map(|a| Target::Accreditation {
                person,
                id: Some(a.id),
            }))
            .chain(p.planned_exams.iter().map(|x| Target::PlannedExam {
                person,
                id: Some(x.id),
            }))
            .collect()
    }

    /// The entry under the cursor, as an edit target.
    fn selected_target(&self) -> Option<Target> {
        if self.mode() == Mode::Detail && self.tab == Tab::Knowledge {
            return self.holdings().get(self.detail_sel).copied();
        }
        match self.focused_table()? {
            TableKind::People => self.detail_person().map(|p| Target::Person(Some(p.id))),
            TableKind::Opportunities => {
                let i = self.table(TableKind::Opportunities).selected_entry()?;
                Some(Target::Opportunity(Some(
                    self.store.opportunities.get(i)?.id,
                )))
            }
            TableKind::References => {
                let i = self.table(TableKind::References).selected_entry()?;
                Some(Target::Reference(Some(self.store.references.get(i)?.id)))
            }
            TableKind::Csat => {
                let i = self.table(TableKind::Csat).selected_entry()?;
                Some(Target::Csat(Some(self.store.csat.get(i)?.id)))
            }
        }
    }

    pub fn open_form(&mut self, target: Target) {
        if !self.can_edit() {
            return;
        }
        let editions = self.editions();
        if let Some(form) = edit::form_for(&self.store, target, self.today, &editions) {
            self.form = Some((form, target));
            self.modes.push(Mode::Form);
            self.status = None;
        }
    }

    /// `a`: add what the current tab lists.
    pub fn start_add(&mut self) {
        let target = match self.tab {
            Tab::Overview | Tab::Outlook => {
                self.status = Some("Add from a pillar tab (2-4); P edits the profile".into());
                return;
            }
            Tab::Knowledge => Target::Person(None),
            Tab::Experience => Target::Opportunity(None),
            Tab::Customers => match self.cs_focus {
                TableKind::Csat => Target::Csat(None),
                _ => Target::Reference(None),
            },
        };
        self.open_form(target);
    }

    /// Adding to the person whose detail is open.
    pub fn start_add_holding(&mut self, kind: char) {
        // Only a person's detail holds certifications; elsewhere these keys do nothing.
        if self.tab != Tab::Knowledge {
            return;
        }
        let Some(person) = self.detail_person().map(|p| p.id) else {
            return;
        };
        self.open_form(match kind {
            'c' => Target::Certification { person, id: None },
            'a' => Target::Accreditation { person, id: None },
            _ => Target::PlannedExam { person, id: None },
        });
    }

    /// `e` / Enter on an entry: edit it. On the Overview, `e` overrides the selected row's
    /// threshold.
    pub fn start_edit(&mut self) {
        if matches!(self.tab, Tab::Overview | Tab::Outlook) && self.mode() == Mode::Normal {
            if let Some(m) = MetricId::ALL.get(self.overview_sel) {
                self.open_form(Target::Threshold(*m));
            }
            return;
        }
        match self.selected_target() {
            Some(t) => self.open_form(t),
            None => self.status = Some("Nothing selected to edit".into()),
        }
    }

    pub fn start_edit_business_plan(&mut self) {
        let id = self.store.current_business_plan().map(|b| b.id);
        self.open_form(crate::tui::edit::Target::BusinessPlan(id));
    }

    pub fn start_delete(&mut self) {
        if !self.can_edit() {
            return;
        }
        let Some(t) = self.selected_target() else {
            self.status = Some("Nothing selected to delete".into());
            return;
        };
        if let Some(what) = edit::describe(&self.store, t) {
            self.pending = Some(Pending::Delete(t, what));
            self.modes.push(Mode::Confirm);
        }
    }

    /// Enter in a form: validate, apply, save. A bad field keeps the form open.
    pub fn save_form(&mut self) {
        let editions = self.editions();
        let Some((form, target)) = self.form.as_mut() else {
            return;
        };
        let Some(values) = form.validate(self.today, &self.program.catalog) else {
            self.status = Some("Fix the marked field (esc cancels)".into());
            return;
        };
        let target = *target;
        let before = self.store.clone();
        match edit::apply(&mut self.store, target, &values, self.today, &editions) {
            Err((label, msg)) => {
                self.store = before;
                if let Some((form, _)) = self.form.as_mut() {
                    form.fail(label, msg);
                }
            }
            Ok(msg) => {
                self.form = None;
                self.modes.retain(|m| *m != Mode::Form);
                self.commit(before, msg);
            }
        }
    }

    /// Records an undo step, recomputes, and writes the store.
    pub fn commit(&mut self, before: Store, what: String) {
        self.undo.push(Snapshot {
            store: before,
            what: what.clone(),
        });
        // Each step holds a whole store: bound the memory a long session can take.
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.recompute();
        self.after_change(format!("{what}. u: undo"));
    }

    fn after_change(&mut self, msg: String) {
        self.status = Some(match self.persist_now() {
            Ok(true) => msg,
            Ok(false) => format!("{msg} (demo: not saved)"),
            Err(e) => format!("{msg}, but NOT SAVED: {e}"),
        });
    }

    pub fn confirm(&mut self) {
        let Some(p) = self.pending.take() else {
            self.modes.pop();
            return;
        };
        self.modes.pop();
        match p {
            Pending::Delete(t, what) => {
                let before = self.store.clone();
                if edit::delete(&mut self.store, t) {
                    self.detail_sel = self.detail_sel.saturating_sub(1);
                    if matches!(t, Target::Person(_)) {
                        self.modes.retain(|m| *m != Mode::Detail);
                    }
                    self.commit(before, format!("Deleted {what}"));
                }
            }
            Pending::QuitDiscarding => self.should_quit = true,
            Pending::ReloadDiscarding => self.reload_now(),
            Pending::Import(_) => self.apply_import(),
        }
    }

    pub fn undo(&mut self) {
        self.step_history(true);
    }

    pub fn redo(&mut self) {
        self.step_history(false);
    }

    fn step_history(&mut self, back: bool) {
        if !self.can_edit() {
            return;
        }
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(snap) = from.pop() else {
            self.status = Some(
                if back {
                    "Nothing to undo"
                } else {
                    "Nothing to redo"
                }
                .into(),
            );
            return;
        };
        let current = std::mem::replace(&mut self.store, snap.store);
        to.push(Snapshot {
            store: current,
            what: snap.what.clone(),
        });
        self.recompute();
        let msg = if back {
            format!("Undid: {}. ctrl-r: redo", snap.what)
        } else {
            format!("Redid: {}", snap.what)
        };
        self.after_change(msg);
    }

    /// Writes the store unless it changed on disk since we read it. Ok(false): nowhere to write.
    /// With a background writer the save is queued and its outcome arrives via `poll_saves`.
    pub fn persist_now(&mut self) -> Result<bool, String> {
        let Some(path) = self.persist.path.clone() else {
            return Ok(false);
        };
        if self.persist.read_only.is_some() {
            self.persist.dirty = true;
            return Err("read-only".into());
        }
        self.persist.dirty = true;
        if let Some(saver) = &self.persist.saver {
            if self.persist.in_flight {
                // Saved with the next round: the writer always takes the latest store.
                self.persist.queued = true;
                return Ok(true);
            }
            let expect = self.persist.fingerprint.clone();
            if saver.send(path.clone(), self.store.clone(), expect) {
                self.persist.in_flight = true;
                return Ok(true);
            }
        }
        let outcome = saver::write_checked(&path, &self.store, self.persist.fingerprint.as_ref());
        self.take_outcome(outcome)
    }

    /// Applies how a save ended to the model: fingerprint, dirty flag, banner.
    fn take_outcome(&mut self, outcome: Outcome) -> Result<bool, String> {
        let shown = self
            .persist
            .path
            .as_ref()
            .map_or_else(String::new, |p| p.display().to_string());
        match outcome {
            Outcome::Saved(fp) => {
                self.persist.fingerprint = fp;
                self.persist.dirty = self.persist.queued;
                if self
                    .warning
                    .as_deref()
                    .is_some_and(|w| w.starts_with("Not saved"))
                {
                    self.warning = None;
                }
                Ok(true)
            }
            Outcome::ChangedOnDisk => {
                self.persist.dirty = true;
                self.persist.queued = false;
                self.warning = Some(format!(
                    "{shown} changed on disk since it was loaded: not overwritten. R reloads it (dropping unsaved changes here)."
                ));
                Err("the file changed on disk".into())
            }
            Outcome::Failed(e) => {
                self.persist.dirty = true;
                self.persist.queued = false;
                self.warning = Some(format!("Not saved: {e}. Changes are kept in memory."));
                Err(e)
            }
        }
    }

    /// Takes the outcome of a background save if it ended, and sends the edits made meanwhile.
    /// Returns whether anything changed on screen.
    pub fn poll_saves(&mut self) -> bool {
        let Some(outcome) = self.persist.saver.as_ref().and_then(|s| s.try_result()) else {
            return false;
        };
        self.finish_save(outcome);
        true
    }

    fn finish_save(&mut self, outcome: Outcome) {
        self.persist.in_flight = false;
        if let Err(e) = self.take_outcome(outcome) {
            self.status = Some(format!("NOT SAVED: {e}"));
        } else if self.persist.queued {
            self.persist.queued = false;
            if let Err(e) = self.persist_now() {
                self.status = Some(format!("NOT SAVED: {e}"));
            }
        }
    }

    /// Notices a hand edit or a `git pull` while the dashboard sits open, before any save: the
    /// cheap length and time check first, the content hash only when they differ.
    pub fn check_disk(&mut self) -> bool {
        if self.persist.in_flight || self.persist.changed_on_disk {
            return false;
        }
        let (Some(path), Some(known)) = (&self.persist.path, &self.persist.fingerprint) else {
            return false;
        };
        let Ok(meta) = std::fs::metadata(path) else {
            return false;
        };
        if meta.len() == known.len && meta.modified().ok() == known.modified {
            return false;
        }
        match store::fingerprint(path) {
            Ok(Some(fp)) if &fp != known => {
                self.persist.changed_on_disk = true;
                self.warning = Some(format!(
                    "{} changed on disk: R reloads it{}.",
                    path.display(),
                    if self.persist.dirty {
                        " (dropping unsaved changes here)"
                    } else {
                        ""
                    }
                ));
                true
            }
            _ => false,
        }
    }

    /// Waits until every change is on disk (or has failed): before quitting or reloading.
    pub fn flush_saves(&mut self) {
        while self.persist.in_flight {
            let outcome = match &self.persist.saver {
                Some(s) => s.wait_result(),
                None => break,
            };
            self.finish_save(outcome);
        }
    }

    /// `q`: quit, but ask first when changes exist only in memory.
    pub fn request_quit(&mut self) {
        self.flush_saves();
        if self.persist.dirty && self.persist.path.is_some() {
            self.pending = Some(Pending::QuitDiscarding);
            self.modes.push(Mode::Confirm);
        } else {
            self.should_quit = true;
        }
    }

    /// `R`: reload from disk, asking first if that drops unsaved changes.
    pub fn request_reload(&mut self) {
        self.flush_saves();
        if self.persist.path.is_none() {
            self.status = Some("The demo has no file to reload".into());
            return;
        }
        if self.persist.dirty {
            self.pending = Some(Pending::ReloadDiscarding);
            self.modes.push(Mode::Confirm);
        } else {
            self.reload_now();
        }
    }

    fn reload_now(&mut self) {
        let Some(path) = self.persist.path.clone() else {
            return;
        };
        match store::load_with_fingerprint(&path) {
            Ok((s, fp)) => {
                self.store = s;
                self.persist.fingerprint = Some(fp);
                self.persist.dirty = false;
                self.persist.changed_on_disk = false;
                self.undo.clear();
                self.redo.clear();
                self.warning = self
                    .persist
                    .read_only
                    .clone()
                    .map(|w| format!("Read-only: {w}"));
                self.recompute();
                self.status = Some(format!("Reloaded {}", path.display()));
            }
            Err(e) => self.status = Some(format!("Reload failed, nothing changed: {e}")),
        }
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref().map(|(f, _)| f)
    }
}

impl App {
    /// Binds the dashboard to its file: takes the writer lock (or goes read-only) and remembers
    /// what the file looked like, to notice edits made behind our back.
    pub fn attach_file(&mut self, path: PathBuf) {
        match store::lock(&path) {
            Ok(lock) => self.persist.lock = Some(lock),
            Err(e) => {
                let why = e.to_string();
                self.warning = Some(format!("Read-only: {why}"));
                self.persist.read_only = Some(why);
            }
        }
        self.persist.fingerprint = store::fingerprint(&path).ok().flatten();
        self.persist.path = Some(path);
    }
}
