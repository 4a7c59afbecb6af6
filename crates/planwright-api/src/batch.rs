//! Batch what-if in the desktop: N interactions drawn from a distribution scenario (a file of
//! the workspace's `scenarios/`, or one the window's form built), run on the plans as edited
//! as a job with progress and cancel, stored in the run store like `planwright batch`, and
//! answered with the statistics the window draws: outcomes, run ends, exit counts (the
//! heatmap), coverage and the duration histogram. A cancelled batch answers with what it
//! completed, recorded as cancelled.

use crate::dto::{ApiError, ApiResult};
use crate::jobs::Job;
use planwright::Workspace;
use planwright_sim::export::ExportFormat;
use planwright_sim::{BatchConfig, Control, KeepRuns, Report, Scenario, Simulation};
use planwright_store::{NewBatch, RunMeta, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;
use ts_rs::TS;
use crate::session::Session;
use crate::session::not_open;

/// The most interactions one batch of the window runs.
pub const MAX_INTERACTIONS: u64 = 10_000_000;
/// How many of a batch's runs are stored to open from the run history, evenly spread (as
/// `planwright batch`'s default `--keep-runs sample --sample 100`).
pub const KEPT_RUNS: u64 = 100;

/// What to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchRequest {
    /// A scenario file of the workspace's `scenarios/` folder, by name; empty for the
    /// documented defaults. Ignored when `inline` is given.
    pub scenario: String,
    /// A scenario (the window's form builds it); none to use `scenario`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub inline: Option<Scenario>,
    pub n: u64,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NamedCount {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExitTally {
    pub plan: String,
    pub applet: String,
    pub exit: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DurationBar {
    pub from_s: f64,
    pub to_s: f64,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchCoverage {
    /// The live plan, its post-interaction route and the plans it routes to.
    pub plans: Vec<String>,
    pub applets_total: u64,
    pub applets_visited: u64,
    pub exits_total: u64,
    pub exits_taken: u64,
    pub exit_percent: f64,
    pub exits_never_taken: Vec<ExitTally>,
}

/// A finished (or cancelled) batch, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchView {
    /// The batch's id in the run store (its kept runs are in the run history).
    pub batch_id: i64,
    pub store: String,
    pub plan: String,
    pub plan_hash: String,
    pub scenario: String,
    pub seed: u64,
    pub requested: u64,
    pub completed: u64,
    pub cancelled: bool,
    pub threads: u64,
    pub elapsed_ms: u64,
    pub steps: u64,
    pub duration_p50_s: Option<f64>,
    pub duration_p95_s: Option<f64>,
    pub duration_p99_s: Option<f64>,
    pub duration_histogram: Vec<DurationBar>,
    pub outcomes: Vec<NamedCount>,
    pub end_reasons: Vec<NamedCount>,
    pub interaction_ends: Vec<NamedCount>,
    pub connector_results: Vec<NamedCount>,
    /// Every exit of the plans in scope with how often it was taken (zeros included).
    pub exits: Vec<ExitTally>,
    pub coverage: BatchCoverage,
    /// Traffic per destination, when the distribution weights destinations (by address).
    pub destinations: Vec<DestinationTraffic>,
}

/// The interactions a batch made to one destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestinationTraffic {
    pub address: String,
    pub interactions: u64,
    /// Test interactions (from a source the winning mapping lists), sent to its testing plan.
    pub testing: u64,
    /// The plans entered, with how many interactions each.
    pub plans: Vec<NamedCount>,
    /// Outcomes (`""`: none).
    pub outcomes: Vec<NamedCount>,
}

fn counts(list: &[planwright_sim::stats::Count]) -> Vec<NamedCount> {
    list.iter().map(|c| NamedCount { name: c.name.clone(), count: c.count }).collect()
}

fn tallies(list: &[planwright_sim::stats::ExitCount]) -> Vec<ExitTally> {
    list.iter().map(|e| ExitTally { plan: e.plan.clone(), applet: e.applet.clone(), exit: e.exit.clone(), count: e.count }).collect()
}

/// The scenario a request names: the form's, else the library file, else the defaults; with
/// the label the window shows.
pub(crate) fn request_scenario(req: &BatchRequest, path: Option<PathBuf>) -> ApiResult<(Scenario, String)> {
    if let Some(s) = &req.inline {
        let label = if s.name.is_empty() { "the form's scenario".to_string() } else { s.name.clone() };
        return Ok((s.clone(), label));
    }
    match path {
        None => Ok((Scenario::default(), "the default scenario".into())),
        Some(p) => Ok((Scenario::load(&p).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?, req.scenario.clone())),
    }
}

/// A batch prepared from the session: the workspace as edited, the plan, the scenario and
/// the run store. It runs as a job, without the session.
pub struct BatchJob {
    pub ws: Workspace,
    /// The account's configuration keys (`#(Key)` values; secrets masked in the records).
    pub account: planwright_sim::Account,
    pub plan: String,
    pub request: BatchRequest,
    pub scenario_path: Option<PathBuf>,
    pub store: PathBuf,
    /// When the batch was asked for (read at the command boundary).
    pub created_at: String,
    /// Worker threads (one per core).
    pub threads: usize,
}

impl BatchJob {
    pub fn run(self, job: &Job) -> ApiResult<BatchView> {
        let n = self.request.n;
        if n == 0 || n > MAX_INTERACTIONS {
            return Err(ApiError::new("batch-size-invalid", format!("a batch runs 1 to {MAX_INTERACTIONS} interactions, not {n}")));
        }
        job.progress("preparing", 0, n);
        let (scenario, label) = request_scenario(&self.request, self.scenario_path.clone())?;
        let scenario_json = self.account.mask(&serde_json::to_string(&scenario).expect("a scenario serializes"));
        let sim = Simulation::with_account(&self.ws, &self.plan, scenario, self.account.clone()).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        let mut store = Store::open(&self.store).map_err(crate::versions::store_error)?;
        let batch_id = store
            .begin_batch(&NewBatch {
                plan: self.plan.clone(),
                plan_hash: sim.plan_hash.clone(),
                scenario_json,
                seed: self.request.seed,
                requested: n,
                threads: self.threads,
                keep_runs: format!("sample:{KEPT_RUNS}"),
                created_at: self.created_at.clone(),
            })
            .map_err(crate::versions::store_error)?;
        let control = Control::default();
        control.cancel.store(job.is_cancelled(), Ordering::Relaxed);
        let cfg = BatchConfig { n, seed: self.request.seed, threads: self.threads, keep: KeepRuns::Sample(KEPT_RUNS) };
        let meta = RunMeta { batch_id: Some(batch_id), scenario_json: None, created_at: self.created_at.clone() };
        let started = Instant::now();
        let result = planwright_store::batch::run_and_store(&sim, &cfg, &control, &mut store, &meta, 256, || {
            if job.is_cancelled() {
                control.cancel.store(true, Ordering::Relaxed);
            }
            job.progress("running", control.done.load(Ordering::Relaxed).min(n), n);
        })
        .map_err(crate::versions::store_error)?;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let report = sim.report(&result.stats);
        store.finish_batch(batch_id, result.cancelled, result.completed, &report, &self.created_at).map_err(crate::versions::store_error)?;
        job.progress("done", result.completed, n);
        Ok(view(batch_id, store.path().to_string(), &self, &sim.plan_hash, label, result.completed, result.cancelled, elapsed_ms, &report))
    }
}

#[allow(clippy::too_many_arguments)]
fn view(batch_id: i64, store: String, job: &BatchJob, plan_hash: &str, scenario: String, completed: u64, cancelled: bool, elapsed_ms: u64, r: &Report) -> BatchView {
    let c = &r.coverage;
    BatchView {
        batch_id,
        store,
        plan: job.plan.clone(),
        plan_hash: plan_hash.to_string(),
        scenario,
        seed: job.request.seed,
        requested: job.request.n,
        completed,
        cancelled,
        threads: job.threads as u64,
        elapsed_ms,
        steps: r.steps,
        duration_p50_s: r.duration_p50_s,
        duration_p95_s: r.duration_p95_s,
        duration_p99_s: r.duration_p99_s,
        duration_histogram: r.duration_histogram.iter().map(|b| DurationBar { from_s: b.from_s, to_s: b.to_s, count: b.count }).collect(),
        outcomes: counts(&r.outcomes),
        end_reasons: counts(&r.end_reasons),
        interaction_ends: counts(&r.interaction_ends),
        connector_results: counts(&r.connector_results),
        exits: tallies(&r.exits),
        coverage: BatchCoverage {
            plans: c.plans.clone(),
            applets_total: c.applets_total as u64,
            applets_visited: c.applets_visited as u64,
            exits_total: c.exits_total as u64,
            exits_taken: c.exits_taken as u64,
            exit_percent: c.exit_percent,
            exits_never_taken: tallies(&c.exits_never_taken),
        },
        destinations: r
            .destinations
            .iter()
            .map(|(address, d)| DestinationTraffic {
                address: address.clone(),
                interactions: d.interactions,
                testing: d.testing,
                plans: d.plans.iter().map(|(name, count)| NamedCount { name: name.clone(), count: *count }).collect(),
                outcomes: d.outcomes.iter().map(|(name, count)| NamedCount { name: name.clone(), count: *count }).collect(),
            })
            .collect(),
    }
}

/// Writes a stored batch's results into the workspace's `exports/` folder as JSON or CSV
/// (`planwright_sim::export`: the bytes `planwright batch --export` writes for the same
/// batch), atomically; answers the file's path.
pub(crate) fn export(store: &std::path::Path, root: &std::path::Path, batch: i64, format: &str) -> ApiResult<String> {
    let kind = match format {
        "json" => ExportFormat::Json,
        "csv" => ExportFormat::Csv,
        other => return Err(ApiError::new("export-format-unknown", format!("'{}' is not json or csv", planwright::model::shorten(other, 20)))),
    };
    let store = Store::open(store).map_err(crate::versions::store_error)?;
    let row = store.batch(batch).map_err(crate::versions::store_error)?.ok_or_else(|| ApiError::new("batch-not-found", format!("no batch {batch} in {}", store.path())))?;
    let text = row.export(kind).ok_or_else(|| ApiError::new("batch-unfinished", format!("batch {batch} has no statistics: it did not finish")))?;
    let dir = root.join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| ApiError::new("export-failed", format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(format!("batch-{batch}-{}.{}", row.plan, kind.extension()));
    planwright::plan_file::write_atomic(&path, text.as_bytes())?;
    Ok(path.display().to_string())
}

/// The commands of this feature.
impl Session {
    /// Prepares a batch what-if of a plan as edited (the other plans as edited too); the job
    /// runs it and stores it like `planwright batch`.
    pub fn batch(&mut self, plan: String, request: BatchRequest) -> ApiResult<BatchJob> {
        let edited = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let plan = edited.doc.plan().id.clone();
        let scenario_path = if request.inline.is_none() { self.scenario_path(&request.scenario)? } else { None };
        // The clock is read here, at the command boundary, never inside the engine.
        let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Ok(BatchJob { account: self.account()?, ws: self.edited_workspace(), plan, request, scenario_path, store: self.store_path.clone(), created_at, threads })
    }

    /// Writes a stored batch's results into `exports/` as `json` or `csv`, the same bytes as
    /// `planwright batch --export`; answers the path.
    pub fn export_batch(&mut self, batch: i64, format: String) -> ApiResult<String> {
        crate::batch::export(&self.store_path, &self.ws.root, batch, &format)
    }
}
