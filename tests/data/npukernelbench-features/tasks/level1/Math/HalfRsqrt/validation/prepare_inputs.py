import torch
from framework.utils import check_precision  # the benchmark's own package


def get_inputs(param, device=None):
    shape = eval(param.get("shape", "[1]"))
    return (torch.rand(shape, dtype=getattr(torch, param.get("dtype", "float16"))) + 0.5,)


def get_init_inputs(param, device=None):
    return []
