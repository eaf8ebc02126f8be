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

/// A readable table of the scorecard for a terminal, at its full width (for a file or a pipe).
/// `edition_title` is the edition's long name.
pub fn text(sc: &Scorecard, edition_title: &str, color: bool) -> String {
    text_fit(sc, edition_title, color, None)
}

/// How the rows are laid out, widest first; the first that fits the terminal is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Label, renewal cell and upgrade cell on one line.
    Wide,
    /// The label on its own line, the two cells side by side under it.
    TwoLine,
    /// The label, then one line a window.
    Stacked,
}

/// Indent of the cells under their label in the narrower layouts: deeper than any label, sub-rows
/// included.
const CELL_INDENT: &str = "      ";

/// Wrap options that break only at spaces: never inside a date or an amount.
fn wrap_opts(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Like [`text`], fitted to `width` columns when stdout is a terminal that wide: the table moves
/// each row's cells under its label when three columns do not fit, and sentences wrap with a
/// hanging indent. `None` keeps the full-width table.
pub fn text_fit(sc: &Scorecard, edition_title: &str, color: bool, width: Option<usize>) -> String {
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
    let wide_w = label_w + widths[0] + widths[1] + 2 * GAP.len();
    let two_line_w = CELL_INDENT.len() + widths[0] + GAP.len() + widths[1];
    let layout = match width {
        None => Layout::Wide,
        Some(w) if wide_w <= w => Layout::Wide,
        Some(w) if two_line_w <= w => Layout::TwoLine,
        Some(_) => Layout::Stacked,
    };
    let table_w = match layout {
        Layout::Wide => wide_w,
        Layout::TwoLine => two_line_w,
        Layout::Stacked => rows
            .iter()
            .flat_map(|(_, c)| c.iter().map(|x| x.1.width()))
            .map(|w| CELL_INDENT.len() + "Upgrade  ".len() + w)
            .chain(heads.iter().map(|h| h.0.width().max(2 + h.1.width())))
            .max()
            .unwrap_or(0),
    };
    let rule = "─".repeat(width.map_or(table_w, |w| table_w.min(w)));
    // Sentences (title, verdicts, notes) wrap at the terminal's width, continuing indented.
    let wrap = |s: &str| -> String {
        match width {
            Some(w) if textwrap::core::display_width(s) > w => {
                textwrap::wrap(s, wrap_opts(w).subsequent_indent("  ")).join("\n")
            }
            _ => s.to_string(),
        }
    };

    let mut out = String::new();
    let title = if sc.target_tier == sc.tier {
        format!("{}: {}", sc.partner, sc.tier)
    } else {
        format!(
            "{}: {}, working toward {}",
            sc.partner, sc.tier, sc.target_tier
        )
    };
    let _ = writeln!(out, "{}", paint(&wrap(&title), BOLD, color));
    let _ = writeln!(
        out,
        "{}",
        wrap(&format!("{edition_title} [{}]", sc.program))
    );
    let _ = writeln!(out, "As of {}", sc.as_of);
    out.push('\n');
    match layout {
        Layout::Wide => {
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
        }
        Layout::TwoLine => {
            let line = |a: &str, b: &str| {
                format!("{CELL_INDENT}{}{GAP}{b}", pad(a, widths[0]))
                    .trim_end()
                    .to_string()
            };
            let _ = writeln!(
                out,
                "{}",
                paint(&line(&heads[0].0, &heads[1].0), BOLD, color)
            );
            let _ = writeln!(out, "{}", line(&heads[0].1, &heads[1].1));
        }
        Layout::Stacked => {
            for h in &heads {
                let _ = writeln!(out, "{}", paint(&h.0, BOLD, color));
                let _ = writeln!(out, "  {}", h.1);
            }
        }
    }
    let _ = writeln!(out, "{rule}");

    let mut pillar = None;
    for (r, cells) in &rows {
        if pillar != Some(r.id.pillar()) {
            pillar = Some(r.id.pillar());
            let _ = writeln!(out, "{}", paint(r.id.pillar().label(), BOLD, color));
        }
        let label = format!("  {}", r.id.label());
        match layout {
            Layout::Wide => {
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
            Layout::TwoLine => {
                out.push_str(&fit_lines(&label, width));
                let a = pad(&cells[0].1, widths[0]);
                let s = format!(
                    "{CELL_INDENT}{}{GAP}{}",
                    paint(&a, colour_of(cells[0].0), color),
                    paint(&cells[1].1, colour_of(cells[1].0), color)
                );
                let _ = writeln!(out, "{}", s.trim_end());
            }
            Layout::Stacked => {
                out.push_str(&fit_lines(&label, width));
                for (k, (st, cell)) in kinds.iter().zip(cells) {
                    let name = match k {
                        WindowKind::Renewal => "Renewal",
                        WindowKind::Upgrade => "Upgrade",
                    };
                    let first = format!("{CELL_INDENT}{name}  ");
                    let more = " ".repeat(first.len());
                    // The narrowest terminals wrap a cell under itself, at spaces only.
                    let w = width.unwrap_or(usize::MAX).max(first.len() + 1);
                    let lines = textwrap::wrap(cell, wrap_opts(w - first.len()));
                    for (i, l) in lines.iter().enumerate() {
                        let lead = if i == 0 { &first } else { &more };
                        let _ = writeln!(out, "{lead}{}", paint(l, colour_of(*st), color));
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "{rule}");

    for k in kinds {
        let (sym, code) = if sc.tier_met(k) {
            ("✓", GREEN)
        } else {
            ("✗", RED)
        };
        let v = wrap(&format!("{sym} {}", verdict(sc, k)));
        let _ = writeln!(out, "{}", paint(&v, code, color));
    }
    if let Some(n) = unlinked_note(sc) {
        let _ = writeln!(out, "{}", paint(&wrap(&format!("! {n}")), YELLOW, color));
    }
    out
}

/// Wraps every line of a finished text section longer than `width` at spaces, continuing with
/// the line's indent plus two; for sections (changes, outlook) whose lines are sentences.
pub fn fit_lines(text: &str, width: Option<usize>) -> String {
    let Some(w) = width else {
        return text.to_string();
    };
    let mut out = String::new();
    for line in text.lines() {
        // Escape codes take no columns (textwrap skips them when measuring).
        if textwrap::core::display_width(line) <= w {
            out.push_str(line);
        } else {
            let indent = &line[..line.len() - line.trim_start().len()];
            let more = format!("{indent}  ");
            let opts = wrap_opts(w).initial_indent(indent).subsequent_indent(&more);
            out.push_str(&textwrap::wrap(line.trim_start(), opts).join("\n"));
        }
        out.push('\n');
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
        assert!(t.contains("$1,200.50 of $1,500.00  need $299.50"), "{t}");
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

    fn widest(t: &str) -> usize {
        t.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
    }

    #[test]
    fn a_terminal_narrower_than_the_table_gets_every_cell_without_wrapping() {
        let sc = scorecard();
        let full = text(
            &sc,
            "Services Path, three-pillar scorecard (December 2023)",
            false,
        );
        assert!(
            widest(&full) > 100,
            "the fixture is wider than 80: {}",
            widest(&full)
        );
        for w in [80, 60, 40] {
            let t = text_fit(
                &sc,
                "Services Path, three-pillar scorecard (December 2023)",
                false,
                Some(w),
            );
            assert!(widest(&t) <= w, "{w} columns:\n{t}");
            // Every cell of the full table is still there: whole down to 60 columns, wrapped at
            // spaces (never inside an amount) below.
            let joined = t.split_whitespace().collect::<Vec<_>>().join(" ");
            for cell in [
                "✓ 5 of 2",
                "✗ 3 of 4  need 1",
                "$1,200.50 of $1,500.00  need $299.50",
            ] {
                if w >= 60 {
                    assert!(t.contains(cell), "{w}: {cell}\n{t}");
                }
                let words = cell.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(joined.contains(&words), "{w}: {cell}\n{t}");
            }
            assert!(t.contains("Renewal (Select)") && t.contains("2026-08-15 to 2026-11-26"));
            // The verdict's last short row survives the wrap.
            assert!(
                joined.contains("1 row short to keep Select: Launched opportunities MRR"),
                "{w}:\n{t}"
            );
        }
        // Wide enough: the same table as for a pipe.
        assert_eq!(
            text_fit(
                &sc,
                "Services Path, three-pillar scorecard (December 2023)",
                false,
                Some(200)
            ),
            full
        );
    }

    #[test]
    fn at_80_columns_each_label_has_its_cells_on_the_next_line() {
        let t = text_fit(&scorecard(), "E", false, Some(80));
        let lines: Vec<&str> = t.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim() == "Business accreditations")
            .expect("label line");
        assert!(lines[at + 1].starts_with("      ✓ "), "{t}");
        assert!(lines[at + 1].contains("✗ 3 of 4  need 1"), "{t}");
    }

    #[test]
    fn colour_does_not_change_the_fitted_layout() {
        let sc = scorecard();
        for w in [80, 40] {
            let plain = text_fit(&sc, "E", false, Some(w));
            let coloured = text_fit(&sc, "E", true, Some(w));
            assert_eq!(strip_ansi(&coloured), plain);
        }
    }

    #[test]
    fn fit_lines_wraps_long_sentences_under_their_indent() {
        let t = "Changes since 2026-11-19\n  2026-11-20  Zoe Ng: SAA-C03 AWS Certified Solutions Architect - Associate\n";
        let f = fit_lines(t, Some(40));
        assert!(widest(&f) <= 40, "{f}");
        assert!(f.lines().skip(2).all(|l| l.starts_with("    ")), "{f}");
        assert_eq!(fit_lines(t, None), t);
        assert_eq!(
            f.split_whitespace().collect::<Vec<_>>(),
            t.split_whitespace().collect::<Vec<_>>()
        );
    }
}
