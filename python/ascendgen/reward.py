"""The reward API for RL: a batch of candidate sources in, an evaluation and a scalar reward per
source out, with the GIL released while the C++ evaluator compiles and runs them.

Reward shaping (:class:`RewardShaping`, every number configurable): a candidate earns by the
furthest stage it reaches,

    parse_error 0.0 < compile_error 0.1 < runtime_error 0.2 < wrong_answer 0.3 < pass,

and a passing candidate earns ``correct + speedup_weight * clip(log2(speedup), lo, hi)`` =
``1.0 + 0.5 * clip(log2(speedup), -1, 2)``, in [0.5, 2.0], where speedup is the task's baseline
kernel's predicted NPU time over the candidate's (1.0 when the task has no baseline or it was not
timed, so the candidate earns ``correct``). Twice as fast as the baseline earns 1.5, half as fast
0.5: still above any failing candidate.

The artifact cache is reused: every evaluator compiles through the content-hash cache
(``~/.cache/ascendgen/kernels`` unless CompilerOptions.cache_dir says otherwise) shared with the
CLI, so a source already compiled by anyone costs no g++ run; baselines are evaluated once per
evaluator and task.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Union

from ascendgen._core import EvalResult, Evaluator, EvaluatorOptions, Suite, Task, extract_candidate

TaskSpec = Union[Task, Sequence[Task]]


@dataclasses.dataclass(frozen=True)
class RewardShaping:
    """The reward of each outcome; see the module docstring. Failing stages must not earn more than
    later ones, nor more than the slowest passing candidate (ValueError otherwise)."""

    parse_error: float = 0.0
    compile_error: float = 0.1
    runtime_error: float = 0.2
    wrong_answer: float = 0.3
    correct: float = 1.0
    speedup_weight: float = 0.5
    min_log2_speedup: float = -1.0
    max_log2_speedup: float = 2.0

    def __post_init__(self) -> None:
        ladder = [self.parse_error, self.compile_error, self.runtime_error, self.wrong_answer, self.slowest_pass]
        if ladder != sorted(ladder) or self.min_log2_speedup > self.max_log2_speedup or self.speedup_weight < 0:
            raise ValueError(f"RewardShaping: rewards must not decrease with the stage reached: {self}")

    @property
    def slowest_pass(self) -> float:
        return self.correct + self.speedup_weight * self.min_log2_speedup

    def __call__(self, result: EvalResult, speedup: float | None) -> float:
        """The reward of one evaluated candidate."""
        if result.status != "pass":
            return float(getattr(self, result.status))
        if speedup is None:
            return self.correct
        log2 = min(max(math.log2(speedup), self.min_log2_speedup), self.max_log2_speedup)
        return self.correct + self.speedup_weight * log2


@dataclasses.dataclass
class ScoredCandidate:
    """One candidate's evaluation, its speedup over the task's baseline (None when not timed or
    not correct) and its reward."""

    result: EvalResult
    speedup: float | None
    reward: float


class BatchEvaluator:
    """An Evaluator plus the predicted times of the tasks' baselines, for scoring batches. Reuse one:
    it keeps the reference outputs, and the baselines are timed once per task. Thread-safe."""

    def __init__(self, options: EvaluatorOptions | None = None) -> None:
        self.evaluator = Evaluator(options or EvaluatorOptions())
        self._baseline_us: dict[str, float | None] = {}
        self._lock = threading.Lock()

    def baseline_us(self, tasks: Sequence[Task]) -> dict[str, float | None]:
        """Predicted time of each task's baseline kernel (None: no baseline, or it failed), by
        task directory; baselines not yet timed are evaluated together."""
        with self._lock:
            missing = {str(t.dir): t for t in tasks if str(t.dir) not in self._baseline_us}
        todo = [(t, t.baseline_source()) for t in missing.values()]
        results = self.evaluator.evaluate_many([(t, s) for t, s in todo if s is not None])
        found = iter(results)
        with self._lock:
            for task, source in todo:
                result = next(found) if source is not None else None
                ok = result is not None and result.correct and result.predicted_us > 0
                self._baseline_us[str(task.dir)] = result.predicted_us if ok else None
            return {str(t.dir): self._baseline_us[str(t.dir)] for t in tasks}

    def evaluate(
        self,
        task: TaskSpec,
        sources: Sequence[str],
        shaping: RewardShaping | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[ScoredCandidate]:
        """Evaluates each source against its task (one Task for all, or one per source) and scores it."""
        tasks = _tasks_for(task, sources)
        shaping = shaping or RewardShaping()
        results = self.evaluator.evaluate_many(list(zip(tasks, sources)), progress)
        baselines = self.baseline_us([t for t, r in zip(tasks, results) if r.correct])
        scored = []
        for task_of, result in zip(tasks, results):
            base = baselines.get(str(task_of.dir))
            speedup = base / result.predicted_us if result.correct and base and result.predicted_us > 0 else None
            scored.append(ScoredCandidate(result, speedup, shaping(result, speedup)))
        return scored


def _tasks_for(task: TaskSpec, sources: Sequence[str]) -> list[Task]:
    if isinstance(sources, str):
        raise TypeError("sources: a sequence of source strings, not one string")
    if isinstance(task, Task):
        return [task] * len(sources)
    tasks = list(task)
    if len(tasks) != len(sources):
        raise ValueError(f"{len(tasks)} tasks for {len(sources)} sources: give one task, or one per source")
    return tasks


_shared: dict[tuple, BatchEvaluator] = {}
_shared_lock = threading.Lock()


def shared_evaluator(workers: int = 1, soc: str = "Ascend910B2", case_timeout_s: float = 10.0) -> BatchEvaluator:
    """The process-wide BatchEvaluator for these options (created on first use)."""
    key = (workers, soc, case_timeout_s)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = BatchEvaluator(EvaluatorOptions(soc=soc, case_timeout_s=case_timeout_s, workers=workers))
        return _shared[key]


def evaluate_batch(
    task: TaskSpec,
    sources: Sequence[str],
    workers: int = 1,
    *,
    shaping: RewardShaping | None = None,
    soc: str = "Ascend910B2",
    case_timeout_s: float = 10.0,
    evaluator: BatchEvaluator | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ScoredCandidate]:
    """Evaluates ``sources`` (candidates for ``task``, or one task per source), ``workers`` at a
    time, and returns each one's result, speedup and reward (see :class:`RewardShaping`)."""
    evaluator = evaluator or shared_evaluator(workers, soc, case_timeout_s)
    return evaluator.evaluate(task, sources, shaping, progress)


def extract_source(completion: str, entry: str = "") -> str:
    """The candidate source in a model's answer, by the Generator's extraction rules
    (:func:`ascendgen.extract_candidate`: <think> dropped, the last <kernel_impl> block, named files
    joined into a full operator, else the fenced block defining ``entry``); "" when the answer holds
    none, which the evaluator reports as a parse_error."""
    extraction = extract_candidate(completion, entry)
    return extraction.source if extraction.ok else ""


def _completion_text(completion: Any) -> str:
    # TRL passes plain strings, or (conversational datasets) a list of messages.
    if isinstance(completion, str):
        return completion
    return completion[-1]["content"]


def make_grpo_reward(
    tasks: Task | Suite | Mapping[str, Task],
    *,
    task_column: str = "task",
    workers: int = 1,
    shaping: RewardShaping | None = None,
    evaluator: BatchEvaluator | Any | None = None,
    extract: Callable[[str, str], str] = extract_source,
) -> Callable[..., list[float]]:
    """A reward function with the signature TRL's GRPOTrainer expects,
    ``reward(prompts, completions, **kwargs) -> list[float]``.

    ``tasks`` is one Task (every completion is scored against it) or a Suite / {name: Task} mapping,
    in which case the dataset column ``task_column`` (passed by TRL as a keyword argument, one
    entry per completion) names each completion's task. ``evaluator`` may be a BatchEvaluator or a
    :class:`ascendgen.distributed.RayEvaluator`. The last batch's ScoredCandidates are kept in the
    function's ``last_scored`` attribute for logging.
    """
    if isinstance(tasks, Suite):
        tasks = {t.name: t for t in tasks.tasks}

    def ascendgen_reward(prompts: Sequence[Any] | None = None, completions: Sequence[Any] = (), **kwargs: Any) -> list[float]:
        if isinstance(tasks, Task):
            batch_tasks = [tasks] * len(completions)
        elif task_column in kwargs:
            batch_tasks = [tasks[name] for name in kwargs[task_column]]
        else:
            raise KeyError(f"ascendgen_reward: the dataset has no '{task_column}' column naming each task")
        sources = [extract(_completion_text(c), t.kernel.entry) for c, t in zip(completions, batch_tasks)]
        scored = (evaluator or shared_evaluator(workers)).evaluate(batch_tasks, sources, shaping)
        ascendgen_reward.last_scored = scored  # type: ignore[attr-defined]
        return [s.reward for s in scored]

    ascendgen_reward.last_scored = []  # type: ignore[attr-defined]
    return ascendgen_reward
