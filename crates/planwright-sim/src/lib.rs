//! # Planwright simulator
//!
//! Offline, deterministic simulation of interaction plans: a [`Scenario`] describes one
//! interaction (or, with `vary`, a distribution of them), [`Simulation`] compiles a workspace
//! of plans with it, and [`interp::run`] walks the plans. The start time and the seed are
//! inputs: nothing here reads the system clock or global randomness, sleeps, or does I/O
//! beyond reading the scenario file.
//!
//! - [`scenario`]: scenario files, their defaults, and distribution scenarios;
//! - [`arrival`]: interactions made to a destination, which decides their plan;
//! - [`program`]: plans compiled into an index-based form;
//! - [`interp`]: the interpreter and the runtime semantics of every applet;
//! - [`batch`]: many interactions in parallel, identical for any thread count;
//! - [`stats`]: mergeable counters and the named [`Report`] with coverage;
//! - [`record`]: the full trace of a run, as stored and printed;
//! - [`export`]: a batch's results as JSON and CSV files, the same from the CLI and the app.

pub mod account;
pub mod arrival;
pub mod batch;
pub mod behaviour;
pub mod export;
pub mod interp;
pub mod load;
pub mod plan_test;
pub mod program;
pub mod record;
pub mod rng;
pub mod scenario;
pub mod stats;
pub mod template;

pub use account::Account;
pub use batch::{run_batch, BatchConfig, BatchResult, Control, KeepRuns};
pub use record::RunRecord;
pub use scenario::{Scenario, ScenarioError};
pub use stats::{Report, Stats};

use interp::{Instance, State, Trace};
use planwright::model::{Channel, PlanType};
use planwright::Workspace;
use program::{Program, Sym};
use rng::Rng;
use scenario::Weighted;
use std::sync::Arc;

/// Why a simulation cannot start.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum SimError {
    #[error("no plan with id '{id}' in the workspace; plans: {known}")]
    UnknownPlan { id: String, known: String },
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A destination or mapping file that cannot be read.
    #[error("{path}: {why}")]
    Routing { path: String, why: String },
    /// An interaction made to an address that reaches no plan.
    #[error("{address}: {why}")]
    Unrouted { address: String, why: String },
    /// The scenario names a destination, and it reaches another plan than the one asked for.
    #[error("{address} reaches plan '{reached}', not '{asked}' ({why})")]
    ReachesOtherPlan { address: String, reached: String, asked: String, why: String },
}

impl SimError {
    pub fn code(&self) -> &'static str {
        match self {
            SimError::UnknownPlan { .. } => "unknown-plan",
            SimError::Scenario(_) => "scenario-invalid",
            SimError::Routing { .. } => "routing-unreadable",
            SimError::Unrouted { .. } => "destination-unmapped",
            SimError::ReachesOtherPlan { .. } => "destination-reaches-other-plan",
        }
    }
}

struct Weights<T> {
    items: Vec<T>,
    cumulative: Vec<f64>,
}

impl<T> Weights<T> {
    fn new<U>(list: &[Weighted<U>], f: impl Fn(&U) -> T) -> Result<Weights<T>, ScenarioError> {
        let mut total = 0.0;
        let mut cumulative = Vec::new();
        for w in list {
            if !(w.weight >= 0.0 && w.weight.is_finite()) {
                return Err(ScenarioError::Invalid(format!("weight {} is not a finite, non-negative number", w.weight)));
            }
            total += w.weight;
            cumulative.push(total);
        }
        if !list.is_empty() && total <= 0.0 {
            return Err(ScenarioError::Invalid("every weight of a list is 0".into()));
        }
        Ok(Weights { items: list.iter().map(|w| f(&w.value)).collect(), cumulative })
    }

    /// Draws one item; an empty list draws nothing (and uses no randomness).
    fn pick(&self, rng: &mut Rng) -> Option<&T> {
        let total = *self.cumulative.last()?;
        let u = rng.unit() * total;
        let i = self.cumulative.iter().position(|c| u < *c).unwrap_or(self.items.len() - 1);
        Some(&self.items[i])
    }
}

struct Variation {
    outcomes: Weights<Option<Arc<str>>>,
    languages: Weights<Arc<str>>,
    channels: Weights<Channel>,
    windows: Weights<(i64, i64)>,
    clids: Weights<String>,
    data: Vec<(Sym, Weights<Arc<str>>)>,
    thresholds: Option<[f64; 3]>,
    timing: Option<Arc<scenario::Timing>>,
    /// Destinations drawn per interaction, each with its entry plans.
    destinations: Weights<u32>,
}

/// A destination of a batch's distribution, with the entry plan of each of its resolutions.
struct DrawnArrival {
    arrival: arrival::Arrival,
    production_entry: u32,
    testing_entry: Option<u32>,
}

/// A workspace compiled with a scenario, ready to simulate from one entry plan.
pub struct Simulation {
    pub program: Program,
    pub entry: u32,
    pub scenario: Scenario,
    /// Hash of the plans and schedules the entry plan can reach.
    pub plan_hash: String,
    base: Instance,
    variation: Option<Variation>,
    /// The account's configuration keys; its secret values are masked in every record.
    account: Account,
    /// How the interaction reached the plan, when the scenario names a destination.
    pub route: Option<planwright::destination::Resolution>,
    /// The destinations a distribution weights (see [`scenario::Variation::destinations`]).
    arrivals: Vec<DrawnArrival>,
}

fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= *b as u64;
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

impl Simulation {
    pub fn new(ws: &Workspace, plan_id: &str, scenario: Scenario) -> Result<Simulation, SimError> {
        Simulation::with_account(ws, plan_id, scenario, Account::default())
    }

    /// A simulation of `scenario` entering `plan`, or, when the scenario names a destination,
    /// the plan that destination reaches (then `plan`, when given, must be that plan) with the
    /// interaction arrived there ([`arrival::arrive`]); `route` keeps how it got there.
    pub fn for_scenario(ws: &Workspace, plan: Option<&str>, mut scenario: Scenario, account: Account) -> Result<Simulation, SimError> {
        let route = arrival::arrive(ws, &mut scenario)?;
        let entry = match (&route, plan) {
            (Some(r), Some(asked)) if r.plan.as_deref() != Some(asked) => {
                return Err(SimError::ReachesOtherPlan {
                    address: r.address.trim().to_string(),
                    reached: r.plan.clone().unwrap_or_default(),
                    asked: asked.to_string(),
                    why: r.reasons.join("; "),
                })
            }
            (Some(r), _) => r.plan.clone().unwrap_or_default(),
            (None, Some(p)) => p.to_string(),
            (None, None) => match scenario.vary.as_ref().and_then(|v| v.destinations.first()) {
                // A batch over destinations enters where its first destination does; each
                // interaction then draws its own.
                Some(first) => {
                    let routing = arrival::routing(ws)?;
                    arrival::resolve(&arrival::plans_of(ws), &planwright::destination::Index::new(&routing), &first.value, None)?.plan.unwrap_or_default()
                }
                None => return Err(SimError::UnknownPlan { id: String::new(), known: ws.plans.keys().cloned().collect::<Vec<_>>().join(", ") }),
            },
        };
        let mut sim = Simulation::with_account(ws, &entry, scenario, account)?;
        sim.route = route;
        Ok(sim)
    }

    /// A simulation that reads `#(Key)` placeholders from the account's configuration keys,
    /// under the scenario's own `config` (the scenario wins). A key in neither takes Interface
    /// Failure, as without an account. The account's secret values never appear in a record.
    pub fn with_account(ws: &Workspace, plan_id: &str, scenario: Scenario, account: Account) -> Result<Simulation, SimError> {
        // The destinations a distribution weights, resolved once (their data sources' names
        // are compiled in with the scenario's own).
        let mut drawn = Vec::new();
        if let Some(v) = scenario.vary.as_ref().filter(|v| !v.destinations.is_empty()) {
            let routing = arrival::routing(ws)?;
            let index = planwright::destination::Index::new(&routing);
            let plans = arrival::plans_of(ws);
            for d in &v.destinations {
                drawn.push(arrival::Arrival::new(&plans, &routing, &index, &d.value)?);
            }
        }
        let mut compiled = scenario.clone();
        if !account.config.is_empty() {
            compiled.config = account.merged(&scenario.config);
        }
        for a in &drawn {
            let resolutions = std::iter::once(&a.production).chain(a.testing.as_ref().map(|(_, r)| r));
            for v in resolutions.flat_map(|r| &r.data_sources) {
                compiled.data.entry(v.name.clone()).or_default();
            }
        }
        let program = Program::compile(ws, &compiled)?;
        let entry_of = |plan_id: &str| match program.plan_index.get(plan_id) {
            Some(&e) => Ok(e),
            None => Err(SimError::UnknownPlan { id: plan_id.to_string(), known: ws.plans.keys().cloned().collect::<Vec<_>>().join(", ") }),
        };
        let entry = entry_of(plan_id)?;
        let mut arrivals = Vec::new();
        for arrival in drawn {
            let production_entry = entry_of(arrival.production.plan.as_deref().unwrap_or_default())?;
            let testing_entry = match &arrival.testing {
                Some((_, r)) => Some(entry_of(r.plan.as_deref().unwrap_or_default())?),
                None => None,
            };
            arrivals.push(DrawnArrival { arrival, production_entry, testing_entry });
        }
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        let mut reach = stats::reachable_plans(&program, entry);
        for a in &arrivals {
            for e in std::iter::once(a.production_entry).chain(a.testing_entry) {
                reach.extend(stats::reachable_plans(&program, e));
            }
        }
        let mut ids: Vec<u32> = reach.into_iter().collect();
        ids.sort_by(|a, b| program.plans[*a as usize].id.cmp(&program.plans[*b as usize].id));
        for p in &ids {
            fnv1a(&mut hash, program.plan_texts[*p as usize].as_bytes());
            for a in program.applets.iter().filter(|a| a.plan == *p) {
                if let program::Op::Schedule { schedule: Some(s), .. } = &a.op {
                    fnv1a(&mut hash, planwright::plan_file::schedule_to_string(s).as_bytes());
                }
            }
        }
        let plan_hash = format!("{hash:016x}");
        let b = &scenario;
        let mut data: Vec<(Sym, Arc<str>)> = b.data.iter().map(|(k, v)| (program.symbols.get(k).expect("interned"), Arc::from(v.as_str()))).collect();
        // The entry plan's own data sources (the third level, after the destination's and the
        // mapping's, which a scenario carries in its data): each one the scenario does not set.
        // Interactions drawn to destinations get their own entry plan's, with the destination's.
        if let Some(e) = ws.plans.get(plan_id).filter(|_| arrivals.is_empty()) {
            for (k, v) in &e.plan.data_sources {
                let sym = program.symbols.get(k).expect("interned");
                if !data.iter().any(|(s, _)| *s == sym) {
                    data.push((sym, Arc::from(v.as_str())));
                }
            }
        }
        let base = Instance {
            index: 0,
            seed: b.seed,
            channel: b.channel,
            clid: Arc::from(b.clid.as_str()),
            dialed_number: Arc::from(b.dialed_number.as_str()),
            language: Arc::from(b.language.as_str()),
            start_ms: b.start.timestamp_millis(),
            outcome: b.outcome.as_deref().filter(|o| !o.is_empty()).map(Arc::from),
            data,
            connector_thresholds: None,
            timing: None,
            entry,
            arrival: None,
            rng: Rng::new(0),
        };
        let variation = match &b.vary {
            None => None,
            Some(v) => {
                let c = &v.connectors;
                let ratios = [c.success, c.http_error, c.failure, c.timeout];
                if ratios.iter().any(|r| !(*r >= 0.0 && r.is_finite())) || ratios.iter().sum::<f64>() <= 0.0 {
                    return Err(ScenarioError::Invalid("connector ratios must be non-negative and not all 0".into()).into());
                }
                let total: f64 = ratios.iter().sum();
                let thresholds = (c.success < total).then(|| {
                    [c.success / total, (c.success + c.http_error) / total, (c.success + c.http_error + c.failure) / total]
                });
                if let Some(p) = v.timing.problem() {
                    return Err(ScenarioError::Invalid(p).into());
                }
                for w in &v.start_windows {
                    if w.value.to <= w.value.from {
                        return Err(ScenarioError::Invalid(format!("start window {} .. {} is empty", w.value.from, w.value.to)).into());
                    }
                }
                Some(Variation {
                    outcomes: Weights::new(&v.outcomes, |o: &String| (!o.is_empty()).then(|| Arc::from(o.as_str())))?,
                    languages: Weights::new(&v.languages, |l: &String| Arc::from(l.as_str()))?,
                    channels: Weights::new(&v.channels, |c: &Channel| *c)?,
                    windows: Weights::new(&v.start_windows, |w: &scenario::Window| {
                        (w.from.timestamp_millis(), w.to.timestamp_millis())
                    })?,
                    clids: Weights::new(&v.clid_patterns, |p: &String| p.clone())?,
                    data: v
                        .data
                        .iter()
                        .map(|(k, list)| {
                            Ok((program.symbols.get(k).expect("interned"), Weights::new(list, |s: &String| Arc::from(s.as_str()))?))
                        })
                        .collect::<Result<_, ScenarioError>>()?,
                    thresholds,
                    timing: (!v.timing.is_empty()).then(|| Arc::new(v.timing.clone())),
                    destinations: Weights::new(&v.destinations, |_| 0u32)?,
                })
            }
        };
        let variation = variation.map(|mut v| {
            v.destinations.items = (0..v.destinations.items.len() as u32).collect();
            v
        });
        Ok(Simulation { program, entry, scenario, plan_hash, base, variation, account, route: None, arrivals })
    }

    /// The inputs of interaction `index` of a batch seeded with `seed`. Draws happen in a
    /// fixed order from the interaction's own generator.
    pub fn instance(&self, seed: u64, index: u64) -> Instance {
        let mut rng = Rng::for_interaction(seed, index);
        let mut inst = Instance { index, seed, rng: Rng::new(0), ..self.base.clone() };
        if let Some(v) = &self.variation {
            if let Some(o) = v.outcomes.pick(&mut rng) {
                inst.outcome = o.clone();
            }
            if let Some(l) = v.languages.pick(&mut rng) {
                inst.language = l.clone();
            }
            if let Some(c) = v.channels.pick(&mut rng) {
                inst.channel = Some(*c);
            }
            if let Some((from, to)) = v.windows.pick(&mut rng) {
                // Whole seconds, so that stored times are exact.
                let span = ((to - from) / 1000).max(1) as u64;
                inst.start_ms = from + rng.below(span) as i64 * 1000;
            }
            if let Some(p) = v.clids.pick(&mut rng) {
                let clid: String =
                    p.chars().map(|c| if c == '#' { char::from(b'0' + rng.below(10) as u8) } else { c }).collect();
                inst.clid = Arc::from(clid.as_str());
            }
            if let Some(&d) = v.destinations.pick(&mut rng) {
                // Made to a destination: its plan (the testing plan for a listed source), its
                // address as Dialed Number, and its data sources under the scenario's own.
                let a = &self.arrivals[d as usize];
                let r = a.arrival.for_source(&inst.clid);
                inst.entry = if r.testing { a.testing_entry.unwrap_or(a.production_entry) } else { a.production_entry };
                inst.arrival = Some(d);
                inst.dialed_number = Arc::from(a.arrival.address.as_str());
                for value in &r.data_sources {
                    let sym = self.program.symbols.get(&value.name).expect("interned");
                    if !self.scenario.data.contains_key(&value.name) {
                        inst.data.push((sym, Arc::from(value.value.as_str())));
                    }
                }
            }
            for (sym, w) in &v.data {
                if let Some(x) = w.pick(&mut rng) {
                    match inst.data.iter_mut().find(|(s, _)| s == sym) {
                        Some(slot) => slot.1 = x.clone(),
                        None => inst.data.push((*sym, x.clone())),
                    }
                }
            }
            inst.connector_thresholds = v.thresholds;
            inst.timing = v.timing.clone();
        }
        inst.rng = rng;
        inst
    }

    /// Runs one interaction with its full trace.
    pub fn run_traced(&self, inst: &Instance, state: &mut State, stats: &mut Stats) -> RunRecord {
        let mut trace = Trace::default();
        let out = interp::run(&self.program, inst.entry, inst, state, stats, Some(&mut trace));
        self.tally_arrival(inst, &out, stats);
        self.record(inst, out, trace, state)
    }

    /// Simulates the scenario once (interaction 0 of its seed), with its full trace.
    pub fn simulate(&self) -> (RunRecord, Stats) {
        let mut stats = Stats::new(&self.program);
        let inst = self.instance(self.scenario.seed, 0);
        let record = self.run_traced(&inst, &mut State::default(), &mut stats);
        (record, stats)
    }

    /// Interaction `index` of the scenario's seed, alone, with its full trace: the run a batch
    /// of that seed records for that interaction.
    pub fn simulate_interaction(&self, index: u64) -> RunRecord {
        let mut stats = Stats::new(&self.program);
        let inst = self.instance(self.scenario.seed, index);
        self.run_traced(&inst, &mut State::default(), &mut stats)
    }

    pub fn report(&self, stats: &Stats) -> Report {
        Report::new(&self.program, self.entry, stats)
    }

    /// The resolution interaction `inst` arrived by, when it was made to a destination.
    pub fn arrival_of(&self, inst: &Instance) -> Option<planwright::destination::Resolution> {
        match inst.arrival {
            Some(d) => {
                let mut r = self.arrivals[d as usize].arrival.for_source(&inst.clid).clone();
                r.source = Some(inst.clid.to_string());
                Some(r)
            }
            None => self.route.clone(),
        }
    }

    /// Counts a finished interaction under the destination it was made to, if any.
    pub fn tally_arrival(&self, inst: &Instance, out: &interp::RunOutput, stats: &mut Stats) {
        let Some(d) = inst.arrival else { return };
        let a = &self.arrivals[d as usize];
        // Once per interaction of a batch: keys are allocated only the first time they are seen.
        fn bump<'a, V: Default>(map: &'a mut std::collections::BTreeMap<String, V>, key: &str) -> &'a mut V {
            if !map.contains_key(key) {
                map.insert(key.to_string(), V::default());
            }
            map.get_mut(key).expect("inserted above")
        }
        let tally = bump(&mut stats.destinations, &a.arrival.address);
        tally.interactions += 1;
        if inst.entry != a.production_entry {
            tally.testing += 1;
        }
        *bump(&mut tally.plans, &self.program.plans[inst.entry as usize].id) += 1;
        *bump(&mut tally.outcomes, out.outcome.as_deref().unwrap_or("")) += 1;
    }

    fn record(&self, inst: &Instance, out: interp::RunOutput, trace: Trace, state: &State) -> RunRecord {
        let prog = &self.program;
        let plan = &prog.plans[inst.entry as usize];
        let channel = inst.channel.or(plan.channel).or(match plan.plan_type {
            PlanType::Default => Some(Channel::Voice),
            PlanType::Message => Some(Channel::Digital),
            PlanType::Unattended => None,
        });
        let end_info = |e: &interp::End| record::EndInfo { code: e.kind.code().to_string(), message: e.message(prog) };
        let mut record = RunRecord {
            index: inst.index,
            seed: inst.seed,
            plan: plan.id.clone(),
            plan_hash: self.plan_hash.clone(),
            scenario: self.scenario.name.clone(),
            channel: channel.map(|c| match c {
                Channel::Voice => "voice".to_string(),
                Channel::Digital => "digital".to_string(),
            }),
            start: chrono::DateTime::from_timestamp_millis(out.start_ms).unwrap_or_default(),
            end: chrono::DateTime::from_timestamp_millis(out.end_ms).unwrap_or_default(),
            duration_ms: out.end_ms - out.start_ms,
            outcome: out.outcome.map(|o| o.to_string()),
            interaction_end: out.interaction_end.as_ref().map(end_info),
            end_reason: end_info(&out.end),
            steps: trace.steps,
            outbox: trace.outbox,
            connector_calls: trace.calls,
            ended_with: trace.ended_with,
            data: state
                .ds
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_ref().map(|v| (prog.symbols.name(i as Sym).to_string(), v.to_string())))
                .collect(),
            route: self.arrival_of(inst),
        };
        self.account.mask_record(&mut record);
        record
    }
}
