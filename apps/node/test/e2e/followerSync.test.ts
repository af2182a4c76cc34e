/**
 * Header-first sync end to end (issue 15): a follower started with an empty database joins a validator
 * that is at least 2,000 blocks ahead over libp2p on 127.0.0.1, reports `syncing` while it catches up,
 * reaches the validator's tip and then reports `syncing: false`; its resident memory, sampled from
 * /proc during the sync, stays under a fixed bound.
 */
import { cp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, freePort, startTestNode, stopTestNodes, type TestNode, until } from "./node.ts";

const FOLLOWER_KEY = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;

/** Blocks the validator is ahead when the follower starts. */
const AHEAD = 2_000;
/** The follower's resident memory bound during the sync (a size; the node idles at about 250 MiB). */
const RSS_BOUND_MIB = 700;

interface Status {
  latest_finalized_block_height: string;
  current_height: string;
  syncing: boolean;
}

const nodes: TestNode[] = [];
const dirs: string[] = [];
afterAll(() => stopTestNodes(nodes, dirs));

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return kb / 1024;
}

/** An eth_ method (positional params). */
async function eth(n: TestNode, method: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${n.port}/rpc`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
  });
  return ((await res.json()) as { result?: unknown }).result;
}

const height = async (n: TestNode): Promise<number> =>
  Number((await n.call<Status>("theta.GetStatus")).latest_finalized_block_height);

describe("a follower with an empty database joins a validator far ahead", () => {
  it("syncs header-first to the tip with syncing true during and false after, its memory bounded", async () => {
    const validatorDir = await copyNodeDir(FIXTURE_NODE, "theta-syncval-");
    const followerDir = await copyNodeDir(FIXTURE_NODE, "theta-syncfol-");
    dirs.push(validatorDir, followerDir);
    const port = await freePort();
    const p2p = { THETA_P2P_PORT: String(port), THETA_CONSENSUS_STALLWARNINGBLOCKS: "0" };
    // A 10 ms block interval gets the validator far ahead quickly; it then restarts at a normal pace, so
    // the follower catches up with a target that moves slowly.
    const fast = await startTestNode(validatorDir, { ...p2p, THETA_CONSENSUS_BLOCKINTERVALMS: "10" });
    nodes.push(fast);
    await until(async () => ((await height(fast)) >= AHEAD ? true : undefined), 500);
    fast.child.kill("SIGTERM");
    await fast.exited;
    // The follower runs with a key that holds no stake.
    await rm(join(followerDir, "key", "encrypted"), { recursive: true });
    await cp(
      join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", FOLLOWER_KEY),
      join(followerDir, "key", "encrypted", FOLLOWER_KEY),
    );
    const [validator, follower] = await Promise.all([
      startTestNode(validatorDir, { ...p2p, THETA_CONSENSUS_BLOCKINTERVALMS: "500" }),
      startTestNode(followerDir, {
        THETA_P2P_PORT: String(await freePort()),
        THETA_P2P_SEEDS: `127.0.0.1:${port}`,
        THETA_CONSENSUS_STALLWARNINGBLOCKS: "0",
      }),
    ]);
    nodes.push(validator, follower);
    const pid = follower.child.pid as number;
    let sawSyncing = false;
    let ethDuring: { startingBlock: string; currentBlock: string; highestBlock: string } | false | undefined;
    let peakRss = 0;
    let last = 0;
    await until(async () => {
      const s = await follower.call<Status>("theta.GetStatus");
      if (s.syncing && !ethDuring) {
        sawSyncing = true;
        ethDuring = (await eth(follower, "eth_syncing")) as typeof ethDuring;
      }
      peakRss = Math.max(peakRss, await rssMiB(pid));
      last = Number(s.latest_finalized_block_height);
      const target = await height(validator);
      return !s.syncing && last >= AHEAD && target - last <= 8 ? true : undefined;
    }, 200);
    expect(sawSyncing).toBe(true);
    expect(last).toBeGreaterThanOrEqual(AHEAD);
    const after = await follower.call<Status>("theta.GetStatus");
    expect(after.syncing).toBe(false);
    expect(await eth(follower, "eth_syncing")).toBe(false);
    // While syncing, eth_syncing gave the standard object, the highest block above the current one.
    expect(ethDuring).not.toBe(false);
    const during = ethDuring as { startingBlock: string; currentBlock: string; highestBlock: string };
    expect(Object.keys(during).sort()).toEqual(["currentBlock", "highestBlock", "startingBlock"]);
    expect(BigInt(during.highestBlock)).toBeGreaterThan(BigInt(during.currentBlock));
    expect(peakRss).toBeLessThan(RSS_BOUND_MIB);
    console.log(`follower synced ${last} blocks, peak RSS ${peakRss.toFixed(0)} MiB`);
  }, 600_000);
});
