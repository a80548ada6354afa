"""Metrics from Python: the unbiased pass@k estimator against a brute-force count, fast_p, score."""

import itertools
import math

import pytest

import ascendgen


@pytest.mark.parametrize(("n", "c", "k"), [(5, 2, 1), (5, 2, 3), (6, 0, 2), (6, 6, 2), (7, 3, 7)])
def test_pass_at_k_is_the_share_of_k_subsets_with_a_correct_sample(n: int, c: int, k: int) -> None:
    samples = [True] * c + [False] * (n - c)
    subsets = list(itertools.combinations(samples, k))
    assert ascendgen.pass_at_k(n, c, k) == pytest.approx(sum(any(s) for s in subsets) / len(subsets))
    assert len(subsets) == math.comb(n, k)


def test_pass_at_k_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError):
        ascendgen.pass_at_k(3, 4, 1)


def test_metrics_by_level_with_fast_p_and_score() -> None:
    outcomes = [
        ascendgen.SampleOutcome("a", 1, compiled=True, correct=True, speedup=2.0),
        ascendgen.SampleOutcome("a", 1, compiled=True, correct=False),
        ascendgen.SampleOutcome("b", 2, compiled=False, correct=False),
        ascendgen.SampleOutcome("b", 2, compiled=True, correct=True, speedup=0.5),
    ]
    metrics = ascendgen.compute_metrics(outcomes, k=[1, 2])
    assert [level.level for level in metrics.levels] == [1, 2]
    assert metrics.overall.samples == 4 and metrics.overall.correct == 2
    assert metrics.levels[0].pass_at_k[2] == 1.0
    assert metrics.levels[0].pass_at_k[1] == pytest.approx(0.5)
    assert metrics.score == pytest.approx(0.2 * 0.5 + 0.3 * 0.5)
    assert ascendgen.score(outcomes) == metrics.score
    assert ascendgen.fast_p(outcomes, 1.0) == pytest.approx((0.5 + 0.0) / 2)
    assert ascendgen.fast_p(outcomes, 0.0) == pytest.approx(0.5)


def test_fast_p_needs_timed_samples() -> None:
    with pytest.raises(ValueError, match="speedup"):
        ascendgen.fast_p([ascendgen.SampleOutcome("a", 1, compiled=True, correct=True)])


def test_a_task_changing_level_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'a'"):
        ascendgen.compute_metrics([ascendgen.SampleOutcome("a", 1), ascendgen.SampleOutcome("a", 2)])
