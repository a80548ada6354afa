#!/usr/bin/env bash
# Throughput of `ascendgen bench` on the Level-1 suite with 1 and 2 workers, cold (empty compile
# cache) and warm (every kernel already compiled). Prints a markdown table.
# Usage: bash benchmarks/bench_throughput.sh   (build directory: build/, or $BUILD_DIR)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tasks=$(find "$root/suites/level1" -name task.yaml | wc -l)

run() {  # workers cache-dir -> seconds
  local start end
  start=$(date +%s.%N)
  XDG_CACHE_HOME="$2" "$build/src/ascendgen" bench --suite "$root/suites/level1" --workers "$1" \
    --out "$scratch/out" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

echo "| workers | cache | wall time | tasks/s |"
echo "|---|---|---|---|"
for workers in 1 2; do
  cold="$scratch/cache-$workers"
  t=$(run "$workers" "$cold")
  printf '| %d | cold | %.1f s | %.2f |\n' "$workers" "$t" "$(awk -v n="$tasks" -v t="$t" 'BEGIN { print n / t }')"
  t=$(run "$workers" "$cold")
  printf '| %d | warm | %.1f s | %.2f |\n' "$workers" "$t" "$(awk -v n="$tasks" -v t="$t" 'BEGIN { print n / t }')"
done
