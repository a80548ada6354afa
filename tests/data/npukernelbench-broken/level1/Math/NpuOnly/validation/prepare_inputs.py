import torch


def get_inputs(param, device=None):
    return (torch.randn(eval(param["shape"])),)
