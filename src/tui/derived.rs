//! What the engine says at the current as-of date, for the dashboard to draw.

use crate::domain::Store;
use crate::report::Agenda;
use crate::scoring::{self, Program, Scorecard, Upcoming};
use chrono::NaiveDate;

/// What the engine says at the current as-of date, recomputed only when the store or the date
/// changes (never on a cursor move).
#[derive(Debug, Clone)]
pub struct Derived {
    pub scorecard: Result<Scorecard, String>,
    pub upcoming: Vec<Upcoming>,
    /// Sentences for the Overview's next actions, most pressing first.
    pub actions: Vec<String>,
    /// Everything the Outlook tab charts and lists: some 30 scorecards, so computed on the first
    /// draw of that tab after a change, not on every edit.
    pub outlook: std::cell::OnceCell<super::outlook::Outlook>,
}

pub fn derive(store: &Store, program: &Program, as_of: NaiveDate) -> Derived {
    let scorecard = scoring::evaluate(store, program, as_of).map_err(|e| e.to_string());
    // The report's agenda, so the Overview and `report` list the same actions and lapses.
    let agenda = Agenda::at(store, program, as_of, scorecard.as_ref().ok());
    Derived {
        scorecard,
        upcoming: agenda.upcoming,
        actions: agenda.next_actions,
        outlook: std::cell::OnceCell::new(),
    }
}
