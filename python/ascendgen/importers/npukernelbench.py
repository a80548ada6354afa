"""Converts NPUKernelBench task directories into ascendgen tasks (docs/npukernelbench.md).

A source task directory holds api_desc.md, validation/module.py (the PyTorch `Model`),
validation/prepare_inputs.py (`get_inputs(param)`, `get_init_inputs(param)`),
validation/test_cases.csv (';'-separated, one row per case) and optionally answer/<n>/ and
question/ with op_host/ and op_kernel/ sources. For every case the importer runs the input
generator (seeded), records its tensors as raw files, traces the model with that case's
constructor arguments into a TorchScript module, and writes task.yaml in the operator form.

Runs as a script (this is what `ascendgen import npukernelbench` does) or as a module:
    python3 npukernelbench.py SRC OUT [--level N] [--force]
It needs torch and nothing from ascendgen. Each task is written to a temporary directory and
renamed into place, so a task that fails to import leaves nothing behind.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import re
import shutil
import sys
import tempfile
import types
from dataclasses import dataclass, field
from pathlib import Path

import torch

# torch dtype -> the task format's dtype name (docs/tasks.md)
DTYPE_NAMES = {
    torch.float16: "float16", torch.bfloat16: "bfloat16", torch.float32: "float32", torch.int8: "int8",
    torch.uint8: "uint8", torch.int16: "int16", torch.int32: "int32", torch.int64: "int64", torch.bool: "bool",
}
# ge::DataType names in OpDef DataType lists -> dtype names
GE_DTYPES = {
    "DT_FLOAT16": "float16", "DT_BF16": "bfloat16", "DT_FLOAT": "float32", "DT_INT8": "int8", "DT_UINT8": "uint8",
    "DT_INT16": "int16", "DT_INT32": "int32", "DT_INT64": "int64", "DT_BOOL": "bool",
}


class ImportError_(Exception):
    """A task that cannot be converted; the message names the file at fault."""


# --- the NPU-only modules a reference imports -----------------------------------------------------

class _NpuOnly(types.ModuleType):
    """Stands in for torch_npu and the kernel module: importing works, using them is an error."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError_(f"the reference uses {self.__name__}.{name}, which has no CPU implementation")


def install_npu_stubs() -> None:
    for name in ("torch_npu", "torch_npu.contrib", "torch_npu.contrib.transfer_to_npu", "kernel_gen_ops"):
        sys.modules.setdefault(name, _NpuOnly(name))
    sys.modules["torch_npu"].contrib = sys.modules["torch_npu.contrib"]
    sys.modules["torch_npu.contrib"].transfer_to_npu = sys.modules["torch_npu.contrib.transfer_to_npu"]


def load_python(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError_ as e:
        raise ImportError_(f"{path}: {e}") from None
    except Exception as e:
        raise ImportError_(f"{path}: cannot be loaded: {type(e).__name__}: {e}") from None
    return module


# --- the operator definition (OpDef) of the C++ sources ------------------------------------------

@dataclass
class OpDef:
    op_type: str
    inputs: list = field(default_factory=list)     # [(name, [dtype names] or None)]
    outputs: list = field(default_factory=list)
    attrs: list = field(default_factory=list)      # names
    source: Path | None = None


def parse_opdef(op_host_files: list[Path]) -> OpDef | None:
    """The first `class X : public OpDef` among the host files, with its inputs, outputs and attrs in order."""
    for path in op_host_files:
        text = path.read_text(errors="replace")
        found = re.search(r"class\s+(\w+)\s*:\s*public\s+OpDef", text)
        if not found:
            continue
        opdef = OpDef(found.group(1), source=path)
        for kind, name, chain in re.findall(r'this->(Input|Output|Attr)\(\s*"(\w+)"\s*\)([^;]*);', text):
            if kind == "Attr":
                opdef.attrs.append(name)
                continue
            types_ = re.search(r"\.DataType\(\s*\{([^}]*)\}", chain)
            dtypes = None
            if types_:
                dtypes = [GE_DTYPES.get(t.strip().split("::")[-1]) for t in types_.group(1).split(",") if t.strip()]
            (opdef.inputs if kind == "Input" else opdef.outputs).append((name, dtypes))
        return opdef
    return None


def kernel_entry(op_kernel_files: list[Path]) -> str | None:
    for path in op_kernel_files:
        found = re.search(r'extern\s+"C"\s+__global__\s+__aicore__\s+void\s+(\w+)\s*\(', path.read_text(errors="replace"))
        if found:
            return found.group(1)
    return None


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


# --- cases ------------------------------------------------------------------------------------------

def read_cases(path: Path) -> list[dict]:
    """Rows of test_cases.csv as dicts; numbers become int or float, as pandas would read them."""
    def typed(text: str):
        text = text.strip()
        for convert in (int, float):
            try:
                return convert(text)
            except ValueError:
                pass
        return text

    with path.open(newline="") as f:
        rows = [{k.strip(): typed(v) for k, v in row.items() if k is not None}
                for row in csv.DictReader(f, delimiter=";")]
    if not rows:
        raise ImportError_(f"{path}: no test cases")
    return rows


def case_seed(task: str, case_id: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{task}\0{case_id}".encode()).digest()[:8], "little") & (2**63 - 1)


class Traced(torch.nn.Module):
    """The model with a case's scalar forward arguments fixed, returning a tuple of tensors."""

    def __init__(self, model: torch.nn.Module, pattern: list):
        super().__init__()
        self.model = model
        self.pattern = pattern  # forward arguments: None where a tensor goes, else the fixed scalar

    def forward(self, *tensors):
        it = iter(tensors)
        args = [next(it) if p is None else p for p in self.pattern]
        out = self.model(*args)
        return tuple(out) if isinstance(out, (list, tuple)) else (out,)


def raw_bytes(t: torch.Tensor) -> bytes:
    t = t.detach().cpu().contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def dtype_name(t: torch.Tensor, what: str) -> str:
    if t.dtype not in DTYPE_NAMES:
        raise ImportError_(f"{what} has dtype {t.dtype}, which the task format does not support")
    return DTYPE_NAMES[t.dtype]


def output_dtype(opdef: OpDef | None, index: int, input_dtypes: list[str], reference: torch.Tensor, what: str) -> str:
    """The kernel's output dtype: the OpDef's DataType column that matches the inputs, else the
    reference's dtype, except that a floating reference of a floating-input case takes the first
    floating input's dtype (references often compute in float32)."""
    if opdef and index < len(opdef.outputs) and opdef.outputs[index][1]:
        lists = [d for _, d in opdef.inputs]
        for column, out in enumerate(opdef.outputs[index][1]):
            if out and all(d is None or (column < len(d) and d[column] == given) for d, given in zip(lists, input_dtypes)):
                return out
    name = dtype_name(reference, what)
    floating = [d for d in input_dtypes if d in ("float16", "bfloat16", "float32")]
    if name in ("float16", "bfloat16", "float32") and floating:
        return floating[0]
    return name


# --- one task ---------------------------------------------------------------------------------------

def source_files(task_dir: Path) -> tuple[Path | None, list[Path], list[Path]]:
    """The answer directory (answer/0, or answer itself) and the host and kernel files to read the OpDef from."""
    answer = None
    for candidate in sorted((task_dir / "answer").glob("*")) if (task_dir / "answer").is_dir() else []:
        if (candidate / "op_kernel").is_dir():
            answer = candidate
            break
    if answer is None and (task_dir / "answer" / "op_kernel").is_dir():
        answer = task_dir / "answer"
    roots = [r for r in (answer, task_dir / "question") if r and r.is_dir()]
    host = [p for r in roots for p in sorted((r / "op_host").glob("*.cpp"))]
    kernel = [p for r in roots for p in sorted((r / "op_kernel").glob("*.cpp"))]
    return answer, host, kernel


def import_task(task_dir: Path, out_root: Path, level: int | None, force: bool) -> dict:
    validation = task_dir / "validation"
    for required in ("module.py", "prepare_inputs.py", "test_cases.csv"):
        if not (validation / required).is_file():
            raise ImportError_(f"{validation / required}: missing")
    op_type = task_dir.name
    answer, host_files, kernel_files = source_files(task_dir)
    opdef = parse_opdef(host_files)
    if opdef:
        op_type = opdef.op_type
    name = snake_case(op_type)
    entry = kernel_entry(kernel_files) or name
    level = level or next((int(p[5:]) for p in task_dir.parts if re.fullmatch(r"level[123]", p)), None)
    if level is None:
        raise ImportError_(f"{task_dir}: no levelN directory above the task; pass --level")
    category = task_dir.parent.name.lower()
    description = (task_dir / "api_desc.md").read_text() if (task_dir / "api_desc.md").is_file() else op_type

    install_npu_stubs()
    inputs_module = load_python(validation / "prepare_inputs.py", f"_nkb_inputs_{name}")
    model_module = load_python(validation / "module.py", f"_nkb_module_{name}")
    for what, module, attr in (("prepare_inputs.py", inputs_module, "get_inputs"), ("module.py", model_module, "Model")):
        if not hasattr(module, attr):
            raise ImportError_(f"{validation / what}: defines no {attr}")
    get_init = getattr(inputs_module, "get_init_inputs", lambda param, device=None: [])

    out_root.mkdir(parents=True, exist_ok=True)
    final = out_root / name
    if final.exists() and not force:
        raise ImportError_(f"{final}: exists (pass --force to replace it)")
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_root))
    try:
        cases, layout = [], None
        for row_index, param in enumerate(read_cases(validation / "test_cases.csv")):
            case_id = str(param.get("case_id", row_index))
            where = f"{validation / 'test_cases.csv'} case {case_id}"
            torch.manual_seed(case_seed(name, case_id))
            try:
                forward_args = list(inputs_module.get_inputs(param))
                init_args = list(get_init(param))
                model = model_module.Model(*init_args).eval()
                with torch.no_grad():
                    expected = Traced(model, [None if isinstance(a, torch.Tensor) else a for a in forward_args])
                    tensors = [a for a in forward_args if isinstance(a, torch.Tensor)]
                    outputs = expected(*tensors)
                    traced = torch.jit.trace(expected, tuple(tensors), check_trace=False)
                    again = traced(*tensors)
            except ImportError_ as e:
                raise ImportError_(f"{where}: {e}") from None
            except Exception as e:
                raise ImportError_(f"{where}: the reference fails: {type(e).__name__}: {e}") from None
            if len(again) != len(outputs) or any(not torch.equal(a, b) for a, b in zip(again, outputs)):
                raise ImportError_(f"{where}: the traced TorchScript module does not reproduce the model's outputs")

            kernel_tensors = tensors + [a for a in init_args if isinstance(a, torch.Tensor)]
            scalars = [a for a in forward_args + init_args if not isinstance(a, torch.Tensor)]
            input_names = [n for n, _ in opdef.inputs] if opdef else [f"x{i}" for i in range(len(kernel_tensors))]
            output_names = [n for n, _ in opdef.outputs] if opdef else [f"y{i}" for i in range(len(outputs))]
            attr_names = opdef.attrs if opdef else [f"attr{i}" for i in range(len(scalars))]
            source = opdef.source if opdef else validation / "module.py"
            if len(input_names) != len(kernel_tensors):
                raise ImportError_(f"{where}: the model takes {len(kernel_tensors)} tensors (forward, then constructor) "
                                   f"but {source} declares {len(input_names)} inputs")
            if len(output_names) != len(outputs):
                raise ImportError_(f"{where}: the model returns {len(outputs)} tensors but {source} declares "
                                   f"{len(output_names)} outputs")
            if len(attr_names) != len(scalars):
                raise ImportError_(f"{where}: the model takes {len(scalars)} scalars but {source} declares "
                                   f"{len(attr_names)} attributes")
            input_dtypes = [dtype_name(t, f"{where}: input '{n}'") for n, t in zip(input_names, kernel_tensors)]
            case = {"id": case_id, "dtypes": {}, "shapes": {}, "data": {}}
            case_dir = staging / "data" / case_id
            case_dir.mkdir(parents=True)
            for n, t, d in zip(input_names, kernel_tensors, input_dtypes):
                (case_dir / f"{n}.bin").write_bytes(raw_bytes(t))
                case["dtypes"][n], case["shapes"][n] = d, list(t.shape)
                case["data"][n] = f"data/{case_id}/{n}.bin"
            for i, (n, t) in enumerate(zip(output_names, outputs)):
                case["dtypes"][n] = output_dtype(opdef, i, input_dtypes, t, f"{where}: output '{n}'")
                case["shapes"][n] = list(t.shape)
            attr_types = []
            for n, v in zip(attr_names, scalars):
                kind = "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float"
                if not isinstance(v, (bool, int, float)):
                    raise ImportError_(f"{where}: attribute '{n}' is a {type(v).__name__}, not a number or bool")
                case[n] = v
                attr_types.append(kind)
            (staging / "reference").mkdir(exist_ok=True)
            traced.save(str(staging / "reference" / f"{case_id}.pt"))
            this_layout = (input_names, output_names, list(zip(attr_names, attr_types)), len(tensors))
            if layout and layout != this_layout:
                raise ImportError_(f"{where}: its tensors or attributes differ from the first case's")
            layout = this_layout
            cases.append(case)

        input_names, output_names, attrs, forward_count = layout
        task = {
            "name": name, "level": level, "category": category, "description": description,
            "kernel": {"form": "operator", "op": op_type, "entry": entry,
                       "params": input_names + output_names + ["workspace", "tiling"]},
            "inputs": [{"name": n, "dtype": "$dtype", "shape": "$shape"} for n in input_names],
            "attributes": [{"name": n, "type": t} for n, t in attrs],
            "outputs": [{"name": n, "dtype": "$dtype", "shape": "$shape"} for n in output_names],
            "reference_module": {"path": "reference/{case}.pt", "inputs": input_names[:forward_count]},
            "cases": cases,
        }
        if not attrs:
            del task["attributes"]
        notes = []
        if hasattr(inputs_module, "custom_check_precision"):
            notes.append("prepare_inputs.py defines custom_check_precision, which is not translated: "
                         "the default tolerance applies; set `tolerance` by hand")
        if answer:
            solution = staging / "solution"
            for sub in ("op_host", "op_kernel"):
                if (answer / sub).is_dir():
                    shutil.copytree(answer / sub, solution / sub)
            task["solution"] = "solution"
        (staging / "task.yaml").write_text(to_yaml(task, notes, task_dir))
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {"source": str(task_dir), "task": name, "dir": str(final), "cases": len(cases),
            "solution": bool(answer), "notes": notes}


def to_yaml(task: dict, notes: list[str], source: Path, benchmark: str = "NPUKernelBench") -> str:
    """task.yaml text; every value is written as JSON, which is valid YAML flow style."""
    lines = [f"# Imported from {benchmark}: {source}"] + [f"# NOTE: {n}" for n in notes]
    for key, value in task.items():
        if key == "description":
            lines.append("description: |")
            lines += [f"  {line}" if line.strip() else "" for line in value.rstrip().splitlines()]
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {json.dumps(item)}" for item in value]
        else:
            lines.append(f"{key}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def find_tasks(root: Path) -> list[Path]:
    if (root / "validation" / "test_cases.csv").is_file():
        return [root]
    return sorted(p.parent.parent for p in root.rglob("validation/test_cases.csv"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an NPUKernelBench task directory or a tree of them")
    parser.add_argument("out", type=Path, help="the suite directory to write tasks into")
    parser.add_argument("--level", type=int, choices=(1, 2, 3), help="level of every task (default: from the path)")
    parser.add_argument("--force", action="store_true", help="replace tasks that exist in OUT")
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"error: {args.source}: no such directory", file=sys.stderr)
        return 2
    tasks = find_tasks(args.source)
    if not tasks:
        print(f"error: {args.source}: no task directories (validation/test_cases.csv) found", file=sys.stderr)
        return 2
    failed = 0
    for i, task_dir in enumerate(tasks, 1):
        try:
            result = import_task(task_dir, args.out, args.level, args.force)
            print(json.dumps({"status": "imported", **result}), flush=True)
            print(f"[{i}/{len(tasks)}] {task_dir.name} -> {result['task']} ({result['cases']} cases)", file=sys.stderr)
        except ImportError_ as e:
            failed += 1
            print(json.dumps({"status": "failed", "source": str(task_dir), "error": str(e)}), flush=True)
            print(f"[{i}/{len(tasks)}] {task_dir.name}: FAILED: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
