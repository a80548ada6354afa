# %% [markdown]
# # Evaluating a suite from Python
# Notebook-style script (cells marked `# %%`; run it whole with `python evaluate_suite.py`, or cell
# by cell in VS Code / Jupyter). It evaluates each task's reference solution and naive baseline,
# prints a table of statuses, predicted NPU times and speedups, computes the benchmark metrics and,
# when matplotlib is installed, plots the speedups.

# %%
import argparse
import pathlib
import sys

import ascendgen

ROOT = pathlib.Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--suite", default=str(ROOT / "suites" / "level1"))
parser.add_argument("--limit", type=int, default=0, help="first N tasks only (0: all)")
parser.add_argument("--workers", type=int, default=2)
parser.add_argument("--out", default="evaluate-suite-out", help="where the plot goes")
args = parser.parse_args(sys.argv[1:] if "ipykernel" not in sys.modules else [])

# %% Load the suite and gather one candidate per task: its reference solution.
suite = ascendgen.Suite.load(args.suite)
tasks = [t for t in suite if t.solution_path][: args.limit or None]
print(f"{len(tasks)} tasks from {suite.dir}")

# %% Evaluate them all at once; the GIL is released while the C++ evaluator works.
done = []
scored = ascendgen.evaluate_batch(
    tasks, [t.solution_source() for t in tasks], workers=args.workers, progress=lambda d, n: done.append(d)
)

# %% A table: status, predicted NPU time, speedup over the naive baseline, reward.
print(f"{'task':<20} {'status':<14} {'predicted_us':>12} {'speedup':>8} {'reward':>7}")
for task, s in zip(tasks, scored):
    speedup = f"{s.speedup:8.2f}" if s.speedup else f"{'-':>8}"
    print(f"{task.name:<20} {s.result.status:<14} {s.result.predicted_us:12.2f} {speedup} {s.reward:7.2f}")

# %% Benchmark metrics over these samples (one per task).
outcomes = [
    ascendgen.SampleOutcome(t.name, t.level, s.result.compiled, s.result.correct, s.speedup)
    for t, s in zip(tasks, scored)
]
metrics = ascendgen.compute_metrics(outcomes, k=[1])
print(f"pass@1 {metrics.overall.pass_at_k[1]:.3f}  score {metrics.score:.3f}  fast_p {dict(metrics.overall.fast_p)}")

# %% Plot the speedups when matplotlib is available.
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no plot")
else:
    timed = [(t.name, s.speedup) for t, s in zip(tasks, scored) if s.speedup]
    figure, axes = plt.subplots(figsize=(max(6, len(timed) * 0.25), 4))
    axes.bar([name for name, _ in timed], [speedup for _, speedup in timed])
    axes.axhline(1.0, color="gray", linewidth=0.8)
    axes.set_ylabel("speedup over the naive baseline (predicted)")
    axes.tick_params(axis="x", labelrotation=90)
    figure.tight_layout()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    figure.savefig(out / "speedups.png", dpi=120)
    print(f"plot: {out / 'speedups.png'}")
