//! # The desktop editor's API
//!
//! What the Tauri shell (`src-tauri`) calls, without depending on Tauri: the transport types
//! ([`dto`]), the editing [`session::Session`], the account [`settings`] in SQLite, and
//! simulating from the canvas ([`simulate`], over planwright-sim and the run store).
//! `src-tauri` holds one-line `#[tauri::command]` wrappers over [`session::Session`], so
//! every behaviour of the desktop app is tested here with a plain `cargo test`.
//!
//! Architecture invariant: this crate and the engine never depend on Tauri, webkit or GTK.

pub mod bindings;
pub mod dto;
pub mod session;
pub mod settings;
pub mod simulate;

pub use dto::{ApiError, ApiResult};
pub use session::Session;

/// The run store the app uses by default (planwright-store's platform data file).
pub fn default_store_path() -> Option<std::path::PathBuf> {
    planwright_store::default_path()
}
