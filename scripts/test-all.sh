#!/usr/bin/env bash
# The README's test command: sets up what is missing and runs every test.
#   1. the GUI-free engine, simulator, store and CLI (cargo test; no webkit needed);
#   2. the CLI against the sample plans and the broken fixtures, as a user would run it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== engine, simulator, store and CLI: cargo test"
cargo test

echo "== planwright validate plans/ (must exit 0)"
./target/debug/planwright validate plans
echo "== planwright fmt --check plans/ (sample files are canonical)"
./target/debug/planwright fmt --check plans
