//! A batch's results exported by `planwright batch --export`, by `planwright runs batch ID
//! --export`, and by the desktop's Batch tab (through `planwright_api::Session`, as the window
//! calls it) are the same bytes for the same plan, scenario, N and seed.

mod common;
use common::planwright;
use planwright_api::batch::BatchRequest;
use planwright_api::{Jobs, Session};
use std::path::Path;

#[test]
fn the_cli_and_the_desktop_export_the_same_bytes_for_the_same_batch() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    common::copy_dir(&common::repo().join("plans"), &plans);
    let (cli_json, cli_csv) = (dir.path().join("cli.json"), dir.path().join("cli.csv"));
    let cli_store = dir.path().join("cli.sqlite");
    let scenario = plans.join("scenarios/voice-orders-distribution.json");
    let (code, out) = planwright(&[
        "batch", "voice-orders", "--plans", plans.to_str().unwrap(), "--scenario", scenario.to_str().unwrap(), "-n", "3000", "--seed", "11",
        "--quiet", "--db", cli_store.to_str().unwrap(), "--export", cli_json.to_str().unwrap(), "--export", cli_csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");

    let mut s = Session::open(&plans, &dir.path().join("app.sqlite")).unwrap();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    let job = jobs.start("batch", |_| {});
    let request = BatchRequest { scenario: "voice-orders-distribution.json".into(), inline: None, n: 3000, seed: 11 };
    let view = { let r = s.batch("voice-orders".into(), request).unwrap().run(&job); job.finish(r) }.unwrap();
    assert_eq!((view.completed, view.cancelled), (3000, false));
    let app_json = s.export_batch(view.batch_id, "json".into()).unwrap();
    let app_csv = s.export_batch(view.batch_id, "csv".into()).unwrap();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    assert_eq!(read(Path::new(&app_json)), read(&cli_json), "the JSON exports are identical");
    assert_eq!(read(Path::new(&app_csv)), read(&cli_csv), "the CSV exports are identical");
    assert!(read(&cli_csv).lines().any(|l| l.starts_with("exit,order-follow-up,")), "the route's exits are in the export");

    // The CLI exports a stored batch again with the same bytes.
    let again = dir.path().join("again.csv");
    let (code, out) = planwright(&["runs", "--db", cli_store.to_str().unwrap(), "batch", "1", "--export", again.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(read(&again), read(&cli_csv));

    // A file name that is neither .json nor .csv is refused before anything runs.
    let (code, out) = planwright(&["batch", "voice-orders", "--plans", plans.to_str().unwrap(), "-n", "10", "--db", cli_store.to_str().unwrap(), "--export", "x.txt"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("must end in .json or .csv"), "{out}");
}
