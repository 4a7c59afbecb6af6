//! The Interaction Plans Manager window's API: the three tabs' contents, saving and deleting as
//! VCC allows (PSTN numbers edited only), a mapping stamped modified at the command boundary
//! (so a new one wins a tie), and routing a test interaction against the plans as edited.

mod common;

use planwright::destination::{Destination, DestinationKind, Mapping};
use planwright_api::Session;
use std::collections::BTreeMap;

fn session() -> (tempfile::TempDir, Session) {
    common::sample_session()
}

fn api_destination(id: &str, address: &str) -> Destination {
    Destination {
        json_schema: None,
        schema_version: 1,
        id: id.into(),
        kind: DestinationKind::Api,
        address: address.into(),
        name: "Support email".into(),
        description: String::new(),
        data_sources: BTreeMap::from([("Entry".into(), "email".into())]),
        service: "Support".into(),
    }
}

#[test]
fn the_tabs_list_destinations_mappings_and_plans_mapped_or_not() {
    let (_dir, mut s) = session();
    let v = s.routing().unwrap();
    assert_eq!(v.destinations.len(), 3);
    assert_eq!(v.mappings.len(), 3);
    let mapped: Vec<(&str, bool)> = v.plans.iter().map(|p| (p.id.as_str(), p.mapped)).collect();
    assert!(mapped.contains(&("voice-orders-next", true)) && mapped.contains(&("order-follow-up", false)), "{mapped:?}");
    assert!(v.problems.is_empty() && v.findings.iter().all(|f| f.severity == planwright::Severity::Info));
}

#[test]
fn an_api_destination_and_a_mapping_with_a_testing_plan_route_a_testers_interaction() {
    let (dir, mut s) = session();
    s.save_destination(api_destination("support-email", "support@exampleshop.co.uk"), true).unwrap();
    let mapping = Mapping {
        json_schema: None,
        schema_version: 1,
        id: "support".into(),
        name: "Support".into(),
        description: String::new(),
        destinations: vec!["support@exampleshop.co.uk".into()],
        production_plan: "chat-support".into(),
        testing_plan: Some("chat-support".into()),
        interaction_sources: vec!["tester@exampleshop.co.uk".into()],
        data_sources: BTreeMap::from([("Queue".into(), "support".into())]),
        priority: 100,
        modified: chrono::DateTime::parse_from_rfc3339("2000-01-01T00:00:00Z").unwrap(),
    };
    let v = s.save_mapping(mapping.clone(), true).unwrap();
    let saved = v.mappings.iter().find(|m| m.id == "support").unwrap();
    use chrono::Datelike;
    assert!(saved.modified.year() >= 2026, "stamped when saved, not the window's value: {}", saved.modified);
    assert!(dir.path().join("plans/mappings/support.json").is_file());
    let r = s.route_interaction("Support@ExampleShop.co.uk".into(), Some("tester@exampleshop.co.uk".into())).unwrap();
    assert_eq!((r.plan.as_deref(), r.testing), (Some("chat-support"), true));
    let names: Vec<(&str, &str)> = r.data_sources.iter().map(|v| (v.name.as_str(), v.value.as_str())).collect();
    assert_eq!(names, [("Entry", "email"), ("Queue", "support")]);
    // Creating it again, or a bad priority, is refused; nothing is written.
    assert_eq!(s.save_mapping(mapping.clone(), true).unwrap_err().code, "mapping-exists");
    assert_eq!(s.save_mapping(Mapping { priority: 10_001, ..mapping }, false).unwrap_err().code, "mapping-priority-invalid");
    assert_eq!(s.delete_mapping("support".into()).unwrap().mappings.len(), 3);
    assert_eq!(s.delete_destination("support-email".into()).unwrap().destinations.len(), 3);
}

#[test]
fn pstn_numbers_are_edited_only() {
    let (_dir, mut s) = session();
    let v = s.routing().unwrap();
    let row = v.destinations.iter().find(|d| d.destination.id == "orders-hotline").unwrap();
    assert_eq!(row.mappings, ["uk-orders", "all-numbers"], "the winner first");
    let hotline = row.destination.clone();
    let renamed = Destination { name: "Orders line".into(), ..hotline.clone() };
    assert!(s.save_destination(renamed, false).unwrap().destinations.iter().any(|d| d.destination.name == "Orders line"));
    assert_eq!(s.save_destination(Destination { address: "+448000000001".into(), ..hotline.clone() }, false).unwrap_err().code, "pstn-address-fixed");
    assert_eq!(s.save_destination(Destination { id: "new-number".into(), address: "+448000000001".into(), ..hotline.clone() }, true).unwrap_err().code, "pstn-create-refused");
    assert_eq!(s.delete_destination("orders-hotline".into()).unwrap_err().code, "pstn-delete-refused");
    assert_eq!(s.save_destination(api_destination("dup", "+44 800 123 4567"), true).unwrap_err().code, "destination-address-duplicate");
    assert_eq!(s.save_destination(api_destination("../x", "a@b"), true).unwrap_err().code, "id-invalid");
}

#[test]
fn simulating_from_a_destination_runs_the_plan_it_reaches_with_its_data_sources() {
    use planwright_api::simulate::SimRequest;
    let (_dir, mut s) = session();
    s.open_plan("voice-orders".into()).unwrap();
    let request = SimRequest { destination: Some("+44 800 123 4567".into()), source: Some("+447700900999".into()), ..SimRequest::default() };
    let jobs = planwright_api::Jobs::new();
    let job = jobs.start("simulate", |_| {});
    let r = s.simulate("voice-orders".into(), request.clone()).unwrap().run(&job);
    let run = job.finish(r).unwrap();
    assert_eq!(run.plan, "voice-orders-next", "a tester's call goes to the testing plan");
    assert!(run.route.as_ref().is_some_and(|r| r.testing));
    let initial: std::collections::BTreeMap<&str, Option<&str>> = run.initial.iter().map(|v| (v.name.as_str(), v.value.as_deref())).collect();
    assert_eq!(initial["Dialed Number"], Some("+448001234567"), "a number is dialled in its plain form");
    assert_eq!(initial["CLID"], Some("+447700900999"));
    assert_eq!((initial["Brand"], initial["Hotline"], initial["Campaign"], initial["PlanVersion"]), (Some("ExampleShop"), Some("orders"), Some("spring"), Some("next")));
    // The stored run keeps its route and starting data, so its replay shows how it came.
    let stored = s.open_run(run.run_id).unwrap();
    assert_eq!(stored.route, run.route);
    assert!(stored.initial.iter().any(|v| v.name == "Hotline" && v.value.as_deref() == Some("orders")));
    let unmapped = SimRequest { destination: Some("+441632960999".into()), ..request };
    assert_eq!(s.simulate("voice-orders".into(), unmapped).err().unwrap().code, "destination-unmapped");
}
