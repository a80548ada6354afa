import torch


def get_inputs(param, device=None):
    shape = eval(param.get("input_shape", "[1]"))
    return (torch.rand(shape, dtype=getattr(torch, param.get("dtype", "float16"))),)


def get_init_inputs(param, device=None):
    gamma = torch.rand(eval(param.get("normalized_shape", "[1]")), dtype=getattr(torch, param.get("dtype", "float16")))
    return [gamma, param.get("epsilon", 1e-6)]
