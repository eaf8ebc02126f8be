//! Named styles. Colours are the terminal's named ones so its theme applies; `plain()` drops
//! colour entirely for NO_COLOR (every state also carries a symbol, so nothing is lost).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub met: Style,
    pub unmet: Style,
    pub at_risk: Style,
    pub muted: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focus: Style,
    pub key: Style,
    pub status: Style,
    pub warning: Style,
    pub error: Style,
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            tab: Style::new(),
            tab_active: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            header: Style::new().add_modifier(Modifier::BOLD),
            met: Style::new().fg(Color::Green),
            unmet: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            at_risk: Style::new().fg(Color::Yellow),
            muted: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Yellow),
            warning: Style::new().fg(Color::Black).bg(Color::Yellow),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all: emphasis by weight and reverse video only.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            tab: Style::new(),
            tab_active: bold.add_modifier(Modifier::UNDERLINED),
            header: bold,
            met: Style::new(),
            unmet: bold,
            at_risk: Style::new(),
            muted: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            border_focus: bold,
            key: bold,
            status: Style::new(),
            warning: Style::new().add_modifier(Modifier::REVERSED),
            error: bold,
        }
    }

    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env(no_color: Option<std::ffi::OsString>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::color(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::color()
    }
}
