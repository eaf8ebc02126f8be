//! The dashboard's side of a store shared in git (issue 10). A store with duplicate ids or
//! conflicts about entries that are gone opens read-only, with a banner naming them. Open merge
//! conflicts get a banner and a list where one key keeps our value and one keeps theirs; each
//! choice is `merge::resolve` (the same as `apn-scorecard resolve`), recorded as an undoable
//! change and saved like any edit.

use super::action::Action;
use super::app::App;
use super::history::{Part, Touched};
use super::keymap::Mode;
use super::overlay::Overlay;
use crate::domain::Conflict;
use crate::merge::{self, Finding, FindingKind, Side};
use serde_json::Value;

/// One conflict as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    /// What kind of entry: "person", "certification", "profile", ...
    pub kind: String,
    /// The entry's name ("Ada L"), or empty when the conflict has none.
    pub entry: String,
    /// The field, or "whole entry" when one side deleted the entry and the other edited it.
    pub field: String,
    pub ours: String,
    pub theirs: String,
    /// Where in the file, as `validate` prints it.
    pub place: String,
}

impl ConflictView {
    pub fn of(c: &Conflict) -> ConflictView {
        let (kind, field) = place_parts(&c.place);
        let whole = field.is_empty();
        ConflictView {
            kind,
            entry: c.entry.clone(),
            field: if whole { "whole entry".into() } else { field },
            ours: readable(&c.ours, whole),
            theirs: readable(&c.theirs, whole),
            place: c.place.clone(),
        }
    }

    /// "person Ada L" or "profile".
    pub fn what(&self) -> String {
        if self.entry.is_empty() {
            self.kind.clone()
        } else {
            format!("{} {}", self.kind, self.entry)
        }
    }
}

/// The entry kind and field of a place such as `people[id=5].certifications[id=7].exam`
/// ("certification", "exam"); the field is empty when the place is a whole entry.
fn place_parts(place: &str) -> (String, String) {
    let segs: Vec<&str> = place.split('.').collect();
    match segs.iter().rposition(|s| s.contains("[id=")) {
        Some(i) => {
            let list = segs[i].split('[').next().unwrap_or("");
            (singular(list), words(&segs[i + 1..].join(".")))
        }
        None => {
            let (first, rest) = segs.split_first().map_or(("", &[][..]), |(f, r)| (*f, r));
            (words(first), words(&rest.join(".")))
        }
    }
}

fn words(s: &str) -> String {
    s.replace('_', " ")
}

fn singular(list: &str) -> String {
    match list {
        "people" => "person",
        "certifications" => "certification",
        "accreditations" => "accreditation",
        "planned_exams" => "planned exam",
        "opportunities" => "opportunity",
        "business_plans" => "business plan",
        "references" => "reference",
        "csat" => "CSAT response",
        "competencies" => "competency",
        other => return words(other),
    }
    .to_string()
}

/// The fields that name an entry, as the merge labels entries.
const LABELS: [&str; 5] = ["name", "customer", "exam", "kind", "objectives"];

/// A conflict's value as text: plain words, not JSON. `whole` says the value is an entry, where
/// nothing means the side deleted it; for a field, nothing means the field was cleared.
pub fn readable(v: &Value, whole: bool) -> String {
    match v {
        Value::Null if whole => "(deleted)".into(),
        Value::Null => "(empty)".into(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items
            .iter()
            .map(|x| readable(x, false))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(m) => {
            // The entry's name first, then its other fields; ids and stamps say nothing to people.
            let named = |k: &str| LABELS.contains(&k);
            let first = m.iter().filter(|(k, _)| named(k));
            let rest = m.iter().filter(|(k, _)| !named(k));
            let parts: Vec<String> = first
                .chain(rest)
                .filter(|(k, _)| !matches!(k.as_str(), "id" | "added" | "changed"))
                .filter_map(|(k, x)| match x {
                    Value::Null => None,
                    Value::String(s) if s.is_empty() => None,
                    Value::Array(a) if a.is_empty() => None,
                    Value::Array(a) if a.iter().all(Value::is_object) => {
                        let noun = words(k);
                        let noun = if a.len() == 1 {
                            noun.trim_end_matches('s')
                        } else {
                            &noun
                        };
                        Some(format!("{} {noun}", a.len()))
                    }
                    _ => Some(format!("{} {}", words(k), readable(x, false))),
                })
                .collect();
            parts.join(" · ")
        }
    }
}

/// One id problem in words: "2 people share id 5: Ana, Bo".
pub fn finding_sentence(f: &Finding) -> String {
    match f.kind {
        FindingKind::DuplicateId => {
            let noun = match f.list {
                "holdings" => "certifications/accreditations/planned exams",
                "business_plans" => "business plans",
                "csat" => "CSAT responses",
                "premier.competencies" => "Premier competencies",
                other => other,
            };
            format!(
                "{} {noun} share id {}: {}",
                f.names.len(),
                f.id,
                f.names.join(", ")
            )
        }
        FindingKind::DanglingConflict => format!(
            "conflict {} is about {}, which is not in the store",
            f.id,
            f.names.join(", ")
        ),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl App {
    /// Looks for duplicate ids and conflicts about entries that are gone: on load, after a
    /// reload and after a resolution. Any makes the dashboard read-only.
    pub fn check_ids(&mut self) {
        self.id_trouble = merge::findings(&self.store);
    }

    /// The first id problem and how many more, in words.
    fn id_problems(&self) -> Option<String> {
        let first = self.id_trouble.first()?;
        let more = match self.id_trouble.len() {
            1 => String::new(),
            n => format!(" (and {} more)", plural(n - 1, "problem", "problems")),
        };
        Some(format!("{}{more}", finding_sentence(first)))
    }

    /// Why an edit is refused while the store has id trouble.
    pub fn id_refusal(&self) -> Option<String> {
        Some(format!(
            "Read-only: {}. `apn-scorecard validate --fix` repairs it; then {} reloads",
            self.id_problems()?,
            self.key(Action::Reload)
        ))
    }

    /// The shared store's banner, its remedy first so a narrow terminal still shows it: the id
    /// trouble that makes the dashboard read-only, else the open merge conflicts.
    pub fn team_banner(&self) -> Option<String> {
        let open = self.store.conflicts.len();
        if let Some(problems) = self.id_problems() {
            let conflicts = if open > 0 {
                format!(
                    " · {}",
                    plural(open, "open merge conflict", "open merge conflicts")
                )
            } else {
                String::new()
            };
            return Some(format!(
                "`apn-scorecard validate --fix` repairs, {} reloads · read-only: {problems}{conflicts}",
                self.key(Action::Reload)
            ));
        }
        (open > 0).then(|| {
            format!(
                "{} resolve · {} from a merge: the file keeps both values until you pick one",
                self.key(Action::OpenConflicts),
                plural(open, "open conflict", "open conflicts")
            )
        })
    }

    /// The cursor in the conflict list, within the conflicts there are now (an undo under the
    /// list can change how many).
    pub fn conflict_sel(&self) -> usize {
        let sel = self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Conflicts { sel } => Some(*sel),
            _ => None,
        });
        sel.unwrap_or(0)
            .min(self.store.conflicts.len().saturating_sub(1))
    }

    fn set_conflict_sel(&mut self, to: usize) {
        for o in self.overlays.iter_mut().rev() {
            if let Overlay::Conflicts { sel } = o {
                *sel = to;
                return;
            }
        }
    }

    /// `M`: the list of open conflicts. Viewing it is allowed even when edits are not.
    pub fn open_conflicts(&mut self) {
        if self.store.conflicts.is_empty() {
            self.status = Some("No open merge conflicts".into());
            return;
        }
        self.status = None;
        self.overlays.push(Overlay::Conflicts { sel: 0 });
    }

    pub(crate) fn move_conflict(&mut self, down: bool) {
        let sel = self.conflict_sel();
        let last = self.store.conflicts.len().saturating_sub(1);
        self.set_conflict_sel(if down {
            (sel + 1).min(last)
        } else {
            sel.saturating_sub(1)
        });
    }

    /// `o` / `t` in the list: keep one side of the selected conflict, as one undoable change.
    pub fn take_side(&mut self, side: Side) {
        if !self.can_edit() {
            return;
        }
        let i = self.conflict_sel();
        let Some(view) = self.store.conflicts.get(i).map(ConflictView::of) else {
            self.status = Some("No open merge conflicts".into());
            return;
        };
        // What the resolution touches, so its undo step and table need not look at the rest.
        // Anything else (threshold overrides, tier history: whole lists) compares everything.
        let touched = match merge::place_root(&view.place) {
            Some((list, Some(id))) => part_of(list).map(|part| Touched { part, id: Some(id) }),
            Some(("profile" | "premier", None)) => Some(Touched {
                part: Part::Rest,
                id: None,
            }),
            _ => None,
        };
        // `resolve` leaves the store as it was when it refuses.
        if let Err(e) = merge::resolve(&mut self.store, i, side) {
            self.status = Some(format!("Not resolved: {e}"));
            return;
        }
        self.check_ids();
        let left = self.store.conflicts.len();
        if left == 0 {
            self.overlays
                .retain(|o| !matches!(o, Overlay::Conflicts { .. }));
        } else {
            self.set_conflict_sel(i.min(left - 1));
        }
        let (which, value) = match side {
            Side::Ours => ("ours", &view.ours),
            Side::Theirs => ("theirs", &view.theirs),
        };
        let left = if left == 0 {
            "no conflicts left".to_string()
        } else {
            format!("{} left", plural(left, "conflict", "conflicts"))
        };
        self.commit_touched(
            format!(
                "Kept {which} for {} · {}: {value} ({left})",
                view.what(),
                view.field
            ),
            touched,
        );
    }

    /// The keys of the conflict list, for its own hint line.
    pub fn conflicts_hint(&self) -> String {
        let k = |a: Action| self.key_in(Mode::Conflicts, a);
        format!(
            "{} keep ours · {} keep theirs · {}/{} move · {} undo · {} close",
            k(Action::TakeOurs),
            k(Action::TakeTheirs),
            k(Action::Down),
            k(Action::Up),
            k(Action::Undo),
            k(Action::Back)
        )
    }
}

/// The part of the store a top-level list of a conflict's place is.
fn part_of(list: &str) -> Option<Part> {
    Some(match list {
        "people" => Part::People,
        "opportunities" => Part::Opportunities,
        "business_plans" => Part::BusinessPlans,
        "references" => Part::References,
        "csat" => Part::Csat,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn places_read_as_entry_kind_and_field() {
        assert_eq!(
            place_parts("people[id=5].certifications[id=7].exam"),
            ("certification".into(), "exam".into())
        );
        assert_eq!(
            place_parts("opportunities[id=9]"),
            ("opportunity".into(), String::new())
        );
        assert_eq!(
            place_parts("profile.settings.horizon_days"),
            ("profile".into(), "settings.horizon days".into())
        );
    }

    #[test]
    fn values_read_as_words() {
        assert_eq!(readable(&Value::Null, true), "(deleted)");
        assert_eq!(readable(&Value::Null, false), "(empty)");
        assert_eq!(readable(&json!(true), false), "yes");
        assert_eq!(readable(&json!("Ada"), false), "Ada");
        let person = json!({"id": 5, "name": "Ada", "email": "", "linked": false,
            "certifications": [{"id": 1}, {"id": 2}], "accreditations": [{"id": 3}],
            "added": "2026-01-01"});
        assert_eq!(
            readable(&person, true),
            "name Ada · 1 accreditation · 2 certifications · linked no"
        );
    }
}
