//! SIGTERM, SIGHUP and SIGINT sent to the real dashboard in a real terminal (a pty made by
//! util-linux `script`): the terminal is restored (alternate screen left, mouse capture off,
//! cursor shown, raw mode off), unsaved changes go to a recovery file that the message names,
//! and the exit status is non-zero.
#![cfg(target_os = "linux")]

mod hygiene;

use apn_scorecard::store;
use chrono::NaiveDate;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn have_script() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The dashboard running in a pty; everything it prints is collected in `out`.
struct Pty {
    child: Child,
    stdin: ChildStdin,
    out: Arc<Mutex<Vec<u8>>>,
    store: PathBuf,
}

impl Pty {
    fn start(dir: &Path) -> Pty {
        let store = dir.join("scorecard.ron");
        let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
        store::save(&store, &demo).expect("save demo");
        let exe = env!("CARGO_BIN_EXE_apn-scorecard");
        // After the dashboard ends: its status, then the terminal's modes (raw mode shows as
        // -icanon -echo).
        let shell = format!(
            "stty cols 100 rows 30; '{exe}' --data '{}'; echo \"rc=$?\"; stty -a",
            store.display()
        );
        let mut child = Command::new("script")
            .args(["-qfec", &shell, "/dev/null"])
            .env("TERM", "xterm-256color")
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("script runs");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = child.stdout.take().expect("stdout");
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut o) = sink.lock() {
                    o.extend_from_slice(&buf[..n]);
                }
            }
        });
        let pty = Pty {
            child,
            stdin,
            out,
            store,
        };
        pty.wait_for("Overview");
        pty
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().expect("output")).into_owned()
    }

    /// Waits until `what` is on screen. The terminal output is compared without its escape
    /// sequences and spaces: a redraw moves the cursor over unchanged cells instead of
    /// writing the spaces between words.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        let want = squash(what);
        while !squash(&self.text()).contains(&want) {
            assert!(
                start.elapsed() < WAIT,
                "never saw {what:?} in:\n{}",
                self.text().escape_debug()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.stdin.write_all(keys.as_bytes()).expect("type");
        self.stdin.flush().expect("flush");
    }

    /// The dashboard process itself (a child of the shell that `script` started).
    fn dashboard_pid(&self) -> String {
        let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_apn-scorecard")).expect("exe");
        let start = Instant::now();
        loop {
            for e in std::fs::read_dir("/proc").expect("proc").flatten() {
                let pid = e.file_name().to_string_lossy().into_owned();
                if !pid.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                let is_ours = std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == exe)
                    && std::fs::read(e.path().join("cmdline")).is_ok_and(|c| {
                        String::from_utf8_lossy(&c).contains(&self.store.display().to_string())
                    });
                if is_ours {
                    return pid;
                }
            }
            assert!(start.elapsed() < WAIT, "the dashboard process not found");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn signal(&self, name: &str) {
        let pid = self.dashboard_pid();
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .expect("kill");
        assert!(ok.success());
    }

    /// Waits for the shell to end; returns everything printed.
    fn finish(mut self) -> String {
        let start = Instant::now();
        loop {
            if self.child.try_wait().expect("wait").is_some() {
                break;
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("did not end:\n{}", self.text().escape_debug());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Let the reader drain what is left.
        std::thread::sleep(Duration::from_millis(200));
        self.text()
    }
}

/// What follows the dashboard's last frame: the terminal restored before the message.
fn assert_restored(out: &str, signal: &str) {
    let left = out.rfind("\x1b[?1049l").unwrap_or_else(|| {
        panic!(
            "{signal}: alternate screen never left:\n{}",
            out.escape_debug()
        )
    });
    let entered = out.rfind("\x1b[?1049h").expect("alternate screen entered");
    assert!(left > entered, "{signal}: left after entering");
    let tail = &out[entered..];
    assert!(tail.contains("\x1b[?1000l"), "{signal}: mouse capture off");
    assert!(tail.contains("\x1b[?25h"), "{signal}: cursor shown");
    let msg = out
        .find(&format!("ended by {signal}"))
        .unwrap_or_else(|| panic!("{signal}: no message:\n{}", out.escape_debug()));
    assert!(
        msg > left,
        "{signal}: the message is printed on the restored terminal"
    );
    let rc = out.rfind("rc=").expect("status printed");
    assert!(!out[rc..].starts_with("rc=0"), "{signal}: non-zero exit");
    let modes = &out[rc..];
    assert!(
        modes.contains(" icanon") && !modes.contains("-icanon"),
        "{signal}: raw mode off:\n{modes}"
    );
    assert!(
        modes.contains(" echo ") && !modes.contains("-echo "),
        "{signal}: echo back on:\n{modes}"
    );
}

#[test]
fn each_terminating_signal_restores_the_terminal_and_exits_non_zero() {
    if !have_script() {
        hygiene::cannot_set_up("util-linux `script` is not installed");
        return;
    }
    for sig in ["TERM", "HUP", "INT"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let pty = Pty::start(dir.path());
        let before = std::fs::read(&pty.store).expect("read");
        pty.signal(sig);
        let store = pty.store.clone();
        let out = pty.finish();
        assert_restored(&out, &format!("SIG{sig}"));
        assert!(
            out.contains("every change is saved"),
            "{}",
            out.escape_debug()
        );
        assert_eq!(
            std::fs::read(&store).expect("read"),
            before,
            "store untouched"
        );
    }
}

#[test]
fn sigterm_with_unsaved_changes_writes_a_recovery_file_and_names_it() {
    if !have_script() {
        hygiene::cannot_set_up("util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = Pty::start(dir.path());
    // The file changes on disk: the dashboard's next save is refused, so the change stays
    // unsaved in memory.
    let mut outside = store::load(&pty.store).expect("load");
    outside.profile.partner = "Changed Outside".into();
    std::thread::sleep(Duration::from_millis(20));
    store::save(&pty.store, &outside).expect("outside save");
    let on_disk = std::fs::read(&pty.store).expect("read");
    let people = outside.people.len();
    // Knowledge tab, delete the selected person, yes.
    pty.keys("2");
    pty.wait_for("Knowledge");
    pty.keys("d");
    pty.wait_for("Delete");
    pty.keys("y");
    pty.wait_for("NOT SAVED");
    pty.signal("TERM");
    let store_path = pty.store.clone();
    let out = pty.finish();
    assert_restored(&out, "SIGTERM");
    assert_eq!(
        std::fs::read(&store_path).expect("read"),
        on_disk,
        "the changed file is not overwritten"
    );
    let rec: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("scorecard.ron.recovery-"))
        .collect();
    assert_eq!(rec.len(), 1, "{}", out.escape_debug());
    // The message names the file (it may wrap in the 100-column terminal: compare its name).
    let name = rec[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(out.contains(&name), "{}", out.escape_debug());
    let recovered = store::load(&rec[0]).expect("the recovery file is a store");
    assert_eq!(recovered.people.len(), people - 1, "the deletion is kept");
}

/// `s` without ANSI escape sequences (ESC [ ... final byte) and without whitespace.
fn squash(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
