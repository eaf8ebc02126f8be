//! Live ACE sync. The mapping tests run in every build; the rest (feature `ace`) run the built
//! binary, with the real SDK, against a local server that speaks the Partner Central Selling
//! protocol (awsJson1_0: POST /, `X-Amz-Target`, JSON bodies, errors as `__type`), reached
//! through `AWS_ENDPOINT_URL` with fake static credentials. No network.

mod common;

use apn_scorecard::ace::{self, AceOpportunity, Catalog, Fetched, Spend};
use apn_scorecard::domain::{Money, Stage};
use chrono::{DateTime, Utc};
use common::{d, opp, store};
use std::collections::BTreeMap;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

#[test]
fn a_launched_opportunity_from_a_csv_export_is_updated_in_place() {
    let mut s = store(
        apn_scorecard::domain::Tier::Select,
        "2026-01-01",
        "2026-03-01",
    );
    let mut o = opp(3, "Acme", Stage::Committed, "2026-09-01", 10);
    o.ace_id = "O555".into();
    o.title = "Local".into();
    s.opportunities.push(o);
    let f = Fetched {
        catalog: Catalog::Aws,
        full: false,
        pages: 1,
        opportunities: vec![AceOpportunity {
            id: "O555".into(),
            last_modified: Some(at("2026-11-01T08:00:00Z")),
            stage: Some("Launched".into()),
            target_close_date: Some("2026-10-15".into()),
            company_name: Some("Acme".into()),
            spend: vec![
                Spend {
                    amount: Some("300".into()),
                    currency: "USD".into(),
                    frequency: "Monthly".into(),
                    target_company: "AWS".into(),
                },
                Spend {
                    amount: Some("5000".into()),
                    currency: "USD".into(),
                    frequency: "Monthly".into(),
                    target_company: "Self".into(),
                },
            ],
        }],
        titles: BTreeMap::new(),
    };
    let p = ace::plan(&s, &f, d("2026-11-26"), at("2026-11-26T12:00:00Z")).expect("plan");
    assert_eq!(
        p.updated,
        vec![
            "O555 Acme: stage Committed -> Launched, MRR $10 -> $300, launch 2026-09-01 -> 2026-10-15"
        ]
    );
    ace::apply(&mut s, &p);
    assert_eq!(s.opportunities.len(), 1);
    assert_eq!(s.opportunities[0].mrr, Money::from_dollars(300));
    assert_eq!(s.opportunities[0].title, "Local");
}

#[test]
fn validate_notes_unconverted_spend_and_missing_opportunities_without_failing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("s.ron");
    let mut s = store(
        apn_scorecard::domain::Tier::Select,
        "2026-01-01",
        "2026-03-01",
    );
    let mut o = opp(1, "Euro GmbH", Stage::Launched, "2026-06-30", 0);
    o.ace_id = "O7".into();
    s.opportunities.push(o);
    let mut sync = apn_scorecard::domain::AceSync {
        catalog: "AWS".into(),
        ..Default::default()
    };
    sync.unconverted.insert("O7".into(), "EUR 1000.00".into());
    sync.missing.insert("O7".into(), d("2026-11-01"));
    s.ace_sync = Some(sync);
    apn_scorecard::store::create_new(&data, &s).expect("create");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apn-scorecard"))
        .args(["--data", data.to_str().expect("utf8"), "validate"])
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("note: opportunities[id=1 \"Euro GmbH\"].mrr: EUR 1000.00 from ACE left out (set eur_usd_rate in the settings)"),
        "{text}"
    );
    assert!(
        text.contains("O7 missing from ACE since 2026-11-01"),
        "{text}"
    );
}

/// `--catalog` takes AWS or Sandbox in any case; anything else is refused before a store is
/// opened, naming what was typed and what is expected.
#[test]
fn an_unknown_catalog_is_refused_by_name() {
    assert_eq!(" sandbox ".parse::<Catalog>(), Ok(Catalog::Sandbox));
    assert_eq!("aws".parse::<Catalog>(), Ok(Catalog::Aws));
    assert_eq!(
        "prod".parse::<Catalog>(),
        Err(ace::UnknownCatalog("prod".into()))
    );
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("s.ron");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apn-scorecard"))
        .args(["--data", data.to_str().expect("utf8")])
        .args(["sync", "ace", "--dry-run", "--catalog", "prod"])
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "invalid value 'prod' for '--catalog <CATALOG>': unknown catalog 'prod' (expected AWS or Sandbox)"
        ),
        "{err}"
    );
    assert!(!data.exists());
}

#[cfg(not(feature = "ace"))]
#[test]
fn without_the_feature_sync_says_how_to_install_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("s.ron");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_apn-scorecard"))
        .args(["--data", data.to_str().expect("utf8"), "sync", "ace"])
        .env("APN_SCORECARD_TODAY", "2026-11-26")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cargo install --locked --path . --features ace"),
        "{err}"
    );
    assert!(!data.exists());
}

#[cfg(feature = "ace")]
mod live {
    use super::common::{opp, store};
    use apn_scorecard::domain::{Money, Stage, Store, Tier};
    use serde_json::{Value, json};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output};
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    const BIN: &str = env!("CARGO_BIN_EXE_apn-scorecard");
    const TODAY: &str = "2026-11-26";

    /// One request as the server saw it.
    #[derive(Debug, Clone)]
    struct Req {
        target: String,
        body: Value,
    }

    type Handler = dyn Fn(usize, &Req) -> (u16, String) + Send + Sync;

    /// A local server for the protocol; `handler` gets the call number (from 0) and the request.
    struct Server {
        url: String,
        seen: Arc<Mutex<Vec<Req>>>,
    }

    impl Server {
        fn start(handler: impl Fn(usize, &Req) -> (u16, String) + Send + Sync + 'static) -> Server {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            let url = format!("http://{}", listener.local_addr().expect("addr"));
            let seen = Arc::new(Mutex::new(Vec::new()));
            let log = Arc::clone(&seen);
            let handler: Arc<Handler> = Arc::new(handler);
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    let Ok(conn) = conn else { break };
                    let (log, handler) = (Arc::clone(&log), Arc::clone(&handler));
                    std::thread::spawn(move || serve(conn, &log, &*handler));
                }
            });
            Server { url, seen }
        }

        fn requests(&self) -> Vec<Req> {
            self.seen.lock().expect("log").clone()
        }
    }

    /// Answers requests on one connection until the client closes it.
    fn serve(conn: TcpStream, log: &Mutex<Vec<Req>>, handler: &Handler) {
        let mut reader = BufReader::new(conn.try_clone().expect("clone"));
        let mut conn = conn;
        loop {
            let mut len = 0usize;
            let mut target = String::new();
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            assert!(line.starts_with("POST / "), "request line {line:?}");
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
            let req = Req {
                target,
                body: serde_json::from_slice(&body).expect("json request"),
            };
            let n = {
                let mut l = log.lock().expect("log");
                l.push(req.clone());
                l.len() - 1
            };
            let (status, text) = handler(n, &req);
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

    fn error(kind: &str, message: &str) -> String {
        json!({"__type": kind, "message": message}).to_string()
    }

    fn summary(id: &str, stage: &str, close: Option<&str>, spend: Value) -> Value {
        let mut life = json!({ "Stage": stage });
        if let Some(c) = close {
            life["TargetCloseDate"] = json!(c);
        }
        json!({
            "Catalog": "AWS",
            "Id": id,
            "LastModifiedDate": "2026-11-20T10:00:00Z",
            "LifeCycle": life,
            "Customer": { "Account": { "CompanyName": format!("Customer {id}") } },
            "Project": { "ExpectedCustomerSpend": spend },
        })
    }

    fn spend(amount: &str, currency: &str, who: &str) -> Value {
        json!({"Amount": amount, "CurrencyCode": currency, "Frequency": "Monthly", "TargetCompany": who})
    }

    /// `ListOpportunities` pages of `per` summaries, `NextToken` = the next page number.
    fn paged(all: Vec<Value>, per: usize) -> impl Fn(&Req) -> (u16, String) + Send + Sync {
        move |req: &Req| {
            assert_eq!(req.target, "AWSPartnerCentralSelling.ListOpportunities");
            let page: usize = req.body["NextToken"]
                .as_str()
                .map_or(0, |t| t.parse().expect("token"));
            let chunk: Vec<Value> = all.iter().skip(page * per).take(per).cloned().collect();
            let mut body = json!({ "OpportunitySummaries": chunk });
            if (page + 1) * per < all.len() {
                body["NextToken"] = json!((page + 1).to_string());
            }
            (200, body.to_string())
        }
    }

    /// Every stage, USD / EUR / Self spend, no spend: 9 opportunities.
    fn pipeline() -> Vec<Value> {
        vec![
            summary("O1", "Prospect", Some("2027-03-01"), json!([])),
            summary("O2", "Qualified", None, json!([spend("100", "USD", "AWS")])),
            summary("O3", "Technical Validation", Some("2027-01-15"), json!([])),
            summary("O4", "Business Validation", Some("2026-12-20"), json!([])),
            summary(
                "O5",
                "Committed",
                Some("2026-12-01"),
                json!([spend("2500", "USD", "AWS")]),
            ),
            summary(
                "O6",
                "Launched",
                Some("2026-06-30"),
                json!([
                    spend("1200.50", "USD", "AWS"),
                    spend("40000", "USD", "Self")
                ]),
            ),
            summary(
                "O7",
                "Launched",
                Some("2026-08-31"),
                json!([spend("1000", "EUR", "AWS")]),
            ),
            summary("O8", "Launched", Some("2026-09-30"), json!([])),
            summary("O9", "Closed Lost", Some("2026-05-01"), json!([])),
        ]
    }

    fn new_store(dir: &Path) -> PathBuf {
        let path = dir.join("store.ron");
        let s = store(Tier::Select, "2026-01-01", "2026-03-01");
        apn_scorecard::store::create_new(&path, &s).expect("create");
        path
    }

    fn run_env(data: &Path, endpoint: &str, args: &[&str], creds: bool) -> Output {
        let mut c = Command::new(BIN);
        c.args(["--data", data.to_str().expect("utf8"), "sync", "ace"])
            .args(args)
            .env("APN_SCORECARD_TODAY", TODAY)
            .env("AWS_ENDPOINT_URL", endpoint)
            .env("AWS_CONFIG_FILE", data.with_extension("no-aws-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                data.with_extension("no-aws-creds"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true");
        for v in [
            "AWS_PROFILE",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWS_SESSION_TOKEN",
            "AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_MAX_ATTEMPTS",
            "AWS_RETRY_MODE",
        ] {
            c.env_remove(v);
        }
        if creds {
            c.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .env("AWS_SECRET_ACCESS_KEY", "fake-secret");
        } else {
            c.env_remove("AWS_ACCESS_KEY_ID")
                .env_remove("AWS_SECRET_ACCESS_KEY");
        }
        c.output().expect("run apn-scorecard")
    }

    fn run(data: &Path, endpoint: &str, args: &[&str]) -> Output {
        run_env(data, endpoint, args, true)
    }

    fn text(o: &Output) -> String {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    }

    fn load(p: &Path) -> Store {
        apn_scorecard::store::load(p).expect("load")
    }

    fn ok(o: &Output) -> String {
        assert!(o.status.success(), "{}", text(o));
        text(o)
    }

    #[test]
    fn several_pages_every_stage_eur_self_and_no_spend() {
        let server = Server::start({
            let h = paged(pipeline(), 4);
            move |_, r| h(r)
        });
        let dir = tempfile::tempdir().expect("tmp");
        let data = new_store(dir.path());
        let out = ok(&run(&data, &server.url, &[]));
        assert!(
            out.contains("9 opportunities in 3 pages (full sync of the AWS catalog)"),
            "{out}"
        );
        assert!(
            out.contains("added: 9, updated: 0, unchanged: 0, flagged: 0, missing from ACE: 0"),
            "{out}"
        );
        assert!(
            out.contains("O7 Customer O7: EUR 1000.00 left out of MRR (set eur_usd_rate"),
            "{out}"
        );
        let reqs = server.requests();
        assert_eq!(reqs.len(), 3);
        for r in &reqs {
            assert_eq!(r.body["Catalog"], "AWS");
            assert_eq!(r.body["MaxResults"], 100);
            assert!(
                r.body.get("LastModifiedDate").is_none(),
                "first sync is full"
            );
        }
        assert_eq!(reqs[1].body["NextToken"], "1");

        let s = load(&data);
        let by = |id: &str| s.opportunities.iter().find(|o| o.ace_id == id).expect(id);
        let stages: Vec<Stage> = ["O1", "O2", "O3", "O4", "O5", "O6", "O9"]
            .iter()
            .map(|i| by(i).stage)
            .collect();
        assert_eq!(
            stages,
            vec![
                Stage::Prospect,
                Stage::Qualified,
                Stage::TechnicalValidation,
                Stage::BusinessValidation,
                Stage::Committed,
                Stage::Launched,
                Stage::ClosedLost
            ]
        );
        assert_eq!(by("O6").mrr, Money(120_050), "Self spend never counts");
        assert_eq!(by("O6").launch_date, Some(super::d("2026-06-30")));
        assert_eq!(by("O5").launch_date, Some(super::d("2026-12-01")));
        assert_eq!(by("O2").launch_date, None);
        // EUR without a rate: still Launched, MRR left out, and the store says so.
        assert_eq!(by("O7").stage, Stage::Launched);
        assert_eq!(by("O7").mrr, Money::ZERO);
        assert_eq!(by("O8").mrr, Money::ZERO);
        let st = s.ace_sync.as_ref().expect("sync state");
        assert_eq!(st.unconverted_of("O7"), Some("EUR 1000.00"));
        assert_eq!(st.catalog, "AWS");
        assert!(st.last_success.is_some());

        // With a rate set, the next sync converts it.
        let mut s2 = s.clone();
        s2.profile.settings.eur_usd_rate = Some("1.1".parse().expect("rate"));
        apn_scorecard::store::save(&data, &s2).expect("save");
        let out = ok(&run(&data, &server.url, &["--full"]));
        assert!(out.contains("~ O7 Customer O7: MRR $0 -> $1,100"), "{out}");
        assert_eq!(
            load(&data).ace_sync.expect("state").unconverted_of("O7"),
            None
        );
    }

    #[test]
    fn incremental_runs_ask_from_the_last_change_and_reruns_change_nothing() {
        let server = Server::start({
            let h = paged(pipeline(), 100);
            move |_, r| h(r)
        });
        let dir = tempfile::tempdir().expect("tmp");
        let data = new_store(dir.path());
        ok(&run(&data, &server.url, &[]));
        let first = load(&data);
        let out = ok(&run(&data, &server.url, &[]));
        assert!(
            out.contains("(incremental sync of the AWS catalog)"),
            "{out}"
        );
        assert!(
            out.contains("added: 0, updated: 0, unchanged: 9, flagged: 0"),
            "{out}"
        );
        let reqs = server.requests();
        assert_eq!(
            reqs[1].body["LastModifiedDate"]["AfterLastModifiedDate"], "2026-11-20T10:00:00Z",
            "{:?}",
            reqs[1].body
        );
        let second = load(&data);
        assert_eq!(second.opportunities, first.opportunities);
        // --full asks for everything again.
        ok(&run(&data, &server.url, &["--full"]));
        assert!(server.requests()[2].body.get("LastModifiedDate").is_none());
    }

    #[test]
    fn local_fields_are_kept_and_csv_entries_are_not_duplicated() {
        let dir = tempfile::tempdir().expect("tmp");
        let data = dir.path().join("store.ron");
        let mut s = store(Tier::Select, "2026-01-01", "2026-03-01");
        let mut o = opp(1, "Customer O6", Stage::Committed, "2026-06-01", 10);
        o.ace_id = "o6".into();
        o.title = "Data platform (local)".into();
        o.referenceable = true;
        s.opportunities.push(o);
        let mut gone = opp(2, "Gone Ltd", Stage::Prospect, "2027-01-01", 0);
        gone.ace_id = "O404".into();
        s.opportunities.push(gone);
        apn_scorecard::store::create_new(&data, &s).expect("create");
        let server = Server::start(|_, r: &Req| {
            if r.target.ends_with("GetOpportunity") {
                let id = r.body["Identifier"].as_str().expect("id");
                let body = json!({"Catalog": "AWS", "Id": id, "LastModifiedDate": "2026-11-20T10:00:00Z",
                    "CreatedDate": "2026-01-01T00:00:00Z", "RelatedEntityIdentifiers": {},
                    "Project": {"Title": format!("Title of {id}")}});
                return (200, body.to_string());
            }
            paged(pipeline(), 100)(r)
        });
        let out = ok(&run(&data, &server.url, &["--titles"]));
        assert!(
            out.contains("added: 8, updated: 1, unchanged: 0, flagged: 0, missing from ACE: 1"),
            "{out}"
        );
        assert!(
            out.contains(
                "- O404 Gone Ltd: no longer in ACE; kept, marked missing since 2026-11-26"
            ),
            "{out}"
        );
        let after = load(&data);
        assert_eq!(after.opportunities.len(), 10);
        let o6: Vec<_> = after
            .opportunities
            .iter()
            .filter(|o| o.ace_id.eq_ignore_ascii_case("O6"))
            .collect();
        assert_eq!(o6.len(), 1);
        assert_eq!(o6[0].id, 1);
        assert_eq!(o6[0].title, "Data platform (local)");
        assert!(o6[0].referenceable);
        assert_eq!(o6[0].stage, Stage::Launched);
        // Titles were asked only for the ones without: 8 new, not O6.
        let gets: Vec<String> = server
            .requests()
            .iter()
            .filter(|r| r.target == "AWSPartnerCentralSelling.GetOpportunity")
            .map(|r| {
                r.body["Identifier"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        assert_eq!(gets.len(), 8);
        assert!(!gets.contains(&"O6".to_string()));
        let o1 = after
            .opportunities
            .iter()
            .find(|o| o.ace_id == "O1")
            .expect("O1");
        assert_eq!(o1.title, "Title of O1");
        assert!(after.opportunities.iter().any(|o| o.ace_id == "O404"));
        assert_eq!(
            after.ace_sync.expect("state").missing_since("O404"),
            Some(super::d(TODAY))
        );
    }

    #[test]
    fn a_throttled_page_succeeds_on_retry() {
        let server = Server::start({
            let h = paged(pipeline(), 3);
            move |n, r| {
                if n == 1 {
                    (400, error("ThrottlingException", "Rate exceeded"))
                } else {
                    h(r)
                }
            }
        });
        let dir = tempfile::tempdir().expect("tmp");
        let data = new_store(dir.path());
        let out = ok(&run(&data, &server.url, &[]));
        assert!(out.contains("9 opportunities in 3 pages"), "{out}");
        let reqs = server.requests();
        assert_eq!(reqs.len(), 4);
        assert_eq!(
            reqs[1].body, reqs[2].body,
            "the throttled page is asked again"
        );
        assert_eq!(load(&data).opportunities.len(), 9);
    }

    /// Runs a failing sync and checks that the store's bytes did not move.
    fn fails_writing_nothing(server_url: &str, args: &[&str], creds: bool) -> String {
        let dir = tempfile::tempdir().expect("tmp");
        let data = new_store(dir.path());
        let before = std::fs::read(&data).expect("read");
        let o = run_env(&data, server_url, args, creds);
        assert!(!o.status.success(), "{}", text(&o));
        assert_eq!(
            std::fs::read(&data).expect("read"),
            before,
            "store untouched"
        );
        assert!(
            !apn_scorecard::store::backup_path(&data).exists(),
            "no save happened"
        );
        let t = text(&o);
        assert!(t.contains("nothing written"), "{t}");
        t
    }

    #[test]
    fn access_denied_says_what_access_is_needed() {
        let server = Server::start(|_, _: &Req| {
            (
                403,
                error("AccessDeniedException", "User is not authorized"),
            )
        });
        let t = fails_writing_nothing(&server.url, &[], true);
        assert!(
            t.contains("ACE denied access (User is not authorized)"),
            "{t}"
        );
        assert!(t.contains("linked to your Partner Central account"), "{t}");
        assert!(t.contains("partnercentral:ListOpportunities"), "{t}");
        assert_eq!(server.requests().len(), 1, "access denied is not retried");
    }

    #[test]
    fn a_server_error_on_a_later_page_writes_nothing() {
        let server = Server::start({
            let h = paged(pipeline(), 4);
            move |n, r| {
                if n == 0 {
                    h(r)
                } else {
                    (500, error("InternalServerException", "Something broke"))
                }
            }
        });
        let t = fails_writing_nothing(&server.url, &[], true);
        assert!(
            t.contains("ACE could not answer ListOpportunities (page 2): InternalServerException, HTTP 500: Something broke"),
            "{t}"
        );
        assert_eq!(
            server.requests().len(),
            1 + 5,
            "page 1, then page 2 tried 5 times"
        );
    }

    #[test]
    fn a_malformed_answer_writes_nothing() {
        let server = Server::start({
            let h = paged(pipeline(), 4);
            move |n, r| {
                if n == 0 {
                    h(r)
                } else {
                    (200, "{\"OpportunitySummaries\": [tru".into())
                }
            }
        });
        let t = fails_writing_nothing(&server.url, &[], true);
        assert!(
            t.contains(
                "ACE sent an answer to ListOpportunities (page 2) that apn-scorecard cannot read"
            ),
            "{t}"
        );
    }

    #[test]
    fn a_bad_value_names_the_opportunity_and_field() {
        let server = Server::start(|_, r: &Req| {
            paged(vec![summary("O77", "Launched", None, json!([]))], 10)(r)
        });
        let t = fails_writing_nothing(&server.url, &[], true);
        assert!(
            t.contains("opportunity O77, LifeCycle.TargetCloseDate: is missing; a Launched opportunity needs it as its launch date"),
            "{t}"
        );
    }

    #[test]
    fn a_refused_connection_names_the_endpoint() {
        let port = TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let url = format!("http://127.0.0.1:{port}");
        let t = fails_writing_nothing(&url, &[], true);
        assert!(
            t.contains(&format!(
                "could not reach the Partner Central Selling API at {url}"
            )),
            "{t}"
        );
    }

    #[test]
    fn no_credentials_says_how_to_configure_them() {
        let server = Server::start(|_, _: &Req| (200, "{}".into()));
        let t = fails_writing_nothing(&server.url, &[], false);
        assert!(t.contains("no AWS credentials"), "{t}");
        assert!(t.contains("aws configure sso"), "{t}");
        assert!(
            server.requests().is_empty(),
            "nothing is sent without credentials"
        );
        let t = fails_writing_nothing(&server.url, &["--profile", "nope"], false);
        assert!(t.contains("no AWS credentials for profile 'nope'"), "{t}");
    }

    #[test]
    fn a_dry_run_prints_the_plan_and_writes_nothing() {
        let server = Server::start({
            let h = paged(pipeline(), 100);
            move |_, r| h(r)
        });
        let dir = tempfile::tempdir().expect("tmp");
        let data = new_store(dir.path());
        let before = std::fs::read(&data).expect("read");
        let out = ok(&run(
            &data,
            &server.url,
            &["--dry-run", "--catalog", "Sandbox"],
        ));
        assert!(
            out.contains("Dry run: syncing ACE (Sandbox catalog)"),
            "{out}"
        );
        assert!(out.contains("added: 9"), "{out}");
        assert!(out.contains("Nothing written (dry run)."), "{out}");
        assert_eq!(std::fs::read(&data).expect("read"), before);
        assert_eq!(server.requests()[0].body["Catalog"], "Sandbox");
    }

    /// Measured, not timed: 5,000 opportunities in 50 pages, synced and saved. Run with
    /// `cargo test --release --features ace --test ace_sync -- --nocapture sync_5000` for the
    /// README's figure.
    #[test]
    fn sync_5000_opportunities_in_50_pages() {
        let stages = ["Prospect", "Committed", "Launched", "Closed Lost"];
        let all: Vec<Value> = (0..5000)
            .map(|i| {
                summary(
                    &format!("O{i:07}"),
                    stages[i % 4],
                    Some("2026-06-30"),
                    json!([
                        spend(&format!("{}", 100 + i), "USD", "AWS"),
                        spend("5", "USD", "Self")
                    ]),
                )
            })
            .collect();
        let server = Server::start({
            let h = paged(all, 100);
            move |_, r| h(r)
        });
        let dir = tempfile::tempdir().expect("tmp");
        let data = new_store(dir.path());
        let t = Instant::now();
        let out = ok(&run(&data, &server.url, &[]));
        let took = t.elapsed();
        assert!(out.contains("5000 opportunities in 50 pages"), "{out}");
        let s = load(&data);
        assert_eq!(s.opportunities.len(), 5000);
        let mrr: i64 = s.opportunities.iter().map(|o| o.mrr.cents()).sum();
        assert_eq!(mrr, (0..5000i64).map(|i| (100 + i) * 100).sum::<i64>());
        println!("sync of 5,000 opportunities in 50 pages, saved: {took:?}");
    }
}
