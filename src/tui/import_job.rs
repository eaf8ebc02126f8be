//! The worker's side of `i` in the dashboard: read a CSV file and plan its import, off the UI
//! thread. Below the model: nothing here knows `App`, overlays or effects (`importing.rs` holds
//! the keys, `effect.rs` calls `read_and_plan`).

use super::history::Shared;
use crate::domain::Problem;
use crate::import::{self, BadRow, ImportKind, ImportPlan};
use crate::scoring::Program;
use crate::store;
use chrono::NaiveDate;
use std::io;
use std::path::{Path, PathBuf};

/// What the worker found in a CSV file: the plan of its good rows (`None` when the file as a
/// whole is unusable) and every bad row.
#[derive(Debug)]
pub struct Preview {
    pub plan: Option<ImportPlan>,
    pub bad: Vec<BadRow>,
}

/// Why a file could not be previewed for import. Rows the import cannot take are not errors
/// here: they come back in `Preview::bad`, every one with its line.
#[derive(Debug, thiserror::Error)]
pub enum ImportReadError {
    /// The file could not be read: missing, unreadable, not a regular file (a FIFO or a folder:
    /// `ErrorKind::InvalidInput`) or over the size cap (`ErrorKind::FileTooLarge`). The I/O
    /// error's words end the message, so it is not also given as a source.
    #[error("{}: {cause}", path.display())]
    Read { path: PathBuf, cause: io::Error },
    /// The bytes are not UTF-8 (a spreadsheet's default "CSV" in another encoding).
    #[error("{}: not UTF-8 text (save it as \"CSV UTF-8\")", path.display())]
    NotUtf8 { path: PathBuf },
    /// Importing would add these problems to the store: refused as a whole, as the command does.
    #[error(
        "{}: nothing imported, the store would have problems: {}",
        path.display(),
        join(problems)
    )]
    StoreProblems {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    /// The worker thread is gone: the file was never read.
    #[error("the background worker stopped")]
    WorkerStopped,
}

fn join(problems: &[Problem]) -> String {
    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
    words.join("; ")
}

/// Reads `path` and plans importing it into `state`, as the `import` command does: every row
/// checked, nothing changed. Runs on the worker thread (file I/O and a pass over the store).
pub fn read_and_plan(
    path: &Path,
    kind: ImportKind,
    state: &Shared,
    program: &Program,
    today: NaiveDate,
) -> Result<Preview, ImportReadError> {
    // Only a regular file, never more than the cap: a FIFO or /dev/zero cannot hang the worker.
    let bytes = crate::store::read_capped(path, crate::store::MAX_READ_BYTES).map_err(|cause| {
        ImportReadError::Read {
            path: path.to_path_buf(),
            cause,
        }
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| ImportReadError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    let store = state.to_store();
    let mut plan = match import::plan_skipping_bad(&store, text, kind, &program.catalog, today) {
        Ok(plan) => plan,
        Err(bad) => return Ok(Preview { plan: None, bad }),
    };
    let bad = std::mem::take(&mut plan.skipped);
    // As the command: an import that would create a store problem is refused as a whole.
    let before = store::check(&store, program);
    let mut after = store;
    import::apply(&mut after, &plan);
    let new: Vec<Problem> = store::check(&after, program)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    if !new.is_empty() {
        return Err(ImportReadError::StoreProblems {
            path: path.to_path_buf(),
            problems: new,
        });
    }
    Ok(Preview {
        plan: Some(plan),
        bad,
    })
}
