//! `planwright versions`: the recorded versions of a plan (every save in the desktop, and the
//! contents found on disk), one version's text, and recording the plan's file as it is now.

use crate::simulate_cmd::{fail, load_plan, now, StoreArgs};
use crate::Format;
use planwright_store::versions::VersionSource;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A plan id in the plans folder, or the path of a plan file.
    plan: String,
    /// The plans folder, for a plan given by id.
    #[arg(long, default_value = "plans")]
    plans: std::path::PathBuf,
    /// Print the canonical text of version N instead of the list.
    #[arg(long)]
    show: Option<i64>,
    /// Record the plan's file as it is now as a version (when its content is new), with this
    /// message.
    #[arg(long)]
    record: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: Args) -> ExitCode {
    let (ws, id) = match load_plan(&args.plan, &args.plans) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Some(message) = &args.record {
        let text = planwright::plan_file::plan_to_string(&ws.plans[&id].plan);
        match store.record_version(&id, &text, VersionSource::Outside, message, &now()) {
            Ok(Some(v)) => println!("recorded version {} of {id}", v.number),
            Ok(None) => println!("{id}: the file holds the latest version already"),
            Err(e) => return fail(e),
        }
        return ExitCode::SUCCESS;
    }
    if let Some(n) = args.show {
        return match store.version(&id, n) {
            Ok(Some(v)) => {
                print!("{}", v.text);
                ExitCode::SUCCESS
            }
            Ok(None) => fail(format!("plan '{id}' has no version {n}")),
            Err(e) => fail(e),
        };
    }
    let list = match store.versions(&id) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&list).expect("versions serialize")),
        Format::Text => {
            if list.is_empty() {
                println!("{id}: no versions recorded in {}", store.path());
            }
            for v in &list {
                let message = if v.message.is_empty() { String::new() } else { format!("  {}", v.message) };
                println!("{:>4}  {}  {:<7}  {}  {:>7} B{message}", v.number, v.saved_at, v.source.as_str(), &v.hash[..12], v.bytes);
            }
        }
    }
    ExitCode::SUCCESS
}
