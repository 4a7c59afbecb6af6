//! An edit of an open plan through `Session`, as the desktop window sends it: the engine
//! applies the op to its document, keeps the graph in step, re-validates when the op can change
//! validity, and answers with only what changed (serialized to JSON, as IPC does). Beside it,
//! from the same run: a no-op command (`settings`) and validating the plan alone, the floor an
//! edit that re-validates cannot go below.
//!
//! The `search` group: a keystroke's search (Ctrl+K) over the workspace as edited, as the
//! window asks it (an open plan answers from its document's index, built once per state),
//! beside the same search flattening every applet's properties again (how it was done before
//! the index: the baseline, in the same run), and a search right after an edit (the index of
//! the new state built first).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use planwright::generate::large_plan;
use planwright_api::dto::*;
use planwright_api::Session;
use std::hint::black_box;

// The allocator the desktop app uses (src-tauri/src/main.rs), so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    for n in [100usize, 2000] {
        let dir = tempfile::tempdir().unwrap();
        let plans = dir.path().join("plans");
        std::fs::create_dir_all(&plans).unwrap();
        let plan = large_plan(n);
        planwright::plan_file::save_plan(&plans.join(format!("{}.json", plan.id)), &plan).unwrap();
        // Beside the sample plans and schedules, as in the app (validation looks across plans).
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans");
        for e in std::fs::read_dir(&samples).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "json") && !e.file_name().to_string_lossy().ends_with(".schema.json") {
                std::fs::copy(e.path(), plans.join(e.file_name())).unwrap();
            }
        }
        std::fs::create_dir_all(plans.join("schedules")).unwrap();
        for e in std::fs::read_dir(samples.join("schedules")).unwrap().flatten() {
            std::fs::copy(e.path(), plans.join("schedules").join(e.file_name())).unwrap();
        }
        let mut s = Session::open(&plans, &dir.path().join("store.sqlite")).unwrap();
        let id = plan.id.clone();
        s.open_plan(id.clone()).unwrap();
        let applet = plan.applets[n / 2].clone();
        let mut i = 0u64;
        group.bench_with_input(BenchmarkId::new("noop_settings", n), &n, |b, _| b.iter(|| black_box(serde_json::to_vec(&s.settings().unwrap()).unwrap())));
        group.bench_with_input(BenchmarkId::new("move", n), &n, |b, _| {
            b.iter(|| {
                i += 1;
                let rev = s.document(&id).unwrap().revision();
                let op = EditOp::Move { moves: vec![AppletMove { id: applet.id.clone(), position: Position { x: (i % 50) as f64, y: 0.0 } }] };
                black_box(serde_json::to_vec(&s.apply_edit(id.clone(), rev, op).unwrap()).unwrap())
            })
        });
        group.bench_with_input(BenchmarkId::new("rename", n), &n, |b, _| {
            b.iter(|| {
                i += 1;
                let rev = s.document(&id).unwrap().revision();
                let op = EditOp::Rename { id: applet.id.clone(), label: format!("Renamed {i}") };
                black_box(serde_json::to_vec(&s.apply_edit(id.clone(), rev, op).unwrap()).unwrap())
            })
        });
        // Delete the middle applet and undo it: the largest change an everyday edit makes (the
        // applets it reached may become unreachable), there and back.
        group.bench_with_input(BenchmarkId::new("delete", n), &n, |b, _| {
            b.iter(|| {
                let rev = s.document(&id).unwrap().revision();
                let gone = serde_json::to_vec(&s.apply_edit(id.clone(), rev, EditOp::Delete { ids: vec![applet.id.clone()] }).unwrap()).unwrap();
                let back = serde_json::to_vec(&s.undo(id.clone()).unwrap()).unwrap();
                black_box((gone, back))
            })
        });
        let ctx_plan = s.document(&id).unwrap().plan().clone();
        let schedules = Default::default();
        let ctx = planwright::validate::Context { plans: [(ctx_plan.id.as_str(), &ctx_plan)].into_iter().collect(), schedules: &schedules, account_keys: None };
        group.bench_with_input(BenchmarkId::new("validate_only", n), &n, |b, _| b.iter(|| black_box(planwright::validate::validate_context(&ctx, None))));

        group.finish();
        let mut search = c.benchmark_group("search");
        for query in ["crm.example", "a1500"] {
            let name = |what: &str| BenchmarkId::new(format!("{what}/{query}"), n);
            search.bench_function(name("keystroke"), |b| b.iter(|| black_box(serde_json::to_vec(&s.search(query.to_string()).unwrap()).unwrap())));
            search.bench_function(name("unindexed"), |b| {
                b.iter(|| {
                    let hits = planwright::search::search(s.edited_plans(), &planwright::catalog::Schedules::default(), query, planwright_api::search::SEARCH_LIMIT);
                    black_box(serde_json::to_vec(&hits).unwrap())
                })
            });
            search.bench_function(name("after_edit"), |b| {
                b.iter(|| {
                    i += 1;
                    let rev = s.document(&id).unwrap().revision();
                    let op = EditOp::Move { moves: vec![AppletMove { id: applet.id.clone(), position: Position { x: (i % 50) as f64, y: 0.0 } }] };
                    s.apply_edit(id.clone(), rev, op).unwrap();
                    black_box(serde_json::to_vec(&s.search(query.to_string()).unwrap()).unwrap())
                })
            });
        }
        search.finish();
        group = c.benchmark_group("edit");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
