#!/usr/bin/env bash
# Checks that the benchmark input generator's two implementations agree byte for byte:
# bench/gen.mjs (the JS benchmark) and benches/corpus/mod.rs (criterion), so native and
# wasm figures are measured on the same documents.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node bench/gen.mjs --dump "$dir/js"
# The bench binary in the test profile: quick to build, and it only writes the inputs.
NOTICE_DIFF_BENCH_DUMP="$dir/rust" cargo test --quiet --bench stages >/dev/null
status=0
for f in "$dir"/js/*.txt; do
  name=$(basename "$f")
  if cmp -s "$f" "$dir/rust/$name"; then
    printf 'same   %-16s %9d bytes\n' "$name" "$(wc -c < "$f")"
  else
    printf 'DIFFER %-16s\n' "$name"; status=1
  fi
done
exit $status
