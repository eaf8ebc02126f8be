//! Imports against other writers: two imports at once, and an import while a dashboard is open.
//! One writer at a time; the other is refused with a clear message; nothing is lost or torn.

use apn_scorecard::domain::Store;
use apn_scorecard::store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn cmd(path: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.env("APN_SCORECARD_TODAY", "2026-11-26")
        .env("APN_SCORECARD_NO_CACHE", "1")
        .arg("--data")
        .arg(path)
        .args(args);
    c
}

fn new_store(dir: &Path) -> PathBuf {
    let path = dir.join("store.ron");
    let o = cmd(
        &path,
        &[
            "init",
            "--partner",
            "Two Writers",
            "--tier",
            "select",
            "--tier-review",
            "2026-01-15",
            "--apn-renewal",
            "2026-04-01",
        ],
    )
    .output()
    .expect("init");
    assert!(o.status.success());
    path
}

fn refused(o: &Output) -> bool {
    !o.status.success()
        && String::from_utf8_lossy(&o.stderr).contains("is open in another apn-scorecard")
}

fn has_certs(s: &Store) -> bool {
    s.people.iter().any(|p| p.email == "lee@example.com")
}

fn has_opps(s: &Store) -> bool {
    s.opportunities.iter().any(|o| o.ace_id == "O1000001")
}

#[test]
fn two_imports_at_once_never_tear_the_file_and_a_refused_one_can_be_retried() {
    let certs = fixture("certifications.csv");
    let opps = fixture("opportunities.csv");
    for round in 0..8 {
        let dir = tempfile::tempdir().expect("tmp");
        let path = new_store(dir.path());
        let a = cmd(&path, &["import", "certifications", &certs])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn a");
        let b = cmd(&path, &["import", "opportunities", &opps])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn b");
        let (a, b) = (
            a.wait_with_output().expect("a"),
            b.wait_with_output().expect("b"),
        );
        for (name, o) in [("certifications", &a), ("opportunities", &b)] {
            assert!(
                o.status.success() || refused(o),
                "round {round}: {name} neither worked nor was refused clearly: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let s = store::load(&path).expect("the file always parses");
        assert_eq!(
            has_certs(&s),
            a.status.success(),
            "round {round}: certifications"
        );
        assert_eq!(
            has_opps(&s),
            b.status.success(),
            "round {round}: opportunities"
        );
        // A refused import is retried by the user and then lands; nothing was lost.
        for (o, kind, file) in [(&a, "certifications", &certs), (&b, "opportunities", &opps)] {
            if !o.status.success() {
                let again = cmd(&path, &["import", kind, file]).output().expect("retry");
                assert!(again.status.success());
            }
        }
        let s = store::load(&path).expect("parses");
        assert!(
            has_certs(&s) && has_opps(&s),
            "round {round}: both imports present"
        );
    }
}

#[test]
fn an_import_while_the_dashboard_is_open_is_refused_and_writes_nothing() {
    use apn_scorecard::scoring::Program;
    use apn_scorecard::tui::App;
    let dir = tempfile::tempdir().expect("tmp");
    let path = new_store(dir.path());
    let today = "2026-11-26".parse().expect("date");
    let s = store::load(&path).expect("load");
    let mut app = App::new(s, Program::embedded().expect("program"), today, today);
    app.attach_file(path.clone());
    assert!(
        app.persist.read_only.is_none(),
        "the dashboard is the writer"
    );
    let before = std::fs::read(&path).expect("read");
    let o = cmd(
        &path,
        &["import", "certifications", &fixture("certifications.csv")],
    )
    .output()
    .expect("import");
    assert!(refused(&o), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing written"
    );
    drop(app);
    let o = cmd(
        &path,
        &["import", "certifications", &fixture("certifications.csv")],
    )
    .output()
    .expect("import");
    assert!(
        o.status.success(),
        "works once the dashboard is closed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
