//! `planwright validate` and `planwright catalog`.

use crate::Format;
use planwright::catalog::{self, ExitSpec};
use planwright::validate::{validate_context, Context};
use planwright::{Diagnostic, Severity, Workspace};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Serialize)]
struct FileDiagnostic {
    file: String,
    #[serde(flatten)]
    diagnostic: Diagnostic,
}

#[derive(Serialize)]
struct Unreadable {
    file: String,
    code: &'static str,
    message: String,
}

#[derive(Serialize, Default)]
struct Summary {
    plans: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    unreadable: usize,
}

#[derive(Serialize, Default)]
struct Report {
    diagnostics: Vec<FileDiagnostic>,
    unreadable: Vec<Unreadable>,
    summary: Summary,
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    canon(a) == canon(b)
}

/// Validates one path into the report: a folder as a whole workspace, a file in the context
/// of its folder (reporting that file only).
fn validate_path(path: &Path, report: &mut Report) {
    let (root, only_file) = if path.is_dir() {
        (path.to_path_buf(), None)
    } else if path.is_file() {
        (path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf(), Some(path))
    } else {
        // Not a file or a folder that can be followed: say why (missing, a broken link, …).
        let source = planwright::plan_file::read_text(path).err().unwrap_or(planwright::error::ReadError::NotRegular);
        let e = planwright::Error::Read { path: path.to_path_buf(), source };
        report.unreadable.push(Unreadable { file: path.display().to_string(), code: e.code(), message: e.to_string() });
        return;
    };
    let ws = match Workspace::load(&root) {
        Ok(ws) => ws,
        Err(e) => {
            report.unreadable.push(Unreadable { file: path.display().to_string(), code: e.code(), message: e.to_string() });
            return;
        }
    };
    for problem in &ws.problems {
        let file = problem.path().map(Path::to_path_buf).unwrap_or_default();
        if only_file.is_none_or(|f| same_file(f, &file)) {
            report.unreadable.push(Unreadable { file: file.display().to_string(), code: problem.code(), message: problem.to_string() });
        }
    }
    let only_plan = only_file.and_then(|f| ws.plan_at(f)).map(|p| p.id.clone());
    if only_file.is_some() && only_plan.is_none() {
        return;
    }
    if only_file.is_none() {
        routing_findings(&ws, report);
    }
    let ctx = Context::of_workspace(&ws);
    report.summary.plans += if only_plan.is_some() { 1 } else { ws.plans.len() };
    let mut diagnostics = validate_context(&ctx, only_plan.as_deref());
    diagnostics.sort_by(|a, b| (&a.plan, a.severity, &a.applet, a.code).cmp(&(&b.plan, b.severity, &b.applet, b.code)));
    for d in diagnostics {
        let file = ws.plans.get(&d.plan).map(|e| e.path.display().to_string()).unwrap_or_default();
        report.diagnostics.push(FileDiagnostic { file, diagnostic: d });
    }
}

/// The workspace's destinations and mappings: unreadable files, and the design-time checks
/// against the plans, reported like plan diagnostics (the item's id in place of a plan).
fn routing_findings(ws: &Workspace, report: &mut Report) {
    use planwright::destination::{check, Routing};
    let routing = Routing::load(&ws.root);
    for (path, message) in &routing.problems {
        report.unreadable.push(Unreadable { file: path.display().to_string(), code: "destination-or-mapping-invalid", message: message.clone() });
    }
    let plans = ws.plans.iter().map(|(id, e)| (id.clone(), e.plan.clone())).collect();
    for f in check(&routing, &plans) {
        let id = f.file.trim_end_matches(".json").rsplit('/').next().unwrap_or_default().to_string();
        let file = if f.file.ends_with(".json") { ws.root.join(&f.file).display().to_string() } else { ws.plans.get(&f.file).map(|e| e.path.display().to_string()).unwrap_or_default() };
        let diagnostic = Diagnostic { severity: f.severity, code: f.code, plan: id, applet: None, exit: None, field: Some(f.field), data_source: None, message: f.message, hint: String::new() };
        report.diagnostics.push(FileDiagnostic { file, diagnostic });
    }
}

pub fn run(paths: Vec<PathBuf>, format: Format, show_info: bool) -> ExitCode {
    let paths = if paths.is_empty() { vec![PathBuf::from("plans")] } else { paths };
    let mut report = Report::default();
    for p in &paths {
        validate_path(p, &mut report);
    }
    for d in &report.diagnostics {
        match d.diagnostic.severity {
            Severity::Error => report.summary.errors += 1,
            Severity::Warning => report.summary.warnings += 1,
            Severity::Info => report.summary.infos += 1,
        }
    }
    report.summary.unreadable = report.unreadable.len();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report).expect("the report serializes")),
        Format::Text => {
            for u in &report.unreadable {
                println!("{}: error {}: {}", u.file, u.code, strip_file_prefix(&u.message, &u.file));
            }
            for FileDiagnostic { file, diagnostic: d } in &report.diagnostics {
                if d.severity == Severity::Info && !show_info {
                    continue;
                }
                let place = match &d.applet {
                    Some(a) => format!("{}/{a}", d.plan),
                    None => d.plan.clone(),
                };
                let exit = d.exit.as_deref().map(|e| format!(" [exit {e}]")).unwrap_or_default();
                println!("{file}: {place}: {} {}: {}{exit}", d.severity, d.code, d.message);
            }
            let s = &report.summary;
            eprintln!(
                "{} plan(s): {} error(s), {} warning(s), {} info{}, {} unreadable file(s)",
                s.plans,
                s.errors,
                s.warnings,
                s.infos,
                if show_info || s.infos == 0 { "" } else { " (shown with --info)" },
                s.unreadable
            );
        }
    }
    if report.summary.unreadable > 0 {
        ExitCode::from(2)
    } else if report.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn strip_file_prefix<'a>(message: &'a str, file: &str) -> &'a str {
    message.strip_prefix(file).and_then(|m| m.strip_prefix(": ")).unwrap_or(message)
}

pub fn catalog(format: Format) -> ExitCode {
    let all = catalog::all();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&all).expect("the catalog serializes")),
        Format::Text => {
            for k in all {
                let types: Vec<&str> = k.plan_types.iter().map(|t| t.as_str()).collect();
                let exits = match &k.exits {
                    ExitSpec::Fixed { exits } => exits.join(", "),
                    ExitSpec::Derived { from, then } => format!("{from}, then {}", then.join(", ")),
                    ExitSpec::None => "none (the target plan takes over)".into(),
                };
                println!(
                    "{:<26} {:<11} {:<9} plans: {:<28} exits: {exits}",
                    k.display_name,
                    format!("{:?}", k.category),
                    if k.live_only { "live-only" } else { "" },
                    types.join(", "),
                );
            }
        }
    }
    ExitCode::SUCCESS
}

/// Plan files named by `paths` (folders give their `*.json` plans).
fn plan_files(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let paths = if paths.is_empty() { vec![PathBuf::from("plans")] } else { paths };
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            // Unreadable entries are listed too, so that fmt says why each cannot be read.
            out.extend(planwright::workspace::json_files(&p).unwrap_or_default());
        } else {
            out.push(p);
        }
    }
    out
}

pub fn fmt(paths: Vec<PathBuf>, check: bool) -> ExitCode {
    let mut unreadable = false;
    let mut differs = false;
    for path in plan_files(paths) {
        let text = match planwright::plan_file::read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: error {}: cannot read: {e}", path.display(), e.code());
                unreadable = true;
                continue;
            }
        };
        let plan = match planwright::plan_file::parse_plan(&text) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{}: error {}: {e}", path.display(), e.code());
                unreadable = true;
                continue;
            }
        };
        let canonical = planwright::plan_file::plan_to_string(&plan);
        if canonical == text {
            continue;
        }
        differs = true;
        if check {
            println!("{}: not in canonical form", path.display());
        } else if let Err(e) = planwright::plan_file::save_plan(&path, &plan) {
            // The message names the file; a full disk or read-only folder has its own code.
            eprintln!("error {}: {e}", e.code());
            unreadable = true;
        } else {
            println!("{}: rewritten", path.display());
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if check && differs {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
