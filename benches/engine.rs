//! Load (RON text; the file, through the cache for large ones; JSON as the yardstick), evaluate, forecast + next actions, save: at demo,
//! large and xl. `cargo bench --bench engine`.

mod common;

use apn_scorecard::scoring::{self, Program};
use apn_scorecard::store;
use apn_scorecard::tui::app::derive;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn engine(c: &mut Criterion) {
    let _cache = common::private_cache();
    let program = Program::embedded().expect("embedded program");
    let today = common::today();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, s) in common::sizes() {
        let ron = store::to_ron(&s).expect("to_ron");
        let json = serde_json::to_string(&s).expect("to json");
        eprintln!(
            "{name}: RON {} KiB, JSON {} KiB",
            ron.len() / 1024,
            json.len() / 1024
        );
        g.bench_with_input(BenchmarkId::new("load_ron", name), &ron, |b, t| {
            b.iter(|| store::parse(black_box(t), Path::new("bench.ron")).expect("parse"))
        });
        // What start-up pays: read the file, and parse it or take its cached copy.
        let path = dir.path().join(format!("{name}.ron"));
        store::save(&path, &s).expect("write store");
        let first = store::load(&path).expect("first load");
        assert_eq!(first, s, "loaded store differs");
        g.bench_with_input(BenchmarkId::new("load_file", name), &path, |b, p| {
            b.iter(|| store::load(black_box(p)).expect("load"))
        });
        g.bench_with_input(BenchmarkId::new("load_json", name), &json, |b, t| {
            b.iter(|| {
                serde_json::from_str::<apn_scorecard::domain::Store>(black_box(t)).expect("json")
            })
        });
        g.bench_with_input(BenchmarkId::new("evaluate", name), &s, |b, s| {
            b.iter(|| scoring::evaluate(black_box(s), &program, today).expect("evaluate"))
        });
        let sc = scoring::evaluate(&s, &program, today).expect("evaluate");
        let horizon = s.profile.settings.horizon_days;
        g.bench_with_input(BenchmarkId::new("forecast_actions", name), &s, |b, s| {
            b.iter(|| {
                let f = scoring::forecast(black_box(s), &program, today, horizon);
                (f, scoring::next_actions(s, &program, &sc))
            })
        });
        // What the dashboard recomputes after an edit: scorecard, upcoming changes, actions.
        g.bench_with_input(BenchmarkId::new("recompute", name), &s, |b, s| {
            b.iter(|| derive(black_box(s), &program, today))
        });
        // What handing a snapshot to a background writer would cost the UI thread.
        g.bench_with_input(BenchmarkId::new("clone", name), &s, |b, s| {
            b.iter(|| black_box(s).clone())
        });
        g.bench_with_input(BenchmarkId::new("to_ron", name), &s, |b, s| {
            b.iter(|| store::to_ron(black_box(s)).expect("to_ron"))
        });
        g.bench_with_input(BenchmarkId::new("save", name), &s, |b, s| {
            b.iter(|| store::save(&path, black_box(s)).expect("save"))
        });
    }
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
