//! Simulating from the canvas: the panel's scenario (typed; its quick fields read by `parse_scenario`), the engine's
//! simulator runs the edited plan (unsaved edits included) in its workspace, and the run is
//! stored in the SQLite run store. The trace comes back for the canvas and the step list.

use crate::dto::{ApiError, ApiResult};
use crate::jobs::Job;
use planwright::Workspace;
use std::path::PathBuf;
use planwright_sim::{RunRecord, Scenario, Simulation};
use planwright_store::{RunMeta, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use crate::session::Session;
use crate::session::not_open;

/// The interaction the panel describes: a scenario (its quick fields and the scenario library
/// both edit one, typed text going through `parse_scenario`), optionally made to a destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SimRequest {
    pub scenario: Scenario,
    /// Start from a destination (a number or API address): the plan its winning mapping
    /// reaches runs, with Dialed Number the address and the starting data sources of the
    /// destination, mapping and plan (each name the scenario does not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub destination: Option<String>,
    /// With a destination: where the interaction comes from (its CLID); a source the mapping
    /// lists makes it a test interaction, to the testing plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source: Option<String>,
}

/// The engine's default interaction (`Scenario::default()`): its CLID, Dialed Number, language
/// and start; no outcome, scripts or destination.
impl Default for SimRequest {
    fn default() -> SimRequest {
        SimRequest { scenario: Scenario::default(), destination: None, source: None }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DataValue {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TraceStep {
    pub seq: u32,
    pub phase: String,
    pub plan: String,
    pub applet: String,
    pub kind: String,
    pub exit: Option<String>,
    pub at: String,
    pub note: String,
    /// Data sources this step set.
    pub changes: Vec<DataValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SentMessage {
    pub step: u32,
    pub channel: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConnectorCallView {
    pub step: u32,
    pub applet: String,
    pub method: String,
    pub url: String,
    pub result: String,
    pub status: Option<u16>,
}

/// A finished simulated run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SimRun {
    /// The id in the run store.
    pub run_id: i64,
    pub store: String,
    pub plan: String,
    pub outcome: Option<String>,
    pub end_code: String,
    pub end_message: String,
    pub duration_ms: i64,
    /// The data sources present at the start (built-ins from the scenario).
    pub initial: Vec<DataValue>,
    pub steps: Vec<TraceStep>,
    pub outbox: Vec<SentMessage>,
    pub connector_calls: Vec<ConnectorCallView>,
    /// Every data source at the end.
    pub data: Vec<DataValue>,
    /// The data sources set when the interaction ended (InteractionOutcome, unless the plan set
    /// it): what a post-interaction route receives before its first step.
    pub ended_with: Vec<DataValue>,
    /// Where the interaction went when it started from a destination, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub route: Option<planwright::destination::Resolution>,
}

/// A simulation prepared from the session: the workspace as edited (open plans as they are),
/// the plan to run, the request, and the run store. It runs as a job, without the session.
pub struct SimJob {
    pub ws: Workspace,
    pub plan: String,
    pub request: SimRequest,
    pub store: PathBuf,
    /// When the run was asked for (read at the command boundary).
    pub created_at: String,
    /// The account's configuration keys (`#(Key)` values; secrets masked in the record).
    pub account: planwright_sim::Account,
    /// The resolution of the request's destination, when it starts from one.
    pub route: Option<planwright::destination::Resolution>,
}

impl SimJob {
    /// Runs the plan and stores the run, reporting each phase; stops before storing when the
    /// job is cancelled.
    pub fn run(self, job: &Job) -> ApiResult<SimRun> {
        job.progress("preparing", 0, 3);
        let mut scenario = self.request.scenario.clone();
        if let Some(r) = &self.route {
            if let Some(s) = r.source.as_ref().filter(|s| !s.trim().is_empty()) {
                scenario.clid = s.trim().to_string();
            }
            scenario.destination = Some(r.address.clone());
        }
        // Made to a destination, the simulation resolves it again (the same files, read once
        // more) and arrives there: Dialed Number, the starting data sources, the run's route.
        // A scenario that names a destination starts there too, wherever it leads.
        let from_destination = scenario.destination.as_deref().is_some_and(|d| !d.trim().is_empty());
        let sim = Simulation::for_scenario(&self.ws, (!from_destination).then_some(self.plan.as_str()), scenario, self.account.clone())
            .map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        let scenario = sim.scenario.clone();
        let scenario_json = self.account.mask(&serde_json::to_string(&scenario).expect("a scenario serializes"));
        let initial: Vec<DataValue> = [
            DataValue { name: "CLID".into(), value: Some(scenario.clid.clone()) },
            DataValue { name: "Dialed Number".into(), value: Some(scenario.dialed_number.clone()) },
            DataValue { name: "Language".into(), value: Some(scenario.language.clone()) },
            DataValue { name: "InteractionOutcome".into(), value: scenario.outcome.clone() },
        ]
        .into_iter()
        .chain(scenario.data.iter().map(|(name, value)| DataValue { name: name.clone(), value: Some(value.clone()) }))
        .collect();
        job.check()?;
        job.progress("running", 1, 3);
        let (record, _) = sim.simulate();
        job.check()?;
        job.progress("storing", 2, 3);
        let mut store = Store::open(&self.store).map_err(crate::versions::store_error)?;
        let run_id = store
            .insert_run(&record, &RunMeta { batch_id: None, scenario_json: Some(scenario_json), created_at: self.created_at })
            .map_err(crate::versions::store_error)?;
        job.progress("stored", 3, 3);
        Ok(view(record, run_id, store.path().to_string(), initial))
    }
}

pub(crate) fn view(r: RunRecord, run_id: i64, store: String, initial: Vec<DataValue>) -> SimRun {
    SimRun {
        run_id,
        store,
        plan: r.plan,
        outcome: r.outcome,
        end_code: r.end_reason.code,
        end_message: r.end_reason.message,
        duration_ms: r.duration_ms,
        initial,
        steps: r
            .steps
            .into_iter()
            .map(|s| TraceStep {
                seq: s.seq,
                phase: s.phase.as_str().to_string(),
                plan: s.plan,
                applet: s.applet,
                kind: s.kind,
                exit: s.exit,
                at: s.at.to_rfc3339(),
                note: s.note,
                changes: s.changes.into_iter().map(|c| DataValue { name: c.name, value: c.value }).collect(),
            })
            .collect(),
        outbox: r
            .outbox
            .into_iter()
            .map(|m| SentMessage { step: m.step, channel: m.channel, to: m.to, subject: m.subject, body: m.body })
            .collect(),
        connector_calls: r
            .connector_calls
            .into_iter()
            .map(|c| ConnectorCallView { step: c.step, applet: c.applet, method: c.method, url: c.url, result: c.result, status: c.status })
            .collect(),
        data: r.data.into_iter().map(|(name, value)| DataValue { name, value: Some(value) }).collect(),
        ended_with: r.ended_with.into_iter().map(|c| DataValue { name: c.name, value: c.value }).collect(),
        route: r.route,
    }
}

/// The commands of this feature.
impl Session {
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
}
