//! The plan model: what a plan file holds.
//!
//! A [`Plan`] is a set of [`Applet`]s wired by [`Connection`]s (`{from, exit, to}`), a start
//! applet, and an optional post-interaction route (the id of another plan). Applet ids are
//! stable strings chosen by the user or the editor; nothing here depends on graph indices.
//!
//! The serialized form is canonical (see [`crate::plan_file`]): applets sorted by id,
//! connections by `(from, exit, to)`, object keys sorted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::properties::*;

/// [`id_problem`]'s rule as a regular expression, for the JSON Schemas (length apart).
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_-]*$";

/// What is wrong with `id` as a plan, applet or schedule id, if anything. An id is 1 to
/// [`limits::ID_MAX_CHARS`] ASCII letters, digits, `_` and `-`, starting with a letter or a
/// digit: a plan id becomes a file name (`<id>.json`), so it can never name a folder, a hidden
/// file, an option or a place outside the workspace.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".into());
    }
    if id.chars().count() > limits::ID_MAX_CHARS {
        return Some(format!("it is longer than {} characters", limits::ID_MAX_CHARS));
    }
    if let Some(c) = id.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-')) {
        return Some(format!("it holds {c:?}; an id holds only ASCII letters, digits, '_' and '-'"));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("it must start with a letter or a digit".into());
    }
    None
}

/// `text` cut to `max` characters with an ellipsis, for quoting user text in a message.
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

/// The plan file format version this build writes. Older versions are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// The three plan types of the product we model.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum PlanType {
    /// Voice calls and digital interactions.
    Default,
    /// Messaging.
    Message,
    /// Runs with no interaction present, after it has ended.
    Unattended,
}

impl PlanType {
    pub const ALL: [PlanType; 3] = [PlanType::Default, PlanType::Message, PlanType::Unattended];

    /// True for the plan types that handle a live interaction.
    pub fn is_live(self) -> bool {
        !matches!(self, PlanType::Unattended)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanType::Default => "Default",
            PlanType::Message => "Message",
            PlanType::Unattended => "Unattended",
        }
    }
}

impl std::fmt::Display for PlanType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The channel of a Default plan: voice calls or digital interactions.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Voice,
    Digital,
}

/// An interaction plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The JSON Schema an editor should use for this file, e.g. `plan.schema.json`.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// The plan file format version. See [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable id, unique in the workspace. Other plans refer to it. It names the plan's file.
    #[schemars(length(min = 1, max = limits::ID_MAX_CHARS), regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Display name.
    #[schemars(length(max = limits::NAME_MAX_CHARS))]
    pub name: String,
    #[serde(rename = "type")]
    pub plan_type: PlanType,
    /// Voice or digital; meaningful for Default plans only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The service name ("Service and visualisation" in the plan directory): the name the
    /// account's reports and the agents' desktop show for interactions of this plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(length(max = limits::NAME_MAX_CHARS))]
    pub service: String,
    /// The Transfer Manager (voice plans): the named numbers a call may be transferred to.
    /// Transfer Call's key options name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfer_numbers: Vec<TransferNumber>,
    /// The initial applet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Where a voice plan goes when the caller or agent hangs up during the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hangup_applet: Option<String>,
    /// The plan run when the interaction ends ("Set post interaction processing").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_interaction_route: Option<String>,
    /// Data sources the plan sets on the interactions it takes: the third level, after the
    /// destination's and the mapping's (the first level that sets a name wins).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub data_sources: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub applets: Vec<Applet>,
    #[serde(default)]
    pub connections: Vec<Connection>,
}

/// A number of the Transfer Manager: a name unique in the plan, and the number dialled.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferNumber {
    /// How Transfer Call's key options name it, e.g. `Sales`.
    #[schemars(length(min = 1, max = limits::NAME_MAX_CHARS))]
    pub name: String,
    /// The number dialled: an optional `+`, then 3 to 20 digits (E.164 has at most 15; internal
    /// extensions are shorter).
    #[schemars(regex(pattern = limits::TRANSFER_NUMBER_PATTERN))]
    pub number: String,
}

/// A position on the canvas, in canvas units.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

/// One applet of a plan. Its kind and typed properties are one value, [`AppletConfig`], so a
/// kind can never carry another kind's properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applet {
    /// Stable id, unique in the plan.
    #[schemars(length(min = 1, max = limits::ID_MAX_CHARS), regex(pattern = ID_PATTERN))]
    pub id: String,
    /// The applet's unique name as shown to users.
    #[schemars(length(max = limits::NAME_MAX_CHARS))]
    pub label: String,
    #[serde(default)]
    pub position: Position,
    #[serde(flatten)]
    pub config: AppletConfig,
}

impl Applet {
    pub fn kind(&self) -> AppletKind {
        self.config.kind()
    }
}

/// An exit of one applet wired to another applet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    pub from: String,
    pub exit: String,
    pub to: String,
}

impl Plan {
    /// A new, empty plan of the given type.
    pub fn new(id: impl Into<String>, name: impl Into<String>, plan_type: PlanType) -> Plan {
        Plan {
            json_schema: None,
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            name: name.into(),
            plan_type,
            channel: (plan_type == PlanType::Default).then_some(Channel::Voice),
            description: String::new(),
            service: String::new(),
            transfer_numbers: Vec::new(),
            start: None,
            hangup_applet: None,
            post_interaction_route: None,
            data_sources: Default::default(),
            applets: Vec::new(),
            connections: Vec::new(),
        }
    }

    pub fn applet(&self, id: &str) -> Option<&Applet> {
        self.applets.iter().find(|a| a.id == id)
    }

    pub fn applet_mut(&mut self, id: &str) -> Option<&mut Applet> {
        self.applets.iter_mut().find(|a| a.id == id)
    }

    /// Whether the plan handles voice calls: only those have a Transfer Manager.
    pub fn is_voice(&self) -> bool {
        self.plan_type == PlanType::Default && self.channel != Some(Channel::Digital)
    }

    pub fn transfer_number(&self, name: &str) -> Option<&TransferNumber> {
        self.transfer_numbers.iter().find(|t| t.name == name)
    }

    /// The applet an exit leads to, if it is connected.
    pub fn target_of(&self, from: &str, exit: &str) -> Option<&str> {
        self.connections
            .iter()
            .find(|c| c.from == from && c.exit == exit)
            .map(|c| c.to.as_str())
    }

    /// Puts applets and connections in canonical order (applets by id, connections by
    /// `(from, exit, to)`). Saving always does this, so files diff well.
    pub fn canonicalize(&mut self) {
        self.applets.sort_by(|a, b| a.id.cmp(&b.id));
        self.connections.sort();
    }

    /// An applet id not used in this plan, derived from `base` (`base`, `base_2`, …).
    /// Always a valid id ([`id_problem`]): at most [`limits::ID_MAX_CHARS`] characters, the
    /// base shortened to make room for the suffix.
    pub fn fresh_applet_id(&self, base: &str) -> String {
        let base: String = base
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .collect();
        let base = base.trim_start_matches('_');
        let base = if base.is_empty() { "applet" } else { base };
        fresh_id(base, '_', |id| self.applet(id).is_none())
    }
}

/// The first of `base`, `base<sep>2`, `base<sep>3`, … that `free` accepts, each cut to
/// [`limits::ID_MAX_CHARS`] (the base is shortened, the suffix kept). `base` is ASCII.
pub(crate) fn fresh_id(base: &str, sep: char, free: impl Fn(&str) -> bool) -> String {
    let fit = |suffix: &str| {
        let room = limits::ID_MAX_CHARS - suffix.len();
        let head = base[..base.len().min(room)].trim_end_matches(['_', '-']);
        format!("{head}{suffix}")
    };
    std::iter::once(fit(""))
        .chain((2u64..).map(|n| fit(&format!("{sep}{n}"))))
        .find(|id| free(id))
        .expect("an unbounded range always yields a free id")
}
