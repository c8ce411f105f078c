#!/usr/bin/env bash
# Fuzzes the Rust core with cargo-fuzz (libFuzzer) for a bounded time per target.
#
#   scripts/fuzz.sh SECONDS [TARGET...]    targets: read outline compare pipeline (default: all)
#
# Installs cargo-fuzz when missing. The machine has only stable Rust: RUSTC_BOOTSTRAP=1 lets
# stable rustc accept the nightly flags cargo-fuzz passes (-Z sanitizer coverage passes and,
# with FUZZ_SANITIZER=address, -Zsanitizer). Each target starts from the real notices in
# tests/fixtures (and tests/fixtures/hostile) and keeps what it learns in fuzz/corpus/TARGET.
# An input that panics, or takes longer than FUZZ_TIMEOUT seconds (a freeze), is a crash:
# it is saved under fuzz/artifacts/TARGET/ and the script exits non-zero after the others ran.
#
# Environment: FUZZ_SANITIZER (none | address; default none — the core is safe Rust, and
# ASan costs 2–3× the executions), FUZZ_TIMEOUT (default 20 s per input), FUZZ_RSS_MB
# (default 2048), FUZZ_SYMMETRY (0: the compare target no longer checks that swapping
# the sides mirrors the result). Not part of `npm test`: it is slow by design.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/fuzz.sh SECONDS [read|outline|compare|pipeline ...]" >&2; exit 2; }
[ $# -ge 1 ] && [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] || usage
seconds=$1; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read outline compare pipeline)

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  step "cargo install cargo-fuzz (once, a few minutes)"
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
sanitizer=${FUZZ_SANITIZER:-none}
timeout=${FUZZ_TIMEOUT:-20}
rss=${FUZZ_RSS_MB:-2048}

# Seeds: real notices in every form each target takes, rebuilt on every run (cheap) into
# fuzz/corpus/seeds-TARGET, which libFuzzer reads but never writes.
seeds=fuzz/corpus/seeds
rm -rf "$seeds"; mkdir -p "$seeds"/{read,outline,compare,pipeline}
mapfile -t texts < <(ls tests/fixtures/seeds/*.txt tests/fixtures/regulations/*.txt 2>/dev/null | head -n 12)
mapfile -t files < <(ls tests/fixtures/seeds/*.txt tests/fixtures/govcn-html/*.html \
  tests/fixtures/*/*.docx 2>/dev/null | head -n 40)
shopt -s nullglob
hostile=()
for f in tests/fixtures/hostile/*; do [ -f "$f" ] && hostile+=("$f"); done
shopt -u nullglob
for f in "${files[@]}" "${hostile[@]}"; do cp "$f" "$seeds/read/"; done
for f in "${texts[@]}" "${hostile[@]}"; do cp "$f" "$seeds/outline/"; done
# u16 little-endian, as printf escapes.
le16() { printf '\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)); }
n=0
for ((i = 0; i + 1 < ${#texts[@]}; i++)); do
  a=${texts[$i]} b=${texts[$((i + 1))]}
  # compare: options byte (all four foldings on: 0x0f), left, 0xFF, right.
  { printf '\x0f'; cat "$a"; printf '\xff'; cat "$b"; } > "$seeds/compare/$n"
  size=$(wc -c < "$a")
  if [ "$size" -lt 65536 ]; then
    # pipeline: names byte (0x00: both .txt), left length, left, right.
    { printf '\x00'; printf "$(le16 "$size")"; cat "$a" "$b"; } > "$seeds/pipeline/$n"
  fi
  n=$((n + 1))
done
for ((i = 0; i + 1 < ${#files[@]}; i += 2)); do
  a=${files[$i]} b=${files[$((i + 1))]}
  size=$(wc -c < "$a")
  [ "$size" -lt 65536 ] || continue
  # Names by extension: 0 .txt, 1 .html, 2 .docx (left in bits 0–1, right in bits 2–3).
  code() { case $1 in *.html) echo 1 ;; *.docx) echo 2 ;; *) echo 0 ;; esac; }
  names=$(( $(code "$a") | ($(code "$b") << 2) ))
  { printf "\\x$(printf %02x "$names")"; printf "$(le16 "$size")"; cat "$a" "$b"; } > "$seeds/pipeline/h$i"
done

failed=()
for target in "${targets[@]}"; do
  step "fuzz $target for ${seconds}s (sanitizer: $sanitizer)"
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  marker=$(mktemp)
  # --debug-assertions turns on overflow checks: an underflow is a crash, not a wrap.
  # Fork mode with -ignore_crashes keeps fuzzing past a crash, so one known bug does not
  # hide the next; every crash is still saved, and counted below.
  (cd fuzz && cargo fuzz run --sanitizer "$sanitizer" --debug-assertions "$target" \
      "corpus/$target" "corpus/seeds/$target" -- \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" \
      -max_len=262144 -print_final_stats=1) || failed+=("$target")
  found=$(find "fuzz/artifacts/$target" -type f -newer "$marker" | sort)
  rm -f "$marker"
  if [ -n "$found" ]; then
    echo "$found" | sed 's/^/  crash: /' >&2
    [[ " ${failed[*]} " == *" $target "* ]] || failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo >&2
  echo "fuzzing found crashes in: ${failed[*]} (inputs under fuzz/artifacts/)." >&2
  echo "Reproduce:  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET artifacts/TARGET/crash-…)" >&2
  echo "Then fix it and keep the input as a regression test: copy it to tests/fixtures/hostile/" >&2
  echo "(tests/hostile.rs runs every file there through every stage)." >&2
  exit 1
fi
step "no crash in ${targets[*]} (${seconds}s each)"
