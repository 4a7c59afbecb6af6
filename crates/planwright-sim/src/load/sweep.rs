//! What-if sweeps: one thing varied over a list of values, each point an independent seeded
//! run (or several replications). The work is cut into units (point, replication); a shard
//! runs the units `u` with `u % N == K - 1`, and [`SweepTally::merge`] adds shards into
//! exactly the unsharded result, since every counter adds (or takes a maximum).

use super::day::{prepare, DayOptions, LoadError, Prepared};
use super::model::Load;
use super::report::{DayReport, DayTally};
use crate::Account;
use planwright::Workspace;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a sweep varies.
#[derive(Debug, Clone, PartialEq)]
pub enum Vary {
    /// Agents of a queue in every staffed period: set to the value, or (`+2`, `-1`) changed by it.
    Agents { queue: String },
    /// Every arrival volume, multiplied.
    Volume,
    /// A property of an applet, as `plan/applet/property`.
    Property { plan: String, applet: String, field: String },
}

/// A sweep as typed: `agents:Orders=10,12,14`, `agents:Orders=+0,+2`, `volume=0.8,1,1.5`,
/// `property:voice-orders/orders_queue/max_time_in_queue_seconds=600,300`.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepSpec {
    pub text: String,
    pub vary: Vary,
    pub values: Vec<String>,
}

impl SweepSpec {
    pub fn parse(text: &str) -> Result<SweepSpec, String> {
        let (what, values) = text.split_once('=').ok_or_else(|| format!("'{text}': a sweep is WHAT=V1,V2,… (agents:QUEUE, volume or property:PLAN/APPLET/PROPERTY)"))?;
        let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        if values.is_empty() {
            return Err(format!("'{text}': no values to sweep"));
        }
        let vary = if let Some(queue) = what.strip_prefix("agents:") {
            for v in &values {
                v.parse::<i64>().map_err(|_| format!("agents '{v}' is not a whole number (10, or +2 / -2 to change every period)"))?;
            }
            Vary::Agents { queue: queue.to_string() }
        } else if what == "volume" {
            for v in &values {
                match v.parse::<f64>() {
                    Ok(x) if x.is_finite() && x >= 0.0 => {}
                    _ => return Err(format!("volume factor '{v}' is not a number from 0")),
                }
            }
            Vary::Volume
        } else if let Some(path) = what.strip_prefix("property:") {
            let parts: Vec<&str> = path.split('/').collect();
            let [plan, applet, field] = parts[..] else {
                return Err(format!("'{path}': a property is PLAN/APPLET/PROPERTY"));
            };
            Vary::Property { plan: plan.into(), applet: applet.into(), field: field.into() }
        } else {
            return Err(format!("'{what}': a sweep varies agents:QUEUE, volume or property:PLAN/APPLET/PROPERTY"));
        };
        Ok(SweepSpec { text: text.to_string(), vary, values })
    }

    /// The load model and workspace of point `i`.
    fn apply(&self, i: usize, load: &Load, ws: &Workspace) -> Result<(Load, Option<Workspace>), String> {
        let v = &self.values[i];
        let mut load = load.clone();
        match &self.vary {
            Vary::Agents { queue } => {
                let q = load.queues.get_mut(queue).ok_or_else(|| format!("the load model has no queue '{queue}'"))?;
                let n: i64 = v.parse().map_err(|_| format!("agents '{v}'"))?;
                let relative = v.starts_with('+') || v.starts_with('-');
                for s in &mut q.staffing {
                    s.agents = if relative { (s.agents + n).max(0) } else { n };
                }
                Ok((load, None))
            }
            Vary::Volume => {
                let f: f64 = v.parse().map_err(|_| format!("volume '{v}'"))?;
                for a in &mut load.arrivals {
                    for vol in &mut a.volume {
                        vol.interactions *= f;
                    }
                }
                Ok((load, None))
            }
            Vary::Property { plan, applet, field } => {
                let mut plans = ws.plans.clone();
                let entry = plans.get_mut(plan).ok_or_else(|| format!("no plan '{plan}'"))?;
                let a = entry.plan.applets.iter_mut().find(|a| a.id == *applet).ok_or_else(|| format!("plan '{plan}' has no applet '{applet}'"))?;
                let mut value = serde_json::to_value(&*a).map_err(|e| e.to_string())?;
                let props = value.get_mut("properties").and_then(|p| p.as_object_mut()).ok_or_else(|| format!("{plan}/{applet} has no properties"))?;
                if !props.contains_key(field) {
                    return Err(format!("{plan}/{applet} has no property '{field}'; it has {}", props.keys().cloned().collect::<Vec<_>>().join(", ")));
                }
                props.insert(field.clone(), serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.clone())));
                *a = serde_json::from_value(value).map_err(|e| format!("{plan}/{applet}.{field} = {v}: {e}"))?;
                let ws = Workspace { root: ws.root.clone(), plans, schedules: ws.schedules.clone(), schedule_paths: ws.schedule_paths.clone(), problems: Vec::new() };
                Ok((load, Some(ws)))
            }
        }
    }
}

/// How to run a sweep.
#[derive(Debug, Clone)]
pub struct SweepOptions {
    pub seed: u64,
    pub replications: u64,
    /// Worker threads (0: one per core). The result does not depend on it.
    pub threads: usize,
    /// `(K, N)`: run only the K-th of N shares (K from 1).
    pub shard: Option<(u64, u64)>,
}

/// One point's counters: `None` when this shard ran none of its units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointTally {
    pub value: String,
    pub tally: Option<DayTally>,
}

/// A sweep's counters, as a shard writes them (and as merge reads them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepTally {
    pub planwright_sweep: u32,
    pub load: String,
    pub vary: String,
    pub seed: u64,
    pub replications: u64,
    pub shards: Vec<(u64, u64)>,
    pub points: Vec<PointTally>,
}

/// A point of a sweep's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PointReport {
    pub value: String,
    pub report: DayReport,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SweepReport {
    pub load: String,
    pub vary: String,
    pub seed: u64,
    pub replications: u64,
    pub points: Vec<PointReport>,
}

/// The seed of replication `r`.
pub fn replication_seed(seed: u64, r: u64) -> u64 {
    seed.wrapping_add(r.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Runs a sweep (or one shard of it). `progress` is called with each finished unit.
pub fn run_sweep(
    ws: &Workspace,
    root: &Path,
    load_dir: &Path,
    load: &Load,
    account: &Account,
    spec: &SweepSpec,
    opt: &SweepOptions,
) -> Result<SweepTally, LoadError> {
    let points: Vec<Prepared> = (0..spec.values.len())
        .map(|i| {
            let (l, w) = spec.apply(i, load, ws).map_err(LoadError::Sweep)?;
            prepare(w.as_ref().unwrap_or(ws), root, load_dir, &l, account)
        })
        .collect::<Result<_, _>>()?;
    let reps = opt.replications.max(1);
    let units: Vec<(usize, u64)> = (0..points.len())
        .flat_map(|p| (0..reps).map(move |r| (p, r)))
        .enumerate()
        .filter(|(u, _)| opt.shard.is_none_or(|(k, n)| *u as u64 % n == k - 1))
        .map(|(_, x)| x)
        .collect();
    let threads = if opt.threads == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { opt.threads };
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<DayTally>>> = units.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(units.len()).max(1) {
            scope.spawn(|| loop {
                let u = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(p, r)) = units.get(u) else { break };
                let t = points[p].run_day(&DayOptions { seed: replication_seed(opt.seed, r), keep: 0 }, None, &mut |_| {});
                *results[u].lock().expect("no worker panics") = Some(t);
            });
        }
    });
    let mut out: Vec<PointTally> = spec.values.iter().map(|v| PointTally { value: v.clone(), tally: None }).collect();
    for (&(p, _), t) in units.iter().zip(results) {
        let t = t.into_inner().expect("no worker panics").expect("every unit ran");
        match &mut out[p].tally {
            Some(acc) => acc.merge(&t),
            None => out[p].tally = Some(t),
        }
    }
    Ok(SweepTally {
        planwright_sweep: 1,
        load: load.id.clone(),
        vary: spec.text.clone(),
        seed: opt.seed,
        replications: reps,
        shards: opt.shard.into_iter().collect(),
        points: out,
    })
}

impl SweepTally {
    /// Adds shards of the same sweep. Refuses shards of another sweep, and a sum that misses
    /// or repeats runs.
    pub fn merge(parts: &[SweepTally]) -> Result<SweepTally, String> {
        let Some(first) = parts.first() else { return Err("nothing to merge".into()) };
        let mut out = SweepTally { shards: Vec::new(), ..first.clone() };
        for p in &mut out.points {
            p.tally = None;
        }
        for part in parts {
            if (part.load.as_str(), part.vary.as_str(), part.seed, part.replications, part.points.len())
                != (first.load.as_str(), first.vary.as_str(), first.seed, first.replications, first.points.len())
            {
                return Err(format!(
                    "shard {:?} is of another sweep ({} {} seed {}), not {} {} seed {}",
                    part.shards, part.load, part.vary, part.seed, first.load, first.vary, first.seed
                ));
            }
            for (mine, theirs) in out.points.iter_mut().zip(&part.points) {
                if let Some(t) = &theirs.tally {
                    match &mut mine.tally {
                        Some(acc) => acc.merge(t),
                        None => mine.tally = Some(t.clone()),
                    }
                }
            }
            out.shards.extend(part.shards.iter().copied());
        }
        for p in &out.points {
            let runs = p.tally.as_ref().map_or(0, |t| t.runs);
            if runs != out.replications {
                return Err(format!("point {}: {runs} of {} runs after merging; a shard is missing or given twice", p.value, out.replications));
            }
        }
        out.shards.sort();
        out.shards.clear();
        Ok(out)
    }

    /// The report of every point (each needs its prepared load for labels and warnings).
    pub fn report(&self, ws: &Workspace, root: &Path, load_dir: &Path, load: &Load, account: &Account) -> Result<SweepReport, LoadError> {
        let spec = SweepSpec::parse(&self.vary).map_err(LoadError::Sweep)?;
        let mut points = Vec::new();
        for (i, p) in self.points.iter().enumerate() {
            let (l, w) = spec.apply(i, load, ws).map_err(LoadError::Sweep)?;
            let prepared = prepare(w.as_ref().unwrap_or(ws), root, load_dir, &l, account)?;
            let Some(t) = &p.tally else { return Err(LoadError::Sweep(format!("point {} has no runs", p.value))) };
            points.push(PointReport { value: p.value.clone(), report: DayReport::new(&prepared, self.seed, t) });
        }
        Ok(SweepReport { load: self.load.clone(), vary: self.vary.clone(), seed: self.seed, replications: self.replications, points })
    }
}
