//! CSV import planning (what `import --dry-run` does after reading the file): rows for one person
//! at 10k / 20k / 40k (must grow linearly: each doubling about doubles the time), and a
//! 1,000,000-row file for 10,000 people. `cargo bench --bench import`.
//!
//! Peak memory is a property of a whole process, so it is measured on the release binary:
//! `/usr/bin/time -v target/release/apn-scorecard --data S import certifications F --dry-run`
//! with the file this bench writes when `APN_BENCH_CSV_OUT` names a path.

// Only `today` is used here; the store sizes serve the other benches.
#[allow(dead_code)]
mod common;

use apn_scorecard::domain::{Profile, Settings, Store, Tier};
use apn_scorecard::import::{self, ImportKind};
use apn_scorecard::scoring::Program;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

const EXAMS: [&str; 12] = [
    "CLF-C02", "SAA-C03", "DVA-C02", "SOA-C02", "SAP-C02", "DOP-C02", "ANS-C01", "SCS-C02",
    "MLS-C01", "DBS-C01", "DAS-C01", "PAS-C01",
];

/// `rows` certification rows spread over `people` people: every row a different (exam, earned
/// day), so each one adds a certification.
fn csv(rows: usize, people: usize) -> String {
    let mut s = String::with_capacity(rows * 64);
    s.push_str("name,email,exam,earned\n");
    let start = common::today() - chrono::Duration::days(20_000);
    for i in 0..rows {
        let p = i % people;
        let exam = EXAMS[(i / people) % EXAMS.len()];
        let day = start + chrono::Duration::days(((i / people) / EXAMS.len()) as i64);
        s.push_str(&format!(
            "Person {p},person{p}@example.com,{exam},{}\n",
            day.format("%Y-%m-%d")
        ));
    }
    s
}

fn empty_store() -> Store {
    Store::new(Profile {
        partner: "Bench Partner".into(),
        tier: Tier::Select,
        target: None,
        program: "services-path-2023".into(),
        last_tier_review: common::today() - chrono::Duration::days(300),
        apn_renewal: common::today() - chrono::Duration::days(200),
        tier_history: Vec::new(),
        settings: Settings::default(),
    })
}

fn bench(c: &mut Criterion) {
    let program = Program::embedded().expect("program");
    let store = empty_store();
    let today = common::today();
    let plan = |text: &str| {
        import::plan(
            &store,
            text,
            ImportKind::Certifications,
            &program.catalog,
            today,
        )
        .expect("plan")
    };

    let mut g = c.benchmark_group("import");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3));
    let mut one_person = Vec::new();
    for rows in [10_000, 20_000, 40_000] {
        let text = csv(rows, 1);
        let t = Instant::now();
        assert_eq!(
            plan(&text).changes.len(),
            rows + 1,
            "one person, {rows} certs"
        );
        one_person.push(t.elapsed());
        g.bench_with_input(BenchmarkId::new("one_person_rows", rows), &text, |b, t| {
            b.iter(|| plan(black_box(t)))
        });
    }
    // Linear: 4x the rows in well under 8x the time (quadratic was 11x for 4x).
    let ratio = one_person[2].as_secs_f64() / one_person[0].as_secs_f64().max(1e-9);
    eprintln!("one person: 40k rows / 10k rows = {ratio:.1}x the time");
    assert!(
        ratio < 8.0,
        "planning is not linear: {ratio:.1}x for 4x the rows"
    );

    let text = csv(1_000_000, 10_000);
    if let Some(out) = std::env::var_os("APN_BENCH_CSV_OUT") {
        std::fs::write(out, &text).expect("write csv");
    }
    let t = Instant::now();
    let p = plan(&text);
    eprintln!(
        "1,000,000 rows / 10,000 people: planned in {:.2} s ({} changes)",
        t.elapsed().as_secs_f64(),
        p.changes.len()
    );
    drop(p);
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_with_input(
        BenchmarkId::new("rows_1m_people_10k", 1_000_000),
        &text,
        |b, t| b.iter(|| plan(black_box(t))),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
