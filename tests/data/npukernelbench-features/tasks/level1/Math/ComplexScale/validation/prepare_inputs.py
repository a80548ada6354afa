import torch


def get_inputs(param, device=None):
    x = torch.randn(eval(param.get("shape", "[1]")), dtype=torch.complex64)
    return x, torch.tensor([float(param.get("value", 1.0))], dtype=float)


def get_init_inputs(param, device=None):
    return []
