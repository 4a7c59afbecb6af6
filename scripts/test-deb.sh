#!/usr/bin/env bash
# Tests the Debian package for real on this machine (root, or sudo):
#   1. builds it (scripts/build-deb.sh), or with --reuse takes target/deb/*.deb as it is;
#   2. installs it with `apt-get install ./…deb` (apt pulls in any Depends still missing);
#   3. checks the installed files: `planwright --version`, `planwright validate` of the
#      installed samples, the desktop entry (desktop-file-validate), the icons, stripped
#      binaries whose libraries all resolve;
#   4. starts the INSTALLED app under Xvfb through tauri-driver, as the menu does (no folder),
#      with HOME pointed at a temp folder so no real user data is touched
#      (src-tauri/e2e/test_deb_smoke.py: the seeded workspace lists the samples, a plan opens
#      with its applets on the canvas, screenshots in target/e2e-shots/deb-*.png);
#   5. purges the package and checks its files are gone.
# Everything it starts is stopped on exit, including on failure, and a package it installed
# is purged then too. Assumes scripts/setup-desktop.sh has run (Xvfb, tauri-driver, the
# selenium venv, desktop-file-utils).
#   scripts/test-deb.sh [--reuse]
# E2E_DISPLAY (:95) and E2E_DRIVER_PORT (4460; the native port is the next one) keep it clear
# of other window tests on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -qq)

TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --offline | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
if [ "${1:-}" = "--reuse" ]; then
  DEB=$(ls -t "$TARGET_DIR"/deb/planwright_*.deb 2>/dev/null | head -n1 || true)
  [ -n "$DEB" ] || { echo "test-deb: no package in $TARGET_DIR/deb to reuse" >&2; exit 1; }
else
  echo "== test-deb: build the package (scripts/build-deb.sh)"
  start=$SECONDS
  # Its output goes straight on (a `tee /dev/stderr` would truncate a log file both share).
  scripts/build-deb.sh
  DEB=$(ls -t "$TARGET_DIR"/deb/planwright_*.deb | head -n1)
  echo "test-deb: build-deb.sh took $((SECONDS - start)) s"
fi
echo "test-deb: $DEB ($(du -h "$DEB" | cut -f1))"

TMP=$(mktemp -d /tmp/planwright-deb.XXXXXX)
PIDS=()
INSTALLED=0
cleanup() {
  local status=$?
  # The processes started here, and what tauri-driver started (WebKitWebDriver, the app),
  # by their ids, children first.
  local all=() queue=("${PIDS[@]}")
  while ((${#queue[@]})); do
    local pid=${queue[0]}; queue=("${queue[@]:1}")
    all+=("$pid")
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do queue+=("$child"); done
  done
  for ((i = ${#all[@]} - 1; i >= 0; i--)); do kill "${all[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$INSTALLED" = 1 ]; then
    echo "test-deb: purging the package after a failure"
    "${APT[@]}" purge planwright >/dev/null 2>&1 || $SUDO dpkg --purge planwright || true
  fi
  rm -rf "$TMP"
  exit $status
}
trap cleanup EXIT INT TERM

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

if dpkg-query -W -f='${Status}' planwright 2>/dev/null | grep -q "install ok installed"; then
  echo "test-deb: note: planwright $(dpkg-query -W -f='${Version}' planwright) is installed already; this test replaces and then purges it"
fi

echo "== test-deb: the package's metadata and contents"
dpkg-deb --field "$DEB" Package Version Architecture Maintainer Installed-Size Depends
dpkg-deb --contents "$DEB" >"$TMP/contents"
for f in ./usr/bin/planwright-desktop ./usr/bin/planwright ./usr/share/applications/planwright.desktop \
  ./usr/share/icons/hicolor/48x48/apps/planwright.png ./usr/share/planwright/plans/voice-orders.json ./usr/share/doc/planwright/copyright; do
  grep -q " $f\$" "$TMP/contents" || fail "$f is not in the package"
done
grep -E ' \./usr/bin/' "$TMP/contents" | awk '{print $2, $3, $6}' | sed 's/^/  /'
grep -qE 'root/root .* \./usr/bin/planwright$' "$TMP/contents" || fail "files are not owned by root in the package"

echo "== test-deb: apt-get install $DEB"
start=$SECONDS
INSTALLED=1
"${APT[@]}" install "$DEB" >"$TMP/apt.log" 2>&1 || { cat "$TMP/apt.log"; fail "apt-get install"; }
dpkg-query -W -f='${Status} ${Version}\n' planwright | grep -q "install ok installed" || fail "dpkg does not list planwright as installed"
echo "test-deb: installed in $((SECONDS - start)) s"

echo "== test-deb: the installed files"
[ "$(command -v planwright)" = /usr/bin/planwright ] || fail "planwright on PATH is $(command -v planwright), not /usr/bin/planwright"
/usr/bin/planwright --version
/usr/bin/planwright validate /usr/share/planwright/plans || fail "planwright validate /usr/share/planwright/plans"
desktop-file-validate /usr/share/applications/planwright.desktop || fail "desktop-file-validate"
grep -qx 'Exec=planwright-desktop' /usr/share/applications/planwright.desktop || fail "the desktop entry does not start planwright-desktop"
for size in 16 24 32 48 64 128; do
  icon=/usr/share/icons/hicolor/${size}x${size}/apps/planwright.png
  file "$icon" | grep -q "PNG image data, $size x $size" || fail "$icon: $(file "$icon")"
done
for bin in /usr/bin/planwright-desktop /usr/bin/planwright; do
  file "$bin" | grep -q ', stripped' || fail "$bin is not stripped: $(file "$bin")"
  if ldd "$bin" | grep -q 'not found'; then ldd "$bin" | grep 'not found'; fail "$bin: libraries not found"; fi
done
echo "test-deb: binaries $(du -h /usr/bin/planwright-desktop | cut -f1) (desktop), $(du -h /usr/bin/planwright | cut -f1) (CLI); desktop entry, 6 icon sizes, samples"

echo "== test-deb: the installed app under Xvfb, started as the menu starts it (smoke e2e)"
APP_HOME="$TMP/home"
mkdir -p "$APP_HOME"
DISPLAY_NUM=${E2E_DISPLAY:-:95}
PORT=${E2E_DRIVER_PORT:-4460}
Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$DISPLAY_NUM
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break || sleep 0.1; done 2>/dev/null || sleep 1
DRIVER=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
# The app inherits this environment: a fresh HOME, and no workspace or store chosen for it.
env -u PLANWRIGHT_WORKSPACE -u PLANWRIGHT_STORE -u PLANWRIGHT_SAMPLES -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME \
  HOME="$APP_HOME" "$DRIVER" --port "$PORT" --native-port $((PORT + 1)) >"$TMP/tauri-driver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break; sleep 0.1; done
export APP=/usr/bin/planwright-desktop SAMPLES=/usr/share/planwright/plans APP_HOME E2E_DRIVER_PORT=$PORT E2E_SHOTS="${E2E_SHOTS:-$ROOT/target/e2e-shots}"
mkdir -p "$E2E_SHOTS"
if ! target/e2e-venv/bin/python src-tauri/e2e/test_deb_smoke.py; then
  echo "--- tauri-driver log"; tail -n 40 "$TMP/tauri-driver.log"
  fail "the installed app's smoke test"
fi
echo "test-deb: screenshots $E2E_SHOTS/deb-*.png"

echo "== test-deb: apt-get purge planwright"
"${APT[@]}" purge planwright >"$TMP/apt.log" 2>&1 || { cat "$TMP/apt.log"; fail "apt-get purge"; }
INSTALLED=0
! dpkg-query -W -f='${Status}' planwright 2>/dev/null | grep -q "install ok installed" || fail "planwright is still installed"
for f in /usr/bin/planwright-desktop /usr/bin/planwright /usr/share/applications/planwright.desktop \
  /usr/share/icons/hicolor/48x48/apps/planwright.png /usr/share/planwright /usr/share/doc/planwright; do
  [ ! -e "$f" ] || fail "$f is still there after the purge"
done
echo "test-deb: the package installs, its app starts, and it purges cleanly"
