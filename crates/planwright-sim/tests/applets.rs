//! One test per applet semantic of the interpreter.

mod support;

use serde_json::json;
use support::*;

fn router(rules: serde_json::Value) -> planwright::Workspace {
    workspace(vec![plan(
        "p",
        "Unattended",
        "set",
        &[("set", "SetDataSource", json!({"assignments": [{"name": "Amount", "value": "$(In)"}]})), ("r", "DataRouter", json!({"rules": rules}))],
        &[("set", "Next Applet", "r")],
    )])
}

fn route_with(ws: &planwright::Workspace, value: &str) -> String {
    let r = simulate(ws, "p", scenario(json!({"data": {"In": value}})));
    r.steps.last().unwrap().exit.clone().unwrap()
}

#[test]
fn data_router_takes_the_first_matching_rule_in_order() {
    let ws = router(json!([
        {"exit": "Big", "source": "Amount", "data_type": "Number", "operator": "GreaterThan", "value": "100"},
        {"exit": "Positive", "source": "Amount", "data_type": "Number", "operator": "GreaterThan", "value": "0"}
    ]));
    assert_eq!(route_with(&ws, "500"), "Big", "both rules match; the first one wins");
    assert_eq!(route_with(&ws, "5"), "Positive");
}

#[test]
fn data_router_takes_default_when_no_rule_matches() {
    let ws = router(json!([{"exit": "Big", "source": "Amount", "data_type": "Number", "operator": "GreaterThan", "value": "100"}]));
    assert_eq!(route_with(&ws, "3"), "Default");
    let r = simulate(&ws, "p", scenario(json!({"data": {"In": "3"}})));
    assert_eq!(r.end_reason.code, "exit-leads-nowhere", "an unconnected exit ends the plan");
    assert!(r.end_reason.message.contains("'Default'"), "{}", r.end_reason.message);
}

#[test]
fn data_router_skips_a_rule_whose_value_does_not_convert_to_its_type() {
    let ws = router(json!([
        {"exit": "Small", "source": "Amount", "data_type": "Number", "operator": "LessThan", "value": "10"},
        {"exit": "Anything", "source": "Amount", "data_type": "Text", "operator": "IsNotNull", "value": ""}
    ]));
    assert_eq!(route_with(&ws, "abc"), "Anything", "'abc' is no number, so the Number rule is skipped");
    assert_eq!(route_with(&ws, "2"), "Small");
}

#[test]
fn data_router_compares_text_case_insensitively() {
    let ws = router(json!([
        {"exit": "Eq", "source": "Amount", "data_type": "Text", "operator": "Equals", "value": "delivered"},
        {"exit": "Has", "source": "Amount", "data_type": "Text", "operator": "Contains", "value": "QUEUE"},
        {"exit": "Starts", "source": "Amount", "data_type": "Text", "operator": "StartsWith", "value": "hang"}
    ]));
    assert_eq!(route_with(&ws, "DELIVERED"), "Eq");
    assert_eq!(route_with(&ws, "InQueue"), "Has");
    assert_eq!(route_with(&ws, "HangUpIVR"), "Starts");
    assert_eq!(route_with(&ws, "Ünïcode"), "Default");
}

#[test]
fn data_router_null_checks_and_dates() {
    let ws = router(json!([
        {"exit": "Empty", "source": "Amount", "data_type": "Text", "operator": "IsNull", "value": ""},
        {"exit": "Early", "source": "Amount", "data_type": "DateTime", "operator": "Before", "value": "2026-06-01"}
    ]));
    assert_eq!(route_with(&ws, ""), "Empty", "an empty value is null");
    assert_eq!(route_with(&ws, "2026-05-31T23:00:00Z"), "Early");
    assert_eq!(route_with(&ws, "2026-06-02"), "Default");
}

#[test]
fn set_data_source_reads_values_as_they_were_before_the_applet() {
    let ws = workspace(vec![plan(
        "p",
        "Unattended",
        "set",
        &[(
            "set",
            "SetDataSource",
            json!({"assignments": [
                {"name": "A", "value": "new-$(A)"},
                {"name": "B", "value": "[$(A)]"},
                {"name": "Fresh", "value": "x"},
                {"name": "C", "value": "<$(Fresh)>"},
                {"name": "Callback", "value": "0207$(CLID:RemoveLeadingPlus)"}
            ]}),
        )],
        &[],
    )]);
    let r = simulate(&ws, "p", scenario(json!({"data": {"A": "old"}, "clid": "+4411"})));
    assert_eq!(data(&r, "A"), Some("new-old"));
    assert_eq!(data(&r, "B"), Some("[old]"), "B reads A before this applet changed it");
    assert_eq!(data(&r, "C"), Some("<>"), "a data source this applet creates reads as null inside it");
    assert_eq!(data(&r, "Callback"), Some("02074411"));
    assert_eq!(r.steps[0].changes.len(), 5);
}

fn connector_ws(interface: &str) -> planwright::Workspace {
    workspace(vec![plan(
        "p",
        "Unattended",
        "call",
        &[
            (
                "call",
                "DataConnector",
                json!({
                    "interface": interface, "method": "POST", "url": "https://crm.example.com/contacts?clid=$(CLID)",
                    "response_code_destination": "Status", "timeout_seconds": 7,
                    "fields": [
                        {"locator": "data.contacts[0].name", "destination": "Name", "data_type": "Text"},
                        {"locator": "data.contacts[1].name", "destination": "Second", "data_type": "Text"}
                    ]
                }),
            ),
            ("ok", "SetDataSource", json!({"assignments": [{"name": "Path", "value": "next"}]})),
            ("failed", "SetDataSource", json!({"assignments": [{"name": "Path", "value": "failure"}]})),
        ],
        &[("call", "Next", "ok"), ("call", "Interface Failure", "failed")],
    )])
}

#[test]
fn data_connector_writes_the_status_maps_fields_and_takes_next() {
    let ws = connector_ws("WebService");
    let r = simulate(
        &ws,
        "p",
        scenario(json!({"data": {"Second": "stale"}, "connectors": {"call": {"status": 200, "latency_ms": 250, "body": {"data": {"contacts": [{"name": "Ana"}]}}}}})),
    );
    assert_eq!(path(&r)[0], "call:Next");
    assert_eq!(data(&r, "Status"), Some("200"));
    assert_eq!(data(&r, "Name"), Some("Ana"));
    assert_eq!(data(&r, "Second"), None, "a missing locator gives null");
    assert_eq!(r.connector_calls[0].url, "https://crm.example.com/contacts?clid=+447700900123");
    assert_eq!(r.duration_ms, 250, "latency advances the simulated clock");
}

#[test]
fn data_connector_reads_xml_fields_by_their_locators() {
    let ws = workspace(vec![plan(
        "p",
        "Unattended",
        "call",
        &[(
            "call",
            "DataConnector",
            json!({
                "url": "https://crm.example.com/soap", "response_type": "Xml", "response_code_destination": "Status",
                "fields": [
                    {"locator": "/Envelope/Contact[1]/Name", "destination": "Name", "data_type": "Text"},
                    {"locator": "Contact/@tier", "destination": "Tier", "data_type": "Text"},
                    {"locator": "Contact[0]/Balance", "destination": "Balance", "data_type": "Number"},
                    {"locator": "Contact[5]/Name", "destination": "Missing", "data_type": "Text"}
                ]
            }),
        )],
        &[],
    )]);
    let body = r#"<Envelope><Contact tier="gold"><Name>Ana</Name><Balance>12.5</Balance></Contact><Contact><Name>Bo</Name></Contact></Envelope>"#;
    let r = simulate(&ws, "p", scenario(json!({"connectors": {"call": {"status": 200, "body": body}}})));
    assert_eq!(data(&r, "Name"), Some("Bo"));
    assert_eq!(data(&r, "Tier"), Some("gold"));
    assert_eq!(data(&r, "Balance"), Some("12.5"));
    assert_eq!(data(&r, "Missing"), None, "a missing XML locator gives null");
}

#[test]
fn data_connector_http_error_is_not_an_interface_failure_for_a_web_service() {
    let ws = connector_ws("WebService");
    let r = simulate(&ws, "p", scenario(json!({"connectors": {"call": {"status": 503}}})));
    assert_eq!(data(&r, "Path"), Some("next"));
    assert_eq!(data(&r, "Status"), Some("503"));
    assert_eq!(r.connector_calls[0].result, "http_error");
}

#[test]
fn data_connector_http_error_is_an_interface_failure_for_salesforce() {
    let ws = connector_ws("Salesforce");
    let r = simulate(&ws, "p", scenario(json!({"connectors": {"*": {"status": 400}}})));
    assert_eq!(data(&r, "Path"), Some("failure"));
}

#[test]
fn data_connector_connect_failure_and_timeout_take_interface_failure() {
    let ws = connector_ws("WebService");
    let r = simulate(&ws, "p", scenario(json!({"connectors": {"call": {"result": "connect_failure", "latency_ms": 40}}})));
    assert_eq!(data(&r, "Path"), Some("failure"));
    assert_eq!(data(&r, "Status"), None, "no status without a response");
    let r = simulate(&ws, "p", scenario(json!({"connectors": {"call": {"result": "timeout"}}})));
    assert_eq!(data(&r, "Path"), Some("failure"));
    assert_eq!(r.duration_ms, 7000, "a timeout costs the applet's timeout");
}

#[test]
fn data_connector_with_an_unconfigured_config_key_takes_interface_failure() {
    let mut ws = connector_ws("WebService");
    let p = &mut ws.plans.get_mut("p").unwrap().plan;
    if let planwright::AppletConfig::DataConnector(c) = &mut p.applet_mut("call").unwrap().config {
        c.url = "https://sms.example.com/?key=#(SmsKey)".into();
    }
    let r = simulate(&ws, "p", scenario(json!({})));
    assert_eq!(data(&r, "Path"), Some("failure"));
    let r = simulate(&ws, "p", scenario(json!({"config": {"SmsKey": "k1"}})));
    assert_eq!(data(&r, "Path"), Some("next"));
    assert_eq!(r.connector_calls[0].url, "https://sms.example.com/?key=k1");
}

#[test]
fn data_connector_reads_the_account_config_keys_and_the_scenario_overrides_them() {
    let mut ws = connector_ws("WebService");
    let p = &mut ws.plans.get_mut("p").unwrap().plan;
    if let planwright::AppletConfig::DataConnector(c) = &mut p.applet_mut("call").unwrap().config {
        c.url = "https://#(CrmHost)/contacts?token=#(CrmToken)".into();
    }
    let account = planwright_sim::Account {
        config: [("CrmHost", "crm.example.com"), ("CrmToken", "tok-secret-42")].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        secrets: vec!["tok-secret-42".into()],
    };
    let run = |scenario_json: serde_json::Value| {
        let sim = planwright_sim::Simulation::with_account(&ws, "p", scenario(scenario_json), account.clone()).unwrap();
        sim.simulate().0
    };
    let r = run(json!({}));
    assert_eq!(data(&r, "Path"), Some("next"), "both keys come from the account");
    assert_eq!(r.connector_calls[0].url, "https://crm.example.com/contacts?token=•••", "the secret is masked in the record");
    let stored = serde_json::to_string(&r).unwrap();
    assert!(!stored.contains("tok-secret-42"), "no part of the record holds the secret: {stored}");

    let r = run(json!({"config": {"CrmHost": "test.example.com"}}));
    assert_eq!(r.connector_calls[0].url, "https://test.example.com/contacts?token=•••", "the scenario's value wins over the account's");

    let r = simulate(&ws, "p", scenario(json!({})));
    assert_eq!(data(&r, "Path"), Some("failure"), "without the account the keys are missing: Interface Failure");
}

fn schedule_ws() -> planwright::Workspace {
    let ws = workspace(vec![plan(
        "p",
        "Unattended",
        "wait",
        &[("wait", "Pause", json!({"duration": "00:00:30:00"})), ("hours", "ScheduleRouter", json!({"schedule": "h"}))],
        &[("wait", "Resume Applet", "hours")],
    )]);
    with_schedule(
        ws,
        json!({
            "schema_version": 1, "id": "h", "name": "H", "time_zone": "Europe/London", "default_status": "Closed",
            "week": {"Mon": [{"start": "09:00", "end": "17:00", "status": "Open"}, {"start": "17:00", "end": "18:00", "status": "Late"}]},
            "holidays": [{"date": "2026-12-28", "name": "Bank holiday", "status": "Closed"}]
        }),
    )
}

fn status_at(ws: &planwright::Workspace, start: &str) -> String {
    let r = simulate(ws, "p", scenario(json!({"start": start})));
    r.steps[1].exit.clone().unwrap()
}

#[test]
fn schedule_router_uses_the_simulated_clock_in_the_schedule_time_zone() {
    let ws = schedule_ws();
    // Monday 6 July 2026 07:45 UTC + 30 min pause = 09:15 BST: open only thanks to daylight saving.
    assert_eq!(status_at(&ws, "2026-07-06T07:45:00Z"), "Open");
    // Monday 5 January 2026 08:15 UTC + 30 min = 08:45 GMT: closed.
    assert_eq!(status_at(&ws, "2026-01-05T08:15:00Z"), "Closed");
    assert_eq!(status_at(&ws, "2026-01-05T16:45:00Z"), "Late", "a custom status is its own exit");
    // Monday 28 December 2026 is a holiday.
    assert_eq!(status_at(&ws, "2026-12-28T11:00:00Z"), "Closed");
}

#[test]
fn schedule_router_without_a_status_takes_failure() {
    let mut ws = schedule_ws();
    ws.schedules.get_mut("h").unwrap().time_zone = "Mars/Olympus".into();
    assert_eq!(status_at(&ws, "2026-07-06T07:45:00Z"), "Failure");
    ws.schedules.clear();
    assert_eq!(status_at(&ws, "2026-07-06T07:45:00Z"), "Failure", "an unknown schedule gives no status");
}

#[test]
fn loop_counter_takes_next_max_times_then_the_limit_exit_and_starts_again_from_zero() {
    let ws = workspace(vec![plan(
        "p",
        "Unattended",
        "outer",
        &[
            ("outer", "LoopCounter", json!({"max_runs": 2})),
            ("inner", "LoopCounter", json!({"max_runs": 2})),
            ("work", "SetDataSource", json!({"assignments": [{"name": "X", "value": "$(X)x"}]})),
        ],
        &[
            ("outer", "Next Applet", "inner"),
            ("inner", "Next Applet", "work"),
            ("work", "Next Applet", "inner"),
            ("inner", "Next Applet After Maximum Runs", "outer"),
        ],
    )]);
    let r = simulate(&ws, "p", scenario(json!({})));
    let inner: Vec<&str> = r.steps.iter().filter(|s| s.applet == "inner").map(|s| s.exit.as_deref().unwrap()).collect();
    assert_eq!(
        inner,
        ["Next Applet", "Next Applet", "Next Applet After Maximum Runs", "Next Applet", "Next Applet", "Next Applet After Maximum Runs"],
        "passes 1..=max take Next; pass max+1 takes the limit exit, and the count restarts"
    );
    assert_eq!(r.steps.last().unwrap().exit.as_deref(), Some("Next Applet After Maximum Runs"), "outer pass 3 > 2");
    assert_eq!(data(&r, "X"), Some("xxxx"));
}

#[test]
fn pause_advances_the_simulated_clock_without_sleeping() {
    let ws = workspace(vec![plan("p", "Unattended", "wait", &[("wait", "Pause", json!({"duration": "02:03:00:05"}))], &[])]);
    let wall = std::time::Instant::now();
    let r = simulate(&ws, "p", scenario(json!({"start": "2026-03-01T00:00:00Z"})));
    assert!(wall.elapsed().as_secs() < 2, "nothing sleeps");
    assert_eq!(r.duration_ms, ((2 * 24 + 3) * 3600 + 5) * 1000);
    assert_eq!(r.end.to_rfc3339(), "2026-03-03T03:00:05+00:00");
}

#[test]
fn send_email_renders_placeholders_into_the_outbox() {
    let ws = workspace(vec![plan(
        "p",
        "Unattended",
        "mail",
        &[(
            "mail",
            "SendEmail",
            json!({"to": ["$(Agent)@example.com"], "cc": ["a@example.com; b@example.com"], "subject": "Call from $(CLID:RemoveLeadingPlus)", "body": "Lang $(Language:ToLowerCase), missing [$(Nope)]"}),
        )],
        &[],
    )]);
    let r = simulate(&ws, "p", scenario(json!({"data": {"Agent": "ana"}, "clid": "+4420", "language": "EN-GB"})));
    assert_eq!(path(&r), ["mail:Next"]);
    let m = &r.outbox[0];
    assert_eq!((m.to.clone(), m.cc.clone()), (vec!["ana@example.com".to_string()], vec!["a@example.com".to_string(), "b@example.com".to_string()]));
    assert_eq!(m.subject, "Call from 4420");
    assert_eq!(m.body, "Lang en-gb, missing []");
    let r = simulate(&ws, "p", scenario(json!({})));
    assert_eq!(path(&r), ["mail:Failure"], "'@example.com' (Agent is null) is no address");
}

#[test]
fn send_email_without_a_valid_recipient_takes_failure() {
    let ws = workspace(vec![plan("p", "Unattended", "mail", &[("mail", "SendEmail", json!({"to": ["$(Nobody)"], "subject": "x"}))], &[])]);
    let r = simulate(&ws, "p", scenario(json!({})));
    assert_eq!(path(&r), ["mail:Failure"]);
    assert!(r.outbox.is_empty());
}

#[test]
fn route_to_interaction_plan_continues_in_the_target_keeping_data_sources() {
    let target = plan("t", "Unattended", "mark", &[("mark", "SetDataSource", json!({"assignments": [{"name": "Seen", "value": "$(Carried)"}]}))], &[]);
    let by_id = plan("p", "Unattended", "go", &[("go", "RouteToPlan", json!({"plan": "t"}))], &[]);
    let by_source = plan("q", "Unattended", "go", &[("go", "RouteToPlan", json!({"plan_source": "Target"}))], &[]);
    let missing = plan("m", "Unattended", "go", &[("go", "RouteToPlan", json!({"plan": "gone"}))], &[]);
    let ws = workspace(vec![target, by_id, by_source, missing]);
    let r = simulate(&ws, "p", scenario(json!({"data": {"Carried": "yes"}})));
    assert_eq!(path(&r), ["go", "mark:Next Applet"]);
    assert_eq!(r.steps[1].plan, "t");
    assert_eq!(data(&r, "Seen"), Some("yes"));
    let r = simulate(&ws, "q", scenario(json!({"data": {"Carried": "yes", "Target": "t"}})));
    assert_eq!(data(&r, "Seen"), Some("yes"), "the target may come from a data source");
    let r = simulate(&ws, "m", scenario(json!({})));
    assert_eq!(r.end_reason.code, "route-target-not-found");
    assert!(r.end_reason.message.contains("'gone'"), "{}", r.end_reason.message);
}

fn voice_ws() -> planwright::Workspace {
    let mut live = plan(
        "live",
        "Default",
        "hello",
        &[
            ("hello", "Announcer", json!({"text": "Hello"})),
            ("queue", "Acd", json!({"queue": "Orders"})),
            ("vm", "TakeMessage", json!({"mailbox": "orders"})),
            ("bye", "SetDataSource", json!({"assignments": [{"name": "HungUp", "value": "yes"}]})),
        ],
        &[("hello", "Next", "queue"), ("queue", "Key Pressed", "vm"), ("queue", "No Agents Logged In", "vm")],
    );
    live.post_interaction_route = Some("after".into());
    live.hangup_applet = Some("bye".into());
    let after = plan(
        "after",
        "Unattended",
        "note",
        &[("note", "SetDataSource", json!({"assignments": [{"name": "Got", "value": "$(InteractionOutcome)"}]})), ("oops", "Acd", json!({}))],
        &[("note", "Next Applet", "oops")],
    );
    workspace(vec![live, after])
}

#[test]
fn live_applets_follow_the_script_and_the_outcome_follows_them() {
    let ws = voice_ws();
    let r = simulate(&ws, "live", scenario(json!({"live": {"queue": {"exit": "Delivered", "seconds": 20, "talk_seconds": 100, "agent": "a7"}}})));
    assert_eq!(r.outcome.as_deref(), Some("Delivered"));
    assert_eq!(r.interaction_end.as_ref().unwrap().code, "delivered");
    assert_eq!(data(&r, "First Agent ID"), Some("a7"));
    assert_eq!(data(&r, "Got"), Some("Delivered"), "the route sees the outcome");
    let r = simulate(&ws, "live", scenario(json!({"live": {"Acd": "Key Pressed"}})));
    assert_eq!(r.outcome.as_deref(), Some("Breakout"));
    assert_eq!(path(&r)[..3], ["hello:Next", "queue:Key Pressed", "vm:Next"]);
    let r = simulate(&ws, "live", scenario(json!({"live": {"Acd": "No Agents Logged In"}})));
    assert_eq!(r.outcome.as_deref(), Some("NoAgentsLoggedIn"));
}

#[test]
fn a_scenario_outcome_drives_unscripted_queues_and_a_plan_set_outcome_wins() {
    let ws = voice_ws();
    let r = simulate(&ws, "live", scenario(json!({"outcome": "NoAgentsLoggedIn"})));
    assert_eq!(path(&r)[1], "queue:No Agents Logged In");
    assert_eq!(data(&r, "Got"), Some("NoAgentsLoggedIn"));
    let r = simulate(&ws, "live", scenario(json!({"outcome": "HangUpIVR"})));
    assert_eq!(path(&r)[0], "hello", "the caller hangs up in the first live applet");
    assert_eq!(r.outcome.as_deref(), Some("HangUpIVR"));
    let r = simulate(&ws, "live", scenario(json!({"outcome": "Delivered", "data": {"InteractionOutcome": "VIP"}})));
    assert_eq!(r.outcome.as_deref(), Some("VIP"), "a value the plan (or interaction) holds is kept");
}

#[test]
fn a_caller_hang_up_runs_the_hang_up_applet_then_the_post_interaction_route() {
    let ws = voice_ws();
    let r = simulate(&ws, "live", scenario(json!({"live": {"queue": {"hang_up": true, "seconds": 45}}})));
    assert_eq!(r.outcome.as_deref(), Some("HangUpInQueue"));
    assert_eq!(r.interaction_end.as_ref().unwrap().code, "caller-hung-up");
    let phases: Vec<&str> = r.steps.iter().map(|s| s.phase.as_str()).collect();
    assert_eq!(phases, ["live", "live", "hang_up", "post", "post"]);
    assert_eq!(data(&r, "HungUp"), Some("yes"));
}

#[test]
fn a_live_only_applet_after_the_interaction_requires_a_live_interaction() {
    let ws = voice_ws();
    let r = simulate(&ws, "live", scenario(json!({})));
    let last = r.steps.last().unwrap();
    assert_eq!((last.applet.as_str(), last.phase.as_str(), last.exit.as_deref()), ("oops", "post", None));
    assert_eq!(last.note, "requires a live interaction");
    assert_eq!(r.end_reason.code, "requires-live-interaction");
}

#[test]
fn a_runaway_loop_ends_at_the_step_limit() {
    let ws = workspace(vec![plan(
        "p",
        "Unattended",
        "a",
        &[("a", "SetDataSource", json!({"assignments": []})), ("b", "SetDataSource", json!({"assignments": []}))],
        &[("a", "Next Applet", "b"), ("b", "Next Applet", "a")],
    )]);
    let r = simulate(&ws, "p", scenario(json!({})));
    assert_eq!(r.steps.len(), 1000);
    assert_eq!(r.end_reason.code, "step-limit");
    assert!(r.end_reason.message.contains("1000"));
}

#[test]
fn a_scenario_naming_a_missing_exit_is_refused_with_the_exits_listed() {
    let ws = voice_ws();
    let err = planwright_sim::Simulation::new(&ws, "live", scenario(json!({"live": {"queue": "Answered"}}))).err().unwrap();
    assert!(err.to_string().contains("Delivered"), "{err}");
}

#[test]
fn transfer_call_key_transfers_to_the_transfer_manager_number() {
    let mut live = plan(
        "v",
        "Default",
        "menu",
        &[(
            "menu",
            "TransferCall",
            json!({"options": [{"key": "1", "exit": "Sales desk", "transfer": "Sales"}, {"key": "2", "exit": "Stay"}]}),
        )],
        &[],
    );
    live.transfer_numbers = vec![planwright::model::TransferNumber { name: "Sales".into(), number: "+442071234567".into() }];
    let ws = workspace(vec![live]);
    let r = simulate(&ws, "v", scenario(json!({"live": {"menu": {"key": "1", "seconds": 4}}})));
    let step = &r.steps[0];
    assert_eq!(step.exit.as_deref(), Some("Sales desk"));
    assert_eq!(step.note, "transferred to Sales (+442071234567) after 4 s");
    let r = simulate(&ws, "v", scenario(json!({"live": {"menu": {"key": "2", "seconds": 4}}})));
    assert_eq!(r.steps[0].note, "scripted: 4 s", "an option without a number only leads to its exit");
}
