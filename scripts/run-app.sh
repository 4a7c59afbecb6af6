#!/usr/bin/env bash
# Sets up what a fresh Debian machine lacks (scripts/setup-desktop.sh), builds the UI and an
# optimized (release) desktop app with the UI embedded, and opens it on plans/ (or the folder given) with the
# default run store (~/.local/share/planwright/runs.sqlite3; PLANWRIGHT_STORE overrides it).
#   scripts/run-app.sh [PLANS_FOLDER] [--store FILE]
# Without a display (no $DISPLAY and no $WAYLAND_DISPLAY) it starts Xvfb on :99 for the app,
# so a screenshot can be taken with `DISPLAY=:99 import -window root shot.png`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup-desktop.sh
(cd ui && npm run build)
cargo build --release -p planwright-desktop --features custom-protocol

ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=("$(pwd)/plans")

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  Xvfb :99 -screen 0 1600x1000x24 -nolisten tcp &
  XVFB=$!
  trap 'kill $XVFB 2>/dev/null || true' EXIT INT TERM
  export DISPLAY=:99
  echo "run-app: no display; the app runs on Xvfb $DISPLAY"
fi
exec_status=0
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
"$TARGET_DIR/release/planwright-desktop" "${ARGS[@]}" || exec_status=$?
exit $exec_status
