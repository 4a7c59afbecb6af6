//! # Planwright run store
//!
//! Simulated runs, their steps, outbox and connector calls, and batches with their
//! statistics, in one SQLite file (bundled SQLite, WAL mode, a busy timeout).
//!
//! - The schema is built by embedded, numbered migrations ([`MIGRATIONS`]), each applied in its
//!   own transaction together with the new `PRAGMA user_version`; a store made by a newer
//!   Planwright is refused. A migration that has shipped is never edited. The runner,
//!   [`migrate`], is shared with other Planwright files (the desktop's account settings).
//! - Each run is written in one transaction with its steps, outbox and connector calls: a
//!   crash never leaves half a run. Several whole runs may share a transaction
//!   ([`Store::insert_runs`]).
//! - The store never reads the clock: callers pass `created_at`.

pub mod batch;
pub mod draft;
pub mod load;
pub mod migrate;
pub mod versions;

use chrono::{DateTime, SecondsFormat, Utc};
use planwright_sim::record::{Change, ConnectorCall, EndInfo, OutboxMessage, Phase, Step};
use planwright_sim::{Report, RunRecord};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The migrations, in order: version `i + 1` is `MIGRATIONS[i]`.
pub const MIGRATIONS: [migrate::Migration; 5] = [
    ("0001_initial", include_str!("../migrations/0001_initial.sql")),
    ("0002_run_channel_and_batch_index", include_str!("../migrations/0002_run_channel_and_batch_index.sql")),
    ("0003_batch_owner_pid", include_str!("../migrations/0003_batch_owner_pid.sql")),
    ("0004_plan_versions", include_str!("../migrations/0004_plan_versions.sql")),
    ("0005_run_route_and_end", include_str!("../migrations/0005_run_route_and_end.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("run store {path}: {source}")]
    Sqlite { path: String, source: rusqlite::Error },
    #[error("run store {path} was made by a newer Planwright (schema version {found}, this build knows {known})")]
    Newer { path: String, found: i64, known: i64 },
    #[error("run store: cannot create {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("run store: migration {name} failed: {source}")]
    Migration { name: &'static str, source: rusqlite::Error },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The platform data directory of Planwright (`$XDG_DATA_HOME/planwright`, by default
/// `~/.local/share/planwright/` on Linux): the run store, the settings and the desktop's
/// user workspace live there.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Planwright", "planwright").map(|d| d.data_dir().to_path_buf())
}

/// The default store file: `runs.sqlite3` in the platform data directory ([`data_dir`]).
pub fn default_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("runs.sqlite3"))
}

pub struct Store {
    conn: Connection,
    path: String,
}

/// How a run is filed: in a batch or alone.
#[derive(Debug, Clone, Default)]
pub struct RunMeta {
    pub batch_id: Option<i64>,
    /// The scenario of a single simulation.
    pub scenario_json: Option<String>,
    pub created_at: String,
}

/// A stored run, as the run history lists it (`planwright runs list`, the window's Runs tab).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    pub id: i64,
    pub batch_id: Option<i64>,
    pub batch_index: Option<i64>,
    pub plan: String,
    pub scenario: String,
    pub channel: Option<String>,
    pub start: String,
    pub duration_ms: i64,
    pub outcome: Option<String>,
    pub end_code: String,
    pub step_count: i64,
    pub created_at: String,
}

/// Which stored runs to list; a field left out matches every run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunFilter {
    pub plan: Option<String>,
    pub outcome: Option<String>,
    pub end_code: Option<String>,
    pub batch: Option<i64>,
    /// Only single simulations, no runs of a batch.
    pub single_only: bool,
    /// Simulated start times: from (included) and to (excluded).
    pub start_from: Option<DateTime<Utc>>,
    pub start_to: Option<DateTime<Utc>>,
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoredRun {
    pub id: i64,
    pub batch_id: Option<i64>,
    pub created_at: String,
    pub scenario_json: Option<String>,
    #[serde(flatten)]
    pub record: RunRecord,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewBatch {
    pub plan: String,
    pub plan_hash: String,
    pub scenario_json: String,
    pub seed: u64,
    pub requested: u64,
    pub threads: usize,
    pub keep_runs: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchRow {
    pub id: i64,
    pub plan: String,
    pub plan_hash: String,
    pub seed: i64,
    pub requested: i64,
    pub completed: i64,
    pub threads: i64,
    pub keep_runs: String,
    pub status: String,
    pub runs_stored: i64,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub report: Option<serde_json::Value>,
}

impl BatchRow {
    /// The batch's results as an export file (`planwright_sim::export`), the same bytes as
    /// `planwright batch --export` wrote for it; none when it never finished (no statistics).
    pub fn export(&self, format: planwright_sim::export::ExportFormat) -> Option<String> {
        let report: planwright_sim::Report = serde_json::from_value(self.report.clone()?).ok()?;
        let results = planwright_sim::export::BatchResults {
            plan: &self.plan,
            plan_hash: &self.plan_hash,
            seed: self.seed as u64,
            requested: self.requested as u64,
            completed: self.completed as u64,
            cancelled: self.status == "cancelled",
            report: &report,
        };
        Some(results.render(format))
    }
}

fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
}

impl StoreError {
    /// A stable code for scripts and the UI: `disk-full` (SQLITE_FULL or ENOSPC) and
    /// `folder-read-only` (a read-only file or file system) have their own.
    pub fn code(&self) -> &'static str {
        use rusqlite::ErrorCode;
        match self {
            StoreError::Sqlite { source, path } => match source.sqlite_error_code() {
                Some(ErrorCode::DiskFull) => "disk-full",
                Some(ErrorCode::ReadOnly) => "folder-read-only",
                // SQLite reports a write the file system refused for want of room (its WAL
                // growing on a full disk) as a disk I/O error: a folder with no room left
                // means the disk is full.
                Some(ErrorCode::SystemIoFailure) if no_room_beside(path) => "disk-full",
                _ => "store-sqlite",
            },
            StoreError::Migration { source, .. } => match source.sqlite_error_code() {
                Some(ErrorCode::DiskFull) => "disk-full",
                Some(ErrorCode::ReadOnly) => "folder-read-only",
                _ => "store-sqlite",
            },
            StoreError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => "disk-full",
                std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => "folder-read-only",
                _ => "store-io",
            },
            StoreError::Newer { .. } => "store-newer",
        }
    }

    fn of_migration(e: migrate::MigrationError, path: &str) -> StoreError {
        match e {
            migrate::MigrationError::Newer { found, known } => StoreError::Newer { path: path.to_string(), found, known },
            migrate::MigrationError::Failed { name, source } => StoreError::Migration { name, source },
        }
    }
}

/// Whether the file system holding `path` has (almost) no room left for a writer: under
/// 64 KiB available (`statvfs`). False where it cannot tell.
fn no_room_beside(path: &str) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let file = Path::new(path);
        let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else { return false };
        // SAFETY: statvfs writes only into `st`, which lives for the call; `c` is NUL-terminated.
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
            return false;
        }
        (st.f_bavail as u64).saturating_mul(st.f_frsize as u64) < 64 * 1024
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Applies the run store's migrations above the database's version, each in its own
/// transaction, up to `target`. Exposed so that tests can build a database as an older version
/// made it.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<i64, StoreError> {
    migrate::migrate_to(conn, &MIGRATIONS, target).map_err(|e| StoreError::of_migration(e, ""))
}

/// How many times opening tries to put a new file in WAL mode when other openers keep getting
/// in the way (each try but the first waits for the one that did).
const WAL_ATTEMPTS: usize = 64;

/// Puts the file in WAL mode (kept in the file: a no-op read once it is). On a new file this
/// writes the header, and SQLite answers `SQLITE_BUSY` at once, without the busy timeout, when
/// another connection took the write lock while this one was reading the header (waiting there
/// could deadlock). So on busy it waits for that writer with `BEGIN IMMEDIATE`, which does use
/// the busy timeout, lets go, and tries again; by then the file is usually in WAL mode already.
fn set_wal_mode(conn: &Connection) -> rusqlite::Result<()> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e) if attempt < WAL_ATTEMPTS && e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;")?;
            }
            Err(e) => return Err(e),
        }
    }
}

impl Store {
    /// Opens (creating if needed) a store file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
        }
        let display = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite { path: display.clone(), source })?;
        Store::setup(conn, display)
    }

    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite { path: ":memory:".into(), source })?;
        Store::setup(conn, ":memory:".into())
    }

    fn setup(mut conn: Connection, path: String) -> Result<Store> {
        let sql = |e| StoreError::Sqlite { path: path.clone(), source: e };
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(sql)?;
        set_wal_mode(&conn).map_err(sql)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;").map_err(sql)?;
        migrate::migrate(&mut conn, &MIGRATIONS).map_err(|e| StoreError::of_migration(e, &path))?;
        Ok(Store { conn, path })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Stores one run, whole, in one transaction.
    pub fn insert_run(&mut self, run: &RunRecord, meta: &RunMeta) -> Result<i64> {
        Ok(self.insert_runs(std::slice::from_ref(run), meta)?[0])
    }

    /// Stores whole runs in one transaction (all of them or none).
    pub fn insert_runs(&mut self, runs: &[RunRecord], meta: &RunMeta) -> Result<Vec<i64>> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        let mut ids = Vec::with_capacity(runs.len());
        {
            let mut run_stmt = tx
                .prepare_cached(
                    "INSERT INTO runs (batch_id, batch_index, plan_id, plan_hash, scenario_name, scenario_json, seed,
                     start_time, end_time, duration_ms, outcome, interaction_end_code, interaction_end, end_code,
                     end_reason, step_count, data_json, created_at, channel, route_json, ended_json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                )
                .map_err(e)?;
            let mut step_stmt = tx
                .prepare_cached(
                    "INSERT INTO steps (run_id, seq, phase, plan_id, applet_id, kind, exit, sim_time, note, changes_json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(e)?;
            let mut mail_stmt = tx
                .prepare_cached(
                    "INSERT INTO outbox (run_id, seq, step_seq, channel, to_json, cc_json, bcc_json, reply_to, subject, body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(e)?;
            let mut call_stmt = tx
                .prepare_cached(
                    "INSERT INTO connector_calls (run_id, seq, step_seq, applet_id, method, url, request_body, result, status, latency_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(e)?;
            for run in runs {
                let json = |v: &dyn erased::Ser| v.to_json();
                run_stmt
                    .execute(params![
                        meta.batch_id,
                        meta.batch_id.map(|_| run.index as i64),
                        run.plan,
                        run.plan_hash,
                        run.scenario,
                        meta.scenario_json,
                        run.seed as i64,
                        time(&run.start),
                        time(&run.end),
                        run.duration_ms,
                        run.outcome,
                        run.interaction_end.as_ref().map(|i| &i.code),
                        run.interaction_end.as_ref().map(|i| &i.message),
                        run.end_reason.code,
                        run.end_reason.message,
                        run.steps.len() as i64,
                        json(&run.data),
                        meta.created_at,
                        run.channel,
                        run.route.as_ref().map(|r| json(r)),
                        (!run.ended_with.is_empty()).then(|| json(&run.ended_with)),
                    ])
                    .map_err(e)?;
                let id = tx.last_insert_rowid();
                for s in &run.steps {
                    let changes = (!s.changes.is_empty()).then(|| json(&s.changes));
                    step_stmt
                        .execute(params![
                            id,
                            s.seq,
                            s.phase.as_str(),
                            s.plan,
                            s.applet,
                            s.kind,
                            s.exit,
                            time(&s.at),
                            s.note,
                            changes
                        ])
                        .map_err(e)?;
                }
                for (i, m) in run.outbox.iter().enumerate() {
                    mail_stmt
                        .execute(params![
                            id,
                            i as i64 + 1,
                            m.step,
                            m.channel,
                            json(&m.to),
                            json(&m.cc),
                            json(&m.bcc),
                            m.reply_to,
                            m.subject,
                            m.body
                        ])
                        .map_err(e)?;
                }
                for (i, c) in run.connector_calls.iter().enumerate() {
                    call_stmt
                        .execute(params![id, i as i64 + 1, c.step, c.applet, c.method, c.url, c.body, c.result, c.status, c.latency_ms as i64])
                        .map_err(e)?;
                }
                ids.push(id);
            }
        }
        tx.commit().map_err(e)?;
        Ok(ids)
    }

    pub fn begin_batch(&mut self, b: &NewBatch) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO batches (plan_id, plan_hash, scenario_json, seed, requested, threads, keep_runs, status, created_at, owner_pid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'running', ?8, ?9)",
                params![
                    b.plan,
                    b.plan_hash,
                    b.scenario_json,
                    b.seed as i64,
                    b.requested as i64,
                    b.threads as i64,
                    b.keep_runs,
                    b.created_at,
                    std::process::id() as i64
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records a batch's end and its statistics, in one transaction.
    pub fn finish_batch(&mut self, id: i64, cancelled: bool, completed: u64, report: &Report, finished_at: &str) -> Result<()> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute(
            "UPDATE batches SET status = ?2, completed = ?3, report_json = ?4, finished_at = ?5 WHERE id = ?1",
            params![
                id,
                if cancelled { "cancelled" } else { "completed" },
                completed as i64,
                serde_json::to_string(report).expect("a report serializes"),
                finished_at
            ],
        )
        .map_err(e)?;
        {
            let mut stmt = tx
                .prepare_cached("INSERT INTO batch_stats (batch_id, category, plan_id, applet_id, name, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .map_err(e)?;
            let mut row = |category: &str, plan: &str, applet: &str, name: &str, count: u64| {
                stmt.execute(params![id, category, plan, applet, name, count as i64]).map(|_| ())
            };
            row("total", "", "", "interactions", report.interactions).map_err(e)?;
            row("total", "", "", "steps", report.steps).map_err(e)?;
            row("total", "", "", "emails", report.emails_rendered).map_err(e)?;
            row("total", "", "", "sms", report.sms_rendered).map_err(e)?;
            row("total", "", "", "connector_calls", report.connector_calls).map_err(e)?;
            for (category, list) in [
                ("end_reason", &report.end_reasons),
                ("interaction_end", &report.interaction_ends),
                ("outcome", &report.outcomes),
                ("connector", &report.connector_results),
            ] {
                for c in list {
                    row(category, "", "", &c.name, c.count).map_err(e)?;
                }
            }
            for a in &report.applets {
                row("visit", &a.plan, &a.applet, "", a.visits).map_err(e)?;
            }
            for x in &report.exits {
                row("exit", &x.plan, &x.applet, &x.exit, x.count).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    pub fn list_runs(&self, limit: u32, batch: Option<i64>) -> Result<Vec<RunSummary>> {
        self.find_runs(&RunFilter { batch, limit, ..RunFilter::default() })
    }

    /// The stored runs that match every field of `filter` given, newest first.
    pub fn find_runs(&self, filter: &RunFilter) -> Result<Vec<RunSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, batch_id, batch_index, plan_id, scenario_name, channel, start_time, duration_ms, outcome,
                 end_code, step_count, created_at FROM runs
                 WHERE (?1 IS NULL OR batch_id = ?1) AND (?3 IS NULL OR plan_id = ?3) AND (?4 IS NULL OR outcome = ?4)
                   AND (?5 IS NULL OR end_code = ?5) AND (?6 IS NULL OR start_time >= ?6) AND (?7 IS NULL OR start_time < ?7)
                   AND (?8 = 0 OR batch_id IS NULL)
                 ORDER BY id DESC LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let f = filter;
        // Stored as text in one format, so that the text compares as the time does.
        let (from, to) = (f.start_from.as_ref().map(time), f.start_to.as_ref().map(time));
        let rows = stmt
            .query_map(params![f.batch, f.limit.max(1), f.plan, f.outcome, f.end_code, from, to, f.single_only], |r| {
                Ok(RunSummary {
                    id: r.get(0)?,
                    batch_id: r.get(1)?,
                    batch_index: r.get(2)?,
                    plan: r.get(3)?,
                    scenario: r.get(4)?,
                    channel: r.get(5)?,
                    start: r.get(6)?,
                    duration_ms: r.get(7)?,
                    outcome: r.get(8)?,
                    end_code: r.get(9)?,
                    step_count: r.get(10)?,
                    created_at: r.get(11)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.err(e))
    }

    pub fn run(&self, id: i64) -> Result<Option<StoredRun>> {
        let e = |source| StoreError::Sqlite { path: self.path.clone(), source };
        let head = self
            .conn
            .query_row(
                "SELECT batch_id, batch_index, plan_id, plan_hash, scenario_name, scenario_json, seed, start_time, end_time,
                 duration_ms, outcome, interaction_end_code, interaction_end, end_code, end_reason, data_json, created_at, channel, route_json, ended_json
                 FROM runs WHERE id = ?1",
                [id],
                |r| {
                    let ie_code: Option<String> = r.get(11)?;
                    let ie: Option<String> = r.get(12)?;
                    let data: String = r.get(15)?;
                    Ok(StoredRun {
                        id,
                        batch_id: r.get(0)?,
                        created_at: r.get(16)?,
                        scenario_json: r.get(5)?,
                        record: RunRecord {
                            index: r.get::<_, Option<i64>>(1)?.unwrap_or(0) as u64,
                            seed: r.get::<_, i64>(6)? as u64,
                            plan: r.get(2)?,
                            plan_hash: r.get(3)?,
                            scenario: r.get(4)?,
                            channel: r.get(17)?,
                            start: parse_time(&r.get::<_, String>(7)?),
                            end: parse_time(&r.get::<_, String>(8)?),
                            duration_ms: r.get(9)?,
                            outcome: r.get(10)?,
                            interaction_end: ie_code.map(|code| EndInfo { code, message: ie.unwrap_or_default() }),
                            end_reason: EndInfo { code: r.get(13)?, message: r.get(14)? },
                            steps: Vec::new(),
                            outbox: Vec::new(),
                            connector_calls: Vec::new(),
                            data: serde_json::from_str(&data).unwrap_or_default(),
                            route: r.get::<_, Option<String>>(18)?.and_then(|j| serde_json::from_str(&j).ok()),
                            ended_with: r.get::<_, Option<String>>(19)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
                        },
                    })
                },
            )
            .optional()
            .map_err(e)?;
        let Some(mut run) = head else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare("SELECT seq, phase, plan_id, applet_id, kind, exit, sim_time, note, changes_json FROM steps WHERE run_id = ?1 ORDER BY seq")
            .map_err(e)?;
        run.record.steps = stmt
            .query_map([id], |r| {
                let changes: Option<String> = r.get(8)?;
                Ok(Step {
                    seq: r.get(0)?,
                    phase: Phase::parse(&r.get::<_, String>(1)?).unwrap_or(Phase::Live),
                    plan: r.get(2)?,
                    applet: r.get(3)?,
                    kind: r.get(4)?,
                    exit: r.get(5)?,
                    at: parse_time(&r.get::<_, String>(6)?),
                    note: r.get(7)?,
                    changes: changes.and_then(|c| serde_json::from_str::<Vec<Change>>(&c).ok()).unwrap_or_default(),
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare("SELECT step_seq, channel, to_json, cc_json, bcc_json, reply_to, subject, body FROM outbox WHERE run_id = ?1 ORDER BY seq")
            .map_err(e)?;
        let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
        run.record.outbox = stmt
            .query_map([id], |r| {
                Ok(OutboxMessage {
                    step: r.get(0)?,
                    channel: r.get(1)?,
                    to: list(r.get(2)?),
                    cc: list(r.get(3)?),
                    bcc: list(r.get(4)?),
                    reply_to: r.get(5)?,
                    subject: r.get(6)?,
                    body: r.get(7)?,
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT step_seq, applet_id, method, url, request_body, result, status, latency_ms FROM connector_calls
                 WHERE run_id = ?1 ORDER BY seq",
            )
            .map_err(e)?;
        run.record.connector_calls = stmt
            .query_map([id], |r| {
                Ok(ConnectorCall {
                    step: r.get(0)?,
                    applet: r.get(1)?,
                    method: r.get(2)?,
                    url: r.get(3)?,
                    body: r.get(4)?,
                    result: r.get(5)?,
                    status: r.get(6)?,
                    latency_ms: r.get::<_, i64>(7)? as u64,
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        Ok(Some(run))
    }

    fn batch_rows(&self, where_id: Option<i64>, limit: u32, with_report: bool) -> Result<Vec<BatchRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT b.id, b.plan_id, b.plan_hash, b.seed, b.requested, b.completed, b.threads, b.keep_runs, b.status,
                 (SELECT count(*) FROM runs r WHERE r.batch_id = b.id), b.created_at, b.finished_at, b.report_json, b.owner_pid
                 FROM batches b WHERE (?1 IS NULL OR b.id = ?1) ORDER BY b.id DESC LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![where_id, limit], |r| {
                let report: Option<String> = r.get(12)?;
                let status: String = r.get(8)?;
                let owner: Option<i64> = r.get(13)?;
                let status = if status == "running" && owner.is_some_and(|pid| !process_is_alive(pid)) { "interrupted".to_string() } else { status };
                Ok(BatchRow {
                    id: r.get(0)?,
                    plan: r.get(1)?,
                    plan_hash: r.get(2)?,
                    seed: r.get(3)?,
                    requested: r.get(4)?,
                    completed: r.get(5)?,
                    threads: r.get(6)?,
                    keep_runs: r.get(7)?,
                    status,
                    runs_stored: r.get(9)?,
                    created_at: r.get(10)?,
                    finished_at: r.get(11)?,
                    report: report.filter(|_| with_report).and_then(|j| serde_json::from_str(&j).ok()),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.err(e))
    }

    /// Batches, newest first. A batch still marked `running` whose process is gone (killed, or
    /// crashed) reads as `interrupted`; its statistics were never written.
    pub fn batches(&self, limit: u32) -> Result<Vec<BatchRow>> {
        self.batch_rows(None, limit, false)
    }

    pub fn batch(&self, id: i64) -> Result<Option<BatchRow>> {
        Ok(self.batch_rows(Some(id), 1, true)?.pop())
    }

    /// The scenario a stored run was made from: a single simulation's own, or its batch's
    /// (a load simulation's batch holds its load model instead). `None` when the run is unknown.
    pub fn run_scenario_json(&self, run: i64) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT coalesce(r.scenario_json, b.scenario_json) FROM runs r LEFT JOIN batches b ON b.id = r.batch_id WHERE r.id = ?1",
                [run],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `ok` when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// The number of runs whose stored steps do not add up to their `step_count`.
    pub fn partial_runs(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM runs r WHERE r.step_count != (SELECT count(*) FROM steps s WHERE s.run_id = r.id)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    pub fn count(&self, table: &str) -> Result<i64> {
        assert!(["runs", "steps", "outbox", "connector_calls", "batches", "batch_stats"].contains(&table));
        self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// The raw connection, for tests and benchmarks.
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

mod erased {
    /// Serializes any value to JSON text (the store keeps lists and maps as JSON columns).
    pub trait Ser {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).expect("plain data serializes")
        }
    }
}

/// Whether a process with this id exists on this machine. On Linux, `/proc/<pid>`; elsewhere a
/// batch is taken as alive (never reported as interrupted).
fn process_is_alive(pid: i64) -> bool {
    if cfg!(target_os = "linux") {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}
