"""FLARE routing across a model pool: the compiled ``ascendgen._core.router`` (C++
``ascendgen::router``) under its package name. Types: router.pyi."""

from ascendgen._core.router import (  # noqa: F401
    Decision,
    Deployment,
    Endpoint,
    Estimate,
    GenerationRecord,
    LengthPrior,
    ModelPool,
    ModelSpec,
    RequestFeatures,
    Router,
    default_policies,
    load_pool,
    normalise_policy,
    parse_pool,
)
