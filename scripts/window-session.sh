# Sourced by scripts/test-desktop.sh and scripts/bench-window.sh: a temp folder with a copy of
# plans/, then Xvfb and tauri-driver for the real window, all stopped (and the folder removed)
# on exit, including on failure. After sourcing: $TMP, $WORKSPACE, $PLANWRIGHT_STORE, $DISPLAY.
#   window_session DISPLAY DRIVER_PORT NATIVE_PORT [ON_EXIT_COMMAND]
window_session() {
  local display=$1 port=$2 native=$3
  WINDOW_ON_EXIT=${4:-true}
  TMP=$(mktemp -d /tmp/planwright-window.XXXXXX)
  PIDS=()
  trap window_session_cleanup EXIT INT TERM
  cp -r plans "$TMP/plans"
  export WORKSPACE="$TMP/plans" PLANWRIGHT_STORE="$TMP/store.sqlite"
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
  PIDS+=($!)
  export DISPLAY=$display
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break || sleep 0.1; done 2>/dev/null || sleep 1
  local driver
  driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
  "$driver" --port "$port" --native-port "$native" >"$TMP/tauri-driver.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
}

window_session_cleanup() {
  local status=$?
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
  eval "$WINDOW_ON_EXIT" || true
  exit $status
}
