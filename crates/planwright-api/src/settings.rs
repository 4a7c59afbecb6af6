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
pub const MIGRATIONS: [Migration; 2] = [
    ("0001_settings", include_str!("../migrations/0001_settings.sql")),
    ("0002_config_keys", include_str!("../migrations/0002_config_keys.sql")),
];

/// The key of the post-interaction provisioning flag ("true" or "false").
pub const POST_INTERACTION_PROVISIONED: &str = "post_interaction_provisioned";

/// The key of the "Allow Try it (network)" flag ("true" or "false"; off when absent).
pub const ALLOW_TRY_IT: &str = "allow_try_it";

/// The key of the SMTP password (a secret: never sent to the window).
pub const SMTP_PASSWORD: &str = "smtp_password";

/// One configuration key as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConfigKey {
    pub name: String,
    pub value: String,
    pub secret: bool,
}

/// The longest configuration key name, in characters.
pub const CONFIG_KEY_NAME_MAX_CHARS: usize = 64;

/// Why `name` cannot name a configuration key, if it cannot: a key is written `#(Name)` in a
/// plan, so it is 1–64 letters, digits, `_`, `-` and `.` (no space, bracket or `#`).
pub fn config_key_name_problem(name: &str) -> Option<String> {
    let shown = planwright::model::shorten(name, 80);
    if name.is_empty() {
        Some("a configuration key needs a name".into())
    } else if name.chars().count() > CONFIG_KEY_NAME_MAX_CHARS {
        Some(format!("'{shown}' is longer than {CONFIG_KEY_NAME_MAX_CHARS} characters"))
    } else if let Some(c) = name.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))) {
        Some(format!("'{shown}' holds '{c}': a key name is letters, digits, _, - and ."))
    } else {
        None
    }
}

pub struct Settings {
    conn: Connection,
    path: PathBuf,
}

/// A settings error with the store's codes: a full disk stays `disk-full`, a read-only folder
/// `folder-read-only` (the window says what to do about each), the rest `store-failed`.
fn db_error(e: rusqlite::Error) -> ApiError {
    let code = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => "disk-full",
        Some(rusqlite::ErrorCode::ReadOnly) => "folder-read-only",
        _ => "store-failed",
    };
    ApiError::new(code, e.to_string())
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

    /// The account's configuration keys, by name, with their values (secret ones included:
    /// only the session sees those, never the window).
    pub fn config_keys(&self) -> ApiResult<Vec<StoredConfigKey>> {
        let mut stmt = self.conn.prepare("SELECT name, value, secret FROM config_keys ORDER BY name").map_err(db_error)?;
        let rows = stmt
            .query_map([], |r| Ok(StoredConfigKey { name: r.get(0)?, value: r.get(1)?, secret: r.get::<_, i64>(2)? != 0 }))
            .map_err(db_error)?;
        rows.collect::<Result<_, _>>().map_err(db_error)
    }

    /// Adds a configuration key or changes one. A `value` of none keeps the stored value (a
    /// secret's value is never shown, so changing only whether it is secret sends none); a
    /// new key needs a value.
    pub fn set_config_key(&self, name: &str, value: Option<&str>, secret: bool) -> ApiResult<()> {
        if let Some(why) = config_key_name_problem(name) {
            return Err(ApiError::new("config-key-name-invalid", why));
        }
        let changed = match value {
            Some(v) => self
                .conn
                .execute(
                    "INSERT INTO config_keys (name, value, secret) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET value = excluded.value, secret = excluded.secret",
                    rusqlite::params![name, v, secret as i64],
                )
                .map_err(db_error)?,
            None => self.conn.execute("UPDATE config_keys SET secret = ?2 WHERE name = ?1", rusqlite::params![name, secret as i64]).map_err(db_error)?,
        };
        if changed == 0 {
            return Err(ApiError::new("config-key-unknown", format!("the account has no configuration key '{}': give it a value", planwright::model::shorten(name, 80))));
        }
        Ok(())
    }

    /// Deletes a configuration key; false when there was none.
    pub fn delete_config_key(&self, name: &str) -> ApiResult<bool> {
        Ok(self.conn.execute("DELETE FROM config_keys WHERE name = ?1", [name]).map_err(db_error)? > 0)
    }

    /// Whether Try it may use the network (off unless the account turned it on).
    pub fn allow_try_it(&self) -> ApiResult<bool> {
        Ok(self.get(ALLOW_TRY_IT)?.is_some_and(|v| v == "true"))
    }

    pub fn set_allow_try_it(&self, on: bool) -> ApiResult<()> {
        self.set(ALLOW_TRY_IT, if on { "true" } else { "false" })
    }

    /// The SMTP server for Send test (the password only as whether it is set).
    pub fn smtp(&self) -> ApiResult<crate::try_it::SmtpSettings> {
        let d = crate::try_it::SmtpSettings::default();
        Ok(crate::try_it::SmtpSettings {
            host: self.get("smtp_host")?.unwrap_or(d.host),
            port: self.get("smtp_port")?.and_then(|p| p.parse().ok()).unwrap_or(d.port),
            tls: self.get("smtp_tls")?.and_then(|t| crate::try_it::SmtpTls::parse(&t)).unwrap_or(d.tls),
            user: self.get("smtp_user")?.unwrap_or(d.user),
            from: self.get("smtp_from")?.unwrap_or(d.from),
            password_set: self.smtp_password()?.is_some(),
        })
    }

    /// The SMTP password, a secret: only Send test reads it.
    pub fn smtp_password(&self) -> ApiResult<Option<String>> {
        Ok(self.get(SMTP_PASSWORD)?.filter(|p| !p.is_empty()))
    }

    /// Keeps the SMTP server; `password` none keeps the stored one, empty removes it.
    pub fn set_smtp(&self, smtp: &crate::try_it::SmtpSettings, password: Option<&str>) -> ApiResult<()> {
        self.set("smtp_host", smtp.host.trim())?;
        self.set("smtp_port", &smtp.port.to_string())?;
        self.set("smtp_tls", smtp.tls.as_str())?;
        self.set("smtp_user", &smtp.user)?;
        self.set("smtp_from", smtp.from.trim())?;
        if let Some(p) = password {
            self.set(SMTP_PASSWORD, p)?;
        }
        Ok(())
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
    fn a_settings_file_of_version_1_upgrades_and_keeps_its_settings() {
        // A file as the first release wrote it: migration 0001 only, a setting in it.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate::migrate(&mut conn, &MIGRATIONS[..1]).unwrap();
        conn.execute("INSERT INTO settings (key, value) VALUES ('post_interaction_provisioned', 'false')", []).unwrap();
        drop(conn);
        let s = Settings::open(&path).unwrap();
        assert!(!s.post_interaction_provisioned().unwrap(), "the old setting is kept");
        assert_eq!(s.config_keys().unwrap(), [], "the new table is there, empty");
        s.set_config_key("CrmHost", Some("crm.example.com"), false).unwrap();
        drop(s);
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 2, "the file is at the new version");
        assert_eq!(Settings::open(&path).unwrap().config_keys().unwrap().len(), 1);
    }

    #[test]
    fn config_keys_are_added_changed_kept_secret_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::open(&dir.path().join("s.sqlite3")).unwrap();
        s.set_config_key("CrmToken", Some("t-1"), true).unwrap();
        s.set_config_key("CrmHost", Some("crm.example.com"), false).unwrap();
        s.set_config_key("CrmToken", None, true).unwrap();
        let keys = s.config_keys().unwrap();
        assert_eq!(keys[1], StoredConfigKey { name: "CrmToken".into(), value: "t-1".into(), secret: true }, "no value keeps the old one");
        assert_eq!(keys[0].name, "CrmHost", "by name");
        s.set_config_key("CrmToken", Some("t-2"), false).unwrap();
        assert_eq!(s.config_keys().unwrap()[1].value, "t-2");
        assert_eq!(s.set_config_key("Nope", None, false).unwrap_err().code, "config-key-unknown");
        for bad in ["", "two words", "a)b", "#(x)", &"k".repeat(65)] {
            assert_eq!(s.set_config_key(bad, Some("v"), false).unwrap_err().code, "config-key-name-invalid", "{bad:?}");
        }
        assert!(s.delete_config_key("CrmHost").unwrap());
        assert!(!s.delete_config_key("CrmHost").unwrap());
        assert_eq!(s.config_keys().unwrap().len(), 1);
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
