//! The store: round trips, migrations from an older schema, and whole-run transactions.

use planwright::workspace::PlanEntry;
use planwright::{Plan, Workspace};
use planwright_sim::{Scenario, Simulation};
use planwright_store::{migrate_to, RunFilter, RunMeta, Store, SCHEMA_VERSION};
use rusqlite::Connection;
use serde_json::json;

fn sample_run() -> planwright_sim::RunRecord {
    let plan: Plan = serde_json::from_value(json!({
        "schema_version": 1, "id": "p", "name": "P", "type": "Unattended", "start": "set",
        "applets": [
            {"id": "set", "label": "set", "kind": "SetDataSource", "properties": {"assignments": [{"name": "X", "value": "$(CLID)"}]}},
            {"id": "call", "label": "call", "kind": "DataConnector", "properties": {"url": "https://x.example/$(X)", "response_code_destination": "S"}},
            {"id": "mail", "label": "mail", "kind": "SendEmail", "properties": {"to": ["a@example.com"], "subject": "S $(S)", "body": "B"}}
        ],
        "connections": [{"from": "set", "exit": "Next Applet", "to": "call"}, {"from": "call", "exit": "Next", "to": "mail"}]
    }))
    .unwrap();
    let mut ws = Workspace::default();
    ws.plans.insert("p".into(), PlanEntry { path: "p.json".into(), plan });
    Simulation::new(&ws, "p", Scenario::default()).unwrap().simulate().0
}

#[test]
fn a_run_round_trips_with_its_steps_outbox_and_connector_calls() {
    let mut store = Store::open_in_memory().unwrap();
    let run = sample_run();
    let id = store.insert_run(&run, &RunMeta { created_at: "2026-01-01T00:00:00Z".into(), ..Default::default() }).unwrap();
    let back = store.run(id).unwrap().expect("the run is stored");
    assert_eq!(back.record, run, "what is read back is what was written");
    assert_eq!(store.list_runs(10, None).unwrap()[0].step_count, 3);
    assert_eq!(store.partial_runs().unwrap(), 0);
}

#[test]
fn a_store_made_at_version_1_upgrades_and_keeps_its_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO runs (plan_id, plan_hash, scenario_name, seed, start_time, end_time, duration_ms, end_code,
             end_reason, step_count, data_json, created_at)
             VALUES ('old', 'h', 's', 1, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.000Z', 1000, 'exit-leads-nowhere', 'ended', 0, '{}', 'then')",
            [],
        )
        .unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
        let has_channel = conn.prepare("SELECT channel FROM runs").is_ok();
        assert!(!has_channel, "version 1 has no channel column");
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let old = store.run(1).unwrap().expect("the old run survives the upgrade");
    assert_eq!((old.record.plan.as_str(), old.record.channel.clone()), ("old", None));
    let index: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'runs_by_batch'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(index, 1, "version 2 adds the batch index");
    let id = store.insert_run(&sample_run(), &RunMeta::default()).unwrap();
    assert_eq!(store.run(id).unwrap().unwrap().record.channel, None, "an Unattended run has no channel");
}

#[test]
fn a_newer_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = Store::open(&path).err().expect("a newer schema is refused");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn a_failing_group_of_runs_leaves_nothing_behind() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = sample_run();
    bad.steps.push(bad.steps[0].clone()); // A duplicate (run_id, seq) breaks the primary key.
    let err = store.insert_runs(&[sample_run(), bad], &RunMeta::default());
    assert!(err.is_err());
    assert_eq!(store.count("runs").unwrap(), 0, "the first run was in the same transaction and is rolled back");
    assert_eq!(store.count("steps").unwrap(), 0);
}

#[test]
fn the_file_is_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.sqlite3")).unwrap();
    let mode: String = store.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_batch_reads_running_while_its_process_lives_and_interrupted_after() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("runs.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let batch = planwright_store::NewBatch {
        plan: "p".into(),
        plan_hash: "h".into(),
        scenario_json: "{}".into(),
        seed: 1,
        requested: 10,
        threads: 1,
        keep_runs: "none".into(),
        created_at: "2026-11-24T00:00:00Z".into(),
    };
    let id = store.begin_batch(&batch).unwrap();
    assert_eq!(store.batches(10).unwrap()[0].status, "running", "this process is alive");
    // A process id that cannot exist (above Linux's pid_max): the batch's process is gone.
    rusqlite::Connection::open(&db).unwrap().execute("UPDATE batches SET owner_pid = 99999999 WHERE id = ?1", [id]).unwrap();
    let expected = if cfg!(target_os = "linux") { "interrupted" } else { "running" };
    assert_eq!(store.batches(10).unwrap()[0].status, expected);
}

/// Rounds of connections racing on a fresh file each. Before the migrations took the write lock
/// and the WAL switch waited for other writers, about a fifth of the opens failed (`table
/// batches already exists`, `database is locked`).
const ROUNDS: usize = 40;
const CONNECTIONS: usize = 8;

#[test]
fn eight_connections_creating_one_new_store_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for round in 0..ROUNDS {
        let path = dir.path().join(format!("round-{round}.sqlite3"));
        let barrier = std::sync::Barrier::new(CONNECTIONS);
        std::thread::scope(|s| {
            let opens: Vec<_> = (0..CONNECTIONS)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        Store::open(&path).map(|store| store.schema_version().unwrap())
                    })
                })
                .collect();
            for open in opens {
                match open.join().unwrap() {
                    Ok(version) => assert_eq!(version, SCHEMA_VERSION),
                    Err(e) => failures.push(format!("round {round}: {e}")),
                }
            }
        });
    }
    assert!(
        failures.is_empty(),
        "{} of {} opens of a new store failed:\n{}",
        failures.len(),
        ROUNDS * CONNECTIONS,
        failures.join("\n")
    );
}

#[test]
fn runs_are_found_by_plan_outcome_end_batch_and_start_time() {
    let mut store = Store::open_in_memory().unwrap();
    let ws = planwright::Workspace::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans")).unwrap();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let mut ids = Vec::new();
    for (plan, outcome, start) in [
        ("voice-orders", "Delivered", "2026-03-02T10:00:00+00:00"),
        ("voice-orders", "HangUpInQueue", "2026-03-02T11:00:00+00:00"),
        ("order-follow-up", "Delivered", "2026-03-02T12:00:00+00:00"),
    ] {
        let scenario = Scenario { outcome: Some(outcome.into()), start: at(start), ..Scenario::default() };
        let run = Simulation::new(&ws, plan, scenario).unwrap().simulate().0;
        ids.push(store.insert_run(&run, &RunMeta { created_at: "2026-12-02T00:00:00Z".into(), ..RunMeta::default() }).unwrap());
    }
    let find = |f: RunFilter| store.find_runs(&RunFilter { limit: 100, ..f }).unwrap().iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(find(RunFilter::default()), [ids[2], ids[1], ids[0]], "newest first");
    assert_eq!(find(RunFilter { plan: Some("voice-orders".into()), ..Default::default() }), [ids[1], ids[0]]);
    assert_eq!(find(RunFilter { outcome: Some("HangUpInQueue".into()), ..Default::default() }), [ids[1]]);
    assert_eq!(find(RunFilter { plan: Some("voice-orders".into()), outcome: Some("Delivered".into()), ..Default::default() }), [ids[0]]);
    // From 10:00 exactly (included) to 11:00 (excluded).
    let utc = |s: &str| at(s).with_timezone(&chrono::Utc);
    assert_eq!(find(RunFilter { start_from: Some(utc("2026-03-02T10:00:00+00:00")), start_to: Some(utc("2026-03-02T11:00:00+00:00")), ..Default::default() }), [ids[0]]);
    assert_eq!(find(RunFilter { end_code: Some("no-such-end".into()), ..Default::default() }), Vec::<i64>::new());
    assert_eq!(find(RunFilter { batch: Some(7), ..Default::default() }), Vec::<i64>::new());
    assert_eq!(find(RunFilter { single_only: true, ..Default::default() }).len(), 3);
    assert_eq!(store.find_runs(&RunFilter { limit: 1, ..Default::default() }).unwrap().len(), 1);
}

#[test]
fn a_run_made_to_a_destination_keeps_its_route() {
    let ws = Workspace::load(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")).unwrap();
    let scenario = Scenario { destination: Some("+44 800 123 4567".into()), clid: "+447700900999".into(), ..Scenario::default() };
    let run = Simulation::for_scenario(&ws, None, scenario, Default::default()).unwrap().simulate().0;
    assert!(run.route.as_ref().is_some_and(|r| r.testing && r.mapping.as_deref() == Some("uk-orders")));
    let mut store = Store::open_in_memory().unwrap();
    let id = store.insert_run(&run, &RunMeta { created_at: "2026-01-01T00:00:00Z".into(), ..Default::default() }).unwrap();
    assert_eq!(store.run(id).unwrap().unwrap().record, run, "the route is read back as written");
    let plain = store.insert_run(&sample_run(), &RunMeta { created_at: "2026-01-01T00:00:00Z".into(), ..Default::default() }).unwrap();
    assert_eq!(store.run(plain).unwrap().unwrap().record.route, None);
}
