//! Scorecard -> text (terminal), markdown (chat, wiki) and json (scripts).
//!
//! All three read the same [`Scorecard`]; the wording of a cell lives here once so the formats
//! never disagree.

mod changes;
mod json;
mod markdown;
mod outlook;
mod text;
pub mod wording;

pub use changes::{changes_json, changes_markdown, changes_text};
pub(crate) use changes::{item_line, move_line};
pub use json::json;
pub use markdown::markdown;
pub use outlook::{Agenda, outlook_markdown, outlook_text};
pub use text::{fit_lines, text, text_fit};

use crate::domain::{MetricId, Money, Unit};
use crate::scoring::{Cell, MetricRow, Scorecard, WindowKind};
use chrono::NaiveDate;

/// How one cell reads, before any format decides on symbols or colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Met,
    /// Met today, unmet on this day if nothing is added.
    AtRisk(NaiveDate),
    Unmet,
    /// The edition does not require the row.
    NotRequired,
}

pub(crate) fn status(row: &MetricRow, cell: &Cell) -> Status {
    status_of(row.scored, cell)
}

/// The same for a cell whose row is known only by whether the edition scores it.
pub fn status_of(scored: bool, cell: &Cell) -> Status {
    if !scored {
        Status::NotRequired
    } else if !cell.met {
        Status::Unmet
    } else if let Some(d) = cell.at_risk {
        Status::AtRisk(d)
    } else {
        Status::Met
    }
}

/// A value in the row's unit: `3`, `$1,200.50`, `yes`.
pub fn amount(m: MetricId, v: i64) -> String {
    match m.unit() {
        Unit::Count => v.to_string(),
        Unit::Cents => Money(v).display(),
        Unit::YesNo => yes_no(v).to_string(),
    }
}

fn yes_no(v: i64) -> &'static str {
    if v != 0 { "yes" } else { "no" }
}

/// "3 of 4", "$1,200.50 of $1,500.00", "yes" / "no (not required)", "2 (not required)". A row the
/// tier does not require says so rather than "3 of 0", which reads as an error.
pub(crate) fn figures(row: &MetricRow, cell: &Cell) -> String {
    let m = row.id;
    let cents = cell_has_cents(m, cell);
    if !row.scored || cell.required == 0 {
        return format!("{} (not required)", amount_as(m, cell.value, cents));
    }
    match m.unit() {
        // "yes of yes" reads badly: say the plan's state.
        Unit::YesNo => yes_no(cell.value).to_string(),
        _ => format!(
            "{} of {}",
            amount_as(m, cell.value, cents),
            amount_as(m, cell.required, cents)
        ),
    }
}

/// "need 2", "need $300", "need a validated plan"; `None` when nothing is missing.
pub(crate) fn need(row: &MetricRow, cell: &Cell) -> Option<String> {
    if !row.scored || cell.met {
        return None;
    }
    Some(match row.id.unit() {
        Unit::YesNo => "need a validated plan".to_string(),
        _ => format!(
            "need {}",
            amount_as(row.id, cell.short_by, cell_has_cents(row.id, cell))
        ),
    })
}

/// One money format a cell: if any amount in it has cents, all show cents, so `$2,837.25 of
/// $1,500` never sits in one cell.
fn cell_has_cents(m: MetricId, cell: &Cell) -> bool {
    m.unit() == Unit::Cents
        && [cell.value, cell.required, cell.short_by]
            .iter()
            .any(|v| v % 100 != 0)
}

fn amount_as(m: MetricId, v: i64, cents: bool) -> String {
    let s = amount(m, v);
    if cents && m.unit() == Unit::Cents && !s.contains('.') {
        format!("{s}.00")
    } else {
        s
    }
}

/// Labels of the scored rows not met in a window, in listing order.
pub(crate) fn short_rows(sc: &Scorecard, k: WindowKind) -> Vec<&'static str> {
    sc.metrics
        .iter()
        .filter(|r| r.scored && !r.cell(k).met)
        .map(|r| r.id.label().trim())
        .collect()
}

/// "Renewal (Select)" / "Upgrade (Advanced)": the column and verdict names.
pub(crate) fn window_title(sc: &Scorecard, k: WindowKind) -> String {
    match k {
        WindowKind::Renewal => format!("Renewal ({})", sc.tier),
        WindowKind::Upgrade => format!("Upgrade ({})", sc.target_tier),
    }
}

/// One verdict sentence without symbols or colour.
pub(crate) fn verdict(sc: &Scorecard, k: WindowKind) -> String {
    let what = match k {
        WindowKind::Renewal => format!("keep {}", sc.tier),
        WindowKind::Upgrade if sc.target_tier == sc.tier => format!("stay at {}", sc.tier),
        WindowKind::Upgrade => format!("reach {}", sc.target_tier),
    };
    let short = short_rows(sc, k);
    if sc.tier_met(k) {
        format!("{}: met, enough to {what}", window_title(sc, k))
    } else if short.is_empty() {
        format!("{}: not met", window_title(sc, k))
    } else {
        let rows = if short.len() == 1 { "row" } else { "rows" };
        format!(
            "{}: not met, {} {rows} short to {what}: {}",
            window_title(sc, k),
            short.len(),
            short.join(", ")
        )
    }
}

/// The unlinked-accounts action, if there is one.
pub(crate) fn unlinked_note(sc: &Scorecard) -> Option<String> {
    match sc.unlinked.len() {
        0 => None,
        1 => Some(
            "1 person holds certifications AWS does not credit yet (account not linked)".into(),
        ),
        n => Some(format!(
            "{n} people hold certifications AWS does not credit yet (accounts not linked)"
        )),
    }
}

#[cfg(test)]
pub(crate) mod fixture;
