//! `planwright`: the command-line face of the engine.

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

mod batch_cmd;
mod diff_cmd;
mod load_cmd;
mod parquet_out;
mod render_cmd;
mod route_cmd;
mod runs_cmd;
mod search_cmd;
mod simulate_cmd;
mod test_cmd;
mod versions_cmd;
mod validate_cmd;

#[derive(Parser)]
#[command(name = "planwright", version, about = "Design-time checks and offline simulation of contact-center interaction plans")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Validate plan files or folders of plans (default: plans/).
    ///
    /// Exit codes: 0 when clean or warnings only, 1 on any error, 2 on unreadable input.
    Validate {
        /// Plan files or workspace folders. A file is checked in the context of its folder.
        paths: Vec<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Also print info-level diagnostics (exits that end the run, and the like).
        #[arg(long)]
        info: bool,
    },
    /// Rewrite plan files in canonical form (sorted keys, applets by id), atomically.
    Fmt {
        /// Plan files or folders (default: plans/).
        paths: Vec<std::path::PathBuf>,
        /// Change nothing; exit 1 if a file is not canonical.
        #[arg(long)]
        check: bool,
    },
    /// Print a generated valid Unattended plan of N applets (for benchmarks and canvas checks).
    Generate {
        #[arg(default_value_t = 2000)]
        applets: usize,
    },
    /// Print the applet catalog: every kind, its plan types and exits.
    Catalog {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the JSON Schema of plan files (or of schedule files).
    Schema {
        #[arg(long)]
        schedule: bool,
        /// The JSON Schema of plan test files.
        #[arg(long, conflicts_with = "schedule")]
        test: bool,
        /// The JSON Schema of destination files (destinations/*.json).
        #[arg(long, conflicts_with_all = ["schedule", "test"])]
        destination: bool,
        /// The JSON Schema of mapping files (mappings/*.json).
        #[arg(long, conflicts_with_all = ["schedule", "test", "destination"])]
        mapping: bool,
    },
    /// Simulate one interaction offline, print its step trace, and store the run.
    Simulate(simulate_cmd::Args),
    /// Simulate N interactions from a (distribution) scenario and print their statistics.
    Batch(batch_cmd::Args),
    /// List, show and export stored runs and batches.
    Runs(runs_cmd::Args),
    /// Run plan tests offline (plans/tests/*.json): pass or fail, JUnit XML, exit coverage.
    ///
    /// Exit codes: 0 when every test passes, 1 when one fails, 2 on unreadable input.
    Test(test_cmd::Args),
    /// Compare two versions of a plan: the structure, and the behaviour of the same seeded
    /// batch on both.
    ///
    /// Exit codes: 0 when no interaction behaves differently, 1 when behaviour changed, 2 on
    /// unreadable input.
    Diff(diff_cmd::Args),
    /// List a plan's recorded versions, print one, or record the file as it is now.
    Versions(versions_cmd::Args),
    /// Draw a plan as SVG or PNG (optionally with a diff or a heatmap), without a window.
    Render(render_cmd::Args),
    /// Load: a day of arrivals at the plans, queues with agents and callers' patience, in
    /// simulated time; measures per interval; what-if sweeps, sharded.
    Load(load_cmd::Args),
    /// Where an interaction to an address goes: the mapping that wins and why, production or
    /// testing plan, the data sources it starts with. With no address: destinations,
    /// mappings, plans Mapped or Unmapped, and the checks. Exit 1 when it reaches no plan (or
    /// the overview has errors).
    Route(route_cmd::Args),
    /// Find applets (by label, id, kind or property text), plans, data sources and schedules;
    /// or, with --data-source NAME, every applet that sets it and every one that reads it.
    /// Exit 1 when nothing is found.
    Search(search_cmd::Args),
    /// Combine the shards of a sweep (`planwright load sweep --shard K/N --out FILE`) into
    /// exactly the unsharded result.
    Merge(load_cmd::MergeArgs),
}

/// Lets `planwright … | head` end quietly: a closed pipe ends the process, as for other Unix
/// tools, instead of panicking in `println!`.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default at start-up, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { paths, format, info } => validate_cmd::run(paths, format, info),
        Command::Fmt { paths, check } => validate_cmd::fmt(paths, check),
        Command::Generate { applets } => {
            print!("{}", planwright::plan_file::plan_to_string(&planwright::generate::large_plan(applets.max(1))));
            ExitCode::SUCCESS
        }
        Command::Catalog { format } => validate_cmd::catalog(format),
        Command::Simulate(args) => simulate_cmd::run(args),
        Command::Batch(args) => batch_cmd::run(args),
        Command::Runs(args) => runs_cmd::run(args),
        Command::Test(args) => test_cmd::run(args),
        Command::Diff(args) => diff_cmd::run(args),
        Command::Versions(args) => versions_cmd::run(args),
        Command::Render(args) => render_cmd::run(args),
        Command::Load(args) => load_cmd::run(args),
        Command::Merge(args) => load_cmd::merge(args),
        Command::Route(args) => route_cmd::run(args),
        Command::Search(args) => search_cmd::run(args),
        Command::Schema { schedule, test, destination, mapping } => {
            let text = if destination {
                planwright::destination::json_schemas().0
            } else if mapping {
                planwright::destination::json_schemas().1
            } else if schedule {
                planwright::plan_file::schedule_json_schema()
            } else if test {
                planwright_sim::plan_test::test_json_schema()
            } else {
                planwright::plan_file::plan_json_schema()
            };
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}
