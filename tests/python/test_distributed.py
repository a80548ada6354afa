"""Evaluation on a Ray cluster: a local two-CPU cluster started here gives the same results and
rewards as the local run."""

import pytest

import ascendgen

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def comparable(scored: ascendgen.ScoredCandidate) -> dict:
    """Everything but wall-clock seconds, which differ between any two runs."""
    record = scored.result.to_dict()
    record.pop("seconds")
    for case in record["cases"]:
        case.pop("seconds")
    return {"result": record, "speedup": scored.speedup, "reward": scored.reward}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ray_results_equal_the_local_run(
    cluster: None, batch: ascendgen.BatchEvaluator, level1: ascendgen.Suite, wrong_relu: str
) -> None:
    relu, add, exp = level1["relu"], level1["add"], level1["exp"]
    tasks = [relu, relu, add, exp, relu]
    sources = [relu.solution_source(), wrong_relu, add.solution_source(), "prose", relu.baseline_source()]
    remote = ascendgen.distributed.RayEvaluator(2)
    progress = []
    on_ray = ascendgen.evaluate_batch(tasks, sources, evaluator=remote, progress=lambda d, t: progress.append((d, t)))
    local = ascendgen.evaluate_batch(tasks, sources, evaluator=batch)
    assert [comparable(s) for s in on_ray] == [comparable(s) for s in local]
    assert [s.result.status for s in on_ray] == ["pass", "wrong_answer", "pass", "parse_error", "pass"]
    assert progress[-1] == (5, 5) and len(progress) == 2
    remote.shutdown()


def test_ray_evaluator_needs_a_cluster_and_actors() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ascendgen.distributed.RayEvaluator(0)
