#!/usr/bin/env bash
# Benchmarks of the real window (src-tauri/e2e/bench_window.py): edit round trips against a
# no-op command in the same run, and the longest frame interval while the engine opens,
# validates, saves and simulates the 2,000-applet plan; a 100,000-interaction batch in the window
# against `planwright batch` of the same N, and the heatmap's time to screen; from a committed edit
# to the first painted frame that shows it (BENCH_ONLY=commit: only that); search, from a keystroke
# to its results painted (BENCH_ONLY=search); memory, idle and with the 2,000-applet plan open,
# beside an empty Tauri 2 window built alike (BENCH_ONLY=memory). An optimized (release)
# build whose UI carries the test hooks; ui/dist is rebuilt without them afterwards.
#   scripts/bench-window.sh [OUT.json]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"
OUT=${1:-$ROOT/target/bench-window.json}

scripts/setup-desktop.sh >/dev/null
(cd ui && VITE_TEST_HOOKS=1 npm run build >/dev/null)
cargo build --release -p planwright-desktop --features custom-protocol
cargo build --release -p planwright-cli
# The empty Tauri 2 window the app's memory is compared with, built alike.
cargo build --release -p planwright-desktop --features custom-protocol --example empty_window
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
export APP="$TARGET_DIR/release/planwright-desktop"

. scripts/window-session.sh
window_session "${BENCH_DISPLAY:-:96}" 4446 4447 '(cd "$ROOT/ui" && npm run build >/dev/null)'
target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 2000 "$TMP/plans/perf-2000.json"
target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 100 "$TMP/plans/perf-100.json"
export BENCH_OUT="$OUT" BENCH_CLI="$TARGET_DIR/release/planwright" BENCH_EMPTY_APP="$TARGET_DIR/release/examples/empty_window"
BENCH_DRIVER=http://127.0.0.1:4446 target/e2e-venv/bin/python src-tauri/e2e/bench_window.py
