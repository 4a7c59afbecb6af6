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

. scripts/window-session.sh
# On exit ui/dist is built again without the hooks, as scripts/run-app.sh makes it.
export E2E_DRIVER_PORT="${E2E_DRIVER_PORT:-4444}"
window_session "${E2E_DISPLAY:-:97}" "$E2E_DRIVER_PORT" $((E2E_DRIVER_PORT + 1)) '(cd "$ROOT/ui" && npm run build >/dev/null 2>&1)'
target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 2000 "$TMP/plans/perf-2000.json"
export APP E2E_SHOTS="${E2E_SHOTS:-$ROOT/target/e2e-shots}" E2E_PERF="${E2E_PERF:-$ROOT/target/e2e-shots/perf.json}"
mkdir -p "$E2E_SHOTS"

# The app's own output (a panic, WebKit's messages) goes to a log the steps show when the
# window is lost: WebKitWebDriver starts this wrapper, which runs the app with the same
# arguments and environment.
export E2E_APP_LOG="$TMP/app.log"
printf '#!/bin/sh\nexec "%s" "$@" >>"%s" 2>&1\n' "$APP" "$E2E_APP_LOG" >"$TMP/app.sh"
chmod +x "$TMP/app.sh"

echo "== desktop: end-to-end tests on the real window"
if ! APP="$TMP/app.sh" target/e2e-venv/bin/python src-tauri/e2e/test_editor.py; then
  echo "--- tauri-driver log"; tail -n 40 "$TMP/tauri-driver.log"
  exit 1
fi
echo "screenshots and perf figures: $E2E_SHOTS"

echo "== desktop: kill -9 of the window while it saves the 2,000-applet plan (the file is old or new)"
if ! target/e2e-venv/bin/python src-tauri/e2e/test_crash_save.py; then
  echo "--- tauri-driver log"; tail -n 40 "$TMP/tauri-driver.log"
  exit 1
fi
