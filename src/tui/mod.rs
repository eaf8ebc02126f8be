//! The interactive dashboard: Elm-style model (`app`), messages (`action`), keys as data
//! (`keymap`), derived tables (`tables`), drawing (`ui`) and the event loop (`run`).

pub mod action;
pub mod app;
pub mod banner;
pub mod conflicts;
pub mod derived;
pub mod edit;
pub mod editing;
pub mod effect;
pub mod form;
mod harness;
pub mod history;
pub mod import_job;
pub mod importing;
pub mod keymap;
mod mouse;
pub mod outlook;
pub mod overlay;
mod paste;
pub mod persist;
pub mod quit;
pub mod quit_state;
pub mod run;
pub mod saver;
pub mod sync;
pub mod sync_job;
pub mod tables;
pub mod ui;

pub use app::{App, Tab};
pub use run::run;

use crate::domain::Store;
use crate::scoring::Program;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Opens the dashboard on `store`. With a `path`, edits are saved there at once; a store already
/// open in another apn-scorecard opens read-only with a banner. Without one (the demo), edits
/// stay in memory.
pub fn launch(
    store: Store,
    program: Program,
    today: NaiveDate,
    as_of: NaiveDate,
    path: Option<PathBuf>,
) -> color_eyre::Result<()> {
    let mut app = App::new(store, program, today, as_of);
    app.theme = ui::theme::Theme::from_env(std::env::var_os("NO_COLOR"));
    let keys = run::default_keys_path();
    let (keymap, key_warning) = run::load_keymap(keys.as_deref());
    app.keymap = keymap;
    app.warning = key_warning.map(|w| banner::Banner::new(banner::Cause::Note, w));
    // Live ACE sync through the standard AWS chain; without the feature its key says how to
    // install a build that has it.
    #[cfg(feature = "ace")]
    {
        app.sync.source = Some(sync::Source::new(sync::AceSource::default()));
    }
    if let Some(path) = path {
        app.attach_file(path);
    } else {
        app.warning.get_or_insert_with(|| {
            banner::Banner::new(
                banner::Cause::Note,
                "Demo data: changes stay in memory and are never saved",
            )
        });
    }
    run(&mut app)
}
