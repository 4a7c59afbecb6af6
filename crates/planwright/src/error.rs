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
    /// An id that is not safe to use (see `model::id_problem`); `field` is its JSON path.
    #[error("{field} '{value}' is not a valid id: {reason}")]
    InvalidId { field: String, value: String, reason: String },
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
            ParseError::InvalidId { .. } => "file-invalid-id",
            ParseError::Migration { .. } => "file-migration-failed",
        }
    }
}

/// Why a plan, schedule or scenario file could not be read as text at all (before any
/// parsing). Each reason has its own code.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    #[error("no such file or folder")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("it is a folder, not a file")]
    IsFolder,
    #[error("not a regular file (a pipe, socket or device)")]
    NotRegular,
    #[error("a broken symbolic link (to {}, which does not exist)", target.display())]
    BrokenLink { target: PathBuf },
    #[error("a symbolic link loop (the links never reach a file)")]
    LinkLoop,
    /// The first bad byte: `offset` from the start of the file (0-based), at `line` and
    /// `column` (1-based; the column counts the characters before it on its line, plus one).
    #[error("invalid UTF-8 at byte offset {offset} (line {line}, column {column}): the file must be UTF-8 text")]
    InvalidUtf8 { offset: usize, line: usize, column: usize },
    /// Larger than [`crate::plan_file::MAX_FILE_BYTES`]; refused before it is read.
    #[error("the file is too large: {size} bytes, more than the {limit} a plan, schedule or scenario file may have")]
    TooLarge { size: u64, limit: u64 },
    #[error("{message}")]
    Other { message: String },
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::NotFound => "file-not-found",
            ReadError::PermissionDenied => "file-permission-denied",
            ReadError::IsFolder => "file-is-folder",
            ReadError::NotRegular => "file-not-regular",
            ReadError::BrokenLink { .. } => "file-broken-link",
            ReadError::LinkLoop => "file-link-loop",
            ReadError::InvalidUtf8 { .. } => "file-invalid-utf8",
            ReadError::TooLarge { .. } => "file-too-large",
            ReadError::Other { .. } => "file-io",
        }
    }
}

/// Why a save could not write its file. The file is left as it was either way (saves write
/// a temp file and rename it over), and the temp file is removed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// ENOSPC (or a quota): the file system holding the folder has no room left.
    #[error("the disk is full (no space left in {}); the file was left as it was", folder.display())]
    DiskFull { folder: PathBuf },
    /// EROFS, or no permission to write in the folder (the same to whoever saves).
    #[error("the folder {} is read-only ({why}); the file was left as it was", folder.display())]
    ReadOnly { folder: PathBuf, why: &'static str },
}

impl WriteError {
    /// The typed reason for an I/O error of a save in `folder`, when it has one.
    pub fn of(source: &std::io::Error, folder: &std::path::Path) -> Option<WriteError> {
        use std::io::ErrorKind;
        let folder = folder.to_path_buf();
        match source.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(WriteError::DiskFull { folder }),
            ErrorKind::ReadOnlyFilesystem => Some(WriteError::ReadOnly { folder, why: "a read-only file system" }),
            ErrorKind::PermissionDenied => Some(WriteError::ReadOnly { folder, why: "permission denied" }),
            _ => None,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            WriteError::DiskFull { .. } => "disk-full",
            WriteError::ReadOnly { .. } => "folder-read-only",
        }
    }
}

/// Errors of reading and writing files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Parse { path: PathBuf, source: ParseError },
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: ReadError },
    #[error("{}: cannot save: {source}", path.display())]
    Write { path: PathBuf, source: WriteError },
    #[error("{}: cannot {action}: {source}", path.display())]
    Io { path: PathBuf, action: &'static str, source: std::io::Error },
    #[error("{}: plan id '{id}' is already used by {}", path.display(), other.display())]
    DuplicatePlanId { path: PathBuf, id: String, other: PathBuf },
    #[error("no plan with id '{0}' in the workspace")]
    UnknownPlan(String),
    /// A plan id that would not be a safe file name, refused before anything is written.
    #[error("plan id '{id}' cannot become a file name: {reason}")]
    InvalidPlanId { id: String, reason: String },
    #[error("no schedule with id '{0}' in the workspace")]
    UnknownSchedule(String),
    /// A schedule id that would not be a safe file name, refused before anything is written.
    #[error("schedule id '{id}' cannot become a file name: {reason}")]
    InvalidScheduleId { id: String, reason: String },
    #[error("{}: schedule id '{id}' is already used by {}", path.display(), other.display())]
    DuplicateScheduleId { path: PathBuf, id: String, other: PathBuf },
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { source, .. } => source.code(),
            Error::Read { source, .. } => source.code(),
            Error::Write { source, .. } => source.code(),
            Error::Io { .. } => "file-io",
            Error::DuplicatePlanId { .. } => "file-duplicate-plan-id",
            Error::UnknownPlan(_) => "plan-unknown",
            Error::InvalidPlanId { .. } => "plan-id-invalid",
            Error::UnknownSchedule(_) => "schedule-not-found",
            Error::InvalidScheduleId { .. } => "schedule-id-invalid",
            Error::DuplicateScheduleId { .. } => "file-duplicate-schedule-id",
        }
    }

    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Parse { path, .. } | Error::Read { path, .. } | Error::Write { path, .. } | Error::Io { path, .. } | Error::DuplicatePlanId { path, .. } | Error::DuplicateScheduleId { path, .. } => Some(path),
            Error::UnknownPlan(_) | Error::InvalidPlanId { .. } | Error::UnknownSchedule(_) | Error::InvalidScheduleId { .. } => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
