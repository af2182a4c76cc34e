#!/usr/bin/env node
// Runs the pinned pnpm without corepack (broken on our machines): a global `pnpm` of the
// pinned version when present, otherwise `npx pnpm@<version>`. The version comes from the
// root package.json's `packageManager` field, so there is one place to change it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const version = String(pkg.packageManager).replace(/^pnpm@/, "");

export function runPnpm(args, opts = {}) {
  const local = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: false });
  const useLocal = local.status === 0 && local.stdout.trim() === version;
  const [cmd, cmdArgs] = useLocal ? ["pnpm", args] : ["npx", ["--yes", `pnpm@${version}`, ...args]];
  const res = spawnSync(cmd, cmdArgs, { stdio: "inherit", cwd: root, ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(runPnpm(process.argv.slice(2)));
}
