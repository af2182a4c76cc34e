/**
 * Acceptance (issue 16) with real processes: `theta devnet init --validators 2 --guardians 1 --eens 3`
 * and `theta devnet start` on 127.0.0.1. The three elite edge nodes (`een.enabled`) follow the chain
 * and vote for checkpoint 1; a validator puts their aggregate into the header of the next checkpoint
 * (101, the profile's interval is 100), whose coinbase pays the EEN stake sources the amounts of
 * docs/ledger.md §8.2, computed below by hand from the stakes in the devnet's genesis.json.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../../src/devnet/manifest.ts";
import { createRpcClient, type RpcClient } from "../../src/devnet/rpcClient.ts";
import { runTheta, spawnTheta } from "../cli/runTheta.ts";
import { alive, freeBasePort } from "../devnet/basePort.ts";
import { until } from "../e2e/node.ts";

const E18 = 10n ** 18n;
const CHECKPOINT_INTERVAL = 100n; // the privatenet rules a devnet runs on

interface EenVotesJson {
  Block: string;
  Addresses: string[];
  Multiplies: number[];
}
interface BlockJson {
  hash: string;
  guardian_votes: { Block: string } | null;
  elite_edge_node_votes: EenVotesJson | null;
}
interface GenesisJson {
  eliteEdgeNodeStakes: Array<{ source: string; holder: string; tfuelWei: string }>;
}

const tfuelAt = async (rpc: RpcClient, address: string, height: bigint): Promise<bigint> =>
  BigInt(
    (await rpc.call<{ coins: { tfuelwei: string } }>("theta.GetAccount", { address, height: String(height) }))
      .coins.tfuelwei,
  );

/**
 * docs/ledger.md §8.2 by hand for stakes that are one per node (source = holder here). The weight of
 * docs/ledger.md §8.3 is b = ⌊stake / 10,000 TFUEL⌋ coins, each succeeding when a draw below 1e18 falls under
 * p = ⌊⌊1e18·800·stake / total⌋ / b⌋; with p ≥ 1e18 every draw succeeds and w = b (asserted).
 * eff = ⌊1e18·w·amount / node stake⌋; R = ⌊3800 TFUEL·eff / Σeff⌋.
 */
function expectedEenRewards(
  stakes: ReadonlyMap<string, bigint>,
  voted: readonly string[],
): Map<string, bigint> {
  const total = [...stakes.values()].reduce((a, b) => a + b, 0n);
  const eff = new Map<string, bigint>();
  for (const addr of voted) {
    const stake = stakes.get(addr)!;
    const b = stake / (10_000n * E18);
    const p = (E18 * 800n * stake) / total / b;
    expect(p >= E18, "every coin of the weight succeeds").toBe(true);
    eff.set(addr, (E18 * b * stake) / stake);
  }
  const totalEff = [...eff.values()].reduce((a, b) => a + b, 0n);
  return new Map([...eff].map(([a, e]) => [a, (3800n * E18 * e) / totalEff]));
}

let tmp: string | undefined;
let devnet: ChildProcess | undefined;
const pids: number[] = [];
afterAll(async () => {
  if (devnet !== undefined && devnet.exitCode === null && devnet.signalCode === null) devnet.kill("SIGKILL");
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describe("elite edge nodes as real processes in a devnet", () => {
  it("the EENs' votes land in the next checkpoint header, whose coinbase pays the EEN stake sources (docs/ledger.md §8.2)", async () => {
    tmp = await mkdtemp(join(tmpdir(), "theta-een-devnet-"));
    const dir = join(tmp, "net");
    const init = await runTheta([
      "devnet",
      "init",
      "--validators=2",
      "--guardians=1",
      "--eens=3",
      "--block-interval-ms=300",
      `--out=${dir}`,
      `--base-port=${await freeBasePort(6)}`,
    ]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const manifest = await readManifest(dir);
    const eens = manifest.nodes.filter((n) => n.role === "een");
    expect(eens.map((n) => n.name)).toEqual(["een-1", "een-2", "een-3"]);
    for (const n of eens) expect(init.stdout).toMatch(new RegExp(`^${n.name} +een +${n.address}`, "m"));
    const genesis = JSON.parse(await readFile(join(dir, "genesis.json"), "utf8")) as GenesisJson;
    const stakes = new Map(
      genesis.eliteEdgeNodeStakes.map((s) => [s.holder.toLowerCase(), BigInt(s.tfuelWei)]),
    );
    expect([...stakes.keys()].sort()).toEqual(eens.map((n) => n.address.toLowerCase()).sort());

    const child = spawnTheta(["devnet", "start", dir]);
    devnet = child;
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdout?.on("data", (c: Buffer) => {
      for (const m of c.toString("utf8").matchAll(/devnet: started \S+ \(\w+, pid (\d+)\)/g))
        pids.push(Number(m[1]));
    });
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(c));

    const validator = createRpcClient(manifest.nodes[0]!.rpcPort);
    const een1 = createRpcClient(eens[0]!.rpcPort);
    // The first checkpoint whose (finalized) header carries EliteEdgeNodeVotes.
    let checkpoint = CHECKPOINT_INTERVAL + 1n;
    const found = await until(async () => {
      try {
        const status = await validator.call<{ latest_finalized_block_height: string }>("theta.GetStatus");
        if (BigInt(status.latest_finalized_block_height) < checkpoint) return undefined;
        const b = await validator.call<BlockJson>("theta.GetBlockByHeight", { height: String(checkpoint) });
        if (b.elite_edge_node_votes === null) {
          checkpoint += CHECKPOINT_INTERVAL;
          return undefined;
        }
        return b;
      } catch {
        return undefined; // not serving RPC yet
      }
    }, 500);
    const votes = found.elite_edge_node_votes!;
    const voted = await validator.call<BlockJson>("theta.GetBlockByHeight", {
      height: String(checkpoint - CHECKPOINT_INTERVAL),
    });
    expect(votes.Block).toBe(voted.hash);
    expect(found.guardian_votes?.Block).toBe(voted.hash); // docs/ledger.md §8.2 pays only then
    const ascending = eens.map((n) => n.address.toLowerCase()).sort();
    expect(votes.Addresses).toEqual(ascending);
    expect(votes.Multiplies).toEqual([1, 1, 1]);

    const expected = expectedEenRewards(stakes, votes.Addresses);
    // 3 equal stakes of 10,000 TFUEL: w = 1 each, eff = 1e18 each, R = ⌊3800e18 / 3⌋.
    for (const r of expected.values()) expect(r).toBe(1_266_666_666_666_666_666_666n);
    for (const rpc of [validator, een1]) {
      for (const [addr, reward] of expected) {
        const before = await tfuelAt(rpc, addr, checkpoint - 1n);
        const after = await tfuelAt(rpc, addr, checkpoint);
        expect(after - before, addr).toBe(reward);
      }
    }
    // Nothing reached them before: their balance at the block before is the genesis one (10,000,000 TFUEL).
    if (checkpoint === CHECKPOINT_INTERVAL + 1n) {
      for (const addr of expected.keys())
        expect(await tfuelAt(validator, addr, checkpoint - 1n)).toBe(10_000_000n * E18);
    }

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(pids).toHaveLength(6);
  }, 420_000); // a 2-core machine shared with other work: ~100 s to start 6 processes, 101 blocks
});
