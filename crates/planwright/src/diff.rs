//! Structural diff of two versions of a plan, by applet id: applets added, removed, moved,
//! renamed and changed (property by property), connections added and removed, and the plan's
//! own settings (start, hang-up applet, post-interaction route, type, …).
//!
//! A diff with only moves is a *layout* change: it cannot change what any interaction does.
//!
//! [`compare`] is the one comparison of two states of a plan: undo's change lists
//! (`document::diff`, by id, on every edit) and the version comparison ([`diff_plans`], field
//! by field) both start from it.

use crate::model::{Applet, Connection, Plan, Position};
use serde::Serialize;
use serde_json::Value;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// Which applets, connections and plan settings differ between two states of one plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison<'a> {
    /// The plan's own fields that differ, in [`SETTINGS`] order.
    pub settings: Vec<FieldChange>,
    /// In the order of `after`.
    pub added: Vec<&'a Applet>,
    /// In the order of `before`.
    pub removed: Vec<&'a Applet>,
    /// Present in both and different: (before, after), in the order of `after`.
    pub changed: Vec<(&'a Applet, &'a Applet)>,
    /// Sorted.
    pub connected: Vec<Connection>,
    pub disconnected: Vec<Connection>,
}

/// The plan's own fields, as a comparison names them.
pub const SETTINGS: [&str; 10] = ["id", "name", "type", "channel", "description", "service", "transfer_numbers", "start", "hangup_applet", "post_interaction_route"];

/// Compares two states of a plan. Cheap when little differs: applets in the same order are
/// compared pairwise, and a setting is turned into JSON only when it differs.
pub fn compare<'a>(before: &'a Plan, after: &'a Plan) -> Comparison<'a> {
    let mut c = Comparison::default();
    let same_order = before.applets.len() == after.applets.len() && before.applets.iter().zip(&after.applets).all(|(a, b)| a.id == b.id);
    if same_order {
        c.changed = before.applets.iter().zip(&after.applets).filter(|(a, b)| a != b).collect();
    } else {
        let old: HashMap<&str, &Applet> = before.applets.iter().map(|a| (a.id.as_str(), a)).collect();
        let new: HashMap<&str, &Applet> = after.applets.iter().map(|a| (a.id.as_str(), a)).collect();
        for b in &after.applets {
            match old.get(b.id.as_str()) {
                None => c.added.push(b),
                Some(a) if *a != b => c.changed.push((a, b)),
                Some(_) => {}
            }
        }
        c.removed = before.applets.iter().filter(|a| !new.contains_key(a.id.as_str())).collect();
    }
    if before.connections != after.connections {
        let old: BTreeSet<&Connection> = before.connections.iter().collect();
        let new: BTreeSet<&Connection> = after.connections.iter().collect();
        c.connected = new.difference(&old).map(|x| (*x).clone()).collect();
        c.disconnected = old.difference(&new).map(|x| (*x).clone()).collect();
    }
    let (b, a, out) = (before, after, &mut c.settings);
    setting(out, "id", &b.id, &a.id);
    setting(out, "name", &b.name, &a.name);
    setting(out, "type", &b.plan_type, &a.plan_type);
    setting(out, "channel", &b.channel, &a.channel);
    setting(out, "description", &b.description, &a.description);
    setting(out, "service", &b.service, &a.service);
    setting(out, "transfer_numbers", &b.transfer_numbers, &a.transfer_numbers);
    setting(out, "start", &b.start, &a.start);
    setting(out, "hangup_applet", &b.hangup_applet, &a.hangup_applet);
    setting(out, "post_interaction_route", &b.post_interaction_route, &a.post_interaction_route);
    c
}

/// A plan setting that differs, as JSON: absent where empty (`""`, `null`, `[]`).
fn setting<T: Serialize + PartialEq>(out: &mut Vec<FieldChange>, field: &str, before: &T, after: &T) {
    if before == after {
        return;
    }
    let json = |v: &T| match serde_json::to_value(v).expect("a plan setting serializes") {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::Array(v) if v.is_empty() => None,
        v => Some(v),
    };
    out.push(FieldChange { field: field.to_string(), before: json(before), after: json(after) });
}

/// One field that differs: its path (`start`, `rules[0].value`, `to[1]`), before and after
/// (`None` where the field is absent on that side).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// An applet as a diff names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppletRef {
    pub id: String,
    pub label: String,
    pub kind: String,
}

impl AppletRef {
    fn of(a: &Applet) -> AppletRef {
        AppletRef { id: a.id.clone(), label: a.label.clone(), kind: a.kind().as_str().to_string() }
    }
}

/// An applet present in both versions that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppletChange {
    pub id: String,
    /// The label after the change.
    pub label: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<(Position, Position)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed: Option<(String, String)>,
    /// The kind changed (a hand edit; the editor never does it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind_changed: Option<(String, String)>,
    /// Properties that differ, field by field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<FieldChange>,
}

impl AppletChange {
    /// Whether only the position differs.
    pub fn is_move_only(&self) -> bool {
        self.renamed.is_none() && self.kind_changed.is_none() && self.properties.is_empty()
    }
}

/// What differs between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct PlanDiff {
    /// The plan's own fields: `id`, `name`, `type`, `channel`, `description`, `start`,
    /// `hangup_applet`, `post_interaction_route`.
    pub settings: Vec<FieldChange>,
    pub applets_added: Vec<AppletRef>,
    pub applets_removed: Vec<AppletRef>,
    pub applets_changed: Vec<AppletChange>,
    pub connections_added: Vec<Connection>,
    pub connections_removed: Vec<Connection>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty()
            && self.applets_added.is_empty()
            && self.applets_removed.is_empty()
            && self.applets_changed.is_empty()
            && self.connections_added.is_empty()
            && self.connections_removed.is_empty()
    }

    /// Whether the versions differ only in what no interaction reads: where applets are
    /// drawn, applet labels, the plan's name and description.
    pub fn is_layout_only(&self) -> bool {
        self.applets_added.is_empty()
            && self.applets_removed.is_empty()
            && self.connections_added.is_empty()
            && self.connections_removed.is_empty()
            && self.settings.iter().all(|s| s.field == "name" || s.field == "description")
            && self.applets_changed.iter().all(|c| c.is_move_only() || (c.renamed.is_some() && c.kind_changed.is_none() && c.properties.is_empty()))
    }

    /// The diff in lines, as the CLI prints it.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let show = |v: &Option<Value>| v.as_ref().map_or("(none)".to_string(), |v| crate::model::shorten(&v.to_string(), 80).into_owned());
        for s in &self.settings {
            out.push(format!("~ plan {}: {} → {}", s.field, show(&s.before), show(&s.after)));
        }
        for a in &self.applets_added {
            out.push(format!("+ applet {} '{}' ({})", a.id, a.label, a.kind));
        }
        for a in &self.applets_removed {
            out.push(format!("- applet {} '{}' ({})", a.id, a.label, a.kind));
        }
        for c in &self.applets_changed {
            if let Some((from, to)) = &c.renamed {
                out.push(format!("~ applet {} renamed '{from}' → '{to}'", c.id));
            }
            if let Some((from, to)) = &c.kind_changed {
                out.push(format!("~ applet {} kind {from} → {to}", c.id));
            }
            for p in &c.properties {
                out.push(format!("~ applet {} '{}' {}: {} → {}", c.id, c.label, p.field, show(&p.before), show(&p.after)));
            }
            if let Some((from, to)) = &c.moved {
                out.push(format!("~ applet {} moved ({}, {}) → ({}, {})", c.id, from.x, from.y, to.x, to.y));
            }
        }
        for c in &self.connections_added {
            out.push(format!("+ connection {} —{}→ {}", c.from, c.exit, c.to));
        }
        for c in &self.connections_removed {
            out.push(format!("- connection {} —{}→ {}", c.from, c.exit, c.to));
        }
        out
    }
}

/// Compares two versions of a plan, field by field: [`compare`], with each changed applet's
/// properties, and every list by applet id.
pub fn diff_plans(before: &Plan, after: &Plan) -> PlanDiff {
    let c = compare(before, after);
    let mut d = PlanDiff { settings: c.settings, connections_added: c.connected, connections_removed: c.disconnected, ..PlanDiff::default() };
    d.applets_added = c.added.into_iter().map(AppletRef::of).collect();
    d.applets_removed = c.removed.into_iter().map(AppletRef::of).collect();
    for (o, a) in c.changed {
        let (ok, nk) = (o.kind().as_str().to_string(), a.kind().as_str().to_string());
        let mut change = AppletChange {
            id: a.id.clone(),
            label: a.label.clone(),
            kind: nk.clone(),
            moved: (o.position != a.position).then_some((o.position, a.position)),
            renamed: (o.label != a.label).then(|| (o.label.clone(), a.label.clone())),
            kind_changed: (ok != nk).then(|| (ok, nk)),
            properties: Vec::new(),
        };
        let props = |x: &Applet| serde_json::to_value(x).expect("an applet serializes").get("properties").cloned();
        diff_values("", props(o).as_ref(), props(a).as_ref(), &mut change.properties);
        if change.moved.is_some() || !change.is_move_only() {
            d.applets_changed.push(change);
        }
    }
    d.applets_added.sort_by(|x, y| x.id.cmp(&y.id));
    d.applets_removed.sort_by(|x, y| x.id.cmp(&y.id));
    d.applets_changed.sort_by(|x, y| x.id.cmp(&y.id));
    d
}

/// Field-by-field differences of two JSON values: objects by key, arrays by index, anything
/// else as a whole.
fn diff_values(path: &str, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<FieldChange>) {
    let at_key = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            for k in keys {
                diff_values(&at_key(k), b.get(k), a.get(k), out);
            }
        }
        (Some(Value::Array(b)), Some(Value::Array(a))) => {
            for i in 0..b.len().max(a.len()) {
                diff_values(&format!("{path}[{i}]"), b.get(i), a.get(i), out);
            }
        }
        (b, a) if b != a => out.push(FieldChange { field: if path.is_empty() { "properties".into() } else { path.to_string() }, before: b.cloned(), after: a.cloned() }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_file::parse_plan;

    fn sample(name: &str) -> Plan {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans").join(name);
        parse_plan(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_same_plan_has_no_diff() {
        let p = sample("order-follow-up.json");
        assert!(diff_plans(&p, &p).is_empty());
    }

    #[test]
    fn moves_are_a_layout_change_and_a_reordered_rule_is_not() {
        let before = sample("order-follow-up.json");
        let mut after = before.clone();
        after.applets[0].position.x += 40.0;
        after.name = "Renamed".into();
        let d = diff_plans(&before, &after);
        assert!(d.is_layout_only(), "{d:?}");
        assert_eq!(d.applets_changed.len(), 1);
        assert!(d.applets_changed[0].moved.is_some());

        let mut router = sample("voice-orders.json");
        let before = router.clone();
        // Rewire an exit and change a property.
        router.connections.retain(|c| !(c.from == "orders_queue" && c.exit == "Agent Declined"));
        router.connections.push(Connection { from: "orders_queue".into(), exit: "Agent Declined".into(), to: "sorry".into() });
        let q = router.applets.iter_mut().find(|a| a.id == "orders_queue").unwrap();
        if let crate::model::AppletConfig::Acd(p) = &mut q.config {
            p.max_time_in_queue_seconds = 300;
        }
        let d = diff_plans(&before, &router);
        assert!(!d.is_layout_only());
        assert_eq!(d.connections_added, [Connection { from: "orders_queue".into(), exit: "Agent Declined".into(), to: "sorry".into() }]);
        assert_eq!(d.connections_removed, [Connection { from: "orders_queue".into(), exit: "Agent Declined".into(), to: "voicemail".into() }]);
        assert_eq!(d.applets_changed[0].properties, [FieldChange { field: "max_time_in_queue_seconds".into(), before: Some(600.into()), after: Some(300.into()) }]);
        let lines = d.lines();
        assert!(lines.iter().any(|l| l.starts_with("~ applet orders_queue '") && l.ends_with("' max_time_in_queue_seconds: 600 → 300")), "{lines:#?}");
        assert!(lines.contains(&"+ connection orders_queue —Agent Declined→ sorry".to_string()), "{lines:#?}");
    }

    #[test]
    fn rules_compare_field_by_field_and_route_changes_are_settings() {
        let before = sample("order-follow-up.json");
        let mut after = before.clone();
        let r = after.applets.iter_mut().find(|a| a.id == "by_outcome").unwrap();
        if let crate::model::AppletConfig::DataRouter(p) = &mut r.config {
            p.rules[0].value = "Breakout".into();
            p.rules.push(p.rules[0].clone());
        }
        after.applets.retain(|a| a.id != "email_sms_failed");
        let d = diff_plans(&before, &after);
        let fields: Vec<&str> = d.applets_changed[0].properties.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["rules[0].value", "rules[1]"]);
        assert_eq!(d.applets_removed.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["email_sms_failed"]);

        let mut voice = sample("voice-orders.json");
        let before = voice.clone();
        voice.post_interaction_route = None;
        voice.start = Some("orders_queue".into());
        let d = diff_plans(&before, &voice);
        assert_eq!(d.settings.iter().map(|s| s.field.as_str()).collect::<Vec<_>>(), ["start", "post_interaction_route"]);
        assert_eq!(d.settings[1].after, None);
        assert!(!d.is_layout_only());
    }

    #[test]
    fn every_plan_setting_is_compared_and_undo_and_versions_agree() {
        let before = sample("voice-orders.json");
        let mut after = before.clone();
        after.id = "other".into();
        after.name = "Other".into();
        after.plan_type = crate::model::PlanType::Unattended;
        after.channel = None;
        after.description = "changed".into();
        after.service = "Orders".into();
        after.transfer_numbers.push(crate::model::TransferNumber { name: "Desk".into(), number: "+441".into() });
        after.start = Some("sorry".into());
        after.hangup_applet = Some("sorry".into());
        after.post_interaction_route = None;
        let d = diff_plans(&before, &after);
        assert_eq!(d.settings.iter().map(|s| s.field.as_str()).collect::<Vec<_>>(), SETTINGS);
        assert!(!d.is_layout_only());
        // Undo's change list and the version comparison see the same change.
        assert!(crate::document::diff(&before, &after).settings_changed);
        let mut only_numbers = before.clone();
        only_numbers.transfer_numbers = after.transfer_numbers.clone();
        assert!(crate::document::diff(&before, &only_numbers).settings_changed);
        assert_eq!(diff_plans(&before, &only_numbers).settings.len(), 1, "the version comparison sees transfer numbers too");
    }
}
