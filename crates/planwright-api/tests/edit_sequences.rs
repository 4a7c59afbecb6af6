//! Property test: random sequences of edits, undos, redos, saves and edits on a stale revision
//! through `Session`. At every step the document's graph is the graph of its plan, a projection
//! kept only from the changes equals the document, a stale edit changes nothing, and a save
//! writes exactly the engine's document, which loads back as the same plan.

use planwright::graph::PlanGraph;
use planwright::model::AppletKind;
use planwright_api::dto::*;
use planwright_api::Session;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Add { kind: usize, x: i16 },
    Delete { applet: usize },
    Connect { from: usize, exit: usize, to: usize },
    Disconnect { from: usize, exit: usize },
    Move { applet: usize, x: i16 },
    Rename { applet: usize, label: u8 },
    Start { applet: usize },
    Description { text: u8 },
    Paste { applet: usize },
    Undo,
    Redo,
    Save,
    Stale,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..AppletKind::ALL.len(), any::<i16>()).prop_map(|(kind, x)| Step::Add { kind, x }),
        1 => (0..32usize).prop_map(|applet| Step::Delete { applet }),
        4 => (0..32usize, 0..6usize, 0..32usize).prop_map(|(from, exit, to)| Step::Connect { from, exit, to }),
        1 => (0..32usize, 0..6usize).prop_map(|(from, exit)| Step::Disconnect { from, exit }),
        2 => (0..32usize, any::<i16>()).prop_map(|(applet, x)| Step::Move { applet, x }),
        1 => (0..32usize, 0..4u8).prop_map(|(applet, label)| Step::Rename { applet, label }),
        1 => (0..32usize).prop_map(|applet| Step::Start { applet }),
        1 => (0..3u8).prop_map(|text| Step::Description { text }),
        1 => (0..32usize).prop_map(|applet| Step::Paste { applet }),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => Just(Step::Save),
        1 => Just(Step::Stale),
    ]
}

/// The UI's projection, kept from changes only.
fn project(view: &mut Plan, c: &PlanChange) {
    view.applets.retain(|a| !c.removed.contains(&a.id));
    for a in &c.changed {
        let slot = view.applets.iter_mut().find(|x| x.id == a.id).expect("a changed applet is in the projection");
        *slot = a.clone();
    }
    view.applets.extend(c.added.iter().cloned());
    view.connections.retain(|x| !c.disconnected.contains(x));
    view.connections.extend(c.connected.iter().cloned());
    if let Some(s) = &c.settings {
        view.settings = s.clone();
    }
}

fn sorted(mut p: Plan) -> Plan {
    p.applets.sort_by(|a, b| a.id.cmp(&b.id));
    p.connections.sort_by(|a, b| (&a.from, &a.exit, &a.to).cmp(&(&b.from, &b.exit, &b.to)));
    p
}

fn pick(view: &Plan, i: usize) -> Option<&Applet> {
    (!view.applets.is_empty()).then(|| &view.applets[i % view.applets.len()])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn edits_undo_redo_and_stale_revisions_keep_document_graph_projection_and_file_in_step(steps in prop::collection::vec(step(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let plans = dir.path().join("plans");
        std::fs::create_dir_all(&plans).unwrap();
        let mut s = Session::open(&plans, &dir.path().join("store.sqlite")).unwrap();
        let id = s.create_plan("Random".into(), PlanType::Default, Some(Channel::Voice)).unwrap().id;
        let doc = s.open_plan(id.clone()).unwrap();
        let mut view = doc.plan;
        let mut diagnostics = doc.diagnostics;
        let mut revision = doc.revision;
        let mut saved = doc.saved_revision;
        for st in &steps {
            let before = s.document(&id).unwrap().plan().clone();
            let op = match st {
                Step::Add { kind, x } => Some(EditOp::AddApplet { kind: AppletKind::ALL[*kind], position: Position { x: *x as f64, y: 0.0 } }),
                Step::Delete { applet } => pick(&view, *applet).map(|a| EditOp::Delete { ids: vec![a.id.clone()] }),
                Step::Connect { from, exit, to } => match (pick(&view, *from), pick(&view, *to)) {
                    (Some(f), Some(t)) if !f.exits.is_empty() => Some(EditOp::Connect { from: f.id.clone(), exit: f.exits[exit % f.exits.len()].clone(), to: t.id.clone() }),
                    _ => None,
                },
                Step::Disconnect { from, exit } => pick(&view, *from).filter(|f| !f.exits.is_empty()).map(|f| EditOp::Disconnect { from: f.id.clone(), exit: f.exits[exit % f.exits.len()].clone() }),
                Step::Move { applet, x } => pick(&view, *applet).map(|a| EditOp::Move { moves: vec![AppletMove { id: a.id.clone(), position: Position { x: *x as f64 / 3.0, y: 1.5 } }] }),
                Step::Rename { applet, label } => pick(&view, *applet).map(|a| EditOp::Rename { id: a.id.clone(), label: format!("Name {label}") }),
                Step::Start { applet } => pick(&view, *applet).map(|a| EditOp::SetStart { id: a.id.clone() }),
                Step::Description { text } => Some(EditOp::SetDescription { description: "d".repeat(*text as usize) }),
                Step::Paste { applet } => pick(&view, *applet).map(|a| EditOp::Paste { clip: planwright::edit::copy(&before, std::slice::from_ref(&a.id)), offset: Position { x: 40.0, y: 40.0 } }),
                _ => None,
            };
            let change = match (st, op) {
                (Step::Undo, _) => Some(s.undo(id.clone()).unwrap()),
                (Step::Redo, _) => Some(s.redo(id.clone()).unwrap()),
                (Step::Save, _) => {
                    let out = s.save(id.clone(), None).unwrap();
                    saved = Some(out.saved_revision);
                    let text = std::fs::read_to_string(&out.stamp.file).unwrap();
                    let engine = s.document(&id).unwrap().plan();
                    prop_assert_eq!(&text, &planwright::plan_file::plan_to_string(engine), "save writes exactly the engine's document");
                    let mut loaded = planwright::plan_file::parse_plan(&text).unwrap();
                    let mut canon = engine.clone();
                    canon.canonicalize();
                    loaded.canonicalize();
                    prop_assert_eq!(loaded, canon, "save → load gives the document");
                    None
                }
                (Step::Stale, _) => {
                    if revision > 1 {
                        let err = s.apply_edit(id.clone(), revision - 1, EditOp::SetDescription { description: "stale".into() }).unwrap_err();
                        prop_assert_eq!(err.code, "revision-stale");
                        prop_assert_eq!(s.document(&id).unwrap().plan(), &before, "a stale edit changes nothing");
                    }
                    None
                }
                (_, Some(op)) => match s.apply_edit(id.clone(), revision, op) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        prop_assert_ne!(e.code.as_str(), "revision-stale");
                        prop_assert_eq!(s.document(&id).unwrap().plan(), &before, "a refused edit changes nothing");
                        None
                    }
                },
                _ => None,
            };
            if let Some(c) = change {
                project(&mut view, &c);
                for d in &c.diagnostics.removed {
                    let at = diagnostics.iter().position(|x| x == d).expect("a removed diagnostic was in the projection");
                    diagnostics.remove(at);
                }
                diagnostics.extend(c.diagnostics.added.iter().cloned());
                revision = c.revision;
                prop_assert_eq!(c.saved_revision, saved);
            }
            let d = s.document(&id).unwrap();
            prop_assert_eq!(d.revision(), revision);
            prop_assert_eq!(d.is_dirty(), saved != Some(revision));
            let of_plan = PlanGraph::from_plan(d.plan());
            let mut have = d.graph().connections();
            let mut want = of_plan.connections();
            have.sort();
            want.sort();
            prop_assert_eq!(have, want, "the document's graph is its plan's graph");
            let mut ids = d.graph().applet_ids();
            ids.sort();
            let mut plan_ids: Vec<String> = d.plan().applets.iter().map(|a| a.id.clone()).collect();
            plan_ids.sort();
            prop_assert_eq!(ids, plan_ids);
            prop_assert_eq!(sorted(view.clone()), sorted(plan_view(d.plan(), &s.loaded_workspace().schedules)), "the projection equals the document");
            let key = |x: &Diagnostic| format!("{x:?}");
            let mut have: Vec<String> = diagnostics.iter().map(key).collect();
            let mut want: Vec<String> = s.open_plan(id.clone()).unwrap().diagnostics.iter().map(key).collect();
            have.sort();
            want.sort();
            prop_assert_eq!(have, want, "the diagnostics kept from change lists are the engine's");
        }
    }
}
