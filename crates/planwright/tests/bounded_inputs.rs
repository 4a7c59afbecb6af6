//! Hostile sizes: deep nesting, huge files and long strings are refused with a clear error,
//! within bounded memory (issue 13, item 5). The fuzz targets (`fuzz/`) hold each input to 5 s
//! and 2 GiB as well.

use planwright::error::{Error, ReadError};
use planwright::plan_file::{load_plan, parse_plan, parse_schedule, read_text, MAX_FILE_BYTES};
use planwright::validate::validate_workspace;
use planwright::{ParseError, Workspace};

fn plan_json(name: &str, id: &str, label: &str) -> String {
    plan_setting(name, id, label, "Note")
}

/// An Unattended plan of one Set Data Source applet that sets `source`.
fn plan_setting(name: &str, id: &str, label: &str, source: &str) -> String {
    serde_json::json!({
        "schema_version": 1, "id": id, "name": name, "type": "Unattended", "start": "a",
        "applets": [{"id": "a", "kind": "SetDataSource", "label": label, "position": {"x": 0.0, "y": 0.0},
                     "properties": {"assignments": [{"name": source, "value": "1"}]}}],
        "connections": []
    })
    .to_string()
}

#[test]
fn deep_nesting_is_a_malformed_file_not_a_stack_overflow() {
    for depth in [10_000usize, 1_000_000] {
        let arrays = "[".repeat(depth);
        let objects = "{\"a\":".repeat(depth);
        let in_a_property = format!("{{\"schema_version\":1,\"id\":\"p\",\"applets\":[{{\"properties\":{arrays}");
        for text in [&arrays, &objects, &in_a_property] {
            match parse_plan(text) {
                Err(ParseError::Malformed { message, line: 1, .. }) => assert!(message.contains("recursion limit"), "{message}"),
                other => panic!("depth {depth}: {other:?}"),
            }
            assert!(matches!(parse_schedule(text), Err(ParseError::Malformed { .. })));
        }
    }
}

#[test]
fn a_file_larger_than_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // Sparse: no disk is used, and reading it would take 64 MiB of memory.
    std::fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    assert_eq!(read_text(&path), Err(ReadError::TooLarge { size: MAX_FILE_BYTES + 1, limit: MAX_FILE_BYTES }));
    let err = load_plan(&path).unwrap_err();
    assert_eq!(err.code(), "file-too-large");
    assert!(err.to_string().contains("the file is too large: 67108865 bytes"), "{err}");
    // The workspace reports it among its problems and loads the rest.
    std::fs::write(dir.path().join("ok.json"), plan_json("Ok", "ok", "End")).unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    assert!(ws.plan("ok").is_some());
    assert!(matches!(&ws.problems[..], [Error::Read { source: ReadError::TooLarge { .. }, .. }]), "{:?}", ws.problems);
}

#[test]
fn long_strings_are_refused_or_flagged_with_short_messages() {
    let long = "x".repeat(10 << 20);
    // An id: refused on load, and the message quotes 80 characters of it.
    let err = parse_plan(&plan_json("P", &long, "End")).unwrap_err();
    assert_eq!(err.code(), "file-invalid-id");
    assert!(err.to_string().len() < 400, "{} bytes", err.to_string().len());
    let err = parse_plan(&plan_json("P", "p", "End").replace("\"id\":\"a\"", &format!("\"id\":\"{long}\""))).unwrap_err();
    assert!(matches!(&err, ParseError::InvalidId { field, .. } if field == "applets[0].id"), "{err}");
    // A name, a label or a data source name: loaded (nothing is lost), then an error that
    // says how long it is.
    for (text, code, field) in [
        (plan_json(&long, "p", "End"), "name-too-long", "name"),
        (plan_json("P", "p", &long), "name-too-long", "label"),
        (plan_setting("P", "p", "Set", &long), DATA_SOURCE_CODE, "assignments[0].name"),
    ] {
        let plan = parse_plan(&text).unwrap();
        let mut ws = Workspace::default();
        ws.plans.insert("p".into(), planwright::workspace::PlanEntry { path: "p.json".into(), plan });
        let found: Vec<_> = validate_workspace(&ws).into_iter().filter(|d| d.code == code).collect();
        assert_eq!(found.len(), 1, "{field}: {found:?}");
        assert_eq!(found[0].field.as_deref(), Some(field));
        for d in validate_workspace(&ws) {
            assert!(d.message.len() < 400, "{field}: {} says {} bytes", d.code, d.message.len());
        }
    }
    // Every quoted value is cut, whatever finding quotes it: a router whose rule compares a
    // long value with a Number, reading a long unset data source, in an applet with a long label.
    let router = serde_json::json!({
        "schema_version": 1, "id": "r", "name": "R", "type": "Unattended", "start": "a",
        "applets": [{"id": "a", "kind": "DataRouter", "label": long, "position": {"x": 0.0, "y": 0.0},
                     "properties": {"rules": [{"source": long, "operator": "Equals", "data_type": "Number", "value": long, "exit": long}]}}],
        "connections": []
    });
    let plan = parse_plan(&router.to_string()).unwrap();
    let mut ws = Workspace::default();
    ws.plans.insert("r".into(), planwright::workspace::PlanEntry { path: "r.json".into(), plan });
    let found = validate_workspace(&ws);
    assert!(found.len() >= 3, "{:?}", found.iter().map(|d| d.code).collect::<Vec<_>>());
    for d in found {
        assert!(d.message.len() < 400, "{} says {} bytes", d.code, d.message.len());
    }
}
const DATA_SOURCE_CODE: &str = "property-range";
