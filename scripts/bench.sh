#!/usr/bin/env bash
# npm run bench [-- --quick | --no-chromium | --no-native | --no-peers | --out FILE]
# Builds what the benchmark times (the wasm in www/pkg, the native CLI in release mode;
# both are skipped when up to date), then runs bench/run.mjs, which prints the report and
# writes bench/results/latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser >&2
bash scripts/build-wasm.sh >&2
if [[ " $* " != *" --no-native "* ]]; then
  echo "==> cargo build --release --bin notice-diff" >&2
  cargo build --release --bin notice-diff >&2
fi
exec node bench/run.mjs "$@"
