//! The interpreter: walks compiled plans for one interaction.
//!
//! It reads no clock and no global randomness: the start time and the generator come in the
//! [`Instance`]. Time is a simulated clock in milliseconds, advanced by scripted live
//! results, connector latencies and Pause. The [`State`] is reused from one interaction to
//! the next, so a batch allocates little per interaction.

use crate::program::{Live, Op, Program, Response, RouteTarget, Rule, RuleValue, Sym};
use crate::record::{Change, ConnectorCall, OutboxMessage, Phase, Step};
use crate::rng::Rng;
use crate::scenario::{self, ConnectorResult};
use crate::stats::{ConnectorTally, Stats};
use chrono::{DateTime, SecondsFormat, Utc};
use planwright::model::{Channel, DataType, Interface, Operator};
use planwright::datetime;
use std::sync::Arc;

/// At most this many applet steps per run (Twilio Studio's limit); then the run ends.
pub const STEP_LIMIT: u32 = 1000;

/// Why a run, or its live part, ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EndKind {
    ExitLeadsNowhere,
    Delivered,
    CallerHungUp,
    RequiresLiveInteraction,
    RouteTargetNotFound,
    NoStartApplet,
    StepLimit,
}

impl EndKind {
    pub const ALL: [EndKind; 7] = [
        EndKind::ExitLeadsNowhere,
        EndKind::Delivered,
        EndKind::CallerHungUp,
        EndKind::RequiresLiveInteraction,
        EndKind::RouteTargetNotFound,
        EndKind::NoStartApplet,
        EndKind::StepLimit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EndKind::ExitLeadsNowhere => "exit-leads-nowhere",
            EndKind::Delivered => "delivered",
            EndKind::CallerHungUp => "caller-hung-up",
            EndKind::RequiresLiveInteraction => "requires-live-interaction",
            EndKind::RouteTargetNotFound => "route-target-not-found",
            EndKind::NoStartApplet => "no-start-applet",
            EndKind::StepLimit => "step-limit",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct End {
    pub kind: EndKind,
    pub plan: u32,
    pub applet: Option<u32>,
    pub exit: Option<u16>,
    pub detail: Option<String>,
}

impl End {
    pub fn message(&self, prog: &Program) -> String {
        let plan = &prog.plans[self.plan as usize].id;
        let at = match self.applet {
            Some(a) => format!("{plan}/{}", prog.applets[a as usize].id),
            None => plan.clone(),
        };
        match self.kind {
            EndKind::ExitLeadsNowhere => {
                let exit = self.applet.zip(self.exit).map(|(a, e)| prog.exit_name(a, e)).unwrap_or("?");
                format!("exit '{exit}' of {at} leads nowhere")
            }
            EndKind::Delivered => format!("delivered to an agent at {at}; the conversation ended"),
            EndKind::CallerHungUp => format!("the caller hung up in {at}"),
            EndKind::RequiresLiveInteraction => {
                let kind = self.applet.map(|a| prog.applets[a as usize].kind.as_str()).unwrap_or("?");
                format!("{at} ({kind}) requires a live interaction, and the interaction has ended; the route ends here")
            }
            EndKind::RouteTargetNotFound => {
                format!("route target '{}' not found (from {at})", self.detail.as_deref().unwrap_or(""))
            }
            EndKind::NoStartApplet => format!("plan '{plan}' has no start applet"),
            EndKind::StepLimit => format!("step limit of {STEP_LIMIT} reached at {at}: does the plan loop without end?"),
        }
    }
}

/// The inputs of one interaction, drawn from a scenario.
#[derive(Debug, Clone)]
pub struct Instance {
    pub index: u64,
    pub seed: u64,
    pub channel: Option<Channel>,
    pub clid: Arc<str>,
    pub dialed_number: Arc<str>,
    pub language: Arc<str>,
    pub start_ms: i64,
    /// The outcome the scenario fixes, if any.
    pub outcome: Option<Arc<str>>,
    pub data: Vec<(Sym, Arc<str>)>,
    /// Cumulative thresholds of success, HTTP error and failure (else timeout) for every
    /// connector call, when the scenario varies them.
    pub connector_thresholds: Option<[f64; 3]>,
    /// Distributions of queue waits, conversations and connector latency, when the scenario
    /// varies them (drawn from the interaction's generator as the run needs them).
    pub timing: Option<Arc<crate::scenario::Timing>>,
    /// The plan it enters (the simulation's entry, or its destination's plan).
    pub entry: u32,
    /// The destination of the distribution it was made to, if any.
    pub arrival: Option<u32>,
    /// The interaction's generator, after drawing the instance.
    pub rng: Rng,
}

/// Scratch state of one interaction, reused across interactions.
#[derive(Debug, Default)]
pub struct State {
    pub ds: Vec<Option<Arc<str>>>,
    passes: Vec<u32>,
    loops: Vec<u32>,
    clock_ms: i64,
    steps: u32,
    derived_outcome: Option<&'static str>,
    /// A queue's time limit changed what the scenario scripted or implied: the outcome
    /// derived from what happened then wins over the scenario's.
    limited: bool,
    last_live_plan: u32,
    rng: Rng,
    scratch: Vec<(Sym, Arc<str>)>,
    changes: Vec<(Sym, Option<Arc<str>>)>,
    /// Set by a load run: the queues' answers come from the load model, not the scenario.
    pub feed: Option<QueueFeed>,
}

/// What a queue (ACD or UCD) did with the interaction in a load run, decided by the load
/// model from the queue's state ([`crate::load`]). The interpreter plays it as it plays a
/// scripted result: the same exits, data sources and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueResult {
    pub verdict: QueueVerdict,
    /// Time in the queue before the verdict.
    pub wait_ms: u64,
    /// Talk plus wrap-up, for a delivered interaction.
    pub handle_ms: u64,
    /// The agent who took it, for a delivered interaction.
    pub agent: Option<Arc<str>>,
    /// What the queue looked like when the interaction entered.
    pub snapshot: QueueSnapshot,
}

/// How an interaction left a queue in a load run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QueueVerdict {
    Delivered,
    /// The caller's patience ran out first: they hung up.
    HangUp,
    /// The caller's patience ran out and they pressed the queue's breakout key.
    Breakout,
    MaxTimeInQueue,
    MaxQueueLength,
    EstimatedWait,
    NoAgents,
}

impl QueueVerdict {
    pub const ALL: [QueueVerdict; 7] = [
        QueueVerdict::Delivered,
        QueueVerdict::HangUp,
        QueueVerdict::Breakout,
        QueueVerdict::MaxTimeInQueue,
        QueueVerdict::MaxQueueLength,
        QueueVerdict::EstimatedWait,
        QueueVerdict::NoAgents,
    ];

    /// The InteractionOutcome it implies (the names of [`crate::scenario::QUEUE_RESULTS`]).
    pub fn outcome(self) -> &'static str {
        match self {
            QueueVerdict::Delivered => "Delivered",
            QueueVerdict::HangUp => "HangUpInQueue",
            QueueVerdict::Breakout => "Breakout",
            QueueVerdict::MaxTimeInQueue => "QueueTimeout",
            QueueVerdict::MaxQueueLength => "Other",
            QueueVerdict::EstimatedWait => "MaxEstimatedWaitTime",
            QueueVerdict::NoAgents => "NoAgentsLoggedIn",
        }
    }

    /// A stable code for reports.
    pub fn code(self) -> &'static str {
        match self {
            QueueVerdict::Delivered => "delivered",
            QueueVerdict::HangUp => "hang_up",
            QueueVerdict::Breakout => "breakout",
            QueueVerdict::MaxTimeInQueue => "max_time_in_queue",
            QueueVerdict::MaxQueueLength => "max_queue_length",
            QueueVerdict::EstimatedWait => "estimated_wait",
            QueueVerdict::NoAgents => "no_agents",
        }
    }
}

/// The queue's state as the interaction entered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueSnapshot {
    /// 1 for the first in line.
    pub position: u32,
    pub agents_busy: u32,
    pub agents_logged_in: u32,
    pub estimated_wait_s: u64,
}

/// A load run's link to the interpreter: the queue answers decided so far, in the order the
/// run meets its queues, and where the run stopped to ask for the next one.
#[derive(Debug, Clone, Default)]
pub struct QueueFeed {
    pub results: Vec<QueueResult>,
    used: usize,
    /// The queue applet the run reached, and when, with no answer for it yet.
    pub pending: Option<(u32, i64)>,
    /// When each Data Connector call, email and SMS happened (applet, ms).
    pub timeline: Vec<(u32, i64)>,
}

impl State {
    /// Moves the simulated clock on; a scripted or drawn time too large for it stops the clock
    /// at its end instead of wrapping.
    fn advance_ms(&mut self, ms: u64) {
        self.clock_ms = self.clock_ms.saturating_add(i64::try_from(ms).unwrap_or(i64::MAX));
    }

    fn advance_s(&mut self, seconds: u64) {
        self.advance_ms(seconds.saturating_mul(1000));
    }
}

/// The full trace of a run, collected only when asked for.
#[derive(Debug, Default)]
pub struct Trace {
    pub steps: Vec<Step>,
    pub outbox: Vec<OutboxMessage>,
    pub calls: Vec<ConnectorCall>,
    /// Data sources the platform set when the interaction ended (not any step's change).
    pub ended_with: Vec<crate::record::Change>,
}

/// What a run came to.
#[derive(Debug, Clone)]
pub struct RunOutput {
    pub end: End,
    pub interaction_end: Option<End>,
    pub start_ms: i64,
    pub end_ms: i64,
    pub outcome: Option<Arc<str>>,
    pub steps: u32,
    /// A load run stopped at a queue to ask the load model (see [`QueueFeed::pending`]); the
    /// run counted nothing and is run again with the answer.
    pub suspended: bool,
}

enum Flow {
    Exit(u16),
    Goto(u32),
    Stop(End),
}

struct Run<'a> {
    prog: &'a Program,
    inst: &'a Instance,
    st: &'a mut State,
    stats: &'a mut Stats,
    trace: Option<&'a mut Trace>,
}

fn fmt_time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Runs one interaction from the start of plan `entry`.
pub fn run(
    prog: &Program,
    entry: u32,
    inst: &Instance,
    st: &mut State,
    stats: &mut Stats,
    trace: Option<&mut Trace>,
) -> RunOutput {
    let n_sym = prog.symbols.len();
    st.ds.clear();
    st.ds.resize(n_sym, None);
    st.passes.clear();
    st.passes.resize(prog.applets.len(), 0);
    st.loops.clear();
    st.loops.resize(prog.applets.len(), 0);
    st.clock_ms = inst.start_ms;
    st.steps = 0;
    st.derived_outcome = None;
    st.limited = false;
    st.last_live_plan = entry;
    st.rng = inst.rng.clone();
    st.changes.clear();
    if let Some(f) = st.feed.as_mut() {
        f.used = 0;
        f.pending = None;
        f.timeline.clear();
    }

    let b = prog.builtins;
    let guid = {
        let (x, y) = (st.rng.next_u64(), st.rng.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            x >> 32,
            (x >> 16) & 0xffff,
            x & 0xfff,
            ((y >> 48) & 0x3fff) | 0x8000,
            y & 0xffff_ffff_ffff
        )
    };
    st.ds[b.call_guid as usize] = Some(Arc::from(guid.as_str()));
    st.ds[b.clid as usize] = Some(inst.clid.clone());
    st.ds[b.display_name as usize] = Some(inst.clid.clone());
    st.ds[b.dialed_number as usize] = Some(inst.dialed_number.clone());
    st.ds[b.language as usize] = Some(inst.language.clone());
    st.ds[b.start_time as usize] =
        Some(Arc::from(fmt_time(inst.start_ms).to_rfc3339_opts(SecondsFormat::Secs, true).as_str()));
    for (sym, v) in &inst.data {
        st.ds[*sym as usize] = Some(v.clone());
    }

    let mut r = Run { prog, inst, st, stats, trace };
    let plan = &prog.plans[entry as usize];
    let (end, interaction_end) = if plan.plan_type.is_live() {
        let e = r.walk(entry, plan.start, Phase::Live, true);
        if r.st.feed.as_ref().is_some_and(|f| f.pending.is_some()) {
            // A load run stopped at a queue with no answer yet: nothing is counted.
            let at = r.st.clock_ms;
            return RunOutput { end: e, interaction_end: None, start_ms: inst.start_ms, end_ms: at, outcome: None, steps: r.st.steps, suspended: true };
        }
        let interaction_end = Some(e.clone());
        let end = if e.kind == EndKind::StepLimit {
            r.finish_outcome();
            e
        } else {
            r.finish_outcome();
            let live_plan = r.st.last_live_plan;
            let mut end = e.clone();
            if e.kind == EndKind::CallerHungUp {
                if let Some(h) = prog.plans[e.plan as usize].hangup {
                    end = r.walk(e.plan, Some(h), Phase::HangUp, false);
                }
            }
            if end.kind != EndKind::StepLimit {
                match &prog.plans[live_plan as usize].post_route {
                    None => {}
                    Some(Err(id)) => {
                        end = End {
                            kind: EndKind::RouteTargetNotFound,
                            plan: live_plan,
                            applet: None,
                            exit: None,
                            detail: Some(id.clone()),
                        }
                    }
                    Some(Ok(p)) => end = r.walk(*p, prog.plans[*p as usize].start, Phase::Post, false),
                }
            }
            end
        };
        (end, interaction_end)
    } else {
        // An Unattended plan run on its own stands for a route after an interaction: the
        // scenario's outcome is that interaction's InteractionOutcome (data it passes wins).
        let sym = b.outcome as usize;
        if let Some(o) = inst.outcome.as_ref().filter(|o| !o.is_empty()) {
            if r.st.ds[sym].as_deref().is_none_or(str::is_empty) {
                r.st.ds[sym] = Some(o.clone());
            }
        }
        (r.walk(entry, plan.start, Phase::Unattended, false), None)
    };

    let st = r.st;
    let stats = r.stats;
    let outcome = st.ds[b.outcome as usize].clone();
    stats.interactions += 1;
    stats.steps += st.steps as u64;
    stats.run_ends[end.kind as usize] += 1;
    if let Some(e) = &interaction_end {
        stats.interaction_ends[e.kind as usize] += 1;
    }
    if let Some(o) = &outcome {
        match stats.outcomes.get_mut(&**o) {
            Some(c) => *c += 1,
            None => {
                stats.outcomes.insert(o.to_string(), 1);
            }
        }
    }
    *stats.durations_ms.entry(st.clock_ms - inst.start_ms).or_insert(0) += 1;
    RunOutput { end, interaction_end, start_ms: inst.start_ms, end_ms: st.clock_ms, outcome, steps: st.steps, suspended: false }
}

/// Case-insensitive text comparison against an already lower-cased rule value.
fn text_match(op: Operator, value: &str, rule: &str) -> Option<bool> {
    let lowered;
    let v: &str = if value.is_ascii() {
        value
    } else {
        lowered = value.to_lowercase();
        &lowered
    };
    let (vb, rb) = (v.as_bytes(), rule.as_bytes());
    let eq = || vb.len() == rb.len() && vb.eq_ignore_ascii_case(rb);
    let contains = || rb.is_empty() || vb.windows(rb.len()).any(|w| w.eq_ignore_ascii_case(rb));
    Some(match op {
        Operator::Equals => eq(),
        Operator::NotEquals => !eq(),
        Operator::Contains => contains(),
        Operator::DoesNotContain => !contains(),
        Operator::StartsWith => vb.len() >= rb.len() && vb[..rb.len()].eq_ignore_ascii_case(rb),
        _ => return None,
    })
}

/// Whether a rule matches a value: `None` when the rule is skipped (the value is null or does
/// not convert to the rule's data type, or the operator does not apply to it).
pub fn rule_matches(rule: &Rule, value: Option<&str>) -> Option<bool> {
    let null = value.is_none_or(|v| v.is_empty());
    match rule.operator {
        Operator::IsNull => return Some(null),
        Operator::IsNotNull => return Some(!null),
        _ => {}
    }
    if null || !rule.operator.applies_to(rule.data_type) {
        return None;
    }
    let value = value.unwrap_or_default();
    match (rule.data_type, &rule.value) {
        (DataType::Text, RuleValue::Text(r)) => text_match(rule.operator, value, r),
        (DataType::Number, RuleValue::Number(r)) => {
            let v: f64 = value.trim().parse().ok()?;
            Some(match rule.operator {
                Operator::Equals => v == *r,
                Operator::NotEquals => v != *r,
                Operator::GreaterThan => v > *r,
                Operator::GreaterThanOrEqual => v >= *r,
                Operator::LessThan => v < *r,
                Operator::LessThanOrEqual => v <= *r,
                _ => return None,
            })
        }
        (DataType::DateTime, RuleValue::DateTime(r)) => {
            let v = datetime::parse(value)?;
            Some(match rule.operator {
                Operator::Equals => v == *r,
                Operator::NotEquals => v != *r,
                Operator::Before => v < *r,
                Operator::After => v > *r,
                _ => return None,
            })
        }
        _ => None,
    }
}

/// A rendered address is usable when it has a non-empty local part and domain.
fn is_address(a: &str) -> bool {
    a.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty() && !domain.contains('@'))
}

/// A live result to play: scripted, or the documented default.
struct Choice<'a> {
    hang_up: bool,
    exit: u16,
    seconds: u64,
    talk_seconds: u64,
    agent: Option<&'a Arc<str>>,
    digits: Option<&'a Arc<str>>,
}

impl<'a> Run<'a> {
    fn tracing(&self) -> bool {
        self.trace.is_some()
    }

    fn set(&mut self, sym: Sym, value: Option<Arc<str>>) {
        if self.trace.is_some() {
            self.st.changes.push((sym, value.clone()));
        }
        self.st.ds[sym as usize] = value;
    }

    fn finish_outcome(&mut self) {
        let sym = self.prog.builtins.outcome;
        if self.st.ds[sym as usize].as_deref().is_some_and(|v| !v.is_empty()) {
            return; // The plan set it: that value wins.
        }
        let value: Arc<str> = match (&self.inst.outcome, self.st.derived_outcome) {
            (_, Some(d)) if self.st.limited => Arc::from(d),
            (Some(o), _) if !o.is_empty() => o.clone(),
            (_, Some(d)) => Arc::from(d),
            _ => Arc::from("Other"),
        };
        if let Some(t) = self.trace.as_mut() {
            t.ended_with.push(crate::record::Change { name: self.prog.symbols.name(sym).to_string(), value: Some(value.to_string()) });
        }
        self.st.ds[sym as usize] = Some(value);
    }

    fn end(&self, kind: EndKind, applet: u32) -> End {
        End { kind, plan: self.prog.applets[applet as usize].plan, applet: Some(applet), exit: None, detail: None }
    }

    fn walk(&mut self, plan: u32, start: Option<u32>, phase: Phase, live: bool) -> End {
        let Some(mut cur) = start else {
            return End { kind: EndKind::NoStartApplet, plan, applet: None, exit: None, detail: None };
        };
        let prog = self.prog;
        loop {
            if self.st.steps >= STEP_LIMIT {
                return self.end(EndKind::StepLimit, cur);
            }
            self.st.steps += 1;
            self.stats.visits[cur as usize] += 1;
            let a = &prog.applets[cur as usize];
            if live && prog.plans[a.plan as usize].plan_type.is_live() {
                self.st.last_live_plan = a.plan;
            }
            let at_ms = self.st.clock_ms;
            let mut note = String::new();
            let flow = self.step(cur, live, &mut note);
            if let Some(trace) = self.trace.as_deref_mut() {
                let exit = match &flow {
                    Flow::Exit(l) => Some(prog.exit_name(cur, *l).to_string()),
                    _ => None,
                };
                let changes = self
                    .st
                    .changes
                    .drain(..)
                    .map(|(s, v)| Change { name: prog.symbols.name(s).to_string(), value: v.map(|v| v.to_string()) })
                    .collect();
                trace.steps.push(Step {
                    seq: self.st.steps,
                    phase,
                    plan: prog.plans[a.plan as usize].id.clone(),
                    applet: a.id.clone(),
                    kind: a.kind.as_str().to_string(),
                    exit,
                    at: fmt_time(at_ms),
                    note,
                    changes,
                });
            }
            match flow {
                Flow::Exit(l) => {
                    self.stats.exits[(a.exit_base + l as u32) as usize] += 1;
                    match a.targets[l as usize] {
                        Some(t) => cur = t,
                        None => {
                            let kind = if a.delivered() == Some(l) {
                                EndKind::Delivered
                            } else {
                                EndKind::ExitLeadsNowhere
                            };
                            return End { kind, plan: a.plan, applet: Some(cur), exit: Some(l), detail: None };
                        }
                    }
                }
                Flow::Goto(t) => cur = t,
                Flow::Stop(end) => return end,
            }
        }
    }

    fn step(&mut self, cur: u32, live: bool, note: &mut String) -> Flow {
        let prog = self.prog;
        let a = &prog.applets[cur as usize];
        let tracing = self.tracing();
        match &a.op {
            Op::Router { rules, default } => {
                let hit = rules.iter().position(|r| rule_matches(r, self.st.ds[r.source as usize].as_deref()) == Some(true));
                if tracing {
                    *note = match hit {
                        Some(i) => format!(
                            "rule {} matched: {} = '{}'",
                            i + 1,
                            prog.symbols.name(rules[i].source),
                            self.st.ds[rules[i].source as usize].as_deref().unwrap_or("")
                        ),
                        None => "no rule matched".to_string(),
                    };
                }
                Flow::Exit(hit.map_or(*default, |i| i as u16))
            }
            Op::Set { assignments, next } => {
                // Every value is read as the data sources were before this applet.
                let mut scratch = std::mem::take(&mut self.st.scratch);
                scratch.extend(assignments.iter().map(|(sym, t)| (*sym, t.render(&self.st.ds))));
                for (sym, v) in scratch.drain(..) {
                    self.set(sym, Some(v));
                }
                self.st.scratch = scratch;
                if tracing {
                    *note = format!("set {} data source(s)", assignments.len());
                }
                Flow::Exit(*next)
            }
            Op::Connector(c) => self.connector(cur, c, note),
            Op::Route { target, applet } => {
                let (plan, name) = match target {
                    RouteTarget::Plan(p, name) => (*p, name.as_str()),
                    RouteTarget::Source(sym) => {
                        let id = self.st.ds[*sym as usize].as_deref().unwrap_or("");
                        (prog.plan_index.get(id).copied(), id)
                    }
                };
                let not_found = |detail: String| {
                    Flow::Stop(End {
                        kind: EndKind::RouteTargetNotFound,
                        plan: a.plan,
                        applet: Some(cur),
                        exit: None,
                        detail: Some(detail),
                    })
                };
                let Some(p) = plan else { return not_found(name.to_string()) };
                let target = &prog.plans[p as usize];
                let to = if applet.is_empty() { target.start } else { target.applets.get(applet).copied() };
                match to {
                    Some(t) => {
                        if tracing {
                            *note = format!("continues in plan '{}'", target.id);
                        }
                        Flow::Goto(t)
                    }
                    None if applet.is_empty() => {
                        Flow::Stop(End { kind: EndKind::NoStartApplet, plan: p, applet: None, exit: None, detail: None })
                    }
                    None => not_found(format!("{}/{applet}", target.id)),
                }
            }
            Op::Schedule { schedule, statuses, default, failure } => {
                let now = fmt_time(self.st.clock_ms);
                let status = schedule.as_ref().and_then(|s| s.status_at(now));
                // The status is the schedule's answer, matched against the statuses compiled
                // as this applet's derived exits.
                let exit = match &status {
                    None => *failure,
                    Some(s) => statuses.iter().position(|x| x == s).map_or(*default, |i| i as u16),
                };
                if tracing {
                    *note = match (&status, schedule) {
                        (Some(s), _) => format!("status '{s}' at {}", now.to_rfc3339_opts(SecondsFormat::Secs, true)),
                        (None, None) => "unknown schedule: no status".to_string(),
                        (None, Some(_)) => "the schedule returned no status".to_string(),
                    };
                }
                Flow::Exit(exit)
            }
            Op::Loop { max, next, after_maximum } => {
                let count = &mut self.st.loops[cur as usize];
                *count += 1;
                let pass = *count;
                if pass > *max {
                    *count = 0;
                }
                if tracing {
                    *note = if pass > *max {
                        format!("pass {pass} exceeds the maximum of {max}; the count starts again from 0")
                    } else {
                        format!("pass {pass} of {max}")
                    };
                }
                Flow::Exit(if pass > *max { *after_maximum } else { *next })
            }
            Op::Pause { seconds, resume } => {
                match seconds {
                    Some(s) => {
                        self.st.advance_s(*s as u64);
                        if tracing {
                            *note = format!("paused {s} s (simulated)");
                        }
                    }
                    None => {
                        if tracing {
                            *note = "malformed duration: resumed without waiting".to_string();
                        }
                    }
                }
                Flow::Exit(*resume)
            }
            Op::Email(e) => {
                let split = |ts: &[crate::template::Template], ds: &[Option<Arc<str>>]| -> Vec<String> {
                    ts.iter()
                        .flat_map(|t| crate::template::recipients(&t.render_string(ds)).map(str::to_string).collect::<Vec<_>>())
                        .collect()
                };
                let (to, cc, bcc) = (split(&e.to, &self.st.ds), split(&e.cc, &self.st.ds), split(&e.bcc, &self.st.ds));
                let all = || to.iter().chain(&cc).chain(&bcc);
                let bad = all().find(|a| !is_address(a)).cloned();
                if all().next().is_none() || bad.is_some() {
                    if tracing {
                        *note = match bad {
                            Some(b) => format!("not sent: '{b}' is not an email address"),
                            None => "not sent: no recipient".to_string(),
                        };
                    }
                    return Flow::Exit(e.failure);
                }
                self.stats.emails += 1;
                self.mark(cur);
                if let Some(trace) = self.trace.as_deref_mut() {
                    *note = format!("email to {} rendered into the outbox", to.join(", "));
                    let ds = &self.st.ds;
                    trace.outbox.push(OutboxMessage {
                        step: self.st.steps,
                        channel: "email".into(),
                        to,
                        cc,
                        bcc,
                        reply_to: e.reply_to.render_string(ds),
                        subject: e.subject.render_string(ds),
                        body: e.body.render_string(ds),
                    });
                }
                Flow::Exit(e.next)
            }
            Op::Live { scripts, slot, sms, queue, transfers, .. } => {
                if !live {
                    if tracing {
                        *note = "requires a live interaction".to_string();
                    }
                    return Flow::Stop(self.end(EndKind::RequiresLiveInteraction, cur));
                }
                let pass = self.st.passes[cur as usize];
                self.st.passes[cur as usize] += 1;
                if let (Some(q), Some(feed)) = (queue, self.st.feed.as_mut()) {
                    // A load run: the load model decides what the queue does.
                    let Some(result) = feed.results.get(feed.used).cloned() else {
                        feed.pending = Some((cur, self.st.clock_ms));
                        return Flow::Stop(self.end(EndKind::CallerHungUp, cur));
                    };
                    feed.used += 1;
                    return self.play_queue_result(cur, q, result, note);
                }
                let choice = match scripts.get((pass as usize).min(scripts.len().saturating_sub(1))) {
                    Some(Live { hang_up, exit, seconds, talk_seconds, agent, digits }) => Choice {
                        hang_up: *hang_up,
                        exit: *exit,
                        seconds: *seconds,
                        talk_seconds: *talk_seconds,
                        agent: Some(agent),
                        digits: digits.as_ref(),
                    },
                    None => self.default_choice(cur),
                };
                let mut choice = choice;
                let mut limited = None;
                if let Some(q) = queue {
                    // The queue's limits act on simulated time: an estimated wait above the
                    // threshold breaks out at once (the wait to an agent is the estimate), and
                    // no one waits longer than the maximum time in queue.
                    let waits_for_agent = !choice.hang_up && choice.exit == q.delivered;
                    if waits_for_agent && q.max_estimated_wait_s > 0 && choice.seconds > q.max_estimated_wait_s {
                        limited = Some(format!("estimated wait {} s is over {} s", choice.seconds, q.max_estimated_wait_s));
                        choice = Choice { hang_up: false, exit: q.estimated_wait, seconds: 0, ..choice };
                    } else if q.max_time_in_queue_s > 0 && choice.seconds > q.max_time_in_queue_s && (waits_for_agent || choice.hang_up || choice.exit != q.max_time_in_queue) {
                        limited = Some(format!("maximum time in queue {} s reached (the script waits {} s)", q.max_time_in_queue_s, choice.seconds));
                        choice = Choice { hang_up: false, exit: q.max_time_in_queue, seconds: q.max_time_in_queue_s, ..choice };
                    }
                }
                self.st.limited |= limited.is_some();
                self.st.advance_s(choice.seconds);
                if choice.hang_up {
                    self.st.derived_outcome = Some(if queue.is_some() { "HangUpInQueue" } else { "HangUpIVR" });
                    if tracing {
                        *note = format!("the caller hung up after {} s", choice.seconds);
                    }
                    return Flow::Stop(self.end(EndKind::CallerHungUp, cur));
                }
                if let Some(q) = queue {
                    self.st.derived_outcome = Some(q.outcomes[choice.exit as usize]);
                    if choice.exit == q.delivered {
                        let agent = choice.agent.cloned().unwrap_or_else(|| Arc::from("agent-1"));
                        self.set(prog.builtins.first_agent, Some(agent));
                        self.st.advance_s(choice.talk_seconds);
                        if tracing {
                            *note = format!(
                                "delivered after {} s in queue; {} s of conversation",
                                choice.seconds, choice.talk_seconds
                            );
                        }
                    } else if tracing {
                        *note = match &limited {
                            Some(why) => format!("left the queue after {} s: {why}", choice.seconds),
                            None => format!("left the queue after {} s", choice.seconds),
                        };
                    }
                } else if tracing {
                    *note = match transfers.get(choice.exit as usize).and_then(Option::as_ref) {
                        Some(to) => format!("transferred to {to} after {} s", choice.seconds),
                        None => format!("scripted: {} s", choice.seconds),
                    };
                }
                if let (Some(slot), Some(d)) = (slot, choice.digits) {
                    self.set(*slot, Some(d.clone()));
                }
                if let Some(sms) = sms {
                    self.stats.sms += 1;
                    self.mark(cur);
                    if let Some(trace) = self.trace.as_deref_mut() {
                        let ds = &self.st.ds;
                        trace.outbox.push(OutboxMessage {
                            step: self.st.steps,
                            channel: "sms".into(),
                            to: sms.0.iter().map(|t| t.render_string(ds)).collect(),
                            cc: Vec::new(),
                            bcc: Vec::new(),
                            reply_to: String::new(),
                            subject: String::new(),
                            body: sms.1.render_string(ds),
                        });
                    }
                }
                Flow::Exit(choice.exit)
            }
        }
    }

    /// In a load run, notes when a Data Connector call, an email or an SMS happens.
    fn mark(&mut self, cur: u32) {
        if let Some(f) = self.st.feed.as_mut() {
            f.timeline.push((cur, self.st.clock_ms));
        }
    }

    /// Plays a queue's answer from the load model: the same exits, data sources and outcome
    /// as a scripted result, with the times in milliseconds.
    fn play_queue_result(&mut self, cur: u32, q: &crate::program::Queue, r: QueueResult, note: &mut String) -> Flow {
        let tracing = self.tracing();
        let s = r.snapshot;
        let entered = || {
            format!(
                "entered at position {} with {} of {} agents busy (estimated wait {} s)",
                s.position, s.agents_busy, s.agents_logged_in, s.estimated_wait_s
            )
        };
        let waited = r.wait_ms as f64 / 1000.0;
        self.st.advance_ms(r.wait_ms);
        // The queue's real state decided: that outcome wins over one a scenario fixes.
        self.st.limited = true;
        if r.verdict == QueueVerdict::HangUp {
            self.st.derived_outcome = Some("HangUpInQueue");
            if tracing {
                *note = format!("{}; the caller hung up after {waited:.1} s", entered());
            }
            return Flow::Stop(self.end(EndKind::CallerHungUp, cur));
        }
        let exit = q.for_outcome.iter().find(|(o, _)| *o == r.verdict.outcome()).and_then(|(_, e)| *e).unwrap_or(q.delivered);
        self.st.derived_outcome = Some(q.outcomes[exit as usize]);
        if r.verdict == QueueVerdict::Delivered {
            let agent = r.agent.clone().unwrap_or_else(|| Arc::from("agent-1"));
            if tracing {
                *note = format!(
                    "{}; delivered to {agent} after {waited:.1} s in queue; {:.1} s of talk and wrap-up",
                    entered(),
                    r.handle_ms as f64 / 1000.0
                );
            }
            let first_agent = self.prog.builtins.first_agent;
            self.set(first_agent, Some(agent));
            self.st.advance_ms(r.handle_ms);
        } else if tracing {
            let why = match r.verdict {
                QueueVerdict::Breakout => "the caller pressed the breakout key",
                QueueVerdict::MaxTimeInQueue => "maximum time in queue reached",
                QueueVerdict::MaxQueueLength => "the queue was at its maximum length",
                QueueVerdict::EstimatedWait => "the estimated wait was over the maximum",
                QueueVerdict::NoAgents => "no agents logged in",
                QueueVerdict::Delivered | QueueVerdict::HangUp => unreachable!("handled above"),
            };
            *note = format!("{}; left the queue after {waited:.1} s: {why}", entered());
        }
        Flow::Exit(exit)
    }

    fn default_choice(&mut self, cur: u32) -> Choice<'static> {
        let a = &self.prog.applets[cur as usize];
        let Op::Live { default_exit, queue, .. } = &a.op else { unreachable!("only live applets make a live choice") };
        let (_, seconds) = scenario::live_default(a.kind);
        let outcome = self.inst.outcome.as_deref().unwrap_or("");
        let mut choice = Choice { hang_up: false, exit: *default_exit, seconds, talk_seconds: 180, agent: None, digits: None };
        if outcome == "HangUpIVR" {
            choice.hang_up = true;
        } else if let Some(q) = queue {
            match q.for_outcome.iter().find(|(o, _)| *o == outcome) {
                Some((_, Some(e))) => choice.exit = *e,
                Some((_, None)) => choice.hang_up = true,
                None => {}
            }
            // The queue's times follow the scenario's distributions, for the outcome it takes.
            if let Some(t) = self.inst.timing.clone() {
                let took = if choice.hang_up { "HangUpInQueue" } else { q.outcomes[choice.exit as usize] };
                if let Some(d) = t.queue_wait_by_outcome.get(took).or(t.queue_wait_seconds.as_ref()) {
                    choice.seconds = d.sample(&mut self.st.rng).round() as u64;
                }
                if choice.exit == q.delivered && !choice.hang_up {
                    if let Some(d) = &t.talk_seconds {
                        choice.talk_seconds = d.sample(&mut self.st.rng).round() as u64;
                    }
                }
            }
        }
        choice
    }

    fn connector(&mut self, cur: u32, c: &crate::program::Connector, note: &mut String) -> Flow {
        let tracing = self.tracing();
        let request = tracing.then(|| (c.url.render_string(&self.st.ds), c.body.render_string(&self.st.ds)));
        let pass = self.st.passes[cur as usize] as usize;
        self.st.passes[cur as usize] += 1;
        let scripted = &c.responses[pass.min(c.responses.len() - 1)];
        if c.missing_config.is_none() {
            self.mark(cur);
        }
        let (response, result): (&Response, ConnectorResult) = if c.missing_config.is_some() {
            (scripted, ConnectorResult::ConnectFailure)
        } else {
            match self.inst.connector_thresholds {
                None => (scripted, scripted.result),
                Some(t) => {
                    let u = self.st.rng.unit();
                    if u < t[0] {
                        (scripted, scripted.result)
                    } else if u < t[1] {
                        (&c.http_error, ConnectorResult::Response)
                    } else if u < t[2] {
                        (scripted, ConnectorResult::ConnectFailure)
                    } else {
                        (scripted, ConnectorResult::Timeout)
                    }
                }
            }
        };
        // The scripted latency, or one drawn from the scenario's distribution.
        let latency_ms = match self.inst.timing.as_ref().and_then(|t| t.connector_latency_ms.as_ref()) {
            Some(d) => d.sample(&mut self.st.rng).round() as u64,
            None => response.latency_ms,
        };
        let (tally, exit, status) = if let Some(key) = &c.missing_config {
            if tracing {
                *note = format!("#({key}) is not configured: interface failure");
            }
            (ConnectorTally::MissingConfig, c.failure, None)
        } else {
            match result {
                ConnectorResult::ConnectFailure => {
                    self.st.advance_ms(latency_ms);
                    if tracing {
                        *note = "could not connect: interface failure".to_string();
                    }
                    (ConnectorTally::ConnectFailure, c.failure, None)
                }
                ConnectorResult::Timeout => {
                    self.st.advance_ms(c.timeout_ms);
                    if tracing {
                        *note = format!("no answer in {} s: interface failure", c.timeout_ms / 1000);
                    }
                    (ConnectorTally::Timeout, c.failure, None)
                }
                ConnectorResult::Response if latency_ms > c.timeout_ms => {
                    // The answer comes after the applet's timeout: Interface Failure at the timeout.
                    self.st.advance_ms(c.timeout_ms);
                    if tracing {
                        *note = format!("the answer would take {latency_ms} ms, more than the {} s timeout: interface failure", c.timeout_ms / 1000);
                    }
                    (ConnectorTally::Timeout, c.failure, None)
                }
                ConnectorResult::Response => {
                    self.st.advance_ms(latency_ms);
                    if let Some(d) = c.status_destination {
                        self.set(d, Some(response.status_text.clone()));
                    }
                    let error = response.status >= 400;
                    if error && c.interface == Interface::Salesforce {
                        if tracing {
                            *note = format!("HTTP {} from Salesforce: interface failure", response.status);
                        }
                        (ConnectorTally::HttpError, c.failure, Some(response.status))
                    } else {
                        for (dest, v) in c.destinations.iter().zip(&response.fields) {
                            self.set(*dest, v.clone());
                        }
                        if tracing {
                            *note = format!("HTTP {} in {latency_ms} ms", response.status);
                        }
                        (if error { ConnectorTally::HttpError } else { ConnectorTally::Ok }, c.next, Some(response.status))
                    }
                }
            }
        };
        self.stats.connector[tally as usize] += 1;
        if let (Some(trace), Some((url, body))) = (self.trace.as_deref_mut(), request) {
            trace.calls.push(ConnectorCall {
                step: self.st.steps,
                applet: self.prog.applets[cur as usize].id.clone(),
                method: format!("{:?}", c.method).to_uppercase(),
                url,
                body,
                result: tally.as_str().to_string(),
                status,
                latency_ms: match tally {
                    ConnectorTally::MissingConfig => 0,
                    ConnectorTally::Timeout => c.timeout_ms,
                    _ => latency_ms,
                },
            });
        }
        Flow::Exit(exit)
    }
}
