//! A Markdown table that pastes into Slack, Teams or a wiki page for a standup.

use super::{Status, figures, need, status, unlinked_note, verdict, window_title};
use crate::scoring::{Scorecard, WindowKind};
use std::fmt::Write as _;

/// Pipes would end a table cell early; backslashes start escapes.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|")
}

fn emoji(st: Status) -> &'static str {
    match st {
        Status::Met => "✅",
        Status::AtRisk(_) => "⚠️",
        Status::Unmet => "❌",
        Status::NotRequired => "➖",
    }
}

/// The scorecard as a Markdown table with a verdict under it.
pub fn markdown(sc: &Scorecard) -> String {
    let kinds = [WindowKind::Renewal, WindowKind::Upgrade];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "**{}**: {} → {} · {} · as of {}",
        escape(&sc.partner),
        sc.tier,
        sc.target_tier,
        escape(&sc.program),
        sc.as_of
    );
    out.push('\n');
    let heads = kinds.map(|k| {
        let w = sc.windows.get(k);
        format!("{} {} – {}", window_title(sc, k), w.start, w.end)
    });
    let _ = writeln!(out, "| Metric | {} | {} |", heads[0], heads[1]);
    out.push_str("|---|---|---|\n");
    for r in &sc.metrics {
        // Sub-rows (labels indented in the domain) get an arrow: Markdown eats leading spaces.
        let label = r.id.label();
        let label = if label.starts_with(' ') {
            format!("↳ {}", label.trim())
        } else {
            label.to_string()
        };
        let cells = kinds.map(|k| {
            let c = r.cell(k);
            let st = status(r, c);
            let mut s = format!("{} {}", emoji(st), figures(r, c));
            if let Some(n) = need(r, c) {
                let _ = write!(s, " ({n})");
            }
            if let Status::AtRisk(d) = st {
                let _ = write!(s, " (at risk {d})");
            }
            s
        });
        let _ = writeln!(out, "| {} | {} | {} |", escape(&label), cells[0], cells[1]);
    }
    out.push('\n');
    for k in kinds {
        let sym = if sc.tier_met(k) { "✅" } else { "❌" };
        let _ = writeln!(out, "{sym} {}  ", escape(&verdict(sc, k)));
    }
    if let Some(n) = unlinked_note(sc) {
        let _ = writeln!(out, "⚠️ {n}  ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::scorecard;

    #[test]
    fn a_table_row_per_metric_with_three_columns() {
        let m = markdown(&scorecard());
        let rows: Vec<&str> = m.lines().filter(|l| l.starts_with("| ")).collect();
        assert_eq!(rows.len(), 12, "header + 11 metrics\n{m}");
        for r in &rows {
            assert_eq!(r.matches(" | ").count(), 2, "{r}");
        }
        assert!(
            m.contains("| ↳ Business accreditations | ✅ 3 of 2 | ❌ 3 of 4 (need 1) |"),
            "{m}"
        );
        assert!(
            m.contains(
                "| Validated business plan | ✅ no (not required) | ❌ no (need a validated plan) |"
            ),
            "{m}"
        );
        assert!(m.contains("⚠️ 3 of 3 (at risk 2026-12-15)"), "{m}");
    }

    #[test]
    fn pipes_in_names_do_not_break_the_table() {
        let mut sc = scorecard();
        sc.partner = "A|B".into();
        assert!(markdown(&sc).starts_with("**A\\|B**"));
    }

    #[test]
    fn verdict_lines_follow_the_engine() {
        let mut sc = scorecard();
        let m = markdown(&sc);
        assert!(m.contains("❌ Upgrade (Advanced): not met, 2 rows short to reach Advanced: Business accreditations, Validated business plan"), "{m}");
        sc.renewal_met = true;
        assert!(markdown(&sc).contains("✅ Renewal (Select): met"));
    }
}
