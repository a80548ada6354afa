#!/usr/bin/env bash
# Conformance run over a public benchmark written for the real CANN toolchain (docs/npukernelbench.md):
#   bash scripts/conformance.sh PATH-TO-NPUKERNELBENCH [--out DIR] [--workers N] [--level N] [--timeout S] [--keep]
# imports every task under PATH (its tasks/ folder, or PATH itself), benches its reference answer on
# the emulator and writes DIR/report.md and DIR/report.json: one row per source task (imported,
# compiled, passed, and the reason or first diagnostic where it stops) and the totals per level.
# Tasks go one at a time: the recorded inputs of all 157 NPUKernelBench tasks take over 100 GB, so
# each task's data and references are deleted once it is benched (--keep keeps them); its task.yaml,
# the import log (DIR/import.log) and its bench report (DIR/bench/<task>/) stay.
# Needs a build (scripts/setup.sh makes one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() {
  echo "usage: bash scripts/conformance.sh PATH-TO-NPUKERNELBENCH [--out DIR] [--workers N] [--level N] [--timeout S] [--keep]" >&2
  exit 2
}

(($#)) || usage
source_root="$1"; shift
out="conformance-out" workers="$(nproc)" level="" keep=0 bench_extra=()
while (($#)); do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --workers) workers="${2:?--workers needs a number}"; shift 2 ;;
    --level) level="${2:?--level needs 1, 2 or 3}"; shift 2 ;;
    --timeout) bench_extra+=(--timeout "${2:?--timeout needs seconds}"); shift 2 ;;
    --keep) keep=1; shift ;;
    *) usage ;;
  esac
done
[[ -d "$source_root" ]] || { echo "conformance: $source_root: no such directory" >&2; exit 2; }
tasks="$source_root"
[[ -d "$source_root/tasks" ]] && tasks="$source_root/tasks"
ascendgen="${ASCENDGEN:-$root/build/src/ascendgen}"
[[ -x "$ascendgen" ]] || { echo "conformance: $ascendgen is not built; run scripts/setup.sh first" >&2; exit 2; }
python="${ASCENDGEN_PYTHON:-/usr/bin/python3}"

# Every directory holding validation/test_cases.csv is a task (as the importer finds them).
mapfile -t task_dirs < <(find "$tasks" -path '*/validation/test_cases.csv' -printf '%h\n' | xargs -r -n1 dirname | sort)
if [[ -n "$level" ]]; then
  mapfile -t task_dirs < <(printf '%s\n' "${task_dirs[@]}" | grep "/level$level/" || true)
fi
((${#task_dirs[@]})) || { echo "conformance: $tasks: no task directories (validation/test_cases.csv)" >&2; exit 2; }

rm -rf "$out/suite" "$out/bench" "$out/import.log" "$out/import.txt"
mkdir -p "$out/suite" "$out/bench"
total=${#task_dirs[@]} i=0
for task_dir in "${task_dirs[@]}"; do
  i=$((i + 1))
  before=$(ls "$out/suite")
  # A task that fails to import makes the exit status 1; its error line goes into the report.
  "$ascendgen" import npukernelbench "$task_dir" --out "$out/suite" >>"$out/import.txt" 2>>"$out/import.log" || true
  name=$(comm -13 <(echo "$before") <(ls "$out/suite") | head -1)
  verdict="not imported"
  if [[ -n "$name" && -d "$out/suite/$name/solution" ]]; then
    # bench runs every task of a suite: give it a suite of this one task.
    single="$out/single"
    rm -rf "$single" && mkdir -p "$single" && ln -s "$(cd "$out/suite/$name" && pwd)" "$single/$name"
    "$ascendgen" bench --suite "$single" --workers "$workers" --out "$out/bench/$name" "${bench_extra[@]}" \
      >"$out/bench/$name.log" 2>&1 || true
    verdict=$(sed -n 's/^[0-9]* candidates in .*: //p' "$out/bench/$name.log" | head -1)
    verdict=${verdict:-"bench failed: $(tail -1 "$out/bench/$name.log")"}
    rm -rf "$single"
  elif [[ -n "$name" ]]; then
    verdict="imported, no answer"
  fi
  if [[ -n "$name" && $keep == 0 ]]; then
    rm -rf "$out/suite/$name/data" "$out/suite/$name/reference"
  fi
  echo "[$i/$total] ${task_dir#"$tasks"/}: $verdict"
done

"$python" "$root/scripts/conformance_report.py" --tasks "$tasks" --suite "$out/suite" --import-log "$out/import.log" \
  --out "$out" ${level:+--level "$level"} "$out"/bench/*/
