//! `planwright route`: where an interaction to an address goes (the mapping that wins and
//! why, production or testing plan, the data sources it starts with), or, with no address,
//! the workspace's destinations, mappings, plans Mapped or Unmapped, and the checks.

use crate::simulate_cmd::fail;
use crate::Format;
use planwright::destination::{check, resolve, Level, Resolution, Routing};
use planwright::{Plan, Severity, Workspace};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The address dialled or written to (a phone number or an API address). Left out: the
    /// overview of destinations, mappings and plans.
    pub address: Option<String>,
    /// Where the interaction comes from (the caller's number): a test interaction when the
    /// winning mapping lists it as an interaction source.
    #[arg(long = "from")]
    pub source: Option<String>,
    #[arg(long, default_value = "plans")]
    pub plans: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Destination => "destination",
        Level::Mapping => "mapping",
        Level::Plan => "plan",
    }
}

pub fn print_resolution(r: &Resolution) {
    match &r.plan {
        Some(p) => println!("{} → plan {p}{}", r.address.trim(), if r.testing { " (testing plan)" } else { "" }),
        None => println!("{} → no plan", r.address.trim()),
    }
    for why in &r.reasons {
        println!("  because {why}");
    }
    if !r.data_sources.is_empty() {
        println!("  starts with:");
        for v in &r.data_sources {
            let shadowed = if v.shadowed.is_empty() {
                String::new()
            } else {
                format!(" (the {}'s value not applied)", v.shadowed.iter().map(|l| level(*l)).collect::<Vec<_>>().join("'s and "))
            };
            println!("    {} = {}  [{}]{shadowed}", v.name, v.value, level(v.level));
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let ws = match Workspace::load(&args.plans) {
        Ok(ws) => ws,
        Err(e) => return fail(e),
    };
    let routing = Routing::load(&args.plans);
    for (path, why) in &routing.problems {
        eprintln!("error: {}: {why}", path.display());
    }
    let plans: BTreeMap<String, Plan> = ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect();
    let findings = check(&routing, &plans);
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count() + routing.problems.len();
    if let Some(address) = &args.address {
        let r = resolve(&routing, &plans, address, args.source.as_deref());
        match args.format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&r).expect("a resolution serializes")),
            Format::Text => print_resolution(&r),
        }
        return if r.plan.is_some() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    }
    let mapped: Vec<(&String, bool)> = plans.keys().map(|id| (id, routing.is_mapped(id))).collect();
    match args.format {
        Format::Json => {
            let out = serde_json::json!({
                "destinations": routing.destinations.values().collect::<Vec<_>>(),
                "mappings": routing.mappings.values().collect::<Vec<_>>(),
                "plans": mapped.iter().map(|(id, m)| serde_json::json!({"plan": id, "mapped": m})).collect::<Vec<_>>(),
                "findings": findings,
            });
            println!("{}", serde_json::to_string_pretty(&out).expect("an overview serializes"));
        }
        Format::Text => {
            println!("destinations:");
            let index = planwright::destination::Index::new(&routing);
            for d in routing.destinations.values() {
                let maps: Vec<String> = index.ranked(&d.address).iter().map(|m| format!("{} ({})", m.id, m.priority)).collect();
                println!("  {:<4} {:<24} {:<28} mappings: {}", format!("{:?}", d.kind).to_uppercase(), d.address, d.name, if maps.is_empty() { "none".into() } else { maps.join(", ") });
            }
            println!("mappings:");
            for m in routing.mappings.values() {
                println!(
                    "  {:<16} priority {:>5} · {} → {}{}",
                    m.id,
                    m.priority,
                    m.destinations.join(", "),
                    m.production_plan,
                    m.testing_plan.as_ref().map(|t| format!(" (testing: {t} from {})", m.interaction_sources.join(", "))).unwrap_or_default()
                );
            }
            println!("plans:");
            for (id, m) in &mapped {
                println!("  {:<24} {}", id, if *m { "Mapped" } else { "Unmapped" });
            }
            for f in &findings {
                println!("{}: {} {}: {} [{}]", f.file, f.severity, f.code, f.message, f.field);
            }
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
