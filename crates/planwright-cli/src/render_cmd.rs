//! `planwright render`: a plan as SVG or PNG without a window, optionally with the diff against
//! another version drawn over it, or a heatmap of a batch's exit counts.

use crate::simulate_cmd::{fail, load_plan, load_scenario, StoreArgs};
use planwright::render::{self, RenderOptions};
use planwright_sim::{run_batch, BatchConfig, Control, KeepRuns, Simulation};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
}

#[derive(clap::Args)]
pub struct Args {
    /// A plan id in the plans folder, or the path of a plan file.
    plan: String,
    #[arg(long, value_enum, default_value_t = ImageFormat::Svg)]
    format: ImageFormat,
    /// Write the image here (atomically); SVG goes to standard output without it.
    #[arg(long, short = 'o')]
    out: Option<PathBuf>,
    /// PNG pixels per canvas unit (2 is print quality for a page).
    #[arg(long, default_value_t = 2.0)]
    scale: f32,
    /// Draw the changes since this version (a plan file, git:REV or version:N, as `diff`).
    #[arg(long)]
    diff_from: Option<String>,
    /// Draw a heatmap of a batch of this scenario (the exits' counts).
    #[arg(long)]
    heat: bool,
    #[arg(long)]
    scenario: Option<PathBuf>,
    #[arg(short = 'n', long = "count", default_value_t = 1000)]
    n: u64,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    #[arg(long, default_value = "plans")]
    plans: PathBuf,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> ExitCode {
    let (ws, id) = match load_plan(&args.plan, &args.plans) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let plan = ws.plans[&id].plan.clone();
    let mut options = RenderOptions::default();
    if let Some(spec) = &args.diff_from {
        let before = match crate::diff_cmd::read_version(spec, &id, &ws.plans[&id].path, &args.store) {
            Ok(p) => p,
            Err(e) => return fail(e),
        };
        let d = planwright::diff::diff_plans(&before, &plan);
        let ghosts = d.applets_removed.iter().filter_map(|r| before.applets.iter().find(|a| a.id == r.id).cloned()).collect();
        options.diff = Some((d, ghosts));
    }
    if args.heat {
        let scenario = match load_scenario(args.scenario.as_deref()) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let sim = match Simulation::new(&ws, &id, scenario) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let result = run_batch(&sim, &BatchConfig { n: args.n, seed: args.seed, threads: 0, keep: KeepRuns::None }, &Control::default(), &|_| {});
        let report = sim.report(&result.stats);
        let heat: BTreeMap<(String, String), u64> = report.exits.iter().filter(|e| e.plan == id).map(|e| ((e.applet.clone(), e.exit.clone()), e.count)).collect();
        options.heat = Some(heat);
    }
    let svg = render::svg(&plan, &ws.schedules, &options);
    let bytes = match args.format {
        ImageFormat::Svg => svg.into_bytes(),
        ImageFormat::Png => match render::png(&svg, args.scale) {
            Ok(b) => b,
            Err(e) => return fail(e),
        },
    };
    match &args.out {
        Some(path) => match planwright::plan_file::write_atomic(path, &bytes) {
            Ok(()) => {
                eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        None if args.format == ImageFormat::Png => fail("a PNG needs --out FILE"),
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&bytes);
            ExitCode::SUCCESS
        }
    }
}
