//! The Planwright desktop shell: the commands of `planwright_api`'s one declaration of the
//! command set (`crates/planwright-api/src/command_set.rs`), each a single call into
//! [`planwright_api::Session`] run off the window's main thread, and the workspace watcher.
//! Errors reach the UI as `{code, message}` ([`ApiError`]). Nothing here decides anything.

use planwright_api::dto::*;
use planwright_api::batch::{BatchRequest, BatchView};
use planwright_api::behaviour::{BehaviourRequest, BehaviourView};
use planwright_api::load::{DayView, LoadItem, LoadModelView, SweepView};
use planwright_api::plan_tests::TestDraft;
use planwright_api::routing::{Destination, Mapping, Resolution, RoutingView};
use planwright_api::search::{DataSourceUses, Hit};
use planwright_api::scenarios::Scenario;
use planwright_api::simulate::{SimRequest, SimRun};
use planwright_api::try_it::{SampleValue, SentTest, SmtpSettings, TryResponse};
use planwright_api::{ApiError, JobEvent, Jobs, Session};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tauri::{Emitter, Manager, State};

/// The session, shared by the commands (each runs on tokio's blocking pool) and the watcher.
#[derive(Clone)]
pub struct Shared(Arc<Mutex<Session>>);

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Session> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub struct AppState {
    session: Shared,
    jobs: Arc<Jobs>,
    /// The folder being watched and its watch (another folder may be opened).
    watching: Mutex<Option<(PathBuf, planwright_api::watch::Watch)>>,
}

impl AppState {
    /// Watches the session's workspace folder, starting again when another one was opened.
    /// The watcher reports changed paths; the session decides what they mean.
    fn keep_watching(&self, app: &tauri::AppHandle) {
        let root = self.session.lock().root().to_path_buf();
        let mut watching = self.watching.lock().unwrap_or_else(|p| p.into_inner());
        if watching.as_ref().is_some_and(|(r, _)| *r == root) {
            return;
        }
        *watching = None;
        let (handle, session) = (app.clone(), self.session.clone());
        let watch = planwright_api::watch::watch(&root, move |paths| {
            let change = session.lock().disk_change(&paths);
            if !change.plans.is_empty() || change.workspace_changed {
                let _ = handle.emit(DISK_CHANGE_EVENT, change);
            }
        });
        match watch {
            Ok(w) => *watching = Some((root, w)),
            Err(e) => eprintln!("planwright-desktop: not watching {}: {e}", root.display()),
        }
    }
}

type R<T> = Result<T, ApiError>;

/// Runs `f` on the session in tokio's blocking pool, so the main thread keeps painting.
async fn on_session<T: Send + 'static>(state: &AppState, f: impl FnOnce(&mut Session) -> R<T> + Send + 'static) -> R<T> {
    let session = state.session.clone();
    tauri::async_runtime::spawn_blocking(move || f(&mut session.lock()))
        .await
        .map_err(|e| ApiError::new("command-failed", e.to_string()))?
}

include!("../../crates/planwright-api/src/command_set.rs");

macro_rules! shell {
    (
        commands { $( $c:ident ( $( $ca:ident : $ct:ty ),* ) -> $cr:ty ; )* }
        jobs { $( $j:ident ( $( $ja:ident : $jt:ty ),* ) -> $jr:ty ; )* }
        job_control { $( $k:ident ( $( $ka:ident : $kt:ty ),* ) -> $kr:ty ; )* }
    ) => {
        $(
            #[tauri::command]
            async fn $c(app: tauri::AppHandle, state: State<'_, AppState>, $( $ca: $ct ),*) -> R<$cr> {
                let answer = on_session(&state, move |s| s.$c($( $ca ),*)).await;
                state.keep_watching(&app);
                answer
            }
        )*
        $(
            /// A job: prepared by the session under its lock, then run on the blocking pool
            /// without it, its events sent through `on_event`.
            #[tauri::command]
            async fn $j(state: State<'_, AppState>, on_event: tauri::ipc::Channel<JobEvent>, $( $ja: $jt ),*) -> R<$jr> {
                let job = state.jobs.start(stringify!($j), move |e| {
                    let _ = on_event.send(e);
                });
                let prepared = on_session(&state, move |s| s.$j($( $ja ),*));
                let prepared = match prepared.await {
                    Ok(p) => p,
                    Err(e) => return job.finish(Err(e)),
                };
                tauri::async_runtime::spawn_blocking(move || {
                    let result = prepared.run(&job);
                    job.finish(result)
                })
                .await
                .map_err(|e| ApiError::new("command-failed", e.to_string()))?
            }
        )*
        $(
            #[tauri::command]
            async fn $k(state: State<'_, AppState>, $( $ka: $kt ),*) -> R<$kr> {
                state.jobs.$k($( $ka ),*)
            }
        )*

        fn handlers() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$( $c, )* $( $j, )* $( $k, )*]
        }
    };
}
command_set!(shell);

/// Where the app looks for plans and its SQLite store: `planwright-desktop [WORKSPACE]
/// [--store FILE]`, else `PLANWRIGHT_WORKSPACE` / `PLANWRIGHT_STORE`, else the user's
/// workspace in the platform's data folder (seeded from the installed samples the first time,
/// [`planwright_api::user_workspace`]) and the run store beside it.
pub fn locations() -> Result<(PathBuf, PathBuf), ApiError> {
    let mut args = std::env::args().skip(1);
    let (mut workspace, mut store) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--store" => store = args.next().map(PathBuf::from),
            _ if !a.starts_with('-') => workspace = Some(PathBuf::from(a)),
            _ => {}
        }
    }
    let workspace = match workspace.or_else(|| std::env::var_os("PLANWRIGHT_WORKSPACE").map(PathBuf::from)) {
        Some(w) => w,
        None => planwright_api::user_workspace::prepare_default()?.folder,
    };
    let store = store.or_else(|| std::env::var_os("PLANWRIGHT_STORE").map(PathBuf::from)).unwrap_or_else(default_store);
    Ok((workspace, store))
}

fn default_store() -> PathBuf {
    planwright_api::default_store_path().unwrap_or_else(|| std::env::temp_dir().join("planwright").join("runs.sqlite3"))
}

/// The event the watcher emits when files of the workspace change on disk.
pub const DISK_CHANGE_EVENT: &str = "disk-change";

pub fn run() {
    let (root, store) = locations().unwrap_or_else(|e| {
        eprintln!("planwright-desktop: {}", e.message);
        std::process::exit(2);
    });
    let session = match Session::open(&root, &store) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("planwright-desktop: cannot open {} (store {}): {e}", root.display(), store.display());
            std::process::exit(2);
        }
    };
    let shared = Shared(Arc::new(Mutex::new(session)));
    tauri::Builder::default()
        .manage(AppState { session: shared, jobs: Jobs::new(), watching: Mutex::new(None) })
        .invoke_handler(handlers())
        .setup(|app| {
            app.state::<AppState>().keep_watching(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri application failed to start");
}
