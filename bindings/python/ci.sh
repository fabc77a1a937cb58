#!/usr/bin/env bash
# CI for the Python binding: build the abi3 wheel with maturin, install it into a fresh
# venv with the test tools, run pytest (vector replay, API, errors, memory), mypy --strict
# on the example, and stubtest. Idempotent; tools live under tools/ in the repo root.
#   ECORULES_SPARK=1 also runs the Spark local-mode test (installs pyspark, ~1 min more).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  if command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-pip
  fi
fi

BUILD_VENV="$ROOT/tools/venv-python"
[ -x "$BUILD_VENV/bin/maturin" ] || { "$PY" -m venv "$BUILD_VENV" && "$BUILD_VENV/bin/pip" install -q "maturin>=1.9.4,<2"; }

rm -f dist/ecorules-*.whl
"$BUILD_VENV/bin/maturin" build --release -m bindings/python/Cargo.toml -o dist
WHEEL="$(ls dist/ecorules-*.whl | head -n1)"

TEST_VENV="$ROOT/tools/venv-python-ci"
rm -rf "$TEST_VENV"
"$PY" -m venv "$TEST_VENV"
"$TEST_VENV/bin/pip" install -q "$WHEEL" pytest pandas pyarrow polars mypy pandas-stubs pyarrow-stubs
if [ "${ECORULES_SPARK:-0}" = "1" ]; then
  "$TEST_VENV/bin/pip" install -q "pyspark>=3.5" "pandas<3"
fi

# run from outside the source tree so the installed wheel (not python/ecorules) is imported
cd "$ROOT/tools"
"$TEST_VENV/bin/python" -m pytest -q "$ROOT/bindings/python/tests"
"$TEST_VENV/bin/python" -m mypy --strict "$ROOT/bindings/python/examples/quickstart.py"
"$TEST_VENV/bin/python" -m mypy.stubtest ecorules
if [ "${ECORULES_SPARK:-0}" = "1" ]; then
  "$TEST_VENV/bin/python" -m pytest -q "$ROOT/examples/spark"
fi
echo "python binding: OK"
