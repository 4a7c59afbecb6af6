//! Batches whose distribution weights destinations: each interaction is made to one drawn by
//! weight and enters the plan its winning mapping reaches (the testing plan from a listed
//! source), with the destination's address and data sources. Checked against the weights with
//! binomial bounds, against a resolution made one by one, and for any thread count.

use planwright::destination::{resolve, Routing};
use planwright::Workspace;
use planwright_sim::scenario::Weighted;
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, Scenario, SimError, Simulation};
use std::path::PathBuf;
use std::sync::Mutex;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

fn scenario() -> Scenario {
    Scenario::load(&samples().join("scenarios/voice-orders-destinations.json")).unwrap()
}

/// Within 4.5 standard deviations of a binomial share.
fn near(count: u64, n: u64, p: f64) -> bool {
    let sd = (p * (1.0 - p) / n as f64).sqrt();
    ((count as f64 / n as f64) - p).abs() < 4.5 * sd
}

#[test]
fn a_batch_draws_destinations_by_weight_and_testers_reach_the_testing_plan() {
    let ws = Workspace::load(&samples()).unwrap();
    let sim = Simulation::for_scenario(&ws, None, scenario(), Default::default()).unwrap();
    let n = 20_000;
    let kept = Mutex::new(Vec::new());
    let result = run_batch(&sim, &BatchConfig { n, seed: 3, threads: 2, keep: KeepRuns::Sample(400) }, &Control::default(), &|r| kept.lock().unwrap().push(r));
    let d = &result.stats.destinations;
    let hotline = &d["+448001234567"];
    let returns = &d["+448007654321"];
    assert_eq!(hotline.interactions + returns.interactions, n);
    assert!(near(hotline.interactions, n, 0.75), "3:1 weights: {} of {n}", hotline.interactions);
    // The tester's number is drawn 0.1 in 1.1; only the hotline's mapping lists it.
    assert!(near(hotline.testing, hotline.interactions, 0.1 / 1.1), "{} test calls of {}", hotline.testing, hotline.interactions);
    assert_eq!(hotline.plans.get("voice-orders-next").copied().unwrap_or(0), hotline.testing);
    assert_eq!(returns.testing, 0, "the returns line's mapping lists no sources");
    assert_eq!(returns.plans.keys().collect::<Vec<_>>(), ["voice-orders"]);

    // Each kept run went where a resolution made on its own sends it, with its address as
    // Dialed Number and the three levels' data sources.
    let routing = Routing::load(&samples());
    let plans = ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect();
    let kept = kept.into_inner().unwrap();
    assert!(kept.len() > 300);
    for run in &kept {
        let route = run.route.as_ref().expect("a run made to a destination keeps its route");
        let clid = &run.data["CLID"];
        let alone = resolve(&routing, &plans, &route.address, Some(clid));
        assert_eq!(Some(&run.plan), alone.plan.as_ref(), "{clid} to {}", route.address);
        assert_eq!(route.testing, alone.testing);
        assert_eq!(run.data["Dialed Number"], route.address);
        for v in &alone.data_sources {
            assert_eq!(run.data.get(&v.name), Some(&v.value), "{} in {}", v.name, run.plan);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_traffic_on_one_thread_or_two() {
    let ws = Workspace::load(&samples()).unwrap();
    let sim = Simulation::for_scenario(&ws, None, scenario(), Default::default()).unwrap();
    let run = |threads| run_batch(&sim, &BatchConfig { n: 5000, seed: 9, threads, keep: KeepRuns::None }, &Control::default(), &|_| {}).stats;
    assert_eq!(run(1), run(2));
}

#[test]
fn a_destination_no_mapping_includes_is_a_clear_error() {
    let ws = Workspace::load(&samples()).unwrap();
    let mut s = scenario();
    s.vary.as_mut().unwrap().destinations.push(Weighted { value: "+15550000000".into(), weight: 1.0 });
    let err = Simulation::for_scenario(&ws, None, s, Default::default()).err().expect("refused");
    assert_eq!(err.code(), "destination-unmapped", "{err}");
    assert!(err.to_string().contains("+15550000000"), "{err}");
}

#[test]
fn a_scenario_made_to_a_destination_must_reach_the_plan_asked_for() {
    let ws = Workspace::load(&samples()).unwrap();
    let s = Scenario { destination: Some("+448001234567".into()), clid: "+447700900999".into(), ..Scenario::default() };
    match Simulation::for_scenario(&ws, Some("voice-orders"), s.clone(), Default::default()) {
        Err(SimError::ReachesOtherPlan { reached, asked, .. }) => assert_eq!((reached.as_str(), asked.as_str()), ("voice-orders-next", "voice-orders")),
        other => panic!("expected a mismatch, got {:?}", other.map(|s| s.entry)),
    }
    let sim = Simulation::for_scenario(&ws, None, s, Default::default()).unwrap();
    let (run, _) = sim.simulate();
    assert_eq!(run.plan, "voice-orders-next");
    assert_eq!(run.data["Dialed Number"], "+448001234567");
    assert!(run.route.unwrap().testing);
}
