#!/usr/bin/env bash
# One command: build the library, generate the Kotlin binding, compile and run Inspector.kt.
# Needs what bindings/mobile/ci.sh installs (JNA, a JDK, tools/ kotlin-compiler).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export OUT="$CARGO_TARGET_DIR/mobile-bindings"
bash "$ROOT/bindings/mobile/build.sh" >/dev/null
"$ROOT/tools/node_modules/kotlin-compiler/bin/kotlinc-jvm" "$OUT/uniffi/ecorules_mobile/ecorules_mobile.kt" "$ROOT/examples/inspector/Inspector.kt" \
  -cp /usr/share/java/jna.jar -include-runtime -nowarn -d "$OUT/inspector.jar" 2>/dev/null
java -Djna.library.path="$CARGO_TARGET_DIR/release" -cp "$OUT/inspector.jar:/usr/share/java/jna.jar" InspectorKt
