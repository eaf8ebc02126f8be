//! The Overview at the standup size (80x24) and the dashboard's frame: tab bar, window filter,
//! messages and banners.

mod screen;
use apn_scorecard::domain::{MetricId, Store};
use apn_scorecard::scoring::Program;
use apn_scorecard::store;
use apn_scorecard::tui::keymap::Keymap;
use apn_scorecard::tui::tables::TableKind;
use apn_scorecard::tui::ui::theme::Theme;
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen::draw;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn app() -> App {
    let program = Program::embedded().expect("program");
    let store: Store = apn_scorecard::assets::demo_store(today()).expect("demo store");
    let mut app = App::new(store, program, today(), today());
    app.theme = Theme::plain();
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

/// The lines inside the one bordered panel that fills the body (a list shown full screen).
fn panel_lines(frame: &str) -> Vec<String> {
    frame
        .lines()
        .skip(2)
        .filter_map(|l| l.strip_prefix('│').and_then(|l| l.strip_suffix('│')))
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// Scrolls the full-screen list from its top to its end one line at a time and returns every
/// line a user saw, in order, each once.
fn read_whole_list(a: &mut App) -> Vec<String> {
    typ(a, "g");
    let mut seen = Vec::new();
    let mut frame = draw(a, 80, 24);
    loop {
        let lines = panel_lines(&frame);
        typ(a, "j");
        let next = draw(a, 80, 24);
        if next == frame {
            seen.extend(lines);
            return seen;
        }
        seen.extend(lines.into_iter().take(1));
        frame = next;
    }
}

/// Text without any whitespace, so wrapped lines compare with the sentence they came from.
fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

fn header(a: &App, w: u16, h: u16) -> String {
    draw(a, w, h).lines().next().unwrap_or("").to_string()
}

#[test]
fn every_next_action_and_lapse_reads_whole_at_80x24_with_the_countdowns_in_view() {
    let mut a = app();
    assert!(a.derived.actions.len() >= 5, "the demo has many actions");
    assert!(a.derived.upcoming.len() >= 5, "the demo has many lapses");
    // Before: the panels show only the first of each.
    let first = draw(&a, 80, 24);
    assert!(first.contains("Next actions 1–1 of 9"), "{first}");
    // l focuses Next actions, enter opens it full screen.
    typ(&mut a, "l");
    press(&mut a, KeyCode::Enter);
    let actions = squash(&read_whole_list(&mut a).join(" "));
    for (i, act) in a.derived.actions.iter().enumerate() {
        let want = squash(&format!("{}. {act}", i + 1));
        assert!(
            actions.contains(&want),
            "action {} not readable: {act}",
            i + 1
        );
    }
    assert!(header(&a, 80, 24).contains("renewal 262d · review 104d"));
    // l again: the lapses, still full screen.
    typ(&mut a, "l");
    let lapses = squash(&read_whole_list(&mut a).join(" "));
    for u in &a.derived.upcoming {
        let want = squash(&format!(
            "{} {}",
            u.date,
            apn_scorecard::report::wording::upcoming_line(u)
        ));
        assert!(lapses.contains(&want), "lapse not readable: {want}");
    }
    assert!(header(&a, 80, 24).contains("renewal 262d · review 104d"));
    // esc leaves full screen and the scorecard is back with its pillar line.
    press(&mut a, KeyCode::Esc);
    let back = draw(&a, 80, 24);
    assert!(back.contains("Scorecard · renewal"), "{back}");
    assert!(
        back.contains("Knowledge 6/6✓ 5/6✗"),
        "pillars folded: {back}"
    );
}

#[test]
fn the_focused_panel_scrolls_in_place_to_its_last_action() {
    let mut a = app();
    typ(&mut a, "lG");
    let s = draw(&a, 80, 24);
    let n = a.derived.actions.len();
    assert!(s.contains(&format!("of {n}")), "{s}");
    assert!(
        s.contains(&format!("{n}. ")),
        "the last action's number is in view: {s}"
    );
    // The hint names the keys of the keymap.
    assert!(s.contains("j/k scroll · enter full screen · l next"), "{s}");
    // The scorecard's cursor did not move: the keys went to the panel.
    assert_eq!(a.overview_sel, 0);
    typ(&mut a, "ll");
    typ(&mut a, "j");
    assert_eq!(a.overview_sel, 1, "focus back on the scorecard");
}

#[test]
fn overview_snapshots_at_80x24_and_120x40() {
    let mut a = app();
    insta::assert_snapshot!("overview_80x24", draw(&a, 80, 24));
    insta::assert_snapshot!("overview_120x40", draw(&a, 120, 40));
    typ(&mut a, "ljjj");
    insta::assert_snapshot!("overview_80x24_actions_scrolled", draw(&a, 80, 24));
    press(&mut a, KeyCode::Enter);
    typ(&mut a, "g");
    insta::assert_snapshot!("overview_80x24_actions_full_screen", draw(&a, 80, 24));
    typ(&mut a, "l");
    insta::assert_snapshot!("overview_80x24_lapses_full_screen", draw(&a, 80, 24));
}

#[test]
fn the_header_keeps_both_countdowns_from_60_to_200_columns() {
    let a = app();
    for w in [60, 80, 100, 120, 200] {
        let h = header(&a, w, 24);
        assert!(
            (h.contains("renewal 262d") || h.contains("APN renewal in 262 d"))
                && (h.contains("review 104d") || h.contains("tier review in 104 d")),
            "{w} wide: {h}"
        );
        assert!(h.contains("2026-11-26"), "{w} wide: {h}");
    }
}

#[test]
fn each_table_title_names_the_window_filter_at_80() {
    let mut a = app();
    typ(&mut a, "w");
    for (tab, kind) in [
        ("2", TableKind::People),
        ("3", TableKind::Opportunities),
        ("4", TableKind::References),
    ] {
        typ(&mut a, tab);
        let v = a.table(kind);
        let total = kind.len(&a.store);
        let want = if v.rows.len() == total {
            format!("{} {} · renewal", kind.title(), total)
        } else {
            format!("{} {} of {} · renewal", kind.title(), v.rows.len(), total)
        };
        let s = draw(&a, 80, 24);
        assert!(s.contains(&want), "{want} missing:\n{s}");
    }
    typ(&mut a, "2");
    assert!(draw(&a, 80, 24).contains("People 16 of 25 · renewal"));
    insta::assert_snapshot!("knowledge_80x24_window_renewal", draw(&a, 80, 24));
    typ(&mut a, "w");
    let s = draw(&a, 80, 24);
    let n = a.table(TableKind::People).rows.len();
    assert!(s.contains(&format!("People {n} of 25 · upgrade")), "{s}");
    typ(&mut a, "w");
    let s = draw(&a, 80, 24);
    assert!(
        s.contains("┌ People 25 ─"),
        "all entries: no window named\n{s}"
    );
}

#[test]
fn the_tab_bar_keeps_the_active_tab_whole_at_60x20() {
    let mut a = app();
    for (i, tab) in Tab::ALL.iter().enumerate() {
        a.tab = *tab;
        let s = draw(&a, 60, 20);
        let bar = s.lines().nth(1).unwrap_or("");
        assert!(
            bar.contains(&format!("{} {}", i + 1, tab.title())),
            "active {tab:?} hidden: {bar}"
        );
        for n in 1..=5 {
            assert!(bar.contains(&n.to_string()), "tab {n} missing: {bar}");
        }
    }
    a.tab = Tab::Customers;
    insta::assert_snapshot!("customers_60x20", draw(&a, 60, 20));
}

#[test]
fn a_message_has_its_own_line_and_clears_on_the_next_action() {
    let mut a = app();
    typ(&mut a, "2s");
    let s = draw(&a, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    assert!(
        lines[22].contains("Sorted by") && lines[22].contains('▲'),
        "message line: {}",
        lines[22]
    );
    assert!(
        lines[23].starts_with(" q quit"),
        "hints kept: {}",
        lines[23]
    );
    typ(&mut a, "S");
    assert!(a.status.as_deref().unwrap_or("").contains('▼'));
    // A tab switch: the sort message no longer applies.
    typ(&mut a, "1");
    assert_eq!(a.status, None);
    assert!(!draw(&a, 80, 24).contains("Sorted by"));
    // Nor after any other action.
    typ(&mut a, "w");
    assert!(a.status.is_some());
    typ(&mut a, "j");
    assert_eq!(a.status, None);
    // A new import starts clean: an earlier import's complaint does not stay up.
    a.status = Some("3 bad rows".into());
    typ(&mut a, "2i");
    assert_eq!(a.status, None);
    assert!(!draw(&a, 80, 24).contains("3 bad rows"));
}

#[test]
fn the_changed_on_disk_banner_puts_its_key_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    store::save(&path, &app().store).expect("save demo");
    let mut a = App::new(
        store::load(&path).expect("load"),
        Program::embedded().expect("program"),
        today(),
        today(),
    );
    a.theme = Theme::plain();
    a.attach_file(path.clone());
    let mut outside = store::load(&path).expect("load");
    outside.profile.partner = "Renamed Outside".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &outside).expect("outside save");
    // An edit's save finds the file changed.
    typ(&mut a, "2a");
    typ(&mut a, "Katherine Johnson");
    press(&mut a, KeyCode::Enter);
    let s = draw(&a, 60, 20);
    let banner = s.lines().nth(2).unwrap_or("");
    assert!(
        banner.starts_with(" ⚠ R reload · "),
        "key first, even cut at 60: {banner}"
    );
    // The warning itself starts with the key, wherever it is shown.
    let w = a.warning.clone().unwrap_or_default();
    assert!(w.starts_with("R reload"), "{w}");
}

#[test]
fn empty_tables_name_the_key_that_fills_them() {
    let mut a = app();
    a.keymap = Keymap::with_overrides(r#"{ Normal: { Add: ["f2"] } }"#).expect("remap");
    a.store.people.clear();
    a.recompute();
    typ(&mut a, "2");
    let s = draw(&a, 80, 24);
    assert!(s.contains("No people yet: f2 adds one"), "{s}");
}

#[test]
fn rows_the_tier_does_not_require_read_not_required() {
    let a = app();
    let s = draw(&a, 120, 40);
    let row = |label: &str| {
        s.lines()
            .find(|l| l.contains(label))
            .unwrap_or("")
            .to_string()
    };
    // Select asks nothing of Pro/Specialty and the business plan for the renewal.
    let pro = row(MetricId::CertifiedProSpecialty.label());
    assert!(pro.contains("3  – not required"), "{pro}");
    assert!(!pro.contains("3 of 0"), "{pro}");
    let plan = row(MetricId::BusinessPlan.label());
    assert!(plan.contains("no  – not required"), "{plan}");
    assert!(!plan.contains("no  ✓"), "{plan}");
    // One money format a cell: cents on both amounts, or on neither.
    let mrr = row(MetricId::LaunchedMrr.label());
    assert!(mrr.contains("$2,837.25 of $1,500.00"), "{mrr}");
    // At 80 both cells are compact, never one full beside one compact.
    let narrow = draw(&a, 80, 24);
    let mrr80 = narrow
        .lines()
        .find(|l| l.contains("Launched MRR"))
        .unwrap_or("");
    assert!(
        mrr80.contains("$2.8k of $1.5k ✓") && mrr80.contains("$9.6k of $10k"),
        "{mrr80}"
    );
    // The business-plan line under Experience agrees with its row.
    let mut a = a;
    typ(&mut a, "3");
    let exp = draw(&a, 120, 40);
    assert!(
        exp.contains("Business plan: renewal not required · upgrade ✓"),
        "{exp}"
    );
}

/// The chart's plot lines at a size: the left panel's rows between the title and the key.
fn chart(a: &App, w: u16, h: u16) -> Vec<String> {
    let s = draw(a, w, h);
    let end = s.lines().position(|l| l.starts_with("└•")).unwrap_or(0);
    s.lines()
        .take(end + 1)
        .skip(3)
        .map(|l| l.split("││").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_outlook_chart_labels_the_requirement_marks_the_review_and_tells_series_apart() {
    let mut a = app();
    typ(&mut a, "5");
    // NO_COLOR: the theme has no colour at all, so glyphs alone must tell series apart.
    a.theme = Theme::from_env(Some("1".into()));
    let lines = chart(&a, 80, 24);
    let plot = lines.join("\n");
    let key = lines.last().cloned().unwrap_or_default();
    for (glyph, name) in [
        ("•", "history"),
        ("▄", "as is"),
        ("█", "plans"),
        ("┄", "need"),
        ("┆", "review"),
    ] {
        assert!(
            key.contains(&format!("{glyph} {name}")),
            "key lacks {glyph} {name}: {key}"
        );
        let drawn = lines[..lines.len() - 1].iter().any(|l| l.contains(glyph));
        assert!(drawn, "{name} drawn with {glyph}?\n{plot}");
    }
    // The requirement (8 accredited for Advanced) labels its own line on the y axis.
    let need = lines
        .iter()
        .find(|l| l.contains('┄'))
        .cloned()
        .unwrap_or_default();
    assert!(
        need.starts_with("│ 8│"),
        "requirement label on its line: {need}"
    );
    // Month labels at 80: whole names every third month, "now" among them.
    let months = &lines[lines.len() - 2];
    for m in ["Nov", "Feb", "May", "Aug", "now"] {
        assert!(months.contains(m), "{m} missing: {months}");
    }
    insta::assert_snapshot!("outlook_80x24_no_color", draw(&a, 80, 24));
}

#[test]
fn a_flagged_mrr_does_not_set_the_scale_and_the_chart_says_so() {
    let mut a = app();
    typ(&mut a, "5");
    a.overview_sel = MetricId::ALL
        .iter()
        .position(|m| *m == MetricId::LaunchedMrr)
        .unwrap_or(0);
    let flagged = a
        .store
        .opportunities
        .iter()
        .filter(|o| o.mrr_looks_annual())
        .count();
    assert!(flagged > 0, "the demo has an MRR that looks annual");
    let s = draw(&a, 80, 24);
    assert!(
        s.contains(&format!("↑ off scale: {flagged} MRR")),
        "said over the plot:\n{s}"
    );
    let lines = chart(&a, 80, 24);
    let top = lines.get(1).cloned().unwrap_or_default();
    // The top of the axis stays near the requirement ($10k), not at the flagged $126k+.
    let top_k: f64 = top
        .trim_start_matches('│')
        .split('│')
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('k')
        .parse()
        .unwrap_or(f64::MAX);
    assert!(top_k <= 25.0, "scale set by the outlier: {top}");
    let need = lines
        .iter()
        .find(|l| l.contains('┄'))
        .cloned()
        .unwrap_or_default();
    assert!(need.starts_with("│$10k│"), "{need}");
    insta::assert_snapshot!("outlook_mrr_120x40", draw(&a, 120, 40));
}

#[test]
fn a_person_without_holdings_names_the_keys_that_add_them() {
    let mut a = app();
    a.keymap =
        Keymap::with_overrides(r#"{ Detail: { AddCertification: ["f5"] } }"#).expect("remap");
    for p in &mut a.store.people {
        p.certifications.clear();
        p.accreditations.clear();
    }
    a.recompute();
    typ(&mut a, "2");
    press(&mut a, KeyCode::Enter);
    let s = draw(&a, 120, 40);
    assert!(s.contains("none yet: f5 adds one"), "{s}");
    assert!(s.contains("none yet: a adds one"), "{s}");
}
