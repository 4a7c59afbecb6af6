//! `planwright batch`: N interactions drawn from a (distribution) scenario, in parallel, with
//! a progress bar; Ctrl+C cancels and the batch is recorded as cancelled.

use crate::simulate_cmd::{fail, load_scenario, now, PlanArgs, StoreArgs};
use crate::Format;
use planwright_sim::export::{BatchResults, ExportFormat};
use planwright_sim::{BatchConfig, Control, KeepRuns, Report, Simulation};
use planwright_store::{NewBatch, RunMeta};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Keep {
    All,
    Sample,
    None,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub target: PlanArgs,
    /// Number of interactions.
    #[arg(short = 'n', long = "count", default_value_t = 1000)]
    pub n: u64,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Which individual runs to store; the statistics are always stored.
    #[arg(long, value_enum, default_value_t = Keep::Sample)]
    pub keep_runs: Keep,
    /// How many runs `--keep-runs sample` keeps, evenly spread.
    #[arg(long, default_value_t = 100)]
    pub sample: u64,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Also write the results to FILE, as JSON or CSV by its extension (`.json`, `.csv`);
    /// the desktop's Batch tab exports the same bytes for the same batch. May be repeated.
    #[arg(long, value_name = "FILE")]
    pub export: Vec<std::path::PathBuf>,
}

fn pct(n: u64, of: u64) -> String {
    if of == 0 {
        "0%".into()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / of as f64)
    }
}

/// Prints batch statistics for people.
pub fn print_report(r: &Report) {
    let d = |s: Option<f64>| s.map(|s| format!("{s:.1} s")).unwrap_or_else(|| "-".into());
    println!(
        "{} interaction(s), {} step(s); simulated duration p50 {}, p95 {}, p99 {}",
        r.interactions,
        r.steps,
        d(r.duration_p50_s),
        d(r.duration_p95_s),
        d(r.duration_p99_s)
    );
    if r.duration_histogram.len() > 1 {
        let most = r.duration_histogram.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        println!("simulated durations:");
        for b in &r.duration_histogram {
            let bar = "#".repeat(((b.count as f64 / most as f64) * 40.0).round() as usize);
            println!("  {:>8.1} s .. {:>8.1} s {:>9}  {bar}", b.from_s, b.to_s, b.count);
        }
    }
    let list = |title: &str, items: &[planwright_sim::stats::Count]| {
        let parts: Vec<String> = items.iter().map(|c| format!("{} {} ({})", c.name, c.count, pct(c.count, r.interactions))).collect();
        println!("{title}: {}", if parts.is_empty() { "none".into() } else { parts.join(", ") });
    };
    list("outcomes", &r.outcomes);
    if !r.destinations.is_empty() {
        println!("per destination:");
        for (address, d) in &r.destinations {
            let plans: Vec<String> = d.plans.iter().map(|(p, n)| format!("{p} {n}")).collect();
            let outcomes: Vec<String> = d.outcomes.iter().map(|(o, n)| format!("{} {n}", if o.is_empty() { "(none)" } else { o })).collect();
            println!(
                "  {address}: {} ({}), {} test · plans: {} · outcomes: {}",
                d.interactions,
                pct(d.interactions, r.interactions),
                d.testing,
                plans.join(", "),
                outcomes.join(", ")
            );
        }
    }
    list("interaction ends", &r.interaction_ends);
    list("run ends", &r.end_reasons);
    let results: Vec<String> = r.connector_results.iter().map(|c| format!("{} {}", c.name, c.count)).collect();
    println!(
        "emails rendered {} · sms {} · connector calls {}{}",
        r.emails_rendered,
        r.sms_rendered,
        r.connector_calls,
        if results.is_empty() { String::new() } else { format!(" ({})", results.join(", ")) }
    );
    println!("visits per applet:");
    for a in &r.applets {
        println!("  {:>9}  {}/{} [{}]", a.visits, a.plan, a.applet, a.kind);
    }
    println!("exits:");
    for e in &r.exits {
        println!("  {:>9}  {}/{} → {}", e.count, e.plan, e.applet, e.exit);
    }
    let c = &r.coverage;
    println!(
        "coverage: {}/{} applets visited, {}/{} exits taken ({}%) in plans {}",
        c.applets_visited,
        c.applets_total,
        c.exits_taken,
        c.exits_total,
        c.exit_percent,
        c.plans.join(", ")
    );
    for a in &c.applets_never_visited {
        println!("  never visited: {a}");
    }
    for e in &c.exits_never_taken {
        println!("  never taken: {}/{} → {}", e.plan, e.applet, e.exit);
    }
}

/// A batch the store could no longer take (a full disk, say): each run is written whole in its
/// transaction, so the runs stored before stay and none is half written; the batch reads as
/// interrupted.
fn store_failed(e: &planwright_store::StoreError, batch_id: Option<i64>) -> ExitCode {
    eprintln!("error {}: {e}", e.code());
    if let Some(id) = batch_id {
        eprintln!("batch {id} stopped: the runs stored before it stopped are whole, and no run is half written");
    }
    ExitCode::from(2)
}

/// The format of each `--export` file, checked before the batch runs.
fn export_formats(paths: &[std::path::PathBuf]) -> Result<Vec<(std::path::PathBuf, ExportFormat)>, String> {
    paths
        .iter()
        .map(|p| ExportFormat::of_path(p).map(|f| (p.clone(), f)).ok_or_else(|| format!("--export {}: the file name must end in .json or .csv", p.display())))
        .collect()
}

pub fn run(args: Args) -> ExitCode {
    let exports = match export_formats(&args.export) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let mut scenario = match load_scenario(args.target.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let (ws, plan) = match crate::simulate_cmd::target(&args.target, &mut scenario) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let sim = match Simulation::for_scenario(&ws, plan.as_deref(), scenario, Default::default()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let scenario_json = serde_json::to_string(&sim.scenario).expect("a scenario serializes");
    let plan = sim.program.plans[sim.entry as usize].id.clone();
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let threads = if args.threads == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { args.threads };
    let keep = match args.keep_runs {
        Keep::All => KeepRuns::All,
        Keep::Sample => KeepRuns::Sample(args.sample),
        Keep::None => KeepRuns::None,
    };
    let keep_name = match args.keep_runs {
        Keep::All => "all".to_string(),
        Keep::Sample => format!("sample:{}", args.sample),
        Keep::None => "none".to_string(),
    };
    let batch_id = match store.begin_batch(&NewBatch {
        plan: plan.clone(),
        plan_hash: sim.plan_hash.clone(),
        scenario_json,
        seed: args.seed,
        requested: args.n,
        threads,
        keep_runs: keep_name,
        created_at: now(),
    }) {
        Ok(id) => id,
        Err(e) => return store_failed(&e, None),
    };
    let control = Arc::new(Control::default());
    {
        let control = control.clone();
        // A second handler cannot be installed in one process; ignore that case (tests).
        let _ = ctrlc::set_handler(move || control.cancel.store(true, Ordering::Relaxed));
    }
    let bar = if args.quiet || args.format == Format::Json {
        indicatif::ProgressBar::hidden()
    } else {
        let bar = indicatif::ProgressBar::new(args.n);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} interactions · {per_sec} · eta {eta} (Ctrl+C cancels)")
                .expect("the template is valid"),
        );
        bar
    };
    let cfg = BatchConfig { n: args.n, seed: args.seed, threads, keep };
    let started = Instant::now();
    let meta = RunMeta { batch_id: Some(batch_id), scenario_json: None, created_at: now() };
    let result = planwright_store::batch::run_and_store(&sim, &cfg, &control, &mut store, &meta, 256, || {
        bar.set_position(control.done.load(Ordering::Relaxed))
    });
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let result = match result {
        Ok(r) => r,
        Err(e) => return store_failed(&e, Some(batch_id)),
    };
    let report = sim.report(&result.stats);
    if let Err(e) = store.finish_batch(batch_id, result.cancelled, result.completed, &report, &now()) {
        return store_failed(&e, Some(batch_id));
    }
    let results = BatchResults {
        plan: &plan,
        plan_hash: &sim.plan_hash,
        seed: args.seed,
        requested: args.n,
        completed: result.completed,
        cancelled: result.cancelled,
        report: &report,
    };
    for (path, format) in &exports {
        if let Err(e) = planwright::plan_file::write_atomic(path, results.render(*format).as_bytes()) {
            eprintln!("error {}: --export {}: {e}", e.code(), path.display());
            return ExitCode::from(2);
        }
    }
    match args.format {
        Format::Json => {
            let out = serde_json::json!({
                "batch": batch_id, "plan": plan, "plan_hash": sim.plan_hash, "seed": args.seed, "requested": args.n,
                "completed": result.completed, "cancelled": result.cancelled, "threads": threads,
                "elapsed_s": elapsed.as_secs_f64(), "report": report,
            });
            println!("{}", serde_json::to_string_pretty(&out).expect("a report serializes"));
        }
        Format::Text => {
            println!(
                "batch {batch_id} · plan {plan} (version {}) · seed {} · {} thread(s) · {} of {} interactions in {:.2} s{}",
                sim.plan_hash,
                args.seed,
                threads,
                result.completed,
                args.n,
                elapsed.as_secs_f64(),
                if result.cancelled { " · CANCELLED" } else { "" }
            );
            print_report(&report);
        }
    }
    if result.cancelled {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    }
}
