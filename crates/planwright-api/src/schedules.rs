//! The schedule editor: the schedules of the workspace, checked as they are typed and saved
//! atomically. After every change the open plans follow: each Schedule Router that uses the
//! schedule gets its exits derived again, and every open plan its diagnostics, sent back as
//! [`PlanChange`]s for the window to apply like an edit's.

use crate::dto::*;
use crate::session::Session;
use planwright::document;
use planwright::model as m;
use planwright::schedule_directory;

impl Session {
    /// The schedules of the workspace, by name.
    pub fn schedules(&self) -> ApiResult<Vec<ScheduleItem>> {
        Ok(schedule_directory::list(&self.ws).into_iter().map(Into::into).collect())
    }

    /// A schedule with its findings and the routers that use it.
    pub fn schedule(&self, id: String) -> ApiResult<ScheduleView> {
        let s = self.ws.schedules.get(&id).ok_or_else(|| ApiError::from(planwright::Error::UnknownSchedule(m::shorten(&id, 80).into_owned())))?;
        Ok(self.schedule_view(s))
    }

    fn schedule_view(&self, s: &planwright::schedule::Schedule) -> ScheduleView {
        ScheduleView {
            schedule: s.into(),
            file: self.ws.schedule_path(&s.id).display().to_string(),
            statuses: s.statuses(),
            findings: s.problems().iter().map(Into::into).collect(),
            users: self.users_of(&s.id),
        }
    }

    /// The Schedule Routers of every plan, the open ones as edited, that use schedule `id`.
    fn users_of(&self, id: &str) -> Vec<ScheduleUser> {
        let edited = self.edited_workspace();
        schedule_directory::users(edited.plans.values().map(|e| &e.plan), id)
    }

    /// The routers that use a schedule, to show before a delete is confirmed.
    pub fn schedule_users(&self, id: String) -> ApiResult<Vec<ScheduleUser>> {
        Ok(self.users_of(&id))
    }

    /// The findings of a schedule as the editor holds it; nothing is written.
    pub fn check_schedule(&self, schedule: Schedule) -> ApiResult<Vec<ScheduleFinding>> {
        Ok(match schedule.to_engine() {
            Ok(s) => s.problems().iter().map(Into::into).collect(),
            Err(findings) => findings,
        })
    }

    /// Saves an edited schedule atomically over its file; refused while it has findings.
    pub fn save_schedule(&mut self, schedule: Schedule) -> ApiResult<SchedulesChange> {
        let engine = schedule.to_engine().map_err(|f| ApiError::new("schedule-has-problems", format!("the schedule cannot be saved: {}", f[0].message)))?;
        let saved = schedule_directory::save(&mut self.ws, engine)?;
        self.schedules_change(Some(&saved.id))
    }

    /// Creates and saves an empty schedule (UTC, Closed all week).
    pub fn create_schedule(&mut self, name: String) -> ApiResult<SchedulesChange> {
        let s = schedule_directory::create(&mut self.ws, &name)?;
        self.schedules_change(Some(&s.id))
    }

    /// Renames a schedule; its id, which routers use, stays.
    pub fn rename_schedule(&mut self, id: String, name: String) -> ApiResult<SchedulesChange> {
        let s = schedule_directory::rename(&mut self.ws, &id, &name)?;
        self.schedules_change(Some(&s.id))
    }

    /// Saves a copy of a schedule under a fresh id.
    pub fn duplicate_schedule(&mut self, id: String) -> ApiResult<SchedulesChange> {
        let s = schedule_directory::duplicate(&mut self.ws, &id)?;
        self.schedules_change(Some(&s.id))
    }

    /// Deletes a schedule's file; the routers that used it get `schedule-unknown`.
    pub fn delete_schedule(&mut self, id: String) -> ApiResult<SchedulesChange> {
        schedule_directory::delete(&mut self.ws, &id)?;
        self.schedules_change(None)
    }

    /// Every IANA time zone this build knows, for the editor's searchable field.
    pub fn time_zones(&self) -> ApiResult<Vec<String>> {
        Ok(planwright::schedule::time_zone_names().into_iter().map(str::to_string).collect())
    }

    /// The answer to a change of the schedules: the schedule, the workspace, and what changed
    /// in each open plan. Any open plan may change (a router of another schedule does not, but
    /// its diagnostics are checked again all the same; only plans where something differs are
    /// sent).
    fn schedules_change(&mut self, id: Option<&str>) -> ApiResult<SchedulesChange> {
        let ids: Vec<String> = self.open.keys().cloned().collect();
        let mut plans = Vec::new();
        for plan in ids {
            let routers: Vec<String> = self.open[&plan]
                .doc
                .plan()
                .applets
                .iter()
                .filter(|a| matches!(&a.config, m::AppletConfig::ScheduleRouter(_)))
                .map(|a| a.id.clone())
                .collect();
            let change = document::Change { changed: routers, ..Default::default() };
            let view = self.change_view(&plan, change, true);
            if !view.changed.is_empty() || !view.diagnostics.added.is_empty() || !view.diagnostics.removed.is_empty() {
                plans.push(view);
            }
        }
        let schedule = id.and_then(|id| self.ws.schedules.get(id)).map(|s| self.schedule_view(s));
        Ok(SchedulesChange { schedule, workspace: self.workspace()?, plans })
    }
}
