//! What the API's integration tests share.

use planwright_api::Session;
use std::path::Path;

/// A session on the sample plans copied into a new workspace (as the installed app's first
/// start does), with its own run store.
pub fn sample_session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    planwright_api::user_workspace::prepare(&plans, Some(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans"))).unwrap();
    let s = Session::open(&plans, &dir.path().join("runs.sqlite3")).unwrap();
    (dir, s)
}
