//! # Planwright engine
//!
//! The GUI-free core of Planwright, a visual editor and offline simulator for contact-center
//! interaction plans modelled on Vonage Contact Center's Interaction Plans Architect.
//!
//! - [`model`]: plans, applets, connections (what a plan file holds);
//! - [`catalog`]: every applet kind, its exits, plan types and property schema;
//! - [`graph`]: the petgraph view of a plan;
//! - [`plan_file`] and [`workspace`]: loading, migrating and atomically saving plan files;
//! - [`validate`]: design-time diagnostics;
//! - [`edit`] and [`directory`]: the editor's operations on a plan and on the plan directory;
//! - [`document`]: an open plan with its graph, revisions and undo/redo;
//! - [`schedule`] and [`datasource`]: schedules and `$(…)` data source templates;
//! - [`offers`]: what a property form offers as the user types (data sources, values, operators).
//! - [`schedule_directory`]: the schedule editor's operations on the schedules of a workspace.
//! - [`destination`]: destinations, ranked mappings, testing plans and the data sources an
//!   interaction starts with (the Interaction Plans Manager's half).
//!
//! Nothing here depends on Tauri, webkit or GTK.

pub mod catalog;
pub mod datasource;
pub mod datetime;
pub mod destination;
pub mod diff;
pub mod directory;
pub mod document;
pub mod edit;
pub mod error;
pub mod generate;
pub mod graph;
pub mod model;
pub mod offers;
pub mod plan_file;
pub mod render;
mod properties;
pub mod schedule;
pub mod schedule_directory;
pub mod search;
pub mod validate;
pub mod workspace;

pub use error::{Error, ParseError, Result, WriteError};
pub use model::{Applet, AppletConfig, AppletKind, Connection, Plan, PlanType};
pub use validate::{Diagnostic, Severity};
pub use workspace::Workspace;
