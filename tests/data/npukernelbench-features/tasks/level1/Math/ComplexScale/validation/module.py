# Fixture: complex64 input; the generator makes `value` a float64 tensor, which the OpDef declares
# a float32 .Scalar() input (the binding passes an aclScalar).
import torch
import torch.nn as nn


class Model(nn.Module):
    def forward(self, x: torch.Tensor, value: torch.Tensor) -> torch.Tensor:
        return x * value
