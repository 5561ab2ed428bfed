#!/usr/bin/env bash
# Builds the gsd binary we would ship for Linux x86_64, in two passes.
#
# 1. `cargo dist` (.cargo/config.toml): static, not position-independent, so no dynamic loader
#    and no relocations run before `main`.
# 2. Relink with the functions gsd runs laid out next to each other. A command touches only a
#    small part of the 4 MB of code, but spread over all of it, and on a virtual machine each
#    first touch of a page is a page fault costing 2-3 microseconds. The order comes from this
#    very build: every command runs once under callgrind on a copy of examples/demo, and the
#    functions it entered, in first-call order, become lld's --symbol-ordering-file. It is
#    regenerated on every build, because mangled names change with the code.
#    (docs/PERFORMANCE.md: 112 -> 90 page faults and ~10 % off `state show --json`.)
#
# Needs valgrind for pass 2 (Debian package `valgrind`); without it the pass-1 binary is kept.
# Output: target/x86_64-unknown-linux-gnu/release/gsd
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
TRIPLE=x86_64-unknown-linux-gnu
BIN="target/$TRIPLE/release/gsd"
ORDER="$REPO/target/$TRIPLE/symbol-order.txt"

echo "== pass 1: cargo dist" >&2
cargo dist --quiet

if ! command -v valgrind >/dev/null; then
  echo "valgrind not found: $BIN is the static build, without a function order" >&2
  exit 0
fi

echo "== profiling which functions each command runs" >&2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gsd-dist.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
COMMANDS=(
  "state show --json" "state show" "state get status" "check"
  "state decide 'Use cursor pagination'" "state complete 02-02 --duration 12min"
  "state set status 'In review'" "state todo 'Write notes'" "state block 'Waiting'"
  "state session --stopped-at 'Stopped'" "state begin 3" "--version"
)
i=0
for cmd in "${COMMANDS[@]}"; do
  i=$((i + 1))
  rm -rf "$WORK/p" && mkdir -p "$WORK/p" && cp -R examples/demo/.planning "$WORK/p/"
  eval "valgrind --tool=callgrind --demangle=no --callgrind-out-file=$WORK/cg.$i $BIN -C $WORK/p -q $cmd" \
    >/dev/null 2>&1 || true
done
# callgrind names a function in full the first time it mentions it: `fn=(12) name`.
for f in $(seq 1 "$i"); do
  sed -n 's/^c\{0,1\}fn=([0-9]*) \(.*\)$/\1/p' "$WORK/cg.$f"
done | grep -v -e '^0x' -e ' ' | awk '!seen[$0]++' >"$ORDER"
echo "   $(wc -l <"$ORDER") functions" >&2

echo "== pass 2: relink in that order" >&2
# Cargo appends these flags to the ones `cargo dist` sets (config arrays merge).
cargo dist --quiet --config \
  "target.$TRIPLE.rustflags = ['-C', 'link-arg=-Wl,--symbol-ordering-file=$ORDER', '-C', 'link-arg=-Wl,--no-warn-symbol-ordering']"

# The order only helps if its names are this binary's names.
nm "$BIN" | awk '{print $NF}' >"$WORK/names"
found=$(head -200 "$ORDER" | grep -cxF -f "$WORK/names" || true)
echo "== $BIN ($found of the first 200 ordered functions found in it)" >&2
