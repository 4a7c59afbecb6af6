//! An open plan as the editor edits it: the [`Plan`], its [`PlanGraph`] kept in step with it,
//! a revision, the revision last saved, and bounded snapshot undo/redo.
//!
//! The document is the plan of record while it is open: the desktop window shows a projection
//! of it and sends [`EditOp`]s, never plans. Every accepted op yields a [`Change`] naming only what
//! differs (applets added, changed or removed; connections added or removed; the plan's own
//! settings), which the window applies to its projection.
//!
//! A revision names one state of the document. Each accepted edit makes a new state with a new
//! revision; undo and redo go back to a state and so to its revision. The document is unsaved
//! exactly when its revision is not the saved one, so undoing back to what is on disk clears
//! the mark and undoing past a save sets it again.

use crate::catalog::Schedules;
use crate::directory;
use crate::edit::{self, AppletMove, Clip, EditResult, Refusal};
use crate::graph::PlanGraph;
use crate::model::{AppletKind, Connection, Plan, Position, TransferNumber};
use crate::Workspace;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, VecDeque};

/// How many states undo can go back.
pub const HISTORY: usize = 100;

/// Every edit the editor can make to an open plan. The window sends these as they are; the
/// engine applies each or refuses it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum EditOp {
    AddApplet {
        #[cfg_attr(feature = "ts", ts(type = "AppletKind"))]
        kind: AppletKind,
        position: Position,
    },
    Connect { from: String, exit: String, to: String },
    Disconnect { from: String, exit: String },
    Delete { ids: Vec<String> },
    Move { moves: Vec<AppletMove> },
    SetProperties {
        id: String,
        #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
        properties: serde_json::Value,
    },
    Rename { id: String, label: String },
    SetStart { id: String },
    SetHangup { id: Option<String> },
    Paste { clip: Clip, offset: Position },
    SetRoute { route: Option<String> },
    SetDescription { description: String },
    SetService { service: String },
    /// Adds a Transfer Manager number (`at: None`) or replaces the one at `at`; a new name
    /// follows into the Transfer Call options that named the old one.
    PutTransferNumber { at: Option<usize>, entry: TransferNumber },
    RemoveTransferNumber { at: usize },
}

impl EditOp {
    /// Whether the op can change what validation says. Positions are never validated, so a
    /// move keeps the diagnostics as they were.
    pub fn affects_validity(&self) -> bool {
        !matches!(self, EditOp::Move { .. })
    }
}

/// What an accepted op, an undo or a redo changed, by applet id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub connected: Vec<Connection>,
    pub disconnected: Vec<Connection>,
    /// The plan's own fields changed (name, description, start, hang-up applet, route).
    pub settings_changed: bool,
    /// Ids the op created (add, paste), for selection.
    pub created: Vec<String>,
    /// A sentence about a side effect, e.g. connections dropped with a removed rule.
    pub note: Option<String>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && self.connected.is_empty()
            && self.disconnected.is_empty()
            && !self.settings_changed
    }
}

#[derive(Debug, Clone)]
struct Snapshot {
    plan: Plan,
    revision: u64,
}

/// An open plan. See the module documentation.
#[derive(Debug, Clone)]
pub struct Document {
    plan: Plan,
    graph: PlanGraph,
    revision: u64,
    saved: Option<u64>,
    next: u64,
    undo: VecDeque<Snapshot>,
    redo: Vec<Snapshot>,
    /// What search reads of the current state, built when first asked (and dropped when the
    /// state changes).
    search_index: std::sync::OnceLock<crate::search::PlanIndex>,
}

/// Why an op was not applied to a document: it was based on another revision, or the edit
/// itself was refused.
pub fn stale(plan: &str, base: u64, now: u64) -> Refusal {
    Refusal::new(
        "revision-stale",
        format!("plan '{plan}' is at revision {now}, not {base}: the edit was made on an older state and was not applied"),
    )
}

impl Document {
    /// A document of a plan as loaded from its file (so it starts saved).
    pub fn open(plan: Plan) -> Document {
        let graph = PlanGraph::from_plan(&plan);
        Document { plan, graph, revision: 1, saved: Some(1), next: 2, undo: VecDeque::new(), redo: Vec::new(), search_index: Default::default() }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn graph(&self) -> &PlanGraph {
        &self.graph
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The search index of the current state (built once per state: each keystroke of a
    /// search reads it instead of flattening every applet's properties again).
    pub fn search_index(&self) -> &crate::search::PlanIndex {
        self.search_index.get_or_init(|| crate::search::PlanIndex::of(&self.plan))
    }

    /// The revision on disk, if one of the document's states is what is on disk.
    pub fn saved_revision(&self) -> Option<u64> {
        self.saved
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.revision)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records that the current state is what the file now holds.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.revision);
    }

    /// Records that the file holds something no state of the document is (another program
    /// wrote it, and the user keeps their version).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// Gives the plan a new name in every state (a rename is a directory action done on the
    /// file, not an undoable edit).
    pub fn rename(&mut self, name: &str) {
        self.plan.name = name.to_string();
        for s in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            s.plan.name = name.to_string();
        }
    }

    /// Applies `op` if the document is still at `base`. The workspace supplies the schedules
    /// (derived exits) and the plans a route may name.
    pub fn apply(&mut self, ws: &Workspace, base: u64, op: EditOp) -> EditResult<Change> {
        if base != self.revision {
            return Err(stale(&self.plan.id, base, self.revision));
        }
        let mut next = self.plan.clone();
        let (created, note) = run_op(&mut next, ws, &ws.schedules, op)?;
        let mut change = self.replace(next);
        change.created = created;
        change.note = note;
        Ok(change)
    }

    /// Replaces the plan by `next` as a new, undoable state (an edit, or a reload from disk).
    pub fn replace(&mut self, next: Plan) -> Change {
        let change = diff(&self.plan, &next);
        if change.is_empty() {
            return change;
        }
        let before = std::mem::replace(&mut self.plan, next);
        self.undo.push_back(Snapshot { plan: before, revision: self.revision });
        if self.undo.len() > HISTORY {
            self.undo.pop_front();
        }
        self.redo.clear();
        self.revision = self.next;
        self.next += 1;
        self.search_index = Default::default();
        self.update_graph(&change);
        change
    }

    /// Goes back one state; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Change> {
        let snap = self.undo.pop_back()?;
        let (change, current) = self.go_to(snap);
        self.redo.push(current);
        Some(change)
    }

    /// Goes forward one undone state; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Change> {
        let snap = self.redo.pop()?;
        let (change, current) = self.go_to(snap);
        self.undo.push_back(current);
        Some(change)
    }

    /// Makes `snap` the current state; returns what changed and the state left.
    fn go_to(&mut self, snap: Snapshot) -> (Change, Snapshot) {
        let change = diff(&self.plan, &snap.plan);
        let left = Snapshot { plan: std::mem::replace(&mut self.plan, snap.plan), revision: self.revision };
        self.revision = snap.revision;
        self.search_index = Default::default();
        self.update_graph(&change);
        (change, left)
    }

    /// Brings the graph in step with the plan after `change`: applets removed and added, and
    /// every exit whose connection changed set to what the plan now says (the first connection
    /// of an exit counts, as in [`PlanGraph::from_plan`]).
    fn update_graph(&mut self, change: &Change) {
        for id in &change.removed {
            self.graph.remove_applet(id);
        }
        for id in &change.added {
            self.graph.add_applet(id);
        }
        // Every exit whose connection changed, and every exit from or into an added applet
        // (connections into a re-added applet were dropped with it from the graph).
        let added: BTreeSet<&str> = change.added.iter().map(String::as_str).collect();
        let mut touched: BTreeSet<(String, String)> =
            change.connected.iter().chain(&change.disconnected).map(|c| (c.from.clone(), c.exit.clone())).collect();
        for c in &self.plan.connections {
            if added.contains(c.from.as_str()) || added.contains(c.to.as_str()) {
                touched.insert((c.from.clone(), c.exit.clone()));
            }
        }
        for (from, exit) in touched {
            let target = self
                .plan
                .connections
                .iter()
                .find(|c| c.from == from && c.exit == exit && self.graph.contains(&c.to))
                .filter(|_| self.graph.contains(&from))
                .map(|c| c.to.clone());
            match target {
                Some(to) => {
                    self.graph.connect(&from, &exit, &to);
                }
                None => self.graph.disconnect(&from, &exit),
            }
        }
    }
}

/// Runs one op on a plan; returns the ids it created and a note on side effects.
fn run_op(plan: &mut Plan, ws: &Workspace, schedules: &Schedules, op: EditOp) -> EditResult<(Vec<String>, Option<String>)> {
    let mut created = Vec::new();
    let mut note = None;
    match op {
        EditOp::AddApplet { kind, position } => created.push(edit::add_applet(plan, kind, position)?),
        EditOp::Connect { from, exit, to } => edit::connect(plan, schedules, &from, &exit, &to)?,
        EditOp::Disconnect { from, exit } => edit::disconnect(plan, &from, &exit),
        EditOp::Delete { ids } => edit::delete_applets(plan, &ids),
        EditOp::Move { moves } => edit::move_applets(plan, &moves),
        EditOp::SetProperties { id, properties } => {
            let out = edit::set_properties(plan, schedules, &id, properties)?;
            if !out.dropped.is_empty() {
                let exits: Vec<&str> = out.dropped.iter().map(|c| c.exit.as_str()).collect();
                note = Some(format!("removed the connection of the exit(s) that no longer exist: {}", exits.join(", ")));
            }
        }
        EditOp::Rename { id, label } => edit::rename_applet(plan, &id, &label)?,
        EditOp::SetStart { id } => edit::set_start(plan, &id)?,
        EditOp::SetHangup { id } => edit::set_hangup(plan, id.as_deref())?,
        EditOp::Paste { clip, offset } => created = edit::paste(plan, &clip, offset)?,
        EditOp::SetRoute { route } => directory::set_post_interaction_route(ws, plan, route.as_deref())?,
        EditOp::SetDescription { description } => plan.description = description,
        EditOp::SetService { service } => edit::set_service(plan, &service)?,
        EditOp::PutTransferNumber { at, entry } => edit::put_transfer_number(plan, at, entry)?,
        EditOp::RemoveTransferNumber { at } => edit::remove_transfer_number(plan, at)?,
    }
    Ok((created, note))
}

/// What differs between two states of one plan, by applet id ([`crate::diff::compare`]).
/// Applet lists in the order of `after`; connections sorted.
pub fn diff(before: &Plan, after: &Plan) -> Change {
    let c = crate::diff::compare(before, after);
    Change {
        added: c.added.iter().map(|a| a.id.clone()).collect(),
        changed: c.changed.iter().map(|(_, a)| a.id.clone()).collect(),
        removed: c.removed.iter().map(|a| a.id.clone()).collect(),
        connected: c.connected,
        disconnected: c.disconnected,
        settings_changed: !c.settings.is_empty(),
        ..Change::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PlanType;

    fn ws() -> Workspace {
        Workspace::default()
    }

    fn at(x: f64) -> Position {
        Position { x, y: 0.0 }
    }

    #[test]
    fn an_edit_names_only_what_changed_and_undo_redo_return_to_the_same_revisions() {
        let ws = ws();
        let mut d = Document::open(Plan::new("p", "P", PlanType::Unattended));
        assert!(!d.is_dirty());
        let c = d.apply(&ws, 1, EditOp::AddApplet { kind: AppletKind::SendEmail, position: at(0.0) }).unwrap();
        assert_eq!((c.added.clone(), c.created.clone()), (vec!["send_email".to_string()], vec!["send_email".to_string()]));
        assert!(c.settings_changed, "the first applet became the start");
        let r2 = d.revision();
        d.apply(&ws, r2, EditOp::AddApplet { kind: AppletKind::Pause, position: at(1.0) }).unwrap();
        let c = d.apply(&ws, d.revision(), EditOp::Connect { from: "send_email".into(), exit: "Next".into(), to: "pause".into() }).unwrap();
        assert_eq!(c.connected.len(), 1);
        assert!(c.added.is_empty() && c.changed.is_empty() && !c.settings_changed);
        let c = d.apply(&ws, d.revision(), EditOp::Move { moves: vec![AppletMove { id: "pause".into(), position: at(50.0) }] }).unwrap();
        assert_eq!(c.changed, ["pause"]);
        assert_eq!(d.graph().connections().len(), 1);

        let top = d.revision();
        let undone = d.undo().unwrap();
        assert_eq!(undone.changed, ["pause"]);
        d.undo().unwrap();
        assert!(d.graph().connections().is_empty(), "the graph follows undo");
        d.redo().unwrap();
        d.redo().unwrap();
        assert_eq!(d.revision(), top, "redo returns to the same state and revision");
        assert!(d.redo().is_none());
    }

    #[test]
    fn a_stale_base_revision_is_refused_and_changes_nothing() {
        let ws = ws();
        let mut d = Document::open(Plan::new("p", "P", PlanType::Unattended));
        d.apply(&ws, 1, EditOp::AddApplet { kind: AppletKind::Pause, position: at(0.0) }).unwrap();
        let before = d.plan().clone();
        let err = d.apply(&ws, 1, EditOp::Delete { ids: vec!["pause".into()] }).unwrap_err();
        assert_eq!(err.code, "revision-stale");
        assert_eq!(d.plan(), &before);
    }

    #[test]
    fn the_unsaved_mark_follows_the_saved_revision_through_undo() {
        let ws = ws();
        let mut d = Document::open(Plan::new("p", "P", PlanType::Unattended));
        d.apply(&ws, 1, EditOp::AddApplet { kind: AppletKind::Pause, position: at(0.0) }).unwrap();
        d.mark_saved();
        assert!(!d.is_dirty());
        d.undo().unwrap();
        assert!(d.is_dirty(), "undo after save: the file holds the undone edit");
        d.redo().unwrap();
        assert!(!d.is_dirty(), "redo back to the saved state");
        let e = d.apply(&ws, d.revision(), EditOp::Rename { id: "pause".into(), label: "".into() }).unwrap_err();
        assert_eq!(e.code, "label-empty");
        assert!(!d.is_dirty(), "a refused edit changes nothing");
    }

    #[test]
    fn history_is_bounded() {
        let ws = ws();
        let mut d = Document::open(Plan::new("p", "P", PlanType::Unattended));
        d.apply(&ws, 1, EditOp::AddApplet { kind: AppletKind::Pause, position: at(0.0) }).unwrap();
        for i in 0..(HISTORY + 20) {
            d.apply(&ws, d.revision(), EditOp::Move { moves: vec![AppletMove { id: "pause".into(), position: at(i as f64 + 1.0) }] }).unwrap();
        }
        let mut n = 0;
        while d.undo().is_some() {
            n += 1;
        }
        assert_eq!(n, HISTORY);
    }

    #[test]
    fn the_search_index_follows_each_edit_undo_and_redo() {
        let ws = ws();
        let mut d = Document::open(Plan::new("p", "P", PlanType::Unattended));
        let find = |d: &Document, q: &str| -> Vec<String> {
            let hits = crate::search::search_indexed([(d.plan(), d.search_index())], &ws.schedules, q, 50);
            assert_eq!(hits, crate::search::search([d.plan()], &ws.schedules, q, 50), "the kept index answers as a fresh one");
            hits.into_iter().filter_map(|h| h.applet).collect()
        };
        assert!(find(&d, "refund").is_empty());
        d.apply(&ws, 1, EditOp::AddApplet { kind: AppletKind::Pause, position: at(0.0) }).unwrap();
        assert_eq!(find(&d, "pause"), ["pause"], "an added applet is found at once");
        d.apply(&ws, d.revision(), EditOp::Rename { id: "pause".into(), label: "Refund desk".into() }).unwrap();
        assert_eq!(find(&d, "refund desk"), ["pause"]);
        d.undo().unwrap();
        assert!(find(&d, "refund").is_empty(), "undo: the label is the old one again");
        d.redo().unwrap();
        assert_eq!(find(&d, "refund"), ["pause"]);
        d.apply(&ws, d.revision(), EditOp::Delete { ids: vec!["pause".into()] }).unwrap();
        assert!(find(&d, "refund").is_empty(), "a deleted applet is not found");
    }

    #[test]
    fn an_op_that_changes_nothing_makes_no_new_revision() {
        let ws = ws();
        let mut d = Document::open(Plan::new("p", "P", PlanType::Unattended));
        let c = d.apply(&ws, 1, EditOp::Disconnect { from: "x".into(), exit: "Next".into() }).unwrap();
        assert!(c.is_empty());
        assert_eq!(d.revision(), 1);
        assert!(!d.can_undo());
    }
}

#[cfg(test)]
mod transfer_tests {
    use super::*;
    use crate::model::{AppletConfig, PlanType, TransferOption};

    fn voice() -> Plan {
        let mut p = Plan::new("v", "V", PlanType::Default);
        let id = edit::add_applet(&mut p, AppletKind::TransferCall, Position::default()).unwrap();
        if let AppletConfig::TransferCall(t) = &mut p.applet_mut(&id).unwrap().config {
            t.options = vec![TransferOption { key: "1".into(), exit: "Sales desk".into(), transfer: "Sales".into() }];
        }
        p
    }

    fn option_transfer(p: &Plan) -> String {
        match &p.applets[0].config {
            AppletConfig::TransferCall(t) => t.options[0].transfer.clone(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_renamed_number_is_followed_by_the_options_and_removal_leaves_them_to_validation() {
        let mut p = voice();
        let entry = |name: &str| TransferNumber { name: name.into(), number: " +442071234567 ".into() };
        edit::put_transfer_number(&mut p, None, entry("Sales")).unwrap();
        assert_eq!(p.transfer_numbers[0].number, "+442071234567", "trimmed");
        edit::put_transfer_number(&mut p, Some(0), entry("Sales UK")).unwrap();
        assert_eq!(option_transfer(&p), "Sales UK");
        assert_eq!(edit::put_transfer_number(&mut p, Some(5), entry("X")).unwrap_err().code, "transfer-number-missing");
        edit::remove_transfer_number(&mut p, 0).unwrap();
        assert!(p.transfer_numbers.is_empty());
        assert_eq!(option_transfer(&p), "Sales UK", "the option keeps the name; validation flags it");
    }

    #[test]
    fn only_a_voice_plan_has_a_transfer_manager() {
        for (plan_type, channel) in [(PlanType::Unattended, None), (PlanType::Message, None), (PlanType::Default, Some(crate::model::Channel::Digital))] {
            let mut p = Plan::new("x", "X", plan_type);
            p.channel = channel;
            let refused = edit::put_transfer_number(&mut p, None, TransferNumber { name: "A".into(), number: "123".into() }).unwrap_err();
            assert_eq!(refused.code, "transfer-not-voice");
        }
    }

    #[test]
    fn service_and_numbers_are_plan_settings_changes() {
        let before = voice();
        let mut after = before.clone();
        edit::set_service(&mut after, " Orders ").unwrap();
        assert_eq!(after.service, "Orders");
        assert!(diff(&before, &after).settings_changed);
        let mut numbers = before.clone();
        edit::put_transfer_number(&mut numbers, None, TransferNumber { name: "A".into(), number: "123".into() }).unwrap();
        assert!(diff(&before, &numbers).settings_changed);
    }
}
