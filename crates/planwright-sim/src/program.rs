//! Plans compiled for the interpreter.
//!
//! Every plan of the workspace is compiled once, together with the scenario, into an
//! index-based form: applets and exits get dense global numbers, data source names are
//! interned into symbols, templates are split into pieces, rule values are parsed, and the
//! scenario's scripted results are resolved to exit numbers. Exits are numbered per applet in
//! the order of [`catalog::exits`]; every exit an applet may take (Next, Failure, Default, a
//! queue's Delivered, …) is resolved here from its name, so the interpreter walks plain indices
//! and never looks a name up.

use crate::scenario::{ConnectorResponse, ConnectorResult, Scenario, ScenarioError};
use crate::template::Template;
use chrono::{DateTime, Utc};
use planwright::catalog::{self, exit};
use planwright::model::{AppletConfig, AppletKind, Channel, DataType, HttpMethod, Interface, Operator, Plan, PlanType, ResponseType};
use planwright::schedule::Schedule;
use planwright::{datasource, datetime, Workspace};
use std::collections::HashMap;
use std::sync::Arc;

/// An interned data source name.
pub type Sym = u32;

/// Data source names, interned. `DialledNumber` is stored as `Dialed Number`.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    names: Vec<Arc<str>>,
    index: HashMap<Arc<str>, Sym>,
}

impl Symbols {
    pub fn intern(&mut self, name: &str) -> Sym {
        let name = datasource::canonical(name);
        if let Some(s) = self.index.get(name) {
            return *s;
        }
        let s = self.names.len() as Sym;
        let name: Arc<str> = Arc::from(name);
        self.names.push(name.clone());
        self.index.insert(name, s);
        s
    }

    pub fn get(&self, name: &str) -> Option<Sym> {
        self.index.get(datasource::canonical(name)).copied()
    }

    pub fn name(&self, sym: Sym) -> &str {
        &self.names[sym as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The built-in data sources, by symbol.
#[derive(Debug, Clone, Copy)]
pub struct Builtins {
    pub call_guid: Sym,
    pub clid: Sym,
    pub dialed_number: Sym,
    pub language: Sym,
    pub display_name: Sym,
    pub start_time: Sym,
    pub first_agent: Sym,
    pub outcome: Sym,
}

/// A compiled Data Router rule value.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleValue {
    /// Lower-cased text.
    Text(Box<str>),
    Number(f64),
    DateTime(DateTime<Utc>),
    /// The operator takes no value, or the value does not convert to the rule's type (the
    /// rule is then skipped unless it is Is null / Is not null).
    None,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub source: Sym,
    pub data_type: DataType,
    pub operator: Operator,
    pub value: RuleValue,
}

/// A scripted connector answer with its fields already read from the body.
#[derive(Debug, Clone)]
pub struct Response {
    pub result: ConnectorResult,
    pub status: u16,
    pub status_text: Arc<str>,
    /// One value per field mapping of the applet (null when the locator is missing).
    pub fields: Vec<Option<Arc<str>>>,
    pub latency_ms: u64,
}

#[derive(Debug, Clone)]
pub struct Connector {
    pub interface: Interface,
    pub method: HttpMethod,
    pub url: Template,
    pub body: Template,
    pub headers: Vec<Template>,
    /// The local exits of Next and Interface Failure.
    pub next: u16,
    pub failure: u16,
    pub status_destination: Option<Sym>,
    pub destinations: Vec<Sym>,
    pub timeout_ms: u64,
    /// A `#(Key)` used by the request that the configuration lacks: Interface Failure.
    pub missing_config: Option<String>,
    /// The scripted answers, one per call (the last repeats).
    pub responses: Vec<Response>,
    /// What a drawn HTTP error answers: 500 with an empty body.
    pub http_error: Response,
}

#[derive(Debug, Clone)]
pub struct Email {
    pub to: Vec<Template>,
    pub cc: Vec<Template>,
    pub bcc: Vec<Template>,
    pub reply_to: Template,
    pub subject: Template,
    pub body: Template,
    /// The local exits of Next and Failure.
    pub next: u16,
    pub failure: u16,
}

/// What an ACD or UCD needs at run time, resolved from exit names.
#[derive(Debug, Clone)]
pub struct Queue {
    /// The queue (skill group) named in the applet; load models staff queues by this name.
    pub name: Arc<str>,
    /// Maximum Queue Length (0: none), acted on by load runs.
    pub max_queue_length: u32,
    /// The key that breaks out of the queue ("" for none).
    pub breakout_key: Arc<str>,
    /// The local exit of Delivered.
    pub delivered: u16,
    /// The outcome each local exit implies.
    pub outcomes: Vec<&'static str>,
    /// The result an unscripted queue takes for each outcome it follows
    /// ([`crate::scenario::QUEUE_RESULTS`]): a local exit, or `None` for a hang-up.
    pub for_outcome: Vec<(&'static str, Option<u16>)>,
    /// The local exits the limits take, and the limits (0: none).
    pub max_time_in_queue: u16,
    pub estimated_wait: u16,
    pub max_time_in_queue_s: u64,
    pub max_estimated_wait_s: u64,
}

#[derive(Debug, Clone)]
pub enum RouteTarget {
    /// A plan named in the applet; `None` when no such plan exists.
    Plan(Option<u32>, String),
    /// A plan id read from a data source at run time.
    Source(Sym),
}

/// A scripted live result, resolved against the applet.
#[derive(Debug, Clone)]
pub struct Live {
    pub hang_up: bool,
    /// The local exit taken (ignored when hanging up).
    pub exit: u16,
    pub seconds: u64,
    pub talk_seconds: u64,
    pub agent: Arc<str>,
    pub digits: Option<Arc<str>>,
}

/// What an applet does, compiled, with the local exits it may take.
#[derive(Debug, Clone)]
pub enum Op {
    /// Rule `i` leads to local exit `i` (derived exits come first); no match leads to `default`.
    Router { rules: Vec<Rule>, default: u16 },
    Set { assignments: Vec<(Sym, Template)>, next: u16 },
    Connector(Box<Connector>),
    Route { target: RouteTarget, applet: String },
    /// `statuses[i]` is local exit `i`; a status not among them leads to `default`, no status
    /// at all to `failure`.
    Schedule { schedule: Option<Box<Schedule>>, statuses: Vec<String>, default: u16, failure: u16 },
    Loop { max: u32, next: u16, after_maximum: u16 },
    Pause { seconds: Option<u64>, resume: u16 },
    Email(Box<Email>),
    /// A live-only applet. `scripts` is empty when the scenario does not script it; an
    /// unscripted one leaves by `default_exit`. `queue` is set for ACD and UCD.
    Live {
        scripts: Vec<Live>,
        slot: Option<Sym>,
        sms: Option<Box<(Vec<Template>, Template)>>,
        keys: Vec<String>,
        /// Transfer Call: for option `i` (local exit `i`), the Transfer Manager number it
        /// transfers to, as `Name (+number)`.
        transfers: Vec<Option<Arc<str>>>,
        default_exit: u16,
        queue: Option<Box<Queue>>,
    },
}

#[derive(Debug, Clone)]
pub struct CompiledApplet {
    pub plan: u32,
    pub id: String,
    pub kind: AppletKind,
    /// The global number of local exit 0.
    pub exit_base: u32,
    /// Per local exit, the applet it leads to.
    pub targets: Vec<Option<u32>>,
    pub op: Op,
}

impl CompiledApplet {
    /// The local exit of a queue's Delivered, for ACD and UCD.
    pub fn delivered(&self) -> Option<u16> {
        match &self.op {
            Op::Live { queue: Some(q), .. } => Some(q.delivered),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CompiledPlan {
    pub id: String,
    pub plan_type: PlanType,
    pub channel: Option<Channel>,
    pub start: Option<u32>,
    pub hangup: Option<u32>,
    /// The post-interaction route: its plan, or the unknown id.
    pub post_route: Option<Result<u32, String>>,
    pub applets: HashMap<String, u32>,
}

#[derive(Debug, Clone)]
pub struct ExitInfo {
    pub applet: u32,
    pub name: String,
}

/// Every plan of a workspace, compiled with one scenario.
#[derive(Debug, Clone)]
pub struct Program {
    pub plans: Vec<CompiledPlan>,
    pub plan_index: HashMap<String, u32>,
    pub applets: Vec<CompiledApplet>,
    pub exits: Vec<ExitInfo>,
    pub symbols: Symbols,
    pub builtins: Builtins,
    /// Canonical text of each plan, for version hashes.
    pub plan_texts: Vec<String>,
}

impl Program {
    /// The queue of an ACD or UCD applet.
    pub fn queue(&self, applet: u32) -> Option<&Queue> {
        match &self.applets.get(applet as usize)?.op {
            Op::Live { queue: Some(q), .. } => Some(q),
            _ => None,
        }
    }

    pub fn exit_name(&self, applet: u32, local: u16) -> &str {
        &self.exits[(self.applets[applet as usize].exit_base + local as u32) as usize].name
    }

    pub fn plan_of(&self, applet: u32) -> &CompiledPlan {
        &self.plans[self.applets[applet as usize].plan as usize]
    }

    /// Compiles every plan of the workspace with a scenario's scripts and configuration.
    pub fn compile(ws: &Workspace, scenario: &Scenario) -> Result<Program, ScenarioError> {
        let mut symbols = Symbols::default();
        let builtins = Builtins {
            call_guid: symbols.intern("Call Guid"),
            clid: symbols.intern("CLID"),
            dialed_number: symbols.intern("Dialed Number"),
            language: symbols.intern("Language"),
            display_name: symbols.intern("DisplayName"),
            start_time: symbols.intern("Interaction Start Time"),
            first_agent: symbols.intern("First Agent ID"),
            outcome: symbols.intern("InteractionOutcome"),
        };
        for name in scenario.data.keys() {
            symbols.intern(name);
        }
        if let Some(v) = &scenario.vary {
            for name in v.data.keys() {
                symbols.intern(name);
            }
        }
        for e in ws.plans.values() {
            for name in e.plan.data_sources.keys() {
                symbols.intern(name);
            }
        }
        let plans: Vec<&Plan> = ws.plans.values().map(|e| &e.plan).collect();
        let plan_index: HashMap<String, u32> = plans.iter().enumerate().map(|(i, p)| (p.id.clone(), i as u32)).collect();

        // Number the applets first, so connections can point forward.
        let mut applet_numbers: Vec<HashMap<String, u32>> = Vec::new();
        let mut next = 0u32;
        for p in &plans {
            let mut m = HashMap::new();
            for a in &p.applets {
                m.entry(a.id.clone()).or_insert_with(|| {
                    next += 1;
                    next - 1
                });
            }
            applet_numbers.push(m);
        }

        let mut compiled_plans = Vec::new();
        let mut applets = Vec::new();
        let mut exits = Vec::new();
        let mut used_scripts: Vec<&str> = Vec::new();
        for (pi, p) in plans.iter().enumerate() {
            let numbers = &applet_numbers[pi];
            for a in &p.applets {
                if applets.len() as u32 != numbers[&a.id] {
                    continue; // A duplicate id; validation reports it.
                }
                let names = catalog::exits(&a.config, &ws.schedules);
                let exit_base = exits.len() as u32;
                let targets: Vec<Option<u32>> =
                    names.iter().map(|e| p.target_of(&a.id, e).and_then(|t| numbers.get(t).copied())).collect();
                let number = applets.len() as u32;
                for n in &names {
                    exits.push(ExitInfo { applet: number, name: n.clone() });
                }
                let op = compile_op(&a.config, &a.id, &names, p, ws, scenario, &mut symbols, &plan_index, &mut used_scripts)?;
                applets.push(CompiledApplet { plan: pi as u32, id: a.id.clone(), kind: a.kind(), exit_base, targets, op });
            }
            compiled_plans.push(CompiledPlan {
                id: p.id.clone(),
                plan_type: p.plan_type,
                channel: p.channel,
                start: p.start.as_ref().and_then(|s| numbers.get(s).copied()),
                hangup: p.hangup_applet.as_ref().and_then(|s| numbers.get(s).copied()),
                post_route: p
                    .post_interaction_route
                    .as_ref()
                    .filter(|r| !r.is_empty())
                    .map(|r| plan_index.get(r).copied().ok_or_else(|| r.clone())),
                applets: numbers.clone(),
            });
        }
        let known_kinds: Vec<&str> = AppletKind::ALL.iter().map(|k| k.as_str()).collect();
        for key in scenario.live.keys() {
            if !used_scripts.contains(&key.as_str()) && !known_kinds.contains(&key.as_str()) {
                return Err(ScenarioError::Invalid(format!("live script '{key}' names no live applet and no applet kind")));
            }
        }
        for key in scenario.connectors.keys() {
            if key != "*" && !used_scripts.contains(&key.as_str()) {
                return Err(ScenarioError::Invalid(format!("connector script '{key}' names no Data Connector")));
            }
        }
        let plan_texts = plans.iter().map(|p| planwright::plan_file::plan_to_string(p)).collect();
        Ok(Program { plans: compiled_plans, plan_index, applets, exits, symbols, builtins, plan_texts })
    }
}

#[allow(clippy::too_many_arguments)]
fn compile_op<'s>(
    config: &AppletConfig,
    id: &str,
    exit_names: &[String],
    plan: &Plan,
    ws: &Workspace,
    scenario: &'s Scenario,
    symbols: &mut Symbols,
    plan_index: &HashMap<String, u32>,
    used_scripts: &mut Vec<&'s str>,
) -> Result<Op, ScenarioError> {
    let cfg = &scenario.config;
    let t = |text: &str, symbols: &mut Symbols| Template::compile(text, symbols, cfg);
    let kind = config.kind();
    let fixed = |name: &str| fixed_exit(kind, exit_names, name);
    Ok(match config {
        AppletConfig::DataRouter(p) => Op::Router {
            rules: p
                .rules
                .iter()
                .map(|r| Rule {
                    source: symbols.intern(&r.source),
                    data_type: r.data_type,
                    operator: r.operator,
                    value: rule_value(r.data_type, r.operator, &r.value),
                })
                .collect(),
            default: fixed(exit::DEFAULT),
        },
        AppletConfig::SetDataSource(p) => Op::Set {
            assignments: p
                .assignments
                .iter()
                .filter(|a| !a.name.is_empty())
                .map(|a| (symbols.intern(&a.name), t(&a.value, symbols)))
                .collect(),
            next: fixed(exit::NEXT_APPLET),
        },
        AppletConfig::DataConnector(p) => {
            let url = t(&p.url, symbols);
            let body = t(&p.body, symbols);
            let headers: Vec<Template> = p.headers.iter().map(|h| t(&h.value, symbols)).collect();
            let missing_config = std::iter::once(&url)
                .chain(Some(&body))
                .chain(headers.iter())
                .find_map(|t| t.missing_config().map(str::to_string));
            let scripted = match scenario.connectors.get_key_value(id) {
                Some((k, v)) => {
                    used_scripts.push(k.as_str());
                    v.as_slice().to_vec()
                }
                None => scenario.connectors.get("*").map(|v| v.as_slice().to_vec()).unwrap_or_default(),
            };
            let scripted = if scripted.is_empty() { vec![ConnectorResponse::default()] } else { scripted };
            let compile_response = |r: &ConnectorResponse| Response {
                result: r.result,
                status: r.status,
                status_text: Arc::from(r.status.to_string().as_str()),
                fields: match p.response_type {
                    ResponseType::Json => p.fields.iter().map(|f| locate(&r.body, &f.locator).and_then(|v| typed(v, f.data_type))).collect(),
                    // An XML body is scripted as a JSON string holding the document.
                    ResponseType::Xml => {
                        let xml = r.body.as_str().unwrap_or("");
                        let doc = roxmltree::Document::parse(xml).ok();
                        p.fields
                            .iter()
                            .map(|f| {
                                let text = doc.as_ref().and_then(|d| locate_xml(d, &f.locator))?;
                                typed(&serde_json::Value::String(text), f.data_type)
                            })
                            .collect()
                    }
                },
                latency_ms: r.latency_ms,
            };
            let responses = scripted.iter().map(compile_response).collect();
            let http_error = compile_response(&ConnectorResponse { status: 500, body: serde_json::Value::Null, ..Default::default() });
            Op::Connector(Box::new(Connector {
                interface: p.interface,
                method: p.method,
                url,
                body,
                headers,
                next: fixed(exit::NEXT),
                failure: fixed(exit::INTERFACE_FAILURE),
                status_destination: (!p.response_code_destination.is_empty()).then(|| symbols.intern(&p.response_code_destination)),
                destinations: p.fields.iter().map(|f| symbols.intern(&f.destination)).collect(),
                timeout_ms: p.timeout_seconds.max(1) as u64 * 1000,
                missing_config,
                responses,
                http_error,
            }))
        }
        AppletConfig::RouteToPlan(p) => Op::Route {
            target: if !p.plan_source.is_empty() {
                RouteTarget::Source(symbols.intern(&p.plan_source))
            } else {
                RouteTarget::Plan(plan_index.get(&p.plan).copied(), p.plan.clone())
            },
            applet: p.applet.clone(),
        },
        AppletConfig::ScheduleRouter(p) => {
            let schedule = ws.schedules.get(&p.schedule).cloned().map(Box::new);
            let statuses = exit_names[..derived_exit_count(kind, exit_names)].to_vec();
            Op::Schedule { schedule, statuses, default: fixed(exit::DEFAULT), failure: fixed(exit::FAILURE) }
        }
        AppletConfig::LoopCounter(p) => {
            Op::Loop { max: p.max_runs.max(1), next: fixed(exit::NEXT_APPLET), after_maximum: fixed(exit::AFTER_MAXIMUM) }
        }
        AppletConfig::Pause(p) => Op::Pause { seconds: p.seconds(), resume: fixed(exit::RESUME) },
        AppletConfig::SendEmail(p) => Op::Email(Box::new(Email {
            to: p.to.iter().map(|x| t(x, symbols)).collect(),
            cc: p.cc.iter().map(|x| t(x, symbols)).collect(),
            bcc: p.bcc.iter().map(|x| t(x, symbols)).collect(),
            reply_to: t(&p.reply_to, symbols),
            subject: t(&p.subject, symbols),
            body: t(&p.body, symbols),
            next: fixed(exit::NEXT),
            failure: fixed(exit::FAILURE),
        })),
        // The live applets: their results come from the scenario's scripts. Listed, so that a
        // new kind does not compile until it is placed on one side or the other.
        live @ (AppletConfig::Acd(_)
        | AppletConfig::Ucd(_)
        | AppletConfig::Announcer(_)
        | AppletConfig::CollectDigits(_)
        | AppletConfig::TransferCall(_)
        | AppletConfig::TakeMessage(_)
        | AppletConfig::SendSms(_)) => {
            let script = match scenario.live.get_key_value(id) {
                Some((k, v)) => {
                    used_scripts.push(k.as_str());
                    Some(v)
                }
                None => scenario.live.get(kind.as_str()),
            };
            let keys = match live {
                AppletConfig::TransferCall(p) => p.options.iter().map(|o| o.key.clone()).collect(),
                _ => Vec::new(),
            };
            let mut scripts = Vec::new();
            for s in script.map(|s| s.as_slice()).unwrap_or_default() {
                let r = s.result();
                let (default_exit, default_seconds) = crate::scenario::live_default(kind);
                let exit_name = match (&r.exit, &r.digits, &r.key) {
                    (Some(e), _, _) => e.clone(),
                    (None, Some(_), _) if kind == AppletKind::CollectDigits => exit::DIGITS_COLLECTED.to_string(),
                    (None, _, Some(k)) if kind == AppletKind::TransferCall => match keys.iter().position(|x| x == k) {
                        Some(i) => exit_names[i].clone(),
                        None => return Err(ScenarioError::Invalid(format!("applet '{id}' has no option for key '{k}'"))),
                    },
                    _ => default_exit.to_string(),
                };
                let exit = match exit_names.iter().position(|e| *e == exit_name) {
                    Some(i) => i as u16,
                    None if r.hang_up => 0,
                    None => {
                        return Err(ScenarioError::Invalid(format!(
                            "applet '{id}' ({kind}) has no exit '{exit_name}'; its exits: {}",
                            exit_names.join(", ")
                        )))
                    }
                };
                scripts.push(Live {
                    hang_up: r.hang_up,
                    exit,
                    seconds: r.seconds.unwrap_or(default_seconds),
                    talk_seconds: r.talk_seconds.unwrap_or(180),
                    agent: Arc::from(r.agent.as_deref().unwrap_or("agent-1")),
                    digits: r.digits.as_deref().map(Arc::from),
                });
            }
            let slot = match live {
                AppletConfig::CollectDigits(p) if !p.slot.is_empty() => Some(symbols.intern(&format!("IVRSlot|{}", p.slot))),
                _ => None,
            };
            let sms = match live {
                AppletConfig::SendSms(p) => Some(Box::new((p.to.iter().map(|x| t(x, symbols)).collect(), t(&p.text, symbols)))),
                _ => None,
            };
            let (default_exit, _) = crate::scenario::live_default(kind);
            let queue = (catalog::info(kind).category == catalog::Category::Queueing).then(|| {
                let (tiq, ewt, name, max_len, breakout) = match live {
                    AppletConfig::Acd(p) | AppletConfig::Ucd(p) => (
                        p.max_time_in_queue_seconds as u64,
                        p.max_estimated_wait_seconds as u64,
                        p.queue.as_str(),
                        p.max_queue_length,
                        p.breakout_key.as_str(),
                    ),
                    _ => (0, 0, "", 0, ""),
                };
                Box::new(Queue {
                    name: Arc::from(name),
                    max_queue_length: max_len,
                    breakout_key: Arc::from(breakout),
                    delivered: fixed(exit::DELIVERED),
                    outcomes: exit_names.iter().map(|e| crate::scenario::outcome_of_queue_exit(e)).collect(),
                    for_outcome: crate::scenario::QUEUE_RESULTS.iter().map(|(o, e)| (*o, e.map(fixed))).collect(),
                    max_time_in_queue: fixed(exit::MAX_TIME_IN_QUEUE),
                    estimated_wait: fixed(exit::ESTIMATED_WAIT),
                    max_time_in_queue_s: tiq,
                    max_estimated_wait_s: ewt,
                })
            });
            let default_exit = if default_exit.is_empty() { 0 } else { fixed(default_exit) };
            let transfers = match live {
                AppletConfig::TransferCall(p) => p
                    .options
                    .iter()
                    .map(|o| {
                        let named = (!o.transfer.is_empty()).then(|| plan.transfer_number(&o.transfer));
                        named.map(|t| Arc::from(match t {
                            Some(t) => format!("{} ({})", t.name, t.number),
                            None => format!("{} (not in the Transfer Manager)", o.transfer),
                        }))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Op::Live { scripts, slot, sms, keys, transfers, default_exit, queue }
        }
    })
}

/// How many of an applet's exits are derived from its properties (they come first).
fn derived_exit_count(kind: AppletKind, exit_names: &[String]) -> usize {
    exit_names.len() - catalog::fixed_exits(kind).len()
}

/// The local number of one of a kind's fixed exits, which follow the derived ones.
fn fixed_exit(kind: AppletKind, exit_names: &[String], name: &str) -> u16 {
    let i = catalog::fixed_exits(kind).iter().position(|e| *e == name).unwrap_or_else(|| panic!("{kind} has no exit {name}"));
    (derived_exit_count(kind, exit_names) + i) as u16
}

fn rule_value(data_type: DataType, operator: Operator, value: &str) -> RuleValue {
    if !operator.takes_value() {
        return RuleValue::None;
    }
    match data_type {
        DataType::Text => RuleValue::Text(value.to_lowercase().into()),
        DataType::Number => value.trim().parse().map(RuleValue::Number).unwrap_or(RuleValue::None),
        DataType::DateTime => datetime::parse(value).map(RuleValue::DateTime).unwrap_or(RuleValue::None),
    }
}

/// Reads a JSON locator such as `data.contacts[0].name` (a leading `$.` is allowed).
pub fn locate<'v>(body: &'v serde_json::Value, locator: &str) -> Option<&'v serde_json::Value> {
    let locator = locator.trim();
    let locator = locator.strip_prefix("$.").or_else(|| locator.strip_prefix('$')).unwrap_or(locator);
    let mut v = body;
    for part in locator.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            v = v.get(key)?;
        }
        while let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            let index: usize = r[..close].trim().parse().ok()?;
            v = v.get(index)?;
            rest = &r[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(v)
}

/// Reads an XML locator: element names separated by `/` or `.`, each with an optional
/// `[index]` among same-named siblings, and an optional final `@attribute`. The root element's
/// name may be given or left out: `/Response/Contact[1]/Name`, `Contact[1].Name`,
/// `Contact[0]/@id`. The value is the element's text (trimmed) or the attribute's value; a
/// missing element or attribute gives None.
pub fn locate_xml(doc: &roxmltree::Document, locator: &str) -> Option<String> {
    let parts: Vec<&str> = locator.trim().split(['/', '.']).filter(|p| !p.is_empty()).collect();
    let root = doc.root_element();
    let skip = usize::from(parts.first().is_some_and(|p| p.split('[').next() == Some(root.tag_name().name())));
    let mut node = root;
    for (i, part) in parts.iter().enumerate().skip(skip) {
        if let Some(attr) = part.strip_prefix('@') {
            return (i == parts.len() - 1).then(|| node.attribute(attr).map(str::to_string)).flatten();
        }
        let (name, index) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.strip_suffix(']')?.trim().parse::<usize>().ok()?),
            None => (*part, 0),
        };
        node = node.children().filter(|c| c.is_element() && c.tag_name().name() == name).nth(index)?;
    }
    Some(node.text().unwrap_or("").trim().to_string())
}

/// A located JSON value as a data source value of a field's type; null when it does not fit.
fn typed(v: &serde_json::Value, data_type: DataType) -> Option<Arc<str>> {
    use serde_json::Value;
    let text = match v {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    };
    let ok = match data_type {
        DataType::Text => true,
        DataType::Number => text.trim().parse::<f64>().is_ok(),
        DataType::DateTime => datetime::parse(&text).is_some(),
    };
    ok.then(|| Arc::from(text.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn xml_locators_walk_elements_indices_and_attributes() {
        let xml = r#"<Response><Contact id="c1"><Name>Ana</Name></Contact><Contact id="c2"><Name> Bo </Name><Age>7</Age></Contact></Response>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        assert_eq!(locate_xml(&doc, "/Response/Contact[1]/Name").as_deref(), Some("Bo"));
        assert_eq!(locate_xml(&doc, "Contact[1].Age").as_deref(), Some("7"));
        assert_eq!(locate_xml(&doc, "Contact/@id").as_deref(), Some("c1"));
        assert_eq!(locate_xml(&doc, "Contact[2]/Name"), None);
        assert_eq!(locate_xml(&doc, "Contact/@missing"), None);
    }

    #[test]
    fn locators_walk_keys_and_indices_and_missing_gives_none() {
        let body = json!({"data": {"contacts": [{"name": "Ana", "age": 41}]}});
        assert_eq!(locate(&body, "data.contacts[0].name"), Some(&json!("Ana")));
        assert_eq!(locate(&body, "$.data.contacts[0].age"), Some(&json!(41)));
        assert_eq!(locate(&body, "data.contacts[1].name"), None);
        assert_eq!(locate(&body, "data.nope"), None);
    }

    #[test]
    fn field_values_that_do_not_fit_their_type_are_null() {
        assert_eq!(typed(&json!("abc"), DataType::Number), None);
        assert_eq!(typed(&json!(12.5), DataType::Number).as_deref(), Some("12.5"));
        assert_eq!(typed(&json!(true), DataType::Text).as_deref(), Some("true"));
    }
}
