#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the main job: every example kernel on the emulator, checked
# against its libtorch reference; prints a pass/fail table and exits non-zero on a failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
"$root/build/examples/ascendgen_examples" "$@"
