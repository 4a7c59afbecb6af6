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

#[test]
fn a_stored_run_saved_as_a_test_passes_and_what_is_refused_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    common::copy_dir(&repo().join("plans"), &plans);
    let db = dir.path().join("runs.db");
    let (p, db) = (plans.to_str().unwrap(), db.to_str().unwrap());
    let (code, out) = planwright(&["simulate", "voice-orders", "--scenario", "plans/scenarios/voice-orders-delivered.json", "--db", db]);
    assert_eq!(code, 0, "{out}");

    // The draft, numbered; nothing written.
    let (code, out) = planwright(&["runs", "save-test", "1", "--plans", p, "--db", db, "--dry-run", "--keep", "1,6"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("  1 keep passes applet 'orders_queue' by exit 'Delivered'"), "{out}");
    assert!(out.contains("  6 keep InteractionOutcome is 'Delivered'"), "{out}");
    assert!(out.contains("  0 drop passes applet 'welcome' by exit 'Next'"), "{out}");
    let file = plans.join("tests/voice-orders-run-1.json");
    assert!(!file.exists(), "a dry run writes nothing");

    let (code, out) = planwright(&["runs", "save-test", "1", "--plans", p, "--db", db, "--keep", "1,6", "--name", "The queue delivers"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(2 expectation(s)): The queue delivers") && out.contains("passes against"), "{out}");
    let test: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(test["name"], "The queue delivers");
    assert_eq!(test["expect"], serde_json::json!([{ "passes": { "applet": "orders_queue", "exit": "Delivered" } }, { "outcome": "Delivered" }]));
    // `planwright test` reads it as any other test.
    let (code, out) = planwright(&["test", file.to_str().unwrap(), "--plans", p]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("PASS  voice-orders  The queue delivers"), "{out}");

    // Refused, with codes, writing nothing: the file taken, no such run, no such expectation,
    // a bad file name.
    let before = std::fs::read_dir(plans.join("tests")).unwrap().count();
    for (args, said) in [
        (vec!["--file", "voice-orders-run-1"], "test-exists: "),
        (vec!["--keep", "99"], "test-invalid: the draft has 15 expectations; there is none numbered 99"),
        (vec!["--file", "../escape"], "test-name-invalid: "),
    ] {
        let mut all = vec!["runs", "save-test", "1", "--plans", p, "--db", db];
        all.extend(args);
        let (code, out) = planwright(&all);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains(said), "{said}: {out}");
    }
    let (code, out) = planwright(&["runs", "save-test", "7", "--plans", p, "--db", db]);
    assert_eq!((code, out.contains("run-not-found: no run 7")), (2, true), "{out}");
    assert_eq!(std::fs::read_dir(plans.join("tests")).unwrap().count(), before);

    // After the plan changes, a second test of the same run is written (numbered) and fails.
    let voice = plans.join("voice-orders.json");
    let changed = std::fs::read_to_string(&voice).unwrap().replace("\"to\": \"orders_queue\"", "\"to\": \"sorry\"");
    std::fs::write(&voice, changed).unwrap();
    let (code, out) = planwright(&["runs", "save-test", "1", "--plans", p, "--db", db]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("voice-orders-run-1-2.json") && out.contains("FAILS against"), "{out}");
}
