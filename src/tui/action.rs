//! Messages the dashboard understands (the Elm architecture's Msg). Keys map to these.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    /// 1-based tab number.
    GoTab(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// Next entry table on tabs with two (Customer success).
    NextTable,
    OpenDetail,
    /// Close the topmost popup or leave the current mode.
    Back,
    StartFilter,
    ClearFilter,
    AcceptInput,
    CycleSort,
    ReverseSort,
    CycleWindow,
    StartAsOf,
    AsOfToday,
    Help,
    Add,
    Edit,
    Delete,
    Confirm,
    Undo,
    Redo,
    Reload,
    NextField,
    PrevField,
    ChoiceNext,
    ChoicePrev,
    AddCertification,
    AddAccreditation,
    AddPlannedExam,
    EditProfile,
    EditPremier,
    EditBusinessPlan,
    Import,
    /// In an import's bad rows: import the good rows and list the skipped ones.
    SkipBad,
    /// Live ACE sync (Experience tab).
    SyncAce,
    /// Open the list of open merge conflicts.
    OpenConflicts,
    /// In the conflict list: keep our value of the selected conflict.
    TakeOurs,
    /// In the conflict list: keep their value of the selected conflict.
    TakeTheirs,
}

impl Action {
    /// What the action does, for the help popup.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::GoTab(1) => "Overview tab",
            Action::GoTab(2) => "Knowledge tab",
            Action::GoTab(3) => "Experience tab",
            Action::GoTab(4) => "Customer success tab",
            Action::GoTab(5) => "Outlook tab (charts, expiries, changes)",
            Action::GoTab(_) => "go to tab",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::First => "first row",
            Action::Last => "last row",
            Action::NextTable => "switch table (Overview: focus the next panel)",
            Action::OpenDetail => "open detail (Overview: focused panel full screen)",
            Action::Back => "close / back",
            Action::StartFilter => "filter rows",
            Action::ClearFilter => "clear filter (Overview: leave the panel)",
            Action::AcceptInput => "accept",
            Action::CycleSort => "sort by next column",
            Action::ReverseSort => "reverse sort",
            Action::CycleWindow => "show all / renewal / upgrade entries",
            Action::StartAsOf => "set as-of date (time travel)",
            Action::AsOfToday => "as of today",
            Action::Help => "help",
            Action::Add => "add",
            Action::Edit => "edit (on the Overview: the row's threshold)",
            Action::Delete => "delete",
            Action::Confirm => "yes",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Reload => "reload from disk",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::ChoiceNext => "next choice / cursor right",
            Action::ChoicePrev => "previous choice / cursor left",
            Action::AddCertification => "add a certification to this person",
            Action::AddAccreditation => "add an accreditation to this person",
            Action::AddPlannedExam => "plan an exam for this person",
            Action::EditProfile => "edit the profile (tier, dates, edition)",
            Action::EditPremier => "edit the Premier checklist",
            Action::EditBusinessPlan => "edit the business plan",
            Action::Import => "import a CSV file for this tab (preview first)",
            Action::SkipBad => "import the good rows, skipping the bad ones",
            Action::SyncAce => "live sync from ACE (Experience tab; preview first)",
            Action::OpenConflicts => "list the open merge conflicts, to resolve them",
            Action::TakeOurs => "keep ours (this copy's value) for the selected conflict",
            Action::TakeTheirs => "keep theirs (the merged-in value) for the selected conflict",
        }
    }
}
