"""The NPUKernelBench importer on fixtures written here in the benchmark's layout
(tests/data/npukernelbench-features): the benchmark's own `framework` package on the path, the
csv read as pandas reads it, integer random draws, the float32 rule for float16 kernels CPU torch
lacks, string and list attributes, complex64 tensors, OpDef .Scalar() inputs and ref outputs."""

import json
import pathlib
import subprocess
import sys

import pytest
import torch
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
IMPORTER = ROOT / "python" / "ascendgen" / "importers" / "npukernelbench.py"
FIXTURES = ROOT / "tests" / "data" / "npukernelbench-features"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("imported")
    run = subprocess.run([sys.executable, str(IMPORTER), str(FIXTURES / "tasks"), str(out)],
                         capture_output=True, text=True, check=False)
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["status"] for r in results] == ["imported"] * 6, run.stdout + run.stderr
    return out


def load(task_dir: pathlib.Path) -> dict:
    """task.yaml as data, with its cases by id (the C++ loader's checks are tested in tests/task)."""
    task = yaml.safe_load((task_dir / "task.yaml").read_text())
    task["cases"] = {c["id"]: c for c in task["cases"]}
    return task


def recorded(task_dir: pathlib.Path, case: dict, tensor: str, dtype: torch.dtype) -> torch.Tensor:
    raw = (task_dir / case["data"][tensor]).read_bytes()
    return torch.frombuffer(bytearray(raw), dtype=dtype).reshape(case["shapes"][tensor])


def test_framework_package_of_the_benchmark_is_importable(imported: pathlib.Path) -> None:
    # HalfRsqrt's prepare_inputs.py imports framework.utils, which parses the command line.
    assert (imported / "half_rsqrt" / "task.yaml").is_file()


def test_float16_kernel_missing_on_cpu_is_computed_in_float32(imported: pathlib.Path) -> None:
    task_dir = imported / "half_rsqrt"
    task = load(task_dir)
    x = recorded(task_dir, task["cases"]["0"], "x0", torch.float16)
    (out,) = torch.jit.load(str(task_dir / "reference" / "0.pt"))(x)
    assert out.dtype == torch.float32  # rounded to the output's float16 when compared
    assert torch.allclose(out, torch.rsqrt(x.float()))
    assert task["cases"]["0"]["dtypes"]["y0"] == "float16"
    assert task["cases"]["1"]["dtypes"]["y0"] == "float32"


def test_integer_draws_and_csv_booleans(imported: pathlib.Path) -> None:
    task_dir = imported / "int_equal"
    task = load(task_dir)
    x = recorded(task_dir, task["cases"]["0"], "x0", torch.int8)
    assert x.abs().max() <= 5 and (x != 0).any()  # normal draws truncated to integers
    assert task["attributes"] == [{"name": "attr0", "type": "bool"}]
    assert task["cases"]["0"]["attr0"] is False  # the csv's "False", not a truthy string
    assert task["cases"]["1"]["attr0"] is True
    assert task["cases"]["1"]["dtypes"]["x0"] == "int64"


def test_string_and_list_attributes(imported: pathlib.Path) -> None:
    task = load(imported / "reduce_loss")
    assert task["attributes"] == [{"name": "reduction", "type": "string"}, {"name": "dims", "type": "list_int"},
                                  {"name": "scale", "type": "float"}]
    assert (task["cases"]["1"]["reduction"], task["cases"]["1"]["dims"]) == ("sum", [0, 2])
    assert task["cases"]["1"]["scale"] == 0.5  # validation/pybind.cpp's literal, not the OpDef default


def test_complex64_and_scalar_input_in_the_opdef_dtype(imported: pathlib.Path) -> None:
    task_dir = imported / "complex_scale"
    case = load(task_dir)["cases"]["0"]
    assert case["dtypes"] == {"x": "complex64", "value": "float32", "y": "complex64"}
    x = recorded(task_dir, case, "x", torch.complex64)
    value = recorded(task_dir, case, "value", torch.float32)
    assert value.item() == 1.5
    (out,) = torch.jit.load(str(task_dir / "reference" / "0.pt"))(x, value)
    assert out.dtype == torch.complex64 and torch.equal(out, x * 1.5)


def test_ref_output_updates_its_input_in_place(imported: pathlib.Path) -> None:
    # RefScale's OpDef declares output `var` with its input's name: the kernel gets var's address
    # for both parameters and the result is var's memory after the run.
    task = load(imported / "ref_scale")
    assert task["kernel"]["params"] == ["var", "var_ref", "workspace", "tiling"]
    assert task["outputs"] == [{"name": "var_ref", "dtype": "$dtype", "shape": "$shape", "inplace": "var"}]
    assert task["cases"]["0"]["shapes"]["var_ref"] == [8, 16]


def test_returned_parameter_is_its_input_updated_in_place(imported: pathlib.Path) -> None:
    # ParamScale's OpDef has no output; its binding returns `values`, the first tensor of the
    # EXEC_NPU_CMD call, so OpDef input x: the kernel gets x's address alone.
    task = load(imported / "param_scale")
    assert task["kernel"]["params"] == ["x", "workspace", "tiling"]
    assert task["outputs"] == [{"name": "x_ref", "dtype": "$dtype", "shape": "$shape", "inplace": "x"}]
