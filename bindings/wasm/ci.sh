#!/usr/bin/env bash
# CI for the WebAssembly binding (called by .ci/run). Idempotent; installs what it needs on a
# fresh Debian machine (registries only: crates.io, npm, Debian), builds the npm package and
# the web portal, and runs: the Rust mirror tests, tsc --strict, node --test (vectors + API),
# and the headless-Chromium test of examples/web-portal.
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

# 1. Rust target and the wasm-bindgen CLI (exactly the library's version; no --locked: the
#    registry mirror lacks the locked webpki-roots).
rustup target add wasm32-unknown-unknown
if ! "$TOOLS/cargo/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WB_VERSION"; then
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$TOOLS/cargo" --force
fi

# 2. Node and npm packages (binaryen's wasm-opt: Debian's binaryen breaks the module).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  $SUDO apt-get update && $SUDO apt-get install -y nodejs npm
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
  $SUDO apt-get update && $SUDO apt-get install -y chromium python3 fonts-wqy-microhei
fi

# 4. Build: the npm package, the CLI (the browser test's reference), the portal.
bash "$HERE/build.sh"
cargo build --release -p ecorules-cli
bash "$ROOT/examples/web-portal/build.sh"

# 5. Tests.
cargo test -p ecorules-wasm --test mirror
(cd "$HERE" && "$TOOLS/node_modules/.bin/tsc" --strict --noEmit --target es2022 --module nodenext \
  --moduleResolution nodenext --lib esnext,dom --types "" ts-check/usage.ts)
node --test "$HERE/tests/"
ECORULES_CLI="$CARGO_TARGET_DIR/release/ecorules" node --test "$HERE/browser/"
echo "wasm binding: all checks passed"
