//! After the table: the next actions and what is at risk or lapses within the horizon.

use super::window_title;
use crate::domain::Store;
use crate::scoring::{self, Program, Scorecard, Upcoming, WindowKind};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// What the report lists under the table, and the dashboard's Overview beside it: the next
/// actions and what lapses within the horizon. Built from the store by [`Agenda::new`]; the fields
/// are public so a test can build one by hand. (Not the dashboard's Outlook tab, which charts.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    /// Days ahead (`settings.horizon_days`).
    pub horizon_days: u32,
    /// `scoring::next_actions` worded by `wording::action_line`, in their order.
    pub next_actions: Vec<String>,
    /// `scoring::upcoming` within the horizon, earliest first.
    pub upcoming: Vec<Upcoming>,
}

impl Agenda {
    pub fn new(store: &Store, program: &Program, sc: &Scorecard) -> Agenda {
        Agenda::at(store, program, sc.as_of, Some(sc))
    }

    /// As [`Agenda::new`], for a day whose scorecard may have failed: then there are no next
    /// actions, but what lapses is still listed.
    pub fn at(
        store: &Store,
        program: &Program,
        as_of: NaiveDate,
        sc: Option<&Scorecard>,
    ) -> Agenda {
        let horizon_days = store.profile.settings.horizon_days;
        Agenda {
            horizon_days,
            next_actions: sc
                .map(|sc| {
                    scoring::next_actions(store, program, sc)
                        .into_iter()
                        .map(|a| super::wording::action_line(&a))
                        .collect()
                })
                .unwrap_or_default(),
            upcoming: scoring::upcoming(store, program, as_of, horizon_days),
        }
    }
}

/// One line per cell that is met now and unmet within the horizon: (day, "column: row").
/// A Knowledge row at risk on the same day in both columns is one line.
fn risky_cells(sc: &Scorecard) -> Vec<(NaiveDate, String)> {
    let mut out = Vec::new();
    for r in sc.metrics.iter().filter(|r| r.scored) {
        let (ren, up) = (r.renewal.at_risk, r.upgrade.at_risk);
        let label = r.id.label().trim();
        if r.id.is_point_in_time() && ren.is_some() && ren == up {
            if let Some(d) = ren {
                out.push((d, format!("Renewal and upgrade: {label}")));
            }
            continue;
        }
        for k in [WindowKind::Renewal, WindowKind::Upgrade] {
            if let Some(d) = r.cell(k).at_risk {
                out.push((d, format!("{}: {label}", window_title(sc, k))));
            }
        }
    }
    out.sort_by_key(|(d, _)| *d);
    out
}

fn lapse(u: &Upcoming) -> String {
    super::wording::upcoming_line(u)
}

/// "1 day", "90 days": the horizon is a setting and may be one day.
fn days(n: impl Into<i64>) -> String {
    match n.into() {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

fn heading(o: &Agenda) -> String {
    format!("At risk / lapses within {}", days(o.horizon_days))
}

const NOTHING_TO_DO: &str = "Nothing to do: every row is met.";

fn nothing_lapses(o: &Agenda) -> String {
    format!(
        "Nothing is at risk; nothing expires or leaves a window in {}.",
        days(o.horizon_days)
    )
}

/// The text report's sections after the table (starts with a blank line).
pub fn outlook_text(sc: &Scorecard, o: &Agenda, color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", bold("Next actions"));
    if o.next_actions.is_empty() {
        let _ = writeln!(out, "  {NOTHING_TO_DO}");
    }
    for (i, a) in o.next_actions.iter().enumerate() {
        let _ = writeln!(out, "  {}. {a}", i + 1);
    }
    let _ = writeln!(out, "\n{}", bold(&heading(o)));
    let risky = risky_cells(sc);
    if risky.is_empty() && o.upcoming.is_empty() {
        let _ = writeln!(out, "  {}", nothing_lapses(o));
    }
    for (d, what) in &risky {
        let _ = writeln!(out, "  ⚠ {d}  {what} turns unmet");
    }
    for u in &o.upcoming {
        let _ = writeln!(out, "    {}  {}", u.date, lapse(u));
    }
    out
}

/// The Markdown report's sections after the table (starts with a blank line).
pub fn outlook_markdown(sc: &Scorecard, o: &Agenda) -> String {
    let mut out = String::new();
    out.push_str("\n**Next actions**\n\n");
    if o.next_actions.is_empty() {
        let _ = writeln!(out, "{NOTHING_TO_DO}");
    }
    for (i, a) in o.next_actions.iter().enumerate() {
        let _ = writeln!(out, "{}. {a}", i + 1);
    }
    let _ = write!(out, "\n**{}**\n\n", heading(o));
    let risky = risky_cells(sc);
    if risky.is_empty() && o.upcoming.is_empty() {
        let _ = writeln!(out, "{}", nothing_lapses(o));
    }
    for (d, what) in &risky {
        let _ = writeln!(out, "- ⚠️ {d}: {what} turns unmet");
    }
    for u in &o.upcoming {
        let _ = writeln!(out, "- {}: {}", u.date, lapse(u));
    }
    out
}
