#!/usr/bin/env bash
# Installs what building and testing need, idempotently: every step checks before it acts,
# so a second run costs a few hundred milliseconds.
#   scripts/setup.sh            toolchain, wasm-bindgen-cli, npm packages (incl. wasm-opt)
#   scripts/setup.sh --browser  also Debian's chromium, chromium-driver and CJK fonts (so Chinese renders
#                               in headless screenshots and layout as it does for users), for the tests
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or the generated JS and
# the wasm disagree about the ABI.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  step "cargo install wasm-bindgen-cli $want (about 4 minutes, once)"
  # --locked first, as upstream intends; some of the CLI's locked dependency versions are
  # missing from the registry mirror here, in which case we let cargo re-resolve them.
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want"
fi

# npm ci wipes node_modules, so only run it when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi
[ -x node_modules/.bin/wasm-opt ] || { echo "wasm-opt missing: npm package binaryen did not install" >&2; exit 1; }

if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  step "apt-get install chromium chromium-driver fonts-noto-cjk"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver fonts-noto-cjk
fi
exit 0
