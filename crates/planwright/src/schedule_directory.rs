//! The schedules of a workspace, as the schedule editor manages them: create, rename,
//! duplicate, delete and save, and which Schedule Routers use a schedule.
//!
//! A schedule's **id** names its file and is what Schedule Routers refer to, so it never
//! changes: a rename changes the display name only, and routers keep working (as a VCC admin
//! expects). A duplicate gets a fresh id made from its name. Every change is written at once,
//! atomically ([`Workspace::save_schedule`]). A save refuses a schedule that has
//! [problems](Schedule::problems), as VCC's schedule form refuses overlapping periods; a file
//! written by another program may still hold them, and validation reports them on the routers
//! that use it. Deleting a schedule that routers use is allowed (the editor asks first, showing
//! [`users`]); the routers then get `schedule-unknown`.

use crate::edit::{EditResult, Refusal};
use crate::model::{AppletConfig, Plan};
use crate::schedule::Schedule;
use crate::workspace::Workspace;
use serde::Serialize;

/// The time zone of a new schedule.
pub const NEW_TIME_ZONE: &str = "UTC";
/// The default status of a new schedule.
pub const NEW_DEFAULT_STATUS: &str = "Closed";

/// A Schedule Router that uses a schedule.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ScheduleUser {
    pub plan: String,
    pub plan_name: String,
    pub applet: String,
    pub applet_label: String,
}

/// The schedules of the workspace, by name, then id.
pub fn list(ws: &Workspace) -> Vec<&Schedule> {
    let mut out: Vec<&Schedule> = ws.schedules.values().collect();
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
    out
}

/// A schedule id used by no schedule of the workspace nor by a file in `schedules/`, made
/// from a name: lowercase letters and digits joined by dashes.
pub fn fresh_schedule_id(ws: &Workspace, name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "schedule" } else { slug };
    crate::model::fresh_id(base, '-', |id| !ws.schedules.contains_key(id) && !ws.schedule_path(id).exists())
}

fn check_name(name: &str) -> EditResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Refusal::new("schedule-name-empty", "a schedule needs a name"));
    }
    crate::edit::check_name_length(name)?;
    Ok(name.to_string())
}

fn existing(ws: &Workspace, id: &str) -> EditResult<Schedule> {
    ws.schedules.get(id).cloned().ok_or_else(|| Refusal::from(crate::Error::UnknownSchedule(crate::model::shorten(id, 80).into_owned())))
}

/// Creates and saves an empty schedule: UTC, Closed all week, no holidays.
pub fn create(ws: &mut Workspace, name: &str) -> EditResult<Schedule> {
    let name = check_name(name)?;
    let schedule = Schedule::new(fresh_schedule_id(ws, &name), name, NEW_TIME_ZONE, NEW_DEFAULT_STATUS);
    ws.save_schedule(schedule.clone())?;
    Ok(schedule)
}

/// Renames a schedule: its display name. The id, which routers refer to, stays.
pub fn rename(ws: &mut Workspace, id: &str, name: &str) -> EditResult<Schedule> {
    let name = check_name(name)?;
    let mut schedule = existing(ws, id)?;
    schedule.name = name;
    ws.save_schedule(schedule.clone())?;
    Ok(schedule)
}

/// Saves a copy of a schedule under a fresh id and the name "<name> (copy)".
pub fn duplicate(ws: &mut Workspace, id: &str) -> EditResult<Schedule> {
    let mut schedule = existing(ws, id)?;
    schedule.name = format!("{} (copy)", schedule.name);
    crate::edit::check_name_length(&schedule.name)?;
    schedule.id = fresh_schedule_id(ws, &schedule.name);
    ws.save_schedule(schedule.clone())?;
    Ok(schedule)
}

/// Deletes a schedule's file. Routers that use it are left for validation to report
/// (`schedule-unknown`): the user confirmed, having been shown [`users`].
pub fn delete(ws: &mut Workspace, id: &str) -> EditResult {
    existing(ws, id)?;
    ws.delete_schedule(id)?;
    Ok(())
}

/// Saves an edited schedule of the workspace over its file. The schedule must exist (new ones
/// come from [`create`]) and have no problems; the first problem is the refusal's message. The
/// file's `$schema` line is kept, and `schema_version` is the one this build writes.
pub fn save(ws: &mut Workspace, mut schedule: Schedule) -> EditResult<Schedule> {
    let old = existing(ws, &schedule.id)?;
    let problems = schedule.problems();
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(Refusal::new("schedule-has-problems", format!("the schedule cannot be saved: {first}{more}")));
    }
    schedule.name = schedule.name.trim().to_string();
    crate::edit::check_name_length(&schedule.name)?;
    schedule.json_schema = old.json_schema;
    schedule.schema_version = crate::schedule::SCHEDULE_SCHEMA_VERSION;
    ws.save_schedule(schedule.clone())?;
    Ok(schedule)
}

/// The Schedule Routers of `plans` that use schedule `id`, by plan id then applet label.
pub fn users<'a>(plans: impl IntoIterator<Item = &'a Plan>, id: &str) -> Vec<ScheduleUser> {
    let mut out: Vec<ScheduleUser> = plans
        .into_iter()
        .flat_map(|plan| {
            plan.applets.iter().filter_map(move |a| match &a.config {
                AppletConfig::ScheduleRouter(p) if p.schedule == id => {
                    Some(ScheduleUser { plan: plan.id.clone(), plan_name: plan.name.clone(), applet: a.id.clone(), applet_label: a.label.clone() })
                }
                _ => None,
            })
        })
        .collect();
    out.sort_by(|a, b| a.plan.cmp(&b.plan).then_with(|| a.applet_label.cmp(&b.applet_label)).then_with(|| a.applet.cmp(&b.applet)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Applet, PlanType, Position};
    use crate::schedule::{DayName, Holiday, Period};

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::load(dir.path()).unwrap();
        (dir, ws)
    }

    fn router(id: &str, schedule: &str) -> Applet {
        let config: AppletConfig = serde_json::from_value(serde_json::json!({"kind": "ScheduleRouter", "properties": {"schedule": schedule}})).unwrap();
        Applet { id: id.into(), label: format!("Hours {id}"), position: Position { x: 0.0, y: 0.0 }, config }
    }

    #[test]
    fn create_saves_a_canonical_file_under_a_slug_id() {
        let (dir, mut ws) = workspace();
        let s = create(&mut ws, "E2E hours").unwrap();
        assert_eq!((s.id.as_str(), s.time_zone.as_str(), s.default_status.as_str()), ("e2e-hours", "UTC", "Closed"));
        let path = dir.path().join("schedules/e2e-hours.json");
        let text = std::fs::read_to_string(&path).expect("schedules/ is created and the file written");
        assert_eq!(text, crate::plan_file::schedule_to_string(&s), "the file is the canonical text");
        assert!(text.ends_with("}\n"), "final newline");
        assert_eq!(create(&mut ws, "E2E hours").unwrap().id, "e2e-hours-2", "ids never collide");
        assert_eq!(create(&mut ws, " ").unwrap_err().code, "schedule-name-empty");
        let again = Workspace::load(dir.path()).unwrap();
        assert_eq!(again.schedules.get("e2e-hours"), Some(&s), "it loads back as it was saved");
    }

    #[test]
    fn loading_and_saving_gives_the_same_bytes() {
        let (dir, mut ws) = workspace();
        let mut s = create(&mut ws, "Hours").unwrap();
        s.custom_statuses = vec!["Lunch".into()];
        s.week.insert(DayName::Mon, vec![Period { start: "09:00".into(), end: "12:00".into(), status: "Open".into() }, Period { start: "12:00".into(), end: "13:00".into(), status: "Lunch".into() }]);
        s.holidays.push(Holiday { date: "2026-12-25".parse().unwrap(), name: "Christmas Day".into(), status: Some("Closed".into()), periods: vec![] });
        save(&mut ws, s).unwrap();
        let path = dir.path().join("schedules/hours.json");
        let first = std::fs::read(&path).unwrap();
        let mut again = Workspace::load(dir.path()).unwrap();
        let loaded = again.schedules.get("hours").cloned().unwrap();
        save(&mut again, loaded).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), first, "load → save gives the same bytes");
        let text = String::from_utf8(first).unwrap();
        let keys: Vec<usize> = ["\"custom_statuses\"", "\"default_status\"", "\"holidays\"", "\"id\"", "\"name\"", "\"schema_version\"", "\"time_zone\"", "\"week\""]
            .iter()
            .map(|k| text.find(&format!("\n  {k}")).unwrap_or_else(|| panic!("{k} in {text}")))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "top-level keys are sorted: {text}");
        assert_eq!(std::fs::read_dir(dir.path().join("schedules")).unwrap().count(), 1, "no temp file is left");
    }

    #[test]
    fn a_file_of_version_1_keeps_its_name_and_schema_line_and_is_written_as_version_2() {
        let (dir, _) = workspace();
        std::fs::create_dir(dir.path().join("schedules")).unwrap();
        let v1 = r#"{"$schema": "schedule.schema.json", "schema_version": 1, "id": "hours", "name": "Hours", "time_zone": "Europe/London", "default_status": "Closed"}"#;
        std::fs::write(dir.path().join("schedules/office.json"), v1).unwrap();
        let mut ws = Workspace::load(dir.path()).unwrap();
        let mut s = ws.schedules.get("hours").cloned().expect("a version 1 file loads");
        assert_eq!(s.schema_version, 2, "migrated on load");
        s.json_schema = None;
        s.name = "Office hours".into();
        save(&mut ws, s).unwrap();
        let text = std::fs::read_to_string(dir.path().join("schedules/office.json")).expect("saved over its own file, whatever its name");
        assert!(text.contains("\"$schema\": \"schedule.schema.json\"") && text.contains("\"schema_version\": 2") && text.contains("Office hours"), "{text}");
        assert!(!dir.path().join("schedules/hours.json").exists());
    }

    #[test]
    fn rename_keeps_the_id_so_routers_keep_their_exits() {
        let (dir, mut ws) = workspace();
        let s = create(&mut ws, "Hours").unwrap();
        let renamed = rename(&mut ws, &s.id, "Office hours").unwrap();
        assert_eq!((renamed.id.as_str(), renamed.name.as_str()), ("hours", "Office hours"));
        assert_eq!(Workspace::load(dir.path()).unwrap().schedules["hours"].name, "Office hours", "saved at once");
        assert_eq!(rename(&mut ws, "nope", "X").unwrap_err().code, "schedule-not-found");
        assert_eq!(rename(&mut ws, "hours", "").unwrap_err().code, "schedule-name-empty");
    }

    #[test]
    fn duplicate_and_delete() {
        let (dir, mut ws) = workspace();
        let s = create(&mut ws, "Hours").unwrap();
        let copy = duplicate(&mut ws, &s.id).unwrap();
        assert_eq!((copy.id.as_str(), copy.name.as_str()), ("hours-copy", "Hours (copy)"));
        assert!(dir.path().join("schedules/hours-copy.json").exists());
        delete(&mut ws, "hours-copy").unwrap();
        assert!(!dir.path().join("schedules/hours-copy.json").exists());
        assert!(!ws.schedules.contains_key("hours-copy"));
        assert_eq!(delete(&mut ws, "hours-copy").unwrap_err().code, "schedule-not-found");
        assert_eq!(list(&ws).iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["hours"]);
    }

    #[test]
    fn a_save_refuses_problems_unknown_schedules_and_unsafe_ids_and_writes_nothing() {
        let (dir, mut ws) = workspace();
        let s = create(&mut ws, "Hours").unwrap();
        let before = std::fs::read(dir.path().join("schedules/hours.json")).unwrap();
        let mut bad = s.clone();
        bad.week.insert(DayName::Tue, vec![Period { start: "09:00".into(), end: "12:00".into(), status: "Open".into() }, Period { start: "11:00".into(), end: "13:00".into(), status: "Open".into() }]);
        bad.time_zone = "Mars/Olympus".into();
        let err = save(&mut ws, bad).unwrap_err();
        assert_eq!(err.code, "schedule-has-problems");
        assert_eq!(err.message, "the schedule cannot be saved: Time zone · 'Mars/Olympus' is not an IANA time zone (and 1 more)");
        assert_eq!(std::fs::read(dir.path().join("schedules/hours.json")).unwrap(), before, "the file is untouched");
        let mut unknown = s.clone();
        unknown.id = "other".into();
        assert_eq!(save(&mut ws, unknown).unwrap_err().code, "schedule-not-found");
        let mut escaping = s;
        escaping.id = "../escaped".into();
        assert_eq!(ws.save_schedule(escaping).unwrap_err().code(), "schedule-id-invalid");
        assert!(!dir.path().join("escaped.json").exists(), "nothing is written outside the workspace");
    }

    #[test]
    fn duplicate_schedule_ids_in_two_files_are_a_problem() {
        let (dir, _) = workspace();
        std::fs::create_dir(dir.path().join("schedules")).unwrap();
        let text = crate::plan_file::schedule_to_string(&Schedule::new("same", "Same", "UTC", "Closed"));
        std::fs::write(dir.path().join("schedules/a.json"), &text).unwrap();
        std::fs::write(dir.path().join("schedules/b.json"), &text).unwrap();
        let ws = Workspace::load(dir.path()).unwrap();
        assert_eq!(ws.schedule_path("same"), dir.path().join("schedules/a.json"), "the first file keeps the id");
        assert_eq!(ws.problems.iter().map(|e| e.code()).collect::<Vec<_>>(), ["file-duplicate-schedule-id"]);
    }

    #[test]
    fn users_are_the_routers_of_every_plan_that_name_the_schedule() {
        let mut voice = Plan::new("voice", "Voice line", PlanType::Default);
        voice.applets = vec![router("r2", "hours"), router("r1", "hours"), router("r3", "other")];
        let mut after = Plan::new("after", "After hours", PlanType::Unattended);
        after.applets = vec![router("a", "hours")];
        let got: Vec<(String, String)> = users([&voice, &after], "hours").into_iter().map(|u| (u.plan, u.applet)).collect();
        assert_eq!(got, [("after".to_string(), "a".to_string()), ("voice".into(), "r1".into()), ("voice".into(), "r2".into())]);
        assert!(users([&voice], "nobody").is_empty());
    }

    #[test]
    fn a_schedule_edit_changes_the_exits_of_the_routers_that_use_it() {
        let (_dir, mut ws) = workspace();
        let s = create(&mut ws, "Hours").unwrap();
        let r = router("r", "hours");
        let exits = |ws: &Workspace| crate::catalog::exits(&r.config, &ws.schedules);
        assert_eq!(exits(&ws), ["Open", "Closed", "Default", "Failure"]);
        let mut edited = s;
        edited.custom_statuses.push("Lunch".into());
        edited.week.insert(DayName::Mon, vec![Period { start: "12:00".into(), end: "13:00".into(), status: "Lunch".into() }]);
        save(&mut ws, edited).unwrap();
        assert_eq!(exits(&ws), ["Open", "Closed", "Lunch", "Default", "Failure"], "the custom status is an exit after Open and Closed");
        delete(&mut ws, "hours").unwrap();
        assert_eq!(exits(&ws), ["Default", "Failure"], "a router whose schedule is gone keeps only Default and Failure");
    }
}
