/**
 * Hardhat 2, unchanged: runs `npx hardhat test --network theta` in examples/hardhat against a
 * privatenet node of its own (THETA_RPC_URL), and expects all of the project's tests to pass.
 */
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startNode, type TestNode } from "./support/node.ts";

const PROJECT = join(REPO_ROOT, "examples/hardhat");

let node: TestNode;
beforeAll(async () => {
  node = await startNode();
});
afterAll(async () => {
  await node?.stop();
});

/** Runs a command to completion, collecting its output. */
function run(
  cmd: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
    for (const k of Object.keys(childEnv)) if (k.startsWith("THETA_") && !(k in env)) delete childEnv[k];
    const child = spawn(cmd, args, { cwd: PROJECT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The number of `it(` cases in the project's test files. */
async function countTests(): Promise<number> {
  let n = 0;
  for (const f of await readdir(join(PROJECT, "test"))) {
    n += ((await readFile(join(PROJECT, "test", f), "utf8")).match(/^\s*it\(/gm) ?? []).length;
  }
  return n;
}

describe("Hardhat 2 project (examples/hardhat)", () => {
  it("npx hardhat test --network theta passes against the node", async () => {
    const expected = await countTests();
    expect(expected).toBeGreaterThan(0);
    const { code, output } = await run("npx", ["hardhat", "test", "--network", "theta"], {
      THETA_RPC_URL: node.url,
      CI: "true",
      HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
      NO_COLOR: "1",
    });
    if (code !== 0) console.error(output);
    expect(output).not.toMatch(/Downloading compiler/);
    expect(code).toBe(0);
    expect(output).toMatch(new RegExp(`\\b${expected} passing\\b`));
    expect(output).not.toMatch(/^\s*\d+ failing/m);
  });
});
