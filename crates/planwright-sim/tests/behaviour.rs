//! Behavioural diff on crafted pairs of versions: a rule reordered, an exit rewired, a
//! schedule edited, a route changed, and a pure layout change that changes nothing.

use planwright::model::{AppletConfig, Connection};
use planwright::Workspace;
use planwright_sim::behaviour::{behaviour_diff, BehaviourDiff, PathStep};
use planwright_sim::{Control, Scenario, Simulation};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn samples() -> Workspace {
    Workspace::load(&repo().join("plans")).unwrap()
}

fn copy(ws: &Workspace) -> Workspace {
    Workspace { root: ws.root.clone(), plans: ws.plans.clone(), schedules: ws.schedules.clone(), schedule_paths: ws.schedule_paths.clone(), problems: Vec::new() }
}

fn scenario(name: &str) -> Scenario {
    Scenario::load(&repo().join("plans/scenarios").join(name)).unwrap()
}

fn diff(a: &Workspace, b: &Workspace, plan: &str, s: &Scenario, n: u64, threads: usize) -> BehaviourDiff {
    let sa = Simulation::new(a, plan, s.clone()).unwrap();
    let sb = Simulation::new(b, plan, s.clone()).unwrap();
    behaviour_diff(&sa, &sb, n, 42, threads, &Control::default())
}

fn step(plan: &str, applet: &str, exit: Option<&str>) -> Option<PathStep> {
    Some(PathStep { plan: plan.into(), applet: applet.into(), exit: exit.map(Into::into) })
}

#[test]
fn a_layout_change_changes_no_interaction() {
    let a = samples();
    let mut b = copy(&a);
    for e in b.plans.values_mut() {
        for applet in &mut e.plan.applets {
            applet.position.x += 100.0;
            applet.label.push_str(" (moved)");
        }
    }
    let d = diff(&a, &b, "voice-orders", &scenario("voice-orders-distribution.json"), 3000, 0);
    assert!(!d.changed(), "{:?} {:?}", d.splits, d.same_path);
    assert_eq!(d.interactions, 3000);
    assert!(d.changed_exits().next().is_none());
    assert!(d.outcomes.iter().all(|c| c.before == c.after));
}

#[test]
fn an_exit_rewired_sends_its_interactions_elsewhere() {
    let a = samples();
    let mut b = copy(&a);
    let plan = &mut b.plans.get_mut("voice-orders").unwrap().plan;
    plan.connections.retain(|c| !(c.from == "orders_queue" && c.exit == "No Agents Logged In"));
    plan.connections.push(Connection { from: "orders_queue".into(), exit: "No Agents Logged In".into(), to: "sorry".into() });
    let s = scenario("voice-orders-distribution.json");
    let d = diff(&a, &b, "voice-orders", &s, 4000, 0);
    assert!(d.changed());
    let nobody = d.outcomes.iter().find(|c| c.name == "NoAgentsLoggedIn").unwrap();
    assert!(nobody.before > 0);
    assert_eq!(d.paths_differ, nobody.before, "exactly the interactions with no agents part");
    assert_eq!(d.splits.len(), 1);
    let split = &d.splits[0];
    assert_eq!((split.step, &split.before, &split.after), (3, &step("voice-orders", "voicemail", Some("Next")), &step("voice-orders", "sorry", Some("Next"))));
    // The example is the first such interaction, and it really parts there.
    let sb = Simulation::new(&b, "voice-orders", s.clone()).unwrap();
    let run = sb.run_traced(&sb.instance(42, split.example), &mut Default::default(), &mut planwright_sim::Stats::new(&sb.program));
    assert_eq!(run.steps[2].applet, "sorry");
    let sorry = d.changed_exits().find(|e| e.applet == "sorry" && e.exit == "Next").unwrap();
    assert_eq!(sorry.after - sorry.before, nobody.before);
    // The same on one thread: the result does not depend on the thread count.
    let one = diff(&a, &b, "voice-orders", &s, 4000, 1);
    assert_eq!((one.paths_differ, &one.splits, &one.exits), (d.paths_differ, &d.splits, &d.exits));
}

#[test]
fn a_rule_reordered_changes_the_interactions_both_rules_match() {
    // Two overlapping rules: Score < 10 goes Small, Score < 100 goes Medium. Reordered,
    // every Score under 10 goes Medium.
    let plan = serde_json::json!({
        "schema_version": 1, "id": "triage", "name": "Triage", "type": "Unattended", "start": "router",
        "applets": [
            {"id": "router", "kind": "DataRouter", "label": "By score", "position": {"x": 0.0, "y": 0.0}, "properties": {"rules": [
                {"exit": "Small", "source": "Score", "data_type": "Number", "operator": "LessThan", "value": "10"},
                {"exit": "Medium", "source": "Score", "data_type": "Number", "operator": "LessThan", "value": "100"}]}}
        ],
        "connections": []
    });
    let parsed = planwright::plan_file::parse_plan(&plan.to_string()).unwrap();
    let mut a = Workspace::default();
    a.plans.insert("triage".into(), planwright::workspace::PlanEntry { path: "triage.json".into(), plan: parsed });
    let mut b = copy(&a);
    if let AppletConfig::DataRouter(p) = &mut b.plans.get_mut("triage").unwrap().plan.applets[0].config {
        p.rules.swap(0, 1);
    }
    let s: Scenario = serde_json::from_value(serde_json::json!({
        "name": "scores",
        "vary": {"data": {"Score": [{"value": "5", "weight": 1}, {"value": "50", "weight": 1}, {"value": "500", "weight": 2}]}}
    }))
    .unwrap();
    let d = diff(&a, &b, "triage", &s, 2000, 0);
    let fives = d.changed_exits().find(|e| e.exit == "Small").unwrap();
    assert!(fives.before > 0 && fives.after == 0, "{fives:?}");
    assert_eq!(d.paths_differ, fives.before);
    assert_eq!(d.splits.len(), 1);
    assert_eq!((&d.splits[0].before, &d.splits[0].after), (&step("triage", "router", Some("Small")), &step("triage", "router", Some("Medium"))));
    let defaults = d.exits.iter().find(|e| e.exit == "Default").unwrap();
    assert_eq!(defaults.before, defaults.after, "Score 500 matches neither rule either way");
}

#[test]
fn a_schedule_edited_changes_when_the_callback_is_placed() {
    let a = samples();
    let mut b = copy(&a);
    let hours = b.schedules.get_mut("business-hours").unwrap();
    // Open from 06:00 on Mondays: the 06:30 request is dialled at once.
    let monday = hours.week.values_mut().next().unwrap();
    monday[0].start = "06:00".into();
    let d = diff(&a, &b, "callback-scheduler", &scenario("callback-scheduler-early.json"), 1, 1);
    assert_eq!(d.paths_differ, 1);
    let split = &d.splits[0];
    assert_eq!(split.step, 1);
    assert_eq!((&split.before, &split.after), (&step("callback-scheduler", "hours", Some("Closed")), &step("callback-scheduler", "hours", Some("Open"))));
}

#[test]
fn a_route_removed_ends_the_runs_when_the_interaction_ends() {
    let a = samples();
    let mut b = copy(&a);
    b.plans.get_mut("voice-orders").unwrap().plan.post_interaction_route = None;
    let d = diff(&a, &b, "voice-orders", &scenario("voice-orders-delivered.json"), 1, 1);
    assert_eq!(d.paths_differ, 1);
    assert_eq!((d.splits[0].step, &d.splits[0].before, &d.splits[0].after), (3, &step("order-follow-up", "by_outcome", Some("Delivered")), &None));
    // Same path, different email: a subject edited.
    let mut c = copy(&a);
    let mail = c.plans.get_mut("order-follow-up").unwrap().plan.applets.iter_mut().find(|x| x.id == "email_supervisor").unwrap();
    if let AppletConfig::SendEmail(p) = &mut mail.config {
        p.subject = "Follow up: $(InteractionOutcome)".into();
    }
    let d = diff(&a, &c, "voice-orders", &scenario("voice-orders-breakout.json"), 1, 1);
    assert_eq!(d.paths_differ, 0);
    assert_eq!(d.same_path.iter().map(|c| (c.what, c.interactions)).collect::<Vec<_>>(), [("outbox", 1)]);
    assert!(d.changed());
}
