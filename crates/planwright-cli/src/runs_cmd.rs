//! `planwright runs`: list, show and export stored runs and batches.

use crate::batch_cmd::print_report;
use crate::simulate_cmd::{fail, StoreArgs};
use crate::Format;
use planwright_sim::record::Phase;
use planwright_sim::{Report, RunRecord};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RunsCommand,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(clap::Subcommand)]
pub enum RunsCommand {
    /// The latest runs.
    List {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Only the runs kept by this batch.
        #[arg(long)]
        batch: Option<i64>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One run's step trace, outbox and connector calls.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One run as JSON, or its steps as CSV.
    Export {
        id: i64,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// The latest batches.
    Batches {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One batch and its statistics.
    Batch {
        id: i64,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Write its results to FILE, as JSON or CSV by its extension: the same bytes as
        /// `planwright batch --export` and the desktop's Batch tab.
        #[arg(long, value_name = "FILE")]
        export: Option<std::path::PathBuf>,
    },
    /// Save a stored run as a plan test (`<plans>/tests/<file>`): its scenario and what the
    /// run shows (path, outcome, how it ended, data sources, outbox, connector calls), then
    /// run it against the plans as they are.
    ///
    /// Exit codes: 0 when written and it passes now, 1 when written but it fails against the
    /// plans as they are, 2 when refused (nothing written).
    SaveTest {
        id: i64,
        /// The plans folder; the test goes into its `tests` folder.
        #[arg(long, default_value = "plans")]
        plans: std::path::PathBuf,
        /// What the test shows, in words (default: the run's number, plan and outcome).
        #[arg(long)]
        name: Option<String>,
        /// The test file's name (default: `<plan>-run-<id>.json`, numbered when taken).
        #[arg(long)]
        file: Option<String>,
        /// Keep only these expectations, by their numbers in the draft (see --dry-run),
        /// comma separated. Default: all of them.
        #[arg(long, value_delimiter = ',')]
        keep: Option<Vec<u32>>,
        /// Print the draft, its expectations numbered, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

fn seconds(ms: i64) -> String {
    let s = ms / 1000;
    match s {
        s if s >= 86_400 => format!("{}d {}h {}m {}s", s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60),
        s if s >= 3600 => format!("{}h {}m {}s", s / 3600, s % 3600 / 60, s % 60),
        s if s >= 60 => format!("{}m {}s", s / 60, s % 60),
        _ if ms % 1000 != 0 => format!("{:.3}s", ms as f64 / 1000.0),
        s => format!("{s}s"),
    }
}

/// Prints a run's trace for people.
pub fn print_run(run: &RunRecord, id: Option<i64>) {
    let id = id.map(|i| format!("run {i}")).unwrap_or_else(|| "run (not stored)".into());
    println!(
        "{id} · plan {} (version {}) · scenario '{}' · seed {} · channel {}",
        run.plan,
        run.plan_hash,
        run.scenario,
        run.seed,
        run.channel.as_deref().unwrap_or("none")
    );
    println!("start {}", run.start.to_rfc3339());
    let mut live_done = false;
    for s in &run.steps {
        if !live_done && s.phase != Phase::Live && run.interaction_end.is_some() {
            print_interaction_end(run);
            live_done = true;
        }
        let exit = s.exit.as_deref().map(|e| format!(" → {e}")).unwrap_or_default();
        println!("{:>4}  {}  {:<10} {}/{} [{}]{exit}  {}", s.seq, s.at.format("%a %H:%M:%S"), s.phase.as_str(), s.plan, s.applet, s.kind, s.note);
        for c in &s.changes {
            match &c.value {
                Some(v) => println!("                                 set {} = {v:?}", c.name),
                None => println!("                                 set {} = null", c.name),
            }
        }
    }
    if !live_done && run.interaction_end.is_some() {
        print_interaction_end(run);
    }
    for m in &run.outbox {
        println!("outbox ({}, step {}): to {}{}", m.channel, m.step, m.to.join(", "), if m.cc.is_empty() { String::new() } else { format!(" cc {}", m.cc.join(", ")) });
        if !m.subject.is_empty() {
            println!("  subject: {}", m.subject);
        }
        println!("  {}", m.body.replace('\n', "\n  "));
    }
    for c in &run.connector_calls {
        let status = c.status.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
        println!("connector (step {}): {} {} {} → {} status {status} in {} ms", c.step, c.applet, c.method, c.url, c.result, c.latency_ms);
    }
    println!(
        "end: {} [{}] · outcome {} · {} step(s) · simulated duration {}",
        run.end_reason.message,
        run.end_reason.code,
        run.outcome.as_deref().unwrap_or("none"),
        run.steps.len(),
        seconds(run.duration_ms)
    );
}

fn print_interaction_end(run: &RunRecord) {
    if let Some(e) = &run.interaction_end {
        println!("  --  interaction ended: {} · InteractionOutcome = {}", e.message, run.outcome.as_deref().unwrap_or("none"));
    }
}


/// A run's steps as CSV, one row per step.
pub fn steps_csv(id: i64, run: &RunRecord) -> String {
    let mut rows: Vec<Vec<String>> = vec!["run_id,seq,phase,plan,applet,kind,exit,sim_time,note,changes".split(',').map(String::from).collect()];
    for s in &run.steps {
        let changes = if s.changes.is_empty() { String::new() } else { serde_json::to_string(&s.changes).expect("changes serialize") };
        rows.push(vec![
            id.to_string(),
            s.seq.to_string(),
            s.phase.as_str().to_string(),
            s.plan.clone(),
            s.applet.clone(),
            s.kind.clone(),
            s.exit.clone().unwrap_or_default(),
            s.at.to_rfc3339(),
            s.note.clone(),
            changes,
        ]);
    }
    planwright_sim::export::csv_text(rows)
}

pub fn run(args: Args) -> ExitCode {
    let store = match args.store.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let json = |v: &dyn erased_json::Json| println!("{}", v.pretty());
    match args.command {
        RunsCommand::List { limit, batch, format } => match store.list_runs(limit, batch) {
            Err(e) => fail(e),
            Ok(runs) => {
                match format {
                    Format::Json => json(&runs),
                    Format::Text => {
                        println!("{:>6}  {:<8} {:<20} {:<22} {:<16} {:>5} {:>12}  end", "id", "batch", "plan", "start", "outcome", "steps", "duration");
                        for r in runs {
                            let batch = r.batch_id.map(|b| format!("{b}#{}", r.batch_index.unwrap_or(0))).unwrap_or_default();
                            println!(
                                "{:>6}  {:<8} {:<20} {:<22} {:<16} {:>5} {:>12}  {}",
                                r.id,
                                batch,
                                r.plan,
                                r.start,
                                r.outcome.unwrap_or_default(),
                                r.step_count,
                                seconds(r.duration_ms),
                                r.end_code
                            );
                        }
                    }
                }
                ExitCode::SUCCESS
            }
        },
        RunsCommand::Show { id, format } => match store.run(id) {
            Err(e) => fail(e),
            Ok(None) => fail(format!("no run {id} in {}", store.path())),
            Ok(Some(run)) => {
                match format {
                    Format::Json => json(&run),
                    Format::Text => print_run(&run.record, Some(run.id)),
                }
                ExitCode::SUCCESS
            }
        },
        RunsCommand::Export { id, format } => match store.run(id) {
            Err(e) => fail(e),
            Ok(None) => fail(format!("no run {id} in {}", store.path())),
            Ok(Some(run)) => {
                match format {
                    ExportFormat::Json => json(&run),
                    ExportFormat::Csv => print!("{}", steps_csv(run.id, &run.record)),
                }
                ExitCode::SUCCESS
            }
        },
        RunsCommand::Batches { limit, format } => match store.batches(limit) {
            Err(e) => fail(e),
            Ok(rows) => {
                match format {
                    Format::Json => json(&rows),
                    Format::Text => {
                        println!("{:>5}  {:<20} {:>10} {:>10} {:>8} {:<10} {:<10} created", "id", "plan", "completed", "requested", "stored", "status", "seed");
                        for b in rows {
                            println!(
                                "{:>5}  {:<20} {:>10} {:>10} {:>8} {:<10} {:<10} {}",
                                b.id, b.plan, b.completed, b.requested, b.runs_stored, b.status, b.seed, b.created_at
                            );
                        }
                    }
                }
                ExitCode::SUCCESS
            }
        },
        RunsCommand::Batch { id, format, export } => match store.batch(id) {
            Err(e) => fail(e),
            Ok(None) => fail(format!("no batch {id} in {}", store.path())),
            Ok(Some(b)) => {
                if let Some(path) = export {
                    let Some(kind) = planwright_sim::export::ExportFormat::of_path(&path) else {
                        return fail(format!("--export {}: the file name must end in .json or .csv", path.display()));
                    };
                    let Some(text) = b.export(kind) else {
                        return fail(format!("batch {id} has no statistics to export: it did not finish (its process was stopped)"));
                    };
                    if let Err(e) = planwright::plan_file::write_atomic(&path, text.as_bytes()) {
                        return fail(format!("{}: --export {}: {e}", e.code(), path.display()));
                    }
                }
                match format {
                    Format::Json => json(&b),
                    Format::Text => {
                        println!(
                            "batch {} · plan {} (version {}) · seed {} · {} of {} interactions · {} · {} run(s) stored",
                            b.id, b.plan, b.plan_hash, b.seed, b.completed, b.requested, b.status, b.runs_stored
                        );
                        match b.report.and_then(|r| serde_json::from_value::<Report>(r).ok()) {
                            Some(r) => print_report(&r),
                            None => println!("no statistics: the batch did not finish (its process was stopped)"),
                        }
                    }
                }
                ExitCode::SUCCESS
            }
        },
        RunsCommand::SaveTest { id, plans, name, file, keep, dry_run } => save_test(&store, id, &plans, name, file, keep, dry_run),
    }
}

/// `runs save-test`: the draft of the store ([`planwright_store::Store::draft_test`]), the
/// expectations kept ([`plan_test::keep`]), written as a new file, then run.
fn save_test(store: &planwright_store::Store, id: i64, plans: &std::path::Path, name: Option<String>, file: Option<String>, keep: Option<Vec<u32>>, dry_run: bool) -> ExitCode {
    use planwright_sim::plan_test::{self, LoadedTest};
    let draft = match store.draft_test(id) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", e.code())),
    };
    let dir = plans.join("tests");
    let file = file.unwrap_or_else(|| planwright_store::draft::free_test_file(&dir, &draft.plan, id));
    let path = match plan_test::test_file(&dir, &file) {
        Ok(p) => p,
        Err(e) => return fail(format!("{}: {e}", e.code())),
    };
    let keep = keep.unwrap_or_else(|| (0..draft.expect.len() as u32).collect());
    if dry_run {
        println!("draft of run {id}: {} → {}", draft.name, path.display());
        for (i, e) in draft.expect.iter().enumerate() {
            println!("{:>3} {} {}", i, if keep.contains(&(i as u32)) { "keep" } else { "drop" }, e.describe());
        }
        return ExitCode::SUCCESS;
    }
    let name = name.unwrap_or_else(|| draft.name.clone());
    let test = match plan_test::keep(draft, &name, &keep) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", e.code())),
    };
    if path.exists() {
        return fail(format!("test-exists: {} exists already: choose another --file", path.display()));
    }
    let ws = match planwright::Workspace::load(plans) {
        Ok(ws) => ws,
        Err(e) => return fail(e),
    };
    let mut text = serde_json::to_string_pretty(&test).expect("a test serializes");
    text.push('\n');
    if let Err(e) = std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display())) {
        return fail(format!("test-save-failed: {e}"));
    }
    if let Err(e) = planwright::plan_file::write_atomic(&path, text.as_bytes()) {
        return fail(format!("{}: {}: {e}", e.code(), path.display()));
    }
    println!("wrote {} ({} expectation(s)): {}", path.display(), test.expect.len(), test.name);
    let result = plan_test::run_test(&ws, &LoadedTest::drafted(path.clone(), test));
    match &result.failure {
        None => {
            println!("passes against {} now", plans.display());
            ExitCode::SUCCESS
        }
        Some(f) => {
            println!("FAILS against {} now: expected {}; found {}", plans.display(), f.expected, f.found);
            ExitCode::from(1)
        }
    }
}

mod erased_json {
    pub trait Json {
        fn pretty(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).expect("plain data serializes")
        }
    }
}
