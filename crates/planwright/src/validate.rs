//! Design-time validation.
//!
//! Validation returns a list of [`Diagnostic`]s and never fails, whatever state a plan is in:
//! a half-drawn plan is normal in an editor. Each diagnostic has a stable `code` (listed in
//! [`CODES`]) that scripts and the UI may match on.
//!
//! Checks that span plans (post-interaction routes, Route to Interaction Plan chains, data
//! sources carried from one plan to the next) use a [`Context`]: every plan of the workspace.

use crate::catalog::{self, RoutePolicy, Schedules};
use crate::model::limits::{self, Bounds};
use crate::datasource;
use crate::graph::{PlanGraph, PlanLink, PlanLinks};
use crate::model::*;
use crate::properties::field_label;
use crate::schedule::ScheduleProblem;
use crate::workspace::Workspace;
use datasource::FieldPath;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One finding about a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, one of [`CODES`].
    pub code: &'static str,
    pub plan: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit: Option<String>,
    /// The property concerned, as a path into the applet's properties (`url`,
    /// `rules[0].source`, `to[1]`), so a form can show the finding beside its field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The data source the finding is about, by name (`data-source-unset`), so the window
    /// can show where it is set and read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// Every diagnostic code, with its severity and a one-line meaning.
pub const CODES: &[(&str, Severity, &str)] = &[
    ("start-missing", Severity::Error, "the plan has no start applet"),
    ("start-unknown", Severity::Error, "the start applet does not exist"),
    ("hangup-unknown", Severity::Error, "the hang-up applet does not exist"),
    ("applet-duplicate-id", Severity::Error, "two applets share an id"),
    ("name-too-long", Severity::Error, "a plan or applet name is longer than 255 characters"),
    ("applet-not-allowed", Severity::Error, "the plan type does not offer this applet kind"),
    ("live-applet-in-unattended", Severity::Error, "a live-only applet in an Unattended plan"),
    ("connection-missing-applet", Severity::Error, "a connection from or to an applet that does not exist"),
    ("connection-unknown-exit", Severity::Error, "a connection from an exit the applet does not have"),
    ("connection-duplicate-exit", Severity::Error, "one exit wired twice"),
    ("exit-name-duplicate", Severity::Error, "two rules or options give the same exit name"),
    ("applet-unreachable", Severity::Warning, "no path from the start reaches the applet"),
    ("exit-unconnected", Severity::Info, "an exit leads nowhere: the run ends there"),
    ("failure-exit-unconnected", Severity::Warning, "a failure exit leads nowhere: failures end the run silently"),
    ("cycle-without-loop-counter", Severity::Warning, "a loop with no Loop Counter on it can run away"),
    ("plan-route-cycle", Severity::Warning, "Route to Interaction Plan applets form a cycle of plans with no Loop Counter"),
    ("route-on-unattended", Severity::Error, "an Unattended plan has a post-interaction route"),
    ("route-unknown", Severity::Error, "the post-interaction route is not a plan of the workspace"),
    ("route-self", Severity::Error, "the post-interaction route is the plan itself"),
    ("route-type-not-allowed", Severity::Error, "the route's plan type is not allowed for this plan type"),
    ("route-not-unattended", Severity::Info, "a Default plan's route is a Default plan; Unattended is recommended"),
    ("route-reaches-live-applet", Severity::Error, "a live-only applet is reachable from a post-interaction route"),
    ("route-to-plan-unknown", Severity::Error, "Route to Interaction Plan targets a plan or applet that does not exist"),
    ("schedule-unknown", Severity::Error, "the Schedule Router's schedule does not exist"),
    ("schedule-invalid", Severity::Error, "the schedule has an unknown time zone or bad periods"),
    ("property-required", Severity::Error, "a required property is empty"),
    ("property-range", Severity::Error, "a property is out of range"),
    ("property-email", Severity::Error, "an email address is not valid"),
    ("property-time-zone", Severity::Error, "an unknown IANA time zone"),
    ("property-operator", Severity::Error, "the operator does not apply to the rule's data type"),
    ("property-invalid", Severity::Error, "a property value is malformed"),
    ("router-too-many-rules", Severity::Warning, "more than 50 rules; chain another Data Router"),
    ("placeholder-unknown-formatter", Severity::Warning, "a $(Name:Formatter) names an unknown formatter"),
    ("data-source-unset", Severity::Warning, "a data source is read but nothing sets or passes it in before"),
    ("transfer-number-unknown", Severity::Error, "a Transfer Call option names a number the Transfer Manager does not have"),
    ("transfer-number-invalid", Severity::Error, "a Transfer Manager entry has no name, a name used twice, or a malformed number"),
    ("transfer-numbers-not-voice", Severity::Warning, "a plan that handles no calls has Transfer Manager numbers"),
    ("config-key-undefined", Severity::Warning, "a #(Key) names a configuration key the account does not define"),
];

/// The severity of a code.
pub fn severity_of(code: &str) -> Severity {
    CODES.iter().find(|(c, ..)| *c == code).map(|(_, s, _)| *s).unwrap_or(Severity::Error)
}

/// The plans and schedules validation looks across.
pub struct Context<'a> {
    pub plans: BTreeMap<&'a str, &'a Plan>,
    pub schedules: &'a Schedules,
    /// The account's configuration keys, when validation knows the account (the desktop
    /// does; a plan file checked alone does not). A `#(Key)` the account lacks is then
    /// `config-key-undefined`; with none, `#(Key)`s are not checked.
    pub account_keys: Option<&'a BTreeSet<String>>,
}

impl<'a> Context<'a> {
    pub fn of_workspace(ws: &'a Workspace) -> Context<'a> {
        Context { plans: ws.plans.iter().map(|(id, e)| (id.as_str(), &e.plan)).collect(), schedules: &ws.schedules, account_keys: None }
    }

    /// The context with the account's configuration keys known.
    pub fn with_account_keys(mut self, keys: &'a BTreeSet<String>) -> Context<'a> {
        self.account_keys = Some(keys);
        self
    }

    /// The workspace with `plan` in place of its saved version (the editor's view).
    pub fn with_plan(mut self, plan: &'a Plan) -> Context<'a> {
        self.plans.insert(plan.id.as_str(), plan);
        self
    }
}

/// Validates every plan of a workspace.
pub fn validate_workspace(ws: &Workspace) -> Vec<Diagnostic> {
    validate_context(&Context::of_workspace(ws), None)
}

/// Validates the plans of a context, or only `only` if given (cross-plan facts still come
/// from every plan).
pub fn validate_context(ctx: &Context, only: Option<&str>) -> Vec<Diagnostic> {
    let facts = Facts::new(ctx);
    let mut out = Vec::new();
    for plan in ctx.plans.values() {
        if only.is_none_or(|o| o == plan.id) {
            check_plan(plan, ctx, &facts, &mut out);
        }
    }
    out
}

/// The data sources that may arrive in `plan` from outside: the built-ins, and what every plan
/// leading to it (post-interaction route, Route to Interaction Plan) has or sets.
pub fn inherited_sources(ctx: &Context, plan: &str) -> BTreeSet<String> {
    Facts::new(ctx).inherited.remove(plan).unwrap_or_default()
}

/// What is computed once per plan and shared by the checks.
struct PlanFacts<'a> {
    graph: PlanGraph,
    /// Applets reachable from the start, the hang-up applet, or an applet another plan routes to.
    reachable: HashSet<&'a str>,
    /// Data sources any reachable applet sets.
    sets: BTreeSet<String>,
    has_loop_counter: bool,
}

struct Facts<'a> {
    plans: HashMap<&'a str, PlanFacts<'a>>,
    /// The plans and their links: P's post-interaction route, and Q when a reachable Route to
    /// Interaction Plan in P targets Q.
    links: PlanLinks,
    /// The cycles of plans through Route to Interaction Plan links, each as sorted plan ids.
    route_cycles: Vec<Vec<String>>,
    /// Data sources that may arrive in each plan from outside.
    inherited: HashMap<&'a str, BTreeSet<String>>,
}

fn route_targets(plan: &Plan) -> impl Iterator<Item = (&Applet, &RouteToPlanProps)> {
    plan.applets.iter().filter_map(|a| match &a.config {
        AppletConfig::RouteToPlan(p) => Some((a, p)),
        _ => None,
    })
}

impl PlanFacts<'_> {
    fn reaches(&self, applet: &str) -> bool {
        self.reachable.contains(applet)
    }
}

impl<'a> Facts<'a> {
    fn new(ctx: &Context<'a>) -> Facts<'a> {
        // Entry applets other plans route to.
        let mut entries: HashMap<&str, Vec<&str>> = HashMap::default();
        for plan in ctx.plans.values() {
            for (_, p) in route_targets(plan) {
                if !p.plan.is_empty() && !p.applet.is_empty() {
                    entries.entry(p.plan.as_str()).or_default().push(p.applet.as_str());
                }
            }
        }
        let mut plans = HashMap::default();
        for (&id, plan) in &ctx.plans {
            let graph = PlanGraph::from_plan(plan);
            let starts = plan.start.iter().chain(plan.hangup_applet.iter()).map(String::as_str);
            let reached_ids: HashSet<&str> =
                graph.reachable_from_any(starts.chain(entries.get(id).into_iter().flatten().copied())).into_iter().collect();
            let reached: Vec<&Applet> = plan.applets.iter().filter(|a| reached_ids.contains(a.id.as_str())).collect();
            let reachable: HashSet<&'a str> = reached.iter().map(|a| a.id.as_str()).collect();
            let sets = reached.iter().flat_map(|a| datasource::writes(&a.config)).map(Cow::into_owned).collect();
            let has_loop_counter = reached.iter().any(|a| a.kind() == AppletKind::LoopCounter);
            plans.insert(id, PlanFacts { graph, reachable, sets, has_loop_counter });
        }
        let mut links = PlanLinks::new(ctx.plans.keys().copied());
        for (&id, plan) in &ctx.plans {
            if let Some(route) = plan.post_interaction_route.as_deref() {
                links.link(id, route, PlanLink::PostInteractionRoute);
            }
            let pf = &plans[id];
            for (a, p) in route_targets(plan) {
                if pf.reaches(&a.id) {
                    links.link(id, &p.plan, PlanLink::RouteToPlan);
                }
            }
        }
        let route_cycles = links
            .cycles(|k| k == PlanLink::RouteToPlan)
            .into_iter()
            .map(|c| c.into_iter().map(str::to_string).collect())
            .collect();
        let mut facts = Facts { plans, links, route_cycles, inherited: HashMap::default() };
        facts.inherited = facts.compute_inherited(ctx);
        facts
    }

    /// Data sources that may arrive in each plan: the built-ins, plus everything a plan routing
    /// to it (post-interaction route, or Route to Interaction Plan) has or sets. A fixpoint over
    /// the plans, bounded by their number.
    fn compute_inherited(&self, ctx: &Context<'a>) -> HashMap<&'a str, BTreeSet<String>> {
        let base: BTreeSet<String> = datasource::BUILTIN.iter().map(|s| datasource::canonical(s).to_string()).collect();
        let mut inherited: HashMap<&'a str, BTreeSet<String>> = ctx.plans.keys().map(|&id| (id, base.clone())).collect();
        // Every link carries data sources, whatever its kind.
        let flows: Vec<(&'a str, &'a str)> = self
            .links
            .links()
            .map(|(from, to, _)| {
                let key = |id: &str| *ctx.plans.get_key_value(id).expect("links join plans of the context").0;
                (key(from), key(to))
            })
            .collect();
        for _ in 0..=ctx.plans.len() {
            let mut changed = false;
            for &(from, to) in &flows {
                let mut add: Vec<String> = inherited[from].iter().cloned().collect();
                add.extend(self.plans[from].sets.iter().cloned());
                let target = inherited.get_mut(to).expect("every plan has an entry");
                for s in add {
                    changed |= target.insert(s);
                }
            }
            if !changed {
                break;
            }
        }
        inherited
    }

    /// The plans reached from `plan` through Route to Interaction Plan chains, `plan` included.
    fn plans_reached_from(&self, plan: &str) -> Vec<&str> {
        self.links.reached_from(plan, |k| k == PlanLink::RouteToPlan)
    }
}

/// User text quoted in a message, cut to 80 characters: a hand-edited file may hold a label
/// or value of any length, and every message must stay readable.
fn q(text: &str) -> std::borrow::Cow<'_, str> {
    crate::model::shorten(text, 80)
}

struct Sink<'p, 'o> {
    plan: &'p str,
    out: &'o mut Vec<Diagnostic>,
}

impl Sink<'_, '_> {
    fn push(&mut self, code: &'static str, applet: Option<&str>, exit: Option<&str>, message: String, hint: &str) {
        self.push_at(code, applet, exit, None, message, hint);
    }

    /// A finding about one property of an applet.
    fn push_field(&mut self, code: &'static str, applet: Option<&str>, field: &str, message: String, hint: &str) {
        self.push_at(code, applet, None, Some(field), message, hint);
    }

    /// A finding about one property that reads data source `name` (named, so the window can
    /// show where it is set and read).
    fn push_data_source(&mut self, code: &'static str, applet: Option<&str>, field: &str, name: &str, message: String, hint: &str) {
        self.push_at(code, applet, None, Some(field), message, hint).data_source = Some(name.to_string());
    }

    fn push_at(&mut self, code: &'static str, applet: Option<&str>, exit: Option<&str>, field: Option<&str>, message: String, hint: &str) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            severity: severity_of(code),
            code,
            plan: self.plan.to_string(),
            applet: applet.map(str::to_string),
            exit: exit.map(str::to_string),
            field: field.map(str::to_string),
            data_source: None,
            message,
            hint: hint.to_string(),
        });
        self.out.last_mut().expect("just pushed")
    }
}

fn check_plan(plan: &Plan, ctx: &Context, facts: &Facts, out: &mut Vec<Diagnostic>) {
    let pf = &facts.plans[plan.id.as_str()];
    let mut sink = Sink { plan: &plan.id, out };
    // By position as well as by id: two applets may share an id in a hand-edited file (an
    // error reported below), and each applet's properties are checked against its own exits.
    let exit_lists: Vec<Vec<Cow<str>>> = plan.applets.iter().map(|a| catalog::exit_names(&a.config, ctx.schedules)).collect();
    let mut exits_of: HashMap<&str, &[Cow<str>]> = HashMap::with_capacity_and_hasher(plan.applets.len(), Default::default());
    for (a, exits) in plan.applets.iter().zip(&exit_lists) {
        exits_of.entry(a.id.as_str()).or_insert(exits);
    }

    let reads: Vec<Vec<datasource::Read>> = plan.applets.iter().map(|a| datasource::reads(&a.config)).collect();

    check_structure(plan, &exits_of, &mut sink);
    check_transfer_numbers(plan, &mut sink);
    check_reachability(plan, pf, &exit_lists, &mut sink);
    check_cycles(plan, pf, facts, &mut sink);
    for ((a, reads), exits) in plan.applets.iter().zip(&reads).zip(&exit_lists) {
        check_kind(plan, a, &mut sink);
        check_properties(plan, a, ctx, exits, reads, &mut sink);
    }
    if let Some(keys) = ctx.account_keys {
        check_config_keys(plan, keys, &mut sink);
    }
    check_route(plan, ctx, facts, &mut sink);
    check_data_sources(plan, pf, &facts.inherited[plan.id.as_str()], &reads, &mut sink);
}

/// The length of `name` in characters when it is over the limit.
fn too_long(name: &str) -> Option<usize> {
    let max = crate::model::limits::NAME_MAX_CHARS;
    // A name of at most `max` bytes has at most `max` characters: count only longer ones.
    (name.len() > max).then(|| name.chars().count()).filter(|&n| n > max)
}

fn check_structure(plan: &Plan, exits_of: &HashMap<&str, &[Cow<str>]>, sink: &mut Sink) {
    let max = crate::model::limits::NAME_MAX_CHARS;
    if let Some(n) = too_long(&plan.name) {
        sink.push_field("name-too-long", None, "name", format!("the plan name has {n} characters, more than {max}"), "Shorten the plan's name.");
    }
    let mut seen = HashSet::with_capacity_and_hasher(plan.applets.len(), Default::default());
    for a in &plan.applets {
        if let Some(n) = too_long(&a.label) {
            let label = crate::model::shorten(&a.label, 40);
            sink.push_field("name-too-long", Some(&a.id), "label", format!("the name '{label}' has {n} characters, more than {max}"), "Shorten the applet's name.");
        }
        if !seen.insert(a.id.as_str()) {
            sink.push("applet-duplicate-id", Some(&a.id), None, format!("applet id '{}' is used more than once", a.id), "Give each applet its own id.");
        }
    }
    match plan.start.as_deref() {
        None => sink.push("start-missing", None, None, "the plan has no start applet".into(), "Set the initial applet in the Applet Manager."),
        Some(s) if !exits_of.contains_key(s) => {
            sink.push("start-unknown", None, None, format!("the start applet '{s}' does not exist"), "Choose an existing applet as the initial applet.")
        }
        _ => {}
    }
    if let Some(h) = plan.hangup_applet.as_deref() {
        if !exits_of.contains_key(h) {
            sink.push("hangup-unknown", None, None, format!("the hang-up applet '{h}' does not exist"), "Choose an existing applet, or clear the hang-up applet.");
        }
    }
    let mut wired: HashSet<(&str, &str)> = HashSet::with_capacity_and_hasher(plan.connections.len(), Default::default());
    for c in &plan.connections {
        let Some(exits) = exits_of.get(c.from.as_str()) else {
            sink.push("connection-missing-applet", Some(&c.from), Some(&c.exit), format!("a connection starts at '{}', which does not exist", c.from), "Delete the connection.");
            continue;
        };
        if !exits_of.contains_key(c.to.as_str()) {
            sink.push("connection-missing-applet", Some(&c.from), Some(&c.exit), format!("exit '{}' points to '{}', which does not exist", c.exit, c.to), "Wire the exit to an existing applet, or delete the connection.");
        }
        if !exits.iter().any(|e| *e == c.exit) {
            sink.push(
                "connection-unknown-exit",
                Some(&c.from),
                Some(&c.exit),
                format!("'{}' has no exit '{}'; its exits are: {}", c.from, c.exit, exits.join(", ")),
                "Wire one of the applet's exits instead; derived exits change when rules, options or schedules change.",
            );
        }
        if !wired.insert((&c.from, &c.exit)) {
            sink.push("connection-duplicate-exit", Some(&c.from), Some(&c.exit), format!("exit '{}' of '{}' is wired more than once", c.exit, c.from), "An exit leads to one applet: delete the extra connections.");
        }
    }
}

fn check_reachability(plan: &Plan, pf: &PlanFacts, exit_lists: &[Vec<Cow<str>>], sink: &mut Sink) {
    if plan.start.is_none() {
        return;
    }
    for (a, exits) in plan.applets.iter().zip(exit_lists) {
        if !pf.reaches(&a.id) {
            sink.push("applet-unreachable", Some(&a.id), None, format!("'{}' cannot be reached from the start applet", q(&a.label)), "Wire an exit to it, or delete it.");
            continue;
        }
        for e in exits {
            if pf.graph.target(&a.id, e).is_none() {
                let failure = e == catalog::exit::FAILURE || e == catalog::exit::INTERFACE_FAILURE;
                let code = if failure { "failure-exit-unconnected" } else { "exit-unconnected" };
                sink.push(code, Some(&a.id), Some(e), format!("exit '{}' of '{}' leads nowhere: the run ends there", q(e), q(&a.label)), "Wire the exit to the applet that should handle it.");
            }
        }
    }
}

fn check_cycles(plan: &Plan, pf: &PlanFacts, facts: &Facts, sink: &mut Sink) {
    let loop_counters: HashSet<&str> =
        plan.applets.iter().filter(|a| a.kind() == AppletKind::LoopCounter).map(|a| a.id.as_str()).collect();
    let is_loop_counter = |id: &str| loop_counters.contains(id);
    for cycle in pf.graph.cycles_avoiding(is_loop_counter) {
        sink.push(
            "cycle-without-loop-counter",
            Some(&cycle[0]),
            None,
            format!("a loop through {} has no Loop Counter and can run away", cycle.join(", ")),
            "Put a Loop Counter on the loop.",
        );
    }
    // Cycles of plans, reported on the plan of the cycle that sorts first.
    for ids in &facts.route_cycles {
        if ids[0] == plan.id && !ids.iter().any(|p| facts.plans[p.as_str()].has_loop_counter) {
            sink.push(
                "plan-route-cycle",
                None,
                None,
                format!("Route to Interaction Plan applets form a cycle of plans: {}", ids.join(" → ")),
                "Put a Loop Counter on the way, or break the cycle.",
            );
        }
    }
}

fn check_kind(plan: &Plan, a: &Applet, sink: &mut Sink) {
    let info = catalog::info(a.kind());
    if catalog::allowed_in(a.kind(), plan.plan_type) {
        return;
    }
    if info.live_only && plan.plan_type == PlanType::Unattended {
        sink.push(
            "live-applet-in-unattended",
            Some(&a.id),
            None,
            format!("{} '{}' needs a live interaction, and an Unattended plan runs after the interaction has ended", info.display_name, q(&a.label)),
            &unattended_hint(),
        );
    } else {
        let allowed: Vec<&str> = info.plan_types.iter().map(|t| t.as_str()).collect();
        sink.push(
            "applet-not-allowed",
            Some(&a.id),
            None,
            format!("{} is not offered in {} plans (only in: {})", info.display_name, plan.plan_type, allowed.join(", ")),
            "Replace it with an applet this plan type offers.",
        );
    }
}

/// The hint of `live-applet-in-unattended`: the kinds the catalog offers Unattended plans.
fn unattended_hint() -> String {
    let names: Vec<&str> = catalog::kinds_for(PlanType::Unattended).into_iter().map(|k| catalog::info(k).display_name).collect();
    format!("Use the Unattended applets only: {}.", names.join(", "))
}

/// A light check of email address syntax: local@domain.tld with no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
}

/// The Transfer Manager's entries: each named once, each number well formed, and only on a
/// plan that handles calls. Fields are `transfer_numbers[i].name` / `.number`.
fn check_transfer_numbers(plan: &Plan, sink: &mut Sink) {
    if !plan.transfer_numbers.is_empty() && !plan.is_voice() {
        sink.push_field(
            "transfer-numbers-not-voice",
            None,
            "transfer_numbers",
            format!("Transfer Manager: a {} plan handles no calls, so its {} number(s) are never used", plan_kind(plan), plan.transfer_numbers.len()),
            "Remove the numbers, or keep them in a Default voice plan.",
        );
    }
    let mut seen = HashSet::default();
    for (i, t) in plan.transfer_numbers.iter().enumerate() {
        let (name_path, number_path) = (format!("transfer_numbers[{i}].name"), format!("transfer_numbers[{i}].number"));
        if t.name.trim().is_empty() {
            sink.push_field("transfer-number-invalid", None, &name_path, format!("{} is required", field_label(&name_path)), "Name the number, e.g. Sales.");
        } else if !seen.insert(t.name.as_str()) {
            sink.push_field("transfer-number-invalid", None, &name_path, format!("{}: '{}' is used twice", field_label(&name_path), q(&t.name)), "Give each number its own name.");
        }
        if !limits::is_transfer_number(&t.number) {
            sink.push_field(
                "transfer-number-invalid",
                None,
                &number_path,
                format!("{}: '{}' is not a phone number", field_label(&number_path), q(&t.number)),
                "Write an optional + and 3 to 20 digits, e.g. +442071234567.",
            );
        }
    }
}

fn plan_kind(plan: &Plan) -> String {
    match plan.channel {
        Some(Channel::Digital) if plan.plan_type == PlanType::Default => "Default digital".into(),
        _ => plan.plan_type.to_string(),
    }
}

fn check_properties(plan: &Plan, a: &Applet, ctx: &Context, exits: &[Cow<str>], reads: &[datasource::Read], sink: &mut Sink) {
    let id = Some(a.id.as_str());
    // The field's path is only written out when there is something to report.
    let required = |sink: &mut Sink, value: &str, field: FieldPath| {
        if value.trim().is_empty() {
            sink.push_field("property-required", id, &field.to_string(), format!("{} is required", field_label(&field.to_string())), "Fill it in in the Applet Manager.");
        }
    };
    let range = |sink: &mut Sink, value: u32, bounds: Bounds<u32>, field: &str| {
        let Bounds { min, max } = bounds;
        if !bounds.contains(value) {
            sink.push_field("property-range", id, field, format!("{} is {value}; it must be from {min} to {max}", field_label(field)), "Choose a value in range.");
        }
    };
    let emails = |sink: &mut Sink, list: &[String], field: &str| {
        for (i, addr) in list.iter().enumerate() {
            let is_placeholder = addr.trim().starts_with("$(") && addr.trim().ends_with(')');
            if !is_placeholder && !is_email(addr.trim()) {
                let path = format!("{field}[{i}]");
                sink.push_field("property-email", id, &path, format!("{}: '{}' is not an email address", field_label(&path), q(addr)), "Write name@example.com, or a $(DataSource) placeholder.");
            }
        }
    };
    for r in reads {
        if let Some(f) = &r.formatter {
            if !datasource::FORMATTERS.contains(f) {
                sink.push_field(
                    "placeholder-unknown-formatter",
                    id,
                    &r.field.to_string(),
                    format!("{} uses unknown formatter '{}' on $({})", field_label(&r.field.to_string()), q(f), q(&r.name)),
                    "Known formatters: RemoveLeadingPlus, EscapeDoubleQuotes, ToLowerCase, ToUpperCase.",
                );
            }
        }
    }
    // Most applets have a handful of exits: compare with the earlier ones.
    for (i, e) in exits.iter().enumerate() {
        if exits[..i].contains(e) {
            sink.push("exit-name-duplicate", id, Some(e), format!("'{}' has two exits named '{}'", q(&a.label), q(e)), "Give each rule or option its own exit name.");
        }
    }
    match &a.config {
        AppletConfig::DataConnector(p) => {
            required(sink, &p.url, FieldPath::field("url"));
            range(sink, p.timeout_seconds, limits::CONNECTOR_TIMEOUT_SECONDS, "timeout_seconds");
            for (i, f) in p.fields.iter().enumerate() {
                required(sink, &f.locator, FieldPath::row("fields", i, "locator"));
                required(sink, &f.destination, FieldPath::row("fields", i, "destination"));
            }
            for (i, h) in p.headers.iter().enumerate() {
                required(sink, &h.name, FieldPath::row("headers", i, "name"));
            }
        }
        AppletConfig::DataRouter(p) => {
            let most = limits::ROUTER_RULES_RECOMMENDED_MAX;
            if p.rules.len() > most {
                sink.push_field("router-too-many-rules", id, "rules", format!("Rules: {} rules; more than {most} is discouraged", p.rules.len()), "Chain another Data Router.");
            }
            for (i, r) in p.rules.iter().enumerate() {
                required(sink, &r.source, FieldPath::row("rules", i, "source"));
                if !r.operator.applies_to(r.data_type) {
                    sink.push_at(
                        "property-operator",
                        id,
                        Some(&exits[i]),
                        Some(&format!("rules[{i}].operator")),
                        format!("{}: {:?} does not apply to {:?} values", field_label(&format!("rules[{i}].operator")), r.operator, r.data_type),
                        "Pick an operator for the rule's data type, or change the data type.",
                    );
                } else if r.operator.takes_value() {
                    let bad = match r.data_type {
                        DataType::Text => false,
                        DataType::Number => r.value.trim().parse::<f64>().is_err(),
                        DataType::DateTime => crate::datetime::parse(&r.value).is_none(),
                    };
                    if bad {
                        sink.push_at("property-invalid", id, Some(&exits[i]), Some(&format!("rules[{i}].value")), format!("{}: '{}' is not a {:?}", field_label(&format!("rules[{i}].value")), q(&r.value), r.data_type), "Write a value of the rule's data type.");
                    }
                }
            }
        }
        AppletConfig::SetDataSource(p) => {
            if p.assignments.is_empty() {
                sink.push_field("property-required", id, "assignments", "Assignments: sets no data source".to_string(), "Add a row of name and value.");
            }
            for (i, s) in p.assignments.iter().enumerate() {
                required(sink, &s.name, FieldPath::row("assignments", i, "name"));
                let most = limits::DATA_SOURCE_NAME_MAX_CHARS;
                if s.name.chars().count() > most {
                    let path = format!("assignments[{i}].name");
                    sink.push_field("property-range", id, &path, format!("{} is longer than {most} characters", field_label(&path)), "Shorten the name.");
                }
            }
        }
        AppletConfig::RouteToPlan(p) => {
            if p.plan.is_empty() && p.plan_source.is_empty() {
                sink.push_field("property-required", id, "plan", "Plan is required: choose a plan, or a plan source".to_string(), "Choose a plan, or a data source that holds a plan id.");
            } else if !p.plan.is_empty() {
                match ctx.plans.get(p.plan.as_str()) {
                    None => sink.push_field("route-to-plan-unknown", id, "plan", format!("Plan: '{}' is not in the workspace", q(&p.plan)), "Choose an existing plan."),
                    Some(target) if !p.applet.is_empty() && target.applet(&p.applet).is_none() => sink.push_field(
                        "route-to-plan-unknown",
                        id,
                        "applet",
                        format!("Applet: plan '{}' has no applet '{}'", q(&p.plan), q(&p.applet)),
                        "Choose an applet of the target plan, or leave it empty for its initial applet.",
                    ),
                    _ => {}
                }
            }
        }
        AppletConfig::ScheduleRouter(p) => {
            required(sink, &p.schedule, FieldPath::field("schedule"));
            if !p.schedule.is_empty() {
                match ctx.schedules.get(&p.schedule) {
                    None => sink.push_field("schedule-unknown", id, "schedule", format!("Schedule: '{}' is not in the workspace", q(&p.schedule)), "Choose a schedule from schedules/."),
                    Some(s) => {
                        if s.tz().is_none() {
                            sink.push_field("property-time-zone", id, "schedule", format!("Schedule: '{}' has unknown time zone '{}'", s.id, s.time_zone), "Use an IANA name such as Europe/London.");
                        }
                        // An unknown time zone is reported above, as property-time-zone.
                        let problems = s.problems().into_iter().filter(|p| !matches!(p, ScheduleProblem::UnknownTimeZone(_)));
                        for problem in problems {
                            sink.push_field("schedule-invalid", id, "schedule", format!("Schedule: '{}': {problem}", s.id), "Fix the schedule file.");
                        }
                    }
                }
            }
        }
        AppletConfig::LoopCounter(p) => range(sink, p.max_runs, limits::LOOP_MAX_RUNS, "max_runs"),
        AppletConfig::Pause(p) => match p.seconds() {
            None => sink.push_field("property-invalid", id, "duration", format!("Duration: '{}' is not dd:hh:mm:ss", q(&p.duration)), "Write e.g. 00:01:30:00 for 1 hour 30 minutes."),
            Some(s) if !limits::PAUSE_SECONDS.contains(s) => {
                sink.push_field("property-range", id, "duration", format!("Duration: '{}' must be from 1 second to 30 days", q(&p.duration)), "Choose a duration in range.")
            }
            _ => {}
        },
        AppletConfig::SendEmail(p) => {
            if p.to.is_empty() {
                sink.push_field("property-required", id, "to", "To: has no recipient".to_string(), "Add an address to To.");
            }
            emails(sink, &p.to, "to");
            emails(sink, &p.cc, "cc");
            emails(sink, &p.bcc, "bcc");
            if !p.reply_to.is_empty() {
                emails(sink, std::slice::from_ref(&p.reply_to), "reply_to");
            }
            required(sink, &p.subject, FieldPath::field("subject"));
        }
        AppletConfig::Acd(p) | AppletConfig::Ucd(p) => {
            required(sink, &p.queue, FieldPath::field("queue"));
            range(sink, p.max_time_in_queue_seconds, limits::QUEUE_SECONDS, "max_time_in_queue_seconds");
            range(sink, p.max_estimated_wait_seconds, limits::QUEUE_SECONDS, "max_estimated_wait_seconds");
            range(sink, p.max_queue_length, limits::QUEUE_LENGTH, "max_queue_length");
        }
        AppletConfig::Announcer(p) => {
            if p.text.trim().is_empty() && p.recording.trim().is_empty() {
                sink.push_field("property-required", id, "text", "Text is required, or a recording".to_string(), "Write the text to speak, or name a recording.");
            }
            if p.text.chars().count() > limits::SPEECH_MAX_CHARS {
                sink.push_field("property-range", id, "text", "Text: text to speech is longer than 1,500 characters".to_string(), "Shorten the text, or use a recording.");
            }
        }
        AppletConfig::CollectDigits(p) => {
            required(sink, &p.slot, FieldPath::field("slot"));
            range(sink, p.max_digits, limits::DIGITS, "max_digits");
            range(sink, p.no_input_max, limits::NO_INPUT_MAX, "no_input_max");
        }
        AppletConfig::TransferCall(p) => {
            range(sink, p.no_input_max, limits::NO_INPUT_MAX, "no_input_max");
            for (i, o) in p.options.iter().enumerate() {
                if !limits::is_transfer_key(&o.key) {
                    let path = format!("options[{i}].key");
                    sink.push_field("property-invalid", id, &path, format!("{}: '{}' is not one of 0-9, * or #", field_label(&path), q(&o.key)), "Use a single key.");
                }
                if !o.transfer.is_empty() && plan.transfer_number(&o.transfer).is_none() {
                    let path = format!("options[{i}].transfer");
                    sink.push_field(
                        "transfer-number-unknown",
                        id,
                        &path,
                        format!("{}: '{}' is not in the plan's Transfer Manager", field_label(&path), q(&o.transfer)),
                        "Add the number in the Transfer Manager, or pick one it has.",
                    );
                }
            }
        }
        AppletConfig::TakeMessage(p) => {
            required(sink, &p.mailbox, FieldPath::field("mailbox"));
            range(sink, p.max_seconds, limits::MESSAGE_SECONDS, "max_seconds");
        }
        AppletConfig::SendSms(p) => {
            if !limits::is_sms_sender(&p.from) {
                let (chars, digits) = (limits::SMS_SENDER_MAX_CHARS, limits::SMS_SENDER_MAX_DIGITS);
                sink.push_field("property-invalid", id, "from", format!("From: '{}' must be at most {chars} characters or {digits} digits", q(&p.from)), "Shorten the sender.");
            }
            let Bounds { min, max } = limits::SMS_RECIPIENTS;
            if !limits::SMS_RECIPIENTS.contains(p.to.len()) {
                sink.push_field("property-range", id, "to", format!("To: {} recipients; it must be from {min} to {max}", p.to.len()), "Adjust the recipients.");
            }
            required(sink, &p.text, FieldPath::field("text"));
        }
    }
}

/// Every `#(Key)` a plan's applets use is one of the account's configuration keys. Each key is
/// reported once per field.
fn check_config_keys(plan: &Plan, keys: &BTreeSet<String>, sink: &mut Sink) {
    for a in &plan.applets {
        let mut reported = HashSet::default();
        for r in datasource::config_reads(&a.config) {
            let field = r.field.to_string();
            if keys.contains(r.key) || !reported.insert((r.key, field.clone())) {
                continue;
            }
            sink.push_field(
                "config-key-undefined",
                Some(&a.id),
                &field,
                format!("{}: #({}) is not a configuration key of the account", field_label(&field), q(r.key)),
                "Add the key in Account settings → Configuration keys, or fix the name. At run time a missing key takes Interface Failure.",
            );
        }
    }
}

fn check_route(plan: &Plan, ctx: &Context, facts: &Facts, sink: &mut Sink) {
    let Some(route) = plan.post_interaction_route.as_deref() else { return };
    if !catalog::takes_post_interaction_route(plan.plan_type) {
        sink.push(
            "route-on-unattended",
            None,
            None,
            format!("Unattended plan '{}' has post-interaction route '{route}', but no interaction ends in an Unattended plan", plan.name),
            "Clear the route; use Route to Interaction Plan to continue in another plan.",
        );
        return;
    }
    if route == plan.id {
        sink.push("route-self", None, None, "the post-interaction route is the plan itself".into(), "Choose an Unattended plan as the route.");
        return;
    }
    let Some(target) = ctx.plans.get(route) else {
        sink.push("route-unknown", None, None, format!("post-interaction route '{route}' is not a plan of the workspace"), "Choose an existing Unattended plan, or clear the route.");
        return;
    };
    let (pt, tt) = (plan.plan_type, target.plan_type);
    match catalog::route_policy(pt, tt) {
        RoutePolicy::Recommended | RoutePolicy::NoRoute => {}
        RoutePolicy::Allowed => sink.push(
            "route-not-unattended",
            None,
            None,
            format!("the post-interaction route '{}' is a Default plan", target.name),
            "An Unattended plan is recommended: it offers only applets that work after the interaction.",
        ),
        RoutePolicy::NotAllowed => sink.push(
            "route-type-not-allowed",
            None,
            None,
            format!("a {pt} plan's post-interaction route must be {}, and '{}' is {tt}", route_types_text(pt), target.name),
            "Choose an Unattended plan.",
        ),
    }
    for reached in facts.plans_reached_from(route) {
        let Some(p) = ctx.plans.get(reached) else { continue };
        let pf = &facts.plans[reached];
        for a in p.applets.iter().filter(|a| pf.reaches(&a.id) && catalog::is_live_only(a.kind())) {
            let via = if reached == route { String::new() } else { format!(" (through Route to Interaction Plan into '{reached}')") };
            sink.push(
                "route-reaches-live-applet",
                None,
                None,
                format!(
                    "the post-interaction route '{route}' reaches {} '{}'{via}, which needs a live interaction and does not work after it ends",
                    catalog::info(a.kind()).display_name,
                    a.id
                ),
                "Remove the live-only applet from the route, or use an Unattended route.",
            );
        }
    }
}

/// The plan types a plan may take as its route, as text: "Unattended", "Unattended or Default".
fn route_types_text(from: PlanType) -> String {
    let mut types = catalog::route_types_for(from);
    // The recommended type first.
    types.sort_by_key(|t| catalog::route_policy(from, *t) != RoutePolicy::Recommended);
    let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    names.join(" or ")
}

/// Sets of interned data source names, one bit each, `words` 64-bit words per set, stored
/// end to end: set `i` is `bits[i * words..(i + 1) * words]`.
struct NameSets {
    words: usize,
    bits: Vec<u64>,
}

impl NameSets {
    fn new(names: usize, sets: usize) -> NameSets {
        let words = names.div_ceil(64);
        NameSets { words, bits: vec![0; words * sets] }
    }
    fn set(&self, i: usize) -> &[u64] {
        &self.bits[i * self.words..(i + 1) * self.words]
    }
    fn set_mut(&mut self, i: usize) -> &mut [u64] {
        &mut self.bits[i * self.words..(i + 1) * self.words]
    }
    fn contains(&self, i: usize, name: usize) -> bool {
        self.set(i)[name / 64] & (1 << (name % 64)) != 0
    }
}

fn insert(set: &mut [u64], name: usize) {
    set[name / 64] |= 1 << (name % 64);
}

fn union(into: &mut [u64], other: &[u64]) {
    for (a, b) in into.iter_mut().zip(other) {
        *a |= b;
    }
}

fn check_data_sources(plan: &Plan, pf: &PlanFacts, inherited: &BTreeSet<String>, reads: &[Vec<datasource::Read>], sink: &mut Sink) {
    // Intern the names written in this plan; reads of other names can only be inherited.
    let mut names: HashMap<Cow<str>, usize> = HashMap::default();
    let writes: HashMap<&str, Vec<usize>> = plan
        .applets
        .iter()
        .map(|a| {
            let ids = datasource::writes(&a.config)
                .into_iter()
                .map(|w| {
                    let next = names.len();
                    *names.entry(w).or_insert(next)
                })
                .collect();
            (a.id.as_str(), ids)
        })
        .collect();
    // Data sources possibly set before each applet: a pass over the strongly connected
    // components in topological order. Inside a cyclic component every applet may precede
    // every other, so the component's own writes count too.
    let components = pf.graph.components();
    let count = components.len();
    let mut outs = NameSets::new(names.len(), count);
    let mut insides = NameSets::new(names.len(), count);
    let mut own = vec![0u64; outs.words];
    let mut component_of: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(plan.applets.len(), Default::default());
    for c in 0..count {
        // Predecessor components come earlier, so their sets are final.
        let (done, rest) = outs.bits.split_at_mut(c * outs.words);
        let out = &mut rest[..outs.words];
        for &p in components.predecessors(c) {
            union(out, &done[p * outs.words..(p + 1) * outs.words]);
        }
        own.fill(0);
        for &id in components.members(c) {
            for &w in writes.get(id).into_iter().flatten() {
                insert(&mut own, w);
            }
            component_of.insert(id, c);
        }
        let inside = insides.set_mut(c);
        inside.copy_from_slice(out);
        if components.is_cyclic(c) {
            union(inside, &own);
        }
        union(out, &own);
    }
    for (a, reads) in plan.applets.iter().zip(reads).filter(|(a, _)| pf.reaches(&a.id)) {
        let Some(&c) = component_of.get(a.id.as_str()) else { continue };
        let mut reported = HashSet::default();
        for r in reads {
            let set_earlier = names.get(r.name).is_some_and(|&i| insides.contains(c, i));
            if inherited.contains(r.name) || set_earlier || !reported.insert(r.name) {
                continue;
            }
            sink.push_data_source(
                "data-source-unset",
                Some(&a.id),
                &r.field.to_string(),
                r.name,
                format!("{}: nothing sets '{}' on any path before, and the interaction does not pass it in", field_label(&r.field.to_string()), q(&r.name)),
                "Set it earlier with a Set Data Source or a Data Connector field, or fix the name.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once() {
        let mut seen = HashSet::default();
        for (c, ..) in CODES {
            assert!(seen.insert(c), "{c} listed twice");
        }
    }

    #[test]
    fn names_longer_than_255_characters_are_errors() {
        let mut plan = crate::Plan::new("p", &"é".repeat(256), crate::PlanType::Unattended);
        crate::edit::add_applet(&mut plan, crate::AppletKind::Pause, crate::model::Position { x: 0.0, y: 0.0 }).unwrap();
        plan.applets[0].label = "x".repeat(1_000_000);
        let mut ws = Workspace::default();
        ws.plans.insert("p".into(), crate::workspace::PlanEntry { path: "p.json".into(), plan: plan.clone() });
        let too_long = |ws: &Workspace| {
            validate_workspace(ws).into_iter().filter(|d| d.code == "name-too-long").map(|d| (d.applet, d.field, d.severity)).collect::<Vec<_>>()
        };
        assert_eq!(
            too_long(&ws),
            [(None, Some("name".into()), Severity::Error), (Some("pause".into()), Some("label".into()), Severity::Error)],
            "the plan name (256 two-byte characters) and the 1 MB applet name"
        );
        plan.name = "é".repeat(255);
        plan.applets[0].label = "x".repeat(255);
        ws.plans.get_mut("p").unwrap().plan = plan;
        assert_eq!(too_long(&ws), [], "255 characters are allowed");
    }

    #[test]
    fn email_syntax() {
        assert!(is_email("supervisor@example.com"));
        for bad in ["", "a@", "@b.com", "a b@c.com", "a@b", "a@b.com,c@d.com"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
