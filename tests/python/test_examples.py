"""The Python examples run: the suite notebook end to end, the GRPO loop for a few steps with a
tiny random model on the CPU."""

import importlib.util
import json
import pathlib
import subprocess
import sys

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "python"


def load_example(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_grpo_loop_learns_from_a_scored_group(tmp_path: pathlib.Path) -> None:
    grpo = load_example("grpo_loop")
    log = tmp_path / "grpo.jsonl"
    argv = ["--tiny", "--steps", "2", "--group", "3", "--max-new-tokens", "16", "--tasks", "relu",
            "--demonstrations", "--lr", "0.01", "--log", str(log), "--seed", "0"]
    policy, history = grpo.main(argv)
    assert [json.loads(line) for line in log.read_text().splitlines()] == history
    for entry in history:
        assert entry["statuses"][-1] == "pass" and len(entry["rewards"]) == 4
        assert entry["rewards"][-1] > max(entry["rewards"][:-1])
    torch.manual_seed(0)
    untrained = grpo.TinyPolicy()
    changed = [not torch.equal(a, b) for a, b in zip(policy.parameters(), untrained.parameters())]
    assert any(changed)


def test_evaluate_suite_prints_a_table(tmp_path: pathlib.Path) -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "evaluate_suite.py"), "--limit", "2", "--out", str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=600,
    )
    rows = [line.split() for line in run.stdout.splitlines() if line.split()[:1] in (["abs"], ["add"])]
    assert [row[:2] for row in rows] == [["abs", "pass"], ["add", "pass"]]
    assert "pass@1 1.000" in run.stdout
