#!/usr/bin/env bash
# Conformance run over a public benchmark written for the real CANN toolchain (docs/npukernelbench.md):
#   bash scripts/conformance.sh PATH-TO-NPUKERNELBENCH [--out DIR] [--workers N] [--level N] [--timeout S]
# imports every task under PATH (its tasks/ folder, or PATH itself), benches each level's reference
# answers on the emulator and writes DIR/report.md and DIR/report.json: one row per source task
# (imported, compiled, passed, and the reason or first diagnostic where it stops) and the totals.
# DIR (default conformance-out/) keeps the imported suite (DIR/suite), the import log and each
# level's bench report (DIR/levelN). Needs a build (scripts/setup.sh makes one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { echo "usage: bash scripts/conformance.sh PATH-TO-NPUKERNELBENCH [--out DIR] [--workers N] [--level N] [--timeout S]" >&2; exit 2; }

(($#)) || usage
source_root="$1"; shift
out="conformance-out" workers="$(nproc)" levels=(1 2 3) bench_extra=()
while (($#)); do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --workers) workers="${2:?--workers needs a number}"; shift 2 ;;
    --level) levels=("${2:?--level needs 1, 2 or 3}"); shift 2 ;;
    --timeout) bench_extra+=(--timeout "${2:?--timeout needs seconds}"); shift 2 ;;
    *) usage ;;
  esac
done
[[ -d "$source_root" ]] || { echo "conformance: $source_root: no such directory" >&2; exit 2; }
tasks="$source_root"
[[ -d "$source_root/tasks" ]] && tasks="$source_root/tasks"
ascendgen="${ASCENDGEN:-$root/build/src/ascendgen}"
[[ -x "$ascendgen" ]] || { echo "conformance: $ascendgen is not built; run scripts/setup.sh first" >&2; exit 2; }
python="${ASCENDGEN_PYTHON:-/usr/bin/python3}"

mkdir -p "$out"
echo "== import: $tasks -> $out/suite"
# A task that fails to import makes the exit status 1; the report counts it, so go on.
"$ascendgen" import npukernelbench "$tasks" --out "$out/suite" --force >"$out/import.txt" 2>"$out/import.log" || true
echo "   tasks imported: $(grep -c " imported$" "$out/import.txt" || true)"

benched=()
for level in "${levels[@]}"; do
  echo "== bench: level $level"
  rm -rf "$out/level$level"
  if "$ascendgen" bench --suite "$out/suite" --level "$level" --workers "$workers" --out "$out/level$level" \
       "${bench_extra[@]}" >"$out/level$level.log" 2>&1; then
    benched+=("$out/level$level")
  elif grep -q -e 'nothing to evaluate' -e 'no subdirectory holds a task.yaml' "$out/level$level.log"; then
    echo "   no imported answer at this level"
  else
    tail -3 "$out/level$level.log" >&2
  fi
done

"$python" "$root/scripts/conformance_report.py" --tasks "$tasks" --suite "$out/suite" --import-log "$out/import.log" \
  --out "$out" "${benched[@]}"
