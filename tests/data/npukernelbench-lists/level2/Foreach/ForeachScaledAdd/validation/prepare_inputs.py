# Test fixture in NPUKernelBench's layout: lists of tensors, one per shape of the case.
import torch


def get_inputs(param, device=None):
    shapes = eval(param["input_shape"])
    dtype = getattr(torch, param["dtype"])
    x1 = [torch.randn(s, dtype=dtype) for s in shapes]
    x2 = [torch.randn(s, dtype=dtype) for s in shapes]
    return x1, x2, torch.tensor(param["alpha"], dtype=torch.float32)


def get_init_inputs(param, device=None):
    return []
