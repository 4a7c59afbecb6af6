//! What the CLI's integration tests share: the repository, and running `planwright` in it.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `planwright` in the repository: its exit code, and its standard output and error.
pub fn planwright(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_planwright")).args(args).current_dir(repo()).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}
