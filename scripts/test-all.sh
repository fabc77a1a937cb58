#!/usr/bin/env bash
# Sets up and runs every test of ecorules on a fresh Debian machine with rustup, Python 3,
# Node and Java: the core and CLI, the conformance vectors, the W1 byte-for-byte check, and
# each binding's own suite (which installs its own tools under tools/).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n=== %s ===\n' "$*"; }

step "Rust: workspace tests (core, CLI, examples, bindings' Rust side)"
cargo test --workspace --quiet

step "Rust: clippy (workspace lints deny unwrap/expect/panic/indexing outside tests)"
cargo clippy --workspace --all-targets --quiet

step "Rule packs: every embedded pack's hand-computed cases through the CLI"
for f in rules/standards/*.toml; do cargo run --quiet -p ecorules-cli -- pack test "$f"; done

step "Sample: ecorules check on the bundled day, zh and en"
cargo run --quiet -p ecorules-cli -- check --permit examples/sample/permit.toml --data examples/sample/day.csv --lang en >/dev/null
cargo run --quiet -p ecorules-cli -- check --permit examples/sample/permit.toml --data examples/sample/hj212-day.txt \
  --map examples/sample/hj212-map.toml --format hj212 --lang zh >/dev/null

step "W1: byte-identical to the peers' expected output (S1)"
bash examples/w1/check.sh s1

for b in bindings/*/ci.sh; do
  step "Binding: $b"
  bash "$b"
done

printf '\nALL TESTS PASSED\n'
