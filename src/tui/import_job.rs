//! The worker's side of `i` in the dashboard: read a CSV file and plan its import, off the UI
//! thread. Below the model: nothing here knows `App`, overlays or effects (`importing.rs` holds
//! the keys, `effect.rs` calls `read_and_plan`).

use super::history::Shared;
use crate::import::{self, BadRow, ImportKind, ImportPlan};
use crate::scoring::Program;
use crate::store;
use chrono::NaiveDate;
use std::path::Path;

/// What the worker found in a CSV file: the plan of its good rows (`None` when the file as a
/// whole is unusable) and every bad row.
#[derive(Debug)]
pub struct Preview {
    pub plan: Option<ImportPlan>,
    pub bad: Vec<BadRow>,
}

/// Reads `path` and plans importing it into `state`, as the `import` command does: every row
/// checked, nothing changed. Runs on the worker thread (file I/O and a pass over the store).
pub fn read_and_plan(
    path: &Path,
    kind: ImportKind,
    state: &Shared,
    program: &Program,
    today: NaiveDate,
) -> Result<Preview, String> {
    let shown = path.display();
    // Only a regular file, never more than the cap: a FIFO or /dev/zero cannot hang the worker.
    let bytes = crate::store::read_capped(path, crate::store::MAX_READ_BYTES)
        .map_err(|e| format!("{shown}: {e}"))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| format!("{shown}: not UTF-8 text (save it as \"CSV UTF-8\")"))?;
    let store = state.to_store();
    let mut plan = match import::plan_skipping_bad(&store, text, kind, &program.catalog, today) {
        Ok(plan) => plan,
        Err(bad) => return Ok(Preview { plan: None, bad }),
    };
    let bad = std::mem::take(&mut plan.skipped);
    // As the command: an import that would create a store problem is refused as a whole.
    let before: Vec<String> = store::check(&store, program)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut after = store;
    import::apply(&mut after, &plan);
    let new: Vec<String> = store::check(&after, program)
        .iter()
        .map(ToString::to_string)
        .filter(|p| !before.contains(p))
        .collect();
    if !new.is_empty() {
        return Err(format!(
            "{shown}: nothing imported, the store would have problems: {}",
            new.join("; ")
        ));
    }
    Ok(Preview {
        plan: Some(plan),
        bad,
    })
}
