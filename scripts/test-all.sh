#!/usr/bin/env bash
# The README's test command: sets up what a fresh Debian 12 machine lacks and runs every test.
#   0. the invariants of ARCHITECTURE.md that a grep can check (scripts/check-invariants.sh);
#   1. the GUI-free engine, simulator, store, API and CLI (cargo test; builds no webkit);
#   2. the CLI against the sample plans, as a user would run it;
#   3. the desktop editor: system packages, npm ci, tauri-driver, selenium (setup-desktop.sh),
#      then the UI unit tests, the bindings drift check and the end-to-end tests on the real
#      window under Xvfb (test-desktop.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== ARCHITECTURE.md invariants that a grep can check"
scripts/check-invariants.sh

echo "== engine, simulator, store, API and CLI: cargo test"
cargo test

echo "== planwright validate plans/ (must exit 0)"
./target/debug/planwright validate plans
echo "== planwright fmt --check plans/ (sample files are canonical)"
./target/debug/planwright fmt --check plans

echo "== desktop: set up"
scripts/setup-desktop.sh
scripts/test-desktop.sh
