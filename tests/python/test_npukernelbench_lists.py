"""The NPUKernelBench importer on a Foreach-style fixture written here
(tests/data/npukernelbench-lists): forward arguments that are lists of tensors become task.yaml
tensor lists (`list: true`, shapes and recorded data per element), and a returned list becomes
the OpDef's one DYNAMIC output."""

import json
import pathlib
import subprocess
import sys

import pytest
import torch
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
IMPORTER = ROOT / "python" / "ascendgen" / "importers" / "npukernelbench.py"
FIXTURES = ROOT / "tests" / "data" / "npukernelbench-lists"


@pytest.fixture(scope="module")
def task_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("imported")
    run = subprocess.run([sys.executable, str(IMPORTER), str(FIXTURES), str(out)], capture_output=True, text=True,
                         check=False)
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["status"] for r in results] == ["imported"], run.stdout + run.stderr
    return out / "foreach_scaled_add"


def test_list_arguments_become_tensor_lists(task_dir: pathlib.Path) -> None:
    task = yaml.safe_load((task_dir / "task.yaml").read_text())
    assert task["inputs"] == [{"name": "x1", "dtype": "$dtype", "list": True}, {"name": "x2", "dtype": "$dtype", "list": True},
                              {"name": "alpha", "dtype": "$dtype", "shape": "$shape"}]
    assert task["outputs"] == [{"name": "y", "dtype": "$dtype", "list": True}]
    case = {c["id"]: c for c in task["cases"]}["1"]
    assert case["shapes"]["x1"] == [[3, 40], [16, 8], [1, 200]]
    assert case["shapes"]["y"] == [[3, 40], [16, 8], [1, 200]]
    assert case["data"]["x2"] == ["data/1/x2.0.bin", "data/1/x2.1.bin", "data/1/x2.2.bin"]
    assert case["data"]["alpha"] == "data/1/alpha.bin"
    assert (task_dir / "data" / "1" / "x2.2.bin").stat().st_size == 200 * 4


def test_the_traced_reference_takes_lists_and_returns_each_tensor(task_dir: pathlib.Path) -> None:
    task = yaml.safe_load((task_dir / "task.yaml").read_text())
    case = {c["id"]: c for c in task["cases"]}["2"]
    dtype = torch.float16
    lists = [[torch.frombuffer(bytearray((task_dir / f).read_bytes()), dtype=dtype).reshape(s)
              for f, s in zip(case["data"][n], case["shapes"][n])] for n in ("x1", "x2")]
    alpha = torch.frombuffer(bytearray((task_dir / case["data"]["alpha"]).read_bytes()), dtype=torch.float32).reshape([])
    outputs = torch.jit.load(str(task_dir / "reference" / "2.pt"))(lists[0], lists[1], alpha)
    assert len(outputs) == 3
    assert all(torch.equal(out, a + b * alpha.to(dtype)) for out, a, b in zip(outputs, *lists))
