//! Plan versions in the desktop: every save records one in the run store, content found on
//! disk that the store has not seen (a git checkout, an editor) becomes one when the workspace
//! is loaded or a plan is read again, and two versions (or a version and the open document)
//! compare structurally.

use crate::dto::*;
use planwright::diff::{diff_plans, FieldChange as EngineFieldChange};
use planwright::plan_file::{parse_plan, plan_to_string};
use planwright::Workspace;
use planwright_store::versions::{VersionSource, VersionSummary};
use planwright_store::Store;
use std::path::Path;
use crate::session::Session;
use crate::session::stamp;
use crate::versions;

pub fn store_error(e: planwright_store::StoreError) -> ApiError {
    ApiError::new(e.code(), e.to_string())
}

/// The wall clock, read here at the command boundary, to stamp a version.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl From<VersionSummary> for PlanVersion {
    fn from(v: VersionSummary) -> PlanVersion {
        PlanVersion { plan: v.plan, number: v.number as u64, hash: v.hash, saved_at: v.saved_at, source: v.source.as_str().to_string(), message: v.message, bytes: v.bytes as u64 }
    }
}

/// Records each plan of the workspace whose content the store has not recorded last, as a
/// version from outside. Returns how many were recorded.
/// A plan whose text `holds_secret` is not recorded (its file is another program's; its
/// secret is not copied into the store).
pub fn record_outside(store: &mut Store, ws: &Workspace, holds_secret: &dyn Fn(&str) -> bool) -> ApiResult<usize> {
    let stamp = now();
    let mut recorded = 0;
    for (id, entry) in &ws.plans {
        let text = plan_to_string(&entry.plan);
        // A read first: most plans are unchanged, and this needs no write lock for them (a
        // batch may be writing to the store at the same time).
        if store.latest_hash(id).map_err(store_error)?.as_deref() == Some(planwright_store::versions::text_hash(&text).as_str()) || holds_secret(&text) {
            continue;
        }
        if store.record_version(id, &text, VersionSource::Outside, "", &stamp).map_err(store_error)?.is_some() {
            recorded += 1;
        }
    }
    Ok(recorded)
}

pub fn record_save(store_path: &Path, plan: &planwright::Plan, source: VersionSource, message: &str) -> ApiResult<Option<PlanVersion>> {
    let mut store = Store::open(store_path).map_err(store_error)?;
    let v = store.record_version(&plan.id, &plan_to_string(plan), source, message, &now()).map_err(store_error)?;
    Ok(v.map(Into::into))
}

/// A recorded version's plan.
pub fn load_version(store_path: &Path, id: &str, number: u64) -> ApiResult<planwright::Plan> {
    let store = Store::open(store_path).map_err(store_error)?;
    let v = store
        .version(id, number as i64)
        .map_err(store_error)?
        .ok_or_else(|| ApiError::new("version-not-found", format!("plan '{id}' has no version {number}")))?;
    parse_plan(&v.text).map_err(|e| ApiError::new(e.code(), format!("version {number} of '{id}': {e}")))
}

fn field(c: EngineFieldChange) -> FieldChange {
    let text = |v: Option<serde_json::Value>| v.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    FieldChange { field: c.field, before: text(c.before), after: text(c.after) }
}

/// The structural diff of two plans for the window: applets named by id, removed ones whole
/// (the canvas draws them as ghosts).
pub fn diff_view(before: &planwright::Plan, after: &planwright::Plan, from: String, to: String, ws: &Workspace) -> PlanDiffView {
    let d = diff_plans(before, after);
    let lines = d.lines();
    let layout_only = d.is_layout_only();
    let removed = d
        .applets_removed
        .iter()
        .filter_map(|r| before.applets.iter().find(|a| a.id == r.id))
        .map(|a| applet_view(a, &ws.schedules))
        .collect();
    PlanDiffView {
        plan: after.id.clone(),
        from,
        to,
        layout_only,
        settings: d.settings.into_iter().map(field).collect(),
        added: d.applets_added.into_iter().map(|a| a.id).collect(),
        changed: d
            .applets_changed
            .into_iter()
            .map(|c| AppletChangeView {
                moved: c.moved.is_some(),
                renamed_from: c.renamed.map(|(from, _)| from),
                properties: c.properties.into_iter().map(field).collect(),
                id: c.id,
                label: c.label,
            })
            .collect(),
        removed,
        connections_added: d.connections_added.into_iter().map(Into::into).collect(),
        connections_removed: d.connections_removed.into_iter().map(Into::into).collect(),
        lines,
    }
}

/// The commands of this feature.
impl Session {
    /// The versions of a plan, newest first.
    pub fn plan_versions(&mut self, plan: String) -> ApiResult<Vec<PlanVersion>> {
        let store = planwright_store::Store::open(&self.store_path).map_err(versions::store_error)?;
        Ok(store.versions(&plan).map_err(versions::store_error)?.into_iter().map(Into::into).collect())
    }

    /// Compares version `from` of a plan with version `to`, or with the open document (the
    /// plan as it is on disk when it is not open) when `to` is none.
    pub fn compare_versions(&mut self, plan: String, from: u64, to: Option<u64>) -> ApiResult<PlanDiffView> {
        let before = versions::load_version(&self.store_path, &plan, from)?;
        let (after, to_label) = match to {
            Some(n) => (versions::load_version(&self.store_path, &plan, n)?, format!("version {n}")),
            None => match self.open.get(&plan) {
                Some(o) => (o.doc.plan().clone(), "the open document".to_string()),
                None => (self.ws.plan(&plan).cloned().ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?, "the file".to_string()),
            },
        };
        Ok(versions::diff_view(&before, &after, format!("version {from}"), to_label, &self.ws))
    }

    /// Brings back version `number` of a plan: it becomes the document's new state (undo
    /// goes back), is saved, and is recorded as a new version. Opens the plan if needed.
    pub fn restore_version(&mut self, plan: String, number: u64) -> ApiResult<Document> {
        let old = versions::load_version(&self.store_path, &plan, number)?;
        self.refuse_secrets(&planwright::plan_file::plan_to_string(&old), &format!("version {number} of plan '{plan}'"))?;
        self.open_plan(plan.clone())?;
        let path = self.ws.save(old.clone())?;
        let o = self.open.get_mut(&plan).expect("opened above");
        o.doc.replace(old.clone());
        o.doc.mark_saved();
        o.stamp = stamp(&path);
        versions::record_save(&self.store_path, &old, VersionSource::Restore, &format!("restored version {number}"))?;
        self.open_plan(plan)
    }
}
