# Fixture: an in-place operator. The OpDef's output `var` has its input's name (a ref output that
# CANN places in the input's memory); the model returns the updated values.
import torch
import torch.nn as nn


class Model(nn.Module):
    def forward(self, var: torch.Tensor, scale: float) -> torch.Tensor:
        return var * scale
