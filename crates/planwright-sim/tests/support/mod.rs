//! Minimal fixtures: plans written as JSON in the test, a workspace in memory.
#![allow(dead_code)]

use planwright::workspace::PlanEntry;
use planwright::{Plan, Workspace};
use planwright_sim::{RunRecord, Scenario, Simulation};
use serde_json::{json, Value};

/// A plan: `applets` as `(id, kind, properties)`, `wires` as `(from, exit, to)`.
pub fn plan(id: &str, plan_type: &str, start: &str, applets: &[(&str, &str, Value)], wires: &[(&str, &str, &str)]) -> Plan {
    let applets: Vec<Value> = applets
        .iter()
        .map(|(id, kind, props)| json!({"id": id, "label": id, "kind": kind, "properties": props}))
        .collect();
    let connections: Vec<Value> = wires.iter().map(|(f, e, t)| json!({"from": f, "exit": e, "to": t})).collect();
    serde_json::from_value(json!({
        "schema_version": 1, "id": id, "name": id, "type": plan_type, "start": start,
        "applets": applets, "connections": connections
    }))
    .expect("the fixture plan is well formed")
}

pub fn workspace(plans: Vec<Plan>) -> Workspace {
    let mut ws = Workspace::default();
    for p in plans {
        ws.plans.insert(p.id.clone(), PlanEntry { path: format!("{}.json", p.id).into(), plan: p });
    }
    ws
}

pub fn with_schedule(mut ws: Workspace, schedule: Value) -> Workspace {
    let s: planwright::schedule::Schedule = serde_json::from_value(schedule).expect("the fixture schedule is well formed");
    ws.schedules.insert(s.id.clone(), s);
    ws
}

pub fn scenario(v: Value) -> Scenario {
    serde_json::from_value(v).expect("the fixture scenario is well formed")
}

/// Simulates `entry` once and returns the record.
pub fn simulate(ws: &Workspace, entry: &str, scenario: Scenario) -> RunRecord {
    Simulation::new(ws, entry, scenario).expect("the simulation compiles").simulate().0
}

/// `applet:exit` of each step, `applet` alone for a step that took no exit.
pub fn path(r: &RunRecord) -> Vec<String> {
    r.steps
        .iter()
        .map(|s| match &s.exit {
            Some(e) => format!("{}:{e}", s.applet),
            None => s.applet.clone(),
        })
        .collect()
}

pub fn data<'r>(r: &'r RunRecord, name: &str) -> Option<&'r str> {
    r.data.get(name).map(String::as_str)
}
