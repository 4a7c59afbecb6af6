//! The applet catalog: the one place where an applet kind is described.
//!
//! The palette, the property forms, validation and the simulator all read it. For each kind it
//! gives the display name, category, whether the kind needs a live interaction, the plan types
//! that may use it, its property schema (JSON Schema generated from the typed properties), and
//! its exits, which are either fixed or derived from the properties.

use crate::model::{AppletConfig, AppletKind, PlanType};
use crate::schedule::Schedule;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Schedules of a workspace, by id.
pub type Schedules = BTreeMap<String, Schedule>;

/// Exit names used by more than one kind, spelled once.
pub mod exit {
    pub const NEXT: &str = "Next";
    pub const NEXT_APPLET: &str = "Next Applet";
    pub const FAILURE: &str = "Failure";
    pub const INTERFACE_FAILURE: &str = "Interface Failure";
    pub const DEFAULT: &str = "Default";
    pub const RESUME: &str = "Resume Applet";
    pub const AFTER_MAXIMUM: &str = "Next Applet After Maximum Runs";
    pub const NO_INPUT: &str = "No Input";
    pub const DIGITS_COLLECTED: &str = "Digits Collected";
    pub const DELIVERED: &str = "Delivered";
    pub const ESTIMATED_WAIT: &str = "Estimated Wait Time Exceeded";
    pub const KEY_PRESSED: &str = "Key Pressed";
    pub const NO_AGENTS: &str = "No Agents Logged In";
    pub const AGENT_DECLINED: &str = "Agent Declined";
    pub const MAX_TIME_IN_QUEUE: &str = "Maximum Time In Queue";
    pub const MAX_QUEUE_LENGTH: &str = "Maximum Queue Length";
    /// The queue exits of ACD and UCD, in order.
    pub const QUEUE: [&str; 7] =
        [DELIVERED, ESTIMATED_WAIT, KEY_PRESSED, NO_AGENTS, AGENT_DECLINED, MAX_TIME_IN_QUEUE, MAX_QUEUE_LENGTH];
}

/// Where a kind sits in the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Category {
    Data,
    Routing,
    FlowControl,
    Messaging,
    Queueing,
    Voice,
}

/// How a kind's exits are found.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ExitSpec {
    /// The same exits for every applet of the kind.
    Fixed { exits: Vec<&'static str> },
    /// Exits derived from the properties, then the fixed ones.
    Derived { from: &'static str, then: Vec<&'static str> },
    /// No exits: another plan takes over.
    None,
}

/// The description of one applet kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindInfo {
    pub kind: AppletKind,
    pub display_name: &'static str,
    pub category: Category,
    pub description: &'static str,
    /// Needs a current call or interaction: invalid in Unattended plans and useless in a
    /// post-interaction route.
    pub live_only: bool,
    pub plan_types: Vec<PlanType>,
    pub exits: ExitSpec,
}

const ALL_TYPES: [PlanType; 3] = PlanType::ALL;

/// The catalog entry of a kind (built once, then shared).
pub fn info(kind: AppletKind) -> &'static KindInfo {
    static CATALOG: std::sync::OnceLock<Vec<KindInfo>> = std::sync::OnceLock::new();
    let all = CATALOG.get_or_init(|| AppletKind::ALL.iter().map(|k| describe(*k)).collect());
    &all[AppletKind::ALL.iter().position(|k| *k == kind).expect("ALL lists every kind")]
}

fn describe(kind: AppletKind) -> KindInfo {
    use AppletKind as K;
    use Category as C;
    let fixed = |e: &[&'static str]| ExitSpec::Fixed { exits: e.to_vec() };
    let (display_name, category, description, live_only, plan_types, exits): (_, _, _, _, &[PlanType], _) = match kind {
        K::DataConnector => (
            "Data Connector",
            C::Data,
            "Calls an external system (REST web service or Salesforce) and maps response fields into data sources.",
            false,
            &ALL_TYPES,
            fixed(&[exit::NEXT, exit::INTERFACE_FAILURE]),
        ),
        K::DataRouter => (
            "Data Router",
            C::Routing,
            "Compares data sources against rules in order; the first matching rule's exit is taken, else Default.",
            false,
            &ALL_TYPES,
            ExitSpec::Derived { from: "one exit per rule", then: vec![exit::DEFAULT] },
        ),
        K::SetDataSource => (
            "Set Data Source",
            C::Data,
            "Sets data sources from literal text with $(…) placeholders.",
            false,
            &ALL_TYPES,
            fixed(&[exit::NEXT_APPLET]),
        ),
        K::RouteToPlan => (
            "Route to Interaction Plan",
            C::Routing,
            "Continues in another interaction plan, keeping every data source.",
            false,
            &ALL_TYPES,
            ExitSpec::None,
        ),
        K::ScheduleRouter => (
            "Schedule Router",
            C::Routing,
            "Routes by the service status of a schedule at the interaction's time.",
            false,
            &ALL_TYPES,
            ExitSpec::Derived { from: "one exit per service status of the schedule", then: vec![exit::DEFAULT, exit::FAILURE] },
        ),
        K::LoopCounter => (
            "Loop Counter",
            C::FlowControl,
            "Counts passes; after the maximum (1 to 10) it takes the after-maximum exit and starts again from 0.",
            false,
            &ALL_TYPES,
            fixed(&[exit::NEXT_APPLET, exit::AFTER_MAXIMUM]),
        ),
        K::Pause => (
            "Pause",
            C::FlowControl,
            "Waits for a duration (dd:hh:mm:ss, 1 second to 30 days).",
            false,
            &[PlanType::Message, PlanType::Unattended],
            fixed(&[exit::RESUME]),
        ),
        K::SendEmail => (
            "Send Email",
            C::Messaging,
            "Sends an email whose recipients, subject and body may use $(…) placeholders.",
            false,
            &ALL_TYPES,
            fixed(&[exit::NEXT, exit::FAILURE]),
        ),
        K::Acd => (
            "ACD",
            C::Queueing,
            "Queues a voice call to agents (Automatic Call Distributor).",
            true,
            &[PlanType::Default],
            fixed(&exit::QUEUE),
        ),
        K::Ucd => (
            "UCD",
            C::Queueing,
            "Queues a digital interaction to agents (Universal Contact Distributor).",
            true,
            &[PlanType::Default, PlanType::Message],
            fixed(&exit::QUEUE),
        ),
        K::Announcer => (
            "Announcer",
            C::Voice,
            "Plays a recording or text to speech to the caller.",
            true,
            &[PlanType::Default],
            fixed(&[exit::NEXT, exit::FAILURE]),
        ),
        K::CollectDigits => (
            "IVR Collect Digit String",
            C::Voice,
            "Collects digits from the caller into the data source IVRSlot|<slot>.",
            true,
            &[PlanType::Default],
            fixed(&[exit::DIGITS_COLLECTED, exit::NO_INPUT]),
        ),
        K::TransferCall => (
            "Transfer Call",
            C::Voice,
            "The caller keys a number; each key leads to its own exit.",
            true,
            &[PlanType::Default],
            ExitSpec::Derived { from: "one exit per key option", then: vec![exit::NO_INPUT] },
        ),
        K::TakeMessage => (
            "Take Message",
            C::Voice,
            "Records a voicemail from the caller.",
            true,
            &[PlanType::Default],
            fixed(&[exit::NEXT, exit::FAILURE]),
        ),
        K::SendSms => (
            "Send SMS",
            C::Messaging,
            "Sends an SMS during the interaction (at most 100 recipients).",
            true,
            &[PlanType::Default, PlanType::Message],
            fixed(&[exit::NEXT, exit::FAILURE]),
        ),
    };
    KindInfo { kind, display_name, category, description, live_only, plan_types: plan_types.to_vec(), exits }
}

/// Every catalog entry, in catalog order.
pub fn all() -> Vec<&'static KindInfo> {
    AppletKind::ALL.iter().map(|k| info(*k)).collect()
}

/// The kinds a plan type offers in its palette.
pub fn kinds_for(plan_type: PlanType) -> Vec<AppletKind> {
    AppletKind::ALL.iter().copied().filter(|k| allowed_in(*k, plan_type)).collect()
}

/// Whether a plan type may use a kind.
pub fn allowed_in(kind: AppletKind, plan_type: PlanType) -> bool {
    info(kind).plan_types.contains(&plan_type)
}

/// Whether a kind needs a live interaction.
pub fn is_live_only(kind: AppletKind) -> bool {
    info(kind).live_only
}

/// Whether a plan may take another as its post-interaction route, by their plan types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RoutePolicy {
    /// Allowed and recommended: an Unattended route offers only applets that work after the
    /// interaction.
    Recommended,
    /// Allowed, though an Unattended route is recommended (a Default plan's Default route).
    Allowed,
    /// Not allowed for this plan type.
    NotAllowed,
    /// The plan takes no post-interaction route at all: no interaction ends in an Unattended
    /// plan.
    NoRoute,
}

/// The route-type policy, spelt once: a Message plan may take only an Unattended route; a
/// Default plan an Unattended one (recommended) or another Default one; an Unattended plan none.
pub fn route_policy(from: PlanType, to: PlanType) -> RoutePolicy {
    match (from, to) {
        (PlanType::Unattended, _) => RoutePolicy::NoRoute,
        (_, PlanType::Unattended) => RoutePolicy::Recommended,
        (PlanType::Default, PlanType::Default) => RoutePolicy::Allowed,
        (PlanType::Message, _) | (PlanType::Default, PlanType::Message) => RoutePolicy::NotAllowed,
    }
}

/// Whether plans of a type take a post-interaction route at all.
pub fn takes_post_interaction_route(plan_type: PlanType) -> bool {
    route_policy(plan_type, PlanType::Unattended) != RoutePolicy::NoRoute
}

/// The plan types a plan of type `from` may take as its post-interaction route.
pub fn route_types_for(from: PlanType) -> Vec<PlanType> {
    PlanType::ALL.iter().copied().filter(|t| matches!(route_policy(from, *t), RoutePolicy::Recommended | RoutePolicy::Allowed)).collect()
}

/// The fixed exits of a kind: all its exits, or those that follow the derived ones.
pub fn fixed_exits(kind: AppletKind) -> &'static [&'static str] {
    match &info(kind).exits {
        ExitSpec::Fixed { exits } => exits,
        ExitSpec::Derived { then, .. } => then,
        ExitSpec::None => &[],
    }
}

/// The exit name of the `index`th (0-based) rule or option whose exit name is blank.
pub fn unnamed_exit(index: usize) -> String {
    format!("Rule {}", index + 1)
}

/// The exits of one applet, in display order. Derived exits come first. A Schedule Router
/// whose schedule is unknown has only Default and Failure.
pub fn exits(config: &AppletConfig, schedules: &Schedules) -> Vec<String> {
    exit_names(config, schedules).into_iter().map(Cow::into_owned).collect()
}

/// [`exits`], borrowing what it can from the properties and the catalog.
pub fn exit_names<'a>(config: &'a AppletConfig, schedules: &Schedules) -> Vec<Cow<'a, str>> {
    let name_or_index = |i: usize, e: &'a str| if e.trim().is_empty() { Cow::Owned(unnamed_exit(i)) } else { Cow::Borrowed(e) };
    let mut out: Vec<Cow<'a, str>> = match config {
        AppletConfig::DataRouter(p) => p.rules.iter().enumerate().map(|(i, r)| name_or_index(i, &r.exit)).collect(),
        AppletConfig::ScheduleRouter(p) => {
            schedules.get(&p.schedule).map(|s| s.statuses().into_iter().map(Cow::Owned).collect()).unwrap_or_default()
        }
        AppletConfig::TransferCall(p) => p
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| if o.exit.trim().is_empty() { Cow::Owned(format!("Key {}", o.key)) } else { name_or_index(i, &o.exit) })
            .collect(),
        AppletConfig::DataConnector(_) | AppletConfig::SetDataSource(_) | AppletConfig::RouteToPlan(_) | AppletConfig::LoopCounter(_) | AppletConfig::Pause(_) | AppletConfig::SendEmail(_) | AppletConfig::Acd(_) | AppletConfig::Ucd(_) | AppletConfig::Announcer(_) | AppletConfig::CollectDigits(_) | AppletConfig::TakeMessage(_) | AppletConfig::SendSms(_) => Vec::new(),
    };
    out.extend(fixed_exits(config.kind()).iter().map(|e| Cow::Borrowed(*e)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DataRouterProps, RouterRule};

    #[test]
    fn unattended_palette_has_exactly_the_eight_documented_applets() {
        let kinds: Vec<&str> = kinds_for(PlanType::Unattended).iter().map(|k| info(*k).display_name).collect();
        assert_eq!(
            kinds,
            [
                "Data Connector",
                "Data Router",
                "Set Data Source",
                "Route to Interaction Plan",
                "Schedule Router",
                "Loop Counter",
                "Pause",
                "Send Email"
            ]
        );
    }

    #[test]
    fn route_policy_allows_unattended_routes_and_default_to_default() {
        assert_eq!(route_types_for(PlanType::Default), [PlanType::Default, PlanType::Unattended]);
        assert_eq!(route_types_for(PlanType::Message), [PlanType::Unattended]);
        assert!(route_types_for(PlanType::Unattended).is_empty());
        assert!(!takes_post_interaction_route(PlanType::Unattended));
    }

    #[test]
    fn no_live_only_kind_is_offered_to_unattended_plans() {
        for k in AppletKind::ALL {
            if is_live_only(*k) {
                assert!(!allowed_in(*k, PlanType::Unattended), "{k} is live-only");
            }
        }
    }

    #[test]
    fn router_exits_follow_its_rules_then_default() {
        let config = AppletConfig::DataRouter(DataRouterProps {
            rules: vec![
                RouterRule { exit: "Delivered".into(), ..Default::default() },
                RouterRule::default(),
            ],
        });
        assert_eq!(exits(&config, &Schedules::new()), ["Delivered", "Rule 2", "Default"]);
    }

    #[test]
    fn property_schemas_give_fields_in_declaration_order() {
        let schema = AppletKind::SendEmail.properties_schema();
        assert_eq!(schema.get("x-order").unwrap(), &serde_json::json!(["to", "cc", "bcc", "reply_to", "subject", "body"]));
        let router = AppletKind::DataRouter.properties_schema();
        assert_eq!(router.get("$defs").unwrap()["RouterRule"]["x-order"], serde_json::json!(["exit", "source", "data_type", "operator", "value"]));
    }

    #[test]
    fn property_schemas_carry_every_fields_label_for_the_forms() {
        let email = AppletKind::SendEmail.properties_schema().to_value();
        assert_eq!(email["properties"]["reply_to"]["title"], "Reply to");
        assert_eq!((email["properties"]["to"]["title"].as_str(), email["properties"]["to"]["x-row-title"].as_str()), (Some("To"), Some("To")));
        let router = AppletKind::DataRouter.properties_schema().to_value();
        assert_eq!((router["properties"]["rules"]["title"].as_str(), router["properties"]["rules"]["x-row-title"].as_str()), (Some("Rules"), Some("Rule")));
        assert_eq!(router["$defs"]["RouterRule"]["properties"]["data_type"]["title"], "Data type");
        assert_eq!(AppletKind::DataConnector.properties_schema().to_value()["properties"]["url"]["title"], "URL");
        for kind in AppletKind::ALL {
            let schema = kind.properties_schema();
            let objects = std::iter::once(schema.as_value()).chain(schema.get("$defs").and_then(|d| d.as_object()).into_iter().flat_map(|d| d.values()));
            for object in objects {
                for (name, field) in object.get("properties").and_then(|p| p.as_object()).into_iter().flatten() {
                    assert_eq!(field["title"].as_str(), Some(crate::properties::property_label(name).as_str()), "{kind:?}.{name}");
                }
            }
        }
    }

    #[test]
    fn property_schemas_carry_the_limits_validation_checks() {
        use crate::model::limits;
        let field = |kind: AppletKind, name: &str| kind.properties_schema().get("properties").unwrap()[name].clone();
        let queue = field(AppletKind::Ucd, "max_queue_length");
        assert_eq!((queue["minimum"].as_u64(), queue["maximum"].as_u64()), (Some(1), Some(limits::QUEUE_LENGTH.max as u64)));
        assert_eq!(field(AppletKind::Acd, "max_time_in_queue_seconds")["maximum"], limits::QUEUE_SECONDS.max);
        let to = field(AppletKind::SendSms, "to");
        assert_eq!((to["minItems"].as_u64(), to["maxItems"].as_u64()), (Some(1), Some(limits::SMS_RECIPIENTS.max as u64)));
        assert_eq!(field(AppletKind::SendSms, "from")["pattern"], limits::sms_sender_pattern());
        let transfer = AppletKind::TransferCall.properties_schema();
        assert_eq!(transfer.get("$defs").unwrap()["TransferOption"]["properties"]["key"]["pattern"], limits::TRANSFER_KEY_PATTERN);
        assert_eq!(field(AppletKind::LoopCounter, "max_runs")["maximum"], limits::LOOP_MAX_RUNS.max);
    }

    #[test]
    fn sms_senders_and_transfer_keys_follow_their_limits() {
        use crate::model::limits::{is_sms_sender, is_transfer_key};
        assert!(is_sms_sender("Planwright") && is_sms_sender("44770090012345678901"));
        assert!(!is_sms_sender("") && !is_sms_sender("Planwright Ltd") && !is_sms_sender("447700900123456789012"));
        assert!(is_transfer_key("0") && is_transfer_key("#") && !is_transfer_key("10") && !is_transfer_key("a"));
    }

    #[test]
    fn every_kind_has_a_properties_schema_and_a_default_config() {
        for k in AppletKind::ALL {
            assert_eq!(k.default_config().kind(), *k);
            assert!(k.properties_schema().as_object().is_some(), "{k}");
            assert_eq!(AppletKind::from_name(k.as_str()), Some(*k));
        }
    }
}
