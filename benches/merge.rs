//! The merge driver's work on a team's store: three-way merge of two edited copies at demo,
//! large and xl, and the load-time id check every command runs. `cargo bench --bench merge`.

mod common;

use apn_scorecard::domain::{Money, Person, Store};
use apn_scorecard::merge;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// Our side adds a person and raises an MRR; theirs adds a person and renames the first one.
fn sides(base: &Store) -> (Store, Store) {
    let mut ours = base.clone();
    let mut p = Person::new(ours.new_id(), "Ours New");
    p.email = "ours.new@example.com".into();
    ours.people.push(p);
    if let Some(o) = ours.opportunities.first_mut() {
        o.mrr = Money(123_400);
    }
    let mut theirs = base.clone();
    let mut p = Person::new(theirs.new_id(), "Theirs New");
    p.email = "theirs.new@example.com".into();
    theirs.people.push(p);
    if let Some(p) = theirs.people.first_mut() {
        p.name.push_str(" Jr");
    }
    (ours, theirs)
}

fn bench(c: &mut Criterion) {
    let _cache = common::private_cache();
    let mut g = c.benchmark_group("merge");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (name, base) in common::sizes() {
        let (ours, theirs) = sides(&base);
        let m = merge::merge(&base, &ours, &theirs).expect("merges");
        assert_eq!(m.people.len(), base.people.len() + 2, "both additions kept");
        assert!(m.conflicts.is_empty());
        g.bench_with_input(BenchmarkId::new("merge3", name), &base, |b, base| {
            b.iter(|| merge::merge(black_box(base), &ours, &theirs).expect("merge"))
        });
        g.bench_with_input(BenchmarkId::new("findings", name), &m, |b, m| {
            b.iter(|| merge::findings(black_box(m)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
