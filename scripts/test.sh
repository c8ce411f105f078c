#!/usr/bin/env bash
# npm test: install what is missing (incl. Chromium), build, then every test layer in order,
# stopping at the first failure. A test layer that runs zero tests fails. Ends with one
# summary line per layer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser
bash scripts/build-wasm.sh

logs=$(mktemp -d)
summary=()
total_passed=0

finish() {
  echo
  echo "── summary ─────────────────────────────"
  for line in "${summary[@]}"; do echo "$line"; done
}
trap finish EXIT

# Sums "test result: ok. N passed; M failed" lines of cargo's harness.
cargo_counts() { awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { printf "%d %d\n", p, f }' "$1"; }

# layer NAME COUNTS-FROM COMMAND...: runs a layer, tees its output, records one summary line.
layer() {
  local name=$1 counts=$2; shift 2
  local log="$logs/$name.log" began=$SECONDS
  echo
  printf '\033[1m==> %s: %s\033[0m\n' "$name" "$*"
  if ! "$@" 2>&1 | tee "$log"; then
    summary+=("$(printf '%-8s FAILED   (%ss)' "$name" $((SECONDS - began)))")
    exit 1
  fi
  local seconds=$((SECONDS - began))
  case $counts in
    none) summary+=("$(printf '%-8s ok       (%ss)' "$name" "$seconds")") ;;
    cargo|tap)
      local passed failed
      if [ "$counts" = cargo ]; then read -r passed failed < <(cargo_counts "$log")
      else passed=$(awk '/^# pass / { print $3 }' "$logs/e2e.tap"); failed=$(awk '/^# fail / { print $3 }' "$logs/e2e.tap"); fi
      if [ "${passed:-0}" -eq 0 ]; then
        summary+=("$(printf '%-8s FAILED   ran no test (%ss)' "$name" "$seconds")")
        exit 1
      fi
      total_passed=$((total_passed + passed))
      summary+=("$(printf '%-8s %d passed, %d failed (%ss)' "$name" "$passed" "${failed:-0}" "$seconds")") ;;
  esac
}

layer fmt none cargo fmt --check
layer clippy none cargo clippy --all-targets -- -D warnings
layer native cargo cargo test
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  layer wasm cargo cargo test --target wasm32-unknown-unknown --test wasm
layer e2e tap node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$logs/e2e.tap" \
  tests/e2e/*.test.mjs
summary+=("all: $total_passed passed, 0 failed")
