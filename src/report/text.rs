//! The terminal report: a table with symbols always and ANSI colour only on request.

use super::{Status, figures, need, status, unlinked_note, verdict, window_title};
use crate::domain::Pillar;
use crate::scoring::{Scorecard, Window, WindowKind};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

const GAP: &str = "   ";

fn paint(s: &str, code: &str, color: bool) -> String {
    if color && !s.is_empty() {
        format!("{code}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// Pads by display width (symbols such as ✓ are one column, `len()` would say three).
fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn symbol(st: Status) -> &'static str {
    match st {
        Status::Met => "✓",
        Status::AtRisk(_) => "⚠",
        Status::Unmet => "✗",
        Status::NotRequired => "–",
    }
}

fn colour_of(st: Status) -> &'static str {
    match st {
        Status::Met => GREEN,
        Status::AtRisk(_) => YELLOW,
        Status::Unmet => RED,
        Status::NotRequired => DIM,
    }
}

fn window_range(w: Window) -> String {
    format!("{} to {}", w.start, w.end)
}

/// "✓ 8 of 4", "✗ 3 of 4  need 1", "⚠ 3 of 3  at risk 2026-12-15".
fn cell_text(st: Status, figures: String, need: Option<String>) -> String {
    let mut s = format!("{} {figures}", symbol(st));
    if let Some(n) = need {
        let _ = write!(s, "  {n}");
    }
    if let Status::AtRisk(d) = st {
        let _ = write!(s, "  at risk {d}");
    }
    s
}

/// A readable table of the scorecard for a terminal. `edition_title` is the edition's long name.
pub fn text(sc: &Scorecard, edition_title: &str, color: bool) -> String {
    let kinds = [WindowKind::Renewal, WindowKind::Upgrade];
    // Each row: label, then per window (status, text).
    let rows: Vec<(&crate::scoring::MetricRow, [(Status, String); 2])> = sc
        .metrics
        .iter()
        .map(|r| {
            let cells = kinds.map(|k| {
                let c = r.cell(k);
                let st = status(r, c);
                (st, cell_text(st, figures(r, c), need(r, c)))
            });
            (r, cells)
        })
        .collect();

    let heads = kinds.map(|k| (window_title(sc, k), window_range(sc.windows.get(k))));
    let label_w = sc
        .metrics
        .iter()
        .map(|r| UnicodeWidthStr::width(r.id.label()) + 2)
        .chain(
            Pillar::ALL
                .iter()
                .map(|p| UnicodeWidthStr::width(p.label())),
        )
        .chain(std::iter::once("Metric".len()))
        .max()
        .unwrap_or(0);
    let col_w = |i: usize| {
        rows.iter()
            .map(|(_, c)| UnicodeWidthStr::width(c[i].1.as_str()))
            .chain([heads[i].0.width(), heads[i].1.width()])
            .max()
            .unwrap_or(0)
    };
    let widths = [col_w(0), col_w(1)];

    let mut out = String::new();
    let title = if sc.target_tier == sc.tier {
        format!("{}: {}", sc.partner, sc.tier)
    } else {
        format!(
            "{}: {}, working toward {}",
            sc.partner, sc.tier, sc.target_tier
        )
    };
    let _ = writeln!(out, "{}", paint(&title, BOLD, color));
    let _ = writeln!(out, "{edition_title} [{}]", sc.program);
    let _ = writeln!(out, "As of {}", sc.as_of);
    out.push('\n');
    let line = |a: &str, b: &str, c: &str| {
        format!("{}{GAP}{}{GAP}{}", pad(a, label_w), pad(b, widths[0]), c)
            .trim_end()
            .to_string()
    };
    let _ = writeln!(
        out,
        "{}",
        paint(&line("", &heads[0].0, &heads[1].0), BOLD, color)
    );
    let _ = writeln!(out, "{}", line("Metric", &heads[0].1, &heads[1].1));
    let rule = "─".repeat(label_w + widths[0] + widths[1] + 2 * GAP.len());
    let _ = writeln!(out, "{rule}");

    let mut pillar = None;
    for (r, cells) in &rows {
        if pillar != Some(r.id.pillar()) {
            pillar = Some(r.id.pillar());
            let _ = writeln!(out, "{}", paint(r.id.pillar().label(), BOLD, color));
        }
        let label = format!("  {}", r.id.label());
        // Pad before painting so escape codes never skew the columns.
        let a = pad(&cells[0].1, widths[0]);
        let s = format!(
            "{}{GAP}{}{GAP}{}",
            pad(&label, label_w),
            paint(&a, colour_of(cells[0].0), color),
            paint(&cells[1].1, colour_of(cells[1].0), color)
        );
        let _ = writeln!(out, "{}", s.trim_end());
    }
    let _ = writeln!(out, "{rule}");

    for k in kinds {
        let (sym, code) = if sc.tier_met(k) {
            ("✓", GREEN)
        } else {
            ("✗", RED)
        };
        let v = format!("{sym} {}", verdict(sc, k));
        let _ = writeln!(out, "{}", paint(&v, code, color));
    }
    if let Some(n) = unlinked_note(sc) {
        let _ = writeln!(out, "{}", paint(&format!("! {n}"), YELLOW, color));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::{scorecard, strip_ansi};

    #[test]
    fn plain_text_has_symbols_and_no_escape_codes() {
        let t = text(&scorecard(), "Edition title", false);
        assert!(!t.contains('\x1b'));
        assert!(t.contains("✓ 5 of 2"), "{t}");
        assert!(t.contains("✗ 3 of 4  need 1"), "{t}");
        assert!(t.contains("$1,200.50 of $1,500  need $299.50"), "{t}");
        assert!(t.contains("Edition title [services-path-2023]"));
        assert!(t.contains("2026-08-15 to 2026-11-26"));
        assert!(t.contains("2025-11-27 to 2026-11-26"));
    }

    #[test]
    fn colour_only_adds_escape_codes() {
        let sc = scorecard();
        let plain = text(&sc, "E", false);
        let coloured = text(&sc, "E", true);
        assert!(coloured.contains(GREEN) && coloured.contains(RED));
        assert_eq!(strip_ansi(&coloured), plain);
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let t = text(&scorecard(), "E", false);
        // Every metric line starts its second column at the same display offset.
        let starts: Vec<usize> = t
            .lines()
            .filter(|l| l.starts_with("  ") && (l.contains(" of ") || l.contains("(not")))
            .map(|l| {
                let idx = l.find(['✓', '✗', '⚠', '–']).expect("symbol in row");
                UnicodeWidthStr::width(&l[..idx])
            })
            .collect();
        assert_eq!(starts.len(), 11, "{t}");
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{t}");
    }

    #[test]
    fn verdicts_name_the_short_rows() {
        let t = text(&scorecard(), "E", false);
        assert!(
            t.contains("✗ Renewal (Select): not met, 1 row short to keep Select: Launched opportunities MRR"),
            "{t}"
        );
        assert!(
            t.contains("✗ Upgrade (Advanced): not met, 2 rows short"),
            "{t}"
        );
        assert!(t.contains("! 2 people hold certifications"), "{t}");
    }
}
