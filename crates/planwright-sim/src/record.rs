//! The full record of one simulated run: its steps, outbox and connector calls. The store
//! keeps these; the CLI prints them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where in a run a step happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// In a live plan, with the interaction present.
    Live,
    /// After the caller hung up, from the plan's hang-up applet.
    HangUp,
    /// In the post-interaction route, after the interaction ended.
    Post,
    /// An Unattended plan simulated on its own.
    Unattended,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Live => "live",
            Phase::HangUp => "hang_up",
            Phase::Post => "post",
            Phase::Unattended => "unattended",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        [Phase::Live, Phase::HangUp, Phase::Post, Phase::Unattended].into_iter().find(|p| p.as_str() == s)
    }
}

/// A data source set (or cleared, when `value` is null) by a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// 1-based order in the run.
    pub seq: u32,
    pub phase: Phase,
    pub plan: String,
    pub applet: String,
    pub kind: String,
    /// The exit taken; none when the step ended its route (a route to another plan, a
    /// live-only applet after the interaction, a hang-up).
    pub exit: Option<String>,
    /// The simulated time when the applet started.
    pub at: DateTime<Utc>,
    /// What happened, in words.
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// A rendered email (or, from a live plan's Send SMS, a text message). Never sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxMessage {
    /// The step that rendered it.
    pub step: u32,
    /// `email` or `sms`.
    pub channel: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub reply_to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectorCall {
    pub step: u32,
    pub applet: String,
    pub method: String,
    pub url: String,
    pub body: String,
    /// `ok`, `http_error`, `connect_failure`, `timeout` or `missing_config`.
    pub result: String,
    pub status: Option<u16>,
    pub latency_ms: u64,
}

/// Why a run (or its live part) ended: a stable code and a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndInfo {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The interaction's index in its batch (0 for a single simulation).
    pub index: u64,
    /// The seed the interaction's generator was derived from.
    pub seed: u64,
    /// The entry plan.
    pub plan: String,
    /// Hash of the plans and schedules the run could touch.
    pub plan_hash: String,
    pub scenario: String,
    pub channel: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub duration_ms: i64,
    pub outcome: Option<String>,
    /// Why the interaction ended (none for an Unattended plan run on its own).
    pub interaction_end: Option<EndInfo>,
    /// Why the run ended.
    pub end_reason: EndInfo,
    pub steps: Vec<Step>,
    pub outbox: Vec<OutboxMessage>,
    pub connector_calls: Vec<ConnectorCall>,
    /// Every data source at the end of the run.
    pub data: BTreeMap<String, String>,
    /// The data sources the platform set when the interaction ended (InteractionOutcome, unless
    /// the plan set it), which a post-interaction route receives before its first step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ended_with: Vec<Change>,
    /// How the interaction reached its plan, when it was made to a destination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<planwright::destination::Resolution>,
}
