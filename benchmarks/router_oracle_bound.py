"""How much any router could save on the default workload: an ex-ante oracle that knows every
task's true pass probability on every model picks, per task, the model minimising
cost - lambda * pass probability; sweeping lambda traces the least cost at each pass-rate loss
against always-largest. Latency is left out (it depends on load); cost is what the spec fixes.

The tasks are drawn as the C++ default workload draws them (src/router/default_workload.cpp: a
task's difficulty = category offset + difficulty_sigma * a normal partly shared with its
complexity; each model's per-level intercept calibrated to its pass rate), from the same two data
files, with NumPy's generator instead of the simulator's seeded hash, so the figures are those of
the workload's model, averaged over seeds, not of one run of `ascendgen route simulate`.

    python benchmarks/router_oracle_bound.py [--seeds 20]
"""

from __future__ import annotations

import argparse
import math
import pathlib

import numpy as np
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
LAMBDAS = [0.03, 0.1, 0.2, 0.3, 0.5, 1.0]  # USD per unit of pass probability


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def calibrate(difficulty: np.ndarray, rate: float) -> float:
    """The intercept a with mean(sigmoid(a - difficulty)) == rate (bisection, as in C++)."""
    if rate <= 0:
        return -40.0
    lo, hi = -40.0, 40.0
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if sigmoid(mid - difficulty).mean() < rate else (lo, mid)
    return 0.5 * (lo + hi)


def draw_tasks(spec: dict, pool: dict, rng: np.random.Generator):
    """Per task: weight (its share of requests), pass probability and expected cost per model."""
    models = [m["name"] for m in pool["models"]]
    price = {m["name"]: m["price_per_mtok"] for m in pool["models"]}
    rho = spec["complexity"]["difficulty"]
    weights, passes, costs = [], [], []
    for level, count in spec["tasks_per_level"].items():
        cats = [(c, v) for c, v in spec["categories"].items() if level in v["share"]]
        share = np.array([v["share"][level] for _, v in cats], float)
        chosen = rng.choice(len(cats), count, p=share / share.sum())
        complexity, own = rng.standard_normal(count), rng.standard_normal(count)
        offset = np.array([cats[c][1]["difficulty"] for c in chosen])
        difficulty = offset + spec["difficulty_sigma"] * (rho * complexity + math.sqrt(1 - rho * rho) * own)
        length_shift = np.array([cats[c][1]["length"] for c in chosen]) + spec["complexity"]["length"] * complexity
        prompt = spec["prompt_tokens"][level]
        p, c = [], []
        for m in models:
            truth = spec["models"][m]
            p.append(sigmoid(calibrate(difficulty, truth["pass_rate"][level]) - difficulty))
            q = truth["output_tokens"][level]
            sigma = (math.log(q["p90"]) - math.log(q["p50"])) / 1.2816  # log-normal through p50 and p90
            tokens = q["p50"] * np.exp(length_shift + sigma * sigma / 2)
            c.append((prompt * price[m]["input"] + tokens * price[m]["output"]) / 1e6)
        weights.append(np.full(count, spec["level_share"][level] / count))
        passes.append(np.stack(p, axis=1))
        costs.append(np.stack(c, axis=1))
    largest = int(np.argmax([m["parameters_b"] for m in pool["models"]]))
    return np.concatenate(weights), np.concatenate(passes), np.concatenate(costs), largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pool", default=str(ROOT / "data" / "router" / "default_pool.yaml"))
    parser.add_argument("--workload", default=str(ROOT / "data" / "router" / "default_workload.yaml"))
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    pool = yaml.safe_load(pathlib.Path(args.pool).read_text())
    spec = yaml.safe_load(pathlib.Path(args.workload).read_text())

    loss = np.zeros(len(LAMBDAS))
    saving = np.zeros(len(LAMBDAS))
    for seed in range(args.seeds):
        w, p, c, largest = draw_tasks(spec, pool, np.random.default_rng(seed))
        base_p, base_c = (w * p[:, largest]).sum(), (w * c[:, largest]).sum()
        for i, lam in enumerate(LAMBDAS):
            pick = np.argmin(c - lam * p, axis=1)
            rows = np.arange(len(w))
            loss[i] += 100 * (base_p - (w * p[rows, pick]).sum()) / args.seeds
            saving[i] += 100 * (1 - (w * c[rows, pick]).sum() / base_c) / args.seeds
        print(f"\rseed {seed + 1}/{args.seeds}", end="", flush=True)
    print()
    print("| lambda (USD per pass) | pass-rate loss (points) | cost saving vs largest |")
    print("|---|---|---|")
    for lam, l, s in zip(LAMBDAS, loss, saving):
        print(f"| {lam:g} | {l:.2f} | {s:.0f}% |")


if __name__ == "__main__":
    main()
