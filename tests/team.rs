//! A team sharing the store in git: the real `git` binary merges, rebases, pulls and
//! cherry-picks through `apn-scorecard merge` (set up by `git-setup`), and each result is read back.

use apn_scorecard::domain::{
    Certification, Id, Money, Opportunity, Person, Profile, Settings, Stage, Store, Tier,
};
use apn_scorecard::{merge, store};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");
const FILE: &str = "scorecard.ron";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// git with no global or system config (the HOME is the test's own folder).
fn git(home: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "init.defaultBranch=main", "-c", "user.name=Test"])
        .args([
            "-c",
            "user.email=test@example.com",
            "-c",
            "core.editor=true",
        ])
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("no-global-config"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git")
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn app(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .arg("--data")
        .arg(dir.join(FILE))
        .args(args)
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .env_remove("APN_SCORECARD_DATA")
        .output()
        .expect("run apn-scorecard")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn person(s: &Store, name: &str, email: &str) -> Person {
    let mut p = Person::new(s.next_person_id(), name);
    p.email = email.into();
    p
}

/// Ada, Bob and Cy, and one open opportunity.
fn base_store() -> Store {
    let mut s = Store::new(Profile {
        partner: "Team Cloud".into(),
        tier: Tier::Select,
        target: None,
        program: "services-path-2023".into(),
        last_tier_review: d("2026-01-15"),
        apn_renewal: d("2026-04-01"),
        tier_history: Vec::new(),
        settings: Settings::default(),
    });
    for (n, e) in [
        ("Ada", "ada@x.com"),
        ("Bob", "bob@x.com"),
        ("Cy", "cy@x.com"),
    ] {
        let p = person(&s, n, e);
        s.people.push(p);
    }
    let id = s.next_opportunity_id();
    s.opportunities.push(Opportunity {
        id,
        ace_id: "O1".into(),
        customer: "Acme".into(),
        title: String::new(),
        stage: Stage::Committed,
        mrr: Money(100_000),
        launch_date: Some(d("2026-12-01")),
        referenceable: false,
        added: None,
        changed: None,
    });
    s
}

fn edit(dir: &Path, f: impl FnOnce(&mut Store)) {
    let path = dir.join(FILE);
    let mut s = store::load(&path).expect("store loads");
    f(&mut s);
    store::save(&path, &s).expect("store saves");
}

fn by_name<'a>(s: &'a mut Store, name: &str) -> &'a mut Person {
    s.people
        .iter_mut()
        .find(|p| p.name == name)
        .expect("person present")
}

/// Our side: adds Dee, deletes Cy (untouched on theirs), raises Acme's MRR and, if `clash`,
/// renames Ada.
fn our_edits(dir: &Path, clash: bool) {
    edit(dir, |s| {
        let dee = person(s, "Dee", "dee@x.com");
        s.people.push(dee);
        s.people.retain(|p| p.name != "Cy");
        s.opportunities[0].mrr = Money(250_000);
        if clash {
            by_name(s, "Ada").name = "Ada L".into();
        }
    });
}

/// Their side: adds Eve, gives Bob a certification, sets Ada's leaving day and, if `clash`,
/// renames Ada differently.
fn their_edits(dir: &Path, clash: bool) {
    edit(dir, |s| {
        let eve = person(s, "Eve", "eve@x.com");
        s.people.push(eve);
        let id = s.next_holding_id();
        by_name(s, "Bob").certifications.push(Certification {
            id,
            exam: "SAA-C03".into(),
            earned: d("2026-03-03"),
            expires: None,
            added: None,
            changed: None,
        });
        by_name(s, "Ada").left_on = Some(d("2026-10-01"));
        if clash {
            by_name(s, "Ada").name = "Ada Lovelace".into();
        }
    });
}

/// What every merge of `our_edits` and `their_edits` must hold, whichever side was "ours".
fn check_merged(s: &Store, clash: bool) {
    let mut names: Vec<&str> = s.people.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    let ada = if clash { "Ada L" } else { "Ada" };
    let mut want = vec![ada, "Bob", "Dee", "Eve"];
    want.sort_unstable();
    if clash {
        // The store holds the merge's "ours", which is either side's rename.
        assert!(
            names.contains(&"Ada L") || names.contains(&"Ada Lovelace"),
            "{names:?}"
        );
        names.retain(|n| !n.starts_with("Ada"));
        want.retain(|n| !n.starts_with("Ada"));
    }
    assert_eq!(names, want, "every added entry kept, deleted Cy dropped");
    let ada = s
        .people
        .iter()
        .find(|p| p.email == "ada@x.com")
        .expect("Ada");
    assert_eq!(ada.left_on, Some(d("2026-10-01")), "their field kept");
    assert_eq!(s.opportunities[0].mrr, Money(250_000), "our field kept");
    let bob = s.people.iter().find(|p| p.name == "Bob").expect("Bob");
    assert_eq!(bob.certifications.len(), 1);
    assert!(merge::findings(s).is_empty(), "no duplicate id");
    let ids: Vec<Id> = s.all_ids().collect();
    let mut uniq = ids.clone();
    uniq.sort_unstable();
    uniq.dedup();
    assert_eq!(ids.len(), uniq.len(), "ids unique across the store");
    if clash {
        assert_eq!(s.conflicts.len(), 1, "{:?}", s.conflicts);
        let c = &s.conflicts[0];
        assert_eq!(c.place, format!("people[id={}].name", ada.id));
        let mut both = [c.ours.as_str(), c.theirs.as_str()];
        both.sort_unstable();
        assert_eq!(both, [Some("Ada L"), Some("Ada Lovelace")]);
    } else {
        assert!(s.conflicts.is_empty(), "{:?}", s.conflicts);
    }
}

/// A repository `main` holding the base store, set up with `git-setup`.
struct Repo {
    home: TempDir,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let home = tempfile::tempdir().expect("temp dir");
        let dir = home.path().join("a");
        std::fs::create_dir(&dir).expect("mkdir");
        ok(git(home.path(), &dir, &["init", "-q"]));
        store::save(&dir.join(FILE), &base_store()).expect("save base");
        std::fs::write(dir.join(".gitignore"), "*.bak\n*.lock\n").expect("gitignore");
        let o = app(&dir, &["git-setup"]);
        assert!(o.status.success(), "{}", text(&o));
        ok(git(home.path(), &dir, &["add", "-A"]));
        ok(git(home.path(), &dir, &["commit", "-qm", "base"]));
        Repo { home, dir }
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        git(self.home.path(), dir, args)
    }

    fn commit(&self, dir: &Path, msg: &str) {
        ok(self.git(dir, &["commit", "-qam", msg]));
    }

    fn load(&self, dir: &Path) -> Store {
        store::load(&dir.join(FILE)).expect("merged store parses")
    }

    /// With a clash, git stops: the conflict is in the store, `validate` says so and exits 1;
    /// resolving it makes `validate` pass. Then `finish` completes the git operation.
    fn settle(&self, dir: &Path, clash: bool, op: &Output, finish: &[&str]) {
        if !clash {
            assert!(op.status.success(), "{}", text(op));
            assert_eq!(self.git(dir, &["status", "--porcelain"]).stdout, b"");
            return;
        }
        assert!(!op.status.success(), "a clash stops git: {}", text(op));
        let body = std::fs::read_to_string(dir.join(FILE)).expect("read");
        assert!(!body.contains("<<<<<<<"), "no conflict markers: {body}");
        let v = app(dir, &["validate"]);
        assert_eq!(v.status.code(), Some(1), "{}", text(&v));
        assert!(text(&v).contains("conflict 1: people[id="), "{}", text(&v));
        assert!(text(&v).contains("1 open conflict"), "{}", text(&v));
        let r = app(dir, &["report"]);
        assert!(r.status.success(), "report still prints: {}", text(&r));
        assert!(text(&r).contains("1 open merge conflict"), "{}", text(&r));
        let r = app(dir, &["resolve", "1", "theirs"]);
        assert!(r.status.success(), "{}", text(&r));
        let v = app(dir, &["validate"]);
        assert_eq!(v.status.code(), Some(0), "{}", text(&v));
        ok(self.git(dir, &["add", FILE]));
        ok(self.git(dir, finish));
    }
}

#[test]
fn git_merge_keeps_both_sides_with_no_textual_conflict() {
    let r = Repo::new();
    let dir = r.dir.clone();
    ok(r.git(&dir, &["checkout", "-qb", "theirs"]));
    their_edits(&dir, false);
    r.commit(&dir, "theirs");
    ok(r.git(&dir, &["checkout", "-q", "main"]));
    our_edits(&dir, false);
    r.commit(&dir, "ours");
    let m = r.git(&dir, &["merge", "-q", "--no-edit", "theirs"]);
    check_merged(&r.load(&dir), false);
    r.settle(&dir, false, &m, &[]);
    let v = app(&dir, &["validate"]);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v));
}

#[test]
fn git_merge_records_a_clash_in_the_store_and_resolve_settles_it() {
    let r = Repo::new();
    let dir = r.dir.clone();
    ok(r.git(&dir, &["checkout", "-qb", "theirs"]));
    their_edits(&dir, true);
    r.commit(&dir, "theirs");
    ok(r.git(&dir, &["checkout", "-q", "main"]));
    our_edits(&dir, true);
    r.commit(&dir, "ours");
    let m = r.git(&dir, &["merge", "-q", "--no-edit", "theirs"]);
    let merged = r.load(&dir);
    check_merged(&merged, true);
    let ada = merged
        .people
        .iter()
        .find(|p| p.email == "ada@x.com")
        .expect("Ada");
    assert_eq!(ada.name, "Ada L", "the store holds ours until resolved");
    r.settle(&dir, true, &m, &["commit", "-q", "--no-edit"]);
    let s = r.load(&dir);
    let ada = s
        .people
        .iter()
        .find(|p| p.email == "ada@x.com")
        .expect("Ada");
    assert_eq!(ada.name, "Ada Lovelace", "resolved to theirs");
    assert!(s.conflicts.is_empty());
    let log = r.git(&dir, &["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 4);
}

#[test]
fn git_pull_between_two_clones() {
    for clash in [false, true] {
        let r = Repo::new();
        let a = r.dir.clone();
        let b = r.home.path().join("b");
        ok(r.git(r.home.path(), &["clone", "-q", "a", "b"]));
        // git does not copy config: each clone runs git-setup once.
        let o = app(&b, &["git-setup"]);
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("already has"), "{}", text(&o));
        their_edits(&a, clash);
        r.commit(&a, "theirs, pushed first");
        our_edits(&b, clash);
        r.commit(&b, "ours");
        let p = r.git(&b, &["-c", "pull.rebase=false", "pull", "-q", "--no-edit"]);
        check_merged(&r.load(&b), clash);
        r.settle(&b, clash, &p, &["commit", "-q", "--no-edit"]);
        assert!(r.load(&b).conflicts.is_empty());
    }
}

#[test]
fn git_rebase_replays_through_the_driver() {
    for clash in [false, true] {
        let r = Repo::new();
        let dir = r.dir.clone();
        ok(r.git(&dir, &["checkout", "-qb", "feature"]));
        our_edits(&dir, clash);
        r.commit(&dir, "feature work");
        ok(r.git(&dir, &["checkout", "-q", "main"]));
        their_edits(&dir, clash);
        r.commit(&dir, "main moved on");
        ok(r.git(&dir, &["checkout", "-q", "feature"]));
        let o = r.git(&dir, &["rebase", "-q", "main"]);
        check_merged(&r.load(&dir), clash);
        r.settle(&dir, clash, &o, &["rebase", "--continue"]);
        let s = r.load(&dir);
        assert!(s.conflicts.is_empty());
        assert_eq!(s.people.len(), 4);
    }
}

#[test]
fn git_cherry_pick_through_the_driver() {
    let r = Repo::new();
    let dir = r.dir.clone();
    ok(r.git(&dir, &["checkout", "-qb", "side"]));
    their_edits(&dir, false);
    r.commit(&dir, "pick me");
    ok(r.git(&dir, &["checkout", "-q", "main"]));
    our_edits(&dir, false);
    r.commit(&dir, "ours");
    let o = r.git(&dir, &["cherry-pick", "side"]);
    assert!(o.status.success(), "{}", text(&o));
    check_merged(&r.load(&dir), false);
}

#[test]
fn git_setup_is_idempotent_and_refuses_outside_a_work_tree() {
    let r = Repo::new();
    let attrs = std::fs::read_to_string(r.dir.join(".gitattributes")).expect("attributes");
    assert_eq!(attrs, format!("/{FILE} merge=apn-scorecard\n"));
    let o = app(&r.dir, &["git-setup"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("already has"), "{}", text(&o));
    assert!(text(&o).contains("merge.apn-scorecard.driver is already set"));
    let again = std::fs::read_to_string(r.dir.join(".gitattributes")).expect("attributes");
    assert_eq!(again, attrs, "second run adds nothing");
    let cfg = r.git(&r.dir, &["config", "--get", "merge.apn-scorecard.driver"]);
    let cfg = String::from_utf8_lossy(&cfg.stdout).into_owned();
    assert!(cfg.contains("merge %O %A %B --path %P"), "{cfg}");

    let outside = tempfile::tempdir().expect("temp dir");
    let o = app(outside.path(), &["git-setup"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("is not inside a git work tree"),
        "{}",
        text(&o)
    );
}
