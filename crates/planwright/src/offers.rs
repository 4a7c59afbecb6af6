//! What a property form offers as the user types: the data sources an applet can read, the
//! values a rule may compare with, the operators of a data type. The engine decides these, so
//! the Applet Manager, the CLI and tests agree.

use crate::datasource::{self, BUILTIN, FORMATTERS};
use crate::graph::PlanGraph;
use crate::model::{DataType, Operator, Plan};
use crate::validate::{inherited_sources, Context};
use serde::Serialize;
use std::collections::BTreeMap;

/// The InteractionOutcome values the platform fills in (domain notes, section 6).
pub const OUTCOMES: [&str; 11] = [
    "HangUpIVR",
    "Delivered",
    "HangUpInQueue",
    "Breakout",
    "QueueTimeout",
    "NoAgentsLoggedIn",
    "MaxEstimatedWaitTime",
    "AgentRejected",
    "Callback",
    "CallbackQueued",
    "Other",
];

/// Language codes offered for the Language data source: the languages a VCC account commonly
/// plays prompts in, as BCP 47 tags (a Planwright choice: the documentation lists none).
pub const LANGUAGES: [&str; 16] = [
    "en-GB", "en-US", "en-AU", "fr-FR", "fr-CA", "de-DE", "es-ES", "es-MX", "it-IT", "nl-NL", "pt-PT", "pt-BR", "sv-SE", "da-DK", "pl-PL", "ja-JP",
];

/// Where an offered data source comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The platform provides it to every interaction.
    Builtin,
    /// An applet on some path to this one sets it (its label).
    SetBy(String),
    /// It arrives from another plan (a live plan's sources passed to its route).
    PassedIn,
    /// The scenario the user simulates with sets it.
    Scenario,
}

/// One data source a field may name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataSourceOffer {
    pub name: String,
    pub origins: Vec<Origin>,
}

/// The data sources `applet` may read, in the order a form lists them: set upstream on some
/// path to it, passed in from another plan, from the scenario, then the built-in ones; each
/// name once, with every origin. `scenario` names the scenario's data sources.
pub fn data_sources_at(ctx: &Context, plan: &Plan, applet: &str, scenario: &[String]) -> Vec<DataSourceOffer> {
    let graph = PlanGraph::from_plan(plan);
    let upstream = graph.upstream_of(applet);
    let mut by_name: BTreeMap<String, Vec<Origin>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut offer = |name: &str, origin: Origin| {
        let name = datasource::canonical(name.trim());
        if name.is_empty() {
            return;
        }
        let origins = by_name.entry(name.to_string()).or_insert_with(|| {
            order.push(name.to_string());
            Vec::new()
        });
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    };
    for a in plan.applets.iter().filter(|a| upstream.contains(a.id.as_str())) {
        for name in datasource::writes(&a.config) {
            offer(&name, Origin::SetBy(a.label.clone()));
        }
    }
    let inherited = inherited_sources(ctx, &plan.id);
    for name in inherited.iter().filter(|n| !datasource::is_builtin(n)) {
        offer(name, Origin::PassedIn);
    }
    for name in scenario {
        offer(name, Origin::Scenario);
    }
    for name in BUILTIN.iter().filter(|n| **n != "DialledNumber") {
        offer(name, Origin::Builtin);
    }
    order.into_iter().map(|name| DataSourceOffer { origins: by_name.remove(&name).unwrap_or_default(), name }).collect()
}

/// The formatters a `$(Name:…)` placeholder may name.
pub fn formatters() -> &'static [&'static str] {
    &FORMATTERS
}

/// The documented values a rule on `source` may compare with (InteractionOutcome's outcomes,
/// Language's codes); none for other sources.
pub fn values_of(source: &str) -> &'static [&'static str] {
    match datasource::canonical(source.trim()) {
        "InteractionOutcome" => &OUTCOMES,
        "Language" => &LANGUAGES,
        _ => &[],
    }
}

/// The operators a rule of `data_type` may use, in the form's order.
pub fn operators_of(data_type: DataType) -> Vec<Operator> {
    Operator::ALL.into_iter().filter(|o| o.applies_to(data_type)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Schedules;
    use crate::model::*;

    fn plan() -> Plan {
        let json = r#"{"schema_version":1,"id":"p","name":"P","type":"Unattended","start":"set",
          "applets":[
            {"id":"set","label":"Set tier","kind":"SetDataSource","properties":{"assignments":[{"name":"Tier","value":"gold"}]}},
            {"id":"conn","label":"Lookup","kind":"DataConnector","properties":{"url":"http://x","response_code_destination":"Status","fields":[{"locator":"a","destination":"OrderId","data_type":"Text"}]}},
            {"id":"router","label":"Router","kind":"DataRouter","properties":{"rules":[]}},
            {"id":"late","label":"Late set","kind":"SetDataSource","properties":{"assignments":[{"name":"After","value":"x"}]}}
          ],
          "connections":[{"from":"set","exit":"Next Applet","to":"conn"},{"from":"conn","exit":"Next","to":"router"},{"from":"router","exit":"Default","to":"late"}]}"#;
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_router_is_offered_what_is_set_upstream_then_the_scenario_then_builtins() {
        let p = plan();
        let schedules = Schedules::default();
        let ctx = Context { plans: [("p", &p)].into_iter().collect(), schedules: &schedules, account_keys: None };
        let offers = data_sources_at(&ctx, &p, "router", &["VIP".into(), "Tier".into()]);
        let names: Vec<&str> = offers.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(&names[..4], ["Tier", "OrderId", "Status", "VIP"]);
        assert!(!names.contains(&"After"), "set only after the router: {names:?}");
        assert!(names.contains(&"InteractionOutcome") && names.contains(&"Dialed Number") && !names.contains(&"DialledNumber"));
        let tier = &offers[0];
        assert_eq!(tier.origins, [Origin::SetBy("Set tier".into()), Origin::Scenario]);
        let first = data_sources_at(&ctx, &p, "set", &[]);
        assert_eq!(first[0].name, "Call Guid", "nothing is upstream of the start: {first:?}");
    }

    #[test]
    fn documented_values_and_operators() {
        assert_eq!(values_of("InteractionOutcome").len(), 11);
        assert!(values_of("Language").contains(&"en-GB"));
        assert!(values_of("CLID").is_empty());
        assert_eq!(operators_of(DataType::Number).len(), 8);
        assert!(operators_of(DataType::Text).contains(&Operator::StartsWith));
        assert!(!operators_of(DataType::Text).contains(&Operator::GreaterThan));
    }
}
