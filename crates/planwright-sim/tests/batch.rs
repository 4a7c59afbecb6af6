//! Batches: the same seed gives the same results on any thread count.

use planwright::Workspace;
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, RunRecord, Scenario, Simulation, Stats};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

fn distribution() -> Simulation {
    let ws = Workspace::load(&samples()).unwrap();
    let scenario = Scenario::load(&samples().join("scenarios/voice-orders-distribution.json")).unwrap();
    Simulation::new(&ws, "voice-orders", scenario).unwrap()
}

fn batch(sim: &Simulation, threads: usize, n: u64, keep: KeepRuns) -> (Stats, Vec<RunRecord>) {
    let kept = Mutex::new(Vec::new());
    let result = run_batch(sim, &BatchConfig { n, seed: 42, threads, keep }, &Control::default(), &|r| kept.lock().unwrap().push(r));
    assert!(!result.cancelled);
    assert_eq!(result.completed, n);
    let mut kept = kept.into_inner().unwrap();
    kept.sort_by_key(|r| r.index);
    (result.stats, kept)
}

#[test]
fn the_same_seed_gives_identical_results_on_one_and_on_many_threads() {
    let sim = distribution();
    let n = 3 * planwright_sim::batch::CHUNK + 17;
    let (one, runs_one) = batch(&sim, 1, n, KeepRuns::Sample(40));
    let (two, runs_two) = batch(&sim, 2, n, KeepRuns::Sample(40));
    let (three, runs_three) = batch(&sim, 3, n, KeepRuns::Sample(40));
    assert_eq!(one, two, "statistics must not depend on the thread count");
    assert_eq!(one, three);
    assert_eq!(runs_one, runs_two, "kept runs must be identical too");
    assert_eq!(runs_one, runs_three);
    assert!(runs_one.len() >= 40 && runs_one.len() <= 41, "about 40 runs kept, got {}", runs_one.len());
    assert!(one.outcomes.len() >= 6, "the distribution yields several outcomes: {:?}", one.outcomes);
}

#[test]
fn a_different_seed_gives_different_draws() {
    let sim = distribution();
    let cfg = |seed| BatchConfig { n: 2000, seed, threads: 2, keep: KeepRuns::None };
    let a = run_batch(&sim, &cfg(1), &Control::default(), &|_| {});
    let b = run_batch(&sim, &cfg(2), &Control::default(), &|_| {});
    assert_ne!(a.stats.outcomes, b.stats.outcomes);
}

#[test]
fn a_batch_run_equals_the_single_simulation_of_its_instance() {
    let sim = distribution();
    let (_, kept) = batch(&sim, 2, 500, KeepRuns::All);
    let inst = sim.instance(42, 123);
    let again = sim.run_traced(&inst, &mut Default::default(), &mut Stats::new(&sim.program));
    assert_eq!(kept[123], again, "an interaction of a batch can be replayed from (seed, index)");
}

#[test]
fn a_cancelled_batch_stops_early_and_says_so() {
    let sim = distribution();
    let control = Control::default();
    control.cancel.store(true, Ordering::Relaxed);
    let result = run_batch(&sim, &BatchConfig { n: 100_000, seed: 1, threads: 2, keep: KeepRuns::None }, &control, &|_| {});
    assert!(result.cancelled);
    assert!(result.completed < 100_000);
}

#[test]
fn coverage_lists_the_exits_never_taken() {
    let sim = distribution();
    let (stats, _) = batch(&sim, 2, 5000, KeepRuns::None);
    let report = sim.report(&stats);
    let never: Vec<String> = report.coverage.exits_never_taken.iter().map(|e| format!("{}/{}:{}", e.plan, e.applet, e.exit)).collect();
    assert!(never.contains(&"voice-orders/welcome:Failure".to_string()), "{never:?}");
    assert!(report.coverage.exits_taken < report.coverage.exits_total);
    assert_eq!(report.interactions, 5000);
    assert!(report.duration_p50_s.unwrap() <= report.duration_p95_s.unwrap());
}
