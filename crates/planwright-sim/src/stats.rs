//! Batch statistics: plain counters that merge by addition, so the result does not depend on
//! how interactions were split between threads. [`Report`] turns them into named figures,
//! with coverage.

use crate::interp::EndKind;
use crate::program::{Op, Program, RouteTarget};
use planwright::graph::{PlanLink, PlanLinks};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How a connector call ended, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectorTally {
    Ok,
    HttpError,
    ConnectFailure,
    Timeout,
    MissingConfig,
}

impl ConnectorTally {
    pub const ALL: [ConnectorTally; 5] = [
        ConnectorTally::Ok,
        ConnectorTally::HttpError,
        ConnectorTally::ConnectFailure,
        ConnectorTally::Timeout,
        ConnectorTally::MissingConfig,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorTally::Ok => "ok",
            ConnectorTally::HttpError => "http_error",
            ConnectorTally::ConnectFailure => "connect_failure",
            ConnectorTally::Timeout => "timeout",
            ConnectorTally::MissingConfig => "missing_config",
        }
    }
}

/// Raw counters of any number of runs, indexed by the program's applet and exit numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub interactions: u64,
    pub steps: u64,
    pub visits: Vec<u64>,
    pub exits: Vec<u64>,
    pub run_ends: [u64; EndKind::ALL.len()],
    pub interaction_ends: [u64; EndKind::ALL.len()],
    pub outcomes: BTreeMap<String, u64>,
    pub emails: u64,
    pub sms: u64,
    pub connector: [u64; ConnectorTally::ALL.len()],
    /// Simulated duration (ms) → number of runs.
    pub durations_ms: BTreeMap<i64, u64>,
    /// Interactions made to each destination (by address), when a batch weights destinations.
    pub destinations: BTreeMap<String, DestinationTally>,
}

/// The interactions made to one destination: how many, how many were test interactions, the
/// plans they entered and their outcomes (`""`: none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestinationTally {
    pub interactions: u64,
    pub testing: u64,
    pub plans: BTreeMap<String, u64>,
    pub outcomes: BTreeMap<String, u64>,
}

impl DestinationTally {
    fn merge(&mut self, other: &DestinationTally) {
        self.interactions += other.interactions;
        self.testing += other.testing;
        for (k, v) in &other.plans {
            *self.plans.entry(k.clone()).or_insert(0) += v;
        }
        for (k, v) in &other.outcomes {
            *self.outcomes.entry(k.clone()).or_insert(0) += v;
        }
    }
}

impl Stats {
    pub fn new(prog: &Program) -> Stats {
        Stats {
            interactions: 0,
            steps: 0,
            visits: vec![0; prog.applets.len()],
            exits: vec![0; prog.exits.len()],
            run_ends: [0; EndKind::ALL.len()],
            interaction_ends: [0; EndKind::ALL.len()],
            outcomes: BTreeMap::new(),
            emails: 0,
            sms: 0,
            connector: [0; ConnectorTally::ALL.len()],
            durations_ms: BTreeMap::new(),
            destinations: BTreeMap::new(),
        }
    }

    /// Every counter back to 0, keeping the allocations.
    pub fn clear(&mut self) {
        self.interactions = 0;
        self.steps = 0;
        self.visits.fill(0);
        self.exits.fill(0);
        self.run_ends = [0; EndKind::ALL.len()];
        self.interaction_ends = [0; EndKind::ALL.len()];
        self.outcomes.clear();
        self.emails = 0;
        self.sms = 0;
        self.connector = [0; ConnectorTally::ALL.len()];
        self.durations_ms.clear();
        self.destinations.clear();
    }

    /// Adds another set of counters to this one.
    pub fn merge(&mut self, other: &Stats) {
        self.interactions += other.interactions;
        self.steps += other.steps;
        add(&mut self.visits, &other.visits);
        add(&mut self.exits, &other.exits);
        add(&mut self.run_ends, &other.run_ends);
        add(&mut self.interaction_ends, &other.interaction_ends);
        add(&mut self.connector, &other.connector);
        for (k, v) in &other.outcomes {
            *self.outcomes.entry(k.clone()).or_insert(0) += v;
        }
        for (k, v) in &other.durations_ms {
            *self.durations_ms.entry(*k).or_insert(0) += v;
        }
        for (k, v) in &other.destinations {
            self.destinations.entry(k.clone()).or_default().merge(v);
        }
        self.emails += other.emails;
        self.sms += other.sms;
    }

    /// The duration (ms) at or below which a share `p` (0..=1) of runs finished.
    pub fn percentile_ms(&self, p: f64) -> Option<i64> {
        let n: u64 = self.durations_ms.values().sum();
        if n == 0 {
            return None;
        }
        let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
        let mut seen = 0;
        for (d, c) in &self.durations_ms {
            seen += c;
            if seen >= rank {
                return Some(*d);
            }
        }
        None
    }
}

fn add(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// Runs whose simulated duration falls in `[from_s, to_s)` (the last bucket includes `to_s`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DurationBucket {
    pub from_s: f64,
    pub to_s: f64,
    pub count: u64,
}

/// Up to `buckets` equal-width buckets between the shortest and the longest duration.
fn histogram(durations_ms: &BTreeMap<i64, u64>, buckets: usize) -> Vec<DurationBucket> {
    let (Some((&lo, _)), Some((&hi, _))) = (durations_ms.first_key_value(), durations_ms.last_key_value()) else { return Vec::new() };
    let n = if hi == lo { 1 } else { buckets.max(1) as i64 };
    // Whole milliseconds, so that the bounds print exactly.
    let width = ((hi - lo) / n + 1).max(1);
    let mut out: Vec<DurationBucket> = (0..n)
        .map(|i| DurationBucket { from_s: (lo + i * width) as f64 / 1000.0, to_s: (lo + (i + 1) * width) as f64 / 1000.0, count: 0 })
        .collect();
    for (&d, &c) in durations_ms {
        out[(((d - lo) / width) as usize).min(n as usize - 1)].count += c;
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppletVisits {
    pub plan: String,
    pub applet: String,
    pub kind: String,
    pub visits: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExitCount {
    pub plan: String,
    pub applet: String,
    pub exit: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// The plans the entry plan can reach: itself, its post-interaction route, and Route to
    /// Interaction Plan targets, transitively (plus any plan a run actually entered).
    pub plans: Vec<String>,
    pub applets_total: usize,
    pub applets_visited: usize,
    pub exits_total: usize,
    pub exits_taken: usize,
    /// Exits taken / exits, in percent.
    pub exit_percent: f64,
    pub applets_never_visited: Vec<String>,
    pub exits_never_taken: Vec<ExitCount>,
}

/// Named statistics of a batch, for people and scripts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub interactions: u64,
    pub steps: u64,
    pub duration_p50_s: Option<f64>,
    pub duration_p95_s: Option<f64>,
    /// Reports stored before p99 and the histogram existed read without them.
    #[serde(default)]
    pub duration_p99_s: Option<f64>,
    /// Simulated durations in up to 20 equal buckets from the shortest to the longest.
    #[serde(default)]
    pub duration_histogram: Vec<DurationBucket>,
    pub end_reasons: Vec<Count>,
    pub interaction_ends: Vec<Count>,
    pub outcomes: Vec<Count>,
    pub emails_rendered: u64,
    pub sms_rendered: u64,
    pub connector_calls: u64,
    pub connector_results: Vec<Count>,
    pub applets: Vec<AppletVisits>,
    pub exits: Vec<ExitCount>,
    pub coverage: Coverage,
    /// Traffic per destination, when the batch weighted destinations (by address).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub destinations: BTreeMap<String, DestinationTally>,
}

/// The links between the compiled plans: post-interaction routes, and the plans Route to
/// Interaction Plan applets name (a plan read from a data source is only known at run time).
pub fn plan_links(prog: &Program) -> PlanLinks {
    let mut links = PlanLinks::new(prog.plans.iter().map(|p| p.id.as_str()));
    for p in &prog.plans {
        if let Some(Ok(r)) = p.post_route {
            links.link(&p.id, &prog.plans[r as usize].id, PlanLink::PostInteractionRoute);
        }
    }
    for a in &prog.applets {
        if let Op::Route { target: RouteTarget::Plan(Some(t), _), .. } = a.op {
            links.link(&prog.plans[a.plan as usize].id, &prog.plans[t as usize].id, PlanLink::RouteToPlan);
        }
    }
    links
}

/// The plans reachable from `entry` by post-interaction routes and static route targets.
pub fn reachable_plans(prog: &Program, entry: u32) -> BTreeSet<u32> {
    let links = plan_links(prog);
    links.reached_from(&prog.plans[entry as usize].id, |_| true).into_iter().map(|id| prog.plan_index[id]).collect()
}

impl Report {
    pub fn new(prog: &Program, entry: u32, stats: &Stats) -> Report {
        let counts = |a: &[u64]| -> Vec<Count> {
            EndKind::ALL
                .iter()
                .zip(a)
                .filter(|(_, c)| **c > 0)
                .map(|(k, c)| Count { name: k.code().to_string(), count: *c })
                .collect()
        };
        let mut plans = reachable_plans(prog, entry);
        for (i, a) in prog.applets.iter().enumerate() {
            if stats.visits[i] > 0 {
                plans.insert(a.plan);
            }
        }
        let in_scope: Vec<usize> = (0..prog.applets.len()).filter(|i| plans.contains(&prog.applets[*i].plan)).collect();
        let applets: Vec<AppletVisits> = in_scope
            .iter()
            .map(|&i| {
                let a = &prog.applets[i];
                AppletVisits {
                    plan: prog.plans[a.plan as usize].id.clone(),
                    applet: a.id.clone(),
                    kind: a.kind.as_str().to_string(),
                    visits: stats.visits[i],
                }
            })
            .collect();
        let mut exits = Vec::new();
        for &i in &in_scope {
            let a = &prog.applets[i];
            for l in 0..a.targets.len() {
                let g = a.exit_base as usize + l;
                exits.push(ExitCount {
                    plan: prog.plans[a.plan as usize].id.clone(),
                    applet: a.id.clone(),
                    exit: prog.exits[g].name.clone(),
                    count: stats.exits[g],
                });
            }
        }
        let exits_taken = exits.iter().filter(|e| e.count > 0).count();
        let coverage = Coverage {
            plans: plans.iter().map(|p| prog.plans[*p as usize].id.clone()).collect(),
            applets_total: applets.len(),
            applets_visited: applets.iter().filter(|a| a.visits > 0).count(),
            exits_total: exits.len(),
            exits_taken,
            exit_percent: if exits.is_empty() { 100.0 } else { (exits_taken as f64 * 1000.0 / exits.len() as f64).round() / 10.0 },
            applets_never_visited: applets.iter().filter(|a| a.visits == 0).map(|a| format!("{}/{}", a.plan, a.applet)).collect(),
            exits_never_taken: exits.iter().filter(|e| e.count == 0).cloned().collect(),
        };
        Report {
            interactions: stats.interactions,
            steps: stats.steps,
            duration_p50_s: stats.percentile_ms(0.5).map(|ms| ms as f64 / 1000.0),
            duration_p95_s: stats.percentile_ms(0.95).map(|ms| ms as f64 / 1000.0),
            duration_p99_s: stats.percentile_ms(0.99).map(|ms| ms as f64 / 1000.0),
            duration_histogram: histogram(&stats.durations_ms, 20),
            end_reasons: counts(&stats.run_ends),
            interaction_ends: counts(&stats.interaction_ends),
            outcomes: stats.outcomes.iter().map(|(k, v)| Count { name: k.clone(), count: *v }).collect(),
            emails_rendered: stats.emails,
            sms_rendered: stats.sms,
            connector_calls: stats.connector.iter().sum(),
            connector_results: ConnectorTally::ALL
                .iter()
                .zip(&stats.connector)
                .filter(|(_, c)| **c > 0)
                .map(|(k, c)| Count { name: k.as_str().to_string(), count: *c })
                .collect(),
            destinations: stats.destinations.clone(),
            applets,
            exits,
            coverage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_duration_histogram() {
        let mut s = Stats {
            interactions: 0,
            steps: 0,
            visits: vec![],
            exits: vec![],
            run_ends: [0; 7],
            interaction_ends: [0; 7],
            outcomes: BTreeMap::new(),
            emails: 0,
            sms: 0,
            connector: [0; 5],
            durations_ms: BTreeMap::new(),
            destinations: BTreeMap::new(),
        };
        for d in 1..=100 {
            s.durations_ms.insert(d * 1000, 1);
        }
        assert_eq!(s.percentile_ms(0.5), Some(50_000));
        assert_eq!(s.percentile_ms(0.95), Some(95_000));
    }
}
