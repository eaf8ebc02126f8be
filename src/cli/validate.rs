//! `apn-scorecard validate [--fix]`, and the id/conflict warnings every other command prints.

use super::{Cli, Inputs, Source, UserError, counted, emit, load, program, source};
use crate::domain::Store;
use crate::merge::{self, FindingKind};
use crate::store::{self, StoreError};
use std::process::ExitCode;

/// A conflict's values as one line of readable RON-like text (`()` = the entry was deleted).
fn shown(v: &serde_json::Value) -> String {
    if v.is_null() {
        "(deleted)".into()
    } else {
        v.to_string()
    }
}

/// Warnings for commands that still work on a store with id trouble or open conflicts (report,
/// import): printed to stderr so the report itself (e.g. JSON) stays clean.
pub(super) fn warn(name: &str, store: &Store) {
    let f = merge::findings(store);
    if let Some(first) = f.first() {
        let more = if f.len() > 1 {
            format!(" (and {} more)", f.len() - 1)
        } else {
            String::new()
        };
        eprintln!("warning: {name}: {first}{more}; run `apn-scorecard validate --fix` to repair");
    }
    let n = store.conflicts.len();
    if n > 0 {
        eprintln!(
            "warning: {name}: {n} open merge {}; list them with `apn-scorecard validate`",
            if n == 1 { "conflict" } else { "conflicts" }
        );
    }
}

/// The validate listing for one store and whether it is clean.
fn listing(name: &str, store: &Store, program: &crate::scoring::Program) -> (String, bool) {
    let problems = store::check(store, program);
    let findings = merge::findings(store);
    let mut text = String::new();
    for p in &problems {
        text.push_str(&format!("{name}: {p}\n"));
    }
    text.push_str(&super::sync::notes(store, name));
    // Duplicate ids are among the problems already; dangling conflicts are not.
    let dangling = findings
        .iter()
        .filter(|f| f.kind == FindingKind::DanglingConflict)
        .count();
    for f in findings
        .iter()
        .filter(|f| f.kind == FindingKind::DanglingConflict)
    {
        text.push_str(&format!("{name}: {f}\n"));
    }
    for (i, c) in store.conflicts.iter().enumerate() {
        let entry = if c.entry.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.entry)
        };
        text.push_str(&format!(
            "{name}: conflict {}: {}{entry}: ours {}, theirs {}\n",
            i + 1,
            c.place,
            shown(&c.ours),
            shown(&c.theirs)
        ));
    }
    let n = problems.len() + dangling;
    let open = store.conflicts.len();
    if n == 0 && open == 0 {
        text.push_str(&format!(
            "{name}: OK ({}, {})\n",
            counted(store.people.len(), crate::import::Entity::Person),
            counted(
                store.opportunities.len(),
                crate::import::Entity::Opportunity
            )
        ));
        return (text, true);
    }
    let mut parts = Vec::new();
    if n > 0 {
        parts.push(format!(
            "{n} {}",
            if n == 1 { "problem" } else { "problems" }
        ));
    }
    if open > 0 {
        parts.push(format!(
            "{open} open {}",
            if open == 1 { "conflict" } else { "conflicts" }
        ));
    }
    text.push_str(&format!("{name}: {}\n", parts.join(", ")));
    if !findings.is_empty() {
        text.push_str("`apn-scorecard validate --fix` repairs:\n");
        for f in &findings {
            text.push_str(&format!("  {f}\n"));
        }
    }
    if open > 0 {
        text.push_str(
            "Keep a side with `apn-scorecard resolve N ours|theirs` (or `resolve all ours`).\n",
        );
    }
    (text, false)
}

pub(super) fn validate(cli: &Cli, inputs: &Inputs, fix: bool) -> Result<ExitCode, UserError> {
    let src = source(cli, inputs)?;
    if fix {
        return validate_fix(&src, inputs);
    }
    let name = src.name();
    let store = match load(&src, inputs.today) {
        Ok(s) => s,
        Err(UserError(msg)) => {
            // Parse errors already read "path:line:col: message".
            emit(&format!("{msg}\n"))?;
            return Ok(ExitCode::FAILURE);
        }
    };
    let (text, ok) = listing(&name, &store, &program()?);
    emit(&text)?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Shows each repair, applies them all, saves atomically (with `.bak`), then lists what is left.
fn validate_fix(src: &Source, inputs: &Inputs) -> Result<ExitCode, UserError> {
    let Source::File(path) = src else {
        return Err(UserError(
            "--demo never writes; validate --fix needs --data FILE".into(),
        ));
    };
    let name = src.name();
    let _lock = store::lock(path).map_err(|e| match e {
        StoreError::Locked { .. } => UserError(format!(
            "{} is open in another apn-scorecard; close it and retry",
            path.display()
        )),
        other => UserError(other.to_string()),
    })?;
    let store = load(src, inputs.today)?;
    let (fixed, lines) = merge::plan_fix(&store);
    let mut text = String::new();
    if lines.is_empty() {
        text.push_str(&format!(
            "{name}: no duplicate ids or dangling conflicts to fix\n"
        ));
    } else {
        text.push_str(&format!("{name}: fixing {} id problems:\n", lines.len()));
        for l in &lines {
            text.push_str(&format!("  {l}\n"));
        }
        store::save(path, &fixed)?;
        text.push_str(&format!(
            "Saved {} (the previous version is in {}).\n",
            path.display(),
            store::backup_path(path).display()
        ));
    }
    let (rest, ok) = listing(&name, &fixed, &program()?);
    text.push_str(&rest);
    emit(&text)?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
