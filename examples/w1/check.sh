#!/usr/bin/env bash
# W1: generate the benchmark data (numpy + pyarrow venv under tools/), run examples/w1 and
# the peers in one run, compare the output byte for byte with ../shared/bench/w1/expected.
#   bash examples/w1/check.sh s1        # correctness on S1 (CI)
#   bash examples/w1/check.sh s2 peers  # S2 with polars, pandas and DuckDB timed alongside
set -euo pipefail
cd "$(dirname "$0")/../.."
SET=${1:-s1}
PEERS=${2:-}
W1=${W1_SHARED:-../shared/bench/w1}
VENV=tools/venv-w1
DATA=${W1_DATA:-tools/w1data}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import numpy, pyarrow" 2>/dev/null || "$VENV/bin/pip" install -q numpy pyarrow
if [ -n "$PEERS" ]; then "$VENV/bin/python" -c "import polars, pandas, duckdb" 2>/dev/null || "$VENV/bin/pip" install -q polars pandas duckdb; fi
mkdir -p "$DATA"
STACKS=5; [ "$SET" = s2 ] && STACKS=20
[ -f "$DATA/$SET.csv" ] || (cd "$W1" && "$OLDPWD/$VENV/bin/python" gen_data.py --stacks $STACKS --year 2025 --seed 1 --out "$OLDPWD/$DATA/$SET.parquet")
cargo build --quiet --release -p w1
out=$(mktemp)
echo "ecorules (1 core):"; taskset -c 0 target/release/w1 "$DATA/$SET.csv" "$out" 2>/dev/null || target/release/w1 "$DATA/$SET.csv" "$out"
cmp "$out" "$W1/expected/w1_$SET.csv" && echo "w1 $SET: identical to expected/w1_$SET.csv"
if [ -n "$PEERS" ]; then
  for t in polars pandas duckdb; do
    echo "$t:"; (cd "$W1" && "$OLDPWD/$VENV/bin/python" peer_$t.py "$OLDPWD/$DATA/$SET.parquet" "$out")
  done
  echo "numpy floor:"; (cd "$W1" && "$OLDPWD/$VENV/bin/python" floor_numpy.py "$OLDPWD/$DATA/$SET.parquet")
fi
rm -f "$out"
