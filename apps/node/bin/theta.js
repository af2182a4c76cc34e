#!/usr/bin/env node
// The `theta` command: a committed launcher, so that pnpm links the bin at install time (before the
// build exists) and `npx theta` works from the repository root after set-up. It runs the build.
import { existsSync } from "node:fs";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  console.error(
    "theta: apps/node/dist/main.js is missing; run `node scripts/setup.mjs` (install and build) first.",
  );
  process.exit(1);
}
await import(main.href);
