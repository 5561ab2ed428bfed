#!/usr/bin/env node
// The `gsd` command of the npm package: finds the native binary that the package for this
// platform (an optionalDependency, e.g. @gsd-tools/gsd-linux-x64) installed, and runs it
// with the same arguments, standard streams and exit code. npm installs only the platform
// package whose "os" and "cpu" match, the way esbuild and biome ship their binaries.
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const scope = require("../package.json").name.replace(/\/[^/]*$/, "");
const platform = `${process.platform}-${process.arch}`;
const pkg = `${scope}/gsd-${platform}`;
const exe = process.platform === "win32" ? "gsd.exe" : "gsd";

function binaryPath() {
  // GSD_BINARY overrides the lookup, e.g. to try a locally built gsd.
  if (process.env.GSD_BINARY) return process.env.GSD_BINARY;
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    return null;
  }
}

const bin = binaryPath();
if (!bin || !fs.existsSync(bin)) {
  process.stderr.write(
    `gsd: error: no gsd binary for ${platform}: the package ${pkg} is not installed\n` +
      `  hint: reinstall without --no-optional / --omit=optional; if ${platform} has no ` +
      `package, install with cargo instead: cargo install --locked gsd\n`,
  );
  process.exit(2);
}

// npm may drop the executable bit when it unpacks; put it back rather than fail.
try {
  fs.accessSync(bin, fs.constants.X_OK);
} catch {
  try {
    fs.chmodSync(bin, 0o755);
  } catch {}
}

const result = spawnSync(bin, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`gsd: error: cannot run ${path.resolve(bin)}: ${result.error.message}\n`);
  process.exit(2);
}
if (result.signal) {
  // Die of the same signal, so a shell sees what the binary saw (Ctrl-C stays Ctrl-C).
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);
