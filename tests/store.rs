//! The RON store on disk: parsing, errors with path:line:col, migration, atomic save, backup,
//! symlinks, file modes, the writer lock and change detection.

use apn_scorecard::domain::{
    BusinessPlan, CURRENT_VERSION, Certification, Money, Opportunity, Person, Profile, Stage,
    Store, Tier,
};
use apn_scorecard::scoring::Program;
use apn_scorecard::store::{self, StoreError};
use chrono::NaiveDate;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
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
fn names(dir: &Path) -> Vec<String> {
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

fn demo_store() -> Store {
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
            text.contains("\n    version: 2,\n"),
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
        matches!(err, StoreError::TooNew { version: 3, .. }),
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

// ---------------------------------------------------------------- saving

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn save_creates_folder_and_owner_only_file_with_the_ron() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new/sub/scorecard.ron");
    let s = demo_store();
    store::save(&path, &s).expect("save");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        store::to_ron(&s).expect("ron")
    );
    assert_eq!(store::load(&path).expect("load"), s);
    let folder = path.parent().expect("parent");
    assert_eq!(
        names(folder),
        vec!["scorecard.ron"],
        "no .bak, no temp files"
    );
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn second_save_keeps_the_previous_bytes_as_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    // The first version is hand-written, so the backup must be a copy of bytes, not a re-render.
    fs::copy(fixture("valid.ron"), &path).expect("copy");
    let first = fs::read(&path).expect("read");
    let mut s = store::load(&path).expect("load");
    s.profile.partner = "Renamed".into();
    store::save(&path, &s).expect("save 1");
    let bak = dir.path().join("scorecard.ron.bak");
    assert_eq!(store::backup_path(&path), bak);
    assert_eq!(fs::read(&bak).expect("bak"), first);
    let second = fs::read(&path).expect("read");

    s.profile.partner = "Renamed again".into();
    store::save(&path, &s).expect("save 2");
    assert_eq!(fs::read(&bak).expect("bak"), second);
    assert_eq!(
        store::load(&path).expect("load").profile.partner,
        "Renamed again"
    );
    assert_eq!(
        names(dir.path()),
        vec!["scorecard.ron", "scorecard.ron.bak"],
        "temp files cleaned up"
    );
}

#[cfg(unix)]
#[test]
fn save_keeps_an_existing_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    store::save(&path, &demo_store()).expect("save again");
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(&dir.path().join("scorecard.ron.bak")), 0o640);
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("repo");
    let link_dir = dir.path().join("home");
    fs::create_dir_all(&real_dir).expect("mkdir");
    fs::create_dir_all(&link_dir).expect("mkdir");
    let target = real_dir.join("scorecard.ron");
    let link = link_dir.join("scorecard.ron");
    let mut s = demo_store();
    store::save(&target, &s).expect("save target");
    // A relative link, as `ln -s ../repo/scorecard.ron` makes.
    std::os::unix::fs::symlink("../repo/scorecard.ron", &link).expect("symlink");

    s.profile.partner = "Through the link".into();
    store::save(&link, &s).expect("save via link");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "still a symlink"
    );
    assert_eq!(
        store::load(&target).expect("load").profile.partner,
        "Through the link"
    );
    assert_eq!(
        names(&link_dir),
        vec!["scorecard.ron"],
        "nothing written beside the link"
    );
    assert_eq!(names(&real_dir), vec!["scorecard.ron", "scorecard.ron.bak"]);
    // The backup sits beside the real file (compared canonically: the link was relative).
    let bak = store::backup_path(&link);
    assert_eq!(
        fs::canonicalize(&bak).expect("bak exists"),
        fs::canonicalize(real_dir.join("scorecard.ron.bak")).expect("bak exists")
    );
}

#[test]
fn save_into_a_path_under_a_regular_file_fails_naming_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "x").expect("write");
    let path = blocker.join("scorecard.ron");
    let err = store::save(&path, &demo_store()).expect_err("cannot save under a file");
    assert!(
        matches!(&err, StoreError::Io { path: p, .. } if p == &path),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(&blocker).expect("read"), b"x");
}

#[test]
fn failed_save_leaves_the_old_file_intact_and_no_temp_files() {
    // A folder where the backup must go makes the save fail even for root.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let before = fs::read(&path).expect("read");
    let bak = dir.path().join("scorecard.ron.bak");
    fs::create_dir(&bak).expect("mkdir");
    fs::write(bak.join("keep"), "x").expect("write");

    let mut s = demo_store();
    s.profile.partner = "Never written".into();
    let err = store::save(&path, &s).expect_err("backup cannot replace a folder");
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    assert!(err.to_string().contains("backup"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(
        names(dir.path()),
        vec!["scorecard.ron", "scorecard.ron.bak"]
    );
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_folder_fails_with_the_old_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let before = fs::read(&path).expect("read");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root (as in CI containers) ignores permission bits; the case is then untestable this way.
    if fs::write(folder.join("probe"), "x").is_ok() {
        eprintln!("skipping read-only folder check: running with privileges that ignore modes");
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
        return;
    }
    let mut s = demo_store();
    s.profile.partner = "Never written".into();
    let result = store::save(&path, &s);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
    let err = result.expect_err("read-only folder");
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(&path).expect("read"), before);
    assert_eq!(names(&folder), vec!["scorecard.ron"]);
}

#[test]
fn create_new_refuses_an_existing_file_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    fs::write(&path, "my precious data").expect("write");
    let err = store::create_new(&path, &demo_store()).expect_err("exists");
    assert!(matches!(&err, StoreError::Exists { path: p } if p == &path));
    assert_eq!(
        err.to_string(),
        format!("{} already exists; not overwriting", path.display())
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "my precious data");
    assert_eq!(names(dir.path()), vec!["scorecard.ron"]);

    let fresh = dir.path().join("a/b/new.ron");
    store::create_new(&fresh, &demo_store()).expect("creates");
    assert_eq!(store::load(&fresh).expect("load"), demo_store());
    #[cfg(unix)]
    assert_eq!(mode(&fresh), 0o600);
}

// ---------------------------------------------------------------- lock and fingerprint

#[test]
fn second_lock_fails_while_the_first_is_held() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let first = store::lock(&path).expect("first lock");
    assert_eq!(first.store_path(), path);
    let err = store::lock(&path).expect_err("second lock");
    assert!(matches!(&err, StoreError::Locked { path: p } if p == &path));
    assert_eq!(
        err.to_string(),
        format!(
            "{} is open in another apn-scorecard (read-only here)",
            path.display()
        )
    );
    drop(first);
    let again = store::lock(&path).expect("lock after drop");
    assert!(!path.exists(), "locking does not create the store");
    drop(again);
}

#[cfg(unix)]
#[test]
fn lock_through_a_symlink_is_the_same_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &demo_store()).expect("save");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&path, &link).expect("symlink");
    let _held = store::lock(&path).expect("lock");
    assert!(matches!(store::lock(&link), Err(StoreError::Locked { .. })));
}

#[cfg(target_os = "linux")]
#[test]
fn lock_is_seen_by_another_process() {
    use std::process::Command;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let held = store::lock(&path).expect("lock");
    // util-linux `flock -n` uses the same flock(2) lock as std's File::try_lock on Linux.
    let probe = |lock_file: &Path| {
        Command::new("flock")
            .arg("-n")
            .arg(lock_file)
            .arg("true")
            .status()
    };
    let Ok(status) = probe(held.lock_path()) else {
        eprintln!("skipping cross-process lock check: no `flock` command");
        return;
    };
    assert!(!status.success(), "another process must not get the lock");
    let lock_file = held.lock_path().to_path_buf();
    drop(held);
    let status = probe(&lock_file).expect("flock ran before");
    assert!(status.success(), "free after drop");
}

#[test]
fn fingerprint_notices_changes_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    assert_eq!(store::fingerprint(&path).expect("no file"), None);
    let mut s = demo_store();
    store::save(&path, &s).expect("save");
    let (loaded, at_load) = store::load_with_fingerprint(&path).expect("load");
    assert_eq!(loaded, s);
    assert_eq!(
        store::fingerprint(&path).expect("fp"),
        Some(at_load.clone())
    );
    assert_eq!(at_load.len, fs::metadata(&path).expect("meta").len());

    // Same length, different content, same modification time: only the hash can tell.
    let text = fs::read_to_string(&path).expect("read");
    let mtime = fs::metadata(&path)
        .expect("meta")
        .modified()
        .expect("mtime");
    let edited = text.replacen("Ada", "Eva", 1);
    assert_eq!(edited.len(), text.len());
    fs::write(&path, &edited).expect("write");
    fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(mtime)
        .expect("set mtime");
    let now = store::fingerprint(&path).expect("fp").expect("file");
    assert_eq!(now.len, at_load.len);
    assert_ne!(now, at_load, "content change detected");

    s.profile.partner = "Changed".into();
    store::save(&path, &s).expect("save");
    assert_ne!(store::fingerprint(&path).expect("fp"), Some(now));
}

// ---------------------------------------------------------------- paths

#[test]
fn resolve_path_prefers_flag_then_env_then_default() {
    let flag = Path::new("/flag/s.ron");
    let env = Some(OsString::from("/env/s.ron"));
    assert_eq!(
        store::resolve_path(Some(flag), env.clone()).expect("flag"),
        flag
    );
    assert_eq!(
        store::resolve_path(None, env).expect("env"),
        Path::new("/env/s.ron")
    );
    let default = store::default_path();
    match store::resolve_path(None, Some(OsString::new())) {
        Ok(p) => {
            assert_eq!(Some(p.clone()), default, "empty env counts as unset");
            assert!(
                p.ends_with("apn-scorecard/scorecard.ron"),
                "{}",
                p.display()
            );
        }
        Err(e) => {
            assert!(default.is_none(), "error only without a default: {e}");
            assert!(matches!(e, StoreError::NoDefaultPath));
        }
    }
    assert_eq!(store::resolve_path(None, None).ok(), default);
}

#[cfg(target_os = "linux")]
#[test]
fn default_path_is_in_the_xdg_data_folder() {
    let Some(p) = store::default_path() else {
        panic!("Linux with a home folder has a data folder");
    };
    let expected_dir = std::env::var_os("XDG_DATA_HOME")
        .filter(|x| Path::new(x).is_absolute())
        .map(PathBuf::from)
        .or_else(|| std::env::home_dir().map(|h| h.join(".local/share")))
        .expect("a home folder");
    assert_eq!(p, expected_dir.join("apn-scorecard/scorecard.ron"));
}
