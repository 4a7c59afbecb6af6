//! Plan and schedule files: parsing with clear errors, migration of older versions,
//! canonical serialization, and atomic saves.
//!
//! Loading goes text → JSON value (malformed JSON is reported with line and column) →
//! `schema_version` check (a newer file is refused, an older one migrated) → a check of the
//! applet kinds (an unknown kind lists the known ones) → the typed model (errors name the
//! JSON path, such as `applets[3].properties.max_runs`).
//!
//! Saving writes canonical JSON (sorted keys, applets by id, connections by
//! `(from, exit, to)`, two-space indent, final newline) to a temp file in the same folder,
//! fsyncs it, renames it over the target and fsyncs the folder. A crash leaves the old file or
//! the new one, never half of one; the temp file it may leave is removed by the next
//! [`crate::Workspace::load`] once its process is gone.

use crate::error::{Error, ParseError, ReadError, Result};
use crate::model::{AppletKind, Plan, SCHEMA_VERSION};
use crate::schedule::{Schedule, SCHEDULE_SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Parses a plan file's text.
pub fn parse_plan(text: &str) -> Result<Plan, ParseError> {
    let value = parse_value(text)?;
    let version = schema_version(&value, "plan", SCHEMA_VERSION)?;
    let value = migrate_plan(value, version)?;
    check_kinds(&value)?;
    let applets = value.get("applets").cloned();
    let plan: Plan = from_value(value).map_err(|e| name_applet(e, applets.as_ref()))?;
    check_id("id", &plan.id)?;
    for (i, a) in plan.applets.iter().enumerate() {
        check_id(&format!("applets[{i}].id"), &a.id)?;
    }
    Ok(plan)
}

/// Refuses an id that is not safe ([`crate::model::id_problem`]), naming its field.
fn check_id(field: &str, id: &str) -> Result<(), ParseError> {
    match crate::model::id_problem(id) {
        Some(reason) => Err(ParseError::InvalidId { field: field.to_string(), value: crate::model::shorten(id, 80).into_owned(), reason }),
        None => Ok(()),
    }
}

/// Serde reports a bad property at `applets[N]` (the kind and properties are read together);
/// name the applet and its kind so the user can find it.
fn name_applet(err: ParseError, applets: Option<&Value>) -> ParseError {
    let ParseError::Invalid { at, message } = err else { return err };
    let applet = at
        .strip_prefix("applets[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| applets?.get(i));
    match applet {
        Some(a) => {
            let field = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
            ParseError::Invalid { at: format!("{at} (applet '{}', {})", field("id"), field("kind")), message }
        }
        None => ParseError::Invalid { at, message },
    }
}

/// Parses a schedule file's text.
pub fn parse_schedule(text: &str) -> Result<Schedule, ParseError> {
    let value = parse_value(text)?;
    let version = schema_version(&value, "schedule", SCHEDULE_SCHEMA_VERSION)?;
    let value = migrate_schedule(value, version)?;
    let schedule: Schedule = from_value(value)?;
    check_id("id", &schedule.id)?;
    Ok(schedule)
}

/// Brings a schedule file's JSON from `from` up to [`SCHEDULE_SCHEMA_VERSION`]. Version 2
/// only added the optional `custom_statuses`, so a version 1 file is read as it is.
pub fn migrate_schedule(mut value: Value, from: u64) -> Result<Value, ParseError> {
    if from < 1 {
        return Err(ParseError::Migration { from, message: "no schedule version before 1 exists".into() });
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".into(), Value::from(SCHEDULE_SCHEMA_VERSION));
    }
    Ok(value)
}

fn parse_value(text: &str) -> Result<Value, ParseError> {
    serde_json::from_str(text).map_err(|e| ParseError::Malformed {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn schema_version(value: &Value, what: &'static str, supported: u32) -> Result<u64, ParseError> {
    let v = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or(ParseError::MissingSchemaVersion { what })?;
    if v > supported as u64 {
        return Err(ParseError::NewerSchema { found: v, supported });
    }
    Ok(v)
}

/// Brings a plan file's JSON from `from` up to [`SCHEMA_VERSION`], one version at a time.
///
/// Version 0 was the pre-release draft format: the type was under `plan_type`, the start
/// applet under `start_applet`, and an applet's kind under `type`.
pub fn migrate_plan(mut value: Value, from: u64) -> Result<Value, ParseError> {
    let mut version = from;
    while version < SCHEMA_VERSION as u64 {
        value = match version {
            0 => migrate_v0_to_v1(value)?,
            _ => return Err(ParseError::Migration { from: version, message: "unknown version".into() }),
        };
        version += 1;
    }
    Ok(value)
}

fn migrate_v0_to_v1(mut value: Value) -> Result<Value, ParseError> {
    let obj = value
        .as_object_mut()
        .ok_or_else(|| ParseError::Migration { from: 0, message: "the file is not a JSON object".into() })?;
    if let Some(t) = obj.remove("plan_type") {
        obj.insert("type".into(), t);
    }
    if let Some(s) = obj.remove("start_applet") {
        obj.insert("start".into(), s);
    }
    if let Some(Value::Array(applets)) = obj.get_mut("applets") {
        for a in applets.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(k) = a.remove("type") {
                a.insert("kind".into(), k);
            }
        }
    }
    obj.insert("schema_version".into(), Value::from(1));
    Ok(value)
}

fn check_kinds(value: &Value) -> Result<(), ParseError> {
    let Some(applets) = value.get("applets").and_then(Value::as_array) else { return Ok(()) };
    for a in applets {
        let kind = a.get("kind").and_then(Value::as_str);
        if let Some(kind) = kind {
            if AppletKind::from_name(kind).is_none() {
                let known: Vec<&str> = AppletKind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(ParseError::UnknownKind {
                    applet: a.get("id").and_then(Value::as_str).unwrap_or("?").to_string(),
                    kind: kind.to_string(),
                    known: known.join(", "),
                });
            }
        }
    }
    Ok(())
}

fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ParseError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        ParseError::Invalid { at: if at == "." { "the top level".into() } else { at }, message: e.into_inner().to_string() }
    })
}

/// The canonical text of a plan: what is saved. Loading it and saving again gives the same
/// bytes.
pub fn plan_to_string(plan: &Plan) -> String {
    let mut plan = plan.clone();
    plan.canonicalize();
    canonical_json(&plan)
}

/// The canonical text of a schedule: what is saved. Loading it and saving again gives the
/// same bytes.
pub fn schedule_to_string(schedule: &Schedule) -> String {
    canonical_json(schedule)
}

/// Saves a schedule atomically in canonical form.
pub fn save_schedule(path: &Path, schedule: &Schedule) -> Result<()> {
    write_atomic(path, schedule_to_string(schedule).as_bytes())
}

/// Sorted keys (serde_json's map is ordered by key), two-space indent, final newline.
fn canonical_json<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).expect("the model always serializes");
    let mut s = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
    s.push('\n');
    s
}

/// Reads and parses a plan file.
pub fn load_plan(path: &Path) -> Result<Plan> {
    let text = read(path)?;
    parse_plan(&text).map_err(|source| Error::Parse { path: path.to_path_buf(), source })
}

/// Reads and parses a schedule file.
pub fn load_schedule(path: &Path) -> Result<Schedule> {
    let text = read(path)?;
    parse_schedule(&text).map_err(|source| Error::Parse { path: path.to_path_buf(), source })
}

fn read(path: &Path) -> Result<String> {
    read_text(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

/// The largest plan, schedule or scenario file read, in bytes (64 MiB). A generated plan of
/// 2,000 applets is about 1 MB; a larger file is refused before it is read, so that memory
/// stays bounded.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a plan, schedule or scenario file as UTF-8 text, saying why when it cannot: the
/// position of the first byte that is not UTF-8, a missing file, a folder, a pipe or device
/// (refused before opening, so reading never blocks), a broken link or a link loop, a
/// permission, a file larger than [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, e))?;
    if meta.is_dir() {
        return Err(ReadError::IsFolder);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let too_large = |size| ReadError::TooLarge { size, limit: MAX_FILE_BYTES };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| read_error(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // At most one byte past the limit: a file that grew since it was measured is refused too.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| read_error(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        invalid_utf8(&e.as_bytes()[..offset])
    })
}

/// The position just after `valid`, the UTF-8 text before the first bad byte.
fn invalid_utf8(valid: &[u8]) -> ReadError {
    let text = std::str::from_utf8(valid).expect("the bytes before the first bad one are UTF-8");
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    ReadError::InvalidUtf8 {
        offset: valid.len(),
        line: text.matches('\n').count() + 1,
        column: text[line_start..].chars().count() + 1,
    }
}

/// Why `path` could not be opened: a broken link or a link loop when it is a symbolic link,
/// else the kind of the I/O error.
fn read_error(path: &Path, e: std::io::Error) -> ReadError {
    if let Some(link) = link_problem(path) {
        return link;
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
        std::io::ErrorKind::IsADirectory => ReadError::IsFolder,
        _ => ReadError::Other { message: e.to_string() },
    }
}

/// As many links as Linux follows before it gives up (`MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// Follows the chain of symbolic links from `path` without opening anything: a missing target
/// is a broken link, a chain longer than [`MAX_LINKS`] a loop. `None` when `path` is not a link
/// or the chain reaches something that exists.
fn link_problem(path: &Path) -> Option<ReadError> {
    let mut at = path.to_path_buf();
    for hop in 0..=MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&at).ok()?;
                at = at.parent().unwrap_or(Path::new("")).join(target);
            }
            Err(e) if hop > 0 && e.kind() == std::io::ErrorKind::NotFound => {
                return Some(ReadError::BrokenLink { target: std::fs::read_link(path).ok()? });
            }
            _ => return None,
        }
    }
    Some(ReadError::LinkLoop)
}

/// How a save's temp file is named: `.planwright-tmp-<pid>-<file>`, in the folder of `<file>`.
/// The leading dot keeps it out of the plans a workspace lists.
pub const TEMP_PREFIX: &str = ".planwright-tmp-";

/// The process that wrote a temp file named `name`, if `name` is one of ours.
pub fn temp_file_owner(name: &str) -> Option<u32> {
    let (pid, file) = name.strip_prefix(TEMP_PREFIX)?.split_once('-')?;
    (!file.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Saves a plan atomically in canonical form.
pub fn save_plan(path: &Path, plan: &Plan) -> Result<()> {
    write_atomic(path, plan_to_string(plan).as_bytes())
}

/// Writes `bytes` to `path` through a temp file in the same folder: write, fsync, rename,
/// fsync the folder. On any failure the temp file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    let tmp = dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
    // A full disk or a read-only folder gets its own typed reason; anything else stays plain.
    let io = |action: &'static str, p: &Path| {
        let p = p.to_path_buf();
        move |source: std::io::Error| match crate::error::WriteError::of(&source, dir) {
            Some(reason) => Error::Write { path: p, source: reason },
            None => Error::Io { path: p, action, source },
        }
    };
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(io("create a temp file for", path))?;
        f.write_all(bytes).map_err(io("write", path))?;
        f.sync_all().map_err(io("sync", path))?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(io("replace", path))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The JSON Schema of plan files, committed as `plans/plan.schema.json` for editors.
pub fn plan_json_schema() -> String {
    canonical_json(&schemars::schema_for!(Plan))
}

/// The JSON Schema of schedule files, committed as `plans/schedules/schedule.schema.json`.
pub fn schedule_json_schema() -> String {
    canonical_json(&schemars::schema_for!(Schedule))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema_version": 1, "id": "p", "name": "P", "type": "Unattended",
        "applets": [{"id": "a", "label": "A", "kind": "LoopCounter", "properties": {"max_runs": 2}}]}"#;

    #[test]
    fn malformed_json_reports_line_and_column() {
        let err = parse_plan("{\n  \"id\": \"p\",\n  oops\n}").unwrap_err();
        assert!(matches!(err, ParseError::Malformed { line: 3, column: 3, .. }), "{err:?}");
    }

    #[test]
    fn unknown_kind_lists_the_known_kinds() {
        let err = parse_plan(&MINIMAL.replace("LoopCounter", "Teleporter")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("'Teleporter'") && msg.contains("DataRouter") && msg.contains("SendEmail"), "{msg}");
    }

    #[test]
    fn newer_schema_is_refused() {
        let err = parse_plan(&MINIMAL.replace("\"schema_version\": 1", "\"schema_version\": 7")).unwrap_err();
        assert!(err.to_string().contains("made by a newer Planwright"), "{err}");
    }

    #[test]
    fn version_zero_is_migrated() {
        let v0 = r#"{"schema_version": 0, "id": "p", "name": "P", "plan_type": "Unattended", "start_applet": "a",
            "applets": [{"id": "a", "label": "A", "type": "Pause", "properties": {}}]}"#;
        let plan = parse_plan(v0).unwrap();
        assert_eq!((plan.schema_version, plan.start.as_deref()), (1, Some("a")));
        assert_eq!(plan.applets[0].kind(), AppletKind::Pause);
    }

    #[test]
    fn unsafe_ids_are_refused_on_load_naming_the_field() {
        let plan_id = |id: &str| parse_plan(&MINIMAL.replace("\"id\": \"p\"", &format!("\"id\": {}", serde_json::json!(id))));
        let applet_id = |id: &str| parse_plan(&MINIMAL.replace("\"id\": \"a\"", &format!("\"id\": {}", serde_json::json!(id))));
        for bad in ["../../etc/passwd", "", ".hidden", "-rf", "a b", "plan/x", "café", &"p".repeat(65)] {
            let err = plan_id(bad).unwrap_err();
            assert!(matches!(&err, ParseError::InvalidId { field, .. } if field == "id"), "plan id {bad:?}: {err:?}");
            assert_eq!(err.code(), "file-invalid-id");
            let err = applet_id(bad).unwrap_err();
            assert!(matches!(&err, ParseError::InvalidId { field, .. } if field == "applets[0].id"), "applet id {bad:?}: {err:?}");
        }
        for good in ["p", "voice-orders", "send_email_2", "A1", &"p".repeat(64)] {
            assert!(plan_id(good).is_ok(), "{good}");
            assert!(applet_id(good).is_ok(), "{good}");
        }
        let err = plan_id("../../etc/passwd").unwrap_err();
        assert_eq!(err.to_string(), "id '../../etc/passwd' is not a valid id: it holds '.'; an id holds only ASCII letters, digits, '_' and '-'");
        let schedule = r#"{"schema_version": 1, "id": "../hours", "name": "H", "time_zone": "UTC", "default_status": "Open"}"#;
        assert!(matches!(parse_schedule(schedule), Err(ParseError::InvalidId { .. })));
        assert!(parse_schedule(&schedule.replace("../hours", "hours")).is_ok());
    }

    #[test]
    fn bad_property_names_its_path() {
        let err = parse_plan(&MINIMAL.replace("\"max_runs\": 2", "\"max_runs\": \"two\"")).unwrap_err();
        assert!(err.to_string().contains("applets[0]"), "{err}");
    }

    #[test]
    fn canonical_text_round_trips_to_the_same_bytes() {
        let plan = parse_plan(MINIMAL).unwrap();
        let once = plan_to_string(&plan);
        assert_eq!(plan_to_string(&parse_plan(&once).unwrap()), once);
        assert!(once.find("\"applets\"").unwrap() < once.find("\"connections\"").unwrap(), "keys are sorted");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Every way a file can fail to be text, checked through `read_text` on a real file.
    #[test]
    fn unreadable_files_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("bad-utf8.json"), b"{\n  \"name\": \"caf\xc3\xa9 \xff\"\n}").unwrap();
        std::fs::create_dir(at("folder.json")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink("gone.json", at("broken.json")).unwrap();
            symlink("loop.json", at("loop.json")).unwrap();
            symlink("ping.json", at("pong.json")).unwrap();
            symlink("pong.json", at("ping.json")).unwrap();
            symlink("bad-utf8.json", at("link-to-bad.json")).unwrap();
            mkfifo(&at("pipe.json"));
        }
        let check = |name: &str, want: ReadError| {
            assert_eq!(read_text(&at(name)), Err(want), "{name}");
        };
        // Line 1 is 2 bytes; line 2 has `  "name": "` (11 bytes and characters), then `café `
        // (6 bytes, 5 characters), then the bad byte.
        check("bad-utf8.json", ReadError::InvalidUtf8 { offset: 2 + 11 + 6, line: 2, column: 11 + 5 + 1 });
        check("folder.json", ReadError::IsFolder);
        check("missing.json", ReadError::NotFound);
        #[cfg(unix)]
        {
            check("broken.json", ReadError::BrokenLink { target: "gone.json".into() });
            check("loop.json", ReadError::LinkLoop);
            check("ping.json", ReadError::LinkLoop);
            check("link-to-bad.json", ReadError::InvalidUtf8 { offset: 19, line: 2, column: 17 });
            check("pipe.json", ReadError::NotRegular);
        }
        assert_eq!(
            read_error(&at("x.json"), std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
            ReadError::PermissionDenied,
            "tests run as root here, so a real unreadable file cannot be made; the mapping is checked"
        );
        let err = load_plan(&at("bad-utf8.json")).unwrap_err();
        assert_eq!(err.code(), "file-invalid-utf8");
        assert!(err.to_string().ends_with("bad-utf8.json: cannot read: invalid UTF-8 at byte offset 19 (line 2, column 17): the file must be UTF-8 text"), "{err}");
    }

    /// A named pipe, which a plain read would block on forever.
    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
        assert!(status.success());
    }

    #[test]
    fn failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("p.json");
        assert!(matches!(write_atomic(&path, b"x"), Err(Error::Io { .. })));
    }
}
