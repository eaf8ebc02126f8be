//! The dashboard's model and its update function. Drawing lives in `ui/` and never mutates this.

use super::action::Action;
pub use super::derived::{Derived, EngineJob, derive};
use super::edit::Target;
use super::effect::Effect;
use super::form::Form;
use super::history::{History, Touched};
use super::keymap::{KeyChord, Keymap, Mode};
use super::overlay::{Confirm, Overlay};
use super::persist::Persist;
use super::tables::{Ctx, SortKey, TableKind, WindowFilter};
use super::ui::theme::Theme;
use crate::domain::dates::parse_user_date;
use crate::domain::{MetricId, Pillar, Store};
use crate::scoring::{self, Program, Scorecard};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;
use std::cell::{Cell, RefCell};
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Knowledge,
    Experience,
    Customers,
    Outlook,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Knowledge,
        Tab::Experience,
        Tab::Customers,
        Tab::Outlook,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Knowledge => "Knowledge",
            Tab::Experience => "Experience",
            Tab::Customers => "Customer success",
            Tab::Outlook => "Outlook",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn pillar(self) -> Option<Pillar> {
        match self {
            Tab::Overview | Tab::Outlook => None,
            Tab::Knowledge => Some(Pillar::Knowledge),
            Tab::Experience => Some(Pillar::Experience),
            Tab::Customers => Some(Pillar::CustomerSuccess),
        }
    }
}

/// One entry table's view state: which store entries it shows, in which order, and where the
/// cursor is. `rows` holds indices into the store's list.
#[derive(Debug, Clone, Default)]
pub struct TableView {
    pub rows: Vec<usize>,
    pub selected: usize,
    /// First visible row; adjusted while drawing so the selection stays visible.
    pub offset: Cell<usize>,
    pub sort_col: usize,
    pub sort_desc: bool,
    pub filter: String,
    /// Per-row work kept between refreshes; dropped by `App::refresh_all_tables`, and by an
    /// edit to the table's own list.
    cache: RowCache,
}

/// What a table derives from every entry, kept until the store or the as-of date changes, so a
/// filter keystroke or a sort flip costs a pass over the rows, not a rebuild of every row's cells.
#[derive(Debug, Clone, Default)]
struct RowCache {
    /// The as-of date and windows the sort keys and filter text were made at: the cells
    /// depend on the entry, the program, and these.
    made_at: Option<(NaiveDate, scoring::Windows)>,
    /// Every entry (store index) in ascending order of the column it was sorted by.
    sorted: Option<(usize, Vec<usize>)>,
    /// The lower-case filter text of every entry, end to end, so a keystroke scans one buffer;
    /// empty until first filtered.
    hay: String,
    /// Where each entry's text starts in `hay`, by store index, and where the last one ends.
    starts: Vec<usize>,
}

impl RowCache {
    /// Which entries' filter text contains `needle` (lower case), by store index.
    fn matching(&self, needle: &str) -> Vec<bool> {
        let n = self.starts.len().saturating_sub(1);
        let mut hit = vec![false; n];
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let bytes = self.hay.as_bytes();
        let mut pos = 0;
        while let Some(at) = bytes.get(pos..).and_then(|rest| finder.find(rest)) {
            let at = pos + at;
            // The entry the match starts in; a match running into the next entry is no match.
            let row = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            let end = self.starts.get(row + 1).copied().unwrap_or(bytes.len());
            if at + needle.len() <= end {
                if let Some(h) = hit.get_mut(row) {
                    *h = true;
                }
                pos = end;
            } else {
                pos = at + 1;
            }
        }
        hit
    }
}

impl TableView {
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }
}

/// Areas of the last frame that a mouse click can hit.
#[derive(Debug, Clone, Default)]
pub struct HitMap {
    pub tabs: Vec<(Rect, Tab)>,
    /// The rows area of the focused table (below its header) and which table it is.
    pub table: Option<(Rect, TableKind)>,
    pub overview_rows: Option<Rect>,
}

pub struct App {
    pub store: Store,
    pub program: Program,
    pub today: NaiveDate,
    pub as_of: NaiveDate,
    pub derived: Derived,
    pub tab: Tab,
    pub tables: [TableView; 4],
    /// Which table the Customer success tab has focused.
    pub cs_focus: TableKind,
    pub overview_sel: usize,
    /// What sits above the dashboard, topmost last; the top one gets the keys.
    pub overlays: Vec<Overlay>,
    pub window_filter: WindowFilter,
    /// Transient message in the bottom bar.
    pub status: Option<String>,
    /// Lasting warning banner (bad keys.ron, read-only), with why it shows.
    pub warning: Option<super::banner::Banner>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub should_quit: bool,
    /// How the dashboard is ending; a forced end keeps unsaved work in a recovery file.
    pub ending: super::quit_state::Ending,
    pub hits: RefCell<HitMap>,
    /// Visible rows of the focused table at the last draw, for paging.
    pub page_rows: Cell<usize>,
    /// Undo and redo, sharing unchanged entries between steps.
    pub history: History,
    pub persist: Persist,
    /// An action that waits for the save in flight to end (quit, reload).
    pub(crate) waiting: Option<Action>,
    /// Effects asked for by the action being handled; `update` hands them out.
    pub(crate) out: Vec<Effect>,
    /// Live ACE sync: where opportunities come from (issue 13).
    pub sync: super::sync_job::SyncSlot,
    /// The Overview's panels: which has the keys, whether it fills the screen, their scroll.
    pub overview: OverviewView,
    /// Duplicate ids and conflicts about entries that are gone: while any, edits are refused.
    pub id_trouble: Vec<crate::merge::Finding>,
    /// The last engine request's number; answers to earlier ones are dropped.
    engine_gen: u64,
    /// Whether an engine request is unanswered, and if so whether it asked for the Outlook.
    engine_pending: Option<bool>,
}

/// A panel of the Overview that can take the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    Scorecard,
    Actions,
    Lapses,
}

/// The Overview's view state. Scroll offsets are in wrapped lines, clamped while drawing (the
/// drawing knows how many lines there are), hence `Cell`s.
#[derive(Debug, Clone, Default)]
pub struct OverviewView {
    pub focus: Panel,
    /// The focused list fills the Overview (the standup at 80x24 reads it whole).
    pub zoomed: bool,
    pub actions_scroll: Cell<u16>,
    pub lapses_scroll: Cell<u16>,
}

impl OverviewView {
    /// The scroll of the focused list, if a list is focused.
    pub fn scroll(&self) -> Option<&Cell<u16>> {
        match self.focus {
            Panel::Scorecard => None,
            Panel::Actions => Some(&self.actions_scroll),
            Panel::Lapses => Some(&self.lapses_scroll),
        }
    }
}

impl App {
    pub fn new(store: Store, program: Program, today: NaiveDate, as_of: NaiveDate) -> App {
        let derived = derive(&store, &program, as_of);
        let history = History::new(&store);
        let mut app = App {
            store,
            program,
            today,
            as_of,
            derived,
            tab: Tab::Overview,
            tables: Default::default(),
            cs_focus: TableKind::References,
            overview_sel: 0,
            overlays: Vec::new(),
            window_filter: WindowFilter::All,
            status: None,
            warning: None,
            keymap: Keymap::default(),
            theme: Theme::color(),
            should_quit: false,
            ending: Default::default(),
            hits: RefCell::new(HitMap::default()),
            page_rows: Cell::new(10),
            history,
            persist: Persist::default(),
            waiting: None,
            out: Vec::new(),
            sync: Default::default(),
            overview: OverviewView::default(),
            id_trouble: Vec::new(),
            engine_gen: 0,
            engine_pending: None,
        };
        app.check_ids();
        app.refresh_all_tables();
        app
    }

    pub fn mode(&self) -> Mode {
        self.overlays.last().map_or(Mode::Normal, Overlay::mode)
    }

    pub fn top(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// The open form, wherever it sits in the stack.
    pub fn form(&self) -> Option<&Form> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Form { form, .. } => Some(form),
            _ => None,
        })
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Form { form, .. } => Some(form),
            _ => None,
        })
    }

    /// The text the top overlay is typing (filter, as-of date, import path).
    pub fn input(&self) -> Option<&Input> {
        self.top().and_then(Overlay::input)
    }

    /// The confirmation on top, if one is asked.
    pub fn confirming(&self) -> Option<&Confirm> {
        match self.top() {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// Whether an entry's detail is open (under whatever is on top of it).
    pub fn in_detail(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Detail { .. }))
    }

    /// The cursor among the holdings of the person whose detail is open.
    pub fn detail_sel(&self) -> usize {
        self.overlays
            .iter()
            .rev()
            .find_map(|o| match o {
                Overlay::Detail { sel } => Some(*sel),
                _ => None,
            })
            .unwrap_or(0)
    }

    pub(crate) fn set_detail_sel(&mut self, f: impl FnOnce(usize) -> usize) {
        if let Some(Overlay::Detail { sel }) = self
            .overlays
            .iter_mut()
            .rev()
            .find(|o| matches!(o, Overlay::Detail { .. }))
        {
            *sel = f(*sel);
        }
    }

    /// The first key bound to `action` on the dashboard, for hints ("b", "ctrl-r").
    pub fn key(&self, action: Action) -> String {
        self.key_in(Mode::Normal, action)
    }

    /// The first key bound to `action` in `mode`, or "(unbound)".
    pub fn key_in(&self, mode: Mode, action: Action) -> String {
        self.keymap
            .first_key(mode, action)
            .map_or_else(|| "(unbound)".to_string(), |k| k.to_string())
    }

    /// The key line under a person's detail: short enough for the popup at 80 columns; the
    /// hint bar says where `j`/`k` go next (`next certification`).
    pub fn detail_hint(&self) -> String {
        let k = |a: Action| self.key_in(Mode::Detail, a);
        format!(
            "{}/{} move ▸ · {} edit · {} delete · {} +cert · {} +accred · {} +plan",
            k(Action::Down),
            k(Action::Up),
            k(Action::Edit),
            k(Action::Delete),
            k(Action::AddCertification),
            k(Action::AddAccreditation),
            k(Action::AddPlannedExam)
        )
    }

    /// The tab keys of the pillar tabs, for hints: "2-4".
    pub fn pillar_tab_keys(&self) -> String {
        format!(
            "{}-{}",
            self.key(Action::GoTab(2)),
            self.key(Action::GoTab(4))
        )
    }

    /// The Outlook tab's series, once the engine has answered for the current state.
    pub fn outlook(&self) -> Option<&super::outlook::Outlook> {
        self.derived.outlook.as_deref()
    }

    /// Whether the figures shown are for an earlier state (the engine is still counting).
    pub fn recounting(&self) -> bool {
        self.engine_pending.is_some()
    }

    /// Asks the engine, off this thread, for the results of the history's current state: every
    /// change to the store is recorded there first. The figures shown stay until it answers.
    pub(crate) fn request_engine(&mut self) {
        self.engine_gen += 1;
        let outlook = self.tab == Tab::Outlook;
        self.engine_pending = Some(outlook);
        self.out.push(Effect::Engine(EngineJob {
            generation: self.engine_gen,
            state: self.history.current().clone(),
            program: Box::new(self.program.clone()),
            as_of: self.as_of,
            outlook,
        }));
    }

    /// On the Outlook tab, its series are asked for once per state.
    pub(crate) fn want_outlook(&mut self) {
        if self.tab == Tab::Outlook
            && self.derived.outlook.is_none()
            && self.engine_pending != Some(true)
        {
            self.request_engine();
        }
    }

    /// The engine answered request `generation`.
    pub(crate) fn take_engine(&mut self, generation: u64, derived: Derived) {
        if generation == self.engine_gen {
            self.derived = derived;
            self.engine_pending = None;
        }
        self.want_outlook();
    }

    pub fn scorecard(&self) -> Option<&Scorecard> {
        self.derived.scorecard.as_ref().ok()
    }

    /// The entry table the current tab shows, if any.
    pub fn focused_table(&self) -> Option<TableKind> {
        match self.tab {
            // The Outlook's j/k choose the charted row: the Overview's cursor, shared.
            Tab::Overview | Tab::Outlook => None,
            Tab::Knowledge => Some(TableKind::People),
            Tab::Experience => Some(TableKind::Opportunities),
            Tab::Customers => Some(self.cs_focus),
        }
    }

    pub fn table(&self, kind: TableKind) -> &TableView {
        &self.tables[kind.index()]
    }

    pub(crate) fn table_mut(&mut self, kind: TableKind) -> &mut TableView {
        &mut self.tables[kind.index()]
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            store: &self.store,
            program: &self.program,
            as_of: self.as_of,
            windows: scoring::windows(&self.store.profile, self.as_of),
        }
    }

    /// After changing `store` by hand (tests, scripts): takes it as the current state without
    /// an undo step and recomputes everything now, on this thread.
    pub fn recompute(&mut self) {
        self.history.resync(&self.store);
        self.derived = derive(&self.store, &self.program, self.as_of);
        self.engine_gen += 1;
        self.engine_pending = None;
        self.refresh_all_tables();
    }

    /// After an undo, a reload or an as-of change: the engine asked, every table refreshed.
    pub(crate) fn recount(&mut self) {
        self.request_engine();
        self.refresh_all_tables();
    }

    /// After an edit: the engine's results, and the tables whose list `changed` (in `TableKind`
    /// order) from scratch. The other tables keep their sort order and filter text unless the
    /// edit moved the windows; sorting 60,000 opportunities after renaming a person is waste.
    ///
    /// A change that names its one entry (`touched`) moves just that entry in its table's sort
    /// order: re-sorting 25,000 people took 40 ms.
    pub fn recompute_after_edit(&mut self, changed: [bool; 4], touched: Option<Touched>) {
        self.request_engine();
        let made_at = Some((
            self.as_of,
            scoring::windows(&self.store.profile, self.as_of),
        ));
        for k in TableKind::ALL {
            // A list the change left alone, counted at the same date and windows: its rows stand.
            if !changed[k.index()] && self.tables[k.index()].cache.made_at == made_at {
                continue;
            }
            if changed[k.index()] && !self.resort_one(k, touched) {
                self.tables[k.index()].cache = RowCache::default();
            }
            self.refresh_table(k);
        }
    }

    /// Moves the one entry `touched` names (edited in place, added at the end, or deleted) to
    /// its place in `kind`'s cached sort order, comparing it with a handful of others. `false`
    /// when that cannot be done (no cached order, another kind of change): sort afresh.
    fn resort_one(&mut self, kind: TableKind, touched: Option<Touched>) -> bool {
        let Some(t) = touched.filter(|t| t.part == kind.part()) else {
            return false;
        };
        let n = kind.len(&self.store);
        let ctx = Ctx {
            store: &self.store,
            program: &self.program,
            as_of: self.as_of,
            windows: scoring::windows(&self.store.profile, self.as_of),
        };
        let cache = &mut self.tables[kind.index()].cache;
        if cache.made_at != Some((ctx.as_of, ctx.windows)) {
            return false;
        }
        // The cached order must be that of the state before this change (a store replaced
        // by hand, as tests do, leaves an order of some other state).
        let before = self.history.before().map(|b| b.len(t.part));
        let Some((col, mut rows)) = cache
            .sorted
            .take()
            .filter(|(_, rows)| Some(rows.len()) == before)
        else {
            return false;
        };
        let insert = |rows: &mut Vec<usize>, i: usize| {
            let key = (ctx.sort_key(kind, i, col), i);
            let at = rows.partition_point(|&r| (ctx.sort_key(kind, r, col), r) < key);
            rows.insert(at, i);
        };
        let position = |id| (0..n).find(|&i| kind.id_at(ctx.store, i) == Some(id));
        match (t.id, n as isize - rows.len() as isize) {
            // Edited in place: the same index, perhaps a new place.
            (Some(id), 0) => {
                let Some(i) = position(id) else { return false };
                rows.retain(|&r| r != i);
                insert(&mut rows, i);
            }
            // Added: forms append.
            (None, 1) => insert(&mut rows, n - 1),
            // Deleted: the entries after it move up one.
            (Some(id), -1) => {
                let Some(i) = self.history.before().and_then(|b| b.position(t.part, id)) else {
                    return false;
                };
                rows.retain(|&r| r != i);
                for r in &mut rows {
                    if *r > i {
                        *r -= 1;
                    }
                }
            }
            _ => return false,
        }
        // Every test that edits through a form checks the shortcut against a full sort.
        debug_assert_eq!(rows, {
            let mut keyed: Vec<(SortKey, usize)> =
                (0..n).map(|i| (ctx.sort_key(kind, i, col), i)).collect();
            keyed.sort();
            keyed.into_iter().map(|(_, i)| i).collect::<Vec<_>>()
        });
        cache.sorted = Some((col, rows));
        // The entry's filter text changed: rebuilt on the next filter keystroke.
        cache.hay.clear();
        cache.starts.clear();
        true
    }

    /// Refreshes every table from scratch: after an undo, a reload, an as-of or window change.
    pub fn refresh_all_tables(&mut self) {
        for k in TableKind::ALL {
            self.tables[k.index()].cache = RowCache::default();
            self.refresh_table(k);
        }
    }

    /// Filters and sorts one table, keeping the cursor on the same entry where it still shows.
    /// Sort order and filter text come from the table's cache, built on first need.
    pub fn refresh_table(&mut self, kind: TableKind) {
        // Field by field, so the context can borrow the store while the view is changed.
        let ctx = Ctx {
            store: &self.store,
            program: &self.program,
            as_of: self.as_of,
            windows: scoring::windows(&self.store.profile, self.as_of),
        };
        let n = kind.len(&self.store);
        let wf = self.window_filter;
        // Typing a filter: have the filter text ready before the first keystroke.
        let filtering = self.mode() == Mode::Filter;
        let view = &mut self.tables[kind.index()];
        let keep = view.selected_entry();
        let needle = view.filter.trim().to_lowercase();
        let col = view.sort_col;
        let made_at = Some((ctx.as_of, ctx.windows));
        if view.cache.made_at != made_at {
            view.cache = RowCache {
                made_at,
                ..RowCache::default()
            };
        }
        let cache = &mut view.cache;
        // The length check is a guard: every store change also goes through refresh_all_tables.
        let order = match cache.sorted.take() {
            Some((c, rows)) if c == col && rows.len() == n => rows,
            _ => {
                let mut keyed: Vec<(SortKey, usize)> =
                    (0..n).map(|i| (ctx.sort_key(kind, i, col), i)).collect();
                keyed.sort();
                keyed.into_iter().map(|(_, i)| i).collect()
            }
        };
        if (filtering || !needle.is_empty()) && cache.starts.len() != n + 1 {
            cache.hay.clear();
            cache.starts.clear();
            for i in 0..n {
                cache.starts.push(cache.hay.len());
                cache.hay.push_str(&ctx.haystack(kind, i));
            }
            cache.starts.push(cache.hay.len());
        }
        let hit = if needle.is_empty() {
            Vec::new()
        } else {
            cache.matching(&needle)
        };
        let pass = |i: &usize| {
            ctx.passes_window(kind, *i, wf)
                && (needle.is_empty() || hit.get(*i).copied().unwrap_or(false))
        };
        // Descending is the ascending order reversed, ties included, as a full sort gives.
        let rows: Vec<usize> = if view.sort_desc {
            order.iter().rev().copied().filter(pass).collect()
        } else {
            order.iter().copied().filter(pass).collect()
        };
        view.cache.sorted = Some((col, order));
        view.selected = keep
            .and_then(|e| rows.iter().position(|&r| r == e))
            .unwrap_or(0)
            .min(rows.len().saturating_sub(1));
        view.rows = rows;
    }

    /// Entry point for terminal events: whether anything changed (to redraw), and the effects
    /// the event asks for, to be carried out by the caller (the event loop's worker, or
    /// `handle_event` in tests).
    pub fn on_event(&mut self, ev: &Event) -> (bool, Vec<Effect>) {
        let redraw = match ev {
            Event::Key(k) => self.handle_key(k),
            Event::Mouse(m) => self.handle_mouse(m),
            Event::Resize(..) => true,
            Event::Paste(text) if self.mode().takes_text() => {
                if let Some(top) = self.overlays.last_mut() {
                    top.paste(text);
                }
                self.after_input_change();
                true
            }
            _ => false,
        };
        self.want_outlook();
        (redraw, std::mem::take(&mut self.out))
    }

    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        // Windows also reports releases: act on presses (and auto-repeat) only.
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let mode = self.mode();
        let chord = KeyChord::from_event(key);
        if let Some(action) = self.keymap.lookup(mode, chord) {
            // A message answers the last key: the next one (a tab switch included) clears it.
            // Only the user's keys do: a quit or reload that waited for a save keeps its news.
            self.status = None;
            self.dispatch(action);
            return true;
        }
        if mode.takes_text() {
            if let Some(top) = self.overlays.last_mut()
                && top.type_key(key)
            {
                self.after_input_change();
            }
            return true;
        }
        false
    }

    fn after_input_change(&mut self) {
        // Typing an exam: the picker lists the catalogue's candidates.
        if let Some(Overlay::Form { form, .. }) = self.overlays.last_mut() {
            form.refresh_picker(&self.program.catalog, self.today);
        }
        if let Some(Overlay::Filter { input }) = self.top()
            && let Some(kind) = self.focused_table()
        {
            let text = input.value().to_string();
            self.table_mut(kind).filter = text;
            self.refresh_table(kind);
        }
    }

    /// The model's update: changes the model and returns the effects (saves, reads) it asks for.
    /// Does no I/O itself.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.status = None;
        self.dispatch(action);
        self.want_outlook();
        std::mem::take(&mut self.out)
    }

    /// The effects asked for by calls made outside `update` (`commit`, `open_form`, ...).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.out)
    }

    pub(crate) fn dispatch(&mut self, action: Action) {
        let mode = self.mode();
        // The exam picker and an import's bad rows take their keys first; then the Overview's
        // panels (focus, scroll, full screen).
        if self.picker_action(mode, action)
            || self.import_errors_action(mode, action)
            || (self.tab == Tab::Overview && mode == Mode::Normal && self.overview_keys(action))
        {
            return;
        }
        match action {
            // Not an answer to "discard?": quit, keeping the changes in a recovery file.
            Action::Quit if matches!(self.confirming(), Some(Confirm::QuitDiscarding)) => {
                self.force_quit("quit at the unsaved-changes prompt".into())
            }
            Action::Quit => self.request_quit(),
            Action::NextTab => self.tab = Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()],
            Action::PrevTab => {
                self.tab = Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
            }
            Action::GoTab(n) => {
                if let Some(t) = Tab::ALL.get(usize::from(n).saturating_sub(1)) {
                    self.tab = *t;
                }
            }
            Action::Up | Action::Down if mode == Mode::Help => {
                if let Some(Overlay::Help { scroll }) = self.overlays.last_mut() {
                    *scroll = if action == Action::Up {
                        scroll.saturating_sub(1)
                    } else {
                        scroll.saturating_add(1)
                    };
                }
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown if mode == Mode::Sync => {
                self.scroll_sync(action)
            }
            Action::Confirm if mode == Mode::Sync => self.apply_sync(),
            Action::Up | Action::Down if mode == Mode::Detail && self.tab == Tab::Knowledge => {
                let n = self.holdings().len();
                self.set_detail_sel(|sel| {
                    if action == Action::Up {
                        sel.saturating_sub(1)
                    } else {
                        (sel + 1).min(n.saturating_sub(1))
                    }
                });
            }
            Action::Up | Action::Down if mode == Mode::Conflicts => {
                self.move_conflict(action == Action::Down)
            }
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-(self.page_rows.get().max(1) as isize)),
            Action::PageDown => self.move_cursor(self.page_rows.get().max(1) as isize),
            Action::First => self.move_cursor(isize::MIN / 2),
            Action::Last => self.move_cursor(isize::MAX / 2),
            Action::NextTable => {
                if self.tab == Tab::Customers {
                    self.cs_focus = match self.cs_focus {
                        TableKind::References => TableKind::Csat,
                        _ => TableKind::References,
                    };
                }
            }
            Action::OpenDetail => self.open_detail(),
            Action::Back => self.back(),
            Action::StartFilter => {
                if let Some(kind) = self.focused_table() {
                    let input = Input::new(self.table(kind).filter.clone());
                    self.overlays.push(Overlay::Filter { input });
                    self.refresh_table(kind);
                } else {
                    self.status = Some(format!(
                        "Nothing to filter here: open a pillar tab ({})",
                        self.pillar_tab_keys()
                    ));
                }
            }
            Action::ClearFilter => {
                if let Some(kind) = self.focused_table()
                    && !self.table(kind).filter.is_empty()
                {
                    self.table_mut(kind).filter.clear();
                    self.refresh_table(kind);
                    self.status = Some("Filter cleared".into());
                }
            }
            Action::AcceptInput => self.accept_input(),
            Action::CycleSort | Action::ReverseSort => {
                if let Some(kind) = self.focused_table() {
                    let ncols = kind.columns().len();
                    let v = self.table_mut(kind);
                    if action == Action::CycleSort {
                        v.sort_col = (v.sort_col + 1) % ncols;
                        v.sort_desc = false;
                    } else {
                        v.sort_desc = !v.sort_desc;
                    }
                    let (col, desc) = (v.sort_col, v.sort_desc);
                    self.refresh_table(kind);
                    self.status = Some(format!(
                        "Sorted by {} {}",
                        kind.columns().get(col).copied().unwrap_or(""),
                        if desc {
                            "▼ (descending)"
                        } else {
                            "▲ (ascending)"
                        }
                    ));
                }
            }
            Action::CycleWindow => {
                self.window_filter = self.window_filter.next();
                self.refresh_all_tables();
                self.status = Some(format!("Showing {}", self.window_filter.label()));
            }
            Action::StartAsOf => {
                self.status = None;
                let input = Input::new(self.as_of.to_string());
                self.overlays.push(Overlay::AsOf { input, fresh: true });
            }
            Action::AsOfToday => self.set_as_of(self.today),
            Action::Help => self.overlays.push(Overlay::Help { scroll: 0 }),
            Action::Add => self.start_add(),
            Action::Edit => self.start_edit(),
            Action::Delete => self.start_delete(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Reload => self.request_reload(),
            Action::Confirm => self.confirm(),
            Action::AddCertification => self.start_add_holding('c'),
            Action::AddAccreditation => self.start_add_holding('a'),
            Action::AddPlannedExam => self.start_add_holding('p'),
            Action::EditProfile => self.open_form(Target::Profile),
            Action::EditPremier => self.open_form(Target::Premier),
            Action::EditBusinessPlan => self.start_edit_business_plan(),
            Action::Import => self.start_import(),
            // Only an import's bad rows offer it (`import_errors_action`).
            Action::SkipBad => {}
            Action::SyncAce => self.start_sync(),
            Action::OpenConflicts => self.open_conflicts(),
            Action::TakeOurs => self.take_side(crate::merge::Side::Ours),
            Action::TakeTheirs => self.take_side(crate::merge::Side::Theirs),
            Action::NextField if mode == Mode::ImportPath => self.cycle_import_kind(),
            Action::NextField | Action::PrevField => {
                if let Some(Overlay::Form { form, .. }) = self.overlays.last_mut() {
                    form.next_field(action == Action::NextField);
                }
            }
            Action::ChoiceNext | Action::ChoicePrev => {
                if let Some(Overlay::Form { form, .. }) = self.overlays.last_mut() {
                    form.left_right(action == Action::ChoiceNext);
                }
            }
        }
    }

    /// Closes the top overlay, and with it everything it held.
    fn back(&mut self) {
        match self.overlays.pop() {
            Some(Overlay::Form { .. }) => {
                self.status = Some("Cancelled: nothing changed".into());
            }
            Some(Overlay::Confirm(_)) => self.status = Some("Kept: nothing changed".into()),
            Some(Overlay::Sync(_)) => {
                self.status = Some("ACE sync discarded: nothing changed".into())
            }
            Some(Overlay::Filter { .. }) => {
                // Esc while typing a filter clears it.
                if let Some(kind) = self.focused_table() {
                    self.table_mut(kind).filter.clear();
                    self.refresh_table(kind);
                }
            }
            _ => {}
        }
    }

    fn accept_input(&mut self) {
        match self.top() {
            Some(Overlay::Filter { .. }) => {
                self.overlays.pop();
            }
            Some(Overlay::Form { .. }) => self.save_form(),
            Some(Overlay::ImportPath { .. }) => self.preview_import(),
            Some(Overlay::AsOf { input, .. }) => match parse_user_date(input.value(), self.today) {
                Ok(d) => {
                    self.overlays.pop();
                    self.set_as_of(d);
                }
                // Keep the overlay and the typing so the user can fix it.
                Err(e) => self.status = Some(e.to_string()),
            },
            _ => {}
        }
    }

    pub fn set_as_of(&mut self, d: NaiveDate) {
        self.as_of = d;
        self.recount();
        self.status = Some(if d == self.today {
            format!("As of today, {d}")
        } else {
            format!(
                "Time travel: as of {d} ({} returns to today)",
                self.key(Action::AsOfToday)
            )
        });
    }

    fn open_detail(&mut self) {
        match self.focused_table() {
            None => {
                // Overview: jump to the pillar tab of the selected row.
                if let Some(m) = MetricId::ALL.get(self.overview_sel) {
                    self.tab = match m.pillar() {
                        Pillar::Knowledge => Tab::Knowledge,
                        Pillar::Experience => Tab::Experience,
                        Pillar::CustomerSuccess => Tab::Customers,
                    };
                }
            }
            Some(kind) => {
                if self.table(kind).selected_entry().is_some() {
                    self.overlays.push(Overlay::Detail { sel: 0 });
                }
            }
        }
    }

    /// The Overview's panel keys: switch-table focuses the next panel, the cursor keys scroll
    /// a focused list, open-detail shows it full screen and clear-filter steps back. Whether
    /// the action was used here.
    fn overview_keys(&mut self, action: Action) -> bool {
        let o = &mut self.overview;
        match action {
            Action::NextTable => {
                o.focus = match o.focus {
                    Panel::Scorecard => Panel::Actions,
                    Panel::Actions => Panel::Lapses,
                    Panel::Lapses => Panel::Scorecard,
                };
                o.zoomed &= o.focus != Panel::Scorecard;
                true
            }
            Action::ClearFilter if o.zoomed => {
                o.zoomed = false;
                true
            }
            Action::ClearFilter if o.focus != Panel::Scorecard => {
                o.focus = Panel::Scorecard;
                true
            }
            Action::OpenDetail if o.focus != Panel::Scorecard => {
                o.zoomed = !o.zoomed;
                true
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                let page = self.page_rows.get().max(1) as isize;
                let Some(scroll) = o.scroll() else {
                    return false;
                };
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -page,
                    Action::PageDown => page,
                    Action::First => isize::from(i16::MIN),
                    _ => isize::from(i16::MAX),
                };
                // Past the end is clamped at the next draw, which knows the lines.
                scroll.set(step(
                    usize::from(scroll.get()),
                    delta,
                    usize::from(i16::MAX as u16),
                ) as u16);
                true
            }
            _ => false,
        }
    }

    fn move_cursor(&mut self, delta: isize) {
        match self.focused_table() {
            None => {
                let max = MetricId::ALL.len() - 1;
                self.overview_sel = step(self.overview_sel, delta, max);
            }
            Some(kind) => {
                let v = self.table_mut(kind);
                let max = v.rows.len().saturating_sub(1);
                v.selected = step(v.selected, delta, max);
            }
        }
    }
}

fn step(cur: usize, delta: isize, max: usize) -> usize {
    let next = cur as isize + delta;
    next.clamp(0, max as isize) as usize
}
