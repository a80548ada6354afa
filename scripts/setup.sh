#!/usr/bin/env bash
# Idempotent set-up of a fresh Debian 12 machine for ascendgen: the apt packages it builds with,
# a Python venv in .venv that sees Debian's torch and numpy, and a build in build/.
# Safe to re-run: each step only does what is missing. Non-interactive (CI=true works unattended).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

packages=(cmake ninja-build g++ clang libtorch-dev pybind11-dev libeigen3-dev libfmt-dev libyaml-cpp-dev doctest-dev
          nlohmann-json3-dev libcli11-dev libseccomp-dev python3-torch python3-numpy python3-venv python3-dev
          python3-pandas python3-scipy
          libcurl4-openssl-dev libcpp-httplib-dev pkgconf)

# ---- apt packages: only those not fully installed, with one apt-get update -----------------------
missing=()
for package in "${packages[@]}"; do
  # One line per installed architecture; "config-files" or "half-installed" count as missing.
  status="$(dpkg-query -W -f='${db:Status-Status}\n' "$package" 2>/dev/null || true)"
  grep -qx installed <<<"$status" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  as_root=()
  if [[ "$(id -u)" -ne 0 ]]; then
    # -n: never wait for a password that nobody will type (CI); configure sudo or run as root.
    as_root=(sudo -n)
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# ---- .venv: Debian's python3 (the python3 first on PATH may be another build without Debian's
# torch), with the system site packages so python3-torch and python3-numpy are visible --------------
venv_ok() {
  [[ -x .venv/bin/python && -f .venv/pyvenv.cfg ]] &&
    grep -qx 'home = /usr/bin' .venv/pyvenv.cfg &&
    grep -qx 'include-system-site-packages = true' .venv/pyvenv.cfg
}
if ! venv_ok; then
  echo "setup: creating .venv"
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
# What building and testing the Python package needs beyond the apt packages (pybind11 itself comes
# from pybind11-dev through CMake).
if ! .venv/bin/python -c 'import pytest, scikit_build_core' 2>/dev/null; then
  echo "setup: installing pytest and scikit-build-core into .venv"
  .venv/bin/python -m pip install --quiet 'pytest>=7' 'scikit-build-core>=0.10'
fi
# Ray: ascendgen.distributed spreads evaluation over a Ray cluster; its test starts a local one.
if ! .venv/bin/python -c 'import ray' 2>/dev/null; then
  echo "setup: installing ray into .venv"
  .venv/bin/python -m pip install --quiet 'ray>=2.9'
fi

# ---- C++ build in build/ with every core ------------------------------------------------------
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -G Ninja
fi
cmake --build build -j "$(nproc)"
