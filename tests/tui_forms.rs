//! Forms that type like forms, and the dashboard import's bad rows (issue 14): the exam picker,
//! the first keystroke replacing a shown value, duplicates, the profile's tier and target, the
//! person popup's keys, and an import with bad rows that scrolls and can skip them. Each test
//! drives keys and reads the App, the drawn screen and the saved store.

mod screen;
use apn_scorecard::domain::{Stage, Store, Tier};
use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use apn_scorecard::tui::effect::Worker;
use apn_scorecard::tui::keymap::Mode;
use apn_scorecard::tui::tables::TableKind;
use apn_scorecard::tui::ui::theme::Theme;
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen::draw;
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A temp folder holding the demo store as `scorecard.ron`.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let demo = apn_scorecard::assets::demo_store(today()).expect("demo");
    store::save(&path, &demo).expect("save demo");
    (dir, path)
}

fn open(path: &Path) -> App {
    let s = store::load(path).expect("load");
    let mut app = App::new(s, Program::embedded().expect("program"), today(), today());
    app.theme = Theme::plain();
    app.attach_file(path.to_path_buf());
    app
}

fn on_disk(path: &Path) -> Store {
    store::load(path).expect("reload from disk")
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
}

fn press(app: &mut App, code: KeyCode) {
    key(app, code, KeyModifiers::NONE);
}

fn ctrl(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        let m = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        key(app, KeyCode::Char(c), m);
    }
}

fn status(app: &App) -> String {
    app.status.clone().unwrap_or_default()
}

fn field_text(app: &App, i: usize) -> String {
    app.form().expect("form open").fields[i].text().to_string()
}

fn field_error(app: &App, i: usize) -> String {
    app.form().expect("form open").fields[i]
        .error
        .clone()
        .unwrap_or_default()
}

/// The picker's codes, best first.
fn offered(app: &App) -> Vec<String> {
    let form = app.form().expect("form open");
    let f = &form.fields[form.focus];
    f.picker
        .as_ref()
        .map(|p| p.candidates.iter().map(|c| c.code.clone()).collect())
        .unwrap_or_default()
}

/// Opens the detail of the first employed, linked person on the Knowledge tab matching `pick`.
fn open_person(app: &mut App, pick: impl Fn(&apn_scorecard::domain::Person) -> bool) -> u64 {
    typ(app, "2");
    let row = app
        .table(TableKind::People)
        .rows
        .iter()
        .position(|&i| pick(&app.store.people[i]))
        .expect("a person to pick");
    for _ in 0..row {
        typ(app, "j");
    }
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Detail);
    app.detail_person().expect("person").id
}

fn employed(p: &apn_scorecard::domain::Person) -> bool {
    p.linked && p.left_on.is_none()
}

#[test]
fn the_exam_picker_lists_candidates_arrows_choose_and_enter_saves_the_chosen_one() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, employed);
    typ(&mut a, "c");
    assert_eq!(a.mode(), Mode::Form);
    typ(&mut a, "solutions architect");
    assert_eq!(a.mode(), Mode::Picker, "typing opens the picker");
    assert_eq!(offered(&a), ["SAA-C03", "SAA-C02", "SAP-C02", "SAP-C01"]);
    let screen = draw(&a, 100, 30);
    assert!(screen.contains("▸ SAA-C03"), "{screen}");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    let screen = draw(&a, 100, 30);
    assert!(screen.contains("▸ SAP-C02"), "the choice moves: {screen}");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail, "saved: {:?}", a.form());
    assert!(status(&a).contains("Added SAP-C02"), "{}", status(&a));
    let disk = on_disk(&path);
    let p = disk.person(pid).expect("person");
    assert!(
        p.certifications
            .iter()
            .any(|c| c.exam == "SAP-C02" && c.earned == today()),
        "saved on disk"
    );
}

#[test]
fn words_in_any_order_without_dashes_and_tab_accepts_the_first_candidate() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, employed);
    typ(&mut a, "c");
    typ(&mut a, "associate ARCHITECT solutions");
    assert_eq!(offered(&a).first().map(String::as_str), Some("SAA-C03"));
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.mode(), Mode::Form, "the list closes");
    assert_eq!(field_text(&a, 0), "SAA-C03");
    assert_eq!(a.form().expect("form").focus, 1, "tab moves on");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail);
    let n = on_disk(&path)
        .person(pid)
        .expect("person")
        .certifications
        .iter()
        .filter(|c| c.exam == "SAA-C03" && c.earned == today())
        .count();
    assert_eq!(n, 1);
}

#[test]
fn the_version_current_on_the_earned_date_comes_first() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, employed);
    typ(&mut a, "c");
    press(&mut a, KeyCode::Tab);
    // The earned date shows today; the first keystroke replaces it.
    typ(&mut a, "2022-05-01");
    assert_eq!(field_text(&a, 1), "2022-05-01");
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    typ(&mut a, "cloud practitioner");
    assert_eq!(offered(&a), ["CLF-C01", "CLF-C02"]);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail, "{:?}", a.form());
    let disk = on_disk(&path);
    assert!(
        disk.person(pid)
            .expect("person")
            .certifications
            .iter()
            .any(|c| c.exam == "CLF-C01" && c.earned == day("2022-05-01"))
    );
}

#[test]
fn enter_on_a_name_with_the_list_closed_resolves_it_and_never_says_unknown_exam() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, employed);
    typ(&mut a, "c");
    typ(&mut a, "cloud practitioner");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Form, "esc closes the list, not the form");
    assert_eq!(field_text(&a, 0), "cloud practitioner", "typing kept");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail, "{:?}", a.form());
    assert!(!status(&a).contains("unknown exam"));
    let disk = on_disk(&path);
    assert!(
        disk.person(pid)
            .expect("person")
            .certifications
            .iter()
            .any(|c| c.exam == "CLF-C02" && c.earned == today())
    );
    // A vague name with the list closed is refused with both exams, typing kept.
    typ(&mut a, "c");
    typ(&mut a, "solutions architect");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Form);
    let err = field_error(&a, 0);
    assert!(err.contains("SAA-C03") && err.contains("SAP-C02"), "{err}");
    assert_eq!(field_text(&a, 0), "solutions architect");
}

#[test]
fn the_planned_exam_form_picks_too() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, employed);
    typ(&mut a, "p");
    typ(&mut a, "security specialty");
    assert_eq!(
        offered(&a).first().map(String::as_str),
        Some("SCS-C03"),
        "the version current today first"
    );
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "+30d");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail, "{:?}", a.form());
    let disk = on_disk(&path);
    assert!(
        disk.person(pid)
            .expect("person")
            .planned_exams
            .iter()
            .any(|x| x.exam == "SCS-C03" && x.target == day("2026-12-26"))
    );
}

#[test]
fn the_first_keystroke_replaces_a_default_and_choices_expand_as_typed() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "3a");
    typ(&mut a, "Contoso Ltd");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(field_text(&a, 3), "Prospect");
    typ(&mut a, "la");
    assert_eq!(field_text(&a, 3), "Launched", "la expands to Launched");
    press(&mut a, KeyCode::Tab);
    assert_eq!(field_text(&a, 4), "0");
    typ(&mut a, "2,500.50");
    assert_eq!(field_text(&a, 4), "2,500.50", "not 02,500.50");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "2026-11-01");
    press(&mut a, KeyCode::Tab);
    assert_eq!(field_text(&a, 6), "no");
    typ(&mut a, "y");
    assert_eq!(field_text(&a, 6), "yes");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal, "{:?}", a.form());
    let disk = on_disk(&path);
    let o = disk
        .opportunities
        .iter()
        .find(|o| o.customer == "Contoso Ltd")
        .expect("saved");
    assert_eq!(o.stage, Stage::Launched);
    assert_eq!(o.mrr.cents(), 250_050);
    assert_eq!(o.launch_date, Some(day("2026-11-01")));
    assert!(o.referenceable);
}

#[test]
fn cursor_moves_and_editing_keys_keep_a_default() {
    let (_d, path) = setup();
    let mut a = open(&path);
    // CSAT form: Customer, Date, Rating (5), ...
    typ(&mut a, "4l");
    typ(&mut a, "a");
    typ(&mut a, "Initech");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    assert_eq!(field_text(&a, 2), "5");
    typ(&mut a, "4");
    assert_eq!(field_text(&a, 2), "4", "rating 5 + 4 is 4, not 54");
    // Back on the date: a cursor move first keeps the value and edits it.
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(field_text(&a, 1), today().to_string());
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Backspace);
    typ(&mut a, "5");
    assert_eq!(field_text(&a, 1), "2026-11-25");
    press(&mut a, KeyCode::Enter);
    let disk = on_disk(&path);
    let c = disk
        .csat
        .iter()
        .find(|c| c.customer == "Initech" && c.date == day("2026-11-25"))
        .expect("saved");
    assert_eq!(c.rating, 4);
    // An opportunity's stored values: the first key replaces the customer; `←` first keeps MRR.
    typ(&mut a, "3e");
    let stored = field_text(&a, 0);
    assert!(!stored.is_empty());
    typ(&mut a, "Renamed Co");
    assert_eq!(field_text(&a, 0), "Renamed Co");
    for _ in 0..4 {
        press(&mut a, KeyCode::Tab);
    }
    let mrr = field_text(&a, 4);
    press(&mut a, KeyCode::Left);
    typ(&mut a, "9");
    let mut expect = mrr.clone();
    expect.insert(mrr.len() - 1, '9');
    assert_eq!(
        field_text(&a, 4),
        expect,
        "← kept {mrr} and the 9 went before its end"
    );
}

#[test]
fn the_as_of_prompt_takes_an_offset_typed_over_its_date() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "t");
    assert_eq!(a.input().map(|i| i.value()), Some("2026-11-26"));
    typ(&mut a, "+3m");
    assert_eq!(a.input().map(|i| i.value()), Some("+3m"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.as_of, day("2027-02-26"), "{}", status(&a));
    // A cursor move first keeps the date: editing it in place still works.
    typ(&mut a, "t");
    press(&mut a, KeyCode::Backspace);
    typ(&mut a, "7");
    assert_eq!(a.input().map(|i| i.value()), Some("2027-02-27"));
}

#[test]
fn the_same_exam_and_earned_date_twice_is_refused_on_the_exam_field() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, |p| employed(p) && !p.certifications.is_empty());
    let held = a.store.person(pid).expect("p").certifications[0].clone();
    let name = a.store.person(pid).expect("p").name.clone();
    let before = on_disk(&path);
    typ(&mut a, "c");
    typ(&mut a, &held.exam);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, &held.earned.to_string());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Form, "refused");
    let err = field_error(&a, 0);
    assert_eq!(
        err,
        format!("{name} already holds {} earned {}", held.exam, held.earned)
    );
    assert_eq!(field_text(&a, 0), held.exam, "typing kept");
    assert_eq!(field_text(&a, 1), held.earned.to_string(), "typing kept");
    assert_eq!(on_disk(&path), before, "nothing written");
    // Another day is another certification.
    press(&mut a, KeyCode::Tab);
    ctrl(&mut a, 'u');
    typ(&mut a, "-1d");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail, "{:?}", a.form());
}

#[test]
fn duplicate_messages_name_the_entry_without_internal_ids() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let existing = a
        .store
        .people
        .iter()
        .find(|p| !p.email.is_empty())
        .expect("an email")
        .clone();
    typ(&mut a, "2a");
    typ(&mut a, "Someone Else");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, &existing.email);
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        field_error(&a, 1),
        format!("{} is already {}", existing.email, existing.name)
    );
    press(&mut a, KeyCode::Esc);
    let ace = a
        .store
        .opportunities
        .iter()
        .find(|o| !o.ace_id.is_empty())
        .expect("an ACE id")
        .clone();
    typ(&mut a, "3a");
    typ(&mut a, "Dup Co");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, &ace.ace_id);
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        field_error(&a, 1),
        format!(
            "{} is already the opportunity of {}",
            ace.ace_id, ace.customer
        )
    );
}

#[test]
fn deleting_a_person_with_one_certification_says_1_certification() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "2");
    let row = a
        .table(TableKind::People)
        .rows
        .iter()
        .position(|&i| a.store.people[i].certifications.len() == 1)
        .expect("someone with one certification");
    for _ in 0..row {
        typ(&mut a, "j");
    }
    typ(&mut a, "d");
    let q = a.confirming().expect("asks").question();
    assert!(q.ends_with("(1 certification)?"), "{q}");
}

#[test]
fn the_person_popup_names_what_j_and_k_move_to_and_marks_the_line() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let pid = open_person(&mut a, |p| {
        p.certifications.len() >= 2 && !p.accreditations.is_empty()
    });
    let p = a.store.person(pid).expect("p").clone();
    let bar = |a: &App| draw(a, 120, 40).lines().last().unwrap_or("").to_string();
    let first = bar(&a);
    assert!(first.contains("j next certification"), "{first}");
    assert!(!first.contains("previous"), "nothing above: {first}");
    // To the last certification: j now moves to an accreditation.
    for _ in 1..p.certifications.len() {
        typ(&mut a, "j");
    }
    let last = bar(&a);
    assert!(last.contains("j next accreditation"), "{last}");
    assert!(last.contains("k previous certification"), "{last}");
    let screen = draw(&a, 120, 40);
    let marked = format!("▸ ✓ {}", p.certifications[p.certifications.len() - 1].exam);
    let marked_old = format!("▸ ✗ {}", p.certifications[p.certifications.len() - 1].exam);
    assert!(
        screen.contains(&marked) || screen.contains(&marked_old),
        "the selected line has ▸: {screen}"
    );
    assert!(
        screen.contains("j/k move ▸ · e edit · d delete"),
        "{screen}"
    );
    // At 80x24 the popup's key line fits whole.
    let small = draw(&a, 80, 24);
    assert!(
        small.contains("j/k move ▸ · e edit · d delete · c +cert · a +accred · p +plan"),
        "{small}"
    );
}

#[test]
fn raising_the_tier_to_the_target_moves_the_target_on() {
    let (_d, path) = setup();
    let mut a = open(&path);
    assert_eq!(
        (a.store.profile.tier, a.store.profile.target),
        (Tier::Select, Some(Tier::Advanced))
    );
    typ(&mut a, "P");
    assert_eq!(field_text(&a, 6), "", "Upgraded on is not pre-filled");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // Select -> Advanced
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal, "{:?}", a.form());
    let s = on_disk(&path);
    assert_eq!(s.profile.tier, Tier::Advanced);
    assert_eq!(
        s.profile.target_tier(),
        Tier::Premier,
        "no Advanced -> Advanced"
    );
    let change = s.profile.tier_history.last().expect("recorded");
    assert_eq!(change.date, today(), "blank upgrade date is today");
    assert!(
        status(&a).contains("the target is now Premier"),
        "{}",
        status(&a)
    );
    assert!(draw(&a, 120, 40).contains("Advanced → Premier"));
}

#[test]
fn an_unchanged_profile_says_no_change_and_records_no_undo_step() {
    let (_d, path) = setup();
    let mut a = open(&path);
    let bytes = std::fs::read(&path).expect("read");
    typ(&mut a, "P");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Normal);
    assert_eq!(status(&a), "No change");
    assert_eq!(a.history.undo_len(), 0, "no undo step");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "nothing written"
    );
    // The same for an entry: an unchanged opportunity is no change either.
    typ(&mut a, "3e");
    press(&mut a, KeyCode::Enter);
    assert_eq!(status(&a), "No change");
    assert_eq!(a.history.undo_len(), 0);
    typ(&mut a, "u");
    assert_eq!(status(&a), "Nothing to undo");
}

#[test]
fn an_upgrade_date_without_a_tier_change_is_refused_on_its_field() {
    let (_d, path) = setup();
    let mut a = open(&path);
    typ(&mut a, "P");
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    typ(&mut a, "2026-11-20");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Form);
    assert_eq!(
        field_error(&a, 6),
        "the tier did not change: leave this blank, or change the tier"
    );
    assert_eq!(field_text(&a, 6), "2026-11-20");
}

/// A certifications file with 3 good rows and 7 bad ones, some with long messages.
fn bad_file(dir: &Path) -> PathBuf {
    let path = dir.join("certs_with_bad_rows.csv");
    let csv = "name,email,exam,earned\n\
        Ada Good,ada.good@example.com,SAA-C03,2026-01-10\n\
        Bo Bad,bo@example.com,XYZ-C99,2026-03-15\n\
        Cy Bad,cy@example.com,SAA-C03,2025-02-30\n\
        Di Good,di.good@example.com,cloud practitioner,2026-02-01\n\
        Ed Bad,ed@example.com,AWS Certified Underwater Basket Weaving Specialty Professional Edition,2026-01-01\n\
        Fa Bad,fa@example.com,solutions architect,2026-01-01\n\
        Gu Bad,gu@example.com,SAA-C03,tomorrow-ish\n\
        Ha Good,ha.good@example.com,DOP-C02,2025-12-12\n\
        Io Bad,io@example.com,,2026-01-01\n\
        Jo Bad,jo@example.com,Quantum Entanglement Troubleshooting Associate Extended,2026-01-01\n";
    std::fs::write(&path, csv).expect("write csv");
    path
}

#[test]
fn import_bad_rows_scroll_to_every_row_whole_and_skip_bad_imports_the_good_ones() {
    let (dir, path) = setup();
    let mut a = open(&path);
    let file = bad_file(dir.path());
    let before = on_disk(&path);
    typ(&mut a, "2i");
    a.handle_event(&Event::Paste(file.display().to_string()));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::ImportErrors, "{}", status(&a));
    let bad: Vec<String> = match a.top() {
        Some(apn_scorecard::tui::overlay::Overlay::ImportErrors { bad, .. }) => {
            bad.iter().map(ToString::to_string).collect()
        }
        _ => panic!("bad rows shown"),
    };
    assert_eq!(bad.len(), 7, "{bad:?}");
    for (w, h) in [(80, 24), (120, 40)] {
        // Back to the first row, then every row in turn: each shows whole, no word cut.
        for _ in 0..bad.len() {
            typ(&mut a, "k");
        }
        for (i, row) in bad.iter().enumerate() {
            let screen = draw(&a, w, h);
            assert!(
                screen.contains(&format!("{} of 7", i + 1)),
                "{w}x{h} position: {screen}"
            );
            // Borders are not part of words.
            let plain = screen.replace('│', " ");
            let words: Vec<&str> = plain.split_whitespace().collect();
            for word in row.split_whitespace() {
                assert!(
                    words.contains(&word),
                    "{w}x{h}: row {i} word {word:?} cut or missing:\n{screen}"
                );
            }
            typ(&mut a, "j");
        }
        let screen = draw(&a, w, h);
        assert!(screen.contains("7 of 7"), "stops at the last row");
    }
    assert_eq!(on_disk(&path), before, "nothing written while previewing");
    typ(&mut a, "s");
    assert_eq!(a.mode(), Mode::Normal, "{}", status(&a));
    assert!(
        status(&a).contains("Imported certifications: added 3 people and 3 certifications;")
            && status(&a).contains("skipped 7 bad rows (lines 3, 4, 6, 7, 8, 10, 11)"),
        "{}",
        status(&a)
    );
    let disk = on_disk(&path);
    for (email, exam) in [
        ("ada.good@example.com", "SAA-C03"),
        ("di.good@example.com", "CLF-C02"),
        ("ha.good@example.com", "DOP-C02"),
    ] {
        let p = disk.person_by_email(email).expect("good row imported");
        assert_eq!(p.certifications.len(), 1);
        assert_eq!(p.certifications[0].exam, exam);
    }
    assert!(disk.person_by_email("bo@example.com").is_none());
    typ(&mut a, "u");
    assert_eq!(on_disk(&path), before, "one undo takes the import back");
}

#[test]
fn esc_in_the_bad_rows_goes_back_to_the_file_and_a_file_of_only_bad_rows_offers_no_skip() {
    let (dir, path) = setup();
    let mut a = open(&path);
    let only_bad = dir.path().join("only_bad.csv");
    std::fs::write(
        &only_bad,
        "name,email,exam,earned\nBo Bad,bo@example.com,XYZ-C99,2026-03-15\n",
    )
    .expect("write");
    typ(&mut a, "2i");
    a.handle_event(&Event::Paste(only_bad.display().to_string()));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::ImportErrors);
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("1 of 1"), "{screen}");
    assert!(!screen.contains("import the good rows"), "{screen}");
    typ(&mut a, "s");
    assert_eq!(a.mode(), Mode::ImportErrors, "nothing to skip to");
    assert!(status(&a).starts_with("No good rows"), "{}", status(&a));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::ImportPath);
    assert_eq!(
        a.input().map(|i| i.value().to_string()),
        Some(only_bad.display().to_string()),
        "the path as typed"
    );
}

#[test]
fn thirty_bad_rows_scroll_to_the_last_at_80x24() {
    let (dir, path) = setup();
    let mut a = open(&path);
    let file = dir.path().join("many_bad.csv");
    let mut csv = String::from("name,email,exam,earned\n");
    for i in 0..30 {
        csv.push_str(&format!("P{i},p{i}@example.com,NOPE-{i:02},2026-01-01\n"));
    }
    std::fs::write(&file, csv).expect("write");
    typ(&mut a, "2i");
    a.handle_event(&Event::Paste(file.display().to_string()));
    press(&mut a, KeyCode::Enter);
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("1 of 30") && screen.contains("'NOPE-00'"));
    assert!(!screen.contains("'NOPE-29'"), "not all fit: {screen}");
    for _ in 0..40 {
        typ(&mut a, "j");
    }
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("30 of 30"), "{screen}");
    assert!(
        screen.contains("▸ line 31, column exam: unknown exam 'NOPE-29'"),
        "{screen}"
    );
    assert!(!screen.contains("'NOPE-00'"), "scrolled: {screen}");
    press(&mut a, KeyCode::PageUp);
    assert!(!draw(&a, 80, 24).contains("30 of 30"), "page up moves");
}

/// The file is read and planned on the worker thread: the key that asks for it returns at
/// once, and the preview arrives as a reply.
#[test]
fn the_import_is_read_and_planned_by_the_worker() {
    let (dir, path) = setup();
    let mut a = open(&path);
    let file = bad_file(dir.path());
    let mut w = Worker::spawn().expect("worker");
    for c in "2i".chars() {
        let (_, e) = a.on_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
        w.send(e);
    }
    a.on_event(&Event::Paste(file.display().to_string()));
    let (_, effects) = a.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    assert_eq!(effects.len(), 1, "{effects:?}");
    w.send(effects);
    assert_eq!(a.mode(), Mode::ImportPath, "nothing planned on this thread");
    w.settle(&mut a);
    assert_eq!(a.mode(), Mode::ImportErrors);
}

/// A file that cannot be previewed says which file and why, and the error keeps the cause.
#[test]
fn an_unreadable_import_file_is_named_with_its_cause() {
    use apn_scorecard::import::ImportKind;
    use apn_scorecard::tui::import_job::{ImportReadError, read_and_plan};
    let (dir, path) = setup();
    let a = open(&path);
    let read = |p: &Path| {
        read_and_plan(
            p,
            ImportKind::Certifications,
            a.history.current(),
            &a.program,
            today(),
        )
        .expect_err("refused")
    };
    let missing = dir.path().join("missing.csv");
    let e = read(&missing);
    assert!(
        matches!(&e, ImportReadError::Read { path, cause }
            if path == &missing && cause.kind() == std::io::ErrorKind::NotFound),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with(&format!("{}: ", missing.display())),
        "{e}"
    );
    let e = read(dir.path());
    assert!(
        matches!(&e, ImportReadError::Read { cause, .. }
            if cause.kind() == std::io::ErrorKind::InvalidInput),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{}: it is a folder, not a regular file",
            dir.path().display()
        )
    );
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"name,email\nJos\xe9,jose@example.com\n").expect("write");
    let e = read(&latin1);
    assert!(
        matches!(&e, ImportReadError::NotUtf8 { path } if path == &latin1),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{}: not UTF-8 text (save it as \"CSV UTF-8\")",
            latin1.display()
        )
    );
}

/// A plan made against a store that changed while the file was read (a reload that waited for a
/// save) is not shown: the file is planned again against the store as it is.
#[test]
fn a_plan_for_a_store_that_changed_meanwhile_is_made_again() {
    use apn_scorecard::tui::effect::{Effect, perform};
    let (dir, path) = setup();
    let mut a = open(&path);
    let file = bad_file(dir.path());
    typ(&mut a, "2i");
    a.handle_event(&Event::Paste(file.display().to_string()));
    let (_, effects) = a.on_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    let [read @ Effect::ReadImport { .. }] = <[Effect; 1]>::try_from(effects).expect("one read")
    else {
        panic!("a read");
    };
    // The store changes before the answer arrives.
    a.store.people.retain(|p| !p.name.starts_with('A'));
    a.commit("people starting with A left".into());
    let _saves = a.take_effects();
    let again = a.receive(perform(read));
    assert_eq!(a.mode(), Mode::ImportPath, "the stale plan is not shown");
    assert!(
        matches!(again.as_slice(), [Effect::ReadImport { .. }]),
        "{again:?}"
    );
    a.perform_now(again);
    assert_eq!(a.mode(), Mode::ImportErrors);
}

#[test]
fn snapshots_of_the_picker_and_the_bad_rows() {
    let (dir, path) = setup();
    let mut a = open(&path);
    open_person(&mut a, |_| true);
    typ(&mut a, "j");
    insta::assert_snapshot!("person_detail_80x24", draw(&a, 80, 24));
    insta::assert_snapshot!("person_detail_120x40", draw(&a, 120, 40));
    typ(&mut a, "c");
    typ(&mut a, "solutions architect");
    press(&mut a, KeyCode::Down);
    insta::assert_snapshot!("cert_picker_80x24", draw(&a, 80, 24));
    insta::assert_snapshot!("cert_picker_120x40", draw(&a, 120, 40));
    a.overlays.clear();
    a.tab = Tab::Knowledge;
    let file = bad_file(dir.path());
    typ(&mut a, "i");
    a.handle_event(&Event::Paste(file.display().to_string()));
    press(&mut a, KeyCode::Enter);
    typ(&mut a, "jj");
    let hide = |s: String| s.replace(&dir.path().display().to_string(), "<dir>");
    insta::assert_snapshot!("import_bad_rows_80x24", hide(draw(&a, 80, 24)));
    insta::assert_snapshot!("import_bad_rows_120x40", hide(draw(&a, 120, 40)));
}
