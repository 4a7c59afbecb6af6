//! The load model: the queues' agents, handle times and patience, and the interactions that
//! arrive over a day, as a file in the workspace (`load/<id>.json`, beside the plans).
//!
//! Times of day are `HH:MM` on the model's interval grid; a period covers the intervals from
//! `from` (included) to `to` (excluded, `24:00` for the end of the day), on every day of the
//! run or only the weekdays it names. The checks ([`Load::problems`]) name each problem's
//! field by its JSON path, with a stable code ([`LOAD_CODES`]).

use crate::scenario::Distribution;
use chrono::{DateTime, Datelike, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version this build writes; older ones migrate on load, newer ones are refused.
pub const LOAD_SCHEMA_VERSION: u64 = 1;

/// Minutes in a day.
pub const DAY_MINUTES: u32 = 24 * 60;

/// The longest run a load model may ask for, in days.
pub const MAX_DAYS: u32 = 366;

/// A load model: one file of `load/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Load {
    #[serde(rename = "$schema", default, skip_serializing_if = "String::is_empty")]
    pub schema: String,
    pub schema_version: u64,
    /// The file's name without `.json`.
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Midnight of the first day, RFC 3339 with the contact center's UTC offset.
    pub start: DateTime<FixedOffset>,
    /// How many days to run, from `start` (default 1).
    #[serde(default = "one")]
    pub days: u32,
    /// The reporting and staffing interval: 15 or 30 minutes are usual; any number of
    /// minutes from 5 that divides the day.
    #[serde(default = "thirty")]
    pub interval_minutes: u32,
    /// T of the service level (share answered within T seconds). Default 20.
    #[serde(default = "twenty")]
    pub service_level_seconds: u32,
    /// The queues, by the name ACD and UCD applets give (their `queue` property).
    pub queues: BTreeMap<String, QueueLoad>,
    /// Who arrives, and at which plan.
    pub arrivals: Vec<Arrivals>,
}

fn one() -> u32 {
    1
}
fn thirty() -> u32 {
    30
}
fn twenty() -> u32 {
    20
}

/// One queue's agents, handle times and callers' patience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueueLoad {
    /// Agents logged in to the queue, by period; outside every period, none.
    pub staffing: Vec<Staffing>,
    /// Talk plus wrap-up of a delivered interaction, in seconds.
    pub handle_seconds: Distribution,
    /// How long a caller waits before giving up, in seconds; left out, callers never do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience_seconds: Option<Distribution>,
    /// Of the callers whose patience runs out in a queue that has a breakout key, the share
    /// who press it (the Key Pressed exit) rather than hang up. Default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub breakout_share: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Agents logged in during a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    pub from: String,
    pub to: String,
    pub agents: i64,
    /// The weekdays it applies to (`Mon` … `Sun`); left out, every day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<String>,
}

/// Interactions arriving at a plan, or at a destination (then at the plan its winning
/// mapping reaches, with the destination's data sources).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Arrivals {
    /// The entry plan (a Default or Message plan); or leave it out and name a destination.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan: String,
    /// A destination's address (a number or API address): the mapping that wins decides the
    /// plan, Dialed Number is the address, and the interactions start with the destination's,
    /// mapping's and plan's data sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// Expected arrivals in each interval of a period (Poisson within the interval).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume: Vec<Volume>,
    /// Or: a CSV of real arrival times, relative to the load file (see [`crate::load::csv`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv: Option<String>,
    /// A scenario file (relative to the workspace) for the interactions' data, connectors
    /// and variation; its outcome is ignored, since queues decide outcomes here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

impl Arrivals {
    /// What the arrivals are reported by: the destination, else the plan.
    pub fn label(&self) -> &str {
        self.destination.as_deref().unwrap_or(&self.plan)
    }
}

/// Expected interactions in each interval of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    pub from: String,
    pub to: String,
    /// Per interval, not per period.
    pub interactions: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<String>,
}

/// A problem in a load model, with its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoadProblem {
    pub code: &'static str,
    /// JSON path of the field, as `queues.Orders.staffing[1].agents`.
    pub path: String,
    pub message: String,
    /// Warnings (`queue-not-in-load`, `queue-unused`) do not stop a run.
    pub warning: bool,
}

/// Every problem code, with what it means.
pub const LOAD_CODES: &[(&str, &str)] = &[
    ("interval-invalid", "the interval is not a whole number of minutes from 5 that divides the day"),
    ("days-invalid", "days is not from 1 to 366"),
    ("start-not-midnight", "start is not midnight"),
    ("time-invalid", "a period's time is not HH:MM on the interval grid, or it ends before it starts"),
    ("weekday-invalid", "a weekday is not Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
    ("agents-negative", "a period has fewer than 0 agents"),
    ("agents-too-many", "a period has more than 10,000 agents"),
    ("periods-overlap", "two periods of one list cover the same interval"),
    ("distribution-invalid", "a handle time or patience distribution is not a distribution of durations"),
    ("breakout-share-invalid", "breakout_share is not from 0 to 1"),
    ("volume-invalid", "a volume is negative or not a number"),
    ("arrivals-source", "arrivals need exactly one of volume and csv"),
    ("arrivals-target", "arrivals need exactly one of plan and destination"),
    ("plan-unknown", "arrivals name a plan the workspace does not have"),
    ("destination-unmapped", "arrivals name a destination no mapping includes"),
    ("plan-unattended", "arrivals name an Unattended plan, which takes no live interaction"),
    ("queue-not-in-load", "a queue of a plan that takes arrivals is not in the load model (warning)"),
    ("queue-unused", "a queue of the load model no plan that takes arrivals uses (warning)"),
];

/// A parsed time of day, in minutes.
pub fn minutes_of(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn weekday_index(name: &str) -> Option<usize> {
    WEEKDAYS.iter().position(|d| *d == name)
}

/// A period's intervals and weekdays, as checked.
struct Span {
    first: usize,
    end: usize,
    weekdays: [bool; 7],
}

impl Load {
    pub fn intervals_per_day(&self) -> usize {
        (DAY_MINUTES / self.interval_minutes.max(1)) as usize
    }

    pub fn interval_ms(&self) -> i64 {
        self.interval_minutes as i64 * 60_000
    }

    /// Intervals over the whole run.
    pub fn intervals(&self) -> usize {
        self.intervals_per_day() * self.days as usize
    }

    fn interval_ok(&self) -> bool {
        self.interval_minutes >= 5 && DAY_MINUTES % self.interval_minutes == 0
    }

    fn span(&self, from: &str, to: &str, weekdays: &[String], path: &str, out: &mut Vec<LoadProblem>) -> Option<Span> {
        let mut ok = true;
        let grid = |m: u32| self.interval_ok() && m % self.interval_minutes == 0;
        let (f, t) = (minutes_of(from), minutes_of(to));
        for (name, text, m) in [("from", from, f), ("to", to, t)] {
            match m {
                Some(m) if grid(m) => {}
                Some(_) => {
                    ok = false;
                    out.push(problem("time-invalid", format!("{path}.{name}"), format!("{text} is not on the {}-minute interval grid", self.interval_minutes)));
                }
                None => {
                    ok = false;
                    out.push(problem("time-invalid", format!("{path}.{name}"), format!("'{text}' is not a time of day HH:MM (00:00 to 24:00)")));
                }
            }
        }
        if let (Some(f), Some(t)) = (f, t) {
            if ok && t <= f {
                ok = false;
                out.push(problem("time-invalid", format!("{path}.to"), format!("the period ends at {to}, not after it starts at {from}")));
            }
        }
        let mut days = [weekdays.is_empty(); 7];
        for (i, d) in weekdays.iter().enumerate() {
            match weekday_index(d) {
                Some(w) => days[w] = true,
                None => {
                    ok = false;
                    out.push(problem("weekday-invalid", format!("{path}.weekdays[{i}]"), format!("'{d}' is not one of Mon, Tue, Wed, Thu, Fri, Sat, Sun")));
                }
            }
        }
        let im = self.interval_minutes.max(1);
        ok.then(|| Span { first: (f.unwrap_or(0) / im) as usize, end: (t.unwrap_or(0) / im) as usize, weekdays: days })
    }

    fn overlaps(&self, spans: &[(usize, Span)], path: &str, out: &mut Vec<LoadProblem>) {
        for (i, (a_index, a)) in spans.iter().enumerate() {
            for (b_index, b) in &spans[..i] {
                let same_day = (0..7).any(|d| a.weekdays[d] && b.weekdays[d]);
                if same_day && a.first < b.end && b.first < a.end {
                    out.push(problem(
                        "periods-overlap",
                        format!("{path}[{a_index}]"),
                        format!("period {} overlaps period {} on the same day", a_index + 1, b_index + 1),
                    ));
                }
            }
        }
    }

    /// What is wrong with the model on its own (not against plans): errors and warnings.
    pub fn problems(&self) -> Vec<LoadProblem> {
        let mut out = Vec::new();
        if !self.interval_ok() {
            out.push(problem(
                "interval-invalid",
                "interval_minutes".into(),
                format!("{} minutes does not divide the day into intervals of 5 minutes or more (15 and 30 are usual)", self.interval_minutes),
            ));
        }
        if !(1..=MAX_DAYS).contains(&self.days) {
            out.push(problem("days-invalid", "days".into(), format!("{} days: a run is 1 to {MAX_DAYS} days", self.days)));
        }
        if self.start.time() != chrono::NaiveTime::MIN {
            out.push(problem("start-not-midnight", "start".into(), format!("{} is not midnight: intervals start at 00:00", self.start.to_rfc3339())));
        }
        for (name, q) in &self.queues {
            let base = format!("queues.{name}");
            let mut spans = Vec::new();
            for (i, s) in q.staffing.iter().enumerate() {
                let path = format!("{base}.staffing[{i}]");
                if s.agents < 0 {
                    out.push(problem("agents-negative", format!("{path}.agents"), format!("{} agents: a period has 0 agents or more", s.agents)));
                } else if s.agents > 10_000 {
                    out.push(problem("agents-too-many", format!("{path}.agents"), format!("{} agents: at most 10,000 per queue", s.agents)));
                }
                if let Some(span) = self.span(&s.from, &s.to, &s.weekdays, &path, &mut out) {
                    spans.push((i, span));
                }
            }
            self.overlaps(&spans, &format!("{base}.staffing"), &mut out);
            if let Some(p) = q.handle_seconds.problem() {
                out.push(problem("distribution-invalid", format!("{base}.handle_seconds"), p));
            }
            if let Some(p) = q.patience_seconds.as_ref().and_then(Distribution::problem) {
                out.push(problem("distribution-invalid", format!("{base}.patience_seconds"), p));
            }
            if !(0.0..=1.0).contains(&q.breakout_share) {
                out.push(problem("breakout-share-invalid", format!("{base}.breakout_share"), format!("{} is not a share from 0 to 1", q.breakout_share)));
            }
        }
        for (a_i, a) in self.arrivals.iter().enumerate() {
            let base = format!("arrivals[{a_i}]");
            if a.plan.is_empty() == a.destination.is_none() {
                out.push(problem("arrivals-target", base.clone(), "arrivals need either plan (a plan's id) or destination (a number or API address), not both or neither".into()));
            }
            if a.volume.is_empty() == a.csv.is_none() {
                out.push(problem(
                    "arrivals-source",
                    base.clone(),
                    format!("arrivals at '{}' need either volume (expected interactions per interval) or csv (real arrival times), not both or neither", a.label()),
                ));
            }
            let mut spans = Vec::new();
            for (i, v) in a.volume.iter().enumerate() {
                let path = format!("{base}.volume[{i}]");
                if !(v.interactions.is_finite() && v.interactions >= 0.0 && v.interactions <= 1e7) {
                    out.push(problem("volume-invalid", format!("{path}.interactions"), format!("{} is not a number of interactions from 0 to 10,000,000", v.interactions)));
                }
                if let Some(span) = self.span(&v.from, &v.to, &v.weekdays, &path, &mut out) {
                    spans.push((i, span));
                }
            }
            self.overlaps(&spans, &format!("{base}.volume"), &mut out);
        }
        out
    }

    /// Whether any problem is an error (a run refuses the model then).
    pub fn has_errors(problems: &[LoadProblem]) -> bool {
        problems.iter().any(|p| !p.warning)
    }

    /// The weekday (0 = Monday) of day `d` of the run.
    fn weekday(&self, d: usize) -> usize {
        (self.start.weekday().num_days_from_monday() as usize + d) % 7
    }

    /// Agents per interval over the whole run (the model must be free of errors).
    pub fn staffing_profile(&self, queue: &QueueLoad) -> Vec<u32> {
        let per_day = self.intervals_per_day();
        let mut out = vec![0u32; self.intervals()];
        for s in &queue.staffing {
            let mut sink = Vec::new();
            let Some(span) = self.span(&s.from, &s.to, &s.weekdays, "", &mut sink) else { continue };
            for d in 0..self.days as usize {
                if span.weekdays[self.weekday(d)] {
                    for i in span.first..span.end.min(per_day) {
                        out[d * per_day + i] = s.agents.clamp(0, 10_000) as u32;
                    }
                }
            }
        }
        out
    }

    /// Expected arrivals per interval over the whole run.
    pub fn volume_profile(&self, arrivals: &Arrivals) -> Vec<f64> {
        let per_day = self.intervals_per_day();
        let mut out = vec![0.0; self.intervals()];
        for v in &arrivals.volume {
            let mut sink = Vec::new();
            let Some(span) = self.span(&v.from, &v.to, &v.weekdays, "", &mut sink) else { continue };
            for d in 0..self.days as usize {
                if span.weekdays[self.weekday(d)] {
                    for i in span.first..span.end.min(per_day) {
                        out[d * per_day + i] = v.interactions.max(0.0);
                    }
                }
            }
        }
        out
    }

    /// The label of interval `i` of the run: `08:30`, or `Tue 08:30` when the run is longer
    /// than a day.
    pub fn interval_label(&self, i: usize) -> String {
        let per_day = self.intervals_per_day().max(1);
        let m = (i % per_day) as u32 * self.interval_minutes;
        let time = format!("{:02}:{:02}", m / 60, m % 60);
        if self.days > 1 {
            format!("{} {time}", WEEKDAYS[self.weekday(i / per_day)])
        } else {
            time
        }
    }
}

fn problem(code: &'static str, path: String, message: String) -> LoadProblem {
    LoadProblem { code, path, message, warning: false }
}

pub(crate) fn warning(code: &'static str, path: String, message: String) -> LoadProblem {
    LoadProblem { code, path, message, warning: true }
}
