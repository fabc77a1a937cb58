#!/usr/bin/env bash
# CI for the WebAssembly binding (called by .ci/run). Idempotent; installs what it needs on a
# fresh Debian machine (registries only: crates.io, npm, Debian), builds the npm package and
# the web portal, and runs: tsc --strict, node --test (vectors + API),
# and the headless-Chromium test of examples/web-portal.
#   --setup-only  only install the tools; --setup-rust only the Rust ones (wasm32 target,
#                 wasm-bindgen-cli), --setup-packages only the others (npm, apt). test-all.sh
#                 runs those two in the background, side by side.
#   ECORULES_CLI  an already built `ecorules` CLI for the browser test's reference report
#                 (otherwise built here with the cargo profile $ECORULES_PROFILE, default release)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
WB_VERSION=0.2.130
TOOLS="$ROOT/tools"
mkdir -p "$TOOLS"

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi
apt_update() { [ "${ECORULES_APT_UPDATED:-0}" = 1 ] || $SUDO apt-get update; }
SETUP_RUST=1; SETUP_PACKAGES=1; SETUP_ONLY=0
case "${1:-}" in
  --setup-only) SETUP_ONLY=1 ;;
  --setup-rust) SETUP_ONLY=1; SETUP_PACKAGES=0 ;;
  --setup-packages) SETUP_ONLY=1; SETUP_RUST=0 ;;
esac

if [ $SETUP_RUST = 1 ]; then
# 1. Rust target and the wasm-bindgen CLI (exactly the library's version; no --locked: the
#    registry mirror lacks the locked webpki-roots).
rustup target add wasm32-unknown-unknown
#    A tool, not a shipped artifact: built with LTO off and 16 codegen units whatever its
#    release profile says, in cargo install's own temporary target dir (not the workspace's).
if ! "$TOOLS/cargo/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WB_VERSION"; then
  env -u CARGO_TARGET_DIR CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_INCREMENTAL=0 \
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$TOOLS/cargo" --force
fi
fi

if [ $SETUP_PACKAGES = 1 ]; then
# 2. Node and npm packages (binaryen's wasm-opt: Debian's binaryen breaks the module).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_update && $SUDO apt-get install -y nodejs npm
fi
NPM_PKGS="binaryen@132.0.0 typescript@7.0.2 playwright-core@1.65.1 echarts@6.1.0"
need_npm=0
for p in $NPM_PKGS; do
  name=${p%@*}; ver=${p##*@}
  got=$(node -p "try { require('$TOOLS/node_modules/$name/package.json').version } catch { '' }")
  [ "$got" = "$ver" ] || need_npm=1
done
if [ $need_npm = 1 ]; then
  npm install --prefix "$TOOLS" --no-audit --no-fund --save-exact $NPM_PKGS
fi

# 3. Chromium for the browser test, plus python3 for the static server.
if [ ! -x /usr/bin/chromium ] || ! command -v python3 >/dev/null || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  apt_update && $SUDO apt-get install -y chromium python3 fonts-wqy-microhei
fi
fi
if [ $SETUP_ONLY = 1 ]; then echo "wasm binding: tools ready (${1#--})"; exit 0; fi

# 4. Build: the npm package, the CLI (the browser test's reference), the portal.
bash "$HERE/build.sh"
# Size budget (issue 11): the gzipped .wasm with every feature must stay <= 600 KB.
WASM_BUDGET=614400
WASM_GZ=$(gzip -9c "$HERE/pkg/web/ecorules_bg.wasm" | wc -c)
if [ "$WASM_GZ" -gt "$WASM_BUDGET" ]; then
  echo "FAIL: ecorules_bg.wasm is $WASM_GZ bytes gzip -9, over the $WASM_BUDGET-byte budget" >&2
  exit 1
fi
echo "wasm size: $WASM_GZ bytes gzip -9 (budget $WASM_BUDGET)"
if [ -z "${ECORULES_CLI:-}" ]; then
  PROFILE=${ECORULES_PROFILE:-release}
  cargo build --profile "$PROFILE" -p ecorules-cli
  export ECORULES_CLI="$CARGO_TARGET_DIR/$PROFILE/ecorules"
fi
bash "$ROOT/examples/web-portal/build.sh"

# 5. Tests.
(cd "$HERE" && "$TOOLS/node_modules/.bin/tsc" --strict --noEmit --target es2022 --module nodenext \
  --moduleResolution nodenext --lib esnext,dom --types "" ts-check/usage.ts)
node --test "$HERE/tests/"
node --test "$HERE/browser/"
echo "wasm binding: all checks passed"
