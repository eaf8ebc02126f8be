//! How the dashboard ended: plain state the model holds (`App::ending`) and `quit.rs` acts on,
//! kept apart so the model does not import the quitting code.

/// How the dashboard ended; `run` acts on it after the terminal is restored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Ending {
    /// Quit with nothing unsaved (or still running).
    #[default]
    Normal,
    /// The user answered "discard" at the quit prompt.
    Discarded,
    /// Quit without asking (ctrl-c at the prompt, a save that does not end): why.
    Forced(String),
    /// A terminating signal ended the dashboard: its name.
    Signal(String),
}
