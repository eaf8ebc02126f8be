//! What the engine says at the current as-of date, for the dashboard to draw. Computed off the
//! input thread (`Effect::Engine`): at 25,000 people and 60,000 opportunities the scorecard and
//! its agenda take over 100 ms and the Outlook's series seconds, which no keystroke should wait
//! for. Until the answer arrives the dashboard shows the figures it has.

use super::history::Shared;
use super::outlook::{Outlook, outlook};
use crate::domain::Store;
use crate::report::Agenda;
use crate::scoring::{self, Program, ScoreError, Scorecard, Upcoming};
use chrono::NaiveDate;
use std::sync::Arc;

/// What the engine says at one as-of date about one state of the store.
#[derive(Debug, Clone)]
pub struct Derived {
    pub scorecard: Result<Scorecard, ScoreError>,
    pub upcoming: Vec<Upcoming>,
    /// Sentences for the Overview's next actions, most pressing first.
    pub actions: Vec<String>,
    /// Everything the Outlook tab charts and lists: some 30 scorecards, so computed only while
    /// that tab is shown (`None` until then).
    pub outlook: Option<Arc<Outlook>>,
}

pub fn derive(store: &Store, program: &Program, as_of: NaiveDate) -> Derived {
    let scorecard = scoring::evaluate(store, program, as_of);
    // The report's agenda, so the Overview and `report` list the same actions and lapses.
    let agenda = Agenda::at(store, program, as_of, scorecard.as_ref().ok());
    Derived {
        scorecard,
        upcoming: agenda.upcoming,
        actions: agenda.next_actions,
        outlook: None,
    }
}

/// What `Effect::Engine` asks for: the engine's results for `state`, numbered so that an answer
/// overtaken by a later change is dropped.
#[derive(Debug)]
pub struct EngineJob {
    pub generation: u64,
    pub state: Shared,
    pub program: Box<Program>,
    pub as_of: NaiveDate,
    /// Whether the Outlook tab is shown, so its series are wanted too.
    pub outlook: bool,
}

impl EngineJob {
    /// Runs the engine (on the engine thread, or inline in tests).
    pub fn run(self) -> (u64, Derived) {
        let store = self.state.to_store();
        let mut d = derive(&store, &self.program, self.as_of);
        if self.outlook {
            d.outlook = Some(Arc::new(outlook(&store, &self.program, self.as_of)));
        }
        (self.generation, d)
    }
}
