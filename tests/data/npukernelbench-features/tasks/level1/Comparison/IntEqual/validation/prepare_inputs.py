import torch


def get_inputs(param, device=None):
    shape = eval(param.get("shape", "[1]"))
    dtype = getattr(torch, param.get("dtype", "int8"))
    return (torch.randn(shape, dtype=dtype), torch.randn(shape, dtype=dtype))


def get_init_inputs(param, device=None):
    return [param.get("negate", False)]
