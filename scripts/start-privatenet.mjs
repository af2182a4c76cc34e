#!/usr/bin/env node
// `npm start`: run the privatenet node from fixtures/privatenet with the fixture's password.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "apps", "node", "dist", "main.js");
const config = join(root, "fixtures", "privatenet", "node");
if (!existsSync(main) || !existsSync(join(config, "config.yaml"))) {
  console.error(
    "npm start: the node (apps/node) and the privatenet fixture are not built yet; see the open issues (`issues list`).",
  );
  process.exit(1);
}
const child = spawn(process.execPath, [main, "start", `--config=${config}`], {
  stdio: "inherit",
  env: { THETA_NODE_PASSWORD: "qwertyuiop", ...process.env },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
