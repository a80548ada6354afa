# A problem in KernelBench's layout, written for ascendgen's tests: a model with a constructor
# scalar, two forward tensors, and its shapes as module globals.
import torch
import torch.nn as nn


class Model(nn.Module):
    """Adds y, scaled by alpha, to x."""

    def __init__(self, alpha: float):
        super().__init__()
        self.alpha = alpha

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return x + self.alpha * y


batch_size = 8
dim = 1000


def get_inputs():
    return [torch.randn(batch_size, dim), torch.randn(batch_size, dim)]


def get_init_inputs():
    return [0.5]
