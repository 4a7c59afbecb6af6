//! The behavioural diff in the desktop: the same seeded batch on two versions of a plan (a
//! recorded version, or the open document), run as a job with progress and cancel. The other
//! plans are as edited. Answers which interactions the change sends elsewhere, grouped by the
//! first step where their paths part, with an example of each shown both ways.

use crate::dto::*;
use crate::jobs::Job;
use planwright::Workspace;
use planwright_sim::behaviour::{behaviour_diff, PathStep};
pub use planwright_sim::behaviour::{CountChange, ExitCountChange, SamePathChange};
use planwright_sim::{Control, Scenario, Simulation, Stats};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use ts_rs::TS;
use crate::session::Session;
use crate::versions;
use planwright::model as m;

/// What to run on both versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BehaviourRequest {
    /// A scenario file of the workspace's `scenarios/` folder, by name (`voice-orders-
    /// distribution.json`); empty for the documented defaults.
    pub scenario: String,
    /// Interactions per version.
    pub n: u64,
    pub seed: u64,
}

/// Interactions whose paths part at the same step the same way, with the first of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PathSplit {
    /// The 1-based step where the paths first differ.
    pub step: u32,
    /// That step before and after the change (`plan/applet → exit`); none where the run ended.
    pub before: Option<String>,
    pub after: Option<String>,
    pub interactions: u64,
    /// The example interaction's index in the batch, and its path both ways.
    pub example: u64,
    pub example_before: Vec<String>,
    pub example_after: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BehaviourView {
    pub plan: String,
    pub from: String,
    pub to: String,
    pub scenario: String,
    pub interactions: u64,
    pub seed: u64,
    /// Whether any interaction behaves differently.
    pub changed: bool,
    pub outcomes: Vec<CountChange>,
    pub end_reasons: Vec<CountChange>,
    /// The exits whose counts changed.
    pub changed_exits: Vec<ExitCountChange>,
    pub paths_differ: u64,
    pub splits: Vec<PathSplit>,
    pub same_path: Vec<SamePathChange>,
}

/// A behavioural diff prepared from the session (both workspaces built under the lock).
pub struct BehaviourJob {
    /// The account's configuration keys, the same on both sides.
    pub account: planwright_sim::Account,
    pub before: Workspace,
    pub after: Workspace,
    pub plan: String,
    pub from: String,
    pub to: String,
    pub scenario_name: String,
    pub scenario_path: Option<PathBuf>,
    pub request: BehaviourRequest,
}

fn show(p: &Option<PathStep>) -> Option<String> {
    p.as_ref().map(ToString::to_string)
}

/// The most interactions a diff runs per version.
pub const MAX_INTERACTIONS: u64 = 1_000_000;

impl BehaviourJob {
    pub fn run(self, job: &Job) -> ApiResult<BehaviourView> {
        let scenario = match &self.scenario_path {
            None => Scenario::default(),
            Some(p) => Scenario::load(p).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?,
        };
        let sim = |ws: &Workspace| Simulation::with_account(ws, &self.plan, scenario.clone(), self.account.clone()).map_err(|e| ApiError::new(e.code(), e.to_string()));
        let (a, b) = (sim(&self.before)?, sim(&self.after)?);
        let n = self.request.n.clamp(1, MAX_INTERACTIONS);
        let control = Control::default();
        let diff = std::thread::scope(|scope| {
            let worker = scope.spawn(|| behaviour_diff(&a, &b, n, self.request.seed, 0, &control));
            while !worker.is_finished() {
                std::thread::sleep(std::time::Duration::from_millis(50));
                job.progress("running", control.done.load(Ordering::Relaxed), n);
                if job.is_cancelled() {
                    control.cancel.store(true, Ordering::Relaxed);
                }
            }
            worker.join().expect("the diff worker does not panic")
        });
        job.check()?;
        job.progress("done", diff.interactions, n);
        let path_of = |s: &Simulation, index: u64, from: u32| -> Vec<String> {
            let run = s.run_traced(&s.instance(self.request.seed, index), &mut Default::default(), &mut Stats::new(&s.program));
            run.steps.iter().skip(from.saturating_sub(2) as usize).take(5).map(|st| PathStep { plan: st.plan.clone(), applet: st.applet.clone(), exit: st.exit.clone() }.to_string()).collect()
        };
        Ok(BehaviourView {
            plan: self.plan.clone(),
            from: self.from,
            to: self.to,
            scenario: self.scenario_name,
            interactions: diff.interactions,
            seed: diff.seed,
            changed: diff.changed(),
            outcomes: diff.outcomes.clone(),
            end_reasons: diff.end_reasons.clone(),
            changed_exits: diff
                .changed_exits()
                .cloned()
                .collect(),
            paths_differ: diff.paths_differ,
            splits: diff
                .splits
                .iter()
                .take(50)
                .map(|s| PathSplit {
                    step: s.step,
                    before: show(&s.before),
                    after: show(&s.after),
                    interactions: s.interactions,
                    example: s.example,
                    example_before: path_of(&a, s.example, s.step),
                    example_after: path_of(&b, s.example, s.step),
                })
                .collect(),
            same_path: diff.same_path.clone(),
        })
    }
}

/// One interaction of a behavioural diff's batch, run again on the plans as edited and stored,
/// so the window can replay it on the canvas (an example of a split).
pub struct ExampleJob {
    /// The account's configuration keys (secrets masked in the record).
    pub account: planwright_sim::Account,
    pub ws: Workspace,
    pub plan: String,
    pub scenario_path: Option<PathBuf>,
    pub seed: u64,
    pub index: u64,
    pub store: PathBuf,
    pub created_at: String,
}

impl ExampleJob {
    pub fn run(self, job: &Job) -> ApiResult<crate::simulate::SimRun> {
        job.progress("running", 0, 2);
        let scenario = match &self.scenario_path {
            None => Scenario::default(),
            Some(p) => Scenario::load(p).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?,
        };
        let sim = Simulation::with_account(&self.ws, &self.plan, scenario.clone(), self.account.clone()).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        let inst = sim.instance(self.seed, self.index);
        let record = sim.run_traced(&inst, &mut Default::default(), &mut Stats::new(&sim.program));
        job.check()?;
        let initial = vec![
            crate::simulate::DataValue { name: "CLID".into(), value: Some(record.data.get("CLID").cloned().unwrap_or_else(|| scenario.clid.clone())) },
            crate::simulate::DataValue { name: "Dialed Number".into(), value: Some(scenario.dialed_number.clone()) },
            crate::simulate::DataValue { name: "Language".into(), value: record.data.get("Language").cloned() },
        ];
        let mut store = planwright_store::Store::open(&self.store).map_err(crate::versions::store_error)?;
        let scenario_json = self.account.mask(&serde_json::to_string(&scenario).expect("a scenario serializes"));
        let run_id = store
            .insert_run(&record, &planwright_store::RunMeta { batch_id: None, scenario_json: Some(scenario_json), created_at: self.created_at })
            .map_err(crate::versions::store_error)?;
        job.progress("stored", 2, 2);
        Ok(crate::simulate::view(record, run_id, store.path().to_string(), initial))
    }
}

/// The commands of this feature.
impl Session {
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
}
