//! The day view's API, as the window calls it: list and open the sample load model, change one
//! interval's agents (an edit the engine checks), run the day as a job on the plans as edited,
//! compare, save atomically, and find the kept interactions in the run store.

mod common;

use planwright_api::{Jobs, Session};

fn session() -> (tempfile::TempDir, Session) {
    common::sample_session()
}

fn run(s: &mut Session, id: &str, seed: u64, export: bool) -> planwright_api::load::DayView {
    let jobs = Jobs::new();
    let job = jobs.start("run_load", |_| {});
    let r = s.run_load(id.into(), seed, export).unwrap().run(&job);
    job.finish(r).unwrap()
}

#[test]
fn the_day_view_opens_edits_runs_and_compares() {
    let (dir, mut s) = session();
    let models = s.load_models().unwrap();
    assert_eq!(models.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["monday"]);
    let m = s.load_model("monday".into()).unwrap();
    assert!(m.editable && !m.unsaved && m.problems.is_empty(), "{:?}", m.problems);
    assert_eq!(m.intervals.len(), 48);
    let orders = m.staffing.iter().find(|r| r.queue == "Orders").unwrap();
    assert_eq!(orders.agents[24], 12, "12 agents at 12:00");

    let before = run(&mut s, "monday", 3, false);
    assert!(before.kept > 0 && before.batches.len() == 2, "{:?}", before.batches);
    let q = |v: &planwright_api::load::DayView| v.report.queues.iter().find(|q| q.queue == "Orders").unwrap().clone();
    // Fewer agents over the lunch peak: 12:00 to 13:00 down to 6.
    s.set_load_agents("monday".into(), "Orders".into(), 24, 6).unwrap();
    let m = s.set_load_agents("monday".into(), "Orders".into(), 25, 6).unwrap();
    assert!(m.unsaved);
    assert_eq!(m.staffing.iter().find(|r| r.queue == "Orders").unwrap().agents[23..27], [12, 6, 6, 12]);
    let after = run(&mut s, "monday", 3, false);
    let (b, a) = (q(&before), q(&after));
    assert!(a.intervals[24].measures.service_level < b.intervals[24].measures.service_level, "fewer agents, a lower service level at 12:00");
    assert!(a.day.abandoned + a.day.breakouts > b.day.abandoned + b.day.breakouts);
    assert_eq!(a.intervals[8].measures.offered, b.intervals[8].measures.offered, "the same seed: the same arrivals");

    // The kept interactions are in the store, each with the queue it met.
    let runs = s.runs(planwright_api::dto::RunQuery { limit: 500, ..Default::default() }).unwrap();
    assert!(runs.len() as u64 >= before.kept + after.kept);
    let voice = runs.iter().find(|r| r.plan == "voice-orders").unwrap();
    let opened = s.open_run(voice.id).unwrap();
    assert!(opened.steps.iter().any(|st| st.note.contains("entered at position")), "{:?}", opened.steps.iter().map(|s| &s.note).collect::<Vec<_>>());

    // Bad edits are refused by the engine with a code.
    assert_eq!(s.set_load_agents("monday".into(), "Nope".into(), 1, 1).unwrap_err().code, "queue-unknown");
    assert_eq!(s.set_load_agents("monday".into(), "Orders".into(), 48, 1).unwrap_err().code, "interval-invalid");
    assert_eq!(s.load_model("../x".into()).unwrap_err().code, "load-id-invalid");

    // Export writes the day's CSV files; save writes the model canonical and atomically.
    let exported = run(&mut s, "monday", 3, true);
    assert_eq!(exported.exported.len(), 2);
    assert_eq!(serde_json::to_string(&exported.report).unwrap(), serde_json::to_string(&after.report).unwrap(), "the same seed, the same day");
    let csv = std::fs::read_to_string(&exported.exported[0]).unwrap();
    assert!(csv.starts_with("queue,interval,agents,"));
    let m = s.save_load_model("monday".into()).unwrap();
    assert!(!m.unsaved);
    let text = std::fs::read_to_string(dir.path().join("plans/load/monday.json")).unwrap();
    assert!(text.contains("\"agents\": 6"), "{text}");
    let reread = planwright_sim::load::file::read(&dir.path().join("plans/load/monday.json")).unwrap();
    assert_eq!(planwright_sim::load::file::to_text(&reread), text, "saved canonical");
}

#[test]
fn a_broken_load_file_is_listed_with_why_and_not_opened() {
    let (dir, mut s) = session();
    std::fs::write(dir.path().join("plans/load/broken.json"), "{\"schema_version\": 1, \"id\": \"broken\"").unwrap();
    let models = s.load_models().unwrap();
    let broken = models.iter().find(|m| m.id == "broken").unwrap();
    assert!(broken.error.as_deref().unwrap().contains("EOF while parsing"), "{:?}", broken.error);
    assert_eq!(s.load_model("broken".into()).unwrap_err().code, "load-invalid");
}

#[test]
fn a_sweep_in_the_window_charts_each_point() {
    let (_dir, mut s) = session();
    let jobs = Jobs::new();
    let job = jobs.start("run_load_sweep", |_| {});
    let r = s.run_load_sweep("monday".into(), "agents:Orders=8,12".into(), 0).unwrap().run(&job);
    let view = job.finish(r).unwrap();
    let sl: Vec<f64> = view.report.points.iter().map(|p| p.report.queues.iter().find(|q| q.queue == "Orders").unwrap().day.service_level.unwrap()).collect();
    assert_eq!(view.report.points.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(), ["8", "12"]);
    assert!(sl[0] < sl[1], "{sl:?}");
    assert_eq!(s.run_load_sweep("monday".into(), "agents:Orders".into(), 0).err().unwrap().code, "sweep-invalid");
}
