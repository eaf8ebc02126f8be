//! Pasting into a text field.

use tui_input::Input;

/// Inserts pasted text at the cursor in one step. Pasted newlines and tabs would corrupt one-line
/// fields: control characters are dropped. (Inserting char by char costs O(n) each in tui-input,
/// so a 100 KB paste would freeze the dashboard for minutes.)
pub fn paste_into(input: &mut Input, text: &str) {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.is_empty() {
        return;
    }
    let value = input.value();
    let cursor = input.cursor();
    let at = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(i, _)| i);
    let mut next = String::with_capacity(value.len() + clean.len());
    next.push_str(&value[..at]);
    next.push_str(&clean);
    next.push_str(&value[at..]);
    let inserted = clean.chars().count();
    *input = Input::new(next).with_cursor(cursor + inserted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_inserts_at_the_cursor_without_control_characters() {
        let mut i = Input::new("héllo".into()).with_cursor(2);
        paste_into(&mut i, "X\nY\tZ😀");
        assert_eq!(i.value(), "héXYZ😀llo");
        assert_eq!(i.cursor(), 6);
        paste_into(&mut i, "\u{7}");
        assert_eq!(i.value(), "héXYZ😀llo");
    }

    #[test]
    fn a_100_kb_paste_is_one_step() {
        let mut i = Input::default();
        let big = "é".repeat(100 * 1024);
        let t = std::time::Instant::now();
        paste_into(&mut i, &big);
        assert_eq!(i.value().chars().count(), 100 * 1024);
        assert_eq!(i.cursor(), 100 * 1024);
        // Char by char this took minutes in a debug build; allow a slow machine plenty.
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
    }
}
