//! A store on a full file system: the write that finds no room fails with `disk-full`, its runs
//! are rolled back whole, and the file stays sound and readable.

#[path = "../../planwright/tests/small_fs/mod.rs"]
mod small_fs;

use planwright::Workspace;
use planwright_sim::{Scenario, Simulation};
use planwright_store::{RunMeta, Store};
use small_fs::SmallFs;
use std::path::Path;

#[test]
fn writing_runs_until_the_disk_is_full_fails_with_disk_full_and_leaves_only_whole_runs() {
    let Some(fs) = SmallFs::mount(1024) else { return };
    let ws = Workspace::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans")).unwrap();
    let run = Simulation::new(&ws, "voice-orders", Scenario::default()).unwrap().simulate().0;
    let group = vec![run; 50];
    let db = fs.path().join("runs.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let mut stored = 0;
    let err = loop {
        match store.insert_runs(&group, &RunMeta::default()) {
            Ok(ids) => stored += ids.len() as i64,
            Err(e) => break e,
        }
        assert!(stored < 1_000_000, "a 1 MiB file system fills up long before this");
    };
    assert_eq!(err.code(), "disk-full", "a full disk has its own code: {err}");
    assert_eq!(store.count("runs").unwrap(), stored, "the group that did not fit is rolled back whole");
    assert!(stored > 0, "some groups fitted, so the checks see real data");
    drop(store);

    let store = Store::open(&db).expect("the store opens on the full disk");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.partial_runs().unwrap(), 0, "no run is half written");
    assert_eq!(store.count("runs").unwrap(), stored, "every run stored before the disk filled is kept");
}
