//! Where the store lives: `--data` beats `APN_SCORECARD_DATA` beats the platform data folder.

use super::StoreError;
use std::ffi::OsString;
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
/// default. An empty flag or variable counts as unset, so `APN_SCORECARD_DATA=` does not point at
/// the current folder by accident.
pub fn resolve_path(flag: Option<&Path>, env: Option<OsString>) -> Result<PathBuf, StoreError> {
    if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p.to_path_buf());
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return Ok(PathBuf::from(e));
    }
    default_path().ok_or(StoreError::NoDefaultPath)
}
