//! Numbered SQLite migrations recorded in `PRAGMA user_version`, for any Planwright file: the
//! run store ([`crate::MIGRATIONS`]) and the desktop's account settings each pass their own list.
//!
//! Version `i + 1` of a file is `migrations[i]`. Each migration runs in its own transaction
//! together with its new `PRAGMA user_version`, so a failed one leaves the file at the version
//! before it. A file whose version is above the list was made by a newer Planwright and is
//! refused: this build cannot know what the newer schema means. Migrations that have shipped
//! are never edited; a change is a new migration.
//!
//! Several processes may open one new file at once (two CLI runs, the CLI and the desktop).
//! Each migration's transaction is `BEGIN IMMEDIATE`, which takes the file's write lock before
//! anything is read (waiting for it up to the connection's busy timeout), and reads the version
//! again inside it: whoever gets the lock second finds the migration already applied and skips
//! it. A file already at the latest version is opened without taking the lock.

use rusqlite::{Connection, TransactionBehavior};

/// One migration: its name (`0001_initial`) and its SQL.
pub type Migration = (&'static str, &'static str);

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("made by a newer Planwright (schema version {found}, this build knows {known})")]
    Newer { found: i64, known: i64 },
    #[error("migration {name} failed: {source}")]
    Failed { name: &'static str, source: rusqlite::Error },
}

/// The schema version of a file: `PRAGMA user_version` (0 for a new file).
pub fn user_version(conn: &Connection) -> Result<i64, MigrationError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|source| MigrationError::Failed { name: "read user_version", source })
}

/// Refuses a file made by a newer Planwright, then applies the migrations it lacks. Returns the
/// version the file had.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<i64, MigrationError> {
    migrate_to(conn, migrations, migrations.len() as i64)
}

/// Refuses a file made by a newer Planwright, then applies the migrations above the file's
/// version, each in its own transaction under the write lock, up to `target`. Returns the
/// version the file had (as read under the lock, when a migration was needed). Tests use it to
/// build a file as an older version made it.
pub fn migrate_to(conn: &mut Connection, migrations: &[Migration], target: i64) -> Result<i64, MigrationError> {
    let known = migrations.len() as i64;
    let target = target.min(known);
    let refuse_newer = |found| if found > known { Err(MigrationError::Newer { found, known }) } else { Ok(found) };
    // Versions only go up, so a file at (or past) the target needs no lock to be seen as such.
    let outside = refuse_newer(user_version(conn)?)?;
    if outside >= target {
        return Ok(outside);
    }
    let mut had = None;
    loop {
        let failed = |name| move |source| MigrationError::Failed { name, source };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(failed("lock for migrating"))?;
        let version = refuse_newer(user_version(&tx)?)?;
        let had = *had.get_or_insert(version);
        if version >= target {
            // Another process migrated the file while this one waited for the lock.
            return Ok(had);
        }
        let (name, sql) = migrations[version as usize];
        tx.execute_batch(sql).map_err(failed(name))?;
        tx.pragma_update(None, "user_version", version + 1).map_err(failed(name))?;
        tx.commit().map_err(failed(name))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: [Migration; 2] = [("0001_a", "CREATE TABLE a (x INTEGER);"), ("0002_b", "CREATE TABLE b (y INTEGER);")];

    #[test]
    fn migrations_run_once_in_order_and_a_newer_file_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate_to(&mut conn, &TWO, 1).unwrap(), 0);
        assert_eq!(migrate(&mut conn, &TWO).unwrap(), 1, "the file was at version 1");
        assert_eq!(migrate(&mut conn, &TWO).unwrap(), 2, "migrating again is a no-op");
        let err = migrate(&mut conn, &TWO[..1]).unwrap_err();
        assert!(matches!(err, MigrationError::Newer { found: 2, known: 1 }), "{err}");
    }

    #[test]
    fn a_failed_migration_leaves_the_version_before_it() {
        let mut conn = Connection::open_in_memory().unwrap();
        let broken: [Migration; 2] = [TWO[0], ("0002_broken", "CREATE TABLE b (y INTEGER); NOT SQL;")];
        let err = migrate(&mut conn, &broken).unwrap_err();
        assert!(matches!(err, MigrationError::Failed { name: "0002_broken", .. }), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 1);
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'b'", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0, "the failed migration's transaction was rolled back");
    }
}
