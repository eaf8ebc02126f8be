//! What can go wrong with the store file. Every message names the file.

use crate::domain::CURRENT_VERSION;
use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum StoreError {
    /// A file system call failed; `action` says what we were doing ("read", "create folder", ...).
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    /// The file is not valid RON for a store. `line` and `col` are 1-based, `col` in characters.
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    /// The file has a schema version this build does not know yet.
    TooNew { path: PathBuf, version: u32 },
    /// The version field holds a number no apn-scorecard ever wrote (0).
    BadVersion { path: PathBuf, version: u32 },
    /// `create_new` found a file already there.
    Exists { path: PathBuf },
    /// Another apn-scorecard holds the writer lock.
    Locked { path: PathBuf },
    /// Neither `--data`, `APN_SCORECARD_DATA` nor a platform data folder is available.
    NoDefaultPath,
    /// The store could not be turned into RON (should not happen with our own types).
    Serialize { message: String },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io {
                path,
                action,
                source,
            } => write!(f, "{}: could not {action}: {source}", path.display()),
            StoreError::Parse {
                path,
                line,
                col,
                message,
            } => write!(f, "{}:{line}:{col}: {message}", path.display()),
            StoreError::TooNew { path, version } => write!(
                f,
                "{}: written by a newer apn-scorecard (store version {version}; this build reads \
                 versions up to {CURRENT_VERSION}); upgrade apn-scorecard to open it",
                path.display()
            ),
            StoreError::BadVersion { path, version } => write!(
                f,
                "{}: unknown store version {version} (expected 1 to {CURRENT_VERSION})",
                path.display()
            ),
            StoreError::Exists { path } => {
                write!(f, "{} already exists; not overwriting", path.display())
            }
            StoreError::Locked { path } => write!(
                f,
                "{} is open in another apn-scorecard (read-only here)",
                path.display()
            ),
            StoreError::NoDefaultPath => f.write_str(
                "no data folder found for this platform; pass --data FILE or set APN_SCORECARD_DATA",
            ),
            StoreError::Serialize { message } => {
                write!(f, "could not write the store as RON: {message}")
            }
        }
    }
}

// No `source()`: the message already ends with the I/O error's own words (every screen shows
// only the message), and an error reporter such as color-eyre would print them a second time.
impl std::error::Error for StoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_reads_once_in_an_error_report() {
        let e = StoreError::Io {
            path: PathBuf::from("/data/scorecard.ron"),
            action: "read",
            source: io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied"),
        };
        assert_eq!(
            e.to_string(),
            "/data/scorecard.ron: could not read: Permission denied"
        );
        // What `main` shows for an error that reaches color-eyre: the message and its causes.
        let report = format!("{:?}", color_eyre::eyre::Report::new(e));
        assert_eq!(report.matches("Permission denied").count(), 1, "{report}");
        assert!(
            report.contains("/data/scorecard.ron: could not read"),
            "{report}"
        );
    }
}
