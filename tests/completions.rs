//! `apn-scorecard completions SHELL` from the built binary, as the README tells users to run it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env_remove("APN_SCORECARD_DATA")
        .output()
        .expect("run apn-scorecard")
}

#[test]
fn each_shell_gets_a_script_naming_the_subcommands() {
    for (shell, marker) in [
        ("bash", "complete -F _apn__scorecard"),
        ("zsh", "#compdef apn-scorecard"),
        ("fish", "complete -c apn-scorecard"),
    ] {
        let o = run(&["completions", shell]);
        assert!(
            o.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let s = String::from_utf8(o.stdout).expect("utf-8");
        assert!(s.contains(marker), "{shell}:\n{s}");
        for sub in [
            "init",
            "report",
            "validate",
            "sample",
            "import",
            "completions",
        ] {
            assert!(s.contains(sub), "{shell} lacks {sub}");
        }
    }
}

#[test]
fn an_unknown_shell_is_refused_with_the_choices() {
    let o = run(&["completions", "tcsh"]);
    assert!(!o.status.success());
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("tcsh") && e.contains("bash, zsh, fish"), "{e}");
}
