#!/usr/bin/env bash
# The canvas benchmark, in one command: plain React Flow (the peer baseline of
# ../shared/perf/reactflow-baseline) and Planwright's canvas benchmark page (ui/bench, the
# product's PlanCanvas) at 100 and 2,000 applets, through the baseline's WebKitGTK harness
# (the Tauri window's engine on Linux) under its own Xvfb, back to back, in two passes in
# opposite order; prints ready, drag and pan figures and the ratios against plain React Flow
# at 100 nodes measured in the same run, and writes them as JSON. A benchmark, not a test: it
# exits 0 whatever the figures are (1 only when something failed to build or run).
#
#   scripts/bench-canvas.sh [--repeats N] [--out DIR] [--views fit,1] [--ms 2000] [--wait-quiet]
#
#   --repeats N   page loads per case and pass; the figures are their median (default 3)
#   --out DIR     where the JSON of the run goes (default ui/perf-results/latest)
#   --views LIST  fit (whole plan visible) and/or 1 (zoom 1, where one edits); default fit,1
#   --ms MS       length of each gesture (default 2000)
#   --wait-quiet  before each pass, wait until the 1-minute load average is below 1.0 and
#                 $BENCH_BUSY_FILE (default /tmp/planwright-cpu-busy) does not exist; a pass
#                 during which that file appears is run again
#   --window      also the real window's figures (first paint, drag and pan at fit and at
#                 zoom 1), measured through WebDriver by the e2e step performance_2000_applets
#                 in a release build with the test hooks, --repeats times, printed beside
#                 (builds the desktop with cargo; BENCH_WINDOW_APP=path uses that binary instead)
#
# Environment: REACTFLOW_BASELINE (default ../shared/perf/reactflow-baseline), BENCH_DISPLAY
# (default :95; the window uses the display before it, :94, and tauri-driver on 4470/4471).
# The harness is copied to target/bench-canvas/ and built there; its static server listens
# on a free loopback port chosen by the system.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BASELINE_SRC=${REACTFLOW_BASELINE:-$ROOT/../shared/perf/reactflow-baseline}
WORK=$ROOT/target/bench-canvas
HARNESS=$WORK/reactflow-baseline

DISPLAY_NUM=${BENCH_DISPLAY:-:95}
args=() window=0 repeats=3 wait_quiet=0
while (($#)); do
  case $1 in
    --window) window=1 ;;
    --repeats) repeats=${2:?--repeats takes a number}; args+=("$1" "$2"); shift ;;
    --wait-quiet) wait_quiet=1; args+=("$1") ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ ! -f "$BASELINE_SRC/measure_webkitgtk.py" ]; then
  echo "bench-canvas: no React Flow baseline harness at $BASELINE_SRC (set REACTFLOW_BASELINE)" >&2
  exit 1
fi

# System packages: the desktop's (scripts/setup-desktop.sh) and the harness's GTK/WebKit
# bindings for Debian's python3.
SETUP_EXTRA_APT="python3-gi gir1.2-gtk-3.0 gir1.2-webkit2-4.1 fonts-dejavu-core" scripts/setup-desktop.sh

echo "bench-canvas: building the baseline page (copy of $BASELINE_SRC in $HARNESS)"
mkdir -p "$HARNESS"
# A fresh copy of the harness's sources each run; its node_modules is kept between runs.
find "$HARNESS" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
cp -r "$BASELINE_SRC"/. "$HARNESS"/
chmod -R u+w "$HARNESS"
rm -rf "$HARNESS/dist"
(
  cd "$HARNESS"
  if [ ! -d node_modules ] || ! cmp -s package-lock.json node_modules/.package-lock.json.src; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.package-lock.json.src
  fi
  npm run build --silent >/dev/null
)

echo "bench-canvas: building Planwright's canvas benchmark page (ui/dist-bench)"
(cd ui && npm run build:bench --silent >/dev/null)

if ((window)); then
  WINDOW_DIR=$WORK/window
  rm -rf "$WINDOW_DIR" && mkdir -p "$WINDOW_DIR"
  APP=${BENCH_WINDOW_APP:-}
  if [ -z "$APP" ]; then
    echo "bench-canvas: building the desktop (release, UI with the test hooks) for the window figures"
    export PATH="$HOME/.cargo/bin:$PATH"
    (cd ui && VITE_TEST_HOOKS=1 npm run build --silent >/dev/null)
    # ui/dist is built again without the hooks however this script ends.
    trap '(cd "$ROOT/ui" && npm run build --silent >/dev/null)' EXIT
    cargo build --release -q -p planwright-desktop --features custom-protocol
    TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    APP=$TARGET_DIR/release/planwright-desktop
  fi
  for ((i = 1; i <= repeats; i++)); do
    ((wait_quiet)) && /usr/bin/python3 scripts/bench_canvas.py --wait-quiet-only
    echo "bench-canvas: real window, run $i of $repeats"
    (
      export APP
      . scripts/window-session.sh
      window_session ":$((${DISPLAY_NUM#:} - 1))" 4470 4471
      target/e2e-venv/bin/python src-tauri/e2e/gen_plan.py 2000 "$TMP/plans/perf-2000.json"
      E2E_ONLY=performance_2000_applets E2E_DRIVER_PORT=4470 E2E_SHOTS="$WINDOW_DIR/shots" \
        E2E_PERF="$WINDOW_DIR/window-$i.json" target/e2e-venv/bin/python src-tauri/e2e/test_editor.py \
        >"$WINDOW_DIR/window-$i.log" 2>&1 || { cat "$WINDOW_DIR/window-$i.log"; tail -n 20 "$TMP/tauri-driver.log"; exit 1; }
    )
    if ((wait_quiet)) && [ -e "${BENCH_BUSY_FILE:-/tmp/planwright-cpu-busy}" ]; then
      echo "bench-canvas: the machine got busy during window run $i; it is run again"
      i=$((i - 1))
      continue
    fi
    args+=(--window-json "$WINDOW_DIR/window-$i.json")
  done
fi

/usr/bin/python3 scripts/bench_canvas.py --harness "$HARNESS" \
  --baseline-dist "$HARNESS/dist" --planwright-dist "$ROOT/ui/dist-bench" \
  --display "$DISPLAY_NUM" --default-out "$ROOT/ui/perf-results/latest" "${args[@]}"
