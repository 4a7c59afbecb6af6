//! A plan's own data sources (the third level, after the destination's and the mapping's) are
//! present from the first applet; a name the scenario's data sets keeps the scenario's value.

use planwright::Workspace;
use planwright_sim::{Scenario, Simulation};
use std::path::Path;

#[test]
fn a_plans_data_sources_start_the_interaction_unless_the_scenario_sets_them() {
    let ws = Workspace::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans")).unwrap();
    let (run, _) = Simulation::new(&ws, "voice-orders-next", Scenario::default()).unwrap().simulate();
    assert_eq!(run.data.get("PlanVersion").map(String::as_str), Some("next"));
    assert_eq!(run.data.get("Campaign").map(String::as_str), Some("plan default"));
    let scenario: Scenario = serde_json::from_value(serde_json::json!({"data": {"Campaign": "from the scenario"}})).unwrap();
    let (run, _) = Simulation::new(&ws, "voice-orders-next", scenario).unwrap().simulate();
    assert_eq!(run.data.get("Campaign").map(String::as_str), Some("from the scenario"));
    let (run, _) = Simulation::new(&ws, "voice-orders", Scenario::default()).unwrap().simulate();
    assert_eq!(run.data.get("PlanVersion"), None, "only the entry plan's own");
}
