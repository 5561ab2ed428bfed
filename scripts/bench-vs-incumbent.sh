#!/usr/bin/env bash
# Side-by-side timing of gsd against the incumbent Node tool (npm get-shit-done-cc@1.42.3).
#
# Installs the incumbent into a temp folder, builds gsd (release), copies examples/demo into
# temp projects and times, in alternating rounds (A, B, A, B, ...), each pair below. Files a
# command changes are restored before every run (outside the timing). Prints medians and
# ratios, then scale (1 MB vs 10 MB) and peak memory.
#
#   gsd state show --json      vs  gsd-tools.cjs state json
#   gsd state decide           vs  gsd-tools.cjs state add-decision
#   gsd state complete         vs  the incumbent's recipe: state advance-plan, update-progress,
#                                  record-metric, record-session (four processes)
#   gsd state show             vs  cp of the same file
#
# Timing: hyperfine (Debian package `hyperfine`) when present, run in ROUNDS rounds so the two
# sides alternate; else a portable Node loop that alternates every run. Needs node and npm.
#
# Usage: scripts/bench-vs-incumbent.sh [ROUNDS] [RUNS_PER_ROUND]     (defaults: 5 10)
set -euo pipefail

ROUNDS=${1:-5}
RUNS=${2:-10}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gsd-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The binary we would ship: on Linux x86_64 scripts/dist.sh (`cargo dist`: static, not
# position-independent, so no dynamic loader runs; then relinked with the functions commands
# run laid out together); elsewhere the plain release build. Set
# GSD_BUILD=release to time what `cargo install` builds instead.
if [ "${GSD_BUILD:-dist}" = dist ] && [ "$(uname -sm)" = "Linux x86_64" ]; then
  echo "== building gsd (scripts/dist.sh: static release binary, functions in run order)" >&2
  bash "$REPO/scripts/dist.sh"
  GSD="$REPO/target/x86_64-unknown-linux-gnu/release/gsd"
  BUILD="scripts/dist.sh (static, non-PIE, ordered)"
else
  echo "== building gsd (release)" >&2
  cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
  GSD="$REPO/target/release/gsd"
  BUILD="cargo build --release (dynamically linked)"
fi

echo "== installing get-shit-done-cc@1.42.3 into $WORK/inc" >&2
npm install --silent --no-audit --no-fund --prefix "$WORK/inc" get-shit-done-cc@1.42.3 >&2
TOOLS="$WORK/inc/node_modules/get-shit-done-cc/get-shit-done/bin/gsd-tools.cjs"
[ -f "$TOOLS" ] || { echo "gsd-tools.cjs not found in the package" >&2; exit 2; }

# One project per side, so neither tool sees the other's writes; a pristine copy to restore.
for side in gsd inc; do
  mkdir -p "$WORK/$side"
  cp -R "$REPO/examples/demo/.planning" "$WORK/$side/.planning"
  chmod -R u+w "$WORK/$side/.planning"
done
cp -R "$REPO/examples/demo/.planning" "$WORK/pristine"
# Multi-step commands live in small scripts, so hyperfine can run everything without a shell
# (-N): no shell start-up is added to, or subtracted from, a 1 ms command.
for side in gsd inc; do
  printf 'cp %s/pristine/STATE.md %s/%s/.planning/STATE.md\ncp %s/pristine/ROADMAP.md %s/%s/.planning/ROADMAP.md\n' \
    "$WORK" "$WORK" "$side" "$WORK" "$WORK" "$side" >"$WORK/reset-$side.sh"
done
RESET_GSD="sh $WORK/reset-gsd.sh"
RESET_INC="sh $WORK/reset-inc.sh"
G="$GSD -C $WORK/gsd -q"
N="node $TOOLS --cwd $WORK/inc"
recipe() { # $1: command prefix for node
  printf '%s\n' "set -e" \
    "$1 state advance-plan >/dev/null" \
    "$1 state update-progress >/dev/null" \
    "$1 state record-metric --phase 02 --plan 02 --duration 12min --tasks 3 --files 4 >/dev/null" \
    "$1 state record-session --stopped-at 'Completed 02-02-PLAN.md' --resume-file None >/dev/null"
}
recipe "$N" >"$WORK/recipe.sh"
RECIPE="sh $WORK/recipe.sh"

# name | command A | prepare A | command B | prepare B
PAIRS=(
  "read (state show --json vs state json)|$G state show --json|true|$N state json|true"
  "decide (state decide vs state add-decision)|$G state decide 'Use cursor pagination'|$RESET_GSD|$N state add-decision --summary 'Use cursor pagination'|$RESET_INC"
  "plan completion (state complete vs 4-step recipe)|$G state complete 02-02 --duration 12min|$RESET_GSD|$RECIPE|$RESET_INC"
  "show vs cp (state show vs cp STATE.md)|$G state show|true|cp $WORK/gsd/.planning/STATE.md $WORK/copy.md|true"
)

# Prints the median in ms of the "times" arrays of hyperfine JSON exports, per command index.
median_js='
const fs = require("fs");
const [idx, ...files] = process.argv.slice(1);
const t = files.flatMap(f => JSON.parse(fs.readFileSync(f, "utf8")).results[+idx].times);
t.sort((a, b) => a - b);
const m = t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
console.log((m * 1000).toFixed(3), (t[0] * 1000).toFixed(3));
'

# Portable fallback: alternate A and B every run, timing each with process.hrtime.
loop_js='
const { execSync } = require("child_process");
const [rounds, runs, a, pa, b, pb] = process.argv.slice(1);
const ta = [], tb = [];
const time = (cmd, prep) => { execSync(prep, { shell: "/bin/sh" });
  const s = process.hrtime.bigint(); execSync(cmd, { shell: "/bin/sh", stdio: "ignore" });
  return Number(process.hrtime.bigint() - s) / 1e6; };
for (let i = 0; i < 2; i++) { time(a, pa); time(b, pb); }
for (let i = 0; i < rounds * runs; i++) { ta.push(time(a, pa)); tb.push(time(b, pb)); }
const med = x => { x.sort((p, q) => p - q); const n = x.length;
  return n % 2 ? x[(n - 1) / 2] : (x[n / 2 - 1] + x[n / 2]) / 2; };
const lo = x => Math.min(...x);
console.log(med(ta).toFixed(3), lo(ta).toFixed(3), med(tb).toFixed(3), lo(tb).toFixed(3));
'

# time_pair A PREP_A B PREP_B -> prints "medianA fastestA medianB fastestB" in ms
time_pair() {
  local a=$1 pa=$2 b=$3 pb=$4
  if command -v hyperfine >/dev/null; then
    local files=()
    for r in $(seq 1 "$ROUNDS"); do
      local out="$WORK/hf-$r.json"
      hyperfine -N --style none --warmup 2 --runs "$RUNS" \
        --prepare "$pa" "$a" --prepare "$pb" "$b" --export-json "$out" >/dev/null 2>&1 ||
        hyperfine --style none --warmup 2 --runs "$RUNS" \
          --prepare "$pa" "$a" --prepare "$pb" "$b" --export-json "$out" >/dev/null
      files+=("$out")
    done
    echo "$(node -e "$median_js" 0 "${files[@]}") $(node -e "$median_js" 1 "${files[@]}")"
    rm -f "${files[@]}"
  else
    node -e "$loop_js" "$ROUNDS" "$RUNS" "$a" "$pa" "$b" "$pb"
  fi
}

echo
echo "gsd $("$GSD" --version | awk '{print $2}') [$BUILD] vs get-shit-done-cc 1.42.3 (node $(node --version))"
echo "machine: $(uname -sm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); timer: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'node loop'); $ROUNDS rounds x $RUNS runs, median"
echo
echo "Each cell: median / fastest run, in ms. The ratio is of medians (of fastest runs)."
printf '%-50s %18s %18s %24s\n' "comparison" "gsd" "other" "ratio"
row() { # name, then "medA minA medB minB", then "faster" or "cp"
  local name=$1 ma fa mb fb
  read -r ma fa mb fb <<<"$2"
  if [ "$3" = cp ]; then
    ratio=$(node -e "console.log(($ma / $mb).toFixed(2) + 'x cp (' + ($fa / $fb).toFixed(2) + 'x)')")
  else
    ratio=$(node -e "console.log(($mb / $ma).toFixed(0) + 'x faster (' + ($fb / $fa).toFixed(0) + 'x)')")
  fi
  printf '%-50s %18s %18s %24s\n' "$name" "$ma / $fa" "$mb / $fb" "$ratio"
}
for pair in "${PAIRS[@]}"; do
  IFS='|' read -r name a pa b pb <<<"$pair"
  if [[ $name == show* ]]; then kind=cp; else kind=faster; fi
  row "$name" "$(time_pair "$a" "$pa" "$b" "$pb")" "$kind"
done

# Where a write's time goes: the same edits in a copy of the projects on tmpfs (/dev/shm), where
# fsync has no disk to wait for. gsd still calls fsync there; the incumbent never does. (The
# earlier LD_PRELOAD=libeatmydata trick cannot reach a static binary.)
SHM=$(mktemp -d /dev/shm/gsd-bench.XXXXXX 2>/dev/null || true)
if [ -n "$SHM" ]; then
  trap 'rm -rf "$WORK" "$SHM"' EXIT
  cp -R "$WORK/pristine" "$SHM/pristine"
  for side in gsd inc; do mkdir -p "$SHM/$side" && cp -R "$WORK/$side/.planning" "$SHM/$side/"; done
  for side in gsd inc; do
    sed "s#$WORK#$SHM#g" "$WORK/reset-$side.sh" >"$SHM/reset-$side.sh"
  done
  SG="$GSD -C $SHM/gsd -q"
  SN="node $TOOLS --cwd $SHM/inc"
  recipe "$SN" >"$SHM/recipe.sh"
  echo
  echo "on tmpfs (/dev/shm: the same commands with no disk to wait for; gsd still fsyncs):"
  for pair in \
    "read, tmpfs|$SG state show --json|true|$SN state json|true" \
    "decide, tmpfs|$SG state decide 'Use cursor pagination'|sh $SHM/reset-gsd.sh|$SN state add-decision --summary 'Use cursor pagination'|sh $SHM/reset-inc.sh" \
    "plan completion, tmpfs|$SG state complete 02-02 --duration 12min|sh $SHM/reset-gsd.sh|sh $SHM/recipe.sh|sh $SHM/reset-inc.sh"; do
    IFS='|' read -r name a pa b pb <<<"$pair"
    row "$name" "$(time_pair "$a" "$pa" "$b" "$pb")" faster
  done
fi

# Scale and memory: STATE.md grown to 1 MB and 10 MB by adding decision bullets after the last
# bullet of its Decisions section. They cite plans the demo has (01-01, 01-02), so `check` has
# the same few findings at every size and measures reading, not printing 100 000 warnings.
grow_js='
const fs = require("fs");
const [src, dst, size] = process.argv.slice(1);
const text = fs.readFileSync(src, "utf8");
const lines = text.split("\n");
const head = lines.findIndex(l => /^#+ .*decision/i.test(l));
let end = lines.findIndex((l, i) => i > head && /^#/.test(l));
if (end < 0) end = lines.length;
let at = end - 1;
while (at > head && !lines[at].startsWith("- ")) at--;
if (head < 0) at = lines.length - 1;
const extra = []; let n = 0, len = 0;
while (text.length + len < +size) { const l = `- Decision ${n}: keep the file long for the benchmark (01-0${n % 2 + 1})`; extra.push(l); len += l.length + 1; n++; }
fs.writeFileSync(dst, [...lines.slice(0, at + 1), ...extra, ...lines.slice(at + 1)].join("\n"));
'
echo
printf '%-40s %12s %12s %14s %14s\n' "scale" "1 MB (ms)" "10 MB (ms)" "10MB/1MB" "peak 10 MB"
for size in 1 10; do
  # The whole demo project (ROADMAP.md, phases/), so `check` runs its cross-file rules too.
  mkdir -p "$WORK/big$size"
  cp -R "$WORK/pristine" "$WORK/big$size/.planning"
  node -e "$grow_js" "$WORK/pristine/STATE.md" "$WORK/big$size/STATE.pristine" $((size << 20))
  cp "$WORK/big$size/STATE.pristine" "$WORK/big$size/.planning/STATE.md"
done
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
for size in 1 10; do
  printf 'cp %s/big%s/STATE.pristine %s/big%s/.planning/STATE.md\ncp %s/pristine/ROADMAP.md %s/big%s/.planning/ROADMAP.md\n' \
    "$WORK" "$size" "$WORK" "$size" "$WORK" "$WORK" "$size" >"$WORK/big$size/reset.sh"
done
# Every command, read-only and writing; each writing run starts from the pristine file.
SCALE_CMDS=(
  "state show" "state show --json" "state get status" "check --exit-zero"
  "state decide 'Use cursor pagination'" "state todo 'Write the bench notes'"
  "state block 'Waiting on the bench'" "state set status 'In review'"
  "state session --stopped-at 'Benchmarked'" "state complete 02-02 --duration 12min"
  "state begin 3"
)
for cmd in "${SCALE_CMDS[@]}"; do
  ms=()
  for size in 1 10; do
    read -r m _ <<<"$(time_pair "$GSD -C $WORK/big$size -q $cmd" "sh $WORK/big$size/reset.sh" "true" "true")"
    ms+=("$m")
  done
  peak="n/a"
  if [ -x /usr/bin/time ]; then
    sh "$WORK/big10/reset.sh"
    kb=$(eval "peak_kb $GSD -C $WORK/big10 -q $cmd")
    peak="$((kb / 1024)) MB"
  fi
  ratio=$(node -e "console.log((${ms[1]} / ${ms[0]}).toFixed(1) + 'x')")
  printf '%-40s %12s %12s %14s %14s\n' "gsd $cmd" "${ms[0]}" "${ms[1]}" "$ratio" "$peak"
done
echo "(peak-memory target at 10 MB: <= 3 x 10 MB + 10 MB = 40 MB)"
