#!/usr/bin/env bash
# Builds the wasm module into www/pkg: cargo (release) → wasm-bindgen --target web → wasm-opt,
# then the page's default comparison (scripts/build-default-comparison.mjs).
# Skips the wasm when no source changed since the last build (a stamp of their hashes).
set -euo pipefail
cd "$(dirname "$0")/.."

out=www/pkg
stamp="$out/.stamp"
hash=$( { find src -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum Cargo.toml Cargo.lock "$0"; } | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && [ -f "$out/notice_diff_bg.wasm" ]; then
  echo "wasm is up to date ($out)" >&2
else
  echo "==> building wasm (release)" >&2
  cargo build --lib --release --target wasm32-unknown-unknown
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/notice_diff.wasm"
  # --converge repeats -Oz until it stops shrinking the module (-0.3 KB gzip); the producers
  # section only names the compilers.
  node_modules/.bin/wasm-opt -Oz --converge --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/notice_diff_bg.wasm" -o "$out/notice_diff_bg.wasm"
  echo "$hash" > "$stamp"
fi

# The comparison the page opens on, made by the wasm just built (always: the examples and
# their index may have changed when the sources did not).
node scripts/build-default-comparison.mjs

size() { printf '%-28s %8d bytes raw %8d bytes gzip\n' "$1" "$(wc -c < "$1")" "$(gzip -9c "$1" | wc -c)"; }
size "$out/notice_diff_bg.wasm"
size "$out/notice_diff.js"
