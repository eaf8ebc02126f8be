//! Form state and validation: labelled fields, one focused, each parsed on save. A bad field keeps
//! the form open with every character the user typed.
//!
//! Fields are named by `FieldId` and built from a typed `Key<T>`: a key's field parses to a `T`,
//! so `Values::get` hands back that type and reading a date field as text does not compile.
//! Refusals name their field by id.

use super::paste::paste_into;
use crate::domain::dates::{DateError, parse_user_date};
use crate::domain::{AccreditationKind, Catalog, ExamLookupError, Money, ParseError, Stage, Tier};
use chrono::{Datelike, NaiveDate};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::marker::PhantomData;
use tui_input::backend::crossterm::EventHandler;
use tui_input::{Input, InputRequest};

/// Every field of every form, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Name,
    Email,
    Linked,
    LeftOn,
    Exam,
    Earned,
    Expires,
    AccreditationKind,
    TargetDate,
    Customer,
    AceId,
    Title,
    Stage,
    Mrr,
    LaunchDate,
    PublicReference,
    Objectives,
    ValidatedOn,
    ValidatedBy,
    Url,
    Approved,
    Date,
    Rating,
    Consent,
    Comment,
    Partner,
    Tier,
    TargetTier,
    Edition,
    LastReview,
    Renewal,
    UpgradedOn,
    Competencies,
    BusinessReview,
    SustainedSince,
    Value,
}

/// A field id and the type its value parses to.
#[derive(Debug)]
pub struct Key<T> {
    pub id: FieldId,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Key<T> {}

impl<T> Key<T> {
    pub const fn new(id: FieldId) -> Key<T> {
        Key {
            id,
            ty: PhantomData,
        }
    }
}

/// A check that failed, on the field it names.
pub type Refusal = (FieldId, String);

/// A closed list of options a choice field offers, in order.
pub trait Pick: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn label(self) -> &'static str;
}

impl Pick for Tier {
    fn all() -> &'static [Self] {
        &Tier::ALL
    }
    fn label(self) -> &'static str {
        Tier::label(self)
    }
}

impl Pick for Stage {
    fn all() -> &'static [Self] {
        &Stage::ALL
    }
    fn label(self) -> &'static str {
        Stage::label(self)
    }
}

impl Pick for AccreditationKind {
    fn all() -> &'static [Self] {
        &AccreditationKind::ALL
    }
    fn label(self) -> &'static str {
        AccreditationKind::label(self)
    }
}

/// How a parsed `Value` becomes the type of its key.
pub trait FromValue: Sized {
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl FromValue for Option<NaiveDate> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
}

/// A required date: blank is refused by the field itself, before this.
impl FromValue for NaiveDate {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Date(d) => *d,
            _ => None,
        }
    }
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl FromValue for Money {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Money(m) => Some(*m),
            _ => None,
        }
    }
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// The index of the option chosen (options built at run time, e.g. editions).
impl FromValue for usize {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Choice(i) => Some(*i),
            _ => None,
        }
    }
}

/// The option of a closed list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picked<E>(pub E);

impl<E: Pick> FromValue for Picked<E> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Choice(i) => E::all().get(*i).copied().map(Picked),
            _ => None,
        }
    }
}

/// The parsed values of a form, by field.
#[derive(Debug, Clone, PartialEq)]
pub struct Values(Vec<(FieldId, Value)>);

impl Values {
    /// The value of `key`'s field. A key of another form is a bug, refused on that field
    /// rather than read as a blank.
    pub fn get<T: FromValue>(&self, key: Key<T>) -> Result<T, Refusal> {
        self.0
            .iter()
            .find(|(id, _)| *id == key.id)
            .and_then(|(_, v)| T::from_value(v))
            .ok_or((key.id, format!("{:?} has no value of this kind", key.id)))
    }

    /// A closed-list choice.
    pub fn pick<E: Pick>(&self, key: Key<Picked<E>>) -> Result<E, Refusal> {
        self.get(key).map(|p| p.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    /// A date; `optional` allows blank.
    Date {
        optional: bool,
    },
    Money,
    /// One of the options; ←/→ cycle, typing picks by prefix.
    Choice(Vec<String>),
    YesNo,
    /// An exam code or name from the catalogue.
    Exam,
    Number {
        min: i64,
        max: i64,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: FieldId,
    pub label: &'static str,
    pub kind: FieldKind,
    pub input: Input,
    pub required: bool,
    pub error: Option<String>,
    /// The value shown was there before the user typed in this field (a default, the stored
    /// value): the first typed character replaces it, as a selected field does in any form.
    pub fresh: bool,
    /// A choice field: what was typed since it took focus, expanded to the choice it starts.
    typed: String,
    /// An exam field: the catalogue's candidates for what was typed, while choosing.
    pub picker: Option<Picker>,
}

/// One exam the picker offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    /// Its last day, if it is retired.
    pub retired: Option<NaiveDate>,
    /// Whether it could be taken on the form's date (earned, or the planned exam's target).
    pub current: bool,
}

/// The exam picker of a field: candidates best first, and the one chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub candidates: Vec<Candidate>,
    pub sel: usize,
}

/// Types `key` into a one-line input whose value may still be `fresh` (not typed by the user):
/// a printable character replaces a fresh value; cursor moves and editing keys keep it.
/// Returns whether anything changed.
pub fn type_key(input: &mut Input, fresh: &mut bool, key: &KeyEvent) -> bool {
    let was_fresh = std::mem::replace(fresh, false);
    if was_fresh && printable(key) {
        *input = Input::default();
    }
    input.handle_event(&Event::Key(*key)).is_some() || was_fresh
}

/// Pastes into a one-line input; a fresh value is replaced.
pub fn paste_fresh(input: &mut Input, fresh: &mut bool, text: &str) {
    if std::mem::replace(fresh, false) && text.chars().any(|c| !c.is_control()) {
        *input = Input::default();
    }
    paste_into(input, text);
}

/// A key that types a character (not a shortcut).
fn printable(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// A parsed field value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(Option<NaiveDate>),
    Money(Money),
    Choice(usize),
    Bool(bool),
    Number(i64),
}

impl Field {
    /// An untyped field; forms build theirs with the typed constructors below.
    pub fn new(
        id: FieldId,
        label: &'static str,
        kind: FieldKind,
        initial: impl Into<String>,
    ) -> Field {
        Field {
            id,
            label,
            kind,
            input: Input::new(initial.into()),
            required: false,
            error: None,
            fresh: false,
            typed: String::new(),
            picker: None,
        }
    }

    /// The field takes focus: a value already there is selected, to be replaced by typing.
    fn focus_in(&mut self) {
        self.fresh = !self.text().is_empty();
        self.typed.clear();
        self.picker = None;
    }

    fn focus_out(&mut self) {
        self.fresh = false;
        self.typed.clear();
        self.picker = None;
    }

    /// A key typed into the field. Choice fields expand what was typed to the choice it starts
    /// (`la` shows `Launched`); other fields edit their text. Returns whether anything changed.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        self.error = None;
        if self.is_choice() {
            match key.code {
                KeyCode::Char(c) if printable(key) => {
                    self.fresh = false;
                    self.typed.push(c);
                    self.expand_typed();
                    return true;
                }
                KeyCode::Backspace if !self.typed.is_empty() => {
                    self.typed.pop();
                    if !self.typed.is_empty() {
                        self.expand_typed();
                    }
                    return true;
                }
                _ => self.typed.clear(),
            }
        }
        type_key(&mut self.input, &mut self.fresh, key)
    }

    /// Shows the choice that what was typed starts (else the one it is part of, else the typing
    /// itself, which saving then refuses with the list of choices).
    fn expand_typed(&mut self) {
        let t = self.typed.to_lowercase();
        let opts = self.options();
        let hit = opts
            .iter()
            .find(|o| o.to_lowercase().starts_with(&t))
            .or_else(|| {
                let mut within = opts.iter().filter(|o| o.to_lowercase().contains(&t));
                match (within.next(), within.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            })
            .cloned();
        self.input = Input::new(hit.unwrap_or_else(|| self.typed.clone()));
    }

    pub fn paste(&mut self, text: &str) {
        self.error = None;
        self.typed.clear();
        paste_fresh(&mut self.input, &mut self.fresh, text);
    }

    pub fn text_field(key: Key<String>, label: &'static str, initial: impl Into<String>) -> Field {
        Field::new(key.id, label, FieldKind::Text, initial)
    }

    /// An exam code or name from the catalogue; required.
    pub fn exam(key: Key<String>, label: &'static str, initial: impl Into<String>) -> Field {
        Field::new(key.id, label, FieldKind::Exam, initial).required()
    }

    /// A date that may be blank.
    pub fn date(
        key: Key<Option<NaiveDate>>,
        label: &'static str,
        initial: Option<NaiveDate>,
    ) -> Field {
        let shown = initial.map(|d| d.to_string()).unwrap_or_default();
        Field::new(key.id, label, FieldKind::Date { optional: true }, shown)
    }

    /// A date that must be given; `None` starts it blank.
    pub fn required_date(
        key: Key<NaiveDate>,
        label: &'static str,
        initial: Option<NaiveDate>,
    ) -> Field {
        let shown = initial.map(|d| d.to_string()).unwrap_or_default();
        Field::new(key.id, label, FieldKind::Date { optional: false }, shown).required()
    }

    pub fn yes_no(key: Key<bool>, label: &'static str, initial: bool) -> Field {
        Field::new(
            key.id,
            label,
            FieldKind::YesNo,
            if initial { "yes" } else { "no" },
        )
    }

    /// An amount; `None` (a new entry) starts at "0".
    pub fn money(key: Key<Money>, label: &'static str, initial: Option<Money>) -> Field {
        let shown = initial.map_or_else(|| "0".to_string(), Money::plain);
        Field::new(key.id, label, FieldKind::Money, shown)
    }

    pub fn number(key: Key<i64>, label: &'static str, range: (i64, i64), initial: i64) -> Field {
        let kind = FieldKind::Number {
            min: range.0,
            max: range.1,
        };
        Field::new(key.id, label, kind, initial.to_string()).required()
    }

    /// One of a closed list (tiers, stages, ...).
    pub fn pick<E: Pick>(key: Key<Picked<E>>, label: &'static str, initial: E) -> Field {
        let options = E::all().iter().map(|e| e.label().to_string()).collect();
        Field::new(key.id, label, FieldKind::Choice(options), initial.label())
    }

    /// One of options known at run time; the value is the index chosen.
    pub fn choice(
        key: Key<usize>,
        label: &'static str,
        options: Vec<String>,
        initial: impl Into<String>,
    ) -> Field {
        Field::new(key.id, label, FieldKind::Choice(options), initial)
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn text(&self) -> &str {
        self.input.value()
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice(_) | FieldKind::YesNo)
    }

    fn options(&self) -> Vec<String> {
        match &self.kind {
            FieldKind::Choice(o) => o.clone(),
            FieldKind::YesNo => vec!["yes".into(), "no".into()],
            _ => Vec::new(),
        }
    }

    /// Moves a choice field to the next (or previous) option.
    pub fn cycle(&mut self, forward: bool) {
        let opts = self.options();
        if opts.is_empty() {
            return;
        }
        let cur = opts
            .iter()
            .position(|o| o.eq_ignore_ascii_case(self.text().trim()))
            .or_else(|| self.choice_match())
            .unwrap_or(0);
        let n = opts.len();
        let next = if forward {
            (cur + 1) % n
        } else {
            (cur + n - 1) % n
        };
        self.input = Input::new(opts[next].clone());
        self.typed.clear();
        self.fresh = false;
    }

    /// The option the typed text selects: exact, else the unique one it starts, else contains.
    fn choice_match(&self) -> Option<usize> {
        let t = self.text().trim().to_lowercase();
        let opts = self.options();
        if t.is_empty() {
            return None;
        }
        if let Some(i) = opts.iter().position(|o| o.to_lowercase() == t) {
            return Some(i);
        }
        let starts: Vec<usize> = (0..opts.len())
            .filter(|&i| opts[i].to_lowercase().starts_with(&t))
            .collect();
        if starts.len() == 1 {
            return starts.first().copied();
        }
        let contains: Vec<usize> = (0..opts.len())
            .filter(|&i| opts[i].to_lowercase().contains(&t))
            .collect();
        (contains.len() == 1).then(|| contains[0])
    }

    /// Parses the field. `today` resolves `today`, `+30d` and the like.
    pub fn parse(&self, today: NaiveDate, catalog: &Catalog) -> Result<Value, FieldError> {
        self.parse_on(today, catalog, None)
    }

    /// Parses the field; an exam name resolves to the version that could be taken on `on` (the
    /// form's earned or target date), as the CSV import resolves it.
    pub fn parse_on(
        &self,
        today: NaiveDate,
        catalog: &Catalog,
        on: Option<NaiveDate>,
    ) -> Result<Value, FieldError> {
        let t = self.text().trim();
        if t.is_empty() && self.required {
            return Err(FieldError::Required(self.label));
        }
        match &self.kind {
            FieldKind::Text => {
                if t.chars().any(char::is_control) {
                    return Err(FieldError::ControlCharacters);
                }
                Ok(Value::Text(t.to_string()))
            }
            FieldKind::Date { .. } if t.is_empty() => Ok(Value::Date(None)),
            FieldKind::Date { .. } => {
                let d = parse_user_date(t, today)?;
                // Year 0 and the far future are typing slips, not dates anyone means.
                if (1900..=2200).contains(&d.year()) {
                    Ok(Value::Date(Some(d)))
                } else {
                    Err(FieldError::DateOutOfRange(d))
                }
            }
            FieldKind::Money if t.is_empty() => Ok(Value::Money(Money::ZERO)),
            FieldKind::Money => {
                let m: Money = t.parse()?;
                if m < Money::ZERO {
                    return Err(FieldError::NegativeMoney);
                }
                Ok(Value::Money(m))
            }
            FieldKind::Choice(opts) => {
                self.choice_match()
                    .map(Value::Choice)
                    .ok_or_else(|| FieldError::NoChoice {
                        options: opts.clone(),
                    })
            }
            FieldKind::YesNo => match t.to_lowercase().as_str() {
                "y" | "yes" | "true" | "1" => Ok(Value::Bool(true)),
                "n" | "no" | "false" | "0" => Ok(Value::Bool(false)),
                _ => Err(FieldError::NotYesNo),
            },
            FieldKind::Exam => catalog
                .resolve(t, on)
                .map(|e| Value::Text(e.code.clone()))
                .map_err(FieldError::Exam),
            FieldKind::Number { min, max } => {
                let n: i64 = t
                    .parse()
                    .map_err(|_| FieldError::NotANumber(t.to_string()))?;
                if n < *min || n > *max {
                    return Err(FieldError::OutOfBounds {
                        min: *min,
                        max: *max,
                    });
                }
                Ok(Value::Number(n))
            }
        }
    }
}

/// Why a field's text is not a value of its kind. The messages are what the form shows under
/// the field; errors from the domain's parsers are kept whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// A required field is blank; holds the field's label.
    #[error("{0} is required")]
    Required(&'static str),
    #[error("control characters are not allowed")]
    ControlCharacters,
    #[error(transparent)]
    Date(#[from] DateError),
    /// A real date, but one nobody means (year 0, the far future).
    #[error("{0} is out of range (1900-2200)")]
    DateOutOfRange(NaiveDate),
    #[error(transparent)]
    Money(#[from] ParseError),
    #[error("an amount cannot be negative")]
    NegativeMoney,
    #[error("choose one of: {}", options.join(", "))]
    NoChoice { options: Vec<String> },
    #[error("answer yes or no")]
    NotYesNo,
    /// The exam text names no single exam; an unknown one also says what to type.
    #[error("{}", exam_message(.0))]
    Exam(ExamLookupError),
    #[error("'{0}' is not a whole number")]
    NotANumber(String),
    #[error("must be between {min} and {max}")]
    OutOfBounds { min: i64, max: i64 },
}

fn exam_message(e: &ExamLookupError) -> String {
    match e {
        ExamLookupError::Unknown(_) => {
            format!("{e} (type a code such as SAA-C03, or words of its name)")
        }
        other => other.to_string(),
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        let mut form = Form {
            title: title.into(),
            fields,
            focus: 0,
        };
        if let Some(f) = form.fields.first_mut() {
            f.focus_in();
        }
        form
    }

    pub fn focused_ref(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Moves the focus to field `i`.
    fn focus_on(&mut self, i: usize) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.focus_out();
        }
        self.focus = i;
        if let Some(f) = self.fields.get_mut(i) {
            f.focus_in();
        }
    }

    /// The day exam names resolve for: the form's earned (or target) date if it reads as one.
    pub fn exam_day(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.fields
            .iter()
            .find(|f| matches!(f.id, FieldId::Earned | FieldId::TargetDate))
            .and_then(|f| parse_user_date(f.text().trim(), today).ok())
    }

    /// After typing in an exam field: list the catalogue's candidates (best first, the version
    /// current on the form's date first). A code typed in full needs no picking.
    pub fn refresh_picker(&mut self, catalog: &Catalog, today: NaiveDate) {
        let on = self.exam_day(today).or(Some(today));
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        if f.kind != FieldKind::Exam {
            return;
        }
        let found = catalog.candidates(f.text(), on);
        f.picker = match found.first() {
            None => None,
            Some(m) if m.exact_code => None,
            Some(_) => Some(Picker {
                candidates: found
                    .iter()
                    .map(|m| Candidate {
                        code: m.exam.code.clone(),
                        name: m.exam.name.clone(),
                        level: m.exam.level.label(),
                        retired: m.exam.retired,
                        current: m.current,
                    })
                    .collect(),
                sel: 0,
            }),
        };
    }

    /// Whether the focused field is offering exams to choose from.
    pub fn picker_open(&self) -> bool {
        self.focused_ref()
            .and_then(|f| f.picker.as_ref())
            .is_some_and(|p| !p.candidates.is_empty())
    }

    /// ↓/↑ among the candidates.
    pub fn picker_move(&mut self, down: bool) {
        if let Some(p) = self.focused().and_then(|f| f.picker.as_mut()) {
            let last = p.candidates.len().saturating_sub(1);
            p.sel = if down {
                (p.sel + 1).min(last)
            } else {
                p.sel.saturating_sub(1)
            };
        }
    }

    /// Takes the chosen candidate into the field (its code). Returns whether one was taken.
    pub fn accept_pick(&mut self) -> bool {
        let Some(f) = self.focused() else {
            return false;
        };
        let Some(code) = f
            .picker
            .take()
            .and_then(|p| p.candidates.get(p.sel).map(|c| c.code.clone()))
        else {
            return false;
        };
        f.input = Input::new(code);
        f.error = None;
        f.fresh = false;
        true
    }

    /// Closes the candidate list, keeping what was typed.
    pub fn close_picker(&mut self) {
        if let Some(f) = self.focused() {
            f.picker = None;
        }
    }

    /// A key typed into the focused field.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        self.focused().is_some_and(|f| f.type_key(key))
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.focused() {
            f.paste(text);
        }
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        let next = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.focus_on(next);
    }

    /// ←/→: cycle a choice, else move the text cursor.
    pub fn left_right(&mut self, forward: bool) {
        if let Some(f) = self.focused() {
            if f.is_choice() {
                f.cycle(forward);
            } else {
                f.fresh = false;
                f.input.handle(if forward {
                    InputRequest::GoToNextChar
                } else {
                    InputRequest::GoToPrevChar
                });
            }
        }
    }

    /// Parses every field; on any error, sets the messages, focuses the first bad field, and
    /// returns None. The typed text is never touched.
    /// An exam being chosen is taken first, so enter on a candidate saves that exam.
    pub fn validate(&mut self, today: NaiveDate, catalog: &Catalog) -> Option<Values> {
        self.accept_pick();
        let on = self.exam_day(today);
        let mut values = Vec::new();
        let mut first_bad = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            match f.parse_on(today, catalog, on) {
                Ok(v) => {
                    f.error = None;
                    values.push((f.id, v));
                }
                Err(e) => {
                    f.error = Some(tidy_error(e.to_string(), f.input.value().trim()));
                    first_bad.get_or_insert(i);
                }
            }
        }
        match first_bad {
            Some(i) => {
                // The typing stays, and stays the user's: no first keystroke wipes it.
                self.focus_on(i);
                self.fields.iter_mut().for_each(Field::focus_out);
                None
            }
            None => Some(Values(values)),
        }
    }

    /// Marks one field bad after a cross-field or store check (duplicate email, ...). An id
    /// this form lacks falls back to the focused field: the message must never get lost.
    pub fn fail(&mut self, id: FieldId, msg: impl Into<String>) {
        let i = self
            .fields
            .iter()
            .position(|f| f.id == id)
            .unwrap_or(self.focus);
        if let Some(f) = self.fields.get_mut(i) {
            let typed = f.input.value().trim().to_string();
            f.error = Some(tidy_error(msg.into(), &typed));
            self.focus = i;
            self.fields.iter_mut().for_each(Field::focus_out);
        }
    }
}

/// Error messages quote what was typed; a pasted 100 KB value would fill the screen and hide the
/// message. Quote long input by its start, and cap the message (it sits on one line).
fn tidy_error(msg: String, typed: &str) -> String {
    const QUOTE: usize = 40;
    const MAX: usize = 200;
    let msg = if typed.chars().count() > QUOTE && msg.contains(typed) {
        let short: String = typed.chars().take(QUOTE).collect();
        msg.replace(typed, &format!("{short}…"))
    } else {
        msg
    };
    if msg.chars().count() > MAX {
        let mut short: String = msg.chars().take(MAX).collect();
        short.push('…');
        short
    } else {
        msg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_input_is_quoted_by_its_start_in_errors() {
        let typed = "x".repeat(100_000);
        let e = tidy_error(format!("'{typed}' is not a date"), &typed);
        assert_eq!(e, format!("'{}…' is not a date", "x".repeat(40)));
        let short = tidy_error("'abc' is not a date".into(), "abc");
        assert_eq!(short, "'abc' is not a date");
        let capped = tidy_error("y".repeat(500), "");
        assert_eq!(capped.chars().count(), 201);
    }

    #[test]
    fn a_failure_finds_its_field_by_id_and_an_unknown_id_still_shows() {
        let mut f = Form::new(
            "t",
            vec![
                Field::new(FieldId::Tier, "Tier", FieldKind::Text, ""),
                Field::new(
                    FieldId::Value,
                    "Value (blank = edition's)",
                    FieldKind::Text,
                    "x",
                ),
            ],
        );
        f.fail(FieldId::Value, "'x' is not a whole number");
        assert_eq!(f.focus, 1);
        assert_eq!(
            f.fields[1].error.as_deref(),
            Some("'x' is not a whole number")
        );
        f.fail(FieldId::Email, "still shown");
        assert_eq!(f.fields[1].error.as_deref(), Some("still shown"));
    }

    fn today() -> NaiveDate {
        "2026-11-26".parse().expect("date")
    }

    fn cat() -> Catalog {
        crate::assets::catalog().expect("catalog")
    }

    fn parse(kind: FieldKind, s: &str) -> Result<Value, FieldError> {
        Field::new(FieldId::Name, "X", kind, s).parse(today(), &cat())
    }

    #[test]
    fn dates_accept_iso_today_and_offsets() {
        let k = || FieldKind::Date { optional: true };
        assert_eq!(
            parse(k(), "2026-01-15"),
            Ok(Value::Date("2026-01-15".parse().ok()))
        );
        assert_eq!(parse(k(), "today"), Ok(Value::Date(Some(today()))));
        assert_eq!(
            parse(k(), "+30d"),
            Ok(Value::Date("2026-12-26".parse().ok()))
        );
        assert_eq!(
            parse(k(), "-2w"),
            Ok(Value::Date("2026-11-12".parse().ok()))
        );
        assert_eq!(parse(k(), ""), Ok(Value::Date(None)));
        assert!(parse(k(), "2026-02-30").is_err());
        assert!(parse(k(), "0000-01-01").is_err());
        assert!(parse(k(), "tomorrow-ish").is_err());
    }

    #[test]
    fn money_accepts_the_usual_forms_and_refuses_negative() {
        assert_eq!(
            parse(FieldKind::Money, "12500"),
            Ok(Value::Money(Money(1_250_000)))
        );
        assert_eq!(
            parse(FieldKind::Money, "12,500"),
            Ok(Value::Money(Money(1_250_000)))
        );
        assert_eq!(
            parse(FieldKind::Money, "12500.50"),
            Ok(Value::Money(Money(1_250_050)))
        );
        assert_eq!(parse(FieldKind::Money, ""), Ok(Value::Money(Money(0))));
        assert_eq!(parse(FieldKind::Money, "0"), Ok(Value::Money(Money(0))));
        assert!(parse(FieldKind::Money, "-5").is_err());
        assert!(parse(FieldKind::Money, "lots").is_err());
    }

    #[test]
    fn required_text_and_control_characters() {
        let f = Field::new(FieldId::Name, "Name", FieldKind::Text, "   ").required();
        assert_eq!(f.parse(today(), &cat()), Err(FieldError::Required("Name")));
        assert_eq!(
            f.parse(today(), &cat()).map_err(|e| e.to_string()),
            Err("Name is required".into())
        );
        assert!(parse(FieldKind::Text, "a\u{7}b").is_err());
        assert_eq!(
            parse(FieldKind::Text, "Zoë 李 שלום 🚀"),
            Ok(Value::Text("Zoë 李 שלום 🚀".into()))
        );
    }

    #[test]
    fn choices_cycle_and_accept_typing() {
        let opts = vec![
            "Prospect".to_string(),
            "Qualified".into(),
            "Launched".into(),
        ];
        let mut f = Field::new(
            FieldId::Stage,
            "Stage",
            FieldKind::Choice(opts.clone()),
            "Prospect",
        );
        f.cycle(true);
        assert_eq!(f.text(), "Qualified");
        f.cycle(false);
        f.cycle(false);
        assert_eq!(f.text(), "Launched");
        assert_eq!(
            parse(FieldKind::Choice(opts.clone()), "lau"),
            Ok(Value::Choice(2))
        );
        assert!(parse(FieldKind::Choice(opts), "zzz").is_err());
        assert_eq!(parse(FieldKind::YesNo, "y"), Ok(Value::Bool(true)));
        assert!(parse(FieldKind::YesNo, "maybe").is_err());
    }

    #[test]
    fn exams_complete_from_the_catalogue() {
        assert_eq!(
            parse(FieldKind::Exam, "saa-c03"),
            Ok(Value::Text("SAA-C03".into()))
        );
        // Words resolve as in the CSV import; a vague start names the exams it could be.
        assert_eq!(
            parse(FieldKind::Exam, "SAP-C0").map_err(|e| e.to_string()),
            Err(
                "exam 'SAP-C0' could be PAS-C01 or SAP-C02: write more of the name, or the code"
                    .into()
            )
        );
        assert_eq!(
            parse(FieldKind::Exam, "solutions architect associate"),
            Ok(Value::Text("SAA-C03".into()))
        );
        assert_eq!(
            parse(FieldKind::Exam, "XYZ-C01").map_err(|e| e.to_string()),
            Err(
                "unknown exam 'XYZ-C01' (type a code such as SAA-C03, or words of its name)".into()
            )
        );
        assert_eq!(
            parse(FieldKind::Exam, "AIP"),
            Ok(Value::Text("AIP-C01".into()))
        );
        assert!(parse(FieldKind::Exam, "XYZ-C01").is_err());
    }

    #[test]
    fn values_come_back_typed_by_key() {
        const NAME: Key<String> = Key::new(FieldId::Name);
        const LEFT: Key<Option<NaiveDate>> = Key::new(FieldId::LeftOn);
        const STAGE: Key<Picked<Stage>> = Key::new(FieldId::Stage);
        const EMAIL: Key<String> = Key::new(FieldId::Email);
        let mut form = Form::new(
            "t",
            vec![
                Field::text_field(NAME, "Name", "Ada"),
                Field::date(LEFT, "Left on", None),
                Field::pick(STAGE, "Stage", Stage::Qualified),
            ],
        );
        form.fields[2].cycle(true);
        let v = form.validate(today(), &cat()).expect("valid");
        assert_eq!(v.get(NAME), Ok("Ada".to_string()));
        assert_eq!(v.get(LEFT), Ok(None));
        assert_eq!(v.pick(STAGE), Ok(Stage::ALL[2]));
        // A key of another form is refused on its field, not read as a blank.
        assert_eq!(v.get(EMAIL).map_err(|e| e.0), Err(FieldId::Email));
    }

    /// The form shows each refusal as it always read; the variant says which refusal it is.
    #[test]
    fn field_errors_keep_their_cause_and_their_words() {
        let date = || FieldKind::Date { optional: true };
        let cases = [
            (
                parse(date(), "0000-01-01"),
                "0000-01-01 is out of range (1900-2200)",
            ),
            (
                parse(date(), "soon"),
                "'soon' is not a date (use YYYY-MM-DD, today, +30d, -2w, +3m)",
            ),
            (
                parse(FieldKind::Money, "lots"),
                "'lots' is not an amount (use 12500, 12,500 or 12500.50)",
            ),
            (
                parse(FieldKind::Money, "-5"),
                "an amount cannot be negative",
            ),
            (
                parse(FieldKind::Text, "a\u{7}b"),
                "control characters are not allowed",
            ),
            (parse(FieldKind::YesNo, "maybe"), "answer yes or no"),
            (
                parse(FieldKind::Choice(vec!["A".into(), "B".into()]), "zzz"),
                "choose one of: A, B",
            ),
            (
                parse(FieldKind::Number { min: 1, max: 5 }, "x"),
                "'x' is not a whole number",
            ),
            (
                parse(FieldKind::Number { min: 1, max: 5 }, "9"),
                "must be between 1 and 5",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got.map_err(|e| e.to_string()), Err(want.to_string()));
        }
        assert!(matches!(
            parse(date(), "0000-01-01"),
            Err(FieldError::DateOutOfRange(_))
        ));
        assert_eq!(
            parse(date(), "soon"),
            Err(FieldError::Date(DateError::NotADate("soon".into())))
        );
        assert_eq!(
            parse(FieldKind::Money, "lots"),
            Err(FieldError::Money(ParseError::NotAnAmount("lots".into())))
        );
        assert_eq!(
            parse(FieldKind::Money, "-5"),
            Err(FieldError::NegativeMoney)
        );
        assert!(matches!(
            parse(FieldKind::Exam, "XYZ-C01"),
            Err(FieldError::Exam(ExamLookupError::Unknown(_)))
        ));
    }

    #[test]
    fn numbers_have_bounds() {
        let k = || FieldKind::Number { min: 1, max: 5 };
        assert_eq!(parse(k(), "5"), Ok(Value::Number(5)));
        assert!(parse(k(), "9").is_err());
        assert!(parse(k(), "0").is_err());
        assert!(parse(k(), "x").is_err());
    }

    #[test]
    fn a_bad_field_keeps_every_typed_character() {
        let mut form = Form::new(
            "t",
            vec![
                Field::new(FieldId::Name, "Name", FieldKind::Text, "Ada").required(),
                Field::new(
                    FieldId::LeftOn,
                    "Left",
                    FieldKind::Date { optional: true },
                    "2026-13-01",
                ),
            ],
        );
        assert!(form.validate(today(), &cat()).is_none());
        assert_eq!(form.focus, 1);
        assert_eq!(form.fields[0].text(), "Ada");
        assert_eq!(form.fields[1].text(), "2026-13-01");
        assert!(form.fields[1].error.is_some());
    }
}
