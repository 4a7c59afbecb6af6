#!/usr/bin/env bash
# Benchmarks of the real window (src-tauri/e2e/bench_window.py): edit round trips against a
# no-op command in the same run, and the longest frame interval while the engine opens,
# validates, saves and simulates the 2,000-applet plan. An optimized (release) build whose UI
# carries the test hooks; ui/dist is rebuilt without them afterwards.
#   scripts/bench-window.sh [OUT.json]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"
OUT=${1:-$ROOT/target/bench-window.json}

scripts/setup-desktop.sh >/dev/null
(cd ui && VITE_TEST_HOOKS=1 npm run build >/dev/null)
cargo build --release -p planwright-desktop --features custom-protocol
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
export APP="$TARGET_DIR/release/planwright-desktop"

TMP=$(mktemp -d /tmp/planwright-bench.XXXXXX)
PIDS=()
cleanup() {
  local status=$?
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
  (cd "$ROOT/ui" && npm run build >/dev/null) || true
  exit $status
}
trap cleanup EXIT INT TERM

cp -r plans "$TMP/plans"
target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 2000 "$TMP/plans/perf-2000.json"
target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 100 "$TMP/plans/perf-100.json"
export WORKSPACE="$TMP/plans" PLANWRIGHT_STORE="$TMP/store.sqlite" BENCH_OUT="$OUT"

DISPLAY_NUM=${BENCH_DISPLAY:-:96}
Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$DISPLAY_NUM
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break || sleep 0.1; done 2>/dev/null || sleep 1
TAURI_DRIVER=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
"$TAURI_DRIVER" --port 4446 --native-port 4447 >"$TMP/tauri-driver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/4446) 2>/dev/null && break; sleep 0.1; done
BENCH_DRIVER=http://127.0.0.1:4446 target/e2e-venv/bin/python src-tauri/e2e/bench_window.py
