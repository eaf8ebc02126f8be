//! Form state and validation: labelled fields, one focused, each parsed on save. A bad field keeps
//! the form open with every character the user typed.

use crate::domain::dates::parse_user_date;
use crate::domain::{Catalog, Money};
use chrono::NaiveDate;
use tui_input::{Input, InputRequest};

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
    pub label: &'static str,
    pub kind: FieldKind,
    pub input: Input,
    pub required: bool,
    pub error: Option<String>,
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
    pub fn new(label: &'static str, kind: FieldKind, initial: impl Into<String>) -> Field {
        Field {
            label,
            kind,
            input: Input::new(initial.into()),
            required: false,
            error: None,
        }
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
    pub fn parse(&self, today: NaiveDate, catalog: &Catalog) -> Result<Value, String> {
        let t = self.text().trim();
        if t.is_empty() && self.required {
            return Err(format!("{} is required", self.label));
        }
        match &self.kind {
            FieldKind::Text => {
                if t.chars().any(char::is_control) {
                    return Err("control characters are not allowed".into());
                }
                Ok(Value::Text(t.to_string()))
            }
            FieldKind::Date { .. } if t.is_empty() => Ok(Value::Date(None)),
            FieldKind::Date { .. } => parse_user_date(t, today)
                .map_err(|e| e.to_string())
                .and_then(|d| {
                    // Year 0 and the far future are typing slips, not dates anyone means.
                    if d.format("%Y")
                        .to_string()
                        .parse::<i32>()
                        .is_ok_and(|y| (1900..=2200).contains(&y))
                    {
                        Ok(d)
                    } else {
                        Err(format!("{d} is out of range (1900-2200)"))
                    }
                })
                .map(|d| Value::Date(Some(d))),
            FieldKind::Money if t.is_empty() => Ok(Value::Money(Money::ZERO)),
            FieldKind::Money => {
                let m: Money = t.parse()?;
                if m < Money::ZERO {
                    return Err("an amount cannot be negative".into());
                }
                Ok(Value::Money(m))
            }
            FieldKind::Choice(opts) => self
                .choice_match()
                .map(Value::Choice)
                .ok_or_else(|| format!("choose one of: {}", opts.join(", "))),
            FieldKind::YesNo => match t.to_lowercase().as_str() {
                "y" | "yes" | "true" | "1" => Ok(Value::Bool(true)),
                "n" | "no" | "false" | "0" => Ok(Value::Bool(false)),
                _ => Err("answer yes or no".into()),
            },
            FieldKind::Exam => catalog
                .find(t)
                .map(|e| Value::Text(e.code.clone()))
                .or_else(|| {
                    // A unique completion counts as the exam.
                    let c = catalog.complete(t);
                    (c.len() == 1).then(|| Value::Text(c[0].code.clone()))
                })
                .ok_or_else(|| format!("unknown exam '{t}' (type a code such as SAA-C03)")),
            FieldKind::Number { min, max } => {
                let n: i64 = t
                    .parse()
                    .map_err(|_| format!("'{t}' is not a whole number"))?;
                if n < *min || n > *max {
                    return Err(format!("must be between {min} and {max}"));
                }
                Ok(Value::Number(n))
            }
        }
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
        Form {
            title: title.into(),
            fields,
            focus: 0,
        }
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// ←/→: cycle a choice, else move the text cursor.
    pub fn left_right(&mut self, forward: bool) {
        if let Some(f) = self.focused() {
            if f.is_choice() {
                f.cycle(forward);
            } else {
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
    pub fn validate(&mut self, today: NaiveDate, catalog: &Catalog) -> Option<Vec<Value>> {
        let mut values = Vec::new();
        let mut first_bad = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            match f.parse(today, catalog) {
                Ok(v) => {
                    f.error = None;
                    values.push(v);
                }
                Err(e) => {
                    f.error = Some(tidy_error(e, f.input.value().trim()));
                    first_bad.get_or_insert(i);
                }
            }
        }
        match first_bad {
            Some(i) => {
                self.focus = i;
                None
            }
            None => Some(values),
        }
    }

    /// Marks one field bad after a cross-field or store check (duplicate email, ...).
    /// A label that matches no field (e.g. "Value" for "Value (blank = edition's)") falls back to
    /// the field it starts, then to the focused one: the message must never get lost.
    pub fn fail(&mut self, label: &str, msg: impl Into<String>) {
        let i = self
            .fields
            .iter()
            .position(|f| f.label == label)
            .or_else(|| self.fields.iter().position(|f| f.label.starts_with(label)))
            .unwrap_or(self.focus);
        if let Some(f) = self.fields.get_mut(i) {
            let typed = f.input.value().trim().to_string();
            f.error = Some(tidy_error(msg.into(), &typed));
            self.focus = i;
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
    fn a_failure_on_a_label_that_is_only_a_prefix_still_shows() {
        let mut f = Form::new(
            "t",
            vec![
                Field::new("Tier", FieldKind::Text, ""),
                Field::new("Value (blank = edition's)", FieldKind::Text, "x"),
            ],
        );
        f.fail("Value", "'x' is not a whole number");
        assert_eq!(f.focus, 1);
        assert_eq!(
            f.fields[1].error.as_deref(),
            Some("'x' is not a whole number")
        );
        f.fail("Nonexistent", "still shown");
        assert_eq!(f.fields[1].error.as_deref(), Some("still shown"));
    }

    fn today() -> NaiveDate {
        "2026-11-26".parse().expect("date")
    }

    fn cat() -> Catalog {
        crate::assets::catalog().expect("catalog")
    }

    fn parse(kind: FieldKind, s: &str) -> Result<Value, String> {
        Field::new("X", kind, s).parse(today(), &cat())
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
        let f = Field::new("Name", FieldKind::Text, "   ").required();
        assert_eq!(f.parse(today(), &cat()), Err("Name is required".into()));
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
        let mut f = Field::new("Stage", FieldKind::Choice(opts.clone()), "Prospect");
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
        assert_eq!(
            parse(FieldKind::Exam, "SAP-C0"),
            Err("unknown exam 'SAP-C0' (type a code such as SAA-C03)".into())
        );
        assert_eq!(
            parse(FieldKind::Exam, "AIP"),
            Ok(Value::Text("AIP-C01".into()))
        );
        assert!(parse(FieldKind::Exam, "XYZ-C01").is_err());
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
                Field::new("Name", FieldKind::Text, "Ada").required(),
                Field::new("Left", FieldKind::Date { optional: true }, "2026-13-01"),
            ],
        );
        assert!(form.validate(today(), &cat()).is_none());
        assert_eq!(form.focus, 1);
        assert_eq!(form.fields[0].text(), "Ada");
        assert_eq!(form.fields[1].text(), "2026-13-01");
        assert!(form.fields[1].error.is_some());
    }
}
