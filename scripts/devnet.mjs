#!/usr/bin/env node
// `npm run devnet` (after scripts/setup.mjs has installed and built): a local network of 4 validators
// and 2 guardian nodes in .devnet/ (git-ignored), written by `theta devnet init` on the first run and
// reused afterwards (delete .devnet/ to start over from genesis), then run by `theta devnet start`.
// Extra arguments go to `theta devnet start` (e.g. `npm run devnet -- --only validator-1`).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "apps", "node", "dist", "main.js");
const dir = join(root, ".devnet");
if (!existsSync(main)) {
  console.error(
    "npm run devnet: apps/node/dist/main.js is missing; run `node scripts/setup.mjs` (install and build) first.",
  );
  process.exit(1);
}
if (existsSync(join(dir, "devnet.json"))) {
  console.log(`Reusing the devnet in ${dir} (delete it to start from genesis again)`);
} else {
  const init = spawnSync(
    process.execPath,
    [main, "devnet", "init", "--validators=4", "--guardians=2", `--out=${dir}`],
    { stdio: "inherit" },
  );
  if (init.status !== 0) process.exit(init.status ?? 1);
}
const child = spawn(process.execPath, [main, "devnet", "start", dir, ...process.argv.slice(2)], {
  stdio: "inherit",
});
// Ctrl-C reaches the whole process group; `theta devnet start` stops the nodes, then this exits with it.
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
