#!/usr/bin/env bash
# Checks the npm packages the way a Node user gets them, with no Rust toolchain and no
# network: packs them (scripts/release-npm.sh), installs both tarballs into an empty folder
# with `npm install --offline`, and runs the installed `gsd` through npx and through the
# .bin link: --version, `state show` on the demo (byte for byte what the binary prints),
# an exit code passed through, and an MCP initialize over stdio.
#
# Usage: scripts/test-npm.sh   (GSD_BIN: the binary to pack; default: a debug build)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
command -v npm >/dev/null || { echo "test-npm: npm not installed, skipped"; exit 0; }

if [ -z "${GSD_BIN:-}" ]; then
  cargo build --locked --quiet --bins
  dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  GSD_BIN="$dir/debug/gsd"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gsd-npm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# The packaging is under test, not the binary: a stripped copy packs in a fraction of the time.
for b in gsd gsd-mcp; do
  cp "$(dirname "$GSD_BIN")/$b" "$WORK/$b" && { strip "$WORK/$b" 2>/dev/null || true; }
done

GSD_BIN="$WORK/gsd" scripts/release-npm.sh "$WORK/dist" >/dev/null

# No registry: a request to it would fail fast rather than reach the network.
export npm_config_registry=http://127.0.0.1:9/ npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm_config_cache="$WORK/npm-cache"
mkdir -p "$WORK/app" && cd "$WORK/app"
echo '{"name": "app", "version": "1.0.0", "private": true}' >package.json
npm install --offline --no-audit --no-fund --loglevel=error "$WORK"/dist/*.tgz >/dev/null

fail() { echo "test-npm: FAILED: $*" >&2; exit 1; }
want_version="gsd $(sed -n 's/^version = "\(.*\)"$/\1/p' "$REPO/Cargo.toml" | head -1)"
got=$(npx --offline --no-install gsd --version) || fail "npx gsd --version"
[ "$got" = "$want_version" ] || fail "npx gsd --version printed '$got', expected '$want_version'"

bin=node_modules/.bin/gsd
"$bin" -C "$REPO/examples/demo" state show --color never >"$WORK/npm.out" || fail "gsd state show"
"$WORK/gsd" -C "$REPO/examples/demo" state show --color never >"$WORK/bin.out"
cmp -s "$WORK/npm.out" "$WORK/bin.out" || fail "gsd state show differs from the binary's output"
grep -q "Phase" "$WORK/npm.out" || fail "gsd state show printed no dashboard"

set +e
"$bin" -C "$REPO/examples/demo" state get no_such_field >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "exit code $code passed through, expected 2"

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test-npm","version":"1"}}}'
reply=$(printf '%s\n' "$init" | "$bin" mcp --root "$REPO/examples/demo" | head -1)
case "$reply" in *'"serverInfo":{"name":"gsd"'*) ;; *) fail "gsd mcp answered: $reply" ;; esac

echo "test-npm: ok ($(ls "$WORK"/dist/*.tgz | xargs -n1 basename | tr '\n' ' '))"
