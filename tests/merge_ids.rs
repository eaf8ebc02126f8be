//! Ids that never collide, id trouble caught on load (`validate`, `validate --fix`, `report`),
//! and the `merge` / `resolve` commands run directly on files.

use apn_scorecard::domain::{CURRENT_VERSION, MIN_NEW_ID, Store};
use apn_scorecard::merge::{self, Side};
use apn_scorecard::store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .env_remove("APN_SCORECARD_DATA")
        .output()
        .expect("run apn-scorecard")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A version 2 store (counted ids) whose people are `people` (RON entries).
fn v2(people: &str) -> String {
    format!(
        "(\n    version: 2,\n    profile: (\n        partner: \"Team\",\n        tier: Select,\n        \
         program: \"services-path-2023\",\n        last_tier_review: \"2026-01-15\",\n        \
         apn_renewal: \"2026-04-01\",\n    ),\n    people: [{people}],\n)\n"
    )
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_hand_edited_max_id_no_longer_swallows_an_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = write(
        &dir,
        "s.ron",
        &v2("(id: 18446744073709551615, name: \"Max\", email: \"max@x.com\")"),
    );
    let csv = write(
        &dir,
        "c.csv",
        "name,email,exam,earned\nNew Person,new@x.com,SAA-C03,2026-02-02\n",
    );
    let o = run(&["--data", p(&data), "import", "certifications", p(&csv)]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("added: 1 person"), "{}", out(&o));
    let s = store::load(&data).expect("loads");
    assert_eq!(s.people.len(), 2, "the new person was written");
    let new = s
        .people
        .iter()
        .find(|x| x.name == "New Person")
        .expect("new");
    assert!((MIN_NEW_ID..1 << 53).contains(&new.id), "{}", new.id);
    assert_eq!(new.certifications.len(), 1);
    assert!(merge::findings(&s).is_empty());
}

#[test]
fn version_2_ids_are_kept_on_migration_and_written_sorted() {
    let s = store::parse(
        &v2("(id: 9, name: \"Nine\"), (id: 2, name: \"Two\", certifications: [(id: 4, exam: \"SAA-C03\", earned: \"2025-01-01\"), (id: 3, exam: \"DVA-C02\", earned: \"2025-01-01\")])"),
        Path::new("old.ron"),
    )
    .expect("v2 parses");
    assert_eq!(s.version, CURRENT_VERSION);
    let ids: Vec<u64> = s.people.iter().map(|x| x.id).collect();
    assert_eq!(ids, vec![9, 2], "kept as written in memory");
    let text = store::to_ron(&s).expect("serialises");
    let two = text.find("name: \"Two\"").expect("Two");
    let nine = text.find("name: \"Nine\"").expect("Nine");
    assert!(two < nine, "people written by id: {text}");
    let dva = text.find("DVA-C02").expect("DVA");
    let saa = text.find("SAA-C03").expect("SAA");
    assert!(dva < saa, "holdings written by id");
    assert!(
        !text.contains("conflicts"),
        "an empty conflict list is not written"
    );
}

#[test]
fn duplicate_ids_are_listed_warned_and_fixed_with_references_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = write(
        &dir,
        "s.ron",
        &v2(
            "(id: 1, name: \"Ada\", email: \"ada@x.com\", certifications: [(id: 1, exam: \"SAA-C03\", earned: \"2025-05-05\")]), \
             (id: 1, name: \"Bob\", email: \"bob@x.com\", certifications: [(id: 1, exam: \"DVA-C02\", earned: \"2025-06-06\")])",
        ),
    );
    let before = std::fs::read(&data).expect("read");

    let o = run(&["--data", p(&data), "validate"]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(
        text.contains("people: id 1 is used by 2 entries: \"Ada\", \"Bob\""),
        "{text}"
    );
    assert!(
        text.contains("holdings: id 1 is used by 2 entries: \"Ada SAA-C03\", \"Bob DVA-C02\""),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&data).expect("read"),
        before,
        "validate writes nothing"
    );

    let o = run(&["--data", p(&data), "report"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("warning:"), "{}", err(&o));
    assert!(err(&o).contains("id 1 is used by 2 entries"), "{}", err(&o));
    assert!(err(&o).contains("validate --fix"), "{}", err(&o));
    let csv = write(
        &dir,
        "c.csv",
        "name,email,exam,earned\nAda,ada@x.com,SAA-C03,2025-05-05\n",
    );
    let o = run(&[
        "--data",
        p(&data),
        "import",
        "certifications",
        p(&csv),
        "--dry-run",
    ]);
    assert!(
        err(&o).contains("warning:") && err(&o).contains("id 1 is used by 2 entries"),
        "{}",
        err(&o)
    );

    let o = run(&["--data", p(&data), "validate", "--fix"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}{}", err(&o));
    assert!(text.contains("fixing 2 id problems"), "{text}");
    assert!(text.contains("people: \"Bob\" id 1 -> "), "{text}");
    assert!(
        text.contains("holdings: \"Bob DVA-C02\" id 1 -> "),
        "{text}"
    );
    assert!(text.contains("OK (2 people"), "{text}");
    assert_eq!(
        std::fs::read(store::backup_path(&data)).expect("bak"),
        before
    );

    let s = store::load(&data).expect("loads");
    let ada = s.people.iter().find(|x| x.name == "Ada").expect("Ada");
    let bob = s.people.iter().find(|x| x.name == "Bob").expect("Bob");
    assert_eq!(ada.id, 1, "the first keeps its id");
    assert!(bob.id >= MIN_NEW_ID);
    assert_eq!(
        ada.certifications[0].exam, "SAA-C03",
        "holdings stay with their person"
    );
    assert_eq!(bob.certifications[0].exam, "DVA-C02");
    assert_ne!(ada.certifications[0].id, bob.certifications[0].id);
}

/// The story: two clones of a version 2 store each add a person, both with the counted
/// id 1. Merging keeps both, under different ids.
#[test]
fn merge_of_two_pre_v3_additions_with_the_same_id_keeps_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = write(&dir, "base", &v2(""));
    let ours = write(
        &dir,
        "ours",
        &v2("(id: 1, name: \"Ada\", email: \"ada@x.com\")"),
    );
    let theirs = write(
        &dir,
        "theirs",
        &v2("(id: 1, name: \"Bob\", email: \"bob@x.com\")"),
    );
    let o = run(&[
        "merge",
        p(&base),
        p(&ours),
        p(&theirs),
        "--path",
        "team.ron",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("team.ron merged cleanly"), "{}", err(&o));
    let s = store::load(&ours).expect("merged store parses");
    let mut names: Vec<&str> = s.people.iter().map(|x| x.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Ada", "Bob"]);
    assert_ne!(s.people[0].id, s.people[1].id);
    assert!(merge::findings(&s).is_empty());
}

#[test]
fn merge_refuses_an_unparsable_input_and_leaves_ours_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = write(&dir, "base", &v2(""));
    let ours_text = v2("(id: 1, name: \"Ada\")");
    let ours = write(&dir, "ours", &ours_text);
    let theirs = write(
        &dir,
        "theirs",
        "(\n    version: 3,\n    profile: (\n        partner: 7,\n",
    );
    let o = run(&[
        "merge",
        p(&base),
        p(&ours),
        p(&theirs),
        "--path",
        "team.ron",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let e = err(&o);
    assert!(e.contains("team.ron (theirs, "), "names the input: {e}");
    assert!(e.contains(":4:"), "names the line: {e}");
    assert!(e.contains("ours left as it was"), "{e}");
    assert_eq!(std::fs::read_to_string(&ours).expect("read"), ours_text);
}

#[test]
fn an_entry_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = store::parse(
        &v2("(id: 5, name: \"Cy\", email: \"cy@x.com\")"),
        Path::new("b"),
    )
    .expect("base");
    let mut ours = base.clone();
    ours.people.clear();
    let mut theirs = base.clone();
    theirs.people[0].name = "Cy Young".into();
    let mut m = merge::merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.people.len(), 1, "kept until resolved: nothing lost");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].place, "people[id=5]");
    assert!(m.conflicts[0].ours.is_null());
    assert_eq!(m.conflicts[0].theirs["name"], "Cy Young");
    // The conflict survives a save and load as readable RON.
    let text = store::to_ron(&m).expect("serialises");
    assert!(text.contains("place: \"people[id=5]\""), "{text}");
    assert!(text.contains("ours: ()"), "{text}");
    assert_eq!(store::parse(&text, Path::new("m")).expect("parses"), m);

    let said = merge::resolve(&mut m, 0, Side::Ours).expect("resolves");
    assert_eq!(said, "people[id=5]: kept ours");
    assert!(m.people.is_empty(), "ours deleted it");
    assert!(m.conflicts.is_empty());
    assert!(
        merge::resolve(&mut m, 0, Side::Ours).is_err(),
        "no conflict left"
    );
}

#[test]
fn a_conflict_about_a_missing_entry_is_dangling_and_fix_drops_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s: Store = store::parse(&v2("(id: 1, name: \"Ada\")"), Path::new("x")).expect("parses");
    s.conflicts.push(apn_scorecard::domain::Conflict {
        place: "people[id=999].name".into(),
        entry: "Gone".into(),
        ours: "A".into(),
        theirs: "B".into(),
    });
    let data = dir.path().join("s.ron");
    store::save(&data, &s).expect("save");
    let o = run(&["--data", p(&data), "validate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("conflict 1 is about \"people[id=999].name\", which is not in the store"),
        "{}",
        out(&o)
    );
    let o = run(&["--data", p(&data), "validate", "--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("drop conflict 1 about people[id=999].name"),
        "{}",
        out(&o)
    );
    assert!(store::load(&data).expect("loads").conflicts.is_empty());
    assert!(merge::read_only_banner(&store::load(&data).expect("loads")).is_none());
    assert!(merge::read_only_banner(&s).is_some_and(|b| b.starts_with("Read-only: ")));
}

fn person(id: u64, name: &str, email: &str) -> apn_scorecard::domain::Person {
    let mut p = apn_scorecard::domain::Person::new(id, name);
    p.email = email.into();
    p
}

#[test]
fn entries_added_on_both_sides_join_by_natural_key() {
    use apn_scorecard::domain::{
        Accreditation, AccreditationKind, Certification, Money, Opportunity, Stage,
    };
    let day = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
    let base = store::parse(&v2(""), Path::new("b")).expect("base");
    let cert = |id| Certification {
        id,
        exam: "SAA-C03".into(),
        earned: day("2026-02-02"),
        expires: None,
        added: None,
        changed: None,
    };
    let opp = |id, customer: &str| Opportunity {
        id,
        ace_id: "O77".into(),
        customer: customer.into(),
        title: String::new(),
        stage: Stage::Prospect,
        mrr: Money(0),
        launch_date: None,
        referenceable: false,
        added: None,
        changed: None,
    };
    let acc = |id| Accreditation {
        id,
        kind: AccreditationKind::Business,
        earned: day("2026-03-03"),
        expires: None,
        added: None,
        changed: None,
    };
    let big = MIN_NEW_ID;
    let mut ours = base.clone();
    let mut a = person(big + 20, "Ada", "ADA@x.com");
    a.certifications.push(cert(big + 21));
    a.accreditations.push(acc(big + 23));
    ours.people.push(a);
    ours.opportunities.push(opp(big + 22, "Acme"));
    let mut theirs = base.clone();
    let mut b = person(big + 10, "Ada", "ada@x.com ");
    b.linked = false;
    b.certifications.push(cert(big + 11));
    b.accreditations.push(acc(big + 13));
    theirs.people.push(b);
    theirs.opportunities.push(opp(big + 12, "Acme Corp"));

    let m = merge::merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.people.len(), 1, "same email, one person");
    assert_eq!(
        m.people[0].id,
        big + 10,
        "the smaller id, whichever side is ours"
    );
    assert_eq!(
        m.people[0].certifications.len(),
        1,
        "same exam and day, one certification"
    );
    assert_eq!(
        m.people[0].accreditations.len(),
        1,
        "same kind and day, one accreditation"
    );
    assert_eq!(m.opportunities.len(), 1, "same ACE id, one opportunity");
    let places: Vec<&str> = m.conflicts.iter().map(|c| c.place.as_str()).collect();
    assert!(
        places.contains(&format!("people[id={}].linked", big + 10).as_str()),
        "{places:?}"
    );
    assert!(
        places.contains(&format!("opportunities[id={}].customer", big + 12).as_str()),
        "{places:?}"
    );
}

#[test]
fn different_fields_merge_and_changed_takes_the_later_day() {
    let day = |s: &str| Some(s.parse::<chrono::NaiveDate>().expect("date"));
    let mut base = store::parse(&v2(""), Path::new("b")).expect("base");
    base.people.push(person(7, "Ada", "ada@x.com"));
    let mut ours = base.clone();
    ours.people[0].name = "Ada L".into();
    ours.people[0].changed = day("2026-03-01");
    let mut theirs = base.clone();
    theirs.people[0].left_on = day("2026-10-01");
    theirs.people[0].changed = day("2026-05-01");
    let m = merge::merge(&base, &ours, &theirs).expect("merges");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let p = &m.people[0];
    assert_eq!((p.name.as_str(), p.left_on), ("Ada L", day("2026-10-01")));
    assert_eq!(p.changed, day("2026-05-01"));
}

#[test]
fn resolve_all_keeps_one_side_everywhere_and_a_wrong_number_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = write(
        &dir,
        "base",
        &v2("(id: 1, name: \"Ada\", email: \"a@x.com\"), (id: 2, name: \"Bob\")"),
    );
    let ours = write(
        &dir,
        "ours",
        &v2("(id: 1, name: \"Ada L\", email: \"a@x.com\"), (id: 2, name: \"Bob B\")"),
    );
    let theirs = write(
        &dir,
        "theirs",
        &v2("(id: 1, name: \"Ada M\", email: \"a@y.com\"), (id: 2, name: \"Bob C\")"),
    );
    let o = run(&["merge", p(&base), p(&ours), p(&theirs)]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("2 open conflicts"), "{}", err(&o));
    let o = run(&["--data", p(&ours), "resolve", "4", "ours"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("there is no conflict 4"), "{}", err(&o));
    let o = run(&["--data", p(&ours), "resolve", "all", "theirs"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("0 conflicts open"), "{}", out(&o));
    let s = store::load(&ours).expect("loads");
    let names: Vec<&str> = s.people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Ada M", "Bob C"]);
    assert_eq!(s.people[0].email, "a@y.com");
}

#[test]
fn an_empty_base_from_an_add_add_merge_is_no_entries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = write(&dir, "base", "");
    let ours = write(
        &dir,
        "ours",
        &v2("(id: 1, name: \"Ada\", email: \"a@x.com\")"),
    );
    let theirs = write(
        &dir,
        "theirs",
        &v2("(id: 2, name: \"Bob\", email: \"b@x.com\")"),
    );
    let o = run(&["merge", p(&base), p(&ours), p(&theirs)]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(store::load(&ours).expect("loads").people.len(), 2);
}
