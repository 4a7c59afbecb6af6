//! Loads the sample plans and every fixture workspace, and snapshots their diagnostics.
//! Review changes with `cargo insta review` (or accept with INSTA_UPDATE=always).

use planwright::validate::{validate_context, validate_workspace, Context};
use planwright::{Severity, Workspace};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One line per diagnostic, sorted, in the CLI's shape.
fn render(ws: &Workspace, only: Option<&str>) -> String {
    let mut lines: Vec<String> = validate_context(&Context::of_workspace(ws), only)
        .into_iter()
        .map(|d| {
            let place = d.applet.as_ref().map(|a| format!("{}/{a}", d.plan)).unwrap_or(d.plan.clone());
            let exit = d.exit.map(|e| format!(" [exit {e}]")).unwrap_or_default();
            format!("{place}: {} {}: {}{exit}", d.severity, d.code, d.message)
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn sample_plans_load_and_have_no_errors() {
    let ws = Workspace::load(&repo().join("plans")).unwrap();
    assert!(ws.problems.is_empty(), "every sample loads: {:?}", ws.problems);
    assert!(ws.plans.len() >= 6, "the samples are all there");
    let errors: Vec<_> = validate_workspace(&ws).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "samples must be valid: {errors:#?}");
    insta::assert_snapshot!("samples", render(&ws, None));
}

#[test]
fn sample_plans_are_in_canonical_form() {
    for entry in Workspace::load(&repo().join("plans")).unwrap().plans.values() {
        let on_disk = std::fs::read_to_string(&entry.path).unwrap();
        assert_eq!(planwright::plan_file::plan_to_string(&entry.plan), on_disk, "{} is canonical", entry.path.display());
    }
}

#[test]
fn committed_json_schemas_match_the_model() {
    let plans = repo().join("plans");
    assert_eq!(
        std::fs::read_to_string(plans.join("plan.schema.json")).unwrap(),
        planwright::plan_file::plan_json_schema(),
        "regenerate with: planwright schema > plans/plan.schema.json"
    );
    assert_eq!(
        std::fs::read_to_string(plans.join("schedules/schedule.schema.json")).unwrap(),
        planwright::plan_file::schedule_json_schema(),
        "regenerate with: planwright schema --schedule > plans/schedules/schedule.schema.json"
    );
}

/// Each broken fixture (a file, checked in the context of its folder, or a folder) has at
/// least one error, and these codes among its diagnostics.
const BROKEN: &[(&str, &[&str])] = &[
    ("no-start.json", &["start-missing"]),
    ("dangling.json", &["connection-missing-applet", "connection-unknown-exit", "connection-duplicate-exit"]),
    ("live-in-unattended.json", &["live-applet-in-unattended"]),
    ("route-self.json", &["route-self"]),
    ("route-unknown.json", &["route-unknown"]),
    (
        "bad-properties.json",
        &[
            "property-required",
            "property-range",
            "property-email",
            "property-time-zone",
            "property-operator",
            "property-invalid",
            "schedule-unknown",
            "schedule-invalid",
            "route-to-plan-unknown",
            "exit-name-duplicate",
            "placeholder-unknown-formatter",
        ],
    ),
    ("route-chain", &["route-reaches-live-applet"]),
    ("message-route", &["route-type-not-allowed", "route-reaches-live-applet"]),
    ("unattended-route", &["route-on-unattended"]),
    // Found by the plan fuzz target: the first applet's rule 3 was checked against the
    // second applet's two exits, and validation panicked.
    ("duplicate-applet-id.json", &["applet-duplicate-id", "property-invalid"]),
    ("transfers.json", &["transfer-number-unknown", "transfer-number-invalid"]),
];

#[test]
fn broken_fixtures_report_their_codes() {
    let root = repo().join("tests/fixtures/broken");
    let folder = Workspace::load(&root).unwrap();
    assert!(folder.problems.is_empty(), "{:?}", folder.problems);
    let mut all = String::new();
    for (name, codes) in BROKEN {
        let path = root.join(name);
        let (ws, only) = if path.is_dir() {
            (Workspace::load(&path).unwrap(), None)
        } else {
            let id = folder.plan_at(&path).expect("fixture loads").id.clone();
            (Workspace::load(&root).unwrap(), Some(id))
        };
        let diags = validate_context(&Context::of_workspace(&ws), only.as_deref());
        assert!(diags.iter().any(|d| d.severity == Severity::Error), "{name} has an error");
        for code in *codes {
            assert!(diags.iter().any(|d| d.code == *code), "{name} reports {code}: {diags:#?}");
        }
        all.push_str(&format!("== {name}\n{}\n", render(&ws, only.as_deref())));
    }
    insta::assert_snapshot!("broken", all);
}

#[test]
fn warning_fixtures_have_warnings_and_no_errors() {
    let ws = Workspace::load(&repo().join("tests/fixtures/warnings")).unwrap();
    let diags = validate_workspace(&ws);
    assert!(!diags.iter().any(|d| d.severity == Severity::Error), "{diags:#?}");
    for code in ["cycle-without-loop-counter", "plan-route-cycle", "applet-unreachable", "data-source-unset"] {
        assert!(diags.iter().any(|d| d.code == code), "warnings report {code}");
    }
    // A Set Data Source reads its own new data source as null, so that read is flagged; the
    // mail reads it after the Set, so that read is not.
    let unset: Vec<_> = diags.iter().filter(|d| d.code == "data-source-unset").map(|d| (d.applet.clone().unwrap(), d.message.clone())).collect();
    assert!(unset.iter().any(|(a, m)| a == "set" && m.contains("CustomerTier")));
    assert!(!unset.iter().any(|(a, m)| a == "mail" && m.contains("'CustomerTier'")), "{unset:#?}");
    // Each names its data source, for "where is it set and read".
    let named = diags.iter().find(|d| d.code == "data-source-unset" && d.applet.as_deref() == Some("set") && d.message.contains("CustomerTier")).unwrap();
    assert_eq!(named.data_source.as_deref(), Some("CustomerTier"));
    assert!(diags.iter().filter(|d| d.code != "data-source-unset").all(|d| d.data_source.is_none()));
    insta::assert_snapshot!("warnings", render(&ws, None));
}

#[test]
fn unreadable_files_give_clear_errors_and_are_not_touched() {
    let root = repo().join("tests/fixtures/unreadable");
    let before: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let ws = Workspace::load(&root).unwrap();
    assert!(ws.plans.is_empty());
    let folder = format!("{}/", root.display());
    let mut messages: Vec<String> = ws.problems.iter().map(|e| format!("{}: {}", e.code(), e.to_string().replace(&folder, ""))).collect();
    messages.sort();
    insta::assert_snapshot!("unreadable", messages.join("\n"));
    for (p, b) in before {
        assert_eq!(std::fs::read(&p).unwrap(), b, "{} untouched", p.display());
    }
}

#[test]
fn version_zero_plans_are_migrated_on_load() {
    let plan = planwright::plan_file::load_plan(&repo().join("tests/fixtures/migrate/v0-plan.json")).unwrap();
    assert_eq!(plan.schema_version, planwright::model::SCHEMA_VERSION);
    assert_eq!(plan.start.as_deref(), Some("wait"));
}

#[test]
fn property_findings_name_their_field() {
    let root = repo().join("tests/fixtures/broken");
    let ws = Workspace::load(&root).unwrap();
    let diags = validate_context(&Context::of_workspace(&ws), Some("bad-properties"));
    let field_of = |applet: &str, code: &str| {
        diags.iter().filter(|d| d.applet.as_deref() == Some(applet) && d.code == code).map(|d| d.field.clone().unwrap_or_default()).collect::<Vec<_>>()
    };
    assert_eq!(field_of("conn", "property-range"), ["timeout_seconds"]);
    assert!(field_of("conn", "property-required").contains(&"url".to_string()));
    assert_eq!(field_of("mail", "property-email"), ["to[0]"]);
    assert_eq!(field_of("router", "property-operator"), ["rules[0].operator"]);
    assert_eq!(field_of("wait2", "property-invalid"), ["duration"]);
    assert_eq!(field_of("hours2", "schedule-unknown"), ["schedule"]);
}

#[test]
fn transfer_findings_name_the_manager_row_or_the_option() {
    let ws = Workspace::load(&repo().join("tests/fixtures/broken")).unwrap();
    let diags = validate_context(&Context::of_workspace(&ws), Some("transfers"));
    let of = |code: &str| -> Vec<(Option<String>, String)> {
        diags.iter().filter(|d| d.code == code).map(|d| (d.field.clone(), d.message.clone())).collect()
    };
    assert_eq!(of("transfer-number-unknown"), [(Some("options[1].transfer".into()), "Option 2 · Transfer: 'Billing' is not in the plan's Transfer Manager".into())]);
    let invalid = of("transfer-number-invalid");
    assert!(invalid.contains(&(Some("transfer_numbers[1].name".into()), "Transfer number 2 · Name: 'Sales' is used twice".into())), "{invalid:?}");
    assert!(invalid.contains(&(Some("transfer_numbers[2].name".into()), "Transfer number 3 · Name is required".into())), "{invalid:?}");
    assert!(invalid.contains(&(Some("transfer_numbers[2].number".into()), "Transfer number 3 · Number: '12ab' is not a phone number".into())), "{invalid:?}");
    assert_eq!(invalid.len(), 3);

    let ws = Workspace::load(&repo().join("tests/fixtures/warnings")).unwrap();
    let diags = validate_context(&Context::of_workspace(&ws), Some("transfers-on-unattended"));
    let d = diags.iter().find(|d| d.code == "transfer-numbers-not-voice").expect("flagged");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.field.as_deref(), Some("transfer_numbers"));
}

#[test]
fn config_keys_the_account_lacks_are_warned_about_where_the_form_shows_them() {
    let ws = Workspace::load(&repo().join("tests/fixtures/warnings")).unwrap();
    let undefined = |ctx: &Context| -> Vec<(Option<String>, Option<String>, String)> {
        validate_context(ctx, Some("config-keys"))
            .into_iter()
            .filter(|d| d.code == "config-key-undefined")
            .inspect(|d| assert_eq!(d.severity, Severity::Warning, "an undefined key is a warning: the run takes Interface Failure"))
            .map(|d| (d.applet, d.field, d.message))
            .collect()
    };
    assert_eq!(undefined(&Context::of_workspace(&ws)), [], "without an account, #(Key)s are not checked (the CLI's plan files alone)");
    let account = std::collections::BTreeSet::from(["CrmHost".to_string()]);
    assert_eq!(
        undefined(&Context::of_workspace(&ws).with_account_keys(&account)),
        [(Some("crm".into()), Some("headers[0].value".into()), "Header 1 · Value: #(CrmToken) is not a configuration key of the account".into())],
        "CrmHost is defined (used twice, in two applets); CrmToken is not"
    );
    let none = std::collections::BTreeSet::new();
    let all = undefined(&Context::of_workspace(&ws).with_account_keys(&none));
    assert_eq!(
        all.iter().map(|(a, f, _)| (a.clone().unwrap(), f.clone().unwrap())).collect::<Vec<_>>(),
        [("crm".to_string(), "url".to_string()), ("crm".into(), "headers[0].value".into()), ("mail".into(), "subject".into())],
        "{all:#?}"
    );
}
