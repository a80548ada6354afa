"""Tensors in and out of the C++ layer as NumPy arrays and torch tensors.

torch is imported lazily and must be the build the package was compiled against (the libtorch that
runs task references): a mismatch raises ImportError instead of loading two libtorch builds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ascendgen import _core

if TYPE_CHECKING:
    import torch

_TASK_DTYPES = frozenset({"float16", "bfloat16", "float32", "int8", "uint8", "int16", "int32", "int64", "bool"})


def _torch() -> Any:
    import torch

    release = re.match(r"\d+\.\d+\.\d+", torch.__version__)
    if release is None or release.group(0) != _core.torch_version:
        raise ImportError(
            f"ascendgen was built against libtorch {_core.torch_version} but Python imports torch "
            f"{torch.__version__} ({torch.__file__}); rebuild ascendgen with this Python"
        )
    return torch


def to_torch(tensor: _core.HostTensor) -> torch.Tensor:
    """A torch tensor holding a copy of ``tensor`` (bfloat16 included)."""
    torch = _torch()
    array = tensor.numpy()
    if tensor.dtype == "bfloat16":
        return torch.from_numpy(array.view("int16")).view(torch.bfloat16)
    return torch.from_numpy(array)


def from_torch(tensor: torch.Tensor, name: str = "") -> _core.HostTensor:
    """A HostTensor holding a copy of a CPU torch tensor of one of the task dtypes."""
    torch = _torch()
    dtype = str(tensor.dtype).removeprefix("torch.")
    if dtype not in _TASK_DTYPES:
        raise ValueError(f"from_torch: {tensor.dtype} is not a task dtype ({', '.join(sorted(_TASK_DTYPES))})")
    data = tensor.detach().cpu().contiguous()
    if dtype == "bfloat16":
        return _core.HostTensor.from_numpy(data.view(torch.int16).numpy(), dtype="bfloat16", name=name)
    return _core.HostTensor.from_numpy(data.numpy(), name=name)


def case_tensors(
    task: _core.Task, case: _core.TestCase | str, runner: _core.ReferenceRunner | None = None, as_torch: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The seeded inputs and the libtorch reference outputs of one case, as {name: array} dicts
    (NumPy arrays, or torch tensors with ``as_torch``). Pass a runner to reuse its cache."""
    test_case = task.find_case(case) if isinstance(case, str) else case
    data = (runner or _core.ReferenceRunner()).materialise(task, test_case)
    convert = to_torch if as_torch else _core.HostTensor.numpy
    return ({t.name: convert(t) for t in data.inputs}, {t.name: convert(t) for t in data.expected})
