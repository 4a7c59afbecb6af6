//! `planwright test` as CI runs it: exit codes, the report, the JUnit file.

mod common;
use common::{planwright, repo};

#[test]
fn the_sample_tests_pass_with_exit_0_and_write_junit() {
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("plan-tests.xml");
    let (code, out) = planwright(&["test", "--junit", junit.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" failed (") && out.contains(", 0 failed"), "{out}");
    assert!(out.contains("exit coverage: ") && out.contains("exits no test takes:\n  "), "{out}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("<testsuite name=\"planwright\"") && xml.contains("failures=\"0\""), "{xml}");
}

#[test]
fn a_failing_test_exits_1_with_the_unmet_expectation_and_the_trace_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("wrong.json");
    std::fs::write(
        &test,
        format!(
            r#"{{"schema_version": 1, "name": "Expects the wrong exit", "plan": "voice-orders",
                "scenario": "{}", "expect": [{{"passes": {{"applet": "orders_queue", "exit": "Key Pressed"}}}}]}}"#,
            repo().join("plans/scenarios/voice-orders-delivered.json").display()
        ),
    )
    .unwrap();
    let junit = dir.path().join("j.xml");
    let (code, out) = planwright(&["test", test.to_str().unwrap(), "--junit", junit.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL  voice-orders  Expects the wrong exit  (wrong.json)"), "{out}");
    assert!(out.contains("      expected: passes applet 'orders_queue' by exit 'Key Pressed'\n      found:    it passes 'orders_queue' but leaves by 'Delivered'\n      trace around step 2:"), "{out}");
    assert!(out.contains("voice-orders/orders_queue (Acd) → Delivered"), "{out}");
    assert!(std::fs::read_to_string(&junit).unwrap().contains("<failure type=\"expectation\""));
    let (code, json) = planwright(&["test", test.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["results"][0]["failure"]["step"], 2);
}

#[test]
fn an_unreadable_test_file_exits_2_and_the_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.json"), "{ not json").unwrap();
    std::fs::copy(repo().join("plans/tests/voice-orders-delivered.json"), dir.path().join("ok.json")).unwrap();
    std::fs::create_dir(dir.path().join("scenarios")).unwrap();
    // ok.json names ../scenarios/…: give it the scenario where it looks.
    let ok = std::fs::read_to_string(dir.path().join("ok.json")).unwrap().replace("../scenarios/", "scenarios/");
    std::fs::write(dir.path().join("ok.json"), ok).unwrap();
    std::fs::copy(repo().join("plans/scenarios/voice-orders-delivered.json"), dir.path().join("scenarios/voice-orders-delivered.json")).unwrap();
    let (code, out) = planwright(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("error test-malformed: ") && out.contains("broken.json: line 1, column 3"), "{out}");
    assert!(out.contains("PASS  voice-orders"), "{out}");
    let (code, out) = planwright(&["test", dir.path().join("empty").to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn the_committed_test_schema_matches() {
    let (code, out) = planwright(&["schema", "--test"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(repo().join("plans/tests/test.schema.json")).unwrap(),
        out,
        "regenerate with: planwright schema --test > plans/tests/test.schema.json"
    );
}
