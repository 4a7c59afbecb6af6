//! The Tests tab: the plan tests of the workspace run against the plans as edited, with the exit coverage the simulator computes (the one `planwright test` reports).

use crate::dto::*;
use crate::session::Session;

impl Session {
    /// Runs the plan tests of the workspace (`tests/*.json`) against the plans as edited and
    /// reports those that concern `plan`, with the exits of `plan` that no test takes.
    pub fn run_tests(&mut self, plan: String) -> ApiResult<TestReport> {
        use planwright_sim::plan_test::{run_test, step_line, steps_around, PlanTest};
        let ws = self.edited_workspace();
        let folder = self.ws.root.join("tests");
        let files = if folder.is_dir() { planwright::workspace::json_files(&folder)? } else { Vec::new() };
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for f in &files {
            match PlanTest::load(f) {
                Ok(t) => results.push(run_test(&ws, &t)),
                Err(e) => unreadable.push(ApiError::new(e.code(), e.to_string())),
            }
        }
        let concerns = |r: &planwright_sim::plan_test::TestResult| r.plan == plan || r.run.as_ref().is_some_and(|run| run.steps.iter().any(|s| s.plan == plan));
        results.retain(|r| concerns(r));
        // The plan's own exits, whether or not any test reaches it (then none is taken): the
        // simulator's coverage, the one `planwright test` reports.
        let coverage = planwright_sim::plan_test::plan_exit_coverage(&ws, &results, &plan);
        let mine: Vec<ExitRef> = coverage.untaken.into_iter().map(|e| ExitRef { plan: e.plan, applet: e.applet, exit: e.exit }).collect();
        let cases = results
            .iter()
            .map(|r| TestCase {
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
            })
            .collect();
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
