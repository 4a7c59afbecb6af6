//! A stored run saved as a plan test, as the window does it: drafted from the run store (a
//! single simulation, a batch's run), edited (name, file, expectations kept), written into
//! `plans/tests/`, and run by the Tests tab; refused with a clear code where it cannot be.

mod common;

use planwright_api::batch::BatchRequest;
use planwright_api::dto::{EditOp, RunQuery};
use planwright_api::simulate::SimRequest;
use planwright_api::{Jobs, Session};

fn simulate(s: &mut Session, plan: &str, request: SimRequest) -> i64 {
    let jobs = Jobs::new();
    let job = jobs.start("simulate", |_| {});
    let r = s.simulate(plan.into(), request).unwrap().run(&job);
    job.finish(r).unwrap().run_id
}

/// One simulation of a scenario given as its text (parsed by the engine, as the window's
/// advanced view does).
fn simulate_scenario(s: &mut Session, plan: &str, scenario: String) -> i64 {
    let scenario = s.parse_scenario(scenario).unwrap();
    simulate(s, plan, SimRequest { scenario, ..SimRequest::default() })
}

#[test]
fn a_single_run_saved_as_a_test_passes_in_the_tests_tab_until_the_plan_changes() {
    let (dir, mut s) = common::sample_session();
    s.open_plan("voice-orders".into()).unwrap();
    let scenario = std::fs::read_to_string(
        dir.path()
            .join("plans/scenarios/voice-orders-delivered.json"),
    )
    .unwrap();
    let run = simulate_scenario(&mut s, "voice-orders", scenario);

    let draft = s.draft_test(run).unwrap();
    assert_eq!(
        (draft.plan.as_str(), draft.interaction, draft.file.clone()),
        ("voice-orders", 0, format!("voice-orders-run-{run}.json"))
    );
    assert_eq!(draft.name, format!("Run {run} in voice-orders: Delivered (Order call delivered to an agent, SMS confirmation sent)"));
    assert!(
        draft.now.passed,
        "the plans still do what the run did: {:?}",
        draft.now
    );
    let e = &draft.expectations;
    assert_eq!(e[0], "passes applet 'welcome' by exit 'Next'");
    assert!(
        e.contains(&"InteractionOutcome is 'Delivered'".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(
            &"passes applet 'send_sms' by exit 'Next' in plan 'order-follow-up'".to_string()
        ),
        "the route's path too: {e:?}"
    );
    assert!(
        e.iter()
            .any(|x| x.starts_with("Data Connector 'send_sms' is called")),
        "{e:?}"
    );

    // Kept: the queue's exit, the outcome and the SMS; the rest dropped in the form.
    let keep: Vec<u32> = e
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            x.contains("'orders_queue'")
                || x.starts_with("InteractionOutcome")
                || x.starts_with("Data Connector")
        })
        .map(|(i, _)| i as u32)
        .collect();
    assert_eq!(keep.len(), 3, "{e:?}");
    let case = s
        .save_drafted_test(
            run,
            "A delivered call gets its SMS".into(),
            "delivered-from-run".into(),
            keep.clone(),
        )
        .unwrap();
    assert!(case.passed, "{case:?}");
    let file = dir.path().join("plans/tests/delivered-from-run.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["name"], "A delivered call gets its SMS");
    assert_eq!(v["plan"], "voice-orders");
    assert_eq!(v["expect"].as_array().unwrap().len(), 3, "{text}");
    assert_eq!(
        v["scenario"]["name"], "Order call delivered to an agent, SMS confirmation sent",
        "the scenario written inline, as the run had it: {text}"
    );
    assert!(
        v.get("interaction").is_none(),
        "interaction 0 is left out: {text}"
    );

    // The Tests tab runs it with the others.
    let report = s.run_tests("voice-orders".into()).unwrap();
    let mine = report
        .cases
        .iter()
        .find(|c| c.file.ends_with("delivered-from-run.json"))
        .expect("listed");
    assert!(mine.passed);

    // Never over another test; a bad name or nothing kept is refused, and nothing is written.
    assert_eq!(
        s.save_drafted_test(
            run,
            "again".into(),
            "delivered-from-run.json".into(),
            keep.clone()
        )
        .unwrap_err()
        .code,
        "test-exists"
    );
    assert_eq!(
        s.save_drafted_test(run, "x".into(), "../escape".into(), keep.clone())
            .unwrap_err()
            .code,
        "test-name-invalid"
    );
    assert_eq!(
        s.save_drafted_test(run, "x".into(), "empty".into(), vec![])
            .unwrap_err()
            .code,
        "test-invalid"
    );
    assert_eq!(
        s.save_drafted_test(run, " ".into(), "unnamed".into(), keep.clone())
            .unwrap_err()
            .code,
        "test-invalid"
    );
    assert_eq!(
        s.save_drafted_test(run, "x".into(), "far".into(), vec![999])
            .unwrap_err()
            .code,
        "test-invalid"
    );
    for f in ["empty", "unnamed", "far"] {
        assert!(!dir.path().join(format!("plans/tests/{f}.json")).exists());
    }
    assert_eq!(
        s.draft_test(run).unwrap().file,
        format!("voice-orders-run-{run}.json"),
        "the offered name is still free"
    );

    // Rewired, unsaved: the draft says what no longer holds, and the saved test fails.
    let revision = s.open_plan("voice-orders".into()).unwrap().revision;
    s.apply_edit(
        "voice-orders".into(),
        revision,
        EditOp::Disconnect {
            from: "welcome".into(),
            exit: "Next".into(),
        },
    )
    .unwrap();
    let again = s.draft_test(run).unwrap();
    assert!(!again.now.passed);
    assert_eq!(
        again.now.expected.as_deref(),
        Some("passes applet 'orders_queue' by exit 'Delivered'")
    );
    let report = s.run_tests("voice-orders".into()).unwrap();
    assert!(
        !report
            .cases
            .iter()
            .find(|c| c.file.ends_with("delivered-from-run.json"))
            .unwrap()
            .passed
    );
}

#[test]
fn a_batchs_run_saved_as_a_test_runs_its_interaction_again() {
    let (_dir, mut s) = common::sample_session();
    s.open_plan("voice-orders".into()).unwrap();
    let jobs = Jobs::new();
    let job = jobs.start("batch", |_| {});
    let request = BatchRequest {
        scenario: "voice-orders-distribution.json".into(),
        inline: None,
        n: 2000,
        seed: 17,
    };
    let view = {
        let r = s.batch("voice-orders".into(), request).unwrap().run(&job);
        job.finish(r)
    }
    .unwrap();
    let runs = s
        .runs(RunQuery {
            batch: Some(view.batch_id),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(runs.len() > 10);
    let mut outcomes = std::collections::BTreeSet::new();
    for r in runs
        .iter()
        .filter(|r| r.batch_index.unwrap_or(0) > 0)
        .take(12)
    {
        let draft = s.draft_test(r.id).unwrap();
        assert_eq!(draft.interaction as i64, r.batch_index.unwrap());
        assert!(
            draft.now.passed,
            "run {} (#{:?}): {:?}",
            r.id, r.batch_index, draft.now
        );
        assert!(
            draft.expectations.contains(&format!(
                "InteractionOutcome is '{}'",
                r.outcome.clone().unwrap()
            )),
            "{:?}",
            draft.expectations
        );
        outcomes.insert(r.outcome.clone());
        let all = (0..draft.expectations.len() as u32).collect();
        assert!(
            s.save_drafted_test(r.id, draft.name, draft.file, all)
                .unwrap()
                .passed
        );
    }
    assert!(outcomes.len() > 1, "the batch's runs differ: {outcomes:?}");
}

#[test]
fn a_run_that_cannot_be_run_again_or_would_write_a_secret_is_refused() {
    let (dir, mut s) = common::sample_session();
    assert_eq!(s.draft_test(999).unwrap_err().code, "run-not-found");

    // A load simulation's run: its queue answers came from the whole day.
    let jobs = Jobs::new();
    let job = jobs.start("run_load", |_| {});
    let r = s.run_load("monday".into(), 1, false).unwrap().run(&job);
    job.finish(r).unwrap();
    let load_run = s
        .runs(RunQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()[0]
        .id;
    let refused = s.draft_test(load_run).unwrap_err();
    assert_eq!(refused.code, "run-not-reproducible");
    assert!(
        refused.message.contains("load simulation"),
        "{}",
        refused.message
    );

    // A value that became a secret after the run: the test would write it, so it is refused.
    s.open_plan("voice-orders".into()).unwrap();
    let scenario =
        serde_json::json!({"name": "leaky", "data": {"Note": "later-secret-77"}}).to_string();
    let run = simulate_scenario(&mut s, "voice-orders", scenario);
    s.set_config_key("ApiToken".into(), Some("later-secret-77".into()), true)
        .unwrap();
    let refused = s
        .save_drafted_test(run, "leaky".into(), "leaky".into(), vec![0])
        .unwrap_err();
    assert_eq!(refused.code, "secret-in-file");
    assert!(!dir.path().join("plans/tests/leaky.json").exists());
}
