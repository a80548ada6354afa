# Fixture: torch lacks a float16 CPU rsqrt, so the importer computes the reference in float32.
import torch
import torch.nn as nn
import torch_npu


class Model(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.rsqrt(x)
