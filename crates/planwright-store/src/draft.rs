//! A stored run drafted as a plan test: the scenario the store keeps for it (a single run's
//! own, or its batch's) and everything the run shows ([`planwright_sim::plan_test::draft_from_run`]).
//! The window's Tests form and `planwright runs save-test` both start from it.

use crate::{Store, StoreError};
use planwright_sim::plan_test::{draft_from_run, PlanTest};
use std::path::Path;

/// Why a stored run cannot be drafted as a test.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no run {run} in {path}")]
    RunNotFound { run: i64, path: String },
    #[error("run {run} cannot be saved as a test: {why}")]
    NotReproducible { run: i64, why: String },
}

impl DraftError {
    pub fn code(&self) -> &'static str {
        match self {
            DraftError::Store(e) => e.code(),
            DraftError::RunNotFound { .. } => "run-not-found",
            DraftError::NotReproducible { .. } => "run-not-reproducible",
        }
    }
}

impl Store {
    /// The test that expects what stored run `run` shows, named after the run. Refused for a
    /// run whose scenario the store does not hold, or one from a load simulation (its queues'
    /// answers come from every other interaction of the day).
    pub fn draft_test(&self, run: i64) -> Result<PlanTest, DraftError> {
        let stored = self.run(run)?.ok_or_else(|| DraftError::RunNotFound { run, path: self.path().to_string() })?;
        let not = |why: &str| DraftError::NotReproducible { run, why: why.to_string() };
        let json = self.run_scenario_json(run)?.ok_or_else(|| not("the store keeps no scenario for it"))?;
        if serde_json::from_str::<serde_json::Value>(&json).is_ok_and(|v| v.get("load_model").is_some()) {
            return Err(not("it comes from a load simulation, where its queues' answers depend on every other interaction of the day"));
        }
        let scenario = planwright_sim::Scenario::from_json(&json).map_err(|e| not(&format!("its stored scenario does not read: {e}")))?;
        let r = &stored.record;
        let how = r.outcome.as_deref().unwrap_or(&r.end_reason.code);
        let mut name = format!("Run {run} in {}: {how}", r.plan);
        if !scenario.name.is_empty() {
            name.push_str(&format!(" ({})", scenario.name));
        }
        if r.index > 0 {
            name.push_str(&format!(", interaction {} of its batch", r.index));
        }
        Ok(draft_from_run(r, scenario, name))
    }
}

/// A file name for the test drafted from run `run` that no file in `dir` has:
/// `<plan>-run-<id>.json`, or with `-2`, `-3`… when taken.
pub fn free_test_file(dir: &Path, plan: &str, run: i64) -> String {
    let base = if plan.is_empty() { format!("run-{run}") } else { format!("{plan}-run-{run}") };
    let mut file = format!("{base}.json");
    let mut n = 1;
    while dir.join(&file).exists() {
        n += 1;
        file = format!("{base}-{n}.json");
    }
    file
}
