//! Process signals: SIGXFSZ is ignored so that a write past `ulimit -f` is an ordinary "File too
//! large" error (handled like a full disk) instead of killing the process mid-save; SIGTERM,
//! SIGHUP and SIGINT can be turned into a flag that the dashboard's event loop polls, so it can
//! quit like a quit that cannot ask (restore the terminal, save or write a recovery file).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Makes a write past the file-size limit fail with EFBIG instead of raising SIGXFSZ, whose
/// default action kills the process (exit 153) with a temp file left behind. Call once, first
/// thing in `main`. A no-op off Unix.
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: SIG_IGN installs no handler code; signal() is async-signal-safe and called before
    // any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// The signals that ask the dashboard to end: SIGTERM (`kill`), SIGHUP (terminal closed) and
/// SIGINT (`kill -INT`; ctrl-c in the raw-mode dashboard arrives as a key instead).
#[cfg(unix)]
pub const TERMINATING: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// Records the last terminating signal received, for an event loop to poll between events.
/// While registered, those signals no longer end the process by themselves: the loop must act.
#[derive(Debug, Clone)]
pub struct Termination {
    received: Arc<AtomicUsize>,
}

impl Termination {
    /// Starts recording SIGTERM, SIGHUP and SIGINT. (Off Unix nothing is ever recorded.)
    pub fn watch() -> io::Result<Termination> {
        let received = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        for sig in TERMINATING {
            // The handler only stores the number: async-signal-safe.
            signal_hook::flag::register_usize(sig, Arc::clone(&received), sig as usize)?;
        }
        Ok(Termination { received })
    }

    /// The signal that arrived since the last call, if any (taking it clears it).
    pub fn take(&self) -> Option<i32> {
        match self.received.swap(0, Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// A signal's conventional name, for "ended by SIGTERM" messages.
pub fn name(sig: i32) -> String {
    #[cfg(unix)]
    {
        match sig {
            signal_hook::consts::SIGTERM => return "SIGTERM".into(),
            signal_hook::consts::SIGHUP => return "SIGHUP".into(),
            signal_hook::consts::SIGINT => return "SIGINT".into(),
            _ => {}
        }
    }
    format!("signal {sig}")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_terminating_signal_is_recorded_instead_of_ending_the_process() {
        let t = Termination::watch().expect("register");
        assert_eq!(t.take(), None);
        for sig in TERMINATING {
            signal_hook::low_level::raise(sig).expect("raise");
            assert_eq!(t.take(), Some(sig), "{}", name(sig));
            assert_eq!(t.take(), None, "taken once");
        }
        assert_eq!(name(signal_hook::consts::SIGHUP), "SIGHUP");
    }
}
