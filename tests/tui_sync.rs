//! Live ACE sync from the dashboard (issue 13), driven by key events with a fake source in
//! place of the network: progress while it runs, the preview's numbers, `y` applying one
//! undoable change that is saved, `u` taking it back, errors that change nothing.

mod screen;
use apn_scorecard::ace::{AceOpportunity, Catalog, Fetched, Progress, Spend};
use apn_scorecard::domain::{Money, Stage, Store};
use apn_scorecard::scoring::Program;
use apn_scorecard::tui::effect::Worker;
use apn_scorecard::tui::keymap::Mode;
use apn_scorecard::tui::sync::{Source, SyncError, SyncJob, SyncSource, SyncStage};
use apn_scorecard::tui::ui::theme::Theme;
use apn_scorecard::tui::{App, Tab};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use screen::draw;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("date")
}

fn demo() -> Store {
    apn_scorecard::assets::demo_store(today()).expect("demo store")
}

fn key(c: char) -> Event {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

/// What ACE answers, page by page; optionally each page after the first waits for the test.
struct Fake {
    pages: Vec<Vec<AceOpportunity>>,
    error: Option<String>,
    gate: Option<Mutex<Receiver<()>>>,
    /// The job each fetch was asked for.
    asked: Arc<Mutex<Vec<SyncJob>>>,
}

impl Fake {
    fn new(pages: Vec<Vec<AceOpportunity>>) -> Fake {
        Fake {
            pages,
            error: None,
            gate: None,
            asked: Arc::default(),
        }
    }
}

impl SyncSource for Fake {
    fn fetch(
        &self,
        job: &SyncJob,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Fetched, SyncError> {
        self.asked.lock().expect("lock").push(job.clone());
        let mut all = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            if i > 0
                && let Some(g) = &self.gate
            {
                g.lock()
                    .expect("lock")
                    .recv()
                    .map_err(|e| SyncError::Source(e.into()))?;
            }
            all.extend(page.iter().cloned());
            progress(Progress {
                pages: i + 1,
                opportunities: all.len(),
                ..Progress::default()
            });
        }
        if let Some(e) = &self.error {
            return Err(SyncError::Source(e.clone().into()));
        }
        Ok(Fetched {
            catalog: job.catalog,
            full: job.since.is_none(),
            pages: self.pages.len(),
            opportunities: all,
            titles: Default::default(),
        })
    }
}

fn spend(amount: &str, currency: &str) -> Spend {
    Spend {
        amount: Some(amount.into()),
        currency: currency.into(),
        frequency: "Monthly".into(),
        target_company: "AWS".into(),
    }
}

fn opp(id: &str, stage: &str, date: NaiveDate, company: &str, spend: Vec<Spend>) -> AceOpportunity {
    AceOpportunity {
        id: id.into(),
        last_modified: Some("2026-11-20T10:00:00Z".parse().expect("instant")),
        stage: Some(stage.into()),
        target_close_date: Some(date.to_string()),
        company_name: Some(company.into()),
        spend,
    }
}

/// Two pages against the demo store: Kestrel's MRR changes (its `Self` spend never counts), an
/// open opportunity launches, Parkside comes back as it is, three are new (one open, one in EUR
/// with no rate set, one with an annual-looking MRR). Every other demo opportunity goes missing.
fn pages(store: &Store) -> Vec<Vec<AceOpportunity>> {
    let by = |ace: &str| {
        store
            .opportunities
            .iter()
            .find(|o| o.ace_id == ace)
            .expect("demo opportunity")
            .clone()
    };
    let kestrel = by("O2741508");
    let parkside = by("O2811937");
    let open = opening(store);
    let mut k = opp(
        &kestrel.ace_id,
        "Launched",
        kestrel.launch_date.expect("date"),
        &kestrel.customer,
        vec![spend("900.00", "USD")],
    );
    k.spend.push(Spend {
        target_company: "Self".into(),
        ..spend("5000", "USD")
    });
    vec![
        vec![
            k,
            opp(
                &parkside.ace_id,
                "Launched",
                parkside.launch_date.expect("date"),
                &parkside.customer,
                vec![spend(&parkside.mrr.plain(), "USD")],
            ),
            opp(
                &open.ace_id,
                "Launched",
                today() - chrono::Days::new(5),
                &open.customer,
                vec![spend("640", "USD")],
            ),
        ],
        vec![
            opp(
                "O9000001",
                "Qualified",
                today() + chrono::Days::new(40),
                "Fjord Logistics",
                vec![spend("300", "USD")],
            ),
            opp(
                "O9000002",
                "Launched",
                today() - chrono::Days::new(10),
                "Brasserie Lumière",
                vec![spend("1000", "EUR")],
            ),
            opp(
                "O9000003",
                "Launched",
                today() - chrono::Days::new(12),
                "Atlas Freight",
                vec![spend("150000", "USD")],
            ),
        ],
    ]
}

/// An open (not yet launched) demo opportunity with an ACE id.
fn opening(store: &Store) -> apn_scorecard::domain::Opportunity {
    store
        .opportunities
        .iter()
        .find(|o| o.stage != Stage::Launched && !o.ace_id.is_empty())
        .expect("an open demo opportunity")
        .clone()
}

struct Setup {
    app: App,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

/// The dashboard on a saved copy of the demo store, on the Experience tab, with `source`.
fn setup(source: Option<Fake>) -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("scorecard.ron");
    let store = demo();
    apn_scorecard::store::save(&path, &store).expect("save");
    let program = Program::embedded().expect("program");
    let mut app = App::new(store, program, today(), today());
    app.theme = Theme::plain();
    app.attach_file(path.clone());
    app.tab = Tab::Experience;
    app.sync.source = source.map(Source::new);
    Setup {
        app,
        path,
        _dir: dir,
    }
}

fn read(path: &Path) -> Store {
    apn_scorecard::store::load(path).expect("store reads back")
}

fn with_ace(store: &Store) -> usize {
    store
        .opportunities
        .iter()
        .filter(|o| !o.ace_id.is_empty())
        .count()
}

#[test]
fn progress_shows_live_and_keys_stay_live_until_the_preview() {
    let store = demo();
    let (open_gate, gate): (Sender<()>, Receiver<()>) = channel();
    let mut fake = Fake::new(pages(&store));
    fake.gate = Some(Mutex::new(gate));
    let mut s = setup(Some(fake));
    let mut worker = Worker::spawn().expect("worker");

    let (_, effects) = s.app.on_event(&key('A'));
    worker.send(effects);
    // The first page's progress arrives while the second is held back.
    let reply = worker
        .recv_timeout(Duration::from_secs(10))
        .expect("progress");
    let more = s.app.receive(reply);
    worker.send(more);
    let screen = draw(&s.app, 100, 30);
    assert!(screen.contains("pages: 1 · opportunities: 3"), "{screen}");
    assert!(
        screen.contains("Fetching opportunities from ACE"),
        "{screen}"
    );
    // Keys are handled while the sync waits: help opens over it and closes again.
    let (_, effects) = s.app.on_event(&key('?'));
    assert!(effects.is_empty());
    assert_eq!(s.app.mode(), Mode::Help);
    s.app.on_event(&esc());
    assert_eq!(s.app.mode(), Mode::Sync);

    open_gate.send(()).expect("release page 2");
    worker.settle(&mut s.app);
    let v = s.app.sync_view().expect("overlay");
    assert!(
        matches!(v.stage, SyncStage::Preview { .. }),
        "{:?}",
        v.stage
    );
    let screen = draw(&s.app, 100, 30);
    assert!(
        screen.contains("6 opportunities in 2 pages from ACE"),
        "{screen}"
    );
    // Nothing was written before `y`.
    assert_eq!(read(&s.path), store);
}

#[test]
fn the_preview_counts_then_y_applies_one_undoable_change_that_is_saved() {
    let store = demo();
    let open = opening(&store);
    let mut s = setup(Some(Fake::new(pages(&store))));
    s.app.handle_event(&key('A'));
    let v = s.app.sync_view().expect("overlay");
    let missing = with_ace(&store) - 3;
    assert_eq!(
        v.counts().expect("preview"),
        [
            ("added", 3),
            ("updated", 2),
            ("unchanged", 1),
            ("flagged", 1),
            ("missing", missing),
            ("EUR left out", 1),
        ]
    );
    let screen = draw(&s.app, 120, 40);
    assert!(
        screen.contains(&format!(
            "added 3 · updated 2 · unchanged 1 · flagged 1 · missing {missing} · EUR left out 1"
        )),
        "{screen}"
    );
    assert!(screen.contains("MRR $350 -> $900"), "{screen}");
    // What needs a look comes first.
    assert!(
        screen.contains("! O9000003 Atlas Freight: MRR $150,000 looks like an annual"),
        "{screen}"
    );
    assert!(
        screen.contains("! O9000002 Brasserie Lumière: EUR 1000.00 left out of MRR"),
        "{screen}"
    );
    let undo_before = s.app.history.undo_len();

    s.app.handle_event(&key('y'));
    assert!(s.app.sync_view().is_none());
    assert_eq!(s.app.history.undo_len(), undo_before + 1);
    let saved = read(&s.path);
    let kestrel = saved
        .opportunities
        .iter()
        .find(|o| o.ace_id == "O2741508")
        .expect("kept");
    assert_eq!(kestrel.mrr, "900.00".parse::<Money>().expect("money"));
    // Fields ACE does not have are kept.
    assert_eq!(kestrel.title, "Shop-floor data lake on S3");
    assert!(kestrel.referenceable);
    let launched = saved
        .opportunities
        .iter()
        .find(|o| o.ace_id == open.ace_id)
        .expect("kept");
    assert_eq!(launched.stage, Stage::Launched);
    assert_eq!(launched.launch_date, Some(today() - chrono::Days::new(5)));
    assert_eq!(launched.title, open.title);
    assert_eq!(saved.opportunities.len(), store.opportunities.len() + 3);
    let state = saved.ace_sync.as_ref().expect("sync state saved");
    assert_eq!(state.missing.len(), missing);
    assert_eq!(state.unconverted_of("O9000002"), Some("EUR 1000.00"));
    assert!(
        s.app
            .status
            .as_deref()
            .unwrap_or("")
            .contains("3 added, 2 updated"),
        "{:?}",
        s.app.status
    );

    // One `u` takes the whole sync back, on disk too.
    s.app.handle_event(&key('u'));
    assert_eq!(read(&s.path), store);
    assert_eq!(s.app.store, store);
}

#[test]
fn a_second_sync_asks_for_changes_since_the_first() {
    let store = demo();
    let fake = Fake::new(pages(&store));
    let asked = Arc::clone(&fake.asked);
    let mut s = setup(Some(fake));
    s.app.handle_event(&key('A'));
    s.app.handle_event(&key('y'));
    s.app.handle_event(&key('A'));
    let v = s.app.sync_view().expect("overlay");
    assert!(v.incremental);
    // The same answer again changes nothing.
    assert_eq!(
        v.counts().expect("preview")[..2],
        [("added", 0), ("updated", 0)]
    );
    assert!(draw(&s.app, 120, 40).contains("changes since the last sync"));
    let asked = asked.lock().expect("lock").clone();
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[0].since, None);
    // From the latest LastModifiedDate ACE gave, not this machine's clock.
    assert_eq!(asked[1].since, "2026-11-20T10:00:00Z".parse().ok());
    assert_eq!(asked[1].catalog, Catalog::Aws);
}

#[test]
fn the_dashboard_syncs_the_catalog_the_store_follows() {
    let fake = Fake::new(Vec::new());
    let asked = Arc::clone(&fake.asked);
    let mut s = setup(Some(fake));
    s.app.store.ace_sync = Some(apn_scorecard::domain::AceSync {
        catalog: "Sandbox".into(),
        ..Default::default()
    });
    s.app.handle_event(&key('A'));
    assert_eq!(asked.lock().expect("lock")[0].catalog, Catalog::Sandbox);
    let screen = draw(&s.app, 120, 40);
    assert!(screen.contains("ACE sync · Sandbox catalog"), "{screen}");
}

#[test]
fn an_error_says_what_to_do_and_changes_nothing() {
    let store = demo();
    let mut fake = Fake::new(pages(&store));
    fake.error = Some(
        "ACE denied access (not authorized).\nThe AWS account must be linked to your Partner \
         Central account"
            .into(),
    );
    let mut s = setup(Some(fake));
    let bytes = std::fs::read(&s.path).expect("bytes");
    s.app.handle_event(&key('A'));
    let screen = draw(&s.app, 100, 30);
    assert!(
        screen.contains("ACE sync stopped: nothing changed."),
        "{screen}"
    );
    assert!(
        screen.contains("must be linked to your Partner"),
        "{screen}"
    );
    // `y` has nothing to apply; esc closes.
    s.app.handle_event(&key('y'));
    assert_eq!(s.app.mode(), Mode::Sync);
    s.app.handle_event(&esc());
    assert_eq!(s.app.mode(), Mode::Normal);
    assert_eq!(s.app.history.undo_len(), 0);
    assert_eq!(std::fs::read(&s.path).expect("bytes"), bytes);
    assert_eq!(s.app.store, store);
}

#[test]
fn values_the_scorecard_cannot_take_refuse_the_whole_sync() {
    let store = demo();
    let mut p = pages(&store);
    p[1][0].stage = Some("Almost There".into());
    let mut s = setup(Some(Fake::new(p)));
    s.app.handle_event(&key('A'));
    let screen = draw(&s.app, 120, 40);
    assert!(
        screen.contains("ACE sent 1 value the scorecard cannot take"),
        "{screen}"
    );
    assert!(screen.contains("O9000001, LifeCycle.Stage"), "{screen}");
    // The overlay keeps ACE's values themselves, not their wording.
    assert!(
        matches!(
            s.app.sync_view().map(|v| &v.stage),
            Some(SyncStage::Failed(SyncError::Unacceptable(bad))) if bad.len() == 1
        ),
        "{:?}",
        s.app.sync_view().map(|v| &v.stage)
    );
    s.app.handle_event(&key('y'));
    assert_eq!(read(&s.path), store);
}

#[test]
fn discarding_while_it_runs_drops_the_late_answer() {
    let store = demo();
    let (open_gate, gate) = channel();
    let mut fake = Fake::new(pages(&store));
    fake.gate = Some(Mutex::new(gate));
    let mut s = setup(Some(fake));
    let mut worker = Worker::spawn().expect("worker");
    let (_, effects) = s.app.on_event(&key('A'));
    worker.send(effects);
    let (_, effects) = s.app.on_event(&esc());
    worker.send(effects);
    assert_eq!(s.app.mode(), Mode::Normal);
    open_gate.send(()).expect("release");
    worker.settle(&mut s.app);
    assert_eq!(s.app.mode(), Mode::Normal);
    assert_eq!(s.app.store, store);
    assert_eq!(read(&s.path), store);
}

#[test]
fn the_key_works_on_the_experience_tab_only() {
    let mut s = setup(Some(Fake::new(Vec::new())));
    s.app.tab = Tab::Overview;
    s.app.handle_event(&key('A'));
    assert_eq!(s.app.mode(), Mode::Normal);
    let status = s.app.status.clone().unwrap_or_default();
    assert!(status.contains("Experience tab (3)"), "{status}");
    // Its hint shows on the Experience tab's key bar.
    s.app.tab = Tab::Experience;
    s.app.status = None;
    assert!(draw(&s.app, 160, 30).contains("A ACE sync"));
}

#[test]
fn keys_in_the_overlay_come_from_the_keymap() {
    let remap = r#"{
        Normal: { SyncAce: ["f2"], Import: ["f3"], Undo: ["f4"] },
        Sync: { Confirm: ["ctrl-y"], Back: ["ctrl-q"], Down: ["ctrl-n"], Up: ["ctrl-p"] },
    }"#;
    let store = demo();
    let mut s = setup(Some(Fake::new(pages(&store))));
    s.app.keymap = apn_scorecard::tui::keymap::Keymap::with_overrides(remap).expect("keymap");
    s.app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::F(2),
        KeyModifiers::NONE,
    )));
    let screen = draw(&s.app, 120, 40);
    assert!(
        screen.contains(
            "ctrl-y apply (one change; f4 undoes) · ctrl-q discard · ctrl-n/ctrl-p scroll"
        ),
        "{screen}"
    );
}

#[cfg(not(feature = "ace"))]
#[test]
fn without_the_feature_the_key_says_how_to_install_it() {
    let mut s = setup(None);
    s.app.keymap = apn_scorecard::tui::keymap::Keymap::with_overrides(
        r#"{ Normal: { SyncAce: ["f2"], Import: ["f3"] }, Sync: { Back: ["ctrl-q"] } }"#,
    )
    .expect("keymap");
    s.app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::F(2),
        KeyModifiers::NONE,
    )));
    let screen = draw(&s.app, 120, 40);
    assert!(
        screen.contains("cargo install --locked --path . --features ace"),
        "{screen}"
    );
    assert!(
        screen.contains("then press f2 on the Experience tab"),
        "{screen}"
    );
    assert!(screen.contains("with f3."), "{screen}");
    assert!(screen.contains("ctrl-q close"), "{screen}");
}

#[test]
fn snapshots_of_the_overlay() {
    let store = demo();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = setup(Some(Fake::new(pages(&store))));
        s.app.handle_event(&key('A'));
        insta::assert_snapshot!(format!("sync_preview_{w}x{h}"), draw(&s.app, w, h));
        s.app.handle_event(&key('j'));
        s.app.handle_event(&key('j'));
        insta::assert_snapshot!(format!("sync_preview_scrolled_{w}x{h}"), draw(&s.app, w, h));
    }
    let (open_gate, gate) = channel();
    let mut fake = Fake::new(pages(&store));
    fake.gate = Some(Mutex::new(gate));
    let mut s = setup(Some(fake));
    let mut worker = Worker::spawn().expect("worker");
    let (_, effects) = s.app.on_event(&key('A'));
    worker.send(effects);
    let reply = worker
        .recv_timeout(Duration::from_secs(10))
        .expect("progress");
    s.app.receive(reply);
    insta::assert_snapshot!("sync_running_80x24", draw(&s.app, 80, 24));
    open_gate.send(()).expect("release");
    worker.settle(&mut s.app);
}

/// The real client (feature `ace`) behind the dashboard's key, against a local server speaking
/// the protocol (awsJson1_0: POST /, `X-Amz-Target`, JSON bodies, errors as `__type`).
#[cfg(feature = "ace")]
mod live {
    use super::*;
    use apn_scorecard::tui::sync::AceSource;
    use serde_json::{Value, json};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};

    /// How the server answers: an error, or these summaries in pages of two.
    #[derive(Clone)]
    enum Answer {
        Denied,
        Pages(Vec<Value>),
    }

    fn serve(conn: TcpStream, answer: &Mutex<Answer>) {
        let mut reader = BufReader::new(conn.try_clone().expect("clone"));
        let mut conn = conn;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let (mut len, mut target) = (0usize, String::new());
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                if let Some((k, v)) = l.split_once(':') {
                    match k.trim().to_ascii_lowercase().as_str() {
                        "content-length" => len = v.trim().parse().expect("length"),
                        "x-amz-target" => target = v.trim().to_string(),
                        _ => {}
                    }
                }
            }
            let mut body = vec![0; len];
            reader.read_exact(&mut body).expect("body");
            let req: Value = serde_json::from_slice(&body).expect("json");
            assert_eq!(target, "AWSPartnerCentralSelling.ListOpportunities");
            let answer = answer.lock().expect("lock").clone();
            let (status, text) = match answer {
                Answer::Denied => (
                    403,
                    json!({"__type": "AccessDeniedException", "message": "not linked"}).to_string(),
                ),
                Answer::Pages(all) => {
                    let page: usize = req["NextToken"]
                        .as_str()
                        .map_or(0, |t| t.parse().expect("token"));
                    let chunk: Vec<Value> = all.iter().skip(page * 2).take(2).cloned().collect();
                    let mut b = json!({ "OpportunitySummaries": chunk });
                    if (page + 1) * 2 < all.len() {
                        b["NextToken"] = json!((page + 1).to_string());
                    }
                    (200, b.to_string())
                }
            };
            let reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.0\r\n\
                 Content-Length: {}\r\n\r\n{text}",
                text.len()
            );
            if conn.write_all(reply.as_bytes()).is_err() {
                return;
            }
        }
    }

    fn summary(o: &AceOpportunity) -> Value {
        let spend: Vec<Value> = o
            .spend
            .iter()
            .map(|s| {
                json!({"Amount": s.amount, "CurrencyCode": s.currency,
                       "Frequency": s.frequency, "TargetCompany": s.target_company})
            })
            .collect();
        json!({
            "Catalog": "AWS",
            "Id": o.id,
            "LastModifiedDate": "2026-11-20T10:00:00Z",
            "LifeCycle": { "Stage": o.stage, "TargetCloseDate": o.target_close_date },
            "Customer": { "Account": { "CompanyName": o.company_name } },
            "Project": { "ExpectedCustomerSpend": spend },
        })
    }

    #[test]
    fn the_key_runs_the_real_client_against_a_local_server() {
        let store = demo();
        let answer = Arc::new(Mutex::new(Answer::Denied));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let shared = Arc::clone(&answer);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { break };
                let a = Arc::clone(&shared);
                std::thread::spawn(move || serve(conn, &a));
            }
        });
        let dir = tempfile::tempdir().expect("tmp");
        // SAFETY: the only test in this binary that reads or writes the AWS variables; the
        // others never reach the SDK.
        unsafe {
            for v in [
                "AWS_PROFILE",
                "AWS_REGION",
                "AWS_DEFAULT_REGION",
                "AWS_SESSION_TOKEN",
                "AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            ] {
                std::env::remove_var(v);
            }
            std::env::set_var("AWS_ENDPOINT_URL", &url);
            std::env::set_var("AWS_CONFIG_FILE", dir.path().join("no-config"));
            std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", dir.path().join("no-creds"));
            std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
            std::env::remove_var("AWS_ACCESS_KEY_ID");
            std::env::remove_var("AWS_SECRET_ACCESS_KEY");
        }
        let mut s = setup(None);
        s.app.sync.source = Some(Source::new(AceSource::default()));
        let mut worker = Worker::spawn().expect("worker");

        // No credentials: how to configure them, for the dashboard too.
        let (_, effects) = s.app.on_event(&key('A'));
        worker.send(effects);
        worker.settle(&mut s.app);
        let screen = draw(&s.app, 120, 40);
        assert!(screen.contains("no AWS credentials"), "{screen}");
        assert!(
            screen.contains("start it with AWS_PROFILE=NAME set"),
            "{screen}"
        );
        s.app.on_event(&esc());
        // SAFETY: as above.
        unsafe {
            std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            std::env::set_var("AWS_SECRET_ACCESS_KEY", "fake-secret");
        }

        // Access denied: the window says what to do; nothing changes.
        let (_, effects) = s.app.on_event(&key('A'));
        worker.send(effects);
        worker.settle(&mut s.app);
        let screen = draw(&s.app, 120, 40);
        assert!(
            screen.contains("ACE denied access (not linked)"),
            "{screen}"
        );
        assert!(
            screen.contains("must be linked to your Partner Central"),
            "{screen}"
        );
        s.app.on_event(&esc());
        assert_eq!(read(&s.path), store);

        // Every page through the SDK, then `y`: saved.
        let all: Vec<Value> = pages(&store).iter().flatten().map(summary).collect();
        *answer.lock().expect("lock") = Answer::Pages(all);
        let (_, effects) = s.app.on_event(&key('A'));
        worker.send(effects);
        worker.settle(&mut s.app);
        let v = s.app.sync_view().expect("overlay");
        assert_eq!(
            v.counts().expect("preview")[..3],
            [("added", 3), ("updated", 2), ("unchanged", 1)]
        );
        assert!(draw(&s.app, 120, 40).contains("6 opportunities in 3 pages from ACE"));
        let (_, effects) = s.app.on_event(&key('y'));
        worker.send(effects);
        worker.settle(&mut s.app);
        let saved = read(&s.path);
        assert_eq!(saved.opportunities.len(), store.opportunities.len() + 3);
        let kestrel = saved
            .opportunities
            .iter()
            .find(|o| o.ace_id == "O2741508")
            .expect("kept");
        assert_eq!(kestrel.mrr, "900.00".parse::<Money>().expect("money"));
    }
}
