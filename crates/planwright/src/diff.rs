//! Structural diff of two versions of a plan, by applet id: applets added, removed, moved,
//! renamed and changed (property by property), connections added and removed, and the plan's
//! own settings (start, hang-up applet, post-interaction route, type, …).
//!
//! A diff with only moves is a *layout* change: it cannot change what any interaction does.

use crate::model::{Applet, Connection, Plan, Position};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

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

/// Compares two versions of a plan.
pub fn diff_plans(before: &Plan, after: &Plan) -> PlanDiff {
    let mut d = PlanDiff::default();
    let settings = |p: &Plan| -> Vec<(&'static str, Option<Value>)> {
        let s = |v: &Option<String>| v.as_ref().map(|x| Value::String(x.clone()));
        let text = |v: &str| (!v.is_empty()).then(|| Value::String(v.to_string()));
        vec![
            ("id", text(&p.id)),
            ("name", text(&p.name)),
            ("type", Some(serde_json::to_value(p.plan_type).expect("a plan type serializes"))),
            ("channel", p.channel.map(|c| serde_json::to_value(c).expect("a channel serializes"))),
            ("description", text(&p.description)),
            ("start", s(&p.start)),
            ("hangup_applet", s(&p.hangup_applet)),
            ("post_interaction_route", s(&p.post_interaction_route)),
        ]
    };
    for ((field, b), (_, a)) in settings(before).into_iter().zip(settings(after)) {
        if b != a {
            d.settings.push(FieldChange { field: field.to_string(), before: b, after: a });
        }
    }

    let by_id = |p: &Plan| -> BTreeMap<String, Applet> { p.applets.iter().map(|a| (a.id.clone(), a.clone())).collect() };
    let (old, new) = (by_id(before), by_id(after));
    for (id, a) in &new {
        match old.get(id) {
            None => d.applets_added.push(AppletRef::of(a)),
            Some(o) => {
                let (ok, nk) = (o.kind().as_str().to_string(), a.kind().as_str().to_string());
                let mut change = AppletChange {
                    id: id.clone(),
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
        }
    }
    d.applets_removed = old.iter().filter(|(id, _)| !new.contains_key(*id)).map(|(_, a)| AppletRef::of(a)).collect();

    let key = |c: &Connection| (c.from.clone(), c.exit.clone(), c.to.clone());
    let (oc, nc): (BTreeSet<_>, BTreeSet<_>) = (before.connections.iter().map(key).collect(), after.connections.iter().map(key).collect());
    let conn = |(from, exit, to): &(String, String, String)| Connection { from: from.clone(), exit: exit.clone(), to: to.clone() };
    d.connections_added = nc.difference(&oc).map(conn).collect();
    d.connections_removed = oc.difference(&nc).map(conn).collect();
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
}
