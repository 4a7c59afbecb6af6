//! Finding things in a workspace, as the window's search (Ctrl+K) and `planwright search` ask:
//! applets by label, id, kind or property text, plans, schedules, and data sources; and, for a
//! data source, every applet that sets it and every applet that reads it, across the plans.
//!
//! Matching ignores case. Each term of the query (split at spaces) must be found in the same
//! field. Hits rank by how well the best field matches (the whole field, its start, anywhere)
//! and by which field it is (a label before an id, a kind, then property text).

use crate::datasource::{canonical, reads, writes};
use crate::model::Plan;
use crate::catalog::Schedules;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HitKind {
    Applet,
    Plan,
    DataSource,
    Schedule,
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hit {
    pub kind: HitKind,
    /// The plan of an applet, or the plan found.
    pub plan: Option<String>,
    pub applet: Option<String>,
    /// A schedule's id, or a data source's name.
    pub name: Option<String>,
    /// What to show: the applet's label, the plan's or schedule's name, the data source.
    pub title: String,
    /// Where the query matched, in words: `id`, `kind Data Connector`, `URL: https://…`.
    pub matched: String,
    /// Lower is better.
    pub rank: u32,
}

/// Where a data source is set and read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DataSourceUse {
    pub plan: String,
    pub applet: String,
    pub label: String,
    /// The field it is read in (`rules[0].source`, `url`…); empty for a write.
    pub field: String,
    /// That field as the form shows it (`Rule 1 · Source`).
    pub field_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DataSourceUses {
    pub name: String,
    pub set_by: Vec<DataSourceUse>,
    pub read_by: Vec<DataSourceUse>,
}

/// How well `lower` (a field already lower-cased) matches every term: 0 the whole field, 1 its
/// start, 2 anywhere; `None` when a term is missing.
fn quality(lower: &str, terms: &[String]) -> Option<u32> {
    let mut worst = 0;
    for term in terms {
        let q = if lower == term {
            0
        } else if lower.starts_with(term.as_str()) {
            1
        } else if lower.contains(term.as_str()) {
            2
        } else {
            return None;
        };
        worst = worst.max(q);
    }
    Some(worst)
}

/// A short piece of `text` around the first term, for `matched`.
fn excerpt(text: &str, term: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = flat.to_lowercase();
    let Some(at) = lower.find(term) else { return flat.chars().take(60).collect() };
    let start = flat[..at].char_indices().rev().nth(20).map_or(0, |(i, _)| i);
    let piece: String = flat[start..].chars().take(60).collect();
    format!("{}{piece}{}", if start > 0 { "…" } else { "" }, if flat[start..].chars().count() > 60 { "…" } else { "" })
}

/// The text leaves of an applet's properties, with their field paths (`headers[0].value`).
fn property_texts(value: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) if !s.is_empty() => out.push((path, s.clone())),
        serde_json::Value::Number(n) => out.push((path, n.to_string())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                property_texts(v, format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(fields) => {
            for (k, v) in fields {
                property_texts(v, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out);
            }
        }
        _ => {}
    }
}

/// Keeps the better of `best` and a field that matched with quality `q` (`field`: its order).
fn consider(best: &mut Option<(u32, String)>, q: Option<u32>, field: u32, matched: impl FnOnce() -> String) {
    if let Some(q) = q {
        let rank = q * 10 + field;
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            *best = Some((rank, matched()));
        }
    }
}

/// What search reads of one applet, lower-cased once.
#[derive(Debug, Clone)]
struct AppletEntry {
    id: String,
    label: String,
    label_lower: String,
    id_lower: String,
    kind: &'static str,
    kind_lower: String,
    /// Each text leaf of its properties: field path, text, text lower-cased.
    texts: Vec<(String, String, String)>,
}

/// What search reads of one plan's applets, lower-cased and flattened once per state of the
/// plan rather than at every keystroke: the property text of each applet (its typed properties
/// as JSON leaves) and the data sources it sets and reads. An open document keeps the index of
/// its current state ([`crate::document::Document::search_index`]); the plan's name and id are
/// read from the plan itself (a rename is no new state).
#[derive(Debug, Clone, Default)]
pub struct PlanIndex {
    applets: Vec<AppletEntry>,
    /// Each data source named in the plan: how many applets set it, how many read it.
    sources: BTreeMap<String, (usize, usize)>,
}

impl PlanIndex {
    pub fn of(plan: &Plan) -> PlanIndex {
        let mut index = PlanIndex::default();
        for a in &plan.applets {
            let kind = crate::catalog::info(a.config.kind()).display_name;
            let mut leaves = Vec::new();
            if let Ok(serde_json::Value::Object(mut o)) = serde_json::to_value(&a.config) {
                if let Some(p) = o.remove("properties") {
                    property_texts(&p, String::new(), &mut leaves);
                }
            }
            index.applets.push(AppletEntry {
                id: a.id.clone(),
                label: a.label.clone(),
                label_lower: a.label.to_lowercase(),
                id_lower: a.id.to_lowercase(),
                kind,
                kind_lower: kind.to_lowercase(),
                texts: leaves.into_iter().map(|(field, text)| { let lower = text.to_lowercase(); (field, text, lower) }).collect(),
            });
            for w in writes(&a.config) {
                index.sources.entry(canonical(&w).to_string()).or_default().0 += 1;
            }
            for r in reads(&a.config) {
                index.sources.entry(r.name.to_string()).or_default().1 += 1;
            }
        }
        index
    }

}

/// Everything in `plans` and `schedules` that matches `query`, best first, at most `limit`.
pub fn search<'a>(plans: impl IntoIterator<Item = &'a Plan>, schedules: &Schedules, query: &str, limit: usize) -> Vec<Hit> {
    let indexed: Vec<(&Plan, PlanIndex)> = plans.into_iter().map(|p| (p, PlanIndex::of(p))).collect();
    search_indexed(indexed.iter().map(|(p, i)| (*p, i)), schedules, query, limit)
}

/// [`search`] over plans whose indexes are already built (each plan with the index of its
/// current state).
pub fn search_indexed<'a>(plans: impl IntoIterator<Item = (&'a Plan, &'a PlanIndex)>, schedules: &Schedules, query: &str, limit: usize) -> Vec<Hit> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let mut sources: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (plan, index) in plans {
        if let Some(q) = [&plan.name, &plan.id].into_iter().filter_map(|t| quality(&t.to_lowercase(), &terms)).min() {
            hits.push(Hit { kind: HitKind::Plan, plan: Some(plan.id.clone()), applet: None, name: None, title: plan.name.clone(), matched: format!("plan {}", plan.id), rank: q * 10 });
        }
        for a in &index.applets {
            let mut best: Option<(u32, String)> = None;
            consider(&mut best, quality(&a.label_lower, &terms), 0, || "label".into());
            consider(&mut best, quality(&a.id_lower, &terms), 1, || format!("id {}", a.id));
            consider(&mut best, quality(&a.kind_lower, &terms), 2, || format!("kind {}", a.kind));
            if best.as_ref().is_none_or(|(r, _)| *r > 3) {
                for (field, text, lower) in &a.texts {
                    consider(&mut best, quality(lower, &terms), 3, || format!("{}: {}", crate::properties::field_label(field), excerpt(text, &terms[0])));
                }
            }
            if let Some((rank, matched)) = best {
                hits.push(Hit { kind: HitKind::Applet, plan: Some(plan.id.clone()), applet: Some(a.id.clone()), name: None, title: a.label.clone(), matched, rank });
            }
        }
        for (name, (set, read)) in &index.sources {
            let n = sources.entry(name.as_str()).or_default();
            n.0 += set;
            n.1 += read;
        }
    }
    for (name, (set, read)) in sources {
        if let Some(q) = quality(&name.to_lowercase(), &terms) {
            hits.push(Hit { kind: HitKind::DataSource, plan: None, applet: None, name: Some(name.to_string()), title: name.to_string(), matched: format!("data source: set by {set}, read by {read}"), rank: q * 10 });
        }
    }
    for (id, s) in schedules {
        if let Some(q) = [&s.name, id].into_iter().filter_map(|t| quality(&t.to_lowercase(), &terms)).min() {
            hits.push(Hit { kind: HitKind::Schedule, plan: None, applet: None, name: Some(id.clone()), title: s.name.clone(), matched: format!("schedule {id}"), rank: q * 10 });
        }
    }
    hits.sort_by(|a, b| (a.rank, a.kind, &a.plan, &a.title, &a.applet).cmp(&(b.rank, b.kind, &b.plan, &b.title, &b.applet)));
    hits.truncate(limit);
    hits
}

/// Every applet of `plans` that sets the data source `name`, and every one that reads it (with
/// the field), in plan and applet order.
pub fn data_source_uses<'a>(plans: impl IntoIterator<Item = &'a Plan>, name: &str) -> DataSourceUses {
    let name = canonical(name.trim());
    let mut uses = DataSourceUses { name: name.to_string(), ..Default::default() };
    for plan in plans {
        let mut applets: Vec<_> = plan.applets.iter().collect();
        applets.sort_by(|a, b| a.id.cmp(&b.id));
        for a in applets {
            let at = |field: String| DataSourceUse {
                plan: plan.id.clone(),
                applet: a.id.clone(),
                label: a.label.clone(),
                field_label: if field.is_empty() { String::new() } else { crate::properties::field_label(&field) },
                field,
            };
            if writes(&a.config).iter().any(|w| canonical(w) == name) {
                uses.set_by.push(at(String::new()));
            }
            for r in reads(&a.config).into_iter().filter(|r| r.name == name) {
                uses.read_by.push(at(r.field.to_string()));
            }
        }
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Workspace;

    fn samples() -> Workspace {
        Workspace::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plans")).unwrap()
    }

    /// The bytes an index holds on the heap (strings, lists and the data-source map, by their
    /// capacities; a map node counted as its key and value). Measured here, in the test build,
    /// not in the app.
    fn heap_bytes(index: &PlanIndex) -> usize {
        let applets = index.applets.capacity() * std::mem::size_of::<AppletEntry>();
        let strings: usize = index
            .applets
            .iter()
            .map(|a| {
                let own = a.id.capacity() + a.label.capacity() + a.label_lower.capacity() + a.id_lower.capacity() + a.kind_lower.capacity();
                let texts = a.texts.capacity() * std::mem::size_of::<(String, String, String)>();
                own + texts + a.texts.iter().map(|(f, t, l)| f.capacity() + t.capacity() + l.capacity()).sum::<usize>()
            })
            .sum();
        let sources: usize = index.sources.keys().map(|k| k.capacity() + std::mem::size_of::<(String, (usize, usize))>()).sum();
        applets + strings + sources
    }

    /// What an open plan keeps for search, against the plan's own file: the index holds each
    /// text twice (as written and lower-cased) but none of the file's structure, so it stays
    /// below twice the file (1.3× at 2,000 applets). Printed for the notes (`--nocapture`).
    #[test]
    fn the_index_of_a_large_plan_stays_below_twice_its_file() {
        for n in [100, 2000] {
            let plan = crate::generate::large_plan(n);
            let file = serde_json::to_vec_pretty(&plan).unwrap().len();
            let index = PlanIndex::of(&plan);
            let bytes = heap_bytes(&index);
            println!("{n} applets: index {bytes} bytes on the heap, plan file {file} bytes, ratio {:.2}", bytes as f64 / file as f64);
            assert!(bytes > 0 && bytes < 2 * file, "{n} applets: index {bytes} bytes for a {file}-byte plan");
            let emptied = PlanIndex::of(&Plan { applets: Vec::new(), ..plan.clone() });
            assert!(heap_bytes(&emptied) < bytes / 100, "the applets are what it holds");
        }
    }

    #[test]
    fn finds_applets_by_label_id_kind_and_property_text_best_first() {
        let ws = samples();
        let plans = || ws.plans.values().map(|e| &e.plan);
        let hits = search(plans(), &ws.schedules, "orders queue", 50);
        assert_eq!((hits[0].kind, hits[0].applet.as_deref(), hits[0].matched.as_str()), (HitKind::Applet, Some("orders_queue"), "label"), "{hits:#?}");
        let by_kind = search(plans(), &ws.schedules, "data connector", 50);
        assert!(by_kind.iter().any(|h| h.applet.as_deref() == Some("send_sms") && h.matched == "kind Data Connector"), "{by_kind:#?}");
        // Text inside a property: the SMS body of the order follow-up route.
        let in_text = search(plans(), &ws.schedules, "orders-supervisor@example.com", 50);
        assert!(in_text.iter().any(|h| h.plan.as_deref() == Some("order-follow-up") && h.matched.starts_with("To · line 1: orders-supervisor@example.com")), "{in_text:#?}");
        assert!(search(plans(), &ws.schedules, "   ", 50).is_empty());
        assert!(search(plans(), &ws.schedules, "zzz-nothing", 50).is_empty());
        assert_eq!(search(plans(), &ws.schedules, "a", 3).len(), 3, "at most the limit");
    }

    #[test]
    fn finds_plans_schedules_and_data_sources() {
        let ws = samples();
        let plans = || ws.plans.values().map(|e| &e.plan);
        let hits = search(plans(), &ws.schedules, "smsstatus", 50);
        let ds = hits.iter().find(|h| h.kind == HitKind::DataSource).expect("the data source");
        assert_eq!((ds.title.as_str(), ds.name.as_deref()), ("SmsStatus", Some("SmsStatus")));
        assert!(ds.matched.starts_with("data source: set by 1, read by"), "{}", ds.matched);
        let plan = search(plans(), &ws.schedules, "order follow", 50);
        assert!(plan.iter().any(|h| h.kind == HitKind::Plan && h.plan.as_deref() == Some("order-follow-up")), "{plan:#?}");
        let first_schedule = ws.schedules.values().next().expect("the samples have a schedule");
        let s = search(plans(), &ws.schedules, &first_schedule.name, 50);
        assert!(s.iter().any(|h| h.kind == HitKind::Schedule), "{s:#?}");
    }

    #[test]
    fn a_data_source_is_set_and_read_where_the_plans_say() {
        let ws = samples();
        let uses = data_source_uses(ws.plans.values().map(|e| &e.plan), "SmsStatus");
        let set: Vec<(&str, &str)> = uses.set_by.iter().map(|u| (u.plan.as_str(), u.applet.as_str())).collect();
        assert_eq!(set, [("order-follow-up", "send_sms")]);
        assert!(uses.read_by.iter().any(|u| u.applet == "sms_ok" && u.field == "rules[0].source"), "{uses:#?}");
        let outcome = data_source_uses(ws.plans.values().map(|e| &e.plan), "InteractionOutcome");
        assert!(outcome.set_by.is_empty() && outcome.read_by.iter().any(|u| u.plan == "order-follow-up"), "{outcome:#?}");
    }
}
