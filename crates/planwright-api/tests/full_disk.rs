//! Saving from the desktop session onto a full disk or into a read-only folder: a typed error
//! (`{code, message}` for the window), the old file as it was, no temp file, and the document
//! still unsaved, so nothing is lost and a later save can still write it.

#[path = "../../planwright/tests/small_fs/mod.rs"]
mod small_fs;

use planwright::model::AppletKind;
use planwright_api::dto::*;
use planwright_api::Session;
use small_fs::SmallFs;
use std::path::{Path, PathBuf};

const PLAN: &str = "voice-orders";

/// A session on a workspace holding one sample plan, opened and edited (so it is unsaved).
/// The store lives outside the small file system.
fn edited_session(plans: &Path, store: &Path) -> (Session, PathBuf, Vec<u8>) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans");
    let path = plans.join(format!("{PLAN}.json"));
    std::fs::copy(samples.join(format!("{PLAN}.json")), &path).unwrap();
    let old = std::fs::read(&path).unwrap();
    let mut s = Session::open(plans, store).unwrap();
    s.open_plan(PLAN.into()).unwrap();
    let rev = s.document(PLAN).unwrap().revision();
    s.apply_edit(PLAN.into(), rev, EditOp::AddApplet { kind: AppletKind::LoopCounter, position: Position { x: 0.0, y: 0.0 } }).unwrap();
    assert!(s.document(PLAN).unwrap().is_dirty(), "the edit makes the plan unsaved");
    (s, path, old)
}

/// What must hold after a save that failed with `code`.
fn check_nothing_lost(s: &Session, err: &ApiError, code: &str, path: &Path, old: &[u8], folder: &Path, others: &[&str]) {
    assert_eq!(err.code, code, "the window gets a code it can branch on: {err}");
    assert!(err.message.contains(&format!("{PLAN}.json")), "the message names the file: {err}");
    assert!(s.document(PLAN).unwrap().is_dirty(), "the document is still unsaved after the failed save");
    assert_eq!(std::fs::read(path).unwrap(), old, "the file on disk has its old bytes");
    let mut names: Vec<&str> = others.to_vec();
    names.push("voice-orders.json");
    names.sort();
    assert_eq!(SmallFs::names(folder), names, "no temp file is left behind");
}

#[test]
fn a_save_onto_a_full_disk_fails_with_disk_full_and_keeps_the_edits_unsaved() {
    let Some(fs) = SmallFs::mount(256) else { return };
    let store = tempfile::tempdir().unwrap();
    let (mut s, path, old) = edited_session(fs.path(), &store.path().join("store.sqlite"));
    fs.fill();
    let err = s.save(PLAN.into(), None).expect_err("there is no room for the new file");
    assert!(err.message.contains("disk is full"), "the message says why: {err}");
    check_nothing_lost(&s, &err, "disk-full", &path, &old, fs.path(), &["filler"]);

    std::fs::remove_file(fs.path().join("filler")).unwrap();
    s.save(PLAN.into(), None).expect("with room again, the kept edits save");
    assert!(!s.document(PLAN).unwrap().is_dirty());
}

#[test]
fn a_save_into_a_read_only_folder_fails_with_folder_read_only_and_keeps_the_edits_unsaved() {
    let Some(fs) = SmallFs::mount(256) else { return };
    let store = tempfile::tempdir().unwrap();
    let (mut s, path, old) = edited_session(fs.path(), &store.path().join("store.sqlite"));
    fs.make_read_only();
    let err = s.save(PLAN.into(), None).expect_err("nothing can be written on a read-only mount");
    assert!(err.message.contains("read-only"), "the message says why: {err}");
    check_nothing_lost(&s, &err, "folder-read-only", &path, &old, fs.path(), &[]);
}

/// A run stored onto a full disk: the window gets `disk-full` (the store's code, not a
/// generic one), and the settings file on a full disk says the same.
#[test]
fn storing_a_run_or_a_setting_onto_a_full_disk_says_disk_full() {
    use planwright_api::simulate::SimRequest;
    let Some(fs) = SmallFs::mount(2048) else { return };
    let plans = tempfile::tempdir().unwrap();
    let (mut s, _, _) = edited_session(plans.path(), &fs.path().join("store.sqlite"));
    fs.fill();
    let request = SimRequest::default();
    let jobs = planwright_api::Jobs::new();
    let job = jobs.start("simulate", |_| {});
    let r = s.simulate(PLAN.into(), request).unwrap().run(&job);
    let err = job.finish(r).expect_err("no room for the run");
    assert_eq!(err.code, "disk-full", "{err}");
    let err = s.set_config_key("SomeKey".into(), Some("x".repeat(200_000)), false).expect_err("no room for the setting");
    assert_eq!(err.code, "disk-full", "{err}");
}
