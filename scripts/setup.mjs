#!/usr/bin/env node
// Installs what is missing and builds: the shared first step of `npm start` and `npm test`.
// Install runs when node_modules is absent or older than the lockfile; the build is turbo's
// (cached, so a second run is quick).
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runPnpm } from "./pnpm.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "node_modules", ".modules.yaml");
const lock = join(root, "pnpm-lock.yaml");

function needsInstall() {
  if (!existsSync(marker)) return true;
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs;
}

function step(title, args) {
  console.log(`\n> ${title}`);
  const status = runPnpm(args);
  if (status !== 0) {
    console.error(`setup: '${title}' failed with exit code ${status}`);
    process.exit(status);
  }
}

if (needsInstall()) {
  step("installing dependencies (pnpm install --frozen-lockfile)", ["install", "--frozen-lockfile"]);
}
step("building every package (turbo run build)", [
  "exec",
  "turbo",
  "run",
  "build",
  "--output-logs=errors-only",
]);
