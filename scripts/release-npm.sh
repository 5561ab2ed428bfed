#!/usr/bin/env bash
# Packs gsd for Node users, the way esbuild and biome ship native tools: a launcher package
# `@SCOPE/gsd` (bin/gsd.js) whose optionalDependencies name one package per platform
# (`@SCOPE/gsd-linux-x64`), each holding that platform's binary; npm installs only the one
# whose "os"/"cpu" match. Also writes `gsd-TRIPLE.tar.gz` per platform, the archive the
# `[package.metadata.binstall]` block in Cargo.toml points `cargo binstall` at.
#
# Usage: scripts/release-npm.sh [OUT_DIR]          (default: target/npm)
#   NPM_SCOPE   the npm scope (default @gsd-tools)
#   GSD_BIN     use this gsd (and the gsd-mcp beside it) for this machine's platform instead
#               of building them (tests use the debug build; a release builds with
#               `cargo dist`: static, no dynamic loader)
#   GSD_BIN_<PLATFORM>  (e.g. GSD_BIN_DARWIN_ARM64) a gsd built elsewhere, gsd-mcp beside it,
#               for another line of npm/targets.tsv; platforms with no binary are left out
# Output: OUT_DIR/*.tgz (npm pack) and OUT_DIR/gsd-TRIPLE.tar.gz; the staged packages in
# OUT_DIR/stage/.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
OUT=$(mkdir -p "${1:-target/npm}" && cd "${1:-target/npm}" && pwd)
SCOPE=${NPM_SCOPE:-@gsd-tools}
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
STAGE="$OUT/stage"
rm -rf "$STAGE" && mkdir -p "$STAGE"
command -v npm >/dev/null || { echo "release-npm: npm is not installed" >&2; exit 2; }

# The binary for one platform: GSD_BIN_<PLATFORM>, or for this machine's platform GSD_BIN or
# a fresh `cargo dist` build.
binary_for() {
  local platform=$1 triple=$2 var
  var="GSD_BIN_$(echo "$platform" | tr 'a-z-' 'A-Z_')"
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  local host
  host=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p' || true)
  [ "$triple" = "$host" ] || return 0
  if [ -n "${GSD_BIN:-}" ]; then echo "$GSD_BIN"; return; fi
  echo "== cargo dist ($triple)" >&2
  cargo dist --quiet --bin gsd-mcp >&2
  local dir
  dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  echo "$dir/$triple/release/gsd"
}

deps=""
while IFS=$'\t' read -r platform triple os cpu exe; do
  case "$platform" in '#'* | '') continue ;; esac
  bin=$(binary_for "$platform" "$triple")
  if [ -z "$bin" ]; then
    echo "== $platform: no binary (set GSD_BIN_$(echo "$platform" | tr 'a-z-' 'A-Z_')), left out" >&2
    continue
  fi
  [ -x "$bin" ] || { echo "release-npm: $bin is not an executable" >&2; exit 2; }
  dir="$STAGE/gsd-$platform"
  mkdir -p "$dir/bin"
  install -m 0755 "$bin" "$dir/bin/$exe"
  # The MCP server `gsd mcp` hands over to, beside gsd (gsd.exe → gsd-mcp.exe).
  mcp="$(dirname "$bin")/${exe/gsd/gsd-mcp}"
  [ -x "$mcp" ] || { echo "release-npm: no ${exe/gsd/gsd-mcp} beside $bin" >&2; exit 2; }
  install -m 0755 "$mcp" "$dir/bin/${exe/gsd/gsd-mcp}"
  sed -e "s|@SCOPE@|$SCOPE|g" -e "s|@VERSION@|$VERSION|g" -e "s|@PLATFORM@|$platform|g" \
    -e "s|@OS@|$os|g" -e "s|@CPU@|$cpu|g" -e "s|@EXE@|$exe|g" -e "s|@MCP_EXE@|${exe/gsd/gsd-mcp}|g" \
    npm/platform/package.json.in >"$dir/package.json"
  printf '# %s/gsd-%s\n\nThe gsd binary for %s, installed by `%s/gsd`; see that package.\n' \
    "$SCOPE" "$platform" "$platform" "$SCOPE" >"$dir/README.md"
  (cd "$dir" && npm pack --silent --pack-destination "$OUT" >/dev/null)
  # The cargo-binstall archive: the binary at the top.
  tar -C "$dir/bin" -czf "$OUT/gsd-$triple.tar.gz" "$exe" "${exe/gsd/gsd-mcp}"
  deps="$deps${deps:+,}
    \"$SCOPE/gsd-$platform\": \"$VERSION\""
  echo "== $SCOPE/gsd-$platform $VERSION" >&2
done <npm/targets.tsv
[ -n "$deps" ] || { echo "release-npm: no platform has a binary" >&2; exit 2; }

dir="$STAGE/gsd"
mkdir -p "$dir/bin"
install -m 0755 npm/gsd/bin/gsd.js "$dir/bin/gsd.js"
sed "s|@SCOPE@|$SCOPE|g" npm/gsd/README.md >"$dir/README.md"
DEPS="{$deps
  }" SCOPE="$SCOPE" VERSION="$VERSION" node -e '
  const fs = require("fs");
  const t = fs.readFileSync(process.argv[1], "utf8");
  process.stdout.write(t.replaceAll("@SCOPE@", process.env.SCOPE)
    .replaceAll("@VERSION@", process.env.VERSION)
    .replace("@OPTIONAL_DEPENDENCIES@", process.env.DEPS));
' npm/gsd/package.json.in >"$dir/package.json"
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$dir/package.json"
(cd "$dir" && npm pack --silent --pack-destination "$OUT" >/dev/null)
echo "== $SCOPE/gsd $VERSION" >&2
ls -1 "$OUT"/*.tgz "$OUT"/*.tar.gz
