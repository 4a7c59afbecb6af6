//! One run of a load model: a discrete-event simulation in simulated time.
//!
//! Interactions arrive (Poisson within each interval, or a CSV's times), and each runs its
//! plan in the ordinary interpreter. When a run reaches an ACD or UCD, it stops and asks
//! ([`QueueFeed::pending`]); the event loop answers queue entries in order of simulated time,
//! from the queue's state, and runs the interaction again with the answers so far. The
//! interpreter is deterministic given its inputs, so the run takes the same steps up to the
//! queue and goes on from there: a single run and a load run take the same steps given the
//! same queue results.
//!
//! A queue is first come, first served. Agent `k` of a queue is logged in during the
//! intervals whose staffing is above `k`; a call in progress at the end of a shift is
//! finished. An entering interaction is served by the agent who can start it first (of
//! equals, the one free longest); since every earlier entry has already claimed its agent,
//! that is FCFS exactly, and the entry's
//! fate is known as it enters: served at `s`, or gone at its deadline (patience, or Maximum
//! Time In Queue) if that comes first. Patience and handle time are drawn at entry from the
//! interaction's own generator, in a fixed order, whatever happens.

use super::model::{Arrivals, Load, LoadProblem};
use planwright::destination::{resolve, Resolution, Routing};
use super::report::{DayTally, IntervalTally, QueueTally};
use crate::interp::{self, Instance, QueueFeed, QueueResult, QueueSnapshot, QueueVerdict, State};
use crate::rng::Rng;
use crate::scenario::{Distribution, Scenario};
use crate::{Account, Control, RunRecord, SimError, Simulation, Stats};
use planwright::{AppletKind, Workspace};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Salts of the generators, so that arrivals, queue draws and plan draws never share one.
const ARRIVAL_SALT: u64 = 0x4152_5249_5641_4c53;
const QUEUE_SALT: u64 = 0x5155_4555_4452_4157;

/// The handle time of a queue the load model does not name (the simulator's default talk).
pub const UNNAMED_QUEUE_HANDLE_SECONDS: f64 = 180.0;

/// Why a load model cannot run.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the load model has problems:\n{}", .0.iter().filter(|p| !p.warning).map(|p| format!("  {}: {} [{}]", p.path, p.message, p.code)).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<LoadProblem>),
    #[error(transparent)]
    File(#[from] super::file::LoadFileError),
    #[error("arrivals at '{plan}': {source}")]
    Sim { plan: String, source: SimError },
    #[error("sweep: {0}")]
    Sweep(String),
}

impl LoadError {
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Problems(p) => p.iter().find(|p| !p.warning).map_or("load-invalid", |p| p.code),
            LoadError::File(e) => e.code(),
            LoadError::Sim { .. } => "scenario-invalid",
            LoadError::Sweep(_) => "sweep-invalid",
        }
    }
}

enum Source {
    Poisson(Vec<f64>),
    Csv(Vec<super::file::CsvArrival>),
}

struct Stream {
    sim: Simulation,
    source: Source,
    /// Per applet of the program: its queue's index in [`Prepared::queues`].
    queue_of: Vec<Option<u32>>,
    /// Per applet: its key in the route load (Data Connector, Send Email, Send SMS).
    route_of: Vec<Option<u32>>,
}

/// A queue as the load model staffs it.
pub struct QueueSpec {
    pub name: String,
    /// Agents per interval of the run.
    pub staffing: Vec<u32>,
    /// Not in the load model: answered at once by an unlimited pool.
    pub unlimited: bool,
    pub handle: Distribution,
    pub patience: Option<Distribution>,
    pub breakout_share: f64,
}

impl QueueSpec {
    fn of(load: &Load, name: &str, q: &super::model::QueueLoad) -> QueueSpec {
        QueueSpec {
            name: name.to_string(),
            staffing: load.staffing_profile(q),
            unlimited: false,
            handle: q.handle_seconds.clone(),
            patience: q.patience_seconds.clone(),
            breakout_share: q.breakout_share,
        }
    }
}

/// A load model compiled against the workspace, ready to run any number of days.
pub struct Prepared {
    pub load: Load,
    streams: Vec<Stream>,
    pub queues: Vec<QueueSpec>,
    /// `plan/applet` and kind of every applet whose load is reported.
    pub routes: Vec<(String, AppletKind)>,
    /// Warnings (the run goes on).
    pub warnings: Vec<LoadProblem>,
    /// Interactions expected over the run (the volumes' sum and the CSVs' rows).
    pub expected: f64,
    /// Per stream: what its arrivals are reported by (the destination, else the plan), and
    /// the plan they reach.
    pub labels: Vec<(String, String)>,
}

/// Checks of a load model against the workspace's plans: unknown or Unattended plans are
/// errors; a plan's queue the model does not name, and a model's queue no plan uses, are
/// warnings.
pub fn plan_problems(load: &Load, ws: &Workspace) -> Vec<LoadProblem> {
    let mut out = Vec::new();
    let mut used = std::collections::BTreeSet::new();
    let routing = Routing::load(&ws.root);
    for (i, a) in load.arrivals.iter().enumerate() {
        let (path, plan_id) = match target(a, ws, &routing) {
            Ok((plan, _)) => (format!("arrivals[{i}].{}", if a.destination.is_some() { "destination" } else { "plan" }), plan),
            Err(p) => {
                out.push(LoadProblem { path: format!("arrivals[{i}].{}", if a.destination.is_some() { "destination" } else { "plan" }), ..p });
                continue;
            }
        };
        let Some(plan) = ws.plan(&plan_id) else {
            let known = ws.plans.keys().cloned().collect::<Vec<_>>().join(", ");
            out.push(LoadProblem { code: "plan-unknown", path, message: format!("no plan '{plan_id}' in the workspace; plans: {known}"), warning: false });
            continue;
        };
        if !plan.plan_type.is_live() {
            out.push(LoadProblem {
                code: "plan-unattended",
                path,
                message: format!("'{plan_id}' is an Unattended plan: it takes no live interaction, so nothing arrives at it"),
                warning: false,
            });
            continue;
        }
        for (plan_id, applet, queue) in queues_reached(ws, &plan_id) {
            used.insert(queue.clone());
            if !load.queues.contains_key(&queue) {
                out.push(super::model::warning(
                    "queue-not-in-load",
                    path.clone(),
                    format!(
                        "queue '{queue}' ({plan_id}/{applet}) is not in the load model: its interactions are answered at once by an unlimited pool, with {UNNAMED_QUEUE_HANDLE_SECONDS} s handle time"
                    ),
                ));
            }
        }
    }
    for name in load.queues.keys() {
        if !used.contains(name) {
            out.push(super::model::warning("queue-unused", format!("queues.{name}"), format!("no plan that takes arrivals uses queue '{name}'")));
        }
    }
    out.dedup();
    out
}

/// The plan arrivals reach: the one named, or the one a destination's winning mapping
/// reaches (with the resolution).
fn target(a: &Arrivals, ws: &Workspace, routing: &Routing) -> Result<(String, Option<Resolution>), LoadProblem> {
    let Some(address) = &a.destination else { return Ok((a.plan.clone(), None)) };
    let plans = ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect();
    let r = resolve(routing, &plans, address, None);
    match r.plan.clone() {
        Some(p) => Ok((p, Some(r))),
        None => Err(LoadProblem { code: "destination-unmapped", path: String::new(), message: format!("{}: {}", address.trim(), r.reasons.join("; ")), warning: false }),
    }
}

/// The queues (plan, applet, queue name) of the live plans reached from `entry` (through Route
/// to Interaction Plan; a post-interaction route takes no live interaction).
fn queues_reached(ws: &Workspace, entry: &str) -> Vec<(String, String, String)> {
    use planwright::AppletConfig;
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec![entry.to_string()];
    while let Some(id) = todo.pop() {
        let Some(plan) = ws.plan(&id) else { continue };
        if !seen.insert(id.clone()) || !plan.plan_type.is_live() {
            continue;
        }
        for a in &plan.applets {
            match &a.config {
                AppletConfig::Acd(p) | AppletConfig::Ucd(p) => out.push((plan.id.clone(), a.id.clone(), p.queue.clone())),
                AppletConfig::RouteToPlan(p) if !p.plan.is_empty() => todo.push(p.plan.clone()),
                AppletConfig::DataConnector(_) | AppletConfig::DataRouter(_) | AppletConfig::SetDataSource(_) | AppletConfig::RouteToPlan(_) | AppletConfig::ScheduleRouter(_) | AppletConfig::LoopCounter(_) | AppletConfig::Pause(_) | AppletConfig::SendEmail(_) | AppletConfig::Announcer(_) | AppletConfig::CollectDigits(_) | AppletConfig::TransferCall(_) | AppletConfig::TakeMessage(_) | AppletConfig::SendSms(_) => {}
            }
        }
    }
    out
}

/// Compiles a load model against a workspace. `root` is the workspace folder (scenario paths
/// are relative to it); `load_dir` is the load file's folder (CSV paths are relative to it).
pub fn prepare(ws: &Workspace, root: &Path, load_dir: &Path, load: &Load, account: &Account) -> Result<Prepared, LoadError> {
    let mut problems = load.problems();
    problems.extend(plan_problems(load, ws));
    if Load::has_errors(&problems) {
        return Err(LoadError::Problems(problems));
    }
    let t0 = load.start.timestamp_millis();
    let mut queues: Vec<QueueSpec> = Vec::new();
    let mut queue_index: HashMap<String, u32> = HashMap::new();
    let mut routes: Vec<(String, AppletKind)> = Vec::new();
    let mut route_index: HashMap<String, u32> = HashMap::new();
    let mut streams = Vec::new();
    let mut expected = 0.0;
    let mut labels = Vec::new();
    let routing = Routing::load(&ws.root);
    for a in &load.arrivals {
        let (plan, route) = target(a, ws, &routing).map_err(|p| LoadError::Problems(vec![p]))?;
        let scenario = match &a.scenario {
            None => Scenario::default(),
            Some(p) => Scenario::load(&root.join(p)).map_err(|e| LoadError::Sim { plan: a.label().to_string(), source: e.into() })?,
        };
        let mut scenario = Scenario { outcome: None, ..scenario };
        if let Some(r) = &route {
            scenario.arrive_at(r);
        }
        let mut sim = Simulation::with_account(ws, &plan, scenario, account.clone()).map_err(|source| LoadError::Sim { plan: a.label().to_string(), source })?;
        // Kept runs say how they were routed, as single runs and batches do.
        sim.route = route;
        let prog = &sim.program;
        let reach = crate::stats::reachable_plans(prog, sim.entry);
        let mut queue_of = vec![None; prog.applets.len()];
        let mut route_of = vec![None; prog.applets.len()];
        for (i, ap) in prog.applets.iter().enumerate() {
            if !reach.contains(&ap.plan) {
                continue;
            }
            if let Some(q) = prog.queue(i as u32) {
                let name = q.name.to_string();
                let next = queues.len() as u32;
                let idx = *queue_index.entry(name.clone()).or_insert_with(|| {
                    queues.push(match load.queues.get(&name) {
                        Some(ql) => QueueSpec::of(load, &name, ql),
                        None => QueueSpec {
                            name: name.clone(),
                            staffing: vec![0; load.intervals()],
                            unlimited: true,
                            handle: Distribution::Fixed(UNNAMED_QUEUE_HANDLE_SECONDS),
                            patience: None,
                            breakout_share: 0.0,
                        },
                    });
                    next
                });
                queue_of[i] = Some(idx);
            }
            if calls_out(ap.kind) {
                let key = format!("{}/{}", prog.plans[ap.plan as usize].id, ap.id);
                let next = routes.len() as u32;
                let idx = *route_index.entry(key.clone()).or_insert_with(|| {
                    routes.push((key, ap.kind));
                    next
                });
                route_of[i] = Some(idx);
            }
        }
        let source = match &a.csv {
            Some(csv) => {
                let rows = super::file::read_csv(&load_dir.join(csv), t0)?;
                expected += rows.len() as f64;
                Source::Csv(rows)
            }
            None => {
                let profile = load.volume_profile(a);
                expected += profile.iter().sum::<f64>();
                Source::Poisson(profile)
            }
        };
        labels.push((a.label().to_string(), plan.clone()));
        streams.push(Stream { sim, source, queue_of, route_of });
    }
    // The model's queues no plan uses are reported too, with their staffing.
    for (name, ql) in &load.queues {
        if !queue_index.contains_key(name) {
            queue_index.insert(name.clone(), queues.len() as u32);
            queues.push(QueueSpec::of(load, name, ql));
        }
    }
    let warnings = problems.into_iter().filter(|p| p.warning).collect();
    Ok(Prepared { load: load.clone(), streams, queues, routes, warnings, expected, labels })
}

/// One interaction's result, as it ends (for a per-interaction export).
pub struct InteractionResult<'a> {
    pub index: u64,
    pub plan: &'a str,
    pub start_ms: i64,
    pub end_ms: i64,
    pub outcome: Option<&'a str>,
    pub interaction_end: Option<&'static str>,
    pub run_end: &'static str,
    /// Each queue's answer, in the order the interaction met its queues.
    pub queues: &'a [QueueResult],
}

/// A run's counters and each stream's interpreter statistics.
pub struct DayRun {
    pub tally: DayTally,
    pub stats: Vec<Stats>,
}

/// How to run a day.
#[derive(Debug, Clone)]
pub struct DayOptions {
    pub seed: u64,
    /// About this many interactions are kept whole (traced), evenly spread over the run.
    pub keep: u64,
}

/// The next arrival of a stream.
struct ArrivalGen {
    rng: Rng,
    interval: usize,
    /// ms since the run's start, as a float so that rates below 1 per ms add up.
    t: f64,
    csv_next: usize,
}

/// A queue's state during a run.
struct QueueRuntime {
    /// Each agent by when they can take an interaction next (absolute ms; at least when their
    /// last one ends, and never while logged out), then by number: the agent free longest
    /// comes first.
    agents: BinaryHeap<Reverse<(i64, u32)>>,
    /// When each call in progress ends.
    talking: BinaryHeap<Reverse<i64>>,
    names: Vec<Arc<str>>,
    /// When each waiting interaction leaves the queue (served or gone).
    waiting: BinaryHeap<Reverse<i64>>,
    mean_handle_ms: f64,
}

/// An interaction between events.
struct Flight {
    stream: u32,
    inst: Instance,
    results: Vec<QueueResult>,
    qrng: Rng,
    /// The queue applet it waits to enter, and when.
    asking: Option<(u32, i64)>,
}

struct Clock {
    t0: i64,
    len: i64,
    n: usize,
}

impl Clock {
    /// The interval of an instant: 0..n, and n for anything after the run.
    fn interval(&self, at: i64) -> usize {
        if at < self.t0 {
            0
        } else {
            (((at - self.t0) / self.len) as usize).min(self.n)
        }
    }

    /// Adds the part of `[from, to)` in each interval to `buckets` (n + 1 long).
    fn spread(&self, buckets: &mut [IntervalTally], from: i64, to: i64, field: fn(&mut IntervalTally) -> &mut u64) {
        let mut a = from.max(self.t0);
        while a < to {
            let i = self.interval(a);
            let end = if i >= self.n { to } else { (self.t0 + (i as i64 + 1) * self.len).min(to) };
            *field(&mut buckets[i]) += (end - a) as u64;
            a = end;
        }
    }
}

impl Prepared {
    /// Runs the load model once. `keep` receives the kept interactions, whole; `control`
    /// (if any) is told the interactions done and may cancel the run.
    pub fn run_day(&self, opt: &DayOptions, control: Option<&Control>, keep: &mut dyn FnMut(RunRecord)) -> DayTally {
        self.run_day_full(opt, control, keep, None).tally
    }

    /// [`Prepared::run_day`], with each stream's interpreter statistics (for a batch record of
    /// each plan: its report, heatmap and coverage).
    pub fn run_day_full(
        &self,
        opt: &DayOptions,
        control: Option<&Control>,
        keep: &mut dyn FnMut(RunRecord),
        mut each: Option<&mut dyn FnMut(&InteractionResult)>,
    ) -> DayRun {
        let load = &self.load;
        let clock = Clock { t0: load.start.timestamp_millis(), len: load.interval_ms(), n: load.intervals() };
        let sl_ms = load.service_level_seconds as i64 * 1000;
        let mut tally = DayTally::new(self, load.intervals());
        let mut runtimes: Vec<QueueRuntime> = self
            .queues
            .iter()
            .map(|q| {
                let max = q.staffing.iter().copied().max().unwrap_or(0) as usize;
                QueueRuntime {
                    agents: (0..max as u32).map(|k| Reverse((i64::MIN, k))).collect(),
                    talking: BinaryHeap::new(),
                    names: (0..max).map(|k| Arc::from(format!("{}-agent-{:03}", q.name, k + 1).as_str())).collect(),
                    waiting: BinaryHeap::new(),
                    mean_handle_ms: q.handle.mean() * 1000.0,
                }
            })
            .collect();
        let mut gens: Vec<ArrivalGen> = (0..self.streams.len())
            .map(|s| ArrivalGen { rng: Rng::for_interaction(opt.seed ^ ARRIVAL_SALT, s as u64), interval: 0, t: 0.0, csv_next: 0 })
            .collect();
        let mut heads: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
        for s in 0..self.streams.len() {
            if let Some(at) = self.next_arrival(s, &mut gens[s], &clock) {
                heads.push(Reverse((at, s as u32)));
            }
        }
        let stride = if opt.keep == 0 { u64::MAX } else { ((self.expected / opt.keep as f64).floor() as u64).max(1) };
        let mut kept = 0u64;
        let mut flights: Vec<Option<Flight>> = Vec::new();
        let mut free: Vec<usize> = Vec::new();
        // (when, order of asking, slot)
        let mut pending: BinaryHeap<Reverse<(i64, u64, usize)>> = BinaryHeap::new();
        let mut asked = 0u64;
        let mut st = State::default();
        st.feed = Some(QueueFeed::default());
        let mut scratch: Vec<Stats> = self.streams.iter().map(|s| Stats::new(&s.sim.program)).collect();
        let mut stats: Vec<Stats> = scratch.clone();
        let mut per_second: Vec<HashMap<i64, u64>> = vec![HashMap::new(); self.routes.len()];
        let mut index = 0u64;
        loop {
            if let Some(c) = control {
                if tally.events % 1024 == 0 && c.cancel.load(Ordering::Relaxed) {
                    tally.cancelled = true;
                    break;
                }
            }
            let next_arrival = heads.peek().map(|Reverse((at, _))| *at);
            let next_entry = pending.peek().map(|Reverse((at, _, _))| *at);
            let slot = match (next_arrival, next_entry) {
                (None, None) => break,
                // Arrivals first at the same instant: they were there before the queue moved.
                (Some(a), e) if e.is_none_or(|e| a <= e) => {
                    let Reverse((at, s)) = heads.pop().expect("peeked");
                    let stream = &self.streams[s as usize];
                    let mut inst = stream.sim.instance(opt.seed, index);
                    inst.start_ms = at;
                    inst.outcome = None;
                    if let Source::Csv(rows) = &stream.source {
                        if let Some(clid) = &rows[gens[s as usize].csv_next - 1].clid {
                            inst.clid = Arc::from(clid.as_str());
                        }
                    }
                    let qrng = Rng::for_interaction(opt.seed ^ QUEUE_SALT, index);
                    index += 1;
                    tally.interactions += 1;
                    tally.arrivals[s as usize].interactions += 1;
                    if let Some(next) = self.next_arrival(s as usize, &mut gens[s as usize], &clock) {
                        heads.push(Reverse((next, s)));
                    }
                    let flight = Flight { stream: s, inst, results: Vec::new(), qrng, asking: None };
                    match free.pop() {
                        Some(i) => {
                            flights[i] = Some(flight);
                            i
                        }
                        None => {
                            flights.push(Some(flight));
                            flights.len() - 1
                        }
                    }
                }
                _ => {
                    let Reverse((at, _, slot)) = pending.pop().expect("peeked");
                    let f = flights[slot].as_mut().expect("a waiting flight");
                    let stream = &self.streams[f.stream as usize];
                    let (applet, _) = f.asking.take().expect("asked");
                    let q = stream.queue_of[applet as usize].expect("a queue applet") as usize;
                    let props = stream.sim.program.queue(applet).expect("a queue applet");
                    let spec = &self.queues[q];
                    match enter(&mut runtimes[q], spec, props, at, &mut f.qrng, &clock, sl_ms, &mut tally.queues[q]) {
                        Some(r) => f.results.push(r),
                        None => {
                            // Still waiting when the run ends: nothing more happens to it.
                            tally.stranded += 1;
                            flights[slot] = None;
                            free.push(slot);
                            tally.events += 1;
                            continue;
                        }
                    }
                    slot
                }
            };
            tally.events += 1;
            // Run the interaction until its next queue, or to its end.
            let f = flights[slot].as_mut().expect("a flight");
            let s = f.stream as usize;
            let stream = &self.streams[s];
            let feed = st.feed.as_mut().expect("a load state");
            feed.results = std::mem::take(&mut f.results);
            let out = interp::run(&stream.sim.program, stream.sim.entry, &f.inst, &mut st, &mut scratch[s], None);
            let feed = st.feed.as_mut().expect("a load state");
            f.results = std::mem::take(&mut feed.results);
            if out.suspended {
                let (applet, at) = feed.pending.expect("a suspended run asks");
                f.asking = Some((applet, at));
                pending.push(Reverse((at, asked, slot)));
                asked += 1;
                scratch[s].clear();
                continue;
            }
            stats[s].merge(&scratch[s]);
            scratch[s].clear();
            for &(applet, at) in &feed.timeline {
                if let Some(r) = stream.route_of[applet as usize] {
                    let i = clock.interval(at);
                    let rt = &mut tally.routes[r as usize];
                    rt.per_interval[i] += 1;
                    *per_second[r as usize].entry(at.div_euclid(1000)).or_insert(0) += 1;
                }
            }
            tally.completed += 1;
            let at = &mut tally.arrivals[s];
            at.completed += 1;
            if let Some(o) = out.outcome.as_deref() {
                *at.outcomes.entry(o.to_string()).or_insert(0) += 1;
            }
            if let Some(each) = each.as_mut() {
                each(&InteractionResult {
                    index: f.inst.index,
                    plan: &stream.sim.program.plans[stream.sim.entry as usize].id,
                    start_ms: out.start_ms,
                    end_ms: out.end_ms,
                    outcome: out.outcome.as_deref(),
                    interaction_end: out.interaction_end.as_ref().map(|e| e.kind.code()),
                    run_end: out.end.kind.code(),
                    queues: &f.results,
                });
            }
            if let Some(c) = control {
                c.done.fetch_add(1, Ordering::Relaxed);
            }
            let f = flights[slot].take().expect("a flight");
            free.push(slot);
            if f.inst.index % stride == 0 && kept < opt.keep {
                kept += 1;
                let feed = st.feed.as_mut().expect("a load state");
                feed.results = f.results;
                let mut throwaway = Stats::new(&stream.sim.program);
                keep(stream.sim.run_traced(&f.inst, &mut st, &mut throwaway));
            }
        }
        for (r, seconds) in per_second.iter().enumerate() {
            // The busiest second; the earliest of equals.
            if let Some((sec, n)) = seconds.iter().map(|(s, n)| (*s, *n)).max_by_key(|(s, n)| (*n, Reverse(*s))) {
                tally.routes[r].peak_per_second = n;
                tally.routes[r].peak_at_ms = sec * 1000;
            }
        }
        for (q, spec) in self.queues.iter().enumerate() {
            let qt = &mut tally.queues[q];
            for (i, agents) in spec.staffing.iter().enumerate() {
                qt.intervals[i].staffed_ms += *agents as u64 * clock.len as u64;
            }
        }
        tally.absorb_stats(self, &stats);
        DayRun { tally, stats }
    }

    /// The number of arrival streams.
    pub fn streams(&self) -> usize {
        self.streams.len()
    }

    /// Stream `s`'s simulation (its plan, version hash and report).
    pub fn simulation(&self, s: usize) -> &Simulation {
        &self.streams[s].sim
    }

    fn next_arrival(&self, s: usize, g: &mut ArrivalGen, clock: &Clock) -> Option<i64> {
        match &self.streams[s].source {
            Source::Csv(rows) => {
                let r = rows.get(g.csv_next)?;
                g.csv_next += 1;
                Some(r.at_ms)
            }
            Source::Poisson(profile) => loop {
                let n = profile.len();
                if g.interval >= n {
                    return None;
                }
                let len = clock.len as f64;
                let rate = profile[g.interval] / len;
                let end = (g.interval + 1) as f64 * len;
                if rate <= 0.0 {
                    g.interval += 1;
                    g.t = end;
                    continue;
                }
                // Exponential gaps; past the interval's end, start again there (memoryless).
                g.t += -(1.0 - g.rng.unit()).ln() / rate;
                if g.t >= end {
                    g.interval += 1;
                    g.t = end;
                    continue;
                }
                return Some(clock.t0 + g.t.floor() as i64);
            },
        }
    }

    /// The streams' plans, in order.
    pub fn stream_plans(&self) -> Vec<&str> {
        self.streams.iter().map(|s| s.sim.program.plans[s.sim.entry as usize].id.as_str()).collect()
    }

    /// Per stream: the queue applets (`plan/applet`) and their exit names, for reports.
    pub(crate) fn queue_applets(&self, s: usize) -> Vec<(u32, String)> {
        let prog = &self.streams[s].sim.program;
        self.streams[s]
            .queue_of
            .iter()
            .enumerate()
            .filter(|(_, q)| q.is_some())
            .map(|(i, _)| (i as u32, format!("{}/{}", prog.plans[prog.applets[i].plan as usize].id, prog.applets[i].id)))
            .collect()
    }

    pub(crate) fn program(&self, s: usize) -> &crate::program::Program {
        &self.streams[s].sim.program
    }
}

/// Takes an interaction into a queue at `at`: what happens to it, decided from the queue's
/// state. `None`: it would wait past the end of the run with no deadline.
#[allow(clippy::too_many_arguments)]
fn enter(
    q: &mut QueueRuntime,
    spec: &QueueSpec,
    props: &crate::program::Queue,
    at: i64,
    rng: &mut Rng,
    clock: &Clock,
    sl_ms: i64,
    tally: &mut QueueTally,
) -> Option<QueueResult> {
    // Drawn first, always, in this order: the stream of draws does not depend on the outcome.
    let patience_ms = spec.patience.as_ref().map(|d| (d.sample(rng) * 1000.0).round() as i64);
    let handle_ms = (spec.handle.sample(rng) * 1000.0).round() as i64;
    let breakout_u = rng.unit();
    let i = clock.interval(at);
    let it = &mut tally.intervals[i];
    it.offered += 1;
    while q.waiting.peek().is_some_and(|Reverse(t)| *t <= at) {
        q.waiting.pop();
    }
    let in_queue = q.waiting.len() as u32;
    if spec.unlimited {
        it.verdicts[QueueVerdict::Delivered as usize] += 1;
        it.within_sl += 1;
        return Some(QueueResult {
            verdict: QueueVerdict::Delivered,
            wait_ms: 0,
            handle_ms: handle_ms as u64,
            agent: Some(Arc::from(format!("{}-agent", spec.name).as_str())),
            snapshot: QueueSnapshot { position: 1, ..QueueSnapshot::default() },
        });
    }
    let staff_now = if at >= clock.t0 && i < clock.n { spec.staffing[i] } else { 0 };
    while q.talking.peek().is_some_and(|Reverse(t)| *t <= at) {
        q.talking.pop();
    }
    let busy = (q.talking.len() as u32).min(staff_now);
    // The agent who can start first. Agent k is logged in during intervals staffed above k;
    // one who cannot start when the heap says is put back at the time they can (or dropped
    // when they never log in again), so the top is always a real start.
    let best: Option<(i64, usize)> = loop {
        let Some(&Reverse((free, k))) = q.agents.peek() else { break None };
        let from = free.max(at);
        let mut j = clock.interval(from);
        while j < clock.n && spec.staffing[j] <= k {
            j += 1;
        }
        if j >= clock.n {
            q.agents.pop();
            continue;
        }
        let start = from.max(clock.t0 + j as i64 * clock.len);
        if start == from {
            break Some((start, k as usize));
        }
        q.agents.pop();
        q.agents.push(Reverse((start, k)));
    };
    let ewt_ms = match best {
        Some((s, _)) if s == at => 0.0,
        _ if staff_now == 0 => 0.0,
        _ => (in_queue + 1) as f64 * q.mean_handle_ms / staff_now as f64,
    };
    let snapshot = QueueSnapshot {
        position: in_queue + 1,
        agents_busy: busy,
        agents_logged_in: staff_now,
        estimated_wait_s: (ewt_ms / 1000.0).round() as u64,
    };
    let turned = |verdict: QueueVerdict, it: &mut IntervalTally| {
        it.verdicts[verdict as usize] += 1;
        Some(QueueResult { verdict, wait_ms: 0, handle_ms: 0, agent: None, snapshot })
    };
    if staff_now == 0 {
        return turned(QueueVerdict::NoAgents, it);
    }
    if props.max_queue_length > 0 && in_queue >= props.max_queue_length {
        return turned(QueueVerdict::MaxQueueLength, it);
    }
    if props.max_estimated_wait_s > 0 && ewt_ms > props.max_estimated_wait_s as f64 * 1000.0 {
        return turned(QueueVerdict::EstimatedWait, it);
    }
    let tiq_ms = (props.max_time_in_queue_s > 0).then(|| props.max_time_in_queue_s as i64 * 1000);
    let limit = match (patience_ms, tiq_ms) {
        (Some(p), Some(t)) => Some(p.min(t)),
        (p, t) => p.or(t),
    };
    let served = best.filter(|(s, _)| limit.is_none_or(|l| s - at <= l));
    it.max_queue = it.max_queue.max(in_queue as u64 + u64::from(best.is_none_or(|(s, _)| s > at)));
    if best.is_none_or(|(s, _)| s > at) {
        it.waited += 1;
    }
    let (verdict, wait_ms, agent) = match served {
        Some((s, k)) => {
            q.agents.pop();
            q.agents.push(Reverse((s + handle_ms, k as u32)));
            q.talking.push(Reverse(s + handle_ms));
            clock.spread(&mut tally.intervals, s, s + handle_ms, |t| &mut t.busy_ms);
            (QueueVerdict::Delivered, s - at, Some(q.names[k].clone()))
        }
        None => {
            let Some(limit) = limit else {
                // No agent before the run ends, and nothing makes it leave.
                q.waiting.push(Reverse(i64::MAX));
                let it = &mut tally.intervals[i];
                it.stranded += 1;
                clock.spread(&mut tally.intervals, at, clock.t0 + clock.n as i64 * clock.len, |t| &mut t.queue_ms);
                return None;
            };
            let verdict = if patience_ms.is_some_and(|p| tiq_ms.is_none_or(|t| p < t)) {
                if !props.breakout_key.is_empty() && breakout_u < spec.breakout_share {
                    QueueVerdict::Breakout
                } else {
                    QueueVerdict::HangUp
                }
            } else {
                QueueVerdict::MaxTimeInQueue
            };
            (verdict, limit, None)
        }
    };
    if wait_ms > 0 {
        q.waiting.push(Reverse(at + wait_ms));
        clock.spread(&mut tally.intervals, at, at + wait_ms, |t| &mut t.queue_ms);
    }
    let it = &mut tally.intervals[i];
    it.verdicts[verdict as usize] += 1;
    it.longest_wait_ms = it.longest_wait_ms.max(wait_ms as u64);
    if verdict == QueueVerdict::Delivered {
        it.answered_wait_ms += wait_ms as u64;
        if wait_ms <= sl_ms {
            it.within_sl += 1;
        }
    }
    Some(QueueResult { verdict, wait_ms: wait_ms as u64, handle_ms: handle_ms.max(0) as u64, agent, snapshot })
}

/// Whether an applet of this kind calls a system outside (a web service, a mail or SMS
/// provider): a load day counts such calls per applet. Every kind is listed, so a new kind
/// does not compile until it says.
fn calls_out(kind: AppletKind) -> bool {
    use AppletKind as K;
    match kind {
        K::DataConnector | K::SendEmail | K::SendSms => true,
        K::DataRouter | K::SetDataSource | K::RouteToPlan | K::ScheduleRouter | K::LoopCounter | K::Pause | K::Acd | K::Ucd | K::Announcer | K::CollectDigits | K::TransferCall | K::TakeMessage => false,
    }
}
