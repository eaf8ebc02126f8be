//! How one scorecard cell reads: "4 of 6  ✗ need 2". The symbol carries the meaning; colour
//! only repeats it.

use super::theme::Theme;
use crate::domain::{MetricId, Unit};
use crate::scoring::Cell;
use chrono::NaiveDate;
use ratatui::style::Style;

/// The state a cell shows: the report's, so screen and report always agree. A row the tier
/// does not require (not scored by the edition, or nothing asked of it: `3 of 0`) reads "not
/// required", never `no ✓` or `3 of 0 ✓`.
pub use crate::report::Status as CellState;

pub fn state(cell: &Cell, scored: bool) -> CellState {
    if cell.required == 0 {
        return CellState::NotRequired;
    }
    crate::report::status_of(scored, cell)
}

pub fn style(theme: &Theme, s: CellState) -> Style {
    match s {
        CellState::Met => theme.met,
        CellState::Unmet => theme.unmet,
        CellState::AtRisk(_) => theme.at_risk,
        CellState::NotRequired => theme.muted,
    }
}

/// Money in few characters for narrow columns: "$392", "$9.6k", "$125k", "$1.2M".
pub fn compact_money(cents: i64) -> String {
    let d = cents as f64 / 100.0;
    let a = d.abs();
    if a < 1_000.0 {
        format!("${}", d.round() as i64)
    } else if a < 100_000.0 {
        format!("${:.1}k", d / 1_000.0).replace(".0k", "k")
    } else if a < 1_000_000.0 {
        format!("${}k", (d / 1_000.0).round() as i64)
    } else {
        format!("${:.1}M", d / 1_000_000.0).replace(".0M", "M")
    }
}

/// The texts of a row's two cells (renewal, upgrade) for columns `width` wide: both full, or
/// both compact when either would not fit, so one row never mixes `$2,837.25` with `$9.6k`.
pub fn row_texts(
    metric: MetricId,
    cells: [&Cell; 2],
    scored: bool,
    as_of: NaiveDate,
    width: u16,
) -> [String; 2] {
    let fits = |ts: &[String; 2]| {
        ts.iter()
            .all(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= usize::from(width))
    };
    let full = cells.map(|c| text(metric, c, scored, as_of));
    if fits(&full) {
        return full;
    }
    // One space before the verdict keeps the full amounts a little longer.
    let tight = full.clone().map(|t| t.replace("  ", " "));
    if fits(&tight) {
        return tight;
    }
    cells.map(|c| compact(metric, c, scored, as_of))
}

/// `text`, or a compact form of it when the column is narrower than the full text.
pub fn text_fit(
    metric: MetricId,
    cell: &Cell,
    scored: bool,
    as_of: NaiveDate,
    width: u16,
) -> String {
    let full = text(metric, cell, scored, as_of);
    if unicode_width::UnicodeWidthStr::width(full.as_str()) <= usize::from(width) {
        return full;
    }
    compact(metric, cell, scored, as_of)
}

/// The same facts in few characters: every amount compact, one space before the verdict.
fn compact(metric: MetricId, cell: &Cell, scored: bool, as_of: NaiveDate) -> String {
    let v = |x: i64| match metric.unit() {
        Unit::Cents => compact_money(x),
        _ => value(metric, x),
    };
    let s = state(cell, scored);
    let body = match metric.unit() {
        Unit::YesNo => v(cell.value),
        _ => format!("{} of {}", v(cell.value), v(cell.required)),
    };
    match s {
        CellState::NotRequired => format!("{} not required", v(cell.value)),
        CellState::Met => format!("{body} ✓"),
        CellState::AtRisk(_) => format!("{body} ! in {}d", days_left(cell, as_of)),
        CellState::Unmet if metric.unit() == Unit::YesNo => format!("{body} ✗ required"),
        CellState::Unmet => format!("{body} ✗ need {}", v(cell.short_by)),
    }
}

fn days_left(cell: &Cell, as_of: NaiveDate) -> i64 {
    cell.at_risk.map_or(0, |d| (d - as_of).num_days())
}

/// A value in the row's unit: `3`, `$1,200.50`, `yes`.
pub fn value(metric: MetricId, v: i64) -> String {
    crate::report::amount(metric, v)
}

/// "X of Y" with the verdict symbol and what is missing. One money format a cell: when any
/// amount has cents, all do (`$2,837.25 of $1,500.00`), as in the text report.
pub fn text(metric: MetricId, cell: &Cell, scored: bool, as_of: NaiveDate) -> String {
    let s = state(cell, scored);
    let cents = metric.unit() == Unit::Cents
        && [cell.value, cell.required, cell.short_by]
            .iter()
            .any(|v| v % 100 != 0);
    let val = |v: i64| {
        let s = value(metric, v);
        if cents && !s.contains('.') {
            format!("{s}.00")
        } else {
            s
        }
    };
    let x = val(cell.value);
    if s == CellState::NotRequired {
        return format!("{x}  – not required");
    }
    let body = match metric.unit() {
        Unit::YesNo => x,
        _ => format!("{x} of {}", val(cell.required)),
    };
    match s {
        CellState::Met => format!("{body}  ✓"),
        CellState::AtRisk(_) => format!("{body}  ! in {}d", days_left(cell, as_of)),
        CellState::Unmet => match metric.unit() {
            Unit::YesNo => format!("{body}  ✗ required"),
            _ => format!("{body}  ✗ need {}", val(cell.short_by)),
        },
        CellState::NotRequired => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_columns_get_compact_cells_with_the_same_facts() {
        let d: NaiveDate = "2026-11-26".parse().expect("date");
        let c = cell(960_775, 1_000_000, None);
        assert_eq!(
            text_fit(MetricId::LaunchedMrr, &c, true, d, 40),
            "$9,607.75 of $10,000.00  ✗ need $392.25"
        );
        assert_eq!(
            text_fit(MetricId::LaunchedMrr, &c, true, d, 26),
            "$9.6k of $10k ✗ need $392"
        );
        // A row's two cells share one format: compact both when either is cut.
        let met = cell(283_725, 150_000, None);
        assert_eq!(
            row_texts(MetricId::LaunchedMrr, [&met, &c], true, d, 26),
            ["$2.8k of $1.5k ✓", "$9.6k of $10k ✗ need $392"]
        );
        let risk = cell(3, 3, "2026-12-28".parse().ok());
        assert_eq!(
            text_fit(MetricId::CertifiedTechnical, &risk, true, d, 8),
            "3 of 3 ! in 32d"
        );
        assert_eq!(compact_money(12_600_000), "$126k");
        assert_eq!(compact_money(250_000_000), "$2.5M");
    }

    fn cell(value: i64, required: i64, at_risk: Option<NaiveDate>) -> Cell {
        Cell {
            value,
            required,
            met: value >= required,
            short_by: (required - value).max(0),
            at_risk,
        }
    }

    #[test]
    fn cells_read_with_symbols() {
        let d: NaiveDate = "2026-11-26".parse().expect("date");
        assert_eq!(
            text(MetricId::CertifiedTechnical, &cell(4, 6, None), true, d),
            "4 of 6  ✗ need 2"
        );
        assert_eq!(
            text(MetricId::CertifiedTechnical, &cell(6, 6, None), true, d),
            "6 of 6  ✓"
        );
        let risk = "2026-12-06".parse().ok();
        assert_eq!(
            text(MetricId::CertifiedTechnical, &cell(6, 6, risk), true, d),
            "6 of 6  ! in 10d"
        );
        assert_eq!(
            text(
                MetricId::LaunchedMrr,
                &cell(120_000, 150_000, None),
                true,
                d
            ),
            "$1,200 of $1,500  ✗ need $300"
        );
        assert_eq!(
            text(MetricId::BusinessPlan, &cell(0, 1, None), true, d),
            "no  ✗ required"
        );
        // Nothing asked of the row: "not required", never "3 of 0 ✓" or "no ✓".
        assert_eq!(
            text(MetricId::CertifiedProSpecialty, &cell(3, 0, None), true, d),
            "3  – not required"
        );
        assert_eq!(
            text(MetricId::BusinessPlan, &cell(0, 0, None), true, d),
            "no  – not required"
        );
        assert_eq!(
            text(MetricId::CsatResponses, &cell(3, 0, None), false, d),
            "3  – not required"
        );
    }
}
