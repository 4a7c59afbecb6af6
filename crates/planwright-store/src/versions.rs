//! Plan versions: every save of a plan records its canonical text, so that users can list a
//! plan's history, compare two versions and restore one. Plan files stay the source of truth:
//! a version is a copy, never read to load a plan.

use crate::{Result, Store};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Where a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionSource {
    /// Saved by Planwright.
    Save,
    /// Found on disk, written by another program (git checkout, an editor).
    Outside,
    /// An earlier version brought back.
    Restore,
}

impl VersionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionSource::Save => "save",
            VersionSource::Outside => "outside",
            VersionSource::Restore => "restore",
        }
    }

    fn parse(s: &str) -> VersionSource {
        match s {
            "outside" => VersionSource::Outside,
            "restore" => VersionSource::Restore,
            _ => VersionSource::Save,
        }
    }
}

/// A version without its text, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionSummary {
    pub plan: String,
    /// 1, 2, 3… for each plan.
    pub number: i64,
    /// SHA-256 of the canonical text, hex.
    pub hash: String,
    pub saved_at: String,
    pub source: VersionSource,
    pub message: String,
    pub bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanVersion {
    #[serde(flatten)]
    pub summary: VersionSummary,
    pub text: String,
}

/// The SHA-256 of a plan's canonical text, hex.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<VersionSummary> {
    Ok(VersionSummary {
        plan: r.get(0)?,
        number: r.get(1)?,
        hash: r.get(2)?,
        saved_at: r.get(3)?,
        source: VersionSource::parse(&r.get::<_, String>(4)?),
        message: r.get(5)?,
        bytes: r.get(6)?,
    })
}

const COLUMNS: &str = "plan, number, hash, saved_at, source, message, length(CAST(text AS BLOB))";

impl Store {
    /// Records `text` (a plan's canonical text) as the plan's next version, unless it is the
    /// text of its latest version already; then `None`. Under the write lock, so two programs
    /// saving at once never take the same number.
    pub fn record_version(&mut self, plan: &str, text: &str, source: VersionSource, message: &str, saved_at: &str) -> Result<Option<VersionSummary>> {
        let hash = text_hash(text);
        let path = self.path.clone();
        let err = |source| crate::StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err)?;
        let latest: Option<(i64, String)> = tx
            .query_row("SELECT number, hash FROM plan_versions WHERE plan = ?1 ORDER BY number DESC LIMIT 1", params![plan], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(err)?;
        if latest.as_ref().is_some_and(|(_, h)| *h == hash) {
            return Ok(None);
        }
        let number = latest.map_or(1, |(n, _)| n + 1);
        tx.execute(
            "INSERT INTO plan_versions (plan, number, hash, text, saved_at, source, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![plan, number, hash, text, saved_at, source.as_str(), message],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Some(VersionSummary {
            plan: plan.to_string(),
            number,
            hash,
            saved_at: saved_at.to_string(),
            source,
            message: message.to_string(),
            bytes: text.len() as i64,
        }))
    }

    /// A plan's versions, newest first.
    pub fn versions(&self, plan: &str) -> Result<Vec<VersionSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM plan_versions WHERE plan = ?1 ORDER BY number DESC"))
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params![plan], summary).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    /// One version with its text.
    pub fn version(&self, plan: &str, number: i64) -> Result<Option<PlanVersion>> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS}, text FROM plan_versions WHERE plan = ?1 AND number = ?2"),
                params![plan, number],
                |r| Ok(PlanVersion { summary: summary(r)?, text: r.get(7)? }),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The hash of a plan's latest version, if it has one.
    pub fn latest_hash(&self, plan: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT hash FROM plan_versions WHERE plan = ?1 ORDER BY number DESC LIMIT 1", params![plan], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_number_from_one_skip_unchanged_text_and_list_newest_first() {
        let mut s = Store::open_in_memory().unwrap();
        let v1 = s.record_version("p", "one\n", VersionSource::Outside, "", "2026-12-01T10:00:00Z").unwrap().unwrap();
        assert_eq!((v1.number, v1.hash.len(), v1.bytes), (1, 64, 4));
        assert_eq!(s.record_version("p", "one\n", VersionSource::Save, "again", "2026-12-01T10:01:00Z").unwrap(), None, "the same text is no new version");
        let v2 = s.record_version("p", "two é\n", VersionSource::Save, "fixed the rule", "2026-12-01T10:02:00Z").unwrap().unwrap();
        assert_eq!((v2.number, v2.bytes), (2, 7), "bytes, not characters");
        let v3 = s.record_version("p", "one\n", VersionSource::Restore, "restored version 1", "2026-12-01T10:03:00Z").unwrap().unwrap();
        assert_eq!(v3.number, 3, "a restore is a new version");
        assert_eq!(v3.hash, v1.hash);
        s.record_version("q", "other\n", VersionSource::Save, "", "2026-12-01T10:04:00Z").unwrap();
        let list = s.versions("p").unwrap();
        assert_eq!(list.iter().map(|v| (v.number, v.source)).collect::<Vec<_>>(), [(3, VersionSource::Restore), (2, VersionSource::Save), (1, VersionSource::Outside)]);
        assert_eq!(list[1].message, "fixed the rule");
        assert_eq!(s.version("p", 2).unwrap().unwrap().text, "two é\n");
        assert_eq!(s.version("p", 9).unwrap(), None);
        assert_eq!(s.latest_hash("p").unwrap(), Some(v1.hash));
        assert_eq!(text_hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
