#!/usr/bin/env bash
# Assembles the static portal: the `ecorules` web build (bindings/wasm/pkg/web, run
# bindings/wasm/build.sh first), ECharts from npm (tools/node_modules/echarts) and the sample
# permit and data (examples/sample). Afterwards any static server works:
#   python3 -m http.server -d examples/web-portal 8000
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ECHARTS=${ECHARTS:-$ROOT/tools/node_modules/echarts/dist/echarts.min.js}
rm -rf "$HERE/pkg" "$HERE/vendor" "$HERE/sample"
mkdir -p "$HERE/vendor" "$HERE/sample"
cp -r "$ROOT/bindings/wasm/pkg/web" "$HERE/pkg"
cp "$ECHARTS" "$HERE/vendor/echarts.min.js"
cp "$ROOT/tools/node_modules/echarts/LICENSE" "$HERE/vendor/ECHARTS-LICENSE" 2>/dev/null || true
for f in permit.toml day.csv hj212-day.txt hj212-map.toml; do
  cp "$ROOT/examples/sample/$f" "$HERE/sample/$f"
done
echo "web portal ready in $HERE"
