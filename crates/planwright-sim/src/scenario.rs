//! Scenarios: what one simulated interaction brings and what the outside world answers.
//!
//! A scenario file is JSON. Every field may be left out; the defaults are documented on each
//! field and in [`Scenario::default`]. A scenario with a [`Variation`] (the `vary` key) is a
//! *distribution scenario*: a batch draws each interaction from it with a seeded generator.
//!
//! Scripted results are looked up by applet id first, then by applet kind name (`"Acd"`,
//! `"Announcer"`, …) for live applets, or `"*"` for Data Connectors. A list of results is
//! consumed one per pass through the applet; the last one repeats.

use chrono::{DateTime, FixedOffset};
use planwright::model::Channel;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The InteractionOutcome values the platform fills in (domain notes, section 6); the engine
/// holds the list, since forms offer it too.
pub use planwright::offers::OUTCOMES;

/// The default start of a scenario: Monday 5 January 2026, 10:00 in London (GMT).
pub const DEFAULT_START: &str = "2026-01-05T10:00:00+00:00";

/// One interaction.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// A label for people; stored with the run.
    pub name: String,
    /// Voice or digital. Default: the entry plan's channel, else voice for a Default plan and
    /// digital for a Message plan.
    pub channel: Option<Channel>,
    /// The caller's number. Default `+447700900123`.
    pub clid: String,
    /// The number dialled, as `Dialed Number` (alias `DialledNumber`). Default `+448001234567`.
    #[serde(alias = "dialled_number")]
    pub dialed_number: String,
    /// The destination the interaction is made to (a number or API address). When set, the
    /// mapping that wins decides the plan (the testing plan when `clid` is one of its
    /// interaction sources), Dialed Number becomes the address, and the interaction starts
    /// with the destination's, mapping's and plan's data sources (each name `data` leaves out).
    pub destination: Option<String>,
    /// Default `en-GB`.
    pub language: String,
    /// The interaction's start, RFC 3339 with an offset. Default [`DEFAULT_START`].
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub start: DateTime<FixedOffset>,
    /// The InteractionOutcome, when the scenario fixes it. Otherwise it follows from the
    /// scripted live results. A value the plan sets itself always wins.
    pub outcome: Option<String>,
    /// Further data sources present from the start.
    pub data: BTreeMap<String, String>,
    /// Account configuration values, read by `#(Key)` placeholders.
    pub config: BTreeMap<String, String>,
    /// Scripted results of live applets, by applet id or kind name.
    pub live: BTreeMap<String, OneOrMany<LiveScript>>,
    /// Scripted responses of Data Connectors, by applet id or `"*"`.
    pub connectors: BTreeMap<String, OneOrMany<ConnectorResponse>>,
    /// The seed of a single simulation (Call Guid, and draws from `vary`). Default 0.
    pub seed: u64,
    /// Makes this a distribution scenario for batches.
    pub vary: Option<Variation>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: String::new(),
            channel: None,
            clid: "+447700900123".into(),
            dialed_number: "+448001234567".into(),
            destination: None,
            language: "en-GB".into(),
            start: DateTime::parse_from_rfc3339(DEFAULT_START).expect("the default start parses"),
            outcome: None,
            data: BTreeMap::new(),
            config: BTreeMap::new(),
            live: BTreeMap::new(),
            connectors: BTreeMap::new(),
            seed: 0,
            vary: None,
        }
    }
}

/// A single value or a list, in JSON.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(t) => std::slice::from_ref(t),
            OneOrMany::Many(v) => v,
        }
    }
}

/// The shorthands of a live script that mean the caller hangs up in the applet (instead of
/// leaving by an exit).
pub const HANG_UPS: [&str; 3] = ["HangUp", "HangUpInQueue", "HangUpIVR"];

/// What a live applet does on one pass. In JSON either an exit name (`"Delivered"`), the
/// shorthand `"HangUp"` (the caller hangs up in this applet), or an object.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LiveScript {
    Exit(String),
    Full(LiveResult),
}

impl LiveScript {
    pub fn result(&self) -> LiveResult {
        match self {
            LiveScript::Exit(e) if HANG_UPS.contains(&e.as_str()) => {
                LiveResult { hang_up: true, ..Default::default() }
            }
            LiveScript::Exit(e) => LiveResult { exit: Some(e.clone()), ..Default::default() },
            LiveScript::Full(r) => r.clone(),
        }
    }
}

/// The full form of a live result.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LiveResult {
    /// The exit taken. Default: the kind's default (see [`live_default`]).
    pub exit: Option<String>,
    /// The caller hangs up in this applet instead of leaving by an exit.
    pub hang_up: bool,
    /// Seconds spent in the applet (in the queue for ACD and UCD). Default per kind.
    pub seconds: Option<u64>,
    /// ACD and UCD, Delivered: seconds of conversation with the agent. Default 180.
    pub talk_seconds: Option<u64>,
    /// ACD and UCD, Delivered: the First Agent ID. Default `agent-1`.
    pub agent: Option<String>,
    /// IVR Collect Digit String: the digits keyed (then the exit is Digits Collected).
    pub digits: Option<String>,
    /// Transfer Call: the key pressed (then the exit is that key's option).
    pub key: Option<String>,
}

/// The defaults of an unscripted live applet: `(exit, seconds)`. ACD and UCD default to
/// Delivered after 30 s in queue (then 180 s of conversation); when the scenario fixes an
/// outcome, an unscripted queue follows it instead (see [`queue_result_for_outcome`]).
pub fn live_default(kind: planwright::AppletKind) -> (&'static str, u64) {
    use planwright::catalog::exit;
    use planwright::AppletKind as K;
    match kind {
        K::Acd | K::Ucd => (exit::DELIVERED, 30),
        K::Announcer => (exit::NEXT, 10),
        K::CollectDigits => (exit::NO_INPUT, 15),
        K::TransferCall => (exit::NO_INPUT, 15),
        K::TakeMessage => (exit::NEXT, 30),
        K::SendSms => (exit::NEXT, 0),
        // The kinds that need no live interaction: the simulator plays them itself.
        K::DataConnector | K::DataRouter | K::SetDataSource | K::RouteToPlan | K::ScheduleRouter | K::LoopCounter | K::Pause | K::SendEmail => ("", 0),
    }
}

/// The queue result that produces a given outcome: an exit, or a hang-up (`None`).
/// `HangUpIVR` is not a queue result: the caller hangs up in the first unscripted live applet.
pub fn queue_result_for_outcome(outcome: &str) -> Option<Option<&'static str>> {
    QUEUE_RESULTS.iter().find(|(o, _)| *o == outcome).map(|(_, e)| *e)
}

/// Every outcome an unscripted queue follows, with its queue result (see
/// [`queue_result_for_outcome`]).
pub const QUEUE_RESULTS: [(&str, Option<&str>); 10] = {
    use planwright::catalog::exit;
    [
        ("Delivered", Some(exit::DELIVERED)),
        ("Callback", Some(exit::DELIVERED)),
        ("CallbackQueued", Some(exit::DELIVERED)),
        ("HangUpInQueue", None),
        ("Breakout", Some(exit::KEY_PRESSED)),
        ("QueueTimeout", Some(exit::MAX_TIME_IN_QUEUE)),
        ("NoAgentsLoggedIn", Some(exit::NO_AGENTS)),
        ("MaxEstimatedWaitTime", Some(exit::ESTIMATED_WAIT)),
        ("AgentRejected", Some(exit::AGENT_DECLINED)),
        ("Other", Some(exit::MAX_QUEUE_LENGTH)),
    ]
};

/// The outcome that a queue exit implies.
pub fn outcome_of_queue_exit(exit_name: &str) -> &'static str {
    use planwright::catalog::exit;
    match exit_name {
        exit::DELIVERED => "Delivered",
        exit::KEY_PRESSED => "Breakout",
        exit::MAX_TIME_IN_QUEUE => "QueueTimeout",
        exit::NO_AGENTS => "NoAgentsLoggedIn",
        exit::ESTIMATED_WAIT => "MaxEstimatedWaitTime",
        exit::AGENT_DECLINED => "AgentRejected",
        _ => "Other",
    }
}

/// How a scripted connector call ends.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectorResult {
    /// A response arrived (any HTTP status).
    #[default]
    Response,
    /// The connection could not be made: Interface Failure.
    ConnectFailure,
    /// No answer within the applet's timeout: Interface Failure after the timeout.
    Timeout,
}

/// The simulated answer of a Data Connector. Default: HTTP 200, body `{}`, 150 ms.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectorResponse {
    pub result: ConnectorResult,
    pub status: u16,
    /// The response body; fields are read from it by their locators.
    pub body: serde_json::Value,
    pub latency_ms: u64,
}

impl Default for ConnectorResponse {
    fn default() -> Self {
        ConnectorResponse {
            result: ConnectorResult::Response,
            status: 200,
            body: serde_json::Value::Object(Default::default()),
            latency_ms: 150,
        }
    }
}

/// A weighted choice. Weights are relative and need not sum to 1.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weighted<T> {
    pub value: T,
    pub weight: f64,
}

/// A window of start times; a start is drawn uniformly in `[from, to)`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: DateTime<FixedOffset>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: DateTime<FixedOffset>,
}

/// How each Data Connector call of a batch ends, as ratios. Default: always the scripted
/// response. `http_error` answers HTTP 500 with an empty body.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectorRatios {
    pub success: f64,
    pub http_error: f64,
    pub failure: f64,
    pub timeout: f64,
}

impl Default for ConnectorRatios {
    fn default() -> Self {
        ConnectorRatios { success: 1.0, http_error: 0.0, failure: 0.0, timeout: 0.0 }
    }
}

/// What a batch varies. Every list left empty keeps the scenario's own value.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Variation {
    /// Outcomes, which unscripted queues follow (see [`queue_result_for_outcome`]).
    /// The value `""` leaves the outcome to the scripted live results.
    pub outcomes: Vec<Weighted<String>>,
    pub languages: Vec<Weighted<String>>,
    pub channels: Vec<Weighted<Channel>>,
    pub start_windows: Vec<Weighted<Window>>,
    /// CLID patterns: each `#` becomes a random digit, e.g. `+447700900###`.
    pub clid_patterns: Vec<Weighted<String>>,
    /// Destinations (numbers or API addresses), each interaction made to one drawn by weight:
    /// it enters the plan that destination's winning mapping reaches (see `destination`).
    pub destinations: Vec<Weighted<String>>,
    pub connectors: ConnectorRatios,
    /// Further data sources drawn per interaction.
    pub data: BTreeMap<String, Vec<Weighted<String>>>,
    /// How long queues, conversations and connectors take.
    pub timing: Timing,
}

/// A duration drawn each time one is needed, from the interaction's own generator. In JSON an
/// object with one key: `{"fixed": 30}`, `{"uniform": {"min": 5, "max": 120}}`,
/// `{"log_normal": {"median": 45, "sigma": 0.8}}`, `{"exponential": {"mean": 150}}` (the
/// memoryless one of queueing theory's Erlang C and Erlang A), or an empirical histogram of values and
/// weights, `{"histogram": [{"value": 20, "weight": 3}, {"value": 90, "weight": 1}]}`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    Fixed(f64),
    Uniform { min: f64, max: f64 },
    /// `median` is e^μ; `sigma` is σ of the underlying normal (0 is the median every time).
    LogNormal { median: f64, sigma: f64 },
    Exponential { mean: f64 },
    Histogram(Vec<Weighted<f64>>),
}

impl Distribution {
    /// The longest duration drawn (in the distribution's own unit); larger draws are cut.
    pub const MAX: f64 = 1e9;

    /// What is wrong with it, if anything: negative, not finite or too large values, an empty
    /// range.
    pub fn problem(&self) -> Option<String> {
        let bad = |x: f64| !x.is_finite() || !(0.0..=Self::MAX).contains(&x);
        match self {
            Distribution::Fixed(v) if bad(*v) => Some(format!("fixed {v} is not a duration")),
            Distribution::Uniform { min, max } if bad(*min) || bad(*max) || max < min => Some(format!("uniform {min} .. {max} is not a range of durations")),
            Distribution::LogNormal { median, sigma } if bad(*median) || *median == 0.0 || bad(*sigma) || *sigma > 10.0 => {
                Some(format!("log-normal median {median}, sigma {sigma}: the median must be positive and sigma from 0 to 10"))
            }
            Distribution::Exponential { mean } if bad(*mean) || *mean == 0.0 => Some(format!("exponential mean {mean} must be a positive duration")),
            Distribution::Histogram(h) if h.is_empty() => Some("the histogram has no values".into()),
            Distribution::Histogram(h) if h.iter().any(|w| bad(w.value) || bad(w.weight)) || h.iter().all(|w| w.weight == 0.0) => {
                Some("the histogram's values and weights must be durations and weights, some weight positive".into())
            }
            _ => None,
        }
    }

    /// The mean of a draw (before the cut at [`Distribution::MAX`]).
    pub fn mean(&self) -> f64 {
        match self {
            Distribution::Fixed(v) => *v,
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::LogNormal { median, sigma } => median * (sigma * sigma / 2.0).exp(),
            Distribution::Exponential { mean } => *mean,
            Distribution::Histogram(h) => {
                let total: f64 = h.iter().map(|w| w.weight).sum();
                if total > 0.0 { h.iter().map(|w| w.value * w.weight).sum::<f64>() / total } else { 0.0 }
            }
        }
    }

    /// One draw, from 0 to [`Distribution::MAX`].
    pub fn sample(&self, rng: &mut crate::rng::Rng) -> f64 {
        self.raw_sample(rng).clamp(0.0, Self::MAX)
    }

    fn raw_sample(&self, rng: &mut crate::rng::Rng) -> f64 {
        match self {
            Distribution::Fixed(v) => *v,
            Distribution::Uniform { min, max } => min + (max - min) * rng.unit(),
            Distribution::LogNormal { median, sigma } => {
                // Box-Muller: one standard normal from two uniforms (1 - u keeps ln away from 0).
                let (u1, u2) = (1.0 - rng.unit(), rng.unit());
                let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
                median * (sigma * z).exp()
            }
            // Inversion; 1 - u keeps ln away from 0.
            Distribution::Exponential { mean } => -mean * (1.0 - rng.unit()).ln(),
            Distribution::Histogram(h) => {
                let total: f64 = h.iter().map(|w| w.weight).sum();
                let mut at = rng.unit() * total;
                for w in h {
                    if at < w.weight {
                        return w.value;
                    }
                    at -= w.weight;
                }
                h.last().map_or(0.0, |w| w.value)
            }
        }
    }
}

/// How long things take, drawn per interaction; each left out keeps the scripted time or the
/// documented default. Unscripted queues (ACD, UCD) wait `queue_wait_seconds` (or the entry
/// of `queue_wait_by_outcome` for the outcome they follow) and, when delivered, talk
/// `talk_seconds`; every Data Connector answers after `connector_latency_ms`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Timing {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub queue_wait_seconds: Option<Distribution>,
    /// By InteractionOutcome value (`HangUpInQueue`, `Delivered`, …).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, Distribution>>", optional))]
    pub queue_wait_by_outcome: BTreeMap<String, Distribution>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub talk_seconds: Option<Distribution>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub connector_latency_ms: Option<Distribution>,
}

impl Timing {
    pub fn is_empty(&self) -> bool {
        self == &Timing::default()
    }

    /// The first problem of any of its distributions, named by field.
    pub fn problem(&self) -> Option<String> {
        let named = [("queue_wait_seconds", &self.queue_wait_seconds), ("talk_seconds", &self.talk_seconds), ("connector_latency_ms", &self.connector_latency_ms)];
        for (name, d) in named {
            if let Some(p) = d.as_ref().and_then(Distribution::problem) {
                return Some(format!("timing.{name}: {p}"));
            }
        }
        for (outcome, d) in &self.queue_wait_by_outcome {
            if let Some(p) = d.problem() {
                return Some(format!("timing.queue_wait_by_outcome.{outcome}: {p}"));
            }
        }
        None
    }
}

/// Errors in a scenario that only show against the plans.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ScenarioError {
    #[error("scenario: {0}")]
    Invalid(String),
    #[error("scenario file {path}: {message}")]
    File { path: String, message: String },
    #[error("scenario file {path}: cannot read: {source}")]
    Read { path: String, source: planwright::error::ReadError },
}

impl Scenario {
    /// Parses a scenario file's text. Errors name the line and column.
    pub fn from_json(text: &str) -> Result<Scenario, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The text a scenario is saved as: sorted keys, two-space indent, a final newline, and
    /// only the top-level fields that differ from [`Scenario::default`] (the name always), so
    /// a file holds what its author chose. Loading it gives the same scenario, and saving that
    /// again the same bytes.
    pub fn canonical_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.canonical_value()).expect("a value serializes");
        text.push('\n');
        text
    }

    /// The scenario's name and the fields that differ from the defaults: what a scenario file
    /// holds, or a plan test that writes its scenario inline.
    pub fn canonical_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).expect("a scenario serializes");
        let defaults = serde_json::to_value(Scenario::default()).expect("a scenario serializes");
        if let (Some(fields), Some(defaults)) = (v.as_object_mut(), defaults.as_object()) {
            fields.retain(|k, value| k == "name" || defaults.get(k) != Some(value));
        }
        v
    }

    /// The interaction as it arrives at a destination: Dialed Number is the address, and it
    /// starts with the data sources of the destination, mapping and plan (the resolution's)
    /// for every name the scenario's own data does not set.
    /// A number is dialled in its plain form (`+44 800 123 4567` arrives as `+448001234567`).
    pub fn arrive_at(&mut self, r: &planwright::destination::Resolution) {
        self.dialed_number = if planwright::destination::is_phone_number(&r.address) {
            planwright::destination::normal_address(&r.address)
        } else {
            r.address.trim().to_string()
        };
        for v in &r.data_sources {
            self.data.entry(v.name.clone()).or_insert_with(|| v.value.clone());
        }
    }

    /// Reads a scenario file.
    pub fn load(path: &std::path::Path) -> Result<Scenario, ScenarioError> {
        let text = planwright::plan_file::read_text(path)
            .map_err(|source| ScenarioError::Read { path: path.display().to_string(), source })?;
        Scenario::from_json(&text).map_err(|message| ScenarioError::File { path: path.display().to_string(), message })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_keeps_what_differs_from_the_defaults_and_is_stable() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans/scenarios");
        for entry in std::fs::read_dir(dir).unwrap() {
            let s = Scenario::load(&entry.unwrap().path()).unwrap();
            let text = s.canonical_text();
            let back = Scenario::from_json(&text).unwrap();
            assert_eq!(back, s, "{text}");
            assert_eq!(back.canonical_text(), text, "saving again gives the same bytes");
        }
        let s = Scenario { clid: "+441".into(), ..Scenario::default() };
        let v: serde_json::Value = serde_json::from_str(&s.canonical_text()).unwrap();
        assert_eq!(v.as_object().unwrap().keys().collect::<Vec<_>>(), ["clid", "name"]);
    }

    #[test]
    fn a_scenario_file_that_is_not_utf8_names_the_first_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, b"{\n  \"clid\": \"\xfe\"\n}").unwrap();
        let err = Scenario::load(&path).unwrap_err();
        assert_eq!(
            err,
            ScenarioError::Read {
                path: path.display().to_string(),
                source: planwright::error::ReadError::InvalidUtf8 { offset: 13, line: 2, column: 12 }
            }
        );
        assert!(err.to_string().contains("invalid UTF-8 at byte offset 13 (line 2, column 12)"), "{err}");
    }

    #[test]
    fn an_empty_scenario_takes_the_documented_defaults() {
        let s = Scenario::from_json("{}").unwrap();
        assert_eq!(s, Scenario::default());
        assert_eq!(s.language, "en-GB");
    }

    #[test]
    fn live_scripts_accept_exit_names_hang_up_and_objects() {
        let s = Scenario::from_json(
            r#"{"live": {"Acd": "HangUp", "menu": [{"digits": "12"}, "No Input"]}, "dialled_number": "0800"}"#,
        )
        .unwrap();
        assert!(s.live["Acd"].as_slice()[0].result().hang_up);
        assert_eq!(s.live["menu"].as_slice()[0].result().digits.as_deref(), Some("12"));
        assert_eq!(s.live["menu"].as_slice()[1].result().exit.as_deref(), Some("No Input"));
        assert_eq!(s.dialed_number, "0800", "dialled_number is an alias");
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(Scenario::from_json(r#"{"clidd": "1"}"#).unwrap_err().contains("clidd"));
    }
}
