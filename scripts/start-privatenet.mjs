#!/usr/bin/env node
// `npm start` (after scripts/setup.mjs has installed and built): runs the privatenet node from
// fixtures/privatenet/node with the fixture's password. The chain database lives in
// .tmp/privatenet/ (git-ignored), so a second start resumes the same chain; delete that
// directory to start over from genesis. Prints where the JSON-RPC server listens.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "apps", "node", "dist", "main.js");
const config = join(root, "fixtures", "privatenet", "node");
const data = join(root, ".tmp", "privatenet");
if (!existsSync(main) || !existsSync(join(config, "config.yaml"))) {
  console.error(
    `npm start: ${existsSync(main) ? "fixtures/privatenet/node/config.yaml" : "apps/node/dist/main.js"} is missing; run \`node scripts/setup.mjs\` (install and build) first.`,
  );
  process.exit(1);
}
mkdirSync(data, { recursive: true, mode: 0o700 });
console.log(`Starting the privatenet node: config ${config}, data ${data}`);
const child = spawn(process.execPath, [main, "start", `--config=${config}`, `--data=${data}`], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { THETA_NODE_PASSWORD: "qwertyuiop", ...process.env },
});
createInterface({ input: child.stdout }).on("line", (line) => {
  console.log(line);
  if (!line.startsWith("{")) return;
  try {
    const entry = JSON.parse(line);
    if (entry.msg === "rpc listening (POST /rpc)") {
      console.log(`\n  JSON-RPC: http://${entry.address}:${entry.port}/rpc  (Ctrl-C stops the node)\n`);
    }
  } catch {
    // not a log line
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
