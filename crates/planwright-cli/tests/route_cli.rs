//! `planwright route`, `simulate --destination` and `validate` on the sample destinations and
//! mappings, as an admin runs them; and a broken mapping named by file and field.

mod common;
use common::planwright;

#[test]
fn a_number_reaches_its_plan_and_a_testers_number_the_testing_plan() {
    let (code, out) = planwright(&["route", "+44 800 123 4567", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((r["plan"].as_str(), r["mapping"].as_str(), r["testing"].as_bool()), (Some("voice-orders"), Some("uk-orders"), Some(false)));
    assert!(r["reasons"].as_array().unwrap().iter().any(|w| w == "mapping 'UK orders' (priority 500) beat 'All numbers' (priority 10)"), "{out}");
    let (code, out) = planwright(&["route", "+448001234567", "--from", "+44 7700 900999"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("+448001234567 → plan voice-orders-next (testing plan)"), "{out}");
    assert!(out.contains("PlanVersion = next  [plan]") && out.contains("Brand = ExampleShop  [destination] (the mapping's value not applied)"), "{out}");
    let (code, out) = planwright(&["route", "+448007654321"]);
    assert_eq!(code, 0);
    assert!(out.contains("mapping 'All numbers' (priority 10) is the only one that includes it") && out.contains("Hotline = returns  [destination]"), "{out}");
    let (code, out) = planwright(&["route", "+441632960999"]);
    assert_eq!(code, 1, "an address no mapping includes reaches no plan: {out}");
    let (code, out) = planwright(&["route"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("voice-orders-next        Mapped") && out.contains("order-follow-up          Unmapped"), "{out}");
}

#[test]
fn a_call_simulated_from_a_destination_starts_in_the_right_plan_with_its_data_sources() {
    let (code, out) = planwright(&["simulate", "--destination", "+448001234567", "--from", "+447700900999", "--no-store", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &v["run"];
    assert_eq!(run["plan"], "voice-orders-next");
    let data = &run["data"];
    assert_eq!((data["Dialed Number"].as_str(), data["CLID"].as_str()), (Some("+448001234567"), Some("+447700900999")));
    assert_eq!((data["Brand"].as_str(), data["Campaign"].as_str(), data["Hotline"].as_str(), data["PlanVersion"].as_str()), (Some("ExampleShop"), Some("spring"), Some("orders"), Some("next")));
    assert_eq!(v["route"]["testing"], true);
    let (code, out) = planwright(&["batch", "--destination", "chat.exampleshop.co.uk/orders", "-n", "50", "--keep-runs", "none", "--quiet", "--db", tempfile::tempdir().unwrap().path().join("r.db").to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"plan\": \"chat-support\""), "{out}");
    let (code, out) = planwright(&["simulate", "--destination", "+441632960999", "--no-store"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("no mapping includes +441632960999"), "{out}");
}

#[test]
fn validate_checks_destinations_and_mappings_by_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    planwright_api::user_workspace::prepare(&plans, Some(&common::repo().join("plans"))).unwrap();
    let path = plans.join("mappings/web-chat.json");
    let text = std::fs::read_to_string(&path).unwrap().replace("\"priority\": 100", "\"priority\": 0").replace("\"production_plan\": \"chat-support\"", "\"production_plan\": \"voice-orders\"");
    std::fs::write(&path, text).unwrap();
    let (code, out) = planwright(&["validate", plans.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("web-chat: error mapping-priority-invalid: priority 0 is not from 1 (lowest) to 10000 (highest)"), "{out}");
    assert!(out.contains("web-chat: error mapping-plan-channel: API destination chat.exampleshop.co.uk/orders goes to 'voice-orders', a voice plan"), "{out}");
    std::fs::write(plans.join("destinations/broken.json"), "{\"schema_version\": 1, \"id\": \"broken\", \"type\": \"Pstn\"}").unwrap();
    let (code, out) = planwright(&["validate", plans.to_str().unwrap()]);
    assert_eq!(code, 2, "an unreadable file: {out}");
    assert!(out.contains("broken.json: error destination-or-mapping-invalid: missing field `address`"), "{out}");
}

#[test]
fn plan_tests_scenarios_and_batches_start_from_destinations_too() {
    // The sample tests made to the hotline: a customer's call and a tester's.
    let (code, out) = planwright(&["test", "--destination", "+44 800 123 4567", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let plans: Vec<&str> = v["results"].as_array().unwrap().iter().map(|r| r["plan"].as_str().unwrap()).collect();
    assert_eq!(plans, ["voice-orders", "voice-orders-next"], "{out}");
    let (code, out) = planwright(&["test", "--destination", "+441632960999"]);
    assert_eq!(code, 2, "no test is made there: {out}");

    // A test that expects the hotline to reach the live plan from the tester's number fails,
    // and says where it went and why.
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("wrong-plan.json");
    std::fs::write(
        &test,
        r#"{"schema_version": 1, "name": "The tester reaches the live plan", "plan": "voice-orders",
            "scenario": {"destination": "+448001234567", "clid": "+447700900999"}, "expect": [{"outcome": "Delivered"}]}"#,
    )
    .unwrap();
    let (code, out) = planwright(&["test", test.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("expected: an interaction to +448001234567 reaches plan 'voice-orders'"), "{out}");
    assert!(out.contains("it reaches plan 'voice-orders-next'") && out.contains("a test interaction, to the testing plan"), "{out}");

    // A scenario file that names a destination needs no plan.
    let (code, out) = planwright(&["simulate", "--scenario", "plans/scenarios/orders-hotline-tester.json", "--no-store", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["run"]["plan"].as_str(), v["run"]["route"]["mapping"].as_str()), (Some("voice-orders-next"), Some("uk-orders")));

    // A batch over the sample destinations reports traffic per destination.
    let db = dir.path().join("r.db");
    let (code, out) = planwright(&["batch", "--scenario", "plans/scenarios/voice-orders-destinations.json", "-n", "2000", "--keep-runs", "none", "--quiet", "--db", db.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["report"]["destinations"];
    let hotline = d["+448001234567"]["interactions"].as_u64().unwrap();
    let returns = d["+448007654321"]["interactions"].as_u64().unwrap();
    assert_eq!(hotline + returns, 2000, "{d}");
    assert!((1400..1600).contains(&hotline), "3:1 weights: {d}");
    assert!(d["+448001234567"]["plans"]["voice-orders-next"].as_u64().unwrap() > 0, "{d}");
}

#[test]
fn search_finds_applets_and_where_a_data_source_is_set_and_read() {
    let (code, out) = planwright(&["search", "orders queue", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((hits[0]["kind"].as_str(), hits[0]["applet"].as_str(), hits[0]["matched"].as_str()), (Some("applet"), Some("orders_queue"), Some("label")), "{out}");
    let (code, out) = planwright(&["search", "--data-source", "SmsStatus"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("SmsStatus: set by 1, read by") && out.contains("set by   order-follow-up/send_sms") && out.contains("(Rule 1 · Source)"), "{out}");
    let (code, out) = planwright(&["search", "no-such-thing-anywhere"]);
    assert_eq!(code, 1, "nothing found: {out}");
}
