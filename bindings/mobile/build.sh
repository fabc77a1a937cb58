#!/usr/bin/env bash
# Builds libecorules_mobile (cargo profile $ECORULES_PROFILE, default release; NOT stripped:
# UniFFI reads its metadata from the symbol table) into $CARGO_TARGET_DIR/<profile>/ and
# generates the Kotlin and Swift sources into $OUT.
# UNIFFI_BINDGEN: an already built uniffi-bindgen (scripts/test-all.sh passes the one its
# workspace build made, so it is not compiled a second time with other features).
# Prints nothing but progress; used by ci.sh and examples/inspector/run.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="${OUT:-$CARGO_TARGET_DIR/mobile-bindings}"
PROFILE="${ECORULES_PROFILE:-release}"
echo "== cargo build --profile $PROFILE -p ecorules-mobile"
cargo build --profile "$PROFILE" -p ecorules-mobile
BINDGEN="${UNIFFI_BINDGEN:-}"
if [ -z "$BINDGEN" ]; then
  echo "== cargo build -p uniffi-bindgen"
  cargo build -p uniffi-bindgen
  BINDGEN="$CARGO_TARGET_DIR/debug/uniffi-bindgen"
fi
LIB="$CARGO_TARGET_DIR/$PROFILE/libecorules_mobile.so"
rm -rf "$OUT"; mkdir -p "$OUT"
echo "== generate Kotlin + Swift from $LIB"
"$BINDGEN" generate --library "$LIB" \
  --language kotlin --language swift --no-format --out-dir "$OUT"
ls -l "$OUT" "$OUT/uniffi/ecorules_mobile"
