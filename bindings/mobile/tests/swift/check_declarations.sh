#!/usr/bin/env bash
# No Swift toolchain here: check what can be checked without compiling. The generated
# ecorules_mobile.swift must exist, with its FFI header and module map, and must declare
# every type and function the Rust crate exports (names read from bindings/mobile/src).
set -euo pipefail
out="${1:?usage: check_declarations.sh <bindgen out dir>}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
swift="$out/ecorules_mobile.swift"
fail=0
for f in "$swift" "$out/ecorules_mobileFFI.h" "$out/ecorules_mobileFFI.modulemap"; do
  if [ -s "$f" ]; then echo "ok   generated $(basename "$f") ($(wc -c <"$f") bytes)"; else echo "FAIL missing $f"; fail=1; fi
done
[ -s "$swift" ] || exit 1

# Types: `#[derive(..., uniffi::Record|Enum|Object|Error)]` followed by `pub struct|enum Name`.
types=$(grep -h -A1 -E 'derive\(.*uniffi::(Record|Enum|Object|Error)' "$here"/src/*.rs \
  | grep -oE 'pub (struct|enum) [A-Za-z0-9_]+' | awk '{print $3}' | sort -u)
# Functions and methods: `pub fn name` right after `#[uniffi::export]` or inside an exported impl.
fns=$(awk '/#\[uniffi::export\]/{inexp=1} /^}/{inexp=0} inexp && /pub fn [a-z_0-9]+/{match($0,/pub fn [a-z_0-9]+/); print substr($0,RSTART+7,RLENGTH-7)}' "$here"/src/*.rs | sort -u)
# Declarations may wrap (`public \nenum X`): search a whitespace-normalised copy.
flat="$(mktemp)"; trap 'rm -f "$flat"' EXIT
tr -s ' \n\t' '   ' <"$swift" >"$flat"
nt=0; nf=0
for t in $types; do
  nt=$((nt+1))
  if grep -qE "(public (struct|enum)|open class|public class) $t\b" "$flat"; then echo "ok   type $t"; else echo "FAIL type $t not declared"; fail=1; fi
done
for f in $fns; do
  nf=$((nf+1))
  camel=$(echo "$f" | sed -E 's/_([a-z0-9])/\U\1/g')
  if grep -qE "(func|init) $camel\(|static func $camel\(" "$flat"; then echo "ok   func $camel"; else echo "FAIL func $camel not declared"; fail=1; fi
done
echo "swift declarations: $nt types, $nf functions/methods checked"
exit $fail
