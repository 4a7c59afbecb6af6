//! `planwright simulate`: one interaction, its step trace, stored as a run.
//!
//! Also the helpers the batch and runs commands share: finding the plan, reading the
//! scenario, opening the store, and the wall clock (read here, at the command boundary, and
//! only to stamp when a run was stored).

use crate::runs_cmd::print_run;
use crate::Format;
use planwright::Workspace;
use planwright_sim::{Scenario, Simulation};
use planwright_store::{RunMeta, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `simulate` and `batch` run: a plan (or a destination) and a scenario.
#[derive(clap::Args)]
pub struct PlanArgs {
    /// A plan id in the plans folder, or the path of a plan file (its folder is the workspace).
    /// Left out with --destination (or a scenario naming a destination): the plan the
    /// destination's winning mapping reaches.
    pub plan: Option<String>,
    /// Start from a destination (a number or API address): the mapping that wins decides the
    /// plan, the interaction starts with the destination's, mapping's and plan's data sources,
    /// and Dialed Number is the address.
    #[arg(long, conflicts_with = "plan")]
    pub destination: Option<String>,
    /// With --destination: where the interaction comes from (its CLID); a source the mapping
    /// lists makes it a test interaction, to the testing plan.
    #[arg(long = "from", requires = "destination")]
    pub source: Option<String>,
    /// The scenario file (JSON). Without it, the documented defaults apply; with a `vary`
    /// section it is a distribution.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// The plans folder, for a plan given by id.
    #[arg(long, default_value = "plans")]
    pub plans: PathBuf,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub target: PlanArgs,
    /// Fix the InteractionOutcome (unscripted queues follow it), e.g. Delivered, HangUpInQueue.
    #[arg(long)]
    pub outcome: Option<String>,
    /// The caller's number.
    #[arg(long)]
    pub clid: Option<String>,
    /// The start time, RFC 3339 with an offset, e.g. 2026-01-05T10:00:00+00:00.
    #[arg(long)]
    pub start: Option<String>,
    /// The seed (Call Guid, and draws from a distribution scenario).
    #[arg(long)]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Do not store the run.
    #[arg(long)]
    pub no_store: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(clap::Args, Clone)]
pub struct StoreArgs {
    /// The run store file (default: runs.sqlite3 in the platform data directory).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
}

impl StoreArgs {
    pub fn open(&self) -> Result<Store, String> {
        let path = match &self.db {
            Some(p) => p.clone(),
            None => planwright_store::default_path().ok_or("no platform data directory: pass --db PATH")?,
        };
        Store::open(&path).map_err(|e| e.to_string())
    }
}

/// The wall-clock time, to stamp stored runs and batches.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The workspace and the plan named, if any. `--destination` and `--from` go into the
/// scenario (its destination, and the source as CLID): the simulation then starts from the
/// destination ([`Simulation::for_scenario`]), as it does for a scenario file that names one.
pub fn target(t: &PlanArgs, scenario: &mut Scenario) -> Result<(Workspace, Option<String>), String> {
    if let Some(address) = &t.destination {
        scenario.destination = Some(address.clone());
    }
    if let Some(s) = &t.source {
        scenario.clid = s.clone();
    }
    match &t.plan {
        Some(plan) => load_plan(plan, &t.plans).map(|(ws, id)| (ws, Some(id))),
        None if scenario.destination.is_some() || scenario.vary.as_ref().is_some_and(|v| !v.destinations.is_empty()) => {
            Ok((Workspace::load(&t.plans).map_err(|e| e.to_string())?, None))
        }
        None => Err("name a plan, or a destination (--destination, or the scenario's destination or vary.destinations)".into()),
    }
}

/// Loads the workspace and finds the plan: a file path, or an id in `plans`.
pub fn load_plan(plan: &str, plans: &Path) -> Result<(Workspace, String), String> {
    let as_path = Path::new(plan);
    if as_path.is_file() {
        let root = as_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let ws = Workspace::load(root).map_err(|e| e.to_string())?;
        let id = ws.plan_at(as_path).map(|p| p.id.clone()).ok_or_else(|| {
            let why = ws.problems.iter().find(|p| p.path().is_some_and(|f| f.ends_with(as_path.file_name().unwrap_or_default())));
            match why {
                Some(e) => e.to_string(),
                None => format!("{plan}: not a plan file"),
            }
        })?;
        return Ok((ws, id));
    }
    let ws = Workspace::load(plans).map_err(|e| e.to_string())?;
    if ws.plan(plan).is_none() {
        let known: Vec<&str> = ws.plans.keys().map(String::as_str).collect();
        return Err(format!("no plan '{plan}' in {} (plans: {})", plans.display(), known.join(", ")));
    }
    Ok((ws, plan.to_string()))
}

pub fn load_scenario(path: Option<&Path>) -> Result<Scenario, String> {
    match path {
        Some(p) => Scenario::load(p).map_err(|e| e.to_string()),
        None => Ok(Scenario::default()),
    }
}

pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

pub fn run(args: Args) -> ExitCode {
    let mut scenario = match load_scenario(args.target.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Some(o) = args.outcome {
        scenario.outcome = Some(o);
    }
    if let Some(c) = args.clid {
        scenario.clid = c;
    }
    let (ws, plan) = match target(&args.target, &mut scenario) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    if let Some(s) = args.start {
        match chrono::DateTime::parse_from_rfc3339(&s) {
            Ok(t) => scenario.start = t,
            Err(e) => return fail(format!("--start {s}: {e}")),
        }
    }
    if let Some(s) = args.seed {
        scenario.seed = s;
    }
    let sim = match Simulation::for_scenario(&ws, plan.as_deref(), scenario, Default::default()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let scenario_json = serde_json::to_string(&sim.scenario).expect("a scenario serializes");
    let routed = sim.route.clone();
    let (record, _) = sim.simulate();
    let id = if args.no_store {
        None
    } else {
        let stored = args.store.open().and_then(|mut store| {
            store
                .insert_run(&record, &RunMeta { batch_id: None, scenario_json: Some(scenario_json), created_at: now() })
                .map_err(|e| e.to_string())
        });
        match stored {
            Ok(id) => Some(id),
            Err(e) => return fail(e),
        }
    };
    match args.format {
        Format::Json => {
            let out = serde_json::json!({"id": id, "route": routed, "run": record});
            println!("{}", serde_json::to_string_pretty(&out).expect("a run serializes"));
        }
        Format::Text => {
            if let Some(r) = &routed {
                crate::route_cmd::print_resolution(r);
            }
            print_run(&record, id)
        }
    }
    ExitCode::SUCCESS
}
