//! Typed errors of the engine. Validation never errors (it returns diagnostics); these are for
//! files that cannot be read or written at all.

use std::path::PathBuf;

/// Why the text of a plan or schedule file could not become a value of the model.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Malformed { line: usize, column: usize, message: String },
    #[error("no schema_version: this does not look like a Planwright {what} file")]
    MissingSchemaVersion { what: &'static str },
    #[error("made by a newer Planwright: schema_version {found}, and this build reads up to {supported}; update Planwright to open it")]
    NewerSchema { found: u64, supported: u32 },
    #[error("applet '{applet}' has unknown applet kind '{kind}'; known kinds: {known}")]
    UnknownKind { applet: String, kind: String, known: String },
    #[error("at {at}: {message}")]
    Invalid { at: String, message: String },
    #[error("cannot migrate from schema_version {from}: {message}")]
    Migration { from: u64, message: String },
}

impl ParseError {
    /// A stable code for scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::Malformed { .. } => "file-malformed-json",
            ParseError::MissingSchemaVersion { .. } => "file-no-schema-version",
            ParseError::NewerSchema { .. } => "file-newer-schema",
            ParseError::UnknownKind { .. } => "file-unknown-applet-kind",
            ParseError::Invalid { .. } => "file-invalid",
            ParseError::Migration { .. } => "file-migration-failed",
        }
    }
}

/// Errors of reading and writing files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Parse { path: PathBuf, source: ParseError },
    #[error("{}: cannot {action}: {source}", path.display())]
    Io { path: PathBuf, action: &'static str, source: std::io::Error },
    #[error("{}: plan id '{id}' is already used by {}", path.display(), other.display())]
    DuplicatePlanId { path: PathBuf, id: String, other: PathBuf },
    #[error("no plan with id '{0}' in the workspace")]
    UnknownPlan(String),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { source, .. } => source.code(),
            Error::Io { .. } => "file-io",
            Error::DuplicatePlanId { .. } => "file-duplicate-plan-id",
            Error::UnknownPlan(_) => "plan-unknown",
        }
    }

    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Parse { path, .. } | Error::Io { path, .. } | Error::DuplicatePlanId { path, .. } => Some(path),
            Error::UnknownPlan(_) => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
