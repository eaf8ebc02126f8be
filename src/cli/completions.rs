//! `apn-scorecard completions SHELL`: a completion script generated from the command line
//! definition by clap_complete, so it never drifts from the real subcommands and options.

use super::Cli;
use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

/// The shells the README explains how to set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

impl From<CompletionShell> for Shell {
    fn from(s: CompletionShell) -> Shell {
        match s {
            CompletionShell::Bash => Shell::Bash,
            CompletionShell::Zsh => Shell::Zsh,
            CompletionShell::Fish => Shell::Fish,
        }
    }
}

/// The completion script for `shell`, as text to print.
pub fn script(shell: CompletionShell) -> String {
    let mut cmd = Cli::command();
    let name = cmd.get_name().to_string();
    let mut out = Vec::new();
    clap_complete::generate(Shell::from(shell), &mut cmd, name, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shell_names_every_subcommand_and_global_option() {
        let subcommands: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert!(subcommands.len() >= 6, "{subcommands:?}");
        for shell in [
            CompletionShell::Bash,
            CompletionShell::Zsh,
            CompletionShell::Fish,
        ] {
            let s = script(shell);
            for sub in &subcommands {
                assert!(s.contains(sub.as_str()), "{shell:?} lacks {sub}");
            }
            for opt in ["data", "demo", "as-of", "since", "skip-bad"] {
                // fish spells a long option `-l data`.
                let spelled = match shell {
                    CompletionShell::Fish => format!("-l {opt}"),
                    _ => format!("--{opt}"),
                };
                assert!(s.contains(&spelled), "{shell:?} lacks {spelled}");
            }
        }
        assert!(script(CompletionShell::Bash).contains("complete -F"));
        assert!(script(CompletionShell::Zsh).starts_with("#compdef apn-scorecard"));
        assert!(script(CompletionShell::Fish).contains("complete -c apn-scorecard"));
    }
}
