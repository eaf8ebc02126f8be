//! The README documents every key the dashboard binds in its main mode.

use apn_scorecard::tui::keymap::{Keymap, Mode};

#[test]
fn readme_lists_every_dashboard_key() {
    let readme = include_str!("../README.md");
    let keys = readme
        .split("### Keys")
        .nth(1)
        .and_then(|s| s.split("**Custom keys**").next())
        .expect("README has a Keys section");
    for b in Keymap::default().for_mode(Mode::Normal) {
        let k = b.key.to_string();
        // Tab digits are documented as a range.
        let shown = if k.len() == 1 && k.chars().all(|c| c.is_ascii_digit()) {
            keys.contains("`1`-`5`")
        } else {
            keys.contains(&format!("`{k}`"))
        };
        assert!(shown, "README's key table lacks `{k}` ({:?})", b.action);
    }
}
