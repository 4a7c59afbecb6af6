//! The Planwright desktop shell: one `#[tauri::command]` per method of
//! [`planwright_api::Session`], each a single line that locks the session and calls it.
//! Errors reach the UI as `{code, message}` ([`ApiError`]). Nothing here decides anything.

use planwright_api::dto::*;
use planwright_api::simulate::{SimRequest, SimRun};
use planwright_api::{ApiError, Session};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use tauri::State;

pub struct AppState(pub Mutex<Session>);

impl AppState {
    fn lock(&self) -> MutexGuard<'_, Session> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

type R<T> = Result<T, ApiError>;

#[tauri::command]
fn workspace(s: State<AppState>) -> WorkspaceView { s.lock().workspace() }
#[tauri::command]
fn open_workspace(s: State<AppState>, root: String) -> R<WorkspaceView> { s.lock().open_workspace(&root) }
#[tauri::command]
fn reload_workspace(s: State<AppState>) -> R<WorkspaceView> { s.lock().reload_workspace() }
#[tauri::command]
fn catalog(s: State<AppState>) -> Vec<CatalogEntry> { s.lock().catalog() }
#[tauri::command]
fn open_plan(s: State<AppState>, id: String) -> R<OpenedPlan> { s.lock().open_plan(&id) }
#[tauri::command]
fn check_plan(s: State<AppState>, plan: PlanView) -> R<DocState> { s.lock().check(plan) }
#[tauri::command]
fn apply_edit(s: State<AppState>, plan: PlanView, op: EditOp) -> R<DocState> { s.lock().apply(plan, op) }
#[tauri::command]
fn save_plan(s: State<AppState>, plan: PlanView) -> R<Saved> { s.lock().save(plan) }
#[tauri::command]
fn file_stamp(s: State<AppState>, id: String) -> R<FileStamp> { s.lock().file_stamp(&id) }
#[tauri::command]
fn create_plan(s: State<AppState>, name: String, plan_type: PlanKind, channel: Option<ChannelKind>) -> R<PlanListItem> { s.lock().create_plan(&name, plan_type, channel) }
#[tauri::command]
fn rename_plan(s: State<AppState>, id: String, name: String) -> R<PlanListItem> { s.lock().rename_plan(&id, &name) }
#[tauri::command]
fn duplicate_plan(s: State<AppState>, id: String) -> R<PlanListItem> { s.lock().duplicate_plan(&id) }
#[tauri::command]
fn plan_referrers(s: State<AppState>, id: String) -> Vec<String> { s.lock().plan_referrers(&id) }
#[tauri::command]
fn delete_plan(s: State<AppState>, id: String) -> R<WorkspaceView> { s.lock().delete_plan(&id) }
#[tauri::command]
fn route_control(s: State<AppState>, id: String) -> R<RouteControl> { s.lock().route_control(&id) }
#[tauri::command]
fn settings(s: State<AppState>) -> R<AccountSettings> { s.lock().settings() }
#[tauri::command]
fn simulate(s: State<AppState>, plan: PlanView, request: SimRequest) -> R<SimRun> { s.lock().simulate(plan, request) }
#[tauri::command]
fn set_provisioned(s: State<AppState>, on: bool) -> R<AccountSettings> { s.lock().set_provisioned(on) }

/// Where the app looks for plans and its SQLite store: `planwright-desktop [WORKSPACE]
/// [--store FILE]`, else `PLANWRIGHT_WORKSPACE` / `PLANWRIGHT_STORE`, else `plans/` in the
/// current folder and `$XDG_DATA_HOME/planwright/planwright.sqlite`.
pub fn locations() -> (PathBuf, PathBuf) {
    let mut args = std::env::args().skip(1);
    let (mut workspace, mut store) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--store" => store = args.next().map(PathBuf::from),
            _ if !a.starts_with('-') => workspace = Some(PathBuf::from(a)),
            _ => {}
        }
    }
    let workspace = workspace.or_else(|| std::env::var_os("PLANWRIGHT_WORKSPACE").map(PathBuf::from)).unwrap_or_else(|| "plans".into());
    let store = store.or_else(|| std::env::var_os("PLANWRIGHT_STORE").map(PathBuf::from)).unwrap_or_else(default_store);
    (workspace, store)
}

fn default_store() -> PathBuf {
    planwright_api::default_store_path().unwrap_or_else(|| std::env::temp_dir().join("planwright").join("runs.sqlite3"))
}

pub fn run() {
    let (root, store) = locations();
    let session = match Session::open(&root, &store) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("planwright-desktop: cannot open {} (store {}): {e}", root.display(), store.display());
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .manage(AppState(Mutex::new(session)))
        .invoke_handler(tauri::generate_handler![
            workspace, open_workspace, reload_workspace, catalog, open_plan, check_plan, apply_edit, save_plan, file_stamp,
            create_plan, rename_plan, duplicate_plan, plan_referrers, delete_plan, route_control, settings, set_provisioned, simulate,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri application failed to start");
}
