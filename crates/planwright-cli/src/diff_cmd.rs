//! `planwright diff`: what changed between two versions of a plan, structurally (applets,
//! properties, connections, settings) and in behaviour (the same seeded batch on both). Exits 1
//! when behaviour changed, for CI.

use crate::simulate_cmd::{fail, load_plan, load_scenario, StoreArgs};
use crate::Format;
use planwright::diff::{diff_plans, PlanDiff};
use planwright::plan_file::parse_plan;
use planwright::workspace::PlanEntry;
use planwright::{Plan, Workspace};
use planwright_sim::behaviour::{behaviour_diff, BehaviourDiff, CountChange};
use planwright_sim::{Control, Simulation};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A plan id in the plans folder, or the path of a plan file.
    plan: String,
    /// The version before: a plan file, `git:REV` (the plan's file at a git revision, e.g.
    /// `git:HEAD~1`, `git:main`), or `version:N` (version N in the run store, see `versions`).
    #[arg(long)]
    from: String,
    /// The version after, in the same forms (default: the plan's file as it is now).
    #[arg(long)]
    to: Option<String>,
    /// The scenario both versions run (default: the documented defaults).
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// Interactions per version (default: 1,000 for a distribution scenario, else 1).
    #[arg(short = 'n', long = "count")]
    n: Option<u64>,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The plans folder, for a plan given by id.
    #[arg(long, default_value = "plans")]
    plans: PathBuf,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    store: StoreArgs,
}

/// Reads one version of plan `id`, whose file is `file`.
pub fn read_version(spec: &str, id: &str, file: &Path, store: &StoreArgs) -> Result<Plan, String> {
    let text = if let Some(rev) = spec.strip_prefix("git:") {
        git_show(rev, file)?
    } else if let Some(n) = spec.strip_prefix("version:") {
        let n: i64 = n.parse().map_err(|_| format!("{spec}: a version is a number, e.g. version:3"))?;
        let store = store.open()?;
        store.version(id, n).map_err(|e| e.to_string())?.ok_or_else(|| format!("{spec}: plan '{id}' has no version {n} in {}", store.path()))?.text
    } else {
        planwright::plan_file::read_text(Path::new(spec)).map_err(|e| format!("{spec}: cannot read: {e}"))?
    };
    parse_plan(&text).map_err(|e| format!("{spec}: {e}"))
}

/// The text of `file` at git revision `rev`, from the repository that holds it.
fn git_show(rev: &str, file: &Path) -> Result<String, String> {
    let dir = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = file.file_name().ok_or_else(|| format!("{}: not a file", file.display()))?.to_string_lossy();
    if rev.is_empty() || rev.starts_with('-') {
        return Err(format!("git:{rev}: not a revision"));
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{name}"))
        .output()
        .map_err(|e| format!("git:{rev}: cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("git:{rev}: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("git:{rev}: {} is not UTF-8 at that revision", file.display()))
}

/// The workspace with `plan` in place of the plan of the same id.
fn with_version(ws: &Workspace, plan: Plan) -> Workspace {
    let mut plans = ws.plans.clone();
    let path = plans.get(&plan.id).map(|e| e.path.clone()).unwrap_or_else(|| ws.path_for_new(&plan.id));
    plans.insert(plan.id.clone(), PlanEntry { path, plan });
    Workspace { root: ws.root.clone(), plans, schedules: ws.schedules.clone(), schedule_paths: ws.schedule_paths.clone(), problems: Vec::new() }
}

pub fn run(args: Args) -> ExitCode {
    let (ws, id) = match load_plan(&args.plan, &args.plans) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let file = ws.plans[&id].path.clone();
    let before = match read_version(&args.from, &id, &file, &args.store) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let after = match &args.to {
        Some(spec) => match read_version(spec, &id, &file, &args.store) {
            Ok(p) => p,
            Err(e) => return fail(e),
        },
        None => ws.plans[&id].plan.clone(),
    };
    if before.id != after.id {
        return fail(format!("the versions are different plans: '{}' and '{}'", before.id, after.id));
    }
    let scenario = match load_scenario(args.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let n = args.n.unwrap_or(if scenario.vary.is_some() { 1000 } else { 1 });
    let structural = diff_plans(&before, &after);
    let (ws_before, ws_after) = (with_version(&ws, before), with_version(&ws, after));
    let sims = Simulation::new(&ws_before, &id, scenario.clone()).and_then(|a| Ok((a, Simulation::new(&ws_after, &id, scenario)?)));
    let (sim_before, sim_after) = match sims {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let behaviour = behaviour_diff(&sim_before, &sim_after, n, args.seed, args.threads, &Control::default());
    match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "plan": id,
                "from": args.from,
                "to": args.to.as_deref().unwrap_or("current"),
                "structural": structural,
                "layout_only": structural.is_layout_only(),
                "behaviour": behaviour,
                "behaviour_changed": behaviour.changed(),
            });
            println!("{}", serde_json::to_string_pretty(&json).expect("a diff serializes"));
        }
        Format::Text => print_text(&id, &args, &structural, &behaviour, &sim_before, &sim_after),
    }
    if behaviour.changed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn change(c: &CountChange) -> String {
    let delta = c.after as i64 - c.before as i64;
    let sign = if delta > 0 { "+" } else { "" };
    format!("{:>9} {:>9} {:>9}  {}", c.before, c.after, if delta == 0 { "=".to_string() } else { format!("{sign}{delta}") }, c.name)
}

fn print_text(id: &str, args: &Args, s: &PlanDiff, b: &BehaviourDiff, sim_before: &Simulation, sim_after: &Simulation) {
    println!("plan {id}: {} → {}", args.from, args.to.as_deref().unwrap_or("current file"));
    if s.is_empty() {
        println!("structure: no change");
    } else {
        println!("structure{}:", if s.is_layout_only() { " (layout only: positions and names)" } else { "" });
        for line in s.lines() {
            println!("  {line}");
        }
    }
    println!("behaviour: {} interaction(s) each, seed {}", b.interactions, b.seed);
    println!("{:>9} {:>9} {:>9}  outcome", "before", "after", "change");
    for c in &b.outcomes {
        println!("{}", change(c));
    }
    println!("{:>9} {:>9} {:>9}  run end", "before", "after", "change");
    for c in &b.end_reasons {
        println!("{}", change(c));
    }
    let exits: Vec<_> = b.changed_exits().collect();
    if !exits.is_empty() {
        println!("{:>9} {:>9} {:>9}  exit", "before", "after", "change");
        for e in exits {
            println!("{}", change(&CountChange { name: format!("{}/{} → {}", e.plan, e.applet, e.exit), before: e.before, after: e.after }));
        }
    }
    if !b.changed() {
        println!("no interaction behaves differently");
        return;
    }
    println!("{} of {} interaction(s) take another path:", b.paths_differ, b.interactions);
    let show = |p: &Option<planwright_sim::behaviour::PathStep>| p.as_ref().map_or("(the run ends)".to_string(), |p| p.to_string());
    for split in &b.splits {
        println!(
            "  {} at step {}: before {}, after {} (e.g. interaction {})",
            split.interactions,
            split.step,
            show(&split.before),
            show(&split.after),
            split.example
        );
        // The example's two paths from the step before the split.
        for (side, sim) in [("before", sim_before), ("after", sim_after)] {
            let run = sim.run_traced(&sim.instance(b.seed, split.example), &mut Default::default(), &mut planwright_sim::Stats::new(&sim.program));
            let from = split.step.saturating_sub(2) as usize;
            let path: Vec<String> = run.steps.iter().skip(from).take(4).map(|st| format!("{}/{}{}", st.plan, st.applet, st.exit.as_ref().map(|e| format!(" → {e}")).unwrap_or_default())).collect();
            println!("      {side:>6}: {}{}", if from > 0 { "… " } else { "" }, path.join(" · "));
        }
    }
    for c in &b.same_path {
        println!("  {} on the same path with a different {} (e.g. interaction {})", c.interactions, c.what, c.example);
    }
}
