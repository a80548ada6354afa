"""The FLARE router from Python: the default pool, routing decisions and learning from records."""

import pathlib

import pytest

import ascendgen
from ascendgen import router

ROOT = pathlib.Path(__file__).resolve().parents[2]
POOL = ROOT / "data" / "router" / "default_pool.yaml"


def test_the_default_pool_loads() -> None:
    pool = router.load_pool(POOL)
    assert len(pool) == len(pool.models) >= 2
    largest = pool.models[pool.largest()]
    assert largest.parameters_b == max(m.parameters_b for m in pool.models)
    assert pool.find(largest.name).endpoint.api in ("chat", "completions")
    assert largest.cost(1e6, 0) == pytest.approx(largest.price_input_per_mtok)
    assert largest.deployment.capacity == largest.deployment.instances * largest.deployment.max_concurrency


def test_a_bad_pool_is_a_pool_error() -> None:
    with pytest.raises(ascendgen.PoolError, match="<pool>"):
        router.parse_pool("models: 3\n")


def test_fixed_and_largest_policies_route_as_named() -> None:
    pool = router.load_pool(POOL)
    request = router.RequestFeatures(task="relu", level=1, category="activation", prompt_tokens=1500)
    largest = pool.models[pool.largest()].name
    assert router.Router(pool, "largest").route(request).model_name == largest
    smallest = pool.models[pool.smallest()].name
    assert router.Router(pool, f"fixed:{smallest}").route(request).model_name == smallest
    with pytest.raises(ValueError):
        router.Router(pool, "no-such-policy")


def test_flare_estimates_every_model_and_tracks_load() -> None:
    pool = router.load_pool(POOL)
    flare = router.Router(pool, "flare")
    request = router.RequestFeatures(task="relu", level=1, prompt_tokens=1500)
    estimates = flare.estimate(request)
    assert len(estimates) == len(pool)
    assert all(e.latency_s > 0 and e.cost > 0 and 0 <= e.pass_probability <= 1 for e in estimates)
    decision = flare.route(request)
    assert flare.in_flight()[decision.model] == decision.samples
    record = router.GenerationRecord(request, decision.model_name, tokens_in=1500, tokens_out=900, latency_s=3.0, passed=True)
    flare.finish(decision, [record])
    assert sum(flare.in_flight()) == 0
    assert router.GenerationRecord.from_dict(record.to_dict()).to_dict() == record.to_dict()
    batch = flare.route_batch([request] * 3)
    assert len(batch) == 3 and sum(flare.in_flight()) == sum(d.samples for d in batch)


def test_policy_strings() -> None:
    assert "flare" in router.default_policies()
    assert router.normalise_policy("largest") == "largest"
    with pytest.raises(ValueError):
        router.normalise_policy("flare:w=oops")
