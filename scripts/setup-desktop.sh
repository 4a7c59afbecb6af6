#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test the Planwright desktop
# editor: the Tauri 2 / WebKitGTK system packages, Xvfb and WebKitWebDriver for the
# end-to-end tests, ImageMagick for screenshots, what the .deb package needs (dpkg-dev for
# dpkg-shlibdeps, desktop-file-utils, Pillow for the icon sizes; scripts/build-deb.sh), GNU
# parallel for the sharded sweep (scripts/sweep-parallel.sh), the UI's
# npm packages (npm ci), every crate of Cargo.lock (cargo fetch, so later builds are offline),
# tauri-driver and Python selenium. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver imagemagick
  python3-pip python3-venv dpkg-dev desktop-file-utils python3-pil parallel)
# Callers may add packages of their own (scripts/bench-canvas.sh: the harness's GTK bindings).
read -r -a extra <<<"${SETUP_EXTRA_APT:-}"
APT_PACKAGES+=("${extra[@]}")

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup-desktop: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # Another build on the machine may hold dpkg's lock: wait for it rather than fail.
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm_major=$(npm --version | cut -d. -f1)
if [ "$npm_major" -lt 11 ]; then
  echo "setup-desktop: npm $(npm --version) found; the UI (Vite 8) needs npm 11 or later: run 'npm install -g npm@11'" >&2
  exit 1
fi
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup-desktop: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund)
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup-desktop: cargo install tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi

# Every crate of Cargo.lock in cargo's cache, so the builds after setup (scripts/build-deb.sh's
# release build among them) need no network.
cargo fetch --locked --quiet

# selenium for the end-to-end tests, junitparser for reading back `planwright test`'s JUnit
# file and DuckDB for reading back a load run's Parquet file, in a venv under target/
# (Debian's pip refuses system installs).
VENV=target/e2e-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import selenium, junitparser, duckdb' 2>/dev/null; then
  echo "setup-desktop: pip install selenium junitparser duckdb into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q selenium junitparser duckdb
fi
echo "setup-desktop: done"
