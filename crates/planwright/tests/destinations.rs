//! Destinations and mappings: resolution (rank by priority, tie by recency, a listed source to
//! the testing plan, the three levels of data sources with VCC's own worked example, an
//! unmapped address), the design-time checks, and the files (bad input named, canonical text).

use planwright::destination::{check, normal_address, resolve, Destination, DestinationKind, Level, Mapping, Routing};
use planwright::model::{Channel, Plan, PlanType};
use std::collections::BTreeMap;
use std::path::Path;

fn dest(id: &str, kind: DestinationKind, address: &str, ds: &[(&str, &str)]) -> Destination {
    Destination {
        json_schema: None,
        schema_version: 1,
        id: id.into(),
        kind,
        address: address.into(),
        name: id.into(),
        description: String::new(),
        data_sources: ds.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        service: String::new(),
    }
}

fn mapping(id: &str, addresses: &[&str], plan: &str, priority: u32, modified: &str) -> Mapping {
    Mapping {
        json_schema: None,
        schema_version: 1,
        id: id.into(),
        name: id.into(),
        description: String::new(),
        destinations: addresses.iter().map(|a| a.to_string()).collect(),
        production_plan: plan.into(),
        testing_plan: None,
        interaction_sources: Vec::new(),
        data_sources: BTreeMap::new(),
        priority,
        modified: chrono::DateTime::parse_from_rfc3339(modified).unwrap(),
    }
}

fn plan(id: &str, t: PlanType, channel: Option<Channel>, ds: &[(&str, &str)]) -> (String, Plan) {
    let mut p = Plan::new(id, id, t);
    p.channel = channel;
    p.data_sources = ds.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    (id.to_string(), p)
}

fn routing(ds: Vec<Destination>, ms: Vec<Mapping>) -> Routing {
    Routing {
        destinations: ds.into_iter().map(|d| (d.id.clone(), d)).collect(),
        mappings: ms.into_iter().map(|m| (m.id.clone(), m)).collect(),
        problems: Vec::new(),
    }
}

#[test]
fn the_highest_priority_wins_and_says_what_it_beat() {
    let r = routing(
        vec![dest("uk", DestinationKind::Pstn, "+44 800 123 4567", &[])],
        vec![mapping("all", &["+448001234567"], "general", 10, "2026-12-01T00:00:00Z"), mapping("uk-sales", &["+44 (800) 123-4567"], "sales", 500, "2026-01-01T00:00:00Z")],
    );
    let plans = BTreeMap::from([plan("general", PlanType::Default, None, &[]), plan("sales", PlanType::Default, None, &[])]);
    let res = resolve(&r, &plans, "+448001234567", None);
    assert_eq!(res.plan.as_deref(), Some("sales"));
    assert_eq!(res.mapping.as_deref(), Some("uk-sales"));
    assert!(res.reasons.iter().any(|w| w == "mapping 'uk-sales' (priority 500) beat 'all' (priority 10)"), "{:?}", res.reasons);
    assert!(!res.testing);
}

#[test]
fn of_equal_priorities_the_mapping_modified_last_wins() {
    let r = routing(
        vec![dest("n", DestinationKind::Pstn, "+448001234567", &[])],
        vec![mapping("older", &["+448001234567"], "a", 100, "2026-01-01T00:00:00Z"), mapping("newer", &["+448001234567"], "b", 100, "2026-06-01T00:00:00Z")],
    );
    let plans = BTreeMap::from([plan("a", PlanType::Default, None, &[]), plan("b", PlanType::Default, None, &[])]);
    let res = resolve(&r, &plans, "+448001234567", None);
    assert_eq!(res.plan.as_deref(), Some("b"));
    assert!(res.reasons.iter().any(|w| w.contains("the same priority, and it was modified later")), "{:?}", res.reasons);
    let findings = check(&r, &plans);
    let tie = findings.iter().find(|f| f.code == "mapping-priority-tie").expect("a tie warning");
    assert!(tie.message.contains("'older' and 'newer' both include +448001234567 at priority 100: 'newer' wins"), "{}", tie.message);
}

#[test]
fn a_listed_source_is_a_test_interaction_to_the_testing_plan() {
    let mut m = mapping("m", &["+448001234567"], "live", 100, "2026-01-01T00:00:00Z");
    m.testing_plan = Some("draft".into());
    m.interaction_sources = vec!["+44 7700 900999".into()];
    let r = routing(vec![dest("n", DestinationKind::Pstn, "+448001234567", &[])], vec![m]);
    let plans = BTreeMap::from([plan("live", PlanType::Default, None, &[]), plan("draft", PlanType::Default, None, &[("PlanVersion", "draft")])]);
    let tester = resolve(&r, &plans, "+448001234567", Some("+447700900999"));
    assert_eq!((tester.plan.as_deref(), tester.testing), (Some("draft"), true));
    assert_eq!(tester.data_sources.iter().map(|v| (v.name.as_str(), v.level)).collect::<Vec<_>>(), [("PlanVersion", Level::Plan)]);
    let customer = resolve(&r, &plans, "+448001234567", Some("+447700900123"));
    assert_eq!((customer.plan.as_deref(), customer.testing), (Some("live"), false));
    assert!(customer.data_sources.is_empty(), "the production plan sets no data sources");
}

#[test]
fn vccs_worked_example_of_data_source_precedence() {
    // Destination A sets DS1=1 and DSA=z; mapping A sets DS1 (not applied) and DSM=y; plan A
    // sets DS1 (not applied) and DSP=x. The interaction starts with DS1, DSA, DSM and DSP.
    let mut m = mapping("mapping-a", &["+441632960000"], "plan-a", 100, "2026-01-01T00:00:00Z");
    m.data_sources = BTreeMap::from([("DS1".into(), "from mapping".into()), ("DSM".into(), "y".into())]);
    let r = routing(vec![dest("destination-a", DestinationKind::Pstn, "+441632960000", &[("DS1", "1"), ("DSA", "z")])], vec![m]);
    let plans = BTreeMap::from([plan("plan-a", PlanType::Default, None, &[("DS1", "from plan"), ("DSP", "x")])]);
    let res = resolve(&r, &plans, "+441632960000", None);
    let got: Vec<(&str, &str, Level, Vec<Level>)> = res.data_sources.iter().map(|v| (v.name.as_str(), v.value.as_str(), v.level, v.shadowed.clone())).collect();
    assert_eq!(
        got,
        [
            ("DS1", "1", Level::Destination, vec![Level::Mapping, Level::Plan]),
            ("DSA", "z", Level::Destination, vec![]),
            ("DSM", "y", Level::Mapping, vec![]),
            ("DSP", "x", Level::Plan, vec![]),
        ]
    );
    let findings = check(&r, &plans);
    let infos: Vec<&str> = findings.iter().filter(|f| f.code == "data-source-shadowed").map(|f| f.field.as_str()).collect();
    assert_eq!(infos, ["data_sources.DS1", "data_sources.DS1"], "set at the mapping and at the plan: each an info");
}

#[test]
fn an_address_no_mapping_includes_reaches_no_plan() {
    let r = routing(vec![dest("n", DestinationKind::Pstn, "+448001234567", &[]), dest("spare", DestinationKind::Pstn, "+448009999999", &[])], vec![mapping("m", &["+448001234567"], "p", 1, "2026-01-01T00:00:00Z")]);
    let plans = BTreeMap::from([plan("p", PlanType::Default, None, &[])]);
    let res = resolve(&r, &plans, "+448009999999", None);
    assert_eq!(res.plan, None);
    assert!(res.reasons.last().unwrap().contains("no mapping includes +448009999999"));
    let codes: Vec<&str> = check(&r, &plans).iter().map(|f| f.code).collect();
    assert_eq!(codes, ["address-unmapped"]);
    assert!(r.is_mapped("p"));
}

#[test]
fn bad_mappings_and_destinations_are_named_by_file_and_field() {
    let mut testing = mapping("tests", &["+448001234567"], "live", 10_001, "2026-01-01T00:00:00Z");
    testing.testing_plan = Some("draft".into());
    let r = routing(
        vec![
            dest("bad-number", DestinationKind::Pstn, "call us", &[]),
            dest("n", DestinationKind::Pstn, "+448001234567", &[]),
            dest("copy", DestinationKind::Pstn, "+44 800 123 4567", &[]),
            dest("api", DestinationKind::Api, "orders@example.com", &[]),
        ],
        vec![
            testing,
            mapping("zero", &["+448001234567", "+448001234567", "+449999999999"], "missing", 0, "2026-01-01T00:00:00Z"),
            mapping("wrong-channel", &["+448001234567"], "chat", 20, "2026-01-01T00:00:00Z"),
            mapping("after", &["orders@example.com"], "follow-up", 30, "2026-01-01T00:00:00Z"),
        ],
    );
    let plans = BTreeMap::from([
        plan("live", PlanType::Default, Some(Channel::Voice), &[]),
        plan("draft", PlanType::Default, Some(Channel::Voice), &[]),
        plan("chat", PlanType::Message, None, &[]),
        plan("follow-up", PlanType::Unattended, None, &[]),
    ]);
    let got: Vec<(String, &str, String)> = check(&r, &plans).into_iter().map(|f| (f.file, f.code, f.field)).collect();
    for want in [
        ("destinations/bad-number.json", "destination-address-invalid", "address"),
        ("destinations/n.json", "destination-address-duplicate", "address"),
        ("mappings/tests.json", "mapping-priority-invalid", "priority"),
        ("mappings/tests.json", "testing-plan-no-sources", "interaction_sources"),
        ("mappings/zero.json", "mapping-priority-invalid", "priority"),
        ("mappings/zero.json", "destination-address-duplicate", "destinations[1]"),
        ("mappings/zero.json", "mapping-destination-unknown", "destinations[2]"),
        ("mappings/zero.json", "mapping-plan-unknown", "production_plan"),
        ("mappings/wrong-channel.json", "mapping-plan-channel", "destinations[0]"),
        ("mappings/after.json", "mapping-production-unattended", "production_plan"),
    ] {
        assert!(got.iter().any(|(f, c, p)| (f.as_str(), *c, p.as_str()) == want), "missing {want:?} in {got:#?}");
    }
}

#[test]
fn files_load_with_their_problems_named_and_the_samples_are_clean() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dir.path().join("destinations");
    let ms = dir.path().join("mappings");
    std::fs::create_dir_all(&ds).unwrap();
    std::fs::create_dir_all(&ms).unwrap();
    let good = dest("n", DestinationKind::Pstn, "+448001234567", &[("A", "1")]);
    std::fs::write(ds.join("n.json"), planwright::destination::to_text(&good)).unwrap();
    std::fs::write(ds.join("wrong-name.json"), planwright::destination::to_text(&dest("other", DestinationKind::Api, "x@y", &[]))).unwrap();
    std::fs::write(ds.join("newer.json"), r#"{"schema_version": 7, "id": "newer"}"#).unwrap();
    std::fs::write(ms.join("typo.json"), "{\"schema_version\": 1, \"id\": \"typo\", \"destinatons\": []}").unwrap();
    let r = Routing::load(dir.path());
    assert_eq!(r.destinations.keys().collect::<Vec<_>>(), ["n"]);
    let problems: Vec<String> = r.problems.iter().map(|(p, why)| format!("{}: {why}", p.file_name().unwrap().to_string_lossy())).collect();
    assert!(problems.iter().any(|p| p.starts_with("newer.json: schema_version 7 is newer")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("wrong-name.json: id 'other' is not the file's name")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("typo.json: unknown field `destinatons`")), "{problems:?}");
    // Canonical: loading and writing again gives the same bytes.
    let text = std::fs::read_to_string(ds.join("n.json")).unwrap();
    assert_eq!(planwright::destination::to_text(&r.destinations["n"]), text);

    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans");
    let r = Routing::load(&samples);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    for (dir, items) in [("destinations", r.destinations.keys().cloned().collect::<Vec<_>>()), ("mappings", r.mappings.keys().cloned().collect())] {
        for id in items {
            let path = samples.join(dir).join(format!("{id}.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let again = if dir == "destinations" {
                planwright::destination::to_text(&serde_json::from_value::<Destination>(value).unwrap())
            } else {
                planwright::destination::to_text(&serde_json::from_value::<Mapping>(value).unwrap())
            };
            assert_eq!(again, text, "{} is canonical", path.display());
        }
    }
    let (d_schema, m_schema) = planwright::destination::json_schemas();
    if std::env::var_os("PLANWRIGHT_UPDATE_SCHEMAS").is_some() {
        std::fs::write(samples.join("destinations/destination.schema.json"), &d_schema).unwrap();
        std::fs::write(samples.join("mappings/mapping.schema.json"), &m_schema).unwrap();
    }
    assert_eq!(std::fs::read_to_string(samples.join("destinations/destination.schema.json")).unwrap(), d_schema, "stale: PLANWRIGHT_UPDATE_SCHEMAS=1 cargo test -p planwright --test destinations (or planwright schema --destination)");
    assert_eq!(std::fs::read_to_string(samples.join("mappings/mapping.schema.json")).unwrap(), m_schema, "stale: PLANWRIGHT_UPDATE_SCHEMAS=1 cargo test -p planwright --test destinations (or planwright schema --mapping)");
    let ws = planwright::Workspace::load(&samples).unwrap();
    let plans = ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect();
    let findings = check(&r, &plans);
    assert!(findings.iter().all(|f| f.severity == planwright::Severity::Info), "{findings:#?}");
}

#[test]
fn addresses_compare_as_numbers_or_lower_case() {
    assert_eq!(normal_address(" +44 (800) 123-4567 "), "+448001234567");
    assert_eq!(normal_address("Chat.ExampleShop.co.uk/Orders"), "chat.exampleshop.co.uk/orders");
    assert!(planwright::destination::is_phone_number("+44 800 123 4567"));
    assert!(!planwright::destination::is_phone_number("0800 123"));
}
