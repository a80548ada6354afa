"""Converts KernelBench-layout problems into ascendgen tasks (docs/kernelbench.md).

A problem is one Python file defining `class Model(nn.Module)`, `get_inputs()` and
`get_init_inputs()`, with its shapes as module globals (KernelBench's KernelBench/levelN/*.py,
MultiKernelBench's reference/<category>/*.py). Each file becomes one task with one case: the
inputs get_inputs() draws (seeded) are recorded, the model is traced into a TorchScript module, and
task.yaml is written in the form the candidates take:
- operator (default): a full Ascend C operator as MultiKernelBench's Ascend C backend builds it,
  op type `<Name>Custom`, kernel entry `<name>_custom`, with op_host/ and op_kernel/ files;
- kernel: one kernel source with entry `<name>_custom`, launched on every vector core, whose
  tiling buffer holds each input's then each output's dimensions (int64, in order).

The benchmark's shapes are sized for GPUs (a Level-1 ReLU is 1.6e9 elements); a problem whose
inputs exceed --max-case-mib is refused with its size, and `--set NAME=VALUE` overrides a module
global (e.g. --set batch_size=16 --set dim=4096) before the inputs are drawn, stated in task.yaml.

    python3 kernelbench.py SRC OUT [--level N] [--form operator|kernel] [--set NAME=VALUE]...
                                   [--max-case-mib M] [--force]
SRC is one problem file or a tree of them. Prints one JSON object per problem.
"""
from __future__ import annotations

import argparse
import ast
import inspect
import math
import re
import sys
import types
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from npukernelbench import (ImportError_, attribute_type, case_seed, dtype_name, import_each,  # noqa: E402
                            install_npu_stubs, load_python, record_tensor, run_case, staged_task_dir,
                            to_yaml, torch_functions_wrapped)

CASE_ID = "0"
# Factories whose requested size is checked against --max-case-mib before anything is allocated.
SIZED_FACTORIES = ("rand", "randn", "randint", "zeros", "ones", "empty", "full")


def task_name(path: Path) -> str:
    """'19_ReLU.py' -> 'relu', '1_Square_matrix_multiplication_.py' -> 'square_matrix_multiplication',
    '10_3D_tensor_matrix_multiplication.py' -> 'op_3d_tensor_matrix_multiplication' (the kernel entry
    `<name>_custom` must be a C identifier)."""
    stem = re.sub(r"^\d+_", "", path.stem)
    name = re.sub(r"[^0-9a-z]+", "_", stem.lower()).strip("_")
    return f"op_{name}" if name[:1].isdigit() else name


def pascal_case(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def parse_overrides(pairs: list[str]) -> dict:
    overrides = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.isidentifier():
            raise SystemExit(f"error: --set {pair}: expected NAME=VALUE")
        try:
            overrides[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            raise SystemExit(f"error: --set {pair}: the value is not a Python literal") from None
    return overrides


def requested_bytes(name: str, args: tuple, kwargs: dict) -> int:
    """Bytes a torch factory call would allocate (float32 unless a dtype is given)."""
    if "size" in kwargs:
        size = kwargs["size"]
    elif name == "randint":    # randint(high, size) or randint(low, high, size)
        size = args[-1]
    elif name == "full":       # full(size, fill_value)
        size = args[0]
    else:                      # rand(2, 3) or rand((2, 3))
        size = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list, torch.Size)) else args
    size = [size] if isinstance(size, int) else list(size)
    dtype = kwargs.get("dtype") or (torch.int64 if name == "randint" else torch.float32)
    numel = math.prod(int(d) for d in size) if all(isinstance(d, int) for d in size) else 0
    return numel * torch.tensor([], dtype=dtype).element_size()


def size_limit(limit: int, where: str):
    """Refuses any torch factory call of SIZED_FACTORIES that would bring the inputs drawn so far
    above `limit` bytes, before it allocates."""
    total = [0]

    def guarded(name, original):
        def factory(*args, **kwargs):
            total[0] += requested_bytes(name, args, kwargs)
            if total[0] > limit:
                raise ImportError_(f"{where}: the inputs take more than {limit / 2**20:.3g} MiB "
                                   f"({name}{tuple(args)} brings them to {total[0] / 2**20:.3g} MiB); "
                                   "pass --set NAME=VALUE for the shape globals, or raise --max-case-mib")
            return original(*args, **kwargs)
        return factory

    return torch_functions_wrapped(SIZED_FACTORIES, guarded)


def parameter_names(function, count: int, prefix: str) -> list[str]:
    """The names of a callable's first `count` positional parameters, else prefix0, prefix1, ..."""
    try:
        params = [p for p in inspect.signature(function).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        params = []
    names = [p.name for p in params[:count]]
    if len(names) < count or len(set(names)) < count:
        names = [f"{prefix}{i}" for i in range(count)]
    return names


def import_problem(path: Path, out_root: Path, level: int | None, form: str, overrides: dict,
                   max_bytes: int, force: bool) -> dict:
    name = task_name(path)
    if not name:
        raise ImportError_(f"{path}: no task name can be made from the file name")
    level = level or next((int(p[5:]) for p in path.parts if re.fullmatch(r"level[1-3]", p)), None)
    if level is None:
        raise ImportError_(f"{path}: no level1..level3 directory above the file; pass --level")
    category = path.parent.name.lower()
    if re.fullmatch(r"level\d", category):
        category = "kernelbench"

    install_npu_stubs()
    module = load_python(path, f"_kb_{name}")
    for attr in ("Model", "get_inputs", "get_init_inputs"):
        if not hasattr(module, attr):
            raise ImportError_(f"{path}: defines no {attr}")
    applied = {k: v for k, v in overrides.items() if hasattr(module, k)}
    originals = {k: getattr(module, k) for k in applied}
    for key, value in applied.items():
        setattr(module, key, value)

    where = f"{path}"
    # KernelBench's generators take no case parameters.
    generator = types.SimpleNamespace(get_inputs=lambda _: module.get_inputs(),
                                      get_init_inputs=lambda _: module.get_init_inputs())
    try:
        with size_limit(max_bytes, where):
            run = run_case(generator, module, None, case_seed(name, CASE_ID))
    except ImportError_ as e:
        raise ImportError_(f"{where}: {e}") if not str(e).startswith(where) else e from None
    except Exception as e:
        raise ImportError_(f"{where}: the reference fails: {type(e).__name__}: {e}") from None
    forward_args, init_args, tensors, outputs = run.forward_args, run.init_args, run.forward_tensors, run.outputs
    if any(isinstance(a, torch.Tensor) for a in init_args):
        raise ImportError_(f"{where}: get_init_inputs() returns tensors, which a KernelBench operator cannot take")
    scalars = [a for a in forward_args + init_args if not isinstance(a, torch.Tensor)]
    for value in scalars:
        if attribute_type(value) is None:
            raise ImportError_(f"{where}: an argument is a {type(value).__name__}, which no attribute type holds")
    model = module.Model(*init_args)

    forward_names = parameter_names(model.forward, len(forward_args), "x")   # bound: no self
    input_names = [n for n, a in zip(forward_names, forward_args) if isinstance(a, torch.Tensor)]
    attr_names = [n for n, a in zip(forward_names, forward_args) if not isinstance(a, torch.Tensor)]
    attr_names += parameter_names(type(model), len(init_args), "attr")           # the constructor's
    output_names = ["out"] if len(outputs) == 1 else [f"out{i}" for i in range(len(outputs))]
    taken = set(input_names)
    output_names = [n if n not in taken else f"{n}_out" for n in output_names]
    attr_names = [n if n not in taken | set(output_names) else f"{n}_attr" for n in attr_names]

    with staged_task_dir(out_root, name, force) as staging:
        case = {"id": CASE_ID, "dtypes": {}, "shapes": {}, "data": {}}
        (staging / "data" / CASE_ID).mkdir(parents=True)
        for n, t in zip(input_names, tensors):
            record_tensor(case, staging, CASE_ID, n, t, dtype_name(t, f"{where}: input '{n}'"), data=True)
        for n, t in zip(output_names, outputs):
            record_tensor(case, staging, CASE_ID, n, t, dtype_name(t, f"{where}: output '{n}'"), data=False)
        attributes = []
        for n, v in zip(attr_names, scalars):
            attributes.append({"name": n, "type": attribute_type(v)})
            case[n] = v
        (staging / "reference").mkdir()
        run.traced.save(str(staging / "reference" / f"{CASE_ID}.pt"))

        entry = f"{name}_custom"
        params = input_names + output_names
        kernel = {"form": form, "entry": entry}
        if form == "operator":
            kernel["op"] = pascal_case(entry)
            params += ["workspace", "tiling"]
        # Kernel form: the tiling buffer carries what an operator's TilingFunc would read.
        tiling = [{"name": f"{t}_dim{i}", "value": f"dim({t}, {i})"}
                  for t, shape in case["shapes"].items() for i in range(len(shape))] if form == "kernel" else []
        tiling += [{"name": a["name"], "value": a["name"]} for a in attributes] if form == "kernel" else []
        if tiling:
            params.append("tiling")
        kernel["params"] = params
        task = {
            "name": name, "level": level, "category": category, "description": path.read_text(),
            "kernel": kernel,
            "inputs": [{"name": n, "dtype": "$dtype", "shape": "$shape"} for n in input_names],
            "attributes": attributes,
            "outputs": [{"name": n, "dtype": "$dtype", "shape": "$shape"} for n in output_names],
            "tiling": tiling,
            "reference_module": {"path": "reference/{case}.pt", "inputs": input_names},
            "cases": [case],
        }
        for optional in ("attributes", "tiling"):
            if not task[optional]:
                del task[optional]
        notes = [f"module global {k} set to {v!r} (the benchmark's value: {originals[k]!r})" for k, v in applied.items()]
        (staging / "task.yaml").write_text(to_yaml(task, notes, path, benchmark="KernelBench"))
    return {"source": str(path), "task": name, "dir": str(out_root / name), "cases": 1, "solution": False, "notes": notes}


def find_problems(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.py") if "def get_inputs" in p.read_text(errors="replace"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a problem file or a tree of them")
    parser.add_argument("out", type=Path, help="the suite directory to write tasks into")
    parser.add_argument("--level", type=int, choices=(1, 2, 3), help="level of every task (default: from the path)")
    parser.add_argument("--form", choices=("operator", "kernel"), default="operator", help="what candidates are")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="override a module global (a shape) before the inputs are drawn")
    parser.add_argument("--max-case-mib", type=float, default=64, help="largest inputs recorded per task")
    parser.add_argument("--force", action="store_true", help="replace tasks that exist in OUT")
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"error: {args.source}: no such file or directory", file=sys.stderr)
        return 2
    overrides = parse_overrides(args.overrides)
    problems = find_problems(args.source)
    if not problems:
        print(f"error: {args.source}: no problem files (Python files defining get_inputs) found", file=sys.stderr)
        return 2
    max_bytes = int(args.max_case_mib * 2**20)
    return import_each(problems, lambda path: import_problem(path, args.out, args.level, args.form, overrides,
                                                             max_bytes, args.force))


if __name__ == "__main__":
    sys.exit(main())
