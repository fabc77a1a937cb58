#!/usr/bin/env bash
# Sets up and runs every test of ecorules on a fresh Debian machine with rustup, Python 3,
# Node and Java: the core and CLI, the conformance vectors, the W1 byte-for-byte check, and
# each binding's own suite (which installs its own tools under tools/).
#
# Built for speed on a 2-core CI machine:
#   - one target dir ($CARGO_TARGET_DIR, default target/) for every step, maturin included;
#   - the correctness builds (W1, the mobile cdylib, the Python wheel) use the `ci` cargo
#     profile (release code, no fat LTO, 16 codegen units); the wasm package keeps its
#     shipping profile `wasm-release`, so the size it reports is the real one;
#   - the CLI and uniffi-bindgen are the dev binaries of the workspace build, and every cargo
#     call reuses the same feature set, so no crate is compiled twice per profile;
#   - tool installs (apt, npm, pip, wasm-bindgen-cli) run in the background while Rust compiles,
#     and are skipped when tools/ already holds them.
#   ECORULES_FULL=1  also the heavy suites: Spark local mode, `release`-profile (fat LTO) builds
#                    of the shipped native artifacts, and W1 S2 with the peers timed alongside.
#   ECORULES_PROFILE  cargo profile of the correctness builds (default ci).
# A table of each step's wall-clock time is printed at the end, also when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CARGO_TERM_COLOR=never
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_INCREMENTAL=0
export ECORULES_PROFILE="${ECORULES_PROFILE:-ci}"
FULL="${ECORULES_FULL:-0}"
LOGS="$CARGO_TARGET_DIR/ci-logs"
mkdir -p "$LOGS" tools

# --- step timing -------------------------------------------------------------------------
STEP_NAMES=(); STEP_SECS=(); CUR=""; CUR_T0=0; T_START=$SECONDS
end_step() {
  if [ -n "$CUR" ]; then STEP_NAMES+=("$CUR${1:-}"); STEP_SECS+=($((SECONDS - CUR_T0))); CUR=""; fi
}
step() { end_step; CUR="$*"; CUR_T0=$SECONDS; printf '\n=== %s ===\n' "$*"; }
killtree() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do killtree "$c"; done; kill "$1" 2>/dev/null || true; }
fmt() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
summary() {
  local rc=$? i
  if [ -n "${PROBE:-}" ]; then rm -f "$ROOT/$PROBE"; fi   # the catalog probe's pack never stays behind
  if [ $rc = 0 ]; then end_step; else end_step "  [FAILED, exit $rc]"; fi
  for f in "$LOGS"/bg-*.secs; do
    [ -f "$f" ] && { STEP_NAMES+=("(background) $(basename "$f" .secs | sed 's/^bg-//')"); STEP_SECS+=("$(cat "$f")"); }
  done
  printf '\n=== Step durations (wall clock, load now: %s) ===\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  for i in "${!STEP_NAMES[@]}"; do printf '%8s  %s\n' "$(fmt "${STEP_SECS[$i]}")" "${STEP_NAMES[$i]}"; done
  printf '%8s  total\n' "$(fmt $((SECONDS - T_START)))"
  for i in $(jobs -p); do killtree "$i"; done   # a failed step leaves no installs running
  exit $rc
}
trap summary EXIT

# --- tool installs in the background ---------------------------------------------------
# Two jobs: network installs (apt, npm, pip, W1 data; one apt-get at a time) and the CPU-bound
# Rust ones (wasm32 target, `cargo install wasm-bindgen-cli`). Each step that needs them waits.
bg() { # bg NAME CMD...: run CMD (a command or an exported function) in the background, in its
  # own bash with set -e, logged to $LOGS/bg-NAME.log and timed
  local name=$1; shift
  rm -f "$LOGS/bg-$name.secs"
  ( t0=$SECONDS; rc=0
    bash -euo pipefail -c '"$@"' "bg-$name" "$@" > "$LOGS/bg-$name.log" 2>&1 || rc=$?
    echo $((SECONDS - t0)) > "$LOGS/bg-$name.secs"; exit $rc ) &
  eval "BG_$name=$!"
}
wait_bg() { # wait_bg NAME: wait for the job; on failure show its log and stop
  local pid_var="BG_$1" pid
  pid=${!pid_var:-}
  [ -n "$pid" ] || return 0
  if ! wait "$pid"; then
    echo "background setup '$1' failed; its log ($LOGS/bg-$1.log):" >&2
    tail -n 60 "$LOGS/bg-$1.log" >&2
    exit 1
  fi
  eval "BG_$1="
}
setup_packages() {
  if [ "${ECORULES_APT_UPDATED:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
  fi
  export ECORULES_APT_UPDATED=1
  bash bindings/mobile/ci.sh --setup-only
  bash bindings/wasm/ci.sh --setup-packages
  bash bindings/python/ci.sh --setup-only
  bash examples/w1/check.sh --setup-only s1
}
export -f setup_packages
step "Setup: tool installs started in the background (logs in $LOGS)"
bg packages setup_packages
bg rust bash bindings/wasm/ci.sh --setup-rust

# --- Rust --------------------------------------------------------------------------------
step "Rust: clippy (workspace lints deny unwrap/expect/panic/indexing outside tests)"
cargo clippy --workspace --all-targets --quiet

step "Rust: workspace build (dev: CLI, uniffi-bindgen) and tests (core, CLI, examples, bindings' Rust side)"
# --tests makes this resolve features exactly like `cargo test --workspace` (dev-dependencies
# included), so the test run below compiles nothing that this build already has.
cargo build --workspace --bins --tests --quiet
cargo test --workspace --quiet
CLI="$CARGO_TARGET_DIR/debug/ecorules"
export ECORULES_CLI="$CLI" UNIFFI_BINDGEN="$CARGO_TARGET_DIR/debug/uniffi-bindgen"

step "Rule packs: every embedded pack's hand-computed cases through the CLI"
for f in rules/standards/*.toml; do "$CLI" pack test "$f"; done

step "Sample: ecorules check on the bundled day, zh and en"
"$CLI" check --permit examples/sample/permit.toml --data examples/sample/day.csv --lang en >/dev/null
"$CLI" check --permit examples/sample/permit.toml --data examples/sample/hj212-day.txt \
  --map examples/sample/hj212-map.toml --format hj212 --lang zh >/dev/null

step "Rust: $ECORULES_PROFILE-profile builds (w1, mobile cdylib; one feature set, so the core compiles once)"
cargo build --quiet --profile "$ECORULES_PROFILE" -p w1 -p ecorules-mobile

step "W1: byte-identical to the peers' expected output (S1)"
wait_bg packages
W1_BIN="$CARGO_TARGET_DIR/$ECORULES_PROFILE/w1" bash examples/w1/check.sh s1

step "Binding: bindings/mobile/ci.sh"
bash bindings/mobile/ci.sh

step "Binding: bindings/python/ci.sh"
bash bindings/python/ci.sh

step "Binding: bindings/wasm/ci.sh (wasm-release build, gzipped size below)"
wait_bg rust
bash bindings/wasm/ci.sh

for b in bindings/*/ci.sh; do
  case "$b" in bindings/mobile/ci.sh|bindings/python/ci.sh|bindings/wasm/ci.sh) continue ;; esac
  step "Binding: $b"
  bash "$b"
done

if [ "$FULL" = 1 ]; then
  # (Spark already ran inside bindings/python/ci.sh: ECORULES_FULL=1 turns it on there.)
  step "FULL: W1 S2 benchmark, release profile (fat LTO), polars/pandas/DuckDB timed alongside"
  ECORULES_PROFILE=release bash examples/w1/check.sh s2 peers
  step "FULL: release-profile (fat LTO) build of the CLI"
  cargo build --release -p ecorules-cli
fi

step "Catalog probe: adding rules/standards/x.toml is enough for \`ecorules packs\` to list it"
# A copy of a small embedded standard under a new id; build.rs must pick it up with no other edit.
# The probe file is removed on every exit: the EXIT trap (summary) deletes $PROBE.
PROBE=rules/standards/zz-ci-probe.toml
sed 's/^id = "cn-ultra-low-2015"$/id = "zz-ci-probe"/' rules/standards/cn-ultra-low-2015.toml > "$PROBE"
grep -q '^id = "zz-ci-probe"$' "$PROBE"
cargo build -p ecorules-cli --quiet
LISTING=$("$CLI" packs)
grep -q '^zz-ci-probe ' <<<"$LISTING" || { echo "ecorules packs does not list zz-ci-probe" >&2; exit 1; }
rm -f "$PROBE"
cargo build -p ecorules-cli --quiet   # leave the CLI without the probe pack

end_step
printf '\nALL TESTS PASSED\n'
