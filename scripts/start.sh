#!/usr/bin/env bash
# npm start: install what is missing, build the wasm if sources changed, serve www/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
exec node scripts/serve.mjs
