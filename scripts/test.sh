#!/usr/bin/env bash
# Sets up (scripts/setup.sh), then runs every test: the C++ suites and the install test under
# CTest, then the Python package, built into .venv from this checkout, under pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh

ctest --test-dir build --output-on-failure --no-tests=error -j "$(nproc)"

# --no-build-isolation: build against the apt-installed pybind11 and the venv's scikit-build-core
# instead of downloading a private copy of each.
echo "test: installing the Python package into .venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 .venv/bin/python -m pip install --quiet --no-build-isolation --no-deps .
.venv/bin/python -m pytest
