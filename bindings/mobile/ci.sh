#!/usr/bin/env bash
# CI for the mobile binding (called by .ci/run). Idempotent; on a fresh Debian machine it
# installs JNA + a JDK (apt) and the Kotlin compiler (npm, into tools/), builds the
# library, generates Kotlin + Swift, compiles and runs the Kotlin tests on the JVM
# (every tests/vectors/*.json + an inspection walk) and checks the Swift declarations.
#   --setup-only  only install the tools (scripts/test-all.sh runs that in the background)
#   ECORULES_PROFILE  cargo profile of the library (default release; test-all.sh uses ci)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export OUT="$CARGO_TARGET_DIR/mobile-bindings"
PROFILE="${ECORULES_PROFILE:-release}"
KOTLIN_VERSION=2.4.20
JNA=/usr/share/java/jna.jar
KOTLINC="$ROOT/tools/node_modules/kotlin-compiler/bin/kotlinc-jvm"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
need_apt=()
[ -f "$JNA" ] || need_apt+=(libjna-java)
command -v javac >/dev/null 2>&1 || need_apt+=(default-jdk-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  [ "${ECORULES_APT_UPDATED:-0}" = 1 ] || $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
fi
if [ ! -x "$KOTLINC" ] || ! grep -q "\"version\": \"$KOTLIN_VERSION\"" "$ROOT/tools/node_modules/kotlin-compiler/package.json" 2>/dev/null; then
  echo "== npm install kotlin-compiler@$KOTLIN_VERSION into tools/"
  mkdir -p "$ROOT/tools"
  npm install --prefix "$ROOT/tools" --no-audit --no-fund "kotlin-compiler@$KOTLIN_VERSION"
fi
if [ "${1:-}" = --setup-only ]; then echo "mobile CI: tools ready"; exit 0; fi

bash bindings/mobile/build.sh

echo "== kotlinc: generated bindings + tests"
"$KOTLINC" "$OUT/uniffi/ecorules_mobile/ecorules_mobile.kt" bindings/mobile/tests/kotlin/*.kt \
  -cp "$JNA" -include-runtime -nowarn -d "$OUT/kotlin-tests.jar"
echo "== Kotlin tests on the JVM"
java -Djna.library.path="$CARGO_TARGET_DIR/$PROFILE" -cp "$OUT/kotlin-tests.jar:$JNA" ecorules.test.MainKt "$ROOT/tests/vectors"

echo "== Swift: generated file declares every exported type (no Swift toolchain here)"
bash bindings/mobile/tests/swift/check_declarations.sh "$OUT"
echo "mobile CI: OK"
