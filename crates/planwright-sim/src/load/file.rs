//! Load files: read (version check, typed model), canonical text, atomic save, the JSON
//! Schema, and CSVs of real arrival times.

use super::model::{Load, LOAD_SCHEMA_VERSION};
use chrono::DateTime;
use std::path::{Path, PathBuf};

/// Why a load file, or an arrivals CSV, cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadFileError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: planwright::error::ReadError },
    #[error("{}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error("{}: schema_version {found} is newer than this Planwright reads ({LOAD_SCHEMA_VERSION}); update Planwright", path.display())]
    TooNew { path: PathBuf, found: u64 },
    #[error("{}: the id '{id}' cannot be a file name: {reason}", path.display())]
    BadId { path: PathBuf, id: String, reason: String },
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Csv { path: PathBuf, line: usize, column: usize, message: String },
    #[error(transparent)]
    Write(#[from] planwright::Error),
}

impl LoadFileError {
    pub fn code(&self) -> &'static str {
        match self {
            LoadFileError::Read { source, .. } => source.code(),
            LoadFileError::Parse { .. } => "load-invalid",
            LoadFileError::TooNew { .. } => "load-too-new",
            LoadFileError::BadId { .. } => "load-id-invalid",
            LoadFileError::Csv { .. } => "arrivals-csv-invalid",
            LoadFileError::Write(e) => e.code(),
        }
    }
}

/// Parses a load file's text. Errors name the line and column, or the version.
pub fn parse(path: &Path, text: &str) -> Result<Load, LoadFileError> {
    let perr = |message: String| LoadFileError::Parse { path: path.to_path_buf(), message };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| perr(e.to_string()))?;
    let version = match value.get("schema_version") {
        Some(v) => v.as_u64().ok_or_else(|| perr(format!("schema_version {v} is not a whole number")))?,
        None => return Err(perr("schema_version is missing (this build writes 1)".into())),
    };
    if version > LOAD_SCHEMA_VERSION {
        return Err(LoadFileError::TooNew { path: path.to_path_buf(), found: version });
    }
    if version == 0 {
        return Err(perr("schema_version 0 does not exist; load files start at 1".into()));
    }
    // Errors from the typed model keep their line and column: parse the text again, typed.
    let load: Load = serde_json::from_str(text).map_err(|e| perr(e.to_string()))?;
    if let Some(reason) = planwright::model::id_problem(&load.id) {
        return Err(LoadFileError::BadId { path: path.to_path_buf(), id: load.id, reason });
    }
    Ok(load)
}

/// Reads a load file.
pub fn read(path: &Path) -> Result<Load, LoadFileError> {
    let text = planwright::plan_file::read_text(path).map_err(|source| LoadFileError::Read { path: path.to_path_buf(), source })?;
    parse(path, &text)
}

/// The text a load model is saved as: sorted keys, two-space indent, a final newline.
pub fn to_text(load: &Load) -> String {
    let value = serde_json::to_value(load).expect("a load model serializes");
    let mut s = serde_json::to_string_pretty(&value).expect("a value serializes");
    s.push('\n');
    s
}

/// Saves a load model atomically in canonical form.
pub fn save(path: &Path, load: &Load) -> Result<(), LoadFileError> {
    planwright::plan_file::write_atomic(path, to_text(load).as_bytes())?;
    Ok(())
}

/// The JSON Schema of load files, committed as `plans/load/load.schema.json`.
pub fn json_schema() -> String {
    let value = serde_json::to_value(schemars::schema_for!(Load)).expect("a schema serializes");
    let mut s = serde_json::to_string_pretty(&value).expect("a value serializes");
    s.push('\n');
    s
}

/// The load files of a workspace: `load/*.json` (not the schema), sorted by name.
pub fn list(workspace: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(workspace.join("load")) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.ends_with(".json") && !name.ends_with(".schema.json") && !name.starts_with('.')
        })
        .collect();
    out.sort();
    out
}

/// One arrival from a CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvArrival {
    /// Milliseconds since the epoch.
    pub at_ms: i64,
    pub clid: Option<String>,
}

/// Reads a CSV of arrival times: a header with a `time` column (RFC 3339 with an offset, or
/// `HH:MM:SS` / `HH:MM` on the load's first day) and, optionally, `clid`. Rows need not be
/// in order. A bad row is an error naming its line and column.
pub fn read_csv(path: &Path, day_start_ms: i64) -> Result<Vec<CsvArrival>, LoadFileError> {
    let text = planwright::plan_file::read_text(path).map_err(|source| LoadFileError::Read { path: path.to_path_buf(), source })?;
    parse_csv(path, &text, day_start_ms)
}

/// [`read_csv`] on text.
pub fn parse_csv(path: &Path, text: &str, day_start_ms: i64) -> Result<Vec<CsvArrival>, LoadFileError> {
    let err = |line: usize, column: usize, message: String| LoadFileError::Csv { path: path.to_path_buf(), line, column, message };
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((h_line, header)) = lines.next() else {
        return Err(err(1, 1, "the file is empty: a header with a 'time' column comes first".into()));
    };
    let names: Vec<String> = header.split(',').map(|c| c.trim().trim_matches('"').to_ascii_lowercase()).collect();
    let Some(time_col) = names.iter().position(|n| n == "time") else {
        return Err(err(h_line + 1, 1, format!("the header '{header}' has no 'time' column")));
    };
    let clid_col = names.iter().position(|n| n == "clid");
    let mut out = Vec::new();
    for (i, line) in lines {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() != names.len() {
            return Err(err(i + 1, 1, format!("{} fields, but the header has {}", cells.len(), names.len())));
        }
        // The column of a cell, counted in characters from 1.
        let column = |c: usize| cells[..c].iter().map(|s| s.chars().count() + 1).sum::<usize>() + 1;
        let cell = cells[time_col].trim().trim_matches('"');
        let at_ms = if let Ok(t) = DateTime::parse_from_rfc3339(cell) {
            t.timestamp_millis()
        } else if let Some(ms) = time_of_day_ms(cell) {
            day_start_ms + ms
        } else {
            return Err(err(i + 1, column(time_col), format!("'{cell}' is not a time (RFC 3339 with an offset, or HH:MM:SS)")));
        };
        let clid = clid_col.map(|c| cells[c].trim().trim_matches('"').to_string()).filter(|c| !c.is_empty());
        out.push(CsvArrival { at_ms, clid });
    }
    out.sort_by_key(|a| a.at_ms);
    Ok(out)
}

fn time_of_day_ms(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit() || b == b'.')) {
        return None;
    }
    let h: i64 = parts[0].parse().ok()?;
    let m: i64 = parts[1].parse().ok()?;
    let sec: f64 = parts.get(2).map_or(Some(0.0), |p| p.parse().ok())?;
    (h < 24 && m < 60 && (0.0..60.0).contains(&sec)).then(|| h * 3_600_000 + m * 60_000 + (sec * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_csv_row_names_its_line_and_column() {
        let p = Path::new("a.csv");
        let ok = parse_csv(p, "clid,time\n+441,08:00:05\n+442,2026-01-05T08:00:01+00:00\n", 0).unwrap();
        assert_eq!(ok.iter().map(|a| a.at_ms).collect::<Vec<_>>(), [8 * 3_600_000 + 5000, 1_767_600_001_000], "sorted by time");
        let e = parse_csv(p, "clid,time\n+441,08:00:05\n+442,8 o'clock\n", 0).unwrap_err();
        assert_eq!(e.to_string(), "a.csv: line 3, column 6: '8 o'clock' is not a time (RFC 3339 with an offset, or HH:MM:SS)");
        let e = parse_csv(p, "clid,time\n+441\n", 0).unwrap_err();
        assert!(e.to_string().contains("line 2, column 1: 1 fields, but the header has 2"), "{e}");
        let e = parse_csv(p, "when\n08:00\n", 0).unwrap_err();
        assert!(e.to_string().contains("line 1, column 1: the header 'when' has no 'time' column"), "{e}");
    }

    #[test]
    fn versions_are_checked() {
        let p = Path::new("l.json");
        let e = parse(p, r#"{"schema_version": 2}"#).unwrap_err();
        assert_eq!(e.code(), "load-too-new");
        let e = parse(p, r#"{"id": "x"}"#).unwrap_err();
        assert!(e.to_string().contains("schema_version is missing"), "{e}");
        let e = parse(p, r#"{"schema_version": 1, "id": "x", "start": "2026-01-05T00:00:00Z", "queues": {}, "arrivals": [], "colour": 1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `colour`"), "{e}");
        assert!(e.to_string().contains("line 1"), "{e}");
    }
}
