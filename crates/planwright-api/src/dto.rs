//! Transport types: what crosses the IPC boundary between the desktop UI and the engine.
//!
//! Each type derives `ts_rs::TS`; `bindings::typescript()` writes them all to
//! `ui/src/ipc/bindings.ts`, and a test fails when the committed file has drifted. Engine
//! types stay free of TypeScript concerns: the conversions live here.

use planwright::catalog::{self, ExitSpec, Schedules};
use planwright::directory::{PlanSummary, RouteChoice};
use planwright::edit::Refusal;
use planwright::model::{Applet, AppletConfig, Channel, Connection, Plan, PlanType, Position};
use planwright::Diagnostic;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every error reaching the UI: a stable code the UI may branch on, and a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> ApiError {
        ApiError { code: code.to_string(), message: message.into() }
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        ApiError { code: r.code.to_string(), message: r.message }
    }
}

impl From<planwright::Error> for ApiError {
    fn from(e: planwright::Error) -> ApiError {
        ApiError { code: e.code().to_string(), message: e.to_string() }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum PlanKind {
    Default,
    Message,
    Unattended,
}

impl From<PlanType> for PlanKind {
    fn from(t: PlanType) -> PlanKind {
        match t {
            PlanType::Default => PlanKind::Default,
            PlanType::Message => PlanKind::Message,
            PlanType::Unattended => PlanKind::Unattended,
        }
    }
}

impl From<PlanKind> for PlanType {
    fn from(t: PlanKind) -> PlanType {
        match t {
            PlanKind::Default => PlanType::Default,
            PlanKind::Message => PlanType::Message,
            PlanKind::Unattended => PlanType::Unattended,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Voice,
    Digital,
}

impl From<Channel> for ChannelKind {
    fn from(c: Channel) -> ChannelKind {
        match c {
            Channel::Voice => ChannelKind::Voice,
            Channel::Digital => ChannelKind::Digital,
        }
    }
}

impl From<ChannelKind> for Channel {
    fn from(c: ChannelKind) -> Channel {
        match c {
            ChannelKind::Voice => Channel::Voice,
            ChannelKind::Digital => Channel::Digital,
        }
    }
}

/// One line of the plan directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanListItem {
    pub id: String,
    pub name: String,
    pub plan_type: PlanKind,
    pub channel: Option<ChannelKind>,
    pub applet_count: u32,
    pub post_interaction_route: Option<String>,
    pub file: String,
}

impl From<PlanSummary> for PlanListItem {
    fn from(s: PlanSummary) -> PlanListItem {
        PlanListItem {
            id: s.id,
            name: s.name,
            plan_type: s.plan_type.into(),
            channel: s.channel.map(Into::into),
            applet_count: s.applet_count as u32,
            post_interaction_route: s.post_interaction_route,
            file: s.path.display().to_string(),
        }
    }
}

/// A file of the workspace that could not be loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FileProblem {
    pub file: Option<String>,
    pub code: String,
    pub message: String,
}

/// A schedule of the workspace, for the Schedule Router's picker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScheduleItem {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    /// The statuses it can return: the Schedule Router's exits.
    pub statuses: Vec<String>,
}

impl From<&planwright::schedule::Schedule> for ScheduleItem {
    fn from(s: &planwright::schedule::Schedule) -> ScheduleItem {
        ScheduleItem { id: s.id.clone(), name: s.name.clone(), time_zone: s.time_zone.clone(), statuses: s.statuses() }
    }
}

/// The open workspace: its folder, plans, schedules and unreadable files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceView {
    pub root: String,
    pub plans: Vec<PlanListItem>,
    pub schedules: Vec<ScheduleItem>,
    pub problems: Vec<FileProblem>,
}

/// One applet kind of the catalog, for the palette and the property forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogEntry {
    pub kind: String,
    pub display_name: String,
    pub category: String,
    pub description: String,
    pub live_only: bool,
    pub plan_types: Vec<PlanKind>,
    /// Exits every applet of the kind has.
    pub fixed_exits: Vec<String>,
    /// How the other exits are derived from the properties, when they are.
    pub derived_exits: Option<String>,
    /// The JSON Schema of the kind's properties (schemars).
    #[ts(type = "Record<string, unknown>")]
    pub schema: serde_json::Value,
    /// The properties of a new applet of this kind.
    #[ts(type = "Record<string, unknown>")]
    pub defaults: serde_json::Value,
}

pub fn catalog_entries() -> Vec<CatalogEntry> {
    catalog::all()
        .into_iter()
        .map(|info| {
            let (fixed_exits, derived_exits) = match &info.exits {
                ExitSpec::Fixed { exits } => (exits.iter().map(|e| e.to_string()).collect(), None),
                ExitSpec::Derived { from, then } => (then.iter().map(|e| e.to_string()).collect(), Some(from.to_string())),
                ExitSpec::None => (Vec::new(), None),
            };
            let defaults = match serde_json::to_value(info.kind.default_config()).expect("configs serialize") {
                serde_json::Value::Object(mut m) => m.remove("properties").unwrap_or_default(),
                _ => serde_json::Value::Null,
            };
            CatalogEntry {
                kind: info.kind.as_str().to_string(),
                display_name: info.display_name.to_string(),
                category: format!("{:?}", info.category),
                description: info.description.to_string(),
                live_only: info.live_only,
                plan_types: info.plan_types.iter().map(|t| (*t).into()).collect(),
                fixed_exits,
                derived_exits,
                schema: serde_json::to_value(info.kind.properties_schema()).expect("schemas serialize"),
                defaults,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl From<Position> for Point {
    fn from(p: Position) -> Point {
        Point { x: p.x, y: p.y }
    }
}

impl From<Point> for Position {
    fn from(p: Point) -> Position {
        Position { x: p.x, y: p.y }
    }
}

/// An applet as the editor shows it: the file's fields plus what the engine derives (its
/// exits, in display order, and whether it needs a live interaction).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppletView {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub position: Point,
    #[ts(type = "Record<string, unknown>")]
    pub properties: serde_json::Value,
    /// Derived by the engine; ignored when the UI sends a plan back.
    #[serde(default)]
    pub exits: Vec<String>,
    #[serde(default)]
    pub live_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Link {
    pub from: String,
    pub exit: String,
    pub to: String,
}

impl From<Connection> for Link {
    fn from(c: Connection) -> Link {
        Link { from: c.from, exit: c.exit, to: c.to }
    }
}

impl From<Link> for Connection {
    fn from(l: Link) -> Connection {
        Connection { from: l.from, exit: l.exit, to: l.to }
    }
}

/// A plan as the editor holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanView {
    pub id: String,
    pub name: String,
    pub plan_type: PlanKind,
    pub channel: Option<ChannelKind>,
    pub description: String,
    pub start: Option<String>,
    pub hangup_applet: Option<String>,
    pub post_interaction_route: Option<String>,
    pub applets: Vec<AppletView>,
    pub connections: Vec<Link>,
}

pub fn applet_view(a: &Applet, schedules: &Schedules) -> AppletView {
    let properties = match serde_json::to_value(&a.config).expect("configs serialize") {
        serde_json::Value::Object(mut m) => m.remove("properties").unwrap_or_default(),
        _ => serde_json::Value::Null,
    };
    AppletView {
        id: a.id.clone(),
        label: a.label.clone(),
        kind: a.kind().as_str().to_string(),
        position: a.position.into(),
        properties,
        exits: catalog::exits(&a.config, schedules),
        live_only: catalog::is_live_only(a.kind()),
    }
}

pub fn plan_view(plan: &Plan, schedules: &Schedules) -> PlanView {
    PlanView {
        id: plan.id.clone(),
        name: plan.name.clone(),
        plan_type: plan.plan_type.into(),
        channel: plan.channel.map(Into::into),
        description: plan.description.clone(),
        start: plan.start.clone(),
        hangup_applet: plan.hangup_applet.clone(),
        post_interaction_route: plan.post_interaction_route.clone(),
        applets: plan.applets.iter().map(|a| applet_view(a, schedules)).collect(),
        connections: plan.connections.iter().cloned().map(Into::into).collect(),
    }
}

pub fn applet_from_view(a: &AppletView) -> ApiResult<Applet> {
    let tagged = serde_json::json!({ "kind": a.kind, "properties": a.properties });
    let config: AppletConfig = serde_json::from_value(tagged)
        .map_err(|e| ApiError::new("property-malformed", format!("applet '{}': {e}", a.label)))?;
    Ok(Applet { id: a.id.clone(), label: a.label.clone(), position: a.position.into(), config })
}

/// The engine's plan of what the UI holds.
pub fn plan_from_view(v: &PlanView) -> ApiResult<Plan> {
    Ok(Plan {
        channel: v.channel.map(Into::into),
        description: v.description.clone(),
        start: v.start.clone(),
        hangup_applet: v.hangup_applet.clone(),
        post_interaction_route: v.post_interaction_route.clone(),
        applets: v.applets.iter().map(applet_from_view).collect::<ApiResult<_>>()?,
        connections: v.connections.iter().cloned().map(Into::into).collect(),
        ..Plan::new(v.id.clone(), v.name.clone(), v.plan_type.into())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SeverityLevel {
    Error,
    Warning,
    Info,
}

/// One finding of validation, for the diagnostics panel and the canvas markers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub severity: SeverityLevel,
    pub code: String,
    pub applet: Option<String>,
    pub exit: Option<String>,
    /// The property concerned (`url`, `rules[0].source`, `to[1]`), for inline form errors.
    pub field: Option<String>,
    pub message: String,
    pub hint: String,
}

impl From<Diagnostic> for Finding {
    fn from(d: Diagnostic) -> Finding {
        Finding {
            severity: match d.severity {
                planwright::Severity::Error => SeverityLevel::Error,
                planwright::Severity::Warning => SeverityLevel::Warning,
                planwright::Severity::Info => SeverityLevel::Info,
            },
            code: d.code.to_string(),
            applet: d.applet,
            exit: d.exit,
            field: d.field,
            message: d.message,
            hint: d.hint,
        }
    }
}

/// The state of an edited plan after an edit: the plan as the engine sees it, its
/// diagnostics, and what else the edit did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocState {
    pub plan: PlanView,
    pub findings: Vec<Finding>,
    /// Ids the edit created (add, paste), for selection.
    pub created: Vec<String>,
    /// A sentence about a side effect, e.g. connections dropped with a removed rule.
    pub note: Option<String>,
}

/// When and how big a plan file was when it was read or written: a change means another
/// program wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileStamp {
    pub file: String,
    pub exists: bool,
    /// Modification time in nanoseconds since the epoch, as a decimal string.
    pub modified: String,
    pub len: String,
}

/// A plan opened in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenedPlan {
    pub doc: DocState,
    pub stamp: FileStamp,
}

/// One move of an applet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppletMove {
    pub id: String,
    pub position: Point,
}

/// Applets and their inner connections, as copied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Clip {
    pub applets: Vec<AppletView>,
    pub connections: Vec<Link>,
}

/// Every edit the editor can make to a plan. The engine applies it or refuses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum EditOp {
    AddApplet { kind: String, position: Point },
    Connect { from: String, exit: String, to: String },
    Disconnect { from: String, exit: String },
    Delete { ids: Vec<String> },
    Move { moves: Vec<AppletMove> },
    SetProperties {
        id: String,
        #[ts(type = "Record<string, unknown>")]
        properties: serde_json::Value,
    },
    Rename { id: String, label: String },
    SetStart { id: String },
    SetHangup { id: Option<String> },
    Paste { clip: Clip, offset: Point },
    SetRoute { route: Option<String> },
    SetDescription { description: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RouteOption {
    pub id: String,
    pub name: String,
    pub plan_type: PlanKind,
    pub recommended: bool,
}

impl From<RouteChoice> for RouteOption {
    fn from(r: RouteChoice) -> RouteOption {
        RouteOption { id: r.id, name: r.name, plan_type: r.plan_type.into(), recommended: r.recommended }
    }
}

/// The "Set post interaction processing" control of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RouteControl {
    /// False when the control is unavailable; `reason` says why.
    pub enabled: bool,
    pub reason: Option<String>,
    pub options: Vec<RouteOption>,
}

/// Account settings, kept in SQLite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountSettings {
    /// Whether post-interaction processing is provisioned for the account.
    pub post_interaction_provisioned: bool,
    /// The SQLite file the settings live in.
    pub store: String,
}

/// What saving a plan gives back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Saved {
    pub stamp: FileStamp,
    pub workspace: WorkspaceView,
}
