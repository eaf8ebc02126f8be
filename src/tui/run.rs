//! The event loop: one redraw per event. Keys change the model at once; the file work they ask
//! for (saves, reloads, reading a CSV, checking the file) runs on a worker thread, and its
//! replies come back into the model between keys.

use super::app::App;
use super::effect::Worker;
use super::keymap::Keymap;
use super::quit::{QuitTimer, SAVE_WAIT};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use std::io::stdout;
use std::path::Path;
use std::time::{Duration, Instant};

/// Far above any real `keys.ron` (a few KB).
const KEYS_MAX_BYTES: u64 = 1024 * 1024;

/// How often the file is checked for outside changes while nothing else happens.
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// Runs the dashboard until the user quits. The terminal is restored on every exit path,
/// errors, panics and SIGTERM/SIGHUP/SIGINT included (ratatui's hook restores the screen; ours
/// also releases the mouse). Unsaved work left at a forced end goes to a recovery file, and the
/// error returned (a non-zero exit) says where, on the restored terminal.
pub fn run(app: &mut App) -> color_eyre::Result<()> {
    install_panic_hook(app.persist.path.as_deref().map(crash_note));
    // While watched, these signals no longer kill us mid-frame: the loop ends and cleans up.
    let signals = crate::signals::Termination::watch()?;
    ratatui::run(|terminal| -> color_eyre::Result<()> {
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        let result = event_loop(terminal, app, &signals);
        // Release the mouse even when the loop failed; the error still wins.
        let released = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        result?;
        released?;
        Ok(())
    })?;
    // The terminal is restored: now write any recovery file and say so.
    super::quit::farewell(app).map_err(|msg| color_eyre::eyre::eyre!(msg))?;
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signals: &crate::signals::Termination,
) -> color_eyre::Result<()> {
    let mut worker = Worker::spawn()?;
    let mut dirty = true;
    let mut last_check = Instant::now();
    let mut quit_timer = QuitTimer::default();
    while !app.should_quit {
        if dirty {
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
        }
        dirty = false;
        // While work is under way, wake each frame to show how it ends; otherwise a few times a
        // second, to notice a signal soon and check the file every two seconds.
        let wait = if worker.busy() { 16 } else { 250 };
        if event::poll(Duration::from_millis(wait))? {
            let (redraw, effects) = app.on_event(&event::read()?);
            dirty = redraw;
            worker.send(effects);
        } else if !worker.busy() && last_check.elapsed() >= CHECK_EVERY {
            last_check = Instant::now();
            worker.send(app.tick());
        }
        if let Some(sig) = signals.take() {
            app.quit_on_signal(crate::signals::name(sig));
        }
        quit_timer.step(app, Instant::now());
        while let Some(reply) = worker.try_recv() {
            dirty = true;
            let more = app.receive(reply);
            worker.send(more);
        }
    }
    // A save under way is waited for, but not forever: what it could not write goes to the
    // recovery file (see `quit::farewell`).
    worker.finish(app, SAVE_WAIT);
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
    // Only a regular file, capped: a FIFO or a device put there cannot hang the start.
    let text = crate::store::read_capped(path, KEYS_MAX_BYTES).and_then(|b| {
        String::from_utf8(b).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    });
    match text {
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
