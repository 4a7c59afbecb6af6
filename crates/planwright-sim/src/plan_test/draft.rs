//! A plan test drafted from a run: the scenario that made the run (and, for a batch's run, its
//! interaction), and every expectation the run meets, in the order a reader checks them:
//! the path, the outcome, how the run ended, the data sources the plans set, the outbox and the
//! Data Connector calls. The window offers the draft in a form; what is kept is written to
//! `plans/tests/`.

use super::{ConnectorExpectation, DataSourceValue, EmailExpectation, Expectation, PathPoint, PlanTest, ScenarioRef, TEST_SCHEMA_VERSION};
use crate::record::RunRecord;
use crate::scenario::Scenario;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The test that expects of the plans what `run` shows. `scenario` is the scenario that made
/// the run: a single simulation's own, or its batch's (the test then runs the run's
/// interaction of the batch's seed, which draws the same values from the variation).
pub fn draft_from_run(run: &RunRecord, mut scenario: Scenario, name: String) -> PlanTest {
    scenario.seed = run.seed;
    // An interaction made to a destination names no plan: the test checks where the
    // destination leads, as the run did.
    let to_destination = scenario.destination.is_some() || scenario.vary.as_ref().is_some_and(|v| !v.destinations.is_empty());
    PlanTest {
        json_schema: Some("test.schema.json".into()),
        schema_version: TEST_SCHEMA_VERSION,
        name,
        plan: if to_destination { String::new() } else { run.plan.clone() },
        scenario: Some(ScenarioRef::Inline(Box::new(scenario))),
        interaction: run.index,
        expect: expectations(run),
    }
}

/// Why a draft cannot be kept as a test.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum KeepError {
    #[error("a test needs a name: what it shows, in words")]
    NoName,
    #[error("the draft has {count} expectations; there is none numbered {index}")]
    NoSuchExpectation { index: u32, count: usize },
    #[error("keep at least one expectation: a test that expects nothing cannot fail")]
    NothingKept,
    #[error("test file '{file}': {why}")]
    FileName { file: String, why: String },
}

impl KeepError {
    pub fn code(&self) -> &'static str {
        match self {
            KeepError::FileName { .. } => "test-name-invalid",
            KeepError::NoName | KeepError::NoSuchExpectation { .. } | KeepError::NothingKept => "test-invalid",
        }
    }
}

/// Where test file `file` (`name` or `name.json`) goes in the tests folder `dir`; its name
/// follows the rules of ids.
pub fn test_file(dir: &Path, file: &str) -> Result<PathBuf, KeepError> {
    let stem = file.strip_suffix(".json").unwrap_or(file);
    match planwright::model::id_problem(stem) {
        Some(why) => Err(KeepError::FileName { file: planwright::model::shorten(file, 80).into_owned(), why }),
        None => Ok(dir.join(format!("{stem}.json"))),
    }
}

/// The draft named `name` (trimmed), with the expectations whose indexes are in `keep`, in
/// the draft's order.
pub fn keep(mut test: PlanTest, name: &str, keep: &[u32]) -> Result<PlanTest, KeepError> {
    if name.trim().is_empty() {
        return Err(KeepError::NoName);
    }
    if let Some(&index) = keep.iter().find(|i| **i as usize >= test.expect.len()) {
        return Err(KeepError::NoSuchExpectation { index, count: test.expect.len() });
    }
    test.name = name.trim().to_string();
    test.expect = test.expect.into_iter().enumerate().filter(|(i, _)| keep.contains(&(*i as u32))).map(|(_, e)| e).collect();
    if test.expect.is_empty() {
        return Err(KeepError::NothingKept);
    }
    Ok(test)
}

/// Every expectation `run` meets, without repeats.
fn expectations(run: &RunRecord) -> Vec<Expectation> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for s in &run.steps {
        if seen.insert((s.plan.as_str(), s.applet.as_str(), s.exit.as_deref())) {
            let plan = (s.plan != run.plan).then(|| s.plan.clone());
            out.push(Expectation::Passes(PathPoint { applet: s.applet.clone(), exit: s.exit.clone(), plan }));
        }
    }
    if let Some(o) = &run.outcome {
        out.push(Expectation::Outcome(o.clone()));
    }
    out.push(Expectation::EndReason(run.end_reason.code.clone()));
    // The data sources the plans set, in the order first set, with their value at the end.
    let mut named = BTreeSet::new();
    for c in run.steps.iter().flat_map(|s| &s.changes) {
        if named.insert(c.name.as_str()) {
            out.push(Expectation::DataSource(match run.data.get(&c.name) {
                Some(v) => DataSourceValue { name: c.name.clone(), equals: Some(v.clone()), contains: None, absent: false },
                None => DataSourceValue { name: c.name.clone(), equals: None, contains: None, absent: true },
            }));
        }
    }
    if run.outbox.is_empty() {
        out.push(Expectation::NoEmail(true));
    }
    for m in &run.outbox {
        out.push(Expectation::Email(EmailExpectation {
            to: m.to.first().or(m.cc.first()).or(m.bcc.first()).cloned(),
            subject_contains: (!m.subject.is_empty()).then(|| m.subject.clone()),
            body_contains: None,
        }));
    }
    let mut called = BTreeSet::new();
    for k in &run.connector_calls {
        if called.insert(k.applet.as_str()) {
            out.push(Expectation::ConnectorCalled(ConnectorExpectation { applet: Some(k.applet.clone()), url_contains: Some(k.url.clone()), body_contains: None }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Change, EndInfo, OutboxMessage, Phase, Step};

    fn step(seq: u32, plan: &str, applet: &str, exit: Option<&str>, changes: &[(&str, Option<&str>)]) -> Step {
        Step {
            seq,
            phase: Phase::Live,
            plan: plan.into(),
            applet: applet.into(),
            kind: "Menu".into(),
            exit: exit.map(Into::into),
            at: Default::default(),
            note: String::new(),
            changes: changes.iter().map(|(n, v)| Change { name: (*n).into(), value: v.map(Into::into) }).collect(),
        }
    }

    fn run() -> RunRecord {
        RunRecord {
            index: 7,
            seed: 99,
            plan: "live".into(),
            plan_hash: String::new(),
            scenario: "s".into(),
            channel: None,
            start: Default::default(),
            end: Default::default(),
            duration_ms: 0,
            outcome: Some("Delivered".into()),
            interaction_end: None,
            end_reason: EndInfo { code: "completed".into(), message: String::new() },
            steps: vec![
                step(1, "live", "menu", Some("1"), &[("Choice", Some("1"))]),
                step(2, "live", "menu", Some("1"), &[]),
                step(3, "route", "sms", Some("Next"), &[("Gone", None), ("Choice", Some("2"))]),
                step(4, "route", "end", None, &[]),
            ],
            outbox: vec![OutboxMessage { step: 3, channel: "sms".into(), to: vec![], cc: vec!["a@b".into()], bcc: vec![], reply_to: String::new(), subject: String::new(), body: "x".into() }],
            connector_calls: vec![],
            data: [("Choice".to_string(), "2".to_string())].into(),
            ended_with: vec![],
            route: None,
        }
    }

    #[test]
    fn a_draft_expects_the_path_once_each_then_the_end_the_data_and_the_outbox() {
        let t = draft_from_run(&run(), Scenario { seed: 1, ..Default::default() }, "n".into());
        assert_eq!((t.plan.as_str(), t.interaction), ("live", 7));
        let Some(ScenarioRef::Inline(s)) = &t.scenario else { panic!("inline") };
        assert_eq!(s.seed, 99, "the run's seed");
        let described: Vec<String> = t.expect.iter().map(Expectation::describe).collect();
        assert_eq!(
            described,
            [
                "passes applet 'menu' by exit '1'",
                "passes applet 'sms' by exit 'Next' in plan 'route'",
                "passes applet 'end' in plan 'route'",
                "InteractionOutcome is 'Delivered'",
                "the run ends with 'completed'",
                "data source 'Choice' is '2'",
                "data source 'Gone' is not set",
                "an email to 'a@b'",
            ]
        );
    }

    #[test]
    fn an_interaction_to_a_destination_names_no_plan() {
        let s = Scenario { destination: Some("+441".into()), ..Default::default() };
        assert_eq!(draft_from_run(&run(), s, "n".into()).plan, "");
    }

    #[test]
    fn keeping_names_the_test_picks_expectations_in_draft_order_and_refuses_an_empty_test() {
        let draft = || draft_from_run(&run(), Scenario::default(), "n".into());
        let t = keep(draft(), "  Menu then SMS ", &[3, 0]).unwrap();
        assert_eq!(t.name, "Menu then SMS");
        assert_eq!(t.expect.iter().map(Expectation::describe).collect::<Vec<_>>(), ["passes applet 'menu' by exit '1'", "InteractionOutcome is 'Delivered'"]);
        assert_eq!(keep(draft(), " ", &[0]).unwrap_err(), KeepError::NoName);
        assert_eq!(keep(draft(), "n", &[8]).unwrap_err(), KeepError::NoSuchExpectation { index: 8, count: 8 });
        assert_eq!(keep(draft(), "n", &[]).unwrap_err(), KeepError::NothingKept);
        let dir = std::path::Path::new("/tests");
        assert_eq!(test_file(dir, "a.json").unwrap(), dir.join("a.json"));
        assert_eq!(test_file(dir, "../a").unwrap_err().code(), "test-name-invalid");
    }
}
