//! `apn-scorecard merge BASE OURS THEIRS [--path PATH]` (git's merge driver) and
//! `apn-scorecard resolve N ours|theirs` (settles a conflict the merge recorded).

use super::{Cli, Inputs, Source, UserError, emit, load, source};
use crate::domain::Store;
use crate::merge::{self, Side};
use crate::store::{self, StoreError};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code when an input cannot be read or parsed (OURS is left as it was).
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); the merged store is written here.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// The store's path in the repository (git's %P), used in messages.
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The conflict's number as `validate` lists it, or `all`.
    #[arg(value_name = "N")]
    pub which: String,
    /// Which value to keep.
    #[arg(value_name = "SIDE", value_enum)]
    pub side: SideArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    Ours,
    Theirs,
}

/// Why one input of a merge could not be read. Each message starts with the input's role and
/// file. No `source`: the text already ends with the cause's words.
#[derive(Debug, thiserror::Error)]
enum ReadError {
    #[error("{role} ({}): could not read: {error}", .file.display())]
    Io {
        role: &'static str,
        file: PathBuf,
        error: std::io::Error,
    },
    #[error("{role} ({}): not UTF-8 text after byte {valid_up_to}", .file.display())]
    NotUtf8 {
        role: &'static str,
        file: PathBuf,
        valid_up_to: usize,
    },
    /// Not a store: the store's own error, naming the place as `PATH (role, file):line:col`.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads one input; a parse error names its role, the file, line and column.
fn read(role: &'static str, file: &Path, shown: &str) -> Result<Store, ReadError> {
    let bytes = std::fs::read(file).map_err(|error| ReadError::Io {
        role,
        file: file.to_path_buf(),
        error,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| ReadError::NotUtf8 {
        role,
        file: file.to_path_buf(),
        valid_up_to: e.valid_up_to(),
    })?;
    // Messages say `PATH (ours):3:7: ...`, not git's temporary file name alone.
    let label = PathBuf::from(format!("{shown} ({role}, {})", file.display()));
    Ok(store::parse(text, &label)?)
}

/// Writes `text` over `path` atomically (temp file in the same folder, fsync, rename). No `.bak`:
/// OURS is git's own copy, and git keeps every version.
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

pub(super) fn merge_cmd(a: &MergeArgs) -> Result<ExitCode, UserError> {
    let shown = a
        .path
        .clone()
        .unwrap_or_else(|| a.ours.display().to_string());
    // git passes an empty BASE when both sides added the file: merge against no entries.
    let empty_base = std::fs::metadata(&a.base).is_ok_and(|m| m.len() == 0);
    let inputs = read("ours", &a.ours, &shown).and_then(|o| {
        let t = read("theirs", &a.theirs, &shown)?;
        let b = if empty_base {
            Store::new(o.profile.clone())
        } else {
            read("base", &a.base, &shown)?
        };
        Ok((b, o, t))
    });
    let (b, o, t) = match inputs {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("error: {msg}\napn-scorecard merge: {shown} not merged; ours left as it was");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let merged = match merge::merge(&b, &o, &t) {
        Ok(m) => m,
        Err(msg) => {
            eprintln!("error: {shown}: could not merge: {msg}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let text = store::to_ron(&merged)?;
    if let Err(e) = write_atomic(&a.ours, &text) {
        eprintln!(
            "error: {}: could not write the merge: {e}",
            a.ours.display()
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let n = merged.conflicts.len();
    if n == 0 {
        eprintln!("apn-scorecard merge: {shown} merged cleanly");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "apn-scorecard merge: {shown}: {n} open {} recorded in the store; list them with \
         `apn-scorecard validate`, keep a side with `apn-scorecard resolve N ours|theirs`, then `git add {shown}`",
        if n == 1 { "conflict" } else { "conflicts" }
    );
    Ok(ExitCode::FAILURE)
}

pub(super) fn resolve_cmd(
    cli: &Cli,
    inputs: &Inputs,
    a: &ResolveArgs,
) -> Result<ExitCode, UserError> {
    let Source::File(path) = source(cli, inputs)? else {
        return Err(UserError(
            "--demo never writes; resolve needs --data FILE".into(),
        ));
    };
    let _lock = store::lock(&path).map_err(|e| match e {
        StoreError::Locked { .. } => UserError(format!(
            "{} is open in another apn-scorecard; close it and retry",
            path.display()
        )),
        other => UserError(other.to_string()),
    })?;
    let mut store = load(&Source::File(path.clone()), inputs.today)?;
    let side = match a.side {
        SideArg::Ours => Side::Ours,
        SideArg::Theirs => Side::Theirs,
    };
    // `all` resolves the first conflict until none is left; N resolves conflict N only.
    let (first, count) = if a.which.trim().eq_ignore_ascii_case("all") {
        (0, store.conflicts.len())
    } else {
        let n: usize = a.which.trim().parse().map_err(|_| {
            UserError(format!(
                "N: '{}' is not a conflict number or `all`",
                a.which
            ))
        })?;
        if n == 0 || n > store.conflicts.len() {
            return Err(UserError(format!(
                "N: there is no conflict {n} in {} ({} open)",
                path.display(),
                store.conflicts.len()
            )));
        }
        (n - 1, 1)
    };
    let mut out = String::new();
    for _ in 0..count {
        let line = merge::resolve(&mut store, first, side).map_err(|e| UserError(e.to_string()))?;
        out.push_str(&line);
        out.push('\n');
    }
    store::save(&path, &store)?;
    let left = store.conflicts.len();
    out.push_str(&format!(
        "Saved {}; {left} {} open.\n",
        path.display(),
        if left == 1 { "conflict" } else { "conflicts" }
    ));
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unreadable inputs keep the message `merge` prints, and say which failure it was.
    #[test]
    fn an_unreadable_input_names_its_role_and_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bad = dir.path().join("theirs.ron");
        std::fs::write(&bad, b"(\xff\xfe").expect("write");
        let e = read("theirs", &bad, "team.ron").expect_err("not UTF-8");
        assert!(
            matches!(e, ReadError::NotUtf8 { valid_up_to: 1, .. }),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!("theirs ({}): not UTF-8 text after byte 1", bad.display())
        );

        let absent = dir.path().join("absent.ron");
        let e = read("base", &absent, "team.ron").expect_err("absent");
        assert!(
            matches!(&e, ReadError::Io { role: "base", error, .. } if error.kind() == std::io::ErrorKind::NotFound),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .starts_with(&format!("base ({}): could not read: ", absent.display())),
            "{e}"
        );

        let broken = dir.path().join("ours.ron");
        std::fs::write(&broken, "(version: 3,\n  people: [").expect("write");
        let e = read("ours", &broken, "team.ron").expect_err("not a store");
        assert!(
            matches!(e, ReadError::Store(StoreError::Parse { .. })),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .starts_with(&format!("team.ron (ours, {}):", broken.display())),
            "{e}"
        );
    }
}
