//! Account settings in SQLite: one `settings` table of text keys and values, in its own file
//! beside the run store.
//!
//! The schema is built by the settings' own migrations (`migrations/NNNN_*.sql` of this crate),
//! run by the run store's migration runner ([`planwright_store::migrate`]): each in its own
//! transaction with its `PRAGMA user_version`, and a settings file made by a newer Planwright
//! is refused. Migrations that have shipped are never edited: add a new one.

use crate::dto::{ApiError, ApiResult};
use planwright_store::migrate::{self, Migration};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The settings migrations, in order: version `i + 1` is `MIGRATIONS[i]`.
pub const MIGRATIONS: [Migration; 1] = [("0001_settings", include_str!("../migrations/0001_settings.sql"))];

/// The key of the post-interaction provisioning flag ("true" or "false").
pub const POST_INTERACTION_PROVISIONED: &str = "post_interaction_provisioned";

pub struct Settings {
    conn: Connection,
    path: PathBuf,
}

fn db_error(e: rusqlite::Error) -> ApiError {
    ApiError::new("store-failed", e.to_string())
}

impl Settings {
    /// Opens (creating if needed) the settings in the SQLite file at `path`.
    pub fn open(path: &Path) -> ApiResult<Settings> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| ApiError::new("store-failed", format!("{}: cannot create the folder: {e}", dir.display())))?;
        }
        let mut conn = Connection::open(path).map_err(db_error)?;
        migrate::migrate(&mut conn, &MIGRATIONS)
            .map_err(|e| ApiError::new("store-failed", format!("settings {}: {e}", path.display())))?;
        Ok(Settings { conn, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, key: &str) -> ApiResult<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(db_error)
    }

    pub fn set(&self, key: &str, value: &str) -> ApiResult<()> {
        self.conn
            .execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
            .map(|_| ())
            .map_err(db_error)
    }

    /// Post-interaction processing is provisioned unless the account says otherwise.
    pub fn post_interaction_provisioned(&self) -> ApiResult<bool> {
        Ok(self.get(POST_INTERACTION_PROVISIONED)?.is_none_or(|v| v == "true"))
    }

    pub fn set_post_interaction_provisioned(&self, on: bool) -> ApiResult<()> {
        self.set(POST_INTERACTION_PROVISIONED, if on { "true" } else { "false" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisioning_defaults_to_on_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("store.sqlite");
        let s = Settings::open(&path).unwrap();
        assert!(s.post_interaction_provisioned().unwrap(), "on by default");
        s.set_post_interaction_provisioned(false).unwrap();
        drop(s);
        let s = Settings::open(&path).unwrap();
        assert!(!s.post_interaction_provisioned().unwrap(), "kept in SQLite");
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        Settings::open(&path).unwrap().set("k", "v").unwrap();
        let s = Settings::open(&path).unwrap();
        assert_eq!(s.get("k").unwrap().as_deref(), Some("v"));
    }

    #[test]
    fn settings_made_by_a_newer_planwright_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.sqlite3");
        Settings::open(&path).unwrap().set("k", "v").unwrap();
        let newer = MIGRATIONS.len() as i64 + 1;
        Connection::open(&path).unwrap().pragma_update(None, "user_version", newer).unwrap();
        let err = Settings::open(&path).err().expect("a newer settings file is refused");
        assert_eq!(err.code, "store-failed");
        assert!(err.message.contains("made by a newer Planwright"), "the message says why: {}", err.message);
        assert!(err.message.contains(&format!("schema version {newer}")), "{}", err.message);
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, newer, "the file is not touched");
    }

    #[test]
    fn a_settings_file_of_the_old_runner_opens_unchanged() {
        // The runner before planwright-store's: the same table at user_version 1.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT; PRAGMA user_version = 1;").unwrap();
        conn.execute("INSERT INTO settings (key, value) VALUES ('post_interaction_provisioned', 'false')", []).unwrap();
        drop(conn);
        assert!(!Settings::open(&path).unwrap().post_interaction_provisioned().unwrap());
    }

    #[test]
    fn eight_threads_opening_one_new_settings_file_at_once_all_succeed() {
        // Rounds on a fresh file each: one round alone does not always hit the race.
        const ROUNDS: usize = 40;
        const THREADS: usize = 8;
        let dir = tempfile::tempdir().unwrap();
        let mut failures = Vec::new();
        for round in 0..ROUNDS {
            let path = dir.path().join(format!("round-{round}")).join("settings.sqlite3");
            let barrier = std::sync::Barrier::new(THREADS);
            std::thread::scope(|s| {
                let opens: Vec<_> = (0..THREADS)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            Settings::open(&path).and_then(|settings| settings.post_interaction_provisioned())
                        })
                    })
                    .collect();
                for open in opens {
                    if let Err(e) = open.join().unwrap() {
                        failures.push(format!("round {round}: {}", e.message));
                    }
                }
            });
        }
        assert!(failures.is_empty(), "{} of {} opens failed:\n{}", failures.len(), ROUNDS * THREADS, failures.join("\n"));
    }
}
