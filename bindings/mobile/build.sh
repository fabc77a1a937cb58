#!/usr/bin/env bash
# Builds libecorules_mobile (release, NOT stripped: UniFFI reads its metadata from the
# symbol table) and generates the Kotlin and Swift sources into $OUT.
# Prints nothing but progress; used by ci.sh and examples/inspector/run.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${OUT:-$CARGO_TARGET_DIR/mobile-bindings}"
echo "== cargo build --release -p ecorules-mobile"
cargo build --release -p ecorules-mobile
echo "== cargo build -p uniffi-bindgen"
cargo build -p uniffi-bindgen
LIB="$CARGO_TARGET_DIR/release/libecorules_mobile.so"
rm -rf "$OUT"; mkdir -p "$OUT"
echo "== generate Kotlin + Swift from $LIB"
"$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --library "$LIB" \
  --language kotlin --language swift --no-format --out-dir "$OUT"
ls -l "$OUT" "$OUT/uniffi/ecorules_mobile"
