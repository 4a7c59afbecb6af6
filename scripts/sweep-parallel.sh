#!/usr/bin/env bash
# A what-if sweep spread over 4 shards by GNU parallel, merged with `planwright merge`, and
# compared byte for byte with the same sweep run unsharded. Any job runner works the same way
# (a Slurm array, a Kubernetes Indexed Job): each job runs `--shard K/N`, one merge at the end.
#   scripts/sweep-parallel.sh [PLANWRIGHT] [VARY]
set -euo pipefail
cd "$(dirname "$0")/.."
PW=${1:-./target/debug/planwright}
VARY=${2:-agents:Orders=8,9,10,11,12,13,14,16}
OUT=target/sweep-parallel
rm -rf "$OUT" && mkdir -p "$OUT"
command -v parallel >/dev/null || { echo "sweep-parallel: GNU parallel is not installed (apt-get install parallel)" >&2; exit 1; }
parallel --will-cite --halt now,fail=1 "$PW" load sweep monday --vary "$VARY" --seed 7 --replications 2 \
  --shard {}/4 --out "$OUT/shard-{}.json" ::: 1 2 3 4
"$PW" merge "$OUT"/shard-*.json --format json > "$OUT/merged.json"
"$PW" load sweep monday --vary "$VARY" --seed 7 --replications 2 --format json > "$OUT/unsharded.json"
cmp "$OUT/merged.json" "$OUT/unsharded.json"
echo "sweep-parallel: 4 shards by GNU parallel, merged = unsharded ($(wc -c <"$OUT/merged.json") bytes)"
"$PW" merge "$OUT"/shard-*.json | sed -n '1,14p'
