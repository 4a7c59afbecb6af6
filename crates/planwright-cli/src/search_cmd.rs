//! `planwright search`: what in the plans folder matches a query (applets by label, id, kind or
//! property text, plans, data sources, schedules), best first; or, with `--data-source`, every
//! applet that sets a data source and every one that reads it.

use crate::Format;
use planwright::search::{data_source_uses, search, HitKind};
use planwright::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Words to find (each must be in the same field; case is ignored).
    #[arg(required_unless_present = "data_source")]
    pub query: Option<String>,
    /// Where this data source is set and read, instead.
    #[arg(long, conflicts_with = "query")]
    pub data_source: Option<String>,
    /// The most hits shown.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, default_value = "plans")]
    pub plans: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args) -> ExitCode {
    let ws = match Workspace::load(&args.plans) {
        Ok(ws) => ws,
        Err(e) => return crate::simulate_cmd::fail(e),
    };
    let plans = || ws.plans.values().map(|e| &e.plan);
    if let Some(name) = &args.data_source {
        let uses = data_source_uses(plans(), name);
        match args.format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&uses).expect("uses serialize")),
            Format::Text => {
                println!("{}: set by {}, read by {}", uses.name, uses.set_by.len(), uses.read_by.len());
                for u in &uses.set_by {
                    println!("  set by   {}/{}  {}", u.plan, u.applet, u.label);
                }
                for u in &uses.read_by {
                    println!("  read by  {}/{}  {}  ({})", u.plan, u.applet, u.label, u.field_label);
                }
            }
        }
        return if uses.set_by.is_empty() && uses.read_by.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS };
    }
    let hits = search(plans(), &ws.schedules, args.query.as_deref().unwrap_or_default(), args.limit);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&hits).expect("hits serialize")),
        Format::Text => {
            for h in &hits {
                let at = match h.kind {
                    HitKind::Applet => format!("{}/{}", h.plan.as_deref().unwrap_or(""), h.applet.as_deref().unwrap_or("")),
                    HitKind::Plan => h.plan.clone().unwrap_or_default(),
                    HitKind::DataSource | HitKind::Schedule => h.name.clone().unwrap_or_default(),
                };
                let kind = format!("{:?}", h.kind).to_lowercase();
                println!("{kind:<11} {at:<40} {}  ({})", h.title, h.matched);
            }
            println!("{} hit(s)", hits.len());
        }
    }
    if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
