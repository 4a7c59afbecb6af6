#!/usr/bin/env bash
# Load figures: the criterion benchmarks (crates/planwright-sim/benches/load.rs: a day of
# 100,000 interactions with 200 agents on 3 queues and the sample routes, against a batch of
# the same size in the same run, and a sweep of 10 points), then the release CLI on the same
# day and on a day of 1,000,000 interactions, with its peak memory (GNU time's maximum RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p planwright-sim --bench load -- --noplot 2>&1 | grep -E "^load|time:|load day" || true
cargo build --release -p planwright-cli
PLANS=target/bench-load/plans
for l in bench-100k bench-1m; do
  /usr/bin/time -f "$l: %e s wall, max RSS %M KB" ./target/release/planwright load run "$PLANS/load/$l.json" --keep 0 --format json \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); r=d["report"]; print("  %d interactions, %d events in %.3f s: %.0f events/s" % (r["interactions"], r["events"], d["elapsed_s"], d["events_per_s"]))'
done
