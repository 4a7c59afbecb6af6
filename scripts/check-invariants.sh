#!/usr/bin/env bash
# Checks, with greps, the invariants of ARCHITECTURE.md that a grep can honestly check.
# Run from the repository root; exits 1 and names each broken invariant.
#
# What a grep cannot see is left to the tests: what a dependency pulls in transitively is
# checked with `cargo tree` when cargo is there; that shipped migrations are never edited needs
# history (review), and that the UI never decides validity needs reading.
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
fail() {
    echo "invariant broken: $1" >&2
    if [ -n "${2:-}" ]; then
        printf '%s\n' "$2" | sed 's/^/    /' >&2
    fi
    failures=$((failures + 1))
}

# The source of Rust files without their tests (tests may read the clock, match messages, and
# so on): each item marked `#[cfg(test)]` at the start of a line is left out, a one-line item
# (`use …;`) or a block up to its closing `}` at the start of a line (a `mod tests { … }`).
# Code after a test module is scanned like the rest.
non_test() {
    local f
    for f in "$@"; do
        awk -v file="$f" '
            skip == 2 { if ($0 ~ /^}/) skip = 0; next }
            skip == 1 && /^[[:space:]]*#\[/ { next }
            skip == 1 { skip = ($0 ~ /;[[:space:]]*$/ && $0 !~ /\{/) || ($0 ~ /\{/ && $0 ~ /}[[:space:]]*$/) ? 0 : 2; next }
            /^#\[cfg\(test\)\]/ { skip = 1; next }
            { print file ":" FNR ":" $0 }' "$f"
    done
}

rust_files() {
    find "$@" -name '*.rs' -type f | sort
}

# NodeIndex never leaves graph.rs.
hits=$(grep -rn --include='*.rs' -w 'NodeIndex' crates src-tauri | grep -v '^crates/planwright/src/graph\.rs:' || true)
[ -z "$hits" ] || fail "NodeIndex outside crates/planwright/src/graph.rs" "$hits"

# The engine crates never depend on Tauri, webkit or GTK (direct dependencies here; transitive
# ones below with cargo tree).
gui='tauri|wry|tao|webkit|webview|gtk|gdk|javascriptcore|soup'
for manifest in crates/*/Cargo.toml; do
    hits=$(grep -niE "^[[:space:]]*\"?($gui)[a-z0-9_-]*\"?[[:space:]]*(=|\.)|^\[[a-z-]*dependencies\.\"?($gui)" "$manifest" || true)
    [ -z "$hits" ] || fail "$manifest depends on a GUI crate" "$hits"
done

# A plain `cargo test` at the root builds no webkit: src-tauri is not a default member.
hits=$(grep -n '^default-members' Cargo.toml | grep 'src-tauri' || true)
[ -z "$hits" ] || fail "src-tauri is a default member of the workspace" "$hits"
grep -q '^default-members' Cargo.toml || fail "the workspace has no default-members (a plain cargo test would build src-tauri)"

# Tauri commands live in src-tauri only.
hits=$(non_test $(rust_files crates/*/src) | grep -E '^[^:]+:[0-9]+:[[:space:]]*#\[tauri::' || true)
[ -z "$hits" ] || fail "#[tauri::…] outside src-tauri" "$hits"

# The simulator never reads the system clock or global randomness, never sleeps, and does no
# I/O beyond reading a scenario, plan test, load file or arrivals CSV, listing a workspace's
# load files, and saving a load file atomically (load/file.rs).
sim_src=$(rust_files crates/planwright-sim/src)
hits=$(non_test $sim_src | grep -E 'SystemTime|Instant::now|Utc::now|Local::now|chrono::offset::Local|thread_rng|rand::|getrandom|OsRng|thread::sleep|tokio::time' || true)
[ -z "$hits" ] || fail "the simulator reads the clock or global randomness, or sleeps" "$hits"
# The one kind of read, of a scenario, plan test, load file or CSV, goes through
# planwright::plan_file::read_text (scenario.rs, plan_test.rs, load/file.rs); the one write is
# plan_file::write_atomic, and the one listing std::fs::read_dir of load/ (load/file.rs).
hits=$(non_test $sim_src | grep -E 'std::(fs|net|process)::|File::(open|create)|TcpStream|Command::new|read_text\(|write_atomic\(|\.(exists|try_exists|is_file|is_dir|metadata|symlink_metadata|canonicalize)\(' \
    | grep -vE '^crates/planwright-sim/src/(scenario|plan_test|load/file)\.rs:[0-9]+:.*planwright::plan_file::read_text\(' \
    | grep -vE '^crates/planwright-sim/src/load/file\.rs:[0-9]+:.*(planwright::plan_file::write_atomic\(|std::fs::read_dir\(workspace\.join\("load"\)\))' || true)
[ -z "$hits" ] || fail "the simulator does I/O beyond reading a scenario, test or load file and saving a load file (scenario.rs, plan_test.rs, load/file.rs)" "$hits"
hits=$(grep -nE '^[[:space:]]*(rand|getrandom|tokio|reqwest|ureq)[a-z0-9_-]*[[:space:]]*(=|\.)|^\[[a-z-]*dependencies\."?(rand|getrandom|tokio|reqwest|ureq)' crates/planwright-sim/Cargo.toml || true)
[ -z "$hits" ] || fail "the simulator depends on randomness, async or network crates" "$hits"

# Files the product saves go through plan_file::write_atomic (temp file, fsync, rename): no
# plain fs::write in the crates' code outside tests.
hits=$(non_test $(rust_files crates/*/src) | grep -E 'fs::write\(' || true)
[ -z "$hits" ] || fail "a plain fs::write in product code (save through plan_file::write_atomic)" "$hits"

# The engine and the run store never read the clock either (callers pass created-at stamps);
# in the CLI only simulate_cmd.rs, batch_cmd.rs, runs_cmd.rs, test_cmd.rs (JUnit's time) and
# load_cmd.rs (elapsed time, events per second) do.
clock='SystemTime|Instant::now|Utc::now|Local::now'
hits=$(non_test $(rust_files crates/planwright/src crates/planwright-store/src) | grep -E "$clock" || true)
[ -z "$hits" ] || fail "the engine or the run store reads the clock" "$hits"
hits=$(non_test $(rust_files crates/planwright-cli/src) | grep -E "$clock" \
    | grep -vE '^crates/planwright-cli/src/(simulate_cmd|batch_cmd|runs_cmd|test_cmd|load_cmd)\.rs:' || true)
[ -z "$hits" ] || fail "the CLI reads the clock outside simulate_cmd.rs, batch_cmd.rs, runs_cmd.rs, test_cmd.rs and load_cmd.rs" "$hits"

# The interpreter works on compiled indices: no exit names, no lookups of exits by name.
hits=$(non_test crates/planwright-sim/src/interp.rs | grep -E 'catalog::exit|exit::[A-Z]|local_exit|outcome_of_queue_exit|queue_result_for_outcome' || true)
[ -z "$hits" ] || fail "the interpreter names exits (resolve them in program.rs)" "$hits"

# Consumers match on codes, never on messages (outside tests).
hits=$(non_test $(rust_files crates/*/src src-tauri/src) | grep -E '\.message\.(contains|starts_with|ends_with)\(|\.message ==|== *[a-z_.]*\.message\b|problems\(\).*\.contains\(' || true)
[ -z "$hits" ] || fail "code matches on a message (match on a code or a variant)" "$hits"

# An applet kind is described once: the Unattended palette is not listed by hand outside the
# catalog and its tests.
hits=$(non_test $(rust_files crates/*/src) | grep -E 'Data Connector, Data Router' || true)
[ -z "$hits" ] || fail "a list of applet kinds written by hand (read catalog::kinds_for)" "$hits"

# ... and a new kind fails to compile until every place that decides what a kind does handles
# it: no catch-all arm in a match over several kinds (scripts/kind-catch-alls.py).
hits=$(non_test $(rust_files crates/*/src src-tauri/src) | python3 scripts/kind-catch-alls.py)
[ -z "$hits" ] || fail "a match over applet kinds ends in a catch-all" "$hits"

# The window never retypes the engine's domain lists: the applet kinds, the InteractionOutcome
# values, the live-only kinds and the hang-up shorthands come generated in
# ui/src/ipc/bindings.ts (AppletKind, OUTCOMES, LIVE_ONLY_KINDS, HANG_UPS). The values are
# read from that file, so a kind added to the engine is covered without touching this check.
values() { grep -E "^export (type $1 =|const $1\b)" ui/src/ipc/bindings.ts | sed 's/^[^=]*=//' | grep -oE "[\"'][A-Za-z]+[\"']" | tr -d "\"'" | paste -sd'|'; }
kinds=$(values AppletKind) outcomes=$(values OUTCOMES) hang_ups=$(values HANG_UPS)
[ -n "$kinds" ] && [ -n "$outcomes" ] && [ -n "$hang_ups" ] || fail "the domain lists cannot be read from ui/src/ipc/bindings.ts" "AppletKind: $kinds; OUTCOMES: $outcomes; HANG_UPS: $hang_ups"
listed="'($kinds|$outcomes|$hang_ups)'"
hits=$(grep -rnE "$listed,[[:space:]]*$listed" ui/src --include='*.ts' --include='*.tsx' \
    | grep -vE '^ui/src/ipc/bindings\.ts:|\.test\.tsx?:' || true)
[ -z "$hits" ] || fail "the UI retypes a domain list of the engine (the catalog's kinds, or OUTCOMES, LIVE_ONLY_KINDS or HANG_UPS from ipc/bindings)" "$hits"

# One error formatter: what went wrong is put into words by ipc/client.ts (problemOf,
# messageOf, errorText), never by hand in a feature.
hits=$(grep -rnE "instanceof Error \? [a-z]+\.message : String\(" ui/src --include='*.ts' --include='*.tsx' \
    | grep -vE '^ui/src/ipc/client\.ts:|\.test\.tsx?:' || true)
[ -z "$hits" ] || fail "the UI formats an error by hand (use messageOf or errorText from ipc/client)" "$hits"

# ... nor a scenario's defaults: a new scenario or interaction starts from DEFAULT_SCENARIO
# (generated from planwright_sim::Scenario::default()), never from a CLID or start typed here.
hits=$(grep -rnE "(clid|dialed_number|start|language)[[:space:]]*:[[:space:]]*'(\+[0-9]|20[0-9][0-9]-|[a-z][a-z]-[A-Z][A-Z])" ui/src --include='*.ts' --include='*.tsx' \
    | grep -vE '^ui/src/ipc/bindings\.ts:|\.test\.tsx?:' || true)
[ -z "$hits" ] || fail "the UI retypes a scenario default (use DEFAULT_SCENARIO from ipc/bindings)" "$hits"

# ... nor a new plan's own fields: fixtures and generated plans spread NEW_PLAN_SETTINGS
# (generated from planwright::Plan::new), so a new plan field is not retyped in TypeScript,
# tests included.
hits=$(grep -rnE "(transfer_numbers[[:space:]]*:[[:space:]]*\[\]|post_interaction_route[[:space:]]*:[[:space:]]*null)" ui/src --include='*.ts' --include='*.tsx' \
    | grep -vE '^ui/src/ipc/bindings\.ts:' || true)
[ -z "$hits" ] || fail "the UI retypes a new plan's settings (spread NEW_PLAN_SETTINGS from ipc/bindings)" "$hits"

# Migrations are numbered files, each listed once in order, and nothing else is listed.
check_migrations() {
    local dir=$1 list=$2 expected listed
    expected=$(cd "$dir" && ls -1 ./*.sql | sed 's|^\./||' | sort)
    listed=$(grep -oE 'include_str!\("[^"]*migrations/[^"]+\.sql"\)' "$list" | sed -E 's|.*/([^/"]+\.sql)"\)|\1|')
    if [ "$expected" != "$listed" ]; then
        fail "$list does not list the migrations of $dir in order" "files:
$expected
listed:
$listed"
    fi
    local n=1 f
    for f in $expected; do
        if [ "${f%%_*}" != "$(printf '%04d' "$n")" ]; then
            fail "migration $dir/$f is not number $(printf '%04d' "$n")"
        fi
        n=$((n + 1))
    done
    # Migrations that have shipped are never edited: their bytes are kept in shipped.sha256
    # (a new migration is added to it when it ships, i.e. when it lands on main).
    local changed
    changed=$(cd "$dir" && sha256sum --quiet -c shipped.sha256 2>&1 || true)
    [ -z "$changed" ] || fail "a shipped migration of $dir was edited (or its shipped.sha256 is gone)" "$changed"
}
check_migrations crates/planwright-store/migrations crates/planwright-store/src/lib.rs
check_migrations crates/planwright-api/migrations crates/planwright-api/src/settings.rs

# The engine owns the open plans: no command takes a whole plan (or a document) from the UI;
# only a paste carries applets, as the Clip inside an EditOp.
hits=$(grep -nE '[a-z_]+: *(Plan|Document|PlanView|Vec<Applet>)[,)]' crates/planwright-api/src/command_set.rs || true)
[ -z "$hits" ] || fail "a command takes a whole plan from the UI (crates/planwright-api/src/command_set.rs)" "$hits"

# No Tauri command runs on the window's main thread: every #[tauri::command] is an async fn.
hits=$(grep -n -A1 '#\[tauri::command\]' src-tauri/src/*.rs | grep -E '^[^:]+-[0-9]+-[[:space:]]*(pub )?fn ' || true)
[ -z "$hits" ] || fail "a Tauri command that is not async (it would run on the main thread)" "$hits"

# Test and measurement hooks are not in the app users run: the app loads them only behind
# VITE_TEST_HOOKS (a build-time constant), and only the bench entry installs the contract.
hits=$(grep -rnE "testing/hooks|perf/contract|__edgeLayerMs" ui/src --include='*.ts' --include='*.tsx' \
    | grep -vE '^ui/src/(testing|perf)/' | grep -vE "VITE_TEST_HOOKS|typeof import" || true)
[ -z "$hits" ] || fail "a test or measurement hook reachable from the app without VITE_TEST_HOOKS" "$hits"

# Plan, schedule and scenario files are read through plan_file::read_text only (size limit,
# UTF-8 positions, no blocking on a pipe).
hits=$(non_test $(rust_files crates/*/src src-tauri/src) | grep -E 'read_to_string\(|fs::read\(' \
    | grep -vE '^crates/planwright/src/plan_file\.rs:' || true)
[ -z "$hits" ] || fail "a file is read outside plan_file::read_text" "$hits"

# Plan text is shown as text: no HTML is ever built from strings in the UI.
hits=$(grep -rnE 'dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(' ui/src \
    --include='*.ts' --include='*.tsx' | grep -vE '\.test\.tsx?:' || true)
[ -z "$hits" ] || fail "the UI builds HTML from strings" "$hits"

# The window loads nothing from outside: the CSP lets scripts, styles, fonts and images come
# from the app only (images also as data: URLs) and connections go to Tauri's IPC only.
csp=$(python3 - <<'PY'
import json
c = json.load(open("src-tauri/tauri.conf.json"))["app"]["security"]["csp"]
want = {"default-src": "'self'", "script-src": "'self'", "font-src": "'self'", "img-src": "'self' data:",
        "style-src": "'self' 'unsafe-inline'", "connect-src": "ipc: http://ipc.localhost", "object-src": "'none'",
        "base-uri": "'none'", "form-action": "'none'", "frame-ancestors": "'none'"}
for k, v in want.items():
    if c.get(k) != v:
        print(f"{k}: {c.get(k)!r}, want {v!r}")
for k in c:
    if k not in want:
        print(f"{k}: {c[k]!r} is not expected")
PY
)
[ -z "$csp" ] || fail "the CSP of src-tauri/tauri.conf.json lets the window load from elsewhere" "$csp"

# The canvas costs what is visible: React Flow gets only the mounted applets, and no position
# is read from React Flow's fitView (which knows only the mounted ones).
canvas=ui/src/features/canvas/PlanCanvas.tsx
grep -q 'nodes={shown}' "$canvas" || fail "$canvas hands React Flow something other than the mounted applets (nodes={shown})" ""
hits=$(grep -rnE 'fitView[=(]|onlyRenderVisibleElements' ui/src --include='*.ts' --include='*.tsx' || true)
[ -z "$hits" ] || fail "the canvas fits or culls through React Flow, which knows only the mounted applets" "$hits"

# Canvas edges are drawn from fixed applet geometry (ui/src/plan/geometry.ts), never from DOM
# measurement: the edge layer and the geometry it reads measure nothing.
hits=$(grep -nE 'getBoundingClientRect|offset(Width|Height|Top|Left)|client(Width|Height)|ResizeObserver|\.measured\b|getComputedStyle' \
    ui/src/features/canvas/EdgeLayer.tsx ui/src/plan/edges.ts ui/src/plan/geometry.ts || true)
[ -z "$hits" ] || fail "canvas edges read the DOM (draw them from ui/src/plan/geometry.ts)" "$hits"

# Transitive dependencies, when cargo is available (reads Cargo.lock, builds nothing).
if command -v cargo >/dev/null 2>&1; then
    for crate in planwright planwright-sim planwright-store planwright-api planwright-cli; do
        if tree=$(cargo tree --quiet --locked -p "$crate" -e normal,build --prefix none 2>&1); then
            hits=$(printf '%s\n' "$tree" | grep -iE "^($gui)[a-z0-9_-]* v" | sort -u || true)
            [ -z "$hits" ] || fail "$crate pulls in a GUI crate" "$hits"
        else
            fail "cargo tree failed for $crate, so its transitive dependencies cannot be checked" "$(printf '%s\n' "$tree" | tail -5)"
        fi
    done
fi

# No network in the engine, the simulator, the run store or the CLI: Try it (HTTP and SMTP)
# lives in crates/planwright-api/src/try_it.rs only, so no simulation or batch can reach the
# network. Direct dependencies by grep; transitive ones with cargo tree when cargo is there.
net='reqwest|lettre|hyper|ureq|tokio|rustls|native-tls|openssl|curl|isahc|surf'
for crate in planwright planwright-sim planwright-store planwright-cli; do
    hits=$(grep -nE "^[[:space:]]*\"?($net)[a-z0-9_-]*\"?[[:space:]]*(=|\.)|^\[[a-z-]*dependencies\.\"?($net)" "crates/$crate/Cargo.toml" || true)
    [ -z "$hits" ] || fail "crates/$crate depends on a network crate (keep it in planwright-api's try_it.rs)" "$hits"
    if command -v cargo >/dev/null 2>&1; then
        if tree=$(cargo tree --quiet --locked -p "$crate" -e normal --prefix none 2>&1); then
            hits=$(printf '%s\n' "$tree" | grep -E "^(reqwest|lettre|hyper|ureq|rustls|native-tls|openssl|mio) v" | sort -u || true)
            [ -z "$hits" ] || fail "$crate pulls in a network crate" "$hits"
        else
            fail "cargo tree failed for $crate, so its network dependencies cannot be checked" "$(printf '%s\n' "$tree" | tail -5)"
        fi
    fi
done
hits=$(non_test $(rust_files crates/planwright-api/src) | grep -E 'reqwest::|lettre::|TcpStream|UdpSocket' | grep -v '^crates/planwright-api/src/try_it\.rs:' || true)
[ -z "$hits" ] || fail "network code in planwright-api outside try_it.rs" "$hits"

if [ "$failures" -gt 0 ]; then
    echo "$failures invariant(s) broken; see ARCHITECTURE.md" >&2
    exit 1
fi
echo "invariants hold"
