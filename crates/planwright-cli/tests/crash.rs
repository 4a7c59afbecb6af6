//! Crash safety: a batch process killed with SIGKILL part-way never leaves a partial run or a
//! damaged store file.

use planwright_store::Store;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

#[cfg(unix)]
#[test]
fn killing_a_batch_at_any_point_leaves_only_whole_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("runs.sqlite3");
    let mut runs_before = 0;
    for delay_ms in [300u64, 800, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planwright"))
            .args(["batch", "voice-orders", "--keep-runs", "all", "-n", "5000000", "--seed", "3", "--quiet"])
            .arg("--plans")
            .arg(samples())
            .arg("--scenario")
            .arg(samples().join("scenarios/voice-orders-distribution.json"))
            .arg("--db")
            .arg(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the planwright binary starts");
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL is delivered"); // Child::kill sends SIGKILL on Unix.
        let status = child.wait().unwrap();
        assert!(!status.success(), "the batch was killed before it could finish");

        let store = Store::open(&db).expect("the store opens after a crash");
        assert_eq!(store.integrity_check().unwrap(), "ok", "killed after {delay_ms} ms");
        assert_eq!(store.partial_runs().unwrap(), 0, "no run is partial after a kill at {delay_ms} ms");
        let runs = store.count("runs").unwrap();
        assert!(runs >= runs_before, "runs already committed stay");
        runs_before = runs;
    }
    assert!(runs_before > 0, "the batches got far enough to store runs, so the checks above saw real data");
    let store = Store::open(&db).unwrap();
    let batches = store.batches(10).unwrap();
    assert_eq!(batches.len(), 3);
    assert!(batches.iter().all(|b| b.status == "interrupted"), "a killed batch is never marked completed, and reads as interrupted");
}
