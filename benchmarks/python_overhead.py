"""Overhead of the Python layer: ascendgen.evaluate_batch on 64 Level-1 candidates against the C++
CLI (`ascendgen bench --samples`) on the same batch, with 1 and 2 workers. Both run as fresh
processes on a warm compile cache (a first CLI run fills it), so each side pays the same start-up,
reference materialisation, candidate runs and baseline timing; the Python side additionally pays
the interpreter, the import and the binding layer. Prints a markdown table; target: overhead < 5%.

    python benchmarks/python_overhead.py --cli build/src/ascendgen [--repeats 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
CANDIDATES = 64

# The Python side, run in a fresh interpreter: load the batch, score it, report its own timing.
PYTHON_RUN = """
import json, sys, time
import ascendgen
suite = ascendgen.Suite.load(sys.argv[1])
samples = ascendgen.read_samples(sys.argv[2])
start = time.perf_counter()
scored = ascendgen.evaluate_batch([suite[s.task] for s in samples], [s.source for s in samples], workers=int(sys.argv[3]))
print(json.dumps({"in_process_s": time.perf_counter() - start, "statuses": [s.result.status for s in scored]}))
"""


def level1_batch(suite_dir: pathlib.Path, path: pathlib.Path) -> None:
    """64 candidates: every task's reference solution, then baselines until there are 64."""
    import ascendgen

    suite = ascendgen.Suite.load(suite_dir)
    sources = [(t.name, t.solution_source()) for t in suite if t.solution_path]
    sources += [(t.name, t.baseline_source()) for t in suite if t.baseline_path]
    with ascendgen.JsonlWriter(path, append=False) as writer:
        for sample, (task, source) in enumerate(sources[:CANDIDATES]):
            writer.write({"task": task, "sample": sample, "source": source})


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"python_overhead: {' '.join(command[:3])} ... failed:\n{run.stderr[-2000:]}")
    return seconds, run.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=shutil.which("ascendgen") or str(ROOT / "build" / "src" / "ascendgen"))
    parser.add_argument("--suite", default=str(ROOT / "suites" / "level1"))
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side per worker count (median kept)")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = pathlib.Path(scratch_dir)
        samples = scratch / "samples.jsonl"
        level1_batch(pathlib.Path(args.suite), samples)

        def cli(workers: int) -> list[str]:
            return [args.cli, "bench", "--suite", args.suite, "--samples", str(samples), "--workers", str(workers),
                    "--out", str(scratch / "bench-out")]

        def python(workers: int) -> list[str]:
            return [sys.executable, "-c", PYTHON_RUN, args.suite, str(samples), str(workers)]

        print("python_overhead: warming the compile cache with one CLI run", file=sys.stderr, flush=True)
        timed(cli(2))
        rows = []
        for workers in (1, 2):
            cli_s, py_s, in_process = [], [], []
            for repeat in range(args.repeats):  # alternate the sides so machine load hits both alike
                print(f"python_overhead: workers {workers}, run {repeat + 1}/{args.repeats}", file=sys.stderr, flush=True)
                cli_s.append(timed(cli(workers))[0])
                seconds, out = timed(python(workers))
                report = json.loads(out.splitlines()[-1])
                if report["statuses"].count("pass") != CANDIDATES:
                    raise SystemExit(f"python_overhead: not every candidate passed: {report['statuses']}")
                py_s.append(seconds)
                in_process.append(report["in_process_s"])
            cli_m, py_m = statistics.median(cli_s), statistics.median(py_s)
            rows.append({"workers": workers, "cli_s": cli_m, "python_s": py_m,
                         "python_in_process_s": statistics.median(in_process), "overhead": py_m / cli_m - 1})

    print(f"| workers | `ascendgen bench --samples` | Python (process) | evaluate_batch (in process) | overhead |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['workers']} | {r['cli_s']:.2f} s | {r['python_s']:.2f} s | {r['python_in_process_s']:.2f} s "
              f"| {100 * r['overhead']:+.1f}% |")
    print(f"\n{CANDIDATES} Level-1 candidates, warm compile cache, median of {args.repeats} runs each.")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
