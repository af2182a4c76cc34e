/** The tests Node runs in the given files, as `vitest list` names them (nothing is run). */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "./build.ts";

const HARNESS = dirname(fileURLToPath(import.meta.url));

export interface ListedTest {
  readonly file: string;
  readonly name: string;
}

export function listNodeTests(files: readonly string[], jsonOut: string): Promise<ListedTest[]> {
  const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
  // The variables vitest sets for its own workers would make the child think it is one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
  const args = [vitest, "list", `--json=${jsonOut}`, "--config", join(HARNESS, "list.config.ts"), ...files];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`vitest list exited ${code}:\n${stderr}`));
      const listed = JSON.parse(readFileSync(jsonOut, "utf8")) as ListedTest[];
      resolve(listed.map((t) => ({ file: relative(ROOT, t.file), name: t.name })));
    });
  });
}
