//! Long jobs (a simulation today, batches next): each has an id, reports progress through a
//! callback (a Tauri channel in the desktop shell), and can be cancelled by id while it runs.
//!
//! A job is prepared under the session's lock and then run without it, so the window's other
//! commands (and `cancel_job`) are answered while it runs.

use crate::dto::{ApiError, ApiResult};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use ts_rs::TS;

/// What a job reports while it runs. `started` comes first and carries the id to cancel with;
/// exactly one of `finished`, `failed` or `cancelled` comes last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum JobEvent {
    Started { job: u64, title: String },
    Progress { job: u64, phase: String, done: u64, total: u64 },
    Finished { job: u64 },
    Failed { job: u64, code: String, message: String },
    Cancelled { job: u64 },
}

type Report = Box<dyn Fn(JobEvent) + Send + Sync>;

/// The running jobs, by id.
#[derive(Default)]
pub struct Jobs {
    next: AtomicU64,
    running: Mutex<HashMap<u64, Arc<AtomicBool>>>,
}

/// One running job: its id, its cancel flag and where its progress goes. Dropping it takes
/// it off the running list.
pub struct Job {
    pub id: u64,
    cancel: Arc<AtomicBool>,
    report: Report,
    jobs: Arc<Jobs>,
}

/// The refusal a cancelled job ends with.
pub fn cancelled_error() -> ApiError {
    ApiError::new("job-cancelled", "cancelled")
}

impl Jobs {
    pub fn new() -> Arc<Jobs> {
        Arc::new(Jobs::default())
    }

    /// Starts a job whose events go to `report`; reports `started`.
    pub fn start(self: &Arc<Jobs>, title: &str, report: impl Fn(JobEvent) + Send + Sync + 'static) -> Job {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let cancel = Arc::new(AtomicBool::new(false));
        self.running.lock().unwrap_or_else(|p| p.into_inner()).insert(id, cancel.clone());
        let job = Job { id, cancel, report: Box::new(report), jobs: self.clone() };
        (job.report)(JobEvent::Started { job: id, title: title.to_string() });
        job
    }

    /// Asks a running job to stop; false when no job has that id (it has ended).
    pub fn cancel_job(&self, job: u64) -> ApiResult<bool> {
        let running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        Ok(match running.get(&job) {
            Some(flag) => {
                flag.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        })
    }

    pub fn running(&self) -> usize {
        self.running.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

impl Job {
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn progress(&self, phase: &str, done: u64, total: u64) {
        (self.report)(JobEvent::Progress { job: self.id, phase: phase.to_string(), done, total });
    }

    /// `Err(job-cancelled)` once the job was asked to stop: call it between steps.
    pub fn check(&self) -> ApiResult<()> {
        if self.is_cancelled() {
            Err(cancelled_error())
        } else {
            Ok(())
        }
    }

    /// Reports how the job ended and passes its result on.
    pub fn finish<T>(self, result: ApiResult<T>) -> ApiResult<T> {
        let event = match &result {
            Ok(_) => JobEvent::Finished { job: self.id },
            Err(e) if e.code == "job-cancelled" => JobEvent::Cancelled { job: self.id },
            Err(e) => JobEvent::Failed { job: self.id, code: e.code.clone(), message: e.message.clone() },
        };
        (self.report)(event);
        result
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.jobs.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_its_events_in_order_and_can_be_cancelled_by_id() {
        let jobs = Jobs::new();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let job = jobs.start("Simulate", move |e| s.lock().unwrap().push(e));
        let id = job.id;
        assert_eq!(jobs.running(), 1);
        job.progress("running", 1, 2);
        assert!(job.check().is_ok());
        assert!(jobs.cancel_job(id).unwrap());
        let r: ApiResult<()> = job.check();
        assert_eq!(job.finish(r).unwrap_err().code, "job-cancelled");
        assert_eq!(jobs.running(), 0, "an ended job leaves the list");
        assert!(!jobs.cancel_job(id).unwrap(), "an ended job cannot be cancelled");
        let seen = seen.lock().unwrap();
        assert!(matches!(seen[0], JobEvent::Started { job, .. } if job == id));
        assert!(matches!(seen[1], JobEvent::Progress { done: 1, total: 2, .. }));
        assert!(matches!(seen[2], JobEvent::Cancelled { .. }));
    }
}
