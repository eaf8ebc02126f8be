//! `apn-scorecard git-setup`: registers the store's merge driver in the git work tree around it.

use super::{Cli, Inputs, Source, UserError, emit, source};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The driver's name in `.gitattributes` and the repository's config.
pub const DRIVER: &str = "apn-scorecard";

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, UserError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| UserError(format!("could not run git: {e} (is git installed?)")))
}

/// Single-quotes `s` for the POSIX shell git runs the driver with.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The store's path as a `.gitattributes` pattern anchored at the top of the work tree. Spaces
/// would end the pattern, so each is written as the class `[ ]`.
fn pattern(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().replace(' ', "[ ]"))
        .collect();
    format!("/{}", parts.join("/"))
}

pub(super) fn git_setup(cli: &Cli, inputs: &Inputs) -> Result<ExitCode, UserError> {
    let Source::File(path) = source(cli, inputs)? else {
        return Err(UserError(
            "--demo has no file to set up; use --data FILE".into(),
        ));
    };
    let abs =
        std::path::absolute(&path).map_err(|e| UserError(format!("{}: {e}", path.display())))?;
    let (dir, file) = match (abs.parent(), abs.file_name()) {
        (Some(d), Some(f)) => (d.to_path_buf(), f.to_owned()),
        _ => return Err(UserError(format!("{} is not a file path", path.display()))),
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(UserError(format!(
            "{} is not inside a git work tree; put the store in a git clone (or run `git init` \
             in its folder) and run git-setup again",
            dir.display()
        )));
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    // git prints the top folder with symlinks resolved; compare like with like.
    let real_dir = dir.canonicalize().unwrap_or(dir.clone());
    let rel = real_dir
        .strip_prefix(&top)
        .map_err(|_| {
            UserError(format!(
                "{} is not inside the work tree {}",
                path.display(),
                top.display()
            ))
        })?
        .join(&file);
    let mut out = String::new();

    let attrs = top.join(".gitattributes");
    let line = format!("{} merge={DRIVER}", pattern(&rel));
    let old = match std::fs::read_to_string(&attrs) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(UserError(format!(
                "{}: could not read: {e}",
                attrs.display()
            )));
        }
    };
    if old.lines().any(|l| l.trim() == line) {
        out.push_str(&format!("{} already has: {line}\n", attrs.display()));
    } else {
        let mut new = old.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(&line);
        new.push('\n');
        std::fs::write(&attrs, new)
            .map_err(|e| UserError(format!("{}: could not write: {e}", attrs.display())))?;
        out.push_str(&format!("Added to {}: {line}\n", attrs.display()));
    }

    let exe = std::env::current_exe()
        .map_err(|e| UserError(format!("could not find this program's path: {e}")))?;
    let driver = format!(
        "{} merge %O %A %B --path %P",
        shell_quote(&exe.to_string_lossy())
    );
    for (key, value) in [
        (
            format!("merge.{DRIVER}.name"),
            "apn-scorecard store merge".to_string(),
        ),
        (format!("merge.{DRIVER}.driver"), driver),
    ] {
        let now = git(&top, &["config", "--local", "--get", &key])?;
        if now.status.success() && String::from_utf8_lossy(&now.stdout).trim_end() == value {
            out.push_str(&format!("git config {key} is already set\n"));
            continue;
        }
        let set = git(&top, &["config", "--local", &key, &value])?;
        if !set.status.success() {
            return Err(UserError(format!(
                "git config {key}: {}",
                String::from_utf8_lossy(&set.stderr).trim()
            )));
        }
        out.push_str(&format!("Set git config {key} = {value}\n"));
    }
    out.push_str(
        "Commit .gitattributes so every clone merges the store entry by entry; \
         run `apn-scorecard git-setup` once in each clone (git does not copy its config).\n",
    );
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
