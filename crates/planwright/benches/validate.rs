//! Validation of a generated 2,000-applet plan (Twilio Studio's per-flow maximum), the goal
//! being < 5 ms so validation can run on every edit. Building the graph alone and parsing the
//! plan file are measured beside it as baselines from the same run: on a busy machine every
//! figure moves, so compare validation with the graph build of the same run (about 7 times it
//! since the allocation cuts of issue 9; 12 to 14 times before).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use planwright::generate::large_plan;
use planwright::graph::PlanGraph;
use planwright::validate::{validate_context, Context};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for n in [100usize, 2000] {
        let plan = large_plan(n);
        let schedules = Default::default();
        let ctx = Context { plans: [(plan.id.as_str(), &plan)].into_iter().collect(), schedules: &schedules, account_keys: None };
        group.bench_with_input(BenchmarkId::new("validate_plan", n), &n, |b, _| b.iter(|| black_box(validate_context(&ctx, None))));
        group.bench_with_input(BenchmarkId::new("build_graph", n), &n, |b, _| b.iter(|| black_box(PlanGraph::from_plan(&plan))));
        let text = planwright::plan_file::plan_to_string(&plan);
        group.bench_with_input(BenchmarkId::new("parse_plan_file", n), &n, |b, _| {
            b.iter(|| black_box(planwright::plan_file::parse_plan(&text).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
