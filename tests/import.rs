//! `apn-scorecard import` and `report --check`, run as the built binary against a store made by
//! `init` in a temp folder, with the fixtures under `tests/fixtures/import/`.

use apn_scorecard::domain::{AccreditationKind, Money, Stage, Store};
use apn_scorecard::store;
use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");
const TODAY: &str = "2026-11-26";
const KINDS: [&str; 5] = [
    "certifications",
    "accreditations",
    "opportunities",
    "references",
    "csat",
];

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("APN_SCORECARD_TODAY", TODAY)
        .env_remove("APN_SCORECARD_DATA")
        .env_remove("NO_COLOR")
        .output()
        .expect("run apn-scorecard")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    Path::new("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// A new Select store (review 2026-01-15, APN renewal 2026-04-01) in its own temp folder.
struct Data {
    _dir: TempDir,
    path: PathBuf,
}

impl Data {
    fn new() -> Data {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store.ron");
        let o = run(&[
            "--data",
            p(&path),
            "init",
            "--partner",
            "Example Cloud",
            "--tier",
            "select",
            "--tier-review",
            "2026-01-15",
            "--apn-renewal",
            "2026-04-01",
        ]);
        assert!(o.status.success(), "init: {}", err(&o));
        Data { _dir: dir, path }
    }

    fn import(&self, kind: &str, file: &str, extra: &[&str]) -> Output {
        let f = fixture(file);
        let mut args = vec!["--data", p(&self.path), "import", kind, f.as_str()];
        args.extend_from_slice(extra);
        run(&args)
    }

    /// Imports and insists it worked.
    fn import_ok(&self, kind: &str, file: &str) -> String {
        let o = self.import(kind, file, &[]);
        assert!(o.status.success(), "{kind} {file}: {}", err(&o));
        out(&o)
    }

    fn store(&self) -> Store {
        store::load(&self.path).expect("load store")
    }

    fn bytes(&self) -> Vec<u8> {
        fs::read(&self.path).expect("read store")
    }
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// The store with every id removed and every list in content order: new ids are random, so two
/// imports of the same rows differ only in them.
fn without_ids(s: &Store) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("id");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => {
                a.iter_mut().for_each(strip);
                a.sort_by_key(|x| x.to_string());
            }
            _ => {}
        }
    }
    let mut v = serde_json::to_value(s).expect("store to JSON");
    strip(&mut v);
    v
}

fn holdings(s: &Store) -> (usize, usize) {
    (
        s.people.iter().map(|p| p.certifications.len()).sum(),
        s.people.iter().map(|p| p.accreditations.len()).sum(),
    )
}

#[test]
fn certifications_create_people_and_keep_file_expiries() {
    let data = Data::new();
    let o = data.import_ok("certifications", "certifications.csv");
    assert!(o.contains("added: 5 people, 7 certifications"), "{o}");
    let s = data.store();
    assert_eq!(s.people.len(), 5);
    assert_eq!(holdings(&s), (7, 0));
    let mia = s.person_by_email("MIA@example.com").expect("Mia by email");
    assert_eq!(mia.certifications.len(), 2, "two rows, one person");
    let dva = mia
        .certifications
        .iter()
        .find(|c| c.exam == "DVA-C02")
        .expect("DVA");
    assert_eq!(dva.expiry(), d("2029-01-01"), "the file's expiry wins");
    let clf = mia
        .certifications
        .iter()
        .find(|c| c.exam == "CLF-C02")
        .expect("exam code stored in catalogue spelling");
    assert_eq!(clf.earned, d("2026-03-15"), "MM/DD/YYYY read");
    assert_eq!(
        clf.expiry(),
        d("2029-03-15"),
        "blank expiry: earned + 3 years"
    );
    let lee = s.person_by_email("lee@example.com").expect("Lee");
    assert!(
        lee.certifications.iter().any(|c| c.exam == "SAP-C02"),
        "exam by name resolves to its code"
    );
    assert!(!s.person_by_email("noa@example.com").expect("Noa").linked);
    assert_eq!(
        s.person_by_email("oli@example.com").expect("Oli").left_on,
        Some(d("2026-10-01"))
    );
    assert_eq!(lee.added, Some(d(TODAY)));
    assert_eq!(dva.added, Some(d(TODAY)));
}

#[test]
fn accreditations_by_kind_or_course_name() {
    let data = Data::new();
    data.import_ok("certifications", "certifications.csv");
    let o = data.import_ok("accreditations", "accreditations.csv");
    assert!(o.contains("added: 1 person, 5 accreditations"), "{o}");
    assert!(o.contains("Kai Moe <kai@example.com>"), "{o}");
    let s = data.store();
    assert_eq!(s.people.len(), 6, "only Kai is new");
    let kinds: Vec<AccreditationKind> = s
        .people
        .iter()
        .flat_map(|p| p.accreditations.iter().map(|a| a.kind))
        .collect();
    let n = |k| kinds.iter().filter(|x| **x == k).count();
    assert_eq!(n(AccreditationKind::Technical), 3);
    assert_eq!(n(AccreditationKind::Business), 2);
}

#[test]
fn ace_export_launch_dates_stages_and_money() {
    let data = Data::new();
    let o = data.import_ok("opportunities", "opportunities.csv");
    assert!(o.contains("added: 5 opportunities"), "{o}");
    let s = data.store();
    let get = |id: &str| s.opportunity_by_ace_id(id).expect(id);
    let acme = get("O1000001");
    assert_eq!(acme.mrr, Money(250_050), "2,500.50");
    assert_eq!(acme.launch_date, Some(d("2026-05-01")), "Launch Date wins");
    assert_eq!(acme.title, "Data lake");
    assert_eq!(
        get("O1000002").launch_date,
        Some(d("2026-06-30")),
        "no Launch Date: Target Close Date"
    );
    let delta = get("O1000004");
    assert_eq!(delta.stage, Stage::Committed);
    assert_eq!(
        delta.launch_date,
        Some(d("2027-01-31")),
        "expected launch = target close"
    );
    assert_eq!(get("O1000005").stage, Stage::ClosedLost);
}

#[test]
fn references_and_csat() {
    let data = Data::new();
    let o = data.import_ok("references", "references.csv");
    assert!(o.contains("added: 2 references"), "{o}");
    let o = data.import_ok("csat", "csat.csv");
    assert!(o.contains("added: 5 CSAT responses"), "{o}");
    let s = data.store();
    assert_eq!(s.references.len(), 2);
    assert!(
        s.references
            .iter()
            .any(|r| r.url == "https://example.com/acme")
    );
    assert_eq!(s.csat.len(), 5);
    // The file lists entries by their (random) ids, so compare without order.
    let mut ratings: Vec<u8> = s.csat.iter().map(|c| c.rating).collect();
    ratings.sort_unstable();
    assert_eq!(ratings, vec![3, 4, 4, 5, 5]);
    assert_eq!(s.csat.iter().filter(|c| c.consent).count(), 2);
    assert!(
        s.csat.iter().any(|c| c.comment == "Fast, careful"),
        "quoted comma kept"
    );
}

#[test]
fn drifted_headers_import_the_same_entries() {
    for kind in KINDS {
        let (a, b) = (Data::new(), Data::new());
        a.import_ok(kind, &format!("{kind}.csv"));
        b.import_ok(kind, &format!("{kind}_drifted.csv"));
        assert_eq!(
            without_ids(&a.store()),
            without_ids(&b.store()),
            "{kind}: drifted file differs"
        );
        assert_ne!(a.store(), Data::new().store(), "{kind}: imported nothing");
    }
}

/// (kind, expected "line N, column C: reason" fragments, good rows in the file)
const BAD: [(&str, &[&str], usize); 5] = [
    (
        "certifications",
        &[
            "line 3, column exam: unknown exam 'XYZ-C99'",
            "line 4, column earned: '2025-02-30' is not a day on the calendar",
            "line 5, column expires: 2024-01-01 is not after earned 2025-05-05",
            "line 6, column email: 'kai-at-example.com' is not an email address",
        ],
        1,
    ),
    (
        "accreditations",
        &[
            "line 3, column accreditation: unknown accreditation 'Cloud Wizard'",
            "line 4, column email: is empty",
            "line 5, column earned: 'yesterday' is not a date",
        ],
        1,
    ),
    (
        "opportunities",
        &[
            "line 3, column Stage: unknown stage 'Won'",
            "line 4, column Estimated AWS Monthly Recurring Revenue: 'lots' is not an amount",
            "line 5, column Launch Date: a Launched opportunity needs a Launch Date or a Target Close Date",
            "line 6, column Opportunity Id: is empty",
        ],
        1,
    ),
    (
        "references",
        &[
            "line 3, column date: '2026-13-01' is not a day on the calendar",
            "line 4, column customer: is empty",
        ],
        1,
    ),
    (
        "csat",
        &[
            "line 3, column rating: 9 is not between 1 and 5",
            "line 4, column rating: 'five' is not a whole number from 1 to 5",
            "line 5, column consent: 'maybe' is not yes or no",
        ],
        1,
    ),
];

#[test]
fn a_bad_row_stops_the_import_and_every_bad_row_is_listed() {
    for (kind, reasons, _) in BAD {
        let data = Data::new();
        let before = data.bytes();
        let o = data.import(kind, &format!("{kind}_bad.csv"), &[]);
        assert_eq!(o.status.code(), Some(1), "{kind}");
        let e = err(&o);
        assert!(
            e.contains(&format!("nothing imported, {} bad rows", reasons.len())),
            "{kind}: {e}"
        );
        for r in reasons {
            assert!(e.contains(r), "{kind}: missing '{r}' in\n{e}");
        }
        assert!(e.contains("--skip-bad"), "{e}");
        assert_eq!(data.bytes(), before, "{kind}: store changed");
    }
}

#[test]
fn skip_bad_imports_the_good_rows_and_lists_the_rest() {
    for (kind, reasons, good) in BAD {
        let data = Data::new();
        let o = data.import(kind, &format!("{kind}_bad.csv"), &["--skip-bad"]);
        assert!(o.status.success(), "{kind}: {}", err(&o));
        let text = out(&o);
        assert!(
            text.contains(&format!("Skipped {} bad rows", reasons.len())),
            "{kind}: {text}"
        );
        for r in reasons {
            assert!(text.contains(r), "{kind}: missing '{r}' in\n{text}");
        }
        let s = data.store();
        let n = match kind {
            "certifications" => holdings(&s).0,
            "accreditations" => holdings(&s).1,
            "opportunities" => s.opportunities.len(),
            "references" => s.references.len(),
            _ => s.csat.len(),
        };
        assert_eq!(n, good, "{kind}");
    }
}

#[test]
fn a_missing_required_column_is_named_and_nothing_is_written() {
    let data = Data::new();
    let before = data.bytes();
    for extra in [&[][..], &["--skip-bad"]] {
        let o = data.import("csat", "csat_missing_column.csv", extra);
        assert_eq!(o.status.code(), Some(1));
        let e = err(&o);
        assert!(
            e.contains("line 1, column rating: required column is missing"),
            "{e}"
        );
        assert!(
            e.contains("customer, date, comment"),
            "names what it found: {e}"
        );
    }
    assert_eq!(data.bytes(), before);
}

#[test]
fn dry_run_names_the_changes_and_writes_nothing() {
    let data = Data::new();
    let before = data.bytes();
    let o = data.import("certifications", "certifications.csv", &["--dry-run"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("added: 5 people, 7 certifications"), "{text}");
    assert!(
        text.contains(
            "+ certification: DVA-C02 earned 2026-04-02 by Mia Chen (expires 2029-01-01)"
        ),
        "{text}"
    );
    assert!(text.contains("Nothing written"), "{text}");
    assert_eq!(data.bytes(), before);
    assert!(!store::backup_path(&data.path).exists(), "no backup either");
}

#[test]
fn importing_twice_changes_nothing_the_second_time() {
    let data = Data::new();
    for kind in KINDS {
        data.import_ok(kind, &format!("{kind}.csv"));
        let before = data.bytes();
        let again = data.import_ok(kind, &format!("{kind}.csv"));
        assert!(again.contains("nothing to change"), "{kind}: {again}");
        assert_eq!(
            data.bytes(),
            before,
            "{kind}: second import rewrote the store"
        );
        // The drifted spelling of the same rows is the same entries too.
        let drifted = data.import_ok(kind, &format!("{kind}_drifted.csv"));
        assert!(drifted.contains("nothing to change"), "{kind}: {drifted}");
    }
}

#[test]
fn upsert_updates_in_place() {
    let data = Data::new();
    data.import_ok("certifications", "certifications.csv");
    data.import_ok("opportunities", "opportunities.csv");
    let o = data.import_ok("certifications", "certifications_update.csv");
    assert!(o.contains("updated: 1 certification"), "{o}");
    assert!(
        o.contains("SAA-C03 earned 2025-01-10 by Lee Park: expires 2027-06-01 (was 2028-01-10)"),
        "{o}"
    );
    let o = data.import_ok("opportunities", "opportunities_update.csv");
    assert!(
        o.contains("O1000004 Delta Co: stage Committed -> Launched, MRR $1,200 -> $1,250, launch 2027-01-31 -> 2026-11-20"),
        "{o}"
    );
    let s = data.store();
    assert_eq!(holdings(&s).0, 7, "no certification added");
    let lee = s.person_by_email("lee@example.com").expect("Lee");
    let saa = lee
        .certifications
        .iter()
        .find(|c| c.exam == "SAA-C03")
        .expect("SAA");
    assert_eq!(saa.expiry(), d("2027-06-01"));
    assert_eq!(saa.changed, Some(d(TODAY)));
    assert_eq!(s.opportunities.len(), 5, "no opportunity added");
    let delta = s.opportunity_by_ace_id("O1000004").expect("Delta");
    assert_eq!(
        (delta.stage, delta.launch_date),
        (Stage::Launched, Some(d("2026-11-20")))
    );
}

#[test]
fn a_locked_store_is_not_imported_into() {
    let data = Data::new();
    let before = data.bytes();
    let _held = store::lock(&data.path).expect("take the lock");
    let o = data.import("csat", "csat.csv", &[]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("is open in another apn-scorecard; close it and retry"),
        "{e}"
    );
    assert_eq!(data.bytes(), before);
}

#[test]
fn no_store_yet_says_how_to_make_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("none.ron");
    let f = fixture("csat.csv");
    let o = run(&["--data", p(&path), "import", "csat", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("apn-scorecard init"), "{}", err(&o));
    let left: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "nothing created: {left:?}");
}

#[test]
fn demo_is_never_imported_into() {
    let f = fixture("csat.csv");
    let o = run(&["--demo", "import", "csat", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("--demo never writes"), "{}", err(&o));
}

#[test]
fn check_exits_1_while_a_renewal_row_is_unmet() {
    let o = run(&["--demo", "report", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("Renewal (Select): not met"),
        "report still printed"
    );
    assert_eq!(run(&["--demo", "report"]).status.code(), Some(0));

    // A new store is short everywhere; after the fixtures it meets every Select renewal row.
    let data = Data::new();
    let check = || run(&["--data", p(&data.path), "report", "--check"]);
    assert_eq!(check().status.code(), Some(1));
    for kind in KINDS {
        data.import_ok(kind, &format!("{kind}.csv"));
    }
    let o = check();
    assert!(out(&o).contains("Renewal (Select): met"), "{}", out(&o));
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    // The upgrade column is still short: --check is about keeping the tier.
    assert!(
        out(&o).contains("Upgrade (Advanced): not met"),
        "{}",
        out(&o)
    );
}

#[test]
fn report_lists_next_actions_and_lapses() {
    let data = Data::new();
    for kind in KINDS {
        data.import_ok(kind, &format!("{kind}.csv"));
    }
    for format in ["text", "markdown"] {
        let o = run(&["--data", p(&data.path), "report", "--format", format]);
        let t = out(&o);
        assert!(t.contains("Next actions"), "{format}: {t}");
        // Noa's certification is not linked: named as an action.
        assert!(t.contains("Noa Levi"), "{format}: {t}");
        assert!(
            t.contains("At risk / lapses within 90 days"),
            "{format}: {t}"
        );
        // Beta's reference of 2025-12-10 is the second of the two the upgrade column needs.
        assert!(
            t.contains("2026-12-10: Beta LLC: reference approved 2025-12-10 leaves")
                || t.contains("2026-12-10  Beta LLC: reference approved 2025-12-10 leaves"),
            "{format}: {t}"
        );
        assert!(
            t.contains("2026-12-10  Upgrade (Advanced): Public customer references turns unmet")
                || t.contains(
                    "2026-12-10: Upgrade (Advanced): Public customer references turns unmet"
                ),
            "{format}: {t}"
        );
        assert!(!t.contains("Nothing is at risk"), "{format}: {t}");
    }
}

/// Writes `text` as a CSV beside the store and imports it.
fn import_text(data: &Data, kind: &str, text: &str) -> Output {
    let csv = data.path.with_file_name("hand.csv");
    fs::write(&csv, text).expect("write csv");
    run(&["--data", p(&data.path), "import", kind, p(&csv)])
}

#[test]
fn an_unclosed_quote_is_named_instead_of_an_empty_cell_later() {
    let data = Data::new();
    let before = data.bytes();
    let o = import_text(
        &data,
        "certifications",
        "name,email,exam,earned\n\"Lee Park,lee@example.com,SAA-C03,2025-01-01\n\
         Mia Chen,mia@example.com,SAA-C03,2025-01-01\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("line 2, column name: a quote (\") opens a cell here and is never closed"),
        "{e}"
    );
    assert!(!e.contains("is empty"), "{e}");
    assert_eq!(data.bytes(), before, "nothing written");
}

#[test]
fn a_duplicate_header_is_refused_naming_both_columns() {
    let data = Data::new();
    let before = data.bytes();
    let o = import_text(
        &data,
        "certifications",
        "name,email,exam,earned,Email\nLee Park,lee@example.com,SAA-C03,2025-01-01,x@y.z\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("column 2 ('email') and column 5 ('Email') have the same name"),
        "{e}"
    );
    assert_eq!(data.bytes(), before, "nothing written");
}

#[test]
fn an_mrr_too_large_to_add_up_is_refused_naming_the_column() {
    let data = Data::new();
    let before = data.bytes();
    let o = import_text(
        &data,
        "opportunities",
        "Opportunity Id,Customer Company Name,Stage,Estimated AWS Monthly Recurring Revenue,\
         Target Close Date\n\
         O1,Acme,Launched,\"92,233,720,368,547,758.07\",04/15/2026\n\
         O2,Beta,Launched,\"92,233,720,368,547,758.07\",04/15/2026\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    for line in [2, 3] {
        assert!(
            e.contains(&format!(
                "line {line}, column Estimated AWS Monthly Recurring Revenue: \
                 $92,233,720,368,547,758.07 is more than $1,000,000,000 a month"
            )),
            "{e}"
        );
    }
    assert_eq!(data.bytes(), before, "nothing written");
}

/// A hand-edited store whose MRRs overflow when added: `report` refuses with the field named
/// instead of printing a saturated total, and `validate` lists both amounts.
#[test]
fn a_hand_edited_mrr_sum_that_overflows_is_refused_not_saturated() {
    let data = Data::new();
    let mut s = data.store();
    for (id, customer) in [(1, "Acme"), (2, "Beta")] {
        s.opportunities.push(apn_scorecard::domain::Opportunity {
            id,
            ace_id: format!("O{id}"),
            customer: customer.into(),
            title: String::new(),
            stage: Stage::Launched,
            mrr: Money(i64::MAX),
            launch_date: Some(d("2026-05-01")),
            referenceable: false,
            added: None,
            changed: None,
        });
    }
    store::save(&data.path, &s).expect("save");
    let o = run(&["--data", p(&data.path), "report"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let e = err(&o);
    assert!(
        e.contains("opportunities[id=2 \"Beta\"].mrr: the amounts add up to more than"),
        "{e}"
    );
    assert!(
        !out(&o).contains("92,233,720,368,547,758"),
        "no saturated total"
    );
    let v = run(&["--data", p(&data.path), "validate"]);
    assert_eq!(v.status.code(), Some(1));
    let listed = out(&v);
    assert_eq!(
        listed.matches("too large to add up safely").count(),
        2,
        "{listed}"
    );
}

/// 20,000 rows (progress shows from 10,000 rows up), one person each.
fn many_rows() -> String {
    let mut s = String::from("name,email,exam,earned\n");
    for i in 0..20_000 {
        s.push_str(&format!("P {i},p{i}@example.com,SAA-C03,2025-01-01\n"));
    }
    s
}

#[test]
fn import_progress_goes_to_a_terminal_only() {
    let data = Data::new();
    let csv = data.path.with_file_name("many.csv");
    fs::write(&csv, many_rows()).expect("csv");
    let args = [
        "--data",
        p(&data.path),
        "import",
        "certifications",
        p(&csv),
        "--dry-run",
    ];
    // Piped stderr (a script, a log): no progress line, no carriage returns.
    let o = run(&args);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!err(&o).contains("planning"), "{}", err(&o));
    assert!(!err(&o).contains('\r'));
    assert!(out(&o).contains("added: 20000 people, 20000 certifications"));

    // On a terminal (util-linux `script` gives the command a pseudo-terminal).
    let line = std::iter::once(BIN)
        .chain(args)
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let Ok(t) = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("APN_SCORECARD_TODAY", TODAY)
        .stdin(std::process::Stdio::null())
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs util-linux `script`"
        );
        eprintln!("skipping the terminal half: no `script` command");
        return;
    };
    let shown = String::from_utf8_lossy(&t.stdout);
    assert!(t.status.success(), "{shown}");
    assert!(
        shown.contains("planning the import: 48% (10000 rows)"),
        "{shown}"
    );
    assert!(shown.contains("added: 20000 people"), "{shown}");
}
