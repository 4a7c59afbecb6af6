//! Transport types: what crosses the IPC boundary between the desktop UI and the engine.
//!
//! Each type derives `ts_rs::TS`; `bindings::typescript()` writes them all to
//! `ui/src/ipc/bindings.ts`, and a test fails when the committed file has drifted. Engine
//! types stay free of TypeScript concerns: the conversions live here.

use planwright::catalog::{self, ExitSpec, Schedules};
use planwright::directory::PlanSummary;
pub use planwright::directory::RouteChoice;
use planwright::edit::Refusal;
use planwright::model::{self as m, AppletKind};
/// Engine types that cross the boundary as they are (their TypeScript is derived from them).
pub use planwright::document::EditOp;
pub use planwright::edit::{AppletMove, Clip};
pub use planwright_store::RunSummary;
pub use planwright::model::{Channel, Connection, PlanType, Position, TransferNumber};
pub use planwright::schedule::Period as SchedulePeriod;
pub use planwright::schedule_directory::ScheduleUser;
pub use planwright::Severity;
pub use planwright_sim::plan_test::ExitRef;
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

/// One line of the plan directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanListItem {
    pub id: String,
    pub name: String,
    pub plan_type: PlanType,
    pub channel: Option<Channel>,
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
    #[ts(type = "AppletKind")]
    pub kind: AppletKind,
    pub display_name: String,
    pub category: String,
    pub description: String,
    pub live_only: bool,
    pub plan_types: Vec<PlanType>,
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
                kind: info.kind,
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

/// An applet as the editor shows it: the file's fields plus what the engine derives (its
/// exits, in display order, and whether it needs a live interaction).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Applet {
    pub id: String,
    pub label: String,
    #[ts(type = "AppletKind")]
    pub kind: AppletKind,
    pub position: Position,
    #[ts(type = "Record<string, unknown>")]
    pub properties: serde_json::Value,
    /// Derived by the engine; ignored when the UI sends a clip.
    #[serde(default)]
    pub exits: Vec<String>,
    #[serde(default)]
    pub live_only: bool,
}

/// The plan's own fields, as the plan settings show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanSettings {
    pub name: String,
    pub channel: Option<Channel>,
    pub description: String,
    pub service: String,
    pub transfer_numbers: Vec<TransferNumber>,
    pub start: Option<String>,
    pub hangup_applet: Option<String>,
    pub post_interaction_route: Option<String>,
}

/// A plan as the editor shows it: its id and type, its own fields (the plan settings, flat in
/// JSON), its applets and connections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub id: String,
    pub plan_type: PlanType,
    #[serde(flatten)]
    #[ts(flatten)]
    pub settings: PlanSettings,
    pub applets: Vec<Applet>,
    pub connections: Vec<Connection>,
}

pub fn applet_view(a: &m::Applet, schedules: &Schedules) -> Applet {
    let properties = match serde_json::to_value(&a.config).expect("configs serialize") {
        serde_json::Value::Object(mut m) => m.remove("properties").unwrap_or_default(),
        _ => serde_json::Value::Null,
    };
    Applet {
        id: a.id.clone(),
        label: a.label.clone(),
        kind: a.kind(),
        position: a.position.into(),
        properties,
        exits: catalog::exits(&a.config, schedules),
        live_only: catalog::is_live_only(a.kind()),
    }
}

pub fn plan_settings(plan: &m::Plan) -> PlanSettings {
    PlanSettings {
        name: plan.name.clone(),
        channel: plan.channel.map(Into::into),
        description: plan.description.clone(),
        service: plan.service.clone(),
        transfer_numbers: plan.transfer_numbers.clone(),
        start: plan.start.clone(),
        hangup_applet: plan.hangup_applet.clone(),
        post_interaction_route: plan.post_interaction_route.clone(),
    }
}

pub fn plan_view(plan: &m::Plan, schedules: &Schedules) -> Plan {
    Plan {
        id: plan.id.clone(),
        plan_type: plan.plan_type.into(),
        settings: plan_settings(plan),
        applets: plan.applets.iter().map(|a| applet_view(a, schedules)).collect(),
        connections: plan.connections.iter().cloned().map(Into::into).collect(),
    }
}

/// One finding of validation, for the diagnostics panel and the canvas markers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: String,
    pub applet: Option<String>,
    pub exit: Option<String>,
    /// The property concerned (`url`, `rules[0].source`, `to[1]`), for inline form errors.
    pub field: Option<String>,
    /// The data source it is about (`data-source-unset`): where it is set and read is one
    /// click away.
    pub data_source: Option<String>,
    pub message: String,
    pub hint: String,
}

impl From<&planwright::Diagnostic> for Diagnostic {
    fn from(d: &planwright::Diagnostic) -> Diagnostic {
        Diagnostic {
            severity: d.severity,
            code: d.code.to_string(),
            applet: d.applet.clone(),
            exit: d.exit.clone(),
            field: d.field.clone(),
            data_source: d.data_source.clone(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
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

/// An open plan, whole: what `open_plan` gives once. After that the UI gets only
/// [`PlanChange`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Document {
    pub plan: Plan,
    /// The state the document is in; an edit names it as its base.
    pub revision: u64,
    /// The revision the file holds; `null` when no state of the document is on disk.
    pub saved_revision: Option<u64>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub stamp: FileStamp,
}

/// What an edit, an undo or a redo changed in an open plan: only what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanChange {
    /// The plan's id.
    pub plan: String,
    pub revision: u64,
    pub saved_revision: Option<u64>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Applets added, with their derived exits, in plan order.
    pub added: Vec<Applet>,
    /// Applets whose label, position or properties changed (exits derived again).
    pub changed: Vec<Applet>,
    /// Ids of the applets removed.
    pub removed: Vec<String>,
    pub connected: Vec<Connection>,
    pub disconnected: Vec<Connection>,
    /// The plan's own fields, when one of them changed.
    pub settings: Option<PlanSettings>,
    /// How the plan's diagnostics changed (empty when the op cannot change them, e.g. a move).
    /// A change list, not the whole list: the generated 2,000-applet plan has 2,065 findings
    /// (~0.5 MB of JSON), while an edit changes a handful.
    pub diagnostics: DiagnosticsChange,
    /// Ids the edit created (add, paste), for selection.
    pub created: Vec<String>,
    /// A sentence about a side effect, e.g. connections dropped with a removed rule.
    pub note: Option<String>,
}

/// Diagnostics that appeared and disappeared, as a multiset: remove one equal diagnostic per
/// entry of `removed`, then add `added`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct DiagnosticsChange {
    pub added: Vec<Diagnostic>,
    pub removed: Vec<Diagnostic>,
}

impl DiagnosticsChange {
    /// What differs between two lists of diagnostics, by value.
    pub fn between(old: &[Diagnostic], new: &[Diagnostic]) -> DiagnosticsChange {
        let mut count: std::collections::HashMap<&Diagnostic, usize> = std::collections::HashMap::new();
        for d in old {
            *count.entry(d).or_default() += 1;
        }
        let mut added = Vec::new();
        for d in new {
            match count.get_mut(d) {
                Some(n) if *n > 0 => *n -= 1,
                _ => added.push(d.clone()),
            }
        }
        let mut removed = Vec::new();
        for d in old {
            if let Some(n) = count.get_mut(d) {
                if *n > 0 {
                    *n -= 1;
                    removed.push(d.clone());
                }
            }
        }
        DiagnosticsChange { added, removed }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The "Set post interaction processing" control of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RouteControl {
    /// False when the control is unavailable; `reason` says why.
    pub enabled: bool,
    pub reason: Option<String>,
    pub options: Vec<RouteChoice>,
}

/// Account settings, kept in SQLite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountSettings {
    /// Whether post-interaction processing is provisioned for the account.
    pub post_interaction_provisioned: bool,
    /// "Allow Try it (network)": whether a Data Connector's Try it and a Send Email's Send
    /// test may reach the network. Off by default.
    pub allow_try_it: bool,
    /// The SMTP server for Send test.
    pub smtp: crate::try_it::SmtpSettings,
    /// The SQLite file the settings live in.
    pub store: String,
}

/// One of the account's configuration keys, as the window sees it: a secret key's value is
/// never sent back (`value` is none), only that it is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConfigKey {
    pub name: String,
    /// The value; none for a secret key.
    pub value: Option<String>,
    pub secret: bool,
}

/// What a change of the configuration keys gives back: the keys, and every open plan whose
/// diagnostics moved (a `#(Key)` now defined or no longer), as a [`PlanChange`] at the same
/// revision (a key is no edit of the plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConfigKeysChange {
    pub keys: Vec<ConfigKey>,
    pub plans: Vec<PlanChange>,
}

/// What saving a plan gives back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Saved {
    pub plan: String,
    /// The revision now on disk.
    pub saved_revision: u64,
    pub stamp: FileStamp,
    pub workspace: WorkspaceView,
    /// The version the save recorded; none when the file already held this content.
    pub version: Option<PlanVersion>,
    /// Why no version could be recorded (the store locked or full, say); the file is saved.
    pub version_problem: Option<ApiError>,
}

/// A recorded version of a plan (its text stays in the store).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanVersion {
    pub plan: String,
    /// 1, 2, 3… for each plan.
    pub number: u64,
    /// SHA-256 of the canonical text.
    pub hash: String,
    pub saved_at: String,
    /// `save`, `outside` (written by another program) or `restore`.
    pub source: String,
    pub message: String,
    pub bytes: u64,
}

/// One field that differs between two versions, its values as text (JSON for non-strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An applet present in both versions that differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppletChangeView {
    pub id: String,
    pub label: String,
    pub moved: bool,
    pub renamed_from: Option<String>,
    pub properties: Vec<FieldChange>,
}

/// The structural diff of two versions of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanDiffView {
    pub plan: String,
    /// What was compared, in words ("version 3", "the open document").
    pub from: String,
    pub to: String,
    /// Only positions and names differ: no interaction can behave differently.
    pub layout_only: bool,
    pub settings: Vec<FieldChange>,
    /// Applets only in the later version, by id.
    pub added: Vec<String>,
    pub changed: Vec<AppletChangeView>,
    /// Applets only in the earlier version, whole, to draw as ghosts.
    pub removed: Vec<Applet>,
    pub connections_added: Vec<Connection>,
    pub connections_removed: Vec<Connection>,
    /// The diff in lines, as the CLI prints it.
    pub lines: Vec<String>,
}

/// A plan file another program changed (or removed) while the plan is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExternalChange {
    pub plan: String,
    pub stamp: FileStamp,
}

/// What the workspace watcher saw on disk: the open plans whose files another program
/// changed, and whether other files of the workspace changed (the directory may be stale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiskChange {
    pub plans: Vec<ExternalChange>,
    pub workspace_changed: bool,
}

/// One plan test, run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TestCase {
    pub name: String,
    /// The plan the test enters.
    pub plan: String,
    pub file: String,
    pub passed: bool,
    /// The first unmet expectation, and what the run shows instead.
    pub expected: Option<String>,
    pub found: Option<String>,
    /// The step to look at, and the trace around it (one line per step).
    pub step: Option<u32>,
    pub trace: Vec<String>,
}

/// The plan tests that concern one plan (they enter it, or their runs reach it), run against
/// the plans as edited, and which of its exits no test takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TestReport {
    pub plan: String,
    /// The folder of the test files.
    pub folder: String,
    pub cases: Vec<TestCase>,
    /// Test files that could not be read.
    pub unreadable: Vec<ApiError>,
    pub exits_total: u64,
    pub exits_taken: u64,
    pub uncovered: Vec<ExitRef>,
}

/// Which stored runs to list; a field left empty matches every run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct RunQuery {
    pub plan: Option<String>,
    pub outcome: Option<String>,
    pub end_code: Option<String>,
    pub batch: Option<i64>,
    /// Only single simulations (no runs of a batch).
    pub single_only: bool,
    /// Simulated start from (included) and to (excluded): RFC 3339, or a date (`2026-03-02`,
    /// midnight UTC).
    pub start_from: Option<String>,
    pub start_to: Option<String>,
    /// At most this many, newest first (1 to 1,000).
    pub limit: u32,
}

/// One data source a field may name, and where it comes from: `builtin`, `scenario`,
/// `passed_in`, or the label of an applet upstream that sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DataSourceOffer {
    pub name: String,
    /// Where it comes from, as the list shows it: "built in", "from the scenario", "passed in",
    /// or "set by <applet>".
    pub origins: Vec<String>,
}

/// The operators of one data type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OperatorsOf {
    pub data_type: String,
    pub operators: Vec<String>,
}

/// The documented values of a data source (InteractionOutcome, Language).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ValuesOf {
    pub source: String,
    pub values: Vec<String>,
}

/// What an applet's property fields offer as the user types (`field_offers`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldOffers {
    pub data_sources: Vec<DataSourceOffer>,
    pub formatters: Vec<String>,
    pub values: Vec<ValuesOf>,
    pub operators: Vec<OperatorsOf>,
    /// The account's configuration keys, offered after `#(` (a secret one without its value).
    pub config_keys: Vec<ConfigKey>,
}

impl FieldOffers {
    pub fn new(offers: Vec<planwright::offers::DataSourceOffer>, config_keys: Vec<ConfigKey>) -> FieldOffers {
        use planwright::offers::{self as o, Origin};
        let origin = |x: &Origin| match x {
            Origin::Builtin => "built in".to_string(),
            Origin::SetBy(label) => format!("set by {label}"),
            Origin::PassedIn => "passed in".to_string(),
            Origin::Scenario => "from the scenario".to_string(),
        };
        let data_types = [m::DataType::Text, m::DataType::Number, m::DataType::DateTime];
        FieldOffers {
            data_sources: offers.into_iter().map(|d| DataSourceOffer { origins: d.origins.iter().map(origin).collect(), name: d.name }).collect(),
            formatters: o::formatters().iter().map(|s| s.to_string()).collect(),
            values: ["InteractionOutcome", "Language"].iter().map(|s| ValuesOf { source: s.to_string(), values: o::values_of(s).iter().map(|v| v.to_string()).collect() }).collect(),
            operators: data_types
                .into_iter()
                .map(|t| OperatorsOf { data_type: format!("{t:?}"), operators: o::operators_of(t).iter().map(|op| format!("{op:?}")).collect() })
                .collect(),
            config_keys,
        }
    }
}

/// One weekday's periods (`day` is `Mon` … `Sun`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleDay {
    pub day: String,
    pub periods: Vec<SchedulePeriod>,
}

/// A dated override: a whole-day `status`, or `periods` (the default status outside them).
/// `date` is `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleHoliday {
    pub date: String,
    pub name: String,
    pub status: Option<String>,
    pub periods: Vec<SchedulePeriod>,
}

/// A schedule as the schedule editor edits it. `week` always lists the seven days, Monday
/// first; the file keeps only days with periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Schedule {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    pub default_status: String,
    pub custom_statuses: Vec<String>,
    pub week: Vec<ScheduleDay>,
    pub holidays: Vec<ScheduleHoliday>,
}

/// A problem of a schedule, for the form: a stable code, the JSON path of the field
/// (`week.Tue[1].end`, `holidays[0]`), and the sentence naming the field as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleFinding {
    pub code: String,
    pub path: String,
    pub message: String,
}

impl From<&planwright::schedule::ScheduleProblem> for ScheduleFinding {
    fn from(p: &planwright::schedule::ScheduleProblem) -> ScheduleFinding {
        ScheduleFinding { code: p.code().to_string(), path: p.path(), message: p.to_string() }
    }
}

/// A schedule in the editor: the schedule, its file, the statuses (the exits of its
/// routers), its findings and the routers that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleView {
    pub schedule: Schedule,
    pub file: String,
    pub statuses: Vec<String>,
    pub findings: Vec<ScheduleFinding>,
    pub users: Vec<ScheduleUser>,
}

/// What a change to the schedules gives back: the schedule as saved (none after a delete),
/// the workspace, and how each open plan changed (the exits of its Schedule Routers, its
/// diagnostics), to apply like an edit's change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SchedulesChange {
    pub schedule: Option<ScheduleView>,
    pub workspace: WorkspaceView,
    pub plans: Vec<PlanChange>,
}

impl From<&planwright::schedule::Schedule> for Schedule {
    fn from(s: &planwright::schedule::Schedule) -> Schedule {
        use planwright::schedule::DayName;
        Schedule {
            id: s.id.clone(),
            name: s.name.clone(),
            time_zone: s.time_zone.clone(),
            default_status: s.default_status.clone(),
            custom_statuses: s.custom_statuses.clone(),
            week: DayName::ALL
                .iter()
                .map(|d| ScheduleDay { day: format!("{d:?}"), periods: s.week.get(d).map(|ps| ps.iter().cloned().collect()).unwrap_or_default() })
                .collect(),
            holidays: s
                .holidays
                .iter()
                .map(|h| ScheduleHoliday { date: h.date.to_string(), name: h.name.clone(), status: h.status.clone(), periods: h.periods.iter().cloned().collect() })
                .collect(),
        }
    }
}

impl Schedule {
    /// The engine's schedule, or the findings of what cannot become one: a day that is not
    /// `Mon` … `Sun`, a holiday date that is not `YYYY-MM-DD`.
    pub fn to_engine(&self) -> Result<planwright::schedule::Schedule, Vec<ScheduleFinding>> {
        use planwright::schedule::DayName;
        let mut findings = Vec::new();
        let mut out = planwright::schedule::Schedule::new(self.id.clone(), self.name.clone(), self.time_zone.clone(), self.default_status.clone());
        out.custom_statuses = self.custom_statuses.clone();
        for (i, d) in self.week.iter().enumerate() {
            match DayName::ALL.iter().find(|n| format!("{n:?}") == d.day) {
                Some(day) if !d.periods.is_empty() => {
                    out.week.entry(*day).or_default().extend(d.periods.iter().cloned());
                }
                Some(_) => {}
                None => findings.push(ScheduleFinding {
                    code: "schedule-day-unknown".into(),
                    path: format!("week[{i}]"),
                    message: format!("Day '{}' · is not Mon, Tue, Wed, Thu, Fri, Sat or Sun", m::shorten(&d.day, 20)),
                }),
            }
        }
        for (i, h) in self.holidays.iter().enumerate() {
            match chrono::NaiveDate::parse_from_str(&h.date, "%Y-%m-%d") {
                Ok(date) => out.holidays.push(planwright::schedule::Holiday { date, name: h.name.clone(), status: h.status.clone(), periods: h.periods.iter().cloned().collect() }),
                Err(_) => findings.push(ScheduleFinding {
                    code: "schedule-holiday-date-invalid".into(),
                    path: format!("holidays[{i}].date"),
                    message: format!("Holiday '{}' · date '{}' is not a date (YYYY-MM-DD)", h.name, m::shorten(&h.date, 20)),
                }),
            }
        }
        if findings.is_empty() {
            Ok(out)
        } else {
            Err(findings)
        }
    }
}
