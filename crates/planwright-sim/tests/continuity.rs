//! Data continuity: CLID, Dialed Number, Language and InteractionOutcome reach the
//! post-interaction route, where a router and an email use them.

mod support;

use serde_json::json;
use support::*;

#[test]
fn the_route_receives_clid_dialed_number_language_and_outcome() {
    let mut live = plan(
        "live",
        "Default",
        "queue",
        &[("queue", "Acd", json!({"queue": "Sales"})), ("tag", "SetDataSource", json!({"assignments": [{"name": "Basket", "value": "B-77"}]}))],
        &[],
    );
    live.start = Some("tag".into());
    live.connections.push(serde_json::from_value(json!({"from": "tag", "exit": "Next Applet", "to": "queue"})).unwrap());
    live.post_interaction_route = Some("route".into());
    let rule = |exit: &str, source: &str, value: &str| json!({"exit": exit, "source": source, "data_type": "Text", "operator": "Equals", "value": value});
    let route = plan(
        "route",
        "Unattended",
        "by_clid",
        &[
            ("by_clid", "DataRouter", json!({"rules": [rule("Known", "CLID", "+447700900555")]})),
            ("by_number", "DataRouter", json!({"rules": [rule("Sales line", "DialledNumber", "+448000000111")]})),
            ("by_language", "DataRouter", json!({"rules": [rule("Welsh", "Language", "cy-GB")]})),
            ("by_outcome", "DataRouter", json!({"rules": [rule("Lost", "InteractionOutcome", "HangUpInQueue")]})),
            (
                "mail",
                "SendEmail",
                json!({
                    "to": ["sales@example.com"],
                    "subject": "$(InteractionOutcome) from $(CLID)",
                    "body": "Number $(Dialed Number), language $(Language), basket $(Basket)"
                }),
            ),
        ],
        &[
            ("by_clid", "Known", "by_number"),
            ("by_number", "Sales line", "by_language"),
            ("by_language", "Welsh", "by_outcome"),
            ("by_outcome", "Lost", "mail"),
        ],
    );
    let ws = workspace(vec![live, route]);
    let r = simulate(
        &ws,
        "live",
        scenario(json!({
            "clid": "+447700900555", "dialled_number": "+448000000111", "language": "cy-GB",
            "live": {"queue": "HangUp"}
        })),
    );
    assert_eq!(
        path(&r),
        ["tag:Next Applet", "queue", "by_clid:Known", "by_number:Sales line", "by_language:Welsh", "by_outcome:Lost", "mail:Next"],
        "every router in the route matched on a value carried from the live interaction"
    );
    let m = &r.outbox[0];
    assert_eq!(m.subject, "HangUpInQueue from +447700900555");
    assert_eq!(m.body, "Number +448000000111, language cy-GB, basket B-77", "other data sources are carried too");
}
