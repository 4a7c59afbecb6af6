//! The editing session behind the desktop window: the open workspace, the open plans as
//! engine documents, and the account settings. Each method is one command of the UI (the
//! command set is declared once, in `command_set.rs`); the Tauri layer only locks the session
//! and calls the method of the same name, off the window's main thread.
//!
//! The engine owns the open plans: the UI sends ops against a revision and gets back only what
//! changed ([`PlanChange`]); nothing the UI sends is ever taken as a whole plan, and a save
//! writes the engine's document.

use crate::dto::*;
use crate::settings::Settings;
use crate::simulate::{SimJob, SimRequest};
use crate::batch::{BatchJob, BatchRequest};
use crate::behaviour::{BehaviourJob, BehaviourRequest, ExampleJob};
use crate::versions;
use planwright_store::versions::VersionSource;
use planwright::directory;
use planwright::schedule_directory;
use planwright::document::{self, Document as Doc};
use planwright::model::{self as m, PlanType as EnginePlanType};
use planwright::validate::{validate_context, Context};
use planwright::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An open plan: the engine's document, its diagnostics as of its revision, and the stamp of
/// its file when it was last read or written.
struct Open {
    doc: Doc,
    diagnostics: Vec<planwright::Diagnostic>,
    stamp: FileStamp,
}

pub struct Session {
    pub ws: Workspace,
    pub settings: Settings,
    /// The run store (planwright-store).
    pub store_path: PathBuf,
    open: BTreeMap<String, Open>,
    /// The names of the account's configuration keys, which validation checks `#(Key)`s
    /// against (read from the settings when the session opens and after every change).
    account_keys: std::collections::BTreeSet<String>,
    /// The load models open in the day view (the load feature's own state).
    pub(crate) loads: crate::load::OpenLoads,
}

/// The stamp of a file as it is now.
pub fn stamp(path: &Path) -> FileStamp {
    match std::fs::metadata(path) {
        Ok(m) => FileStamp {
            file: path.display().to_string(),
            exists: true,
            modified: m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos().to_string())
                .unwrap_or_default(),
            len: m.len().to_string(),
        },
        Err(_) => FileStamp { file: path.display().to_string(), exists: false, modified: String::new(), len: String::new() },
    }
}

/// What differs between two runs of validation. Most edits leave most diagnostics where they
/// were, so the equal head and tail are passed over and only the rest is compared as a
/// multiset (and converted for the UI).
fn diagnostics_change(old: &[planwright::Diagnostic], new: &[planwright::Diagnostic]) -> DiagnosticsChange {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old, new) = (&old[head..], &new[head..]);
    let tail = old.iter().rev().zip(new.iter().rev()).take_while(|(a, b)| a == b).count();
    let (old, new) = (&old[..old.len() - tail], &new[..new.len() - tail]);
    let view = |ds: &[planwright::Diagnostic]| ds.iter().map(Diagnostic::from).collect::<Vec<_>>();
    DiagnosticsChange::between(&view(old), &view(new))
}

fn not_open(id: &str) -> ApiError {
    ApiError::new("plan-not-open", format!("plan '{id}' is not open in the editor"))
}

impl Session {
    /// Opens a workspace with the run store at `store`; the account settings live beside it
    /// in `settings.sqlite3`.
    pub fn open(workspace: &Path, store: &Path) -> ApiResult<Session> {
        let settings = store.with_file_name("settings.sqlite3");
        let settings = Settings::open(&settings)?;
        let account_keys = settings.config_keys()?.into_iter().map(|k| k.name).collect();
        let session = Session { ws: Workspace::load(workspace)?, settings, store_path: store.to_path_buf(), open: BTreeMap::new(), account_keys, loads: Default::default() };
        session.record_outside_versions();
        Ok(session)
    }

    /// Records, as versions from outside, the plans whose content the run store has not
    /// recorded last (a git checkout, an editor). Best effort: the workspace opens whatever
    /// the store says, and the version list reports a store it cannot open.
    fn record_outside_versions(&self) {
        if let Ok(mut store) = planwright_store::Store::open(&self.store_path) {
            let _ = versions::record_outside(&mut store, &self.ws, &|text| self.secret_in(text).ok().flatten().is_some());
        }
    }

    /// The versions of a plan, newest first.
    pub fn plan_versions(&mut self, plan: String) -> ApiResult<Vec<PlanVersion>> {
        let store = planwright_store::Store::open(&self.store_path).map_err(versions::store_error)?;
        Ok(store.versions(&plan).map_err(versions::store_error)?.into_iter().map(Into::into).collect())
    }

    /// Compares version `from` of a plan with version `to`, or with the open document (the
    /// plan as it is on disk when it is not open) when `to` is none.
    pub fn compare_versions(&mut self, plan: String, from: u64, to: Option<u64>) -> ApiResult<PlanDiffView> {
        let before = versions::load_version(&self.store_path, &plan, from)?;
        let (after, to_label) = match to {
            Some(n) => (versions::load_version(&self.store_path, &plan, n)?, format!("version {n}")),
            None => match self.open.get(&plan) {
                Some(o) => (o.doc.plan().clone(), "the open document".to_string()),
                None => (self.ws.plan(&plan).cloned().ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?, "the file".to_string()),
            },
        };
        Ok(versions::diff_view(&before, &after, format!("version {from}"), to_label, &self.ws))
    }

    /// Brings back version `number` of a plan: it becomes the document's new state (undo
    /// goes back), is saved, and is recorded as a new version. Opens the plan if needed.
    pub fn restore_version(&mut self, plan: String, number: u64) -> ApiResult<Document> {
        let old = versions::load_version(&self.store_path, &plan, number)?;
        self.refuse_secrets(&planwright::plan_file::plan_to_string(&old), &format!("version {number} of plan '{plan}'"))?;
        self.open_plan(plan.clone())?;
        let path = self.ws.save(old.clone())?;
        let o = self.open.get_mut(&plan).expect("opened above");
        o.doc.replace(old.clone());
        o.doc.mark_saved();
        o.stamp = stamp(&path);
        versions::record_save(&self.store_path, &old, VersionSource::Restore, &format!("restored version {number}"))?;
        self.open_plan(plan)
    }

    /// The engine's document of an open plan (for tests and the shell's watcher).
    pub fn document(&self, id: &str) -> Option<&Doc> {
        self.open.get(id).map(|o| &o.doc)
    }

    /// The ids of the open plans.
    pub fn open_plans(&self) -> Vec<String> {
        self.open.keys().cloned().collect()
    }

    /// Prepares a simulation of the open plan as it is (unsaved edits included), with the
    /// other open plans as they are too; the job runs it without the session.
    pub fn simulate(&mut self, plan: String, request: SimRequest) -> ApiResult<SimJob> {
        let edited = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let mut plan = edited.doc.plan().id.clone();
        // The clock is read here, at the command boundary, never inside the engine.
        let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let ws = self.edited_workspace();
        // Started from a destination, the plan is the one its winning mapping reaches.
        let route = match request.destination.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(address) => {
                let routing = planwright::destination::Routing::load(&self.ws.root);
                let plans = ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect();
                let r = planwright::destination::resolve(&routing, &plans, address, request.source.as_deref().map(str::trim).filter(|s| !s.is_empty()));
                plan = r.plan.clone().ok_or_else(|| ApiError::new("destination-unmapped", format!("{address}: {}", r.reasons.join("; "))))?;
                if !ws.plans.contains_key(&plan) {
                    return Err(ApiError::new("plan-unknown", format!("the mapping's plan '{plan}' does not exist")));
                }
                Some(r)
            }
        };
        Ok(SimJob { ws, plan, request, store: self.store_path.clone(), created_at, account: self.account()?, route })
    }

    /// Runs the plan tests of the workspace (`tests/*.json`) against the plans as edited and
    /// reports those that concern `plan`, with the exits of `plan` that no test takes.
    pub fn run_tests(&mut self, plan: String) -> ApiResult<TestReport> {
        use planwright_sim::plan_test::{run_test, step_line, steps_around, PlanTest};
        let ws = self.edited_workspace();
        let folder = self.ws.root.join("tests");
        let files = if folder.is_dir() { planwright::workspace::json_files(&folder)? } else { Vec::new() };
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for f in &files {
            match PlanTest::load(f) {
                Ok(t) => results.push(run_test(&ws, &t)),
                Err(e) => unreadable.push(ApiError::new(e.code(), e.to_string())),
            }
        }
        let concerns = |r: &planwright_sim::plan_test::TestResult| r.plan == plan || r.run.as_ref().is_some_and(|run| run.steps.iter().any(|s| s.plan == plan));
        results.retain(|r| concerns(r));
        // The plan's own exits, whether or not any test reaches it (then none is taken).
        let taken: std::collections::BTreeSet<(&str, &str)> = results
            .iter()
            .filter_map(|r| r.run.as_ref())
            .flat_map(|run| run.steps.iter())
            .filter(|s| s.plan == plan)
            .filter_map(|s| Some((s.applet.as_str(), s.exit.as_deref()?)))
            .collect();
        let mut total = 0;
        let mut mine = Vec::new();
        if let Some(p) = ws.plan(&plan) {
            let mut applets: Vec<_> = p.applets.iter().collect();
            applets.sort_by(|a, b| a.id.cmp(&b.id));
            for a in applets {
                for exit in planwright::catalog::exits(&a.config, &ws.schedules) {
                    total += 1;
                    if !taken.contains(&(a.id.as_str(), exit.as_str())) {
                        mine.push(ExitRef { plan: plan.clone(), applet: a.id.clone(), exit });
                    }
                }
            }
        }
        let cases = results
            .iter()
            .map(|r| TestCase {
                name: r.name.clone(),
                plan: r.plan.clone(),
                file: r.path.clone(),
                passed: r.passed(),
                expected: r.failure.as_ref().map(|f| f.expected.clone()),
                found: r.failure.as_ref().map(|f| f.found.clone()),
                step: r.failure.as_ref().and_then(|f| f.step),
                trace: match (&r.run, &r.failure) {
                    (Some(run), Some(f)) => steps_around(run, f.step).iter().map(step_line).collect(),
                    _ => Vec::new(),
                },
            })
            .collect();
        Ok(TestReport {
            plan,
            folder: folder.display().to_string(),
            cases,
            unreadable,
            exits_total: total as u64,
            exits_taken: (total - mine.len()) as u64,
            uncovered: mine,
        })
    }

    /// Draws an open plan as it is (unsaved edits included) into `exports/<plan>.svg` or
    /// `.png` in the workspace folder (PNG at twice the canvas size, for print), with the diff
    /// since version `compare_from` drawn over it when given. Returns the file written.
    pub fn export_image(&mut self, plan: String, format: String, compare_from: Option<u64>) -> ApiResult<String> {
        use planwright::render::{self, RenderOptions};
        let ext = match format.as_str() {
            "svg" | "png" => format.clone(),
            other => return Err(ApiError::new("export-format-unknown", format!("'{}' is not svg or png", m::shorten(other, 20)))),
        };
        if let Some(why) = m::id_problem(&plan) {
            return Err(ApiError::new("plan-id-invalid", why));
        }
        let current = match self.open.get(&plan) {
            Some(o) => o.doc.plan().clone(),
            None => self.ws.plan(&plan).cloned().ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?,
        };
        let mut options = RenderOptions::default();
        if let Some(n) = compare_from {
            let before = versions::load_version(&self.store_path, &plan, n)?;
            let d = planwright::diff::diff_plans(&before, &current);
            let ghosts = d.applets_removed.iter().filter_map(|r| before.applets.iter().find(|a| a.id == r.id).cloned()).collect();
            options.diff = Some((d, ghosts));
        }
        let svg = render::svg(&current, &self.ws.schedules, &options);
        self.refuse_secrets(&svg, &format!("the image of plan '{plan}'"))?;
        let bytes = if ext == "png" { render::png(&svg, 2.0).map_err(|e| ApiError::new("export-failed", e))? } else { svg.into_bytes() };
        let dir = self.ws.root.join("exports");
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::new("export-failed", format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(format!("{plan}.{ext}"));
        planwright::plan_file::write_atomic(&path, &bytes)?;
        Ok(path.display().to_string())
    }

    /// The stored runs that match `query`, newest first (the run history).
    pub fn runs(&mut self, query: RunQuery) -> ApiResult<Vec<RunListItem>> {
        let time = |field: &str, v: &Option<String>| -> ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
            let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
            let parsed = chrono::DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&chrono::Utc))
                .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()));
            parsed.map(Some).map_err(|_| ApiError::new("run-query-invalid", format!("{field}: '{}' is not a date (2026-03-02) or an RFC 3339 time", m::shorten(v, 40))))
        };
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let filter = planwright_store::RunFilter {
            plan: text(&query.plan),
            outcome: text(&query.outcome),
            end_code: text(&query.end_code),
            batch: query.batch,
            single_only: query.single_only,
            start_from: time("start_from", &query.start_from)?,
            start_to: time("start_to", &query.start_to)?,
            limit: query.limit.clamp(1, 1000),
        };
        let store = planwright_store::Store::open(&self.store_path).map_err(versions::store_error)?;
        Ok(store
            .find_runs(&filter)
            .map_err(versions::store_error)?
            .into_iter()
            .map(|r| RunListItem {
                id: r.id,
                batch_id: r.batch_id,
                batch_index: r.batch_index,
                plan: r.plan,
                scenario: r.scenario,
                channel: r.channel,
                start: r.start,
                duration_ms: r.duration_ms,
                outcome: r.outcome,
                end_code: r.end_code,
                step_count: r.step_count,
                created_at: r.created_at,
            })
            .collect())
    }

    /// A stored run with its whole trace, to replay on the canvas.
    pub fn open_run(&mut self, id: i64) -> ApiResult<crate::simulate::SimRun> {
        let store = planwright_store::Store::open(&self.store_path).map_err(versions::store_error)?;
        let run = store.run(id).map_err(versions::store_error)?.ok_or_else(|| ApiError::new("run-not-found", format!("no run {id} in {}", store.path())))?;
        let scenario = run.scenario_json.as_deref().and_then(|j| planwright_sim::Scenario::from_json(j).ok());
        let value = |name: &str, from_scenario: Option<String>| crate::simulate::DataValue { name: name.into(), value: from_scenario.or_else(|| run.record.data.get(name).cloned()) };
        let initial = vec![
            value("CLID", scenario.as_ref().map(|s| s.clid.clone())),
            value("Dialed Number", scenario.as_ref().map(|s| s.dialed_number.clone())),
            value("Language", scenario.as_ref().map(|s| s.language.clone())),
            crate::simulate::DataValue { name: "InteractionOutcome".into(), value: scenario.as_ref().and_then(|s| s.outcome.clone()) },
        ]
        .into_iter()
        // The data it started with (a routed run's destination, mapping and plan values among them).
        .chain(scenario.iter().flat_map(|s| &s.data).map(|(name, value)| crate::simulate::DataValue { name: name.clone(), value: Some(value.clone()) }))
        .collect();
        Ok(crate::simulate::view(run.record, id, store.path().to_string(), initial))
    }

    /// The scenario files of the workspace (`scenarios/*.json`), by name.
    pub fn scenarios(&self) -> ApiResult<Vec<String>> {
        let dir = self.ws.root.join("scenarios");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        Ok(planwright::workspace::json_files(&dir)?.iter().filter_map(|p| p.file_name()?.to_str().map(str::to_string)).collect())
    }

    /// Prepares a batch what-if of a plan as edited (the other plans as edited too); the job
    /// runs it and stores it like `planwright batch`.
    pub fn batch(&mut self, plan: String, request: BatchRequest) -> ApiResult<BatchJob> {
        let edited = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let plan = edited.doc.plan().id.clone();
        let scenario_path = if request.scenario_text.trim().is_empty() { self.scenario_path(&request.scenario)? } else { None };
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

    /// A scenario file of the workspace's `scenarios/` folder, as the engine reads it (every
    /// field, defaults filled in), for the window's forms.
    pub fn read_scenario(&mut self, name: String) -> ApiResult<String> {
        let path = self.scenario_path(&name)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "no scenario named"))?;
        let scenario = planwright_sim::Scenario::load(&path).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?;
        Ok(serde_json::to_string_pretty(&scenario).expect("a scenario serializes"))
    }

    /// Saves a scenario of the workspace's `scenarios/` folder (a new one or over an old one):
    /// the engine reads the text (an unknown field or a bad value is refused with where it
    /// is), then writes its canonical text atomically. Answers that text.
    pub fn save_scenario(&mut self, name: String, text: String) -> ApiResult<String> {
        let path = self.scenario_path(&name)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "a scenario needs a name"))?;
        let scenario = planwright_sim::Scenario::from_json(&text).map_err(|e| ApiError::new("scenario-invalid", e))?;
        if let Some(vary) = &scenario.vary {
            if let Some(p) = vary.timing.problem() {
                return Err(ApiError::new("scenario-invalid", p));
            }
        }
        let canonical = scenario.canonical_text();
        self.refuse_secrets(&canonical, &format!("scenario '{}'", path.file_name().and_then(|n| n.to_str()).unwrap_or_default()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ApiError::new("scenario-save-failed", format!("cannot create {}: {e}", dir.display())))?;
        }
        planwright::plan_file::write_atomic(&path, canonical.as_bytes())?;
        Ok(canonical)
    }

    /// Prepares a behavioural diff of version `from` of a plan against version `to`, or the
    /// open document when `to` is none (the other plans as edited); the job runs it.
    pub fn behaviour_diff(&mut self, plan: String, from: u64, to: Option<u64>, request: BehaviourRequest) -> ApiResult<BehaviourJob> {
        let scenario_path = self.scenario_path(&request.scenario)?;
        let edited = self.edited_workspace();
        let before = versions::load_version(&self.store_path, &plan, from)?;
        let (after_plan, to_label) = match to {
            Some(n) => (versions::load_version(&self.store_path, &plan, n)?, format!("version {n}")),
            None => (edited.plan(&plan).cloned().ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?, "the open document".to_string()),
        };
        let with = |p: m::Plan| {
            let mut ws = Workspace { root: edited.root.clone(), plans: edited.plans.clone(), schedules: edited.schedules.clone(), schedule_paths: edited.schedule_paths.clone(), problems: Vec::new() };
            let path = ws.plans.get(&p.id).map(|e| e.path.clone()).unwrap_or_else(|| ws.path_for_new(&p.id));
            ws.plans.insert(p.id.clone(), planwright::workspace::PlanEntry { path, plan: p });
            ws
        };
        Ok(BehaviourJob {
            account: self.account()?,
            before: with(before),
            after: with(after_plan),
            plan,
            from: format!("version {from}"),
            to: to_label,
            scenario_name: if request.scenario.is_empty() { "the default scenario".into() } else { request.scenario.clone() },
            scenario_path,
            request,
        })
    }

    /// The file of a scenario named by the window: none for the defaults, else a plain file
    /// name of the workspace's `scenarios/` folder (the name becomes a path, so it is checked
    /// like an id).
    fn scenario_path(&self, name: &str) -> ApiResult<Option<PathBuf>> {
        if name.is_empty() {
            return Ok(None);
        }
        let stem = name.strip_suffix(".json").unwrap_or(name);
        if let Some(why) = m::id_problem(stem) {
            return Err(ApiError::new("scenario-name-invalid", format!("scenario '{}': {why}", m::shorten(name, 80))));
        }
        Ok(Some(self.ws.root.join("scenarios").join(format!("{stem}.json"))))
    }

    /// Prepares interaction `index` of a behavioural diff's batch on the plans as edited, to
    /// store and replay on the canvas.
    pub fn simulate_example(&mut self, plan: String, request: BehaviourRequest, index: u64) -> ApiResult<ExampleJob> {
        Ok(ExampleJob {
            account: self.account()?,
            scenario_path: self.scenario_path(&request.scenario)?,
            ws: self.edited_workspace(),
            plan,
            seed: request.seed,
            index,
            store: self.store_path.clone(),
            created_at: versions::now(),
        })
    }

    /// The workspace with every open plan as edited.
    pub(crate) fn edited_workspace(&self) -> Workspace {
        let mut plans = self.ws.plans.clone();
        for (id, o) in &self.open {
            let path = self.ws.plans.get(id).map(|e| e.path.clone()).unwrap_or_else(|| self.ws.path_for_new(id));
            plans.insert(id.clone(), planwright::workspace::PlanEntry { path, plan: o.doc.plan().clone() });
        }
        Workspace { root: self.ws.root.clone(), plans, schedules: self.ws.schedules.clone(), schedule_paths: self.ws.schedule_paths.clone(), problems: Vec::new() }
    }

    /// Opens another folder of plans; the plans open in the editor are closed.
    pub fn open_workspace(&mut self, root: String) -> ApiResult<WorkspaceView> {
        self.ws = Workspace::load(Path::new(&root))?;
        self.open.clear();
        self.close_loads();
        self.record_outside_versions();
        self.workspace()
    }

    /// Reloads the workspace from disk (after another program changed it). Open plans keep
    /// their documents.
    pub fn reload_workspace(&mut self) -> ApiResult<WorkspaceView> {
        let root = self.ws.root.clone();
        self.ws = Workspace::load(&root)?;
        self.record_outside_versions();
        self.workspace()
    }

    pub fn workspace(&self) -> ApiResult<WorkspaceView> {
        Ok(WorkspaceView {
            root: self.ws.root.display().to_string(),
            plans: directory::list(&self.ws).into_iter().map(Into::into).collect(),
            schedules: schedule_directory::list(&self.ws).into_iter().map(Into::into).collect(),
            problems: self
                .ws
                .problems
                .iter()
                .map(|e| FileProblem { file: e.path().map(|p| p.display().to_string()), code: e.code().into(), message: e.to_string() })
                .collect(),
        })
    }

    pub fn catalog(&self) -> ApiResult<Vec<CatalogEntry>> {
        Ok(catalog_entries())
    }

    fn path_of(&self, id: &str) -> ApiResult<PathBuf> {
        self.ws.plans.get(id).map(|e| e.path.clone()).ok_or_else(|| planwright::Error::UnknownPlan(id.into()).into())
    }

    /// Reads a plan file as it is on disk now.
    fn read(&self, id: &str) -> ApiResult<(m::Plan, FileStamp)> {
        let path = self.path_of(id)?;
        let plan = planwright::plan_file::load_plan(&path)?;
        if plan.id != id {
            return Err(ApiError::new("plan-id-changed", format!("{} now holds plan '{}', not '{id}'", path.display(), plan.id)));
        }
        Ok((plan, stamp(&path)))
    }

    /// The diagnostics of one open plan, validated with the other open plans as edited.
    fn validate(&self, id: &str) -> Vec<planwright::Diagnostic> {
        let mut ctx = Context::of_workspace(&self.ws).with_account_keys(&self.account_keys);
        for o in self.open.values() {
            ctx = ctx.with_plan(o.doc.plan());
        }
        validate_context(&ctx, Some(id))
    }

    fn document_view(&self, id: &str) -> ApiResult<Document> {
        let o = self.open.get(id).ok_or_else(|| not_open(id))?;
        Ok(Document {
            plan: plan_view(o.doc.plan(), &self.ws.schedules),
            revision: o.doc.revision(),
            saved_revision: o.doc.saved_revision(),
            can_undo: o.doc.can_undo(),
            can_redo: o.doc.can_redo(),
            diagnostics: o.diagnostics.iter().map(Into::into).collect(),
            stamp: o.stamp.clone(),
        })
    }

    /// Opens a plan: the whole document, once. A plan already open gives its document as it is
    /// (edits included).
    pub fn open_plan(&mut self, id: String) -> ApiResult<Document> {
        if !self.open.contains_key(&id) {
            let (plan, stamp) = self.read(&id)?;
            self.ws.plans.get_mut(&id).expect("read checked it").plan = plan.clone();
            self.open.insert(id.clone(), Open { doc: Doc::open(plan), diagnostics: Vec::new(), stamp });
        }
        let diagnostics = self.validate(&id);
        self.open.get_mut(&id).expect("opened above").diagnostics = diagnostics;
        self.document_view(&id)
    }

    /// Reads an open plan's file again, after another program changed it. The file's content
    /// becomes a new state of the document, so undo brings the editor's version back.
    pub fn reload_plan(&mut self, id: String) -> ApiResult<Document> {
        if !self.open.contains_key(&id) {
            return self.open_plan(id);
        }
        let (plan, stamp) = self.read(&id)?;
        self.ws.plans.get_mut(&id).expect("read checked it").plan = plan.clone();
        let text = planwright::plan_file::plan_to_string(&plan);
        // A file another program wrote with a secret in it is not copied into the versions.
        if self.secret_in(&text).ok().flatten().is_none() {
            if let Ok(mut store) = planwright_store::Store::open(&self.store_path) {
                let _ = store.record_version(&id, &text, VersionSource::Outside, "", &versions::now());
            }
        }
        let o = self.open.get_mut(&id).expect("checked above");
        o.doc.replace(plan);
        o.doc.mark_saved();
        o.stamp = stamp;
        self.open_plan(id)
    }

    /// What a change means for the UI: the applets it names, as they are now.
    fn change_view(&mut self, id: &str, change: document::Change, revalidate: bool) -> PlanChange {
        let mut diagnostics = DiagnosticsChange::default();
        if revalidate {
            let now = self.validate(id);
            let o = self.open.get_mut(id).expect("open");
            diagnostics = diagnostics_change(&o.diagnostics, &now);
            o.diagnostics = now;
        }
        let o = &self.open[id];
        let plan = o.doc.plan();
        let view = |ids: &[String]| -> Vec<Applet> {
            if ids.is_empty() {
                return Vec::new();
            }
            let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
            plan.applets.iter().filter(|a| wanted.contains(a.id.as_str())).map(|a| applet_view(a, &self.ws.schedules)).collect()
        };
        PlanChange {
            plan: id.to_string(),
            revision: o.doc.revision(),
            saved_revision: o.doc.saved_revision(),
            can_undo: o.doc.can_undo(),
            can_redo: o.doc.can_redo(),
            added: view(&change.added),
            changed: view(&change.changed),
            removed: change.removed,
            connected: change.connected.into_iter().map(Into::into).collect(),
            disconnected: change.disconnected.into_iter().map(Into::into).collect(),
            settings: change.settings_changed.then(|| plan_settings(plan)),
            diagnostics,
            created: change.created,
            note: change.note,
        }
    }

    fn open_mut(&mut self, id: &str) -> ApiResult<&mut Open> {
        self.open.get_mut(id).ok_or_else(|| not_open(id))
    }

    /// Applies one edit to an open plan if it is still at `base_revision`, or refuses it with
    /// a code (`revision-stale` when the UI's view is behind).
    pub fn apply_edit(&mut self, plan: String, base_revision: u64, op: EditOp) -> ApiResult<PlanChange> {
        let op = op.into_op()?;
        if matches!(&op, document::Op::SetRoute { route: Some(_) }) && !self.settings.post_interaction_provisioned()? {
            return Err(ApiError::new("route-not-provisioned", NOT_PROVISIONED));
        }
        let validity = op.affects_validity();
        let Session { ws, open, .. } = self;
        let o = open.get_mut(&plan).ok_or_else(|| not_open(&plan))?;
        let change = o.doc.apply(ws, base_revision, op)?;
        let revalidate = validity && !change.is_empty();
        Ok(self.change_view(&plan, change, revalidate))
    }

    /// Goes back one state of an open plan (an empty change when there is nothing to undo).
    pub fn undo(&mut self, plan: String) -> ApiResult<PlanChange> {
        let change = self.open_mut(&plan)?.doc.undo().unwrap_or_default();
        let revalidate = !change.is_empty();
        Ok(self.change_view(&plan, change, revalidate))
    }

    /// Goes forward one undone state of an open plan.
    pub fn redo(&mut self, plan: String) -> ApiResult<PlanChange> {
        let change = self.open_mut(&plan)?.doc.redo().unwrap_or_default();
        let revalidate = !change.is_empty();
        Ok(self.change_view(&plan, change, revalidate))
    }

    /// Saves an open plan atomically to its file: the engine's document, as it is.
    /// Saves an open plan and records the save as a version (with `message`, when given).
    /// A version that cannot be recorded does not undo the save: `version_problem` says why.
    pub fn save(&mut self, plan: String, message: Option<String>) -> ApiResult<Saved> {
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let saved_plan = o.doc.plan().clone();
        // A secret typed into a property would be written to the file and into its version.
        self.refuse_secrets(&planwright::plan_file::plan_to_string(&saved_plan), &format!("plan '{plan}'"))?;
        let path = self.ws.save(saved_plan.clone())?;
        let o = self.open.get_mut(&plan).expect("checked above");
        o.doc.mark_saved();
        o.stamp = stamp(&path);
        let (saved_revision, stamp) = (o.doc.revision(), o.stamp.clone());
        let (version, version_problem) = match versions::record_save(&self.store_path, &saved_plan, VersionSource::Save, message.as_deref().unwrap_or("")) {
            Ok(v) => (v, None),
            Err(e) => (None, Some(e)),
        };
        Ok(Saved { plan: plan.clone(), saved_revision, stamp, workspace: self.workspace()?, version, version_problem })
    }

    /// Keeps the editor's version of a plan whose file another program changed: the next save
    /// overwrites the file, and until then the plan is unsaved.
    pub fn keep_edits(&mut self, plan: String) -> ApiResult<PlanChange> {
        let path = self.path_of(&plan)?;
        let o = self.open_mut(&plan)?;
        o.doc.mark_unsaved();
        o.stamp = stamp(&path);
        Ok(self.change_view(&plan, document::Change::default(), false))
    }

    /// Closes an open plan, dropping its unsaved edits and history. False when it was not open.
    pub fn close_plan(&mut self, plan: String) -> ApiResult<bool> {
        Ok(self.open.remove(&plan).is_some())
    }

    /// The open plans whose files differ from what the editor last read or wrote, and whether
    /// any of `paths` is another file of the workspace. Called by the shell's file watcher.
    pub fn disk_change(&self, paths: &[PathBuf]) -> DiskChange {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let touched: Vec<PathBuf> = paths.iter().map(|p| canon(p)).collect();
        let mut plans = Vec::new();
        let mut known = Vec::new();
        for (id, o) in &self.open {
            let Some(entry) = self.ws.plans.get(id) else { continue };
            let file = canon(&entry.path);
            known.push(file.clone());
            if touched.contains(&file) || paths.is_empty() {
                let now = stamp(&entry.path);
                let same = now.exists == o.stamp.exists && now.modified == o.stamp.modified && now.len == o.stamp.len;
                if !same {
                    plans.push(ExternalChange { plan: id.clone(), stamp: now });
                }
            }
        }
        let is_ours = |p: &Path| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".planwright-tmp"));
        let workspace_changed = touched.iter().any(|p| p.extension().is_some_and(|e| e == "json") && !is_ours(p) && !known.contains(p));
        DiskChange { plans, workspace_changed }
    }

    pub fn create_plan(&mut self, name: String, plan_type: PlanType, channel: Option<Channel>) -> ApiResult<PlanListItem> {
        let plan = directory::create(&mut self.ws, &name, plan_type.into(), channel.map(Into::into))?;
        self.item(&plan.id)
    }

    fn item(&self, id: &str) -> ApiResult<PlanListItem> {
        directory::list(&self.ws)
            .into_iter()
            .find(|s| s.id == id)
            .map(Into::into)
            .ok_or_else(|| planwright::Error::UnknownPlan(id.into()).into())
    }

    /// Renames a plan in its file. An open plan takes the new name in every state of its
    /// document (a rename is a directory action, not an undoable edit).
    pub fn rename_plan(&mut self, id: String, name: String) -> ApiResult<PlanListItem> {
        let renamed = directory::rename(&mut self.ws, &id, &name)?;
        let path = self.path_of(&id)?;
        if let Some(o) = self.open.get_mut(&id) {
            o.doc.rename(&renamed.name);
            o.stamp = stamp(&path);
        }
        self.item(&id)
    }

    pub fn duplicate_plan(&mut self, id: String) -> ApiResult<PlanListItem> {
        if let Some(p) = self.ws.plan(&id) {
            self.refuse_secrets(&planwright::plan_file::plan_to_string(p), &format!("a copy of plan '{id}'"))?;
        }
        let plan = directory::duplicate(&mut self.ws, &id)?;
        self.item(&plan.id)
    }

    /// The plans that refer to `id`, to show before a delete is confirmed.
    pub fn plan_referrers(&self, id: String) -> ApiResult<Vec<String>> {
        Ok(directory::referrers(&self.ws, &id))
    }

    /// Deletes a plan's file; an open plan is closed.
    pub fn delete_plan(&mut self, id: String) -> ApiResult<WorkspaceView> {
        directory::delete(&mut self.ws, &id)?;
        self.open.remove(&id);
        self.workspace()
    }

    /// The drawing of an open plan as edited (or of a saved plan), as SVG text: the
    /// visualisation part of the plan directory.
    pub fn plan_drawing(&self, plan: String) -> ApiResult<String> {
        let current = match self.open.get(&plan) {
            Some(o) => o.doc.plan(),
            None => self.ws.plan(&plan).ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?,
        };
        Ok(planwright::render::svg(current, &self.ws.schedules, &planwright::render::RenderOptions::default()))
    }

    /// What the Applet Manager's fields of `applet` offer as the user types: the data sources
    /// it may read (set upstream, passed in, from `scenario` — a file of `scenarios/` — and
    /// the built-ins), the formatters, the documented values of sources that have some, and
    /// the operators of each data type.
    pub fn field_offers(&self, plan: String, applet: String, scenario: Option<String>) -> ApiResult<FieldOffers> {
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let mut ctx = Context::of_workspace(&self.ws);
        for other in self.open.values() {
            ctx = ctx.with_plan(other.doc.plan());
        }
        let from_scenario: Vec<String> = match scenario.as_deref().filter(|s| !s.is_empty()) {
            Some(name) => {
                let path = self.scenario_path(name)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "no scenario named"))?;
                let s = planwright_sim::Scenario::load(&path).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?;
                s.data.keys().cloned().collect()
            }
            None => Vec::new(),
        };
        Ok(FieldOffers::new(planwright::offers::data_sources_at(&ctx, o.doc.plan(), &applet, &from_scenario), self.config_keys()?))
    }

    /// The "Set post interaction processing" control of a plan.
    pub fn route_control(&self, id: String) -> ApiResult<RouteControl> {
        let plan_type = self.ws.plan(&id).map(|p| p.plan_type).ok_or_else(|| ApiError::from(planwright::Error::UnknownPlan(id.clone())))?;
        let options: Vec<RouteOption> = directory::eligible_routes(&self.ws, &id)?.into_iter().map(Into::into).collect();
        let reason = if !self.settings.post_interaction_provisioned()? {
            Some(NOT_PROVISIONED.to_string())
        } else if plan_type == EnginePlanType::Unattended {
            Some("An Unattended plan runs after an interaction has ended, so it has no post-interaction processing of its own.".to_string())
        } else if options.is_empty() {
            Some(match plan_type {
                EnginePlanType::Message => "No Unattended plan exists yet: create one to use as the route.",
                _ => "No other Default or Unattended plan exists yet: create one to use as the route.",
            }
            .to_string())
        } else {
            None
        };
        Ok(RouteControl { enabled: reason.is_none(), reason, options })
    }

    pub fn settings(&self) -> ApiResult<AccountSettings> {
        Ok(AccountSettings {
            post_interaction_provisioned: self.settings.post_interaction_provisioned()?,
            allow_try_it: self.settings.allow_try_it()?,
            smtp: self.settings.smtp()?,
            store: self.settings.path().display().to_string(),
        })
    }

    pub fn set_provisioned(&mut self, on: bool) -> ApiResult<AccountSettings> {
        self.settings.set_post_interaction_provisioned(on)?;
        self.settings()
    }

    /// Turns "Allow Try it (network)" on or off.
    pub fn set_allow_try_it(&mut self, on: bool) -> ApiResult<AccountSettings> {
        self.settings.set_allow_try_it(on)?;
        self.settings()
    }

    /// Keeps the SMTP server for Send test; `password` none keeps the stored one.
    pub fn set_smtp(&mut self, smtp: crate::try_it::SmtpSettings, password: Option<String>) -> ApiResult<AccountSettings> {
        if smtp.port == 0 {
            return Err(ApiError::new("smtp-invalid", "the SMTP port must be from 1 to 65535"));
        }
        self.settings.set_smtp(&smtp, password.as_deref())?;
        self.settings()
    }

    fn network_allowed(&self) -> ApiResult<()> {
        if self.settings.allow_try_it()? {
            Ok(())
        } else {
            Err(ApiError::new("network-off", crate::try_it::NETWORK_OFF))
        }
    }

    /// Prepares a Data Connector's Try it: its request rendered from the open plan as edited,
    /// `$(…)` from `samples` and `#(…)` from the account; the job sends it. Refused with
    /// `network-off` unless the account allows Try it.
    pub fn try_connector(&mut self, plan: String, applet: String, samples: Vec<crate::try_it::SampleValue>) -> ApiResult<crate::try_it::ConnectorTry> {
        self.network_allowed()?;
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        crate::try_it::prepare_connector(o.doc.plan(), &applet, &samples, self.account()?)
    }

    /// Prepares a Send Email's Send test through the account's SMTP server; the job sends it.
    pub fn send_test_email(&mut self, plan: String, applet: String, samples: Vec<crate::try_it::SampleValue>) -> ApiResult<crate::try_it::EmailTry> {
        self.network_allowed()?;
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        crate::try_it::prepare_email(o.doc.plan(), &applet, &samples, self.account()?, self.settings.smtp()?, self.settings.smtp_password()?)
    }

    /// Adds a field to a Data Connector, reading `locator` into `destination` (Text), as an
    /// edit of the plan (undo takes it back).
    pub fn add_connector_field(&mut self, plan: String, applet: String, locator: String, destination: String) -> ApiResult<PlanChange> {
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let a = o.doc.plan().applet(&applet).ok_or_else(|| ApiError::new("applet-not-found", format!("plan '{plan}' has no applet '{applet}'")))?;
        let m::AppletConfig::DataConnector(p) = &a.config else {
            return Err(ApiError::new("applet-not-connector", format!("'{}' is not a Data Connector", a.label)));
        };
        if locator.trim().is_empty() {
            return Err(ApiError::new("property-required", "the field needs a locator"));
        }
        let destination = if destination.trim().is_empty() { crate::try_it::destination_for(&locator) } else { destination.trim().to_string() };
        let mut props = p.clone();
        props.fields.push(m::FieldMapping { locator: locator.trim().to_string(), destination, ..Default::default() });
        let properties = serde_json::to_value(&props).expect("properties serialize");
        let revision = o.doc.revision();
        self.apply_edit(plan, revision, EditOp::SetProperties { id: applet, properties })
    }

    /// Saves a tried answer into a scenario file of the workspace as the connector's scripted
    /// response (a new scenario when there is none of that name), written canonical. Refused
    /// with `secret-in-file` when it would hold a secret value.
    pub fn save_connector_fixture(&mut self, scenario: String, applet: String, status: u16, body: String, latency_ms: u64, response_type: String) -> ApiResult<String> {
        let path = self.scenario_path(&scenario)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "a scenario needs a name"))?;
        let mut s = if path.exists() {
            planwright_sim::Scenario::load(&path).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?
        } else {
            planwright_sim::Scenario { name: path.file_stem().and_then(|n| n.to_str()).unwrap_or_default().to_string(), ..Default::default() }
        };
        let response = crate::try_it::fixture(status, &body, latency_ms, &response_type);
        s.connectors.insert(applet, planwright_sim::scenario::OneOrMany::One(response));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        self.save_scenario(name, s.canonical_text())
    }

    /// The account's configuration keys, by name; a secret key's value is never returned.
    pub fn config_keys(&self) -> ApiResult<Vec<ConfigKey>> {
        Ok(self
            .settings
            .config_keys()?
            .into_iter()
            .map(|k| ConfigKey { value: (!k.secret).then_some(k.value), name: k.name, secret: k.secret })
            .collect())
    }

    /// Adds or changes a configuration key (`value` none keeps a key's value, to change only
    /// whether it is secret); the open plans' diagnostics follow.
    pub fn set_config_key(&mut self, name: String, value: Option<String>, secret: bool) -> ApiResult<ConfigKeysChange> {
        self.settings.set_config_key(&name, value.as_deref(), secret)?;
        self.config_keys_change()
    }

    /// Deletes a configuration key; the plans that use it are warned about at once.
    pub fn delete_config_key(&mut self, name: String) -> ApiResult<ConfigKeysChange> {
        if !self.settings.delete_config_key(&name)? {
            return Err(ApiError::new("config-key-unknown", format!("the account has no configuration key '{}'", m::shorten(&name, 80))));
        }
        self.config_keys_change()
    }

    /// The account's configuration for a simulation: every key's value, and the secret ones
    /// to mask in the records.
    pub fn account(&self) -> ApiResult<planwright_sim::Account> {
        let keys = self.settings.config_keys()?;
        Ok(planwright_sim::Account {
            secrets: keys.iter().filter(|k| k.secret).map(|k| k.value.clone()).collect(),
            config: keys.into_iter().map(|k| (k.name, k.value)).collect(),
        })
    }

    /// The keys after a change, and the open plans whose diagnostics moved.
    fn config_keys_change(&mut self) -> ApiResult<ConfigKeysChange> {
        self.account_keys = self.settings.config_keys()?.into_iter().map(|k| k.name).collect();
        let ids: Vec<String> = self.open.keys().cloned().collect();
        let mut plans = Vec::new();
        for plan in ids {
            let view = self.change_view(&plan, document::Change::default(), true);
            if !view.diagnostics.added.is_empty() || !view.diagnostics.removed.is_empty() {
                plans.push(view);
            }
        }
        Ok(ConfigKeysChange { keys: self.config_keys()?, plans })
    }

    /// Refuses text bound for a file that holds the value of a secret configuration key (as
    /// written, or escaped as JSON writes it), naming the key, never the value.
    pub fn refuse_secrets(&self, text: &str, what: &str) -> ApiResult<()> {
        match self.secret_in(text)? {
            Some(name) => Err(ApiError::new(
                "secret-in-file",
                format!("{what} would hold the value of the secret configuration key '{name}': write #({name}) where it is needed, or leave it to the account"),
            )),
            None => Ok(()),
        }
    }

    /// The name of the secret configuration key whose value `text` holds (as written, or
    /// escaped as JSON and XML write it), if any.
    fn secret_in(&self, text: &str) -> ApiResult<Option<String>> {
        for k in self.settings.config_keys()?.into_iter().filter(|k| k.secret && !k.value.is_empty()) {
            let json = serde_json::to_string(&k.value).expect("a string serializes");
            let json = &json[1..json.len() - 1];
            let xml = planwright::render::xml_escape(&k.value);
            if text.contains(&k.value) || text.contains(json) || text.contains(xml.as_str()) {
                return Ok(Some(k.name));
            }
        }
        Ok(None)
    }
}

/// The schedule editor: the schedules of the workspace, checked as they are typed and saved
/// atomically. After every change the open plans follow: each Schedule Router that uses the
/// schedule gets its exits derived again, and every open plan its diagnostics, sent back as
/// [`PlanChange`]s for the window to apply like an edit's.
impl Session {
    /// The schedules of the workspace, by name.
    pub fn schedules(&self) -> ApiResult<Vec<ScheduleItem>> {
        Ok(schedule_directory::list(&self.ws).into_iter().map(Into::into).collect())
    }

    /// A schedule with its findings and the routers that use it.
    pub fn schedule(&self, id: String) -> ApiResult<ScheduleView> {
        let s = self.ws.schedules.get(&id).ok_or_else(|| ApiError::from(planwright::Error::UnknownSchedule(m::shorten(&id, 80).into_owned())))?;
        Ok(self.schedule_view(s))
    }

    fn schedule_view(&self, s: &planwright::schedule::Schedule) -> ScheduleView {
        ScheduleView {
            schedule: s.into(),
            file: self.ws.schedule_path(&s.id).display().to_string(),
            statuses: s.statuses(),
            findings: s.problems().iter().map(Into::into).collect(),
            users: self.users_of(&s.id),
        }
    }

    /// The Schedule Routers of every plan, the open ones as edited, that use schedule `id`.
    fn users_of(&self, id: &str) -> Vec<ScheduleUser> {
        let edited = self.edited_workspace();
        schedule_directory::users(edited.plans.values().map(|e| &e.plan), id).into_iter().map(Into::into).collect()
    }

    /// The routers that use a schedule, to show before a delete is confirmed.
    pub fn schedule_users(&self, id: String) -> ApiResult<Vec<ScheduleUser>> {
        Ok(self.users_of(&id))
    }

    /// The findings of a schedule as the editor holds it; nothing is written.
    pub fn check_schedule(&self, schedule: Schedule) -> ApiResult<Vec<ScheduleFinding>> {
        Ok(match schedule.to_engine() {
            Ok(s) => s.problems().iter().map(Into::into).collect(),
            Err(findings) => findings,
        })
    }

    /// Saves an edited schedule atomically over its file; refused while it has findings.
    pub fn save_schedule(&mut self, schedule: Schedule) -> ApiResult<SchedulesChange> {
        let engine = schedule.to_engine().map_err(|f| ApiError::new("schedule-has-problems", format!("the schedule cannot be saved: {}", f[0].message)))?;
        let saved = schedule_directory::save(&mut self.ws, engine)?;
        self.schedules_change(Some(&saved.id))
    }

    /// Creates and saves an empty schedule (UTC, Closed all week).
    pub fn create_schedule(&mut self, name: String) -> ApiResult<SchedulesChange> {
        let s = schedule_directory::create(&mut self.ws, &name)?;
        self.schedules_change(Some(&s.id))
    }

    /// Renames a schedule; its id, which routers use, stays.
    pub fn rename_schedule(&mut self, id: String, name: String) -> ApiResult<SchedulesChange> {
        let s = schedule_directory::rename(&mut self.ws, &id, &name)?;
        self.schedules_change(Some(&s.id))
    }

    /// Saves a copy of a schedule under a fresh id.
    pub fn duplicate_schedule(&mut self, id: String) -> ApiResult<SchedulesChange> {
        let s = schedule_directory::duplicate(&mut self.ws, &id)?;
        self.schedules_change(Some(&s.id))
    }

    /// Deletes a schedule's file; the routers that used it get `schedule-unknown`.
    pub fn delete_schedule(&mut self, id: String) -> ApiResult<SchedulesChange> {
        schedule_directory::delete(&mut self.ws, &id)?;
        self.schedules_change(None)
    }

    /// Every IANA time zone this build knows, for the editor's searchable field.
    pub fn time_zones(&self) -> ApiResult<Vec<String>> {
        Ok(planwright::schedule::time_zone_names().into_iter().map(str::to_string).collect())
    }

    /// The answer to a change of the schedules: the schedule, the workspace, and what changed
    /// in each open plan. Any open plan may change (a router of another schedule does not, but
    /// its diagnostics are checked again all the same; only plans where something differs are
    /// sent).
    fn schedules_change(&mut self, id: Option<&str>) -> ApiResult<SchedulesChange> {
        let ids: Vec<String> = self.open.keys().cloned().collect();
        let mut plans = Vec::new();
        for plan in ids {
            let routers: Vec<String> = self.open[&plan]
                .doc
                .plan()
                .applets
                .iter()
                .filter(|a| matches!(&a.config, m::AppletConfig::ScheduleRouter(_)))
                .map(|a| a.id.clone())
                .collect();
            let change = document::Change { changed: routers, ..Default::default() };
            let view = self.change_view(&plan, change, true);
            if !view.changed.is_empty() || !view.diagnostics.added.is_empty() || !view.diagnostics.removed.is_empty() {
                plans.push(view);
            }
        }
        let schedule = id.and_then(|id| self.ws.schedules.get(id)).map(|s| self.schedule_view(s));
        Ok(SchedulesChange { schedule, workspace: self.workspace()?, plans })
    }
}

/// Why the Set control is unavailable on an account without the feature.
pub const NOT_PROVISIONED: &str =
    "Post interaction processing is not provisioned for this account, so the Set post interaction processing control is unavailable. Ask your account administrator to enable it.";
