//! What a load run counts ([`DayTally`]: integer counters that merge by addition and
//! maximum, so shards merge into exactly the unsharded result) and the measures reported
//! from them ([`DayReport`]: service level, ASA, abandonment, occupancy, … per interval and
//! for the run).
//!
//! Definitions (docs/domain-choices.md): *offered* is every entry into a queue; *answered*
//! the entries delivered to an agent; **service level** = answered within T ÷ offered;
//! **ASA** = mean wait of the answered; **abandonment rate** = entries whose caller's
//! patience ran out (hung up, or pressed the breakout key) ÷ offered; **P(wait)** = entries
//! that found no agent free ÷ offered (of those that queued); **occupancy** = agents' busy
//! time ÷ staffed time. Each entry counts in the interval it entered; busy and queue time are
//! spread over the intervals they fall in. The last bucket holds what happens after the run.

use super::day::Prepared;
use super::model::LoadProblem;
use crate::interp::{EndKind, QueueVerdict};
use crate::Stats;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// One queue's counters in one interval.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IntervalTally {
    pub offered: u64,
    /// By [`QueueVerdict`], in [`QueueVerdict::ALL`] order.
    pub verdicts: [u64; 7],
    pub waited: u64,
    pub within_sl: u64,
    pub answered_wait_ms: u64,
    pub longest_wait_ms: u64,
    pub busy_ms: u64,
    pub staffed_ms: u64,
    pub queue_ms: u64,
    pub max_queue: u64,
    pub stranded: u64,
}

impl IntervalTally {
    fn merge(&mut self, o: &IntervalTally) {
        self.offered += o.offered;
        for (a, b) in self.verdicts.iter_mut().zip(o.verdicts) {
            *a += b;
        }
        self.waited += o.waited;
        self.within_sl += o.within_sl;
        self.answered_wait_ms += o.answered_wait_ms;
        self.longest_wait_ms = self.longest_wait_ms.max(o.longest_wait_ms);
        self.busy_ms += o.busy_ms;
        self.staffed_ms += o.staffed_ms;
        self.queue_ms += o.queue_ms;
        self.max_queue = self.max_queue.max(o.max_queue);
        self.stranded += o.stranded;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueTally {
    pub name: String,
    pub unlimited: bool,
    /// One per interval of the run, then one for after it.
    pub intervals: Vec<IntervalTally>,
}

/// The load an applet of a route (or plan) puts on the outside world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteTally {
    /// `plan/applet`.
    pub applet: String,
    pub kind: String,
    pub per_interval: Vec<u64>,
    pub peak_per_second: u64,
    pub peak_at_ms: i64,
}

/// One arrivals entry's interactions (by destination, or by plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArrivalsTally {
    /// The destination, else the plan.
    pub label: String,
    /// The plan they reached.
    pub plan: String,
    pub interactions: u64,
    pub completed: u64,
    pub outcomes: BTreeMap<String, u64>,
}

/// Everything a load run counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayTally {
    /// Runs (days, or replications) merged into this tally.
    pub runs: u64,
    pub interactions: u64,
    pub completed: u64,
    /// Still waiting, with no deadline, when the run ended.
    pub stranded: u64,
    pub events: u64,
    pub cancelled: bool,
    pub queues: Vec<QueueTally>,
    pub routes: Vec<RouteTally>,
    /// Per arrivals entry (destination or plan): traffic and outcomes.
    pub arrivals: Vec<ArrivalsTally>,
    pub outcomes: BTreeMap<String, u64>,
    /// Per queue applet (`plan/applet`), its exits taken.
    pub queue_exits: BTreeMap<String, BTreeMap<String, u64>>,
    pub run_ends: BTreeMap<String, u64>,
    /// Visits of every applet visited (`plan/applet`).
    pub visits: BTreeMap<String, u64>,
    /// Per applet visited (`plan/applet`), its exits taken: the plans' heatmap.
    pub exits: BTreeMap<String, BTreeMap<String, u64>>,
    pub emails: u64,
    pub sms: u64,
}

impl DayTally {
    pub(crate) fn new(p: &Prepared, n: usize) -> DayTally {
        DayTally {
            runs: 1,
            interactions: 0,
            completed: 0,
            stranded: 0,
            events: 0,
            cancelled: false,
            queues: p
                .queues
                .iter()
                .map(|q| QueueTally { name: q.name.clone(), unlimited: q.unlimited, intervals: vec![IntervalTally::default(); n + 1] })
                .collect(),
            routes: p
                .routes
                .iter()
                .map(|(applet, kind)| RouteTally { applet: applet.clone(), kind: kind.to_string(), per_interval: vec![0; n + 1], peak_per_second: 0, peak_at_ms: 0 })
                .collect(),
            arrivals: p
                .labels
                .iter()
                .map(|(label, plan)| ArrivalsTally { label: label.clone(), plan: plan.clone(), interactions: 0, completed: 0, outcomes: BTreeMap::new() })
                .collect(),
            outcomes: BTreeMap::new(),
            queue_exits: BTreeMap::new(),
            run_ends: BTreeMap::new(),
            visits: BTreeMap::new(),
            exits: BTreeMap::new(),
            emails: 0,
            sms: 0,
        }
    }

    pub(crate) fn absorb_stats(&mut self, p: &Prepared, stats: &[Stats]) {
        for (s, st) in stats.iter().enumerate() {
            let prog = p.program(s);
            for (k, v) in &st.outcomes {
                *self.outcomes.entry(k.clone()).or_insert(0) += v;
            }
            for kind in EndKind::ALL {
                let n = st.run_ends[kind as usize];
                if n > 0 {
                    *self.run_ends.entry(kind.code().to_string()).or_insert(0) += n;
                }
            }
            self.emails += st.emails;
            self.sms += st.sms;
            for (i, n) in st.visits.iter().enumerate() {
                if *n > 0 {
                    let a = &prog.applets[i];
                    let key = format!("{}/{}", prog.plans[a.plan as usize].id, a.id);
                    *self.visits.entry(key.clone()).or_insert(0) += n;
                    let exits = self.exits.entry(key).or_default();
                    for local in 0..a.targets.len() {
                        let n = st.exits[(a.exit_base + local as u32) as usize];
                        *exits.entry(prog.exit_name(i as u32, local as u16).to_string()).or_insert(0) += n;
                    }
                }
            }
            for (applet, key) in p.queue_applets(s) {
                let a = &prog.applets[applet as usize];
                let exits = self.queue_exits.entry(key).or_default();
                for local in 0..a.targets.len() {
                    let n = st.exits[(a.exit_base + local as u32) as usize];
                    *exits.entry(prog.exit_name(applet, local as u16).to_string()).or_insert(0) += n;
                }
            }
        }
    }

    /// Adds another tally of the same load model (another shard, day or replication).
    pub fn merge(&mut self, o: &DayTally) {
        self.runs += o.runs;
        self.interactions += o.interactions;
        self.completed += o.completed;
        self.stranded += o.stranded;
        self.events += o.events;
        self.cancelled |= o.cancelled;
        for (a, b) in self.queues.iter_mut().zip(&o.queues) {
            for (x, y) in a.intervals.iter_mut().zip(&b.intervals) {
                x.merge(y);
            }
        }
        for (a, b) in self.routes.iter_mut().zip(&o.routes) {
            for (x, y) in a.per_interval.iter_mut().zip(&b.per_interval) {
                *x += y;
            }
            if (b.peak_per_second, Reverse(b.peak_at_ms)) > (a.peak_per_second, Reverse(a.peak_at_ms)) {
                a.peak_per_second = b.peak_per_second;
                a.peak_at_ms = b.peak_at_ms;
            }
        }
        for (a, b) in self.arrivals.iter_mut().zip(&o.arrivals) {
            a.interactions += b.interactions;
            a.completed += b.completed;
            for (k, v) in &b.outcomes {
                *a.outcomes.entry(k.clone()).or_insert(0) += v;
            }
        }
        for (k, v) in &o.outcomes {
            *self.outcomes.entry(k.clone()).or_insert(0) += v;
        }
        for (k, v) in &o.run_ends {
            *self.run_ends.entry(k.clone()).or_insert(0) += v;
        }
        for (k, v) in &o.visits {
            *self.visits.entry(k.clone()).or_insert(0) += v;
        }
        for (k, exits) in &o.exits {
            let mine = self.exits.entry(k.clone()).or_default();
            for (e, n) in exits {
                *mine.entry(e.clone()).or_insert(0) += n;
            }
        }
        for (k, exits) in &o.queue_exits {
            let mine = self.queue_exits.entry(k.clone()).or_default();
            for (e, n) in exits {
                *mine.entry(e.clone()).or_insert(0) += n;
            }
        }
        self.emails += o.emails;
        self.sms += o.sms;
    }
}

/// The standard measures of one queue over an interval or the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Measures {
    pub offered: u64,
    pub answered: u64,
    /// Hung up while waiting (HangUpInQueue).
    pub abandoned: u64,
    /// Pressed the breakout key when their patience ran out.
    pub breakouts: u64,
    pub max_time_in_queue: u64,
    pub max_queue_length: u64,
    pub estimated_wait: u64,
    pub no_agents: u64,
    pub stranded: u64,
    pub service_level: Option<f64>,
    pub asa_s: Option<f64>,
    pub abandonment_rate: Option<f64>,
    pub p_wait: Option<f64>,
    pub occupancy: Option<f64>,
    pub longest_wait_s: f64,
    pub avg_queue_length: f64,
    pub peak_queue_length: u64,
    pub agents: f64,
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| round(a as f64 / b as f64, 4))
}

fn round(x: f64, digits: i32) -> f64 {
    let m = 10f64.powi(digits);
    (x * m).round() / m
}

impl Measures {
    fn of(t: &IntervalTally, span_ms: u64) -> Measures {
        let v = |x: QueueVerdict| t.verdicts[x as usize];
        let answered = v(QueueVerdict::Delivered);
        Measures {
            offered: t.offered,
            answered,
            abandoned: v(QueueVerdict::HangUp),
            breakouts: v(QueueVerdict::Breakout),
            max_time_in_queue: v(QueueVerdict::MaxTimeInQueue),
            max_queue_length: v(QueueVerdict::MaxQueueLength),
            estimated_wait: v(QueueVerdict::EstimatedWait),
            no_agents: v(QueueVerdict::NoAgents),
            stranded: t.stranded,
            service_level: ratio(t.within_sl, t.offered),
            asa_s: (answered > 0).then(|| round(t.answered_wait_ms as f64 / answered as f64 / 1000.0, 1)),
            abandonment_rate: ratio(v(QueueVerdict::HangUp) + v(QueueVerdict::Breakout), t.offered),
            p_wait: ratio(t.waited, t.offered - v(QueueVerdict::NoAgents) - v(QueueVerdict::MaxQueueLength) - v(QueueVerdict::EstimatedWait)),
            occupancy: ratio(t.busy_ms, t.staffed_ms),
            longest_wait_s: round(t.longest_wait_ms as f64 / 1000.0, 1),
            avg_queue_length: if span_ms > 0 { round(t.queue_ms as f64 / span_ms as f64, 2) } else { 0.0 },
            peak_queue_length: t.max_queue,
            agents: if span_ms > 0 { round(t.staffed_ms as f64 / span_ms as f64, 2) } else { 0.0 },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IntervalReport {
    /// `08:30` (or `Tue 08:30`); `after` for what happens after the run.
    pub interval: String,
    #[serde(flatten)]
    pub measures: Measures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueReport {
    pub queue: String,
    /// Not in the load model: answered at once by an unlimited pool.
    pub unlimited: bool,
    pub day: Measures,
    pub intervals: Vec<IntervalReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RouteReport {
    pub applet: String,
    pub kind: String,
    pub total: u64,
    pub peak_per_second: u64,
    pub peak_at: Option<String>,
    /// The busiest interval's count per minute.
    pub peak_per_minute: f64,
    pub per_interval: Vec<u64>,
}

/// A load run's report: what the CLI prints and the window charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayReport {
    pub load: String,
    pub name: String,
    pub seed: u64,
    pub runs: u64,
    pub service_level_seconds: u32,
    pub interval_minutes: u32,
    pub interactions: u64,
    pub completed: u64,
    pub stranded: u64,
    pub events: u64,
    pub cancelled: bool,
    /// The intervals' labels, then `after`.
    pub intervals: Vec<String>,
    pub queues: Vec<QueueReport>,
    /// Traffic and outcomes per arrivals entry (destination, or plan).
    pub arrivals: Vec<ArrivalsTally>,
    pub outcomes: BTreeMap<String, u64>,
    pub queue_exits: BTreeMap<String, BTreeMap<String, u64>>,
    pub run_ends: BTreeMap<String, u64>,
    pub visits: BTreeMap<String, u64>,
    /// Per applet visited (`plan/applet`), its exits taken (the heatmap).
    pub exits: BTreeMap<String, BTreeMap<String, u64>>,
    pub route_load: Vec<RouteReport>,
    pub emails: u64,
    pub sms: u64,
    pub warnings: Vec<LoadProblem>,
}

impl DayReport {
    pub fn new(p: &Prepared, seed: u64, t: &DayTally) -> DayReport {
        let load = &p.load;
        let n = load.intervals();
        let len = load.interval_ms() as u64 * t.runs.max(1);
        let mut intervals: Vec<String> = (0..n).map(|i| load.interval_label(i)).collect();
        intervals.push("after".into());
        let queues = t
            .queues
            .iter()
            .map(|q| {
                let mut day = IntervalTally::default();
                for it in &q.intervals {
                    day.merge(it);
                }
                QueueReport {
                    queue: q.name.clone(),
                    unlimited: q.unlimited,
                    day: Measures::of(&day, len * n as u64),
                    intervals: q
                        .intervals
                        .iter()
                        .zip(&intervals)
                        .map(|(it, label)| IntervalReport { interval: label.clone(), measures: Measures::of(it, len) })
                        .collect(),
                }
            })
            .collect();
        let minutes = load.interval_minutes as f64 * t.runs.max(1) as f64;
        let route_load = t
            .routes
            .iter()
            .map(|r| RouteReport {
                applet: r.applet.clone(),
                kind: r.kind.clone(),
                total: r.per_interval.iter().sum(),
                peak_per_second: r.peak_per_second,
                peak_at: (r.peak_per_second > 0)
                    .then(|| chrono::DateTime::from_timestamp_millis(r.peak_at_ms).map(|d| d.with_timezone(load.start.offset()).to_rfc3339()))
                    .flatten(),
                peak_per_minute: round(r.per_interval[..n].iter().copied().max().unwrap_or(0) as f64 / minutes, 2),
                per_interval: r.per_interval.clone(),
            })
            .collect();
        DayReport {
            load: load.id.clone(),
            name: load.name.clone(),
            seed,
            runs: t.runs,
            service_level_seconds: load.service_level_seconds,
            interval_minutes: load.interval_minutes,
            interactions: t.interactions,
            completed: t.completed,
            stranded: t.stranded,
            events: t.events,
            cancelled: t.cancelled,
            intervals,
            queues,
            arrivals: t.arrivals.clone(),
            outcomes: t.outcomes.clone(),
            queue_exits: t.queue_exits.clone(),
            run_ends: t.run_ends.clone(),
            visits: t.visits.clone(),
            exits: t.exits.clone(),
            route_load,
            emails: t.emails,
            sms: t.sms,
            warnings: p.warnings.clone(),
        }
    }

    /// The queues' measures per interval as CSV (one row per queue and interval).
    pub fn intervals_csv(&self) -> String {
        let head = "queue,interval,agents,offered,answered,abandoned,breakouts,max_time_in_queue,max_queue_length,estimated_wait,no_agents,service_level,asa_s,abandonment_rate,p_wait,occupancy,longest_wait_s,avg_queue_length,peak_queue_length";
        let mut rows: Vec<Vec<String>> = vec![head.split(',').map(String::from).collect()];
        let f = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
        for q in &self.queues {
            for r in q.intervals.iter().chain(std::iter::once(&IntervalReport { interval: "day".into(), measures: q.day.clone() })) {
                let m = &r.measures;
                rows.push(vec![
                    q.queue.clone(),
                    r.interval.clone(),
                    m.agents.to_string(),
                    m.offered.to_string(),
                    m.answered.to_string(),
                    m.abandoned.to_string(),
                    m.breakouts.to_string(),
                    m.max_time_in_queue.to_string(),
                    m.max_queue_length.to_string(),
                    m.estimated_wait.to_string(),
                    m.no_agents.to_string(),
                    f(m.service_level),
                    f(m.asa_s),
                    f(m.abandonment_rate),
                    f(m.p_wait),
                    f(m.occupancy),
                    m.longest_wait_s.to_string(),
                    m.avg_queue_length.to_string(),
                    m.peak_queue_length.to_string(),
                ]);
            }
        }
        crate::export::csv_text(rows)
    }

    /// The routes' load per interval as CSV (one row per applet and interval).
    pub fn route_load_csv(&self) -> String {
        let mut rows: Vec<Vec<String>> = vec!["applet,kind,interval,count,per_minute".split(',').map(String::from).collect()];
        let minutes = self.interval_minutes as f64 * self.runs.max(1) as f64;
        for r in &self.route_load {
            for (label, n) in self.intervals.iter().zip(&r.per_interval) {
                rows.push(vec![r.applet.clone(), r.kind.to_string(), label.clone(), n.to_string(), round(*n as f64 / minutes, 3).to_string()]);
            }
        }
        crate::export::csv_text(rows)
    }
}

