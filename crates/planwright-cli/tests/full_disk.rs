//! The real binary on a full disk and in a read-only folder: `fmt` (the command that writes
//! plan files) and `batch` into a run store on a full file system end with exit 2 and a typed
//! code, and lose nothing.

#[path = "../../planwright/tests/small_fs/mod.rs"]
mod small_fs;

use planwright_store::Store;
use small_fs::SmallFs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plans")
}

fn planwright(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_planwright")).args(args).output().expect("the binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A sample plan that is not in canonical form (a blank line at the end), so `fmt` rewrites it.
fn put_untidy_plan(folder: &Path) -> (PathBuf, Vec<u8>) {
    let mut bytes = std::fs::read(samples().join("voice-orders.json")).unwrap();
    bytes.extend_from_slice(b"\n\n");
    let path = folder.join("voice-orders.json");
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

#[test]
fn fmt_onto_a_full_disk_exits_2_with_disk_full_and_keeps_the_old_file() {
    let Some(fs) = SmallFs::mount(64) else { return };
    let (path, old) = put_untidy_plan(fs.path());
    fs.fill();
    let (code, stderr) = planwright(&["fmt".as_ref(), path.as_os_str()]);
    assert_eq!(code, 2, "a file that could not be rewritten is an error: {stderr}");
    assert!(stderr.contains("error disk-full:") && stderr.contains("disk is full"), "the error has its code and says why: {stderr}");
    assert!(stderr.contains("voice-orders.json"), "the error names the file: {stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), old, "the old file is intact");
    assert_eq!(SmallFs::names(fs.path()), ["filler", "voice-orders.json"], "no temp file is left behind");
}

#[test]
fn fmt_into_a_read_only_folder_exits_2_with_folder_read_only_and_keeps_the_old_file() {
    let Some(fs) = SmallFs::mount(64) else { return };
    let (path, old) = put_untidy_plan(fs.path());
    fs.make_read_only();
    let (code, stderr) = planwright(&["fmt".as_ref(), path.as_os_str()]);
    assert_eq!(code, 2, "a file that could not be rewritten is an error: {stderr}");
    assert!(stderr.contains("error folder-read-only:") && stderr.contains("read-only"), "the error has its code and says why: {stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), old, "the old file is intact");
    assert_eq!(SmallFs::names(fs.path()), ["voice-orders.json"], "no temp file is left behind");
}

#[test]
fn a_batch_into_a_full_store_stops_with_disk_full_and_leaves_only_whole_runs() {
    let Some(fs) = SmallFs::mount(2048) else { return };
    let db = fs.path().join("runs.sqlite3");
    let (plans, scenario) = (samples(), samples().join("scenarios/voice-orders-distribution.json"));
    let args: [&std::ffi::OsStr; 13] = [
        "batch".as_ref(), "voice-orders".as_ref(), "--keep-runs".as_ref(), "all".as_ref(), "-n".as_ref(), "200000".as_ref(),
        "--quiet".as_ref(), "--plans".as_ref(), plans.as_os_str(), "--scenario".as_ref(), scenario.as_os_str(), "--db".as_ref(), db.as_os_str(),
    ];
    let (code, stderr) = planwright(&args);
    assert_eq!(code, 2, "a batch whose runs cannot be stored fails: {stderr}");
    assert!(stderr.contains("error disk-full:"), "the error has its code: {stderr}");
    assert!(stderr.contains("batch 1 stopped") && stderr.contains("no run is half written"), "it says what became of the batch: {stderr}");

    let store = Store::open(&db).expect("the store opens on the full disk");
    assert_eq!(store.integrity_check().unwrap(), "ok", "the store file is sound");
    assert_eq!(store.partial_runs().unwrap(), 0, "no run is half written (step_count equals its step rows)");
    assert!(store.count("runs").unwrap() > 0, "runs were stored before the disk filled, so the checks above saw real data");
    let batches = store.batches(10).unwrap();
    assert_eq!(batches.len(), 1);
    assert_ne!(batches[0].status, "completed", "a batch that could not keep its runs is not marked completed");
}
