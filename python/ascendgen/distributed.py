"""Evaluation spread over a Ray cluster: the batch API of :class:`ascendgen.reward.BatchEvaluator`
with one BatchEvaluator per Ray actor. A batch is cut into contiguous shares, one per actor; each
actor evaluates its share exactly as a local BatchEvaluator would (same compile cache rules, same
seeded inputs, same baseline timing), so the results and rewards equal those of a local run.

Tasks travel as their directory (every machine needs the suite at the same path); results come
back as pickled EvalResults. Needs ``pip install ray``; connect with ``ray.init(...)`` first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ascendgen._core import EvaluatorOptions
from ascendgen.reward import BatchEvaluator, RewardShaping, ScoredCandidate, TaskSpec, _tasks_for


def _ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise ImportError("ascendgen.distributed needs Ray: pip install ray") from error
    return ray


class _EvaluatorActor:
    """The Ray actor: one BatchEvaluator, living as long as the actor."""

    def __init__(self, soc: str, case_timeout_s: float, workers: int) -> None:
        self.batch = BatchEvaluator(EvaluatorOptions(soc=soc, case_timeout_s=case_timeout_s, workers=workers))

    def evaluate(self, tasks: list, sources: list[str], shaping: RewardShaping | None) -> list[ScoredCandidate]:
        return self.batch.evaluate(tasks, sources, shaping)


class RayEvaluator:
    """``actors`` Ray actors, each holding an Evaluator with ``workers_per_actor`` worker processes
    (and that many CPUs reserved). ``evaluate`` has the signature of BatchEvaluator.evaluate, so a
    RayEvaluator can be passed wherever a BatchEvaluator is (evaluate_batch, make_grpo_reward)."""

    def __init__(
        self, actors: int, *, workers_per_actor: int = 1, soc: str = "Ascend910B2", case_timeout_s: float = 10.0
    ) -> None:
        if actors < 1 or workers_per_actor < 1:
            raise ValueError("RayEvaluator: actors and workers_per_actor must be at least 1")
        ray = _ray()
        if not ray.is_initialized():
            raise RuntimeError("RayEvaluator: connect to a cluster first (ray.init(...))")
        actor_class = ray.remote(num_cpus=workers_per_actor)(_EvaluatorActor)
        self._actors = [actor_class.remote(soc, case_timeout_s, workers_per_actor) for _ in range(actors)]

    def evaluate(
        self,
        task: TaskSpec,
        sources: Sequence[str],
        shaping: RewardShaping | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[ScoredCandidate]:
        """Evaluates and scores each source on the cluster; results in input order. ``progress``
        is called with (done, total) as each actor's share comes back."""
        ray = _ray()
        tasks = _tasks_for(task, sources)
        share = -(-len(sources) // len(self._actors))  # ceiling: contiguous shares, the last may be short
        pending = {}
        for index, actor in enumerate(self._actors):
            begin = index * share
            if begin < len(sources):
                end = begin + share
                pending[actor.evaluate.remote(tasks[begin:end], list(sources[begin:end]), shaping)] = begin
        scored: list[ScoredCandidate | None] = [None] * len(sources)
        done = 0
        while pending:
            (ready,), _ = ray.wait(list(pending), num_returns=1)
            begin = pending.pop(ready)
            part = ray.get(ready)
            scored[begin : begin + len(part)] = part
            done += len(part)
            if progress:
                progress(done, len(sources))
        return scored  # type: ignore[return-value]

    def shutdown(self) -> None:
        """Ends the actors (their worker processes go with them)."""
        ray = _ray()
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
