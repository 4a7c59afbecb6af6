//! `planwright load`: a day (or days) of a load model, in simulated time; what-if sweeps,
//! sharded; and `planwright merge` of the shards.

use crate::simulate_cmd::{fail, now, StoreArgs};
use crate::Format;
use planwright::Workspace;
use planwright_sim::load::report::{DayReport, Measures};
use planwright_sim::load::{self, file, DayOptions, Load, LoadError, SweepOptions, SweepSpec, SweepTally};
use planwright_sim::{Account, Control};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: LoadCommand,
}

#[derive(clap::Args)]
pub struct Target {
    /// A load file, or the id of one in PLANS/load/ (default: the first there).
    pub load: Option<String>,
    /// The workspace (default: the load file's folder's parent, else plans/).
    #[arg(long)]
    pub plans: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
enum LoadCommand {
    /// Run the load model: arrivals over the day at their plans, queues with agents, the
    /// routes after; print the day's measures. Exit codes: 0, 2 on bad input, 130 when cancelled.
    Run {
        #[command(flatten)]
        target: Target,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Also write intervals.csv (queues' measures) and route_load.csv into DIR.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
        /// Also write every interaction's result to FILE, one row each as it ends: CSV, or
        /// Parquet when FILE ends in .parquet (for DuckDB, Polars, pandas).
        #[arg(long, value_name = "FILE")]
        interactions: Option<PathBuf>,
        /// Interactions kept whole in the run store, evenly spread (0: store nothing).
        #[arg(long, default_value_t = 100)]
        keep: u64,
        #[command(flatten)]
        store: StoreArgs,
        /// Print every interval, not only those with traffic or agents.
        #[arg(long)]
        all_intervals: bool,
    },
    /// Check a load model against the workspace's plans. Exit 1 on errors.
    Check {
        #[command(flatten)]
        target: Target,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Vary one thing over a list of values and run each point: agents:QUEUE=10,12,14 (or
    /// =+0,+2 to change every period), volume=0.8,1,1.2, property:PLAN/APPLET/PROPERTY=600,300.
    Sweep {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        vary: String,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Independent runs per point (seeds derived from --seed); counts add up over them.
        #[arg(long, default_value_t = 1)]
        replications: u64,
        /// Worker threads (default: one per core). Results do not depend on it.
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Run only the K-th of N shares of the work (K from 1); write the shard with --out
        /// and combine the shards with `planwright merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        /// Write the sweep's counters (a shard file, or the whole sweep) to FILE.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Rewrite a load file in canonical form (sorted keys), atomically.
    Fmt {
        #[command(flatten)]
        target: Target,
        /// Change nothing; exit 1 if the file is not canonical.
        #[arg(long)]
        check: bool,
    },
    /// Print the JSON Schema of load files.
    Schema,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Shard files written by `planwright load sweep --shard K/N --out FILE`.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The workspace holding the load model (default plans/).
    #[arg(long, default_value = "plans")]
    plans: PathBuf,
    /// Write the merged counters to FILE too.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

struct Located {
    path: PathBuf,
    ws: Workspace,
    root: PathBuf,
    load_dir: PathBuf,
    load: Load,
}

fn locate(t: &Target) -> Result<Located, String> {
    let (path, root) = match &t.load {
        Some(l) if Path::new(l).is_file() => {
            let p = PathBuf::from(l);
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| ".".into());
            let root = t.plans.clone().unwrap_or_else(|| dir.parent().map(Path::to_path_buf).filter(|r| !r.as_os_str().is_empty()).unwrap_or_else(|| ".".into()));
            (p, root)
        }
        Some(id) => {
            let root = t.plans.clone().unwrap_or_else(|| "plans".into());
            let p = root.join("load").join(format!("{id}.json"));
            if !p.is_file() {
                return Err(format!("no load file {} (and no file named '{id}')", p.display()));
            }
            (p, root)
        }
        None => {
            let root = t.plans.clone().unwrap_or_else(|| "plans".into());
            let p = file::list(&root).into_iter().next().ok_or_else(|| format!("no load files in {}", root.join("load").display()))?;
            (p, root)
        }
    };
    let load = file::read(&path).map_err(|e| format!("{e} [{}]", e.code()))?;
    let ws = Workspace::load(&root).map_err(|e| e.to_string())?;
    let load_dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| ".".into());
    let path = path.clone();
    Ok(Located { path, ws, root, load_dir, load })
}

fn load_failed(e: LoadError) -> ExitCode {
    eprintln!("error {}: {e}", e.code());
    ExitCode::from(2)
}

fn pct(x: Option<f64>) -> String {
    x.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(|| "-".into())
}

fn secs(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.0} s")).unwrap_or_else(|| "-".into())
}

fn summary(m: &Measures) -> String {
    format!(
        "offered {} · answered {} · service level {} · ASA {} · abandoned {} ({}) · occupancy {} · longest wait {:.0} s",
        m.offered,
        m.answered,
        pct(m.service_level),
        secs(m.asa_s),
        m.abandoned + m.breakouts,
        pct(m.abandonment_rate),
        pct(m.occupancy),
        m.longest_wait_s
    )
}

fn print_day(r: &DayReport, all: bool) {
    for q in &r.queues {
        println!();
        if q.unlimited {
            println!("queue {} (not in the load model: answered at once) · {}", q.queue, summary(&q.day));
            continue;
        }
        println!("queue {} · {}", q.queue, summary(&q.day));
        let d = &q.day;
        println!(
            "  left the queue: max time in queue {} · max queue length {} · estimated wait {} · no agents {} · breakout key {} · hung up {}{}",
            d.max_time_in_queue,
            d.max_queue_length,
            d.estimated_wait,
            d.no_agents,
            d.breakouts,
            d.abandoned,
            if d.stranded > 0 { format!(" · STILL WAITING when the run ended: {}", d.stranded) } else { String::new() }
        );
        println!(
            "  {:<9} {:>6} {:>7} {:>8} {:>6} {:>6} {:>7} {:>7} {:>6} {:>6} {:>7}",
            "interval", "agents", "offered", "answered", "SL", "ASA", "aband.", "occup.", "q avg", "q max", "longest"
        );
        for it in &q.intervals {
            let m = &it.measures;
            if !all && m.offered == 0 && m.agents == 0.0 && m.stranded == 0 {
                continue;
            }
            println!(
                "  {:<9} {:>6} {:>7} {:>8} {:>6} {:>6} {:>7} {:>7} {:>6} {:>6} {:>6.0}s",
                it.interval,
                m.agents,
                m.offered,
                m.answered,
                pct(m.service_level),
                secs(m.asa_s),
                pct(m.abandonment_rate),
                pct(m.occupancy),
                m.avg_queue_length,
                m.peak_queue_length,
                m.longest_wait_s
            );
        }
    }
    println!();
    if r.arrivals.iter().any(|a| a.label != a.plan) || r.arrivals.len() > 1 {
        println!("arrivals:");
        for a in &r.arrivals {
            let o: Vec<String> = a.outcomes.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let to = if a.label == a.plan { String::new() } else { format!(" → {}", a.plan) };
            println!("  {}{to}: {} interaction(s), {} completed · {}", a.label, a.interactions, a.completed, o.join(", "));
        }
    }
    let total: u64 = r.outcomes.values().sum();
    let outcomes: Vec<String> = r.outcomes.iter().map(|(k, v)| format!("{k} {v} ({})", pct((total > 0).then(|| *v as f64 / total as f64)))).collect();
    println!("outcomes: {}", outcomes.join(", "));
    for (applet, exits) in &r.queue_exits {
        let taken: Vec<String> = exits.iter().filter(|(_, n)| **n > 0).map(|(e, n)| format!("{e} {n}")).collect();
        println!("exits of {applet}: {}", if taken.is_empty() { "none".into() } else { taken.join(", ") });
    }
    let visits: Vec<String> = r.visits.iter().map(|(a, n)| format!("{a} {n}")).collect();
    println!("applets reached (visits): {}", visits.join(", "));
    if !r.route_load.is_empty() {
        println!("load on the outside world (plans and their routes):");
        for rl in &r.route_load {
            println!(
                "  {:<40} [{}] {} in all · peak {}/s{} · busiest interval {}/min",
                rl.applet,
                rl.kind,
                rl.total,
                rl.peak_per_second,
                rl.peak_at.as_deref().map(|a| format!(" at {a}")).unwrap_or_default(),
                rl.peak_per_minute
            );
        }
    }
    println!("emails {} · SMS (Send SMS applets) {}", r.emails, r.sms);
    for w in &r.warnings {
        println!("warning [{}] {}: {}", w.code, w.path, w.message);
    }
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s.split_once('/').ok_or_else(|| format!("--shard {s}: expected K/N, as 2/4"))?;
    let (k, n): (u64, u64) = (k.trim().parse().map_err(|_| format!("--shard {s}: K is not a number"))?, n.trim().parse().map_err(|_| format!("--shard {s}: N is not a number"))?);
    if n == 0 || k == 0 || k > n {
        return Err(format!("--shard {s}: K must be from 1 to N"));
    }
    Ok((k, n))
}

/// One row per interaction, written as each one ends: CSV, or Parquet by the file's name.
enum Rows {
    Csv(std::io::BufWriter<std::fs::File>),
    Parquet(crate::parquet_out::ParquetRows),
}

impl Rows {
    fn create(path: &Path) -> Result<Rows, String> {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")) {
            return crate::parquet_out::ParquetRows::create(path).map(Rows::Parquet).map_err(|e| format!("{}: {e}", path.display()));
        }
        use std::io::Write;
        let f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = std::io::BufWriter::new(f);
        writeln!(out, "index,plan,start,end,duration_s,outcome,interaction_end,run_end,queues").map_err(|e| e.to_string())?;
        Ok(Rows::Csv(out))
    }

    fn push(&mut self, r: &load::InteractionResult) -> Result<(), String> {
        use std::io::Write;
        match self {
            Rows::Parquet(p) => p.push(r),
            Rows::Csv(out) => {
                let t = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)).unwrap_or_default();
                let queues: Vec<String> = r.queues.iter().map(|q| format!("{}:{:.1}", q.verdict.code(), q.wait_ms as f64 / 1000.0)).collect();
                writeln!(
                    out,
                    "{},{},{},{},{:.3},{},{},{},{}",
                    r.index,
                    r.plan,
                    t(r.start_ms),
                    t(r.end_ms),
                    (r.end_ms - r.start_ms) as f64 / 1000.0,
                    r.outcome.unwrap_or(""),
                    r.interaction_end.unwrap_or(""),
                    r.run_end,
                    queues.join(" ")
                )
                .map_err(|e| e.to_string())
            }
        }
    }

    fn finish(self) -> Result<(), String> {
        use std::io::Write;
        match self {
            Rows::Parquet(p) => p.finish().map(|_| ()),
            Rows::Csv(mut out) => out.flush().map_err(|e| e.to_string()),
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        LoadCommand::Schema => {
            print!("{}", file::json_schema());
            ExitCode::SUCCESS
        }
        LoadCommand::Fmt { target, check } => {
            let l = match locate(&target) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            let text = planwright::plan_file::read_text(&l.path).unwrap_or_default();
            let canonical = file::to_text(&l.load);
            if text == canonical {
                return ExitCode::SUCCESS;
            }
            if check {
                println!("{} is not in canonical form", l.path.display());
                return ExitCode::from(1);
            }
            match file::save(&l.path, &l.load) {
                Ok(()) => {
                    println!("formatted {}", l.path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(format!("{e} [{}]", e.code())),
            }
        }
        LoadCommand::Check { target, format } => {
            let l = match locate(&target) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            let mut problems = l.load.problems();
            problems.extend(load::plan_problems(&l.load, &l.ws));
            let errors = problems.iter().filter(|p| !p.warning).count();
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&problems).expect("problems serialize")),
                Format::Text => {
                    for p in &problems {
                        println!("{} [{}] {}: {}", if p.warning { "warning" } else { "error" }, p.code, p.path, p.message);
                    }
                    println!("{}: {errors} error(s), {} warning(s)", l.load.id, problems.len() - errors);
                }
            }
            if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        LoadCommand::Run { target, seed, format, csv, interactions, keep, store, all_intervals } => {
            let l = match locate(&target) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            let prepared = match load::prepare(&l.ws, &l.root, &l.load_dir, &l.load, &Account::default()) {
                Ok(p) => p,
                Err(e) => return load_failed(e),
            };
            let mut store = if keep > 0 {
                match store.open() {
                    Ok(s) => Some(s),
                    Err(e) => return fail(e),
                }
            } else {
                None
            };
            // One batch per plan that takes arrivals: its kept runs, its report and heatmap.
            let batches = match store.as_mut().map(|st| planwright_store::load::begin_day(st, &prepared, seed, keep, &now())).transpose() {
                Ok(b) => b,
                Err(e) => return fail(format!("{} [{}]", e, e.code())),
            };
            let mut rows = match interactions.as_deref().map(Rows::create).transpose() {
                Ok(r) => r,
                Err(e) => return fail(format!("--interactions {e}")),
            };
            let control = Arc::new(Control::default());
            {
                let control = control.clone();
                let _ = ctrlc::set_handler(move || control.cancel.store(true, Ordering::Relaxed));
            }
            let started = Instant::now();
            let mut kept = Vec::new();
            let mut write_error: Option<String> = None;
            let mut write_row = |r: &load::InteractionResult| {
                if let Some(rows) = rows.as_mut() {
                    if let Err(e) = rows.push(r) {
                        write_error.get_or_insert(e);
                    }
                }
            };
            let run = prepared.run_day_full(&DayOptions { seed, keep }, Some(&control), &mut |r| kept.push(r), Some(&mut write_row));
            let elapsed = started.elapsed();
            if let Some(e) = write_error {
                return fail(format!("--interactions: {e}"));
            }
            if let Some(rows) = rows.take() {
                if let Err(e) = rows.finish() {
                    return fail(format!("--interactions: {e}"));
                }
            }
            if let (Some(store), Some(batches)) = (store.as_mut(), &batches) {
                if let Err(e) = planwright_store::load::finish_day(store, batches, &prepared, &run, &kept, &now()) {
                    eprintln!("error {}: {e}", e.code());
                    return ExitCode::from(2);
                }
            }
            let report = DayReport::new(&prepared, seed, &run.tally);
            if let Some(dir) = &csv {
                for (name, text) in [("intervals.csv", report.intervals_csv()), ("route_load.csv", report.route_load_csv())] {
                    if let Err(e) = std::fs::create_dir_all(dir).map_err(|e| e.to_string()).and_then(|_| planwright::plan_file::write_atomic(&dir.join(name), text.as_bytes()).map_err(|e| e.to_string())) {
                        return fail(format!("--csv {}: {e}", dir.display()));
                    }
                }
            }
            match format {
                Format::Json => {
                    let out = serde_json::json!({"elapsed_s": elapsed.as_secs_f64(), "events_per_s": run.tally.events as f64 / elapsed.as_secs_f64().max(1e-9), "kept": kept.len(), "report": report});
                    println!("{}", serde_json::to_string_pretty(&out).expect("a report serializes"));
                }
                Format::Text => {
                    println!(
                        "load {} ({}) · seed {seed} · {} interaction(s), {} completed · {} events in {:.2} s ({:.0} events/s){}",
                        l.load.id,
                        l.load.name,
                        report.interactions,
                        report.completed,
                        report.events,
                        elapsed.as_secs_f64(),
                        report.events as f64 / elapsed.as_secs_f64().max(1e-9),
                        if report.cancelled { " · CANCELLED" } else { "" }
                    );
                    if report.stranded > 0 {
                        println!("the queues did not drain: {} interaction(s) still waiting, with no time limit, when the run ended", report.stranded);
                    }
                    print_day(&report, all_intervals);
                    if !kept.is_empty() {
                        println!("{} interaction(s) kept in the run store (planwright runs list), each with its queue on entry", kept.len());
                    }
                }
            }
            if report.cancelled {
                ExitCode::from(130)
            } else {
                ExitCode::SUCCESS
            }
        }
        LoadCommand::Sweep { target, vary, seed, replications, threads, shard, out, format } => {
            let l = match locate(&target) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            let spec = match SweepSpec::parse(&vary) {
                Ok(s) => s,
                Err(e) => return fail(format!("--vary {e}")),
            };
            let shard = match shard.as_deref().map(parse_shard).transpose() {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let opt = SweepOptions { seed, replications, threads, shard };
            let started = Instant::now();
            let tally = match load::run_sweep(&l.ws, &l.root, &l.load_dir, &l.load, &Account::default(), &spec, &opt) {
                Ok(t) => t,
                Err(e) => return load_failed(e),
            };
            let elapsed = started.elapsed();
            if let Some(path) = &out {
                let text = serde_json::to_string(&tally).expect("a tally serializes") + "\n";
                if let Err(e) = planwright::plan_file::write_atomic(path, text.as_bytes()) {
                    eprintln!("error {}: --out {}: {e}", e.code(), path.display());
                    return ExitCode::from(2);
                }
            }
            if shard.is_some() {
                if format == Format::Text {
                    let runs: u64 = tally.points.iter().filter_map(|p| p.tally.as_ref()).map(|t| t.runs).sum();
                    println!("shard {}: {runs} run(s) in {:.2} s{}", vary, elapsed.as_secs_f64(), out.as_ref().map(|p| format!(" → {}", p.display())).unwrap_or_default());
                } else {
                    println!("{}", serde_json::to_string_pretty(&tally).expect("a tally serializes"));
                }
                return ExitCode::SUCCESS;
            }
            print_sweep(&tally, &l, format)
        }
    }
}

fn print_sweep(tally: &SweepTally, l: &Located, format: Format) -> ExitCode {
    let report = match tally.report(&l.ws, &l.root, &l.load_dir, &l.load, &Account::default()) {
        Ok(r) => r,
        Err(e) => return load_failed(e),
    };
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report).expect("a report serializes")),
        Format::Text => {
            println!("sweep of load {} · {} · seed {} · {} run(s) per point", report.load, report.vary, report.seed, report.replications);
            let queues: Vec<String> = report.points.first().map(|p| p.report.queues.iter().filter(|q| !q.unlimited).map(|q| q.queue.clone()).collect()).unwrap_or_default();
            for q in &queues {
                println!();
                println!("queue {q}");
                println!("  {:<10} {:>8} {:>8} {:>7} {:>6} {:>8} {:>8} {:>9} {:>8}", "value", "offered", "answered", "SL", "ASA", "abandon", "occup.", "timeouts", "longest");
                for p in &report.points {
                    if let Some(m) = p.report.queues.iter().find(|x| &x.queue == q).map(|x| &x.day) {
                        println!(
                            "  {:<10} {:>8} {:>8} {:>7} {:>6} {:>8} {:>8} {:>9} {:>7.0}s",
                            p.value,
                            m.offered,
                            m.answered,
                            pct(m.service_level),
                            secs(m.asa_s),
                            pct(m.abandonment_rate),
                            pct(m.occupancy),
                            m.max_time_in_queue,
                            m.longest_wait_s
                        );
                    }
                }
            }
            println!();
            println!("outcomes by point:");
            for p in &report.points {
                let o: Vec<String> = p.report.outcomes.iter().map(|(k, v)| format!("{k} {v}")).collect();
                println!("  {:<10} {}", p.value, o.join(", "));
            }
        }
    }
    ExitCode::SUCCESS
}

pub fn merge(args: MergeArgs) -> ExitCode {
    let mut parts = Vec::new();
    for f in &args.files {
        let text = match planwright::plan_file::read_text(f) {
            Ok(t) => t,
            Err(e) => return fail(format!("{}: cannot read: {e}", f.display())),
        };
        match serde_json::from_str::<SweepTally>(&text) {
            Ok(t) => parts.push(t),
            Err(e) => return fail(format!("{}: not a sweep shard: {e}", f.display())),
        }
    }
    let merged = match SweepTally::merge(&parts) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    if let Some(path) = &args.out {
        let text = serde_json::to_string(&merged).expect("a tally serializes") + "\n";
        if let Err(e) = planwright::plan_file::write_atomic(path, text.as_bytes()) {
            return fail(format!("--out {}: {e}", path.display()));
        }
    }
    let target = Target { load: Some(merged.load.clone()), plans: Some(args.plans.clone()) };
    let l = match locate(&target) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    print_sweep(&merged, &l, args.format)
}
