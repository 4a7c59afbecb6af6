//! Saving a plan onto a full file system or into a read-only folder: a typed error with a
//! stable code, the old file as it was, and no temp file left behind.

#[path = "small_fs/mod.rs"]
mod small_fs;

use planwright::model::{Plan, PlanType};
use planwright::plan_file::{save_plan, TEMP_PREFIX};
use small_fs::SmallFs;

fn renamed(name: &str) -> Plan {
    Plan::new("p", name, PlanType::Unattended)
}

#[test]
fn saving_onto_a_full_disk_says_disk_full_and_keeps_the_old_file() {
    let Some(fs) = SmallFs::mount(64) else { return };
    let path = fs.path().join("p.json");
    save_plan(&path, &renamed("Old")).unwrap();
    let old = std::fs::read(&path).unwrap();
    fs.fill();

    let err = save_plan(&path, &renamed("New name")).expect_err("there is no room for the new file");
    assert_eq!(err.code(), "disk-full", "a full disk has its own code, not a generic I/O one: {err}");
    assert!(err.to_string().contains("disk is full"), "the message says why: {err}");
    assert_eq!(err.path(), Some(path.as_path()), "the error names the plan file");
    assert_eq!(std::fs::read(&path).unwrap(), old, "the old file is intact");
    assert_eq!(SmallFs::names(fs.path()), ["filler", "p.json"], "no {TEMP_PREFIX} file is left behind");
}

#[test]
fn saving_into_a_read_only_folder_says_folder_read_only_and_keeps_the_old_file() {
    let Some(fs) = SmallFs::mount(64) else { return };
    let path = fs.path().join("p.json");
    save_plan(&path, &renamed("Old")).unwrap();
    let old = std::fs::read(&path).unwrap();
    fs.make_read_only();

    let err = save_plan(&path, &renamed("New name")).expect_err("nothing can be written on a read-only mount");
    assert_eq!(err.code(), "folder-read-only", "a read-only folder has its own code: {err}");
    assert!(err.to_string().contains("read-only"), "the message says why: {err}");
    assert_eq!(std::fs::read(&path).unwrap(), old, "the old file is intact");
    assert_eq!(SmallFs::names(fs.path()), ["p.json"], "no {TEMP_PREFIX} file is left behind");
}
