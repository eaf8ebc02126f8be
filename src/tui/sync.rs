//! Live ACE sync from the dashboard (issue 13): a key on the Experience tab fetches the pipeline
//! on a thread of its own, the overlay shows pages and opportunities as they arrive, then the
//! plan; `y` applies it as one undoable change saved like any edit.
//!
//! The network side is behind [`SyncSource`]: the dashboard's launch fills it with the real
//! client (feature `ace`), tests with a fake that yields pages, progress and errors. The plan
//! and its application are the same pure `crate::ace` code the `sync ace` command uses.

use super::action::Action;
use super::app::{App, Tab};
use super::effect::Effect;
use super::keymap::Mode;
use super::overlay::Overlay;
#[cfg(feature = "ace")]
pub use super::sync_job::AceSource;
pub use super::sync_job::{
    Source, SyncError, SyncEvent, SyncJob, SyncSlot, SyncSource, SyncStage, SyncView, run_job,
};
use crate::ace::{self, Catalog, Fetched, Progress, SyncPlan};
use chrono::{DateTime, Utc};

impl App {
    /// The sync overlay, wherever it sits (help may be open above it while it runs).
    pub fn sync_view(&self) -> Option<&SyncView> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Sync(v) => Some(v),
            _ => None,
        })
    }

    fn sync_view_mut(&mut self) -> Option<&mut SyncView> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Sync(v) => Some(v),
            _ => None,
        })
    }

    /// The sync key: on the Experience tab, start a sync on a background thread.
    pub fn start_sync(&mut self) {
        if self.tab != Tab::Experience {
            self.status = Some(format!(
                "ACE sync runs from the Experience tab ({})",
                self.key(Action::GoTab(3))
            ));
            return;
        }
        let catalog = self
            .store
            .ace_sync
            .as_ref()
            .and_then(|s| s.catalog.parse().ok())
            .unwrap_or(Catalog::Aws);
        let id = self.sync.new_id();
        let mut view = SyncView {
            id,
            catalog,
            incremental: false,
            stage: SyncStage::Running(Progress::default()),
            scroll: 0,
        };
        let start = match (&self.persist.read_only, &self.sync.source) {
            (Some(why), _) => Err(SyncError::ReadOnly(why.clone())),
            (None, None) if cfg!(feature = "ace") => Err(SyncError::NoSource),
            (None, None) => Err(not_built(self)),
            (None, Some(source)) => ace::starting_point(&self.store, catalog, false)
                .map(|since| (since, source.clone()))
                .map_err(SyncError::from),
        };
        match start {
            Ok((since, source)) => {
                view.incremental = since.is_some();
                self.out.push(Effect::Sync {
                    job: SyncJob { id, catalog, since },
                    source,
                });
            }
            Err(e) => view.stage = SyncStage::Failed(e),
        }
        self.status = None;
        self.overlays.push(Overlay::Sync(view));
    }

    /// Pages and opportunities so far, from the background thread.
    pub(crate) fn sync_progress(&mut self, id: u64, p: Progress) {
        if let Some(v) = self.sync_view_mut().filter(|v| v.id == id)
            && matches!(v.stage, SyncStage::Running(_))
        {
            v.stage = SyncStage::Running(p);
        }
    }

    /// Every page arrived (or the sync failed): plan it against the store as it is now.
    pub(crate) fn finish_sync(
        &mut self,
        id: u64,
        fetched: Result<Box<Fetched>, SyncError>,
        at: DateTime<Utc>,
    ) {
        // Discarded (esc) while it ran: nothing to show, nothing to apply.
        if self.sync_view().is_none_or(|v| v.id != id) {
            return;
        }
        let stage = match fetched {
            Err(e) => SyncStage::Failed(e),
            Ok(f) => match self.plan_sync(&f, at) {
                Ok(plan) => {
                    let lines = preview_lines(&plan);
                    SyncStage::Preview {
                        plan: Box::new(plan),
                        lines,
                    }
                }
                Err(e) => SyncStage::Failed(e),
            },
        };
        if let Some(v) = self.sync_view_mut() {
            v.stage = stage;
            v.scroll = 0;
        }
    }

    /// The plan, refused (like the `sync ace` command) when ACE sent values the scorecard cannot
    /// take or when applying it would add problems to the store.
    fn plan_sync(&self, fetched: &Fetched, at: DateTime<Utc>) -> Result<SyncPlan, SyncError> {
        let plan =
            ace::plan(&self.store, fetched, self.today, at).map_err(SyncError::Unacceptable)?;
        let before = crate::store::check(&self.store, &self.program);
        let mut after = self.store.clone();
        ace::apply(&mut after, &plan);
        let new: Vec<_> = crate::store::check(&after, &self.program)
            .into_iter()
            .filter(|p| !before.contains(p))
            .collect();
        if new.is_empty() {
            Ok(plan)
        } else {
            Err(SyncError::StoreProblems(new))
        }
    }

    /// `y` on the preview: the plan as one undoable change, saved at once.
    pub(crate) fn apply_sync(&mut self) {
        if !self.sync_previewing() {
            return;
        }
        if let Some(why) = &self.persist.read_only {
            self.status = Some(format!("Read-only: {why}"));
            return;
        }
        let Some(Overlay::Sync(view)) = self.overlays.pop_if(|o| matches!(o, Overlay::Sync(_)))
        else {
            return;
        };
        let SyncStage::Preview { plan, .. } = view.stage else {
            return;
        };
        ace::apply(&mut self.store, &plan);
        self.commit(format!(
            "Synced ACE ({} catalog): {} added, {} updated, {} missing",
            plan.catalog,
            plan.added.len(),
            plan.updated.len(),
            plan.missing.len()
        ));
    }

    /// Whether the sync overlay shows a plan that `y` would apply.
    pub fn sync_previewing(&self) -> bool {
        matches!(
            self.sync_view().map(|v| &v.stage),
            Some(SyncStage::Preview { .. })
        )
    }

    /// Scrolls the preview (or a long error).
    pub(crate) fn scroll_sync(&mut self, action: Action) {
        let page = self.page_rows.get().max(1) as u16;
        if let Some(v) = self.sync_view_mut() {
            v.scroll = match action {
                Action::Up => v.scroll.saturating_sub(1),
                Action::Down => v.scroll.saturating_add(1),
                Action::PageUp => v.scroll.saturating_sub(page),
                Action::PageDown => v.scroll.saturating_add(page),
                Action::First => 0,
                _ => v.scroll,
            };
        }
    }

    /// The sync overlay's key line, every key from the keymap.
    pub fn sync_hint(&self) -> String {
        let k = |a: Action| self.keymap.keys_for(Mode::Sync, a);
        match self.sync_view().map(|v| &v.stage) {
            Some(SyncStage::Preview { .. }) => format!(
                "{} apply (one change; {} undoes) · {} discard · {} scroll",
                self.key_in(Mode::Sync, Action::Confirm),
                self.key(Action::Undo),
                k(Action::Back),
                scroll_keys(self)
            ),
            Some(SyncStage::Running(_)) => format!(
                "{} stop waiting (nothing is written) · keys stay live",
                k(Action::Back)
            ),
            _ => format!("{} close · {} scroll", k(Action::Back), scroll_keys(self)),
        }
    }
}

fn scroll_keys(app: &App) -> String {
    format!(
        "{}/{}",
        app.key_in(Mode::Sync, Action::Down),
        app.key_in(Mode::Sync, Action::Up)
    )
}

/// Without the feature: how to get a build that has it.
fn not_built(app: &App) -> SyncError {
    SyncError::NotBuilt {
        sync_key: app.key(Action::SyncAce),
        import_key: app.key(Action::Import),
    }
}

/// The plan's account under the counts, one line each with the `sync ace` command's marks: what
/// needs a look first (flagged, left out), then added, updated, back and missing.
fn preview_lines(plan: &SyncPlan) -> Vec<String> {
    let mark = |m: &str, list: &[String]| -> Vec<String> {
        list.iter().map(|l| format!("{m} {l}")).collect()
    };
    let mut lines: Vec<String> = [
        mark("!", &plan.flagged),
        mark("!", &plan.unconverted),
        mark("+", &plan.added),
        mark("~", &plan.updated),
        mark("~", &plan.returned),
        mark("-", &plan.missing),
    ]
    .concat();
    if lines.is_empty() {
        lines.push("No opportunity changed since the last sync.".into());
    }
    lines
}
