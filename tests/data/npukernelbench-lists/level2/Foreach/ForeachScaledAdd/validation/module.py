# Test fixture in NPUKernelBench's layout, written for ascendgen's importer tests.
from typing import List

import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x1: List[torch.Tensor], x2: List[torch.Tensor], alpha: torch.Tensor) -> List[torch.Tensor]:
        return [a + b * alpha.to(b.dtype) for a, b in zip(x1, x2)]
