//! The desktop session end to end, without a window: what the Tauri commands do.

use planwright_api::dto::*;
use planwright_api::Session;
use std::path::Path;

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

fn at(x: f64, y: f64) -> Point {
    Point { x, y }
}

#[test]
fn build_an_unattended_plan_and_save_it() {
    let (_dir, mut s) = session();
    let item = s.create_plan("Survey follow-up", PlanKind::Unattended, None).unwrap();
    let doc = s.open_plan(&item.id).unwrap().doc;
    let doc = s.apply(doc.plan, EditOp::AddApplet { kind: "DataRouter".into(), position: at(0.0, 0.0) }).unwrap();
    let router = doc.created[0].clone();
    let doc = s.apply(doc.plan, EditOp::AddApplet { kind: "SendEmail".into(), position: at(300.0, 0.0) }).unwrap();
    let email = doc.created[0].clone();
    let refused = s.apply(doc.plan.clone(), EditOp::AddApplet { kind: "Acd".into(), position: at(0.0, 0.0) }).unwrap_err();
    assert_eq!(refused.code, "live-applet-in-unattended", "{refused}");
    let doc = s.apply(doc.plan, EditOp::Connect { from: router.clone(), exit: "Default".into(), to: email.clone() }).unwrap();
    let props = serde_json::json!({"to": ["supervisor@example.com"], "subject": "Survey", "body": "CLID $(CLID)"});
    let doc = s.apply(doc.plan, EditOp::SetProperties { id: email.clone(), properties: props }).unwrap();
    assert!(doc.findings.iter().all(|f| f.applet.as_deref() != Some(&email) || f.severity != SeverityLevel::Error), "{:?}", doc.findings);
    let saved = s.save(doc.plan).unwrap();
    let text = std::fs::read_to_string(&saved.stamp.file).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["type"], "Unattended");
    assert_eq!(json["connections"][0]["to"], email.as_str());
    assert_eq!(s.file_stamp(&item.id).unwrap(), saved.stamp, "an unchanged file keeps its stamp");
}

#[test]
fn the_route_control_follows_provisioning_and_plan_types() {
    let (_dir, s) = session();
    let control = s.route_control("voice-orders").unwrap();
    assert!(control.enabled);
    assert!(control.options[0].recommended, "Unattended routes first");
    let chat = s.route_control("chat-support").unwrap();
    assert!(chat.options.iter().all(|o| o.plan_type == PlanKind::Unattended), "Message plans route to Unattended only");
    s.set_provisioned(false).unwrap();
    let control = s.route_control("voice-orders").unwrap();
    assert!(!control.enabled && control.reason.unwrap().contains("not provisioned"));
    let doc = s.check(planwright_api::dto::plan_view(s.ws.plan("voice-orders").unwrap(), &s.ws.schedules)).unwrap();
    let err = s.apply(doc.plan, EditOp::SetRoute { route: Some("order-follow-up".into()) }).unwrap_err();
    assert_eq!(err.code, "route-not-provisioned");
}

#[test]
fn an_outside_change_changes_the_stamp() {
    let (_dir, s) = session();
    let before = s.file_stamp("voice-orders").unwrap();
    std::fs::write(&before.file, std::fs::read_to_string(&before.file).unwrap() + "\n\n").unwrap();
    assert_ne!(s.file_stamp("voice-orders").unwrap(), before);
}

#[test]
fn simulating_the_voice_plan_stores_a_run_with_its_trace() {
    let (dir, mut s) = session();
    let plan = s.open_plan("voice-orders").unwrap().doc.plan;
    let req = planwright_api::simulate::SimRequest {
        clid: "+447700900123".into(),
        dialed_number: "+448001234567".into(),
        language: "en-GB".into(),
        outcome: String::new(),
        start: "2026-01-05T10:00:00+00:00".into(),
        connectors: String::new(),
        live: String::new(),
    };
    let run = s.simulate(plan, req.clone()).unwrap();
    assert!(run.run_id > 0);
    assert_eq!(run.steps[0].applet, "welcome", "the trace starts at the initial applet");
    assert!(run.steps.iter().any(|st| st.plan == "order-follow-up"), "the post-interaction route runs after the call");
    assert!(dir.path().join("store.sqlite").exists(), "the run is stored in SQLite");
    let bad = planwright_api::simulate::SimRequest { connectors: "{nope".into(), ..req };
    assert_eq!(s.simulate(s.check(planwright_api::dto::plan_view(s.ws.plan("voice-orders").unwrap(), &s.ws.schedules)).unwrap().plan, bad).unwrap_err().code, "scenario-invalid");
}
