//! Simulator figures: one interaction, a 1,000,000-interaction batch in aggregate-only mode,
//! and a batch with every run stored against a plain-insert baseline of the same rows.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use planwright::Workspace;
use planwright_sim::interp::State;
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, RunRecord, Scenario, Simulation, Stats};
use planwright_store::{RunMeta, Store};
use rusqlite::params;
use std::path::PathBuf;
use std::sync::Mutex;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

fn sim(scenario: &str, plan: &str) -> Simulation {
    let ws = Workspace::load(&samples()).unwrap();
    let scenario = Scenario::load(&samples().join("scenarios").join(scenario)).unwrap();
    Simulation::new(&ws, plan, scenario).unwrap()
}

fn one_interaction(c: &mut Criterion) {
    let s = sim("voice-orders-delivered.json", "voice-orders");
    let inst = s.instance(7, 0);
    let mut state = State::default();
    let mut stats = Stats::new(&s.program);
    c.bench_function("one interaction, full trace (voice-orders delivered)", |b| {
        b.iter(|| s.run_traced(&inst, &mut state, &mut stats))
    });
    c.bench_function("one interaction, counted only (voice-orders delivered)", |b| {
        b.iter(|| planwright_sim::interp::run(&s.program, s.entry, &inst, &mut state, &mut stats, None).steps)
    });
}

fn batch_aggregate(c: &mut Criterion) {
    let s = sim("voice-orders-distribution.json", "voice-orders");
    let mut g = c.benchmark_group("batch aggregate-only");
    g.sample_size(10);
    g.bench_function("1,000,000 interactions, 2 threads", |b| {
        b.iter(|| {
            let cfg = BatchConfig { n: 1_000_000, seed: 42, threads: 2, keep: KeepRuns::None };
            run_batch(&s, &cfg, &Control::default(), &|_| {}).completed
        })
    });
    g.finish();
}

const STORED: u64 = 5_000;

/// The rows of the store, inserted with plain prepared statements in one transaction.
fn baseline_insert(store: &mut Store, runs: &[RunRecord]) {
    let conn = store.connection();
    let tx = conn.transaction().unwrap();
    {
        let mut run = tx
            .prepare(
                "INSERT INTO runs (batch_id, batch_index, plan_id, plan_hash, scenario_name, scenario_json, seed, start_time,
                 end_time, duration_ms, outcome, interaction_end_code, interaction_end, end_code, end_reason, step_count,
                 data_json, created_at, channel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            )
            .unwrap();
        let mut step = tx
            .prepare(
                "INSERT INTO steps (run_id, seq, phase, plan_id, applet_id, kind, exit, sim_time, note, changes_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .unwrap();
        let mut mail = tx
            .prepare(
                "INSERT INTO outbox (run_id, seq, step_seq, channel, to_json, cc_json, bcc_json, reply_to, subject, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .unwrap();
        let mut call = tx
            .prepare(
                "INSERT INTO connector_calls (run_id, seq, step_seq, applet_id, method, url, request_body, result, status, latency_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .unwrap();
        let t = |t: &chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let j = |v: &dyn erased::Ser| v.json();
        for r in runs {
            run.execute(params![
                None::<i64>,
                r.index as i64,
                r.plan,
                r.plan_hash,
                r.scenario,
                None::<String>,
                r.seed as i64,
                t(&r.start),
                t(&r.end),
                r.duration_ms,
                r.outcome,
                r.interaction_end.as_ref().map(|e| &e.code),
                r.interaction_end.as_ref().map(|e| &e.message),
                r.end_reason.code,
                r.end_reason.message,
                r.steps.len() as i64,
                j(&r.data),
                "now",
                r.channel
            ])
            .unwrap();
            let id = tx.last_insert_rowid();
            for s in &r.steps {
                let changes = (!s.changes.is_empty()).then(|| j(&s.changes));
                step.execute(params![id, s.seq, s.phase.as_str(), s.plan, s.applet, s.kind, s.exit, t(&s.at), s.note, changes]).unwrap();
            }
            for (i, m) in r.outbox.iter().enumerate() {
                mail.execute(params![id, i as i64 + 1, m.step, m.channel, j(&m.to), j(&m.cc), j(&m.bcc), m.reply_to, m.subject, m.body])
                    .unwrap();
            }
            for (i, c) in r.connector_calls.iter().enumerate() {
                call.execute(params![id, i as i64 + 1, c.step, c.applet, c.method, c.url, c.body, c.result, c.status, c.latency_ms as i64])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
}

mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

fn batch_stored(c: &mut Criterion) {
    let s = sim("voice-orders-distribution.json", "voice-orders");
    let cfg = BatchConfig { n: STORED, seed: 42, threads: 2, keep: KeepRuns::All };
    let kept = Mutex::new(Vec::new());
    run_batch(&s, &cfg, &Control::default(), &|r| kept.lock().unwrap().push(r));
    let runs = kept.into_inner().unwrap();
    let fresh = || {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("bench.sqlite3")).unwrap();
        (dir, store)
    };
    let mut g = c.benchmark_group("batch, every run stored (5,000 interactions)");
    g.sample_size(10);
    g.bench_function("baseline: the same rows, plain prepared statements, one transaction", |b| {
        b.iter_batched(fresh, |(_dir, mut store)| baseline_insert(&mut store, &runs), BatchSize::PerIteration)
    });
    for group in [256usize, 1] {
        let name = if group == 1 {
            "simulate + store, one transaction per run".to_string()
        } else {
            format!("simulate + store, up to {group} whole runs per transaction")
        };
        g.bench_function(name, |b| {
            b.iter_batched(
                fresh,
                |(_dir, mut store)| {
                    let meta = RunMeta { created_at: "now".into(), ..Default::default() };
                    planwright_store::batch::run_and_store(&s, &cfg, &Control::default(), &mut store, &meta, group, || {}).unwrap()
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, one_interaction, batch_aggregate, batch_stored);
criterion_main!(benches);
