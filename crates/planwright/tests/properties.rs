//! Property tests: random edit sequences keep the plan model and its graph consistent, and
//! every state survives save → load with the same bytes. Validation never panics.

use planwright::graph::PlanGraph;
use planwright::model::{Applet, AppletKind, Plan, PlanType, Position};
use planwright::plan_file::{parse_plan, plan_to_string};
use planwright::validate::{validate_context, Context};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Edit {
    Add { kind: usize, x: i32, y: i32 },
    Remove { applet: usize },
    Connect { from: usize, exit: usize, to: usize },
    Disconnect { from: usize, exit: usize },
    Move { applet: usize, x: i32, y: i32 },
    SetStart { applet: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0..AppletKind::ALL.len(), -2000..2000i32, -2000..2000i32).prop_map(|(kind, x, y)| Edit::Add { kind, x, y }),
        1 => (0..64usize).prop_map(|applet| Edit::Remove { applet }),
        4 => (0..64usize, 0..8usize, 0..64usize).prop_map(|(from, exit, to)| Edit::Connect { from, exit, to }),
        1 => (0..64usize, 0..8usize).prop_map(|(from, exit)| Edit::Disconnect { from, exit }),
        1 => (0..64usize, -2000..2000i32, -2000..2000i32).prop_map(|(applet, x, y)| Edit::Move { applet, x, y }),
        1 => (0..64usize).prop_map(|applet| Edit::SetStart { applet }),
    ]
}

fn exits_of(plan: &Plan, id: &str) -> Vec<String> {
    planwright::catalog::exits(&plan.applet(id).unwrap().config, &Default::default())
}

/// Applies an edit the way an editor does: the graph decides connections, and is written
/// back to the model.
fn apply(plan: &mut Plan, graph: &mut PlanGraph, e: &Edit) {
    let pick = |plan: &Plan, i: usize| (!plan.applets.is_empty()).then(|| plan.applets[i % plan.applets.len()].id.clone());
    match *e {
        Edit::Add { kind, x, y } => {
            let kind = AppletKind::ALL[kind];
            let id = plan.fresh_applet_id(kind.as_str());
            graph.add_applet(&id);
            plan.applets.push(Applet { id: id.clone(), label: id, position: Position { x: x as f64, y: y as f64 }, config: kind.default_config() });
        }
        Edit::Remove { applet } => {
            if let Some(id) = pick(plan, applet) {
                graph.remove_applet(&id);
                plan.applets.retain(|a| a.id != id);
                if plan.start.as_deref() == Some(id.as_str()) {
                    plan.start = None;
                }
            }
        }
        Edit::Connect { from, exit, to } => {
            if let (Some(f), Some(t)) = (pick(plan, from), pick(plan, to)) {
                let exits = exits_of(plan, &f);
                if !exits.is_empty() {
                    assert!(graph.connect(&f, &exits[exit % exits.len()], &t));
                }
            }
        }
        Edit::Disconnect { from, exit } => {
            if let Some(f) = pick(plan, from) {
                let exits = exits_of(plan, &f);
                if !exits.is_empty() {
                    graph.disconnect(&f, &exits[exit % exits.len()]);
                }
            }
        }
        Edit::Move { applet, x, y } => {
            if let Some(id) = pick(plan, applet) {
                plan.applet_mut(&id).unwrap().position = Position { x: x as f64 / 3.0, y: y as f64 / 7.0 };
            }
        }
        Edit::SetStart { applet } => plan.start = pick(plan, applet),
    }
    graph.write_back(plan);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn edits_keep_model_and_graph_consistent(edits in proptest::collection::vec(edit(), 1..60)) {
        let mut plan = Plan::new("p", "Property plan", PlanType::Unattended);
        let mut graph = PlanGraph::from_plan(&plan);
        for e in &edits {
            apply(&mut plan, &mut graph, e);
            prop_assert!(graph.is_consistent());
            let mut ids: Vec<String> = plan.applets.iter().map(|a| a.id.clone()).collect();
            ids.sort();
            prop_assert_eq!(graph.applet_ids(), ids, "the graph has exactly the plan's applets");
            for c in &plan.connections {
                prop_assert!(plan.applet(&c.from).is_some() && plan.applet(&c.to).is_some(), "no dangling connection: {:?}", c);
            }
            prop_assert_eq!(PlanGraph::from_plan(&plan).connections(), graph.connections(), "rebuilding the graph from the model gives the same graph");
        }
        let text = plan_to_string(&plan);
        let loaded = parse_plan(&text).expect("a saved plan loads");
        let mut canonical = plan.clone();
        canonical.canonicalize();
        prop_assert_eq!(&loaded, &canonical);
        prop_assert_eq!(plan_to_string(&loaded), text, "save → load → save gives the same bytes");
        let schedules = Default::default();
        let ctx = Context { plans: [(plan.id.as_str(), &plan)].into_iter().collect(), schedules: &schedules, account_keys: None };
        let _ = validate_context(&ctx, None);
    }
}
