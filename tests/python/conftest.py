"""Shared fixtures: the Level-1 suite and one BatchEvaluator for the whole session (it keeps the
reference outputs and baseline times, as a training loop would)."""

import pathlib

import pytest

import ascendgen

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def level1() -> ascendgen.Suite:
    return ascendgen.Suite.load(ROOT / "suites" / "level1")


@pytest.fixture(scope="session")
def relu(level1: ascendgen.Suite) -> ascendgen.Task:
    return level1["relu"]


@pytest.fixture(scope="session")
def wrong_relu(relu: ascendgen.Task) -> str:
    """A candidate that compiles and runs but computes |x| instead of max(x, 0)."""
    source = relu.solution_source()
    assert "AscendC::Relu(" in source
    return source.replace("AscendC::Relu(", "AscendC::Abs(")


@pytest.fixture(scope="session")
def batch() -> ascendgen.BatchEvaluator:
    return ascendgen.BatchEvaluator(ascendgen.EvaluatorOptions(workers=2))
