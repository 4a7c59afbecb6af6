#!/usr/bin/env bash
# Fuzzes the loaders with cargo-fuzz (libFuzzer) on the stable toolchain.
#   scripts/fuzz.sh [SECONDS] [TARGET…]     targets: plan scenario schedule (default: all three)
# Each target runs SECONDS (default 60) from the seed corpus, which is the committed sample and
# fixture files (plans/, tests/fixtures/) plus what earlier local runs found (fuzz/corpus/TARGET,
# not committed). A crash stops that target and leaves its input in fuzz/artifacts/TARGET/;
# the script then exits 1. Each input is held to 5 s and 2 GiB (-timeout, -rss_limit_mb), so
# deep nesting, huge inputs and long strings that take longer or more are crashes too.
# Sanitizers: `--sanitizer none` by default (stable); FUZZ_SANITIZER=address with
# RUSTC_BOOTSTRAP=1 builds with AddressSanitizer on the same stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(plan scenario schedule)
sanitizer="${FUZZ_SANITIZER:-none}"
# FUZZ_SEED fixes libFuzzer's random seed (the test command uses 1); unset, each run differs.
seed_arg=()
[ -z "${FUZZ_SEED:-}" ] || seed_arg=(-seed="$FUZZ_SEED")

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz (crates.io)"
  cargo install cargo-fuzz --locked --version 0.13.2
fi

cd fuzz
echo "== building the fuzz targets (sanitizer: $sanitizer)"
mkdir -p target
if ! cargo fuzz build --sanitizer "$sanitizer" >target/fuzz-build.log 2>&1; then
  tail -40 target/fuzz-build.log
  exit 2
fi
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log="target/fuzz-$t.log"
  echo "== fuzzing $t for ${seconds}s"
  if cargo fuzz run --sanitizer "$sanitizer" "$t" "corpus/$t" ../plans ../tests/fixtures -- \
       -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 "${seed_arg[@]}" >"$log" 2>&1; then
    runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo '?')
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)
    echo "   $t: $runs executions, no crash ($cov, corpus $(ls "corpus/$t" | wc -l) inputs)"
  else
    status=1
    echo "   $t: FAILED — the input is in fuzz/artifacts/$t/; the end of the log:"
    grep -v '^"' "$log" | tail -40
  fi
done
exit $status
