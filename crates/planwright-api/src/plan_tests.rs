//! The Tests tab: the plan tests of the workspace run against the plans as edited, with the exit coverage the simulator computes (the one `planwright test` reports); and a stored run saved as a test.

use crate::dto::*;
use crate::session::Session;
use planwright_sim::plan_test::{
    run_test, step_line, steps_around, LoadedTest, PlanTest, ScenarioRef, TestResult,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A plan test drafted from a stored run, for the window's form: what the run shows, each
/// expectation in words (kept or dropped by its index), and whether the plans as edited still
/// do what the run did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TestDraft {
    pub run: i64,
    /// The name offered for the test.
    pub name: String,
    /// A file name in the tests folder that no test has yet.
    pub file: String,
    /// The plan the test enters; empty when the run was made to a destination (the test then
    /// checks where the destination leads).
    pub plan: String,
    /// The scenario's name (written into the test).
    pub scenario: String,
    /// For a batch's run, its interaction of the batch's seed (0 for a single run).
    pub interaction: u64,
    /// Every expectation the run meets, in words, in the order the test checks them.
    pub expectations: Vec<String>,
    /// The draft run against the plans as edited now: passed, or the first unmet expectation.
    pub now: TestCase,
}

impl Session {
    /// A test drafted from stored run `run`: its scenario (a batch's run runs its interaction
    /// of the batch's seed again) and everything the run shows. Refused with
    /// `run-not-reproducible` for a run whose scenario the store does not hold (a load
    /// simulation's: its queues' answers come from the other interactions of the day).
    pub fn draft_test(&mut self, run: i64) -> ApiResult<TestDraft> {
        let test = self.drafted(run)?;
        let file = planwright_store::draft::free_test_file(&self.ws.root.join("tests"), &test.plan, run);
        let now = self.run_one(&test, &file)?;
        let scenario = match &test.scenario {
            Some(ScenarioRef::Inline(s)) => s.name.clone(),
            _ => String::new(),
        };
        Ok(TestDraft {
            run,
            name: test.name.clone(),
            file,
            plan: test.plan.clone(),
            scenario,
            interaction: test.interaction,
            expectations: test.expect.iter().map(|e| e.describe()).collect(),
            now,
        })
    }

    /// Writes the test drafted from run `run` as `tests/<file>` (a new file, written
    /// atomically, never holding a secret value) with the name given and the expectations
    /// whose indexes are in `keep`; answers it run against the plans as edited.
    pub fn save_drafted_test(
        &mut self,
        run: i64,
        name: String,
        file: String,
        keep: Vec<u32>,
    ) -> ApiResult<TestCase> {
        let test = planwright_sim::plan_test::keep(self.drafted(run)?, &name, &keep).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        let path = self.test_path(&file)?;
        if path.exists() {
            return Err(ApiError::new(
                "test-exists",
                format!(
                    "{} exists already: choose another file name",
                    path.display()
                ),
            ));
        }
        let mut text = serde_json::to_string_pretty(&test).expect("a test serializes");
        text.push('\n');
        self.refuse_secrets(
            &text,
            &format!(
                "test '{}'",
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
            ),
        )?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                ApiError::new(
                    "test-save-failed",
                    format!("cannot create {}: {e}", dir.display()),
                )
            })?;
        }
        planwright::plan_file::write_atomic(&path, text.as_bytes())?;
        let loaded = PlanTest::load(&path).map_err(|e| ApiError::new(e.code(), e.to_string()))?;
        Ok(case(&run_test(&self.edited_workspace(), &loaded)))
    }

    fn drafted(&self, run: i64) -> ApiResult<PlanTest> {
        let store = planwright_store::Store::open(&self.store_path).map_err(crate::versions::store_error)?;
        store.draft_test(run).map_err(|e| ApiError::new(e.code(), e.to_string()))
    }

    fn test_path(&self, file: &str) -> ApiResult<std::path::PathBuf> {
        planwright_sim::plan_test::test_file(&self.ws.root.join("tests"), file).map_err(|e| ApiError::new(e.code(), e.to_string()))
    }

    fn run_one(&self, test: &PlanTest, file: &str) -> ApiResult<TestCase> {
        let loaded = LoadedTest::drafted(self.test_path(file)?, test.clone());
        Ok(case(&run_test(&self.edited_workspace(), &loaded)))
    }

    /// Runs the plan tests of the workspace (`tests/*.json`) against the plans as edited and
    /// reports those that concern `plan`, with the exits of `plan` that no test takes.
    pub fn run_tests(&mut self, plan: String) -> ApiResult<TestReport> {
        let ws = self.edited_workspace();
        let folder = self.ws.root.join("tests");
        let files = if folder.is_dir() {
            planwright::workspace::json_files(&folder)?
        } else {
            Vec::new()
        };
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for f in &files {
            match PlanTest::load(f) {
                Ok(t) => results.push(run_test(&ws, &t)),
                Err(e) => unreadable.push(ApiError::new(e.code(), e.to_string())),
            }
        }
        let concerns = |r: &planwright_sim::plan_test::TestResult| {
            r.plan == plan
                || r.run
                    .as_ref()
                    .is_some_and(|run| run.steps.iter().any(|s| s.plan == plan))
        };
        results.retain(|r| concerns(r));
        // The plan's own exits, whether or not any test reaches it (then none is taken): the
        // simulator's coverage, the one `planwright test` reports.
        let coverage = planwright_sim::plan_test::plan_exit_coverage(&ws, &results, &plan);
        let mine: Vec<ExitRef> = coverage.untaken;
        let cases = results.iter().map(case).collect();
        Ok(TestReport {
            plan,
            folder: folder.display().to_string(),
            cases,
            unreadable,
            exits_total: coverage.total as u64,
            exits_taken: coverage.taken as u64,
            uncovered: mine,
        })
    }
}

/// A test's result as the Tests tab shows it: the first unmet expectation and the trace around
/// the step to look at.
fn case(r: &TestResult) -> TestCase {
    TestCase {
        name: r.name.clone(),
        plan: r.plan.clone(),
        file: r.path.clone(),
        passed: r.passed(),
        expected: r.failure.as_ref().map(|f| f.expected.clone()),
        found: r.failure.as_ref().map(|f| f.found.clone()),
        step: r.failure.as_ref().and_then(|f| f.step),
        trace: match (&r.run, &r.failure) {
            (Some(run), Some(f)) => steps_around(run, f.step).iter().map(step_line).collect(),
            _ => Vec::new(),
        },
    }
}
