import { copyFile, cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, freePort, startTestNode, stopTestNodes, type TestNode, until } from "./node.ts";

const FOLLOWER_KEY = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;

interface Status {
  latest_finalized_block_height: string;
}
interface BlockAt {
  hash: string;
}

const nodes: TestNode[] = [];
const dirs: string[] = [];
afterAll(() => stopTestNodes(nodes, dirs));

describe("a node started from a BackupSnapshot", () => {
  it("imports the snapshot at H and syncs only the blocks after H from its peer", async () => {
    const aDir = await copyNodeDir(FIXTURE_NODE, "theta-snapa-");
    const bDir = await copyNodeDir(FIXTURE_NODE, "theta-snapb-");
    dirs.push(aDir, bDir);
    const port = await freePort();
    const a = await startTestNode(aDir, {
      THETA_P2P_PORT: String(port),
      THETA_CONSENSUS_BLOCKINTERVALMS: "300",
    });
    nodes.push(a);
    const H = 4n;
    await until(async () =>
      BigInt((await a.call<Status>("theta.GetStatus")).latest_finalized_block_height) >= H + 5n
        ? true
        : undefined,
    );
    const { snapshot_file } = await a.call<{ snapshot_file: string }>("theta.BackupSnapshot", {
      config: aDir,
      height: Number(H),
      version: 2,
    });
    // B: the same chain, a key without stake (B follows), an empty database, and the snapshot
    // file where the genesis was (`<config>/snapshot`, the default of --snapshot).
    await rm(join(bDir, "key", "encrypted"), { recursive: true });
    await cp(
      join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", FOLLOWER_KEY),
      join(bDir, "key", "encrypted", FOLLOWER_KEY),
    );
    await copyFile(snapshot_file, join(bDir, "snapshot"));
    const b = await startTestNode(bDir, {
      THETA_P2P_PORT: String(await freePort()),
      THETA_P2P_SEEDS: `127.0.0.1:${port}`,
    });
    nodes.push(b);
    const target = BigInt((await a.call<Status>("theta.GetStatus")).latest_finalized_block_height);
    await until(async () =>
      BigInt((await b.call<Status>("theta.GetStatus")).latest_finalized_block_height) >= target
        ? true
        : undefined,
    );
    // The snapshot block and every block after it: the same hashes on both nodes.
    for (let h = H; h <= target; h++) {
      const [x, y] = await Promise.all([
        a.call<BlockAt>("theta.GetBlockByHeight", { height: String(h) }),
        b.call<BlockAt>("theta.GetBlockByHeight", { height: String(h) }),
      ]);
      expect(y.hash).toBe(x.hash);
    }
    // Below the snapshot B has nothing, and says why (A, from genesis, has those blocks).
    for (const h of [0n, H - 1n]) {
      expect((await a.call<BlockAt>("theta.GetBlockByHeight", { height: String(h) })).hash).toMatch(/^0x/);
      const r = await b.raw("theta.GetBlockByHeight", { height: String(h) });
      expect(r.error?.message).toBe(
        `block at height ${h} is not available (node started from a snapshot at ${H})`,
      );
    }
  }, 180_000);
});
