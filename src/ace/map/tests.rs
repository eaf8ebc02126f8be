use super::*;
use crate::domain::{FxRate, Profile, Settings, Tier};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

const TODAY: &str = "2026-11-26";

fn store() -> Store {
    Store::new(Profile {
        partner: "P".into(),
        tier: Tier::Select,
        target: None,
        program: "services-path-2023".into(),
        last_tier_review: d("2026-01-01"),
        apn_renewal: d("2026-03-01"),
        tier_history: Vec::new(),
        settings: Settings::default(),
    })
}

fn spend(amount: &str, cur: &str, who: &str) -> Spend {
    Spend {
        amount: Some(amount.into()),
        currency: cur.into(),
        frequency: "Monthly".into(),
        target_company: who.into(),
    }
}

fn ace(id: &str, stage: &str, close: &str, company: &str, spend: Vec<Spend>) -> AceOpportunity {
    AceOpportunity {
        id: id.into(),
        last_modified: Some(at("2026-11-20T10:00:00Z")),
        stage: Some(stage.into()),
        target_close_date: (!close.is_empty()).then(|| close.into()),
        company_name: Some(company.into()),
        spend,
    }
}

fn fetched(full: bool, opps: Vec<AceOpportunity>) -> Fetched {
    Fetched {
        catalog: Catalog::Aws,
        full,
        pages: 1,
        opportunities: opps,
        titles: BTreeMap::new(),
    }
}

fn run(s: &Store, f: &Fetched) -> SyncPlan {
    plan(s, f, d(TODAY), at("2026-11-26T09:00:00Z")).expect("plan")
}

#[test]
fn maps_every_stage_dates_and_aws_monthly_spend_only() {
    let opps = vec![
        ace("O1", "Prospect", "2027-01-10", "A", vec![]),
        ace("O2", "Qualified", "2027-02-10", "B", vec![]),
        ace("O3", "Technical Validation", "", "C", vec![]),
        ace("O4", "Business Validation", "2027-03-01", "D", vec![]),
        ace("O5", "Committed", "2026-12-15", "E", vec![]),
        ace(
            "O6",
            "Launched",
            "2026-06-30",
            "F",
            vec![
                spend("1200.50", "USD", "AWS"),
                spend("800", "USD", "AWS"),
                spend("99999", "USD", "Self"),
            ],
        ),
        ace("O7", "Closed Lost", "2026-05-01", "G", vec![]),
    ];
    let s = store();
    let p = run(&s, &fetched(true, opps));
    assert_eq!(p.added.len(), 7);
    let mut after = s.clone();
    apply(&mut after, &p);
    let by = |id: &str| {
        after
            .opportunities
            .iter()
            .find(|o| o.ace_id == id)
            .expect("added")
    };
    let stages: Vec<Stage> = ["O1", "O2", "O3", "O4", "O5", "O6", "O7"]
        .iter()
        .map(|id| by(id).stage)
        .collect();
    assert_eq!(stages, Stage::ALL.to_vec());
    // Launched: TargetCloseDate is the launch date; MRR counts AWS entries, never Self.
    assert_eq!(by("O6").launch_date, Some(d("2026-06-30")));
    assert_eq!(by("O6").mrr, Money(200_050));
    // Open stages: the expected launch date; none when ACE has none.
    assert_eq!(by("O5").launch_date, Some(d("2026-12-15")));
    assert_eq!(by("O3").launch_date, None);
    assert_eq!(by("O1").mrr, Money::ZERO);
    assert_eq!(by("O1").added, Some(d(TODAY)));
    // New entries get fresh wide ids: all distinct and none taken before the sync.
    let ids: std::collections::BTreeSet<u64> = after.opportunities.iter().map(|o| o.id).collect();
    assert_eq!(ids.len(), 7, "seven distinct ids");
    assert!(
        ids.iter()
            .all(|&i| i >= crate::domain::MIN_NEW_ID && !s.all_ids().any(|b| b == i))
    );
    let st = after.ace_sync.as_ref().expect("state");
    assert_eq!(st.catalog, "AWS");
    assert_eq!(st.cursor, Some(at("2026-11-20T10:00:00Z")));
    assert_eq!(st.last_success, Some(at("2026-11-26T09:00:00Z")));
}

#[test]
fn eur_converts_with_the_rate_and_is_left_out_without_one() {
    let o = ace(
        "O9",
        "Launched",
        "2026-06-30",
        "Euro GmbH",
        vec![spend("1000", "EUR", "AWS"), spend("50", "USD", "AWS")],
    );
    let s = store();
    let p = run(&s, &fetched(false, vec![o.clone()]));
    assert_eq!(p.ops[0].stage, Stage::Launched);
    assert_eq!(p.ops[0].mrr, Money(5_000), "only the USD part counts");
    assert_eq!(p.unconverted.len(), 1);
    assert!(p.unconverted[0].contains("EUR 1000.00 left out of MRR"));
    assert!(p.summary().contains("eur_usd_rate"));
    assert_eq!(p.state.unconverted_of("o9"), Some("EUR 1000.00"));

    let mut with_rate = s.clone();
    apply(&mut with_rate, &p);
    with_rate.profile.settings.eur_usd_rate = Some("1.085".parse::<FxRate>().expect("rate"));
    let p2 = run(&with_rate, &fetched(false, vec![o]));
    assert_eq!(
        p2.updated,
        vec!["O9 Euro GmbH: MRR $50 -> $1,135".to_string()]
    );
    assert!(p2.unconverted.is_empty());
    assert_eq!(p2.state.unconverted_of("O9"), None);
}

#[test]
fn an_opportunity_from_a_csv_is_updated_not_duplicated_and_keeps_local_fields() {
    let mut s = store();
    s.opportunities.push(Opportunity {
        id: 4,
        ace_id: "o123".into(),
        customer: "Acme".into(),
        title: "My local title".into(),
        stage: Stage::Committed,
        mrr: Money(10_000),
        launch_date: Some(d("2026-10-01")),
        referenceable: true,
        added: Some(d("2026-01-01")),
        changed: Some(d("2026-01-01")),
    });
    let mut f = fetched(
        false,
        vec![ace(
            "O123",
            "Launched",
            "2026-11-01",
            "Acme Corp",
            vec![spend("250", "USD", "AWS")],
        )],
    );
    f.titles.insert("O123".into(), "ACE title".into());
    let p = run(&s, &f);
    assert!(p.added.is_empty());
    assert_eq!(p.updated.len(), 1);
    apply(&mut s, &p);
    assert_eq!(s.opportunities.len(), 1);
    let o = &s.opportunities[0];
    assert_eq!((o.id, o.ace_id.as_str()), (4, "o123"));
    assert_eq!(o.stage, Stage::Launched);
    assert_eq!(o.launch_date, Some(d("2026-11-01")));
    assert_eq!(o.mrr, Money(25_000));
    assert_eq!(o.customer, "Acme Corp");
    assert_eq!(o.title, "My local title");
    assert!(o.referenceable);
    assert_eq!(o.added, Some(d("2026-01-01")));
    assert_eq!(o.changed, Some(d(TODAY)));

    // The same answer again changes nothing but the sync time.
    let again = run(&s, &f);
    assert!(again.ops.is_empty());
    assert_eq!(again.unchanged, 1);
    assert!(!again.changes_entries(&s));
}

#[test]
fn an_empty_local_title_takes_the_one_from_ace() {
    let mut s = store();
    let f0 = fetched(false, vec![ace("O1", "Prospect", "", "A", vec![])]);
    let p0 = run(&s, &f0);
    apply(&mut s, &p0);
    assert_eq!(s.opportunities[0].title, "");
    let mut f = f0.clone();
    f.titles.insert("o1".into(), "Migration".into());
    let p = run(&s, &f);
    assert_eq!(p.updated, vec!["O1 A: title 'Migration'".to_string()]);
}

#[test]
fn a_full_sync_marks_vanished_opportunities_missing_and_never_deletes() {
    let mut s = store();
    let first = fetched(
        true,
        vec![
            ace("O1", "Launched", "2026-01-01", "A", vec![]),
            ace("O2", "Prospect", "", "B", vec![]),
        ],
    );
    let p = run(&s, &first);
    apply(&mut s, &p);
    // A local-only opportunity (no ACE id) is never marked.
    s.opportunities.push(Opportunity {
        id: 9,
        ace_id: String::new(),
        customer: "Local".into(),
        title: String::new(),
        stage: Stage::Prospect,
        mrr: Money::ZERO,
        launch_date: None,
        referenceable: false,
        added: None,
        changed: None,
    });
    // An incremental sync without O2 says nothing about it.
    let inc = run(&s, &fetched(false, vec![]));
    assert!(inc.missing.is_empty());
    let second = fetched(true, vec![ace("O1", "Launched", "2026-01-01", "A", vec![])]);
    let p2 = plan(&s, &second, d("2026-12-01"), at("2026-12-01T00:00:00Z")).expect("plan");
    assert_eq!(p2.missing.len(), 1);
    assert!(p2.missing[0].starts_with("O2 B: no longer in ACE"));
    apply(&mut s, &p2);
    assert_eq!(s.opportunities.len(), 3);
    let st = s.ace_sync.clone().expect("state");
    assert_eq!(st.missing_since("O2"), Some(d("2026-12-01")));
    // A later full sync keeps the first day it went missing.
    let p3 = plan(&s, &second, d("2026-12-05"), at("2026-12-05T00:00:00Z")).expect("plan");
    assert!(p3.missing.is_empty());
    assert_eq!(p3.state.missing_since("O2"), Some(d("2026-12-01")));
    // Back in ACE: the mark goes.
    let p4 = run(
        &s,
        &fetched(false, vec![ace("O2", "Prospect", "", "B", vec![])]),
    );
    assert_eq!(p4.returned.len(), 1);
    assert_eq!(p4.state.missing_since("O2"), None);
}

#[test]
fn bad_answers_name_the_opportunity_and_field_and_plan_nothing() {
    let big = "9".repeat(31);
    let opps = vec![
        ace("O1", "Launched", "", "A", vec![]),
        ace("O2", "Won", "2026-01-01", "B", vec![]),
        ace("O3", "Prospect", "2026-13-01", "C", vec![]),
        ace("O4", "Prospect", "", "D", vec![spend(&big, "USD", "AWS")]),
        ace(
            "O5",
            "Prospect",
            "",
            "E",
            vec![
                spend("90000000000000000", "USD", "AWS"),
                spend("90000000000000000", "USD", "AWS"),
            ],
        ),
        ace("O6", "Prospect", "", "", vec![]),
    ];
    let errs = plan(
        &store(),
        &fetched(true, opps),
        d(TODAY),
        at("2026-11-26T09:00:00Z"),
    )
    .expect_err("refused");
    let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        text,
        vec![
            "opportunity O1, LifeCycle.TargetCloseDate: is missing; a Launched opportunity needs it as its launch date",
            "opportunity O2, LifeCycle.Stage: unknown stage 'Won' (expected Prospect, Qualified, Technical Validation, Business Validation, Committed, Launched or Closed Lost)",
            "opportunity O3, LifeCycle.TargetCloseDate: '2026-13-01' is not a date (YYYY-MM-DD)",
            &format!(
                "opportunity O4, Project.ExpectedCustomerSpend[0].Amount: '{big}' is too large"
            ),
            "opportunity O5, Project.ExpectedCustomerSpend: the monthly AWS spend adds up to more than the scorecard can hold",
            "opportunity O6, Customer.Account.CompanyName: is missing (needed to add the opportunity)",
        ]
    );
}

#[test]
fn annual_looking_mrr_is_flagged_and_repeats_keep_the_latest() {
    let mut old = ace(
        "O1",
        "Launched",
        "2026-01-01",
        "A",
        vec![spend("5", "USD", "AWS")],
    );
    old.last_modified = Some(at("2026-11-01T00:00:00Z"));
    let new = ace(
        "O1",
        "Launched",
        "2026-01-01",
        "A",
        vec![spend("100000", "USD", "AWS")],
    );
    let p = run(&store(), &fetched(false, vec![new, old]));
    assert_eq!(p.fetched, 1);
    assert_eq!(p.ops[0].mrr, Money::from_dollars(100_000));
    assert_eq!(p.flagged.len(), 1);
    assert!(p.summary().contains("flagged: 1"));
}

#[test]
fn a_store_follows_one_catalog() {
    let mut s = store();
    assert_eq!(
        super::super::starting_point(&s, Catalog::Aws, false),
        Ok(None)
    );
    let p = run(
        &s,
        &fetched(false, vec![ace("O1", "Prospect", "", "A", vec![])]),
    );
    apply(&mut s, &p);
    assert_eq!(
        super::super::starting_point(&s, Catalog::Aws, false),
        Ok(Some(at("2026-11-20T10:00:00Z")))
    );
    assert_eq!(
        super::super::starting_point(&s, Catalog::Aws, true),
        Ok(None)
    );
    let e = super::super::starting_point(&s, Catalog::Sandbox, false).expect_err("refused");
    assert_eq!(
        e,
        super::super::OtherCatalog {
            followed: "AWS".into(),
            asked: Catalog::Sandbox
        }
    );
    assert_eq!(
        e.to_string(),
        "this store follows the AWS catalog; sync the Sandbox catalog into another store \
         (--data FILE)"
    );
}

#[test]
fn stores_without_sync_state_write_the_same_ron() {
    let s = store();
    let text = crate::store::to_ron(&s).expect("ron");
    assert!(!text.contains("ace_sync") && !text.contains("eur_usd_rate"));
    let mut synced = s.clone();
    synced.profile.settings.eur_usd_rate = Some("0.92".parse().expect("rate"));
    let p = run(
        &synced,
        &fetched(
            true,
            vec![ace(
                "O1",
                "Launched",
                "2026-01-01",
                "A",
                vec![spend("7", "GBP", "AWS")],
            )],
        ),
    );
    apply(&mut synced, &p);
    let text = crate::store::to_ron(&synced).expect("ron");
    let back = crate::store::parse(&text, std::path::Path::new("x.ron")).expect("parse");
    assert_eq!(back, synced);
    assert!(text.contains("eur_usd_rate: Some(\"0.92\")"), "{text}");
}

proptest! {
    /// MRR is the exact sum of the AWS monthly USD entries, whatever else is listed.
    #[test]
    fn mrr_is_the_sum_of_aws_usd_entries(
        entries in prop::collection::vec((0u64..10_000_000, 0u8..100, any::<bool>(), any::<bool>()), 0..8)
    ) {
        let spends: Vec<Spend> = entries
            .iter()
            .map(|(d, c, aws, usd)| spend(
                &format!("{d}.{c:02}"),
                if *usd { "USD" } else { "EUR" },
                if *aws { "AWS" } else { "Self" },
            ))
            .collect();
        let expected: i64 = entries
            .iter()
            .filter(|(_, _, aws, usd)| *aws && *usd)
            .map(|(d, c, _, _)| i64::try_from(*d).unwrap_or(0) * 100 + i64::from(*c))
            .sum();
        let p = run(&store(), &fetched(false, vec![ace("O1", "Committed", "", "A", spends)]));
        prop_assert_eq!(p.ops[0].mrr, Money(expected));
        // Applying twice is the same as once.
        let mut s = store();
        apply(&mut s, &p);
        let once = s.clone();
        apply(&mut s, &p);
        prop_assert_eq!(s, once);
    }
}
