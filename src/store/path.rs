//! Where the store lives: `--data` beats `APN_SCORECARD_DATA` beats the platform data folder.

use super::StoreError;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The environment variable naming the store file (read by the CLI, passed in here).
pub const ENV_VAR: &str = "APN_SCORECARD_DATA";

/// The store's file name inside the platform data folder.
pub const FILE_NAME: &str = "scorecard.ron";

/// `scorecard.ron` in the platform data folder (`~/.local/share/apn-scorecard/` on Linux),
/// or `None` when the platform has no home folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "apn-scorecard").map(|d| d.data_dir().join(FILE_NAME))
}

/// Picks the store file: the `--data` flag, else the environment variable's value, else the
/// default. An empty or blank (spaces only) flag or variable counts as unset, so
/// `APN_SCORECARD_DATA=" "` neither points at the current folder nor creates a file named " ".
pub fn resolve_path(flag: Option<&Path>, env: Option<OsString>) -> Result<PathBuf, StoreError> {
    if let Some(p) = flag.filter(|p| !is_blank(p.as_os_str())) {
        return Ok(p.to_path_buf());
    }
    if let Some(e) = env.filter(|e| !is_blank(e)) {
        return Ok(PathBuf::from(e));
    }
    default_path().ok_or(StoreError::NoDefaultPath)
}

/// Empty or only white space (a value that is not UTF-8 is never blank).
fn is_blank(s: &OsStr) -> bool {
    s.to_str().is_some_and(|t| t.trim().is_empty())
}
