//! The TypeScript side of the IPC boundary, generated from Rust into two files:
//! - `ui/src/ipc/bindings.ts`: every transport type (ts-rs);
//! - `ui/src/ipc/commands.ts`: the typed client of every command, from the one declaration of
//!   the command set (`command_set.rs`).
//!
//! The tests fail when a committed file differs from what the Rust side generates (run them
//! with `PLANWRIGHT_UPDATE_BINDINGS=1` to rewrite the files), and when the capability of the
//! window (`src-tauri/capabilities/main.json`) does not grant exactly the declared commands
//! (the same run rewrites its grants, in command-set order; its other permissions stay).

use crate::batch::*;
use crate::behaviour::*;
use crate::dto::*;
use crate::jobs::*;
use crate::load::*;
use crate::plan_tests::*;
use crate::routing::*;
use crate::scenarios::Scenario;
use crate::search::*;
use planwright::destination::{Destination, Mapping, Resolution};
use crate::simulate::*;
use crate::try_it::*;
use planwright::model::AppletKind;
use ts_rs::{Config, TypeVisitor, TS};

/// The paths of the generated files, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";
pub const COMMANDS_PATH: &str = "ui/src/ipc/commands.ts";
/// The capability that grants the window its commands.
pub const CAPABILITY_PATH: &str = "src-tauri/capabilities/main.json";

include!("command_set.rs");

/// One declared command: its name, its arguments (name, TypeScript type) and what it returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSig {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
    pub kind: CommandKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandKind {
    /// A single call into `Session`.
    Call,
    /// Prepared by `Session`, run as a job reporting `JobEvent`s.
    Job,
    /// A single call into `Jobs`.
    JobControl,
}

macro_rules! signatures {
    (
        commands { $( $c:ident ( $( $ca:ident : $ct:ty ),* ) -> $cr:ty ; )* }
        jobs { $( $j:ident ( $( $ja:ident : $jt:ty ),* ) -> $jr:ty ; )* }
        job_control { $( $k:ident ( $( $ka:ident : $kt:ty ),* ) -> $kr:ty ; )* }
    ) => {
        pub fn commands() -> Vec<CommandSig> {
            let cfg = &config();
            vec![
                $( CommandSig { name: stringify!($c), args: vec![$( (stringify!($ca), <$ct as TS>::name(cfg)) ),*], returns: <$cr as TS>::name(cfg), kind: CommandKind::Call }, )*
                $( CommandSig { name: stringify!($j), args: vec![$( (stringify!($ja), <$jt as TS>::name(cfg)) ),*], returns: <$jr as TS>::name(cfg), kind: CommandKind::Job }, )*
                $( CommandSig { name: stringify!($k), args: vec![$( (stringify!($ka), <$kt as TS>::name(cfg)) ),*], returns: <$kr as TS>::name(cfg), kind: CommandKind::JobControl }, )*
            ]
        }
    };
}
command_set!(signatures);

macro_rules! roots {
    (
        commands { $( $c:ident ( $( $ca:ident : $ct:ty ),* ) -> $cr:ty ; )* }
        jobs { $( $j:ident ( $( $ja:ident : $jt:ty ),* ) -> $jr:ty ; )* }
        job_control { $( $k:ident ( $( $ka:ident : $kt:ty ),* ) -> $kr:ty ; )* }
    ) => {
        /// Visits every type a command takes or answers.
        fn visit_commands(v: &mut impl TypeVisitor) {
            $( $( v.visit::<$ct>(); <$ct as TS>::visit_generics(v); )* v.visit::<$cr>(); <$cr as TS>::visit_generics(v); )*
            $( $( v.visit::<$jt>(); <$jt as TS>::visit_generics(v); )* v.visit::<$jr>(); <$jr as TS>::visit_generics(v); )*
            $( $( v.visit::<$kt>(); <$kt as TS>::visit_generics(v); )* v.visit::<$kr>(); <$kr as TS>::visit_generics(v); )*
        }
    };
}
command_set!(roots);

/// The declared types reachable from the commands (and the events of jobs), each once, by
/// name: derived from the command set, never listed by hand.
struct Reachable<'c> {
    cfg: &'c Config,
    seen: std::collections::BTreeSet<std::any::TypeId>,
    decls: std::collections::BTreeMap<String, String>,
}

impl TypeVisitor for Reachable<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Declared types have a file of their own; primitives and containers do not (their
        // parameters are visited as generics).
        if T::output_path().is_none() || !self.seen.insert(std::any::TypeId::of::<T>()) {
            return;
        }
        self.decls.insert(T::ident(self.cfg), format!("export {}", T::decl(self.cfg)));
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

fn reachable(cfg: &Config) -> std::collections::BTreeMap<String, String> {
    let mut v = Reachable { cfg, seen: Default::default(), decls: Default::default() };
    visit_commands(&mut v);
    // Sent through a job's channel, not answered.
    v.visit::<JobEvent>();
    // Sent by the file watcher as window events.
    v.visit::<ExternalChange>();
    v.visit::<DiskChange>();
    // Named by a `#[ts(type = …)]` override, which hides the type from the visit.
    v.visit::<Severity>();
    v.decls
}

fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Every exported type: its name and declaration. The domain lists first, then every type
/// the commands reach, by name.
fn types() -> Vec<(String, String)> {
    let cfg = config();
    let kinds: Vec<String> = AppletKind::ALL.iter().map(|k| format!("\"{}\"", k.as_str())).collect();
    let mut out = vec![("AppletKind".to_string(), format!("/** Every applet kind of the catalog. */\nexport type AppletKind = {};", kinds.join(" | ")))];
    // Domain facts the window lists, from the engine (never retyped in TypeScript).
    let quoted = |items: &mut dyn Iterator<Item = &str>| items.map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
    out.push((
        "OUTCOMES".into(),
        format!(
            "/** The InteractionOutcome values the platform fills in (planwright::offers::OUTCOMES). */\nexport const OUTCOMES = [{}] as const;",
            quoted(&mut planwright::offers::OUTCOMES.iter().copied())
        ),
    ));
    out.push((
        "LIVE_ONLY_KINDS".into(),
        format!(
            "/** The applet kinds that need a live interaction (the catalog's live-only ones): a scenario scripts their results. */\nexport const LIVE_ONLY_KINDS: readonly AppletKind[] = [{}];",
            quoted(&mut AppletKind::ALL.iter().filter(|k| planwright::catalog::is_live_only(**k)).map(|k| k.as_str()))
        ),
    ));
    out.push((
        "HANG_UPS".into(),
        format!(
            "/** The live-script shorthands that mean the caller hangs up in the applet (planwright_sim::scenario::HANG_UPS). */\nexport const HANG_UPS: readonly string[] = [{}];",
            quoted(&mut planwright_sim::scenario::HANG_UPS.iter().copied())
        ),
    ));
    // The engine's defaults of a scenario and of its variation: what a scenario file leaving a
    // field out means, for the window's new scenario and batch forms.
    out.push((
        "DEFAULT_SCENARIO".into(),
        format!(
            "/** A scenario with every field at its default (planwright_sim::Scenario::default()). */\nexport const DEFAULT_SCENARIO: Scenario = {};",
            serde_json::to_string(&Scenario::default()).expect("a scenario serializes")
        ),
    ));
    out.push((
        "DEFAULT_VARIATION".into(),
        format!(
            "/** A variation that varies nothing (planwright_sim::scenario::Variation::default()). */\nexport const DEFAULT_VARIATION: Variation = {};",
            serde_json::to_string(&planwright_sim::scenario::Variation::default()).expect("a variation serializes")
        ),
    ));
    // A new plan's own fields: test fixtures and generated plans start from it, so a new plan
    // field is never retyped in TypeScript.
    out.push((
        "NEW_PLAN_SETTINGS".into(),
        format!(
            "/** The settings of a new, empty Unattended plan (planwright::Plan::new). */\nexport const NEW_PLAN_SETTINGS: PlanSettings = {};",
            serde_json::to_string(&plan_settings(&planwright::Plan::new("", "", planwright::model::PlanType::Unattended))).expect("settings serialize")
        ),
    ));
    out.extend(reachable(&cfg));
    out
}

const HEADER: &str = "// Generated by crates/planwright-api from the Rust side. Do not edit:\n\
                      // run `PLANWRIGHT_UPDATE_BINDINGS=1 cargo test -p planwright-api bindings` instead.\n\n";

/// The whole of `bindings.ts`.
pub fn typescript() -> String {
    let mut out = String::from(HEADER);
    for (_, d) in types() {
        out.push_str(d.trim_end());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// `snake_case` → `camelCase`, as Tauri names command arguments on the JavaScript side.
fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole of `commands.ts`: the typed client of every declared command.
pub fn client() -> String {
    let mut body = String::new();
    for c in commands() {
        let mut params: Vec<String> = c.args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
        let names: Vec<String> = c.args.iter().map(|(n, _)| camel(n)).collect();
        let args = if names.is_empty() { String::new() } else { format!(", {{ {} }}", names.join(", ")) };
        let call = match c.kind {
            CommandKind::Job => {
                params.push("onEvent: (e: JobEvent) => void".into());
                format!("job<{}>('{}', onEvent{args})", c.returns, c.name)
            }
            _ => format!("call<{}>('{}'{args})", c.returns, c.name),
        };
        body.push_str(&format!("    {}: ({}) => {call},\n", camel(c.name), params.join(", ")));
    }
    let used: Vec<String> = types().into_iter().map(|(n, _)| n).filter(|n| contains_word(&body, n)).collect();
    format!(
        "{HEADER}import type {{ {} }} from './bindings';\n\n\
         /** Sends one command and resolves with its answer (the shell's `invoke`). */\n\
         export type Call = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;\n\
         /** Runs a job command, passing its events to `onEvent` (a Tauri channel). */\n\
         export type RunJob = <T>(cmd: string, onEvent: (e: JobEvent) => void, args?: Record<string, unknown>) => Promise<T>;\n\n\
         /** Every command of the desktop shell, typed. */\n\
         export function commands(call: Call, job: RunJob) {{\n  return {{\n{body}  }};\n}}\n\n\
         export type Commands = ReturnType<typeof commands>;\n",
        used.join(", ")
    )
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let after = text[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        before && after
    })
}

/// The command permissions the window's capability must grant (`allow-<command>`, as
/// tauri-build names them).
pub fn permissions() -> Vec<String> {
    commands().iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn repo(path: &str) -> PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
    }

    fn check(path: &str, want: &str) {
        let file = repo(path);
        if std::env::var_os("PLANWRIGHT_UPDATE_BINDINGS").is_some() {
            std::fs::write(&file, want).unwrap();
        }
        let have = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(have == want, "{path} is out of date with the Rust side: run `PLANWRIGHT_UPDATE_BINDINGS=1 cargo test -p planwright-api bindings`");
    }

    #[test]
    fn bindings_are_current() {
        check(BINDINGS_PATH, &typescript());
        check(COMMANDS_PATH, &client());
    }

    /// The capability with its command grants (`allow-…`) replaced by exactly the declared
    /// commands, in command-set order; every other permission kept where it is.
    fn capability(text: &str) -> serde_json::Value {
        let mut cap: serde_json::Value = serde_json::from_str(text).unwrap();
        let granted = cap["permissions"].as_array().unwrap();
        let mut list: Vec<serde_json::Value> = granted.iter().filter(|p| !p.as_str().is_some_and(|p| p.starts_with("allow-"))).cloned().collect();
        list.extend(permissions().into_iter().map(serde_json::Value::String));
        cap["permissions"] = serde_json::Value::Array(list);
        cap
    }

    #[test]
    fn bindings_the_capability_grants_exactly_the_declared_commands() {
        let file = repo(CAPABILITY_PATH);
        let want = capability(&std::fs::read_to_string(&file).unwrap());
        if std::env::var_os("PLANWRIGHT_UPDATE_BINDINGS").is_some() {
            std::fs::write(&file, serde_json::to_string_pretty(&want).unwrap() + "\n").unwrap();
        }
        let have: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(
            have, want,
            "{CAPABILITY_PATH} must grant exactly the commands of command_set.rs: run `PLANWRIGHT_UPDATE_BINDINGS=1 cargo test -p planwright-api bindings`"
        );
    }

    #[test]
    fn bindings_commands_are_unique_and_snake_case() {
        let mut names: Vec<&str> = commands().iter().map(|c| c.name).collect();
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
        assert_eq!(camel("base_revision"), "baseRevision");
    }
}
