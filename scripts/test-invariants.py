#!/usr/bin/env python3
"""Shows that every check of scripts/check-invariants.sh can fail: on a copy of the repository
(the files git knows, as they are in the work tree), each case breaks one invariant, runs the
check, and expects exit 1 naming that invariant; then it puts the file back. The clean copy
must pass first. The cargo tree checks run in the cases that need them; the rest run without
cargo on PATH (the check then skips `cargo tree`, which is slow), so the run takes seconds.

Run from anywhere: python3 scripts/test-invariants.py
"""

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NO_CARGO = {**os.environ, "PATH": "/usr/local/bin:/usr/bin:/bin"}

RUST_CLOCK = "\npub fn now_ms() -> u128 { std::time::Instant::now().elapsed().as_millis() }\n"

# (what breaks, file, how: ("append", text) | ("replace", old, new) | ("create", text), the
# message the check must print, whether cargo is needed)
CASES = [
    ("NodeIndex leaves graph.rs", "crates/planwright/src/model.rs", ("append", "\npub type Leak = petgraph::graph::NodeIndex;\n"), "NodeIndex outside", False),
    ("an engine crate depends on Tauri", "crates/planwright/Cargo.toml", ("append", '\n[dependencies.tauri]\nversion = "2"\n'), "depends on a GUI crate", False),
    ("src-tauri becomes a default member", "Cargo.toml", ("replace", "default-members = [", 'default-members = ["src-tauri", '), "src-tauri is a default member", False),
    ("a Tauri command outside src-tauri", "crates/planwright-api/src/settings.rs", ("append", "\n#[tauri::command]\npub fn leaked() {}\n"), "#[tauri::…] outside src-tauri", False),
    ("the simulator reads the clock", "crates/planwright-sim/src/rng.rs", ("append", RUST_CLOCK), "the simulator reads the clock", False),
    ("the simulator reads the clock after its test module", "crates/planwright-sim/src/scenario.rs", ("append", RUST_CLOCK), "the simulator reads the clock", False),
    ("the simulator opens a file", "crates/planwright-sim/src/rng.rs", ("append", '\npub fn peek() { let _ = std::fs::File::open("x"); }\n'), "the simulator does I/O", False),
    ("the simulator looks at the file system", "crates/planwright-sim/src/rng.rs", ("append", '\npub fn taken(p: &std::path::Path) -> bool { p.join("t.json").exists() }\n'), "the simulator does I/O", False),
    ("the simulator depends on rand", "crates/planwright-sim/Cargo.toml", ("append", '\n[dependencies.rand]\nversion = "0.8"\n'), "depends on randomness", False),
    ("a plain fs::write", "crates/planwright/src/model.rs", ("append", '\npub fn dump() { let _ = std::fs::write("x", b"y"); }\n'), "a plain fs::write", False),
    ("the engine reads the clock", "crates/planwright/src/model.rs", ("append", RUST_CLOCK), "the engine or the run store reads the clock", False),
    ("the CLI reads the clock elsewhere", "crates/planwright-cli/src/route_cmd.rs", ("append", RUST_CLOCK), "the CLI reads the clock", False),
    ("the interpreter names an exit", "crates/planwright-sim/src/interp.rs", ("append", "\npub fn named() { let _ = planwright::catalog::exits; }\n"), "the interpreter names exits", False),
    ("code matches on a message", "crates/planwright-api/src/settings.rs", ("append", '\npub fn by_text(e: &crate::ApiError) -> bool { e.message.contains("full") }\n'), "matches on a message", False),
    ("the Unattended palette typed by hand", "crates/planwright/src/model.rs", ("append", '\npub const PALETTE: &str = "Data Connector, Data Router";\n'), "a list of applet kinds written by hand", False),
    ("a match over kinds ends in a catch-all", "crates/planwright/src/catalog.rs", ("append", "\npub fn live(c: &crate::model::AppletConfig) -> bool {\n    match c {\n        crate::model::AppletConfig::Acd(_) => true,\n        crate::model::AppletConfig::Ucd(_) => true,\n        _ => false,\n    }\n}\n"), "a match over applet kinds ends in a catch-all", False),
    ("a catch-all over kinds named through an alias", "crates/planwright-sim/src/rng.rs", ("append", "\npub fn k(k: planwright::AppletKind) -> u8 {\n    use planwright::AppletKind as K;\n    match k {\n        K::Acd => 1,\n        K::Pause => 2,\n        _ => 0,\n    }\n}\n"), "a match over applet kinds ends in a catch-all", False),
    ("matches! over two kinds", "crates/planwright-sim/src/rng.rs", ("append", "\npub fn q(k: planwright::AppletKind) -> bool {\n    matches!(k, planwright::AppletKind::Acd | planwright::AppletKind::Ucd)\n}\n"), "a match over applet kinds ends in a catch-all", False),
    ("a bare binding as the catch-all", "crates/planwright-sim/src/rng.rs", ("append", "\npub fn k(k: planwright::AppletKind) -> u8 {\n    match k {\n        planwright::AppletKind::Acd => 1,\n        AppletKind::Pause => 2,\n        other => other as u8,\n    }\n}\n"), "a match over applet kinds ends in a catch-all", False),
    ("the UI retypes the outcomes", "ui/src/features/runs/RunsPanel.tsx", ("append", "\nexport const MINE = ['Delivered', 'HangUpInQueue'];\n"), "retypes a domain list", False),
    ("the UI retypes the live-only kinds", "ui/src/features/scenarios/scenario.ts", ("append", "\nexport const LIVE = ['Acd', 'Announcer'];\n"), "retypes a domain list", False),
    ("the UI retypes a new plan's settings", "ui/src/plan/fixtures.ts", ("append", "\nexport const BARE = { transfer_numbers: [], start: null };\n"), "retypes a new plan's settings", False),
    ("the UI retypes applet kinds", "ui/src/plan/mapping.ts", ("append", "\nexport const ROUTERS = ['DataRouter', 'ScheduleRouter'];\n"), "retypes a domain list of the engine", False),
    ("an edge measured from the DOM", "ui/src/plan/edges.ts", ("append", "\nexport const at = (el: Element) => el.getBoundingClientRect().x;\n"), "canvas edges read the DOM", False),
    ("a shipped migration edited", "crates/planwright-store/migrations/0001_initial.sql", ("append", "\n-- one more line\n"), "a shipped migration of crates/planwright-store/migrations was edited", False),
    ("the UI retypes a scenario default", "ui/src/features/simulate/SimulatePanel.tsx", ("append", "\nexport const MINE = { clid: '+447700900123' };\n"), "retypes a scenario default", False),
    ("the UI formats an error by hand", "ui/src/features/batch/BatchPanel.tsx", ("append", "\nexport const say = (e: unknown) => (e instanceof Error ? e.message : String(e));\n"), "formats an error by hand", False),
    ("a migration not listed", "crates/planwright-store/migrations/0099_stray.sql", ("create", "SELECT 1;\n"), "does not list the migrations", False),
    ("a command takes a whole plan", "crates/planwright-api/src/command_set.rs", ("replace", "commands {", "commands {\n                save_whole(plan: Plan) -> Saved;"), "a command takes a whole plan", False),
    ("a Tauri command on the main thread", "src-tauri/src/lib.rs", ("append", "\n#[tauri::command]\nfn blocking() {}\n"), "a Tauri command that is not async", False),
    ("the app loads the test hooks", "ui/src/main.tsx", ("append", "\nimport './testing/hooks';\n"), "a test or measurement hook", False),
    ("a file read outside read_text", "crates/planwright/src/model.rs", ("append", '\npub fn slurp() -> String { std::fs::read_to_string("x").unwrap_or_default() }\n'), "a file is read outside plan_file::read_text", False),
    ("the UI builds HTML", "ui/src/main.tsx", ("append", "\ndocument.body.innerHTML = '<b>x</b>';\n"), "the UI builds HTML from strings", False),
    ("the CSP lets scripts in from elsewhere", "src-tauri/tauri.conf.json", ("replace", "script-src\": \"'self'\"", "script-src\": \"'self' https://cdn.example.com\""), "the CSP of src-tauri/tauri.conf.json", False),
    ("React Flow culls the canvas", "ui/src/features/canvas/PlanCanvas.tsx", ("append", "\nexport const cull = { onlyRenderVisibleElements: true };\n"), "the canvas fits or culls through React Flow", False),
    ("an engine crate depends on reqwest", "crates/planwright-store/Cargo.toml", ("append", '\n[dependencies.reqwest]\nversion = "0.12"\n'), "depends on a network crate", False),
    ("network code in the API outside try_it.rs", "crates/planwright-api/src/settings.rs", ("append", '\npub fn dial() { let _ = std::net::TcpStream::connect("127.0.0.1:1"); }\n'), "network code in planwright-api outside try_it.rs", False),
    ("cargo tree cannot read a manifest", "crates/planwright-sim/Cargo.toml", ("append", "\n[dependencies\n"), "cargo tree failed", True),
]


def copy_tree(dest):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for f in filter(None, files):
        src = os.path.join(ROOT, f)
        if not os.path.isfile(src):
            continue  # deleted in the work tree
        os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, f))


def check(tree, cargo):
    return subprocess.run(["bash", "scripts/check-invariants.sh"], cwd=tree, capture_output=True, text=True, env=None if cargo else NO_CARGO)


def main():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="planwright-invariants.") as tree:
        copy_tree(tree)
        for cargo in (False, True):
            clean = check(tree, cargo)
            if clean.returncode != 0:
                print(f"FAIL the clean copy breaks an invariant (cargo: {cargo}):\n{clean.stderr}")
                return 1
        for what, rel, how, expected, cargo in CASES:
            path = os.path.join(tree, rel)
            before = open(path).read() if os.path.exists(path) else None
            if how[0] == "append":
                open(path, "a").write(how[1])
            elif how[0] == "create":
                open(path, "w").write(how[1])
            else:
                assert before is not None and how[1] in before, f"{rel} no longer holds {how[1]!r}: update this case"
                open(path, "w").write(before.replace(how[1], how[2], 1))
            r = check(tree, cargo)
            if before is None:
                os.remove(path)
            else:
                open(path, "w").write(before)
            if r.returncode == 1 and expected in r.stderr:
                print(f"ok   {what}: the check fails")
            else:
                failures += 1
                print(f"FAIL {what}: the check did not fail with '{expected}' (exit {r.returncode})\n{r.stderr}{r.stdout}")
        again = check(tree, False)
        if again.returncode != 0:
            print(f"FAIL a case was not undone:\n{again.stderr}")
            failures += 1
    print(f"{len(CASES) - failures} of {len(CASES)} checks shown to fail on a violation")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
