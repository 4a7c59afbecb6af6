//! Plan tests: files beside the plans (`plans/tests/*.json`) that name a plan and a scenario
//! and expect things of the run. `planwright test` runs them offline; the exit coverage of a
//! suite says which exits no test takes.
//!
//! ```json
//! {
//!   "$schema": "test.schema.json",
//!   "schema_version": 1,
//!   "name": "A delivered order call gets its SMS",
//!   "plan": "voice-orders",
//!   "scenario": "../scenarios/voice-orders-delivered.json",
//!   "expect": [
//!     {"passes": {"applet": "orders_queue", "exit": "Delivered"}},
//!     {"avoids": {"applet": "take_message"}},
//!     {"outcome": "Delivered"},
//!     {"end_reason": "completed"},
//!     {"data_source": {"name": "SmsStatus", "equals": "202"}},
//!     {"email": {"to": "supervisor@example.com", "subject_contains": "Missed"}},
//!     {"connector_called": {"applet": "send_sms", "body_contains": "SM-"}}
//!   ]
//! }
//! ```
//!
//! The scenario is a path relative to the test file, or a scenario written inline. A test runs
//! one simulation (interaction 0 of the scenario's seed), so it is deterministic.

use crate::record::{RunRecord, Step};
use crate::scenario::Scenario;
use planwright::catalog;
use planwright::render::xml_escape as esc;
use planwright::Workspace;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod draft;
pub use draft::{draft_from_run, keep, test_file, KeepError};

/// The test file format version this build reads and writes.
pub const TEST_SCHEMA_VERSION: u32 = 1;

/// One plan test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanTest {
    /// The JSON Schema an editor should use for this file.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub schema_version: u32,
    /// What the test shows, in words; it names the test in reports.
    pub name: String,
    /// The id of the plan the interaction enters. May be left out when the scenario names a
    /// `destination` (the plan it reaches is tested); with both, the test first checks that
    /// the destination reaches this plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan: String,
    /// The scenario: a file (relative to the test file) or written inline. Default: the
    /// default scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioRef>,
    /// Which interaction of the scenario's seed the test runs: 0, the first, unless the test
    /// was saved from a batch's run (its interaction, drawn from the scenario's variation).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub interaction: u64,
    /// What the run must show, checked in order; the first unmet one fails the test.
    pub expect: Vec<Expectation>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum ScenarioRef {
    /// A scenario file, relative to the test file's folder.
    File(String),
    /// A scenario written in the test.
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    Inline(Box<Scenario>),
}

/// A file as its path, a scenario written in the test as its canonical fields (those that
/// differ from the defaults), as a scenario file holds them.
impl Serialize for ScenarioRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ScenarioRef::File(path) => s.serialize_str(path),
            ScenarioRef::Inline(scenario) => scenario.canonical_value().serialize(s),
        }
    }
}

/// A string is a file and an object a scenario, whose own error is reported as it is (an
/// untagged enum would only say that nothing matched).
impl<'de> Deserialize<'de> for ScenarioRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(path) => Ok(ScenarioRef::File(path)),
            v @ serde_json::Value::Object(_) => {
                serde_json::from_value(v).map(|s| ScenarioRef::Inline(Box::new(s))).map_err(|e| D::Error::custom(format!("the inline scenario: {e}")))
            }
            _ => Err(D::Error::custom("scenario: a scenario file's path (relative to the test file) or a scenario object")),
        }
    }
}

/// An applet, and optionally one of its exits, somewhere on the run's path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathPoint {
    pub applet: String,
    /// The exit taken from it; any exit when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<String>,
    /// The plan the applet is in; the entry plan when left out. Name the route plan to expect
    /// something of the post-interaction route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSourceValue {
    pub name: String,
    /// The value at the end of the run. Left out with `absent: false`, only that it is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
    /// `true`: the data source must not be set at the end of the run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
}

/// An email (or text message) in the outbox. Every field given must hold.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EmailExpectation {
    /// One of the recipients (To, Cc or Bcc), exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_contains: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_contains: Option<String>,
}

/// A Data Connector call. Every field given must hold.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectorExpectation {
    /// The Data Connector's applet id; any when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_contains: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_contains: Option<String>,
}

/// One thing the run must show. In JSON an object with one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Expectation {
    /// The path passes this applet (and leaves it by this exit, when given).
    Passes(PathPoint),
    /// The path never passes this applet (or never leaves it by this exit).
    Avoids(PathPoint),
    /// The InteractionOutcome at the end of the run.
    Outcome(String),
    /// Why the run ended, by code (`completed`, `step-limit`, …).
    EndReason(String),
    /// A data source's value at the end of the run.
    DataSource(DataSourceValue),
    /// An email or text message in the outbox.
    Email(EmailExpectation),
    /// No email or text message at all.
    NoEmail(bool),
    /// A Data Connector was called.
    ConnectorCalled(ConnectorExpectation),
}

impl Expectation {
    /// The expectation in words, as reports show it.
    pub fn describe(&self) -> String {
        let point = |p: &PathPoint| {
            let mut s = format!("applet '{}'", p.applet);
            if let Some(e) = &p.exit {
                s.push_str(&format!(" by exit '{e}'"));
            }
            if let Some(plan) = &p.plan {
                s.push_str(&format!(" in plan '{plan}'"));
            }
            s
        };
        match self {
            Expectation::Passes(p) => format!("passes {}", point(p)),
            Expectation::Avoids(p) => format!("avoids {}", point(p)),
            Expectation::Outcome(o) => format!("InteractionOutcome is '{o}'"),
            Expectation::EndReason(r) => format!("the run ends with '{r}'"),
            Expectation::DataSource(d) => match (&d.equals, &d.contains, d.absent) {
                (_, _, true) => format!("data source '{}' is not set", d.name),
                (Some(v), _, _) => format!("data source '{}' is '{v}'", d.name),
                (None, Some(c), _) => format!("data source '{}' contains '{c}'", d.name),
                (None, None, _) => format!("data source '{}' is set", d.name),
            },
            Expectation::Email(e) => {
                let mut parts = Vec::new();
                if let Some(t) = &e.to {
                    parts.push(format!("to '{t}'"));
                }
                if let Some(s) = &e.subject_contains {
                    parts.push(format!("subject contains '{s}'"));
                }
                if let Some(b) = &e.body_contains {
                    parts.push(format!("body contains '{b}'"));
                }
                if parts.is_empty() {
                    "an email in the outbox".into()
                } else {
                    format!("an email {}", parts.join(", "))
                }
            }
            Expectation::NoEmail(true) => "no email in the outbox".into(),
            Expectation::NoEmail(false) => "anything in the outbox (no_email: false)".into(),
            Expectation::ConnectorCalled(c) => {
                let mut s = match &c.applet {
                    Some(a) => format!("Data Connector '{a}' is called"),
                    None => "a Data Connector is called".into(),
                };
                if let Some(u) = &c.url_contains {
                    s.push_str(&format!(", URL contains '{u}'"));
                }
                if let Some(b) = &c.body_contains {
                    s.push_str(&format!(", body contains '{b}'"));
                }
                s
            }
        }
    }

    /// Whether the run meets it; when not, what the run shows instead and the step to look at.
    pub fn check(&self, entry_plan: &str, run: &RunRecord) -> Result<(), Unmet> {
        let at = |p: &PathPoint, s: &Step| {
            s.applet == p.applet
                && s.plan == p.plan.as_deref().unwrap_or(entry_plan)
                && p.exit.as_ref().is_none_or(|e| s.exit.as_ref() == Some(e))
        };
        let last = run.steps.last().map(|s| s.seq);
        match self {
            Expectation::Passes(p) => match run.steps.iter().find(|s| at(p, s)) {
                Some(_) => Ok(()),
                None => {
                    let near = run.steps.iter().find(|s| s.applet == p.applet && s.plan == p.plan.as_deref().unwrap_or(entry_plan));
                    Err(match near {
                        Some(s) => Unmet::at(s.seq, format!("it passes '{}' but leaves by '{}'", s.applet, s.exit.as_deref().unwrap_or("no exit"))),
                        None => Unmet { found: "the path never reaches it".into(), step: last },
                    })
                }
            },
            Expectation::Avoids(p) => match run.steps.iter().find(|s| at(p, s)) {
                Some(s) => Err(Unmet::at(s.seq, format!("step {} passes it", s.seq))),
                None => Ok(()),
            },
            Expectation::Outcome(o) => match &run.outcome {
                Some(found) if found == o => Ok(()),
                found => Err(Unmet { found: format!("it is {}", quoted_or_none(found.as_deref())), step: last }),
            },
            Expectation::EndReason(r) if run.end_reason.code == *r => Ok(()),
            Expectation::EndReason(_) => Err(Unmet { found: format!("it ends with '{}': {}", run.end_reason.code, run.end_reason.message), step: last }),
            Expectation::DataSource(d) => {
                let value = run.data.get(&d.name);
                let ok = match value {
                    None => d.absent,
                    Some(v) => !d.absent && d.equals.as_ref().is_none_or(|e| e == v) && d.contains.as_ref().is_none_or(|c| v.contains(c.as_str())),
                };
                if ok {
                    return Ok(());
                }
                // The last step that set it is where to look.
                let step = run.steps.iter().rev().find(|s| s.changes.iter().any(|c| c.name == d.name)).map(|s| s.seq).or(last);
                Err(Unmet { found: format!("it is {}", quoted_or_none(value.map(String::as_str))), step })
            }
            Expectation::Email(e) => {
                let fits = |m: &crate::record::OutboxMessage| {
                    e.to.as_ref().is_none_or(|t| m.to.iter().chain(&m.cc).chain(&m.bcc).any(|r| r == t))
                        && e.subject_contains.as_ref().is_none_or(|s| m.subject.contains(s.as_str()))
                        && e.body_contains.as_ref().is_none_or(|b| m.body.contains(b.as_str()))
                };
                if run.outbox.iter().any(fits) {
                    return Ok(());
                }
                Err(match run.outbox.first() {
                    None => Unmet { found: "the outbox is empty".into(), step: last },
                    Some(m) => Unmet::at(
                        m.step,
                        format!("the outbox holds {} message(s), none that fits; the first is to {} with subject '{}'", run.outbox.len(), m.to.join(", "), m.subject),
                    ),
                })
            }
            Expectation::NoEmail(want_none) => match (run.outbox.first(), *want_none) {
                (Some(m), true) => Err(Unmet::at(m.step, format!("step {} renders a message to {} ('{}')", m.step, m.to.join(", "), m.subject))),
                (None, false) => Err(Unmet { found: "the outbox is empty".into(), step: last }),
                _ => Ok(()),
            },
            Expectation::ConnectorCalled(c) => {
                let fits = |k: &&crate::record::ConnectorCall| {
                    c.applet.as_ref().is_none_or(|a| &k.applet == a)
                        && c.url_contains.as_ref().is_none_or(|u| k.url.contains(u.as_str()))
                        && c.body_contains.as_ref().is_none_or(|b| k.body.contains(b.as_str()))
                };
                if run.connector_calls.iter().any(|k| fits(&k)) {
                    return Ok(());
                }
                let same_applet = run.connector_calls.iter().find(|k| c.applet.as_ref().is_none_or(|a| &k.applet == a));
                Err(match same_applet {
                    Some(k) => Unmet::at(k.step, format!("'{}' is called with URL '{}' and body '{}'", k.applet, k.url, k.body)),
                    None if run.connector_calls.is_empty() => Unmet { found: "no Data Connector is called".into(), step: last },
                    None => Unmet { found: format!("only {} are called", called(run)), step: last },
                })
            }
        }
    }
}

fn quoted_or_none(v: Option<&str>) -> String {
    v.map_or("not set".to_string(), |v| format!("'{v}'"))
}

fn called(run: &RunRecord) -> String {
    let names: BTreeSet<&str> = run.connector_calls.iter().map(|k| k.applet.as_str()).collect();
    names.into_iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}

/// What the run shows instead of an expectation, and the step to look at (for the trace
/// around it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmet {
    pub found: String,
    pub step: Option<u32>,
}

impl Unmet {
    fn at(step: u32, found: String) -> Unmet {
        Unmet { found, step: Some(step) }
    }
}

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum PlanTestError {
    #[error("{path}: cannot read: {source}")]
    Read { path: String, source: planwright::error::ReadError },
    #[error("{path}: line {line}, column {column}: {message}")]
    Malformed { path: String, line: usize, column: usize, message: String },
    #[error("{path}: schema_version {found} is not one this build reads (it reads {TEST_SCHEMA_VERSION})")]
    Version { path: String, found: u32 },
    #[error("{path}: scenario {scenario}: {message}")]
    Scenario { path: String, scenario: String, message: String },
}

impl PlanTestError {
    pub fn code(&self) -> &'static str {
        match self {
            PlanTestError::Read { source, .. } => source.code(),
            PlanTestError::Malformed { .. } => "test-malformed",
            PlanTestError::Version { .. } => "test-schema-version",
            PlanTestError::Scenario { .. } => "test-scenario",
        }
    }
}

/// A test file, loaded, with its scenario resolved.
#[derive(Debug, Clone)]
pub struct LoadedTest {
    pub path: PathBuf,
    pub test: PlanTest,
    pub scenario: Scenario,
}

impl LoadedTest {
    /// A test not read from a file (a draft), to be written at `path`: its scenario is the one
    /// written inline, else the default one.
    pub fn drafted(path: PathBuf, test: PlanTest) -> LoadedTest {
        let scenario = match &test.scenario {
            Some(ScenarioRef::Inline(s)) => (**s).clone(),
            _ => Scenario::default(),
        };
        LoadedTest { path, test, scenario }
    }
}

impl PlanTest {
    /// Parses a test file's text.
    pub fn from_json(text: &str) -> Result<PlanTest, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Reads a test file and the scenario file it names.
    pub fn load(path: &Path) -> Result<LoadedTest, PlanTestError> {
        let shown = path.display().to_string();
        let text = planwright::plan_file::read_text(path).map_err(|source| PlanTestError::Read { path: shown.clone(), source })?;
        let test = PlanTest::from_json(&text).map_err(|e| PlanTestError::Malformed {
            path: shown.clone(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })?;
        if test.schema_version != TEST_SCHEMA_VERSION {
            return Err(PlanTestError::Version { path: shown, found: test.schema_version });
        }
        let scenario = match &test.scenario {
            None => Scenario::default(),
            Some(ScenarioRef::Inline(s)) => (**s).clone(),
            Some(ScenarioRef::File(rel)) => {
                let at = path.parent().unwrap_or(Path::new(".")).join(rel);
                Scenario::load(&at).map_err(|e| PlanTestError::Scenario { path: shown.clone(), scenario: rel.clone(), message: e.to_string() })?
            }
        };
        Ok(LoadedTest { path: path.to_path_buf(), test, scenario })
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The result of one test.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    pub name: String,
    pub plan: String,
    pub path: String,
    /// The first unmet expectation, or why the test could not run.
    pub failure: Option<Failure>,
    /// The run, when the test ran.
    #[serde(skip)]
    pub run: Option<RunRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// `expectation` (an expectation is unmet) or `error` (the plan or scenario cannot run).
    pub kind: &'static str,
    /// The expectation's index in `expect`, for an unmet one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    pub expected: String,
    pub found: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
}

impl TestResult {
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

/// Runs one loaded test against the workspace.
pub fn run_test(ws: &Workspace, t: &LoadedTest) -> TestResult {
    let mut result = TestResult { name: t.test.name.clone(), plan: t.test.plan.clone(), path: t.path.display().to_string(), failure: None, run: None };
    let asked = (!t.test.plan.is_empty()).then_some(t.test.plan.as_str());
    let sim = match crate::Simulation::for_scenario(ws, asked, t.scenario.clone(), Default::default()) {
        Ok(s) => s,
        Err(crate::SimError::ReachesOtherPlan { address, reached, asked, why }) => {
            result.failure = Some(Failure {
                kind: "expectation",
                index: None,
                expected: format!("an interaction to {address} reaches plan '{asked}'"),
                found: format!("it reaches plan '{reached}': {why}"),
                step: None,
            });
            return result;
        }
        Err(e) => {
            let what = match asked {
                Some(p) => format!("plan '{p}' runs"),
                None => "the scenario's destination reaches a plan".to_string(),
            };
            result.failure = Some(Failure { kind: "error", index: None, expected: what, found: e.to_string(), step: None });
            return result;
        }
    };
    // The plan the interaction entered: a scenario that draws destinations enters the one its
    // interaction's destination reaches.
    let run = sim.simulate_interaction(t.test.interaction);
    let entry = run.plan.clone();
    result.plan = entry.clone();
    for (i, e) in t.test.expect.iter().enumerate() {
        if let Err(unmet) = e.check(&entry, &run) {
            result.failure = Some(Failure { kind: "expectation", index: Some(i), expected: e.describe(), found: unmet.found, step: unmet.step });
            break;
        }
    }
    result.run = Some(run);
    result
}

/// An exit of an applet of a plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ExitRef {
    pub plan: String,
    pub applet: String,
    pub exit: String,
}

/// Which exits of the plans a suite touches are taken by at least one test.
#[derive(Debug, Clone, Serialize)]
pub struct ExitCoverage {
    /// Every exit of every plan a test enters or reaches.
    pub total: usize,
    pub taken: usize,
    /// The exits no test takes, sorted by plan, applet, then exit order.
    pub untaken: Vec<ExitRef>,
}

impl ExitCoverage {
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.taken as f64 * 100.0 / self.total as f64
        }
    }
}

/// The exit coverage of a suite's runs: over the plans the tests enter and every plan their
/// runs step into (post-interaction routes, Route to Interaction Plan targets).
pub fn exit_coverage(ws: &Workspace, results: &[TestResult]) -> ExitCoverage {
    let runs: Vec<&RunRecord> = results.iter().filter_map(|r| r.run.as_ref()).collect();
    let mut plans: BTreeSet<&str> = results.iter().map(|r| r.plan.as_str()).collect();
    for run in &runs {
        plans.extend(run.steps.iter().map(|s| s.plan.as_str()));
    }
    coverage_of(ws, plans, &runs)
}

/// The exit coverage of one plan by a suite's runs (whether or not a test reaches it: then
/// none of its exits is taken), as the window's Tests tab shows it.
pub fn plan_exit_coverage(ws: &Workspace, results: &[TestResult], plan: &str) -> ExitCoverage {
    let runs: Vec<&RunRecord> = results.iter().filter_map(|r| r.run.as_ref()).collect();
    coverage_of(ws, BTreeSet::from([plan]), &runs)
}

/// Every exit of `plans`, and which of them `runs` take.
fn coverage_of(ws: &Workspace, plans: BTreeSet<&str>, runs: &[&RunRecord]) -> ExitCoverage {
    let taken_set: BTreeSet<(&str, &str, &str)> =
        runs.iter().flat_map(|r| r.steps.iter()).filter_map(|s| Some((s.plan.as_str(), s.applet.as_str(), s.exit.as_deref()?))).collect();
    let (mut total, mut taken, mut untaken) = (0, 0, Vec::new());
    for id in plans {
        let Some(plan) = ws.plan(id) else { continue };
        let mut applets: Vec<_> = plan.applets.iter().collect();
        applets.sort_by(|a, b| a.id.cmp(&b.id));
        for a in applets {
            for exit in catalog::exits(&a.config, &ws.schedules) {
                total += 1;
                if taken_set.contains(&(id, a.id.as_str(), exit.as_str())) {
                    taken += 1;
                } else {
                    untaken.push(ExitRef { plan: id.to_string(), applet: a.id.clone(), exit });
                }
            }
        }
    }
    ExitCoverage { total, taken, untaken }
}

/// The JSON Schema of test files, committed as `plans/tests/test.schema.json`.
pub fn test_json_schema() -> String {
    let schema = schemars::schema_for!(PlanTest);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

/// The steps of `run` around `step` (two before, two after), or its last five steps.
pub fn steps_around(run: &RunRecord, step: Option<u32>) -> &[Step] {
    let n = run.steps.len();
    match step.and_then(|s| run.steps.iter().position(|x| x.seq == s)) {
        Some(i) => &run.steps[i.saturating_sub(2)..(i + 3).min(n)],
        None => &run.steps[n.saturating_sub(5)..],
    }
}

/// JUnit XML for a suite: one `testsuite` named `planwright`, a `testcase` per test (its
/// class the plan id), a `failure` for each failed test with the trace around it.
pub fn junit_xml(results: &[TestResult], seconds: f64) -> String {
    let failures = results.iter().filter(|r| !r.passed()).count();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!("<testsuites name=\"planwright\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{seconds:.3}\">\n", results.len()));
    x.push_str(&format!("  <testsuite name=\"planwright\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{seconds:.3}\">\n", results.len()));
    for r in results {
        x.push_str(&format!("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"", esc(&r.plan), esc(&r.name), esc(&r.path)));
        match &r.failure {
            None => x.push_str("/>\n"),
            Some(f) => {
                x.push_str(">\n");
                let mut body = format!("expected: {}\nfound: {}\n", f.expected, f.found);
                if let Some(run) = &r.run {
                    body.push_str("trace:\n");
                    for s in steps_around(run, f.step) {
                        body.push_str(&format!("  {}\n", step_line(s)));
                    }
                }
                x.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    f.kind,
                    esc(&format!("expected {}; {}", f.expected, f.found)),
                    esc(&body)
                ));
                x.push_str("    </testcase>\n");
            }
        }
    }
    x.push_str("  </testsuite>\n</testsuites>\n");
    x
}

/// A step in one line, as trace excerpts show it.
pub fn step_line(s: &Step) -> String {
    let exit = s.exit.as_deref().map(|e| format!(" → {e}")).unwrap_or_default();
    format!("{:>3} {} {}/{} ({}){exit}: {}", s.seq, s.phase.as_str(), s.plan, s.applet, s.kind, s.note)
}
