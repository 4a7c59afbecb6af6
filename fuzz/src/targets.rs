// What each fuzz target checks, shared by the libFuzzer binaries (fuzz/fuzz_targets/) and by
// the corpus replay that `cargo test` runs (crates/planwright-sim/tests/fuzz_corpus.rs). The
// includer defines `REPO`, the repository's root folder.
//
// A target returns quietly for input the loader refuses with an error; it panics (a crash for
// libFuzzer, a failure for the replay) when a loader, the validator or the simulator panics,
// or when a promise below does not hold.

use planwright::plan_file::{parse_plan, parse_schedule, plan_to_string, schedule_to_string};
use planwright::validate::validate_workspace;
use planwright::workspace::PlanEntry;
use planwright::Workspace;
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, Scenario, Simulation};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The sample plans and schedules (`plans/`), loaded once: the fuzzed plan is validated and
/// simulated among them, so that routes into them resolve; scenarios run against them.
pub fn samples() -> &'static Workspace {
    static SAMPLES: OnceLock<Workspace> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let ws = Workspace::load(&Path::new(REPO).join("plans")).expect("the sample plans load");
        assert!(ws.problems.is_empty(), "the sample plans load without problems: {:?}", ws.problems);
        ws
    })
}

fn copy_of_samples() -> Workspace {
    let s = samples();
    Workspace { root: s.root.clone(), plans: s.plans.clone(), schedules: s.schedules.clone(), schedule_paths: s.schedule_paths.clone(), problems: Vec::new() }
}

/// Plan loader + validation + one simulation. Promises: the canonical text of a loaded plan
/// loads again to the same canonical text (a save keeps what was loaded), and every message
/// can be shown.
pub fn plan(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let plan = match parse_plan(text) {
        Ok(p) => p,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let canonical = plan_to_string(&plan);
    let again = parse_plan(&canonical).unwrap_or_else(|e| panic!("the canonical text of a loaded plan does not load: {e}\n{canonical}"));
    assert_eq!(plan_to_string(&again), canonical, "saving a loaded plan twice gives two texts");

    let mut ws = copy_of_samples();
    let id = plan.id.clone();
    ws.plans.insert(id.clone(), PlanEntry { path: PathBuf::from(format!("{REPO}/plans/{id}.json")), plan });
    for d in validate_workspace(&ws) {
        assert!(!d.message.is_empty(), "a finding without a message: {d:?}");
    }
    if let Ok(sim) = Simulation::new(&ws, &id, Scenario::default()) {
        let (record, _) = sim.simulate();
        let _ = record.end.to_string();
    }
}

/// Scenario loader + simulator, against every sample plan. Promises: a loaded scenario
/// written out loads again as the same scenario (runs store their scenario as JSON and
/// replays read it back); a run and a small batch end without a panic.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let scenario = match Scenario::from_json(text) {
        Ok(s) => s,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let stored = serde_json::to_string(&scenario).expect("a scenario serializes");
    let back = Scenario::from_json(&stored).unwrap_or_else(|e| panic!("a stored scenario does not load again: {e}\n{stored}"));
    assert_eq!(back, scenario, "a stored scenario loads as another one");

    let ws = samples();
    for id in ws.plans.keys() {
        let sim = match Simulation::new(ws, id, scenario.clone()) {
            Ok(s) => s,
            Err(e) => {
                let _ = e.to_string();
                continue;
            }
        };
        let (record, _) = sim.simulate();
        let _ = serde_json::to_string(&record).expect("a run serializes");
        let cfg = BatchConfig { n: 4, seed: scenario.seed, threads: 1, keep: KeepRuns::All };
        let result = run_batch(&sim, &cfg, &Control::default(), &|_| {});
        assert_eq!(result.completed, 4, "a batch of 4 completes 4");
    }
}

/// Schedule loader + the schedule's status at instants around the year (DST changes among
/// them). Promise: the canonical text loads again to the same text.
pub fn schedule(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let schedule = match parse_schedule(text) {
        Ok(s) => s,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let canonical = schedule_to_string(&schedule);
    let again = parse_schedule(&canonical).unwrap_or_else(|e| panic!("the canonical text of a loaded schedule does not load: {e}\n{canonical}"));
    assert_eq!(schedule_to_string(&again), canonical, "saving a loaded schedule twice gives two texts");
    for p in schedule.problems() {
        let _ = p.to_string();
    }
    let _ = schedule.statuses();
    for at in ["2026-01-01T00:00:00Z", "2026-03-29T00:59:59Z", "2026-03-29T01:30:00Z", "2026-07-15T12:00:00Z", "2026-10-25T01:30:00Z", "2026-12-31T23:59:59Z"] {
        let at = at.parse().expect("a fixed instant");
        let _ = schedule.status_at(at);
    }
}
