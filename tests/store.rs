//! The RON store on disk: parsing, errors with path:line:col, migration, atomic save, backup,
//! symlinks, file modes, the writer lock and change detection.

mod hygiene;

use apn_scorecard::domain::{
    BusinessPlan, CURRENT_VERSION, Certification, Money, Opportunity, Person, Profile, Stage,
    Store, Tier,
};
use apn_scorecard::scoring::Program;
use apn_scorecard::store::{self, StoreError};
use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

// Split by topic; the crate root of an integration test looks for modules beside it.
#[path = "store/lock.rs"]
mod lock;
#[path = "store/save.rs"]
mod save;

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name)
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn program() -> Program {
    Program::embedded().expect("embedded assets parse")
}

/// File names in `dir`, sorted, so tests can assert that nothing stray was left behind.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// 1-based (line, column in chars) of the first `needle` on the first line containing `line_has`.
fn position_of(text: &str, line_has: &str, needle: &str) -> (usize, usize) {
    let (i, l) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(line_has))
        .expect("fixture line present");
    let byte = l.find(needle).expect("needle on the line");
    (i + 1, l[..byte].chars().count() + 1)
}

pub(crate) fn demo_store() -> Store {
    let mut s = Store::new(Profile {
        partner: "Zürich \"Cloud\" AG \\ Ops".into(),
        tier: Tier::Advanced,
        target: None,
        program: "services-path-2024".into(),
        last_tier_review: d("2025-06-30"),
        apn_renewal: d("2024-02-29"),
        tier_history: Vec::new(),
        settings: Default::default(),
    });
    let mut p = Person::new(1, "Ada\tLovelace");
    p.email = "ada@example.com".into();
    p.certifications.push(Certification {
        id: 1,
        exam: "SAP-C02".into(),
        earned: d("2024-02-29"),
        expires: None,
        added: Some(d("2024-03-01")),
        changed: None,
    });
    s.people.push(p);
    s.opportunities.push(Opportunity {
        id: 9,
        ace_id: "O42".into(),
        customer: "Ünïcødé 🚀".into(),
        title: "line one\nline two\r\nline three".into(),
        stage: Stage::Launched,
        mrr: Money(1_234_567),
        launch_date: Some(d("2025-01-02")),
        referenceable: true,
        added: None,
        changed: Some(d("2025-01-03")),
    });
    s.business_plans.push(BusinessPlan {
        id: 3,
        objectives: "// not a comment, just text".into(),
        validated_on: None,
        validated_by: String::new(),
        added: None,
        changed: None,
    });
    s
}

// ---------------------------------------------------------------- parsing and writing

#[test]
fn valid_fixture_loads_with_its_values() {
    let s = store::load(&fixture("valid.ron")).expect("valid.ron loads");
    assert_eq!(s.version, CURRENT_VERSION);
    assert_eq!(s.profile.partner, "Example Cloud GmbH");
    assert_eq!(s.profile.target, Some(Tier::Advanced));
    assert_eq!(s.people.len(), 2);
    assert_eq!(s.people[0].certifications.len(), 2);
    assert!(!s.people[1].linked, "linked: false is kept");
    assert!(s.people[0].linked, "linked defaults to true");
    assert_eq!(s.opportunities[0].mrr, Money(1_250_050));
    assert_eq!(s.opportunities[0].customer, "Müller Logistik");
    assert_eq!(s.opportunities[1].customer, "Acme \"Rockets\" Ltd");
    assert_eq!(s.business_plans.len(), 1);
    assert_eq!(s.profile.settings.horizon_days, 60);
    assert_eq!(s.threshold_overrides[0].value, 60_000);
    assert_eq!(store::check(&s, &program()), vec![]);
}

#[test]
fn to_ron_round_trips_and_is_stable() {
    for s in [
        store::load(&fixture("valid.ron")).expect("valid.ron loads"),
        demo_store(),
    ] {
        let text = store::to_ron(&s).expect("serialises");
        assert!(
            text.starts_with(&format!("{}\n(\n", store::HEADER)),
            "{text}"
        );
        assert!(text.ends_with(")\n"), "ends with a newline: {text:?}");
        assert!(!text.ends_with("\n\n"));
        assert!(!text.contains('\r'), "only \\n newlines in the layout");
        assert!(
            text.contains("\n    version: 3,\n"),
            "4-space indent: {text}"
        );
        assert!(!text.contains("Store("), "no struct names: {text}");
        let back = store::parse(&text, Path::new("mem.ron")).expect("parses its own output");
        assert_eq!(back, s);
        let again = store::to_ron(&back).expect("serialises");
        assert_eq!(again, text, "byte-identical on the second write");
    }
}

#[test]
fn invalid_syntax_names_path_line_and_column() {
    let path = fixture("invalid_syntax.ron");
    let text = fs::read_to_string(&path).expect("fixture");
    // The comma after "Broken Commas" is missing; ron notices at the next field name.
    let (line, col) = position_of(&text, "tier: Select", "tier");
    assert_eq!((line, col), (6, 9), "fixture layout as the test expects");
    let err = store::load(&path).expect_err("must not parse");
    match &err {
        StoreError::Parse {
            path: p,
            line: l,
            col: c,
            message,
        } => {
            assert_eq!(p, &path);
            assert_eq!((*l, *c), (line, col));
            assert!(message.to_lowercase().contains("comma"), "{message}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:{line}:{col}: ", path.display())),
        "{shown}"
    );
}

#[test]
fn wrong_field_type_points_at_the_value() {
    let path = fixture("bad_field_type.ron");
    let text = fs::read_to_string(&path).expect("fixture");
    let (line, col) = position_of(&text, "rating: \"five\"", "\"five\"");
    let err = store::load(&path).expect_err("rating must be a number");
    let StoreError::Parse {
        line: l,
        col: c,
        message,
        ..
    } = &err
    else {
        panic!("expected a parse error, got {err:?}");
    };
    assert_eq!((*l, *c), (line, col), "{err}");
    assert!(message.contains("integer"), "{message}");
}

#[test]
fn bad_date_and_money_point_at_the_value_and_say_what_is_wrong() {
    let text = fs::read_to_string(fixture("valid.ron"))
        .expect("fixture")
        .replace("\"2025-04-01\"", "\"2025-13-01\"")
        .replace("\"12500.50\"", "\"12500.505\"");
    let err = store::parse(&text, Path::new("/x/s.ron")).expect_err("month 13");
    let (line, col) = position_of(&text, "last_tier_review", "\"2025-13-01\"");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("/x/s.ron:{line}:{col}: ")),
        "{shown}"
    );
    assert!(shown.contains("YYYY-MM-DD"), "{shown}");

    let text = text.replace("\"2025-13-01\"", "\"2025-04-01\"");
    let err = store::parse(&text, Path::new("/x/s.ron")).expect_err("three decimals");
    let (line, col) = position_of(&text, "mrr:", "\"12500.505\"");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("/x/s.ron:{line}:{col}: ")),
        "{shown}"
    );
    assert!(shown.contains("more than two decimals"), "{shown}");
}

#[test]
fn failed_load_leaves_the_file_and_folder_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "invalid_syntax.ron",
        "bad_field_type.ron",
        "newer_version.ron",
    ] {
        let path = dir.path().join(name);
        fs::copy(fixture(name), &path).expect("copy fixture");
        let before = fs::read(&path).expect("read");
        let listing = names(dir.path());
        assert!(store::load(&path).is_err(), "{name} must fail");
        assert_eq!(fs::read(&path).expect("read"), before, "{name} unchanged");
        assert_eq!(names(dir.path()), listing, "no .bak, .lock or temp files");
    }
}

#[test]
fn invalid_utf8_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    let mut bytes = b"(\n    version: 2,\n    profile: (partner: \"ab".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\"),\n)\n");
    fs::write(&path, &bytes).expect("write");
    let err = store::load(&path).expect_err("not UTF-8");
    let StoreError::Parse { line, col, .. } = &err else {
        panic!("expected a parse error, got {err:?}");
    };
    // `    profile: (partner: "ab` is 26 characters; the bad byte is the 27th.
    assert_eq!((*line, *col), (3, 27), "{err}");
    assert!(err.to_string().contains("UTF-8"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let text = fs::read_to_string(fixture("valid.ron")).expect("fixture");
    let expected = store::parse(&text, Path::new("a")).expect("valid");
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let got = store::parse(&windows, Path::new("a")).expect("BOM + CRLF parse");
    // Only the newline inside the objectives string is data; it was escaped, so all equal.
    assert_eq!(got, expected);
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nope.ron");
    let err = store::load(&path).expect_err("missing");
    assert!(matches!(&err, StoreError::Io { path: p, .. } if p == &path));
    assert!(err.to_string().starts_with(&path.display().to_string()));
    assert!(names(dir.path()).is_empty(), "load creates nothing");
}

// ---------------------------------------------------------------- versions

#[test]
fn unknown_exam_parses_and_check_reports_it() {
    let s = store::load(&fixture("unknown_exam.ron")).expect("parses");
    let problems = store::check(&s, &program());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].place.ends_with(".certifications[id=1].exam"));
    assert!(problems[0].message.contains("SAA-C99"), "{}", problems[0]);
}

#[test]
fn version_1_migrates_its_single_business_plan_into_the_list() {
    let s = store::load(&fixture("v1.ron")).expect("v1 loads");
    assert_eq!(s.version, CURRENT_VERSION);
    assert_eq!(
        s.business_plans,
        vec![BusinessPlan {
            id: 7,
            objectives: "Grow the migration practice".into(),
            validated_on: Some(d("2024-05-02")),
            validated_by: "PDM Sam".into(),
            added: None,
            changed: None,
        }]
    );
    assert_eq!(s.people[0].name, "Alan Turing");
    assert_eq!(s.profile.partner, "Old Layout Ltd");
    assert_eq!(store::check(&s, &program()), vec![]);
    // Written back in the current layout.
    let text = store::to_ron(&s).expect("ron");
    assert!(text.contains("business_plans: ["), "{text}");
    assert!(!text.contains("business_plan:"), "{text}");
    assert_eq!(store::parse(&text, Path::new("a")).expect("reparse"), s);
}

#[test]
fn version_1_without_a_plan_migrates_to_an_empty_list() {
    let text = fs::read_to_string(fixture("v1.ron")).expect("fixture");
    let cut = text.find("    business_plan:").expect("field present");
    let no_plan = format!("{})\n", &text[..cut]);
    let s = store::parse(&no_plan, Path::new("a")).expect("v1 without plan");
    assert!(s.business_plans.is_empty());
    assert_eq!(s.people.len(), 1);
}

#[test]
fn newer_version_is_refused_clearly() {
    let path = fixture("newer_version.ron");
    let err = store::load(&path).expect_err("too new");
    assert!(
        matches!(err, StoreError::TooNew { version: 4, .. }),
        "{err:?}"
    );
    let shown = err.to_string();
    assert!(shown.starts_with(&path.display().to_string()), "{shown}");
    assert!(
        shown.contains("written by a newer apn-scorecard"),
        "{shown}"
    );
}

#[test]
fn version_zero_and_missing_version_are_errors() {
    let err = store::parse("(version: 0, profile: ())", Path::new("z.ron")).expect_err("v0");
    assert!(
        matches!(err, StoreError::BadVersion { version: 0, .. }),
        "{err:?}"
    );
    let err = store::parse("(people: [])", Path::new("z.ron")).expect_err("no version");
    assert!(err.to_string().contains("version"), "{err}");
}

#[test]
fn a_misspelt_field_is_an_error_naming_it_not_silently_dropped() {
    let text = fs::read_to_string(fixture("valid.ron"))
        .expect("fixture")
        .replacen("email:", "emial:", 1);
    let (line, _) = position_of(&text, "emial:", "emial");
    let err = store::parse(&text, Path::new("/x/s.ron")).expect_err("unknown field");
    let shown = err.to_string();
    assert!(shown.starts_with(&format!("/x/s.ron:{line}:")), "{shown}");
    assert!(shown.contains("emial"), "{shown}");
}

/// Everything cargo runs here keeps the JSON cache under target/ (`.cargo/config.toml`), so tests,
/// their child processes and benchmarks never read or fill the user's cache folder.
#[test]
fn tests_keep_the_cache_out_of_the_users_cache_folder() {
    let dir = store::cache::cache_dir().expect("cache on");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    assert!(dir.starts_with(&target), "{}", dir.display());
}
