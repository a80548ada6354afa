#!/usr/bin/env bash
# Builds and runs the benchmarks and prints their tables (markdown, as in README.md).
# Usage: bash benchmarks/run_all.sh            (build directory: build/, or $BUILD_DIR)
# The Python overhead needs the package installed into .venv (scripts/test.sh does it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  echo "run_all.sh: $build is not configured; run 'bash scripts/setup.sh' first" >&2
  exit 1
fi
cmake -S "$root" -B "$build" -DASCENDGEN_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target compile_latency emulated_add emulated_matmul timing_overhead eval_latency level3_latency route_decision router_oracle_bound ascendgen_cli ascendgen_torch -j "$(nproc)"

echo "## compile_latency"
"$build/benchmarks/compile_latency"
echo
echo "## emulated_add"
"$build/benchmarks/emulated_add"
echo
echo "## emulated_matmul"
"$build/benchmarks/emulated_matmul"
echo
echo "## timing_overhead"
"$build/benchmarks/timing_overhead"
echo
echo "## eval_latency (one core)"
taskset -c 0 "$build/benchmarks/eval_latency"
echo
echo "## level3_latency (one core)"
taskset -c 0 "$build/benchmarks/level3_latency"
echo
echo "## bench throughput"
BUILD_DIR="$build" bash "$root/benchmarks/bench_throughput.sh"
echo
echo "## route_decision"
"$build/benchmarks/route_decision"
echo
echo "## route simulate (default workload)"
"$build/src/ascendgen" route simulate --pool "$root/data/router/default_pool.yaml"
echo
echo "## router_oracle_bound"
"$build/benchmarks/router_oracle_bound"
echo
echo "## python_overhead (needs the package installed in .venv: bash scripts/test.sh)"
"$root/.venv/bin/python" "$root/benchmarks/python_overhead.py" --cli "$build/src/ascendgen" --repeats 5
