#!/usr/bin/env bash
# The README's test command: sets up what a fresh Debian 12 machine lacks and runs every test.
#   0. the invariants of ARCHITECTURE.md that a grep can check (scripts/check-invariants.sh),
#      each check shown able to fail (scripts/test-invariants.py);
#   1. the GUI-free engine, simulator, store, API and CLI (cargo test; builds no webkit);
#   2. the CLI against the sample plans, as a user would run it, and a short fuzz smoke run;
#   3. the desktop editor: system packages, npm ci, tauri-driver, selenium (setup-desktop.sh),
#      then the UI unit tests, the bindings drift check and the end-to-end tests on the real
#      window under Xvfb (test-desktop.sh);
#   4. the Debian package: built (the one release build of the run), installed with apt, the
#      installed CLI and menu entry checked, the installed app started under Xvfb, purged
#      (test-deb.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# Disk: a CI machine's free space varies (a run once stopped on "No space left on device" while
# linking the test binaries). The run keeps its peak low: no incremental caches (a clean build
# gains nothing from them), debug builds without line tables (they were 70 % of each test
# binary's size), and what a later step no longer needs is removed when its step ends (the
# integration test binaries, the fuzz build, the debug tree before the release build). Each
# step's end prints the free space and the size of target/.
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG=0
disk() {
  echo "disk after $1: $(df -h --output=avail . | tail -1 | tr -d ' ') free, target/ $(du -sh target 2>/dev/null | cut -f1), fuzz/target $(du -sh fuzz/target 2>/dev/null | cut -f1)"
}

echo "== ARCHITECTURE.md invariants that a grep can check"
scripts/check-invariants.sh
echo "== every one of those checks shown to fail on a tree that breaks it (scripts/test-invariants.py)"
python3 scripts/test-invariants.py

# The full-disk tests mount a small tmpfs (full disk, read-only folder). As root, where mounting
# works, they must run: a skip is a failure (PLANWRIGHT_REQUIRE_MOUNT).
if [ "$(id -u)" = 0 ]; then
  export PLANWRIGHT_REQUIRE_MOUNT=1
fi

echo "== engine, simulator, store, API and CLI: cargo test"
cargo test

echo "== planwright validate plans/ (must exit 0)"
./target/debug/planwright validate plans
echo "== planwright fmt --check plans/ (sample files are canonical)"
./target/debug/planwright fmt --check plans

echo "== planwright test (the sample plan tests, JUnit XML to target/plan-tests.xml)"
./target/debug/planwright test --junit target/plan-tests.xml

echo "== planwright route: the sample destinations and mappings (checks, a number, a tester's number)"
./target/debug/planwright route
./target/debug/planwright route "+44 800 123 4567"
./target/debug/planwright route +448001234567 --from +447700900999

echo "== planwright load: the sample load model is canonical and clean, and a day of it runs"
./target/debug/planwright load fmt --check monday
./target/debug/planwright load check monday
./target/debug/planwright load run monday --keep 0 > target/load-monday.txt
head -3 target/load-monday.txt

disk "cargo test and the CLI checks"
# The test binaries have run: the desktop build needs only the libraries (rlibs, proc-macro .so).
find target/debug/deps -maxdepth 1 -type f -executable ! -name "*.*" -delete

echo "== fuzz smoke: 20 s of each loader's fuzz target (scripts/fuzz.sh)"
FUZZ_SEED=1 scripts/fuzz.sh 20
disk "the fuzz smoke run"
rm -rf fuzz/target

echo "== desktop: set up"
scripts/setup-desktop.sh
echo "== a sweep in 4 shards run by GNU parallel, merged = unsharded (scripts/sweep-parallel.sh)"
scripts/sweep-parallel.sh ./target/debug/planwright
echo "== a load run's per-interaction Parquet file read back by DuckDB (scripts/check-parquet.py)"
./target/debug/planwright load run monday --seed 1 --keep 0 --format json --interactions target/load-monday.parquet > target/load-monday.json
target/e2e-venv/bin/python scripts/check-parquet.py target/load-monday.parquet target/load-monday.json
echo "== the JUnit file read back by a JUnit parser (junitparser)"
target/e2e-venv/bin/python scripts/check-junit.py target/plan-tests.xml
scripts/test-desktop.sh
disk "the desktop tests"
# The Debian package is a release build; the debug tree is not used again.
rm -rf target/debug

echo "== the Debian package: build, install, start the installed app, purge (scripts/test-deb.sh)"
scripts/test-deb.sh
disk "the Debian package"
