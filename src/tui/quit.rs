//! Ending the dashboard without losing work. Only an explicit "discard" answer drops unsaved
//! changes; every other way out (ctrl-c at the quit prompt, a second quit while a save hangs, a
//! signal) is a forced quit, and `farewell` writes what is unsaved to a recovery file beside the
//! store once the terminal is restored.

use super::action::Action;
use super::app::App;
use super::overlay::{Confirm, Overlay};
pub use super::quit_state::Ending;
use crate::store;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a quit waits for a save under way before it gives up and writes a recovery file.
pub const SAVE_WAIT: Duration = Duration::from_secs(5);

/// How long writing the recovery file may take before we say it failed (a stalled disk).
const RECOVERY_WAIT: Duration = Duration::from_secs(10);

impl App {
    /// `q`: quit, but ask first when changes exist only in memory. A save under way is waited
    /// for (the quit goes on when it ends); asking to quit again meanwhile quits at once.
    pub fn request_quit(&mut self) {
        if self.persist.in_flight {
            if self.waiting == Some(Action::Quit) {
                self.force_quit("quit again while a save was under way".into());
                return;
            }
            self.waiting = Some(Action::Quit);
            self.status = Some(format!(
                "Saving… quits when the save ends ({} again quits now, keeping unsaved changes in a recovery file)",
                self.key(Action::Quit)
            ));
            return;
        }
        if self.unsaved() {
            self.overlays
                .push(Overlay::Confirm(Confirm::QuitDiscarding));
        } else {
            self.should_quit = true;
        }
    }

    /// Quits without asking; unsaved changes go to a recovery file (see `farewell`).
    pub fn force_quit(&mut self, why: String) {
        self.ending = Ending::Forced(why);
        self.should_quit = true;
    }

    /// A terminating signal: quits like a quit that cannot ask.
    pub fn quit_on_signal(&mut self, name: String) {
        self.ending = Ending::Signal(name);
        self.should_quit = true;
    }

    /// The explicit "discard" answer at the quit prompt: the only way unsaved work is dropped.
    pub(crate) fn quit_discarding(&mut self) {
        self.ending = Ending::Discarded;
        self.should_quit = true;
    }

    /// Whether changes exist in memory that are not in the store file (and were not discarded).
    pub fn unsaved(&self) -> bool {
        self.persist.path.is_some() && self.persist.dirty && self.ending != Ending::Discarded
    }

    /// Whether a quit is waiting for the save under way.
    pub fn quit_waiting(&self) -> bool {
        self.waiting == Some(Action::Quit)
    }
}

/// Gives up on a quit that waits for a save that does not end (a stalled disk): after
/// `SAVE_WAIT` the quit goes on, with the unsaved changes in a recovery file. The event loop
/// steps it on every wake-up, passing the time (so tests can pass theirs).
#[derive(Debug, Default)]
pub struct QuitTimer {
    since: Option<Instant>,
}

impl QuitTimer {
    pub fn step(&mut self, app: &mut App, now: Instant) {
        if !app.quit_waiting() {
            self.since = None;
            return;
        }
        let since = *self.since.get_or_insert(now);
        if now.saturating_duration_since(since) >= SAVE_WAIT {
            app.force_quit(format!(
                "the save did not finish within {} s",
                SAVE_WAIT.as_secs()
            ));
        }
    }
}

/// What to tell the user once the terminal is restored, after writing unsaved changes to a
/// recovery file. `Ok(None)`: a normal quit, nothing to say. `Err`: the process should end with a
/// non-zero status (a signal, or unsaved work), the text saying where everything is.
pub fn farewell(app: &App) -> Result<Option<String>, String> {
    let Some(path) = app.persist.path.as_deref() else {
        return match &app.ending {
            Ending::Signal(s) => Err(format!(
                "apn-scorecard: ended by {s} (demo: nothing to save)"
            )),
            _ => Ok(None),
        };
    };
    let why = match &app.ending {
        Ending::Signal(s) => format!("ended by {s}"),
        Ending::Forced(w) => format!("quit without saving ({w})"),
        Ending::Normal | Ending::Discarded => "quit".into(),
    };
    if !app.unsaved() {
        return match &app.ending {
            Ending::Signal(_) => Err(format!(
                "apn-scorecard: {why}; every change is saved in {}",
                path.display()
            )),
            _ => Ok(None),
        };
    }
    // On a thread, so a stalled disk cannot keep the process from ending.
    let (tx, rx) = mpsc::channel();
    let (target, state) = (path.to_path_buf(), app.store.clone());
    let spawned = std::thread::Builder::new()
        .name("apn-scorecard-recovery".into())
        .spawn(move || {
            let _ = tx.send(store::write_recovery(&target, &state).map_err(|e| e.to_string()));
        });
    let written = match spawned {
        Ok(_) => rx
            .recv_timeout(RECOVERY_WAIT)
            .unwrap_or_else(|_| Err("writing it did not finish in time".into())),
        Err(e) => Err(e.to_string()),
    };
    Err(match written {
        Ok(rec) => format!(
            "apn-scorecard: {why}. Changes not saved in {} are in the recovery file {}",
            path.display(),
            rec.display()
        ),
        Err(e) => format!(
            "apn-scorecard: {why}. Changes not saved in {} could not be written to a recovery \
             file either: {e}",
            path.display()
        ),
    })
}
