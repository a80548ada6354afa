"""Shortcuts over :func:`ascendgen.compute_metrics` for the two numbers most often wanted alone."""

from collections.abc import Sequence

from ascendgen._core import SampleOutcome, compute_metrics


def fast_p(samples: Sequence[SampleOutcome], p: float = 1.0) -> float:
    """KernelBench's fast_p over all levels: the mean over tasks of the share of samples that are
    correct with speedup > p. ValueError while some correct sample has no speedup."""
    overall = compute_metrics(list(samples), p=[p]).overall
    if p not in overall.fast_p:
        raise ValueError("fast_p: some correct sample has no speedup (time every candidate and its baseline)")
    return overall.fast_p[p]


def score(samples: Sequence[SampleOutcome]) -> float:
    """NPUKernelBench's level-weighted score in [0, 1] (levels 1, 2, 3 weigh 0.2, 0.3, 0.5)."""
    return compute_metrics(list(samples)).score
