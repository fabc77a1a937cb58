#!/usr/bin/env bash
# CI for the Python binding: build the abi3 wheel with maturin, install it into the test venv
# with the test tools, run pytest (vector replay, API, errors, memory), mypy --strict on the
# example, and stubtest. Idempotent; tools live under tools/ in the repo root.
#   --setup-only      only create the build and test venvs (test-all.sh: in the background)
#   ECORULES_PROFILE  cargo profile of the wheel (default release; test-all.sh uses ci)
#   ECORULES_SPARK=1 (or ECORULES_FULL=1) also runs the Spark local-mode test (installs
#   pyspark, ~1 min more).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
PROFILE="${ECORULES_PROFILE:-release}"
SPARK="${ECORULES_SPARK:-${ECORULES_FULL:-0}}"

if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
  if command -v apt-get >/dev/null; then
    { [ "${ECORULES_APT_UPDATED:-0}" = 1 ] || apt-get update -qq; } && apt-get install -y -qq python3 python3-venv python3-pip
  fi
fi

BUILD_VENV="$ROOT/tools/venv-python"
[ -x "$BUILD_VENV/bin/maturin" ] || { "$PY" -m venv "$BUILD_VENV" && "$BUILD_VENV/bin/pip" install -q "maturin>=1.9.4,<2"; }

# The test venv: made once with the test tools and the wheel's dependencies (a stamp records
# what it holds); each run then replaces only the ecorules wheel in it.
TEST_VENV="$ROOT/tools/venv-python-ci"
TEST_DEPS="numpy pyarrow pytest pandas polars mypy pandas-stubs pyarrow-stubs"
[ "$SPARK" = 1 ] && TEST_DEPS="$TEST_DEPS pyspark>=3.5 pandas<3"
if [ "$(cat "$TEST_VENV/.ecorules-deps" 2>/dev/null)" != "$TEST_DEPS" ]; then
  rm -rf "$TEST_VENV"
  "$PY" -m venv "$TEST_VENV"
  # shellcheck disable=SC2086
  "$TEST_VENV/bin/pip" install -q $TEST_DEPS
  printf '%s' "$TEST_DEPS" > "$TEST_VENV/.ecorules-deps"
fi
if [ "${1:-}" = --setup-only ]; then echo "python binding: tools ready"; exit 0; fi

rm -f dist/ecorules-*.whl
"$BUILD_VENV/bin/maturin" build --profile "$PROFILE" -m bindings/python/Cargo.toml -o dist
WHEEL="$(ls dist/ecorules-*.whl | head -n1)"
"$TEST_VENV/bin/pip" install -q --force-reinstall --no-deps "$WHEEL"
"$TEST_VENV/bin/pip" check

# run from outside the source tree so the installed wheel (not python/ecorules) is imported
cd "$ROOT/tools"
"$TEST_VENV/bin/python" -m pytest -q "$ROOT/bindings/python/tests"
"$TEST_VENV/bin/python" -m mypy --strict "$ROOT/bindings/python/examples/quickstart.py"
"$TEST_VENV/bin/python" -m mypy.stubtest ecorules
if [ "$SPARK" = 1 ]; then
  "$TEST_VENV/bin/python" -m pytest -q "$ROOT/examples/spark"
fi
echo "python binding: OK"
