//! `planwright test`: runs plan tests (`plans/tests/*.json`) offline, prints pass or fail with
//! the first unmet expectation and the trace around it, writes JUnit XML, and reports the exit
//! coverage of the suite.

use crate::Format;
use planwright::Workspace;
use planwright_sim::plan_test::{exit_coverage, junit_xml, run_test, step_line, steps_around, ExitCoverage, PlanTest, TestResult};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Test files or folders of them (default: the `tests` folder of the plans folder).
    paths: Vec<PathBuf>,
    /// The plans folder the tests run against.
    #[arg(long, default_value = "plans")]
    plans: PathBuf,
    /// Also write the results as JUnit XML to this file (atomically).
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Run only the tests of interactions made to this destination (a number or API address,
    /// compared as the routing compares them): those whose scenario names it.
    #[arg(long)]
    destination: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// The test files named by `paths`: files as given, folders' `*.json` (JSON Schemas apart).
fn test_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let files = planwright::workspace::json_files(p).map_err(|e| e.to_string())?;
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> ExitCode {
    let started = std::time::Instant::now();
    let ws = match Workspace::load(&args.plans) {
        Ok(ws) => ws,
        Err(e) => return crate::simulate_cmd::fail(e),
    };
    let paths = if args.paths.is_empty() { vec![args.plans.join("tests")] } else { args.paths.clone() };
    let files = match test_files(&paths) {
        Ok(f) => f,
        Err(e) => return crate::simulate_cmd::fail(e),
    };
    if files.is_empty() {
        return crate::simulate_cmd::fail(format!("no test files in {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")));
    }
    let mut results = Vec::new();
    let mut unreadable = Vec::new();
    let wanted = args.destination.as_deref().map(planwright::destination::normal_address);
    for f in &files {
        match PlanTest::load(f) {
            Ok(t) if wanted.as_ref().is_some_and(|w| t.scenario.destination.as_deref().map(planwright::destination::normal_address).as_ref() != Some(w)) => {}
            Ok(t) => results.push(run_test(&ws, &t)),
            Err(e) => unreadable.push(format!("error {}: {e}", e.code())),
        }
    }
    if let (Some(address), true) = (&args.destination, results.is_empty() && unreadable.is_empty()) {
        return crate::simulate_cmd::fail(format!("no test is made to {address} (a test's scenario names its destination)"));
    }
    let coverage = exit_coverage(&ws, &results);
    let seconds = started.elapsed().as_secs_f64();
    if let Some(path) = &args.junit {
        if let Err(e) = planwright::plan_file::write_atomic(path, junit_xml(&results, seconds).as_bytes()) {
            return crate::simulate_cmd::fail(format!("--junit {}: {e}", path.display()));
        }
    }
    match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "results": results,
                "unreadable": unreadable,
                "coverage": {"total": coverage.total, "taken": coverage.taken, "percent": coverage.percent(), "untaken": coverage.untaken},
            });
            println!("{}", serde_json::to_string_pretty(&json).expect("results serialize"));
        }
        Format::Text => print_text(&results, &unreadable, &coverage, seconds),
    }
    if !unreadable.is_empty() {
        ExitCode::from(2)
    } else if results.iter().all(TestResult::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_text(results: &[TestResult], unreadable: &[String], coverage: &ExitCoverage, seconds: f64) {
    for r in results {
        let shown = Path::new(&r.path).file_name().map_or(r.path.clone(), |n| n.to_string_lossy().into_owned());
        match &r.failure {
            None => println!("PASS  {}  {}  ({shown})", r.plan, r.name),
            Some(f) => {
                println!("FAIL  {}  {}  ({shown})", r.plan, r.name);
                println!("      expected: {}", f.expected);
                println!("      found:    {}", f.found);
                if let Some(run) = &r.run {
                    match f.step {
                        Some(s) => println!("      trace around step {s}:"),
                        None => println!("      the end of the trace:"),
                    }
                    for s in steps_around(run, f.step) {
                        println!("        {}", step_line(s));
                    }
                    println!("      run end: {} ({})", run.end_reason.message, run.end_reason.code);
                }
            }
        }
    }
    for u in unreadable {
        println!("{u}");
    }
    let passed = results.iter().filter(|r| r.passed()).count();
    let failed = results.len() - passed;
    let mut summary = format!("{} test(s): {passed} passed, {failed} failed", results.len());
    if !unreadable.is_empty() {
        summary.push_str(&format!(", {} unreadable", unreadable.len()));
    }
    println!("{summary} ({seconds:.2} s)");
    println!(
        "exit coverage: {} of {} exits ({:.1}%) taken by at least one test",
        coverage.taken,
        coverage.total,
        coverage.percent()
    );
    if !coverage.untaken.is_empty() {
        println!("exits no test takes:");
        let mut by_applet: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for e in &coverage.untaken {
            by_applet.entry((e.plan.as_str(), e.applet.as_str())).or_default().push(e.exit.as_str());
        }
        for ((plan, applet), exits) in by_applet {
            println!("  {plan}/{applet}: {}", exits.join(", "));
        }
    }
}
