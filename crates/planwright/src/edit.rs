//! Edit operations on one plan: what the editor may do to a plan, and why it refuses.
//!
//! The editor's canvas is a view. Every change a user makes (add an applet, wire an exit,
//! set properties, paste, choose a post-interaction route) goes through a function here,
//! which either applies it or returns a [`Refusal`] with a stable code and a sentence for the
//! user. Validation ([`crate::validate`]) still runs on the result: an edit is refused only
//! when it could never make sense (an exit the applet does not have, a live-only applet in an
//! Unattended plan), never because the plan is still half drawn.

use crate::catalog::{self, Schedules};
use crate::model::{Applet, AppletConfig, AppletKind, Connection, Plan, PlanType, Position, TransferNumber};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    /// A stable code the UI may branch on.
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { code, message: message.into() }
    }
}

impl From<crate::Error> for Refusal {
    fn from(e: crate::Error) -> Refusal {
        Refusal { code: e.code(), message: e.to_string() }
    }
}

pub type EditResult<T = ()> = Result<T, Refusal>;

/// Whether a plan type may hold an applet kind, with the reason when it may not.
pub fn check_kind_allowed(plan_type: PlanType, kind: AppletKind) -> EditResult {
    let info = catalog::info(kind);
    if plan_type == PlanType::Unattended && info.live_only {
        return Err(Refusal::new(
            "live-applet-in-unattended",
            format!("{} needs a live interaction, so an Unattended plan cannot use it", info.display_name),
        ));
    }
    if !catalog::allowed_in(kind, plan_type) {
        return Err(Refusal::new("applet-not-allowed", format!("a {plan_type} plan does not offer {}", info.display_name)));
    }
    Ok(())
}

/// A label not used by another applet of the plan: `base`, `base 2`, `base 3`, …
pub fn fresh_label(plan: &Plan, base: &str) -> String {
    let used: BTreeSet<&str> = plan.applets.iter().map(|a| a.label.as_str()).collect();
    if !used.contains(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base} {n}")).find(|l| !used.contains(l.as_str())).expect("an unbounded range always yields a label")
}

/// Adds an applet of `kind` at `position`, with a fresh id and label and default properties.
/// The first applet of a plan becomes its initial applet. Returns the new id.
pub fn add_applet(plan: &mut Plan, kind: AppletKind, position: Position) -> EditResult<String> {
    check_kind_allowed(plan.plan_type, kind)?;
    let name = catalog::info(kind).display_name;
    let id = plan.fresh_applet_id(name);
    let label = fresh_label(plan, name);
    plan.applets.push(Applet { id: id.clone(), label, position, config: kind.default_config() });
    if plan.start.is_none() {
        plan.start = Some(id.clone());
    }
    Ok(id)
}

fn applet<'p>(plan: &'p Plan, id: &str) -> EditResult<&'p Applet> {
    plan.applet(id).ok_or_else(|| Refusal::new("applet-unknown", format!("there is no applet '{id}' in this plan")))
}

/// Why wiring `from`'s `exit` to `to` makes no sense, if it does not.
pub fn check_connection(plan: &Plan, schedules: &Schedules, from: &str, exit: &str, to: &str) -> EditResult {
    let source = applet(plan, from)?;
    let target = applet(plan, to)?;
    let exits = catalog::exits(&source.config, schedules);
    if !exits.iter().any(|e| e == exit) {
        let known = if exits.is_empty() { "it has no exits".to_string() } else { format!("its exits are {}", exits.join(", ")) };
        return Err(Refusal::new("connect-unknown-exit", format!("'{}' has no exit '{exit}': {known}", source.label)));
    }
    if plan.plan_type == PlanType::Unattended {
        for a in [source, target] {
            if catalog::is_live_only(a.kind()) {
                return Err(Refusal::new(
                    "live-applet-in-unattended",
                    format!("'{}' ({}) needs a live interaction, which an Unattended plan never has", a.label, catalog::info(a.kind()).display_name),
                ));
            }
        }
    }
    if from == to && source.kind() != AppletKind::LoopCounter && source.kind() != AppletKind::Pause {
        return Err(Refusal::new(
            "connect-self",
            format!("'{}' would lead straight back to itself and never end; put a Loop Counter or a Pause in the loop", source.label),
        ));
    }
    Ok(())
}

/// Wires `from`'s `exit` to `to`, replacing the exit's earlier target.
pub fn connect(plan: &mut Plan, schedules: &Schedules, from: &str, exit: &str, to: &str) -> EditResult {
    check_connection(plan, schedules, from, exit, to)?;
    plan.connections.retain(|c| !(c.from == from && c.exit == exit));
    plan.connections.push(Connection { from: from.into(), exit: exit.into(), to: to.into() });
    Ok(())
}

/// Unwires an exit. Unwiring an exit that leads nowhere is a no-op.
pub fn disconnect(plan: &mut Plan, from: &str, exit: &str) {
    plan.connections.retain(|c| !(c.from == from && c.exit == exit));
}

/// Deletes applets and every connection from or to them. A deleted initial or hang-up applet
/// is cleared; post-interaction routes are plan-level and untouched.
pub fn delete_applets(plan: &mut Plan, ids: &[String]) {
    let ids: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    plan.applets.retain(|a| !ids.contains(a.id.as_str()));
    plan.connections.retain(|c| !ids.contains(c.from.as_str()) && !ids.contains(c.to.as_str()));
    for slot in [&mut plan.start, &mut plan.hangup_applet] {
        if slot.as_deref().is_some_and(|s| ids.contains(s)) {
            *slot = None;
        }
    }
}

/// One applet moved to a new position.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppletMove {
    pub id: String,
    pub position: Position,
}

/// Moves applets. Unknown ids are ignored: a move never fails.
pub fn move_applets(plan: &mut Plan, moves: &[AppletMove]) {
    let moves: BTreeMap<&str, Position> = moves.iter().map(|m| (m.id.as_str(), m.position)).collect();
    for a in &mut plan.applets {
        if let Some(p) = moves.get(a.id.as_str()) {
            a.position = *p;
        }
    }
}

/// Refuses a plan or applet name longer than [`crate::model::limits::NAME_MAX_CHARS`] (`name-too-long`).
pub fn check_name_length(name: &str) -> EditResult {
    let max = crate::model::limits::NAME_MAX_CHARS;
    if name.chars().count() > max {
        return Err(Refusal::new("name-too-long", format!("a name has at most {max} characters; this one has {}", name.chars().count())));
    }
    Ok(())
}

/// Renames an applet. Labels are the applet's unique name, as in the Applet Manager.
pub fn rename_applet(plan: &mut Plan, id: &str, label: &str) -> EditResult {
    let label = label.trim();
    if label.is_empty() {
        return Err(Refusal::new("label-empty", "an applet needs a name"));
    }
    check_name_length(label)?;
    if plan.applets.iter().any(|a| a.id != id && a.label == label) {
        return Err(Refusal::new("label-duplicate", format!("another applet is already named '{label}'")));
    }
    applet(plan, id)?;
    plan.applet_mut(id).expect("checked above").label = label.to_string();
    Ok(())
}

/// What [`set_properties`] did besides setting them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PropertiesOutcome {
    /// Connections dropped because the exit they started from no longer exists (a router rule
    /// removed or renamed).
    pub dropped: Vec<Connection>,
}

/// Replaces an applet's properties with `properties` (the JSON object of the applet kind's
/// properties). The kind cannot change. Connections from exits that no longer exist are
/// dropped and returned, so the canvas never shows an edge from a missing handle.
pub fn set_properties(plan: &mut Plan, schedules: &Schedules, id: &str, properties: serde_json::Value) -> EditResult<PropertiesOutcome> {
    let kind = applet(plan, id)?.kind();
    let tagged = serde_json::json!({ "kind": kind.as_str(), "properties": properties });
    let config: AppletConfig = serde_path_to_error::deserialize(tagged).map_err(|e| {
        let at = e.path().to_string().trim_start_matches("properties").trim_start_matches('.').to_string();
        let at = if at.is_empty() { "properties".to_string() } else { at };
        Refusal::new("property-malformed", format!("{at}: {}", e.into_inner()))
    })?;
    let exits: BTreeSet<String> = catalog::exits(&config, schedules).into_iter().collect();
    plan.applet_mut(id).expect("checked above").config = config;
    let (kept, dropped): (Vec<Connection>, Vec<Connection>) =
        std::mem::take(&mut plan.connections).into_iter().partition(|c| c.from != id || exits.contains(&c.exit));
    plan.connections = kept;
    Ok(PropertiesOutcome { dropped })
}

/// Sets the initial applet.
pub fn set_start(plan: &mut Plan, id: &str) -> EditResult {
    applet(plan, id)?;
    plan.start = Some(id.to_string());
    Ok(())
}

/// Sets or clears the hang-up applet. Only Default plans handle calls.
pub fn set_hangup(plan: &mut Plan, id: Option<&str>) -> EditResult {
    if let Some(id) = id {
        if plan.plan_type != PlanType::Default {
            return Err(Refusal::new("hangup-not-voice", format!("a {} plan has no caller to hang up", plan.plan_type)));
        }
        applet(plan, id)?;
    }
    plan.hangup_applet = id.map(str::to_string);
    Ok(())
}

/// Applets and the connections among them, as copied to the clipboard. The window sends the
/// applets as it shows them, without what the engine derives (exits, live only).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    #[cfg_attr(feature = "ts", ts(type = "Array<Omit<Applet, \"exits\" | \"live_only\">>"))]
    pub applets: Vec<Applet>,
    pub connections: Vec<Connection>,
}

/// The applets `ids` and the connections between two of them.
pub fn copy(plan: &Plan, ids: &[String]) -> Clip {
    let ids: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    Clip {
        applets: plan.applets.iter().filter(|a| ids.contains(a.id.as_str())).cloned().collect(),
        connections: plan
            .connections
            .iter()
            .filter(|c| ids.contains(c.from.as_str()) && ids.contains(c.to.as_str()))
            .cloned()
            .collect(),
    }
}

/// Pastes a clip shifted by `offset`, with fresh ids and labels, keeping its inner
/// connections. Refused whole when the plan type cannot hold one of its kinds (copying from a
/// Default plan into an Unattended one). Returns the new ids, in clip order.
pub fn paste(plan: &mut Plan, clip: &Clip, offset: Position) -> EditResult<Vec<String>> {
    for a in &clip.applets {
        check_kind_allowed(plan.plan_type, a.kind()).map_err(|r| Refusal::new(r.code, format!("cannot paste '{}': {}", a.label, r.message)))?;
    }
    let mut renamed: BTreeMap<&str, String> = BTreeMap::new();
    let mut new_ids = Vec::new();
    for a in &clip.applets {
        let id = plan.fresh_applet_id(&a.id);
        let label = fresh_label(plan, &a.label);
        let position = Position { x: a.position.x + offset.x, y: a.position.y + offset.y };
        plan.applets.push(Applet { id: id.clone(), label, position, config: a.config.clone() });
        renamed.insert(a.id.as_str(), id.clone());
        new_ids.push(id);
    }
    for c in &clip.connections {
        if let (Some(from), Some(to)) = (renamed.get(c.from.as_str()), renamed.get(c.to.as_str())) {
            plan.connections.push(Connection { from: from.clone(), exit: c.exit.clone(), to: to.clone() });
        }
    }
    Ok(new_ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DataRouterProps, RouterRule};

    fn unattended() -> Plan {
        Plan::new("p", "P", PlanType::Unattended)
    }

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    #[test]
    fn added_applets_get_fresh_ids_and_labels_and_the_first_is_the_start() {
        let mut p = unattended();
        let a = add_applet(&mut p, AppletKind::DataRouter, at(0.0, 0.0)).unwrap();
        let b = add_applet(&mut p, AppletKind::DataRouter, at(10.0, 0.0)).unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("data_router", "data_router_2"));
        assert_eq!(p.applets[1].label, "Data Router 2", "labels are unique names");
        assert_eq!(p.start.as_deref(), Some("data_router"), "the first applet is the initial applet");
    }

    #[test]
    fn a_live_only_applet_is_refused_in_an_unattended_plan() {
        let mut p = unattended();
        let err = add_applet(&mut p, AppletKind::Acd, at(0.0, 0.0)).unwrap_err();
        assert_eq!(err.code, "live-applet-in-unattended");
        assert!(p.applets.is_empty(), "a refused edit changes nothing");
        let err = add_applet(&mut Plan::new("m", "M", PlanType::Message), AppletKind::Acd, at(0.0, 0.0)).unwrap_err();
        assert_eq!(err.code, "applet-not-allowed", "ACD is voice only");
    }

    #[test]
    fn connecting_checks_the_exit_and_replaces_the_old_target() {
        let mut p = unattended();
        let s = Schedules::new();
        let a = add_applet(&mut p, AppletKind::SendEmail, at(0.0, 0.0)).unwrap();
        let b = add_applet(&mut p, AppletKind::Pause, at(0.0, 0.0)).unwrap();
        let c = add_applet(&mut p, AppletKind::LoopCounter, at(0.0, 0.0)).unwrap();
        let err = connect(&mut p, &s, &a, "Nope", &b).unwrap_err();
        assert_eq!(err.code, "connect-unknown-exit");
        assert!(err.message.contains("Next, Failure"), "the refusal lists the real exits: {}", err.message);
        connect(&mut p, &s, &a, "Next", &b).unwrap();
        connect(&mut p, &s, &a, "Next", &c).unwrap();
        assert_eq!(p.connections, vec![Connection { from: a.clone(), exit: "Next".into(), to: c.clone() }]);
        assert_eq!(connect(&mut p, &s, &a, "Failure", &a).unwrap_err().code, "connect-self");
        disconnect(&mut p, &a, "Next");
        assert!(p.connections.is_empty());
    }

    #[test]
    fn a_connection_to_a_live_applet_loaded_into_an_unattended_plan_is_refused() {
        let mut p = unattended();
        let a = add_applet(&mut p, AppletKind::SendEmail, at(0.0, 0.0)).unwrap();
        p.applets.push(Applet { id: "q".into(), label: "Q".into(), position: at(0.0, 0.0), config: AppletKind::Acd.default_config() });
        assert_eq!(connect(&mut p, &Schedules::new(), &a, "Next", "q").unwrap_err().code, "live-applet-in-unattended");
    }

    #[test]
    fn removing_a_router_rule_drops_the_connection_from_its_exit() {
        let mut p = unattended();
        let s = Schedules::new();
        let r = add_applet(&mut p, AppletKind::DataRouter, at(0.0, 0.0)).unwrap();
        let e = add_applet(&mut p, AppletKind::SendEmail, at(0.0, 0.0)).unwrap();
        let rules = DataRouterProps { rules: vec![RouterRule { exit: "Vip".into(), source: "CLID".into(), ..Default::default() }] };
        set_properties(&mut p, &s, &r, serde_json::to_value(&rules).unwrap()).unwrap();
        connect(&mut p, &s, &r, "Vip", &e).unwrap();
        connect(&mut p, &s, &r, "Default", &e).unwrap();
        let out = set_properties(&mut p, &s, &r, serde_json::json!({"rules": []})).unwrap();
        assert_eq!(out.dropped.len(), 1, "only the Vip exit disappeared");
        assert_eq!(p.connections.len(), 1);
        let err = set_properties(&mut p, &s, &r, serde_json::json!({"rules": 3})).unwrap_err();
        assert_eq!(err.code, "property-malformed");
    }

    #[test]
    fn deleting_clears_connections_and_the_start() {
        let mut p = unattended();
        let s = Schedules::new();
        let a = add_applet(&mut p, AppletKind::SendEmail, at(0.0, 0.0)).unwrap();
        let b = add_applet(&mut p, AppletKind::Pause, at(0.0, 0.0)).unwrap();
        connect(&mut p, &s, &a, "Next", &b).unwrap();
        delete_applets(&mut p, std::slice::from_ref(&a));
        assert!(p.connections.is_empty() && p.start.is_none() && p.applets.len() == 1);
    }

    #[test]
    fn applet_names_have_a_limit_and_fresh_ids_stay_valid() {
        let mut p = unattended();
        let a = add_applet(&mut p, AppletKind::Pause, at(0.0, 0.0)).unwrap();
        assert_eq!(rename_applet(&mut p, &a, &"x".repeat(256)).unwrap_err().code, "name-too-long");
        rename_applet(&mut p, &a, &"x".repeat(255)).unwrap();
        let long = "b".repeat(100);
        let first = p.fresh_applet_id(&long);
        p.applets.push(Applet { id: first.clone(), label: "b".into(), position: at(0.0, 0.0), config: AppletKind::Pause.default_config() });
        let second = p.fresh_applet_id(&long);
        for id in [&first, &second, &p.fresh_applet_id("(copy)")] {
            assert_eq!(crate::model::id_problem(id), None, "{id}");
        }
        assert_eq!((first.len(), second.as_str()), (64, format!("{}_2", "b".repeat(62)).as_str()));
    }

    #[test]
    fn paste_gives_fresh_ids_keeps_inner_wiring_and_refuses_live_applets_in_unattended() {
        let mut p = unattended();
        let s = Schedules::new();
        let a = add_applet(&mut p, AppletKind::SendEmail, at(0.0, 0.0)).unwrap();
        let b = add_applet(&mut p, AppletKind::Pause, at(0.0, 0.0)).unwrap();
        connect(&mut p, &s, &a, "Next", &b).unwrap();
        let frag = copy(&p, &[a.clone(), b.clone()]);
        let ids = paste(&mut p, &frag, at(40.0, 40.0)).unwrap();
        assert_eq!(ids, ["send_email_2", "pause_2"]);
        assert!(p.connections.contains(&Connection { from: ids[0].clone(), exit: "Next".into(), to: ids[1].clone() }));
        assert_eq!(p.applet(&ids[0]).unwrap().position, at(40.0, 40.0));
        let mut voice = Plan::new("v", "V", PlanType::Default);
        add_applet(&mut voice, AppletKind::Acd, at(0.0, 0.0)).unwrap();
        let frag = copy(&voice, &["acd".to_string()]);
        assert_eq!(paste(&mut p, &frag, at(0.0, 0.0)).unwrap_err().code, "live-applet-in-unattended");
    }

    #[test]
    fn rename_refuses_empty_and_duplicate_names() {
        let mut p = unattended();
        let a = add_applet(&mut p, AppletKind::SendEmail, at(0.0, 0.0)).unwrap();
        add_applet(&mut p, AppletKind::Pause, at(0.0, 0.0)).unwrap();
        assert_eq!(rename_applet(&mut p, &a, " ").unwrap_err().code, "label-empty");
        assert_eq!(rename_applet(&mut p, &a, "Pause").unwrap_err().code, "label-duplicate");
        rename_applet(&mut p, &a, "Tell the supervisor").unwrap();
        assert_eq!(p.applet(&a).unwrap().label, "Tell the supervisor");
        assert_eq!(set_hangup(&mut p, Some(&a)).unwrap_err().code, "hangup-not-voice");
    }
}

/// Sets the plan's service name ("Service and visualisation").
pub fn set_service(plan: &mut Plan, service: &str) -> EditResult {
    check_name_length(service)?;
    plan.service = service.trim().to_string();
    Ok(())
}

fn check_voice(plan: &Plan) -> EditResult {
    if plan.is_voice() {
        return Ok(());
    }
    Err(Refusal::new("transfer-not-voice", format!("the Transfer Manager is for calls only, and '{}' is not a Default voice plan", plan.name)))
}

/// Adds a Transfer Manager number, or replaces the one at `at`. When the name changes, the
/// Transfer Call options that named the old one name the new one. Validation reports a
/// missing name, a name used twice or a malformed number; the edit itself is refused only on a
/// plan that handles no calls, or for an index that does not exist.
pub fn put_transfer_number(plan: &mut Plan, at: Option<usize>, entry: TransferNumber) -> EditResult {
    check_voice(plan)?;
    check_name_length(&entry.name)?;
    let entry = TransferNumber { name: entry.name.trim().to_string(), number: entry.number.trim().to_string() };
    let Some(at) = at else {
        plan.transfer_numbers.push(entry);
        return Ok(());
    };
    let Some(slot) = plan.transfer_numbers.get_mut(at) else {
        return Err(Refusal::new("transfer-number-missing", format!("the Transfer Manager has no number {}", at + 1)));
    };
    let old = std::mem::replace(slot, entry.clone()).name;
    let still_named = plan.transfer_numbers.iter().any(|t| t.name == old);
    if old != entry.name && !old.is_empty() && !still_named {
        for a in &mut plan.applets {
            if let AppletConfig::TransferCall(p) = &mut a.config {
                for o in p.options.iter_mut().filter(|o| o.transfer == old) {
                    o.transfer = entry.name.clone();
                }
            }
        }
    }
    Ok(())
}

/// Removes the Transfer Manager number at `at`. Options that name it keep the name, and
/// validation flags them (`transfer-number-unknown`).
pub fn remove_transfer_number(plan: &mut Plan, at: usize) -> EditResult {
    if at >= plan.transfer_numbers.len() {
        return Err(Refusal::new("transfer-number-missing", format!("the Transfer Manager has no number {}", at + 1)));
    }
    plan.transfer_numbers.remove(at);
    Ok(())
}
