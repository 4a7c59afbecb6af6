#!/usr/bin/env bash
# Tests of the desktop editor: the UI unit tests (Vitest), the binding drift check, and the
# end-to-end tests on the real window (Xvfb + tauri-driver + WebKitWebDriver + selenium).
# Assumes scripts/setup-desktop.sh has installed the system packages, ui/node_modules,
# tauri-driver and the selenium venv. Works on temp copies of plans/ and of the store; every
# process it starts is stopped on exit, including on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"

echo "== desktop: UI unit tests (vitest)"
(cd ui && npx vitest run)

echo "== desktop: TypeScript bindings, the command client and the capability match the Rust side"
cargo test -q -p planwright-api --lib bindings
git diff --exit-code -- ui/src/ipc/bindings.ts ui/src/ipc/commands.ts

echo "== desktop: the app's UI carries no measurement or test hooks; the bench page builds on its own"
(cd ui && npm run build && npm run build:bench)
if grep -rlE '__scripted|__planwright|__edgeLayerMs|__counters|__pickDragPoint|VITE_TEST_HOOKS' ui/dist; then
  echo "test or measurement hooks found in ui/dist (the app users run)" >&2
  exit 1
fi
[ -f ui/dist-bench/index.html ] && grep -q __scripted -r ui/dist-bench/assets

echo "== desktop: build the UI with the test hooks and a debug app with it embedded (custom-protocol)"
(cd ui && VITE_TEST_HOOKS=1 npm run build)
cargo build -p planwright-desktop --features custom-protocol
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
APP="$TARGET_DIR/debug/planwright-desktop"

TMP=$(mktemp -d /tmp/planwright-e2e.XXXXXX)
PIDS=()
cleanup() {
  local status=$?
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
  exit $status
}
trap cleanup EXIT INT TERM

cp -r plans "$TMP/plans"
target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 2000 "$TMP/plans/perf-2000.json"
export WORKSPACE="$TMP/plans" PLANWRIGHT_STORE="$TMP/store.sqlite" APP
export E2E_SHOTS="${E2E_SHOTS:-$ROOT/target/e2e-shots}" E2E_PERF="${E2E_PERF:-$ROOT/target/e2e-shots/perf.json}"
mkdir -p "$E2E_SHOTS"

DISPLAY_NUM=${E2E_DISPLAY:-:97}
Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$DISPLAY_NUM
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break || sleep 0.1; done 2>/dev/null || sleep 1

TAURI_DRIVER=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
"$TAURI_DRIVER" --port 4444 >"$TMP/tauri-driver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.1; done

echo "== desktop: end-to-end tests on the real window"
if ! target/e2e-venv/bin/python src-tauri/e2e/test_editor.py; then
  echo "--- tauri-driver log"; tail -n 40 "$TMP/tauri-driver.log"
  exit 1
fi
echo "screenshots and perf figures: $E2E_SHOTS"
# Leave ui/dist as the product's build (no hooks), as scripts/run-app.sh makes it.
(cd ui && npm run build >/dev/null)
