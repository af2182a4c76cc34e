/**
 * End to end: `theta devnet init --validators 4 --guardians 2` and `theta devnet start` as real
 * processes on 127.0.0.1; every node reaches the same finalized block at a height ≥ 3, and SIGINT
 * to the devnet process stops every node.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DevnetManifest, readManifest } from "../../src/devnet/manifest.ts";
import { createRpcClient } from "../../src/devnet/rpcClient.ts";
import { runTheta, spawnTheta } from "../cli/runTheta.ts";
import { until } from "../e2e/node.ts";
import { alive, freeBasePort } from "./basePort.ts";

let tmp: string | undefined;
let devnet: ChildProcess | undefined;
const pids: number[] = [];
afterAll(async () => {
  // A failed run may leave processes behind.
  if (devnet !== undefined && devnet.exitCode === null && devnet.signalCode === null) devnet.kill("SIGKILL");
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

interface Status {
  latest_finalized_block_height: string;
}

describe("theta devnet", () => {
  it("runs 4 validators and 2 guardians that finalize the same blocks, and stops them all on SIGINT", async () => {
    tmp = await mkdtemp(join(tmpdir(), "theta-devnet-e2e-"));
    const dir = join(tmp, "net");
    const init = await runTheta([
      "devnet",
      "init",
      "--validators=4",
      "--guardians=2",
      `--out=${dir}`,
      `--base-port=${await freeBasePort(6)}`,
    ]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const manifest: DevnetManifest = await readManifest(dir);
    expect(manifest.nodes.map((n) => n.role)).toEqual([
      "validator",
      "validator",
      "validator",
      "validator",
      "guardian",
      "guardian",
    ]);
    for (const n of manifest.nodes) expect(init.stdout).toContain(`${n.name} `);

    const child = spawnTheta(["devnet", "start", dir]);
    devnet = child;
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    let output = "";
    child.stdout?.on("data", (c: Buffer) => {
      output += c.toString("utf8");
      for (const m of c.toString("utf8").matchAll(/devnet: started \S+ \(\w+, pid (\d+)\)/g))
        pids.push(Number(m[1]));
    });
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(c));

    const rpcs = manifest.nodes.map((n) => createRpcClient(n.rpcPort));
    const agreed = await until(async () => {
      try {
        const heights = await Promise.all(
          rpcs.map(async (r) =>
            Number((await r.call<Status>("theta.GetStatus")).latest_finalized_block_height),
          ),
        );
        const h = Math.min(...heights);
        if (h < 3) return undefined;
        const hashes = await Promise.all(
          rpcs.map(
            async (r) =>
              (await r.call<{ hash: string }>("theta.GetBlockByHeight", { height: String(h) })).hash,
          ),
        );
        return { h, hashes };
      } catch {
        return undefined; // not every node serves RPC yet
      }
    }, 500);
    expect(new Set(agreed.hashes).size).toBe(1);
    expect(agreed.hashes[0]).toMatch(/^0x[0-9a-f]{64}$/);
    expect(pids).toHaveLength(6);
    // The status line names every node.
    await until(async () => (/^height \d+ \| /m.test(output) ? true : undefined), 200);
    const statusLine = output.split("\n").find((l) => l.startsWith("height "))!;
    for (const n of manifest.nodes) expect(statusLine).toContain(n.name);

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(output).toContain("devnet: every node stopped");
  }, 280_000);
});
