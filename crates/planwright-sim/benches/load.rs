//! Load figures: a simulated day of 100,000 interactions with 200 agents on 3 queues and the
//! sample routes (order follow-up, chat outcome log) after every interaction, against a
//! baseline measured in the same run: a 100,000-interaction batch of the same plans on one
//! thread, whose outcomes are drawn from weights (no queue). And a sweep of 10 points.
//!
//! The workspace is written to `target/bench-load/plans` (the samples, a third voice plan on
//! queue Returns, and load models of 100,000 and 1,000,000 interactions a day), so that
//! `scripts/bench-load.sh` can time the CLI on it and read its peak memory.

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::Workspace;
use planwright_sim::load::{self, file, DayOptions, Load, SweepOptions, SweepSpec};
use planwright_sim::{run_batch, Account, BatchConfig, Control, KeepRuns, Scenario, Simulation};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// `scale` 1: 100,000 interactions a day on 200 agents; 10: 1,000,000 on 2,000.
fn model(id: &str, scale: f64) -> Load {
    let agents = |n: f64| (n * scale).round() as i64;
    let v = serde_json::json!({
        "schema_version": 1, "id": id, "name": format!("{} interactions a day", 100_000.0 * scale),
        "start": "2026-03-02T00:00:00+00:00", "interval_minutes": 30,
        "queues": {
            "Orders": {"staffing": [{"from": "08:00", "to": "20:00", "agents": agents(110.0)}],
                "handle_seconds": {"log_normal": {"median": 60, "sigma": 0.5}}, "patience_seconds": {"exponential": {"mean": 120}}, "breakout_share": 0.3},
            "Returns": {"staffing": [{"from": "08:00", "to": "20:00", "agents": agents(50.0)}],
                "handle_seconds": {"log_normal": {"median": 60, "sigma": 0.5}}, "patience_seconds": {"exponential": {"mean": 120}}},
            "Chat": {"staffing": [{"from": "08:00", "to": "20:00", "agents": agents(40.0)}],
                "handle_seconds": {"log_normal": {"median": 70, "sigma": 0.4}}, "patience_seconds": {"exponential": {"mean": 600}}}
        },
        "arrivals": [
            {"plan": "voice-orders", "scenario": "scenarios/voice-orders-distribution.json", "volume": [{"from": "08:00", "to": "20:00", "interactions": 2500.0 * scale}]},
            {"plan": "voice-returns", "scenario": "scenarios/voice-orders-distribution.json", "volume": [{"from": "08:00", "to": "20:00", "interactions": 1041.667 * scale}]},
            {"plan": "chat-support", "volume": [{"from": "08:00", "to": "20:00", "interactions": 625.0 * scale}]}
        ]
    });
    serde_json::from_value(v).unwrap()
}

/// The benchmark workspace, written under target/.
fn workspace() -> PathBuf {
    let root = repo().join("target/bench-load/plans");
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&repo().join("plans"), &root);
    let text = std::fs::read_to_string(root.join("voice-orders.json")).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    plan["id"] = "voice-returns".into();
    plan["name"] = "Voice returns".into();
    for a in plan["applets"].as_array_mut().unwrap() {
        if a["kind"] == "Acd" {
            a["properties"]["queue"] = "Returns".into();
        }
    }
    std::fs::write(root.join("voice-returns.json"), serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    file::save(&root.join("load/bench-100k.json"), &model("bench-100k", 1.0)).unwrap();
    file::save(&root.join("load/bench-1m.json"), &model("bench-1m", 10.0)).unwrap();
    root
}

fn day(c: &mut Criterion) {
    let root = workspace();
    let ws = Workspace::load(&root).unwrap();
    let l = model("bench-100k", 1.0);
    let p = load::prepare(&ws, &root, &root.join("load"), &l, &Account::default()).unwrap();
    let t = p.run_day(&DayOptions { seed: 1, keep: 0 }, None, &mut |_| {});
    eprintln!("load day: {} interactions, {} events, {} completed, outcomes {:?}", t.interactions, t.events, t.completed, t.outcomes);
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("a day of 100,000 interactions, 200 agents, 3 queues, with routes", |b| {
        b.iter(|| p.run_day(&DayOptions { seed: 1, keep: 0 }, None, &mut |_| {}).events)
    });
    // The baseline: the same number of interactions of the same plan, outcomes drawn from
    // weights, one thread, nothing kept.
    let scenario = Scenario::load(&root.join("scenarios/voice-orders-distribution.json")).unwrap();
    let sim = Simulation::new(&ws, "voice-orders", scenario).unwrap();
    g.bench_function("baseline: a batch of 100,000 voice-orders interactions, 1 thread", |b| {
        b.iter(|| run_batch(&sim, &BatchConfig { n: 100_000, seed: 1, threads: 1, keep: KeepRuns::None }, &Control::default(), &|_| {}).completed)
    });
    let spec = SweepSpec::parse("agents:Orders=+0,+1,+2,+3,+4,+5,+6,+7,+8,+9").unwrap();
    g.bench_function("a sweep of 10 points of that day, 2 threads", |b| {
        b.iter(|| {
            load::run_sweep(&ws, &root, &root.join("load"), &l, &Account::default(), &spec, &SweepOptions { seed: 1, replications: 1, threads: 2, shard: None })
                .unwrap()
                .points
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, day);
criterion_main!(benches);
