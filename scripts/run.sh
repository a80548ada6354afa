#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the main job: `ascendgen bench` over the built-in Level-1 suite
# (every task's reference solution compiled, run in a sandboxed worker on the emulated 910B2 and
# judged against its libtorch reference), with a progress bar; reports land in bench-out/.
# Extra arguments go to `ascendgen bench` (e.g. --samples FILE.jsonl, --level 1, --soc Ascend910B4).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
build/src/ascendgen bench --suite suites/level1 --out bench-out --workers "$(nproc)" "$@"
