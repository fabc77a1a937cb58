#!/usr/bin/env bash
# Builds the npm package `ecorules` into bindings/wasm/pkg/ (node, web and bundler builds).
#
#   cargo (wasm32-unknown-unknown, release) -> wasm-bindgen (pinned CLI, x3 targets)
#   -> wasm-opt -Oz --converge (npm binaryen; Debian's breaks the module) -> package.json, error classes
#
# Tools: tools/cargo/bin/wasm-bindgen and tools/node_modules/.bin/wasm-opt (ci.sh installs them).
# Prints the .wasm size, raw and gzipped (budget: 600 KB gzipped).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
WASM_BINDGEN=${WASM_BINDGEN:-$ROOT/tools/cargo/bin/wasm-bindgen}
WASM_OPT=${WASM_OPT:-$ROOT/tools/node_modules/.bin/wasm-opt}
PKG="$HERE/pkg"

cd "$ROOT"
# Only this package: the Python binding's pyo3 does not build for wasm32.
cargo build --profile wasm-release --target wasm32-unknown-unknown -p ecorules-wasm
RAW="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/ecorules_wasm.wasm"

rm -rf "$PKG"
mkdir -p "$PKG"
for t in node web bundler; do
  target=$t
  [ "$t" = node ] && target=nodejs
  "$WASM_BINDGEN" --target "$target" --weak-refs --out-dir "$PKG/$t" --out-name ecorules "$RAW"
done

# The three targets share one identical .wasm: optimise once, copy.
"$WASM_OPT" -Oz --converge "$PKG/web/ecorules_bg.wasm" -o "$PKG/ecorules_bg.opt.wasm"
for t in node web bundler; do cp "$PKG/ecorules_bg.opt.wasm" "$PKG/$t/ecorules_bg.wasm"; done
rm "$PKG/ecorules_bg.opt.wasm"

# Re-export the error classes (they live in the wasm-bindgen snippet js/errors.js).
CLASSES="EcorulesError, PackError, PermitError, DataError, RuleError, ProtocolError, LimitError, ConversionError, StateError, InternalError"
for t in web bundler; do
  snippet=$(cd "$PKG/$t" && ls snippets/*/js/errors.js)
  printf '\nexport { %s } from "./%s";\n' "$CLASSES" "$snippet" >> "$PKG/$t/ecorules.js"
  printf '{ "type": "module" }\n' > "$PKG/$t/package.json"
done
# Node build: CommonJS, so the snippet becomes a CommonJS module too (works on any Node >= 18).
snippet=$(cd "$PKG/node" && ls snippets/*/js/errors.js)
node -e '
const fs = require("fs"); const f = process.argv[1];
let s = fs.readFileSync(f, "utf8");
const names = [...s.matchAll(/^export (?:class|function) (\w+)/gm)].map(m => m[1]);
s = s.replace(/^export (class|function) /gm, "$1 ") + "\nmodule.exports = { " + names.join(", ") + " };\n";
fs.writeFileSync(f, s);' "$PKG/node/$snippet"
printf '{ "type": "commonjs" }\n' > "$PKG/node/snippets/package.json"
printf '\nconst __errors = require("./%s");\nfor (const k of "%s".split(", ")) exports[k] = __errors[k];\n' "$snippet" "$CLASSES" >> "$PKG/node/ecorules.js"
printf '{ "type": "commonjs" }\n' > "$PKG/node/package.json"

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)
cat > "$PKG/package.json" <<JSON
{
  "name": "ecorules",
  "version": "$VERSION",
  "description": "Emission-compliance rules core (WebAssembly): monitoring data and discharge permits in, exceedance findings out",
  "license": "MIT OR Apache-2.0",
  "main": "./node/ecorules.js",
  "module": "./bundler/ecorules.js",
  "types": "./node/ecorules.d.ts",
  "exports": {
    ".": {
      "node": { "types": "./node/ecorules.d.ts", "default": "./node/ecorules.js" },
      "browser": { "types": "./bundler/ecorules.d.ts", "default": "./bundler/ecorules.js" },
      "default": { "types": "./bundler/ecorules.d.ts", "default": "./bundler/ecorules.js" }
    },
    "./web": { "types": "./web/ecorules.d.ts", "default": "./web/ecorules.js" },
    "./bundler": { "types": "./bundler/ecorules.d.ts", "default": "./bundler/ecorules.js" },
    "./node": { "types": "./node/ecorules.d.ts", "default": "./node/ecorules.js" },
    "./ecorules_bg.wasm": "./web/ecorules_bg.wasm"
  },
  "files": ["node", "web", "bundler", "README.md"],
  "sideEffects": ["./bundler/ecorules.js", "./web/ecorules.js"],
  "engines": { "node": ">=18" }
}
JSON
cp "$HERE/README.md" "$PKG/README.md"

BYTES=$(wc -c < "$PKG/web/ecorules_bg.wasm")
GZ=$(gzip -9c "$PKG/web/ecorules_bg.wasm" | wc -c)
echo "ecorules_bg.wasm: $BYTES bytes, gzip -9: $GZ bytes (budget 614400)"
# ci.sh fails above the budget; here it is a warning unless
# ECORULES_WASM_SIZE_STRICT=1.
if [ "$GZ" -gt 614400 ]; then
  echo "WARNING: ecorules_bg.wasm is over the 600 KB gzipped budget" >&2
  if [ "${ECORULES_WASM_SIZE_STRICT:-0}" = 1 ]; then exit 1; fi
fi
