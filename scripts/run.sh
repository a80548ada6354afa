#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the main job: `ascendgen bench` over the built-in suites,
# Level 1, 2 and 3 (every task's reference solution compiled, run in a sandboxed worker on the
# emulated 910B2, judged against its libtorch reference and timed against its baseline), with a
# progress bar per suite; reports land in bench-out/level1, level2, level3, and the last line is
# NPUKernelBench's level-weighted score over the three.
# Extra arguments go to every `ascendgen bench` (e.g. --soc Ascend910B4, --timeout 20).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
for level in level1 level2 level3; do
  echo "== suites/$level"
  build/src/ascendgen bench --suite "suites/$level" --out "bench-out/$level" --workers "$(nproc)" "$@"
done
# Each suite's score already carries its level's weight (0.2 / 0.3 / 0.5), so the total is their sum.
.venv/bin/python - bench-out/level1 bench-out/level2 bench-out/level3 <<'PY'
import json, sys
scores = [json.load(open(f"{d}/summary.json"))["metrics"]["score"] for d in sys.argv[1:]]
print("NPUKernelBench score over Levels 1-3: {:.3f} (".format(sum(scores))
      + ", ".join(f"{d.split('/')[-1]} {s:.3f}" for d, s in zip(sys.argv[1:], scores)) + "; at most 1.000)")
PY
