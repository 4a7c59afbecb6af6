//! Golden traces: every sample scenario in `plans/scenarios/` simulated against the sample
//! plans, kept as reviewed insta snapshots.

use planwright::Workspace;
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, Scenario, Simulation};
use std::path::PathBuf;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

/// The entry plan of a sample scenario: the file name up to the last dash-separated word.
fn entry_of(name: &str) -> &'static str {
    for plan in ["voice-orders", "chat-support", "callback-scheduler"] {
        if name.starts_with(plan) {
            return plan;
        }
    }
    panic!("scenario {name} names no sample entry plan")
}

#[test]
fn every_sample_scenario_has_a_reviewed_trace() {
    let ws = Workspace::load(&samples()).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(samples().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "the sample scenarios are there: {names:?}");
    for name in names {
        let scenario = Scenario::load(&samples().join("scenarios").join(&name)).unwrap();
        let stem = name.trim_end_matches(".json").to_string();
        // A scenario made to a destination enters the plan the destination reaches.
        let entry = scenario.destination.is_none().then(|| entry_of(&stem));
        let sim = Simulation::for_scenario(&ws, entry, scenario.clone(), Default::default()).unwrap();
        if scenario.vary.is_some() {
            let result =
                run_batch(&sim, &BatchConfig { n: 5000, seed: 1, threads: 2, keep: KeepRuns::None }, &Control::default(), &|_| {});
            insta::assert_json_snapshot!(format!("batch-{stem}"), sim.report(&result.stats));
        } else {
            let (run, _) = sim.simulate();
            insta::assert_json_snapshot!(format!("trace-{stem}"), run);
        }
    }
}
