//! Hostile input never panics the loader: random bytes and mutations of the demo store (cut
//! short, bytes flipped, huge numbers, deep nesting, invalid UTF-8) either load or fail with an
//! error naming `path:line:col`. Whatever loads also survives validation and scoring.
//! The dashboard's side (keys, pastes, resizes, form fields) is in tests/hostile_tui.rs.

use apn_scorecard::assets::DEMO_RON;
use apn_scorecard::scoring::{self, Program};
use apn_scorecard::store::{self, StoreError};
use proptest::prelude::*;
use std::path::Path;

fn program() -> Program {
    Program::embedded().expect("embedded program")
}

/// Loads `bytes` from a real file (so invalid UTF-8 takes the same path as for a user) and checks
/// the outcome is either a store or an error a user can act on.
fn load_bytes(dir: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = dir.join("scorecard.ron");
    std::fs::write(&path, bytes).expect("write case");
    match store::load(&path) {
        Ok(s) => {
            // A store that parses must also be safe to validate and score at any date.
            let p = program();
            let _ = store::check(&s, &p);
            for as_of in ["2026-11-26", "1970-01-01", "2200-12-31"] {
                let as_of = as_of.parse().expect("date");
                let _ = scoring::evaluate(&s, &p, as_of);
            }
        }
        Err(e) => check_error(&e, &path, bytes)?,
    }
    Ok(())
}

/// Parse errors point into the text: `path:line:col: message` with line and column inside it.
fn check_error(e: &StoreError, path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let shown = e.to_string();
    let prefix = format!("{}:", path.display());
    prop_assert!(shown.starts_with(&prefix), "no path in {shown:?}");
    match e {
        StoreError::Parse {
            line, col, message, ..
        } => {
            prop_assert!(
                shown.starts_with(&format!("{}:{line}:{col}: ", path.display())),
                "{shown:?}"
            );
            prop_assert!(!message.is_empty());
            let lines = bytes.split(|b| *b == b'\n').count();
            prop_assert!(
                *line >= 1 && *line <= lines + 1,
                "line {line} of {lines}: {shown}"
            );
            prop_assert!(*col >= 1, "{shown}");
        }
        // A flipped version digit: a clear message about the version, also with the path.
        StoreError::TooNew { .. } | StoreError::BadVersion { .. } => {}
        other => prop_assert!(false, "unexpected error kind: {other:?}"),
    }
    Ok(())
}

fn demo() -> &'static [u8] {
    DEMO_RON.as_bytes()
}

/// One way to damage the demo store.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize),
    Flip(Vec<(usize, u8)>),
    HugeNumber(usize, &'static str),
    Nest(usize, &'static str, usize),
    BadUtf8(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = demo().len();
    prop_oneof![
        (0..=n).prop_map(Mutation::Cut),
        prop::collection::vec((0..n, any::<u8>()), 1..8).prop_map(Mutation::Flip),
        (
            0..n,
            prop::sample::select(vec![
                "99999999999999999999",
                "-99999999999999999999",
                "18446744073709551616",
                "1e400",
                "-0",
                "\"99999999999999999999\"",
                "\"-99999999999999999999.99\"",
                "\"+262143-12-31\"",
            ])
        )
            .prop_map(|(at, s)| Mutation::HugeNumber(at, s)),
        (
            0..=n,
            prop::sample::select(vec!["[", "(", "{", "Some(", "[(", "{\"a\":"]),
            prop::sample::select(vec![200usize, 1_000, 10_000]),
        )
            .prop_map(|(at, open, depth)| Mutation::Nest(at, open, depth)),
        (
            0..=n,
            prop::sample::select(vec![
                vec![0xff],
                vec![0xc3],
                vec![0xe2, 0x82],
                vec![0xed, 0xa0, 0x80],
                vec![0xf4, 0x90, 0x80, 0x80],
                vec![0x80, 0x80],
            ])
        )
            .prop_map(|(at, b)| Mutation::BadUtf8(at, b)),
    ]
}

fn apply(m: &Mutation) -> Vec<u8> {
    apply_to(demo().to_vec(), m)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let dir = tempfile::tempdir().expect("tempdir");
        load_bytes(dir.path(), &bytes)?;
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        let dir = tempfile::tempdir().expect("tempdir");
        load_bytes(dir.path(), text.as_bytes())?;
    }

    #[test]
    fn mutated_demo_store_loads_or_points_at_the_damage(m in mutation()) {
        let dir = tempfile::tempdir().expect("tempdir");
        load_bytes(dir.path(), &apply(&m))?;
    }

    #[test]
    fn several_mutations_at_once(ms in prop::collection::vec(mutation(), 2..5)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut bytes = demo().to_vec();
        for m in &ms {
            // Re-apply on the damaged text: positions past its end are clamped.
            let at_most = |i: usize| i.min(bytes.len().saturating_sub(1));
            let m = match m.clone() {
                Mutation::Cut(i) => Mutation::Cut(i.min(bytes.len())),
                Mutation::Flip(f) => {
                    Mutation::Flip(f.into_iter().map(|(i, v)| (at_most(i), v)).collect())
                }
                Mutation::HugeNumber(i, s) => Mutation::HugeNumber(i.min(bytes.len()), s),
                Mutation::Nest(i, o, d) => Mutation::Nest(i.min(bytes.len()), o, d),
                Mutation::BadUtf8(i, b) => Mutation::BadUtf8(i.min(bytes.len()), b),
            };
            if bytes.is_empty() && matches!(m, Mutation::Flip(_)) {
                continue;
            }
            bytes = apply_to(bytes, &m);
        }
        load_bytes(dir.path(), &bytes)?;
    }
}

fn apply_to(base: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let mut b = base;
    match m {
        Mutation::Cut(at) => b.truncate(*at),
        Mutation::Flip(flips) => {
            for (at, v) in flips {
                if let Some(x) = b.get_mut(*at) {
                    *x = *v;
                }
            }
        }
        Mutation::HugeNumber(at, s) => {
            // Replace the number (run of digits) at or after `at`, else insert there.
            let start = (*at..b.len())
                .find(|&i| b[i].is_ascii_digit())
                .unwrap_or(*at);
            let end = (start..b.len())
                .find(|&i| !b[i].is_ascii_digit())
                .unwrap_or(b.len());
            b.splice(start..end, s.bytes());
        }
        Mutation::Nest(at, open, depth) => {
            b.splice(*at..*at, open.repeat(*depth).bytes());
        }
        Mutation::BadUtf8(at, bad) => {
            b.splice(*at..*at, bad.iter().copied());
        }
    }
    b
}

/// The unmutated demo store loads: otherwise every case above would pass by failing to parse.
#[test]
fn the_demo_store_itself_loads_and_validates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    std::fs::write(&path, demo()).expect("write");
    let s = store::load(&path).expect("demo loads");
    assert!(!s.people.is_empty());
    assert_eq!(store::check(&s, &program()), vec![]);
}

/// 10,000-deep nesting in every place a value can go: an error at the nesting, not a stack
/// overflow (which would abort the whole process, not just fail a test).
#[test]
fn ten_thousand_deep_nesting_is_a_parse_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    for open in ["[", "(", "{", "Some(", "[(", "{\"a\":"] {
        let deep = open.repeat(10_000);
        let cases = [
            deep.clone(),
            format!("(version: 2, profile: {deep}"),
            DEMO_RON.replacen("people: [", &format!("people: [{deep}"), 1),
            DEMO_RON.replacen("premier: (", &format!("premier: ({deep}"), 1),
        ];
        for text in cases {
            let path = dir.path().join("deep.ron");
            std::fs::write(&path, &text).expect("write");
            let err = store::load(&path).expect_err("deep nesting must not load");
            assert!(matches!(err, StoreError::Parse { .. }), "{open}: {err:?}");
            let shown = err.to_string();
            assert!(
                shown.starts_with(&format!("{}:", path.display())),
                "{shown}"
            );
        }
    }
}

/// Numbers past every integer type are refused with a position, not wrapped or saturated.
#[test]
fn huge_numbers_are_refused_with_a_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    // The demo's first person id.
    let at = DEMO_RON.find("id: ").expect("an id") + 4;
    let end = at
        + DEMO_RON[at..]
            .find(|c: char| !c.is_ascii_digit())
            .expect("end of id");
    let line = 1 + DEMO_RON[..at].matches('\n').count();
    let text = format!(
        "{}99999999999999999999{}",
        &DEMO_RON[..at],
        &DEMO_RON[end..]
    );
    std::fs::write(&path, &text).expect("write");
    match store::load(&path) {
        Err(StoreError::Parse { line: l, .. }) => assert_eq!(l, line),
        other => panic!("expected a parse error on line {line}: {other:?}"),
    }
}

/// Invalid UTF-8 is reported at the exact line and column of the first bad byte.
#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let mut bytes = b"// x\n(version: 2,\n  pro".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"file: ())");
    std::fs::write(&path, &bytes).expect("write");
    let err = store::load(&path).expect_err("bad utf-8");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:3:6: ", path.display())),
        "{shown}"
    );
    assert!(shown.contains("UTF-8"), "{shown}");
}
