//! The App side of editing: opening forms, saving them, confirm dialogs, undo/redo, and asking
//! for every confirmed change to be written at once (an `Effect::Save`, carried out off the
//! input thread).

use super::action::Action;
use super::app::{App, Tab};
use super::banner::{Banner, Cause};
use super::edit::{self, Target};
use super::effect::{Effect, Reply};
use super::history::Touched;
use super::keymap::Mode;
use super::overlay::{Confirm, Overlay};
pub use super::persist::Persist;
use super::saver::{FileError, NotSaved, Outcome};
use super::tables::TableKind;
use crate::domain::MetricId;
use crate::store::{self, Fingerprint, StoreLock};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use super::history::UNDO_DEPTH;

impl App {
    fn editions(&self) -> Vec<String> {
        self.program
            .programs
            .ids()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    pub(crate) fn can_edit(&mut self) -> bool {
        if let Some(why) = &self.persist.read_only {
            self.status = Some(format!("Read-only: {why}"));
            return false;
        }
        if let Some(why) = self.id_refusal() {
            self.status = Some(why);
            return false;
        }
        true
    }

    /// Whether `target` is exactly one entry: the one under the cursor, never two sharing its id.
    fn is_one_entry(&mut self, target: Target) -> bool {
        if edit::exact(&self.store, target) {
            return true;
        }
        self.status = Some(format!(
            "Not changed: that entry's id is shared or the entry is gone. `apn-scorecard validate --fix` repairs ids; {} reloads",
            self.key(Action::Reload)
        ));
        false
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
            return self.holdings().get(self.detail_sel()).copied();
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
        if !self.can_edit() || !self.is_one_entry(target) {
            return;
        }
        let editions = self.editions();
        if let Some(form) = edit::form_for(&self.store, target, self.today, &editions) {
            self.overlays.push(Overlay::Form { form, target });
            self.status = None;
        }
    }

    /// `a`: add what the current tab lists.
    pub fn start_add(&mut self) {
        let target = match self.tab {
            Tab::Overview | Tab::Outlook => {
                self.status = Some(format!(
                    "Add from a pillar tab ({}); {} edits the profile",
                    self.pillar_tab_keys(),
                    self.key(Action::EditProfile)
                ));
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
        if !self.is_one_entry(t) {
            return;
        }
        if let Some(what) = edit::describe(&self.store, t) {
            self.overlays
                .push(Overlay::Confirm(Confirm::Delete(t, what)));
        }
    }

    /// Enter in a form: validate, apply, save. A bad field keeps the form open.
    pub fn save_form(&mut self) {
        let editions = self.editions();
        let Some(Overlay::Form { form, target }) = self.overlays.last_mut() else {
            return;
        };
        let Some(values) = form.validate(self.today, &self.program.catalog) else {
            self.status = Some(format!(
                "Fix the marked field ({} cancels)",
                self.key_in(Mode::Form, Action::Back)
            ));
            return;
        };
        let target = *target;
        match edit::apply(&mut self.store, target, &values, self.today, &editions) {
            Err((field, msg)) => {
                self.history.restore(&mut self.store);
                if let Some(form) = self.form_mut() {
                    form.fail(field, msg);
                }
            }
            Ok(Some(msg)) => {
                self.overlays.pop();
                self.commit_touched(msg, Some(target.touches()));
            }
            // The values are what the entry held: no undo step, no save.
            Ok(None) => {
                self.history.restore(&mut self.store);
                self.overlays.pop();
                self.status = Some("No change".into());
            }
        }
    }

    /// The store was changed by `what`: records an undo step, recomputes, and asks for a save.
    pub fn commit(&mut self, what: String) {
        self.commit_touched(what, None);
    }

    /// `commit` for a change that names the part of the store it touched, so the undo step
    /// need not compare every entry (27 ms at 85,000 entries).
    pub fn commit_touched(&mut self, what: String, touched: Option<Touched>) {
        let changed = match touched {
            Some(t) => self.history.record_touched(&self.store, what.clone(), t),
            None => self.history.record(&self.store, what.clone()),
        };
        self.recompute_after_edit(changed, touched);
        // The undo key of the mode the user is in (the conflict list binds its own).
        let undo = self.keymap.first_key(self.mode(), Action::Undo);
        let undo = undo.map_or_else(|| self.key(Action::Undo), |k| k.to_string());
        self.after_change(format!("{what}. {undo}: undo"));
    }

    fn after_change(&mut self, msg: String) {
        self.status = Some(match self.persist_now() {
            Ok(true) => msg,
            Ok(false) => format!("{msg} (demo: not saved)"),
            Err(e) => {
                let said = format!("{msg}, but NOT SAVED: {e}");
                self.persist.unsaved_status = Some(said.clone());
                said
            }
        });
    }

    /// Shows the lasting banner, with why.
    pub(crate) fn warn(&mut self, cause: Cause, text: String) {
        self.warning = Some(Banner::new(cause, text));
    }

    /// Clears the banner if it shows for `cause`.
    fn clear_warning(&mut self, cause: Cause) {
        if self.warning.as_ref().is_some_and(|w| w.cause == cause) {
            self.warning = None;
        }
    }

    pub fn confirm(&mut self) {
        let Some(Overlay::Confirm(c)) = self.overlays.pop() else {
            return;
        };
        match c {
            Confirm::Delete(t, what) => {
                if edit::delete(&mut self.store, t) {
                    self.set_detail_sel(|s| s.saturating_sub(1));
                    if matches!(t, Target::Person(_)) {
                        self.overlays
                            .retain(|o| !matches!(o, Overlay::Detail { .. }));
                    }
                    self.commit_touched(format!("Deleted {what}"), Some(t.touches()));
                }
            }
            Confirm::QuitDiscarding => self.quit_discarding(),
            Confirm::ReloadDiscarding => self.reload_now(),
            Confirm::Recreate(_) => {
                self.persist.gone = false;
                self.persist.changed_on_disk = false;
                self.persist.fingerprint = None;
                self.warning = None;
                let shown = self.persist.path.as_ref().map(|p| p.display().to_string());
                self.after_change(format!("Wrote {} again", shown.unwrap_or_default()));
            }
            Confirm::Import { plan, .. } => self.apply_import(plan),
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
        let Some((store, what)) = self.history.step(back) else {
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
        self.store = store;
        self.recount();
        let msg = if back {
            format!("Undid: {what}. {}: redo", self.key(Action::Redo))
        } else {
            format!("Redid: {what}")
        };
        self.after_change(msg);
    }

    /// Asks for the store to be written unless it changed on disk since we read it.
    /// Ok(false): nowhere to write. The outcome arrives as `Reply::Saved`.
    pub fn persist_now(&mut self) -> Result<bool, NotSaved> {
        let Some(path) = self.persist.path.clone() else {
            return Ok(false);
        };
        self.persist.dirty = true;
        if self.persist.read_only.is_some() {
            return Err(NotSaved::ReadOnly);
        }
        if self.persist.gone {
            // Writing would quietly recreate a file someone deleted or moved: ask first.
            if !matches!(self.confirming(), Some(Confirm::Recreate(_))) {
                self.overlays
                    .push(Overlay::Confirm(Confirm::Recreate(path.clone())));
            }
            return Err(NotSaved::Gone(path));
        }
        if self.persist.in_flight {
            // Saved with the next round: the writer always takes the latest state.
            self.persist.queued = true;
            return Ok(true);
        }
        self.persist.in_flight = true;
        self.out.push(Effect::Save {
            path,
            state: self.history.current().clone(),
            expect: self.persist.fingerprint.clone(),
            lock: self.persist.lock.clone(),
        });
        Ok(true)
    }

    /// Applies how a save ended to the model: fingerprint, dirty flag, banner.
    fn take_outcome(&mut self, outcome: Outcome) -> Result<(), NotSaved> {
        let path = self.persist.path.clone().unwrap_or_default();
        let shown = path.display();
        match outcome {
            Outcome::Saved(fp) => {
                self.persist.fingerprint = fp;
                self.persist.dirty = self.persist.queued;
                self.clear_warning(Cause::NotSaved);
                Ok(())
            }
            Outcome::ChangedOnDisk => {
                self.persist.dirty = true;
                self.persist.queued = false;
                // The key first: a banner cut by a narrow terminal still says what to press.
                self.warn(Cause::OnDisk, format!(
                    "{} reload · {shown} changed on disk since it was loaded: not overwritten (reloading drops unsaved changes here)",
                    self.key(Action::Reload)
                ));
                Err(NotSaved::ChangedOnDisk)
            }
            Outcome::Gone => {
                self.persist.dirty = true;
                self.persist.queued = false;
                self.mark_gone();
                Err(NotSaved::Gone(path))
            }
            Outcome::Failed(e) => {
                self.persist.dirty = true;
                self.persist.queued = false;
                self.warn(
                    Cause::NotSaved,
                    format!("Not saved: {e}. Changes are kept in memory."),
                );
                Err(NotSaved::Failed(e))
            }
        }
    }

    /// Takes in how an effect ended; returns the effects that follow from it.
    pub fn receive(&mut self, reply: Reply) -> Vec<Effect> {
        match reply {
            Reply::Saved(outcome) => self.finish_save(outcome),
            Reply::Loaded(result) => self.finish_reload(result),
            Reply::DiskChecked(fp) => self.finish_check(fp),
            Reply::ImportRead {
                path,
                kind,
                state,
                result,
            } => self.finish_import_read(path, kind, state, result),
            Reply::DiskGone => {
                if !self.persist.in_flight {
                    self.mark_gone();
                }
            }
            Reply::Locked(lock) => self.finish_lock(lock),
            Reply::SyncProgress { id, progress } => self.sync_progress(id, progress),
            Reply::Synced { id, fetched, at } => self.finish_sync(id, fetched, at),
            Reply::Engine {
                generation,
                derived,
            } => self.take_engine(generation, *derived),
        }
        std::mem::take(&mut self.out)
    }

    fn finish_save(&mut self, outcome: Outcome) {
        self.persist.in_flight = false;
        if let Err(e) = self.take_outcome(outcome) {
            // The change's own sentence first, as when the save was asked for, unless the
            // message shown is one that already said a save failed.
            let said = self.status.is_some() && self.status == self.persist.unsaved_status;
            self.status = Some(match self.status.take() {
                Some(msg) if !said => format!("{msg}, but NOT SAVED: {e}"),
                _ => format!("NOT SAVED: {e}"),
            });
            self.persist.unsaved_status = self.status.clone();
        } else if self.persist.queued {
            self.persist.queued = false;
            if let Err(e) = self.persist_now() {
                self.status = Some(format!("NOT SAVED: {e}"));
                self.persist.unsaved_status = self.status.clone();
            }
        }
        // A quit or reload that waited for the save goes on now.
        if !self.persist.in_flight
            && let Some(action) = self.waiting.take()
        {
            self.dispatch(action);
        }
    }

    /// Every two seconds of quiet: ask whether the file changed on disk behind our back.
    pub fn tick(&mut self) -> Vec<Effect> {
        self.ask_for_lock();
        if !self.persist.in_flight
            && !self.persist.changed_on_disk
            && let (Some(path), Some(known)) = (&self.persist.path, &self.persist.fingerprint)
        {
            self.out.push(Effect::CheckDisk {
                path: path.clone(),
                known: known.clone(),
            });
        }
        std::mem::take(&mut self.out)
    }

    fn finish_check(&mut self, fp: Option<Fingerprint>) {
        // A save that started since the check was asked makes its answer stale.
        let Some(fp) = fp else { return };
        if self.persist.in_flight || self.persist.fingerprint.as_ref() == Some(&fp) {
            return;
        }
        let Some(path) = &self.persist.path else {
            return;
        };
        self.persist.changed_on_disk = true;
        self.warn(
            Cause::OnDisk,
            format!(
                "{} reload · {} changed on disk{}",
                self.key(Action::Reload),
                path.display(),
                if self.persist.dirty {
                    " (reloading drops unsaved changes here)"
                } else {
                    ""
                }
            ),
        );
    }

    /// `R`: reload from disk, asking first if that drops unsaved changes.
    pub fn request_reload(&mut self) {
        if self.persist.path.is_none() {
            self.status = Some("The demo has no file to reload".into());
            return;
        }
        self.ask_for_lock();
        if self.persist.in_flight {
            self.waiting = Some(Action::Reload);
            self.status = Some("Saving… reloads when the save ends".into());
            return;
        }
        if self.persist.dirty {
            self.overlays
                .push(Overlay::Confirm(Confirm::ReloadDiscarding));
        } else {
            self.reload_now();
        }
    }

    fn reload_now(&mut self) {
        if let Some(path) = self.persist.path.clone() {
            self.out.push(Effect::Reload { path });
        }
    }

    fn finish_reload(
        &mut self,
        result: Result<Box<(crate::domain::Store, Fingerprint)>, FileError>,
    ) {
        match result.map(|b| *b) {
            Ok((s, fp)) => {
                // Keep each table's cursor on the same entry (by id), not the same row.
                let keep: Vec<_> = TableKind::ALL
                    .iter()
                    .map(|k| {
                        self.table(*k)
                            .selected_entry()
                            .and_then(|i| entry_id(&self.store, *k, i))
                    })
                    .collect();
                self.store = s;
                self.persist.gone = false;
                self.persist.fingerprint = Some(fp);
                self.persist.dirty = false;
                self.persist.changed_on_disk = false;
                self.history.reset(&self.store);
                self.check_ids();
                self.warning = self
                    .persist
                    .read_only
                    .clone()
                    .map(|w| Banner::new(Cause::ReadOnly, format!("Read-only: {w}")));
                self.recount();
                for (k, id) in TableKind::ALL.iter().zip(keep) {
                    let found = id.and_then(|id| {
                        self.table(*k)
                            .rows
                            .iter()
                            .position(|&i| entry_id(&self.store, *k, i) == Some(id))
                    });
                    if let Some(row) = found {
                        self.table_mut(*k).selected = row;
                    }
                }
                let shown = self
                    .persist
                    .path
                    .as_ref()
                    .map_or_else(String::new, |p| p.display().to_string());
                // R may also have taken the writer lock just before: keep saying so.
                let writable = std::mem::take(&mut self.persist.became_writable);
                self.status = Some(format!(
                    "Reloaded {shown}{}",
                    if writable { "; now writable" } else { "" }
                ));
            }
            Err(e) => self.status = Some(format!("Reload failed, nothing changed: {e}")),
        }
    }
}

impl App {
    /// Binds the dashboard to its file: takes the writer lock (or goes read-only) and remembers
    /// what the file looked like, to notice edits made behind our back.
    pub fn attach_file(&mut self, path: PathBuf) {
        match store::lock(&path) {
            Ok(lock) => self.persist.lock = Some(Arc::new(Mutex::new(lock))),
            Err(e) => {
                let why = e.to_string();
                self.warn(Cause::ReadOnly, format!("Read-only: {why}"));
                self.persist.read_only = Some(why);
            }
        }
        self.persist.fingerprint = store::fingerprint(&path).ok().flatten();
        self.persist.path = Some(path);
    }
}

/// The id of entry `i` of the list `kind` shows.
fn entry_id(s: &crate::domain::Store, kind: TableKind, i: usize) -> Option<crate::domain::Id> {
    kind.id_at(s, i)
}

impl App {
    /// The file is gone: a banner, key first, and the next save asks before writing it again.
    fn mark_gone(&mut self) {
        let Some(path) = &self.persist.path else {
            return;
        };
        self.persist.gone = true;
        self.persist.changed_on_disk = true;
        self.warn(Cause::OnDisk, format!(
            "{} reloads · {} is gone from disk (deleted or moved); the next change asks before writing it again.",
            self.key(Action::Reload),
            path.display()
        ));
    }

    /// A read-only dashboard asks for the writer lock (on `R` and every periodic check).
    fn ask_for_lock(&mut self) {
        if self.persist.read_only.is_some()
            && self.persist.lock.is_none()
            && !self.persist.lock_asked
            && let Some(path) = &self.persist.path
        {
            self.persist.lock_asked = true;
            self.out.push(Effect::TryLock { path: path.clone() });
        }
    }

    fn finish_lock(&mut self, lock: Option<StoreLock>) {
        self.persist.lock_asked = false;
        let Some(lock) = lock else { return };
        self.persist.lock = Some(Arc::new(Mutex::new(lock)));
        self.persist.read_only = None;
        self.clear_warning(Cause::ReadOnly);
        self.persist.became_writable = true;
        self.status = Some("The other apn-scorecard closed: this dashboard is now writable".into());
    }
}
