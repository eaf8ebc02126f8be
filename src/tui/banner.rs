//! The lasting banner under the tabs, with why it shows, so that it is cleared when its cause
//! ends without reading its words back.

use std::fmt;

/// Why the banner shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cause {
    /// A save failed; the changes are in memory only. Cleared by the next save that lands.
    NotSaved,
    /// Another writer holds the lock (or the file cannot be written). Cleared when the lock
    /// is taken.
    ReadOnly,
    /// The file changed on disk, or is gone. Cleared by a reload.
    OnDisk,
    /// Anything else: a bad `keys.ron`, the demo's note.
    #[default]
    Note,
}

/// The banner: its text and its cause. Reads as its text (`Deref<Target = str>`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Banner {
    pub cause: Cause,
    pub text: String,
}

impl Banner {
    pub fn new(cause: Cause, text: impl Into<String>) -> Banner {
        Banner {
            cause,
            text: text.into(),
        }
    }
}

impl std::ops::Deref for Banner {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Banner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
