//! The editing session behind the desktop window: the open workspace, the open plans as
//! engine documents, and the account settings. Each method is one command of the UI (the
//! command set is declared once, in `command_set.rs`); the Tauri layer only locks the session
//! and calls the method of the same name, off the window's main thread.
//!
//! The engine owns the open plans: the UI sends ops against a revision and gets back only what
//! changed ([`PlanChange`]); nothing the UI sends is ever taken as a whole plan, and a save
//! writes the engine's document.

use crate::dto::*;
use crate::settings::Settings;
use crate::versions;
use planwright_store::versions::VersionSource;
use planwright::directory;
use planwright::schedule_directory;
use planwright::document::{self, Document as Doc};
use planwright::model::{self as m, PlanType as EnginePlanType};
use planwright::validate::{validate_context, Context};
use planwright::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An open plan: the engine's document, its diagnostics as of its revision, and the stamp of
/// its file when it was last read or written.
pub(crate) struct Open {
    pub(crate) doc: Doc,
    pub(crate) diagnostics: Vec<planwright::Diagnostic>,
    pub(crate) stamp: FileStamp,
}

/// The session's state is its own: each feature module (`versions.rs`, `runs.rs`,
/// `scenarios.rs`, `batch.rs`, `plan_tests.rs`, `account.rs`, `schedules.rs`, `search.rs`,
/// `routing.rs`, `load.rs`, `try_it.rs`…) adds its commands as an `impl Session` block, and the
/// shell reaches it through methods only.
pub struct Session {
    pub(crate) ws: Workspace,
    pub(crate) settings: Settings,
    /// The run store (planwright-store).
    pub(crate) store_path: PathBuf,
    pub(crate) open: BTreeMap<String, Open>,
    /// The names of the account's configuration keys, which validation checks `#(Key)`s
    /// against (read from the settings when the session opens and after every change).
    pub(crate) account_keys: std::collections::BTreeSet<String>,
    /// The load models open in the day view (the load feature's own state).
    pub(crate) loads: crate::load::OpenLoads,
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

/// What differs between two runs of validation. Most edits leave most diagnostics where they
/// were, so the equal head and tail are passed over and only the rest is compared as a
/// multiset (and converted for the UI).
fn diagnostics_change(old: &[planwright::Diagnostic], new: &[planwright::Diagnostic]) -> DiagnosticsChange {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old, new) = (&old[head..], &new[head..]);
    let tail = old.iter().rev().zip(new.iter().rev()).take_while(|(a, b)| a == b).count();
    let (old, new) = (&old[..old.len() - tail], &new[..new.len() - tail]);
    let view = |ds: &[planwright::Diagnostic]| ds.iter().map(Diagnostic::from).collect::<Vec<_>>();
    DiagnosticsChange::between(&view(old), &view(new))
}

/// How wide the directory's drawing of a plan is rasterized, at most, in pixels (its panel is
/// about 260 CSS pixels wide; twice that stays sharp when zoomed).
const DRAWING_WIDTH: f32 = 560.0;

pub(crate) fn not_open(id: &str) -> ApiError {
    ApiError::new("plan-not-open", format!("plan '{id}' is not open in the editor"))
}

impl Session {
    /// The workspace folder (the shell watches it).
    pub fn root(&self) -> &Path {
        &self.ws.root
    }

    /// The workspace as loaded (read only; open plans' edits are in their documents).
    pub fn loaded_workspace(&self) -> &Workspace {
        &self.ws
    }

    /// Opens a workspace with the run store at `store`; the account settings live beside it
    /// in `settings.sqlite3`.
    pub fn open(workspace: &Path, store: &Path) -> ApiResult<Session> {
        let settings = store.with_file_name("settings.sqlite3");
        let settings = Settings::open(&settings)?;
        let account_keys = settings.config_keys()?.into_iter().map(|k| k.name).collect();
        let session = Session { ws: Workspace::load(workspace)?, settings, store_path: store.to_path_buf(), open: BTreeMap::new(), account_keys, loads: Default::default() };
        session.record_outside_versions();
        Ok(session)
    }

    /// Records, as versions from outside, the plans whose content the run store has not
    /// recorded last (a git checkout, an editor). Best effort: the workspace opens whatever
    /// the store says, and the version list reports a store it cannot open.
    fn record_outside_versions(&self) {
        if let Ok(mut store) = planwright_store::Store::open(&self.store_path) {
            let _ = versions::record_outside(&mut store, &self.ws, &|text| self.secret_in(text).ok().flatten().is_some());
        }
    }

    /// The engine's document of an open plan (for tests and the shell's watcher).
    pub fn document(&self, id: &str) -> Option<&Doc> {
        self.open.get(id).map(|o| &o.doc)
    }

    /// The ids of the open plans.
    pub fn open_plans(&self) -> Vec<String> {
        self.open.keys().cloned().collect()
    }

    /// Draws an open plan as it is (unsaved edits included) into `exports/<plan>.svg` or
    /// `.png` in the workspace folder (PNG at twice the canvas size, for print), with the diff
    /// since version `compare_from` drawn over it when given. Returns the file written.
    pub fn export_image(&mut self, plan: String, format: String, compare_from: Option<u64>) -> ApiResult<String> {
        use planwright::render::{self, RenderOptions};
        let ext = match format.as_str() {
            "svg" | "png" => format.clone(),
            other => return Err(ApiError::new("export-format-unknown", format!("'{}' is not svg or png", m::shorten(other, 20)))),
        };
        if let Some(why) = m::id_problem(&plan) {
            return Err(ApiError::new("plan-id-invalid", why));
        }
        let current = match self.open.get(&plan) {
            Some(o) => o.doc.plan().clone(),
            None => self.ws.plan(&plan).cloned().ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?,
        };
        let mut options = RenderOptions::default();
        if let Some(n) = compare_from {
            let before = versions::load_version(&self.store_path, &plan, n)?;
            let d = planwright::diff::diff_plans(&before, &current);
            let ghosts = d.applets_removed.iter().filter_map(|r| before.applets.iter().find(|a| a.id == r.id).cloned()).collect();
            options.diff = Some((d, ghosts));
        }
        let svg = render::svg(&current, &self.ws.schedules, &options);
        self.refuse_secrets(&svg, &format!("the image of plan '{plan}'"))?;
        let bytes = if ext == "png" { render::png(&svg, 2.0).map_err(|e| ApiError::new("export-failed", e))? } else { svg.into_bytes() };
        let dir = self.ws.root.join("exports");
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::new("export-failed", format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(format!("{plan}.{ext}"));
        planwright::plan_file::write_atomic(&path, &bytes)?;
        Ok(path.display().to_string())
    }

    /// The file of a scenario named by the window: none for the defaults, else a plain file
    /// name of the workspace's `scenarios/` folder (the name becomes a path, so it is checked
    /// like an id).
    pub(crate) fn scenario_path(&self, name: &str) -> ApiResult<Option<PathBuf>> {
        if name.is_empty() {
            return Ok(None);
        }
        let stem = name.strip_suffix(".json").unwrap_or(name);
        if let Some(why) = m::id_problem(stem) {
            return Err(ApiError::new("scenario-name-invalid", format!("scenario '{}': {why}", m::shorten(name, 80))));
        }
        Ok(Some(self.ws.root.join("scenarios").join(format!("{stem}.json"))))
    }

    /// Every plan of the workspace as edited (an open plan's document, else the loaded plan),
    /// by id, without copying them (search asks on every keystroke).
    pub fn edited_plans(&self) -> impl Iterator<Item = &m::Plan> + '_ {
        let loaded = self.ws.plans.iter().map(|(id, e)| self.open.get(id).map_or(&e.plan, |o| o.doc.plan()));
        let new = self.open.iter().filter(|(id, _)| !self.ws.plans.contains_key(*id)).map(|(_, o)| o.doc.plan());
        loaded.chain(new)
    }

    /// The workspace with every open plan as edited.
    pub(crate) fn edited_workspace(&self) -> Workspace {
        let mut plans = self.ws.plans.clone();
        for (id, o) in &self.open {
            let path = self.ws.plans.get(id).map(|e| e.path.clone()).unwrap_or_else(|| self.ws.path_for_new(id));
            plans.insert(id.clone(), planwright::workspace::PlanEntry { path, plan: o.doc.plan().clone() });
        }
        Workspace { root: self.ws.root.clone(), plans, schedules: self.ws.schedules.clone(), schedule_paths: self.ws.schedule_paths.clone(), problems: Vec::new() }
    }

    /// Opens another folder of plans; the plans open in the editor are closed.
    pub fn open_workspace(&mut self, root: String) -> ApiResult<WorkspaceView> {
        self.ws = Workspace::load(Path::new(&root))?;
        self.open.clear();
        self.close_loads();
        self.record_outside_versions();
        self.workspace()
    }

    /// Reloads the workspace from disk (after another program changed it). Open plans keep
    /// their documents.
    pub fn reload_workspace(&mut self) -> ApiResult<WorkspaceView> {
        let root = self.ws.root.clone();
        self.ws = Workspace::load(&root)?;
        self.record_outside_versions();
        self.workspace()
    }

    pub fn workspace(&self) -> ApiResult<WorkspaceView> {
        Ok(WorkspaceView {
            root: self.ws.root.display().to_string(),
            plans: directory::list(&self.ws).into_iter().map(Into::into).collect(),
            schedules: schedule_directory::list(&self.ws).into_iter().map(Into::into).collect(),
            problems: self
                .ws
                .problems
                .iter()
                .map(|e| FileProblem { file: e.path().map(|p| p.display().to_string()), code: e.code().into(), message: e.to_string() })
                .collect(),
        })
    }

    pub fn catalog(&self) -> ApiResult<Vec<CatalogEntry>> {
        Ok(catalog_entries())
    }

    pub(crate) fn path_of(&self, id: &str) -> ApiResult<PathBuf> {
        self.ws.plans.get(id).map(|e| e.path.clone()).ok_or_else(|| planwright::Error::UnknownPlan(id.into()).into())
    }

    /// Reads a plan file as it is on disk now.
    pub(crate) fn read(&self, id: &str) -> ApiResult<(m::Plan, FileStamp)> {
        let path = self.path_of(id)?;
        let plan = planwright::plan_file::load_plan(&path)?;
        if plan.id != id {
            return Err(ApiError::new("plan-id-changed", format!("{} now holds plan '{}', not '{id}'", path.display(), plan.id)));
        }
        Ok((plan, stamp(&path)))
    }

    /// The diagnostics of one open plan, validated with the other open plans as edited.
    pub(crate) fn validate(&self, id: &str) -> Vec<planwright::Diagnostic> {
        let mut ctx = Context::of_workspace(&self.ws).with_account_keys(&self.account_keys);
        for o in self.open.values() {
            ctx = ctx.with_plan(o.doc.plan());
        }
        validate_context(&ctx, Some(id))
    }

    pub(crate) fn document_view(&self, id: &str) -> ApiResult<Document> {
        let o = self.open.get(id).ok_or_else(|| not_open(id))?;
        Ok(Document {
            plan: plan_view(o.doc.plan(), &self.ws.schedules),
            revision: o.doc.revision(),
            saved_revision: o.doc.saved_revision(),
            can_undo: o.doc.can_undo(),
            can_redo: o.doc.can_redo(),
            diagnostics: o.diagnostics.iter().map(Into::into).collect(),
            stamp: o.stamp.clone(),
        })
    }

    /// Opens a plan: the whole document, once. A plan already open gives its document as it is
    /// (edits included).
    pub fn open_plan(&mut self, id: String) -> ApiResult<Document> {
        if !self.open.contains_key(&id) {
            let (plan, stamp) = self.read(&id)?;
            self.ws.plans.get_mut(&id).expect("read checked it").plan = plan.clone();
            self.open.insert(id.clone(), Open { doc: Doc::open(plan), diagnostics: Vec::new(), stamp });
        }
        let diagnostics = self.validate(&id);
        self.open.get_mut(&id).expect("opened above").diagnostics = diagnostics;
        self.document_view(&id)
    }

    /// Reads an open plan's file again, after another program changed it. The file's content
    /// becomes a new state of the document, so undo brings the editor's version back.
    pub fn reload_plan(&mut self, id: String) -> ApiResult<Document> {
        if !self.open.contains_key(&id) {
            return self.open_plan(id);
        }
        let (plan, stamp) = self.read(&id)?;
        self.ws.plans.get_mut(&id).expect("read checked it").plan = plan.clone();
        let text = planwright::plan_file::plan_to_string(&plan);
        // A file another program wrote with a secret in it is not copied into the versions.
        if self.secret_in(&text).ok().flatten().is_none() {
            if let Ok(mut store) = planwright_store::Store::open(&self.store_path) {
                let _ = store.record_version(&id, &text, VersionSource::Outside, "", &versions::now());
            }
        }
        let o = self.open.get_mut(&id).expect("checked above");
        o.doc.replace(plan);
        o.doc.mark_saved();
        o.stamp = stamp;
        self.open_plan(id)
    }

    /// What a change means for the UI: the applets it names, as they are now.
    pub(crate) fn change_view(&mut self, id: &str, change: document::Change, revalidate: bool) -> PlanChange {
        let mut diagnostics = DiagnosticsChange::default();
        if revalidate {
            let now = self.validate(id);
            let o = self.open.get_mut(id).expect("open");
            diagnostics = diagnostics_change(&o.diagnostics, &now);
            o.diagnostics = now;
        }
        let o = &self.open[id];
        let plan = o.doc.plan();
        let view = |ids: &[String]| -> Vec<Applet> {
            if ids.is_empty() {
                return Vec::new();
            }
            let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
            plan.applets.iter().filter(|a| wanted.contains(a.id.as_str())).map(|a| applet_view(a, &self.ws.schedules)).collect()
        };
        PlanChange {
            plan: id.to_string(),
            revision: o.doc.revision(),
            saved_revision: o.doc.saved_revision(),
            can_undo: o.doc.can_undo(),
            can_redo: o.doc.can_redo(),
            added: view(&change.added),
            changed: view(&change.changed),
            removed: change.removed,
            connected: change.connected.into_iter().map(Into::into).collect(),
            disconnected: change.disconnected.into_iter().map(Into::into).collect(),
            settings: change.settings_changed.then(|| plan_settings(plan)),
            diagnostics,
            created: change.created,
            note: change.note,
        }
    }

    pub(crate) fn open_mut(&mut self, id: &str) -> ApiResult<&mut Open> {
        self.open.get_mut(id).ok_or_else(|| not_open(id))
    }

    /// Applies one edit to an open plan if it is still at `base_revision`, or refuses it with
    /// a code (`revision-stale` when the UI's view is behind).
    pub fn apply_edit(&mut self, plan: String, base_revision: u64, op: EditOp) -> ApiResult<PlanChange> {
        if matches!(&op, EditOp::SetRoute { route: Some(_) }) && !self.settings.post_interaction_provisioned()? {
            return Err(ApiError::new("route-not-provisioned", NOT_PROVISIONED));
        }
        let validity = op.affects_validity();
        let Session { ws, open, .. } = self;
        let o = open.get_mut(&plan).ok_or_else(|| not_open(&plan))?;
        let change = o.doc.apply(ws, base_revision, op)?;
        let revalidate = validity && !change.is_empty();
        Ok(self.change_view(&plan, change, revalidate))
    }

    /// Goes back one state of an open plan (an empty change when there is nothing to undo).
    pub fn undo(&mut self, plan: String) -> ApiResult<PlanChange> {
        let change = self.open_mut(&plan)?.doc.undo().unwrap_or_default();
        let revalidate = !change.is_empty();
        Ok(self.change_view(&plan, change, revalidate))
    }

    /// Goes forward one undone state of an open plan.
    pub fn redo(&mut self, plan: String) -> ApiResult<PlanChange> {
        let change = self.open_mut(&plan)?.doc.redo().unwrap_or_default();
        let revalidate = !change.is_empty();
        Ok(self.change_view(&plan, change, revalidate))
    }

    /// Saves an open plan atomically to its file: the engine's document, as it is.
    /// Saves an open plan and records the save as a version (with `message`, when given).
    /// A version that cannot be recorded does not undo the save: `version_problem` says why.
    pub fn save(&mut self, plan: String, message: Option<String>) -> ApiResult<Saved> {
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let saved_plan = o.doc.plan().clone();
        // A secret typed into a property would be written to the file and into its version.
        self.refuse_secrets(&planwright::plan_file::plan_to_string(&saved_plan), &format!("plan '{plan}'"))?;
        let path = self.ws.save(saved_plan.clone())?;
        let o = self.open.get_mut(&plan).expect("checked above");
        o.doc.mark_saved();
        o.stamp = stamp(&path);
        let (saved_revision, stamp) = (o.doc.revision(), o.stamp.clone());
        let (version, version_problem) = match versions::record_save(&self.store_path, &saved_plan, VersionSource::Save, message.as_deref().unwrap_or("")) {
            Ok(v) => (v, None),
            Err(e) => (None, Some(e)),
        };
        Ok(Saved { plan: plan.clone(), saved_revision, stamp, workspace: self.workspace()?, version, version_problem })
    }

    /// Keeps the editor's version of a plan whose file another program changed: the next save
    /// overwrites the file, and until then the plan is unsaved.
    pub fn keep_edits(&mut self, plan: String) -> ApiResult<PlanChange> {
        let path = self.path_of(&plan)?;
        let o = self.open_mut(&plan)?;
        o.doc.mark_unsaved();
        o.stamp = stamp(&path);
        Ok(self.change_view(&plan, document::Change::default(), false))
    }

    /// Closes an open plan, dropping its unsaved edits and history. False when it was not open.
    pub fn close_plan(&mut self, plan: String) -> ApiResult<bool> {
        Ok(self.open.remove(&plan).is_some())
    }

    /// The open plans whose files differ from what the editor last read or wrote, and whether
    /// any of `paths` is another file of the workspace. Called by the shell's file watcher.
    pub fn disk_change(&self, paths: &[PathBuf]) -> DiskChange {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let touched: Vec<PathBuf> = paths.iter().map(|p| canon(p)).collect();
        let mut plans = Vec::new();
        let mut known = Vec::new();
        for (id, o) in &self.open {
            let Some(entry) = self.ws.plans.get(id) else { continue };
            let file = canon(&entry.path);
            known.push(file.clone());
            if touched.contains(&file) || paths.is_empty() {
                let now = stamp(&entry.path);
                let same = now.exists == o.stamp.exists && now.modified == o.stamp.modified && now.len == o.stamp.len;
                if !same {
                    plans.push(ExternalChange { plan: id.clone(), stamp: now });
                }
            }
        }
        let is_ours = |p: &Path| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".planwright-tmp"));
        let workspace_changed = touched.iter().any(|p| p.extension().is_some_and(|e| e == "json") && !is_ours(p) && !known.contains(p));
        DiskChange { plans, workspace_changed }
    }

    pub fn create_plan(&mut self, name: String, plan_type: PlanType, channel: Option<Channel>) -> ApiResult<PlanListItem> {
        let plan = directory::create(&mut self.ws, &name, plan_type.into(), channel.map(Into::into))?;
        self.item(&plan.id)
    }

    pub(crate) fn item(&self, id: &str) -> ApiResult<PlanListItem> {
        directory::list(&self.ws)
            .into_iter()
            .find(|s| s.id == id)
            .map(Into::into)
            .ok_or_else(|| planwright::Error::UnknownPlan(id.into()).into())
    }

    /// Renames a plan in its file. An open plan takes the new name in every state of its
    /// document (a rename is a directory action, not an undoable edit).
    pub fn rename_plan(&mut self, id: String, name: String) -> ApiResult<PlanListItem> {
        let renamed = directory::rename(&mut self.ws, &id, &name)?;
        let path = self.path_of(&id)?;
        if let Some(o) = self.open.get_mut(&id) {
            o.doc.rename(&renamed.name);
            o.stamp = stamp(&path);
        }
        self.item(&id)
    }

    pub fn duplicate_plan(&mut self, id: String) -> ApiResult<PlanListItem> {
        if let Some(p) = self.ws.plan(&id) {
            self.refuse_secrets(&planwright::plan_file::plan_to_string(p), &format!("a copy of plan '{id}'"))?;
        }
        let plan = directory::duplicate(&mut self.ws, &id)?;
        self.item(&plan.id)
    }

    /// The plans that refer to `id`, to show before a delete is confirmed.
    pub fn plan_referrers(&self, id: String) -> ApiResult<Vec<String>> {
        Ok(directory::referrers(&self.ws, &id))
    }

    /// Deletes a plan's file; an open plan is closed.
    pub fn delete_plan(&mut self, id: String) -> ApiResult<WorkspaceView> {
        directory::delete(&mut self.ws, &id)?;
        self.open.remove(&id);
        self.workspace()
    }

    /// The drawing of an open plan as edited (or of a saved plan), as a PNG `data:` URL at most
    /// `DRAWING_WIDTH` pixels wide: the visualisation part of the plan directory. (Export SVG
    /// and `planwright render` give the drawing at full size.)
    pub fn plan_drawing(&self, plan: String) -> ApiResult<String> {
        let current = match self.open.get(&plan) {
            Some(o) => o.doc.plan(),
            None => self.ws.plan(&plan).ok_or_else(|| ApiError::new("plan-not-found", format!("no plan '{plan}'")))?,
        };
        let svg = planwright::render::svg(current, &self.ws.schedules, &planwright::render::RenderOptions::default());
        // Rasterized here, at the thumbnail's size: an SVG of every applet parsed and painted by
        // the window on its main thread cost about a second per edit at 2,000 applets.
        let png = planwright::render::png_at_most(&svg, DRAWING_WIDTH).map_err(|e| ApiError::new("drawing-failed", e))?;
        Ok(format!("data:image/png;base64,{}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, png)))
    }

    /// What the Applet Manager's fields of `applet` offer as the user types: the data sources
    /// it may read (set upstream, passed in, from `scenario` — a file of `scenarios/` — and
    /// the built-ins), the formatters, the documented values of sources that have some, and
    /// the operators of each data type.
    pub fn field_offers(&self, plan: String, applet: String, scenario: Option<String>) -> ApiResult<FieldOffers> {
        let o = self.open.get(&plan).ok_or_else(|| not_open(&plan))?;
        let mut ctx = Context::of_workspace(&self.ws);
        for other in self.open.values() {
            ctx = ctx.with_plan(other.doc.plan());
        }
        let from_scenario: Vec<String> = match scenario.as_deref().filter(|s| !s.is_empty()) {
            Some(name) => {
                let path = self.scenario_path(name)?.ok_or_else(|| ApiError::new("scenario-name-invalid", "no scenario named"))?;
                let s = planwright_sim::Scenario::load(&path).map_err(|e| ApiError::new("scenario-invalid", e.to_string()))?;
                s.data.keys().cloned().collect()
            }
            None => Vec::new(),
        };
        Ok(FieldOffers::new(planwright::offers::data_sources_at(&ctx, o.doc.plan(), &applet, &from_scenario), self.config_keys()?))
    }

    /// The "Set post interaction processing" control of a plan.
    pub fn route_control(&self, id: String) -> ApiResult<RouteControl> {
        let plan_type = self.ws.plan(&id).map(|p| p.plan_type).ok_or_else(|| ApiError::from(planwright::Error::UnknownPlan(id.clone())))?;
        let options = directory::eligible_routes(&self.ws, &id)?;
        let reason = if !self.settings.post_interaction_provisioned()? {
            Some(NOT_PROVISIONED.to_string())
        } else if plan_type == EnginePlanType::Unattended {
            Some("An Unattended plan runs after an interaction has ended, so it has no post-interaction processing of its own.".to_string())
        } else if options.is_empty() {
            Some(match plan_type {
                EnginePlanType::Message => "No Unattended plan exists yet: create one to use as the route.",
                _ => "No other Default or Unattended plan exists yet: create one to use as the route.",
            }
            .to_string())
        } else {
            None
        };
        Ok(RouteControl { enabled: reason.is_none(), reason, options })
    }

    pub(crate) fn network_allowed(&self) -> ApiResult<()> {
        if self.settings.allow_try_it()? {
            Ok(())
        } else {
            Err(ApiError::new("network-off", crate::try_it::NETWORK_OFF))
        }
    }

    /// The keys after a change, and the open plans whose diagnostics moved.
    pub(crate) fn config_keys_change(&mut self) -> ApiResult<ConfigKeysChange> {
        self.account_keys = self.settings.config_keys()?.into_iter().map(|k| k.name).collect();
        let ids: Vec<String> = self.open.keys().cloned().collect();
        let mut plans = Vec::new();
        for plan in ids {
            let view = self.change_view(&plan, document::Change::default(), true);
            if !view.diagnostics.added.is_empty() || !view.diagnostics.removed.is_empty() {
                plans.push(view);
            }
        }
        Ok(ConfigKeysChange { keys: self.config_keys()?, plans })
    }

}


/// Why the Set control is unavailable on an account without the feature.
pub const NOT_PROVISIONED: &str =
    "Post interaction processing is not provisioned for this account, so the Set post interaction processing control is unavailable. Ask your account administrator to enable it.";
