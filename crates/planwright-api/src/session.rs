//! The editing session behind the desktop window: the open workspace and the account
//! settings. Each method is one command of the UI; the Tauri layer only locks the session and
//! calls it.
//!
//! The plan being edited lives in the UI (which keeps the undo snapshots); each edit sends it
//! here with the operation, and the engine applies or refuses the operation, derives the
//! exits and validates the result against the rest of the workspace.

use crate::dto::*;
use crate::settings::Settings;
use planwright::directory;
use planwright::edit::{self, Fragment};
use planwright::model::{AppletKind, Plan, PlanType, Position};
use planwright::validate::{validate_context, Context};
use planwright::Workspace;
use std::path::{Path, PathBuf};

pub struct Session {
    pub ws: Workspace,
    pub settings: Settings,
    /// The run store (planwright-store); opened on the first simulation.
    pub store_path: PathBuf,
    store: Option<planwright_store::Store>,
}

/// The stamp of a file as it is now.
pub fn stamp(path: &Path) -> FileStamp {
    match std::fs::metadata(path) {
        Ok(m) => FileStamp {
            file: path.display().to_string(),
            exists: true,
            modified: m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos().to_string())
                .unwrap_or_default(),
            len: m.len().to_string(),
        },
        Err(_) => FileStamp { file: path.display().to_string(), exists: false, modified: String::new(), len: String::new() },
    }
}

impl Session {
    /// Opens a workspace with the run store at `store`; the account settings live beside it
    /// in `settings.sqlite3`.
    pub fn open(workspace: &Path, store: &Path) -> ApiResult<Session> {
        let settings = store.with_file_name("settings.sqlite3");
        Ok(Session { ws: Workspace::load(workspace)?, settings: Settings::open(&settings)?, store_path: store.to_path_buf(), store: None })
    }

    /// Simulates the edited plan with the panel's interaction data and stores the run.
    pub fn simulate(&mut self, plan: PlanView, request: crate::simulate::SimRequest) -> ApiResult<crate::simulate::SimRun> {
        let plan = plan_from_view(&plan)?;
        if self.store.is_none() {
            let store = planwright_store::Store::open(&self.store_path).map_err(|e| ApiError::new("store-failed", e.to_string()))?;
            self.store = Some(store);
        }
        // The clock is read here, at the command boundary, never inside the engine.
        let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        crate::simulate::simulate(&self.ws, plan, &request, self.store.as_mut().expect("opened above"), created_at)
    }

    /// Opens another folder of plans.
    pub fn open_workspace(&mut self, root: &str) -> ApiResult<WorkspaceView> {
        self.ws = Workspace::load(Path::new(root))?;
        Ok(self.workspace())
    }

    /// Reloads the plans from disk (after another program changed them).
    pub fn reload_workspace(&mut self) -> ApiResult<WorkspaceView> {
        let root = self.ws.root.clone();
        self.ws = Workspace::load(&root)?;
        Ok(self.workspace())
    }

    pub fn workspace(&self) -> WorkspaceView {
        WorkspaceView {
            root: self.ws.root.display().to_string(),
            plans: directory::list(&self.ws).into_iter().map(Into::into).collect(),
            schedules: self.ws.schedules.values().map(Into::into).collect(),
            problems: self
                .ws
                .problems
                .iter()
                .map(|e| FileProblem { file: e.path().map(|p| p.display().to_string()), code: e.code().into(), message: e.to_string() })
                .collect(),
        }
    }

    pub fn catalog(&self) -> Vec<CatalogEntry> {
        catalog_entries()
    }

    fn path_of(&self, id: &str) -> ApiResult<PathBuf> {
        self.ws.plans.get(id).map(|e| e.path.clone()).ok_or_else(|| planwright::Error::UnknownPlan(id.into()).into())
    }

    /// Opens a plan as saved on disk (re-reading the file, so a reload picks up outside
    /// changes).
    pub fn open_plan(&mut self, id: &str) -> ApiResult<OpenedPlan> {
        let path = self.path_of(id)?;
        let plan = planwright::plan_file::load_plan(&path)?;
        if plan.id != id {
            return Err(ApiError::new("plan-id-changed", format!("{} now holds plan '{}', not '{id}'", path.display(), plan.id)));
        }
        self.ws.plans.insert(id.to_string(), planwright::workspace::PlanEntry { path: path.clone(), plan: plan.clone() });
        Ok(OpenedPlan { doc: self.doc(plan, Vec::new(), None), stamp: stamp(&path) })
    }

    fn doc(&self, plan: Plan, created: Vec<String>, note: Option<String>) -> DocState {
        let ctx = Context::of_workspace(&self.ws).with_plan(&plan);
        let findings = validate_context(&ctx, Some(&plan.id)).into_iter().map(Into::into).collect();
        DocState { plan: plan_view(&plan, &self.ws.schedules), findings, created, note }
    }

    /// Validates the edited plan as it is (after undo or redo).
    pub fn check(&self, plan: PlanView) -> ApiResult<DocState> {
        Ok(self.doc(plan_from_view(&plan)?, Vec::new(), None))
    }

    /// Applies one edit to the edited plan, or refuses it with a reason.
    pub fn apply(&self, plan: PlanView, op: EditOp) -> ApiResult<DocState> {
        let mut plan = plan_from_view(&plan)?;
        let schedules = &self.ws.schedules;
        let mut created = Vec::new();
        let mut note = None;
        match op {
            EditOp::AddApplet { kind, position } => {
                let kind = AppletKind::from_name(&kind).ok_or_else(|| ApiError::new("kind-unknown", format!("no applet kind '{kind}'")))?;
                created.push(edit::add_applet(&mut plan, kind, position.into())?);
            }
            EditOp::Connect { from, exit, to } => edit::connect(&mut plan, schedules, &from, &exit, &to)?,
            EditOp::Disconnect { from, exit } => edit::disconnect(&mut plan, &from, &exit),
            EditOp::Delete { ids } => edit::delete_applets(&mut plan, &ids),
            EditOp::Move { moves } => {
                let moves: Vec<(String, Position)> = moves.into_iter().map(|m| (m.id, m.position.into())).collect();
                edit::move_applets(&mut plan, &moves);
            }
            EditOp::SetProperties { id, properties } => {
                let out = edit::set_properties(&mut plan, schedules, &id, properties)?;
                if !out.dropped.is_empty() {
                    let exits: Vec<&str> = out.dropped.iter().map(|c| c.exit.as_str()).collect();
                    note = Some(format!("removed the connection of the exit(s) that no longer exist: {}", exits.join(", ")));
                }
            }
            EditOp::Rename { id, label } => edit::rename_applet(&mut plan, &id, &label)?,
            EditOp::SetStart { id } => edit::set_start(&mut plan, &id)?,
            EditOp::SetHangup { id } => edit::set_hangup(&mut plan, id.as_deref())?,
            EditOp::Paste { clip, offset } => {
                let fragment = Fragment {
                    applets: clip.applets.iter().map(applet_from_view).collect::<ApiResult<_>>()?,
                    connections: clip.connections.into_iter().map(Into::into).collect(),
                };
                created = edit::paste(&mut plan, &fragment, offset.into())?;
            }
            EditOp::SetRoute { route } => {
                if route.is_some() && !self.settings.post_interaction_provisioned()? {
                    return Err(ApiError::new("route-not-provisioned", NOT_PROVISIONED));
                }
                directory::set_post_interaction_route(&self.ws, &mut plan, route.as_deref())?;
            }
            EditOp::SetDescription { description } => plan.description = description,
        }
        Ok(self.doc(plan, created, note))
    }

    /// Saves the edited plan atomically to its file.
    pub fn save(&mut self, plan: PlanView) -> ApiResult<Saved> {
        let mut plan = plan_from_view(&plan)?;
        if let Some(saved) = self.ws.plan(&plan.id) {
            // Keep what the editor does not show.
            plan.json_schema = saved.json_schema.clone();
        }
        let path = self.ws.save(plan)?;
        Ok(Saved { stamp: stamp(&path), workspace: self.workspace() })
    }

    /// The plan file's stamp now, to compare with the one read or written.
    pub fn file_stamp(&self, id: &str) -> ApiResult<FileStamp> {
        Ok(stamp(&self.path_of(id)?))
    }

    pub fn create_plan(&mut self, name: &str, plan_type: PlanKind, channel: Option<ChannelKind>) -> ApiResult<PlanListItem> {
        let plan = directory::create(&mut self.ws, name, PlanType::from(plan_type), channel.map(Into::into))?;
        self.item(&plan.id)
    }

    fn item(&self, id: &str) -> ApiResult<PlanListItem> {
        directory::list(&self.ws)
            .into_iter()
            .find(|s| s.id == id)
            .map(Into::into)
            .ok_or_else(|| planwright::Error::UnknownPlan(id.into()).into())
    }

    pub fn rename_plan(&mut self, id: &str, name: &str) -> ApiResult<PlanListItem> {
        directory::rename(&mut self.ws, id, name)?;
        self.item(id)
    }

    pub fn duplicate_plan(&mut self, id: &str) -> ApiResult<PlanListItem> {
        let plan = directory::duplicate(&mut self.ws, id)?;
        self.item(&plan.id)
    }

    /// The plans that refer to `id`, to show before a delete is confirmed.
    pub fn plan_referrers(&self, id: &str) -> Vec<String> {
        directory::referrers(&self.ws, id)
    }

    pub fn delete_plan(&mut self, id: &str) -> ApiResult<WorkspaceView> {
        directory::delete(&mut self.ws, id)?;
        Ok(self.workspace())
    }

    /// The "Set post interaction processing" control of a plan.
    pub fn route_control(&self, id: &str) -> ApiResult<RouteControl> {
        let plan_type = self.ws.plan(id).map(|p| p.plan_type).ok_or_else(|| ApiError::from(planwright::Error::UnknownPlan(id.into())))?;
        let options: Vec<RouteOption> = directory::eligible_routes(&self.ws, id)?.into_iter().map(Into::into).collect();
        let reason = if !self.settings.post_interaction_provisioned()? {
            Some(NOT_PROVISIONED.to_string())
        } else if plan_type == PlanType::Unattended {
            Some("An Unattended plan runs after an interaction has ended, so it has no post-interaction processing of its own.".to_string())
        } else if options.is_empty() {
            Some(match plan_type {
                PlanType::Message => "No Unattended plan exists yet: create one to use as the route.",
                _ => "No other Default or Unattended plan exists yet: create one to use as the route.",
            }
            .to_string())
        } else {
            None
        };
        Ok(RouteControl { enabled: reason.is_none(), reason, options })
    }

    pub fn settings(&self) -> ApiResult<AccountSettings> {
        Ok(AccountSettings {
            post_interaction_provisioned: self.settings.post_interaction_provisioned()?,
            store: self.settings.path().display().to_string(),
        })
    }

    pub fn set_provisioned(&self, on: bool) -> ApiResult<AccountSettings> {
        self.settings.set_post_interaction_provisioned(on)?;
        self.settings()
    }
}

/// Why the Set control is unavailable on an account without the feature.
pub const NOT_PROVISIONED: &str =
    "Post interaction processing is not provisioned for this account, so the Set post interaction processing control is unavailable. Ask your account administrator to enable it.";
