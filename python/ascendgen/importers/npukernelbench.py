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
import contextlib
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

import numpy
import pandas
import torch

# torch dtype -> the task format's dtype name (docs/tasks.md)
DTYPE_NAMES = {
    torch.float16: "float16", torch.bfloat16: "bfloat16", torch.float32: "float32", torch.int8: "int8",
    torch.uint8: "uint8", torch.int16: "int16", torch.int32: "int32", torch.int64: "int64", torch.bool: "bool",
    torch.float64: "float64", torch.complex64: "complex64",
}
# ge::DataType names in OpDef DataType lists -> dtype names
GE_DTYPES = {
    "DT_FLOAT16": "float16", "DT_BF16": "bfloat16", "DT_FLOAT": "float32", "DT_INT8": "int8", "DT_UINT8": "uint8",
    "DT_INT16": "int16", "DT_INT32": "int32", "DT_INT64": "int64", "DT_BOOL": "bool",
    "DT_DOUBLE": "float64", "DT_COMPLEX64": "complex64",
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


def benchmark_root(task_dir: Path) -> Path | None:
    """The directory above the task that holds the benchmark's `framework` package, if any."""
    for parent in task_dir.resolve().parents:
        if (parent / "framework" / "__init__.py").is_file():
            return parent
    return None


@contextlib.contextmanager
def benchmark_environment(task_dir: Path):
    """sys.path holds the benchmark's root (prepare_inputs.py imports `framework.utils`) and
    sys.argv only the program name: `framework` parses the command line when it is imported."""
    root = benchmark_root(task_dir)
    saved_path, saved_argv = list(sys.path), sys.argv
    if root:
        sys.path.insert(0, str(root))
    sys.argv = sys.argv[:1]
    try:
        yield
    finally:
        sys.path[:], sys.argv = saved_path, saved_argv


def load_python(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        with benchmark_environment(path.parent.parent):
            spec.loader.exec_module(module)
    except ImportError_ as e:
        raise ImportError_(f"{path}: {e}") from None
    except BaseException as e:
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
    dynamic: set = field(default_factory=set)      # names of ParamType(DYNAMIC) inputs and outputs (tensor lists)
    scalars: set = field(default_factory=set)      # names of .Scalar() inputs (an aclScalar from the binding)


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
            if re.search(r"\.ParamType\(\s*DYNAMIC\s*\)", chain):
                opdef.dynamic.add(name)
            if kind == "Input" and re.search(r"\.Scalar\(\s*\)", chain):
                opdef.scalars.add(name)
        return opdef
    return None


def exec_npu_cmd_arguments(binding: str) -> list[str]:
    """The arguments after the aclnn name of the binding's EXEC_NPU_CMD call; [] without one."""
    call = re.search(r"EXEC_NPU_CMD\(\s*\w+\s*,([^;]*)\)\s*;", binding)
    return [a.strip() for a in call.group(1).split(",")] if call else []


def binding_constants(pybind: Path, opdef: OpDef | None) -> dict:
    """The attribute values the benchmark's binding (validation/pybind.cpp) passes as literal
    constants: EXEC_NPU_CMD(aclnnX, inputs..., attributes..., outputs...) names a local initialised
    with a literal at an attribute's position (GeGluV2: `int64_t dim = -1;`). {attribute: value}."""
    if not opdef or not pybind.is_file():
        return {}
    text = pybind.read_text(errors="replace")
    args = exec_npu_cmd_arguments(text)
    if not args:
        return {}
    constants = {}
    for attr, arg in zip(opdef.attrs, args[len(opdef.inputs):len(opdef.inputs) + len(opdef.attrs)]):
        literal = re.search(rf"\b(?:int64_t|int32_t|int|float|double|bool)\s+{re.escape(arg)}\s*=\s*"
                            rf"(true|false|-?[0-9.]+(?:[eE][-+]?[0-9]+)?)f?\s*;", text)
        if literal:
            value = literal.group(1)
            constants[attr] = value == "true" if value in ("true", "false") else \
                float(value) if re.search(r"[.eE]", value) else int(value)
    return constants


def returned_parameters(pybind: Path) -> tuple[list[str], list[str], list[str]]:
    """The binding's tensor parameters, the EXEC_NPU_CMD arguments, and the tensor parameters it
    returns (written by the kernel in place)."""
    if not pybind.is_file():
        return [], [], []
    text = pybind.read_text(errors="replace")
    signature = re.search(r"\n[\w:<>, ]+\s+\w+\s*\(([^)]*)\)\s*\{", text)
    params = re.findall(r"at::Tensor\s*&?\s*(\w+)", signature.group(1)) if signature else []
    arguments = exec_npu_cmd_arguments(text)
    returned = re.findall(r"return\s+(\w+)\s*;|result\w*\s*=\s*\{([^}]*)\}", text)
    names = {n.strip() for single, listed in returned for n in (single,) + tuple(listed.split(",")) if n.strip()}
    return params, arguments, sorted(names & set(params))


def in_place_input(opdef: OpDef | None, pybind: Path) -> tuple[str | None, str | None]:
    """(the OpDef input the kernel updates in place, why the importer cannot say which) for a binding
    that returns one of its tensor parameters after the kernel wrote it. Where the OpDef declares no
    outputs (Sscal: Input x only; the kernel gets x's address alone), the returned parameter's place
    among the tensors of the EXEC_NPU_CMD call is its OpDef input's place. An OpDef output named like
    an input (CANN's ref output) is handled by ref_output_name instead."""
    if not opdef:
        return None, None
    inputs = [n for n, _ in opdef.inputs]
    if any(n in inputs for n, _ in opdef.outputs):
        return None, None
    params, arguments, written = returned_parameters(pybind)
    if not written:
        return None, None
    tensor_arguments = [a for a in arguments if a in params]
    if opdef.outputs or len(written) != 1 or len(tensor_arguments) != len(inputs) or written[0] not in tensor_arguments:
        return None, (f"{pybind} returns its tensor parameter '{written[0]}' after the kernel updates it in place "
                      f"(the OpDef declares {len(opdef.outputs)} outputs)")
    return inputs[tensor_arguments.index(written[0])], None


def kernel_entry(op_kernel_files: list[Path]) -> str | None:
    for path in op_kernel_files:
        found = re.search(r'extern\s+"C"\s+__global__\s+__aicore__\s+void\s+(\w+)\s*\(', path.read_text(errors="replace"))
        if found:
            return found.group(1)
    return None


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


# --- cases ------------------------------------------------------------------------------------------

def read_cases(path: Path) -> list:
    """Rows of test_cases.csv as the benchmark's evaluator reads them: pandas.read_csv(sep=';'),
    with "None" read as missing (pandas 2's default, which the benchmark pins) and a numeric column
    without missing values whose values are all whole numbers made int. Rows are pandas Series."""
    try:
        table = pandas.read_csv(path, sep=";", na_values=["None"])
    except Exception as e:
        raise ImportError_(f"{path}: cannot be read: {e}") from None
    table.columns = [str(c).strip() for c in table.columns]
    for column in table.columns:
        values = table[column]
        if (pandas.api.types.is_numeric_dtype(values) and not pandas.api.types.is_bool_dtype(values)
                and not values.isna().any() and (values == values.round()).all()):
            table[column] = values.astype(int)
    if table.empty:
        raise ImportError_(f"{path}: no test cases")
    return [row for _, row in table.iterrows()]


def case_seed(task: str, case_id: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{task}\0{case_id}".encode()).digest()[:8], "little") & (2**63 - 1)


TENSOR = object()  # in Traced.pattern: a forward argument that is a traced tensor


# --- tensor lists (dynamic inputs and outputs) ------------------------------------------------------

def is_tensor_list(value) -> bool:
    return isinstance(value, (list, tuple)) and len(value) > 0 and all(isinstance(t, torch.Tensor) for t in value)


def is_kernel_tensor(value) -> bool:
    """A kernel input: a tensor, or a list of tensors (an OpDef ParamType(DYNAMIC) input)."""
    return isinstance(value, torch.Tensor) or is_tensor_list(value)


def map_tensors(value, fn):
    """`fn` applied to a tensor, or to each tensor of a list."""
    return [fn(t) for t in value] if is_tensor_list(value) else fn(value)


def flatten_outputs(out) -> tuple[tuple, list]:
    """The model's outputs as one flat tuple of tensors, and per returned value its list length
    (None for a tensor)."""
    values = list(out) if isinstance(out, (list, tuple)) else [out]
    flat, lengths = [], []
    for v in values:
        flat.extend(v if is_tensor_list(v) else [v])
        lengths.append(len(v) if is_tensor_list(v) else None)
    return tuple(flat), lengths


def output_groups(outputs: tuple, lengths: list, opdef: OpDef | None) -> list:
    """The kernel's outputs: tensors and lists of tensors. A model that returns a list of tensors
    for an OpDef whose one output is DYNAMIC returns that one tensor list."""
    if opdef and len(opdef.outputs) == 1 and opdef.outputs[0][0] in opdef.dynamic and None in lengths:
        return [list(outputs)]
    groups, at = [], 0
    for n in lengths:
        groups.append(outputs[at] if n is None else list(outputs[at:at + n]))
        at += 1 if n is None else n
    return groups


def tensor_dtype(value, what: str) -> str:
    """The dtype name of a tensor, or of a list's tensors (which must share it)."""
    names = {dtype_name(t, what) for t in (value if is_tensor_list(value) else [value])}
    if len(names) != 1:
        raise ImportError_(f"{what} is a tensor list of several dtypes ({', '.join(sorted(names))})")
    return names.pop()


def check_dynamic(opdef: OpDef | None, name: str, value, what: str) -> None:
    """A tensor list goes to a ParamType(DYNAMIC) port, a tensor to any other."""
    if opdef and (name in opdef.dynamic) != is_tensor_list(value):
        raise ImportError_(f"{what} '{name}' is a {'list of tensors' if is_tensor_list(value) else 'tensor'} but "
                           f"{opdef.source} declares it {'' if name in opdef.dynamic else 'not '}ParamType(DYNAMIC)")


@contextlib.contextmanager
def staged_task_dir(out_root: Path, name: str, force: bool):
    """A temporary directory under out_root to write task `name` into; renamed to out_root/name when
    the block ends normally (replacing it only with `force`), removed when it raises, so a task that
    fails to import leaves nothing behind."""
    out_root.mkdir(parents=True, exist_ok=True)
    final = out_root / name
    if final.exists() and not force:
        raise ImportError_(f"{final}: exists (pass --force to replace it)")
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_root))
    try:
        yield staging
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def record_tensor(case: dict, staging: Path, case_id: str, name: str, value, dtype: str, data: bool) -> None:
    """The case's dtype, shapes and (inputs) recorded data of a tensor or tensor list."""
    case["dtypes"][name] = dtype
    tensors = value if is_tensor_list(value) else [value]
    files = [f"data/{case_id}/{name}.bin"] if not is_tensor_list(value) else \
        [f"data/{case_id}/{name}.{i}.bin" for i in range(len(tensors))]
    if data:
        for f, t in zip(files, tensors):
            (staging / f).write_bytes(raw_bytes(t))
    shapes = [list(t.shape) for t in tensors]
    case["shapes"][name] = shapes if is_tensor_list(value) else shapes[0]
    if data:
        case["data"][name] = files if is_tensor_list(value) else files[0]


def tensor_spec(name: str, is_list: bool) -> dict:
    return {"name": name, "dtype": "$dtype", "list": True} if is_list else {"name": name, "dtype": "$dtype", "shape": "$shape"}


def ref_output_name(output: str, input_names: list[str]) -> str:
    """The task's name for an OpDef output named like an input (a ref output: CANN gives the kernel
    the input's GM address for both, and the result is that memory after the run): `<name>_ref`,
    updating the input in place (docs/tasks.md `inplace`)."""
    return output + REF_SUFFIX if output in input_names else output


REF_SUFFIX = "_ref"

# A case's own fields in task.yaml (docs/tasks.md); an attribute's value sits beside them by name.
CASE_FIELDS = ("id", "shape", "dtype", "shapes", "dtypes", "data")


def output_spec(name: str, is_list: bool, input_names: list[str]) -> dict:
    spec = tensor_spec(name, is_list)
    updated = name.removesuffix(REF_SUFFIX)
    if name != updated and updated in input_names:
        spec["inplace"] = updated
    return spec


class Traced(torch.nn.Module):
    """The model with a case's non-tensor forward arguments fixed, returning a tuple of tensors.
    With `upcast_half`, float16 tensors reach the model as float32 (the float32 rule below)."""

    def __init__(self, model: torch.nn.Module, pattern: list, upcast_half: bool):
        super().__init__()
        self.model = model
        self.pattern = pattern  # forward arguments: TENSOR where a traced tensor goes, else the fixed value
        self.upcast_half = upcast_half

    def forward(self, *tensors):
        it = iter(tensors)
        args = [next(it) if p is TENSOR else p for p in self.pattern]
        if self.upcast_half:
            args = [map_tensors(a, lambda t: t.float() if t.dtype == torch.float16 else t) if is_kernel_tensor(a) else a
                    for a in args]
        out, self.output_lengths = flatten_outputs(self.model(*args))
        return out


def upcast_half_tensors(model: torch.nn.Module) -> None:
    """float16 parameters, buffers and tensor attributes (constructor tensors) of the model become float32."""
    model._apply(lambda t: t.float() if t.dtype == torch.float16 else t)
    for module in model.modules():
        for key, value in list(vars(module).items()):
            if isinstance(value, torch.Tensor) and value.dtype == torch.float16:
                setattr(module, key, value.float())


def lacks_half_kernel(error: Exception) -> bool:
    return isinstance(error, RuntimeError) and "not implemented for 'Half'" in str(error)


@contextlib.contextmanager
def torch_functions_wrapped(names: tuple, wrap):
    """torch.<name> is wrap(name, original) for each of `names` while the block runs."""
    originals = {name: getattr(torch, name) for name in names}
    for name, original in originals.items():
        setattr(torch, name, wrap(name, original))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(torch, name, original)


def integer_random_draws():
    """torch.randn and torch.rand with an integer or bool dtype draw in float32 and convert (truncating),
    as the NPU's generators accept integer dtypes where the CPU's raise "normal_kernel_cpu not
    implemented for 'Long'"; floating dtypes are untouched."""
    def converting(_, draw):
        def wrapper(*size, dtype=None, **rest):
            if dtype is None or dtype.is_floating_point or dtype.is_complex:
                return draw(*size, dtype=dtype, **rest)
            return draw(*size, dtype=torch.float32, **rest).to(dtype)
        return wrapper

    return torch_functions_wrapped(("randn", "rand"), converting)


@dataclass
class CaseRun:
    """One case run through the benchmark's code: its arguments, the traced reference and its outputs."""
    forward_args: list
    init_args: list
    traced: torch.jit.ScriptModule
    outputs: tuple
    output_lengths: list  # per value the model returns: None for a tensor, n for a list of n tensors

    @property
    def forward_tensors(self) -> list:
        return [a for a in self.forward_args if is_kernel_tensor(a)]


def scalar_input_dtypes(opdef: OpDef | None, tensors: list) -> list:
    """Per forward tensor, the dtype an OpDef `.Scalar()` input receives, else None. The binding
    passes such an input as an aclScalar, which reaches the kernel in the dtype the OpDef declares
    for it in the DataType column the other inputs select (Muls: a float64 `value` tensor is a
    float32 scalar beside a complex64 x)."""
    targets = [None] * len(tensors)
    if not opdef or not opdef.scalars:
        return targets
    given = [DTYPE_NAMES.get(t.dtype) if isinstance(t, torch.Tensor) else None for t in tensors]
    for (name, declared), i in zip(opdef.inputs, range(len(tensors))):
        if name not in opdef.scalars or not declared or given[i] is None or given[i] in declared:
            continue
        columns = [c for c in range(len(declared)) if all(
            d is None or j == i or given[j] is None or (c < len(d) and d[c] == given[j])
            for j, (_, d) in enumerate(opdef.inputs[:len(tensors)]))]
        if columns and declared[columns[0]]:
            targets[i] = next(t for t, n in DTYPE_NAMES.items() if n == declared[columns[0]])
    return targets


def run_case(generator: types.ModuleType, model_module: types.ModuleType, param, seed: int,
             opdef: OpDef | None = None) -> CaseRun:
    """Draws the case's inputs as the benchmark's evaluator does (get_init_inputs, then get_inputs),
    builds the model and traces it. A model that needs a float16 CPU kernel torch lacks is rerun
    with float16 inputs and constructor tensors upcast to float32 (the output is rounded to the
    case's dtype when it is compared)."""
    torch.manual_seed(seed)
    with integer_random_draws():
        init_args = list(generator.get_init_inputs(param)) if hasattr(generator, "get_init_inputs") else []
        forward_args = list(generator.get_inputs(param))
    targets = iter(scalar_input_dtypes(opdef, [a for a in forward_args if is_kernel_tensor(a)]))
    forward_args = [a.to(to) if is_kernel_tensor(a) and (to := next(targets)) is not None else a for a in forward_args]
    pattern = [TENSOR if is_kernel_tensor(a) else a for a in forward_args]
    tensors = tuple(a for a in forward_args if is_kernel_tensor(a))
    clone = lambda a: map_tensors(a, torch.Tensor.clone)  # noqa: E731
    for upcast_half in (False, True):
        model = model_module.Model(*init_args).eval()
        if upcast_half:
            upcast_half_tensors(model)
        try:
            # No torch.no_grad(): the benchmark runs the model with autograd on, and some models call
            # torch.autograd.grad in forward (GeGluGradV2).
            expected = Traced(model, pattern, upcast_half)
            outputs = expected(*[clone(t) for t in tensors])
            traced = torch.jit.trace(expected, tuple(clone(t) for t in tensors), check_trace=False)
            again = traced(*[clone(t) for t in tensors])
            break
        except Exception as e:
            if upcast_half or not lacks_half_kernel(e):
                raise
    if len(again) != len(outputs) or any(not torch.equal(a, b) for a, b in zip(again, outputs)):
        raise ImportError_("the traced TorchScript module does not reproduce the model's outputs")
    return CaseRun(forward_args, init_args, traced, outputs, expected.output_lengths)


def plain_scalar(value):
    """A NumPy scalar as the Python number it holds (Sscal's generator gives `incx = np.int64(1)`,
    which its binding takes as int64_t); any other value unchanged."""
    return value.item() if isinstance(value, numpy.generic) else value


def attribute_type(value) -> str | None:
    """The task format's attribute type of a scalar the model takes (docs/tasks.md), or None."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return "list_int" if all(isinstance(v, int) for v in value) else "list_float"
    return None


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
    # The benchmark's evaluator draws from module.py when it defines get_init_inputs.
    generator = model_module if hasattr(model_module, "get_init_inputs") else inputs_module
    constants = binding_constants(validation / "pybind.cpp", opdef)
    returned_input, in_place = in_place_input(opdef, validation / "pybind.cpp")

    with staged_task_dir(out_root, name, force) as staging:
        cases, layout = [], None
        for row_index, param in enumerate(read_cases(validation / "test_cases.csv")):
            case_id = str(param["case_id"]) if "case_id" in param else str(row_index)
            where = f"{validation / 'test_cases.csv'} case {case_id}"
            try:
                run = run_case(generator, model_module, param, case_seed(name, case_id), opdef)
            except ImportError_ as e:
                raise ImportError_(f"{where}: {e}") from None
            except Exception as e:
                raise ImportError_(f"{where}: the reference fails: {type(e).__name__}: {e}") from None
            forward_args, init_args, traced, outputs, tensors = (run.forward_args, run.init_args, run.traced,
                                                                 run.outputs, run.forward_tensors)
            kernel_tensors = tensors + [a for a in init_args if is_kernel_tensor(a)]
            scalars = [plain_scalar(a) for a in forward_args + init_args if not is_kernel_tensor(a)]
            outputs = output_groups(outputs, run.output_lengths, opdef)
            input_names = [n for n, _ in opdef.inputs] if opdef else [f"x{i}" for i in range(len(kernel_tensors))]
            output_names = [ref_output_name(n, input_names) for n, _ in opdef.outputs] if opdef else \
                [f"y{i}" for i in range(len(outputs))]
            if returned_input:  # the kernel gets only the input's address
                output_names = [ref_output_name(returned_input, input_names)]
            attr_names = opdef.attrs if opdef else [f"attr{i}" for i in range(len(scalars))]
            source = opdef.source if opdef else validation / "module.py"
            clashing = [a for a in attr_names if a in CASE_FIELDS]
            if clashing:
                raise ImportError_(f"{where}: {source} declares attribute '{clashing[0]}', the name of a case field of "
                                   f"the task format ({', '.join(CASE_FIELDS)}), which cannot hold its value yet")
            if in_place:
                raise ImportError_(f"{where}: {in_place}; which input it is cannot be told from the OpDef")
            absent = sum(a is None for a in forward_args + init_args)
            if absent and len(input_names) == len(kernel_tensors) + absent:
                raise ImportError_(f"{where}: the case passes None for {absent} of the {len(input_names)} inputs "
                                   f"{source} declares (optional inputs left out); the task format has no optional "
                                   f"inputs yet")
            if len(input_names) != len(kernel_tensors):
                raise ImportError_(f"{where}: the model takes {len(kernel_tensors)} tensors (forward, then constructor) "
                                   f"but {source} declares {len(input_names)} inputs")
            if len(output_names) != len(outputs):
                unchecked = f" (the benchmark checks only the {len(outputs)} its binding returns; the task format " \
                            f"cannot leave an output unchecked yet)" if len(outputs) < len(output_names) else ""
                raise ImportError_(f"{where}: the model returns {len(outputs)} tensors but {source} declares "
                                   f"{len(output_names)} outputs [{', '.join(output_names)}]{unchecked}")
            # Attributes the model does not take are the binding's constants.
            for missing in attr_names[len(scalars):]:
                if missing not in constants:
                    break
                scalars.append(constants[missing])
            if len(attr_names) != len(scalars):
                raise ImportError_(f"{where}: the model and the binding's literal constants (validation/pybind.cpp) "
                                   f"give {len(scalars)} attribute values but {source} declares "
                                   f"{len(attr_names)} attributes")
            for what, names, values in (("input", input_names, kernel_tensors), ("output", output_names, outputs)):
                for n, t in zip(names, values):
                    check_dynamic(opdef, n, t, f"{where}: {what}")
            input_dtypes = [tensor_dtype(t, f"{where}: input '{n}'") for n, t in zip(input_names, kernel_tensors)]
            case = {"id": case_id, "dtypes": {}, "shapes": {}, "data": {}}
            (staging / "data" / case_id).mkdir(parents=True)
            for n, t, d in zip(input_names, kernel_tensors, input_dtypes):
                record_tensor(case, staging, case_id, n, t, d, data=True)
            for i, (n, t) in enumerate(zip(output_names, outputs)):
                first = t[0] if is_tensor_list(t) else t
                tensor_dtype(t, f"{where}: output '{n}'")
                d = output_dtype(opdef, i, input_dtypes, first, f"{where}: output '{n}'")
                record_tensor(case, staging, case_id, n, t, d, data=False)
            attr_types = []
            for n, v in zip(attr_names, scalars):
                kind = attribute_type(v)
                if kind is None:
                    raise ImportError_(f"{where}: attribute '{n}' = {v!r} is a {type(v).__name__}, not a number, bool, "
                                       f"string or list of numbers")
                case[n] = list(v) if isinstance(v, (list, tuple)) else v
                attr_types.append(kind)
            (staging / "reference").mkdir(exist_ok=True)
            traced.save(str(staging / "reference" / f"{case_id}.pt"))
            lists = ([is_tensor_list(t) for t in kernel_tensors], [is_tensor_list(t) for t in outputs])
            this_layout = (input_names, output_names, list(zip(attr_names, attr_types)), len(tensors), lists)
            if layout and layout != this_layout:
                raise ImportError_(f"{where}: its tensors or attributes differ from the first case's")
            layout = this_layout
            cases.append(case)

        input_names, output_names, attrs, forward_count, (input_lists, output_lists) = layout
        task = {
            "name": name, "level": level, "category": category, "description": description,
            "kernel": {"form": "operator", "op": op_type, "entry": entry,
                       "params": input_names + ([] if returned_input else output_names) + ["workspace", "tiling"]},
            "inputs": [tensor_spec(n, is_list) for n, is_list in zip(input_names, input_lists)],
            "attributes": [{"name": n, "type": t} for n, t in attrs],
            "outputs": [output_spec(n, is_list, input_names) for n, is_list in zip(output_names, output_lists)],
            "reference_module": {"path": "reference/{case}.pt", "inputs": input_names[:forward_count]},
            "cases": cases,
        }
        if not attrs:
            del task["attributes"]
        notes = []
        if hasattr(generator, "custom_check_precision"):
            notes.append("prepare_inputs.py defines custom_check_precision, which is not translated: "
                         "the default tolerance applies; set `tolerance` by hand")
        if answer:
            solution = staging / "solution"
            for sub in ("op_host", "op_kernel"):
                if (answer / sub).is_dir():
                    shutil.copytree(answer / sub, solution / sub)
            task["solution"] = "solution"
        (staging / "task.yaml").write_text(to_yaml(task, notes, task_dir))
    return {"source": str(task_dir), "task": name, "dir": str(out_root / name), "cases": len(cases),
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
    return import_each(tasks, lambda task_dir: import_task(task_dir, args.out, args.level, args.force))


# The exit status when some sources failed to convert (each reported): distinct from Python's 1 for an
# uncaught error, so `ascendgen import` can tell an importer that stopped half-way.
SOME_FAILED = 3


def import_each(sources: list[Path], convert) -> int:
    """Converts each source: one JSON object per source on stdout (what `ascendgen import` reads), a
    progress line on stderr; SOME_FAILED when any failed, else 0."""
    failed = 0
    for i, source in enumerate(sources, 1):
        try:
            result = convert(source)
            print(json.dumps({"status": "imported", **result}), flush=True)
            print(f"[{i}/{len(sources)}] {source.name} -> {result['task']} ({result['cases']} cases)", file=sys.stderr)
        except ImportError_ as e:
            failed += 1
            print(json.dumps({"status": "failed", "source": str(source), "error": str(e)}), flush=True)
            print(f"[{i}/{len(sources)}] {source.name}: FAILED: {e}", file=sys.stderr)
    return SOME_FAILED if failed else 0


if __name__ == "__main__":
    sys.exit(main())
