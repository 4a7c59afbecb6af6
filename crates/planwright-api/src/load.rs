//! Load in the desktop (the day view): the workspace's load models (`load/*.json`), the agents
//! of one queue in one interval changed as an edit the engine applies and checks, a save, and
//! a day run as a job on the plans as edited: its report (the charts), and its sample of
//! interactions stored as a batch per plan, to replay with the queue each one met.
//!
//! The report is the simulator's own `planwright_sim::load::DayReport` (its TypeScript type is
//! derived on it): nothing here mirrors it.

use crate::dto::{ApiError, ApiResult};
use crate::jobs::Job;
use crate::session::Session;
use planwright::Workspace;
use planwright_sim::load::{self, file, DayOptions, DayReport, Load, LoadProblem, SweepOptions, SweepReport, SweepSpec};
use planwright_sim::{Account, Control};
use planwright_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;
use ts_rs::TS;

/// How many interactions of a day are kept whole in the run store.
pub const KEPT_RUNS: u64 = 100;

/// The load models the session has open: as edited, and as saved.
#[derive(Debug, Default)]
pub struct OpenLoads {
    open: BTreeMap<String, OpenLoad>,
}

#[derive(Debug)]
struct OpenLoad {
    path: PathBuf,
    load: Load,
    saved: Load,
}

/// A load file of the workspace, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LoadItem {
    pub id: String,
    pub name: String,
    pub file: String,
    /// Why the file cannot be read (then there is no model to open).
    pub error: Option<String>,
}

/// One queue's agents in each interval of the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StaffingRow {
    pub queue: String,
    pub agents: Vec<u32>,
}

/// One arrivals entry's expected arrivals in each interval, or its CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArrivalsRow {
    /// The plan, or the destination the arrivals come to.
    pub plan: String,
    pub per_interval: Vec<f64>,
    pub csv: Option<String>,
}

/// A load model as the day view shows and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LoadModelView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub file: String,
    pub days: u32,
    pub interval_minutes: u32,
    pub service_level_seconds: u32,
    /// The labels of one day's intervals.
    pub intervals: Vec<String>,
    pub staffing: Vec<StaffingRow>,
    pub arrivals: Vec<ArrivalsRow>,
    /// The engine's checks of the model as edited, against the plans as edited.
    pub problems: Vec<LoadProblem>,
    /// Whether an interval's agents can be changed here (a one-day profile without weekdays).
    pub editable: bool,
    pub unsaved: bool,
}

/// A what-if sweep, as the window charts it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SweepView {
    pub report: SweepReport,
    pub elapsed_ms: u64,
}

/// A day run, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DayView {
    pub report: DayReport,
    pub elapsed_ms: u64,
    /// The run store's batch of each plan that took arrivals (its kept interactions).
    pub batches: Vec<(String, i64)>,
    pub kept: u64,
    /// The CSV files written (`exports/`), when the run was asked to export.
    pub exported: Vec<String>,
}

fn view(o: &OpenLoad, ws: &Workspace) -> LoadModelView {
    let l = &o.load;
    let per_day = l.intervals_per_day();
    let mut problems = l.problems();
    problems.extend(load::plan_problems(l, ws));
    let editable = l.days == 1 && l.queues.values().all(|q| q.staffing.iter().all(|s| s.weekdays.is_empty())) && !Load::has_errors(&problems);
    LoadModelView {
        id: l.id.clone(),
        name: l.name.clone(),
        description: l.description.clone(),
        file: o.path.display().to_string(),
        days: l.days,
        interval_minutes: l.interval_minutes,
        service_level_seconds: l.service_level_seconds,
        intervals: (0..per_day).map(|i| Load { days: 1, ..l.clone() }.interval_label(i)).collect(),
        staffing: if Load::has_errors(&l.problems()) {
            Vec::new()
        } else {
            l.queues.iter().map(|(name, q)| StaffingRow { queue: name.clone(), agents: l.staffing_profile(q).into_iter().take(per_day).collect() }).collect()
        },
        arrivals: if Load::has_errors(&l.problems()) {
            Vec::new()
        } else {
            l.arrivals
                .iter()
                .map(|a| ArrivalsRow { plan: a.label().to_string(), per_interval: l.volume_profile(a).into_iter().take(per_day).collect(), csv: a.csv.clone() })
                .collect()
        },
        problems,
        editable,
        unsaved: o.load != o.saved,
    }
}

/// A day profile back into periods: one per run of equal, non-zero values.
fn periods(l: &Load, agents: &[u32]) -> Vec<load::model::Staffing> {
    let label = |i: usize| {
        let m = i as u32 * l.interval_minutes;
        format!("{:02}:{:02}", m / 60, m % 60)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < agents.len() {
        let mut j = i + 1;
        while j < agents.len() && agents[j] == agents[i] {
            j += 1;
        }
        if agents[i] > 0 {
            out.push(load::model::Staffing { from: label(i), to: label(j), agents: agents[i] as i64, weekdays: Vec::new() });
        }
        i = j;
    }
    out
}

/// A day run prepared from the session: the load model and the plans as edited. It runs as
/// a job, without the session.
pub struct LoadJob {
    ws: Workspace,
    root: PathBuf,
    load_dir: PathBuf,
    load: Load,
    account: Account,
    seed: u64,
    export: bool,
    store: PathBuf,
    created_at: String,
}

impl Session {
    /// The workspace's load files, by name.
    pub fn load_models(&mut self) -> ApiResult<Vec<LoadItem>> {
        Ok(file::list(&self.ws.root)
            .into_iter()
            .map(|p| {
                let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                match file::read(&p) {
                    Ok(l) => LoadItem { id: l.id.clone(), name: l.name.clone(), file: p.display().to_string(), error: None },
                    Err(e) => LoadItem { id: stem.clone(), name: stem, file: p.display().to_string(), error: Some(format!("{e} [{}]", e.code())) },
                }
            })
            .collect())
    }

    fn load_path(&self, id: &str) -> ApiResult<PathBuf> {
        if let Some(why) = planwright::model::id_problem(id) {
            return Err(ApiError::new("load-id-invalid", format!("load model '{}': {why}", planwright::model::shorten(id, 80))));
        }
        Ok(self.ws.root.join("load").join(format!("{id}.json")))
    }

    fn open_load(&mut self, id: &str) -> ApiResult<&mut OpenLoad> {
        if !self.loads.open.contains_key(id) {
            let path = self.load_path(id)?;
            let l = file::read(&path).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
            self.loads.open.insert(id.to_string(), OpenLoad { path, saved: l.clone(), load: l });
        }
        Ok(self.loads.open.get_mut(id).expect("opened"))
    }

    /// Opens a load model (as edited, when it is open already) with its checks.
    pub fn load_model(&mut self, id: String) -> ApiResult<LoadModelView> {
        let ws = self.edited_workspace();
        Ok(view(self.open_load(&id)?, &ws))
    }

    /// Sets the agents of `queue` in interval `interval` of the day: the engine rewrites the
    /// queue's periods and checks the model again.
    pub fn set_load_agents(&mut self, id: String, queue: String, interval: u32, agents: u32) -> ApiResult<LoadModelView> {
        let ws = self.edited_workspace();
        let o = self.open_load(&id)?;
        if !view(o, &ws).editable {
            return Err(ApiError::new("load-not-editable", "only a one-day model without weekdays and without errors can be edited here; edit the file"));
        }
        if agents > 10_000 {
            return Err(ApiError::new("agents-too-many", format!("{agents} agents: at most 10,000 per queue")));
        }
        let l = &mut o.load;
        let per_day = l.intervals_per_day();
        if interval as usize >= per_day {
            return Err(ApiError::new("interval-invalid", format!("interval {interval}: the day has {per_day}")));
        }
        let q = l.queues.get(&queue).ok_or_else(|| ApiError::new("queue-unknown", format!("the load model has no queue '{queue}'")))?;
        let mut profile = l.staffing_profile(q);
        profile[interval as usize] = agents;
        let staffing = periods(l, &profile);
        l.queues.get_mut(&queue).expect("checked").staffing = staffing;
        Ok(view(o, &ws))
    }

    /// Saves a load model as edited, atomically and canonical.
    pub fn save_load_model(&mut self, id: String) -> ApiResult<LoadModelView> {
        let ws = self.edited_workspace();
        let o = self.open_load(&id)?;
        file::save(&o.path, &o.load).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        o.saved = o.load.clone();
        Ok(view(o, &ws))
    }

    /// Prepares a day of a load model (as edited) on the plans as edited; the job runs it.
    /// With `export_csv`, the day's measures are also written to `exports/` as CSV (the same day:
    /// the same seed gives the same day).
    pub fn run_load(&mut self, id: String, seed: u64, export_csv: bool) -> ApiResult<LoadJob> {
        let ws = self.edited_workspace();
        let account = self.account()?;
        let root = self.ws.root.clone();
        let store = self.store_path.clone();
        let o = self.open_load(&id)?;
        let load_dir = o.path.parent().map(PathBuf::from).unwrap_or_else(|| root.join("load"));
        // The clock is read here, at the command boundary, never inside the engine.
        let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        Ok(LoadJob { ws, root, load_dir, load: o.load.clone(), account, seed, export: export_csv, store, created_at })
    }

    /// Prepares a what-if sweep of a load model (as edited) on the plans as edited: `vary` as
    /// `planwright load sweep --vary` takes it; each point a day with the same seed.
    pub fn run_load_sweep(&mut self, id: String, vary: String, seed: u64) -> ApiResult<SweepJob> {
        let spec = SweepSpec::parse(&vary).map_err(|e| ApiError::new("sweep-invalid", e))?;
        if spec.values.len() > 50 {
            return Err(ApiError::new("sweep-invalid", format!("{} points: a sweep in the window has at most 50 (use planwright load sweep --shard for more)", spec.values.len())));
        }
        let day = self.run_load(id, seed, false)?;
        Ok(SweepJob { day, spec })
    }

    /// Forgets the open load models (another workspace).
    pub(crate) fn close_loads(&mut self) {
        self.loads.open.clear();
    }
}

/// A sweep prepared from the session; it runs as a job, without the session.
pub struct SweepJob {
    day: LoadJob,
    spec: SweepSpec,
}

impl SweepJob {
    pub fn run(self, job: &Job) -> ApiResult<SweepView> {
        let d = &self.day;
        let points = self.spec.values.len() as u64;
        job.progress("running", 0, points);
        // One core is left to the window, so it keeps answering while the sweep runs.
        let threads = std::thread::available_parallelism().map(|n| n.get().saturating_sub(1).max(1)).unwrap_or(1);
        let started = Instant::now();
        let opt = SweepOptions { seed: d.seed, replications: 1, threads, shard: None };
        let err = |e: load::LoadError| ApiError::new(e.code(), e.to_string());
        let tally = load::run_sweep(&d.ws, &d.root, &d.load_dir, &d.load, &d.account, &self.spec, &opt).map_err(err)?;
        let report = tally.report(&d.ws, &d.root, &d.load_dir, &d.load, &d.account).map_err(err)?;
        job.progress("done", points, points);
        Ok(SweepView { report, elapsed_ms: started.elapsed().as_millis() as u64 })
    }
}

impl LoadJob {
    pub fn run(self, job: &Job) -> ApiResult<DayView> {
        let prepared = load::prepare(&self.ws, &self.root, &self.load_dir, &self.load, &self.account).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        let expected = prepared.expected.round() as u64;
        job.progress("preparing", 0, expected);
        let mut store = Store::open(&self.store).map_err(crate::versions::store_error)?;
        let batches = planwright_store::load::begin_day(&mut store, &prepared, self.seed, KEPT_RUNS, &self.created_at).map_err(crate::versions::store_error)?;
        let control = Control::default();
        let started = Instant::now();
        let mut kept = Vec::new();
        let run = std::thread::scope(|scope| {
            let worker = scope.spawn(|| prepared.run_day_full(&DayOptions { seed: self.seed, keep: KEPT_RUNS }, Some(&control), &mut |r| kept.push(r), None));
            while !worker.is_finished() {
                if job.is_cancelled() {
                    control.cancel.store(true, Ordering::Relaxed);
                }
                job.progress("running", control.done.load(Ordering::Relaxed).min(expected), expected);
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            worker.join().expect("the day does not panic")
        });
        let elapsed_ms = started.elapsed().as_millis() as u64;
        planwright_store::load::finish_day(&mut store, &batches, &prepared, &run, &kept, &self.created_at).map_err(crate::versions::store_error)?;
        let report = DayReport::new(&prepared, self.seed, &run.tally);
        let mut exported = Vec::new();
        if self.export {
            let dir = self.root.join("exports");
            std::fs::create_dir_all(&dir).map_err(|e| ApiError::new("export-failed", format!("cannot create {}: {e}", dir.display())))?;
            for (name, text) in [("intervals", report.intervals_csv()), ("route-load", report.route_load_csv())] {
                let path = dir.join(format!("load-{}-seed{}-{name}.csv", self.load.id, self.seed));
                planwright::plan_file::write_atomic(&path, text.as_bytes())?;
                exported.push(path.display().to_string());
            }
        }
        job.progress("done", run.tally.completed, expected);
        Ok(DayView { report, elapsed_ms, batches: batches.ids(), kept: kept.len() as u64, exported })
    }
}
