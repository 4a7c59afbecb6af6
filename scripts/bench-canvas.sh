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
#
# Environment: REACTFLOW_BASELINE (default ../shared/perf/reactflow-baseline), BENCH_DISPLAY
# (default :95). The harness is copied to target/bench-canvas/ and built there; its static
# server listens on a free loopback port chosen by the system.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BASELINE_SRC=${REACTFLOW_BASELINE:-$ROOT/../shared/perf/reactflow-baseline}
WORK=$ROOT/target/bench-canvas
HARNESS=$WORK/reactflow-baseline

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

exec /usr/bin/python3 scripts/bench_canvas.py --harness "$HARNESS" \
  --baseline-dist "$HARNESS/dist" --planwright-dist "$ROOT/ui/dist-bench" \
  --display "${BENCH_DISPLAY:-:95}" --default-out "$ROOT/ui/perf-results/latest" "$@"
