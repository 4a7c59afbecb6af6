//! # The desktop editor's API
//!
//! What the Tauri shell (`src-tauri`) calls, without depending on Tauri: the transport types
//! ([`dto`]), the editing [`session::Session`], the account [`settings`] in SQLite, and
//! simulating from the canvas ([`simulate`], over planwright-sim and the run store).
//! `src-tauri` holds one-line `#[tauri::command]` wrappers over [`session::Session`] (and
//! [`jobs::Jobs`] for cancelling), generated from the one declaration of the command set
//! (`src/command_set.rs`, which also gives the permissions and the TypeScript client), so
//! every behaviour of the desktop app is tested here with a plain `cargo test`.
//!
//! Architecture invariant: this crate and the engine never depend on Tauri, webkit or GTK.

pub mod account;
pub mod batch;
pub mod behaviour;
pub mod bindings;
pub mod dto;
pub mod jobs;
pub mod load;
pub mod plan_tests;
pub mod routing;
pub mod runs;
pub mod scenarios;
pub mod schedules;
pub mod search;
pub mod session;
pub mod settings;
pub mod simulate;
pub mod user_workspace;
pub mod try_it;
pub mod versions;
pub mod watch;

pub use dto::{ApiError, ApiResult};
pub use jobs::{Job, JobEvent, Jobs};
pub use session::Session;

/// The run store the app uses by default (planwright-store's platform data file).
pub fn default_store_path() -> Option<std::path::PathBuf> {
    planwright_store::default_path()
}
