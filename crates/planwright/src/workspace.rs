//! A workspace: a folder of plan files (`*.json`) and schedules (`schedules/*.json`), loaded
//! together so that cross-plan references resolve (post-interaction routes, Route to
//! Interaction Plan targets, Schedule Router schedules).
//!
//! A file that cannot be loaded does not stop the others: it is kept in `problems`, and that
//! file is never touched. Loading never writes a plan or schedule file; the one thing
//! it removes is a save's own temp file (`.planwright-tmp-<pid>-<file>`) left behind by a
//! process that is gone (killed between writing and renaming).

use crate::catalog::Schedules;
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::plan_file::{load_plan, load_schedule, save_plan};
use crate::schedule::Schedule;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A plan and the file it came from.
#[derive(Debug, Clone)]
pub struct PlanEntry {
    pub path: PathBuf,
    pub plan: Plan,
}

#[derive(Debug, Default)]
pub struct Workspace {
    pub root: PathBuf,
    /// Plans by id.
    pub plans: BTreeMap<String, PlanEntry>,
    pub schedules: Schedules,
    /// The file of each schedule, by id (a schedule's file may be named otherwise than its id).
    pub schedule_paths: BTreeMap<String, PathBuf>,
    /// Files that could not be loaded.
    pub problems: Vec<Error>,
}

/// The names ending in `.json` directly in `dir`, sorted, skipping JSON Schemas and names
/// starting with a dot (a save's temp files among them). Whatever each name is (a folder, a
/// broken link, a link loop, a pipe) is listed, so that loading reports why it cannot be read
/// instead of leaving it out; nothing is followed or opened here, and the listing never
/// descends into folders, so a link loop cannot make it run on.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), action: "list", source })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_str().unwrap_or("");
            name.ends_with(".json") && !name.ends_with(".schema.json") && !name.starts_with('.')
        })
        .map(|e| e.path())
        .collect();
    out.sort();
    Ok(out)
}

/// Removes the temp files of saves (`.planwright-tmp-<pid>-<file>`, see
/// [`crate::plan_file::write_atomic`]) directly in `dir` whose process is gone: a save killed
/// between writing and renaming leaves one, and nothing else would ever remove it. A temp file
/// whose process is alive (a save in progress, this process's own) is kept, and so is every
/// temp file when it cannot be told whether its process lives. Failures are ignored: the file
/// stays and is never taken for a plan (its name starts with a dot).
///
/// This is the only write loading does; it never writes or removes a plan or schedule file.
fn remove_dead_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(crate::plan_file::temp_file_owner) else { continue };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && process_is_gone(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether no process has id `pid`, from `/proc/<pid>` on Linux. Where that cannot be told
/// (another system, no `/proc` mounted) the process is taken to be alive. A pid reused by a
/// new process reads as alive too: the file is then kept, never wrongly removed.
fn process_is_gone(pid: u32) -> bool {
    if !cfg!(target_os = "linux") || pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

impl Workspace {
    /// Loads every plan and schedule of a folder. Only an unreadable folder is an error.
    pub fn load(root: &Path) -> Result<Workspace> {
        let mut ws = Workspace { root: root.to_path_buf(), ..Default::default() };
        remove_dead_temp_files(root);
        for path in json_files(root)? {
            match load_plan(&path) {
                Ok(plan) => ws.insert(path, plan),
                Err(e) => ws.problems.push(e),
            }
        }
        let schedules_dir = root.join("schedules");
        if schedules_dir.is_dir() {
            remove_dead_temp_files(&schedules_dir);
            for path in json_files(&schedules_dir)? {
                match load_schedule(&path) {
                    Ok(s) => match ws.schedule_paths.get(&s.id) {
                        Some(other) => ws.problems.push(Error::DuplicateScheduleId { path, id: s.id, other: other.clone() }),
                        None => {
                            ws.schedule_paths.insert(s.id.clone(), path);
                            ws.schedules.insert(s.id.clone(), s);
                        }
                    },
                    Err(e) => ws.problems.push(e),
                }
            }
        }
        Ok(ws)
    }

    fn insert(&mut self, path: PathBuf, plan: Plan) {
        if let Some(other) = self.plans.get(&plan.id) {
            self.problems.push(Error::DuplicatePlanId { path, id: plan.id, other: other.path.clone() });
        } else {
            self.plans.insert(plan.id.clone(), PlanEntry { path, plan });
        }
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.get(id).map(|e| &e.plan)
    }

    /// The plan loaded from `path`, if any.
    pub fn plan_at(&self, path: &Path) -> Option<&Plan> {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let want = canon(path);
        self.plans.values().find(|e| canon(&e.path) == want).map(|e| &e.plan)
    }

    /// The file a new plan with this id is saved to.
    pub fn path_for_new(&self, id: &str) -> PathBuf {
        self.root.join(format!("{id}.json"))
    }

    /// Saves a plan atomically to its file (a new file for a new plan) and keeps it. A plan id
    /// that is not a safe file name is refused before anything is written, so a save never
    /// writes outside the workspace folder.
    pub fn save(&mut self, plan: Plan) -> Result<PathBuf> {
        if let Some(reason) = crate::model::id_problem(&plan.id) {
            return Err(Error::InvalidPlanId { id: crate::model::shorten(&plan.id, 80).into_owned(), reason });
        }
        let path = self.plans.get(&plan.id).map(|e| e.path.clone()).unwrap_or_else(|| self.path_for_new(&plan.id));
        save_plan(&path, &plan)?;
        self.plans.insert(plan.id.clone(), PlanEntry { path: path.clone(), plan });
        Ok(path)
    }

    /// The folder of the schedules.
    pub fn schedules_dir(&self) -> PathBuf {
        self.root.join("schedules")
    }

    /// The file a schedule is saved to: its own file when loaded from one, else
    /// `schedules/<id>.json`.
    pub fn schedule_path(&self, id: &str) -> PathBuf {
        self.schedule_paths.get(id).cloned().unwrap_or_else(|| self.schedules_dir().join(format!("{id}.json")))
    }

    /// Saves a schedule atomically (temp file, fsync, rename) in canonical form to its file,
    /// creating `schedules/` when needed, and keeps it. An id that is not a safe file name is
    /// refused before anything is written.
    pub fn save_schedule(&mut self, schedule: Schedule) -> Result<PathBuf> {
        if let Some(reason) = crate::model::id_problem(&schedule.id) {
            return Err(Error::InvalidScheduleId { id: crate::model::shorten(&schedule.id, 80).into_owned(), reason });
        }
        let path = self.schedule_path(&schedule.id);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| match crate::error::WriteError::of(&source, dir) {
                Some(reason) => Error::Write { path: path.clone(), source: reason },
                None => Error::Io { path: dir.to_path_buf(), action: "create", source },
            })?;
        }
        crate::plan_file::save_schedule(&path, &schedule)?;
        self.schedule_paths.insert(schedule.id.clone(), path.clone());
        self.schedules.insert(schedule.id.clone(), schedule);
        Ok(path)
    }

    /// Deletes a schedule's file and forgets the schedule.
    pub fn delete_schedule(&mut self, id: &str) -> Result<()> {
        if !self.schedules.contains_key(id) {
            return Err(Error::UnknownSchedule(id.to_string()));
        }
        let path = self.schedule_path(id);
        std::fs::remove_file(&path).map_err(|source| Error::Io { path, action: "delete", source })?;
        self.schedules.remove(id);
        self.schedule_paths.remove(id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PlanType;

    #[test]
    fn a_bad_file_is_reported_and_the_rest_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::load(dir.path()).unwrap();
        ws.save(Plan::new("good", "Good", PlanType::Unattended)).unwrap();
        std::fs::write(dir.path().join("bad.json"), "{ nope").unwrap();
        let ws = Workspace::load(dir.path()).unwrap();
        assert!(ws.plan("good").is_some());
        assert_eq!(ws.problems.len(), 1);
        assert_eq!(std::fs::read_to_string(dir.path().join("bad.json")).unwrap(), "{ nope", "never touched");
    }

    #[cfg(unix)]
    #[test]
    fn entries_that_are_not_files_are_reported_with_their_reason() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        let mut ws = Workspace::load(dir.path()).unwrap();
        ws.save(Plan::new("good", "Good", PlanType::Unattended)).unwrap();
        std::fs::create_dir(at("folder.json")).unwrap();
        symlink("gone.json", at("broken.json")).unwrap();
        symlink("loop.json", at("loop.json")).unwrap();
        symlink(".", at("around")).unwrap();
        let ws = Workspace::load(dir.path()).unwrap();
        assert!(ws.plan("good").is_some(), "the readable plan loads beside the others");
        let mut codes: Vec<(String, &str)> =
            ws.problems.iter().map(|e| (e.path().unwrap().file_name().unwrap().to_string_lossy().into_owned(), e.code())).collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                ("broken.json".to_string(), "file-broken-link"),
                ("folder.json".to_string(), "file-is-folder"),
                ("loop.json".to_string(), "file-link-loop"),
            ],
            "each entry says why; the folder link loop `around` does not hang the load: {:?}",
            ws.problems
        );
    }

    #[test]
    fn temp_files_of_dead_saves_are_removed_and_live_ones_kept_and_none_is_a_plan() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("schedules")).unwrap();
        let mut ws = Workspace::load(dir.path()).unwrap();
        ws.save(Plan::new("good", "Good", PlanType::Unattended)).unwrap();
        let mut child = std::process::Command::new("true").spawn().expect("a short child process starts");
        let dead = child.id();
        child.wait().unwrap(); // Reaped: no process has this id any more.
        let live = std::process::id();
        let text = crate::plan_file::plan_to_string(&Plan::new("temp", "Temp", PlanType::Unattended));
        let temp = |pid: u32, folder: &str, file: &str| dir.path().join(folder).join(format!(".planwright-tmp-{pid}-{file}"));
        let dead_plan = temp(dead, "", "good.json");
        let dead_schedule = temp(dead, "schedules", "hours.json");
        let live_plan = temp(live, "", "good.json");
        for path in [&dead_plan, &dead_schedule, &live_plan] {
            std::fs::write(path, &text).unwrap();
        }
        let not_ours = dir.path().join(".planwright-tmp-notapid-x.json");
        std::fs::write(&not_ours, &text).unwrap();

        let ws = Workspace::load(dir.path()).unwrap();
        assert!(!dead_plan.exists(), "the temp file of a dead process is removed");
        assert!(!dead_schedule.exists(), "in schedules/ too");
        assert!(live_plan.exists(), "the temp file of a live process (a save in progress) is kept");
        assert!(not_ours.exists(), "a name that is not one of ours is left alone");
        assert_eq!(ws.plans.keys().collect::<Vec<_>>(), ["good"], "a temp file is never taken for a plan");
        assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    }

    #[test]
    fn temp_file_names_give_their_process() {
        use crate::plan_file::temp_file_owner;
        assert_eq!(temp_file_owner(".planwright-tmp-4242-voice-orders.json"), Some(4242));
        assert_eq!(temp_file_owner(".planwright-tmp-4242-"), None);
        assert_eq!(temp_file_owner(".planwright-tmp-x-a.json"), None);
        assert_eq!(temp_file_owner("planwright-tmp-1-a.json"), None);
    }

    #[test]
    fn duplicate_plan_ids_are_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let text = crate::plan_file::plan_to_string(&Plan::new("same", "S", PlanType::Message));
        std::fs::write(dir.path().join("a.json"), &text).unwrap();
        std::fs::write(dir.path().join("b.json"), &text).unwrap();
        let ws = Workspace::load(dir.path()).unwrap();
        assert_eq!(ws.plans.len(), 1);
        assert_eq!(ws.problems[0].code(), "file-duplicate-plan-id");
    }
}
