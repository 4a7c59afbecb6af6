//! The desktop session end to end, without a window: what the Tauri commands do.

use planwright::model::AppletKind;
use planwright_api::dto::*;
use planwright_api::simulate::SimRequest;
use planwright_api::{JobEvent, Jobs, Session};
use std::path::Path;
use std::sync::{Arc, Mutex};

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans"), &plans);
    let s = Session::open(&plans, &dir.path().join("store.sqlite")).unwrap();
    (dir, s)
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

fn at(x: f64, y: f64) -> Position {
    Position { x, y }
}

/// Applies an edit at the document's current revision.
fn edit(s: &mut Session, plan: &str, op: EditOp) -> Result<PlanChange, ApiError> {
    let rev = s.document(plan).unwrap().revision();
    s.apply_edit(plan.to_string(), rev, op)
}

#[test]
fn build_an_unattended_plan_and_save_it() {
    let (_dir, mut s) = session();
    let item = s.create_plan("Survey follow-up".into(), PlanType::Unattended, None).unwrap();
    let id = item.id.clone();
    let doc = s.open_plan(id.clone()).unwrap();
    assert_eq!((doc.revision, doc.saved_revision), (1, Some(1)));
    let c = edit(&mut s, &id, EditOp::AddApplet { kind: AppletKind::DataRouter, position: at(0.0, 0.0) }).unwrap();
    let router = c.created[0].clone();
    assert_eq!(c.added.len(), 1, "only the new applet comes back");
    assert_eq!(c.added[0].exits, ["Default"], "with its derived exits");
    let c = edit(&mut s, &id, EditOp::AddApplet { kind: AppletKind::SendEmail, position: at(300.0, 0.0) }).unwrap();
    let email = c.created[0].clone();
    let refused = edit(&mut s, &id, EditOp::AddApplet { kind: AppletKind::Acd, position: at(0.0, 0.0) }).unwrap_err();
    assert_eq!(refused.code, "live-applet-in-unattended", "{refused}");
    let c = edit(&mut s, &id, EditOp::Connect { from: router.clone(), exit: "Default".into(), to: email.clone() }).unwrap();
    assert!(c.added.is_empty() && c.changed.is_empty() && c.connected.len() == 1);
    let props = serde_json::json!({"to": ["supervisor@example.com"], "subject": "Survey", "body": "CLID $(CLID)"});
    let c = edit(&mut s, &id, EditOp::SetProperties { id: email.clone(), properties: props }).unwrap();
    assert!(!c.diagnostics.removed.is_empty(), "setting the address clears the findings about it: {:?}", c.diagnostics);
    let diagnostics = s.open_plan(id.clone()).unwrap().diagnostics;
    assert!(diagnostics.iter().all(|f| f.applet.as_deref() != Some(&email) || f.severity != Severity::Error), "{diagnostics:?}");
    let saved = s.save(id.clone(), None).unwrap();
    assert_eq!(saved.saved_revision, c.revision);
    let text = std::fs::read_to_string(&saved.stamp.file).unwrap();
    assert_eq!(text, planwright::plan_file::plan_to_string(s.document(&id).unwrap().plan()), "save writes the engine's document");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["type"], "Unattended");
    assert_eq!(json["connections"][0]["to"], email.as_str());
    assert!(s.disk_change(&[saved.stamp.file.clone().into()]).plans.is_empty(), "our own save is not an outside change");
}

#[test]
fn a_stale_revision_is_refused_and_a_move_keeps_the_diagnostics() {
    let (_dir, mut s) = session();
    let doc = s.open_plan("voice-orders".into()).unwrap();
    let first = &doc.plan.applets[0];
    let moved = s
        .apply_edit("voice-orders".into(), doc.revision, EditOp::Move { moves: vec![AppletMove { id: first.id.clone(), position: at(7.0, 9.0) }] })
        .unwrap();
    assert_eq!(moved.changed.len(), 1);
    assert_eq!(moved.changed[0].position, at(7.0, 9.0));
    assert!(moved.diagnostics.is_empty(), "a move cannot change what validation says");
    assert_eq!(moved.saved_revision, Some(doc.revision));
    let err = s.apply_edit("voice-orders".into(), doc.revision, EditOp::Delete { ids: vec![first.id.clone()] }).unwrap_err();
    assert_eq!(err.code, "revision-stale");
    assert!(s.document("voice-orders").unwrap().plan().applet(&first.id).is_some(), "the stale edit changed nothing");
    let undone = s.undo("voice-orders".into()).unwrap();
    assert_eq!(undone.revision, doc.revision);
    assert_eq!(undone.saved_revision, Some(undone.revision), "back at the saved state: not unsaved");
}

#[test]
fn a_clip_as_the_window_sends_it_pastes_the_same_applets() {
    let (_dir, mut s) = session();
    let doc = s.open_plan("voice-orders".into()).unwrap();
    let shown = doc.plan.applets.iter().find(|a| a.id == "orders_queue").unwrap().clone();
    // The window's clip: the applets as shown, without what the engine derives.
    let mut applet = serde_json::to_value(&shown).unwrap();
    let fields = applet.as_object_mut().unwrap();
    fields.remove("exits");
    fields.remove("live_only");
    let op: EditOp = serde_json::from_value(serde_json::json!({
        "op": "paste", "clip": { "applets": [applet], "connections": [] }, "offset": { "x": 40.0, "y": 40.0 }
    }))
    .unwrap();
    let c = edit(&mut s, "voice-orders", op).unwrap();
    assert_eq!(c.created.len(), 1);
    let pasted = c.added.iter().find(|a| a.id == c.created[0]).unwrap();
    assert_eq!((pasted.kind, &pasted.properties, &pasted.exits), (shown.kind, &shown.properties, &shown.exits));
    assert_eq!(pasted.position, at(shown.position.x + 40.0, shown.position.y + 40.0));
    // A clip whose properties do not fit its kind never becomes an edit.
    let bad = serde_json::json!({
        "op": "paste", "offset": { "x": 0.0, "y": 0.0 }, "connections": [],
        "clip": { "connections": [], "applets": [{ "id": "x", "label": "X", "position": { "x": 0.0, "y": 0.0 }, "kind": "Acd", "properties": { "colour": 1 } }] }
    });
    let e = serde_json::from_value::<EditOp>(bad).unwrap_err().to_string();
    assert!(e.contains("colour"), "{e}");
}

#[test]
fn undo_after_save_brings_the_unsaved_mark_back() {
    let (_dir, mut s) = session();
    let before = s.open_plan("order-follow-up".into()).unwrap().plan.settings.description;
    let c = edit(&mut s, "order-follow-up", EditOp::SetDescription { description: "changed".into() }).unwrap();
    assert!(c.settings.is_some());
    s.save("order-follow-up".into(), None).unwrap();
    let u = s.undo("order-follow-up".into()).unwrap();
    assert_ne!(Some(u.revision), u.saved_revision, "the file holds the edit that was undone");
    assert_eq!(u.settings.unwrap().description, before);
    let r = s.redo("order-follow-up".into()).unwrap();
    assert_eq!(Some(r.revision), r.saved_revision);
}

#[test]
fn two_plans_open_at_once_validate_against_each_other() {
    let (_dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    s.open_plan("order-follow-up".into()).unwrap();
    assert_eq!(s.open_plans(), ["order-follow-up", "voice-orders"]);
    // Give the route (Unattended) nothing: voice-orders' diagnostics see the edited route.
    let route = s.document("order-follow-up").unwrap().plan().clone();
    let ids: Vec<String> = route.applets.iter().map(|a| a.id.clone()).collect();
    edit(&mut s, "order-follow-up", EditOp::Delete { ids }).unwrap();
    let voice = s.open_plan("voice-orders".into()).unwrap();
    assert_eq!(voice.revision, 1, "opening an open plan gives its document as it is");
    assert!(s.close_plan("order-follow-up".into()).unwrap());
    assert!(!s.close_plan("order-follow-up".into()).unwrap());
    assert_eq!(edit_err(&mut s, "order-follow-up"), "plan-not-open");
}

fn edit_err(s: &mut Session, plan: &str) -> String {
    s.apply_edit(plan.into(), 1, EditOp::SetDescription { description: String::new() }).unwrap_err().code
}

#[test]
fn the_route_control_follows_provisioning_and_plan_types() {
    let (_dir, mut s) = session();
    let control = s.route_control("voice-orders".into()).unwrap();
    assert!(control.enabled);
    assert!(control.options[0].recommended, "Unattended routes first");
    let chat = s.route_control("chat-support".into()).unwrap();
    assert!(chat.options.iter().all(|o| o.plan_type == PlanType::Unattended), "Message plans route to Unattended only");
    s.set_provisioned(false).unwrap();
    let control = s.route_control("voice-orders".into()).unwrap();
    assert!(!control.enabled && control.reason.unwrap().contains("not provisioned"));
    s.open_plan("voice-orders".into()).unwrap();
    let err = edit(&mut s, "voice-orders", EditOp::SetRoute { route: Some("order-follow-up".into()) }).unwrap_err();
    assert_eq!(err.code, "route-not-provisioned");
}

#[test]
fn an_outside_change_is_reported_and_a_reload_can_be_undone() {
    let (_dir, mut s) = session();
    let doc = s.open_plan("voice-orders".into()).unwrap();
    let file = std::path::PathBuf::from(&doc.stamp.file);
    edit(&mut s, "voice-orders", EditOp::SetDescription { description: "mine".into() }).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    json["name"] = "Voice orders (theirs)".into();
    std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let change = s.disk_change(std::slice::from_ref(&file));
    assert_eq!(change.plans.len(), 1);
    assert_eq!(change.plans[0].plan, "voice-orders");
    assert!(!change.workspace_changed, "an open plan's file is reported as the plan");
    let reloaded = s.reload_plan("voice-orders".into()).unwrap();
    assert_eq!(reloaded.plan.settings.name, "Voice orders (theirs)");
    assert_eq!(reloaded.saved_revision, Some(reloaded.revision));
    let back = s.undo("voice-orders".into()).unwrap();
    assert_eq!(back.settings.unwrap().description, "mine", "undo brings the editor's version back");
    let other = file.with_file_name("new-plan.json");
    assert!(s.disk_change(&[other]).workspace_changed);
}

#[test]
fn renaming_an_open_plan_renames_its_document() {
    let (_dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    edit(&mut s, "voice-orders", EditOp::SetDescription { description: "x".into() }).unwrap();
    s.rename_plan("voice-orders".into(), "Orders line".into()).unwrap();
    assert_eq!(s.document("voice-orders").unwrap().plan().name, "Orders line");
    s.undo("voice-orders".into()).unwrap();
    assert_eq!(s.document("voice-orders").unwrap().plan().name, "Orders line", "undo does not undo a rename");
    let saved = s.save("voice-orders".into(), None).unwrap();
    assert!(std::fs::read_to_string(saved.stamp.file).unwrap().contains("Orders line"));
}

fn request() -> SimRequest {
    SimRequest::default()
}

#[test]
fn simulating_the_voice_plan_as_a_job_stores_a_run_with_its_trace() {
    let (dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    let events = Arc::new(Mutex::new(Vec::new()));
    let e = events.clone();
    let job = jobs.start("Simulate", move |ev| e.lock().unwrap().push(ev));
    let prepared = s.simulate("voice-orders".into(), request()).unwrap();
    let result = prepared.run(&job);
    let run = job.finish(result).unwrap();
    assert!(run.run_id > 0);
    assert_eq!(run.steps[0].applet, "welcome", "the trace starts at the initial applet");
    assert!(run.steps.iter().any(|st| st.plan == "order-follow-up"), "the post-interaction route runs after the call");
    assert!(dir.path().join("store.sqlite").exists(), "the run is stored in SQLite");
    let events = events.lock().unwrap();
    assert!(matches!(events.first(), Some(JobEvent::Started { .. })));
    assert!(events.iter().any(|e| matches!(e, JobEvent::Progress { phase, .. } if phase == "storing")));
    assert!(matches!(events.last(), Some(JobEvent::Finished { .. })));
    // Typed text (the quick fields' connector responses) is read by the engine, which says
    // where it is wrong.
    let bad = s.parse_scenario(r#"{"connectors": {nope}}"#.into()).unwrap_err();
    assert_eq!(bad.code, "scenario-invalid");
    assert!(bad.message.contains("line 1 column"), "{}", bad.message);
}

#[test]
fn a_cancelled_simulation_stores_nothing() {
    let (dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    let job = jobs.start("Simulate", |_| {});
    assert!(jobs.cancel_job(job.id).unwrap());
    let prepared = s.simulate("voice-orders".into(), request()).unwrap();
    let result = prepared.run(&job);
    assert_eq!(job.finish(result).unwrap_err().code, "job-cancelled");
    let store = planwright_store::Store::open(&dir.path().join("store.sqlite")).unwrap();
    assert_eq!(store.count("runs").unwrap(), 0);
}

#[test]
fn saves_restores_and_outside_changes_are_versions_that_compare() {
    let (dir, mut s) = session();
    let plan = "order-follow-up";
    // Opening the workspace recorded each sample plan as it is on disk.
    let v = s.plan_versions(plan.into()).unwrap();
    assert_eq!(v.iter().map(|v| (v.number, v.source.as_str())).collect::<Vec<_>>(), [(1, "outside")]);
    s.open_plan(plan.into()).unwrap();
    let saved = s.save(plan.into(), None).unwrap();
    assert_eq!(saved.version, None, "saving the same content records no version");
    edit(&mut s, plan, EditOp::Rename { id: "email_supervisor".into(), label: "Tell the supervisor".into() }).unwrap();
    edit(&mut s, plan, EditOp::Move { moves: vec![AppletMove { id: "send_sms".into(), position: at(900.0, 40.0) }] }).unwrap();
    let saved = s.save(plan.into(), Some("renamed the email".into())).unwrap();
    let v2 = saved.version.expect("a new version");
    assert_eq!((v2.number, v2.source.as_str(), v2.message.as_str()), (2, "save", "renamed the email"));
    assert!(saved.version_problem.is_none());

    // Version 1 against the open document: a rename and a move, nothing else.
    let d = s.compare_versions(plan.into(), 1, None).unwrap();
    assert!(d.layout_only, "{:?}", d.lines);
    assert_eq!((d.from.as_str(), d.to.as_str()), ("version 1", "the open document"));
    let names: Vec<_> = d.changed.iter().map(|c| (c.id.as_str(), c.moved, c.renamed_from.clone())).collect();
    assert_eq!(names, [("email_supervisor", false, Some("Email supervisor".to_string())), ("send_sms", true, None)]);

    // Another program writes the file: the next read records it from outside.
    let file = dir.path().join("plans").join(format!("{plan}.json"));
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    json["applets"].as_array_mut().unwrap().retain(|a| a["id"] != "email_sms_failed");
    json["connections"].as_array_mut().unwrap().retain(|c| c["to"] != "email_sms_failed");
    std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    s.reload_plan(plan.into()).unwrap();
    let v = s.plan_versions(plan.into()).unwrap();
    assert_eq!((v[0].number, v[0].source.as_str()), (3, "outside"));
    let d = s.compare_versions(plan.into(), 2, Some(3)).unwrap();
    assert!(!d.layout_only);
    assert_eq!(d.removed.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["email_sms_failed"], "removed applets come whole, for ghosts");
    assert_eq!(d.connections_removed.len(), 2, "{:?}", d.connections_removed);

    // Restore version 2: the file holds it again, it is version 4, and undo goes back.
    let doc = s.restore_version(plan.into(), 2).unwrap();
    assert!(doc.plan.applets.iter().any(|a| a.id == "email_sms_failed"));
    assert_eq!(doc.saved_revision, Some(doc.revision));
    let v = s.plan_versions(plan.into()).unwrap();
    assert_eq!((v[0].number, v[0].source.as_str(), v[0].message.as_str()), (4, "restore", "restored version 2"));
    assert_eq!(v[0].hash, v[2].hash, "the restored text is version 2's");
    assert!(std::fs::read_to_string(&file).unwrap().contains("email_sms_failed"));
    let back = s.undo(plan.into()).unwrap();
    assert!(back.removed.contains(&"email_sms_failed".to_string()), "undo goes back to the state before the restore");
    assert_eq!(s.compare_versions(plan.into(), 9, None).unwrap_err().code, "version-not-found");
}

#[test]
fn the_tests_panel_runs_the_tests_that_reach_a_plan_against_the_plans_as_edited() {
    let (_dir, mut s) = session();
    let r = s.run_tests("order-follow-up".into()).unwrap();
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert!(r.cases.iter().all(|c| c.passed), "{:?}", r.cases);
    assert!(r.cases.iter().any(|c| c.plan == "voice-orders"), "tests entering the live plan reach its route");
    assert!(r.cases.iter().any(|c| c.plan == "order-follow-up"));
    assert!(!r.cases.iter().any(|c| c.plan == "chat-support"), "chat tests never reach order-follow-up");
    assert!(r.uncovered.iter().all(|e| e.plan == "order-follow-up"));
    assert!(r.uncovered.iter().any(|e| e.applet == "send_sms" && e.exit == "Interface Failure"), "{:?}", r.uncovered);
    assert_eq!(r.exits_taken + r.uncovered.len() as u64, r.exits_total);
    assert!(r.exits_taken > 0);
    // A plan no test reaches: every exit is untested.
    let item = s.create_plan("Untested".into(), PlanType::Unattended, None).unwrap();
    s.open_plan(item.id.clone()).unwrap();
    edit(&mut s, &item.id, EditOp::AddApplet { kind: AppletKind::DataRouter, position: at(0.0, 0.0) }).unwrap();
    let r = s.run_tests(item.id.clone()).unwrap();
    assert!(r.cases.is_empty());
    assert_eq!((r.exits_total, r.exits_taken, r.uncovered.len()), (1, 0, 1));

    // Unsaved edits count: rewire the Delivered branch and the delivered test fails.
    s.open_plan("order-follow-up".into()).unwrap();
    edit(&mut s, "order-follow-up", EditOp::Disconnect { from: "by_outcome".into(), exit: "Delivered".into() }).unwrap();
    let r = s.run_tests("order-follow-up".into()).unwrap();
    let failed: Vec<_> = r.cases.iter().filter(|c| !c.passed).collect();
    assert!(failed.iter().any(|c| c.file.ends_with("voice-orders-delivered.json")), "{failed:?}");
    let f = failed.iter().find(|c| c.file.ends_with("voice-orders-delivered.json")).unwrap();
    assert!(f.expected.as_deref().unwrap().starts_with("Data Connector 'send_sms' is called"), "{f:?}");
    assert_eq!(f.found.as_deref(), Some("no Data Connector is called"));
    assert!(!f.trace.is_empty());
}

#[test]
fn the_behaviour_of_a_version_and_the_open_document_compare_as_a_job() {
    let (_dir, mut s) = session();
    assert!(s.scenarios().unwrap().contains(&"voice-orders-distribution.json".to_string()));
    s.open_plan("voice-orders".into()).unwrap();
    // Rewire "No Agents Logged In" from the voicemail to the apology, unsaved.
    edit(&mut s, "voice-orders", EditOp::Connect { from: "orders_queue".into(), exit: "No Agents Logged In".into(), to: "sorry".into() }).unwrap();
    let request = planwright_api::behaviour::BehaviourRequest { scenario: "voice-orders-distribution.json".into(), n: 5000, seed: 9 };
    let prepared = s.behaviour_diff("voice-orders".into(), 1, None, request.clone()).unwrap();
    let jobs = Jobs::new();
    let events = Arc::new(Mutex::new(Vec::new()));
    let e = events.clone();
    let job = jobs.start("behaviour_diff", move |ev| e.lock().unwrap().push(ev));
    let result = prepared.run(&job);
    let view = job.finish(result).unwrap();
    assert!(view.changed);
    assert_eq!((view.interactions, view.from.as_str(), view.to.as_str()), (5000, "version 1", "the open document"));
    let nobody = view.outcomes.iter().find(|c| c.name == "NoAgentsLoggedIn").unwrap();
    assert_eq!(view.paths_differ, nobody.before);
    assert_eq!(view.splits.len(), 1);
    let split = &view.splits[0];
    assert_eq!((split.before.as_deref(), split.after.as_deref()), (Some("voice-orders/voicemail → Next"), Some("voice-orders/sorry → Next")));
    assert!(split.example_after.iter().any(|l| l.starts_with("voice-orders/sorry")), "{:?}", split.example_after);
    assert!(matches!(events.lock().unwrap().last(), Some(JobEvent::Finished { .. })));
    // The example, replayed on the plans as edited and stored: it takes the new way.
    let example = s.simulate_example("voice-orders".into(), request.clone(), split.example).unwrap();
    let quiet = jobs.start("simulate_example", |_| {});
    let result = example.run(&quiet);
    let run = quiet.finish(result).unwrap();
    assert!(run.run_id > 0);
    assert_eq!(run.steps[2].applet, "sorry", "{:?}", run.steps.iter().map(|s| &s.applet).collect::<Vec<_>>());
    assert_eq!(run.outcome.as_deref(), Some("NoAgentsLoggedIn"));
    // Cancelled while it runs: the job ends cancelled.
    let big = planwright_api::behaviour::BehaviourRequest { n: 1_000_000, ..request.clone() };
    let prepared = s.behaviour_diff("voice-orders".into(), 1, None, big).unwrap();
    let job = jobs.start("behaviour_diff", |_| {});
    let id = job.id;
    let canceller = { let jobs = jobs.clone(); std::thread::spawn(move || { std::thread::sleep(std::time::Duration::from_millis(100)); jobs.cancel_job(id).unwrap() }) };
    let result = prepared.run(&job);
    assert!(canceller.join().unwrap());
    assert_eq!(job.finish(result).unwrap_err().code, "job-cancelled");
    // A scenario name is never a path.
    let bad = planwright_api::behaviour::BehaviourRequest { scenario: "../../etc/passwd".into(), ..request };
    assert_eq!(s.behaviour_diff("voice-orders".into(), 1, None, bad).err().unwrap().code, "scenario-name-invalid");
}

#[test]
fn the_open_plan_exports_as_svg_and_png_with_the_comparison() {
    let (dir, mut s) = session();
    s.open_plan("order-follow-up".into()).unwrap();
    edit(&mut s, "order-follow-up", EditOp::Delete { ids: vec!["email_sms_failed".into()] }).unwrap();
    let svg = s.export_image("order-follow-up".into(), "svg".into(), Some(1)).unwrap();
    assert_eq!(Path::new(&svg), dir.path().join("plans/exports/order-follow-up.svg"));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(r#"data-id="email_sms_failed" data-mark="removed""#), "unsaved edits and the comparison are drawn");
    let png = s.export_image("order-follow-up".into(), "png".into(), None).unwrap();
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    assert_eq!(s.export_image("order-follow-up".into(), "gif".into(), None).unwrap_err().code, "export-format-unknown");
    // The exports folder is not mistaken for plans.
    let ws = s.reload_workspace().unwrap();
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
}

#[test]
fn the_run_history_lists_stored_runs_by_filter_and_opens_one_to_replay() {
    let (_dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    for outcome in ["Delivered", "HangUpInQueue"] {
        let job = jobs.start("Simulate", |_| {});
        let prepared = s.simulate("voice-orders".into(), SimRequest { scenario: planwright_api::scenarios::Scenario { outcome: Some(outcome.into()), ..Default::default() }, ..request() }).unwrap();
        let result = prepared.run(&job);
        job.finish(result).unwrap();
    }
    let all = s.runs(RunQuery { limit: 50, ..RunQuery::default() }).unwrap();
    assert_eq!(all.len(), 2);
    let hung = s.runs(RunQuery { outcome: Some("HangUpInQueue".into()), limit: 50, ..RunQuery::default() }).unwrap();
    assert_eq!(hung.len(), 1);
    assert_eq!(hung[0].plan, "voice-orders");
    assert!(s.runs(RunQuery { plan: Some("chat-support".into()), limit: 50, ..RunQuery::default() }).unwrap().is_empty());
    assert_eq!(s.runs(RunQuery { start_from: Some("2026-01-05".into()), limit: 50, ..RunQuery::default() }).unwrap().len(), 2);
    assert!(s.runs(RunQuery { start_from: Some("2026-01-06".into()), limit: 50, ..RunQuery::default() }).unwrap().is_empty());
    assert_eq!(s.runs(RunQuery { start_from: Some("yesterday".into()), limit: 50, ..RunQuery::default() }).unwrap_err().code, "run-query-invalid");
    // Opening a run gives its whole trace, across the live plan into its route.
    let run = s.open_run(hung[0].id).unwrap();
    assert_eq!((run.run_id, run.outcome.as_deref()), (hung[0].id, Some("HangUpInQueue")));
    assert_eq!(run.steps[0].applet, "welcome");
    assert!(run.steps.iter().any(|st| st.plan == "order-follow-up"));
    assert_eq!(run.initial.iter().find(|d| d.name == "InteractionOutcome").unwrap().value.as_deref(), Some("HangUpInQueue"));
    assert_eq!(s.open_run(999).unwrap_err().code, "run-not-found");
}

#[test]
fn a_batch_runs_as_a_job_with_progress_and_stores_its_statistics() {
    use planwright_api::batch::BatchRequest;
    let (dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    let events = Arc::new(Mutex::new(Vec::new()));
    let e = events.clone();
    let job = jobs.start("batch", move |ev| e.lock().unwrap().push(ev));
    let request = BatchRequest { scenario: "voice-orders-distribution.json".into(), inline: None, n: 5000, seed: 3 };
    let view = { let r = s.batch("voice-orders".into(), request.clone()).unwrap().run(&job); job.finish(r) }.unwrap();
    assert_eq!((view.completed, view.cancelled, view.requested), (5000, false, 5000));
    assert_eq!(view.outcomes.iter().map(|c| c.count).sum::<u64>(), 5000, "every interaction has an outcome: {:?}", view.outcomes);
    assert!(view.coverage.plans.contains(&"order-follow-up".to_string()), "the route is in scope: {:?}", view.coverage.plans);
    assert!(view.exits.iter().any(|x| x.plan == "order-follow-up" && x.count > 0), "the route's exits are counted");
    assert!(view.duration_p50_s < view.duration_p99_s, "timing varies: {:?} {:?}", view.duration_p50_s, view.duration_p99_s);
    assert!(!view.duration_histogram.is_empty());
    let events = events.lock().unwrap();
    assert!(events.iter().any(|e| matches!(e, JobEvent::Progress { phase, total: 5000, .. } if phase == "running")));
    assert!(matches!(events.last(), Some(JobEvent::Finished { .. })));
    let store = planwright_store::Store::open(&dir.path().join("store.sqlite")).unwrap();
    let row = store.batch(view.batch_id).unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.completed), ("completed", 5000));
    assert_eq!(row.runs_stored, 100, "a sample of its runs is kept for the run history");

    // The same request again gives the same statistics (seeded).
    let again = jobs.start("batch", |_| {});
    let second = { let r = s.batch("voice-orders".into(), request).unwrap().run(&again); again.finish(r) }.unwrap();
    assert_eq!((second.outcomes.clone(), second.exits.clone()), (view.outcomes.clone(), view.exits.clone()));

    // A scenario built by the form, as a typed value.
    let form = s.parse_scenario(r#"{"name": "all hang up", "vary": {"outcomes": [{"value": "HangUpInQueue", "weight": 1}]}}"#.into()).unwrap();
    let job = jobs.start("batch", |_| {});
    let request = BatchRequest { scenario: String::new(), inline: Some(form), n: 300, seed: 1 };
    let view = { let r = s.batch("voice-orders".into(), request).unwrap().run(&job); job.finish(r) }.unwrap();
    assert_eq!(view.scenario, "all hang up");
    assert_eq!(view.outcomes.iter().map(|c| (c.name.as_str(), c.count)).collect::<Vec<_>>(), [("HangUpInQueue", 300)]);

    let mut refused = |request: BatchRequest| {
        let job = jobs.start("batch", |_| {});
        match s.batch("voice-orders".into(), request) {
            Err(e) => e.code,
            Ok(prepared) => {
                let r = prepared.run(&job);
                job.finish(r).unwrap_err().code
            }
        }
    };
    let base = BatchRequest { scenario: String::new(), inline: None, n: 10, seed: 0 };
    let bad_timing = planwright_api::scenarios::Scenario::from_json(r#"{"vary": {"timing": {"talk_seconds": {"fixed": -1}}}}"#).unwrap();
    assert_eq!(refused(BatchRequest { inline: Some(bad_timing), ..base.clone() }), "scenario-invalid");
    assert_eq!(refused(BatchRequest { n: 0, ..base.clone() }), "batch-size-invalid");
    assert_eq!(refused(BatchRequest { scenario: "../../etc/passwd".into(), ..base.clone() }), "scenario-name-invalid");
    assert_eq!(s.export_batch(999, "json".into()).unwrap_err().code, "batch-not-found");
    assert_eq!(s.export_batch(1, "xml".into()).unwrap_err().code, "export-format-unknown");
}

#[test]
fn a_cancelled_batch_answers_with_what_it_completed_and_is_recorded_as_cancelled() {
    use planwright_api::batch::BatchRequest;
    let (dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    let job = jobs.start("batch", |_| {});
    assert!(jobs.cancel_job(job.id).unwrap());
    let request = BatchRequest { scenario: String::new(), inline: None, n: 1_000_000, seed: 0 };
    let view = { let r = s.batch("voice-orders".into(), request).unwrap().run(&job); job.finish(r) }.unwrap();
    assert!(view.cancelled);
    assert!(view.completed < 1_000_000, "it stopped early: {}", view.completed);
    let store = planwright_store::Store::open(&dir.path().join("store.sqlite")).unwrap();
    assert_eq!(store.batch(view.batch_id).unwrap().unwrap().status, "cancelled");
}

#[test]
fn a_library_scenario_reads_with_every_field() {
    let (_dir, mut s) = session();
    let scenario = s.read_scenario("voice-orders-distribution.json".into()).unwrap();
    let v = serde_json::to_value(&scenario).unwrap();
    assert!(v["vary"]["timing"].is_object(), "{v}");
    assert_eq!(v["clid"], "+447700900123", "a field the file leaves out has its default");
    assert_eq!(s.read_scenario("../secret".into()).unwrap_err().code, "scenario-name-invalid");
    assert_eq!(s.read_scenario("missing.json".into()).unwrap_err().code, "scenario-invalid");
}

#[test]
fn a_scenario_saved_from_the_window_is_canonical_and_simulates_as_edited() {
    let (dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    // The window edits a library scenario: a connector answers 503, the queue is scripted.
    // It crosses the boundary as JSON of the typed value, as the window sends it.
    let mut v = serde_json::to_value(s.read_scenario("voice-orders-delivered.json".into()).unwrap()).unwrap();
    v["connectors"] = serde_json::json!({"send_sms": {"status": 503, "latency_ms": 250, "body": {"error": "busy"}, "result": "response"}});
    v["data"] = serde_json::json!({"Basket": "42"});
    let edited: planwright_api::scenarios::Scenario = serde_json::from_value(v).unwrap();
    let saved = s.save_scenario("voice-orders-edited".into(), edited.clone()).unwrap();
    assert_eq!(saved, edited, "it answers the scenario as saved");
    let path = dir.path().join("plans/scenarios/voice-orders-edited.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, saved.canonical_text(), "the file holds the canonical text");
    assert!(!text.contains("\"seed\": 0") && !text.contains("clid"), "fields left at their defaults are not written: {text}");
    let read = s.read_scenario("voice-orders-edited.json".into()).unwrap();
    let again = s.save_scenario("voice-orders-edited.json".into(), read).unwrap();
    assert_eq!(again, saved, "reading and saving again gives the same scenario");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "and the same bytes");
    assert!(s.scenarios().unwrap().contains(&"voice-orders-edited.json".to_string()));

    let jobs = Jobs::new();
    let job = jobs.start("Simulate", |_| {});
    let prepared = s.simulate("voice-orders".into(), SimRequest { scenario: saved.clone(), ..request() }).unwrap();
    let r = prepared.run(&job);
    let run = job.finish(r).unwrap();
    assert!(run.initial.iter().any(|d| d.name == "Basket" && d.value.as_deref() == Some("42")), "{:?}", run.initial);
    assert!(run.connector_calls.iter().any(|c| c.status == Some(503)), "{:?}", run.connector_calls);

    // Bad input: an unknown field, a bad name; the old file stays.
    // The advanced view's text: an unknown field is refused with its name.
    let refused = s.parse_scenario(r#"{"clid": "+44", "colour": "red"}"#.into()).unwrap_err();
    assert_eq!(refused.code, "scenario-invalid");
    assert!(refused.message.contains("colour"), "{}", refused.message);
    assert_eq!(s.parse_scenario(r#"{"name": "New"}"#.into()).unwrap().clid, "+447700900123", "left out, a field takes the engine's default");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(s.save_scenario("../escape".into(), saved.clone()).unwrap_err().code, "scenario-name-invalid");
    let bad_timing = s.parse_scenario(r#"{"vary": {"timing": {"talk_seconds": {"uniform": {"min": 9, "max": 1}}}}}"#.into()).unwrap();
    assert_eq!(s.save_scenario("t".into(), bad_timing).unwrap_err().code, "scenario-invalid");
    assert!(!dir.path().join("plans/scenarios/t.json").exists(), "nothing is written");
}

#[test]
fn field_offers_follow_the_plan_and_the_scenario() {
    let (_dir, mut s) = session();
    s.open_plan("order-follow-up".into()).unwrap();
    let names = |o: &FieldOffers| o.data_sources.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
    // The SMS router reads after Set (SmsText, SmsTo) and the connector (SmsStatus, SmsMessageId).
    let o = s.field_offers("order-follow-up".into(), "sms_ok".into(), None).unwrap();
    let set: Vec<String> = names(&o).into_iter().take(4).collect();
    for n in ["SmsText", "SmsTo", "SmsStatus", "SmsMessageId"] {
        assert!(set.contains(&n.to_string()), "{n} set upstream comes first: {set:?}");
    }
    let status = o.data_sources.iter().find(|d| d.name == "SmsStatus").unwrap();
    assert!(status.origins[0].starts_with("set by "), "{:?}", status.origins);
    assert!(o.values.iter().any(|v| v.source == "InteractionOutcome" && v.values.len() == 11));
    assert_eq!(o.operators.iter().find(|x| x.data_type == "Number").unwrap().operators.len(), 8);
    assert!(o.config_keys.is_empty(), "no account keys yet");
    s.set_config_key("SmsApiKey".into(), Some("k-123".into()), true).unwrap();
    s.set_config_key("SmsHost".into(), Some("sms.example.com".into()), false).unwrap();
    let keys = s.field_offers("order-follow-up".into(), "sms_ok".into(), None).unwrap().config_keys;
    let shown: Vec<(&str, Option<&str>)> = keys.iter().map(|k| (k.name.as_str(), k.value.as_deref())).collect();
    assert_eq!(shown, [("SmsApiKey", None), ("SmsHost", Some("sms.example.com"))], "offered after #(, a secret without its value");
    // The supervisor's email is on the other branch: nothing Sms… is set before it.
    let o = s.field_offers("order-follow-up".into(), "email_supervisor".into(), None).unwrap();
    assert!(!names(&o).iter().any(|n| n.starts_with("Sms")), "{:?}", names(&o));
    assert!(names(&o).contains(&"InteractionOutcome".to_string()));
    // A scenario's data sources are offered too.
    let with = s.field_offers("voice-orders".into(), "x".into(), None);
    assert_eq!(with.unwrap_err().code, "plan-not-open");
    s.open_plan("voice-orders".into()).unwrap();
    let vip = s.parse_scenario(r#"{"name": "VIP", "data": {"CustomerTier": "gold"}}"#.into()).unwrap();
    s.save_scenario("vip-caller".into(), vip).unwrap();
    let o = s.field_offers("voice-orders".into(), "welcome".into(), Some("vip-caller.json".into())).unwrap();
    let d = o.data_sources.iter().find(|d| d.name == "CustomerTier").expect("the scenario's data source");
    assert_eq!(d.origins, ["from the scenario"]);
}

#[test]
fn transfer_numbers_and_service_name_are_edits_of_the_plan_file() {
    let (_dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    edit(&mut s, "voice-orders", EditOp::SetService { service: "Orders".into() }).unwrap();
    let c = edit(&mut s, "voice-orders", EditOp::PutTransferNumber { at: None, entry: TransferNumber { name: "Sales".into(), number: "+442071234567".into() } }).unwrap();
    assert_eq!(c.settings.as_ref().unwrap().transfer_numbers.len(), 1);
    let c = edit(&mut s, "voice-orders", EditOp::PutTransferNumber { at: None, entry: TransferNumber { name: "Bad".into(), number: "x1".into() } }).unwrap();
    assert!(c.diagnostics.added.iter().any(|d| d.code == "transfer-number-invalid" && d.field.as_deref() == Some("transfer_numbers[1].number")), "{:?}", c.diagnostics);
    edit(&mut s, "voice-orders", EditOp::RemoveTransferNumber { at: 1 }).unwrap();
    let saved = s.save("voice-orders".into(), None).unwrap();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&saved.stamp.file).unwrap()).unwrap();
    assert_eq!(json["service"], "Orders");
    assert_eq!(json["transfer_numbers"], serde_json::json!([{"name": "Sales", "number": "+442071234567"}]));
    let drawing = s.plan_drawing("voice-orders".into()).unwrap();
    assert!(drawing.starts_with("data:image/png;base64,iVBORw0KGgo"), "a PNG data URL: {}", &drawing[..40.min(drawing.len())]);
    s.open_plan("order-follow-up".into()).unwrap();
    let refused = edit(&mut s, "order-follow-up", EditOp::PutTransferNumber { at: None, entry: TransferNumber { name: "A".into(), number: "123".into() } }).unwrap_err();
    assert_eq!(refused.code, "transfer-not-voice");
}

/// The schedule editor: a schedule edited, checked as typed, saved; the open plan's Schedule
/// Router follows with new exits, and the editor lists it as a user.
#[test]
fn a_saved_schedule_changes_the_exits_of_the_open_routers_that_use_it() {
    let (dir, mut s) = session();
    let doc = s.open_plan("callback-scheduler".into()).unwrap();
    let router = doc.plan.applets.iter().find(|a| a.kind == AppletKind::ScheduleRouter).expect("the sample has a Schedule Router").clone();
    assert_eq!(router.exits, ["Open", "Closed", "Default", "Failure"]);

    let view = s.schedule("business-hours".into()).unwrap();
    assert!(view.findings.is_empty(), "{:?}", view.findings);
    assert_eq!(view.users.iter().map(|u| (u.plan.as_str(), u.applet.as_str())).collect::<Vec<_>>(), [("callback-scheduler", router.id.as_str())]);

    let mut edited = view.schedule.clone();
    edited.custom_statuses.push("Lunch".into());
    let monday = edited.week.iter_mut().find(|d| d.day == "Mon").unwrap();
    monday.periods.push(SchedulePeriod { start: "12:00".into(), end: "13:00".into(), status: "Lunch".into() });
    let findings = s.check_schedule(edited.clone()).unwrap();
    assert_eq!(findings.iter().map(|f| (f.code.as_str(), f.path.as_str(), f.message.as_str())).collect::<Vec<_>>(), [("schedule-periods-overlap", "week.Mon[1]", "Monday · Period 2 · overlaps Period 1")]);
    let before = std::fs::read_to_string(&view.file).unwrap();
    assert_eq!(s.save_schedule(edited.clone()).unwrap_err().code, "schedule-has-problems");
    assert_eq!(std::fs::read_to_string(&view.file).unwrap(), before, "a refused save writes nothing");

    let monday = edited.week.iter_mut().find(|d| d.day == "Mon").unwrap();
    monday.periods = vec![
        SchedulePeriod { start: "09:00".into(), end: "12:00".into(), status: "Open".into() },
        SchedulePeriod { start: "12:00".into(), end: "13:00".into(), status: "Lunch".into() },
        SchedulePeriod { start: "13:00".into(), end: "17:30".into(), status: "Open".into() },
    ];
    assert!(s.check_schedule(edited.clone()).unwrap().is_empty());
    let change = s.save_schedule(edited).unwrap();
    let saved = change.schedule.expect("the saved schedule comes back");
    assert_eq!(saved.statuses, ["Open", "Closed", "Lunch"]);
    let plan_change = change.plans.iter().find(|c| c.plan == "callback-scheduler").expect("the open plan changed");
    let changed = plan_change.changed.iter().find(|a| a.id == router.id).expect("its router is sent again");
    assert_eq!(changed.exits, ["Open", "Closed", "Lunch", "Default", "Failure"]);
    assert_eq!(plan_change.revision, doc.revision, "a schedule change is not an edit of the plan");
    assert_eq!(s.open_plan("callback-scheduler".into()).unwrap().plan.applets.iter().find(|a| a.id == router.id).unwrap().exits, changed.exits);
    assert!(change.workspace.schedules.iter().any(|i| i.id == "business-hours" && i.statuses.contains(&"Lunch".to_string())));
    let text = std::fs::read_to_string(dir.path().join("plans/schedules/business-hours.json")).unwrap();
    assert!(text.contains("\"Lunch\"") && text.contains("\"$schema\": \"schedule.schema.json\""), "{text}");
    assert_eq!(text, planwright::plan_file::schedule_to_string(&planwright::plan_file::parse_schedule(&text).unwrap()), "canonical");
}

#[test]
fn create_rename_duplicate_and_delete_schedules_and_the_routers_follow() {
    let (dir, mut s) = session();
    let created = s.create_schedule("E2E hours".into()).unwrap().schedule.unwrap();
    assert_eq!((created.schedule.id.as_str(), created.schedule.time_zone.as_str()), ("e2e-hours", "UTC"));
    assert_eq!(created.schedule.week.iter().map(|d| d.day.as_str()).collect::<Vec<_>>(), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    assert!(dir.path().join("plans/schedules/e2e-hours.json").exists());
    let renamed = s.rename_schedule("e2e-hours".into(), "Support hours".into()).unwrap().schedule.unwrap();
    assert_eq!((renamed.schedule.id.as_str(), renamed.schedule.name.as_str()), ("e2e-hours", "Support hours"), "the id stays");
    let copy = s.duplicate_schedule("e2e-hours".into()).unwrap().schedule.unwrap();
    assert_eq!(copy.schedule.id, "support-hours-copy");
    assert_eq!(s.schedules().unwrap().iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["e2e-hours", "support-hours-copy", "business-hours"], "by name: Support hours, Support hours (copy), UK business hours");

    // Deleting a schedule an open router uses: the router keeps only Default and Failure and
    // gets schedule-unknown.
    s.open_plan("callback-scheduler".into()).unwrap();
    assert_eq!(s.schedule_users("business-hours".into()).unwrap().len(), 1);
    let change = s.delete_schedule("business-hours".into()).unwrap();
    assert!(change.schedule.is_none());
    let c = change.plans.iter().find(|c| c.plan == "callback-scheduler").unwrap();
    assert!(c.changed.iter().any(|a| a.exits == ["Default", "Failure"]), "{:?}", c.changed);
    assert!(c.diagnostics.added.iter().any(|d| d.code == "schedule-unknown"), "{:?}", c.diagnostics);
    assert!(!dir.path().join("plans/schedules/business-hours.json").exists());
    assert_eq!(s.delete_schedule("business-hours".into()).unwrap_err().code, "schedule-not-found");
    assert_eq!(s.schedule("../etc".into()).unwrap_err().code, "schedule-not-found");

    let zones = s.time_zones().unwrap();
    assert!(zones.len() > 400 && zones.contains(&"Europe/London".to_string()) && zones.contains(&"America/Argentina/Buenos_Aires".to_string()));
    let mut bad_date = copy.schedule;
    bad_date.holidays.push(ScheduleHoliday { date: "2026-13-40".into(), name: "Nope".into(), status: Some("Closed".into()), periods: vec![] });
    assert_eq!(s.check_schedule(bad_date).unwrap()[0].code, "schedule-holiday-date-invalid");
}

/// An Unattended plan whose Data Connector calls `https://#(CrmHost)/contacts` with the header
/// `Authorization: Bearer #(CrmToken)`; answers the plan id and the connector's id.
fn plan_with_config_keys(s: &mut Session) -> (String, String) {
    let id = s.create_plan("CRM lookup".into(), PlanType::Unattended, None).unwrap().id;
    s.open_plan(id.clone()).unwrap();
    let conn = edit(s, &id, EditOp::AddApplet { kind: AppletKind::DataConnector, position: at(0.0, 0.0) }).unwrap().created[0].clone();
    let props = serde_json::json!({
        "url": "https://#(CrmHost)/contacts?clid=$(CLID)",
        "headers": [{"name": "Authorization", "value": "Bearer #(CrmToken)"}],
        "response_code_destination": "CrmStatus"
    });
    edit(s, &id, EditOp::SetProperties { id: conn.clone(), properties: props }).unwrap();
    (id, conn)
}

fn undefined_keys(s: &mut Session, plan: &str) -> Vec<(Option<String>, String)> {
    s.open_plan(plan.into()).unwrap().diagnostics.into_iter().filter(|d| d.code == "config-key-undefined").map(|d| (d.field, d.message)).collect()
}

#[test]
fn defining_a_config_key_clears_its_warning_in_the_open_plans_and_deleting_it_brings_it_back() {
    let (_dir, mut s) = session();
    let (id, _) = plan_with_config_keys(&mut s);
    assert_eq!(
        undefined_keys(&mut s, &id),
        [
            (Some("url".into()), "URL: #(CrmHost) is not a configuration key of the account".into()),
            (Some("headers[0].value".into()), "Header 1 · Value: #(CrmToken) is not a configuration key of the account".into())
        ]
    );
    let change = s.set_config_key("CrmHost".into(), Some("crm.example.com".into()), false).unwrap();
    assert_eq!(change.keys, [ConfigKey { name: "CrmHost".into(), value: Some("crm.example.com".into()), secret: false }]);
    assert_eq!(change.plans.len(), 1, "the open plan's diagnostics moved");
    assert_eq!(change.plans[0].plan, id);
    assert_eq!(change.plans[0].diagnostics.removed.len(), 1, "the URL's warning goes: {:?}", change.plans[0].diagnostics);
    assert!(change.plans[0].diagnostics.added.is_empty());
    let rev = s.document(&id).unwrap().revision();
    assert_eq!(change.plans[0].revision, rev, "a key is no edit of the plan");
    assert_eq!(undefined_keys(&mut s, &id).len(), 1);

    let change = s.set_config_key("CrmToken".into(), Some("tok-secret-42".into()), true).unwrap();
    assert_eq!(change.keys[1], ConfigKey { name: "CrmToken".into(), value: None, secret: true }, "a secret's value never comes back");
    assert!(undefined_keys(&mut s, &id).is_empty());
    assert!(!serde_json::to_string(&s.config_keys().unwrap()).unwrap().contains("tok-secret-42"));

    let change = s.delete_config_key("CrmHost".into()).unwrap();
    assert_eq!(change.plans[0].diagnostics.added.len(), 1, "the warning is back at once");
    assert_eq!(s.delete_config_key("CrmHost".into()).unwrap_err().code, "config-key-unknown");
    assert_eq!(s.set_config_key("two words".into(), Some("x".into()), false).unwrap_err().code, "config-key-name-invalid");
}

#[test]
fn simulations_read_the_account_keys_and_never_store_a_secret() {
    let (dir, mut s) = session();
    let (id, _) = plan_with_config_keys(&mut s);
    s.set_config_key("CrmHost".into(), Some("crm.example.com".into()), false).unwrap();
    s.set_config_key("CrmToken".into(), Some("tok-secret-42".into()), true).unwrap();
    let jobs = Jobs::new();
    let job = jobs.start("Simulate", |_| {});
    // The scenario overrides the host; the token comes from the account, as a secret.
    let scenario = serde_json::from_value(serde_json::json!({"name": "override", "config": {"CrmHost": "test.example.com", "Echo": "tok-secret-42"}})).unwrap();
    let prepared = s.simulate(id.clone(), SimRequest { scenario, ..request() }).unwrap();
    let r = prepared.run(&job);
    let run = job.finish(r).unwrap();
    assert_eq!(run.connector_calls[0].url, "https://test.example.com/contacts?clid=+447700900123", "the scenario wins, the account fills the rest");
    assert_eq!(run.connector_calls[0].result, "ok", "no key is missing: {:?}", run.connector_calls);
    let stored = s.open_run(run.run_id).unwrap();
    assert!(!serde_json::to_string(&stored).unwrap().contains("tok-secret-42"));
    let conn = rusqlite::Connection::open(dir.path().join("store.sqlite")).unwrap();
    let scenario_json: String = conn.query_row("SELECT scenario_json FROM runs WHERE id = ?1", [run.run_id], |r| r.get(0)).unwrap();
    assert!(!scenario_json.contains("tok-secret-42") && scenario_json.contains("•••"), "the stored scenario is masked: {scenario_json}");
}

#[test]
fn a_scenario_holding_a_secret_value_is_refused_and_not_written() {
    let (dir, mut s) = session();
    s.set_config_key("CrmToken".into(), Some("tok-\"secret\"-42".into()), true).unwrap();
    for text in [r#"{"config": {"CrmToken": "tok-\"secret\"-42"}}"#, r#"{"data": {"Copied": "Bearer tok-\"secret\"-42"}}"#] {
        let scenario = s.parse_scenario(text.into()).unwrap();
        let refused = s.save_scenario("leaky".into(), scenario).unwrap_err();
        assert_eq!(refused.code, "secret-in-file", "{text}");
        assert!(refused.message.contains("'CrmToken'") && !refused.message.contains("secret\"-42"), "names the key, not the value: {}", refused.message);
    }
    assert!(!dir.path().join("plans/scenarios/leaky.json").exists());
    let clean = s.parse_scenario(r#"{"config": {"CrmToken": "a test token"}}"#.into()).unwrap();
    s.save_scenario("clean".into(), clean).unwrap();
}

#[test]
fn a_secret_typed_into_a_plan_is_refused_by_every_write_and_never_reaches_a_version() {
    let (dir, mut s) = session();
    let (id, conn) = plan_with_config_keys(&mut s);
    s.save(id.clone(), None).unwrap();
    let versions_before = s.plan_versions(id.clone()).unwrap().len();
    s.set_config_key("CrmToken".into(), Some("tok-<secret>-42".into()), true).unwrap();
    // The admin pastes the token itself where #(CrmToken) belongs.
    let props = serde_json::json!({"url": "https://crm.example.com/contacts", "headers": [{"name": "Authorization", "value": "Bearer tok-<secret>-42"}]});
    edit(&mut s, &id, EditOp::SetProperties { id: conn.clone(), properties: props }).unwrap();
    let file = dir.path().join(format!("plans/{id}.json"));
    let on_disk = std::fs::read_to_string(&file).unwrap();
    let refused = s.save(id.clone(), Some("with the token".into())).unwrap_err();
    assert_eq!(refused.code, "secret-in-file");
    assert!(refused.message.contains("'CrmToken'") && !refused.message.contains("tok-<secret>-42"), "names the key, not the value: {}", refused.message);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), on_disk, "the file is as it was");
    assert_eq!(s.plan_versions(id.clone()).unwrap().len(), versions_before, "no version holds it");
    // An image shows labels, not properties: it is drawn. With the token pasted into a
    // label it is refused (the SVG escapes '<' as '&lt;': still found).
    s.export_image(id.clone(), "svg".into(), None).unwrap();
    std::fs::remove_file(dir.path().join(format!("plans/exports/{id}.svg"))).unwrap();
    edit(&mut s, &id, EditOp::Rename { id: conn.clone(), label: "CRM tok-<secret>-42".into() }).unwrap();
    for format in ["svg", "png"] {
        assert_eq!(s.export_image(id.clone(), format.into(), None).unwrap_err().code, "secret-in-file", "{format}");
    }
    assert!(!dir.path().join(format!("plans/exports/{id}.svg")).exists());

    // A file another program wrote with the token in it: read, but not copied into the
    // versions, nor into a duplicate.
    let mut outside: serde_json::Value = serde_json::from_str(&on_disk).unwrap();
    outside["applets"][0]["properties"]["url"] = serde_json::json!("https://crm.example.com/?t=tok-<secret>-42");
    std::fs::write(&file, serde_json::to_string_pretty(&outside).unwrap()).unwrap();
    s.reload_plan(id.clone()).unwrap();
    assert_eq!(s.plan_versions(id.clone()).unwrap().len(), versions_before, "the outside content is not recorded");
    let reopened = Session::open(&dir.path().join("plans"), &dir.path().join("store.sqlite")).unwrap();
    drop(reopened);
    assert_eq!(s.plan_versions(id.clone()).unwrap().len(), versions_before, "nor when the workspace is opened again");
    assert_eq!(s.duplicate_plan(id.clone()).unwrap_err().code, "secret-in-file");
    let conn_db = rusqlite::Connection::open(dir.path().join("store.sqlite")).unwrap();
    let leaked: i64 = conn_db.query_row("SELECT COUNT(*) FROM plan_versions WHERE text LIKE '%tok-<secret>-42%'", [], |r| r.get(0)).unwrap();
    assert_eq!(leaked, 0);
}
