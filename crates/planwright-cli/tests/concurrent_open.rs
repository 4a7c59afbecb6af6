//! Several processes creating one new run store at once: every one of them succeeds (the
//! migrations run under an exclusive lock and re-read the schema version inside it).

use planwright_store::Store;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

/// Rounds of processes on a fresh store each: before the fix, a single round had a failing
/// process in about 8 of 10 tries, so a few rounds make a regression all but certain to show.
const ROUNDS: usize = 8;
const PROCESSES: usize = 8;

#[test]
fn eight_processes_creating_one_new_store_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..ROUNDS {
        let db = dir.path().join(format!("round-{round}")).join("runs.sqlite3");
        one_round(&db);
    }
}

fn one_round(db: &std::path::Path) {
    // All spawned before any is waited for, so their opens overlap.
    let children: Vec<_> = (0..PROCESSES)
        .map(|seed| {
            Command::new(env!("CARGO_BIN_EXE_planwright"))
                .args(["simulate", "voice-orders", "--format", "json", "--seed", &seed.to_string()])
                .arg("--plans")
                .arg(samples())
                .arg("--scenario")
                .arg(samples().join("scenarios/voice-orders-delivered.json"))
                .arg("--db")
                .arg(db)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the planwright binary starts")
        })
        .collect();
    let mut failures = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        if !out.status.success() {
            failures.push(format!("{}: {}", out.status, String::from_utf8_lossy(&out.stderr).trim()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {PROCESSES} processes succeeded on one new store; the others said:\n{}",
        PROCESSES - failures.len(),
        failures.join("\n")
    );
    let store = Store::open(db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.schema_version().unwrap(), planwright_store::SCHEMA_VERSION, "the schema was built once, whole");
    assert_eq!(store.count("runs").unwrap(), PROCESSES as i64, "every process stored its run");
}
