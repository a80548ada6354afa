import torch


def get_inputs(param, device=None):
    return (torch.rand(eval(param.get("shape", "[1]")), dtype=torch.float32),)


def get_init_inputs(param, device=None):
    return [param.get("reduction", "mean"), eval(param.get("dims", "[0]"))]
