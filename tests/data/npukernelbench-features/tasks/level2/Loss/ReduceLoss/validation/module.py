# Fixture: a string attribute (reduction) and a list attribute (dims) reach the task as
# `string` and `list_int` attributes.
from typing import List

import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, reduction: str, dims: List[int]):
        super().__init__()
        self.reduction = reduction
        self.dims = dims

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        squared = x.float() * x.float()
        return squared.sum(self.dims) if self.reduction == "sum" else squared.mean(self.dims)
