//! The Interaction Plans Manager's half: **destinations** (the addresses customers use: PSTN
//! numbers and API addresses), **mappings** (which plan an address reaches, ranked by priority,
//! with a testing plan for listed interaction sources) and the **data sources** an interaction
//! starts with (destination, then mapping, then plan: the first level that sets a name wins).
//!
//! Files live beside the plans, one per item: `destinations/<id>.json` and
//! `mappings/<id>.json`, canonical and saved atomically. A mapping keeps its `modified` time
//! in the file (written by the editor at the command boundary), because file times do not
//! survive git: of two mappings with the same priority the one modified last wins, and of
//! two modified at the same instant, the one whose id sorts first.

use crate::model::{Channel, Plan, PlanType};
use crate::validate::Severity;
use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file format version this build writes, for destinations and mappings.
pub const SCHEMA_VERSION: u32 = 1;

/// The lowest and highest priority of a mapping.
pub const PRIORITY_MIN: u32 = 1;
pub const PRIORITY_MAX: u32 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DestinationKind {
    /// A phone number; calls to it arrive at the account. Admins edit it; Vonage creates it.
    Pstn,
    /// An address for non-call interactions (email, chat, messaging).
    Api,
}

/// A destination: `destinations/<id>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Destination {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub schema_version: u32,
    /// The file's name without `.json`.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: DestinationKind,
    /// The number (`+448001234567`; spaces, dashes and brackets are ignored) or the API
    /// address.
    pub address: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Data sources the interaction starts with (the first level).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data_sources: BTreeMap<String, String>,
    /// The service name for reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service: String,
}

/// A mapping: `mappings/<id>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mapping {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub schema_version: u32,
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The destinations' addresses.
    pub destinations: Vec<String>,
    /// The plan real interactions reach.
    pub production_plan: String,
    /// The plan test interactions reach (those from an interaction source listed below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub testing_plan: Option<String>,
    /// The addresses test interactions come from (a tester's phone number, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interaction_sources: Vec<String>,
    /// Data sources the interaction starts with (the second level).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data_sources: BTreeMap<String, String>,
    /// 1 (lowest) to 10,000 (highest).
    pub priority: u32,
    /// When the mapping was last changed: of equal priorities, the latest wins.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub modified: DateTime<FixedOffset>,
}

/// An address as compared: a phone number keeps its leading `+` and its digits; any other
/// address is trimmed and lower-cased.
pub fn normal_address(address: &str) -> String {
    let a = address.trim();
    let phone_like = !a.is_empty() && a.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) && a.chars().any(|c| c.is_ascii_digit());
    if phone_like {
        let plus = if a.starts_with('+') { "+" } else { "" };
        format!("{plus}{}", a.chars().filter(char::is_ascii_digit).collect::<String>())
    } else {
        a.to_lowercase()
    }
}

/// Whether an address is a phone number as PSTN destinations need: `+`, then 6 to 15 digits
/// (E.164), spaces, dashes and brackets ignored.
pub fn is_phone_number(address: &str) -> bool {
    let n = normal_address(address);
    n.strip_prefix('+').is_some_and(|d| (6..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// A design-time finding about destinations and mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    #[cfg_attr(feature = "ts", ts(type = "Severity"))]
    pub severity: Severity,
    /// Stable code, one of [`FINDING_CODES`].
    pub code: &'static str,
    /// `destinations/<id>.json`, `mappings/<id>.json`, or the plan's id.
    pub file: String,
    /// The field, as `destinations[1]` or `priority`.
    pub field: String,
    pub message: String,
}

/// Every finding code, with its severity and meaning.
pub const FINDING_CODES: &[(&str, Severity, &str)] = &[
    ("destination-address-invalid", Severity::Error, "a PSTN destination's address is not a phone number"),
    ("destination-address-duplicate", Severity::Error, "two destinations have the same address, or one mapping lists an address twice"),
    ("mapping-destination-unknown", Severity::Error, "a mapping lists an address no destination has"),
    ("mapping-plan-unknown", Severity::Error, "a mapping's production or testing plan does not exist"),
    ("mapping-plan-channel", Severity::Error, "a mapping sends a destination to a plan of the wrong channel (a PSTN number to a Message plan)"),
    ("mapping-production-unattended", Severity::Error, "an Unattended plan is a production plan: it cannot take a live interaction"),
    ("mapping-priority-invalid", Severity::Error, "a priority is not from 1 to 10,000"),
    ("mapping-priority-tie", Severity::Warning, "two mappings with the same priority include one address: the one modified last wins"),
    ("testing-plan-no-sources", Severity::Warning, "a mapping has a testing plan but no interaction sources, so nothing reaches it"),
    ("sources-without-testing-plan", Severity::Warning, "a mapping lists interaction sources but has no testing plan"),
    ("address-unmapped", Severity::Warning, "no mapping includes a destination: its interactions reach no plan"),
    ("data-source-shadowed", Severity::Info, "a data source is set at two levels: the first level (destination, then mapping, then plan) wins"),
];

/// The destinations and mappings of a workspace, with the files that could not be read.
#[derive(Debug, Default)]
pub struct Routing {
    pub destinations: BTreeMap<String, Destination>,
    pub mappings: BTreeMap<String, Mapping>,
    /// Files that could not be loaded, and why.
    pub problems: Vec<(PathBuf, String)>,
}

fn read_all<T: serde::de::DeserializeOwned>(dir: &Path, id: impl Fn(&T) -> &str, out: &mut BTreeMap<String, T>, problems: &mut Vec<(PathBuf, String)>) {
    if !dir.is_dir() {
        return;
    }
    let files = match crate::workspace::json_files(dir) {
        Ok(f) => f,
        Err(e) => return problems.push((dir.to_path_buf(), e.to_string())),
    };
    for path in files {
        let text = match crate::plan_file::read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push((path, format!("cannot read: {e}")));
                continue;
            }
        };
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                problems.push((path, e.to_string()));
                continue;
            }
        };
        match value.get("schema_version").and_then(|v| v.as_u64()) {
            Some(v) if v > SCHEMA_VERSION as u64 => {
                problems.push((path, format!("schema_version {v} is newer than this Planwright reads ({SCHEMA_VERSION}); update Planwright")));
                continue;
            }
            None => {
                problems.push((path, format!("schema_version is missing (this build writes {SCHEMA_VERSION})")));
                continue;
            }
            _ => {}
        }
        match serde_json::from_str::<T>(&text) {
            Ok(item) => {
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let id = id(&item).to_string();
                if let Some(why) = crate::model::id_problem(&id) {
                    problems.push((path, format!("id '{}': {why}", crate::model::shorten(&id, 80))));
                } else if id != stem {
                    problems.push((path, format!("id '{id}' is not the file's name ('{stem}.json')")));
                } else {
                    out.insert(id, item);
                }
            }
            Err(e) => problems.push((path, e.to_string())),
        }
    }
}

impl Routing {
    /// Reads `destinations/` and `mappings/` of a workspace folder. A file that cannot be read
    /// is reported with why; the rest load.
    pub fn load(root: &Path) -> Routing {
        let mut r = Routing::default();
        read_all(&root.join("destinations"), |d: &Destination| &d.id, &mut r.destinations, &mut r.problems);
        read_all(&root.join("mappings"), |m: &Mapping| &m.id, &mut r.mappings, &mut r.problems);
        r
    }

    /// The destination with this address.
    pub fn destination(&self, address: &str) -> Option<&Destination> {
        let n = normal_address(address);
        self.destinations.values().find(|d| normal_address(&d.address) == n)
    }

    /// Whether some mapping sends interactions to the plan (production or testing).
    pub fn is_mapped(&self, plan: &str) -> bool {
        self.mappings.values().any(|m| m.production_plan == plan || m.testing_plan.as_deref() == Some(plan))
    }
}

/// The destinations and mappings by address, the mappings of each address ranked (the winner
/// first): built once, for resolving many addresses.
pub struct Index<'a> {
    destinations: std::collections::HashMap<String, &'a Destination>,
    ranked: std::collections::HashMap<String, Vec<&'a Mapping>>,
}

impl<'a> Index<'a> {
    pub fn new(routing: &'a Routing) -> Index<'a> {
        let mut destinations = std::collections::HashMap::new();
        for d in routing.destinations.values() {
            destinations.entry(normal_address(&d.address)).or_insert(d);
        }
        let mut ranked: std::collections::HashMap<String, Vec<&Mapping>> = std::collections::HashMap::new();
        for m in routing.mappings.values() {
            let mut seen = std::collections::BTreeSet::new();
            for a in &m.destinations {
                let n = normal_address(a);
                if seen.insert(n.clone()) {
                    ranked.entry(n).or_default().push(m);
                }
            }
        }
        for list in ranked.values_mut() {
            list.sort_by(|a, b| b.priority.cmp(&a.priority).then(b.modified.cmp(&a.modified)).then(a.id.cmp(&b.id)));
        }
        Index { destinations, ranked }
    }

    pub fn destination(&self, address: &str) -> Option<&'a Destination> {
        self.destinations.get(&normal_address(address)).copied()
    }

    /// The mappings that include an address, the winner first: highest priority, then the
    /// latest modified, then the id.
    pub fn ranked(&self, address: &str) -> &[&'a Mapping] {
        self.ranked.get(&normal_address(address)).map_or(&[], Vec::as_slice)
    }
}

/// Which level set a starting data source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Level {
    Destination,
    Mapping,
    Plan,
}

/// A data source the interaction starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StartingValue {
    pub name: String,
    pub value: String,
    pub level: Level,
    /// The levels below whose value for the same name was not applied.
    pub shadowed: Vec<Level>,
}

/// Where an interaction to an address goes, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Resolution {
    pub address: String,
    pub source: Option<String>,
    pub destination: Option<String>,
    pub mapping: Option<String>,
    /// The plan reached; none when no mapping includes the address.
    pub plan: Option<String>,
    /// A test interaction (from a listed source), sent to the testing plan.
    pub testing: bool,
    pub data_sources: Vec<StartingValue>,
    /// Why, in order: the mapping that won and what it beat, production or testing.
    pub reasons: Vec<String>,
}

fn describe(m: &Mapping) -> String {
    let name = if m.name.is_empty() { &m.id } else { &m.name };
    format!("'{name}' (priority {})", m.priority)
}

/// Resolves an interaction to `address` from `source` (the caller's number or address).
pub fn resolve(routing: &Routing, plans: &BTreeMap<String, Plan>, address: &str, source: Option<&str>) -> Resolution {
    resolve_with(&Index::new(routing), plans, address, source)
}

/// [`resolve`] with an index built once, for many addresses.
pub fn resolve_with(index: &Index<'_>, plans: &BTreeMap<String, Plan>, address: &str, source: Option<&str>) -> Resolution {
    let destination = index.destination(address);
    let ranked = index.ranked(address);
    let mut reasons = Vec::new();
    let mut r = Resolution {
        address: address.to_string(),
        source: source.map(str::to_string),
        destination: destination.map(|d| d.id.clone()),
        mapping: None,
        plan: None,
        testing: false,
        data_sources: Vec::new(),
        reasons: Vec::new(),
    };
    match destination {
        Some(d) => reasons.push(format!("{} is destination '{}' ({})", address.trim(), if d.name.is_empty() { &d.id } else { &d.name }, if d.kind == DestinationKind::Pstn { "PSTN" } else { "API" })),
        None => reasons.push(format!("{} is not a destination of the account", address.trim())),
    }
    let Some(winner) = ranked.first().copied() else {
        reasons.push(format!("no mapping includes {}: the interaction reaches no plan", address.trim()));
        r.reasons = reasons;
        return r;
    };
    if ranked.len() == 1 {
        reasons.push(format!("mapping {} is the only one that includes it", describe(winner)));
    }
    for other in &ranked[1..] {
        if other.priority == winner.priority {
            reasons.push(format!(
                "mapping {} beat {}: the same priority, and it was modified later ({} after {})",
                describe(winner),
                describe(other),
                winner.modified.to_rfc3339(),
                other.modified.to_rfc3339()
            ));
        } else {
            reasons.push(format!("mapping {} beat {}", describe(winner), describe(other)));
        }
    }
    let listed = source.is_some_and(|s| winner.interaction_sources.iter().any(|x| normal_address(x) == normal_address(s)));
    let plan = match (&winner.testing_plan, listed) {
        (Some(t), true) => {
            reasons.push(format!("{} is an interaction source of the mapping: a test interaction, to the testing plan '{t}'", source.unwrap_or_default().trim()));
            r.testing = true;
            t.clone()
        }
        (None, true) => {
            reasons.push(format!("{} is an interaction source of the mapping, but it has no testing plan: to the production plan", source.unwrap_or_default().trim()));
            winner.production_plan.clone()
        }
        _ => {
            reasons.push(format!("to the production plan '{}'", winner.production_plan));
            winner.production_plan.clone()
        }
    };
    // Data sources: the first level that sets a name wins.
    let mut values: Vec<StartingValue> = Vec::new();
    let levels: [(Level, Option<&BTreeMap<String, String>>); 3] =
        [(Level::Destination, destination.map(|d| &d.data_sources)), (Level::Mapping, Some(&winner.data_sources)), (Level::Plan, plans.get(&plan).map(|p| &p.data_sources))];
    for (level, map) in levels {
        for (name, value) in map.into_iter().flatten() {
            match values.iter_mut().find(|v| v.name == *name) {
                Some(v) => v.shadowed.push(level),
                None => values.push(StartingValue { name: name.clone(), value: value.clone(), level, shadowed: Vec::new() }),
            }
        }
    }
    values.sort_by(|a, b| a.name.cmp(&b.name));
    if !plans.contains_key(&plan) {
        reasons.push(format!("plan '{plan}' does not exist in the workspace"));
    }
    r.mapping = Some(winner.id.clone());
    r.plan = Some(plan);
    r.data_sources = values;
    r.reasons = reasons;
    r
}

fn finding(code: &'static str, file: String, field: impl Into<String>, message: String) -> Finding {
    let severity = FINDING_CODES.iter().find(|(c, _, _)| *c == code).map(|(_, s, _)| *s).expect("a listed code");
    Finding { severity, code, file, field: field.into(), message }
}

/// The channel a plan takes interactions on: a Message plan digital, a Default plan its
/// channel (voice when unset), an Unattended plan none.
fn plan_channel(p: &Plan) -> Option<Channel> {
    match p.plan_type {
        PlanType::Message => Some(Channel::Digital),
        PlanType::Default => Some(p.channel.unwrap_or(Channel::Voice)),
        PlanType::Unattended => None,
    }
}

/// Design-time checks of the destinations and mappings against the plans.
pub fn check(routing: &Routing, plans: &BTreeMap<String, Plan>) -> Vec<Finding> {
    let mut out = Vec::new();
    let index = Index::new(routing);
    let dfile = |d: &Destination| format!("destinations/{}.json", d.id);
    let mfile = |m: &Mapping| format!("mappings/{}.json", m.id);
    let mut seen: BTreeMap<String, &Destination> = BTreeMap::new();
    for d in routing.destinations.values() {
        if d.kind == DestinationKind::Pstn && !is_phone_number(&d.address) {
            out.push(finding("destination-address-invalid", dfile(d), "address", format!("'{}' is not a phone number: a PSTN destination is + and 6 to 15 digits", d.address)));
        }
        if d.address.trim().is_empty() {
            out.push(finding("destination-address-invalid", dfile(d), "address", "the address is empty".into()));
        }
        match seen.get(&normal_address(&d.address)) {
            Some(other) => out.push(finding("destination-address-duplicate", dfile(d), "address", format!("{} is also the address of destination '{}'", d.address, other.id))),
            None => {
                seen.insert(normal_address(&d.address), d);
            }
        }
    }
    for m in routing.mappings.values() {
        if !(PRIORITY_MIN..=PRIORITY_MAX).contains(&m.priority) {
            out.push(finding("mapping-priority-invalid", mfile(m), "priority", format!("priority {} is not from {PRIORITY_MIN} (lowest) to {PRIORITY_MAX} (highest)", m.priority)));
        }
        let mut listed = std::collections::BTreeSet::new();
        for (i, a) in m.destinations.iter().enumerate() {
            if !listed.insert(normal_address(a)) {
                out.push(finding("destination-address-duplicate", mfile(m), format!("destinations[{i}]"), format!("{a} is listed twice")));
            }
            if index.destination(a).is_none() {
                out.push(finding("mapping-destination-unknown", mfile(m), format!("destinations[{i}]"), format!("no destination has the address {a}")));
            }
        }
        for (field, plan) in [("production_plan", Some(&m.production_plan)), ("testing_plan", m.testing_plan.as_ref())] {
            let Some(plan) = plan else { continue };
            let Some(p) = plans.get(plan) else {
                out.push(finding("mapping-plan-unknown", mfile(m), field, format!("no plan '{plan}' in the workspace")));
                continue;
            };
            if p.plan_type == PlanType::Unattended {
                if field == "production_plan" {
                    out.push(finding("mapping-production-unattended", mfile(m), field, format!("'{plan}' is an Unattended plan: it cannot take a live interaction")));
                }
                continue;
            }
            for (i, a) in m.destinations.iter().enumerate() {
                let Some(d) = index.destination(a) else { continue };
                let wanted = if d.kind == DestinationKind::Pstn { Channel::Voice } else { Channel::Digital };
                if plan_channel(p) != Some(wanted) {
                    out.push(finding(
                        "mapping-plan-channel",
                        mfile(m),
                        format!("destinations[{i}]"),
                        format!(
                            "{} destination {} goes to '{plan}', a {} plan: {} interactions need a {} plan",
                            if d.kind == DestinationKind::Pstn { "PSTN" } else { "API" },
                            d.address,
                            if plan_channel(p) == Some(Channel::Voice) { "voice" } else { "digital" },
                            if wanted == Channel::Voice { "voice" } else { "digital" },
                            if wanted == Channel::Voice { "voice (Default)" } else { "Message or digital" }
                        ),
                    ));
                }
            }
        }
        if m.testing_plan.is_some() && m.interaction_sources.is_empty() {
            out.push(finding("testing-plan-no-sources", mfile(m), "interaction_sources", "a testing plan, but no interaction sources: no interaction reaches it".into()));
        }
        if m.testing_plan.is_none() && !m.interaction_sources.is_empty() {
            out.push(finding("sources-without-testing-plan", mfile(m), "testing_plan", "interaction sources, but no testing plan: their interactions reach the production plan".into()));
        }
    }
    // Ties and unmapped addresses, per destination.
    for d in routing.destinations.values() {
        let ranked = index.ranked(&d.address);
        if ranked.is_empty() {
            out.push(finding("address-unmapped", dfile(d), "address", format!("no mapping includes {}: its interactions reach no plan", d.address)));
            continue;
        }
        let winner = ranked[0];
        for other in ranked[1..].iter().filter(|o| o.priority == winner.priority) {
            out.push(finding(
                "mapping-priority-tie",
                mfile(other),
                "priority",
                format!("'{}' and '{}' both include {} at priority {}: '{}' wins, as it was modified last", other.id, winner.id, d.address, winner.priority, winner.id),
            ));
        }
        // A data source set at two levels: the first level wins.
        for name in winner.data_sources.keys().filter(|k| d.data_sources.contains_key(*k)) {
            out.push(finding(
                "data-source-shadowed",
                mfile(winner),
                format!("data_sources.{name}"),
                format!("{name} is set by destination '{}' as well: the destination's value wins, the mapping's is not applied", d.id),
            ));
        }
        for plan in [Some(&winner.production_plan), winner.testing_plan.as_ref()].into_iter().flatten() {
            let Some(p) = plans.get(plan) else { continue };
            for name in p.data_sources.keys() {
                let who = if d.data_sources.contains_key(name) {
                    format!("destination '{}'", d.id)
                } else if winner.data_sources.contains_key(name) {
                    format!("mapping '{}'", winner.id)
                } else {
                    continue;
                };
                out.push(finding("data-source-shadowed", plan.clone(), format!("data_sources.{name}"), format!("{name} is set by {who} as well: its value wins, the plan's is not applied")));
            }
        }
    }
    out.sort_by(|a, b| (a.file.as_str(), a.field.as_str(), a.code).cmp(&(b.file.as_str(), b.field.as_str(), b.code)));
    out.dedup();
    out
}

/// The canonical text of a destination or mapping: sorted keys, two-space indent, a final newline.
pub fn to_text<T: Serialize>(item: &T) -> String {
    let value = serde_json::to_value(item).expect("a destination or mapping serializes");
    let mut s = serde_json::to_string_pretty(&value).expect("a value serializes");
    s.push('\n');
    s
}

/// The JSON Schemas of destination and mapping files.
pub fn json_schemas() -> (String, String) {
    let text = |v: schemars::Schema| {
        let mut s = serde_json::to_string_pretty(&serde_json::to_value(v).expect("a schema serializes")).expect("a value serializes");
        s.push('\n');
        s
    };
    (text(schemars::schema_for!(Destination)), text(schemars::schema_for!(Mapping)))
}
