//! Keys as data: one table of (mode, key, action, label) drives dispatch, the help popup and the
//! hint bar. `keys.ron` in the config folder can rebind actions.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Which keymap applies: the topmost mode gets the key first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Mode {
    Normal,
    /// Typing a table filter.
    Filter,
    /// Typing an as-of date.
    AsOf,
    Help,
    Detail,
    Form,
    Confirm,
    /// Typing the path of a CSV file to import.
    ImportPath,
    /// Choosing an exam among the catalogue's candidates for what was typed in a form.
    Picker,
    /// The bad rows of a previewed import.
    ImportErrors,
    /// A live ACE sync's progress and preview.
    Sync,
    /// The list of open merge conflicts.
    Conflicts,
}

impl Mode {
    pub const ALL: [Mode; 12] = [
        Mode::Normal,
        Mode::Filter,
        Mode::AsOf,
        Mode::Help,
        Mode::Detail,
        Mode::Form,
        Mode::Confirm,
        Mode::ImportPath,
        Mode::Picker,
        Mode::ImportErrors,
        Mode::Sync,
        Mode::Conflicts,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Mode::Normal => "Dashboard",
            Mode::Filter => "Filter",
            Mode::AsOf => "As-of date",
            Mode::Help => "Help",
            Mode::Detail => "Detail",
            Mode::Form => "Form",
            Mode::Confirm => "Confirm",
            Mode::ImportPath => "Import",
            Mode::Picker => "Exam picker",
            Mode::ImportErrors => "Import: bad rows",
            Mode::Sync => "ACE sync",
            Mode::Conflicts => "Merge conflicts",
        }
    }

    /// Modes where unbound printable keys are text input.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Filter | Mode::AsOf | Mode::Form | Mode::ImportPath | Mode::Picker
        )
    }
}

/// A key with its modifiers, normalised so Shift+letter is just the uppercase letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyChord {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        // Terminals report Shift with uppercase letters and BackTab inconsistently.
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        KeyChord { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> KeyChord {
        KeyChord::new(ev.code, ev.modifiers)
    }

    fn plain(code: KeyCode) -> KeyChord {
        KeyChord::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyChord {
        KeyChord::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("del"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A key name in `keys.ron` that is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("empty key")]
    Empty,
    /// Not a key or modifier this program knows (the text as written, trimmed).
    #[error("unknown key '{0}'")]
    Unknown(String),
}

/// Why `keys.ron` was not applied (the defaults stay). Messages follow the file's path and a
/// colon, so a syntax error reads `keys.ron:3:7: ...`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// Not RON of the expected shape; `line` and `col` are 1-based.
    #[error("{line}:{col}: {code}")]
    Syntax {
        line: usize,
        col: usize,
        code: ron::Error,
    },
    /// A key name for `action` in `mode` that is not a key.
    #[error("{mode:?} {action:?}: {key}")]
    Key {
        mode: Mode,
        action: Action,
        key: KeyError,
    },
    /// The overrides give one key two actions in one mode.
    #[error("{mode:?}: key '{key}' is bound twice")]
    BoundTwice { mode: Mode, key: KeyChord },
}

impl std::str::FromStr for KeyChord {
    type Err = KeyError;

    /// Parses "q", "ctrl-d", "alt-x", "shift-tab", "enter", "esc", "pgdn", "up", "f5", "space".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let raw = s.trim();
        if raw.is_empty() {
            return Err(KeyError::Empty);
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = raw;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 1 && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+")) {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.len() > 1 && (lower.starts_with("alt-") || lower.starts_with("alt+")) {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.len() > 1 && (lower.starts_with("shift-") || lower.starts_with("shift+"))
            {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "del" | "delete" => KeyCode::Delete,
                f if f.starts_with('f') && f.len() <= 3 => f[1..]
                    .parse::<u8>()
                    .ok()
                    .filter(|n| (1..=12).contains(n))
                    .map(KeyCode::F)
                    .ok_or_else(|| KeyError::Unknown(raw.to_string()))?,
                _ => return Err(KeyError::Unknown(raw.to_string())),
            },
        };
        Ok(KeyChord::new(code, mods))
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: KeyChord,
    pub action: Action,
    /// Shown in the hint bar when non-empty (short), else only in help.
    pub hint: &'static str,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The format of `keys.ron`: per mode, per action, the keys that replace its defaults.
/// Example: `{ Normal: { Quit: ["x", "ctrl-c"], Down: ["ctrl-n", "down"] } }`.
pub type KeyOverrides = BTreeMap<Mode, BTreeMap<Action, Vec<String>>>;

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: default_bindings(),
        }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action bound to `key` in `mode`.
    pub fn lookup(&self, mode: Mode, key: KeyChord) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .map(|b| b.action)
    }

    /// Bindings of a mode, in table order.
    pub fn for_mode(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// The keys bound to an action in a mode, joined for display ("j/↓").
    pub fn keys_for(&self, mode: Mode, action: Action) -> String {
        self.for_mode(mode)
            .filter(|b| b.action == action)
            .map(|b| b.key.to_string())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key bound to an action in a mode, for hints.
    pub fn first_key(&self, mode: Mode, action: Action) -> Option<KeyChord> {
        self.for_mode(mode)
            .find(|b| b.action == action)
            .map(|b| b.key)
    }

    /// Pairs (mode, key) bound twice: must be empty.
    pub fn duplicates(&self) -> Vec<(Mode, KeyChord)> {
        let mut seen = std::collections::HashSet::new();
        self.bindings
            .iter()
            .filter(|b| !seen.insert((b.mode, b.key)))
            .map(|b| (b.mode, b.key))
            .collect()
    }

    /// Applies `keys.ron` text on top of the defaults. Any error leaves the defaults and says why.
    pub fn with_overrides(text: &str) -> Result<Keymap, KeymapError> {
        let overrides: KeyOverrides =
            ron::from_str(text).map_err(|e: ron::error::SpannedError| KeymapError::Syntax {
                line: e.span.start.line,
                col: e.span.start.col,
                code: e.code,
            })?;
        let mut map = Keymap::default();
        for (mode, actions) in overrides {
            for (action, keys) in actions {
                let hint = map
                    .bindings
                    .iter()
                    .find(|b| b.mode == mode && b.action == action)
                    .map_or("", |b| b.hint);
                map.bindings
                    .retain(|b| !(b.mode == mode && b.action == action));
                for (i, k) in keys.iter().enumerate() {
                    let key: KeyChord =
                        k.parse()
                            .map_err(|key| KeymapError::Key { mode, action, key })?;
                    map.bindings.push(Binding {
                        mode,
                        key,
                        action,
                        hint: if i == 0 { hint } else { "" },
                    });
                }
            }
        }
        if let Some(&(mode, key)) = map.duplicates().first() {
            return Err(KeymapError::BoundTwice { mode, key });
        }
        Ok(map)
    }
}

fn default_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    use Mode as M;
    let p = KeyChord::plain;
    let c = |ch: char| KeyChord::plain(K::Char(ch));
    let mut v = Vec::new();
    let mut add = |mode: Mode, key: KeyChord, action: Action, hint: &'static str| {
        v.push(Binding {
            mode,
            key,
            action,
            hint,
        })
    };
    // Quitting works from every mode with Ctrl-C.
    for m in Mode::ALL {
        add(m, KeyChord::ctrl('c'), A::Quit, "");
    }
    let n = M::Normal;
    add(n, c('q'), A::Quit, "quit");
    add(n, c('?'), A::Help, "help");
    add(n, p(K::Tab), A::NextTab, "tab");
    add(n, p(K::BackTab), A::PrevTab, "");
    for (i, ch) in ['1', '2', '3', '4', '5'].into_iter().enumerate() {
        add(n, c(ch), A::GoTab(i as u8 + 1), "");
    }
    add(n, c('j'), A::Down, "");
    add(n, p(K::Down), A::Down, "");
    add(n, c('k'), A::Up, "");
    add(n, p(K::Up), A::Up, "");
    add(n, p(K::PageDown), A::PageDown, "");
    add(n, p(K::PageUp), A::PageUp, "");
    add(n, c('g'), A::First, "");
    add(n, p(K::Home), A::First, "");
    add(n, c('G'), A::Last, "");
    add(n, p(K::End), A::Last, "");
    add(n, p(K::Enter), A::OpenDetail, "detail");
    add(n, c('l'), A::NextTable, "");
    add(n, p(K::Right), A::NextTable, "");
    add(n, c('h'), A::NextTable, "");
    add(n, p(K::Left), A::NextTable, "");
    add(n, c('/'), A::StartFilter, "filter");
    add(n, p(K::Esc), A::ClearFilter, "");
    add(n, c('s'), A::CycleSort, "sort");
    add(n, c('S'), A::ReverseSort, "");
    add(n, c('w'), A::CycleWindow, "window");
    add(n, c('t'), A::StartAsOf, "as-of");
    add(n, c('T'), A::AsOfToday, "");
    add(n, c('a'), A::Add, "add");
    add(n, c('e'), A::Edit, "edit");
    add(n, c('d'), A::Delete, "delete");
    add(n, c('u'), A::Undo, "undo");
    add(n, KeyChord::ctrl('r'), A::Redo, "");
    add(n, c('R'), A::Reload, "");
    add(n, c('b'), A::EditBusinessPlan, "");
    add(n, c('P'), A::EditProfile, "");
    add(n, c('C'), A::EditPremier, "");
    add(n, c('i'), A::Import, "");
    add(n, c('A'), A::SyncAce, "ACE sync");

    add(M::ImportPath, p(K::Tab), A::NextField, "kind");
    for m in [M::Filter, M::AsOf, M::ImportPath] {
        add(m, p(K::Enter), A::AcceptInput, "accept");
        add(m, p(K::Esc), A::Back, "cancel");
    }

    add(M::Help, p(K::Esc), A::Back, "close");
    add(M::Help, c('?'), A::Back, "");
    add(M::Help, c('q'), A::Back, "");
    add(M::Help, c('j'), A::Down, "scroll");
    add(M::Help, p(K::Down), A::Down, "");
    add(M::Help, c('k'), A::Up, "");
    add(M::Help, p(K::Up), A::Up, "");

    add(M::Detail, p(K::Esc), A::Back, "close");
    add(M::Detail, p(K::Enter), A::Back, "");
    add(M::Detail, c('q'), A::Back, "");
    add(M::Detail, c('j'), A::Down, "next");
    add(M::Detail, p(K::Down), A::Down, "");
    add(M::Detail, c('k'), A::Up, "previous");
    add(M::Detail, p(K::Up), A::Up, "");
    add(M::Detail, c('c'), A::AddCertification, "+cert");
    add(M::Detail, c('a'), A::AddAccreditation, "+accred");
    add(M::Detail, c('p'), A::AddPlannedExam, "+plan");
    add(M::Detail, c('e'), A::Edit, "edit");
    add(M::Detail, c('d'), A::Delete, "delete");
    add(M::Detail, c('?'), A::Help, "help");

    add(M::Form, p(K::Enter), A::AcceptInput, "save");
    add(M::Form, p(K::Esc), A::Back, "cancel");
    add(M::Form, p(K::Tab), A::NextField, "next field");
    add(M::Form, p(K::BackTab), A::PrevField, "");
    add(M::Form, p(K::Down), A::NextField, "");
    add(M::Form, p(K::Up), A::PrevField, "");
    add(M::Form, p(K::Right), A::ChoiceNext, "");
    add(M::Form, p(K::Left), A::ChoicePrev, "");

    add(M::Confirm, c('y'), A::Confirm, "yes");
    add(M::Confirm, c('Y'), A::Confirm, "");
    add(M::Confirm, c('n'), A::Back, "no");
    add(M::Confirm, p(K::Esc), A::Back, "");
    add(M::Confirm, p(K::Enter), A::Back, "");

    // The exam picker is a form whose exam field lists candidates: the same text keys, plus
    // choosing among them.
    add(M::Picker, p(K::Down), A::Down, "choose");
    add(M::Picker, p(K::Up), A::Up, "");
    add(M::Picker, p(K::Tab), A::NextField, "accept");
    add(M::Picker, p(K::Enter), A::AcceptInput, "accept and save");
    add(M::Picker, p(K::Esc), A::Back, "close list");
    add(M::Picker, p(K::BackTab), A::PrevField, "");
    add(M::Picker, p(K::Right), A::ChoiceNext, "");
    add(M::Picker, p(K::Left), A::ChoicePrev, "");

    add(M::ImportErrors, c('j'), A::Down, "scroll");
    add(M::ImportErrors, p(K::Down), A::Down, "");
    add(M::ImportErrors, c('k'), A::Up, "");
    add(M::ImportErrors, p(K::Up), A::Up, "");
    add(M::ImportErrors, p(K::PageDown), A::PageDown, "");
    add(M::ImportErrors, p(K::PageUp), A::PageUp, "");
    add(M::ImportErrors, c('s'), A::SkipBad, "import the good rows");
    add(M::ImportErrors, p(K::Esc), A::Back, "back to the file");
    add(M::ImportErrors, c('q'), A::Back, "");
    add(M::Sync, c('y'), A::Confirm, "apply");
    add(M::Sync, c('n'), A::Back, "discard");
    add(M::Sync, p(K::Esc), A::Back, "");
    add(M::Sync, c('j'), A::Down, "scroll");
    add(M::Sync, p(K::Down), A::Down, "");
    add(M::Sync, c('k'), A::Up, "");
    add(M::Sync, p(K::Up), A::Up, "");
    add(M::Sync, p(K::PageDown), A::PageDown, "");
    add(M::Sync, p(K::PageUp), A::PageUp, "");
    add(M::Sync, c('?'), A::Help, "help");
    add(n, c('M'), A::OpenConflicts, "");
    let x = M::Conflicts;
    add(x, c('o'), A::TakeOurs, "keep ours");
    add(x, c('t'), A::TakeTheirs, "keep theirs");
    add(x, c('j'), A::Down, "next");
    add(x, p(K::Down), A::Down, "");
    add(x, c('k'), A::Up, "previous");
    add(x, p(K::Up), A::Up, "");
    add(x, c('u'), A::Undo, "undo");
    add(x, KeyChord::ctrl('r'), A::Redo, "");
    add(x, p(K::Esc), A::Back, "close");
    add(x, c('q'), A::Back, "");
    add(x, c('?'), A::Help, "help");
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keymap_has_no_duplicates() {
        let dups = Keymap::default().duplicates();
        assert!(dups.is_empty(), "duplicate bindings: {dups:?}");
    }

    #[test]
    fn duplicate_detection_works() {
        let err = Keymap::with_overrides(r#"{ Normal: { Quit: ["j"] } }"#).expect_err("dup");
        assert_eq!(
            err,
            KeymapError::BoundTwice {
                mode: Mode::Normal,
                key: KeyChord::plain(KeyCode::Char('j'))
            }
        );
        assert!(err.to_string().contains("bound twice"), "{err}");
    }

    #[test]
    fn parses_key_strings() {
        let k: KeyChord = "ctrl-d".parse().expect("ctrl-d");
        assert_eq!(k, KeyChord::ctrl('d'));
        let k: KeyChord = "shift-tab".parse().expect("shift-tab");
        assert_eq!(k.code, KeyCode::BackTab);
        let k: KeyChord = "G".parse().expect("G");
        assert_eq!(k, KeyChord::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert!("hyper-x".parse::<KeyChord>().is_err());
        assert!("f13".parse::<KeyChord>().is_err());
        assert_eq!(
            "ctrl-f13".parse::<KeyChord>(),
            Err(KeyError::Unknown("ctrl-f13".into()))
        );
        assert_eq!(" ".parse::<KeyChord>(), Err(KeyError::Empty));
    }

    #[test]
    fn overrides_replace_an_actions_keys() {
        let map = Keymap::with_overrides(r#"{ Normal: { Quit: ["x", "ctrl-c"] } }"#)
            .expect("valid overrides");
        assert_eq!(
            map.lookup(Mode::Normal, "x".parse().expect("x")),
            Some(Action::Quit)
        );
        assert_eq!(map.lookup(Mode::Normal, "q".parse().expect("q")), None);
    }

    #[test]
    fn bad_override_file_is_an_error() {
        assert!(Keymap::with_overrides("{ Normal: { Quit: [\"hyper-q\"] } }").is_err());
        assert!(Keymap::with_overrides("not ron").is_err());
        assert!(Keymap::with_overrides("{ Nonsense: {} }").is_err());
    }

    /// Each failure says where: the line and column of a syntax error, the mode and action of
    /// an unknown key name (as the start-up warning shows them after the file's path).
    #[test]
    fn an_override_error_names_its_place() {
        let e = Keymap::with_overrides("{\n  Normal: { Quit: [\"x\" }\n}").expect_err("syntax");
        assert!(matches!(e, KeymapError::Syntax { line: 2, .. }), "{e:?}");
        assert!(e.to_string().starts_with("2:"), "{e}");
        let e = Keymap::with_overrides(r#"{ Normal: { Quit: ["hyper-q"] } }"#).expect_err("key");
        assert_eq!(
            e,
            KeymapError::Key {
                mode: Mode::Normal,
                action: Action::Quit,
                key: KeyError::Unknown("hyper-q".into())
            }
        );
        assert_eq!(e.to_string(), "Normal Quit: unknown key 'hyper-q'");
    }
}
