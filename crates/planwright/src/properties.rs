//! Typed properties of every applet kind.
//!
//! [`AppletConfig`] pairs an applet's kind with its properties. In a plan file it appears as
//! two keys of the applet object: `"kind": "DataRouter"` and `"properties": {…}`. Every
//! properties struct has defaults for every field, so a half-configured applet still loads;
//! validation reports what is missing. Unknown property names are refused, so a misspelt
//! field is never silently dropped on the next save.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! applet_kinds {
    ($( $(#[$doc:meta])* $kind:ident($props:ty) ),* $(,)?) => {
        /// The kind of an applet, without its properties.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum AppletKind { $( $(#[$doc])* $kind ),* }

        impl AppletKind {
            /// Every kind, in catalog order.
            pub const ALL: &'static [AppletKind] = &[ $( AppletKind::$kind ),* ];

            /// The name used in plan files.
            pub fn as_str(self) -> &'static str {
                match self { $( AppletKind::$kind => stringify!($kind) ),* }
            }

            pub fn from_name(name: &str) -> Option<AppletKind> {
                match name { $( stringify!($kind) => Some(AppletKind::$kind), )* _ => None }
            }

            /// The default configuration of a new applet of this kind.
            pub fn default_config(self) -> AppletConfig {
                match self { $( AppletKind::$kind => AppletConfig::$kind(<$props>::default()) ),* }
            }

            /// The JSON Schema of this kind's properties. Each object schema also carries
            /// `x-order`, its fields in declaration order, so forms can show them in a
            /// meaningful order (JSON objects themselves are written with sorted keys).
            pub fn properties_schema(self) -> schemars::Schema {
                let (mut schema, order) = match self {
                    $( AppletKind::$kind => (schemars::schema_for!($props), field_order::<$props>()) ),*
                };
                add_field_order(&mut schema, order);
                schema
            }
        }

        /// An applet's kind together with its typed properties.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "kind", content = "properties")]
        pub enum AppletConfig { $( $(#[$doc])* $kind($props) ),* }

        impl AppletConfig {
            pub fn kind(&self) -> AppletKind {
                match self { $( AppletConfig::$kind(_) => AppletKind::$kind ),* }
            }
        }
    };
}

applet_kinds! {
    /// Calls an external system (REST web service or Salesforce).
    DataConnector(DataConnectorProps),
    /// Ordered rules; the first match wins, else the default exit.
    DataRouter(DataRouterProps),
    /// Sets data sources from literal text with `$(…)` placeholders.
    SetDataSource(SetDataSourceProps),
    /// Continues in another interaction plan.
    RouteToPlan(RouteToPlanProps),
    /// Routes by the service status of a schedule.
    ScheduleRouter(ScheduleRouterProps),
    /// Counts passes through it, and leaves by another exit after the maximum.
    LoopCounter(LoopCounterProps),
    /// Waits for a duration.
    Pause(PauseProps),
    /// Sends an email built from data sources.
    SendEmail(SendEmailProps),
    /// Queues a voice call to agents.
    Acd(QueueProps),
    /// Queues a digital interaction to agents.
    Ucd(QueueProps),
    /// Plays a recording or text to speech to the caller.
    Announcer(AnnouncerProps),
    /// Collects a digit string from the caller into `IVRSlot|Name`.
    CollectDigits(CollectDigitsProps),
    /// The caller keys a number that leads to an exit.
    TransferCall(TransferCallProps),
    /// Records a voicemail.
    TakeMessage(TakeMessageProps),
    /// Sends an SMS to the interaction's party.
    SendSms(SendSmsProps),
}

/// The field names of a properties struct in declaration order, read from its derived
/// `Deserialize` (which names its fields when it asks for a struct).
fn field_order<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    struct Names(&'static [&'static str]);
    impl<'de> de::Deserializer<'de> for &mut Names {
        type Error = de::value::Error;
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields;
            Err(de::Error::custom("field names read"))
        }
        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut names = Names(&[]);
    let _ = T::deserialize(&mut names);
    names.0
}

/// Adds `x-order` to the root schema and to the definitions of the nested row types, and to
/// each of their fields the label forms show: `title` ([`property_label`]) and, for a list,
/// `x-row-title`, what one of its rows is called (`rules` → `Rule`). The window reads both
/// from the schema and never derives a label itself.
fn add_field_order(schema: &mut schemars::Schema, root: &'static [&'static str]) {
    fn titles(object: &mut serde_json::Map<String, serde_json::Value>) {
        let Some(props) = object.get_mut("properties").and_then(serde_json::Value::as_object_mut) else { return };
        for (name, field) in props.iter_mut() {
            let Some(field) = field.as_object_mut() else { continue };
            let label = property_label(name);
            let is_list = field.get("type").is_some_and(|t| t == "array" || t.as_array().is_some_and(|a| a.iter().any(|x| x == "array")));
            if is_list {
                field.insert("x-row-title".into(), label.strip_suffix('s').unwrap_or(&label).into());
            }
            field.insert("title".into(), label.into());
        }
    }
    titles(schema.as_object_mut().expect("a properties schema is an object"));
    if let Some(defs) = schema.get_mut("$defs").and_then(serde_json::Value::as_object_mut) {
        for def in defs.values_mut().filter_map(serde_json::Value::as_object_mut) {
            titles(def);
        }
    }
    let nested: [(&str, &'static [&'static str]); 5] = [
        ("Header", field_order::<Header>()),
        ("FieldMapping", field_order::<FieldMapping>()),
        ("RouterRule", field_order::<RouterRule>()),
        ("Assignment", field_order::<Assignment>()),
        ("TransferOption", field_order::<TransferOption>()),
    ];
    schema.insert("x-order".into(), root.into());
    if let Some(defs) = schema.get_mut("$defs").and_then(serde_json::Value::as_object_mut) {
        for (name, order) in nested {
            if let Some(def) = defs.get_mut(name).and_then(serde_json::Value::as_object_mut) {
                def.insert("x-order".into(), order.into());
            }
        }
    }
}

/// The limits of applet properties, spelt once. The properties structs below carry them into
/// their JSON Schemas (`minimum`, `maximum`, `maxLength`, `maxItems`, `pattern`), which the UI's
/// forms read, and validation checks them from here.
/// A property's name as the Applet Manager shows it: `timeout_seconds` → `Timeout seconds`,
/// `url` → `URL`. Forms read it as each field's `title` in the properties schema.
pub fn property_label(name: &str) -> String {
    if let Some(upper) = ["url", "clid", "id"].iter().find(|a| **a == name) {
        return upper.to_ascii_uppercase();
    }
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A finding's field path as the form shows it: `rules[0].source` → `Rule 1 · Source`,
/// `to[1]` → `To · line 2`, `timeout_seconds` → `Timeout seconds`. A row of a table is the
/// table's name in the singular and its number from 1; a line of a list field is its line.
pub fn field_label(path: &str) -> String {
    let (head, rest) = path.split_once('[').map_or((path, None), |(h, r)| (h, Some(r)));
    let Some(rest) = rest else { return property_label(head) };
    let (index, then) = rest.split_once(']').unwrap_or((rest, ""));
    let n = index.parse::<usize>().map(|i| i + 1).unwrap_or(0);
    match then.strip_prefix('.') {
        Some(field) => {
            let table = property_label(head);
            let one = table.strip_suffix('s').unwrap_or(&table);
            format!("{one} {n} · {}", property_label(field))
        }
        None => format!("{} · line {n}", property_label(head)),
    }
}

pub mod limits {
    /// An inclusive range of whole numbers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Bounds<T> {
        pub min: T,
        pub max: T,
    }

    impl<T: PartialOrd> Bounds<T> {
        pub fn contains(&self, value: T) -> bool {
            self.min <= value && value <= self.max
        }
    }

    /// Data Connector: how long it tries before Interface Failure, in seconds.
    pub const CONNECTOR_TIMEOUT_SECONDS: Bounds<u32> = Bounds { min: 1, max: 10 };
    /// Data Router: more rules than this is discouraged (a warning, not a limit).
    pub const ROUTER_RULES_RECOMMENDED_MAX: usize = 50;
    /// Set Data Source: the longest data source name, in characters.
    pub const DATA_SOURCE_NAME_MAX_CHARS: usize = 255;
    /// Plans and applets: the longest name (an applet's name is its label), in characters.
    pub const NAME_MAX_CHARS: usize = 255;
    /// Plan, applet and schedule ids: the longest, in characters (see `model::id_problem`).
    pub const ID_MAX_CHARS: usize = 64;
    /// Loop Counter: the maximum number of passes.
    pub const LOOP_MAX_RUNS: Bounds<u32> = Bounds { min: 1, max: 10 };
    /// Pause: the duration, in seconds (1 second to 30 days).
    pub const PAUSE_SECONDS: Bounds<u64> = Bounds { min: 1, max: 30 * 86_400 };
    /// ACD and UCD: maximum time in queue and maximum estimated wait, in seconds.
    pub const QUEUE_SECONDS: Bounds<u32> = Bounds { min: 1, max: 86_400 };
    /// ACD and UCD: maximum queue length.
    pub const QUEUE_LENGTH: Bounds<u32> = Bounds { min: 1, max: 10_000 };
    /// Announcer: the longest text to speech, in characters.
    pub const SPEECH_MAX_CHARS: usize = 1500;
    /// IVR Collect Digit String: how many digits it collects.
    pub const DIGITS: Bounds<u32> = Bounds { min: 1, max: 32 };
    /// IVR Collect Digit String and Transfer Call: how many times no input is counted.
    pub const NO_INPUT_MAX: Bounds<u32> = Bounds { min: 1, max: 10 };
    /// Take Message: the longest recording, in seconds.
    pub const MESSAGE_SECONDS: Bounds<u32> = Bounds { min: 1, max: 600 };
    /// Transfer Call: an option's key is one of 0-9, * or #.
    pub const TRANSFER_KEY_PATTERN: &str = "^[0-9*#]$";
    /// Send SMS: a sender is at most this many characters, or [`SMS_SENDER_MAX_DIGITS`] digits.
    pub const SMS_SENDER_MAX_CHARS: usize = 11;
    pub const SMS_SENDER_MAX_DIGITS: usize = 20;
    /// Send SMS: how many recipients.
    pub const SMS_RECIPIENTS: Bounds<usize> = Bounds { min: 1, max: 100 };

    /// A Transfer Manager number: an optional `+`, then 3 to 20 digits.
    pub const TRANSFER_NUMBER_PATTERN: &str = "^\\+?[0-9]{3,20}$";

    /// Whether a Transfer Manager number is well formed ([`TRANSFER_NUMBER_PATTERN`]).
    pub fn is_transfer_number(number: &str) -> bool {
        let digits = number.strip_prefix('+').unwrap_or(number);
        (3..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether a Transfer Call key is allowed ([`TRANSFER_KEY_PATTERN`]).
    pub fn is_transfer_key(key: &str) -> bool {
        key.len() == 1 && key.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#')
    }

    /// Whether a Send SMS sender is allowed ([`sms_sender_pattern`]).
    pub fn is_sms_sender(from: &str) -> bool {
        let digits = from.chars().all(|c| c.is_ascii_digit());
        !from.is_empty()
            && if digits { from.len() <= SMS_SENDER_MAX_DIGITS } else { from.chars().count() <= SMS_SENDER_MAX_CHARS }
    }

    /// The JSON Schema pattern of a Send SMS sender: digits, or any short text.
    pub fn sms_sender_pattern() -> String {
        format!("^(?:[0-9]{{1,{SMS_SENDER_MAX_DIGITS}}}|[\\s\\S]{{1,{SMS_SENDER_MAX_CHARS}}})$")
    }
}

use limits as lim;

impl std::fmt::Display for AppletKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Unattended applets

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum Interface {
    /// A REST web service: an HTTP error status is not an interface failure.
    #[default]
    WebService,
    /// Salesforce: an HTTP error or a bad query is an interface failure.
    Salesforce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    #[default]
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum ResponseType {
    #[default]
    Json,
    Xml,
}

/// The data type of a router rule or a connector field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum DataType {
    #[default]
    Text,
    Number,
    /// ISO-8601 date or date-time. Planwright extension.
    DateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// Maps one field of a connector response into a data source.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FieldMapping {
    /// A JSON locator such as `data.contacts[0].name`, or an XML path.
    pub locator: String,
    /// The data source that receives the value (null when the locator is missing).
    #[schemars(extend("x-data-source" = "write"))]
    pub destination: String,
    pub data_type: DataType,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DataConnectorProps {
    pub interface: Interface,
    pub method: HttpMethod,
    /// The request URL; may hold `$(DataSource)` and `#(ConfigKey)` placeholders.
    pub url: String,
    pub headers: Vec<Header>,
    /// The request body template.
    pub body: String,
    pub response_type: ResponseType,
    /// The data source that receives the HTTP status code.
    #[schemars(extend("x-data-source" = "write"))]
    pub response_code_destination: String,
    pub fields: Vec<FieldMapping>,
    /// How long the connector tries before Interface Failure, 1 to 10 seconds.
    #[schemars(range(min = lim::CONNECTOR_TIMEOUT_SECONDS.min, max = lim::CONNECTOR_TIMEOUT_SECONDS.max))]
    pub timeout_seconds: u32,
}

impl Default for DataConnectorProps {
    fn default() -> Self {
        DataConnectorProps {
            interface: Interface::WebService,
            method: HttpMethod::Get,
            url: String::new(),
            headers: Vec::new(),
            body: String::new(),
            response_type: ResponseType::Json,
            response_code_destination: String::new(),
            fields: Vec::new(),
            timeout_seconds: 10,
        }
    }
}

/// A Data Router operator. Which operators apply depends on the rule's [`DataType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum Operator {
    #[default]
    Equals,
    NotEquals,
    Contains,
    DoesNotContain,
    StartsWith,
    IsNull,
    IsNotNull,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    /// Date and time, Planwright extension.
    Before,
    /// Date and time, Planwright extension.
    After,
}

impl Operator {
    pub const ALL: [Operator; 13] = [
        Operator::Equals,
        Operator::NotEquals,
        Operator::Contains,
        Operator::DoesNotContain,
        Operator::StartsWith,
        Operator::IsNull,
        Operator::IsNotNull,
        Operator::GreaterThan,
        Operator::GreaterThanOrEqual,
        Operator::LessThan,
        Operator::LessThanOrEqual,
        Operator::Before,
        Operator::After,
    ];

    /// Whether this operator may be used on a rule of the given data type.
    pub fn applies_to(self, data_type: DataType) -> bool {
        use Operator::*;
        match self {
            Equals | NotEquals | IsNull | IsNotNull => true,
            Contains | DoesNotContain | StartsWith => data_type == DataType::Text,
            GreaterThan | GreaterThanOrEqual | LessThan | LessThanOrEqual => data_type == DataType::Number,
            Before | After => data_type == DataType::DateTime,
        }
    }

    /// Whether the operator compares against a value (Is null and Is not null do not).
    pub fn takes_value(self) -> bool {
        !matches!(self, Operator::IsNull | Operator::IsNotNull)
    }
}

/// One Data Router rule: one data source, one operator, one value, one exit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RouterRule {
    /// The exit this rule leads to; unique in the router.
    pub exit: String,
    /// The data source compared.
    #[schemars(extend("x-data-source" = "read"))]
    pub source: String,
    pub data_type: DataType,
    #[schemars(extend("x-operators-of" = "data_type"))]
    pub operator: Operator,
    #[schemars(extend("x-values-of" = "source"))]
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DataRouterProps {
    /// Evaluated in order; the first match wins. More than 50 is discouraged.
    pub rules: Vec<RouterRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Assignment {
    /// The data source set, at most 255 characters.
    #[schemars(length(max = lim::DATA_SOURCE_NAME_MAX_CHARS), extend("x-data-source" = "write"))]
    pub name: String,
    /// Literal text with `$(Other)` placeholders, read before this applet runs.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SetDataSourceProps {
    pub assignments: Vec<Assignment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RouteToPlanProps {
    /// The target plan's id. Either this or `plan_source` is set.
    #[schemars(extend("x-choices" = "plans"))]
    pub plan: String,
    /// A data source holding the target plan's id, read at run time.
    #[schemars(extend("x-data-source" = "read"))]
    pub plan_source: String,
    /// An applet of the target plan to start at; empty means its initial applet.
    pub applet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleRouterProps {
    /// The id of a schedule of the workspace.
    #[schemars(extend("x-choices" = "schedules"))]
    pub schedule: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LoopCounterProps {
    /// 1 to 10. Passes 1..=max take Next Applet; pass max+1 takes the after-maximum exit and
    /// the count starts again from 0.
    #[schemars(range(min = lim::LOOP_MAX_RUNS.min, max = lim::LOOP_MAX_RUNS.max))]
    pub max_runs: u32,
}

impl Default for LoopCounterProps {
    fn default() -> Self {
        LoopCounterProps { max_runs: 3 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PauseProps {
    /// `dd:hh:mm:ss`, from 1 second to 30 days.
    #[schemars(regex(pattern = r"^\d{2}:\d{2}:\d{2}:\d{2}$"))]
    pub duration: String,
}

impl Default for PauseProps {
    fn default() -> Self {
        PauseProps { duration: "00:00:05:00".to_string() }
    }
}

impl PauseProps {
    /// The duration in seconds, if it is well formed (`dd:hh:mm:ss` with hh < 24, mm and ss < 60)
    /// and counts no more days than a u64 of seconds holds (a hand-edited `00444…:00:01:00` is
    /// malformed, not an overflow).
    pub fn seconds(&self) -> Option<u64> {
        let parts: Vec<&str> = self.duration.split(':').collect();
        if parts.len() != 4 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let n: Vec<u64> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
        if n[1] >= 24 || n[2] >= 60 || n[3] >= 60 {
            return None;
        }
        n[0].checked_mul(24)?.checked_add(n[1])?.checked_mul(60)?.checked_add(n[2])?.checked_mul(60)?.checked_add(n[3])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SendEmailProps {
    /// Addresses or `$(…)` placeholders.
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub reply_to: String,
    /// A template with `$(…)` placeholders.
    pub subject: String,
    /// A template with `$(…)` placeholders.
    pub body: String,
}

// ---------------------------------------------------------------------------------------------
// Live applets

/// Properties of the ACD (voice) and UCD (digital) queues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct QueueProps {
    /// The queue (skill group) the interaction waits in.
    pub queue: String,
    #[schemars(range(min = lim::QUEUE_SECONDS.min, max = lim::QUEUE_SECONDS.max))]
    pub max_time_in_queue_seconds: u32,
    #[schemars(range(min = lim::QUEUE_SECONDS.min, max = lim::QUEUE_SECONDS.max))]
    pub max_estimated_wait_seconds: u32,
    #[schemars(range(min = lim::QUEUE_LENGTH.min, max = lim::QUEUE_LENGTH.max))]
    pub max_queue_length: u32,
    /// The key that breaks out of the queue, if any.
    pub breakout_key: String,
}

impl Default for QueueProps {
    fn default() -> Self {
        QueueProps {
            queue: String::new(),
            max_time_in_queue_seconds: 600,
            max_estimated_wait_seconds: 300,
            max_queue_length: 50,
            breakout_key: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AnnouncerProps {
    /// Text to speech, at most 1,500 characters. Either this or `recording`.
    #[schemars(length(max = lim::SPEECH_MAX_CHARS))]
    pub text: String,
    /// A recording's file name (at most 10 MB).
    pub recording: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CollectDigitsProps {
    pub prompt: String,
    /// The digits go into the data source `IVRSlot|<slot>`.
    pub slot: String,
    #[schemars(range(min = lim::DIGITS.min, max = lim::DIGITS.max))]
    pub max_digits: u32,
    #[schemars(range(min = lim::NO_INPUT_MAX.min, max = lim::NO_INPUT_MAX.max))]
    pub no_input_max: u32,
}

impl Default for CollectDigitsProps {
    fn default() -> Self {
        CollectDigitsProps { prompt: String::new(), slot: String::new(), max_digits: 10, no_input_max: 3 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TransferOption {
    /// The key the caller presses (0-9, * or #).
    #[schemars(regex(pattern = lim::TRANSFER_KEY_PATTERN))]
    pub key: String,
    /// The exit the key leads to; unique in the applet.
    pub exit: String,
    /// The Transfer Manager number the call is transferred to when the key is pressed, by
    /// name; empty when the key only leads to its exit.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[schemars(extend("x-choices" = "transfer-numbers"))]
    pub transfer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TransferCallProps {
    pub prompt: String,
    pub options: Vec<TransferOption>,
    /// No input after 5 s counts once; 1 to 10.
    #[schemars(range(min = lim::NO_INPUT_MAX.min, max = lim::NO_INPUT_MAX.max))]
    pub no_input_max: u32,
}

impl Default for TransferCallProps {
    fn default() -> Self {
        TransferCallProps { prompt: String::new(), options: Vec::new(), no_input_max: 3 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TakeMessageProps {
    pub mailbox: String,
    #[schemars(range(min = lim::MESSAGE_SECONDS.min, max = lim::MESSAGE_SECONDS.max))]
    pub max_seconds: u32,
}

impl Default for TakeMessageProps {
    fn default() -> Self {
        TakeMessageProps { mailbox: String::new(), max_seconds: 120 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SendSmsProps {
    /// At most 11 characters, or 20 digits.
    #[schemars(regex(pattern = lim::sms_sender_pattern()))]
    pub from: String,
    /// 1 to 100 recipients; numbers or `$(…)` placeholders.
    #[schemars(length(min = lim::SMS_RECIPIENTS.min, max = lim::SMS_RECIPIENTS.max))]
    pub to: Vec<String>,
    pub text: String,
}

#[cfg(test)]
mod label_tests {
    use super::field_label;

    /// The same cases as `fieldLabel` in ui/src/plan/schemaForm.test.ts.
    #[test]
    fn field_paths_read_as_the_form_shows_them() {
        assert_eq!(field_label("rules[0].source"), "Rule 1 · Source");
        assert_eq!(field_label("fields[2].destination"), "Field 3 · Destination");
        assert_eq!(field_label("options[1].transfer"), "Option 2 · Transfer");
        assert_eq!(field_label("to[1]"), "To · line 2");
        assert_eq!(field_label("timeout_seconds"), "Timeout seconds");
        assert_eq!(field_label("url"), "URL");
        assert_eq!(field_label("response_code_destination"), "Response code destination");
    }
}

#[cfg(test)]
mod pause_tests {
    use super::PauseProps;

    #[test]
    fn a_pause_duration_too_long_for_its_seconds_is_malformed_not_an_overflow() {
        let p = |d: &str| PauseProps { duration: d.into() }.seconds();
        assert_eq!(p("01:02:03:04"), Some(((24 + 2) * 60 + 3) * 60 + 4));
        assert_eq!(p("00444444444444444:00:01:00"), None, "found by the plan fuzz target");
        assert_eq!(p("213503982334601:07:00:15"), Some(u64::MAX), "the largest that fits");
        assert_eq!(p("213503982334601:07:00:16"), None);
        assert_eq!(p("00:24:00:00"), None);
    }
}
