//! Plan tests: every kind of expectation met and unmet on real runs of the sample plans, the
//! exit coverage of a suite, and the JUnit XML read back by an XML parser.

use planwright::Workspace;
use planwright_sim::plan_test::{exit_coverage, junit_xml, run_test, LoadedTest, PlanTest, PlanTestError};
use planwright_sim::Scenario;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn samples() -> Workspace {
    Workspace::load(&repo().join("plans")).unwrap()
}

fn delivered() -> Scenario {
    Scenario::load(&repo().join("plans/scenarios/voice-orders-delivered.json")).unwrap()
}

/// A test of the delivered order call with one expectation, given as JSON.
fn one(expect: serde_json::Value) -> LoadedTest {
    let test: PlanTest = serde_json::from_value(serde_json::json!({
        "schema_version": 1, "name": "t", "plan": "voice-orders", "expect": [expect]
    }))
    .unwrap();
    LoadedTest { path: "t.json".into(), test, scenario: delivered() }
}

/// `None` when the expectation is met, else (expected, found, step).
fn outcome(ws: &Workspace, expect: serde_json::Value) -> Option<(String, String, Option<u32>)> {
    let r = run_test(ws, &one(expect));
    r.failure.map(|f| (f.expected, f.found, f.step))
}

#[test]
fn each_kind_of_expectation_passes_and_fails() {
    let ws = samples();
    use serde_json::json;
    // Met, on the delivered call (welcome → orders_queue Delivered → order-follow-up: by_outcome
    // → sms_text → send_sms → sms_ok Accepted).
    for met in [
        json!({"passes": {"applet": "orders_queue"}}),
        json!({"passes": {"applet": "orders_queue", "exit": "Delivered"}}),
        json!({"passes": {"applet": "send_sms", "exit": "Next", "plan": "order-follow-up"}}),
        json!({"avoids": {"applet": "voicemail"}}),
        json!({"avoids": {"applet": "orders_queue", "exit": "Key Pressed"}}),
        json!({"outcome": "Delivered"}),
        json!({"end_reason": "exit-leads-nowhere"}),
        json!({"data_source": {"name": "SmsMessageId", "equals": "SM-90210"}}),
        json!({"data_source": {"name": "SmsText", "contains": "confirmation"}}),
        json!({"data_source": {"name": "SmsStatus"}}),
        json!({"data_source": {"name": "NoSuchSource", "absent": true}}),
        json!({"no_email": true}),
        json!({"connector_called": {"applet": "send_sms"}}),
        json!({"connector_called": {"url_contains": "/v1/messages", "body_contains": "447700900123"}}),
    ] {
        assert_eq!(outcome(&ws, met.clone()), None, "{met}");
    }
    // Unmet: what the report says the run shows instead, and the step to look at.
    let unmet = |e: serde_json::Value| outcome(&ws, e.clone()).unwrap_or_else(|| panic!("{e} should fail"));
    let (expected, found, step) = unmet(json!({"passes": {"applet": "voicemail"}}));
    assert_eq!((expected.as_str(), found.as_str(), step), ("passes applet 'voicemail'", "the path never reaches it", Some(6)));
    let (_, found, step) = unmet(json!({"passes": {"applet": "orders_queue", "exit": "Key Pressed"}}));
    assert_eq!((found.as_str(), step), ("it passes 'orders_queue' but leaves by 'Delivered'", Some(2)));
    let (_, found, _) = unmet(json!({"passes": {"applet": "send_sms"}}));
    assert_eq!(found, "the path never reaches it", "send_sms is in the route plan, not in voice-orders");
    let (_, found, step) = unmet(json!({"avoids": {"applet": "sms_text", "plan": "order-follow-up"}}));
    assert_eq!((found.as_str(), step), ("step 4 passes it", Some(4)));
    assert_eq!(unmet(json!({"outcome": "Breakout"})).1, "it is 'Delivered'");
    assert!(unmet(json!({"end_reason": "delivered"})).1.starts_with("it ends with 'exit-leads-nowhere': "));
    let (_, found, step) = unmet(json!({"data_source": {"name": "SmsStatus", "equals": "500"}}));
    assert_eq!((found.as_str(), step), ("it is '202'", Some(5)), "the step that set it");
    assert_eq!(unmet(json!({"data_source": {"name": "SmsStatus", "absent": true}})).1, "it is '202'");
    assert_eq!(unmet(json!({"data_source": {"name": "Missing"}})).1, "it is not set");
    assert_eq!(unmet(json!({"email": {"to": "a@example.com"}})).1, "the outbox is empty");
    assert_eq!(unmet(json!({"no_email": false})).1, "the outbox is empty");
    let (_, found, step) = unmet(json!({"connector_called": {"applet": "send_sms", "body_contains": "nope"}}));
    assert!(found.starts_with("'send_sms' is called with URL 'https://sms.example.com/v1/messages' and body '"), "{found}");
    assert_eq!(step, Some(5));
    assert_eq!(unmet(json!({"connector_called": {"applet": "dialer"}})).1, "only 'send_sms' are called");

    // Email expectations on the breakout call, whose route emails the supervisor.
    let breakout = Scenario::load(&repo().join("plans/scenarios/voice-orders-breakout.json")).unwrap();
    let mail = |e: serde_json::Value| {
        let mut t = one(e);
        t.scenario = breakout.clone();
        run_test(&ws, &t).failure.map(|f| f.found)
    };
    assert_eq!(mail(json!({"email": {"to": "orders-supervisor@example.com", "subject_contains": "Breakout", "body_contains": "+447700900456"}})), None);
    assert_eq!(mail(json!({"email": {}})), None);
    assert_eq!(
        mail(json!({"email": {"subject_contains": "Delivered"}})).as_deref(),
        Some("the outbox holds 1 message(s), none that fits; the first is to orders-supervisor@example.com with subject 'Order call not completed: Breakout'")
    );
    assert!(mail(json!({"no_email": true})).unwrap().starts_with("step 5 renders a message to orders-supervisor@example.com"));
}

#[test]
fn the_first_unmet_expectation_fails_the_test_and_a_plan_that_cannot_run_is_an_error() {
    let ws = samples();
    let mut t = one(serde_json::json!({"outcome": "Delivered"}));
    t.test.expect.push(serde_json::from_value(serde_json::json!({"outcome": "Breakout"})).unwrap());
    t.test.expect.push(serde_json::from_value(serde_json::json!({"passes": {"applet": "nowhere"}})).unwrap());
    let f = run_test(&ws, &t).failure.unwrap();
    assert_eq!((f.kind, f.index, f.expected.as_str()), ("expectation", Some(1), "InteractionOutcome is 'Breakout'"));
    t.test.plan = "no-such-plan".into();
    let r = run_test(&ws, &t);
    assert_eq!(r.failure.unwrap().kind, "error");
    assert!(r.run.is_none());
}

#[test]
fn an_unattended_plan_on_its_own_starts_with_the_scenarios_outcome() {
    let ws = samples();
    let t: PlanTest = serde_json::from_value(serde_json::json!({
        "schema_version": 1, "name": "alone", "plan": "order-follow-up",
        "expect": [{"passes": {"applet": "by_outcome", "exit": "Delivered"}}, {"outcome": "Delivered"}]
    }))
    .unwrap();
    let scenario = Scenario { outcome: Some("Delivered".into()), ..Scenario::default() };
    let r = run_test(&ws, &LoadedTest { path: "t.json".into(), test: t.clone(), scenario });
    assert!(r.passed(), "{:?}", r.failure);
    // Without an outcome, InteractionOutcome stays unset and the router takes Default.
    let r = run_test(&ws, &LoadedTest { path: "t.json".into(), test: t, scenario: Scenario::default() });
    assert_eq!(r.failure.unwrap().found, "it passes 'by_outcome' but leaves by 'Default'");
}

#[test]
fn test_files_load_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let bad_utf8 = dir.path().join("e.json");
    std::fs::write(&bad_utf8, b"{\"name\": \"\xff\"}").unwrap();
    let e = PlanTest::load(&at("a.json", "{\"schema_version\": 1, \"name\": \"x\",\n \"plan\": \"p\", \"expect\": [{\"passes\": {\"aplet\": \"a\"}}]}")).unwrap_err();
    assert!(matches!(&e, PlanTestError::Malformed { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("unknown field `aplet`"), "{e}");
    let e = PlanTest::load(&at("b.json", r#"{"schema_version": 1, "name": "x", "plan": "p", "expect": [], "scenario": {"seed": "seven"}}"#)).unwrap_err();
    assert!(e.to_string().contains("the inline scenario: invalid type: string \"seven\""), "{e}");
    let e = PlanTest::load(&at("c.json", r#"{"schema_version": 1, "name": "x", "plan": "p", "expect": [], "scenario": "missing.json"}"#)).unwrap_err();
    assert_eq!(e.code(), "test-scenario");
    assert!(e.to_string().contains("missing.json"), "{e}");
    let e = PlanTest::load(&at("d.json", r#"{"schema_version": 2, "name": "x", "plan": "p", "expect": []}"#)).unwrap_err();
    assert_eq!(e.code(), "test-schema-version");
    let e = PlanTest::load(&bad_utf8).unwrap_err();
    assert_eq!(e.code(), "file-invalid-utf8");
    assert!(e.to_string().contains("byte offset 10 (line 1, column 11)"), "{e}");
}

#[test]
fn the_sample_suite_passes_and_reports_its_exit_coverage() {
    let ws = samples();
    let dir = repo().join("plans/tests");
    let files = planwright::workspace::json_files(&dir).unwrap();
    assert!(files.len() >= 6, "{files:?}");
    let results: Vec<_> = files.iter().map(|f| run_test(&ws, &PlanTest::load(f).unwrap())).collect();
    for r in &results {
        assert!(r.passed(), "{}: {:?}", r.path, r.failure);
    }
    // Every sample plan is entered by a test.
    for id in ws.plans.keys() {
        assert!(results.iter().any(|r| &r.plan == id), "no sample test enters {id}");
    }
    let cov = exit_coverage(&ws, &results);
    assert_eq!(cov.taken + cov.untaken.len(), cov.total);
    assert!(cov.percent() > 50.0, "{}", cov.percent());
    let has = |plan: &str, applet: &str, exit: &str| cov.untaken.iter().any(|e| e.plan == plan && e.applet == applet && e.exit == exit);
    assert!(has("voice-orders", "welcome", "Failure"), "no sample test takes the welcome's Failure exit");
    assert!(!has("voice-orders", "orders_queue", "Delivered"));
}

#[test]
fn junit_xml_reads_back_with_every_test_and_failure() {
    let ws = samples();
    let mut failing = one(serde_json::json!({"outcome": "Breakout"}));
    failing.test.name = "fails <on purpose> & \"quotes\"".into();
    let results = vec![run_test(&ws, &one(serde_json::json!({"outcome": "Delivered"}))), run_test(&ws, &failing)];
    let xml = junit_xml(&results, 0.25);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites.children().find(|n| n.has_tag_name("testsuite")).unwrap();
    assert_eq!((suite.attribute("tests"), suite.attribute("failures"), suite.attribute("time")), (Some("2"), Some("1"), Some("0.250")));
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].attribute("classname"), Some("voice-orders"));
    assert!(!cases[0].children().any(|n| n.has_tag_name("failure")));
    assert_eq!(cases[1].attribute("name"), Some("fails <on purpose> & \"quotes\""));
    let failure = cases[1].children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("message"), Some("expected InteractionOutcome is 'Breakout'; it is 'Delivered'"));
    let body = failure.text().unwrap();
    assert!(body.contains("trace:\n") && body.contains("order-follow-up/sms_ok (DataRouter) → Accepted"), "{body}");
}

/// A test drafted from a run expects what that run shows; run again, it passes, and its run is
/// the one it was drafted from.
fn drafted_passes(ws: &Workspace, run: &planwright_sim::RunRecord, scenario: Scenario, at: &str) -> PlanTest {
    let test = planwright_sim::plan_test::draft_from_run(run, scenario, format!("drafted from {at}"));
    // Through its file form, as the window writes it.
    let text = serde_json::to_string_pretty(&test).unwrap();
    let back = PlanTest::from_json(&text).unwrap_or_else(|e| panic!("{at}: {e}\n{text}"));
    assert_eq!(back, test, "{at}: the file reads back");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(&path, &text).unwrap();
    let r = run_test(ws, &PlanTest::load(&path).unwrap());
    assert!(r.passed(), "{at}: {:?}\n{text}", r.failure);
    let again = r.run.unwrap();
    assert_eq!((&again.steps, &again.outbox, &again.data, &again.outcome), (&run.steps, &run.outbox, &run.data, &run.outcome), "{at}: the same run");
    back
}

#[test]
fn a_test_drafted_from_each_sample_tests_run_passes() {
    let ws = samples();
    for f in planwright::workspace::json_files(&repo().join("plans/tests")).unwrap() {
        let loaded = PlanTest::load(&f).unwrap();
        let run = run_test(&ws, &loaded).run.unwrap();
        let t = drafted_passes(&ws, &run, loaded.scenario.clone(), &f.display().to_string());
        assert!(t.expect.len() >= 3, "{}: the path, the end and the outbox at least", f.display());
    }
}

#[test]
fn a_test_drafted_from_a_batchs_run_runs_that_interaction_again() {
    use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, Simulation};
    let ws = samples();
    for (plan, file) in [(Some("voice-orders"), "voice-orders-distribution.json"), (None, "voice-orders-destinations.json")] {
        let scenario = Scenario::load(&repo().join("plans/scenarios").join(file)).unwrap();
        let sim = Simulation::for_scenario(&ws, plan, scenario.clone(), Default::default()).unwrap();
        let kept = std::sync::Mutex::new(Vec::new());
        run_batch(&sim, &BatchConfig { n: 3000, seed: 41, threads: 2, keep: KeepRuns::Sample(40) }, &Control::default(), &|r| kept.lock().unwrap().push(r));
        let kept = kept.into_inner().unwrap();
        assert!(kept.len() >= 30 && kept.iter().any(|r| r.index > 0));
        let mut paths = std::collections::BTreeSet::new();
        for run in &kept {
            let t = drafted_passes(&ws, run, scenario.clone(), &format!("{file} #{}", run.index));
            assert_eq!(t.interaction, run.index);
            paths.insert(run.steps.iter().map(|s| format!("{}/{}", s.applet, s.exit.as_deref().unwrap_or(""))).collect::<Vec<_>>());
        }
        assert!(paths.len() > 2, "{file}: the kept runs take different paths ({})", paths.len());
    }
}

#[test]
fn a_drafted_test_fails_when_the_plan_no_longer_does_what_the_run_did() {
    let mut ws = samples();
    let loaded = PlanTest::load(&repo().join("plans/tests/voice-orders-delivered.json")).unwrap();
    let run = run_test(&ws, &loaded).run.unwrap();
    let t = planwright_sim::plan_test::draft_from_run(&run, loaded.scenario.clone(), "d".into());
    // The welcome's Next exit now leads nowhere: the call never reaches the queue.
    let plan = &mut ws.plans.get_mut("voice-orders").unwrap().plan;
    plan.connections.retain(|c| !(c.from == "welcome" && c.exit == "Next"));
    let r = run_test(&ws, &LoadedTest { path: "d.json".into(), test: t, scenario: loaded.scenario });
    let f = r.failure.expect("fails");
    assert_eq!(f.kind, "expectation");
    assert_eq!((f.expected.as_str(), f.found.as_str()), ("passes applet 'orders_queue' by exit 'Delivered'", "the path never reaches it"));
}
