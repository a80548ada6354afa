import torch


def get_inputs(param, device=None):
    return torch.randn(eval(param["shape"]), dtype=torch.float32), float(param["scale"])
