#!/usr/bin/env bash
# W1: generate the benchmark data (numpy + pyarrow venv under tools/), run examples/w1 and
# the peers in one run, compare the output byte for byte with ../shared/bench/w1/expected.
#   bash examples/w1/check.sh s1        # correctness on S1 (CI)
#   bash examples/w1/check.sh s2 peers  # S2 with polars, pandas and DuckDB timed alongside
# The binary is built with the cargo profile $ECORULES_PROFILE (default `release`, the one to
# time; scripts/test-all.sh sets `ci`, which computes the same bytes and builds much faster).
#   --setup-only  only create the numpy/pyarrow venv and the data (test-all.sh: in the background)
set -euo pipefail
cd "$(dirname "$0")/../.."
SETUP_ONLY=0
if [ "${1:-}" = --setup-only ]; then SETUP_ONLY=1; shift; fi
SET=${1:-s1}
PEERS=${2:-}
PROFILE=${ECORULES_PROFILE:-release}
TARGET=${CARGO_TARGET_DIR:-target}
W1=${W1_SHARED:-../shared/bench/w1}
VENV=tools/venv-w1
DATA=${W1_DATA:-tools/w1data}
mkdir -p "$DATA" && DATA=$(cd "$DATA" && pwd)
ROOT=$(pwd)
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import numpy, pyarrow" 2>/dev/null || "$VENV/bin/pip" install -q numpy pyarrow
if [ -n "$PEERS" ]; then "$VENV/bin/python" -c "import polars, pandas, duckdb" 2>/dev/null || "$VENV/bin/pip" install -q polars pandas duckdb; fi
mkdir -p "$DATA"
STACKS=5; [ "$SET" = s2 ] && STACKS=20
[ -f "$DATA/$SET.csv" ] || (cd "$W1" && "$ROOT/$VENV/bin/python" gen_data.py --stacks $STACKS --year 2025 --seed 1 --out "$DATA/$SET.parquet")
[ "$SETUP_ONLY" = 1 ] && exit 0
# W1_BIN: an already built w1 (scripts/test-all.sh builds it together with the mobile cdylib,
# so the core compiles once for both); otherwise build it here.
BIN=${W1_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --quiet --profile "$PROFILE" -p w1
  BIN="$TARGET/$PROFILE/w1"
fi
out=$(mktemp)
echo "ecorules (1 core, profile $PROFILE):"; taskset -c 0 "$BIN" "$DATA/$SET.csv" "$out" 2>/dev/null || "$BIN" "$DATA/$SET.csv" "$out"
cmp "$out" "$W1/expected/w1_$SET.csv" && echo "w1 $SET: identical to expected/w1_$SET.csv"
if [ -n "$PEERS" ]; then
  for t in polars pandas duckdb; do
    echo "$t:"; (cd "$W1" && "$ROOT/$VENV/bin/python" peer_$t.py "$DATA/$SET.parquet" "$out")
  done
  echo "numpy floor:"; (cd "$W1" && "$ROOT/$VENV/bin/python" floor_numpy.py "$DATA/$SET.parquet")
fi
rm -f "$out"
