//! Text <-> `Store`: the RON layout, schema versions and migration, and readable parse errors.

use super::StoreError;
use crate::domain::{
    BusinessPlan, CURRENT_VERSION, CsatResponse, Opportunity, Person, PremierChecklist, Profile,
    Reference, Store, ThresholdOverride,
};
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::path::Path;

/// The first line of every written store. RON treats it as a comment, so parsing accepts it.
pub const HEADER: &str = "// apn-scorecard store. Edit with care; keep in git.";

/// Only the version, read first so the rest is parsed with the layout of that version. Named
/// `Store` so ron's messages (e.g. a missing field) speak of the store, not of this helper.
#[derive(Deserialize)]
#[serde(rename = "Store")]
struct Probe {
    version: u32,
}

/// Version 1: one optional business plan instead of the list of validations.
#[derive(Deserialize)]
#[serde(rename = "Store")]
struct StoreV1 {
    profile: Profile,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    opportunities: Vec<Opportunity>,
    #[serde(default)]
    business_plan: Option<BusinessPlan>,
    #[serde(default)]
    references: Vec<Reference>,
    #[serde(default)]
    csat: Vec<CsatResponse>,
    #[serde(default)]
    premier: PremierChecklist,
    #[serde(default)]
    threshold_overrides: Vec<ThresholdOverride>,
}

impl From<StoreV1> for Store {
    fn from(v1: StoreV1) -> Store {
        Store {
            version: CURRENT_VERSION,
            profile: v1.profile,
            people: v1.people,
            opportunities: v1.opportunities,
            business_plans: v1.business_plan.into_iter().collect(),
            references: v1.references,
            csat: v1.csat,
            premier: v1.premier,
            threshold_overrides: v1.threshold_overrides,
            conflicts: Vec::new(),
            ace_sync: None,
        }
    }
}

/// Parses store text; `path` is only used in error messages. Older versions are migrated to
/// `CURRENT_VERSION` in memory (the file is rewritten in the new layout on the next save).
pub fn parse(text: &str, path: &Path) -> Result<Store, StoreError> {
    // A byte-order mark from a Windows editor is not RON; it carries no meaning, so skip it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Fast path, one parse instead of two: most files are current. Anything else (an older or
    // newer version, an error) takes the careful path below, whose messages stay the same.
    if let Ok(store) = ron::from_str::<Store>(text)
        && store.version == CURRENT_VERSION
    {
        return Ok(store);
    }
    let probe: Probe = from_str(text, path)?;
    match probe.version {
        0 => Err(StoreError::BadVersion {
            path: path.to_path_buf(),
            version: 0,
        }),
        1 => from_str::<StoreV1>(text, path).map(Store::from),
        // Version 2 has the layout of 3 less `conflicts` (defaulted). Its small `max + 1` ids are
        // kept as they are, so two clones migrated apart still agree on every id; duplicates
        // are reported by `validate` and repaired by `validate --fix`, never renumbered silently.
        2 => from_str::<Store>(text, path).map(|mut s| {
            s.version = CURRENT_VERSION;
            s
        }),
        CURRENT_VERSION => from_str(text, path),
        v => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            version: v,
        }),
    }
}

fn from_str<T: for<'de> Deserialize<'de>>(text: &str, path: &Path) -> Result<T, StoreError> {
    ron::from_str(text).map_err(|e| {
        // ron's positions are 1-based, columns in characters.
        let (line, col) = point_at_value(text, e.span.start.line, e.span.start.col);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message: explain(e.code.to_string()),
        }
    })
}

/// ron's span start sits on the whitespace before a value for some type errors and one past the
/// opening quote for values rejected by their own parser (dates, money). Move it onto the first
/// character of the value, so the column is the one a user looks at.
fn point_at_value(text: &str, line: usize, col: usize) -> (usize, usize) {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else {
        return (line, col);
    };
    let chars: Vec<char> = l.chars().collect();
    let mut i = col.saturating_sub(1);
    if i >= chars.len() {
        return (line, col);
    }
    while i + 1 < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
        i += 1;
    }
    if i > 0 && chars[i - 1] == '"' && chars[i] != '"' && (i < 2 || chars[i - 2] != '\\') {
        i -= 1;
    }
    (line, i + 1)
}

/// chrono's date errors do not say what a date looks like; add it.
fn explain(message: String) -> String {
    if crate::domain::dates::is_chrono_parse_message(&message) {
        format!("invalid date: {message} (write dates as \"YYYY-MM-DD\", e.g. \"2025-04-01\")")
    } else {
        message
    }
}

/// The file's bytes as text, or a parse error at the first byte that is not UTF-8.
pub(super) fn decode_utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, StoreError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by definition; fall back to an empty prefix defensively.
        let good = std::str::from_utf8(good).unwrap_or("");
        let line = 1 + good.matches('\n').count();
        let col = 1 + good.rsplit('\n').next().map_or(0, |l| l.chars().count());
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message: "not valid UTF-8 text (save the file as UTF-8)".into(),
        }
    })
}

/// The store as pretty RON: header comment, `\n` newlines on every platform, 4-space indent,
/// no struct names, one field per line so diffs stay small; ends with a newline. Every list is
/// written sorted by id, so entries added on two branches land apart and git merges them.
pub fn to_ron(store: &Store) -> Result<String, StoreError> {
    let sorted;
    let store = if is_sorted_by_id(store) {
        store
    } else {
        let mut s = store.clone();
        s.sort_by_id();
        sorted = s;
        &sorted
    };
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(true)
        .enumerate_arrays(false);
    let body = ron::ser::to_string_pretty(store, config).map_err(|e| StoreError::Serialize {
        message: e.to_string(),
    })?;
    let mut out = String::with_capacity(HEADER.len() + body.len() + 2);
    out.push_str(HEADER);
    out.push('\n');
    out.push_str(&body);
    out.push('\n');
    Ok(out)
}

/// Whether every list is already in id order (the common case: then no copy is needed).
fn is_sorted_by_id(s: &Store) -> bool {
    fn sorted<T>(v: &[T], id: impl Fn(&T) -> u64) -> bool {
        v.windows(2).all(|w| id(&w[0]) <= id(&w[1]))
    }
    sorted(&s.people, |p| p.id)
        && s.people.iter().all(|p| {
            sorted(&p.certifications, |c| c.id)
                && sorted(&p.accreditations, |a| a.id)
                && sorted(&p.planned_exams, |e| e.id)
        })
        && sorted(&s.opportunities, |o| o.id)
        && sorted(&s.business_plans, |b| b.id)
        && sorted(&s.references, |r| r.id)
        && sorted(&s.csat, |c| c.id)
        && sorted(&s.premier.competencies, |c| c.id)
}
