//! Account settings in SQLite: one `settings` table of text keys and values, created by an
//! embedded migration recorded in `PRAGMA user_version`.
//!
//! The simulator's run store will share the file when it lands; until then this table is the
//! only thing in it. Migrations that have shipped are never edited: add a new one.

use crate::dto::{ApiError, ApiResult};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// Each migration runs once, in order, in its own transaction.
const MIGRATIONS: &[&str] = &["CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;"];

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
        migrate(&mut conn)?;
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

fn migrate(conn: &mut Connection) -> ApiResult<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(db_error)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction().map_err(db_error)?;
        tx.execute_batch(sql).map_err(db_error)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64).map_err(db_error)?;
        tx.commit().map_err(db_error)?;
    }
    Ok(())
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
}
