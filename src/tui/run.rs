//! The event loop: one redraw per event. Keys change the model at once; the file work they ask
//! for (saves, reloads, reading a CSV, checking the file) runs on a worker thread, and its
//! replies come back into the model between keys.

use super::app::App;
use super::effect::Worker;
use super::keymap::Keymap;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use std::io::stdout;
use std::path::Path;

/// Runs the dashboard until the user quits. The terminal is restored on every exit path,
/// errors and panics included (ratatui's hook restores the screen; ours also releases the mouse).
pub fn run(app: &mut App) -> color_eyre::Result<()> {
    install_panic_hook(app.persist.path.as_deref().map(crash_note));
    ratatui::run(|terminal| -> color_eyre::Result<()> {
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        let result = event_loop(terminal, app);
        // Release the mouse even when the loop failed; the error still wins.
        let released = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        result?;
        released?;
        Ok(())
    })
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> color_eyre::Result<()> {
    let mut worker = Worker::spawn()?;
    let mut dirty = true;
    while !app.should_quit {
        if dirty {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
        }
        dirty = false;
        // While work is under way, wake each frame to show how it ends; otherwise wake every
        // two seconds to notice the file changing on disk.
        let wait = if worker.busy() { 16 } else { 2000 };
        if event::poll(std::time::Duration::from_millis(wait))? {
            let (redraw, effects) = app.on_event(&event::read()?);
            dirty = redraw;
            worker.send(effects);
        } else if !worker.busy() {
            worker.send(app.tick());
        }
        while let Some(reply) = worker.try_recv() {
            dirty = true;
            let more = app.receive(reply);
            worker.send(more);
        }
    }
    // Dropping the worker waits for the job it is on: a save under way is never cut off.
    drop(worker);
    Ok(())
}

/// Our hook runs inside ratatui's, which restores the screen first; then the mouse is released,
/// the previous hook (color-eyre's report) prints, and last the note saying where the data is.
fn install_panic_hook(note: Option<String>) {
    let previous = std::panic::take_hook();
    let release = || {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    };
    let print = |s: &str| eprintln!("{s}");
    std::panic::set_hook(Box::new(panic_hook(previous, release, note, print)));
}

/// The panic hook, with its effects passed in so the order can be tested without a terminal.
pub fn panic_hook<P, R, W>(
    previous: P,
    release: R,
    note: Option<String>,
    print: W,
) -> impl Fn(&std::panic::PanicHookInfo<'_>) + Send + Sync + 'static
where
    P: Fn(&std::panic::PanicHookInfo<'_>) + Send + Sync + 'static,
    R: Fn() + Send + Sync + 'static,
    W: Fn(&str) + Send + Sync + 'static,
{
    move |info| {
        release();
        previous(info);
        if let Some(n) = &note {
            print(n);
        }
    }
}

/// What a crash tells the user about their data: where it is, and that confirmed changes are in it.
pub fn crash_note(path: &Path) -> String {
    format!(
        "apn-scorecard crashed. Your data is in {} (previous version: {}). Every change was \
         saved when you confirmed it, except any the dashboard marked NOT SAVED.",
        path.display(),
        crate::store::backup_path(path).display()
    )
}

/// Reads `keys.ron` from the config folder if present. Returns the keymap and, when the file is
/// bad, a warning to show (the defaults are used).
pub fn load_keymap(path: Option<&Path>) -> (Keymap, Option<String>) {
    let Some(path) = path else {
        return (Keymap::default(), None);
    };
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Keymap::default(), None),
        Err(e) => (
            Keymap::default(),
            Some(format!("{}: {e}; using default keys", path.display())),
        ),
        Ok(text) => match Keymap::with_overrides(&text) {
            Ok(k) => (k, None),
            Err(e) => (
                Keymap::default(),
                Some(format!("{}:{e}; using default keys", path.display())),
            ),
        },
    }
}

/// `keys.ron` in the platform config folder (on Linux `~/.config/apn-scorecard/keys.ron`).
pub fn default_keys_path() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "apn-scorecard").map(|d| d.config_dir().join("keys.ron"))
}
